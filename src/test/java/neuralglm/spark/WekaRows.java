package neuralglm.spark;

import java.util.List;

import org.apache.spark.sql.types.StructType;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.Utils;

/** Table rows as Weka instances of a given header, each attribute filled from the column of its name. */
final class WekaRows {

    private WekaRows() {
    }

    /**
     * @param header the header (attributes named like columns of {@code schema}; others stay missing)
     * @param schema the rows' schema
     * @param rows   the cells (null: missing)
     * @return the instances, weight 1
     */
    static Instances of(Instances header, StructType schema, List<Object[]> rows) {
        final Instances data = new Instances(header, rows.size());
        final String[] columns = schema.fieldNames();
        for (Object[] r : rows) {
            final double[] v = new double[header.numAttributes()];
            for (int a = 0; a < v.length; a++) {
                final Attribute att = header.attribute(a);
                final int c = List.of(columns).indexOf(att.name());
                final Object cell = c < 0 ? null : r[c];
                v[a] = cell == null ? Utils.missingValue()
                        : att.isNominal() ? att.indexOfValue(cell.toString()) : ((Number) cell).doubleValue();
            }
            data.add(new DenseInstance(1.0, v));
        }
        return data;
    }
}

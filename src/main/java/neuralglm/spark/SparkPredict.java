package neuralglm.spark;

import neuralglm.model.TabularModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.ejml.data.DMatrixRMaj;

/**
 * Scores a table in the cluster with a {@link TabularModel}: the model is broadcast once and each
 * partition predicts its rows in blocks, {@code mu = g^-1(net(encode(cells)))}, exactly as
 * {@link TabularModel#mean} does on one machine.
 */
public final class SparkPredict {

    /** Rows predicted together. */
    private static final int BLOCK = 1024;

    private SparkPredict() {
    }

    /**
     * @param table  rows with (at least) the model's feature columns
     * @param model  the trained model
     * @param prefix name of the added column(s): {@code prefix} for one output, {@code prefix_class}
     *               for each class of a Categorical label
     * @return the table with the predicted mean(s) appended as double columns
     */
    public static Dataset<Row> withMeans(Dataset<Row> table, TabularModel model, String prefix) {
        final String[] features = model.encoder().featureNames();
        final int[] index = new int[features.length];
        for (int j = 0; j < features.length; j++) {
            Columns.nominal(table, features[j], "feature");
            index[j] = table.schema().fieldIndex(features[j]);
        }
        final String[] classes = model.label().classes();
        final int k = model.label().columns();
        StructType schema = table.schema();
        for (int c = 0; c < k; c++) {
            schema = schema.add(k == 1 ? prefix : prefix + "_" + classes[c], DataTypes.DoubleType, false);
        }
        final Broadcast<TabularModel> shared = table.sparkSession().sparkContext()
                .broadcast(model, scala.reflect.ClassTag$.MODULE$.apply(TabularModel.class));
        final int width = table.schema().size();
        return table.mapPartitions((MapPartitionsFunction<Row, Row>) rows -> predict(rows, shared.value(), index, width, k),
                Encoders.row(schema));
    }

    private static Iterator<Row> predict(Iterator<Row> rows, TabularModel model, int[] index, int width, int k) {
        return new Iterator<>() {
            private final List<Row> out = new ArrayList<>();
            private int next;

            @Override
            public boolean hasNext() {
                if (next < out.size()) {
                    return true;
                }
                out.clear();
                next = 0;
                final List<Row> in = new ArrayList<>();
                while (rows.hasNext() && in.size() < BLOCK) {
                    in.add(rows.next());
                }
                if (in.isEmpty()) {
                    return false;
                }
                final Object[][] cells = new Object[in.size()][index.length];
                for (int i = 0; i < cells.length; i++) {
                    for (int j = 0; j < index.length; j++) {
                        cells[i][j] = in.get(i).get(index[j]);
                    }
                }
                final DMatrixRMaj mu = model.mean(cells);
                for (int i = 0; i < cells.length; i++) {
                    final Object[] values = Arrays.copyOf(toArray(in.get(i), width), width + k);
                    for (int c = 0; c < k; c++) {
                        values[width + c] = mu.get(i, c);
                    }
                    out.add(RowFactory.create(values));
                }
                return true;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return out.get(next++);
            }
        };
    }

    private static Object[] toArray(Row r, int width) {
        final Object[] v = new Object[width];
        for (int i = 0; i < width; i++) {
            v[i] = r.get(i);
        }
        return v;
    }
}

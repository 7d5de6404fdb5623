package neuralglm.spark.ml;

import java.util.Arrays;
import java.util.Locale;

import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.BinaryAttribute;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

/**
 * A Categorical label as Spark ML's classifiers take it: class indices 0, 1, 2, ... (whole numbers &gt;= 0, as
 * {@code StringIndexer} makes them), and a probability vector whose element i is P(label = i), of length
 * (largest class + 1, or the label metadata's number of classes when larger). The engine sorts the classes as text ({@code "10" < "2"}), so the model maps its
 * probabilities to these positions.
 */
final class ClassIndices {
    /** Spark ML's bound on a class index. */
    private static final double MAX = Integer.MAX_VALUE - 1;

    private ClassIndices() {
    }

    /**
     * Refuses, before training, a label value that is not a class index (one Spark job, stopping at the first).
     *
     * @param dataset the training data
     * @param label   the label column (numeric)
     * @throws IllegalArgumentException naming the column and the value
     */
    static void requireInData(Dataset<?> dataset, String label) {
        final Column y = functions.col(Schemas.quote(label)).cast("double");
        final Column bad = y.isNotNull().and(functions.not(functions.isnan(y)))
                .and(y.lt(0).or(y.gt(MAX)).or(y.notEqual(functions.floor(y).cast("double"))));
        final Row[] first = (Row[]) dataset.toDF().select(y).filter(bad).limit(1).collect();
        if (first.length > 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "Label column '%s' has the value %s; the "
                    + "Categorical family needs class indices 0, 1, 2, ... (whole numbers >= 0), as Spark ML's classifiers "
                    + "do: index the classes with StringIndexer", label, first[0].get(0)));
        }
    }

    /**
     * @param classes the model's classes, in its order (text of whole numbers)
     * @return each class's position in Spark ML's probability vector (its value)
     * @throws IllegalArgumentException when a class is not a class index
     */
    static int[] of(String[] classes) {
        final int[] index = new int[classes.length];
        for (int c = 0; c < classes.length; c++) {
            double v;
            try {
                v = Double.parseDouble(classes[c]);
            } catch (NumberFormatException e) {
                v = Double.NaN;
            }
            if (!(v >= 0 && v <= MAX && v == Math.rint(v))) {
                throw new IllegalArgumentException("The model's classes " + Arrays.toString(classes) + " are not class "
                        + "indices 0, 1, 2, ...: Spark ML's probability vector is indexed by the label value (train it on a "
                        + "label indexed by StringIndexer)");
            }
            index[c] = (int) v;
        }
        return index;
    }

    /**
     * @param schema the training data's schema
     * @param label  the label column
     * @return the number of classes its ML attribute metadata gives (a {@code StringIndexer}'s labels, a binary
     *         attribute's 2), or 0 when it has none
     */
    static int fromMetadata(StructType schema, String label) {
        final Attribute a = Attribute.fromStructField(schema.apply(label));
        if (a instanceof NominalAttribute n && n.getNumValues().isDefined()) {
            return (Integer) n.getNumValues().get();
        }
        return a instanceof BinaryAttribute ? 2 : 0;
    }

    /**
     * @param index the classes' positions ({@link #of})
     * @return the probability vector's length: the largest class + 1
     */
    static int size(int[] index) {
        return Arrays.stream(index).max().orElse(-1) + 1;
    }
}

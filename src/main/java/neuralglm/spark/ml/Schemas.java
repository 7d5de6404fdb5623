package neuralglm.spark.ml;

import java.util.Arrays;

import neuralglm.family.Family;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;

/** Schema checks and the output columns of {@link NeuralGLMEstimator} and {@link NeuralGLMModel}. */
final class Schemas {

    private Schemas() {
    }

    static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    private static DataType type(StructType schema, String name, String role) {
        if (!Arrays.asList(schema.fieldNames()).contains(name)) {
            throw new IllegalArgumentException("The " + role + " column '" + name + "' is not in the data; its columns are "
                    + Arrays.toString(schema.fieldNames()));
        }
        return schema.apply(name).dataType();
    }

    static void requireVector(StructType schema, String name) {
        final DataType t = type(schema, name, "features");
        if (!t.equals(SQLDataTypes.VectorType())) {
            throw new IllegalArgumentException("The features column '" + name + "' has type " + t.simpleString()
                    + "; expected a vector (assemble the inputs with VectorAssembler)");
        }
    }

    static void requireColumn(StructType schema, String name, String role) {
        final DataType t = type(schema, name, role);
        if (!(t instanceof NumericType || t instanceof StringType || t instanceof BooleanType)) {
            throw new IllegalArgumentException("The " + role + " column '" + name + "' has type " + t.simpleString()
                    + "; expected a number (or a string/boolean class)");
        }
    }

    static void requireClassIndices(StructType schema, String name, String family) {
        final DataType t = type(schema, name, "label");
        if (!(t instanceof NumericType)) {
            throw new IllegalArgumentException("The label column '" + name + "' has type " + t.simpleString() + "; the "
                    + family + " family needs class indices 0, 1, 2, ... as numbers, as Spark ML's classifiers do (index "
                    + "the classes with StringIndexer)");
        }
    }

    /**
     * @param schema the input schema
     * @param name   the features column (a vector, {@link #requireVector})
     * @param width  the number of elements the model was trained on
     * @throws IllegalArgumentException when the column's ML metadata gives another size
     */
    static void requireSize(StructType schema, String name, int width) {
        final int size = org.apache.spark.ml.attribute.AttributeGroup.fromStructField(schema.apply(name)).size();
        if (size >= 0 && size != width) {
            throw new IllegalArgumentException("The features column '" + name + "' holds vectors of " + size
                    + " elements (by its ML attributes); the model was trained on " + width);
        }
    }

    static void requireNumeric(StructType schema, String name, String role) {
        final DataType t = type(schema, name, role);
        if (!(t instanceof NumericType)) {
            throw new IllegalArgumentException("The " + role + " column '" + name + "' has type " + t.simpleString()
                    + "; expected a number");
        }
    }

    /** A family's outputs in Spark ML's terms. */
    enum Kind {
        /** The mean mu only (as GeneralizedLinearRegression). */
        REGRESSION,
        /** Bernoulli: a binary classifier's raw prediction [-eta, eta] and probabilities [1 - mu, mu], and mu. */
        BINARY,
        /** Categorical: per class value i, eta and P(label = i); the likeliest class. */
        MULTICLASS;

        static Kind of(Family family) {
            return switch (family.labelCoding()) {
                case ONE_HOT -> MULTICLASS;
                case BINARY -> BINARY;
                default -> REGRESSION;
            };
        }
    }

    /**
     * @param p     the params
     * @param param one of its output column params
     * @return the column's name, or null when it is "" (switched off, as in Spark's classifiers)
     */
    static String outputOrNull(NeuralGLMParams p, org.apache.spark.ml.param.Param<String> param) {
        final String name = p.getOrDefault(param);
        return name == null || name.isEmpty() ? null : name;
    }

    /**
     * @param schema the input schema
     * @param p      the params (the output columns' names; "" switches one off)
     * @param family the family (Categorical and Bernoulli add the raw prediction and the probabilities)
     * @return the schema with the output columns appended, in {@link NeuralGLMModel#transform}'s order (as Spark's
     *         classifiers: the raw prediction, the probabilities, the link prediction, then the prediction)
     * @throws IllegalArgumentException for a link prediction column of a Categorical model
     */
    static StructType withOutputs(StructType schema, NeuralGLMParams p, Family family) {
        StructType out = schema;
        if (Kind.of(family) != Kind.REGRESSION) {
            out = add(out, outputOrNull(p, p.rawPredictionCol()), SQLDataTypes.VectorType());
            out = add(out, outputOrNull(p, p.probabilityCol()), SQLDataTypes.VectorType());
        }
        final String link = outputOrNull(p, p.linkPredictionCol());
        if (link != null && Kind.of(family) == Kind.MULTICLASS) {
            throw new IllegalArgumentException("linkPredictionCol '" + link + "' needs a one-output family; " + family.name()
                    + " has one linear predictor per class (the rawPrediction vector holds them)");
        }
        out = add(out, link, DataTypes.DoubleType);
        return add(out, outputOrNull(p, p.predictionCol()), DataTypes.DoubleType);
    }

    private static StructType add(StructType schema, String name, DataType type) {
        if (name == null) {
            return schema;
        }
        if (Arrays.asList(schema.fieldNames()).contains(name)) {
            throw new IllegalArgumentException("Output column '" + name + "' already exists in the data");
        }
        return schema.add(name, type, false);
    }
}

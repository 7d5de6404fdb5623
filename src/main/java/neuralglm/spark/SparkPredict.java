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
     * Command line for {@code spark-submit --class neuralglm.spark.SparkPredict neuralGLM.jar ...}: scores a
     * table with a saved model and writes the table with the prediction column(s) appended.
     * <pre>
     *   --model PATH (SparkTrain --save's file, or a NeuralGLMModel directory)  --input PATH (.csv or Parquet)
     *   --output PATH (.csv: CSV with a header; else Parquet)  [--prefix mu] [--overwrite] [--master url]
     * </pre>
     * Paths are anything the Hadoop FileSystem API reaches (local, hdfs:, s3a:, ...).
     *
     * @param args the options above
     * @throws java.io.IOException when the model cannot be read
     */
    public static void main(String[] args) throws java.io.IOException {
        final java.util.Map<String, String> o = SparkTrain.parse(args);
        for (String key : o.keySet()) {
            if (!java.util.Set.of("--model", "--input", "--output", "--prefix", "--overwrite", "--master").contains(key)) {
                throw new IllegalArgumentException("Unknown option " + key + "; SparkPredict takes --model --input --output "
                        + "[--prefix mu] [--overwrite] [--master url]");
            }
        }
        final String output = SparkTrain.required(o, "--output");
        final org.apache.spark.sql.SparkSession spark = SparkTrain.session(o.get("--master"));
        try {
            score(spark, SparkTrain.required(o, "--model"), SparkTrain.required(o, "--input"), output,
                    o.getOrDefault("--prefix", "mu"), o.containsKey("--overwrite"));
            System.out.println("wrote " + output);
        } finally {
            spark.stop();
        }
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

    /**
     * What {@link #main} does in a running session.
     *
     * @param spark     the session
     * @param modelPath a model file or NeuralGLMModel directory
     * @param input     the table to score (.csv or Parquet)
     * @param output    where to write it (.csv: CSV with a header; else Parquet)
     * @param prefix    the prediction column (prefix)
     * @param overwrite whether an existing output may be replaced
     * @throws java.io.IOException when the model cannot be read
     */
    static void score(org.apache.spark.sql.SparkSession spark, String modelPath, String input, String output, String prefix,
                      boolean overwrite) throws java.io.IOException {
        final TabularModel model = ModelStore.load(modelPath, spark.sparkContext().hadoopConfiguration());
        final Dataset<Row> scored = withMeans(Tables.read(spark, input), model, prefix);
        final org.apache.spark.sql.DataFrameWriter<Row> writer = scored.write()
                .mode(overwrite ? org.apache.spark.sql.SaveMode.Overwrite : org.apache.spark.sql.SaveMode.ErrorIfExists);
        if (output.toLowerCase(java.util.Locale.ROOT).endsWith(".csv")) {
            writer.option("header", "true").csv(output);
        } else {
            writer.parquet(output);
        }
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

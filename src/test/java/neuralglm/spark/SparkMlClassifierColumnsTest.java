package neuralglm.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import neuralglm.spark.ml.NeuralGLMEstimator;
import neuralglm.spark.ml.NeuralGLMModel;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The classifier columns of {@link NeuralGLMModel} as Spark's classifiers have them: rawPrediction and probability
 * for Bernoulli ([-eta, eta] as LogisticRegression's [-margin, margin], [1 - mu, mu]) and Categorical (eta and
 * P(label = i) per class value i), what BinaryClassificationEvaluator and MulticlassClassificationEvaluator read with
 * their defaults; "" switches an output off; the column names survive save and load, and a model saved without the
 * rawPredictionCol param (before it existed) loads with its default. Expected values come from the engine model
 * ({@code tabularModel()}), which has no Spark code, and from pair counting.
 */
class SparkMlClassifierColumnsTest {
    private static final int N = 120;
    private static SparkSession spark;
    private static Dataset<Row> data;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start(2);
        final Random rng = new Random(11);
        final List<Row> rows = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            final double x = rng.nextGaussian();
            final double y = rng.nextDouble() < 1 / (1 + Math.exp(-1.5 * x)) ? 1 : 0;
            // cls: 1..3 (class 0 absent), likelier to be high for a high x
            final double cls = 1 + Math.min(2, Math.max(0, Math.floor(x + 1 + 0.8 * rng.nextGaussian())));
            rows.add(RowFactory.create(x, y, cls));
        }
        final StructType schema = new StructType().add("x", DataTypes.DoubleType).add("y", DataTypes.DoubleType)
                .add("cls", DataTypes.DoubleType);
        data = new VectorAssembler().setInputCols(new String[] {"x"}).setOutputCol("features")
                .transform(spark.createDataFrame(rows, schema).repartition(2)).cache();
    }

    private static List<String> columns(Dataset<Row> d) {
        return Arrays.asList(d.columns());
    }

    @Test
    void aBernoulliModelHasLogisticRegressionsRawPredictionAndProbabilityAndTheDefaultEvaluatorRanksIt() {
        final NeuralGLMModel model = new NeuralGLMEstimator().setFamily("Bernoulli").setLabelCol("y").setEpochs(30)
                .setLearningRate(0.05).fit(data);
        final Dataset<Row> out = model.transform(data);
        assertEquals(model.transformSchema(data.schema()), out.schema());
        assertEquals(List.of("x", "y", "cls", "features", "rawPrediction", "probability", "prediction"), columns(out));
        final List<Row> rows = out.select("x", "y", "rawPrediction", "probability", "prediction").collectAsList();
        double pairs = 0, concordant = 0;
        for (Row r : rows) {
            final Object[][] cells = {{r.getDouble(0)}};
            final double eta = model.tabularModel().eta(cells).data[0];
            final double mu = model.tabularModel().mean(cells).data[0];
            assertArrayEquals(new double[] {-eta, eta}, ((Vector) r.get(2)).toArray(), "x = " + r.getDouble(0));
            assertArrayEquals(new double[] {1 - mu, mu}, ((Vector) r.get(3)).toArray(), "x = " + r.getDouble(0));
            assertEquals(mu, r.getDouble(4), "the prediction is mu, as before the raw prediction was added");
            assertEquals(mu, 1 / (1 + Math.exp(-eta)), 1e-15, "eta is logit(mu)");
            for (Row s : rows) {
                if (r.getDouble(1) == 1 && s.getDouble(1) == 0) {
                    pairs++;
                    concordant += mu > s.getDouble(4) ? 1 : mu == s.getDouble(4) ? 0.5 : 0;
                }
            }
        }
        final double byDefault = new BinaryClassificationEvaluator().setLabelCol("y").evaluate(out);
        final double byPrediction = new BinaryClassificationEvaluator().setLabelCol("y").setRawPredictionCol("prediction")
                .evaluate(out);
        assertEquals(byPrediction, byDefault, 1e-12, "areaUnderROC ranking rawPrediction[1] = eta or mu");
        assertEquals(concordant / pairs, byDefault, 1e-12, "AUC as the share of concordant pairs");
        assertTrue(byDefault > 0.7, "the model ranks: " + byDefault);
    }

    @Test
    void aCategoricalRawPredictionIsEtaPerClassValueWithMinusInfinityForAValueWithoutAnOutput() {
        final NeuralGLMModel model = new NeuralGLMEstimator().setFamily("Categorical").setLabelCol("cls").setEpochs(30)
                .setLearningRate(0.05).fit(data);
        final Dataset<Row> out = model.transform(data);
        assertEquals(model.transformSchema(data.schema()), out.schema());
        assertEquals(List.of("x", "y", "cls", "features", "rawPrediction", "probability", "prediction"), columns(out));
        final List<String> classes = Arrays.asList(model.tabularModel().label().classes());
        for (Row r : out.select("x", "rawPrediction", "probability", "prediction").collectAsList()) {
            final Object[][] cells = {{r.getDouble(0)}};
            final double[] eta = model.tabularModel().eta(cells).data;
            final double[] raw = ((Vector) r.get(1)).toArray(), p = ((Vector) r.get(2)).toArray();
            assertEquals(4, raw.length, "laid out as the probabilities: values 0 to 3");
            assertEquals(Double.NEGATIVE_INFINITY, raw[0], "class value 0 is not among the training rows' classes");
            assertEquals(0.0, p[0]);
            double norm = 0;
            for (int v = 1; v <= 3; v++) {
                assertEquals(eta[classes.indexOf(Integer.toString(v))], raw[v], "eta of class value " + v);
                norm += Math.exp(raw[v]);
            }
            for (int v = 1; v <= 3; v++) {
                assertEquals(Math.exp(raw[v]) / norm, p[v], 1e-12, "probability = softmax(raw) for class value " + v);
            }
            assertEquals(((Vector) r.get(1)).argmax(), (int) r.getDouble(3), "the likeliest class has the largest eta");
        }
        final MulticlassClassificationEvaluator accuracy = new MulticlassClassificationEvaluator().setLabelCol("cls")
                .setMetricName("accuracy");
        assertTrue(accuracy.evaluate(out) > 0.4, "MulticlassClassificationEvaluator reads the prediction");
        new MulticlassClassificationEvaluator().setLabelCol("cls").setMetricName("logLoss").evaluate(out);
        // its training summary has the fit statistics, not a GLM's coefficient table
        assertTrue(model.summary().deviance() < model.summary().nullDeviance(), model.summary().toString());
        assertEquals(1.0, model.summary().dispersion());
        final UnsupportedOperationException e = org.junit.jupiter.api.Assertions.assertThrows(
                UnsupportedOperationException.class, () -> model.summary().pValues());
        assertTrue(e.getMessage().contains("a model of several outputs (Categorical) has no coefficient statistics"),
                e.getMessage());
    }

    @Test
    void anEmptyColumnNameSwitchesThatOutputOffAsInSparksClassifiers() {
        final NeuralGLMModel bernoulli = new NeuralGLMEstimator().setFamily("Bernoulli").setLabelCol("y").setEpochs(2)
                .setRawPredictionCol("").fit(data);
        Dataset<Row> out = bernoulli.transform(data);
        assertEquals(bernoulli.transformSchema(data.schema()), out.schema());
        assertEquals(List.of("x", "y", "cls", "features", "probability", "prediction"), columns(out));
        bernoulli.setRawPredictionCol("score").setProbabilityCol("").setPredictionCol("");
        out = bernoulli.transform(data);
        assertEquals(bernoulli.transformSchema(data.schema()), out.schema());
        assertEquals(List.of("x", "y", "cls", "features", "score"), columns(out));
        bernoulli.setRawPredictionCol("");
        assertEquals(columns(data), columns(bernoulli.transform(data)), "no output at all: the data as it was");
        assertEquals(data.schema(), bernoulli.transformSchema(data.schema()));

        final NeuralGLMModel categorical = new NeuralGLMEstimator().setFamily("Categorical").setLabelCol("cls").setEpochs(2)
                .setProbabilityCol("").fit(data);
        out = categorical.transform(data);
        assertEquals(categorical.transformSchema(data.schema()), out.schema());
        assertEquals(List.of("x", "y", "cls", "features", "rawPrediction", "prediction"), columns(out));
        final List<Row> withProbabilities = categorical.copy(new org.apache.spark.ml.param.ParamMap())
                .setProbabilityCol("p").transform(data).select("prediction", "p").collectAsList();
        final List<Row> without = out.select("prediction").collectAsList();
        for (int i = 0; i < without.size(); i++) {
            assertEquals(withProbabilities.get(i).getDouble(0), without.get(i).getDouble(0), "row " + i);
            assertEquals(((Vector) withProbabilities.get(i).get(1)).argmax(), (int) without.get(i).getDouble(0));
        }

        final NeuralGLMModel gaussian = new NeuralGLMEstimator().setLabelCol("y").setEpochs(1).fit(data);
        assertEquals(List.of("x", "y", "cls", "features", "prediction"), columns(gaussian.transform(data)),
                "no raw prediction or probabilities for a family that is not a classifier, as GeneralizedLinearRegression");
        gaussian.setPredictionCol("");
        assertEquals(columns(data), columns(gaussian.transform(data)));
        assertEquals(data.schema(), gaussian.transformSchema(data.schema()));
    }

    @Test
    void theColumnNamesSurviveSaveAndLoadAndAModelSavedBeforeRawPredictionColLoadsWithItsDefault(@TempDir Path dir)
            throws Exception {
        final NeuralGLMModel model = new NeuralGLMEstimator().setFamily("Bernoulli").setLabelCol("y").setEpochs(2)
                .setRawPredictionCol("margin").fit(data);
        model.write().overwrite().save(dir.resolve("m").toString());
        final NeuralGLMModel back = NeuralGLMModel.load(dir.resolve("m").toString());
        assertEquals("margin", back.getOrDefault(back.rawPredictionCol()));
        assertEquals(model.transform(data).select("margin").collectAsList(), back.transform(data).select("margin").collectAsList());

        // the metadata as a version without the param wrote it: neither set nor among the defaults
        final Path metadata;
        try (Stream<Path> files = Files.list(dir.resolve("m").resolve("metadata"))) {
            metadata = files.filter(f -> f.getFileName().toString().startsWith("part-")).findFirst().orElseThrow();
        }
        final String json = Files.readString(metadata, StandardCharsets.UTF_8);
        final String old = json.replaceAll(",?\"rawPredictionCol\":\"[a-zA-Z]*\"", "").replace("{,", "{");
        assertFalse(old.contains("rawPredictionCol"), old);
        assertTrue(json.contains("rawPredictionCol"), json);
        Files.writeString(metadata, old, StandardCharsets.UTF_8);
        Files.deleteIfExists(metadata.resolveSibling("." + metadata.getFileName() + ".crc"));
        final NeuralGLMModel older = NeuralGLMModel.load(dir.resolve("m").toString());
        assertEquals("rawPrediction", older.getOrDefault(older.rawPredictionCol()));
        assertFalse(older.isSet(older.rawPredictionCol()));
        final List<Row> a = older.transform(data).select("rawPrediction").collectAsList();
        final List<Row> b = model.transform(data).select("margin").collectAsList();
        assertEquals(b, a, "the same raw predictions under the default name");
    }
}

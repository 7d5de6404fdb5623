package neuralglm.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import neuralglm.nn.Parameters;
import neuralglm.spark.ml.NeuralGLMEstimator;
import neuralglm.spark.ml.NeuralGLMModel;
import neuralglm.spark.ml.NeuralGLMSummary;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.regression.GeneralizedLinearRegression;
import org.apache.spark.ml.regression.GeneralizedLinearRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code offsetCol} of the Spark ML face: a Poisson GLM of counts over an exposure with {@code offsetCol} =
 * log(exposure), against Spark's own {@code GeneralizedLinearRegression} with {@code offsetCol} on the same rows
 * (coefficients and intercept to 1e-5 relative, predictions = exposure * exp(x b + b0) with GLR's b); an offset of
 * zeros gives the model without one, bit for bit (full batch and mini-batches); a missing or non-finite offset is
 * refused naming the column; save and load keep the offset column; the training summary with an offset (null model:
 * the intercept-only fit with the offset) against GLR's, for Poisson (also weighted) and Gamma log GLMs.
 */
class SparkOffsetTest {
    private static final int N = 300;
    private static SparkSession spark;
    private static Dataset<Row> data;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start(2);
        final Random rng = new Random(31);
        final List<Row> rows = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            final double a = rng.nextGaussian(), b = 3 + 2 * rng.nextDouble(), c = rng.nextBoolean() ? 1 : 0;
            final double exposure = 0.2 + 10 * rng.nextDouble();
            final double y = SparkGlmSummaryTest.poisson(rng, exposure * Math.exp(-1.0 + 0.4 * a - 0.1 * b + 0.3 * c));
            final double cost = SparkGlmSummaryTest.gamma(rng, 2.0, exposure * Math.exp(0.5 + 0.3 * a - 0.2 * b + 0.4 * c));
            rows.add(RowFactory.create(a, b, c, exposure, Math.log(exposure), 0.0, y, 0.5 + 1.5 * rng.nextDouble(), cost));
        }
        final StructType schema = new StructType().add("a", DataTypes.DoubleType).add("b", DataTypes.DoubleType)
                .add("c", DataTypes.DoubleType).add("exposure", DataTypes.DoubleType).add("logE", DataTypes.DoubleType)
                .add("zero", DataTypes.DoubleType).add("y", DataTypes.DoubleType).add("w", DataTypes.DoubleType)
                .add("cost", DataTypes.DoubleType);
        data = new VectorAssembler().setInputCols(new String[] {"a", "b", "c"}).setOutputCol("features")
                .transform(spark.createDataFrame(rows, schema).repartition(3)).cache();
    }

    private static NeuralGLMEstimator poissonGlm() {
        return new NeuralGLMEstimator().setFamily("Poisson").setLabelCol("y").setOptimizer("lbfgs").setEpochs(500);
    }

    private static GeneralizedLinearRegressionModel glr(String weight) {
        return glr("poisson", "y", weight);
    }

    private static GeneralizedLinearRegressionModel glr(String family, String label, String weight) {
        GeneralizedLinearRegression r = new GeneralizedLinearRegression().setFamily(family).setLink("log")
                .setLabelCol(label).setOffsetCol("logE").setTol(1e-12).setMaxIter(100);
        if (weight != null) {
            r = r.setWeightCol(weight);
        }
        return r.fit(data);
    }

    /**
     * The GLM's coefficients on the original inputs, intercept last, read from the predictions at unit vectors with
     * offset 0 (the model's network works on standardised inputs): eta(e_j) - eta(0).
     */
    private static double[] coefficients(NeuralGLMModel model) {
        final Object[][] rows = new Object[4][3];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 3; j++) {
                rows[i][j] = i == j + 1 ? 1.0 : 0.0;
            }
        }
        final double[] eta = model.tabularModel().eta(rows).data;
        return new double[] {eta[1] - eta[0], eta[2] - eta[0], eta[3] - eta[0], eta[0]};
    }

    private static void assertAgrees(NeuralGLMModel model, GeneralizedLinearRegressionModel glr, String what) {
        final double[] b = glr.coefficients().toArray();
        final double[] expected = {b[0], b[1], b[2], glr.intercept()}, actual = coefficients(model);
        double worst = 0;
        for (int j = 0; j < 4; j++) {
            final double rel = Math.abs(actual[j] - expected[j]) / Math.max(1e-3, Math.abs(expected[j]));
            worst = Math.max(worst, rel);
            assertTrue(rel <= GlrAgreement.TOLERANCE, String.format(Locale.ROOT, "%s coefficient %d: %.17g, GLR's %.17g (%.2g)",
                    what, j, actual[j], expected[j], rel));
        }
        System.out.printf(Locale.ROOT, "%s vs GLR with offsetCol: max relative coefficient difference %.1e%n", what, worst);
    }

    @Test
    void poissonWithLogExposureAgreesWithGlr() {
        final NeuralGLMModel model = poissonGlm().setOffsetCol("logE").fit(data);
        final GeneralizedLinearRegressionModel glr = glr(null);
        assertAgrees(model, glr, "Poisson offset");
        // the offset is not a coefficient: without it the fit is another one
        final double[] without = coefficients(poissonGlm().fit(data));
        assertTrue(Math.abs(without[3] - glr.intercept()) > 0.1, "intercept without the offset " + without[3]);
        // predictions: exposure * exp(x b + b0) with GLR's b, and GLR's own predictions with its offset
        final double[] b = glr.coefficients().toArray();
        final List<Row> out = model.transform(data).select("features", "exposure", "prediction").collectAsList();
        final List<Row> ref = glr.transform(data).select("prediction").collectAsList();
        for (int i = 0; i < out.size(); i++) {
            final Vector x = out.get(i).getAs(0);
            final double expected = out.get(i).getDouble(1)
                    * Math.exp(glr.intercept() + b[0] * x.apply(0) + b[1] * x.apply(1) + b[2] * x.apply(2));
            assertEquals(expected, out.get(i).getDouble(2), 1e-5 * expected, "row " + i);
            assertEquals(ref.get(i).getDouble(0), out.get(i).getDouble(2), 1e-5 * expected, "GLR's prediction, row " + i);
        }
        assertSummaryAgrees(model, glr, true, "Poisson offset");
    }

    @Test
    void linkPredictionIsGlrsLinearPredictorWithTheOffset() {
        final NeuralGLMModel model = poissonGlm().setOffsetCol("logE").setLinkPredictionCol("eta").fit(data);
        final GeneralizedLinearRegressionModel glr = glr(null).setLinkPredictionCol("glrEta").setPredictionCol("glrMu");
        final List<Row> out = glr.transform(model.transform(data)).select("eta", "prediction", "glrEta").collectAsList();
        for (int i = 0; i < out.size(); i++) {
            final double eta = out.get(i).getDouble(0), want = out.get(i).getDouble(2);
            assertEquals(want, eta, 1e-6 * Math.max(1, Math.abs(want)), "row " + i);
            assertEquals(Math.exp(eta), out.get(i).getDouble(1), 1e-12 * Math.exp(eta), "mu = exp(eta), row " + i);
        }
        // the column alone, without the prediction; and the schema says where it goes
        final Dataset<Row> alone = model.copy(new org.apache.spark.ml.param.ParamMap()).setPredictionCol("").transform(data);
        assertEquals(List.of("eta"), java.util.Arrays.asList(alone.columns()).subList(data.columns().length, alone.columns().length));
        // Bernoulli: eta = logit(mu), the raw prediction's second element; Categorical has one eta per class: refused
        final Dataset<Row> binary = data.withColumn("event", org.apache.spark.sql.functions.expr("IF(y > 0, 1.0, 0.0)"));
        final NeuralGLMModel logit = new NeuralGLMEstimator().setFamily("Bernoulli").setLabelCol("event").setOffsetCol("logE")
                .setOptimizer("lbfgs").setEpochs(200).setLinkPredictionCol("eta").fit(binary);
        for (Row r : logit.transform(binary).select("eta", "rawPrediction", "prediction").collectAsList()) {
            final double eta = r.getDouble(0);
            assertEquals(((Vector) r.getAs(1)).apply(1), eta, 0.0);
            assertEquals(1 / (1 + Math.exp(-eta)), r.getDouble(2), 1e-12);
        }
        final NeuralGLMModel categorical = new NeuralGLMEstimator().setFamily("Categorical").setLabelCol("event")
                .setEpochs(2).fit(binary).setLinkPredictionCol("eta");
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> categorical.transform(binary));
        assertTrue(e.getMessage().contains("linkPredictionCol 'eta' needs a one-output family"), e.getMessage());
    }

    @Test
    void evaluateOnHeldOutRowsIsGlrsEvaluate() {
        final Dataset<Row>[] split = data.randomSplit(new double[] {0.7, 0.3}, 5);
        for (String[] spec : new String[][] {{"Poisson", "poisson", "y"}, {"Gamma", "gamma", "cost"}}) {
            final NeuralGLMModel model = new NeuralGLMEstimator().setFamily(spec[0]).setLabelCol(spec[2]).setWeightCol("w")
                    .setOffsetCol("logE").setOptimizer("lbfgs").setEpochs(500).fit(split[0]);
            final GeneralizedLinearRegressionModel glr = new GeneralizedLinearRegression().setFamily(spec[1]).setLink("log")
                    .setLabelCol(spec[2]).setWeightCol("w").setOffsetCol("logE").setTol(1e-12).setMaxIter(100).fit(split[0]);
            final NeuralGLMSummary ours = model.evaluate(split[1]);
            final org.apache.spark.ml.regression.GeneralizedLinearRegressionSummary ref = glr.evaluate(split[1]);
            final String what = spec[0] + " on held-out rows: ";
            assertEquals(ref.numInstances(), ours.numInstances(), what + "rows");
            assertEquals(ref.residualDegreeOfFreedom(), ours.residualDegreeOfFreedom(), 0.0, what + "residual df");
            assertEquals(ref.residualDegreeOfFreedomNull(), ours.residualDegreeOfFreedomNull(), 0.0, what + "null df");
            assertEquals(ref.deviance(), ours.deviance(), 1e-6 * ref.deviance(), what + "deviance");
            assertEquals(ref.nullDeviance(), ours.nullDeviance(), 1e-6 * ref.nullDeviance(), what + "null deviance");
            assertEquals(ref.dispersion(), ours.dispersion(), 1e-6 * ref.dispersion(), what + "dispersion");
            if (spec[0].equals("Poisson")) {   // a weighted Gamma's AIC follows R's Gamma()$aic in GLR, prior weights here
                assertEquals(ref.aic(), ours.aic(), 1e-6 * Math.abs(ref.aic()), what + "AIC");
            }
            // not the training rows' statistics
            assertTrue(Math.abs(ours.deviance() - model.summary().deviance()) > 1, what + ours.deviance());
        }
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> poissonGlm().setOffsetCol("logE")
                .fit(data).evaluate(data.drop("y")));
        assertTrue(e.getMessage().contains("'y'"), e.getMessage());
    }

    /** The summary against GLR's with the same offsetCol: coefficients, errors, tests, deviances, dispersion, AIC. */
    private static void assertSummaryAgrees(NeuralGLMModel model, GeneralizedLinearRegressionModel glr, boolean aic,
                                            String what) {
        assertTrue(model.hasSummary());
        final GlrAgreement agreement = GlrAgreement.of(model.summary(), glr, aic, GlrAgreement.TOLERANCE);
        assertEquals(List.of(), agreement.mismatches(), what + ": differences from GLR");
        System.out.printf(Locale.ROOT, "%s summary vs GLR with offsetCol: %s%n", what, agreement.report());
    }

    @Test
    void weightedPoissonWithOffsetAgreesWithGlr() {
        final NeuralGLMModel model = poissonGlm().setOffsetCol("logE").setWeightCol("w").fit(data);
        final GeneralizedLinearRegressionModel glr = glr("w");
        assertAgrees(model, glr, "weighted Poisson offset");
        assertSummaryAgrees(model, glr, true, "weighted Poisson offset");
    }

    /** Gamma log: the null model with the offset is iterated (not Poisson's closed form). */
    @Test
    void gammaWithOffsetAgreesWithGlr() {
        final NeuralGLMModel model = new NeuralGLMEstimator().setFamily("Gamma").setLabelCol("cost").setOptimizer("lbfgs")
                .setEpochs(500).setOffsetCol("logE").fit(data);
        final GeneralizedLinearRegressionModel glr = glr("gamma", "cost", null);
        assertAgrees(model, glr, "Gamma offset");
        assertSummaryAgrees(model, glr, true, "Gamma offset");
    }

    /**
     * Training starts at the intercept-only fit with the offset, as on one machine: for Poisson its closed form
     * {@code log(sum y / sum e^o)} (an SGD epoch at a learning rate of 1e-300 leaves the start as it is). Without the
     * offset's fit the start was {@code log(ybar)}, log(mean exposure) = 1.6 away.
     */
    @Test
    void trainingStartsAtTheNullModelWithTheOffset() {
        final NeuralGLMModel start = new NeuralGLMEstimator().setFamily("Poisson").setLabelCol("y").setOptimizer("sgd")
                .setLearningRate(1e-300).setEpochs(1).setOffsetCol("logE").fit(data);
        double sy = 0, se = 0;
        for (Row r : data.select("y", "exposure").collectAsList()) {
            sy += r.getDouble(0);
            se += r.getDouble(1);
        }
        final double[] b = coefficients(start);
        for (int j = 0; j < 3; j++) {
            assertEquals(0, b[j], 1e-200, "input weight " + j);
        }
        assertEquals(Math.log(sy / se), b[3], 1e-12);
        // a network's output layer too (its weights 0, so eta = b + o at the start)
        final NeuralGLMModel net = new NeuralGLMEstimator().setFamily("Poisson").setLabelCol("y").setOptimizer("sgd")
                .setLearningRate(1e-300).setEpochs(1).setHiddenLayers(3).setOffsetCol("logE").fit(data);
        assertEquals(Math.log(sy / se), coefficients(net)[3], 1e-12);
        // Gamma log (iterated, no closed form): the start is the one-machine intercept-only fit with the offsets
        final NeuralGLMModel gamma = new NeuralGLMEstimator().setFamily("Gamma").setLabelCol("cost").setOptimizer("sgd")
                .setLearningRate(1e-300).setEpochs(1).setOffsetCol("logE").fit(data);
        final List<Row> rows = data.select("cost", "logE").collectAsList();
        final org.ejml.data.DMatrixRMaj cost = new org.ejml.data.DMatrixRMaj(rows.size(), 1);
        final double[] logE = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            cost.data[i] = rows.get(i).getDouble(0);
            logE[i] = rows.get(i).getDouble(1);
        }
        final neuralglm.family.Family family = gamma.tabularModel().family();
        // to 1e-8: near the optimum the NLL is flat to rounding, and the iteration's NLL guard stops where exactly
        // summed (cluster) and plainly summed (one machine) NLLs stop falling: 5e-10 apart here
        assertEquals(neuralglm.family.Offsets.nullIntercept(family, cost, null, logE), coefficients(gamma)[3], 1e-8);
    }

    /** A network's summary: its null deviance is the intercept-only fit's with the offset, GLR's. */
    @Test
    void networkSummaryHasTheNullDevianceWithTheOffset() {
        final NeuralGLMModel model = new NeuralGLMEstimator().setFamily("Poisson").setLabelCol("y").setHiddenLayers(3)
                .setEpochs(5).setOffsetCol("logE").fit(data);
        final double expected = glr(null).summary().nullDeviance();
        assertEquals(expected, model.summary().nullDeviance(), 1e-9 * expected);
        final double without = new NeuralGLMEstimator().setFamily("Poisson").setLabelCol("y").setHiddenLayers(3)
                .setEpochs(5).fit(data).summary().nullDeviance();
        assertTrue(Math.abs(without - expected) > 0.01 * expected, "null deviance without the offset " + without);
    }

    @Test
    void zeroOffsetIsTheModelWithoutOne() {
        final NeuralGLMEstimator[] settings = {
            poissonGlm().setEpochs(20),
            new NeuralGLMEstimator().setFamily("Poisson").setLabelCol("y").setBatchSize(64).setEpochs(5).setHiddenLayers(4),
            new NeuralGLMEstimator().setLabelCol("y").setEpochs(10).setWeightCol("w"),   // Gaussian: the dispersion sums
        };
        for (NeuralGLMEstimator s : settings) {
            final NeuralGLMModel none = s.fit(data), zero = s.copy(new org.apache.spark.ml.param.ParamMap())
                    .setOffsetCol("zero").fit(data);
            assertArrayEquals(Parameters.flatten(none.tabularModel().network().parameters()),
                    Parameters.flatten(zero.tabularModel().network().parameters()), s.explainParams());
            assertArrayEquals(none.tabularModel().result().lossTrace(), zero.tabularModel().result().lossTrace());
            final List<Row> p = none.transform(data).select("prediction").collectAsList();
            final List<Row> q = zero.transform(data).select("prediction").collectAsList();
            assertEquals(p, q);
            // the summary: at the same eta; the null model of a constant offset is the closed form's, bit for bit
            assertEquals(none.summary().deviance(), zero.summary().deviance(), s.explainParams());
            assertEquals(none.summary().nullDeviance(), zero.summary().nullDeviance(), s.explainParams());
        }
    }

    @Test
    void missingOffsetIsRefusedNamingTheColumn() {
        for (org.apache.spark.sql.Column bad : new org.apache.spark.sql.Column[] {functions.lit(null), functions.lit(Double.NaN),
            functions.lit(Double.POSITIVE_INFINITY)}) {
            final Dataset<Row> withBad = data.withColumn("logE", functions.when(functions.col("a").gt(1.5), bad)
                    .otherwise(functions.col("logE")).cast(DataTypes.DoubleType));
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> poissonGlm().setEpochs(2).setOffsetCol("logE").fit(withBad));
            assertTrue(e.getMessage().contains("Offset column 'logE' has the value") && e.getMessage().contains("partition"),
                    e.getMessage());
            final NeuralGLMModel model = poissonGlm().setEpochs(2).setOffsetCol("logE").fit(data);
            final Exception t = assertThrows(Exception.class, () -> model.transform(withBad).collectAsList());
            assertTrue(t.getMessage().contains("The offset column 'logE' has a row with the value"), t.getMessage());
        }
        final IllegalArgumentException absent = assertThrows(IllegalArgumentException.class,
                () -> poissonGlm().setOffsetCol("nope").fit(data));
        assertTrue(absent.getMessage().contains("nope"), absent.getMessage());
        final NeuralGLMModel model = poissonGlm().setEpochs(2).setOffsetCol("logE").fit(data);
        final IllegalArgumentException gone = assertThrows(IllegalArgumentException.class,
                () -> model.transform(data.drop("logE")));
        assertTrue(gone.getMessage().contains("logE"), gone.getMessage());
        final IllegalArgumentException categorical = assertThrows(IllegalArgumentException.class,
                () -> new NeuralGLMEstimator().setFamily("Categorical").setLabelCol("c").setOffsetCol("logE").fit(data));
        assertTrue(categorical.getMessage().contains("offsetCol 'logE' needs a one-output family"), categorical.getMessage());
    }

    @Test
    void saveAndLoadKeepTheOffsetColumn(@TempDir Path dir) throws Exception {
        final NeuralGLMModel model = poissonGlm().setEpochs(30).setOffsetCol("logE").fit(data);
        final String path = dir.resolve("model").toString();
        model.write().save(path);
        final NeuralGLMModel loaded = NeuralGLMModel.load(path);
        assertEquals("logE", loaded.getOrDefault(loaded.offsetCol()));
        assertEquals(model.transform(data).select("prediction").collectAsList(),
                loaded.transform(data).select("prediction").collectAsList());
        final String estimatorPath = dir.resolve("estimator").toString();
        poissonGlm().setOffsetCol("logE").write().save(estimatorPath);
        assertEquals("logE", NeuralGLMEstimator.load(estimatorPath).offsetColOrNull());
        // a model saved without an offset (as before offsetCol existed: no such param in its metadata) has none
        final String plain = dir.resolve("plain").toString();
        poissonGlm().setEpochs(5).fit(data).write().save(plain);
        final Path metadata;
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(Path.of(plain, "metadata"))) {
            metadata = files.filter(f -> f.getFileName().toString().startsWith("part-")).findFirst().orElseThrow();
        }
        final String json = java.nio.file.Files.readString(metadata);
        assertTrue(json.contains("\"family\"") && !json.contains("offsetCol"), json);
        assertNull(NeuralGLMModel.load(plain).offsetColOrNull());
    }
}

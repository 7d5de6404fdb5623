package neuralglm.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import neuralglm.family.Family;
import neuralglm.spark.ml.NeuralGLMEstimator;
import neuralglm.spark.ml.NeuralGLMModel;
import neuralglm.spark.ml.NeuralGLMTrainingSummary;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.regression.GeneralizedLinearRegression;
import org.apache.spark.ml.regression.GeneralizedLinearRegressionModel;
import org.apache.spark.ml.regression.GeneralizedLinearRegressionTrainingSummary;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link NeuralGLMModel#summary()} of a GLM (no hidden layer) trained with L-BFGS to convergence, against an
 * independent reference in the same local Spark: Spark's own {@code GeneralizedLinearRegression} (IRLS) on the same
 * rows, for Gaussian identity, Poisson log, Bernoulli (GLR's binomial) logit and Gamma log: coefficients, their
 * standard errors, t- and p-values (intercept last, as GLR), deviance, null deviance, dispersion, residual degrees of
 * freedom and AIC to 1e-5 relative, also with instance weights (where the weighted Gamma AIC's convention differs,
 * both are checked against their formulas). And the summary's life as Spark's: present after fit and copy, absent after load;
 * a network's summary has the fit statistics (its deviance checked against the engine's on the collected rows) but
 * refuses coefficient statistics.
 */
class SparkGlmSummaryTest {
    private static final int N = 300;
    private static final double TOLERANCE = GlrAgreement.TOLERANCE;
    private static SparkSession spark;
    private static Dataset<Row> data;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start(2);
        final Random rng = new Random(23), weights = new Random(29);
        final List<Row> rows = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            final double a = rng.nextGaussian(), b = 3 + 2 * rng.nextDouble(), c = rng.nextBoolean() ? 1 : 0;
            final double gaussian = 1 + 0.5 * a - 0.3 * b + 0.8 * c + 0.7 * rng.nextGaussian();
            final double poisson = poisson(rng, Math.exp(0.2 + 0.4 * a - 0.1 * b + 0.3 * c));
            final double bernoulli = rng.nextDouble() < 1 / (1 + Math.exp(-(0.5 + 1.2 * a - 0.2 * b + 0.5 * c))) ? 1 : 0;
            final double gamma = gamma(rng, 2.0, Math.exp(0.5 + 0.3 * a - 0.2 * b + 0.4 * c));
            rows.add(RowFactory.create(a, b, c, gaussian, poisson, bernoulli, gamma, 0.5 + 1.5 * weights.nextDouble()));
        }
        final StructType schema = new StructType().add("a", DataTypes.DoubleType).add("b", DataTypes.DoubleType)
                .add("c", DataTypes.DoubleType).add("gaussian", DataTypes.DoubleType).add("poisson", DataTypes.DoubleType)
                .add("bernoulli", DataTypes.DoubleType).add("gamma", DataTypes.DoubleType).add("w", DataTypes.DoubleType);
        data = new VectorAssembler().setInputCols(new String[] {"a", "b", "c"}).setOutputCol("features")
                .transform(spark.createDataFrame(rows, schema).repartition(3)).cache();
    }

    /** Poisson(mean) by inversion (also {@link SparkOffsetTest}'s). */
    static double poisson(Random rng, double mean) {
        double p = Math.exp(-mean), s = p, u = rng.nextDouble();
        int k = 0;
        while (u > s && k < 1000) {
            k++;
            p *= mean / k;
            s += p;
        }
        return k;
    }

    /** Gamma(shape, mean) for a whole shape: a sum of exponentials (also {@link SparkOffsetTest}'s). */
    static double gamma(Random rng, double shape, double mean) {
        double s = 0;
        for (int i = 0; i < shape; i++) {
            s -= Math.log(1 - rng.nextDouble());
        }
        return s * mean / shape;
    }

    private static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, TOLERANCE * Math.max(1e-3, Math.abs(expected)), what);
    }

    private static void againstGlr(String family, String glrFamily, String link, String label) {
        againstGlr(family, glrFamily, link, label, null, true);
    }

    /**
     * @param weight the weight column, or null
     * @param aic    whether to compare the AIC
     * @return the summaries, ours and GLR's
     */
    private static Object[] againstGlr(String family, String glrFamily, String link, String label, String weight,
                                       boolean aic) {
        NeuralGLMEstimator estimator = new NeuralGLMEstimator().setFamily(family).setLabelCol(label).setOptimizer("lbfgs")
                .setEpochs(500);
        GeneralizedLinearRegression reference = new GeneralizedLinearRegression().setFamily(glrFamily).setLink(link)
                .setLabelCol(label).setTol(1e-12).setMaxIter(100);
        if (weight != null) {
            estimator = estimator.setWeightCol(weight);
            reference = reference.setWeightCol(weight);
        }
        final NeuralGLMModel model = estimator.fit(data);
        final GeneralizedLinearRegressionModel glr = reference.fit(data);
        assertTrue(model.hasSummary());
        final NeuralGLMTrainingSummary s = model.summary();
        final GeneralizedLinearRegressionTrainingSummary r = glr.summary();
        final String f = family + (weight == null ? "" : " weighted") + ": ";
        assertTrue(s.hasCoefficientStatistics());
        assertTrue(s.numIterations() < 500, f + "L-BFGS converged before the epoch limit: " + s.numIterations());
        assertEquals(s.numIterations(), s.objectiveHistory().length);
        // coefficients, standard errors, t and p values, deviances, dispersion (and AIC) to 1e-5 relative; counts equal
        final GlrAgreement agreement = GlrAgreement.of(s, glr, aic, TOLERANCE);
        assertEquals(List.of(), agreement.mismatches(), f + "differences from GLR");
        if (weight == null) {
            assertEquals(N, s.weightSum());
        }
        final String table = s.toString();
        assertTrue(table.contains("(Intercept)") && table.contains("\na ") && table.contains("\nc "), table);
        System.out.printf(Locale.ROOT, "%s vs GLR: max relative difference: %s (%d epochs)%n", f.substring(0, f.length() - 2),
                agreement.report(), s.numIterations());
        return new Object[] {s, r, model};
    }

    /**
     * With instance weights, read as GLR reads them (Var(y_i) = phi V(mu_i) / w_i, degrees of freedom counting rows):
     * the same coefficients, standard errors, deviances, dispersion and AIC for Gaussian and Poisson. For Gamma all but
     * the AIC: GLR (as R's Gamma()$aic) weights each row's log density, {@code w_i log f(y_i; mu_i, phi)}, the engine's
     * prior weights divide the row's dispersion, {@code log f(y_i; mu_i, phi / w_i)} (phi = D / sum w both); each AIC is
     * checked against its own formula, computed here from the fitted means.
     */
    @Test
    void weightsAreReadAsGeneralizedLinearRegressionReadsThem() {
        againstGlr("Gaussian", "gaussian", "identity", "gaussian", "w", true);
        againstGlr("Poisson", "poisson", "log", "poisson", "w", true);
        final Object[] gamma = againstGlr("Gamma", "gamma", "log", "gamma", "w", false);
        final NeuralGLMTrainingSummary s = (NeuralGLMTrainingSummary) gamma[0];
        final GeneralizedLinearRegressionTrainingSummary r = (GeneralizedLinearRegressionTrainingSummary) gamma[1];
        final List<Row> rows = ((NeuralGLMModel) gamma[2]).transform(data).select("gamma", "w", "prediction").collectAsList();
        double sumW = 0;
        for (Row row : rows) {
            sumW += row.getDouble(1);
        }
        final double phi = r.deviance() / sumW;
        double glrLogLik = 0, priorLogLik = 0;
        for (Row row : rows) {
            final double y = row.getDouble(0), w = row.getDouble(1), mu = row.getDouble(2);
            glrLogLik += w * gammaLogDensity(y, 1 / phi, mu);
            priorLogLik += gammaLogDensity(y, w / phi, mu);
        }
        final double k = r.rank() + 1;
        assertClose(-2 * glrLogLik + 2 * k, r.aic(), "GLR's Gamma AIC: frequency-weighted log densities");
        assertClose(-2 * priorLogLik + 2 * k, s.aic(), "the summary's Gamma AIC: prior weights divide the dispersion");
        assertTrue(Math.abs(r.aic() - s.aic()) > 1, "the conventions differ here: " + r.aic() + " vs " + s.aic());
    }

    /** log of the Gamma density of the given shape and mean at y. */
    private static double gammaLogDensity(double y, double shape, double mean) {
        final double scale = mean / shape;
        return (shape - 1) * Math.log(y) - y / scale - shape * Math.log(scale)
                - org.apache.commons.math3.special.Gamma.logGamma(shape);
    }

    @Test
    void aGaussianGlmsSummaryIsGeneralizedLinearRegressions() {
        againstGlr("Gaussian", "gaussian", "identity", "gaussian");
    }

    @Test
    void aPoissonGlmsSummaryIsGeneralizedLinearRegressions() {
        againstGlr("Poisson", "poisson", "log", "poisson");
    }

    @Test
    void aBernoulliGlmsSummaryIsGeneralizedLinearRegressionsBinomial() {
        againstGlr("Bernoulli", "binomial", "logit", "bernoulli");
    }

    @Test
    void aGammaGlmsSummaryIsGeneralizedLinearRegressions() {
        againstGlr("Gamma", "gamma", "log", "gamma");
    }

    /**
     * A Poisson label that is not a whole number (a rate) has probability 0: log L = -Infinity and AIC = Infinity, as
     * the engine (and R's glm) give them, not NaN (the partitions' exact sums cannot hold an infinity, so they count
     * it). Spark's GLR truncates the label to an integer instead, so its AIC is not compared here.
     */
    @Test
    void aPoissonRateHasAnInfiniteAic() {
        final NeuralGLMModel model = new NeuralGLMEstimator().setFamily("Poisson").setLabelCol("rate").setOptimizer("lbfgs")
                .setEpochs(50).fit(data.withColumn("rate", org.apache.spark.sql.functions.col("poisson").divide(2)));
        assertEquals(Double.NEGATIVE_INFINITY, model.summary().logLikelihood());
        assertEquals(Double.POSITIVE_INFINITY, model.summary().aic());
        assertTrue(Double.isFinite(model.summary().deviance()));
        assertTrue(model.summary().glmSummary().dispersionWarning().contains("the log-likelihood is -Infinity"),
                model.summary().glmSummary().dispersionWarning());
    }

    @Test
    void theSummaryIsKeptByCopyButNotSavedAndANetworkHasFitStatisticsOnly(@TempDir Path dir) throws Exception {
        final NeuralGLMModel net = new NeuralGLMEstimator().setFamily("Poisson").setLabelCol("poisson").setHiddenLayers(3)
                .setEpochs(20).setLearningRate(0.05).fit(data);
        assertTrue(net.hasSummary());
        final NeuralGLMTrainingSummary s = net.summary();
        assertFalse(s.hasCoefficientStatistics());
        final UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                s::coefficientStandardErrors);
        assertTrue(e.getMessage().contains("No standard errors for this NeuralGLMModel: a network with hidden layers has no "
                + "coefficient statistics (only a GLM, no hidden layer and one output, has them)"),
                e.getMessage());
        assertEquals(20, s.numIterations());
        assertEquals(20, s.objectiveHistory().length);
        assertEquals(net.tabularModel().result().lossTrace()[19], s.objectiveHistory()[19]);
        assertTrue(Double.isNaN(s.residualDegreeOfFreedom()));
        assertEquals(N - 1, s.residualDegreeOfFreedomNull());
        assertEquals(1.0, s.dispersion(), "Poisson fixes it");
        // the deviances against the engine's, on the collected rows (one machine, no Spark sums)
        final List<Row> rows = data.select("a", "b", "c", "poisson").collectAsList();
        final DMatrixRMaj y = new DMatrixRMaj(N, 1);
        final Object[][] cells = new Object[N][];
        for (int i = 0; i < N; i++) {
            cells[i] = new Object[] {rows.get(i).getDouble(0), rows.get(i).getDouble(1), rows.get(i).getDouble(2)};
            y.data[i] = rows.get(i).getDouble(3);
        }
        final Family family = net.tabularModel().family();
        final DMatrixRMaj eta = net.tabularModel().eta(cells);
        assertClose(family.deviance(eta, y, null), s.deviance(), "deviance");
        assertClose(family.nullDeviance(y, null), s.nullDeviance(), "null deviance");
        double logLik = 0;
        for (int i = 0; i < N; i++) {
            final double mu = Math.exp(eta.data[i]);
            double logFactorial = 0;
            for (int k = 2; k <= y.data[i]; k++) {
                logFactorial += Math.log(k);
            }
            logLik += y.data[i] * Math.log(mu) - mu - logFactorial;
        }
        assertClose(-2 * logLik + 2 * net.tabularModel().network().numParameters(), s.aic(), "AIC counts every parameter");

        final NeuralGLMModel copy = net.copy(new org.apache.spark.ml.param.ParamMap());
        assertTrue(copy.hasSummary(), "a copy keeps the summary, as GeneralizedLinearRegressionModel's");
        net.write().overwrite().save(dir.resolve("m").toString());
        final NeuralGLMModel back = NeuralGLMModel.load(dir.resolve("m").toString());
        assertFalse(back.hasSummary(), "a summary is not saved");
        final java.util.NoSuchElementException none = assertThrows(java.util.NoSuchElementException.class, back::summary);
        assertTrue(none.getMessage().contains("No training summary available for this NeuralGLMModel"), none.getMessage());
    }
}

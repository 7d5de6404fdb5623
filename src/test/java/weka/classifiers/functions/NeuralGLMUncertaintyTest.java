package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;

import neuralglm.testutil.Simulate;
import org.junit.jupiter.api.Test;
import weka.classifiers.evaluation.Evaluation;
import weka.classifiers.functions.neuralglm.Binomial;
import weka.classifiers.functions.neuralglm.FamilySpec;
import weka.classifiers.functions.neuralglm.Gamma;
import weka.classifiers.functions.neuralglm.Gaussian;
import weka.classifiers.functions.neuralglm.InverseGaussian;
import weka.classifiers.functions.neuralglm.NegativeBinomial;
import weka.classifiers.functions.neuralglm.Poisson;
import weka.classifiers.functions.neuralglm.Tweedie;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.SelectedTag;
import weka.core.Statistics;
import weka.core.Utils;

/**
 * IntervalEstimator and ConditionalDensityEstimator: log densities against closed forms written here
 * (with Weka's own {@code Statistics.lnGamma}, {@code incompleteGamma} and {@code normalInverse} as
 * the independent special functions), dispersion estimates recomputed here from the training rows, and
 * interval coverage on fresh draws from a known truth measured by Weka's {@link Evaluation}.
 */
class NeuralGLMUncertaintyTest {

    private static final int P = 4; // intercept + 3 inputs of FamilyData

    private static NeuralGLM glm(FamilySpec family, String dispersion) throws Exception {
        final NeuralGLM c = NeuralGLMFamiliesTest.glm(family);
        c.setDispersionEstimate(new SelectedTag(dispersion, NeuralGLM.TAGS_DISPERSION));
        return c;
    }

    /** sum over the training rows of f(y, mu), with mu the model's prediction. */
    private static double sum(NeuralGLM c, Instances data, java.util.function.DoubleBinaryOperator f) throws Exception {
        double s = 0;
        for (Instance inst : data) {
            s += inst.weight() * f.applyAsDouble(inst.classValue(), c.classifyInstance(inst));
        }
        return s;
    }

    private static double lnFactorial(double y) {
        double s = 0;
        for (int k = 2; k <= y; k++) {
            s += Math.log(k);
        }
        return s;
    }

    /** x' (X'X)^-1 x for X = [1, inputs] of the (unit-weight) training rows: normal equations here, on EJML. */
    private static double leverage(Instances data, Instance x) {
        final int p = data.numAttributes();   // intercept + the inputs (the class is the last attribute)
        final org.ejml.data.DMatrixRMaj xtx = new org.ejml.data.DMatrixRMaj(p, p);
        final double[] r = new double[p];
        for (Instance inst : data) {
            row(inst, r);
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < p; b++) {
                    xtx.add(a, b, r[a] * r[b]);
                }
            }
        }
        final org.ejml.data.DMatrixRMaj inv = new org.ejml.data.DMatrixRMaj(p, p);
        assertTrue(org.ejml.dense.row.CommonOps_DDRM.invert(xtx, inv));
        row(x, r);
        double h = 0;
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                h += r[a] * inv.get(a, b) * r[b];
            }
        }
        return h;
    }

    private static void row(Instance inst, double[] r) {
        r[0] = 1;
        for (int a = 0, j = 1; a < inst.numAttributes(); a++) {
            if (a != inst.classIndex()) {
                r[j++] = inst.value(a);
            }
        }
    }

    /** log of Student's t density with nu df at z, with Weka's lnGamma. */
    private static double logT(double z, double nu) {
        return Statistics.lnGamma((nu + 1) / 2) - Statistics.lnGamma(nu / 2) - 0.5 * Math.log(nu * Math.PI)
                - (nu + 1) / 2 * Math.log1p(z * z / nu);
    }

    /**
     * A Gaussian GLM (a linear model) predicts a new value with R's predict.lm law: mu + s T, T ~ t on n - p df,
     * s^2 = s2 (1 + x' (X'X)^-1 x), s2 the Pearson RSS / (n - p) recomputed here; the interval's ends have t tail
     * probabilities (1 - c) / 2 by Weka's incompleteBeta.
     */
    @Test
    void gaussianGlmLogDensityAndIntervalAreThePredictionTWithPearsonSigma() throws Exception {
        final Instances data = FamilyData.of("Gaussian", 300, 1);
        final NeuralGLM c = glm(new Gaussian(), "Pearson");
        c.buildClassifier(data);
        final double nu = data.numInstances() - P;
        final double s2 = sum(c, data, (y, mu) -> (y - mu) * (y - mu)) / nu;
        for (Instance inst : FamilyData.of("Gaussian", 20, 2)) {
            final double mu = c.classifyInstance(inst), y = inst.classValue();
            final double s = Math.sqrt(s2 * (1 + leverage(data, inst)));
            assertEquals(logT((y - mu) / s, nu) - Math.log(s), c.logDensity(inst, y), 1e-9);
            final double[][] iv = c.predictIntervals(inst, 0.9);
            assertEquals(1, iv.length);
            assertEquals(mu, (iv[0][0] + iv[0][1]) / 2, 1e-9);
            final double t = (iv[0][1] - mu) / s;
            assertEquals(0.05, 0.5 * Statistics.incompleteBeta(nu / 2, 0.5, nu / (nu + t * t)), 1e-9);
        }
        assertTrue(c.toString().contains("Pearson estimate"), c.toString());
    }

    /** A network's Gaussian law is the plug-in normal at its Pearson sigma (no coefficient uncertainty to add). */
    @Test
    void gaussianNetworkLogDensityAndIntervalAreTheNormalsWithPearsonSigma() throws Exception {
        final Instances data = FamilyData.of("Gaussian", 300, 1);
        final NeuralGLM c = glm(new Gaussian(), "Pearson");
        c.setHidden("4");
        c.setEpochs(30);
        c.buildClassifier(data);
        final double s2 = sum(c, data, (y, mu) -> (y - mu) * (y - mu)) / data.numInstances();
        final double z = Statistics.normalInverse(0.95);
        for (Instance inst : FamilyData.of("Gaussian", 20, 2)) {
            final double mu = c.classifyInstance(inst), y = inst.classValue();
            assertEquals(-0.5 * Math.log(2 * Math.PI * s2) - (y - mu) * (y - mu) / (2 * s2), c.logDensity(inst, y), 1e-9);
            final double[][] iv = c.predictIntervals(inst, 0.9);
            assertEquals(mu - z * Math.sqrt(s2), iv[0][0], 1e-7);
            assertEquals(mu + z * Math.sqrt(s2), iv[0][1], 1e-7);
        }
    }

    @Test
    void gaussianDevianceAndMaximumLikelihoodSigma() throws Exception {
        final Instances data = FamilyData.of("Gaussian", 300, 3);
        final Instance x = FamilyData.of("Gaussian", 1, 4).instance(0);
        final NeuralGLM dev = glm(new Gaussian(), "Deviance"), ml = glm(new Gaussian(), "ML");
        dev.buildClassifier(data);
        ml.buildClassifier(data);
        final double rss = sum(dev, data, (y, mu) -> (y - mu) * (y - mu));
        // the deviance estimate RSS / (n - p): the linear model's t law
        final double nu = data.numInstances() - P, s = Math.sqrt(rss / nu * (1 + leverage(data, x)));
        final double mu = dev.classifyInstance(x);
        assertEquals(logT(1, nu) - Math.log(s), dev.logDensity(x, mu + s), 1e-9);
        // maximum likelihood, RSS / n: the plug-in normal
        final double s2 = rss / data.numInstances(), muMl = ml.classifyInstance(x);
        assertEquals(-0.5 * Math.log(2 * Math.PI * s2) - 0.5, ml.logDensity(x, muMl + Math.sqrt(s2)), 1e-9);
        assertTrue(dev.toString().contains("deviance estimate"), dev.toString());
        assertTrue(ml.toString().contains("maximum-likelihood estimate"), ml.toString());
    }

    @Test
    void poissonLogMassUsesExactFactorials() throws Exception {
        final NeuralGLM c = glm(new Poisson(), "Pearson");
        c.buildClassifier(FamilyData.of("Poisson", 300, 5));
        for (Instance inst : FamilyData.of("Poisson", 20, 6)) {
            final double mu = c.classifyInstance(inst);
            for (int y : new int[] {0, 1, 3, (int) inst.classValue(), 17}) {
                assertEquals(y * Math.log(mu) - mu - lnFactorial(y), c.logDensity(inst, y), 1e-9);
            }
            assertEquals(Double.NEGATIVE_INFINITY, c.logDensity(inst, 2.5));
            assertEquals(Double.NEGATIVE_INFINITY, c.logDensity(inst, -1));
        }
    }

    @Test
    void gammaLogDensityAndIntervalWithPearsonShape() throws Exception {
        final Instances data = FamilyData.of("Gamma", 400, 7);
        final NeuralGLM c = glm(new Gamma(), "Pearson");
        c.buildClassifier(data);
        final double phi = sum(c, data, (y, mu) -> (y - mu) * (y - mu) / (mu * mu)) / (data.numInstances() - P);
        final double k = 1 / phi;
        for (Instance inst : FamilyData.of("Gamma", 10, 8)) {
            final double mu = c.classifyInstance(inst), y = inst.classValue();
            assertEquals(k * Math.log(k / mu) - Statistics.lnGamma(k) + (k - 1) * Math.log(y) - k * y / mu,
                    c.logDensity(inst, y), 1e-8);
            final double[][] iv = c.predictIntervals(inst, 0.95);
            assertEquals(0.025, Statistics.incompleteGamma(k, k * iv[0][0] / mu), 1e-8);
            assertEquals(0.975, Statistics.incompleteGamma(k, k * iv[0][1] / mu), 1e-8);
        }
        assertTrue(c.toString().contains("shape = "), c.toString());
    }

    /** Gamma log-likelihood of the training rows at shape k, written here. */
    private static double gammaLogLik(NeuralGLM c, Instances data, double k) throws Exception {
        return sum(c, data, (y, mu) -> k * Math.log(k / mu) - Statistics.lnGamma(k) + (k - 1) * Math.log(y) - k * y / mu);
    }

    @Test
    void maximumLikelihoodGammaShapeMaximisesTheLikelihoodWrittenHere() throws Exception {
        final Instances data = FamilyData.of("Gamma", 400, 9);
        final NeuralGLM c = glm(new Gamma(), "ML");
        c.buildClassifier(data);
        final double k = 1 / c.fittedModel().dispersion().phi();
        final double best = gammaLogLik(c, data, k);
        assertTrue(best > gammaLogLik(c, data, k * 1.01) && best > gammaLogLik(c, data, k / 1.01));
        // and logDensity sums to that likelihood
        assertEquals(best, logDensitySum(c, data), 1e-6 * Math.abs(best));
    }

    private static double logDensitySum(NeuralGLM c, Instances data) throws Exception {
        double s = 0;
        for (Instance inst : data) {
            s += inst.weight() * c.logDensity(inst, inst.classValue());
        }
        return s;
    }

    @Test
    void negativeBinomialGivenAndFittedAlpha() throws Exception {
        final Instances data = FamilyData.of("NegativeBinomial", 600, 10); // true alpha 0.5
        final NegativeBinomial family = new NegativeBinomial();
        family.setAlpha(0.8);
        final NeuralGLM given = glm(family, "Pearson"), fitted = glm(family, "ML");
        given.buildClassifier(data);
        fitted.buildClassifier(data);
        assertEquals(0.8, given.fittedModel().dispersion().alpha(), 0);
        final double alpha = fitted.fittedModel().dispersion().alpha();
        assertTrue(alpha > 0.3 && alpha < 0.75, "ML alpha " + alpha);
        final DoubleUnaryOperator logLik = a -> {
            try {
                return sum(fitted, data, (y, mu) -> nbLogMass(y, mu, a));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        assertTrue(logLik.applyAsDouble(alpha) > logLik.applyAsDouble(alpha * 1.02)
                && logLik.applyAsDouble(alpha) > logLik.applyAsDouble(alpha / 1.02));
        final Instance x = data.instance(0);
        for (NeuralGLM c : new NeuralGLM[] {given, fitted}) {
            final double a = c.fittedModel().dispersion().alpha(), mu = c.classifyInstance(x);
            for (int y : new int[] {0, 2, 9}) {
                assertEquals(nbLogMass(y, mu, a), c.logDensity(x, y), 1e-9);
            }
        }
        assertTrue(given.toString().contains("alpha 0.800000 (the family's, as given"), given.toString());
        assertTrue(fitted.toString().contains("(maximum likelihood at the fitted means"), fitted.toString());
    }

    /** NB2: Gamma(y + r) / (Gamma(r) y!) (r / (r + mu))^r (mu / (r + mu))^y, r = 1/alpha. */
    private static double nbLogMass(double y, double mu, double alpha) {
        final double r = 1 / alpha;
        return Statistics.lnGamma(y + r) - Statistics.lnGamma(r) - lnFactorial(y)
                + r * Math.log(r / (r + mu)) + y * Math.log(mu / (r + mu));
    }

    @Test
    void inverseGaussianLogDensityWithDevianceLambda() throws Exception {
        final Instances data = FamilyData.of("InverseGaussian", 300, 11);
        final NeuralGLM c = glm(new InverseGaussian(), "Deviance");
        c.buildClassifier(data);
        final double phi = sum(c, data, (y, mu) -> (y - mu) * (y - mu) / (mu * mu * y)) / (data.numInstances() - P);
        final double lambda = 1 / phi;
        for (Instance inst : FamilyData.of("InverseGaussian", 10, 12)) {
            final double mu = c.classifyInstance(inst), y = inst.classValue();
            assertEquals(0.5 * Math.log(lambda / (2 * Math.PI * y * y * y)) - lambda * (y - mu) * (y - mu) / (2 * mu * mu * y),
                    c.logDensity(inst, y), 1e-8);
        }
        assertTrue(c.toString().contains("lambda = "), c.toString());
    }

    @Test
    void binomialTrialsAreTheInstanceWeight() throws Exception {
        final NeuralGLM c = glm(new Binomial(), "Pearson");
        c.buildClassifier(FamilyData.of("Binomial", 300, 13));
        final Instance x = (Instance) FamilyData.of("Binomial", 1, 14).instance(0).copy();
        x.setWeight(5);
        final double p = c.classifyInstance(x);
        assertEquals(Math.log(10) + 3 * Math.log(p) + 2 * Math.log(1 - p), c.logDensity(x, 0.6), 1e-9);
        final double[][] iv = c.predictIntervals(x, 0.9);
        assertEquals(0, iv[0][0] * 5 - Math.rint(iv[0][0] * 5), 1e-12);
        // issue 15 item 3: a weight that is no whole number predicts the proportion of the nearest whole
        // number of trials (halves up), a weight below 1/2 (zero included) that of one trial; never NaN
        x.setWeight(2.5);
        assertEquals(Math.log(3) + Math.log(p) + 2 * Math.log(1 - p), c.logDensity(x, 1.0 / 3), 1e-9);
        final double[] three = c.predictIntervals(x, 0.9)[0];
        for (double bound : three) {
            assertEquals(0, bound * 3 - Math.rint(bound * 3), 1e-12);
        }
        assertTrue(three[0] <= p && p <= three[1], Arrays.toString(three));
        for (double weight : new double[] {0, 0.3}) {
            x.setWeight(weight);
            assertEquals(Math.log(p), c.logDensity(x, 1.0), 1e-12);
            assertEquals(Math.log(1 - p), c.logDensity(x, 0.0), 1e-12);
            final double[] one = c.predictIntervals(x, 0.9)[0];
            assertTrue((one[0] == 0 || one[0] == 1) && (one[1] == 0 || one[1] == 1), Arrays.toString(one));
        }
        x.setWeight(1e6 + 0.4);
        assertEquals(new neuralglm.dist.BinomialDistribution(p, 1e6).logDensity(0.5), c.logDensity(x, 0.5), 1e-12);
    }

    @Test
    void modelWithoutPredictiveDistributionSaysWhyAndStillEvaluates() throws Exception {
        final Tweedie family = new Tweedie();
        family.setPower(2.5);
        final NeuralGLM c = glm(family, "Pearson");
        final Instances data = FamilyData.of("Gamma", 200, 18);
        c.buildClassifier(data);
        assertTrue(c.toString().contains("Uncertainty:     none: predictIntervals gives NaN bounds"), c.toString());
        assertTrue(c.toString().contains("power 2.5"), c.toString());
        assertTrue(Double.isNaN(c.logDensity(data.instance(0), 1.0)));
        final Evaluation eval = new Evaluation(data);
        eval.evaluateModel(c, data);
        assertTrue(eval.correlationCoefficient() > 0.3);
    }

    @Test
    void tweedieMaximumLikelihoodPhiIsALocalMaximumOfTheSummedLogDensity() throws Exception {
        final Instances data = FamilyData.of("Tweedie", 300, 15);
        final NeuralGLM c = glm(new Tweedie(), "ML");
        c.buildClassifier(data);
        final double phi = c.fittedModel().dispersion().phi();
        final double at = logDensitySum(c, data);
        for (double f : new double[] {1.02, 1 / 1.02}) {
            double s = 0;
            for (Instance inst : data) {
                s += new neuralglm.dist.TweedieDistribution(c.classifyInstance(inst), phi * f, 1.5).logDensity(inst.classValue());
            }
            assertTrue(at > s, "phi " + phi + " x " + f);
        }
    }

    @Test
    void nominalClassGivesLogProbabilitiesAndNoIntervals() throws Exception {
        final Instances data = FamilyData.of("Categorical", 200, 16);
        final NeuralGLM c = NeuralGLMFamiliesTest.glm(new weka.classifiers.functions.neuralglm.Auto());
        c.buildClassifier(data);
        final Instance x = data.instance(3);
        final double[] p = c.distributionForInstance(x);
        for (int j = 0; j < 3; j++) {
            assertEquals(Math.log(p[j]), c.logDensity(x, j), 1e-12);
        }
        final Exception e = assertThrows(IllegalArgumentException.class, () -> c.predictIntervals(x, 0.95));
        assertTrue(e.getMessage().contains("nominal"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> c.logDensity(x, 3));
        assertTrue(!c.toString().contains("Uncertainty"), c.toString());
    }

    @Test
    void badConfidenceAndNoModelAreRefused() throws Exception {
        final NeuralGLM c = glm(new Gaussian(), "Pearson");
        final Instance x = FamilyData.of("Gaussian", 1, 17).instance(0);
        assertThrows(IllegalStateException.class, () -> c.predictIntervals(x, 0.95));
        c.buildClassifier(FamilyData.of("Gaussian", 50, 17));
        for (double bad : new double[] {0, 1, 95, Double.NaN}) {
            final Exception e = assertThrows(IllegalArgumentException.class, () -> c.predictIntervals(x, bad));
            assertTrue(e.getMessage().contains("(0, 1)"), e.getMessage());
        }
    }

    @Test
    void dispersionOptionRoundTripsOnTheCommandLine() throws Exception {
        for (String name : new String[] {"Deviance", "ML", "Pearson"}) {
            final NeuralGLM c = new NeuralGLM();
            c.setOptions(new String[] {"-dispersion", name});
            final String opts = Utils.joinOptions(c.getOptions());
            assertTrue(opts.toLowerCase(java.util.Locale.ROOT).contains("-dispersion " + name.toLowerCase(java.util.Locale.ROOT)), opts);
            final NeuralGLM d = new NeuralGLM();
            d.setOptions(Utils.splitOptions(opts));
            assertEquals(c.getDispersionEstimate().getSelectedTag().getID(), d.getDispersionEstimate().getSelectedTag().getID());
        }
    }

    // ------------------------------------------------------------------------------------ coverage

    /** eta = 0.5 + 0.4 x1 - 0.3 x2 with x ~ N(0, 1); y drawn from the truth at mu = g^-1(eta). */
    private static Instances simulate(String truth, int n, long seed) {
        final Random rng = new Random(seed);
        final Instances data = new Instances(truth, new ArrayList<>(List.of(new Attribute("x1"), new Attribute("x2"),
                new Attribute("y"))), n);
        data.setClassIndex(2);
        for (int i = 0; i < n; i++) {
            final double x1 = rng.nextGaussian(), x2 = rng.nextGaussian(), eta = 0.5 + 0.4 * x1 - 0.3 * x2;
            final double y;
            switch (truth) {
                case "Gaussian": y = eta + 0.8 * rng.nextGaussian(); break;
                case "Gamma": y = Simulate.gamma(rng, 3, Math.exp(eta) / 3); break;
                case "Poisson": y = Simulate.poisson(rng, Math.exp(eta)); break;
                case "NegativeBinomial": y = Simulate.poisson(rng, Simulate.gamma(rng, 2, Math.exp(eta) / 2)); break; // alpha 0.5
                default: throw new IllegalArgumentException(truth);
            }
            data.add(new DenseInstance(1.0, new double[] {x1, x2, y}));
        }
        return data;
    }

    /** Weka's own coverage of 95% intervals (Evaluation's default level) on fresh draws, as a fraction. */
    private static double coverage(String truth, FamilySpec family, String dispersion) throws Exception {
        final Instances train = simulate(truth, 2000, 100), test = simulate(truth, 20000, 200);
        final NeuralGLM c = glm(family, dispersion);
        c.buildClassifier(train);
        // priors from 50 rows: Weka's numeric prior is a kernel estimator costing O(rows) per test row, and
        // only the coverage (which does not use it) is asserted here
        final Evaluation eval = new Evaluation(new Instances(train, 0, 50));
        eval.evaluateModel(c, test);
        final double cov = eval.coverageOfTestCasesByPredictedRegions() / 100;
        System.out.printf("coverage of 95%% intervals, %s (%s dispersion): %.4f%n", truth, dispersion, cov);
        return cov;
    }

    @Test
    void continuousIntervalsCoverNominalWithinTwoPoints() throws Exception {
        for (String est : new String[] {"Pearson", "Deviance", "ML"}) {
            assertEquals(0.95, coverage("Gaussian", new Gaussian(), est), 0.02);
            assertEquals(0.95, coverage("Gamma", new Gamma(), est), 0.02);
        }
    }

    /**
     * A discrete interval holds at least 95% of the fitted law's mass, so its coverage is at least nominal
     * up to the sampling error of 20000 draws (sd 0.0015) and of the fitted mean: asserted &gt;= 0.945.
     */
    @Test
    void countIntervalsCoverAtLeastNominal() throws Exception {
        assertTrue(coverage("Poisson", new Poisson(), "Pearson") >= 0.945);
        final NegativeBinomial nb = new NegativeBinomial();
        nb.setAlpha(0.5);
        assertTrue(coverage("NegativeBinomial", nb, "Pearson") >= 0.945);
        assertTrue(coverage("NegativeBinomial", new NegativeBinomial(), "ML") >= 0.945); // alpha fitted, family's 1
    }
}

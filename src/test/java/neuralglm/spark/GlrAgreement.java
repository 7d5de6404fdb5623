package neuralglm.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import neuralglm.spark.ml.NeuralGLMTrainingSummary;
import org.apache.spark.ml.regression.GeneralizedLinearRegressionModel;
import org.apache.spark.ml.regression.GeneralizedLinearRegressionTrainingSummary;

/**
 * A GLM's {@link NeuralGLMTrainingSummary} against Spark's own {@code GeneralizedLinearRegression} fitted on the same
 * rows: per quantity (coefficients with the intercept, standard errors, t- and p-values, deviance, null deviance,
 * dispersion, AIC) the largest relative difference {@code |ours - GLR's| / max(1e-3, |GLR's|)}, and the counts that must
 * be equal (instances, rank, residual and null degrees of freedom). {@code SparkGlmSummaryTest} asserts it in local mode;
 * {@code SparkMlClusterCheck} checks it on a real cluster. No JUnit inside, so the cluster check's jar can carry it.
 */
public final class GlrAgreement {
    /** The relative tolerance both use: L-BFGS to convergence against IRLS to 1e-12. */
    public static final double TOLERANCE = 1e-5;

    private final Map<String, Double> relative = new LinkedHashMap<>();
    private final List<String> mismatches = new ArrayList<>();
    private final double tolerance;

    private GlrAgreement(double tolerance) {
        this.tolerance = tolerance;
    }

    /**
     * @param ours      the summary of a GLM (no hidden layer) of the same family and link as {@code glr}
     * @param glr       GLR's model fitted on the same rows (same label, weights and features vector)
     * @param aic       whether to compare the AIC (not for a weighted Gamma, whose conventions differ)
     * @param tolerance the largest relative difference accepted per element
     * @return the comparison
     */
    public static GlrAgreement of(NeuralGLMTrainingSummary ours, GeneralizedLinearRegressionModel glr, boolean aic,
                                  double tolerance) {
        final GeneralizedLinearRegressionTrainingSummary r = glr.summary();
        final GlrAgreement a = new GlrAgreement(tolerance);
        final double[] b = glr.coefficients().toArray(), c = ours.coefficients().toArray();
        final double[] glrCoef = java.util.Arrays.copyOf(b, b.length + 1), ourCoef = java.util.Arrays.copyOf(c, c.length + 1);
        glrCoef[b.length] = glr.intercept();
        ourCoef[c.length] = ours.intercept();
        a.compare("coefficients (intercept last)", glrCoef, ourCoef);
        a.compare("standard errors", r.coefficientStandardErrors(), ours.coefficientStandardErrors());
        a.compare("t values", r.tValues(), ours.tValues());
        a.compare("p values", r.pValues(), ours.pValues());
        a.compare("deviance", new double[] {r.deviance()}, new double[] {ours.deviance()});
        a.compare("null deviance", new double[] {r.nullDeviance()}, new double[] {ours.nullDeviance()});
        a.compare("dispersion", new double[] {r.dispersion()}, new double[] {ours.dispersion()});
        if (aic) {
            a.compare("AIC", new double[] {r.aic()}, new double[] {ours.aic()});
        }
        a.equal("instances", r.numInstances(), ours.numInstances());
        a.equal("rank", r.rank(), ours.rank());
        a.equal("residual df", r.residualDegreeOfFreedom(), ours.residualDegreeOfFreedom());
        a.equal("null df", r.residualDegreeOfFreedomNull(), ours.residualDegreeOfFreedomNull());
        return a;
    }

    private void compare(String what, double[] expected, double[] actual) {
        if (expected.length != actual.length) {
            mismatches.add(what + ": " + actual.length + " values, GLR has " + expected.length);
            relative.put(what, Double.NaN);
            return;
        }
        double m = 0;
        for (int j = 0; j < expected.length; j++) {
            final double rel = Math.abs(actual[j] - expected[j]) / Math.max(1e-3, Math.abs(expected[j]));
            // NaN (a NaN on either side) is a mismatch, as assertEquals with a delta makes it
            if (!(rel <= tolerance)) {
                mismatches.add(String.format(Locale.ROOT, "%s[%d]: %.17g, GLR's %.17g (relative difference %.3g > %.1g)",
                        what, j, actual[j], expected[j], rel, tolerance));
            }
            m = Double.isNaN(rel) ? Double.NaN : Math.max(m, rel);
        }
        relative.put(what, m);
    }

    private void equal(String what, double expected, double actual) {
        if (expected != actual) {
            mismatches.add(what + ": " + actual + ", GLR's " + expected);
        }
    }

    /** @return what differs by more than the tolerance (empty when all agree) */
    public List<String> mismatches() {
        return mismatches;
    }

    /** @return the largest relative difference per quantity, in the order compared */
    public Map<String, Double> relativeDifferences() {
        return relative;
    }

    /** @return the largest relative difference over all quantities compared */
    public double worst() {
        return relative.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    /** @return {@code coefficients 1.2e-09, standard errors 3.4e-08, ...} */
    public String report() {
        final StringBuilder s = new StringBuilder();
        relative.forEach((k, v) -> s.append(s.length() == 0 ? "" : ", ").append(k.replace(" (intercept last)", ""))
                .append(' ').append(String.format(Locale.ROOT, "%.1e", v)));
        return s.toString();
    }
}

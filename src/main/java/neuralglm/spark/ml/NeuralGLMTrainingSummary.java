package neuralglm.spark.ml;

import java.util.Locale;

import neuralglm.model.GlmSummary;
import neuralglm.model.GlmTable;
import neuralglm.spark.TrainingStatistics;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;

/**
 * The training summary of a {@link NeuralGLMModel}, as Spark's {@code GeneralizedLinearRegressionTrainingSummary}
 * (the fit statistics of {@link NeuralGLMSummary}, and the training's)
 * gives it ({@code model.summary()}; computed on the cluster by passes over the cached training rows after training,
 * with the engine's GLM inference; not saved with the model, as Spark's summaries are not):
 * <pre>
 *   numInstances                  labelled training rows;  weightSum = sum w
 *   deviance, nullDeviance        D = sum w d(y, mu),  D0 = sum w d(y, ybar)  (ybar: the weighted mean label)
 *   dispersion                    phi = 1 for Poisson, Bernoulli, Binomial, Exponential, Categorical (fixed);
 *                                 else Pearson chi2 / residual df, chi2 = sum w (y - mu)^2 / V(mu), as GLR
 *   rank, residualDegreeOfFreedom p = d + 1 (intercept included; less for aliased inputs), n - p;
 *   residualDegreeOfFreedomNull   n - 1   (n: rows of positive weight, the weights read as GLR reads them:
 *                                 Var(y_i) = phi V(mu_i) / w_i)
 *   aic                           -2 log L + 2 k (k = rank, +1 for an estimated dispersion), log L at R's family$aic
 *                                 dispersion (Gaussian D/n, Gamma D/sum w): GLR's convention; with weights, a
 *                                 Gamma or inverse Gaussian row's density is log f(y; mu, phi / w) (prior weights),
 *                                 where GLR (as R's Gamma()$aic) takes w log f(y; mu, phi)
 *   numIterations                 epochs trained;  objectiveHistory: the mean NLL of each epoch
 *   coefficients, intercept,      for a GLM (no hidden layer, one output): the coefficients in the units of the
 *   coefficientStandardErrors,    features vector (the network sees them standardised), their standard errors
 *   tValues, pValues              sqrt(phi [I^-1]_jj), I = X' diag(w (dmu/deta)^2 / V(mu)) X the expected
 *                                 information at the fit, t = b / se, two-sided p-values from N(0, 1) where phi is
 *                                 fixed, else Student's t on the residual df; in GLR's order: the features'
 *                                 coefficients, then the intercept (last)
 * </pre>
 * For a network (hidden layers) the coefficient statistics are refused ({@link UnsupportedOperationException}, as GLR
 * refuses them without its normal solver); its residual df is NaN (a network's parameter count is not its degrees of
 * freedom), its dispersion chi2 / sum w (the model's own), and its AIC counts every network parameter. For
 * Categorical, AIC and the Pearson chi-square are NaN.
 */
public final class NeuralGLMTrainingSummary extends NeuralGLMSummary {
    private static final long serialVersionUID = 2L;

    NeuralGLMTrainingSummary(TrainingStatistics stats) {
        super(stats);
    }

    /** @return the epochs trained */
    public int numIterations() {
        return stats.iterations();
    }

    /** @return the mean NLL of each epoch */
    public double[] objectiveHistory() {
        return stats.objectiveHistory();
    }

    /** @return whether the model is a GLM, with coefficient statistics */
    public boolean hasCoefficientStatistics() {
        return stats.glm() != null;
    }

    private GlmSummary glm(String what) {
        if (stats.glm() == null) {
            throw new UnsupportedOperationException("No " + what + " for this NeuralGLMModel: " + stats.noInference()
                    + " (only a GLM, no hidden layer and one output, has them)");
        }
        return stats.glm();
    }

    /** @return intercept first (the engine's order) to GLR's: the features' values, then the intercept */
    private static double[] interceptLast(double[] v) {
        final double[] out = new double[v.length];
        System.arraycopy(v, 1, out, 0, v.length - 1);
        out[v.length - 1] = v[0];
        return out;
    }

    /** @return a GLM's coefficients of the features vector's elements, in its units (NaN where aliased) */
    public Vector coefficients() {
        final double[] b = glm("coefficients").estimates();
        return Vectors.dense(java.util.Arrays.copyOfRange(b, 1, b.length));
    }

    /** @return a GLM's intercept */
    public double intercept() {
        return glm("intercept").estimates()[0];
    }

    /** @return the standard errors of the coefficients, then the intercept's (last) */
    public double[] coefficientStandardErrors() {
        return interceptLast(glm("standard errors").standardErrors());
    }

    /** @return the t (or z) statistics, intercept last */
    public double[] tValues() {
        return interceptLast(glm("t-values").statistics());
    }

    /** @return the two-sided p-values, intercept last */
    public double[] pValues() {
        return interceptLast(glm("p-values").pValues());
    }

    /** @return a GLM's full summary (intercept first, confidence intervals, covariance), or null for a network */
    public GlmSummary glmSummary() {
        return stats.glm();
    }

    /** @return the coefficient table (R's layout) for a GLM, else the fit statistics */
    @Override
    public String toString() {
        if (stats.glm() != null) {
            return GlmTable.format(stats.glm(), "Epochs");
        }
        return String.format(Locale.ROOT, "NeuralGLMTrainingSummary(numInstances=%d, deviance=%.6g, nullDeviance=%.6g, "
                + "dispersion=%.6g, aic=%.6g, numIterations=%d)", numInstances(), deviance(), nullDeviance(), dispersion(),
                aic(), numIterations());
    }
}

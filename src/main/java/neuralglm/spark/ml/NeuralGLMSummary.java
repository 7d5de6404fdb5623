package neuralglm.spark.ml;

import java.io.Serializable;
import java.util.Locale;

import neuralglm.spark.TrainingStatistics;

/**
 * A {@link NeuralGLMModel}'s fit statistics on a set of labelled rows, as Spark's
 * {@code GeneralizedLinearRegressionSummary} gives them: on its training rows ({@link NeuralGLMTrainingSummary},
 * {@code model.summary()}) or on other rows ({@link NeuralGLMModel#evaluate}, e.g. held-out data). Over the rows:
 * <pre>
 *   numInstances, weightSum        labelled rows, sum w
 *   deviance, nullDeviance         D = sum w d(y, mu);  D0 of the intercept-only model fitted to these rows (with their
 *                                  offsets, as R's and GLR's null deviance)
 *   pearsonChiSquare, dispersion   chi2 = sum w (y - mu)^2 / V(mu);  phi = 1 where the family fixes it, else
 *                                  chi2 / residual df (a network: chi2 / sum w)
 *   rank, residualDegreeOfFreedom  p (a GLM's rank; a network's parameter count), n - p (NaN for a network);
 *   residualDegreeOfFreedomNull    n - 1  (n: rows of positive weight, weights read as GLR reads them)
 *   logLikelihood, aic             log L at R's family$aic dispersion, -2 log L + 2 k (GLR's convention)
 * </pre>
 * Computed on the cluster by passes over the rows, summed exactly; not saved with the model.
 */
public class NeuralGLMSummary implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The statistics behind the getters. */
    final TrainingStatistics stats;

    NeuralGLMSummary(TrainingStatistics stats) {
        this.stats = stats;
    }

    /** @return the labelled rows */
    public long numInstances() {
        return stats.rows();
    }

    /** @return the sum of the instance weights */
    public double weightSum() {
        return stats.totalWeight();
    }

    /** @return D, the model's deviance on the rows */
    public double deviance() {
        return stats.deviance();
    }

    /** @return D0, the deviance of the intercept-only model */
    public double nullDeviance() {
        return stats.nullDeviance();
    }

    /** @return phi (1 where the family fixes it) */
    public double dispersion() {
        return stats.dispersion();
    }

    /** @return the Pearson chi-square sum w (y - mu)^2 / V(mu) */
    public double pearsonChiSquare() {
        return stats.pearsonChiSquare();
    }

    /** @return the rank of a GLM's design (intercept included); the parameters AIC counts for a network */
    public long rank() {
        return stats.glm() != null ? stats.glm().rank() : stats.parameters();
    }

    /** @return n - rank (NaN for a network) */
    public double residualDegreeOfFreedom() {
        return stats.residualDf();
    }

    /** @return as GLR: the residual degrees of freedom */
    public double degreesOfFreedom() {
        return residualDegreeOfFreedom();
    }

    /** @return n - 1 */
    public double residualDegreeOfFreedomNull() {
        return stats.nullDf();
    }

    /** @return the log-likelihood (NaN where the family has no density) */
    public double logLikelihood() {
        return stats.logLikelihood();
    }

    /** @return -2 log L + 2 k (NaN where the family has no density) */
    public double aic() {
        return stats.aic();
    }

    /** @return the fit statistics */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "NeuralGLMSummary(numInstances=%d, deviance=%.6g, nullDeviance=%.6g, "
                + "dispersion=%.6g, aic=%.6g)", numInstances(), deviance(), nullDeviance(), dispersion(), aic());
    }
}

package neuralglm.model;

import neuralglm.dist.FittedDispersion;
import neuralglm.dist.StudentTDistribution;
import neuralglm.family.Link;

/**
 * The predictive distribution of a new observation of a linear model (a Gaussian GLM with the identity link) whose
 * dispersion is estimated by RSS / residual df: R's {@code predict.lm(fit, newdata, interval = "prediction")}, which
 * counts the coefficients' uncertainty as well as the noise's.
 * <pre>
 *   y_new | x  ~  mu(x) + sqrt(phi + x' V x) T,   T ~ t_{n - p}       (V = phi I^-1, phi = RSS / (n - p))
 * </pre>
 * The plug-in normal N(mu(x), phi) leaves out x' V x and takes the normal quantile for the t's: too narrow for a small
 * sample (n = 32, p = 4: about 10% on average). A new observation has weight 1 (variance phi), as R's default.
 */
public final class LinearModelPrediction {

    private LinearModelPrediction() {
    }

    /**
     * @param s          the GLM's summary
     * @param dispersion the model's dispersion for prediction
     * @return whether the model is a linear model with its dispersion estimated as RSS / residual df (Pearson or
     *         deviance, the same for the Gaussian; not maximum likelihood, RSS / n), so that the t law is exact
     */
    public static boolean applies(GlmSummary s, FittedDispersion dispersion) {
        return s != null && dispersion != null && dispersion.unavailable() == null
                && "Gaussian".equals(s.family().name()) && s.family().link() == Link.IDENTITY && s.isT()
                && s.residualDf() > 0 && dispersion.estimate() != FittedDispersion.Estimate.MAXIMUM_LIKELIHOOD
                && Double.isFinite(s.dispersion()) && s.dispersion() > 0;
    }

    /**
     * @param s  the GLM's summary ({@link #applies})
     * @param x  the new row as the coefficients read it: x[0] = 1, then the inputs in original units
     * @param mu the model's prediction at x (its network's, x' b to rounding)
     * @return the t law of the new observation
     */
    public static StudentTDistribution at(GlmSummary s, double[] x, double mu) {
        return new StudentTDistribution(mu, Math.sqrt(s.dispersion() + s.linearPredictorVariance(x)), s.residualDf());
    }
}

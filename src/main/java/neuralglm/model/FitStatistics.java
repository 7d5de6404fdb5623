package neuralglm.model;

import java.io.Serializable;

import neuralglm.family.Family;
import org.ejml.data.DMatrixRMaj;

/**
 * Goodness of fit of a fitted model on its training data, as a GLM summary reports it.
 * <pre>
 *   mean NLL      sum w_i l(eta_i; y_i) / sum w           (dispersion 1, constants dropped)
 *   deviance      D  = sum w_i 2 (l(eta_i; y_i) - l_sat(y_i))
 *   null deviance D0 = D of the intercept-only model (mu = weighted mean of y)
 *   dispersion    phi = sum w_i (y_i - mu_i)^2 / V(mu_i) / (sum w - p)   (Pearson; 1 when fixed)
 * </pre>
 * Immutable.
 */
public final class FitStatistics implements Serializable {
    private static final long serialVersionUID = 1L;

    private final double meanNll;
    private final double deviance;
    private final double nullDeviance;
    private final double dispersion;
    private final int numParameters;
    /** The GLM's inference (one-output GLMs); null for networks. */
    private final GlmSummary glm;

    private FitStatistics(double meanNll, double deviance, double nullDeviance, double dispersion, int numParameters) {
        this(meanNll, deviance, nullDeviance, dispersion, numParameters, null);
    }

    private FitStatistics(double meanNll, double deviance, double nullDeviance, double dispersion, int numParameters,
                          GlmSummary glm) {
        this.glm = glm;
        this.meanNll = meanNll;
        this.deviance = deviance;
        this.nullDeviance = nullDeviance;
        this.dispersion = dispersion;
        this.numParameters = numParameters;
    }

    /**
     * @param family        the output family
     * @param eta           fitted network output, n x k. Not modified.
     * @param y             targets, n x k. Not modified.
     * @param w             instance weights or null. Not modified.
     * @param numParameters number of fitted parameters p (for the dispersion's degrees of freedom); 0 gives the
     *                      uncorrected {@code chi^2 / sum w}, for models whose parameter count is not their
     *                      degrees of freedom (networks)
     * @return the statistics
     */
    public static FitStatistics of(Family family, DMatrixRMaj eta, DMatrixRMaj y, double[] w, int numParameters) {
        return new FitStatistics(family.meanNll(eta, y, w), family.deviance(eta, y, w),
                family.nullDeviance(y, w), family.dispersion(eta, y, w, numParameters), numParameters);
    }

    /**
     * @param summary the GLM's inference at this fit
     * @return these statistics with the summary
     */
    public FitStatistics withGlmSummary(GlmSummary summary) {
        return new FitStatistics(meanNll, deviance, nullDeviance, dispersion, numParameters, summary);
    }

    /** @return the GLM's inference (standard errors, tests, likelihood); null for a network or a multi-output GLM */
    public GlmSummary glmSummary() {
        return glm;
    }

    /** @return the weighted mean NLL (constants dropped) */
    public double meanNll() {
        return meanNll;
    }

    /** @return the deviance D */
    public double deviance() {
        return deviance;
    }

    /** @return the null deviance D0 */
    public double nullDeviance() {
        return nullDeviance;
    }

    /** @return the Pearson dispersion estimate (1 for a family with fixed dispersion; NaN when sum w &lt;= p) */
    public double dispersion() {
        return dispersion;
    }

    /** @return the number of fitted parameters p */
    public int numParameters() {
        return numParameters;
    }

    @Override
    public String toString() {
        return "FitStatistics(meanNll=" + meanNll + ", deviance=" + deviance + ", nullDeviance=" + nullDeviance
                + ", dispersion=" + dispersion + ", p=" + numParameters + ")";
    }
}

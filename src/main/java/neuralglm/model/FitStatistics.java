package neuralglm.model;

import java.io.Serializable;

import neuralglm.family.Family;
import org.ejml.data.DMatrixRMaj;

/**
 * Goodness of fit of a fitted model on its training data, as a GLM summary reports it.
 * <pre>
 *   mean NLL      sum w_i l(eta_i; y_i) / sum w           (dispersion 1, constants dropped)
 *   deviance      D  = sum w_i 2 (l(eta_i; y_i) - l_sat(y_i))
 *   null deviance D0 = D of the intercept-only model (mu = weighted mean of y; with an offset o, mu_i = g^-1(b + o_i)
 *                  at the maximum-likelihood b)
 *   dispersion    phi = sum w_i (y_i - mu_i)^2 / V(mu_i) / (sum w - p)   (Pearson; 1 when fixed)
 * </pre>
 *
 * @param meanNll       the mean NLL
 * @param deviance      D
 * @param nullDeviance  D0
 * @param dispersion    phi
 * @param numParameters p, the parameters counted in the dispersion's degrees of freedom
 * @param glmSummary    the GLM's inference (one-output GLMs); null for networks
 * @param jointTests    the GLM's joint tests of its inputs' coefficients by attribute; null when none were made (networks,
 *                      a model saved before they were)
 * @param devianceTests the GLM's likelihood-ratio tests of dropping each attribute; null when not asked for
 * @param noSummary     why a GLM has no summary (e.g. a singular information); null otherwise
 * @param sequentialTests the GLM's sequential analysis of deviance (R's anova); null when not asked for (or a model
 *                      saved before it existed)
 */
public record FitStatistics(double meanNll, double deviance, double nullDeviance, double dispersion, int numParameters,
                            GlmSummary glmSummary, JointTests jointTests, DevianceTests devianceTests, String noSummary,
                            SequentialDevianceTests sequentialTests)
        implements Serializable {
    private static final long serialVersionUID = 2L;

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
        return of(family, eta, y, w, numParameters, null);
    }

    /**
     * {@link #of(Family, DMatrixRMaj, DMatrixRMaj, double[], int)} of a fit with an offset: eta is the whole linear
     * predictor, and the null deviance is the intercept-only model's with the offset
     * ({@link neuralglm.family.Offsets#nullDeviance}, R's).
     *
     * @param offset the offsets, length n, or null for none. Not modified.
     * @return the statistics
     */
    public static FitStatistics of(Family family, DMatrixRMaj eta, DMatrixRMaj y, double[] w, int numParameters,
                                   double[] offset) {
        final double[] s = family.fitSummary(eta, y, w, numParameters, offset);
        return new FitStatistics(s[0], s[1], s[2], s[3], numParameters, null, null, null, null, null);
    }

    /**
     * @param summary the GLM's inference at this fit
     * @return these statistics with the summary
     */
    public FitStatistics withGlmSummary(GlmSummary summary) {
        return new FitStatistics(meanNll, deviance, nullDeviance, dispersion, numParameters, summary, jointTests, devianceTests,
                noSummary, sequentialTests);
    }

    /**
     * @param tests the joint tests of the GLM's coefficients by attribute
     * @return these statistics with the tests
     */
    public FitStatistics withJointTests(JointTests tests) {
        return new FitStatistics(meanNll, deviance, nullDeviance, dispersion, numParameters, glmSummary, tests, devianceTests,
                noSummary, sequentialTests);
    }

    /**
     * @param reason why the GLM has no summary
     * @return these statistics without a summary or the tests made from it, with the reason
     */
    public FitStatistics withoutSummary(String reason) {
        return new FitStatistics(meanNll, deviance, nullDeviance, dispersion, numParameters, null, null, null, reason, null);
    }

    /**
     * @param tests the likelihood-ratio tests of dropping each attribute
     * @return these statistics with the tests
     */
    public FitStatistics withDevianceTests(DevianceTests tests) {
        return new FitStatistics(meanNll, deviance, nullDeviance, dispersion, numParameters, glmSummary, jointTests, tests,
                noSummary, sequentialTests);
    }

    /**
     * @param tests the sequential analysis of deviance
     * @return these statistics with it
     */
    public FitStatistics withSequentialTests(SequentialDevianceTests tests) {
        return new FitStatistics(meanNll, deviance, nullDeviance, dispersion, numParameters, glmSummary, jointTests,
                devianceTests, noSummary, tests);
    }

    @Override
    public String toString() {
        return "FitStatistics(meanNll=" + meanNll + ", deviance=" + deviance + ", nullDeviance=" + nullDeviance
                + ", dispersion=" + dispersion + ", p=" + numParameters + ")";
    }
}

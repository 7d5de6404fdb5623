package neuralglm.dist;

import neuralglm.family.Family;
import org.ejml.data.DMatrixRMaj;

/**
 * Moment estimates of the dispersion phi of a fitted model with p parameters, from rows with
 * prior weights w (n_w = sum w):
 * <pre>
 *   PEARSON    phi = sum w_i (y_i - mu_i)^2 / V(mu_i) / (n_w - p)      ({@link Family#dispersion})
 *   DEVIANCE   phi = D / (n_w - p),   D = sum w_i d(y_i, mu_i)            ({@link Family#deviance})
 * </pre>
 * Both are 1 for families whose dispersion is fixed. The Pearson estimate is consistent for every
 * family; the deviance estimate is biased for small shapes (e.g. Gamma with phi near 1), but less
 * sensitive to a few outliers. Likelihood-based estimates (negative binomial alpha, Gamma phi) are in
 * {@link MaximumLikelihood}.
 */
public enum DispersionEstimator {
    /** The Pearson chi-square over the residual degrees of freedom. */
    PEARSON {
        @Override
        public double estimate(Family family, DMatrixRMaj eta, DMatrixRMaj y, double[] w, int numParameters) {
            return family.dispersion(eta, y, w, numParameters);
        }
    },
    /** The deviance over the residual degrees of freedom. */
    DEVIANCE {
        @Override
        public double estimate(Family family, DMatrixRMaj eta, DMatrixRMaj y, double[] w, int numParameters) {
            if (family.hasFixedDispersion()) {
                return 1.0;
            }
            final double df = Family.totalWeight(w, eta.numRows) - numParameters;
            return df > 0 ? family.deviance(eta, y, w) / df : Double.NaN;
        }
    };

    /**
     * @param family        the fitted family
     * @param eta           network output, n x 1. Not modified.
     * @param y             targets, n x 1. Not modified.
     * @param w             prior weights or null for 1. Not modified.
     * @param numParameters number of fitted parameters p
     * @return the estimate of phi; NaN when {@code n_w <= p}; 1 when the family fixes it
     */
    public abstract double estimate(Family family, DMatrixRMaj eta, DMatrixRMaj y, double[] w, int numParameters);
}

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

        @Override
        public double estimate(Family family, DispersionSums sums) {
            return family.hasFixedDispersion() ? 1.0
                    : ratio(sums.pearsonChiSquare(), sums.totalWeight(), sums.numParameters());
        }
    },
    /** The deviance over the residual degrees of freedom. */
    DEVIANCE {
        @Override
        public double estimate(Family family, DMatrixRMaj eta, DMatrixRMaj y, double[] w, int numParameters) {
            if (family.hasFixedDispersion()) {
                return 1.0;
            }
            return ratio(family.deviance(eta, y, w), Family.totalWeight(w, eta.numRows), numParameters);
        }

        @Override
        public double estimate(Family family, DispersionSums sums) {
            return family.hasFixedDispersion() ? 1.0 : ratio(sums.deviance(), sums.totalWeight(), sums.numParameters());
        }
    };

    /** @return {@code statistic / (n_w - p)}, NaN when {@code n_w <= p} */
    private static double ratio(double statistic, double totalWeight, int numParameters) {
        final double df = totalWeight - numParameters;
        return df > 0 ? statistic / df : Double.NaN;
    }

    /**
     * The estimate from sums over the training rows (made where the rows are, e.g. on a cluster).
     *
     * @param family the fitted family
     * @param sums   chi2, D, n_w and p over the training rows
     * @return the estimate of phi; NaN when {@code n_w <= p}; 1 when the family fixes it
     */
    public abstract double estimate(Family family, DispersionSums sums);

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

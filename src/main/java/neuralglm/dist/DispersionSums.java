package neuralglm.dist;

import java.io.Serializable;

import neuralglm.family.Family;
import org.ejml.data.DMatrixRMaj;

/**
 * The sums the moment estimates of the dispersion are made of, kept so that a model trained where its
 * rows are no longer at hand (on a cluster) can still predict with a dispersion:
 * <pre>
 *   chi2 = sum w_i (y_i - mu_i)^2 / V(mu_i)     ({@link Family#pearsonChiSquare})
 *   D    = sum w_i d(y_i, mu_i)                  ({@link Family#deviance})
 *   n_w  = sum w_i,   p = the GLM's parameter count (0 for a network)
 * </pre>
 * Sums over disjoint row blocks add up ({@link #partial}); {@link DispersionEstimator#estimate(Family,
 * DispersionSums)} and {@link FittedDispersion#fromSums} turn them into phi. One-column fits only.
 *
 * @param pearsonChiSquare chi2
 * @param deviance         D
 * @param totalWeight      n_w
 * @param numParameters    p for the degrees of freedom n_w - p (0: none subtracted)
 */
public record DispersionSums(double pearsonChiSquare, double deviance, double totalWeight, int numParameters)
        implements Serializable {
    private static final long serialVersionUID = 2L;

    /**
     * @param family the fitted family
     * @param eta    network output on a block of rows, n x 1. Not modified.
     * @param y      the block's targets, n x 1. Not modified.
     * @param w      the block's weights or null. Not modified.
     * @return {@code {chi2, D, n_w}} over the block
     */
    public static double[] partial(Family family, DMatrixRMaj eta, DMatrixRMaj y, double[] w) {
        return new double[] {family.pearsonChiSquare(eta, y, w), family.deviance(eta, y, w),
            Family.totalWeight(w, eta.numRows)};
    }





    @Override
    public String toString() {
        return "DispersionSums(chi2=" + pearsonChiSquare + ", deviance=" + deviance + ", sumWeights=" + totalWeight
                + ", p=" + numParameters + ")";
    }
}

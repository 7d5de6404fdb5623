package neuralglm.train;

import neuralglm.family.Family;
import org.ejml.data.DMatrixRMaj;

/**
 * The engine's own guard at its edge: shapes agree, inputs and weights are finite, weights are
 * non-negative with a positive sum, and targets lie in the family's domain. Each failure names the
 * row, column and value.
 */
public final class DataChecks {

    private DataChecks() {
    }

    /**
     * @param family the output family (checks the targets)
     * @param x      inputs, n x d. Not modified.
     * @param y      targets, n x k. Not modified.
     * @param w      instance weights of length n, or null. Not modified.
     * @throws IllegalArgumentException (or {@link neuralglm.family.DomainException}) on the first problem
     */
    public static void check(Family family, DMatrixRMaj x, DMatrixRMaj y, double[] w) {
        final int n = x.numRows, d = x.numCols;
        if (n == 0) {
            throw new IllegalArgumentException("No training rows: the data set is empty");
        }
        if (y.numRows != n) {
            throw new IllegalArgumentException("Inputs have " + n + " rows but targets have " + y.numRows);
        }
        if (w != null && w.length != n) {
            throw new IllegalArgumentException("Inputs have " + n + " rows but " + w.length + " instance weights were given");
        }
        // one flat loop over the row-major entries (the first bad one is the same as row by row)
        final double[] xs = x.data;
        for (int k = 0, len = n * d; k < len; k++) {
            if (!Double.isFinite(xs[k])) {
                throw new IllegalArgumentException(String.format(
                        "Input value %s at row %d, column %d is not finite; inputs must be finite numbers", xs[k], k / d, k % d));
            }
        }
        if (w != null) {
            double total = 0;
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(w[i]) || w[i] < 0) {
                    throw new IllegalArgumentException(String.format(
                            "Instance weight %s at row %d is invalid; weights must be finite and >= 0", w[i], i));
                }
                total += w[i];
            }
            if (!(total > 0)) {
                throw new IllegalArgumentException("The instance weights sum to " + total + "; at least one must be > 0");
            }
        }
        family.checkTargets(y);
    }
}

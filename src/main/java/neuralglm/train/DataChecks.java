package neuralglm.train;

import neuralglm.family.Family;
import neuralglm.linalg.Parallel;
import neuralglm.linalg.RowSource;
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
        check(family, x, y, w, 1);
    }

    /**
     * {@link #check(Family, DMatrixRMaj, DMatrixRMaj, double[])} with the inputs' check shared among
     * {@code threads} threads in blocks of rows (the first bad entry reported is the same).
     *
     * @param family  the output family (checks the targets)
     * @param x       inputs, n x d. Not modified.
     * @param y       targets, n x k. Not modified.
     * @param w       instance weights of length n, or null. Not modified.
     * @param threads the threads to use (at least 1; fewer for small x)
     * @throws IllegalArgumentException (or {@link neuralglm.family.DomainException}) on the first problem
     */
    public static void check(Family family, DMatrixRMaj x, DMatrixRMaj y, double[] w, int threads) {
        check(family, x, y, w, threads, false);
    }

    /**
     * {@link #check(Family, DMatrixRMaj, DMatrixRMaj, double[], int)} without the pass over x when its entries are
     * known to be finite (checked by the caller as it made them).
     *
     * @param xFinite whether every entry of x is known to be finite; false: they are checked here
     */
    static void check(Family family, DMatrixRMaj x, DMatrixRMaj y, double[] w, int threads, boolean xFinite) {
        final int n = x.numRows, d = x.numCols;
        checkSizes(n, y, w);
        // flat loops over the row-major entries of blocks of rows (the first bad one is the same as row by row)
        final double[] xs = x.data;
        final int parts = Parallel.parts(threads, (long) n * d, Parallel.PASS_GRAIN);
        if (!xFinite) {
            Parallel.run(parts, t -> {
                for (int k = Parallel.start(n, parts, t) * d, end = Parallel.start(n, parts, t + 1) * d; k < end; k++) {
                    if (!Double.isFinite(xs[k])) {
                        throw notFinite(xs[k], k / d, k % d);
                    }
                }
            });
        }
        checkWeightsAndTargets(family, y, w);
    }

    /** @return the error naming a non-finite input value, its row and column (0-based) */
    private static IllegalArgumentException notFinite(double v, int row, int col) {
        return new IllegalArgumentException(String.format(
                "Input value %s at row %d, column %d is not finite; inputs must be finite numbers", v, row, col));
    }

    /**
     * {@link #check(Family, DMatrixRMaj, DMatrixRMaj, double[])} on inputs read from a source, in blocks of rows (the
     * same first bad value and message); not read when the source knows its values are finite
     * ({@link RowSource#knownFinite()}).
     */
    public static void check(Family family, RowSource x, DMatrixRMaj y, double[] w) {
        final int n = x.numRows(), d = x.numCols();
        checkSizes(n, y, w);
        final int rows = Math.max(1, BLOCK / Math.max(1, d));
        final double[] block = x.knownFinite() ? null : new double[rows * d];   // 128 kB of fresh heap pages otherwise
        for (int i = block == null ? n : 0; i < n; i += rows) {
            final int m = Math.min(rows, n - i);
            x.range(i, m, block);
            for (int k = 0; k < m * d; k++) {
                if (!Double.isFinite(block[k])) {
                    throw notFinite(block[k], i + k / d, k % d);
                }
            }
        }
        checkWeightsAndTargets(family, y, w);
    }

    /** Entries of a source read per block by {@link #check(Family, RowSource, DMatrixRMaj, double[])}. */
    private static final int BLOCK = 1 << 14;

    private static void checkSizes(int n, DMatrixRMaj y, double[] w) {
        if (n == 0) {
            throw new IllegalArgumentException("No training rows: the data set is empty");
        }
        if (y.numRows != n) {
            throw new IllegalArgumentException("Inputs have " + n + " rows but targets have " + y.numRows);
        }
        if (w != null && w.length != n) {
            throw new IllegalArgumentException("Inputs have " + n + " rows but " + w.length + " instance weights were given");
        }
    }

    private static void checkWeightsAndTargets(Family family, DMatrixRMaj y, double[] w) {
        if (w != null) {
            double total = 0;
            for (int i = 0; i < w.length; i++) {
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

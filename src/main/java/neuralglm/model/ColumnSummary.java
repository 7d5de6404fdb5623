package neuralglm.model;

import neuralglm.linalg.Parallel;

/**
 * What one pass over a row-major n x d matrix finds per column j, its NaN entries being missing values:
 * <pre>
 *   sum_j     = sum over present x_ij of w_i x_ij          (terms added in row order, from 0)
 *   present_j = W - sum over missing x_ij of w_i            (subtracted in row order from the total W given)
 *   missing_j = the number of missing entries
 *   distinct_j = the number of distinct present values, compared by their bits (0.0 and -0.0 differ), up to 2
 * </pre>
 * (with {@code w_i = 1} when no weights are given), so that {@code sum_j / present_j} is the weighted mean of the
 * present values as Weka's ReplaceMissingValues computes it, to the bit. The columns are shared among threads,
 * each column summed by one thread in row order: the same bits for any number of threads. Immutable.
 */
public final class ColumnSummary {

    private final double[] sum, present, first;
    private final int[] missing, distinct;

    private ColumnSummary(int d) {
        sum = new double[d];
        present = new double[d];
        first = new double[d];
        missing = new int[d];
        distinct = new int[d];
    }

    /** Entries worth a thread of their own (about 0.1 ms of work). */
    private static final long GRAIN = 1L << 16;

    /**
     * @param x       the matrix, row-major (at least n d entries). Not modified.
     * @param n       rows
     * @param d       columns
     * @param w       row weights (length at least n) or null for 1. Not modified.
     * @param total   W, the weight the present weights start from (e.g. the sum of w)
     * @param threads the threads to use (at least 1; fewer when the matrix is small or narrow)
     * @return the summary of each column
     */
    public static ColumnSummary of(double[] x, int n, int d, double[] w, double total, int threads) {
        final ColumnSummary s = new ColumnSummary(d);
        java.util.Arrays.fill(s.present, total);
        final int parts = Math.max(1, Math.min(d, Parallel.parts(threads, (long) n * d, GRAIN)));
        Parallel.run(parts, t -> s.columns(x, n, d, w, Parallel.start(d, parts, t), Parallel.start(d, parts, t + 1)));
        return s;
    }

    /** Columns {@code c0 .. c1 - 1}, row by row. */
    private void columns(double[] x, int n, int d, double[] w, int c0, int c1) {
        final long[] firstBits = new long[d];
        int undecided = c1 - c0; // columns with fewer than 2 distinct values so far
        for (int i = 0; i < n; i++) {
            final double wi = w == null ? 1.0 : w[i];
            final int base = i * d;
            if (undecided == 0) {
                for (int j = c0; j < c1; j++) {
                    final double v = x[base + j];
                    if (v != v) {
                        missing[j]++;
                        present[j] -= wi;
                    } else {
                        sum[j] += wi * v;
                    }
                }
                continue;
            }
            for (int j = c0; j < c1; j++) {
                final double v = x[base + j];
                if (v != v) {
                    missing[j]++;
                    present[j] -= wi;
                    continue;
                }
                sum[j] += wi * v;
                if (distinct[j] == 0) {
                    firstBits[j] = Double.doubleToRawLongBits(v);
                    first[j] = v;
                    distinct[j] = 1;
                } else if (distinct[j] == 1 && Double.doubleToRawLongBits(v) != firstBits[j]) {
                    distinct[j] = 2;
                    undecided--;
                }
            }
        }
    }

    /** @return the number of columns d */
    public int columns() {
        return sum.length;
    }

    /** @return {@code sum_j}, the weighted sum of column j's present values */
    public double sum(int j) {
        return sum[j];
    }

    /** @return {@code present_j}, the total weight less the weights of column j's missing values */
    public double presentWeight(int j) {
        return present[j];
    }

    /** @return the number of missing (NaN) entries in column j */
    public int missing(int j) {
        return missing[j];
    }

    /** @return the number of distinct present values of column j, by their bits: 0, 1, or 2 for 2 or more */
    public int distinct(int j) {
        return distinct[j];
    }

    /** @return column j's first present value (in row order); 0 when it has none */
    public double first(int j) {
        return first[j];
    }
}

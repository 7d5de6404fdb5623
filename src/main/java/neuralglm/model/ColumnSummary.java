package neuralglm.model;

import neuralglm.linalg.Parallel;

/**
 * What one pass over a row-major n x d matrix finds per column j, its NaN entries being missing values:
 * <pre>
 *   sum_j     = sum over present x_ij of w_i x_ij          (terms added in row order, from 0)
 *   present_j = W - sum over missing x_ij of w_i            (subtracted in row order from the total W given)
 *   missing_j = the number of missing entries
 *   distinct_j = the number of distinct present values of the rows of weight other than 0, compared by their bits
 *                (0.0 and -0.0 differ), up to 2
 * </pre>
 * (with {@code w_i = 1} when no weights are given), so that {@code sum_j / present_j} is the weighted mean of the
 * present values as Weka's ReplaceMissingValues computes it, to the bit. The columns are shared among threads,
 * each column summed by one thread in row order: the same bits for any number of threads. Immutable.
 */
public final class ColumnSummary {

    private final double[] sum, present, first;
    private final int[] missing, distinct;
    /** The columns' sums of squares about their means and indicator columns, when made block by block; else null. */
    private ColumnMoments moments;

    private ColumnSummary(int d) {
        sum = new double[d];
        present = new double[d];
        first = new double[d];
        missing = new int[d];
        distinct = new int[d];
    }

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
        final int parts = Math.max(1, Math.min(d, Parallel.parts(threads, (long) n * d, Parallel.PASS_GRAIN)));
        Parallel.run(parts, t -> {
            final int c0 = Parallel.start(d, parts, t), c1 = Parallel.start(d, parts, t + 1);
            s.rows(x, 0, n, d, w, 0, c0, c1, new Scan(d, c1 - c0));
        });
        return s;
    }

    /** Where a scan of a range of columns stands: each column's first value's bits, the columns not yet at 2 values. */
    private static final class Scan {
        final long[] firstBits;
        int undecided;

        Scan(int d, int columns) {
            firstBits = new long[d];
            undecided = columns;
        }
    }

    /**
     * Rows {@code r0 .. r1 - 1} of columns {@code c0 .. c1 - 1}, row by row, after the rows the scan has seen; row r's
     * weight is {@code w[w0 + r]}.
     */
    private void rows(double[] x, int r0, int r1, int d, double[] w, int w0, int c0, int c1, Scan scan) {
        int undecided = scan.undecided; // columns with fewer than 2 distinct values so far
        final long[] firstBits = scan.firstBits;
        for (int i = r0; i < r1; i++) {
            final double wi = w == null ? 1.0 : w[w0 + i];
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
                if (wi == 0) {
                    continue;   // a row without weight says nothing of the column's values in the fit
                }
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
        scan.undecided = undecided;
    }

    /**
     * The summary of a matrix made row block by row block, each block added while it is in the caches (e.g. as it is
     * copied): {@link #of} on one thread, to the bit, for a matrix without missing values (the present weights of a
     * column with some are the total less their weights in row order, which needs the total first: {@link #of} then),
     * and the columns' {@link ColumnMoments} in the same pass. Not thread-safe.
     */
    public static final class Rows {
        private final ColumnSummary s;
        private final Scan scan;
        private final int d;
        /** The columns' moments while every call has added whole blocks of their rows but the last; else null. */
        private ColumnMoments moments;
        private int next;

        /** @param d the matrix's columns */
        public Rows(int d) {
            this.d = d;
            s = new ColumnSummary(d);
            scan = new Scan(d, d);
            moments = new ColumnMoments(d);
        }

        /**
         * Adds rows {@code r0 .. r1 - 1}, which must follow the rows added so far ({@code r0} is 0 first, then the
         * last call's {@code r1}). The summary has the columns' {@link ColumnMoments} when every call but the last adds
         * whole blocks of {@link ColumnMoments#blockRows} rows (e.g. 256 rows, or any multiple of it).
         *
         * @param x  the matrix, row-major with d columns (at least {@code r1 d} entries). Not modified.
         * @param r0 the first row
         * @param r1 the row after the last
         * @param w  row weights (indexed by row, length at least r1) or null for 1. Not modified.
         */
        public void add(double[] x, int r0, int r1, double[] w) {
            if (r0 != next || r1 < r0) {
                throw new IllegalArgumentException("ColumnSummary.Rows: rows " + r0 + " .. " + (r1 - 1)
                        + " added after rows up to " + (next - 1));
            }
            // row by row while a column may have fewer than 2 distinct values; then the sums alone, four columns at a
            // time without a test per value (a missing value makes its column's sum NaN: no summary then)
            add(x, r0, r1, w, 0);
            next = r1;
        }

        /**
         * Adds the next {@code count} rows, held in {@code block} row-major from 0 (e.g. the rows of a data set kept
         * elsewhere, copied a block at a time): {@link #add(double[], int, int, double[])} on the matrix of all rows.
         *
         * @param block count rows of d values. Not modified.
         * @param count the number of rows
         * @param w     row weights of all rows (the block's are {@code w[next ..]}), or null for 1. Not modified.
         */
        public void addBlock(double[] block, int count, double[] w) {
            add(block, 0, count, w, next);
            next += count;
        }

        private void add(double[] x, int r0, int r1, double[] w, int w0) {
            if (moments != null && !moments.wholeBlocks()) {
                moments = null;   // rows added after a part of a block: no moments (they are cut in whole blocks)
            } else if (moments != null) {
                moments.add(x, r0, r1, w, w0);
            }
            int r = r0;
            for (; r < r1 && scan.undecided > 0; r++) {
                s.rows(x, r, r + 1, d, w, w0, 0, d, scan);
            }
            Standardizer.addRows(x, r, r1, d, w, w0, s.sum, 0, d);
        }

        /**
         * @param total W, the weight the present weights start from (e.g. the sum of w)
         * @return the summary of the rows added ({@link #of} on them, with their {@link #moments()}), or null when a
         *         value was missing (or a column's sum is NaN: {@link #of} then)
         */
        public ColumnSummary summary(double total) {
            for (int j = 0; j < d; j++) {
                if (s.missing[j] > 0 || Double.isNaN(s.sum[j])) {
                    return null;
                }
            }
            final ColumnSummary out = new ColumnSummary(d);
            System.arraycopy(s.sum, 0, out.sum, 0, d);
            System.arraycopy(s.first, 0, out.first, 0, d);
            System.arraycopy(s.distinct, 0, out.distinct, 0, d);
            java.util.Arrays.fill(out.present, total);
            out.moments = moments;
            return out;
        }
    }

    /**
     * @return the columns' sums of squares about their means and their indicator columns, found in the same pass
     *         ({@link Rows} given whole blocks of rows); else null
     */
    public ColumnMoments moments() {
        return moments;
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

    /**
     * @return the number of distinct present values of column j in the rows of weight other than 0, by their bits: 0, 1,
     *         or 2 for 2 or more
     */
    public int distinct(int j) {
        return distinct[j];
    }

    /** @return column j's first present value (in row order); 0 when it has none */
    public double first(int j) {
        return first[j];
    }
}

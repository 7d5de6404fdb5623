package neuralglm.model;

import java.io.Serializable;

import neuralglm.family.Family;
import neuralglm.linalg.Parallel;
import neuralglm.linalg.RowSource;
import neuralglm.nn.Linear;
import org.ejml.data.DMatrixRMaj;

/**
 * Centres and scales input columns with weighted moments, and maps the coefficients of a linear
 * predictor fitted on standardised inputs back to the original units.
 * <pre>
 *   m_j = sum_i w_i x_ij / sum w,   s_j = sqrt(sum_i w_i (x_ij - m_j)^2 / sum w)   (s_j = 1 when 0)
 *   z_ij = (x_ij - m_j) / s_j
 *   eta_k = b_k + sum_j W_kj z_j = (b_k - sum_j W_kj m_j / s_j) + sum_j (W_kj / s_j) x_j
 * </pre>
 * {@link #fit(DMatrixRMaj, double[], double[], int, double)} can give the 0/1 columns (indicators) one scale instead
 * of their standard deviations {@code sqrt(p_j (1 - p_j))}, which blow up a rare indicator's 1 to {@code sqrt((1-p)/p)}
 * (Gelman 2008, "Scaling regression inputs by dividing by two standard deviations": binary inputs centred, on the
 * scale of numeric inputs divided by 2 sd; here numeric inputs are divided by 1 sd, so indicators by 1/2).
 * An identity standardiser (m = 0, s = 1) is what a face uses when standardisation is switched off,
 * so that the same code path serves both. Immutable.
 */
public final class Standardizer implements Serializable {

    /**
     * The largest input (and target) magnitude the faces accept: the squares of larger values overflow double precision
     * (the moments above, and a Gaussian NLL, square them), which would turn a column's scale infinite.
     */
    public static final double MAX_MAGNITUDE = 1e150;
    private static final long serialVersionUID = 1L;

    private final double[] mean;
    private final double[] scale;

    /**
     * @param mean  column means m (copied)
     * @param scale column scales s &gt; 0 (copied)
     */
    public Standardizer(double[] mean, double[] scale) {
        if (mean.length != scale.length) {
            throw new IllegalArgumentException("Standardizer: " + mean.length + " means but " + scale.length + " scales");
        }
        for (int j = 0; j < scale.length; j++) {
            if (!(scale[j] > 0) || !Double.isFinite(scale[j]) || !Double.isFinite(mean[j])) {
                throw new NotFinite(j, mean[j], scale[j]);
            }
        }
        this.mean = mean.clone();
        this.scale = scale.clone();
    }

    /**
     * A column whose mean or scale is not finite (or whose scale is not positive): e.g. weighted squares that overflow
     * (weights of 1e100 times values of 1e150 squared).
     */
    public static final class NotFinite extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final int column;

        NotFinite(int column, double mean, double scale) {
            super("Standardizer: column " + column + " has mean " + mean + " and scale " + scale
                    + "; need a finite mean and a finite scale > 0");
            this.column = column;
        }

        /** @return the column, 0-based */
        public int column() {
            return column;
        }
    }

    /**
     * @param columns number of columns
     * @return the identity map (m = 0, s = 1)
     */
    public static Standardizer identity(int columns) {
        final double[] ones = new double[columns];
        java.util.Arrays.fill(ones, 1.0);
        return new Standardizer(new double[columns], ones);
    }

    /**
     * Weighted column means and (population) standard deviations; a constant column gets scale 1.
     *
     * @param x inputs, n x d. Not modified.
     * @param w instance weights (length n) or null for 1. Not modified.
     * @return the standardiser of x
     */
    public static Standardizer fit(DMatrixRMaj x, double[] w) {
        return fit(x, w, null);
    }

    /**
     * {@link #fit(DMatrixRMaj, double[])} given the weighted column sums, which saves summing them when a
     * caller has already summed the columns (the same numbers when they were summed as here: {@code w_i x_ij}
     * added in row order from 0).
     *
     * @param x    inputs, n x d. Not modified.
     * @param w    instance weights (length n) or null for 1. Not modified.
     * @param sums {@code sum_i w_i x_ij} per column, or null to sum them here. Not modified.
     * @return the standardiser of x
     */
    public static Standardizer fit(DMatrixRMaj x, double[] w, double[] sums) {
        return fit(x, w, sums, 1);
    }

    /**
     * {@link #fit(DMatrixRMaj, double[], double[])} on {@code threads} threads, each summing a range of the
     * columns (each column's terms added in row order, as one thread adds them): the same bits for any number
     * of threads.
     *
     * @param x       inputs, n x d. Not modified.
     * @param w       instance weights (length n) or null for 1. Not modified.
     * @param sums    {@code sum_i w_i x_ij} per column, or null to sum them here. Not modified.
     * @param threads the threads to use (at least 1; fewer when x is small)
     * @return the standardiser of x
     */
    public static Standardizer fit(DMatrixRMaj x, double[] w, double[] sums, int threads) {
        return fit(x, w, sums, threads, 0);
    }

    /**
     * {@link #fit(DMatrixRMaj, double[], double[], int)} with one scale for the indicator columns: a column whose
     * values are all 0 or 1, not all the same, gets {@code binaryScale} instead of its standard deviation (and its
     * mean m_j = p_j, the weighted share of ones, as any column).
     *
     * @param x           inputs, n x d. Not modified.
     * @param w           instance weights (length n) or null for 1. Not modified.
     * @param sums        {@code sum_i w_i x_ij} per column, or null to sum them here. Not modified.
     * @param threads     the threads to use (at least 1; fewer when x is small)
     * @param binaryScale the scale of an indicator column, &gt; 0 and finite; 0 for its standard deviation
     * @return the standardiser of x
     */
    public static Standardizer fit(DMatrixRMaj x, double[] w, double[] sums, int threads, double binaryScale) {
        final int n = x.numRows, d = x.numCols;
        final double total = checkedTotal(n, d, w, sums, binaryScale);
        final double[] m = sums == null ? new double[d] : sums.clone(), s = new double[d];
        final double[] wu = ones(w) ? null : w; // a weight of 1 multiplies to the same bits as none
        final int parts = Math.max(1, Math.min(d, Parallel.parts(threads, (long) n * d, Parallel.PASS_GRAIN)));
        // blocks of rows, each read while in the caches by all the groups of columns (SOURCE_BLOCK entries): one pass
        // for the sums and the squares (ColumnMoments)
        final int rows = sourceRows(d);
        final boolean[] indicator = new boolean[d];
        Parallel.run(parts, t -> {
            final int c0 = Parallel.start(d, parts, t), c1 = Parallel.start(d, parts, t + 1);
            final ColumnMoments moments = new ColumnMoments(d, c0, c1);
            for (int i0 = 0; i0 < n; i0 += rows) {
                final int i1 = Math.min(n, i0 + rows);
                if (sums == null) {
                    addRows(x.data, i0, i1, d, wu, 0, m, c0, c1);
                }
                moments.add(x.data, i0, i1, wu, 0);
            }
            means(m, total, c0, c1);
            collect(moments, s, indicator, binaryScale);
            scales(s, total, c0, c1);
        });
        return new Standardizer(m, indicatorScales(s, indicator, binaryScale));
    }

    /**
     * The standardiser of a matrix from its column sums and moments found elsewhere (e.g. as its rows were copied):
     * {@link #fit(DMatrixRMaj, double[], double[], int, double)} on the matrix, to the bit, when the sums are its
     * {@code sum_i w_i x_ij} in row order and the moments its {@link ColumnMoments} with the same weights, in blocks of
     * as many rows ({@link ColumnMoments#blockRows()} equal to {@link ColumnMoments#blockRows(int)} of its columns).
     *
     * @param n           the matrix's rows
     * @param w           instance weights (length n) or null for 1. Not modified.
     * @param sums        {@code sum_i w_i x_ij} per column. Not modified.
     * @param moments     the matrix's columns' moments (of a matrix that may have more columns: see columns)
     * @param columns     per column j of the standardiser, its column in moments
     * @param binaryScale the scale of an indicator column, &gt; 0 and finite; 0 for its standard deviation
     * @return the standardiser
     */
    public static Standardizer of(int n, double[] w, double[] sums, ColumnMoments moments, int[] columns,
                                  double binaryScale) {
        final int d = sums.length;
        final double total = checkedTotal(n, d, w, sums, binaryScale);
        if (columns.length != d) {
            throw new IllegalArgumentException("Standardizer: " + columns.length + " moment columns for " + d + " columns");
        }
        final double[] m = sums.clone(), s = new double[d];
        final boolean[] indicator = new boolean[d];
        for (int j = 0; j < d; j++) {
            s[j] = moments.squares(columns[j]);
            indicator[j] = binaryScale > 0 && moments.indicator(columns[j]);
        }
        means(m, total, 0, d);
        scales(s, total, 0, d);
        return new Standardizer(m, indicatorScales(s, indicator, binaryScale));
    }

    /** Rows per block of a fit's pass: about SOURCE_BLOCK entries, whole blocks of {@link ColumnMoments}. */
    private static int sourceRows(int d) {
        return ColumnMoments.readerRows(d, SOURCE_BLOCK);
    }

    /** The sums of squares of the moments' columns into s, and which of them are indicators (binaryScale &gt; 0). */
    private static void collect(ColumnMoments moments, double[] s, boolean[] indicator, double binaryScale) {
        for (int j = moments.firstColumn(); j < moments.endColumn(); j++) {
            s[j] = moments.squares(j);
            indicator[j] = binaryScale > 0 && moments.indicator(j);
        }
    }

    /**
     * The checks both fits make of their arguments.
     *
     * @return the total weight {@code sum_i w_i} (n without weights), &gt; 0
     */
    private static double checkedTotal(int n, int d, double[] w, double[] sums, double binaryScale) {
        if (!(binaryScale >= 0) || Double.isInfinite(binaryScale)) {
            throw new IllegalArgumentException("Standardizer: the scale of an indicator column must be > 0 and finite "
                    + "(or 0 for its standard deviation), got " + binaryScale);
        }
        final double total = Family.totalWeight(w, n);
        if (!(total > 0)) {
            throw new IllegalArgumentException("Cannot standardise: the instance weights sum to " + total);
        }
        if (sums != null && sums.length != d) {
            throw new IllegalArgumentException("Standardizer: " + sums.length + " column sums for " + d + " columns");
        }
        return total;
    }

    /**
     * {@link #fit(DMatrixRMaj, double[], double[], int, double)} on inputs read from a source in blocks of rows: each
     * column's terms in row order, as there, so the same means and scales to the bit.
     *
     * @param x           inputs, n x d. Read once, a block of rows at a time.
     * @param w           instance weights (length n) or null for 1. Not modified.
     * @param sums        {@code sum_i w_i x_ij} per column, or null to sum them here. Not modified.
     * @param binaryScale the scale of an indicator column, &gt; 0 and finite; 0 for its standard deviation
     * @return the standardiser of x
     */
    public static Standardizer fit(RowSource x, double[] w, double[] sums, double binaryScale) {
        final int n = x.numRows(), d = x.numCols();
        final double total = checkedTotal(n, d, w, sums, binaryScale);
        final double[] m = sums == null ? new double[d] : sums.clone(), s = new double[d];
        final int rows = sourceRows(d);
        final double[] block = new double[Math.min(rows, Math.max(1, n)) * d];
        final double[] wu = ones(w) ? null : w;
        final ColumnMoments moments = new ColumnMoments(d);
        for (int i0 = 0; i0 < n; i0 += rows) {
            final int b = Math.min(rows, n - i0);
            x.range(i0, b, block);
            if (sums == null) {
                addRows(block, 0, b, d, wu, i0, m, 0, d);
            }
            moments.add(block, 0, b, wu, i0);
        }
        means(m, total, 0, d);
        final boolean[] indicator = new boolean[d];
        collect(moments, s, indicator, binaryScale);
        scales(s, total, 0, d);
        return new Standardizer(m, indicatorScales(s, indicator, binaryScale));
    }

    /** Entries per block of rows in the fits (read from a source by {@link #fit(RowSource, double[], double[], double)}). */
    private static final int SOURCE_BLOCK = 1 << 14;

    /**
     * @return s, with {@code binaryScale} for each indicator column that is not constant (a constant column has scale 1)
     */
    private static double[] indicatorScales(double[] s, boolean[] indicator, double binaryScale) {
        for (int j = 0; j < s.length; j++) {
            if (s[j] != 1.0 && indicator[j]) {
                s[j] = binaryScale;
            }
        }
        return s;
    }

    /**
     * Adds {@code w_i x_ij} to {@code m[j]} for rows {@code r0 .. r1 - 1} of the row-major d-column {@code xs} and
     * columns {@code c0 .. c1 - 1}, each column's terms in row order (row r's weight {@code w[w0 + r]}, 1 when w is
     * null).
     */
    static void addRows(double[] xs, int r0, int r1, int d, double[] w, int w0, double[] m, int c0, int c1) {
        // the columns that fill vectors summed a row's columns at a time where the Vector API runs: the same sums
        final int j = neuralglm.linalg.Kernels.addColumnSums(xs, r0, r1, d, w, w0, m, c0, c1);
        addShiftedRows(xs, r0, r1, d, w, w0, null, m, j, c1);
    }

    /**
     * Adds {@code w_i (x_ij - a_j)} to {@code s[j]} as {@link #addRows} adds {@code w_i x_ij} (a null for a shift of 0:
     * {@code x - 0.0} is x, the same sums): with a shift, the columns that fill vectors on the Vector API where it runs
     * (the same sums); the rest on plain loops, eight columns at a time, then four, their sums held across the rows
     * (independent chains of additions).
     */
    static void addShiftedRows(double[] xs, int r0, int r1, int d, double[] w, int w0, double[] a, double[] s, int c0,
                               int c1) {
        int j = a == null ? c0 : neuralglm.linalg.Kernels.addColumnShiftedSums(xs, r0, r1, d, w, w0, a, s, c0, c1);
        for (; j + 8 <= c1; j += 8) {   // eight chains at once: the adds' latency hidden (the same sums)
            final double a0 = a == null ? 0.0 : a[j], a1 = a == null ? 0.0 : a[j + 1];
            final double a2 = a == null ? 0.0 : a[j + 2], a3 = a == null ? 0.0 : a[j + 3];
            final double a4 = a == null ? 0.0 : a[j + 4], a5 = a == null ? 0.0 : a[j + 5];
            final double a6 = a == null ? 0.0 : a[j + 6], a7 = a == null ? 0.0 : a[j + 7];
            double s0 = s[j], s1 = s[j + 1], s2 = s[j + 2], s3 = s[j + 3];
            double s4 = s[j + 4], s5 = s[j + 5], s6 = s[j + 6], s7 = s[j + 7];
            for (int r = r0, k = r0 * d + j; r < r1; r++, k += d) {
                final double wi = w == null ? 1.0 : w[w0 + r];
                s0 += wi * (xs[k] - a0);
                s1 += wi * (xs[k + 1] - a1);
                s2 += wi * (xs[k + 2] - a2);
                s3 += wi * (xs[k + 3] - a3);
                s4 += wi * (xs[k + 4] - a4);
                s5 += wi * (xs[k + 5] - a5);
                s6 += wi * (xs[k + 6] - a6);
                s7 += wi * (xs[k + 7] - a7);
            }
            s[j] = s0;
            s[j + 1] = s1;
            s[j + 2] = s2;
            s[j + 3] = s3;
            s[j + 4] = s4;
            s[j + 5] = s5;
            s[j + 6] = s6;
            s[j + 7] = s7;
        }
        for (; j + 4 <= c1; j += 4) {
            final double a0 = a == null ? 0.0 : a[j], a1 = a == null ? 0.0 : a[j + 1];
            final double a2 = a == null ? 0.0 : a[j + 2], a3 = a == null ? 0.0 : a[j + 3];
            double s0 = s[j], s1 = s[j + 1], s2 = s[j + 2], s3 = s[j + 3];
            for (int r = r0, k = r0 * d + j; r < r1; r++, k += d) {
                final double wi = w == null ? 1.0 : w[w0 + r];
                s0 += wi * (xs[k] - a0);
                s1 += wi * (xs[k + 1] - a1);
                s2 += wi * (xs[k + 2] - a2);
                s3 += wi * (xs[k + 3] - a3);
            }
            s[j] = s0;
            s[j + 1] = s1;
            s[j + 2] = s2;
            s[j + 3] = s3;
        }
        for (; j < c1; j++) {
            final double a0 = a == null ? 0.0 : a[j];
            double s0 = s[j];
            for (int r = r0, k = r0 * d + j; r < r1; r++, k += d) {
                s0 += (w == null ? 1.0 : w[w0 + r]) * (xs[k] - a0);
            }
            s[j] = s0;
        }
    }

    /**
     * Adds {@code w_i (x_ij - m_j)^2} to {@code s[j]}, as {@link #addRows} adds {@code w_i x_ij}: each column's terms in
     * row order.
     */
    static void addSquares(double[] xs, int r0, int r1, int d, double[] w, int w0, double[] m, double[] s, int c0,
                           int c1) {
        int j = neuralglm.linalg.Kernels.addColumnSquares(xs, r0, r1, d, w, w0, m, s, c0, c1);
        for (; j + 8 <= c1; j += 8) {   // eight chains at once, as in addRows
            final double a0 = m[j], a1 = m[j + 1], a2 = m[j + 2], a3 = m[j + 3];
            final double a4 = m[j + 4], a5 = m[j + 5], a6 = m[j + 6], a7 = m[j + 7];
            double s0 = s[j], s1 = s[j + 1], s2 = s[j + 2], s3 = s[j + 3];
            double s4 = s[j + 4], s5 = s[j + 5], s6 = s[j + 6], s7 = s[j + 7];
            for (int r = r0, k = r0 * d + j; r < r1; r++, k += d) {
                final double wi = w == null ? 1.0 : w[w0 + r];
                final double e0 = xs[k] - a0, e1 = xs[k + 1] - a1, e2 = xs[k + 2] - a2, e3 = xs[k + 3] - a3;
                final double e4 = xs[k + 4] - a4, e5 = xs[k + 5] - a5, e6 = xs[k + 6] - a6, e7 = xs[k + 7] - a7;
                s0 += wi * e0 * e0;
                s1 += wi * e1 * e1;
                s2 += wi * e2 * e2;
                s3 += wi * e3 * e3;
                s4 += wi * e4 * e4;
                s5 += wi * e5 * e5;
                s6 += wi * e6 * e6;
                s7 += wi * e7 * e7;
            }
            s[j] = s0;
            s[j + 1] = s1;
            s[j + 2] = s2;
            s[j + 3] = s3;
            s[j + 4] = s4;
            s[j + 5] = s5;
            s[j + 6] = s6;
            s[j + 7] = s7;
        }
        for (; j + 4 <= c1; j += 4) {
            final double a0 = m[j], a1 = m[j + 1], a2 = m[j + 2], a3 = m[j + 3];
            double s0 = s[j], s1 = s[j + 1], s2 = s[j + 2], s3 = s[j + 3];
            for (int r = r0, k = r0 * d + j; r < r1; r++, k += d) {
                final double wi = w == null ? 1.0 : w[w0 + r];
                final double e0 = xs[k] - a0, e1 = xs[k + 1] - a1, e2 = xs[k + 2] - a2, e3 = xs[k + 3] - a3;
                s0 += wi * e0 * e0;
                s1 += wi * e1 * e1;
                s2 += wi * e2 * e2;
                s3 += wi * e3 * e3;
            }
            s[j] = s0;
            s[j + 1] = s1;
            s[j + 2] = s2;
            s[j + 3] = s3;
        }
        for (; j < c1; j++) {
            final double a0 = m[j];
            double s0 = s[j];
            for (int r = r0, k = r0 * d + j; r < r1; r++, k += d) {
                final double e0 = xs[k] - a0;
                s0 += (w == null ? 1.0 : w[w0 + r]) * e0 * e0;
            }
            s[j] = s0;
        }
    }

    /** @return whether w is null or every weight is 1 */
    private static boolean ones(double[] w) {
        for (int i = 0; w != null && i < w.length; i++) {
            if (w[i] != 1.0) {
                return false;
            }
        }
        return true;
    }

    /** {@code m_j <- m_j / total} for the columns {@code c0 .. c1 - 1}: the sums made means. */
    private static void means(double[] m, double total, int c0, int c1) {
        for (int j = c0; j < c1; j++) {
            m[j] /= total;
        }
    }

    /** {@code s_j <- sqrt(s_j / total)}, 1 when that is not above 0: the sums of squares made scales. */
    private static void scales(double[] s, double total, int c0, int c1) {
        for (int j = c0; j < c1; j++) {
            s[j] = Math.sqrt(s[j] / total);
            if (!(s[j] > 0)) {
                s[j] = 1.0;
            }
        }
    }

    /** Entries per block of {@link #apply} (about 10 kB each of the block, the means and the scales: in L1). */
    private static final int APPLY_BLOCK = 1280;

    /** @return the number of columns */
    public int columns() {
        return mean.length;
    }

    /** @return a copy of the column means m */
    public double[] mean() {
        return mean.clone();
    }

    /** @return a copy of the column scales s */
    public double[] scale() {
        return scale.clone();
    }

    /**
     * Standardises in place: {@code x_ij <- (x_ij - m_j) / s_j}.
     *
     * @param x inputs, n x d. Modified.
     * @return x
     */
    public DMatrixRMaj apply(DMatrixRMaj x) {
        return apply(x, 1);
    }

    /**
     * {@link #apply(DMatrixRMaj)} with blocks of rows shared among {@code threads} threads (the same arithmetic
     * per entry: the same bits).
     *
     * @param x       inputs, n x d. Modified.
     * @param threads the threads to use (at least 1; fewer when x is small)
     * @return x
     */
    public DMatrixRMaj apply(DMatrixRMaj x, int threads) {
        applyParts(x, threads, false);
        return x;
    }

    /**
     * {@link #apply(DMatrixRMaj, int)}, telling whether every standardised entry is finite: checked in the same pass,
     * so that a caller need not read x again to check it.
     *
     * @param x       inputs, n x d. Modified.
     * @param threads the threads to use (at least 1; fewer when x is small)
     * @return whether every entry of x is finite after standardising
     */
    public boolean applyChecked(DMatrixRMaj x, int threads) {
        return applyParts(x, threads, true);
    }

    /** {@link #applyChecked} when {@code check}, else {@link #apply} (true, nothing checked) */
    private boolean applyParts(DMatrixRMaj x, int threads, boolean check) {
        final int n = x.numRows, d = x.numCols;
        if (d != mean.length) {
            throw new IllegalArgumentException("Standardizer fitted on " + mean.length + " columns, given " + d);
        }
        final int parts = Math.min(Math.max(1, n), Parallel.parts(threads, (long) n * d, Parallel.PASS_GRAIN));
        final boolean[] finite = new boolean[parts];
        final RowBlocks blocks = new RowBlocks(mean, scale, APPLY_BLOCK);
        Parallel.run(parts, t -> finite[t] = applyRows(x, blocks, Parallel.start(n, parts, t),
                Parallel.start(n, parts, t + 1), check));
        for (boolean f : finite) {
            if (!f) {
                return false;
            }
        }
        return true;
    }

    /**
     * Standardises one row in place, {@code row[offset + j] = (row[offset + j] - m_j) / s_j} for j &lt; d: the arithmetic
     * of {@link #apply}, so the same bits (for rows read one at a time, e.g. from a data set kept elsewhere).
     *
     * @param row    the array holding the row
     * @param offset where the row's d entries start
     */
    public void applyRow(double[] row, int offset) {
        for (int j = 0; j < mean.length; j++) {
            row[offset + j] = (row[offset + j] - mean[j]) / scale[j];
        }
    }

    /**
     * The inverse of {@link #applyRow}: a standardised row back in original units, {@code x_j = m_j + s_j z_j}.
     *
     * @param z the standardised row (d entries). Not modified.
     * @return x, a new array
     */
    public double[] original(double[] z) {
        if (z.length != mean.length) {
            throw new IllegalArgumentException("Standardizer: a row of " + z.length + " entries for " + mean.length
                    + " columns");
        }
        final double[] x = new double[z.length];
        for (int j = 0; j < x.length; j++) {
            x[j] = mean[j] + scale[j] * z[j];
        }
        return x;
    }

    /**
     * @return this standardiser on blocks of rows ({@link RowBlocks}), for rows read a batch at a time
     */
    public RowBlocks rowBlocks() {
        return new RowBlocks(mean, scale, RowBlocks.BLOCK_ENTRIES);
    }

    /**
     * The map {@code z = (x - m_j) / s_j} on rows held row-major, with the means and scales laid out for a block of
     * whole rows (as many as a given number of entries hold, at least one), so that one loop whose arrays share an index
     * serves a block: C2 vectorises it (about 4 ns a row of 20, where {@link #applyRow} row by row, or a loop reading
     * the means at another index than the rows, takes about 23, one division at a time). The arithmetic of
     * {@link #applyRow}, so the same bits. Immutable: threads may share one.
     */
    public static final class RowBlocks {
        /** Entries laid out by {@link #rowBlocks()}: a mini-batch of 256 rows of up to 64 inputs in one loop. */
        static final int BLOCK_ENTRIES = 16384;
        private final int d;
        private final double[] m;
        private final double[] s;

        private RowBlocks(double[] mean, double[] scale, int entries) {
            d = mean.length;
            final int len = d == 0 ? 0 : Math.max(1, entries / d) * d;
            m = new double[len];
            s = new double[len];
            for (int k = 0; k < len; k++) {
                m[k] = mean[k % d];
                s[k] = scale[k % d];
            }
        }

        /** @return the entries of a block: whole rows */
        int blockEntries() {
            return m.length;
        }

        /**
         * Standardises {@code x[0 .. count * d - 1]} in place: a block at a time, the first in the vectorised loop, any
         * further ones (more rows than a block holds) in a loop of their own, allocating nothing.
         *
         * @param x     count rows of d values, row-major from 0. Modified.
         * @param count the number of rows
         */
        public void apply(double[] x, int count) {
            final int len = count * d;
            standardise(x, Math.min(len, m.length));
            for (int k0 = m.length; k0 < len; k0 += m.length) {
                final int end = Math.min(m.length, len - k0);
                for (int k = 0; k < end; k++) {
                    x[k0 + k] = (x[k0 + k] - m[k]) / s[k];
                }
            }
        }

        /** {@code x[k] = (x[k] - m[k]) / s[k]} for k &lt; len (at most a block): one index for every array. */
        void standardise(double[] x, int len) {
            final double[] m = this.m, s = this.s;
            for (int k = 0; k < len; k++) {
                x[k] = (x[k] - m[k]) / s[k];
            }
        }

        /**
         * {@link #standardise} adding {@code z * 0} to {@code f[k]}, which stays 0 while every z is finite and becomes
         * NaN at the first that is not.
         */
        void standardiseChecked(double[] x, double[] f, int len) {
            final double[] m = this.m, s = this.s;
            for (int k = 0; k < len; k++) {
                final double z = (x[k] - m[k]) / s[k];
                x[k] = z;
                f[k] += z * 0.0;
            }
        }
    }

    /**
     * {@link #apply} on rows {@code r0 .. r1 - 1}.
     *
     * @param check whether to check the standardised entries
     * @return whether every entry standardised is finite (true when not checked)
     */
    private boolean applyRows(DMatrixRMaj x, RowBlocks blocks, int r0, int r1, boolean check) {
        // blocks of rows copied to a buffer indexed from 0, where the block's laid-out means and scales share their
        // index (RowBlocks: the same arithmetic per entry)
        final int d = x.numCols;
        final int entries = Math.max(1, Math.min(r1 - r0, blocks.blockEntries() / Math.max(1, d))) * d;
        final double[] t = new double[entries];
        final double[] f = check ? new double[entries] : null;
        for (int k0 = r0 * d, end = r1 * d; k0 < end; k0 += entries) {
            final int len = Math.min(entries, end - k0);
            System.arraycopy(x.data, k0, t, 0, len);
            if (check) {
                blocks.standardiseChecked(t, f, len);
            } else {
                blocks.standardise(t, len);
            }
            System.arraycopy(t, 0, x.data, k0, len);
        }
        if (check) {
            for (double v : f) {
                if (v != 0.0) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Coefficients of {@code eta = b + W z} on standardised inputs, re-expressed on the original
     * inputs x.
     *
     * @param weight W, k x d (PyTorch layout). Not modified.
     * @param bias   b, length k (a 1 x k matrix). Not modified.
     * @return k x (d + 1): column 0 the intercept {@code b_k - sum_j W_kj m_j / s_j}, column j + 1
     *         the slope {@code W_kj / s_j}
     */
    public DMatrixRMaj toOriginalUnits(DMatrixRMaj weight, DMatrixRMaj bias) {
        final int k = weight.numRows, d = weight.numCols;
        checkShape(k, d, bias.getNumElements());
        final double[] w = weight.data.clone(), b = bias.data.clone();
        convert(w, b, k, d, true);
        final DMatrixRMaj beta = new DMatrixRMaj(k, d + 1);
        for (int r = 0; r < k; r++) {
            beta.data[r * (d + 1)] = b[r];
            System.arraycopy(w, r * d, beta.data, r * (d + 1) + 1, d);
        }
        return beta;
    }

    /**
     * Rewrites a network's first layer in place so that it takes the original inputs x instead of
     * the standardised z (or back): {@code W_kj -> W_kj / s_j, b_k -> b_k - sum_j W_kj m_j / s_j}, and
     * the inverse {@code W_kj -> W_kj s_j, b_k -> b_k + sum_j W_kj m_j} (W before scaling).
     *
     * @param first      the first layer, d inputs. Modified.
     * @param toOriginal true: standardised to original units; false: original to standardised
     */
    public void convertInPlace(Linear first, boolean toOriginal) {
        final int k = first.outputs(), d = first.inputs();
        checkShape(k, d, k);
        convert(first.weight().value().data, first.bias().value().data, k, d, toOriginal);
    }

    /**
     * For a network trained on targets standardised by this standardiser ({@code z_j = (y_j - m_j) / s_j}, one
     * column per output) with an identity output: rewrites its output layer in place so that it predicts y,
     * <pre>
     *   y_j = m_j + s_j z_j = (s_j b_j + m_j) + sum_h (s_j W_jh) a_h,   i.e.  W_j. -&gt; s_j W_j.,  b_j -&gt; s_j b_j + m_j
     * </pre>
     * exact up to rounding, for any network whose last layer is this Linear.
     *
     * @param last the output layer, one output per target column. Modified.
     */
    public void toOriginalOutputs(Linear last) {
        final int k = last.outputs(), h = last.inputs();
        if (k != mean.length) {
            throw new IllegalArgumentException("The output layer has " + k + " outputs, the target standardiser "
                    + mean.length + " columns");
        }
        final double[] w = last.weight().value().data, b = last.bias().value().data;
        for (int j = 0; j < k; j++) {
            for (int c = 0; c < h; c++) {
                w[j * h + c] *= scale[j];
            }
            b[j] = scale[j] * b[j] + mean[j];
        }
    }

    private void checkShape(int k, int d, int intercepts) {
        if (d != mean.length || intercepts != k) {
            throw new IllegalArgumentException(String.format(
                    "Coefficients %d x %d with %d intercepts do not fit a standardiser of %d columns",
                    k, d, intercepts, mean.length));
        }
    }

    private void convert(double[] w, double[] b, int k, int d, boolean toOriginal) {
        for (int r = 0; r < k; r++) {
            double shift = 0;
            for (int j = 0; j < d; j++) {
                final int at = r * d + j;
                if (toOriginal) {
                    w[at] /= scale[j];
                    shift -= w[at] * mean[j];
                } else {
                    shift += w[at] * mean[j];
                    w[at] *= scale[j];
                }
            }
            b[r] += shift;
        }
    }
}

package neuralglm.model;

/**
 * Weighted sums of squares about the mean of the columns {@code c0 .. c1 - 1} of a row-major n x d matrix, in one pass
 * over its rows, a block of {@link #blockRows(int)} rows at a time (Chan, Golub and LeVeque 1979: pairwise updates of
 * shifted data). The shift K_j is the mean of the first block of positive weight; per block B, read twice while it is
 * in the caches:
 * <pre>
 *   W_B = sum_B w_i,   o_Bj = sum_B w_i (x_ij - K_j) / W_B,   M_Bj = sum_B w_i (x_ij - (K_j + o_Bj))^2
 * </pre>
 * merged into the running weight W, mean offset o_j (the mean is K_j + o_j) and sum of squares M_j:
 * <pre>
 *   delta = o_Bj - o_j,   o_j += delta W_B / (W + W_B),   M_j += M_Bj + delta^2 W W_B / (W + W_B),   W += W_B
 * </pre>
 * so that at the end {@code M_j = sum_i w_i (x_ij - mean_j)^2} as a second pass about the mean would find it: without
 * the cancellation of {@code sum w x^2 - (sum w x)^2 / W}, and, the offsets being small, without the rounding of a
 * large mean in each block's delta (the relative error of a two-pass sum, where the pairwise means alone lose
 * {@code eps |mean| / sd} of it). Blocks start at row 0 and every multiple of {@link #blockRows(int)} (a function of d
 * alone), whichever way a caller cuts the rows it adds (only its last call may end inside a block), and a column's
 * numbers do not depend on the other columns: the same bits whatever reads the matrix (a copy, the instances in place,
 * threads over ranges of columns). Also finds the indicator columns (every value 0 or 1, weight or none), as
 * {@link Standardizer} scales them. A block with a missing (NaN) value makes its columns' numbers NaN. Not
 * thread-safe.
 */
public final class ColumnMoments {

    /** Rows per block at most (a block of 20 columns: 20 kB, in the first-level cache). */
    public static final int BLOCK_ROWS = 128;

    /** Entries per block at most: wider rows take fewer rows a block (down to one), so a reader's buffer stays small. */
    public static final int BLOCK_ENTRIES = 1 << 14;

    /**
     * @param d the matrix's columns
     * @return the rows of a block of a d-column matrix: the largest power of two at most {@link #BLOCK_ROWS} and
     *         {@code 16384 / d} (at least 1), so that a reader's blocks of 256 rows, or of any multiple of it, are
     *         whole blocks
     */
    public static int blockRows(int d) {
        return Integer.highestOneBit(Math.max(1, Math.min(BLOCK_ROWS, BLOCK_ENTRIES / Math.max(1, d))));
    }

    /**
     * @param d       the matrix's columns
     * @param entries about how many values a reader's block of rows may hold
     * @return rows per block of a reader that adds its rows a block at a time: about {@code entries / d}, rounded down
     *         to whole blocks of {@link #blockRows(int)} (at least one), so that every reader cuts the rows where the
     *         moments do and gives the same bits
     */
    public static int readerRows(int d, int entries) {
        final int block = blockRows(d);
        return Math.max(1, entries / Math.max(1, d) / block) * block;
    }

    private final int d, c0, c1, block;
    private final double[] shift, offset, squares, blockSums, blockMeans, blockSquares;
    private final boolean[] indicator;
    private double weight;
    private long rows;

    /**
     * Moments of all d columns.
     *
     * @param d the matrix's columns
     */
    public ColumnMoments(int d) {
        this(d, 0, d);
    }

    /**
     * @param d  the matrix's columns
     * @param c0 the first column summed
     * @param c1 the column after the last
     */
    public ColumnMoments(int d, int c0, int c1) {
        if (c0 < 0 || c1 < c0 || c1 > d) {
            throw new IllegalArgumentException("ColumnMoments: columns " + c0 + " .. " + (c1 - 1) + " of " + d);
        }
        this.d = d;
        this.c0 = c0;
        this.c1 = c1;
        block = blockRows(d);
        shift = new double[d];
        offset = new double[d];
        squares = new double[d];
        blockSums = new double[d];
        blockMeans = new double[d];
        blockSquares = new double[d];
        indicator = new boolean[d];
        java.util.Arrays.fill(indicator, c0, c1, true);
    }

    /**
     * Adds rows {@code r0 .. r1 - 1} of the row-major {@code xs}, which are the matrix's next rows: they start a block
     * (every call before this one added whole blocks).
     *
     * @param xs the rows, row-major with the matrix's d columns (the constructor's). Not modified.
     * @param r0 the first row in xs
     * @param r1 the row after the last
     * @param w  weights, row r's at {@code w[w0 + r]}; null for 1. Not modified.
     * @param w0 the offset of row 0 of xs in w
     */
    public void add(double[] xs, int r0, int r1, double[] w, int w0) {
        if (!wholeBlocks()) {
            throw new IllegalStateException("ColumnMoments: rows added after a block of " + rows % block
                    + " rows; only the last rows may end inside a block of " + block);
        }
        for (int b0 = r0; b0 < r1; b0 += block) {
            block(xs, b0, Math.min(r1, b0 + block), w, w0);
        }
        rows += r1 - r0;
    }

    private void block(double[] xs, int r0, int r1, double[] w, int w0) {
        double wb = r1 - r0;
        if (w != null) {
            wb = 0;
            for (int r = r0; r < r1; r++) {
                wb += w[w0 + r];
            }
        }
        indicators(xs, r0, r1);
        if (!(wb > 0)) {
            return;   // rows without weight: nothing to the moments
        }
        java.util.Arrays.fill(blockSums, c0, c1, 0.0);
        if (weight == 0) {   // the first block of positive weight: its mean, rounded, is the shift
            Standardizer.addRows(xs, r0, r1, d, w, w0, blockSums, c0, c1);
            for (int j = c0; j < c1; j++) {
                shift[j] = blockSums[j] / wb;
            }
            java.util.Arrays.fill(blockSums, c0, c1, 0.0);
        }
        // the block's mean as an offset from the shift (the first block's too: the shift's rounding, which is
        // eps |mean| and would reach every later delta)
        Standardizer.addShiftedRows(xs, r0, r1, d, w, w0, shift, blockSums, c0, c1);
        for (int j = c0; j < c1; j++) {
            blockSums[j] /= wb;   // o_Bj
            blockMeans[j] = shift[j] + blockSums[j];
        }
        java.util.Arrays.fill(blockSquares, c0, c1, 0.0);
        Standardizer.addSquares(xs, r0, r1, d, w, w0, blockMeans, blockSquares, c0, c1);
        if (weight == 0) {
            System.arraycopy(blockSums, c0, offset, c0, c1 - c0);
            System.arraycopy(blockSquares, c0, squares, c0, c1 - c0);
        } else {
            final double total = weight + wb, share = wb / total, cross = weight * share;
            for (int j = c0; j < c1; j++) {
                final double delta = blockSums[j] - offset[j];
                offset[j] += delta * share;
                squares[j] += blockSquares[j] + delta * delta * cross;
            }
        }
        weight += wb;
    }

    /** Clears {@code indicator[j]} for each column with a value other than 0 or 1 in the rows (cleared ones not read). */
    private void indicators(double[] xs, int r0, int r1) {
        for (int j = c0; j < c1; j++) {
            if (!indicator[j]) {
                continue;
            }
            for (int r = r0; r < r1; r++) {
                final double v = xs[r * d + j];
                if (v != 0 && v != 1) {
                    indicator[j] = false;
                    break;
                }
            }
        }
    }

    /** @return {@code M_j = sum_i w_i (x_ij - mean_j)^2} of the rows added (0 before any row of positive weight) */
    public double squares(int j) {
        return squares[j];
    }

    /** @return whether every value of column j added so far is 0 or 1 (true before any row) */
    public boolean indicator(int j) {
        return indicator[j];
    }

    /** @return the rows added */
    public long rows() {
        return rows;
    }

    /** @return the rows of this matrix's blocks, {@link #blockRows(int)} of its columns */
    public int blockRows() {
        return block;
    }

    /** @return whether the rows added so far are whole blocks (then more rows may be added) */
    public boolean wholeBlocks() {
        return rows % block == 0;
    }

    /** @return the first column summed */
    int firstColumn() {
        return c0;
    }

    /** @return the column after the last */
    int endColumn() {
        return c1;
    }
}

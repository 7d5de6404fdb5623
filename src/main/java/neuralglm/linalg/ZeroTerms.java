package neuralglm.linalg;

/**
 * When a product may leave out its terms with a zero factor and keep its bits. A term {@code 0 * w} is {@code +-0}
 * when w is finite, and adding {@code +-0} leaves a sum {@code s} as it is unless {@code s} is {@code -0}; so the
 * kernels that skip zeros (dead ReLU units in {@code nn.ColumnPass}, zero activations and gradients in
 * {@link RowGemm}, the float weight gradient) take every term when the other factor holds an infinity or NaN
 * ({@link #finite}) or a sum starts from a {@code -0} bias ({@link #noNegativeZero}). {@link #nonZero} counts an
 * entry branch-free, for building the list of the terms kept; {@link #nonZeroColumns} lists the columns of a block
 * of rows that are not 0 on every row.
 */
public final class ZeroTerms {

    private ZeroTerms() {
    }

    /**
     * @return whether {@code w[from..to)} are all finite: {@code sum w[i] * 0} is 0, NaN once an entry is infinite or
     *         NaN (four independent sums, so that the adds do not wait on each other)
     */
    public static boolean finite(double[] w, int from, int to) {
        double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
        int i = from;
        for (; i + 3 < to; i += 4) {
            s0 += w[i] * 0.0;
            s1 += w[i + 1] * 0.0;
            s2 += w[i + 2] * 0.0;
            s3 += w[i + 3] * 0.0;
        }
        for (; i < to; i++) {
            s0 += w[i] * 0.0;
        }
        return s0 + s1 + s2 + s3 == 0.0;
    }

    /** @return whether every entry of w is finite (see {@link #finite(double[], int, int)}) */
    public static boolean finite(float[] w) {
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
        int i = 0;
        for (; i + 3 < w.length; i += 4) {
            s0 += w[i] * 0f;
            s1 += w[i + 1] * 0f;
            s2 += w[i + 2] * 0f;
            s3 += w[i + 3] * 0f;
        }
        for (; i < w.length; i++) {
            s0 += w[i] * 0f;
        }
        return s0 + s1 + s2 + s3 == 0f;
    }

    /** @return whether none of {@code b[0..len)} is {@code -0} */
    public static boolean noNegativeZero(double[] b, int len) {
        for (int j = 0; j < len; j++) {
            if (b[j] == 0.0 && Double.doubleToRawLongBits(b[j]) != 0L) {
                return false;
            }
        }
        return true;
    }

    /** @return whether none of b's entries is {@code -0} */
    public static boolean noNegativeZero(float[] b) {
        for (float v : b) {
            if (v == 0f && Float.floatToRawIntBits(v) != 0) {
                return false;
            }
        }
        return true;
    }

    /** @return 1 when x's magnitude is not 0 (NaN included), 0 for {@code +-0}, without a branch */
    public static int nonZero(double x) {
        return (int) (((Double.doubleToRawLongBits(x) & Long.MAX_VALUE) + Long.MAX_VALUE) >>> 63);
    }

    /** @return 1 when x's magnitude is not 0 (NaN included), 0 for {@code +-0}, without a branch */
    public static int nonZero(float x) {
        return ((Float.floatToRawIntBits(x) & 0x7fffffff) + 0x7fffffff) >>> 31;
    }

    /**
     * Lists, in ascending order and without a branch, the k in {@code 0 .. p-1} whose {@code a[from + k]} has a
     * magnitude other than 0 (NaN included): the terms a product may not leave out.
     *
     * @param a    the values. Not modified.
     * @param from the first value's index
     * @param p    how many values
     * @param idx  receives the listed k (length at least p)
     * @return how many were listed
     */
    public static int listNonZero(double[] a, int from, int p, int[] idx) {
        int count = 0;
        for (int k = 0; k < p; k++) {
            idx[count] = k;
            count += nonZero(a[from + k]);
        }
        return count;
    }

    /**
     * The terms a product may not leave out as bits: bit k set when {@code a[from + k]} has a magnitude other than 0 (NaN
     * included), for {@code k < p <= 64}, without a branch.
     *
     * @param a    the values. Not modified.
     * @param from the first value's index
     * @param p    how many values, at most 64
     * @return the mask
     */
    public static long nonZeroMask(double[] a, int from, int p) {
        long mask = 0L;
        for (int k = 0; k < p; k++) {
            mask |= (long) nonZero(a[from + k]) << k;
        }
        return mask;
    }

    /**
     * The columns of a row-major block that a product may not leave out: lists, in ascending order, the k in
     * {@code 0 .. p-1} with an entry other than 0 (NaN included) in any of rows {@code start .. start + rows - 1} of the
     * p-column matrix in {@code a} (the columns of the others are 0 on every row: the indicators of nominal values a
     * batch does not have). One pass along the rows, in runs of {@value #SCAN_RUN} rows, which stops after the run in
     * which the last column showed an entry (dense inputs: after the first run, where the whole block's scan took some
     * 1.9 ms per 200,000 rows of 20 columns, in every epoch and in the final pass).
     *
     * @param a     the rows, row-major, p values each. Not modified.
     * @param p     the columns
     * @param start the first row
     * @param rows  how many rows
     * @param seen  scratch, length at least p
     * @param idx   receives the listed columns (length at least p)
     * @return how many were listed
     */
    public static int nonZeroColumns(double[] a, int p, int start, int rows, boolean[] seen, int[] idx) {
        java.util.Arrays.fill(seen, 0, p, false);
        final int end = start + rows;
        for (int r0 = start; r0 < end; r0 += SCAN_RUN) {
            final int r1 = Math.min(end, r0 + SCAN_RUN);
            for (int i = r0; i < r1; i++) {
                for (int k = 0, o = i * p; k < p; k++) {
                    seen[k] |= a[o + k] != 0.0;
                }
            }
            if (allSeen(seen, p)) {
                break;
            }
        }
        int count = 0;
        for (int k = 0; k < p; k++) {
            if (seen[k]) {
                idx[count++] = k;
            }
        }
        return count;
    }

    /** Rows {@link #nonZeroColumns} scans before it looks whether every column has shown an entry. */
    private static final int SCAN_RUN = 8;

    /** @return whether {@code seen[0 .. p-1]} are all true */
    private static boolean allSeen(boolean[] seen, int p) {
        for (int k = 0; k < p; k++) {
            if (!seen[k]) {
                return false;
            }
        }
        return true;
    }
}

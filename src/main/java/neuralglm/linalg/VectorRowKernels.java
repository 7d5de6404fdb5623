package neuralglm.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link RowKernels}' products on the Vector API, for {@code nn.RowPass} and {@link Kernels#affine} when the JVM has the
 * Vector API module (started with {@code --add-modules jdk.incubator.vector}, or loaded by {@link VectorModule}) (layers of at most {@link #MAX_WIDTH} inputs and outputs):
 * <pre>
 *   rowsTimes:    c[i][j] = e(z[j] + sum_k a[i][k] b[k m + j])     forward (b = W^T), input gradient (b = W)
 *   affine:       c = a b + 1 z^T, row-major                          prediction
 *   weightGrad:   cr[j][k] += sum_i g[i][j] x[i][k]                  rows of dW
 *   weightGradT:  ct[k][j] += sum_i x[i][k] g[i][j],  db[j] += sum_i g[i][j]     rows of dW^T (few inputs)
 * </pre>
 * k (or i) ascending, terms with a zero scalar factor left out under RowKernels' rules. The operand each product
 * streams (b, the block's rows of x, the rows of g) is read from a 64-byte line ({@link #start}): a 512-bit load that
 * straddles two lines costs twice. Each row (or unit) of the result is made in registers, 64 sums at a time in eight
 * 512-bit vectors (then four, then one), over its terms, each a broadcast of the scalar factor and one fused
 * multiply-add per vector, and stored once; C2's own loops ({@link RowKernels}) load and store the row of sums in every
 * pass of six terms, on 256-bit vectors. A row's terms (at most 64: one mask) are one loop per call (C2 keeps the vectors
 * of a single loop in registers; a nested loop of them ran 4-6 times slower). The same terms in the same order, each one fused
 * multiply-add, so the same bits as {@link RowKernels} (columns past the last multiple of 8 take scalar
 * {@link Math#fma}s in the same order).
 */
public final class VectorRowKernels {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_512;
    private static final VectorSpecies<Long> LS = LongVector.SPECIES_512;
    private static final int L = 8;
    /** Lane k of the vector from index v is k + v: each term's bit position in a row's mask. */
    private static final long[] BIT = new long[Long.SIZE];

    static {
        for (int k = 0; k < BIT.length; k++) {
            BIT[k] = k;
        }
    }
    private static final int PLAIN = 0, RELU = 1, STEP = 2;
    /**
     * The widest layer (inputs and outputs) whose products these kernels run in training and prediction: its weights
     * (32 KB) stay in the first-level cache; wider ones ran slower here than on {@link RowKernels}' loops.
     */
    public static final int MAX_WIDTH = 64;
    /** 2^1023: a ReLU's step is min(y T T, 1) (see Kernels#reluGradFromOutput). */
    private static final double T = Kernels.TWO_1023;

    private VectorRowKernels() {
    }

    /**
     * @return whether these kernels are compiled and may take over from {@link RowKernels} (the first call starts their
     *         warm-up: {@link VectorWarmUp}); the same bits either way
     */
    public static boolean ready() {
        return VectorWarmUp.ready();
    }

    /**
     * @param b a buffer
     * @return the first index of b (0 to 7) at a 64-byte line as b lies now: write the operand there right before the
     *         product (the collector may move b between products; a misplaced start only costs time)
     */
    public static int start(double[] b) {
        return Alignment.start(b);
    }

    /**
     * {@link RowKernels#rowsTimes(double[][], double[], int, int, double[][], int, double[], double[][], boolean, double[][], int[], long[])}
     * with b as one array: {@code b[bOff + k m + j]} for its row k, column j.
     *
     * @param aRows the scalar operand's rows (n x p), or null
     * @param aFlat the scalar operand row-major (n x p) when {@code aRows} is null
     * @param p     the terms, 1 to 64
     * @param b     p rows of m from {@code bOff}. Not modified.
     * @param z     the start of each row (a bias), length m, or null for zeros. Not modified.
     * @param c     n rows of length at least m, none of them a row of a or step. Modified.
     * @param relu  whether e is a ReLU
     * @param step  null, or n rows of a ReLU's outputs whose step multiplies the sums. Not modified.
     * @param masks null, or at least n entries. Modified when the method returns true.
     * @return whether masks holds the rows' nonzero terms (zero terms were left out)
     */
    public static boolean rowsTimes(double[][] aRows, double[] aFlat, int n, int p, double[] b, int bOff, int m, double[] z,
                                    double[][] c, boolean relu, double[][] step, long[] masks) {
        checkTerms(p);
        final boolean skip = n > 0 && RowKernels.hasZeros(aRows, aFlat, Math.min(n, RowKernels.PROBE), p)
                && finite(b, bOff, bOff + p * m) && (z == null || ZeroTerms.noNegativeZero(z, m));
        final int kind = relu ? RELU : step != null ? STEP : PLAIN;
        final long all = allTerms(p);
        for (int i = 0; i < n; i++) {
            final double[] a = aRows == null ? aFlat : aRows[i];
            final int a0 = aRows == null ? i * p : 0;
            final long mask = skip ? nonZeroMask(a, a0, p) : all;
            if (skip && masks != null) {
                masks[i] = mask;
            }
            row(a, a0, mask, b, bOff, m, z, c[i], 0, kind, step == null ? null : step[i]);
        }
        return skip && masks != null;
    }

    /**
     * {@code c = e(a b + 1 z^T)} on row-major arrays, e a ReLU when {@code relu}: {@link Kernels#affine}'s forward
     * product (b = W^T from {@code bOff}) and the ReLU layer after it, with zero terms left out under {@link #rowsTimes}'
     * rules.
     *
     * @param a    n x p, p at most 64. Not modified.
     * @param b    p rows of m from {@code bOff}. Not modified.
     * @param z    the bias, length m, or null for zeros. Not modified.
     * @param c    n x m. Modified (overwritten).
     * @param relu whether to apply {@code max(., 0)} (the same expression as the ReLU layer's own pass)
     */
    public static void affine(double[] a, int n, int p, double[] b, int bOff, int m, double[] z, double[] c, boolean relu) {
        checkTerms(p);
        final boolean skip = n > 0 && RowKernels.hasZeros(null, a, Math.min(n, RowKernels.PROBE), p)
                && finite(b, bOff, bOff + p * m) && (z == null || ZeroTerms.noNegativeZero(z, m));
        final long all = allTerms(p);
        for (int i = 0; i < n; i++) {
            row(a, i * p, skip ? nonZeroMask(a, i * p, p) : all, b, bOff, m, z, c, i * m, relu ? RELU : PLAIN,
                    null);
        }
    }

    /**
     * {@link ZeroTerms#nonZeroMask} on vectors: bit k set when {@code a[from + k]} has a magnitude other than 0 (NaN
     * included), k &lt; p &lt;= 64. Each lane's bit is {@code ((bits & 0x7ff..f) + 0x7ff..f) >>> 63} (as
     * {@link ZeroTerms#nonZero}) shifted to its place, eight lanes per step, the steps' bits OR-ed; the columns past the
     * last multiple of 8 scalar. The same mask, about a quarter of the scalar loop's time on 64 terms (its OR chain
     * takes a cycle per term).
     */
    static long nonZeroMask(double[] a, int from, int p) {
        LongVector bits = LongVector.zero(LS);
        int k = 0;
        for (; k + L <= p; k += L) {
            bits = bits.or(DoubleVector.fromArray(S, a, from + k).reinterpretAsLongs().and(Long.MAX_VALUE)
                    .add(Long.MAX_VALUE).lanewise(VectorOperators.LSHR, 63)
                    .lanewise(VectorOperators.LSHL, LongVector.fromArray(LS, BIT, k)));
        }
        long mask = bits.reduceLanes(VectorOperators.OR);
        for (; k < p; k++) {
            mask |= (long) ZeroTerms.nonZero(a[from + k]) << k;
        }
        return mask;
    }

    /**
     * {@link ZeroTerms#finite(double[], int, int)} on vectors, the same answer: whether {@code sum w[i] * 0} over
     * {@code w[from..to)} is 0 (NaN once an entry is infinite or NaN), four vectors of sums at a time. A 64 x 64 weight
     * took 1.0-1.7 us in the scalar loop's four chains, 0.2-0.3 us here; the products ask it for every step's forward
     * and input gradient of a 64-unit layer.
     */
    static boolean finite(double[] w, int from, int to) {
        DoubleVector s0 = DoubleVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
        int i = from;
        for (; i + 4 * L <= to; i += 4 * L) {
            s0 = s0.add(DoubleVector.fromArray(S, w, i).mul(0.0));
            s1 = s1.add(DoubleVector.fromArray(S, w, i + L).mul(0.0));
            s2 = s2.add(DoubleVector.fromArray(S, w, i + 2 * L).mul(0.0));
            s3 = s3.add(DoubleVector.fromArray(S, w, i + 3 * L).mul(0.0));
        }
        double s = s0.add(s1).add(s2).add(s3).reduceLanes(VectorOperators.ADD);
        for (; i < to; i++) {
            s += w[i] * 0.0;
        }
        return s == 0.0;
    }

    /** The products hold a row's terms as one 64-bit mask; the callers give them at most {@link #MAX_WIDTH} terms. */
    private static void checkTerms(int p) {
        if (p < 1 || p > Long.SIZE) {
            throw new IllegalArgumentException("1 to 64 terms per row, not " + p);
        }
    }

    /** @return the mask of all p terms */
    private static long allTerms(int p) {
        return p == Long.SIZE ? -1L : (1L << p) - 1;
    }

    /**
     * One row of sums: {@code t[to + j] = e(z[j] + sum_k a[a0 + k] b[bOff + k m + j])} over the terms k of mask,
     * ascending, for j &lt; m: eight vectors at a time, then four, then one, then scalar columns.
     */
    private static void row(double[] a, int a0, long mask, double[] b, int bOff, int m, double[] z, double[] t, int to,
                            int kind, double[] y) {
        int j = 0;
        for (; j + 8 * L <= m; j += 8 * L) {
            block8(a, a0, mask, b, bOff + j, m, z, j, t, to + j, kind, y);
        }
        for (; j + 4 * L <= m; j += 4 * L) {
            block4(a, a0, mask, b, bOff + j, m, z, j, t, to + j, kind, y);
        }
        for (; j + L <= m; j += L) {
            block1(a, a0, mask, b, bOff + j, m, z, j, t, to + j, kind, y);
        }
        for (; j < m; j++) {
            t[to + j] = scalar(a, a0, mask, b, bOff + j, m, z == null ? 0.0 : z[j], kind, y == null ? 0.0 : y[j]);
        }
    }

    /**
     * Eight vectors of a row's sums in registers, columns j .. j + 63: {@code t[to + c] = e(z[j + c] + sum over mask's k
     * of a[a0 + k] b[bo + k m + c])} (z null: zeros; the step's outputs read from {@code y[j + c]}).
     */
    private static void block8(double[] a, int a0, long mask, double[] b, int bo, int m, double[] z, int j, double[] t,
                               int to, int kind, double[] y) {
        DoubleVector s0, s1, s2, s3, s4, s5, s6, s7;
        if (z == null) {
            s0 = s1 = s2 = s3 = s4 = s5 = s6 = s7 = DoubleVector.zero(S);
        } else {
            s0 = DoubleVector.fromArray(S, z, j);
            s1 = DoubleVector.fromArray(S, z, j + L);
            s2 = DoubleVector.fromArray(S, z, j + 2 * L);
            s3 = DoubleVector.fromArray(S, z, j + 3 * L);
            s4 = DoubleVector.fromArray(S, z, j + 4 * L);
            s5 = DoubleVector.fromArray(S, z, j + 5 * L);
            s6 = DoubleVector.fromArray(S, z, j + 6 * L);
            s7 = DoubleVector.fromArray(S, z, j + 7 * L);
        }
        long r = mask;
        while (r != 0) {
            final int k = Long.numberOfTrailingZeros(r);
            r &= r - 1;
            final DoubleVector x = DoubleVector.broadcast(S, a[a0 + k]);
            final int o = bo + k * m;
            s0 = DoubleVector.fromArray(S, b, o).fma(x, s0);
            s1 = DoubleVector.fromArray(S, b, o + L).fma(x, s1);
            s2 = DoubleVector.fromArray(S, b, o + 2 * L).fma(x, s2);
            s3 = DoubleVector.fromArray(S, b, o + 3 * L).fma(x, s3);
            s4 = DoubleVector.fromArray(S, b, o + 4 * L).fma(x, s4);
            s5 = DoubleVector.fromArray(S, b, o + 5 * L).fma(x, s5);
            s6 = DoubleVector.fromArray(S, b, o + 6 * L).fma(x, s6);
            s7 = DoubleVector.fromArray(S, b, o + 7 * L).fma(x, s7);
        }
        // e written out for each vector: a helper taking vectors, left out of line by C2, boxed them
        if (kind == RELU) {
            s0 = s0.max(0.0);
            s1 = s1.max(0.0);
            s2 = s2.max(0.0);
            s3 = s3.max(0.0);
            s4 = s4.max(0.0);
            s5 = s5.max(0.0);
            s6 = s6.max(0.0);
            s7 = s7.max(0.0);
        } else if (kind == STEP) {
            s0 = s0.mul(DoubleVector.fromArray(S, y, j).mul(T).mul(T).min(1.0));
            s1 = s1.mul(DoubleVector.fromArray(S, y, j + L).mul(T).mul(T).min(1.0));
            s2 = s2.mul(DoubleVector.fromArray(S, y, j + 2 * L).mul(T).mul(T).min(1.0));
            s3 = s3.mul(DoubleVector.fromArray(S, y, j + 3 * L).mul(T).mul(T).min(1.0));
            s4 = s4.mul(DoubleVector.fromArray(S, y, j + 4 * L).mul(T).mul(T).min(1.0));
            s5 = s5.mul(DoubleVector.fromArray(S, y, j + 5 * L).mul(T).mul(T).min(1.0));
            s6 = s6.mul(DoubleVector.fromArray(S, y, j + 6 * L).mul(T).mul(T).min(1.0));
            s7 = s7.mul(DoubleVector.fromArray(S, y, j + 7 * L).mul(T).mul(T).min(1.0));
        }
        s0.intoArray(t, to);
        s1.intoArray(t, to + L);
        s2.intoArray(t, to + 2 * L);
        s3.intoArray(t, to + 3 * L);
        s4.intoArray(t, to + 4 * L);
        s5.intoArray(t, to + 5 * L);
        s6.intoArray(t, to + 6 * L);
        s7.intoArray(t, to + 7 * L);
    }

    /** {@link #block8} for four vectors, columns j .. j + 31. */
    private static void block4(double[] a, int a0, long mask, double[] b, int bo, int m, double[] z, int j, double[] t,
                               int to, int kind, double[] y) {
        DoubleVector s0, s1, s2, s3;
        if (z == null) {
            s0 = s1 = s2 = s3 = DoubleVector.zero(S);
        } else {
            s0 = DoubleVector.fromArray(S, z, j);
            s1 = DoubleVector.fromArray(S, z, j + L);
            s2 = DoubleVector.fromArray(S, z, j + 2 * L);
            s3 = DoubleVector.fromArray(S, z, j + 3 * L);
        }
        long r = mask;
        while (r != 0) {
            final int k = Long.numberOfTrailingZeros(r);
            r &= r - 1;
            final DoubleVector x = DoubleVector.broadcast(S, a[a0 + k]);
            final int o = bo + k * m;
            s0 = DoubleVector.fromArray(S, b, o).fma(x, s0);
            s1 = DoubleVector.fromArray(S, b, o + L).fma(x, s1);
            s2 = DoubleVector.fromArray(S, b, o + 2 * L).fma(x, s2);
            s3 = DoubleVector.fromArray(S, b, o + 3 * L).fma(x, s3);
        }
        if (kind == RELU) {
            s0 = s0.max(0.0);
            s1 = s1.max(0.0);
            s2 = s2.max(0.0);
            s3 = s3.max(0.0);
        } else if (kind == STEP) {
            s0 = s0.mul(DoubleVector.fromArray(S, y, j).mul(T).mul(T).min(1.0));
            s1 = s1.mul(DoubleVector.fromArray(S, y, j + L).mul(T).mul(T).min(1.0));
            s2 = s2.mul(DoubleVector.fromArray(S, y, j + 2 * L).mul(T).mul(T).min(1.0));
            s3 = s3.mul(DoubleVector.fromArray(S, y, j + 3 * L).mul(T).mul(T).min(1.0));
        }
        s0.intoArray(t, to);
        s1.intoArray(t, to + L);
        s2.intoArray(t, to + 2 * L);
        s3.intoArray(t, to + 3 * L);
    }

    /** {@link #block8} for one vector, columns j .. j + 7. */
    private static void block1(double[] a, int a0, long mask, double[] b, int bo, int m, double[] z, int j, double[] t,
                               int to, int kind, double[] y) {
        DoubleVector s = z == null ? DoubleVector.zero(S) : DoubleVector.fromArray(S, z, j);
        long r = mask;
        while (r != 0) {
            final int k = Long.numberOfTrailingZeros(r);
            r &= r - 1;
            s = DoubleVector.fromArray(S, b, bo + k * m).fma(DoubleVector.broadcast(S, a[a0 + k]), s);
        }
        if (kind == RELU) {
            s = s.max(0.0);
        } else if (kind == STEP) {
            s = s.mul(DoubleVector.fromArray(S, y, j).mul(T).mul(T).min(1.0));
        }
        s.intoArray(t, to);
    }

    /**
     * {@link RowKernels#weightGrad(double[][], int, int, double[][], int, double[][], boolean, int[], int[], long[], long[])}:
     * {@code cr[j][k] += sum_i g[i][j] x[i][k]}, i ascending, one fused multiply-add per term; with {@code skip} over the
     * i with {@code g[i][j] != 0} only (the caller has checked that x is finite). Per block of 64 examples, their rows of x
     * are copied into {@code line} from a 64-byte line (each then streams through aligned loads for every unit that takes
     * it); the examples of each unit are bits (the block's row masks transposed, 64 units at a time), and each unit's row
     * of cr takes the block's terms in registers (64 entries at a time), loaded and stored once per block.
     *
     * @param g        the output gradient's rows (n x m, m at most 64: a unit's examples are a mask). Not modified.
     * @param x        the layer's input rows (n x p). Not modified.
     * @param cr       m rows of length at least p (dW's rows). Modified (accumulated).
     * @param skip     whether to leave out zero gradients
     * @param rowMasks null, or g's rows' nonzero terms ({@link ZeroTerms#nonZeroMask}; used with skip)
     * @param scratch  64 entries
     * @param line     at least {@code 64 p + 7} entries. Modified.
     */
    public static void weightGrad(double[][] g, int n, int m, double[][] x, int p, double[][] cr, boolean skip,
                                  long[] rowMasks, long[] scratch, double[] line) {
        checkTerms(m);
        final int off = start(line);
        for (int i0 = 0; i0 < n; i0 += Long.SIZE) {
            final int rows = Math.min(n - i0, Long.SIZE);
            for (int e = 0; e < rows; e++) {
                System.arraycopy(x[i0 + e], 0, line, off + e * p, p);
            }
            if (!skip) {
                java.util.Arrays.fill(scratch, 0, m, allTerms(rows));
            } else {
                for (int e = 0; e < rows; e++) {
                    scratch[e] = rowMasks != null ? rowMasks[i0 + e] : nonZeroMask(g[i0 + e], 0, m);
                }
                java.util.Arrays.fill(scratch, rows, Long.SIZE, 0L);
                RowKernels.transpose64(scratch);
            }
            for (int j = 0; j < m; j++) {
                if (scratch[j] != 0) {
                    unit(g, i0, j, scratch[j], line, off, p, cr[j]);
                }
            }
        }
    }

    /** Unit j's row t of dW: the terms of the block's examples in mask (bit e: example i0 + e, its x row at line[lo + e p]). */
    private static void unit(double[][] g, int i0, int j, long mask, double[] line, int lo, int p, double[] t) {
        int k = 0;
        for (; k + 8 * L <= p; k += 8 * L) {
            unit8(g, i0, j, mask, line, lo + k, p, t, k);
        }
        for (; k + 4 * L <= p; k += 4 * L) {
            unit4(g, i0, j, mask, line, lo + k, p, t, k);
        }
        for (; k + L <= p; k += L) {
            DoubleVector s = DoubleVector.fromArray(S, t, k);
            long r = mask;
            while (r != 0) {
                final int e = Long.numberOfTrailingZeros(r);
                r &= r - 1;
                s = DoubleVector.fromArray(S, line, lo + k + e * p).fma(DoubleVector.broadcast(S, g[i0 + e][j]), s);
            }
            s.intoArray(t, k);
        }
        for (; k < p; k++) {
            double s = t[k];
            long r = mask;
            while (r != 0) {
                final int e = Long.numberOfTrailingZeros(r);
                r &= r - 1;
                s = Math.fma(g[i0 + e][j], line[lo + k + e * p], s);
            }
            t[k] = s;
        }
    }

    /** {@link #unit8} for entries k .. k + 31. */
    private static void unit4(double[][] g, int i0, int j, long mask, double[] line, int lo, int p, double[] t, int k) {
        DoubleVector s0 = DoubleVector.fromArray(S, t, k);
        DoubleVector s1 = DoubleVector.fromArray(S, t, k + L);
        DoubleVector s2 = DoubleVector.fromArray(S, t, k + 2 * L);
        DoubleVector s3 = DoubleVector.fromArray(S, t, k + 3 * L);
        long r = mask;
        while (r != 0) {
            final int e = Long.numberOfTrailingZeros(r);
            r &= r - 1;
            final DoubleVector a = DoubleVector.broadcast(S, g[i0 + e][j]);
            final int o = lo + e * p;
            s0 = DoubleVector.fromArray(S, line, o).fma(a, s0);
            s1 = DoubleVector.fromArray(S, line, o + L).fma(a, s1);
            s2 = DoubleVector.fromArray(S, line, o + 2 * L).fma(a, s2);
            s3 = DoubleVector.fromArray(S, line, o + 3 * L).fma(a, s3);
        }
        s0.intoArray(t, k);
        s1.intoArray(t, k + L);
        s2.intoArray(t, k + 2 * L);
        s3.intoArray(t, k + 3 * L);
    }

    /** Entries k .. k + 63 of unit j's row t of dW: the terms of the block's examples in mask, in registers. */
    private static void unit8(double[][] g, int i0, int j, long mask, double[] line, int lo, int p, double[] t, int k) {
        DoubleVector s0 = DoubleVector.fromArray(S, t, k);
        DoubleVector s1 = DoubleVector.fromArray(S, t, k + L);
        DoubleVector s2 = DoubleVector.fromArray(S, t, k + 2 * L);
        DoubleVector s3 = DoubleVector.fromArray(S, t, k + 3 * L);
        DoubleVector s4 = DoubleVector.fromArray(S, t, k + 4 * L);
        DoubleVector s5 = DoubleVector.fromArray(S, t, k + 5 * L);
        DoubleVector s6 = DoubleVector.fromArray(S, t, k + 6 * L);
        DoubleVector s7 = DoubleVector.fromArray(S, t, k + 7 * L);
        long r = mask;
        while (r != 0) {
            final int e = Long.numberOfTrailingZeros(r);
            r &= r - 1;
            final DoubleVector a = DoubleVector.broadcast(S, g[i0 + e][j]);
            final int o = lo + e * p;
            s0 = DoubleVector.fromArray(S, line, o).fma(a, s0);
            s1 = DoubleVector.fromArray(S, line, o + L).fma(a, s1);
            s2 = DoubleVector.fromArray(S, line, o + 2 * L).fma(a, s2);
            s3 = DoubleVector.fromArray(S, line, o + 3 * L).fma(a, s3);
            s4 = DoubleVector.fromArray(S, line, o + 4 * L).fma(a, s4);
            s5 = DoubleVector.fromArray(S, line, o + 5 * L).fma(a, s5);
            s6 = DoubleVector.fromArray(S, line, o + 6 * L).fma(a, s6);
            s7 = DoubleVector.fromArray(S, line, o + 7 * L).fma(a, s7);
        }
        s0.intoArray(t, k);
        s1.intoArray(t, k + L);
        s2.intoArray(t, k + 2 * L);
        s3.intoArray(t, k + 3 * L);
        s4.intoArray(t, k + 4 * L);
        s5.intoArray(t, k + 5 * L);
        s6.intoArray(t, k + 6 * L);
        s7.intoArray(t, k + 7 * L);
    }

    /**
     * {@link RowKernels#weightGradT}: {@code ct[k][j] += sum_i x[i][k] g[i][j]} for {@code k < p, j < m} and
     * {@code db[j] += sum_i g[i][j]} (as {@code fma(1, g, db)}), i ascending, every term. The rows of g are copied into
     * {@code line} from a 64-byte line; two rows of ct (or the last one and db) take every example's terms in registers,
     * 64 entries at a time, so that each line of g is loaded once for two fused multiply-adds.
     *
     * @param xRows the layer's input rows (n x p), or null
     * @param xFlat the input row-major when {@code xRows} is null
     * @param g     the output gradient's rows (n x m). Not modified.
     * @param ct    p rows of length at least m. Modified (accumulated).
     * @param db    length at least m, or null. Modified (accumulated).
     * @param line  at least {@code n m + 7} entries. Modified.
     */
    public static void weightGradT(double[][] xRows, double[] xFlat, int n, int p, double[][] g, int m, double[][] ct,
                                   double[] db, double[] line) {
        final int off = start(line);
        for (int i = 0; i < n; i++) {
            System.arraycopy(g[i], 0, line, off + i * m, m);
        }
        // db as row p, its factors 1: ct's rows in pairs, then db with ct's last row (p odd) or alone. The pairs' loop
        // stops at ct's last row, and db is taken after it: with db chosen inside one loop over p + 1 rows, C2 hoisted
        // a profiled range check of ct[k] that the loop's last row (db's) failed, an uncommon trap back to the
        // interpreter and the Vector API's fallbacks in a JVM's first builds
        int k = 0;
        for (; k + 1 < p; k += 2) {
            rowPair(xRows, xFlat, n, p, k, k + 1, line, off, m, ct[k], ct[k + 1]);
        }
        if (k < p) {
            rowPair(xRows, xFlat, n, p, k, db == null ? -1 : p, line, off, m, ct[k], db);
        } else if (db != null) {
            rowPair(xRows, xFlat, n, p, p, -1, line, off, m, db, null);
        }
    }

    /**
     * Rows t0 (factor k, or 1 for k == p) and t1 (factor k1, or 1 for k1 == p; none when k1 &lt; 0 and t1 null) of
     * {@link #weightGradT}, all m entries: eight vectors at a time, then four, then one, then scalar entries.
     */
    private static void rowPair(double[][] xRows, double[] xFlat, int n, int p, int k, int k1, double[] line, int off,
                                int m, double[] t0, double[] t1) {
        int j = 0;
        for (; j + 8 * L <= m; j += 8 * L) {
            if (t1 == null) {
                column8(xRows, xFlat, n, p, k, line, off + j, m, t0, j);
            } else {
                columns8x2(xRows, xFlat, n, p, k, k1, line, off + j, m, t0, t1, j);
            }
        }
        for (; j + 4 * L <= m; j += 4 * L) {
            columns4x2(xRows, xFlat, n, p, k, k1, line, off + j, m, t0, t1, j);
        }
        for (; j + L <= m; j += L) {
            columns1x2(xRows, xFlat, n, p, k, k1, line, off + j, m, t0, t1, j);
        }
        for (; j < m; j++) {
            for (int q = 0; q < 2; q++) {
                final int kk = q == 0 ? k : k1;
                if (kk < 0) {
                    continue;
                }
                final double[] t = q == 0 ? t0 : t1;
                double s = t[j];
                for (int i = 0; i < n; i++) {
                    s = Math.fma(factor(xRows, xFlat, p, i, kk), line[off + i * m + j], s);
                }
                t[j] = s;
            }
        }
    }

    /** Entries j .. j + 31 of rows t0 (factor k, or 1 for k == p) and t1 (factor k1; none when null) over every example. */
    private static void columns4x2(double[][] xRows, double[] xFlat, int n, int p, int k, int k1, double[] line, int lo,
                                   int m, double[] t0, double[] t1, int j) {
        final double[] u = t1 == null ? t0 : t1;   // without a second row: sums made and dropped (the same loop)
        DoubleVector s0 = DoubleVector.fromArray(S, t0, j), s1 = DoubleVector.fromArray(S, t0, j + L);
        DoubleVector s2 = DoubleVector.fromArray(S, t0, j + 2 * L), s3 = DoubleVector.fromArray(S, t0, j + 3 * L);
        DoubleVector u0 = DoubleVector.fromArray(S, u, j), u1 = DoubleVector.fromArray(S, u, j + L);
        DoubleVector u2 = DoubleVector.fromArray(S, u, j + 2 * L), u3 = DoubleVector.fromArray(S, u, j + 3 * L);
        final int kk = t1 == null ? k : k1;
        for (int i = 0, o = lo; i < n; i++, o += m) {
            final DoubleVector a = DoubleVector.broadcast(S, factor(xRows, xFlat, p, i, k));
            final DoubleVector c = DoubleVector.broadcast(S, factor(xRows, xFlat, p, i, kk));
            DoubleVector w = DoubleVector.fromArray(S, line, o);
            s0 = w.fma(a, s0);
            u0 = w.fma(c, u0);
            w = DoubleVector.fromArray(S, line, o + L);
            s1 = w.fma(a, s1);
            u1 = w.fma(c, u1);
            w = DoubleVector.fromArray(S, line, o + 2 * L);
            s2 = w.fma(a, s2);
            u2 = w.fma(c, u2);
            w = DoubleVector.fromArray(S, line, o + 3 * L);
            s3 = w.fma(a, s3);
            u3 = w.fma(c, u3);
        }
        s0.intoArray(t0, j);
        s1.intoArray(t0, j + L);
        s2.intoArray(t0, j + 2 * L);
        s3.intoArray(t0, j + 3 * L);
        if (t1 != null) {
            u0.intoArray(t1, j);
            u1.intoArray(t1, j + L);
            u2.intoArray(t1, j + 2 * L);
            u3.intoArray(t1, j + 3 * L);
        }
    }

    /** Entries j .. j + 7 of rows t0 (factor k, or 1 for k == p) and t1 (factor k1; none when null) over every example. */
    private static void columns1x2(double[][] xRows, double[] xFlat, int n, int p, int k, int k1, double[] line, int lo,
                                   int m, double[] t0, double[] t1, int j) {
        DoubleVector s = DoubleVector.fromArray(S, t0, j);
        DoubleVector u = t1 == null ? DoubleVector.zero(S) : DoubleVector.fromArray(S, t1, j);
        for (int i = 0, o = lo; i < n; i++, o += m) {
            final DoubleVector w = DoubleVector.fromArray(S, line, o);
            s = w.fma(DoubleVector.broadcast(S, factor(xRows, xFlat, p, i, k)), s);
            if (t1 != null) {
                u = w.fma(DoubleVector.broadcast(S, factor(xRows, xFlat, p, i, k1)), u);
            }
        }
        s.intoArray(t0, j);
        if (t1 != null) {
            u.intoArray(t1, j);
        }
    }

    /** x[i][k], or 1 for k == p (db's row). */
    private static double factor(double[][] xRows, double[] xFlat, int p, int i, int k) {
        if (k >= p) {
            return 1.0;
        }
        return xRows == null ? xFlat[i * p + k] : xRows[i][k];
    }

    /** Entries j .. j + 63 of rows t0 (factor k) and t1 (factor k1) over every example. */
    private static void columns8x2(double[][] xRows, double[] xFlat, int n, int p, int k, int k1, double[] line, int lo,
                                   int m, double[] t0, double[] t1, int j) {
        DoubleVector s0 = DoubleVector.fromArray(S, t0, j), s1 = DoubleVector.fromArray(S, t0, j + L);
        DoubleVector s2 = DoubleVector.fromArray(S, t0, j + 2 * L), s3 = DoubleVector.fromArray(S, t0, j + 3 * L);
        DoubleVector s4 = DoubleVector.fromArray(S, t0, j + 4 * L), s5 = DoubleVector.fromArray(S, t0, j + 5 * L);
        DoubleVector s6 = DoubleVector.fromArray(S, t0, j + 6 * L), s7 = DoubleVector.fromArray(S, t0, j + 7 * L);
        DoubleVector u0 = DoubleVector.fromArray(S, t1, j), u1 = DoubleVector.fromArray(S, t1, j + L);
        DoubleVector u2 = DoubleVector.fromArray(S, t1, j + 2 * L), u3 = DoubleVector.fromArray(S, t1, j + 3 * L);
        DoubleVector u4 = DoubleVector.fromArray(S, t1, j + 4 * L), u5 = DoubleVector.fromArray(S, t1, j + 5 * L);
        DoubleVector u6 = DoubleVector.fromArray(S, t1, j + 6 * L), u7 = DoubleVector.fromArray(S, t1, j + 7 * L);
        final boolean one = k1 >= p;
        for (int i = 0, o = lo; i < n; i++, o += m) {
            final DoubleVector a = DoubleVector.broadcast(S, xRows == null ? xFlat[i * p + k] : xRows[i][k]);
            final DoubleVector b = DoubleVector.broadcast(S, one ? 1.0 : xRows == null ? xFlat[i * p + k1] : xRows[i][k1]);
            DoubleVector w = DoubleVector.fromArray(S, line, o);
            s0 = w.fma(a, s0);
            u0 = w.fma(b, u0);
            w = DoubleVector.fromArray(S, line, o + L);
            s1 = w.fma(a, s1);
            u1 = w.fma(b, u1);
            w = DoubleVector.fromArray(S, line, o + 2 * L);
            s2 = w.fma(a, s2);
            u2 = w.fma(b, u2);
            w = DoubleVector.fromArray(S, line, o + 3 * L);
            s3 = w.fma(a, s3);
            u3 = w.fma(b, u3);
            w = DoubleVector.fromArray(S, line, o + 4 * L);
            s4 = w.fma(a, s4);
            u4 = w.fma(b, u4);
            w = DoubleVector.fromArray(S, line, o + 5 * L);
            s5 = w.fma(a, s5);
            u5 = w.fma(b, u5);
            w = DoubleVector.fromArray(S, line, o + 6 * L);
            s6 = w.fma(a, s6);
            u6 = w.fma(b, u6);
            w = DoubleVector.fromArray(S, line, o + 7 * L);
            s7 = w.fma(a, s7);
            u7 = w.fma(b, u7);
        }
        s0.intoArray(t0, j);
        s1.intoArray(t0, j + L);
        s2.intoArray(t0, j + 2 * L);
        s3.intoArray(t0, j + 3 * L);
        s4.intoArray(t0, j + 4 * L);
        s5.intoArray(t0, j + 5 * L);
        s6.intoArray(t0, j + 6 * L);
        s7.intoArray(t0, j + 7 * L);
        u0.intoArray(t1, j);
        u1.intoArray(t1, j + L);
        u2.intoArray(t1, j + 2 * L);
        u3.intoArray(t1, j + 3 * L);
        u4.intoArray(t1, j + 4 * L);
        u5.intoArray(t1, j + 5 * L);
        u6.intoArray(t1, j + 6 * L);
        u7.intoArray(t1, j + 7 * L);
    }

    /** Entries j .. j + 63 of row t0 (factor k, or 1 for k == p) over every example. */
    private static void column8(double[][] xRows, double[] xFlat, int n, int p, int k, double[] line, int lo, int m,
                                double[] t0, int j) {
        DoubleVector s0 = DoubleVector.fromArray(S, t0, j), s1 = DoubleVector.fromArray(S, t0, j + L);
        DoubleVector s2 = DoubleVector.fromArray(S, t0, j + 2 * L), s3 = DoubleVector.fromArray(S, t0, j + 3 * L);
        DoubleVector s4 = DoubleVector.fromArray(S, t0, j + 4 * L), s5 = DoubleVector.fromArray(S, t0, j + 5 * L);
        DoubleVector s6 = DoubleVector.fromArray(S, t0, j + 6 * L), s7 = DoubleVector.fromArray(S, t0, j + 7 * L);
        final boolean one = k >= p;
        for (int i = 0, o = lo; i < n; i++, o += m) {
            final DoubleVector a = DoubleVector.broadcast(S, one ? 1.0 : xRows == null ? xFlat[i * p + k] : xRows[i][k]);
            s0 = DoubleVector.fromArray(S, line, o).fma(a, s0);
            s1 = DoubleVector.fromArray(S, line, o + L).fma(a, s1);
            s2 = DoubleVector.fromArray(S, line, o + 2 * L).fma(a, s2);
            s3 = DoubleVector.fromArray(S, line, o + 3 * L).fma(a, s3);
            s4 = DoubleVector.fromArray(S, line, o + 4 * L).fma(a, s4);
            s5 = DoubleVector.fromArray(S, line, o + 5 * L).fma(a, s5);
            s6 = DoubleVector.fromArray(S, line, o + 6 * L).fma(a, s6);
            s7 = DoubleVector.fromArray(S, line, o + 7 * L).fma(a, s7);
        }
        s0.intoArray(t0, j);
        s1.intoArray(t0, j + L);
        s2.intoArray(t0, j + 2 * L);
        s3.intoArray(t0, j + 3 * L);
        s4.intoArray(t0, j + 4 * L);
        s5.intoArray(t0, j + 5 * L);
        s6.intoArray(t0, j + 6 * L);
        s7.intoArray(t0, j + 7 * L);
    }

    /** One column of a row (past the vectors): the same chain with {@link Math#fma}. */
    private static double scalar(double[] a, int a0, long mask, double[] b, int bo, int m, double start, int kind,
                                 double y) {
        double s = start;
        long r = mask;
        while (r != 0) {
            final int k = Long.numberOfTrailingZeros(r);
            r &= r - 1;
            s = Math.fma(a[a0 + k], b[bo + k * m], s);
        }
        if (kind == RELU) {
            return Math.max(s, 0.0);
        }
        return kind == STEP ? s * Math.min(y * Kernels.TWO_1023 * Kernels.TWO_1023, 1.0) : s;
    }
}

package neuralglm.linalg;

/**
 * The products of {@link Gemm} in plain Java that HotSpot's C2 compiler vectorises by itself (its
 * "superword" pass), for a JVM without the Vector API module (Weka's default):
 * <pre>
 *   axb:  C  = bias + A Bt     A n x p, Bt p x m, C n x m   (forward X (W^T) + b;  input gradient dY W)
 *   abt:  C  = bias + A B^T    A n x p, B  m x p, C n x m   (the same with B's transpose made here)
 *   atb:  C += A^T B           A n x m, B  n x p, C m x p   (weight gradient dY^T X)
 * </pre>
 * Every entry is summed exactly as in {@link Gemm}: from the bias (or C's old value), products added
 * in ascending order of the inner index, each step one fused multiply-add ({@link Math#fma}); so the
 * three kernel sets give bit-identical results.
 *
 * <p>C2 (JDK 17) vectorises a counted loop only when every array it stores to and every array it
 * loads from is indexed by the loop variable plus the same loop-invariant offset; rows inside one
 * row-major array have different offsets. So the inner loops run over separate row arrays indexed
 * from 0 (per-thread scratch: the rows of the other operand, and the rows of C being summed), and
 * rows are copied in and out once per call, an O(m p) cost against the O(n m p) products. The inner
 * loop updates one row of C with six inner-index steps (six chained FMAs per entry: one store and
 * seven loads per six FMAs), then four and one for the rest. Shapes with fewer than {@link #MIN_WIDTH} entries along the
 * vectorised dimension go to {@link Gemm}'s register-blocked scalar code instead.
 */
final class RowGemm {
    /** Narrower rows than this gain nothing from vectors (the main loop would hardly run). */
    static final int MIN_WIDTH = 8;

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private RowGemm() {
    }

    /** Per-thread row buffers, grown on demand and reused. */
    private static final class Scratch {
        double[][] rows = new double[0][];
        /** The output's rows of {@link #affineRows}. */
        double[][] out = new double[0][];
        double[] t0 = new double[0];
        double[] zeros = new double[0];
        int[] idx = new int[0];
        double[][] x = {new double[0], new double[0], new double[0], new double[0], new double[0], new double[0]};

        /** @return at least r rows of length at least len (contents undefined) */
        double[][] rows(int r, int len) {
            rows = grown(rows, r, len);
            return rows;
        }

        /** @return at least r output rows of length at least len (contents undefined) */
        double[][] out(int r, int len) {
            out = grown(out, r, len);
            return out;
        }

        /** @return g, or a new set of rows when g has fewer than r rows or shorter ones than len */
        private static double[][] grown(double[][] g, int r, int len) {
            if (g.length < r || (r > 0 && g[0].length < len)) {
                final double[][] h = new double[Math.max(r, g.length)][];
                final int l = Math.max(len, g.length == 0 ? 0 : g[0].length);
                for (int i = 0; i < h.length; i++) {
                    h[i] = new double[l];
                }
                return h;
            }
            return g;
        }

        double[][] block = new double[0][0];
        double[] check = new double[0];

        /** @return {@link #BLOCK} rows of length at least len, with {@link #check} and {@link #idx} as long as needed */
        double[][] blockRows(int len) {
            if (block.length < BLOCK || block[0].length < len) {
                block = new double[BLOCK][Math.max(len, block.length == 0 ? 0 : block[0].length)];
                check = new double[block[0].length];
            }
            index(BLOCK);
            return block;
        }

        int[] lists = new int[0];
        int[] counts = new int[0];

        /** Grows {@link #lists} to m lists of {@link #BLOCK} examples and {@link #counts} to m. */
        void lists(int m) {
            if (counts.length < m) {
                counts = new int[m];
                lists = new int[m * BLOCK];
            }
        }

        void index(int len) {
            if (idx.length < len) {
                idx = new int[len];
            }
        }

        void sums(int len) {
            if (t0.length < len) {
                t0 = new double[len];
                zeros = new double[len];
            }
        }

        void inputs(int len) {
            if (x[0].length < len) {
                for (int r = 0; r < x.length; r++) {
                    x[r] = new double[len];
                }
            }
        }
    }

    /** {@code c[i][j] = bias[j] + sum_k a[i][k] bt[k][j]} (bias 0 when null); see {@link Gemm#abt}. */
    static void axb(double[] a, int n, int p, double[] bt, int m, double[] bias, double[] c) {
        final Scratch s = SCRATCH.get();
        final double[][] br = s.rows(p, m);
        for (int k = 0; k < p; k++) {
            System.arraycopy(bt, k * m, br[k], 0, m);
        }
        rowsTimes(s, a, n, p, br, m, bias, c);
    }

    /** {@code c[i][j] = bias[j] + sum_k a[i][k] b[j][k]} (bias 0 when null); see {@link Gemm#abt}. */
    static void abt(double[] a, int n, int p, double[] b, int m, double[] bias, double[] c) {
        final Scratch s = SCRATCH.get();
        final double[][] br = s.rows(p, m);
        RowKernels.transpose(b, p, m, br);
        rowsTimes(s, a, n, p, br, m, bias, c);
    }

    /** The most rows {@link #affineRows} takes (prediction's blocks): its output rows are kept per thread. */
    static final int AFFINE_ROWS = 4096;

    /**
     * {@code c = e(a W^T + 1 bias^T)}, e a ReLU when {@code relu} (Kernels.affine's forward product): the training pass's
     * row products ({@link RowKernels#rowsTimes}: the bias as the first pass's start, zero terms left out by masks, the
     * ReLU in the last pass) on this thread's rows, then copied to c; the same bits as {@link #abt} and a ReLU pass.
     *
     * @param w  W, m x p row-major, or null when wT is given. Not modified.
     * @param wT W^T, p x m row-major, or null. Not modified.
     * @param n  the rows, 2 to {@link #AFFINE_ROWS}
     */
    static void affineRows(double[] a, int n, int p, double[] w, double[] wT, int m, double[] bias, double[] c, boolean relu) {
        final Scratch s = SCRATCH.get();
        final double[][] br = s.rows(p, m), out = s.out(n, m);
        if (wT != null) {
            for (int k = 0; k < p; k++) {
                System.arraycopy(wT, k * m, br[k], 0, m);
            }
        } else {
            RowKernels.transpose(w, p, m, br);
        }
        s.index(p);
        RowKernels.rowsTimes(null, a, n, p, br, m, bias, out, relu, null, s.idx);
        for (int i = 0; i < n; i++) {
            System.arraycopy(out[i], 0, c, i * m, m);
        }
    }

    /**
     * C = bias + A Br with Br given as p separate rows of length at least m (a missing bias is a row of zeros).
     * When A has zeros (a ReLU's outputs or its gradients: about half of the entries), each row's terms with
     * {@code a[i][k] == 0} are left out: they are {@code 0 * br[k][j]}, which leaves every sum as it is when Br
     * is finite and the bias has no -0 (then the same bits, but for the sign of a zero sum from an underflow past
     * the smallest subnormal; otherwise all terms are taken). Whether A has zeros is
     * judged on its first {@value #PROBE} rows (the same bits either way).
     */
    private static void rowsTimes(Scratch s, double[] a, int n, int p, double[][] br, int m, double[] bias, double[] c) {
        s.sums(m);
        s.index(p);
        final double[] t = s.t0;
        final double[] z = bias == null ? s.zeros : bias;
        final int[] idx = s.idx;
        // t is the finite check's scratch before it holds the first row's sums
        final boolean skip = RowKernels.hasZeros(null, a, Math.min(n, PROBE), p) && RowKernels.finite(br, p, m, t)
                && (bias == null || ZeroTerms.noNegativeZero(bias, m));
        for (int i = 0; i < n; i++) {
            final int a0 = i * p;
            System.arraycopy(z, 0, t, 0, m);
            if (!skip) {
                int k = 0;
                for (; k + 5 < p; k += 6) {
                    ColumnKernels.fma6(a[a0 + k], br[k], a[a0 + k + 1], br[k + 1], a[a0 + k + 2], br[k + 2], a[a0 + k + 3], br[k + 3],
                            a[a0 + k + 4], br[k + 4], a[a0 + k + 5], br[k + 5], t, 0, m);
                }
                for (; k + 3 < p; k += 4) {
                    fma4(a[a0 + k], br[k], a[a0 + k + 1], br[k + 1], a[a0 + k + 2], br[k + 2], a[a0 + k + 3], br[k + 3], t, m);
                }
                for (; k < p; k++) {
                    fma1(a[a0 + k], br[k], t, m);
                }
            } else {
                final int count = ZeroTerms.listNonZero(a, a0, p, idx);
                int q = 0;
                for (; q + 5 < count; q += 6) {
                    final int k0 = idx[q], k1 = idx[q + 1], k2 = idx[q + 2], k3 = idx[q + 3], k4 = idx[q + 4], k5 = idx[q + 5];
                    ColumnKernels.fma6(a[a0 + k0], br[k0], a[a0 + k1], br[k1], a[a0 + k2], br[k2], a[a0 + k3], br[k3],
                            a[a0 + k4], br[k4], a[a0 + k5], br[k5], t, 0, m);
                }
                for (; q + 3 < count; q += 4) {
                    final int k0 = idx[q], k1 = idx[q + 1], k2 = idx[q + 2], k3 = idx[q + 3];
                    fma4(a[a0 + k0], br[k0], a[a0 + k1], br[k1], a[a0 + k2], br[k2], a[a0 + k3], br[k3], t, m);
                }
                for (; q < count; q++) {
                    fma1(a[a0 + idx[q]], br[idx[q]], t, m);
                }
            }
            System.arraycopy(t, 0, c, i * m, m);
        }
    }

    /** Rows of A that {@link #rowsTimes} looks at for zeros. */
    static final int PROBE = 16;

    /**
     * {@code t[j] = fma(x3, b3[j], fma(x2, b2[j], fma(x1, b1[j], fma(x0, b0[j], t[j]))))} for {@code j < len}.
     * C2 vectorises a loop only if it may unroll it, which it refuses for a body of more than about 60
     * nodes: seven arrays and six FMAs fit ({@link ColumnKernels#fma6}), two output rows or eight FMAs do not.
     */
    private static void fma4(double x0, double[] b0, double x1, double[] b1, double x2, double[] b2, double x3, double[] b3,
                             double[] t, int len) {
        for (int j = 0; j < len; j++) {
            t[j] = Math.fma(x3, b3[j], Math.fma(x2, b2[j], Math.fma(x1, b1[j], Math.fma(x0, b0[j], t[j]))));
        }
    }

    /** {@code t[j] = fma(x, b[j], t[j])} for {@code j < len}. */
    private static void fma1(double x, double[] b, double[] t, int len) {
        for (int j = 0; j < len; j++) {
            t[j] = Math.fma(x, b[j], t[j]);
        }
    }

    /**
     * {@code c[j][k] += sum_i a[i][j] b[i][k]}, and {@code colSums[j] += sum_i a[i][j]} when colSums is
     * not null; see {@link Gemm#atb}. When A has zeros (judged on its first {@value #PROBE} rows) and B's rows are at
     * least {@value #SPARSE_MIN_WIDTH} long, the rows of B
     * are copied {@value #BLOCK} at a time and each row j of C takes the terms of the examples whose
     * {@code a[i][j]} is not 0, in ascending order ({@link #sparseAtb}); the terms left out are
     * {@code 0 * b[i][k]}, so the same sums when that block of B is finite (but for the sign of a zero sum;
     * otherwise it takes every term).
     */
    static void atb(double[] a, int n, int m, double[] b, int p, double[] c, double[] colSums) {
        final Scratch s = SCRATCH.get();
        final double[][] cr = s.rows(m, p);
        for (int j = 0; j < m; j++) {
            System.arraycopy(c, j * p, cr[j], 0, p);
        }
        if (p >= SPARSE_MIN_WIDTH && RowKernels.hasZeros(null, a, Math.min(n, PROBE), m)) {
            sparseAtb(s, a, n, m, b, p, cr);
        } else {
            denseAtb(s, a, n, m, b, p, cr);
        }
        for (int j = 0; j < m; j++) {
            System.arraycopy(cr[j], 0, c, j * p, p);
        }
        if (colSums != null) {
            addColumnSums(s, a, n, m, colSums);
        }
    }

    /**
     * {@code colSums[j] += a[i][j]} for i in ascending order (the same sums as {@link Gemm#addColumnSums}), over
     * each row copied into an array of its own: C2 in JDK 17 vectorises the loop only when both arrays are
     * indexed from the same offset.
     */
    private static void addColumnSums(Scratch s, double[] a, int n, int m, double[] colSums) {
        s.inputs(m);
        final double[] row = s.x[0];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a, i * m, row, 0, m);
            for (int j = 0; j < m; j++) {
                colSums[j] += row[j];
            }
        }
    }

    /** Narrower rows of B go through {@link #denseAtb} (sparseAtb's shorter loops over them cost more than the zeros save). */
    static final int SPARSE_MIN_WIDTH = 32;

    /** Examples whose rows {@link #sparseAtb} copies at a time. */
    static final int BLOCK = 64;

    /**
     * {@code cr[j][k] += sum_i a[i][j] b[i][k]}, per block of {@value #BLOCK} examples: their rows of B copied into
     * separate arrays, then for each j the examples with {@code a[i][j] != 0} (NaN included) combined six at a
     * time into row j (every example when the block of B is not finite).
     */
    private static void sparseAtb(Scratch s, double[] a, int n, int m, double[] b, int p, double[][] cr) {
        final double[][] rows = s.blockRows(p);
        final double[] check = s.check;
        s.lists(m);
        final int[] lists = s.lists, counts = s.counts;
        for (int i0 = 0; i0 < n; i0 += BLOCK) {
            final int i1 = Math.min(n, i0 + BLOCK);
            java.util.Arrays.fill(check, 0, p, 0.0);
            for (int i = i0; i < i1; i++) {
                final double[] row = rows[i - i0];
                System.arraycopy(b, i * p, row, 0, p);
                for (int k = 0; k < p; k++) {
                    check[k] += row[k] * 0.0;   // NaN once an entry is infinite or NaN
                }
            }
            double sum = 0.0;
            for (int k = 0; k < p; k++) {
                sum += check[k];
            }
            final boolean skip = sum == 0.0;
            // the examples whose a[i][j] has a magnitude other than 0, listed per j (from j * BLOCK), branch-free,
            // reading A's rows in order
            java.util.Arrays.fill(counts, 0, m, 0);
            for (int i = i0; i < i1; i++) {
                for (int j = 0, ai = i * m; j < m; j++) {
                    final int c = counts[j];
                    lists[j * BLOCK + c] = i;
                    counts[j] = c + (skip ? ZeroTerms.nonZero(a[ai + j]) : 1);
                }
            }
            for (int j = 0; j < m; j++) {
                final double[] t = cr[j];
                final int count = counts[j];
                final int[] idx = lists;
                final int o = j * BLOCK;
                int q = 0;
                for (; q + 5 < count; q += 6) {
                    final int e0 = idx[o + q], e1 = idx[o + q + 1], e2 = idx[o + q + 2];
                    final int e3 = idx[o + q + 3], e4 = idx[o + q + 4], e5 = idx[o + q + 5];
                    ColumnKernels.fma6(a[e0 * m + j], rows[e0 - i0], a[e1 * m + j], rows[e1 - i0], a[e2 * m + j], rows[e2 - i0],
                            a[e3 * m + j], rows[e3 - i0], a[e4 * m + j], rows[e4 - i0], a[e5 * m + j], rows[e5 - i0], t, 0, p);
                }
                for (; q + 3 < count; q += 4) {
                    final int e0 = idx[o + q], e1 = idx[o + q + 1], e2 = idx[o + q + 2], e3 = idx[o + q + 3];
                    fma4(a[e0 * m + j], rows[e0 - i0], a[e1 * m + j], rows[e1 - i0], a[e2 * m + j], rows[e2 - i0],
                            a[e3 * m + j], rows[e3 - i0], t, p);
                }
                for (; q < count; q++) {
                    fma1(a[idx[o + q] * m + j], rows[idx[o + q] - i0], t, p);
                }
            }
        }
    }

    /** {@code cr[j][k] += sum_i a[i][j] b[i][k]} over every example, six rows of B at a time. */
    private static void denseAtb(Scratch s, double[] a, int n, int m, double[] b, int p, double[][] cr) {
        s.inputs(p);
        final double[] x0 = s.x[0], x1 = s.x[1], x2 = s.x[2], x3 = s.x[3], x4 = s.x[4], x5 = s.x[5];
        int i = 0;
        for (; i + 5 < n; i += 6) {
            final int r0 = i * m;
            System.arraycopy(b, i * p, x0, 0, p);
            System.arraycopy(b, i * p + p, x1, 0, p);
            System.arraycopy(b, i * p + 2 * p, x2, 0, p);
            System.arraycopy(b, i * p + 3 * p, x3, 0, p);
            System.arraycopy(b, i * p + 4 * p, x4, 0, p);
            System.arraycopy(b, i * p + 5 * p, x5, 0, p);
            for (int j = 0; j < m; j++) {
                ColumnKernels.fma6(a[r0 + j], x0, a[r0 + m + j], x1, a[r0 + 2 * m + j], x2, a[r0 + 3 * m + j], x3,
                        a[r0 + 4 * m + j], x4, a[r0 + 5 * m + j], x5, cr[j], 0, p);
            }
        }
        for (; i + 3 < n; i += 4) {
            final int r0 = i * m, r1 = r0 + m, r2 = r1 + m, r3 = r2 + m;
            System.arraycopy(b, i * p, x0, 0, p);
            System.arraycopy(b, i * p + p, x1, 0, p);
            System.arraycopy(b, i * p + 2 * p, x2, 0, p);
            System.arraycopy(b, i * p + 3 * p, x3, 0, p);
            for (int j = 0; j < m; j++) {
                fma4(a[r0 + j], x0, a[r1 + j], x1, a[r2 + j], x2, a[r3 + j], x3, cr[j], p);
            }
        }
        for (; i < n; i++) {
            System.arraycopy(b, i * p, x0, 0, p);
            for (int j = 0; j < m; j++) {
                fma1(a[i * m + j], x0, cr[j], p);
            }
        }
    }
}

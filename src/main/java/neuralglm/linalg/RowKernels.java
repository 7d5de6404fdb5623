package neuralglm.linalg;

/**
 * The products of backpropagation through an affine layer on matrices held as separate row arrays (one
 * {@code double[]} per example, indexed from 0), in plain Java that HotSpot's C2 vectorises along the rows, for
 * {@code nn.RowPass} (row-major training; with the Vector API module, {@link VectorRowKernels} takes the layers it runs
 * faster, with the same bits):
 * <pre>
 *   rowsTimes:         c[i][j] = e(z[j] + sum_k a[i][k] b[k][j])          forward (b = W^T's rows), input gradient (b = W's rows)
 *                      e = max(., 0) (a ReLU after the layer), or . * [y[i][j] &gt; 0] (the ReLU before it), or none
 *   narrowAffine:      c[i][j] = z[j] + sum_k a[i][k] w[j][k]              fewer than {@link #MIN_WIDTH} outputs
 *   weightGrad:        cr[j][k] += sum_i g[i][j] x[i][k]                  rows of dW
 *   weightGradT:       ct[k][j] += sum_i x[i][k] g[i][j],  db[j] += sum_i g[i][j]     rows of dW^T (few inputs)
 *   columnSums:        db[j] += sum_i g[i][j]
 * </pre>
 * Every entry is summed as in {@link Gemm} and {@link RowGemm}: from its start value, terms in ascending order of the
 * inner index, each one fused multiply-add (a column sum: each one add, which {@code fma(1, v, s)} is), so the
 * results are those of the other kernel sets; the ReLU and its step are {@link Kernels#relu} and
 * {@link Kernels#reluGradFromOutput}'s expressions. Because the rows are separate arrays, no row is copied for the
 * vectorised loops (C2 in JDK 17 vectorises a loop only when all its arrays share one index offset), and a ReLU runs
 * on each row while it is in cache. Terms whose scalar factor is 0 are left out where {@link ZeroTerms} allows it
 * (the other factors finite, no -0 start): the same sums, but for the sign of a zero sum.
 *
 * <p>The scalar operand of {@link #rowsTimes}, {@link #narrowAffine} and {@link #weightGradT} is given either as rows
 * ({@code aRows}) or as one row-major array ({@code aFlat}, n x width; then {@code aRows} is null): a network's
 * input arrives that way.
 */
public final class RowKernels {
    /** Narrower rows than this gain nothing from vectors: {@link #narrowAffine} runs scalar dot products instead. */
    public static final int MIN_WIDTH = RowGemm.MIN_WIDTH;

    /** Weight gradients with rows of at least this many inputs leave out zero gradients ({@link #weightGrad}). */
    public static final int SPARSE_MIN_WIDTH = RowGemm.SPARSE_MIN_WIDTH;

    /** Examples per block of {@link #weightGrad}: their rows stay in cache while every output row takes its terms. */
    public static final int BLOCK = RowGemm.BLOCK;

    /**
     * Rows this long run the one-row loops with a constant trip count ({@code j < 64}, the large workload's hidden
     * width): measured faster than {@code j < m} with m = 64 (src/bench/SPEED.md, Rows of 64). Other lengths run as before.
     */
    static final int ROW = 64;

    /** Rows of a scalar operand looked at for zeros. */
    public static final int PROBE = RowGemm.PROBE;

    private RowKernels() {
    }

    /**
     * {@code c[i][j] = e(z[j] + sum_k a[i][k] b[k][j])} for {@code i < n, j < m}, k ascending, one fused multiply-add
     * per term; {@code e(s) = max(s, 0)} when {@code relu}, {@code s * min(y[i][j] 2^1023 2^1023, 1)} when
     * {@code step} (the forward outputs y of a ReLU) is given, else {@code s}. Terms with {@code a[i][k] == 0} are left
     * out when the first {@value #PROBE} rows of A have a zero, b's rows are finite and z has no -0.
     *
     * @param aRows the scalar operand's rows (n x p), or null
     * @param aFlat the scalar operand row-major (n x p) when {@code aRows} is null
     * @param b     p rows of length at least m. Not modified.
     * @param z     the start of each row (a bias), length m, or null for zeros. Not modified.
     * @param c     n rows of length at least m, none of them a row of a, b or step. Modified (overwritten; its first row also
     *              serves as scratch for the check of b).
     * @param relu  whether e is a ReLU
     * @param step  null, or n rows of a ReLU's outputs whose step multiplies the sums. Not modified.
     * @param idx   scratch of at least p entries
     */
    public static void rowsTimes(double[][] aRows, double[] aFlat, int n, int p, double[][] b, int m, double[] z, double[][] c,
                                 boolean relu, double[][] step, int[] idx) {
        rowsTimes(aRows, aFlat, n, p, b, m, z, c, relu, step, idx, null);
    }

    /**
     * {@link #rowsTimes(double[][], double[], int, int, double[][], int, double[], double[][], boolean, double[][], int[])},
     * and when it leaves zero terms out of rows of at most 64 terms, each row's terms taken as bits
     * ({@link ZeroTerms#nonZeroMask}) in {@code masks[i]}.
     *
     * @param masks null, or at least n entries. Modified when the method returns true.
     * @return whether masks holds the rows' nonzero terms
     */
    public static boolean rowsTimes(double[][] aRows, double[] aFlat, int n, int p, double[][] b, int m, double[] z, double[][] c,
                                    boolean relu, double[][] step, int[] idx, long[] masks) {
        if (p == 1 && z == null && !relu && step != null) {
            // one term (the input gradient of a layer with one output, through a ReLU): one pass per row,
            // fma(a, b, +0) as the chain from a row of zeros gives it (a zero a gives +0 either way)
            final double[] b0 = b[0];
            for (int i = 0; i < n; i++) {
                final double x = aRows == null ? aFlat[i] : aRows[i][0];
                final double[] t = c[i], y = step[i];
                for (int j = 0; j < m; j++) {
                    t[j] = Math.fma(x, b0[j], 0.0) * Math.min(y[j] * Kernels.TWO_1023 * Kernels.TWO_1023, 1.0);
                }
            }
            return false;
        }
        // c's first row serves as the scratch of b's check (c shares no row with a, b or step, and is overwritten below)
        final boolean skip = n > 0 && hasZeros(aRows, aFlat, Math.min(n, PROBE), p) && finite(b, p, m, c[0])
                && (z == null || ZeroTerms.noNegativeZero(z, m));
        int i = 0;
        if (!skip) {
            for (int k = 0; k < p; k++) {
                idx[k] = k;
            }
            // every term: three rows at a time, each row of b loaded once for three multiply-adds
            for (; i + 2 < n; i += 3) {
                final double[] r0 = aRows == null ? aFlat : aRows[i], r1 = aRows == null ? aFlat : aRows[i + 1];
                final double[] r2 = aRows == null ? aFlat : aRows[i + 2];
                final int o0 = aRows == null ? i * p : 0, o1 = aRows == null ? o0 + p : 0, o2 = aRows == null ? o0 + 2 * p : 0;
                final double[] t0 = c[i], t1 = c[i + 1], t2 = c[i + 2];
                start(t0, z, m);
                start(t1, z, m);
                start(t2, z, m);
                int k = 0;
                for (; k + 2 < p; k += 3) {
                    fma3x3(r0[o0 + k], r0[o0 + k + 1], r0[o0 + k + 2], r1[o1 + k], r1[o1 + k + 1], r1[o1 + k + 2],
                            r2[o2 + k], r2[o2 + k + 1], r2[o2 + k + 2], b[k], b[k + 1], b[k + 2], t0, t1, t2, m);
                }
                if (p - k == 2) {
                    fma3x2(r0[o0 + k], r0[o0 + k + 1], r1[o1 + k], r1[o1 + k + 1], r2[o2 + k], r2[o2 + k + 1], b[k], b[k + 1], t0, t1, t2, m);
                } else if (p - k == 1) {
                    fma3x1(r0[o0 + k], r1[o1 + k], r2[o2 + k], b[k], t0, t1, t2, m);
                }
                finish(t0, relu, step == null ? null : step[i], m);
                finish(t1, relu, step == null ? null : step[i + 1], m);
                finish(t2, relu, step == null ? null : step[i + 2], m);
            }
        }
        for (; i < n; i++) {
            final double[] a = aRows == null ? aFlat : aRows[i];
            final int a0 = aRows == null ? i * p : 0;
            final double[] t = c[i];
            if (skip && p <= Long.SIZE) {
                final long mask = ZeroTerms.nonZeroMask(a, a0, p);
                if (masks != null) {
                    masks[i] = mask;
                }
                if (relu) {
                    maskedRowRelu(a, a0, mask, b, z, t, m);
                } else if (step != null) {
                    maskedRowStep(a, a0, mask, b, z, t, m, step[i]);
                } else {
                    maskedRowPlain(a, a0, mask, b, z, t, m);
                }
                continue;
            }
            start(t, z, m);
            final int count = skip ? ZeroTerms.listNonZero(a, a0, p, idx) : p;
            int q = 0;
            for (; q + 5 < count; q += 6) {
                final int k0 = idx[q], k1 = idx[q + 1], k2 = idx[q + 2], k3 = idx[q + 3], k4 = idx[q + 4], k5 = idx[q + 5];
                rowFma6(a[a0 + k0], b[k0], a[a0 + k1], b[k1], a[a0 + k2], b[k2], a[a0 + k3], b[k3],
                        a[a0 + k4], b[k4], a[a0 + k5], b[k5], t, m);
            }
            switch (count - q) {  // the rest in one pass over t
                case 5:
                    rowFma5(a[a0 + idx[q]], b[idx[q]], a[a0 + idx[q + 1]], b[idx[q + 1]], a[a0 + idx[q + 2]], b[idx[q + 2]],
                            a[a0 + idx[q + 3]], b[idx[q + 3]], a[a0 + idx[q + 4]], b[idx[q + 4]], t, m);
                    break;
                case 4:
                    rowFma4(a[a0 + idx[q]], b[idx[q]], a[a0 + idx[q + 1]], b[idx[q + 1]], a[a0 + idx[q + 2]], b[idx[q + 2]],
                            a[a0 + idx[q + 3]], b[idx[q + 3]], t, m);
                    break;
                case 3:
                    rowFma3(a[a0 + idx[q]], b[idx[q]], a[a0 + idx[q + 1]], b[idx[q + 1]], a[a0 + idx[q + 2]], b[idx[q + 2]], t, m);
                    break;
                case 2:
                    rowFma2(a[a0 + idx[q]], b[idx[q]], a[a0 + idx[q + 1]], b[idx[q + 1]], t, m);
                    break;
                case 1:
                    rowFma1(a[a0 + idx[q]], b[idx[q]], t, m);
                    break;
                default:
                    break;
            }
            finish(t, relu, step == null ? null : step[i], m);
        }
        return skip && p <= Long.SIZE && masks != null;
    }

    /**
     * The passes of a masked row ({@link #maskedRowRelu}) but its last: {@code t[j] = z[j] + sum_k a[a0 + k] b[k][j]} over
     * the k of mask's lowest bits, six per pass, leaving one to six terms (none only when mask is 0). The first of several
     * passes sums from z (zeros when z is null) where a copy of z would have been, so t takes no pass for its start.
     *
     * @return the bits of the terms left for the last pass
     */
    private static long maskedLead(double[] a, int a0, long mask, double[][] b, double[] z, double[] t, int m) {
        long r = mask;
        int count = Long.bitCount(r);
        if (count > 6 && (z != null || m <= ZEROS.length)) {
            final int k0 = Long.numberOfTrailingZeros(r);
            r &= r - 1;
            final int k1 = Long.numberOfTrailingZeros(r);
            r &= r - 1;
            final int k2 = Long.numberOfTrailingZeros(r);
            r &= r - 1;
            final int k3 = Long.numberOfTrailingZeros(r);
            r &= r - 1;
            final int k4 = Long.numberOfTrailingZeros(r);
            r &= r - 1;
            final int k5 = Long.numberOfTrailingZeros(r);
            r &= r - 1;
            rowFma6From(a[a0 + k0], b[k0], a[a0 + k1], b[k1], a[a0 + k2], b[k2], a[a0 + k3], b[k3],
                    a[a0 + k4], b[k4], a[a0 + k5], b[k5], z == null ? ZEROS : z, t, m);
            count -= 6;
        } else {
            start(t, z, m);
        }
        for (; count > 6; count -= 6) {
            final int k0 = Long.numberOfTrailingZeros(r);
            r &= r - 1;
            final int k1 = Long.numberOfTrailingZeros(r);
            r &= r - 1;
            final int k2 = Long.numberOfTrailingZeros(r);
            r &= r - 1;
            final int k3 = Long.numberOfTrailingZeros(r);
            r &= r - 1;
            final int k4 = Long.numberOfTrailingZeros(r);
            r &= r - 1;
            final int k5 = Long.numberOfTrailingZeros(r);
            r &= r - 1;
            rowFma6(a[a0 + k0], b[k0], a[a0 + k1], b[k1], a[a0 + k2], b[k2], a[a0 + k3], b[k3],
                    a[a0 + k4], b[k4], a[a0 + k5], b[k5], t, m);
        }
        return r;
    }

    /**
     * {@code t[j] = e(z[j] + sum_k a[a0 + k] b[k][j])} over the k whose bit is set in mask, ascending, six terms per pass
     * over t (the passes of the listed terms in {@link #rowsTimes}); the first of several passes sums from z (zeros when z
     * is null) instead of a copy of it in t ({@link #maskedLead}), and the last pass (one to six terms) applies
     * e = max(., 0) as {@link #finish} does, so the row takes no pass of its own for either.
     */
    private static void maskedRowRelu(double[] a, int a0, long mask, double[][] b, double[] z, double[] t, int m) {
        long r = maskedLead(a, a0, mask, b, z, t, m);
        final int count = Long.bitCount(r);
        if (count == 0) {
            finish(t, true, null, m);
            return;
        }
        // the last pass: up to six terms (an index past the last bit is 64 and not used)
        final int k0 = Long.numberOfTrailingZeros(r);
        r &= r - 1;
        final int k1 = Long.numberOfTrailingZeros(r);
        r &= r - 1;
        final int k2 = Long.numberOfTrailingZeros(r);
        r &= r - 1;
        final int k3 = Long.numberOfTrailingZeros(r);
        r &= r - 1;
        final int k4 = Long.numberOfTrailingZeros(r);
        r &= r - 1;
        final int k5 = Long.numberOfTrailingZeros(r);
        switch (count) {
            case 6:
                rowFma6Relu(a[a0 + k0], b[k0], a[a0 + k1], b[k1], a[a0 + k2], b[k2], a[a0 + k3], b[k3], a[a0 + k4], b[k4],
                        a[a0 + k5], b[k5], t, m);
                break;
            case 5:
                rowFma5Relu(a[a0 + k0], b[k0], a[a0 + k1], b[k1], a[a0 + k2], b[k2], a[a0 + k3], b[k3], a[a0 + k4], b[k4],
                        t, m);
                break;
            case 4:
                rowFma4Relu(a[a0 + k0], b[k0], a[a0 + k1], b[k1], a[a0 + k2], b[k2], a[a0 + k3], b[k3], t, m);
                break;
            case 3:
                rowFma3Relu(a[a0 + k0], b[k0], a[a0 + k1], b[k1], a[a0 + k2], b[k2], t, m);
                break;
            case 2:
                rowFma2Relu(a[a0 + k0], b[k0], a[a0 + k1], b[k1], t, m);
                break;
            default:
                rowFma1Relu(a[a0 + k0], b[k0], t, m);
                break;
        }
    }

    /** {@link #maskedRowRelu} with the step of y (a ReLU's outputs) in the last pass instead of the ReLU. */
    private static void maskedRowStep(double[] a, int a0, long mask, double[][] b, double[] z, double[] t, int m,
            double[] y) {
        long r = maskedLead(a, a0, mask, b, z, t, m);
        final int count = Long.bitCount(r);
        if (count == 0) {
            finish(t, false, y, m);
            return;
        }
        // the last pass: up to six terms (an index past the last bit is 64 and not used)
        final int k0 = Long.numberOfTrailingZeros(r);
        r &= r - 1;
        final int k1 = Long.numberOfTrailingZeros(r);
        r &= r - 1;
        final int k2 = Long.numberOfTrailingZeros(r);
        r &= r - 1;
        final int k3 = Long.numberOfTrailingZeros(r);
        r &= r - 1;
        final int k4 = Long.numberOfTrailingZeros(r);
        r &= r - 1;
        final int k5 = Long.numberOfTrailingZeros(r);
        switch (count) {
            case 6:
                rowFma6Step(a[a0 + k0], b[k0], a[a0 + k1], b[k1], a[a0 + k2], b[k2], a[a0 + k3], b[k3], a[a0 + k4], b[k4],
                        a[a0 + k5], b[k5], y, t, m);
                break;
            case 5:
                rowFma5Step(a[a0 + k0], b[k0], a[a0 + k1], b[k1], a[a0 + k2], b[k2], a[a0 + k3], b[k3], a[a0 + k4], b[k4],
                        y, t, m);
                break;
            case 4:
                rowFma4Step(a[a0 + k0], b[k0], a[a0 + k1], b[k1], a[a0 + k2], b[k2], a[a0 + k3], b[k3], y, t, m);
                break;
            case 3:
                rowFma3Step(a[a0 + k0], b[k0], a[a0 + k1], b[k1], a[a0 + k2], b[k2], y, t, m);
                break;
            case 2:
                rowFma2Step(a[a0 + k0], b[k0], a[a0 + k1], b[k1], y, t, m);
                break;
            default:
                rowFma1Step(a[a0 + k0], b[k0], y, t, m);
                break;
        }
    }

    /** {@link #maskedRowRelu} with neither a ReLU nor a step. */
    private static void maskedRowPlain(double[] a, int a0, long mask, double[][] b, double[] z, double[] t, int m) {
        long r = maskedLead(a, a0, mask, b, z, t, m);
        final int count = Long.bitCount(r);
        if (count == 0) {
            finish(t, false, null, m);
            return;
        }
        // the last pass: up to six terms (an index past the last bit is 64 and not used)
        final int k0 = Long.numberOfTrailingZeros(r);
        r &= r - 1;
        final int k1 = Long.numberOfTrailingZeros(r);
        r &= r - 1;
        final int k2 = Long.numberOfTrailingZeros(r);
        r &= r - 1;
        final int k3 = Long.numberOfTrailingZeros(r);
        r &= r - 1;
        final int k4 = Long.numberOfTrailingZeros(r);
        r &= r - 1;
        final int k5 = Long.numberOfTrailingZeros(r);
        switch (count) {
            case 6:
                rowFma6(a[a0 + k0], b[k0], a[a0 + k1], b[k1], a[a0 + k2], b[k2], a[a0 + k3], b[k3], a[a0 + k4], b[k4],
                        a[a0 + k5], b[k5], t, m);
                break;
            case 5:
                rowFma5(a[a0 + k0], b[k0], a[a0 + k1], b[k1], a[a0 + k2], b[k2], a[a0 + k3], b[k3], a[a0 + k4], b[k4], t, m);
                break;
            case 4:
                rowFma4(a[a0 + k0], b[k0], a[a0 + k1], b[k1], a[a0 + k2], b[k2], a[a0 + k3], b[k3], t, m);
                break;
            case 3:
                rowFma3(a[a0 + k0], b[k0], a[a0 + k1], b[k1], a[a0 + k2], b[k2], t, m);
                break;
            case 2:
                rowFma2(a[a0 + k0], b[k0], a[a0 + k1], b[k1], t, m);
                break;
            default:
                rowFma1(a[a0 + k0], b[k0], t, m);
                break;
        }
    }

    /**
     * {@code t[j] = max(fma(x5, b5[j], ... fma(x0, b0[j], t[j])), 0)} for {@code j < m}: 6 terms and the ReLU in one
     * pass.
     */
    private static void rowFma6Relu(double x0, double[] b0, double x1, double[] b1, double x2, double[] b2, double x3,
            double[] b3, double x4, double[] b4, double x5, double[] b5, double[] t, int m) {
        if (m == ROW) {
            for (int j = 0; j < ROW; j++) {
                t[j] = Math.max(Math.fma(x5, b5[j], Math.fma(x4, b4[j], Math.fma(x3, b3[j], Math.fma(x2, b2[j],
                        Math.fma(x1, b1[j], Math.fma(x0, b0[j], t[j])))))), 0.0);
            }
        } else {
            for (int j = 0; j < m; j++) {
                t[j] = Math.max(Math.fma(x5, b5[j], Math.fma(x4, b4[j], Math.fma(x3, b3[j], Math.fma(x2, b2[j],
                        Math.fma(x1, b1[j], Math.fma(x0, b0[j], t[j])))))), 0.0);
            }
        }
    }

    /**
     * {@code t[j] = fma(x5, b5[j], ... fma(x0, b0[j], t[j])) min(y[j] 2^1023 2^1023, 1)} for {@code j < m}: 6 terms and
     * the step.
     */
    private static void rowFma6Step(double x0, double[] b0, double x1, double[] b1, double x2, double[] b2, double x3,
            double[] b3, double x4, double[] b4, double x5, double[] b5, double[] y, double[] t, int m) {
        if (m == ROW) {
            for (int j = 0; j < ROW; j++) {
                t[j] = Math.fma(x5, b5[j], Math.fma(x4, b4[j], Math.fma(x3, b3[j], Math.fma(x2, b2[j], Math.fma(x1, b1[j],
                        Math.fma(x0, b0[j], t[j])))))) * Math.min(y[j] * Kernels.TWO_1023 * Kernels.TWO_1023, 1.0);
            }
        } else {
            for (int j = 0; j < m; j++) {
                t[j] = Math.fma(x5, b5[j], Math.fma(x4, b4[j], Math.fma(x3, b3[j], Math.fma(x2, b2[j], Math.fma(x1, b1[j],
                        Math.fma(x0, b0[j], t[j])))))) * Math.min(y[j] * Kernels.TWO_1023 * Kernels.TWO_1023, 1.0);
            }
        }
    }

    /**
     * {@code t[j] = max(fma(x4, b4[j], ... fma(x0, b0[j], t[j])), 0)} for {@code j < m}: 5 terms and the ReLU in one
     * pass.
     */
    private static void rowFma5Relu(double x0, double[] b0, double x1, double[] b1, double x2, double[] b2, double x3,
            double[] b3, double x4, double[] b4, double[] t, int m) {
        if (m == ROW) {
            for (int j = 0; j < ROW; j++) {
                t[j] = Math.max(Math.fma(x4, b4[j], Math.fma(x3, b3[j], Math.fma(x2, b2[j], Math.fma(x1, b1[j],
                        Math.fma(x0, b0[j], t[j]))))), 0.0);
            }
        } else {
            for (int j = 0; j < m; j++) {
                t[j] = Math.max(Math.fma(x4, b4[j], Math.fma(x3, b3[j], Math.fma(x2, b2[j], Math.fma(x1, b1[j],
                        Math.fma(x0, b0[j], t[j]))))), 0.0);
            }
        }
    }

    /**
     * {@code t[j] = fma(x4, b4[j], ... fma(x0, b0[j], t[j])) min(y[j] 2^1023 2^1023, 1)} for {@code j < m}: 5 terms and
     * the step.
     */
    private static void rowFma5Step(double x0, double[] b0, double x1, double[] b1, double x2, double[] b2, double x3,
            double[] b3, double x4, double[] b4, double[] y, double[] t, int m) {
        if (m == ROW) {
            for (int j = 0; j < ROW; j++) {
                t[j] = Math.fma(x4, b4[j], Math.fma(x3, b3[j], Math.fma(x2, b2[j], Math.fma(x1, b1[j], Math.fma(x0, b0[j],
                        t[j]))))) * Math.min(y[j] * Kernels.TWO_1023 * Kernels.TWO_1023, 1.0);
            }
        } else {
            for (int j = 0; j < m; j++) {
                t[j] = Math.fma(x4, b4[j], Math.fma(x3, b3[j], Math.fma(x2, b2[j], Math.fma(x1, b1[j], Math.fma(x0, b0[j],
                        t[j]))))) * Math.min(y[j] * Kernels.TWO_1023 * Kernels.TWO_1023, 1.0);
            }
        }
    }

    /**
     * {@code t[j] = max(fma(x3, b3[j], ... fma(x0, b0[j], t[j])), 0)} for {@code j < m}: 4 terms and the ReLU in one
     * pass.
     */
    private static void rowFma4Relu(double x0, double[] b0, double x1, double[] b1, double x2, double[] b2, double x3,
            double[] b3, double[] t, int m) {
        if (m == ROW) {
            for (int j = 0; j < ROW; j++) {
                t[j] = Math.max(Math.fma(x3, b3[j], Math.fma(x2, b2[j], Math.fma(x1, b1[j], Math.fma(x0, b0[j], t[j])))),
                        0.0);
            }
        } else {
            for (int j = 0; j < m; j++) {
                t[j] = Math.max(Math.fma(x3, b3[j], Math.fma(x2, b2[j], Math.fma(x1, b1[j], Math.fma(x0, b0[j], t[j])))),
                        0.0);
            }
        }
    }

    /**
     * {@code t[j] = fma(x3, b3[j], ... fma(x0, b0[j], t[j])) min(y[j] 2^1023 2^1023, 1)} for {@code j < m}: 4 terms and
     * the step.
     */
    private static void rowFma4Step(double x0, double[] b0, double x1, double[] b1, double x2, double[] b2, double x3,
            double[] b3, double[] y, double[] t, int m) {
        if (m == ROW) {
            for (int j = 0; j < ROW; j++) {
                t[j] = Math.fma(x3, b3[j], Math.fma(x2, b2[j], Math.fma(x1, b1[j], Math.fma(x0, b0[j],
                        t[j])))) * Math.min(y[j] * Kernels.TWO_1023 * Kernels.TWO_1023, 1.0);
            }
        } else {
            for (int j = 0; j < m; j++) {
                t[j] = Math.fma(x3, b3[j], Math.fma(x2, b2[j], Math.fma(x1, b1[j], Math.fma(x0, b0[j],
                        t[j])))) * Math.min(y[j] * Kernels.TWO_1023 * Kernels.TWO_1023, 1.0);
            }
        }
    }

    /**
     * {@code t[j] = max(fma(x2, b2[j], ... fma(x0, b0[j], t[j])), 0)} for {@code j < m}: 3 terms and the ReLU in one
     * pass.
     */
    private static void rowFma3Relu(double x0, double[] b0, double x1, double[] b1, double x2, double[] b2, double[] t,
            int m) {
        if (m == ROW) {
            for (int j = 0; j < ROW; j++) {
                t[j] = Math.max(Math.fma(x2, b2[j], Math.fma(x1, b1[j], Math.fma(x0, b0[j], t[j]))), 0.0);
            }
        } else {
            for (int j = 0; j < m; j++) {
                t[j] = Math.max(Math.fma(x2, b2[j], Math.fma(x1, b1[j], Math.fma(x0, b0[j], t[j]))), 0.0);
            }
        }
    }

    /**
     * {@code t[j] = fma(x2, b2[j], ... fma(x0, b0[j], t[j])) min(y[j] 2^1023 2^1023, 1)} for {@code j < m}: 3 terms and
     * the step.
     */
    private static void rowFma3Step(double x0, double[] b0, double x1, double[] b1, double x2, double[] b2, double[] y,
            double[] t, int m) {
        if (m == ROW) {
            for (int j = 0; j < ROW; j++) {
                t[j] = Math.fma(x2, b2[j], Math.fma(x1, b1[j], Math.fma(x0, b0[j],
                        t[j]))) * Math.min(y[j] * Kernels.TWO_1023 * Kernels.TWO_1023, 1.0);
            }
        } else {
            for (int j = 0; j < m; j++) {
                t[j] = Math.fma(x2, b2[j], Math.fma(x1, b1[j], Math.fma(x0, b0[j],
                        t[j]))) * Math.min(y[j] * Kernels.TWO_1023 * Kernels.TWO_1023, 1.0);
            }
        }
    }

    /**
     * {@code t[j] = max(fma(x1, b1[j], ... fma(x0, b0[j], t[j])), 0)} for {@code j < m}: 2 terms and the ReLU in one
     * pass.
     */
    private static void rowFma2Relu(double x0, double[] b0, double x1, double[] b1, double[] t, int m) {
        if (m == ROW) {
            for (int j = 0; j < ROW; j++) {
                t[j] = Math.max(Math.fma(x1, b1[j], Math.fma(x0, b0[j], t[j])), 0.0);
            }
        } else {
            for (int j = 0; j < m; j++) {
                t[j] = Math.max(Math.fma(x1, b1[j], Math.fma(x0, b0[j], t[j])), 0.0);
            }
        }
    }

    /**
     * {@code t[j] = fma(x1, b1[j], ... fma(x0, b0[j], t[j])) min(y[j] 2^1023 2^1023, 1)} for {@code j < m}: 2 terms and
     * the step.
     */
    private static void rowFma2Step(double x0, double[] b0, double x1, double[] b1, double[] y, double[] t, int m) {
        if (m == ROW) {
            for (int j = 0; j < ROW; j++) {
                t[j] = Math.fma(x1, b1[j], Math.fma(x0, b0[j],
                        t[j])) * Math.min(y[j] * Kernels.TWO_1023 * Kernels.TWO_1023, 1.0);
            }
        } else {
            for (int j = 0; j < m; j++) {
                t[j] = Math.fma(x1, b1[j], Math.fma(x0, b0[j],
                        t[j])) * Math.min(y[j] * Kernels.TWO_1023 * Kernels.TWO_1023, 1.0);
            }
        }
    }

    /** {@code t[j] = max(fma(x0, b0[j], t[j]), 0)} for {@code j < m}: one term and the ReLU in one pass. */
    private static void rowFma1Relu(double x0, double[] b0, double[] t, int m) {
        if (m == ROW) {
            for (int j = 0; j < ROW; j++) {
                t[j] = Math.max(Math.fma(x0, b0[j], t[j]), 0.0);
            }
        } else {
            for (int j = 0; j < m; j++) {
                t[j] = Math.max(Math.fma(x0, b0[j], t[j]), 0.0);
            }
        }
    }

    /** {@code t[j] = fma(x0, b0[j], t[j]) min(y[j] 2^1023 2^1023, 1)} for {@code j < m}: one term and the step. */
    private static void rowFma1Step(double x0, double[] b0, double[] y, double[] t, int m) {
        if (m == ROW) {
            for (int j = 0; j < ROW; j++) {
                t[j] = Math.fma(x0, b0[j], t[j]) * Math.min(y[j] * Kernels.TWO_1023 * Kernels.TWO_1023, 1.0);
            }
        } else {
            for (int j = 0; j < m; j++) {
                t[j] = Math.fma(x0, b0[j], t[j]) * Math.min(y[j] * Kernels.TWO_1023 * Kernels.TWO_1023, 1.0);
            }
        }
    }

    /**
     * {@code t[k][j] = a[j p + k]} for {@code j < m, k < p} (a row-major m x p matrix to p rows of length m): a row of t
     * at a time (strided loads, one row's stores in order: 1.9 against 2.8 us for the large workload's 20 x 64 and
     * 64 x 64 weights a column of t at a time).
     */
    public static void transpose(double[] a, int p, int m, double[][] t) {
        for (int k = 0; k < p; k++) {
            final double[] r = t[k];
            for (int j = 0, o = k; j < m; j++, o += p) {
                r[j] = a[o];
            }
        }
    }

    /** The inverse of {@link #transpose}: {@code a[j p + k] = t[k][j]}, a row of t at a time. */
    public static void untranspose(double[][] t, int p, int m, double[] a) {
        for (int k = 0; k < p; k++) {
            final double[] r = t[k];
            for (int j = 0, o = k; j < m; j++, o += p) {
                a[o] = r[j];
            }
        }
    }

    /** {@code t[j] = z[j]} (0 when z is null) for {@code j < m}. */
    private static void start(double[] t, double[] z, int m) {
        if (z == null) {
            java.util.Arrays.fill(t, 0, m, 0.0);
        } else {
            System.arraycopy(z, 0, t, 0, m);
        }
    }

    /** {@code t[j] = max(t[j], 0)} when relu, else {@code t[j] * min(y[j] 2^1023 2^1023, 1)} when y is given. */
    private static void finish(double[] t, boolean relu, double[] y, int m) {
        if (relu) {
            for (int j = 0; j < m; j++) {
                t[j] = Math.max(t[j], 0.0);
            }
        } else if (y != null) {
            for (int j = 0; j < m; j++) {
                t[j] = t[j] * Math.min(y[j] * Kernels.TWO_1023 * Kernels.TWO_1023, 1.0);
            }
        }
    }

    /**
     * {@code c[i][j] = z[j] + sum_k a[i][k] w[j p + k]} (k ascending, fused multiply-adds) for layers with fewer than
     * {@link #MIN_WIDTH} outputs: scalar dot products, four rows at a time (four independent chains); one output
     * (m = 1, a GLM's or a scalar family's last layer) eight rows at a time ({@link #narrowAffine1}).
     *
     * @param aRows the inputs' rows (n x p), or null
     * @param aFlat the inputs row-major when {@code aRows} is null
     * @param w     the weight, m x p row-major. Not modified.
     * @param z     the bias, length m. Not modified.
     * @param c     n rows of length at least m. Modified.
     */
    public static void narrowAffine(double[][] aRows, double[] aFlat, int n, int p, double[] w, int m, double[] z, double[][] c) {
        if (m == 1) {
            narrowAffine1(aRows, aFlat, n, p, w, z[0], c);
            return;
        }
        int i = 0;
        for (; i + 3 < n; i += 4) {
            final double[] r0 = aRows == null ? aFlat : aRows[i], r1 = aRows == null ? aFlat : aRows[i + 1];
            final double[] r2 = aRows == null ? aFlat : aRows[i + 2], r3 = aRows == null ? aFlat : aRows[i + 3];
            final int o0 = aRows == null ? i * p : 0, o1 = aRows == null ? o0 + p : 0;
            final int o2 = aRows == null ? o0 + 2 * p : 0, o3 = aRows == null ? o0 + 3 * p : 0;
            for (int j = 0; j < m; j++) {
                double s0 = z[j], s1 = s0, s2 = s0, s3 = s0;
                for (int k = 0, wo = j * p; k < p; k++) {
                    final double v = w[wo + k];
                    s0 = Math.fma(r0[o0 + k], v, s0);
                    s1 = Math.fma(r1[o1 + k], v, s1);
                    s2 = Math.fma(r2[o2 + k], v, s2);
                    s3 = Math.fma(r3[o3 + k], v, s3);
                }
                c[i][j] = s0;
                c[i + 1][j] = s1;
                c[i + 2][j] = s2;
                c[i + 3][j] = s3;
            }
        }
        for (; i < n; i++) {
            final double[] r = aRows == null ? aFlat : aRows[i];
            final int o = aRows == null ? i * p : 0;
            for (int j = 0; j < m; j++) {
                double s = z[j];
                for (int k = 0, wo = j * p; k < p; k++) {
                    s = Math.fma(r[o + k], w[wo + k], s);
                }
                c[i][j] = s;
            }
        }
    }

    /**
     * {@link #narrowAffine} of one output, {@code c[i][0] = z + sum_k a[i][k] w[k]} (k ascending, fused multiply-adds):
     * eight rows at a time, eight independent chains, which a core's two FMA units keep busy where four chains wait on
     * the FMA's latency (a 64-input row in about 12 ns against 17 on a Zen 5 core). Without the loop over outputs, which
     * with eight rows' arrays and offsets live spills them.
     */
    private static void narrowAffine1(double[][] aRows, double[] aFlat, int n, int p, double[] w, double z, double[][] c) {
        final int d = aRows == null ? p : 0;   // a flat row's offset step (rows of their own start at 0)
        int i = 0;
        for (; i + 7 < n; i += 8) {
            final double[] r0 = aRows == null ? aFlat : aRows[i], r1 = aRows == null ? aFlat : aRows[i + 1];
            final double[] r2 = aRows == null ? aFlat : aRows[i + 2], r3 = aRows == null ? aFlat : aRows[i + 3];
            final double[] r4 = aRows == null ? aFlat : aRows[i + 4], r5 = aRows == null ? aFlat : aRows[i + 5];
            final double[] r6 = aRows == null ? aFlat : aRows[i + 6], r7 = aRows == null ? aFlat : aRows[i + 7];
            final int o0 = aRows == null ? i * p : 0, o1 = o0 + d, o2 = o1 + d, o3 = o2 + d;
            final int o4 = o3 + d, o5 = o4 + d, o6 = o5 + d, o7 = o6 + d;
            double s0 = z, s1 = z, s2 = z, s3 = z, s4 = z, s5 = z, s6 = z, s7 = z;
            for (int k = 0; k < p; k++) {
                final double v = w[k];
                s0 = Math.fma(r0[o0 + k], v, s0);
                s1 = Math.fma(r1[o1 + k], v, s1);
                s2 = Math.fma(r2[o2 + k], v, s2);
                s3 = Math.fma(r3[o3 + k], v, s3);
                s4 = Math.fma(r4[o4 + k], v, s4);
                s5 = Math.fma(r5[o5 + k], v, s5);
                s6 = Math.fma(r6[o6 + k], v, s6);
                s7 = Math.fma(r7[o7 + k], v, s7);
            }
            c[i][0] = s0;
            c[i + 1][0] = s1;
            c[i + 2][0] = s2;
            c[i + 3][0] = s3;
            c[i + 4][0] = s4;
            c[i + 5][0] = s5;
            c[i + 6][0] = s6;
            c[i + 7][0] = s7;
        }
        for (; i < n; i++) {
            final double[] r = aRows == null ? aFlat : aRows[i];
            final int o = aRows == null ? i * p : 0;
            double s = z;
            for (int k = 0; k < p; k++) {
                s = Math.fma(r[o + k], w[k], s);
            }
            c[i][0] = s;
        }
    }

    /**
     * {@code cr[j][k] += sum_i g[i][j] x[i][k]} for {@code j < m, k < p}, i ascending, one fused multiply-add per term,
     * over blocks of {@value #BLOCK} examples (their rows of x stay in cache while each row of cr takes its terms, six
     * examples at a time). With {@code skip}, terms with {@code g[i][j] == 0} are left out (the caller has checked
     * that x is finite); without, three rows of cr take three examples' terms at a time ({@link #fma3x3}).
     *
     * @param g      the output gradient's rows (n x m). Not modified.
     * @param x      the layer's input rows (n x p). Not modified.
     * @param cr     m rows of length at least p (dW's rows). Modified (accumulated).
     * @param skip   whether to leave out zero gradients
     * @param lists  scratch of at least m {@value #BLOCK} + 5 entries
     * @param counts scratch of at least m entries
     */
    public static void weightGrad(double[][] g, int n, int m, double[][] x, int p, double[][] cr, boolean skip, int[] lists, int[] counts) {
        weightGrad(g, n, m, x, p, cr, skip, lists, counts, null, null);
    }

    /**
     * {@link #weightGrad(double[][], int, int, double[][], int, double[][], boolean, int[], int[])}, with the examples of
     * each unit taken from the rows' nonzero terms as bits when they are given ({@code rowMasks[i]}: bit j set when
     * {@code g[i][j]} has a magnitude other than 0, as {@link ZeroTerms#nonZeroMask} makes it, for m at most 64): each
     * block's 64 masks transposed (bit i of unit j's mask) instead of a list per unit made entry by entry. The same terms
     * in the same order, so the same bits.
     *
     * @param rowMasks null, or g's rows' nonzero terms (n entries; used only with {@code skip})
     * @param scratch  64 entries when rowMasks is given
     */
    public static void weightGrad(double[][] g, int n, int m, double[][] x, int p, double[][] cr, boolean skip, int[] lists, int[] counts,
                                  long[] rowMasks, long[] scratch) {
        if (skip && rowMasks != null && m <= Long.SIZE) {
            for (int i0 = 0; i0 < n; i0 += Long.SIZE) {
                final int rows = Math.min(n - i0, Long.SIZE);
                System.arraycopy(rowMasks, i0, scratch, 0, rows);
                java.util.Arrays.fill(scratch, rows, Long.SIZE, 0L);
                transpose64(scratch);
                for (int j = 0; j < m; j++) {
                    maskedUnit(g, j, i0, scratch[j], x, cr[j], p);
                }
            }
            return;
        }
        for (int i0 = 0; i0 < n; i0 += BLOCK) {
            final int i1 = Math.min(n, i0 + BLOCK);
            int j0 = 0;
            if (!skip) {
                // every term: three rows of cr at a time from the same three rows of x, three examples a pass
                for (; j0 + 2 < m; j0 += 3) {
                    final int j1 = j0 + 1, j2 = j0 + 2;
                    final double[] t0 = cr[j0], t1 = cr[j1], t2 = cr[j2];
                    int i = i0;
                    for (; i + 2 < i1; i += 3) {
                        final double[] ga = g[i], gb = g[i + 1], gc = g[i + 2];
                        fma3x3(ga[j0], gb[j0], gc[j0], ga[j1], gb[j1], gc[j1], ga[j2], gb[j2], gc[j2], x[i], x[i + 1], x[i + 2],
                                t0, t1, t2, p);
                    }
                    if (i1 - i == 2) {
                        final double[] ga = g[i], gb = g[i + 1];
                        fma3x2(ga[j0], gb[j0], ga[j1], gb[j1], ga[j2], gb[j2], x[i], x[i + 1], t0, t1, t2, p);
                    } else if (i1 - i == 1) {
                        final double[] ga = g[i];
                        fma3x1(ga[j0], ga[j1], ga[j2], x[i], t0, t1, t2, p);
                    }
                }
            }
            // the rows of cr left (all of them when zero terms are left out), one at a time
            java.util.Arrays.fill(counts, j0, m, 0);
            // the examples of the block whose g[i][j] has a magnitude other than 0, listed per j (from j * BLOCK), branch-free
            for (int i = i0; i < i1; i++) {
                final double[] gi = g[i];
                for (int j = j0; j < m; j++) {
                    final int c = counts[j];
                    lists[j * BLOCK + c] = i;
                    counts[j] = c + (skip ? ZeroTerms.nonZero(gi[j]) : 1);
                }
            }
            for (int j = j0; j < m; j++) {
                final double[] t = cr[j];
                final int count = counts[j], o = j * BLOCK;
                int q = 0;
                for (; q + 5 < count; q += 6) {
                    final int e0 = lists[o + q], e1 = lists[o + q + 1], e2 = lists[o + q + 2];
                    final int e3 = lists[o + q + 3], e4 = lists[o + q + 4], e5 = lists[o + q + 5];
                    rowFma6(g[e0][j], x[e0], g[e1][j], x[e1], g[e2][j], x[e2], g[e3][j], x[e3], g[e4][j], x[e4],
                            g[e5][j], x[e5], t, p);
                }
                final int e0 = lists[o + q], e1 = lists[o + q + 1], e2 = lists[o + q + 2], e3 = lists[o + q + 3], e4 = lists[o + q + 4];
                switch (count - q) {  // the rest in one pass over t
                    case 5:
                        rowFma5(g[e0][j], x[e0], g[e1][j], x[e1], g[e2][j], x[e2], g[e3][j], x[e3], g[e4][j], x[e4], t, p);
                        break;
                    case 4:
                        rowFma4(g[e0][j], x[e0], g[e1][j], x[e1], g[e2][j], x[e2], g[e3][j], x[e3], t, p);
                        break;
                    case 3:
                        rowFma3(g[e0][j], x[e0], g[e1][j], x[e1], g[e2][j], x[e2], t, p);
                        break;
                    case 2:
                        rowFma2(g[e0][j], x[e0], g[e1][j], x[e1], t, p);
                        break;
                    case 1:
                        rowFma1(g[e0][j], x[e0], t, p);
                        break;
                    default:
                        break;
                }
            }
        }
    }

    /**
     * {@code t[k] += sum_i g[i][j] x[i][k]} over the examples {@code i = i0 + e} whose bit e is set in mask, ascending, six
     * per pass over t and the rest in one pass (the passes of {@link #weightGrad}'s lists).
     */
    private static void maskedUnit(double[][] g, int j, int i0, long mask, double[][] x, double[] t, int p) {
        long r = mask;
        int count = Long.bitCount(r);
        for (; count >= 6; count -= 6) {
            final int e0 = i0 + Long.numberOfTrailingZeros(r);
            r &= r - 1;
            final int e1 = i0 + Long.numberOfTrailingZeros(r);
            r &= r - 1;
            final int e2 = i0 + Long.numberOfTrailingZeros(r);
            r &= r - 1;
            final int e3 = i0 + Long.numberOfTrailingZeros(r);
            r &= r - 1;
            final int e4 = i0 + Long.numberOfTrailingZeros(r);
            r &= r - 1;
            final int e5 = i0 + Long.numberOfTrailingZeros(r);
            r &= r - 1;
            rowFma6(g[e0][j], x[e0], g[e1][j], x[e1], g[e2][j], x[e2], g[e3][j], x[e3], g[e4][j], x[e4], g[e5][j], x[e5], t, p);
        }
        if (count == 0) {
            return;
        }
        final int e0 = i0 + Long.numberOfTrailingZeros(r);
        r &= r - 1;
        switch (count) {  // the rest in one pass over t
            case 5: {
                final int e1 = i0 + Long.numberOfTrailingZeros(r);
                r &= r - 1;
                final int e2 = i0 + Long.numberOfTrailingZeros(r);
                r &= r - 1;
                final int e3 = i0 + Long.numberOfTrailingZeros(r);
                r &= r - 1;
                final int e4 = i0 + Long.numberOfTrailingZeros(r);
                rowFma5(g[e0][j], x[e0], g[e1][j], x[e1], g[e2][j], x[e2], g[e3][j], x[e3], g[e4][j], x[e4], t, p);
                break;
            }
            case 4: {
                final int e1 = i0 + Long.numberOfTrailingZeros(r);
                r &= r - 1;
                final int e2 = i0 + Long.numberOfTrailingZeros(r);
                r &= r - 1;
                final int e3 = i0 + Long.numberOfTrailingZeros(r);
                rowFma4(g[e0][j], x[e0], g[e1][j], x[e1], g[e2][j], x[e2], g[e3][j], x[e3], t, p);
                break;
            }
            case 3: {
                final int e1 = i0 + Long.numberOfTrailingZeros(r);
                r &= r - 1;
                final int e2 = i0 + Long.numberOfTrailingZeros(r);
                rowFma3(g[e0][j], x[e0], g[e1][j], x[e1], g[e2][j], x[e2], t, p);
                break;
            }
            case 2: {
                final int e1 = i0 + Long.numberOfTrailingZeros(r);
                rowFma2(g[e0][j], x[e0], g[e1][j], x[e1], t, p);
                break;
            }
            default:
                rowFma1(g[e0][j], x[e0], t, p);
                break;
        }
    }

    /**
     * Transposes a 64 x 64 matrix of bits in place: bit c of {@code a[r]} becomes bit r of {@code a[c]} (blocks of 32, 16,
     * ..., 1 swapped across the diagonal).
     */
    static void transpose64(long[] a) {
        long mask = 0x00000000FFFFFFFFL;
        for (int j = 32; j != 0; j >>>= 1, mask ^= mask << j) {
            for (int k = 0; k < 64; k = ((k | j) + 1) & ~j) {
                final long t = ((a[k] >>> j) ^ a[k | j]) & mask;
                a[k] ^= t << j;
                a[k | j] ^= t;
            }
        }
    }

    /**
     * {@code ct[k][j] += sum_i x[i][k] g[i][j]} for {@code k < p, j < m} (dW's transpose: rows as long as the outputs,
     * for a layer with few inputs) and {@code db[j] += sum_i g[i][j]} (as {@code fma(1, g, db)}, the same as the add),
     * i ascending, three examples at a time for three rows at a time ({@link #fma3x3}); every term.
     *
     * @param xRows the layer's input rows (n x p), or null
     * @param xFlat the input row-major when {@code xRows} is null
     * @param g     the output gradient's rows (n x m). Not modified.
     * @param ct    p rows of length at least m. Modified (accumulated).
     * @param db    length at least m, or null. Modified (accumulated).
     */
    public static void weightGradT(double[][] xRows, double[] xFlat, int n, int p, double[][] g, int m, double[][] ct, double[] db) {
        // three examples a pass, three rows of ct at a time from the same three rows of g; db's terms are 1 g[i]
        int i = 0;
        for (; i + 2 < n; i += 3) {
            final double[] g0 = g[i], g1 = g[i + 1], g2 = g[i + 2];
            final double[] r0 = xRows == null ? xFlat : xRows[i], r1 = xRows == null ? xFlat : xRows[i + 1];
            final double[] r2 = xRows == null ? xFlat : xRows[i + 2];
            final int o0 = xRows == null ? i * p : 0, o1 = xRows == null ? o0 + p : 0, o2 = xRows == null ? o0 + 2 * p : 0;
            int k = 0;
            for (; k + 2 < p; k += 3) {
                fma3x3(r0[o0 + k], r1[o1 + k], r2[o2 + k], r0[o0 + k + 1], r1[o1 + k + 1], r2[o2 + k + 1],
                        r0[o0 + k + 2], r1[o1 + k + 2], r2[o2 + k + 2], g0, g1, g2, ct[k], ct[k + 1], ct[k + 2], m);
            }
            // the rest (no loop over k here: with one that took db as its last row, C2's profiled loop predicates
            // trapped and the method, compiled again, ran at about scalar speed)
            if (db != null && p - k == 2) {
                fma3x3(r0[o0 + k], r1[o1 + k], r2[o2 + k], r0[o0 + k + 1], r1[o1 + k + 1], r2[o2 + k + 1],
                        1.0, 1.0, 1.0, g0, g1, g2, ct[k], ct[k + 1], db, m);
            } else {
                if (p - k == 2) {
                    rowFma3(r0[o0 + k + 1], g0, r1[o1 + k + 1], g1, r2[o2 + k + 1], g2, ct[k + 1], m);
                }
                if (p - k >= 1) {
                    rowFma3(r0[o0 + k], g0, r1[o1 + k], g1, r2[o2 + k], g2, ct[k], m);
                }
                if (db != null) {
                    rowFma3(1.0, g0, 1.0, g1, 1.0, g2, db, m);
                }
            }
        }
        for (; i < n; i++) {
            final double[] gi = g[i];
            final double[] r = xRows == null ? xFlat : xRows[i];
            final int o = xRows == null ? i * p : 0;
            for (int k = 0; k < p; k++) {
                rowFma1(r[o + k], gi, ct[k], m);
            }
            if (db != null) {
                rowFma1(1.0, gi, db, m);
            }
        }
    }

    /**
     * Three output rows from the same three rows of b, for {@code j < m}:
     * {@code t[j] = fma(x2, b2[j], fma(x1, b1[j], fma(x0, b0[j], t[j])))}, u with the y's, w with the z's. Each entry of b
     * is loaded once for three multiply-adds (a row at a time: once for one). The loads come first, then the three
     * stores: C2 in JDK 17 vectorises this body (default LoopUnrollLimit), not one with a store between the loads, nor
     * a larger block (two rows by four terms, three by four, four by three).
     */
    private static void fma3x3(double x0, double x1, double x2, double y0, double y1, double y2, double z0, double z1, double z2,
                       double[] b0, double[] b1, double[] b2, double[] t, double[] u, double[] w, int m) {
        for (int j = 0; j < m; j++) {
            final double v0 = b0[j], v1 = b1[j], v2 = b2[j], s = t[j], q = u[j], r = w[j];
            final double e = Math.fma(x2, v2, Math.fma(x1, v1, Math.fma(x0, v0, s)));
            final double f = Math.fma(y2, v2, Math.fma(y1, v1, Math.fma(y0, v0, q)));
            final double g = Math.fma(z2, v2, Math.fma(z1, v1, Math.fma(z0, v0, r)));
            t[j] = e;
            u[j] = f;
            w[j] = g;
        }
    }

    /** {@link #fma3x3} with two terms: {@code t[j] = fma(x1, b1[j], fma(x0, b0[j], t[j]))}, u and w likewise. */
    private static void fma3x2(double x0, double x1, double y0, double y1, double z0, double z1, double[] b0, double[] b1,
                       double[] t, double[] u, double[] w, int m) {
        for (int j = 0; j < m; j++) {
            final double v0 = b0[j], v1 = b1[j], s = t[j], q = u[j], r = w[j];
            final double e = Math.fma(x1, v1, Math.fma(x0, v0, s));
            final double f = Math.fma(y1, v1, Math.fma(y0, v0, q));
            final double g = Math.fma(z1, v1, Math.fma(z0, v0, r));
            t[j] = e;
            u[j] = f;
            w[j] = g;
        }
    }

    /** {@link #fma3x3} with one term: {@code t[j] = fma(x0, b0[j], t[j])}, u and w likewise. */
    private static void fma3x1(double x0, double y0, double z0, double[] b0, double[] t, double[] u, double[] w, int m) {
        for (int j = 0; j < m; j++) {
            final double v0 = b0[j], s = t[j], q = u[j], r = w[j];
            final double e = Math.fma(x0, v0, s);
            final double f = Math.fma(y0, v0, q);
            final double g = Math.fma(z0, v0, r);
            t[j] = e;
            u[j] = f;
            w[j] = g;
        }
    }

    /*
     * The one-row loops of rowsTimes, weightGrad and weightGradT: t[j] = fma(x_{k-1}, b_{k-1}[j], ... fma(x0, b0[j], t[j]))
     * for j < m, k terms per pass over t. Rows of ROW entries run a loop of that constant length (src/bench/SPEED.md, Rows of
     * 64); the rows' own copies, so that C2 shapes them by the row kernels' trip counts alone.
     */

    /** {@code t[j] = fma(x5, b5[j], fma(x4, b4[j], ... fma(x0, b0[j], t[j])))} for {@code j < m}: six terms per pass over t. */
    private static void rowFma6(double x0, double[] b0, double x1, double[] b1, double x2, double[] b2, double x3, double[] b3,
                                double x4, double[] b4, double x5, double[] b5, double[] t, int m) {
        if (m == ROW) {
            for (int j = 0; j < ROW; j++) {
                t[j] = Math.fma(x5, b5[j], Math.fma(x4, b4[j], Math.fma(x3, b3[j], Math.fma(x2, b2[j], Math.fma(x1, b1[j],
                        Math.fma(x0, b0[j], t[j]))))));
            }
        } else {
            for (int j = 0; j < m; j++) {
                t[j] = Math.fma(x5, b5[j], Math.fma(x4, b4[j], Math.fma(x3, b3[j], Math.fma(x2, b2[j], Math.fma(x1, b1[j],
                        Math.fma(x0, b0[j], t[j]))))));
            }
        }
    }

    /** Zeros to sum from ({@code fma(x, b, +0)}, as from a row set to 0). */
    private static final double[] ZEROS = new double[ROW];

    /**
     * {@code t[j] = fma(x5, b5[j], fma(x4, b4[j], ... fma(x0, b0[j], z[j])))} for {@code j < m}: {@link #rowFma6} from
     * z.
     */
    private static void rowFma6From(double x0, double[] b0, double x1, double[] b1, double x2, double[] b2, double x3,
                                    double[] b3, double x4, double[] b4, double x5, double[] b5, double[] z, double[] t,
                                    int m) {
        if (m == ROW) {
            for (int j = 0; j < ROW; j++) {
                t[j] = Math.fma(x5, b5[j], Math.fma(x4, b4[j], Math.fma(x3, b3[j], Math.fma(x2, b2[j], Math.fma(x1, b1[j],
                        Math.fma(x0, b0[j], z[j]))))));
            }
        } else {
            for (int j = 0; j < m; j++) {
                t[j] = Math.fma(x5, b5[j], Math.fma(x4, b4[j], Math.fma(x3, b3[j], Math.fma(x2, b2[j], Math.fma(x1, b1[j],
                        Math.fma(x0, b0[j], z[j]))))));
            }
        }
    }

    /** {@code t[j] = fma(x4, b4[j], fma(x3, b3[j], ... fma(x0, b0[j], t[j])))} for {@code j < m}. */
    private static void rowFma5(double x0, double[] b0, double x1, double[] b1, double x2, double[] b2, double x3, double[] b3,
                                double x4, double[] b4, double[] t, int m) {
        if (m == ROW) {
            for (int j = 0; j < ROW; j++) {
                t[j] = Math.fma(x4, b4[j], Math.fma(x3, b3[j], Math.fma(x2, b2[j], Math.fma(x1, b1[j], Math.fma(x0, b0[j], t[j])))));
            }
        } else {
            for (int j = 0; j < m; j++) {
                t[j] = Math.fma(x4, b4[j], Math.fma(x3, b3[j], Math.fma(x2, b2[j], Math.fma(x1, b1[j], Math.fma(x0, b0[j], t[j])))));
            }
        }
    }

    /** {@code t[j] = fma(x3, b3[j], fma(x2, b2[j], fma(x1, b1[j], fma(x0, b0[j], t[j]))))} for {@code j < m}. */
    private static void rowFma4(double x0, double[] b0, double x1, double[] b1, double x2, double[] b2, double x3, double[] b3,
                                double[] t, int m) {
        if (m == ROW) {
            for (int j = 0; j < ROW; j++) {
                t[j] = Math.fma(x3, b3[j], Math.fma(x2, b2[j], Math.fma(x1, b1[j], Math.fma(x0, b0[j], t[j]))));
            }
        } else {
            for (int j = 0; j < m; j++) {
                t[j] = Math.fma(x3, b3[j], Math.fma(x2, b2[j], Math.fma(x1, b1[j], Math.fma(x0, b0[j], t[j]))));
            }
        }
    }

    /** {@code t[j] = fma(x2, b2[j], fma(x1, b1[j], fma(x0, b0[j], t[j])))} for {@code j < m}. */
    private static void rowFma3(double x0, double[] b0, double x1, double[] b1, double x2, double[] b2, double[] t, int m) {
        if (m == ROW) {
            for (int j = 0; j < ROW; j++) {
                t[j] = Math.fma(x2, b2[j], Math.fma(x1, b1[j], Math.fma(x0, b0[j], t[j])));
            }
        } else {
            for (int j = 0; j < m; j++) {
                t[j] = Math.fma(x2, b2[j], Math.fma(x1, b1[j], Math.fma(x0, b0[j], t[j])));
            }
        }
    }

    /** {@code t[j] = fma(x1, b1[j], fma(x0, b0[j], t[j]))} for {@code j < m}. */
    private static void rowFma2(double x0, double[] b0, double x1, double[] b1, double[] t, int m) {
        if (m == ROW) {
            for (int j = 0; j < ROW; j++) {
                t[j] = Math.fma(x1, b1[j], Math.fma(x0, b0[j], t[j]));
            }
        } else {
            for (int j = 0; j < m; j++) {
                t[j] = Math.fma(x1, b1[j], Math.fma(x0, b0[j], t[j]));
            }
        }
    }

    /** {@code t[j] = fma(x0, b0[j], t[j])} for {@code j < m}. */
    private static void rowFma1(double x0, double[] b0, double[] t, int m) {
        if (m == ROW) {
            for (int j = 0; j < ROW; j++) {
                t[j] = Math.fma(x0, b0[j], t[j]);
            }
        } else {
            for (int j = 0; j < m; j++) {
                t[j] = Math.fma(x0, b0[j], t[j]);
            }
        }
    }

    /**
     * {@code db[j] += g[i][j]} for i ascending ({@link Gemm#addColumnSums}'s sums), {@code j < m}: four rows per pass,
     * {@code db[j] + g[i][j] + g[i + 1][j] + ...} added left to right, so the same sums with one load and store of db
     * per four rows.
     */
    public static void columnSums(double[][] g, int n, int m, double[] db) {
        int i = 0;
        for (; i + 3 < n; i += 4) {
            final double[] g0 = g[i], g1 = g[i + 1], g2 = g[i + 2], g3 = g[i + 3];
            for (int j = 0; j < m; j++) {
                db[j] = db[j] + g0[j] + g1[j] + g2[j] + g3[j];
            }
        }
        for (; i < n; i++) {
            final double[] gi = g[i];
            for (int j = 0; j < m; j++) {
                db[j] += gi[j];
            }
        }
    }

    /** @return whether the first {@code rows} rows of a (p wide: {@code aRows}, or row-major {@code aFlat}) hold a 0 or -0 */
    static boolean hasZeros(double[][] aRows, double[] aFlat, int rows, int p) {
        for (int i = 0; i < rows; i++) {
            final double[] a = aRows == null ? aFlat : aRows[i];
            for (int k = 0, a0 = aRows == null ? i * p : 0; k < p; k++) {
                if (a[a0 + k] == 0.0) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * @param check scratch of at least m entries
     * @return whether the first {@code m} entries of each of the first {@code count} rows are finite: {@code sum r[j] * 0}
     *         is 0, NaN once an entry is infinite or NaN (summed per column, four rows per pass: a loop C2 vectorises,
     *         with one store of the sums per four rows)
     */
    public static boolean finite(double[][] rows, int count, int m, double[] check) {
        java.util.Arrays.fill(check, 0, m, 0.0);
        int k = 0;
        for (; k + 3 < count; k += 4) {
            final double[] r0 = rows[k], r1 = rows[k + 1], r2 = rows[k + 2], r3 = rows[k + 3];
            for (int j = 0; j < m; j++) {
                check[j] += r0[j] * 0.0 + r1[j] * 0.0 + r2[j] * 0.0 + r3[j] * 0.0;
            }
        }
        for (; k < count; k++) {
            final double[] r = rows[k];
            for (int j = 0; j < m; j++) {
                check[j] += r[j] * 0.0;
            }
        }
        double s = 0.0;
        for (int j = 0; j < m; j++) {
            s += check[j];
        }
        return s == 0.0;
    }

    /** @return whether one of the first {@code rows} rows of g holds a 0 or -0 in its first m entries */
    public static boolean hasZeros(double[][] g, int rows, int m) {
        return hasZeros(g, null, rows, m);
    }
}

package neuralglm.linalg;

/**
 * The products of an affine layer with the batch stored <em>by columns</em>: a matrix of n rows (one
 * per example) and c features is held as c arrays of length at least n, {@code xT[k][i]} = entry
 * (i, k). Loops along the batch are long and touch separate arrays at the same index, the form HotSpot's
 * C2 vectorises by itself (in Weka's default JVM as well), whereas row-major layers 20-30 wide leave C2's
 * unrolled vector loop hardly any work. With W out x in (PyTorch layout, row-major {@code w[j * in + k]}):
 * <pre>
 *   affine:     yT[j][i]  = b[j] + sum_k w[j][k] xT[k][i]       (forward)
 *   inputGrad:  dxT[k][i] = sum_j w[j][k] dyT[j][i]             (input gradient)
 *   affineGrad: dW[j][k] += sum_i dyT[j][i] xT[k][i],  db[j] += sum_i dyT[j][i]   (parameter gradients)
 * </pre>
 * Every entry is summed exactly as in {@link Gemm} (from the bias, 0, or the old value; terms in
 * ascending order of the inner index; one {@link Math#fma} per term; bias sums by plain additions in
 * ascending order of i), so the results are bit-identical to the row-major kernels. The products run
 * over blocks of the batch so that a block of the inputs stays in the level-1 cache. Arguments must not
 * alias; only the first n entries of each column are read or written.
 */
public final class ColumnKernels {

    /** Bytes of one operand's block of columns that should stay in the level-1 cache. */
    private static final int CACHE_BYTES = 24 * 1024;

    private static final ThreadLocal<double[][]> ROWS = ThreadLocal.withInitial(() -> new double[4][0]);
    private static final ThreadLocal<double[][]> SUMS = ThreadLocal.withInitial(() -> new double[0][]);

    private ColumnKernels() {
    }

    /** @return how many examples a block holds when `cols` columns of it should fit the cache (a multiple of 16, >= 64) */
    private static int block(int n, int cols) {
        final int b = Math.max(64, (CACHE_BYTES / (8 * Math.max(1, cols))) & ~15);
        return Math.min(n, b);
    }

    /**
     * {@code yT[j][i] = bias[j] + sum_k w[j*p + k] xT[k][i]} for {@code i < n}, {@code j < m}.
     *
     * @param xT   p input columns. Not modified.
     * @param n    examples
     * @param p    inputs
     * @param w    the weight, m x p row-major. Not modified.
     * @param m    outputs
     * @param bias length m, or null for 0. Not modified.
     * @param yT   m output columns. Overwritten.
     */
    public static void affine(double[][] xT, int n, int p, double[] w, int m, double[] bias, double[][] yT) {
        affine(xT, n, p, w, m, bias, yT, false);
    }

    /**
     * {@link #affine} followed by ReLU in one pass, {@code yT[j][i] = max(bias[j] + sum_k w[j*p + k] xT[k][i], 0)}:
     * the same numbers as {@link #affine} then {@link Kernels#relu}.
     *
     * @param xT   p input columns. Not modified.
     * @param n    examples
     * @param p    inputs
     * @param w    the weight, m x p row-major. Not modified.
     * @param m    outputs
     * @param bias length m, or null for 0. Not modified.
     * @param yT   m output columns, the ReLU's outputs. Overwritten.
     */
    public static void affineRelu(double[][] xT, int n, int p, double[] w, int m, double[] bias, double[][] yT) {
        affine(xT, n, p, w, m, bias, yT, true);
    }

    private static void affine(double[][] xT, int n, int p, double[] w, int m, double[] bias, double[][] yT, boolean relu) {
        final int bs = block(n, p);
        for (int i0 = 0; i0 < n; i0 += bs) {
            final int i1 = Math.min(n, i0 + bs);
            for (int j = 0; j < m; j++) {
                final double z = bias == null ? 0.0 : bias[j];
                if (relu) {
                    combineThen(w, j * p, 1, p, xT, z, yT[j], null, i0, i1);
                } else {
                    combine(w, j * p, 1, p, xT, z, yT[j], i0, i1);
                }
            }
        }
    }

    /**
     * {@code dxT[k][i] = sum_j w[j*p + k] dyT[j][i]} for {@code i < n}, {@code k < p}.
     *
     * @param dyT m output-gradient columns. Not modified.
     * @param n   examples
     * @param m   outputs
     * @param w   the weight, m x p row-major. Not modified.
     * @param p   inputs
     * @param dxT p input-gradient columns. Overwritten.
     */
    public static void inputGrad(double[][] dyT, int n, int m, double[] w, int p, double[][] dxT) {
        final int bs = block(n, m);
        for (int i0 = 0; i0 < n; i0 += bs) {
            final int i1 = Math.min(n, i0 + bs);
            for (int k = 0; k < p; k++) {
                combine(w, k, p, m, dyT, 0.0, dxT[k], i0, i1);
            }
        }
    }

    /**
     * {@link #inputGrad} through the ReLU whose outputs are this layer's inputs, in one pass:
     * {@code dxT[k][i] = (sum_j w[j*p + k] dyT[j][i]) [yT[k][i] > 0]}, the same numbers as {@link #inputGrad} then
     * {@link Kernels#reluGradFromOutput}.
     *
     * @param dyT m output-gradient columns. Not modified.
     * @param n   examples
     * @param m   outputs
     * @param w   the weight, m x p row-major. Not modified.
     * @param p   inputs
     * @param yT  p columns of the ReLU's outputs (this layer's inputs). Not modified.
     * @param dxT p columns of dL/d(the ReLU's inputs). Overwritten.
     */
    public static void inputGradRelu(double[][] dyT, int n, int m, double[] w, int p, double[][] yT, double[][] dxT) {
        final int bs = block(n, m);
        for (int i0 = 0; i0 < n; i0 += bs) {
            final int i1 = Math.min(n, i0 + bs);
            for (int k = 0; k < p; k++) {
                combineThen(w, k, p, m, dyT, 0.0, dxT[k], yT[k], i0, i1);
            }
        }
    }

    /**
     * {@link #combine} with ReLU applied in its last pass: {@code t[i] = max(sum, 0)} when y is null, else
     * {@code t[i] = sum * min(y[i] 2^1023 2^1023, 1)} (ReLU's step from its output y, as
     * {@link Kernels#reluGradFromOutput}); the sum as in {@link #combine}, so the same bits as the separate passes.
     */
    private static void combineThen(double[] c, int c0, int cs, int len, double[][] v, double z, double[] t, double[] y,
                                    int i0, int i1) {
        if (len == 0) {
            for (int i = i0; i < i1; i++) {
                t[i] = y == null ? Math.max(z, 0.0) : z * Math.min(y[i] * TWO_1023 * TWO_1023, 1.0);
            }
            return;
        }
        if (len < 4) {
            // single terms, the first from z, the last with the ReLU
            if (len == 1) {
                lastThen(c[c0], v[0], null, z, t, y, i0, i1);
                return;
            }
            first1(c[c0], v[0], z, t, i0, i1);
            for (int q = 1; q < len - 1; q++) {
                fma1(c[c0 + q * cs], v[q], t, i0, i1);
            }
            lastThen(c[c0 + (len - 1) * cs], v[len - 1], t, 0.0, t, y, i0, i1);
            return;
        }
        final int body = len - 4; // the terms before the last pass of four
        if (body == 0) {
            fill(t, z, i0, i1);
        } else {
            combine(c, c0, cs, body, v, z, t, i0, i1);
        }
        final int o = c0 + body * cs;
        final double x0 = c[o], x1 = c[o + cs], x2 = c[o + 2 * cs], x3 = c[o + 3 * cs];
        final double[] b0 = v[body], b1 = v[body + 1], b2 = v[body + 2], b3 = v[body + 3];
        if (y == null) {
            for (int i = i0; i < i1; i++) {
                t[i] = Math.max(Math.fma(x3, b3[i], Math.fma(x2, b2[i], Math.fma(x1, b1[i], Math.fma(x0, b0[i], t[i])))), 0.0);
            }
        } else {
            for (int i = i0; i < i1; i++) {
                t[i] = Math.fma(x3, b3[i], Math.fma(x2, b2[i], Math.fma(x1, b1[i], Math.fma(x0, b0[i], t[i]))))
                        * Math.min(y[i] * TWO_1023 * TWO_1023, 1.0);
            }
        }
    }

    /** {@code t[i] = relu(fma(x, b[i], s))} with s = from[i], or z when from is null; relu as in {@link #combineThen}. */
    private static void lastThen(double x, double[] b, double[] from, double z, double[] t, double[] y, int i0, int i1) {
        if (from == null && y == null) {
            for (int i = i0; i < i1; i++) {
                t[i] = Math.max(Math.fma(x, b[i], z), 0.0);
            }
        } else if (from == null) {
            for (int i = i0; i < i1; i++) {
                t[i] = Math.fma(x, b[i], z) * Math.min(y[i] * TWO_1023 * TWO_1023, 1.0);
            }
        } else if (y == null) {
            for (int i = i0; i < i1; i++) {
                t[i] = Math.max(Math.fma(x, b[i], from[i]), 0.0);
            }
        } else {
            for (int i = i0; i < i1; i++) {
                t[i] = Math.fma(x, b[i], from[i]) * Math.min(y[i] * TWO_1023 * TWO_1023, 1.0);
            }
        }
    }

    /** {@code t[i] = fma(x, b[i], z)}. */
    private static void first1(double x, double[] b, double z, double[] t, int i0, int i1) {
        for (int i = i0; i < i1; i++) {
            t[i] = Math.fma(x, b[i], z);
        }
    }

    private static final double TWO_1023 = Kernels.TWO_1023;

    /**
     * {@code t[i] = z + sum_q c[c0 + q*cs] v[q][i]} for {@code i0 <= i < i1}, the terms added in ascending
     * order of q, four columns per pass over t.
     */
    private static void combine(double[] c, int c0, int cs, int len, double[][] v, double z, double[] t, int i0, int i1) {
        int q = 0;
        if (len >= 4) {
            first4(c[c0], v[0], c[c0 + cs], v[1], c[c0 + 2 * cs], v[2], c[c0 + 3 * cs], v[3], z, t, i0, i1);
            q = 4;
        } else {
            fill(t, z, i0, i1);
        }
        for (; q + 5 < len; q += 6) {
            final int o = c0 + q * cs;
            fma6(c[o], v[q], c[o + cs], v[q + 1], c[o + 2 * cs], v[q + 2], c[o + 3 * cs], v[q + 3], c[o + 4 * cs], v[q + 4],
                    c[o + 5 * cs], v[q + 5], t, i0, i1);
        }
        for (; q + 3 < len; q += 4) {
            final int o = c0 + q * cs;
            fma4(c[o], v[q], c[o + cs], v[q + 1], c[o + 2 * cs], v[q + 2], c[o + 3 * cs], v[q + 3], t, i0, i1);
        }
        final int o = c0 + q * cs;
        switch (len - q) {
            case 3:
                fma3(c[o], v[q], c[o + cs], v[q + 1], c[o + 2 * cs], v[q + 2], t, i0, i1);
                break;
            case 2:
                fma2(c[o], v[q], c[o + cs], v[q + 1], t, i0, i1);
                break;
            case 1:
                fma1(c[o], v[q], t, i0, i1);
                break;
            default:
                break;
        }
    }

    private static void fill(double[] t, double z, int i0, int i1) {
        for (int i = i0; i < i1; i++) {
            t[i] = z;
        }
    }

    /** {@code t[i] = fma(x3, b3[i], fma(x2, b2[i], fma(x1, b1[i], fma(x0, b0[i], z))))}. */
    private static void first4(double x0, double[] b0, double x1, double[] b1, double x2, double[] b2, double x3, double[] b3,
                               double z, double[] t, int i0, int i1) {
        for (int i = i0; i < i1; i++) {
            t[i] = Math.fma(x3, b3[i], Math.fma(x2, b2[i], Math.fma(x1, b1[i], Math.fma(x0, b0[i], z))));
        }
    }

    /** {@code t[i] = fma(x3, b3[i], fma(x2, b2[i], fma(x1, b1[i], fma(x0, b0[i], t[i]))))} (see {@link RowGemm}). */
    static void fma4(double x0, double[] b0, double x1, double[] b1, double x2, double[] b2, double x3, double[] b3,
                     double[] t, int i0, int i1) {
        for (int i = i0; i < i1; i++) {
            t[i] = Math.fma(x3, b3[i], Math.fma(x2, b2[i], Math.fma(x1, b1[i], Math.fma(x0, b0[i], t[i]))));
        }
    }

    /** Six terms per pass over t (C2 still vectorises this body, and t is loaded and stored once per six). */
    static void fma6(double x0, double[] b0, double x1, double[] b1, double x2, double[] b2, double x3, double[] b3,
                             double x4, double[] b4, double x5, double[] b5, double[] t, int i0, int i1) {
        for (int i = i0; i < i1; i++) {
            t[i] = Math.fma(x5, b5[i], Math.fma(x4, b4[i], Math.fma(x3, b3[i], Math.fma(x2, b2[i], Math.fma(x1, b1[i],
                    Math.fma(x0, b0[i], t[i]))))));
        }
    }

    /** {@code t[i] = fma(x2, b2[i], fma(x1, b1[i], fma(x0, b0[i], t[i])))}. */
    private static void fma3(double x0, double[] b0, double x1, double[] b1, double x2, double[] b2, double[] t, int i0, int i1) {
        for (int i = i0; i < i1; i++) {
            t[i] = Math.fma(x2, b2[i], Math.fma(x1, b1[i], Math.fma(x0, b0[i], t[i])));
        }
    }

    /** {@code t[i] = fma(x1, b1[i], fma(x0, b0[i], t[i]))}. */
    private static void fma2(double x0, double[] b0, double x1, double[] b1, double[] t, int i0, int i1) {
        for (int i = i0; i < i1; i++) {
            t[i] = Math.fma(x1, b1[i], Math.fma(x0, b0[i], t[i]));
        }
    }

    /** {@code t[i] = fma(x, b[i], t[i])}. */
    static void fma1(double x, double[] b, double[] t, int i0, int i1) {
        for (int i = i0; i < i1; i++) {
            t[i] = Math.fma(x, b[i], t[i]);
        }
    }

    /**
     * {@code dW[j*p + k] += sum_i dyT[j][i] xT[k][i]} and {@code db[j] += sum_i dyT[j][i]} (db may be
     * null), each sum in ascending order of i. Layers at least 8 inputs wide with at least 4 outputs run
     * vectorised along the inputs (four examples' input rows gathered at a time); narrower ones run as
     * scalar sums, eight (or four) independent chains at a time.
     *
     * @param dyT m output-gradient columns. Not modified.
     * @param n   examples
     * @param m   outputs
     * @param xT  p input columns. Not modified.
     * @param p   inputs
     * @param dW  m x p row-major. Accumulated.
     * @param db  length m, or null. Accumulated.
     */
    public static void affineGrad(double[][] dyT, int n, int m, double[][] xT, int p, double[] dW, double[] db) {
        if (p >= 8 && m >= 4) {
            wide(dyT, n, m, xT, p, dW, db);
            return;
        }
        if (p >= m) {
            for (int j = 0; j < m; j++) {
                int k = 0;
                for (; k + 7 < p; k += 8) {
                    chainsOverInputs(dyT[j], n, xT, k, dW, j * p + k);
                }
                for (; k + 3 < p; k += 4) {
                    chains4(dyT[j], xT, k, n, dW, j * p + k, 1);
                }
                for (; k < p; k++) {
                    dW[j * p + k] = dot(dyT[j], xT[k], n, dW[j * p + k]);
                }
            }
        } else {
            for (int k = 0; k < p; k++) {
                int j = 0;
                for (; j + 7 < m; j += 8) {
                    chainsOverOutputs(dyT, j, n, xT[k], dW, j * p + k, p);
                }
                for (; j + 3 < m; j += 4) {
                    chains4(xT[k], dyT, j, n, dW, j * p + k, p);
                }
                for (; j < m; j++) {
                    dW[j * p + k] = dot(dyT[j], xT[k], n, dW[j * p + k]);
                }
            }
        }
        if (db != null) {
            columnSums(dyT, n, m, db);
        }
    }

    /** {@code s + sum_i a[i] b[i]}, fused, ascending i. */
    private static double dot(double[] a, double[] b, int n, double s) {
        for (int i = 0; i < n; i++) {
            s = Math.fma(a[i], b[i], s);
        }
        return s;
    }

    /** {@code c[c0 + r] += sum_i d[i] xT[k + r][i]} for r < 8. */
    private static void chainsOverInputs(double[] d, int n, double[][] xT, int k, double[] c, int c0) {
        final double[] x0 = xT[k], x1 = xT[k + 1], x2 = xT[k + 2], x3 = xT[k + 3];
        final double[] x4 = xT[k + 4], x5 = xT[k + 5], x6 = xT[k + 6], x7 = xT[k + 7];
        double s0 = c[c0], s1 = c[c0 + 1], s2 = c[c0 + 2], s3 = c[c0 + 3];
        double s4 = c[c0 + 4], s5 = c[c0 + 5], s6 = c[c0 + 6], s7 = c[c0 + 7];
        for (int i = 0; i < n; i++) {
            final double g = d[i];
            s0 = Math.fma(g, x0[i], s0); s1 = Math.fma(g, x1[i], s1); s2 = Math.fma(g, x2[i], s2); s3 = Math.fma(g, x3[i], s3);
            s4 = Math.fma(g, x4[i], s4); s5 = Math.fma(g, x5[i], s5); s6 = Math.fma(g, x6[i], s6); s7 = Math.fma(g, x7[i], s7);
        }
        c[c0] = s0; c[c0 + 1] = s1; c[c0 + 2] = s2; c[c0 + 3] = s3;
        c[c0 + 4] = s4; c[c0 + 5] = s5; c[c0 + 6] = s6; c[c0 + 7] = s7;
    }

    /** {@code c[c0 + r*p] += sum_i dyT[j + r][i] x[i]} for r < 8. */
    private static void chainsOverOutputs(double[][] dyT, int j, int n, double[] x, double[] c, int c0, int p) {
        final double[] d0 = dyT[j], d1 = dyT[j + 1], d2 = dyT[j + 2], d3 = dyT[j + 3];
        final double[] d4 = dyT[j + 4], d5 = dyT[j + 5], d6 = dyT[j + 6], d7 = dyT[j + 7];
        double s0 = c[c0], s1 = c[c0 + p], s2 = c[c0 + 2 * p], s3 = c[c0 + 3 * p];
        double s4 = c[c0 + 4 * p], s5 = c[c0 + 5 * p], s6 = c[c0 + 6 * p], s7 = c[c0 + 7 * p];
        for (int i = 0; i < n; i++) {
            final double v = x[i];
            s0 = Math.fma(d0[i], v, s0); s1 = Math.fma(d1[i], v, s1); s2 = Math.fma(d2[i], v, s2); s3 = Math.fma(d3[i], v, s3);
            s4 = Math.fma(d4[i], v, s4); s5 = Math.fma(d5[i], v, s5); s6 = Math.fma(d6[i], v, s6); s7 = Math.fma(d7[i], v, s7);
        }
        c[c0] = s0; c[c0 + p] = s1; c[c0 + 2 * p] = s2; c[c0 + 3 * p] = s3;
        c[c0 + 4 * p] = s4; c[c0 + 5 * p] = s5; c[c0 + 6 * p] = s6; c[c0 + 7 * p] = s7;
    }

    /**
     * {@code c[c0 + r*cs] += sum_i a[i] b[q0 + r][i]} for r < 4 (the product a[i] b[..][i] commutes, so
     * this serves both narrow cases).
     */
    private static void chains4(double[] a, double[][] b, int q0, int n, double[] c, int c0, int cs) {
        final double[] b0 = b[q0], b1 = b[q0 + 1], b2 = b[q0 + 2], b3 = b[q0 + 3];
        double s0 = c[c0], s1 = c[c0 + cs], s2 = c[c0 + 2 * cs], s3 = c[c0 + 3 * cs];
        for (int i = 0; i < n; i++) {
            final double v = a[i];
            s0 = Math.fma(v, b0[i], s0); s1 = Math.fma(v, b1[i], s1); s2 = Math.fma(v, b2[i], s2); s3 = Math.fma(v, b3[i], s3);
        }
        c[c0] = s0; c[c0 + cs] = s1; c[c0 + 2 * cs] = s2; c[c0 + 3 * cs] = s3;
    }

    /** {@code db[j] += sum_i dyT[j][i]}, ascending i, eight columns at a time. */
    private static void columnSums(double[][] dyT, int n, int m, double[] db) {
        int j = 0;
        for (; j + 7 < m; j += 8) {
            final double[] d0 = dyT[j], d1 = dyT[j + 1], d2 = dyT[j + 2], d3 = dyT[j + 3];
            final double[] d4 = dyT[j + 4], d5 = dyT[j + 5], d6 = dyT[j + 6], d7 = dyT[j + 7];
            double s0 = db[j], s1 = db[j + 1], s2 = db[j + 2], s3 = db[j + 3];
            double s4 = db[j + 4], s5 = db[j + 5], s6 = db[j + 6], s7 = db[j + 7];
            for (int i = 0; i < n; i++) {
                s0 += d0[i]; s1 += d1[i]; s2 += d2[i]; s3 += d3[i];
                s4 += d4[i]; s5 += d5[i]; s6 += d6[i]; s7 += d7[i];
            }
            db[j] = s0; db[j + 1] = s1; db[j + 2] = s2; db[j + 3] = s3;
            db[j + 4] = s4; db[j + 5] = s5; db[j + 6] = s6; db[j + 7] = s7;
        }
        for (; j + 3 < m; j += 4) {
            final double[] d0 = dyT[j], d1 = dyT[j + 1], d2 = dyT[j + 2], d3 = dyT[j + 3];
            double s0 = db[j], s1 = db[j + 1], s2 = db[j + 2], s3 = db[j + 3];
            for (int i = 0; i < n; i++) {
                s0 += d0[i]; s1 += d1[i]; s2 += d2[i]; s3 += d3[i];
            }
            db[j] = s0; db[j + 1] = s1; db[j + 2] = s2; db[j + 3] = s3;
        }
        for (; j < m; j++) {
            double s = db[j];
            final double[] d = dyT[j];
            for (int i = 0; i < n; i++) {
                s += d[i];
            }
            db[j] = s;
        }
    }

    /**
     * {@link #affineGrad} vectorised along the inputs: for four examples at a time, their input rows are
     * gathered from the columns, and each output's row of dW takes four fused multiply-adds per entry
     * (the examples in order) in one pass.
     */
    private static void wide(double[][] dyT, int n, int m, double[][] xT, int p, double[] dW, double[] db) {
        final double[][] x = ROWS.get();
        if (x[0].length < p) {
            for (int r = 0; r < 4; r++) {
                x[r] = new double[p];
            }
        }
        double[][] cr = SUMS.get();
        if (cr.length < m || cr[0].length < p) {
            cr = new double[Math.max(m, cr.length)][Math.max(p, cr.length == 0 ? 0 : cr[0].length)];
            SUMS.set(cr);
        }
        for (int j = 0; j < m; j++) {
            System.arraycopy(dW, j * p, cr[j], 0, p);
        }
        final double[] x0 = x[0], x1 = x[1], x2 = x[2], x3 = x[3];
        int i = 0;
        for (; i + 3 < n; i += 4) {
            for (int k = 0; k < p; k++) {
                final double[] c = xT[k];
                x0[k] = c[i];
                x1[k] = c[i + 1];
                x2[k] = c[i + 2];
                x3[k] = c[i + 3];
            }
            for (int j = 0; j < m; j++) {
                final double[] d = dyT[j];
                fma4(d[i], x0, d[i + 1], x1, d[i + 2], x2, d[i + 3], x3, cr[j], 0, p);
            }
        }
        for (; i < n; i++) {
            for (int k = 0; k < p; k++) {
                x0[k] = xT[k][i];
            }
            for (int j = 0; j < m; j++) {
                fma1(dyT[j][i], x0, cr[j], 0, p);
            }
        }
        for (int j = 0; j < m; j++) {
            System.arraycopy(cr[j], 0, dW, j * p, p);
        }
        if (db != null) {
            columnSums(dyT, n, m, db);
        }
    }
}

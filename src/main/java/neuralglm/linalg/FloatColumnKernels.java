package neuralglm.linalg;

/**
 * The products of {@link ColumnKernels} in single precision, for training with {@code float32}: the batch
 * is held by columns ({@code xT[k][i]} = entry (i, k), each column a {@code float[]} of length at least n),
 * the weights as a float copy of the double master (W out x in, row-major {@code w[j * in + k]}):
 * <pre>
 *   affine:     yT[j][i]  = b[j] + sum_k w[j][k] xT[k][i]       (forward)
 *   inputGrad:  dxT[k][i] = sum_j w[j][k] dyT[j][i]             (input gradient)
 *   affineGrad: dW[j][k] += sum_i dyT[j][i] xT[k][i],  db[j] += sum_i dyT[j][i]   (parameter gradients, double)
 * </pre>
 * A float vector holds twice the lanes of a double one, so the loops along the batch (the form HotSpot's C2
 * vectorises by itself) do twice the work per instruction and move half the bytes. Each term is one
 * {@link Math#fma} in float (relative error of a product-sum of q terms at most about q 2^-24). The parameter
 * gradients are sums over the batch: they run in float over at most {@value #FLUSH} examples at a time and
 * are then added into the <em>double</em> gradients, so their error does not grow with the batch (as
 * {@link ColumnKernels}' bit-identity does not hold here, the kernels need not follow its order of terms).
 * Only the first n entries of each column are read or written; arguments must not alias. Layers wider than
 * {@value #VECTOR_MIN_WIDTH} units run these products on the Vector API ({@link VectorFloatColumnKernels}, register-held
 * blocks) when the JVM has it, with the same bits.
 */
public final class FloatColumnKernels {

    /** Examples whose parameter-gradient terms are summed in float before they are added in double. */
    static final int FLUSH = 256;

    /** Examples whose rows {@link #outerProducts} copies at a time (with the sums, they stay in the level-1 cache). */
    private static final int ROWS = 64;

    /**
     * Bytes of one operand's block of columns (examples per block: this over 4 bytes times the columns): a block stays in
     * the level-2 cache, and longer loops vectorise better than level-1-sized ones (the float forward pass of 20-64-64-1 over
     * 200k rows in blocks of 1024 rows: 45-50 ms of thread CPU with 256 KB, 50-54 ms with 128 KB, 56-60 ms with 64 KB,
     * i.e. 256 rows per pass of the 64-unit layer). Training batches of up to 256 rows run in one block either way.
     */
    private static final int CACHE_BYTES = 256 * 1024;

    /** Terms per sum from which the forward and input-gradient products take three sums per pass ({@link #combine3}). */
    private static final int BLOCKED = 32;

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** Per-thread work arrays of {@link #affineGrad}, grown on demand. */
    private static final class Scratch {
        final float[][] rows = new float[6][0];
        float[][] sums = new float[0][0];
        float[][] gRows = new float[0][0];
        final int[] idx = new int[ROWS];
        boolean[] dense = new boolean[0];
        float[] zeros = new float[0];
        float[] ones = new float[0];
        float[][] inputs = new float[0][];
        double[] grad = new double[0];
    }

    private FloatColumnKernels() {
    }

    /** @return examples per block when `cols` float columns of it should fit the cache (a multiple of 16, >= 64) */
    private static int block(int n, int cols) {
        return Math.min(n, Math.max(64, (CACHE_BYTES / (4 * Math.max(1, cols))) & ~15));
    }

    /**
     * {@code yT[j][i] = bias[j] + sum_k w[j*p + k] xT[k][i]} for {@code i < n}, {@code j < m}.
     *
     * @param xT   p input columns. Not modified.
     * @param n    examples
     * @param p    inputs
     * @param w    the weight, m x p row-major. Not modified.
     * @param m    outputs
     * @param bias length m. Not modified.
     * @param yT   m output columns. Overwritten.
     */
    public static void affine(float[][] xT, int n, int p, float[] w, int m, float[] bias, float[][] yT) {
        affine(xT, n, p, w, m, bias, yT, NONE, vectors(p, m));
    }

    /**
     * {@link #affine} followed by ReLU, {@code yT[j][i] = max(bias[j] + sum_k w[j*p + k] xT[k][i], 0)}, in one pass:
     * the same numbers as {@link #affine} then {@link #relu}.
     *
     * @param xT   p input columns. Not modified.
     * @param n    examples
     * @param p    inputs
     * @param w    the weight, m x p row-major. Not modified.
     * @param m    outputs
     * @param bias length m. Not modified.
     * @param yT   m output columns, the ReLU's outputs. Overwritten.
     */
    public static void affineRelu(float[][] xT, int n, int p, float[] w, int m, float[] bias, float[][] yT) {
        affine(xT, n, p, w, m, bias, yT, RELU, vectors(p, m));
    }

    /** @param vectors whether the products run in {@link VectorFloatColumnKernels} (the same bits; tests choose) */
    static void affine(float[][] xT, int n, int p, float[] w, int m, float[] bias, float[][] yT, int epilogue,
                       boolean vectors) {
        if (vectors) {
            VectorFloatColumnKernels.combine(w, 0, p, 1, p, xT, bias, yT, null, 0, m, n, epilogue);
            return;
        }
        final int bs = block(n, p);
        for (int i0 = 0; i0 < n; i0 += bs) {
            final int i1 = Math.min(n, i0 + bs);
            int j = 0;
            for (; p >= BLOCKED && j + 2 < m; j += 3) {   // three outputs per pass over the inputs
                combine3(w, j * p, p, 1, p, xT, bias[j], bias[j + 1], bias[j + 2], yT[j], yT[j + 1], yT[j + 2], null, 0, i0, i1, epilogue);
            }
            for (; j < m; j++) {
                combine(w, j * p, 1, p, xT, bias[j], yT[j], null, i0, i1, epilogue);
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
    public static void inputGrad(float[][] dyT, int n, int m, float[] w, int p, float[][] dxT) {
        inputGrad(dyT, n, m, w, p, null, dxT, vectors(m, p));
    }

    /**
     * {@link #inputGrad} through the ReLU whose outputs are this layer's inputs, in one pass:
     * {@code dxT[k][i] = (sum_j w[j*p + k] dyT[j][i]) [yT[k][i] > 0]}, the same numbers as {@link #inputGrad} then
     * {@link #reluGradFromOutput}.
     *
     * @param dyT m output-gradient columns. Not modified.
     * @param n   examples
     * @param m   outputs
     * @param w   the weight, m x p row-major. Not modified.
     * @param p   inputs
     * @param yT  p columns of the ReLU's outputs (this layer's inputs). Not modified.
     * @param dxT p columns of dL/d(the ReLU's inputs). Overwritten.
     */
    public static void inputGradRelu(float[][] dyT, int n, int m, float[] w, int p, float[][] yT, float[][] dxT) {
        inputGrad(dyT, n, m, w, p, yT, dxT, vectors(m, p));
    }

    /** @param vectors whether the products run in {@link VectorFloatColumnKernels} (the same bits; tests choose) */
    static void inputGrad(float[][] dyT, int n, int m, float[] w, int p, float[][] yT, float[][] dxT, boolean vectors) {
        if (vectors) {
            VectorFloatColumnKernels.combine(w, 0, 1, p, m, dyT, null, dxT, yT, 0, p, n, yT == null ? NONE : MASK);
            return;
        }
        final int bs = block(n, m);
        for (int i0 = 0; i0 < n; i0 += bs) {
            final int i1 = Math.min(n, i0 + bs);
            int k = 0;
            for (; m >= BLOCKED && k + 2 < p; k += 3) {   // three inputs' gradients per pass over the output gradients
                combine3(w, k, 1, p, m, dyT, 0f, 0f, 0f, dxT[k], dxT[k + 1], dxT[k + 2], yT, k, i0, i1, yT == null ? NONE : MASK);
            }
            for (; k < p; k++) {
                combine(w, k, p, m, dyT, 0f, dxT[k], yT == null ? null : yT[k], i0, i1, yT == null ? NONE : MASK);
            }
        }
    }

    /** Epilogues of {@link #combine}: none, {@code max(t, 0)}, {@code t [y > 0]} (as {@link VectorFloatColumnKernels}'). */
    static final int NONE = VectorFloatColumnKernels.NONE, RELU = VectorFloatColumnKernels.RELU,
            MASK = VectorFloatColumnKernels.MASK;

    /**
     * Layers with more inputs or outputs than this run their forward and input-gradient products on the Vector API
     * ({@link VectorFloatColumnKernels}) when the JVM has it: the layers of the networks whose options start its
     * warm-up ({@link Kernels#prepareFloatKernels}); narrower networks (the notebook's) keep these loops and no warm-up
     * thread takes the machine's other CPU.
     */
    static final int VECTOR_MIN_WIDTH = 48;

    /**
     * @return whether a product of {@code terms} terms per sum and {@code outputs} sums runs in
     *         {@link VectorFloatColumnKernels}: the Vector API is on ({@link Kernels#vectorised}), the layer is wider than
     *         {@link #VECTOR_MIN_WIDTH}, and C2 has compiled those kernels (the first such call starts their warm-up,
     *         {@link VectorWarmUp#floatReady}); the same bits either way
     */
    private static boolean vectors(int terms, int outputs) {
        return Math.max(terms, outputs) > VECTOR_MIN_WIDTH && Kernels.vectorised() && VectorWarmUp.floatReady();
    }

    /**
     * {@code t[i] = e(z + sum_q c[c0 + q*cs] v[q][i])} for {@code i0 <= i < i1}, each term one fused multiply-add in
     * ascending order of q (the same numbers however the terms are grouped into passes over t): the first pass
     * starts from z, up to six terms per pass, the last pass (up to four terms) applies the epilogue e (none,
     * ReLU, or times the ReLU step of y[i]).
     */
    private static void combine(float[] c, int c0, int cs, int len, float[][] v, float z, float[] t, float[] y, int i0, int i1,
                                int epilogue) {
        if (len == 0) {
            for (int i = i0; i < i1; i++) {
                t[i] = z;
            }
            finish(t, y, i0, i1, epilogue);
            return;
        }
        final int tail = len >= 4 ? 4 : 1;   // terms of the last pass
        final int body = len - tail;         // terms before it
        int q = 0;
        if (body == 0) {
            last(c, c0, cs, 0, tail, v, z, true, t, y, i0, i1, epilogue);
            return;
        }
        if (body >= 6) {
            first6(c[c0], v[0], c[c0 + cs], v[1], c[c0 + 2 * cs], v[2], c[c0 + 3 * cs], v[3], c[c0 + 4 * cs], v[4],
                    c[c0 + 5 * cs], v[5], z, t, i0, i1);
            q = 6;
        } else if (body >= 4) {
            first4(c[c0], v[0], c[c0 + cs], v[1], c[c0 + 2 * cs], v[2], c[c0 + 3 * cs], v[3], z, t, i0, i1);
            q = 4;
        } else {
            first1(c[c0], v[0], z, t, i0, i1);
            q = 1;
        }
        for (; q + 5 < body; q += 6) {
            final int o = c0 + q * cs;
            fma6(c[o], v[q], c[o + cs], v[q + 1], c[o + 2 * cs], v[q + 2], c[o + 3 * cs], v[q + 3], c[o + 4 * cs], v[q + 4],
                    c[o + 5 * cs], v[q + 5], t, i0, i1);
        }
        for (; q + 3 < body; q += 4) {
            final int o = c0 + q * cs;
            fma4(c[o], v[q], c[o + cs], v[q + 1], c[o + 2 * cs], v[q + 2], c[o + 3 * cs], v[q + 3], t, i0, i1);
        }
        for (; q < body; q++) {
            fma1(c[c0 + q * cs], v[q], t, i0, i1);
        }
        last(c, c0, cs, body, tail, v, 0f, false, t, y, i0, i1, epilogue);
    }

    /**
     * {@link #combine} for three outputs at once (register blocking: each pass loads four columns of v once for
     * three sums, where {@link #combine} loads six for one): {@code ta[i] = e(za + sum_q c[c0 + a*ca + q*cs] v[q][i])}
     * for {@code a < 3}, each term one fused multiply-add in ascending order of q from za, so the same numbers as
     * {@link #combine} on each output; the epilogue e (with {@code y[y0 + a]} for the mask) runs in a pass of its own.
     * (C2 in JDK 17 vectorises three outputs by four terms, or four by three, per loop, and neither four by four
     * nor two by three.)
     */
    private static void combine3(float[] c, int c0, int ca, int cs, int len, float[][] v, float z0, float z1, float z2,
                                 float[] t0, float[] t1, float[] t2, float[][] y, int y0, int i0, int i1, int epilogue) {
        final int o0 = c0, o1 = c0 + ca, o2 = c0 + 2 * ca;
        for (int i = i0; i < i1; i++) {   // from z (a first pass from z in the fused multiply-adds themselves ran slower)
            t0[i] = z0;
            t1[i] = z1;
            t2[i] = z2;
        }
        int q = 0;
        for (; q + 3 < len; q += 4) {
            final int p0 = o0 + q * cs, p1 = o1 + q * cs, p2 = o2 + q * cs;
            fma3x4(c[p0], c[p0 + cs], c[p0 + 2 * cs], c[p0 + 3 * cs], c[p1], c[p1 + cs], c[p1 + 2 * cs], c[p1 + 3 * cs],
                    c[p2], c[p2 + cs], c[p2 + 2 * cs], c[p2 + 3 * cs], v[q], v[q + 1], v[q + 2], v[q + 3], t0, t1, t2, i0, i1);
        }
        for (; q < len; q++) {
            fma3x1(c[o0 + q * cs], c[o1 + q * cs], c[o2 + q * cs], v[q], t0, t1, t2, i0, i1);
        }
        if (epilogue == RELU) {
            relu3(t0, t1, t2, i0, i1);
        } else if (epilogue == MASK) {
            mask3(t0, y[y0], t1, y[y0 + 1], t2, y[y0 + 2], i0, i1);
        }
    }

    /** {@code ta[i] = max(ta[i], 0)} for a = 0, 1, 2. */
    private static void relu3(float[] t0, float[] t1, float[] t2, int i0, int i1) {
        for (int i = i0; i < i1; i++) {
            t0[i] = Math.max(t0[i], 0f);
            t1[i] = Math.max(t1[i], 0f);
            t2[i] = Math.max(t2[i], 0f);
        }
    }

    /** {@code ta[i] *= [ya[i] > 0]} for a = 0, 1, 2 (the step as in {@link #reluGradFromOutput}). */
    private static void mask3(float[] t0, float[] y0, float[] t1, float[] y1, float[] t2, float[] y2, int i0, int i1) {
        for (int i = i0; i < i1; i++) {
            t0[i] = t0[i] * Math.min(y0[i] * 0x1p127f * 0x1p127f, 1f);
            t1[i] = t1[i] * Math.min(y1[i] * 0x1p127f * 0x1p127f, 1f);
            t2[i] = t2[i] * Math.min(y2[i] * 0x1p127f * 0x1p127f, 1f);
        }
    }

    /** {@code ta[i] = fma(xa3, b3[i], fma(xa2, b2[i], fma(xa1, b1[i], fma(xa0, b0[i], ta[i]))))} for a = 0, 1, 2. */
    private static void fma3x4(float x00, float x01, float x02, float x03, float x10, float x11, float x12, float x13,
                               float x20, float x21, float x22, float x23, float[] b0, float[] b1, float[] b2, float[] b3,
                               float[] t0, float[] t1, float[] t2, int i0, int i1) {
        for (int i = i0; i < i1; i++) {
            final float u0 = b0[i], u1 = b1[i], u2 = b2[i], u3 = b3[i];
            t0[i] = Math.fma(x03, u3, Math.fma(x02, u2, Math.fma(x01, u1, Math.fma(x00, u0, t0[i]))));
            t1[i] = Math.fma(x13, u3, Math.fma(x12, u2, Math.fma(x11, u1, Math.fma(x10, u0, t1[i]))));
            t2[i] = Math.fma(x23, u3, Math.fma(x22, u2, Math.fma(x21, u1, Math.fma(x20, u0, t2[i]))));
        }
    }

    /** {@code ta[i] = fma(xa, b[i], ta[i])} for a = 0, 1, 2. */
    private static void fma3x1(float x0, float x1, float x2, float[] b, float[] t0, float[] t1, float[] t2, int i0, int i1) {
        for (int i = i0; i < i1; i++) {
            final float u = b[i];
            t0[i] = Math.fma(x0, u, t0[i]);
            t1[i] = Math.fma(x1, u, t1[i]);
            t2[i] = Math.fma(x2, u, t2[i]);
        }
    }

    /** The last pass of {@link #combine}: terms q0 .. q0 + count - 1 (count 1 or 4), from z when first, then the epilogue. */
    private static void last(float[] c, int c0, int cs, int q0, int count, float[][] v, float z, boolean first, float[] t,
                             float[] y, int i0, int i1, int epilogue) {
        final int o = c0 + q0 * cs;
        if (count == 1) {
            if (first) {
                for (int i = i0; i < i1; i++) {
                    t[i] = z;
                }
            }
            final float x = c[o];
            final float[] b = v[q0];
            if (epilogue == RELU) {
                for (int i = i0; i < i1; i++) {
                    t[i] = Math.max(Math.fma(x, b[i], t[i]), 0f);
                }
            } else if (epilogue == MASK) {
                for (int i = i0; i < i1; i++) {
                    t[i] = Math.fma(x, b[i], t[i]) * Math.min(y[i] * 0x1p127f * 0x1p127f, 1f);
                }
            } else {
                fma1(x, b, t, i0, i1);
            }
            return;
        }
        final float x0 = c[o], x1 = c[o + cs], x2 = c[o + 2 * cs], x3 = c[o + 3 * cs];
        final float[] b0 = v[q0], b1 = v[q0 + 1], b2 = v[q0 + 2], b3 = v[q0 + 3];
        if (first) {
            if (epilogue == RELU) {
                for (int i = i0; i < i1; i++) {
                    t[i] = Math.max(Math.fma(x3, b3[i], Math.fma(x2, b2[i], Math.fma(x1, b1[i], Math.fma(x0, b0[i], z)))), 0f);
                }
            } else if (epilogue == MASK) {
                for (int i = i0; i < i1; i++) {
                    t[i] = Math.fma(x3, b3[i], Math.fma(x2, b2[i], Math.fma(x1, b1[i], Math.fma(x0, b0[i], z))))
                            * Math.min(y[i] * 0x1p127f * 0x1p127f, 1f);
                }
            } else {
                first4(x0, b0, x1, b1, x2, b2, x3, b3, z, t, i0, i1);
            }
        } else if (epilogue == RELU) {
            for (int i = i0; i < i1; i++) {
                t[i] = Math.max(Math.fma(x3, b3[i], Math.fma(x2, b2[i], Math.fma(x1, b1[i], Math.fma(x0, b0[i], t[i])))), 0f);
            }
        } else if (epilogue == MASK) {
            for (int i = i0; i < i1; i++) {
                t[i] = Math.fma(x3, b3[i], Math.fma(x2, b2[i], Math.fma(x1, b1[i], Math.fma(x0, b0[i], t[i]))))
                        * Math.min(y[i] * 0x1p127f * 0x1p127f, 1f);
            }
        } else {
            fma4(x0, b0, x1, b1, x2, b2, x3, b3, t, i0, i1);
        }
    }

    /** The epilogue alone, for a sum of no terms. */
    private static void finish(float[] t, float[] y, int i0, int i1, int epilogue) {
        for (int i = i0; i < i1; i++) {
            t[i] = epilogue == RELU ? Math.max(t[i], 0f) : epilogue == MASK ? t[i] * Math.min(y[i] * 0x1p127f * 0x1p127f, 1f) : t[i];
        }
    }

    /** {@code t[i] = fma(x, b[i], z)}. */
    private static void first1(float x, float[] b, float z, float[] t, int i0, int i1) {
        for (int i = i0; i < i1; i++) {
            t[i] = Math.fma(x, b[i], z);
        }
    }

    /** {@code t[i] = fma(x3, b3[i], fma(x2, b2[i], fma(x1, b1[i], fma(x0, b0[i], z))))}. */
    private static void first4(float x0, float[] b0, float x1, float[] b1, float x2, float[] b2, float x3, float[] b3,
                               float z, float[] t, int i0, int i1) {
        for (int i = i0; i < i1; i++) {
            t[i] = Math.fma(x3, b3[i], Math.fma(x2, b2[i], Math.fma(x1, b1[i], Math.fma(x0, b0[i], z))));
        }
    }

    /** Six terms from z (C2 still vectorises a chain of six, not of eight). */
    private static void first6(float x0, float[] b0, float x1, float[] b1, float x2, float[] b2, float x3, float[] b3,
                               float x4, float[] b4, float x5, float[] b5, float z, float[] t, int i0, int i1) {
        for (int i = i0; i < i1; i++) {
            t[i] = Math.fma(x5, b5[i], Math.fma(x4, b4[i], Math.fma(x3, b3[i], Math.fma(x2, b2[i], Math.fma(x1, b1[i],
                    Math.fma(x0, b0[i], z))))));
        }
    }

    /** {@code t[i] = fma(x5, b5[i], ... fma(x0, b0[i], t[i]))}. */
    private static void fma6(float x0, float[] b0, float x1, float[] b1, float x2, float[] b2, float x3, float[] b3,
                             float x4, float[] b4, float x5, float[] b5, float[] t, int i0, int i1) {
        for (int i = i0; i < i1; i++) {
            t[i] = Math.fma(x5, b5[i], Math.fma(x4, b4[i], Math.fma(x3, b3[i], Math.fma(x2, b2[i], Math.fma(x1, b1[i],
                    Math.fma(x0, b0[i], t[i]))))));
        }
    }

    /** {@code t[i] = fma(x, b[i], t[i])}. */
    private static void fma1(float x, float[] b, float[] t, int i0, int i1) {
        for (int i = i0; i < i1; i++) {
            t[i] = Math.fma(x, b[i], t[i]);
        }
    }

    /** {@code t[i] = fma(x3, b3[i], fma(x2, b2[i], fma(x1, b1[i], fma(x0, b0[i], t[i]))))}. */
    private static void fma4(float x0, float[] b0, float x1, float[] b1, float x2, float[] b2, float x3, float[] b3,
                             float[] t, int i0, int i1) {
        for (int i = i0; i < i1; i++) {
            t[i] = Math.fma(x3, b3[i], Math.fma(x2, b2[i], Math.fma(x1, b1[i], Math.fma(x0, b0[i], t[i]))));
        }
    }

    /**
     * {@code dW[j*p + k] += sum_i dyT[j][i] xT[k][i]} and {@code db[j] += sum_i dyT[j][i]} (db may be null).
     * Layers at least 8 inputs wide (with the bias) with at least 4 outputs run as outer products vectorised along
     * the wider side, the examples whose entry of the other side is 0 left out (see {@link #outerProducts});
     * narrower ones as eight independent scalar sums at a time.
     *
     * @param dyT m output-gradient columns. Not modified.
     * @param n   examples
     * @param m   outputs
     * @param xT  p input columns. Not modified.
     * @param p   inputs
     * @param dW  m x p row-major, double. Accumulated.
     * @param db  length m, or null. Accumulated.
     */
    public static void affineGrad(float[][] dyT, int n, int m, float[][] xT, int p, double[] dW, double[] db) {
        affineGrad(dyT, n, m, xT, p, dW, db, vectors(db == null ? p : p + 1, m));
    }

    /** @param vectors whether the outer products run in {@link VectorFloatColumnKernels} (the same bits; tests choose) */
    static void affineGrad(float[][] dyT, int n, int m, float[][] xT, int p, double[] dW, double[] db, boolean vectors) {
        final Scratch s = SCRATCH.get();
        if (s.zeros.length < n) {
            s.zeros = new float[n];
            s.ones = new float[n];
            java.util.Arrays.fill(s.ones, 1f);
        }
        // the bias is the weight of an input that is 1 for every example: column p of x and of the sums
        final int pe = db == null ? p : p + 1;
        if (s.inputs.length < pe) {
            s.inputs = new float[pe][];
        }
        final float[][] xe = s.inputs;
        System.arraycopy(xT, 0, xe, 0, p);
        xe[p < pe ? p : 0] = p < pe ? s.ones : xT[0];
        if (s.grad.length < m * pe) {
            s.grad = new double[m * pe];
        }
        final double[] g = s.grad;
        java.util.Arrays.fill(g, 0, m * pe, 0.0);
        if (pe >= 8 && m >= 4) {
            if (m > pe) {
                if (vectors) {   // every example's terms, as wide's
                    outerProducts(s, xe, pe, 1, dyT, m, pe, n, g, false, true);
                } else {
                    wide(s, xe, pe, 1, dyT, m, pe, n, g);
                }
            } else {
                outerProducts(s, dyT, m, pe, xe, pe, 1, n, g, true, vectors);
            }
        } else if (pe >= m) {
            for (int j = 0; j < m; j++) {
                for (int k = 0; k < pe; k += 8) {
                    dots8(dyT[j], xe, k, pe - k, n, g, j * pe + k, 1, s.zeros);
                }
            }
        } else {
            for (int k = 0; k < pe; k++) {
                for (int j = 0; j < m; j += 8) {
                    dots8(xe[k], dyT, j, m - j, n, g, j * pe + k, pe, s.zeros);
                }
            }
        }
        for (int j = 0; j < m; j++) {
            for (int k = 0; k < p; k++) {
                dW[j * p + k] += g[j * pe + k];
            }
            if (pe > p) {
                db[j] += g[j * pe + p];
            }
        }
        java.util.Arrays.fill(xe, null);
    }

    /**
     * {@code c[c0 + r*cs] += sum_i a[i] b[q0 + r][i]} for {@code r < min(count, 8)}: eight independent float
     * sums over {@value #FLUSH} examples at a time, each then added in double (columns past count read zeros).
     */
    private static void dots8(float[] a, float[][] b, int q0, int count, int n, double[] c, int c0, int cs, float[] zeros) {
        final int r = Math.min(count, 8);
        final float[] b0 = b[q0], b1 = r > 1 ? b[q0 + 1] : zeros, b2 = r > 2 ? b[q0 + 2] : zeros, b3 = r > 3 ? b[q0 + 3] : zeros;
        final float[] b4 = r > 4 ? b[q0 + 4] : zeros, b5 = r > 5 ? b[q0 + 5] : zeros, b6 = r > 6 ? b[q0 + 6] : zeros;
        final float[] b7 = r > 7 ? b[q0 + 7] : zeros;
        final double[] t = new double[8];
        for (int i0 = 0; i0 < n; i0 += FLUSH) {
            sums8(a, b0, b1, b2, b3, b4, b5, b6, b7, i0, Math.min(n, i0 + FLUSH), t);
        }
        for (int q = 0; q < r; q++) {
            c[c0 + q * cs] += t[q];
        }
    }

    /** {@code t[r] += sum_{i0 <= i < i1} a[i] br[i]}, summed in float. */
    private static void sums8(float[] a, float[] b0, float[] b1, float[] b2, float[] b3, float[] b4, float[] b5, float[] b6,
                              float[] b7, int i0, int i1, double[] t) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        for (int i = i0; i < i1; i++) {
            final float v = a[i];
            s0 = Math.fma(v, b0[i], s0); s1 = Math.fma(v, b1[i], s1); s2 = Math.fma(v, b2[i], s2); s3 = Math.fma(v, b3[i], s3);
            s4 = Math.fma(v, b4[i], s4); s5 = Math.fma(v, b5[i], s5); s6 = Math.fma(v, b6[i], s6); s7 = Math.fma(v, b7[i], s7);
        }
        t[0] += s0; t[1] += s1; t[2] += s2; t[3] += s3; t[4] += s4; t[5] += s5; t[6] += s6; t[7] += s7;
    }

    /**
     * {@link #affineGrad}'s weight part vectorised along the wider of its two sides (for a layer with more
     * outputs than inputs): for six examples at a time, their rows of the gathered side {@code g} (g columns,
     * gathered from the columns) are combined, for each column of the other side {@code a}, into a row of float
     * sums by six fused multiply-adds per entry; every {@value #FLUSH} examples the sums are added into
     * {@code dW[r*as + q*gs]} (r: column of a, q: column of g).
     */
    private static void wide(Scratch s, float[][] a, int na, int as, float[][] g, int ng, int gs, int n, double[] dW) {
        if (s.rows[0].length < ng) {
            for (int r = 0; r < 6; r++) {
                s.rows[r] = new float[ng];
            }
        }
        if (s.sums.length < na || s.sums[0].length < ng) {
            s.sums = new float[Math.max(na, s.sums.length)][Math.max(ng, s.sums.length == 0 ? 0 : s.sums[0].length)];
        }
        final float[][] cr = s.sums;
        final float[] x0 = s.rows[0], x1 = s.rows[1], x2 = s.rows[2], x3 = s.rows[3], x4 = s.rows[4], x5 = s.rows[5];
        for (int i0 = 0; i0 < n; i0 += FLUSH) {
            final int e = Math.min(n, i0 + FLUSH);
            for (int r = 0; r < na; r++) {
                java.util.Arrays.fill(cr[r], 0, ng, 0f);
            }
            int i = i0;
            for (; i + 6 <= e; i += 6) {
                for (int q = 0; q < ng; q++) {
                    final float[] c = g[q];
                    x0[q] = c[i];
                    x1[q] = c[i + 1];
                    x2[q] = c[i + 2];
                    x3[q] = c[i + 3];
                    x4[q] = c[i + 4];
                    x5[q] = c[i + 5];
                }
                for (int r = 0; r < na; r++) {
                    final float[] d = a[r];
                    rowFma6(d[i], x0, d[i + 1], x1, d[i + 2], x2, d[i + 3], x3, d[i + 4], x4, d[i + 5], x5, cr[r], 0, ng);
                }
            }
            for (; i < e; i++) { // the last examples of the block, one at a time
                for (int q = 0; q < ng; q++) {
                    x0[q] = g[q][i];
                }
                for (int r = 0; r < na; r++) {
                    rowFma1(a[r][i], x0, cr[r], 0, ng);
                }
            }
            for (int r = 0; r < na; r++) {
                final float[] t = cr[r];
                for (int q = 0; q < ng; q++) {
                    dW[r * as + q * gs] += t[q];
                }
            }
        }
    }

    /**
     * {@link #affineGrad}'s weight part as a sum of outer products, vectorised along the wider of its two sides:
     * {@code dW[r*as + q*gs] += sum_i a[r][i] g[q][i]} for {@code r < na}, {@code q < ng}. Per block of at most
     * {@value #FLUSH} examples the columns of {@code g} are copied into rows ({@code G[i][q] = g[q][i]}, each row
     * its own array indexed from 0, the form C2 vectorises); then for each column r of {@code a} the examples with
     * {@code a[r][i] != 0} are listed and their rows combined into a float row of sums,
     * {@code t[q] += a[r][i] G[i][q]}, by chains of six fused multiply-adds per entry, which is added into row r of
     * dW in double. The examples left out contribute {@code 0 * G[i][q]}, which is 0 for finite G (after a ReLU
     * about half of the terms); a non-finite G means a non-finite forward pass, whose loss stops training.
     * Without {@code skip} every example's terms are summed ({@link #wide}'s sums). With {@code vectors} the rows of sums
     * are held in registers over a block's examples, four columns of a at a time ({@link #flush}; the same bits); the
     * rows and sums are then as long as ng rounded up to a multiple of 16.
     */
    private static void outerProducts(Scratch s, float[][] a, int na, int as, float[][] g, int ng, int gs, int n, double[] dW,
                                      boolean skip, boolean vectors) {
        final int width = vectors ? (ng + 15) & ~15 : ng;
        if (s.gRows.length < ROWS || s.gRows[0].length < width || s.sums.length < na || s.sums[0].length < width) {
            final int w = Math.max(width, Math.max(s.gRows.length == 0 ? 0 : s.gRows[0].length, s.sums.length == 0 ? 0 : s.sums[0].length));
            s.gRows = new float[ROWS][w];
            s.sums = new float[Math.max(na, s.sums.length)][w];
        }
        final float[][] sums = s.sums;
        if (s.dense.length < na) {
            s.dense = new boolean[na];
        }
        final boolean[] dense = s.dense;
        java.util.Arrays.fill(dense, 0, na, !skip);
        for (int f0 = 0; f0 < n; f0 += FLUSH) {
            final int f1 = Math.min(n, f0 + FLUSH);
            // on vectors, four columns of a at a time over every example: a left-out term is 0 * G[i][q], which adds
            // nothing to a sum (never -0) when G is finite, so every example's terms give the same bits. An infinite or
            // NaN entry of G makes every such sum of its column non-finite (0 * x is NaN, a finite sum never comes back
            // from an infinity), so with skip a block whose sums are all finite had a finite G; one whose sums are not
            // (or that overflowed) is summed again with the lists (rare: a diverging pass)
            flush(s, a, na, g, ng, f0, f1, skip, vectors, vectors);
            if (vectors && skip && !finite(sums, na, ng)) {
                if (f0 == 0) {
                    java.util.Arrays.fill(dense, 0, na, false);
                }
                flush(s, a, na, g, ng, f0, f1, true, true, false);
            }
            for (int r = 0; r < na; r++) {
                final float[] t = sums[r];
                if (gs == 1) {
                    final int o = r * as;
                    for (int q = 0; q < ng; q++) {
                        dW[o + q] += t[q];
                    }
                } else {
                    for (int q = 0, o = r * as; q < ng; q++, o += gs) {
                        dW[o] += t[q];
                    }
                }
            }
        }
    }

    /**
     * {@link #outerProducts}' sums over examples {@code f0 .. f1 - 1} into {@code s.sums} (from 0), block by block of
     * {@value #ROWS}: with {@code fours}, four columns of a at a time over every example of a block
     * ({@link VectorFloatColumnKernels#rowSums4}), the other columns each over its list (all examples, or with skip the
     * nonzero ones; a column whose first block has no zero takes every example from then on: {@code s.dense}).
     */
    private static void flush(Scratch s, float[][] a, int na, float[][] g, int ng, int f0, int f1, boolean skip,
                              boolean vectors, boolean fours) {
        final float[][] rows = s.gRows, sums = s.sums;
        final int[] idx = s.idx;
        final boolean[] dense = s.dense;
        for (int r = 0; r < na; r++) {
            java.util.Arrays.fill(sums[r], 0, ng, 0f);
        }
        for (int i0 = f0; i0 < f1; i0 += ROWS) {
            final int i1 = Math.min(f1, i0 + ROWS);
            transpose(g, ng, i0, i1, rows);
            int r0 = 0;
            if (fours) {
                for (; r0 + 4 <= na; r0 += 4) {
                    if (skip && i0 == 0) {
                        for (int r = r0; r < r0 + 4; r++) {
                            dense[r] = nonZeroCount(a[r], i0, i1) == i1 - i0;
                        }
                    }
                    VectorFloatColumnKernels.rowSums4(a[r0], a[r0 + 1], a[r0 + 2], a[r0 + 3], i0, i1, rows,
                            sums[r0], sums[r0 + 1], sums[r0 + 2], sums[r0 + 3], ng);
                }
            }
            for (int r = r0; r < na; r++) {
                final float[] d = a[r], t = sums[r];
                int count = 0;
                if (dense[r]) {
                    for (int i = i0; i < i1; i++) {
                        idx[count++] = i;
                    }
                } else {
                    for (int i = i0; i < i1; i++) {   // branch-free: count the entries whose magnitude's bits are not 0
                        idx[count] = i;
                        count += ZeroTerms.nonZero(d[i]);
                    }
                    dense[r] = i0 == 0 && count == i1 - i0;
                }
                if (vectors) {
                    VectorFloatColumnKernels.rowSums(d, idx, count, i0, rows, t, ng);
                    continue;
                }
                int c = 0;
                for (; c + 5 < count; c += 6) {
                    final int e0 = idx[c], e1 = idx[c + 1], e2 = idx[c + 2], e3 = idx[c + 3], e4 = idx[c + 4], e5 = idx[c + 5];
                    rowFma6(d[e0], rows[e0 - i0], d[e1], rows[e1 - i0], d[e2], rows[e2 - i0], d[e3], rows[e3 - i0],
                            d[e4], rows[e4 - i0], d[e5], rows[e5 - i0], t, 0, ng);
                }
                if (c + 3 < count) {
                    final int e0 = idx[c], e1 = idx[c + 1], e2 = idx[c + 2], e3 = idx[c + 3];
                    rowFma4(d[e0], rows[e0 - i0], d[e1], rows[e1 - i0], d[e2], rows[e2 - i0], d[e3], rows[e3 - i0], t, 0, ng);
                    c += 4;
                }
                for (; c < count; c++) {
                    rowFma1(d[idx[c]], rows[idx[c] - i0], t, 0, ng);
                }
            }
        }
    }

    /**
     * @return whether entries {@code 0 .. ng - 1} of the first na rows of sums are all finite: an exponent field of all
     *         ones (infinity, NaN) plus {@code 2^23} carries into the sign bit, OR-ed over the entries
     */
    private static boolean finite(float[][] sums, int na, int ng) {
        final int e = 0x7f800000, one = 0x00800000;
        int bits = 0;
        for (int r = 0; r < na; r++) {
            final float[] t = sums[r];
            for (int q = 0; q < ng; q++) {
                bits |= (Float.floatToRawIntBits(t[q]) & e) + one;
            }
        }
        return bits >= 0;
    }

    /** @return how many of {@code d[i0 .. i1 - 1]} are not 0 (as the outer products' lists count them) */
    private static int nonZeroCount(float[] d, int i0, int i1) {
        int count = 0;
        for (int i = i0; i < i1; i++) {
            count += ZeroTerms.nonZero(d[i]);
        }
        return count;
    }

    /** {@code rows[i - i0][q] = g[q][i]} for {@code i0 <= i < i1}, {@code q < ng}: four columns per pass over the rows. */
    private static void transpose(float[][] g, int ng, int i0, int i1, float[][] rows) {
        int q = 0;
        for (; q + 3 < ng; q += 4) {
            final float[] c0 = g[q], c1 = g[q + 1], c2 = g[q + 2], c3 = g[q + 3];
            for (int i = i0; i < i1; i++) {
                final float[] row = rows[i - i0];
                row[q] = c0[i];
                row[q + 1] = c1[i];
                row[q + 2] = c2[i];
                row[q + 3] = c3[i];
            }
        }
        for (; q < ng; q++) {
            final float[] c = g[q];
            for (int i = i0; i < i1; i++) {
                rows[i - i0][q] = c[i];
            }
        }
    }

    /*
     * The row kernels of the weight gradient ({@link #wide}, {@link #outerProducts}): the same loops as fma6, fma4 and
     * fma1, kept apart because they run over rows of 64-65 entries while the forward and input-gradient passes run
     * theirs over 256 examples; C2 shapes a loop's compiled code (how far the vector loop is unrolled) by the trip
     * counts it has seen (one profile per method, wherever it is inlined), so one method for both can leave the short
     * rows to the scalar loops before and after the vector loop: with the forward kernels warmed up first, the
     * 20 -> 64 weight gradient over 256 examples took 45 us of thread CPU, 28 us with its own loops (in the large
     * workload's training, where the short rows dominate the calls, they ran at the 28 us either way).
     */

    /** {@code t[i] = fma(x5, b5[i], ... fma(x0, b0[i], t[i]))}, for rows. */
    private static void rowFma6(float x0, float[] b0, float x1, float[] b1, float x2, float[] b2, float x3, float[] b3,
                                float x4, float[] b4, float x5, float[] b5, float[] t, int i0, int i1) {
        for (int i = i0; i < i1; i++) {
            t[i] = Math.fma(x5, b5[i], Math.fma(x4, b4[i], Math.fma(x3, b3[i], Math.fma(x2, b2[i], Math.fma(x1, b1[i],
                    Math.fma(x0, b0[i], t[i]))))));
        }
    }

    /** {@code t[i] = fma(x3, b3[i], fma(x2, b2[i], fma(x1, b1[i], fma(x0, b0[i], t[i]))))}, for rows. */
    private static void rowFma4(float x0, float[] b0, float x1, float[] b1, float x2, float[] b2, float x3, float[] b3,
                                float[] t, int i0, int i1) {
        for (int i = i0; i < i1; i++) {
            t[i] = Math.fma(x3, b3[i], Math.fma(x2, b2[i], Math.fma(x1, b1[i], Math.fma(x0, b0[i], t[i]))));
        }
    }

    /** {@code t[i] = fma(x, b[i], t[i])}, for rows. */
    private static void rowFma1(float x, float[] b, float[] t, int i0, int i1) {
        for (int i = i0; i < i1; i++) {
            t[i] = Math.fma(x, b[i], t[i]);
        }
    }

    /** ReLU, {@code y[i] = max(x[i], 0)}. */
    public static void relu(float[] x, float[] y, int len) {
        for (int i = 0; i < len; i++) {
            y[i] = Math.max(x[i], 0f);
        }
    }

    /**
     * ReLU's backward pass from its output, {@code dx[i] = g[i] * [y[i] > 0]}, branch-free: the step is
     * {@code min(y 2^127 2^127, 1)}, exactly 1 for every y &gt; 0 (the smallest subnormal float times 2^254
     * exceeds 1), 0 for y = 0, NaN for NaN.
     */
    public static void reluGradFromOutput(float[] g, float[] y, float[] dx, int len) {
        for (int i = 0; i < len; i++) {
            dx[i] = g[i] * Math.min(y[i] * 0x1p127f * 0x1p127f, 1f);
        }
    }
}

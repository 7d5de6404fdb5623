package neuralglm.linalg;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FloatColumnKernels}' products on the Vector API, for a float32 pass by columns when the JVM has the Vector API
 * module and C2 has compiled these kernels (FloatColumnKernels' gate; their warm-up {@link VectorWarmUp#floatReady}).
 * The forward and input-gradient products ({@link #combine}):
 * <pre>
 *   t_a[i] = e(z_a + sum_q c[c0 + a ca + q cs] v[q][i])      a &lt; outputs, i &lt; n
 *   affine:    c = W (m x p row-major), ca = p, cs = 1, v = xT, z = b,   e = identity or ReLU
 *   inputGrad: c = W,                   ca = 1, cs = p, v = dyT, z = 0,  e = identity or times the ReLU's step of y_a[i]
 * </pre>
 * Register-blocked: four outputs by 64 examples (four 512-bit vectors of 16 floats each) are sixteen sums held in
 * registers over all the terms, each term four loads of v's column, four broadcasts of c and sixteen fused
 * multiply-adds, and every sum is stored once; the plain loops ({@link FloatColumnKernels}, the form C2 vectorises by
 * itself) load and store their three sums every four terms. Then single outputs, then 16 examples at a time, then
 * scalar {@link Math#fma}s for the last examples. Every sum starts from z and takes its terms in ascending q, one fused
 * multiply-add each, and the epilogue is the same expression: the same bits as FloatColumnKernels' loops (a 64 x 64 ReLU
 * product over 256 examples about 2.8 times as fast on this machine: src/bench/SPEED.md).
 * <p>The weight gradient's outer products ({@link #rowSums4}, and {@link #rowSums} for one column):
 * {@code t_a[q] += sum_i d_a[i] G[i][q]} over a block's examples in ascending order, G the block's input rows, up to
 * five vectors of each of four rows of sums held in registers (each row of G loaded once for four outputs); the same
 * bits as the loops' chains, which FloatColumnKernels keeps for blocks whose inputs are not finite.
 */
final class VectorFloatColumnKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    private static final int L = 16;
    /** Epilogues: none, {@code max(t, 0)}, {@code t min(y 2^127 2^127, 1)} (FloatColumnKernels' codes). */
    static final int NONE = 0, RELU = 1, MASK = 2;
    private static final float T = 0x1p127f;

    private VectorFloatColumnKernels() {
    }

    /**
     * {@code t[a][i] = e(z[a] + sum_{q < len} c[c0 + a ca + q cs] v[q][i])} for {@code a < outputs}, {@code i < n}.
     *
     * @param c        the coefficients. Not modified.
     * @param v        len columns of at least n entries. Not modified.
     * @param z        the start of each output's sums (length at least outputs), or null for zeros. Not modified.
     * @param t        outputs columns of at least n entries, none of them a column of v or y. Overwritten.
     * @param y        for {@link #MASK}: output a's step is read from column {@code y[y0 + a]}; else unused. Not modified.
     * @param epilogue {@link #NONE}, {@link #RELU} or {@link #MASK}
     */
    static void combine(float[] c, int c0, int ca, int cs, int len, float[][] v, float[] z, float[][] t, float[][] y,
                        int y0, int outputs, int n, int epilogue) {
        int i0 = 0;
        for (; i0 + 4 * L <= n; i0 += 4 * L) {
            int a = 0;
            for (; a + 4 <= outputs; a += 4) {
                block44(c, c0 + a * ca, ca, cs, len, v, z, a, t, y, y0, i0, epilogue);
            }
            for (; a < outputs; a++) {
                block14(c, c0 + a * ca, cs, len, v, z == null ? 0f : z[a], t[a], y == null ? null : y[y0 + a], i0,
                        epilogue);
            }
        }
        for (; i0 + L <= n; i0 += L) {
            for (int a = 0; a < outputs; a++) {
                block11(c, c0 + a * ca, cs, len, v, z == null ? 0f : z[a], t[a], y == null ? null : y[y0 + a], i0,
                        epilogue);
            }
        }
        for (int a = 0; i0 < n && a < outputs; a++) {
            scalar(c, c0 + a * ca, cs, len, v, z == null ? 0f : z[a], t[a], y == null ? null : y[y0 + a], i0, n,
                    epilogue);
        }
    }

    /** Outputs a .. a + 3 (coefficients from o), examples i0 .. i0 + 63: sixteen sums in registers. */
    private static void block44(float[] c, int o, int ca, int cs, int len, float[][] v, float[] z, int a, float[][] t,
                                float[][] y, int y0, int i0, int epilogue) {
        FloatVector s00, s01, s02, s03, s10, s11, s12, s13, s20, s21, s22, s23, s30, s31, s32, s33;
        s00 = s01 = s02 = s03 = FloatVector.broadcast(S, z == null ? 0f : z[a]);
        s10 = s11 = s12 = s13 = FloatVector.broadcast(S, z == null ? 0f : z[a + 1]);
        s20 = s21 = s22 = s23 = FloatVector.broadcast(S, z == null ? 0f : z[a + 2]);
        s30 = s31 = s32 = s33 = FloatVector.broadcast(S, z == null ? 0f : z[a + 3]);
        final int o1 = o + ca, o2 = o1 + ca, o3 = o2 + ca;
        for (int q = 0, e = 0; q < len; q++, e += cs) {
            final float[] col = v[q];
            final FloatVector v0 = FloatVector.fromArray(S, col, i0), v1 = FloatVector.fromArray(S, col, i0 + L),
                    v2 = FloatVector.fromArray(S, col, i0 + 2 * L), v3 = FloatVector.fromArray(S, col, i0 + 3 * L);
            FloatVector x = FloatVector.broadcast(S, c[o + e]);
            s00 = v0.fma(x, s00);
            s01 = v1.fma(x, s01);
            s02 = v2.fma(x, s02);
            s03 = v3.fma(x, s03);
            x = FloatVector.broadcast(S, c[o1 + e]);
            s10 = v0.fma(x, s10);
            s11 = v1.fma(x, s11);
            s12 = v2.fma(x, s12);
            s13 = v3.fma(x, s13);
            x = FloatVector.broadcast(S, c[o2 + e]);
            s20 = v0.fma(x, s20);
            s21 = v1.fma(x, s21);
            s22 = v2.fma(x, s22);
            s23 = v3.fma(x, s23);
            x = FloatVector.broadcast(S, c[o3 + e]);
            s30 = v0.fma(x, s30);
            s31 = v1.fma(x, s31);
            s32 = v2.fma(x, s32);
            s33 = v3.fma(x, s33);
        }
        // the epilogue written out for each vector (a helper taking vectors, left out of line by C2, boxes them)
        if (epilogue == RELU) {
            s00 = s00.max(0f);
            s01 = s01.max(0f);
            s02 = s02.max(0f);
            s03 = s03.max(0f);
            s10 = s10.max(0f);
            s11 = s11.max(0f);
            s12 = s12.max(0f);
            s13 = s13.max(0f);
            s20 = s20.max(0f);
            s21 = s21.max(0f);
            s22 = s22.max(0f);
            s23 = s23.max(0f);
            s30 = s30.max(0f);
            s31 = s31.max(0f);
            s32 = s32.max(0f);
            s33 = s33.max(0f);
        } else if (epilogue == MASK) {
            float[] w = y[y0 + a];
            s00 = s00.mul(FloatVector.fromArray(S, w, i0).mul(T).mul(T).min(1f));
            s01 = s01.mul(FloatVector.fromArray(S, w, i0 + L).mul(T).mul(T).min(1f));
            s02 = s02.mul(FloatVector.fromArray(S, w, i0 + 2 * L).mul(T).mul(T).min(1f));
            s03 = s03.mul(FloatVector.fromArray(S, w, i0 + 3 * L).mul(T).mul(T).min(1f));
            w = y[y0 + a + 1];
            s10 = s10.mul(FloatVector.fromArray(S, w, i0).mul(T).mul(T).min(1f));
            s11 = s11.mul(FloatVector.fromArray(S, w, i0 + L).mul(T).mul(T).min(1f));
            s12 = s12.mul(FloatVector.fromArray(S, w, i0 + 2 * L).mul(T).mul(T).min(1f));
            s13 = s13.mul(FloatVector.fromArray(S, w, i0 + 3 * L).mul(T).mul(T).min(1f));
            w = y[y0 + a + 2];
            s20 = s20.mul(FloatVector.fromArray(S, w, i0).mul(T).mul(T).min(1f));
            s21 = s21.mul(FloatVector.fromArray(S, w, i0 + L).mul(T).mul(T).min(1f));
            s22 = s22.mul(FloatVector.fromArray(S, w, i0 + 2 * L).mul(T).mul(T).min(1f));
            s23 = s23.mul(FloatVector.fromArray(S, w, i0 + 3 * L).mul(T).mul(T).min(1f));
            w = y[y0 + a + 3];
            s30 = s30.mul(FloatVector.fromArray(S, w, i0).mul(T).mul(T).min(1f));
            s31 = s31.mul(FloatVector.fromArray(S, w, i0 + L).mul(T).mul(T).min(1f));
            s32 = s32.mul(FloatVector.fromArray(S, w, i0 + 2 * L).mul(T).mul(T).min(1f));
            s33 = s33.mul(FloatVector.fromArray(S, w, i0 + 3 * L).mul(T).mul(T).min(1f));
        }
        float[] r = t[a];
        s00.intoArray(r, i0);
        s01.intoArray(r, i0 + L);
        s02.intoArray(r, i0 + 2 * L);
        s03.intoArray(r, i0 + 3 * L);
        r = t[a + 1];
        s10.intoArray(r, i0);
        s11.intoArray(r, i0 + L);
        s12.intoArray(r, i0 + 2 * L);
        s13.intoArray(r, i0 + 3 * L);
        r = t[a + 2];
        s20.intoArray(r, i0);
        s21.intoArray(r, i0 + L);
        s22.intoArray(r, i0 + 2 * L);
        s23.intoArray(r, i0 + 3 * L);
        r = t[a + 3];
        s30.intoArray(r, i0);
        s31.intoArray(r, i0 + L);
        s32.intoArray(r, i0 + 2 * L);
        s33.intoArray(r, i0 + 3 * L);
    }

    /** One output (coefficients from o), examples i0 .. i0 + 63. */
    private static void block14(float[] c, int o, int cs, int len, float[][] v, float z, float[] t, float[] y, int i0,
                                int epilogue) {
        FloatVector s0, s1, s2, s3;
        s0 = s1 = s2 = s3 = FloatVector.broadcast(S, z);
        for (int q = 0, e = o; q < len; q++, e += cs) {
            final float[] col = v[q];
            final FloatVector x = FloatVector.broadcast(S, c[e]);
            s0 = FloatVector.fromArray(S, col, i0).fma(x, s0);
            s1 = FloatVector.fromArray(S, col, i0 + L).fma(x, s1);
            s2 = FloatVector.fromArray(S, col, i0 + 2 * L).fma(x, s2);
            s3 = FloatVector.fromArray(S, col, i0 + 3 * L).fma(x, s3);
        }
        if (epilogue == RELU) {
            s0 = s0.max(0f);
            s1 = s1.max(0f);
            s2 = s2.max(0f);
            s3 = s3.max(0f);
        } else if (epilogue == MASK) {
            s0 = s0.mul(FloatVector.fromArray(S, y, i0).mul(T).mul(T).min(1f));
            s1 = s1.mul(FloatVector.fromArray(S, y, i0 + L).mul(T).mul(T).min(1f));
            s2 = s2.mul(FloatVector.fromArray(S, y, i0 + 2 * L).mul(T).mul(T).min(1f));
            s3 = s3.mul(FloatVector.fromArray(S, y, i0 + 3 * L).mul(T).mul(T).min(1f));
        }
        s0.intoArray(t, i0);
        s1.intoArray(t, i0 + L);
        s2.intoArray(t, i0 + 2 * L);
        s3.intoArray(t, i0 + 3 * L);
    }

    /** One output (coefficients from o), examples i0 .. i0 + 15. */
    private static void block11(float[] c, int o, int cs, int len, float[][] v, float z, float[] t, float[] y, int i0,
                                int epilogue) {
        FloatVector s = FloatVector.broadcast(S, z);
        for (int q = 0, e = o; q < len; q++, e += cs) {
            s = FloatVector.fromArray(S, v[q], i0).fma(FloatVector.broadcast(S, c[e]), s);
        }
        if (epilogue == RELU) {
            s = s.max(0f);
        } else if (epilogue == MASK) {
            s = s.mul(FloatVector.fromArray(S, y, i0).mul(T).mul(T).min(1f));
        }
        s.intoArray(t, i0);
    }

    /** One output (coefficients from o), examples i0 .. i1 - 1, one at a time: the same chain in scalar fmas. */
    private static void scalar(float[] c, int o, int cs, int len, float[][] v, float z, float[] t, float[] y, int i0, int i1,
                               int epilogue) {
        for (int i = i0; i < i1; i++) {
            float s = z;
            for (int q = 0, e = o; q < len; q++, e += cs) {
                s = Math.fma(c[e], v[q][i], s);
            }
            t[i] = epilogue == RELU ? Math.max(s, 0f) : epilogue == MASK ? s * Math.min(y[i] * T * T, 1f) : s;
        }
    }
    /**
     * The weight gradient's rows of sums ({@link FloatColumnKernels}' outer products): {@code t[q] += sum_c d[e_c]
     * rows[e_c - i0][q]} for the listed examples {@code e_c = idx[c]}, c ascending, one fused multiply-add per term, for
     * every q below ng rounded up to a multiple of 16 (t and the rows must be that long; the lanes past ng are the
     * caller's scratch). Up to five vectors of t (80 entries) are held in registers over all the examples, so that
     * independent chains fill the multiply-add pipeline; the same bits as FloatColumnKernels' chains of six.
     */
    static void rowSums(float[] d, int[] idx, int count, int i0, float[][] rows, float[] t, int ng) {
        final int vectors = (ng + L - 1) / L;
        int v = 0;
        for (; vectors - v >= 5; v += 5) {
            sums5(d, idx, count, i0, rows, t, v * L);
        }
        if (vectors - v == 4) {
            sums4(d, idx, count, i0, rows, t, v * L);
            return;
        }
        for (; v < vectors; v++) {
            sums1(d, idx, count, i0, rows, t, v * L);
        }
    }

    private static void sums5(float[] d, int[] idx, int count, int i0, float[][] rows, float[] t, int q) {
        FloatVector s0 = FloatVector.fromArray(S, t, q), s1 = FloatVector.fromArray(S, t, q + L);
        FloatVector s2 = FloatVector.fromArray(S, t, q + 2 * L), s3 = FloatVector.fromArray(S, t, q + 3 * L);
        FloatVector s4 = FloatVector.fromArray(S, t, q + 4 * L);
        for (int c = 0; c < count; c++) {
            final int i = idx[c];
            final float[] row = rows[i - i0];
            final FloatVector x = FloatVector.broadcast(S, d[i]);
            s0 = FloatVector.fromArray(S, row, q).fma(x, s0);
            s1 = FloatVector.fromArray(S, row, q + L).fma(x, s1);
            s2 = FloatVector.fromArray(S, row, q + 2 * L).fma(x, s2);
            s3 = FloatVector.fromArray(S, row, q + 3 * L).fma(x, s3);
            s4 = FloatVector.fromArray(S, row, q + 4 * L).fma(x, s4);
        }
        s0.intoArray(t, q);
        s1.intoArray(t, q + L);
        s2.intoArray(t, q + 2 * L);
        s3.intoArray(t, q + 3 * L);
        s4.intoArray(t, q + 4 * L);
    }

    private static void sums4(float[] d, int[] idx, int count, int i0, float[][] rows, float[] t, int q) {
        FloatVector s0 = FloatVector.fromArray(S, t, q), s1 = FloatVector.fromArray(S, t, q + L);
        FloatVector s2 = FloatVector.fromArray(S, t, q + 2 * L), s3 = FloatVector.fromArray(S, t, q + 3 * L);
        for (int c = 0; c < count; c++) {
            final int i = idx[c];
            final float[] row = rows[i - i0];
            final FloatVector x = FloatVector.broadcast(S, d[i]);
            s0 = FloatVector.fromArray(S, row, q).fma(x, s0);
            s1 = FloatVector.fromArray(S, row, q + L).fma(x, s1);
            s2 = FloatVector.fromArray(S, row, q + 2 * L).fma(x, s2);
            s3 = FloatVector.fromArray(S, row, q + 3 * L).fma(x, s3);
        }
        s0.intoArray(t, q);
        s1.intoArray(t, q + L);
        s2.intoArray(t, q + 2 * L);
        s3.intoArray(t, q + 3 * L);
    }

    private static void sums1(float[] d, int[] idx, int count, int i0, float[][] rows, float[] t, int q) {
        FloatVector s = FloatVector.fromArray(S, t, q);
        for (int c = 0; c < count; c++) {
            final int i = idx[c];
            s = FloatVector.fromArray(S, rows[i - i0], q).fma(FloatVector.broadcast(S, d[i]), s);
        }
        s.intoArray(t, q);
    }
    /**
     * {@link #rowSums} for four columns of d over every example {@code i0 .. i1 - 1}: {@code ta[q] += sum_i da[i]
     * rows[i - i0][q]}, i ascending, for a = 0 .. 3. Five vectors (or four) of each of the four rows of sums (twenty
     * registers, or sixteen) take each example's row of G once for four outputs; the vectors past them one by one.
     */
    static void rowSums4(float[] d0, float[] d1, float[] d2, float[] d3, int i0, int i1, float[][] rows, float[] t0,
                         float[] t1, float[] t2, float[] t3, int ng) {
        final int vectors = (ng + L - 1) / L;
        int v = 0;
        for (; vectors - v >= 5; v += 5) {
            sums4x5(d0, d1, d2, d3, i0, i1, rows, t0, t1, t2, t3, v * L);
        }
        if (vectors - v == 4) {
            sums4x4(d0, d1, d2, d3, i0, i1, rows, t0, t1, t2, t3, v * L);
            return;
        }
        for (; v < vectors; v++) {
            sums4x1(d0, d1, d2, d3, i0, i1, rows, t0, t1, t2, t3, v * L);
        }
    }

    private static void sums4x5(float[] d0, float[] d1, float[] d2, float[] d3, int i0, int i1, float[][] rows,
                                float[] t0, float[] t1, float[] t2, float[] t3, int q) {
        FloatVector a0 = FloatVector.fromArray(S, t0, q), a1 = FloatVector.fromArray(S, t0, q + L);
        FloatVector a2 = FloatVector.fromArray(S, t0, q + 2 * L), a3 = FloatVector.fromArray(S, t0, q + 3 * L);
        FloatVector a4 = FloatVector.fromArray(S, t0, q + 4 * L);
        FloatVector b0 = FloatVector.fromArray(S, t1, q), b1 = FloatVector.fromArray(S, t1, q + L);
        FloatVector b2 = FloatVector.fromArray(S, t1, q + 2 * L), b3 = FloatVector.fromArray(S, t1, q + 3 * L);
        FloatVector b4 = FloatVector.fromArray(S, t1, q + 4 * L);
        FloatVector c0 = FloatVector.fromArray(S, t2, q), c1 = FloatVector.fromArray(S, t2, q + L);
        FloatVector c2 = FloatVector.fromArray(S, t2, q + 2 * L), c3 = FloatVector.fromArray(S, t2, q + 3 * L);
        FloatVector c4 = FloatVector.fromArray(S, t2, q + 4 * L);
        FloatVector e0 = FloatVector.fromArray(S, t3, q), e1 = FloatVector.fromArray(S, t3, q + L);
        FloatVector e2 = FloatVector.fromArray(S, t3, q + 2 * L), e3 = FloatVector.fromArray(S, t3, q + 3 * L);
        FloatVector e4 = FloatVector.fromArray(S, t3, q + 4 * L);
        for (int i = i0; i < i1; i++) {
            final float[] row = rows[i - i0];
            final FloatVector g0 = FloatVector.fromArray(S, row, q), g1 = FloatVector.fromArray(S, row, q + L);
            final FloatVector g2 = FloatVector.fromArray(S, row, q + 2 * L), g3 = FloatVector.fromArray(S, row, q + 3 * L);
            final FloatVector g4 = FloatVector.fromArray(S, row, q + 4 * L);
            FloatVector x = FloatVector.broadcast(S, d0[i]);
            a0 = g0.fma(x, a0);
            a1 = g1.fma(x, a1);
            a2 = g2.fma(x, a2);
            a3 = g3.fma(x, a3);
            a4 = g4.fma(x, a4);
            x = FloatVector.broadcast(S, d1[i]);
            b0 = g0.fma(x, b0);
            b1 = g1.fma(x, b1);
            b2 = g2.fma(x, b2);
            b3 = g3.fma(x, b3);
            b4 = g4.fma(x, b4);
            x = FloatVector.broadcast(S, d2[i]);
            c0 = g0.fma(x, c0);
            c1 = g1.fma(x, c1);
            c2 = g2.fma(x, c2);
            c3 = g3.fma(x, c3);
            c4 = g4.fma(x, c4);
            x = FloatVector.broadcast(S, d3[i]);
            e0 = g0.fma(x, e0);
            e1 = g1.fma(x, e1);
            e2 = g2.fma(x, e2);
            e3 = g3.fma(x, e3);
            e4 = g4.fma(x, e4);
        }
        a0.intoArray(t0, q);
        a1.intoArray(t0, q + L);
        a2.intoArray(t0, q + 2 * L);
        a3.intoArray(t0, q + 3 * L);
        a4.intoArray(t0, q + 4 * L);
        b0.intoArray(t1, q);
        b1.intoArray(t1, q + L);
        b2.intoArray(t1, q + 2 * L);
        b3.intoArray(t1, q + 3 * L);
        b4.intoArray(t1, q + 4 * L);
        c0.intoArray(t2, q);
        c1.intoArray(t2, q + L);
        c2.intoArray(t2, q + 2 * L);
        c3.intoArray(t2, q + 3 * L);
        c4.intoArray(t2, q + 4 * L);
        e0.intoArray(t3, q);
        e1.intoArray(t3, q + L);
        e2.intoArray(t3, q + 2 * L);
        e3.intoArray(t3, q + 3 * L);
        e4.intoArray(t3, q + 4 * L);
    }

    private static void sums4x4(float[] d0, float[] d1, float[] d2, float[] d3, int i0, int i1, float[][] rows,
                                float[] t0, float[] t1, float[] t2, float[] t3, int q) {
        FloatVector a0 = FloatVector.fromArray(S, t0, q), a1 = FloatVector.fromArray(S, t0, q + L);
        FloatVector a2 = FloatVector.fromArray(S, t0, q + 2 * L), a3 = FloatVector.fromArray(S, t0, q + 3 * L);
        FloatVector b0 = FloatVector.fromArray(S, t1, q), b1 = FloatVector.fromArray(S, t1, q + L);
        FloatVector b2 = FloatVector.fromArray(S, t1, q + 2 * L), b3 = FloatVector.fromArray(S, t1, q + 3 * L);
        FloatVector c0 = FloatVector.fromArray(S, t2, q), c1 = FloatVector.fromArray(S, t2, q + L);
        FloatVector c2 = FloatVector.fromArray(S, t2, q + 2 * L), c3 = FloatVector.fromArray(S, t2, q + 3 * L);
        FloatVector e0 = FloatVector.fromArray(S, t3, q), e1 = FloatVector.fromArray(S, t3, q + L);
        FloatVector e2 = FloatVector.fromArray(S, t3, q + 2 * L), e3 = FloatVector.fromArray(S, t3, q + 3 * L);
        for (int i = i0; i < i1; i++) {
            final float[] row = rows[i - i0];
            final FloatVector g0 = FloatVector.fromArray(S, row, q), g1 = FloatVector.fromArray(S, row, q + L);
            final FloatVector g2 = FloatVector.fromArray(S, row, q + 2 * L), g3 = FloatVector.fromArray(S, row, q + 3 * L);
            FloatVector x = FloatVector.broadcast(S, d0[i]);
            a0 = g0.fma(x, a0);
            a1 = g1.fma(x, a1);
            a2 = g2.fma(x, a2);
            a3 = g3.fma(x, a3);
            x = FloatVector.broadcast(S, d1[i]);
            b0 = g0.fma(x, b0);
            b1 = g1.fma(x, b1);
            b2 = g2.fma(x, b2);
            b3 = g3.fma(x, b3);
            x = FloatVector.broadcast(S, d2[i]);
            c0 = g0.fma(x, c0);
            c1 = g1.fma(x, c1);
            c2 = g2.fma(x, c2);
            c3 = g3.fma(x, c3);
            x = FloatVector.broadcast(S, d3[i]);
            e0 = g0.fma(x, e0);
            e1 = g1.fma(x, e1);
            e2 = g2.fma(x, e2);
            e3 = g3.fma(x, e3);
        }
        a0.intoArray(t0, q);
        a1.intoArray(t0, q + L);
        a2.intoArray(t0, q + 2 * L);
        a3.intoArray(t0, q + 3 * L);
        b0.intoArray(t1, q);
        b1.intoArray(t1, q + L);
        b2.intoArray(t1, q + 2 * L);
        b3.intoArray(t1, q + 3 * L);
        c0.intoArray(t2, q);
        c1.intoArray(t2, q + L);
        c2.intoArray(t2, q + 2 * L);
        c3.intoArray(t2, q + 3 * L);
        e0.intoArray(t3, q);
        e1.intoArray(t3, q + L);
        e2.intoArray(t3, q + 2 * L);
        e3.intoArray(t3, q + 3 * L);
    }

    private static void sums4x1(float[] d0, float[] d1, float[] d2, float[] d3, int i0, int i1, float[][] rows,
                                float[] t0, float[] t1, float[] t2, float[] t3, int q) {
        FloatVector a = FloatVector.fromArray(S, t0, q), b = FloatVector.fromArray(S, t1, q);
        FloatVector c = FloatVector.fromArray(S, t2, q), e = FloatVector.fromArray(S, t3, q);
        for (int i = i0; i < i1; i++) {
            final FloatVector g = FloatVector.fromArray(S, rows[i - i0], q);
            a = g.fma(FloatVector.broadcast(S, d0[i]), a);
            b = g.fma(FloatVector.broadcast(S, d1[i]), b);
            c = g.fma(FloatVector.broadcast(S, d2[i]), c);
            e = g.fma(FloatVector.broadcast(S, d3[i]), e);
        }
        a.intoArray(t0, q);
        b.intoArray(t1, q);
        c.intoArray(t2, q);
        e.intoArray(t3, q);
    }
}

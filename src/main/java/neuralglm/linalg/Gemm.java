package neuralglm.linalg;

/**
 * Register-blocked dense products on row-major {@code double[]}, the two shapes backpropagation needs:
 * <pre>
 *   abt:  C  = bias + A B^T      A n x p, B m x p, C n x m      (forward X W^T + b;  input gradient dY (W^T)^T)
 *   atb:  C += A^T B             A n x m, B n x p, C m x p      (weight gradient dY^T X)
 * </pre>
 * Each entry of C is one dot product summed in ascending order of the inner index, starting from the
 * bias (abt) or from C's old value (atb); each step is one fused multiply-add
 * ({@link Math#fma}, rounded once), so the result is bit-for-bit that of the plain triple loop
 * {@code c = Math.fma(a, b, c)}. Speed comes from computing a 4 x 4 block of C in 16 scalar accumulators, which
 * loads 8 numbers per 16 multiply-adds and keeps 16 independent dependency chains in flight. Both
 * inner loops read memory contiguously along rows. Arguments must not alias.
 */
public final class Gemm {

    private Gemm() {
    }

    /**
     * {@code c[i][j] = bias[j] + sum_k a[i][k] b[j][k]} (bias 0 when null).
     *
     * @param a    n x p, row-major. Not modified.
     * @param n    rows of a and c
     * @param p    inner dimension
     * @param b    m x p, row-major. Not modified.
     * @param m    rows of b, columns of c
     * @param bias length m, or null. Not modified.
     * @param c    n x m, row-major. Overwritten.
     */
    public static void abt(double[] a, int n, int p, double[] b, int m, double[] bias, double[] c) {
        int i = 0;
        for (; i + 3 < n; i += 4) {
            final int a0 = i * p, a1 = a0 + p, a2 = a1 + p, a3 = a2 + p;
            final int c0 = i * m, c1 = c0 + m, c2 = c1 + m, c3 = c2 + m;
            int j = 0;
            for (; j + 3 < m; j += 4) {
                final int b0 = j * p, b1 = b0 + p, b2 = b1 + p, b3 = b2 + p;
                final double z0 = bias == null ? 0.0 : bias[j], z1 = bias == null ? 0.0 : bias[j + 1];
                final double z2 = bias == null ? 0.0 : bias[j + 2], z3 = bias == null ? 0.0 : bias[j + 3];
                double s00 = z0, s01 = z1, s02 = z2, s03 = z3;
                double s10 = z0, s11 = z1, s12 = z2, s13 = z3;
                double s20 = z0, s21 = z1, s22 = z2, s23 = z3;
                double s30 = z0, s31 = z1, s32 = z2, s33 = z3;
                for (int k = 0; k < p; k++) {
                    final double x0 = a[a0 + k], x1 = a[a1 + k], x2 = a[a2 + k], x3 = a[a3 + k];
                    final double w0 = b[b0 + k], w1 = b[b1 + k], w2 = b[b2 + k], w3 = b[b3 + k];
                    s00 = Math.fma(x0, w0, s00); s01 = Math.fma(x0, w1, s01); s02 = Math.fma(x0, w2, s02); s03 = Math.fma(x0, w3, s03);
                    s10 = Math.fma(x1, w0, s10); s11 = Math.fma(x1, w1, s11); s12 = Math.fma(x1, w2, s12); s13 = Math.fma(x1, w3, s13);
                    s20 = Math.fma(x2, w0, s20); s21 = Math.fma(x2, w1, s21); s22 = Math.fma(x2, w2, s22); s23 = Math.fma(x2, w3, s23);
                    s30 = Math.fma(x3, w0, s30); s31 = Math.fma(x3, w1, s31); s32 = Math.fma(x3, w2, s32); s33 = Math.fma(x3, w3, s33);
                }
                c[c0 + j] = s00; c[c0 + j + 1] = s01; c[c0 + j + 2] = s02; c[c0 + j + 3] = s03;
                c[c1 + j] = s10; c[c1 + j + 1] = s11; c[c1 + j + 2] = s12; c[c1 + j + 3] = s13;
                c[c2 + j] = s20; c[c2 + j + 1] = s21; c[c2 + j + 2] = s22; c[c2 + j + 3] = s23;
                c[c3 + j] = s30; c[c3 + j + 1] = s31; c[c3 + j + 2] = s32; c[c3 + j + 3] = s33;
            }
            for (; j < m; j++) {
                final int b0 = j * p;
                final double z = bias == null ? 0.0 : bias[j];
                double s0 = z, s1 = z, s2 = z, s3 = z;
                for (int k = 0; k < p; k++) {
                    final double w = b[b0 + k];
                    s0 = Math.fma(a[a0 + k], w, s0); s1 = Math.fma(a[a1 + k], w, s1); s2 = Math.fma(a[a2 + k], w, s2); s3 = Math.fma(a[a3 + k], w, s3);
                }
                c[c0 + j] = s0; c[c1 + j] = s1; c[c2 + j] = s2; c[c3 + j] = s3;
            }
        }
        for (; i < n; i++) {
            final int a0 = i * p, c0 = i * m;
            for (int j = 0; j < m; j++) {
                final int b0 = j * p;
                double s = bias == null ? 0.0 : bias[j];
                for (int k = 0; k < p; k++) {
                    s = Math.fma(a[a0 + k], b[b0 + k], s);
                }
                c[c0 + j] = s;
            }
        }
    }

    /**
     * {@code c[j][k] += sum_i a[i][j] b[i][k]}, and {@code colSums[j] += sum_i a[i][j]} when colSums is
     * not null.
     *
     * @param a       n x m, row-major. Not modified.
     * @param n       rows of a and b
     * @param m       columns of a, rows of c
     * @param b       n x p, row-major. Not modified.
     * @param p       columns of b and c
     * @param c       m x p, row-major. Accumulated.
     * @param colSums length m, or null. Accumulated.
     */
    public static void atb(double[] a, int n, int m, double[] b, int p, double[] c, double[] colSums) {
        int j = 0;
        for (; j + 3 < m; j += 4) {
            final int c0 = j * p, c1 = c0 + p, c2 = c1 + p, c3 = c2 + p;
            int k = 0;
            for (; k + 3 < p; k += 4) {
                double s00 = c[c0 + k], s01 = c[c0 + k + 1], s02 = c[c0 + k + 2], s03 = c[c0 + k + 3];
                double s10 = c[c1 + k], s11 = c[c1 + k + 1], s12 = c[c1 + k + 2], s13 = c[c1 + k + 3];
                double s20 = c[c2 + k], s21 = c[c2 + k + 1], s22 = c[c2 + k + 2], s23 = c[c2 + k + 3];
                double s30 = c[c3 + k], s31 = c[c3 + k + 1], s32 = c[c3 + k + 2], s33 = c[c3 + k + 3];
                for (int i = 0, ai = j, bi = k; i < n; i++, ai += m, bi += p) {
                    final double d0 = a[ai], d1 = a[ai + 1], d2 = a[ai + 2], d3 = a[ai + 3];
                    final double x0 = b[bi], x1 = b[bi + 1], x2 = b[bi + 2], x3 = b[bi + 3];
                    s00 = Math.fma(d0, x0, s00); s01 = Math.fma(d0, x1, s01); s02 = Math.fma(d0, x2, s02); s03 = Math.fma(d0, x3, s03);
                    s10 = Math.fma(d1, x0, s10); s11 = Math.fma(d1, x1, s11); s12 = Math.fma(d1, x2, s12); s13 = Math.fma(d1, x3, s13);
                    s20 = Math.fma(d2, x0, s20); s21 = Math.fma(d2, x1, s21); s22 = Math.fma(d2, x2, s22); s23 = Math.fma(d2, x3, s23);
                    s30 = Math.fma(d3, x0, s30); s31 = Math.fma(d3, x1, s31); s32 = Math.fma(d3, x2, s32); s33 = Math.fma(d3, x3, s33);
                }
                c[c0 + k] = s00; c[c0 + k + 1] = s01; c[c0 + k + 2] = s02; c[c0 + k + 3] = s03;
                c[c1 + k] = s10; c[c1 + k + 1] = s11; c[c1 + k + 2] = s12; c[c1 + k + 3] = s13;
                c[c2 + k] = s20; c[c2 + k + 1] = s21; c[c2 + k + 2] = s22; c[c2 + k + 3] = s23;
                c[c3 + k] = s30; c[c3 + k + 1] = s31; c[c3 + k + 2] = s32; c[c3 + k + 3] = s33;
            }
            for (; k < p; k++) {
                atbColumn4(a, n, m, b, p, c, j, k);
            }
        }
        for (; j < m; j++) {
            for (int k = 0; k < p; k++) {
                atbEntry(a, n, m, b, p, c, j, k);
            }
        }
        addColumnSums(a, n, m, colSums);
    }

    /** Four entries of {@link #atb}, rows j..j+3 of column k: {@code c[j+r][k] += sum_i a[i][j+r] b[i][k]}. */
    private static void atbColumn4(double[] a, int n, int m, double[] b, int p, double[] c, int j, int k) {
        final int c0 = j * p + k, c1 = c0 + p, c2 = c1 + p, c3 = c2 + p;
        double s0 = c[c0], s1 = c[c1], s2 = c[c2], s3 = c[c3];
        for (int i = 0, ai = j, bi = k; i < n; i++, ai += m, bi += p) {
            final double x = b[bi];
            s0 = Math.fma(a[ai], x, s0); s1 = Math.fma(a[ai + 1], x, s1); s2 = Math.fma(a[ai + 2], x, s2); s3 = Math.fma(a[ai + 3], x, s3);
        }
        c[c0] = s0; c[c1] = s1; c[c2] = s2; c[c3] = s3;
    }

    /** One entry of {@link #atb}: {@code c[j][k] += sum_i a[i][j] b[i][k]}. */
    static void atbEntry(double[] a, int n, int m, double[] b, int p, double[] c, int j, int k) {
        double s = c[j * p + k];
        for (int i = 0, ai = j, bi = k; i < n; i++, ai += m, bi += p) {
            s = Math.fma(a[ai], b[bi], s);
        }
        c[j * p + k] = s;
    }

    /** {@code colSums[q] += sum_i a[i][q]} for the n x m matrix a (nothing when colSums is null). */
    static void addColumnSums(double[] a, int n, int m, double[] colSums) {
        if (colSums == null) {
            return;
        }
        for (int i = 0; i < n; i++) {
            final int ai = i * m;
            for (int q = 0; q < m; q++) {
                colSums[q] += a[ai + q];
            }
        }
    }
}

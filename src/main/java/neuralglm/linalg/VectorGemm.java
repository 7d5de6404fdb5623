package neuralglm.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The products of {@link Gemm} with the (incubating) Vector API, used by {@link Kernels} when the JVM
 * has the module (started with {@code --add-modules jdk.incubator.vector}, or loaded by {@link VectorModule}):
 * <pre>
 *   axb:  C  = bias + A Bt     A n x p, Bt p x m, C n x m   (forward X (W^T) + b;  input gradient dY W)
 *   atb:  C += A^T B           A n x m, B n x p, C m x p    (weight gradient dY^T X)
 * </pre>
 * A block of 4 rows x 3 vectors of C (then 2, then 1 for the remaining columns) stays in registers for
 * the whole inner loop, which broadcasts one entry of A and loads rows of the other operand; fewer
 * columns than a vector (a network's single output) go to scalar dot products, 8 rows at a time. Every entry is summed exactly as in {@link Gemm}:
 * from the bias (or C's old value), products added in ascending order of the inner index, each
 * step one fused multiply-add (rounded once, as {@link Math#fma}); so both classes give bit-identical results.
 * 512-bit vectors, the species of {@link VectorRowKernels}: a JVM whose Vector API code runs two species (256 and
 * 512 bits) saw its shared methods' type profiles split between them and batch prediction fall from 1.1-1.5M to
 * 0.09-0.43M instances/s (2026-12-04); {@link #column} and {@link #intoColumn} work for either length.
 */
final class VectorGemm {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_512;
    private static final int L = S.length();
    /** The starting row of {@link #axb} without a bias, for up to this many columns. Never written. */
    private static final double[] ZEROS = new double[512];

    private VectorGemm() {
    }

    /** {@code c[i][j] = bias[j] + sum_k a[i][k] bt[k][j]}; see {@link Gemm#abt} for the meaning. */
    static void axb(double[] a, int n, int p, double[] bt, int m, double[] bias, double[] c) {
        if (m < L) {
            narrow(a, n, p, bt, m, bias, c);
            return;
        }
        // every block starts from the bias (or zeros) row: no bias branch in the hot kernel, whose compiled
        // code must keep every vector in registers (an untaken branch turning taken forces a recompilation)
        final int blocked = n - n % 4;
        int i = 0;
        if (p == 1) { // an outer product (a layer with one input): one row at a time
            for (; i < blocked; i++) {
                final double x = a[i];
                final int c0 = i * m;
                if (bias == null) {
                    java.util.Arrays.fill(c, c0, c0 + m, 0.0);
                } else {
                    System.arraycopy(bias, 0, c, c0, m);
                }
                int j = 0;
                for (; j + L <= m; j += L) {
                    DoubleVector.fromArray(S, bt, j).fma(DoubleVector.broadcast(S, x), DoubleVector.fromArray(S, c, c0 + j)).intoArray(c, c0 + j);
                }
                for (; j < m; j++) {
                    c[c0 + j] = Math.fma(x, bt[j], c[c0 + j]);
                }
            }
        } else if (bias == null && m > ZEROS.length) {
            java.util.Arrays.fill(c, 0, blocked * m, 0.0);
            for (; i < blocked; i += 4) {
                rows4(a, i * p, p, bt, m, c, i * m, m, c, i * m);
            }
        } else {
            final double[] z = bias == null ? ZEROS : bias;
            for (; i < blocked; i += 4) {
                rows4(a, i * p, p, bt, m, z, 0, 0, c, i * m);
            }
        }
        for (; i < n; i++) {
            final int a0 = i * p, c0 = i * m;
            for (int j = 0; j < m; j++) {
                double s = bias == null ? 0.0 : bias[j];
                for (int k = 0; k < p; k++) {
                    s = Math.fma(a[a0 + k], bt[k * m + j], s);
                }
                c[c0 + j] = s;
            }
        }
    }

    /**
     * {@link #axb} for fewer columns than a vector (such as a network's single output): scalar dot
     * products, 8 rows at a time so that 8 independent sums are in flight.
     */
    private static void narrow(double[] a, int n, int p, double[] bt, int m, double[] bias, double[] c) {
        for (int j = 0; j < m; j++) {
            final double z = bias == null ? 0.0 : bias[j];
            int i = 0;
            for (; i + 7 < n; i += 8) {
                final int a0 = i * p;
                double s0 = z, s1 = z, s2 = z, s3 = z, s4 = z, s5 = z, s6 = z, s7 = z;
                for (int k = 0, bo = j; k < p; k++, bo += m) {
                    final double w = bt[bo];
                    s0 = Math.fma(a[a0 + k], w, s0); s1 = Math.fma(a[a0 + p + k], w, s1); s2 = Math.fma(a[a0 + 2 * p + k], w, s2); s3 = Math.fma(a[a0 + 3 * p + k], w, s3);
                    s4 = Math.fma(a[a0 + 4 * p + k], w, s4); s5 = Math.fma(a[a0 + 5 * p + k], w, s5); s6 = Math.fma(a[a0 + 6 * p + k], w, s6); s7 = Math.fma(a[a0 + 7 * p + k], w, s7);
                }
                final int c0 = i * m + j;
                c[c0] = s0; c[c0 + m] = s1; c[c0 + 2 * m] = s2; c[c0 + 3 * m] = s3;
                c[c0 + 4 * m] = s4; c[c0 + 5 * m] = s5; c[c0 + 6 * m] = s6; c[c0 + 7 * m] = s7;
            }
            for (; i < n; i++) {
                double s = z;
                for (int k = 0, bo = j; k < p; k++, bo += m) {
                    s = Math.fma(a[i * p + k], bt[bo], s);
                }
                c[i * m + j] = s;
            }
        }
    }

    /**
     * Rows {@code c0/m .. c0/m + 3} of C: {@code C = Z + A Bt}, where row r of Z starts at
     * {@code z[z0 + r * zStride]} (zStride 0: the same row, the bias or zeros, for all four).
     */
    private static void rows4(double[] a, int a0, int p, double[] bt, int m, double[] z, int z0, int zStride,
                              double[] c, int c0) {
        final int a1 = a0 + p, a2 = a1 + p, a3 = a2 + p;
        final int c1 = c0 + m, c2 = c1 + m, c3 = c2 + m;
        final int z1 = z0 + zStride, z2 = z1 + zStride, z3 = z2 + zStride;
        int j = 0;
        for (; j + 3 * L <= m; j += 3 * L) {
            DoubleVector s00 = DoubleVector.fromArray(S, z, z0 + j), s01 = DoubleVector.fromArray(S, z, z0 + j + L);
            DoubleVector s02 = DoubleVector.fromArray(S, z, z0 + j + 2 * L), s10 = DoubleVector.fromArray(S, z, z1 + j);
            DoubleVector s11 = DoubleVector.fromArray(S, z, z1 + j + L), s12 = DoubleVector.fromArray(S, z, z1 + j + 2 * L);
            DoubleVector s20 = DoubleVector.fromArray(S, z, z2 + j), s21 = DoubleVector.fromArray(S, z, z2 + j + L);
            DoubleVector s22 = DoubleVector.fromArray(S, z, z2 + j + 2 * L), s30 = DoubleVector.fromArray(S, z, z3 + j);
            DoubleVector s31 = DoubleVector.fromArray(S, z, z3 + j + L), s32 = DoubleVector.fromArray(S, z, z3 + j + 2 * L);
            for (int k = 0, bo = j; k < p; k++, bo += m) {
                final DoubleVector w0 = DoubleVector.fromArray(S, bt, bo);
                final DoubleVector w1 = DoubleVector.fromArray(S, bt, bo + L);
                final DoubleVector w2 = DoubleVector.fromArray(S, bt, bo + 2 * L);
                final double x0 = a[a0 + k], x1 = a[a1 + k], x2 = a[a2 + k], x3 = a[a3 + k];
                s00 = w0.fma(DoubleVector.broadcast(S, x0), s00); s01 = w1.fma(DoubleVector.broadcast(S, x0), s01); s02 = w2.fma(DoubleVector.broadcast(S, x0), s02);
                s10 = w0.fma(DoubleVector.broadcast(S, x1), s10); s11 = w1.fma(DoubleVector.broadcast(S, x1), s11); s12 = w2.fma(DoubleVector.broadcast(S, x1), s12);
                s20 = w0.fma(DoubleVector.broadcast(S, x2), s20); s21 = w1.fma(DoubleVector.broadcast(S, x2), s21); s22 = w2.fma(DoubleVector.broadcast(S, x2), s22);
                s30 = w0.fma(DoubleVector.broadcast(S, x3), s30); s31 = w1.fma(DoubleVector.broadcast(S, x3), s31); s32 = w2.fma(DoubleVector.broadcast(S, x3), s32);
            }
            s00.intoArray(c, c0 + j); s01.intoArray(c, c0 + j + L); s02.intoArray(c, c0 + j + 2 * L);
            s10.intoArray(c, c1 + j); s11.intoArray(c, c1 + j + L); s12.intoArray(c, c1 + j + 2 * L);
            s20.intoArray(c, c2 + j); s21.intoArray(c, c2 + j + L); s22.intoArray(c, c2 + j + 2 * L);
            s30.intoArray(c, c3 + j); s31.intoArray(c, c3 + j + L); s32.intoArray(c, c3 + j + 2 * L);
        }
        if (j + 2 * L <= m) {
            DoubleVector s00 = DoubleVector.fromArray(S, z, z0 + j), s01 = DoubleVector.fromArray(S, z, z0 + j + L);
            DoubleVector s10 = DoubleVector.fromArray(S, z, z1 + j), s11 = DoubleVector.fromArray(S, z, z1 + j + L);
            DoubleVector s20 = DoubleVector.fromArray(S, z, z2 + j), s21 = DoubleVector.fromArray(S, z, z2 + j + L);
            DoubleVector s30 = DoubleVector.fromArray(S, z, z3 + j), s31 = DoubleVector.fromArray(S, z, z3 + j + L);
            for (int k = 0, bo = j; k < p; k++, bo += m) {
                final DoubleVector w0 = DoubleVector.fromArray(S, bt, bo), w1 = DoubleVector.fromArray(S, bt, bo + L);
                final double x0 = a[a0 + k], x1 = a[a1 + k], x2 = a[a2 + k], x3 = a[a3 + k];
                s00 = w0.fma(DoubleVector.broadcast(S, x0), s00); s01 = w1.fma(DoubleVector.broadcast(S, x0), s01);
                s10 = w0.fma(DoubleVector.broadcast(S, x1), s10); s11 = w1.fma(DoubleVector.broadcast(S, x1), s11);
                s20 = w0.fma(DoubleVector.broadcast(S, x2), s20); s21 = w1.fma(DoubleVector.broadcast(S, x2), s21);
                s30 = w0.fma(DoubleVector.broadcast(S, x3), s30); s31 = w1.fma(DoubleVector.broadcast(S, x3), s31);
            }
            s00.intoArray(c, c0 + j); s01.intoArray(c, c0 + j + L);
            s10.intoArray(c, c1 + j); s11.intoArray(c, c1 + j + L);
            s20.intoArray(c, c2 + j); s21.intoArray(c, c2 + j + L);
            s30.intoArray(c, c3 + j); s31.intoArray(c, c3 + j + L);
            j += 2 * L;
        }
        for (; j + L <= m; j += L) {
            DoubleVector s0 = DoubleVector.fromArray(S, z, z0 + j), s1 = DoubleVector.fromArray(S, z, z1 + j);
            DoubleVector s2 = DoubleVector.fromArray(S, z, z2 + j), s3 = DoubleVector.fromArray(S, z, z3 + j);
            for (int k = 0, bo = j; k < p; k++, bo += m) {
                final DoubleVector w = DoubleVector.fromArray(S, bt, bo);
                s0 = w.fma(DoubleVector.broadcast(S, a[a0 + k]), s0); s1 = w.fma(DoubleVector.broadcast(S, a[a1 + k]), s1);
                s2 = w.fma(DoubleVector.broadcast(S, a[a2 + k]), s2); s3 = w.fma(DoubleVector.broadcast(S, a[a3 + k]), s3);
            }
            s0.intoArray(c, c0 + j); s1.intoArray(c, c1 + j); s2.intoArray(c, c2 + j); s3.intoArray(c, c3 + j);
        }
        for (; j < m; j++) {
            double s0 = z[z0 + j], s1 = z[z1 + j], s2 = z[z2 + j], s3 = z[z3 + j];
            for (int k = 0, bo = j; k < p; k++, bo += m) {
                final double w = bt[bo];
                s0 = Math.fma(a[a0 + k], w, s0); s1 = Math.fma(a[a1 + k], w, s1); s2 = Math.fma(a[a2 + k], w, s2); s3 = Math.fma(a[a3 + k], w, s3);
            }
            c[c0 + j] = s0; c[c1 + j] = s1; c[c2 + j] = s2; c[c3 + j] = s3;
        }
    }

    /** {@link #atb} for p = 1 (a layer with one input): C is a column, vectors run along a's rows. */
    private static void atbColumn(double[] a, int n, int m, double[] b, double[] c) {
        int j = 0;
        for (; j + 3 * L <= m; j += 3 * L) {
            DoubleVector s0 = DoubleVector.fromArray(S, c, j), s1 = DoubleVector.fromArray(S, c, j + L);
            DoubleVector s2 = DoubleVector.fromArray(S, c, j + 2 * L);
            for (int i = 0, ai = j; i < n; i++, ai += m) {
                final double x = b[i];
                s0 = DoubleVector.fromArray(S, a, ai).fma(DoubleVector.broadcast(S, x), s0);
                s1 = DoubleVector.fromArray(S, a, ai + L).fma(DoubleVector.broadcast(S, x), s1);
                s2 = DoubleVector.fromArray(S, a, ai + 2 * L).fma(DoubleVector.broadcast(S, x), s2);
            }
            s0.intoArray(c, j); s1.intoArray(c, j + L); s2.intoArray(c, j + 2 * L);
        }
        for (; j + L <= m; j += L) {
            DoubleVector s0 = DoubleVector.fromArray(S, c, j);
            for (int i = 0, ai = j; i < n; i++, ai += m) {
                s0 = DoubleVector.fromArray(S, a, ai).fma(DoubleVector.broadcast(S, b[i]), s0);
            }
            s0.intoArray(c, j);
        }
        for (; j < m; j++) {
            Gemm.atbEntry(a, n, m, b, 1, c, j, 0);
        }
    }

    /** {@code c[j][k] += sum_i a[i][j] b[i][k]}, {@code colSums[j] += sum_i a[i][j]}; see {@link Gemm#atb}. */
    static void atb(double[] a, int n, int m, double[] b, int p, double[] c, double[] colSums) {
        if (p == 1) {
            atbColumn(a, n, m, b, c);
            columnSums(a, n, m, colSums);
            return;
        }
        int j = 0;
        for (; j + 3 < m; j += 4) {
            final int c0 = j * p, c1 = c0 + p, c2 = c1 + p, c3 = c2 + p;
            int k = 0;
            for (; k + 3 * L <= p; k += 3 * L) {
                DoubleVector s00 = DoubleVector.fromArray(S, c, c0 + k), s01 = DoubleVector.fromArray(S, c, c0 + k + L), s02 = DoubleVector.fromArray(S, c, c0 + k + 2 * L);
                DoubleVector s10 = DoubleVector.fromArray(S, c, c1 + k), s11 = DoubleVector.fromArray(S, c, c1 + k + L), s12 = DoubleVector.fromArray(S, c, c1 + k + 2 * L);
                DoubleVector s20 = DoubleVector.fromArray(S, c, c2 + k), s21 = DoubleVector.fromArray(S, c, c2 + k + L), s22 = DoubleVector.fromArray(S, c, c2 + k + 2 * L);
                DoubleVector s30 = DoubleVector.fromArray(S, c, c3 + k), s31 = DoubleVector.fromArray(S, c, c3 + k + L), s32 = DoubleVector.fromArray(S, c, c3 + k + 2 * L);
                for (int i = 0, ai = j, bi = k; i < n; i++, ai += m, bi += p) {
                    final DoubleVector x0 = DoubleVector.fromArray(S, b, bi);
                    final DoubleVector x1 = DoubleVector.fromArray(S, b, bi + L);
                    final DoubleVector x2 = DoubleVector.fromArray(S, b, bi + 2 * L);
                    final double d0 = a[ai], d1 = a[ai + 1], d2 = a[ai + 2], d3 = a[ai + 3];
                    s00 = x0.fma(DoubleVector.broadcast(S, d0), s00); s01 = x1.fma(DoubleVector.broadcast(S, d0), s01); s02 = x2.fma(DoubleVector.broadcast(S, d0), s02);
                    s10 = x0.fma(DoubleVector.broadcast(S, d1), s10); s11 = x1.fma(DoubleVector.broadcast(S, d1), s11); s12 = x2.fma(DoubleVector.broadcast(S, d1), s12);
                    s20 = x0.fma(DoubleVector.broadcast(S, d2), s20); s21 = x1.fma(DoubleVector.broadcast(S, d2), s21); s22 = x2.fma(DoubleVector.broadcast(S, d2), s22);
                    s30 = x0.fma(DoubleVector.broadcast(S, d3), s30); s31 = x1.fma(DoubleVector.broadcast(S, d3), s31); s32 = x2.fma(DoubleVector.broadcast(S, d3), s32);
                }
                s00.intoArray(c, c0 + k); s01.intoArray(c, c0 + k + L); s02.intoArray(c, c0 + k + 2 * L);
                s10.intoArray(c, c1 + k); s11.intoArray(c, c1 + k + L); s12.intoArray(c, c1 + k + 2 * L);
                s20.intoArray(c, c2 + k); s21.intoArray(c, c2 + k + L); s22.intoArray(c, c2 + k + 2 * L);
                s30.intoArray(c, c3 + k); s31.intoArray(c, c3 + k + L); s32.intoArray(c, c3 + k + 2 * L);
            }
            if (k + 2 * L <= p) {
                DoubleVector s00 = DoubleVector.fromArray(S, c, c0 + k), s01 = DoubleVector.fromArray(S, c, c0 + k + L);
                DoubleVector s10 = DoubleVector.fromArray(S, c, c1 + k), s11 = DoubleVector.fromArray(S, c, c1 + k + L);
                DoubleVector s20 = DoubleVector.fromArray(S, c, c2 + k), s21 = DoubleVector.fromArray(S, c, c2 + k + L);
                DoubleVector s30 = DoubleVector.fromArray(S, c, c3 + k), s31 = DoubleVector.fromArray(S, c, c3 + k + L);
                for (int i = 0, ai = j, bi = k; i < n; i++, ai += m, bi += p) {
                    final DoubleVector x0 = DoubleVector.fromArray(S, b, bi), x1 = DoubleVector.fromArray(S, b, bi + L);
                    final double d0 = a[ai], d1 = a[ai + 1], d2 = a[ai + 2], d3 = a[ai + 3];
                    s00 = x0.fma(DoubleVector.broadcast(S, d0), s00); s01 = x1.fma(DoubleVector.broadcast(S, d0), s01);
                    s10 = x0.fma(DoubleVector.broadcast(S, d1), s10); s11 = x1.fma(DoubleVector.broadcast(S, d1), s11);
                    s20 = x0.fma(DoubleVector.broadcast(S, d2), s20); s21 = x1.fma(DoubleVector.broadcast(S, d2), s21);
                    s30 = x0.fma(DoubleVector.broadcast(S, d3), s30); s31 = x1.fma(DoubleVector.broadcast(S, d3), s31);
                }
                s00.intoArray(c, c0 + k); s01.intoArray(c, c0 + k + L);
                s10.intoArray(c, c1 + k); s11.intoArray(c, c1 + k + L);
                s20.intoArray(c, c2 + k); s21.intoArray(c, c2 + k + L);
                s30.intoArray(c, c3 + k); s31.intoArray(c, c3 + k + L);
                k += 2 * L;
            }
            for (; k + L <= p; k += L) {
                DoubleVector s0 = DoubleVector.fromArray(S, c, c0 + k), s1 = DoubleVector.fromArray(S, c, c1 + k);
                DoubleVector s2 = DoubleVector.fromArray(S, c, c2 + k), s3 = DoubleVector.fromArray(S, c, c3 + k);
                for (int i = 0, ai = j, bi = k; i < n; i++, ai += m, bi += p) {
                    final DoubleVector x = DoubleVector.fromArray(S, b, bi);
                    s0 = x.fma(DoubleVector.broadcast(S, a[ai]), s0); s1 = x.fma(DoubleVector.broadcast(S, a[ai + 1]), s1);
                    s2 = x.fma(DoubleVector.broadcast(S, a[ai + 2]), s2); s3 = x.fma(DoubleVector.broadcast(S, a[ai + 3]), s3);
                }
                s0.intoArray(c, c0 + k); s1.intoArray(c, c1 + k); s2.intoArray(c, c2 + k); s3.intoArray(c, c3 + k);
            }
        }
        for (; j < m; j++) { // the last m % 4 rows of C (a network's single output)
            atbRow(a, n, m, b, p, c, j);
        }
        for (int k = p - p % L; k < p; k++) { // the last p % L columns of C: vectors along its rows
            atbTailColumn(a, n, m, b, p, c, k);
        }
        columnSums(a, n, m, colSums);
    }

    /** Row j of {@link #atb} up to column {@code p - p % L}: 4 vectors at a time (4 sums in flight), then 2, then 1. */
    private static void atbRow(double[] a, int n, int m, double[] b, int p, double[] c, int j) {
        final int c0 = j * p;
        int k = 0;
        for (; k + 4 * L <= p; k += 4 * L) {
            DoubleVector s0 = DoubleVector.fromArray(S, c, c0 + k), s1 = DoubleVector.fromArray(S, c, c0 + k + L);
            DoubleVector s2 = DoubleVector.fromArray(S, c, c0 + k + 2 * L), s3 = DoubleVector.fromArray(S, c, c0 + k + 3 * L);
            for (int i = 0, ai = j, bi = k; i < n; i++, ai += m, bi += p) {
                final DoubleVector d = DoubleVector.broadcast(S, a[ai]);
                s0 = DoubleVector.fromArray(S, b, bi).fma(d, s0);
                s1 = DoubleVector.fromArray(S, b, bi + L).fma(d, s1);
                s2 = DoubleVector.fromArray(S, b, bi + 2 * L).fma(d, s2);
                s3 = DoubleVector.fromArray(S, b, bi + 3 * L).fma(d, s3);
            }
            s0.intoArray(c, c0 + k); s1.intoArray(c, c0 + k + L);
            s2.intoArray(c, c0 + k + 2 * L); s3.intoArray(c, c0 + k + 3 * L);
        }
        if (k + 2 * L <= p) {
            DoubleVector s0 = DoubleVector.fromArray(S, c, c0 + k), s1 = DoubleVector.fromArray(S, c, c0 + k + L);
            for (int i = 0, ai = j, bi = k; i < n; i++, ai += m, bi += p) {
                final DoubleVector d = DoubleVector.broadcast(S, a[ai]);
                s0 = DoubleVector.fromArray(S, b, bi).fma(d, s0);
                s1 = DoubleVector.fromArray(S, b, bi + L).fma(d, s1);
            }
            s0.intoArray(c, c0 + k); s1.intoArray(c, c0 + k + L);
            k += 2 * L;
        }
        for (; k + L <= p; k += L) {
            DoubleVector s = DoubleVector.fromArray(S, c, c0 + k);
            for (int i = 0, ai = j, bi = k; i < n; i++, ai += m, bi += p) {
                s = DoubleVector.fromArray(S, b, bi).fma(DoubleVector.broadcast(S, a[ai]), s);
            }
            s.intoArray(c, c0 + k);
        }
    }

    /**
     * Column k of {@link #atb}, {@code c[j][k] += sum_i a[i][j] b[i][k]} for every j: vectors run along
     * a's rows (C's column is strided, so its lanes are read and written one by one).
     */
    private static void atbTailColumn(double[] a, int n, int m, double[] b, int p, double[] c, int k) {
        if (n == 0) {
            return;
        }
        int j = 0;
        // the first product is added outside the loops, so that the loop-carried vectors never hold a
        // gathered value (which kept C2 from keeping them in registers)
        for (; j + 2 * L <= m; j += 2 * L) {
            final int c0 = j * p + k, c1 = c0 + L * p;
            final DoubleVector x0 = DoubleVector.broadcast(S, b[k]);
            DoubleVector s0 = DoubleVector.fromArray(S, a, j).fma(x0, column(c, c0, p));
            DoubleVector s1 = DoubleVector.fromArray(S, a, j + L).fma(x0, column(c, c1, p));
            for (int i = 1, ai = j + m, bi = k + p; i < n; i++, ai += m, bi += p) {
                final DoubleVector x = DoubleVector.broadcast(S, b[bi]);
                s0 = DoubleVector.fromArray(S, a, ai).fma(x, s0);
                s1 = DoubleVector.fromArray(S, a, ai + L).fma(x, s1);
            }
            intoColumn(s0, c, c0, p);
            intoColumn(s1, c, c1, p);
        }
        for (; j + L <= m; j += L) {
            final int c0 = j * p + k;
            DoubleVector s0 = DoubleVector.fromArray(S, a, j).fma(DoubleVector.broadcast(S, b[k]), column(c, c0, p));
            for (int i = 1, ai = j + m, bi = k + p; i < n; i++, ai += m, bi += p) {
                s0 = DoubleVector.fromArray(S, a, ai).fma(DoubleVector.broadcast(S, b[bi]), s0);
            }
            intoColumn(s0, c, c0, p);
        }
        for (; j < m; j++) {
            Gemm.atbEntry(a, n, m, b, p, c, j, k);
        }
    }

    /** @return the vector {@code c[off], c[off + stride], ..., c[off + (L - 1) stride]} (lanes written out: no loop) */
    private static DoubleVector column(double[] c, int off, int stride) {
        final DoubleVector v = DoubleVector.zero(S).withLane(0, c[off]).withLane(1, c[off + stride])
                .withLane(2, c[off + 2 * stride]).withLane(3, c[off + 3 * stride]);
        return L == 4 ? v : v.withLane(4, c[off + 4 * stride]).withLane(5, c[off + 5 * stride])
                .withLane(6, c[off + 6 * stride]).withLane(7, c[off + 7 * stride]);
    }

    /** Writes the L lanes of v to {@code c[off], c[off + stride], ...}. */
    private static void intoColumn(DoubleVector v, double[] c, int off, int stride) {
        c[off] = v.lane(0);
        c[off + stride] = v.lane(1);
        c[off + 2 * stride] = v.lane(2);
        c[off + 3 * stride] = v.lane(3);
        if (L == 8) {
            c[off + 4 * stride] = v.lane(4);
            c[off + 5 * stride] = v.lane(5);
            c[off + 6 * stride] = v.lane(6);
            c[off + 7 * stride] = v.lane(7);
        }
    }

    /** {@code colSums[q] += sum_i a[i][q]} for the n x m matrix a, each sum in ascending i as {@link Gemm#atb}. */
    private static void columnSums(double[] a, int n, int m, double[] colSums) {
        if (colSums == null) {
            return;
        }
        int q = 0;
        for (; q + 4 * L <= m; q += 4 * L) {
            DoubleVector s0 = DoubleVector.fromArray(S, colSums, q), s1 = DoubleVector.fromArray(S, colSums, q + L);
            DoubleVector s2 = DoubleVector.fromArray(S, colSums, q + 2 * L), s3 = DoubleVector.fromArray(S, colSums, q + 3 * L);
            for (int i = 0, ai = q; i < n; i++, ai += m) {
                s0 = s0.add(DoubleVector.fromArray(S, a, ai));
                s1 = s1.add(DoubleVector.fromArray(S, a, ai + L));
                s2 = s2.add(DoubleVector.fromArray(S, a, ai + 2 * L));
                s3 = s3.add(DoubleVector.fromArray(S, a, ai + 3 * L));
            }
            s0.intoArray(colSums, q); s1.intoArray(colSums, q + L);
            s2.intoArray(colSums, q + 2 * L); s3.intoArray(colSums, q + 3 * L);
        }
        for (; q + 2 * L <= m; q += 2 * L) {
            DoubleVector s0 = DoubleVector.fromArray(S, colSums, q), s1 = DoubleVector.fromArray(S, colSums, q + L);
            for (int i = 0, ai = q; i < n; i++, ai += m) {
                s0 = s0.add(DoubleVector.fromArray(S, a, ai));
                s1 = s1.add(DoubleVector.fromArray(S, a, ai + L));
            }
            s0.intoArray(colSums, q); s1.intoArray(colSums, q + L);
        }
        for (; q + L <= m; q += L) {
            DoubleVector s0 = DoubleVector.fromArray(S, colSums, q);
            for (int i = 0, ai = q; i < n; i++, ai += m) {
                s0 = s0.add(DoubleVector.fromArray(S, a, ai));
            }
            s0.intoArray(colSums, q);
        }
        for (; q < m; q++) {
            double s = colSums[q];
            for (int i = 0, ai = q; i < n; i++, ai += m) {
                s += a[ai];
            }
            colSums[q] = s;
        }
    }
}

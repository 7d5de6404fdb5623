package neuralglm.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The column sums of a standardiser's two passes with the Vector API (used by {@link Kernels#addColumnSums} and
 * {@link Kernels#addColumnSquares} when the module is present): for a row-major block of rows,
 * {@code m_j += w_r x_rj} and {@code s_j += (w_r e_rj) e_rj} with {@code e_rj = x_rj - a_j}, each column's terms added in
 * row order as the plain loops add them, so the same bits. A row's columns lie side by side, so the sums of 16 columns
 * are held in two vectors across the rows (then 8 in one), where the plain loops hold eight columns' sums in scalars
 * and read the columns with a stride: a chain of additions per vector instead of per column. Whole vectors only (Java
 * 17's masked loads are not compiled to the processor's masks: with them the kernel ran 2.5x slower than the plain
 * loops): the columns past the last multiple of the vector's length are the caller's. Used once {@link VectorWarmUp}
 * has found them compiled ({@link VectorWarmUp#columnsReady}); its calls take every branch the builds take.
 */
final class VectorColumnMoments {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_512;
    /** Lanes per vector. */
    static final int L = S.length();

    private VectorColumnMoments() {
    }

    /**
     * {@code m[j] += w[w0 + r] xs[r d + j]} for rows {@code r0 .. r1 - 1} and the columns from c0 that fill whole
     * vectors below c1, row by row (w null: the terms {@code xs[r d + j]}, which {@code 1.0 * x} equals).
     *
     * @return the first column not summed here (c0 plus a multiple of the vector's length)
     */
    static int addRows(double[] xs, int r0, int r1, int d, double[] w, int w0, double[] m, int c0, int c1) {
        int j = c0;
        for (; j + 2 * L <= c1; j += 2 * L) {
            DoubleVector a0 = DoubleVector.fromArray(S, m, j), a1 = DoubleVector.fromArray(S, m, j + L);
            if (w == null) {
                for (int r = r0, o = r0 * d + j; r < r1; r++, o += d) {
                    a0 = a0.add(DoubleVector.fromArray(S, xs, o));
                    a1 = a1.add(DoubleVector.fromArray(S, xs, o + L));
                }
            } else {
                for (int r = r0, o = r0 * d + j; r < r1; r++, o += d) {
                    final double wr = w[w0 + r];
                    a0 = a0.add(DoubleVector.fromArray(S, xs, o).mul(wr));
                    a1 = a1.add(DoubleVector.fromArray(S, xs, o + L).mul(wr));
                }
            }
            a0.intoArray(m, j);
            a1.intoArray(m, j + L);
        }
        for (; j + L <= c1; j += L) {
            DoubleVector a0 = DoubleVector.fromArray(S, m, j);
            for (int r = r0, o = r0 * d + j; r < r1; r++, o += d) {
                final DoubleVector x = DoubleVector.fromArray(S, xs, o);
                a0 = a0.add(w == null ? x : x.mul(w[w0 + r]));
            }
            a0.intoArray(m, j);
        }
        return j;
    }

    /**
     * {@code s[j] += w[w0 + r] e}, {@code e = xs[r d + j] - a[j]}, for rows {@code r0 .. r1 - 1} and the columns from
     * c0 that fill whole vectors below c1, row by row (w null: {@code e}, which {@code 1.0 e} equals): the block sums
     * about a shift of {@code neuralglm.model.ColumnMoments}.
     *
     * @return the first column not summed here (c0 plus a multiple of the vector's length)
     */
    static int addShifted(double[] xs, int r0, int r1, int d, double[] w, int w0, double[] a, double[] s, int c0,
                          int c1) {
        int j = c0;
        for (; j + 2 * L <= c1; j += 2 * L) {
            final DoubleVector m0 = DoubleVector.fromArray(S, a, j), m1 = DoubleVector.fromArray(S, a, j + L);
            DoubleVector s0 = DoubleVector.fromArray(S, s, j), s1 = DoubleVector.fromArray(S, s, j + L);
            if (w == null) {
                for (int r = r0, o = r0 * d + j; r < r1; r++, o += d) {
                    s0 = s0.add(DoubleVector.fromArray(S, xs, o).sub(m0));
                    s1 = s1.add(DoubleVector.fromArray(S, xs, o + L).sub(m1));
                }
            } else {
                for (int r = r0, o = r0 * d + j; r < r1; r++, o += d) {
                    final double wr = w[w0 + r];
                    s0 = s0.add(DoubleVector.fromArray(S, xs, o).sub(m0).mul(wr));
                    s1 = s1.add(DoubleVector.fromArray(S, xs, o + L).sub(m1).mul(wr));
                }
            }
            s0.intoArray(s, j);
            s1.intoArray(s, j + L);
        }
        for (; j + L <= c1; j += L) {
            final DoubleVector m0 = DoubleVector.fromArray(S, a, j);
            DoubleVector s0 = DoubleVector.fromArray(S, s, j);
            for (int r = r0, o = r0 * d + j; r < r1; r++, o += d) {
                final DoubleVector e0 = DoubleVector.fromArray(S, xs, o).sub(m0);
                s0 = s0.add(w == null ? e0 : e0.mul(w[w0 + r]));
            }
            s0.intoArray(s, j);
        }
        return j;
    }

    /**
     * {@code s[j] += (w[w0 + r] e) e}, {@code e = xs[r d + j] - a[j]}, for rows {@code r0 .. r1 - 1} and the columns
     * from c0 that fill whole vectors below c1, row by row (w null: {@code e e}, which {@code (1.0 e) e} equals).
     *
     * @return the first column not summed here (c0 plus a multiple of the vector's length)
     */
    static int addSquares(double[] xs, int r0, int r1, int d, double[] w, int w0, double[] a, double[] s, int c0,
                          int c1) {
        int j = c0;
        for (; j + 2 * L <= c1; j += 2 * L) {
            final DoubleVector m0 = DoubleVector.fromArray(S, a, j), m1 = DoubleVector.fromArray(S, a, j + L);
            DoubleVector s0 = DoubleVector.fromArray(S, s, j), s1 = DoubleVector.fromArray(S, s, j + L);
            if (w == null) {
                for (int r = r0, o = r0 * d + j; r < r1; r++, o += d) {
                    final DoubleVector e0 = DoubleVector.fromArray(S, xs, o).sub(m0);
                    final DoubleVector e1 = DoubleVector.fromArray(S, xs, o + L).sub(m1);
                    s0 = s0.add(e0.mul(e0));
                    s1 = s1.add(e1.mul(e1));
                }
            } else {
                for (int r = r0, o = r0 * d + j; r < r1; r++, o += d) {
                    final double wr = w[w0 + r];
                    final DoubleVector e0 = DoubleVector.fromArray(S, xs, o).sub(m0);
                    final DoubleVector e1 = DoubleVector.fromArray(S, xs, o + L).sub(m1);
                    s0 = s0.add(e0.mul(wr).mul(e0));
                    s1 = s1.add(e1.mul(wr).mul(e1));
                }
            }
            s0.intoArray(s, j);
            s1.intoArray(s, j + L);
        }
        for (; j + L <= c1; j += L) {
            final DoubleVector m0 = DoubleVector.fromArray(S, a, j);
            DoubleVector s0 = DoubleVector.fromArray(S, s, j);
            for (int r = r0, o = r0 * d + j; r < r1; r++, o += d) {
                final DoubleVector e0 = DoubleVector.fromArray(S, xs, o).sub(m0);
                s0 = s0.add((w == null ? e0 : e0.mul(w[w0 + r])).mul(e0));
            }
            s0.intoArray(s, j);
        }
        return j;
    }
}

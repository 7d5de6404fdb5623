package neuralglm.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * {@link VectorColumnMoments}: each column's {@code sum_r w_r x_rj}, {@code sum_r w_r e_rj} and
 * {@code sum_r (w_r e_rj) e_rj} ({@code e_rj = x_rj - a_j}) over a block of
 * rows, to the bit, as a scalar loop written here adds them (row order, one column at a time), for the columns it
 * takes (the whole vectors from c0); the others untouched. Widths 1 to 70, column ranges inside wider rows, weights or
 * none, values of very different magnitudes (so that another order of addition would show), NaN, infinities and -0.
 */
class VectorColumnMomentsTest {

    @Test
    void theColumnSumsOfTheScalarLoopToTheBit() {
        final Random rng = new Random(3);
        final double[] odd = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 1e300, 1e-300};
        for (int trial = 0; trial < 400; trial++) {
            final int d = 1 + rng.nextInt(70), c0 = rng.nextInt(d), c1 = c0 + 1 + rng.nextInt(d - c0);
            final int rows = 1 + rng.nextInt(60), r0 = rng.nextInt(rows), r1 = r0 + rng.nextInt(rows - r0 + 1);
            final double[] x = new double[rows * d];
            for (int i = 0; i < x.length; i++) {
                x[i] = rng.nextInt(200) == 0 ? odd[rng.nextInt(odd.length)]
                        : rng.nextGaussian() * Math.pow(10, rng.nextInt(30) - 15);
            }
            final int w0 = rng.nextInt(5);
            final double[] w = rng.nextBoolean() ? null : new double[w0 + rows];
            for (int i = 0; w != null && i < w.length; i++) {
                w[i] = rng.nextInt(4) == 0 ? 1.0 : rng.nextDouble() * 3;
            }
            final double[] a = new double[d], start = new double[d];
            for (int j = 0; j < d; j++) {
                a[j] = rng.nextGaussian();
                start[j] = rng.nextInt(3) == 0 ? 0.0 : rng.nextGaussian() * 10;
            }
            final double[] m = start.clone(), s = start.clone(), o = start.clone();
            final int summed = VectorColumnMoments.addRows(x, r0, r1, d, w, w0, m, c0, c1);
            final int squared = VectorColumnMoments.addSquares(x, r0, r1, d, w, w0, a, s, c0, c1);
            final int shifted = VectorColumnMoments.addShifted(x, r0, r1, d, w, w0, a, o, c0, c1);
            final String what = "trial " + trial + ": d " + d + ", columns " + c0 + ".." + c1 + ", rows " + r0 + ".." + r1;
            final int whole = c0 + (c1 - c0) / VectorColumnMoments.L * VectorColumnMoments.L;
            assertEquals(whole, summed, what);
            assertEquals(whole, squared, what);
            assertEquals(whole, shifted, what);
            for (int j = 0; j < d; j++) {
                double sum = start[j], squares = start[j], offsets = start[j];
                if (j >= c0 && j < whole) {
                    for (int r = r0; r < r1; r++) {
                        final double wr = w == null ? 1.0 : w[w0 + r];
                        sum += wr * x[r * d + j];
                        final double e = x[r * d + j] - a[j];
                        squares += wr * e * e;
                        offsets += wr * e;
                    }
                }
                assertEquals(Double.doubleToRawLongBits(sum), Double.doubleToRawLongBits(m[j]), what + ", sum " + j);
                assertEquals(Double.doubleToRawLongBits(squares), Double.doubleToRawLongBits(s[j]), what + ", squares " + j);
                assertEquals(Double.doubleToRawLongBits(offsets), Double.doubleToRawLongBits(o[j]), what + ", shifted " + j);
            }
        }
    }
}

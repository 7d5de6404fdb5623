package neuralglm.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link FloatColumnKernels#affineGrad} on data as a ReLU network gives it (about half of the entries of both
 * sides 0, some -0, a column all zeros, a column zero only after its first rows), against the definition
 * {@code dW[j][k] = sum_i dy[j][i] x[k][i]}, {@code db[j] = sum_i dy[j][i]} summed here in a plain triple loop in
 * double: the float sums over at most 256 examples at a time are within {@code 256 * 2^-24} of the sum of the
 * terms' magnitudes (the bound of a float sum of that many terms), whatever examples the kernel leaves out.
 */
class FloatWeightGradientTest {

    @ParameterizedTest
    @CsvSource({"1,64,64", "63,64,64", "64,64,64", "65,64,64", "300,64,64", "600,20,9", "257,30,30", "130,12,4", "70,7,5",
        "256,20,64", "200,64,1", "50,3,7"})
    void sparseWeightGradientIsTheSumOverExamples(int n, int p, int m) {
        final Random rng = new Random(17L * n + 5L * p + m);
        final float[][] x = sparse(rng, p, n), dy = sparse(rng, m, n);
        if (m > 2) {
            java.util.Arrays.fill(dy[1], 0f);                       // a unit with no gradient over the batch
            java.util.Arrays.fill(dy[2], Math.min(n, 64), n, 0f);   // nonzero in the first rows only
            for (int i = 0; i < Math.min(n, 64); i++) {
                dy[2][i] = 0.5f + rng.nextFloat();
            }
        }
        for (boolean bias : new boolean[] {true, false}) {
            final double[] dW = new double[m * p], db = bias ? new double[m] : null;
            dW[0] = 0.25; // accumulates
            FloatColumnKernels.affineGrad(dy, n, m, x, p, dW, db);
            for (int j = 0; j < m; j++) {
                double sb = 0.0, ab = 0.0;
                for (int i = 0; i < n; i++) {
                    sb += dy[j][i];
                    ab += Math.abs(dy[j][i]);
                }
                if (bias) {
                    assertEquals(sb, db[j], bound(n, ab), "db[" + j + "]");
                }
                for (int k = 0; k < p; k++) {
                    double s = j == 0 && k == 0 ? 0.25 : 0.0, a = 0.0;
                    for (int i = 0; i < n; i++) {
                        s += (double) dy[j][i] * x[k][i];
                        a += Math.abs((double) dy[j][i] * x[k][i]);
                    }
                    assertEquals(s, dW[j * p + k], bound(n, a), "dW[" + j + "][" + k + "] n " + n + " bias " + bias);
                    if (m > 2 && j == 1) {
                        assertEquals(0.0, dW[j * p + k], 0.0, "a unit without gradient adds nothing");
                    }
                }
            }
        }
    }

    /** A NaN in the gradient reaches the weights it multiplies (NaN is not left out as a zero). */
    @ParameterizedTest
    @CsvSource({"256,64,64", "100,20,64", "40,16,8"})
    void nanIsNotLeftOut(int n, int p, int m) {
        final Random rng = new Random(3);
        final float[][] x = sparse(rng, p, n), dy = sparse(rng, m, n);
        for (int k = 0; k < p; k++) {
            x[k][n - 1] = 1f;
        }
        dy[m - 1][n - 1] = Float.NaN;
        final double[] dW = new double[m * p], db = new double[m];
        FloatColumnKernels.affineGrad(dy, n, m, x, p, dW, db);
        for (int k = 0; k < p; k++) {
            assertTrue(Double.isNaN(dW[(m - 1) * p + k]), "dW[" + (m - 1) + "][" + k + "]");
        }
        assertTrue(Double.isNaN(db[m - 1]));
        assertTrue(Double.isFinite(dW[0]));
    }

    /** Error bound of float sums over blocks of at most 256 terms, added in double: 256 u sum|terms| (u = 2^-24). */
    private static double bound(int n, double magnitudes) {
        return Math.min(n, 256) * 0x1p-24 * magnitudes + 1e-300;
    }

    /** Columns of c x n: half 0 (some -0), the rest uniform in (-1, 1), as a ReLU's outputs and gradients. */
    private static float[][] sparse(Random rng, int c, int n) {
        final float[][] a = new float[c][n];
        for (float[] r : a) {
            for (int i = 0; i < n; i++) {
                final int kind = rng.nextInt(8);
                r[i] = kind < 3 ? 0f : kind == 3 ? -0f : (float) (rng.nextDouble() * 2 - 1);
            }
        }
        return a;
    }
}

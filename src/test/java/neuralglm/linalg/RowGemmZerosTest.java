package neuralglm.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link RowGemm}'s products on inputs with zeros (a ReLU's outputs, its gradients: about half of the entries,
 * some -0), where the terms of zero entries are left out, against the definition written out here: each entry a
 * chain of fused multiply-adds from the bias (or 0) in ascending order of the inner index over every term; to
 * the bit (sign of a zero result aside), with the full sums kept when a weight is not finite.
 */
class RowGemmZerosTest {

    @ParameterizedTest
    @CsvSource({"1,64,64", "17,64,64", "300,64,64", "40,20,64", "33,13,9", "50,7,30", "64,64,1"})
    void zerosLeftOutGiveTheSameSums(int n, int p, int m) {
        final Random rng = new Random(11L * n + 3L * p + m);
        final double[] a = sparse(rng, n * p), w = sparse(rng, m * p), b = sparse(rng, m);
        for (int k = 0; k < p; k++) {
            a[k] = 0.0;   // a first row of zeros
        }
        final double[] c = new double[n * m];
        RowGemm.abt(a, n, p, w, m, b, c);
        assertSums(a, n, p, w, m, b, c, false);
        RowGemm.abt(a, n, p, w, m, null, c);
        assertSums(a, n, p, w, m, null, c, false);

        // a -0 in the bias: every term taken, so the signs of zero sums are the definition's too
        b[0] = -0.0;
        RowGemm.abt(a, n, p, w, m, b, c);
        assertSums(a, n, p, w, m, b, c, true);

        // a non-finite weight: 0 * Inf is NaN in the definition, and in the kernel
        b[0] = 1.0;
        w[0] = Double.POSITIVE_INFINITY;
        RowGemm.abt(a, n, p, w, m, b, c);
        assertSums(a, n, p, w, m, b, c, true);
        assertTrue(Double.isNaN(c[0]), "0 * Inf in the first row");
    }

    /** The weight gradient {@code C += A^T B} with zeros in A (the gradient after a ReLU), blocks of B finite or not. */
    @ParameterizedTest
    @CsvSource({"1,64,64", "17,64,64", "64,64,64", "65,64,64", "300,64,64", "200,20,64", "130,64,9"})
    void gradientTermsOfZerosLeftOut(int n, int m, int p) {
        final Random rng = new Random(5L * n + 7L * m + p);
        final double[] a = sparse(rng, n * m), b = sparse(rng, n * p), c0 = sparse(rng, m * p);
        for (int i = 0; i < n; i++) {
            a[i * m] = 0.0;   // a unit with no gradient
        }
        final double[] c = c0.clone(), cs = new double[m];
        cs[1] = 0.5; // accumulates
        RowGemm.atb(a, n, m, b, p, c, cs);
        assertGradient(a, n, m, b, p, c0, c, false);
        for (int j = 0; j < m; j++) {
            double sj = j == 1 ? 0.5 : 0.0;
            for (int i = 0; i < n; i++) {
                sj += a[i * m + j];
            }
            assertEquals(sj, cs[j], 0.0, "column sum " + j);
        }
        if (n > 64) {
            b[(n - 1) * p] = Double.NaN;   // the last block of B not finite: its terms all taken (0 * NaN is NaN)
            final double[] d = c0.clone();
            RowGemm.atb(a, n, m, b, p, d, null);
            assertGradient(a, n, m, b, p, c0, d, false);
            assertTrue(Double.isNaN(d[0]), "0 * NaN in the unit without gradient");
        }
    }

    private static void assertGradient(double[] a, int n, int m, double[] b, int p, double[] c0, double[] c, boolean signs) {
        for (int j = 0; j < m; j++) {
            for (int k = 0; k < p; k++) {
                double s = c0[j * p + k];
                for (int i = 0; i < n; i++) {
                    s = Math.fma(a[i * m + j], b[i * p + k], s);
                }
                assertEquals(s, c[j * p + k], 0.0, "(" + j + ", " + k + ")");
            }
        }
    }

    private static void assertSums(double[] a, int n, int p, double[] w, int m, double[] b, double[] c, boolean signs) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double s = b == null ? 0.0 : b[j];
                for (int k = 0; k < p; k++) {
                    s = Math.fma(a[i * p + k], w[j * p + k], s);
                }
                if (signs) {
                    assertEquals(Double.doubleToLongBits(s), Double.doubleToLongBits(c[i * m + j]), "(" + i + ", " + j + ")");
                } else {
                    assertEquals(s, c[i * m + j], 0.0, "(" + i + ", " + j + ")");
                }
            }
        }
    }

    /** Three eighths 0, one eighth -0, the rest standard normal. */
    private static double[] sparse(Random rng, int len) {
        final double[] a = new double[len];
        for (int i = 0; i < len; i++) {
            final int kind = rng.nextInt(8);
            a[i] = kind < 3 ? 0.0 : kind == 3 ? -0.0 : rng.nextGaussian();
        }
        return a;
    }
}

package neuralglm.family;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.stream.Stream;

import neuralglm.testutil.FamilyCases;
import neuralglm.testutil.FamilyCases.Case;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Family#fitSummary}, one pass over the rows, gives the same numbers to the bit as the separate
 * {@code meanNll}, {@code deviance}, {@code nullDeviance} and {@code dispersion}, for every family (scalar
 * cases with and without weights, zero weights among them, and p = 0 or 3; the categorical family through
 * its fallback).
 */
class FitSummaryTest {

    static Stream<Case> families() {
        return FamilyCases.all().stream();
    }

    private static void assertSameBits(Family f, DMatrixRMaj eta, DMatrixRMaj y, double[] w, int p) {
        final double[] s = f.fitSummary(eta, y, w, p);
        final double[] expected = {f.meanNll(eta, y, w), f.deviance(eta, y, w), f.nullDeviance(y, w), f.dispersion(eta, y, w, p)};
        final String[] names = {"mean NLL", "deviance", "null deviance", "dispersion"};
        for (int k = 0; k < 4; k++) {
            assertEquals(Double.doubleToRawLongBits(expected[k]), Double.doubleToRawLongBits(s[k]),
                    f + ": " + names[k] + " " + s[k] + ", expected " + expected[k] + " (weights " + (w != null) + ", p " + p + ")");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void sameBitsAsTheSeparatePasses(Case c) {
        final Random rng = new Random(7);
        final int n = 257;
        final double[] etas = c.moderateEtas().length > 1 ? c.moderateEtas() : c.etas();
        final DMatrixRMaj eta = new DMatrixRMaj(n, 1), y = new DMatrixRMaj(n, 1);
        final double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            // eta between two sample points of the family's domain, targets from its samples
            final int a = rng.nextInt(etas.length - 1);
            eta.data[i] = etas[a] + rng.nextDouble() * (etas[a + 1] - etas[a]);
            y.data[i] = c.ys()[rng.nextInt(c.ys().length)];
            w[i] = i % 11 == 0 ? 0.0 : 0.1 + 3 * rng.nextDouble();
        }
        for (int p : new int[] {0, 3}) {
            assertSameBits(c.family(), eta, y, w, p);
            assertSameBits(c.family(), eta, y, null, p);
        }
    }

    @Test
    void categoricalGivesTheSeparatePasses() {
        final Random rng = new Random(3);
        final int n = 50, k = 3;
        final DMatrixRMaj eta = new DMatrixRMaj(n, k), y = new DMatrixRMaj(n, k);
        final double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                eta.data[i * k + j] = rng.nextGaussian();
            }
            y.data[i * k + rng.nextInt(k)] = 1.0;
            w[i] = 0.5 + rng.nextDouble();
        }
        assertSameBits(new CategoricalFamily(), eta, y, w, 0);
        assertSameBits(new CategoricalFamily(), eta, y, null, 2);
    }
}

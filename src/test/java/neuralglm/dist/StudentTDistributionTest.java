package neuralglm.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The location-scale t against R 4.2.2's qt, dt and pt (values pasted), and its sampler against its cdf. */
class StudentTDistributionTest {

    @Test
    void quantileDensityAndCdfAsR() {
        final double m = 3, s = 2;
        final StudentTDistribution t27 = new StudentTDistribution(m, s, 27), t35 = new StudentTDistribution(m, s, 3.5);
        // qt(0.975, 27), qt(0.1, 3.5)
        assertEquals(m + s * 2.051830516480285, t27.quantile(0.975), 1e-13);
        assertEquals(m + s * -1.5765766051364043, t35.quantile(0.1), 1e-13);
        // dt(0.5, 27, log = TRUE) - log(s), dt(-2.3, 3.5, log = TRUE) - log(s)
        assertEquals(-1.057228850517079 - Math.log(s), t27.logDensity(m + s * 0.5), 1e-13);
        assertEquals(-3.0613900134633663 - Math.log(s), t35.logDensity(m - s * 2.3), 1e-13);
        // pt(1.7, 27), pt(-0.4, 3.5)
        assertEquals(0.94968777114372682, t27.cdf(m + s * 1.7), 1e-13);
        assertEquals(0.35617244676722193, t35.cdf(m - s * 0.4), 1e-13);
        assertEquals(s * s * 27 / 25, t27.variance(), 1e-12);
        assertEquals(Double.NEGATIVE_INFINITY, t27.quantile(0));
        assertEquals(Double.POSITIVE_INFINITY, t27.quantile(1));
        final double[] i = t27.interval(0.95);
        assertEquals(m - s * 2.051830516480285, i[0], 1e-13);
        assertEquals(m + s * 2.051830516480285, i[1], 1e-13);
    }

    @Test
    void samplesFollowTheCdf() {
        final StudentTDistribution t = new StudentTDistribution(-1, 0.5, 3.5);
        final Random rng = new Random(7);
        final int n = 200_000;
        final double[] p = {0.05, 0.5, 0.9};
        final int[] below = new int[p.length];
        final double[] q = new double[p.length];
        for (int j = 0; j < p.length; j++) {
            q[j] = t.quantile(p[j]);
        }
        for (int k = 0; k < n; k++) {
            final double y = t.sample(rng);
            for (int j = 0; j < p.length; j++) {
                if (y <= q[j]) {
                    below[j]++;
                }
            }
        }
        for (int j = 0; j < p.length; j++) {
            assertEquals(p[j], below[j] / (double) n, 4 * Math.sqrt(p[j] * (1 - p[j]) / n), "P(y <= q(" + p[j] + "))");
        }
    }

    @Test
    void refusesAScaleOrDegreesOfFreedomOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> new StudentTDistribution(0, 0, 3));
        assertThrows(IllegalArgumentException.class, () -> new StudentTDistribution(0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new StudentTDistribution(Double.NaN, 1, 3));
    }
}

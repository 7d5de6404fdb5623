package neuralglm.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Cdfs and quantiles against textbook values (chi-square table; scipy.stats 1.17, quoted), against
 * sums of the masses and quadrature of the densities, and {@code F(q(p)) = p} (continuous) or
 * {@code F(q - 1) < p <= F(q)} (discrete).
 */
class QuantileTest {

    private static final double[] PS = {1e-8, 1e-3, 0.025, 0.3, 0.5, 0.9, 0.975, 0.999, 1 - 1e-7};

    private static void close(double expected, double actual, double rel, String what) {
        assertTrue(Math.abs(actual - expected) <= rel * Math.abs(expected),
                () -> what + ": expected " + expected + ", got " + actual);
    }

    @Test
    void textbookValues() {
        // chi-square with k degrees of freedom = Gamma(mean k, phi = 2/k)
        close(3.841458820694124, new GammaDistribution(1, 2).quantile(0.95), 1e-12, "chi2(1) 95%");
        close(20.483177350807388, new GammaDistribution(10, 0.2).quantile(0.975), 1e-12, "chi2(10) 97.5%");
        close(3.2469727802368413, new GammaDistribution(10, 0.2).quantile(0.025), 1e-12, "chi2(10) 2.5%");
        close(8.357465086408347, new GammaDistribution(3, 0.5).quantile(0.975), 1e-12, "scipy gamma.ppf(0.975, 2, scale=1.5)");
        close(6.372539920029766e-08, new GammaDistribution(2, 5).quantile(0.025), 1e-10, "scipy gamma.ppf(0.025, 0.2, scale=10)");
        close(0.44850560770826475, new InverseGaussianDistribution(2, 0.4).cdf(1.3), 1e-13, "scipy invgauss.cdf");
        close(6.909231289706328, new InverseGaussianDistribution(2, 0.4).quantile(0.975), 1e-12, "scipy invgauss.ppf(0.975)");
        close(0.3536563552012098, new InverseGaussianDistribution(2, 0.4).quantile(0.025), 1e-12, "scipy invgauss.ppf(0.025)");
        // lambda/mu = 200: exp(2 lambda/mu) = e^400 times a Phi of 1e-180
        close(2.3409918911088525e-07, new InverseGaussianDistribution(1, 0.005).cdf(0.7), 1e-10, "scipy invgauss.cdf, lambda 200");
        assertArrayEquals(new double[] {1, 8}, new PoissonDistribution(4).interval(0.95), "scipy poisson.ppf, mu 4");
        assertArrayEquals(new double[] {938, 1062}, new PoissonDistribution(1000).interval(0.95), "scipy poisson.ppf, mu 1000");
        assertArrayEquals(new double[] {0, 15}, new NegativeBinomialDistribution(4.2, 0.7).interval(0.95), "scipy nbinom.ppf");
        close(0.7795952467806856, new NegativeBinomialDistribution(4.2, 0.7).cdf(6), 1e-13, "scipy nbinom.cdf(6)");
        assertArrayEquals(new double[] {0.1, 0.5}, new BinomialDistribution(0.3, 20).interval(0.95), 1e-15, "scipy binom.ppf / 20");
        assertEquals(1.959963984540054, new NormalDistribution(0, 1).quantile(0.975), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> new PoissonDistribution(4).interval(1.0));
        assertThrows(IllegalArgumentException.class, () -> new PoissonDistribution(4).quantile(-0.1));
    }

    @Test
    void continuousQuantilesInvertTheCdf() {
        final List<ResponseDistribution> ds = List.of(new NormalDistribution(-2, 3), new GammaDistribution(2.5, 0.1),
                new GammaDistribution(2.5, 1), new GammaDistribution(0.5, 8), new InverseGaussianDistribution(1.7, 0.01),
                new InverseGaussianDistribution(1.7, 2), new InverseGaussianDistribution(30, 5),
                new TweedieDistribution(2, 0.5, 1.3), new TweedieDistribution(0.5, 2, 1.7), new TweedieDistribution(40, 1, 1.5));
        for (ResponseDistribution d : ds) {
            final double atom = d instanceof TweedieDistribution ? d.cdf(0) : 0;
            for (double p : PS) {
                final double q = d.quantile(p);
                if (p <= atom) {
                    assertEquals(0.0, q, d + ": p = " + p + " is within the atom at 0");
                    continue;
                }
                final double f = d.cdf(q);
                assertEquals(p, f, 1e-10 * Math.min(p, 1 - p) + 2e-15, d + ": F(q(" + p + ")) with q = " + q);
            }
        }
    }

    @Test
    void continuousCdfsAreIntegralsOfTheDensities() {
        final List<ResponseDistribution> ds = List.of(new GammaDistribution(2.5, 0.3), new GammaDistribution(1, 3),
                new InverseGaussianDistribution(1.7, 0.5), new TweedieDistribution(2, 0.5, 1.3), new TweedieDistribution(1, 1, 1.8));
        for (ResponseDistribution d : ds) {
            for (double[] ab : new double[][] {{0.05, 0.8}, {0.8, 2.5}, {2.5, 9}}) {
                final double quad = Reference.simpson(v -> Math.exp(d.logDensity(Math.exp(v)) + v), Math.log(ab[0]), Math.log(ab[1]), 4000);
                assertEquals(quad, d.cdf(ab[1]) - d.cdf(ab[0]), 1e-11, d + ": F(" + ab[1] + ") - F(" + ab[0] + ")");
            }
        }
        final TweedieDistribution t = new TweedieDistribution(2, 0.5, 1.3);
        assertEquals(Math.exp(-t.lambda()), t.cdf(0), 1e-16);
        assertEquals(0.0, t.quantile(0.5 * Math.exp(-t.lambda())));
    }

    @Test
    void discreteCdfsAreSumsOfMassesAndQuantilesAreTheirSmallestSolutions() {
        final List<ResponseDistribution> ds = List.of(new PoissonDistribution(0.05), new PoissonDistribution(3.7),
                new PoissonDistribution(250), new NegativeBinomialDistribution(0.3, 2), new NegativeBinomialDistribution(12, 0.4),
                new NegativeBinomialDistribution(300, 0.01));
        for (ResponseDistribution d : ds) {
            final int max = (int) (d.mean() + 60 * Math.sqrt(d.variance()) + 60);
            final double[] cum = new double[max + 1];
            double s = 0;
            for (int k = 0; k <= max; k++) {
                s += Math.exp(d.logDensity(k));
                cum[k] = s;
                assertEquals(s, d.cdf(k + 0.5), 1e-12, d + ": F(" + k + ") against the sum of masses");
            }
            for (double p : PS) {
                final int q = (int) d.quantile(p);
                assertTrue(cum[q] >= p - 1e-13 && (q == 0 || cum[q - 1] < p + 1e-13),
                        d + ": q(" + p + ") = " + q + " but F(q-1) = " + (q == 0 ? 0 : cum[q - 1]) + ", F(q) = " + cum[q]);
            }
        }
        for (double[] nm : new double[][] {{1, 0.3}, {13, 0.6}, {400, 0.02}}) {
            final BinomialDistribution d = new BinomialDistribution(nm[1], nm[0]);
            final int n = (int) nm[0];
            double s = 0;
            final double[] cum = new double[n + 1];
            for (int k = 0; k <= n; k++) {
                s += Math.exp(d.logDensity(k / nm[0]));
                cum[k] = s;
                assertEquals(s, d.cdf(k / nm[0]), 1e-12, d + ": F(" + k + "/n)");
            }
            for (double p : PS) {
                final int q = (int) Math.round(d.quantile(p) * n);
                assertTrue(cum[q] >= p - 1e-13 && (q == 0 || cum[q - 1] < p + 1e-13), d + ": q(" + p + ") = " + q + "/n");
            }
        }
    }

    @Test
    void discreteIntervalsCoverAtLeastTheirConfidence() {
        for (ResponseDistribution d : List.of(new PoissonDistribution(0.4), new PoissonDistribution(7),
                new NegativeBinomialDistribution(2, 1.5), new BinomialDistribution(0.1, 30))) {
            for (double c : new double[] {0.5, 0.8, 0.95, 0.99}) {
                final double[] iv = d.interval(c);
                final double step = d instanceof BinomialDistribution ? 1 / 30.0 : 1;
                final double inside = d.cdf(iv[1]) - (iv[0] == 0 ? 0 : d.cdf(iv[0] - step));
                assertTrue(inside >= c - 1e-12, d + ": interval " + iv[0] + ".." + iv[1] + " holds " + inside + " < " + c);
            }
        }
    }
}

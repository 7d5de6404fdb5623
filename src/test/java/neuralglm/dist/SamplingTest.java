package neuralglm.dist;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Draws (fixed seeds) against the distribution they come from: sample mean and variance within 5
 * standard errors of mu and phi V(mu) (the variance's standard error from the sample's fourth
 * moment), and a goodness-of-fit test at level 0.001: Kolmogorov-Smirnov ({@code sqrt(n) D < 1.95})
 * for continuous draws, Pearson's chi-square on cells of expected count &gt;= 5 for counts (critical
 * value by the Wilson-Hilferty approximation). Each sampler's branches are visited: Poisson inversion
 * and PTRS, gamma shapes below and above 1, binomial direct and recursive.
 */
class SamplingTest {

    private static final int N = 40_000;

    static Stream<ResponseDistribution> distributions() {
        return Stream.of(new NormalDistribution(1, 4), new GammaDistribution(2, 0.2), new GammaDistribution(2, 3),
                new InverseGaussianDistribution(1.5, 0.3), new InverseGaussianDistribution(1.5, 4),
                new PoissonDistribution(0.7), new PoissonDistribution(6), new PoissonDistribution(45), new PoissonDistribution(2000),
                new NegativeBinomialDistribution(3, 0.5), new NegativeBinomialDistribution(50, 2),
                new BinomialDistribution(0.3, 1), new BinomialDistribution(0.3, 25), new BinomialDistribution(0.07, 5000),
                new TweedieDistribution(2, 1, 1.3), new TweedieDistribution(0.5, 2, 1.7));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void momentsAndGoodnessOfFit(ResponseDistribution d) {
        final int n = d instanceof TweedieDistribution ? N / 4 : N;
        final Random rng = new Random(20261125L + d.toString().hashCode());
        final double[] x = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            x[i] = d.sample(rng);
            mean += x[i];
        }
        mean /= n;
        double m2 = 0, m4 = 0;
        for (double v : x) {
            final double r = v - mean;
            m2 += r * r;
            m4 += r * r * r * r;
        }
        m2 /= n - 1;
        m4 /= n;
        final double seMean = Math.sqrt(d.variance() / n), seVar = Math.sqrt((m4 - m2 * m2) / n);
        final double fm = mean, fv = m2;
        assertTrue(Math.abs(mean - d.mean()) < 5 * seMean, () -> d + ": sample mean " + fm + ", mu " + d.mean() + ", se " + seMean);
        assertTrue(Math.abs(m2 - d.variance()) < 5 * seVar, () -> d + ": sample variance " + fv + ", phi V(mu) " + d.variance() + ", se " + seVar);
        if (d.isDiscrete()) {
            chiSquare(d, x);
        } else {
            kolmogorovSmirnov(d, x);
        }
    }

    private static void kolmogorovSmirnov(ResponseDistribution d, double[] x) {
        final double[] s = x.clone();
        Arrays.sort(s);
        final int n = s.length;
        double dMax = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j < n && s[j] == s[i]) {
                j++;
            }
            final double f = d.cdf(s[i]);
            final double fBefore = s[i] == 0 ? 0 : f; // only the Tweedie atom at 0 has a jump
            dMax = Math.max(dMax, Math.max(Math.abs(f - (double) j / n), Math.abs(fBefore - (double) i / n)));
            i = j;
        }
        final double stat = Math.sqrt(n) * dMax;
        System.out.printf("sampling %-45s KS sqrt(n) D = %.3f%n", d, stat);
        assertTrue(stat < 1.95, () -> d + ": Kolmogorov-Smirnov sqrt(n) D = " + stat + " >= 1.95 (p < 0.001)");
    }

    private static void chiSquare(ResponseDistribution d, double[] x) {
        final double step = d instanceof BinomialDistribution ? 1.0 / ((BinomialDistribution) d).trials() : 1.0;
        final int n = x.length;
        final int max = (int) Math.round(d.quantile(1 - 1e-12) / step) + 1;
        final long[] observed = new long[max + 1];
        for (double v : x) {
            observed[(int) Math.min(max, Math.round(v / step))]++;
        }
        // cells: runs of consecutive values merged until the expected count reaches 5; the last absorbs the tail
        double stat = 0, expected = 0, lastExpected = 0;
        long obs = 0, lastObs = 0;
        int cells = 0;
        double cum = 0;
        for (int k = 0; k <= max; k++) {
            final double p = k == max ? 1 - cum : Math.exp(d.logDensity(k * step));
            cum += p;
            expected += n * p;
            obs += observed[k];
            if (expected >= 5 || k == max) {
                if (expected < 5 && cells > 0) {
                    // merge a small tail into the previous cell
                    stat -= (lastObs - lastExpected) * (lastObs - lastExpected) / lastExpected;
                    expected += lastExpected;
                    obs += lastObs;
                    cells--;
                }
                stat += (obs - expected) * (obs - expected) / expected;
                cells++;
                lastExpected = expected;
                lastObs = obs;
                expected = 0;
                obs = 0;
            }
        }
        final int df = Math.max(1, cells - 1);
        final double z = 3.090232306167813; // Phi^-1(0.999)
        final double c = 2.0 / (9 * df);
        final double critical = df * Math.pow(1 - c + z * Math.sqrt(c), 3);
        final double fs = stat;
        System.out.printf("sampling %-45s chi2 = %.2f on %d df (critical %.2f)%n", d, stat, df, critical);
        assertTrue(cells >= 2, d + ": too few cells");
        assertTrue(stat < critical, () -> d + ": chi-square " + fs + " on " + df + " df >= " + critical + " (p < 0.001)");
    }

    @Test
    void categoricalFrequencies() {
        final double[] p = {0.05, 0.6, 0.0, 0.35};
        final CategoricalDistribution d = new CategoricalDistribution(p);
        final Random rng = new Random(5);
        final long[] counts = new long[p.length];
        for (int i = 0; i < N; i++) {
            counts[d.sample(rng)]++;
        }
        assertTrue(counts[2] == 0, "a class of probability 0 is never drawn");
        double stat = 0;
        for (int j = 0; j < p.length; j++) {
            if (p[j] > 0) {
                stat += (counts[j] - N * p[j]) * (counts[j] - N * p[j]) / (N * p[j]);
            }
        }
        assertTrue(stat < 13.82, "chi-square on 2 df " + stat + " >= 13.82 (p < 0.001)");
    }
}

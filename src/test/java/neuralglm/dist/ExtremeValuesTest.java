package neuralglm.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import neuralglm.family.BinomialFamily;
import neuralglm.family.Families;
import neuralglm.family.Family;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 item 2: every finite (mu, phi, y) gives an answer or a clear error in bounded time. The
 * inputs are searched, not listed: means, dispersions, values and family parameters are drawn
 * log-uniformly over the whole double range (plus its edges), for every family of the registry, and
 * each distribution's calls must finish within a generous bound ({@code assertTimeoutPreemptively}: a
 * hang detector, not a speed claim), give no NaN, a cdf in [0, 1] that never decreases, quantiles
 * that never decrease and are consistent with the cdf, and finite log densities at the median. Then
 * the asymptotic forms are checked against the exact ones where both work.
 */
class ExtremeValuesTest {

    /** Hang detector per distribution (about 60 calls); the slowest seen take well under a second. */
    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final double[] PS = {1e-12, 1e-4, 0.025, 0.3, 0.5, 0.7, 0.975, 1 - 1e-4, 1 - 1e-12};
    private static final int CASES_PER_FAMILY = 30;

    private static double logUniform(Random rng, double lo, double hi) {
        return Math.exp(Math.log(lo) + rng.nextDouble() * (Math.log(hi) - Math.log(lo)));
    }

    /** A magnitude across the whole double range, with its edges now and then. */
    private static double magnitude(Random rng) {
        final double[] edges = {Double.MIN_VALUE, Double.MIN_NORMAL, 1e-300, 1e-20, 1, 1e20, 1e300, Double.MAX_VALUE};
        return rng.nextInt(5) == 0 ? edges[rng.nextInt(edges.length)] : logUniform(rng, Double.MIN_NORMAL, Double.MAX_VALUE);
    }

    private static Family family(String name, Random rng) {
        switch (name) {
            case "NegativeBinomial":
                return Families.byName(name, logUniform(rng, 1e-10, 1e10), false);
            case "Tweedie":
                final double[] powers = {1.0, 1.001, 1.2, 1.5, 1.8, 1.999, 2.0, 3.0, 1 + rng.nextDouble()};
                return Families.byName(name, powers[rng.nextInt(powers.length)], false);
            default:
                return Families.byName(name, Double.NaN, rng.nextBoolean());
        }
    }

    private static final class Counts {
        int distributions;
        int refused;
        long calls;
    }

    private double slowest;
    private String slowestWhat;

    @Test
    void everyFamilyAnswersOrRefusesInBoundedTimeOverTheWholeDoubleRange() {
        final Random rng = new Random(15);
        final Counts counts = new Counts();
        final long start = System.nanoTime();
        final List<String> refusals = new ArrayList<>();
        for (String name : Families.NAMES) {
            if (name.equals("Categorical")) {
                continue; // a row of class probabilities: no scalar distribution (refused by the family)
            }
            for (int c = 0; c < CASES_PER_FAMILY; c++) {
                final Family family = family(name, rng);
                double mu = magnitude(rng);
                if (name.equals("Gaussian") && rng.nextBoolean()) {
                    mu = -mu;
                }
                if (name.equals("Bernoulli") || name.equals("Binomial")) {
                    mu = rng.nextInt(6) == 0 ? rng.nextInt(2) : Math.min(1, logUniform(rng, 1e-300, 1));
                }
                final double phi = rng.nextInt(3) == 0 ? 1.0 : magnitude(rng);
                final double trials = rng.nextInt(4) == 0 ? rng.nextInt(3) * 0.5 : Math.floor(logUniform(rng, 1, 1e18));
                final ResponseDistribution d;
                try {
                    d = family.distribution(mu, phi, trials);
                } catch (IllegalArgumentException e) {
                    counts.refused++;
                    refusals.add(e.getMessage());
                    assertFalse(e.getMessage() == null || e.getMessage().isBlank());
                    continue;
                }
                counts.distributions++;
                final long seed = rng.nextLong();
                final String what = family + " at mu = " + mu + ", phi = " + phi + ", trials = " + trials + ": " + d;
                final long t0 = System.nanoTime();
                counts.calls += assertTimeoutPreemptively(BOUND, () -> battery(d, new Random(seed), what), what);
                final double took = (System.nanoTime() - t0) * 1e-9;
                if (took > slowest) {
                    slowest = took;
                    slowestWhat = what;
                }
            }
        }
        final double seconds = (System.nanoTime() - start) * 1e-9;
        System.out.printf(Locale.ROOT, "extreme values: %d distributions (%d refused with a message), %d calls, %.1f s%n",
                counts.distributions, counts.refused, counts.calls, seconds);
        System.out.printf(Locale.ROOT, "  slowest battery %.2f s: %s%n", slowest, slowestWhat);
        for (String r : refusals.subList(0, Math.min(3, refusals.size()))) {
            System.out.println("  e.g. refused: " + r);
        }
        assertTrue(counts.distributions > 8 * CASES_PER_FAMILY, "most draws have a distribution");
    }

    /** @return the number of calls made */
    private static long battery(ResponseDistribution d, Random rng, String what) {
        long calls = 0;
        // values: the quantiles, the mean, edges and log-uniform magnitudes of both signs
        final double[] q = new double[PS.length];
        for (int i = 0; i < PS.length; i++) {
            q[i] = d.quantile(PS[i]);
            calls++;
            assertFalse(Double.isNaN(q[i]), () -> what + ": NaN quantile");
            if (i > 0) {
                final double prev = q[i - 1], cur = q[i];
                assertTrue(cur >= prev, () -> what + ": quantiles decrease " + Arrays.toString(q));
            }
        }
        for (int i = 0; i < PS.length; i++) {
            final double p = PS[i];
            final int at = i;
            if (!Double.isFinite(q[i])) {
                continue;
            }
            if (d.isDiscrete() && Math.ulp(q[i]) <= 1e-3) {
                final double f = d.cdf(q[i]);
                calls++;
                assertTrue(f >= p - 1e-9, () -> what + ": F(q(" + p + ")) = " + f + " < p; q = " + q[at]);
                final double step = d instanceof BinomialDistribution ? 1.0 / ((BinomialDistribution) d).trials() : 1.0;
                final double below = q[i] - step;
                if (below >= 0 && below != q[i]) {
                    final double fb = d.cdf(below);
                    calls++;
                    assertTrue(fb < p + 1e-9, () -> what + ": F(q(" + p + ") - 1) = " + fb + " >= p; q = " + q[at]);
                }
            } else if (q[i] != 0) {
                // q is the p-quantile to 1e-12 relative (or the nearest doubles, when the spread is below them;
                // for counts past 2^53, whose neighbouring doubles are more than 1 apart, likewise)
                final double up = q[i] + Math.max(1e-12 * Math.abs(q[i]), 4 * Math.ulp(q[i]));
                final double down = q[i] - Math.max(1e-12 * Math.abs(q[i]), 4 * Math.ulp(q[i]));
                final double fu = d.cdf(up), fd = d.cdf(down);
                calls += 2;
                assertTrue(fu >= p - 1e-9 && fd <= p + 1e-9,
                        () -> what + ": q(" + p + ") = " + q[at] + " but F just above is " + fu + ", just below " + fd);
            }
        }
        final double median = q[PS.length / 2];
        final double atMedian = d.logDensity(median);
        calls++;
        // a median below the smallest double is 0, outside a continuous support; a spread below what doubles
        // near the median resolve puts the computed median off the true one by more than the spread
        final boolean resolved = Math.sqrt(d.variance()) > 1e-6 * Math.abs(median) || d.isDiscrete();
        if (resolved && (d.isDiscrete() || median != 0)) {
            assertTrue(Double.isFinite(atMedian) || atMedian == Double.NEGATIVE_INFINITY && Math.abs(median) == Double.MAX_VALUE,
                    () -> what + ": log density at the median " + median + " is " + atMedian);
        }
        final double[] ys = new double[24];
        int n = 0;
        for (double v : new double[] {0, Double.MIN_VALUE, 1e-300, 1, d.mean(), Double.MAX_VALUE, -1}) {
            ys[n++] = v;
        }
        while (n < ys.length) {
            final double m = magnitude(rng);
            ys[n++] = d.isDiscrete() && !(d instanceof BinomialDistribution) ? Math.floor(m) : (rng.nextInt(4) == 0 ? -m : m);
        }
        for (double y : ys) {
            final double ld = d.logDensity(y);
            calls++;
            assertFalse(Double.isNaN(ld) || ld == Double.POSITIVE_INFINITY && d.isDiscrete(),
                    () -> what + ": log density at " + y + " is " + ld);
        }
        Arrays.sort(ys);
        double last = 0;
        for (double y : ys) {
            final double f = d.cdf(y);
            calls++;
            final double prev = last;
            assertTrue(f >= 0 && f <= 1, () -> what + ": F(" + y + ") = " + f);
            assertTrue(f >= prev - 1e-12, () -> what + ": the cdf decreases to " + f + " at " + y + " from " + prev);
            last = f;
        }
        final double[] iv = d.interval(0.95);
        calls++;
        assertTrue(iv[0] <= iv[1] && !Double.isNaN(iv[0]) && !Double.isNaN(iv[1]), () -> what + ": interval " + Arrays.toString(iv));
        for (int i = 0; i < 3; i++) {
            final double s = d.sample(rng);
            calls++;
            assertFalse(Double.isNaN(s), () -> what + ": NaN draw");
        }
        return calls;
    }

    // ------------------------------------------------------------------ the cases of the issue

    @Test
    void theCasesOfTheIssueAnswer() {
        assertTimeoutPreemptively(BOUND, () -> {
            // a test class value of 1e40 with Tweedie 1.5 (the series never ended)
            final TweedieDistribution t = new TweedieDistribution(1, 1, 1.5);
            final double ld = t.logDensity(1e40);
            assertTrue(Double.isFinite(ld) && ld < -1e19, "log density " + ld);
            // an interval at a huge mean (x = 300 through the log link) and a cdf whose counter overflowed
            for (double mu : new double[] {Math.exp(300), 1e100, 1e300}) {
                // the spread (relative 1e-25 or less) is below what doubles near mu resolve
                final TweedieDistribution big = new TweedieDistribution(mu, 2, 1.5);
                final double[] iv = big.interval(0.95);
                assertTrue(iv[0] <= iv[1] && Math.abs(iv[0] - mu) < 1e-12 * mu && Math.abs(iv[1] - mu) < 1e-12 * mu,
                        mu + ": " + Arrays.toString(iv));
            }
            final TweedieDistribution wide = new TweedieDistribution(1e20, 1, 1.5); // sd 1e15, lambda 2e10
            final double[] w = wide.interval(0.95);
            assertEquals(1e20 - 1.959963984540054e15, w[0], 1e-3 * 1e15);
            assertEquals(1e20 + 1.959963984540054e15, w[1], 1e-3 * 1e15);
            assertEquals(0.5, wide.cdf(1e20), 1e-4);
            // a Poisson mean of 1e20: the interval is mu -+ 1.96 sqrt(mu), not capped at Long.MAX_VALUE
            final double[] iv = new PoissonDistribution(1e20).interval(0.95);
            assertEquals(1e20 - 1.959963984540054e10, iv[0], 2e5);
            assertEquals(1e20 + 1.959963984540054e10, iv[1], 2e5);
            final double[] nb = new NegativeBinomialDistribution(1e20, 1e-30).interval(0.95);
            assertEquals(1e20 - 1.959963984540054e10, nb[0], 2e5);
        });
    }

    // ------------------------------------------------------------------ asymptotic forms against exact ones

    /** Temme's expansion of P(a, x) against the series / continued fraction where both work. */
    @Test
    void temmeExpansionMatchesTheSeriesAndFractionInTheOverlap() {
        for (double a : new double[] {2e3, 1e4, 3e4, 1e5, 3e5}) {
            double worst = 0;
            for (double z = -30; z <= 30; z += 0.25) {
                final double x = a + z * Math.sqrt(a);
                if (x <= 0) {
                    continue;
                }
                final double exactP = SpecialFunctions.exactLogGamma(a, x, false);
                final double exactQ = SpecialFunctions.exactLogGamma(a, x, true);
                final double temmeP = SpecialFunctions.temme(a, x, false);
                final double temmeQ = SpecialFunctions.temme(a, x, true);
                // absolute error of P and Q, and relative error of whichever is the tail
                worst = Math.max(worst, Math.abs(Math.exp(exactP) - Math.exp(temmeP)));
                final double tailRel = z < 0 ? Math.abs(temmeP - exactP) : Math.abs(temmeQ - exactQ);
                assertTrue(tailRel < 1e-8 * Math.max(1, Math.abs(z)), a + ", z " + z + ": log tail " + tailRel);
            }
            final double w = worst;
            System.out.printf(Locale.ROOT, "Temme vs series/fraction, a = %.0e: largest |dP| = %.2e%n", a, w);
            // the exact forms' own round-off (their prefactor x^a e^-x / Gamma(a) cancels terms of size a log a)
            // dominates the expansion's truncation error 1e-3/a^2
            assertTrue(w < 2e-15 * a * Math.log(a) + 1e-4 / (a * a), "a = " + a + ": " + w);
        }
    }

    /** Loader's saddle-point masses against the direct log-gamma forms where the latter keep their digits. */
    @Test
    void saddlePointMassesMatchTheDirectForms() {
        for (double mu : new double[] {0.3, 7, 250, 1e4}) {
            for (double k = 1; k < 3 * mu + 40; k = Math.ceil(k * 1.3)) {
                final double direct = k * Math.log(mu) - mu - SpecialFunctions.logGamma(k + 1);
                assertEquals(direct, new PoissonDistribution(mu).logDensity(k), 1e-11 * Math.max(1, Math.abs(direct)));
            }
        }
        // far past where the direct form cancels: log P(Y = mu) -> -log(2 pi mu)/2 - 1/(12 mu)
        for (double mu : new double[] {1e12, 1e20, 1e100}) {
            assertEquals(-0.5 * Math.log(2 * Math.PI * mu), new PoissonDistribution(mu).logDensity(mu), 1e-10);
        }
        final double mu = 1234.5, alpha = 0.02;
        for (double y = 1000; y < 4000; y += 97) {
            final double r = 1 / alpha;
            final double direct = SpecialFunctions.logGamma(y + r) - SpecialFunctions.logGamma(r) - SpecialFunctions.logGamma(y + 1)
                    - r * Math.log1p(alpha * mu) + y * (Math.log(alpha * mu) - Math.log1p(alpha * mu));
            assertEquals(direct, new NegativeBinomialDistribution(mu, alpha).logDensity(y), 1e-10 * Math.abs(direct));
        }
        for (double y = 0.5; y < 2; y += 0.1) {
            final double shape = 5000, scale = 1.0 / shape; // mean 1
            final double direct = (shape - 1) * Math.log(y) - y / scale - SpecialFunctions.logGamma(shape) - shape * Math.log(scale);
            assertEquals(direct, new GammaDistribution(1, 1 / shape).logDensity(y), 1e-9 * Math.max(1, Math.abs(direct)));
        }
    }

    /** Dunn and Smyth's saddle point against the series where both work: the error falls like 1/N. */
    @Test
    void tweedieSaddlePointMatchesTheSeriesInTheOverlap() {
        for (double power : new double[] {1.2, 1.5, 1.8}) {
            for (double mu : new double[] {1e3, 1e5}) {
                final TweedieDistribution t = new TweedieDistribution(mu, 1, power);
                for (double y : new double[] {0.5 * mu, mu, 2 * mu, 10 * mu}) {
                    final double gamma = (2 - power) / (power - 1);
                    final double c = Math.log(t.lambda()) + gamma * Math.log(y / ((power - 1) * Math.pow(mu, power - 1)));
                    final double peak = Math.exp((c - gamma * Math.log(gamma)) / (1 + gamma));
                    if (peak < 30) {
                        continue;
                    }
                    final double series = t.seriesLogDensity(y, c, peak), saddle = t.saddlePoint(y);
                    System.out.printf(Locale.ROOT, "Tweedie p %.1f mu %.0e y/mu %4.1f: peak N %.3g, saddle - series = %.2e%n",
                            power, mu, y / mu, peak, saddle - series);
                    assertEquals(series, saddle, 1.0 / peak, "p " + power + ", mu " + mu + ", y " + y);
                }
            }
        }
    }

    /** The Tweedie cdf: trapezoid Poisson sum against the exact sum, and the Edgeworth form against both. */
    @Test
    void tweedieCdfFormsAgreeInTheOverlap() {
        // lambda just below and above the switch to the trapezoid rule (about 1.25e4): compare with a direct sum
        for (double lambdaTarget : new double[] {2e4, 1e6}) {
            final double power = 1.5, phi = 1, mu = Math.pow(lambdaTarget * phi * (2 - power), 1 / (2 - power));
            final TweedieDistribution t = new TweedieDistribution(mu, phi, power);
            final double gamma = (2 - power) / (power - 1), theta = phi * (power - 1) * Math.pow(mu, power - 1);
            for (double z : new double[] {-3, -1, 0, 1, 3}) {
                final double y = mu + z * Math.sqrt(phi * Math.pow(mu, power));
                double direct = Math.exp(-t.lambda());
                final double lam = t.lambda();
                for (double n = Math.max(1, Math.floor(lam - 60 * Math.sqrt(lam))); n <= lam + 60 * Math.sqrt(lam); n++) {
                    direct += Math.exp(SpecialFunctions.logPoissonMass(n, lam)) * SpecialFunctions.regularizedGammaP(n * gamma, y / theta);
                }
                assertEquals(direct, t.cdf(y), 1e-12, "lambda " + lam + ", z " + z);
                final double edge = t.edgeworth(y);
                System.out.printf(Locale.ROOT, "Tweedie cdf lambda %.1e z %+.0f: sum %.15f, Edgeworth - sum %.2e%n", lam, z, direct,
                        edge - direct);
                assertEquals(direct, edge, 2.0 / lam, "Edgeworth, lambda " + lam + ", z " + z);
            }
        }
    }

    /**
     * The Tweedie cdf's trapezoid rule (a few nodes per scale of the summand) against the sum over every whole N, and
     * the quantiles it gives against that sum, over powers from 1.01 (gamma 99: the incomplete gamma's step in N is
     * the narrow scale) to 1.99 and rates from below the rule's switch to 2e4, out to six sd.
     */
    @Test
    void tweedieCdfTrapezoidMatchesTheSumOverWholeN() {
        double worst = 0, worstQ = 0;
        for (double lam : new double[] {30, 100, 230, 1000, 2e4}) {
            for (double power : new double[] {1.01, 1.1, 1.3, 1.5, 1.7, 1.9, 1.99}) {
                final double phi = 1, mu = Math.pow(lam * phi * (2 - power), 1 / (2 - power));
                final TweedieDistribution t = new TweedieDistribution(mu, phi, power);
                assertEquals(lam, t.lambda(), 1e-9 * lam);
                final double sd = Math.exp(0.5 * (Math.log(phi) + power * Math.log(mu))); // mu^p overflows at p 1.99
                for (double z : new double[] {-6, -3, -1, 0, 1, 3, 6}) {
                    final double y = mu + z * sd;
                    if (y <= 0) {
                        continue;
                    }
                    final double direct = wholeNSum(t, mu, phi, power, y);
                    worst = Math.max(worst, Math.abs(direct - t.cdf(y)));
                    assertEquals(direct, t.cdf(y), 2e-13, "lambda " + lam + ", p " + power + ", z " + z);
                }
                for (double q : new double[] {0.025, 0.975}) {
                    final double y = t.quantile(q);
                    worstQ = Math.max(worstQ, Math.abs(wholeNSum(t, mu, phi, power, y) - q));
                    assertEquals(q, wholeNSum(t, mu, phi, power, y), 1e-12, "quantile " + q + ", lambda " + lam + ", p " + power);
                }
            }
        }
        System.out.printf(Locale.ROOT, "Tweedie cdf against the sum over whole N: largest error %.1e, at the quantiles %.1e%n",
                worst, worstQ);
    }

    /** F(y) = exp(-lambda) + sum over every whole N of Pois(N; lambda) P(N gamma, y / theta), far past e^-40 of the mode. */
    private static double wholeNSum(TweedieDistribution t, double mu, double phi, double power, double y) {
        final double lam = t.lambda(), gamma = (2 - power) / (power - 1);
        // x = y / theta as the class forms it (in logs): P(N gamma, x) at N gamma ~ 1e6 turns a last-digit change of x into 1e-13
        final double x = Math.exp(Math.log(y) - (Math.log(phi) + Math.log(power - 1) + (power - 1) * Math.log(mu)));
        double sum = Math.exp(-lam);
        for (double n = Math.max(1, Math.floor(lam - 12 * Math.sqrt(lam) - 100)); n <= lam + 12 * Math.sqrt(lam) + 100; n++) {
            sum += Math.exp(SpecialFunctions.logPoissonMass(n, lam)) * SpecialFunctions.regularizedGammaP(n * gamma, x);
        }
        return sum;
    }

    /** The incomplete beta's large-shape forms against its continued fraction, below the switch where both work. */
    @Test
    void incompleteBetaAsymptoticsMatchTheContinuedFractionInTheOverlap() {
        for (double b : new double[] {1e7, 1e8}) {
            for (double a : new double[] {0.5, 5, 300}) {
                double worst = 0;
                for (double q : new double[] {0.01, 0.2, 0.5, 0.8, 0.99}) {
                    final double x = new GammaDistribution(a, 1 / a).quantile(q) / b; // b X ~ Gamma(a)
                    final double cf = SpecialFunctions.regularizedBeta(x, a, b);
                    final double asym = SpecialFunctions.betaAsymptotic(x, a, b, Math.log(x), Math.log1p(-x));
                    final double flipped = SpecialFunctions.betaAsymptotic(1 - x, b, a, Math.log1p(-x), Math.log(x));
                    worst = Math.max(worst, Math.max(Math.abs(cf - asym), Math.abs(1 - cf - flipped)));
                }
                System.out.printf(Locale.ROOT, "beta gamma-limit a %.1f b %.0e: largest error %.2e%n", a, b, worst);
                assertTrue(worst < 1e-9, "a " + a + ", b " + b + ": " + worst);
            }
        }
        for (double[] ab : new double[][] {{2e6, 2e6}, {2e6, 3e7}, {3e7, 1e8}}) {
            final double a = ab[0], b = ab[1], m = a / (a + b), sd = Math.sqrt(a * b / ((a + b) * (a + b) * (a + b + 1)));
            double worst = 0;
            for (double z = -4; z <= 4; z += 0.5) {
                final double x = m + z * sd;
                final double cf = SpecialFunctions.regularizedBeta(x, a, b);
                worst = Math.max(worst, Math.abs(cf - SpecialFunctions.betaAsymptotic(x, a, b, Math.log(x), Math.log1p(-x))));
            }
            System.out.printf(Locale.ROOT, "beta Edgeworth a %.0e b %.0e: largest error %.2e%n", a, b, worst);
            // the fraction's own round-off (its prefactor cancels terms of size a log x) is about 1e-15 (a + b)
            assertTrue(worst < 1.0 / a + 1e-15 * (a + b), "a " + a + ", b " + b + ": " + worst);
        }
    }

    @Test
    void binomialTrialsAreRoundedToWholeNumbersOfAtLeastOne() {
        assertEquals(1, BinomialFamily.wholeTrials(0));
        assertEquals(1, BinomialFamily.wholeTrials(0.3));
        assertEquals(3, BinomialFamily.wholeTrials(2.5));
        assertEquals(2, BinomialFamily.wholeTrials(2.49));
        for (double bad : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
            try {
                BinomialFamily.wholeTrials(bad);
                fail("accepted " + bad);
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage().contains("instance weight"), e.getMessage());
            }
        }
    }
}

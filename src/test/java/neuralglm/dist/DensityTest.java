package neuralglm.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import neuralglm.family.BernoulliFamily;
import neuralglm.family.BinomialFamily;
import neuralglm.family.CategoricalFamily;
import neuralglm.family.ExponentialDistributionFamily;
import neuralglm.family.Family;
import neuralglm.family.GammaFamily;
import neuralglm.family.GaussianFamily;
import neuralglm.family.InverseGaussianFamily;
import neuralglm.family.NegativeBinomialFamily;
import neuralglm.family.PoissonFamily;
import neuralglm.family.TweedieFamily;
import org.junit.jupiter.api.Test;

/**
 * Exact log densities and masses against closed forms written here (with Lanczos' log-gamma, not
 * the code's Stirling series), values from scipy.stats 1.17 (quoted), total mass 1 (sums, and
 * Simpson quadrature in v = log y), and the family's NLL: {@code log f(y; mu1) - log f(y; mu2) =
 * -(l(g(mu1); y) - l(g(mu2); y)) / phi}, which ties the densities to the training loss.
 */
class DensityTest {

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    /** Total mass on y &gt; 0: Simpson in v = log y over [lo, hi]. */
    private static double integral(ResponseDistribution d, double lo, double hi) {
        return Reference.simpson(v -> Math.exp(d.logDensity(Math.exp(v)) + v), Math.log(lo), Math.log(hi), 20000);
    }

    private static double massSum(ResponseDistribution d, int max) {
        double s = 0;
        for (int k = 0; k <= max; k++) {
            s += Math.exp(d.logDensity(k));
        }
        return s;
    }

    @Test
    void gaussian() {
        final NormalDistribution d = new NormalDistribution(1.3, 0.7);
        for (double y = -4; y < 6; y += 0.37) {
            assertEquals(-0.5 * LOG_2PI - 0.5 * Math.log(0.7) - (y - 1.3) * (y - 1.3) / 1.4, d.logDensity(y), 1e-14);
        }
        assertEquals(1.0, Reference.simpson(y -> Math.exp(d.logDensity(y)), -10, 12, 20000), 1e-12);
    }

    @Test
    void poisson() {
        assertEquals(-1.5428872736055896, new PoissonDistribution(2.5).logDensity(3), 1e-14, "scipy poisson.logpmf(3, 2.5)");
        for (double mu : new double[] {0.03, 2.5, 40, 900}) {
            final PoissonDistribution d = new PoissonDistribution(mu);
            for (int y = 0; y < 3 * mu + 20; y += 1 + (int) (mu / 10)) {
                final double direct = y * Math.log(mu) - mu - Reference.logGamma(y + 1);
                assertEquals(direct, d.logDensity(y), 1e-12 * Math.max(1, Math.abs(direct)), "Poisson(" + mu + ") at " + y);
            }
            // the log masses are of size y log mu ~ 6e3 at mu = 900, each good to ~1e-12 relative
            assertEquals(1.0, massSum(d, (int) (mu + 40 * Math.sqrt(mu) + 40)), 1e-12, "sum of Poisson(" + mu + ") masses");
        }
        final PoissonDistribution d = new PoissonDistribution(2.5);
        assertEquals(Double.NEGATIVE_INFINITY, d.logDensity(1.5));
        assertEquals(Double.NEGATIVE_INFINITY, d.logDensity(-1));
        assertEquals(0.0, new PoissonDistribution(0).logDensity(0));
    }

    @Test
    void negativeBinomial() {
        assertEquals(-2.7780804414457805, new NegativeBinomialDistribution(4.2, 0.7).logDensity(6), 1e-14,
                "scipy nbinom.logpmf(6, 1/0.7, (1/0.7)/(1/0.7 + 4.2))");
        for (double alpha : new double[] {1e-3, 0.7, 5}) {
            for (double mu : new double[] {0.2, 4.2, 60}) {
                final NegativeBinomialDistribution d = new NegativeBinomialDistribution(mu, alpha);
                final double r = 1 / alpha, q = r / (r + mu);
                for (int y = 0; y < 2000; y += 1 + y / 3) {
                    final double direct = Reference.logGamma(y + r) - Reference.logGamma(r) - Reference.logGamma(y + 1)
                            + r * Math.log(q) + y * Math.log1p(-q);
                    assertEquals(direct, d.logDensity(y), 1e-11 * Math.max(1, Math.abs(direct)),
                            "NB(" + mu + ", " + alpha + ") at " + y);
                }
                assertEquals(1.0, massSum(d, 20000), 1e-12, "sum of NB(" + mu + ", " + alpha + ") masses");
            }
        }
        // the Poisson limit: r = 1e9, where the rising factorial must not be formed as a difference of log-gammas
        for (int y = 0; y < 15; y++) {
            assertEquals(new PoissonDistribution(3.3).logDensity(y), new NegativeBinomialDistribution(3.3, 1e-9).logDensity(y),
                    1e-7, "NB near alpha = 0 at " + y);
        }
    }

    @Test
    void binomialOnTheProportionScale() {
        final BinomialDistribution d = new BinomialDistribution(0.3, 20);
        assertEquals(-1.8062926549204255, d.logDensity(7 / 20.0), 1e-14, "scipy binom.logpmf(7, 20, 0.3)");
        assertEquals(Double.NEGATIVE_INFINITY, d.logDensity(0.33), "0.33 is not a multiple of 1/20");
        assertEquals(Double.NEGATIVE_INFINITY, d.logDensity(1.05));
        for (int n : new int[] {1, 7, 500}) {
            for (double mu : new double[] {0.0, 0.02, 0.5, 0.93, 1.0}) {
                final BinomialDistribution b = new BinomialDistribution(mu, n);
                double sum = 0;
                for (int s = 0; s <= n; s++) {
                    final double lp = b.logDensity(s / (double) n);
                    sum += Math.exp(lp);
                    if (mu > 0 && mu < 1) {
                        final double direct = Reference.logGamma(n + 1) - Reference.logGamma(s + 1) - Reference.logGamma(n - s + 1)
                                + s * Math.log(mu) + (n - s) * Math.log(1 - mu);
                        assertEquals(direct, lp, 1e-11 * Math.max(1, Math.abs(direct)), "Bin(" + n + ", " + mu + ") at " + s);
                    }
                }
                assertEquals(1.0, sum, 1e-12, "sum of Bin(" + n + ", " + mu + ") masses");
            }
        }
        final ResponseDistribution bern = Distributions.of(new BernoulliFamily(), 0.8, 99);
        assertEquals(Math.log(0.8), bern.logDensity(1), 1e-15);
        assertEquals(Math.log(0.2), bern.logDensity(0), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> new BinomialDistribution(0.5, 2.5));
    }

    @Test
    void gammaAndExponential() {
        assertEquals(-1.4891395225187252, new GammaDistribution(3, 0.5).logDensity(2.2), 1e-14, "scipy gamma.logpdf(2.2, 2, scale=1.5)");
        for (double phi : new double[] {0.05, 0.5, 1, 4}) {
            final GammaDistribution d = new GammaDistribution(2.5, phi);
            final double k = 1 / phi, theta = 2.5 * phi;
            for (double y = 0.01; y < 40; y *= 1.5) {
                final double direct = (k - 1) * Math.log(y) - y / theta - Reference.logGamma(k) - k * Math.log(theta);
                assertEquals(direct, d.logDensity(y), 1e-12 * Math.max(1, Math.abs(direct)), "Gamma phi " + phi + " at " + y);
            }
            assertEquals(1.0, integral(d, 1e-200, 2000), 1e-9, "integral of Gamma(2.5, phi=" + phi + ")");
        }
        final ResponseDistribution exp = Distributions.of(new ExponentialDistributionFamily(), 2.0, 17);
        assertEquals(-Math.log(2) - 3 / 2.0, exp.logDensity(3), 1e-15, "exponential: phi is 1 whatever is passed");
        assertEquals(Double.NEGATIVE_INFINITY, exp.logDensity(0));
    }

    @Test
    void inverseGaussian() {
        assertEquals(-0.9721280255072934, new InverseGaussianDistribution(2, 0.4).logDensity(1.3), 1e-14,
                "scipy invgauss.logpdf(1.3, 2/2.5, scale=2.5)");
        for (double phi : new double[] {0.01, 0.4, 3}) {
            final InverseGaussianDistribution d = new InverseGaussianDistribution(1.7, phi);
            assertEquals(1.0, integral(d, 1e-6, 1e6), 1e-9, "integral of IG(1.7, phi=" + phi + ")");
        }
    }

    @Test
    void categorical() {
        final CategoricalDistribution d = new CategoricalDistribution(new double[] {0.2, 0.5, 0.3});
        assertEquals(Math.log(0.5), d.logMass(1), 1e-15);
        assertEquals(Double.NEGATIVE_INFINITY, d.logMass(3));
        assertThrows(IllegalArgumentException.class, () -> new CategoricalDistribution(new double[] {0.2, 0.5}));
        assertThrows(IllegalArgumentException.class, () -> Distributions.of(new CategoricalFamily(), 0.5, 1));
    }

    /** Modified Bessel I_1 by its power series (moderate arguments). */
    private static double besselI1(double x) {
        double term = x / 2, sum = term;
        for (int k = 1; k < 500; k++) {
            term *= (x / 2) * (x / 2) / (k * (k + 1.0));
            sum += term;
        }
        return sum;
    }

    @Test
    void tweedieSeriesMatchesTheBesselFormAtPowerOneAndAHalfAndHasMassOne() {
        // p = 1.5: gamma = 1, f(y) = exp(-lambda - y/theta) sqrt(lambda/(y theta)) I_1(2 sqrt(lambda y / theta))
        for (double[] mp : new double[][] {{1.0, 1.0}, {3.0, 0.4}, {0.2, 2.0}}) {
            final double mu = mp[0], phi = mp[1];
            final TweedieDistribution d = new TweedieDistribution(mu, phi, 1.5);
            final double lambda = Math.sqrt(mu) / (phi * 0.5), theta = phi * 0.5 * Math.sqrt(mu);
            assertEquals(-lambda, d.logDensity(0), 1e-14);
            for (double y = 0.01; y < 30; y *= 1.4) {
                final double bessel = -lambda - y / theta + 0.5 * Math.log(lambda / (y * theta))
                        + Math.log(besselI1(2 * Math.sqrt(lambda * y / theta)));
                assertEquals(bessel, d.logDensity(y), 1e-11 * Math.max(1, Math.abs(bessel)), "Tweedie(" + mu + ", " + phi + ") at " + y);
            }
        }
        for (double p : new double[] {1.1, 1.5, 1.8}) {
            for (double[] mp : new double[][] {{1.0, 1.0}, {5.0, 0.3}, {0.1, 3.0}}) {
                final TweedieDistribution d = new TweedieDistribution(mp[0], mp[1], p);
                final double total = Math.exp(d.logDensity(0)) + integral(d, 1e-250, 1e4);
                assertEquals(1.0, total, 1e-8, "P(0) + integral of Tweedie(" + mp[0] + ", " + mp[1] + ", " + p + ")");
            }
        }
    }

    /** log f(y; mu1) - log f(y; mu2) = -(l(g(mu1); y) - l(g(mu2); y)) n / phi for every family with a likelihood. */
    @Test
    void densityRatiosAgreeWithTheFamilyNll() {
        final Object[][] cases = {
            {new GaussianFamily(), 0.7, new double[] {-1.2, 0.4, 3.0}, 1.1, 2.0},
            {new PoissonFamily(), 1.0, new double[] {0, 1, 4, 9}, 3.0, 5.5},
            {new BinomialFamily(), 1.0, new double[] {0.0, 0.25, 0.75, 1.0}, 0.3, 0.6},
            {new GammaFamily(), 0.3, new double[] {0.2, 1.0, 4.0}, 1.5, 2.2},
            {new InverseGaussianFamily(), 0.8, new double[] {0.2, 1.0, 4.0}, 1.5, 2.2},
            {new NegativeBinomialFamily(0.6), 1.0, new double[] {0, 2, 7, 30}, 2.0, 9.0},
            {new TweedieFamily(1.4), 0.9, new double[] {0.0, 0.3, 2.0, 6.0}, 1.2, 3.0},
        };
        for (Object[] c : cases) {
            final Family f = (Family) c[0];
            final double phi = (Double) c[1], mu1 = (Double) c[3], mu2 = (Double) c[4];
            final double trials = f instanceof BinomialFamily ? 4 : 1;
            for (double y : (double[]) c[2]) {
                final double lhs = Distributions.of(f, mu1, phi, trials).logDensity(y)
                        - Distributions.of(f, mu2, phi, trials).logDensity(y);
                final double dispersion = f.hasFixedDispersion() ? 1 : phi;
                final double rhs = -trials * (f.nll(f.link().apply(mu1), y) - f.nll(f.link().apply(mu2), y)) / dispersion;
                assertEquals(rhs, lhs, 1e-12 * Math.max(1, Math.abs(rhs)), f + " at y = " + y);
            }
        }
    }

    @Test
    void familiesWithoutADistributionAreNamed() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Distributions.of(new TweedieFamily(2.5), 1, 1));
        assertTrue(e.getMessage().contains("power 2.5"), e.getMessage());
        assertTrue(Distributions.of(new TweedieFamily(2), 1, 0.5) instanceof GammaDistribution);
        assertTrue(Distributions.of(new TweedieFamily(3), 1, 0.5) instanceof InverseGaussianDistribution);
        final IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> Distributions.of(new GammaFamily(), -1, 0.5));
        assertTrue(bad.getMessage().contains("mu") && bad.getMessage().contains("-1"), bad.getMessage());
    }

    /**
     * A nearly normal inverse Gaussian (phi mu of 1e-14 and 1e-10: x = sqrt(lambda / y)(y / mu + 1) of 2e7 and 2e5) has
     * statmod 1.5.0's pinvgauss values (pasted): the term exp(2 lambda / mu) Phi(-x) takes the Mills ratio, not the
     * sum of two exponents near 1e14 that lost the digits (cdf 1.0 at the mean before).
     */
    @Test
    void inverseGaussianCdfNearTheNormalLimitIsStatmods() {
        final double[][] cases = {   // phi, z, q = 1 + z sqrt(phi), pinvgauss(q, 1, phi)
            {1e-14, -2, 0.99999979999999999, 0.022750123877466263},
            {1e-14, 0, 1, 0.50000002017644507},
            {1e-14, 1.5, 1.00000015, 0.93319279068038374},
            {1e-10, -2, 0.99997999999999998, 0.022749322078603373},
            {1e-10, 0, 1, 0.50000199472609119},
            {1e-10, 1.5, 1.0000150000000001, 0.93319198925630875}};
        for (double[] c : cases) {
            final InverseGaussianDistribution d = new InverseGaussianDistribution(1, c[0]);
            assertEquals(c[3], d.cdf(c[2]), 1e-9, "phi " + c[0] + " at z " + c[1]);
        }
    }
}

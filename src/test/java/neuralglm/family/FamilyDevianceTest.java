package neuralglm.family;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import neuralglm.testutil.FamilyCases.Case;
import neuralglm.testutil.FamilyCases;
import neuralglm.testutil.Numeric;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Test group 2, families (continued): the saturated NLL is the minimum of the NLL over eta (found by
 * a golden-section search in the test), the deviance equals the textbook closed-form unit deviance
 * written here in terms of eta, is &gt;= 0 and vanishes at mu = y, and the variance function is the
 * closed form and agrees with the gradient: {@code dl/deta = (mu - y) / V(mu) * dmu/deta} with
 * {@code dmu/deta} from central differences of the mean function.
 */
class FamilyDevianceTest {

    static Stream<Case> families() {
        return FamilyCases.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void saturatedNllIsTheMinimumOfTheNll(Case c) {
        final Family f = c.family();
        // every family's dl/deta has the sign of mu - y, so l is unimodal in eta; for a target on the
        // boundary (y = 0 for counts, y in {0, 1} for proportions; g(y) infinite) the infimum is the
        // limit as eta goes to -/+ infinity, reached in floating point at |eta| = 1e4
        final double lo = c.restricted() ? -1e4 : -60, hi = c.restricted() ? -1e-9 : 60;
        for (double y : c.ys()) {
            final double[] min = Numeric.minimise(e -> f.nll(e, y), lo, hi);
            final double sat = f.saturatedNll(y);
            if (onBoundary(f, y)) {
                assertEquals(f.nll(y == 0 ? -1e4 : 1e4, y), sat, 1e-12, f + ": saturated NLL is the limit at y=" + y);
                assertTrue(min[1] >= sat, f + ": NLL " + min[1] + " below the saturated NLL at y=" + y);
            } else {
                assertEquals(min[1], sat, 1e-10 * Math.max(1, Math.abs(sat)), f + ": saturated NLL at y=" + y);
                assertEquals(f.link().apply(y), min[0], 1e-5 * Math.max(1, Math.abs(min[0])), f + ": argmin of the NLL at y=" + y);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void devianceIsTheClosedFormUnitDevianceAndNonNegative(Case c) {
        final Family f = c.family();
        for (double y : c.ys()) {
            for (double eta : c.etas()) {
                final DMatrixRMaj e = new DMatrixRMaj(1, 1, true, eta), t = new DMatrixRMaj(1, 1, true, y);
                final double d = f.deviance(e, t, null);
                final double expected = closedFormUnitDeviance(f, y, eta);
                final double scale = Math.abs(f.nll(eta, y)) + Math.abs(f.saturatedNll(y)) + Math.abs(expected) + 1;
                assertEquals(expected, d, 1e-12 * scale, f + ": deviance at eta=" + eta + ", y=" + y);
                assertTrue(d >= -1e-12 * scale, f + ": negative deviance " + d + " at eta=" + eta + ", y=" + y);
                assertEquals(7.5 * d, f.deviance(e, t, new double[] {7.5}), 1e-12 * 7.5 * scale, f + ": weighted deviance");
                if (Math.abs(eta) <= 5) {
                    assertEquals(d, f.unitDeviance(y, f.mean(eta)), 1e-9 * scale, f + ": unitDeviance at eta=" + eta + ", y=" + y);
                }
            }
            if (!onBoundary(f, y)) {
                final double atY = f.deviance(new DMatrixRMaj(1, 1, true, f.link().apply(y)), new DMatrixRMaj(1, 1, true, y), null);
                assertEquals(0, atY, 1e-12 * Math.max(1, Math.abs(f.saturatedNll(y))), f + ": deviance at mu = y = " + y);
                assertEquals(0, f.unitDeviance(y, y), 1e-12 * Math.max(1, Math.abs(f.saturatedNll(y))), f + ": unitDeviance(y, y), y = " + y);
            } else {
                final double towards = y == 0 ? -1e4 : 1e4;
                final double dev = f.deviance(new DMatrixRMaj(1, 1, true, towards), new DMatrixRMaj(1, 1, true, y), null);
                assertEquals(0, dev, 1e-12, f + ": deviance as mu tends to y = " + y);
                assertEquals(0, f.unitDeviance(y, y), 1e-12, f + ": unitDeviance(y, y) on the boundary, y = " + y);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void varianceIsTheClosedFormAndMatchesTheGradient(Case c) {
        final Family f = c.family();
        for (double eta : c.moderateEtas()) {
            final double mu = f.mean(eta);
            assertEquals(closedFormVariance(f, mu), f.variance(mu), 1e-14 * closedFormVariance(f, mu), f + ": V(" + mu + ")");
            final double h = c.restricted() ? 1e-3 * Math.abs(eta) : 1e-3;
            final double dmu = Numeric.derivative(f::mean, eta, h);
            for (double y : c.ys()) {
                final double expected = (mu - y) / f.variance(mu) * dmu;
                final double g = f.gradient(eta, y);
                assertEquals(expected, g, 1e-9 * (Math.abs(g) + Math.abs(y / f.variance(mu) * dmu) + 1e-3),
                        f + ": (mu - y)/V(mu) dmu/deta at eta=" + eta + ", y=" + y);
            }
        }
    }

    /**
     * Categorical: the saturated NLL of a row is its entropy {@code -sum y log y} (the minimum of
     * {@code lse(eta) - y . eta}, reached at {@code eta = log y}), so the deviance is 0 there and
     * positive elsewhere; the variance of each indicator is {@code mu (1 - mu)}.
     */
    @Test
    void categoricalDevianceIsZeroAtMuEqualsYAndPositiveElsewhere() {
        final CategoricalFamily f = new CategoricalFamily();
        final double[][] targets = {{0.2, 0.3, 0.5}, {0.6, 0.1, 0.3}};
        for (double[] t : targets) {
            final DMatrixRMaj y = new DMatrixRMaj(1, 3, true, t);
            final DMatrixRMaj atY = new DMatrixRMaj(1, 3, true, Math.log(t[0]) + 4, Math.log(t[1]) + 4, Math.log(t[2]) + 4);
            assertEquals(0, f.deviance(atY, y, null), 1e-14, "deviance at eta = log y + c");
            double entropy = 0;
            for (double v : t) {
                entropy -= v * Math.log(v);
            }
            final DMatrixRMaj other = new DMatrixRMaj(1, 3, true, 1.0, -2.0, 0.5);
            final double lse = Math.log(Math.exp(1.0) + Math.exp(-2.0) + Math.exp(0.5));
            final double nll = lse - (t[0] * 1.0 - t[1] * 2.0 + t[2] * 0.5);
            assertEquals(2 * (nll - entropy), f.deviance(other, y, null), 1e-14, "deviance away from mu = y");
            assertTrue(f.deviance(other, y, null) > 0);
        }
        final DMatrixRMaj oneHot = new DMatrixRMaj(1, 3, true, 0, 1, 0);
        final DMatrixRMaj sure = new DMatrixRMaj(1, 3, true, -40, 40, -40);
        assertEquals(0, f.deviance(sure, oneHot, null), 1e-15, "one-hot deviance as mu tends to y");
        assertEquals(0.21, f.variance(0.3), 1e-16);
    }

    /** @return true when the target's natural parameter g(y) is infinite (y = 0 for counts, y in {0, 1} for proportions) */
    static boolean onBoundary(Family f, double y) {
        return !Double.isFinite(f.link().apply(y));
    }

    /** V(mu) written from the family definitions. */
    static double closedFormVariance(Family f, double mu) {
        if (f instanceof GaussianFamily) {
            return 1;
        } else if (f instanceof BinomialFamily) {
            return mu * (1 - mu);
        } else if (f instanceof PoissonFamily) {
            return mu;
        } else if (f instanceof GammaFamily) { // also Exponential
            return mu * mu;
        } else if (f instanceof InverseGaussianFamily) {
            return mu * mu * mu;
        } else if (f instanceof NegativeBinomialFamily nb) {
            return mu + nb.alpha() * mu * mu;
        } else if (f instanceof TweedieFamily tw) {
            return Math.pow(mu, tw.power());
        }
        throw new IllegalArgumentException(f.toString());
    }

    private static double xlogy(double x, double y) {
        return x == 0 ? 0 : x * Math.log(y);
    }

    private static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    /**
     * Textbook unit deviances d(y, mu) (McCullagh and Nelder, Table 2.1; Jorgensen for Tweedie),
     * with log mu and powers of mu written in eta so that |eta| = 50 stays exact.
     */
    static double closedFormUnitDeviance(Family f, double y, double eta) {
        final Link link = f.link();
        final double logMu = link == Link.LOG ? eta
                : link == Link.NEGATIVE_INVERSE ? -Math.log(-eta)
                : link == Link.NEGATIVE_HALF_INVERSE_SQUARED ? -0.5 * Math.log(-2 * eta)
                : Double.NaN;
        if (f instanceof GaussianFamily) {
            return (y - eta) * (y - eta);
        } else if (f instanceof BinomialFamily) {
            // log mu = -softplus(-eta), log(1 - mu) = -softplus(eta)
            return 2 * (xlogy(y, y) + y * softplus(-eta) + xlogy(1 - y, 1 - y) + (1 - y) * softplus(eta));
        } else if (f instanceof PoissonFamily) {
            return 2 * (xlogy(y, y) - y * logMu - y + Math.exp(logMu));
        } else if (f instanceof GammaFamily) {
            return 2 * (-Math.log(y) + logMu + y * Math.exp(-logMu) - 1);
        } else if (f instanceof InverseGaussianFamily) {
            final double mu = Math.exp(logMu);
            return (y - mu) * (y - mu) / (mu * mu * y);
        } else if (f instanceof NegativeBinomialFamily nb) {
            final double a = nb.alpha();
            return 2 * (xlogy(y, y) - y * logMu - (y + 1 / a) * (Math.log1p(a * y) - Math.log1p(a * Math.exp(logMu))));
        } else if (f instanceof TweedieFamily tw) {
            final double p = tw.power();
            if (p == 1) {
                return 2 * (xlogy(y, y) - y * logMu - y + Math.exp(logMu));
            } else if (p == 2) {
                return 2 * (-Math.log(y) + logMu + y * Math.exp(-logMu) - 1);
            }
            return 2 * (Math.pow(y, 2 - p) / ((1 - p) * (2 - p)) - y * Math.exp((1 - p) * logMu) / (1 - p)
                    + Math.exp((2 - p) * logMu) / (2 - p));
        }
        throw new IllegalArgumentException(f.toString());
    }
}

package neuralglm.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The special functions against known values (mpmath at 30 digits, quoted), exact identities and
 * independent routes (Lanczos' log-gamma, Simpson quadrature, finite sums).
 */
class SpecialFunctionsTest {

    private static void close(double expected, double actual, double rel, String what) {
        assertTrue(Math.abs(actual - expected) <= rel * Math.max(1e-300, Math.abs(expected)),
                () -> what + ": expected " + expected + ", got " + actual + " (rel err "
                        + Math.abs(actual - expected) / Math.abs(expected) + ")");
    }

    @Test
    void logGammaMatchesMpmathFactorialsAndLanczos() {
        // mpmath.loggamma at 30 digits
        final double[][] known = {{0.001, 6.907178885383853}, {0.5, 0.5723649429247001}, {1.5, -0.12078223763524522},
            {3.7, 1.428072326665388}, {12.3, 18.238983407092245}, {150.25, 601.2615040324997}, {1e6, 12815504.569147611}};
        for (double[] k : known) {
            // the shift to x >= 10 costs a few ulps of log Gamma(x + m), absolutely
            assertEquals(k[1], SpecialFunctions.logGamma(k[0]), 3e-15 * Math.max(1, Math.abs(k[1])), "logGamma(" + k[0] + ")");
        }
        // log (n-1)! summed directly
        double logFact = 0;
        for (int n = 1; n <= 170; n++) {
            assertEquals(logFact, SpecialFunctions.logGamma(n), 4e-14 * Math.max(1, logFact), "logGamma(" + n + ")");
            logFact += Math.log(n);
        }
        final Random rng = new Random(1);
        for (int i = 0; i < 2000; i++) {
            final double x = Math.exp(12 * rng.nextDouble() - 5);
            assertEquals(Reference.logGamma(x), SpecialFunctions.logGamma(x), 1e-13 * Math.max(1, Math.abs(Reference.logGamma(x))),
                    "logGamma(" + x + ") against Lanczos");
        }
        assertTrue(Double.isNaN(SpecialFunctions.logGamma(0)));
        assertTrue(Double.isNaN(SpecialFunctions.logGamma(-1.5)));
    }

    @Test
    void digammaMatchesKnownValuesAndTheDerivativeOfLogGamma() {
        final double[][] known = {{0.01, -100.56088545786868}, {1, -0.5772156649015329}, {2.5, 0.7031566406452432},
            {30, 3.384438132685525}};
        for (double[] k : known) {
            close(k[1], SpecialFunctions.digamma(k[0]), 1e-14, "digamma(" + k[0] + ")");
        }
        for (double x = 0.3; x < 200; x *= 1.7) {
            final double h = 1e-4 * x;
            final double fd = (Reference.logGamma(x + h) - Reference.logGamma(x - h)) / (2 * h);
            assertEquals(fd, SpecialFunctions.digamma(x), 1e-7 * Math.max(1, Math.abs(fd)), "digamma(" + x + ")");
        }
    }

    @Test
    void incompleteGammaMatchesIdentitiesKnownValuesAndQuadrature() {
        close(0.36143007689620493, SpecialFunctions.regularizedGammaP(2.5, 1.7), 1e-14, "P(2.5, 1.7)");
        close(0.07033506665939496, SpecialFunctions.regularizedGammaP(50, 40), 1e-12, "P(50, 40)");
        close(0.6626212599544798, SpecialFunctions.regularizedGammaP(0.1, 0.01), 1e-14, "P(0.1, 0.01)");
        close(4.501016648012124e-11, SpecialFunctions.regularizedGammaQ(3, 30), 1e-13, "Q(3, 30)");
        close(-803.9152948331938, SpecialFunctions.logRegularizedGammaQ(0.5, 800), 1e-14, "log Q(0.5, 800)");
        // integer a: Q(n, x) = e^-x sum_{k<n} x^k / k!
        for (int n = 1; n <= 30; n += 3) {
            for (double x = 0.05; x < 60; x *= 1.9) {
                double term = Math.exp(-x), sum = 0;
                for (int k = 0; k < n; k++) {
                    sum += term;
                    term *= x / (k + 1);
                }
                assertEquals(sum, SpecialFunctions.regularizedGammaQ(n, x), 1e-14 + 1e-12 * sum, "Q(" + n + ", " + x + ")");
                assertEquals(1 - sum, SpecialFunctions.regularizedGammaP(n, x), 1e-14 + 1e-12 * (1 - sum), "P(" + n + ", " + x + ")");
            }
        }
        // non-integer a: P(a, x) = int_0^x t^(a-1) e^-t dt / Gamma(a): the series for t < 1e-8, then Simpson in v = log t,
        // where the integrand exp(a v - e^v) is smooth
        final double eps = 1e-8;
        for (double a : new double[] {0.3, 1.7, 4.5, 20.5}) {
            for (double x : new double[] {0.2, 1.0, 3.3, 12.0, 30.0}) {
                final double lg = Reference.logGamma(a);
                final double head = Math.pow(eps, a) * (1 / a - eps / (a + 1) + eps * eps / (2 * (a + 2)));
                final double body = Reference.simpson(v -> Math.exp(a * v - Math.exp(v)), Math.log(eps), Math.log(x), 20000);
                final double quad = (head + body) * Math.exp(-lg);
                assertEquals(quad, SpecialFunctions.regularizedGammaP(a, x), 1e-12, "P(" + a + ", " + x + ") by quadrature");
            }
        }
        assertThrows(IllegalArgumentException.class, () -> SpecialFunctions.regularizedGammaP(0, 1));
        assertThrows(IllegalArgumentException.class, () -> SpecialFunctions.regularizedGammaQ(1, -1));
    }

    /**
     * Large shapes below Temme's expansion: R's pgamma (lower and upper tail, printed to 17 digits) at a - 3 sqrt(a),
     * a and a + 2 sqrt(a). With the prefactor x^a e^-x / Gamma(a) formed as a log x - x - log Gamma(a) these were off by
     * up to 2.6e-14 (a = 60), 2.6e-13 (500), 3.2e-12 (5000) and 5.6e-11 (50000) relative; in Loader's form all within
     * 1.4e-14 (the series' rounding over its 250 terms at a = 500, x = a - 3 sqrt(a)).
     */
    @Test
    void incompleteGammaAtLargeShapesMatchesR() {
        final double[][] r = {
            {60, 36.762099922755496, 0.00026625806610022128, 0.99973374193389974},
            {60, 60, 0.51716927262938728, 0.48283072737061272},
            {60, 75.491933384829665, 0.97076044197075451, 0.029239558029245463},
            {500, 432.91796067500627, 0.00087202966597660413, 0.99912797033402334},
            {500, 500, 0.50594714617076042, 0.49405285382923969},
            {500, 544.72135954999578, 0.97489092813869593, 0.025109071861304046},
            {5000, 4787.8679656440354, 0.0011877012942040663, 0.99881229870579591},
            {5000, 5000, 0.50188063403381744, 0.49811936596618267},
            {5000, 5141.4213562373097, 0.97649177530396536, 0.023508224696034641},
            {50000, 49329.179606750062, 0.0012975347014833444, 0.99870246529851658},
            {50000, 50000, 0.50059470810479334, 0.49940529189520672},
            {50000, 50447.213595499961, 0.97700895482936967, 0.022991045170630314},
            {99000, 98056.072036646859, 0.0013125840763200569, 0.99868741592367993},
            {99000, 99000, 0.50042264062330677, 0.49957735937669323},
            {99000, 99629.285308902094, 0.97707854682988926, 0.022921453170110771}};
        for (double[] k : r) {
            close(k[2], SpecialFunctions.regularizedGammaP(k[0], k[1]), 2e-14, "P(" + k[0] + ", " + k[1] + ")");
            close(k[3], SpecialFunctions.regularizedGammaQ(k[0], k[1]), 2e-14, "Q(" + k[0] + ", " + k[1] + ")");
        }
    }

    @Test
    void incompleteBetaMatchesIdentitiesAndKnownValues() {
        close(0.2967529892956664, SpecialFunctions.regularizedBeta(0.3, 2.5, 3.5), 1e-13, "I_0.3(2.5, 3.5)");
        close(0.9881463456202629, SpecialFunctions.regularizedBeta(0.45, 200, 300), 1e-12, "I_0.45(200, 300)");
        close(0.9243607221090899, SpecialFunctions.regularizedBeta(0.9, 0.3, 0.7), 1e-13, "I_0.9(0.3, 0.7)");
        for (double x = 0.01; x < 1; x += 0.07) {
            // I_x(1, b) = 1 - (1-x)^b and I_x(a, 1) = x^a
            assertEquals(1 - Math.pow(1 - x, 3.7), SpecialFunctions.regularizedBeta(x, 1, 3.7), 1e-14);
            assertEquals(Math.pow(x, 2.3), SpecialFunctions.regularizedBeta(x, 2.3, 1), 1e-14);
            // integers: I_x(a, b) = sum_{j=a}^{a+b-1} C(a+b-1, j) x^j (1-x)^(a+b-1-j)
            for (int a = 1; a < 12; a += 2) {
                for (int b = 1; b < 15; b += 3) {
                    final int m = a + b - 1;
                    double sum = 0;
                    for (int j = a; j <= m; j++) {
                        sum += Math.exp(Reference.logGamma(m + 1) - Reference.logGamma(j + 1) - Reference.logGamma(m - j + 1)
                                + j * Math.log(x) + (m - j) * Math.log1p(-x));
                    }
                    assertEquals(sum, SpecialFunctions.regularizedBeta(x, a, b), 1e-13, "I_" + x + "(" + a + ", " + b + ")");
                }
            }
        }
        assertEquals(0.0, SpecialFunctions.regularizedBeta(0, 2, 3));
        assertEquals(1.0, SpecialFunctions.regularizedBeta(1, 2, 3));
        assertThrows(IllegalArgumentException.class, () -> SpecialFunctions.regularizedBeta(1.5, 2, 3));
    }

    @Test
    void normalCdfAndQuantileMatchKnownValues() {
        close(7.619853024160525e-24, StandardNormal.cdf(-10), 1e-13, "Phi(-10)");
        close(0.9750021048517795, StandardNormal.cdf(1.96), 1e-15, "Phi(1.96)");
        close(-804.6084420137538, StandardNormal.logCdf(-40), 1e-15, "log Phi(-40)");
        // log Phi(-x) ~ log phi(x) - log x + log(1 - 1/x^2 + 3/x^4 - 15/x^6) for large x
        for (double x = 50; x < 1e5; x *= 3) {
            final double asym = -0.5 * x * x - 0.5 * Math.log(2 * Math.PI) - Math.log(x)
                    + Math.log1p(-1 / (x * x) + 3 / Math.pow(x, 4) - 15 / Math.pow(x, 6));
            close(asym, StandardNormal.logCdf(-x), 1e-14, "log Phi(-" + x + ")");
        }
        close(1.9599639845400543, StandardNormal.quantile(0.975), 1e-15, "Phi^-1(0.975)");
        close(-6.361340902404057, StandardNormal.quantile(1e-10), 1e-15, "Phi^-1(1e-10)");
        close(-0.5244005127080408, StandardNormal.quantile(0.3), 1e-15, "Phi^-1(0.3)");
        close(-4.753424308822899, StandardNormal.quantile(1e-6), 1e-15, "Phi^-1(1e-6)");
        // the upper half by symmetry, to the accuracy with which 1 - p is represented
        for (double p = 1e-12; p < 0.5; p *= 3.1) {
            assertEquals(-StandardNormal.quantile(p), StandardNormal.quantile(1 - p), 1e-16 / p, "Phi^-1(1 - " + p + ")");
        }
        // round trip on the lower tail, where p is represented to full relative precision
        for (double p = 1e-300; p < 0.5; p *= 7.3) {
            // AS 241's relative error ~1e-16 in z becomes ~1e-16 z^2 in Phi(z); Phi itself is good to ~2e-14 (log Gamma(1/2) to a few ulps)
            final double z = StandardNormal.quantile(p);
            close(p, StandardNormal.cdf(z), 1e-15 * Math.max(50, z * z), "Phi(Phi^-1(" + p + "))");
        }
        assertEquals(Double.NEGATIVE_INFINITY, StandardNormal.quantile(0));
        assertEquals(Double.POSITIVE_INFINITY, StandardNormal.quantile(1));
        assertThrows(IllegalArgumentException.class, () -> StandardNormal.quantile(1.5));
    }
}

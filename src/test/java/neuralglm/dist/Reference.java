package neuralglm.dist;

/**
 * Independent routes to the functions under test (tests only): Lanczos' log-gamma (g = 7, 9 terms,
 * a different method from the Stirling series with shift in {@link SpecialFunctions}), and
 * Simpson's rule.
 */
final class Reference {

    private static final double[] LANCZOS = {0.99999999999980993, 676.5203681218851, -1259.1392167224028,
        771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
        9.9843695780195716e-6, 1.5056327351493116e-7};

    private Reference() {
    }

    /** log Gamma(x) for x &gt;= 0.5 by Lanczos' approximation (relative error about 1e-15). */
    static double logGamma(double x) {
        if (x < 0.5) {
            // reflection: Gamma(x) Gamma(1 - x) = pi / sin(pi x)
            return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
        }
        final double z = x - 1;
        double a = LANCZOS[0];
        for (int i = 1; i < LANCZOS.length; i++) {
            a += LANCZOS[i] / (z + i);
        }
        final double t = z + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
    }

    /** Composite Simpson's rule with n (even) panels. */
    static double simpson(java.util.function.DoubleUnaryOperator f, double a, double b, int n) {
        final double h = (b - a) / n;
        double s = f.applyAsDouble(a) + f.applyAsDouble(b);
        for (int i = 1; i < n; i++) {
            s += (i % 2 == 1 ? 4 : 2) * f.applyAsDouble(a + i * h);
        }
        return s * h / 3;
    }
}

package neuralglm.linalg;

/**
 * Numerically stable scalar forms used by families and activations.
 * <pre>
 *   exp(x)       clamped at x = 709 so that it stays finite (exp(709) ~ 8.2e307)
 *   softplus(x)  = log(1 + e^x) = max(x, 0) + log1p(e^-|x|)
 *   sigmoid(x)   = 1 / (1 + e^-x), evaluated on the side where the exponent is negative
 *   xlogy(x, y)  = x log y with 0 log 0 = 0
 * </pre>
 */
public final class SafeMath {

    /** Largest argument for which {@code Math.exp} is finite (rounded down). */
    public static final double MAX_EXP_ARG = 709.0;

    private SafeMath() {
    }

    /**
     * Exponential with its argument clamped to {@link #MAX_EXP_ARG}, so that it is never infinite.
     *
     * @param x the exponent
     * @return {@code exp(min(x, 709))}
     */
    public static double exp(double x) {
        return Math.exp(Math.min(x, MAX_EXP_ARG));
    }

    /**
     * Softplus {@code log(1 + e^x)} without overflow.
     *
     * @param x argument
     * @return {@code max(x, 0) + log1p(exp(-|x|))}
     */
    public static double softplus(double x) {
        return Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    // Cephes tanh.c: tanh x = x + x^3 P(x^2)/Q(x^2) for |x| < 0.625
    private static final double TP0 = -9.64399179425052238628E-1, TP1 = -9.92877231001918586564E1, TP2 = -1.61468768441708447952E3;
    private static final double TQ1 = 1.12811678491632931402E2, TQ2 = 2.23548839060100448583E3, TQ3 = 4.84406305325125486048E3;

    /**
     * Hyperbolic tangent in intrinsic arithmetic (JDK 17's {@link Math#tanh} is a native call, about 20
     * ns): for {@code |x| < 0.625} Cephes' rational approximation {@code x + x^3 P(x^2)/Q(x^2)}, else
     * {@code sign(x) (1 - 2 / (e^{2|x|} + 1))}, and {@code sign(x)} beyond 22; within a few units in the
     * last place of {@link Math#tanh} (SafeMathTest). NaN gives NaN.
     *
     * @param x argument
     * @return {@code tanh x}
     */
    public static double tanh(double x) {
        final double a = Math.abs(x);
        if (a < 0x1p-28) {
            return x; // tanh x = x to the last bit (and -0 stays -0)
        }
        if (a < 0.625) {
            final double z = x * x;
            return x + x * z * ((TP0 * z + TP1) * z + TP2) / (((z + TQ1) * z + TQ2) * z + TQ3);
        }
        if (a > 22.0) {
            return Math.copySign(1.0, x);
        }
        final double t = 1.0 - 2.0 / (Math.exp(a + a) + 1.0);
        return x < 0 ? -t : t;
    }

    /**
     * Logistic sigmoid without overflow.
     *
     * @param x argument
     * @return {@code 1 / (1 + e^-x)}
     */
    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        final double e = Math.exp(x);
        return e / (1.0 + e);
    }

    /**
     * {@code x log y}, defined as 0 when {@code x == 0}.
     *
     * @param x factor
     * @param y argument of the logarithm
     * @return {@code x log y}, or 0 when x is 0
     */
    public static double xlogy(double x, double y) {
        return x == 0.0 ? 0.0 : x * Math.log(y);
    }
}

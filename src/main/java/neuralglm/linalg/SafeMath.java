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

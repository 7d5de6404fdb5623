package neuralglm.jython;

import neuralglm.dist.SpecialFunctions;
import neuralglm.dist.StandardNormal;

/**
 * The element-wise functions of {@code torch} beyond the tensor's own (exp, log, sqrt, ...), each recorded with its
 * derivative (backward {@code g f'(x)}):
 * <pre>
 *   log2 x, log10 x       1 / (x ln 2), 1 / (x ln 10)     (exact at powers of 2 and of 10)
 *   exp2 x = 2^x          2^x ln 2
 *   expm1 x = e^x - 1     e^x                             (full precision near 0)
 *   erf x = sign(x) P(1/2, x^2)          2 / sqrt(pi) e^{-x^2}   (P the regularised lower incomplete gamma)
 *   erfc x = 1 - erf x (Q(1/2, x^2) for x &gt;= 0, no cancellation in the tail)   -2 / sqrt(pi) e^{-x^2}
 *   erfinv y = Phi^{-1}((1 + y) / 2) / sqrt 2            sqrt(pi) / 2 e^{erfinv(y)^2}
 *   ndtri p = Phi^{-1}(p), log_ndtr x = log Phi(x)          1 / phi(ndtri p), phi(x) / Phi(x)
 *   tan, atan, asin, acos, sinh, cosh, asinh, acosh, atanh  and their derivatives
 * </pre>
 */
public final class Elementary {
    private static final double LN2 = Math.log(2);
    private static final double LN10 = Math.log(10);
    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

    private Elementary() {
    }

    /** @param x a tensor @return log2 x (recorded) */
    public static Tensor log2(Tensor x) {
        return Special.map(x, Elementary::log2Of, v -> 1 / (v * LN2), "Log2Backward0");
    }

    /** @param x a tensor @return log10 x (recorded) */
    public static Tensor log10(Tensor x) {
        return Special.map(x, Math::log10, v -> 1 / (v * LN10), "Log10Backward0");
    }

    /** @param x a tensor @return 2^x (recorded) */
    public static Tensor exp2(Tensor x) {
        return Special.map(x, v -> Math.pow(2, v), v -> Math.pow(2, v) * LN2, "Exp2Backward0");
    }

    /** @param x a tensor @return e^x - 1 (recorded) */
    public static Tensor expm1(Tensor x) {
        return Special.map(x, Math::expm1, Math::exp, "Expm1Backward0");
    }

    /** @param x a tensor @return erf x (recorded) */
    public static Tensor erf(Tensor x) {
        return Special.map(x, Elementary::erfOf, v -> TWO_OVER_SQRT_PI * Math.exp(-v * v), "ErfBackward0");
    }

    /** @param x a tensor @return erfc x = 1 - erf x (recorded) */
    public static Tensor erfc(Tensor x) {
        return Special.map(x, Elementary::erfcOf, v -> -TWO_OVER_SQRT_PI * Math.exp(-v * v), "ErfcBackward0");
    }

    /** @param y a tensor of values in [-1, 1] @return erfinv y (recorded; NaN outside [-1, 1]) */
    public static Tensor erfinv(Tensor y) {
        return Special.map(y, Elementary::erfinvOf, v -> {
            final double x = erfinvOf(v);
            return Math.sqrt(Math.PI) / 2 * Math.exp(x * x);
        }, "ErfinvBackward0");
    }

    /**
     * @param p a tensor of probabilities
     * @return the standard normal quantile (Wichura's AS241, full precision in both tails; NaN outside [0, 1]),
     *         recorded with derivative {@code 1 / phi(ndtri(p))}
     */
    public static Tensor ndtri(Tensor p) {
        return Special.map(p, Elementary::ndtriOf, v -> 1 / StandardNormal.density(ndtriOf(v)), "SpecialNdtriBackward0");
    }

    /**
     * @param x a tensor
     * @return {@code log Phi(x)} without underflow in the lower tail (-765.08 at -39), recorded with derivative
     *         {@code phi(x) / Phi(x)}
     */
    public static Tensor log_ndtr(Tensor x) {
        return Special.map(x, StandardNormal::logCdf,
                v -> Math.exp(-0.5 * v * v - 0.5 * Math.log(2 * Math.PI) - StandardNormal.logCdf(v)), "SpecialLogNdtrBackward0");
    }

    /** @param x a tensor @return tan x (recorded) */
    public static Tensor tan(Tensor x) {
        return Special.map(x, Math::tan, v -> 1 + Math.tan(v) * Math.tan(v), "TanBackward0");
    }

    /** @param x a tensor @return atan x (recorded) */
    public static Tensor atan(Tensor x) {
        return Special.map(x, Math::atan, v -> 1 / (1 + v * v), "AtanBackward0");
    }

    /** @param x a tensor @return asin x (recorded) */
    public static Tensor asin(Tensor x) {
        return Special.map(x, Math::asin, v -> 1 / Math.sqrt(1 - v * v), "AsinBackward0");
    }

    /** @param x a tensor @return acos x (recorded) */
    public static Tensor acos(Tensor x) {
        return Special.map(x, Math::acos, v -> -1 / Math.sqrt(1 - v * v), "AcosBackward0");
    }

    /** @param x a tensor @return sinh x (recorded) */
    public static Tensor sinh(Tensor x) {
        return Special.map(x, Math::sinh, Math::cosh, "SinhBackward0");
    }

    /** @param x a tensor @return cosh x (recorded) */
    public static Tensor cosh(Tensor x) {
        return Special.map(x, Math::cosh, Math::sinh, "CoshBackward0");
    }

    /** @param x a tensor @return asinh x = log(x + sqrt(x^2 + 1)), odd and stable for large |x| (recorded) */
    public static Tensor asinh(Tensor x) {
        return Special.map(x, Elementary::asinhOf, v -> 1 / Math.sqrt(v * v + 1), "AsinhBackward0");
    }

    /** @param x a tensor @return acosh x = log(x + sqrt(x^2 - 1)) (recorded) */
    public static Tensor acosh(Tensor x) {
        return Special.map(x, v -> v < 1 ? Double.NaN : Math.log(v) + Math.log1p(Math.sqrt(1 - 1 / (v * v))),
                v -> 1 / Math.sqrt(v * v - 1), "AcoshBackward0");
    }

    /** @param x a tensor @return atanh x = log1p(2x / (1 - x)) / 2 (recorded) */
    public static Tensor atanh(Tensor x) {
        return Special.map(x, v -> 0.5 * Math.log1p(2 * v / (1 - v)), v -> 1 / (1 - v * v), "AtanhBackward0");
    }

    static double log2Of(double v) {
        if (v > 0 && Double.isFinite(v) && (Double.doubleToRawLongBits(v) & 0x000fffffffffffffL) == 0) {
            return Math.getExponent(v);   // a power of 2 (normal): exact
        }
        return Math.log(v) / LN2;
    }

    static double erfOf(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        final double p = SpecialFunctions.regularizedGammaP(0.5, x * x);
        return x < 0 ? -p : p;
    }

    static double erfcOf(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        final double q = SpecialFunctions.regularizedGammaQ(0.5, x * x);
        return x < 0 ? 2 - q : q;
    }

    static double erfinvOf(double y) {
        if (Double.isNaN(y) || y < -1 || y > 1) {
            return Double.NaN;
        }
        return StandardNormal.quantile((1 + y) / 2) / Math.sqrt(2);
    }

    static double ndtriOf(double p) {
        return Double.isNaN(p) || p < 0 || p > 1 ? Double.NaN : StandardNormal.quantile(p);
    }

    private static double asinhOf(double v) {
        final double a = Math.abs(v);
        final double r = a > 1e8 ? Math.log(a) + Math.log(2) : Math.log1p(a + a * a / (1 + Math.sqrt(1 + a * a)));
        return v < 0 ? -r : r;
    }
}

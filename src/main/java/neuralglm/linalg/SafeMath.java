package neuralglm.linalg;

/**
 * Numerically stable scalar forms used by families and activations.
 * <pre>
 *   exp(x)       clamped at x = 709 so that it stays finite (exp(709) ~ 8.2e307)
 *   softplus(x)  = log(1 + e^x) = max(x, 0) + log1p(e^-|x|)
 *   log1p(x)     = log(1 + x), fdlibm's algorithm in Java (the same bits as StrictMath.log1p)
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
        return Math.max(x, 0.0) + log1p(Math.exp(-Math.abs(x)));
    }

    // fdlibm 5.3 s_log1p.c (Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved. Developed at SunPro,
    // a Sun Microsystems, Inc. business. Permission to use, copy, modify, and distribute this software is freely
    // granted, provided that this notice is preserved.)
    private static final double LN2_HI = 6.93147180369123816490e-01;   // 0x3fe62e42 fee00000
    private static final double LN2_LO = 1.90821492927058770002e-10;   // 0x3dea39ef 35793c76
    private static final double LP1 = 6.666666666666735130e-01, LP2 = 3.999999999940941908e-01,
            LP3 = 2.857142874366239149e-01, LP4 = 2.222219843214978396e-01, LP5 = 1.818357216161805012e-01,
            LP6 = 1.531383769920937332e-01, LP7 = 1.479819860511658591e-01;

    /**
     * {@code log(1 + x)}, accurate for small x: fdlibm's algorithm (reduce {@code 1 + x = 2^k (1 + f)} with
     * {@code sqrt(2)/2 < 1 + f < sqrt(2)} and a correction {@code c/u} for the rounding of {@code u = 1 + x}; then
     * {@code log(1 + f) = f - (f^2/2 - s (f^2/2 + R(s^2)))}, {@code s = f / (2 + f)}, R a degree-7 polynomial),
     * written in Java. JDK 17's {@link Math#log1p} runs the same C code through a native call (about 18 ns, 5 here);
     * the results are the same to the bit (SafeMathTest), within 1 unit in the last place of {@code log(1 + x)}.
     *
     * @param x argument, &gt;= -1
     * @return {@code log(1 + x)}; -infinity at -1, NaN below -1 and for NaN
     */
    public static double log1p(double x) {
        final int hx = (int) (Double.doubleToRawLongBits(x) >>> 32);
        final int ax = hx & 0x7fffffff;
        int k = 1, hu = 0;
        double f = 0, c = 0;
        if (hx < 0x3FDA827A) {                          // x < 0.41422
            if (ax >= 0x3ff00000) {                     // x <= -1.0
                return x == -1.0 ? Double.NEGATIVE_INFINITY : Double.NaN;
            }
            if (ax < 0x3e200000) {                      // |x| < 2^-29
                return ax < 0x3c900000 ? x : x - x * x * 0.5;   // |x| < 2^-54: x
            }
            if (hx > 0 || hx <= 0xbfd2bec3) {          // -0.2929 < x < 0.41422
                k = 0;
                f = x;
                hu = 1;
            }
        }
        if (hx >= 0x7ff00000) {
            return x + x;                               // +infinity, NaN
        }
        if (k != 0) {
            double u;
            if (hx < 0x43400000) {
                u = 1.0 + x;
                hu = (int) (Double.doubleToRawLongBits(u) >>> 32);
                k = (hu >> 20) - 1023;
                c = k > 0 ? 1.0 - (u - x) : x - (u - 1.0);   // the rounding error of u
                c /= u;
            } else {
                u = x;
                hu = (int) (Double.doubleToRawLongBits(u) >>> 32);
                k = (hu >> 20) - 1023;
                c = 0;
            }
            hu &= 0x000fffff;
            if (hu < 0x6a09e) {
                u = withHighWord(u, hu | 0x3ff00000);  // normalise u
            } else {
                k += 1;
                u = withHighWord(u, hu | 0x3fe00000);  // normalise u/2
                hu = (0x00100000 - hu) >> 2;
            }
            f = u - 1.0;
        }
        final double hfsq = 0.5 * f * f;
        if (hu == 0) {                                  // |f| < 2^-20
            if (f == 0.0) {
                return k == 0 ? 0.0 : k * LN2_HI + (c + k * LN2_LO);
            }
            final double r = hfsq * (1.0 - 0.66666666666666666 * f);
            return k == 0 ? f - r : k * LN2_HI - ((r - (k * LN2_LO + c)) - f);
        }
        final double s = f / (2.0 + f);
        final double z = s * s;
        final double r = z * (LP1 + z * (LP2 + z * (LP3 + z * (LP4 + z * (LP5 + z * (LP6 + z * LP7))))));
        return k == 0 ? f - (hfsq - s * (hfsq + r)) : k * LN2_HI - ((hfsq - (s * (hfsq + r) + (k * LN2_LO + c))) - f);
    }

    private static double withHighWord(double d, int high) {
        return Double.longBitsToDouble(((long) high << 32) | (Double.doubleToRawLongBits(d) & 0xffffffffL));
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

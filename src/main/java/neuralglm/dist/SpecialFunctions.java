package neuralglm.dist;

/**
 * Log-gamma, digamma and the regularised incomplete gamma and beta functions, hand-written so that
 * the engine needs no statistics library.
 * <pre>
 *   logGamma(x)  integers 1..23: the log of the exact factorial;
 *                x &gt;= 10: Stirling's series log Gamma(x) = (x - 1/2) log x - x + log(2 pi)/2
 *                          + sum_k B_2k / (2k (2k-1) x^(2k-1))  (7 terms, error &lt; 1e-17 relative);
 *                x &lt; 10:  shifted up by Gamma(x) = Gamma(x + m) / (x (x+1) ... (x+m-1))
 *   digamma(x)   the same shift and the asymptotic series log x - 1/(2x) - sum_k B_2k / (2k x^2k)
 *   P(a, x) = gamma(a, x) / Gamma(a),  Q = 1 - P: the series for x &lt; a + 1, otherwise Lentz's
 *                continued fraction (Numerical Recipes 6.2), each giving the other by 1 - (.)
 *   I_x(a, b)    regularised incomplete beta: Lentz's continued fraction (NR 6.4), on the side
 *                x &lt; (a + 1)/(a + b + 2) where it converges fast, with I_x(a,b) = 1 - I_{1-x}(b,a)
 * </pre>
 * The prefactors {@code x^a e^-x / Gamma(a)} and {@code x^a (1-x)^b / B(a,b)} are formed in logs, so
 * very large or small arguments underflow to 0 rather than producing NaN.
 */
public final class SpecialFunctions {

    private static final double HALF_LOG_TWO_PI = 0.9189385332046727418;
    /** B_2k / (2k (2k - 1)) for k = 1..7. */
    private static final double[] STIRLING = {1.0 / 12, -1.0 / 360, 1.0 / 1260, -1.0 / 1680, 1.0 / 1188,
        -691.0 / 360360, 1.0 / 156};
    /** B_2k / (2k) for k = 1..7. */
    private static final double[] DIGAMMA = {1.0 / 12, -1.0 / 120, 1.0 / 252, -1.0 / 240, 1.0 / 132,
        -691.0 / 32760, 1.0 / 12};
    private static final double EPS = 1e-16;
    private static final double TINY = 1e-300;
    private static final int MAX_ITERATIONS = 100_000;
    /** log Gamma(n) = log (n-1)! for n = 1..23, from factorials that are exact in double (22! = 2^19 x odd &lt; 2^53). */
    private static final double[] LOG_FACTORIAL = new double[24];

    static {
        double f = 1;
        for (int n = 1; n < LOG_FACTORIAL.length; n++) {
            LOG_FACTORIAL[n] = Math.log(f);
            f *= n;
        }
    }

    private SpecialFunctions() {
    }

    /**
     * @param x argument &gt; 0
     * @return {@code log Gamma(x)}; NaN for x &lt;= 0 or NaN, +Infinity for x = +Infinity
     */
    public static double logGamma(double x) {
        if (!(x > 0)) {
            return Double.NaN;
        }
        if (x == Double.POSITIVE_INFINITY) {
            return x;
        }
        if (x < LOG_FACTORIAL.length && x == Math.rint(x)) {
            return LOG_FACTORIAL[(int) x];
        }
        if (x < 10) {
            double prod = 1.0;
            double z = x;
            while (z < 10) {
                prod *= z;
                z += 1.0;
            }
            return stirling(z) - Math.log(prod);
        }
        return stirling(x);
    }

    private static double stirling(double x) {
        final double inv = 1.0 / x, inv2 = inv * inv;
        double s = 0.0;
        for (int k = STIRLING.length - 1; k >= 0; k--) {
            s = s * inv2 + STIRLING[k];
        }
        return (x - 0.5) * Math.log(x) - x + HALF_LOG_TWO_PI + s * inv;
    }

    /**
     * @param x argument &gt; 0
     * @return {@code psi(x) = d/dx log Gamma(x)}
     */
    public static double digamma(double x) {
        if (!(x > 0)) {
            return Double.NaN;
        }
        double shift = 0.0;
        double z = x;
        while (z < 10) {
            shift -= 1.0 / z;
            z += 1.0;
        }
        final double inv2 = 1.0 / (z * z);
        double s = 0.0;
        for (int k = DIGAMMA.length - 1; k >= 0; k--) {
            s = s * inv2 + DIGAMMA[k];
        }
        return shift + Math.log(z) - 0.5 / z - s * inv2;
    }

    /**
     * @param a first argument &gt; 0
     * @param b second argument &gt; 0
     * @return {@code log B(a, b) = log Gamma(a) + log Gamma(b) - log Gamma(a + b)}
     */
    public static double logBeta(double a, double b) {
        return logGamma(a) + logGamma(b) - logGamma(a + b);
    }

    /**
     * @param a shape &gt; 0
     * @param x argument &gt;= 0
     * @return the lower regularised incomplete gamma {@code P(a, x)}
     */
    public static double regularizedGammaP(double a, double x) {
        checkGamma(a, x);
        if (x == 0) {
            return 0.0;
        }
        return x < a + 1 ? Math.exp(logGammaSeries(a, x)) : -Math.expm1(logGammaFraction(a, x));
    }

    /**
     * @param a shape &gt; 0
     * @param x argument &gt;= 0
     * @return the upper regularised incomplete gamma {@code Q(a, x) = 1 - P(a, x)}
     */
    public static double regularizedGammaQ(double a, double x) {
        return Math.exp(logRegularizedGammaQ(a, x));
    }

    /**
     * @param a shape &gt; 0
     * @param x argument &gt;= 0
     * @return {@code log Q(a, x)}, accurate far in the upper tail where Q underflows
     */
    public static double logRegularizedGammaQ(double a, double x) {
        checkGamma(a, x);
        if (x == 0) {
            return 0.0;
        }
        return x < a + 1 ? Math.log1p(-Math.exp(logGammaSeries(a, x))) : logGammaFraction(a, x);
    }

    private static void checkGamma(double a, double x) {
        if (!(a > 0) || !(x >= 0)) {
            throw new IllegalArgumentException("incomplete gamma needs a > 0 and x >= 0, got a = " + a + ", x = " + x);
        }
    }

    /** log P(a, x) by the series e^-x x^a / Gamma(a+1) sum_n x^n / ((a+1)...(a+n)). */
    private static double logGammaSeries(double a, double x) {
        double term = 1.0 / a, sum = term, ap = a;
        for (int n = 0; n < MAX_ITERATIONS; n++) {
            ap += 1.0;
            term *= x / ap;
            sum += term;
            if (Math.abs(term) < Math.abs(sum) * EPS) {
                break;
            }
        }
        return Math.log(sum) - x + a * Math.log(x) - logGamma(a);
    }

    /** log Q(a, x) by the continued fraction 1/(x+1-a- 1(1-a)/(x+3-a- 2(2-a)/(x+5-a- ...))). */
    private static double logGammaFraction(double a, double x) {
        double b = x + 1 - a, c = 1 / TINY, d = 1 / b, h = d;
        for (int i = 1; i < MAX_ITERATIONS; i++) {
            final double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.abs(d) < TINY) {
                d = TINY;
            }
            c = b + an / c;
            if (Math.abs(c) < TINY) {
                c = TINY;
            }
            d = 1 / d;
            final double del = d * c;
            h *= del;
            if (Math.abs(del - 1) < EPS) {
                break;
            }
        }
        return Math.log(h) - x + a * Math.log(x) - logGamma(a);
    }

    /**
     * @param x argument in [0, 1]
     * @param a first shape &gt; 0
     * @param b second shape &gt; 0
     * @return the regularised incomplete beta {@code I_x(a, b)}
     */
    public static double regularizedBeta(double x, double a, double b) {
        if (!(a > 0) || !(b > 0) || !(x >= 0 && x <= 1)) {
            throw new IllegalArgumentException("incomplete beta needs a, b > 0 and 0 <= x <= 1, got x = " + x
                    + ", a = " + a + ", b = " + b);
        }
        if (x == 0 || x == 1) {
            return x;
        }
        if (x > (a + 1) / (a + b + 2)) {
            return 1 - regularizedBeta(1 - x, b, a);
        }
        final double logFront = a * Math.log(x) + b * Math.log1p(-x) - logBeta(a, b);
        return Math.exp(logFront + Math.log(betaFraction(x, a, b)) - Math.log(a));
    }

    /** The continued fraction of I_x(a, b) (Numerical Recipes' betacf), by Lentz's method. */
    private static double betaFraction(double x, double a, double b) {
        final double qab = a + b, qap = a + 1, qam = a - 1;
        double c = 1, d = 1 - qab * x / qap;
        if (Math.abs(d) < TINY) {
            d = TINY;
        }
        d = 1 / d;
        double h = d;
        for (int m = 1; m < MAX_ITERATIONS; m++) {
            final int m2 = 2 * m;
            double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + aa * d;
            d = Math.abs(d) < TINY ? 1 / TINY : 1 / d;
            c = 1 + aa / c;
            if (Math.abs(c) < TINY) {
                c = TINY;
            }
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + aa * d;
            d = Math.abs(d) < TINY ? 1 / TINY : 1 / d;
            c = 1 + aa / c;
            if (Math.abs(c) < TINY) {
                c = TINY;
            }
            final double del = d * c;
            h *= del;
            if (Math.abs(del - 1) < EPS) {
                break;
            }
        }
        return h;
    }

    /**
     * The trigamma function, shifted up to x &gt;= 10 by {@code psi'(x) = psi'(x + 1) + 1/x^2}, then the
     * asymptotic series {@code 1/x + 1/(2x^2) + sum_k B_2k / x^(2k+1)} (7 terms, error &lt; 1e-16 relative).
     *
     * @param x argument &gt; 0
     * @return {@code psi'(x) = d^2/dx^2 log Gamma(x)}; NaN for x &lt;= 0 or NaN
     */
    public static double trigamma(double x) {
        if (!(x > 0)) {
            return Double.NaN;
        }
        double shift = 0;
        while (x < 10) {
            shift += 1 / (x * x);
            x += 1;
        }
        final double inv = 1 / x, inv2 = inv * inv;
        // B_2k for k = 1..7: 1/6, -1/30, 1/42, -1/30, 5/66, -691/2730, 7/6
        final double[] b = {1.0 / 6, -1.0 / 30, 1.0 / 42, -1.0 / 30, 5.0 / 66, -691.0 / 2730, 7.0 / 6};
        double series = 0, pow = inv * inv2;
        for (double bk : b) {
            series += bk * pow;
            pow *= inv2;
        }
        return shift + inv + 0.5 * inv2 + series;
    }
}

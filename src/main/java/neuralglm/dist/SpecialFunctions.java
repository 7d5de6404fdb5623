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
 *                continued fraction (Numerical Recipes 6.2), each giving the other by 1 - (.);
 *                for a &gt;= 1e5 (where both need O(sqrt a) steps) Temme's uniform asymptotic expansion
 *                (DLMF 8.12.3, 8.12.8-8.12.11) with two terms:
 *                Q = Phi(-eta sqrt a) + R, P = Phi(eta sqrt a) - R, R = phi(eta sqrt a)/sqrt a (c0 + c1/a),
 *                eta = sign(x/a - 1) sqrt(2 (x/a - 1 - log(x/a))), relative error about 1e-3/a^2 of R
 *   stirlerr(n) = log Gamma(n + 1) - (n + 1/2) log n + n - log(2 pi)/2, and
 *   bd0(x, m)   = x log(x/m) + m - x (by its series in v = (x - m)/(x + m) near x = m): Loader's (2000)
 *                saddle-point pieces, which give log masses of Poisson, binomial and negative binomial
 *                counts without the cancellation of k log mu - mu - log k! at huge k
 *   I_x(a, b)    regularised incomplete beta: Lentz's continued fraction (NR 6.4), on the side
 *                x &lt; (a + 1)/(a + b + 2) where it converges fast, with I_x(a,b) = 1 - I_{1-x}(b,a);
 *                for max(a, b) &gt; 1e9 a gamma limit or an Edgeworth expansion ({@code betaAsymptotic})
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
    /** Shapes from which the incomplete gamma uses Temme's expansion. */
    static final double TEMME_SHAPE = 1e5;
    /** Shapes from which the series' and fraction's prefactor x^a e^-x / Gamma(a) is formed in Loader's form. */
    static final double LOADER_SHAPE = 50;
    /** Shapes above which the incomplete beta uses {@link #betaAsymptotic}. */
    static final double BETA_ASYMPTOTIC = 1e9;
    private static final double LOG_SQRT_TWO_PI = 0.9189385332046727418;
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
        return (x - 0.5) * Math.log(x) - x + HALF_LOG_TWO_PI + stirlingSeries(x);
    }

    /** @return {@code sum_k B_2k / (2k (2k-1) x^(2k-1))}, for x &gt;= 10 */
    private static double stirlingSeries(double x) {
        final double inv = 1.0 / x, inv2 = inv * inv;
        double s = 0.0;
        for (int k = STIRLING.length - 1; k >= 0; k--) {
            s = s * inv2 + STIRLING[k];
        }
        return s * inv;
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
        final double small = Math.min(a, b), big = Math.max(a, b);
        if (big > 1e5 && small > 0 && big < Double.POSITIVE_INFINITY) {
            // log Gamma(big) - log Gamma(big + small) by Stirling, without the cancellation of two numbers of
            // size big log big: -small log big - (small + big - 1/2) log1p(small/big) + small + S(big) - S(big + small)
            return logGamma(small) - small * Math.log(big) - (small + big - 0.5) * Math.log1p(small / big) + small
                    + stirlingSeries(big) - stirlingSeries(big + small);
        }
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
        if (x == Double.POSITIVE_INFINITY) {
            return 1.0;
        }
        if (a >= TEMME_SHAPE) {
            return Math.exp(temme(a, x, false));
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
        if (x == Double.POSITIVE_INFINITY) {
            return Double.NEGATIVE_INFINITY;
        }
        if (a >= TEMME_SHAPE) {
            return temme(a, x, true);
        }
        return x < a + 1 ? Math.log1p(-Math.exp(logGammaSeries(a, x))) : logGammaFraction(a, x);
    }

    /**
     * @param a     shape &gt; 0
     * @param x     argument &gt; 0, finite
     * @param upper Q rather than P
     * @return log Q(a, x) or log P(a, x) by the series or continued fraction whatever a (for tests of the overlap)
     */
    static double exactLogGamma(double a, double x, boolean upper) {
        if (x < a + 1) {
            final double logP = logGammaSeries(a, x);
            return upper ? Math.log1p(-Math.exp(logP)) : logP;
        }
        final double logQ = logGammaFraction(a, x);
        return upper ? logQ : Math.log1p(-Math.exp(logQ));
    }

    /**
     * @param a     shape, large
     * @param x     argument &gt; 0
     * @param upper Q rather than P
     * @return log Q(a, x) or log P(a, x) by Temme's uniform expansion with two terms
     */
    static double temme(double a, double x, boolean upper) {
        final double u = (x - a) / a; // lambda - 1
        final double d = u < -0.5 ? x / a - 1 - Math.log(x / a) : xMinusLog1p(u);
        final double eta = Math.signum(u) * Math.sqrt(2 * d);
        final double s = eta * Math.sqrt(a);
        final double c0, c1;
        if (Math.abs(eta) < 1e-3) {
            c0 = -1.0 / 3 + eta / 12 - 2.0 / 135 * eta * eta + eta * eta * eta / 864;
            c1 = -1.0 / 540 - eta / 288 + eta * eta / 378;
        } else {
            c0 = 1 / u - 1 / eta;
            c1 = 1 / (eta * eta * eta) - 1 / (u * u * u) - 1 / (u * u) - 1 / (12 * u);
        }
        final double series = (c0 + c1 / a) / Math.sqrt(a);
        final double logPhi = -0.5 * s * s - LOG_SQRT_TWO_PI; // log phi(s)
        // Q = Phi(-s) + R, P = Phi(s) - R with R = phi(s) series; the normal term carries the tail
        final double sign = upper ? 1 : -1, t = upper ? -s : s;
        final double logNormal = StandardNormal.logCdf(t);
        if (logNormal == Double.NEGATIVE_INFINITY) {
            return logNormal; // s^2 overflows: the tail and R are both 0 in double
        }
        final double ratio = sign * Math.exp(logPhi - logNormal) * series;
        return logNormal + Math.log1p(Math.max(-1.0, ratio));
    }

    /** @return {@code u - log(1 + u)} for u &gt; -1, without cancellation near 0 */
    static double xMinusLog1p(double u) {
        if (Math.abs(u) > 0.1) {
            return u - Math.log1p(u);
        }
        double term = u, sum = 0;
        for (int k = 2; k < 60; k++) {
            term *= -u;
            final double add = term / k;
            sum += add;
            if (Math.abs(add) <= 1e-17 * Math.abs(sum)) {
                break;
            }
        }
        return -sum;
    }

    /** stirlerr(n) for n = 0, 1/2, 1, ..., 15, from log Gamma. */
    private static final double[] STIRLERR_HALVES = new double[31];

    static {
        for (int i = 1; i < STIRLERR_HALVES.length; i++) {
            final double n = 0.5 * i;
            STIRLERR_HALVES[i] = logGamma(n + 1) - (n + 0.5) * Math.log(n) + n - LOG_SQRT_TWO_PI;
        }
    }

    /**
     * @param n a number &gt; 0
     * @return {@code log Gamma(n + 1) - (n + 1/2) log n + n - log(2 pi)/2}, the error of Stirling's formula
     */
    static double stirlerr(double n) {
        if (n <= 15) {
            if (2 * n == Math.rint(2 * n)) {
                return STIRLERR_HALVES[(int) (2 * n)];
            }
            return logGamma(n + 1) - (n + 0.5) * Math.log(n) + n - LOG_SQRT_TWO_PI;
        }
        final double n2 = n * n;
        if (n > 500) {
            return (1.0 / 12 - 1.0 / 360 / n2) / n;
        }
        if (n > 80) {
            return (1.0 / 12 - (1.0 / 360 - 1.0 / 1260 / n2) / n2) / n;
        }
        if (n > 35) {
            return (1.0 / 12 - (1.0 / 360 - (1.0 / 1260 - 1.0 / 1680 / n2) / n2) / n2) / n;
        }
        return (1.0 / 12 - (1.0 / 360 - (1.0 / 1260 - (1.0 / 1680 - 1.0 / 1188 / n2) / n2) / n2) / n2) / n;
    }

    /**
     * @param x a number &gt;= 0
     * @param m a number &gt; 0
     * @return {@code x log(x/m) + m - x} (the deviance part of a log mass), without cancellation near x = m
     */
    static double bd0(double x, double m) {
        if (x == Double.POSITIVE_INFINITY || m == Double.POSITIVE_INFINITY) {
            return Double.POSITIVE_INFINITY;
        }
        if (Math.abs(x - m) < 0.2 * (0.5 * x + 0.5 * m)) {
            final double v = (0.5 * x - 0.5 * m) / (0.5 * x + 0.5 * m); // halves: x + m may overflow
            double s = (x - m) * v;
            double ej = x * v * 2;
            final double v2 = v * v;
            for (int j = 1; j < 1000; j++) {
                ej *= v2;
                final double s1 = s + ej / (2 * j + 1);
                if (s1 == s) {
                    return s1;
                }
                s = s1;
            }
            return s;
        }
        return (x == 0 ? 0 : x * Math.log(x / m)) + m - x;
    }

    /**
     * Loader's saddle-point form of the Poisson log mass.
     *
     * @param k  a count &gt;= 1
     * @param mu mean &gt; 0
     * @return {@code log(mu^k e^-mu / k!) = -stirlerr(k) - bd0(k, mu) - log(2 pi k)/2}
     */
    static double logPoissonMass(double k, double mu) {
        return -stirlerr(k) - bd0(k, mu) - 0.5 * Math.log(k) - LOG_SQRT_TWO_PI;
    }

    /**
     * Loader's saddle-point form of the binomial log mass, for real n.
     *
     * @param x successes, 0 &lt; x &lt; n
     * @param n trials
     * @param p success probability
     * @param q 1 - p (passed separately for accuracy)
     * @return {@code log(C(n, x) p^x q^(n-x))}
     */
    static double logBinomialMass(double x, double n, double p, double q) {
        final double lc = stirlerr(n) - stirlerr(x) - stirlerr(n - x) - bd0(x, n * p) - bd0(n - x, n * q);
        return lc - 0.5 * (Math.log(x) + Math.log1p(-x / n)) - LOG_SQRT_TWO_PI;
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
        return Math.log(sum) + logPrefactor(a, x);
    }

    /**
     * @return {@code log(x^a e^-x / Gamma(a))}; from a = {@value #LOADER_SHAPE} as {@code log a + log Pois(a; x)} in
     *         Loader's saddle-point form, since {@code a log x - x - log Gamma(a)} cancels terms of size a log a
     *         (relative error about 1e-16 a log a in P and Q: 1e-10 at a = 1e5)
     */
    private static double logPrefactor(double a, double x) {
        return a >= LOADER_SHAPE ? Math.log(a) + logPoissonMass(a, x) : a * Math.log(x) - x - logGamma(a);
    }

    /** log Q(a, x) by the continued fraction 1/(x+1-a- 1(1-a)/(x+3-a- 2(2-a)/(x+5-a- ...))). */
    private static double logGammaFraction(double a, double x) {
        if (x > 1e200) {
            // the fraction's steps x + 2i no longer change x: Q = x^(a-1) e^-x / Gamma(a) (1 + O(a/x)), far below 1e-300
            return (a - 1) * Math.log(x) - x - logGamma(a);
        }
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
        return Math.log(h) + logPrefactor(a, x);
    }

    /**
     * @param x argument in [0, 1]
     * @param a first shape &gt; 0
     * @param b second shape &gt; 0
     * @return the regularised incomplete beta {@code I_x(a, b)}
     */
    public static double regularizedBeta(double x, double a, double b) {
        return regularizedBeta(x, 1 - x, a, b);
    }

    /**
     * @param x         argument in [0, 1]
     * @param oneMinusX 1 - x, given separately so that an x within 1e-16 of 1 keeps its complement's digits
     * @param a         first shape &gt; 0
     * @param b         second shape &gt; 0
     * @return the regularised incomplete beta {@code I_x(a, b)}
     */
    static double regularizedBeta(double x, double oneMinusX, double a, double b) {
        if (!(a > 0) || !(b > 0) || !(x >= 0 && x <= 1)) {
            throw new IllegalArgumentException("incomplete beta needs a, b > 0 and 0 <= x <= 1, got x = " + x
                    + ", a = " + a + ", b = " + b);
        }
        if (x == 0 || x == 1) {
            return x;
        }
        // each log from the smaller of x and 1 - x, whose digits are exact
        final double logX = x <= 0.5 ? Math.log(x) : Math.log1p(-oneMinusX);
        final double log1mX = x <= 0.5 ? Math.log1p(-x) : Math.log(oneMinusX);
        if (Math.max(a, b) > BETA_ASYMPTOTIC) {
            return betaAsymptotic(x, a, b, logX, log1mX);
        }
        if (x > (a + 1) / (a + b + 2)) {
            return 1 - Math.exp(b * log1mX + a * logX - logBeta(a, b) + Math.log(betaFraction(oneMinusX, b, a)) - Math.log(b));
        }
        final double logFront = a * logX + b * log1mX - logBeta(a, b);
        return Math.exp(logFront + Math.log(betaFraction(x, a, b)) - Math.log(a));
    }

    /**
     * I_x(a, b) when max(a, b) &gt; {@value #BETA_ASYMPTOTIC}, where the continued fraction would need
     * O(sqrt(max(a, b))) steps: with X = G_a / (G_a + G_b) for independent gammas,
     * <ul>
     * <li>one shape small (min &lt;= 1e6): b X -&gt; G_a as b -&gt; infinity, and with the shifted scale
     *     I_x(a, b) ~ P(a, -(b + (a - 1)/2) log(1 - x)) (and by symmetry for a large);</li>
     * <li>both large: P(X &lt;= x) = P(L &lt;= 0), L = (1 - x) G_a - x G_b, by the one-term Edgeworth
     *     expansion of L (cumulants k1 = (1-x) a - x b, k2 = (1-x)^2 a + x^2 b, k3 = 2 ((1-x)^3 a - x^3 b)),
     *     error O(1/min(a, b)).</li>
     * </ul>
     */
    static double betaAsymptotic(double x, double a, double b, double logX, double log1mX) {
        if (Math.min(a, b) <= 1e6) {
            if (b >= a) {
                return regularizedGammaP(a, -(b + 0.5 * (a - 1)) * log1mX);
            }
            return regularizedGammaQ(b, -(a + 0.5 * (b - 1)) * logX);
        }
        final double y = Math.exp(logX), u = Math.exp(log1mX); // x and 1 - x, each to full relative precision
        final double k1 = u * a - y * b, k3 = 2 * (u * u * u * a - y * y * y * b);
        final double sd = Math.hypot(u * Math.sqrt(a), y * Math.sqrt(b)), z = -k1 / sd, skew = k3 / sd / sd / sd;
        final double f = StandardNormal.cdf(z) - (Math.abs(z) > 40 ? 0 : StandardNormal.density(z) * skew * (z * z - 1) / 6);
        return Math.max(0.0, Math.min(1.0, f));
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

package neuralglm.dist;

import java.util.function.DoubleUnaryOperator;

/**
 * Maximum-likelihood dispersion parameters at given means (the profile step of the usual
 * alternation: fit mu at a fixed dispersion, re-estimate it at those mu, refit if it matters). Each
 * score is a function of one variable whose root is bracketed in logs and found by bisection to
 * 1e-13 relative.
 * <p>Negative binomial alpha, with r = 1/alpha:
 * <pre>
 *   dl/dr = sum_i w_i [psi(y_i + r) - psi(r) - log(1 + mu_i/r) + (mu_i - y_i)/(r + mu_i)]
 * </pre>
 * ({@code psi(y + r) - psi(r) = sum_{j &lt; y} 1/(r + j)} for integer y &lt; 1000), r in [1e-8, 1e8].
 * <p>Gamma phi = 1/k: the score in the shape k is {@code W (log k - psi(k)) - D/2}, with
 * {@code W = sum w_i} and D the deviance {@code sum w_i 2 ((y_i - mu_i)/mu_i - log(y_i/mu_i))};
 * {@code log k - psi(k)} falls from +Infinity to 0, so the root is unique. Like every ML variance
 * estimate it divides by n, not n - p, and so is biased low by about p/n.
 * <p>Tweedie phi (1 &lt; p &lt; 2): {@code argmax_phi sum w log f(y; mu, phi)} by golden section in log phi
 * on [start / 1000, start * 1000] (the log-likelihood is unimodal in phi in practice), to 1e-10 in log phi.
 */
public final class MaximumLikelihood {

    private static final double LOG_BOUND = Math.log(1e8);
    private static final int SUM_LIMIT = 1000;
    private static final double GOLDEN = (Math.sqrt(5) - 1) / 2;

    private MaximumLikelihood() {
    }

    /**
     * @param y  counts, y_i &gt;= 0
     * @param mu fitted means, mu_i &gt; 0
     * @param w  prior weights, or null for 1
     * @return the maximum-likelihood alpha; 0 when the likelihood increases all the way to the Poisson
     *         limit (no over-dispersion, alpha &lt; 1e-8); 1e8 when it keeps increasing the other way
     */
    public static double negativeBinomialAlpha(double[] y, double[] mu, double[] w) {
        check("NegativeBinomial alpha", y, mu, w, false);
        double lo = -LOG_BOUND, hi = LOG_BOUND; // in log r
        if (score(hi, y, mu, w) >= 0) {
            return 0.0;
        }
        if (score(lo, y, mu, w) <= 0) {
            return 1 / Math.exp(lo);
        }
        while (hi - lo > 1e-13 * Math.max(1, Math.abs(lo))) {
            final double mid = 0.5 * (lo + hi);
            if (score(mid, y, mu, w) > 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return Math.exp(-0.5 * (lo + hi));
    }

    private static double score(double logR, double[] y, double[] mu, double[] w) {
        final double r = Math.exp(logR);
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            final double d = digammaDifference(y[i], r) - Math.log1p(mu[i] / r) + (mu[i] - y[i]) / (r + mu[i]);
            s += (w == null ? 1.0 : w[i]) * d;
        }
        return s;
    }

    private static double digammaDifference(double y, double r) {
        if (y < SUM_LIMIT && y == Math.rint(y)) {
            double s = 0;
            for (int j = 0; j < y; j++) {
                s += 1 / (r + j);
            }
            return s;
        }
        return SpecialFunctions.digamma(y + r) - SpecialFunctions.digamma(r);
    }

    /**
     * @param y  positive targets
     * @param mu fitted means, mu_i &gt; 0
     * @param w  prior weights, or null for 1
     * @return the maximum-likelihood Gamma dispersion phi = 1/shape, in [1e-12, 1e12]
     */
    public static double gammaDispersion(double[] y, double[] mu, double[] w) {
        check("Gamma dispersion", y, mu, w, true);
        double total = 0, deviance = 0;
        for (int i = 0; i < y.length; i++) {
            final double wi = w == null ? 1.0 : w[i];
            total += wi;
            deviance += wi * 2 * ((y[i] - mu[i]) / mu[i] - Math.log(y[i] / mu[i]));
        }
        final double target = deviance / (2 * total);
        double lo = -Math.log(1e12), hi = Math.log(1e12); // in log k
        while (hi - lo > 1e-13 * Math.max(1, Math.abs(lo))) {
            final double mid = 0.5 * (lo + hi), k = Math.exp(mid);
            if (Math.log(k) - SpecialFunctions.digamma(k) > target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return Math.exp(-0.5 * (lo + hi));
    }

    /**
     * @param power the variance power, 1 &lt; p &lt; 2
     * @param y     targets y_i &gt;= 0
     * @param mu    fitted means, mu_i &gt; 0
     * @param w     prior weights, or null for 1
     * @param start a first estimate (e.g. Pearson's), &gt; 0
     * @return phi maximising the summed Tweedie log density, within a factor 1000 of start
     */
    public static double tweedieDispersion(double power, double[] y, double[] mu, double[] w, double start) {
        return maximiseOverLogPhi(logPhi -> tweedieLogLikelihood(power, y, mu, w, logPhi), start, 1e-10);
    }

    /**
     * Golden-section search for the maximum of a unimodal log-likelihood l(log phi) on
     * log phi in [log start - log 1000, log start + log 1000].
     *
     * @param logLikelihood l as a function of log phi
     * @param start         a first estimate of phi, &gt; 0
     * @param tolerance     width of the final bracket in log phi
     * @return phi = exp(midpoint of the final bracket)
     */
    static double maximiseOverLogPhi(DoubleUnaryOperator logLikelihood, double start,
                              double tolerance) {
        double lo = Math.log(start) - Math.log(1000), hi = Math.log(start) + Math.log(1000);
        double a = hi - GOLDEN * (hi - lo), b = lo + GOLDEN * (hi - lo);
        double fa = logLikelihood.applyAsDouble(a), fb = logLikelihood.applyAsDouble(b);
        while (hi - lo > tolerance) {
            if (fa > fb) {
                hi = b;
                b = a;
                fb = fa;
                a = hi - GOLDEN * (hi - lo);
                fa = logLikelihood.applyAsDouble(a);
            } else {
                lo = a;
                a = b;
                fa = fb;
                b = lo + GOLDEN * (hi - lo);
                fb = logLikelihood.applyAsDouble(b);
            }
        }
        return Math.exp(0.5 * (lo + hi));
    }

    private static double tweedieLogLikelihood(double power, double[] y, double[] mu, double[] w, double logPhi) {
        final double phi = Math.exp(logPhi);
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += (w == null ? 1.0 : w[i]) * new TweedieDistribution(mu[i], phi, power).logDensity(y[i]);
        }
        return s;
    }

    private static void check(String what, double[] y, double[] mu, double[] w, boolean positive) {
        if (y.length != mu.length || (w != null && w.length != y.length)) {
            throw new IllegalArgumentException(what + ": y, mu and w need the same length, got "
                    + y.length + ", " + mu.length + ", " + (w == null ? "null" : w.length));
        }
        for (int i = 0; i < y.length; i++) {
            if (!(positive ? y[i] > 0 : y[i] >= 0) || !Double.isFinite(y[i])) {
                throw new IllegalArgumentException(what + ": row " + i + ": y must be " + (positive ? "> 0" : "a count >= 0")
                        + ", got " + y[i]);
            }
            if (!(mu[i] > 0) || !Double.isFinite(mu[i])) {
                throw new IllegalArgumentException(what + ": row " + i + ": mu must be > 0, got " + mu[i]);
            }
        }
    }
}

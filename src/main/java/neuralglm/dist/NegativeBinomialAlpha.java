package neuralglm.dist;

/**
 * Maximum-likelihood over-dispersion alpha of NB2 counts at given means (the profile step of the
 * usual alternation: fit mu at a fixed alpha, re-estimate alpha at those mu, refit). With r = 1/alpha
 * the score is
 * <pre>
 *   dl/dr = sum_i w_i [psi(y_i + r) - psi(r) - log(1 + mu_i/r) + (mu_i - y_i)/(r + mu_i)]
 * </pre>
 * ({@code psi(y + r) - psi(r) = sum_{j &lt; y} 1/(r + j)} for integer y &lt; 1000). Its root is
 * bracketed in log r over [-log 1e8, log 1e8] and found by bisection to 1e-13 relative.
 */
public final class NegativeBinomialAlpha {

    private static final double LOG_BOUND = Math.log(1e8);
    private static final int SUM_LIMIT = 1000;

    private NegativeBinomialAlpha() {
    }

    /**
     * @param y  counts, y_i &gt;= 0
     * @param mu fitted means, mu_i &gt; 0
     * @param w  prior weights, or null for 1
     * @return the maximum-likelihood alpha; 0 when the likelihood increases all the way to the Poisson
     *         limit (no over-dispersion, alpha &lt; 1e-8); 1e8 when it keeps increasing the other way
     */
    public static double maximumLikelihood(double[] y, double[] mu, double[] w) {
        if (y.length != mu.length || (w != null && w.length != y.length)) {
            throw new IllegalArgumentException("NegativeBinomial alpha: y, mu and w need the same length, got "
                    + y.length + ", " + mu.length + ", " + (w == null ? "null" : w.length));
        }
        for (int i = 0; i < y.length; i++) {
            if (!(y[i] >= 0) || !Double.isFinite(y[i])) {
                throw new IllegalArgumentException("NegativeBinomial alpha: row " + i + ": y must be a count >= 0, got " + y[i]);
            }
            if (!(mu[i] > 0) || !Double.isFinite(mu[i])) {
                throw new IllegalArgumentException("NegativeBinomial alpha: row " + i + ": mu must be > 0, got " + mu[i]);
            }
        }
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
}

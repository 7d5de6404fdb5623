package neuralglm.family;

import neuralglm.dist.BinomialDistribution;
import neuralglm.dist.ResponseDistribution;
import neuralglm.linalg.SafeMath;

/**
 * Proportions of successes out of n trials, with the logit (canonical) link; the number of trials is
 * the instance weight, as in R's {@code glm(prop ~ x, binomial, weights = n)}.
 * <pre>
 *   mu = sigmoid(eta),   V(mu) = mu (1 - mu)
 *   l = softplus(eta) - y eta,                 dl/deta = mu - y
 *   l_sat = -(y log y + (1 - y) log(1 - y))
 * </pre>
 * The NLL uses the stable softplus, so a logit of 1000 costs no overflow.
 * <p>The predictive distribution of a new proportion is Bin(n, mu)/n with n its instance weight. Training
 * accepts any weight &gt;= 0, but a proportion has a distribution only for a whole number of trials: a
 * weight that is not one predicts the proportion of its nearest whole number of trials, and a weight
 * below 1/2 (zero included) that of one trial, so that an interval or a log mass always exists
 * ({@link #wholeTrials}).
 */
public class BinomialFamily extends Family {
    private static final long serialVersionUID = 1L;

    @Override public String name() { return "Binomial"; }
    @Override public Link link() { return Link.LOGIT; }
    @Override
    public double nll(double eta, double y) {
        if (Double.isInfinite(eta)) {   // the limit (0 where the mean is y: the intercept-only eta of all-0 or all-1 targets)
            return (eta > 0 ? y == 1 : y == 0) ? 0.0 : Double.POSITIVE_INFINITY;
        }
        return SafeMath.softplus(eta) - y * eta;
    }
    @Override public double gradient(double eta, double y) { return SafeMath.sigmoid(eta) - y; }

    @Override
    public double saturatedNll(double y) {
        return -(SafeMath.xlogy(y, y) + SafeMath.xlogy(1.0 - y, 1.0 - y));
    }

    @Override public double variance(double mu) { return mu * (1.0 - mu); }
    @Override public boolean isValidTarget(double y) { return y >= 0.0 && y <= 1.0; }
    @Override public String targetDomain() { return "0 <= y <= 1 (a proportion of successes)"; }

    /** @return Bin(n, mu)/n, n = {@link #wholeTrials}(trials) (phi ignored) */
    @Override
    public ResponseDistribution distribution(double mu, double phi, double trials) {
        return new BinomialDistribution(mu, wholeTrials(trials));
    }

    /**
     * @param weight an instance weight, the number of trials of its proportion
     * @return the weight rounded to the nearest whole number (halves up), at least 1
     * @throws IllegalArgumentException for a negative, NaN or infinite weight
     */
    public static double wholeTrials(double weight) {
        if (!(weight >= 0) || weight == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("Binomial family: the number of trials (the instance weight) must be a "
                    + "finite number >= 0, got " + weight);
        }
        return Math.max(1.0, Math.floor(weight + 0.5));
    }

    @Override
    public double unitDeviance(double y, double mu) {
        return 2.0 * (SafeMath.xlogy(y, y / mu) + SafeMath.xlogy(1.0 - y, (1.0 - y) / (1.0 - mu)));
    }

    @Override
    public boolean weightIsTrials() {
        return true;
    }

    /** A proportion y of w trials: {@code log Bin(w y; w, mu)}, counted once (R's binomial()$aic). */
    @Override
    public double rowLogLikelihood(double y, double mu, double phi, double w, boolean prior) {
        return distribution(mu, 1.0, w).logDensity(y);
    }
}

package neuralglm.family;

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
 */
public class Binomial extends Family {
    private static final long serialVersionUID = 1L;

    @Override public String name() { return "Binomial"; }
    @Override public Link link() { return Link.LOGIT; }
    @Override public double nll(double eta, double y) { return SafeMath.softplus(eta) - y * eta; }
    @Override public double gradient(double eta, double y) { return SafeMath.sigmoid(eta) - y; }

    @Override
    public double saturatedNll(double y) {
        return -(SafeMath.xlogy(y, y) + SafeMath.xlogy(1.0 - y, 1.0 - y));
    }

    @Override public double variance(double mu) { return mu * (1.0 - mu); }
    @Override public boolean isValidTarget(double y) { return y >= 0.0 && y <= 1.0; }
    @Override public String targetDomain() { return "0 <= y <= 1 (a proportion of successes)"; }

    @Override
    public double unitDeviance(double y, double mu) {
        return 2.0 * (SafeMath.xlogy(y, y / mu) + SafeMath.xlogy(1.0 - y, (1.0 - y) / (1.0 - mu)));
    }
}

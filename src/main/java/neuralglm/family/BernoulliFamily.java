package neuralglm.family;

import neuralglm.dist.BinomialDistribution;
import neuralglm.dist.ResponseDistribution;

/**
 * Binary targets y in {0, 1} with the logit (canonical) link: {@link BinomialFamily} with one trial.
 * <pre>
 *   mu = sigmoid(eta),   l = softplus(eta) - y eta,   dl/deta = mu - y
 * </pre>
 */
public final class BernoulliFamily extends BinomialFamily {
    private static final long serialVersionUID = 1L;

    @Override public String name() { return "Bernoulli"; }
    @Override public boolean isValidTarget(double y) { return y == 0.0 || y == 1.0; }
    @Override public String targetDomain() { return "y in {0, 1}"; }
    @Override public LabelCoding labelCoding() { return LabelCoding.BINARY; }

    /** @return Bin(1, mu) (phi and trials ignored) */
    @Override
    public ResponseDistribution distribution(double mu, double phi, double trials) {
        return new BinomialDistribution(mu, 1.0);
    }

    @Override
    public boolean weightIsTrials() {
        return false;
    }

    @Override
    public double rowLogLikelihood(double y, double mu, double phi, double w, boolean prior) {
        return w * distribution(mu, 1.0, 1.0).logDensity(y);
    }
}

package neuralglm.family;

import neuralglm.dist.PoissonDistribution;
import neuralglm.dist.ResponseDistribution;
import neuralglm.linalg.SafeMath;

/**
 * Counts (or non-negative rates) with the log (canonical) link.
 * <pre>
 *   mu = exp(eta),   V(mu) = mu
 *   l = exp(eta) - y eta          (log y! dropped),   dl/deta = mu - y
 *   l_sat = y - y log y
 * </pre>
 * exp is clamped so that a huge eta gives a huge but finite loss. Non-integer y &gt;= 0 are allowed
 * (quasi-Poisson rates).
 */
public final class PoissonFamily extends Family {
    private static final long serialVersionUID = 1L;

    @Override public String name() { return "Poisson"; }
    @Override public Link link() { return Link.LOG; }
    /** The y term is skipped at y = 0, so that {@code unitDeviance(0, 0)} (eta = -Inf) is 0, not NaN. */
    @Override public double nll(double eta, double y) { return SafeMath.exp(eta) - (y == 0.0 ? 0.0 : y * eta); }
    @Override public double gradient(double eta, double y) { return SafeMath.exp(eta) - y; }
    @Override public double saturatedNll(double y) { return y - SafeMath.xlogy(y, y); }
    @Override public double variance(double mu) { return mu; }
    @Override public boolean isValidTarget(double y) { return y >= 0.0; }
    @Override public String targetDomain() { return "y >= 0 (a count)"; }

    /** @return Poisson(mu) (phi ignored) */
    @Override
    public ResponseDistribution distribution(double mu, double phi, double trials) {
        return new PoissonDistribution(mu);
    }
}

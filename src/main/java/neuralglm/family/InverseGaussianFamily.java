package neuralglm.family;

import neuralglm.dist.InverseGaussianDistribution;
import neuralglm.dist.ResponseDistribution;
import neuralglm.linalg.SafeMath;
import org.ejml.data.DMatrixRMaj;

/**
 * Positive continuous targets with V(mu) = mu^3.
 * <p>Log link (default):
 * <pre>
 *   mu = exp(eta),   l = y/(2 mu^2) - 1/mu,   dl/deta = (mu - y)/mu^3 * mu = (mu - y)/mu^2
 * </pre>
 * Canonical link, theta = -1/(2 mu^2) (requires eta &lt; 0):
 * <pre>
 *   mu = 1/sqrt(-2 eta),   l = -y eta - sqrt(-2 eta),   dl/deta = mu - y
 * </pre>
 * In both, {@code l_sat = -1/(2y)}; the dispersion is the Pearson estimate.
 */
public final class InverseGaussianFamily extends Family {
    private static final long serialVersionUID = 1L;

    private final Link link;

    /** Inverse Gaussian with the log link. */
    public InverseGaussianFamily() {
        this(Link.LOG);
    }

    /** @param link {@link Link#LOG} or {@link Link#NEGATIVE_HALF_INVERSE_SQUARED} (canonical) */
    public InverseGaussianFamily(Link link) {
        if (link != Link.LOG && link != Link.NEGATIVE_HALF_INVERSE_SQUARED) {
            throw new IllegalArgumentException("InverseGaussian family supports the log and the canonical (-1/(2 mu^2)) links, not " + link);
        }
        this.link = link;
    }

    @Override public String name() { return "InverseGaussian"; }
    @Override public Link link() { return link; }

    @Override
    public double nll(double eta, double y) {
        if (link == Link.LOG) {
            final double inv = SafeMath.exp(-eta);
            return 0.5 * y * inv * inv - inv;
        }
        return eta < 0 ? -y * eta - Math.sqrt(-2.0 * eta) : Double.POSITIVE_INFINITY;
    }

    @Override
    public double gradient(double eta, double y) {
        if (link == Link.LOG) {
            final double inv = SafeMath.exp(-eta);
            return inv - y * inv * inv;
        }
        return eta < 0 ? 1.0 / Math.sqrt(-2.0 * eta) - y : Double.NaN;
    }

    @Override public double saturatedNll(double y) { return -0.5 / y; }
    @Override public double variance(double mu) { return mu * mu * mu; }
    @Override public boolean isValidTarget(double y) { return y > 0.0; }
    @Override public String targetDomain() { return "y > 0"; }
    @Override public boolean hasFixedDispersion() { return false; }

    /** @return IG(mu, lambda = 1/phi) */
    @Override
    public ResponseDistribution distribution(double mu, double phi, double trials) {
        return new InverseGaussianDistribution(mu, phi);
    }

    /** @return D / n_w (closed form) */
    @Override
    public double maximumLikelihoodDispersion(DMatrixRMaj eta, DMatrixRMaj y, double[] w) {
        return deviance(eta, y, w) / totalWeight(w, eta.numRows);
    }

    @Override
    public String dispersionMeaning(double phi) {
        return "; lambda = " + num(1 / phi);
    }

    @Override
    public double likelihoodDispersion(double deviance, double sumWeights, double observations, double modelPhi) {
        return deviance / sumWeights;
    }
}

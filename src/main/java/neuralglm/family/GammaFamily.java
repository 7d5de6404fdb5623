package neuralglm.family;

import neuralglm.dist.GammaDistribution;
import neuralglm.dist.MaximumLikelihood;
import neuralglm.dist.ResponseDistribution;
import neuralglm.linalg.SafeMath;
import org.ejml.data.DMatrixRMaj;

/**
 * Positive continuous targets with constant coefficient of variation, V(mu) = mu^2.
 * <p>Log link (default, safe for a network output):
 * <pre>
 *   mu = exp(eta),   l = y exp(-eta) + eta,   dl/deta = (mu - y)/V(mu) * dmu/deta = 1 - y/mu
 * </pre>
 * Canonical link, theta = -1/mu (requires eta &lt; 0):
 * <pre>
 *   mu = -1/eta,     l = -y eta - log(-eta),  dl/deta = mu - y
 * </pre>
 * In both, {@code l_sat = 1 + log y}; the dispersion (1/shape) is the Pearson estimate.
 */
public class GammaFamily extends Family {
    private static final long serialVersionUID = 1L;

    private final Link link;

    /** Gamma with the log link. */
    public GammaFamily() {
        this(Link.LOG);
    }

    /**
     * @param link {@link Link#LOG} or {@link Link#NEGATIVE_INVERSE} (canonical)
     */
    public GammaFamily(Link link) {
        if (link != Link.LOG && link != Link.NEGATIVE_INVERSE) {
            throw new IllegalArgumentException(name() + " family supports the log and the canonical (-1/mu) links, not " + link);
        }
        this.link = link;
    }

    @Override public String name() { return "Gamma"; }
    @Override public Link link() { return link; }

    @Override
    public double nll(double eta, double y) {
        if (link == Link.LOG) {
            return y * SafeMath.exp(-eta) + eta;
        }
        return eta < 0 ? -y * eta - Math.log(-eta) : Double.POSITIVE_INFINITY;
    }

    @Override
    public double gradient(double eta, double y) {
        if (link == Link.LOG) {
            return 1.0 - y * SafeMath.exp(-eta);
        }
        return eta < 0 ? -1.0 / eta - y : Double.NaN;
    }

    @Override public double saturatedNll(double y) { return 1.0 + Math.log(y); }
    @Override public double variance(double mu) { return mu * mu; }
    @Override public boolean isValidTarget(double y) { return y > 0.0; }
    @Override public String targetDomain() { return "y > 0"; }
    @Override public boolean hasFixedDispersion() { return false; }

    /** @return the Gamma with shape 1/phi and mean mu */
    @Override
    public ResponseDistribution distribution(double mu, double phi, double trials) {
        return new GammaDistribution(mu, phi);
    }

    /** @return phi = 1/shape with W (log k - psi(k)) = D/2 ({@link MaximumLikelihood#gammaDispersion}) */
    @Override
    public double maximumLikelihoodDispersion(DMatrixRMaj eta, DMatrixRMaj y, double[] w) {
        return MaximumLikelihood.gammaDispersion(y.data, means(this, eta), w);
    }

    @Override
    public String dispersionMeaning(double phi) {
        return "; shape = " + num(1 / phi);
    }

    @Override
    public double likelihoodDispersion(double deviance, double sumWeights, double observations, double modelPhi) {
        return hasFixedDispersion() ? 1.0 : deviance / sumWeights;
    }
}

package neuralglm.family;

import neuralglm.dist.NormalDistribution;
import neuralglm.dist.ResponseDistribution;
import org.ejml.data.DMatrixRMaj;

/**
 * Normal targets with the identity (canonical) link.
 * <pre>
 *   mu = eta,   V(mu) = 1,   l = (y - eta)^2 / 2,   dl/deta = mu - y,   l_sat = 0
 * </pre>
 * The dispersion is the residual variance sigma^2 (Pearson estimate).
 */
public final class GaussianFamily extends Family {
    private static final long serialVersionUID = 1L;

    @Override public String name() { return "Gaussian"; }
    @Override public Link link() { return Link.IDENTITY; }
    @Override public double nll(double eta, double y) { final double r = y - eta; return 0.5 * r * r; }
    @Override public double gradient(double eta, double y) { return eta - y; }
    @Override public double saturatedNll(double y) { return 0.0; }
    @Override public double variance(double mu) { return 1.0; }
    @Override public boolean isValidTarget(double y) { return Double.isFinite(y); }
    @Override public String targetDomain() { return "y finite"; }
    @Override public boolean hasFixedDispersion() { return false; }
    @Override public boolean locationScale() { return true; }

    /** @return N(mu, phi): phi is sigma^2 */
    @Override
    public ResponseDistribution distribution(double mu, double phi, double trials) {
        return new NormalDistribution(mu, phi);
    }

    /** @return D / n_w (closed form) */
    @Override
    public double maximumLikelihoodDispersion(DMatrixRMaj eta, DMatrixRMaj y, double[] w) {
        return deviance(eta, y, w) / totalWeight(w, eta.numRows);
    }

    @Override
    public String dispersionMeaning(double phi) {
        return "; sigma = " + num(Math.sqrt(phi));
    }

    @Override
    public double likelihoodDispersion(double deviance, double sumWeights, double observations, double modelPhi) {
        return deviance / observations;
    }
}

package neuralglm.family;

import neuralglm.dist.GammaDistribution;
import neuralglm.dist.ResponseDistribution;
import org.ejml.data.DMatrixRMaj;

/**
 * The exponential distribution as a GLM family (registry name {@code "Exponential"}): {@link GammaFamily}
 * with its dispersion fixed at 1 (shape 1). Named so as not to read as "an exponential family", which
 * every {@link Family} is.
 * <pre>
 *   log link: mu = exp(eta), l = y/mu + log mu (exact NLL), dl/deta = 1 - y/mu
 * </pre>
 */
public final class ExponentialDistributionFamily extends GammaFamily {
    private static final long serialVersionUID = 1L;

    /** Exponential with the log link. */
    public ExponentialDistributionFamily() {
        super(Link.LOG);
    }

    /** @param link {@link Link#LOG} or {@link Link#NEGATIVE_INVERSE} */
    public ExponentialDistributionFamily(Link link) {
        super(link);
    }

    @Override public String name() { return "Exponential"; }
    @Override public boolean hasFixedDispersion() { return true; }

    /** @return the Gamma with shape 1 and mean mu (phi ignored) */
    @Override
    public ResponseDistribution distribution(double mu, double phi, double trials) {
        return new GammaDistribution(mu, 1.0);
    }

    /** @return 1 (fixed) */
    @Override
    public double maximumLikelihoodDispersion(DMatrixRMaj eta, DMatrixRMaj y, double[] w) {
        return 1.0;
    }

    @Override
    public String dispersionMeaning(double phi) {
        return "";
    }
}

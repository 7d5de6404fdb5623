package neuralglm.family;

import neuralglm.dist.MaximumLikelihood;
import neuralglm.dist.NegativeBinomialDistribution;
import neuralglm.dist.ResponseDistribution;
import neuralglm.linalg.SafeMath;

/**
 * Over-dispersed counts, NB2 parametrisation with a known alpha: V(mu) = mu + alpha mu^2; log link.
 * <pre>
 *   mu = exp(eta)
 *   l = (y + 1/alpha) log(1 + alpha mu) - y log mu          (y log alpha and log-gamma terms dropped)
 *     = (y + 1/alpha) softplus(log alpha + eta) - y eta
 *   dl/deta = (mu - y)/V(mu) * mu = (mu - y)/(1 + alpha mu) = (y + 1/alpha) sigmoid(log alpha + eta) - y
 *   l_sat = (y + 1/alpha) log(1 + alpha y) - y log y
 * </pre>
 * As alpha goes to 0 it becomes {@link PoissonFamily}.
 */
public final class NegativeBinomialFamily extends Family {
    private static final long serialVersionUID = 1L;

    private final double alpha;
    private final double logAlpha;

    /** @param alpha the over-dispersion, &gt; 0 */
    public NegativeBinomialFamily(double alpha) {
        if (!(alpha > 0) || !Double.isFinite(alpha)) {
            throw new IllegalArgumentException("NegativeBinomial family: alpha must be a finite number > 0, got " + alpha);
        }
        this.alpha = alpha;
        this.logAlpha = Math.log(alpha);
    }

    /** @return alpha */
    @Override
    public double familyParameter() {
        return alpha;
    }

    /** @return the over-dispersion alpha */
    public double alpha() {
        return alpha;
    }

    @Override public String name() { return "NegativeBinomial"; }
    @Override public Link link() { return Link.LOG; }

    @Override
    public double nll(double eta, double y) {
        // the y term is skipped at y = 0, so that unitDeviance(0, 0) (eta = -Inf) is 0, not NaN
        return (y + 1.0 / alpha) * SafeMath.softplus(logAlpha + eta) - (y == 0.0 ? 0.0 : y * eta);
    }

    @Override
    public double gradient(double eta, double y) {
        return (y + 1.0 / alpha) * SafeMath.sigmoid(logAlpha + eta) - y;
    }

    @Override
    public double saturatedNll(double y) {
        return (y + 1.0 / alpha) * Math.log1p(alpha * y) - SafeMath.xlogy(y, y);
    }

    @Override public double variance(double mu) { return mu + alpha * mu * mu; }
    @Override public boolean isValidTarget(double y) { return y >= 0.0; }
    @Override public String targetDomain() { return "y >= 0 (a count)"; }

    /** @return NB2(mu, alpha) with this family's alpha (phi ignored) */
    @Override
    public ResponseDistribution distribution(double mu, double phi, double trials) {
        return new NegativeBinomialDistribution(mu, alpha);
    }

    @Override public String distributionParameterName() { return "alpha"; }
    @Override public double distributionParameter() { return alpha; }

    /** @return alpha maximising the NB2 likelihood at the fitted means ({@link MaximumLikelihood#negativeBinomialAlpha}) */
    @Override
    public double maximumLikelihoodParameter(double[] y, double[] mu, double[] w) {
        return MaximumLikelihood.negativeBinomialAlpha(y, mu, w);
    }

    /** @return NegativeBinomial(value), or Poisson for value 0 (its limit) */
    @Override
    public Family withDistributionParameter(double value) {
        return value == 0 ? new PoissonFamily() : new NegativeBinomialFamily(value);
    }

    @Override
    public String toString() {
        return "NegativeBinomial(alpha=" + alpha + ", link=log)";
    }

    /**
     * The standard error of the maximum-likelihood alpha from the observed information in theta = 1/alpha at
     * the fitted means (as MASS's {@code theta.ml}; theta and the coefficients are orthogonal), mapped by the
     * delta method {@code se(alpha) = se(theta) / theta^2}:
     * <pre>
     *   i(theta) = sum w_i [psi'(theta) - psi'(theta + y_i) - 1/theta + 2/(mu_i + theta) - (y_i + theta)/(mu_i + theta)^2]
     * </pre>
     * ({@code psi'(theta) - psi'(theta + y) = sum_{j < y} 1/(theta + j)^2} for whole y &lt; 1000).
     */
    @Override
    public double distributionParameterStandardError(double[] y, double[] mu, double[] w) {
        final double theta = 1 / alpha;
        double info = 0;
        for (int i = 0; i < y.length; i++) {
            final double wi = w == null ? 1.0 : w[i], yi = y[i];
            if (!(wi > 0)) {
                continue;
            }
            double tri;
            if (yi == Math.rint(yi) && yi < 1000) {
                tri = 0;
                for (int j = 0; j < yi; j++) {
                    tri += 1 / ((theta + j) * (theta + j));
                }
            } else {
                tri = neuralglm.dist.SpecialFunctions.trigamma(theta) - neuralglm.dist.SpecialFunctions.trigamma(theta + yi);
            }
            info += wi * (tri - 1 / theta + 2 / (mu[i] + theta) - (yi + theta) / ((mu[i] + theta) * (mu[i] + theta)));
        }
        return info > 0 ? 1 / Math.sqrt(info) / (theta * theta) : Double.NaN;
    }
}

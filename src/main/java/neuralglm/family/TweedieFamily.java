package neuralglm.family;

import neuralglm.dist.GammaDistribution;
import neuralglm.dist.InverseGaussianDistribution;
import neuralglm.dist.MaximumLikelihood;
import neuralglm.dist.PoissonDistribution;
import neuralglm.dist.ResponseDistribution;
import neuralglm.dist.TweedieDistribution;
import neuralglm.linalg.SafeMath;
import org.ejml.data.DMatrixRMaj;

/**
 * Tweedie targets with power p &gt;= 1: V(mu) = mu^p, log link. p = 1 is Poisson, 1 &lt; p &lt; 2
 * compound Poisson-Gamma (exact zeros plus positive amounts), p = 2 Gamma, p = 3 Inverse Gaussian.
 * With {@code h_a(eta) = exp(a eta)/a} ({@code = eta} for a = 0):
 * <pre>
 *   mu = exp(eta)
 *   l = -y h_{1-p}(eta) + h_{2-p}(eta)                  (quasi-likelihood, dispersion 1)
 *   dl/deta = (mu - y)/V(mu) * mu = (mu - y) mu^(1-p)
 *   l_sat = l(log y; y), and 0 at y = 0 for p &lt; 2
 * </pre>
 */
public final class TweedieFamily extends Family {
    private static final long serialVersionUID = 1L;

    private final double power;

    /** @param power the variance power p &gt;= 1 (use {@link GaussianFamily} for p = 0) */
    public TweedieFamily(double power) {
        if (!Double.isFinite(power) || !(power >= 1.0)) {
            throw new IllegalArgumentException("Tweedie family: power must be >= 1 (no distribution exists for 0 < p < 1; p = 0 is the Gaussian family), got " + power);
        }
        this.power = power;
    }

    /** @return the power p */
    @Override
    public double familyParameter() {
        return power;
    }

    /** @return the variance power p */
    public double power() {
        return power;
    }

    @Override public String name() { return "Tweedie"; }
    @Override public Link link() { return Link.LOG; }

    private static double h(double a, double eta) {
        return a == 0.0 ? eta : SafeMath.exp(a * eta) / a;
    }

    @Override
    public double nll(double eta, double y) {
        // y = 0 skips the first term: h_{1-p} may overflow to -Inf for very negative eta, and 0 * Inf is NaN
        return (y == 0.0 ? 0.0 : -y * h(1.0 - power, eta)) + h(2.0 - power, eta);
    }

    @Override
    public double gradient(double eta, double y) {
        return SafeMath.exp((2.0 - power) * eta) - y * SafeMath.exp((1.0 - power) * eta);
    }

    @Override
    public double saturatedNll(double y) {
        if (y == 0.0) {
            return 0.0;
        }
        return nll(Math.log(y), y);
    }

    @Override public double variance(double mu) { return Math.pow(mu, power); }

    @Override
    public boolean isValidTarget(double y) {
        return power < 2.0 ? y >= 0.0 : y > 0.0;
    }

    @Override
    public String targetDomain() {
        return power < 2.0 ? "y >= 0" : "y > 0";
    }

    @Override public boolean hasFixedDispersion() { return false; }

    /**
     * @return 1 &lt; p &lt; 2 the compound Poisson-gamma; p = 2 Gamma; p = 3 inverse Gaussian; p = 1 with
     *         phi = 1 Poisson
     * @throws IllegalArgumentException for other powers (positive stable mixtures, p = 1 with phi != 1)
     */
    @Override
    public ResponseDistribution distribution(double mu, double phi, double trials) {
        if (power > 1 && power < 2) {
            return new TweedieDistribution(mu, phi, power);
        }
        if (power == 2) {
            return new GammaDistribution(mu, phi);
        }
        if (power == 3) {
            return new InverseGaussianDistribution(mu, phi);
        }
        if (power == 1 && phi == 1) {
            return new PoissonDistribution(mu);
        }
        throw new IllegalArgumentException("Tweedie family: no distribution for power " + power + " with phi " + phi
                + "; supported are 1 < power < 2, power 2 (Gamma), power 3 (InverseGaussian) and power 1 with phi 1 (Poisson)");
    }

    /**
     * @return for 1 &lt; p &lt; 2, argmax_phi sum w log f(y; mu, phi) from the Pearson estimate
     *         ({@link MaximumLikelihood#tweedieDispersion}); NaN for other powers
     */
    @Override
    public double maximumLikelihoodDispersion(DMatrixRMaj eta, DMatrixRMaj y, double[] w) {
        if (!(power > 1 && power < 2)) {
            return Double.NaN;
        }
        return MaximumLikelihood.tweedieDispersion(power, y.data, means(this, eta), w, dispersion(eta, y, w, 0));
    }

    @Override
    public String toString() {
        return "Tweedie(power=" + power + ", link=log)";
    }
}

package neuralglm.family;

import neuralglm.linalg.SafeMath;

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
public final class Tweedie extends Family {
    private static final long serialVersionUID = 1L;

    private final double power;

    /** @param power the variance power p &gt;= 1 (use {@link Gaussian} for p = 0) */
    public Tweedie(double power) {
        if (!Double.isFinite(power) || !(power >= 1.0)) {
            throw new IllegalArgumentException("Tweedie family: power must be >= 1 (no distribution exists for 0 < p < 1; p = 0 is the Gaussian family), got " + power);
        }
        this.power = power;
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

    @Override
    public String toString() {
        return "Tweedie(power=" + power + ", link=log)";
    }
}

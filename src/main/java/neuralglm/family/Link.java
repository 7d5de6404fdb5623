package neuralglm.family;

import neuralglm.linalg.SafeMath;

/**
 * Link functions {@code eta = g(mu)} and their inverses {@code mu = g^-1(eta)}.
 * <pre>
 *   IDENTITY                 eta = mu                 mu = eta                  eta in R
 *   LOGIT                    eta = log(mu/(1-mu))     mu = sigmoid(eta)         eta in R
 *   LOG                      eta = log mu             mu = exp(eta) (clamped)   eta in R
 *   SOFTMAX                  eta_j = log mu_j + c     mu = softmax(eta)         eta in R^k (row-wise)
 *   NEGATIVE_INVERSE         eta = -1/mu              mu = -1/eta               eta &lt; 0 (Gamma canonical)
 *   NEGATIVE_HALF_INVERSE_SQ eta = -1/(2 mu^2)        mu = 1/sqrt(-2 eta)       eta &lt; 0 (Inverse Gaussian canonical)
 * </pre>
 * The last two are the canonical links of Gamma and Inverse Gaussian. They restrict eta to a half
 * line, which a network output does not respect by itself; {@link #inDomain(double)} tells, and their
 * mean is NaN outside it (eta &gt;= 0: no mean, not a negative or infinite one).
 * Note the sign: R's and statsmodels' "inverse" links use {@code 1/mu} and {@code 1/mu^2}, so their
 * coefficients are {@code -1} and {@code -2} times ours.
 */
public enum Link {
    /** {@code eta = mu}. */
    IDENTITY("identity", "any real eta") {
        @Override public double inverse(double eta) { return eta; }
        @Override public double apply(double mu) { return mu; }
        @Override public double meanDerivative(double eta) { return 1.0; }
    },
    /** {@code eta = log(mu / (1 - mu))}. */
    LOGIT("logit", "any real eta") {
        @Override public double inverse(double eta) { return SafeMath.sigmoid(eta); }
        @Override public double apply(double mu) { return Math.log(mu) - Math.log1p(-mu); }
        @Override public double meanDerivative(double eta) { final double p = SafeMath.sigmoid(eta); return p * (1 - p); }
    },
    /** {@code eta = log mu}. */
    LOG("log", "any real eta") {
        @Override public double inverse(double eta) { return SafeMath.exp(eta); }
        @Override public double apply(double mu) { return Math.log(mu); }
        @Override public double meanDerivative(double eta) { return SafeMath.exp(eta); }
        @Override public boolean meanSaturated(double eta) { return eta > SafeMath.MAX_EXP_ARG; }
    },
    /** {@code mu = softmax(eta)} over a row of k outputs. */
    SOFTMAX("softmax", "any real eta vector") {
        @Override public double inverse(double eta) { throw new UnsupportedOperationException("softmax acts on a row, not a scalar"); }
        @Override public double apply(double mu) { return Math.log(mu); }
    },
    /** {@code eta = -1/mu}, eta &lt; 0: the Gamma family's canonical link. */
    NEGATIVE_INVERSE("canonical (-1/mu)", "eta < 0") {
        @Override public double inverse(double eta) { return eta < 0 ? -1.0 / eta : Double.NaN; }
        @Override public double apply(double mu) { return -1.0 / mu; }
        @Override public double meanDerivative(double eta) { return 1.0 / (eta * eta); }
        @Override public boolean inDomain(double eta) { return eta < 0; }
    },
    /** {@code eta = -1/(2 mu^2)}, eta &lt; 0: the Inverse Gaussian family's canonical link. */
    NEGATIVE_HALF_INVERSE_SQUARED("canonical (-1/(2 mu^2))", "eta < 0") {
        @Override public double inverse(double eta) { return eta < 0 ? 1.0 / Math.sqrt(-2.0 * eta) : Double.NaN; }
        @Override public double apply(double mu) { return -0.5 / (mu * mu); }
        @Override public double meanDerivative(double eta) { return Math.pow(-2.0 * eta, -1.5); }
        @Override public boolean inDomain(double eta) { return eta < 0; }
    };

    private final String label;
    private final String etaDomain;

    Link(String label, String etaDomain) {
        this.label = label;
        this.etaDomain = etaDomain;
    }

    /**
     * The inverse link (the mean function).
     *
     * @param eta linear predictor (network output)
     * @return {@code mu = g^-1(eta)}; NaN where eta is outside the link's domain ({@link #inDomain})
     */
    public abstract double inverse(double eta);

    /**
     * The link.
     *
     * @param mu a mean in the family's range
     * @return {@code eta = g(mu)}
     */
    public abstract double apply(double mu);

    /**
     * The derivative of the mean function, which weights a row's Fisher information
     * {@code w (dmu/deta)^2 / V(mu)}.
     *
     * @param eta linear predictor
     * @return {@code dmu/deta = 1 / g'(mu)} at {@code mu = g^-1(eta)}
     * @throws UnsupportedOperationException for the row-wise softmax
     */
    public double meanDerivative(double eta) {
        throw new UnsupportedOperationException("the " + label + " link has no scalar derivative");
    }

    /**
     * Whether {@code eta} is a valid natural parameter for this link. The valid eta form an interval (every real, or
     * {@code eta < 0}): two valid eta bound only valid ones.
     *
     * @param eta linear predictor
     * @return true unless the link restricts eta and eta is outside
     */
    public boolean inDomain(double eta) {
        return !Double.isNaN(eta);
    }

    /**
     * Whether the mean function no longer follows eta there: the log link's {@code exp} is clamped at
     * {@code eta = }{@link SafeMath#MAX_EXP_ARG} (so that a mean stays finite, {@code exp(709) ~ 8.2e307}), and every
     * larger eta has that same mean. No data's mean is that large (a value's magnitude is at most 1e150 in a fit), so a
     * trained model with such an eta on a training row has diverged, whatever its finite loss says. The saturated eta are
     * those above a threshold: an eta below one that is not saturated is not either.
     *
     * @param eta linear predictor
     * @return whether eta is beyond the range where the mean function is computed as written (false for the other links)
     */
    public boolean meanSaturated(double eta) {
        return false;
    }

    /** @return the set of valid eta, in words, for messages */
    public String etaDomain() {
        return etaDomain;
    }

    @Override
    public String toString() {
        return label;
    }
}

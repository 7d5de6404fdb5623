package neuralglm.dist;

import java.io.Serializable;
import java.util.Locale;

import neuralglm.family.Family;
import org.ejml.data.DMatrixRMaj;

/**
 * The dispersion a fitted model predicts with, estimated once from
 * the training rows (fitted means mu_i, targets y_i, weights w_i, n_w = sum w, p = the GLM's parameter
 * count, 0 for a network), and the predictive distribution of y it gives at a new mean:
 * <pre>
 *   PEARSON             phi = sum w (y - mu)^2 / V(mu) / (n_w - p)
 *   DEVIANCE            phi = D / (n_w - p)
 *   MAXIMUM_LIKELIHOOD  Gaussian, InverseGaussian: phi = D / n_w (closed form);
 *                       Gamma: phi = 1/shape with W (log k - psi(k)) = D/2;
 *                       Tweedie (1 &lt; p &lt; 2): argmax_phi sum w log f(y; mu, phi) (golden section in log phi);
 *                       NegativeBinomial: alpha maximising the NB2 likelihood at the fitted means
 *                       (each family's {@link Family#maximumLikelihoodDispersion} and
 *                       {@link Family#maximumLikelihoodParameter})
 * </pre>
 * Gaussian phi is sigma^2, Gamma phi is 1/shape, InverseGaussian phi is 1/lambda. Families with fixed
 * dispersion (Poisson, Bernoulli, Binomial, Exponential, Categorical) use phi = 1; the negative binomial
 * uses the family's given alpha except under MAXIMUM_LIKELIHOOD, where alpha is fitted (the network
 * itself was trained with the given alpha). A Binomial prediction is a proportion of n trials, n the
 * instance weight of the row predicted (as in training), rounded to a whole number &gt;= 1
 * ({@link neuralglm.family.Binomial#wholeTrials}). What is family-specific is asked of the family;
 * this class holds no list of families.
 */
public final class FittedDispersion implements Serializable {
    private static final long serialVersionUID = 1L;

    /** How phi (and the negative binomial alpha) is estimated. */
    public enum Estimate { PEARSON, DEVIANCE, MAXIMUM_LIKELIHOOD }

    private final Family family;
    private final Estimate estimate;
    private final double phi;
    private final double alpha;
    private final int numParameters;
    /** Why phi is NaN, or null. */
    private final String unavailable;

    private FittedDispersion(Family family, Estimate estimate, double phi, double alpha, int numParameters,
                             String unavailable) {
        this.unavailable = unavailable;
        this.family = family;
        this.estimate = estimate;
        this.phi = phi;
        this.alpha = alpha;
        this.numParameters = numParameters;
    }

    /**
     * @param estimate      which estimate
     * @param family        the trained family
     * @param eta           network output on the training rows, n x k. Not modified.
     * @param y             training targets, n x k. Not modified.
     * @param w             training weights. Not modified.
     * @param numParameters p for the degrees of freedom n_w - p (0: none subtracted)
     * @return the fitted dispersion; phi is NaN when n_w &lt;= p for a moment estimate
     */
    public static FittedDispersion fit(Estimate estimate, Family family, DMatrixRMaj eta, DMatrixRMaj y, double[] w,
                                       int numParameters) {
        double phi = 1.0;
        double alpha = family.distributionParameter();
        if (!family.isScalar() || eta.numCols != 1) {
            return new FittedDispersion(family, estimate, 1.0, alpha, numParameters, null);
        }
        switch (estimate) {
            case PEARSON:
                phi = DispersionEstimator.PEARSON.estimate(family, eta, y, w, numParameters);
                break;
            case DEVIANCE:
                phi = DispersionEstimator.DEVIANCE.estimate(family, eta, y, w, numParameters);
                break;
            default:
                if (family.distributionParameterName() != null) {
                    final double[] mu = new double[eta.numRows];
                    for (int i = 0; i < mu.length; i++) {
                        mu[i] = family.mean(eta.data[i]);
                    }
                    alpha = family.maximumLikelihoodParameter(y.data, mu, w);
                }
                phi = family.maximumLikelihoodDispersion(eta, y, w);
                if (Double.isNaN(phi)) {
                    return new FittedDispersion(family, estimate, Double.NaN, alpha, numParameters,
                            "no maximum-likelihood dispersion for the " + family + " family; choose -dispersion Pearson or Deviance");
                }
        }
        return checked(family, estimate, phi, alpha, numParameters);
    }

    /**
     * The dispersion of a model trained where its rows are no longer at hand, from the sums made there
     * (a Pearson or deviance estimate; the maximum-likelihood estimate needs the rows).
     *
     * @param estimate PEARSON or DEVIANCE
     * @param family   the trained family (one output column)
     * @param sums     chi2, D, n_w and p over the training rows
     * @return the fitted dispersion, equal to {@link #fit} on the same rows; phi is NaN when n_w &lt;= p
     */
    public static FittedDispersion fromSums(Estimate estimate, Family family, DispersionSums sums) {
        final double alpha = family.distributionParameter();
        if (!family.isScalar()) {
            return new FittedDispersion(family, estimate, 1.0, alpha, sums.numParameters(), null);
        }
        if (estimate == Estimate.MAXIMUM_LIKELIHOOD) {
            return new FittedDispersion(family, estimate, Double.NaN, alpha, sums.numParameters(),
                    "the maximum-likelihood dispersion needs the training rows; choose Pearson or Deviance");
        }
        final double phi = (estimate == Estimate.PEARSON ? DispersionEstimator.PEARSON : DispersionEstimator.DEVIANCE)
                .estimate(family, sums);
        return checked(family, estimate, phi, alpha, sums.numParameters());
    }

    /** Marks phi unavailable when it is NaN or the family has no distribution at it. */
    private static FittedDispersion checked(Family family, Estimate estimate, double phi, double alpha, int numParameters) {
        String unavailable = Double.isNaN(phi) ? "the sum of training weights is at most the " + numParameters + " parameters"
                : null;
        if (unavailable == null) {
            try {
                family.distribution(1.0, phi, 1.0);
            } catch (IllegalArgumentException e) {
                unavailable = e.getMessage();
            }
        }
        return new FittedDispersion(family, estimate, phi, alpha, numParameters, unavailable);
    }

    /**
     * The dispersion of a model whose training rows are not at hand (trained elsewhere): phi = 1 for a
     * family that fixes it (Poisson, Bernoulli, Binomial, Exponential, Categorical; the negative binomial
     * with its given alpha), otherwise unavailable for {@code reason}.
     *
     * @param family the trained family
     * @param reason why phi was not estimated, for the report
     * @return the dispersion
     */
    public static FittedDispersion withoutData(Family family, String reason) {
        final double alpha = family.distributionParameter();
        final boolean fixed = family.hasFixedDispersion() || !family.isScalar();
        return new FittedDispersion(family, Estimate.PEARSON, fixed ? 1.0 : Double.NaN, alpha, 0, fixed ? null : reason);
    }

    /** @return which estimate this is */
    public Estimate estimate() {
        return estimate;
    }

    /** @return phi (sigma^2, 1/shape, 1/lambda, ...); 1 for a family that fixes it */
    public double phi() {
        return phi;
    }

    /**
     * @return the value of the family's {@link Family#distributionParameterName() distribution parameter}
     *         predicted with (the negative binomial alpha, given or fitted); NaN for families without one
     */
    public double alpha() {
        return alpha;
    }

    /**
     * @param mu     the predicted mean
     * @param trials the number of trials of a Binomial prediction (the instance weight); ignored otherwise
     * @return the distribution of y at mu
     * @throws IllegalStateException when phi could not be estimated or the family has no distribution at it
     * @throws IllegalArgumentException when the family has no distribution at these parameters, or trials is
     *                                  negative or not finite for a Binomial
     */
    public ResponseDistribution at(double mu, double trials) {
        if (unavailable != null) {
            throw new IllegalStateException("No predictive distribution: " + unavailable);
        }
        final Family predictive = family.distributionParameterName() == null || alpha == family.distributionParameter()
                ? family : family.withDistributionParameter(alpha);
        return predictive.distribution(mu, phi, trials);
    }

    /** @return why the model has no predictive distribution, or null when it has one */
    public String unavailable() {
        return unavailable;
    }

    /** @return the dispersion for the report, saying which estimate it is */
    public String describe() {
        final String parameter = family.distributionParameterName();
        if (parameter != null) {
            return estimate == Estimate.MAXIMUM_LIKELIHOOD
                    ? parameter + " " + num(alpha) + " (maximum likelihood at the fitted means; training used the family's "
                    + parameter + " " + num(family.distributionParameter()) + ")"
                    : parameter + " " + num(alpha) + " (the family's, as given; -dispersion ML fits it)";
        }
        if (family.hasFixedDispersion() || !family.isScalar()) {
            return "1 (fixed by the family)";
        }
        if (Double.isNaN(phi)) {
            return "not estimable: " + unavailable;
        }
        final String df = numParameters == 0 ? "sum of weights: no degrees-of-freedom correction, as a network's "
                + "parameter count is not its degrees of freedom" : "(sum of weights - " + numParameters + " parameters)";
        final String how;
        switch (estimate) {
            case PEARSON:
                how = "Pearson estimate: chi-square / " + df;
                break;
            case DEVIANCE:
                how = "deviance estimate: deviance / " + df;
                break;
            default:
                how = "maximum-likelihood estimate at the fitted means";
        }
        return num(phi) + " (" + how + ")" + family.dispersionMeaning(phi);
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}

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
 * ({@link neuralglm.family.BinomialFamily#wholeTrials}). What is family-specific is asked of the family;
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
    /** The residual degrees of freedom of a GLM's moment estimates; NaN otherwise (networks, sums, no data). */
    private final double residualDf;
    private final boolean priorWeights;

    private FittedDispersion(Family family, Estimate estimate, double phi, double alpha, int numParameters,
                             String unavailable) {
        this(family, estimate, phi, alpha, numParameters, unavailable, Double.NaN, false);
    }

    private FittedDispersion(Family family, Estimate estimate, double phi, double alpha, int numParameters,
                             String unavailable, double residualDf, boolean priorWeights) {
        this.residualDf = residualDf;
        this.priorWeights = priorWeights;
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
     * The dispersion of a GLM with a given rank and residual degrees of freedom (see
     * {@code neuralglm.model.GlmInference}): the moment estimates divide by {@code residualDf}. Under frequency
     * weights the maximum-likelihood estimates are those of {@link #fit(Estimate, Family, DMatrixRMaj,
     * DMatrixRMaj, double[], int)}; under prior weights (Var(y_i) = phi V(mu_i) / w_i) phi maximises
     * {@code sum_{w_i > 0} log f(y_i; mu_i, phi / w_i)} with the family's own density, by golden section in
     * log phi around the Pearson estimate (Gaussian and inverse Gaussian: D / n, to about 1e-10).
     *
     * @param estimate     which estimate
     * @param family       the trained family
     * @param eta          network output on the training rows, n x 1. Not modified.
     * @param y            training targets, n x 1. Not modified.
     * @param w            training weights or null. Not modified.
     * @param rank         the GLM's rank
     * @param residualDf   the residual degrees of freedom the moment estimates divide by
     * @param priorWeights whether w are prior weights (else frequency weights)
     * @return the fitted dispersion; phi is NaN when residualDf &lt;= 0 for a moment estimate
     */
    public static FittedDispersion fit(Estimate estimate, Family family, DMatrixRMaj eta, DMatrixRMaj y, double[] w,
                                       int rank, double residualDf, boolean priorWeights) {
        final FittedDispersion base = fit(estimate, family, eta, y, w, rank);
        if (!family.isScalar() || eta.numCols != 1 || family.hasFixedDispersion()) {
            return new FittedDispersion(family, estimate, base.phi, base.alpha, rank, base.unavailable, residualDf,
                    priorWeights);
        }
        double phi;
        switch (estimate) {
            case PEARSON:
                phi = residualDf > 0 ? family.pearsonChiSquare(eta, y, w) / residualDf : Double.NaN;
                break;
            case DEVIANCE:
                phi = residualDf > 0 ? family.deviance(eta, y, w) / residualDf : Double.NaN;
                break;
            default:
                if (!priorWeights || base.unavailable != null) {
                    return new FittedDispersion(family, estimate, base.phi, base.alpha, rank, base.unavailable, residualDf,
                            false);
                }
                phi = priorWeightsMaximumLikelihood(family, eta, y, w,
                        residualDf > 0 ? family.pearsonChiSquare(eta, y, w) / residualDf : base.phi);
        }
        return checked(family, estimate, phi, base.alpha, rank, residualDf, priorWeights);
    }

    /** argmax over log phi of sum_{w_i > 0} log f(y_i; mu_i, phi / w_i), golden section on start * [1e-3, 1e3]. */
    private static double priorWeightsMaximumLikelihood(Family family, DMatrixRMaj eta, DMatrixRMaj y, double[] w,
                                                        double start) {
        return MaximumLikelihood.maximiseOverLogPhi(logPhi -> priorLogLikelihood(family, eta, y, w, logPhi), start,
                1e-11);
    }

    private static double priorLogLikelihood(Family family, DMatrixRMaj eta, DMatrixRMaj y, double[] w, double logPhi) {
        final double phi = Math.exp(logPhi);
        double s = 0;
        for (int i = 0; i < eta.numRows; i++) {
            final double wi = w == null ? 1.0 : w[i];
            if (wi > 0) {
                s += family.distribution(family.mean(eta.data[i]), phi / wi, 1.0).logDensity(y.data[i]);
            }
        }
        return s;
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
        return checked(family, estimate, phi, alpha, numParameters, Double.NaN, false);
    }

    private static FittedDispersion checked(Family family, Estimate estimate, double phi, double alpha, int numParameters,
                                            double residualDf, boolean priorWeights) {
        String unavailable = Double.isNaN(phi) ? (Double.isNaN(residualDf)
                ? numParameters > 0 ? "the sum of training weights is at most the " + numParameters + " parameters"
                : "the estimate is not a number (the fitted means' variances V(mu) leave double precision's range)"
                : "no residual degrees of freedom (" + num(residualDf) + ")") : null;
        if (unavailable == null) {
            try {
                family.distribution(1.0, phi, 1.0);
            } catch (IllegalArgumentException e) {
                unavailable = e.getMessage();
            }
        }
        return new FittedDispersion(family, estimate, phi, alpha, numParameters, unavailable, residualDf, priorWeights);
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
        final String df = !Double.isNaN(residualDf)
                ? (residualDf == Math.rint(residualDf) ? Long.toString((long) residualDf) : num(residualDf))
                + " residual degrees of freedom (" + (priorWeights ? "rows" : "sum of weights") + " - rank " + numParameters + ")"
                : numParameters == 0 ? "sum of weights: no degrees-of-freedom correction, as a network's "
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
                how = "maximum-likelihood estimate at the fitted means" + (priorWeights ? ", prior weights" : "");
        }
        return num(phi) + " (" + how + ")" + family.dispersionMeaning(phi);
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}

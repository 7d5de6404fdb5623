package neuralglm.dist;

import java.io.Serializable;
import java.util.Locale;

import neuralglm.family.Bernoulli;
import neuralglm.family.Binomial;
import neuralglm.family.Categorical;
import neuralglm.family.Family;
import neuralglm.family.Gamma;
import neuralglm.family.Gaussian;
import neuralglm.family.InverseGaussian;
import neuralglm.family.NegativeBinomial;
import neuralglm.family.Tweedie;
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
 * </pre>
 * Gaussian phi is sigma^2, Gamma phi is 1/shape, InverseGaussian phi is 1/lambda. Families with fixed
 * dispersion (Poisson, Bernoulli, Binomial, Exponential, Categorical) use phi = 1; the negative binomial
 * uses the family's given alpha except under MAXIMUM_LIKELIHOOD, where alpha is fitted (the network
 * itself was trained with the given alpha). A Binomial prediction is a proportion of n trials, n the
 * instance weight of the row predicted (as in training).
 */
public final class FittedDispersion implements Serializable {
    private static final long serialVersionUID = 1L;

    /** How phi (and the negative binomial alpha) is estimated. */
    public enum Estimate { PEARSON, DEVIANCE, MAXIMUM_LIKELIHOOD }

    private static final double GOLDEN = (Math.sqrt(5) - 1) / 2;

    private final Family family;
    private final Estimate estimate;
    private final double phi;
    private final double alpha;
    private final int numParameters;
    /** Why phi is NaN, or null. */
    private final String unavailable;
    /** The residual degrees of freedom of the moment estimates; NaN when made from sums or without data. */
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
        return fit(estimate, family, eta, y, w, numParameters, Family.totalWeight(w, eta.numRows) - numParameters, false);
    }

    /**
     * The dispersion of a GLM with a given rank and residual degrees of freedom (see
     * {@code neuralglm.model.GlmInference}): the moment estimates divide by {@code residualDf}; under prior
     * weights (Var(y_i) = phi V(mu_i) / w_i) the maximum-likelihood estimates maximise
     * {@code sum_i log f(y_i; mu_i, phi / w_i)} over the rows with w_i &gt; 0 (Gaussian, inverse Gaussian:
     * D / n; Gamma: {@code sum w_i (log(k w_i) - psi(k w_i)) = D/2} in the shape k = 1/phi; Tweedie:
     * golden section), under frequency weights {@code sum_i w_i log f(y_i; mu_i, phi)} as {@link #fit(Estimate,
     * Family, DMatrixRMaj, DMatrixRMaj, double[], int)}.
     *
     * @param estimate     which estimate
     * @param family       the trained family
     * @param eta          network output on the training rows, n x 1. Not modified.
     * @param y            training targets, n x 1. Not modified.
     * @param w            training weights or null. Not modified.
     * @param rank         the GLM's rank p (0 for a network)
     * @param residualDf   the residual degrees of freedom the moment estimates divide by
     * @param priorWeights whether w are prior weights (else frequency weights)
     * @return the fitted dispersion; phi is NaN when residualDf &lt;= 0 for a moment estimate
     */
    public static FittedDispersion fit(Estimate estimate, Family family, DMatrixRMaj eta, DMatrixRMaj y, double[] w,
                                       int rank, double residualDf, boolean priorWeights) {
        double phi = 1.0;
        double alpha = family instanceof NegativeBinomial ? ((NegativeBinomial) family).alpha() : Double.NaN;
        if (family instanceof Categorical || eta.numCols != 1) {
            return new FittedDispersion(family, estimate, 1.0, alpha, rank, null, residualDf, priorWeights);
        }
        switch (estimate) {
            case PEARSON:
                phi = family.hasFixedDispersion() ? 1.0 : ratio(family.pearsonChiSquare(eta, y, w), residualDf);
                break;
            case DEVIANCE:
                phi = family.hasFixedDispersion() ? 1.0 : ratio(family.deviance(eta, y, w), residualDf);
                break;
            default:
                final double[] mu = new double[eta.numRows];
                for (int i = 0; i < mu.length; i++) {
                    mu[i] = family.mean(eta.data[i]);
                }
                if (family instanceof NegativeBinomial) {
                    alpha = MaximumLikelihood.negativeBinomialAlpha(y.data, mu, w);
                } else if (family.hasFixedDispersion()) {
                    phi = 1.0;
                } else if (family instanceof Gaussian || family instanceof InverseGaussian) {
                    phi = family.deviance(eta, y, w) / (priorWeights ? positiveRows(w, eta.numRows)
                            : Family.totalWeight(w, eta.numRows));
                } else if (family instanceof Gamma) {
                    phi = priorWeights ? MaximumLikelihood.gammaDispersionPriorWeights(y.data, mu, w)
                            : MaximumLikelihood.gammaDispersion(y.data, mu, w);
                } else if (family instanceof Tweedie && ((Tweedie) family).power() > 1 && ((Tweedie) family).power() < 2) {
                    phi = tweedieMaximumLikelihood(((Tweedie) family).power(), y.data, mu, w,
                            DispersionEstimator.PEARSON.estimate(family, eta, y, w, 0), priorWeights);
                } else {
                    return new FittedDispersion(family, estimate, Double.NaN, alpha, rank,
                            "no maximum-likelihood dispersion for the " + family + " family; choose -dispersion Pearson or Deviance",
                            residualDf, priorWeights);
                }
        }
        return checked(family, estimate, phi, alpha, rank, residualDf, priorWeights);
    }

    private static double ratio(double statistic, double df) {
        return df > 0 ? statistic / df : Double.NaN;
    }

    private static int positiveRows(double[] w, int n) {
        if (w == null) {
            return n;
        }
        int c = 0;
        for (int i = 0; i < n; i++) {
            if (w[i] > 0) {
                c++;
            }
        }
        return c;
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
        final double alpha = family instanceof NegativeBinomial ? ((NegativeBinomial) family).alpha() : Double.NaN;
        if (family instanceof Categorical) {
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
                ? "the sum of training weights is at most the " + numParameters + " parameters"
                : "no residual degrees of freedom (" + num(residualDf) + ")") : null;
        if (unavailable == null) {
            try {
                Distributions.of(family, 1.0, phi);
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
        final double alpha = family instanceof NegativeBinomial ? ((NegativeBinomial) family).alpha() : Double.NaN;
        final boolean fixed = family.hasFixedDispersion() || family instanceof Categorical;
        return new FittedDispersion(family, Estimate.PEARSON, fixed ? 1.0 : Double.NaN, alpha, 0, fixed ? null : reason);
    }

    /**
     * Maximises {@code sum w log f(y; mu, phi)} over log phi by golden section on
     * [start / 1000, start * 1000] (the log-likelihood of a Tweedie in phi is unimodal in practice).
     */
    static double tweedieMaximumLikelihood(double power, double[] y, double[] mu, double[] w, double start) {
        return tweedieMaximumLikelihood(power, y, mu, w, start, false);
    }

    /** As above; with prior weights the log-likelihood is {@code sum_i log f(y_i; mu_i, phi / w_i)}. */
    static double tweedieMaximumLikelihood(double power, double[] y, double[] mu, double[] w, double start, boolean prior) {
        double lo = Math.log(start) - Math.log(1000), hi = Math.log(start) + Math.log(1000);
        double a = hi - GOLDEN * (hi - lo), b = lo + GOLDEN * (hi - lo);
        double fa = tweedieLogLikelihood(power, y, mu, w, a, prior), fb = tweedieLogLikelihood(power, y, mu, w, b, prior);
        while (hi - lo > 1e-10) {
            if (fa > fb) {
                hi = b;
                b = a;
                fb = fa;
                a = hi - GOLDEN * (hi - lo);
                fa = tweedieLogLikelihood(power, y, mu, w, a, prior);
            } else {
                lo = a;
                a = b;
                fa = fb;
                b = lo + GOLDEN * (hi - lo);
                fb = tweedieLogLikelihood(power, y, mu, w, b, prior);
            }
        }
        return Math.exp(0.5 * (lo + hi));
    }

    private static double tweedieLogLikelihood(double power, double[] y, double[] mu, double[] w, double logPhi,
                                               boolean prior) {
        final double phi = Math.exp(logPhi);
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            final double wi = w == null ? 1.0 : w[i];
            if (prior) {
                s += wi > 0 ? new TweedieDistribution(mu[i], phi / wi, power).logDensity(y[i]) : 0.0;
            } else {
                s += wi * new TweedieDistribution(mu[i], phi, power).logDensity(y[i]);
            }
        }
        return s;
    }

    /** @return which estimate this is */
    public Estimate estimate() {
        return estimate;
    }

    /** @return phi (sigma^2, 1/shape, 1/lambda, ...); 1 for a family that fixes it */
    public double phi() {
        return phi;
    }

    /** @return the negative binomial alpha predicted with (given or fitted); NaN for other families */
    public double alpha() {
        return alpha;
    }

    /**
     * @param mu     the predicted mean
     * @param trials the number of trials of a Binomial prediction (the instance weight); ignored otherwise
     * @return the distribution of y at mu
     * @throws IllegalStateException when phi could not be estimated or the family has no distribution at it
     * @throws IllegalArgumentException when the family has no distribution at these parameters, or trials is
     *                                  not a whole number &gt;= 1 for a Binomial
     */
    public ResponseDistribution at(double mu, double trials) {
        if (unavailable != null) {
            throw new IllegalStateException("No predictive distribution: " + unavailable);
        }
        if (family instanceof NegativeBinomial) {
            return alpha == 0 ? Distributions.of(new neuralglm.family.Poisson(), mu, 1.0)
                    : Distributions.negativeBinomial(mu, alpha);
        }
        if (family instanceof Binomial && !(family instanceof Bernoulli)
                && !(trials >= 1 && trials == Math.rint(trials))) {
            throw new IllegalArgumentException("A Binomial prediction is a proportion of n trials, n the instance weight, "
                    + "which must be a whole number >= 1; got weight " + trials);
        }
        return Distributions.of(family, mu, phi, trials);
    }

    /** @return why the model has no predictive distribution, or null when it has one */
    public String unavailable() {
        return unavailable;
    }

    /** @return the dispersion for the report, saying which estimate it is */
    public String describe() {
        if (family instanceof NegativeBinomial) {
            return estimate == Estimate.MAXIMUM_LIKELIHOOD
                    ? "alpha " + num(alpha) + " (maximum likelihood at the fitted means; training used the family's alpha "
                    + num(((NegativeBinomial) family).alpha()) + ")"
                    : "alpha " + num(alpha) + " (the family's, as given; -dispersion ML fits it)";
        }
        if (family.hasFixedDispersion() || family instanceof Categorical) {
            return "1 (fixed by the family)";
        }
        if (Double.isNaN(phi)) {
            return "not estimable: " + unavailable;
        }
        final String df = !Double.isNaN(residualDf) && numParameters > 0
                ? (residualDf == Math.rint(residualDf) ? Long.toString((long) residualDf) : num(residualDf))
                + " residual degrees of freedom (" + (priorWeights ? "rows" : "sum of weights")
                + " - rank " + numParameters + ")"
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
        return num(phi) + " (" + how + ")" + parameterName();
    }

    private String parameterName() {
        if (family instanceof Gaussian) {
            return "; sigma = " + num(Math.sqrt(phi));
        }
        if (family instanceof Gamma) {
            return "; shape = " + num(1 / phi);
        }
        if (family instanceof InverseGaussian) {
            return "; lambda = " + num(1 / phi);
        }
        return "";
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}

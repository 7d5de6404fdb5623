package neuralglm.model;

import java.io.Serializable;

import neuralglm.family.Family;

/**
 * What R's {@code summary.glm} reports for a GLM (a network without hidden layer), in the original
 * units of the inputs, computed by {@link GlmInference}. Full precision; formatting is the faces' job.
 * <pre>
 *   per coefficient j:  estimate b_j,  se_j = sqrt(phi [I^-1]_jj)   (I = X' diag(c) X, c_i = w_i (dmu/deta)^2 / V(mu_i)),
 *                       statistic b_j / se_j (z, or t on the residual df when phi is estimated),
 *                       two-sided p-value, Wald interval b_j -/+ q se_j (q the same distribution's quantile)
 *   below:              residual df = n - rank, null df = n - 1 (n = rows with weight &gt; 0 for prior weights,
 *                       sum of weights for frequency weights), deviance, null deviance, Pearson chi-square,
 *                       log-likelihood, AIC = -2 logLik + 2 k, BIC = -2 logLik + log(n) k, k = rank (+1 for an
 *                       estimated dispersion or negative binomial alpha), optimiser iterations
 * </pre>
 * An aliased coefficient (its column is a linear combination of earlier ones) has NaN estimate,
 * standard error, statistic, p-value and bounds, as R prints NA. Immutable.
 */
public final class GlmSummary implements Serializable {
    private static final long serialVersionUID = 1L;

    final Family family;
    final String[] terms;
    final double[] estimate;
    final double[] standardError;
    final double[] statistic;
    final double[] pValue;
    final double[] lower;
    final double[] upper;
    final boolean[] aliased;
    final double[][] covariance;
    final boolean tStatistic;
    final double confidence;
    final double dispersion;
    final String dispersionSource;
    final GlmInference.Weights weights;
    final int rank;
    final double observations;
    final double residualDf;
    final double nullDf;
    final double deviance;
    final double nullDeviance;
    final double pearsonChiSquare;
    final double logLikelihood;
    final int parametersCounted;
    final double aic;
    final double bic;
    final int iterations;
    final double alpha;
    final double alphaStandardError;
    final String dispersionWarning;
    /** A multinomial logit's reference class (the log odds are against it); null for a one-output GLM. */
    final String reference;

    GlmSummary(Family family, String[] terms, double[] estimate, double[] standardError, double[] statistic, double[] pValue,
               double[] lower, double[] upper, boolean[] aliased, double[][] covariance, boolean tStatistic,
               double confidence, double dispersion, String dispersionSource, GlmInference.Weights weights, int rank,
               double observations, double residualDf, double nullDf, double deviance, double nullDeviance,
               double pearsonChiSquare, double logLikelihood, int parametersCounted, double aic, double bic,
               int iterations, double alpha, double alphaStandardError, String dispersionWarning, String reference) {
        this.family = family;
        this.terms = terms;
        this.estimate = estimate;
        this.standardError = standardError;
        this.statistic = statistic;
        this.pValue = pValue;
        this.lower = lower;
        this.upper = upper;
        this.aliased = aliased;
        this.covariance = covariance;
        this.tStatistic = tStatistic;
        this.confidence = confidence;
        this.dispersion = dispersion;
        this.dispersionSource = dispersionSource;
        this.weights = weights;
        this.rank = rank;
        this.observations = observations;
        this.residualDf = residualDf;
        this.nullDf = nullDf;
        this.deviance = deviance;
        this.nullDeviance = nullDeviance;
        this.pearsonChiSquare = pearsonChiSquare;
        this.logLikelihood = logLikelihood;
        this.parametersCounted = parametersCounted;
        this.aic = aic;
        this.bic = bic;
        this.iterations = iterations;
        this.alpha = alpha;
        this.alphaStandardError = alphaStandardError;
        this.dispersionWarning = dispersionWarning;
        this.reference = reference;
    }

    /** @return a multinomial logit's reference class, whose log odds the coefficients are against; null for one output */
    public String reference() {
        return reference;
    }

    /** @return the fitted family */
    public Family family() {
        return family;
    }

    /** @return the table and statistics as R's summary.glm prints them ({@link GlmTable}) */
    @Override
    public String toString() {
        return GlmTable.format(this, "Optimiser iterations");
    }

    /** @return the number of coefficients, intercept first (aliased ones included) */
    public int size() {
        return terms.length;
    }

    /** @return the coefficient names, "(Intercept)" first */
    public String[] terms() {
        return terms.clone();
    }

    /** @return the estimates (NaN where aliased) */
    public double[] estimates() {
        return estimate.clone();
    }

    /** @return the standard errors (NaN where aliased) */
    public double[] standardErrors() {
        return standardError.clone();
    }

    /** @return the z or t statistics */
    public double[] statistics() {
        return statistic.clone();
    }

    /** @return the two-sided p-values */
    public double[] pValues() {
        return pValue.clone();
    }

    /** @return the lower bounds of the Wald intervals at {@link #confidence()} */
    public double[] lowerBounds() {
        return lower.clone();
    }

    /** @return the upper bounds of the Wald intervals at {@link #confidence()} */
    public double[] upperBounds() {
        return upper.clone();
    }

    /** @return which coefficients are aliased (R's NA) */
    public boolean[] aliased() {
        return aliased.clone();
    }

    /**
     * The variance of the linear predictor at a row of inputs, from the estimates' covariance (R's
     * {@code predict(fit, newdata, se.fit = TRUE)$se.fit^2} on the link scale):
     * <pre>
     *   Var(x' b) = x' V x = sum_{j,k not aliased} x_j V_jk x_k        (V = phi I^-1, original units)
     * </pre>
     *
     * @param x the row as the coefficients read it: x[0] = 1 for the intercept, then the inputs in original units
     * @return x' V x
     * @throws IllegalArgumentException when x does not have one entry per coefficient
     */
    public double linearPredictorVariance(double[] x) {
        if (x.length != size()) {
            throw new IllegalArgumentException("GLM summary: a row of " + x.length + " entries for " + size()
                    + " coefficients");
        }
        double v = 0;
        for (int j = 0; j < x.length; j++) {
            if (aliased[j]) {
                continue;
            }
            double r = 0;
            for (int k = 0; k < x.length; k++) {
                if (!aliased[k]) {
                    r += covariance[j][k] * x[k];
                }
            }
            v += x[j] * r;
        }
        return v;
    }

    /**
     * The Wald confidence interval of the mean at a row of inputs (R's {@code predict(fit, newdata, type = "link",
     * se.fit = TRUE)} mapped through the inverse link):
     * <pre>
     *   eta = x' b,  se = sqrt(x' V x),  [g^-1(eta - q se), g^-1(eta + q se)]   (ends in increasing order)
     * </pre>
     * q the t quantile on the residual df where the dispersion is estimated ({@link #isT()}), else the normal's.
     *
     * @param x          the row as the coefficients read it: x[0] = 1, then the inputs in original units
     * @param confidence the coverage, in (0, 1)
     * @return {lower, upper} for mu
     * @throws IllegalArgumentException for a multinomial summary, a row of the wrong length or a coverage out of range
     */
    public double[] meanInterval(double[] x, double confidence) {
        return meanInterval(x, 0.0, confidence);
    }

    /**
     * {@link #meanInterval(double[], double)} at a row with an offset o on its linear predictor (R's
     * {@code predict(fit, newdata, se.fit = TRUE)} with the row's offset): {@code eta = x' b + o}, the same se.
     *
     * @param x          the row as the coefficients read it: x[0] = 1, then the inputs in original units
     * @param offset     the row's offset (0 for none)
     * @param confidence the coverage, in (0, 1)
     * @return {lower, upper} for mu; the upper end +Infinity on a half-line link (eta &lt; 0) when eta + q se is beyond
     *         the edge, where the mean grows without bound
     */
    public double[] meanInterval(double[] x, double offset, double confidence) {
        if (reference != null) {
            throw new IllegalArgumentException("A multinomial logit has one mean per class: no interval of one mean");
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("The confidence level must be in (0, 1), got " + confidence);
        }
        final double se = Math.sqrt(linearPredictorVariance(x));
        double eta = 0;
        for (int j = 0; j < x.length; j++) {
            eta += aliased[j] ? 0 : estimate[j] * x[j];
        }
        if (offset != 0) {
            eta += offset;
        }
        final double q = neuralglm.dist.StudentT.quantile(0.5 + 0.5 * confidence,
                tStatistic ? residualDf : Double.POSITIVE_INFINITY);
        final double a = family.mean(eta - q * se);
        // a half-line link (eta < 0) whose upper end leaves the domain: the mean grows without bound towards its edge
        final double hi = eta + q * se;
        final double b = family.link().inDomain(eta) && !Double.isNaN(hi) && !family.link().inDomain(hi)
                ? Double.POSITIVE_INFINITY : family.mean(hi);
        return new double[] {Math.min(a, b), Math.max(a, b)};
    }

    /** @return the covariance phi I^-1 of the estimates in original units (NaN rows and columns where aliased) */
    public double[][] covariance() {
        final double[][] c = new double[covariance.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = covariance[i].clone();
        }
        return c;
    }

    /** @return true for t statistics (estimated dispersion), false for z */
    public boolean isT() {
        return tStatistic;
    }

    /** @return the interval's coverage, e.g. 0.95 */
    public double confidence() {
        return confidence;
    }

    /** @return the dispersion phi the standard errors are scaled by (1 when fixed) */
    public double dispersion() {
        return dispersion;
    }

    /** @return where the dispersion comes from, in words */
    public String dispersionSource() {
        return dispersionSource;
    }

    /** @return how the instance weights were read */
    public GlmInference.Weights weights() {
        return weights;
    }

    /** @return the rank of the design (intercept included) */
    public int rank() {
        return rank;
    }

    /** @return n: rows with positive weight (prior weights) or the sum of weights (frequency weights) */
    public double observations() {
        return observations;
    }

    /** @return the residual degrees of freedom n - rank */
    public double residualDf() {
        return residualDf;
    }

    /** @return the null model's degrees of freedom n - 1 */
    public double nullDf() {
        return nullDf;
    }

    /** @return the deviance */
    public double deviance() {
        return deviance;
    }

    /** @return the null deviance (intercept only) */
    public double nullDeviance() {
        return nullDeviance;
    }

    /** @return the Pearson chi-square sum w (y - mu)^2 / V(mu) */
    public double pearsonChiSquare() {
        return pearsonChiSquare;
    }

    /** @return the log-likelihood with constants (NaN for quasi-likelihood) */
    public double logLikelihood() {
        return logLikelihood;
    }

    /** @return k, the parameters AIC and BIC count */
    public int parametersCounted() {
        return parametersCounted;
    }

    /** @return AIC (NaN for quasi-likelihood) */
    public double aic() {
        return aic;
    }

    /** @return BIC (NaN for quasi-likelihood) */
    public double bic() {
        return bic;
    }

    /** @return the optimiser's iterations (L-BFGS: epochs) */
    public int iterations() {
        return iterations;
    }

    /** @return the negative binomial alpha (NaN for other families) */
    public double alpha() {
        return alpha;
    }

    /** @return the standard error of a fitted alpha (NaN when alpha was given) */
    public double alphaStandardError() {
        return alphaStandardError;
    }

    /** @return a note when the Pearson dispersion of a fixed-dispersion family is far from 1, else null */
    public String dispersionWarning() {
        return dispersionWarning;
    }
}

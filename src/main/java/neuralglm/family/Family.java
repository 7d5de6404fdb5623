package neuralglm.family;

import java.io.Serializable;
import java.util.Locale;

import neuralglm.dist.ResponseDistribution;
import org.ejml.data.DMatrixRMaj;

/**
 * An exponential-family output distribution: everything the training loop and the reports need
 * from the target's distribution, stated in <b>eta space</b> (eta is the network output).
 *
 * <p>For a scalar target with mean {@code mu = g^-1(eta)} and variance {@code phi V(mu)}, the
 * negative log-likelihood per row (dispersion {@code phi = 1}, constants in y dropped) is
 * {@code l(eta; y)}; its gradient is
 * <pre>
 *   dl/deta = (mu - y) / V(mu) * dmu/deta
 * </pre>
 * which is exactly {@code mu - y} for a canonical link, since then {@code dmu/deta = V(mu)}.
 * The deviance restores the dropped constants: {@code d(y, mu) = 2 (l(eta; y) - l(g(y); y))}, where
 * {@link #saturatedNll(double)} is the NLL of the saturated model {@code mu = y}.
 *
 * <p>Shapes: {@code eta}, {@code mu}, {@code y} and the gradient are {@code n x k} (k = 1 except for
 * {@link CategoricalFamily}); weights {@code w} have length n or are null (all 1). Weighted means are
 * {@code sum w_i l_i / sum w_i}, and gradient row i is scaled by {@code w_i / sum w}.
 *
 * <p>Subclasses give the scalar forms; {@link CategoricalFamily} overrides the row-wise matrix forms.
 * A family is immutable; parameters (Tweedie power, negative binomial alpha) are final fields.
 *
 * <p>A family also says what the rest of the engine needs to know about it, so that no caller picks
 * behaviour by its class: its response distribution at (mu, phi, trials) ({@link #distribution}),
 * its maximum-likelihood dispersion ({@link #maximumLikelihoodDispersion}) and distribution parameter
 * ({@link #distributionParameterName()}, e.g. the negative binomial alpha), and how a label becomes
 * its target ({@link #labelCoding()}). New families are listed once, in {@link Families}.
 */
public abstract class Family implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * Whether fits are equivariant under {@code y -> a + b y} (b &gt; 0) with {@code eta -> a + b eta}: an identity
     * link, a constant variance and every real target allowed. Then a network may be trained on the standardised
     * target {@code (y - mean) / sd} and its output layer mapped back ({@code model.Standardizer#toOriginalOutputs}),
     * which makes a weight decay free of the target's units.
     *
     * @return false unless a family says so (the Gaussian)
     */
    public boolean locationScale() {
        return false;
    }

    /** @return the family's name, e.g. {@code "Poisson"} */
    public abstract String name();

    /** @return the link {@code eta = g(mu)} */
    public abstract Link link();

    /**
     * Number of network outputs.
     *
     * @param numClasses number of classes of a nominal target (ignored by scalar families)
     * @return 1, or {@code numClasses} for {@link CategoricalFamily}
     */
    public int outputs(int numClasses) {
        return 1;
    }

    /**
     * The mean function.
     *
     * @param eta natural-parameter estimate
     * @return {@code mu = g^-1(eta)}
     */
    public double mean(double eta) {
        return link().inverse(eta);
    }

    /**
     * Per-row negative log-likelihood, dispersion 1, constants in y dropped.
     *
     * @param eta network output
     * @param y   target
     * @return {@code l(eta; y)}; {@code +Infinity} where eta is outside the link's domain
     */
    public abstract double nll(double eta, double y);

    /**
     * Derivative of {@link #nll(double, double)} with respect to eta.
     *
     * @param eta network output
     * @param y   target
     * @return {@code dl/deta}
     */
    public abstract double gradient(double eta, double y);

    /**
     * NLL of the saturated model ({@code mu = y}) in the same convention as {@link #nll}.
     *
     * @param y target
     * @return {@code l(g(y); y)} (its limit where g(y) is infinite)
     */
    public abstract double saturatedNll(double y);

    /**
     * Variance function.
     *
     * @param mu mean
     * @return {@code V(mu)}, with {@code Var(y) = phi V(mu)}
     */
    public abstract double variance(double mu);

    /**
     * Whether y is in the family's support.
     *
     * @param y a target value
     * @return true when valid
     */
    public abstract boolean isValidTarget(double y);

    /** @return the support in words, e.g. {@code "y >= 0"}, for messages */
    public abstract String targetDomain();

    /** @return true when the dispersion is fixed at 1 (Poisson, Bernoulli, ...) */
    public boolean hasFixedDispersion() {
        return true;
    }

    /** How a label (a class value) becomes the target row. */
    public enum LabelCoding {
        /** y is the numeric label itself (one column). */
        NUMERIC,
        /** a nominal label with exactly two classes c_0 &lt; c_1 becomes y = its index (c_1 is the event). */
        BINARY,
        /** a nominal label with k classes becomes the one-hot row of its class (k columns). */
        ONE_HOT
    }

    /** @return how a label becomes this family's target; {@link LabelCoding#NUMERIC} unless overridden */
    public LabelCoding labelCoding() {
        return LabelCoding.NUMERIC;
    }

    /** @return false when a target is a row of k columns (Categorical) rather than one number */
    public boolean isScalar() {
        return true;
    }

    /**
     * The distribution of y at a predicted mean (see {@code neuralglm.dist} for each family's).
     *
     * @param mu     the predicted mean
     * @param phi    the dispersion (ignored where the family fixes it)
     * @param trials number of trials n of a Binomial proportion (the instance weight); ignored otherwise
     * @return the distribution of y given mu
     * @throws IllegalArgumentException when the family has no distribution here, or mu / phi are invalid
     */
    public ResponseDistribution distribution(double mu, double phi, double trials) {
        throw new IllegalArgumentException("No response distribution for the family " + this);
    }

    /**
     * The maximum-likelihood dispersion at the fitted means (the profile step: mu fixed).
     *
     * @param eta network output on the training rows, n x 1. Not modified.
     * @param y   training targets, n x 1. Not modified.
     * @param w   training weights or null. Not modified.
     * @return phi maximising {@code sum w log f(y; mu, phi)}; 1 when the family fixes it; NaN when the
     *         family has no maximum-likelihood estimate here
     */
    public double maximumLikelihoodDispersion(DMatrixRMaj eta, DMatrixRMaj y, double[] w) {
        return hasFixedDispersion() ? 1.0 : Double.NaN;
    }

    /**
     * @return the parameter {@link Families#byName(String, double, boolean)} made this family with (the
     *         negative binomial's alpha, the Tweedie power); NaN for a family without one
     */
    public double familyParameter() {
        return Double.NaN;
    }

    /**
     * @return the name of a parameter of the response distribution that is neither mu nor phi but
     *         can be re-fitted at the fitted means (the negative binomial's {@code "alpha"}); null when none
     */
    public String distributionParameterName() {
        return null;
    }

    /** @return the value of {@link #distributionParameterName()} this family was trained with; NaN when none */
    public double distributionParameter() {
        return Double.NaN;
    }

    /**
     * @param y  training targets
     * @param mu fitted means
     * @param w  training weights or null
     * @return the maximum-likelihood value of {@link #distributionParameterName()} at the fitted means; NaN when none
     */
    public double maximumLikelihoodParameter(double[] y, double[] mu, double[] w) {
        return Double.NaN;
    }

    /**
     * @param value a value of {@link #distributionParameterName()}
     * @return the family whose distributions use that value (the negative binomial's alpha = 0 is Poisson)
     * @throws UnsupportedOperationException when the family has no such parameter
     */
    public Family withDistributionParameter(double value) {
        throw new UnsupportedOperationException("The " + name() + " family has no distribution parameter besides mu and phi");
    }

    /**
     * @param phi a dispersion
     * @return what phi means for this family in its usual parameter, e.g. {@code "; sigma = 1.5"}; empty when phi is phi
     */
    public String dispersionMeaning(double phi) {
        return "";
    }

    // ------------------------------------------------- GLM inference (neuralglm.model.GlmInference), R's conventions

    /** @return true when the instance weight is the number of trials of a proportion (Binomial, not Bernoulli) */
    public boolean weightIsTrials() {
        return false;
    }

    /**
     * The dispersion at which a GLM's log-likelihood (for AIC and BIC) is evaluated, as R's
     * {@code family$aic}: the model's phi unless overridden (Gaussian D / n, Gamma and inverse Gaussian
     * D / sum w).
     *
     * @param deviance     D at the fit
     * @param sumWeights   sum w
     * @param observations n: rows with w &gt; 0 under prior weights, sum w under frequency weights
     * @param modelPhi     the model's dispersion (1 when the family fixes it)
     * @return phi for the log-likelihood
     */
    public double likelihoodDispersion(double deviance, double sumWeights, double observations, double modelPhi) {
        return modelPhi;
    }

    /**
     * One row's contribution to a GLM's log-likelihood (constants included).
     *
     * @param y     the target
     * @param mu    the fitted mean
     * @param phi   {@link #likelihoodDispersion}
     * @param w     the row's weight, &gt; 0
     * @param prior prior weights (Var(y) = phi V(mu) / w: {@code log f(y; mu, phi / w)}) rather than frequency
     *              weights ({@code w log f(y; mu, phi)}); the same for a family that fixes phi
     * @return the contribution
     */
    public double rowLogLikelihood(double y, double mu, double phi, double w, boolean prior) {
        return prior && !hasFixedDispersion() ? distribution(mu, phi / w, 1.0).logDensity(y)
                : w * distribution(mu, phi, 1.0).logDensity(y);
    }

    /**
     * The standard error of the maximum-likelihood {@link #distributionParameterName() distribution parameter}
     * at the fitted means (its information given mu; NaN when the family has none).
     *
     * @param y  targets
     * @param mu fitted means
     * @param w  weights or null
     * @return the standard error
     */
    public double distributionParameterStandardError(double[] y, double[] mu, double[] w) {
        return Double.NaN;
    }

    /** @return mu_i = g^-1(eta_i) for a one-column eta */
    static double[] means(Family family, DMatrixRMaj eta) {
        final double[] mu = new double[eta.numRows];
        for (int i = 0; i < mu.length; i++) {
            mu[i] = family.mean(eta.data[i]);
        }
        return mu;
    }

    /**
     * @param v a number
     * @return v with 6 significant digits, as the reports print it
     */
    protected static String num(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    /**
     * Unit deviance.
     *
     * @param y  target
     * @param mu mean
     * @return {@code d(y, mu) = 2 (l(g(mu); y) - l(g(y); y))}
     */
    public double unitDeviance(double y, double mu) {
        return 2.0 * (nll(link().apply(mu), y) - saturatedNll(y));
    }

    // ---------------------------------------------------------------- matrix forms

    /**
     * Applies the mean function row by row.
     *
     * @param eta network output, n x k. Not modified.
     * @param mu  mean, n x k. Modified.
     */
    public void mean(DMatrixRMaj eta, DMatrixRMaj mu) {
        final double[] e = eta.data, m = mu.data;
        final int len = eta.getNumElements();
        for (int i = 0; i < len; i++) {
            m[i] = mean(e[i]);
        }
    }

    /**
     * Weighted mean NLL and its gradient in eta, in one pass.
     *
     * @param eta  network output, n x k. Not modified.
     * @param y    targets, n x k. Not modified.
     * @param w    instance weights (length n) or null for 1. Not modified.
     * @param grad gradient of the weighted mean NLL, row i = {@code w_i / sum w * dl_i/deta_i}. Modified.
     * @return {@code sum w_i l_i / sum w_i}, where a row of weight 0 adds 0 to the sum and to its gradient row, also
     *         where its eta has left the link's domain (a canonical Gamma or inverse Gaussian link needs eta &lt; 0;
     *         beyond, the NLL is infinite and its gradient NaN), which a row without weight does not constrain
     */
    public double gradient(DMatrixRMaj eta, DMatrixRMaj y, double[] w, DMatrixRMaj grad) {
        final int n = eta.numRows;
        final double[] e = eta.data, t = y.data, g = grad.data;
        final double scale = 1.0 / totalWeight(w, n);
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            final double wi = w == null ? scale : w[i] * scale;
            if (wi == 0) {
                g[i] = 0.0;
                continue;
            }
            sum += wi * nll(e[i], t[i]);
            g[i] = wi * gradient(e[i], t[i]);
        }
        return sum;
    }

    /**
     * Weighted mean NLL.
     *
     * @param eta network output, n x k. Not modified.
     * @param y   targets, n x k. Not modified.
     * @param w   instance weights or null. Not modified.
     * @return {@code sum w_i l_i / sum w_i} (constants dropped; a row of weight 0 adds 0, as in {@link #gradient})
     */
    public double meanNll(DMatrixRMaj eta, DMatrixRMaj y, double[] w) {
        final int n = eta.numRows;
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            final double wi = w == null ? 1.0 : w[i];
            if (wi != 0) {
                sum += wi * rowNll(eta, y, i);
            }
        }
        return sum / totalWeight(w, n);
    }

    /**
     * Weighted deviance.
     *
     * @param eta network output, n x k. Not modified.
     * @param y   targets, n x k. Not modified.
     * @param w   instance weights or null. Not modified.
     * @return {@code D = sum w_i 2 (l(eta_i; y_i) - l_sat(y_i))} over the rows of weight other than 0 (a row of weight 0
     *         adds 0, also where its NLL is infinite: a proportion 0.5 of 0 trials at the null model's mu = 1 when every
     *         other row is 1; R's glm gives NA there)
     */
    public double deviance(DMatrixRMaj eta, DMatrixRMaj y, double[] w) {
        final int n = eta.numRows;
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            final double wi = w == null ? 1.0 : w[i];
            if (wi != 0) {
                sum += wi * 2.0 * (rowNll(eta, y, i) - rowSaturatedNll(y, i));
            }
        }
        return sum;
    }

    /** Targets 0 .. SMALL_TARGETS - 1 whose per-value terms {@link #fitSummary} computes once. */
    private static final int SMALL_TARGETS = 256;

    /**
     * {@link #meanNll}, {@link #deviance}, {@link #nullDeviance} and {@link #dispersion} of one fit, the same
     * numbers to the bit, in one pass over the rows for a one-output fit of a scalar family (each sum is added in
     * the same order; {@code l_sat(y_i)} is computed once for both deviances, and with the intercept-only row NLL once
     * per value for whole-number targets below 256; the intercept-only fit needs no n-row matrix of its eta);
     * otherwise the four methods.
     *
     * @param eta           network output, n x k. Not modified.
     * @param y             targets, n x k. Not modified.
     * @param w             instance weights or null. Not modified.
     * @param numParameters p, for the dispersion's degrees of freedom
     * @return {@code {mean NLL, D, D0, phi}}
     */
    public double[] fitSummary(DMatrixRMaj eta, DMatrixRMaj y, double[] w, int numParameters) {
        if (!isScalar() || eta.numCols != 1 || y.numCols != 1) {
            return new double[] {meanNll(eta, y, w), deviance(eta, y, w), nullDeviance(y, w),
                    dispersion(eta, y, w, numParameters)};
        }
        final int n = eta.numRows;
        final double etaNull = nullEta(weightedColumnMeans(y, w))[0];
        final boolean pearson = !hasFixedDispersion();
        final double[] e = eta.data, t = y.data;
        // l_sat(y) and the intercept-only row NLL depend on y alone: for the small whole numbers (counts, 0/1 classes)
        // computed once per value (the same numbers: a value's bits are those of its index)
        final double[] satOf = new double[SMALL_TARGETS], nullOf = new double[SMALL_TARGETS];
        final boolean[] known = new boolean[SMALL_TARGETS];
        double nll = 0.0, dev = 0.0, nullDev = 0.0, chi2 = 0.0;
        for (int i = 0; i < n; i++) {
            final double wi = w == null ? 1.0 : w[i];
            if (wi == 0) {
                continue;   // adds 0 to every sum, also where its NLL is infinite (see deviance)
            }
            final double yi = t[i];
            final int k = (int) yi;
            final double li = rowNll(eta, y, i), sat, nullLi;
            if (k >= 0 && k < SMALL_TARGETS && Double.doubleToRawLongBits(yi) == Double.doubleToRawLongBits(k)) {
                if (!known[k]) {
                    satOf[k] = rowSaturatedNll(y, i);
                    nullOf[k] = nll(etaNull, yi);
                    known[k] = true;
                }
                sat = satOf[k];
                nullLi = nullOf[k];
            } else {
                sat = rowSaturatedNll(y, i);
                nullLi = nll(etaNull, yi); // rowNll of the intercept-only eta
            }
            nll += wi * li;
            dev += wi * 2.0 * (li - sat);
            nullDev += wi * 2.0 * (nullLi - sat);
            if (pearson) {
                final double mu = mean(e[i]);
                final double r = t[i] - mu;
                chi2 += wi * r * r / variance(mu);
            }
        }
        final double total = totalWeight(w, n);
        double phi = 1.0;
        if (pearson) {
            final double df = total - numParameters;
            phi = df > 0 ? chi2 / df : Double.NaN;
        }
        return new double[] {nll / total, dev, nullDev, phi};
    }

    /**
     * {@link #fitSummary(DMatrixRMaj, DMatrixRMaj, double[], int)} of a fit with an offset ({@link Offsets}): eta is the
     * whole linear predictor (network output plus offset); the null deviance is that of the intercept-only model
     * with the offset ({@link Offsets#nullDeviance}), as R's.
     *
     * @param offset the offsets, length n, or null for none (then the same numbers as without). Not modified.
     * @return {@code {mean NLL, D, D0, phi}}
     */
    public double[] fitSummary(DMatrixRMaj eta, DMatrixRMaj y, double[] w, int numParameters, double[] offset) {
        final double[] s = fitSummary(eta, y, w, numParameters);
        if (offset != null && !Offsets.isConstant(offset)) {   // a constant offset: the closed form's null model
            s[2] = Offsets.nullDeviance(this, y, w, offset);
        }
        return s;
    }

    /**
     * Deviance of the intercept-only model, whose mean is the weighted mean of y (the maximum
     * likelihood fit of an intercept for every family here).
     *
     * @param y targets, n x k. Not modified.
     * @param w instance weights or null. Not modified.
     * @return the null deviance
     */
    public double nullDeviance(DMatrixRMaj y, double[] w) {
        final int n = y.numRows, k = y.numCols;
        final double[] ybar = weightedColumnMeans(y, w);
        final DMatrixRMaj eta = new DMatrixRMaj(n, k);
        final double[] etaBar = nullEta(ybar);
        for (int i = 0; i < n; i++) {
            System.arraycopy(etaBar, 0, eta.data, i * k, k);
        }
        return deviance(eta, y, w);
    }

    /**
     * The eta of the intercept-only model, a good starting value for the output bias.
     *
     * @param yMean weighted column means of the targets
     * @return {@code g(ybar)} (for softmax, the log class frequencies)
     */
    public double[] nullEta(double[] yMean) {
        return new double[] {link().apply(yMean[0])};
    }

    /**
     * Pearson estimate of the dispersion.
     *
     * @param eta           network output, n x 1. Not modified.
     * @param y             targets, n x 1. Not modified.
     * @param w             instance weights or null. Not modified.
     * @param numParameters number of fitted parameters p
     * @return {@code sum w_i (y_i - mu_i)^2 / V(mu_i) / (sum w - p)}, or 1 when fixed
     */
    public double dispersion(DMatrixRMaj eta, DMatrixRMaj y, double[] w, int numParameters) {
        if (hasFixedDispersion()) {
            return 1.0;
        }
        final double df = totalWeight(w, eta.numRows) - numParameters;
        return df > 0 ? pearsonChiSquare(eta, y, w) / df : Double.NaN;
    }

    /**
     * The Pearson chi-square of a one-column fit (the numerator of {@link #dispersion}).
     *
     * @param eta network output, n x 1. Not modified.
     * @param y   targets, n x 1. Not modified.
     * @param w   instance weights or null. Not modified.
     * @return {@code sum w_i (y_i - mu_i)^2 / V(mu_i)}, where a row of weight 0 or residual 0 adds 0: its limit where
     *         the mean reaches the edge of its range, V(mu) = 0 (a binomial proportion 1 fitted by mu = 1, a count 0 by
     *         mu = 0), where R's means, kept eps inside the range, give a term of order eps
     */
    public double pearsonChiSquare(DMatrixRMaj eta, DMatrixRMaj y, double[] w) {
        double chi2 = 0.0;
        for (int i = 0; i < eta.numRows; i++) {
            final double mu = mean(eta.data[i]);
            final double r = y.data[i] - mu, wi = w == null ? 1.0 : w[i];
            if (wi != 0 && r != 0) {
                chi2 += wi * r * r / variance(mu);
            }
        }
        return chi2;
    }

    /**
     * Refuses targets outside the family's support, naming the first offending row.
     *
     * @param y targets, n x k. Not modified.
     * @throws DomainException for the first invalid (or non-finite) value
     */
    public void checkTargets(DMatrixRMaj y) {
        final int n = y.numRows;
        if (y.numCols != 1) {
            throw new IllegalArgumentException(name() + " family expects one target column, got " + y.numCols);
        }
        for (int i = 0; i < n; i++) {
            final double v = y.data[i];
            if (!Double.isFinite(v) || !isValidTarget(v)) {
                throw new DomainException(name(), i, -1, v, targetDomain());
            }
        }
    }

    /**
     * NLL of one row.
     *
     * @param eta network output. Not modified.
     * @param y   targets. Not modified.
     * @param i   row
     * @return {@code l(eta_i; y_i)}
     */
    protected double rowNll(DMatrixRMaj eta, DMatrixRMaj y, int i) {
        return nll(eta.data[i], y.data[i]);
    }

    /**
     * Saturated NLL of one row.
     *
     * @param y targets. Not modified.
     * @param i row
     * @return {@code l_sat(y_i)}
     */
    protected double rowSaturatedNll(DMatrixRMaj y, int i) {
        return saturatedNll(y.data[i]);
    }

    /**
     * @param w weights or null
     * @param n number of rows
     * @return {@code sum w} added in row order, or n when w is null
     */
    public static double totalWeight(double[] w, int n) {
        if (w == null) {
            return n;
        }
        // the partial sums of a run of ones from the start are exact (below 2^53): its length. Found four weights at a
        // time without a chain of additions (one add per weight, about three cycles each, on 1e5 to 1e6 rows and several
        // calls per build), then the rest added in order: the same sum to the bit
        int i = 0;
        while (i + 4 <= n && (w[i] == 1.0) & (w[i + 1] == 1.0) & (w[i + 2] == 1.0) & (w[i + 3] == 1.0)) {
            i += 4;
        }
        double s = i;
        for (; i < n; i++) {
            s += w[i];
        }
        return s;
    }

    /**
     * @param y targets, n x k. Not modified.
     * @param w weights or null. Not modified.
     * @return weighted column means, length k
     */
    public static double[] weightedColumnMeans(DMatrixRMaj y, double[] w) {
        final int n = y.numRows, k = y.numCols;
        final double[] m = new double[k];
        for (int i = 0; i < n; i++) {
            final double wi = w == null ? 1.0 : w[i];
            for (int j = 0; j < k; j++) {
                m[j] += wi * y.data[i * k + j];
            }
        }
        final double total = totalWeight(w, n);
        for (int j = 0; j < k; j++) {
            m[j] /= total;
        }
        return m;
    }

    /** @return the family and its parameters, e.g. {@code Tweedie(power=1.5, link=log)} */
    @Override
    public String toString() {
        return name() + "(link=" + link() + ")";
    }
}

package weka.classifiers.functions.neuralglm;

import neuralglm.dist.FittedDispersion;
import neuralglm.dist.ResponseDistribution;
import neuralglm.model.LinearModelPrediction;
import weka.core.Attribute;
import weka.core.Instance;

/**
 * What a built {@link weka.classifiers.functions.NeuralGLM} says about the spread of the class, from
 * the family's distribution at the predicted mean mu and the training dispersion ({@link FittedDispersion}):
 * <pre>
 *   interval(x, c)     = [q(a/2), q(1 - a/2)],  a = 1 - c,  q the quantile of y | mu(x), phi
 *   logDensity(x, y)   = log f(y | mu(x), phi)     (exact, constants included; a log mass for counts)
 *   nominal class      logDensity(x, j) = log P(class = j | x)
 * </pre>
 * For a continuous family the interval holds y with probability c exactly (given mu and phi); for counts
 * and Binomial proportions, with probability at least c. A linear model (GLM mode, Gaussian, identity link, the
 * dispersion RSS / residual df) has the exact law of a new observation instead, R's prediction interval
 * ({@link LinearModelPrediction}: a t on the residual df with variance phi + x' V x). Intervals exist for a numeric class only, as
 * for Weka's own interval estimators (which model numeric classes only): a nominal class is refused.
 * A Binomial instance's weight is its number of trials, rounded to the nearest whole number and at least 1
 * ({@link neuralglm.family.BinomialFamily#wholeTrials}), so a fractional or zero weight still has an interval.
 * <p>Where the model has no predictive distribution (a Tweedie power other than 1 &lt; p &lt;= 2 or 3, a
 * dispersion that could not be estimated) the interval is {NaN, NaN} and the log density NaN rather than an exception, because Weka's
 * {@code Evaluation} calls both for every test instance of a numeric class and an exception would stop
 * the whole evaluation; the model's report says why ({@link FittedDispersion#unavailable()}).
 */
public final class Predictive {

    private Predictive() {
    }

    /**
     * @param classAttribute the class attribute of the data the model is for
     * @throws IllegalArgumentException when it is nominal: intervals need a numeric class
     */
    public static void checkIntervalClass(Attribute classAttribute) {
        if (classAttribute.isNominal()) {
            throw new IllegalArgumentException("NeuralGLM: prediction intervals need a numeric class, but class attribute '"
                    + classAttribute.name() + "' is nominal; use distributionForInstance for class probabilities");
        }
    }

    /**
     * @param m          a fitted model of a numeric class
     * @param instance   the instance (its weight is the number of trials for Binomial). Not modified.
     * @param confidence the coverage, in (0, 1)
     * @return one interval {{lower, upper}}
     * @throws Exception when the class is nominal, the confidence is outside (0, 1), or the dispersion is unknown
     */
    public static double[][] intervals(FittedModel m, Instance instance, double confidence) throws Exception {
        checkIntervalClass(m.classAttribute);
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("NeuralGLM: the confidence level of a prediction interval must be in (0, 1), got "
                    + confidence);
        }
        final ResponseDistribution law = law(m, instance);
        return new double[][] {law == null ? new double[] {Double.NaN, Double.NaN} : law.interval(confidence)};
    }

    /**
     * @param m        a fitted model
     * @param instance the instance. Not modified.
     * @param value    a class value (for a nominal class, the index of a class value)
     * @return the natural log of the density (or mass) of value
     * @throws Exception when a nominal value is not a valid index, or the dispersion is unknown
     */
    public static double logDensity(FittedModel m, Instance instance, double value) throws Exception {
        if (m.classAttribute.isNominal()) {
            final int j = (int) value;
            if (j != value || j < 0 || j >= m.classAttribute.numValues()) {
                throw new IllegalArgumentException("NeuralGLM: class attribute '" + m.classAttribute.name()
                        + "' is nominal with " + m.classAttribute.numValues() + " values; " + value
                        + " is not the index of one of them");
            }
            return Math.log(m.distribution(instance)[j]);
        }
        final ResponseDistribution law = law(m, instance);
        return law == null ? Double.NaN : law.logDensity(value);
    }

    /**
     * @param m        a fitted model of a numeric class
     * @param instance the instance. Not modified.
     * @return the predictive distribution of its class value; null when the family has none at this mean,
     *         dispersion and weight
     * @throws Exception when a filter fails
     */
    public static ResponseDistribution law(FittedModel m, Instance instance) throws Exception {
        final double mu = m.distribution(instance)[0];
        if (m.dispersion == null || m.dispersion.unavailable() != null) {
            return null;
        }
        try {
            if (LinearModelPrediction.applies(m.glmSummary(), m.dispersion)) {
                return LinearModelPrediction.at(m.glmSummary(), m.coefficientRow(instance), mu);
            }
            return m.dispersion.at(mu, instance.weight());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

package neuralglm.spark.ml;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import neuralglm.family.Families;
import neuralglm.nn.Activation;
import neuralglm.optim.Optimizers;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;
import scala.Function1;

/**
 * The Spark ML {@code Param}s shared by {@link NeuralGLMEstimator} and {@link NeuralGLMModel}. A Param is
 * identified by its parent's uid and its name, so each accessor may build it afresh; {@link #setDefaults}
 * gives the defaults (those of {@code neuralglm.spark.SparkTrainer}).
 * <pre>
 *   featuresCol "features"   a vector column (VectorAssembler's output)     labelCol "label"
 *   weightCol   unset        instance weights (unset or "": all 1)          predictionCol "prediction"
 *   offsetCol   unset        a known term on eta, eta = net(x) + o, in fit and transform (unset or "": none;
 *                            one-output families; as GeneralizedLinearRegression's offsetCol)
 *   probabilityCol "probability", rawPredictionCol "rawPrediction" (Categorical and Bernoulli, as Spark's classifiers:
 *                  probabilities and the network's eta per class; Categorical's prediction = the likeliest class)
 *   linkPredictionCol ""   eta = g(mu), the linear predictor with the offset (one-output families; as
 *                     GeneralizedLinearRegression's linkPredictionCol; "" (default): not made)
 *   an output column set to "" is not made (as Spark's classifiers)
 *   family "Gaussian"  familyParameter 1.5 (NegativeBinomial alpha, Tweedie power)  canonicalLink false
 *   hiddenLayers []  (a GLM)  activation "ReLU"  optimizer "adam"|"sgd"|"lbfgs"  learningRate 0.001
 *   epochs 100  batchSize 0 (full batch)  seed 1  standardization true
 *   regParam 0        L2 penalty lambda/2 ||W||^2 on the weights, not the biases, added to the mean NLL (as
 *                     LogisticRegression's regParam with elasticNetParam 0)
 *   validationFraction 0, patience 10   early stopping: hold out that share of the rows (seeded), keep the epoch
 *                     with the lowest held-out mean NLL, stop after patience epochs without a lower one
 * </pre>
 * The prediction of the other families is the mean {@code mu = g^-1(eta)} (for Bernoulli, P(y = 1)).
 *
 * <p>As with Spark's own {@code ParamValidators}, a value that no data could make valid (an unknown family,
 * optimiser or activation, a learning rate that is not a finite number &gt; 0, epochs &lt; 1, a negative batch
 * size, a hidden layer without units) is refused when it is set, by Spark's
 * {@code IllegalArgumentException} naming the stage, the param and the value. {@code familyParameter}'s
 * range depends on the family, so {@code transformSchema} checks it, before any Spark job.
 */
public interface NeuralGLMParams extends Params {

    /** @return the features column: a vector of the inputs */
    default Param<String> featuresCol() {
        return new Param<>(this, "featuresCol", "features column: a vector (e.g. VectorAssembler's output)");
    }

    /** @return the label column */
    default Param<String> labelCol() {
        return new Param<>(this, "labelCol", "label column (numeric; Categorical: class indices 0, 1, ...)");
    }

    /** @return the weight column (unset or empty: every row weighs 1) */
    default Param<String> weightCol() {
        return new Param<>(this, "weightCol", "instance weight column; unset or empty for weight 1");
    }

    /** @return the offset column (unset or empty: none): a known term on the linear predictor, eta = net(x) + o */
    default Param<String> offsetCol() {
        return new Param<>(this, "offsetCol", "offset column: a known term added to the linear predictor, eta = net(x) + o "
                + "(e.g. log(exposure) under a log link); unset or empty for none");
    }

    /** @return the prediction column ("" for none) */
    default Param<String> predictionCol() {
        return new Param<>(this, "predictionCol", "prediction column: the mean mu (Categorical: the likeliest class); "
                + "empty for none");
    }

    /** @return the class probabilities column (Categorical and Bernoulli; "" for none) */
    default Param<String> probabilityCol() {
        return new Param<>(this, "probabilityCol", "class probabilities column (Categorical: P(label = i); Bernoulli: "
                + "[1 - mu, mu]); empty for none");
    }

    /** @return the raw prediction column (Categorical and Bernoulli; "" for none) */
    default Param<String> rawPredictionCol() {
        return new Param<>(this, "rawPredictionCol", "raw prediction column (Categorical: the network's eta of class i; "
                + "Bernoulli: [-eta, eta], eta = logit(mu)); empty for none");
    }

    /** @return the linear predictor column (one-output families; "" for none) */
    default Param<String> linkPredictionCol() {
        return new Param<>(this, "linkPredictionCol", "link prediction (linear predictor) column: eta = g(mu), the "
                + "network's output plus the offset (one-output families, as GeneralizedLinearRegression's); empty for none");
    }

    /** @return the family name */
    default Param<String> family() {
        return new Param<>(this, "family", "output family: " + String.join(", ", Families.NAMES),
                oneOf(Families.NAMES));
    }

    /** @return NegativeBinomial's alpha or Tweedie's power */
    default DoubleParam familyParameter() {
        return new DoubleParam(this, "familyParameter", "NegativeBinomial's alpha or Tweedie's power");
    }

    /** @return whether Gamma, Exponential and InverseGaussian use the canonical link instead of log */
    default BooleanParam canonicalLink() {
        return new BooleanParam(this, "canonicalLink", "Gamma, Exponential, InverseGaussian: canonical link instead of log");
    }

    /** @return the hidden layer sizes (empty: a GLM) */
    default IntArrayParam hiddenLayers() {
        final Function1<int[], Object> positive = (Function1<int[], Object> & Serializable) sizes ->
                Arrays.stream(sizes).allMatch(n -> n >= 1);
        return new IntArrayParam(this, "hiddenLayers", "hidden layer sizes (each >= 1); empty for a GLM", positive);
    }

    /** @return the activation of the hidden layers */
    default Param<String> activation() {
        return new Param<>(this, "activation", "hidden activation: " + String.join(", ", Activation.NAMES),
                oneOf(Activation.NAMES));
    }

    /** @return the optimiser name */
    default Param<String> optimizer() {
        return new Param<>(this, "optimizer", "optimiser: adam, sgd or lbfgs (full batch)", oneOf(Optimizers.NAMES));
    }

    /** @return the learning rate of adam and sgd */
    default DoubleParam learningRate() {
        final Function1<Object, Object> finitePositive = (Function1<Object, Object> & Serializable) v ->
                Double.isFinite((Double) v) && (Double) v > 0;
        return new DoubleParam(this, "learningRate", "learning rate of adam and sgd, a finite number > 0 (lbfgs ignores it)",
                finitePositive);
    }

    /** @return the epoch limit */
    default IntParam epochs() {
        return new IntParam(this, "epochs", "number of epochs (>= 1)", ParamValidators.gtEq(1));
    }

    /** @return the mini-batch size (0: full batch) */
    default IntParam batchSize() {
        return new IntParam(this, "batchSize", "rows per mini-batch (>= 0); 0 for full batch", ParamValidators.gtEq(0));
    }

    /** @return the seed of the initial weights and of the mini-batches */
    default LongParam seed() {
        return new LongParam(this, "seed", "seed of the initial weights and the mini-batches");
    }

    /** @return the L2 penalty on the weights */
    default DoubleParam regParam() {
        final Function1<Object, Object> finiteNonNegative = (Function1<Object, Object> & Serializable) v ->
                Double.isFinite((Double) v) && (Double) v >= 0;
        return new DoubleParam(this, "regParam", "L2 penalty lambda (>= 0): lambda/2 * the sum of the squared weights, "
                + "not the biases, is added to the weighted mean NLL that training minimises (as LogisticRegression's "
                + "regParam with elasticNetParam 0; on the standardised inputs' scale when standardization is on); 0 for "
                + "none", finiteNonNegative);
    }

    /** @return the share of the rows held out for early stopping */
    default DoubleParam validationFraction() {
        return new DoubleParam(this, "validationFraction", "early stopping: the share of the rows held out (a seeded "
                + "random split) to measure the mean NLL after every epoch; training keeps the best epoch's weights "
                + "and stops after patience epochs without improvement; 0 for none, else in (0, 1)",
                ParamValidators.inRange(0, 1, true, false));
    }

    /** @return the epochs without a lower held-out loss after which early stopping ends training */
    default IntParam patience() {
        return new IntParam(this, "patience", "early stopping: epochs without a lower held-out mean NLL before training "
                + "stops (>= 1; used when validationFraction > 0)", ParamValidators.gtEq(1));
    }

    /** @return whether the inputs are standardised */
    default BooleanParam standardization() {
        return new BooleanParam(this, "standardization", "standardise the inputs with weighted moments");
    }

    /**
     * @param names the known names
     * @return a validator accepting one of them, case ignored (as the registries match them)
     */
    private static Function1<String, Object> oneOf(List<String> names) {
        return (Function1<String, Object> & Serializable) v -> v != null
                && names.stream().anyMatch(n -> n.toLowerCase(Locale.ROOT).equals(v.trim().toLowerCase(Locale.ROOT)));
    }

    /**
     * Spark's {@code explainParam}, with array values written out ({@code [32, 16]}, not {@code [I@6f976c}).
     *
     * @param p     the params
     * @param param one of them
     * @return {@code name: doc (default: d, current: c)}, or {@code (undefined)}
     */
    static String explain(Params p, Param<?> param) {
        if (!param.parent().equals(p.uid())) {
            throw new IllegalArgumentException("Param " + param + " does not belong to " + p.uid());
        }
        final StringBuilder values = new StringBuilder();
        if (p.hasDefault(param)) {
            values.append("default: ").append(show(p.getDefault(param).get()));
        }
        if (p.isSet(param)) {
            values.append(values.length() > 0 ? ", " : "").append("current: ").append(show(p.get(param).get()));
        }
        return param.name() + ": " + param.doc() + " (" + (values.length() == 0 ? "undefined" : values) + ")";
    }

    private static String show(Object v) {
        return v instanceof int[] a ? Arrays.toString(a) : String.valueOf(v);
    }

    /**
     * Sets the defaults listed above; each implementation calls it from its constructor.
     *
     * @param p the instance
     */
    static void setDefaults(NeuralGLMParams p) {
        p.setDefault(p.featuresCol(), "features");
        p.setDefault(p.labelCol(), "label");
        p.setDefault(p.predictionCol(), "prediction");
        p.setDefault(p.probabilityCol(), "probability");
        p.setDefault(p.rawPredictionCol(), "rawPrediction");
        p.setDefault(p.linkPredictionCol(), "");
        p.setDefault(p.family(), "Gaussian");
        p.setDefault(p.familyParameter(), 1.5);
        p.setDefault(p.canonicalLink(), false);
        p.setDefault(p.hiddenLayers(), new int[0]);
        p.setDefault(p.activation(), "ReLU");
        p.setDefault(p.optimizer(), "adam");
        p.setDefault(p.learningRate(), 1e-3);
        p.setDefault(p.epochs(), 100);
        p.setDefault(p.batchSize(), 0);
        p.setDefault(p.seed(), 1L);
        p.setDefault(p.standardization(), true);
        p.setDefault(p.regParam(), 0.0);
        p.setDefault(p.validationFraction(), 0.0);
        p.setDefault(p.patience(), 10);
    }

    /** @return the offset column, or null when unset or empty */
    default String offsetColOrNull() {
        if (!isDefined(offsetCol())) {
            return null;
        }
        final String o = getOrDefault(offsetCol());
        return o == null || o.isEmpty() ? null : o;
    }

    /** @return the weight column, or null when unset or empty */
    default String weightColOrNull() {
        if (!isDefined(weightCol())) {
            return null;
        }
        final String w = getOrDefault(weightCol());
        return w == null || w.isEmpty() ? null : w;
    }
}

package neuralglm.spark.ml;

import neuralglm.family.Families;
import neuralglm.nn.Activation;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * The Spark ML {@code Param}s shared by {@link NeuralGLMEstimator} and {@link NeuralGLMModel}. A Param is
 * identified by its parent's uid and its name, so each accessor may build it afresh; {@link #setDefaults}
 * gives the defaults (those of {@code neuralglm.spark.SparkTrainer}).
 * <pre>
 *   featuresCol "features"   a vector column (VectorAssembler's output)     labelCol "label"
 *   weightCol   unset        instance weights (unset or "": all 1)          predictionCol "prediction"
 *   probabilityCol "probability" (Categorical: the class probabilities; prediction = the likeliest class)
 *   family "Gaussian"  familyParameter 1.5 (NegativeBinomial alpha, Tweedie power)  canonicalLink false
 *   hiddenLayers []  (a GLM)  activation "ReLU"  optimizer "adam"|"sgd"|"lbfgs"  learningRate 0.001
 *   epochs 100  batchSize 0 (full batch)  seed 1  standardization true
 * </pre>
 * The prediction of the other families is the mean {@code mu = g^-1(eta)} (for Bernoulli, P(y = 1)).
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

    /** @return the prediction column */
    default Param<String> predictionCol() {
        return new Param<>(this, "predictionCol", "prediction column: the mean mu (Categorical: the likeliest class)");
    }

    /** @return the class probabilities column (Categorical only) */
    default Param<String> probabilityCol() {
        return new Param<>(this, "probabilityCol", "class probabilities column (Categorical family only)");
    }

    /** @return the family name */
    default Param<String> family() {
        return new Param<>(this, "family", "output family: " + String.join(", ", Families.NAMES));
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
        return new IntArrayParam(this, "hiddenLayers", "hidden layer sizes; empty for a GLM");
    }

    /** @return the activation of the hidden layers */
    default Param<String> activation() {
        return new Param<>(this, "activation", "hidden activation: " + String.join(", ", Activation.NAMES));
    }

    /** @return the optimiser name */
    default Param<String> optimizer() {
        return new Param<>(this, "optimizer", "optimiser: adam, sgd or lbfgs (full batch)");
    }

    /** @return the learning rate of adam and sgd */
    default DoubleParam learningRate() {
        return new DoubleParam(this, "learningRate", "learning rate of adam and sgd (lbfgs ignores it)");
    }

    /** @return the epoch limit */
    default IntParam epochs() {
        return new IntParam(this, "epochs", "number of epochs (>= 1)");
    }

    /** @return the mini-batch size (0: full batch) */
    default IntParam batchSize() {
        return new IntParam(this, "batchSize", "rows per mini-batch; 0 for full batch");
    }

    /** @return the seed of the initial weights and of the mini-batches */
    default LongParam seed() {
        return new LongParam(this, "seed", "seed of the initial weights and the mini-batches");
    }

    /** @return whether the inputs are standardised */
    default BooleanParam standardization() {
        return new BooleanParam(this, "standardization", "standardise the inputs with weighted moments");
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

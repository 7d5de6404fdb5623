package weka.classifiers.functions.neuralglm;

import java.io.Serializable;

import neuralglm.model.Standardizer;
import org.ejml.data.DMatrixRMaj;
import weka.core.Instance;

/**
 * How a {@link FittedModel} turns one Weka instance into the network's standardised input row
 * {@code z = (x - m) / s}, x the encoded attribute values (missing values imputed, nominal values
 * one-hot). Two kinds: {@link InputPipeline} (Weka's filters, fitted by a NeuralGLM build) and
 * {@link TabularInputs} (the engine's encoder of a model trained elsewhere, e.g. on Spark).
 */
public interface Inputs extends Serializable {

    /**
     * @param instance an instance of the model's header (class value may be missing). Not modified.
     * @return its standardised input row, 1 x d
     * @throws Exception when a filter fails
     */
    DMatrixRMaj transform(Instance instance) throws Exception;

    /** @return names of the d input columns (e.g. {@code outlook=sunny}) */
    String[] inputNames();

    /** @return the number of input columns d */
    int numInputs();

    /** @return the standardiser m, s (identity when standardisation is off) */
    Standardizer standardizer();

    /** @return for the report: how the input columns were made */
    String describeColumns();

    /** @return for the report: how missing values are handled */
    String describeMissing();
}

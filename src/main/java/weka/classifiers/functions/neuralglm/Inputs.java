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

    /**
     * Standardised input rows of instances {@code from .. from + rows.numRows - 1} (batch prediction);
     * by default {@link #transform(Instance)} row by row.
     *
     * @param data instances of the model's header. Not modified.
     * @param from the first instance
     * @param rows n x d. Overwritten.
     * @throws Exception when a filter fails
     */
    default void transform(weka.core.Instances data, int from, DMatrixRMaj rows) throws Exception {
        final int d = rows.numCols;
        for (int i = 0; i < rows.numRows; i++) {
            System.arraycopy(transform(data.instance(from + i)).data, 0, rows.data, i * d, d);
        }
    }

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

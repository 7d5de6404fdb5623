package weka.classifiers.functions.neuralglm;

import neuralglm.model.Standardizer;
import org.ejml.data.DMatrixRMaj;
import weka.core.Instance;
import weka.core.Instances;
import weka.filters.Filter;
import weka.filters.unsupervised.attribute.NominalToBinary;
import weka.filters.unsupervised.attribute.RemoveUseless;
import weka.filters.unsupervised.attribute.ReplaceMissingValues;

/**
 * Turns Weka instances into the engine's input matrix, the same way at training and prediction time:
 * <ol>
 * <li>{@link ReplaceMissingValues}: a missing value becomes the training mean (numeric) or mode (nominal);</li>
 * <li>{@link RemoveUseless}: constant attributes (and nominal ones with almost all values distinct) go;</li>
 * <li>{@link NominalToBinary}: a nominal attribute with k values becomes k 0/1 columns (2 values: one);</li>
 * <li>the engine's {@link Standardizer} (or its identity when standardisation is off).</li>
 * </ol>
 * The class attribute is left out of the matrix. With no input left, one constant 0 column keeps
 * the network well formed (its weight gets no gradient: an intercept-only model).
 */
public final class InputPipeline implements Inputs {
    private static final long serialVersionUID = 1L;

    private final ReplaceMissingValues missing = new ReplaceMissingValues();
    private final RemoveUseless useless = new RemoveUseless();
    private final NominalToBinary binary = new NominalToBinary();
    private Instances header;
    private String[] inputNames;
    private Standardizer standardizer;
    private int missingInTraining;

    /**
     * Fits the filters and the standardiser on the training data.
     *
     * @param data        training data with a class attribute and no missing class values. Not modified.
     * @param standardize whether to standardise the inputs
     * @param weights     instance weights (for the weighted moments). Not modified.
     * @return the standardised input matrix, n x d
     * @throws Exception when a filter fails
     */
    public DMatrixRMaj fit(Instances data, boolean standardize, double[] weights) throws Exception {
        missingInTraining = countMissingInputs(data);
        missing.setInputFormat(data);
        Instances d = Filter.useFilter(data, missing);
        useless.setInputFormat(d);
        d = Filter.useFilter(d, useless);
        binary.setInputFormat(d);
        d = Filter.useFilter(d, binary);
        header = new Instances(d, 0);
        final int cls = header.classIndex();
        final int cols = Math.max(1, header.numAttributes() - 1);
        inputNames = new String[cols];
        if (header.numAttributes() == 1) {
            inputNames[0] = "(no input attribute left)";
        }
        for (int a = 0, j = 0; a < header.numAttributes(); a++) {
            if (a != cls) {
                inputNames[j++] = header.attribute(a).name();
            }
        }
        final DMatrixRMaj x = new DMatrixRMaj(d.numInstances(), cols);
        for (int i = 0; i < d.numInstances(); i++) {
            copyRow(d.instance(i), x.data, i * cols);
        }
        standardizer = standardize ? Standardizer.fit(x, weights) : Standardizer.identity(cols);
        return standardizer.apply(x);
    }

    /**
     * Synchronised: Weka filters pass instances through internal queues ({@code input}/{@code output}),
     * so concurrent predictions must take turns here (the network part runs in parallel).
     *
     * @param instance an instance with the training data's attributes (class value may be missing). Not modified.
     * @return its standardised input row, 1 x d
     * @throws Exception when a filter fails
     */
    @Override
    public synchronized DMatrixRMaj transform(Instance instance) throws Exception {
        missing.input(instance);
        useless.input(missing.output());
        binary.input(useless.output());
        final Instance filtered = binary.output();
        final DMatrixRMaj row = new DMatrixRMaj(1, inputNames.length);
        copyRow(filtered, row.data, 0);
        return standardizer.apply(row);
    }

    private void copyRow(Instance inst, double[] target, int offset) {
        final int cls = header.classIndex();
        for (int a = 0, j = 0; a < header.numAttributes(); a++) {
            if (a != cls) {
                target[offset + j++] = inst.value(a);
            }
        }
    }

    private static int countMissingInputs(Instances data) {
        int count = 0;
        for (int i = 0; i < data.numInstances(); i++) {
            final Instance inst = data.instance(i);
            for (int a = 0; a < data.numAttributes(); a++) {
                if (a != data.classIndex() && inst.isMissing(a)) {
                    count++;
                }
            }
        }
        return count;
    }

    /** @return names of the input columns after the filters (e.g. {@code outlook=sunny}) */
    @Override
    public String[] inputNames() {
        return inputNames.clone();
    }

    /** @return the fitted standardiser (identity when standardisation is off) */
    @Override
    public Standardizer standardizer() {
        return standardizer;
    }

    /** @return how many input values were missing in the training data */
    public int missingInTraining() {
        return missingInTraining;
    }

    /** @return the number of input columns d */
    @Override
    public int numInputs() {
        return inputNames.length;
    }

    @Override
    public String describeColumns() {
        return numInputs() + " columns after RemoveUseless and NominalToBinary";
    }

    @Override
    public String describeMissing() {
        return missingInTraining + " missing input values in the training data; missing values (in training and in new "
                + "instances) are replaced by the training mean or mode (ReplaceMissingValues)";
    }
}

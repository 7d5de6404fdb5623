package weka.classifiers.functions.neuralglm;

import neuralglm.model.Standardizer;
import org.ejml.data.DMatrixRMaj;
import weka.core.Instance;
import weka.core.Instances;
import weka.filters.Filter;
import weka.filters.unsupervised.attribute.NominalToBinary;
import weka.filters.unsupervised.attribute.Remove;
import weka.filters.unsupervised.attribute.RemoveUseless;
import weka.filters.unsupervised.attribute.ReplaceMissingValues;

/**
 * Turns Weka instances into the engine's input matrix, the same way at training and prediction time:
 * <ol>
 * <li>{@link ReplaceMissingValues}: a missing value becomes the training mean (numeric) or mode (nominal);</li>
 * <li>{@link RemoveUseless}: constant attributes (and nominal ones with almost all values distinct) go;</li>
 * <li>{@link NominalToBinary}: a nominal attribute with k values becomes k 0/1 columns (2 values: one);</li>
 * <li>with reference coding (GLM mode: no hidden layer), {@link Remove} drops the column of the first value of
 *     each nominal attribute with k &gt; 2 values, leaving k - 1 treatment contrasts against that first value
 *     (as R's default contrasts and Weka's Logistic report), so that the design has full rank with the
 *     intercept;</li>
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
    private final boolean referenceCoding;
    /** Drops the first value's column of each nominal attribute with more than 2 values; null when none. */
    private Remove reference;
    private String[] referenceLevels = new String[0];
    private Instances header;
    private String[] inputNames;
    private Standardizer standardizer;
    private int missingInTraining;

    /** One-hot coding of nominal attributes (for networks with hidden layers). */
    public InputPipeline() {
        this(false);
    }

    /**
     * @param referenceCoding true: k - 1 treatment contrasts per nominal attribute (GLM mode); false: one-hot
     */
    public InputPipeline(boolean referenceCoding) {
        this.referenceCoding = referenceCoding;
    }

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
        final Instances beforeBinary = new Instances(d, 0);
        binary.setInputFormat(d);
        d = Filter.useFilter(d, binary);
        if (referenceCoding) {
            final java.util.List<Integer> drop = new java.util.ArrayList<>();
            final java.util.List<String> levels = new java.util.ArrayList<>();
            for (int a = 0; a < beforeBinary.numAttributes(); a++) {
                final weka.core.Attribute att = beforeBinary.attribute(a);
                if (a != beforeBinary.classIndex() && att.isNominal() && att.numValues() > 2) {
                    final weka.core.Attribute first = d.attribute(att.name() + "=" + att.value(0));
                    if (first == null) {
                        throw new IllegalStateException("Reference coding: NominalToBinary made no column '"
                                + att.name() + "=" + att.value(0) + "'");
                    }
                    drop.add(first.index());
                    levels.add(att.name() + "=" + att.value(0));
                }
            }
            if (!drop.isEmpty()) {
                reference = new Remove();
                reference.setAttributeIndicesArray(drop.stream().mapToInt(Integer::intValue).toArray());
                reference.setInputFormat(d);
                d = Filter.useFilter(d, reference);
            }
            referenceLevels = levels.toArray(new String[0]);
        }
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
        Instance filtered = binary.output();
        if (reference != null) {
            reference.input(filtered);
            filtered = reference.output();
        }
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

    /** @return the columns left out as reference levels, e.g. {@code outlook=sunny} (empty for one-hot coding) */
    public String[] referenceLevels() {
        return referenceLevels == null ? new String[0] : referenceLevels.clone();
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
        return numInputs() + " columns after RemoveUseless and NominalToBinary" + (referenceLevels == null || referenceLevels.length == 0 ? ""
                : " (GLM: nominal attributes coded against their first value, left out: "
                + String.join(", ", referenceLevels) + ")");
    }

    @Override
    public String describeMissing() {
        return missingInTraining + " missing input values in the training data; missing values (in training and in new "
                + "instances) are replaced by the training mean or mode (ReplaceMissingValues)";
    }
}

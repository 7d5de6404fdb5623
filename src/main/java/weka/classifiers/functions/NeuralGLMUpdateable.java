package weka.classifiers.functions;

import weka.classifiers.UpdateableBatchProcessor;
import weka.classifiers.UpdateableClassifier;
import weka.classifiers.functions.neuralglm.Adam;
import weka.core.Instance;
import weka.core.RevisionUtils;

/**
 * {@link NeuralGLM} that learns from a stream, as {@code NaiveBayesUpdateable} is to {@code NaiveBayes}:
 * a separate class because Weka's command line and Experimenter train every
 * {@link UpdateableClassifier} one instance at a time. Defaults: Adam and mini-batches of 32.
 * {@code updateClassifier} buffers instances into mini-batches and takes one optimiser step per batch,
 * exactly as one epoch of in-order mini-batch training; {@code batchFinished} steps on what is left.
 * Built on an empty data set (the Knowledge Flow's incremental mode, the command line), it fits the
 * input pipeline on the first mini-batch and predicts "missing" until then.
 */
public class NeuralGLMUpdateable extends NeuralGLM implements UpdateableClassifier, UpdateableBatchProcessor {
    private static final long serialVersionUID = -4127380912260419135L;

    /** Adam, mini-batches of 32; otherwise NeuralGLM's defaults. */
    public NeuralGLMUpdateable() {
        setOptimizer(new Adam());
        setMiniBatchSize(32);
    }

    @Override
    public String globalInfo() {
        return "NeuralGLM that learns from a stream (UpdateableClassifier, e.g. the Knowledge Flow's incremental mode): "
                + "instances are buffered into mini-batches of miniBatchSize (default 32) and each batch is one step of "
                + "the optimiser (default Adam; SGD also works, L-BFGS does not). Built on an empty data set, it fits the "
                + "input standardisation and missing-value replacement on the first mini-batch. Built on data, it trains "
                + "as NeuralGLM does and then keeps learning from updateClassifier. " + super.globalInfo();
    }

    @Override
    protected boolean startsStreams() {
        return true;
    }

    /**
     * @param instance an instance of the training format (skipped when its class is missing). Not modified.
     * @throws Exception with a specific message when there is no model or stream, or the instance is invalid
     */
    @Override
    public void updateClassifier(Instance instance) throws Exception {
        updateFromStream(instance);
    }

    /** Steps on the instances still buffered (end of the stream). */
    @Override
    public void batchFinished() throws Exception {
        finishStream();
    }

    @Override
    public String getRevision() {
        return RevisionUtils.extract("$Revision: 1 $");
    }

    /**
     * Runs the classifier from the command line (trained as a stream).
     *
     * @param args the options
     */
    public static void main(String[] args) {
        runClassifier(new NeuralGLMUpdateable(), args);
    }
}

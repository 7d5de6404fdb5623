package weka.classifiers.functions;

import weka.classifiers.UpdateableBatchProcessor;
import weka.classifiers.UpdateableClassifier;
import weka.classifiers.functions.neuralglm.Adam;
import weka.core.Instance;
import weka.core.RevisionUtils;

/**
 * {@link NeuralGLM} that learns from a stream, as {@code NaiveBayesUpdateable} is to {@code NaiveBayes}:
 * a separate class because Weka's command line and Experimenter train every
 * {@link UpdateableClassifier} one instance at a time. Defaults: Adam (learning rate 0.01) and mini-batches of 8.
 * {@code updateClassifier} buffers instances into mini-batches and takes one optimiser step per batch,
 * exactly as one epoch of in-order mini-batch training; {@code batchFinished} steps on what is left.
 * Built on an empty data set (the Knowledge Flow's incremental mode, the command line), it fits the
 * input pipeline on the first mini-batch and predicts "missing" until then.
 */
public class NeuralGLMUpdateable extends NeuralGLM implements UpdateableClassifier, UpdateableBatchProcessor {
    private static final long serialVersionUID = -4127380912260419135L;

    /**
     * Adam with learning rate 0.01 and mini-batches of 8 (from the stream study, {@code -Pbench stream}); otherwise
     * NeuralGLM's defaults.
     */
    public NeuralGLMUpdateable() {
        final Adam adam = new Adam();
        adam.setLr(0.01);
        setOptimizer(adam);
        setMiniBatchSize(8);
    }

    @Override
    public String globalInfo() {
        return "NeuralGLM that learns from a stream (UpdateableClassifier, e.g. the Knowledge Flow's incremental mode): "
                + "instances are buffered into mini-batches of miniBatchSize (default 8) and each batch is one step of "
                + "the optimiser (default Adam with learning rate 0.01: in a study of short streams (-Pbench stream) the "
                + "former defaults, Adam 0.001 and batches of 32, left a 300-instance stream's model near the "
                + "intercept-only one; SGD also works, L-BFGS does not). The weight decay -1 means none on a stream. Built on an empty data set, it fits the "
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

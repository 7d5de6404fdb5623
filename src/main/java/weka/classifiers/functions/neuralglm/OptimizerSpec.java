package weka.classifiers.functions.neuralglm;

import neuralglm.optim.Optimizer;

/**
 * The optimiser of a {@link weka.classifiers.functions.NeuralGLM}, as chosen in the Explorer or with
 * {@code -optimizer "<class> <options>"}: it creates the engine's {@link Optimizer} prototype.
 */
public abstract class OptimizerSpec extends Spec {
    private static final long serialVersionUID = 1L;

    /**
     * @param weightDecay the classifier's L2 penalty coefficient (&gt;= 0)
     * @return a new, uninitialised engine optimiser
     */
    public abstract Optimizer create(double weightDecay);
}

package neuralglm.train;

import neuralglm.optim.Optimizer;
import org.ejml.data.DMatrixRMaj;

/**
 * The optimiser's closure over one batch of an {@link Objective}: {@code evaluate()} zeroes the
 * gradients, runs the forward-backward pass and returns the batch's weighted mean NLL; closing releases
 * its threads.
 */
public interface BatchStep extends Optimizer.Closure, AutoCloseable {

    /** @return the network output of the last {@link #evaluate()}, n x k (for divergence messages); null if unknown */
    DMatrixRMaj eta();

    @Override
    default void close() {
    }
}

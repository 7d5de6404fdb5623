package neuralglm.train;

import neuralglm.optim.Optimizer;
import org.ejml.data.DMatrixRMaj;

/** The optimiser's closure over one batch: a forward-backward pass; closing releases its threads. */
interface BatchStep extends Optimizer.Closure, AutoCloseable {

    /** @return the network output of the last {@link #evaluate()}, n x k (for divergence messages) */
    DMatrixRMaj eta();

    @Override
    default void close() {
    }
}

package neuralglm.jython;

import org.ejml.data.DMatrixRMaj;

/**
 * How a tensor was computed: the operation's name, its inputs, and its vector-Jacobian product
 * {@code dL/d inputs = backward(dL/d output)} (one entry per input; null where an input needs none).
 */
final class Node {

    /** The vector-Jacobian product of one operation. */
    @FunctionalInterface
    interface Backward {
        /**
         * @param gradOut {@code dL/d output}, the output's storage shape. Not modified.
         * @return {@code dL/d input} for each input, in the inputs' storage shapes (entries may be null)
         */
        DMatrixRMaj[] apply(DMatrixRMaj gradOut);
    }

    final String name;
    final Tensor[] inputs;
    final Backward backward;

    Node(String name, Tensor[] inputs, Backward backward) {
        this.name = name;
        this.inputs = inputs;
        this.backward = backward;
    }
}

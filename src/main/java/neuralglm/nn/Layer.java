package neuralglm.nn;

import java.io.Serializable;
import java.util.List;

import org.ejml.data.DMatrixRMaj;

/**
 * One stage of a network, with backpropagation written by hand.
 *
 * <p>Call order: {@code forward(x)} (caches what backward needs), then {@code backward(dOut)}, which
 * returns {@code dL/dx} and <b>adds</b> {@code dL/dtheta} into each {@link Parameter#grad()}. Shapes
 * are row-major {@code n x features}. The matrices returned by forward and backward are buffers owned
 * by the layer, valid until its next call; the input given to forward must stay unchanged until
 * backward. {@link #predict} is the stateless, thread-safe forward pass for a built model.
 */
public interface Layer extends Serializable {

    /**
     * Forward pass for training: computes the output and caches what backward needs.
     *
     * @param x input, n x in. Not modified; must stay unchanged until {@link #backward}.
     * @return output, n x out (a buffer owned by the layer)
     */
    DMatrixRMaj forward(DMatrixRMaj x);

    /**
     * Backward pass for the last forward: accumulates parameter gradients.
     *
     * @param dOut {@code dL/d output}, n x out. Not modified.
     * @return {@code dL/d input}, n x in (a buffer owned by the layer)
     */
    DMatrixRMaj backward(DMatrixRMaj dOut);

    /**
     * The parameter half of {@link #backward}: accumulates the parameter gradients for the last forward
     * without computing the input gradient, where nothing needs it (the first layer of a network being
     * trained). By default the full backward pass, whose result is dropped.
     *
     * @param dOut {@code dL/d output}, n x out. Not modified.
     */
    default void accumulateGradients(DMatrixRMaj dOut) {
        backward(dOut);
    }

    /** @return the trainable parameters (empty for activations), in a fixed order */
    List<Parameter> parameters();

    /**
     * Stateless forward pass; allocates its output and touches no cache, so one layer may serve
     * several threads at once.
     *
     * @param x input, n x in. Not modified.
     * @return a new n x out matrix
     */
    DMatrixRMaj predict(DMatrixRMaj x);

    /**
     * {@link #predict(DMatrixRMaj)} into a matrix of the caller's, for predictions block after block that would otherwise
     * allocate (and, in a JVM whose heap has not grown yet, page in) new outputs per block and layer: the same numbers.
     * Thread-safe as {@link #predict(DMatrixRMaj)} when each thread passes its own out.
     *
     * @param x   input, n x in. Not modified.
     * @param out the output's buffer (not x): reshaped to n x out and written, or left unused by a layer that cannot
     *            write into one (the default)
     * @return the output: out, or a new matrix
     */
    default DMatrixRMaj predict(DMatrixRMaj x, DMatrixRMaj out) {
        return predict(x);
    }

    /**
     * A deep copy: the same function with parameters of its own (values copied, gradients zero) and
     * no cached forward pass, so that the copy can train or predict while the original is unchanged.
     *
     * @return the copy
     * @throws UnsupportedOperationException for a layer that cannot be copied (the default)
     */
    default Layer copy() {
        throw new UnsupportedOperationException("The layer " + this + " cannot be copied");
    }
}

package neuralglm.train;

import neuralglm.family.Family;
import neuralglm.linalg.Kernels;
import neuralglm.nn.Precision;
import neuralglm.nn.Sequential;
import org.ejml.data.DMatrixRMaj;

/**
 * The gradient of the loss of one batch of rows, the one place where training runs "forward, shape
 * check, family gradient, backward" ({@link Trainer}'s step, each thread of {@link ParallelStep}, each
 * partition of a Spark table):
 * <pre>
 *   eta = net(X_B);   G_i = s * w_i / W_B * dl(eta_i; y_i)/deta;   grad(theta) += G backpropagated     (W_B = sum_B w)
 * </pre>
 * {@link #mean} returns the batch's weighted mean NLL {@code L_B / W_B} with scale s (1 for a batch,
 * a thread's share of the batch weight for a slice); {@link #accumulate} returns the
 * <em>unnormalised</em> sums for callers that add blocks up themselves (a partition of a cluster):
 * <pre>
 *   L_B = sum_{i in B} w_i l(eta_i; y_i),     dL_B/dtheta = sum_{i in B} w_i dl_i/dtheta,     W_B = sum_{i in B} w_i
 * </pre>
 * so that over any split of the rows {@code sum_B L_B / sum_B W_B} is the mean NLL and
 * {@code sum_B dL_B / sum_B W_B} its gradient. Gradients are <b>accumulated</b> ({@code +=}) into the
 * network's parameters; the first layer's input gradient is never computed
 * ({@link Sequential#backward(DMatrixRMaj, boolean)}). With an offset o ({@link neuralglm.family.Offsets}) the family
 * sees {@code eta = net(X_B) + o_B} and G is backpropagated as it is ({@code d eta / d net(X) = 1}); without one
 * nothing more is read or allocated. Not thread-safe: one instance (and one network) per thread.
 */
public final class BlockGradient {
    private final Sequential net;
    private final Family family;
    private final Precision precision;
    private DMatrixRMaj grad;
    private DMatrixRMaj eta;
    /** net(X) + o, for a batch with an offset; null until one. */
    private DMatrixRMaj shifted;

    /**
     * @param net    the network; its parameters receive the gradients
     * @param family the output distribution
     */
    public BlockGradient(Sequential net, Family family) {
        this(net, family, Precision.FLOAT64);
    }

    /**
     * @param net       the network; its parameters receive the gradients
     * @param family    the output distribution
     * @param precision the arithmetic of the network's passes ({@link Sequential#forward(DMatrixRMaj, Precision)})
     */
    public BlockGradient(Sequential net, Family family, Precision precision) {
        this.net = net;
        this.family = family;
        this.precision = precision;
    }

    /**
     * Adds {@code scale} times the gradient of the batch's weighted mean NLL into the parameters' gradients.
     *
     * @param x        inputs, b x d. Not modified.
     * @param y        targets, b x k. Not modified.
     * @param w        instance weights (at least b entries; only the first b are read) or null for 1. Not modified.
     * @param scale    the factor s on the gradient
     * @param backward false to compute the loss only (no backward pass, gradients untouched)
     * @return the weighted mean NLL of the batch
     * @throws IllegalArgumentException when the network's outputs do not match the target columns
     */
    public double mean(DMatrixRMaj x, DMatrixRMaj y, double[] w, double scale, boolean backward) {
        return mean(x, y, w, null, scale, backward, false);
    }

    /**
     * Sets the parameters' gradients to {@code scale} times the gradient of the batch's weighted mean NLL: the same
     * numbers as zeroing them and then {@link #mean mean(x, y, w, scale, true)} (see {@link Sequential#setGradients}).
     *
     * @param x     inputs, b x d. Not modified.
     * @param y     targets, b x k. Not modified.
     * @param w     instance weights (at least b entries; only the first b are read) or null for 1. Not modified.
     * @param scale the factor s on the gradient
     * @return the weighted mean NLL of the batch
     * @throws IllegalArgumentException when the network's outputs do not match the target columns
     */
    public double meanSetting(DMatrixRMaj x, DMatrixRMaj y, double[] w, double scale) {
        return mean(x, y, w, null, scale, true, true);
    }

    /**
     * {@link #meanSetting(DMatrixRMaj, DMatrixRMaj, double[], double)} with an offset on eta.
     *
     * @param offset the batch's offsets (at least b entries; only the first b are read) or null for none. Not modified.
     */
    public double meanSetting(DMatrixRMaj x, DMatrixRMaj y, double[] w, double[] offset, double scale) {
        return mean(x, y, w, offset, scale, true, true);
    }

    /**
     * {@link #mean(DMatrixRMaj, DMatrixRMaj, double[], double, boolean)} with an offset on eta.
     *
     * @param offset the batch's offsets (at least b entries; only the first b are read) or null for none. Not modified.
     */
    public double mean(DMatrixRMaj x, DMatrixRMaj y, double[] w, double[] offset, double scale, boolean backward) {
        return mean(x, y, w, offset, scale, backward, false);
    }

    private double mean(DMatrixRMaj x, DMatrixRMaj y, double[] w, double[] offset, double scale, boolean backward,
                        boolean set) {
        eta = net.forward(x, precision);
        if (offset != null) {
            eta = shifted = neuralglm.family.Offsets.add(eta, offset, 0, shifted);
        }
        if (eta.numCols != y.numCols) {
            throw new IllegalArgumentException("The network has " + eta.numCols + " outputs but the "
                    + family.name() + " targets have " + y.numCols + " columns");
        }
        grad = Kernels.reshape(grad, eta.numRows, eta.numCols);
        final double loss = family.gradient(eta, y, w, grad);
        if (backward) {
            if (scale != 1.0) {
                final double[] g = grad.data;
                for (int i = 0, len = grad.getNumElements(); i < len; i++) {
                    g[i] *= scale;
                }
            }
            if (set) {
                net.setGradients(grad);
            } else {
                net.backward(grad, false);
            }
        }
        return loss;
    }

    /**
     * Adds the block's weighted gradient sum into the parameters' gradients.
     *
     * @param x inputs, b x d. Not modified.
     * @param y targets, b x k. Not modified.
     * @param w instance weights (at least b entries; only the first b are read) or null for 1. Not modified.
     * @param backward false to compute the loss only (no backward pass, gradients untouched)
     * @return {@code {L_B, W_B}}; a block whose weights sum to 0 gives {@code {0, 0}} and adds nothing
     */
    public double[] accumulate(DMatrixRMaj x, DMatrixRMaj y, double[] w, boolean backward) {
        return accumulate(x, y, w, null, backward);
    }

    /**
     * {@link #accumulate(DMatrixRMaj, DMatrixRMaj, double[], boolean)} with an offset on eta.
     *
     * @param offset the block's offsets (at least b entries; only the first b are read) or null for none. Not modified.
     */
    public double[] accumulate(DMatrixRMaj x, DMatrixRMaj y, double[] w, double[] offset, boolean backward) {
        final int b = x.numRows;
        final double total = Family.totalWeight(w, b);
        if (b == 0 || total == 0) {
            return new double[] {0.0, 0.0};
        }
        return new double[] {mean(x, y, w, offset, total, backward, false) * total, total};
    }

    /** @return the network output of the last batch, b x k (for divergence messages); null before the first */
    public DMatrixRMaj eta() {
        return eta;
    }
}

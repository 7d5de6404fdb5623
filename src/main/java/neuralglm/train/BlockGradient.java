package neuralglm.train;

import neuralglm.family.Family;
import neuralglm.linalg.Kernels;
import neuralglm.nn.Sequential;
import org.ejml.data.DMatrixRMaj;

/**
 * The <em>unnormalised</em> weighted loss and gradient of one block of rows, for callers that split
 * the data (a partition of a cluster, a thread's share) and add the blocks up themselves:
 * <pre>
 *   L_B = sum_{i in B} w_i l(eta_i; y_i),     dL_B/dtheta = sum_{i in B} w_i dl_i/dtheta,     W_B = sum_{i in B} w_i
 * </pre>
 * so that over any split of the rows {@code sum_B L_B / sum_B W_B} is the mean NLL and
 * {@code sum_B dL_B / sum_B W_B} its gradient, the quantities {@link Trainer} steps on. The work is
 * the engine's own: {@link Sequential#forward}, {@link Family#gradient} and {@link Sequential#backward};
 * the family's per-block normalisation {@code 1 / W_B} is undone by scaling its output gradient by
 * {@code W_B}. Gradients are <b>accumulated</b> ({@code +=}) into the network's parameters, so
 * several blocks can be added before the caller reads them. Not thread-safe: one instance (and one
 * network) per thread.
 */
public final class BlockGradient {
    private final Sequential net;
    private final Family family;
    private DMatrixRMaj grad;

    /**
     * @param net    the network; its parameters receive the gradients
     * @param family the output distribution
     */
    public BlockGradient(Sequential net, Family family) {
        this.net = net;
        this.family = family;
    }

    /**
     * Adds the block's weighted gradient into the parameters' gradients.
     *
     * @param x inputs, b x d. Not modified.
     * @param y targets, b x k. Not modified.
     * @param w instance weights (at least b entries; only the first b are read) or null for 1. Not modified.
     * @param backward false to compute the loss only (no backward pass, gradients untouched)
     * @return {@code {L_B, W_B}}; a block whose weights sum to 0 gives {@code {0, 0}} and adds nothing
     */
    public double[] accumulate(DMatrixRMaj x, DMatrixRMaj y, double[] w, boolean backward) {
        final int b = x.numRows;
        final double total = Family.totalWeight(w, b);
        if (b == 0 || total == 0) {
            return new double[] {0.0, 0.0};
        }
        final DMatrixRMaj eta = net.forward(x);
        if (eta.numCols != y.numCols) {
            throw new IllegalArgumentException("The network has " + eta.numCols + " outputs but the "
                    + family.name() + " targets have " + y.numCols + " columns");
        }
        grad = Kernels.reshape(grad, eta.numRows, eta.numCols);
        final double meanLoss = family.gradient(eta, y, w, grad);
        if (backward) {
            final int len = grad.getNumElements();
            for (int i = 0; i < len; i++) {
                grad.data[i] *= total;
            }
            net.backward(grad, false);
        }
        return new double[] {meanLoss * total, total};
    }
}

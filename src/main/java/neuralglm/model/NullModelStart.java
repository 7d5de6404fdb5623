package neuralglm.model;

import java.util.List;

import neuralglm.family.Family;
import neuralglm.nn.Layer;
import neuralglm.nn.Linear;
import neuralglm.nn.Sequential;
import org.ejml.data.DMatrixRMaj;

/**
 * Starts a network at the intercept-only model, as IRLS starts at {@code mu = ybar}: the output
 * layer's weights are set to 0 and its bias to {@code g(ybar)} (the family's
 * {@link Family#nullEta(double[])}), so that the first eta lies in the link's domain even for the
 * canonical links of Gamma and Inverse Gaussian (eta &lt; 0). Where {@code g(ybar)} is infinite (ybar on
 * the boundary of the mean's range, e.g. all targets 0 for Bernoulli or Poisson) the bias starts at 0.
 * Hidden layers keep their random
 * initial weights; the output weights move away from 0 at the first step, since
 * {@code dL/dW_out = G^T h} is not 0.
 */
public final class NullModelStart {

    private NullModelStart() {
    }

    /**
     * @param net    a network whose last layer is {@link Linear}. Modified.
     * @param family the output family
     * @param y      targets, n x k. Not modified.
     * @param w      instance weights or null. Not modified.
     */
    public static void apply(Sequential net, Family family, DMatrixRMaj y, double[] w) {
        final List<Layer> layers = net.layers();
        if (layers.isEmpty() || !(layers.get(layers.size() - 1) instanceof Linear)) {
            throw new IllegalArgumentException("The network's last layer must be Linear, got " + net);
        }
        final Linear out = (Linear) layers.get(layers.size() - 1);
        final double[] eta = family.nullEta(Family.weightedColumnMeans(y, w));
        if (eta.length != out.outputs()) {
            throw new IllegalArgumentException("The " + family.name() + " null model has " + eta.length
                    + " outputs, the network " + out.outputs());
        }
        for (int j = 0; j < eta.length; j++) {
            if (!Double.isFinite(eta[j])) {
                eta[j] = 0.0;   // ybar on the boundary (all 0 for Bernoulli or Poisson): g(ybar) is infinite
            }
        }
        java.util.Arrays.fill(out.weight().value().data, 0, out.weight().size(), 0.0);
        out.bias().set(eta);
    }
}

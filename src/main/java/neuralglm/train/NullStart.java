package neuralglm.train;

import java.util.Arrays;
import java.util.List;

import neuralglm.family.Family;
import neuralglm.nn.Layer;
import neuralglm.nn.Linear;
import neuralglm.nn.Sequential;
import org.ejml.data.DMatrixRMaj;

/**
 * Starts a network at the intercept-only (null) model: the output {@link Linear} layer gets zero
 * weights and the bias {@code b = family.nullEta(ybar)}, with {@code ybar} the weighted column means
 * of the targets, so that every row starts at
 * <pre>
 *   eta_i = g(ybar)          (softmax: eta_ij = log ybar_j)
 * </pre>
 * the maximum-likelihood fit of an intercept. For a canonical link with a restricted domain
 * (Gamma's {@code eta = -1/mu}, inverse Gaussian's {@code eta = -1/(2 mu^2)}) this point is inside
 * the domain ({@code eta < 0}), which a random initialisation does not guarantee; line-search
 * optimisers then keep eta inside by step halving. Where {@code g(ybar)} is infinite (ybar on the
 * boundary of the mean's range, e.g. all targets 0 for Bernoulli or Poisson) the bias starts at 0.
 * Hidden layers keep their random weights; the output weights leave 0 at the first step, since
 * {@code dL/dW_out = G^T h} is not 0.
 */
public final class NullStart {

    private NullStart() {
    }

    /**
     * @param net    the network; its last layer must be a {@link Linear} with the family's outputs
     * @param family the output distribution
     * @param y      targets, n x k. Not modified.
     * @param w      instance weights or null. Not modified.
     * @throws IllegalArgumentException when the last layer is not Linear or its width does not match
     */
    public static void apply(Sequential net, Family family, DMatrixRMaj y, double[] w) {
        apply(net, family, y, w, null);
    }

    /**
     * {@link #apply(Sequential, Family, DMatrixRMaj, double[])} for a fit with an offset o on eta: the bias is then the
     * intercept-only model's with the offset ({@link neuralglm.family.Offsets#nullIntercept}), so that every row starts
     * at {@code eta_i = b + o_i}, the maximum-likelihood intercept-only fit.
     *
     * @param offset the rows' offsets, or null for none (then as without)
     */
    public static void apply(Sequential net, Family family, DMatrixRMaj y, double[] w, double[] offset) {
        atEta(net, family, offset == null ? family.nullEta(Family.weightedColumnMeans(y, w))
                : new double[] {neuralglm.family.Offsets.nullIntercept(family, y, w, offset)});
    }

    /**
     * The start at a null model's eta computed elsewhere (e.g. over a cluster's partitions): output weights 0, bias
     * {@code nullEta} (an infinite entry becomes 0 where the link allows it, as in {@link #apply}).
     *
     * @param net    the network; its last layer must be a {@link Linear} with {@code nullEta.length} outputs
     * @param family the output distribution
     * @param nullEta the null model's eta, one per output. Not modified.
     * @throws IllegalArgumentException when the last layer does not fit or eta is outside the link's domain
     */
    public static void atEta(Sequential net, Family family, double[] nullEta) {
        final List<Layer> layers = net.layers();
        final Layer last = layers.isEmpty() ? null : layers.get(layers.size() - 1);
        if (!(last instanceof Linear out)) {
            throw new IllegalArgumentException("The null-model start needs a Linear output layer, the network ends with " + last);
        }
        final double[] eta = nullEta.clone();
        if (eta.length != out.outputs()) {
            throw new IllegalArgumentException("The output layer has " + out.outputs() + " outputs but the "
                    + family.name() + " targets need " + eta.length);
        }
        for (int j = 0; j < eta.length; j++) {
            if (Double.isInfinite(eta[j]) && family.link().inDomain(0.0)) {
                eta[j] = 0.0;   // ybar on the boundary (all 0 for Bernoulli or Poisson): g(ybar) is infinite
            }
            final double e = eta[j];
            if (!family.link().inDomain(e) || !Double.isFinite(e)) {
                throw new IllegalArgumentException(String.format(
                        "The null model of the %s family has eta = %s, outside the %s link's domain (%s)",
                        family.name(), e, family.link(), family.link().etaDomain()));
            }
        }
        Arrays.fill(out.weight().value().data, 0, out.weight().size(), 0.0);
        out.bias().set(eta);
    }
}

package weka.classifiers.functions.neuralglm;

import neuralglm.model.Standardizer;
import neuralglm.nn.Layer;
import neuralglm.nn.Linear;
import neuralglm.nn.Sequential;
import neuralglm.train.ParameterAveraging;

/**
 * Parameter averaging of NeuralGLM models ({@code Aggregateable}) in the original attribute units:
 * models trained on different partitions standardise with different means m and scales s, so each
 * model's first layer is first folded into original units ({@link Standardizer#convertInPlace}),
 * <pre>
 *   W'_kj = W_kj / s_j,    b'_k = b_k - sum_j W_kj m_j / s_j        (then eta is the same function of x)
 * </pre>
 * the folded networks are averaged ({@link ParameterAveraging}), and the average is unfolded with the
 * receiving model's standardiser. The limits of {@link ParameterAveraging} apply: exact in meaning for a
 * GLM; for hidden layers only for models from the same initialisation (same seed and data header).
 */
public final class ModelAggregation {

    private ModelAggregation() {
    }

    /**
     * @param m a fitted model. Not modified.
     * @return a copy of its network with the first layer in original attribute units
     * @throws Exception when the network cannot be copied
     */
    public static Sequential inOriginalUnits(FittedModel m) throws Exception {
        final Sequential copy = m.net.copy();
        m.pipeline.standardizer().convertInPlace(first(copy), true);
        return copy;
    }

    /**
     * Sums {@code other} into {@code sum} (both in original units).
     *
     * @param sum   the running sum. Modified.
     * @param other a network in original units. Not modified.
     */
    public static void add(Sequential sum, Sequential other) {
        ParameterAveraging.add(sum, other);
    }

    /**
     * @param sum   the sum of {@code count} networks in original units. Modified: becomes the average,
     *              in the standardised units of {@code s}.
     * @param count the number of networks summed
     * @param s     the receiving model's standardiser
     */
    public static void finish(Sequential sum, int count, Standardizer s) {
        ParameterAveraging.scale(sum, 1.0 / count);
        s.convertInPlace(first(sum), false);
    }

    private static Linear first(Sequential net) {
        final Layer l = net.layers().get(0);
        if (!(l instanceof Linear)) {
            throw new IllegalStateException("The network does not start with a linear layer: " + l);
        }
        return (Linear) l;
    }

    /** toOriginal: W /= s, b -= W_std m / s; else the inverse: W *= s, b += W_orig m. */
}

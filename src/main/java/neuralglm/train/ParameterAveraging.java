package neuralglm.train;

import neuralglm.nn.Parameters;
import neuralglm.nn.Sequential;

/**
 * Parameter averaging of networks of one architecture (the route of Weka's {@code Aggregateable}):
 * {@code theta_bar = (1/m) sum_j theta_j}, built as a running sum ({@link #add}) and one division
 * ({@link #scale}).
 * <p>Limits. The average is a fit only where the loss is convex in the parameters and the models agree
 * on their meaning: without hidden layer (a GLM, where eta is affine in theta, so the averaged model's
 * eta is the average of the models' etas) it is sound, and for models trained on parts of one data set
 * it approximates the fit on the whole. With hidden layers, eta is not linear in theta and hidden units
 * are interchangeable: two networks trained from different initialisations can compute the same function
 * with permuted units, and their average is then meaningless. Average hidden-layer networks only when
 * they started from the same initialisation (same seed) and trained briefly apart (e.g. one pass
 * per partition, averaged after every pass).
 */
public final class ParameterAveraging {

    private ParameterAveraging() {
    }

    /**
     * {@code into += other}, parameter by parameter.
     *
     * @param into  the running sum. Modified.
     * @param other a network with the same parameter names and shapes. Not modified.
     * @throws IllegalArgumentException naming the first parameter that differs
     */
    public static void add(Sequential into, Sequential other) {
        try {
            Parameters.axpy(1.0, other.parameters(), into.parameters());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Cannot average networks: " + e.getMessage(), e);
        }
    }

    /**
     * {@code net *= factor}, parameter by parameter (the division of an average: factor = 1/m).
     *
     * @param net    the network. Modified.
     * @param factor the multiplier
     */
    public static void scale(Sequential net, double factor) {
        Parameters.scale(net.parameters(), factor);
    }

    /**
     * Zeroes the output rows (weights and bias of the last {@link neuralglm.nn.Linear}) of the given outputs: classes a
     * model had no training weight for, whose rows hold no fit (the bias at the null start's {@code log 1e-300}), so
     * that a sum averages such a row only over the models that fitted it ({@link #averageOutputs}).
     *
     * @param net     the network (a copy, to be summed). Modified.
     * @param outputs the outputs to zero
     */
    public static void zeroOutputs(Sequential net, int[] outputs) {
        final neuralglm.nn.Linear out = output(net);
        final double[] w = out.weight().value().data, b = out.bias().value().data;
        final int in = out.inputs();
        for (int c : outputs) {
            java.util.Arrays.fill(w, c * in, (c + 1) * in, 0.0);
            b[c] = 0.0;
        }
    }

    /**
     * After {@link #scale} by {@code 1/m}: the output row of class c, summed over the {@code present[c]} models that
     * had training weight for it (the others' rows zeroed by {@link #zeroOutputs}), becomes their mean,
     * {@code row_c *= m / present[c]}; a row no model fitted gets the null start's (weights 0, bias
     * {@code log 1e-300}).
     *
     * @param net     the scaled sum. Modified.
     * @param models  m, the number of networks summed
     * @param present per output, the number of models with training weight for it
     */
    public static void averageOutputs(Sequential net, int models, int[] present) {
        final neuralglm.nn.Linear out = output(net);
        final double[] w = out.weight().value().data, b = out.bias().value().data;
        final int in = out.inputs();
        for (int c = 0; c < present.length; c++) {
            if (present[c] == models) {
                continue;
            }
            final double f = present[c] == 0 ? 0.0 : (double) models / present[c];
            for (int j = c * in; j < (c + 1) * in; j++) {
                w[j] *= f;
            }
            b[c] = present[c] == 0 ? Math.log(1e-300) : b[c] * f;
        }
    }

    private static neuralglm.nn.Linear output(Sequential net) {
        final java.util.List<neuralglm.nn.Layer> layers = net.layers();
        if (layers.isEmpty() || !(layers.get(layers.size() - 1) instanceof neuralglm.nn.Linear out)) {
            throw new IllegalArgumentException("The network does not end with a Linear layer");
        }
        return out;
    }
}

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
}

package neuralglm.train;

import java.util.List;

import neuralglm.nn.Parameter;
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
public final class ModelAveraging {

    private ModelAveraging() {
    }

    /**
     * {@code into += other}, parameter by parameter.
     *
     * @param into  the running sum. Modified.
     * @param other a network with the same parameter names and shapes. Not modified.
     * @throws IllegalArgumentException naming the first parameter that differs
     */
    public static void add(Sequential into, Sequential other) {
        final List<Parameter> a = into.parameters(), b = other.parameters();
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("Cannot average networks with " + a.size() + " and " + b.size()
                    + " parameter tensors: the architectures differ");
        }
        for (int p = 0; p < a.size(); p++) {
            final Parameter pa = a.get(p), pb = b.get(p);
            if (!pa.name().equals(pb.name()) || pa.value().numRows != pb.value().numRows
                    || pa.value().numCols != pb.value().numCols) {
                throw new IllegalArgumentException("Cannot average networks: parameter " + (p + 1) + " is " + pa + " in one and "
                        + pb + " in the other; the architectures (or input columns) differ");
            }
        }
        for (int p = 0; p < a.size(); p++) {
            final double[] va = a.get(p).value().data, vb = b.get(p).value().data;
            for (int i = 0, len = a.get(p).size(); i < len; i++) {
                va[i] += vb[i];
            }
        }
    }

    /**
     * {@code net *= factor}, parameter by parameter (the division of an average: factor = 1/m).
     *
     * @param net    the network. Modified.
     * @param factor the multiplier
     */
    public static void scale(Sequential net, double factor) {
        for (Parameter p : net.parameters()) {
            final double[] v = p.value().data;
            for (int i = 0, len = p.size(); i < len; i++) {
                v[i] *= factor;
            }
        }
    }
}

package neuralglm.nn;

import java.util.List;
import java.util.Random;

/**
 * An ensemble of K networks of the same shape ({@code Linear - activation - ... - Linear}) written as one
 * wider network whose output is the members' average output:
 * <pre>
 *   eta(x) = (1/K) sum_k f_k(x)
 *   first layer:   W = [W_1; ...; W_K] (members' units stacked), b = [b_1; ...; b_K]
 *   hidden layers: W = blockdiag(W_1, ..., W_K),                   b = [b_1; ...; b_K]
 *   output layer:  W = [W_1, ..., W_K] / K,                        b = (b_1 + ... + b_K) / K
 * </pre>
 * Exact (up to the rounding of the sum), since each member's units see only that member's units; for a
 * GLM (one Linear) it is the average of the coefficients. The merged network is an ordinary
 * {@link Sequential}: it predicts, saves and reports as one network of K times the hidden width. {@link #withLinear}
 * averages a network with a GLM the same way (a network with a linear skip connection).
 */
public final class EtaAverage {

    private EtaAverage() {
    }

    /**
     * @param members K &gt;= 1 networks with the same layers (Linear and Activation, same sizes and activations). Not
     *                modified.
     * @return a new network computing the members' average output
     * @throws IllegalArgumentException when the members differ in shape or hold other layers
     */
    public static Sequential of(List<Sequential> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("An average of no networks");
        }
        final Sequential first = members.get(0);
        final int k = members.size(), depth = first.layers().size();
        for (Sequential m : members) {
            if (m.layers().size() != depth) {
                throw new IllegalArgumentException("Members with " + depth + " and " + m.layers().size() + " layers");
            }
        }
        int lastLinear = -1;
        for (int l = 0; l < depth; l++) {
            if (first.layers().get(l) instanceof Linear) {
                lastLinear = l;
            }
        }
        final Sequential out = new Sequential();
        boolean firstLinear = true;
        for (int l = 0; l < depth; l++) {
            final Layer layer = first.layers().get(l);
            final String name = first.names().get(l);
            if (layer instanceof Activation act) {
                for (Sequential m : members) {
                    if (!m.layers().get(l).getClass().equals(act.getClass())) {
                        throw new IllegalArgumentException("Layer " + name + ": members with different activations");
                    }
                }
                out.add(name, act.copy());
            } else if (layer instanceof Linear) {
                final Linear[] ls = new Linear[k];
                for (int i = 0; i < k; i++) {
                    if (!(members.get(i).layers().get(l) instanceof Linear li)
                            || li.inputs() != ((Linear) layer).inputs() || li.outputs() != ((Linear) layer).outputs()) {
                        throw new IllegalArgumentException("Layer " + name + ": members of different shapes");
                    }
                    ls[i] = li;
                }
                out.add(name, merge(name, ls, firstLinear, l == lastLinear));
                firstLinear = false;
            } else {
                throw new IllegalArgumentException("Layer " + name + " is neither Linear nor an activation: " + layer);
            }
        }
        return out;
    }

    /**
     * Whether {@link #withLinear} can carry a linear term through units of this activation: f(z) - f(-z) = z for all z.
     * ReLU (max(z, 0) - max(-z, 0)); Squareplus and Softplus, whose engine forms are {@code max(z, 0) + t(|z|)} with the
     * same remainder t for z and -z. Not Tanh, Sigmoid, ELU, LeakyReLU or Identity.
     *
     * @param a an activation
     * @return whether a pair of its units gives back z
     */
    public static boolean carriesLinear(Activation a) {
        return a instanceof Activation.ReLU || a instanceof Activation.Squareplus || a instanceof Activation.Softplus;
    }

    /** @return the names of {@link Activation#NAMES} whose units {@link #carriesLinear(Activation) carry a linear term} */
    public static List<String> linearCarriers() {
        return Activation.NAMES.stream().filter(n -> carriesLinear(Activation.byName(n))).toList();
    }

    /**
     * @param net a network {@code Linear - activation - ... - Linear} with at least one hidden layer
     * @return whether {@link #withLinear} takes it: Linear layers and activations strictly alternating, first and last
     *         a Linear, at least one activation, every activation {@link #carriesLinear} (two Linear layers in a row
     *         would add the pair's two halves, 2z, instead of passing z on)
     */
    public static boolean carriesLinear(Sequential net) {
        final List<Layer> layers = net.layers();
        if (layers.size() < 3 || layers.size() % 2 == 0) {
            return false;
        }
        for (int l = 0; l < layers.size(); l++) {
            final Layer layer = layers.get(l);
            if (l % 2 == 0 ? !(layer instanceof Linear) : !(layer instanceof Activation a && carriesLinear(a))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The average on the eta scale of a network and a GLM, {@code eta(x) = (f(x) + x B^T + c) / 2}, written as one
     * network whose hidden layers carry the GLM's linear term in k pairs of extra units (k outputs): a network with a
     * linear skip connection. With f(z) - f(-z) = z ({@link #carriesLinear}):
     * <pre>
     *   first layer:   W = [W_1; B; -B],                                b = [b_1; c; -c]
     *   hidden layers: W = [[W_l, 0, 0], [0, I, -I], [0, -I, I]],       b = [b_l; 0; 0]
     *   output layer:  W = [W_L, I, -I] / 2,                            b = b_L / 2
     * </pre>
     * The pair (f(z), f(-z)) of z = x B^T + c enters each next layer as f(z) - f(-z) = z. For ReLU that is exact (one of
     * the two is 0). Squareplus and Softplus compute f(z) = max(z, 0) + t(|z|), the remainder t the same bits for z
     * and -z, so the difference is fl(|z| + t) - t: z up to the rounding of that one sum, within half a unit in the
     * last place of |z| + t (t &lt;= sqrt(b)/2 = 1 for Squareplus, log 2 for Softplus), once per hidden layer; the
     * other weights are 0 and add nothing.
     *
     * @param net    a network {@code Linear - activation - ... - Linear}, activations that {@link #carriesLinear}. Not
     *               modified.
     * @param linear a GLM, one Linear layer with the network's inputs and outputs. Not modified.
     * @return a new network computing their average output, in the network's precision
     * @throws IllegalArgumentException when the shapes differ or an activation cannot carry a linear term
     */
    public static Sequential withLinear(Sequential net, Sequential linear) {
        if (linear.layers().size() != 1 || !(linear.layers().get(0) instanceof Linear glm)) {
            throw new IllegalArgumentException("The linear member must be one Linear layer (a GLM), got " + linear.layers());
        }
        if (!carriesLinear(net)) {
            throw new IllegalArgumentException("A linear term is carried only by a network of Linear layers and ReLU, "
                    + "Squareplus or Softplus units, got " + net.layers());
        }
        final List<Layer> layers = net.layers();
        final Linear first = (Linear) layers.get(0), last = (Linear) layers.get(layers.size() - 1);
        final int k = glm.outputs();
        if (glm.inputs() != first.inputs() || k != last.outputs()) {
            throw new IllegalArgumentException("A GLM of " + glm.inputs() + " inputs and " + k + " outputs with a network of "
                    + first.inputs() + " and " + last.outputs());
        }
        final double[] gw = glm.weight().value().data, gb = glm.bias().value().data;
        final Sequential out = new Sequential();
        for (int l = 0; l < layers.size(); l++) {
            final String name = net.names().get(l);
            if (layers.get(l) instanceof Activation a) {
                out.add(name, a.copy());
                continue;
            }
            final Linear li = (Linear) layers.get(l);
            final boolean isFirst = l == 0, isLast = l == layers.size() - 1;
            final int in = li.inputs(), outs = li.outputs();
            final int mIn = isFirst ? in : in + 2 * k, mOut = isLast ? outs : outs + 2 * k;
            final Linear m = zeros(name, mIn, mOut);
            final double[] w = m.weight().value().data, b = m.bias().value().data;
            final double[] wi = li.weight().value().data, bi = li.bias().value().data;
            final double f = isLast ? 0.5 : 1.0;
            for (int r = 0; r < outs; r++) {
                for (int c = 0; c < in; c++) {
                    w[r * mIn + c] = f * wi[r * in + c];
                }
                b[r] = f * bi[r];
            }
            for (int j = 0; j < k; j++) {
                if (isFirst) {   // not also the last: carriesLinear demands a hidden layer
                    // the pair's units: z = x B^T + c and -z
                    for (int c = 0; c < in; c++) {
                        w[(outs + j) * mIn + c] = gw[j * in + c];
                        w[(outs + k + j) * mIn + c] = -gw[j * in + c];
                    }
                    b[outs + j] = gb[j];
                    b[outs + k + j] = -gb[j];
                } else if (isLast) {
                    // output j gets (f(z_j) - f(-z_j)) / 2 = z_j / 2
                    w[j * mIn + in + j] = 0.5;
                    w[j * mIn + in + k + j] = -0.5;
                } else {
                    // the pair carried on: z = f(z) - f(-z), -z = f(-z) - f(z)
                    w[(outs + j) * mIn + in + j] = 1;
                    w[(outs + j) * mIn + in + k + j] = -1;
                    w[(outs + k + j) * mIn + in + j] = -1;
                    w[(outs + k + j) * mIn + in + k + j] = 1;
                }
            }
            out.add(name, m);
        }
        out.setPrecision(net.precision());
        return out;
    }

    /** @return a Linear layer in x out with every weight and bias 0 */
    private static Linear zeros(String name, int in, int out) {
        final Linear m = new Linear(name, in, out, new Random(0));
        java.util.Arrays.fill(m.weight().value().data, 0);
        java.util.Arrays.fill(m.bias().value().data, 0);
        return m;
    }

    private static Linear merge(String name, Linear[] ls, boolean sharedInputs, boolean averaged) {
        final int k = ls.length, in = ls[0].inputs(), outs = ls[0].outputs();
        if (sharedInputs && averaged) {
            // a GLM: average the coefficients
            final Linear m = zeros(name, in, outs);
            final double[] w = m.weight().value().data, b = m.bias().value().data;
            for (Linear li : ls) {
                add(w, li.weight().value().data, 1.0 / k);
                add(b, li.bias().value().data, 1.0 / k);
            }
            return m;
        }
        final int mIn = sharedInputs ? in : k * in, mOut = averaged ? outs : k * outs;
        final Linear m = zeros(name, mIn, mOut);
        final double[] w = m.weight().value().data, b = m.bias().value().data;
        for (int i = 0; i < k; i++) {
            final double[] wi = ls[i].weight().value().data, bi = ls[i].bias().value().data;
            final int rowOff = averaged ? 0 : i * outs, colOff = sharedInputs ? 0 : i * in;
            final double f = averaged ? 1.0 / k : 1.0;
            for (int r = 0; r < outs; r++) {
                for (int c = 0; c < in; c++) {
                    w[(rowOff + r) * mIn + colOff + c] += f * wi[r * in + c];
                }
                b[rowOff + r] += f * bi[r];
            }
        }
        return m;
    }

    private static void add(double[] to, double[] from, double f) {
        for (int i = 0; i < to.length; i++) {
            to[i] += f * from[i];
        }
    }
}

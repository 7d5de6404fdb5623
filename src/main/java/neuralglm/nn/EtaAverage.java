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
 * {@link Sequential}: it predicts, saves and reports as one network of K times the hidden width.
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

    private static Linear merge(String name, Linear[] ls, boolean sharedInputs, boolean averaged) {
        final int k = ls.length, in = ls[0].inputs(), outs = ls[0].outputs();
        if (sharedInputs && averaged) {
            // a GLM: average the coefficients
            final Linear m = new Linear(name, in, outs, new Random(0));
            final double[] w = m.weight().value().data, b = m.bias().value().data;
            java.util.Arrays.fill(w, 0);
            java.util.Arrays.fill(b, 0);
            for (Linear li : ls) {
                add(w, li.weight().value().data, 1.0 / k);
                add(b, li.bias().value().data, 1.0 / k);
            }
            return m;
        }
        final int mIn = sharedInputs ? in : k * in, mOut = averaged ? outs : k * outs;
        final Linear m = new Linear(name, mIn, mOut, new Random(0));
        final double[] w = m.weight().value().data, b = m.bias().value().data;
        java.util.Arrays.fill(w, 0);
        java.util.Arrays.fill(b, 0);
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

package neuralglm.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Element-wise ReLU and its backward mask with the Vector API (used by {@link Kernels} when the module
 * is present): the same comparisons and products as the scalar loops, lane by lane, without the
 * unpredictable branch per element.
 */
final class VectorElementwise {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;
    private static final int L = S.length();

    private VectorElementwise() {
    }

    /** {@code y[i] = x[i] > 0 ? x[i] : 0}. */
    static void relu(double[] x, double[] y, int len) {
        final DoubleVector zero = DoubleVector.zero(S);
        int i = 0;
        for (; i + L <= len; i += L) {
            final DoubleVector v = DoubleVector.fromArray(S, x, i);
            final VectorMask<Double> pos = v.compare(VectorOperators.GT, 0.0);
            zero.blend(v, pos).intoArray(y, i);
        }
        for (; i < len; i++) {
            final double v = x[i];
            y[i] = v > 0 ? v : 0.0;
        }
    }

    /** {@code dx[i] = x[i] > 0 ? g[i] : g[i] * 0}. */
    static void reluGrad(double[] g, double[] x, double[] dx, int len) {
        int i = 0;
        for (; i + L <= len; i += L) {
            final DoubleVector gv = DoubleVector.fromArray(S, g, i);
            final VectorMask<Double> pos = DoubleVector.fromArray(S, x, i).compare(VectorOperators.GT, 0.0);
            gv.mul(0.0).blend(gv, pos).intoArray(dx, i);
        }
        for (; i < len; i++) {
            dx[i] = x[i] > 0 ? g[i] : g[i] * 0.0;
        }
    }
}

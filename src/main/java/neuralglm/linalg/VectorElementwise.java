package neuralglm.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Element-wise ReLU and its backward step with the Vector API (used by {@link Kernels} when the module
 * is present): the same operations as the plain loops of {@link Kernels}, lane by lane, so the same bits. 512-bit
 * vectors, as every Vector API kernel here (one species per JVM: see {@link VectorGemm}).
 */
final class VectorElementwise {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_512;
    private static final int L = S.length();

    private VectorElementwise() {
    }

    /** {@code y[i] = max(x[i], 0)}. */
    static void relu(double[] x, double[] y, int len) {
        int i = 0;
        for (; i + L <= len; i += L) {
            DoubleVector.fromArray(S, x, i).max(0.0).intoArray(y, i);
        }
        for (; i < len; i++) {
            y[i] = Math.max(x[i], 0.0);
        }
    }

    /** {@code dx[i] = g[i] * min(max(x[i], 0) 2^1023 2^1023, 1)}. */
    static void reluGrad(double[] g, double[] x, double[] dx, int len) {
        final double t = Kernels.TWO_1023;
        int i = 0;
        for (; i + L <= len; i += L) {
            final DoubleVector step = DoubleVector.fromArray(S, x, i).max(0.0).mul(t).mul(t).min(1.0);
            DoubleVector.fromArray(S, g, i).mul(step).intoArray(dx, i);
        }
        for (; i < len; i++) {
            dx[i] = g[i] * Math.min(Math.max(x[i], 0.0) * t * t, 1.0);
        }
    }
}

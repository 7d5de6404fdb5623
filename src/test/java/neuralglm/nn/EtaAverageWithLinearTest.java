package neuralglm.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Random;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * {@link EtaAverage#withLinear}: the combined network's eta against (network eta + GLM eta) / 2, each computed here
 * by its own network; the GLM's coefficients scaled up so that its eta reaches some 100.
 */
class EtaAverageWithLinearTest {

    private static DMatrixRMaj inputs(int n, int d, long seed) {
        return EtaAverageTest.inputs(n, d, seed);
    }

    private static Sequential glm(int inputs, int outputs, long seed) {
        final Sequential g = Sequential.mlp(inputs, new int[0], () -> null, outputs, new Random(seed));
        final Linear l = (Linear) g.layers().get(0);
        for (double[] a : new double[][] {l.weight().value().data, l.bias().value().data}) {
            for (int i = 0; i < a.length; i++) {
                a[i] *= 20;
            }
        }
        return g;
    }

    /** The largest |combined - (net + glm) / 2| over the rows and outputs, relative to 1 + |net| + |glm|. */
    private static double check(int[] hidden, String activation, int outputs, double tolerance) {
        final Sequential net = Sequential.mlp(4, hidden, () -> Activation.byName(activation), outputs, new Random(3));
        final Sequential linear = glm(4, outputs, 7);
        final Sequential combined = EtaAverage.withLinear(net, linear);
        final DMatrixRMaj x = inputs(40, 4, 11);
        final DMatrixRMaj a = net.predict(x), g = linear.predict(x), eta = combined.predict(x);
        assertEquals(outputs, eta.numCols);
        double worst = 0;
        for (int i = 0; i < x.numRows; i++) {
            for (int j = 0; j < outputs; j++) {
                final double want = (a.get(i, j) + g.get(i, j)) / 2, scale = 1 + Math.abs(a.get(i, j)) + Math.abs(g.get(i, j));
                assertEquals(want, eta.get(i, j), tolerance * scale, activation + " row " + i + ", output " + j);
                worst = Math.max(worst, Math.abs(want - eta.get(i, j)) / scale);
            }
        }
        // not a copy of the network alone: the linear term is there
        double gap = 0;
        for (int i = 0; i < eta.getNumElements(); i++) {
            gap = Math.max(gap, Math.abs(eta.data[i] - a.data[i]));
        }
        assertTrue(gap > 1, "the GLM's term is in the combined network's eta");
        return worst;
    }

    @Test
    void reluPairsGiveBackTheLinearTerm() {
        check(new int[] {5}, "ReLU", 1, 1e-15);
        check(new int[] {5}, "ReLU", 3, 1e-15);
        check(new int[] {6, 4}, "ReLU", 1, 1e-15);
        check(new int[] {6, 4}, "ReLU", 3, 1e-15);
    }

    @Test
    void squareplusPairsGiveBackTheLinearTermToAFewUlps() {
        // f(z) - f(-z) = fl(|z| + t) - t: one rounding of |z| + t per hidden layer, t <= 1
        for (int[] hidden : new int[][] {{5}, {6, 4}}) {
            for (int outputs : new int[] {1, 3}) {
                check(hidden, "Squareplus", outputs, 4 * Math.ulp(1.0));
            }
        }
        check(new int[] {5}, "Softplus", 3, 4 * Math.ulp(1.0));
    }

    @Test
    void theCombinedNetworkIsOneNetworkWithTheWiderHiddenLayers() throws Exception {
        final Sequential net = Sequential.mlp(4, new int[] {6, 4}, () -> Activation.byName("Squareplus"), 3, new Random(3));
        final Sequential combined = EtaAverage.withLinear(net, glm(4, 3, 7));
        assertEquals(5, combined.layers().size());
        assertEquals(6 + 6, ((Linear) combined.layers().get(0)).outputs());
        assertEquals(4 + 6, ((Linear) combined.layers().get(2)).outputs());
        assertEquals(3, ((Linear) combined.layers().get(4)).outputs());
        // a Java serialisation round trip and a copy predict the same bits
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(combined);
        }
        final Sequential back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (Sequential) in.readObject();
        }
        final DMatrixRMaj x = inputs(30, 4, 2);
        final DMatrixRMaj eta = combined.predict(x);
        assertTrue(java.util.Arrays.equals(eta.data, back.predict(x).data));
        assertTrue(java.util.Arrays.equals(eta.data, combined.copy().predict(x).data));
    }

    @Test
    void unitsThatCannotCarryALinearTermAreRefused() {
        final Sequential tanh = Sequential.mlp(4, new int[] {5}, () -> Activation.byName("Tanh"), 1, new Random(3));
        assertFalse(EtaAverage.carriesLinear(tanh));
        assertThrows(IllegalArgumentException.class, () -> EtaAverage.withLinear(tanh, glm(4, 1, 7)));
        final Sequential relu = Sequential.mlp(4, new int[] {5}, () -> Activation.byName("ReLU"), 2, new Random(3));
        assertTrue(EtaAverage.carriesLinear(relu));
        assertThrows(IllegalArgumentException.class, () -> EtaAverage.withLinear(relu, glm(4, 1, 7)));
        assertThrows(IllegalArgumentException.class, () -> EtaAverage.withLinear(relu, glm(3, 2, 7)));
        assertFalse(EtaAverage.carriesLinear(glm(4, 1, 7)));
        // two Linear layers in a row would turn the pair (f(z), f(-z)) into 2z: refused, as are chains that do not start
        // and end with a Linear
        final Random rng = new Random(5);
        final Sequential twoLinear = new Sequential().add("a", new Linear("a", 4, 5, rng)).add("b", new Linear("b", 5, 5, rng))
                .add("r", Activation.byName("ReLU")).add("c", new Linear("c", 5, 1, rng));
        assertFalse(EtaAverage.carriesLinear(twoLinear));
        assertThrows(IllegalArgumentException.class, () -> EtaAverage.withLinear(twoLinear, glm(4, 1, 7)));
        final Sequential endsInActivation = new Sequential().add("a", new Linear("a", 4, 5, rng))
                .add("r", Activation.byName("ReLU")).add("c", new Linear("c", 5, 1, rng)).add("s", Activation.byName("ReLU"));
        assertFalse(EtaAverage.carriesLinear(endsInActivation));
        assertThrows(IllegalArgumentException.class, () -> EtaAverage.withLinear(endsInActivation, glm(4, 1, 7)));
    }
}

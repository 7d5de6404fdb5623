package neuralglm.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** The merged network of {@link EtaAverage} against the members' outputs averaged here. */
class EtaAverageTest {

    /** @return n x d inputs 2 N(0, 1) from {@code new Random(seed)} */
    static DMatrixRMaj inputs(int n, int d, long seed) {
        final Random rng = new Random(seed);
        final DMatrixRMaj x = new DMatrixRMaj(n, d);
        for (int i = 0; i < n * d; i++) {
            x.data[i] = 2 * rng.nextGaussian();
        }
        return x;
    }

    private static void check(int[] hidden, String activation, int outputs) {
        final List<Sequential> members = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            members.add(Sequential.mlp(3, hidden, () -> Activation.byName(activation), outputs, new Random(10 + k)));
        }
        final DMatrixRMaj x = inputs(25, 3, 5);
        final Sequential merged = EtaAverage.of(members);
        final DMatrixRMaj eta = merged.predict(x);
        assertEquals(outputs, eta.numCols);
        for (int i = 0; i < x.numRows; i++) {
            for (int j = 0; j < outputs; j++) {
                double mean = 0;
                for (Sequential m : members) {
                    mean += m.predict(x).get(i, j) / members.size();
                }
                assertEquals(mean, eta.get(i, j), 1e-12 * (1 + Math.abs(mean)), "row " + i + ", output " + j);
            }
        }
    }

    @Test
    void oneHiddenLayerAveragesTheMembersOutputs() {
        check(new int[] {5}, "Tanh", 1);
    }

    @Test
    void deeperNetworksWithSeveralOutputsAverageToo() {
        check(new int[] {4, 3}, "ReLU", 3);
    }

    @Test
    void glmsAverageTheirCoefficients() {
        check(new int[0], "ReLU", 2);
    }

    @Test
    void membersOfDifferentShapesAreRefused() {
        final List<Sequential> members = List.of(
                Sequential.mlp(3, new int[] {5}, () -> Activation.byName("Tanh"), 1, new Random(1)),
                Sequential.mlp(3, new int[] {6}, () -> Activation.byName("Tanh"), 1, new Random(2)));
        assertThrows(IllegalArgumentException.class, () -> EtaAverage.of(members));
        final List<Sequential> acts = List.of(
                Sequential.mlp(3, new int[] {5}, () -> Activation.byName("Tanh"), 1, new Random(1)),
                Sequential.mlp(3, new int[] {5}, () -> Activation.byName("ReLU"), 1, new Random(2)));
        assertThrows(IllegalArgumentException.class, () -> EtaAverage.of(acts));
    }
}

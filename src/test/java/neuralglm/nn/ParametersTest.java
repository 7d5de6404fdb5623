package neuralglm.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** The flat-vector view of parameters, and the training backward pass that skips the input gradient. */
class ParametersTest {

    private static Sequential net(long seed, int... hidden) {
        return Sequential.mlp(3, hidden, Activation.Tanh::new, 2, new Random(seed));
    }

    @Test
    void flattenRestoreAndAxpyWorkParameterByParameterInLayerOrder() {
        final Sequential a = net(1, 4), b = net(2, 4);
        final List<Parameter> pa = a.parameters(), pb = b.parameters();
        final double[] fa = Parameters.flatten(pa), fb = Parameters.flatten(pb);
        assertEquals(3 * 4 + 4 + 4 * 2 + 2, fa.length);
        assertEquals(a.numParameters(), Parameters.size(pa));
        // layer order, row-major: fc1.weight (4 x 3) comes first, fc2.bias (1 x 2) last
        assertEquals(a.parameter("fc1.weight").value().get(1, 2), fa[5]);
        assertEquals(a.parameter("fc2.bias").value().get(0, 1), fa[fa.length - 1]);
        Parameters.axpy(-0.5, pb, pa);
        final double[] after = Parameters.flatten(pa);
        for (int i = 0; i < fa.length; i++) {
            assertEquals(fa[i] - 0.5 * fb[i], after[i], 0.0);
        }
        Parameters.restore(pa, fa);
        assertArrayEquals(fa, Parameters.flatten(pa), 0.0);
        Parameters.scale(pa, 3.0);
        assertEquals(3.0 * fa[7], Parameters.flatten(pa)[7], 0.0);
        Parameters.restoreGradients(pa, fb, 2.0);
        final double[] g = new double[fb.length];
        Parameters.flattenGradients(pa, g);
        assertEquals(2.0 * fb[9], g[9], 0.0);
        Parameters.addGradients(pa, pb);
        assertEquals(2.0 * fb[9], pb.get(0).grad().data[9], 0.0);
        final Exception e = assertThrows(IllegalArgumentException.class, () -> Parameters.axpy(1, net(3, 5).parameters(), pa));
        assertTrue(e.getMessage().contains("fc1.weight (5 x 3)") && e.getMessage().contains("differ"), e.getMessage());
    }

    @Test
    void trainingBackwardGivesTheFullBackwardsParameterGradientsWithoutTheInputGradient() {
        for (int[] hidden : new int[][] {{}, {5}, {4, 3}}) {
            final Sequential full = net(7, hidden), training = full.copy();
            final DMatrixRMaj x = new DMatrixRMaj(6, 3), dOut = new DMatrixRMaj(6, 2);
            final Random rng = new Random(8);
            for (int i = 0; i < x.data.length; i++) {
                x.data[i] = rng.nextGaussian();
            }
            for (int i = 0; i < dOut.data.length; i++) {
                dOut.data[i] = rng.nextGaussian();
            }
            full.forward(x);
            assertEquals(6, full.backward(dOut).numRows);
            training.forward(x);
            assertNull(training.backward(dOut, false));
            final double[] g = new double[full.numParameters()], h = new double[g.length];
            Parameters.flattenGradients(full.parameters(), g);
            Parameters.flattenGradients(training.parameters(), h);
            assertArrayEquals(g, h, 0.0, "hidden " + java.util.Arrays.toString(hidden));
            assertTrue(Math.abs(h[0]) > 0);
        }
    }
}

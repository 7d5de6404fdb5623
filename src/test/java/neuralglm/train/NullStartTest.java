package neuralglm.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import neuralglm.family.BernoulliFamily;
import neuralglm.family.CategoricalFamily;
import neuralglm.nn.Activation;
import neuralglm.nn.Linear;
import neuralglm.nn.Sequential;

/** The output layer's start at the intercept-only model, against its closed form. */
class NullStartTest {

    private static Linear output(Sequential net) {
        return (Linear) net.layers().get(net.layers().size() - 1);
    }

    @Test
    void softmaxBiasIsTheLogWeightedFrequency() {
        // 5 rows of classes 0, 0, 1, 0, 2 with weights 1, 2, 1, 1, 3
        final int[] cls = {0, 0, 1, 0, 2};
        final double[] w = {1, 2, 1, 1, 3};
        final DMatrixRMaj y = new DMatrixRMaj(5, 3);
        for (int i = 0; i < 5; i++) {
            y.set(i, cls[i], 1.0);
        }
        final Sequential net = Sequential.mlp(2, new int[] {4}, () -> Activation.byName("Tanh"), 3, new Random(1));
        NullStart.apply(net, new CategoricalFamily(), y, w);
        final Linear out = output(net);
        assertArrayEquals(new double[] {Math.log(4.0 / 8), Math.log(1.0 / 8), Math.log(3.0 / 8)},
                out.bias().value().data, 1e-15);
        for (int j = 0; j < out.weight().size(); j++) {
            assertEquals(0.0, out.weight().value().data[j]);
        }
    }

    @Test
    void bernoulliWithNoEventsStartsAtZero() {
        final DMatrixRMaj y = new DMatrixRMaj(3, 1);
        final Sequential net = Sequential.mlp(2, new int[0], () -> Activation.byName("Tanh"), 1, new Random(1));
        NullStart.apply(net, new BernoulliFamily(), y, null);
        assertEquals(0.0, output(net).bias().value().data[0]);
        y.set(1, 0, 1.0);
        NullStart.apply(net, new BernoulliFamily(), y, null);
        assertEquals(Math.log(0.5), output(net).bias().value().data[0], 1e-15);   // logit(1/3)
    }
}

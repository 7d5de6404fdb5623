package neuralglm.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The widths the fused passes read off a chain of layers, against the chain written out. */
class LayerChainTest {

    private static Linear linear(int in, int out) {
        return new Linear("l", in, out, new Random(1));
    }

    @Test
    void widthsOfLinearsAndActivations() {
        final List<Layer> chain = List.of(linear(20, 64), new Activation.ReLU(), linear(64, 48), new Activation.Tanh(),
                linear(48, 3));
        assertArrayEquals(new int[] {20, 64, 64, 48, 48, 3}, LayerChain.widths(chain, 20, 64));
        assertArrayEquals(new int[] {5, 5}, LayerChain.widths(List.of(new Activation.ReLU()), 5, 1));
    }

    @Test
    void noChain() {
        assertNull(LayerChain.widths(List.of(), 3, 64), "no layer");
        assertNull(LayerChain.widths(List.of(linear(20, 64)), 19, 64), "inputs not the first layer's");
        assertNull(LayerChain.widths(List.of(linear(20, 64), linear(63, 1)), 20, 64), "shapes that do not chain");
        assertNull(LayerChain.widths(List.of(linear(20, 65)), 20, 64), "more outputs than the most");
        final Sequential inner = new Sequential().add("l", linear(3, 2));
        assertNull(LayerChain.widths(List.of(inner), 3, 64), "a layer neither Linear nor Activation");
    }
}

package neuralglm.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** {@link Sequential#hasRowMajorLayers()}: true exactly when some Linear has more than 48 outputs. */
class RowMajorLayersTest {

    private static boolean rowMajor(int inputs, int[] hidden, int outputs) {
        return Sequential.mlp(inputs, hidden, Activation.ReLU::new, outputs, new Random(1)).hasRowMajorLayers();
    }

    @Test
    void widestLinearDecides() {
        assertEquals(false, rowMajor(20, new int[0], 1), "a GLM");
        assertEquals(false, rowMajor(200, new int[] {16}, 3), "inputs do not count, outputs do");
        assertEquals(false, rowMajor(20, new int[] {48, 48}, 1));
        assertEquals(true, rowMajor(20, new int[] {49}, 1));
        assertEquals(true, rowMajor(20, new int[] {16, 64}, 1), "any layer");
        assertEquals(true, rowMajor(20, new int[] {16}, 49), "the output layer too");
    }
}

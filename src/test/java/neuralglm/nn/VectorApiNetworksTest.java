package neuralglm.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * {@link Sequential#trainsFasterWithVectorApi()}: true exactly when the network trains in float64 on the row pass (a Linear with
 * more than 48 outputs) and some Linear there runs VectorRowKernels (at most 64 inputs and outputs, a side a multiple of
 * 32), the networks whose report tells a user of Weka's default JVM to add the module.
 */
class VectorApiNetworksTest {

    private static boolean faster(int inputs, int[] hidden, int outputs) {
        return Sequential.mlp(inputs, hidden, Activation.ReLU::new, outputs, new Random(1)).trainsFasterWithVectorApi();
    }

    @Test
    void rowPassLayersOfAtMost64UnitsDecide() {
        assertEquals(false, faster(20, new int[0], 1), "a GLM");
        assertEquals(false, faster(200, new int[] {16}, 3), "by columns");
        assertEquals(false, faster(20, new int[] {48, 48}, 1), "by columns");
        assertEquals(true, faster(20, new int[] {64}, 1));
        assertEquals(true, faster(20, new int[] {64, 64}, 1), "the large workload");
        assertEquals(true, faster(20, new int[] {64, 32}, 1));
        assertEquals(false, faster(20, new int[] {49}, 1), "rows of 49: no block of vectors");
        assertEquals(false, faster(20, new int[] {96, 96}, 1), "wider layers: the same loops");
        assertEquals(false, faster(20, new int[] {100, 30}, 1));
        assertEquals(false, faster(100, new int[] {64}, 1), "100 inputs: the first layer on the loops, then one output");
        assertEquals(true, faster(100, new int[] {64}, 8), "... but 8 outputs: that layer's input gradient, rows of 64");
        assertEquals(false, Sequential.mlp(20, new int[] {64, 64}, Activation.ReLU::new, 1, new Random(1))
                .setPrecision(Precision.FLOAT32).trainsFasterWithVectorApi(), "float32 trains on the float column kernels");
    }
}

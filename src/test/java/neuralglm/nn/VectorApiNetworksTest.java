package neuralglm.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * {@link Sequential#trainsFasterWithVectorApi()}: true exactly when the network trains in float64 on the row pass (a Linear with
 * more than 48 outputs) and some Linear there runs VectorRowKernels (at most 64 inputs and outputs, a side a multiple of
 * 32), or in float32 on the float column pass with a layer of 49 to 128 units (its products on the float vector
 * kernels), the networks whose report tells a user of Weka's default JVM to add the module.
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
        assertEquals(true, faster(100, new int[] {64}, 1), "100 inputs: the first layer on the loops, the 64 -> 1 layer's "
                + "input gradient (rows of 64) on the vectors");
        assertEquals(true, faster(100, new int[] {64}, 8), "... and with 8 outputs");
        assertEquals(false, faster(100, new int[] {60}, 8), "rows of 60 and 100: no block of vectors");
        assertEquals(true, faster32(20, new int[] {64, 64}, 1), "float32: the large workload's products on the float vectors");
        assertEquals(true, faster32(20, new int[] {100, 30}, 1), "float32: a layer of 100 units");
        assertEquals(false, faster32(20, new int[] {48, 48}, 1), "float32: no layer wider than 48");
        assertEquals(false, faster32(20, new int[] {30, 20}, 1), "float32: the notebook's network");
        assertEquals(false, faster32(20, new int[] {200}, 1), "float32: wider than the float column pass takes");
    }

    private static boolean faster32(int inputs, int[] hidden, int outputs) {
        return Sequential.mlp(inputs, hidden, Activation.ReLU::new, outputs, new Random(1)).setPrecision(Precision.FLOAT32)
                .trainsFasterWithVectorApi();
    }

    /**
     * The guess from the options alone ({@link Sequential#mayTrainFasterWithVectorApi}, which starts the warm-up early)
     * misses no network that trains faster with the module, for inputs other than 32 or 64 (the options do not know
     * the input width) and up to 48 outputs (more: a nominal class of more than 48 values), and is not true for every
     * network.
     */
    @Test
    void theGuessFromTheOptionsMissesNoNetworkThatTrainsFaster() {
        final int[] sizes = {8, 16, 32, 48, 49, 60, 64, 96, 128};
        int faster = 0, guessed = 0, cases = 0;
        for (int a : sizes) {
            for (int b : new int[] {0, 8, 32, 48, 60, 64, 100}) {
                final int[] hidden = b == 0 ? new int[] {a} : new int[] {a, b};
                final boolean guess = Sequential.mayTrainFasterWithVectorApi(hidden, Precision.FLOAT64);
                final boolean guess32 = Sequential.mayTrainFasterWithVectorApi(hidden, Precision.FLOAT32);
                guessed += guess ? 1 : 0;
                for (int inputs : new int[] {1, 5, 20, 50}) {
                    for (int outputs : new int[] {1, 3, 8, 48}) {
                        cases++;
                        assertEquals(guess32, faster32(inputs, hidden, outputs), "float32: " + java.util.Arrays.toString(hidden));
                        if (faster(inputs, hidden, outputs)) {
                            faster++;
                            assertEquals(true, guess, java.util.Arrays.toString(hidden) + ", " + inputs + " inputs, "
                                    + outputs + " outputs");
                        }
                    }
                }
            }
        }
        assertEquals(true, faster > 50 && guessed < 9 * 7, faster + " of " + cases + " faster; " + guessed + " of 63 guessed");
        assertEquals(true, Sequential.mayTrainFasterWithVectorApi(new int[] {64, 64}, Precision.FLOAT64), "the large workload");
        assertEquals(false, Sequential.mayTrainFasterWithVectorApi(new int[] {16}, Precision.FLOAT64), "the default network");
    }
}

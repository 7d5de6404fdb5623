package neuralglm.train;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import neuralglm.linalg.RowBlocks;
import org.junit.jupiter.api.Test;

/**
 * {@link LocalObjective#unitWeights}, which lets mini-batches skip the gather of their weights: true only when every
 * weight is 1 (or none was given), wherever among the blocks of its pass ({@link RowBlocks}) another value stands.
 */
class UnitWeightsTest {

    @Test
    void trueOnlyWhenEveryWeightIsOne() {
        assertTrue(LocalObjective.unitWeights(null));
        assertTrue(LocalObjective.unitWeights(new double[0]));
        final int n = 3 * RowBlocks.ROWS + 2;
        final double[] w = new double[n];
        Arrays.fill(w, 1.0);
        assertTrue(LocalObjective.unitWeights(w));
        for (int at : new int[] {0, RowBlocks.ROWS - 1, RowBlocks.ROWS, 2 * RowBlocks.ROWS + 7, n - 1}) {
            for (double other : new double[] {0.0, 2.0, Math.nextUp(1.0), Double.NaN}) {
                w[at] = other;
                assertFalse(LocalObjective.unitWeights(w), other + " at row " + at);
            }
            w[at] = 1.0;
        }
    }
}

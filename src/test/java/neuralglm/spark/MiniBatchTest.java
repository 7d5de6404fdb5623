package neuralglm.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** A partition's share of each mini-batch: every row once per epoch, a fresh shuffle per epoch. */
class MiniBatchTest {

    @Test
    void theStepsOfAnEpochCoverEveryRowOfThePartitionExactlyOnce() {
        final int rows = 103, steps = 7;
        final int[] seen = new int[rows];
        int total = 0;
        for (int t = 0; t < steps; t++) {
            final MiniBatch b = new MiniBatch(9, 2, t, steps);
            final int[] perm = b.permutation(rows, 3);
            final int size = b.to(rows) - b.from(rows);
            assertTrue(size == rows / steps || size == rows / steps + 1, "share of step " + t + ": " + size);
            for (int s = b.from(rows); s < b.to(rows); s++) {
                seen[perm[s]]++;
                total++;
            }
        }
        assertEquals(rows, total);
        for (int i = 0; i < rows; i++) {
            assertEquals(1, seen[i], "row " + i);
        }
    }

    @Test
    void thePermutationDependsOnSeedEpochAndPartitionOnly() {
        final int[] p = new MiniBatch(1, 0, 0, 5).permutation(50, 0);
        assertArrayEquals(p, new MiniBatch(1, 0, 4, 5).permutation(50, 0), "same for every step of an epoch");
        assertFalse(Arrays.equals(p, new MiniBatch(1, 1, 0, 5).permutation(50, 0)), "new epoch, new order");
        assertFalse(Arrays.equals(p, new MiniBatch(1, 0, 0, 5).permutation(50, 1)), "partitions differ");
        assertFalse(Arrays.equals(p, new MiniBatch(2, 0, 0, 5).permutation(50, 0)), "seeds differ");
        final int[] sorted = p.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 50; i++) {
            assertEquals(i, sorted[i]);
        }
    }
}

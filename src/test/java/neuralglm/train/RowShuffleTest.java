package neuralglm.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * {@link RowShuffle} against {@link java.util.Random} itself: the same {@code nextInt(bound)} numbers for any seed and
 * bound (powers of 2, 1, bounds near 2^31 where the rejection loop runs often), and the same permutations, epoch after
 * epoch, as the Fisher-Yates loop on {@code new Random(seed)} that the trainer ran before.
 */
class RowShuffleTest {

    @Test
    void nextIntIsRandomsForAnySeedAndBound() {
        final int[] bounds = {1, 2, 3, 7, 8, 64, 1000, 200_000, 1 << 20, (1 << 30) + 1, (1 << 30) + (1 << 29), Integer.MAX_VALUE};
        for (long seed : new long[] {0, 1, -1, 42, 20250101L, Long.MIN_VALUE, Long.MAX_VALUE, 0x5DEECE66DL}) {
            final Random ref = new Random(seed);
            final RowShuffle mine = new RowShuffle(seed);
            for (int k = 0; k < 5000; k++) {
                final int bound = bounds[k % bounds.length];
                assertEquals(ref.nextInt(bound), mine.nextInt(bound), "seed " + seed + ", draw " + k + ", bound " + bound);
            }
        }
    }

    @Test
    void shufflesAsTheRandomLoopEpochAfterEpoch() {
        for (int n : new int[] {0, 1, 2, 5, 1000, 200_003}) {
            final int[] ref = new int[n], mine = new int[n];
            for (int i = 0; i < n; i++) {
                ref[i] = i;
                mine[i] = i;
            }
            final Random rng = new Random(n + 7L);
            final RowShuffle shuffle = new RowShuffle(n + 7L);
            for (int epoch = 0; epoch < 3; epoch++) {
                for (int i = n - 1; i > 0; i--) {
                    final int j = rng.nextInt(i + 1), t = ref[i];
                    ref[i] = ref[j];
                    ref[j] = t;
                }
                shuffle.shuffle(mine);
                assertArrayEquals(ref, mine, "n " + n + ", epoch " + epoch);
            }
        }
    }
}

package neuralglm.spark;

import java.io.Serializable;
import java.util.Random;

/**
 * Which rows of a partition step {@code step} of epoch {@code epoch} uses, when an epoch of
 * {@code steps} mini-batches is spread over the partitions. Partition p with {@code n_p} rows shuffles
 * its rows once per epoch (Fisher-Yates with a {@link Random} seeded from seed, epoch and p) and
 * gives step t the slots
 * <pre>
 *   [ floor(t n_p / T), floor((t + 1) n_p / T) )      T = steps = ceil(n / batchSize)
 * </pre>
 * of that permutation: its share of the batch, about {@code batchSize * n_p / n} rows. So every row
 * is used exactly once per epoch, every step's batch is a uniform sample without replacement within
 * each partition, stratified by partition, and the result depends only on the seed and the
 * partitioning, not on the number of executors. Immutable.
 */
final class MiniBatch implements Serializable {
    private static final long serialVersionUID = 1L;

    final long seed;
    final int epoch;
    final int step;
    final int steps;

    MiniBatch(long seed, int epoch, int step, int steps) {
        this.seed = seed;
        this.epoch = epoch;
        this.step = step;
        this.steps = steps;
    }

    /** @return the first slot of this step in a partition of {@code rows} rows */
    int from(int rows) {
        return (int) ((long) step * rows / steps);
    }

    /** @return one past the last slot of this step in a partition of {@code rows} rows */
    int to(int rows) {
        return (int) ((long) (step + 1) * rows / steps);
    }

    /**
     * @param rows      rows in the partition
     * @param partition the partition's index
     * @return this epoch's permutation of the partition's rows
     */
    int[] permutation(int rows, int partition) {
        long s = seed;
        s = s * 0x9E3779B97F4A7C15L + partition;
        s = s * 0x9E3779B97F4A7C15L + epoch;
        final Random rng = new Random(s);
        final int[] perm = new int[rows];
        for (int i = 0; i < rows; i++) {
            perm[i] = i;
        }
        for (int i = rows - 1; i > 0; i--) {
            final int j = rng.nextInt(i + 1), t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return perm;
    }
}

package neuralglm.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import neuralglm.family.Family;
import org.ejml.data.DMatrixRMaj;

/**
 * Holds out a fraction of the rows for early stopping. For a class target (one-hot rows, or the
 * 0/1 targets of a Bernoulli family) the split is stratified: within each class, a seeded shuffle puts
 * {@code round(fraction * size)} rows into the validation part, so both parts keep the class
 * proportions. Other targets are one stratum. When rounding leaves no validation row, one row of the
 * largest stratum is held out. Both parts keep the original row order.
 */
public final class ValidationSplit {

    private final int[] train;
    private final int[] validation;

    private ValidationSplit(int[] train, int[] validation) {
        this.train = train;
        this.validation = validation;
    }

    /**
     * @param family   the output family (decides whether to stratify)
     * @param y        targets, n x k. Not modified.
     * @param fraction share of the rows to hold out, in (0, 1)
     * @param seed     seed of the shuffle within each stratum
     * @return the two row sets
     * @throws IllegalArgumentException when the fraction is outside (0, 1) or leaves no training row
     */
    public static ValidationSplit of(Family family, DMatrixRMaj y, double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("The validation fraction must be > 0 and < 1, got " + fraction);
        }
        final int n = y.numRows;
        final boolean[] held = new boolean[n];
        int count = 0;
        int[] largest = null;
        for (int[] order : shuffledStrata(family, y, seed)) {
            final int take = (int) Math.round(fraction * order.length);
            for (int i = 0; i < take; i++) {
                held[order[i]] = true;
            }
            count += take;
            if (largest == null || order.length > largest.length) {
                largest = order;
            }
        }
        if (count == 0 && largest != null) {
            held[largest[0]] = true;
            count = 1;
        }
        if (count >= n) {
            throw new IllegalArgumentException(String.format(
                    "A validation fraction of %s holds out all %d rows; at least one must remain for training", fraction, n));
        }
        final int[] t = new int[n - count], v = new int[count];
        for (int i = 0, a = 0, b = 0; i < n; i++) {
            if (held[i]) {
                v[b++] = i;
            } else {
                t[a++] = i;
            }
        }
        return new ValidationSplit(t, v);
    }

    /**
     * The strata (one per class for a class target, else one) in ascending label order, each in the order of a
     * seeded shuffle (one {@code Random(seed)} over the strata in turn): {@link #of} holds out each stratum's first rows.
     */
    private static List<int[]> shuffledStrata(Family family, DMatrixRMaj y, long seed) {
        final int n = y.numRows, k = y.numCols;
        final TreeMap<Integer, List<Integer>> strata = new TreeMap<>();
        final boolean stratify = k > 1 || family.labelCoding() == Family.LabelCoding.BINARY;
        for (int i = 0; i < n; i++) {
            strata.computeIfAbsent(stratify ? label(y, i) : 0, key -> new ArrayList<>()).add(i);
        }
        final Random rng = new Random(seed);
        final List<int[]> out = new ArrayList<>();
        for (List<Integer> rows : strata.values()) {
            final int[] order = rows.stream().mapToInt(Integer::intValue).toArray();
            for (int i = order.length - 1; i > 0; i--) {
                final int j = rng.nextInt(i + 1), t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            out.add(order);
        }
        return out;
    }

    /**
     * K stratified folds whose first is the validation part of {@link #of} with fraction 1/K and the same seed (so
     * an early-stopped fit with that split is the first fold's fit); the other rows, stratum by stratum in the
     * order of the same shuffle, are dealt in turn to folds 2, ..., K, 2, ... (each fold keeps about the class
     * proportions).
     *
     * @param family the output family (decides whether to stratify)
     * @param y      targets, n x k. Not modified.
     * @param k      the number of folds, 2 &lt;= k &lt;= n
     * @param seed   seed of the shuffle
     * @return the rows of each fold, ascending; together every row once
     * @throws IllegalArgumentException when k is outside [2, n]
     */
    public static int[][] folds(Family family, DMatrixRMaj y, int k, long seed) {
        final int n = y.numRows;
        if (k < 2 || k > n) {
            throw new IllegalArgumentException("The number of folds must be >= 2 and <= the " + n + " rows, got " + k);
        }
        final int[] fold = new int[n];
        java.util.Arrays.fill(fold, -1);
        for (int r : of(family, y, 1.0 / k, seed).validation()) {
            fold[r] = 0;
        }
        int dealt = 0;
        for (int[] order : shuffledStrata(family, y, seed)) {
            for (int r : order) {
                if (fold[r] < 0) {
                    fold[r] = 1 + dealt++ % (k - 1);
                }
            }
        }
        final int[] sizes = new int[k];
        for (int f : fold) {
            sizes[f]++;
        }
        final int[][] out = new int[k][];
        for (int f = 0; f < k; f++) {
            out[f] = new int[sizes[f]];
            sizes[f] = 0;
        }
        for (int i = 0; i < n; i++) {
            out[fold[i]][sizes[fold[i]]++] = i;
        }
        return out;
    }

    /**
     * @param n    the number of rows
     * @param held rows held out, ascending
     * @return the other rows, ascending
     */
    public static int[] complement(int n, int[] held) {
        final boolean[] h = new boolean[n];
        for (int r : held) {
            h[r] = true;
        }
        final int[] out = new int[n - held.length];
        for (int i = 0, a = 0; i < n; i++) {
            if (!h[i]) {
                out[a++] = i;
            }
        }
        return out;
    }

    private static int label(DMatrixRMaj y, int row) {
        final int k = y.numCols;
        if (k == 1) {
            return y.data[row] > 0.5 ? 1 : 0;
        }
        int best = 0;
        for (int j = 1; j < k; j++) {
            if (y.data[row * k + j] > y.data[row * k + best]) {
                best = j;
            }
        }
        return best;
    }

    /** @return the training rows, ascending */
    public int[] train() {
        return train.clone();
    }

    /** @return the validation rows, ascending */
    public int[] validation() {
        return validation.clone();
    }

    /**
     * @param m    a matrix with one row per original row. Not modified.
     * @param rows the rows to keep
     * @return those rows, in the given order
     */
    public static DMatrixRMaj rows(DMatrixRMaj m, int[] rows) {
        final int c = m.numCols;
        final DMatrixRMaj out = new DMatrixRMaj(rows.length, c);
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(m.data, rows[i] * c, out.data, i * c, c);
        }
        return out;
    }

    /**
     * Both parts of a split need weight: held-out rows of weight 0 only have no loss to choose by (every candidate's is
     * Infinity), and training rows of weight 0 only have nothing to fit.
     *
     * @param held        the held-out rows' weights, or null for weights all 1
     * @param heldRows    how many rows are held out
     * @param heldWords   what they are, for the message (e.g. "validation rows held out by the validation fraction 0.2")
     * @param heldRemedy  what to change when they have no weight
     * @param train       the training rows' weights, or null for weights all 1
     * @param trainRows   how many rows are left to train on
     * @param trainWords  what they are, for the message
     * @param trainRemedy what to change when they have no weight
     * @throws IllegalArgumentException when either part's weights sum to 0, saying what to change
     */
    static void checkWeights(double[] held, int heldRows, String heldWords, String heldRemedy, double[] train,
                             int trainRows, String trainWords, String trainRemedy) {
        if (held != null && !(Family.totalWeight(held, held.length) > 0)) {
            throw new IllegalArgumentException("The " + heldRows + " " + heldWords + " all have weight 0; " + heldRemedy);
        }
        if (train != null && !(Family.totalWeight(train, train.length) > 0)) {
            throw new IllegalArgumentException("The " + trainRows + " " + trainWords + " all have weight 0; " + trainRemedy);
        }
    }

    /**
     * @param w    weights or null (all 1)
     * @param rows the rows to keep
     * @return their weights, or null when w is null
     */
    public static double[] rows(double[] w, int[] rows) {
        if (w == null) {
            return null;
        }
        final double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = w[rows[i]];
        }
        return out;
    }

    @Override
    public String toString() {
        return "ValidationSplit(train=" + train.length + ", validation=" + validation.length + ", first held out="
                + Arrays.toString(Arrays.copyOf(validation, Math.min(3, validation.length))) + ")";
    }
}

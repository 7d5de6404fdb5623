package neuralglm.model;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Locale;

import org.ejml.data.DMatrixRMaj;

/**
 * The class values that have no training weight, and the probability a model predicts for them. A class with zero
 * total weight among the training rows (a rare class missing from a cross-validation fold, a value the header
 * declares but no row has) has no maximum-likelihood probability above 0: its softmax output starts at
 * {@code log 1e-300} and an early-stopped network keeps it there, so one test instance of that class would cost some
 * 690 nats. At prediction each of the m absent classes instead gets the floor
 * <pre>
 *   p0 = (1/2) / (n_w + k/2)              n_w the total training weight, k the number of classes
 *   p_j = (1 - m p0) q_j / sum_{i present} q_i     for a present class j, q the network's probabilities
 * </pre>
 * {@code p0} is the Krichevsky-Trofimov (add-half) estimate of a class seen 0 times in {@code n_w}: the posterior mean
 * under Jeffreys' Dirichlet(1/2, ..., 1/2) prior, whose log-loss regret is minimax to first order; the present
 * classes share the rest in the network's ratios (their total, {@code (n_w + (k - m)/2) / (n_w + k/2)}, is theirs
 * under the same estimate). The network's own probabilities for absent classes are dropped. Since {@code n_w > 0}
 * gives {@code p0 < 1/k}, the largest present probability, at least {@code (1 - m p0)/(k - m)}, exceeds {@code p0}:
 * the most probable class is the network's most probable present class, so the floor changes probabilities, not
 * the predicted class (unless the network itself preferred an absent one). The training itself is untouched (no
 * half-instance start: weight decay would pull such a start towards 0 and give the absent class a share of the
 * probability).
 * Immutable; class indices are in the model's output order.
 */
public final class AbsentClasses implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int numClasses;
    private final int[] classes;
    private final double totalWeight;

    /**
     * @param numClasses  k, the number of class values (at least 2)
     * @param classes     the indices of the absent classes, in [0, k), ascending, fewer than k
     * @param totalWeight n_w, the total training weight, &gt; 0 and finite
     * @throws IllegalArgumentException for indices out of order or range, all classes absent, or a bad weight
     */
    public AbsentClasses(int numClasses, int[] classes, double totalWeight) {
        if (numClasses < 2) {
            throw new IllegalArgumentException("Absent classes need at least 2 class values, got " + numClasses);
        }
        if (classes.length == 0 || classes.length >= numClasses) {
            throw new IllegalArgumentException("Between 1 and " + (numClasses - 1) + " of " + numClasses
                    + " classes can be absent, got " + classes.length);
        }
        for (int i = 0; i < classes.length; i++) {
            if (classes[i] < 0 || classes[i] >= numClasses || i > 0 && classes[i] <= classes[i - 1]) {
                throw new IllegalArgumentException("Absent classes must be ascending indices in [0, " + numClasses
                        + "), got " + Arrays.toString(classes));
            }
        }
        if (!(totalWeight > 0) || Double.isInfinite(totalWeight)) {
            throw new IllegalArgumentException("The total training weight must be > 0 and finite, got " + totalWeight);
        }
        this.numClasses = numClasses;
        this.classes = classes.clone();
        this.totalWeight = totalWeight;
    }

    /**
     * @param classWeights the total training weight of each class value
     * @return the classes whose weight is 0, or null when there are none
     */
    public static AbsentClasses of(double[] classWeights) {
        double total = 0;
        final boolean[] absent = new boolean[classWeights.length];
        for (int c = 0; c < classWeights.length; c++) {
            total += classWeights[c];
            absent[c] = classWeights[c] == 0;
        }
        return of(absent, total);
    }

    /**
     * @param absent      per class value, whether it is absent
     * @param totalWeight n_w
     * @return those classes with that weight, or null when none or all are absent, or n_w is not positive and finite
     */
    public static AbsentClasses of(boolean[] absent, double totalWeight) {
        int m = 0;
        for (boolean a : absent) {
            m += a ? 1 : 0;
        }
        if (m == 0 || m == absent.length || !(totalWeight > 0) || Double.isInfinite(totalWeight)) {
            return null;
        }
        final int[] idx = new int[m];
        for (int c = 0, i = 0; c < absent.length; c++) {
            if (absent[c]) {
                idx[i++] = c;
            }
        }
        return new AbsentClasses(absent.length, idx, totalWeight);
    }

    /**
     * @param stats  a table's statistics (the label's classes with their weighted counts)
     * @param coding the label coding fitted on them
     * @return the label's classes whose rows all have weight 0, or null when none (or the label is numeric)
     */
    public static AbsentClasses of(TableStats stats, LabelCoding coding) {
        final String[] classes = coding.classes();
        if (classes == null || !stats.nominalLabel) {
            return null;
        }
        final double[] w = new double[classes.length];
        for (int c = 0; c < classes.length; c++) {
            w[c] = stats.labelCounts.getOrDefault(classes[c], 0.0);
        }
        return of(w);
    }

    /**
     * @param stats  a table's statistics (the label's classes with their weighted counts)
     * @param coding the label coding fitted on them
     * @return n_w, the total weight of the rows with one of the label's classes; NaN when the label is numeric or that
     *         weight is not positive and finite
     */
    public static double labelWeight(TableStats stats, LabelCoding coding) {
        final String[] classes = coding.classes();
        if (classes == null || !stats.nominalLabel) {
            return Double.NaN;
        }
        double total = 0;
        for (String c : classes) {
            total += stats.labelCounts.getOrDefault(c, 0.0);
        }
        return total > 0 && Double.isFinite(total) ? total : Double.NaN;
    }

    /**
     * The total weight of each class in targets: one-hot rows (k columns), or the class indices 0/1 of a binary
     * class in one column (k = 2).
     *
     * @param y          the targets, n x k one-hot, or n x 1 with values 0 and 1 when {@code numClasses} is 2
     * @param w          instance weights, or null for 1 each
     * @param numClasses k
     * @return the k class weights
     * @throws IllegalArgumentException when y has neither k columns nor one column for k = 2
     */
    public static double[] classWeights(DMatrixRMaj y, double[] w, int numClasses) {
        final int n = y.numRows, cols = y.numCols;
        final double[] out = new double[numClasses];
        if (cols == numClasses) {
            for (int i = 0; i < n; i++) {
                final double wi = w == null ? 1.0 : w[i];
                for (int c = 0; c < cols; c++) {
                    out[c] += wi * y.data[i * cols + c];
                }
            }
        } else if (cols == 1 && numClasses == 2) {
            for (int i = 0; i < n; i++) {
                out[y.data[i] != 0 ? 1 : 0] += w == null ? 1.0 : w[i];
            }
        } else {
            throw new IllegalArgumentException("Targets with " + cols + " columns do not code " + numClasses + " classes");
        }
        return out;
    }

    /**
     * @param numClasses  k
     * @param totalWeight n_w
     * @return {@code (1/2) / (n_w + k/2)}
     */
    public static double floor(int numClasses, double totalWeight) {
        return 0.5 / (totalWeight + 0.5 * numClasses);
    }

    /** @return the floor probability p0 of each absent class */
    public double floor() {
        return floor(numClasses, totalWeight);
    }

    /** @return k, the number of class values */
    public int numClasses() {
        return numClasses;
    }

    /** @return the absent classes' indices, ascending */
    public int[] classes() {
        return classes.clone();
    }

    /** @return n_w, the total training weight the floor is computed from */
    public double totalWeight() {
        return totalWeight;
    }

    /**
     * @param c a class index
     * @return whether it is absent
     */
    public boolean isAbsent(int c) {
        return Arrays.binarySearch(classes, c) >= 0;
    }

    /**
     * @param totalWeight another total training weight (e.g. of an aggregation, or a stream so far)
     * @return these classes with that weight
     */
    public AbsentClasses withTotalWeight(double totalWeight) {
        return new AbsentClasses(numClasses, classes, totalWeight);
    }

    /**
     * Sets the absent classes' output biases of a softmax layer to the floor relative to the present ones:
     * {@code b_c = log p0 + log sum_{i present} exp(b_i)} (log-sum-exp about the largest present bias). With the output
     * weights at 0 (the null start) an absent class then has probability about p0, a start from which a learner's
     * small steps can reach it once its instances arrive (from {@code log 1e-300} they would not).
     *
     * @param bias the k output biases. Modified: the absent classes' entries.
     */
    public void liftBiases(double[] bias) {
        if (bias.length != numClasses) {
            throw new IllegalArgumentException("Biases of " + bias.length + " outputs, but " + numClasses + " classes");
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < numClasses; c++) {
            if (!isAbsent(c)) {
                max = Math.max(max, bias[c]);
            }
        }
        double sum = 0;
        for (int c = 0; c < numClasses; c++) {
            if (!isAbsent(c)) {
                sum += Math.exp(bias[c] - max);
            }
        }
        final double start = Math.log(floor()) + max + Math.log(sum);
        for (int c : classes) {
            bias[c] = start;
        }
    }

    /**
     * Applies the floor to one row of k class probabilities in place.
     *
     * @param p   probabilities (the network's, summing to 1). Modified.
     * @param off where the row starts
     */
    public void apply(double[] p, int off) {
        final double p0 = floor();
        double present = 0;
        for (int c = 0, a = 0; c < numClasses; c++) {
            if (a < classes.length && classes[a] == c) {
                a++;
            } else {
                present += p[off + c];
            }
        }
        final int m = classes.length;
        final double share = 1.0 - m * p0;
        // the network's present probabilities underflowed (or are not numbers): share equally, or keep the NaN
        final boolean equal = present == 0 || Double.isInfinite(present);
        final double scale = share / present;
        for (int c = 0, a = 0; c < numClasses; c++) {
            if (a < classes.length && classes[a] == c) {
                p[off + c] = p0;
                a++;
            } else {
                p[off + c] = equal ? share / (numClasses - m) : p[off + c] * scale;
            }
        }
    }

    /**
     * Applies the floor to every row.
     *
     * @param mu n x k class probabilities. Modified.
     */
    public void apply(DMatrixRMaj mu) {
        if (mu.numCols != numClasses) {
            throw new IllegalArgumentException("Probabilities with " + mu.numCols + " columns, but " + numClasses + " classes");
        }
        for (int i = 0; i < mu.numRows; i++) {
            apply(mu.data, i * numClasses);
        }
    }

    /**
     * @param names the class values' names, in class index order
     * @return one sentence per absent class, e.g. {@code class value 'x' has no training instances: predicted with a
     *         floor probability 0.0125}
     */
    public String describe(String[] names) {
        final StringBuilder sb = new StringBuilder();
        final String p = String.format(Locale.ROOT, "%.6g", floor());
        for (int c : classes) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append("class value '").append(c < names.length ? names[c] : Integer.toString(c))
                    .append("' has no training instances: predicted with a floor probability ").append(p);
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AbsentClasses a && a.numClasses == numClasses && Arrays.equals(a.classes, classes)
                && Double.compare(a.totalWeight, totalWeight) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * numClasses + Arrays.hashCode(classes)) + Double.hashCode(totalWeight);
    }

    @Override
    public String toString() {
        return "AbsentClasses(" + Arrays.toString(classes) + " of " + numClasses + ", floor " + floor() + ")";
    }
}

package weka.classifiers.functions.neuralglm;

import neuralglm.family.DomainException;
import neuralglm.family.Family;
import neuralglm.linalg.Parallel;
import neuralglm.model.ColumnMoments;
import neuralglm.model.ColumnSummary;
import org.ejml.data.DMatrixRMaj;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;

/**
 * The engine's targets and weights from a Weka class attribute: one-hot rows for a nominal class with
 * the Categorical family; the class index (0/1) of a binary nominal class with a one-output family;
 * the class value of a numeric class. Weights are the instance weights (for Binomial: the number of
 * trials). The family's domain check runs here, and its message names the class attribute, the
 * instance and the value in Weka's terms.
 *
 * @param y       the targets, n x k
 * @param weights the instance weights
 * @param offsets the rows' offsets on eta ({@code -offset}, {@link OffsetColumn}), or null for none
 */
public record Targets(DMatrixRMaj y, double[] weights, double[] offsets) {

    /**
     * Targets without an offset.
     *
     * @param y       the targets, n x k
     * @param weights the instance weights
     */
    public Targets(DMatrixRMaj y, double[] weights) {
        this(y, weights, null);
    }

    /**
     * @param o the rows' offsets (length n), or null for none
     * @return these targets and weights with the offsets
     */
    public Targets withOffsets(double[] o) {
        return new Targets(y, weights, o);
    }

    /**
     * @param data     training data, no missing class values. Not modified.
     * @param family   the engine family
     * @param original 0-based index, in the data the user gave, of each row (for messages)
     * @return targets and weights
     * @throws IllegalArgumentException when the class attribute does not suit the family, or a class value
     *                                  is outside the family's domain (naming attribute, instance and value)
     */
    public static Targets of(Instances data, Family family, int[] original) {
        final Attribute cls = data.classAttribute();
        final String unsuited = unsuited(cls, family);
        if (unsuited != null) {
            throw new IllegalArgumentException(unsuited);
        }
        final boolean oneHot = oneHot(cls, family);
        final int n = data.numInstances(), k = oneHot ? cls.numValues() : 1;
        final double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = data.instance(i).weight();
        }
        final DMatrixRMaj y = new DMatrixRMaj(n, k);
        for (int i = 0; i < n; i++) {
            put(y.data, i, k, oneHot, data.instance(i).classValue());
        }
        return checked(new Targets(y, w), family, cls, original);
    }

    /**
     * {@link #known(Instances, Family, int)} on one thread.
     *
     * @param data   the user's data. Not modified.
     * @param family the engine family
     * @return the rows with a class value and their targets
     */
    public static Known known(Instances data, Family family) {
        return known(data, family, 1);
    }

    /**
     * The rows with a class value of the user's data, checked ({@link InputChecks#checkInstance}), and their
     * targets, in one pass over the instances; when every input attribute is numeric and every instance dense,
     * the same pass copies the raw input values (what {@link InputPipeline#fit} reads). Errors and their order
     * are those of the separate steps: no instance with a class value; then the first bad value or weight
     * (instance by instance, attribute by attribute); the total weight; the class attribute against the
     * family; a class value outside the family's domain. The instances are shared among {@code threads} threads
     * in blocks of consecutive rows (each row's values written to its own place: the same result for any number
     * of threads; a failure is the first block's that failed, whose first bad row comes before any other
     * block's); the lean pass ({@link #known(Instances, Family, int, boolean)} without a copy) runs on one thread,
     * summing the columns as it reads them.
     *
     * @param data    the user's data. Not modified.
     * @param family  the engine family
     * @param threads the threads to use (at least 1; fewer for small data, one for the lean pass)
     * @return the rows with a class value and their targets
     * @throws IllegalArgumentException as the steps do, naming attribute, instance and value
     */
    public static Known known(Instances data, Family family, int threads) {
        return known(data, family, threads, GRAIN, true);
    }

    /**
     * {@link #known(Instances, Family, int)} that copies the raw input values only when {@code copyInputs} (a lean
     * build reads them from the instances: {@link Known#inputs} is then null).
     */
    public static Known known(Instances data, Family family, int threads, boolean copyInputs) {
        return known(data, family, threads, GRAIN, copyInputs);
    }

    /** {@link #known(Instances, Family, int)} with blocks of at least {@code grain} values (tests: small blocks). */
    static Known known(Instances data, Family family, int threads, long grain) {
        return known(data, family, threads, grain, true);
    }

    private static Known known(Instances data, Family family, int threads, long grain, boolean copyInputs) {
        final int n = data.numInstances(), c = data.classIndex(), d = data.numAttributes();
        final Attribute cls = data.classAttribute();
        final String unsuited = unsuited(cls, family);
        final boolean oneHot = oneHot(cls, family);
        final int k = oneHot ? cls.numValues() : 1;
        final int[] inputs = InputPipeline.numericInputs(data);
        final int m = inputs == null ? 0 : inputs.length;
        final double[] w = new double[n];
        final double[] y = unsuited == null ? new double[n * k] : null;
        // numeric inputs only: the raw input values (NaN when missing) and the class values
        final double[] raw = inputs == null || !copyInputs ? null : new double[Math.max(1, n * m)];
        // one-hot targets only (else the targets are the class values)
        final double[] classValues = inputs == null || y == null || !oneHot ? null : new double[n];
        // numeric inputs read in place (no copy): each instance's value array (DenseValues), for the rows' reads
        final double[][] arrays = inputs == null || copyInputs ? null : new double[n][];
        // the lean pass (the value arrays read in place) runs on one thread, which sums the columns as it goes: cut into
        // parts it would leave them to a second pass over every instance on one thread (InputPipeline.summariseArrays),
        // which took longer than the parts saved (a 200k x 20 2-thread build's init: medians 36.5 ms against 30)
        final int parts = arrays != null ? 1 : Math.min(Math.max(1, n), Parallel.parts(threads, (long) n * d, grain));
        final int[] counts = new int[parts];
        final boolean[] sparse = new boolean[parts];
        // one thread: the engine's column summary of the raw inputs, each block of rows added as it is copied, or as it
        // is read from the value arrays (kept only when every row has a class value and every instance is dense: then
        // it is that of the matrix)
        final ColumnSummary.Rows summary = parts == 1 && (raw != null || arrays != null) ? new ColumnSummary.Rows(m) : null;
        // the value arrays' summary: a block of rows gathered (the class left out), and whether every row so far had a
        // class value and an array
        final int blockRows = summaryRows(m);
        final double[] gathered = summary != null && raw == null ? new double[blockRows * Math.max(1, m)] : null;
        final Reader reader = new Reader(data, inputs != null, m, k, oneHot, w, y, raw, classValues, arrays, sparse, summary,
                gathered);
        Parallel.run(parts, t -> {
            final int r0 = Parallel.start(n, parts, t), r1 = Parallel.start(n, parts, t + 1);
            int count = 0;
            for (int b0 = r0; b0 < r1; b0 += blockRows) {
                final int b1 = Math.min(r1, b0 + blockRows);
                count += reader.rows(b0, b1, t);
                reader.summarise(b0, b1, count);
            }
            counts[t] = count;
        });
        int count = 0;
        boolean copied = raw != null;
        for (int t = 0; t < parts; t++) {
            count += counts[t];
            copied &= !sparse[t];
        }
        if (count == 0) {
            throw new IllegalArgumentException("No training instances with a known class value: all " + n
                    + " instances have a missing value for class attribute '" + cls.name() + "'");
        }
        // every row with a class value: the positions are 0 .. n-1, made only when asked for (Known#rows)
        final int[] original = count == n ? null : new int[count];
        if (count != n) { // the rows with a class value moved up, in order
            for (int i = 0, j = 0; i < n; i++) {
                if (!Double.isNaN(data.instance(i).value(c))) {
                    original[j] = i;
                    w[j] = w[i];
                    if (y != null) {
                        System.arraycopy(y, i * k, y, j * k, k);
                    }
                    if (arrays != null) {
                        arrays[j] = arrays[i];
                    }
                    if (copied) {
                        System.arraycopy(raw, i * m, raw, j * m, m);
                    }
                    if (classValues != null) {
                        classValues[j] = classValues[i];
                    }
                    j++;
                }
            }
        }
        final double[] wk = count == n ? w : java.util.Arrays.copyOf(w, count);
        final double total = neuralglm.family.Family.totalWeight(wk, count);
        InputChecks.checkTotalWeight(count, total);
        if (unsuited != null) {
            throw new IllegalArgumentException(unsuited);
        }
        final DMatrixRMaj ym = DMatrixRMaj.wrap(count, k, count == n ? y : java.util.Arrays.copyOf(y, count * k));
        final ColumnSummary inputSummary = summary == null || !(copied || reader.whole) || count != n ? null
                : summary.summary(total);
        final Targets t = checked(new Targets(ym, wk), family, cls, original);
        final Instances train;
        if (count == n) {
            train = data;
        } else {
            train = new Instances(data, count);
            for (int i : original) {
                train.add(data.instance(i));
            }
        }
        return new Known(original, train, t, !copied ? null : count == n ? raw
                : java.util.Arrays.copyOf(raw, Math.max(1, count * m)),
                !copied && arrays == null ? null : classValues == null ? ym.data // the class values themselves
                        : count == n ? classValues : java.util.Arrays.copyOf(classValues, count), inputSummary,
                arrays == null ? null : count == n ? arrays : java.util.Arrays.copyOf(arrays, count));
    }

    /**
     * These targets with the weights scaled to mean 1 over the rows of positive weight, {@code w_i n+ / sum w} (n+ the
     * number of rows with {@code w_i > 0}): what a penalised fit under prior weights (relative precisions, whose scale is
     * arbitrary) trains on, so that the penalty is weighed against the rows and the fit does not depend on the weights'
     * scale. The mean NLL and its gradient are the same for any scale; the penalty on the mean, {@code lambda / sum w},
     * becomes {@code lambda / n+}. Weights of a power-of-two scale map to the same weights to the bit.
     *
     * @return targets sharing y, with new weights; this when the weights already have mean 1 (e.g. all 1)
     */
    public Targets withMeanOneWeights() {
        final int n = y.numRows;
        final double total = neuralglm.family.Family.totalWeight(weights, n);
        int positive = 0;
        for (int i = 0; i < n; i++) {
            if (weights[i] > 0) {
                positive++;
            }
        }
        final double scale = positive / total;
        if (scale == 1.0) {
            return this;
        }
        final double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = weights[i] * scale;
        }
        return new Targets(y, w, offsets);
    }

    /**
     * The pass of {@link #known} over a block of rows at a time, in methods of their own: called once per block, they
     * reach the compiler's optimising tier in the first build like any method called often. The pass as one loop in
     * one call was compiled on the loop's back edges only, at a point of the loop, and that code was discarded when the
     * loop ended (a path its profile had not seen): the next builds read their instances in the profiling tier (a
     * 200k x 20 build's second timed init 79-177 ms, where the third took 18-41).
     */
    private static final class Reader {
        private final Instances data;
        private final int c, d, m, k, classValueCount;
        private final boolean numericInputs, oneHot, nominalClass;
        private final double[] w, y, raw, classValues, gathered;
        private final double[][] arrays;
        private final boolean[] sparse;
        private final ColumnSummary.Rows summary;
        /**
         * Whether the value arrays' inputs are being summarised (false from the start when they are not: copied inputs,
         * several parts) and every row so far had a class value and an array (the arrays' summary is then whole).
         */
        boolean whole;

        Reader(Instances data, boolean numericInputs, int m, int k, boolean oneHot, double[] w, double[] y, double[] raw,
               double[] classValues, double[][] arrays, boolean[] sparse, ColumnSummary.Rows summary, double[] gathered) {
            this.data = data;
            this.c = data.classIndex();
            this.d = data.numAttributes();
            this.m = m;
            this.k = k;
            this.classValueCount = data.classAttribute().numValues();
            this.numericInputs = numericInputs;
            this.oneHot = oneHot;
            this.nominalClass = data.classAttribute().isNominal();
            this.w = w;
            this.y = y;
            this.raw = raw;
            this.classValues = classValues;
            this.gathered = gathered;
            this.arrays = arrays;
            this.sparse = sparse;
            this.summary = summary;
            this.whole = gathered != null;
        }

        /**
         * Reads rows {@code b0 .. b1 - 1} of part t: each row's length checked; a row with a class value checked
         * whole, its weight and targets (and its raw inputs or value array) stored at its position; a row without one
         * left as it is (moved up or left out afterwards).
         *
         * @return how many of them have a class value
         */
        int rows(int b0, int b1, int t) {
            // the fields as locals: invariants of the loop to the compiler (a final field is read again after a call)
            final Instances data = this.data;
            final int c = this.c, d = this.d, m = this.m, k = this.k, classValueCount = this.classValueCount;
            final boolean numericInputs = this.numericInputs, oneHot = this.oneHot, nominalClass = this.nominalClass;
            final double[] w = this.w, y = this.y, raw = this.raw, classValues = this.classValues;
            final double[][] arrays = this.arrays;
            int count = 0;
            for (int i = b0; i < b1; i++) {
                final Instance inst = data.instance(i);
                if (inst.numAttributes() < d) {
                    InputChecks.checkLength(inst, i + 1);
                }
                final double v = inst.value(c);
                if (Double.isNaN(v)) { // a missing class value: the row is left out
                    continue;
                }
                count++;
                if (numericInputs && inst instanceof DenseInstance) {
                    // the checks of InputChecks.checkInstance (numeric inputs: a value fails when its magnitude is
                    // above the limit), made on the values as they are copied; its message when one fails
                    boolean bad = nominalClass ? !InputChecks.nominalIndex(v, classValueCount)
                            : Math.abs(v) > InputChecks.MAX_MAGNITUDE;
                    final double[] values = DenseValues.array(inst);
                    if (arrays != null) {
                        arrays[i] = values;
                    }
                    for (int a = 0, o = i * m; a < d; a++) {
                        if (a != c) {
                            final double x = values != null ? values[a] : inst.value(a);
                            if (raw != null) {
                                raw[o++] = x;
                            }
                            bad |= Math.abs(x) > InputChecks.MAX_MAGNITUDE;
                        }
                    }
                    final double wt = inst.weight();
                    if (bad || !Double.isFinite(wt) || wt < 0) {
                        InputChecks.checkInstance(inst, i + 1);
                    }
                } else {
                    InputChecks.checkInstance(inst, i + 1);
                    sparse[t] |= raw != null;
                }
                if (classValues != null) {   // every row with a class value, sparse ones too (the lean pass's)
                    classValues[i] = v;
                }
                w[i] = inst.weight();
                if (y != null) {
                    put(y, i, k, oneHot, v);
                }
            }
            return count;
        }

        /**
         * Adds rows {@code b0 .. b1 - 1} to the column summary (one part only): the copied raw inputs, or the value
         * arrays' inputs gathered, while every row so far has had a class value and an array.
         *
         * @param count the rows with a class value up to b1 (the part's rows start at 0)
         */
        void summarise(int b0, int b1, int count) {
            if (summary != null && raw != null) {
                summary.add(raw, b0, b1, w);
            } else if (whole && (whole = count == b1)) {
                for (int i = b0, o = 0; i < b1 && whole; i++, o += m) {
                    final double[] a = arrays[i];
                    if (a == null) {
                        whole = false;
                    } else {
                        InputPipeline.copyInputs(a, c, d, gathered, o);
                    }
                }
                if (whole) {
                    summary.addBlock(gathered, b1 - b0, w);
                }
            }
        }
    }

    /** Instance values worth a thread of their own (about 0.1 ms of work). */
    private static final long GRAIN = 1L << 15;

    /** Rows copied before the column summary reads them (20 inputs: 40 kB, in the first-level cache). */
    private static final int SUMMARY_ROWS = 256;

    /**
     * @param m the numeric inputs
     * @return rows per block of the pass: {@link #SUMMARY_ROWS}, fewer for rows of more than 64 inputs (about 16,384
     *         values a block, so that the gathered block stays small), in whole blocks of the column moments
     *         ({@link neuralglm.model.ColumnMoments#blockRows}: a multiple of them, which 256 is)
     */
    static int summaryRows(int m) {
        return Math.min(SUMMARY_ROWS, ColumnMoments.readerRows(m, ColumnMoments.BLOCK_ENTRIES));
    }

    /**
     * @param rows        the 0-based positions of the rows in the user's data, or null when every row has a class
     *                    value (then they are 0 .. n-1: {@link #rows()})
     * @param train       those instances (the user's data itself when no class value is missing)
     * @param targets     their targets and weights
     * @param inputs      when every input attribute is numeric and every instance dense: their raw input values,
     *                    row-major in attribute order (the class left out), NaN when missing; else null
     * @param classValues with {@code inputs} or {@code valueArrays}: their class values (Weka's: a nominal class's value
     *                    index; the targets' own array unless they are one-hot rows); else null
     * @param inputSummary with {@code inputs} or {@code valueArrays}, when made in the same pass (one thread, a class
     *                    value in every row, every row dense, no missing input value): the raw inputs'
     *                    {@link ColumnSummary} with the targets' weights and total weight ({@link ColumnSummary#of} on
     *                    the matrix of their values, to the bit); else null
     * @param valueArrays when every input attribute is numeric and the inputs were not copied: per row of train its
     *                    instance's value array ({@link DenseValues#array}, null for a row without one); else null
     */
    public record Known(int[] rows, Instances train, Targets targets, double[] inputs, double[] classValues,
                        ColumnSummary inputSummary, double[][] valueArrays) {

        /**
         * @return the 0-based positions of the rows in the user's data; when every row has a class value, 0 .. n-1, made
         *         on each call (a build that does not ask allocates no array of the data's length for them)
         */
        @Override
        public int[] rows() {
            if (rows != null) {
                return rows;
            }
            final int[] all = new int[targets.y().numRows];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            return all;
        }

        /**
         * Without the raw inputs.
         *
         * @param rows    the 0-based positions of the rows in the user's data
         * @param train   those instances
         * @param targets their targets and weights
         */
        public Known(int[] rows, Instances train, Targets targets) {
            this(rows, train, targets, null, null, null, null);
        }
    }

    /** @return why the class attribute does not suit the family, or null when it does */
    private static String unsuited(Attribute cls, Family family) {
        if (family.labelCoding() == Family.LabelCoding.ONE_HOT) {
            if (!cls.isNominal()) {
                return "The " + family.name() + " family needs a nominal class, but class attribute '"
                        + cls.name() + "' is numeric; use a numeric family (e.g. Gaussian, Poisson)";
            }
        } else if (cls.isNominal() && cls.numValues() != 2) {
            return "The " + family.name() + " family models one value per instance, but "
                    + "class attribute '" + cls.name() + "' is nominal with " + cls.numValues()
                    + " values; use the Categorical family (or Auto)";
        }
        return null;
    }

    /** @return whether the targets are one-hot rows (one column per class value) */
    private static boolean oneHot(Attribute cls, Family family) {
        return family.labelCoding() == Family.LabelCoding.ONE_HOT && cls.isNominal();
    }

    /** Row i of y (k columns) for class value v: one-hot for the one-hot coding (k = the class values), else v. */
    private static void put(double[] y, int i, int k, boolean oneHot, double v) {
        if (oneHot) {
            y[i * k + (int) v] = 1.0;
        } else {
            y[i] = v;
        }
    }

    /** The family's domain check, its message in Weka's terms. */
    private static Targets checked(Targets t, Family family, Attribute cls, int[] original) {
        try {
            family.checkTargets(t.y());
        } catch (DomainException e) {
            throw new IllegalArgumentException(String.format(
                    "The %s family cannot model class attribute '%s': instance %d has class value %s, outside the "
                            + "family's domain %s", family.name(), cls.name(), (original == null ? e.row() : original[e.row()]) + 1,
                    cls.isNominal() ? cls.value((int) e.value()) : Double.toString(e.value()), family.targetDomain()), e);
        }
        return t;
    }
}

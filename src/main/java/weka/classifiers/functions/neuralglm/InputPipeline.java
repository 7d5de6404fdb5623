package weka.classifiers.functions.neuralglm;

import neuralglm.linalg.RowSource;
import neuralglm.model.ColumnMoments;
import neuralglm.model.ColumnSummary;
import neuralglm.model.Standardizer;
import org.ejml.data.DMatrixRMaj;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;
import weka.filters.unsupervised.attribute.NominalToBinary;
import weka.filters.unsupervised.attribute.Remove;
import weka.filters.unsupervised.attribute.RemoveUseless;
import weka.filters.unsupervised.attribute.ReplaceMissingValues;

/**
 * Turns Weka instances into the engine's input matrix, the same way at training and prediction time:
 * <ol>
 * <li>{@link ReplaceMissingValues}: a missing value becomes the training mean (numeric) or mode (nominal);</li>
 * <li>useless attributes go, as {@link RemoveUseless} would choose them from the instances of positive weight
 * (constant ones, and nominal ones with almost all values distinct: exactly its choice when no weight is 0; an
 * attribute constant but on instances of weight 0 goes too, as it has no scale in the fit), through the
 * {@link Remove} filter that RemoveUseless makes; fitted on a
 * stream's first mini-batch ({@link #forStream}), the attributes with no value in it go, and those constant in it
 * stay: one value in a few instances (a file sorted by that attribute) says nothing of the stream;</li>
 * <li>{@link NominalToBinary}: a nominal attribute with k values becomes k 0/1 columns (2 values: one);</li>
 * <li>with reference coding (GLM mode: no hidden layer), {@link Remove} drops the column of the first value of
 *     each nominal attribute with k &gt; 2 values, leaving k - 1 treatment contrasts against that first value
 *     (as R's default contrasts and Weka's Logistic report), so that the design has full rank with the
 *     intercept;</li>
 * <li>the engine's {@link Standardizer} (or its identity when standardisation is off).</li>
 * </ol>
 * The class attribute is left out of the matrix. With no input left, one constant 0 column keeps
 * the network well formed (its weight gets no gradient: an intercept-only model).
 *
 * <p>Fitting makes no filtered copy of the data set ({@code Filter.useFilter} made three, and RemoveUseless
 * hashed every distinct numeric value): the missing-value filter is fitted on one instance holding the
 * training means and modes (computed here with ReplaceMissingValues' own arithmetic, so its state is the
 * same to the bit), the useless attributes are found in one pass over the imputed values, and the
 * training rows then go through the fitted filters one at a time, as a prediction's instance does.
 */
public final class InputPipeline implements Inputs {
    private static final long serialVersionUID = 2L;
    /** Values a stream's first mini-batch needs of a nominal attribute before "almost all distinct" removes it. */
    static final int STREAM_IDENTIFIER_ROWS = 100;

    private final ReplaceMissingValues missing = new ReplaceMissingValues();
    private final Remove useless = new Remove();
    private final NominalToBinary binary = new NominalToBinary();
    private final boolean referenceCoding;
    /** Fitted on a stream's first mini-batch: keep the attributes that are constant in it ({@link #forStream}). */
    private boolean stream;
    /** Drops the first value's column of each nominal attribute with more than 2 values; null when none. */
    private Remove reference;
    private String[] referenceLevels = new String[0];
    /** The input attributes the last fit left out (useless, or no value in a stream's first batch); null in old models. */
    private String[] leftOut;
    private Instances header;
    /** Numeric inputs only: the attributes kept, in column order, and each attribute's imputed value; else null. */
    private int[] numericKept;
    private double[] fillValues;
    private String[] inputNames;
    /** The attribute each input column comes from (of the last fit; not kept in a saved model). */
    private transient String[] inputAttributes;
    private Standardizer standardizer;
    /** The scale fit gave the 0/1 columns; 0: their standard deviation (also in a model saved before it was kept). */
    private double binaryScale;
    private int missingInTraining;
    /** The missing input values the summary pass counted (before imputation). */
    private transient int missingInputs;
    /** Whether the last fit's matrix was found finite as it was standardised. */
    private transient boolean inputsFinite;
    /** After a lean fit: the standardised training rows, read from the instances; else null. */
    private transient RowSource trainingRows;

    /** One-hot coding of nominal attributes (for networks with hidden layers). */
    public InputPipeline() {
        this(false);
    }

    /**
     * @param referenceCoding true: k - 1 treatment contrasts per nominal attribute (GLM mode); false: one-hot
     */
    public InputPipeline(boolean referenceCoding) {
        this.referenceCoding = referenceCoding;
    }

    /**
     * Fits on a stream's first mini-batch: the attributes constant in it stay (their columns standardised with scale
     * 1, so that their later values reach the network); those with no value in it go, and a nominal one with almost
     * all its values distinct only where the batch is large enough to tell (see {@link Summary#useless}).
     *
     * @return this
     */
    public InputPipeline forStream() {
        stream = true;
        return this;
    }

    /**
     * Fits the filters and the standardiser on the training data.
     *
     * @param data        training data with a class attribute and no missing class values. Not modified.
     * @param standardize whether to standardise the inputs
     * @param weights     instance weights (for the weighted moments). Not modified.
     * @return the standardised input matrix, n x d
     * @throws Exception when a filter fails
     */
    public DMatrixRMaj fit(Instances data, boolean standardize, double[] weights) throws Exception {
        return fit(data, standardize, weights, null, null, 1);
    }

    /**
     * Fits the filters and the standardiser on the training data, given (numeric inputs only) the raw values that
     * {@link Targets#known} copied in its pass over the instances; the sums and the standardisation run on
     * {@code threads} threads (the same bits for any number).
     *
     * @param data        training data with a class attribute and no missing class values. Not modified.
     * @param standardize whether to standardise the inputs
     * @param weights     the instances' weights (for the weighted moments). Not modified.
     * @param rawInputs   the instances' input values, row-major in attribute order without the class, NaN when
     *                    missing ({@link Targets.Known#inputs}); or null to read them here. Used as the matrix.
     * @param classValues with rawInputs: the instances' class values; else null
     * @param threads     the threads to use (at least 1)
     * @return the standardised input matrix, n x d
     * @throws Exception when a filter fails
     */
    public DMatrixRMaj fit(Instances data, boolean standardize, double[] weights, double[] rawInputs,
                           double[] classValues, int threads) throws Exception {
        return fit(data, standardize, weights, rawInputs, classValues, null, threads, 0, Reading.COPY, null);
    }

    /** How a fit of numeric inputs gives the training its rows ({@link #takeTrainingRows()} or the matrix). */
    public enum Reading {
        /** A standardised copy of the inputs, n x d. */
        COPY,
        /**
         * The rows read from the instances when each is one copy of an instance's value array ({@link DenseValues}: the
         * instances of Weka's own DenseInstance class, the kept attributes consecutive and without a missing value), as
         * fast as reading the copy and without its memory; else the copy.
         */
        WHOLE_ROWS,
        /** The rows read from the instances, value by value where a row cannot be copied whole. */
        ALWAYS
    }

    /**
     * {@link #fit(Instances, boolean, double[], double[], double[], int)} with one scale for the 0/1 columns (one-hot
     * columns, binary numeric attributes) instead of their standard deviations
     * ({@link Standardizer#fit(DMatrixRMaj, double[], double[], int, double)}), and, when {@code lean} and the inputs
     * left are all numeric, makes no input matrix: the standardiser is fitted on the instances' values read in blocks
     * (the same means and scales to the bit), and {@link #takeTrainingRows()} then reads the standardised rows from the
     * instances on demand (the same numbers as the matrix's rows).
     *
     * @param data        training data with a class attribute and no missing class values. Not modified.
     * @param standardize whether to standardise the inputs
     * @param weights     the instances' weights (for the weighted moments). Not modified.
     * @param rawInputs   as {@link #fit(Instances, boolean, double[], double[], double[], int)}, or null
     * @param classValues with rawInputs: the instances' class values; with the valueArrays of a lean fit, the same or
     *                    null; else null
     * @param rawSummary  with rawInputs, or with the valueArrays of a lean fit: the raw inputs' {@link ColumnSummary}
     *                    with these weights and their total (as {@link ColumnSummary#of} gives it, e.g.
     *                    {@link Targets.Known#inputSummary}, which saves the summary's pass over them), or null to make
     *                    it here (a copying fit from the instances makes it here in any case)
     * @param threads     the threads to use (at least 1)
     * @param binaryScale the scale of a 0/1 column when standardising; 0 for its standard deviation
     * @param reading     whether to read the inputs from the instances instead of copying them (numeric inputs only;
     *                    rawInputs must then be null unless {@link Reading#COPY})
     * @param valueArrays when reading the instances: per instance its value array ({@link DenseValues#of}, e.g.
     *                    {@link Targets.Known#valueArrays}), or null to find them here
     * @return the standardised input matrix, n x d; null when the inputs are read from the instances
     * @throws Exception when a filter fails
     */
    public DMatrixRMaj fit(Instances data, boolean standardize, double[] weights, double[] rawInputs,
                           double[] classValues, ColumnSummary rawSummary, int threads, double binaryScale, Reading reading,
                           double[][] valueArrays) throws Exception {
        try {
            return fitAll(data, standardize, weights, rawInputs, classValues, rawSummary, threads, binaryScale, reading,
                    valueArrays);
        } catch (Standardizer.NotFinite e) {   // every fit of the standardiser below: name the input and the weights
            throw new IllegalArgumentException(overflowMessage("input '" + inputNames[e.column()] + "'", weights), e);
        }
    }

    private DMatrixRMaj fitAll(Instances data, boolean standardize, double[] weights, double[] rawInputs,
                               double[] classValues, ColumnSummary rawSummary, int threads, double binaryScale, Reading reading,
                               double[][] valueArrays) throws Exception {
        final boolean lean = reading != Reading.COPY;
        trainingRows = null;
        inputsFinite = false;
        if (lean && rawInputs != null) {
            throw new IllegalArgumentException("InputPipeline: a lean fit reads the instances, not copied raw inputs");
        }
        this.binaryScale = standardize ? binaryScale : 0;
        // the filters see the header only: Filter.setInputFormat runs a capabilities test over every instance given
        final Instances structure = new Instances(data, 0);
        missing.setInputFormat(structure);
        final int[] inputs = numericInputs(data, new int[0]);
        if (rawInputs != null && (inputs == null || classValues == null || classValues.length != data.numInstances()
                || rawInputs.length < data.numInstances() * inputs.length)) {
            throw new IllegalArgumentException("InputPipeline: raw inputs given for data that are not all numeric inputs, "
                    + "or of another size");
        }
        if (rawSummary != null && (rawInputs == null && valueArrays == null || inputs == null
                || rawSummary.columns() != inputs.length)) {
            throw new IllegalArgumentException("InputPipeline: a column summary given without raw inputs or value arrays, "
                    + "or of another width");
        }
        // numeric inputs only: the one pass over the instances also copies their raw values (NaN when missing)
        final double[] raw = rawInputs != null ? rawInputs
                : inputs == null || lean ? null : new double[Math.max(1, data.numInstances() * inputs.length)];
        // a lean fit of numeric inputs: the instances' value arrays, read in place
        final double[][] arrays = !lean || inputs == null ? null
                : valueArrays != null && valueArrays.length == data.numInstances() ? valueArrays : DenseValues.of(data);
        // arrays handed on by Targets.known come with the instances' own weights (Targets' weights): no need to check
        final Summary fromArrays = arrays == null ? null
                : summariseArrays(data, inputs, arrays, weights, arrays == valueArrays,
                        arrays == valueArrays && rawInputs == null ? rawSummary : null,
                        arrays == valueArrays && classValues != null && classValues.length == data.numInstances()
                                ? classValues : null);
        final Summary summary = rawInputs != null
                ? summarise(data, inputs, rawInputs, classValues, weights, rawSummary, threads)
                : fromArrays != null ? fromArrays : summarise(data, inputs, raw, weights);
        final Instances means = new Instances(data, 1);
        means.add(new DenseInstance(1.0, summary.meansAndModes(data, weights)));
        for (int i = 0; i < means.numInstances(); i++) {
            missing.input(means.instance(i));
        }
        missing.batchFinished();
        missing.output();
        final double[] fill = replacements(data, missing);
        final int[] removed = summary.useless(fill, data, stream);
        missingInputs = summary.missingInputs;
        missingInTraining = missingInputs;
        leftOut = new String[removed.length];
        for (int r = 0; r < removed.length; r++) {
            leftOut[r] = data.attribute(removed[r]).name();
        }
        useless.setAttributeIndicesArray(removed);
        useless.setInvertSelection(false);
        useless.setInputFormat(missing.getOutputFormat());
        final Instances beforeBinary = useless.getOutputFormat();
        Instances d;
        try {
            binary.setInputFormat(beforeBinary);
            d = binary.getOutputFormat();
        } catch (IllegalArgumentException e) {
            if (!String.valueOf(e.getMessage()).startsWith("Attribute names are not unique")) {
                throw e;
            }
            throw new IllegalArgumentException("The nominal inputs' columns are named attribute=value (NominalToBinary), "
                    + "and another attribute already has such a name: " + e.getMessage().trim() + ". Rename that "
                    + "attribute", e);
        }
        if (referenceCoding) {
            final java.util.List<Integer> drop = new java.util.ArrayList<>();
            final java.util.List<String> levels = new java.util.ArrayList<>();
            for (int a = 0; a < beforeBinary.numAttributes(); a++) {
                final weka.core.Attribute att = beforeBinary.attribute(a);
                if (a != beforeBinary.classIndex() && att.isNominal() && att.numValues() > 2) {
                    final weka.core.Attribute first = d.attribute(att.name() + "=" + att.value(0));
                    if (first == null) {
                        throw new IllegalStateException("Reference coding: NominalToBinary made no column '"
                                + att.name() + "=" + att.value(0) + "'");
                    }
                    drop.add(first.index());
                    levels.add(att.name() + "=" + att.value(0));
                }
            }
            if (!drop.isEmpty()) {
                reference = new Remove();
                reference.setAttributeIndicesArray(drop.stream().mapToInt(Integer::intValue).toArray());
                reference.setInputFormat(d);
                d = reference.getOutputFormat();
            }
            referenceLevels = levels.toArray(new String[0]);
        }
        header = new Instances(d, 0);
        final int cls = header.classIndex();
        final int cols = Math.max(1, header.numAttributes() - 1);
        inputNames = new String[cols];
        if (header.numAttributes() == 1) {
            inputNames[0] = "(no input attribute left)";
        }
        for (int a = 0, j = 0; a < header.numAttributes(); a++) {
            if (a != cls) {
                inputNames[j++] = header.attribute(a).name();
            }
        }
        inputAttributes = sources(inputNames, beforeBinary);
        DMatrixRMaj x;
        double[] columnSums = null;
        // with the sums, the kept columns' places in the summary's moments (their squares found in the same pass)
        int[] momentColumns = null;
        final int[] kept = numericInputs(data, removed);
        if (kept != null && reference == null && kept.length == header.numAttributes() - 1) {
            numericKept = kept;
            fillValues = fill;
            // numeric inputs only: the filters impute, drop columns and copy; do that here, without them, from
            // the raw values the summary pass copied (all inputs, in attribute order)
            final int n = data.numInstances();
            // without missing values, the summary pass's sums (ReplaceMissingValues': w x in instance order) are the
            // standardiser's column sums, to the bit: it need not sum the columns again
            if (summary.missingInputs == 0 && kept.length > 0 && summary.weightsMatch) {
                columnSums = new double[kept.length];
                for (int c = 0; c < kept.length; c++) {
                    columnSums[c] = summary.results[kept[c]];
                }
                momentColumns = summary.momentColumns(kept);
            }
            final InstanceRows rawRows = lean && kept.length > 0
                    ? new InstanceRows(data, kept, fill, (Standardizer) null, arrays, summary.missingInputs == 0) : null;
            if (rawRows != null && (reading == Reading.ALWAYS || rawRows.wholeRows())) {
                final double[] sums = columnSums;
                standardizer = standardiser(standardize, cols, data.numInstances(), weights, sums, summary,
                        momentColumns, () -> Standardizer.fit(rawRows, weights, sums, binaryScale));
                trainingRows = rawRows.standardised(standardizer);
                return null;
            }
            if (raw == null) { // nominal inputs, all removed as useless; or a lean fit that copies after all
                x = new DMatrixRMaj(n, cols);
                for (int i = 0; i < n; i++) {
                    InstanceRows.read(data.instance(i), kept, fill, x.data, i * cols);
                }
                standardizer = standardize ? Standardizer.fit(x, weights, null, threads, binaryScale)
                        : Standardizer.identity(cols);
                inputsFinite = standardizer.applyChecked(x, threads);
                return x;
            }
            final int all = inputs.length;
            final int[] from = new int[kept.length]; // position of each kept attribute among the inputs
            for (int c = 0, p = 0; c < kept.length; c++) {
                while (inputs[p] != kept[c]) {
                    p++;
                }
                from[c] = p;
            }
            if (kept.length == all && all > 0) {
                x = DMatrixRMaj.wrap(n, cols, raw);
            } else {
                x = new DMatrixRMaj(n, cols);
                if (kept.length > 0) {
                    for (int i = 0; i < n; i++) {
                        for (int c = 0; c < kept.length; c++) {
                            x.data[i * cols + c] = raw[i * all + from[c]];
                        }
                    }
                }
            }
            if (summary.missingInputs > 0) {
                for (int i = 0; i < n; i++) {
                    for (int c = 0; c < kept.length; c++) {
                        if (Utils.isMissingValue(x.data[i * cols + c])) {
                            x.data[i * cols + c] = fill[kept[c]];
                        }
                    }
                }
            }
        } else {
            numericKept = null;
            fillValues = null;
            checkEncodedSize(beforeBinary, data.numInstances(), cols);
            try {
                x = new DMatrixRMaj(data.numInstances(), cols);
            } catch (OutOfMemoryError e) {
                // the heap had less room than its maximum: what was left after the garbage the JVM could collect
                throw encodedSizeError(beforeBinary, data.numInstances(), cols, "more than the JVM's heap had room for");
            }
            for (int i = 0; i < data.numInstances(); i++) {
                copyRow(encode(data.instance(i)), x.data, i * cols);
            }
        }
        final DMatrixRMaj matrix = x;
        final double[] sums = columnSums;
        standardizer = standardiser(standardize, cols, x.numRows, weights, sums, summary, momentColumns,
                () -> Standardizer.fit(matrix, weights, sums, threads, binaryScale));
        inputsFinite = standardizer.applyChecked(x, threads);
        return x;
    }

    /**
     * The inputs' standardiser: the identity when not standardising; from the first pass's column sums and moments
     * when it found them for these columns (the same bits as a fit, without reading the inputs again); else fitted.
     *
     * @param momentColumns the kept columns' places in {@code summary.inputMoments}, or null
     * @param fit           the standardiser's own fit on the kept columns
     */
    private Standardizer standardiser(boolean standardize, int cols, int n, double[] weights, double[] columnSums,
                                      Summary summary, int[] momentColumns,
                                      java.util.function.Supplier<Standardizer> fit) {
        if (!standardize) {
            return Standardizer.identity(cols);
        }
        return momentColumns != null
                ? Standardizer.of(n, weights, columnSums, summary.inputMoments, momentColumns, binaryScale) : fit.get();
    }

    /**
     * @param what    the input or class, in words
     * @param weights the instance weights, or null for weights all 1
     * @return why standardising it overflowed and what to do
     */
    public static String overflowMessage(String what, double[] weights) {
        double maxWeight = weights == null ? 1 : 0;
        if (weights != null) {
            for (double v : weights) {
                maxWeight = Math.max(maxWeight, v);
            }
        }
        return "Standardising " + what + " overflowed: its weighted sum of squares is not finite (instance weights up to "
                + maxWeight + " times the squared values leave double precision's range, about 1.8E308). Rescale the "
                + "weights (only their ratios matter for the fit) or the values";
    }

    /**
     * The encoded inputs (one column per value of each nominal attribute) are one n x cols matrix: one whose entries
     * an array cannot hold, or whose doubles exceed the JVM's largest heap ({@code -Xmx}), is refused naming the
     * attribute with the most values, instead of EJML's "Matrix size exceeds the size of an integer" or an
     * OutOfMemoryError mid-build (a nominal attribute of 270,000 declared values on 8,000 instances); one that could fit
     * but finds no room is refused the same way when it is allocated. Only the heap's maximum is judged here, not what
     * it holds now, which counts garbage the next collection would free.
     *
     * @param attributes the attributes before the encoding (class included)
     * @param n          the instances
     * @param cols       the encoded input columns
     */
    private static void checkEncodedSize(Instances attributes, int n, int cols) {
        final long entries = (long) n * cols;
        if (entries > Integer.MAX_VALUE - 8) {
            throw encodedSizeError(attributes, n, cols, "more than one Java array holds");
        }
        final long heap = Runtime.getRuntime().maxMemory();
        if (8 * entries > heap) {
            throw encodedSizeError(attributes, n, cols, String.format(java.util.Locale.ROOT,
                    "more than the JVM's largest heap, %.3g GB (-Xmx)", heap / 1e9));
        }
    }

    /** @return the error for an encoding of n x cols entries that does not fit, saying why ({@code why}) and what to do */
    private static IllegalArgumentException encodedSizeError(Instances attributes, int n, int cols, String why) {
        final long entries = (long) n * cols;
        weka.core.Attribute widest = null;
        for (int a = 0; a < attributes.numAttributes(); a++) {
            final weka.core.Attribute att = attributes.attribute(a);
            if (a != attributes.classIndex() && att.isNominal() && (widest == null || att.numValues() > widest.numValues())) {
                widest = att;
            }
        }
        return new IllegalArgumentException(String.format(java.util.Locale.ROOT, "The inputs' encoding has %d columns "
                + "(one per value of each nominal attribute%s) for %d instances: %d entries, %.3g GB, %s. Merge or remove "
                + "values (e.g. with MergeInfrequentNominalValues; values declared but never used count too), or remove "
                + "the attribute", cols, widest == null ? "" : "; '" + widest.name() + "' has " + widest.numValues(), n,
                entries, 8e-9 * entries, why));
    }

    /**
     * @return whether every entry of the matrix the last {@link #fit} returned was found finite as it was standardised
     *         (false when it was not, or when fit made no matrix)
     */
    public boolean fittedInputsFinite() {
        return inputsFinite;
    }

    /**
     * Synchronised: Weka filters pass instances through internal queues ({@code input}/{@code output}),
     * so concurrent predictions must take turns here (the network part runs in parallel).
     *
     * @param instance an instance with the training data's attributes (class value may be missing). Not modified.
     * @return its standardised input row, 1 x d
     * @throws Exception when a filter fails
     */
    @Override
    public synchronized DMatrixRMaj transform(Instance instance) throws Exception {
        final DMatrixRMaj row = new DMatrixRMaj(1, inputNames.length);
        if (numericKept != null) {
            InstanceRows.read(instance, numericKept, fillValues, row.data, 0);
        } else {
            copyRow(encode(instance), row.data, 0);
        }
        standardizer.applyRow(row.data, 0);   // one row: no blocks to lay out
        return row;
    }

    /**
     * Rows {@code from .. from + rows.numRows - 1} of {@code data}, standardised, into {@code rows}
     * (for batch prediction; synchronised like {@link #transform}).
     *
     * @param data instances with the training data's attributes. Not modified.
     * @param from the first instance
     * @param rows n x d. Overwritten.
     * @throws Exception when a filter fails
     */
    @Override
    public synchronized void transform(Instances data, int from, DMatrixRMaj rows) throws Exception {
        final int cols = inputNames.length;
        for (int i = 0; i < rows.numRows; i++) {
            if (numericKept != null) {
                InstanceRows.read(data.instance(from + i), numericKept, fillValues, rows.data, i * cols);
            } else {
                copyRow(encode(data.instance(from + i)), rows.data, i * cols);
            }
        }
        standardizer.apply(rows);
    }

    /** @return the instance through the fitted filters (missing values, useless attributes, nominal coding) */
    private Instance encode(Instance instance) throws Exception {
        missing.input(instance);
        useless.input(missing.output());
        binary.input(useless.output());
        final Instance filtered = binary.output();
        if (reference == null) {
            return filtered;
        }
        reference.input(filtered);
        return reference.output();
    }

    /**
     * What one pass over the training instances finds, per attribute: the sums of
     * {@link ReplaceMissingValues#batchFinished()} (weighted sums {@code sum w x} of the present values; the
     * total weight minus the weights of the missing values; a nominal attribute's value weights, value 0's
     * being the total minus the others' and the missing ones'), in its order of operations, so that the means
     * and modes are the same to the bit; the missing values; and the distinct present values (compared by their
     * bits, as Weka's attribute statistics do), up to two for a numeric attribute.
     */
    private static final class Summary {
        final double[][] counts;
        final double[] sums, results;
        final int[] missingCount, distinct;
        final long[] first;
        final boolean[][] seen;
        final boolean[] nominal, numeric;
        /** Missing input values (the class left out). */
        int missingInputs;
        /** Whether every instance's weight is the given weight, to the bit (then the total is theirs too). */
        boolean weightsMatch = true;
        /** The numeric inputs' moments when their column summary had them ({@link ColumnSummary#moments}); else null. */
        ColumnMoments inputMoments;
        /** With inputMoments: per attribute its column there, -1 for an attribute that is not a numeric input. */
        int[] momentColumn;

        /**
         * @param total the instances' total weight, as {@link Instances#sumOfWeights()} adds it (a guess checked
         *              by {@link #weightsMatch})
         */
        Summary(Instances data, double total) {
            final int d = data.numAttributes();
            counts = new double[d][];
            sums = new double[d];
            results = new double[d];
            missingCount = new int[d];
            distinct = new int[d];
            first = new long[d];
            seen = new boolean[d][];
            nominal = new boolean[d];
            numeric = new boolean[d];
            for (int j = 0; j < d; j++) {
                sums[j] = total;
                nominal[j] = data.attribute(j).isNominal();
                numeric[j] = data.attribute(j).isNumeric();
                if (nominal[j]) {
                    counts[j] = new double[data.attribute(j).numValues()];
                    if (counts[j].length > 0) {
                        counts[j][0] = total;
                    }
                    seen[j] = new boolean[counts[j].length];
                }
            }
        }

        /** The numeric inputs' sums, present weights, missing and distinct values from their column summary. */
        void setInputs(int[] inputs, ColumnSummary columns) {
            inputMoments = columns.moments();
            momentColumn = new int[sums.length];
            java.util.Arrays.fill(momentColumn, -1);
            for (int c = 0; c < inputs.length; c++) {
                final int j = inputs[c];
                results[j] = columns.sum(c);
                sums[j] = columns.presentWeight(c);
                missingCount[j] = columns.missing(c);
                distinct[j] = columns.distinct(c);
                first[j] = Double.doubleToLongBits(columns.first(c));
                missingInputs += columns.missing(c);
                momentColumn[j] = c;
            }
        }

        /**
         * @param kept attributes, numeric inputs
         * @return their columns in {@link #inputMoments}, or null when there are none, or when those are in blocks of
         *         another number of rows than the standardiser's own fit on the kept columns takes (wide inputs some of
         *         which were removed): then it fits them, and a build gives the same bits on any number of threads
         */
        int[] momentColumns(int[] kept) {
            if (inputMoments == null || inputMoments.blockRows() != ColumnMoments.blockRows(kept.length)) {
                return null;
            }
            final int[] at = new int[kept.length];
            for (int c = 0; c < kept.length; c++) {
                at[c] = momentColumn[kept[c]];
                if (at[c] < 0) {
                    return null;
                }
            }
            return at;
        }

        /** A present value v (weight w) of attribute j: the sums of ReplaceMissingValues. */
        private void addToSums(int j, double v, double w) {
            if (nominal[j]) {
                if (counts[j].length > 0) {
                    counts[j][(int) v] += w;
                    counts[j][0] -= w;
                }
            } else if (numeric[j]) {
                results[j] += w * v;
            }
        }

        /** A missing value (weight w) of attribute j: the sums of ReplaceMissingValues. */
        private void missingFromSums(int j, double w) {
            if (nominal[j]) {
                if (counts[j].length > 0) {
                    counts[j][0] -= w;
                }
            } else if (numeric[j]) {
                sums[j] -= w;
            }
        }

        /**
         * The value v of attribute j (NaN: missing) of an instance of weight w, for the missing and distinct values; the
         * values of an instance of weight 0 are not among the distinct ones (they say nothing in the fit, and an attribute
         * constant on the instances of positive weight has no scale there: kept, its values elsewhere would reach the
         * network through weights no gradient ever moved).
         */
        private void count(int j, double v, double w) {
            if (Utils.isMissingValue(v)) {
                missingCount[j]++;
            } else if (w == 0) {
                return;
            } else if (seen[j] != null) {
                if (!seen[j][(int) v]) {
                    seen[j][(int) v] = true;
                    distinct[j]++;
                }
            } else if (distinct[j] == 0) {
                first[j] = Double.doubleToLongBits(v);
                distinct[j] = 1;
            } else if (distinct[j] == 1 && Double.doubleToLongBits(v) != first[j]) {
                distinct[j] = 2;
            }
        }

        /**
         * A dense instance: each value read once; a sparse one: its stored values for the sums, as
         * ReplaceMissingValues reads them, and all its values for the counts.
         *
         * @param inputs all the attributes but the class, in order, when they are all numeric; else null
         * @param raw    when not null, the input values go to {@code raw[offset ..]}, in the order of {@code inputs}
         */
        void add(Instance inst, int cls, int[] inputs, double[] raw, int offset, double expectedWeight) {
            final double w = inst.weight();
            if (Double.doubleToRawLongBits(w) != Double.doubleToRawLongBits(expectedWeight)) {
                weightsMatch = false;
            }
            final int d = sums.length;
            if (inst instanceof DenseInstance) {
                for (int j = 0; j < d; j++) {
                    final double v = inst.value(j);
                    if (raw != null && j != cls) {
                        raw[offset + (j < cls ? j : j - 1)] = v; // inputs[c] == (c < cls ? c : c + 1)
                    }
                    if (Utils.isMissingValue(v)) {
                        missingFromSums(j, w);
                        if (j != cls) {
                            missingInputs++;
                        }
                    } else {
                        addToSums(j, v, w);
                    }
                    count(j, v, w);
                }
            } else {
                for (int k = 0; k < inst.numValues(); k++) {
                    final int j = inst.index(k);
                    if (inst.isMissingSparse(k)) {
                        missingFromSums(j, w);
                    } else {
                        addToSums(j, inst.valueSparse(k), w);
                    }
                }
                for (int j = 0; j < d; j++) {
                    final double v = inst.value(j);
                    if (Utils.isMissingValue(v) && j != cls) {
                        missingInputs++;
                    }
                    count(j, v, w);
                }
                if (raw != null) {
                    for (int c = 0; c < inputs.length; c++) {
                        raw[offset + c] = inst.value(inputs[c]);
                    }
                }
            }
        }

        /**
         * @param data    the instances summarised. Not modified.
         * @param weights their weights, or null for the instances' own. Not modified.
         * @return one instance's values holding each attribute's mean (numeric) or mode (nominal), as
         *         ReplaceMissingValues computes them: the sum over the total weight of the present values (missing
         *         when that is not above 1e-6); the first value of largest weight. A mean whose weighted sum left the
         *         doubles (weights of 1e300 times values of 1e12) is computed again with the weights divided by the
         *         largest: it was Infinity or NaN, and with -no-standardize (nothing else then overflows) a model
         *         predicted NaN for every instance with that input missing.
         */
        double[] meansAndModes(Instances data, double[] weights) {
            final int d = sums.length;
            final double[] values = new double[d];
            for (int j = 0; j < d; j++) {
                values[j] = Utils.missingValue();
                if (nominal[j]) {
                    if (counts[j].length > 0) {
                        values[j] = Utils.maxIndex(counts[j]);
                    }
                } else if (numeric[j] && Utils.gr(sums[j], 0)) {
                    values[j] = results[j] / sums[j];
                    if (!Double.isFinite(values[j])) {
                        values[j] = scaledMean(data, weights, j);
                    }
                }
            }
            return values;
        }

        /** @return the weighted mean of attribute j's present values, the weights divided by the largest of them */
        private static double scaledMean(Instances data, double[] weights, int j) {
            double max = 0;
            for (int i = 0; i < data.numInstances(); i++) {
                if (!data.instance(i).isMissing(j)) {
                    max = Math.max(max, weights == null ? data.instance(i).weight() : weights[i]);
                }
            }
            double sum = 0, total = 0;
            for (int i = 0; i < data.numInstances(); i++) {
                final Instance inst = data.instance(i);
                if (!inst.isMissing(j)) {
                    final double w = (weights == null ? inst.weight() : weights[i]) / max;
                    sum += w * inst.value(j);
                    total += w;
                }
            }
            return sum / total;
        }

        /**
         * The attributes {@link RemoveUseless} (default settings) would remove from the imputed data: all values
         * missing, fewer than two distinct values (among the instances of weight other than 0), or nominal with more
         * than 99% of the present values distinct.
         * The class never. Imputation turns the missing values of attribute j into {@code fill[j]}: one more
         * distinct value when there were missing values and it is not missing itself.
         *
         * On a stream's first mini-batch, a constant attribute stays, and a nominal one with its values almost all
         * distinct goes only where the batch has at least {@value #STREAM_IDENTIFIER_ROWS} values of it (in 8 rows,
         * 8 distinct values of a 50-valued attribute say nothing; in 100, 100 distinct values suggest an identifier).
         *
         * @param fill   what the fitted missing-value filter puts in place of a missing value, per attribute
         * @param stream whether the data are a stream's first mini-batch
         * @return the attributes to remove, ascending
         */
        int[] useless(double[] fill, Instances data, boolean stream) {
            final int d = sums.length, n = data.numInstances(), cls = data.classIndex();
            final java.util.List<Integer> remove = new java.util.ArrayList<>();
            for (int j = 0; j < d; j++) {
                int missingAfter = missingCount[j];
                if (missingAfter > 0 && !Utils.isMissingValue(fill[j])) {
                    missingAfter = 0;
                    count(j, fill[j], 1.0); // a present value: only the distinct values change
                }
                final boolean constant = distinct[j] < 2;
                final boolean identifier = seen[j] != null && (double) distinct[j] / (double) (n - missingAfter) * 100.0 > 99.0;
                if (j != cls && (missingAfter == n || !stream && (constant || identifier)
                        || stream && identifier && n - missingAfter >= STREAM_IDENTIFIER_ROWS)) {
                    remove.add(j);
                }
            }
            return remove.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /**
     * One pass over the training instances: the {@link Summary}, and with {@code raw} the raw input values.
     * With weights (or null for all 1) that are the instances' own, as the caller's always are, the total weight
     * is summed from them, as {@link Instances#sumOfWeights()} would, without a pass over the instances; the
     * pass checks that guess and is run again with Weka's total when it was wrong.
     *
     * @param inputs  the input attributes, in order, when all are numeric; else null
     * @param raw     n x inputs.length, row-major, to receive the raw input values (NaN when missing); or null
     * @param weights the weights the standardiser is given; null for 1
     */
    private static Summary summarise(Instances data, int[] inputs, double[] raw, double[] weights) {
        final int n = data.numInstances();
        final Summary s = pass(data, inputs, raw, weights, neuralglm.family.Family.totalWeight(weights, n));
        return s.weightsMatch ? s : pass(data, inputs, raw, weights, data.sumOfWeights());
    }

    /**
     * The {@link Summary} of numeric inputs from their raw values (the engine's {@link ColumnSummary}: given, or made
     * here with the columns on {@code threads} threads) and of the class from its values: the sums, counts and distinct values that
     * {@link #pass} finds over the same dense instances, to the bit.
     */
    private static Summary summarise(Instances data, int[] inputs, double[] raw, double[] classValues, double[] weights,
                                     ColumnSummary given, int threads) {
        final int n = data.numInstances(), cls = data.classIndex();
        final double total = neuralglm.family.Family.totalWeight(weights, n);
        final Summary s = new Summary(data, total);
        s.setInputs(inputs, given != null ? given : ColumnSummary.of(raw, n, inputs.length, weights, total, threads));
        for (int i = 0; i < n; i++) {
            s.addToSums(cls, classValues[i], weights == null ? 1.0 : weights[i]);
            s.count(cls, classValues[i], 1.0);   // the class: its distinct values are not used
        }
        return s;
    }

    /**
     * {@link #summarise(Instances, int[], double[], double[], double[], ColumnSummary, int)} of numeric inputs read from
     * the instances' value arrays ({@link DenseValues}) a block of rows at a time ({@link ColumnSummary.Rows}, as
     * {@link Targets#known} makes it while copying them): the sums, counts and distinct values {@link #pass} finds, to
     * the bit, without a call per value.
     *
     * @param arrays          per instance its value array (null for an instance without one)
     * @param instanceWeights whether the weights are known to be the instances' own (else each is compared)
     * @param given           with instanceWeights: the inputs' summary made as the arrays were found
     *                        ({@link Targets.Known#inputSummary}), which saves the pass over them; else null
     * @param classValues     with given: the instances' class values in one array ({@link Targets.Known#classValues}),
     *                        read instead of each value array's class entry; else null
     * @return the summary; null when an instance has no array, a weight differs from its instance's or an input value is
     *         missing (then {@link #pass})
     */
    private static Summary summariseArrays(Instances data, int[] inputs, double[][] arrays, double[] weights,
                                           boolean instanceWeights, ColumnSummary given, double[] classValues) {
        final int n = data.numInstances(), m = inputs.length, cls = data.classIndex(), d = data.numAttributes();
        if (weights == null || m == 0 || m != d - 1) {
            return null;
        }
        // a block of rows per call, in both loops: called often, the methods are compiled as they are in the first
        // build (one loop over every row is compiled on its back edges only, and that code was dropped where the loop
        // ended, so the next builds ran it in the profiling tier)
        for (int b0 = 0; b0 < n; b0 += CLASS_BLOCK) {
            if (!arraysAndWeights(data, arrays, weights, instanceWeights, b0, Math.min(n, b0 + CLASS_BLOCK))) {
                return null;
            }
        }
        final double total = neuralglm.family.Family.totalWeight(weights, n);
        final Summary s = new Summary(data, total);
        if (given != null && instanceWeights) {
            for (int b0 = 0; b0 < n; b0 += CLASS_BLOCK) {
                addClass(s, cls, classValues, arrays, weights, b0, Math.min(n, b0 + CLASS_BLOCK));
            }
            s.setInputs(inputs, given);
            return s;
        }
        final ColumnSummary.Rows rows = new ColumnSummary.Rows(m);
        final int block = ColumnMoments.readerRows(m, SUMMARY_BLOCK);
        final double[] buf = new double[Math.min(n, block) * m];
        for (int b0 = 0; b0 < n; b0 += block) {
            final int b1 = Math.min(n, b0 + block);
            for (int i = b0, o = 0; i < b1; i++, o += m) {
                final double[] a = arrays[i];
                copyInputs(a, cls, d, buf, o);
                s.addToSums(cls, a[cls], weights[i]); // the class, as summarise adds it
                s.count(cls, a[cls], 1.0);   // the class: its distinct values are not used
            }
            rows.addBlock(buf, b1 - b0, weights);
        }
        final ColumnSummary columns = rows.summary(total);
        if (columns == null) {
            return null;
        }
        s.setInputs(inputs, columns);
        return s;
    }

    /** Rows per call of {@link #summariseArrays}' loops over the rows. */
    private static final int CLASS_BLOCK = 4096;

    /**
     * @return whether rows {@code i0 .. i1 - 1} all have a value array and (unless instanceWeights) their instance's
     *         own weight: else {@link #summariseArrays} leaves them to the pass (its weightsMatch)
     */
    private static boolean arraysAndWeights(Instances data, double[][] arrays, double[] weights, boolean instanceWeights,
                                            int i0, int i1) {
        for (int i = i0; i < i1; i++) {
            if (arrays[i] == null || !instanceWeights && Double.doubleToRawLongBits(data.instance(i).weight())
                    != Double.doubleToRawLongBits(weights[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * The class values of rows {@code i0 .. i1 - 1} into the summary's sums and counts, as summarise adds them: from
     * the array Targets.known read them into (no second read of each instance's values), else from the value arrays.
     */
    private static void addClass(Summary s, int cls, double[] classValues, double[][] arrays, double[] weights, int i0,
                                 int i1) {
        for (int i = i0; i < i1; i++) {
            final double v = classValues != null ? classValues[i] : arrays[i][cls];
            s.addToSums(cls, v, weights[i]);
            s.count(cls, v, 1.0);   // the class: its distinct values are not used
        }
    }

    /**
     * Copies an instance's input values from its value array (every attribute of d but the class, in order: the values
     * before the class and after it) to {@code to[at ..]}.
     */
    static void copyInputs(double[] values, int cls, int d, double[] to, int at) {
        System.arraycopy(values, 0, to, at, cls);
        System.arraycopy(values, cls + 1, to, at + cls, d - cls - 1);
    }

    /** Entries of a block of rows read by {@link #summariseArrays} (in the first-level cache). */
    private static final int SUMMARY_BLOCK = 4096;

    private static Summary pass(Instances data, int[] inputs, double[] raw, double[] weights, double total) {
        final Summary s = new Summary(data, total);
        final int cls = data.classIndex();
        for (int i = 0, n = data.numInstances(); i < n; i++) {
            s.add(data.instance(i), cls, inputs, raw, raw == null ? 0 : i * inputs.length, weights == null ? 1.0 : weights[i]);
        }
        return s;
    }

    /** @return what the fitted missing-value filter puts in place of a missing value, per attribute */
    private static double[] replacements(Instances data, ReplaceMissingValues fitted) throws Exception {
        final double[] blank = new double[data.numAttributes()];
        java.util.Arrays.fill(blank, Utils.missingValue());
        final Instance blankInstance = new DenseInstance(1.0, blank);
        blankInstance.setDataset(data);
        fitted.input(blankInstance);
        return fitted.output().toDoubleArray();
    }

    /** @return the input attributes (all but the class), in order, when they are all numeric; else null */
    static int[] numericInputs(Instances data) {
        return numericInputs(data, new int[0]);
    }

    /**
     * @return the input attributes left after removing {@code removed} (ascending), in order, when they are
     *         all numeric; else null
     */

    private static int[] numericInputs(Instances data, int[] removed) {
        final java.util.Set<Integer> gone = new java.util.HashSet<>();
        for (int r : removed) {
            gone.add(r);
        }
        final java.util.List<Integer> kept = new java.util.ArrayList<>();
        for (int a = 0; a < data.numAttributes(); a++) {
            if (a != data.classIndex() && !gone.contains(a)) {
                if (!data.attribute(a).isNumeric()) {
                    return null;
                }
                kept.add(a);
            }
        }
        return kept.stream().mapToInt(Integer::intValue).toArray();
    }

    private void copyRow(Instance inst, double[] target, int offset) {
        final int cls = header.classIndex();
        for (int a = 0, j = 0; a < header.numAttributes(); a++) {
            if (a != cls) {
                target[offset + j++] = inst.value(a);
            }
        }
    }

    /**
     * @return after a lean {@link #fit(Instances, boolean, double[], double[], double[], ColumnSummary, int, double, boolean)} that
     *         made no matrix: the standardised training rows, read from the training instances on demand; else null.
     *         Given once: the pipeline (kept by the model) then forgets them and the instances.
     */
    public RowSource takeTrainingRows() {
        final RowSource rows = trainingRows;
        trainingRows = null;
        return rows;
    }

    /**
     * Rows of numeric instances through the fitted pipeline without a copy of the data: the kept attributes' values,
     * a missing one replaced by its fill value, then standardised ({@link Standardizer.RowBlocks}: the same bits as the
     * matrix {@code fit} makes). A row of a {@link DenseValues} array whose kept attributes are consecutive and have no
     * missing value in the data is one copy; other rows are read value by value.
     */
    static final class InstanceRows implements RowSource {
        private final Instances data;
        /** The rows: the instances' number when fitted (the instances must not change during the build). */
        private final int n;
        private final int[] kept;
        /** Per attribute: what replaces a missing value. */
        private final double[] fill;
        /** The standardiser applied to the rows read; null for the imputed values as they are. */
        private final Standardizer.RowBlocks standardizer;
        /** Per row the instance's value array ({@link DenseValues}), read as one copy; null for value-by-value reads. */
        private final double[][] arrays;

        /**
         * @param kept         the attributes read, in column order
         * @param fill         per attribute: what replaces a missing value
         * @param standardizer applied to each row read; null for the imputed values as they are
         * @param arrays       {@link DenseValues#of} the data, or null
         * @param complete     whether no kept attribute has a missing value in the data (else no row is read whole)
         */
        InstanceRows(Instances data, int[] kept, double[] fill, Standardizer standardizer, double[][] arrays,
                     boolean complete) {
            this(data, kept, fill, standardizer == null ? null : standardizer.rowBlocks(),
                    complete && consecutive(kept) ? arrays : null, false);
        }

        /**
         * @param standardizer the standardiser's blocks applied to the rows read, or null
         * @param arrays       per row the value array read whole (kept attributes consecutive and complete), or null
         * @param finite       whether the rows' values are known finite without reading them ({@link #knownFinite()})
         */
        private InstanceRows(Instances data, int[] kept, double[] fill, Standardizer.RowBlocks standardizer,
                             double[][] arrays, boolean finite) {
            this.data = data;
            this.n = data.numInstances();
            this.kept = kept.clone();
            this.fill = fill.clone();
            this.standardizer = standardizer;
            this.arrays = arrays;
            this.finite = finite;
        }

        /** @return whether the attributes are consecutive (at least one) */
        private static boolean consecutive(int[] kept) {
            for (int c = 1; c < kept.length; c++) {
                if (kept[c] != kept[0] + c) {
                    return false;
                }
            }
            return kept.length > 0;
        }

        /** @return the same rows, standardised by s */
        InstanceRows standardised(Standardizer s) {
            return new InstanceRows(data, kept, fill, s == null ? null : s.rowBlocks(), arrays,
                    finiteFill() && finiteUnder(s));
        }

        /** Whether the rows' values, standardised by s, are known finite without reading them. */
        private final boolean finite;

        /**
         * The instances' values passed {@link InputChecks} (magnitude at most {@link InputChecks#MAX_MAGNITUDE}, M; the
         * fill values, means of such values, are checked against M too), so {@code |x - m_j| <= 2M (1 + 2^-52)}, and with every scale
         * {@code s_j >= MIN_SCALE} = 1e-150 each standardised value has magnitude below 2.1e300: finite. Smaller scales
         * (columns whose values differ by less than about 1e-150) leave the check's pass to read the rows.
         *
         * @param s the standardiser (null: the values as they are, of magnitude at most M)
         */
        private static boolean finiteUnder(Standardizer s) {
            if (s == null) {
                return true;
            }
            for (double scale : s.scale()) {
                if (!(scale >= MIN_SCALE)) {
                    return false;
                }
            }
            return true;
        }

        /** @return whether the value that replaces a missing one is finite in every column (a weighted mean can overflow) */
        private boolean finiteFill() {
            for (int a : kept) {
                if (!(Math.abs(fill[a]) <= InputChecks.MAX_MAGNITUDE)) {
                    return false;
                }
            }
            return true;
        }

        /** The smallest scale under which the standardised values of checked inputs are known finite. */
        static final double MIN_SCALE = 1e-150;

        @Override
        public boolean knownFinite() {
            return finite;
        }

        /** @return whether every row is read as one copy of its instance's value array */
        boolean wholeRows() {
            if (arrays == null) {
                return false;
            }
            for (double[] a : arrays) {
                if (a == null) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int numRows() {
            return n;
        }

        @Override
        public int numCols() {
            return kept.length;
        }

        @Override
        public void gather(int[] index, int from, int count, double[] out) {
            // the rows are objects at random places: a first loop with a short body reads one value of each, so that the
            // processor waits for many rows' cache misses at once (memory-level parallelism; read row by row, the epochs
            // of a 1M x 20 build took about 1.45 times as long; the arrays alone, read without it, about 1.05); the rows
            // are then read from the cache
            final int first = kept.length == 0 ? 0 : kept[0];
            double touched = 0;
            for (int r = 0; r < count; r++) {
                final int i = index[from + r];
                final double[] values = arrays == null ? null : arrays[i];
                touched += values != null ? values[first] : data.instance(i).value(first);
            }
            sink = touched;
            for (int r = 0; r < count; r++) {
                row(index[from + r], out, r * kept.length);
            }
            if (standardizer != null) {
                standardizer.apply(out, count);
            }
        }

        /** Keeps the first loop of {@link #gather} from being removed as dead code. */
        private double sink;

        @Override
        public void range(int first, int count, double[] out) {
            for (int r = 0; r < count; r++) {
                row(first + r, out, r * kept.length);
            }
            if (standardizer != null) {
                standardizer.apply(out, count);
            }
        }

        /** Row i unstandardised: one copy of its value array when it has one, else value by value ({@link #read}). */
        private void row(int i, double[] out, int offset) {
            final double[] values = arrays == null ? null : arrays[i];
            if (values != null) {
                System.arraycopy(values, kept[0], out, offset, kept.length);
            } else {
                read(data.instance(i), kept, fill, out, offset);
            }
        }

        /**
         * What the fitted filters make of an instance with numeric inputs only, unstandardised: {@code out[offset + c]}
         * is its value of attribute {@code kept[c]}, or {@code fill[kept[c]]} when that is missing.
         *
         * @param fill per attribute: what replaces a missing value
         */
        static void read(Instance inst, int[] kept, double[] fill, double[] out, int offset) {
            for (int c = 0; c < kept.length; c++) {
                final double v = inst.value(kept[c]);
                out[offset + c] = Utils.isMissingValue(v) ? fill[kept[c]] : v;
            }
        }
    }

    /**
     * @return the name of the attribute each input column of the last fit comes from ({@code outlook} for
     *         {@code outlook=sunny}); null for a model read from a file
     */
    public String[] inputAttributes() {
        return inputAttributes == null ? null : inputAttributes.clone();
    }

    /**
     * The attribute of each column: the attribute of the column's name, or the nominal attribute a whose
     * NominalToBinary column {@code a=value} it is (the names are unique, NominalToBinary checks).
     */
    private static String[] sources(String[] columns, Instances attributes) {
        final java.util.Map<String, String> source = new java.util.HashMap<>();
        for (int a = attributes.numAttributes() - 1; a >= 0; a--) {
            final weka.core.Attribute att = attributes.attribute(a);
            if (a == attributes.classIndex()) {
                continue;
            }
            if (att.isNominal()) {
                for (int v = 0; v < att.numValues(); v++) {
                    source.put(att.name() + "=" + att.value(v), att.name());
                }
            }
        }
        for (int a = 0; a < attributes.numAttributes(); a++) {
            if (a != attributes.classIndex()) {
                source.put(attributes.attribute(a).name(), attributes.attribute(a).name());
            }
        }
        final String[] out = new String[columns.length];
        for (int j = 0; j < columns.length; j++) {
            out[j] = source.getOrDefault(columns[j], columns[j]);
        }
        return out;
    }

    /** @return names of the input columns after the filters (e.g. {@code outlook=sunny}) */
    @Override
    public String[] inputNames() {
        return inputNames.clone();
    }

    /** @return the scale the 0/1 columns were given when standardising; 0 for their standard deviation */
    public double binaryScale() {
        return binaryScale;
    }

    /** @return the fitted standardiser (identity when standardisation is off) */
    @Override
    public Standardizer standardizer() {
        return standardizer;
    }

    /** @return the columns left out as reference levels, e.g. {@code outlook=sunny} (empty for one-hot coding) */
    public String[] referenceLevels() {
        return referenceLevels == null ? new String[0] : referenceLevels.clone();
    }

    /** @return how many input values were missing in the training data */
    public int missingInTraining() {
        return missingInTraining;
    }

    /** @return the number of input columns d */
    @Override
    public int numInputs() {
        return inputNames.length;
    }

    @Override
    public String describeColumns() {
        return numInputs() + (stream ? " columns after removing the attributes with no value in the stream's first "
                + "mini-batch (those constant in it kept) and NominalToBinary"
                : " columns after removing useless attributes (as RemoveUseless) and NominalToBinary")
                + (referenceLevels == null || referenceLevels.length == 0 ? ""
                : " (GLM: nominal attributes coded against their first value, left out: "
                + String.join(", ", referenceLevels) + ")")
                + (leftOut == null || leftOut.length == 0 ? "" : "; attributes left out: " + names(leftOut));
    }

    /** @return the names quoted and joined, at most 10 of them and how many more */
    private static String names(String[] all) {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(10, all.length); i++) {
            sb.append(i == 0 ? "" : ", ").append('\'').append(all[i]).append('\'');
        }
        return all.length > 10 ? sb + " and " + (all.length - 10) + " more" : sb.toString();
    }

    @Override
    public String describeMissing() {
        return missingInTraining + " missing input values in the training data; missing values (in training and in new "
                + "instances) are replaced by the training mean or mode (ReplaceMissingValues)";
    }
}

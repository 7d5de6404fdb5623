package weka.classifiers.functions.neuralglm;

import neuralglm.dist.FittedDispersion;

import java.io.Serializable;
import java.util.Arrays;

import neuralglm.family.Family;
import neuralglm.model.AbsentClasses;
import neuralglm.model.FitStatistics;
import neuralglm.nn.Linear;
import neuralglm.nn.Sequential;
import neuralglm.train.TrainingResult;
import org.ejml.data.DMatrixRMaj;
import weka.core.Attribute;
import weka.core.Instance;
import weka.core.Instances;

/**
 * Everything a built {@link weka.classifiers.functions.NeuralGLM} keeps: the training header, the input
 * pipeline, the network and family, how training went and the fit statistics. The classifier swaps
 * whole models, so that an interrupted or failed build leaves the previous one in place. While an
 * iterative build runs, the model predicts with the live network and has no result or statistics
 * yet; a model learned from a stream has none either. A model imported from the engine's
 * {@link neuralglm.model.TabularModel} ({@link ImportTabularModel}) predicts through {@link TabularInputs}
 * and maps the network's class order to the class attribute's ({@link #classValue(int)}); it has no fit
 * statistics, and says where it was trained ({@link #origin()}). Class values without training weight are
 * predicted with the engine's floor ({@link AbsentClasses}), on the single and the batch path alike.
 * <p>Immutable once built: nothing trains its network in place. A stream or an aggregation makes a new
 * model ({@link #withNetwork}, {@link #averaged}); only a model made by
 * {@link TrainingRun#liveModel()} predicts with a network still in training (until the run's {@code done}).
 */
public final class FittedModel implements Serializable {
    private static final long serialVersionUID = 3L;

    final Instances header;
    final Inputs pipeline;
    final Sequential net;
    final Family family;
    final Attribute classAttribute;
    final TrainingResult result;
    final FitStatistics statistics;
    final String architecture;
    final String optimizer;
    final int epochLimit;
    final int numInstances;
    final double sumOfWeights;
    final boolean standardized;
    final FittedDispersion dispersion;
    final int requestedBatchSize;
    final int trainingRows;
    final int validationRows;
    /** Output c of the network is class value classValues[c]; null when the orders agree. */
    final int[] classValues;
    /** The penalty and early stopping applied, in words; null when unknown (e.g. trained elsewhere). */
    final String regularization;
    /** Where and how the model was trained when not by a NeuralGLM build; null for a NeuralGLM build. */
    final String origin;
    /** The number of models whose parameters were averaged into this one (Aggregateable); 0 when none. */
    final int averagedFrom;
    /** With -resume: whether the build continued the previous run, or why not; null without. */
    final String resumeNote;
    /**
     * The class values without training weight, in the network's output order, predicted with a floor probability;
     * null when every class has weight (and in a model saved before this field existed). For a model trained elsewhere
     * whose header declares class values the model never saw, it counts those too, as outputs after the network's
     * own ({@link #classValues} maps them to their values).
     */
    final AbsentClasses absent;
    /**
     * The offset attribute ({@code -offset}): instances come with it, it is taken out before the pipeline and its value
     * added to eta; null for none (and in a model saved before offsets existed). {@link #header} is then the header
     * without it.
     */
    final OffsetColumn offsetColumn;
    /**
     * Whether the trained network is one the Vector API module trains faster ({@link Sequential#trainsFasterWithVectorApi()};
     * the report's Kernels line); false for a model saved before this field existed, a stream, a model trained elsewhere.
     */
    final boolean vectorApiFaster;
    /** Instances objects already found equal to the header (identity cache; a data race only repeats a check). */
    private transient volatile Instances verified;

    /**
     * @param header             the training header (no rows)
     * @param pipeline           the fitted input pipeline
     * @param net                the trained network
     * @param family             the output family
     * @param classAttribute     the class attribute
     * @param result             how training went; null while training runs or for a stream
     * @param statistics         fit on the training data; null while training runs or for a stream
     * @param architecture       the network in words
     * @param optimizer          the optimiser in words
     * @param epochLimit         the epoch limit
     * @param weights            the training instance weights
     * @param standardized       whether inputs were standardised
     * @param requestedBatchSize the mini-batch size option as given (0 = full batch)
     * @param trainingRows       rows trained on (after holding out validation rows)
     * @param validationRows     rows held out for early stopping
     * @param dispersion         the dispersion predictions are made with; null while training runs or for a stream
     * @param resumeNote         with -resume: whether the build continued the previous run, or why not; else null
     * @param regularization     the penalty and early stopping applied, in words (the report's Regularisation line)
     * @param absent             the class values without training weight (predicted with a floor), or null for none
     */
    public FittedModel(Instances header, InputPipeline pipeline, Sequential net, Family family, Attribute classAttribute,
                       TrainingResult result, FitStatistics statistics, String architecture, String optimizer, int epochLimit,
                       double[] weights, boolean standardized, int requestedBatchSize, int trainingRows, int validationRows,
                       FittedDispersion dispersion, String resumeNote, String regularization, AbsentClasses absent) {
        this(header, pipeline, net, family, classAttribute, result, statistics, architecture, optimizer, epochLimit, weights,
                standardized, requestedBatchSize, trainingRows, validationRows, dispersion, resumeNote, regularization, absent,
                null, false);
    }

    /**
     * A model with an offset attribute.
     *
     * @param header       the training header without the offset attribute (no rows)
     * @param offsetColumn the offset attribute, or null for none
     * @param vectorApiFaster   whether the network is one the Vector API module trains faster ({@link Sequential#trainsFasterWithVectorApi()})
     */
    public FittedModel(Instances header, InputPipeline pipeline, Sequential net, Family family, Attribute classAttribute,
                       TrainingResult result, FitStatistics statistics, String architecture, String optimizer, int epochLimit,
                       double[] weights, boolean standardized, int requestedBatchSize, int trainingRows, int validationRows,
                       FittedDispersion dispersion, String resumeNote, String regularization, AbsentClasses absent,
                       OffsetColumn offsetColumn, boolean vectorApiFaster) {
        this(header, pipeline, net, family, classAttribute, result, statistics, architecture, optimizer, epochLimit,
                weights.length, Family.totalWeight(weights, weights.length), standardized, requestedBatchSize, trainingRows,
                validationRows, dispersion, null, null, 0, resumeNote, regularization, absent, offsetColumn, vectorApiFaster);
    }

    /**
     * A model trained elsewhere: no fit statistics, no training row counts, only its loss trace.
     *
     * @param header       the header it predicts for (no rows)
     * @param inputs       the input encoding
     * @param net          the trained network
     * @param family       the output family
     * @param result       how training went
     * @param architecture the network in words
     * @param standardized whether inputs were standardised
     * @param dispersion   the dispersion predictions are made with
     * @param classValues  for a nominal class: the class value index of each network output class (Bernoulli: of
     *                     the non-event and the event); null for a numeric class
     * @param origin       where and how the model was trained, in words
     * @param absent       the network's output classes without training weight (predicted with a floor), or null
     * @return the model
     */
    public static FittedModel trainedElsewhere(Instances header, Inputs inputs, Sequential net, Family family,
                                               TrainingResult result, String architecture, boolean standardized,
                                               FittedDispersion dispersion, int[] classValues, String origin,
                                               AbsentClasses absent) {
        return new FittedModel(header, inputs, net, family, header.classAttribute(), result, null, architecture, "",
                result.epochs(), 0, Double.NaN, standardized, 0, 0, 0, dispersion,
                classValues == null ? null : classValues.clone(), origin, 0, null, null, absent, null, false);
    }

    private FittedModel(Instances header, Inputs pipeline, Sequential net, Family family, Attribute classAttribute,
                        TrainingResult result, FitStatistics statistics, String architecture, String optimizer, int epochLimit,
                        int numInstances, double sumOfWeights, boolean standardized, int requestedBatchSize, int trainingRows,
                        int validationRows, FittedDispersion dispersion, int[] classValues, String origin,
                        int averagedFrom, String resumeNote, String regularization, AbsentClasses absent,
                        OffsetColumn offsetColumn, boolean vectorApiFaster) {
        this.vectorApiFaster = vectorApiFaster;
        this.absent = absent;
        this.offsetColumn = offsetColumn;
        this.header = header;
        this.pipeline = pipeline;
        this.net = net;
        this.family = family;
        this.classAttribute = classAttribute;
        this.result = result;
        this.statistics = statistics;
        this.architecture = architecture;
        this.optimizer = optimizer;
        this.epochLimit = epochLimit;
        this.numInstances = numInstances;
        this.sumOfWeights = sumOfWeights;
        this.standardized = standardized;
        this.dispersion = dispersion;
        this.requestedBatchSize = requestedBatchSize;
        this.trainingRows = trainingRows;
        this.validationRows = validationRows;
        this.classValues = classValues;
        this.origin = origin;
        this.averagedFrom = averagedFrom;
        this.resumeNote = resumeNote;
        this.regularization = regularization;
    }

    /**
     * @param network a network of the same architecture, e.g. this one after more stream steps; taken as is,
     *                so the caller must not train it further
     * @return this model predicting with {@code network}; everything else (statistics, report) unchanged
     */
    public FittedModel withNetwork(Sequential network) {
        return with(network, averagedFrom, absent);
    }

    /**
     * @param network a network of the same architecture, taken as is (see {@link #withNetwork(Sequential)})
     * @param absent  the classes without weight in everything the network learnt so far (a stream), or null
     * @return this model predicting with {@code network} and that floor
     */
    public FittedModel withNetwork(Sequential network, AbsentClasses absent) {
        return with(network, averagedFrom, absent);
    }

    /**
     * @param average the parameter average of {@code count} models, in this model's input units; taken as is
     * @param count   the number of models averaged (this one included)
     * @param absent  the classes without weight in all of them (predicted with a floor), or null
     * @return this model predicting with the average, its report saying so
     */
    public FittedModel averaged(Sequential average, int count, AbsentClasses absent) {
        final FittedModel m = with(average, count, absent);
        // one fit's standard errors and tests do not describe the average of several
        return statistics == null || statistics.glmSummary() == null ? m : m.withStatistics(statistics.withoutSummary(
                "the model averages the parameters of " + count + " models; the standard errors of one fit do not "
                        + "describe it"));
    }

    /**
     * @param tests the likelihood-ratio tests of dropping each attribute, from refits of this model's GLM
     * @return this model with the tests in its statistics and report
     */
    public FittedModel withDevianceTests(neuralglm.model.DevianceTests tests) {
        return withStatistics(statistics.withDevianceTests(tests));
    }

    /**
     * @param tests the sequential analysis of deviance, from nested refits of this model's GLM
     * @return this model with it in its statistics and report
     */
    public FittedModel withSequentialTests(neuralglm.model.SequentialDevianceTests tests) {
        return withStatistics(statistics.withSequentialTests(tests));
    }

    /**
     * @param stats fit statistics of this model's fit (e.g. with a GLM summary added)
     * @return this model with them
     */
    public FittedModel withStatistics(FitStatistics stats) {
        return new FittedModel(header, pipeline, net, family, classAttribute, result, stats, architecture, optimizer,
                epochLimit, numInstances, sumOfWeights, standardized, requestedBatchSize, trainingRows, validationRows,
                dispersion, classValues, origin, averagedFrom, resumeNote, regularization, absent, offsetColumn, vectorApiFaster);
    }

    private FittedModel with(Sequential network, int averaged, AbsentClasses absentClasses) {
        return new FittedModel(header, pipeline, network, family, classAttribute, result, statistics, architecture, optimizer,
                epochLimit, numInstances, sumOfWeights, standardized, requestedBatchSize, trainingRows, validationRows,
                dispersion, classValues, origin, averaged, resumeNote, regularization, absentClasses, offsetColumn,
                vectorApiFaster);
    }

    /** @return the class values without training weight, in the network's output order; null when none */
    public AbsentClasses absentClasses() {
        return absent;
    }

    /** @return with -resume: whether the build continued the previous run, or why not; else null */
    public String resumeNote() {
        return resumeNote;
    }

    /** @return the number of models averaged into this one ({@code Aggregateable}); 0 when none */
    public int averagedFrom() {
        return averagedFrom;
    }

    /**
     * @param instance an instance of the training data's format. Not modified.
     * @return class probabilities for a nominal class; {@code {mu}} for a numeric class
     * @throws IllegalArgumentException when the instance's header differs from the training header, or a
     *                                  value is infinite or too large
     * @throws Exception when a filter fails
     */
    public double[] distribution(Instance instance) throws Exception {
        double o = 0;
        if (offsetColumn != null) {   // the offset's value, and the instance without it (the pipeline's header)
            final Instance inputs = offsetColumn.inputs(instance);   // checks the header first
            o = offsetColumn.value(instance, 0);
            instance = inputs;
        }
        checkHeader(instance);
        if (instance.dataset() == null) {   // values only (checked: as many as the training header's): read with it
            instance = (Instance) instance.copy();
            instance.setDataset(header);
        }
        InputChecks.checkForPrediction(instance);
        DMatrixRMaj eta = net.predict(pipeline.transform(instance));
        if (offsetColumn != null) {
            eta = neuralglm.family.Offsets.add(eta, new double[] {o}, 0, null);
        }
        final double[] p;
        if (eta.numCols > 1) {
            final DMatrixRMaj mu = new DMatrixRMaj(1, eta.numCols);
            family.mean(eta, mu);
            p = Arrays.copyOf(mu.data, eta.numCols);
        } else {
            final double mu = family.mean(eta.data[0]);
            if (!classAttribute.isNominal()) {
                return new double[] {mu};
            }
            p = new double[] {1.0 - mu, mu};
        }
        return classValues == null ? floored(p) : byClassValue(floored(p));
    }

    /**
     * @param instance an instance with the training data's attributes. Not modified.
     * @return the row a GLM's coefficients read ({@link neuralglm.model.GlmSummary#terms()}): 1 for the intercept, then
     *         the inputs after the filters, in original units
     * @throws Exception when a filter fails
     */
    public double[] coefficientRow(Instance instance) throws Exception {
        if (offsetColumn != null) {
            instance = offsetColumn.inputs(instance);
        }
        checkHeader(instance);
        if (instance.dataset() == null) {
            instance = (Instance) instance.copy();
            instance.setDataset(header);
        }
        InputChecks.checkForPrediction(instance);
        final double[] x = pipeline.standardizer().original(pipeline.transform(instance).data);
        final double[] row = new double[x.length + 1];
        row[0] = 1;
        System.arraycopy(x, 0, row, 1, x.length);
        return row;
    }

    /**
     * @param p the network's class probabilities, one per output
     * @return p with the floor of the absent classes; for a model trained elsewhere under a header with class values
     *         it never saw ({@link #absent} then counts more classes than outputs), p extended by those values first
     */
    private double[] floored(double[] p) {
        if (absent == null) {
            return p;
        }
        final double[] q = absent.numClasses() > p.length ? Arrays.copyOf(p, absent.numClasses()) : p;
        absent.apply(q, 0);
        return q;
    }

    /** @return the class attribute */
    public Attribute classAttribute() {
        return classAttribute;
    }

    /** Instances per block of {@link #distributions}. */
    private static final int BLOCK = 2048;

    /**
     * {@link #distribution} for every instance, in blocks: the inputs of a block go through the pipeline,
     * then through the network as one matrix (the dense kernels instead of one row at a time). The same
     * numbers as instance by instance.
     *
     * @param data instances of the training data's format. Not modified.
     * @return one distribution per instance
     * @throws Exception as {@link #distribution}
     */
    public double[][] distributions(Instances data) throws Exception {
        double[] offsets = null;
        if (offsetColumn != null) {
            final Instances inputs = offsetColumn.inputs(data);   // checks the header first
            offsets = offsetColumn.values(data);
            data = inputs;
        }
        final int n = data.numInstances();
        final double[][] out = new double[n][];
        final DMatrixRMaj rows = new DMatrixRMaj(Math.min(BLOCK, n), pipeline.numInputs());
        final Sequential.PredictBuffers buffers = net.predictBuffers();   // the layers' outputs, reused by every block
        for (int start = 0; start < n; start += BLOCK) {
            final int b = Math.min(BLOCK, n - start);
            for (int i = start; i < start + b; i++) {
                checkHeader(data.instance(i));
                InputChecks.checkForPrediction(data.instance(i));
            }
            rows.reshape(b, pipeline.numInputs(), false);
            pipeline.transform(data, start, rows);
            DMatrixRMaj eta = net.predict(rows, buffers);
            if (offsets != null) {
                eta = neuralglm.family.Offsets.add(eta, offsets, start, null);
            }
            final int k = eta.numCols;
            final DMatrixRMaj mu = new DMatrixRMaj(b, k);
            if (k > 1) {
                family.mean(eta, mu);
            }
            for (int i = 0; i < b; i++) {
                final double[] p;
                if (k > 1) {
                    p = Arrays.copyOfRange(mu.data, i * k, i * k + k);
                } else {
                    final double m = family.mean(eta.data[i]);
                    if (!classAttribute.isNominal()) {
                        out[start + i] = new double[] {m};
                        continue;
                    }
                    p = new double[] {1.0 - m, m};
                }
                out[start + i] = classValues == null ? floored(p) : byClassValue(floored(p));
            }
        }
        return out;
    }

    /**
     * @param instance an instance of the training data's format. Not modified.
     * @return its value of the offset attribute; 0 for a model without one
     * @throws IllegalArgumentException when the value is missing or not finite
     */
    public double offsetOf(Instance instance) {
        return offsetColumn == null ? 0.0 : offsetColumn.value(instance, 0);
    }

    /** @return the offset attribute ({@code -offset}); null for a model without one */
    public OffsetColumn offsetColumn() {
        return offsetColumn;
    }

    /**
     * @return the header of the data the model is given (trained on, updated with, asked to predict): {@link #header}
     *         with the offset attribute where the model has one
     */
    public Instances dataHeader() {
        return offsetColumn == null ? header : offsetColumn.header();
    }

    /** @return the offset attribute's name; null for a model without an offset */
    public String offsetName() {
        return offsetColumn == null ? null : offsetColumn.name();
    }

    private double[] byClassValue(double[] p) {
        final double[] dist = new double[classAttribute.numValues()];
        for (int c = 0; c < p.length; c++) {
            dist[classValues[c]] = p[c];
        }
        return dist;
    }

    /**
     * @param output a network output class (Bernoulli: 0 the non-event, 1 the event)
     * @return the index of its value in the class attribute
     */
    public int classValue(int output) {
        return classValues == null ? output : classValues[output];
    }

    /** @return where and how the model was trained, when not by a NeuralGLM build; else null */
    public String origin() {
        return origin;
    }

    /**
     * @param instance an instance. Not modified.
     * @throws IllegalArgumentException when its header differs from the training header
     */
    public void checkHeader(Instance instance) {
        final Instances ds = instance.dataset();
        if (ds != null && ds == verified) {
            return;
        }
        InputChecks.checkSameHeader(instance, header);
        verified = ds;
    }

    /** @return the regularisation applied in training, in words; null when not known (e.g. a model trained elsewhere) */
    public String regularization() {
        return regularization;
    }

    /** @return the number of training instances (with a class value) */
    public int numInstances() {
        return numInstances;
    }

    /** @return the total weight of the training instances */
    public double sumOfWeights() {
        return sumOfWeights;
    }

    /** @return whether the network has no hidden layer, i.e. is a GLM */
    public boolean isGlm() {
        return net.layers().size() == 1;
    }

    /** @return for a GLM: k x (d + 1) coefficients in original attribute units, intercept first */
    public DMatrixRMaj coefficients() {
        if (!isGlm()) {
            throw new IllegalStateException("Coefficients exist only for a model without hidden layer");
        }
        final Linear out = (Linear) net.layers().get(0);
        return pipeline.standardizer().toOriginalUnits(out.weight().value(), out.bias().value());
    }

    /** @return the training loss trace (mean NLL per epoch); empty while training runs or for a stream */
    public double[] lossTrace() {
        return result == null ? new double[0] : result.lossTrace();
    }

    /** @return the dispersion that intervals and densities use */
    public FittedDispersion dispersion() {
        return dispersion;
    }

    /** @return how training went; null while training runs or for a model learned from a stream */
    public TrainingResult result() {
        return result;
    }

    /** @return the GLM inference (GLM mode, one output); null otherwise */
    public neuralglm.model.GlmSummary glmSummary() {
        return statistics == null ? null : statistics.glmSummary();
    }

    /** @return the GLM's likelihood-ratio tests of dropping each attribute; null when not asked for */
    public neuralglm.model.DevianceTests devianceTests() {
        return statistics == null ? null : statistics.devianceTests();
    }

    /** @return the GLM's sequential analysis of deviance (R's anova); null when not asked for */
    public neuralglm.model.SequentialDevianceTests sequentialTests() {
        return statistics == null ? null : statistics.sequentialTests();
    }

    /** @return the GLM's joint tests of each attribute's coefficients; null when none (see {@link neuralglm.model.JointTests}) */
    public neuralglm.model.JointTests jointTests() {
        return statistics == null ? null : statistics.jointTests();
    }

    /** @return the goodness of fit on the training data; null while training runs or for a stream */
    public FitStatistics statistics() {
        return statistics;
    }

    /** @return the network; not to be modified (a model is immutable) */
    public Sequential network() {
        return net;
    }

    /** @return the input encoding */
    public Inputs pipeline() {
        return pipeline;
    }

    /** @return the output family */
    public Family family() {
        return family;
    }

    /** @return the training header */
    public Instances header() {
        return header;
    }
}

package weka.classifiers.functions;

import java.io.Serializable;
import java.util.Locale;

import neuralglm.model.AbsentClasses;
import neuralglm.nn.Sequential;
import neuralglm.optim.Optimizer;
import neuralglm.train.IncrementalTrainer;
import neuralglm.train.TrainingDivergedException;
import neuralglm.train.Trainer;
import org.ejml.data.DMatrixRMaj;
import weka.classifiers.UpdateableBatchProcessor;
import weka.classifiers.UpdateableClassifier;
import weka.classifiers.functions.neuralglm.Adam;
import weka.classifiers.functions.neuralglm.FittedModel;
import weka.classifiers.functions.neuralglm.InputChecks;
import weka.classifiers.functions.neuralglm.OffsetColumn;
import weka.classifiers.functions.neuralglm.Predictive;
import weka.classifiers.functions.neuralglm.Targets;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.RevisionUtils;
import weka.core.Utils;

/**
 * {@link NeuralGLM} that learns from a stream, as {@code NaiveBayesUpdateable} is to {@code NaiveBayes}:
 * a separate class because Weka's command line and Experimenter train every
 * {@link UpdateableClassifier} one instance at a time. Defaults: Adam (learning rate 0.01) and mini-batches of 8.
 * {@code updateClassifier} buffers instances into mini-batches and takes one optimiser step per batch,
 * exactly as one epoch of in-order mini-batch training; {@code batchFinished} steps on what is left.
 * Built on an empty data set (the Knowledge Flow's incremental mode, the command line), it fits the
 * input pipeline on the first mini-batch (or, when the stream ends before, on the instances {@code batchFinished}
 * finds) and predicts "missing" until then.
 * <p>The stream trains a network of its own (a copy of the model's) and, after every step, makes the
 * classifier's model a new {@link FittedModel} with a copy of it ({@link FittedModel#withNetwork}): models
 * stay immutable. A stream belongs to the model it made last; when a build or an aggregation replaces
 * that model, the next instance starts a new stream from the new model.
 * <p>The input standardisation stays the one fitted on the first mini-batch (or the training data). When a
 * step diverges after inputs far outside it (more than 100 of its standard deviations), the error says that
 * the stream drifted, where and how far, instead of suggesting a smaller learning rate.
 */
public class NeuralGLMUpdateable extends NeuralGLM implements UpdateableClassifier, UpdateableBatchProcessor {
    private static final long serialVersionUID = -4127380912260419135L;

    /** The stream: instances awaiting the first mini-batch, or the learner continuing {@code stream.model}. */
    private Stream stream;

    /** What a stream knows: serialised without its learner, which is rebuilt from the model (fresh optimiser). */
    private static final class Stream implements Serializable {
        private static final long serialVersionUID = 1L;
        /** Header and instances awaiting the first mini-batch (a stream started by an empty build); else null. */
        Instances waiting;
        /** The offset attribute of a waiting stream ({@code -offset}); null for none (a model's is the model's). */
        OffsetColumn waitingOffset;
        /** The model this stream made last (or continues); null while waiting. */
        FittedModel model;
        /** The learner and the network it trains, created on the first instance after the model. */
        transient IncrementalTrainer learner;
        transient Sequential net;
        /** Instances learned, steps taken (for the report). */
        long instances;
        long steps;
        /**
         * For a nominal class: per class value, whether neither the model the stream started from nor the stream has
         * had weight for it (predicted with a floor); null until the first instance learned (or for a numeric class).
         */
        boolean[] unseen;
        /** The total weight behind the model and the stream so far (the floor's n_w). */
        double weightSeen;
        /** The model before the last step (restored when that step is found to have diverged); null before a step. */
        transient FittedModel beforeStep;
        /** The buffered input farthest from the standardisation: z, input column, stream instance number. */
        transient double driftZ;
        /** Whether driftZ and the two after it are the last step's batch's (a new batch starts them afresh). */
        transient boolean driftOfLastStep;
        transient int driftColumn;
        transient long driftInstance;

        Stream(Instances waiting, FittedModel model) {
            this.waiting = waiting;
            this.model = model;
        }
    }

    /**
     * Adam with learning rate 0.01 and mini-batches of 8 (from the stream study, {@code -Pbench stream}); otherwise
     * NeuralGLM's defaults.
     */
    public NeuralGLMUpdateable() {
        final Adam adam = new Adam();
        adam.setLr(0.01);
        setOptimizer(adam);
        setMiniBatchSize(8);
    }

    @Override
    public String globalInfo() {
        return "NeuralGLM that learns from a stream (UpdateableClassifier, e.g. the Knowledge Flow's incremental mode): "
                + "instances are buffered into mini-batches of miniBatchSize (default 8) and each batch is one step of "
                + "the optimiser (default Adam with learning rate 0.01: in a study of short streams (-Pbench stream) the "
                + "former defaults, Adam 0.001 and batches of 32, left a 300-instance stream's model near the "
                + "intercept-only one; SGD also works, L-BFGS does not). The weight decay -1 means none on a stream. Built on an empty data set, it fits the "
                + "input standardisation and missing-value replacement on the first mini-batch. Built on data, it trains "
                + "as NeuralGLM does and then keeps learning from updateClassifier. " + super.globalInfo();
    }

    /**
     * Starts a stream on an empty data set (as the Knowledge Flow does): needs a mini-batch size &gt;= 1
     * and SGD or Adam; the input pipeline is fitted on the first mini-batch.
     */
    @Override
    protected void startStream(Instances empty) throws Exception {
        if (getMiniBatchSize() < 1 || getOptimizer().create(0).needsFullBatch()) {
            throw new IllegalArgumentException("No training instances: the data set '" + empty.relationName()
                    + "' is empty. To learn from a stream (updateClassifier, Knowledge Flow), build on the empty header "
                    + "with -mini-batch-size >= 1 and the SGD or Adam optimiser");
        }
        discardModel();
        stream = new Stream(new Instances(empty, 0), null);
        stream.waitingOffset = OffsetColumn.of(getOffset(), empty);
    }

    /** @return the stream that continues the current model: the kept one, or a new one when the model was replaced */
    private Stream current() {
        final FittedModel m = fittedModel();
        return stream != null && stream.model == m ? stream : new Stream(null, m);
    }

    /** @return true when a stream started by an empty build waits for its first mini-batch */
    private boolean waiting() {
        return fittedModel() == null && stream != null && stream.waiting != null;
    }

    /**
     * Learns from one instance: buffers it and, when {@code -mini-batch-size} instances are buffered,
     * takes one optimiser step on them (a fresh copy of the optimiser for each stream). An instance with
     * a missing class is skipped. On a stream started by an empty build, the first mini-batch also fits
     * the input pipeline and the null-model start.
     *
     * @param instance an instance of the training format (skipped when its class is missing). Not modified.
     * @throws Exception with a specific message when there is no model or stream, or the instance is invalid
     */
    @Override
    public void updateClassifier(Instance instance) throws Exception {
        if (fittedModel() == null && !waiting()) {
            throw new IllegalStateException("NeuralGLM: no model to update; call buildClassifier first (with data, or "
                    + "with an empty data set to start a stream)");
        }
        final Stream s = current();
        InputChecks.checkSameHeader(instance, s.model != null ? s.model.dataHeader() : s.waiting);
        if (instance.classIsMissing()) {
            return;
        }
        final int number = (int) s.instances + (s.waiting == null ? 0 : s.waiting.numInstances()) + 1;
        InputChecks.checkInstance(instance, number);
        final OffsetColumn offsetColumn = s.model != null ? s.model.offsetColumn() : s.waitingOffset;
        if (offsetColumn != null) {
            offsetColumn.value(instance, number);   // refuses a missing or non-finite offset before it is buffered
        }
        stream = s;
        if (s.model == null) {
            s.waiting.add(instance);
            if (s.waiting.numInstances() < Math.max(1, getMiniBatchSize())) {
                return;
            }
            start(s);
            return;
        }
        learn(s, instance);
    }

    /** A waiting stream's first mini-batch (all its instances): fits the model's pipeline on it and learns from it. */
    private void start(Stream s) throws Exception {
        final Instances first = s.waiting;
        s.model = startingModel(first);
        s.waiting = null;
        if (first.classAttribute().isNominal()) {   // the model saw nothing yet: the stream counts the first batch
            s.unseen = new boolean[first.numClasses()];
            java.util.Arrays.fill(s.unseen, true);
            s.weightSeen = 0;
        }
        setModel(s.model);
        for (int i = 0; i < first.numInstances(); i++) {
            learn(s, first.instance(i));
        }
    }

    private void learn(Stream s, Instance instance) throws Exception {
        if (s.learner == null) {
            if (getMiniBatchSize() < 1) {
                throw new IllegalArgumentException("updateClassifier needs -mini-batch-size >= 1 (the rows per step of the "
                        + "stream); it is 0 (full batch)");
            }
            s.net = s.model.network().copy();
            startAbsentClasses(s);
            final Optimizer opt = getOptimizer().create(penaltyOnMean(s.model));
            refuseUnstablePenalty(opt, penaltyTotal(s.model));
            s.learner = new Trainer(1).withBatchSize(getMiniBatchSize()).incremental(s.net, s.model.family(),
                    opt, s.model.pipeline().numInputs(),
                    s.model.offsetColumn() != null);
            rememberBuildRows(s);
        }
        final OffsetColumn offsetColumn = s.model.offsetColumn();
        final double offset = offsetColumn == null ? 0 : offsetColumn.value(instance, (int) s.instances + 1);
        if (offsetColumn != null) {
            instance = offsetColumn.inputs(instance);   // the model's inputs and class, without the offset
        }
        final Instances one = new Instances(s.model.header(), 1);
        one.add(instance);
        final Targets t = Targets.of(one, s.model.family(), new int[] {(int) s.instances});
        if (s.unseen != null) {
            s.weightSeen += instance.weight();
            if (instance.weight() > 0) {
                s.unseen[(int) instance.classValue()] = false;
            }
        }
        final DMatrixRMaj x = s.model.pipeline().transform(instance);
        if (s.driftOfLastStep) {   // a new batch: the last step's farthest input was kept until now for batchFinished
            s.driftZ = 0;
            s.driftOfLastStep = false;
        }
        for (int j = 0; j < x.numCols; j++) {
            if (Math.abs(x.data[j]) > Math.abs(s.driftZ)) {
                s.driftZ = x.data[j];
                s.driftColumn = j;
                s.driftInstance = s.instances + 1;
            }
        }
        final boolean step;
        try {
            step = offsetColumn == null ? s.learner.add(x.data, t.y().data, t.weights()[0])
                    : s.learner.add(x.data, t.y().data, t.weights()[0], offset);
        } catch (TrainingDivergedException e) {
            throw drifted(s, e);
        }
        if (step) {
            stepped(s);
        }
        s.instances++;
    }

    /**
     * A stream that continues a model built on data starts its end-of-stream check's window with the build's last
     * instances ({@link IncrementalTrainer#remember}): their outputs must stay finite after the stream's steps, as the
     * stream's own rows' must.
     */
    private void rememberBuildRows(Stream s) throws Exception {
        final Instances rows = buildRows;
        if (rows == null || buildModel == null || s.model.network() != buildModel.network()) {
            return;
        }
        final OffsetColumn offsetColumn = s.model.offsetColumn();
        for (int i = 0; i < rows.numInstances(); i++) {
            Instance instance = rows.instance(i);
            final double offset = offsetColumn == null ? 0 : offsetColumn.value(instance, i + 1);
            if (offsetColumn != null) {
                instance = offsetColumn.inputs(instance);
            }
            final Instances one = new Instances(s.model.header(), 1);
            one.add(instance);
            final Targets t = Targets.of(one, s.model.family(), new int[] {i});
            s.learner.remember(s.model.pipeline().transform(instance).data, t.y().data, t.weights()[0], offset);
        }
    }

    /**
     * The last instances (with a class value and a positive weight, at most the check's window) of the data the current
     * model was built on (copies), and that model (its network: -anova and -drop-tests attach their tests to a copy of
     * the model with the same network); null when it was not built on data here (an empty build, a model read back).
     */
    private transient Instances buildRows;
    private transient FittedModel buildModel;
    /** The build in progress' last instances, taken by {@link #initializeClassifier}, kept by {@link #done}. */
    private transient Instances pendingRows;

    @Override
    public void initializeClassifier(Instances data) throws Exception {
        pendingRows = null;
        buildRows = null;
        buildModel = null;
        super.initializeClassifier(data);
        if (data.numInstances() == 0) {
            return;
        }
        final Instances rows = new Instances(data, 0);
        for (int i = data.numInstances() - 1; i >= 0 && rows.numInstances() < IncrementalTrainer.CHECK_ROWS; i--) {
            final Instance in = data.instance(i);
            if (!in.classIsMissing() && in.weight() > 0) {
                rows.add(in);
            }
        }
        pendingRows = rows;
    }

    /** Keeps the build's last instances for a stream that continues it ({@link #rememberBuildRows}). */
    @Override
    public void done() throws Exception {
        super.done();
        buildModel = fittedModel();
        buildRows = buildModel == null ? null : pendingRows;
        pendingRows = null;
    }

    /**
     * A new learner's network: the classes its model had no weight for sit at the null start's {@code log 1e-300},
     * from which the stream's small steps would never bring them back once they arrive; their output biases are
     * lifted to the floor ({@link AbsentClasses#liftBiases}). The stream keeps track of the classes it has not seen yet.
     */
    private static void startAbsentClasses(Stream s) {
        final weka.core.Attribute cls = s.model.classAttribute();
        if (s.unseen == null && cls.isNominal()) {
            s.unseen = new boolean[cls.numValues()];
            final AbsentClasses a = s.model.absentClasses();
            s.weightSeen = a != null ? a.totalWeight() : s.model.sumOfWeights();
            if (a != null) {
                for (int c : a.classes()) {
                    s.unseen[c] = true;
                }
            }
        }
        final AbsentClasses a = s.model.absentClasses();
        final java.util.List<neuralglm.nn.Layer> layers = s.net.layers();
        if (a == null || !(layers.get(layers.size() - 1) instanceof neuralglm.nn.Linear out) || out.outputs() != a.numClasses()) {
            return;
        }
        a.liftBiases(out.bias().value().data);
    }

    /** @return the classes the stream and its model have had no weight for, or null when none */
    private static AbsentClasses absentSoFar(Stream s) {
        return s.unseen == null ? s.model.absentClasses() : AbsentClasses.of(s.unseen, s.weightSeen);
    }

    /** Standardised inputs beyond this many standard deviations mean the stream left the first batch's range. */
    private static final double DRIFT = 100;

    /**
     * @param s the stream whose step diverged
     * @param e the divergence
     * @return e, or when a buffered input lay far outside the range the standardisation was fitted on,
     *         a divergence that says so (a smaller learning rate would not help)
     */
    private TrainingDivergedException drifted(Stream s, TrainingDivergedException e) {
        final double z = s.driftZ;
        s.driftZ = 0;
        if (!(Math.abs(z) > DRIFT)) {
            return e;
        }
        final weka.classifiers.functions.neuralglm.Inputs in = s.model.pipeline();
        final int j = s.driftColumn;
        final neuralglm.model.Standardizer st = in.standardizer();
        final double m = st.mean()[j], sd = st.scale()[j];
        return new TrainingDivergedException(e.epoch(), String.format(Locale.ROOT,
                "The stream's inputs drifted away from the data the input standardisation was fitted on: input '%s' "
                        + "was standardised with mean %.6g and standard deviation %.6g (fitted on %s), but stream instance "
                        + "%d has %.6g there, %.3g standard deviations away, and the step on its mini-batch diverged (the loss "
                        + "was no longer finite; a smaller learning rate would not help). Start the stream "
                        + "on data that represent it (build on a sample first, or use a larger -mini-batch-size for the "
                        + "first batch), or use -no-standardize.", in.inputNames()[j], m, sd,
                s.model.result() == null ? "the first mini-batch" : "the training data", s.driftInstance, m + sd * z,
                Math.abs(z)));
    }

    /** After a step: the classifier's model becomes one with a copy of the stream's network. */
    private void stepped(Stream s) {
        s.driftOfLastStep = true;
        s.steps++;
        s.beforeStep = s.model;
        s.model = s.model.withNetwork(s.net.copy(), absentSoFar(s));
        setModel(s.model);
    }

    /**
     * Steps on the instances still buffered (end of the stream); a stream that ended before its first mini-batch was
     * full starts from the instances it has (they would otherwise be lost, and the model would predict missing).
     */
    @Override
    public void batchFinished() throws Exception {
        if (waiting() && stream.waiting.numInstances() > 0) {
            start(stream);
        }
        if (stream != null && stream.model == fittedModel() && stream.learner != null) {
            final boolean step;
            try {
                step = stream.learner.flush();   // a step on the rest, checked (IncrementalTrainer.checkLastStep)
            } catch (TrainingDivergedException e) {
                throw drifted(stream, e);
            }
            if (step) {
                stepped(stream);
                return;
            }
            try {
                stream.learner.checkLastStep();   // the last step, taken by updateClassifier, has not been checked
            } catch (TrainingDivergedException e) {
                if (stream.beforeStep != null) {   // the model goes back to the one before that step
                    stream.model = stream.beforeStep;
                    stream.steps--;
                    stream.beforeStep = null;
                    setModel(stream.model);
                }
                throw drifted(stream, e);
            }
        }
    }

    /** Keeps the stream's counts for the report; the next instance learns from the averaged model. */
    @Override
    public void finalizeAggregation() throws Exception {
        final FittedModel before = fittedModel();
        super.finalizeAggregation();
        if (stream != null && stream.model == before) {
            final Stream s = new Stream(null, fittedModel());
            s.instances = stream.instances;
            s.steps = stream.steps;
            s.unseen = null;   // the averaged model's absent classes start the new stream's count
            stream = s;
        }
    }

    /**
     * @return as {@link NeuralGLM#distributionForInstance}; on a stream that has not yet delivered its
     *         first mini-batch, a missing prediction (all zeros, or NaN for a numeric class)
     */
    @Override
    public double[] distributionForInstance(Instance instance) throws Exception {
        if (waiting()) {
            InputChecks.checkSameHeader(instance, stream.waiting);
            return stream.waiting.classAttribute().isNominal() ? new double[stream.waiting.numClasses()]
                    : new double[] {Utils.missingValue()};
        }
        return super.distributionForInstance(instance);
    }

    /**
     * @return as {@link NeuralGLM#predictIntervals}; on a stream that waits for its first mini-batch, missing bounds
     *         (NaN) for a numeric class, as its predictions are missing
     */
    @Override
    public double[][] predictIntervals(Instance instance, double confidenceLevel) throws Exception {
        if (waiting()) {   // as a built model: a nominal class is refused, a numeric one gets missing bounds
            Predictive.checkIntervalClass(stream.waiting.classAttribute());
            InputChecks.checkSameHeader(instance, stream.waiting);
            return new double[][] {{Utils.missingValue(), Utils.missingValue()}};
        }
        return super.predictIntervals(instance, confidenceLevel);
    }

    /** @return as {@link NeuralGLM#logDensity}; on a stream that waits for its first mini-batch, missing (NaN) */
    @Override
    public double logDensity(Instance instance, double value) throws Exception {
        if (waiting()) {
            InputChecks.checkSameHeader(instance, stream.waiting);
            return Utils.missingValue();
        }
        return super.logDensity(instance, value);
    }

    /** @return as {@link #distributionForInstance}, for each instance (missing predictions on a waiting stream) */
    @Override
    public double[][] distributionsForInstances(Instances insts) throws Exception {
        if (waiting()) {
            final double[][] out = new double[insts.numInstances()][];
            for (int i = 0; i < out.length; i++) {
                out[i] = distributionForInstance(insts.instance(i));
            }
            return out;
        }
        return super.distributionsForInstances(insts);
    }

    @Override
    public String toString() {
        if (waiting()) {
            return "NeuralGLM: a stream has started; waiting for the first mini-batch (" + stream.waiting.numInstances()
                    + " of " + getMiniBatchSize() + " instances buffered).";
        }
        final Stream s = stream != null && stream.model == fittedModel() ? stream : null;
        if (s == null || s.instances == 0) {
            return super.toString();
        }
        final int buffered = s.learner == null ? 0 : s.learner.buffered();
        return report(String.format(Locale.ROOT, "%-18s %s%n", "Stream:", s.instances
                + " instances learned with updateClassifier in " + s.steps + " mini-batch steps"
                + (buffered > 0 ? " (" + buffered + " buffered)" : "")));
    }

    @Override
    public String getRevision() {
        return RevisionUtils.extract("$Revision: 1 $");
    }

    /**
     * Runs the classifier from the command line (trained as a stream).
     *
     * @param args the options
     */
    public static void main(String[] args) {
        runClassifier(new NeuralGLMUpdateable(), args);
    }
}

package neuralglm.spark;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import neuralglm.model.AbsentClasses;
import neuralglm.model.LabelCoding;
import neuralglm.model.TableStats;
import neuralglm.model.TabularEncoder;
import neuralglm.model.TabularModel;

import neuralglm.dist.DispersionSums;
import neuralglm.family.Family;
import neuralglm.nn.Activation;
import neuralglm.nn.Parameters;
import neuralglm.nn.Sequential;
import neuralglm.optim.AdamOptimizer;
import neuralglm.optim.Optimizer;
import neuralglm.train.NullStart;
import neuralglm.train.ProgressListener;
import neuralglm.train.Trainer;
import neuralglm.train.TrainingDivergedException;
import neuralglm.train.TrainingInterruptedException;
import neuralglm.train.TrainingResult;
import neuralglm.train.TrainingSession;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Trains a neuralGLM network on a Spark table by synchronous data-parallel gradient descent, with the
 * settings of the Weka face (hidden sizes, activation, family, optimiser, epochs, batch size, seed).
 * Each step:
 * <pre>
 *   driver:     theta  --broadcast-->  every partition p
 *   partition:  G_p = sum_{i in p} w_i dl_i/dtheta,  L_p = sum w_i l_i,  W_p = sum w_i     (engine: BlockGradient)
 *   treeAggregate (exact sums, so independent of the combining order):  G, L, W
 *   driver:     grad = G / W,  loss = L / W,  optimiser.step  (the engine's Optimizer on the driver's network)
 * </pre>
 * Full batch (batch size 0 or &gt;= n) uses every row in every evaluation, so SGD, Adam and L-BFGS
 * follow the single-machine {@link neuralglm.train.Trainer} step for step (up to the rounding of the
 * per-partition sums). A mini-batch step uses each partition's share of the batch ({@link MiniBatch}):
 * an epoch is {@code T = ceil(n / batchSize)} steps, partition p contributes about
 * {@code batchSize * n_p / n} of its rows, shuffled per epoch, and every row is used once per epoch.
 * The loss trace has the Trainer's meaning: full batch, the mean NLL before each step; mini-batch, the
 * weight-averaged batch losses of the epoch. The loop is the single-machine one
 * ({@link TrainingSession} over a {@link SparkObjective}): the same interrupt checks, divergence
 * messages, progress reports, early stopping ({@link #withValidation}: a seeded random split of the
 * table) and resume ({@link #start}, then {@link TrainingSession#setEpochLimit}).
 *
 * <p>{@link #fit(Dataset)} reads the source once (its selected columns cached; with {@link #withPartitions}
 * laid out canonically by row content, so the model does not depend on the table's partitioning or order):
 * one pass of weighted statistics that also checks the data ({@link StatsPass}: imputation, categories,
 * standardisation: {@link TabularEncoder}; label classes: {@link LabelCoding}), then it encodes and caches
 * the rows once ({@link DistributedData}), builds the network as the Weka face does ({@code Sequential.mlp}
 * from {@code new Random(seed)}, output layer at the null model) or takes it from {@link #withResumeFrom},
 * trains (checkpoints: {@link #withCheckpoint}), and returns a {@link TabularModel} that predicts without
 * Spark. Immutable; {@code with...} return copies.
 */
public final class SparkTrainer implements Cloneable {

    private final Family family;
    private String[] features = new String[0];
    private String label;
    private String weight;
    private String offset;
    private int[] hidden = new int[0];
    private String activation = "ReLU";
    private Optimizer optimizer = new AdamOptimizer(1e-3, 0.9, 0.999, 1e-8, 0.0);
    private int epochs = 100;
    private int batchSize;
    private long seed = 1L;
    private boolean standardize = true;
    private boolean nullStart = true;
    private int partitions;
    private int chunkRows = DistributedData.DEFAULT_CHUNK_ROWS;
    private int treeDepth = 2;
    private int progressEvery;
    private ProgressListener listener;
    private double regParam;
    private double validationFraction;
    private int patience = 10;
    private String checkpointPath;
    private int checkpointEvery;
    private TabularModel resumeFrom;

    /**
     * Defaults: no hidden layer (a GLM), ReLU, Adam(1e-3), 100 epochs, full batch, seed 1,
     * standardised inputs, null-model start, the table's own partitioning.
     *
     * @param family the output distribution (see {@link neuralglm.family.Families#byName})
     */
    public SparkTrainer(Family family) {
        if (family == null) {
            throw new IllegalArgumentException("A family is required");
        }
        this.family = family;
    }

    private SparkTrainer copy() {
        try {
            return (SparkTrainer) clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    /** @param names feature columns (numeric, string or boolean) @return a copy with these features */
    public SparkTrainer withFeatures(String... names) {
        final SparkTrainer t = copy();
        t.features = names.clone();
        return t;
    }

    /** @param name the label column @return a copy with this label */
    public SparkTrainer withLabel(String name) {
        final SparkTrainer t = copy();
        t.label = name;
        return t;
    }

    /** @param name the instance-weight column, or null for none @return a copy with this weight column */
    public SparkTrainer withWeight(String name) {
        final SparkTrainer t = copy();
        t.weight = name;
        return t;
    }

    /**
     * An offset on the linear predictor, {@code eta = net(x) + o} (R's {@code offset()}, Spark's
     * GeneralizedLinearRegression {@code offsetCol}): each row's value travels with it into the cached partitions
     * and is added to eta in every evaluation ({@link neuralglm.train.BlockGradient}) and in the dispersion sums. A
     * one-output family only; a labelled row with a missing or non-finite offset is refused, naming the column,
     * partition and row. The output layer starts at the null model with the offset (as on one machine);
     * {@link #fitWithStatistics} takes every statistic at {@code net(x) + o}, its null model the intercept-only fit
     * with the offset (R's and GLR's).
     *
     * @param name the offset column (numeric), or null for none
     * @return a copy with this offset column
     */
    public SparkTrainer withOffset(String name) {
        if (name != null && !family.isScalar()) {
            throw new IllegalArgumentException("An offset needs a one-output family; " + family.name() + " has several");
        }
        final SparkTrainer t = copy();
        t.offset = name;
        return t;
    }

    /** @param sizes hidden layer sizes; none for a GLM @return a copy with these hidden layers */
    public SparkTrainer withHidden(int... sizes) {
        final SparkTrainer t = copy();
        t.hidden = sizes.clone();
        return t;
    }

    /** @param name an activation name ({@link Activation#NAMES}) @return a copy with this activation */
    public SparkTrainer withActivation(String name) {
        Activation.byName(name);
        final SparkTrainer t = copy();
        t.activation = name;
        return t;
    }

    /** @param prototype a configured optimiser (copied for each fit) @return a copy with this optimiser */
    public SparkTrainer withOptimizer(Optimizer prototype) {
        final SparkTrainer t = copy();
        t.optimizer = prototype.copy();
        return t;
    }

    /** @param n the epoch limit (&gt;= 1) @return a copy with this limit */
    public SparkTrainer withEpochs(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("The number of epochs must be >= 1, got " + n);
        }
        final SparkTrainer t = copy();
        t.epochs = n;
        return t;
    }

    /** @param size rows per mini-batch, 0 for full batch @return a copy with this batch size */
    public SparkTrainer withBatchSize(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("The batch size must be >= 0 (0 = full batch), got " + size);
        }
        final SparkTrainer t = copy();
        t.batchSize = size;
        return t;
    }

    /** @param s seed of the initial weights and of the mini-batch shuffling @return a copy with this seed */
    public SparkTrainer withSeed(long s) {
        final SparkTrainer t = copy();
        t.seed = s;
        return t;
    }

    /** @param on whether to standardise the encoded inputs (default true) @return a copy */
    public SparkTrainer withStandardize(boolean on) {
        final SparkTrainer t = copy();
        t.standardize = on;
        return t;
    }

    /**
     * An L2 penalty on the network's weights, not its biases, added to the objective the optimiser minimises
     * (Spark ML's {@code regParam}, as LogisticRegression's with {@code elasticNetParam} 0, whose intercept is not
     * penalised either):
     * <pre>
     *   L(theta) = sum_i w_i l_i / sum_i w_i + lambda/2 * sum over the weight matrices W of ||W||_F^2
     * </pre>
     * on the inputs' scale after standardisation ({@link #withStandardize}; without it, on the encoded inputs').
     * The biases stay free, so the intercept of a log or logit link keeps the data's level. The loss trace holds this
     * objective; the validation loss (early stopping) and the training statistics are the plain mean NLL.
     *
     * @param lambda lambda &gt;= 0 (0, the default: none)
     * @return a copy with this penalty
     */
    public SparkTrainer withRegParam(double lambda) {
        if (!(lambda >= 0) || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException("regParam (the L2 penalty on the weights) must be a finite number >= 0, got "
                    + lambda);
        }
        final SparkTrainer t = copy();
        t.regParam = lambda;
        return t;
    }

    /** @param on whether to start the output layer at the null model (default true) @return a copy */
    public SparkTrainer withNullStart(boolean on) {
        final SparkTrainer t = copy();
        t.nullStart = on;
        return t;
    }

    /**
     * @param n put the rows into n partitions before caching, by a hash of their content and sorted by it within
     *          each ({@link Columns#canonical}), so the model does not depend on how the table was partitioned
     *          or ordered; 0 keeps the table's own partitioning and order
     * @return a copy
     */
    public SparkTrainer withPartitions(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("The number of partitions must be >= 0, got " + n);
        }
        final SparkTrainer t = copy();
        t.partitions = n;
        return t;
    }

    /** @param rows rows per cached chunk (&gt;= 1) @return a copy */
    public SparkTrainer withChunkRows(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("Rows per chunk must be >= 1, got " + rows);
        }
        final SparkTrainer t = copy();
        t.chunkRows = rows;
        return t;
    }

    /** @param depth depth of the treeAggregate (&gt;= 1) @return a copy */
    public SparkTrainer withTreeDepth(int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("The tree depth must be >= 1, got " + depth);
        }
        final SparkTrainer t = copy();
        t.treeDepth = depth;
        return t;
    }

    /** @param every report every this many epochs (and the last) @param progress the receiver @return a copy */
    public SparkTrainer withProgress(int every, ProgressListener progress) {
        if (every < 1) {
            throw new IllegalArgumentException("Progress interval must be >= 1 epoch, got " + every);
        }
        final SparkTrainer t = copy();
        t.progressEvery = every;
        t.listener = progress;
        return t;
    }

    /**
     * Early stopping: {@link #fit(Dataset)} holds out {@code fraction} of the table's rows
     * ({@code Dataset.randomSplit} with the seed), tracks their weighted mean NLL after every epoch, stops
     * once it has not improved for {@code patience} epochs and keeps the best epoch's weights, as the
     * single-machine {@link Trainer#withValidation} does.
     *
     * @param fraction share of rows held out, in (0, 1); 0 turns early stopping off
     * @param patience epochs without improvement before stopping (&gt;= 1)
     * @return a copy with early stopping
     */
    public SparkTrainer withValidation(double fraction, int patience) {
        new Trainer(1).withValidation(fraction, patience);   // the single-machine checks and messages
        final SparkTrainer t = copy();
        t.validationFraction = fraction;
        t.patience = patience;
        return t;
    }

    /**
     * Saves the model so far every {@code every} epochs (and when training fails: the last good parameters) to
     * {@code path}, a plain model file through the Hadoop FileSystem API ({@link ModelStore}), replaced each
     * time (written beside it, then renamed), so that a failed job can go on with {@link #withResumeFrom}.
     *
     * @param path  the checkpoint file (any URI Spark can write), or null for none
     * @param every epochs between checkpoints (&gt;= 1)
     * @return a copy
     */
    public SparkTrainer withCheckpoint(String path, int every) {
        if (every < 1) {
            throw new IllegalArgumentException("Checkpoint interval must be >= 1 epoch, got " + every);
        }
        final SparkTrainer t = copy();
        t.checkpointPath = path;
        t.checkpointEvery = every;
        return t;
    }

    /**
     * Goes on from a checkpoint ({@link #withCheckpoint}) or a saved model: its encoder and label coding are
     * kept (no statistics pass), its network is the start, its loss trace is continued and the epoch limit
     * counts its epochs. The optimiser's state (Adam's moments, L-BFGS's history) and the mini-batch shuffles
     * start afresh, so a resumed run equals an uninterrupted one exactly only for a stateless optimiser
     * (SGD) with full batches.
     *
     * @param checkpoint the model to go on from, or null
     * @return a copy
     */
    public SparkTrainer withResumeFrom(TabularModel checkpoint) {
        final SparkTrainer t = copy();
        t.resumeFrom = checkpoint;
        return t;
    }

    // ------------------------------------------------------------------------------ from a table

    /**
     * Trains on a table.
     *
     * @param table the training data; rows with a missing label are skipped
     * @return the trained model (no Spark types inside)
     */
    public TabularModel fit(Dataset<Row> table) {
        return fit(table, null).model();
    }

    /**
     * A trained model and its statistics over the training rows.
     *
     * @param model      the trained model
     * @param statistics its goodness of fit (and a GLM's inference) on the training rows
     */
    public record Fitted(TabularModel model, TrainingStatistics statistics) {
    }

    /**
     * Trains on a table as {@link #fit(Dataset)} does, then makes two more passes over the cached rows for the
     * model's {@link TrainingStatistics}: deviance, null deviance, Pearson chi-square, dispersion, log-likelihood and
     * AIC, and for a GLM (no hidden layer, one output) the engine's inference from its information matrix
     * ({@link neuralglm.model.GlmInference#fromSums}: standard errors, tests).
     *
     * @param table   the training data; rows with a missing label are skipped
     * @param weights how the instance weights are read for the degrees of freedom (Spark's
     *                GeneralizedLinearRegression: {@code PRIOR})
     * @return the model and its statistics
     */
    public Fitted fitWithStatistics(Dataset<Row> table, neuralglm.model.GlmInference.Weights weights) {
        if (weights == null) {
            throw new IllegalArgumentException("Say how the weights are read (FREQUENCY or PRIOR)");
        }
        return fit(table, weights);
    }

    /**
     * A trained model's fit statistics on other labelled rows (Spark's {@code GeneralizedLinearRegressionModel.evaluate},
     * e.g. held-out data): the rows are encoded with the model's encoder and label coding and cached, then the passes of
     * {@link #fitWithStatistics} run over them with the model's network: deviance, the null deviance of the
     * intercept-only model fitted to these rows (with their offsets), Pearson chi-square, dispersion, log-likelihood,
     * AIC. This trainer names the columns (features, label, weight, offset) and the family; the model is not changed.
     *
     * @param table   the rows; rows with a missing label are skipped
     * @param model   a model trained on these features and label ({@link #fit})
     * @param weights how the instance weights are read for the degrees of freedom (GLR: {@code PRIOR})
     * @return the statistics (for a GLM also its information-matrix summary at these rows)
     * @throws IllegalArgumentException when the table has no labelled row, or a value the model cannot encode
     */
    public TrainingStatistics evaluate(Dataset<Row> table, TabularModel model, neuralglm.model.GlmInference.Weights weights) {
        if (features.length == 0 || label == null) {
            throw new IllegalArgumentException("Set the feature columns and the label column first");
        }
        if (features.length != model.encoder().featureNames().length) {
            throw new IllegalArgumentException("The model reads " + model.encoder().featureNames().length
                    + " features; " + features.length + " were named");
        }
        try (DistributedData data = DistributedData.encode(table, features, label, weight, offset, model.encoder(),
                model.label(), chunkRows, model.family())) {
            if (data.rows() == 0) {
                throw new IllegalArgumentException("No row with a label to evaluate the model on (label column '" + label
                        + "')");
            }
            final double[] nullEta = SummaryPass.nullEta(data, model.family(), offset != null, treeDepth);
            return new SummaryPass(data, model.network(), model.family(), treeDepth, nullEta)
                    .run(model.encoder(), model.result(), weights);
        }
    }

    private Fitted fit(Dataset<Row> table, neuralglm.model.GlmInference.Weights statistics) {
        if (features.length == 0 || label == null) {
            throw new IllegalArgumentException("Set the feature columns and the label column first");
        }
        final boolean[] nominal = new boolean[features.length];
        for (int j = 0; j < features.length; j++) {
            nominal[j] = Columns.nominal(table, features[j], "feature");
        }
        final boolean indexed = LabelCoding.indexed(family, Columns.nominal(table, label, "label"));
        if (weight != null && Columns.nominal(table, weight, "weight")) {
            throw new IllegalArgumentException("The weight column '" + weight + "' must be numeric");
        }
        if (offset != null && Columns.nominal(table, offset, "offset")) {
            throw new IllegalArgumentException("The offset column '" + offset + "' must be numeric");
        }
        // the source is read (parsed, shuffled) once: its selected columns are cached by the statistics pass, in
        // Spark's columnar cache, and the encoding reads them from there; released once the encoded rows are cached
        final Dataset<Row> source = (partitions > 0 ? Columns.canonical(table, features, label, weight, offset, partitions)
                : Columns.select(table, features, label, weight, offset)).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            return fit(table, source, nominal, indexed, statistics);
        } finally {
            source.unpersist(false);
        }
    }

    private Fitted fit(Dataset<Row> table, Dataset<Row> all, boolean[] nominal, boolean indexed,
                       neuralglm.model.GlmInference.Weights statistics) {
        // early stopping: a seeded random share of the rows is held out (statistics from the training rows)
        final Dataset<Row>[] split = validationFraction > 0
                ? all.randomSplit(new double[] {1 - validationFraction, validationFraction}, seed) : null;
        final Dataset<Row> source = split == null ? all : split[0];
        final TabularEncoder encoder;
        final LabelCoding coding;
        final AbsentClasses absent;
        final double trainingWeight;
        if (resumeFrom != null) {
            checkResumable(resumeFrom);
            encoder = resumeFrom.encoder();
            coding = resumeFrom.label();
            absent = resumeFrom.absentClasses();
            trainingWeight = resumeFrom.trainingWeight();
        } else {
            final TableStats stats = statistics(source, nominal, indexed);
            encoder = TabularEncoder.fit(stats, standardize);
            coding = LabelCoding.fit(label, family, stats);
            absent = AbsentClasses.of(stats, coding);   // classes whose rows all have weight 0
            trainingWeight = AbsentClasses.labelWeight(stats, coding);   // n_w, for a class value a header adds
        }
        try (DistributedData data = DistributedData.encode(source, features, label, weight, offset, encoder, coding,
                chunkRows, family);
             DistributedData validation = split == null ? null : DistributedData.encode(split[1], features, label,
                     weight, offset, encoder, coding, chunkRows, family)) {
            // the null model with the offsets: the start (as the engine's) and the summary's null deviance
            final double[] nullEta = SummaryPass.nullEta(data, family, offset != null, treeDepth);
            final Sequential net = resumeFrom != null ? resumeFrom.network().copy()
                    : network(data.inputs(), coding.columns(), nullEta);
            final double[] before = resumeFrom == null ? new double[0] : resumeFrom.result().lossTrace();
            final Checkpoints checkpoints = new Checkpoints(encoder, coding, absent, trainingWeight, net, before,
                    table.sparkSession().sparkContext().hadoopConfiguration());
            final SparkTrainer run = withEpochs(Math.max(1, epochs - before.length)).withProgress(1, checkpoints);
            final TrainingResult result;
            try {
                result = run.fit(data, validation, net);
            } catch (TrainingDivergedException | TrainingInterruptedException e) {
                throw e;
            } catch (RuntimeException e) {
                throw checkpoints.failed(e);
            }
            final TabularModel model = new TabularModel(encoder, coding, net, family, checkpoints.joined(result), settings(),
                    dispersionSums(data, net), absent, trainingWeight);
            checkpoints.save(model);
            return new Fitted(model, statistics == null ? null
                    : new SummaryPass(data, net, family, treeDepth, nullEta).run(encoder, model.result(), statistics));
        }
    }

    private void checkResumable(TabularModel from) {
        if (!Arrays.equals(from.encoder().featureNames(), features) || !from.label().name().equals(label)
                || !from.family().toString().equals(family.toString())) {
            throw new IllegalArgumentException("Cannot resume from a model of " + from.family() + " with features "
                    + Arrays.toString(from.encoder().featureNames()) + " and label '" + from.label().name()
                    + "': this training has " + family + ", features " + Arrays.toString(features) + " and label '" + label + "'");
        }
        if (from.result().epochs() >= epochs) {
            throw new IllegalArgumentException("The model to resume from has trained " + from.result().epochs()
                    + " epochs already, the limit is " + epochs + "; raise the number of epochs");
        }
    }

    /**
     * Receives every epoch's end (driver side, between epochs): keeps the trace, saves a checkpoint every
     * {@code checkpointEvery} epochs, forwards to the user's listener at its own interval, and turns a failure
     * into a message naming the epoch (and the checkpoint with the last good parameters).
     */
    private final class Checkpoints implements ProgressListener {
        private final TabularEncoder encoder;
        private final LabelCoding coding;
        private final AbsentClasses absent;
        private final double trainingWeight;
        private final Sequential net;
        private final double[] before;
        private final org.apache.hadoop.conf.Configuration conf;
        private final List<Double> trace = new java.util.ArrayList<>();
        private String saved = "none";

        Checkpoints(TabularEncoder encoder, LabelCoding coding, AbsentClasses absent, double trainingWeight, Sequential net,
                    double[] before, org.apache.hadoop.conf.Configuration conf) {
            this.encoder = encoder;
            this.coding = coding;
            this.absent = absent;
            this.trainingWeight = trainingWeight;
            this.net = net;
            this.before = before;
            this.conf = conf;
        }

        @Override
        public void onProgress(int epoch, double meanNll) {
            trace.add(meanNll);
            final int done = before.length + epoch + 1;
            if (checkpointPath != null && done % checkpointEvery == 0) {
                save(snapshot(false));
            }
            if (listener != null && (done % progressEvery == 0 || done == epochs)) {
                listener.onProgress(done - 1, meanNll);
            }
        }

        /** @return the trace so far (before plus this run's epochs) */
        private double[] traceSoFar() {
            final double[] t = Arrays.copyOf(before, before.length + trace.size());
            for (int i = 0; i < trace.size(); i++) {
                t[before.length + i] = trace.get(i);
            }
            return t;
        }

        private TabularModel snapshot(boolean afterFailure) {
            final double[] t = traceSoFar();
            return new TabularModel(encoder, coding, net.copy(), family,
                    new TrainingResult(t, t.length == 0 ? Double.NaN : t[t.length - 1], false),
                    settings() + (afterFailure ? " (checkpoint after a failure in epoch " + (t.length + 1) + ")" : ""), null,
                    absent, trainingWeight);
        }

        void save(TabularModel model) {
            if (checkpointPath == null) {
                return;
            }
            final String tmp = checkpointPath + ".writing";
            try {
                ModelStore.save(model, tmp, conf, true);
                final org.apache.hadoop.fs.Path to = new org.apache.hadoop.fs.Path(checkpointPath);
                final org.apache.hadoop.fs.FileSystem fs = to.getFileSystem(conf);
                fs.delete(to, false);
                if (!fs.rename(new org.apache.hadoop.fs.Path(tmp), to)) {
                    throw new java.io.IOException("cannot rename " + tmp + " to " + to);
                }
                saved = checkpointPath + " (after epoch " + model.result().epochs() + ")";
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("Cannot write the checkpoint " + checkpointPath + ": " + e.getMessage(), e);
            }
        }

        TrainingResult joined(TrainingResult result) {
            if (before.length == 0) {
                return result;
            }
            final double[] own = result.lossTrace(), all = Arrays.copyOf(before, before.length + own.length);
            System.arraycopy(own, 0, all, before.length, own.length);
            return new TrainingResult(all, result.finalLoss(), result.stopReason(), result.validationTrace(),
                    result.bestEpoch(), 0);
        }

        RuntimeException failed(RuntimeException e) {
            final int done = before.length + trace.size();
            String where = saved;
            if (checkpointPath != null) {
                try {
                    save(snapshot(true));
                    where = saved;
                } catch (RuntimeException ignored) {
                    // keep the earlier checkpoint; the failure below is the one to report
                }
            }
            return new IllegalStateException(String.format(Locale.ROOT,
                    "Training failed in epoch %d of %d (%s); checkpoint: %s%s. Cause: %s", done + 1, epochs,
                    done == 0 ? "no epoch completed" : "the last completed epoch had mean NLL " + traceSoFar()[done - 1],
                    where, checkpointPath == null ? " (set one with --checkpoint to resume with --resume-from)"
                            : "; go on with --resume-from " + checkpointPath, e.getMessage()), e);
        }
    }

    private TableStats statistics(Dataset<Row> table, boolean[] nominal, boolean indexedLabel) {
        final TableStats total = new StatsPass(features, nominal, label, indexedLabel, weight, family,
                Columns.hasCorruptRecords(table), Columns.hasRowErrors(table)).run(Columns.select(table, features, label, weight));
        if (total.rows() == 0) {
            throw new IllegalArgumentException("No training rows with a value in label column '" + label + "' ("
                    + total.rowsWithoutLabel() + " rows without one)");
        }
        return total;
    }

    /**
     * The network the Weka face builds: {@code Sequential.mlp(d, hidden, activation, outputs,
     * new Random(seed))}, its output layer at the null model ({@link NullStart#atEta}).
     *
     * @param inputs  d
     * @param outputs k
     * @param nullEta the null model's eta: {@code family.nullEta} of the weighted target means, or with offsets the
     *                intercept-only fit with them ({@link SummaryPass#nullIntercept})
     * @return the initial network
     */
    Sequential network(int inputs, int outputs, double[] nullEta) {
        final String act = activation;
        final Sequential net = Sequential.mlp(inputs, hidden, () -> Activation.byName(act), outputs, new Random(seed));
        if (nullStart) {
            NullStart.atEta(net, family, nullEta);
        }
        return net;
    }

    private String settings() {
        return String.format(Locale.ROOT, "Apache Spark (neuralglm.spark.SparkTrainer): hidden=%s, activation=%s, %s, "
                + "epochs=%d, batchSize=%d, seed=%d, standardize=%s",
                Arrays.toString(hidden), activation, optimizer, epochs, batchSize, seed, standardize)
                + (regParam > 0 ? String.format(Locale.ROOT, ", regParam=%s", regParam) : "")
                + (validationFraction > 0 ? String.format(Locale.ROOT, ", validation=%s, patience=%d", validationFraction,
                patience) : "");
    }

    // ---------------------------------------------------------------------------- the loop

    /**
     * Trains {@code net} in place on cached data, as {@link neuralglm.train.Trainer#fit} does on one
     * machine: the same loop ({@link TrainingSession}) over the table ({@link SparkObjective}).
     *
     * @param data the cached rows
     * @param net  the network (its current parameters are the start)
     * @return the loss trace and how training ended
     * @throws TrainingDivergedException    when the loss stops being finite
     * @throws TrainingInterruptedException when the driver thread is interrupted
     */
    public TrainingResult fit(DistributedData data, Sequential net) {
        return fit(data, null, net);
    }

    /**
     * Trains {@code net} in place, with early stopping on {@code validation} when given.
     *
     * @param data       the cached training rows
     * @param validation the cached validation rows (needs {@link #withValidation}), or null
     * @param net        the network (its current parameters are the start)
     * @return the loss trace and how training ended
     */
    public TrainingResult fit(DistributedData data, DistributedData validation, Sequential net) {
        try (TrainingSession session = start(data, validation, net)) {
            while (session.runEpoch()) {
                // one epoch per call
            }
            return session.finish();
        }
    }

    /**
     * Starts a run that the caller advances epoch by epoch ({@link TrainingSession#runEpoch()}), and can
     * resume with a higher epoch limit ({@link TrainingSession#setEpochLimit}): the single-machine loop,
     * with its checks, messages, progress reports and early stopping.
     *
     * @param data       the cached training rows
     * @param validation the cached validation rows (needs {@link #withValidation}), or null
     * @param net        the network, trained in place
     * @return the session at epoch 0; close it to release its broadcast
     */
    public TrainingSession start(DistributedData data, DistributedData validation, Sequential net) {
        if (validation != null && validationFraction == 0) {
            throw new IllegalArgumentException("Validation rows need early stopping: set withValidation(fraction, patience)");
        }
        Trainer trainer = new Trainer(epochs).withBatchSize(batchSize).withSeed(seed);
        if (listener != null) {
            trainer = trainer.withProgress(progressEvery, listener);
        }
        if (validation != null) {
            trainer = trainer.withValidation(validationFraction, patience);
        }
        return trainer.start(net, family, optimizer, new SparkObjective(data, validation, net, family, seed, treeDepth,
                regParam));
    }

    /**
     * One more pass over the cached rows: the sums of the Pearson and deviance dispersion estimates at
     * {@code net}, as the Weka face's {@link neuralglm.dist.FittedDispersion#fit} makes them on one
     * machine (p = the parameter count for a GLM, a network without hidden layers; 0 for a network).
     * Summed exactly ({@link ExactSum}), so independent of the partitions' combining order.
     *
     * @param data the cached rows
     * @param net  the trained network
     * @return the sums; null for a family that fixes the dispersion or more than one target column
     */
    public DispersionSums dispersionSums(DistributedData data, Sequential net) {
        if (family.hasFixedDispersion() || data.targets() != 1) {
            return null;
        }
        final JavaSparkContext sc = JavaSparkContext.fromSparkContext(data.partitions.context());
        final Broadcast<byte[]> shape = sc.broadcast(FlatParameters.toBytes(net));
        final Broadcast<double[]> theta = sc.broadcast(Parameters.flatten(net.parameters()));
        final Family fam = family;
        final double[] s;
        try {
            s = data.partitions.treeAggregate(ExactSum.ZERO,
                    (acc, part) -> acc.plus(part.dispersionSums(shape.value(), theta.value(), fam)),
                    ExactSum::plus, treeDepth).toDoubles();
        } catch (Exception e) {   // Spark's checked SparkException is thrown undeclared
            throw SparkErrors.unwrap(e);
        } finally {
            shape.destroy();
            theta.destroy();
        }
        final int p = net.layers().size() == 1 ? net.numParameters() : 0;
        return new DispersionSums(s[0], s[1], s[2], p);
    }
}

package neuralglm.train;

import neuralglm.family.Family;
import neuralglm.linalg.Kernels;
import neuralglm.linalg.Parallel;
import neuralglm.linalg.RowSource;
import neuralglm.nn.Parameter;
import neuralglm.nn.Precision;
import neuralglm.nn.Sequential;
import neuralglm.optim.Optimizer;
import org.ejml.data.DMatrixRMaj;

/**
 * The training loop shared by every face. It never sees a loss function: each step asks the family
 * for {@code dNLL/deta} at the network output and backpropagates it.
 * <pre>
 *   for epoch e, for each batch B (full batch: B = all rows; else shuffled by the seed):
 *     zero grads;  eta = net(X_B);  G_i = w_i / sum_B w * dl(eta_i; y_i)/deta;  net.backward(G);  step
 * </pre>
 * The configured optimiser is a prototype: a fit works on {@code optimizer.copy()}. The epoch loop
 * itself lives in {@link TrainingSession} ({@link #start}), so that callers can run it an epoch at a
 * time; {@link #fit} runs it to the end. Optional early stopping: {@link #withValidation}. The loop checks
 * {@code Thread.interrupted()} before every batch, and stops with a {@link TrainingDivergedException}
 * when the loss stops being finite. A Trainer is immutable; the {@code with...} methods return copies.
 * <p>Offsets: the {@code fit} and {@code start} overloads with {@code double[] offset} train with a known per-row
 * term on the linear predictor, {@code eta = net(x) + o} ({@link neuralglm.family.Offsets}; R's
 * {@code offset(log(exposure))}); the offsets follow their rows into every batch, thread slice, validation split and
 * the final pass, whose outputs ({@link TrainingSession#finalOutputs()}) are then the whole eta. A null offset is
 * the run without one, to the bit.
 */
public final class Trainer {

    private final int epochs;
    private final int batchSize;
    private final long seed;
    private final int progressEvery;
    private final ProgressListener listener;
    private final int threads;
    private final double validationFraction;
    private final int patience;
    private final boolean shuffle;
    private final Precision precision;

    /** @param epochs number of epochs (&gt;= 1); full batch, seed 1, no progress reports, 1 thread */
    public Trainer(int epochs) {
        this(epochs, 0, 1L, 0, null, 1, 0.0, 0, true, Precision.FLOAT64);
    }

    private Trainer(int epochs, int batchSize, long seed, int progressEvery, ProgressListener listener, int threads,
                    double validationFraction, int patience, boolean shuffle, Precision precision) {
        if (epochs < 1) {
            throw new IllegalArgumentException("The number of epochs must be >= 1, got " + epochs);
        }
        if (batchSize < 0) {
            throw new IllegalArgumentException("The batch size must be >= 0 (0 = full batch), got " + batchSize);
        }
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.seed = seed;
        this.progressEvery = progressEvery;
        this.listener = listener;
        this.threads = threads;
        this.validationFraction = validationFraction;
        this.patience = patience;
        this.shuffle = shuffle;
        this.precision = java.util.Objects.requireNonNull(precision, "precision");
    }

    /**
     * @param size rows per mini-batch; 0 for full batch
     * @return a copy with that batch size
     */
    public Trainer withBatchSize(int size) {
        return new Trainer(epochs, size, seed, progressEvery, listener, threads, validationFraction, patience, shuffle, precision);
    }

    /**
     * @param s seed of the mini-batch shuffling (and of the validation split)
     * @return a copy with that seed
     */
    public Trainer withSeed(long s) {
        return new Trainer(epochs, batchSize, s, progressEvery, listener, threads, validationFraction, patience, shuffle, precision);
    }

    /**
     * @param every    report every this many epochs (and the last)
     * @param progress the receiver
     * @return a copy reporting progress
     */
    public Trainer withProgress(int every, ProgressListener progress) {
        if (every < 1) {
            throw new IllegalArgumentException("Progress interval must be >= 1 epoch, got " + every);
        }
        return new Trainer(epochs, batchSize, seed, every, progress, threads, validationFraction, patience, shuffle, precision);
    }

    /**
     * Data-parallel training: each batch is split into {@code count} contiguous row slices, one per
     * thread, each with its own copy of the network; the slices' gradients (each scaled by its share
     * of the batch weight) are summed in slice order. A given thread count therefore gives the same
     * result on every run; different counts differ by rounding only. 1 (the default) runs the plain
     * single-threaded loop.
     *
     * @param count number of threads, 1 to {@link #MAX_THREADS}
     * @return a copy using that many threads
     */
    public Trainer withThreads(int count) {
        if (count < 1 || count > MAX_THREADS) {
            throw new IllegalArgumentException("The number of threads must be >= 1 and at most " + MAX_THREADS + ", got "
                    + count);
        }
        return new Trainer(epochs, batchSize, seed, progressEvery, listener, count, validationFraction, patience, shuffle, precision);
    }

    /**
     * Early stopping: hold out {@code fraction} of the rows ({@link ValidationSplit}: stratified for a
     * class target), track their weighted mean NLL after every epoch, stop once it has not improved for
     * {@code patience} epochs, and restore the weights of the best epoch.
     *
     * @param fraction share of rows held out, in (0, 1); 0 turns early stopping off
     * @param patience epochs without improvement before stopping (&gt;= 1)
     * @return a copy with early stopping
     */
    public Trainer withValidation(double fraction, int patience) {
        if (fraction != 0 && !(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("The validation fraction must be >= 0 and < 1 (0 = no early stopping), got "
                    + fraction);
        }
        if (fraction > 0 && patience < 1) {
            throw new IllegalArgumentException("The early-stopping patience must be >= 1 epoch, got " + patience);
        }
        return new Trainer(epochs, batchSize, seed, progressEvery, listener, threads, fraction, patience, shuffle, precision);
    }

    /**
     * @param on false to visit the rows in their given order in every epoch (mini-batch training only);
     *           true (the default) shuffles them with the seed
     * @return a copy with that choice
     */
    public Trainer withShuffle(boolean on) {
        return new Trainer(epochs, batchSize, seed, progressEvery, listener, threads, validationFraction, patience, on, precision);
    }

    /**
     * @param p the arithmetic of the training passes ({@link Precision}; FLOAT64 by default). A run sets it on the
     *          network it trains ({@link Sequential#setPrecision}): a network trained in float32 predicts in float32,
     *          and the final loss (summed in double) is that of those predictions.
     * @return a copy with that precision
     */
    public Trainer withPrecision(Precision p) {
        return new Trainer(epochs, batchSize, seed, progressEvery, listener, threads, validationFraction, patience, shuffle, p);
    }

    /** @return the arithmetic of the training passes */
    public Precision precision() {
        return precision;
    }

    /** @return the seed of the shuffling and of the validation split */
    public long seed() {
        return seed;
    }

    /** @return the held-out share of the rows, 0 without early stopping */
    public double validationFraction() {
        return validationFraction;
    }

    /** @return the early-stopping patience in epochs */
    public int patience() {
        return patience;
    }

    /** @return whether mini-batch rows are shuffled every epoch */
    public boolean shuffles() {
        return shuffle;
    }

    /**
     * The most training threads: each holds a copy of the network and its gradient, and all meet twice a step, so
     * beyond the cores they only slow training down (on 2 cores, 128 threads took a 50-row build from 0.05 to 2.5 s,
     * 2048 threads to 60 s, and 100,000 threads exhausted the machine's threads without finishing).
     */
    public static final int MAX_THREADS = 256;

    /** @return the number of training threads */
    public int threads() {
        return threads;
    }

    /** @return the epoch limit */
    public int epochs() {
        return epochs;
    }

    /** @return rows per mini-batch, 0 for full batch */
    public int batchSize() {
        return batchSize;
    }

    /**
     * Trains {@code net} in place: {@code while (session.runEpoch()) {}} over {@link #start}, then
     * {@link TrainingSession#finish()}.
     *
     * @param net       the network; its output must have the family's number of columns
     * @param family    the output distribution
     * @param optimizer a prototype; a copy is trained
     * @param x         inputs, n x d. Not modified.
     * @param y         targets, n x k. Not modified.
     * @param w         instance weights (length n) or null. Not modified.
     * @return the loss trace and how training ended
     * @throws TrainingDivergedException    when the loss is no longer finite
     * @throws TrainingInterruptedException when the thread is interrupted
     */
    public TrainingResult fit(Sequential net, Family family, Optimizer optimizer,
                              DMatrixRMaj x, DMatrixRMaj y, double[] w) {
        return fit(net, family, optimizer, x, y, w, null);
    }

    /**
     * {@link #fit(Sequential, Family, Optimizer, DMatrixRMaj, DMatrixRMaj, double[])} with an offset on eta.
     *
     * @param offset the rows' offsets (length n; one-output families) or null for none. Not modified.
     * @return the loss trace and how training ended
     */
    public TrainingResult fit(Sequential net, Family family, Optimizer optimizer,
                              DMatrixRMaj x, DMatrixRMaj y, double[] w, double[] offset) {
        try (TrainingSession session = start(net, family, optimizer, x, false, y, w, offset)) {
            while (session.runEpoch()) {
                // one epoch per call
            }
            return session.finish();
        }
    }

    /**
     * Checks the data and starts a run that the caller advances epoch by epoch. With early stopping
     * ({@link #withValidation}), the validation rows are held out here ({@link ValidationSplit}, seeded
     * by this trainer's seed) and the session trains on the rest.
     *
     * @param net       the network, trained in place
     * @param family    the output distribution
     * @param optimizer a prototype; the session trains a copy
     * @param x         inputs, n x d. Not modified (the session keeps a reference, or copies of the parts).
     * @param y         targets, n x k. Not modified.
     * @param w         instance weights (length n) or null. Not modified.
     * @return the session, at epoch 0
     */
    public TrainingSession start(Sequential net, Family family, Optimizer optimizer,
                                 DMatrixRMaj x, DMatrixRMaj y, double[] w) {
        return start(net, family, optimizer, x, false, y, w);
    }

    /**
     * {@link #start(Sequential, Family, Optimizer, DMatrixRMaj, DMatrixRMaj, double[])} on inputs the caller may have
     * found finite in a pass of its own (e.g. {@link neuralglm.model.Standardizer#applyChecked}): without early stopping
     * the data checks then leave out their pass over x (the shapes, weights and targets are checked as there).
     *
     * @param inputsFinite whether every entry of x is known to be finite; false: x is checked here
     */
    public TrainingSession start(Sequential net, Family family, Optimizer optimizer,
                                 DMatrixRMaj x, boolean inputsFinite, DMatrixRMaj y, double[] w) {
        return start(net, family, optimizer, x, inputsFinite, y, w, null);
    }

    /**
     * {@link #start(Sequential, Family, Optimizer, DMatrixRMaj, boolean, DMatrixRMaj, double[])} with an offset on eta.
     *
     * @param offset the rows' offsets (length n; one-output families) or null for none. Not modified.
     */
    public TrainingSession start(Sequential net, Family family, Optimizer optimizer,
                                 DMatrixRMaj x, boolean inputsFinite, DMatrixRMaj y, double[] w, double[] offset) {
        if (validationFraction == 0) {
            DataChecks.check(family, x, y, w, threads, inputsFinite);
            neuralglm.family.Offsets.check(family, offset, x.numRows);
            return new TrainingSession(this, net, family, optimizer, new LocalObjective(this, net, family, x, y, w,
                    offset, null, null, null, null));
        }
        return start(net, family, optimizer, split(family, x, y, w, offset));
    }

    /**
     * {@link #start(Sequential, Family, Optimizer, DMatrixRMaj, DMatrixRMaj, double[])} on inputs read from a source as
     * each mini-batch is made and in blocks for the final pass, so that no n x d matrix is held: the same steps and
     * results, to the bit, as on the matrix of the source's rows. For mini-batches without early stopping (the other
     * modes read the inputs as one matrix); with threads, each reads its slice of a batch from the source, which must
     * then be safe to read from several threads at once.
     *
     * @param x inputs, n x d (checked in one pass over blocks of rows, unless {@link RowSource#knownFinite()})
     * @throws IllegalStateException on a trainer with full batches (or batches of n rows) or a validation fraction
     */
    public TrainingSession start(Sequential net, Family family, Optimizer optimizer, RowSource x, DMatrixRMaj y,
                                 double[] w) {
        return start(net, family, optimizer, x, y, w, null);
    }

    /**
     * {@link #start(Sequential, Family, Optimizer, RowSource, DMatrixRMaj, double[])} with an offset on eta.
     *
     * @param offset the rows' offsets (length n; one-output families) or null for none. Not modified.
     */
    public TrainingSession start(Sequential net, Family family, Optimizer optimizer, RowSource x, DMatrixRMaj y,
                                 double[] w, double[] offset) {
        if (batchSize <= 0 || batchSize >= x.numRows() || validationFraction != 0) {
            throw new IllegalStateException("Inputs read from a source need mini-batches without early stopping; this "
                    + "trainer has batch size " + batchSize + ", validation fraction " + validationFraction);
        }
        DataChecks.check(family, x, y, w);
        neuralglm.family.Offsets.check(family, offset, x.numRows());
        return new TrainingSession(this, net, family, optimizer, new LocalObjective(this, net, family, x, y, w, offset));
    }

    /**
     * The rows of this trainer's early-stopping split ({@link ValidationSplit} with its validation fraction and seed),
     * checked and copied once, for several runs on the same data (the fits of a penalty path): {@link #start(Sequential,
     * Family, Optimizer, Split)} with it is {@link #start(Sequential, Family, Optimizer, DMatrixRMaj, DMatrixRMaj,
     * double[])} on x, y, w, without checking, splitting and copying them again. The sessions only read the copies.
     *
     * @param xt training inputs
     * @param yt training targets
     * @param wt training weights or null
     * @param xv validation inputs
     * @param yv validation targets
     * @param wv validation weights or null
     * @param ot training offsets or null
     * @param ov validation offsets or null
     */
    public record Split(DMatrixRMaj xt, DMatrixRMaj yt, double[] wt, DMatrixRMaj xv, DMatrixRMaj yv, double[] wv,
                        double fraction, long seed, double[] ot, double[] ov) {
    }

    /**
     * Checks the data and holds out this trainer's validation rows, as {@link #start} does.
     *
     * @param family the output distribution
     * @param x      inputs, n x d. Not modified.
     * @param y      targets, n x k. Not modified.
     * @param w      instance weights (length n) or null. Not modified.
     * @return the two parts, copied
     * @throws IllegalStateException    without early stopping (a validation fraction of 0)
     * @throws IllegalArgumentException when the data are not valid for the family, or a part has no weight
     */
    public Split split(Family family, DMatrixRMaj x, DMatrixRMaj y, double[] w) {
        return split(family, x, y, w, null);
    }

    /**
     * {@link #split(Family, DMatrixRMaj, DMatrixRMaj, double[])} with the rows' offsets split alike.
     *
     * @param offset the rows' offsets or null for none. Not modified.
     * @return the two parts, copied
     */
    public Split split(Family family, DMatrixRMaj x, DMatrixRMaj y, double[] w, double[] offset) {
        if (validationFraction == 0) {
            throw new IllegalStateException("The trainer holds nothing out (validation fraction 0): there is no split");
        }
        DataChecks.check(family, x, y, w, threads);
        neuralglm.family.Offsets.check(family, offset, x.numRows);
        final ValidationSplit split = ValidationSplit.of(family, y, validationFraction, seed);
        final int[] t = split.train(), v = split.validation();
        final double[] wt = ValidationSplit.rows(w, t), wv = ValidationSplit.rows(w, v);
        ValidationSplit.checkWeights(wv, v.length, "validation rows held out by the validation fraction "
                + validationFraction, "use a larger fraction or fewer zero weights", wt, t.length,
                "training rows left by the validation fraction " + validationFraction, "use a smaller fraction");
        return new Split(ValidationSplit.rows(x, t), ValidationSplit.rows(y, t), wt, ValidationSplit.rows(x, v),
                ValidationSplit.rows(y, v), wv, validationFraction, seed, ValidationSplit.rows(offset, t),
                ValidationSplit.rows(offset, v));
    }

    /**
     * Starts a run on a split made by {@link #split} of a trainer with the same validation fraction and seed.
     *
     * @param net       the network, trained in place
     * @param family    the output distribution (the split's)
     * @param optimizer a prototype; the session trains a copy
     * @param split     the parts. Not modified.
     * @return the session, at epoch 0
     * @throws IllegalArgumentException when the split was made with another validation fraction or seed
     */
    public TrainingSession start(Sequential net, Family family, Optimizer optimizer, Split split) {
        if (split.fraction() != validationFraction || split.seed() != seed) {
            throw new IllegalArgumentException("The split was made with validation fraction " + split.fraction()
                    + " and seed " + split.seed() + ", this trainer has " + validationFraction + " and " + seed);
        }
        return new TrainingSession(this, net, family, optimizer, new LocalObjective(this, net, family, split.xt(),
                split.yt(), split.wt(), split.ot(), split.xv(), split.yv(), split.wv(), split.ov()));
    }

    /**
     * A run on the rows {@code t}, early-stopped with this trainer's patience on the rows {@code v} (with
     * {@code t, v} the parts of this trainer's {@link ValidationSplit}, the same run as {@link #fit}).
     *
     * @return the loss trace and how training ended
     */
    TrainingResult fitOn(Sequential net, Family family, Optimizer optimizer, DMatrixRMaj x, DMatrixRMaj y, double[] w,
                         double[] offset, int[] t, int[] v) {
        DataChecks.check(family, x, y, w, threads);
        neuralglm.family.Offsets.check(family, offset, x.numRows);
        try (TrainingSession session = new TrainingSession(this, net, family, optimizer, new LocalObjective(this, net,
                family, ValidationSplit.rows(x, t), ValidationSplit.rows(y, t), ValidationSplit.rows(w, t),
                ValidationSplit.rows(offset, t), ValidationSplit.rows(x, v), ValidationSplit.rows(y, v),
                ValidationSplit.rows(w, v), ValidationSplit.rows(offset, v)))) {
            while (session.runEpoch()) {
                // one epoch per call
            }
            return session.finish();
        }
    }

    /**
     * Starts a run over any {@link Objective} (e.g. a Spark table): the same loop, checks, messages and,
     * when the objective has validation rows, early stopping with this trainer's patience. The
     * objective's rows are its own: this trainer's seed, shuffling and threads are not used.
     *
     * @param net       the network, trained in place (the objective evaluates it)
     * @param family    the output distribution
     * @param optimizer a prototype; the session trains a copy
     * @param objective the data
     * @return the session, at epoch 0
     */
    public TrainingSession start(Sequential net, Family family, Optimizer optimizer, Objective objective) {
        return new TrainingSession(this, net, family, optimizer, objective);
    }

    /**
     * Learning from a stream: rows are buffered into mini-batches of this trainer's batch size, and
     * each full batch is one optimiser step (single-threaded).
     *
     * @param net       the network, trained in place
     * @param family    the output distribution
     * @param optimizer a prototype; the learner steps a copy
     * @param inputs    the number of input columns d
     * @return a learner with an empty buffer
     * @throws IllegalArgumentException when the batch size is 0 (full batch) or the optimiser needs the full batch
     */
    public IncrementalTrainer incremental(Sequential net, Family family, Optimizer optimizer, int inputs) {
        return incremental(net, family, optimizer, inputs, false);
    }

    /**
     * {@link #incremental(Sequential, Family, Optimizer, int)}, its rows with an offset on eta or not.
     *
     * @param net       the network, trained in place
     * @param family    the output distribution
     * @param optimizer a prototype; the learner steps a copy
     * @param inputs    the number of input columns d
     * @param offsets   whether each row comes with an offset o, {@code eta = net(x) + o} (one-output families)
     * @return a learner with an empty buffer
     */
    public IncrementalTrainer incremental(Sequential net, Family family, Optimizer optimizer, int inputs, boolean offsets) {
        return new IncrementalTrainer(net, family, optimizer, batchSize, inputs, offsets);
    }

    /** Rows per chunk of the final loss (a chunk's mean NLL is one term of the loss): bounds the layers' buffers. */
    private static final int FINAL_CHUNK = 4096;

    /**
     * Rows per forward pass within a chunk: the hidden layers' matrices stay in the caches (64 units: 128 kB a
     * layer, against 2 MB for a whole chunk), and a network trained on mini-batches of 256 rows (or fewer) passes them
     * in the buffers its training has used: 512 rows grew them into about 1 MB of memory new to the process, whose
     * first touch costs some 10 us a page on a virtual machine (2.8 ms of a 200k-row build's final statistics, against
     * about 0.5 ms more for the smaller blocks where the pages are warm). Rows never interact, so the outputs are the
     * same to the bit.
     */
    static final int FINAL_BLOCK = 256;

    /**
     * @return rows per forward pass of the final loss for this network: {@value #FINAL_BLOCK}, or for a network
     *         predicting in float32 the rows of its float prediction pass's blocks ({@link Sequential#PREDICT_BLOCK_FLOAT})
     */
    private static int finalBlock(Sequential net) {
        return net.precision() == Precision.FLOAT32 ? Sequential.PREDICT_BLOCK_FLOAT : FINAL_BLOCK;
    }

    /**
     * The network's outputs on rows {@code start .. start + b - 1} of x, {@link #finalBlock} rows per forward pass.
     *
     * @param xb  a buffer for the rows of one pass (reshaped)
     * @param eta receives the b x k outputs (reshaped)
     * @return eta
     */
    private static DMatrixRMaj chunkOutputs(Sequential net, RowSource x, int start, int b, DMatrixRMaj xb, DMatrixRMaj eta) {
        final int d = x.numCols(), block = finalBlock(net);
        for (int r = 0; r < b; r += block) {
            final int m = Math.min(block, b - r);
            xb.reshape(m, d, false);
            x.range(start + r, m, xb.data);
            final DMatrixRMaj h = outputs(net, xb);
            if (r == 0) {
                eta.reshape(b, h.numCols, false);
            }
            System.arraycopy(h.data, 0, eta.data, r * h.numCols, m * h.numCols);
        }
        return eta;
    }

    /**
     * The network's outputs on x as {@code net.predict(x)} gives them, through the network's own buffers: the training
     * forward pass in double (the same bits), the network's float prediction pass when it predicts in float32
     * ({@link Sequential#setPrecision}).
     */
    private static DMatrixRMaj outputs(Sequential net, DMatrixRMaj x) {
        return net.precision() == Precision.FLOAT32 ? net.evaluate(x) : net.forward(x);
    }

    /**
     * The weighted mean NLL of the trained network over all rows, {@code sum_b W_b meanNll_b / W} over
     * chunks b of at most {@value #FINAL_CHUNK} rows, so that the layers' buffers never grow to n rows.
     *
     * @param etaOut when not null, reshaped to n x k and given the network's outputs on all rows (what
     *               {@code net.predict(x)} gives, to the bit)
     */
    static double finalMeanNll(int epoch, Sequential net, Family family, DMatrixRMaj x, DMatrixRMaj y, double[] w,
                               DMatrixRMaj etaOut) {
        return finalMeanNll(epoch, net, family, x, y, w, etaOut, 1);
    }

    /**
     * {@link #finalMeanNll(int, Sequential, Family, DMatrixRMaj, DMatrixRMaj, double[], DMatrixRMaj)} with the
     * chunks shared among {@code threads} threads (the caller's and threads started here, each with a copy of
     * the network): the chunk losses are added in chunk order afterwards, so the result is the same to the
     * bit for any number of threads.
     */
    static double finalMeanNll(int epoch, Sequential net, Family family, DMatrixRMaj x, DMatrixRMaj y, double[] w,
                               DMatrixRMaj etaOut, int threads) {
        return finalMeanNll(epoch, net, family, x, y, w, null, etaOut, threads);
    }

    /** @param offset the rows' offsets or null: the loss and etaOut are then at eta = net(x) + offset */
    static double finalMeanNll(int epoch, Sequential net, Family family, DMatrixRMaj x, DMatrixRMaj y, double[] w,
                               double[] offset, DMatrixRMaj etaOut, int threads) {
        if (x.numRows <= FINAL_CHUNK) {   // one chunk: the matrix itself, not a copy of its rows
            return wholeMeanNll(epoch, net, family, x, y, w, offset, etaOut);
        }
        return finalMeanNll(epoch, net, family, RowSource.dense(x), y, w, offset, etaOut, threads);
    }

    /** The final mean NLL of at most {@value #FINAL_CHUNK} rows in one forward pass. */
    private static double wholeMeanNll(int epoch, Sequential net, Family family, DMatrixRMaj x, DMatrixRMaj y, double[] w,
                                       double[] offset, DMatrixRMaj etaOut) {
        final DMatrixRMaj out = outputs(net, x);   // the network's buffer: an offset is added into a copy
        final DMatrixRMaj eta = offset == null ? out : neuralglm.family.Offsets.add(out, offset, 0, null);
        if (etaOut != null) {
            etaOut.setTo(eta);
        }
        return checkPass(epoch, family.meanNll(eta, y, w), family, eta);
    }

    /**
     * {@link #finalMeanNll(int, Sequential, Family, DMatrixRMaj, DMatrixRMaj, double[], DMatrixRMaj, int)} on the rows
     * of a source, read in blocks of {@link #finalBlock} rows: the same bits as on the matrix of those rows.
     */
    static double finalMeanNll(int epoch, Sequential net, Family family, RowSource x, DMatrixRMaj y, double[] w,
                               DMatrixRMaj etaOut, int threads) {
        return finalMeanNll(epoch, net, family, x, y, w, null, etaOut, threads);
    }

    /** @param offset the rows' offsets or null: the loss and etaOut are then at eta = net(x) + offset */
    static double finalMeanNll(int epoch, Sequential net, Family family, RowSource x, DMatrixRMaj y, double[] w,
                               double[] offset, DMatrixRMaj etaOut, int threads) {
        final int n = x.numRows();
        final int chunks = (n + FINAL_CHUNK - 1) / FINAL_CHUNK;
        if (threads > 1 && chunks > 1) {
            return parallelFinalMeanNll(epoch, net, family, x, y, w, offset, etaOut, Math.min(threads, chunks), chunks);
        }
        final int d = x.numCols(), k = y.numCols;
        if (n <= FINAL_CHUNK) {
            final DMatrixRMaj all = new DMatrixRMaj(n, d);
            x.range(0, n, all.data);
            return wholeMeanNll(epoch, net, family, all, y, w, offset, etaOut);
        }
        final DMatrixRMaj xb = new DMatrixRMaj(finalBlock(net), d), yb = new DMatrixRMaj(FINAL_CHUNK, k);
        final DMatrixRMaj chunk = new DMatrixRMaj(FINAL_CHUNK, k);
        final double[] wb = w == null ? null : new double[FINAL_CHUNK];
        double sum = 0.0;
        for (int start = 0; start < n; start += FINAL_CHUNK) {
            final int b = Math.min(FINAL_CHUNK, n - start);
            yb.reshape(b, k, false);
            System.arraycopy(y.data, start * k, yb.data, 0, b * k);
            double chunkWeight = b;
            if (wb != null) {
                System.arraycopy(w, start, wb, 0, b);
                chunkWeight = Family.totalWeight(wb, b);
                if (chunkWeight == 0 && etaOut == null) {
                    continue;
                }
            }
            final DMatrixRMaj eta = chunkOutputs(net, x, start, b, xb, chunk);
            if (offset != null) {
                neuralglm.family.Offsets.add(eta, offset, start, eta);   // chunk is this pass's own buffer
            }
            if (etaOut != null) {
                if (start == 0) {
                    etaOut.reshape(n, eta.numCols, false);
                }
                System.arraycopy(eta.data, 0, etaOut.data, start * eta.numCols, b * eta.numCols);
            }
            if (chunkWeight != 0) {
                sum += chunkWeight * checkPass(epoch, family.meanNll(eta, yb, wb), family, eta);
            }
        }
        return sum / Family.totalWeight(w, n);
    }

    private static double parallelFinalMeanNll(int epoch, Sequential net, Family family, RowSource x, DMatrixRMaj y,
                                               double[] w, double[] offset, DMatrixRMaj etaOut, int threads, int chunks) {
        final int n = x.numRows(), d = x.numCols(), k = y.numCols;
        final double[] loss = new double[chunks], weight = new double[chunks];
        if (etaOut != null) {
            etaOut.reshape(n, k, false);
        }
        final Sequential[] nets = new Sequential[threads];   // a network per part: forward passes keep buffers
        nets[0] = net;
        for (int t = 1; t < threads; t++) {
            nets[t] = net.copy();
        }
        Parallel.run(threads, t -> finalChunks(nets[t], family, x, y, w, offset, etaOut, loss, weight, t, threads));
        if (Thread.currentThread().isInterrupted()) {
            throw new TrainingInterruptedException(epoch);
        }
        double sum = 0.0;
        for (int c = 0; c < chunks; c++) {
            if (weight[c] != 0) {
                if (!Double.isFinite(loss[c])) {
                    // the message names this chunk's outputs: compute them again here
                    final int start = c * FINAL_CHUNK, b = Math.min(FINAL_CHUNK, n - start);
                    final DMatrixRMaj xb = new DMatrixRMaj(b, d);
                    x.range(start, b, xb.data);
                    final DMatrixRMaj out = outputs(net, xb);
                    checkPass(epoch, loss[c], family, offset == null ? out : neuralglm.family.Offsets.add(out, offset,
                            start, null));
                }
                sum += weight[c] * loss[c];
            }
        }
        return sum / Family.totalWeight(w, n);
    }

    /**
     * Chunks {@code t, t + threads, t + 2 threads, ...} of the final loss pass: their weights, mean NLLs and
     * (into etaOut) outputs.
     */
    private static void finalChunks(Sequential net, Family family, RowSource x, DMatrixRMaj y, double[] w,
                                    double[] offset, DMatrixRMaj etaOut, double[] loss, double[] weight, int t,
                                    int threads) {
        final int n = x.numRows(), d = x.numCols(), k = y.numCols;
        final DMatrixRMaj xb = new DMatrixRMaj(finalBlock(net), d), yb = new DMatrixRMaj(FINAL_CHUNK, k);
        final DMatrixRMaj chunk = new DMatrixRMaj(FINAL_CHUNK, k);
        final double[] wb = w == null ? null : new double[FINAL_CHUNK];
        for (int c = t; c < loss.length; c += threads) {
            final int start = c * FINAL_CHUNK, b = Math.min(FINAL_CHUNK, n - start);
            yb.reshape(b, k, false);
            System.arraycopy(y.data, start * k, yb.data, 0, b * k);
            weight[c] = b;
            if (wb != null) {
                System.arraycopy(w, start, wb, 0, b);
                weight[c] = Family.totalWeight(wb, b);
                if (weight[c] == 0 && etaOut == null) {
                    continue;
                }
            }
            final DMatrixRMaj eta = chunkOutputs(net, x, start, b, xb, chunk);
            if (offset != null) {
                neuralglm.family.Offsets.add(eta, offset, start, eta);
            }
            if (etaOut != null) {
                System.arraycopy(eta.data, 0, etaOut.data, start * k, b * k);
            }
            loss[c] = weight[c] == 0 ? 0.0 : family.meanNll(eta, yb, wb);
        }
    }

    /**
     * Reports an epoch's loss when it is due.
     *
     * @param epoch 0-based epoch
     * @param loss  its mean NLL
     * @param limit the current epoch limit
     */
    void report(int epoch, double loss, int limit) {
        if (listener != null && ((epoch + 1) % progressEvery == 0 || epoch == limit - 1)) {
            listener.onProgress(epoch, loss);
        }
    }

    static void checkInterrupt(int epoch) {
        if (Thread.interrupted()) {
            Thread.currentThread().interrupt();
            throw new TrainingInterruptedException(epoch);
        }
    }

    /** @param offset the rows' offsets (a batch buffer: its first b entries) or null */
    BatchStep newStep(Sequential net, Family family, DMatrixRMaj x, DMatrixRMaj y, double[] w, double[] offset) {
        return threads == 1 ? new Step(net, family, x, y, w, offset, precision)
                : new ParallelStep(net, family, x, RowSource.dense(x), y, w, offset, threads, precision, true);
    }

    /**
     * The divergence check of an optimiser's step (every epoch of every run): see {@link #diverged}, which says what to
     * try by the optimiser (a line search such as L-BFGS's has no learning rate to lower: the data's scale).
     *
     * @param epoch     0-based epoch
     * @param loss      the step's loss
     * @param family    the fitted family
     * @param step      the step, whose outputs (read only when the loss is not finite) locate a link's domain error
     * @param optimizer the optimiser that took the step
     * @return loss, when finite
     * @throws TrainingDivergedException otherwise
     */
    static double checkStep(int epoch, double loss, Family family, BatchStep step, Optimizer optimizer) {
        if (Double.isFinite(loss)) {
            return loss;
        }
        throw diverged(epoch, loss, family, step.eta(), optimizer.needsFullBatch());
    }

    /**
     * The divergence check of a pass without a step (the final loss over the training rows): see {@link #diverged}.
     *
     * @param epoch  the epochs run
     * @param loss   the pass's loss
     * @param family the fitted family
     * @param eta    the pass's outputs, or null when not kept
     * @return loss, when finite
     * @throws TrainingDivergedException otherwise
     */
    static double checkPass(int epoch, double loss, Family family, DMatrixRMaj eta) {
        if (Double.isFinite(loss)) {
            return loss;
        }
        throw diverged(epoch, loss, family, eta, false);
    }

    /**
     * What a user sees when training diverges: the epoch, what diverged (the first row whose eta left the domain of the
     * family's link, else the mean negative log-likelihood) and what to try (the log link; a smaller learning rate, or,
     * after a line search, which has none, the data's scale).
     *
     * @param eta        the outputs the loss came from, or null
     * @param lineSearch whether the optimiser chooses its steps by a line search (L-BFGS), which keeps their losses
     *                   finite: then no learning rate is to blame, and the message points at the data
     */
    private static TrainingDivergedException diverged(int epoch, double loss, Family family, DMatrixRMaj eta,
                                                      boolean lineSearch) {
        if (eta != null) {
            final int len = eta.getNumElements(), k = eta.numCols;
            for (int i = 0; i < len; i++) {
                final double v = eta.data[i];
                if (!Double.isNaN(v) && !family.link().inDomain(v)) {
                    return new TrainingDivergedException(epoch, String.format(
                            "Training left the domain of the %s family's %s link at epoch %d: eta = %s at row %d, but the link needs %s. "
                                    + (lineSearch ? "Use the log link." : "Use the log link, or a smaller learning rate."),
                            family.name(), family.link(), epoch, v, i / k, family.link().etaDomain()));
                }
            }
        }
        return new TrainingDivergedException(epoch, String.format(
                "Training diverged at epoch %d: the mean negative log-likelihood became %s. %s", epoch, loss, lineSearch
                        ? "The optimiser searches its steps along lines and has no learning rate to lower: the data's "
                        + "scale is the likely cause (values whose squares, times the instance weights, leave double's "
                        + "range; unstandardised inputs; float32's range with single precision)."
                        : "Try a smaller learning rate."));
    }

    /** One forward-backward pass over a batch, as the optimiser's closure; buffers are reused. */
    static final class Step implements BatchStep {
        private final BlockGradient gradient;
        private final DMatrixRMaj x;
        private final DMatrixRMaj y;
        private final double[] weights;
        private final double[] offset;

        Step(Sequential net, Family family, DMatrixRMaj x, DMatrixRMaj y, double[] w, Precision precision) {
            this(net, family, x, y, w, null, precision);
        }

        Step(Sequential net, Family family, DMatrixRMaj x, DMatrixRMaj y, double[] w, double[] offset, Precision precision) {
            this.gradient = new BlockGradient(net, family, precision);
            this.x = x;
            this.y = y;
            this.weights = w;
            this.offset = offset;
        }

        @Override
        public double evaluate() {
            return gradient.meanSetting(x, y, weights, offset, 1.0); // the gradients set, not added: no zeroing first
        }

        @Override
        public DMatrixRMaj eta() {
            return gradient.eta();
        }
    }
}

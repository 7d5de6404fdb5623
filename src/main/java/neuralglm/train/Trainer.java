package neuralglm.train;

import java.util.Random;

import neuralglm.family.Family;
import neuralglm.linalg.Kernels;
import neuralglm.nn.Parameter;
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
 * The configured optimiser is a prototype: a fit works on {@code optimizer.copy()}. The loop checks
 * {@code Thread.interrupted()} before every batch, and stops with a {@link TrainingDivergedException}
 * when the loss stops being finite. A Trainer is immutable; the {@code with...} methods return copies.
 */
public final class Trainer {

    private final int epochs;
    private final int batchSize;
    private final long seed;
    private final int progressEvery;
    private final ProgressListener listener;
    private final int threads;

    /** @param epochs number of epochs (&gt;= 1); full batch, seed 1, no progress reports, 1 thread */
    public Trainer(int epochs) {
        this(epochs, 0, 1L, 0, null, 1);
    }

    private Trainer(int epochs, int batchSize, long seed, int progressEvery, ProgressListener listener, int threads) {
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
    }

    /**
     * @param size rows per mini-batch; 0 for full batch
     * @return a copy with that batch size
     */
    public Trainer withBatchSize(int size) {
        return new Trainer(epochs, size, seed, progressEvery, listener, threads);
    }

    /**
     * @param s seed of the mini-batch shuffling
     * @return a copy with that seed
     */
    public Trainer withSeed(long s) {
        return new Trainer(epochs, batchSize, s, progressEvery, listener, threads);
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
        return new Trainer(epochs, batchSize, seed, every, progress, threads);
    }

    /**
     * Data-parallel training: each batch is split into {@code count} contiguous row slices, one per
     * thread, each with its own copy of the network; the slices' gradients (each scaled by its share
     * of the batch weight) are summed in slice order. A given thread count therefore gives the same
     * result on every run; different counts differ by rounding only. 1 (the default) runs the plain
     * single-threaded loop.
     *
     * @param count number of threads (&gt;= 1)
     * @return a copy using that many threads
     */
    public Trainer withThreads(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("The number of threads must be >= 1, got " + count);
        }
        return new Trainer(epochs, batchSize, seed, progressEvery, listener, count);
    }

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
     * Trains {@code net} in place.
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
        DataChecks.check(family, x, y, w);
        final int n = x.numRows;
        if (batchSize > n) {
            throw new IllegalArgumentException("The batch size " + batchSize + " exceeds the " + n
                    + " training rows; use 0 for full batch");
        }
        final boolean fullBatch = batchSize == 0 || batchSize == n;
        final Optimizer opt = optimizer.copy().initialise(net.parameters());
        if (opt.needsFullBatch() && !fullBatch) {
            throw new IllegalArgumentException(opt + " needs the full batch (batch size 0), got batch size " + batchSize);
        }
        final double[] trace = new double[epochs];
        int e = 0;
        boolean converged = false;
        if (fullBatch) {
            try (BatchStep step = newStep(net, family, x, y, w)) {
                for (; e < epochs; e++) {
                    checkInterrupt(e);
                    trace[e] = checkFinite(e, opt.step(step), family, step);
                    report(e, trace[e]);
                    if (opt.converged()) {
                        converged = true;
                        e++;
                        break;
                    }
                }
            }
        } else {
            e = miniBatchEpochs(net, family, opt, x, y, w, trace);
        }
        final double finalLoss = finalMeanNll(e, net, family, x, y, w);
        return new TrainingResult(java.util.Arrays.copyOf(trace, e), finalLoss, converged);
    }

    /** Rows per forward pass of the final loss: bounds the layers' buffers for large data. */
    private static final int FINAL_CHUNK = 4096;

    /**
     * The weighted mean NLL of the trained network over all rows, {@code sum_b W_b meanNll_b / W} over
     * chunks b of at most {@value #FINAL_CHUNK} rows, so that the layers' buffers never grow to n rows.
     */
    private static double finalMeanNll(int epoch, Sequential net, Family family, DMatrixRMaj x, DMatrixRMaj y, double[] w) {
        final int n = x.numRows, d = x.numCols, k = y.numCols;
        if (n <= FINAL_CHUNK) {
            final DMatrixRMaj eta = net.forward(x);
            return checkFinite(epoch, family.meanNll(eta, y, w), family, eta);
        }
        final DMatrixRMaj xb = new DMatrixRMaj(FINAL_CHUNK, d), yb = new DMatrixRMaj(FINAL_CHUNK, k);
        final double[] wb = w == null ? null : new double[FINAL_CHUNK];
        double sum = 0.0;
        for (int start = 0; start < n; start += FINAL_CHUNK) {
            final int b = Math.min(FINAL_CHUNK, n - start);
            xb.reshape(b, d, false);
            yb.reshape(b, k, false);
            System.arraycopy(x.data, start * d, xb.data, 0, b * d);
            System.arraycopy(y.data, start * k, yb.data, 0, b * k);
            double chunkWeight = b;
            if (wb != null) {
                System.arraycopy(w, start, wb, 0, b);
                chunkWeight = Family.totalWeight(wb, b);
                if (chunkWeight == 0) {
                    continue;
                }
            }
            final DMatrixRMaj eta = net.forward(xb);
            sum += chunkWeight * checkFinite(epoch, family.meanNll(eta, yb, wb), family, eta);
        }
        return sum / Family.totalWeight(w, n);
    }

    private int miniBatchEpochs(Sequential net, Family family, Optimizer opt,
                                DMatrixRMaj x, DMatrixRMaj y, double[] w, double[] trace) {
        final int n = x.numRows, d = x.numCols, k = y.numCols;
        final Random rng = new Random(seed);
        final int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        final DMatrixRMaj xb = new DMatrixRMaj(batchSize, d), yb = new DMatrixRMaj(batchSize, k);
        final double[] wb = new double[batchSize];
        // families read only the first b entries of the weights, so one array serves every batch size
        try (BatchStep step = newStep(net, family, xb, yb, wb)) {
            return miniBatchLoop(step, family, opt, x, y, w, trace, perm, rng, xb, yb, wb);
        }
    }

    private int miniBatchLoop(BatchStep step, Family family, Optimizer opt, DMatrixRMaj x, DMatrixRMaj y, double[] w,
                              double[] trace, int[] perm, Random rng, DMatrixRMaj xb, DMatrixRMaj yb, double[] wb) {
        final int n = x.numRows, d = x.numCols, k = y.numCols;
        final double total = Family.totalWeight(w, n);
        for (int e = 0; e < epochs; e++) {
            for (int i = n - 1; i > 0; i--) {
                final int j = rng.nextInt(i + 1), t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            double epochLoss = 0;
            for (int start = 0; start < n; start += batchSize) {
                checkInterrupt(e);
                final int b = Math.min(batchSize, n - start);
                xb.reshape(b, d, false);
                yb.reshape(b, k, false);
                double batchWeight = 0;
                for (int r = 0; r < b; r++) {
                    final int src = perm[start + r];
                    System.arraycopy(x.data, src * d, xb.data, r * d, d);
                    System.arraycopy(y.data, src * k, yb.data, r * k, k);
                    wb[r] = w == null ? 1.0 : w[src];
                    batchWeight += wb[r];
                }
                if (batchWeight == 0) {
                    continue;
                }
                final double loss = checkFinite(e, opt.step(step), family, step);
                epochLoss += loss * batchWeight;
            }
            trace[e] = epochLoss / total;
            report(e, trace[e]);
        }
        return epochs;
    }

    private void report(int epoch, double loss) {
        if (listener != null && ((epoch + 1) % progressEvery == 0 || epoch == epochs - 1)) {
            listener.onProgress(epoch, loss);
        }
    }

    private static void checkInterrupt(int epoch) {
        if (Thread.interrupted()) {
            Thread.currentThread().interrupt();
            throw new TrainingInterruptedException(epoch);
        }
    }

    private BatchStep newStep(Sequential net, Family family, DMatrixRMaj x, DMatrixRMaj y, double[] w) {
        return threads == 1 ? new Step(net, family, x, y, w) : new ParallelStep(net, family, x, y, w, threads);
    }

    private static double checkFinite(int epoch, double loss, Family family, BatchStep step) {
        return Double.isFinite(loss) ? loss : checkFinite(epoch, loss, family, step.eta());
    }

    private static double checkFinite(int epoch, double loss, Family family, DMatrixRMaj eta) {
        if (Double.isFinite(loss)) {
            return loss;
        }
        if (eta != null) {
            final int len = eta.getNumElements(), k = eta.numCols;
            for (int i = 0; i < len; i++) {
                final double v = eta.data[i];
                if (!Double.isNaN(v) && !family.link().inDomain(v)) {
                    throw new TrainingDivergedException(epoch, String.format(
                            "Training left the domain of the %s family's %s link at epoch %d: eta = %s at row %d, but the link needs %s. "
                                    + "Use the log link, or a smaller learning rate.",
                            family.name(), family.link(), epoch, v, i / k, family.link().etaDomain()));
                }
            }
        }
        throw new TrainingDivergedException(epoch, String.format(
                "Training diverged at epoch %d: the mean negative log-likelihood became %s. Try a smaller learning rate.",
                epoch, loss));
    }

    /** One forward-backward pass over a batch, as the optimiser's closure; buffers are reused. */
    static final class Step implements BatchStep {
        private final Sequential net;
        private final Parameter[] params;
        private final Backprop backprop;
        private final Family family;
        private final DMatrixRMaj x;
        private final DMatrixRMaj y;
        private final double[] weights;
        private DMatrixRMaj grad;
        private DMatrixRMaj eta;

        Step(Sequential net, Family family, DMatrixRMaj x, DMatrixRMaj y, double[] w) {
            this.net = net;
            this.params = net.parameters().toArray(new Parameter[0]);
            this.backprop = new Backprop(net);
            this.family = family;
            this.x = x;
            this.y = y;
            this.weights = w;
        }

        @Override
        public double evaluate() {
            for (Parameter p : params) {
                p.zeroGrad();
            }
            eta = net.forward(x);
            if (eta.numCols != y.numCols) {
                throw new IllegalArgumentException("The network has " + eta.numCols + " outputs but the "
                        + family.name() + " targets have " + y.numCols + " columns");
            }
            grad = Kernels.reshape(grad, eta.numRows, eta.numCols);
            final double loss = family.gradient(eta, y, weights, grad);
            backprop.run(grad);
            return loss;
        }

        @Override
        public DMatrixRMaj eta() {
            return eta;
        }
    }
}

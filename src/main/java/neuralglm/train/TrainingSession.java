package neuralglm.train;

import java.util.Arrays;
import java.util.Random;

import neuralglm.family.Family;
import neuralglm.nn.Parameters;
import neuralglm.nn.Sequential;
import neuralglm.optim.Optimizer;
import org.ejml.data.DMatrixRMaj;

/**
 * One training run, advanced an epoch at a time: it owns the optimiser copy, the mini-batch RNG and
 * buffers, the loss trace and, with early stopping, the held-out rows and the best weights so far.
 * {@link Trainer#fit} is {@code while (session.runEpoch()) {}; session.finish()}; the Weka face calls
 * {@link #runEpoch()} from {@code IterativeClassifier.next()}.
 * <pre>
 *   epoch e:  full batch: one optimiser step on all training rows (trace[e] = NLL before it)
 *             mini-batch: shuffle the rows (seeded), one step per batch (trace[e] = weighted mean of batch NLLs)
 *   early stopping: v_e = weighted mean NLL of the validation rows after epoch e;
 *                   keep the weights of argmin v; stop when v has not improved for `patience` epochs
 * </pre>
 * An interrupt or divergence ends the session (the network is then mid-step and should be discarded).
 * The session keeps its worker threads (for {@code withThreads}) between epochs until
 * {@link #release()}, {@link #finish()} or {@link #close()}; a released session starts them again
 * on the next epoch, which changes nothing in the results.
 */
public final class TrainingSession implements AutoCloseable {

    /** Initial length of the loss trace; it doubles as needed up to the epoch limit. */
    private static final int INITIAL_TRACE = 1 << 12;

    private final Trainer trainer;
    private final Sequential net;
    private final Family family;
    private final Optimizer opt;
    private final DMatrixRMaj x;
    private final DMatrixRMaj y;
    private final double[] w;
    private final DMatrixRMaj xv;
    private final DMatrixRMaj yv;
    private final double[] wv;
    private final int patience;
    private final boolean fullBatch;
    private final Random rng;
    private final int[] perm;
    private final DMatrixRMaj xb;
    private final DMatrixRMaj yb;
    private final double[] wb;
    private final double total;
    private final boolean shuffle;

    private BatchStep step;
    private int epochLimit;
    private int epoch;
    private double[] trace;
    private double[] validationTrace;
    private boolean converged;
    private boolean noImprovement;
    private boolean broken;
    private double bestLoss = Double.POSITIVE_INFINITY;
    private int bestEpoch = -1;
    private double[] bestWeights;
    private TrainingResult finished;

    /** Use {@link Trainer#start}. Inputs are checked there. */
    TrainingSession(Trainer trainer, Sequential net, Family family, Optimizer optimizer,
                    DMatrixRMaj x, DMatrixRMaj y, double[] w, DMatrixRMaj xv, DMatrixRMaj yv, double[] wv) {
        this.trainer = trainer;
        this.net = net;
        this.family = family;
        this.x = x;
        this.y = y;
        this.w = w;
        this.xv = xv;
        this.yv = yv;
        this.wv = wv;
        this.patience = xv == null ? 0 : trainer.patience();
        this.shuffle = trainer.shuffles();
        this.epochLimit = trainer.epochs();
        final int n = x.numRows, batchSize = trainer.batchSize();
        if (batchSize > n) {
            throw new IllegalArgumentException("The batch size " + batchSize + " exceeds the " + n
                    + " training rows; use 0 for full batch");
        }
        this.fullBatch = batchSize == 0 || batchSize == n;
        this.opt = optimizer.copy().initialise(net.parameters());
        if (opt.needsFullBatch() && !fullBatch) {
            throw new IllegalArgumentException(opt + " needs the full batch (batch size 0), got batch size " + batchSize);
        }
        this.total = Family.totalWeight(w, n);
        this.trace = new double[Math.max(1, Math.min(epochLimit, INITIAL_TRACE))];
        this.validationTrace = xv == null ? null : new double[trace.length];
        if (fullBatch) {
            rng = null;
            perm = null;
            xb = null;
            yb = null;
            wb = null;
        } else {
            rng = new Random(trainer.seed());
            perm = new int[n];
            for (int i = 0; i < n; i++) {
                perm[i] = i;
            }
            xb = new DMatrixRMaj(batchSize, x.numCols);
            yb = new DMatrixRMaj(batchSize, y.numCols);
            // families read only the first b entries of the weights, so one array serves every batch size
            wb = new double[batchSize];
        }
    }

    /** @return the number of epochs run so far */
    public int epoch() {
        return epoch;
    }

    /** @return the current epoch limit */
    public int epochLimit() {
        return epochLimit;
    }

    /**
     * Moves the epoch limit (e.g. to resume training with more epochs).
     *
     * @param limit the new total number of epochs; a value at most {@link #epoch()} ends the run
     */
    public void setEpochLimit(int limit) {
        epochLimit = limit;
    }

    /** @return the network being trained (in place) */
    public Sequential network() {
        return net;
    }

    /** @return the number of training rows (after holding out the validation rows) */
    public int trainingRows() {
        return x.numRows;
    }

    /** @return the number of held-out validation rows, 0 without early stopping */
    public int validationRows() {
        return xv == null ? 0 : xv.numRows;
    }

    /**
     * @return true while another epoch may run: not finished, not converged, not stopped early, not
     *         broken by an interrupt or divergence, and below the epoch limit
     */
    public boolean canContinue() {
        return isOpen() && epoch < epochLimit;
    }

    /**
     * @return true when the run could go on if its epoch limit allowed: not finished, not broken by an
     *         interrupt or divergence, not converged, not stopped early
     */
    public boolean isOpen() {
        return finished == null && !broken && !converged && !noImprovement;
    }

    /**
     * Runs one epoch.
     *
     * @return {@link #canContinue()} afterwards
     * @throws IllegalStateException        when no further epoch may run
     * @throws TrainingDivergedException    when the loss is no longer finite (the session is then broken)
     * @throws TrainingInterruptedException when the thread is interrupted (the session is then broken)
     */
    public boolean runEpoch() {
        if (!canContinue()) {
            throw new IllegalStateException("The training session cannot run another epoch: " + state());
        }
        final int e = epoch;
        boolean ok = false;
        try {
            final double loss;
            if (fullBatch) {
                Trainer.checkInterrupt(e);
                loss = Trainer.checkFinite(e, opt.step(step()), family, step);
            } else {
                loss = miniBatchEpoch(e);
            }
            trace = grow(trace, e);
            trace[e] = loss;
            epoch = e + 1;
            trainer.report(e, loss, epochLimit);
            if (fullBatch && opt.converged()) {
                converged = true;
            }
            if (xv != null) {
                validate(e);
            }
            ok = true;
        } finally {
            if (!ok) {
                broken = true;
                release();
            }
        }
        return canContinue();
    }

    private double miniBatchEpoch(int e) {
        final int n = x.numRows, d = x.numCols, k = y.numCols, b0 = wb.length;
        for (int i = n - 1; shuffle && i > 0; i--) {
            final int j = rng.nextInt(i + 1), t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        final BatchStep s = step();
        double epochLoss = 0;
        for (int start = 0; start < n; start += b0) {
            Trainer.checkInterrupt(e);
            final int b = Math.min(b0, n - start);
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
            final double loss = Trainer.checkFinite(e, opt.step(s), family, s);
            epochLoss += loss * batchWeight;
        }
        return epochLoss / total;
    }

    private void validate(int e) {
        final double v = family.meanNll(net.predict(xv), yv, wv);
        validationTrace = grow(validationTrace, e);
        validationTrace[e] = v;
        if (v < bestLoss) {
            bestLoss = v;
            bestEpoch = e;
            bestWeights = Parameters.flatten(net.parameters());
        } else if (e - bestEpoch >= patience) {
            noImprovement = true;
        }
    }

    private BatchStep step() {
        if (step == null) {
            step = fullBatch ? trainer.newStep(net, family, x, y, w) : trainer.newStep(net, family, xb, yb, wb);
        }
        return step;
    }

    /**
     * @param a the trace so far
     * @param e the index about to be written
     * @return a, or a copy twice as long (at most the epoch limit, at least e + 1) when e is past its end
     */
    private double[] grow(double[] a, int e) {
        if (e < a.length) {
            return a;
        }
        return Arrays.copyOf(a, (int) Math.max(e + 1L, Math.min(Math.max(epochLimit, e + 1L), 2L * a.length)));
    }

    /** Stops the worker threads (if any); the next epoch starts them again. */
    public void release() {
        if (step != null) {
            final BatchStep s = step;
            step = null;
            s.close();
        }
    }

    /**
     * The run so far, without ending it: the network keeps its current weights (no best-epoch restore).
     *
     * @return the result as of now
     */
    public TrainingResult snapshot() {
        if (finished != null) {
            return finished;
        }
        return result(false);
    }

    /**
     * Ends the run: with early stopping, restores the weights of the best validation epoch; releases
     * the threads. Idempotent.
     *
     * @return the result
     * @throws IllegalStateException when the session was broken by an interrupt or divergence
     */
    public TrainingResult finish() {
        if (finished != null) {
            return finished;
        }
        if (broken) {
            throw new IllegalStateException("The training session was broken by an interrupt or divergence; "
                    + "its network is mid-step and must be discarded");
        }
        release();
        if (bestWeights != null) {
            Parameters.restore(net.parameters(), bestWeights);
        }
        finished = result(bestWeights != null);
        return finished;
    }

    private TrainingResult result(boolean restored) {
        final double finalLoss = Trainer.finalMeanNll(epoch, net, family, x, y, w);
        final StopReason why;
        if (converged) {
            why = StopReason.CONVERGED;
        } else if (noImprovement) {
            why = StopReason.NO_IMPROVEMENT;
        } else if (epoch >= epochLimit) {
            why = StopReason.EPOCH_LIMIT;
        } else {
            why = StopReason.STOPPED_BY_CALLER;
        }
        final double[] v = xv == null ? new double[0] : Arrays.copyOf(validationTrace, epoch);
        return new TrainingResult(Arrays.copyOf(trace, epoch), finalLoss, why, v, restored ? bestEpoch : -1, patience);
    }

    private String state() {
        if (finished != null) {
            return "it has finished";
        }
        if (broken) {
            return "it was broken by an interrupt or divergence";
        }
        if (converged) {
            return "the optimiser converged";
        }
        if (noImprovement) {
            return "early stopping ended it";
        }
        return "the epoch limit of " + epochLimit + " was reached";
    }

    /** Releases the threads; the session stays usable. */
    @Override
    public void close() {
        release();
    }
}

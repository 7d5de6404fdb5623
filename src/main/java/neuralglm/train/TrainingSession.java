package neuralglm.train;

import java.util.Arrays;

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
 * The data are an {@link Objective}'s: rows in memory ({@link Trainer#start}) or a Spark table; the
 * loop, its checks, messages and early stopping are the same for both.
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
    private final Objective data;
    private final int patience;
    private final boolean fullBatch;
    private final int batchSize;
    private final double total;

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
    /** The network's outputs on the training rows when the last result was made; null before. */
    private DMatrixRMaj finalOutputs;

    /** Use {@link Trainer#start}. Inputs are checked there. */
    TrainingSession(Trainer trainer, Sequential net, Family family, Optimizer optimizer, Objective data) {
        this.trainer = trainer;
        this.net = net.setPrecision(trainer.precision());   // the model predicts in the arithmetic it was trained in
        this.family = family;
        this.data = data;
        this.patience = data.validationRows() == 0 ? 0 : trainer.patience();
        this.epochLimit = trainer.epochs();
        final long n = data.trainingRows();
        final int size = trainer.batchSize();
        if (size > n) {
            throw new IllegalArgumentException("The batch size " + size + " exceeds the " + n
                    + " training rows; use 0 for full batch");
        }
        this.fullBatch = size == 0 || size == n;
        this.batchSize = size;
        this.opt = optimizer.copy().initialise(net.parameters());
        if (opt.needsFullBatch() && !fullBatch) {
            throw new IllegalArgumentException(opt + " needs the full batch (batch size 0), got batch size " + size);
        }
        this.total = data.trainingWeight();
        this.trace = new double[Math.max(1, Math.min(epochLimit, INITIAL_TRACE))];
        this.validationTrace = patience == 0 ? null : new double[trace.length];
    }

    /** @return the number of epochs run so far */
    public int epoch() {
        return epoch;
    }

    /** @return the current epoch limit */
    public int epochLimit() {
        return epochLimit;
    }

    /** @return the training rows' mean NLL of the last epoch run ({@code trace[epoch - 1]}); NaN before the first */
    public double lastLoss() {
        return epoch == 0 ? Double.NaN : trace[epoch - 1];
    }

    /** @return the validation rows' mean NLL after the last epoch; NaN without early stopping or before the first */
    public double lastValidationLoss() {
        return validationTrace == null || epoch == 0 ? Double.NaN : validationTrace[epoch - 1];
    }

    /** @return the 0-based epoch with the lowest validation loss so far; -1 without early stopping or before the first */
    public int bestEpoch() {
        return bestEpoch;
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
    public long trainingRows() {
        return data.trainingRows();
    }

    /**
     * @return the network's outputs (eta) on the training rows, in their order, computed with the loss
     *         of the last {@link #finish()} or {@link #snapshot()} (the same numbers as
     *         {@code network().predict} then); null before either. Saves a caller a second full pass.
     */
    public DMatrixRMaj finalOutputs() {
        return finalOutputs;
    }

    /** @return the number of held-out validation rows, 0 without early stopping */
    public long validationRows() {
        return data.validationRows();
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
                final BatchStep s = data.fullBatch();
                loss = Trainer.checkStep(e, opt.step(s), family, s, opt);
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
            if (patience > 0) {
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
        final int batches = data.startEpoch(e, batchSize);
        double epochLoss = 0;
        for (int t = 0; t < batches; t++) {
            Trainer.checkInterrupt(e);
            final double batchWeight = data.prepareBatch(t);
            if (batchWeight == 0) {
                continue;
            }
            final BatchStep s = data.batch();
            final double loss = Trainer.checkStep(e, opt.step(s), family, s, opt);
            epochLoss += loss * batchWeight;
        }
        return epochLoss / total;
    }

    private void validate(int e) {
        final double v = data.validationLoss();
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
        data.release();
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
        if (bestWeights != null) {
            Parameters.restore(net.parameters(), bestWeights);
        } else {
            checkValidationFinite();
        }
        finished = result(bestWeights != null);
        release();
        return finished;
    }

    /**
     * With early stopping and no epoch chosen (the held-out rows' mean NLL was never finite), the network ends with the
     * last epoch's weights, on which the held-out rows of positive weight have no finite NLL: eta outside the link's
     * domain (the canonical Gamma and Inverse Gaussian links need eta &lt; 0; an offset can put a held-out row there
     * while the training rows, whose passes check theirs, stay inside), so the model would predict NaN for them. That is
     * refused as a divergence, whatever face trains (a Spark model has no later pass over the held-out rows).
     *
     * @throws TrainingDivergedException saying so (the session is then broken and its threads released)
     */
    private void checkValidationFinite() {
        if (patience == 0 || epoch == 0 || Double.isFinite(validationTrace[epoch - 1])
                || !(data.validationWeight() > 0)) {
            return;
        }
        broken = true;
        release();
        throw new TrainingDivergedException(epoch - 1, String.format(java.util.Locale.ROOT,
                "Training left the domain of the %s family's %s link on the %d rows held out for early stopping: their "
                        + "mean negative log-likelihood was %s after each of the %d epochs, so no epoch could be chosen, and "
                        + "the model would have no finite mean for some of them (the link needs %s; the training rows, "
                        + "which training's passes check, stayed inside). Use the log link.", family.name(), family.link(),
                data.validationRows(), validationTrace[epoch - 1], epoch, family.link().etaDomain()));
    }

    private TrainingResult result(boolean restored) {
        final DMatrixRMaj outputs = new DMatrixRMaj(0, 0);
        final double finalLoss = Trainer.checkPass(epoch, data.trainingLoss(epoch, outputs), family, null);
        finalOutputs = outputs.numRows > 0 ? outputs : null;
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
        final double[] v = patience == 0 ? new double[0] : Arrays.copyOf(validationTrace, epoch);
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

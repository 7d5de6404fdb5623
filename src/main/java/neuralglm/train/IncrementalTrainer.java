package neuralglm.train;

import neuralglm.family.Family;
import neuralglm.nn.Sequential;
import neuralglm.optim.Optimizer;
import org.ejml.data.DMatrixRMaj;

/**
 * Learns from a stream of rows: each row is checked and buffered; when the buffer holds
 * {@code batchSize} rows, one optimiser step is taken on it, exactly as a mini-batch step of
 * {@link Trainer} (same {@code Step}, same weight normalisation {@code w_i / sum_B w}), so that a
 * stream fed in the order of {@code Trainer.withShuffle(false)}'s batches gives the same parameters.
 * {@link #flush()} steps on a partial buffer (the end of a stream). A batch whose weights sum to 0 is
 * dropped, as in {@link Trainer}. The optimiser copy keeps its state (momentum, moments) across steps. A learner made
 * with offsets ({@link Trainer#incremental(Sequential, Family, Optimizer, int, boolean)}) takes each row's offset o on
 * eta ({@code eta = net(x) + o}, R's {@code offset()}) with it into its batch, as {@link Trainer} does.
 */
public final class IncrementalTrainer {

    private final Sequential net;
    private final Family family;
    private final Optimizer opt;
    private final int batchSize;
    private final int d;
    private final int k;
    private final DMatrixRMaj xb;
    private final DMatrixRMaj yb;
    private final double[] wb;
    /** The batch's offsets, or null for a learner without them. */
    private final double[] ob;
    private final Trainer.Step step;
    private final DMatrixRMaj one;
    /**
     * The rows of the last steps (inputs, targets, weights, offsets or null), at most {@link #window} of them, in a ring:
     * kept for {@link #checkLastStep()}.
     */
    private final DMatrixRMaj lastX;
    private final DMatrixRMaj lastY;
    private final double[] lastW;
    private final double[] lastO;
    /** Rows the check keeps: the last steps' rows, at least one batch and at least {@value #CHECK_ROWS}. */
    private final int window;
    /** Rows in the window now, and the slot the next row is written to. */
    private int kept;
    private int next;
    /** The last steps' rows that {@link #checkLastStep()} predicts again (at least a batch). */
    public static final int CHECK_ROWS = 64;
    /** Whether a step was taken since the last {@link #checkLastStep()}. */
    private boolean unchecked;
    /** The buffers of {@link #checkLastStep()}'s forward pass. */
    private Sequential.PredictBuffers checkBuffers;
    private int buffered;
    private long rows;
    private long steps;
    private double lastLoss = Double.NaN;

    /**
     * @param net       the network, trained in place
     * @param family    the output distribution
     * @param optimizer a prototype; a copy is stepped
     * @param batchSize rows per step (&gt;= 1)
     * @param inputs    input columns d
     * @param offsets   whether rows come with an offset on eta ({@link #add(double[], double[], double, double)})
     */
    IncrementalTrainer(Sequential net, Family family, Optimizer optimizer, int batchSize, int inputs, boolean offsets) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("Learning from a stream needs a mini-batch size >= 1, got " + batchSize
                    + " (0 means the full batch, which a stream never has)");
        }
        this.opt = optimizer.copy();
        if (opt.needsFullBatch()) {
            throw new IllegalArgumentException(opt + " needs the full batch and cannot learn from a stream; use SGD or Adam");
        }
        opt.initialise(net.parameters());
        this.net = net;
        this.family = family;
        this.batchSize = batchSize;
        this.d = inputs;
        this.k = net.predict(new DMatrixRMaj(1, inputs)).numCols;
        this.xb = new DMatrixRMaj(batchSize, d);
        this.yb = new DMatrixRMaj(batchSize, k);
        this.wb = new double[batchSize];
        if (offsets && k != 1) {
            throw new IllegalArgumentException("An offset needs a one-output family; " + family.name() + " has " + k
                    + " outputs");
        }
        this.ob = offsets ? new double[batchSize] : null;
        this.window = Math.max(batchSize, CHECK_ROWS);
        this.lastX = new DMatrixRMaj(window, d);
        this.lastY = new DMatrixRMaj(window, k);
        this.lastW = new double[window];
        this.lastO = offsets ? new double[window] : null;
        this.one = new DMatrixRMaj(1, k);
        this.step = new Trainer.Step(net, family, xb, yb, wb, ob, neuralglm.nn.Precision.FLOAT64);
    }

    /**
     * Buffers one row and steps when the buffer is full.
     *
     * @param x      its inputs, length d. Not modified.
     * @param y      its target, length k. Not modified.
     * @param weight its weight, finite and &gt;= 0
     * @return true when this row completed a batch and a step was taken
     * @throws IllegalArgumentException naming the stream row when the row is invalid (nothing is buffered), or when
     *                                  the learner takes offsets (use {@link #add(double[], double[], double, double)})
     */
    public boolean add(double[] x, double[] y, double weight) {
        if (ob != null) {
            throw new IllegalArgumentException("This stream takes an offset with each row (add(x, y, weight, offset))");
        }
        return buffer(x, y, weight, 0);
    }

    /**
     * Buffers one row with its offset on eta and steps when the buffer is full.
     *
     * @param x      its inputs, length d. Not modified.
     * @param y      its target, length 1. Not modified.
     * @param weight its weight, finite and &gt;= 0
     * @param offset its offset o, finite: the row's eta is {@code net(x) + o}
     * @return true when this row completed a batch and a step was taken
     * @throws IllegalArgumentException naming the stream row when the row is invalid (nothing is buffered), or when
     *                                  the learner was made without offsets
     */
    public boolean add(double[] x, double[] y, double weight, double offset) {
        if (ob == null) {
            throw new IllegalArgumentException("This stream was made without offsets (add(x, y, weight))");
        }
        if (!Double.isFinite(offset)) {
            throw new IllegalArgumentException(String.format(
                    "Stream row %d: offset %s is not finite; offsets must be finite numbers", rows + 1, offset));
        }
        return buffer(x, y, weight, offset);
    }

    private boolean buffer(double[] x, double[] y, double weight, double offset) {
        if (x.length != d || y.length != k) {
            throw new IllegalArgumentException("Stream row " + (rows + 1) + " has " + x.length + " inputs and " + y.length
                    + " target columns; expected " + d + " and " + k);
        }
        for (int j = 0; j < d; j++) {
            if (!Double.isFinite(x[j])) {
                throw new IllegalArgumentException(String.format(
                        "Stream row %d: input value %s in column %d is not finite; inputs must be finite numbers",
                        rows + 1, x[j], j));
            }
        }
        if (!Double.isFinite(weight) || weight < 0) {
            throw new IllegalArgumentException(String.format(
                    "Stream row %d: weight %s is invalid; weights must be finite and >= 0", rows + 1, weight));
        }
        System.arraycopy(y, 0, one.data, 0, k);
        family.checkTargets(one);
        xb.reshape(batchSize, d, true);
        yb.reshape(batchSize, k, true);
        System.arraycopy(x, 0, xb.data, buffered * d, d);
        System.arraycopy(y, 0, yb.data, buffered * k, k);
        wb[buffered] = weight;
        if (ob != null) {
            ob[buffered] = offset;
        }
        buffered++;
        rows++;
        return buffered == batchSize && stepOnBuffer();
    }

    /**
     * Puts a row the network was trained on before this stream (the data of the build it continues) into the window
     * that {@link #checkLastStep()} predicts again, without a step: its loss, finite now, must stay finite after the
     * stream's steps (a Gaussian stream's last step can leave its own rows' outputs finite and those of the build's rows
     * -Infinity: seed 2806876). The stream's rows then take the window over, oldest first. A row whose loss is not
     * finite now (an output outside the link's domain, a row the build held out) is not kept.
     *
     * @param x      the inputs, as for {@link #add}. Not modified.
     * @param y      the targets. Not modified.
     * @param weight the row's weight (finite, &gt;= 0)
     * @param offset the row's offset on eta (0 for a learner without offsets)
     * @return whether the row was kept
     * @throws IllegalArgumentException when x or y is not as long as this learner's inputs or targets
     */
    public boolean remember(double[] x, double[] y, double weight, double offset) {
        if (x.length != d || y.length != k) {
            throw new IllegalArgumentException("A remembered row has " + x.length + " inputs and " + y.length
                    + " targets; this stream's rows have " + d + " and " + k);
        }
        if (!(weight > 0) || Double.isInfinite(weight)) {
            return false;
        }
        final DMatrixRMaj row = new DMatrixRMaj(1, d, true, x);
        DMatrixRMaj eta = net.predict(row);
        if (ob != null) {
            eta = neuralglm.family.Offsets.add(eta, new double[] {offset}, 0, eta);
        }
        final DMatrixRMaj target = new DMatrixRMaj(1, k, true, y);
        if (!Double.isFinite(family.meanNll(eta, target, new double[] {weight}))) {
            return false;
        }
        System.arraycopy(x, 0, lastX.data, next * d, d);
        System.arraycopy(y, 0, lastY.data, next * k, k);
        lastW[next] = weight;
        if (lastO != null) {
            lastO[next] = offset;
        }
        next = (next + 1) % window;
        kept = Math.min(window, kept + 1);
        return true;
    }

    /**
     * Steps on the rows buffered so far, if any (and if their weights are not all 0), and checks that step's outputs
     * ({@link #checkLastStep()}). A caller that ends the stream where this takes no step checks the last step itself.
     *
     * @return true when a step was taken
     * @throws TrainingDivergedException when the step diverged
     */
    public boolean flush() {
        if (buffered > 0 && stepOnBuffer()) {
            checkLastStep();
            return true;
        }
        return false;
    }

    private boolean stepOnBuffer() {
        final int b = buffered;
        buffered = 0;
        double batchWeight = 0;
        for (int r = 0; r < b; r++) {
            batchWeight += wb[r];
        }
        if (batchWeight == 0) {
            return false;
        }
        xb.reshape(b, d, true);
        yb.reshape(b, k, true);
        lastLoss = Trainer.checkStep((int) steps, opt.step(step), family, step, opt);
        checkParameters();
        keep(b);
        unchecked = true;
        steps++;
        return true;
    }

    /**
     * Writes the batch's b rows into the window of the last steps' rows, over its oldest ones once it is full (a ring:
     * its first {@link #kept} rows are the last steps' rows in some order, which a check of their loss does not need).
     */
    private void keep(int b) {
        // the window holds at least a batch: the rows go in two runs at most, up to its end and from its start
        for (int r = 0; r < b; ) {
            final int run = Math.min(b - r, window - next);
            System.arraycopy(xb.data, r * d, lastX.data, next * d, run * d);
            System.arraycopy(yb.data, r * k, lastY.data, next * k, run * k);
            System.arraycopy(wb, r, lastW, next, run);
            if (ob != null) {
                System.arraycopy(ob, r, lastO, next, run);
            }
            r += run;
            next = (next + run) % window;
        }
        kept = Math.min(window, kept + b);
    }

    /**
     * A step from a finite loss can still leave the doubles: a gradient entry, (mu - y) times a hidden value of a
     * far-out input, overflows, and Adam's m / sqrt(v) of infinities is NaN. A batch build meets that in its next loss
     * or its final pass; a stream's last step meets neither, and its model predicted NaN for every instance.
     *
     * @throws TrainingDivergedException naming the step and the parameter
     */
    private void checkParameters() {
        for (neuralglm.nn.Parameter p : net.parameters()) {
            final DMatrixRMaj v = p.value();
            for (int i = 0, n = v.getNumElements(); i < n; i++) {
                if (!Double.isFinite(v.data[i])) {
                    throw new TrainingDivergedException((int) steps, String.format(
                            "Training diverged at step %d: the step made the network's parameter %s %s (its gradient left "
                                    + "double's range). Try a smaller learning rate.", steps, p.name(), v.data[i]));
                }
            }
        }
    }

    /**
     * A step can also leave every parameter finite but the network's outputs not: a weight near 1e308 after one step
     * towards a class standardised to 1e150 (an instance of weight 1e300 makes the class's weighted sd 1e-50), whose
     * products overflow and give {@code inf - inf = NaN}. The next step meets that in its loss and is refused; after the
     * last step nothing did, and the model predicted NaN for every instance (NeuralGLMFuzzTest, seed 84843). So at the
     * end of a stream ({@link #flush()}'s step, or the caller for a step that {@link #add} took) the rows of the last
     * steps, the last batch and those before it up to {@value #CHECK_ROWS} rows, are predicted again with the parameters
     * it left, and their weighted mean NLL must be finite, as it was at their own steps: one forward pass over a few
     * mini-batches, where checking every step would cost a third of each (a Poisson stream of 8-row batches through the
     * Weka face's defaults: 1.9 against 1.4 us an instance). Rows of earlier steps count too: the last step can leave
     * the last batch's outputs finite and those of rows learned a few steps before not (seed 663086: a Gaussian stream
     * on inputs up to 1e143 whose last step made its outputs -Infinity on 3 of the 16 rows before its batch).
     *
     * @throws TrainingDivergedException as {@link Trainer#checkPass}: the step, what diverged, what to try
     */
    public void checkLastStep() {
        if (!unchecked) {
            return;
        }
        unchecked = false;
        if (checkBuffers == null) {
            checkBuffers = net.predictBuffers();
        }
        lastX.reshape(kept, d, false);
        lastY.reshape(kept, k, false);
        DMatrixRMaj eta = net.predict(lastX, checkBuffers);
        if (lastO != null) {
            eta = neuralglm.family.Offsets.add(eta, lastO, 0, eta);
        }
        // the divergence check of a pass without a step, as the batch build's final pass (a non-finite output makes
        // the loss non-finite; one outside the link's domain is named)
        Trainer.checkPass((int) (steps - 1), family.meanNll(eta, lastY, lastW), family, eta);
    }

    /** @return rows waiting in the buffer */
    public int buffered() {
        return buffered;
    }

    /** @return rows accepted so far */
    public long rows() {
        return rows;
    }

    /** @return optimiser steps taken so far */
    public long steps() {
        return steps;
    }

    /** @return the weighted mean NLL of the last batch (before its step); NaN before the first */
    public double lastLoss() {
        return lastLoss;
    }

    /** @return the batch size */
    public int batchSize() {
        return batchSize;
    }
}

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
     * Steps on the rows buffered so far, if any (and if their weights are not all 0).
     *
     * @return true when a step was taken
     */
    public boolean flush() {
        return buffered > 0 && stepOnBuffer();
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
        steps++;
        return true;
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

package neuralglm.train;

import neuralglm.family.Family;
import neuralglm.linalg.RowSource;
import neuralglm.nn.Sequential;
import org.ejml.data.DMatrixRMaj;

/**
 * The {@link Objective} of rows in memory: the full batch, or mini-batches of a permutation shuffled
 * every epoch by {@code new Random(seed)} ({@link RowShuffle}: the same numbers) (or the rows in order, without shuffling); the batch steps
 * are {@link Trainer}'s (single-threaded, or {@link ParallelStep} with threads). Validation rows, when
 * given, are held out by the caller ({@link Trainer#start}). Offsets on eta, when given, follow their rows into
 * every batch and the final and validation passes.
 */
final class LocalObjective implements Objective {

    private final Trainer trainer;
    private final Sequential net;
    private final Family family;
    /** The inputs as one matrix; null when they are read from {@link #rows}. */
    private final DMatrixRMaj x;
    /** The inputs' rows: x's, or a source read batch by batch (mini-batches, nothing held out). */
    private final RowSource rows;
    private final DMatrixRMaj y;
    private final double[] w;
    /** The training rows' offsets, or null for none. */
    private final double[] o;
    private final DMatrixRMaj xv;
    private final DMatrixRMaj yv;
    private final double[] wv;
    /** The validation rows' offsets, or null for none. */
    private final double[] ov;
    /** A single-threaded mini-batch's offsets (null without an offset). */
    private double[] ob;
    private final double total;
    private BatchStep step;
    private RowShuffle rng;
    private int[] perm;
    private DMatrixRMaj xb;
    private DMatrixRMaj yb;
    private double[] wb;
    private int batchSize;
    /** The batch {@link #prepareBatch} made: positions {@code batchStart ..} of perm, {@code batchRows} rows. */
    private int batchStart;
    private int batchRows;

    LocalObjective(Trainer trainer, Sequential net, Family family, DMatrixRMaj x, DMatrixRMaj y, double[] w, double[] o,
                   DMatrixRMaj xv, DMatrixRMaj yv, double[] wv, double[] ov) {
        this.trainer = trainer;
        this.net = net;
        this.family = family;
        this.x = x;
        this.rows = RowSource.dense(x);
        this.y = y;
        this.w = w;
        this.o = o;
        this.xv = xv;
        this.yv = yv;
        this.wv = wv;
        this.ov = ov;
        this.total = Family.totalWeight(w, x.numRows);
        this.unitWeights = unitWeights(w);
    }

    /** Mini-batches of rows read from a source ({@link Trainer#start(Sequential, Family, neuralglm.optim.Optimizer,
     * RowSource, DMatrixRMaj, double[])}): no full batch, nothing held out; with threads each reads its slice. */
    LocalObjective(Trainer trainer, Sequential net, Family family, RowSource rows, DMatrixRMaj y, double[] w, double[] o) {
        this.trainer = trainer;
        this.net = net;
        this.family = family;
        this.x = null;
        this.rows = rows;
        this.y = y;
        this.w = w;
        this.o = o;
        this.xv = null;
        this.yv = null;
        this.wv = null;
        this.ov = null;
        this.total = Family.totalWeight(w, rows.numRows());
        this.unitWeights = unitWeights(w);
    }

    private static boolean unitWeights(double[] w) {
        boolean ones = true;
        for (int i = 0; w != null && ones && i < w.length; i++) {
            ones = w[i] == 1.0;
        }
        return ones;
    }

    /**
     * Whether every weight is 1 (or none was given): a batch's weights are then 1 and its weight its size, the same
     * numbers a gather by the permutation gives, without the caller's reads at random places of w before each
     * step (with threads, work on the step's critical path).
     */
    private final boolean unitWeights;

    @Override
    public long trainingRows() {
        return rows.numRows();
    }

    @Override
    public long validationRows() {
        return xv == null ? 0 : xv.numRows;
    }

    @Override
    public double trainingWeight() {
        return total;
    }

    @Override
    public BatchStep fullBatch() {
        if (x == null) {
            throw new IllegalStateException("Inputs read from a source train in mini-batches only");
        }
        if (step == null) {
            step = trainer.newStep(net, family, x, y, w, o);
        }
        return step;
    }

    @Override
    public int startEpoch(int epoch, int size) {
        final int n = rows.numRows();
        if (perm == null) {
            rng = new RowShuffle(trainer.seed());
            perm = new int[n];
            for (int i = 0; i < n; i++) {
                perm[i] = i;
            }
            batchSize = size;
            xb = new DMatrixRMaj(size, rows.numCols());
            yb = new DMatrixRMaj(size, y.numCols);
            // families read only the first b entries of the weights, so one array serves every batch size
            wb = new double[size];
            if (unitWeights) {
                java.util.Arrays.fill(wb, 1.0);
            }
            ob = o == null ? null : new double[size];
        }
        if (trainer.shuffles()) {
            rng.shuffle(perm);
        }
        return (n + batchSize - 1) / batchSize;
    }

    @Override
    public double prepareBatch(int t) {
        final int n = rows.numRows(), d = rows.numCols(), k = y.numCols, start = t * batchSize;
        final int b = Math.min(batchSize, n - start);
        batchStart = start;
        batchRows = b;
        if (trainer.threads() > 1) { // the step's threads copy the rows, each its slice (ParallelStep#window)
            if (unitWeights) {
                return b;
            }
            double batchWeight = 0;
            for (int r = 0; r < b; r++) {
                wb[r] = w == null ? 1.0 : w[perm[start + r]];
                batchWeight += wb[r];
            }
            return batchWeight;
        }
        xb.reshape(b, d, false);
        yb.reshape(b, k, false);
        double batchWeight = 0;
        rows.gather(perm, start, b, xb.data);   // the matrix's rows, or a source's
        for (int r = 0; r < b; r++) {
            final int src = perm[start + r];
            System.arraycopy(y.data, src * k, yb.data, r * k, k);
            if (!unitWeights) {
                wb[r] = w[src];
                batchWeight += wb[r];
            }
        }
        if (ob != null) {   // the batch's offsets: a loop of its own, none without an offset
            for (int r = 0; r < b; r++) {
                ob[r] = o[perm[start + r]];
            }
        }
        return unitWeights ? b : batchWeight;
    }

    @Override
    public BatchStep batch() {
        if (step == null) {
            step = trainer.threads() > 1
                    ? new ParallelStep(net, family, x, rows, y, w, o, trainer.threads(), trainer.precision(), true)
                    : trainer.newStep(net, family, xb, yb, wb, ob);
        }
        if (step instanceof ParallelStep) {
            ((ParallelStep) step).window(perm, batchStart, batchRows, wb);
        }
        return step;
    }

    @Override
    public double trainingLoss(int epoch, DMatrixRMaj etaOut) {
        return x == null ? Trainer.finalMeanNll(epoch, net, family, rows, y, w, o, etaOut, trainer.threads())
                : Trainer.finalMeanNll(epoch, net, family, x, y, w, o, etaOut, trainer.threads());
    }

    @Override
    public double validationWeight() {
        return xv == null ? 0 : neuralglm.family.Family.totalWeight(wv, xv.numRows);
    }

    @Override
    public double validationLoss() {
        if (xv == null) {
            return Double.NaN;
        }
        final DMatrixRMaj eta = net.evaluate(xv);
        return family.meanNll(ov == null ? eta : neuralglm.family.Offsets.add(eta, ov, 0, null), yv, wv);
    }

    @Override
    public void release() {
        if (step != null) {
            final BatchStep s = step;
            step = null;
            s.close();
        }
    }
}

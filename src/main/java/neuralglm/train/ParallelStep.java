package neuralglm.train;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;

import neuralglm.family.Family;
import neuralglm.linalg.RowSource;
import neuralglm.nn.Parameter;
import neuralglm.nn.Precision;
import neuralglm.nn.Sequential;
import neuralglm.optim.ElementwiseOptimizer;
import neuralglm.optim.Optimizer;
import org.ejml.data.DMatrixRMaj;

/**
 * A data-parallel forward-backward pass: the batch's rows are cut into T contiguous slices; slice t
 * runs on thread t with its own copy of the network (slice 0 on the caller's thread and network), whose
 * weights are the caller's network's arrays (read only during a step) and whose gradients are its own.
 * With batch weight {@code W = sum w} and slice weight {@code W_t}, slice t computes the family's
 * gradient normalised by {@code W_t}, scales it by {@code W_t / W} and backpropagates, and the loss
 * is {@code sum_t (W_t / W) loss_t}. The parameter entries (all parameters as one vector of N entries)
 * are cut into T ranges of about N / T entries, and thread t adds range t of the copies' gradients into
 * the network's, {@code g_j = ((g0_j + g1_j) + g2_j) + ...} in slice order for every entry j whoever adds
 * it; an {@link ElementwiseOptimizer}'s update ({@link #update}) is shared by the same ranges. So a step
 * runs in three phases (slices, reduction, update), each on all threads, or in two when an elementwise optimiser
 * calls {@link #evaluateForUpdate()} (slices; then thread t adds up range t into its own slice's gradient buffer,
 * from which it updates the range: the network's gradient then holds the sums of range 0 only, and no thread writes
 * another's gradient buffer), and its numbers never depend on the threads' timing or on the phases: a run is
 * reproducible for a given T.
 * A task (a slice or a range) whose worker has not started it by the time the caller has done its own (the
 * worker was not scheduled) is run by the caller instead, with the same network copy and buffers: the same
 * numbers. Buffers are reused from step to step (a step allocates nothing); the threads live until
 * {@link #close()}, spinning briefly between phases before they park.
 */
final class ParallelStep implements BatchStep {

    private final Family family;
    /** The inputs as one matrix; null when they are read from {@link #source} (mini-batches only). */
    private final DMatrixRMaj x;
    /** The inputs' rows: x's, or a source each slice reads its rows of a mini-batch from. */
    private final RowSource source;
    private final DMatrixRMaj y;
    private final double[] w;
    /** The rows' offsets on eta ({@link neuralglm.family.Offsets}), or null for none. */
    private final double[] offset;
    private final Slice[] slices;
    private final Thread[] workers;
    /** Incremented by the caller to start a phase; the workers wait for it to change. */
    private volatile int generation;
    /** The current phase ({@link #SLICES}, {@link #REDUCE}, {@link #UPDATE}, {@link #REDUCE_UPDATE}); written before generation. */
    private int phase;
    private static final int SLICES = 0, REDUCE = 1, UPDATE = 2, REDUCE_UPDATE = 3;
    /** Whether the last evaluation left the reduction to the update ({@link #evaluateForUpdate()}). */
    private boolean reducePending;
    /** Whether the last update kept the sums of ranges 1 .. T-1 in the slices' own buffers ({@link #reduceAndUpdate}). */
    private boolean completedInSlices;
    /** Tasks 1 .. T-1 of the current phase not yet done. */
    private final AtomicInteger pending = new AtomicInteger();
    /**
     * The generation for which each task was last taken, by its worker or by the caller: whoever takes a task
     * runs it (on the slice's own network and buffers, or on its range of entries, so the numbers do not depend
     * on the thread).
     */
    private final AtomicIntegerArray taken;
    /** Whether worker t (index t - 1) or the caller (index T - 1) is parked or about to park: whoever wakes it unparks it. */
    private final AtomicIntegerArray parked;
    private final Thread caller;
    /**
     * Range t of the parameter entries, as triples (parameter index, from, to): entries {@code N t / T} to
     * {@code N (t + 1) / T}, rounded down to multiples of 8 (a cache line of doubles) in the flat order.
     */
    private final int[][] ranges;
    /** {@code grads[p][s]}: slice s's gradient array of parameter p (the arrays a reduction adds, in slice order). */
    private final double[][][] grads;
    /** The update of the current {@link #UPDATE} phase. */
    private Optimizer.Closure.RangeUpdate rangeUpdate;
    private volatile boolean stopped;
    private volatile Throwable failure;
    private DMatrixRMaj eta;
    /**
     * Mini-batches ({@link #window}): the batch is rows {@code perm[start], ..., perm[start + batchRows - 1]} of
     * x, y, with weights {@code batchWeights[0 .. batchRows - 1]}, and each slice copies its own rows from x and y
     * (in parallel, instead of the caller copying the whole batch first); null for the rows of x as given.
     */
    private int[] perm;
    private int start;
    private int batchRows;
    private double[] batchWeights;
    private final Precision precision;

    ParallelStep(Sequential net, Family family, DMatrixRMaj x, DMatrixRMaj y, double[] w, int threads, Precision precision) {
        this(net, family, x, y, w, threads, precision, true);
    }

    /** @param startWorkers false (tests): the worker threads never start, so the caller runs every slice */
    ParallelStep(Sequential net, Family family, DMatrixRMaj x, DMatrixRMaj y, double[] w, int threads, Precision precision,
                 boolean startWorkers) {
        this(net, family, x, RowSource.dense(x), y, w, threads, precision, startWorkers);
    }

    /**
     * @param x      the inputs as one matrix, or null when they are read from {@code source} (mini-batches
     *               ({@link #window}) only: each slice reads its rows of the batch from the source, whose reads must then
     *               be safe from several threads at once; the same numbers as on the matrix of its rows)
     * @param source x's rows ({@link RowSource#dense}), or the source the inputs are read from
     */
    ParallelStep(Sequential net, Family family, DMatrixRMaj x, RowSource source, DMatrixRMaj y, double[] w, int threads,
                 Precision precision, boolean startWorkers) {
        this(net, family, x, source, y, w, null, threads, precision, startWorkers);
    }

    /**
     * @param offset the rows' offsets on eta, indexed as the rows of x / source (a window's slices gather theirs by the
     *               permutation), or null for none. Not modified.
     */
    ParallelStep(Sequential net, Family family, DMatrixRMaj x, RowSource source, DMatrixRMaj y, double[] w,
                 double[] offset, int threads, Precision precision, boolean startWorkers) {
        this.family = family;
        this.offset = offset;
        this.precision = precision;
        this.x = x;
        this.source = source;
        this.y = y;
        this.w = w;
        this.slices = new Slice[threads];
        slices[0] = new Slice(net);
        for (int t = 1; t < threads; t++) {
            slices[t] = new Slice(net.copy());
        }
        this.caller = Thread.currentThread();
        this.taken = new AtomicIntegerArray(threads);
        this.parked = new AtomicIntegerArray(threads);
        this.ranges = ranges(slices[0].params, threads);
        this.grads = new double[slices[0].params.length][threads][];
        for (int p = 0; p < grads.length; p++) {
            for (int t = 0; t < threads; t++) {
                grads[p][t] = slices[t].params[p].grad().data;
            }
        }
        this.workers = new Thread[threads - 1];
        for (int t = 1; t < threads; t++) {
            final int tt = t;
            workers[t - 1] = new Thread(() -> work(tt), "neuralglm-train-" + t);
            workers[t - 1].setDaemon(true);
            if (startWorkers) {
                workers[t - 1].start();
            }
        }
    }

    /**
     * @return per task, the (parameter, from, to) triples of its range of the entries (all parameters as one vector,
     *         in order), cut at multiples of 8 near {@code N t / T}
     */
    static int[][] ranges(Parameter[] params, int threads) {
        long n = 0;
        for (Parameter p : params) {
            n += p.size();
        }
        final int[][] out = new int[threads][];
        for (int t = 0; t < threads; t++) {
            final long lo = t == 0 ? 0 : n * t / threads / 8 * 8, hi = t == threads - 1 ? n : n * (t + 1) / threads / 8 * 8;
            final int[] seg = new int[3 * params.length];
            int k = 0;
            long base = 0;
            for (int p = 0; p < params.length; p++) {
                final long from = Math.max(lo, base), to = Math.min(hi, base + params[p].size());
                if (from < to) {
                    seg[k++] = p;
                    seg[k++] = (int) (from - base);
                    seg[k++] = (int) (to - base);
                }
                base += params[p].size();
            }
            out[t] = java.util.Arrays.copyOf(seg, k);
        }
        return out;
    }

    /** A phase takes microseconds (reduction, update) to milliseconds (slices): spin up to this long before parking. */
    private static final long SPIN_NANOS = 50_000;

    private void work(int t) {
        int seen = 0;
        while (true) {
            int g = generation;
            if (g == seen) {
                final long until = System.nanoTime() + SPIN_NANOS;
                while ((g = generation) == seen && System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                while ((g = generation) == seen) {
                    parked.set(t - 1, 1);
                    if ((g = generation) != seen) {
                        parked.set(t - 1, 0);
                        break;
                    }
                    LockSupport.park(this);
                    parked.set(t - 1, 0);
                }
            }
            seen = g;
            if (stopped) {
                return;
            }
            if (take(t, g)) {
                runTaken(t);
            }
        }
    }

    /** @return whether this thread takes slice t for generation g (false: another thread has) */
    private boolean take(int t, int g) {
        return taken.compareAndSet(t, g - 1, g);
    }

    /** Runs task t of the current phase (taken by this thread) and counts it done. */
    private void runTaken(int t) {
        try {
            run(t);
        } catch (Throwable e) {
            failure = e;
        }
        if (pending.decrementAndGet() == 0 && Thread.currentThread() != caller && parked.get(slices.length - 1) != 0) {
            LockSupport.unpark(caller);
        }
    }

    /** Task t of the current phase: slice t, or range t of the reduction, of the update or of both in turn. */
    private void run(int t) {
        switch (phase) {
            case SLICES:
                slices[t].run(family);
                break;
            case REDUCE:
                reduce(ranges[t]);
                break;
            case REDUCE_UPDATE:
                reduceAndUpdate(t);
                break;
            default:
                updateRange(ranges[t]);
                break;
        }
    }

    /** The current update over the given entries, from the network's gradients. */
    private void updateRange(int[] seg) {
        for (int k = 0; k < seg.length; k += 3) {
            final int p = seg[k];
            rangeUpdate.update(p, seg[k + 1], seg[k + 2], grads[p][0]);
        }
    }

    /**
     * Range t of the reduction and then of the update. The sum of each entry is {@code ((g0 + g1) + g2) + ...} in slice
     * order as in {@link #reduce}, but kept in slice t's own gradient buffer (the network's for t = 0), from which the
     * update reads it: the thread of slice t (which just wrote that buffer) writes only its own buffer, and the
     * network's gradient is not written by the other threads (whose cache lines the caller's next slice would have to
     * fetch back to zero them). So after such a step the network's gradient holds the sum over range 0 only.
     */
    private void reduceAndUpdate(int t) {
        final int[] seg = ranges[t];
        for (int k = 0; k < seg.length; k += 3) {
            final int p = seg[k], from = seg[k + 1], to = seg[k + 2];
            if (t == 0) {
                rangeUpdate.update(p, from, to, reduceInto0(p, from, to));
                continue;
            }
            final double[][] g = grads[p];
            final double[] g0 = g[0], mine = g[t];
            if (g.length == 2) {
                for (int i = from; i < to; i++) {
                    mine[i] = g0[i] + mine[i]; // the same bits as g0[i] + g1[i]
                }
            } else {
                for (int i = from; i < to; i++) {
                    double sum = g0[i];
                    for (int s = 1; s < g.length; s++) {
                        sum += g[s][i];
                    }
                    mine[i] = sum;
                }
            }
            rangeUpdate.update(p, from, to, mine);
        }
    }

    /**
     * Tests: the gradient of entry k of parameter p after the last {@link #evaluate()}, or after the last
     * {@link #update} that completed the sums, where it was kept (the network's gradient, or for the ranges of tasks
     * 1 .. T-1 after a step of an elementwise optimiser, that task's slice's buffer).
     */
    double gradient(int p, int k) {
        for (int t = 0; t < ranges.length; t++) {
            for (int j = 0; j < ranges[t].length; j += 3) {
                if (ranges[t][j] == p && ranges[t][j + 1] <= k && k < ranges[t][j + 2]) {
                    return grads[p][completedInSlices ? t : 0][k];
                }
            }
        }
        throw new IllegalArgumentException("No entry " + k + " in parameter " + p);
    }

    /** Adds the copies' gradients into the network's over the given entries, in slice order 1, 2, ..., T-1. */
    private void reduce(int[] seg) {
        for (int k = 0; k < seg.length; k += 3) {
            reduceInto0(seg[k], seg[k + 1], seg[k + 2]);
        }
    }

    /**
     * Adds the copies' gradients of parameter p, entries {@code from .. to - 1}, into slice 0's (the network's), in
     * slice order 1, 2, ..., T-1.
     *
     * @return slice 0's gradient array
     */
    private double[] reduceInto0(int p, int from, int to) {
        final double[] g = grads[p][0];
        for (int s = 1; s < slices.length; s++) {
            final double[] h = grads[p][s];
            for (int i = from; i < to; i++) {
                g[i] += h[i];
            }
        }
        return g;
    }

    /**
     * Runs a phase on every thread: starts the workers on tasks 1 .. T-1, runs task 0, then any task whose worker has
     * not started it (not scheduled: a busy machine), waits for the rest and rethrows a task's failure.
     */
    private void runPhase(int what) {
        final int threads = slices.length;
        phase = what;
        pending.set(threads - 1);
        final int g = generation + 1;
        generation = g;
        // a parked worker is woken for a slice; a reduction or update range (microseconds) is not worth the wake-up:
        // the caller runs it, as any task its worker has not started
        for (int t = 1; what == SLICES && t < threads; t++) {
            if (parked.get(t - 1) != 0) {
                LockSupport.unpark(workers[t - 1]);
            }
        }
        try {
            run(0);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        for (int t = 1; t < threads; t++) {
            if (take(t, g)) {
                runTaken(t);
            }
        }
        awaitWorkers();
        final Throwable f = failure;
        if (f != null) {
            failure = null;
            if (f instanceof RuntimeException) {
                throw (RuntimeException) f;
            }
            throw (Error) f;
        }
    }

    /** Waits until every worker has finished the current phase. */
    private void awaitWorkers() {
        if (pending.get() == 0) {
            return;
        }
        final long until = System.nanoTime() + SPIN_NANOS;
        while (pending.get() != 0 && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        final int me = slices.length - 1;
        while (pending.get() != 0) {
            parked.set(me, 1);
            if (pending.get() == 0) {
                break;
            }
            LockSupport.park(this);
        }
        parked.set(me, 0);
    }

    /**
     * Makes the next steps' batch rows {@code perm[start], ..., perm[start + rows - 1]} of the x and y given to the
     * constructor, with weights {@code weights[0 .. rows - 1]} (null for 1): the same step as on a batch of those
     * rows copied in that order, with the copying shared among the threads.
     *
     * @param perm    row indices. Not modified; read during each {@link #evaluate()}.
     * @param start   the batch's first position in perm
     * @param rows    the batch size
     * @param weights the batch's weights, in batch order (at least rows entries), or null. Read during each step.
     */
    void window(int[] perm, int start, int rows, double[] weights) {
        this.perm = perm;
        this.start = start;
        this.batchRows = rows;
        this.batchWeights = weights;
    }

    @Override
    public double evaluate() {
        return evaluate(true);
    }

    /** Runs the slices and leaves the reduction to the {@link #update} that follows (same numbers, one phase fewer). */
    @Override
    public double evaluateForUpdate() {
        return evaluate(false);
    }

    private double evaluate(boolean reduceNow) {
        final boolean gather = perm != null;
        if (!gather && x == null) {
            throw new IllegalStateException("Inputs read from a source train in mini-batches only");
        }
        final int n = gather ? batchRows : x.numRows, threads = slices.length;
        final double[] bw = gather ? batchWeights : w;
        final double total = Family.totalWeight(bw, n);
        for (int t = 0; t < threads; t++) {
            final Slice s = slices[t];
            s.from = (int) ((long) n * t / threads);
            s.rows = (int) ((long) n * (t + 1) / threads) - s.from;
            s.share = s.rows == 0 ? 0.0 : (bw == null ? s.rows : weight(bw, s.from, s.rows)) / total;
        }
        // with the rows of x as given, slice 0 reads the first rows in place; otherwise it copies its rows of the
        // batch as the workers do theirs (in parallel), see Slice#load
        if (!gather) {
            slices[0].view(x, y, w);
        }
        reducePending = false;
        completedInSlices = false;
        runPhase(SLICES);
        if (reduceNow) {
            runPhase(REDUCE);
        } else {
            reducePending = true;
        }
        double loss = 0.0;
        for (int t = 0; t < threads; t++) {
            final Slice s = slices[t];
            if (s.share > 0) {
                loss += s.share * s.loss;
            }
        }
        eta = null;
        return loss;
    }

    /**
     * Shares the update's ranges among the threads when {@code params} are the network's parameters in order (after
     * {@link #evaluateForUpdate()}, each range added up just before its update); otherwise adds up the gradients if
     * that was left to the update and runs the update's ranges all here.
     */
    @Override
    public void update(List<Parameter> params, Optimizer.Closure.RangeUpdate update) {
        final Parameter[] mine = slices[0].params;
        boolean same = params.size() == mine.length;
        for (int p = 0; same && p < mine.length; p++) {
            same = params.get(p) == mine[p];
        }
        final boolean reduce = reducePending;
        reducePending = false;
        if (!same) {
            if (reduce) {
                runPhase(REDUCE);
            }
            BatchStep.super.update(params, update);
            return;
        }
        rangeUpdate = update;
        // with the reduction left to it, each range is added up and then updated by the same thread
        completedInSlices = reduce;
        runPhase(reduce ? REDUCE_UPDATE : UPDATE);
    }

    /** @return {@code w[from] + ... + w[from + rows - 1]}, summed as {@link Family#totalWeight} */
    private static double weight(double[] w, int from, int rows) {
        double s = 0.0;
        for (int i = from; i < from + rows; i++) {
            s += w[i];
        }
        return s;
    }

    /**
     * @return the batch's outputs, each slice's rows in their place; NaN for the rows of a slice with no weight (not
     *         evaluated: their gradient is 0)
     */
    @Override
    public DMatrixRMaj eta() {
        if (eta == null) {
            final int k = y.numCols;
            eta = new DMatrixRMaj(perm != null ? batchRows : x.numRows, k);
            for (Slice s : slices) {
                final DMatrixRMaj e = s.gradient.eta();
                if (e != null && s.share > 0) {
                    System.arraycopy(e.data, 0, eta.data, s.from * k, e.getNumElements());
                } else {
                    java.util.Arrays.fill(eta.data, s.from * k, (s.from + s.rows) * k, Double.NaN);
                }
            }
        }
        return eta;
    }

    @Override
    public void close() {
        stopped = true;
        generation = generation + 1;
        for (Thread t : workers) {
            LockSupport.unpark(t);
        }
        for (Thread t : workers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** One thread's rows, network and buffers. */
    private final class Slice {
        final Sequential net;
        final Parameter[] params;
        final List<Parameter> paramList;
        /** Rows from .. from + rows - 1 of the batch. */
        int from;
        int rows;
        DMatrixRMaj x = new DMatrixRMaj(1, 1);
        DMatrixRMaj y = new DMatrixRMaj(1, 1);
        double[] w;
        /** The slice's offsets (null without an offset): the caller's array in place for slice 0's view. */
        double[] o;
        final BlockGradient gradient;
        double share;
        double loss;

        Slice(Sequential net) {
            this.net = net;
            this.paramList = List.copyOf(net.parameters());
            this.params = paramList.toArray(new Parameter[0]);
            this.gradient = new BlockGradient(net, family, precision);
        }

        /** Slice 0: the first {@code rows} rows of the batch, read in place (no copy). */
        void view(DMatrixRMaj bx, DMatrixRMaj by, double[] bw) {
            x.data = bx.data;
            x.numRows = rows;
            x.numCols = bx.numCols;
            y.data = by.data;
            y.numRows = rows;
            y.numCols = by.numCols;
            w = bw;
            o = offset;
        }

        /**
         * A worker, or every slice of a {@link #window}ed batch: copies its rows of the batch; a worker's network's
         * weights are the caller's network's arrays.
         */
        void load() {
            final int d = source.numCols(), k = ParallelStep.this.y.numCols;
            if (ParallelStep.this.x != null && x.data == ParallelStep.this.x.data) { // slice 0 viewed x's rows: own buffers now
                x = new DMatrixRMaj(1, 1);
                y = new DMatrixRMaj(1, 1);
                w = null;
                o = null;
            }
            if (offset != null) {
                if (o == null || o == offset || o.length < rows) {
                    o = new double[Math.max(rows, 1)];
                }
                for (int r = 0; r < rows; r++) {
                    o[r] = offset[perm != null ? perm[start + from + r] : from + r];
                }
            }
            x.reshape(rows, d, false);
            y.reshape(rows, k, false);
            final double[] all = perm != null ? batchWeights : ParallelStep.this.w;
            if (perm != null) {
                source.gather(perm, start + from, rows, x.data);
                final double[] ys = ParallelStep.this.y.data;
                for (int r = 0; r < rows; r++) {
                    final int src = perm[start + from + r];
                    System.arraycopy(ys, src * k, y.data, r * k, k);
                }
            } else {
                System.arraycopy(ParallelStep.this.x.data, from * d, x.data, 0, rows * d);
                System.arraycopy(ParallelStep.this.y.data, from * k, y.data, 0, rows * k);
            }
            if (all != null) {
                if (w == null || w.length < rows) {
                    w = new double[Math.max(rows, 1)];
                }
                System.arraycopy(all, from, w, 0, rows);
            } else {
                w = null;
            }
            if (this == slices[0]) {
                return;
            }
            // the copy reads the caller's weights in place (nothing writes them during a step): no copy per step
            final Parameter[] master = slices[0].params;
            for (int p = 0; p < master.length; p++) {
                final DMatrixRMaj mine = params[p].value(), theirs = master[p].value();
                if (mine.data != theirs.data) {
                    mine.data = theirs.data;
                }
            }
        }

        void run(Family family) {
            if (this != slices[0] || perm != null) {
                load();
            }
            loss = 0.0;
            if (share == 0) {
                for (Parameter p : params) {
                    p.zeroGrad();
                }
                return;
            }
            loss = gradient.meanSetting(x, y, w, o, share); // the gradients set, not added: no zeroing first
        }
    }
}

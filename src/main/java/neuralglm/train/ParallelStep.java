package neuralglm.train;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;

import neuralglm.family.Family;
import neuralglm.linalg.Kernels;
import neuralglm.nn.Parameter;
import neuralglm.nn.Parameters;
import neuralglm.nn.Precision;
import neuralglm.nn.Sequential;
import org.ejml.data.DMatrixRMaj;

/**
 * A data-parallel forward-backward pass: the batch's rows are cut into T contiguous slices; slice t
 * runs on thread t with its own copy of the network (slice 0 on the caller's thread and network), whose
 * weights are the caller's network's arrays (read only during a step) and whose gradients are its own.
 * With batch weight {@code W = sum w} and slice weight {@code W_t}, slice t computes the family's
 * gradient normalised by {@code W_t}, scales it by {@code W_t / W} and backpropagates; the caller then
 * adds the copies' parameter gradients into the network's in slice order 1, 2, ..., T-1, and the loss
 * is {@code sum_t (W_t / W) loss_t}. The order never varies, so a run is reproducible for a given T.
 * A slice whose worker has not started it by the time the caller has done slice 0 (the worker was not
 * scheduled) is run by the caller instead, with the same network copy and buffers: the same numbers.
 * Buffers are reused from step to step; the threads live until {@link #close()}.
 */
final class ParallelStep implements BatchStep {

    private final Family family;
    private final DMatrixRMaj x;
    private final DMatrixRMaj y;
    private final double[] w;
    private final Slice[] slices;
    private final Thread[] workers;
    /** Incremented by the caller to start a step; the workers wait for it to change. */
    private volatile int generation;
    /** Slices 1 .. T-1 of the current step not yet done. */
    private final AtomicInteger pending = new AtomicInteger();
    /**
     * The generation for which each slice was last taken, by its worker or by the caller: whoever takes a slice
     * runs it (on the slice's own network and buffers, so the numbers do not depend on the thread).
     */
    private final AtomicIntegerArray taken;
    private final Thread caller;
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
        this.family = family;
        this.precision = precision;
        this.x = x;
        this.y = y;
        this.w = w;
        this.slices = new Slice[threads];
        slices[0] = new Slice(net);
        for (int t = 1; t < threads; t++) {
            slices[t] = new Slice(net.copy());
        }
        this.caller = Thread.currentThread();
        this.taken = new AtomicIntegerArray(threads);
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

    /** A step takes tens of microseconds to milliseconds: spin that long before parking. */
    private static final long SPIN_NANOS = 50_000;

    private void work(int t) {
        int seen = 0;
        while (true) {
            final long until = System.nanoTime() + SPIN_NANOS;
            int g;
            while ((g = generation) == seen) {
                if (System.nanoTime() < until) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
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

    /** Runs slice t (taken by this thread) and counts it done. */
    private void runTaken(int t) {
        try {
            slices[t].run(family);
        } catch (Throwable e) {
            failure = e;
        }
        if (pending.decrementAndGet() == 0 && Thread.currentThread() != caller) {
            LockSupport.unpark(caller);
        }
    }

    /** Starts the workers on the current step (slices 1 .. T-1). */
    private void release() {
        pending.set(workers.length);
        generation++;
        for (Thread t : workers) {
            LockSupport.unpark(t);
        }
    }

    /** Waits until every worker has finished the current step. */
    private void awaitWorkers() {
        final long until = System.nanoTime() + SPIN_NANOS;
        while (pending.get() != 0) {
            if (System.nanoTime() < until) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
            }
        }
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
        final boolean gather = perm != null;
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
        final Slice first = slices[0];
        if (!gather) {
            first.view(x, y, w);
        }
        release();
        try {
            slices[0].run(family);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        // a worker that has not started its slice yet (not scheduled: a busy machine) gets it done here instead
        final int g = generation;
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
        double loss = 0.0;
        for (int t = 0; t < threads; t++) {
            final Slice s = slices[t];
            if (s.share > 0) {
                loss += s.share * s.loss;
            }
            if (t > 0) {
                Parameters.addGradients(s.paramList, first.paramList);
            }
        }
        eta = null;
        return loss;
    }

    /** @return {@code w[from] + ... + w[from + rows - 1]}, summed as {@link Family#totalWeight} */
    private static double weight(double[] w, int from, int rows) {
        double s = 0.0;
        for (int i = from; i < from + rows; i++) {
            s += w[i];
        }
        return s;
    }

    @Override
    public DMatrixRMaj eta() {
        if (eta == null) {
            eta = new DMatrixRMaj(perm != null ? batchRows : x.numRows, y.numCols);
            int off = 0;
            for (Slice s : slices) {
                final DMatrixRMaj e = s.gradient.eta();
                if (e != null && s.share > 0) {
                    System.arraycopy(e.data, 0, eta.data, off, e.getNumElements());
                    off += e.getNumElements();
                }
            }
        }
        return eta;
    }

    @Override
    public void close() {
        stopped = true;
        release();
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
        }

        /**
         * A worker, or every slice of a {@link #window}ed batch: copies its rows of the batch; a worker's network's
         * weights are the caller's network's arrays.
         */
        void load() {
            final int d = ParallelStep.this.x.numCols, k = ParallelStep.this.y.numCols;
            if (x.data == ParallelStep.this.x.data) { // slice 0 viewed the rows of x as given: its own buffers now
                x = new DMatrixRMaj(1, 1);
                y = new DMatrixRMaj(1, 1);
                w = null;
            }
            x.reshape(rows, d, false);
            y.reshape(rows, k, false);
            final double[] all = perm != null ? batchWeights : ParallelStep.this.w;
            if (perm != null) {
                final double[] xs = ParallelStep.this.x.data, ys = ParallelStep.this.y.data;
                for (int r = 0; r < rows; r++) {
                    final int src = perm[start + from + r];
                    System.arraycopy(xs, src * d, x.data, r * d, d);
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
            for (Parameter p : params) {
                p.zeroGrad();
            }
            loss = 0.0;
            if (share == 0) {
                return;
            }
            loss = gradient.mean(x, y, w, share, true);
        }
    }
}

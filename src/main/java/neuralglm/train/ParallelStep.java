package neuralglm.train;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
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
 * runs on thread t with its own copy of the network (slice 0 on the caller's thread and network).
 * With batch weight {@code W = sum w} and slice weight {@code W_t}, slice t computes the family's
 * gradient normalised by {@code W_t}, scales it by {@code W_t / W} and backpropagates; the caller then
 * adds the copies' parameter gradients into the network's in slice order 1, 2, ..., T-1, and the loss
 * is {@code sum_t (W_t / W) loss_t}. The order never varies, so a run is reproducible for a given T.
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
    /** Workers still busy with the current step. */
    private final AtomicInteger pending = new AtomicInteger();
    private final Thread caller;
    private volatile boolean stopped;
    private volatile Throwable failure;
    private DMatrixRMaj eta;
    private final Precision precision;

    ParallelStep(Sequential net, Family family, DMatrixRMaj x, DMatrixRMaj y, double[] w, int threads, Precision precision) {
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
        this.workers = new Thread[threads - 1];
        for (int t = 1; t < threads; t++) {
            final Slice slice = slices[t];
            workers[t - 1] = new Thread(() -> work(slice), "neuralglm-train-" + t);
            workers[t - 1].setDaemon(true);
            workers[t - 1].start();
        }
    }

    /** A step takes tens of microseconds to milliseconds: spin that long before parking. */
    private static final long SPIN_NANOS = 50_000;

    private void work(Slice slice) {
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
            try {
                slice.run(family);
            } catch (Throwable e) {
                failure = e;
            }
            if (pending.decrementAndGet() == 0) {
                LockSupport.unpark(caller);
            }
        }
    }

    /** Starts the workers on the current step. */
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

    @Override
    public double evaluate() {
        final int n = x.numRows, threads = slices.length;
        final double total = Family.totalWeight(w, n);
        for (int t = 0; t < threads; t++) {
            final Slice s = slices[t];
            s.from = (int) ((long) n * t / threads);
            s.rows = (int) ((long) n * (t + 1) / threads) - s.from;
            s.share = s.rows == 0 ? 0.0 : (w == null ? s.rows : weight(w, s.from, s.rows)) / total;
        }
        // slice 0 reads the first rows of the batch in place; the workers copy their rows and the
        // network's weights themselves (in parallel with slice 0), see Slice#load
        final Slice first = slices[0];
        first.view(x, y, w);
        release();
        try {
            slices[0].run(family);
        } catch (RuntimeException | Error e) {
            failure = e;
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
            eta = new DMatrixRMaj(x.numRows, y.numCols);
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

        /** A worker: copies its rows of the batch and the weights of the caller's network. */
        void load() {
            final int d = ParallelStep.this.x.numCols, k = ParallelStep.this.y.numCols;
            x.reshape(rows, d, false);
            y.reshape(rows, k, false);
            System.arraycopy(ParallelStep.this.x.data, from * d, x.data, 0, rows * d);
            System.arraycopy(ParallelStep.this.y.data, from * k, y.data, 0, rows * k);
            final double[] bw = ParallelStep.this.w;
            if (bw != null) {
                if (w == null || w.length < rows) {
                    w = new double[Math.max(rows, 1)];
                }
                System.arraycopy(bw, from, w, 0, rows);
            }
            final Parameter[] master = slices[0].params;
            for (int p = 0; p < master.length; p++) {
                params[p].set(master[p].value().data);
            }
        }

        void run(Family family) {
            if (this != slices[0]) {
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

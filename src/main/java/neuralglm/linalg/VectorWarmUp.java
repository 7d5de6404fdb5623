package neuralglm.linalg;

import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * When {@link VectorRowKernels} may take over from {@link RowKernels}, and {@link VectorColumnMoments} from the
 * standardiser's plain loops: once C2 has compiled them. Until then the Vector API runs its Java fallbacks (every lane
 * operation a lambda, each vector an object), some hundred times slower than compiled code, and a JVM's first build of
 * a 20-64-64-1 network took 2.6-2.8 s with the module against 1.8 s without (src/bench/SPEED.md). So the first request
 * ({@link #ready}) starts one daemon thread that runs the kernels on small random products until calls take the time
 * of compiled code without allocating (the fallbacks' sign: {@link #FALLBACK_BYTES}), 200 times in a row but for a few
 * slow ones (or 20 s have passed), and {@link #ready} answers false
 * until then: the callers keep to RowKernels meanwhile; the column sums count their own fast calls
 * ({@link #columnsReady}, which never starts the thread). Where the module was loaded at run time ({@link VectorModule})
 * and that speed was never reached, the Vector API is turned off again ({@link Kernels#stopVectorApi}). The two kernel
 * sets give the same bits, so a build that switches in the middle trains exactly as one that does not.
 */
final class VectorWarmUp {
    /**
     * Rows of the warm-up products, each with 2 nonzero terms of 64: C2 compiles a method after thousands of calls, and
     * an interpreted call costs about a microsecond per vector operation, so the fewer operations per call the sooner
     * (on a 2-core machine the warm-up's CPU time is taken from the build: full rows of 16 took about 1.9 s to compile).
     */
    private static final int ROWS = 4;
    /** A call of all four warm-up products this fast (ns) counts as compiled (interpreted, they take milliseconds). */
    private static final long COMPILED_NS = 20_000;
    /** The same for the three column-sum calls (2 rows of 24 columns: about 150 ns compiled, tens of us not). */
    private static final long COLUMNS_COMPILED_NS = 2_000;
    private static final int IN_A_ROW = 200;
    /**
     * A warm-up call that allocated this many bytes or more ran the Vector API's fallbacks, whatever its time: C2's code of
     * the kernels allocates nothing (0 bytes a call, measured; 24 for each weight gradient's), the fallbacks an object
     * per lane operation (a round of the column sums' 2 rows about 2.9 kB, of the products 7 kB, from C1's code), and
     * C1's code can run within the time thresholds: the column sums' 2 rows in 0.85-1.6 us, so their gate opened with C1's
     * code in some JVMs, whose first large build then allocated 54 MB in the standardiser's fallbacks (11,000-19,000
     * first touches of heap pages, 0.1-0.2 s).
     */
    static final long FALLBACK_BYTES = 1024;
    /**
     * After this long a warm-up's rounds count by their time alone: compiled code that keeps a few objects (a profile
     * that other callers gave it, say) must not keep a gate shut, and C2's code of the kernels comes well before (1-5 s
     * into a JVM in the runs measured; the fallbacks ran within the thresholds only in the half second before it).
     */
    private static final long ALLOCATION_PATIENCE_NS = 6_000_000_000L;

    /**
     * @param nanos      a warm-up call's time
     * @param limit      the time of compiled code
     * @param bytes      what it allocated
     * @param sinceStart the warm-up's time so far
     * @return whether the call counts as compiled code's
     */
    private static boolean compiledCall(long nanos, long limit, long bytes, long sinceStart) {
        return nanos < limit && (bytes < FALLBACK_BYTES || sinceStart > ALLOCATION_PATIENCE_NS);
    }

    /** The warm-up gives up after this long ({@code -Dneuralglm.vectorWarmUpSeconds}, default 20). */
    private static final long GIVE_UP_NS = (long) (1e9 * Double.parseDouble(
            System.getProperty("neuralglm.vectorWarmUpSeconds", "20")));

    private static volatile boolean ready;
    /** Whether {@link VectorColumnMoments} is compiled too (its own count of fast calls: it may lag the products). */
    private static volatile boolean columnsReady;
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private VectorWarmUp() {
    }

    /** @return whether the Vector API kernels are compiled (the first call starts their warm-up and answers false) */
    static boolean ready() {
        if (ready) {
            return true;
        }
        if (STARTED.compareAndSet(false, true)) {
            if (Boolean.getBoolean("neuralglm.noVectorWarmUp")) {
                columnsReady = true;
                ready = true;
                return true;
            }
            startDaemon(VectorWarmUp::run, "neuralglm-vector-warm-up");
        }
        return ready;
    }

    /**
     * @return whether {@link VectorColumnMoments} is compiled (a C1-compiled Vector API kernel runs the fallbacks too,
     *         and their garbage: a JVM's first 200k-row build spent 150 ms more in its input pass when these ran as soon
     *         as the products were ready). Does not start the warm-up: the row kernels' users do
     *         ({@link Kernels#prepareRowKernels}, {@link #ready}); a JVM whose networks never use them (the notebook's,
     *         on columns) keeps the plain loops rather than a warm-up thread on its other CPU for a second (the
     *         notebook's Gaussian build took twice its time)
     */
    static boolean columnsReady() {
        return columnsReady;
    }

    /** Whether {@link VectorFloatColumnKernels} is compiled (a warm-up of its own: a float32 network never uses the others). */
    private static volatile boolean floatReady;
    private static final AtomicBoolean FLOAT_STARTED = new AtomicBoolean();
    /** A warm-up round of the float kernels this fast (ns) counts as compiled (their fallbacks take hundreds of us). */
    private static final long FLOAT_COMPILED_NS = 10_000;

    /**
     * @return whether {@link VectorFloatColumnKernels} is compiled; the first call starts its own daemon warm-up (as
     *         {@link #ready} does for the row kernels) and answers false. Where that speed is never reached the float
     *         pass keeps {@link FloatColumnKernels}' loops (the same bits)
     */
    static boolean floatReady() {
        if (floatReady) {
            return true;
        }
        if (FLOAT_STARTED.compareAndSet(false, true)) {
            if (Boolean.getBoolean("neuralglm.noVectorWarmUp")) {
                floatReady = true;
                return true;
            }
            startDaemon(() -> {
                try {
                    floatReady = warmUpFloat();
                } catch (RuntimeException | LinkageError e) {
                    // the plain loops stay: the same bits
                }
            }, "neuralglm-vector-float-warm-up");
        }
        return floatReady;
    }

    /** Starts a warm-up on a daemon thread of the lowest priority. */
    private static void startDaemon(Runnable warmUp, String name) {
        final Thread t = new Thread(warmUp, name);
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /**
     * @return the calling thread's allocated bytes (HotSpot's count, {@code com.sun.management.ThreadMXBean}), or 0 where
     *         the JVM does not count them (the timing alone then decides)
     */
    static long allocatedBytes() {
        if (!allocationCounted) {
            return 0;
        }
        try {
            return Math.max(0, Allocation.bytes());   // -1 where the count is turned off
        } catch (LinkageError | RuntimeException e) {
            allocationCounted = false;
            return 0;
        }
    }

    private static volatile boolean allocationCounted = true;

    /** HotSpot's per-thread count, in a class of its own: a JVM without {@code com.sun.management} fails here only. */
    private static final class Allocation {
        private static final com.sun.management.ThreadMXBean BEAN =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();

        static long bytes() {
            return BEAN.getCurrentThreadAllocatedBytes();
        }
    }

    /**
     * Runs {@link VectorFloatColumnKernels}' products on small operands, every path training and prediction take (four
     * outputs and one, 64 examples, 16 and the last ones; no epilogue, ReLU, the ReLU's step; a start or none; the
     * weight gradient's rows of sums in each width of block, one column or four: a path
     * C2 never saw is an uncommon trap, back to the interpreter and the API's fallbacks) until a round takes the time of
     * compiled code without allocating {@value #IN_A_ROW} times in a row, or the time is up.
     *
     * @return whether compiled speed was reached
     */
    static boolean warmUpFloat() {
        final Random rng = new Random(2);
        final int n = 4 * 16 + 16 + 1, outputs = 5, len = 2;
        final float[][] v = new float[len][n], t = new float[outputs][n], y = new float[outputs][n];
        final float[] c = new float[outputs * len], z = new float[outputs];
        for (int q = 0; q < len; q++) {
            for (int i = 0; i < n; i++) {
                v[q][i] = (float) rng.nextGaussian();
            }
        }
        for (int a = 0; a < outputs; a++) {
            for (int i = 0; i < n; i++) {
                y[a][i] = rng.nextBoolean() ? 0f : rng.nextFloat();
            }
            z[a] = (float) rng.nextGaussian();
        }
        for (int e = 0; e < c.length; e++) {
            c[e] = (float) rng.nextGaussian() * 0.1f;
        }
        // the weight gradient's rows of sums: five vectors of sums, four, five and one; four columns by five vectors
        // and one, and by four
        final float[][] rows = new float[2][96], sums = new float[4][96];
        for (float[] r : rows) {
            for (int q = 0; q < r.length; q++) {
                r[q] = (float) rng.nextGaussian();
            }
        }
        final int[] idx = {0, 1};
        final long start = System.nanoTime();
        int fast = 0;
        long roundNanos = 0, roundBytes = 0;
        for (int round = 0; fast < IN_A_ROW && System.nanoTime() - start < GIVE_UP_NS; round++) {
            if ((round & 63) == 63) {
                for (float[] r : sums) {
                    java.util.Arrays.fill(r, 0f);   // keep the sums bounded
                }
            }
            final long b0 = allocatedBytes();
            final long t0 = System.nanoTime();
            VectorFloatColumnKernels.rowSums(v[0], idx, 2, 0, rows, sums[0], 80);
            VectorFloatColumnKernels.rowSums(v[1], idx, 2, 0, rows, sums[1], 64);
            VectorFloatColumnKernels.rowSums(v[0], idx, 2, 0, rows, sums[2], 96);
            VectorFloatColumnKernels.rowSums4(v[0], v[1], t[0], t[1], 0, 2, rows, sums[0], sums[1], sums[2], sums[3], 96);
            VectorFloatColumnKernels.rowSums4(v[1], v[0], t[1], t[0], 0, 2, rows, sums[0], sums[1], sums[2], sums[3], 64);
            // the forward product with its ReLU (coefficients by rows), the input gradient through the ReLU's step
            // (coefficients by columns), the output layer's plain product
            VectorFloatColumnKernels.combine(c, 0, len, 1, len, v, z, t, null, 0, outputs, n, VectorFloatColumnKernels.RELU);
            VectorFloatColumnKernels.combine(c, 0, 1, outputs, len, v, null, t, y, 0, outputs, n, VectorFloatColumnKernels.MASK);
            VectorFloatColumnKernels.combine(c, 0, len, 1, len, v, z, t, null, 0, outputs, n, VectorFloatColumnKernels.NONE);
            final long t1 = System.nanoTime();
            roundNanos = t1 - t0;
            roundBytes = allocatedBytes() - b0;
            fast = compiledCall(roundNanos, FLOAT_COMPILED_NS, roundBytes, t1 - start) ? fast + 1 : fast / 2;
        }
        lastFloatNanos = System.nanoTime() - start;
        lastFloatRoundNanos = roundNanos;
        lastFloatRoundBytes = roundBytes;
        return fast >= IN_A_ROW;
    }

    /** The last float warm-up's nanoseconds (for the benchmarks), and its last round's nanoseconds and bytes (tests). */
    static volatile long lastFloatNanos, lastFloatRoundNanos, lastFloatRoundBytes;

    private static void run() {
        boolean compiled = false;
        try {
            compiled = warmUp(true);
        } catch (RuntimeException | LinkageError e) {
            // the kernels are correct compiled or not: a failed warm-up only means they take over now
        } finally {
            if (!compiled && VectorModule.loadedAtRunTime()) {
                // a module loaded at run time whose kernels never ran at compiled speed (a JIT without the Vector API's
                // intrinsics): the plain-Java kernels stay, with the same bits, instead of the API's slow fallbacks
                Kernels.stopVectorApi("its kernels did not reach compiled speed within " + GIVE_UP_NS / 1_000_000_000.0
                        + " s of warm-up");
            } else {
                ready = true;
            }
        }
    }

    /**
     * Runs the kernels on small products until a call of all of them takes the time of compiled code without allocating
     * ({@link #FALLBACK_BYTES}), {@value #IN_A_ROW} times in a row, or the time is up.
     *
     * @return whether compiled speed was reached
     */
    static boolean warmUp() {
        return warmUp(false);
    }

    /**
     * @param publish whether to set {@link #ready} and {@link #columnsReady} as each set reaches compiled speed (the
     *                daemon's run), rather than only report it (tests)
     * @return whether the products reached compiled speed
     */
    private static boolean warmUp(boolean publish) {
        final Random rng = new Random(1);
        final int p = 64, m = 64, n = ROWS;
        final double[][] a = new double[n][p], c = new double[n][m], y = new double[n][m], x = new double[n][p];
        final double[][] cr = new double[m][p], ct = new double[2][m];
        for (int i = 0; i < n; i++) {
            a[i][rng.nextInt(p)] = rng.nextGaussian();
            a[i][rng.nextInt(p)] = rng.nextGaussian();
            x[i][rng.nextInt(p)] = rng.nextGaussian();
            for (int j = 0; j < m; j++) {
                y[i][j] = rng.nextBoolean() ? 0.0 : rng.nextDouble();
            }
        }
        final double[] b = new double[p * m + 8], z = new double[m], flat = new double[n * p], out = new double[n * m];
        final double[] line = new double[Long.SIZE * p + 8], gLine = new double[n * m + 8];
        for (int e = 0; e < b.length; e++) {
            b[e] = rng.nextGaussian() * 0.1;
        }
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, flat, i * p, p);
        }
        final long[] masks = new long[n], scratch = new long[Long.SIZE];
        final double[] sums = new double[24], ones = new double[n];
        java.util.Arrays.fill(ones, 1.0);
        final long start = System.nanoTime();
        if (!publish) {
            lastProductBytes = -1;
            lastColumnBytes = -1;
        }
        int fast = 0, columnsFast = 0;
        long rounds = 0;
        for (int round = 0; (fast < IN_A_ROW || columnsFast < IN_A_ROW) && System.nanoTime() - start < GIVE_UP_NS;
             round++) {
            final long b0 = allocatedBytes();
            final long t0 = System.nanoTime();
            // the shapes and modes training and prediction use: the ReLU forward, the stepped input gradient with
            // masks, the masked weight gradient, the transposed one with its bias row (alone, and paired), the flat
            // forward
            VectorRowKernels.rowsTimes(a, null, n, p, b, 0, m, z, c, true, null, null);
            VectorRowKernels.rowsTimes(a, null, n, p, b, 0, m, null, c, false, y, masks);
            VectorRowKernels.weightGrad(a, n, p, x, p, cr, true, masks, scratch, line);
            VectorRowKernels.weightGradT(null, flat, n, 2, c, m, ct, z, gLine);
            VectorRowKernels.weightGradT(null, flat, n, 1, c, m, ct, z, gLine);   // an odd p: db paired with ct's last row
            VectorRowKernels.affine(flat, n, p, b, 0, m, z, out, true);
            final long t1 = System.nanoTime();
            final long b1 = allocatedBytes();
            // the standardiser's column sums (Kernels.addColumnSums, addColumnShiftedSums and addColumnSquares), timed on
            // their own: the products take over when they are compiled, whether these are or not. 24 columns (a pair of
            // vectors and one) with weights and without, every branch the builds take: a branch C2 never saw is an
            // uncommon trap, back to the interpreter and the Vector API's fallbacks (a first 200k-row build's input pass
            // 150 ms slower)
            final double[] w = (round & 1) == 0 ? null : ones;
            VectorColumnMoments.addRows(flat, 0, n / 2, 24, w, 0, sums, 0, 24);
            VectorColumnMoments.addShifted(flat, 0, n / 2, 24, w, 0, z, sums, 0, 24);
            VectorColumnMoments.addSquares(flat, 0, n / 2, 24, w, 0, z, sums, 0, 24);
            final long t2 = System.nanoTime();
            final long b2 = allocatedBytes();
            // a slow call (interpreted code, or the thread preempted on a busy machine) halves the count, and so does
            // one that allocated as the fallbacks do
            if (fast < IN_A_ROW) {
                fast = compiledCall(t1 - t0, COMPILED_NS, b1 - b0, t1 - start) ? fast + 1 : fast / 2;
                if (fast == IN_A_ROW && !publish) {
                    lastProductBytes = b1 - b0;
                }
                if (fast == IN_A_ROW && publish) {
                    ready = true;
                }
            }
            if (columnsFast < IN_A_ROW) {
                columnsFast = compiledCall(t2 - t1, COLUMNS_COMPILED_NS, b2 - b1, t2 - start) ? columnsFast + 1
                        : columnsFast / 2;
                if (columnsFast == IN_A_ROW && !publish) {
                    lastColumnBytes = b2 - b1;
                }
                if (columnsFast == IN_A_ROW && publish) {
                    columnsReady = true;
                }
            }
            rounds++;
            if ((round & 63) == 63) {
                java.util.Arrays.fill(z, 0.0);   // keep the sums bounded
                java.util.Arrays.fill(sums, 0.0);
                for (double[] r : cr) {
                    java.util.Arrays.fill(r, 0.0);
                }
                for (double[] r : ct) {
                    java.util.Arrays.fill(r, 0.0);
                }
            }
        }
        lastRounds = rounds;
        lastNanos = System.nanoTime() - start;
        lastColumnsCompiled = columnsFast >= IN_A_ROW;
        return fast >= IN_A_ROW;
    }

    /** The last warm-up's rounds and nanoseconds (for the tests and benchmarks). */
    static volatile long lastRounds, lastNanos;
    /** Whether the last warm-up found {@link VectorColumnMoments} at compiled speed. */
    static volatile boolean lastColumnsCompiled;
    /**
     * The bytes the last {@link #warmUp()} (a test's call, not the daemon's) products and column sums allocated in the
     * round that opened their gates (below {@link #FALLBACK_BYTES} unless a gate opened by time alone), or -1 when a
     * gate did not open.
     */
    static volatile long lastProductBytes = -1, lastColumnBytes = -1;
}

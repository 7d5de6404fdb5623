package neuralglm.train;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import neuralglm.family.PoissonFamily;
import neuralglm.nn.Activation;
import neuralglm.nn.Precision;
import neuralglm.nn.Sequential;
import neuralglm.optim.Optimizer;
import neuralglm.optim.SgdOptimizer;
import org.ejml.data.DMatrixRMaj;

/**
 * The large workload's mini-batch steps alone (20-64-64-1 ReLU, Poisson, SGD lr 0.01 with {@code --momentum} (default
 * 0.9, NeuralGLM's SGD default, which {@code weka-large} builds use; 0 for plain SGD), batch 256, rows by a fixed
 * permutation; no Weka, no shuffling, no final pass): per round, two independent 1-thread step loops side by side
 * (the machine's ceiling for 2 threads) and one 2-thread loop ({@link ParallelStep}), {@code --steps} steps each
 * (default 1000); the ratio {@code (2 x steps x 256 / pair wall) / (steps x 256 / two-thread wall)} per round,
 * with its median, min and max over {@code --rounds} (default 8), and the load average per round; and the same ratio
 * over <em>clean</em> steps only (median wall time of the steps during which every thread of the loop had a core,
 * by its thread CPU time), an estimate of the ratio on an otherwise idle machine that a busy one gives too.
 * {@code --variants DIR1,DIR2}: other builds' class directories (e.g. a copy of target/classes from another
 * commit), each loaded in its own class loader (with this classpath's EJML) and run in alternated order in the
 * same rounds, so that a change is compared under the same load; without it, this build alone.
 */
public final class ThreadStepBench {

    private ThreadStepBench() {
    }

    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    /**
     * @return {wall seconds of the loop, median wall microseconds of its clean steps, their share of the steps}: a
     *         step is clean when the calling thread (and, with 2 threads, the worker) had a core all along (its thread
     *         CPU time at least 95% of the step's wall time), i.e. the step's time on an otherwise idle machine
     */
    private static double[] loop(DMatrixRMaj x, DMatrixRMaj y, int[] perm, int b, int threads, int steps, int offset, long[] spans,
                                 double momentum) {
        return loop(x, y, perm, b, threads, true, steps, offset, spans, momentum);
    }

    /** @param workers false: a 2-thread step whose worker never starts, so the caller runs both slices in turn */
    private static double[] loop(DMatrixRMaj x, DMatrixRMaj y, int[] perm, int b, int threads, boolean workers, int steps,
                                 int offset, long[] spans, double momentum) {
        final int n = x.numRows, d = x.numCols;
        final Sequential net = Sequential.mlp(d, new int[] {64, 64}, Activation.ReLU::new, 1, new Random(7));
        final Optimizer opt = new SgdOptimizer(0.01, momentum, false, 0.0).copy().initialise(net.parameters());
        final DMatrixRMaj xb = new DMatrixRMaj(b, d), yb = new DMatrixRMaj(b, 1);
        final BatchStep step = threads > 1 ? new ParallelStep(net, new PoissonFamily(), x, y, null, threads, Precision.FLOAT64, workers)
                : new Trainer.Step(net, new PoissonFamily(), xb, yb, null, Precision.FLOAT64);
        final long worker = threads > 1 && workers ? workerId(step) : -1;
        final double[] clean = new double[steps];
        int cleanSteps = 0;
        final long t0 = System.nanoTime();
        int pos = offset % (n - b);
        for (int s = 0; s < steps; s++) {
            final long w0 = System.nanoTime(), c0 = MX.getCurrentThreadCpuTime(), k0 = worker < 0 ? 0 : MX.getThreadCpuTime(worker);
            if (pos + b > n) {
                pos = 0;
            }
            if (threads > 1) {
                ((ParallelStep) step).window(perm, pos, b, null);
            } else {
                for (int r = 0; r < b; r++) {
                    System.arraycopy(x.data, perm[pos + r] * d, xb.data, r * d, d);
                    yb.data[r] = y.data[perm[pos + r]];
                }
            }
            opt.step(step);
            pos += b;
            final long k1 = worker < 0 ? 0 : MX.getThreadCpuTime(worker), c1 = MX.getCurrentThreadCpuTime(), w1 = System.nanoTime();
            final double wall = w1 - w0;
            final boolean ok = c1 - c0 >= 0.95 * wall && (worker < 0 || k1 - k0 >= 0.95 * wall);
            if (ok) {
                clean[cleanSteps++] = wall * 1e-3;
            }
            if (spans != null) {
                spans[2 * s] = ok ? w0 : -1;
                spans[2 * s + 1] = w1;
            }
        }
        final double wall = (System.nanoTime() - t0) * 1e-9;
        step.close();
        final double[] c = Arrays.copyOf(clean, cleanSteps);
        Arrays.sort(c);
        return new double[] {wall, cleanSteps == 0 ? Double.NaN : c[cleanSteps / 2], (double) cleanSteps / steps};
    }

    /** @return the id of the step's worker thread (ParallelStep's first) */
    private static long workerId(BatchStep step) {
        try {
            final java.lang.reflect.Field f = ParallelStep.class.getDeclaredField("workers");
            f.setAccessible(true);
            return ((Thread[]) f.get(step))[0].getId();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One round (public: called through another class loader).
     *
     * @return {pair wall s, two-thread wall s, pair's clean step us (median of both loops' steps during which both had
     *         a core), two-thread clean step us, pair's clean share, two-thread clean share, clean step us of the same
     *         2-slice step with both slices run by the calling thread in turn (no second thread: no exchange between cores)}
     */
    public static double[] round(double[] xd, double[] yd, int n, int d, int[] perm, int steps, double momentum) throws InterruptedException {
        final DMatrixRMaj x = DMatrixRMaj.wrap(n, d, xd), y = DMatrixRMaj.wrap(n, 1, yd);
        final long p0 = System.nanoTime();
        final Thread[] th = new Thread[2];
        final double[][] side = new double[2][];
        final long[][] spans = {new long[2 * steps], new long[2 * steps]};
        for (int k = 0; k < 2; k++) {
            final int kk = k;
            th[k] = new Thread(() -> side[kk] = loop(x, y, perm, 256, 1, steps, kk * 100_000, spans[kk], momentum));
            th[k].start();
        }
        for (Thread t : th) {
            t.join();
        }
        final double pair = (System.nanoTime() - p0) * 1e-9;
        final double[] two = loop(x, y, perm, 256, 2, steps, 0, null, momentum);
        final double[] inTurn = loop(x, y, perm, 256, 2, false, steps, 0, null, momentum);
        // the pair's clean steps during which the other loop was in clean steps too (both had a core all along)
        final double[] both = new double[2 * steps];
        int m = 0;
        for (int k = 0; k < 2; k++) {
            final long[] a = spans[k], o = spans[1 - k];
            for (int s = 0; s < steps; s++) {
                if (a[2 * s] >= 0 && cleanAt(o, a[2 * s]) && cleanAt(o, a[2 * s + 1])) {
                    both[m++] = (a[2 * s + 1] - a[2 * s]) * 1e-3;
                }
            }
        }
        final double[] c = Arrays.copyOf(both, m);
        Arrays.sort(c);
        return new double[] {pair, two[0], m == 0 ? Double.NaN : c[m / 2], two[1], m / (2.0 * steps), two[2], inTurn[1]};
    }

    /** @return whether time t falls in a clean step of spans (start, end per step, start -1 if not clean; steps in order) */
    private static boolean cleanAt(long[] spans, long t) {
        int lo = 0, hi = spans.length / 2 - 1;
        while (lo < hi) { // the last step starting at or before t
            final int mid = (lo + hi + 1) >>> 1;
            final long start = spans[2 * mid] >= 0 ? spans[2 * mid] : (mid == 0 ? 0 : spans[2 * mid - 1]);
            if (start <= t) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return spans[2 * lo] >= 0 && spans[2 * lo] <= t && t <= spans[2 * lo + 1] + 2_000; // up to 2 us between steps
    }

    /**
     * @param data    large_poisson.bin
     * @param steps   steps per loop
     * @param rounds  rounds
     * @param variants class directories of other builds (empty: this build)
     * @param momentum the SGD momentum
     * @throws Exception on any failure
     */
    public static void run(Path data, int steps, int rounds, List<String> variants, double momentum) throws Exception {
        final DMatrixRMaj[] xy = neuralglm.bench.LargeBench.readData(data);
        final int n = xy[0].numRows, d = xy[0].numCols;
        final int[] perm = shuffled(n);
        final List<Method> rounders = new ArrayList<>();
        final List<String> names = new ArrayList<>();
        if (variants.isEmpty()) {
            rounders.add(ThreadStepBench.class.getMethod("round", double[].class, double[].class, int.class, int.class, int[].class, int.class, double.class));
            names.add("this build");
        }
        for (String dir : variants) {
            final ClassLoader cl = VariantLoader.of(dir, ThreadStepBench.class);
            rounders.add(cl.loadClass(ThreadStepBench.class.getName()).getMethod("round", double[].class, double[].class,
                    int.class, int.class, int[].class, int.class, double.class));
            names.add(dir);
        }
        final int v = rounders.size();
        for (Method m : rounders) { // warm-up (JIT), per class loader
            m.invoke(null, xy[0].data, xy[1].data, n, d, perm, steps, momentum);
        }
        final double[][] ratio = new double[v][rounds], cleanRatio = new double[v][rounds], split = new double[v][rounds];
        final double[] load = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            load[r] = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            final StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "round %d, load %.2f:", r, load[r]));
            for (int k = 0; k < v; k++) {
                final int i = r % 2 == 0 ? k : v - 1 - k;
                final double[] t = (double[]) rounders.get(i).invoke(null, xy[0].data, xy[1].data, n, d, perm, steps, momentum);
                ratio[i][r] = t[0] / (2 * t[1]);
                cleanRatio[i][r] = t[2] / (2 * t[3]);
                split[i][r] = t[6] / (2 * t[3]);
                sb.append(String.format(Locale.ROOT, " [%d] pair %.3f s, 2 threads %.3f s, ratio %.3f; clean steps %.1f us (%.0f%%), %.1f us (%.0f%%),"
                        + " ratio %.3f; both slices in turn on one thread %.1f us, half of it over the 2-thread step %.3f;", i, t[0],
                        t[1], ratio[i][r], t[2], 100 * t[4], t[3], 100 * t[5], cleanRatio[i][r], t[6], split[i][r]));
            }
            System.out.println(sb);
        }
        for (int i = 0; i < v; i++) {
            System.out.printf(Locale.ROOT, "{\"bench\":\"thread_steps\",\"variant\":\"%s\",\"momentum\":%s,\"steps\":%d,\"rounds\":%d,\"ratio\":%s,"
                            + "\"ratio_median\":%.4f,\"ratio_min\":%.4f,\"ratio_max\":%.4f,\"clean_ratio\":%s,\"clean_ratio_median\":%.4f,"
                            + "\"clean_ratio_min\":%.4f,\"clean_ratio_max\":%.4f,\"in_turn_half_over_two\":%s,"
                            + "\"in_turn_half_over_two_median\":%.4f,\"load\":%s}%n", names.get(i), momentum, steps, rounds,
                    Arrays.toString(ratio[i]), q(ratio[i], 0.5), q(ratio[i], 0), q(ratio[i], 1), Arrays.toString(cleanRatio[i]),
                    q(cleanRatio[i], 0.5), q(cleanRatio[i], 0), q(cleanRatio[i], 1), Arrays.toString(split[i]), q(split[i], 0.5),
                    Arrays.toString(load));
        }
    }

    /** @return the f-quantile (0 min, 0.5 median, 1 max) of the finite values of v, NaN if none */
    private static double q(double[] v, double f) {
        final double[] s = Arrays.stream(v).filter(Double::isFinite).sorted().toArray();
        return s.length == 0 ? Double.NaN : s[(int) Math.round(f * (s.length - 1))];
    }

    /** @return 0..n-1 in the order of a Fisher-Yates shuffle by {@code new Random(1)}: the benches' fixed row order */
    static int[] shuffled(int n) {
        final int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        final Random rng = new Random(1);
        for (int i = n - 1; i > 0; i--) {
            final int j = rng.nextInt(i + 1), t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return perm;
    }
}

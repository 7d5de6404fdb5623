package neuralglm.train;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
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
 * The large workload's mini-batch steps alone (20-64-64-1 ReLU, Poisson, SGD lr 0.01, batch 256, rows by a fixed
 * permutation; no Weka, no shuffling, no final pass): per round, two independent 1-thread step loops side by side
 * (the machine's ceiling for 2 threads) and one 2-thread loop ({@link ParallelStep}), {@code --steps} steps each
 * (default 1000); the ratio {@code (2 x steps x 256 / pair wall) / (steps x 256 / two-thread wall)} per round,
 * with its median, min and max over {@code --rounds} (default 8), and the load average per round.
 * {@code --variants DIR1,DIR2}: other builds' class directories (e.g. a copy of target/classes from another
 * commit), each loaded in its own class loader (with this classpath's EJML) and run in alternated order in the
 * same rounds, so that a change is compared under the same load; without it, this build alone.
 */
public final class ThreadStepBench {

    private ThreadStepBench() {
    }

    /** @return per-step loop of the given thread count, wall seconds */
    private static double loop(DMatrixRMaj x, DMatrixRMaj y, int[] perm, int b, int threads, int steps, int offset) {
        final int n = x.numRows, d = x.numCols;
        final Sequential net = Sequential.mlp(d, new int[] {64, 64}, Activation.ReLU::new, 1, new Random(7));
        final Optimizer opt = new SgdOptimizer(0.01).copy().initialise(net.parameters());
        final DMatrixRMaj xb = new DMatrixRMaj(b, d), yb = new DMatrixRMaj(b, 1);
        final BatchStep step = threads > 1 ? new ParallelStep(net, new PoissonFamily(), x, y, null, threads, Precision.FLOAT64)
                : new Trainer.Step(net, new PoissonFamily(), xb, yb, null, Precision.FLOAT64);
        final long t0 = System.nanoTime();
        int pos = offset % (n - b);
        for (int s = 0; s < steps; s++) {
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
        }
        final double wall = (System.nanoTime() - t0) * 1e-9;
        step.close();
        return wall;
    }

    /**
     * One round (public: called through another class loader).
     *
     * @return {pair wall s, two-thread wall s}
     */
    public static double[] round(double[] xd, double[] yd, int n, int d, int[] perm, int steps) throws InterruptedException {
        final DMatrixRMaj x = DMatrixRMaj.wrap(n, d, xd), y = DMatrixRMaj.wrap(n, 1, yd);
        final long p0 = System.nanoTime();
        final Thread[] th = new Thread[2];
        for (int k = 0; k < 2; k++) {
            final int kk = k;
            th[k] = new Thread(() -> loop(x, y, perm, 256, 1, steps, kk * 100_000));
            th[k].start();
        }
        for (Thread t : th) {
            t.join();
        }
        final double pair = (System.nanoTime() - p0) * 1e-9;
        return new double[] {pair, loop(x, y, perm, 256, 2, steps, 0)};
    }

    /**
     * @param data    large_poisson.bin
     * @param steps   steps per loop
     * @param rounds  rounds
     * @param variants class directories of other builds (empty: this build)
     * @throws Exception on any failure
     */
    public static void run(Path data, int steps, int rounds, List<String> variants) throws Exception {
        final DMatrixRMaj[] xy = readData(data);
        final int n = xy[0].numRows, d = xy[0].numCols;
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
        final List<Method> rounders = new ArrayList<>();
        final List<String> names = new ArrayList<>();
        if (variants.isEmpty()) {
            rounders.add(ThreadStepBench.class.getMethod("round", double[].class, double[].class, int.class, int.class, int[].class, int.class));
            names.add("this build");
        }
        for (String dir : variants) {
            final List<URL> urls = new ArrayList<>();
            urls.add(Path.of(dir).toUri().toURL());
            urls.add(ThreadStepBench.class.getProtectionDomain().getCodeSource().getLocation()); // this class, if the variant lacks it
            for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
                if (e.contains("ejml")) {
                    urls.add(Path.of(e).toUri().toURL());
                }
            }
            final ClassLoader cl = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
            rounders.add(cl.loadClass(ThreadStepBench.class.getName()).getMethod("round", double[].class, double[].class,
                    int.class, int.class, int[].class, int.class));
            names.add(dir);
        }
        final int v = rounders.size();
        for (Method m : rounders) { // warm-up (JIT), per class loader
            m.invoke(null, xy[0].data, xy[1].data, n, d, perm, steps);
        }
        final double[][] ratio = new double[v][rounds];
        final double[] load = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            load[r] = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            final StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "round %d, load %.2f:", r, load[r]));
            for (int k = 0; k < v; k++) {
                final int i = r % 2 == 0 ? k : v - 1 - k;
                final double[] t = (double[]) rounders.get(i).invoke(null, xy[0].data, xy[1].data, n, d, perm, steps);
                ratio[i][r] = t[0] / (2 * t[1]);
                sb.append(String.format(Locale.ROOT, " [%d] pair %.3f s, 2 threads %.3f s, ratio %.3f;", i, t[0], t[1], ratio[i][r]));
            }
            System.out.println(sb);
        }
        for (int i = 0; i < v; i++) {
            final double[] s = ratio[i].clone();
            Arrays.sort(s);
            System.out.printf(Locale.ROOT, "{\"bench\":\"thread_steps\",\"variant\":\"%s\",\"steps\":%d,\"rounds\":%d,\"ratio\":%s,"
                            + "\"ratio_median\":%.4f,\"ratio_min\":%.4f,\"ratio_max\":%.4f,\"load\":%s}%n", names.get(i), steps, rounds,
                    Arrays.toString(ratio[i]), s[rounds / 2], s[0], s[rounds - 1], Arrays.toString(load));
        }
    }

    private static DMatrixRMaj[] readData(Path file) throws java.io.IOException {
        try (java.io.DataInputStream in = new java.io.DataInputStream(new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(file), 1 << 20))) {
            final int n = in.readInt(), d = in.readInt();
            final DMatrixRMaj x = new DMatrixRMaj(n, d), y = new DMatrixRMaj(n, 1);
            for (int i = 0; i < n * d; i++) {
                x.data[i] = in.readDouble();
            }
            for (int i = 0; i < n; i++) {
                y.data[i] = in.readDouble();
            }
            return new DMatrixRMaj[] {x, y};
        }
    }
}

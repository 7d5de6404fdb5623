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
 * The large workload's 1-thread mini-batch steps alone (20-64-64-1 ReLU, Poisson, SGD lr 0.01 momentum 0.9, batch 256,
 * float64, rows by a fixed permutation; the epochs' step as {@link Trainer.Step} runs it), for comparing builds in one
 * JVM: {@code --variants DIR1,DIR2} are builds' class directories, each loaded in its own class loader (with this
 * classpath's EJML), warmed up by one loop, then run in alternated order in the same {@code --rounds} (default 8) of
 * {@code --steps} steps (default 2000). Per round and build: the thread CPU time of the loop (microseconds per step)
 * and the median thread CPU time of a step; then each build's medians over the rounds and, per round, each build's
 * loop time and median step over the first build's (paired ratios: both ran under the same load, a few seconds apart),
 * with their medians, min and max over the rounds. List a build twice to see the spread of a build against itself.
 */
public final class StepVariantsBench {

    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    private StepVariantsBench() {
    }

    /**
     * One loop (public: called through another class loader).
     *
     * @return {thread CPU microseconds per step over the loop, median thread CPU microseconds of a step}
     */
    public static double[] loop(double[] xd, double[] yd, int n, int d, int[] perm, int steps) {
        final DMatrixRMaj x = DMatrixRMaj.wrap(n, d, xd), y = DMatrixRMaj.wrap(n, 1, yd);
        final int b = 256;
        final Sequential net = Sequential.mlp(d, new int[] {64, 64}, Activation.ReLU::new, 1, new Random(7));
        final Optimizer opt = new SgdOptimizer(0.01, 0.9, false, 0.0).copy().initialise(net.parameters());
        final DMatrixRMaj xb = new DMatrixRMaj(b, d), yb = new DMatrixRMaj(b, 1);
        final BatchStep step = new Trainer.Step(net, new PoissonFamily(), xb, yb, null, Precision.FLOAT64);
        final double[] each = new double[steps];
        int pos = 0;
        final long c0 = MX.getCurrentThreadCpuTime();
        for (int s = 0; s < steps; s++) {
            final long t0 = MX.getCurrentThreadCpuTime();
            if (pos + b > n) {
                pos = 0;
            }
            for (int r = 0; r < b; r++) {
                System.arraycopy(x.data, perm[pos + r] * d, xb.data, r * d, d);
                yb.data[r] = y.data[perm[pos + r]];
            }
            opt.step(step);
            pos += b;
            each[s] = (MX.getCurrentThreadCpuTime() - t0) * 1e-3;
        }
        final double total = (MX.getCurrentThreadCpuTime() - c0) * 1e-3 / steps;
        step.close();
        Arrays.sort(each);
        return new double[] {total, each[steps / 2]};
    }

    /**
     * @param data     large_poisson.bin
     * @param steps    steps per loop
     * @param rounds   rounds
     * @param variants class directories of the builds compared
     * @throws Exception on any failure
     */
    public static void run(Path data, int steps, int rounds, List<String> variants) throws Exception {
        final DMatrixRMaj[] xy = neuralglm.bench.LargeBench.readData(data);
        final int n = xy[0].numRows, d = xy[0].numCols;
        final int[] perm = ThreadStepBench.shuffled(n);
        final List<Method> loops = new ArrayList<>();
        for (String dir : variants) {
            final ClassLoader cl = VariantLoader.of(dir, StepVariantsBench.class);
            loops.add(cl.loadClass(StepVariantsBench.class.getName()).getMethod("loop", double[].class, double[].class, int.class,
                    int.class, int[].class, int.class));
        }
        final int v = loops.size();
        for (Method m : loops) {
            m.invoke(null, xy[0].data, xy[1].data, n, d, perm, steps);
        }
        final double[][] total = new double[v][rounds], median = new double[v][rounds];
        for (int r = 0; r < rounds; r++) {
            final StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "round %d, load %.2f:", r,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
            for (int k = 0; k < v; k++) {
                final int i = r % 2 == 0 ? k : v - 1 - k;
                final double[] t = (double[]) loops.get(i).invoke(null, xy[0].data, xy[1].data, n, d, perm, steps);
                total[i][r] = t[0];
                median[i][r] = t[1];
            }
            for (int i = 0; i < v; i++) {
                sb.append(String.format(Locale.ROOT, " [%d] %.1f us/step (median step %.1f, ratio %.3f);", i, total[i][r], median[i][r],
                        total[i][r] / total[0][r]));
            }
            System.out.println(sb);
        }
        for (int i = 0; i < v; i++) {
            final double[] ratio = new double[rounds], stepRatio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratio[r] = total[i][r] / total[0][r];
                stepRatio[r] = median[i][r] / median[0][r];
            }
            System.out.printf(Locale.ROOT, "[%d] %s: us/step median %.1f, median step %.1f; ratios to [0]: us/step %.3f (%.3f-%.3f),"
                            + " median step %.3f (%.3f-%.3f)%n", i, variants.get(i), med(total[i]), med(median[i]), med(ratio),
                    Arrays.stream(ratio).min().getAsDouble(), Arrays.stream(ratio).max().getAsDouble(), med(stepRatio),
                    Arrays.stream(stepRatio).min().getAsDouble(), Arrays.stream(stepRatio).max().getAsDouble());
        }
    }

    private static double med(double[] v) {
        final double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}

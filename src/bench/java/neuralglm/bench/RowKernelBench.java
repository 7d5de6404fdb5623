package neuralglm.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Random;

import neuralglm.linalg.RowKernels;

/**
 * Microseconds of thread CPU time per call of the row kernels ({@code linalg.RowKernels}, the default JVM's row pass)
 * that a training step of the large workload's 20-64-64-1 ReLU network runs on 256 rows, in the step's order (the
 * forward products, then the backward ones as {@code nn.RowPass} calls them), on random numbers at its ReLU sparsity
 * (about half of the 64-unit activations and gradients 0). Run together, the kernels get the profiles C2 sees in
 * training: alone (or with other kernels' calls missing) a method's vector loops may be shaped otherwise (unrolled
 * once more, or not). {@code --only 5,6} times the kernels with those indices only; indices 8 and 9 (only with
 * {@code --only}) are the 64 x 64 weight gradient and the 64 -&gt; 64 forward with rows of length 0: their lists of
 * nonzero terms and loop control alone. Warm-up 2 s; min and median over {@code --reps} rounds of 200 steps
 * (default 9). Compare builds in alternated JVMs.
 */
final class RowKernelBench {

    private RowKernelBench() {
    }

    static void run(BenchArgs a) {
        final int reps = a.integer("reps", 9);
        final int n = 256, w = 64;
        final Random rng = new Random(1);
        final double[][] x = relu(rng, n, w), g = relu(rng, n, w), y = relu(rng, n, w);
        final double[][] wT = gauss(rng, w, w), wRows = gauss(rng, w, w), c = new double[n][w], dx = new double[n][w];
        final double[][] dW = new double[w][w], dW1 = new double[1][w], g1 = gauss(rng, n, 1);
        final double[] bias = gauss(rng, 1, w)[0];
        final int[] idx = new int[w], lists = new int[w * RowKernels.BLOCK + 5], counts = new int[w];
        final double[] in = gauss(rng, 1, n * 20)[0], w1 = gauss(rng, 1, w)[0];
        final double[][] w0T = gauss(rng, 20, w), h = new double[n][w], dW0T = new double[20][w], out = new double[n][1];
        final double[] db0 = new double[w], b1 = {0.1};
        final double[][] w1Rows = {w1};
        // in the order of a training step of 20-64-64-1 (nn.RowPass): forward, then backward
        final String[] names = {"20->64 forward+ReLU", "64->64 forward+ReLU", "64->1 forward", "64->1 input grad*step",
            "64->1 weight grad", "64x64 weight grad", "64->64 input grad*step", "20->64 weight grad^T",
            "64x64 weight grad, p=0", "64->64 forward, m=0"};
        final Runnable[] kernels = {
            () -> RowKernels.rowsTimes(null, in, n, 20, w0T, w, bias, h, true, null, idx),
            () -> RowKernels.rowsTimes(x, null, n, w, wT, w, bias, c, true, null, idx),
            () -> RowKernels.narrowAffine(c, null, n, w, w1, 1, b1, out),
            () -> RowKernels.rowsTimes(g1, null, n, 1, w1Rows, w, null, dx, false, y, idx),
            () -> RowKernels.weightGrad(g1, n, 1, x, w, dW1, true, lists, counts),
            () -> RowKernels.weightGrad(g, n, w, x, w, dW, true, lists, counts),
            () -> RowKernels.rowsTimes(g, null, n, w, wRows, w, null, dx, false, y, idx),
            () -> RowKernels.weightGradT(null, in, n, 20, g, w, dW0T, db0),
            // the lists and loop control alone (no entries to sum): with --only 8 or --only 9
            () -> RowKernels.weightGrad(g, n, w, x, 0, dW, true, lists, counts),
            () -> RowKernels.rowsTimes(x, null, n, w, wT, 0, bias, c, true, null, idx),
        };
        final String only = a.string("only", "");
        if (!only.isEmpty()) {
            final String[] pick = only.split(",");
            final Runnable[] k2 = new Runnable[pick.length];
            final String[] n2 = new String[pick.length];
            for (int q = 0; q < pick.length; q++) {
                k2[q] = kernels[Integer.parseInt(pick[q])];
                n2[q] = names[Integer.parseInt(pick[q])];
            }
            run(reps, n2, k2, dW, dW1, dW0T, db0);
            return;
        }
        run(reps, java.util.Arrays.copyOf(names, 8), java.util.Arrays.copyOf(kernels, 8), dW, dW1, dW0T, db0);
    }

    private static void run(int reps, String[] names, Runnable[] kernels, double[][] dW, double[][] dW1, double[][] dW0T, double[] db0) {
        final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        final long warm = mx.getCurrentThreadCpuTime() + 2_000_000_000L;
        while (mx.getCurrentThreadCpuTime() < warm) {
            for (Runnable k : kernels) {
                k.run();
            }
            reset(dW, dW1);
            reset(dW0T, new double[][] {db0});
        }
        final double[][] us = new double[kernels.length][reps];
        final int batch = 200;
        for (int rep = 0; rep < reps; rep++) {
            for (int s = 0; s < batch; s++) {
                for (int k = 0; k < kernels.length; k++) {
                    final long t0 = mx.getCurrentThreadCpuTime();
                    kernels[k].run();
                    us[k][rep] += (mx.getCurrentThreadCpuTime() - t0) / 1000.0 / batch;
                }
                reset(dW, dW1);
                reset(dW0T, new double[][] {db0});
            }
        }
        double total = 0;
        for (int k = 0; k < kernels.length; k++) {
            final double[] v = us[k].clone();
            java.util.Arrays.sort(v);
            total += v[v.length / 2];
            System.out.printf(Locale.ROOT, "%-26s min %7.2f us  med %7.2f us%n", names[k], v[0], v[v.length / 2]);
        }
        System.out.printf(Locale.ROOT, "%-26s           med %7.2f us%n", "sum", total);
    }

    private static void reset(double[][] a, double[][] b) {
        for (double[] r : a) {
            java.util.Arrays.fill(r, 0.0);
        }
        for (double[] r : b) {
            java.util.Arrays.fill(r, 0.0);
        }
    }

    private static double[][] gauss(Random rng, int rows, int cols) {
        final double[][] r = new double[rows][cols];
        for (double[] row : r) {
            for (int j = 0; j < cols; j++) {
                row[j] = rng.nextGaussian() * 0.125;
            }
        }
        return r;
    }

    private static double[][] relu(Random rng, int rows, int cols) {
        final double[][] r = gauss(rng, rows, cols);
        for (double[] row : r) {
            for (int j = 0; j < cols; j++) {
                row[j] = Math.max(row[j], 0.0);
            }
        }
        return r;
    }
}

package neuralglm.bench;

import java.util.Locale;
import java.util.Random;

import neuralglm.linalg.Kernels;
import org.ejml.data.DMatrixRMaj;

/**
 * GFLOP/s of the three products of backpropagation through one affine layer (n rows, in -&gt; out):
 * forward {@code X W^T + b}, weight gradient {@code dY^T X}, input gradient {@code dY W}, on the
 * notebook's and the large workload's shapes. Each is timed over batches of calls long enough to
 * span about 20 ms of the thread's CPU time (not wall time: the machine is shared), after a warm-up of 0.5 s; min and median over {@code --reps} batches
 * (default 15); {@code --json} prints one JSON line per product. FLOPs counted as 2 n in out per product.
 */
final class KernelBench {

    private static boolean json;

    private KernelBench() {
    }

    static final int[][] SHAPES = {{400, 1, 30}, {400, 30, 20}, {400, 20, 1}, {400, 20, 2}, {256, 20, 64}, {256, 64, 64}, {256, 64, 1}};

    static void run(BenchArgs a) {
        final int reps = a.integer("reps", 15);
        json = a.flag("json");
        if (!json) {
            System.out.println("kernels: " + (Kernels.vectorised() ? "Vector API (VectorGemm)" : "plain Java (RowGemm, Gemm where narrow)"));
            System.out.printf(Locale.ROOT, "%-14s %-8s %10s %10s%n", "n x in -> out", "product", "min GF/s", "med GF/s");
        }
        final Random rng = new Random(1);
        for (int[] s : SHAPES) {
            final int n = s[0], in = s[1], out = s[2];
            final double[] x = gauss(rng, n * in), w = gauss(rng, out * in), wT = new double[in * out], b = gauss(rng, out);
            final double[] y = new double[n * out], dy = gauss(rng, n * out), dw = new double[out * in], db = new double[out];
            final double[] dx = new double[n * in];
            for (int i = 0; i < out; i++) {
                for (int k = 0; k < in; k++) {
                    wT[k * out + i] = w[i * in + k];
                }
            }
            final double flops = 2.0 * n * in * out;
            final String shape = n + "x" + in + "->" + out;
            final DMatrixRMaj mx = DMatrixRMaj.wrap(n, in, x), mw = DMatrixRMaj.wrap(out, in, w), mwT = DMatrixRMaj.wrap(in, out, wT);
            final DMatrixRMaj mb = DMatrixRMaj.wrap(1, out, b), my = DMatrixRMaj.wrap(n, out, y), mdy = DMatrixRMaj.wrap(n, out, dy);
            final DMatrixRMaj mdw = DMatrixRMaj.wrap(out, in, dw), mdb = DMatrixRMaj.wrap(1, out, db), mdx = DMatrixRMaj.wrap(n, in, dx);
            report(shape, "X W^T+b", flops, reps, () -> Kernels.affine(mx, mw, mwT, mb, my));
            report(shape, "dY^T X", flops, reps, () -> Kernels.accumulateAffineGrad(mdy, mx, mdw, mdb));
            report(shape, "dY W", flops, reps, () -> Kernels.inputGrad(mdy, mw, mwT, mdx));
        }
    }

    private static void report(String shape, String what, double flops, int reps, Runnable r) {
        final java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        final long warm = mx.getCurrentThreadCpuTime() + 500_000_000L;
        int calls = 0;
        while (mx.getCurrentThreadCpuTime() < warm) {
            r.run();
            calls++;
        }
        final int batch = Math.max(1, calls / 25);
        final double[] gf = new double[reps];
        for (int rep = 0; rep < reps; rep++) {
            final long t0 = mx.getCurrentThreadCpuTime();
            for (int c = 0; c < batch; c++) {
                r.run();
            }
            gf[rep] = flops * batch / (mx.getCurrentThreadCpuTime() - t0);
        }
        final Stats st = new Stats(gf);
        if (json) {
            System.out.printf(Locale.ROOT, "{\"bench\":\"neuralglm_kernel\",\"kernels\":\"%s\",\"shape\":\"%s\",\"product\":\"%s\","
                            + "\"min_gflops\":%.4f,\"median_gflops\":%.4f}%n",
                    Kernels.vectorised() ? "vector" : "plain", shape, what, st.min, st.median);
            return;
        }
        System.out.printf(Locale.ROOT, "%-14s %-8s %10.2f %10.2f%n", shape, what, st.min, st.median);
    }

    private static double[] gauss(Random rng, int len) {
        final double[] v = new double[len];
        for (int i = 0; i < len; i++) {
            v[i] = rng.nextGaussian();
        }
        return v;
    }
}

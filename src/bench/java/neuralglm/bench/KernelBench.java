package neuralglm.bench;

import java.util.Locale;
import java.util.Random;

import neuralglm.linalg.ColumnKernels;
import neuralglm.linalg.FloatColumnKernels;
import neuralglm.linalg.Kernels;
import org.ejml.data.DMatrixRMaj;

/**
 * GFLOP/s of the three products of backpropagation through one affine layer (n rows, in -&gt; out):
 * forward {@code X W^T + b}, weight gradient {@code dY^T X}, input gradient {@code dY W}, on the
 * notebook's and the large workload's shapes. Each is timed over batches of calls long enough to
 * span about 20 ms of the thread's CPU time (not wall time: the machine is shared), after a warm-up of 0.5 s; min and median over {@code --reps} batches
 * (default 15); {@code --json} prints one JSON line per product; {@code --columns} adds the column pass's
 * kernels ({@code ColumnKernels}, and {@code FloatColumnKernels} for float32) on the same shapes. FLOPs counted as 2 n in out per product.
 */
final class KernelBench {

    private static boolean json;

    private KernelBench() {
    }

    static final int[][] SHAPES = {{400, 1, 30}, {400, 30, 20}, {400, 20, 1}, {400, 20, 2}, {256, 20, 64}, {256, 64, 64}, {256, 64, 1}};

    static void run(BenchArgs a) {
        final int reps = a.integer("reps", 15);
        json = a.flag("json");
        final boolean columns = a.flag("columns");
        if (!json) {
            System.out.println("kernels: " + (Kernels.vectorised() ? "Vector API (VectorGemm)" : "plain Java (RowGemm, Gemm where narrow)"));
            System.out.printf(Locale.ROOT, "%-14s %-12s %10s %10s%n", "n x in -> out", "product", "min GF/s", "med GF/s");
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
            if (columns) {
                // the column pass's kernels on the same numbers stored by columns, in double and in float
                final double[][] xT = columns(x, n, in), yT = new double[out][n], dyT = columns(dy, n, out), dxT = new double[in][n];
                final float[][] xF = floats(xT), yF = new float[out][n], dyF = floats(dyT), dxF = new float[in][n];
                final float[] wF = floats(new double[][] {w})[0], bF = floats(new double[][] {b})[0];
                report(shape, "col X W^T+b", flops, reps, () -> ColumnKernels.affine(xT, n, in, w, out, b, yT));
                report(shape, "col dY^T X", flops, reps, () -> ColumnKernels.affineGrad(dyT, n, out, xT, in, dw, db));
                report(shape, "col dY W", flops, reps, () -> ColumnKernels.inputGrad(dyT, n, out, w, in, dxT));
                report(shape, "f32 X W^T+b", flops, reps, () -> FloatColumnKernels.affine(xF, n, in, wF, out, bF, yF));
                report(shape, "f32 dY^T X", flops, reps, () -> FloatColumnKernels.affineGrad(dyF, n, out, xF, in, dw, db));
                report(shape, "f32 dY W", flops, reps, () -> FloatColumnKernels.inputGrad(dyF, n, out, wF, in, dxF));
            }
        }
    }

    private static double[][] columns(double[] m, int n, int c) {
        final double[][] t = new double[c][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < c; k++) {
                t[k][i] = m[i * c + k];
            }
        }
        return t;
    }

    private static float[][] floats(double[][] a) {
        final float[][] f = new float[a.length][];
        for (int r = 0; r < a.length; r++) {
            f[r] = new float[a[r].length];
            for (int i = 0; i < f[r].length; i++) {
                f[r][i] = (float) a[r][i];
            }
        }
        return f;
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
        System.out.printf(Locale.ROOT, "%-14s %-12s %10.2f %10.2f%n", shape, what, st.min, st.median);
    }

    private static double[] gauss(Random rng, int len) {
        final double[] v = new double[len];
        for (int i = 0; i < len; i++) {
            v[i] = rng.nextGaussian();
        }
        return v;
    }
}

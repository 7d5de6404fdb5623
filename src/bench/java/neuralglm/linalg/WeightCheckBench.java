package neuralglm.linalg;

import java.util.Locale;
import java.util.Random;

/**
 * {@code weight-checks}: the products' test of a 64 x 64 weight before they leave out zero terms
 * ({@code sum w * 0 == 0}, every entry finite), in the scalar loop ({@link ZeroTerms#finite}) and on vectors
 * ({@link VectorRowKernels#finite}, with the Vector API module). A 64-unit layer asks it twice a training step (the
 * forward product and the input gradient) and once per block of the final pass; the table gives the time of one call,
 * each column's minimum and median over the rounds, side by side in one run.
 */
public final class WeightCheckBench {

    private WeightCheckBench() {
    }

    /**
     * @param rounds the rounds of 100,000 calls each
     */
    public static void run(int rounds) {
        if (!Kernels.useVectorApi()) {
            System.out.println("weight-checks: the Vector API module is not available: " + VectorModule.failure());
            return;
        }
        final double[] w = new double[64 * 64 + 8];
        final Random rng = new Random(1);
        for (int i = 0; i < w.length; i++) {
            w[i] = rng.nextGaussian();
        }
        final int calls = 100_000;
        final double[][] us = new double[2][rounds];
        int finite = 0;
        for (int r = -3; r < rounds; r++) {   // three rounds to compile both
            final long t0 = System.nanoTime();
            for (int k = 0; k < calls; k++) {
                finite += ZeroTerms.finite(w, k & 7, (k & 7) + 64 * 64) ? 1 : 0;
            }
            final long t1 = System.nanoTime();
            for (int k = 0; k < calls; k++) {
                finite += VectorRowKernels.finite(w, k & 7, (k & 7) + 64 * 64) ? 1 : 0;
            }
            final long t2 = System.nanoTime();
            if (r >= 0) {
                us[0][r] = (t1 - t0) / 1e3 / calls;
                us[1][r] = (t2 - t1) / 1e3 / calls;
            }
        }
        for (double[] v : us) {
            java.util.Arrays.sort(v);
        }
        System.out.printf(Locale.ROOT, "weight-checks, 64 x 64 weight, us per call (%d rounds of %d calls; %d finite)%n",
                rounds, calls, finite);
        System.out.printf(Locale.ROOT, "  scalar loop   min %.3f  med %.3f%n", us[0][0], us[0][rounds / 2]);
        System.out.printf(Locale.ROOT, "  vectors       min %.3f  med %.3f%n", us[1][0], us[1][rounds / 2]);
        System.out.printf(Locale.ROOT, "  scalar / vectors, medians %.2f%n", us[0][rounds / 2] / us[1][rounds / 2]);
    }
}

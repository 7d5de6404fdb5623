package neuralglm.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Random;

/**
 * What a row loop of {@code t[j] = fma(x5, b5[j], ... fma(x0, b0[j], t[j]))} costs per call on rows of 64 (the large
 * workload's hidden rows) against the same multiply-adds on longer rows, in the default JVM: every case makes 16,384
 * entries of t take 36 terms each, from 32 KB of b rows (so each case reads as much cache). Cases: rows of 64, 256 and
 * 512 with six terms per pass; rows of 64 with nine and with twelve terms per pass; rows of 64 with 32 terms (five
 * passes of six, one of two) and a ReLU, as a pass of its own or in the last pass. Each case has its own copy of the
 * loop (C2 shapes a loop by the trip counts its method has seen). Thread CPU time per case, after a warm-up of 0.4 s a
 * case, min and median over {@code --reps} rounds of 200 calls (default 9), the cases alternated within each round.
 */
final class RowLoopBench {

    private RowLoopBench() {
    }

    static void run(BenchArgs a) {
        final int reps = a.integer("reps", 9);
        final Random rng = new Random(1);
        final double[] s = new double[36];
        for (int i = 0; i < s.length; i++) {
            s[i] = rng.nextGaussian() * 1e-3;
        }
        final double[][] t64 = rows(rng, 256, 64), b64 = rows(rng, 64, 64);
        final double[][] t256 = rows(rng, 64, 256), b256 = rows(rng, 16, 256);
        final double[][] t512 = rows(rng, 32, 512), b512 = rows(rng, 8, 512);
        final String[] names = {"rows 64, 6 terms/pass", "rows 256, 6 terms/pass", "rows 512, 6 terms/pass", "rows 64, 9 terms/pass",
            "rows 64, 12 terms/pass", "rows 64, 32 terms + ReLU pass", "rows 64, 32 terms, ReLU in last"};
        final Runnable[] cases = {
            () -> six64(t64, b64, s),
            () -> six256(t256, b256, s),
            () -> six512(t512, b512, s),
            () -> nine64(t64, b64, s),
            () -> twelve64(t64, b64, s),
            () -> reluApart(t64, b64, s),
            () -> reluInLast(t64, b64, s),
        };
        final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (Runnable c : cases) {
            final long end = mx.getCurrentThreadCpuTime() + 400_000_000L;
            while (mx.getCurrentThreadCpuTime() < end) {
                c.run();
            }
        }
        final double[][] us = new double[cases.length][reps];
        for (int rep = 0; rep < reps; rep++) {
            for (int k = 0; k < cases.length; k++) {
                final long t0 = mx.getCurrentThreadCpuTime();
                for (int c = 0; c < 200; c++) {
                    cases[k].run();
                }
                us[k][rep] = (mx.getCurrentThreadCpuTime() - t0) / 200.0 / 1000.0;
            }
        }
        for (int k = 0; k < cases.length; k++) {
            final double[] v = us[k].clone();
            java.util.Arrays.sort(v);
            System.out.printf(Locale.ROOT, "%-32s min %7.2f us  med %7.2f us%n", names[k], v[0], v[v.length / 2]);
        }
    }

    private static double[][] rows(Random rng, int count, int len) {
        final double[][] r = new double[count][len];
        for (double[] row : r) {
            for (int i = 0; i < len; i++) {
                row[i] = rng.nextGaussian();
            }
        }
        return r;
    }

    private static void six64(double[][] t, double[][] b, double[] s) {
        for (int i = 0; i < t.length; i++) {
            for (int q = 0; q < 36; q += 6) {
                final int k = i + q;
                fma6a(s[q], b[k & 63], s[q + 1], b[(k + 1) & 63], s[q + 2], b[(k + 2) & 63], s[q + 3], b[(k + 3) & 63],
                        s[q + 4], b[(k + 4) & 63], s[q + 5], b[(k + 5) & 63], t[i], 64);
            }
        }
    }

    private static void six256(double[][] t, double[][] b, double[] s) {
        for (int i = 0; i < t.length; i++) {
            for (int q = 0; q < 36; q += 6) {
                final int k = i + q;
                fma6b(s[q], b[k & 15], s[q + 1], b[(k + 1) & 15], s[q + 2], b[(k + 2) & 15], s[q + 3], b[(k + 3) & 15],
                        s[q + 4], b[(k + 4) & 15], s[q + 5], b[(k + 5) & 15], t[i], 256);
            }
        }
    }

    private static void six512(double[][] t, double[][] b, double[] s) {
        for (int i = 0; i < t.length; i++) {
            for (int q = 0; q < 36; q += 6) {
                final int k = i + q;
                fma6c(s[q], b[k & 7], s[q + 1], b[(k + 1) & 7], s[q + 2], b[(k + 2) & 7], s[q + 3], b[(k + 3) & 7],
                        s[q + 4], b[(k + 4) & 7], s[q + 5], b[(k + 5) & 7], t[i], 512);
            }
        }
    }

    private static void nine64(double[][] t, double[][] b, double[] s) {
        for (int i = 0; i < t.length; i++) {
            for (int q = 0; q < 36; q += 9) {
                final int k = i + q;
                fma9(s[q], b[k & 63], s[q + 1], b[(k + 1) & 63], s[q + 2], b[(k + 2) & 63], s[q + 3], b[(k + 3) & 63],
                        s[q + 4], b[(k + 4) & 63], s[q + 5], b[(k + 5) & 63], s[q + 6], b[(k + 6) & 63], s[q + 7], b[(k + 7) & 63],
                        s[q + 8], b[(k + 8) & 63], t[i], 64);
            }
        }
    }

    private static void twelve64(double[][] t, double[][] b, double[] s) {
        for (int i = 0; i < t.length; i++) {
            for (int q = 0; q < 36; q += 12) {
                final int k = i + q;
                fma12(s[q], b[k & 63], s[q + 1], b[(k + 1) & 63], s[q + 2], b[(k + 2) & 63], s[q + 3], b[(k + 3) & 63],
                        s[q + 4], b[(k + 4) & 63], s[q + 5], b[(k + 5) & 63], s[q + 6], b[(k + 6) & 63], s[q + 7], b[(k + 7) & 63],
                        s[q + 8], b[(k + 8) & 63], s[q + 9], b[(k + 9) & 63], s[q + 10], b[(k + 10) & 63], s[q + 11], b[(k + 11) & 63],
                        t[i], 64);
            }
        }
    }

    private static void reluApart(double[][] t, double[][] b, double[] s) {
        for (int i = 0; i < t.length; i++) {
            for (int q = 0; q < 30; q += 6) {
                final int k = i + q;
                fma6d(s[q], b[k & 63], s[q + 1], b[(k + 1) & 63], s[q + 2], b[(k + 2) & 63], s[q + 3], b[(k + 3) & 63],
                        s[q + 4], b[(k + 4) & 63], s[q + 5], b[(k + 5) & 63], t[i], 64);
            }
            fma2(s[30], b[(i + 30) & 63], s[31], b[(i + 31) & 63], t[i], 64);
            relu(t[i], 64);
        }
    }

    private static void reluInLast(double[][] t, double[][] b, double[] s) {
        for (int i = 0; i < t.length; i++) {
            for (int q = 0; q < 30; q += 6) {
                final int k = i + q;
                fma6e(s[q], b[k & 63], s[q + 1], b[(k + 1) & 63], s[q + 2], b[(k + 2) & 63], s[q + 3], b[(k + 3) & 63],
                        s[q + 4], b[(k + 4) & 63], s[q + 5], b[(k + 5) & 63], t[i], 64);
            }
            fma2Relu(s[30], b[(i + 30) & 63], s[31], b[(i + 31) & 63], t[i], 64);
        }
    }

    // five copies of the six-term loop, one per case

    private static void fma6a(double x0, double[] b0, double x1, double[] b1, double x2, double[] b2, double x3, double[] b3,
                              double x4, double[] b4, double x5, double[] b5, double[] t, int m) {
        for (int j = 0; j < m; j++) {
            t[j] = Math.fma(x5, b5[j], Math.fma(x4, b4[j], Math.fma(x3, b3[j], Math.fma(x2, b2[j], Math.fma(x1, b1[j],
                    Math.fma(x0, b0[j], t[j]))))));
        }
    }

    private static void fma6b(double x0, double[] b0, double x1, double[] b1, double x2, double[] b2, double x3, double[] b3,
                              double x4, double[] b4, double x5, double[] b5, double[] t, int m) {
        for (int j = 0; j < m; j++) {
            t[j] = Math.fma(x5, b5[j], Math.fma(x4, b4[j], Math.fma(x3, b3[j], Math.fma(x2, b2[j], Math.fma(x1, b1[j],
                    Math.fma(x0, b0[j], t[j]))))));
        }
    }

    private static void fma6c(double x0, double[] b0, double x1, double[] b1, double x2, double[] b2, double x3, double[] b3,
                              double x4, double[] b4, double x5, double[] b5, double[] t, int m) {
        for (int j = 0; j < m; j++) {
            t[j] = Math.fma(x5, b5[j], Math.fma(x4, b4[j], Math.fma(x3, b3[j], Math.fma(x2, b2[j], Math.fma(x1, b1[j],
                    Math.fma(x0, b0[j], t[j]))))));
        }
    }

    private static void fma6d(double x0, double[] b0, double x1, double[] b1, double x2, double[] b2, double x3, double[] b3,
                              double x4, double[] b4, double x5, double[] b5, double[] t, int m) {
        for (int j = 0; j < m; j++) {
            t[j] = Math.fma(x5, b5[j], Math.fma(x4, b4[j], Math.fma(x3, b3[j], Math.fma(x2, b2[j], Math.fma(x1, b1[j],
                    Math.fma(x0, b0[j], t[j]))))));
        }
    }

    private static void fma6e(double x0, double[] b0, double x1, double[] b1, double x2, double[] b2, double x3, double[] b3,
                              double x4, double[] b4, double x5, double[] b5, double[] t, int m) {
        for (int j = 0; j < m; j++) {
            t[j] = Math.fma(x5, b5[j], Math.fma(x4, b4[j], Math.fma(x3, b3[j], Math.fma(x2, b2[j], Math.fma(x1, b1[j],
                    Math.fma(x0, b0[j], t[j]))))));
        }
    }

    private static void fma9(double x0, double[] b0, double x1, double[] b1, double x2, double[] b2, double x3, double[] b3,
                             double x4, double[] b4, double x5, double[] b5, double x6, double[] b6, double x7, double[] b7,
                             double x8, double[] b8, double[] t, int m) {
        for (int j = 0; j < m; j++) {
            t[j] = Math.fma(x8, b8[j], Math.fma(x7, b7[j], Math.fma(x6, b6[j], Math.fma(x5, b5[j], Math.fma(x4, b4[j],
                    Math.fma(x3, b3[j], Math.fma(x2, b2[j], Math.fma(x1, b1[j], Math.fma(x0, b0[j], t[j])))))))));
        }
    }

    private static void fma12(double x0, double[] b0, double x1, double[] b1, double x2, double[] b2, double x3, double[] b3,
                              double x4, double[] b4, double x5, double[] b5, double x6, double[] b6, double x7, double[] b7,
                              double x8, double[] b8, double x9, double[] b9, double x10, double[] b10, double x11, double[] b11,
                              double[] t, int m) {
        for (int j = 0; j < m; j++) {
            t[j] = Math.fma(x11, b11[j], Math.fma(x10, b10[j], Math.fma(x9, b9[j], Math.fma(x8, b8[j], Math.fma(x7, b7[j],
                    Math.fma(x6, b6[j], Math.fma(x5, b5[j], Math.fma(x4, b4[j], Math.fma(x3, b3[j], Math.fma(x2, b2[j],
                    Math.fma(x1, b1[j], Math.fma(x0, b0[j], t[j]))))))))))));
        }
    }

    private static void fma2(double x0, double[] b0, double x1, double[] b1, double[] t, int m) {
        for (int j = 0; j < m; j++) {
            t[j] = Math.fma(x1, b1[j], Math.fma(x0, b0[j], t[j]));
        }
    }

    private static void fma2Relu(double x0, double[] b0, double x1, double[] b1, double[] t, int m) {
        for (int j = 0; j < m; j++) {
            t[j] = Math.max(Math.fma(x1, b1[j], Math.fma(x0, b0[j], t[j])), 0.0);
        }
    }

    private static void relu(double[] t, int m) {
        for (int j = 0; j < m; j++) {
            t[j] = Math.max(t[j], 0.0);
        }
    }
}

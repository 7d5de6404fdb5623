package neuralglm.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link VectorRowKernels#rowsTimes} (the Vector API's register-held rows) against {@link RowKernels#rowsTimes} (C2's
 * loops, checked against the fused multiply-add chains written out in {@link RowKernelsTest}): every bit of every entry,
 * the signs of zeros included, and the same masks of nonzero terms; for every mode (plain, ReLU, the step of a ReLU's
 * outputs), A as rows and as one array, with and without a start row, with B from each of the 8 offsets in its array,
 * and widths that take eight-vector blocks, single vectors and scalar columns. Then the cases where no term may be left
 * out: a -0 start, an infinite weight, no zero in A's first rows.
 */
class VectorRowKernelsTest {

    @ParameterizedTest
    @CsvSource({"300,64,64", "40,20,64", "33,13,9", "50,7,30", "17,64,130", "5,2,8", "23,11,71", "9,64,1", "70,33,72",
            "40,64,96", "20,32,32", "40,1,64", "64,1,32"})
    void equalsTheRowKernelsToTheBit(int n, int p, int m) {
        assumeTrue(Kernels.vectorised(), "the Vector API module is not loaded");
        final Random rng = new Random(31L * n + 7L * p + m);
        final double[][] a = RowKernelsTest.sparse(rng, n, p), b = RowKernelsTest.sparse(rng, p, m);
        final double[][] y = RowKernelsTest.sparse(rng, n, m);
        final double[] z = RowKernelsTest.sparse(rng, 1, m)[0];
        for (int j = 0; j < m; j++) {
            z[j] = Math.abs(z[j]);   // no -0: zero terms are left out
        }
        for (int off = 0; off < 8; off++) {
            compare(a, n, p, b, m, z, y, off, true);
        }
        // a -0 start, then an infinite weight: every term taken
        z[m - 1] = -0.0;
        compare(a, n, p, b, m, z, y, 3, false);
        z[m - 1] = 1.0;
        b[p - 1][0] = Double.POSITIVE_INFINITY;
        compare(a, n, p, b, m, z, y, 5, false);
        // no zero among A's first rows: every term taken, NaN and infinities after them
        b[p - 1][0] = 0.5;
        for (int i = 0; i < Math.min(n, RowKernels.PROBE); i++) {
            for (int k = 0; k < p; k++) {
                a[i][k] = rng.nextGaussian();
            }
        }
        if (n > RowKernels.PROBE + 2) {
            a[RowKernels.PROBE][0] = Double.NaN;
            a[RowKernels.PROBE + 1][p - 1] = Double.NEGATIVE_INFINITY;
        }
        compare(a, n, p, b, m, z, y, 0, false);
    }

    /** Both kernels in every mode; {@code skips}: whether zero terms are to be left out (masks returned). */
    private static void compare(double[][] a, int n, int p, double[][] b, int m, double[] z, double[][] y, int off,
                                boolean skips) {
        final double[] line = new double[off + p * m + 3];
        java.util.Arrays.fill(line, Double.NaN);   // entries outside B must not be read
        for (int k = 0; k < p; k++) {
            System.arraycopy(b[k], 0, line, off + k * m, m);
        }
        final double[] aFlat = new double[n * p];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, aFlat, i * p, p);
        }
        // the flat forward product (prediction: Kernels.affine) against RowGemm's, which leaves out zero terms by the same rules
        final double[] bt = new double[p * m];
        for (int k = 0; k < p; k++) {
            System.arraycopy(b[k], 0, bt, k * m, m);
        }
        for (double[] start : new double[][] {z, null}) {
            final double[] want = new double[n * m], got = new double[n * m];
            RowGemm.axb(aFlat, n, p, bt, m, start, want);
            VectorRowKernels.affine(aFlat, n, p, line, off, m, start, got, false);
            for (int e = 0; e < n * m; e++) {
                assertEquals(Double.doubleToRawLongBits(want[e]), Double.doubleToRawLongBits(got[e]),
                        "affine, n " + n + ", p " + p + ", m " + m + ", offset " + off + ", entry " + e + ": " + want[e] + " against " + got[e]);
            }
        }
        for (int mode = 0; mode < 3; mode++) {
            for (int form = 0; form < 2; form++) {
                final boolean relu = mode == 1;
                final double[][] step = mode == 2 ? y : null;
                final double[][] rows = form == 0 ? a : null;
                final double[] flat = form == 0 ? null : aFlat;
                final double[] start = form == 0 ? z : null;
                final double[][] want = new double[n][m], got = new double[n][m];
                final long[] wantMasks = new long[n], gotMasks = new long[n];
                final boolean wantMasked = RowKernels.rowsTimes(rows, flat, n, p, b, m, start, want, relu, step, new int[p], wantMasks);
                final boolean gotMasked = VectorRowKernels.rowsTimes(rows, flat, n, p, line, off, m, start, got, relu, step, gotMasks);
                final String what = "n " + n + ", p " + p + ", m " + m + ", offset " + off + ", mode " + mode + ", form " + form;
                // one term through a ReLU's step from no start (the input gradient of a one-output layer): RowKernels
                // takes it in one pass with every term and returns no masks; the masks the vector kernel returns are
                // then checked against the terms themselves
                final boolean oneTerm = p == 1 && start == null && step != null;
                if (!oneTerm) {
                    assertEquals(wantMasked, gotMasked, what + ": masks returned");
                }
                if (form == 0 && start != null) {
                    assertEquals(skips, gotMasked, what + ": zero terms left out");
                }
                for (int i = 0; i < n; i++) {
                    if (wantMasked) {
                        assertEquals(wantMasks[i], gotMasks[i], what + ": mask of row " + i);
                    } else if (oneTerm && gotMasked) {
                        assertEquals(a[i][0] != 0.0 ? 1L : 0L, gotMasks[i], what + ": mask of row " + i);
                    }
                    for (int j = 0; j < m; j++) {
                        if (Double.doubleToRawLongBits(want[i][j]) != Double.doubleToRawLongBits(got[i][j])) {
                            assertEquals(want[i][j], got[i][j], what + ": entry " + i + ", " + j);
                            assertEquals(Double.doubleToRawLongBits(want[i][j]), Double.doubleToRawLongBits(got[i][j]),
                                    what + ": the sign of entry " + i + ", " + j);
                        }
                    }
                }
            }
        }
    }

    /**
     * The masked weight gradient (zero gradients left out, the rows' masks given) and the transposed one (every term, with
     * the bias gradient as a row of factors 1) against RowKernels' to the bit, over blocks of 64 examples and their
     * remainders, widths with eight-vector blocks, single vectors and scalar columns, and the line buffer at every offset.
     */
    @ParameterizedTest
    @CsvSource({"300,64,64", "64,64,64", "65,64,20", "17,40,72", "200,20,64", "130,64,9", "9,3,130", "70,64,1",
            "150,64,96", "70,32,40", "66,1,64"})
    void weightGradientsEqualTheRowKernelsToTheBit(int n, int m, int p) {
        assumeTrue(Kernels.vectorised(), "the Vector API module is not loaded");
        final Random rng = new Random(17L * n + 5L * m + p);
        final double[][] g = RowKernelsTest.sparse(rng, n, m), x = RowKernelsTest.sparse(rng, n, p);
        final double[][] c0 = RowKernelsTest.sparse(rng, m, p);
        for (int i = 0; i < n; i++) {
            g[i][0] = 0.0;   // a unit with no gradient
        }
        final long[] masks = new long[n];
        for (int i = 0; i < n; i++) {
            masks[i] = ZeroTerms.nonZeroMask(g[i], 0, m);
        }
        // zero gradients left out (with the rows' masks given, and made by the kernel), then every term
        for (boolean skip : new boolean[] {true, false}) {
            final double[][] want = RowKernelsTest.copy(c0);
            RowKernels.weightGrad(g, n, m, x, p, want, skip, new int[m * RowKernels.BLOCK + 5], new int[m],
                    masks, new long[64]);
            for (int pad = 0; pad < 8; pad++) {
                final double[][] got = RowKernelsTest.copy(c0);
                final double[] line = new double[pad + 64 * p + 8];
                VectorRowKernels.weightGrad(g, n, m, x, p, got, skip, pad % 2 == 0 ? masks : null, new long[64], line);
                assertSameBits(want, got, "dW, skip " + skip + ", n " + n + ", m " + m + ", p " + p);
            }
        }
        // transposed: rows as long as the outputs (m), with and without the bias gradient, x as rows and as one array
        final double[][] ct0 = RowKernelsTest.sparse(rng, p, m);
        final double[] db0 = RowKernelsTest.sparse(rng, 1, m)[0];
        final double[] xFlat = new double[n * p];
        for (int i = 0; i < n; i++) {
            System.arraycopy(x[i], 0, xFlat, i * p, p);
        }
        for (int form = 0; form < 2; form++) {
            final double[][] wantT = RowKernelsTest.copy(ct0), gotT = RowKernelsTest.copy(ct0);
            final double[] wantDb = form == 0 ? db0.clone() : null, gotDb = form == 0 ? db0.clone() : null;
            RowKernels.weightGradT(form == 0 ? x : null, form == 0 ? null : xFlat, n, p, g, m, wantT, wantDb);
            VectorRowKernels.weightGradT(form == 0 ? x : null, form == 0 ? null : xFlat, n, p, g, m, gotT, gotDb,
                    new double[n * m + 8]);
            assertSameBits(wantT, gotT, "dW^T, form " + form + ", n " + n + ", m " + m + ", p " + p);
            if (form == 0) {
                assertSameBits(new double[][] {wantDb}, new double[][] {gotDb}, "db");
            }
        }
    }

    private static void assertSameBits(double[][] want, double[][] got, String what) {
        for (int r = 0; r < want.length; r++) {
            for (int k = 0; k < want[r].length; k++) {
                assertEquals(Double.doubleToRawLongBits(want[r][k]), Double.doubleToRawLongBits(got[r][k]),
                        what + ": entry " + r + ", " + k + " (" + want[r][k] + " against " + got[r][k] + ")");
            }
        }
    }


    /** A row's terms are one 64-bit mask: more are refused by name, not summed wrong (the callers give at most 64). */
    @org.junit.jupiter.api.Test
    void moreThan64TermsAreRefused() {
        assumeTrue(Kernels.vectorised(), "the Vector API module is not loaded");
        final IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> VectorRowKernels.affine(new double[2 * 65], 2, 65, new double[65 * 8 + 8], 0, 8, null,
                        new double[2 * 8], false));
        assertTrue(e.getMessage().contains("65"), e.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> VectorRowKernels.weightGrad(new double[2][65], 2, 65, new double[2][8], 8, new double[65][8], true,
                        null, new long[64], new double[64 * 8 + 8]));
    }

    /**
     * The vector mask of nonzero terms against {@link ZeroTerms#nonZeroMask} and against each entry's own test
     * ({@code x != 0}, true for NaN): every width 1 to 64 (whole vectors, a scalar tail, both), every offset 0 to 8,
     * with -0, subnormals of both signs, infinities and NaNs of other payloads among the values.
     */
    @Test
    void nonZeroMasksEqualTheScalarOnes() {
        assumeTrue(Kernels.vectorised(), "the Vector API module is not loaded");
        final Random rng = new Random(5);
        final double[] special = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.NaN, Double.longBitsToDouble(0xfff0000000000001L), 1.0, -2.5, Double.MAX_VALUE};
        final double[] a = new double[80];
        int compared = 0;
        for (int trial = 0; trial < 40; trial++) {
            for (int e = 0; e < a.length; e++) {
                a[e] = rng.nextInt(3) == 0 ? special[rng.nextInt(special.length)] : rng.nextBoolean() ? 0.0 : rng.nextGaussian();
            }
            for (int from = 0; from <= 8; from++) {
                for (int p = 1; p <= 64; p++) {
                    long want = 0L;
                    for (int k = 0; k < p; k++) {
                        if (a[from + k] != 0.0) {
                            want |= 1L << k;
                        }
                    }
                    assertEquals(want, ZeroTerms.nonZeroMask(a, from, p), "scalar, p " + p + " from " + from);
                    assertEquals(want, VectorRowKernels.nonZeroMask(a, from, p), "vector, p " + p + " from " + from);
                    compared++;
                }
            }
        }
        assertEquals(40 * 9 * 64, compared);
    }

    /**
     * The vector check of a weight's entries against each entry's own test ({@link Double#isFinite}) and the scalar
     * {@link ZeroTerms#finite}: lengths 0 to 300 from every offset 0 to 7 (whole blocks of four vectors, a scalar tail,
     * both), clean or with one infinity or NaN at a random place, -0 and the largest finite values among the entries.
     */
    @Test
    void finiteWeightsAsEachEntrySays() {
        assumeTrue(Kernels.vectorised(), "the Vector API module is not loaded");
        final Random rng = new Random(9);
        final double[] bad = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN,
            Double.longBitsToDouble(0x7ff0000000000001L)};
        final double[] w = new double[310];
        int finite = 0, infinite = 0;
        for (int trial = 0; trial < 600; trial++) {
            for (int e = 0; e < w.length; e++) {
                w[e] = rng.nextInt(10) == 0 ? (rng.nextBoolean() ? -0.0 : Double.MAX_VALUE) : rng.nextGaussian();
            }
            final int from = rng.nextInt(8), len = rng.nextInt(301);
            if (trial % 2 == 1 && len > 0) {
                w[from + rng.nextInt(len)] = bad[rng.nextInt(bad.length)];
            }
            boolean want = true;
            for (int e = from; e < from + len; e++) {
                want &= Double.isFinite(w[e]);
            }
            final String what = "trial " + trial + ", from " + from + ", length " + len;
            assertEquals(want, VectorRowKernels.finite(w, from, from + len), what);
            assertEquals(want, ZeroTerms.finite(w, from, from + len), what + " (scalar)");
            if (want) {
                finite++;
            } else {
                infinite++;
            }
        }
        assertTrue(finite > 200 && infinite > 200, finite + " finite, " + infinite + " not");
    }

    /** A line start is an index 0 to 7; on HotSpot the addresses are known, so starts are measured, not guessed. */
    @Test
    void lineStartsAreKnownOnHotSpot() {
        final double[] b = new double[100];
        final int s = Alignment.start(b);
        assertTrue(s >= 0 && s < 8, "start " + s);
        assumeTrue(hotSpot(), "not HotSpot");
        assertTrue(Alignment.known(), "the compressed references' shift was not found");
        // arrays of 64 bytes' payload + 16 header, allocated in a row, move their starts by 2 entries each (mod 8)
        final double[][] run = new double[8][];
        for (int r = 0; r < run.length; r++) {
            run[r] = new double[8];
        }
        int agree = 0;
        for (int r = 1; r < run.length; r++) {
            if (Alignment.start(run[r]) == ((Alignment.start(run[r - 1]) - 2) & 7)) {
                agree++;
            }
        }
        assertTrue(agree >= run.length - 3, agree + " of " + (run.length - 1) + " consecutive arrays 80 bytes apart");
    }

    private static boolean hotSpot() {
        try {
            return java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class) != null;
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}

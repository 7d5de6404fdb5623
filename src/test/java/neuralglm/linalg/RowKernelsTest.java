package neuralglm.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link RowKernels}' products on row arrays against their definitions written out here (each entry a chain of fused
 * multiply-adds from its start in ascending order of the inner index, over every term; a ReLU as {@code max(s, 0)}, its
 * step as {@code s * min(y 2^1023 2^1023, 1)}; column sums as plain adds): to the bit, the sign of a zero result aside
 * where zero terms are left out, and with its sign where every term must be taken (a -0 bias, a non-finite weight).
 * Inputs: three eighths 0, one eighth -0, the rest standard normal; given as rows and as one row-major array.
 */
class RowKernelsTest {

    private static final double T = 0x1p1023;

    @ParameterizedTest
    @CsvSource({"1,64,64", "17,64,64", "300,64,64", "40,20,64", "33,13,9", "50,7,30", "64,64,1", "5,1,64", "23,11,8"})
    void rowsTimesIsTheChainOfFusedMultiplyAdds(int n, int p, int m) {
        final Random rng = new Random(11L * n + 3L * p + m);
        final double[][] a = sparse(rng, n, p), b = sparse(rng, p, m), y = sparse(rng, n, m);
        for (int k = 0; k < p; k++) {
            a[0][k] = 0.0;   // a first row of zeros
        }
        final double[] z = sparse(rng, 1, m)[0];
        final double[][] c = new double[n][m];
        final int[] idx = new int[p];
        rowsTimesInEveryMode(a, n, p, b, m, z, c, y, idx, false);
        // a -0 start: every term taken, so the signs of zero sums are the definition's too
        z[0] = -0.0;
        RowKernels.rowsTimes(a, null, n, p, b, m, z, c, false, null, idx);
        assertRows(a, n, p, b, m, z, c, false, null, true);
        // a non-finite weight: 0 * Inf is NaN in the definition, and in the kernel
        z[0] = 1.0;
        b[0][0] = Double.POSITIVE_INFINITY;
        RowKernels.rowsTimes(a, null, n, p, b, m, z, c, false, null, idx);
        assertRows(a, n, p, b, m, z, c, false, null, true);
        assertTrue(Double.isNaN(c[0][0]), "0 * Inf in the first row");
    }

    /**
     * rowsTimes with A as row arrays (and bias z) and as one flat array (no bias), plain, with a ReLU and with the step of
     * y, each checked against the chains written out ({@link #assertRows}; signs: whether zero signs are compared too).
     */
    private static void rowsTimesInEveryMode(double[][] a, int n, int p, double[][] b, int m, double[] z, double[][] c,
                                             double[][] y, int[] idx, boolean signs) {
        for (int mode = 0; mode < 3; mode++) {
            final boolean relu = mode == 1;
            final double[][] step = mode == 2 ? y : null;
            RowKernels.rowsTimes(a, null, n, p, b, m, z, c, relu, step, idx);
            assertRows(a, n, p, b, m, z, c, relu, step, signs);
            RowKernels.rowsTimes(null, flat(a, p), n, p, b, m, null, c, relu, step, idx);
            assertRows(a, n, p, b, m, null, c, relu, step, signs);
        }
    }

    /**
     * No zero in the first {@link RowKernels#PROBE} rows of A: every term taken, three rows at a time from the same rows
     * of B (and the rows left over one at a time); zeros, -0, NaN and infinities after those rows; every row count and
     * number of terms modulo 3. Every bit, the signs of zeros included.
     */
    @ParameterizedTest
    @CsvSource({"1,1,64", "2,2,64", "3,3,64", "4,4,9", "5,5,64", "7,20,64", "8,64,64", "17,19,1", "20,64,13", "50,6,64",
            "31,7,8"})
    void rowsTimesOnDenseRowsIsTheChainOfFusedMultiplyAdds(int n, int p, int m) {
        final Random rng = new Random(13L * n + 5L * p + m);
        final double[][] a = sparse(rng, n, p), b = sparse(rng, p, m), y = sparse(rng, n, m);
        for (int i = 0; i < Math.min(n, RowKernels.PROBE); i++) {
            for (int k = 0; k < p; k++) {
                a[i][k] = rng.nextGaussian();
            }
        }
        if (n > RowKernels.PROBE + 2) {
            a[RowKernels.PROBE][0] = Double.NaN;
            a[RowKernels.PROBE + 1][p - 1] = Double.POSITIVE_INFINITY;
        }
        final double[] z = sparse(rng, 1, m)[0];
        final double[][] c = new double[n][m];
        final int[] idx = new int[p];
        rowsTimesInEveryMode(a, n, p, b, m, z, c, y, idx, true);
    }

    /**
     * Rows of exactly {@link RowKernels#ROW} entries (a loop of constant length) and of one fewer or more: row i of A has
     * its first i % 14 entries nonzero, so every number of passes of six terms and every rest (0 to 5 terms) is taken, in
     * the products with zero terms left out and in the weight gradient, whose unit j has the examples i with i % 14 &gt; j.
     */
    @ParameterizedTest
    @CsvSource({"64", "63", "65"})
    void rowsOfEveryTermCountAreTheChains(int width) {
        final Random rng = new Random(width);
        final int n = 42, p = 14;
        final double[][] a = new double[n][p], b = sparse(rng, p, width), y = sparse(rng, n, width);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < i % p; k++) {
                a[i][k] = rng.nextGaussian();
            }
        }
        final double[] z = sparse(rng, 1, width)[0];
        for (int j = 0; j < width; j++) {
            z[j] = Math.abs(z[j]);   // no -0: zero terms are left out
        }
        rowsTimesInEveryMode(a, n, p, b, width, z, new double[n][width], y, new int[p], false);
        // the weight gradient dW += A^T X (units: A's p columns; rows of dW as long as X's)
        final double[][] x = sparse(rng, n, width), c0 = sparse(rng, p, width), c = copy(c0);
        RowKernels.weightGrad(a, n, p, x, width, c, true, new int[p * RowKernels.BLOCK + 5], new int[p]);
        assertGradient(a, n, p, x, width, c0, c, false);
    }

    @ParameterizedTest
    @CsvSource({"1,64,3", "17,3,64", "300,5,20", "9,7,1", "300,64,1", "23,20,1", "7,5,1", "16,1,1"})
    void narrowAffineIsTheDotProduct(int n, int p, int m) {
        final Random rng = new Random(7L * n + p + 13L * m);
        final double[][] a = sparse(rng, n, p), w = sparse(rng, m, p), c = new double[n][m];
        final double[] z = sparse(rng, 1, m)[0];
        for (int pass = 0; pass < 2; pass++) {
            for (double[] row : c) {
                java.util.Arrays.fill(row, Double.NaN);   // each pass writes every entry
            }
            if (pass == 0) {
                RowKernels.narrowAffine(a, null, n, p, flat(w, p), m, z, c);
            } else {
                RowKernels.narrowAffine(null, flat(a, p), n, p, flat(w, p), m, z, c);
            }
            final double[][] bt = new double[p][m];
            for (int j = 0; j < m; j++) {
                for (int k = 0; k < p; k++) {
                    bt[k][j] = w[j][k];
                }
            }
            assertRows(a, n, p, bt, m, z, c, false, null, true);
        }
    }

    /** {@code C += G^T X} with zeros in G (the gradient after a ReLU), x finite (zero terms left out) or not (all taken). */
    @ParameterizedTest
    @CsvSource({"1,64,64", "17,64,64", "64,64,64", "65,64,64", "300,64,64", "200,20,64", "130,64,9", "70,1,64", "67,5,33", "2,2,64", "3,3,8"})
    void weightGradientsAreTheChains(int n, int m, int p) {
        final Random rng = new Random(5L * n + 7L * m + p);
        final double[][] g = sparse(rng, n, m), x = sparse(rng, n, p), c0 = sparse(rng, m, p);
        for (int i = 0; i < n; i++) {
            g[i][0] = 0.0;   // a unit with no gradient
        }
        final int[] lists = new int[m * RowKernels.BLOCK + 5], counts = new int[m];
        for (boolean skip : new boolean[] {true, false}) {
            final double[][] c = copy(c0);
            RowKernels.weightGrad(g, n, m, x, p, c, skip, lists, counts);
            assertGradient(g, n, m, x, p, c0, c, !skip);
        }
        assertTrue(RowKernels.finite(x, n, p, new double[p]));
        x[n - 1][p - 1] = Double.NaN;
        assertFalse(RowKernels.finite(x, n, p, new double[p]));
        final double[][] d = copy(c0);
        RowKernels.weightGrad(g, n, m, x, p, d, false, lists, counts);
        assertGradient(g, n, m, x, p, c0, d, true);
        assertTrue(Double.isNaN(d[0][p - 1]), "0 * NaN in the unit without gradient");

        // transposed (rows as long as the outputs), with the column sums
        final double[][] ct0 = sparse(rng, p, m), ct = copy(ct0);
        final double[] db0 = sparse(rng, 1, m)[0], db = db0.clone();
        RowKernels.weightGradT(x, null, n, p, g, m, ct, db);
        final double[][] ctFlat = copy(ct0);
        RowKernels.weightGradT(null, flat(x, p), n, p, g, m, ctFlat, null);
        final double[] cs = db0.clone();
        RowKernels.columnSums(g, n, m, cs);
        for (int j = 0; j < m; j++) {
            double s = db0[j];
            for (int i = 0; i < n; i++) {
                s += g[i][j];
            }
            assertEquals(Double.doubleToLongBits(s), Double.doubleToLongBits(db[j]), "bias gradient " + j);
            assertEquals(Double.doubleToLongBits(s), Double.doubleToLongBits(cs[j]), "column sum " + j);
            for (int k = 0; k < p; k++) {
                double t = ct0[k][j];
                for (int i = 0; i < n; i++) {
                    t = Math.fma(x[i][k], g[i][j], t);
                }
                assertEquals(Double.doubleToLongBits(t), Double.doubleToLongBits(ct[k][j]), "transposed (" + k + ", " + j + ")");
                assertEquals(Double.doubleToLongBits(t), Double.doubleToLongBits(ctFlat[k][j]), "transposed, flat input");
            }
        }
    }

    /**
     * The finite check (four rows per pass and the rows left over): true on finite rows with negative entries and -0 (whose
     * products with 0 are -0), false for an infinity or NaN at each row and column, on every row count around the passes
     * of four; only the first m entries of the first count rows are looked at.
     */
    @org.junit.jupiter.api.Test
    void finiteFindsEveryNonFiniteEntry() {
        final Random rng = new Random(11);
        for (int n = 1; n <= 9; n++) {
            final int m = 5;
            final double[][] x = new double[n + 1][m + 2];
            for (double[] r : x) {
                for (int j = 0; j < r.length; j++) {
                    r[j] = -Math.abs(rng.nextGaussian()) * 1e300;
                }
                r[0] = -0.0;
            }
            x[n][0] = Double.NaN;                 // past count rows
            x[0][m] = Double.POSITIVE_INFINITY;   // past m entries
            final double[] check = new double[m];
            assertTrue(RowKernels.finite(x, n, m, check), "finite, n " + n);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    for (double v : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                        final double keep = x[i][j];
                        x[i][j] = v;
                        assertFalse(RowKernels.finite(x, n, m, check), v + " at (" + i + ", " + j + "), n " + n);
                        x[i][j] = keep;
                    }
                }
            }
        }
    }

    /** Bit c of row r becomes bit r of row c, for random, full and single-bit matrices. */
    @org.junit.jupiter.api.Test
    void transpose64TransposesTheBitMatrix() {
        final Random rng = new Random(64);
        for (int trial = 0; trial < 20; trial++) {
            final long[] a = new long[64];
            for (int r = 0; r < 64; r++) {
                a[r] = trial == 0 ? -1L : trial == 1 ? 1L << ((r * 7) & 63) : rng.nextLong();
            }
            final long[] t = a.clone();
            RowKernels.transpose64(t);
            for (int r = 0; r < 64; r++) {
                for (int c = 0; c < 64; c++) {
                    assertEquals((a[r] >>> c) & 1L, (t[c] >>> r) & 1L, "(" + r + ", " + c + ")");
                }
            }
        }
    }

    /**
     * The input gradient records its rows' nonzero terms as bits when it leaves zero terms out of rows of at most 64 (and
     * says so), and the weight gradient taking its units' examples from those bits (each block of 64 rows transposed)
     * takes the terms its own lists take, in the same order: every bit, zero signs included; NaN and infinite
     * gradients are taken (NaN and infinite products in the chains).
     */
    @ParameterizedTest
    @CsvSource({"1,64,64", "17,64,64", "64,64,64", "65,64,64", "300,64,64", "130,9,64", "70,1,33", "67,33,40", "200,64,20",
        "129,63,64"})
    void weightGradientFromTheInputGradientsMasksIsTheListedOne(int n, int m, int p) {
        final Random rng = new Random(3L * n + 11L * m + p);
        final double[][] g = sparse(rng, n, m), x = sparse(rng, n, p), c0 = sparse(rng, m, p), w = sparse(rng, m, 8);
        for (int k = 0; k < m; k++) {
            g[0][k] = 0.0;   // a zero in the first rows: zero terms are left out
        }
        if (n > 2) {
            g[n / 2][m - 1] = Double.NaN;
            g[n - 1][0] = Double.POSITIVE_INFINITY;
            g[1][m / 2] = Double.NEGATIVE_INFINITY;
        }
        final long[] masks = new long[n + 1];
        assertTrue(RowKernels.rowsTimes(g, null, n, m, w, 8, null, new double[n][8], false, null, new int[m], masks));
        assertRowsTimesMasks(g, n, m, masks);
        final int[] lists = new int[m * RowKernels.BLOCK + 5], counts = new int[m];
        final double[][] listed = copy(c0), masked = copy(c0);
        RowKernels.weightGrad(g, n, m, x, p, listed, true, lists, counts);
        RowKernels.weightGrad(g, n, m, x, p, masked, true, lists, counts, masks, new long[64]);
        for (int j = 0; j < m; j++) {
            for (int k = 0; k < p; k++) {
                assertEquals(Double.doubleToRawLongBits(listed[j][k]), Double.doubleToRawLongBits(masked[j][k]), "(" + j + ", " + k + ")");
            }
        }
        assertGradient(g, n, m, x, p, c0, masked, false);
        if (n > 2) {
            assertTrue(Double.isNaN(masked[m - 1][0]), "a NaN gradient taken");
        }
        // masks given without leave-out: every term
        final double[][] every = copy(c0);
        RowKernels.weightGrad(g, n, m, x, p, every, false, lists, counts, masks, new long[64]);
        assertGradient(g, n, m, x, p, c0, every, true);
    }

    /**
     * Rows whose zero terms are left out with NaN and infinities among their terms and in the step's outputs, each row's
     * first pass summed from the bias (or from zeros) and its last pass applying the ReLU or the step: the chains written
     * out, rows of 64 terms with every count of terms, for outputs of 64 (a constant trip count), 63 and 65.
     */
    @ParameterizedTest
    @CsvSource({"64", "63", "65"})
    void maskedRowsWithNonFiniteTermsAreTheChains(int m) {
        final Random rng = new Random(17L * m);
        final int n = 70, p = 64;
        final double[][] a = sparse(rng, n, p), b = sparse(rng, p, m), y = sparse(rng, n, m);
        for (int i = 0; i < n; i++) {
            for (int k = i; k < p; k++) {
                a[i][k] = 0.0;   // row i has at most i terms: every count of terms from 0 on
            }
        }
        a[20][3] = Double.NaN;
        a[40][7] = Double.POSITIVE_INFINITY;
        a[41][0] = Double.NEGATIVE_INFINITY;
        y[30][5] = Double.NaN;
        y[50][m - 1] = Double.POSITIVE_INFINITY;
        // a sum that underflows to -0 and then meets zero terms: taken they would give +0, left out it stays -0
        java.util.Arrays.fill(a[62], 0.0);
        a[62][1] = -1e-200;
        b[1][0] = 1e-200;
        final double[] z = sparse(rng, 1, m)[0];
        for (int j = 0; j < m; j++) {
            z[j] = Math.abs(z[j]);   // no -0: zero terms are left out
        }
        final long[] masks = new long[n];
        for (int mode = 0; mode < 3; mode++) {
            final boolean relu = mode == 1;
            final double[][] step = mode == 2 ? y : null;
            final double[][] c = new double[n][m], d = new double[n][m];
            assertTrue(RowKernels.rowsTimes(a, null, n, p, b, m, z, c, relu, step, new int[p], masks));
            assertRows(a, n, p, b, m, z, c, relu, step, false);
            assertRowsTimesMasks(a, n, p, masks);
            RowKernels.rowsTimes(null, flat(a, p), n, p, b, m, null, d, relu, step, new int[p]);
            assertRows(a, n, p, b, m, null, d, relu, step, false);
            assertTrue(Double.isNaN(c[20][0]) && Double.isNaN(d[20][0]), "a NaN term");
            // the zero terms left out, as the listed rows leave them out: every bit, the signs of zeros included
            assertRowsLeavingZerosOut(a, n, p, b, m, z, c, relu, step);
            assertRowsLeavingZerosOut(a, n, p, b, m, null, d, relu, step);
            if (mode == 0) {
                assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(d[62][0]), "the -0 sum kept");
            }
        }
    }

    /** No masks where rowsTimes takes every term (no zero in the first rows, a non-finite b) or the rows exceed 64 terms. */
    @org.junit.jupiter.api.Test
    void rowsTimesRecordsMasksOnlyWhereItLeavesZerosOut() {
        final Random rng = new Random(9);
        final double[][] a = sparse(rng, 40, 65), b = sparse(rng, 65, 8), c = new double[40][8];
        final long[] masks = new long[40];
        for (int k = 0; k < 65; k++) {
            a[0][k] = 0.0;
        }
        assertFalse(RowKernels.rowsTimes(a, null, 40, 65, b, 8, null, c, false, null, new int[65], masks), "65 terms");
        assertTrue(RowKernels.rowsTimes(a, null, 40, 64, b, 8, null, c, true, null, new int[65], masks), "64 terms");
        assertRowsTimesMasks(a, 40, 64, masks);
        assertRows(a, 40, 64, b, 8, null, c, true, null, false);
        assertFalse(RowKernels.rowsTimes(a, null, 40, 64, b, 8, null, c, false, null, new int[65], null), "no masks asked for");
        b[3][1] = Double.NaN;
        assertFalse(RowKernels.rowsTimes(a, null, 40, 64, b, 8, null, c, false, null, new int[65], masks), "a NaN in b");
        final double[][] dense = new double[40][64];
        for (double[] r : dense) {
            java.util.Arrays.fill(r, 0.5);
        }
        assertFalse(RowKernels.rowsTimes(dense, null, 40, 64, sparse(rng, 64, 8), 8, null, c, false, null, new int[64], masks),
                "no zeros");
    }

    private static void assertRowsTimesMasks(double[][] a, int n, int p, long[] masks) {
        for (int i = 0; i < n; i++) {
            long want = 0L;
            for (int k = 0; k < p; k++) {
                if (!(a[i][k] == 0.0)) {
                    want |= 1L << k;
                }
            }
            assertEquals(want, masks[i], "row " + i);
        }
    }

    private static void assertGradient(double[][] g, int n, int m, double[][] x, int p, double[][] c0, double[][] c, boolean signs) {
        for (int j = 0; j < m; j++) {
            for (int k = 0; k < p; k++) {
                double s = c0[j][k];
                for (int i = 0; i < n; i++) {
                    s = Math.fma(g[i][j], x[i][k], s);
                }
                assertSame(s, c[j][k], signs, "(" + j + ", " + k + ")");
            }
        }
    }

    private static void assertRows(double[][] a, int n, int p, double[][] b, int m, double[] z, double[][] c, boolean relu,
                                   double[][] step, boolean signs) {
        assertRows(a, n, p, b, m, z, c, relu, step, signs, false);
    }

    /** The chains written out, with the zero terms left out when {@code skipZeros}. */
    private static void assertRows(double[][] a, int n, int p, double[][] b, int m, double[] z, double[][] c, boolean relu,
                                   double[][] step, boolean signs, boolean skipZeros) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double s = z == null ? 0.0 : z[j];
                for (int k = 0; k < p; k++) {
                    if (!skipZeros || a[i][k] != 0.0) {
                        s = Math.fma(a[i][k], b[k][j], s);
                    }
                }
                if (relu) {
                    s = Math.max(s, 0.0);
                } else if (step != null) {
                    s = s * Math.min(step[i][j] * T * T, 1.0);
                }
                assertSame(s, c[i][j], signs, "(" + i + ", " + j + ")");
            }
        }
    }

    /** {@link #assertRows} with the terms whose {@code a[i][k]} is +-0 left out of the chains, every bit compared. */
    private static void assertRowsLeavingZerosOut(double[][] a, int n, int p, double[][] b, int m, double[] z, double[][] c,
                                                  boolean relu, double[][] step) {
        assertRows(a, n, p, b, m, z, c, relu, step, true, true);
    }

    private static void assertSame(double want, double got, boolean signs, String what) {
        if (signs) {
            assertEquals(Double.doubleToLongBits(want), Double.doubleToLongBits(got), what);
        } else {
            assertEquals(want, got, 0.0, what);
            if (want != 0.0) {
                assertEquals(Double.doubleToLongBits(want), Double.doubleToLongBits(got), what);
            }
        }
    }

    private static double[] flat(double[][] a, int p) {
        final double[] f = new double[a.length * p];
        for (int i = 0; i < a.length; i++) {
            System.arraycopy(a[i], 0, f, i * p, p);
        }
        return f;
    }

    static double[][] copy(double[][] a) {
        final double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    /** Three eighths 0, one eighth -0, the rest standard normal (also VectorRowKernelsTest's inputs). */
    static double[][] sparse(Random rng, int rows, int cols) {
        final double[][] a = new double[rows][cols];
        for (double[] r : a) {
            for (int i = 0; i < cols; i++) {
                final int kind = rng.nextInt(8);
                r[i] = kind < 3 ? 0.0 : kind == 3 ? -0.0 : rng.nextGaussian();
            }
        }
        return a;
    }
}

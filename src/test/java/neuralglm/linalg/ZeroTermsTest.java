package neuralglm.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The conditions for leaving out zero terms, against Double.isFinite and the sign bit read directly. */
class ZeroTermsTest {

    @Test
    void finiteFindsAnInfinityOrNaNAtEveryPositionOfTheRangeOnly() {
        for (int len = 0; len <= 9; len++) {
            for (int at = 0; at < len; at++) {
                for (double bad : new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN}) {
                    final double[] w = new double[len + 2];
                    java.util.Arrays.fill(w, 1e308);
                    w[1 + at] = bad;
                    assertFalse(ZeroTerms.finite(w, 1, 1 + len), "double " + len + " " + at);
                    assertTrue(ZeroTerms.finite(w, 1 + at + 1, 1 + len), "outside the range");
                    final float[] f = new float[len];
                    java.util.Arrays.fill(f, -3e38f);
                    f[at] = (float) bad;
                    assertFalse(ZeroTerms.finite(f), "float " + len + " " + at);
                }
            }
            assertTrue(ZeroTerms.finite(new double[len], 0, len));
            assertTrue(ZeroTerms.finite(new float[len]));
        }
    }

    @Test
    void noNegativeZeroReadsTheSignOfZerosOnly() {
        assertTrue(ZeroTerms.noNegativeZero(new double[] {0.0, -1.0, -Double.MIN_VALUE}, 3));
        assertFalse(ZeroTerms.noNegativeZero(new double[] {1.0, -0.0}, 2));
        assertTrue(ZeroTerms.noNegativeZero(new double[] {1.0, -0.0}, 1));
        assertTrue(ZeroTerms.noNegativeZero(new float[] {0f, -1f}));
        assertFalse(ZeroTerms.noNegativeZero(new float[] {-0f}));
    }

    @Test
    void nonZeroIsOneExactlyForAMagnitudeOtherThanZero() {
        final double[] xs = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, 1.0, -Double.MAX_VALUE,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};
        for (double x : xs) {
            assertEquals(x == 0.0 ? 0 : 1, ZeroTerms.nonZero(x), Double.toString(x));
            final float f = (float) x;
            assertEquals(f == 0f ? 0 : 1, ZeroTerms.nonZero(f), Float.toString(f));
        }
        assertEquals(1, ZeroTerms.nonZero(Float.MIN_VALUE));
        assertEquals(1, ZeroTerms.nonZero(Float.intBitsToFloat(0xffc00001)));   // a NaN with the sign bit set
    }

    @Test
    void listNonZeroListsTheOtherThanZeroEntriesOfTheRangeInOrder() {
        final double[] a = {7.0, 0.0, -0.0, 2.0, Double.NaN, 0.0, -3.0, Double.MIN_VALUE, 0.0, 5.0};
        for (int from = 0; from < a.length; from++) {
            for (int p = 0; from + p <= a.length; p++) {
                final int[] idx = new int[Math.max(1, p)];
                final int count = ZeroTerms.listNonZero(a, from, p, idx);
                int expected = 0;
                for (int k = 0; k < p; k++) {
                    if (!(a[from + k] == 0.0)) {   // NaN is not 0
                        assertEquals(k, idx[expected], "from " + from + ", p " + p + ", entry " + expected);
                        expected++;
                    }
                }
                assertEquals(expected, count, "from " + from + ", p " + p);
            }
        }
    }

    @Test
    void nonZeroMaskSetsTheBitsOfTheOtherThanZeroEntriesOfTheRange() {
        final java.util.Random rng = new java.util.Random(3);
        final double[] kinds = {0.0, -0.0, 1.5, -Double.MIN_VALUE, Double.NaN, Double.longBitsToDouble(0xfff8000000000001L),
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int trial = 0; trial < 200; trial++) {
            final double[] a = new double[70];
            for (int k = 0; k < a.length; k++) {
                a[k] = kinds[rng.nextInt(kinds.length)];
            }
            final int from = rng.nextInt(7), p = trial < 65 ? trial : 64;
            long want = 0L;
            for (int k = 0; k < p; k++) {
                if (!(a[from + k] == 0.0)) {   // NaN is not 0
                    want |= 1L << k;
                }
            }
            assertEquals(want, ZeroTerms.nonZeroMask(a, from, p), "from " + from + ", p " + p);
        }
        final double[] ones = new double[64];
        java.util.Arrays.fill(ones, -2.0);
        assertEquals(-1L, ZeroTerms.nonZeroMask(ones, 0, 64));
        assertEquals(0L, ZeroTerms.nonZeroMask(new double[64], 0, 64));
    }

    /**
     * nonZeroColumns against the definition: for blocks of rows whose columns show their only nonzero entry (or NaN, or
     * -0, which is 0) at rows before, at and after the scan's runs of eight, or never, and blocks where every column
     * but the first or the last shows at once and that one only in a later run (where a scan that stopped too early,
     * or that did not look at every column before stopping, would miss it), the listed columns are those with an entry
     * other than 0 in the block's rows, in order, and rows outside the block do not count.
     */
    @Test
    void nonZeroColumnsListsTheColumnsWithAnEntryInTheBlockWhereverItComes() {
        final int p = 6, n = 40;
        // the row of each column's only nonzero entry (-1: none)
        for (int[] firstRow : new int[][] {{0, 7, 8, 9, 39, -1}, {10, 10, 10, 10, 10, 27}, {27, 10, 10, 10, 10, 10}}) {
            check(firstRow, p, n);
        }
        // dense rows: every column from the first row on, the scan's early stop
        final double[] dense = new double[100 * 4];
        java.util.Arrays.fill(dense, 1.0);
        final int[] idx = new int[4];
        assertEquals(4, ZeroTerms.nonZeroColumns(dense, 4, 3, 90, new boolean[4], idx));
        assertEquals(3, idx[3]);
    }

    private static void check(int[] firstRow, int p, int n) {
        for (int start = 0; start <= 10; start += 5) {
            for (int rows : new int[] {1, 8, 9, 17, 30, 35}) {
                if (start + rows > n) {
                    continue;
                }
                for (double value : new double[] {2.5, Double.NaN, -0.0}) {
                    final double[] a = new double[n * p];
                    for (int k = 0; k < p; k++) {
                        if (firstRow[k] >= 0) {
                            a[firstRow[k] * p + k] = value;
                        }
                    }
                    final boolean[] seen = new boolean[p];
                    final int[] idx = new int[p];
                    final int count = ZeroTerms.nonZeroColumns(a, p, start, rows, seen, idx);
                    int want = 0;
                    for (int k = 0; k < p; k++) {
                        // in the block, and not 0 (NaN is not 0; -0 is)
                        final boolean in = firstRow[k] >= start && firstRow[k] < start + rows && value != 0.0;
                        if (in) {
                            assertEquals(k, idx[want], "listed column " + want + " (start " + start + ", rows " + rows + ")");
                            want++;
                        }
                    }
                    assertEquals(want, count, "columns listed (start " + start + ", rows " + rows + ", value " + value + ")");
                }
            }
        }
    }
}

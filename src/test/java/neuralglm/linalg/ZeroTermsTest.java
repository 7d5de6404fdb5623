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
}

package neuralglm.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The intrinsic-arithmetic {@link SafeMath#tanh} against the JDK's fdlibm ({@link StrictMath#tanh}): at
 * most 3 units in the last place over random arguments from tiny to beyond the saturation point (2 seen),
 * and the special values exactly. {@link SafeMath#log1p} is fdlibm's log1p in Java: the same bits as the JDK's
 * native one ({@link StrictMath#log1p}) on every argument tried, and so {@link SafeMath#softplus} the same bits as
 * {@code max(x, 0) + StrictMath.log1p(exp(-|x|))}.
 */
class SafeMathTest {

    private static double ulps(double got, double want) {
        if (got == want) {
            return 0;
        }
        return Math.abs(got - want) / Math.ulp(want);
    }

    @Test
    void tanhWithinThreeUlpsOfFdlibm() {
        final Random rng = new Random(16);
        double worstTanh = 0;
        for (int i = 0; i < 300_000; i++) {
            final double x;
            switch (i % 3) {
                case 0: x = 2 * rng.nextDouble() - 1; break;
                case 1: x = 60 * rng.nextDouble() - 30; break;
                default: x = Math.copySign(Math.pow(10, 320 * rng.nextDouble() - 300), rng.nextDouble() - 0.5); break;
            }
            worstTanh = Math.max(worstTanh, ulps(SafeMath.tanh(x), StrictMath.tanh(x)));
        }
        System.out.printf("SafeMath.tanh vs fdlibm: %.1f ulps at most%n", worstTanh);
        assertTrue(worstTanh <= 3, "tanh off by " + worstTanh + " ulps");
    }

    @Test
    void specialValues() {
        final double[] xs = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 22, -22, 22.5, -1e300,
            Double.MIN_VALUE, -Double.MIN_VALUE, 1e-310, 0x1p-28, -0x1p-29};
        for (double x : xs) {
            assertEquals(Double.doubleToLongBits(StrictMath.tanh(x)), Double.doubleToLongBits(SafeMath.tanh(x)), "tanh " + x);
        }
    }

    @Test
    void log1pSameBitsAsFdlibm() {
        final Random rng = new Random(17);
        for (int i = 0; i < 600_000; i++) {
            final double x;
            switch (i % 6) {
                case 0: x = rng.nextDouble(); break;                                    // softplus' range (0, 1]
                case 1: x = Math.exp(-745 * rng.nextDouble()); break;                   // down to subnormals
                case 2: x = -rng.nextDouble(); break;                                   // (-1, 0]
                case 3: x = -1 + Math.pow(10, -16 * rng.nextDouble()); break;           // near -1
                case 4: x = Math.pow(10, 308 * rng.nextDouble()); break;                // large
                default: x = Double.longBitsToDouble(rng.nextLong() & 0x7fefffffffffffffL) * (rng.nextBoolean() ? 1 : -1e-300);
            }
            assertEquals(Double.doubleToLongBits(StrictMath.log1p(x)), Double.doubleToLongBits(SafeMath.log1p(x)), "log1p " + x);
        }
        // the reduction's boundaries: sqrt(2) - 1, 1 - sqrt(2)/2, |f| < 2^-20, powers of two, 2^53
        final long[] edges = {0x3FDA827A00000000L, 0xBFD2BEC300000000L, 0xBFD2BEC400000000L, 0x3E20000000000000L,
            0x3C90000000000000L, 0x3FF0000000000000L, 0x4000000000000000L, 0x4340000000000000L, 0x3FE6A09E00000000L,
            0x3FF6A09E00000000L, 0x3EB0000000000000L};
        for (long e : edges) {
            for (long d = -3; d <= 3; d++) {
                for (double sign : new double[] {1, -1}) {
                    final double x = sign * Double.longBitsToDouble(e + d);
                    assertEquals(Double.doubleToLongBits(StrictMath.log1p(x)), Double.doubleToLongBits(SafeMath.log1p(x)),
                            "log1p " + x);
                }
            }
        }
        final double[] special = {0.0, -0.0, -1.0, -1.5, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, 1.0, -0.5};
        for (double x : special) {
            assertEquals(Double.doubleToLongBits(StrictMath.log1p(x)), Double.doubleToLongBits(SafeMath.log1p(x)), "log1p " + x);
        }
    }

    @Test
    void softplusSameBitsAsWithFdlibmLog1p() {
        final Random rng = new Random(18);
        for (int i = 0; i < 200_000; i++) {
            final double x = i % 2 == 0 ? 20 * rng.nextGaussian() : Math.copySign(Math.pow(10, 6 * rng.nextDouble() - 3), rng.nextDouble() - 0.5);
            final double want = Math.max(x, 0.0) + StrictMath.log1p(Math.exp(-Math.abs(x)));
            assertEquals(Double.doubleToLongBits(want), Double.doubleToLongBits(SafeMath.softplus(x)), "softplus " + x);
        }
        // closed forms: softplus(0) = log 2; softplus(x) - softplus(-x) = x; softplus(-800) = e^-800 underflows to 0
        assertEquals(Math.log(2), SafeMath.softplus(0), 0);
        assertEquals(3.0, SafeMath.softplus(3) - SafeMath.softplus(-3), 4e-16);
        assertEquals(0.0, SafeMath.softplus(-800), 0);
        assertEquals(800.0, SafeMath.softplus(800), 0);
    }
}

package neuralglm.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The intrinsic-arithmetic {@link SafeMath#tanh} against the JDK's fdlibm ({@link StrictMath#tanh}): at
 * most 3 units in the last place over random arguments from tiny to beyond the saturation point (2 seen),
 * and the special values exactly.
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
}

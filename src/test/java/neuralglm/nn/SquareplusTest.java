package neuralglm.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * {@link Activation.Squareplus} against its closed form evaluated in 60-digit decimal arithmetic
 * ({@code f = (x + sqrt(x^2 + b)) / 2}, {@code f' = (1 + x / sqrt(x^2 + b)) / 2}, with no cancellation at that
 * precision for |x| up to 1e6): f within 3 and f' within 5 units in the last place of the double nearest the exact
 * value (f' = f / sqrt(x^2 + b) adds f's error to the root's and the division's), on both sides of 0; the vectorised loops give the same bits as the scalar methods; the limits beyond the overflow guard.
 */
class SquareplusTest {

    private static final MathContext MC = new MathContext(60);

    private static double ulps(double got, BigDecimal want) {
        final double w = want.doubleValue();
        return new BigDecimal(got).subtract(want, MC).abs().doubleValue() / Math.ulp(w);
    }

    private static BigDecimal root(double x, double b) {
        final BigDecimal bx = new BigDecimal(x);
        return bx.multiply(bx, MC).add(new BigDecimal(b), MC).sqrt(MC);
    }

    @Test
    void valueAndDerivativeWithinAFewUlpsOfTheClosedForm() {
        final Random rng = new Random(21);
        for (double b : new double[] {Activation.Squareplus.DEFAULT_B, 0.5, 1.9218}) {
            final Activation.Squareplus f = new Activation.Squareplus(b);
            double worstF = 0, worstD = 0;
            for (int i = 0; i < 20_000; i++) {
                final double x = i % 2 == 0 ? 6 * rng.nextGaussian()
                        : Math.copySign(Math.pow(10, 12 * rng.nextDouble() - 6), rng.nextDouble() - 0.5);
                final BigDecimal s = root(x, b), bx = new BigDecimal(x);
                final BigDecimal fx = bx.add(s, MC).divide(BigDecimal.valueOf(2), MC);
                final BigDecimal dx = BigDecimal.ONE.add(bx.divide(s, MC), MC).divide(BigDecimal.valueOf(2), MC);
                final double y = f.apply(x);
                worstF = Math.max(worstF, ulps(y, fx));
                worstD = Math.max(worstD, ulps(f.derivative(x, y), dx));
            }
            assertTrue(worstF <= 3, "b " + b + ": f off by " + worstF + " ulps");
            System.out.printf("Squareplus(b=%s): f within %.1f ulps, f' within %.1f%n", b, worstF, worstD);
            assertTrue(worstD <= 5, "b " + b + ": f' off by " + worstD + " ulps");
        }
    }

    @Test
    void limitsAndSpecialPoints() {
        final Activation.Squareplus f = new Activation.Squareplus();
        assertEquals(1.0, f.apply(0.0), 0);                      // sqrt(4) / 2
        assertEquals(0.5, f.derivative(0.0, 1.0), 0);
        assertEquals(3.0, f.apply(3.0) - f.apply(-3.0), 1e-15);   // f(x) - f(-x) = x
        assertEquals(1e200, f.apply(1e200), 0);                   // beyond the guard: x, and b / (4|x|) on the left
        assertEquals(1e-200, f.apply(-1e200), 1e-214);
        assertEquals(1.0, f.derivative(1e200, f.apply(1e200)), 0);
        assertEquals(0.0, f.derivative(-1e200, f.apply(-1e200)), 1e-300);
        assertEquals(Double.POSITIVE_INFINITY, f.apply(Double.POSITIVE_INFINITY), 0);
        assertEquals(0.0, f.apply(Double.NEGATIVE_INFINITY), 0);
        assertTrue(Double.isNaN(f.apply(Double.NaN)));
        assertThrows(IllegalArgumentException.class, () -> new Activation.Squareplus(0));
        assertThrows(IllegalArgumentException.class, () -> new Activation.Squareplus(Double.NaN));
    }

    @Test
    void loopsGiveTheBitsOfTheScalarMethods() {
        final Random rng = new Random(22);
        final int n = 1001;
        final DMatrixRMaj x = new DMatrixRMaj(n, 1), g = new DMatrixRMaj(n, 1);
        for (int i = 0; i < n; i++) {
            x.data[i] = i % 7 == 0 ? Math.copySign(Math.pow(10, 320 * rng.nextDouble() - 160), rng.nextDouble() - 0.5)
                    : 5 * rng.nextGaussian();
            g.data[i] = rng.nextGaussian();
        }
        final Activation f = Activation.byName("squareplus");
        final DMatrixRMaj y = f.forward(x).copy(), dx = f.backward(g);
        for (int i = 0; i < n; i++) {
            final double yi = f.apply(x.data[i]);
            assertEquals(Double.doubleToLongBits(yi), Double.doubleToLongBits(y.data[i]), "f at " + x.data[i]);
            assertEquals(Double.doubleToLongBits(g.data[i] * f.derivative(x.data[i], yi)),
                    Double.doubleToLongBits(dx.data[i]), "f' at " + x.data[i]);
        }
    }

    /** Backward takes the roots kept by the last forward: after a longer and then a shorter batch, f' is the shorter one's. */
    @Test
    void backwardUsesTheRootsOfTheLastForward() {
        final Random rng = new Random(23);
        final Activation f = Activation.byName("squareplus");
        final DMatrixRMaj long1 = new DMatrixRMaj(50, 3), short2 = new DMatrixRMaj(7, 3), g = new DMatrixRMaj(7, 3);
        for (int i = 0; i < long1.data.length; i++) {
            long1.data[i] = 4 * rng.nextGaussian();
        }
        for (int i = 0; i < short2.data.length; i++) {
            short2.data[i] = 4 * rng.nextGaussian();
            g.data[i] = rng.nextGaussian();
        }
        f.forward(long1);
        f.backward(new DMatrixRMaj(50, 3));
        final DMatrixRMaj y = f.forward(short2).copy(), dx = f.backward(g);
        for (int i = 0; i < short2.data.length; i++) {
            assertEquals(Double.doubleToLongBits(g.data[i] * f.derivative(short2.data[i], y.data[i])),
                    Double.doubleToLongBits(dx.data[i]), "f' at " + short2.data[i]);
        }
        // a copy keeps no buffers: its backward needs its own forward
        assertThrows(IllegalStateException.class, () -> f.copy().backward(g));
    }
}

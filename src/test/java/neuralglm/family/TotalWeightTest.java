package neuralglm.family;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * {@link Family#totalWeight}, which takes a run of ones at the start without adding them: the same sum, to the bit, as
 * the weights added one by one in row order (the reference, written here), for runs of every length against the
 * multiple of four it checks at a time, and for weights whose order changes the sum (1e-16 after ones is lost, before
 * them kept).
 */
class TotalWeightTest {

    private static double inOrder(double[] w, int n) {
        double s = 0.0;
        for (int i = 0; i < n; i++) {
            s += w[i];
        }
        return s;
    }

    @Test
    void theSumOfTheWeightsInRowOrderToTheBit() {
        final Random rng = new Random(5);
        final double[] odd = {1e-16, -1e-16, 0.5, 3.0, 1e300, -1e300, 1.0 + Math.ulp(1.0), 0.0, -0.0, 7e-17};
        for (int trial = 0; trial < 3000; trial++) {
            final int n = rng.nextInt(40) + (trial % 10 == 0 ? 1000 : 0);
            final double[] w = new double[n + rng.nextInt(3)];   // longer than n at times: only n are read
            final int ones = n == 0 ? 0 : rng.nextInt(n + 1);
            for (int i = 0; i < w.length; i++) {
                w[i] = i < ones ? 1.0 : rng.nextInt(3) == 0 ? 1.0 : odd[rng.nextInt(odd.length)];
            }
            assertEquals(Double.doubleToRawLongBits(inOrder(w, n)), Double.doubleToRawLongBits(Family.totalWeight(w, n)),
                    "trial " + trial + ", n " + n + ", ones first " + ones);
        }
        assertEquals(7.0, Family.totalWeight(null, 7), 0.0);
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(Family.totalWeight(new double[] {-0.0}, 1)));
        // ones then 1e-16 each: every 1e-16 lost after the first one (as row order adds them)
        final double[] w = {1, 1, 1, 1, 1, 1e-16, 1e-16, 1e-16};
        assertEquals(5.0, Family.totalWeight(w, w.length), 0.0);
    }
}

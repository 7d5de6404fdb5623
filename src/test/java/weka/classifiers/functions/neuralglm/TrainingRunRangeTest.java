package weka.classifiers.functions.neuralglm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * {@link TrainingRun#range}, the one pass that lets a finished build skip its three checks of the fitted eta: the
 * smallest and largest entry as a sort finds them, NaN as soon as one entry is NaN (wherever it is), and the
 * infinities kept, so that a matrix passes the gate only when every entry is finite.
 */
class TrainingRunRangeTest {

    @Test
    void minAndMaxAsASortFindsThem() {
        final Random rng = new Random(11);
        for (int trial = 0; trial < 200; trial++) {
            final int n = 1 + rng.nextInt(300), k = 1 + rng.nextInt(3);
            final DMatrixRMaj m = new DMatrixRMaj(n, k);
            for (int i = 0; i < m.data.length; i++) {
                m.data[i] = rng.nextGaussian() * Math.exp(rng.nextInt(20) - 10);
            }
            final double[] sorted = m.data.clone();
            Arrays.sort(sorted);
            final double[] r = TrainingRun.range(m);
            assertEquals(sorted[0], r[0], 0.0, "trial " + trial);
            assertEquals(sorted[sorted.length - 1], r[1], 0.0, "trial " + trial);

            final int at = rng.nextInt(m.data.length);
            final double[] special = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
            final double v = special[trial % 3];
            m.data[at] = v;
            final double[] s = TrainingRun.range(m);
            final String what = "trial " + trial + ": " + v + " at " + at;
            if (Double.isNaN(v)) {
                assertTrue(Double.isNaN(s[0]) && Double.isNaN(s[1]), what);
            } else if (v > 0) {
                assertEquals(Double.POSITIVE_INFINITY, s[1], 0.0, what);
            } else {
                assertEquals(Double.NEGATIVE_INFINITY, s[0], 0.0, what);
            }
            assertTrue(!(Double.isFinite(s[0]) && Double.isFinite(s[1])), what + ": not all finite");
        }
    }
}

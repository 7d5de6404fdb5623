package neuralglm.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Exact partial sums make the treeAggregate result independent of the combining order. */
class ExactSumTest {

    @Test
    void anyCombiningOrderGivesTheSameCorrectlyRoundedSum() {
        final Random rng = new Random(1);
        final List<double[]> parts = new ArrayList<>();
        for (int p = 0; p < 50; p++) {
            // magnitudes over 30 orders, both signs: plain double sums depend on the order
            parts.add(new double[] {rng.nextGaussian() * Math.pow(10, rng.nextInt(30) - 15), rng.nextGaussian()});
        }
        BigDecimal exact = BigDecimal.ZERO;
        for (double[] v : parts) {
            exact = exact.add(new BigDecimal(v[0]));
        }
        final double expected = exact.doubleValue();
        boolean plainDiffers = false;
        double first = Double.NaN;
        for (int trial = 0; trial < 20; trial++) {
            Collections.shuffle(parts, rng);
            ExactSum left = ExactSum.ZERO;
            double plain = 0;
            for (double[] v : parts) {
                left = left.plus(ExactSum.of(v));
                plain += v[0];
            }
            // a different tree shape too: pairwise
            List<ExactSum> level = new ArrayList<>();
            for (double[] v : parts) {
                level.add(ExactSum.of(v));
            }
            while (level.size() > 1) {
                final List<ExactSum> next = new ArrayList<>();
                for (int i = 0; i < level.size(); i += 2) {
                    next.add(i + 1 < level.size() ? level.get(i).plus(level.get(i + 1)) : level.get(i));
                }
                level = next;
            }
            assertEquals(expected, left.toDoubles()[0]);
            assertArrayEquals(left.toDoubles(), level.get(0).toDoubles());
            if (trial == 0) {
                first = plain;
            } else if (plain != first) {
                plainDiffers = true;
            }
        }
        assertTrue(plainDiffers, "the data are hard enough that plain double sums depend on the order");
    }

    @Test
    void zeroIsTheIdentityAndNonFiniteStaysNaN() {
        final ExactSum a = ExactSum.of(new double[] {1.5, -2});
        assertArrayEquals(new double[] {1.5, -2}, ExactSum.ZERO.plus(a).plus(ExactSum.ZERO).toDoubles());
        final double[] s = a.plus(ExactSum.of(new double[] {Double.POSITIVE_INFINITY, 1})).toDoubles();
        assertTrue(Double.isNaN(s[0]));
        assertNotEquals(0, ExactSum.ZERO.plus(a).length());
    }
}

package neuralglm.family;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * {@link CategoricalFamily#mean} at infinite logits: softmax's limit (the classes at the largest logit share the
 * probability, the others get 0), as the logit link's mean is 1 at eta = +inf; a NaN logit gives a NaN row. Found by
 * the Weka face's fuzz (seed 7364386): an overflowing network's eta had two entries +inf and the prediction NaN.
 */
class CategoricalMeanLimitTest {
    private static final double INF = Double.POSITIVE_INFINITY;

    private static double[] mean(double... eta) {
        final DMatrixRMaj mu = new DMatrixRMaj(1, eta.length);
        new CategoricalFamily().mean(DMatrixRMaj.wrap(1, eta.length, eta.clone()), mu);
        return mu.data;
    }

    @Test
    void infiniteLogitsTakeTheProbabilityInTheLimit() {
        assertArrayEquals(new double[] {1, 0, 0}, mean(INF, 1, -INF), 0.0);
        assertArrayEquals(new double[] {0.5, 0, 0.5, 0}, mean(INF, 1e308, INF, -INF), 0.0);
        assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, mean(-INF, -INF, -INF), 0.0);
        assertArrayEquals(new double[] {0, 1}, mean(-INF, 2), 0.0);
    }

    @Test
    void finiteRowsAreTheClosedFormAndNaNStaysNaN() {
        // exp(0) : exp(log 3) = 1 : 3
        assertArrayEquals(new double[] {0.25, 0.75}, mean(0, Math.log(3)), 1e-15);
        for (double p : mean(Double.NaN, INF, 0)) {
            assertTrue(Double.isNaN(p));
        }
    }
}

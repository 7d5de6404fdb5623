package neuralglm.testutil;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import neuralglm.testutil.ReferenceGlm.Fit;
import org.junit.jupiter.api.Test;

/** Cross-checks of the test-side reference solver against itself by independent routes. */
class ReferenceGlmTest {

    @Test
    void irlsOnTheGaussianFamilyIsTheNormalEquations() {
        final Random rng = new Random(3);
        final double[][] x = Simulate.normalCovariates(rng, 200, 3);
        final double[] y = new double[200], w = new double[200];
        for (int i = 0; i < 200; i++) {
            y[i] = 1 + x[i][0] - 2 * x[i][1] + 0.5 * x[i][2] + rng.nextGaussian();
            w[i] = 0.5 + rng.nextDouble();
        }
        final Fit ne = ReferenceGlm.normalEquations(x, y, w), irls = ReferenceGlm.irls(ReferenceGlm.gaussian(), x, y, w);
        for (int j = 0; j < 4; j++) {
            assertEquals(ne.coefficients()[j], irls.coefficients()[j], 1e-12);
        }
        assertEquals(ne.deviance(), irls.deviance(), 1e-10 * ne.deviance());
    }

    @Test
    void twoClassMultinomialNewtonIsLogisticIrls() {
        final Random rng = new Random(4);
        final double[][] x = Simulate.normalCovariates(rng, 300, 2);
        final int[] cls = new int[300];
        final double[] y = new double[300];
        for (int i = 0; i < 300; i++) {
            final double p = 1 / (1 + Math.exp(-(0.3 + x[i][0] - 0.7 * x[i][1])));
            cls[i] = rng.nextDouble() < p ? 1 : 0;
            y[i] = cls[i];
        }
        final Fit multi = ReferenceGlm.multinomial(x, cls, 2, null);
        final Fit logistic = ReferenceGlm.irls(ReferenceGlm.binomial(), x, y, null);
        for (int j = 0; j < 3; j++) {
            assertEquals(logistic.coefficients()[j], multi.beta()[0][j], 1e-11);
        }
        assertEquals(logistic.deviance(), multi.deviance(), 1e-11 * logistic.deviance());
    }
}

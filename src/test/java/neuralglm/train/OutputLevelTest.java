package neuralglm.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import neuralglm.family.CategoricalFamily;
import neuralglm.family.Family;
import neuralglm.family.GammaFamily;
import neuralglm.family.GaussianFamily;
import neuralglm.family.Link;
import neuralglm.family.PoissonFamily;
import neuralglm.nn.Activation;
import neuralglm.nn.Sequential;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * {@link OutputLevel}: the maximum-likelihood shift of a network's output against the closed forms of the log link
 * (Gamma: exp(delta) = sum w y / mu / sum w; Poisson: exp(delta) = sum w y / sum w mu) and, for the canonical Gamma
 * link, against a golden-section minimisation of the summed NLL written out here; the network's bias and outputs moved
 * by it; and {@link AutoRegularisation.Plan#refitsLevel}'s rule.
 */
class OutputLevelTest {

    private static DMatrixRMaj column(double[] v) {
        return new DMatrixRMaj(v.length, 1, true, v);
    }

    /** eta around {@code centre}, positive y with mean exp(centre + 0.3) (so that the shift is not 0), weights. */
    private static double[][] data(int n, double centre, boolean counts, long seed) {
        final Random rng = new Random(seed);
        final double[] eta = new double[n], y = new double[n], w = new double[n];
        for (int i = 0; i < n; i++) {
            eta[i] = centre + 0.5 * rng.nextGaussian();
            final double mu = Math.exp(eta[i] + 0.3);
            y[i] = counts ? Math.floor(mu * 2 * rng.nextDouble()) : mu * -Math.log(rng.nextDouble());
            w[i] = 0.5 + rng.nextDouble();
        }
        return new double[][] {eta, y, w};
    }

    @Test
    void gammaLogLinkShiftIsTheClosedFormAndSolvesTheScoreEquation() {
        final double[][] d = data(200, 3.0, false, 1);
        double num = 0, den = 0;
        for (int i = 0; i < 200; i++) {
            num += d[2][i] * d[1][i] * Math.exp(-d[0][i]);
            den += d[2][i];
        }
        final double delta = OutputLevel.shift(new GammaFamily(), column(d[0]), column(d[1]), d[2]);
        assertEquals(Math.log(num / den), delta, 1e-12);
        assertTrue(Math.abs(delta) > 0.1, "the data were made with a level 0.3 above eta: " + delta);
        double score = 0;
        for (int i = 0; i < 200; i++) {
            score += d[2][i] * (1 - d[1][i] / Math.exp(d[0][i] + delta));
        }
        assertEquals(0, score / den, 1e-12);
    }

    @Test
    void poissonLogLinkShiftIsTheClosedForm() {
        final double[][] d = data(300, 1.0, true, 2);
        double sy = 0, smu = 0;
        for (int i = 0; i < 300; i++) {
            sy += d[2][i] * d[1][i];
            smu += d[2][i] * Math.exp(d[0][i]);
        }
        final double delta = OutputLevel.shift(new PoissonFamily(), column(d[0]), column(d[1]), d[2]);
        assertEquals(Math.log(sy / smu), delta, 1e-12);
        // unweighted: every row counts 1
        double uy = 0, umu = 0;
        for (int i = 0; i < 300; i++) {
            uy += d[1][i];
            umu += Math.exp(d[0][i]);
        }
        assertEquals(Math.log(uy / umu), OutputLevel.shift(new PoissonFamily(), column(d[0]), column(d[1]), null), 1e-12);
    }

    @Test
    void canonicalGammaShiftMinimisesTheSummedNllInsideTheLinksDomain() {
        // targets 1.4 times the means: the root lies well inside the domain
        canonicalGammaShiftMinimisesTheSummedNll(1.4);
        // 3 times: the root lies between the largest doubling step inside the domain and its edge, reached only by
        // halving towards the edge (a bracketing that only doubled found no root and left the level as it was)
        canonicalGammaShiftMinimisesTheSummedNll(3.0);
    }

    private static void canonicalGammaShiftMinimisesTheSummedNll(double scale) {
        // eta = -1/mu < 0; the shift must keep every eta + delta below 0
        final Family canonical = new GammaFamily(Link.NEGATIVE_INVERSE);
        final Random rng = new Random(3);
        final int n = 120;
        final double[] eta = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            final double mu = 2 + rng.nextDouble();
            eta[i] = -1 / mu;
            y[i] = scale * mu * -Math.log(rng.nextDouble());
        }
        final double delta = OutputLevel.shift(canonical, column(eta), column(y), null);
        // golden section on the summed NLL over the domain's interval (-inf, -max eta): bracket [-2, -max eta)
        double max = Double.NEGATIVE_INFINITY;
        for (double e : eta) {
            max = Math.max(max, e);
        }
        double a = -2, b = -max - 1e-9;
        final double g = (Math.sqrt(5) - 1) / 2;
        for (int it = 0; it < 200; it++) {
            final double c = b - g * (b - a), e = a + g * (b - a);
            if (summedNll(canonical, eta, y, c) < summedNll(canonical, eta, y, e)) {
                b = e;
            } else {
                a = c;
            }
        }
        assertEquals(0.5 * (a + b), delta, 1e-6, "targets " + scale + " times the means");
        assertTrue(Math.abs(delta) > 0.05, "the level moves: " + delta);
        assertTrue(max + delta < 0, "inside the domain");
    }

    @Test
    void countsAllZeroLeaveTheLevelAsItIs() {
        // S(d) = sum mu_i e^d > 0 for every d: no maximum-likelihood level exists (it runs to mu = 0); the score's
        // underflow to 0 far below must not be taken for a root
        final DMatrixRMaj eta = column(new double[] {0.1, -0.3, 0.2}), zeros = column(new double[3]);
        assertEquals(0.0, OutputLevel.shift(new PoissonFamily(), eta, zeros, null));
        assertEquals(0.0, OutputLevel.shift(new PoissonFamily(), eta, zeros, new double[] {1, 2, 0.5}));
    }

    @Test
    void mismatchedRowsAreRefusedByName() {
        final DMatrixRMaj eta = column(new double[] {0.1, -0.3, 0.2});
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OutputLevel.shift(new PoissonFamily(), eta, column(new double[] {1, 2}), null));
        assertTrue(e.getMessage().contains("3 outputs") && e.getMessage().contains("2 targets"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> OutputLevel.shift(new PoissonFamily(), eta, column(new double[] {1, 2, 3}), new double[] {1, 1}));
    }

    private static double summedNll(Family f, double[] eta, double[] y, double d) {
        double s = 0;
        for (int i = 0; i < eta.length; i++) {
            s += f.nll(eta[i] + d, y[i]);
        }
        return s;
    }

    @Test
    void refitMovesTheOutputBiasAndTheGivenOutputsAlike() {
        final Random rng = new Random(4);
        final Sequential net = Sequential.mlp(2, new int[] {5}, () -> Activation.byName("Tanh"), 1, rng);
        final int n = 80;
        final DMatrixRMaj x = new DMatrixRMaj(n, 2), y = new DMatrixRMaj(n, 1);
        for (int i = 0; i < n; i++) {
            x.set(i, 0, rng.nextGaussian());
            x.set(i, 1, rng.nextGaussian());
            y.set(i, 0, 50 * -Math.log(rng.nextDouble()));   // a level of about 50: far from the network's exp(eta) ~ 1
        }
        final DMatrixRMaj before = net.predict(x), eta = before.copy();
        final Family gamma = new GammaFamily();
        final double delta = OutputLevel.refit(net, gamma, eta, y, null);
        assertTrue(delta > 2, "log 50 is about 3.9: " + delta);
        final DMatrixRMaj after = net.predict(x);
        for (int i = 0; i < n; i++) {
            assertEquals(before.get(i, 0) + delta, after.get(i, 0), 1e-12);
            assertEquals(after.get(i, 0), eta.get(i, 0), 1e-12);
        }
        assertEquals(0, OutputLevel.shift(gamma, after, y, null), 1e-12, "a second refit does not move it");
        final Sequential two = Sequential.mlp(2, new int[] {5}, () -> Activation.byName("Tanh"), 2, rng);
        assertThrows(IllegalArgumentException.class, () -> OutputLevel.refit(two, gamma, two.predict(x), y, null));
    }

    @Test
    void theLevelIsRefittedForTheDefaultAverageOfANumericClassOtherThanGaussianOnly() {
        final double auto = AutoRegularisation.AUTO;
        assertTrue(AutoRegularisation.plan(new GammaFamily(), false, false, 200, auto, auto, (int) auto).refitsLevel());
        assertTrue(AutoRegularisation.plan(new PoissonFamily(), false, false, 200, auto, auto, (int) auto).refitsLevel());
        assertFalse(AutoRegularisation.plan(new GammaFamily(), false, false, 200, 0.1, auto, (int) auto).refitsLevel(),
                "the user's weight decay: one network, the user's own regularisation");
        assertFalse(AutoRegularisation.plan(new GammaFamily(), true, false, 200, auto, auto, (int) auto).refitsLevel(),
                "a GLM");
        assertFalse(AutoRegularisation.plan(new GammaFamily(), false, true, 200, auto, auto, (int) auto).refitsLevel(),
                "a stream");
        assertFalse(AutoRegularisation.plan(new GaussianFamily(), false, false, 200, auto, auto, (int) auto).refitsLevel(),
                "the standardised class: level 0 is its mean");
        final AutoRegularisation.Plan folds = AutoRegularisation.plan(new CategoricalFamily(), false, false, 60, auto, auto,
                (int) auto);
        assertTrue(folds.average() && !folds.refitsLevel(), "the fold average");
    }
}

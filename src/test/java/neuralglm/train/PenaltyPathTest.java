package neuralglm.train;

import static neuralglm.testutil.ReferenceGlm.ridge;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import neuralglm.family.Family;
import neuralglm.family.GaussianFamily;
import neuralglm.nn.Activation;
import neuralglm.nn.Sequential;
import neuralglm.optim.LbfgsOptimizer;
import org.ejml.data.DMatrixRMaj;

import org.junit.jupiter.api.Test;

/**
 * The penalty path's stopping rules ({@link PenaltySelection#path}) against scripted held-out losses, and the
 * warm-started converged path ({@link PenaltySelection#selectConverged}) against ridge regression solved here
 * with EJML on the same training part.
 */
class PenaltyPathTest {

    private static final double[] LAMBDAS = {0.01, 0.1, 1, 10, 100};

    /** Runs the path with losses given in the order tried (descending lambda); records the penalties fitted. */
    private static PenaltySelection scripted(double[] losses, int stopAfterRises, List<Double> fitted) {
        final AtomicInteger k = new AtomicInteger();
        return PenaltySelection.path(LAMBDAS, stopAfterRises, null, lambda -> {
            fitted.add(lambda);
            return new double[] {losses[k.getAndIncrement()], 0.01};
        });
    }

    @Test
    void twoRisesInARowEndThePathOneRiseDoesNot() {
        // 100: 5, 10: 4, 1: 4.5 (one rise), 0.1: 4.6 (two rises, above the best) -> stop; 0.01 is never fitted
        final List<Double> fitted = new ArrayList<>();
        final PenaltySelection p = scripted(new double[] {5, 4, 4.5, 4.6, 1}, 2, fitted);
        assertEquals(List.of(100.0, 10.0, 1.0, 0.1), fitted);
        assertEquals(10, p.best(), 0.0);
        assertArrayEquals(new double[] {5, 4, 4.5, 4.6}, p.validationLosses(), 0.0);
        // a fall between two rises resets the count: 4.5 (rise), 4.2 (fall), 4.3 (one rise) then 3.9 is found
        final List<Double> again = new ArrayList<>();
        assertEquals(0.01, scripted(new double[] {5, 4, 4.5, 4.2, 3.9}, 2, again).best(), 0.0);
        assertEquals(5, again.size());
    }

    @Test
    void oneRiseRuleAndTheFullPath() {
        final List<Double> first = new ArrayList<>();
        assertEquals(10, scripted(new double[] {5, 4, 4.5, 4.6, 1}, 1, first).best(), 0.0);
        assertEquals(List.of(100.0, 10.0, 1.0), first, "stops at the first loss not below the best");
        final List<Double> all = new ArrayList<>();
        assertEquals(0.01, scripted(new double[] {5, 4, 4.5, 4.6, 1}, 0, all).best(), 0.0);
        assertEquals(5, all.size(), "0: every penalty");
    }

    @Test
    void warmStartedConvergedPathGivesTheRidgeFitsFromOneFreshNetwork() {
        // y = 2 + x1 - 0.5 x2 + N(0, 1) (the Gaussian's mean NLL is 0.5 (y - mu)^2, no constant); every fit of a GLM is the unique ridge solution, so
        // starting each from the previous penalty's fit must not change it
        final int n = 50;
        final Random rng = new Random(4);
        final DMatrixRMaj x = new DMatrixRMaj(n, 2), y = new DMatrixRMaj(n, 1);
        for (int i = 0; i < n; i++) {
            x.set(i, 0, rng.nextGaussian());
            x.set(i, 1, rng.nextGaussian());
            y.set(i, 0, 2 + x.get(i, 0) - 0.5 * x.get(i, 1) + rng.nextGaussian());
        }
        final Family gaussian = new GaussianFamily();
        final AtomicInteger freshCalls = new AtomicInteger();
        final List<Sequential> nets = new ArrayList<>();
        final PenaltySelection p = PenaltySelection.selectConverged(() -> {
            freshCalls.incrementAndGet();
            final Sequential s = Sequential.mlp(2, new int[0], () -> Activation.byName("ReLU"), 1, new Random(1));
            NullStart.apply(s, gaussian, y, null);
            return s;
        }, gaussian, decay -> new LbfgsOptimizer(1e-12, 10, decay), new Trainer(500).withSeed(3), x, y, null,
                new double[] {30, 3, 0.3}, 0.2, (lambda, loss) -> { });
        assertEquals(1, freshCalls.get(), "one fresh network; the others start from the previous fit");
        final ValidationSplit split = ValidationSplit.of(gaussian, y, 0.2, 3);
        final DMatrixRMaj xt = ValidationSplit.rows(x, split.train()), yt = ValidationSplit.rows(y, split.train());
        final DMatrixRMaj xv = ValidationSplit.rows(x, split.validation()), yv = ValidationSplit.rows(y, split.validation());
        final double[] tried = p.lambdas(), losses = p.validationLosses();
        assertTrue(tried.length >= 2, "at least two penalties before two rises");
        for (int i = 0; i < tried.length; i++) {
            final DMatrixRMaj beta = ridge(xt, yt, tried[i]);
            double nll = 0;
            for (int r = 0; r < xv.numRows; r++) {
                final double pred = beta.get(0) + beta.get(1) * xv.get(r, 0) + beta.get(2) * xv.get(r, 1);
                nll += 0.5 * (yv.get(r) - pred) * (yv.get(r) - pred);
            }
            nll /= xv.numRows;
            assertEquals(nll, losses[i], 1e-6 * Math.abs(nll), "held-out mean NLL at lambda " + tried[i]);
        }
    }

}

package neuralglm.train;

import static neuralglm.train.AutoRegularisation.AUTO;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleFunction;

import org.junit.jupiter.api.Test;

import neuralglm.family.CategoricalFamily;
import neuralglm.family.GammaFamily;
import neuralglm.family.GaussianFamily;
import neuralglm.family.PoissonFamily;
import neuralglm.optim.AdamOptimizer;
import neuralglm.optim.LbfgsOptimizer;
import neuralglm.optim.Optimizer;

/** The automatic options' plan, case by case, as README states it (Weka, *Run it* and *Defaults: the held-out study*). */
class AutoRegularisationTest {

    private static AutoRegularisation.Plan auto(neuralglm.family.Family f, boolean glm, int rows) {
        return AutoRegularisation.plan(f, glm, false, rows, AUTO, AUTO, (int) AUTO);
    }

    @Test
    void nominalNetworkIsEarlyStoppedOnAFifthWithPatience20() {
        final AutoRegularisation.Plan p = auto(new CategoricalFamily(), false, 500);
        assertEquals(0.2, p.fraction());
        assertEquals(20, p.patience());
        assertFalse(p.scaleTarget() || p.converged() || p.average());
        assertEquals(0, p.folds());
    }

    @Test
    void smallNominalSetsChooseByFoldsAndAverageTheFoldNetworks() {
        final int min = AutoRegularisation.MIN_ROWS_FOLDS, max = AutoRegularisation.MAX_ROWS_FOLDS;
        assertEquals(40, min);
        assertEquals(100, max);
        for (int rows : new int[] {min, 57, max - 1}) {
            final AutoRegularisation.Plan p = auto(new CategoricalFamily(), false, rows);
            assertEquals(5, p.folds(), rows + " rows");
            assertTrue(p.average(), rows + " rows");
            assertEquals(0.2, p.fraction(), "the first fold is the 20% split");
            assertEquals(20, p.patience());
            assertEquals(1.0 / AutoRegularisation.FOLDS, AutoRegularisation.VALIDATION_FRACTION, 0.0);
        }
        for (int rows : new int[] {AutoRegularisation.MIN_ROWS_TO_HOLD_OUT, 24, min - 1, max, 1000}) {
            final AutoRegularisation.Plan p = auto(new CategoricalFamily(), false, rows);
            assertEquals(0, p.folds(), rows + " rows");
            assertFalse(p.average(), rows + " rows");
        }
        // only the automatic options of a network with a nominal class: a GLM, a stream, a user's decay or fraction,
        // a numeric class keep their plans
        assertEquals(0, auto(new CategoricalFamily(), true, 57).folds());
        assertEquals(0, AutoRegularisation.plan(new CategoricalFamily(), false, true, 57, AUTO, AUTO, (int) AUTO).folds());
        assertEquals(0, AutoRegularisation.plan(new CategoricalFamily(), false, false, 57, 10, AUTO, (int) AUTO).folds());
        assertEquals(0, AutoRegularisation.plan(new CategoricalFamily(), false, false, 57, AUTO, 0.3, (int) AUTO).folds());
        assertEquals(0, auto(new PoissonFamily(), false, 57).folds());
        assertEquals(0, auto(new GaussianFamily(), false, 57).folds());
        assertEquals(7, AutoRegularisation.plan(new CategoricalFamily(), false, false, 57, AUTO, AUTO, 7).patience());
    }

    @Test
    void gaussianNetworkLearnsTheStandardisedClassToConvergenceWithNothingHeldOut() {
        final AutoRegularisation.Plan p = auto(new GaussianFamily(), false, 500);
        assertTrue(p.scaleTarget() && p.converged() && p.canHoldOut());
        assertEquals(0, p.fraction());
        assertFalse(p.average());
    }

    @Test
    void indicatorInputsAreScaledByAHalfOnlyInNetworksFittedToConvergenceUnderTheAutomaticDecay() {
        assertEquals(0.5, AutoRegularisation.BINARY_SCALE);
        // fitted to convergence: a Gaussian class, a nominal class under 40 rows
        assertEquals(0.5, AutoRegularisation.binaryScale(auto(new GaussianFamily(), false, 500)));
        assertEquals(0.5, AutoRegularisation.binaryScale(auto(new CategoricalFamily(), false, 39)));
        // early-stopped networks, the GLM, a stream, a fixed decay or fraction: the standard deviation
        assertEquals(0, AutoRegularisation.binaryScale(auto(new CategoricalFamily(), false, 40)));
        assertEquals(0, AutoRegularisation.binaryScale(auto(new CategoricalFamily(), false, 500)));
        assertEquals(0, AutoRegularisation.binaryScale(auto(new PoissonFamily(), false, 500)));
        assertEquals(0, AutoRegularisation.binaryScale(auto(new GaussianFamily(), true, 500)));
        assertEquals(0, AutoRegularisation.binaryScale(auto(new CategoricalFamily(), true, 20)));
        assertEquals(0, AutoRegularisation.binaryScale(
                AutoRegularisation.plan(new GaussianFamily(), false, true, 500, AUTO, AUTO, (int) AUTO)));
        assertEquals(0, AutoRegularisation.binaryScale(
                AutoRegularisation.plan(new GaussianFamily(), false, false, 500, 1.0, AUTO, (int) AUTO)));
        assertEquals(0, AutoRegularisation.binaryScale(
                AutoRegularisation.plan(new GaussianFamily(), false, false, 500, AUTO, 0.2, (int) AUTO)));
    }

    @Test
    void otherNumericFamiliesAverageNetworksWithPatience7() {
        for (neuralglm.family.Family f : new neuralglm.family.Family[] {new PoissonFamily(), new GammaFamily()}) {
            final AutoRegularisation.Plan p = auto(f, false, 500);
            assertTrue(p.average(), f.name());
            assertEquals(7, p.patience(), f.name());
            assertEquals(0.2, p.fraction(), f.name());
            assertFalse(p.scaleTarget(), f.name());
        }
        // a user's weight decay or validation fraction means one network
        assertFalse(AutoRegularisation.plan(new PoissonFamily(), false, false, 500, 1, AUTO, (int) AUTO).average());
        assertFalse(AutoRegularisation.plan(new PoissonFamily(), false, false, 500, AUTO, 0.3, (int) AUTO).average());
    }

    @Test
    void glmStreamAndTinyDataHoldNothingOut() {
        final AutoRegularisation.Plan glm = auto(new GaussianFamily(), true, 500);
        assertFalse(glm.scaleTarget() || glm.converged() || glm.average() || glm.canHoldOut());
        assertEquals(0, glm.fraction());
        final AutoRegularisation.Plan stream = AutoRegularisation.plan(new PoissonFamily(), false, true, 500, AUTO, AUTO,
                (int) AUTO);
        assertFalse(stream.average() || stream.canHoldOut());
        assertEquals(0, stream.fraction());
        final AutoRegularisation.Plan tiny = auto(new CategoricalFamily(), false, AutoRegularisation.MIN_ROWS_TO_HOLD_OUT - 1);
        assertEquals(0, tiny.fraction());
        assertFalse(tiny.canHoldOut());
    }

    @Test
    void nominalClassHoldsNothingOutBelow40RowsANumericOneBelow10() {
        assertEquals(40, AutoRegularisation.MIN_ROWS_TO_HOLD_OUT_CLASS);
        assertEquals(10, AutoRegularisation.MIN_ROWS_TO_HOLD_OUT);
        for (neuralglm.family.Family f : new neuralglm.family.Family[] {new CategoricalFamily(),
                new neuralglm.family.BernoulliFamily()}) {
            for (int rows : new int[] {10, 24, 39}) {
                final AutoRegularisation.Plan p = auto(f, false, rows);
                assertFalse(p.canHoldOut(), f.name() + " " + rows);
                assertEquals(0, p.fraction(), f.name() + " " + rows);
                assertFalse(p.average(), f.name() + " " + rows);
            }
            assertTrue(auto(f, false, 40).canHoldOut(), f.name());
            assertEquals(0.2, auto(f, false, 40).fraction(), f.name());
            // a user's fraction is kept
            assertEquals(0.3, AutoRegularisation.plan(f, false, false, 24, AUTO, 0.3, (int) AUTO).fraction());
        }
        for (neuralglm.family.Family f : new neuralglm.family.Family[] {new PoissonFamily(), new GammaFamily()}) {
            assertTrue(auto(f, false, 24).canHoldOut(), f.name());
            assertEquals(0.2, auto(f, false, 24).fraction(), f.name());
            assertFalse(auto(f, false, 9).canHoldOut(), f.name());
        }
        assertTrue(auto(new GaussianFamily(), false, 24).canHoldOut());
    }

    @Test
    void usersValuesAreKept() {
        final AutoRegularisation.Plan p = AutoRegularisation.plan(new GaussianFamily(), false, false, 500, 3, 0.25, 7);
        assertEquals(0.25, p.fraction());
        assertEquals(7, p.patience());
        assertTrue(p.scaleTarget());
        assertFalse(p.converged(), "a user's validation fraction means early stopping, not a fit to convergence");
    }

    @Test
    void gaussianFitsUnderTheAutomaticDecayStopAtTheConvergedEpochLimit() {
        final AutoRegularisation.Plan gaussian = AutoRegularisation.plan(new GaussianFamily(), false, false, 200, AUTO, AUTO,
                (int) AUTO);
        assertEquals(AutoRegularisation.CONVERGED_EPOCHS, AutoRegularisation.epochLimit(gaussian, AUTO, 500));
        assertEquals(100, AutoRegularisation.epochLimit(gaussian, AUTO, 100), "a smaller limit of the user's is kept");
        final AutoRegularisation.Plan given = AutoRegularisation.plan(new GaussianFamily(), false, false, 200, 1, AUTO,
                (int) AUTO);
        assertEquals(500, AutoRegularisation.epochLimit(given, 1, 500), "a given weight decay: the user's limit");
        final AutoRegularisation.Plan early = AutoRegularisation.plan(new GaussianFamily(), false, false, 200, AUTO, 0.2,
                (int) AUTO);
        assertEquals(500, AutoRegularisation.epochLimit(early, AUTO, 500), "early stopping: the user's limit");
        final AutoRegularisation.Plan counts = AutoRegularisation.plan(new PoissonFamily(), false, false, 200, AUTO, AUTO,
                (int) AUTO);
        assertEquals(500, AutoRegularisation.epochLimit(counts, AUTO, 500));
        final AutoRegularisation.Plan glm = AutoRegularisation.plan(new GaussianFamily(), true, false, 200, AUTO, AUTO,
                (int) AUTO);
        assertEquals(500, AutoRegularisation.epochLimit(glm, AUTO, 500), "the exact GLM");
    }

    @Test
    void convergedFitsLoosenOnlyATighterLbfgsTolerance() {
        final DoubleFunction<Optimizer> tight = d -> new LbfgsOptimizer(1e-9, 10, d);
        final Optimizer o = AutoRegularisation.convergedOptimizer(tight).apply(0.5);
        assertEquals(AutoRegularisation.CONVERGED_TOLERANCE, ((LbfgsOptimizer) o).tolerance());
        final DoubleFunction<Optimizer> loose = d -> new LbfgsOptimizer(1e-2, 10, d);
        assertEquals(1e-2, ((LbfgsOptimizer) AutoRegularisation.convergedOptimizer(loose).apply(0.5)).tolerance());
        final Optimizer adam = new AdamOptimizer(0.01);
        assertSame(adam, AutoRegularisation.convergedOptimizer(d -> adam).apply(0.5));
    }

    @Test
    void nominalClassUnder40RowsAveragesItsNetworkWithARidgeGlm() {
        for (neuralglm.family.Family f : new neuralglm.family.Family[] {new CategoricalFamily(),
                new neuralglm.family.BernoulliFamily()}) {
            for (int rows : new int[] {3, 24, 39}) {
                assertTrue(auto(f, false, rows).linear(), f.name() + " " + rows);
            }
            assertFalse(auto(f, false, 40).linear(), "40 rows and more: unchanged");
            assertFalse(auto(f, true, 24).linear(), "-hidden none stays the exact GLM");
            assertFalse(AutoRegularisation.plan(f, false, true, 24, AUTO, AUTO, (int) AUTO).linear(), "a stream");
            assertFalse(AutoRegularisation.plan(f, false, false, 24, 1, AUTO, (int) AUTO).linear(), "a user's decay");
            assertFalse(AutoRegularisation.plan(f, false, false, 24, AUTO, 0, (int) AUTO).linear(), "a user's fraction");
        }
        for (neuralglm.family.Family f : new neuralglm.family.Family[] {new GaussianFamily(), new PoissonFamily()}) {
            assertFalse(auto(f, false, 8).linear(), f.name());
            assertFalse(auto(f, false, 24).linear(), f.name());
        }
    }

    /**
     * The GLM of an under-40-row model against its own optimality: the ridge score equations of the categorical
     * family, sum_i (p_i - y_i) x_i^T + lambda B = 0 and sum_i (p_i - y_i) + lambda c = 0, computed here.
     */
    @Test
    void theLinearMemberIsTheRidgeGlmAtTheNetworksWeightDecay() {
        final int n = 30, d = 3, k = 3;
        final java.util.Random rng = new java.util.Random(4);
        final org.ejml.data.DMatrixRMaj x = new org.ejml.data.DMatrixRMaj(n, d), y = new org.ejml.data.DMatrixRMaj(n, k);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x.set(i, j, rng.nextGaussian());
            }
            y.set(i, (int) Math.floorMod(Math.round(x.get(i, 0) + x.get(i, 1) * x.get(i, 2) + rng.nextGaussian()), 3), 1);
        }
        final CategoricalFamily fam = new CategoricalFamily();
        final AutoRegularisation.Plan plan = auto(fam, false, n);
        final java.util.function.LongFunction<neuralglm.nn.Sequential> fresh = seed -> {
            final neuralglm.nn.Sequential net = neuralglm.nn.Sequential.mlp(d, new int[] {8},
                    neuralglm.nn.Activation.Squareplus::new, k, new java.util.Random(seed));
            NullStart.apply(net, fam, y, null);
            return net;
        };
        final AutoRegularisation.Choice c = AutoRegularisation.choose(plan, AUTO, false, false, fresh, 1, fam,
                decay -> new LbfgsOptimizer(1e-9, 10, decay), new Trainer(500), x, y, null, null);
        assertEquals(AutoRegularisation.WEIGHT_DECAY_WITHOUT_HOLDOUT, c.lambda());
        final neuralglm.nn.Sequential glm = c.linear();
        assertEquals(AutoRegularisation.LinearOutcome.FITTED, c.linearOutcome());
        assertEquals(1, glm.layers().size());
        final neuralglm.nn.Linear l = (neuralglm.nn.Linear) glm.layers().get(0);
        final org.ejml.data.DMatrixRMaj eta = glm.predict(x);
        final double[][] score = new double[k][d + 1];
        double size = 0;
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY, sum = 0;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, eta.get(i, j));
            }
            for (int j = 0; j < k; j++) {
                sum += Math.exp(eta.get(i, j) - max);
            }
            for (int j = 0; j < k; j++) {
                final double r = Math.exp(eta.get(i, j) - max) / sum - y.get(i, j);
                for (int m = 0; m < d; m++) {
                    score[j][m] += r * x.get(i, m);
                }
                score[j][d] += r;
            }
        }
        for (int j = 0; j < k; j++) {
            for (int m = 0; m < d; m++) {
                score[j][m] += c.lambda() * l.weight().value().get(j, m);
                size = Math.max(size, Math.abs(l.weight().value().get(j, m)));
            }
            score[j][d] += c.lambda() * l.bias().value().data[j];
            for (int m = 0; m <= d; m++) {
                assertEquals(0, score[j][m], 1e-6, "output " + j + ", term " + m);
            }
        }
        assertTrue(size > 0.1, "a fitted GLM, not the null model: " + size);
        // a network whose units cannot carry a linear term gets none
        final java.util.function.LongFunction<neuralglm.nn.Sequential> tanh = seed -> neuralglm.nn.Sequential.mlp(d,
                new int[] {8}, neuralglm.nn.Activation.Tanh::new, k, new java.util.Random(seed));
        final AutoRegularisation.Choice noCarry = AutoRegularisation.choose(plan, AUTO, false, false, tanh, 1, fam,
                decay -> new LbfgsOptimizer(1e-9, 10, decay), new Trainer(500), x, y, null, null);
        assertEquals(null, noCarry.linear());
        assertEquals(AutoRegularisation.LinearOutcome.UNITS_CANNOT_CARRY, noCarry.linearOutcome());
        // a GLM fit that diverges (SGD at a learning rate of 1e6) is left out, and the choice says so
        final AutoRegularisation.Choice diverged = AutoRegularisation.choose(plan, AUTO, false, false, fresh, 1, fam,
                decay -> new neuralglm.optim.SgdOptimizer(1e6, 0, false, decay), new Trainer(500), x, y, null, null);
        assertEquals(null, diverged.linear());
        assertEquals(AutoRegularisation.LinearOutcome.DIVERGED, diverged.linearOutcome());
        // 40 rows and more: no GLM
        final AutoRegularisation.Choice large = AutoRegularisation.choose(auto(fam, false, 200), 0.5, false, false, fresh,
                1, fam, decay -> new LbfgsOptimizer(1e-9, 10, decay), new Trainer(5), x, y, null, null);
        assertEquals(null, large.linear());
        assertArrayEquals(new double[] {0.5}, large.memberLambdas(), "one network: its penalty alone");
        assertEquals(AutoRegularisation.LinearOutcome.NOT_PLANNED, large.linearOutcome());
    }

    /** The step below a penalty of the numeric average's grid: the next smaller value, the grid's end keeping itself. */
    @Test
    void weakerPenaltyIsTheGridsNextSmallerValue() {
        assertEquals(3, AutoRegularisation.weakerPenalty(30));
        assertEquals(0.3, AutoRegularisation.weakerPenalty(3));
        assertEquals(0.03, AutoRegularisation.weakerPenalty(0.3));
        assertEquals(0.03, AutoRegularisation.weakerPenalty(0.03));
        assertEquals(3, AutoRegularisation.weakerPenalty(10), "off the grid: the largest grid value below");
        assertEquals(2, AutoRegularisation.WEAKER_EVERY, "the tip texts, the report's test and README say 'the third and fifth'");
    }

    /**
     * The default average of a Poisson class: its first network walks {@link AutoRegularisation#LAMBDAS_NUMERIC_AVERAGE}
     * from the largest down while its held-out loss falls, stops at the first penalty that does not lower it, and the
     * others are fitted at the penalty of the lowest loss. A smooth signal with little noise (Poisson means of 20-250)
     * on 100 rows, where 0.3 beats 3 and the path goes on to 0.03, the grid's end; a class independent of the input,
     * where the held-out loss rises before the end and the path stops there.
     */
    @Test
    void numericAverageWalksItsGridDownWhileTheHeldOutLossFalls() {
        final int n = 100;
        final java.util.Random rng = new java.util.Random(7);
        final org.ejml.data.DMatrixRMaj x = new org.ejml.data.DMatrixRMaj(n, 1), signal = new org.ejml.data.DMatrixRMaj(n, 1),
                noise = new org.ejml.data.DMatrixRMaj(n, 1);
        for (int i = 0; i < n; i++) {
            x.set(i, 0, rng.nextGaussian());
            signal.set(i, 0, neuralglm.testutil.Simulate.poisson(rng, Math.exp(4 + 1.5 * Math.sin(3 * x.get(i, 0)))));
            noise.set(i, 0, neuralglm.testutil.Simulate.poisson(rng, Math.exp(1.5)));
        }
        final PoissonFamily fam = new PoissonFamily();
        final AutoRegularisation.Plan plan = auto(fam, false, n);
        final double[] grid = AutoRegularisation.LAMBDAS_NUMERIC_AVERAGE;
        assertArrayEquals(new double[] {30, 3, 0.3, 0.03}, grid);
        for (org.ejml.data.DMatrixRMaj y : new org.ejml.data.DMatrixRMaj[] {signal, noise}) {
            final java.util.function.LongFunction<neuralglm.nn.Sequential> fresh = seed -> {
                final neuralglm.nn.Sequential net = neuralglm.nn.Sequential.mlp(1, new int[] {8},
                        neuralglm.nn.Activation.Tanh::new, 1, new java.util.Random(seed));
                NullStart.apply(net, fam, y, null);
                return net;
            };
            final Trainer trainer = new Trainer(200).withSeed(1).withValidation(plan.fraction(), plan.patience());
            final AutoRegularisation.Choice c = AutoRegularisation.choose(plan, AUTO, false, false, fresh, 1, fam,
                    decay -> new LbfgsOptimizer(1e-9, 10, decay), trainer, x, y, null, null);
            final double[] tried = c.path().lambdas(), loss = c.path().validationLosses();
            int best = 0;
            for (int i = 0; i < tried.length; i++) {
                assertEquals(grid[i], tried[i], "the grid from the largest down");
                if (i > 0 && i < tried.length - 1) {
                    assertTrue(loss[i] < loss[best], "the path goes on only while the loss falls: " + i);
                }
                if (loss[i] < loss[best]) {
                    best = i;
                }
            }
            if (tried.length < grid.length) {
                assertTrue(loss[tried.length - 1] >= loss[best], "stopped at a penalty that did not lower the loss");
            }
            assertEquals(tried[best], c.lambda());
            assertEquals(AutoRegularisation.ENSEMBLE - 1, c.members().size());
            for (int k = 1; k < AutoRegularisation.ENSEMBLE; k++) {
                assertEquals(k % AutoRegularisation.WEAKER_EVERY == 0 ? AutoRegularisation.weakerPenalty(c.lambda()) : c.lambda(),
                        c.memberLambdas()[k], "network " + (k + 1) + ": the first one's choice or, every second, a step weaker");
            }
            if (y == signal) {
                assertEquals(grid.length, tried.length, "a signal: 0.3 beat 3, so 0.03 was fitted too, "
                        + java.util.Arrays.toString(loss));
                assertTrue(c.lambda() < 3, "a signal: a weak penalty, " + c.lambda());
            } else {
                assertTrue(tried.length < grid.length, "no signal: the path ends early, " + java.util.Arrays.toString(loss));
            }
        }
    }

    /**
     * A network of the numeric average whose fit diverges (here network 4, seed 4: output weights of 1e300 make its
     * Poisson mean exp(eta) overflow on every row) is left out: the average keeps the other networks, and its penalty is
     * NaN at its own place, so the others keep their numbers (network k has the seed {@code seed + k - 1}).
     */
    @Test
    void aDivergedNetworkOfTheAverageIsLeftOutInItsPlace() {
        final int n = 100;
        final java.util.Random rng = new java.util.Random(7);
        final org.ejml.data.DMatrixRMaj x = new org.ejml.data.DMatrixRMaj(n, 1), y = new org.ejml.data.DMatrixRMaj(n, 1);
        for (int i = 0; i < n; i++) {
            x.set(i, 0, rng.nextGaussian());
            y.set(i, 0, neuralglm.testutil.Simulate.poisson(rng, Math.exp(2 + Math.sin(3 * x.get(i, 0)))));
        }
        final PoissonFamily fam = new PoissonFamily();
        final AutoRegularisation.Plan plan = auto(fam, false, n);
        final java.util.function.LongFunction<neuralglm.nn.Sequential> fresh = seed -> {
            final neuralglm.nn.Sequential net = neuralglm.nn.Sequential.mlp(1, new int[] {8},
                    neuralglm.nn.Activation.Tanh::new, 1, new java.util.Random(seed));
            NullStart.apply(net, fam, y, null);
            if (seed == 4) {
                final java.util.List<neuralglm.nn.Layer> layers = net.layers();
                java.util.Arrays.fill(((neuralglm.nn.Linear) layers.get(layers.size() - 1)).weight().value().data, 1e300);
            }
            return net;
        };
        final Trainer trainer = new Trainer(200).withSeed(1).withValidation(plan.fraction(), plan.patience());
        final AutoRegularisation.Choice c = AutoRegularisation.choose(plan, AUTO, false, false, fresh, 1, fam,
                decay -> new LbfgsOptimizer(1e-9, 10, decay), trainer, x, y, null, null);
        assertEquals(AutoRegularisation.ENSEMBLE, c.memberLambdas().length);
        assertEquals(AutoRegularisation.ENSEMBLE - 2, c.members().size(), "one network left out");
        for (int k = 0; k < AutoRegularisation.ENSEMBLE; k++) {
            assertEquals(k == 3, Double.isNaN(c.memberLambdas()[k]), "network " + (k + 1));
        }
        assertEquals(AutoRegularisation.weakerPenalty(c.lambda()), c.memberLambdas()[4], "network 5 keeps its place");
    }
}

package neuralglm.train;

import static neuralglm.train.AutoRegularisation.AUTO;
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

/** The automatic options' plan, case by case, as the README's "Default options" table states it. */
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
}

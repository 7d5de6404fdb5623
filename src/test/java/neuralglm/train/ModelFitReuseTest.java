package neuralglm.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.DoubleFunction;
import java.util.function.LongFunction;

import neuralglm.family.CategoricalFamily;
import neuralglm.family.Family;
import neuralglm.family.GaussianFamily;
import neuralglm.family.PoissonFamily;
import neuralglm.nn.Activation;
import neuralglm.nn.Parameters;
import neuralglm.nn.Sequential;
import neuralglm.optim.LbfgsOptimizer;
import neuralglm.optim.Optimizer;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * The model's own fit handed back by {@link AutoRegularisation#choose} ({@link AutoRegularisation.Choice#modelFit}, from
 * the held-out path's {@link PenaltySelection#bestSession}) against a refit of the chosen penalty done here as the Weka
 * face did before: a fresh network, the build's trainer and optimiser; the weights, the training result and the final
 * outputs must be the same to the bit.
 */
class ModelFitReuseTest {

    private static final DoubleFunction<Optimizer> LBFGS = d -> new LbfgsOptimizer(1e-9, 10, d);

    private static void assertRefitIsTheSame(Family family, DMatrixRMaj x, DMatrixRMaj y, int rows, int outputs) {
        final LongFunction<Sequential> fresh = s -> {
            final Sequential n = Sequential.mlp(x.numCols, new int[] {6}, () -> Activation.byName("Tanh"), outputs,
                    new Random(s));
            NullStart.apply(n, family, y, null);
            return n;
        };
        final long seed = 3;
        final AutoRegularisation.Plan plan = AutoRegularisation.plan(family, false, false, rows, AutoRegularisation.AUTO,
                AutoRegularisation.AUTO, (int) AutoRegularisation.AUTO);
        assertEquals(0, plan.folds());
        final Trainer trainer = new Trainer(500).withSeed(seed).withValidation(plan.fraction(), plan.patience());
        final AutoRegularisation.Choice choice = AutoRegularisation.choose(plan, AutoRegularisation.AUTO, false, false,
                fresh, seed, family, LBFGS, trainer, x, y, null, null);
        final TrainingSession reused = choice.modelFit();
        assertNotNull(reused, "the held-out path ran the model's fit");
        assertFalse(reused.canContinue(), "finished");
        assertSame(choice.path().bestNetwork(), reused.network());
        assertNull(choice.path().takeBestSession(), "handed over: the path (kept for the report) holds no session");

        final int[] t = ValidationSplit.of(family, y, plan.fraction(), seed).train();
        final Sequential net = fresh.apply(seed);
        final TrainingSession refit = trainer.start(net, family, choice.optimizer().apply(choice.lambda() / t.length), x, y,
                null);
        while (refit.runEpoch()) {
            // one epoch per call
        }
        final TrainingResult r = refit.finish();
        assertEquals(r, reused.finish(), "loss trace, validation trace, best epoch, stop reason and final loss");
        assertArrayEquals(Parameters.flatten(net.parameters()), Parameters.flatten(reused.network().parameters()), 0.0);
        assertArrayEquals(refit.finalOutputs() == null ? null : refit.finalOutputs().data,
                reused.finalOutputs() == null ? null : reused.finalOutputs().data, 0.0);
        assertEquals(refit.trainingRows(), reused.trainingRows());
        assertEquals(refit.validationRows(), reused.validationRows());
    }

    @Test
    void poissonAverageFirstNetworkIsTheRefitToTheBit() {
        final int n = 160;
        final DMatrixRMaj[] xy = poissonData(n);
        final DMatrixRMaj x = xy[0], y = xy[1];
        final AutoRegularisation.Plan plan = AutoRegularisation.plan(new PoissonFamily(), false, false, n,
                AutoRegularisation.AUTO, AutoRegularisation.AUTO, (int) AutoRegularisation.AUTO);
        assertEquals(true, plan.average());
        assertRefitIsTheSame(new PoissonFamily(), x, y, n, 1);
    }

    @Test
    void averageMembersAreFitsAtTheFirstNetworksPenaltyOrOneStepWeaker() {
        // the other networks of the average: each its own seed (seed + k) and split, at the penalty the first network's
        // path chose or, for k = 2, 4, at the grid's next smaller value; checked against a fit done here with that seed,
        // split and penalty
        final int n = 160;
        final DMatrixRMaj[] xy = poissonData(n);
        final DMatrixRMaj x = xy[0], y = xy[1];
        final Family family = new PoissonFamily();
        final LongFunction<Sequential> fresh = s -> {
            final Sequential net = Sequential.mlp(x.numCols, new int[] {6}, () -> Activation.byName("Tanh"), 1,
                    new Random(s));
            NullStart.apply(net, family, y, null);
            return net;
        };
        final long seed = 3;
        final AutoRegularisation.Plan plan = AutoRegularisation.plan(family, false, false, n, AutoRegularisation.AUTO,
                AutoRegularisation.AUTO, (int) AutoRegularisation.AUTO);
        final Trainer trainer = new Trainer(500).withSeed(seed).withValidation(plan.fraction(), plan.patience());
        final AutoRegularisation.Choice choice = AutoRegularisation.choose(plan, AutoRegularisation.AUTO, false, false,
                fresh, seed, family, LBFGS, trainer, x, y, null, null);
        assertEquals(AutoRegularisation.ENSEMBLE - 1, choice.members().size());
        assertEquals(AutoRegularisation.ENSEMBLE, choice.memberLambdas().length);
        final double[] grid = AutoRegularisation.LAMBDAS_NUMERIC_AVERAGE;
        int at = 0;
        while (grid[at] != choice.lambda()) {
            at++;
        }
        assertTrue(at < grid.length - 1, "this set's first network chose above the grid's end: " + choice.lambda());
        for (int k = 1; k < AutoRegularisation.ENSEMBLE; k++) {
            final double expected = k == 2 || k == 4 ? grid[at + 1] : choice.lambda();
            assertEquals(expected, choice.memberLambdas()[k], 0.0, "network " + (k + 1));
            final Trainer own = trainer.withSeed(seed + k);
            final int[] t = ValidationSplit.of(family, y, plan.fraction(), seed + k).train();
            final Sequential net = fresh.apply(seed + k);
            own.fit(net, family, LBFGS.apply(expected / t.length), x, y, null);
            assertArrayEquals(Parameters.flatten(net.parameters()),
                    Parameters.flatten(choice.members().get(k - 1).parameters()), 0.0, "network " + (k + 1));
        }
    }

    /** @return {x, y}: n rows of 3 standard normal inputs and a Poisson count whose log mean is smooth in two */
    private static DMatrixRMaj[] poissonData(int n) {
        final Random rng = new Random(8);
        final DMatrixRMaj x = new DMatrixRMaj(n, 3), y = new DMatrixRMaj(n, 1);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                x.set(i, j, rng.nextGaussian());
            }
            final double mu = Math.exp(0.5 + 0.6 * Math.sin(2 * x.get(i, 0)) - 0.4 * x.get(i, 1));
            int k = 0;
            for (double p = Math.exp(-mu), u = rng.nextDouble(), c = p; u > c; c += p) {   // Poisson by inversion
                k++;
                p *= mu / k;
            }
            y.set(i, 0, k);
        }
        return new DMatrixRMaj[] {x, y};
    }

    @Test
    void nominalNetworkIsTheRefitToTheBit() {
        final int n = 150;
        final DMatrixRMaj[] xy = FoldAverageTest.data(n, 5);
        final DMatrixRMaj x = xy[0], y = xy[1];
        assertRefitIsTheSame(new CategoricalFamily(), x, y, n, new CategoricalFamily().outputs(3));
    }

    @Test
    void noModelFitWithoutAHeldOutPath() {
        // a Gaussian class: converged fits on 80%, the model refitted on all rows; a user's decay: no path at all
        final int n = 60;
        final Random rng = new Random(2);
        final DMatrixRMaj x = new DMatrixRMaj(n, 1), y = new DMatrixRMaj(n, 1);
        for (int i = 0; i < n; i++) {
            x.set(i, 0, rng.nextGaussian());
            y.set(i, 0, x.get(i, 0) + rng.nextGaussian());
        }
        final Family g = new GaussianFamily();
        final LongFunction<Sequential> fresh = s -> Sequential.mlp(1, new int[] {3}, () -> Activation.byName("Tanh"), 1,
                new Random(s));
        final AutoRegularisation.Plan converged = AutoRegularisation.plan(g, false, false, n, AutoRegularisation.AUTO,
                AutoRegularisation.AUTO, (int) AutoRegularisation.AUTO);
        assertNull(AutoRegularisation.choose(converged, AutoRegularisation.AUTO, false, false, fresh, 1, g, LBFGS,
                new Trainer(50).withSeed(1), x, y, null, null).modelFit());
        final AutoRegularisation.Plan fixed = AutoRegularisation.plan(g, false, false, n, 1, 0.2, 5);
        assertNull(AutoRegularisation.choose(fixed, 1, false, false, fresh, 1, g, LBFGS,
                new Trainer(50).withSeed(1).withValidation(0.2, 5), x, y, null, null).modelFit());
    }
}

package neuralglm.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.LongFunction;

import neuralglm.family.CategoricalFamily;
import neuralglm.family.Family;
import neuralglm.nn.Activation;
import neuralglm.nn.EtaAverage;
import neuralglm.nn.Sequential;
import neuralglm.optim.LbfgsOptimizer;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * K-fold choice of a classification network's penalty and the average of its fold networks
 * ({@link ValidationSplit#folds}, {@link PenaltySelection#selectFolds}, {@link AutoRegularisation#choose}):
 * the folds against the early-stopping split, the cross-validated loss against the softmax NLL computed here
 * from the fold networks' own predictions, and the model against the mean of its members' outputs.
 */
class FoldAverageTest {

    private static final Family CATEGORICAL = new CategoricalFamily();

    /** 3 classes from two inputs, noisy: class = argmax of (x1, x2, -x1 - x2) + noise. Also ModelFitReuseTest's. */
    static DMatrixRMaj[] data(int n, long seed) {
        final Random rng = new Random(seed);
        final DMatrixRMaj x = new DMatrixRMaj(n, 2), y = new DMatrixRMaj(n, 3);
        for (int i = 0; i < n; i++) {
            final double a = rng.nextGaussian(), b = rng.nextGaussian();
            x.set(i, 0, a);
            x.set(i, 1, b);
            final double[] s = {a + rng.nextGaussian(), b + rng.nextGaussian(), -a - b + rng.nextGaussian()};
            int c = 0;
            for (int j = 1; j < 3; j++) {
                c = s[j] > s[c] ? j : c;
            }
            y.set(i, c, 1);
        }
        return new DMatrixRMaj[] {x, y};
    }

    private static int label(DMatrixRMaj y, int i) {
        for (int j = 0; j < y.numCols; j++) {
            if (y.get(i, j) == 1) {
                return j;
            }
        }
        throw new AssertionError();
    }

    @Test
    void foldsPartitionTheRowsTheFirstIsTheEarlyStoppingSplitAndEachKeepsTheClassProportions() {
        final DMatrixRMaj y = data(57, 3)[1];
        for (long seed : new long[] {1, 2, 9}) {
            final int[][] folds = ValidationSplit.folds(CATEGORICAL, y, 5, seed);
            assertEquals(5, folds.length);
            assertArrayEquals(ValidationSplit.of(CATEGORICAL, y, 0.2, seed).validation(), folds[0],
                    "fold 1 = the validation part of the 20% split with the same seed");
            final int[] seen = new int[y.numRows];
            for (int[] f : folds) {
                for (int r : f) {
                    seen[r]++;
                }
            }
            assertTrue(Arrays.stream(seen).allMatch(c -> c == 1), "every row in exactly one fold");
            for (int c = 0; c < 3; c++) {
                int min = Integer.MAX_VALUE, max = 0;
                for (int f = 1; f < 5; f++) {
                    int count = 0;
                    for (int r : folds[f]) {
                        count += label(y, r) == c ? 1 : 0;
                    }
                    min = Math.min(min, count);
                    max = Math.max(max, count);
                }
                assertTrue(max - min <= 1, "class " + c + ": folds 2-5 hold " + min + " to " + max + " of its rows");
            }
            assertArrayEquals(ValidationSplit.complement(y.numRows, folds[0]), ValidationSplit.of(CATEGORICAL, y, 0.2, seed).train());
        }
    }

    @Test
    void crossValidatedLossIsThePooledNllOfTheFoldNetworksAndTheModelIsTheirAverage() {
        final DMatrixRMaj[] d = data(60, 5);
        final DMatrixRMaj x = d[0], y = d[1];
        final long seed = 11;
        final LongFunction<Sequential> fresh = s -> {
            final Sequential net = Sequential.mlp(2, new int[] {4}, () -> Activation.byName("Tanh"), 3, new Random(s));
            NullStart.apply(net, CATEGORICAL, y, null);
            return net;
        };
        final Trainer trainer = new Trainer(300).withSeed(seed).withValidation(0.2, 10);
        final double[] lambdas = {30, 3, 0.3};
        final PenaltySelection p = PenaltySelection.selectFolds(() -> fresh.apply(seed), CATEGORICAL,
                decay -> new LbfgsOptimizer(1e-9, 10, decay), trainer, x, y, null, lambdas, 5, null);
        final List<Sequential> nets = p.foldNetworks();
        assertNotNull(nets);
        assertEquals(5, nets.size());
        // the chosen penalty's loss: every row scored by the network of the fold that held it out, NLL by hand
        final int[][] folds = ValidationSplit.folds(CATEGORICAL, y, 5, seed);
        double sum = 0;
        for (int f = 0; f < 5; f++) {
            final DMatrixRMaj eta = nets.get(f).predict(ValidationSplit.rows(x, folds[f]));
            for (int i = 0; i < folds[f].length; i++) {
                final double m = Math.max(eta.get(i, 0), Math.max(eta.get(i, 1), eta.get(i, 2)));
                double z = 0;
                for (int j = 0; j < 3; j++) {
                    z += Math.exp(eta.get(i, j) - m);
                }
                sum += m + Math.log(z) - eta.get(i, label(y, folds[f][i]));
            }
        }
        final double[] tried = p.lambdas(), losses = p.validationLosses();
        int at = -1;
        for (int i = 0; i < tried.length; i++) {
            at = tried[i] == p.best() ? i : at;
        }
        assertEquals(Arrays.stream(losses).min().getAsDouble(), losses[at], 0.0, "the chosen penalty has the lowest loss");
        assertEquals(sum / y.numRows, losses[at], 1e-9, "the pooled held-out mean NLL of the chosen penalty");

        // the engine's choice: the same penalty; the members are folds 2-5; the model's own network, refitted with the
        // trainer's 20% split (as the Weka face's session does), is fold 1's; the model is the average of all five
        final AutoRegularisation.Plan plan = new AutoRegularisation.Plan(false, false, true, 0.2, 10, true, 5, false, false, false);
        final AutoRegularisation.Choice choice = AutoRegularisation.choose(plan, AutoRegularisation.AUTO, false, false,
                fresh, seed, CATEGORICAL, decay -> new LbfgsOptimizer(1e-9, 10, decay), trainer, x, y, null, null);
        assertEquals(p.best(), choice.lambda());
        assertEquals(4, choice.members().size());
        final Sequential first = fresh.apply(seed);
        final double trainWeight = ValidationSplit.of(CATEGORICAL, y, 0.2, seed).train().length;
        trainer.fit(first, CATEGORICAL, new LbfgsOptimizer(1e-9, 10, choice.lambda() / trainWeight), x, y, null);
        final List<Sequential> all = new ArrayList<>();
        all.add(first);
        all.addAll(choice.members());
        final DMatrixRMaj averaged = EtaAverage.of(all).predict(x);
        for (int f = 0; f < 5; f++) {
            assertArrayEquals(nets.get(f).predict(x).data, all.get(f).predict(x).data, 0.0,
                    "member " + (f + 1) + " is fold " + (f + 1) + "'s network");
        }
        final DMatrixRMaj mean = new DMatrixRMaj(x.numRows, 3);
        for (Sequential n : nets) {
            final DMatrixRMaj e = n.predict(x);
            for (int i = 0; i < mean.data.length; i++) {
                mean.data[i] += e.data[i] / 5;
            }
        }
        assertArrayEquals(mean.data, averaged.data, 1e-12, "the model's eta is the mean of the fold networks' eta");
    }
}

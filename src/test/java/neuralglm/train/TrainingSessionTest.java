package neuralglm.train;

import static neuralglm.train.TrainerTest.flatParams;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import neuralglm.family.BernoulliFamily;
import neuralglm.family.CategoricalFamily;
import neuralglm.family.Family;
import neuralglm.family.GaussianFamily;
import neuralglm.family.PoissonFamily;
import neuralglm.nn.Activation;
import neuralglm.nn.Linear;
import neuralglm.nn.Sequential;
import neuralglm.optim.AdamOptimizer;
import neuralglm.optim.LbfgsOptimizer;
import neuralglm.optim.SgdOptimizer;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The epoch-by-epoch session (same results as {@link Trainer#fit}, with threads and when resumed),
 * early stopping (stopping rule, restored weights and validation losses re-derived by retraining),
 * the stratified split (counts by hand), the incremental learner (equal to in-order mini-batch
 * training, and to a hand-written SGD loop) and parameter averaging (linearity of a GLM).
 */
class TrainingSessionTest {

    private static final Family GAUSSIAN = new GaussianFamily();

    private static DMatrixRMaj x() {
        return TrainerTest.inputs();
    }

    private static DMatrixRMaj y() {
        return TrainerTest.targets(GAUSSIAN, x());
    }

    private static double[] weights() {
        final double[] w = new double[TrainerTest.N];
        for (int i = 0; i < w.length; i++) {
            w[i] = 0.5 + (i % 3);
        }
        return w;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void epochByEpochWithReleasedThreadsAndAResumeEqualsFit(int threads) {
        final Trainer trainer = new Trainer(15).withBatchSize(8).withSeed(5).withThreads(threads);
        final Sequential a = TrainerTest.net(1), b = TrainerTest.net(1);
        final TrainingResult expected = trainer.fit(a, GAUSSIAN, new AdamOptimizer(0.02), x(), y(), weights());

        final TrainingSession s = new Trainer(6).withBatchSize(8).withSeed(5).withThreads(threads)
                .start(b, GAUSSIAN, new AdamOptimizer(0.02), x(), y(), weights());
        while (s.runEpoch()) {
            s.release();
        }
        assertEquals(6, s.epoch());
        assertFalse(s.canContinue());
        assertTrue(s.isOpen(), "stopped by its limit only, so it can be resumed");
        s.setEpochLimit(15);
        while (s.runEpoch()) {
            // the remaining epochs, threads kept
        }
        final TrainingResult got = s.finish();
        assertArrayEquals(flatParams(a), flatParams(b), 0.0);
        assertEquals(expected, got);
        assertEquals(StopReason.EPOCH_LIMIT, got.stopReason());
        assertThrows(IllegalStateException.class, s::runEpoch);
    }

    @Test
    void fullBatchSessionReportsConvergence() {
        final TrainingSession s = new Trainer(500).start(
                Sequential.mlp(2, new int[0], Activation.Identity::new, 1, new Random(2)), GAUSSIAN, new LbfgsOptimizer(), x(), y(), null);
        while (s.runEpoch()) {
            // until L-BFGS converges
        }
        final TrainingResult r = s.finish();
        assertEquals(StopReason.CONVERGED, r.stopReason());
        assertTrue(r.epochs() < 500);
        assertTrue(r.describeStop().contains("stopped after epoch " + r.epochs() + ": the optimiser converged"), r.describeStop());
    }

    @Test
    void callerEndingEarlyIsSaid() {
        final TrainingSession s = new Trainer(50).withBatchSize(10).start(TrainerTest.net(1), GAUSSIAN, new SgdOptimizer(0.05), x(), y(), null);
        s.runEpoch();
        s.runEpoch();
        final TrainingResult r = s.finish();
        assertEquals(StopReason.STOPPED_BY_CALLER, r.stopReason());
        assertEquals(2, r.epochs());
    }

    /** A noisy target and a wide network with a large step: the validation loss soon stops improving. */
    @Test
    void earlyStoppingRestoresTheBestEpochAndStopsAfterThePatience() {
        final Random rng = new Random(9);
        final DMatrixRMaj x = new DMatrixRMaj(60, 2), y = new DMatrixRMaj(60, 1);
        for (int i = 0; i < 60; i++) {
            x.set(i, 0, rng.nextGaussian());
            x.set(i, 1, rng.nextGaussian());
            y.set(i, 0, 0.5 * x.get(i, 0) + rng.nextGaussian());
        }
        final int patience = 4;
        final Trainer trainer = new Trainer(400).withBatchSize(6).withSeed(3).withValidation(0.3, patience);
        final Sequential net = Sequential.mlp(2, new int[] {32}, Activation.ReLU::new, 1, new Random(4));
        final TrainingResult r = trainer.fit(net, GAUSSIAN, new AdamOptimizer(0.05), x, y, null);

        assertEquals(StopReason.NO_IMPROVEMENT, r.stopReason(), r.toString());
        final double[] v = r.validationTrace();
        final int best = r.bestEpoch();
        assertEquals(best + 1 + patience, r.epochs(), "stops exactly `patience` epochs after the best");
        for (int e = 0; e < v.length; e++) {
            assertTrue(e == best || (e < best ? v[e] > v[best] : v[e] >= v[best]), "epoch " + e);
        }
        assertTrue(r.describeStop().contains("did not improve for 4 epochs; kept the weights of epoch " + (best + 1)),
                r.describeStop());
        // the loss as the report prints its numbers: six significant digits, not all seventeen
        assertTrue(r.describeStop().endsWith("(lowest validation loss "
                + String.format(java.util.Locale.ROOT, "%.6g", v[best]) + ")"), r.describeStop());

        // independent: retrain on the same training rows for best + 1 epochs, without validation
        final ValidationSplit split = ValidationSplit.of(GAUSSIAN, y, 0.3, 3);
        final DMatrixRMaj xt = ValidationSplit.rows(x, split.train()), yt = ValidationSplit.rows(y, split.train());
        final Sequential again = Sequential.mlp(2, new int[] {32}, Activation.ReLU::new, 1, new Random(4));
        new Trainer(best + 1).withBatchSize(6).withSeed(3).fit(again, GAUSSIAN, new AdamOptimizer(0.05), xt, yt, null);
        assertArrayEquals(flatParams(again), flatParams(net), 0.0, "the kept weights are those after the best epoch");
        // and the recorded validation loss is the held-out rows' mean 0.5 (y - eta)^2
        final int[] held = split.validation();
        final DMatrixRMaj eta = again.predict(ValidationSplit.rows(x, held));
        double sum = 0;
        for (int i = 0; i < held.length; i++) {
            final double res = y.get(held[i], 0) - eta.get(i, 0);
            sum += 0.5 * res * res;
        }
        assertEquals(sum / held.length, v[best], 1e-12);
    }

    @Test
    void theSplitIsStratifiedForOneHotAndBernoulliTargets() {
        final int[] sizes = {10, 20, 30};
        final DMatrixRMaj y = new DMatrixRMaj(60, 3);
        final int[] label = new int[60];
        for (int i = 0; i < 60; i++) {
            label[i] = i % 6 == 0 ? 0 : i % 6 <= 2 ? 1 : 2;     // 10, 20, 30 rows, interleaved
            y.set(i, label[i], 1.0);
        }
        final ValidationSplit s = ValidationSplit.of(new CategoricalFamily(), y, 0.25, 11);
        final int[] counts = new int[3];
        for (int r : s.validation()) {
            counts[label[r]]++;
        }
        // round(0.25 * 10) = 3 (2.5 rounds up), round(5) = 5, round(7.5) = 8
        assertArrayEquals(new int[] {3, 5, 8}, counts);
        assertEquals(60 - 16, s.train().length);
        final boolean[] seen = new boolean[60];
        for (int[] part : new int[][] {s.train(), s.validation()}) {
            for (int i = 0; i < part.length; i++) {
                assertFalse(seen[part[i]], "row " + part[i] + " in both parts");
                seen[part[i]] = true;
                assertTrue(i == 0 || part[i] > part[i - 1], "ascending");
            }
        }
        assertEquals(sizes.length, counts.length);

        final DMatrixRMaj b = new DMatrixRMaj(40, 1);
        for (int i = 0; i < 8; i++) {
            b.data[i * 5] = 1.0;   // 8 ones, 32 zeros
        }
        final ValidationSplit sb = ValidationSplit.of(new BernoulliFamily(), b, 0.5, 2);
        int ones = 0;
        for (int r : sb.validation()) {
            ones += (int) b.data[r];
        }
        assertEquals(4, ones);
        assertEquals(20, sb.validation().length);
        assertThrows(IllegalArgumentException.class, () -> ValidationSplit.of(GAUSSIAN, new DMatrixRMaj(1, 1), 0.6, 1));
        assertThrows(IllegalArgumentException.class, () -> new Trainer(5).withValidation(1.0, 3));
        assertThrows(IllegalArgumentException.class, () -> new Trainer(5).withValidation(0.2, 0));
    }

    @Test
    void aStreamEqualsInOrderMiniBatchTraining() {
        final DMatrixRMaj x = x(), y = y();
        final double[] w = weights();
        final int batch = 7, passes = 2;      // 40 rows: five batches of 7 and one of 5
        final Sequential a = TrainerTest.net(1), b = TrainerTest.net(1);
        new Trainer(passes).withBatchSize(batch).withShuffle(false).fit(a, GAUSSIAN, new AdamOptimizer(0.03), x, y, w);

        final IncrementalTrainer stream = new Trainer(1).withBatchSize(batch).incremental(b, GAUSSIAN, new AdamOptimizer(0.03), 2);
        int steps = 0;
        for (int p = 0; p < passes; p++) {
            for (int i = 0; i < x.numRows; i++) {
                steps += stream.add(new double[] {x.get(i, 0), x.get(i, 1)}, new double[] {y.get(i, 0)}, w[i]) ? 1 : 0;
            }
            steps += stream.flush() ? 1 : 0;
        }
        assertEquals(12, steps);
        assertEquals(12, stream.steps());
        assertEquals(80, stream.rows());
        assertArrayEquals(flatParams(a), flatParams(b), 0.0);
    }

    /** Offsets o_i = 0.4 sin(i) + 1.5 (i mod 3): not constant, not a function of the inputs. */
    private static double[] offsets(int n) {
        final double[] o = new double[n];
        for (int i = 0; i < n; i++) {
            o[i] = 0.4 * Math.sin(i) + 1.5 * (i % 3);
        }
        return o;
    }

    /** With offsets: a Poisson stream equals in-order mini-batch training with the same offsets, to the bit. */
    @Test
    void aStreamWithOffsetsEqualsInOrderMiniBatchTrainingWithThem() {
        final PoissonFamily poisson = new PoissonFamily();
        final DMatrixRMaj x = x(), y = TrainerTest.targets(poisson, x);
        final double[] w = weights(), o = offsets(x.numRows);
        final int batch = 7, passes = 2;
        final Sequential a = TrainerTest.net(1), b = TrainerTest.net(1), c = TrainerTest.net(1);
        new Trainer(passes).withBatchSize(batch).withShuffle(false).fit(a, poisson, new AdamOptimizer(0.03), x, y, w, o);
        final IncrementalTrainer stream = new Trainer(1).withBatchSize(batch).incremental(b, poisson,
                new AdamOptimizer(0.03), 2, true);
        for (int p = 0; p < passes; p++) {
            for (int i = 0; i < x.numRows; i++) {
                stream.add(new double[] {x.get(i, 0), x.get(i, 1)}, new double[] {y.get(i, 0)}, w[i], o[i]);
            }
            stream.flush();
        }
        assertEquals(12, stream.steps());
        assertArrayEquals(flatParams(a), flatParams(b), 0.0);
        // and the offsets reached the steps: without them the same stream ends elsewhere
        new Trainer(passes).withBatchSize(batch).withShuffle(false).fit(c, poisson, new AdamOptimizer(0.03), x, y, w);
        assertFalse(java.util.Arrays.equals(flatParams(a), flatParams(c)), "offsets made no difference");
    }

    /**
     * An offset c x1 in a GLM stream is x1's coefficient moved by c: SGD from (b, w1, w2) with the offset follows SGD
     * from (b, w1 + c, w2) without it step for step, since eta, mu and the gradient are the same at every row.
     */
    @Test
    void aStreamOffsetOfCTimesAnInputMovesItsCoefficientByC() {
        final PoissonFamily poisson = new PoissonFamily();
        final DMatrixRMaj x = x(), y = TrainerTest.targets(poisson, x);
        final double[] w = weights();
        final double c = 0.7;
        final Sequential with = Sequential.mlp(2, new int[0], Activation.Identity::new, 1, new Random(8));
        final Sequential without = with.copy();
        final Linear moved = (Linear) without.layers().get(0);
        moved.weight().value().data[0] += c;
        final IncrementalTrainer s1 = new Trainer(1).withBatchSize(5).incremental(with, poisson, new SgdOptimizer(0.05), 2, true);
        final IncrementalTrainer s2 = new Trainer(1).withBatchSize(5).incremental(without, poisson, new SgdOptimizer(0.05), 2);
        for (int p = 0; p < 3; p++) {
            for (int i = 0; i < x.numRows; i++) {
                final double[] xi = {x.get(i, 0), x.get(i, 1)};
                s1.add(xi, new double[] {y.get(i, 0)}, w[i], c * xi[0]);
                s2.add(xi, new double[] {y.get(i, 0)}, w[i]);
            }
        }
        final Linear lin = (Linear) with.layers().get(0);
        assertEquals(moved.bias().value().data[0], lin.bias().value().data[0], 1e-12);
        assertEquals(moved.weight().value().data[0], lin.weight().value().data[0] + c, 1e-12);
        assertEquals(moved.weight().value().data[1], lin.weight().value().data[1], 1e-12);
    }

    @Test
    void aStreamWithOffsetsRefusesABadOffsetAndTheOtherAdd() {
        final IncrementalTrainer s = new Trainer(1).withBatchSize(2).incremental(TrainerTest.net(1), new PoissonFamily(),
                new SgdOptimizer(0.1), 2, true);
        Exception e = assertThrows(IllegalArgumentException.class,
                () -> s.add(new double[] {0.1, 0.2}, new double[] {1}, 1.0, Double.NaN));
        assertTrue(e.getMessage().contains("Stream row 1: offset NaN is not finite"), e.getMessage());
        assertEquals(0, s.rows());
        e = assertThrows(IllegalArgumentException.class, () -> s.add(new double[] {0.1, 0.2}, new double[] {1}, 1.0));
        assertTrue(e.getMessage().contains("takes an offset"), e.getMessage());
        final IncrementalTrainer plain = new Trainer(1).withBatchSize(2).incremental(TrainerTest.net(1), new PoissonFamily(),
                new SgdOptimizer(0.1), 2);
        e = assertThrows(IllegalArgumentException.class, () -> plain.add(new double[] {0.1, 0.2}, new double[] {1}, 1.0, 0.5));
        assertTrue(e.getMessage().contains("without offsets"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Trainer(1).withBatchSize(2).incremental(
                TrainerTest.net(3), new CategoricalFamily(), new SgdOptimizer(0.1), 2, true));
        assertTrue(e.getMessage().contains("one-output family"), e.getMessage());
    }

    /**
     * The end of stream's check covers the rows of the steps before the last one too (NeuralGLMFuzzTest, seed 663086: a
     * stream's last step left its own batch's outputs finite and those of rows learned a few steps before -Infinity). A
     * Gaussian GLM at 0 with SGD at lr 1 learns row A (x = 1e154, y = 0: gradient 0, no change), then row B (x = 1,
     * y = 1e154), which steps to w = b = 1e154: B's loss (1e154)^2 / 2 = 5e307 is finite, A's eta 1e308 gives
     * (1e308)^2 / 2, which is not.
     */
    @Test
    void theEndOfStreamCheckCoversTheRowsOfEarlierSteps() {
        final Sequential net = Sequential.mlp(1, new int[0], Activation.Identity::new, 1, new Random(1));
        final Linear lin = (Linear) net.layers().get(0);
        lin.weight().value().data[0] = 0;
        lin.bias().value().data[0] = 0;
        final IncrementalTrainer s = new Trainer(1).withBatchSize(1).incremental(net, GAUSSIAN, new SgdOptimizer(1.0), 1);
        assertTrue(s.add(new double[] {1e154}, new double[] {0}, 1.0), "row A's step");
        assertEquals(0.0, lin.weight().value().data[0], 0.0, "A's gradient is 0");
        assertTrue(s.add(new double[] {1}, new double[] {1e154}, 1.0), "row B's step");
        assertEquals(1e154, lin.weight().value().data[0], 1e140, "the step this test means to take");
        assertEquals(1e154, lin.bias().value().data[0], 1e140, "the step this test means to take");
        final DMatrixRMaj etaB = net.predict(new DMatrixRMaj(1, 1, true, 1));
        assertTrue(Double.isFinite(GAUSSIAN.meanNll(etaB, new DMatrixRMaj(1, 1, true, 1e154), null)),
                "the last batch's own loss stays finite");
        final TrainingDivergedException e = assertThrows(TrainingDivergedException.class, s::checkLastStep);
        assertTrue(e.getMessage().contains("the mean negative log-likelihood became Infinity"), e.getMessage());
    }

    /**
     * The end of stream's check keeps exactly the last {@value IncrementalTrainer#CHECK_ROWS} rows, over 13 steps of
     * 5-row batches (the ring wraps in the middle of the last one): row A (x = 1e154, y = 0, a zero gradient at the
     * start) among them makes the check fail once the last batch's row B (x = 1, y = 1e154) has stepped the weights to
     * about 2e153; one row earlier, A has left the window and the same stream passes (the other rows, x = 0, stay
     * finite at eta = b).
     */
    @Test
    void theEndOfStreamCheckKeepsTheLastRowsOfARing() {
        for (int at = 0; at <= 1; at++) {
            final Sequential net = Sequential.mlp(1, new int[0], Activation.Identity::new, 1, new Random(1));
            final Linear lin = (Linear) net.layers().get(0);
            lin.weight().value().data[0] = 0;
            lin.bias().value().data[0] = 0;
            final IncrementalTrainer s = new Trainer(1).withBatchSize(5).incremental(net, GAUSSIAN, new SgdOptimizer(1.0), 1);
            final int rows = 65;
            for (int i = 0; i < rows; i++) {
                final double x = i == at ? 1e154 : i == rows - 1 ? 1 : 0, y = i == rows - 1 ? 1e154 : 0;
                s.add(new double[] {x}, new double[] {y}, 1.0);
            }
            assertEquals(2e153, lin.weight().value().data[0], 1e140, "the step this test means to take");
            if (at == 0) {
                s.checkLastStep();   // A is the 65th row from the end: out of the window
            } else {
                assertThrows(TrainingDivergedException.class, s::checkLastStep, "A is the 64th row from the end");
            }
        }
    }

    /**
     * Rows the network learned before the stream ({@link IncrementalTrainer#remember}: the build's) are in the end of
     * stream's check: a Gaussian GLM at 0 remembers x = 1e300, y = 0 (loss 0); one SGD step at lr 1 on x = 1, y = 1e10
     * makes w = 1e10, the stream's row stays finite and the remembered one's eta = 1e310 does not: refused, and
     * checked without the remembered row the same step passes (NeuralGLMFuzzTest, seed 2806876). A row whose loss is
     * not finite when remembered is not kept.
     */
    @Test
    void theEndOfStreamCheckCoversTheRowsRememberedFromTheBuild() {
        for (boolean remember : new boolean[] {false, true}) {
            final Sequential net = Sequential.mlp(1, new int[0], Activation.Identity::new, 1, new Random(1));
            final Linear lin = (Linear) net.layers().get(0);
            lin.weight().value().data[0] = 0;
            lin.bias().value().data[0] = 0;
            final IncrementalTrainer s = new Trainer(1).withBatchSize(1).incremental(net, GAUSSIAN, new SgdOptimizer(1.0), 1);
            if (remember) {
                assertTrue(s.remember(new double[] {1e300}, new double[] {0}, 1.0, 0), "a row of finite loss is kept");
            }
            assertTrue(s.add(new double[] {1}, new double[] {1e10}, 1.0), "a step");
            assertEquals(1e10, lin.weight().value().data[0], 1e-3, "the step this test means to take");
            if (remember) {
                final TrainingDivergedException e = assertThrows(TrainingDivergedException.class, s::checkLastStep);
                assertTrue(e.getMessage().contains("Infinity"), e.getMessage());
                // a row whose loss is not finite now (its eta overflows) is not kept
                assertEquals(false, s.remember(new double[] {1e300}, new double[] {0}, 1.0, 0));
                assertEquals(false, s.remember(new double[] {1}, new double[] {0}, 0.0, 0), "a row of weight 0");
            } else {
                s.checkLastStep();
            }
        }
    }

    /**
     * A step whose parameters stay finite but whose outputs do not (found by NeuralGLMFuzzTest, seed 84843: a stream's
     * last step left a model predicting NaN everywhere), refused by the end of stream's check of its last step. A
     * Gaussian GLM at 0 on the row x = y = 1e154 (loss 5e307, finite) takes with SGD at lr 1 the step w = 1e308,
     * b = 1e154, both finite, after which eta = w x overflows.
     */
    @Test
    void aStepWhoseOutputsOverflowIsADivergence() {
        final Sequential net = Sequential.mlp(1, new int[0], Activation.Identity::new, 1, new Random(1));
        final Linear lin = (Linear) net.layers().get(0);
        lin.weight().value().data[0] = 0;
        lin.bias().value().data[0] = 0;
        final IncrementalTrainer s = new Trainer(1).withBatchSize(1).incremental(net, GAUSSIAN, new SgdOptimizer(1.0), 1);
        assertTrue(s.add(new double[] {1e154}, new double[] {1e154}, 1.0), "a step from a finite loss");
        final TrainingDivergedException e = assertThrows(TrainingDivergedException.class, s::checkLastStep);
        assertTrue(e.getMessage().startsWith("Training diverged at epoch 0: the mean negative log-likelihood became "
                + "Infinity"), e.getMessage());
        assertEquals(1e308, lin.weight().value().data[0], 1e294, "the step this test means to take");
        for (double v : flatParams(net)) {
            assertTrue(Double.isFinite(v), "the parameters stay finite: " + v);
        }
        // the outputs may stay finite while the loss does not: x = y = 1e100 steps to w = 1e200, eta = 1e300, and
        // (y - eta)^2 / 2 overflows
        final Sequential g = Sequential.mlp(1, new int[0], Activation.Identity::new, 1, new Random(1));
        final Linear gl = (Linear) g.layers().get(0);
        gl.weight().value().data[0] = 0;
        gl.bias().value().data[0] = 0;
        final IncrementalTrainer gs = new Trainer(1).withBatchSize(2).incremental(g, GAUSSIAN, new SgdOptimizer(1.0), 1);
        assertFalse(gs.add(new double[] {1e100}, new double[] {1e100}, 1.0));
        final TrainingDivergedException ge = assertThrows(TrainingDivergedException.class, gs::flush,
                "flush checks the step it takes");
        assertTrue(ge.getMessage().startsWith("Training diverged at epoch 0: the mean negative log-likelihood became "
                + "Infinity"), ge.getMessage());
        assertTrue(Double.isFinite(g.predict(new DMatrixRMaj(1, 1, true, 1e100)).data[0]), "the output stays finite");
        // an ordinary step passes the check
        final IncrementalTrainer ok = new Trainer(1).withBatchSize(1).incremental(Sequential.mlp(1, new int[0],
                Activation.Identity::new, 1, new Random(1)), new PoissonFamily(), new SgdOptimizer(0.01), 1);
        assertTrue(ok.add(new double[] {1}, new double[] {3}, 1.0));
        ok.checkLastStep();
        assertEquals(1, ok.steps());
    }

    @Test
    void aGaussianGlmStreamIsPlainSgdOnEachBatch() {
        final DMatrixRMaj x = x(), y = y();
        final double[] w = weights();
        final Sequential net = Sequential.mlp(2, new int[0], Activation.Identity::new, 1, new Random(8));
        final Linear lin = (Linear) net.layers().get(0);
        final double[] theta = {lin.bias().value().data[0], lin.weight().value().data[0], lin.weight().value().data[1]};
        final double lr = 0.1;
        final int batch = 6;
        final IncrementalTrainer stream = new Trainer(1).withBatchSize(batch).incremental(net, GAUSSIAN, new SgdOptimizer(lr), 2);
        for (int start = 0; start < x.numRows; start += batch) {
            // by hand: theta -= lr * sum_B (w_i / sum_B w) (eta_i - y_i) (1, x_i)
            final int end = Math.min(x.numRows, start + batch);
            double sw = 0;
            for (int i = start; i < end; i++) {
                sw += w[i];
            }
            final double[] g = new double[3];
            for (int i = start; i < end; i++) {
                final double r = (theta[0] + theta[1] * x.get(i, 0) + theta[2] * x.get(i, 1) - y.get(i, 0)) * w[i] / sw;
                g[0] += r;
                g[1] += r * x.get(i, 0);
                g[2] += r * x.get(i, 1);
            }
            for (int j = 0; j < 3; j++) {
                theta[j] -= lr * g[j];
            }
            for (int i = start; i < end; i++) {
                stream.add(new double[] {x.get(i, 0), x.get(i, 1)}, new double[] {y.get(i, 0)}, w[i]);
            }
        }
        stream.flush();
        assertEquals(theta[0], lin.bias().value().data[0], 1e-12);
        assertEquals(theta[1], lin.weight().value().data[0], 1e-12);
        assertEquals(theta[2], lin.weight().value().data[1], 1e-12);
    }

    @Test
    void aStreamRefusesBadRowsByNumberAndSkipsZeroWeightBatches() {
        final Sequential net = TrainerTest.net(1);
        final double[] before = flatParams(net);
        final IncrementalTrainer s = new Trainer(1).withBatchSize(2).incremental(net, new PoissonFamily(), new SgdOptimizer(0.1), 2);
        assertFalse(s.add(new double[] {0.1, 0.2}, new double[] {1}, 0.0));
        assertFalse(s.add(new double[] {0.3, 0.2}, new double[] {2}, 0.0));    // a batch of weight 0: no step
        assertEquals(0, s.steps());
        assertArrayEquals(before, flatParams(net), 0.0);
        Exception e = assertThrows(IllegalArgumentException.class, () -> s.add(new double[] {Double.NaN, 0}, new double[] {1}, 1));
        assertTrue(e.getMessage().contains("Stream row 3") && e.getMessage().contains("column 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.add(new double[] {0, 0}, new double[] {1}, -1));
        assertTrue(e.getMessage().contains("weight -1.0"), e.getMessage());
        assertThrows(neuralglm.family.DomainException.class, () -> s.add(new double[] {0, 0}, new double[] {-1}, 1));
        assertEquals(0, s.buffered());
        e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(1).incremental(TrainerTest.net(1), GAUSSIAN, new SgdOptimizer(0.1), 2));
        assertTrue(e.getMessage().contains("mini-batch size >= 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(1).withBatchSize(4).incremental(TrainerTest.net(1), GAUSSIAN, new LbfgsOptimizer(1e-9, 10, 0), 2));
        assertTrue(e.getMessage().contains("full batch"), e.getMessage());
    }

    @Test
    void averagingGlmsAveragesTheirLinearPredictors() {
        final Sequential a = Sequential.mlp(3, new int[0], Activation.Identity::new, 2, new Random(1));
        final Sequential b = Sequential.mlp(3, new int[0], Activation.Identity::new, 2, new Random(2));
        final Sequential c = Sequential.mlp(3, new int[0], Activation.Identity::new, 2, new Random(3));
        final double[] pa = flatParams(a), pb = flatParams(b), pc = flatParams(c);
        final DMatrixRMaj x = new DMatrixRMaj(5, 3);
        final Random rng = new Random(4);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = rng.nextGaussian();
        }
        final DMatrixRMaj ea = a.predict(x), eb = b.predict(x), ec = c.predict(x);
        final Sequential sum = Sequential.mlp(3, new int[0], Activation.Identity::new, 2, new Random(1));
        ParameterAveraging.add(sum, b);
        ParameterAveraging.add(sum, c);
        ParameterAveraging.scale(sum, 1.0 / 3);
        final double[] avg = flatParams(sum);
        for (int i = 0; i < avg.length; i++) {
            assertEquals((pa[i] + pb[i] + pc[i]) / 3, avg[i], 1e-15);
        }
        final DMatrixRMaj e = sum.predict(x);
        for (int i = 0; i < e.data.length; i++) {
            assertEquals((ea.data[i] + eb.data[i] + ec.data[i]) / 3, e.data[i], 1e-12, "eta is affine in theta");
        }
        final Sequential other = Sequential.mlp(3, new int[] {2}, Activation.Tanh::new, 2, new Random(1));
        final Exception ex = assertThrows(IllegalArgumentException.class, () -> ParameterAveraging.add(sum, other));
        assertTrue(ex.getMessage().contains("architectures differ"), ex.getMessage());
    }
}

package neuralglm.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import neuralglm.family.Family;
import neuralglm.family.GaussianFamily;
import neuralglm.family.PoissonFamily;
import neuralglm.fixture.NotebookTable;
import neuralglm.nn.Activation;
import neuralglm.nn.Precision;
import neuralglm.nn.Sequential;
import neuralglm.optim.SgdOptimizer;
import neuralglm.testutil.NotebookFixture;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Training with {@link Trainer#withPrecision} FLOAT32: a short run's loss trace stays close to float64's (full
 * batch, mini-batches, two threads), divergence is still reported, and the notebook fixture's match in float32
 * is printed (its float64 match is asserted at 1e-9 in {@link NotebookFixtureTest}; float32 rounding, amplified
 * by 5000 steps, is asserted only loosely).
 */
class Float32TrainingTest {

    /** 300 rows, 3 inputs in (-1, 1), Poisson counts with eta = 0.2 + x1 - x2 + 0.5 tanh(2 x3). */
    private static DMatrixRMaj[] data() {
        final Random rng = new Random(4);
        final int n = 300;
        final DMatrixRMaj x = new DMatrixRMaj(n, 3), y = new DMatrixRMaj(n, 1);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 3; k++) {
                x.set(i, k, 2 * rng.nextDouble() - 1);
            }
            final double mu = Math.exp(0.2 + x.get(i, 0) - x.get(i, 1) + 0.5 * Math.tanh(2 * x.get(i, 2)));
            double prod = rng.nextDouble();
            int k = 0;
            while (prod > Math.exp(-mu)) {
                prod *= rng.nextDouble();
                k++;
            }
            y.data[i] = k;
        }
        return new DMatrixRMaj[] {x, y};
    }

    @ParameterizedTest(name = "batch size {0}")
    @ValueSource(ints = {0, 32, 100})
    void shortTraceIsCloseToFloat64(int batch) {
        final DMatrixRMaj[] xy = data();
        for (int threads : new int[] {1, 2}) {
            final Trainer t = new Trainer(40).withBatchSize(batch).withThreads(threads);
            final Sequential a = Sequential.mlp(3, new int[] {24, 16}, Activation.ReLU::new, 1, new Random(9));
            final Sequential b = a.copy();
            final TrainingResult r64 = t.fit(a, new PoissonFamily(), new SgdOptimizer(0.05), xy[0], xy[1], null);
            final TrainingResult r32 = t.withPrecision(Precision.FLOAT32).fit(b, new PoissonFamily(), new SgdOptimizer(0.05),
                    xy[0], xy[1], null);
            double worst = 0;
            for (int e = 0; e < 40; e++) {
                worst = Math.max(worst, Math.abs(r32.lossTrace()[e] - r64.lossTrace()[e]) / Math.abs(r64.lossTrace()[e]));
            }
            assertTrue(worst < 1e-5, "batch " + batch + ", threads " + threads + ": trace differs by " + worst);
            assertTrue(worst > 0, "float32 ran in float (the traces differ by rounding)");
            assertEquals(r64.finalLoss(), r32.finalLoss(), 1e-5 * Math.abs(r64.finalLoss()));
        }
    }

    @ParameterizedTest(name = "batch size {0}")
    @ValueSource(ints = {0, 32})
    void divergenceIsStillReported(int batch) {
        final DMatrixRMaj[] xy = data();
        final Sequential net = Sequential.mlp(3, new int[] {24}, Activation.ReLU::new, 1, new Random(9));
        final TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> new Trainer(200)
                .withBatchSize(batch).withPrecision(Precision.FLOAT32)
                .fit(net, new PoissonFamily(), new SgdOptimizer(1e3), xy[0], xy[1], null));
        assertTrue(e.getMessage().startsWith("Training diverged at epoch "), e.getMessage());
    }

    /** A Gaussian network whose float outputs overflow (finite in double) stops as diverged, not with a NaN model. */
    @Test
    void floatOverflowIsReportedAsDivergence() {
        final DMatrixRMaj[] xy = data();
        final DMatrixRMaj y = xy[1].copy();
        for (int i = 0; i < y.data.length; i++) {
            y.data[i] *= 1e20;
        }
        final Sequential net = Sequential.mlp(3, new int[] {24}, Activation.ReLU::new, 1, new Random(9));
        assertThrows(TrainingDivergedException.class, () -> new Trainer(100).withPrecision(Precision.FLOAT32)
                .fit(net, new GaussianFamily(), new SgdOptimizer(0.5), xy[0], y, null));
    }

    /** The notebook's three runs in float32 against the float64 PyTorch traces: printed, and loosely asserted. */
    @ParameterizedTest
    @ValueSource(strings = {"gaussian", "categorical", "poisson"})
    void notebookFixtureInFloat32(String fam) throws Exception {
        final NotebookTable d = NotebookFixture.load();
        final Sequential net = NotebookFixtureTest.notebookNet(fam);
        final double[] ref = NotebookFixture.trace(fam);
        final Family f = NotebookFixtureTest.family(fam);
        final TrainingResult r = new Trainer(5000).withPrecision(Precision.FLOAT32).fit(net, f, new SgdOptimizer(0.2),
                d.inputs(), d.targets(fam), null);
        double first = 0, all = 0;
        for (int i = 0; i < 5000; i++) {
            final double rel = Math.abs(r.lossTrace()[i] - ref[i]) / Math.abs(ref[i]);
            all = Math.max(all, rel);
            if (i < 100) {
                first = Math.max(first, rel);
            }
        }
        final double fin = Math.abs(r.finalLoss() - ref[5000]) / Math.abs(ref[5000]);
        System.out.printf("fixture float32 %-11s: max rel error %.3e over the first 100 steps, %.3e over 5000; final NLL %.6f vs %.6f (rel %.3e)%n",
                fam, first, all, r.finalLoss(), ref[5000], fin);
        assertTrue(first < 1e-5, "first 100 steps differ by " + first);
        assertTrue(fin < 0.05, "final NLL differs by " + fin);
    }
}

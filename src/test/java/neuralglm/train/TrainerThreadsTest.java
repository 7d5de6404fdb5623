package neuralglm.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import neuralglm.family.PoissonFamily;
import neuralglm.fixture.NotebookTable;
import neuralglm.nn.Activation;
import neuralglm.nn.Parameter;
import neuralglm.nn.Sequential;
import neuralglm.optim.SgdOptimizer;
import neuralglm.testutil.NotebookFixture;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Data-parallel training ({@link Trainer#withThreads}): against the PyTorch reference trace, run to
 * run reproducibility for a fixed thread count, and agreement with one thread (rounding only).
 */
class TrainerThreadsTest {

    @ParameterizedTest
    @CsvSource({"categorical,2,5000", "categorical,3,5000", "gaussian,2,1000", "poisson,2,1000", "poisson,4,1000"})
    void threadsReproduceThePyTorchTrace(String fam, int threads, int strict) throws Exception {
        final NotebookTable data = NotebookFixture.load();
        final Sequential net = NotebookFixtureTest.notebookNet(fam);
        final double[] ref = NotebookFixture.trace(fam);
        final TrainingResult r = new Trainer(strict).withThreads(threads).fit(net, NotebookFixtureTest.family(fam),
                new SgdOptimizer(0.2), data.inputs(), data.targets(fam), null);
        double worst = 0;
        for (int i = 0; i < strict; i++) {
            worst = Math.max(worst, Math.abs(r.lossTrace()[i] - ref[i]) / Math.abs(ref[i]));
        }
        assertTrue(worst <= 1e-9, threads + " threads: trace differs from PyTorch's by " + worst);
    }

    private static Sequential smallNet(int inputs) {
        return Sequential.mlp(inputs, new int[] {7, 5}, Activation.Tanh::new, 1, new Random(3));
    }

    /** Poisson data with uneven instance weights, some zero. */
    private static DMatrixRMaj[] poissonData(int n, int d, double[] w) {
        final Random rng = new Random(11);
        final DMatrixRMaj x = new DMatrixRMaj(n, d), y = new DMatrixRMaj(n, 1);
        for (int i = 0; i < n; i++) {
            double eta = 0.3;
            for (int j = 0; j < d; j++) {
                x.set(i, j, rng.nextGaussian());
                eta += 0.4 * x.get(i, j) / (j + 1);
            }
            final double limit = Math.exp(-Math.exp(eta));
            int k = 0;
            for (double p = rng.nextDouble(); p > limit; p *= rng.nextDouble()) {
                k++;
            }
            y.set(i, 0, k);
            w[i] = i % 7 == 0 ? 0.0 : 0.5 + rng.nextDouble();
        }
        return new DMatrixRMaj[] {x, y};
    }

    private static double[] values(Sequential net) {
        return net.parameters().stream().flatMapToDouble(p -> java.util.Arrays.stream(p.value().data, 0, p.size())).toArray();
    }

    /**
     * Weights that are all 1 train as no weights (the batches' weights are not gathered then), to the bit, on 1
     * and 2 threads, and so do weights that are all 2 (gathered before each step; every weighted sum is then twice
     * the unweighted one exactly, and so is the total weight).
     */
    @Test
    void unitWeightsTrainAsNoWeights() {
        final int n = 301, d = 4;
        final DMatrixRMaj[] xy = poissonData(n, d, new double[n]);
        final double[] ones = new double[n];
        java.util.Arrays.fill(ones, 1.0);
        for (int threads = 1; threads <= 2; threads++) {
            final Trainer t = new Trainer(6).withBatchSize(64).withSeed(5).withThreads(threads);
            final Sequential a = smallNet(d), b = smallNet(d);
            final TrainingResult ra = t.fit(a, new PoissonFamily(), new SgdOptimizer(0.05), xy[0], xy[1], null);
            final TrainingResult rb = t.fit(b, new PoissonFamily(), new SgdOptimizer(0.05), xy[0], xy[1], ones);
            assertArrayEquals(values(a), values(b), 0.0, threads + " threads");
            assertArrayEquals(ra.lossTrace(), rb.lossTrace(), 0.0, threads + " threads");
            // all 2: gathered by the permutation before each step, and every sum scaled by 2 exactly: the same bits
            final double[] twos = new double[n];
            java.util.Arrays.fill(twos, 2.0);
            final Sequential c = smallNet(d);
            final TrainingResult rc = t.fit(c, new PoissonFamily(), new SgdOptimizer(0.05), xy[0], xy[1], twos);
            assertArrayEquals(values(a), values(c), 0.0, threads + " threads, weights 2");
            assertArrayEquals(ra.lossTrace(), rc.lossTrace(), 0.0, threads + " threads, weights 2");
        }
    }

    @Test
    void aThreadCountIsReproducibleAndAgreesWithOneThread() {
        final int n = 301, d = 4;
        final double[] w = new double[n];
        final DMatrixRMaj[] xy = poissonData(n, d, w);
        final Trainer base = new Trainer(30).withBatchSize(64).withSeed(5);
        final Sequential one = smallNet(d), a = smallNet(d), b = smallNet(d);
        final TrainingResult r1 = base.fit(one, new PoissonFamily(), new SgdOptimizer(0.05, 0.9, false, 0.0), xy[0], xy[1], w);
        final TrainingResult ra = base.withThreads(3).fit(a, new PoissonFamily(), new SgdOptimizer(0.05, 0.9, false, 0.0), xy[0], xy[1], w);
        final TrainingResult rb = base.withThreads(3).fit(b, new PoissonFamily(), new SgdOptimizer(0.05, 0.9, false, 0.0), xy[0], xy[1], w);
        assertArrayEquals(ra.lossTrace(), rb.lossTrace(), 0.0, "3 threads, run to run");
        assertArrayEquals(values(a), values(b), 0.0, "3 threads, run to run");
        final double[] t1 = r1.lossTrace(), t3 = ra.lossTrace();
        for (int e = 0; e < t1.length; e++) {
            assertEquals(t1[e], t3[e], 1e-10 * Math.abs(t1[e]), "epoch " + e + ": 1 vs 3 threads");
        }
        final double[] v1 = values(one), v3 = values(a);
        for (int i = 0; i < v1.length; i++) {
            assertEquals(v1[i], v3[i], 1e-9, "parameter " + i + ": 1 vs 3 threads");
        }
    }

    @Test
    void moreThreadsThanRowsStillTrain() {
        final int n = 3, d = 2;
        final double[] w = new double[n];
        final DMatrixRMaj[] xy = poissonData(n, d, w);
        final Sequential one = smallNet(d), many = smallNet(d);
        final TrainingResult r1 = new Trainer(5).fit(one, new PoissonFamily(), new SgdOptimizer(0.1), xy[0], xy[1], null);
        final TrainingResult r8 = new Trainer(5).withThreads(8).fit(many, new PoissonFamily(), new SgdOptimizer(0.1), xy[0], xy[1], null);
        for (int e = 0; e < 5; e++) {
            assertEquals(r1.lossTrace()[e], r8.lossTrace()[e], 1e-12 * Math.abs(r1.lossTrace()[e]));
        }
        for (Parameter p : many.parameters()) {
            assertTrue(java.util.Arrays.stream(p.value().data).allMatch(Double::isFinite), p.name());
        }
    }

    @Test
    void refusesZeroThreads() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Trainer(1).withThreads(0));
        assertTrue(e.getMessage().contains("threads"), e.getMessage());
    }
}

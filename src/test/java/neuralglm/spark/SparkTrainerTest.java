package neuralglm.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import neuralglm.family.Family;
import neuralglm.family.GammaFamily;
import neuralglm.family.GaussianFamily;
import neuralglm.family.PoissonFamily;
import neuralglm.nn.Activation;
import neuralglm.nn.Parameter;
import neuralglm.nn.Sequential;
import neuralglm.optim.AdamOptimizer;
import neuralglm.optim.LbfgsOptimizer;
import neuralglm.optim.Optimizer;
import neuralglm.optim.SgdOptimizer;
import neuralglm.testutil.ReferenceGlm;
import neuralglm.testutil.Simulate;
import neuralglm.train.Trainer;
import neuralglm.train.TrainingResult;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The distributed loop against the single-machine {@link Trainer} on the same rows, initial weights
 * and optimiser (Spark local[2], 4 partitions, chunks of 37 rows so that every partition has several
 * chunks and a ragged last one), and the L-BFGS GLM against an independent IRLS.
 */
class SparkTrainerTest {
    private static final int N = 400;
    private static final int D = 4;

    private static SparkSession spark;
    private static JavaSparkContext sc;
    private static DMatrixRMaj x;
    private static DMatrixRMaj y;
    private static double[] w;
    private static double[][] rows;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start(2);
        sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        final Random rng = new Random(42);
        rows = Simulate.normalCovariates(rng, N, D);
        final double[] beta = {0.3, 0.2, -0.3, 0.1, 0.25};
        x = new DMatrixRMaj(N, D);
        y = new DMatrixRMaj(N, 1);
        for (int i = 0; i < N; i++) {
            double eta = beta[0];
            for (int j = 0; j < D; j++) {
                x.set(i, j, rows[i][j]);
                eta += beta[j + 1] * rows[i][j];
            }
            y.data[i] = Simulate.poisson(rng, Math.exp(eta));
        }
        w = Simulate.weights(rng, N);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static Sequential network(int[] hidden, long seed) {
        return Sequential.mlp(D, hidden, () -> Activation.byName("Tanh"), 1, new Random(seed));
    }

    private static double[] values(Sequential net) {
        return neuralglm.nn.Parameters.flatten(net.parameters());
    }

    /** Trains two identical networks, one per loop, and returns both results. */
    private static TrainingResult[] both(Optimizer opt, int epochs, int[] hidden, Sequential local, Sequential distributed) {
        final Family family = new PoissonFamily();
        final TrainingResult single = new Trainer(epochs).fit(local, family, opt, x, y, w);
        try (DistributedData data = DistributedData.of(sc, x, y, w, 4, 37, family)) {
            assertEquals(4, data.numPartitions());
            final TrainingResult spread = new SparkTrainer(family).withOptimizer(opt).withEpochs(epochs).fit(data, distributed);
            return new TrainingResult[] {single, spread};
        }
    }

    private static void assertRelative(double[] expected, double[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + ": lengths");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tol * Math.max(Math.abs(expected[i]), 1e-300),
                    what + " [" + i + "]: " + expected[i] + " vs " + actual[i]);
        }
    }

    @Test
    void fullBatchSgdWithMomentumFollowsTheSingleMachineTraceOn4Partitions() {
        final int[] hidden = {6};
        final Sequential a = network(hidden, 7), b = network(hidden, 7);
        assertArrayEquals(values(a), values(b));
        final TrainingResult[] r = both(new SgdOptimizer(0.05, 0.9, false, 0.0), 40, hidden, a, b);
        assertEquals(40, r[1].epochs());
        assertRelative(r[0].lossTrace(), r[1].lossTrace(), 1e-10, "loss trace");
        assertEquals(r[0].finalLoss(), r[1].finalLoss(), 1e-10 * r[0].finalLoss());
        assertTrue(r[1].finalLoss() < r[1].lossTrace()[0], "training lowered the loss");
        assertRelative(values(a), values(b), 1e-9, "parameters");
    }

    @Test
    void fullBatchAdamFollowsTheSingleMachineTrace() {
        final int[] hidden = {5, 3};
        final Sequential a = network(hidden, 11), b = network(hidden, 11);
        final TrainingResult[] r = both(new AdamOptimizer(0.01), 25, hidden, a, b);
        assertRelative(r[0].lossTrace(), r[1].lossTrace(), 1e-10, "loss trace");
        assertRelative(values(a), values(b), 1e-9, "parameters");
    }

    @Test
    void lbfgsGlmEqualsTheSingleMachineFitAndIrls() {
        final int[] none = {};
        final Sequential a = network(none, 3), b = network(none, 3);
        final TrainingResult[] r = both(new LbfgsOptimizer(1e-10, 10, 0.0), 200, none, a, b);
        assertTrue(r[0].converged() && r[1].converged(), "both L-BFGS runs converged: " + r[0] + " " + r[1]);
        final double[] local = coefficients(a), spread = coefficients(b);
        final double[] irls = ReferenceGlm.irls(ReferenceGlm.poisson(), rows, y.data, w).coefficients();
        final double scale = neuralglm.testutil.Numeric.maxAbs(irls);
        for (int j = 0; j <= D; j++) {
            assertEquals(local[j], spread[j], 1e-8 * scale, "coefficient " + j + " vs single machine");
            assertEquals(irls[j], spread[j], 1e-8 * scale, "coefficient " + j + " vs IRLS");
        }
    }

    /**
     * Early stopping on Spark is the single-machine loop's: the same held-out rows (here the local
     * trainer's own split, distributed), the same validation trace, stopping epoch and kept weights.
     */
    @Test
    void earlyStoppingFollowsTheSingleMachineLoop() {
        final Family family = new PoissonFamily();
        final int[] hidden = {8};
        final Sequential a = network(hidden, 5), b = network(hidden, 5);
        final Optimizer opt = new AdamOptimizer(0.08);
        final TrainingResult single = new Trainer(300).withSeed(9).withValidation(0.3, 4).fit(a, family, opt, x, y, w);
        final neuralglm.train.ValidationSplit split = neuralglm.train.ValidationSplit.of(family, y, 0.3, 9);
        final int[] t = split.train(), v = split.validation();
        final TrainingResult spread;
        try (DistributedData train = DistributedData.of(sc, neuralglm.train.ValidationSplit.rows(x, t),
                neuralglm.train.ValidationSplit.rows(y, t), neuralglm.train.ValidationSplit.rows(w, t), 4, 37, family);
             DistributedData validation = DistributedData.of(sc, neuralglm.train.ValidationSplit.rows(x, v),
                     neuralglm.train.ValidationSplit.rows(y, v), neuralglm.train.ValidationSplit.rows(w, v), 3, 37, family)) {
            spread = new SparkTrainer(family).withOptimizer(opt).withEpochs(300).withValidation(0.3, 4)
                    .fit(train, validation, b);
        }
        assertEquals(neuralglm.train.StopReason.NO_IMPROVEMENT, single.stopReason(), single.toString());
        assertEquals(single.stopReason(), spread.stopReason());
        assertEquals(single.epochs(), spread.epochs());
        assertEquals(single.bestEpoch(), spread.bestEpoch());
        assertRelative(single.validationTrace(), spread.validationTrace(), 1e-9, "validation trace");
        assertRelative(single.lossTrace(), spread.lossTrace(), 1e-9, "loss trace");
        assertRelative(values(a), values(b), 1e-8, "kept parameters");
    }

    /** A Spark run resumed to a new epoch total equals one run to that total; divergence reads as on one machine. */
    @Test
    void aSparkRunResumesAndDivergesAsOnOneMachine() {
        final Family family = new PoissonFamily();
        final int[] hidden = {4};
        final Sequential a = network(hidden, 13), b = network(hidden, 13);
        try (DistributedData data = DistributedData.of(sc, x, y, w, 4, 37, family)) {
            final SparkTrainer trainer = new SparkTrainer(family).withOptimizer(new AdamOptimizer(0.02)).withBatchSize(64).withEpochs(3);
            final TrainingResult whole = trainer.withEpochs(7).fit(data, a);
            final TrainingResult resumed;
            try (neuralglm.train.TrainingSession s = trainer.start(data, null, b)) {
                while (s.runEpoch()) {
                    // to 3
                }
                assertEquals(3, s.epoch());
                s.setEpochLimit(7);
                while (s.runEpoch()) {
                    // on to 7
                }
                resumed = s.finish();
            }
            assertArrayEquals(whole.lossTrace(), resumed.lossTrace(), 0.0);
            assertArrayEquals(values(a), values(b), 0.0);
            final Sequential c = network(hidden, 13), d = network(hidden, 13);
            final Optimizer wild = new SgdOptimizer(1e6, 0.0, false, 0.0);
            final Exception local = org.junit.jupiter.api.Assertions.assertThrows(neuralglm.train.TrainingDivergedException.class,
                    () -> new Trainer(20).fit(c, family, wild, x, y, w));
            final Exception spread = org.junit.jupiter.api.Assertions.assertThrows(neuralglm.train.TrainingDivergedException.class,
                    () -> new SparkTrainer(family).withOptimizer(wild).withEpochs(20).fit(data, d));
            assertTrue(spread.getMessage().startsWith("Training diverged at epoch "), spread.getMessage());
            assertTrue(local.getMessage().contains("Try a smaller learning rate") && spread.getMessage().contains("Try a smaller learning rate"),
                    local.getMessage() + " / " + spread.getMessage());
        }
    }

    /**
     * The one extra pass after training: chi2, D and sum w over 4 partitions (ragged chunks) give the
     * Pearson and deviance dispersion of the single-machine FittedDispersion on the same network, rows and
     * weights (p = the parameter count for a GLM, 0 for a network), and the Gaussian Pearson sum equals
     * sum w (y - mu)^2 written out here.
     */
    @Test
    void dispersionSumsGiveTheSingleMachinePearsonAndDevianceDispersion() {
        final Random rng = new Random(5);
        final DMatrixRMaj gaussianY = new DMatrixRMaj(N, 1), gammaY = new DMatrixRMaj(N, 1);
        for (int i = 0; i < N; i++) {
            final double eta = 0.2 + 0.3 * x.get(i, 0) - 0.2 * x.get(i, 1);
            gaussianY.data[i] = 1 + eta + 0.5 * rng.nextGaussian();
            gammaY.data[i] = Simulate.gamma(rng, 3.0, Math.exp(eta) / 3.0);
        }
        final Family[] families = {new GaussianFamily(), new GammaFamily(neuralglm.family.Link.LOG)};
        final DMatrixRMaj[] targets = {gaussianY, gammaY};
        for (int f = 0; f < families.length; f++) {
            for (int[] hidden : new int[][] {{}, {3}}) {
                final Sequential net = network(hidden, 9);
                final int p = hidden.length == 0 ? net.numParameters() : 0;
                final neuralglm.dist.DispersionSums sums;
                try (DistributedData data = DistributedData.of(sc, x, targets[f], w, 4, 37, families[f])) {
                    sums = new SparkTrainer(families[f]).dispersionSums(data, net);
                }
                assertEquals(p, sums.numParameters());
                final DMatrixRMaj eta = net.predict(x);
                final String what = families[f] + " hidden " + java.util.Arrays.toString(hidden);
                for (neuralglm.dist.FittedDispersion.Estimate e : new neuralglm.dist.FittedDispersion.Estimate[] {
                    neuralglm.dist.FittedDispersion.Estimate.PEARSON, neuralglm.dist.FittedDispersion.Estimate.DEVIANCE}) {
                    final double single = neuralglm.dist.FittedDispersion.fit(e, families[f], eta, targets[f], w, p).phi();
                    final double spread = neuralglm.dist.FittedDispersion.fromSums(e, families[f], sums).phi();
                    assertTrue(single > 0 && Double.isFinite(single), what + " " + e + ": " + single);
                    assertEquals(single, spread, 1e-10 * single, what + " " + e);
                    System.out.printf(java.util.Locale.ROOT, "dispersion %s %s: single %.17g spark %.17g rel %.2e%n",
                            what, e, single, spread, Math.abs(spread - single) / single);
                }
                if (f == 0) {
                    double chi2 = 0, sw = 0;
                    for (int i = 0; i < N; i++) {
                        chi2 += w[i] * Math.pow(targets[f].data[i] - eta.data[i], 2);
                        sw += w[i];
                    }
                    assertEquals(chi2, sums.pearsonChiSquare(), 1e-10 * chi2);
                    assertEquals(chi2, sums.deviance(), 1e-10 * chi2, "Gaussian deviance is the residual sum of squares");
                    assertEquals(sw, sums.totalWeight(), 1e-12 * sw);
                }
            }
        }
        try (DistributedData data = DistributedData.of(sc, x, y, w, 2, 37, new PoissonFamily())) {
            assertEquals(null, new SparkTrainer(new PoissonFamily()).dispersionSums(data, network(new int[0], 1)),
                    "no pass for a family that fixes the dispersion");
        }
    }

    /** @return (intercept, slopes) of a GLM network */
    private static double[] coefficients(Sequential net) {
        final List<Parameter> ps = net.parameters();
        final double[] beta = new double[D + 1];
        beta[0] = ps.get(1).value().data[0];
        System.arraycopy(ps.get(0).value().data, 0, beta, 1, D);
        return beta;
    }

    @Test
    void miniBatchSgdIsReproducibleAndUsesEveryRowOncePerEpoch() {
        final int[] hidden = {4};
        final Family family = new PoissonFamily();
        final SparkTrainer trainer = new SparkTrainer(family).withOptimizer(new SgdOptimizer(0.05)).withEpochs(3)
                .withBatchSize(64).withSeed(5);
        final Sequential a = network(hidden, 2), b = network(hidden, 2);
        final TrainingResult ra, rb;
        try (DistributedData data = DistributedData.of(sc, x, y, w, 4, 37, family)) {
            ra = trainer.fit(data, a);
            rb = trainer.fit(data, b);
        }
        assertArrayEquals(ra.lossTrace(), rb.lossTrace(), "same seed, same partitions: bit-identical trace");
        assertArrayEquals(values(a), values(b), "bit-identical parameters");
        assertTrue(ra.lossTrace()[2] < ra.lossTrace()[0], "the epoch loss falls: " + ra);
        // with the initial parameters never moved (learning rate ~ 0), an epoch's weighted batch losses
        // add up to the full-data mean NLL exactly when every row is used exactly once
        final Sequential c = network(hidden, 2);
        final double before = new PoissonFamily().meanNll(c.predict(x), y, w);
        try (DistributedData data = DistributedData.of(sc, x, y, w, 4, 37, family)) {
            final TrainingResult still = trainer.withOptimizer(new SgdOptimizer(1e-300)).withEpochs(1).fit(data, c);
            assertEquals(before, still.lossTrace()[0], 1e-12 * before);
        }
    }
}

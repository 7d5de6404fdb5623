package neuralglm.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import neuralglm.family.BernoulliFamily;
import neuralglm.family.CategoricalFamily;
import neuralglm.family.Family;
import neuralglm.family.GammaFamily;
import neuralglm.family.GaussianFamily;
import neuralglm.family.Link;
import neuralglm.family.PoissonFamily;
import neuralglm.nn.Activation;
import neuralglm.nn.Linear;
import neuralglm.nn.Parameter;
import neuralglm.nn.Sequential;
import neuralglm.optim.AdamOptimizer;
import neuralglm.optim.Optimizer;
import neuralglm.optim.SgdOptimizer;
import neuralglm.testutil.Numeric;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The training loop: seeded mini-batch shuffling, instance weights as row multiplicities, batch size
 * n as full batch, the loss-trace convention, divergence and domain errors, interruption, progress
 * reports, and that the configured optimiser is never mutated.
 */
class TrainerTest {

    static final int N = 40;

    /** Inputs: N x 2, uniform in (-1, 1). */
    static DMatrixRMaj inputs() {
        final Random rng = new Random(21);
        final DMatrixRMaj x = new DMatrixRMaj(N, 2);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = 2 * rng.nextDouble() - 1;
        }
        return x;
    }

    /** Targets drawn from the family with eta = 0.3 + x1 - 0.5 x2. */
    static DMatrixRMaj targets(Family f, DMatrixRMaj x) {
        final Random rng = new Random(22);
        final DMatrixRMaj y = new DMatrixRMaj(N, 1);
        for (int i = 0; i < N; i++) {
            final double eta = 0.3 + x.get(i, 0) - 0.5 * x.get(i, 1);
            if (f instanceof GaussianFamily) {
                y.data[i] = eta + 0.3 * rng.nextGaussian();
            } else if (f instanceof BernoulliFamily) {
                y.data[i] = rng.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
            } else if (f instanceof PoissonFamily) {
                // Knuth's sampler
                final double limit = Math.exp(-Math.exp(eta));
                double prod = rng.nextDouble();
                int k = 0;
                while (prod > limit) {
                    prod *= rng.nextDouble();
                    k++;
                }
                y.data[i] = k;
            } else if (f instanceof GammaFamily) {
                y.data[i] = Math.exp(eta) * -Math.log(1 - rng.nextDouble()); // exponential, shape 1
            } else {
                throw new IllegalArgumentException(f.toString());
            }
        }
        return y;
    }

    static Sequential net(int outputs) {
        return Sequential.mlp(2, new int[] {6}, Activation.Tanh::new, outputs, new Random(3));
    }

    static double[] flatParams(Sequential net) {
        final List<Double> all = new ArrayList<>();
        for (Parameter p : net.parameters()) {
            for (int i = 0; i < p.size(); i++) {
                all.add(p.value().data[i]);
            }
        }
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static double maxRel(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]) / Math.max(1e-300, Math.abs(b[i])));
        }
        return m;
    }

    /**
     * A run on a split made once ({@link Trainer#split}, as the penalty path shares it between its fits) is the same run
     * to the bit as {@link Trainer#start} on the whole data, which splits and copies the rows itself; the split holds the
     * rows of {@link ValidationSplit}'s parts; a split of another seed is refused.
     */
    @Test
    void aSplitMadeOnceGivesTheRunOfStartOnTheWholeData() {
        final Family f = new GammaFamily(Link.LOG);
        final DMatrixRMaj x = inputs(), y = targets(f, x);
        final double[] w = new double[N];
        for (int i = 0; i < N; i++) {
            w[i] = 1 + i % 3;
        }
        final Trainer trainer = new Trainer(60).withSeed(5).withValidation(0.25, 4);
        final Trainer.Split split = trainer.split(f, x, y, w);
        final ValidationSplit parts = ValidationSplit.of(f, y, 0.25, 5);
        assertArrayEquals(ValidationSplit.rows(x, parts.validation()).data, split.xv().data, 0);
        assertArrayEquals(ValidationSplit.rows(y, parts.train()).data, split.yt().data, 0);
        assertArrayEquals(ValidationSplit.rows(w, parts.train()), split.wt(), 0);
        for (int run = 0; run < 2; run++) {   // the second run on the same split: the first left it as it was
            final Sequential a = net(1), b = net(1);
            final TrainingResult ra = trainer.fit(a, f, new neuralglm.optim.LbfgsOptimizer(1e-9, 10, 0.01), x, y, w);
            final TrainingSession sb = trainer.start(b, f, new neuralglm.optim.LbfgsOptimizer(1e-9, 10, 0.01), split);
            while (sb.runEpoch()) {
                // one epoch per call
            }
            final TrainingResult rb = sb.finish();
            assertArrayEquals(ra.lossTrace(), rb.lossTrace(), 0);
            assertArrayEquals(ra.validationTrace(), rb.validationTrace(), 0);
            assertTrue(ra.validationTrace().length > 0);
            assertEquals(ra.bestEpoch(), rb.bestEpoch());
            assertArrayEquals(flatParams(a), flatParams(b), 0);
        }
        assertThrows(IllegalArgumentException.class, () -> trainer.withSeed(6).start(net(1), f, new SgdOptimizer(0.1),
                split));
        assertThrows(IllegalStateException.class, () -> new Trainer(5).split(f, x, y, w));
    }

    // ------------------------------------------------------------------ mini-batches and weights

    @Test
    void miniBatchShufflingIsDeterministicForASeed() {
        final PoissonFamily f = new PoissonFamily();
        final DMatrixRMaj x = inputs(), y = targets(f, x);
        final Trainer t = new Trainer(15).withBatchSize(7);
        final Sequential a = net(1), b = net(1), c = net(1), full = net(1);
        final TrainingResult ra = t.withSeed(11).fit(a, f, new SgdOptimizer(0.05), x, y, null);
        final TrainingResult rb = t.withSeed(11).fit(b, f, new SgdOptimizer(0.05), x, y, null);
        final TrainingResult rc = t.withSeed(12).fit(c, f, new SgdOptimizer(0.05), x, y, null);
        new Trainer(15).fit(full, f, new SgdOptimizer(0.05), x, y, null);
        assertArrayEquals(flatParams(a), flatParams(b), 0.0, "same seed, bit-identical parameters");
        assertEquals(ra, rb, "same seed, bit-identical traces");
        assertFalse(Arrays.equals(flatParams(a), flatParams(c)), "another seed gives other batches");
        assertFalse(Arrays.equals(ra.lossTrace(), rc.lossTrace()));
        assertFalse(Arrays.equals(flatParams(a), flatParams(full)), "mini-batches are not the full batch");
        assertEquals(15, ra.epochs());
    }

    static Stream<Arguments> scalarFamilies() {
        return Stream.of(Arguments.of(new GaussianFamily()), Arguments.of(new BernoulliFamily()), Arguments.of(new PoissonFamily()),
                Arguments.of(new GammaFamily(Link.LOG)));
    }

    /**
     * Integer weights w are row multiplicities: a full-batch fit with weights equals the fit on the
     * data with row i repeated w_i times (w_i = 0 drops the row), to 1e-12 in trace and parameters.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("scalarFamilies")
    void integerWeightsEqualDuplicatedRows(Family f) {
        final DMatrixRMaj x = inputs(), y = targets(f, x);
        final double[] w = new double[N];
        int total = 0;
        for (int i = 0; i < N; i++) {
            w[i] = (i * 7) % 4; // 0, 3, 2, 1, 0, ...
            total += (int) w[i];
        }
        final DMatrixRMaj xd = new DMatrixRMaj(total, 2), yd = new DMatrixRMaj(total, 1);
        int r = 0;
        for (int i = 0; i < N; i++) {
            for (int c = 0; c < (int) w[i]; c++, r++) {
                xd.set(r, 0, x.get(i, 0));
                xd.set(r, 1, x.get(i, 1));
                yd.set(r, 0, y.get(i, 0));
            }
        }
        final Sequential weighted = net(1), duplicated = net(1);
        final TrainingResult rw = new Trainer(300).fit(weighted, f, new SgdOptimizer(0.1, 0.5, false, 0), x, y, w);
        final TrainingResult rd = new Trainer(300).fit(duplicated, f, new SgdOptimizer(0.1, 0.5, false, 0), xd, yd, null);
        final double traceDiff = maxRel(rw.lossTrace(), rd.lossTrace());
        final double paramDiff = Numeric.maxAbsDiff(flatParams(weighted), flatParams(duplicated)) / Numeric.maxAbs(flatParams(duplicated));
        System.out.printf("weights vs duplicated rows %-22s 300 epochs: trace %.2e, params %.2e%n", f, traceDiff, paramDiff);
        assertTrue(traceDiff <= 1e-12, "traces differ by " + traceDiff);
        assertTrue(paramDiff <= 1e-12, "parameters differ by " + paramDiff);
        assertTrue(rw.lossTrace()[299] < rw.lossTrace()[0], "training made progress");
    }

    @Test
    void batchOfSizeNIsTheFullBatch() {
        final PoissonFamily f = new PoissonFamily();
        final DMatrixRMaj x = inputs(), y = targets(f, x);
        final Sequential a = net(1), b = net(1);
        final TrainingResult ra = new Trainer(25).fit(a, f, new AdamOptimizer(0.01), x, y, null);
        final TrainingResult rb = new Trainer(25).withBatchSize(N).withSeed(99).fit(b, f, new AdamOptimizer(0.01), x, y, null);
        assertEquals(ra, rb);
        assertArrayEquals(flatParams(a), flatParams(b), 0.0);
    }

    /**
     * Full batch: trace[e] is the mean NLL before the step of epoch e, and finalLoss the mean NLL
     * after the last step, both computed here from the network's predictions.
     */
    @Test
    void traceConventionMatchesTheNetworksPredictions() {
        final PoissonFamily f = new PoissonFamily();
        final DMatrixRMaj x = inputs(), y = targets(f, x);
        final double[] w = new double[N];
        Arrays.fill(w, 1.5);
        w[0] = 4;
        final Sequential a = net(1);
        final double before = f.meanNll(a.predict(x), y, w);
        final TrainingResult r = new Trainer(10).fit(a, f, new SgdOptimizer(0.1), x, y, w);
        assertEquals(before, r.lossTrace()[0], 1e-15 * Math.abs(before));
        final double after = f.meanNll(a.predict(x), y, w);
        assertEquals(after, r.finalLoss(), 1e-15 * Math.abs(after));
        assertFalse(r.converged());
    }

    // ------------------------------------------------------------------ divergence and domain

    static final Pattern DIVERGED = Pattern.compile(
            "Training diverged at epoch (\\d+): the mean negative log-likelihood became (NaN|Infinity|-Infinity)\\. Try a smaller learning rate\\.");

    @ParameterizedTest(name = "batch size {0}")
    @ValueSource(ints = {0, 8})
    void hugeLearningRateOnPoissonDivergesWithAClearMessage(int batchSize) {
        final PoissonFamily f = new PoissonFamily();
        final DMatrixRMaj x = inputs(), y = targets(f, x);
        final TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> new Trainer(200).withBatchSize(batchSize).fit(net(1), f, new SgdOptimizer(1e3), x, y, null));
        final Matcher m = DIVERGED.matcher(e.getMessage());
        assertTrue(m.matches(), e.getMessage());
        assertEquals(e.epoch(), Integer.parseInt(m.group(1)), "the message names the exception's epoch");
        assertTrue(e.epoch() < 200);
        System.out.println("divergence (batch size " + batchSize + "): " + e.getMessage());
    }

    /**
     * Canonical Gamma link: eta starts at -1 (mu = 1) but the targets have mean about 5, so a large
     * SGD step pushes eta past 0; training stops naming the epoch, the row, eta and the link's domain.
     */
    @Test
    void canonicalGammaLeavingItsDomainIsReported() {
        final GammaFamily f = new GammaFamily(Link.NEGATIVE_INVERSE);
        final DMatrixRMaj x = inputs(), y = targets(new GammaFamily(Link.LOG), x);
        for (int i = 0; i < N; i++) {
            y.data[i] += 4;
        }
        final Sequential glm = new Sequential().add("fc1", new Linear("fc1", 2, 1, new Random(1)));
        glm.parameter("fc1.weight").set(new double[] {0, 0});
        glm.parameter("fc1.bias").set(new double[] {-1});
        final TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> new Trainer(100).fit(glm, f, new SgdOptimizer(0.2), x, y, null));
        final String m = e.getMessage();
        System.out.println("canonical Gamma: " + m);
        assertTrue(e.epoch() >= 1, "eta was inside the domain at epoch 0");
        assertTrue(m.startsWith("Training left the domain of the Gamma family's canonical (-1/mu) link at epoch " + e.epoch() + ": eta = "), m);
        assertTrue(m.contains("but the link needs eta < 0. Use the log link, or a smaller learning rate."), m);
        assertTrue(Pattern.compile("eta = [0-9.E-]+ at row \\d+,").matcher(m).find(), m);
    }

    @Test
    void canonicalGammaStartingOutsideItsDomainIsReportedAtEpochZero() {
        final GammaFamily f = new GammaFamily(Link.NEGATIVE_INVERSE);
        final DMatrixRMaj x = inputs(), y = targets(new GammaFamily(Link.LOG), x);
        final Sequential glm = new Sequential().add("fc1", new Linear("fc1", 2, 1, new Random(1)));
        glm.parameter("fc1.weight").set(new double[] {0, 0});
        glm.parameter("fc1.bias").set(new double[] {0.5});
        final TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> new Trainer(10).fit(glm, f, new SgdOptimizer(0.01), x, y, null));
        assertEquals(0, e.epoch());
        assertTrue(e.getMessage().contains("at epoch 0: eta = 0.5 at row 0, but the link needs eta < 0"), e.getMessage());
    }

    /**
     * Canonical Gamma link with early stopping: offsets put the rows held out (eta = 0.5 + net) outside the link's
     * domain while the training rows (eta = -1 + net) stay inside, so no epoch has a finite validation loss and none is
     * chosen; the run is refused as a divergence when it finishes (the model would predict NaN for those rows, and a
     * Spark model has no later pass over them), naming the held-out rows and the domain. With the held-out rows' offsets
     * inside too, the same run finishes.
     */
    @Test
    void heldOutRowsOutsideTheDomainAtEveryEpochAreRefused() {
        final GammaFamily f = new GammaFamily(Link.NEGATIVE_INVERSE);
        final DMatrixRMaj x = inputs(), y = targets(new GammaFamily(Link.LOG), x);
        final Trainer trainer = new Trainer(6).withValidation(0.25, 2).withSeed(3);
        final int[] held = ValidationSplit.of(f, y, 0.25, 3).validation();
        for (boolean outside : new boolean[] {false, true}) {
            final double[] offset = new double[N];
            java.util.Arrays.fill(offset, -1.0);
            for (int i : held) {
                offset[i] = outside ? 0.5 : -1.0;
            }
            final Sequential glm = new Sequential().add("fc1", new Linear("fc1", 2, 1, new Random(1)));
            glm.parameter("fc1.weight").set(new double[] {0, 0});
            glm.parameter("fc1.bias").set(new double[] {0});
            final TrainingSession s = trainer.start(glm, f, new SgdOptimizer(1e-4), x, false, y, null, offset);
            while (s.runEpoch()) {
                // to the epoch limit, or stopped early for want of improvement
            }
            if (!outside) {
                assertTrue(s.finish().bestEpoch() >= 0, "held-out rows inside: an epoch is chosen");
                continue;
            }
            final TrainingDivergedException e = assertThrows(TrainingDivergedException.class, s::finish);
            final String m = e.getMessage();
            assertTrue(m.startsWith("Training left the domain of the Gamma family's canonical (-1/mu) link on the "
                    + held.length + " rows held out for early stopping"), m);
            assertTrue(m.contains("so no epoch could be chosen") && m.contains("the link needs eta < 0"), m);
            assertFalse(s.isOpen(), "the session is broken");
        }
    }

    // ------------------------------------------------------------------ interruption

    @ParameterizedTest(name = "batch size {0}")
    @ValueSource(ints = {0, 8})
    void interruptBeforeFitStopsAtEpochZeroAndKeepsTheFlag(int batchSize) {
        final PoissonFamily f = new PoissonFamily();
        final DMatrixRMaj x = inputs(), y = targets(f, x);
        final Sequential a = net(1);
        final double[] before = flatParams(a);
        Thread.currentThread().interrupt();
        try {
            final TrainingInterruptedException e = assertThrows(TrainingInterruptedException.class,
                    () -> new Trainer(10).withBatchSize(batchSize).fit(a, f, new SgdOptimizer(0.1), x, y, null));
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt flag is set again");
            assertEquals(0, e.epoch());
            assertEquals("Training was interrupted at epoch 0", e.getMessage());
            assertArrayEquals(before, flatParams(a), 0.0, "no step was taken");
        } finally {
            Thread.interrupted();
        }
    }

    /**
     * Another thread interrupts a long fit once it has reported progress; the fit stops within the
     * next progress interval (counted in epochs, not seconds) with the flag still set.
     */
    @ParameterizedTest(name = "batch size {0}")
    @ValueSource(ints = {0, 8})
    void interruptFromAnotherThreadStopsTrainingPromptly(int batchSize) throws InterruptedException {
        final PoissonFamily f = new PoissonFamily();
        final DMatrixRMaj x = inputs(), y = targets(f, x);
        final CountDownLatch started = new CountDownLatch(1);
        final AtomicInteger lastReported = new AtomicInteger(-1);
        final AtomicReference<Throwable> thrown = new AtomicReference<>();
        final AtomicReference<Boolean> flagAfter = new AtomicReference<>();
        final int every = 5;
        final Thread worker = new Thread(() -> {
            try {
                new Trainer(Integer.MAX_VALUE).withBatchSize(batchSize).withProgress(every, (epoch, loss) -> {
                    lastReported.set(epoch);
                    started.countDown();
                }).fit(net(1), f, new SgdOptimizer(1e-4), x, y, null);
            } catch (Throwable t) {
                thrown.set(t);
                flagAfter.set(Thread.currentThread().isInterrupted());
            }
        }, "trainer-under-test");
        worker.setDaemon(true);
        worker.start();
        assertTrue(started.await(60, TimeUnit.SECONDS), "training never reported progress");
        worker.interrupt();
        worker.join(TimeUnit.SECONDS.toMillis(60));
        assertFalse(worker.isAlive(), "training ignored the interrupt");
        final TrainingInterruptedException e = assertInstanceOf(TrainingInterruptedException.class, thrown.get());
        assertEquals(Boolean.TRUE, flagAfter.get(), "the interrupt flag is set again");
        assertTrue(e.epoch() <= lastReported.get() + every, "stopped at epoch " + e.epoch() + ", last report at " + lastReported.get());
        assertEquals("Training was interrupted at epoch " + e.epoch(), e.getMessage());
    }

    // ------------------------------------------------------------------ progress and options

    @ParameterizedTest(name = "batch size {0}")
    @ValueSource(ints = {0, 8})
    void progressIsReportedEveryNEpochsAndAtTheEnd(int batchSize) {
        final PoissonFamily f = new PoissonFamily();
        final DMatrixRMaj x = inputs(), y = targets(f, x);
        final List<Integer> epochs = new ArrayList<>();
        final List<Double> losses = new ArrayList<>();
        final TrainingResult r = new Trainer(10).withBatchSize(batchSize).withProgress(3, (e, l) -> {
            epochs.add(e);
            losses.add(l);
        }).fit(net(1), f, new SgdOptimizer(0.05), x, y, null);
        assertEquals(List.of(2, 5, 8, 9), epochs);
        for (int i = 0; i < epochs.size(); i++) {
            assertEquals(r.lossTrace()[epochs.get(i)], losses.get(i), 0.0);
        }
    }

    @Test
    void invalidTrainerOptionsAreRefused() {
        final PoissonFamily f = new PoissonFamily();
        final DMatrixRMaj x = inputs(), y = targets(f, x);
        assertEquals("The batch size 41 exceeds the 40 training rows; use 0 for full batch",
                assertThrows(IllegalArgumentException.class,
                        () -> new Trainer(3).withBatchSize(N + 1).fit(net(1), f, new SgdOptimizer(0.1), x, y, null)).getMessage());
        assertEquals("The batch size must be >= 0 (0 = full batch), got -1",
                assertThrows(IllegalArgumentException.class, () -> new Trainer(3).withBatchSize(-1)).getMessage());
        assertEquals("The number of epochs must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> new Trainer(0)).getMessage());
        assertEquals("Progress interval must be >= 1 epoch, got 0",
                assertThrows(IllegalArgumentException.class, () -> new Trainer(3).withProgress(0, (e, l) -> { })).getMessage());
        final DMatrixRMaj oneHot = new DMatrixRMaj(N, 3);
        for (int i = 0; i < N; i++) {
            oneHot.set(i, i % 3, 1);
        }
        assertEquals("The network has 1 outputs but the Categorical targets have 3 columns",
                assertThrows(IllegalArgumentException.class,
                        () -> new Trainer(3).fit(net(1), new CategoricalFamily(), new SgdOptimizer(0.1), x, oneHot, null)).getMessage());
    }

    static Stream<Arguments> prototypes() {
        return Stream.of(Arguments.of((Supplier<Optimizer>) () -> new SgdOptimizer(0.05, 0.9, true, 0.01)),
                Arguments.of((Supplier<Optimizer>) () -> new AdamOptimizer(0.02)));
    }

    /** Two fits with one configured optimiser are identical, and the prototype itself stays unbound. */
    @ParameterizedTest(name = "{index}")
    @MethodSource("prototypes")
    void trainerNeverMutatesTheConfiguredOptimiser(Supplier<Optimizer> make) {
        final PoissonFamily f = new PoissonFamily();
        final DMatrixRMaj x = inputs(), y = targets(f, x);
        final Optimizer proto = make.get();
        final String config = proto.toString();
        final Sequential a = net(1), b = net(1);
        final TrainingResult ra = new Trainer(30).withBatchSize(8).fit(a, f, proto, x, y, null);
        final TrainingResult rb = new Trainer(30).withBatchSize(8).fit(b, f, proto, x, y, null);
        assertEquals(ra, rb, "the second fit must not see the first fit's momentum");
        assertArrayEquals(flatParams(a), flatParams(b), 0.0);
        assertEquals(config, proto.toString());
        final IllegalStateException e = assertThrows(IllegalStateException.class, proto::step);
        assertNotNull(e.getMessage());
        assertTrue(e.getMessage().contains("call initialise(parameters) first"), e.getMessage());
    }
}

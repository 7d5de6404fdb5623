package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import weka.classifiers.functions.neuralglm.Adam;
import weka.classifiers.functions.neuralglm.Auto;
import weka.classifiers.functions.neuralglm.Bernoulli;
import weka.classifiers.functions.neuralglm.Binomial;
import weka.classifiers.functions.neuralglm.Exponential;
import weka.classifiers.functions.neuralglm.FamilySpec;
import weka.classifiers.functions.neuralglm.Gamma;
import weka.classifiers.functions.neuralglm.Gaussian;
import weka.classifiers.functions.neuralglm.InverseGaussian;
import weka.classifiers.functions.neuralglm.LBFGS;
import weka.classifiers.functions.neuralglm.NegativeBinomial;
import weka.classifiers.functions.neuralglm.Poisson;
import weka.classifiers.functions.neuralglm.SGD;
import weka.classifiers.functions.neuralglm.Tweedie;
import weka.core.Attribute;
import weka.core.Instances;
import weka.core.SerializationHelper;
import weka.core.SerializedObject;
import weka.core.TestInstances;
import weka.core.Utils;

/**
 * Robustness on random data (Weka's {@link TestInstances}), concurrent prediction, reproducible
 * builds, and interruption within one epoch leaving the classifier as before.
 */
class NeuralGLMRobustnessTest {

    private static final String[] NUMERIC_FAMILIES = {"Gaussian", "Poisson", "Gamma", "InverseGaussian", "Tweedie",
            "NegativeBinomial", "Exponential", "Binomial"};

    private static FamilySpec spec(String name) {
        switch (name) {
            case "Gaussian": return new Gaussian();
            case "Poisson": return new Poisson();
            case "Gamma": return new Gamma();
            case "InverseGaussian": return new InverseGaussian();
            case "Tweedie": return new Tweedie();
            case "NegativeBinomial": return new NegativeBinomial();
            case "Exponential": return new Exponential();
            case "Binomial": return new Binomial();
            case "Bernoulli": return new Bernoulli();
            default: return new Auto();
        }
    }

    /** Makes the numeric class valid for the family: counts, positive amounts or proportions. */
    private static void fitClassToFamily(Instances d, String family) {
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < d.numInstances(); i++) {
            if (!d.instance(i).classIsMissing()) {
                min = Math.min(min, d.instance(i).classValue());
                max = Math.max(max, d.instance(i).classValue());
            }
        }
        for (int i = 0; i < d.numInstances(); i++) {
            if (d.instance(i).classIsMissing()) {
                continue;
            }
            final double y = d.instance(i).classValue(), u = max > min ? (y - min) / (max - min) : 0.5;
            final double v;
            switch (family) {
                case "Poisson": case "NegativeBinomial": v = Math.round(5 * u); break;
                case "Gamma": case "InverseGaussian": case "Exponential": v = 0.1 + 3 * u; break;
                case "Tweedie": v = u < 0.3 ? 0 : 4 * u; break;
                case "Binomial": v = u; break;
                default: v = y;
            }
            d.instance(i).setClassValue(v);
        }
    }

    @Test
    void hundredRandomDataSetsTrainAndPredictFinitely() throws Exception {
        final Random rng = new Random(2024);
        int built = 0, nominal = 0, withMissing = 0;
        final java.util.Set<String> families = new java.util.TreeSet<>();
        for (int k = 0; k < 100; k++) {
            final TestInstances gen = new TestInstances();
            gen.setSeed(k + 1);
            gen.setNumInstances(15 + rng.nextInt(40));
            gen.setNumNumeric(rng.nextInt(4));
            gen.setNumNominal(rng.nextInt(3));
            gen.setNumNominalValues(2 + rng.nextInt(3));
            if (gen.getNumNumeric() + gen.getNumNominal() == 0) {
                gen.setNumNumeric(1);
            }
            final boolean nominalClass = rng.nextBoolean();
            gen.setClassType(nominalClass ? Attribute.NOMINAL : Attribute.NUMERIC);
            gen.setNumClasses(2 + rng.nextInt(3));
            final Instances d = gen.generate();
            final String family = nominalClass ? (d.numClasses() == 2 && rng.nextBoolean() ? "Bernoulli" : "Auto")
                    : NUMERIC_FAMILIES[rng.nextInt(NUMERIC_FAMILIES.length)];
            final double missing = rng.nextInt(3) * 0.1;   // 0, 10% or 20% of the values missing
            for (int i = 0; i < d.numInstances(); i++) {
                for (int a = 0; a < d.numAttributes(); a++) {
                    if (rng.nextDouble() < missing && (a != d.classIndex() || i % 2 == 1)) {
                        d.instance(i).setMissing(a);
                    }
                }
                d.instance(i).setWeight(rng.nextBoolean() ? 1.0 : 0.5 + rng.nextDouble());
            }
            if (!nominalClass) {
                fitClassToFamily(d, family);
            }
            final NeuralGLM c = new NeuralGLM();
            c.setFamily(spec(family));
            c.setHidden(new String[] {"none", "3", "4,3"}[rng.nextInt(3)]);
            c.setActivation(new weka.core.SelectedTag(rng.nextInt(NeuralGLM.TAGS_ACTIVATION.length), NeuralGLM.TAGS_ACTIVATION));
            c.setEpochs(5 + rng.nextInt(15));
            c.setSeed(k);
            if (rng.nextBoolean()) {
                c.setOptimizer(new LBFGS());
            } else {
                c.setOptimizer(rng.nextBoolean() ? new Adam() : new SGD());
                c.setMiniBatchSize(rng.nextInt(2) * (4 + rng.nextInt(10)));
                c.setValidationFraction(rng.nextBoolean() ? 0.2 : 0);
                c.setPatience(2);
            }
            final String setup = "data set " + k + " (" + family + ", " + Utils.joinOptions(c.getOptions()) + ")";
            try {
                c.buildClassifier(d);
            } catch (Exception e) {
                throw new AssertionError(setup + ": " + e, e);
            }
            for (int i = 0; i < d.numInstances(); i++) {
                final double[] p = c.distributionForInstance(d.instance(i));
                for (double v : p) {
                    assertTrue(Double.isFinite(v), setup + ", instance " + (i + 1) + ": " + java.util.Arrays.toString(p));
                }
                if (nominalClass) {
                    assertEquals(1.0, Utils.sum(p), 1e-9, setup);
                }
            }
            built++;
            nominal += nominalClass ? 1 : 0;
            withMissing += missing > 0 ? 1 : 0;
            families.add(family);
        }
        System.out.printf("Robustness: %d random data sets (%d nominal class, %d with missing values), families %s%n",
                built, nominal, withMissing, families);
        assertEquals(100, built);
        assertTrue(families.size() >= 8, families.toString());
    }

    @Test
    void oneModelPredictsFromEightThreadsWithIdenticalResults() throws Exception {
        final Instances data = FamilyData.of("Categorical", 120, 3);
        data.instance(5).setMissing(0);
        final NeuralGLM c = new NeuralGLM();
        c.setHidden("8,4");
        c.setEpochs(40);
        c.buildClassifier(data);
        final double[][] expected = NeuralGLMSteeringTest.predictions(c, data);
        final ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            final List<Future<double[][]>> runs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                final int offset = t;
                runs.add(pool.submit((Callable<double[][]>) () -> {
                    final double[][] got = new double[data.numInstances()][];
                    for (int rep = 0; rep < 20; rep++) {
                        for (int j = 0; j < got.length; j++) {
                            final int i = (j + offset * 7) % got.length;   // each thread in its own order
                            got[i] = c.distributionForInstance(data.instance(i));
                        }
                    }
                    return got;
                }));
            }
            for (Future<double[][]> f : runs) {
                NeuralGLMSteeringTest.assertSamePredictions(expected, f.get(120, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] serialised(Object o) throws Exception {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        SerializationHelper.write(out, o);
        return out.toByteArray();
    }

    private static byte[] poissonModel(Instances data, int seed) throws Exception {
        final NeuralGLM c = NeuralGLMSteeringTest.adam("6,3", 25, 16);
        c.setFamily(new Poisson());
        c.setNumThreads(2);
        c.setValidationFraction(0.2);
        c.setSeed(seed);
        c.buildClassifier(data);
        return serialised(c);
    }

    @Test
    void twoBuildsWithOneSeedAndThreadCountAreByteIdentical() throws Exception {
        final Instances data = FamilyData.of("Poisson", 150, 4);
        final byte[] first = poissonModel(data, 11);
        assertArrayEquals(first, poissonModel(data, 11));
        assertFalse(java.util.Arrays.equals(first, poissonModel(data, 12)), "the seed matters");
    }

    /** Interrupts itself from another thread at the start of epoch `at` (0-based), then trains on. */
    private static final class InterruptedAt extends NeuralGLM {
        private static final long serialVersionUID = 1L;
        transient int at = -1;
        transient int completed;
        transient Runnable signal;

        @Override
        public boolean next() throws Exception {
            if (completed == at) {
                signal.run();
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);   // hang guard only
                while (!Thread.currentThread().isInterrupted() && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
            }
            final boolean ran = super.next();
            if (ran) {
                completed++;
            }
            return ran;
        }
    }

    private static void interruptDuringEpoch(InterruptedAt c, Instances data, int at, int epochsBefore) throws Exception {
        final byte[] before = serialised(c.fittedModel());
        final String report = c.toString();
        c.at = at;
        c.completed = 0;
        final AtomicReference<Thread> trainer = new AtomicReference<>();
        final AtomicReference<Exception> thrown = new AtomicReference<>();
        final AtomicInteger signalled = new AtomicInteger();
        final Thread interrupter = new Thread(() -> {
            while (signalled.get() == 0) {
                Thread.onSpinWait();
            }
            trainer.get().interrupt();
        });
        c.signal = () -> signalled.set(1);
        final Thread t = new Thread(() -> {
            try {
                c.buildClassifier(data);
            } catch (Exception e) {
                thrown.set(e);
            }
        });
        trainer.set(t);
        interrupter.start();
        t.start();
        t.join(120_000);
        interrupter.join(120_000);
        assertFalse(t.isAlive(), "training did not stop");
        assertTrue(thrown.get() instanceof InterruptedException, String.valueOf(thrown.get()));
        assertEquals(at, c.completed, "no epoch completes after the interrupt");
        assertTrue(thrown.get().getMessage().contains("interrupted at epoch " + (epochsBefore + at + 1)), thrown.get().getMessage());
        assertArrayEquals(before, serialised(c.fittedModel()), "the model is the one from before the build");
        assertEquals(report, c.toString());
    }

    @Test
    void anInterruptedBuildStopsWithinOneEpochAndKeepsThePreviousModel() throws Exception {
        final Instances data = FamilyData.of("Gaussian", 300, 5);
        for (int batch : new int[] {0, 16}) {
            final InterruptedAt c = new InterruptedAt();
            c.setHidden("6");
            c.setValidationFraction(0);   // long runs: no early stopping, no penalty to choose
            c.setWeightDecay(0);
            c.setOptimizer(batch == 0 ? new LBFGS() : new Adam());
            c.setMiniBatchSize(batch);
            c.setEpochs(4);
            c.buildClassifier(data);
            c.setEpochs(100_000);
            interruptDuringEpoch(c, data, 7, 0);
        }
        // a resumed run trains the model's network in place; the interrupt restores the copy taken before
        final InterruptedAt r = new InterruptedAt();
        r.setHidden("6");
        r.setValidationFraction(0);
        r.setWeightDecay(0);
        r.setOptimizer(new Adam());
        r.setMiniBatchSize(16);
        r.setResume(true);
        r.setEpochs(4);
        r.buildClassifier(data);
        r.setEpochs(100_000);
        interruptDuringEpoch(r, data, 5, 4);   // the run's epochs count on from 4
        // and the classifier builds normally afterwards (afresh: the interrupted run cannot be resumed)
        r.at = -1;
        r.setEpochs(6);
        r.buildClassifier(data);
        assertTrue(r.toString().contains("Epochs run:        6 of 6"), r.toString());
        assertTrue(new SerializedObject(r).getObject() != null);
    }
}

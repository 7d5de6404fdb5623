package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import weka.classifiers.functions.neuralglm.Adam;
import weka.classifiers.functions.neuralglm.Binomial;
import weka.classifiers.functions.neuralglm.Gaussian;
import weka.classifiers.functions.neuralglm.LBFGS;
import weka.classifiers.functions.neuralglm.Poisson;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.SerializationHelper;
import weka.core.Utils;

/** What a Weka user meets beyond the harness: messages, the report, interrupts, saved models. */
class NeuralGLMBehaviourTest {

    @Test
    void toStringBeforeBuildSaysSo() {
        assertEquals("NeuralGLM: no model built yet.", new NeuralGLM().toString());
    }

    @Test
    void domainErrorNamesClassAttributeInstanceAndValue() {
        final Instances data = FamilyData.of("Poisson", 10, 1);
        data.instance(1).setClassMissing();          // dropped: row numbers must still be the user's
        data.instance(4).setClassValue(-2.5);
        final NeuralGLM c = NeuralGLMFamiliesTest.glm(new Poisson());
        final Exception e = assertThrows(IllegalArgumentException.class, () -> c.buildClassifier(data));
        assertTrue(e.getMessage().contains("class attribute 'y'"), e.getMessage());
        assertTrue(e.getMessage().contains("instance 5"), e.getMessage());
        assertTrue(e.getMessage().contains("-2.5"), e.getMessage());
        assertTrue(e.getMessage().contains("Poisson"), e.getMessage());
    }

    @Test
    void badHiddenSizesAreRefusedByName() {
        final NeuralGLM c = new NeuralGLM();
        c.setHidden("30,x");
        final Exception e = assertThrows(IllegalArgumentException.class,
                () -> c.buildClassifier(FamilyData.of("Gaussian", 10, 1)));
        assertTrue(e.getMessage().contains("'x'"), e.getMessage());
    }

    @Test
    void glmReportHasStatisticsAndCoefficientsInOriginalUnits() throws Exception {
        final Instances data = FamilyData.of("Poisson", 200, 3);
        final NeuralGLM c = NeuralGLMFamiliesTest.glm(new Poisson());
        c.buildClassifier(data);
        final String report = c.toString();
        for (String s : new String[] {"Family:            Poisson, link log", "3 inputs -> 1 output", "Epochs run:",
                "Mean NLL:", "Deviance:", "Null deviance:", "Dispersion:", "Intercept", "x1", "x2", "x3", "LBFGS"}) {
            assertTrue(report.contains(s), "missing '" + s + "' in\n" + report);
        }
        // the table's x2 slope, re-derived from two predictions that differ only in x2
        final Instance a = (Instance) data.instance(0).copy(), b = (Instance) data.instance(0).copy();
        b.setValue(1, a.value(1) + 1);
        final double slope = Math.log(c.distributionForInstance(b)[0]) - Math.log(c.distributionForInstance(a)[0]);
        assertEquals(slope, c.fittedModel().coefficients().get(0, 2), 1e-9);
    }

    @Test
    void binomialUsesWeightsAsTrials() throws Exception {
        // 3 successes of 4 trials and 1 of 4, as proportions with weight 4, equal 8 Bernoulli rows: same fit.
        final Instances data = FamilyData.of("Binomial", 60, 5);
        final NeuralGLM c = NeuralGLMFamiliesTest.glm(new Binomial());
        c.buildClassifier(data);
        final Instances doubled = new Instances(data);
        for (int i = 0; i < doubled.numInstances(); i++) {
            doubled.instance(i).setWeight(2 * doubled.instance(i).weight());
        }
        final NeuralGLM d = NeuralGLMFamiliesTest.glm(new Binomial());
        d.buildClassifier(doubled);
        final Instance x = data.instance(0);
        assertEquals(c.distributionForInstance(x)[0], d.distributionForInstance(x)[0], 1e-6,
                "doubling all trials keeps the maximum-likelihood fit");
        assertEquals(2 * c.fittedModel().statistics().deviance(), d.fittedModel().statistics().deviance(),
                1e-6 * d.fittedModel().statistics().deviance(), "and doubles the deviance");
    }

    @Test
    void missingClassValuesAreDroppedAndMissingInputsReplaced() throws Exception {
        final Instances data = FamilyData.of("Gaussian", 50, 6);
        data.instance(0).setClassMissing();
        data.instance(1).setMissing(0);
        final NeuralGLM c = NeuralGLMFamiliesTest.glm(new Gaussian());
        c.buildClassifier(data);
        assertTrue(c.toString().contains("49 instances with a class value"), c.toString());
        assertTrue(c.toString().contains("1 missing input values"), c.toString());
        final Instance test = (Instance) data.instance(2).copy();
        test.setMissing(2);
        assertTrue(Double.isFinite(c.classifyInstance(test)));
    }

    @Test
    void hiddenLayerModelReportsArchitectureWithoutCoefficients() throws Exception {
        final NeuralGLM c = new NeuralGLM();
        c.setHidden("5,4");
        c.setEpochs(30);
        c.buildClassifier(FamilyData.of("Categorical", 60, 7));
        final String report = c.toString();
        assertTrue(report.contains("3 inputs -> 5 ReLU -> 4 ReLU -> 3 outputs"), report);
        assertTrue(report.contains("Categorical, link softmax"), report);
        assertTrue(!report.contains("Coefficients"), report);
        assertThrows(IllegalStateException.class, () -> c.fittedModel().coefficients());
    }

    @Test
    void interruptStopsTrainingAndKeepsThePreviousModel() throws Exception {
        final Instances data = FamilyData.of("Gaussian", 100, 8);
        final NeuralGLM c = new NeuralGLM();
        c.setHidden("4");
        c.setEpochs(5);
        c.buildClassifier(data);
        assertNotNull(c.fittedModel());
        final String before = c.toString();
        c.setEpochs(1_000_000);
        Thread.currentThread().interrupt();
        try {
            // Weka's own capability test or the engine's loop notices the interrupt, whichever comes first
            assertThrows(InterruptedException.class, () -> c.buildClassifier(data));
        } finally {
            Thread.interrupted();
        }
        assertEquals(before, c.toString(), "an interrupted build leaves the classifier as it was");
    }

    @Test
    void interruptFromAnotherThreadStopsALongRun() throws Exception {
        final Instances data = FamilyData.of("Gaussian", 200, 9);
        final NeuralGLM c = new NeuralGLM();
        c.setOptimizer(new Adam());
        c.setMiniBatchSize(16);
        c.setEpochs(1_000_000);
        c.setValidationFraction(0);   // a long run: no early stopping
        c.setWeightDecay(0);
        final Exception[] thrown = new Exception[1];
        final Thread t = new Thread(() -> {
            try {
                c.buildClassifier(data);
            } catch (Exception e) {
                thrown[0] = e;
            }
        });
        t.start();
        Thread.sleep(200);
        t.interrupt();
        t.join(60_000);  // a hang guard, not a timing claim
        assertTrue(!t.isAlive(), "training did not stop after the interrupt");
        assertTrue(thrown[0] instanceof InterruptedException, String.valueOf(thrown[0]));
        assertTrue(thrown[0].getMessage().contains("training was interrupted at epoch"), thrown[0].getMessage());
        assertNull(c.fittedModel());
    }

    @Test
    void debugLogsTheLossToStderr() throws Exception {
        final NeuralGLM c = NeuralGLMFamiliesTest.glm(new Gaussian());
        c.setDebug(true);
        c.setEpochs(40);
        c.setOptimizer(new Adam());
        final PrintStream saved = System.err;
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            c.buildClassifier(FamilyData.of("Gaussian", 30, 10));
        } finally {
            System.setErr(saved);
        }
        final String log = err.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("NeuralGLM: epoch 2 of 40, mean NLL"), log);
        assertTrue(log.contains("NeuralGLM: epoch 40 of 40, mean NLL"), log);
        // a -resume build that continues names the raised limit (it printed "epoch 42 of 40": NeuralGLMFuzzTest, seed 87782)
        c.setResume(true);
        c.setValidationFraction(0);
        final Instances data = FamilyData.of("Gaussian", 30, 10);
        c.buildClassifier(data);
        c.setEpochs(43);
        err.reset();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            c.buildClassifier(data);
        } finally {
            System.setErr(saved);
        }
        final String resumed = err.toString(StandardCharsets.UTF_8);
        assertTrue(resumed.contains("NeuralGLM: epoch 42 of 43, mean NLL") && resumed.contains("NeuralGLM: epoch 43 of 43,")
                && !resumed.contains("NeuralGLM: epoch 1 of"), resumed + "\n" + c);
    }

    @Test
    void savedModelReloadsAndPredictsBitForBit() throws Exception {
        for (String hidden : new String[] {"none", "6,3"}) {
            final Instances data = FamilyData.of("Categorical", 80, 12);
            data.instance(3).setMissing(1);
            final NeuralGLM c = new NeuralGLM();
            c.setHidden(hidden);
            c.setEpochs(50);
            c.buildClassifier(data);
            final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            SerializationHelper.write(bytes, c);
            final NeuralGLM back = (NeuralGLM) SerializationHelper.read(new ByteArrayInputStream(bytes.toByteArray()));
            assertEquals(c.toString(), back.toString());
            assertEquals(Utils.joinOptions(c.getOptions()), Utils.joinOptions(back.getOptions()));
            for (int i = 0; i < data.numInstances(); i++) {
                assertArrayEquals(c.distributionForInstance(data.instance(i)), back.distributionForInstance(data.instance(i)),
                        0.0, "instance " + (i + 1));
            }
            final Instance unseen = new DenseInstance(1.0, new double[] {3.3, Utils.missingValue(), 0.4, Utils.missingValue()});
            unseen.setDataset(data);
            assertArrayEquals(c.distributionForInstance(unseen), back.distributionForInstance(unseen), 0.0);
        }
    }

    @Test
    void lbfgsWithMiniBatchesIsRefusedClearly() {
        final NeuralGLM c = NeuralGLMFamiliesTest.glm(new Gaussian());
        c.setOptimizer(new LBFGS());
        c.setMiniBatchSize(8);
        final Exception e = assertThrows(IllegalArgumentException.class,
                () -> c.buildClassifier(FamilyData.of("Gaussian", 40, 1)));
        assertTrue(e.getMessage().contains("full batch"), e.getMessage());
    }

    @Test
    void aClassThatNeverVariesStillTrains() throws Exception {
        final Instances data = FamilyData.of("Bernoulli", 30, 15);
        for (int i = 0; i < data.numInstances(); i++) {
            data.instance(i).setClassValue("no");
        }
        final NeuralGLM c = NeuralGLMFamiliesTest.glm(new weka.classifiers.functions.neuralglm.Bernoulli());
        c.buildClassifier(data);
        // 'yes' has no training instance: the add-half floor 1/2 / (n_w + k/2) (neuralglm.model.AbsentClasses)
        final double[] p = c.distributionForInstance(data.instance(0));
        assertEquals(0.5 / (data.sumOfWeights() + 1), p[1], 1e-15);
        assertEquals(1.0, p[0] + p[1], 1e-15);
    }
}

package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import neuralglm.nn.Parameter;
import neuralglm.train.StopReason;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import weka.classifiers.functions.neuralglm.Adam;
import weka.classifiers.functions.neuralglm.Gaussian;
import weka.classifiers.functions.neuralglm.Poisson;
import weka.classifiers.functions.neuralglm.SGD;
import weka.classifiers.meta.IterativeClassifierOptimizer;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;

/**
 * Training the user steers: iterations and resume, IterativeClassifierOptimizer, early stopping,
 * learning from a stream, and aggregation.
 */
class NeuralGLMSteeringTest {

    static NeuralGLM adam(String hidden, int epochs, int batch) {
        final NeuralGLM c = new NeuralGLM();
        c.setHidden(hidden);
        final Adam a = new Adam();
        a.setLr(0.02);
        c.setOptimizer(a);
        c.setEpochs(epochs);
        c.setMiniBatchSize(batch);
        c.setValidationFraction(0);   // runs of exactly `epochs` epochs: no early stopping, no penalty to choose
        c.setWeightDecay(0);
        return c;
    }

    static double[][] predictions(NeuralGLM c, Instances data) throws Exception {
        final double[][] p = new double[data.numInstances()][];
        for (int i = 0; i < p.length; i++) {
            p[i] = c.distributionForInstance(data.instance(i));
        }
        return p;
    }

    static void assertSamePredictions(double[][] a, double[][] b) {
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], 0.0, "instance " + (i + 1));
        }
    }

    @Test
    void iteratingByHandEqualsBuilding() throws Exception {
        final Instances data = FamilyData.of("Categorical", 60, 1);
        final NeuralGLM built = adam("6", 12, 16);
        built.buildClassifier(data);
        final NeuralGLM stepped = adam("6", 12, 16);
        stepped.initializeClassifier(data);
        // after initializeClassifier the null model predicts (IterativeClassifierOptimizer evaluates it)
        assertTrue(Utils.eq(1.0, Utils.sum(stepped.distributionForInstance(data.instance(0)))));
        int epochs = 0;
        while (stepped.next()) {
            epochs++;
        }
        stepped.done();
        assertEquals(12, epochs);
        assertFalse(stepped.next(), "after done there is no run to advance");
        assertSamePredictions(predictions(built, data), predictions(stepped, data));
        assertEquals(built.toString(), stepped.toString());
    }

    @Test
    void resumeContinuesToTheNewEpochTotal() throws Exception {
        final Instances data = FamilyData.of("Poisson", 80, 2);
        final NeuralGLM fresh = adam("5", 30, 10);
        fresh.setFamily(new Poisson());
        fresh.buildClassifier(data);

        final NeuralGLM resumed = adam("5", 12, 10);
        resumed.setFamily(new Poisson());
        resumed.setResume(true);
        resumed.buildClassifier(data);
        assertTrue(resumed.toString().contains("Epochs run:        12 of 12"), resumed.toString());
        resumed.setEpochs(30);
        resumed.buildClassifier(data);
        assertTrue(resumed.toString().contains("Epochs run:        30 of 30"), resumed.toString());
        assertSamePredictions(predictions(fresh, data), predictions(resumed, data));

        // other data (here other attributes): trained afresh, and the report says why (issue 15)
        final Instances other = FamilyData.of("Poisson", 20, 3);
        other.renameAttribute(0, "z1");
        resumed.setEpochs(40);
        resumed.buildClassifier(other);
        assertTrue(resumed.toString().contains("Resume:            not continued, trained afresh: the training data differ "
                + "from the run's: Attributes differ at position 1: Names differ: x1 != z1"), resumed.toString());
        final NeuralGLM otherForty = adam("5", 40, 10);
        otherForty.setFamily(new Poisson());
        otherForty.buildClassifier(other);
        assertSamePredictions(predictions(otherForty, other), predictions(resumed, other));
        // and back on the first data: afresh again, 40 epochs as one run of 40
        resumed.buildClassifier(data);
        final NeuralGLM forty = adam("5", 40, 10);
        forty.setFamily(new Poisson());
        forty.buildClassifier(data);
        assertSamePredictions(predictions(forty, data), predictions(resumed, data));
    }

    /** @return the model's network parameters, end to end, and its report */
    private static String serialised(weka.classifiers.functions.neuralglm.FittedModel m) {
        final StringBuilder sb = new StringBuilder();
        for (Parameter p : m.network().parameters()) {
            sb.append(java.util.Arrays.toString(java.util.Arrays.copyOf(p.value().data, p.size())));
        }
        return sb.append(weka.classifiers.functions.neuralglm.ModelReport.of(m, "")).toString();
    }

    @Test
    void aBuiltModelNeverChangesWhenTrainingGoesOn() throws Exception {
        final Instances data = FamilyData.of("Poisson", 80, 2);
        // resume: the continued run trains its own network, not the model handed out before
        final NeuralGLM resumed = adam("5", 6, 10);
        resumed.setFamily(new Poisson());
        resumed.setResume(true);
        resumed.buildClassifier(data);
        final weka.classifiers.functions.neuralglm.FittedModel first = resumed.fittedModel();
        final double[][] firstPredictions = predictions(resumed, data);
        final String firstBytes = serialised(first);
        resumed.setEpochs(12);
        resumed.buildClassifier(data);
        assertEquals(firstBytes, serialised(first));
        assertTrue(first != resumed.fittedModel());
        assertFalse(java.util.Arrays.deepEquals(firstPredictions, predictions(resumed, data)), "the run went on");
        // a stream makes new models
        final NeuralGLMUpdateable u = updateable("3", 8);
        u.buildClassifier(data);
        final weka.classifiers.functions.neuralglm.FittedModel built = u.fittedModel();
        final String builtBytes = serialised(built);
        for (int i = 0; i < 20; i++) {
            u.updateClassifier(data.instance(i));
        }
        assertTrue(u.toString().contains("20 instances learned with updateClassifier in 2 mini-batch steps (4 buffered)"),
                u.toString());
        assertEquals(builtBytes, serialised(built));
        assertTrue(built != u.fittedModel());
        // an aggregation makes a new model; a build afterwards starts a new stream
        final NeuralGLMUpdateable other = updateable("3", 8);
        other.buildClassifier(data);
        final weka.classifiers.functions.neuralglm.FittedModel streamed = u.fittedModel();
        final String streamedBytes = serialised(streamed);
        u.aggregate(other);
        u.finalizeAggregation();
        assertEquals(streamedBytes, serialised(streamed));
        assertTrue(u.toString().contains("20 instances learned") && u.toString().contains("averaged over 2 models"),
                u.toString());
        u.buildClassifier(data);
        assertFalse(u.toString().contains("updateClassifier") || u.toString().contains("averaged"), u.toString());
    }

    @Test
    void iterativeClassifierOptimizerPicksTheEpochCountByCrossValidation() throws Exception {
        final Instances data = FamilyData.of("Gaussian", 60, 4);
        final NeuralGLM base = adam("12", 80, 0);
        final SGD sgd = new SGD();
        sgd.setLr(0.05);
        base.setOptimizer(sgd);
        final IterativeClassifierOptimizer ico = new IterativeClassifierOptimizer();
        ico.setIterativeClassifier(base);
        ico.setNumFolds(3);
        ico.setLookAheadIterations(5);
        ico.buildClassifier(data);
        final String report = ico.toString();
        final Matcher m = Pattern.compile("Best number of iterations found: (\\d+)").matcher(report);
        assertTrue(m.find(), report);
        final int best = Integer.parseInt(m.group(1));
        System.out.println("IterativeClassifierOptimizer (3-fold CV, look-ahead 5) chose " + best + " of at most 80 epochs");
        assertTrue(best >= 1 && best <= 80, report);
        assertTrue(report.contains("Epochs run:        " + best + " of 80"), "the final model ran the chosen count:\n" + report);
        assertTrue(Double.isFinite(ico.classifyInstance(data.instance(0))));
    }

    @Test
    void earlyStoppingSaysAtWhichEpochAndWhyAndKeepsTheBestWeights() throws Exception {
        final Instances data = FamilyData.of("Categorical", 90, 5);
        final NeuralGLM c = adam("30", 400, 8);
        ((Adam) c.getOptimizer()).setLr(0.05);
        c.setValidationFraction(0.3);
        c.setPatience(3);
        c.buildClassifier(data);
        final var r = c.fittedModel().result();
        assertEquals(StopReason.NO_IMPROVEMENT, r.stopReason(), c.toString());
        final String report = c.toString();
        assertTrue(report.contains("Stopped:           stopped after epoch " + r.epochs()
                + ": the validation loss did not improve for 3 epochs; kept the weights of epoch " + (r.bestEpoch() + 1)), report);
        assertEquals(r.bestEpoch() + 1 + 3, r.epochs());
        assertTrue(report.contains("27 of 90 instances held out for validation"), report);
        final double[] v = r.validationTrace();
        for (double x : v) {
            assertTrue(x >= v[r.bestEpoch()]);
        }
    }

    static NeuralGLMUpdateable updateable(String hidden, int batch) {
        final NeuralGLMUpdateable c = new NeuralGLMUpdateable();
        c.setHidden(hidden);
        c.setMiniBatchSize(batch);
        ((Adam) c.getOptimizer()).setLr(0.02);
        c.setValidationFraction(0);   // builds of exactly the epochs asked for, as adam(...)
        c.setWeightDecay(0);
        return c;
    }

    @Test
    void aStreamFromAnEmptyBuildLearnsInMiniBatches() throws Exception {
        final Instances data = FamilyData.of("Gaussian", 43, 6);
        final NeuralGLMUpdateable c = updateable("none", 10);
        c.setFamily(new Gaussian());
        c.buildClassifier(new Instances(data, 0));    // as the Knowledge Flow and the command line do
        assertTrue(c.toString().contains("waiting for the first mini-batch (0 of 10"), c.toString());
        assertTrue(Utils.isMissingValue(c.distributionForInstance(data.instance(0))[0]), "no prediction before a batch");
        for (int i = 0; i < data.numInstances(); i++) {
            c.updateClassifier(data.instance(i));
        }
        assertTrue(c.toString().contains("43 instances learned with updateClassifier in 4 mini-batch steps (3 buffered)"),
                c.toString());
        c.batchFinished();
        assertTrue(c.toString().contains("in 5 mini-batch steps"), c.toString());
        for (int i = 0; i < data.numInstances(); i++) {
            assertTrue(Double.isFinite(c.classifyInstance(data.instance(i))));
        }
        // a stream learns: many passes of plain SGD approach the least-squares fit
        final NeuralGLMUpdateable sgd = updateable("none", 10);
        sgd.setFamily(new Gaussian());
        sgd.setEpochs(1);
        final SGD opt = new SGD();
        opt.setLr(0.1);
        sgd.setOptimizer(opt);
        sgd.buildClassifier(data);                    // batch build first, then more passes as a stream
        final NeuralGLM exact = NeuralGLMFamiliesTest.glm(new Gaussian());
        exact.buildClassifier(data);
        for (int pass = 0; pass < 300; pass++) {
            for (int i = 0; i < data.numInstances(); i++) {
                sgd.updateClassifier(data.instance(i));
            }
        }
        final DMatrixRMaj a = sgd.fittedModel().coefficients(), b = exact.fittedModel().coefficients();
        for (int j = 0; j < b.getNumElements(); j++) {
            assertEquals(b.data[j], a.data[j], 0.05 * (1 + Math.abs(b.data[j])), "coefficient " + j);
        }
    }

    @Test
    void theCommandLineTrainsTheUpdateableVersionAsAStream() throws Exception {
        final java.io.File arff = java.io.File.createTempFile("stream", ".arff");
        try {
            final Instances data = FamilyData.of("Poisson", 70, 10);
            java.nio.file.Files.writeString(arff.toPath(), data.toString());
            final String out = weka.classifiers.Evaluation.evaluateModel(new NeuralGLMUpdateable(), new String[] {
                "-t", arff.getPath(), "-no-cv", "-hidden", "none", "-family", "weka.classifiers.functions.neuralglm.Poisson"});
            assertTrue(out.contains("70 instances learned with updateClassifier in 9 mini-batch steps"), out);   // batches of 8
            final String batch = weka.classifiers.Evaluation.evaluateModel(new NeuralGLM(), new String[] {
                "-t", arff.getPath(), "-no-cv", "-hidden", "none", "-family", "weka.classifiers.functions.neuralglm.Poisson"});
            assertTrue(batch.contains("the optimiser converged") && !batch.contains("updateClassifier"), batch);
        } finally {
            arff.delete();
        }
    }

    @Test
    void aStreamNeedsMiniBatchesAndAModel() throws Exception {
        final Instances data = FamilyData.of("Gaussian", 20, 7);
        Exception e = assertThrows(IllegalArgumentException.class, () -> new NeuralGLM().buildClassifier(new Instances(data, 0)));
        assertTrue(e.getMessage().contains("is empty (to learn from a stream, use NeuralGLMUpdateable)"), e.getMessage());
        final NeuralGLMUpdateable lbfgs = new NeuralGLMUpdateable();
        lbfgs.setOptimizer(new weka.classifiers.functions.neuralglm.LBFGS());
        lbfgs.setMiniBatchSize(0);
        e = assertThrows(IllegalArgumentException.class, () -> lbfgs.buildClassifier(new Instances(data, 0)));
        assertTrue(e.getMessage().contains("is empty") && e.getMessage().contains("-mini-batch-size >= 1"), e.getMessage());
        assertNull(lbfgs.fittedModel());
        e = assertThrows(IllegalStateException.class, () -> lbfgs.updateClassifier(data.instance(0)));
        assertTrue(e.getMessage().contains("no model to update"), e.getMessage());
        lbfgs.setHidden("none");
        lbfgs.buildClassifier(data);
        e = assertThrows(IllegalArgumentException.class, () -> lbfgs.updateClassifier(data.instance(0)));
        assertTrue(e.getMessage().contains("-mini-batch-size >= 1"), e.getMessage());
    }

    @Test
    void aggregatingGlmsAveragesTheirCoefficientsInOriginalUnits() throws Exception {
        final Instances data = FamilyData.of("Poisson", 120, 8);
        final Instances first = new Instances(data, 0, 60), second = new Instances(data, 60, 60);
        final NeuralGLM a = NeuralGLMFamiliesTest.glm(new Poisson()), b = NeuralGLMFamiliesTest.glm(new Poisson());
        a.buildClassifier(first);
        b.buildClassifier(second);
        final DMatrixRMaj ca = a.fittedModel().coefficients(), cb = b.fittedModel().coefficients();
        // the partitions standardise differently, so raw parameters cannot simply be averaged
        assertFalse(a.fittedModel().pipeline().standardizer().mean()[0] == b.fittedModel().pipeline().standardizer().mean()[0]);
        a.aggregate(b);
        a.finalizeAggregation();
        final DMatrixRMaj avg = a.fittedModel().coefficients();
        for (int j = 0; j < avg.getNumElements(); j++) {
            assertEquals((ca.data[j] + cb.data[j]) / 2, avg.data[j], 1e-9 * (1 + Math.abs(avg.data[j])), "coefficient " + j);
        }
        assertTrue(a.toString().contains("parameters averaged over 2 models"), a.toString());
        // and the averaged GLM's log-mean is the average of the two log-means
        final Instance x = data.instance(3);
        final NeuralGLM a0 = NeuralGLMFamiliesTest.glm(new Poisson());
        a0.buildClassifier(first);
        assertEquals((Math.log(a0.classifyInstance(x)) + Math.log(b.classifyInstance(x))) / 2, Math.log(a.classifyInstance(x)), 1e-9);

        final NeuralGLM other = NeuralGLMFamiliesTest.glm(new Poisson());
        final Instances renamed = new Instances(first);
        renamed.renameAttribute(1, "w");
        other.buildClassifier(renamed);
        final Exception e = assertThrows(IllegalArgumentException.class, () -> a.aggregate(other));
        assertTrue(e.getMessage().contains("cannot aggregate models of different data"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> new NeuralGLM().aggregate(a));
        assertThrows(IllegalStateException.class, () -> b.finalizeAggregation());
    }

    @Test
    void hiddenLayerModelsFromOneSeedCanBeAveraged() throws Exception {
        final Instances data = FamilyData.of("Gaussian", 80, 9);
        final NeuralGLM a = adam("4", 5, 10), b = adam("4", 5, 10);
        a.buildClassifier(new Instances(data, 0, 40));
        b.buildClassifier(new Instances(data, 40, 40));
        a.aggregate(b);
        a.finalizeAggregation();
        assertNotNull(a.fittedModel());
        for (int i = 0; i < data.numInstances(); i++) {
            assertTrue(Double.isFinite(a.classifyInstance(data.instance(i))));
        }
    }
}

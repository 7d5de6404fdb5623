package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.Test;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.functions.neuralglm.Adam;
import weka.classifiers.functions.neuralglm.Poisson;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.SelectedTag;
import weka.core.Utils;

/**
 * {@code -resume} continues a run exactly when the data and the model-shaping options are the run's
 * (issue 15): random changes of rows, values, weights, order, attributes and options, each followed by a
 * resumed build with more epochs. The oracle is independent of the fingerprint: the resumed model must
 * be, bit for bit, either one fresh run with the new total on the original data and options (nothing
 * changed) or one fresh run with the new total on the changed data and options (something changed), and
 * the report's Resume line must say which.
 */
class NeuralGLMResumeTest {

    private static final int FIRST = 3;
    private static final int TOTAL = 7;

    /** A change to the data (in place) and the classifier; {@code harmless} when it changes nothing that shapes a model. */
    private record Change(String name, boolean harmless, BiConsumer<Instances, NeuralGLM> apply) {
    }

    private static Change data(String name, BiConsumer<Instances, Random> f, Random rng) {
        return new Change(name, false, (d, c) -> f.accept(d, rng));
    }

    private static Change option(String name, java.util.function.Consumer<NeuralGLM> f) {
        return new Change(name, false, (d, c) -> f.accept(c));
    }

    private static List<Change> changes(Random rng) {
        final List<Change> all = new ArrayList<>();
        // harmless: the epochs (the new total is set anyway), output settings, a copy of the same data
        all.add(new Change("nothing", true, (d, c) -> { }));
        all.add(new Change("debug output", true, (d, c) -> c.setDebug(true)));
        all.add(new Change("decimal places", true, (d, c) -> c.setNumDecimalPlaces(5)));
        all.add(new Change("a value set to itself", true, (d, c) -> {
            final Instance row = d.instance(rng.nextInt(d.numInstances()));
            final int j = rng.nextInt(d.numAttributes());
            row.setValue(j, row.value(j));
        }));
        all.add(new Change("options set again from their text", true, (d, c) -> {
            try {
                c.setOptions(c.getOptions());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }));
        // the data
        all.add(data("one input value", (d, r) -> {
            final Instance row = d.instance(r.nextInt(d.numInstances()));
            final int j = r.nextInt(3);
            row.setValue(j, row.value(j) + (r.nextBoolean() ? 1e-9 : 7) * (1 + Math.abs(row.value(j))));
        }, rng));
        all.add(data("one class value", (d, r) -> {
            final Instance row = d.instance(r.nextInt(d.numInstances()));
            row.setClassValue(row.classValue() + 1 + r.nextInt(3));
        }, rng));
        all.add(data("one weight", (d, r) -> d.instance(r.nextInt(d.numInstances())).setWeight(0.5 + r.nextInt(4)), rng));
        all.add(data("one value missing", (d, r) -> d.instance(r.nextInt(d.numInstances())).setMissing(r.nextInt(3)), rng));
        all.add(data("a row dropped", (d, r) -> d.delete(r.nextInt(d.numInstances())), rng));
        all.add(data("a row repeated", (d, r) -> d.add((Instance) d.instance(r.nextInt(d.numInstances())).copy()), rng));
        all.add(data("a row replaced by another", (d, r) -> {
            final int i = r.nextInt(d.numInstances()), j = (i + 1 + r.nextInt(d.numInstances() - 1)) % d.numInstances();
            d.set(i, (Instance) d.instance(j).copy());
        }, rng));
        all.add(data("two rows swapped", (d, r) -> {
            final int i = r.nextInt(d.numInstances()), j = (i + 1 + r.nextInt(d.numInstances() - 1)) % d.numInstances();
            d.swap(i, j);
        }, rng));
        all.add(data("a whole new sample", (d, r) -> {
            final Instances other = FamilyData.of("Poisson", d.numInstances(), r.nextLong());
            d.clear();
            d.addAll(other);
        }, rng));
        all.add(data("an attribute renamed", (d, r) -> d.renameAttribute(r.nextInt(3), "renamed"), rng));
        // the options
        all.add(option("-hidden", c -> c.setHidden(rng.nextBoolean() ? "4" : "3,2")));
        all.add(option("-activation", c -> c.setActivation(new SelectedTag(1 + rng.nextInt(5), NeuralGLM.TAGS_ACTIVATION))));
        all.add(option("-S", c -> c.setSeed(2 + rng.nextInt(100))));
        all.add(option("-mini-batch-size", c -> c.setMiniBatchSize(c.getMiniBatchSize() + 1 + rng.nextInt(5))));
        all.add(option("-weight-decay", c -> c.setWeightDecay(1e-4 * (1 + rng.nextInt(9)))));
        all.add(option("-num-threads", c -> c.setNumThreads(2)));
        all.add(option("-no-standardize", c -> c.setDoNotStandardize(true)));
        all.add(option("-dispersion", c -> c.setDispersionEstimate(new SelectedTag(1 + rng.nextInt(2), NeuralGLM.TAGS_DISPERSION))));
        all.add(option("optimiser learning rate", c -> ((Adam) c.getOptimizer()).setLr(0.01 + 0.001 * (1 + rng.nextInt(9)))));
        all.add(option("-family", c -> c.setFamily(rng.nextBoolean()
                ? new weka.classifiers.functions.neuralglm.NegativeBinomial() : new weka.classifiers.functions.neuralglm.Tweedie())));
        return all;
    }

    private static NeuralGLM classifier(int epochs) {
        final NeuralGLM c = NeuralGLMSteeringTest.adam("3", epochs, 8);
        c.setFamily(new Poisson());
        return c;
    }

    private static double[][] predictions(NeuralGLM c, Instances data) throws Exception {
        return NeuralGLMSteeringTest.predictions(c, data);
    }

    /** A fresh run of {@link #TOTAL} epochs with c's options, on data. */
    private static double[][] fresh(NeuralGLM options, Instances data, Instances at) throws Exception {
        final NeuralGLM f = (NeuralGLM) AbstractClassifier.makeCopy(options);
        f.setResume(false);
        f.setEpochs(TOTAL);
        f.buildClassifier(data);
        return predictions(f, at);
    }

    @Test
    void aResumeContinuesExactlyWhenTheDataAndOptionsAreTheRunsOwn() throws Exception {
        final Random rng = new Random(15_001);
        final int trials = 60;
        int continued = 0;
        for (int t = 0; t < trials; t++) {
            final List<Change> all = changes(rng);
            final Change change = all.get(rng.nextInt(all.size()));
            final Instances original = FamilyData.of("Poisson", 24 + rng.nextInt(20), rng.nextLong());
            final NeuralGLM c = classifier(FIRST);
            c.setResume(true);
            c.buildClassifier(original);
            final NeuralGLM before = (NeuralGLM) AbstractClassifier.makeCopy(c);
            final Instances data = new Instances(original);
            change.apply().accept(data, c);
            c.setEpochs(TOTAL);
            c.buildClassifier(data);
            final String report = c.toString(), what = "trial " + t + ", change: " + change.name() + "\n" + report;
            final double[][] got = predictions(c, data);
            if (change.harmless()) {
                continued++;
                assertTrue(report.contains("Resume:            continued the previous build's run from epoch " + FIRST), what);
                assertSame(fresh(before, original, data), got, what);
            } else {
                assertTrue(report.contains("Resume:            not continued, trained afresh: "), what);
                assertSame(fresh(c, data, data), got, what);
            }
            assertTrue(report.contains("Epochs run:        " + TOTAL + " of " + TOTAL), what);
        }
        System.out.println("resume property: " + trials + " random changes, " + continued + " harmless (continued), "
                + (trials - continued) + " trained afresh");
        assertTrue(continued > 0 && continued < trials);
    }

    private static void assertSame(double[][] expected, double[][] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], 0.0, what);
        }
    }

    @Test
    void theReportNamesTheOptionOrTheDataThatDiffer() throws Exception {
        final Instances data = FamilyData.of("Poisson", 30, 3);
        final NeuralGLM c = classifier(FIRST);
        c.setResume(true);
        c.buildClassifier(data);
        c.setHidden("4");
        c.setEpochs(TOTAL);
        c.buildClassifier(data);
        assertTrue(c.toString().contains("trained afresh: option -hidden was 3, now 4"), c.toString());
        final Instances fewer = new Instances(data, 0, 29);
        c.setEpochs(TOTAL + 2);
        c.buildClassifier(fewer);
        assertTrue(c.toString().contains("trained afresh: the training data have 29 instances, the run's had 30"), c.toString());
        final Instances other = new Instances(fewer);
        other.instance(4).setWeight(2);
        c.setEpochs(TOTAL + 4);
        c.buildClassifier(other);
        assertTrue(c.toString().contains("trained afresh: the training data have different values, weights or order"),
                c.toString());
        // a stream step changes the model, which the run then no longer continues
        final NeuralGLMUpdateable u = NeuralGLMSteeringTest.updateable("3", 4);
        u.setResume(true);
        u.setEpochs(FIRST);
        u.buildClassifier(data);
        for (int i = 0; i < 4; i++) {
            u.updateClassifier(data.instance(i));
        }
        u.setEpochs(TOTAL);
        u.buildClassifier(data);
        assertTrue(u.toString().contains("trained afresh: the model was changed after the previous run"), u.toString());
    }

    /** What the Explorer's "Continue iterating" does: the editor's options, then iterations on a copy of the data. */
    @Test
    void continueIteratingInTheExplorerContinuesTheRun() throws Exception {
        final Instances data = FamilyData.of("Poisson", 40, 4);
        final NeuralGLM c = classifier(FIRST);
        c.setResume(true);
        c.buildClassifier(data);
        final NeuralGLM editor = (NeuralGLM) AbstractClassifier.makeCopy(c);
        editor.setEpochs(TOTAL);
        c.setOptions(editor.getOptions());
        final Instances copy = new Instances(data);
        copy.setClassIndex(data.classIndex());
        c.initializeClassifier(copy);
        int epochs = 0;
        while (c.next()) {
            epochs++;
        }
        c.done();
        assertEquals(TOTAL - FIRST, epochs);
        assertTrue(c.toString().contains("continued the previous build's run from epoch " + FIRST), c.toString());
        assertSame(fresh(editor, data, data), predictions(c, data), c.toString());
        assertTrue(Arrays.asList(c.getOptions()).contains("-resume"));
        assertTrue(Utils.joinOptions(c.getOptions()).contains("-epochs " + TOTAL));
    }
}

package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static weka.classifiers.functions.NeuralGLMOffsetTest.concat;
import static weka.classifiers.functions.NeuralGLMOffsetTest.without;

import java.util.Random;

import neuralglm.testutil.RFixture;
import org.junit.jupiter.api.Test;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.SerializationHelper;

/**
 * {@code -offset} on a stream ({@link NeuralGLMUpdateable}): each instance's offset travels with it into its
 * mini-batch, whether the stream starts on an empty header (the Knowledge Flow's way) or continues a model built with
 * the offset. Checked on MASS's Insurance claims with log(Holders) (R's fit in {@code glmref/make_offset_fixtures.R}):
 * a GLM stream reaches R's deviance, where the same stream without the offset cannot; an offset of zeros gives the
 * stream without the attribute, to the bit; the model predicts ten times the claims at ten times the exposure; a
 * missing offset is refused naming the instance, before it is buffered.
 */
class NeuralGLMStreamOffsetTest {

    /** MASS's Insurance (64 rows), in a fixed random order (the file is sorted by District, Group, Age). */
    private static Instances insurance() {
        final Instances data = new Instances(RFixture.arff("insurance_exposure"));
        data.randomize(new Random(5));
        return data;
    }

    private static NeuralGLMUpdateable stream(Instances data, int passes, String... options) throws Exception {
        final NeuralGLMUpdateable s = new NeuralGLMUpdateable();
        s.setOptions(options.clone());
        s.buildClassifier(new Instances(data, 0));
        feed(s, data, passes);
        return s;
    }

    private static void feed(NeuralGLMUpdateable s, Instances data, int passes) throws Exception {
        for (int p = 0; p < passes; p++) {
            for (int i = 0; i < data.numInstances(); i++) {
                s.updateClassifier(data.instance(i));
            }
        }
        s.batchFinished();
    }

    /** Poisson deviance of the model's means on the data: 2 sum y log(y / mu) - (y - mu). */
    private static double deviance(NeuralGLM model, Instances data) throws Exception {
        double d = 0;
        for (int i = 0; i < data.numInstances(); i++) {
            final Instance x = data.instance(i);
            final double y = x.classValue(), mu = model.distributionForInstance(x)[0];
            d += 2 * ((y > 0 ? y * Math.log(y / mu) : 0) - (y - mu));
        }
        return d;
    }

    @Test
    void aGlmStreamWithTheExposureReachesRsFit() throws Exception {
        final Instances data = insurance();
        final String[] opts = {"-family", "Poisson", "-hidden", "none", "-offset", "logHolders"};
        final NeuralGLMUpdateable s = stream(data, 300, opts);
        final double dev = deviance(s, data), r = RFixture.load("insurance_exposure").stat("deviance");
        // R: deviance 51.42 on 54 df; 300 passes of Adam steps (lr 0.01, batches of 8) come within 1% (51.45)
        assertTrue(dev < 1.01 * r, "stream deviance " + dev + ", R's " + r);
        // without the offset in its steps the same stream fits the claims from the groups alone
        final NeuralGLMUpdateable plain = stream(without(data, "logHolders"), 300, "-family", "Poisson", "-hidden", "none");
        final double devPlain = deviance(plain, without(data, "logHolders"));
        assertTrue(devPlain > 2 * r, "without the offset: deviance " + devPlain);
        System.out.printf(java.util.Locale.ROOT, "Insurance stream, 300 passes: deviance %.4f with the offset (R %.4f), "
                + "%.4f without%n", dev, r, devPlain);
        // ten times the exposure, ten times the mean
        final Instance one = (Instance) data.instance(3).copy();
        final double mu = s.distributionForInstance(one)[0];
        one.setValue(3, one.value(3) + Math.log(10));
        assertEquals(10 * mu, s.distributionForInstance(one)[0], 1e-9 * mu);
        assertTrue(s.toString().contains("logHolders") && s.toString().contains("Stream:"), s.toString());
    }

    /**
     * The file as R wrote it, sorted by District: the first mini-batch of 8 holds District d1 only. The stream keeps
     * District (RemoveUseless on that batch dropped it, and the stream fitted Claims ~ Group + Age for ever) and
     * reaches R's fit of all three.
     */
    @Test
    void aStreamOfAFileSortedByAnAttributeKeepsIt() throws Exception {
        final Instances sorted = new Instances(RFixture.arff("insurance_exposure"));
        final NeuralGLMUpdateable s = stream(sorted, 300, "-family", "Poisson", "-hidden", "none", "-offset", "logHolders");
        final java.util.List<String> inputs = java.util.Arrays.asList(s.fittedModel().pipeline().inputNames());
        assertTrue(inputs.contains("District=d2") && inputs.contains("District=d4"), inputs.toString());
        final double dev = deviance(s, sorted), r = RFixture.load("insurance_exposure").stat("deviance");
        assertTrue(dev < 1.01 * r, "stream deviance " + dev + ", R's " + r);
        assertTrue(s.toString().contains("columns after removing the attributes with no value in the stream's first "
                + "mini-batch") && !s.toString().contains("attributes left out"), s.toString());
        // a build on that first batch drops District, and its report says so
        final NeuralGLM batch = new NeuralGLM();
        batch.setOptions(new String[] {"-family", "Poisson", "-hidden", "none", "-offset", "logHolders"});
        batch.buildClassifier(new Instances(sorted, 0, 8));
        assertTrue(batch.toString().contains("attributes left out: 'District'"), batch.toString());
    }

    /** Offsets of zeros: the stream of the data without the attribute, bit for bit (from the header, and continuing). */
    @Test
    void zeroOffsetsAreTheStreamWithoutTheAttribute() throws Exception {
        final Instances zero = insurance();
        for (int i = 0; i < zero.numInstances(); i++) {
            zero.instance(i).setValue(3, 0.0);
        }
        final Instances plain = without(zero, "logHolders");
        final String[] opts = {"-family", "Poisson", "-hidden", "4", "-mini-batch-size", "5", "-S", "3"};
        final NeuralGLMUpdateable a = stream(zero, 4, concat(opts, "-offset", "logHolders")), b = stream(plain, 4, opts);
        for (int i = 0; i < zero.numInstances(); i++) {
            assertArrayEquals(b.distributionForInstance(plain.instance(i)), a.distributionForInstance(zero.instance(i)),
                    0.0, "instance " + (i + 1));
        }
        // built on the first 40 instances, updated with the rest
        final NeuralGLMUpdateable c = new NeuralGLMUpdateable(), d = new NeuralGLMUpdateable();
        c.setOptions(concat(opts, "-offset", "logHolders", "-epochs", "20"));
        d.setOptions(concat(opts, "-epochs", "20"));
        c.buildClassifier(new Instances(zero, 0, 40));
        d.buildClassifier(new Instances(plain, 0, 40));
        for (int i = 40; i < zero.numInstances(); i++) {
            c.updateClassifier(zero.instance(i));
            d.updateClassifier(plain.instance(i));
        }
        c.batchFinished();
        d.batchFinished();
        for (int i = 0; i < zero.numInstances(); i++) {
            assertArrayEquals(d.distributionForInstance(plain.instance(i)), c.distributionForInstance(zero.instance(i)),
                    0.0, "updated, instance " + (i + 1));
        }
    }

    /**
     * A model built with the offset keeps it through its updates and its serialisation (a deserialised stream goes on
     * with a fresh optimiser, so only its predictions at the point of saving are compared).
     */
    @Test
    void aBuiltModelWithTheOffsetLearnsOnFromAStream() throws Exception {
        final Instances data = insurance();
        final NeuralGLMUpdateable s = new NeuralGLMUpdateable();
        s.setOptions(new String[] {"-family", "Poisson", "-hidden", "none", "-offset", "logHolders"});
        s.buildClassifier(new Instances(data, 0, 32));
        final Instances second = new Instances(data, 32, 32);
        final double before = deviance(s, second);
        feed(s, second, 3);
        final double after = deviance(s, second), r = RFixture.load("insurance_exposure").stat("deviance");
        assertTrue(after < before, "the stream lowered the second half's deviance: " + before + " -> " + after);
        assertTrue(deviance(s, data) < 1.2 * r, "all 64: deviance " + deviance(s, data) + ", R's " + r);
        final NeuralGLMUpdateable back = (NeuralGLMUpdateable) SerializationHelper.read(new java.io.ByteArrayInputStream(
                serialise(s)));
        for (int i = 0; i < data.numInstances(); i++) {
            assertArrayEquals(s.distributionForInstance(data.instance(i)), back.distributionForInstance(data.instance(i)),
                    0.0, "the serialised stream, instance " + (i + 1));
        }
        feed(back, new Instances(data, 32, 32), 1);
        for (NeuralGLMUpdateable m : new NeuralGLMUpdateable[] {s, back}) {
            final Instance one = (Instance) data.instance(7).copy();
            final double mu = m.distributionForInstance(one)[0];
            one.setValue(3, one.value(3) - Math.log(4));
            assertEquals(mu / 4, m.distributionForInstance(one)[0], 1e-9 * mu);
        }
    }

    private static byte[] serialise(Object o) throws Exception {
        final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        SerializationHelper.write(out, o);
        return out.toByteArray();
    }

    @Test
    void aMissingOffsetIsRefusedBeforeItIsBuffered() throws Exception {
        final Instances data = insurance();
        final String[] opts = {"-family", "Poisson", "-hidden", "none", "-offset", "logHolders", "-mini-batch-size", "4"};
        final NeuralGLMUpdateable s = new NeuralGLMUpdateable(), clean = new NeuralGLMUpdateable();
        s.setOptions(opts.clone());
        clean.setOptions(opts.clone());
        s.buildClassifier(new Instances(data, 0));
        clean.buildClassifier(new Instances(data, 0));
        for (int i = 0; i < 20; i++) {
            if (i == 2 || i == 13) {   // one while the stream waits for its first batch, one after
                final Instance bad = (Instance) data.instance(i).copy();
                bad.setMissing(3);
                final int number = i == 2 ? 3 : 13;   // the stream's numbering: instance 3 waits, 12 were learned
                final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.updateClassifier(bad));
                assertTrue(e.getMessage().contains("Offset attribute 'logHolders' (-offset) of instance " + number
                        + " has no value"), e.getMessage());
                continue;
            }
            s.updateClassifier(data.instance(i));
            clean.updateClassifier(data.instance(i));
        }
        s.batchFinished();
        clean.batchFinished();
        for (int i = 0; i < data.numInstances(); i++) {
            assertArrayEquals(clean.distributionForInstance(data.instance(i)), s.distributionForInstance(data.instance(i)),
                    0.0, "instance " + (i + 1));
        }
    }

    @Test
    void aStreamRefusesTheOffsetWhereABuildDoes() {
        final Instances data = insurance();
        final NeuralGLMUpdateable s = new NeuralGLMUpdateable();
        final Exception e = assertThrows(IllegalArgumentException.class, () -> {
            s.setOptions(new String[] {"-family", "NegativeBinomial", "-dispersion", "ML", "-offset", "logHolders"});
            s.buildClassifier(new Instances(data, 0));
        });
        assertTrue(e.getMessage().contains("-dispersion ML"), e.getMessage());
        final Exception f = assertThrows(IllegalArgumentException.class, () -> {
            s.setOptions(new String[] {"-family", "Poisson", "-offset", "Claims"});
            s.buildClassifier(new Instances(data, 0));
        });
        assertTrue(f.getMessage().contains("is the class attribute"), f.getMessage());
    }
}

package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import neuralglm.model.AbsentClasses;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import weka.classifiers.Evaluation;
import weka.classifiers.functions.neuralglm.FittedModel;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;

/**
 * A class value without training weight (declared by the header, or missing from a fold) is predicted with the
 * add-half floor {@code p0 = 1/2 / (n_w + k/2)}, the present classes keeping the network's ratios; through the single
 * and batch paths, a save and load, a cross-validation, an aggregation and a stream.
 */
class NeuralGLMAbsentClassTest {

    /** n instances of classes a and b (and {@code rare} of c) of a header declaring a, b, c; weights 1 or 0.5. */
    private static Instances data(int n, int rare, long seed, boolean weighted) {
        final Random rng = new Random(seed);
        final ArrayList<Attribute> atts = new ArrayList<>();
        atts.add(new Attribute("x1"));
        atts.add(new Attribute("x2"));
        atts.add(new Attribute("y", List.of("a", "b", "c")));
        final Instances d = new Instances("absent", atts, n);
        d.setClassIndex(2);
        for (int i = 0; i < n; i++) {
            final double x1 = rng.nextGaussian(), x2 = rng.nextGaussian();
            final int y = i < rare ? 2 : x1 + 0.5 * x2 + 0.7 * rng.nextGaussian() > 0 ? 1 : 0;
            d.add(new DenseInstance(weighted && i % 3 == 0 ? 0.5 : 1.0, new double[] {x1, x2, y}));
        }
        return d;
    }

    private static double[] softmaxOfNetwork(FittedModel m, Instance inst) throws Exception {
        final DMatrixRMaj eta = m.network().predict(m.pipeline().transform(inst));
        final double[] p = new double[eta.numCols];
        double max = Double.NEGATIVE_INFINITY, s = 0;
        for (double e : eta.data) {
            max = Math.max(max, e);
        }
        for (int c = 0; c < p.length; c++) {
            p[c] = Math.exp(eta.data[c] - max);
            s += p[c];
        }
        for (int c = 0; c < p.length; c++) {
            p[c] /= s;
        }
        return p;
    }

    @Test
    void aDeclaredClassWithoutInstancesGetsTheFloorOnEveryPath() throws Exception {
        for (String options : new String[] {"", "-hidden none"}) {
            final Instances train = data(60, 0, 1, true), test = data(50, 3, 2, false);
            final NeuralGLM g = new NeuralGLM();
            g.setOptions(Utils.splitOptions(options));
            g.buildClassifier(train);
            final double nw = train.sumOfWeights();
            final double p0 = 0.5 / (nw + 1.5);
            final FittedModel m = g.fittedModel();
            assertArrayEquals(new int[] {2}, m.absentClasses().classes());
            final double[][] batch = g.distributionsForInstances(test);
            final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(g);
            }
            final NeuralGLM loaded;
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                loaded = (NeuralGLM) in.readObject();
            }
            for (int i = 0; i < test.numInstances(); i++) {
                final double[] p = g.distributionForInstance(test.instance(i));
                assertEquals(p0, p[2], 1e-17, options);
                assertEquals(1.0, p[0] + p[1] + p[2], 1e-15);
                final double[] q = softmaxOfNetwork(m, test.instance(i));
                assertEquals(q[0] / q[1], p[0] / p[1], 1e-12 * (q[0] / q[1]));
                assertEquals((1 - p0) * q[0] / (q[0] + q[1]), p[0], 1e-15);
                assertArrayEquals(p, batch[i], 0.0, "batch and single paths");
                assertArrayEquals(p, loaded.distributionForInstance(test.instance(i)), 0.0, "saved and loaded");
            }
            assertTrue(g.toString().contains("class value 'c' has no training instances: predicted with a floor "
                    + "probability " + String.format(java.util.Locale.ROOT, "%.6g", p0)), g::toString);
        }
    }

    @Test
    void theGlmOnThePresentClassesIsTheTwoClassGlm() throws Exception {
        // -hidden none stays the maximum-likelihood GLM on the present classes: its ratio p_b / p_a is the odds of the
        // two-class GLM fitted to the same instances with a header of a and b only
        final Instances three = data(80, 0, 3, false);
        final ArrayList<Attribute> atts = new ArrayList<>();
        atts.add(new Attribute("x1"));
        atts.add(new Attribute("x2"));
        atts.add(new Attribute("y", List.of("a", "b")));
        final Instances two = new Instances("two", atts, three.numInstances());
        two.setClassIndex(2);
        for (Instance inst : three) {
            two.add(new DenseInstance(1.0, inst.toDoubleArray()));
        }
        final NeuralGLM g3 = new NeuralGLM(), g2 = new NeuralGLM();
        g3.setOptions(Utils.splitOptions("-hidden none"));
        g2.setOptions(Utils.splitOptions("-hidden none -family Bernoulli"));
        g3.buildClassifier(three);
        g2.buildClassifier(two);
        for (int i = 0; i < 10; i++) {
            final double[] p3 = g3.distributionForInstance(three.instance(i)), p2 = g2.distributionForInstance(two.instance(i));
            assertEquals(Math.log(p2[1] / p2[0]), Math.log(p3[1] / p3[0]), 1e-6);
            assertEquals(0.5 / (80 + 1.5), p3[2], 1e-17);
        }
    }

    @Test
    void aCrossValidationWithARareClassHasAFiniteLogLoss() throws Exception {
        // 120 instances, one of class c: the fold that tests it trains without it (108 instances), an early-stopped
        // network (from 100 training instances one 20% split), and predicts it with p0 = 1/2 / (108 + 3/2)
        final Instances d = data(120, 1, 4, false);
        final double p0 = 0.5 / (108 + 1.5);
        final Instances train = new Instances(d, 1, 108), rare = new Instances(d, 0, 1);
        final NeuralGLM g = new NeuralGLM();
        g.buildClassifier(train);
        assertEquals(p0, g.distributionForInstance(rare.instance(0))[2], 1e-17);
        final Evaluation e = new Evaluation(d);
        e.crossValidateModel(new NeuralGLM(), d, 10, new Random(1));
        final double logLoss = e.SFMeanSchemeEntropy() * Math.log(2);
        // the rare instance alone costs -log p0 / n (others cost >= 0); before the floor it cost about 690 / n
        final double rareShare = -Math.log(0.5 / (108 + 1.5)) / 120;
        assertTrue(logLoss >= rareShare - 1e-12 && logLoss < rareShare + Math.log(3), () -> "log loss " + logLoss);
    }

    @Test
    void anAggregateAveragesEachClassOverTheModelsThatHadIt() throws Exception {
        final Instances withC = data(60, 6, 5, false), withoutC = data(60, 0, 6, false);
        final NeuralGLM a = new NeuralGLM(), b = new NeuralGLM(), both = new NeuralGLM();
        for (NeuralGLM g : new NeuralGLM[] {a, b, both}) {
            g.setOptions(Utils.splitOptions("-hidden none"));
        }
        a.buildClassifier(withC);
        b.buildClassifier(withoutC);
        both.buildClassifier(withC);
        final DMatrixRMaj ca = a.fittedModel().coefficients(), cb = b.fittedModel().coefficients();
        both.aggregate(b);
        both.finalizeAggregation();
        assertNull(both.fittedModel().absentClasses(), "c is present in one model");
        final DMatrixRMaj avg = both.fittedModel().coefficients();
        for (int j = 0; j < 3; j++) {
            assertEquals((ca.get(0, j) + cb.get(0, j)) / 2, avg.get(0, j), 1e-9);
            assertEquals((ca.get(1, j) + cb.get(1, j)) / 2, avg.get(1, j), 1e-9);
            assertEquals(ca.get(2, j), avg.get(2, j), 1e-9, "class c's row is the model's that had c");
        }
        final NeuralGLM c = new NeuralGLM(), d = new NeuralGLM();
        c.setOptions(Utils.splitOptions("-hidden none"));
        d.setOptions(Utils.splitOptions("-hidden none"));
        c.buildClassifier(withoutC);
        d.buildClassifier(data(40, 0, 7, false));
        c.aggregate(d);
        c.finalizeAggregation();
        final AbsentClasses abs = c.fittedModel().absentClasses();
        assertArrayEquals(new int[] {2}, abs.classes());
        assertEquals(100.0, abs.totalWeight());
        assertEquals(0.5 / 101.5, c.distributionForInstance(withC.instance(10))[2], 1e-17);
    }

    @Test
    void aStreamPredictsAnUnseenClassWithTheFloorAndLearnsItWhenItComes() throws Exception {
        final NeuralGLMUpdateable g = new NeuralGLMUpdateable();
        final Instances empty = new Instances(data(1, 0, 8, false), 0);
        g.buildClassifier(empty);
        final Instances ab = data(40, 0, 9, false);
        for (Instance inst : ab) {
            g.updateClassifier(inst);
        }
        final Instance probe = ab.instance(0);
        assertEquals(0.5 / (40 + 1.5), g.distributionForInstance(probe)[2], 1e-17);
        assertNotNull(g.fittedModel().absentClasses());
        // then class c, at x2 far above the others: the stream learns it (from the floor's start, not from 1e-300)
        final Random rng = new Random(10);
        for (int i = 0; i < 400; i++) {
            final double x1 = rng.nextGaussian(), x2 = rng.nextGaussian();
            final int y = i % 3 == 0 ? 2 : x1 > 0 ? 1 : 0;
            final Instance inst = new DenseInstance(1.0, new double[] {x1, y == 2 ? x2 + 4 : x2, y});
            inst.setDataset(ab);
            g.updateClassifier(inst);
        }
        assertNull(g.fittedModel().absentClasses());
        final Instance c = new DenseInstance(1.0, new double[] {0, 4, 2});
        c.setDataset(ab);
        final double pc = g.distributionForInstance(c)[2];
        assertTrue(pc > 0.5, () -> "P(c) at a c-like input after 134 instances of c: " + pc);
    }
}

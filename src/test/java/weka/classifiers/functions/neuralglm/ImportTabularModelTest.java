package weka.classifiers.functions.neuralglm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import neuralglm.family.BernoulliFamily;
import neuralglm.family.CategoricalFamily;
import neuralglm.family.Family;
import neuralglm.model.AbsentClasses;
import neuralglm.model.LabelCoding;
import neuralglm.model.ModelFile;
import neuralglm.model.TableStats;
import neuralglm.model.TabularEncoder;
import neuralglm.model.TabularModel;
import neuralglm.nn.Activation;
import neuralglm.nn.Sequential;
import neuralglm.train.TrainingResult;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import weka.classifiers.functions.NeuralGLM;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;

/**
 * An engine model (as Spark trains it) imported into Weka under a header whose class declares values the model never
 * saw: those values get the add-half floor {@code p0 = 1/2 / (n_w + K/2)} of a NeuralGLM build on that header (K the
 * header's class values, n_w the total training weight, summed here by hand), the model's classes share the rest in
 * the network's softmax ratios (computed here from eta); under the model's own classes nothing changes.
 */
class ImportTabularModelTest {
    private static final double[] X = {-1.5, -0.5, 0.0, 0.4, 1.0, 2.0, 2.5, -2.0, 0.7};

    /** n_w by hand: the weights 1 + i % 3 of the rows whose weight is not set to 0. */
    private static double weightByHand(boolean cIsAbsent, String[] labels) {
        double nw = 0;
        for (int i = 0; i < X.length; i++) {
            nw += cIsAbsent && labels[i].equals("c") ? 0 : 1 + i % 3;
        }
        return nw;
    }

    private static String[] labels(boolean bernoulli) {
        final String[] l = new String[X.length];
        for (int i = 0; i < X.length; i++) {
            l[i] = bernoulli ? (i % 2 == 0 ? "no" : "yes") : new String[] {"a", "b", "c"}[i % 3];
        }
        return l;
    }

    /** The model as SparkTrainer makes it: absent classes and n_w from the table's statistics, then a file round trip. */
    private static TabularModel model(Family family, String[] labels, boolean cIsAbsent) throws Exception {
        final TableStats stats = new TableStats(new String[] {"x"}, new boolean[] {false}, true);
        for (int i = 0; i < X.length; i++) {
            stats.add(new Object[] {X[i]}, labels[i], cIsAbsent && labels[i].equals("c") ? 0.0 : 1.0 + i % 3);
        }
        final TabularEncoder encoder = TabularEncoder.fit(stats, true);
        final LabelCoding coding = LabelCoding.fit("y", family, stats);
        final Sequential net = Sequential.mlp(encoder.width(), new int[] {3}, () -> Activation.byName("Tanh"),
                coding.columns(), new Random(5));
        final TabularModel m = new TabularModel(encoder, coding, net, family,
                new TrainingResult(new double[] {1.0}, 1.0, true), "trained elsewhere", null,
                AbsentClasses.of(stats, coding), AbsentClasses.labelWeight(stats, coding));
        return ModelFile.fromBytes(ModelFile.toJson(m).getBytes(StandardCharsets.UTF_8), "test");
    }

    private static Instances header(String... classValues) {
        final ArrayList<Attribute> atts = new ArrayList<>(List.of(new Attribute("x"),
                new Attribute("y", List.of(classValues))));
        final Instances h = new Instances("t", atts, 0);
        h.setClassIndex(1);
        return h;
    }

    private static Instance row(Instances h, double x) {
        final Instance r = new DenseInstance(2);
        r.setDataset(h);
        r.setValue(0, x);
        r.setMissing(1);
        return r;
    }

    /** The network's softmax probabilities of its classes at x, from eta by hand. */
    private static double[] softmax(TabularModel m, double x) {
        final DMatrixRMaj eta = m.eta(new Object[][] {{x}});
        final double[] q = new double[eta.numCols];
        double max = Double.NEGATIVE_INFINITY, sum = 0;
        for (double e : eta.data) {
            max = Math.max(max, e);
        }
        for (int c = 0; c < q.length; c++) {
            q[c] = Math.exp(eta.data[c] - max);
            sum += q[c];
        }
        for (int c = 0; c < q.length; c++) {
            q[c] /= sum;
        }
        return q;
    }

    @Test
    void helpPrintsTheUsageAndAMissingFileNamesBothOptions() throws Exception {
        final java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        final java.io.PrintStream was = System.out;
        System.setOut(new java.io.PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            new ImportTabularModel().run(null, new String[] {"-h"});   // weka.Run ImportTabularModel -h
            new ImportTabularModel().run(null, new String[0]);
        } finally {
            System.setOut(was);
        }
        final String printed = buf.toString(StandardCharsets.UTF_8);
        assertEquals(2, printed.split("Usage: ImportTabularModel", -1).length - 1, printed);
        final IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new ImportTabularModel().run(null, new String[] {"-model", "m.json"}));
        assertTrue(e.getMessage().startsWith("-model and -d are both needed. Usage:"), e.getMessage());
    }

    @Test
    void aClassValueTheModelNeverSawGetsTheAddHalfFloor() throws Exception {
        final String[] labels = labels(false);
        final TabularModel model = model(new CategoricalFamily(), labels, false);
        final double nw = weightByHand(false, labels);
        assertEquals(nw, model.trainingWeight(), 1e-12, "n_w kept through the model file");
        // the header lists the values in another order and adds d, which no training row had
        final Instances h = header("d", "c", "a", "b");
        final NeuralGLM glm = ImportTabularModel.toNeuralGLM(model, h);
        final double p0 = 0.5 / (nw + 4 / 2.0);
        for (double x : X) {
            final double[] p = glm.distributionForInstance(row(h, x));
            final double[] q = softmax(model, x);   // a, b, c
            assertEquals(p0, p[0], 1e-15, "d at x = " + x);
            assertEquals((1 - p0) * q[2], p[1], 1e-12, "c");
            assertEquals((1 - p0) * q[0], p[2], 1e-12, "a");
            assertEquals((1 - p0) * q[1], p[3], 1e-12, "b");
            assertEquals(1.0, p[0] + p[1] + p[2] + p[3], 1e-12);
        }
        assertTrue(glm.toString().contains("Absent classes"), glm.toString());
        // under the model's own classes nothing changes: the engine model's probabilities
        final Instances own = header("a", "b", "c");
        final NeuralGLM same = ImportTabularModel.toNeuralGLM(model, own);
        for (double x : X) {
            assertArrayEquals(model.mean(new Object[][] {{x}}).data, same.distributionForInstance(row(own, x)), 0.0);
        }
    }

    @Test
    void theModelsOwnAbsentClassAndAnUnseenValueShareTheFloorOfAllTheHeadersValues() throws Exception {
        final String[] labels = labels(false);
        final TabularModel model = model(new CategoricalFamily(), labels, true);   // c's rows have weight 0
        final double nw = weightByHand(true, labels);
        assertArrayEquals(new int[] {2}, model.absentClasses().classes());
        final Instances h = header("a", "b", "c", "d");
        final NeuralGLM glm = ImportTabularModel.toNeuralGLM(model, h);
        final double p0 = 0.5 / (nw + 4 / 2.0);
        for (double x : X) {
            final double[] p = glm.distributionForInstance(row(h, x));
            final double[] q = softmax(model, x);
            final double rest = (1 - 2 * p0) / (q[0] + q[1]);
            assertEquals(q[0] * rest, p[0], 1e-12, "a at x = " + x);
            assertEquals(q[1] * rest, p[1], 1e-12, "b");
            assertEquals(p0, p[2], 1e-15, "c (absent in training)");
            assertEquals(p0, p[3], 1e-15, "d (not in the model)");
        }
        // Instances in blocks: the same numbers
        final Instances rows = new Instances(h, X.length);
        for (double x : X) {
            rows.add(row(h, x));
        }
        final double[][] block = glm.distributionsForInstances(rows);
        for (int i = 0; i < X.length; i++) {
            assertArrayEquals(glm.distributionForInstance(rows.instance(i)), block[i], 0.0);
        }
    }

    @Test
    void aBernoulliModelUnderAHeaderWithAThirdValue() throws Exception {
        final String[] labels = labels(true);
        final TabularModel model = model(new BernoulliFamily(), labels, false);
        final double nw = weightByHand(false, labels);
        final Instances h = header("yes", "maybe", "no");
        final NeuralGLM glm = ImportTabularModel.toNeuralGLM(model, h);
        final double p0 = 0.5 / (nw + 3 / 2.0);
        for (double x : X) {
            final double mu = model.mean(new Object[][] {{x}}).data[0];   // P(yes)
            final double[] p = glm.distributionForInstance(row(h, x));
            assertEquals((1 - p0) * mu, p[0], 1e-12, "yes at x = " + x);
            assertEquals(p0, p[1], 1e-15, "maybe");
            assertEquals((1 - p0) * (1 - mu), p[2], 1e-12, "no");
        }
    }
}

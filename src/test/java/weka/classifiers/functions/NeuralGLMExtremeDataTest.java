package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import neuralglm.train.TrainingDivergedException;
import org.junit.jupiter.api.Test;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.SerializedObject;
import weka.core.SparseInstance;
import weka.core.Utils;

/**
 * A sweep over data a user should never have but may: inputs at 1e-300 and up to 1e149 (whole columns, or one instance
 * 1e149 out that weighs nothing in training), heavy-tailed columns, constant
 * and date attributes, sparse instances, missing values, instance weights of 0, 1e-200 and 1e200, classes with one
 * observed value; through batch builds (float64 and float32, 1 and 2 threads, reading the instances or copying them)
 * and streams (NeuralGLMUpdateable ending with batchFinished). Each case either builds a model whose predictions are
 * finite numbers (a distribution for a nominal class), the same one instance at a time as in a batch and after
 * serialisation, or is refused with an IllegalArgumentException naming what to change; an SGD run at the aggressive
 * learning rate the sweep sometimes sets may also stop as diverged, saying so. Anything else (a NaN prediction, an
 * exception from deep inside, a divergence at the defaults) fails the test with the case. A float32 model predicted
 * NaN for an instance beyond float's range before such instances were predicted in double.
 */
class NeuralGLMExtremeDataTest {

    private static double value(Random r, int kind) {
        switch (kind) {
            case 0: return r.nextGaussian();
            case 1: return r.nextInt(5);
            case 2: return r.nextGaussian() * 1e149;
            case 3: return r.nextGaussian() * 1e-300;
            case 4: return 7.0;
            case 5: return r.nextBoolean() ? 0 : 1;
            case 6: return Math.exp(r.nextGaussian() * 10);
            default: return r.nextGaussian();   // 7: standard, but for the first instance (see data)
        }
    }

    /** A data set of the case's seed; its class suits the family returned in {@code family[0]}. */
    private static Instances data(Random r, String[] family) {
        final int n = new int[] {3, 8, 20, 60}[r.nextInt(4)], inputs = 1 + r.nextInt(4);
        final ArrayList<Attribute> atts = new ArrayList<>();
        final int[] kinds = new int[inputs];
        for (int j = 0; j < inputs; j++) {
            final int t = r.nextInt(10);
            if (t < 7) {
                atts.add(new Attribute("x" + j));
                kinds[j] = r.nextInt(4) == 0 ? 7 : r.nextInt(7);
            } else if (t < 9) {
                final List<String> v = new ArrayList<>();
                final int values = 1 + r.nextInt(t == 8 ? 30 : 3);
                for (int q = 0; q < values; q++) {
                    v.add("v" + q);
                }
                atts.add(new Attribute("n" + j, v));
                kinds[j] = -values;
            } else {
                atts.add(new Attribute("d" + j, "yyyy-MM-dd"));
                kinds[j] = 100;
            }
        }
        final int classKind = r.nextInt(5);   // 0 nominal, 1 real, 2 counts, 3 positive, 4 proportions
        if (classKind == 0) {
            atts.add(new Attribute("class", List.of("a", "b", "c")));
            family[0] = r.nextBoolean() ? "Categorical" : "Auto";
        } else {
            atts.add(new Attribute("class"));
            family[0] = new String[] {"", "Gaussian", "Poisson", "Gamma", "Binomial"}[classKind];
        }
        final Instances d = new Instances("extreme", atts, n);
        d.setClassIndex(inputs);
        final double missing = new double[] {0, 0, 0.1, 0.3}[r.nextInt(4)];
        final int weights = r.nextInt(5);
        final boolean sparse = r.nextInt(4) == 0, outlierUnweighted = n > 3 && r.nextBoolean();
        for (int i = 0; i < n; i++) {
            final double[] v = new double[inputs + 1];
            for (int j = 0; j < inputs; j++) {
                v[j] = r.nextDouble() < missing ? Utils.missingValue()
                        : kinds[j] < 0 ? r.nextInt(-kinds[j]) : kinds[j] == 100 ? 1e12 + 86_400_000.0 * r.nextInt(900)
                        : kinds[j] == 7 && i == 0 ? 1e149 : value(r, kinds[j]);
            }
            v[inputs] = classKind == 0 ? r.nextInt(2) : classKind == 1 ? 3 * r.nextGaussian() : classKind == 2 ? r.nextInt(6)
                    : classKind == 3 ? Math.exp(r.nextGaussian()) : r.nextDouble();
            // the first instance, far out in a column of kind 7, often weighs nothing in training: predicted anyway
            final double w = i == 0 && outlierUnweighted ? 0 : weights == 0 ? 1 : weights == 1 ? (r.nextBoolean() ? 0 : 1) : weights == 2 ? 1e-200
                    : weights == 3 ? 1e200 : 3 * r.nextDouble();
            d.add(sparse ? new SparseInstance(w, v) : new DenseInstance(w, v));
        }
        return d;
    }

    private static String[] options(Random r, String family) {
        final List<String> o = new ArrayList<>(List.of("-family", family, "-epochs", "" + (2 + r.nextInt(15))));
        o.add("-hidden");
        o.add(new String[] {"none", "3", "5,4"}[r.nextInt(3)]);
        switch (r.nextInt(3)) {
            case 1:
                o.addAll(List.of("-optimizer", "SGD -lr 0.1", "-mini-batch-size", "" + (1 + r.nextInt(30))));
                break;
            case 2:
                o.addAll(List.of("-optimizer", "Adam", "-mini-batch-size", "" + r.nextInt(20)));
                break;
            default:
                break;
        }
        if (r.nextInt(3) == 0) {
            o.addAll(List.of("-num-threads", "2"));
        }
        if (r.nextInt(3) == 0) {
            o.addAll(List.of("-precision", "float32"));
        }
        if (r.nextInt(4) == 0) {
            o.add("-read-instances");
        }
        if (r.nextInt(4) == 0) {
            o.addAll(List.of("-weights", "Prior"));
        }
        return o.toArray(new String[0]);
    }

    @Test
    void aDivergenceOnLargeUnstandardisedInputsNamesTheLargestInput() throws Exception {
        // a date attribute (milliseconds, 1.6e12) among small inputs, left unstandardised: the Poisson fit's eta overflows
        final Instances d = FamilyData.of("Poisson", 150, 2);
        for (int i = 0; i < d.numInstances(); i++) {
            d.instance(i).setValue(1, 1.6e12 + 8.64e7 * i);
        }
        final String options = "-family Poisson -hidden 4 -activation ReLU -optimizer Adam -mini-batch-size 16 -epochs 5";
        final NeuralGLM c = new NeuralGLM();
        c.setOptions(Utils.splitOptions(options + " -no-standardize"));
        final Exception e = org.junit.jupiter.api.Assertions.assertThrows(TrainingDivergedException.class,
                () -> c.buildClassifier(d));
        assertTrue(e.getMessage().contains("The inputs are not standardised (-no-standardize) and attribute '"
                + d.attribute(1).name() + "' reaches 1.6"), e.getMessage());
        // standardised, the same data train
        final NeuralGLM s = new NeuralGLM();
        s.setOptions(Utils.splitOptions(options));
        s.buildClassifier(d);
        assertTrue(Double.isFinite(s.classifyInstance(d.instance(0))));
    }

    /**
     * The same date attribute under a negative binomial fit whose loss stays finite: Adam's first steps take eta to
     * millions, where exp is held at exp(709) so that the mean and the loss stay finite, and the epochs end without a
     * NaN (fuzz seed 134281 built such a model, whose 2-fold cross-validation then had a NaN RMSE). The build says
     * training diverged, where and why, with the hint on the unstandardised input.
     */
    @Test
    void aModelWhoseEtaPassesTheClampedExpIsRefusedAsDiverged() throws Exception {
        final Instances d = FamilyData.of("NegativeBinomial", 60, 3);
        for (int i = 0; i < d.numInstances(); i++) {
            d.instance(i).setValue(1, 1.07e12 + 8.64e7 * i);
        }
        final NeuralGLM c = new NeuralGLM();
        c.setOptions(Utils.splitOptions("-family NegativeBinomial -activation LeakyReLU -optimizer Adam -epochs 15 "
                + "-no-standardize -patience -1 -S 300"));
        final Exception e = org.junit.jupiter.api.Assertions.assertThrows(TrainingDivergedException.class,
                () -> c.buildClassifier(d));
        assertTrue(e.getMessage().startsWith("Training diverged: the trained model's eta is "), e.getMessage());
        assertTrue(e.getMessage().contains("above 709), where the log link's mean exp(eta) no longer follows eta"),
                e.getMessage());
        assertTrue(e.getMessage().contains("The inputs are not standardised (-no-standardize) and attribute '"
                + d.attribute(1).name() + "' reaches 1.07"), e.getMessage());
    }

    @Test
    void extremeDataBuildFinitelyOrAreRefusedByName() throws Exception {
        int built = 0, refused = 0, streams = 0, float32 = 0;
        for (int k = 0; k < 100; k++) {
            final Random r = new Random(1000L * k + 17);
            final String[] family = new String[1];
            final Instances d = data(r, family);
            final String[] opts = options(r, family[0]);
            final boolean stream = r.nextInt(4) == 0;
            final String setup = "case " + k + ": " + d.numInstances() + " instances, " + (stream ? "stream, " : "")
                    + Utils.joinOptions(opts);
            final NeuralGLM c = stream ? new NeuralGLMUpdateable() : new NeuralGLM();
            c.setOptions(opts.clone());
            try {
                if (stream) {
                    final NeuralGLMUpdateable u = (NeuralGLMUpdateable) c;
                    u.buildClassifier(new Instances(d, 0));
                    for (Instance i : d) {
                        u.updateClassifier(i);
                    }
                    u.batchFinished();
                } else {
                    c.buildClassifier(d);
                }
            } catch (IllegalArgumentException e) {
                refused++;
                assertTrue(e.getMessage() != null && e.getMessage().length() > 30, setup + ": " + e);
                continue;
            } catch (TrainingDivergedException e) {
                assertTrue(Utils.joinOptions(opts).contains("-lr 0.1"), setup + ": diverged at its defaults: " + e);
                assertTrue(e.getMessage().startsWith("Training"), setup + ": " + e);
                refused++;
                continue;
            } catch (Exception e) {
                fail(setup + ": " + e, e);
            }
            built++;
            streams += stream ? 1 : 0;
            float32 += Utils.joinOptions(opts).contains("float32") ? 1 : 0;
            boolean learned = false;
            for (Instance i : d) {
                learned |= !i.classIsMissing() && i.weight() > 0;
            }
            final double[][] batch = c.distributionsForInstances(d);
            final NeuralGLM copy = (NeuralGLM) new SerializedObject(c).getObject();
            for (int i = 0; i < d.numInstances(); i++) {
                final Instance inst = d.instance(i);
                final double[] p;
                try {
                    p = c.distributionForInstance(inst);
                } catch (IllegalArgumentException e) {
                    // an input beyond what training accepted (its row had no class value), named
                    assertTrue(e.getMessage().contains("of the instance to predict"), setup + ": " + e);
                    continue;
                }
                assertArrayEquals(p, batch[i], 0.0, setup + ": batch, instance " + (i + 1));
                assertArrayEquals(p, copy.distributionForInstance(inst), 0.0, setup + ": serialised, instance " + (i + 1));
                for (double v : p) {
                    assertTrue(!learned || Double.isFinite(v), setup + ": instance " + (i + 1) + " predicted " + v);
                }
                if (learned && d.classAttribute().isNominal()) {
                    double sum = 0;
                    for (double v : p) {
                        sum += v;
                    }
                    assertEquals(1.0, sum, 1e-9, setup + ": instance " + (i + 1));
                }
            }
            assertFalse(c.toString().isEmpty(), setup);
        }
        // the sweep reaches what it is for: built models of every kind, and refusals
        assertTrue(built >= 30 && refused >= 5 && streams >= 5 && float32 >= 5,
                "built " + built + ", refused " + refused + ", streams " + streams + ", float32 " + float32);
    }
}

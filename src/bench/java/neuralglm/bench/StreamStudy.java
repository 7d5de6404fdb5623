package neuralglm.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import neuralglm.family.Families;
import neuralglm.family.Family;
import weka.classifiers.functions.NeuralGLM;
import weka.classifiers.functions.NeuralGLMUpdateable;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.Utils;

/**
 * The defaults of the streamed {@link NeuralGLMUpdateable} (issue 11): short streams ({@code --rows}, default
 * 300, 1000, 5000) of Gaussian and Poisson data with two informative inputs on different scales and a noise
 * input, learned instance by instance from an empty build (as the Knowledge Flow does), then scored on 5000
 * fresh rows: mean deviance against the true mean's and against NeuralGLM's batch GLM fit on the same rows.
 * {@code --configs "opts1;opts2"}: NeuralGLMUpdateable option strings (default: its defaults and a few
 * learning rates and batch sizes).
 * <pre>
 *   x1 ~ N(10, 3^2), x2 ~ U(0, 100), x3 ~ N(0, 1) (noise);  eta = 0.3 + 0.1 (x1 - 10) - 0.01 (x2 - 50)
 *   Gaussian: y ~ N(2 + 3 eta, 1);  Poisson: y ~ Poisson(exp(eta))
 * </pre>
 */
final class StreamStudy {

    private StreamStudy() {
    }

    static void run(BenchArgs a) throws Exception {
        final List<String> configs = List.of(a.string("configs", ";-optimizer \"Adam -lr 0.01\";-optimizer \"Adam -lr 0.03\""
                + ";-optimizer \"Adam -lr 0.01\" -mini-batch-size 8;-optimizer \"Adam -lr 0.03\" -mini-batch-size 8"
                + ";-optimizer \"Adam -lr 0.1\" -mini-batch-size 8").split(";", -1));
        final List<String> rowCounts = a.list("rows", List.of("300", "1000", "5000"));
        for (String fam : List.of("Gaussian", "Poisson")) {
            final Family family = Families.byName(fam, 0, false);
            final Instances test = data(fam, 5000, new Random(99));
            double trueDev = 0;
            for (int i = 0; i < test.numInstances(); i++) {
                trueDev += family.unitDeviance(test.instance(i).classValue(), trueMean(fam, test.instance(i).toDoubleArray()));
            }
            trueDev /= test.numInstances();
            for (String rs : rowCounts) {
                final int rows = Integer.parseInt(rs);
                final Instances train = data(fam, rows, new Random(rows));
                final NeuralGLM batch = new NeuralGLM();
                batch.setOptions(Utils.splitOptions("-hidden none -family " + fam));
                batch.buildClassifier(train);
                System.out.println(String.format(Locale.ROOT, "%-8s %5d rows  true mean %.4f  batch GLM %.4f", fam, rows,
                        trueDev, deviance(batch, test, family)));
                for (String c : configs) {
                    for (String hidden : List.of("-hidden none", "")) {
                        final NeuralGLMUpdateable u = new NeuralGLMUpdateable();
                        u.setOptions(Utils.splitOptions(("-family " + fam + " " + hidden + " " + c).trim()));
                        u.buildClassifier(new Instances(train, 0));
                        for (int i = 0; i < train.numInstances(); i++) {
                            u.updateClassifier(train.instance(i));
                        }
                        u.batchFinished();
                        System.out.println(String.format(Locale.ROOT, "   %-60s  deviance %.4f", (hidden + " " + c).trim(),
                                deviance(u, test, family)));
                    }
                }
            }
        }
    }

    private static double trueMean(String fam, double[] v) {
        final double eta = 0.3 + 0.1 * (v[0] - 10) - 0.01 * (v[1] - 50);
        return fam.equals("Gaussian") ? 2 + 3 * eta : Math.exp(eta);
    }

    private static double deviance(NeuralGLM c, Instances test, Family family) throws Exception {
        double sum = 0;
        for (int i = 0; i < test.numInstances(); i++) {
            double mu = c.classifyInstance(test.instance(i));
            if (!family.name().equals("Gaussian")) {
                mu = Math.max(mu, 1e-6);
            }
            sum += family.unitDeviance(test.instance(i).classValue(), mu);
        }
        return sum / test.numInstances();
    }

    private static Instances data(String fam, int n, Random rng) {
        final ArrayList<Attribute> atts = new ArrayList<>(List.of(new Attribute("x1"), new Attribute("x2"),
                new Attribute("x3"), new Attribute("y")));
        final Instances d = new Instances("stream-" + fam, atts, n);
        d.setClassIndex(3);
        for (int i = 0; i < n; i++) {
            final double[] v = {10 + 3 * rng.nextGaussian(), 100 * rng.nextDouble(), rng.nextGaussian(), 0};
            final double mu = trueMean(fam, v);
            if (fam.equals("Gaussian")) {
                v[3] = mu + rng.nextGaussian();
            } else {
                final double l = Math.exp(-mu);
                int k = 0;
                for (double p = rng.nextDouble(); p > l; p *= rng.nextDouble()) {
                    k++;
                }
                v[3] = k;
            }
            d.add(new DenseInstance(1, v));
        }
        return d;
    }
}

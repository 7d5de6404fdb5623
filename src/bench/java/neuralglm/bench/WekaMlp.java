package neuralglm.bench;

import java.util.ArrayList;
import java.util.List;

import neuralglm.family.Family;
import org.ejml.data.DMatrixRMaj;
import weka.classifiers.functions.MultilayerPerceptron;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.Utils;

/**
 * Weka's MultilayerPerceptron on the notebook data: numeric class for Gaussian and Poisson (squared
 * error on a class MLP normalises to [-1, 1], linear output), nominal class for categorical (sigmoid
 * outputs). Its final training NLL is computed with our family's formula from its predictions:
 * {@code eta = mu} (Gaussian), {@code eta = log p} (categorical), {@code eta = log max(mu, 1e-12)} (Poisson;
 * MLP's linear output may be &lt;= 0, counted in {@link #clamped}).
 */
final class WekaMlp {
    static final String OPTIONS = "-H 30,20 -N 5000 -L 0.2 -M 0";

    double seconds;
    double meanNll;
    int clamped;

    static WekaMlp run(NotebookData d, String fam, int steps) throws Exception {
        final List<Attribute> atts = new ArrayList<>();
        atts.add(new Attribute("x"));
        final boolean nominal = fam.equals("categorical");
        atts.add(nominal ? new Attribute("class", List.of("0", "1")) : new Attribute("y"));
        final Instances data = new Instances("notebook-" + fam, new ArrayList<>(atts), d.rows());
        data.setClassIndex(1);
        final double[] y = fam.equals("gaussian") ? d.yGaussian : d.yPoisson;
        for (int i = 0; i < d.rows(); i++) {
            data.add(new DenseInstance(1.0, new double[] {d.x[i], nominal ? d.yClass[i] : y[i]}));
        }
        final MultilayerPerceptron mlp = new MultilayerPerceptron();
        mlp.setOptions(Utils.splitOptions(OPTIONS.replace("-N 5000", "-N " + steps)));
        final WekaMlp r = new WekaMlp();
        final long t0 = System.nanoTime();
        mlp.buildClassifier(data);
        r.seconds = (System.nanoTime() - t0) * 1e-9;

        final int k = NotebookData.outputs(fam);
        final DMatrixRMaj eta = new DMatrixRMaj(d.rows(), k);
        for (int i = 0; i < d.rows(); i++) {
            if (nominal) {
                final double[] p = mlp.distributionForInstance(data.instance(i));
                for (int j = 0; j < k; j++) {
                    eta.set(i, j, Math.log(Math.max(p[j], 1e-300)));
                }
            } else {
                final double mu = mlp.classifyInstance(data.instance(i));
                if (fam.equals("poisson")) {
                    if (mu < 1e-12) {
                        r.clamped++;
                    }
                    eta.set(i, 0, Math.log(Math.max(mu, 1e-12)));
                } else {
                    eta.set(i, 0, mu);
                }
            }
        }
        final Family family = NotebookData.family(fam);
        r.meanNll = family.meanNll(eta, d.targets(fam), null);
        return r;
    }
}

package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.Utils;

/**
 * Batch prediction ({@code distributionsForInstances}, in blocks of 2048 instances through the network
 * as matrices) gives exactly the distributions of {@code distributionForInstance}, instance by instance,
 * for a numeric class, a two-valued class (one output) and a three-valued class (softmax), with a
 * nominal input and missing values, over more than one block.
 */
class NeuralGLMBatchPredictionTest {

    private static Instances data(int n, String classKind, long seed) {
        final Random rng = new Random(seed);
        final ArrayList<Attribute> atts = new ArrayList<>();
        atts.add(new Attribute("a"));
        atts.add(new Attribute("b"));
        atts.add(new Attribute("c", List.of("u", "v", "w")));
        atts.add(classKind.equals("numeric") ? new Attribute("y")
                : new Attribute("y", classKind.equals("binary") ? List.of("no", "yes") : List.of("p", "q", "r")));
        final Instances d = new Instances("batch", atts, n);
        d.setClassIndex(3);
        for (int i = 0; i < n; i++) {
            final double a = rng.nextGaussian(), b = rng.nextGaussian();
            final int c = rng.nextInt(3);
            final double eta = a - 0.5 * b + 0.3 * c;
            final double y = classKind.equals("numeric") ? eta + rng.nextGaussian()
                    : classKind.equals("binary") ? (eta + rng.nextGaussian() > 0 ? 1 : 0) : Math.floorMod((int) Math.round(eta), 3);
            final double[] v = {a, rng.nextDouble() < 0.05 ? Utils.missingValue() : b, c, y};
            d.add(new DenseInstance(1.0, v));
        }
        return d;
    }

    @ParameterizedTest
    @CsvSource({"numeric, Gaussian, false", "binary, Bernoulli, false", "three, Categorical, false",
        "numeric, Gaussian, true", "three, Categorical, true"})
    void batchEqualsInstanceByInstance(String classKind, String family, boolean numericInputs) throws Exception {
        final NeuralGLM g = new NeuralGLM();
        g.setOptions(Utils.splitOptions("-family " + family + " -hidden 5 -optimizer \"SGD -lr 0.05\" -mini-batch-size 64 -epochs 2"));
        final Instances train = data(500, classKind, 1), test = data(4200, classKind, 2);
        if (numericInputs) { // the pipeline's own path for numeric inputs
            train.deleteAttributeAt(2);
            test.deleteAttributeAt(2);
        }
        g.buildClassifier(train);
        // Evaluation takes the batch path only for a nominal class (its batch path skips interval statistics)
        assertEquals(!classKind.equals("numeric"), g.implementsMoreEfficientBatchPrediction());
        final double[][] batch = g.distributionsForInstances(test);
        assertEquals(test.numInstances(), batch.length);
        for (int i = 0; i < test.numInstances(); i++) {
            assertArrayEquals(g.distributionForInstance(test.instance(i)), batch[i], 0.0, "instance " + i);
        }
    }
}

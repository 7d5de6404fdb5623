package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import weka.core.Instances;
import weka.core.Utils;

/**
 * The scale of the instance weights. Prior weights (R's glm(weights=): relative precisions) have no scale of their own,
 * so a penalised fit (the default network's automatic weight decay, a fixed decay) must not depend on it: weights c w and
 * w give the same model. Frequency weights (Weka's convention) count observations: the penalty is weighed against their
 * total, so weights adding up to a fraction of the instances are a data set of that many observations.
 */
class NeuralGLMWeightScaleTest {

    /** Weights 1 + i mod 3 (not all equal), times scale (a power of two: the scaled weights are exact). */
    private static Instances weighted(String family, double scale) {
        final Instances data = FamilyData.of(family, 150, 7);
        for (int i = 0; i < data.numInstances(); i++) {
            data.instance(i).setWeight((1 + i % 3) * scale);
        }
        return data;
    }

    private static NeuralGLM built(Instances data, String options) throws Exception {
        final NeuralGLM c = new NeuralGLM();
        c.setOptions(Utils.splitOptions(options));
        c.buildClassifier(data);
        return c;
    }

    private static double[][] predictions(NeuralGLM c, Instances data) throws Exception {
        final double[][] out = new double[data.numInstances()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = c.distributionForInstance(data.instance(i));
        }
        return out;
    }

    private static void assertSamePredictions(double[][] expected, double[][] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], 0.0, what + ", instance " + (i + 1));
        }
    }

    /**
     * @return the report's penalty on the mean NLL, "(X on the mean over W of weight)", after checking W against the
     *         expected total weight
     */
    private static double penaltyOnMean(NeuralGLM c, double weight) {
        final Matcher m = Pattern.compile("\\(([0-9.eE+-]+) on the mean over ([0-9.eE+-]+) of weight\\)").matcher(c.toString());
        assertTrue(m.find(), c.toString());
        assertEquals(weight, Double.parseDouble(m.group(2)), 1e-3 * weight, c.toString());
        return Double.parseDouble(m.group(1));
    }

    @Test
    void underPriorWeightsTheDefaultNetworkIsTheSameForAnyScaleOfTheWeights() throws Exception {
        for (String family : new String[] {"Categorical", "Gaussian"}) {
            final Instances ones = weighted(family, 1.0);
            final double[][] reference = predictions(built(ones, "-weights Prior"), ones);
            for (double scale : new double[] {0x1p-20, 0x1p-3, 0x1p10}) {
                final Instances scaled = weighted(family, scale);
                assertSamePredictions(reference, predictions(built(scaled, "-weights Prior"), scaled),
                        family + ", weights scaled by " + scale);
            }
        }
    }

    @Test
    void underPriorWeightsAFixedWeightDecayIsWeighedAgainstTheInstances() throws Exception {
        final Instances ones = weighted("Poisson", 1.0), scaled = weighted("Poisson", 0x1p-12);
        final String options = "-weights Prior -family Poisson -hidden 4 -weight-decay 3 -validation-fraction 0 -epochs 60";
        final NeuralGLM a = built(ones, options), b = built(scaled, options);
        assertSamePredictions(predictions(a, ones), predictions(b, scaled), "Poisson network, weight decay 3");
        // the penalty on the mean is lambda over the instances (150), not over the weights' total (300 or 300 / 4096)
        assertEquals(3.0 / 150, penaltyOnMean(b, 150), 1e-6, b.toString());
        assertTrue(b.toString().contains("-weights Prior: the penalised fit takes the instance weights scaled to mean 1"),
                b.toString());
    }

    @Test
    void underFrequencyWeightsTheirTotalCountsObservationsAgainstThePenalty() throws Exception {
        // the same rows as 300 observations and as 300 / 4096: the second is mostly prior, its predictions near the mean
        final Instances ones = weighted("Poisson", 1.0), scaled = weighted("Poisson", 0x1p-12);
        final String options = "-family Poisson -hidden 4 -weight-decay 3 -validation-fraction 0 -epochs 60";
        final double[][] full = predictions(built(ones, options), ones);
        final NeuralGLM light = built(scaled, options);
        final double[][] prior = predictions(light, scaled);
        assertEquals(3.0 / (300.0 / 4096), penaltyOnMean(light, 300.0 / 4096), 1e-6 * 3.0 / (300.0 / 4096),
                light.toString());
        // the report says why, and what to choose instead; with weights of mean 2 it has nothing to say
        assertTrue(light.toString().contains("(the 150 instances' weights add up to 0.0732422: -weights Frequency counts "
                + "them as that many observations, so the penalty weighs 2048 times as much as it would on 150 instances "
                + "of weight 1; -weights Prior weighs it against the instances)"), light.toString());
        assertFalse(built(ones, options).toString().contains("-weights Frequency counts"));
        double spreadFull = 0, spreadPrior = 0, meanFull = 0, meanPrior = 0;
        for (int i = 0; i < full.length; i++) {
            meanFull += full[i][0] / full.length;
            meanPrior += prior[i][0] / prior.length;
        }
        for (int i = 0; i < full.length; i++) {
            spreadFull += Math.abs(full[i][0] - meanFull);
            spreadPrior += Math.abs(prior[i][0] - meanPrior);
        }
        assertTrue(spreadPrior < 0.2 * spreadFull, "spread of the predictions: " + spreadPrior + " against " + spreadFull);
    }

    @Test
    void sgdUnderFrequencyWeightsOfATinyTotalIsRefusedBeforeItsPenaltyDiverges() throws Exception {
        // weights of total 300 / 2^330: a decay of 3 is 3 2^330 / 300 on the mean, and SGD's steps on it overshoot
        // (lr 0.1, momentum 0.9: stable up to 2 (1 + 0.9) / 0.1 = 38 on the mean)
        final Instances tiny = weighted("Poisson", 0x1p-330);
        final String options = "-family Poisson -hidden 4 -optimizer \"SGD -lr 0.1\" -mini-batch-size 16 -weight-decay 3 "
                + "-validation-fraction 0 -epochs 5";
        final Exception e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> built(tiny, options));
        assertTrue(e.getMessage().contains("-weight-decay 3 over the training instances' total weight 1.37"), e.getMessage());
        assertTrue(e.getMessage().contains("puts a penalty of 2.18"), e.getMessage());   // 3 2^330 / 300 = 2.187e97
        assertTrue(e.getMessage().contains("(-optimizer \"SGD -lr 0.1 -momentum 0.9\") diverges whatever the data once the "
                + "penalty exceeds 38 "),
                e.getMessage());
        assertTrue(e.getMessage().contains("rescale the instance weights, or use -weights Prior"), e.getMessage());
        // read as prior weights, the same data train as with weights 1 + i mod 3
        final Instances ones = weighted("Poisson", 1.0);
        assertSamePredictions(predictions(built(ones, options + " -weights Prior"), ones),
                predictions(built(tiny, options + " -weights Prior"), tiny), "SGD, prior weights of total 300 / 2^330");
        // under prior weights the penalty on the mean is 3 / 150 = 0.02: refused only at a rate above 2 (1.9) / 0.02 = 190
        final Exception prior = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> built(tiny, options.replace("-lr 0.1", "-lr 200") + " -weights Prior"));
        assertTrue(prior.getMessage().contains("-weight-decay 3 over the 150 training instances (-weights Prior) puts a "
                + "penalty of 0.02 on the mean"), prior.getMessage());
        assertFalse(prior.getMessage().contains("rescale the instance weights"), prior.getMessage());
    }

    @Test
    void aStreamWhoseRateIsRaisedPastThePenaltysLimitIsRefusedAtItsFirstStep() throws Exception {
        final Instances data = weighted("Poisson", 1.0);
        final Instances built = new Instances(data, 0, 100);   // total weight 199: decay 3 is 0.0150754 on the mean
        final weka.classifiers.functions.neuralglm.SGD sgd = new weka.classifiers.functions.neuralglm.SGD();
        final NeuralGLMUpdateable u = new NeuralGLMUpdateable();
        u.setOptions(Utils.splitOptions("-family Poisson -hidden 4 -weight-decay 3 -mini-batch-size 16"));
        u.setOptimizer(sgd);   // lr 0.01, momentum 0.9
        u.buildClassifier(built);
        final double[] before = u.distributionForInstance(data.instance(149));
        sgd.setLr(300);   // the limit 2 (1 + 0.9) / 300 = 0.0126667 is under the penalty
        final Exception e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> u.updateClassifier(data.instance(100)));
        assertTrue(e.getMessage().contains("-weight-decay 3 over the training instances' total weight 199 puts a penalty "
                + "of 0.0150754 on the mean loss each step descends, and SGD (-optimizer \"SGD -lr 300 -momentum 0.9\") "
                + "diverges whatever the data once the penalty exceeds 0.0126667"), e.getMessage());
        assertArrayEquals(before, u.distributionForInstance(data.instance(149)), 0.0, "the build's model is kept");
        final NeuralGLMUpdateable v = new NeuralGLMUpdateable();
        v.setOptions(u.getOptions());
        ((weka.classifiers.functions.neuralglm.SGD) v.getOptimizer()).setLr(0.01);
        v.buildClassifier(built);
        ((weka.classifiers.functions.neuralglm.SGD) v.getOptimizer()).setLr(0.05);   // the stream steps
        for (int i = 100; i < 149; i++) {
            v.updateClassifier(data.instance(i));
        }
        v.batchFinished();
        assertFalse(java.util.Arrays.equals(before, v.distributionForInstance(data.instance(149))), "the stream stepped");
    }

    @Test
    void aStreamUnderPriorWeightsWeighsItsWeightDecayAgainstTheInstances() throws Exception {
        final double[][][] predicted = new double[2][][];
        final double[] scales = {1.0, 0x1p-12};
        for (int k = 0; k < 2; k++) {
            final Instances data = weighted("Poisson", scales[k]);
            final NeuralGLMUpdateable u = new NeuralGLMUpdateable();
            u.setOptions(Utils.splitOptions("-weights Prior -family Poisson -hidden 4 -weight-decay 3 -mini-batch-size 16"));
            u.buildClassifier(new Instances(data, 0));
            for (int i = 0; i < data.numInstances(); i++) {
                u.updateClassifier(data.instance(i));
            }
            u.batchFinished();
            predicted[k] = predictions(u, data);
        }
        assertSamePredictions(predicted[0], predicted[1], "stream, prior weights scaled by 2^-12");
    }

    @Test
    void aGlmWithoutPenaltyIsTheSameUnderBothReadings() throws Exception {
        // no penalty: the fit never depended on the weights' scale, and prior weights leave it as it was
        final Instances data = weighted("Poisson", 0x1p-5);
        final String options = "-family Poisson -hidden none";
        final NeuralGLM frequency = built(data, options), prior = built(data, options + " -weights Prior");
        assertSamePredictions(predictions(frequency, data), predictions(prior, data), "Poisson GLM");
        assertFalse(prior.toString().contains("-weights Prior: the penalised fit"), prior.toString());
    }

    @Test
    void weightsScaledToMeanOneKeepTheirRatiosAndLeaveZerosAlone() {
        final Instances data = FamilyData.of("Gaussian", 5, 3);
        final double[] w = {0.5, 0, 1.5, 3, 1};
        for (int i = 0; i < w.length; i++) {
            data.instance(i).setWeight(w[i]);
        }
        final weka.classifiers.functions.neuralglm.Targets t = weka.classifiers.functions.neuralglm.Targets.of(data,
                new neuralglm.family.GaussianFamily(), new int[] {0, 1, 2, 3, 4});
        // four positive weights adding up to 6: each times 4 / 6
        assertArrayEquals(new double[] {0.5 * 4 / 6, 0, 1.5 * 4 / 6, 3 * 4 / 6.0, 4 / 6.0},
                t.withMeanOneWeights().weights(), 1e-15);
        final double[] ones = new double[5];
        java.util.Arrays.fill(ones, 1.0);
        final weka.classifiers.functions.neuralglm.Targets unit = new weka.classifiers.functions.neuralglm.Targets(
                t.y(), ones);
        org.junit.jupiter.api.Assertions.assertSame(unit, unit.withMeanOneWeights(), "weights of mean 1 are kept as they are");
    }
}

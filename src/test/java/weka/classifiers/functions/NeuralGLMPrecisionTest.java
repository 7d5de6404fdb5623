package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import weka.core.Instances;
import weka.core.Utils;

/**
 * {@code -precision}: float64 by default (not printed in the report), float32 round-trips through the options,
 * shows on the report's Optimiser line, and trains a model whose predictions agree with float64's within
 * float rounding on a short run; an unknown value is refused by name. A float32 model predicts in float: its
 * report's deviance is that of its own predictions (the Poisson deviance written out here from
 * {@code distributionsForInstances}), one instance at a time gives the same bits as the batch, and a serialised
 * copy predicts the same bits. A GLM ({@code -hidden none}) stays float64 whatever the option: the same bits.
 */
class NeuralGLMPrecisionTest {

    private static final String OPTIONS = "-family weka.classifiers.functions.neuralglm.Poisson -hidden 24,16 -activation ReLU "
            + "-optimizer \"weka.classifiers.functions.neuralglm.SGD -lr 0.02\" -epochs 30 -mini-batch-size 32 -weight-decay 0 "
            + "-validation-fraction 0 -S 3";

    /**
     * A new instance whose input lies beyond float's range once standardised (1e39 standard deviations out) is predicted
     * in double, one at a time and in a batch alike: the float pass made it NaN (0 times an infinite hidden value).
     */
    @Test
    void aFloat32ModelPredictsAnInstanceBeyondFloatsRange() throws Exception {
        final Instances data = FamilyData.of("Gaussian", 200, 4);
        final NeuralGLM c = new NeuralGLM();
        c.setOptions(Utils.splitOptions("-hidden 8 -epochs 20 -precision float32 -weight-decay 0 -validation-fraction 0"));
        c.buildClassifier(data);
        final Instances far = new Instances(data, 0);
        far.add((weka.core.Instance) data.instance(0).copy());
        far.add((weka.core.Instance) data.instance(1).copy());
        final double sd = Math.sqrt(data.variance(0));
        far.instance(1).setValue(0, 1e39 * sd);
        final double one = c.classifyInstance(far.instance(1));
        assertTrue(Double.isFinite(one), "predicted " + one);
        final double[][] batch = c.distributionsForInstances(far);
        assertEquals(one, batch[1][0], 0.0, "the batch");
        assertEquals(c.classifyInstance(far.instance(0)), batch[0][0], 0.0, "an instance within range, in float");
    }

    @Test
    void float32TrainsCloseToFloat64AndShowsInTheReport() throws Exception {
        final Instances data = FamilyData.of("Poisson", 300, 8);
        final NeuralGLM a = new NeuralGLM(), b = new NeuralGLM();
        a.setOptions(Utils.splitOptions(OPTIONS));
        b.setOptions(Utils.splitOptions(OPTIONS + " -precision float32"));
        assertEquals("float64", a.getPrecision().getSelectedTag().getReadable());
        assertTrue(Utils.joinOptions(b.getOptions()).contains("-precision float32"), Utils.joinOptions(b.getOptions()));
        final NeuralGLM copy = new NeuralGLM();
        copy.setOptions(b.getOptions());
        assertEquals(1, copy.getPrecision().getSelectedTag().getID());
        a.buildClassifier(data);
        b.buildClassifier(data);
        assertFalse(a.toString().contains("float32"), a.toString());
        assertTrue(b.toString().contains("training passes and predictions in float32"), b.toString());
        double worst = 0, differ = 0;
        for (int i = 0; i < data.numInstances(); i++) {
            final double pa = a.classifyInstance(data.instance(i)), pb = b.classifyInstance(data.instance(i));
            worst = Math.max(worst, Math.abs(pa - pb) / Math.abs(pa));
            differ = Math.max(differ, Math.abs(pa - pb));
        }
        assertTrue(worst < 1e-4, "float32's predictions differ from float64's by " + worst);
        assertTrue(differ > 0, "float32 ran in float");
        boolean listed = false;
        for (weka.core.Option o : java.util.Collections.list(new NeuralGLM().listOptions())) {
            listed |= o.name().equals("precision") && o.description().contains("float32");
        }
        assertTrue(listed, "-precision is listed with its description (the Explorer's tip)");
    }

    @Test
    void float32ModelPredictsInFloatAndReportsItsOwnDeviance() throws Exception {
        final Instances data = FamilyData.of("Poisson", 300, 8);
        final NeuralGLM b = new NeuralGLM();
        b.setOptions(Utils.splitOptions(OPTIONS + " -precision float32"));
        b.buildClassifier(data);
        final double[][] batch = b.distributionsForInstances(data);
        double deviance = 0;
        for (int i = 0; i < data.numInstances(); i++) {
            final double y = data.instance(i).classValue(), mu = batch[i][0];
            deviance += 2 * ((y > 0 ? y * Math.log(y / mu) : 0) - (y - mu));
            final double one = b.distributionForInstance(data.instance(i))[0];
            assertEquals(Double.doubleToLongBits(mu), Double.doubleToLongBits(one), "instance " + i + ": one at a time");
        }
        final double reported = b.fittedModel().statistics().deviance();
        assertEquals(deviance, reported, 1e-12 * deviance, "the deviance of the model's own predictions");
        final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        weka.core.SerializationHelper.write(bytes, b);
        final NeuralGLM back = (NeuralGLM) weka.core.SerializationHelper.read(new java.io.ByteArrayInputStream(bytes.toByteArray()));
        final double[][] again = back.distributionsForInstances(data);
        for (int i = 0; i < data.numInstances(); i++) {
            assertEquals(Double.doubleToLongBits(batch[i][0]), Double.doubleToLongBits(again[i][0]), "instance " + i + " after loading");
        }
    }

    @Test
    void glmStaysFloat64() throws Exception {
        final Instances data = FamilyData.of("Poisson", 200, 5);
        final String glm = "-family weka.classifiers.functions.neuralglm.Poisson -hidden none -epochs 40 -S 3";
        final NeuralGLM a = new NeuralGLM(), b = new NeuralGLM();
        a.setOptions(Utils.splitOptions(glm));
        b.setOptions(Utils.splitOptions(glm + " -precision float32"));
        a.buildClassifier(data);
        b.buildClassifier(data);
        assertFalse(b.toString().contains("float32"), b.toString());
        final double[][] pa = a.distributionsForInstances(data), pb = b.distributionsForInstances(data);
        for (int i = 0; i < data.numInstances(); i++) {
            assertEquals(Double.doubleToLongBits(pa[i][0]), Double.doubleToLongBits(pb[i][0]), "instance " + i);
        }
    }

    @Test
    void unknownPrecisionIsRefused() {
        final Exception e = assertThrows(Exception.class,
                () -> new NeuralGLM().setOptions(new String[] {"-precision", "float16"}));
        assertTrue(e.getMessage().contains("float16"), e.getMessage());
    }
}

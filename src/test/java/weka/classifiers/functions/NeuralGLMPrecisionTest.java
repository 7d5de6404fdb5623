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
 * float rounding on a short run; an unknown value is refused by name.
 */
class NeuralGLMPrecisionTest {

    private static final String OPTIONS = "-family weka.classifiers.functions.neuralglm.Poisson -hidden 24,16 -activation ReLU "
            + "-optimizer \"weka.classifiers.functions.neuralglm.SGD -lr 0.02\" -epochs 30 -mini-batch-size 32 -weight-decay 0 "
            + "-validation-fraction 0 -S 3";

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
        assertTrue(b.toString().contains("training passes in float32"), b.toString());
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
    void unknownPrecisionIsRefused() {
        final Exception e = assertThrows(Exception.class,
                () -> new NeuralGLM().setOptions(new String[] {"-precision", "float16"}));
        assertTrue(e.getMessage().contains("float16"), e.getMessage());
    }
}

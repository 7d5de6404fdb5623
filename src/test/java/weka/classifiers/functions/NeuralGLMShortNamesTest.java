package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import weka.classifiers.functions.neuralglm.Gaussian;
import weka.classifiers.functions.neuralglm.InverseGaussian;
import weka.classifiers.functions.neuralglm.NegativeBinomial;
import weka.classifiers.functions.neuralglm.SGD;
import weka.core.Utils;

/**
 * Families and optimisers may be named by their simple names on the command line, as in
 * {@code -family "NegativeBinomial -alpha 0.5"}; {@code Gaussian} must not be taken for
 * {@code InverseGaussian}, and getOptions still writes the full class names.
 */
class NeuralGLMShortNamesTest {

    private static NeuralGLM parse(String options) throws Exception {
        final NeuralGLM c = new NeuralGLM();
        c.setOptions(Utils.splitOptions(options));
        return c;
    }

    @Test
    void simpleNamesWithTheirOptions() throws Exception {
        final NeuralGLM c = parse("-family \"NegativeBinomial -alpha 0.5\" -optimizer \"SGD -lr 0.05 -momentum 0.8\"");
        final NegativeBinomial fam = assertInstanceOf(NegativeBinomial.class, c.getFamily());
        assertEquals(0.5, fam.getAlpha(), 0.0);
        final SGD opt = assertInstanceOf(SGD.class, c.getOptimizer());
        assertEquals(0.05, opt.getLr(), 0.0);
        assertEquals(0.8, opt.getMomentum(), 0.0);
        final String written = Utils.joinOptions(c.getOptions());
        assertTrue(written.contains("weka.classifiers.functions.neuralglm.NegativeBinomial"), written);
    }

    @Test
    void gaussianIsNotInverseGaussianAndCaseIsIgnored() throws Exception {
        assertInstanceOf(Gaussian.class, parse("-family Gaussian").getFamily());
        assertInstanceOf(InverseGaussian.class, parse("-family inversegaussian").getFamily());
        assertInstanceOf(SGD.class, parse("-optimizer sgd").getOptimizer());
    }

    @Test
    void unknownShortNameIsStillAnError() {
        final Exception e = assertThrows(Exception.class, () -> parse("-family Gausian"));
        assertTrue(e.getMessage().contains("Gausian"), e.getMessage());
    }
}

package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Random;

import neuralglm.testutil.ReferenceGlm;
import org.junit.jupiter.api.Test;
import weka.classifiers.functions.neuralglm.Gaussian;
import weka.core.Attribute;
import weka.core.Capabilities.Capability;
import weka.core.DenseInstance;
import weka.core.Instances;

/**
 * A date input attribute is a numeric input (milliseconds since 1970, as Weka stores it), as in Logistic and
 * MultilayerPerceptron: the GLM on a date equals ordinary least squares on the date in years, solved in the test.
 */
class NeuralGLMDateAttributeTest {

    private static final double MS_PER_YEAR = 365.25 * 24 * 3600 * 1000;

    /** y = 3 + 0.5 x + 2 (years since 2000) + noise; the date is attribute 2, with one value missing. */
    private static Instances data(boolean asDate, int n) {
        final ArrayList<Attribute> atts = new ArrayList<>();
        atts.add(new Attribute("x"));
        atts.add(asDate ? new Attribute("when", "yyyy-MM-dd") : new Attribute("when"));
        atts.add(new Attribute("y"));
        final Instances d = new Instances(asDate ? "dated" : "numeric", atts, n);
        d.setClassIndex(2);
        final Random r = new Random(7);
        final double y2000 = 946684800000.0;
        for (int i = 0; i < n; i++) {
            final double x = r.nextGaussian(), years = 25 * r.nextDouble();
            final double when = y2000 + Math.rint(years * 365.25) * 24 * 3600 * 1000;
            d.add(new DenseInstance(1, new double[] {x, when, 3 + 0.5 * x + 2 * (when - y2000) / MS_PER_YEAR
                    + 0.3 * r.nextGaussian()}));
        }
        return d;
    }

    @Test
    void capabilitiesAcceptDateInputs() {
        assertTrue(new NeuralGLM().getCapabilities().handles(Capability.DATE_ATTRIBUTES));
        assertTrue(!new NeuralGLM().getCapabilities().handles(Capability.DATE_CLASS));
    }

    @Test
    void glmOnADateIsLeastSquaresOnTheDateInYears() throws Exception {
        final Instances dated = data(true, 120);
        final NeuralGLM c = NeuralGLMFamiliesTest.glm(new Gaussian());
        c.buildClassifier(dated);

        final double[][] x = new double[dated.numInstances()][2];
        final double[] y = new double[dated.numInstances()];
        for (int i = 0; i < y.length; i++) {
            x[i][0] = dated.instance(i).value(0);
            x[i][1] = dated.instance(i).value(1) / MS_PER_YEAR;   // fitted values do not depend on the unit
            y[i] = dated.instance(i).classValue();
        }
        final double[] beta = ReferenceGlm.normalEquations(x, y, null).coefficients();
        for (int i = 0; i < y.length; i++) {
            final double ref = beta[0] + beta[1] * x[i][0] + beta[2] * x[i][1];
            assertEquals(ref, c.classifyInstance(dated.instance(i)), 1e-8 * Math.max(1, Math.abs(ref)), "instance " + (i + 1));
        }
        assertEquals(2.0, beta[2], 0.1, "the reference recovers the date's slope per year");
    }

    @Test
    void aDateAttributeTrainsAsTheSameNumbersInANumericOne() throws Exception {
        final Instances dated = data(true, 80), numeric = data(false, 80);
        dated.instance(5).setMissing(1);
        numeric.instance(5).setMissing(1);
        final NeuralGLM a = new NeuralGLM(), b = new NeuralGLM();
        a.setOptions(new String[] {"-hidden", "8", "-epochs", "40"});
        b.setOptions(new String[] {"-hidden", "8", "-epochs", "40"});
        a.buildClassifier(dated);
        b.buildClassifier(numeric);
        for (int i = 0; i < dated.numInstances(); i++) {
            assertEquals(b.classifyInstance(numeric.instance(i)), a.classifyInstance(dated.instance(i)), 0.0,
                    "instance " + (i + 1));
        }
    }
}

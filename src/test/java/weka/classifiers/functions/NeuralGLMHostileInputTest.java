package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import weka.core.Instance;
import weka.core.Instances;

/**
 * Inputs a careless or hostile user gives that are valid but extreme (the errors for invalid ones are in
 * {@link NeuralGLMBadInputTest}): each build must end, with a model free of NaN whose report says what is odd
 * about it, or with a specific error.
 */
class NeuralGLMHostileInputTest {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    private static String[] glm(String... more) {
        final String[] o = new String[more.length + 2];
        o[0] = "-hidden";
        o[1] = "none";
        System.arraycopy(more, 0, o, 2, more.length);
        return o;
    }

    private static NeuralGLM built(Instances data, String... options) throws Exception {
        final NeuralGLM c = new NeuralGLM();
        c.setOptions(options.clone());
        assertTimeoutPreemptively(LIMIT, () -> c.buildClassifier(data));
        return c;
    }

    /**
     * A completely separated two-class GLM: maximum likelihood drives the coefficients to infinity and some fitted
     * probabilities reach exactly 0 or 1 in double, whose rows' information is 0/0. The build used to fail with
     * "GLM inference: no row has a positive weight and a finite information"; now such rows carry no information
     * (their limit), the model is built as R's glm builds it, and the report says which rows and what it means.
     */
    @Test
    void aSeparatedBernoulliGlmBuildsAndItsReportSaysTheProbabilitiesReachedZeroOrOne() throws Exception {
        final Instances d = FamilyData.of("Bernoulli", 30, 1);
        for (Instance i : d) {
            i.setClassValue(i.value(0) > 5 ? 1 : 0);
        }
        final NeuralGLM c = built(d, glm("-family", "Bernoulli"));
        int saturated = 0;
        for (Instance i : d) {
            final double[] p = c.distributionForInstance(i);
            assertTrue(Double.isFinite(p[0]) && Double.isFinite(p[1]), java.util.Arrays.toString(p));
            assertEquals(i.classValue(), p[1] > 0.5 ? 1 : 0, "separated: every instance is classified right");
            saturated += p[1] == 0 || p[1] == 1 ? 1 : 0;
        }
        assertTrue(saturated > 0, "the fit reaches probabilities of exactly 0 or 1 (else this test tests nothing)");
        final String report = c.toString();
        assertTrue(report.contains("Note: " + saturated + " of the 30 instances with a positive weight have a fitted mean "
                + "numerically at the edge of the Bernoulli family's range (a probability of 0 or 1)"), report);
        assertTrue(report.contains("fitted probabilities numerically 0 or 1 occurred"), report);
        // the standard errors are finite and huge, as R's
        final double[][] table = c.getCoefficientTable();
        assertTrue(Double.isFinite(table[1][1]) && table[1][1] > 10 * Math.abs(table[1][0]), "SE " + table[1][1]);
    }

    /** An instance made of values alone (no header), as many as the training data's, is read with the training header. */
    @Test
    void anInstanceWithoutAHeaderIsPredictedWithTheTrainingHeader() throws Exception {
        final Instances d = FamilyData.of("Categorical", 60, 2);
        final NeuralGLM c = built(d, glm());
        final Instance own = d.instance(7);
        final double[] expected = c.distributionForInstance(own);
        final weka.core.DenseInstance bare = new weka.core.DenseInstance(1.0, own.toDoubleArray());
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, c.distributionForInstance(bare));
    }
}

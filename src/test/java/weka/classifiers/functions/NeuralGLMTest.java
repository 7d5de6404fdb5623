package weka.classifiers.functions;

import junit.framework.Test;
import junit.framework.TestSuite;
import weka.classifiers.AbstractClassifierTest;
import weka.classifiers.Classifier;

/**
 * Weka's own harness (JUnit 3, run by the vintage engine): option handling, GOE tool tips, capabilities
 * checks, weights, missing values, serialisation and the regression reference
 * {@code src/test/resources/wekarefs/weka/classifiers/functions/NeuralGLMTest.ref}.
 */
public class NeuralGLMTest extends AbstractClassifierTest {

    /** @param name the test's name */
    public NeuralGLMTest(String name) {
        super(name);
    }

    @Override
    public Classifier getClassifier() {
        return new NeuralGLM();
    }

    /** @return the suite */
    public static Test suite() {
        return new TestSuite(NeuralGLMTest.class);
    }
}

package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;

import neuralglm.testutil.ReferenceGlm;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.classifiers.Evaluation;
import weka.classifiers.functions.neuralglm.Bernoulli;
import weka.classifiers.functions.neuralglm.Binomial;
import weka.classifiers.functions.neuralglm.Categorical;
import weka.classifiers.functions.neuralglm.Exponential;
import weka.classifiers.functions.neuralglm.FamilySpec;
import weka.classifiers.functions.neuralglm.Gamma;
import weka.classifiers.functions.neuralglm.Gaussian;
import weka.classifiers.functions.neuralglm.InverseGaussian;
import weka.classifiers.functions.neuralglm.NegativeBinomial;
import weka.classifiers.functions.neuralglm.Poisson;
import weka.classifiers.functions.neuralglm.Tweedie;
import weka.core.Instances;
import weka.core.SelectedTag;

/**
 * Each family on data made for it: a GLM-mode NeuralGLM agrees with an independent fit (Weka's
 * LinearRegression and Logistic, or the IRLS of {@link ReferenceGlm}), and Weka's cross-validation runs and
 * beats the intercept-only model.
 */
class NeuralGLMFamiliesTest {

    private static final int N = 300;

    static NeuralGLM glm(FamilySpec family) {
        final NeuralGLM c = new NeuralGLM();
        c.setHidden("none");
        c.setFamily(family);
        return c;
    }

    private static FamilySpec gammaCanonical() {
        final Gamma g = new Gamma();
        g.setLink(new SelectedTag("canonical", g.getLink().getTags()));
        return g;
    }

    private static NegativeBinomial negativeBinomial() {
        final NegativeBinomial nb = new NegativeBinomial();
        nb.setAlpha(0.5);
        return nb;
    }

    /** family spec, data set name, the same family written independently in {@link ReferenceGlm}. */
    static Stream<Arguments> irlsCases() {
        return Stream.of(
                Arguments.of(new Binomial(), "Binomial", ReferenceGlm.binomial()),
                Arguments.of(new Poisson(), "Poisson", ReferenceGlm.poisson()),
                Arguments.of(negativeBinomial(), "NegativeBinomial", ReferenceGlm.negativeBinomial(0.5)),
                Arguments.of(new Gamma(), "Gamma", ReferenceGlm.gammaLog()),
                Arguments.of(gammaCanonical(), "GammaCanonical", ReferenceGlm.gammaCanonical()),
                Arguments.of(new InverseGaussian(), "InverseGaussian", ReferenceGlm.inverseGaussianLog()),
                // the exponential's fit is the Gamma's (same link and V(mu); the dispersion does not move beta)
                Arguments.of(new Exponential(), "Exponential", ReferenceGlm.gammaLog()),
                Arguments.of(new Tweedie(), "Tweedie", ReferenceGlm.tweedie(1.5)));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("irlsCases")
    void glmModeAgreesWithIrls(FamilySpec family, String dataName, ReferenceGlm.Spec reference) throws Exception {
        final Instances data = FamilyData.of(dataName, N, 11);
        final double[][] x = new double[N][3];
        final double[] y = new double[N], w = new double[N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = data.instance(i).value(j);
            }
            y[i] = data.instance(i).classValue();
            w[i] = data.instance(i).weight();
        }
        final double[] beta = ReferenceGlm.irls(reference, x, y, w).coefficients();
        final NeuralGLM c = glm(family);
        c.buildClassifier(data);
        for (int i = 0; i < N; i++) {
            double eta = beta[0];
            for (int j = 0; j < 3; j++) {
                eta += beta[j + 1] * x[i][j];
            }
            final double expected = reference.mean(eta);
            assertEquals(expected, c.distributionForInstance(data.instance(i))[0], 1e-6 * (1 + Math.abs(expected)),
                    dataName + ": mu of instance " + (i + 1));
        }
        final DMatrixRMaj coef = c.fittedModel().coefficients();
        for (int j = 0; j < 4; j++) {
            assertEquals(beta[j], coef.get(0, j), 1e-5 * (1 + Math.abs(beta[j])), dataName + ": coefficient " + j);
        }
    }

    @Test
    void gaussianAgreesWithLinearRegression() throws Exception {
        final Instances data = FamilyData.of("Gaussian", N, 12);
        final LinearRegression lr = new LinearRegression();
        lr.setOptions(new String[] {"-S", "1", "-C", "-R", "0"});
        assertSamePredictions(lr, glm(new Gaussian()), data, 1e-7);
    }

    @Test
    void bernoulliAgreesWithLogisticAndUsesOneOutput() throws Exception {
        final Instances data = FamilyData.of("Bernoulli", N, 13);
        final NeuralGLM c = glm(new Bernoulli());
        assertSamePredictions(logistic(), c, data, 1e-5);
        assertTrue(c.toString().contains("3 inputs -> 1 output"), c.toString());
    }

    @Test
    void categoricalAgreesWithLogisticAndUsesKOutputs() throws Exception {
        final Instances data = FamilyData.of("Categorical", N, 14);
        final NeuralGLM c = glm(new Categorical());
        assertSamePredictions(logistic(), c, data, 1e-5);
        assertTrue(c.toString().contains("3 inputs -> 3 outputs"), c.toString());
    }

    private static Logistic logistic() throws Exception {
        final Logistic l = new Logistic();
        l.setOptions(new String[] {"-R", "1.0E-12", "-M", "-1"});
        return l;
    }

    private static void assertSamePredictions(Classifier reference, NeuralGLM model, Instances data, double tol)
            throws Exception {
        reference.buildClassifier(data);
        model.buildClassifier(data);
        for (int i = 0; i < data.numInstances(); i++) {
            final double[] r = reference.distributionForInstance(data.instance(i));
            final double[] m = model.distributionForInstance(data.instance(i));
            assertEquals(r.length, m.length);
            for (int k = 0; k < r.length; k++) {
                assertEquals(r[k], m[k], tol * (1 + Math.abs(r[k])), "instance " + (i + 1) + ", output " + k);
            }
        }
    }

    static Stream<Arguments> crossValidationCases() {
        return Stream.of(
                Arguments.of("Gaussian", new Gaussian(), "none"), Arguments.of("Bernoulli", new Bernoulli(), "none"),
                Arguments.of("Categorical", new Categorical(), "none"), Arguments.of("Binomial", new Binomial(), "none"),
                Arguments.of("Poisson", new Poisson(), "none"), Arguments.of("Gamma", new Gamma(), "none"),
                Arguments.of("InverseGaussian", new InverseGaussian(), "none"),
                Arguments.of("NegativeBinomial", negativeBinomial(), "none"), Arguments.of("Tweedie", new Tweedie(), "none"),
                Arguments.of("Exponential", new Exponential(), "none"),
                Arguments.of("Poisson", new Poisson(), "10"), Arguments.of("Categorical", new Categorical(), "10"));
    }

    @ParameterizedTest(name = "{0}, hidden {2}")
    @MethodSource("crossValidationCases")
    void crossValidationBeatsTheInterceptOnlyModel(String dataName, FamilySpec family, String hidden) throws Exception {
        final Instances data = FamilyData.of(dataName, N, 21);
        final NeuralGLM c = glm(family);
        c.setHidden(hidden);
        c.setEpochs(hidden.equals("none") ? 500 : 100);
        c.setWeightDecay(hidden.equals("none") ? 0 : 1e-2);
        final Evaluation eval = new Evaluation(data);
        eval.crossValidateModel(AbstractClassifier.makeCopy(c), data, 5, new Random(1));
        if (data.classAttribute().isNominal()) {
            assertTrue(eval.kappa() > 0.3, dataName + ": kappa " + eval.kappa());
        } else {
            assertTrue(eval.relativeAbsoluteError() < 95, dataName + ": relative absolute error "
                    + eval.relativeAbsoluteError() + "%");
        }
    }
}

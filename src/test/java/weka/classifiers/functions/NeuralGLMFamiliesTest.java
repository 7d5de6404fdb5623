package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;

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
 * LinearRegression and Logistic, or the IRLS in {@link Irls}), and Weka's cross-validation runs and
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

    private static final DoubleUnaryOperator EXP = Math::exp;

    /** family spec, data set name, mean h, h', V(mu), starting eta as a function of ybar. */
    static Stream<Arguments> irlsCases() {
        final DoubleUnaryOperator sigmoid = e -> 1 / (1 + Math.exp(-e));
        return Stream.of(
                Arguments.of(new Binomial(), "Binomial", sigmoid, (DoubleUnaryOperator) e -> sigmoid.applyAsDouble(e) * (1 - sigmoid.applyAsDouble(e)),
                        (DoubleUnaryOperator) m -> m * (1 - m), (DoubleUnaryOperator) m -> Math.log(m / (1 - m))),
                Arguments.of(new Poisson(), "Poisson", EXP, EXP, (DoubleUnaryOperator) m -> m, (DoubleUnaryOperator) Math::log),
                Arguments.of(negativeBinomial(), "NegativeBinomial", EXP, EXP, (DoubleUnaryOperator) m -> m + 0.5 * m * m,
                        (DoubleUnaryOperator) Math::log),
                Arguments.of(new Gamma(), "Gamma", EXP, EXP, (DoubleUnaryOperator) m -> m * m, (DoubleUnaryOperator) Math::log),
                Arguments.of(gammaCanonical(), "GammaCanonical", (DoubleUnaryOperator) e -> -1 / e, (DoubleUnaryOperator) e -> 1 / (e * e),
                        (DoubleUnaryOperator) m -> m * m, (DoubleUnaryOperator) m -> -1 / m),
                Arguments.of(new InverseGaussian(), "InverseGaussian", EXP, EXP, (DoubleUnaryOperator) m -> m * m * m,
                        (DoubleUnaryOperator) Math::log),
                Arguments.of(new Exponential(), "Exponential", EXP, EXP, (DoubleUnaryOperator) m -> m * m, (DoubleUnaryOperator) Math::log),
                Arguments.of(new Tweedie(), "Tweedie", EXP, EXP, (DoubleUnaryOperator) m -> Math.pow(m, 1.5),
                        (DoubleUnaryOperator) Math::log));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("irlsCases")
    void glmModeAgreesWithIrls(FamilySpec family, String dataName, DoubleUnaryOperator mean, DoubleUnaryOperator dmu,
                               DoubleUnaryOperator variance, DoubleUnaryOperator link) throws Exception {
        final Instances data = FamilyData.of(dataName, N, 11);
        final double[][] x = new double[N][3];
        final double[] y = new double[N], w = new double[N];
        double sw = 0, swy = 0;
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = data.instance(i).value(j);
            }
            y[i] = data.instance(i).classValue();
            w[i] = data.instance(i).weight();
            sw += w[i];
            swy += w[i] * y[i];
        }
        final double[] beta = Irls.fit(x, y, w, mean, dmu, variance, link.applyAsDouble(swy / sw));
        final NeuralGLM c = glm(family);
        c.buildClassifier(data);
        for (int i = 0; i < N; i++) {
            final double expected = mean.applyAsDouble(Irls.eta(beta, x[i]));
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

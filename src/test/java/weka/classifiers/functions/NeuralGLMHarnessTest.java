package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import weka.classifiers.CheckClassifier;
import weka.classifiers.functions.neuralglm.Adam;
import weka.classifiers.functions.neuralglm.Auto;
import weka.classifiers.functions.neuralglm.Bernoulli;
import weka.classifiers.functions.neuralglm.Binomial;
import weka.classifiers.functions.neuralglm.Categorical;
import weka.classifiers.functions.neuralglm.Exponential;
import weka.classifiers.functions.neuralglm.Gamma;
import weka.classifiers.functions.neuralglm.Gaussian;
import weka.classifiers.functions.neuralglm.InverseGaussian;
import weka.classifiers.functions.neuralglm.LBFGS;
import weka.classifiers.functions.neuralglm.NegativeBinomial;
import weka.classifiers.functions.neuralglm.Poisson;
import weka.classifiers.functions.neuralglm.SGD;
import weka.classifiers.functions.neuralglm.Tweedie;
import weka.core.CheckGOE;
import weka.core.CheckOptionHandler;
import weka.core.OptionHandler;
import weka.core.Utils;

/**
 * Weka's stand-alone checkers, with their results counted: {@code CheckClassifier.doTests()},
 * the six {@code CheckOptionHandler} checks (default and user options, on the classifier and on every
 * family and optimiser) and {@code CheckGOE} (global info, tool tips) on every GOE-visible class.
 */
class NeuralGLMHarnessTest {

    /** Options that change every NeuralGLM option from its default. */
    static final String[] USER_OPTIONS = {"-hidden", "none", "-activation", "Tanh",
            "-family", "weka.classifiers.functions.neuralglm.NegativeBinomial -alpha 0.5",
            "-optimizer", "weka.classifiers.functions.neuralglm.SGD -lr 0.05 -momentum 0.5 -nesterov",
            "-epochs", "50", "-mini-batch-size", "16", "-weight-decay", "0.01", "-num-threads", "2",
            "-no-standardize", "-validation-fraction", "0.2", "-patience", "5", "-resume", "-precision", "float32", "-S", "7"};

    static Stream<Object> goeObjects() {
        return Stream.of(new NeuralGLM(), new NeuralGLMUpdateable(), new Auto(), new Gaussian(), new Bernoulli(), new Categorical(), new Binomial(),
                new Poisson(), new Gamma(), new InverseGaussian(), new NegativeBinomial(), new Tweedie(),
                new Exponential(), new SGD(), new Adam(), new LBFGS());
    }

    @Test
    void checkClassifierPassesEveryTest() throws Exception {
        final CheckClassifier check = new CheckClassifier();
        check.setClassifier(new NeuralGLM());
        final PrintStream saved = System.out;
        final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            check.doTests();
        } finally {
            System.setOut(saved);
        }
        final String out = buffer.toString(StandardCharsets.UTF_8);
        int yes = 0, okRefusals = 0;
        final List<String> failures = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.endsWith("...yes") || line.equals("yes")) {
                yes++;
            } else if (line.endsWith("...no (OK error message)")) {
                okRefusals++;
            } else if (line.startsWith("updateable classifier") || line.startsWith("multi-instance classifier")) {
                continue; // interfaces NeuralGLM does not claim: informational
            } else if (line.contains("...no")) {
                failures.add(line);
            }
        }
        System.out.printf("CheckClassifier: %d yes, %d refused with an accepted message, %d failed%n", yes, okRefusals,
                failures.size());
        assertTrue(failures.isEmpty(), "CheckClassifier failures:\n" + String.join("\n", failures) + "\n" + out);
        assertTrue(yes >= 25, "expected at least 25 passed checks, got " + yes + ":\n" + out);
    }

    private static void checkOptions(OptionHandler handler, String[] userOptions) {
        final CheckOptionHandler check = new CheckOptionHandler();
        check.setOptionHandler(handler);
        check.setUserOptions(userOptions);
        check.setSilent(true);
        assertTrue(check.checkListOptions(), "listOptions of " + handler.getClass().getName());
        assertTrue(check.checkSetOptions(), "setOptions of " + handler.getClass().getName());
        assertTrue(check.checkDefaultOptions(), "default options of " + handler.getClass().getName());
        assertTrue(check.checkRemainingOptions(), "remaining options of " + handler.getClass().getName());
        assertTrue(check.checkCanonicalUserOptions(), "canonical user options of " + handler.getClass().getName()
                + " with " + Utils.joinOptions(userOptions));
        assertTrue(check.checkResettingOptions(), "resetting options of " + handler.getClass().getName());
    }

    @Test
    void checkOptionHandlerOnTheClassifierWithDefaultAndUserOptions() {
        checkOptions(new NeuralGLM(), new String[0]);
        checkOptions(new NeuralGLM(), USER_OPTIONS.clone());
        checkOptions(new NeuralGLMUpdateable(), new String[0]);
        checkOptions(new NeuralGLMUpdateable(), USER_OPTIONS.clone());
    }

    @ParameterizedTest
    @MethodSource("goeObjects")
    void checkOptionHandlerOnEverySpec(Object spec) {
        if (spec instanceof NeuralGLM) {   // and NeuralGLMUpdateable: checked with user options above
            return;
        }
        checkOptions((OptionHandler) spec, new String[0]);
    }

    @Test
    void specOptionsRoundTrip() throws Exception {
        checkOptions(new NegativeBinomial(), new String[] {"-alpha", "0.25"});
        checkOptions(new Tweedie(), new String[] {"-power", "1.2"});
        checkOptions(new Gamma(), new String[] {"-link", "canonical"});
        checkOptions(new InverseGaussian(), new String[] {"-link", "canonical"});
        checkOptions(new SGD(), new String[] {"-lr", "0.1", "-momentum", "0", "-nesterov"});
        checkOptions(new Adam(), new String[] {"-lr", "0.02"});
        checkOptions(new LBFGS(), new String[] {"-tolerance", "1.0E-6"});
        final NeuralGLM c = new NeuralGLM();
        c.setOptions(USER_OPTIONS.clone());
        final NeuralGLM d = new NeuralGLM();
        d.setOptions(c.getOptions());
        assertEquals(Utils.joinOptions(c.getOptions()), Utils.joinOptions(d.getOptions()));
        assertEquals("none", d.getHidden());
        assertEquals(0.5, ((NegativeBinomial) d.getFamily()).getAlpha());
        assertTrue(((SGD) d.getOptimizer()).getNesterov());
        assertEquals(16, d.getMiniBatchSize());
        assertEquals(2, d.getNumThreads());
        assertTrue(d.getDoNotStandardize());
        assertEquals("Tanh", d.getActivation().getSelectedTag().getReadable());
        assertEquals(0.2, d.getValidationFraction());
        assertEquals(5, d.getPatience());
        assertTrue(d.getResume());
    }

    @ParameterizedTest
    @MethodSource("goeObjects")
    void checkGoeGlobalInfoAndToolTips(Object object) {
        final CheckGOE check = new CheckGOE();
        check.setObject(object);
        check.setSilent(true);
        assertTrue(check.checkGlobalInfo(), "globalInfo of " + object.getClass().getName());
        assertTrue(check.checkToolTips(), "tool tips of " + object.getClass().getName());
    }
}

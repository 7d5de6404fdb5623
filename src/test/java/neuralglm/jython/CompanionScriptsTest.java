package neuralglm.jython;

import static neuralglm.jython.NotebookScriptTest.OUT;
import static neuralglm.jython.NotebookScriptTest.assertPng;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The companion scripts of seeds 001-004, run on small settings: their printed claims and figures. */
class CompanionScriptsTest {

    private static double number(String printed, String regex) {
        final Matcher m = Pattern.compile(regex).matcher(printed);
        assertTrue(m.find(), "no match for " + regex + " in\n" + printed);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void customGradientAgreesWithSquaredLossOfTheRightSign() throws Exception {
        final String out = Jython.run("custom_gradient.py", "--n", "16", "--out", OUT.toString());
        assertTrue(number(out, "delta\\)\\|\\|\\^2: largest parameter-gradient difference (\\S+)") < 1e-12, out);
        assertTrue(number(out, "opposite gradient.*grad_direct\\| (\\S+)") < 1e-12, out);
        assertTrue(number(out, "scales the gradient by .*largest difference (\\S+)") < 1e-12, out);
        assertPng(OUT.resolve("custom_gradient").resolve("gradients.png"), 800, 500);
    }

    @Test
    void lossTourGradientsAndMinimisers() throws Exception {
        final String out = Jython.run("loss_tour.py", "--step", "0.05", "--out", OUT.toString());
        assertTrue(number(out, "Largest gradient error over all losses: (\\S+)") < 1e-6, out);
        assertTrue(number(out, "softmax - e_4: largest difference (\\S+)") < 1e-12, out);
        final double median = number(out, "median (\\S+), mean"), mean = number(out, "mean (\\S+)\n");
        final double f1 = number(out, "L1 is minimised at (\\S+)"), f2 = number(out, "L2 at (\\S+)");
        final double fh = number(out, "Huber at (\\S+)");
        assertEquals(median, f1, 1e-8);
        assertEquals(mean, f2, 1e-8);
        assertTrue(median < fh && fh < mean, out);
        assertEquals(Math.log(2), number(out, "fair coin (\\S+) ="), 1e-6);
        assertEquals(0.0, number(out, "D\\(p \\|\\| p\\) = (\\S+);"), 1e-12);
        for (String png : new String[] {"l1", "l2", "huber", "logistic", "softmax_cross-entropy", "soft_margin",
                "entropy", "kl"}) {
            assertPng(OUT.resolve("loss_tour").resolve(png + ".png"), 800, 500);
        }
    }

    @Test
    void autogradBasicsExplainsTheSeed() throws Exception {
        final String out = Jython.run("autograd_basics.py", "--out", OUT.toString());
        assertTrue(out.contains("L2 Loss = 0.2700010000"), out);
        assertEquals(0.0475, number(out, "LossDelta = (\\S+)"), 1e-12);
        assertTrue(out.contains("grad = [9.5000000000000"), out);
        final double ratio = number(out, "ratio (\\S+) ="), expected = number(out, "2 \\|Y - P\\|\\) = (\\S+),");
        assertEquals(expected, ratio, 1e-6);
        assertTrue(number(out, "Correct custom square .*built-in (\\S+)") < 1e-15, out);
        assertEquals(5 * -0.04275, number(out, "after 5 backward calls without zeroing: grad\\[1\\] = (\\S+)"), 1e-10);
        assertTrue(out.contains("after grad.zero_(): grad = [0.0, 0.0, 0.0, 0.0]"), out);
        assertTrue(number(out, "from autograd of x\\*x\\*x (\\S+)") < 1e-12, out);
        assertPng(OUT.resolve("autograd_basics").resolve("accumulation.png"), 800, 500);
    }

    @Test
    void activationsAndStability() throws Exception {
        final String out = Jython.run("activations_stability.py", "--epochs", "3", "--out", OUT.toString());
        final Matcher m = Pattern.compile("central differences: largest difference (\\S+)").matcher(out);
        int n = 0;
        while (m.find()) {
            assertTrue(Double.parseDouble(m.group(1)) < 1e-6, out);
            n++;
        }
        assertEquals(7, n);
        assertTrue(number(out, "Jacobian from backward: largest difference (\\S+) from s_i") < 1e-15, out);
        assertTrue(number(out, "from s_i \\(delta_ij - s_j\\), (\\S+) from central") < 1e-8, out);
        assertTrue(out.contains("naive log(sum(exp)) = inf, stable = 1002.4076059644"), out);
        assertTrue(out.contains("z =  -800.0: inf | 100.0 | 800.0"), out);
        assertTrue(out.contains("full-batch GD") && out.contains("mini-batch SGD (batch 20)"), out);
        for (String png : new String[] {"activations", "derivatives", "bce_stability", "gd_vs_sgd"}) {
            assertPng(OUT.resolve("activations_stability").resolve(png + ".png"), 800, 500);
        }
    }
}

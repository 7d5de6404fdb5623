package neuralglm.jython;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.python.core.PyException;

/**
 * {@code torch.distributions}, {@code torch.lgamma}, {@code torch.digamma} and {@code torch.xlogy} against PyTorch
 * 1.13 (Debian's python3-torch, float64). The scripts under {@code src/test/resources/neuralglm/jython/distributions/}
 * run on both: {@code cases.py} (log_prob, the gradients of {@code log_prob(y).sum()}, mean, variance, batch_shape
 * of the eight distributions on ordinary and extreme parameters, and the refusals of invalid parameters and values)
 * and {@code glm.py} (a Poisson GLM trained with {@code -Poisson(exp(eta)).log_prob(y).mean()} and SGD); their
 * PyTorch printouts are the committed {@code pytorch_1.13.txt} and {@code glm_pytorch_1.13.txt}
 * ({@code /usr/bin/python3 cases.py > pytorch_1.13.txt}). Numbers must agree to 1e-12 relative, except on lines
 * where a formula subtracts terms much larger than its result ({@link #ABSOLUTE}).
 */
class DistributionsTest {

    private static final Path DIR = Paths.get("src/test/resources/neuralglm/jython/distributions");
    private static final double RELATIVE = 1e-12;
    /**
     * Absolute tolerances of lines whose results come from cancelling terms: Normal's d/dscale at scale 1e-8 is
     * (x - loc)^2 / scale^3 - 1 / scale with both terms near 1e8 (so 1e-8 apart is 1e-16 of them); Bernoulli's
     * log_prob is y x - softplus(x) with |x| up to 30 (logits 30, or log(1e-12 / (1 - 1e-12)) = -27.6), where
     * PyTorch's log(e^-m + e^(-x-m)) loses the digits of the result 1e-13 that log1p keeps: 1e-15 apart, a few ulps of 30.
     */
    private static final Map<String, Double> ABSOLUTE = Map.of(
            "normal grad1", 1e-7,
            "bernoulli probs log_prob", 1e-14,
            "bernoulli logits log_prob", 1e-14);

    private static String runScript(String name) {
        return Jython.exec("execfile('" + DIR.resolve(name) + "', {'__name__': '__main__'})");
    }

    private static List<String> pytorch(String name) throws IOException {
        return Files.readAllLines(DIR.resolve(name));
    }

    /**
     * Compares printouts line by line: labels, texts (exception types and messages) exactly, numbers within the
     * tolerance of their line (NaN and infinities exactly).
     *
     * @return the largest relative difference of a line without an absolute tolerance
     */
    static double assertMatches(List<String> expected, String printed, Map<String, Double> absolute) {
        final String[] got = printed.trim().split("\n");
        assertEquals(expected.size(), got.length, printed);
        double worst = 0;
        for (int i = 0; i < got.length; i++) {
            final String[] e = expected.get(i).split("\\|", 2), g = got[i].split("\\|", 2);
            assertEquals(e[0], g[0], "line " + (i + 1));
            if (!e[1].matches("[-0-9naif ].*") || e[1].startsWith("[") || e[1].startsWith("no ")) {
                assertEquals(e[1], g[1], e[0]);
                continue;
            }
            final String[] ev = e[1].trim().split(" "), gv = g[1].trim().split(" ");
            assertEquals(ev.length, gv.length, e[0]);
            for (int k = 0; k < ev.length; k++) {
                final double want = parse(ev[k]), have = parse(gv[k]);
                if (Double.isNaN(want) || Double.isInfinite(want)) {
                    assertEquals(want, have, e[0] + " entry " + k);
                    continue;
                }
                final double diff = Math.abs(have - want);
                final Double abs = absolute.get(e[0]);
                if (abs != null) {
                    assertTrue(diff <= abs, e[0] + " entry " + k + ": " + have + " vs PyTorch " + want);
                } else {
                    assertTrue(diff <= RELATIVE * Math.abs(want), e[0] + " entry " + k + ": " + have + " vs PyTorch " + want);
                    worst = Math.max(worst, want == 0 ? diff : diff / Math.abs(want));
                }
            }
        }
        return worst;
    }

    @Test
    void logProbGradientsMomentsAndRefusalsFollowPyTorch() throws IOException {
        final double worst = assertMatches(pytorch("pytorch_1.13.txt"), runScript("cases.py"), ABSOLUTE);
        System.out.println("largest relative difference from PyTorch: " + worst);
    }

    /**
     * The GLM's loss trace and weights follow PyTorch's (SGD with momentum, 6 steps); with F.poisson_nll_loss and the
     * bridge's canonical-link family the weights are the same and the losses are the distribution's minus
     * PyTorch's mean lgamma(y + 1).
     */
    @Test
    void poissonGlmTrainsAsInPyTorch() throws IOException {
        final List<String> expected = pytorch("glm_pytorch_1.13.txt");
        final String printed = runScript("glm.py");
        final String[] lines = printed.trim().split("\n");
        final String[] common = java.util.Arrays.copyOf(lines, expected.size());
        assertMatches(expected, String.join("\n", common), Map.of());
        assertEquals(expected.size() + 2, lines.length, printed);
        final double constant = parse(expected.get(4).split("\\|")[1]);
        final double[] dist = numbers(expected.get(0)), family = numbers(lines[5]);
        assertTrue(lines[5].startsWith("families loss|") && lines[6].startsWith("families params|"), printed);
        for (int k = 0; k < dist.length; k++) {
            assertEquals(dist[k], family[k] + constant, 1e-13, "step " + k);
        }
        final double[] params = numbers(expected.get(1)), familyParams = numbers(lines[6]);
        for (int k = 0; k < params.length; k++) {
            assertEquals(params[k], familyParams[k], 1e-13 * Math.abs(params[k]), "parameter " + k);
        }
    }

    /** @return a number as Python prints it (also nan, inf, -inf) */
    private static double parse(String s) {
        switch (s) {
            case "nan": return Double.NaN;
            case "inf": return Double.POSITIVE_INFINITY;
            case "-inf": return Double.NEGATIVE_INFINITY;
            default: return Double.parseDouble(s);
        }
    }

    private static double[] numbers(String line) {
        return java.util.Arrays.stream(line.split("\\|")[1].trim().split(" ")).mapToDouble(DistributionsTest::parse).toArray();
    }

    /** Printed by PyTorch 1.13: torch.lgamma, torch.digamma and digamma's gradient (trigamma) at these points. */
    private static final double[] X = {-2.5, -0.5, 1e-300, 1e-10, 0.5, 1.0, 1.4616321449683622, 2.0, 3.7, 25.3, 1e6, 1e15};
    private static final double[] LGAMMA = {-0.05624371649767405, 1.2655121234846454, 690.7755278982137,
        23.025850929882736, 0.5723649429247001, 0.0, -0.12148629053584961, 0.0, 1.428072326665388, 55.74618118358459,
        12815504.569147611, 3.3538776394910668e+16};
    private static final double[] DIGAMMA = {1.1031566406452433, 0.03648997397857639, -9.999999999999999e+299,
        -10000000000.577213, -1.9635100260214229, -0.5772156649015328, -4.069010753338098e-16, 0.422784335098467,
        1.1671535393615111, 3.210911380182536, 13.81551005796419, 34.538776394910684};
    private static final double[] TRIGAMMA = {9.53924664493752, 8.934802200117687, Double.POSITIVE_INFINITY,
        9.999999999999998e+19, 4.934802202073678, 1.6449340676383375, 0.9676722458946125, 0.6449340670881899,
        0.3100378577128614, 0.04031712034125765, 1.0000005000001667e-06, 1.0000000000000003e-15};
    /**
     * Trigamma at X to double precision, from mpmath 1.2.1 ({@code float(mpmath.psi(1, x))} at 40 digits): PyTorch's
     * own trigamma (a short asymptotic series after shifting to x &gt;= 6) is off by up to 5e-10 relative (at 1), the
     * engine's by less than 1e-14.
     */
    private static final double[] TRIGAMMA_EXACT = {9.539246644989124, 8.934802200544679, Double.POSITIVE_INFINITY,
        1e+20, 4.934802200544679, 1.6449340668482264, 0.9676722454476212, 0.6449340668482264, 0.3100378576700383,
        0.04031712034125649, 1.0000005000001667e-06, 1.0000000000000005e-15};

    /**
     * lgamma, digamma (both recorded: d lgamma = digamma, d digamma = trigamma) on both sides of 0; where a result
     * is a root (digamma at 1.4616...: 4e-16 from 0) absolutely to 1e-15, elsewhere to 1e-12 relative; digamma's
     * gradient to PyTorch's trigamma within its error (1e-9 relative) and to mpmath's within 1e-14. Also PyTorch's
     * special values: lgamma = inf at 0, -1, inf; digamma -inf at 0, NaN at -1, inf at inf.
     */
    @Test
    void lgammaDigammaAndGradientsFollowPyTorch() {
        final String printed = Jython.exec(String.join("\n",
                "import torch",
                "x = torch.tensor(" + java.util.Arrays.toString(X).replace("E", "e") + ", dtype=torch.float64, requires_grad=True)",
                "a = torch.lgamma(x)",
                "a.sum().backward()",
                "g1 = x.grad.tolist()",
                "x.grad = None",
                "b = x.digamma()",
                "b.sum().backward()",
                "for row in (a.tolist(), g1, b.tolist(), x.grad.tolist()):",
                "    print(' '.join(repr(v) for v in row))",
                "print('%s %s' % (torch.tensor([0., -1., float('inf')]).lgamma().tolist(), torch.digamma(torch.tensor([0., -1., float('inf')])).tolist()))"));
        final String[] lines = printed.trim().split("\n");
        final double[][] want = {LGAMMA, DIGAMMA, DIGAMMA, TRIGAMMA, TRIGAMMA_EXACT};
        final double[] relative = {RELATIVE, RELATIVE, RELATIVE, 1e-9, 1e-14};
        for (int r = 0; r < want.length; r++) {
            final double[] got = java.util.Arrays.stream(lines[Math.min(r, 3)].trim().split(" "))
                    .mapToDouble(DistributionsTest::parse).toArray();
            for (int k = 0; k < X.length; k++) {
                final double tol = Math.max(relative[r] * Math.abs(want[r][k]), 1e-15);
                if (Double.isInfinite(want[r][k])) {
                    assertEquals(want[r][k], got[k], "row " + r + " x = " + X[k]);
                } else {
                    assertEquals(want[r][k], got[k], tol, "row " + r + " x = " + X[k]);
                }
            }
        }
        assertEquals("[inf, inf, inf] [-inf, nan, inf]", lines[4].trim());
    }

    /**
     * xlogy as PyTorch 1.13 prints it for x = [0, 0, 2, 3], y = [0, 2, 0, -1]: [0, 0, -inf, nan]; gradients
     * d/dx = [0, log 2, -inf, nan] (log y, but 0 where x = 0 and y &lt;= 0; log 2 in float32, 0.6931471824645996, as
     * PyTorch's float32 run prints it), d/dy = [nan, 0, inf, -3] (x / y); numbers on either side (in float64).
     */
    @Test
    void xlogyFollowsPyTorch() {
        final String printed = Jython.exec(String.join("\n",
                "import torch",
                "a = torch.tensor([0., 0., 2., 3.], requires_grad=True)",
                "b = torch.tensor([0., 2., 0., -1.], requires_grad=True)",
                "r = torch.xlogy(a, b)",
                "r.sum().backward()",
                "print('%s %s %s' % (r.tolist(), a.grad.tolist(), b.grad.tolist()))",
                "print('%r %r' % (torch.xlogy(2, torch.tensor([3.], dtype=torch.float64)).item(),"
                + " torch.tensor([3.], dtype=torch.float64).xlogy(2).item()))"));
        final String[] lines = printed.trim().split("\n");
        assertEquals("[0.0, 0.0, -inf, nan] [0.0, 0.6931471824645996, -inf, nan] [nan, 0.0, inf, -3.0]", lines[0].trim());
        final String[] v = lines[1].trim().split(" ");
        assertEquals(2.1972245773362196, parse(v[0]), 1e-15); // PyTorch: 2 log 3
        assertEquals(2.0794415416798357, parse(v[1]), 1e-15); // 3 log 2
    }

    /**
     * Draws: seeded by torch.manual_seed (the same seed, the same draws), in the support, of sample_shape +
     * batch_shape, with sample means within 5 standard errors of the distributions' means (2000 draws each).
     */
    @Test
    void samplesAreSeededInTheSupportAndNearTheMean() {
        final String printed = Jython.exec(String.join("\n",
                "import torch, math",
                "from torch.distributions import *",
                "def draws(seed):",
                "    torch.manual_seed(seed)",
                "    ds = [Normal(torch.tensor([1.0, -2.0]), torch.tensor([0.5, 3.0])), Poisson(torch.tensor([0.3, 40.0])),",
                "          Bernoulli(logits=torch.tensor([-1.0, 2.0])), Gamma(torch.tensor([0.4, 5.0]), torch.tensor([2.0, 0.5])),",
                "          Exponential(torch.tensor([0.5, 4.0])), Binomial(torch.tensor([10., 100.]), probs=torch.tensor([0.3, 0.95])),",
                "          NegativeBinomial(torch.tensor([2.0, 0.5]), logits=torch.tensor([0.5, 1.0])),",
                "          Categorical(probs=torch.tensor([[0.2, 0.8, 0.0], [0.3, 0.3, 0.4]]))]",
                "    return ds, [d.sample((2000,)) for d in ds]",
                "ds, s = draws(11)",
                "_, again = draws(11)",
                "print(str(all(torch.equal(a, b) for a, b in zip(s, again))))",
                "for d, x in zip(ds, s):",
                "    ok = tuple(x.shape) == (2000, 2) and bool(d.support.check(x).all())",
                "    if isinstance(d, Categorical):",
                "        m = torch.tensor([0.8, 1.1]); v = torch.tensor([0.16, 0.69])",
                "    else:",
                "        m, v = d.mean, d.variance",
                "    z = ((x.float().mean(0) - m) / (v / 2000).sqrt()).abs().max().item()",
                "    print('%s %s %s' % (type(d).__name__, ok, z < 5))",
                "print('%s %s %s' % (tuple(Poisson(2.0).sample().shape), tuple(Normal(0., 1.).sample((3,)).shape),"
                + " tuple(Categorical(logits=torch.zeros(4)).sample().shape)))"));
        final String[] lines = printed.trim().split("\n");
        assertEquals("True", lines[0].trim());
        for (String name : new String[] {"Normal", "Poisson", "Bernoulli", "Gamma", "Exponential", "Binomial",
            "NegativeBinomial", "Categorical"}) {
            assertTrue(printed.contains(name + " True True"), name + ":\n" + printed);
        }
        assertEquals("() (3,) ()", lines[lines.length - 1].trim());
        final PyException e = assertThrows(PyException.class, () -> Jython.exec(
                "import torch\ntorch.distributions.Poisson(torch.ones(2, 2)).sample((3,))"));
        assertTrue(e.toString().contains("ValueError") && e.toString().contains("at most 2"), e.toString());
    }

    /** A name of torch.distributions the bridge lacks fails with one line naming it. */
    @Test
    void missingDistributionsAreNamed() {
        final PyException e = assertThrows(PyException.class, () -> Jython.exec("import torch\ntorch.distributions.Dirichlet(torch.ones(2))"));
        assertTrue(e.toString().contains("torch.distributions.Dirichlet is not supported by neuralGLM's PyTorch bridge"), e.toString());
    }
}

package neuralglm.jython;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.python.core.PyObject;

/**
 * The seeds' PyTorch code run as written through the embedded Jython with scripts/lib (the torch,
 * numpy and matplotlib shims): the code cells of seeds 000 and 003, and the README's snippet.
 *
 * <p>The cells are kept in {@code seed000_cells.py} and {@code seed003_cells.py} (test resources) with
 * their indentation restored (the text dump of seed 000 lost it); {@link #cells} checks every line of
 * them against the seed text, so they are the published code. IPython magics ({@code %matplotlib
 * inline}) and {@code #collapse} lines are dropped. Two substitutions, and only these, are made before
 * running:
 * <ul>
 *   <li>seed 000: {@code range(5000)} becomes {@code range(1500)}, for time (the notebook's full run is
 *       {@code scripts/run notebook.py}, tested by NotebookScriptTest): the progress prints at steps 0,
 *       500 and 1000 remain;</li>
 *   <li>seed 003: {@code Variable.pow(} becomes {@code torch.pow(}: today's PyTorch has removed
 *       Variable's methods ({@code Variable(t)} returns a tensor), and so has the bridge, which the
 *       test checks too.</li>
 * </ul>
 * The cells run as Jupyter runs them, in one namespace with Python 3's print and division: the value
 * of a cell's last expression is printed (and kept), and figures still open at the end of a cell are
 * shown, as the inline backend does (plt.show() writes them under target/jython-out/seeds).
 */
class SeedCellsTest {

    static final int STEPS = 1500;

    private static Path seed(String prefix) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of("..", "shared", "seeds"), prefix + "_*.txt")) {
            for (Path p : ds) {
                return p;
            }
        }
        throw new IOException("no seed " + prefix + " in ../shared/seeds");
    }

    private static boolean dropped(String line) {
        final String t = line.trim();
        return t.isEmpty() || t.startsWith("%") || t.startsWith("#collapse");
    }

    /**
     * @param resource the cells file
     * @param seed     the seed text
     * @return the cells by label ("cell 1", "In [5]:"), each checked line by line against the seed: a
     *         fenced block (seed 000) must equal its cell exactly, without blank lines, magics and
     *         #collapse lines; an "In [N]:" cell (seed 003) must be the lines that follow "In [N]:"
     */
    static Map<String, String> cells(String resource, Path seed) throws IOException {
        final String text;
        try (InputStream in = SeedCellsTest.class.getResourceAsStream(resource)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        final Map<String, String> cells = new LinkedHashMap<>();
        String label = null;
        StringBuilder body = null;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("# %% ")) {
                if (label != null) {
                    cells.put(label, body.toString());
                }
                label = line.substring(5);
                body = new StringBuilder();
            } else if (label != null) {
                body.append(line).append('\n');
            }
        }
        cells.put(label, body.toString());

        final List<String> seedLines = Files.readAllLines(seed);
        final List<List<String>> fences = new ArrayList<>();
        List<String> fence = null;
        for (String line : seedLines) {
            if (line.trim().equals("```")) {
                if (fence == null) {
                    fence = new ArrayList<>();
                } else {
                    fences.add(fence);
                    fence = null;
                }
            } else if (fence != null && !dropped(line)) {
                fence.add(line.trim());
            }
        }
        for (Map.Entry<String, String> c : cells.entrySet()) {
            final List<String> mine = new ArrayList<>();
            for (String line : c.getValue().split("\n")) {
                if (!line.trim().isEmpty()) {
                    mine.add(line.trim());
                }
            }
            if (c.getKey().startsWith("cell ")) {
                final int k = Integer.parseInt(c.getKey().substring(5));
                assertEquals(fences.get(k - 1), mine, resource + " " + c.getKey() + " differs from fenced block " + k);
            } else {
                final int at = seedLines.indexOf(c.getKey());
                assertTrue(at >= 0, "no " + c.getKey() + " in " + seed);
                int j = at + 1;
                for (String line : mine) {
                    while (dropped(seedLines.get(j))) {
                        j++;
                    }
                    assertEquals(seedLines.get(j).trim(), line, resource + " " + c.getKey() + " differs from " + seed);
                    j++;
                }
            }
        }
        if (resource.contains("000")) {
            assertEquals(fences.size(), cells.size(), "every fenced block of " + seed + " is a cell");
        }
        return cells;
    }

    /** Runs one cell as Jupyter would; defined once in the shared interpreter. */
    private static final String HARNESS = String.join("\n",
            "import __future__",
            "import matplotlib.pyplot as _plt",
            "_FLAGS = __future__.print_function.compiler_flag | __future__.division.compiler_flag",
            "def _run_cell(ns, source, label, outs, figures):",
            "    lines = source.rstrip().split('\\n')",
            "    last, shown = lines[-1], None",
            "    if last and not last[0].isspace() and not last.startswith('#'):",
            "        try:",
            "            shown = compile(last, label, 'eval', _FLAGS, 1)",
            "            source = '\\n'.join(lines[:-1]) + '\\n'",
            "        except SyntaxError:",
            "            shown = None",
            "    exec(compile(source, label, 'exec', _FLAGS, 1), ns)",
            "    if shown is not None:",
            "        value = eval(shown, ns)",
            "        if value is not None:",
            "            print(repr(value))",
            "            outs[label] = value.tolist() if hasattr(value, 'tolist') else value",
            "    if _plt.get_fignums():",
            "        figures[label] = list(_plt._figures)",
            "        _plt.show()",
            "");

    @BeforeAll
    static void harness() {
        Jython.exec(HARNESS);
    }

    /**
     * @return what each cell printed, by label; the namespace, values shown and figures are left in
     *         the interpreter as {@code _ns}, {@code _outs}, {@code _figures}
     */
    private static Map<String, String> run(Map<String, String> cells, String out) {
        Jython.exec("import matplotlib.pyplot as _plt\n_plt.rcParams['savefig.directory'] = '" + out + "'\n"
                + "_ns = {'__name__': '__main__'}\n_outs = {}\n_figures = {}");
        final Map<String, String> printed = new LinkedHashMap<>();
        for (Map.Entry<String, String> c : cells.entrySet()) {
            Jython.get().set("_source", c.getValue());
            Jython.get().set("_label", c.getKey());
            printed.put(c.getKey(), Jython.exec("_run_cell(_ns, _source, _label, _outs, _figures)"));
        }
        return printed;
    }

    private static double[] numbers(String printed, String regex) {
        final Matcher m = Pattern.compile(regex).matcher(printed);
        final List<Double> l = new ArrayList<>();
        while (m.find()) {
            l.add(Double.parseDouble(m.group(1)));
        }
        return l.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static String epochLines(String printed) {
        final StringBuilder sb = new StringBuilder();
        for (String line : printed.split("\n")) {
            if (line.startsWith("Epoch: ")) {
                sb.append(line).append('\n');
            }
        }
        return sb.toString();
    }

    private static double[] shown(String label) {
        final PyObject v = Jython.get().eval("_outs[" + org.python.core.Py.newString(label).__repr__() + "]");
        final double[] d = new double[v.__len__()];
        for (int i = 0; i < d.length; i++) {
            d[i] = v.__getitem__(i).asDouble();
        }
        return d;
    }

    private static void assertClose(double[] expected, double[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tol, what + " [" + i + "]");
        }
    }

    @Test
    void seed003AutogradWalkThroughPrintsItsPublishedNumbers() throws Exception {
        final Map<String, String> cells = cells("seed003_cells.py", seed("003"));
        final String pow = cells.get("In [6]:");
        assertTrue(pow.contains("Variable.pow("), pow);
        cells.put("In [6]:", pow.replace("Variable.pow(", "torch.pow("));
        final Map<String, String> out = run(cells, NotebookScriptTest.OUT.resolve("seeds").resolve("003").toString());

        assertEquals("torch.cuda.set_device(0): no CUDA device here; neuralGLM computes on the CPU, so this call is ignored",
                out.get("In [1]:").trim());
        // L1, L2, log loss, large then small error: the seed's float32 numbers to float32's precision
        // (L2 is a Python float, printed in full; the others are 0-d tensors, printed to 4 decimals)
        final String losses = out.get("In [3]:");
        assertClose(new double[] {0.5196162050938572, 0.17320798296993586}, numbers(losses, "L1 Loss =  tensor\\((\\S+)\\)"),
                5e-5, "L1 " + losses);
        assertClose(new double[] {0.27000100059614146, 0.030001005364513594}, numbers(losses, "L2 Loss =  (\\S+)"),
                1e-7, "L2 " + losses);
        assertClose(new double[] {0.6931471824645996, 0.10536054521799088}, numbers(losses, "Log Loss =  tensor\\((\\S+)\\)"),
                5e-5, "log " + losses);
        // LossDelta = 4.75e-2; the gradient of |Y - P|^2 times it: 1e-2 * (0.0095, -4.2750, 0.9500, 0.9500)
        assertEquals("tensor(0.0475)", out.get("In [7]:").trim());
        final double[] first = {0.0095e-2, -4.2750e-2, 0.95e-2, 0.95e-2};
        assertClose(first, numbers(out.get("In [9]:"), "(-?\\d\\.\\d+e-\\d+)"), 5e-7, out.get("In [9]:"));
        assertEquals(out.get("In [9]:"), out.get("In [16]:"), "firstGradientResult is kept (a clone)");
        // the custom square (whose backward returns grad_output, missing 2 x) prints the same forward,
        // and gives the published gradient 1e-2 * (0.0101, -4.5315, 1.0070, 1.0070)
        assertEquals("tensor(0.2225, grad_fn=<PowBackward0>)\ntensor(0.2225, grad_fn=<squareBackward>)",
                out.get("In [12]:").trim());
        final double[] custom = shown("In [15]:");
        assertClose(new double[] {0.0101e-2, -4.5315e-2, 1.0070e-2, 1.0070e-2}, custom, 5e-7, "In [15]");
        // gradients accumulate until zeroed: twice, then three times the custom gradient
        final double[] twice = shown("In [17]:"), thrice = shown("In [18]:");
        assertClose(new double[] {0.0201e-2, -9.0630e-2, 2.0140e-2, 2.0140e-2}, twice, 5e-7, "In [17]");
        assertClose(new double[] {0.0003, -0.1359, 0.0302, 0.0302}, thrice, 5e-5, "In [18]");
        // the float32 values, as PyTorch's: twice is exactly double (a power of two), thrice within two float32 roundings
        for (int i = 0; i < 4; i++) {
            assertEquals(2 * custom[i], twice[i], 1e-15, "doubling");
            assertEquals(3 * custom[i], thrice[i], 2 * Math.ulp((float) thrice[i]), "tripling");
        }
    }

    @Test
    void seed003AsWrittenMeetsTodaysPyTorchOnVariablePow() throws Exception {
        final Map<String, String> cells = cells("seed003_cells.py", seed("003"));
        final Map<String, String> upTo6 = new LinkedHashMap<>();
        for (String k : new String[] {"In [1]:", "In [2]:", "In [4]:", "In [5]:"}) {
            upTo6.put(k, cells.get(k));
        }
        run(upTo6, NotebookScriptTest.OUT.resolve("seeds").resolve("003").toString());
        Jython.get().set("_source", cells.get("In [6]:"));
        final String caught = Jython.exec(String.join("\n",
                "try:",
                "    _run_cell(_ns, _source, 'In [6]:', _outs, _figures)",
                "except AttributeError as e:",
                "    print(e)"));
        assertTrue(caught.startsWith("Variable.pow: PyTorch has removed Variable's methods"), caught);
    }

    @Test
    void seed000NotebookCellsRunAsWritten() throws Exception {
        final Map<String, String> cells = cells("seed000_cells.py", seed("000"));
        for (Map.Entry<String, String> c : cells.entrySet()) {
            c.setValue(c.getValue().replace("range(5000)", "range(" + STEPS + ")"));
        }
        final Path outDir = NotebookScriptTest.OUT.resolve("seeds").resolve("000");
        final Map<String, String> out = run(cells, outDir.toString());

        // the explicit and the implicit Gaussian runs print the same losses
        final String explicit = epochLines(out.get("cell 3")), implicit = epochLines(out.get("cell 4"));
        final double[] losses = numbers(explicit, "Epoch: \\d+\tLoss: (\\S+)");
        assertEquals(3, losses.length, explicit);
        assertEquals(explicit, implicit);
        assertTrue(losses[1] < 0.6 * losses[0], explicit);

        // the three-family loop: the fits (the "Predictions" of its figure) follow the means that made the
        // data, sin(10x), P(class 1) = sigmoid(3.5 sin(10x)) and 2 exp(sin(10x)): each misses them by less
        // than half of what the best constant would (the class: on the right side of 1/2 for 85% of x)
        final String check = Jython.exec(String.join("\n",
                "import math",
                "_fig = _figures['cell 5'][0]",
                "_xs = _ns['X'].tolist()",
                "_truth = [math.sin(10 * x) for x in _xs]",
                "_panels = [ax.collections[1].get_offsets() for ax in _fig.axes]",
                "_g = [p[1] for p in _panels[0]]",
                "_c = [p[1] for p in _panels[1]]",
                "_p = [p[1] for p in _panels[2]]",
                "_m = sum(_truth) / len(_xs)",
                "_rms = lambda f: math.sqrt(sum((a - b) ** 2 for a, b in zip(f, _truth)) / len(_xs))",
                "print('%r %r' % (_rms(_g), _rms([_m] * len(_xs))))",
                "print(sum(1 for a, b in zip(_c, _truth) if (a == 1) == (b > 0)) / float(len(_xs)))",
                "_lm = sum(math.log(2) + b for b in _truth) / len(_xs)",
                "_dev = lambda f: sum(abs(math.log(a) - math.log(2 * math.exp(b))) for a, b in zip(f, _truth)) / len(_xs)",
                "print('%r %r' % (_dev(_p), _dev([math.exp(_lm)] * len(_xs))))",
                "print(' | '.join(ax.get_title() for ax in _fig.axes))"));
        final String[] c = check.trim().split("\n");
        final String[] g = c[0].split(" "), p = c[2].split(" ");
        assertTrue(Double.parseDouble(g[0]) < 0.5 * Double.parseDouble(g[1]),
                "Gaussian: root mean square from sin(10x), fit vs constant: " + c[0]);
        assertTrue(Double.parseDouble(c[1]) > 0.85, "Classification: share of x on the right side " + c[1]);
        assertTrue(Double.parseDouble(p[0]) < 0.5 * Double.parseDouble(p[1]),
                "Poisson: mean |log(fit / (2 exp(sin(10x))))|, fit vs constant: " + c[2]);
        assertEquals("Gaussian regression data | Classification data | Poisson regression data", c[3]);

        // the figures, as the inline backend would show them: figsize (17, 4.4) at 100 dpi, and the default
        NotebookScriptTest.assertPng(outDir.resolve("figure_1.png"), 1700, 440);
        NotebookScriptTest.assertPng(outDir.resolve("figure_2.png"), 640, 480);
        NotebookScriptTest.assertPng(outDir.resolve("figure_3.png"), 640, 480);
        NotebookScriptTest.assertPng(outDir.resolve("figure_4.png"), 1700, 440);
        assertFalse(Files.exists(outDir.resolve("figure_5.png")));
    }

    /** @return the first {@code ```python} block of the README's Jython section */
    static String readmeSnippet() throws Exception {
        final String readme = Files.readString(Path.of("README.md"));
        final int section = readme.indexOf("## Jython");
        final int start = readme.indexOf("```python\n", section) + "```python\n".length();
        return readme.substring(start, readme.indexOf("```", start));
    }

    @Test
    void readmeSnippetRunsUnchanged() throws Exception {
        final String snippet = readmeSnippet();
        assertTrue(snippet.contains("import torch.nn as nn") && snippet.contains("@staticmethod"), snippet);
        final String[] printed = Jython.exec(snippet).trim().split("\n");
        // the fitted Poisson NLL exp(eta) - y eta (mean, constants dropped) is near that of the rates that made
        // the data, exp(1 + sin 3x), and well below that of the best constant rate, mean(y)
        final String check = Jython.exec(String.join("\n",
                "import math",
                "m = y.mean().item()",
                "mu = torch.exp(1 + torch.sin(3 * X))",
                "print((mu - y * torch.log(mu)).mean().item())",
                "print(m - m * math.log(m))"));
        final String[] ref = check.trim().split("\n");
        final double fitted = Double.parseDouble(printed[0]), truth = Double.parseDouble(ref[0]);
        final double constant = Double.parseDouble(ref[1]);
        assertEquals(truth, fitted, 0.05, check);
        assertTrue(fitted < constant - 0.15, fitted + " vs " + constant);
        // d/dp sum p^2 = 2 p through the ctx-style Function
        assertEquals("tensor([ 1., -2.])", printed[1]);
    }
}

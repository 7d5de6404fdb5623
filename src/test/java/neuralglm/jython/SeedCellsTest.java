package neuralglm.jython;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * PyTorch code run as written through the embedded Jython with scripts/lib (the torch package): the
 * README's snippet.
 */
class SeedCellsTest {

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

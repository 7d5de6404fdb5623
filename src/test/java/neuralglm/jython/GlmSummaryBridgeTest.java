package neuralglm.jython;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import neuralglm.testutil.RFixture;
import org.junit.jupiter.api.Test;

/**
 * {@code model.summary(family, X, y)} from Jython: a {@code nn.Linear(d, 1)} holding R's coefficients for
 * ?glm's Dobson Poisson example prints R's table and returns R's standard errors (to R's 1e-8 convergence).
 */
class GlmSummaryBridgeTest {

    private static String list(double[] v) {
        return Arrays.stream(v).mapToObj(d -> String.format(Locale.ROOT, "%.17g", d)).collect(Collectors.joining(", ", "[", "]"));
    }

    @Test
    void linearModuleSummaryMatchesR() {
        final RFixture f = RFixture.load("dobson");
        final int d = f.x()[0].length;
        final double[] slopes = new double[d];
        for (int j = 0; j < d; j++) {
            slopes[j] = f.table()[j + 1][RFixture.ESTIMATE];
        }
        final String rows = Arrays.stream(f.x()).map(GlmSummaryBridgeTest::list).collect(Collectors.joining(", ", "[", "]"));
        final String printed = Jython.exec(String.join("\n",
                "import torch",
                "import torch.nn as nn",
                "X = torch.tensor(" + rows + ")",
                "y = torch.tensor(" + list(f.y()) + ")",
                "m = nn.Linear(" + d + ", 1)",
                "ps = list(m.parameters())",
                "ps[0].data.copy_(" + list(slopes) + ")",
                "ps[1].data.copy_([" + f.table()[0][RFixture.ESTIMATE] + "])",
                "s = m.summary(torch.families.Poisson(), X, y, None, 'prior', False, ['outcome2', 'outcome3', 'treatment2', 'treatment3'])",
                "print(s)",
                "print(' '.join(repr(v) for v in s.standardErrors()))"));
        assertTrue(printed.contains("Pr(>|z|)") && printed.contains("outcome2") && printed.contains("Residual deviance"), printed);
        final String[] lines = printed.trim().split("\n");
        final String[] se = lines[lines.length - 1].trim().split(" ");
        assertEquals(d + 1, se.length, printed);
        for (int j = 0; j <= d; j++) {
            final double r = f.table()[j][RFixture.SE];
            assertEquals(r, Double.parseDouble(se[j]), 1e-6 * r, "se " + j);
        }
    }
}

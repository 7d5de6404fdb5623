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

    /**
     * A {@code nn.Linear(2, 3)} holding nnet's multinom coefficients (class 0's row zero, the reference) for the synthetic
     * three-class fixture prints R's multinom table and returns its standard errors (nnet's Hessian at its optimum).
     */
    @Test
    void multinomialModuleSummaryMatchesR() throws Exception {
        final java.util.List<String> data = new java.util.ArrayList<>();
        try (java.io.InputStream in = GlmSummaryBridgeTest.class.getResourceAsStream("/glmref/multinom3.arff")) {
            boolean rows = false;
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                if (rows && !line.isBlank()) {
                    data.add(line.trim());
                }
                rows |= line.startsWith("@data");
            }
        }
        final StringBuilder x = new StringBuilder("["), y = new StringBuilder("[");
        for (String row : data) {
            final String[] v = row.split(",");
            x.append(x.length() > 1 ? ", " : "").append('[').append(v[0]).append(", ").append(v[1]).append(']');
            y.append(y.length() > 1 ? ", " : "").append("abc".indexOf(v[2]));
        }
        final java.util.List<String[]> coef = RFixture.rows("multinom3.coef.csv");
        final double[] b = new double[6], se = new double[6];
        for (int j = 0; j < 6; j++) {
            b[j] = Double.parseDouble(coef.get(j + 1)[1]);
            se[j] = Double.parseDouble(coef.get(j + 1)[2]);
        }
        final String printed = Jython.exec(String.join("\n",
                "import torch",
                "import torch.nn as nn",
                "X = torch.tensor(" + x + "])",
                "y = torch.tensor(" + y + "])",
                "m = nn.Linear(2, 3)",
                "ps = list(m.parameters())",
                "ps[0].data.copy_([[0.0, 0.0], [" + b[1] + ", " + b[2] + "], [" + b[4] + ", " + b[5] + "]])",
                "ps[1].data.copy_([0.0, " + b[0] + ", " + b[3] + "])",
                "s = m.summary(torch.families.Categorical(), X, y, None, 'frequency', False, ['x1', 'x2'])",
                "print(s)",
                "print(' '.join(repr(v) for v in s.standardErrors()))"));
        assertTrue(printed.contains("log(P(class) / P(0))") && printed.contains("2: x2"), printed);
        final String[] lines = printed.trim().split("\n");
        final String[] ours = lines[lines.length - 1].trim().split(" ");
        assertEquals(6, ours.length, printed);
        for (int j = 0; j < 6; j++) {
            assertEquals(se[j], Double.parseDouble(ours[j]), 1e-6 * se[j], coef.get(j + 1)[0] + " se");
        }
    }
}

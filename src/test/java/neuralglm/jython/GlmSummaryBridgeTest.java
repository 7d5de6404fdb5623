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
 * ?glm's Dobson Poisson example prints R's table and returns R's standard errors (to R's 1e-8 convergence); with an
 * offset, R's glm with an offset; a multinomial logit, nnet's multinom.
 */
class GlmSummaryBridgeTest {

    private static String list(double[] v) {
        return Arrays.stream(v).mapToObj(d -> String.format(Locale.ROOT, "%.17g", d)).collect(Collectors.joining(", ", "[", "]"));
    }

    /**
     * @param f an R fixture
     * @return a script that makes X and y of its design and a {@code nn.Linear(d, 1)} m holding R's coefficients
     */
    private static String atRsFit(RFixture f) {
        final int d = f.x()[0].length;
        final double[] slopes = new double[d];
        for (int j = 0; j < d; j++) {
            slopes[j] = f.table()[j + 1][RFixture.ESTIMATE];
        }
        final String rows = Arrays.stream(f.x()).map(GlmSummaryBridgeTest::list).collect(Collectors.joining(", ", "[", "]"));
        return String.join("\n",
                "import torch",
                "import torch.nn as nn",
                "X = torch.tensor(" + rows + ")",
                "y = torch.tensor(" + list(f.y()) + ")",
                "m = nn.Linear(" + d + ", 1)",
                "with torch.no_grad():",
                "    m.weight.copy_(torch.tensor([" + list(slopes) + "]))",
                "    m.bias.fill_(" + f.table()[0][RFixture.ESTIMATE] + ")");
    }

    @Test
    void linearModuleSummaryMatchesR() {
        final RFixture f = RFixture.load("dobson");
        final int d = f.x()[0].length;
        final String printed = Jython.exec(String.join("\n",
                atRsFit(f),
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
     * {@code model.summary(family, X, y, offset=o)} against R's {@code glm(..., offset)} (fixtures of
     * {@code src/test/resources/glmref/make_offset_fixtures.R}): MASS's Insurance claims, Poisson with
     * {@code offset(log(Holders))}; 80 costs over months of exposure, Gamma with a log link and {@code offset(log(months))}
     * (dispersion estimated); a logit with a known offset per row. A {@code nn.Linear(d, 1)} holding R's coefficients
     * (the model of {@code eta = model(X) + o}) gives R's standard errors, z/t statistics, p-values, deviance, null
     * deviance (R refits the intercept-only model with the offset), AIC and dispersion, to 1e-6 relative (R ran IRLS
     * to a relative deviance change of 1e-15).
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"insurance_exposure, Poisson", "gamma_exposure, Gamma",
        "logit_offset, Bernoulli"})
    void summaryWithOffsetMatchesR(String name, String family) {
        final RFixture f = RFixture.load(name);
        final int d = f.x()[0].length;
        final String printed = Jython.exec(String.join("\n",
                atRsFit(f),
                "off = torch.tensor(" + list(RFixture.offsets(name)) + ")",
                "s = m.summary(torch.families." + family + "(), X, y, offset=off)",
                "for v in [s.estimates(), s.standardErrors(), s.statistics(), s.pValues(),",
                "          [s.deviance(), s.nullDeviance(), s.aic(), s.dispersion()]]:",
                "    print(' '.join(repr(x) for x in v))"));
        final String[] lines = printed.trim().split("\n");
        final double[][] got = new double[5][];
        for (int i = 0; i < 5; i++) {
            got[i] = Arrays.stream(lines[lines.length - 5 + i].trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
        }
        for (int j = 0; j <= d; j++) {
            close(name + " " + f.terms()[j] + " estimate", f.table()[j][RFixture.ESTIMATE], got[0][j]);
            close(name + " " + f.terms()[j] + " se", f.table()[j][RFixture.SE], got[1][j]);
            close(name + " " + f.terms()[j] + " statistic", f.table()[j][RFixture.STAT], got[2][j]);
            close(name + " " + f.terms()[j] + " p", f.table()[j][RFixture.P], got[3][j]);
        }
        close(name + " deviance", f.stat("deviance"), got[4][0]);
        close(name + " null deviance", f.stat("null.deviance"), got[4][1]);
        close(name + " AIC", f.stat("aic"), got[4][2]);
        close(name + " dispersion", f.stat("dispersion"), got[4][3]);
    }

    private static void close(String what, double expected, double actual) {
        assertTrue(Math.abs(actual - expected) <= 1e-6 * Math.abs(expected) || Math.abs(actual - expected) < 1e-12,
                what + ": R " + expected + ", bridge " + actual);
    }

    /** An offset of the wrong length, or with a value that is not finite, is refused with a ValueError naming it. */
    @Test
    void summaryRefusesBadOffsets() {
        final String printed = Jython.exec(String.join("\n",
                "import torch",
                "import torch.nn as nn",
                "m = nn.Linear(1, 1)",
                "X = torch.tensor([[0.5], [1.0], [2.0]])",
                "y = torch.tensor([1.0, 0.0, 3.0])",
                "for off in [torch.zeros(2), torch.tensor([0.0, float('nan'), 1.0]), torch.tensor([0.0, 1.0, float('inf')])]:",
                "    try:",
                "        m.summary(torch.families.Poisson(), X, y, offset=off)",
                "        print('accepted')",
                "    except ValueError as e:",
                "        print('ValueError: %s' % e)"));
        assertTrue(printed.contains("ValueError: summary(): offset has 2 values for 3 rows"), printed);
        assertTrue(printed.contains("ValueError: summary(): offset nan at row 1 is not finite")
                || printed.contains("ValueError: summary(): offset NaN at row 1 is not finite"), printed);
        assertTrue(printed.contains("ValueError: summary(): offset Infinity at row 2 is not finite"), printed);
        assertTrue(!printed.contains("accepted"), printed);
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

package neuralglm.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Random;

import neuralglm.family.CategoricalFamily;
import neuralglm.family.Family;
import neuralglm.family.PoissonFamily;
import neuralglm.nn.Activation;
import neuralglm.nn.Sequential;
import neuralglm.train.TrainingResult;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * GLM coefficients in original units with nominal features against a reference level: evaluated by hand on
 * raw cells (x, dummies of the non-reference categories), they give the network's eta for every row.
 */
class CoefficientsTest {
    private static final String[] COLOURS = {"blue", "green", "red"};

    private static TabularModel glm(Family family, Object[] labels, Object[][] cells) {
        final TableStats stats = new TableStats(new String[] {"x", "colour", "size"}, new boolean[] {false, true, true},
                family instanceof CategoricalFamily);
        for (int i = 0; i < cells.length; i++) {
            stats.add(cells[i], labels[i], 1.0 + (i % 4));
        }
        final TabularEncoder encoder = TabularEncoder.fit(stats, true);
        final LabelCoding coding = LabelCoding.fit("y", family, stats);
        final Sequential net = Sequential.mlp(encoder.width(), new int[0], () -> Activation.byName("ReLU"),
                coding.columns(), new Random(3));
        return new TabularModel(encoder, coding, net, family, new TrainingResult(new double[] {1.0}, 1.0, true), "");
    }

    private static Object[][] cells(int n) {
        final Random rng = new Random(8);
        final Object[][] c = new Object[n][];
        for (int i = 0; i < n; i++) {
            c[i] = new Object[] {i % 9 == 0 ? null : 10 + 5 * rng.nextGaussian(), i % 11 == 0 ? null : COLOURS[rng.nextInt(3)],
                rng.nextBoolean() ? "L" : "S"};
        }
        return c;
    }

    private static void check(TabularModel model, Object[][] cells) {
        final Coefficients c = Coefficients.of(model);
        assertArrayEquals(new String[] {"(intercept)", "x", "colour=green", "colour=red", "size=S"}, c.names());
        assertNull(c.refs()[1]);
        assertEquals("blue", c.refs()[2]);
        assertEquals("L", c.refs()[4]);
        final DMatrixRMaj eta = model.eta(cells);
        final double xFill = model.encoder().fill[0];
        final String colourMode = model.encoder().categories(1)[model.encoder().mode[1]];
        for (int i = 0; i < cells.length; i++) {
            final double x = cells[i][0] == null ? xFill : (Double) cells[i][0];
            final String colour = cells[i][1] == null ? colourMode : (String) cells[i][1];
            for (int r = 0; r < eta.numCols; r++) {
                final double[] b = c.values()[r];
                final double byHand = b[0] + b[1] * x + ("green".equals(colour) ? b[2] : 0) + ("red".equals(colour) ? b[3] : 0)
                        + ("S".equals(cells[i][2]) ? b[4] : 0);
                assertEquals(eta.get(i, r), byHand, 1e-12 * (1 + Math.abs(byHand)), "row " + i + ", output " + r);
            }
        }
    }

    @Test
    void poissonAndCategoricalCoefficientsReproduceEta() {
        final Object[][] cells = cells(60);
        final Object[] counts = new Object[cells.length], classes = new Object[cells.length];
        for (int i = 0; i < cells.length; i++) {
            counts[i] = (double) (i % 5);
            classes[i] = "abc".substring(i % 3, i % 3 + 1);
        }
        check(glm(new PoissonFamily(), counts, cells), cells);
        check(glm(new CategoricalFamily(), classes, cells), cells);
    }
}

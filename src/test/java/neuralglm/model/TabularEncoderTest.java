package neuralglm.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import neuralglm.family.BernoulliFamily;
import neuralglm.family.CategoricalFamily;
import neuralglm.family.PoissonFamily;
import org.junit.jupiter.api.Test;

/** The Spark-free encoding pieces on their own: statistics merging, edge cases of the encoder, labels. */
class TabularEncoderTest {

    private static final String[] NAMES = {"x", "c"};
    private static final boolean[] NOMINAL = {false, true};

    @Test
    void mergedPartitionStatisticsEqualTheDirectWeightedMoments() {
        final Random rng = new Random(3);
        final int n = 1000;
        final double[] x = new double[n], w = new double[n];
        final TableStats a = new TableStats(NAMES, NOMINAL, false), b = new TableStats(NAMES, NOMINAL, false);
        for (int i = 0; i < n; i++) {
            x[i] = 1e4 + rng.nextGaussian();   // a large mean: the naive sum of squares would lose digits
            w[i] = rng.nextInt(3);             // zero weights included
            (i < 377 ? a : b).add(new Object[] {x[i], "k"}, 1.0, w[i]);
        }
        a.merge(b);
        double sw = 0, m = 0, v = 0;
        for (int i = 0; i < n; i++) {
            sw += w[i];
            m += w[i] * x[i];
        }
        m /= sw;
        for (int i = 0; i < n; i++) {
            v += w[i] * (x[i] - m) * (x[i] - m);
        }
        assertEquals(sw, a.totalWeight, 0.0);
        assertEquals(m, a.mean[0], 1e-12 * m);
        assertEquals(v, a.m2[0], 1e-9 * v);
        final TabularEncoder e = TabularEncoder.fit(a, true);
        assertEquals(m, e.centre()[0], 1e-12 * m);
        assertEquals(Math.sqrt(v / sw), e.scale()[0], 1e-9);
    }

    @Test
    void unseenCategoriesAndMissingCellsTakeTheModeAndAllMissingColumnsAreConstant() {
        final TableStats s = new TableStats(new String[] {"x", "c", "one"}, new boolean[] {false, true, true}, false);
        s.add(new Object[] {null, "b", "only"}, 1.0, 1.0);
        s.add(new Object[] {null, "b", "only"}, 1.0, 1.0);
        s.add(new Object[] {null, "a", null}, 1.0, 1.0);
        s.add(new Object[] {null, null, "only"}, 1.0, 1.0);
        final TabularEncoder e = TabularEncoder.fit(s, false);
        assertArrayEquals(new String[] {"x", "c=b", "one=only"}, e.inputNames());
        final double[] out = new double[3];
        e.encode(new Object[] {null, "zzz", null}, out, 0);
        assertArrayEquals(new double[] {0, 1, 1}, out, "all-missing numeric -> 0; unseen 'zzz' -> mode b; missing -> only");
        e.encode(new Object[] {2.5, "a", "only"}, out, 0);
        assertArrayEquals(new double[] {2.5, 0, 1}, out);
        final TabularEncoder z = TabularEncoder.fit(s, true);
        z.encode(new Object[] {7.0, "b", "only"}, out, 0);
        // x: centre 0 (never seen), scale 1; c=b: p = 3/4 (the missing row goes to the mode); one=only: constant
        assertArrayEquals(new double[] {7.0, (1 - 0.75) / Math.sqrt(0.75 * 0.25), 0}, out, 1e-15);
        final IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> e.encode(new Object[] {"text", "a", "only"}, out, 0));
        assertTrue(bad.getMessage().contains("'x'") && bad.getMessage().contains("text"), bad.getMessage());
    }

    @Test
    void labelsAreIndexedBySortedClasses() {
        final TableStats s = new TableStats(NAMES, NOMINAL, true);
        for (Object label : new Object[] {true, false, true, null}) {
            s.add(new Object[] {1.0, "k"}, label, 1.0);
        }
        assertEquals(1, s.rowsWithoutLabel);
        final LabelCoding bernoulli = LabelCoding.fit("y", new BernoulliFamily(), s);
        assertArrayEquals(new String[] {"false", "true"}, bernoulli.classes());
        final double[] y = new double[3];
        assertTrue(bernoulli.encode(true, y, 0));
        assertEquals(1.0, y[0]);
        assertFalse(bernoulli.encode(null, y, 0), "a missing label drops the row");
        final LabelCoding categorical = LabelCoding.fit("y", new CategoricalFamily(), s);
        assertEquals(2, categorical.columns());
        categorical.encode(false, y, 1);
        assertArrayEquals(new double[] {1, 1, 0}, y);
        assertThrows(IllegalArgumentException.class, () -> categorical.encode("maybe", y, 0));
        final IllegalArgumentException poisson = assertThrows(IllegalArgumentException.class,
                () -> LabelCoding.fit("y", new PoissonFamily(), s));
        assertTrue(poisson.getMessage().contains("Categorical"), poisson.getMessage());
    }
}

package weka.classifiers.functions.neuralglm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import neuralglm.family.BernoulliFamily;
import neuralglm.family.CategoricalFamily;
import neuralglm.family.Family;
import neuralglm.family.GaussianFamily;
import neuralglm.family.PoissonFamily;
import neuralglm.model.ColumnSummary;
import org.junit.jupiter.api.Test;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.SparseInstance;
import weka.core.Utils;

/**
 * {@link Targets#known}, one pass over the user's data, against the separate steps it replaces (written out
 * here as NeuralGLM ran them: the scan for missing class values, the value and weight checks on the rows
 * with a class value, {@link Targets#of}): the same rows, targets and weights to the bit, or the same error
 * message, on random data sets with missing class values, infinite and too large values, bad weights, class
 * values outside the family's domain and class attributes that do not suit the family, alone and together; on one
 * thread and in blocks of rows on 2 and 3 threads; with numeric inputs only, the raw inputs the pass copies.
 */
class TargetsTest {

    /**
     * The pass's blocks: 256 rows up to 64 inputs, about 16,384 values a block beyond (one row from 16,385 inputs), and
     * always whole blocks of the column moments, so that the summary keeps them.
     */
    @Test
    void blocksOfThePassStaySmallAndHoldWholeBlocksOfTheMoments() {
        assertEquals(256, Targets.summaryRows(0));
        assertEquals(256, Targets.summaryRows(20));
        assertEquals(256, Targets.summaryRows(64));
        assertEquals(128, Targets.summaryRows(100));
        assertEquals(32, Targets.summaryRows(257));
        assertEquals(1, Targets.summaryRows(20_000));
        for (int m = 1; m < 40_000; m += 1 + m / 7) {
            final int rows = Targets.summaryRows(m), moments = neuralglm.model.ColumnMoments.blockRows(m);
            assertEquals(0, rows % moments, "m " + m);
            assertTrue((long) rows * m <= Math.max(1 << 14, m), "m " + m);
        }
    }

    /** The steps before the one pass. */
    private static Targets.Known separately(Instances data, Family family) {
        final int[] known = new int[data.numInstances()];
        int count = 0;
        for (int i = 0; i < known.length; i++) {
            if (!data.instance(i).classIsMissing()) {
                known[count++] = i;
            }
        }
        if (count == 0) {
            throw new IllegalArgumentException("No training instances with a known class value: all " + data.numInstances()
                    + " instances have a missing value for class attribute '" + data.classAttribute().name() + "'");
        }
        final int[] rows = java.util.Arrays.copyOf(known, count);
        final Instances train = new Instances(data, rows.length);
        for (int i : rows) {
            train.add(data.instance(i));
        }
        double total = 0;   // the former InputChecks.checkValues
        for (int i = 0; i < rows.length; i++) {
            InputChecks.checkInstance(train.instance(i), rows[i] + 1);
            total += train.instance(i).weight();
        }
        InputChecks.checkTotalWeight(rows.length, total);
        return new Targets.Known(rows, train, Targets.of(train, family, rows));
    }

    private static Instances data(Random rng, int n, int classValues, boolean sparse) {
        final ArrayList<Attribute> atts = new ArrayList<>();
        atts.add(new Attribute("x"));
        atts.add(new Attribute("colour", List.of("red", "green", "blue")));
        atts.add(new Attribute("z"));
        if (classValues == 0) {
            atts.add(new Attribute("y"));
        } else {
            final List<String> v = new ArrayList<>();
            for (int k = 0; k < classValues; k++) {
                v.add("c" + k);
            }
            atts.add(new Attribute("y", v));
        }
        final Instances d = new Instances("targets", atts, n);
        d.setClassIndex(rng.nextBoolean() ? 3 : 0);
        if (d.classIndex() == 0) { // the class first: move the values too
            d.setClassIndex(-1);
            final Attribute cls = d.attribute(3);
            d.deleteAttributeAt(3);
            d.insertAttributeAt(cls.copy("y"), 0);
            d.setClassIndex(0);
        }
        final int c = d.classIndex();
        for (int i = 0; i < n; i++) {
            final double[] v = new double[4];
            for (int a = 0; a < 4; a++) {
                v[a] = d.attribute(a).isNominal() ? rng.nextInt(d.attribute(a).numValues()) : rng.nextInt(3) == 0 ? 0.0 : rng.nextGaussian() * 5;
            }
            if (classValues == 0) {
                v[c] = rng.nextInt(5);
            }
            double weight = 0.5 + rng.nextDouble();
            switch (rng.nextInt(40)) {
                case 0: v[c] = Utils.missingValue(); break;
                case 1: v[c == 0 ? 1 : 0] = Double.POSITIVE_INFINITY; break;
                case 2: v[c == 0 ? 3 : 2] = -2e150; break;
                case 3: weight = -1; break;
                case 4: weight = Double.NaN; break;
                case 5: v[c] = classValues == 0 ? -1.5 : v[c]; break; // outside the count families' domain
                case 6: v[c] = classValues == 0 ? Double.NEGATIVE_INFINITY : v[c]; break;
                case 7: weight = 0; break;
                case 8: v[c == 0 ? 1 : 0] = Utils.missingValue(); break;
                default: break;
            }
            d.add(sparse ? new SparseInstance(weight, v) : new DenseInstance(weight, v));
        }
        return d;
    }

    @Test
    void sameRowsTargetsAndErrorsAsTheSeparateSteps() {
        final Family[] families = {new PoissonFamily(), new GaussianFamily(), new BernoulliFamily(), new CategoricalFamily()};
        int errors = 0, results = 0, copies = 0, summaries = 0;
        for (int seed = 0; seed < 480; seed++) {
            final Random rng = new Random(seed);
            // seeds from 400: several blocks of 256 rows (whose input values are checked on the block's copy)
            final int n = 1 + rng.nextInt(seed >= 400 ? 700 : seed % 4 == 0 ? 3 : 60);
            final int classValues = new int[] {0, 2, 3}[rng.nextInt(3)];
            final Instances data = data(rng, n, classValues, seed % 5 == 0);
            if (seed % 2 == 1) { // numeric inputs only: the pass copies them
                data.deleteAttributeAt(data.attribute("colour").index());
            }
            if (seed % 7 == 0) { // no weight above 0
                for (int i = 0; i < n; i++) {
                    data.instance(i).setWeight(0);
                }
            }
            if (seed % 13 == 0) { // no class value
                for (int i = 0; i < n; i++) {
                    data.instance(i).setClassMissing();
                }
            }
            for (Family f : families) {
                String expectedError = null, error = null;
                Targets.Known expected = null, got = null;
                try {
                    expected = separately(data, f);
                } catch (IllegalArgumentException e) {
                    expectedError = e.getMessage();
                }
                // one thread, or blocks of rows on 2 or 3 threads (small blocks: these data sets are small)
                final int threads = 1 + seed % 3;
                try {
                    got = Targets.known(data, f, threads, 1);
                } catch (IllegalArgumentException e) {
                    error = e.getMessage();
                }
                final String what = "seed " + seed + ", " + f + ", " + threads + " threads";
                assertEquals(expectedError, error, what);
                String leanError = null;   // the lean pass (the inputs read in place, not copied): the same error
                try {
                    Targets.known(data, f, threads, false);
                } catch (IllegalArgumentException e) {
                    leanError = e.getMessage();
                }
                assertEquals(expectedError, leanError, what + ", lean");
                if (expected == null) {
                    errors++;
                    continue;
                }
                results++;
                assertArrayEquals(expected.rows(), got.rows(), what);
                assertEquals(expected.train().numInstances(), got.train().numInstances(), what);
                if (got.rows().length == n) {
                    assertSame(data, got.train(), what + ": no copy when no class value is missing");
                }
                for (int i = 0; i < got.rows().length; i++) {
                    assertArrayEquals(data.instance(got.rows()[i]).toDoubleArray(), got.train().instance(i).toDoubleArray(), 0.0, what);
                }
                assertEquals(expected.targets().y().numRows, got.targets().y().numRows, what);
                assertEquals(expected.targets().y().numCols, got.targets().y().numCols, what);
                assertArrayEquals(expected.targets().y().data, java.util.Arrays.copyOf(got.targets().y().data,
                        expected.targets().y().getNumElements()), 0.0, what);
                assertArrayEquals(expected.targets().weights(), got.targets().weights(), 0.0, what);
                assertRawInputs(got, what);
                if (got.inputs() != null) {
                    copies++;
                }
                summaries += assertInputSummary(got, data, threads, what);
            }
        }
        assertTrue(errors > 200 && results > 200, "both outcomes are exercised: " + errors + " errors, " + results + " results");
        assertTrue(copies > 20, "raw inputs copied in " + copies + " results");
        assertTrue(summaries > 10, "input summaries made in " + summaries + " results");
    }

    /**
     * The lean pass hands on the class values of a nominal class (one-hot targets: their own array) for every row with
     * one, a sparse instance's too, in the rows' order, for both values of a missing class among them.
     */
    @Test
    void leanPassHandsOnNominalClassValues() {
        for (int seed = 0; seed < 20; seed++) {
            final Random rng = new Random(seed);
            final int n = 1 + rng.nextInt(600), m = 1 + rng.nextInt(5), c = rng.nextInt(m + 1);
            final java.util.ArrayList<weka.core.Attribute> atts = new java.util.ArrayList<>();
            for (int a = 0; a <= m; a++) {
                atts.add(a == c ? new weka.core.Attribute("y", java.util.List.of("a", "b", "c")) : new weka.core.Attribute("x" + a));
            }
            final Instances data = new Instances("nominal", atts, n);
            data.setClassIndex(c);
            for (int i = 0; i < n; i++) {
                final double[] v = new double[m + 1];
                for (int a = 0; a <= m; a++) {
                    v[a] = a == c ? (rng.nextInt(9) == 0 ? Utils.missingValue() : rng.nextInt(3)) : rng.nextGaussian();
                }
                data.add(rng.nextInt(7) == 0 ? new SparseInstance(1.0, v) : new DenseInstance(1.0, v));
            }
            final Targets.Known got;
            try {
                got = Targets.known(data, new CategoricalFamily(), 1, false);
            } catch (IllegalArgumentException e) {
                continue;   // no row with a class value
            }
            final Instances train = got.train();
            for (int i = 0; i < train.numInstances(); i++) {
                assertEquals(train.instance(i).classValue(), got.classValues()[i], 0.0, "seed " + seed + ", row " + i);
            }
        }
    }

    /**
     * The lean pass (no copy of the inputs) summarises the value arrays as it finds them: {@link ColumnSummary#of} on the
     * matrix of the raw inputs (made here from the instances) with the targets' weights, to the bit, over several blocks
     * of rows (256 each); none when a class value or an input value is missing or an instance is sparse.
     */
    @Test
    void leanPassSummarisesTheValueArrays() {
        int summaries = 0, none = 0;
        for (int seed = 0; seed < 40; seed++) {
            final Random rng = new Random(seed);
            final int n = 1 + rng.nextInt(seed % 2 == 0 ? 900 : 40), m = 1 + rng.nextInt(6), c = rng.nextInt(m + 1);
            final java.util.ArrayList<weka.core.Attribute> atts = new java.util.ArrayList<>();
            for (int a = 0; a <= m; a++) {
                atts.add(new weka.core.Attribute(a == c ? "y" : "x" + a));
            }
            final Instances data = new Instances("lean", atts, n);
            data.setClassIndex(c);
            final int flaw = seed % 5;   // 0: a missing class value, 1: a missing input, 2: a sparse instance, else none
            for (int i = 0; i < n; i++) {
                final double[] v = new double[m + 1];
                for (int a = 0; a <= m; a++) {
                    v[a] = a == c ? rng.nextInt(5) : rng.nextInt(4) == 0 ? 1.0 : rng.nextGaussian() * 3;
                }
                final boolean flawed = i == n / 2;
                if (flawed && flaw == 0) {
                    v[c] = Utils.missingValue();
                } else if (flawed && flaw == 1) {
                    v[c == 0 ? 1 : 0] = Utils.missingValue();
                }
                final double weight = 0.5 + rng.nextInt(3);
                data.add(flawed && flaw == 2 ? new SparseInstance(weight, v) : new DenseInstance(weight, v));
            }
            {
                final Targets.Known got = Targets.known(data, new PoissonFamily(), 1, false);
                assertTrue(got.inputs() == null, "no copy");
                final boolean expected = flaw > 2;
                final String what = "seed " + seed + ", n " + n + ", flaw " + flaw;
                // the class values of the rows with one, in their order (what the pipeline's summary reads instead of
                // each value array's class entry)
                final Instances train = got.train();
                assertEquals(flaw == 0 ? n - 1 : n, train.numInstances(), what);
                for (int i = 0; i < train.numInstances(); i++) {
                    assertEquals(Double.doubleToRawLongBits(train.instance(i).value(c)),
                            Double.doubleToRawLongBits(got.classValues()[i]), what + ": class value " + i);
                }
                assertEquals(expected, got.inputSummary() != null, what + ": a summary");
                if (got.inputSummary() == null) {
                    none++;
                    continue;
                }
                summaries++;
                assertTrue(got.valueArrays() != null, what + ": the value arrays handed on");
                final double[] raw = new double[n * m];
                for (int i = 0; i < n; i++) {
                    for (int a = 0, j = 0; a <= m; a++) {
                        if (a != c) {
                            raw[i * m + j++] = data.instance(i).value(a);
                        }
                    }
                }
                final double[] w = got.targets().weights();
                double total = 0;
                for (double wi : w) {
                    total += wi;
                }
                final ColumnSummary whole = ColumnSummary.of(raw, n, m, w, total, 1), s = got.inputSummary();
                for (int j = 0; j < m; j++) {
                    assertEquals(Double.doubleToRawLongBits(whole.sum(j)), Double.doubleToRawLongBits(s.sum(j)), what);
                    assertEquals(Double.doubleToRawLongBits(whole.presentWeight(j)),
                            Double.doubleToRawLongBits(s.presentWeight(j)), what);
                    assertEquals(whole.missing(j), s.missing(j), what);
                    assertEquals(whole.distinct(j), s.distinct(j), what);
                    assertEquals(Double.doubleToRawLongBits(whole.first(j)), Double.doubleToRawLongBits(s.first(j)), what);
                }
            }
        }
        assertTrue(summaries > 15 && none > 15, summaries + " summaries, " + none + " without");
    }

    /**
     * The column summary made with the copy: {@link ColumnSummary#of} on the raw inputs with the targets' weights, to
     * the bit, when the pass ran in one part, every row has a class value and no input value is missing; else none.
     *
     * @return 1 when there was a summary
     */
    private static int assertInputSummary(Targets.Known got, Instances data, int threads, String what) {
        // one part: one thread, or one row (the test's blocks are of one value at least)
        boolean expected = got.inputs() != null && (threads == 1 || data.numInstances() == 1)
                && got.rows().length == data.numInstances();
        for (int k = 0; expected && k < got.train().numInstances() * (got.train().numAttributes() - 1); k++) {
            expected = !Double.isNaN(got.inputs()[k]);
        }
        final ColumnSummary s = got.inputSummary();
        assertEquals(expected, s != null, what + ": a summary");
        if (s == null) {
            return 0;
        }
        final int n = got.train().numInstances(), m = got.train().numAttributes() - 1;
        final double[] w = got.targets().weights();
        double total = 0;
        for (double wi : w) {
            total += wi;
        }
        final ColumnSummary whole = ColumnSummary.of(got.inputs(), n, m, w, total, 1);
        for (int j = 0; j < m; j++) {
            assertEquals(Double.doubleToRawLongBits(whole.sum(j)), Double.doubleToRawLongBits(s.sum(j)), what);
            assertEquals(Double.doubleToRawLongBits(whole.presentWeight(j)), Double.doubleToRawLongBits(s.presentWeight(j)),
                    what);
            assertEquals(whole.missing(j), s.missing(j), what);
            assertEquals(whole.distinct(j), s.distinct(j), what);
            assertEquals(Double.doubleToRawLongBits(whole.first(j)), Double.doubleToRawLongBits(s.first(j)), what);
        }
        return 1;
    }

    /**
     * The raw inputs and class values of the rows with a class value, when every input is numeric and every
     * instance dense (as the instances hold them, the class left out), else none.
     */
    private static void assertRawInputs(Targets.Known got, String what) {
        final Instances train = got.train();
        boolean numericDense = true;
        for (int a = 0; a < train.numAttributes(); a++) {
            numericDense &= a == train.classIndex() || train.attribute(a).isNumeric();
        }
        for (int i = 0; i < train.numInstances(); i++) {
            numericDense &= !(train.instance(i) instanceof SparseInstance);
        }
        if (!numericDense) {
            assertEquals(null, got.inputs(), what);
            assertEquals(null, got.classValues(), what);
            return;
        }
        final int m = train.numAttributes() - 1;
        for (int i = 0; i < train.numInstances(); i++) {
            final double[] all = train.instance(i).toDoubleArray();
            for (int a = 0, c = 0; a < all.length; a++) {
                if (a != train.classIndex()) {
                    assertEquals(Double.doubleToRawLongBits(all[a]), Double.doubleToRawLongBits(got.inputs()[i * m + c++]), what);
                }
            }
            assertEquals(all[train.classIndex()], got.classValues()[i], 0.0, what);
        }
    }
}

package weka.classifiers.functions.neuralglm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Random;

import neuralglm.model.Standardizer;
import org.junit.jupiter.api.Test;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.SparseInstance;

/**
 * {@link DenseValues} gives each exact DenseInstance's values as Weka's value() reads them (and nothing for another
 * class of instance); {@link Standardizer.RowBlocks} standardises rows to the bits of the row-by-row
 * {@link Standardizer#applyRow}, over block boundaries and a part block.
 */
class DenseValuesTest {

    @Test
    void arraysHoldWhatValueReads() {
        final ArrayList<Attribute> atts = new ArrayList<>();
        for (int a = 0; a < 4; a++) {
            atts.add(new Attribute("a" + a));
        }
        final Instances data = new Instances("d", atts, 3);
        data.add(new DenseInstance(1, new double[] {1, 2, 3, 4}));
        data.add(new SparseInstance(1, new double[] {0, 5, 0, 6}));
        data.add(new DenseInstance(2, new double[] {7, Double.NaN, 8, 9}));
        final double[][] arrays = DenseValues.of(data);
        assertNotNull(arrays, "the field is readable on the class path");
        assertEquals(3, arrays.length);
        assertNull(arrays[1], "a sparse instance has no dense array");
        for (int i : new int[] {0, 2}) {
            for (int a = 0; a < 4; a++) {
                assertEquals(data.instance(i).value(a), arrays[i][a], 0.0, "instance " + i + ", attribute " + a);
            }
        }
    }

    @Test
    void rowBlocksStandardiseAsApplyRow() {
        final Random rng = new Random(3);
        final int d = 5;
        final double[] mean = new double[d], scale = new double[d];
        for (int j = 0; j < d; j++) {
            mean[j] = rng.nextGaussian() * 10;
            scale[j] = 0.1 + rng.nextDouble() * 7;
        }
        final Standardizer s = new Standardizer(mean, scale);
        for (int count : new int[] {0, 1, 63, 64, 65, 150, 3276, 3277, 7000}) {
            final double[] rows = new double[count * d + 3], expected = new double[count * d + 3];
            for (int k = 0; k < rows.length; k++) {
                rows[k] = rng.nextGaussian() * 1e3;
                expected[k] = rows[k];
            }
            for (int r = 0; r < count; r++) {
                s.applyRow(expected, r * d);
            }
            s.rowBlocks().apply(rows, count);
            for (int k = 0; k < rows.length; k++) {
                assertEquals(Double.doubleToRawLongBits(expected[k]), Double.doubleToRawLongBits(rows[k]),
                        count + " rows, entry " + k + (k >= count * d ? " (past the rows: untouched)" : ""));
            }
        }
    }

    /**
     * Rows standardised by scales of at least 1e-150 with finite fill values are known finite without a pass over
     * them (checked inputs have magnitude at most 1e150); a smaller scale or a fill value out of that range leaves the
     * pass to read them. The bound holds at its edge: the most distant checked value over the smallest scale is finite.
     */
    @Test
    void knownFiniteFollowsTheScalesAndFillValues() {
        final ArrayList<Attribute> atts = new ArrayList<>();
        atts.add(new Attribute("a"));
        atts.add(new Attribute("b"));
        atts.add(new Attribute("y"));
        final Instances data = new Instances("d", atts, 2);
        data.setClassIndex(2);
        data.add(new DenseInstance(1, new double[] {1, 2, 3}));
        data.add(new DenseInstance(1, new double[] {4, 5, 6}));
        final int[] kept = {0, 1};
        final double[] fill = {2.5, 3.5, 0};
        final InputPipeline.InstanceRows raw = new InputPipeline.InstanceRows(data, kept, fill, null,
                DenseValues.of(data), true);
        assertTrue(!raw.knownFinite(), "rows not made by standardised(): not known");
        assertTrue(raw.standardised(null).knownFinite(), "values as they are, checked: finite");
        assertTrue(raw.standardised(new Standardizer(new double[] {0, 1e150}, new double[] {1, 1e-150})).knownFinite());
        assertTrue(!raw.standardised(new Standardizer(new double[] {0, 0}, new double[] {1, 1e-151})).knownFinite());
        final InputPipeline.InstanceRows badFill = new InputPipeline.InstanceRows(data, kept,
                new double[] {Double.POSITIVE_INFINITY, 0, 0}, null, DenseValues.of(data), true);
        assertTrue(!badFill.standardised(new Standardizer(new double[] {0, 0}, new double[] {1, 1})).knownFinite());
        // the edge of the bound: a value of -1e150 from a mean of 1e150 over the smallest scale
        final double z = (-1e150 - 1e150) / InputPipeline.InstanceRows.MIN_SCALE;
        assertTrue(Double.isFinite(z) && Math.abs(z) < 2.1e300, "the bound's edge: " + z);
    }
}

package weka.classifiers.functions.neuralglm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

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
}

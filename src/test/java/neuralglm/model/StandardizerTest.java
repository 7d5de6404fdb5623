package neuralglm.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class StandardizerTest {

    @Test
    void weightedMomentsMatchHandComputation() {
        // column 0: values 1, 2, 4 with weights 1, 1, 2 -> mean 11/4, var = (1.75^2 + 0.75^2 + 2*1.25^2)/4
        final DMatrixRMaj x = new DMatrixRMaj(new double[][] {{1, 5}, {2, 5}, {4, 5}});
        final Standardizer s = Standardizer.fit(x, new double[] {1, 1, 2});
        assertEquals(2.75, s.mean()[0], 1e-15);
        assertEquals(Math.sqrt((1.75 * 1.75 + 0.75 * 0.75 + 2 * 1.25 * 1.25) / 4), s.scale()[0], 1e-15);
        assertEquals(5.0, s.mean()[1], 1e-15);
        assertEquals(1.0, s.scale()[1], 0.0, "a constant column keeps scale 1");
        s.apply(x);
        assertEquals((4 - 2.75) / s.scale()[0], x.get(2, 0), 1e-15);
        assertEquals(0.0, x.get(1, 1), 0.0);
    }

    @Test
    void indicatorColumnsCanTakeOneScaleInsteadOfTheirStandardDeviation() {
        // columns: an indicator with weighted share p = 3/5 of ones; a numeric column; a constant 1; a column of 0, 1, 2
        final DMatrixRMaj x = new DMatrixRMaj(new double[][] {{1, 0.5, 1, 0}, {0, 1.5, 1, 1}, {1, -2, 1, 2}, {0, 4, 1, 1}});
        final double[] w = {1, 2, 2, 0};
        final Standardizer sd = Standardizer.fit(x, w), half = Standardizer.fit(x, w, null, 1, 0.5);
        assertEquals(0.6, half.mean()[0], 1e-15, "the share of ones, weighted: (1 + 2) / 5");
        assertEquals(Math.sqrt(0.6 * 0.4), sd.scale()[0], 1e-15, "by default the sd sqrt(p (1 - p))");
        assertEquals(0.5, half.scale()[0], 0.0);
        for (int j = 1; j < 4; j++) {
            assertEquals(sd.mean()[j], half.mean()[j], 0.0);
            assertEquals(sd.scale()[j], half.scale()[j], 0.0, "column " + j + " is not a non-constant 0/1 column");
        }
        assertEquals(1.0, half.scale()[2], 0.0, "a constant column keeps scale 1");
        final DMatrixRMaj z = half.apply(x.copy());
        assertEquals((1 - 0.6) / 0.5, z.get(0, 0), 1e-15);
        assertEquals((0 - 0.6) / 0.5, z.get(1, 0), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> Standardizer.fit(x, w, null, 1, -1));
        assertThrows(IllegalArgumentException.class, () -> Standardizer.fit(x, w, null, 1, Double.NaN));
    }

    /**
     * Which columns are indicators is decided over every block of rows and every thread's columns, in the matrix fit
     * and in the fit from a source: a value other than 0 or 1 in the last row, or only in a later block, makes a column
     * numeric; -0 counts as 0; a constant 0/1 column keeps scale 1. Against the rule written out per column, with the
     * sd from the fit without an indicator scale.
     */
    @Test
    void indicatorColumnsAreFoundAcrossBlocksAndThreads() {
        final int n = 7000, d = 10; // 1638 rows a block of the fits: five blocks
        final Random rng = new Random(4);
        final DMatrixRMaj x = new DMatrixRMaj(n, d);
        final double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 0.5 + rng.nextDouble();
            final double bit = rng.nextInt(2);
            x.data[i * d] = bit;                                         // an indicator
            x.data[i * d + 1] = i == n - 1 ? 2 : bit;                    // 0/1 but for the last row
            x.data[i * d + 2] = bit == 0 ? -0.0 : 1;                     // an indicator with -0 for 0
            x.data[i * d + 3] = 1;                                       // constant
            x.data[i * d + 4] = i == 2000 ? 0.5 : 1 - bit;               // 0/1 but for one row of the second block
            x.data[i * d + 5] = rng.nextGaussian();                      // numeric
            x.data[i * d + 6] = i % 3 == 0 ? 1 : 0;                      // an indicator
            x.data[i * d + 7] = rng.nextInt(3);                          // 0, 1, 2
            x.data[i * d + 8] = 0;                                       // constant 0
            x.data[i * d + 9] = i < 2 ? 1 - i : rng.nextInt(2);          // an indicator
        }
        final boolean[] expected = {true, false, true, false, false, false, true, false, false, true};
        final Standardizer sd = Standardizer.fit(x, w, null, 1, 0);
        for (int threads = 1; threads <= 3; threads++) {
            final Standardizer matrix = Standardizer.fit(x, w, null, threads, 0.5);
            final Standardizer source = Standardizer.fit(neuralglm.linalg.RowSource.dense(x), w, null, 0.5);
            for (int j = 0; j < d; j++) {
                final double want = expected[j] ? 0.5 : sd.scale()[j];
                assertEquals(want, matrix.scale()[j], 0.0, threads + " threads, column " + j);
                assertEquals(want, source.scale()[j], 0.0, "from a source, column " + j);
            }
            assertArrayEquals(sd.mean(), matrix.mean(), 0.0, threads + " threads");
        }
        assertEquals(1.0, sd.scale()[3], 0.0, "a constant column has scale 1");
        assertEquals(1.0, sd.scale()[8], 0.0, "a constant column has scale 1");
    }

    @Test
    void originalUnitCoefficientsGiveTheSameEtaOnRawInputs() {
        final Random rng = new Random(3);
        final int n = 50, d = 4, k = 3;
        final DMatrixRMaj x = new DMatrixRMaj(n, d);
        for (int i = 0; i < n * d; i++) {
            x.data[i] = 10 * rng.nextGaussian() + 7 * (i % d);
        }
        final Standardizer s = Standardizer.fit(x, null);
        final DMatrixRMaj z = s.apply(x.copy());
        final DMatrixRMaj weight = new DMatrixRMaj(k, d), bias = new DMatrixRMaj(1, k);
        for (int i = 0; i < k * d; i++) {
            weight.data[i] = rng.nextGaussian();
        }
        for (int r = 0; r < k; r++) {
            bias.data[r] = rng.nextGaussian();
        }
        final DMatrixRMaj beta = s.toOriginalUnits(weight, bias);
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < k; r++) {
                double etaStd = bias.data[r], etaRaw = beta.get(r, 0);
                for (int j = 0; j < d; j++) {
                    etaStd += weight.get(r, j) * z.get(i, j);
                    etaRaw += beta.get(r, j + 1) * x.get(i, j);
                }
                assertEquals(etaStd, etaRaw, 1e-10 * (1 + Math.abs(etaStd)));
            }
        }
    }

    /**
     * A first layer converted in place to original units computes on raw x what it computed on the
     * standardised z, and converting back restores it (both checked through predict).
     */
    @Test
    void inPlaceConversionKeepsTheLayersFunctionAndRoundTrips() {
        final Random rng = new Random(3);
        final DMatrixRMaj x = new DMatrixRMaj(7, 3);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = 5 + 3 * rng.nextGaussian();
        }
        final Standardizer s = Standardizer.fit(x, null);
        final DMatrixRMaj z = s.apply(x.copy());
        final neuralglm.nn.Linear layer = new neuralglm.nn.Linear("fc1", 3, 2, rng);
        final double[] w0 = layer.weight().value().data.clone(), b0 = layer.bias().value().data.clone();
        final DMatrixRMaj onZ = layer.predict(z);
        s.convertInPlace(layer, true);
        final DMatrixRMaj onX = layer.predict(x);
        for (int i = 0; i < onZ.data.length; i++) {
            assertEquals(onZ.data[i], onX.data[i], 1e-12, "entry " + i);
        }
        s.convertInPlace(layer, false);
        for (int i = 0; i < w0.length; i++) {
            assertEquals(w0[i], layer.weight().value().data[i], 1e-14);
        }
        for (int i = 0; i < b0.length; i++) {
            assertEquals(b0[i], layer.bias().value().data[i], 1e-12);
        }
    }

    @Test
    void identityLeavesInputsAndCoefficientsAlone() {
        final Standardizer s = Standardizer.identity(2);
        final DMatrixRMaj beta = s.toOriginalUnits(new DMatrixRMaj(new double[][] {{2, 3}}), new DMatrixRMaj(new double[][] {{1}}));
        assertEquals(1.0, beta.get(0, 0));
        assertEquals(2.0, beta.get(0, 1));
        assertEquals(3.0, beta.get(0, 2));
    }

    @Test
    void refusesZeroScaleAndShapeMismatch() {
        assertThrows(IllegalArgumentException.class, () -> new Standardizer(new double[] {0}, new double[] {0}));
        final Standardizer s = Standardizer.identity(2);
        assertThrows(IllegalArgumentException.class, () -> s.apply(new DMatrixRMaj(1, 3)));
    }

    @Test
    void givenColumnSumsGiveTheSameStandardiser() {
        final Random rng = new Random(5);
        final int n = 40, d = 3;
        final DMatrixRMaj x = new DMatrixRMaj(n, d);
        final double[] w = new double[n], sums = new double[d];
        for (int i = 0; i < n; i++) {
            w[i] = rng.nextDouble() * 2;
            for (int j = 0; j < d; j++) {
                x.data[i * d + j] = 100 * j + rng.nextGaussian();
                sums[j] += w[i] * x.data[i * d + j];
            }
        }
        final Standardizer a = Standardizer.fit(x, w), b = Standardizer.fit(x, w, sums);
        for (int j = 0; j < d; j++) {
            assertEquals(a.mean()[j], b.mean()[j], 0.0);
            assertEquals(a.scale()[j], b.scale()[j], 0.0);
        }
        assertThrows(IllegalArgumentException.class, () -> Standardizer.fit(x, w, new double[d + 1]));
    }

    /**
     * On 2 and 3 threads (columns shared in the fit, rows in the application) the same bits as on one, and the
     * moments those of the two-pass formula written out here, column by column, each column's terms in row order
     * (without weights, with weights, with weights all 1; widths that are and are not multiples of 4, several blocks
     * of rows).
     */
    @Test
    void sameBitsOnAnyNumberOfThreads() {
        final Random rng = new Random(12);
        for (int[] shape : new int[][] {{9000, 20}, {70000, 3}, {3, 70000}, {7, 2}, {2500, 7}}) {
            final int n = shape[0], d = shape[1];
            final DMatrixRMaj x = new DMatrixRMaj(n, d);
            final double[] w = new double[n];
            for (int i = 0; i < n; i++) {
                w[i] = rng.nextDouble() * 2;
                for (int j = 0; j < d; j++) {
                    x.data[i * d + j] = j % 7 == 6 ? 4.0 : 50 * (j % 5) + (j % 3 + 1) * rng.nextGaussian();
                }
            }
            final double[] ones = new double[n];
            java.util.Arrays.fill(ones, 1.0);
            for (double[] weights : new double[][] {null, w, ones}) {
                double total = 0;
                for (int i = 0; weights != null && i < n; i++) {
                    total += weights[i];
                }
                final Standardizer one = Standardizer.fit(x, weights, null, 1);
                final DMatrixRMaj z1 = one.apply(x.copy(), 1);
                final double[] oneMean = one.mean(), oneScale = one.scale();
                for (int j = 0; j < d; j++) { // the two-pass formula, column j alone (the mean to the bit)
                    double m = 0, ss = 0;
                    for (int i = 0; i < n; i++) {
                        m += (weights == null ? 1.0 : weights[i]) * x.data[i * d + j];
                    }
                    m /= weights == null ? n : total;
                    for (int i = 0; i < n; i++) {
                        final double r = x.data[i * d + j] - m;
                        ss += (weights == null ? 1.0 : weights[i]) * r * r;
                    }
                    final double sd = Math.sqrt(ss / (weights == null ? n : total));
                    final int jj = j;
                    assertEquals(m, oneMean[j], 0.0, () -> n + " x " + d + ", column " + jj);
                    // the scale from block moments (ColumnMoments): the two-pass sum of squares up to rounding
                    assertEquals(sd > 0 ? sd : 1.0, oneScale[j], 1e-14 * (sd > 0 ? sd : 1.0),
                            () -> n + " x " + d + ", column " + jj);
                }
                for (int threads = 2; threads <= 3; threads++) {
                    final Standardizer s = Standardizer.fit(x, weights, null, threads);
                    assertArrayEquals(one.mean(), s.mean(), 0.0, threads + " threads");
                    assertArrayEquals(one.scale(), s.scale(), 0.0, threads + " threads");
                    final DMatrixRMaj z = one.apply(x.copy(), threads);
                    for (int k = 0; k < z.data.length; k++) {
                        if (Double.doubleToRawLongBits(z1.data[k]) != Double.doubleToRawLongBits(z.data[k])) {
                            assertEquals(z1.data[k], z.data[k], 0.0, threads + " threads, entry " + k);
                            assertEquals(Double.doubleToRawLongBits(z1.data[k]), Double.doubleToRawLongBits(z.data[k]), threads + " threads, entry " + k);
                        }
                    }
                }
            }
        }
    }

    @Test
    void applyAndApplyRowAreTheEntrywiseFormulaToTheBit() {
        final Random rng = new Random(9);
        for (int[] shape : new int[][] {{301, 7}, {5, 1500}, {1, 3}, {1000, 20}}) {
            final int n = shape[0], d = shape[1];
            final DMatrixRMaj x = new DMatrixRMaj(n, d);
            for (int i = 0; i < n * d; i++) {
                x.data[i] = 1e3 * rng.nextGaussian() + (i % d);
            }
            final Standardizer s = Standardizer.fit(x, null);
            final double[] m = s.mean(), sc = s.scale();
            final DMatrixRMaj z = s.apply(x.copy());
            // applyRow, one row at a time at an offset in a longer array (the rows a source reads)
            final double[] rows = new double[3 + n * d];
            System.arraycopy(x.data, 0, rows, 3, n * d);
            for (int i = 0; i < n; i++) {
                s.applyRow(rows, 3 + i * d);
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    final long expected = Double.doubleToLongBits((x.data[i * d + j] - m[j]) / sc[j]);
                    assertEquals(expected, Double.doubleToLongBits(z.data[i * d + j]), n + " x " + d + ": row " + i + ", column " + j);
                    assertEquals(expected, Double.doubleToLongBits(rows[3 + i * d + j]),
                            "applyRow " + n + " x " + d + ": row " + i + ", column " + j);
                }
            }
        }
    }

    /**
     * {@link Standardizer#applyChecked}: the entries of {@link Standardizer#apply} to the bit, and whether all are
     * finite, on 1 to 3 threads, with a non-finite entry (an overflow of a finite input, NaN, an infinite input) in the
     * first, a middle or the last row.
     */
    @Test
    void applyCheckedTellsWhetherEveryStandardisedEntryIsFinite() {
        final int n = 9000, d = 20;
        final double[] mean = new double[d], scale = new double[d];
        for (int j = 0; j < d; j++) {
            mean[j] = j - 3.5;
            scale[j] = j == 7 ? 1e-300 : 0.5 + j;
        }
        final Standardizer st = new Standardizer(mean, scale);
        final Random rng = new Random(4);
        final DMatrixRMaj x = new DMatrixRMaj(n, d);
        for (int k = 0; k < n * d; k++) {
            x.data[k] = k % d == 7 ? 1e-290 * rng.nextGaussian() : 10 * rng.nextGaussian();
        }
        final double[] expected = new double[n * d];   // the formula, entry by entry
        for (int k = 0; k < n * d; k++) {
            expected[k] = (x.data[k] - mean[k % d]) / scale[k % d];
        }
        for (int threads = 1; threads <= 3; threads++) {
            final DMatrixRMaj a = st.apply(x.copy(), threads), b = x.copy();
            assertEquals(true, st.applyChecked(b, threads), threads + " threads");
            for (int k = 0; k < n * d; k++) {
                assertEquals(Double.doubleToRawLongBits(expected[k]), Double.doubleToRawLongBits(a.data[k]), "apply, entry " + k);
                assertEquals(Double.doubleToRawLongBits(expected[k]), Double.doubleToRawLongBits(b.data[k]),
                        "applyChecked, entry " + k);
            }
            for (int row : new int[] {0, 4500, n - 1}) {
                for (double bad : new double[] {1e10, Double.NaN, Double.POSITIVE_INFINITY}) { // 1e10 / 1e-300 overflows
                    final DMatrixRMaj c = x.copy();
                    c.set(row, 7, bad);
                    assertEquals(false, st.applyChecked(c, threads), threads + " threads, row " + row + ", " + bad);
                }
            }
        }
    }
}

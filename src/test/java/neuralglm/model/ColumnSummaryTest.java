package neuralglm.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * {@link ColumnSummary} against the straightforward computation written out here (each column on its own, row by
 * row: the weighted sum of the present values, the total less the missing values' weights, the missing count and
 * the distinct present values by their bits, in a set), to the bit, on 1, 2 and 3 threads: columns with missing
 * values, all missing, constant, 0.0 next to -0.0, with and without weights; matrices large enough to be shared.
 */
class ColumnSummaryTest {

    @Test
    void sameAsEachColumnWrittenOutOnAnyNumberOfThreads() {
        final Random rng = new Random(11);
        for (int[] shape : new int[][] {{9000, 20}, {70000, 3}, {5, 4}, {1, 1}, {4000, 40}}) {
            final int n = shape[0], d = shape[1];
            final double[] x = new double[n * d];
            for (int j = 0; j < d; j++) {
                final int kind = j % 5;
                for (int i = 0; i < n; i++) {
                    final double v;
                    switch (kind) {
                        case 0: v = rng.nextGaussian() * 1e3 + j; break;                      // dense
                        case 1: v = rng.nextDouble() < 0.2 ? Double.NaN : rng.nextGaussian(); break; // some missing
                        case 2: v = Double.NaN; break;                                            // all missing
                        case 3: v = 2.5; break;                                                  // constant
                        default: v = i % 2 == 0 ? 0.0 : -0.0; break;                             // two zeros
                    }
                    x[i * d + j] = v;
                }
            }
            for (boolean weighted : new boolean[] {false, true}) {
                final double[] w = weighted ? new double[n] : null;
                double total = n;
                if (weighted) {
                    total = 0;
                    for (int i = 0; i < n; i++) {
                        w[i] = rng.nextDouble() * 3;
                        total += w[i];
                    }
                }
                for (int threads = 1; threads <= 3; threads++) {
                    final ColumnSummary s = ColumnSummary.of(x, n, d, w, total, threads);
                    assertEquals(d, s.columns());
                    for (int j = 0; j < d; j++) {
                        double sum = 0, present = total, first = 0;
                        int missing = 0;
                        final java.util.Set<Long> distinct = new java.util.HashSet<>();
                        for (int i = 0; i < n; i++) {
                            final double v = x[i * d + j], wi = weighted ? w[i] : 1.0;
                            if (Double.isNaN(v)) {
                                missing++;
                                present -= wi;
                            } else {
                                if (distinct.isEmpty()) {
                                    first = v;
                                }
                                sum += wi * v;
                                distinct.add(Double.doubleToRawLongBits(v));
                            }
                        }
                        final String what = n + " x " + d + ", column " + j + ", weighted " + weighted + ", " + threads + " threads";
                        assertEquals(Double.doubleToRawLongBits(sum), Double.doubleToRawLongBits(s.sum(j)), what);
                        assertEquals(Double.doubleToRawLongBits(present), Double.doubleToRawLongBits(s.presentWeight(j)), what);
                        assertEquals(missing, s.missing(j), what);
                        assertEquals(Math.min(2, distinct.size()), s.distinct(j), what);
                        assertEquals(Double.doubleToRawLongBits(first), Double.doubleToRawLongBits(s.first(j)), what);
                    }
                }
            }
        }
    }

    /**
     * Rows added block by block (blocks of 0 to 40 rows, as a caller copying them adds them) give {@link ColumnSummary#of}
     * on the whole matrix, to the bit, without missing values (columns dense, constant, two zeros; with and without
     * weights); a missing value gives no summary; rows out of order are refused.
     */
    @Test
    void rowsAddedBlockByBlockAreTheSummaryOfTheMatrix() {
        final Random rng = new Random(21);
        // shapes {n, d, every column varies}: with a constant column the scan for a second value never ends; with none it
        // ends part way down and the rows after it take the sums-only route (Rows.add)
        for (int[] shape : new int[][] {{700, 20, 0}, {3000, 3, 0}, {1, 1, 0}, {57, 9, 0}, {700, 20, 1}, {3000, 3, 1}}) {
            final int n = shape[0], d = shape[1];
            final boolean allVary = shape[2] == 1;
            final double[] x = new double[n * d], w = new double[n];
            double total = 0;
            for (int i = 0; i < n; i++) {
                w[i] = rng.nextDouble() * 3;
                total += w[i];
                for (int j = 0; j < d; j++) {
                    x[i * d + j] = j % 3 == 0 ? rng.nextGaussian() * 1e3
                            : j % 3 == 1 ? (allVary && i >= n / 3 ? 7.5 : 2.5)
                            : (i % 2 == 0 ? 0.0 : allVary ? 1.0 : -0.0);
                }
            }
            for (boolean weighted : new boolean[] {false, true}) {
                final double[] wt = weighted ? w : null;
                final double tot = weighted ? total : n;
                final ColumnSummary whole = ColumnSummary.of(x, n, d, wt, tot, 1);
                final ColumnSummary.Rows rows = new ColumnSummary.Rows(d);
                for (int r0 = 0; r0 < n; ) {
                    final int r1 = Math.min(n, r0 + rng.nextInt(41));
                    rows.add(x, r0, r1, wt);
                    r0 = r1;
                }
                final ColumnSummary s = rows.summary(tot);
                for (int j = 0; j < d; j++) {
                    final String what = n + " x " + d + ", column " + j + ", weighted " + weighted;
                    assertEquals(Double.doubleToRawLongBits(whole.sum(j)), Double.doubleToRawLongBits(s.sum(j)), what);
                    assertEquals(Double.doubleToRawLongBits(whole.presentWeight(j)),
                            Double.doubleToRawLongBits(s.presentWeight(j)), what);
                    assertEquals(0, s.missing(j), what);
                    assertEquals(whole.distinct(j), s.distinct(j), what);
                    assertEquals(Double.doubleToRawLongBits(whole.first(j)), Double.doubleToRawLongBits(s.first(j)), what);
                }
            }
        }
        final double[] x = {1, 2, Double.NaN, 4, 5, 6};
        final ColumnSummary.Rows rows = new ColumnSummary.Rows(2);
        rows.add(x, 0, 1, null);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> rows.add(x, 2, 3, null));
        rows.add(x, 1, 3, null);
        org.junit.jupiter.api.Assertions.assertNull(rows.summary(3), "a missing value: no summary");
        // a missing value after every column has two distinct values (the sums alone are made then)
        final double[] later = {1, 2, 3, Double.NaN, 5};
        final ColumnSummary.Rows late = new ColumnSummary.Rows(1);
        late.add(later, 0, 5, null);
        org.junit.jupiter.api.Assertions.assertNull(late.summary(5), "a missing value in the sums: no summary");
    }
}

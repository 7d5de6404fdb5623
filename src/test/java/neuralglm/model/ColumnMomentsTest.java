package neuralglm.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;

import neuralglm.linalg.RowSource;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * {@link ColumnMoments}: the weighted sum of squares about the mean against exact arithmetic ({@link BigDecimal}), on
 * columns where the one-pass textbook formula {@code sum w x^2 - (sum w x)^2 / W} loses every digit; the same bits
 * whichever way the rows are cut into whole blocks and whichever columns are summed together; and every reader of a
 * matrix ({@link Standardizer#fit} on the matrix, on threads, on a {@link RowSource}, and from the moments a
 * {@link ColumnSummary.Rows} found while the rows were added) the same standardiser to the bit.
 */
class ColumnMomentsTest {

    private static final MathContext EXACT = MathContext.DECIMAL128;

    /** Column j: an offset of 10^(2j) plus noise of sd 1 (the offset 1e10 in column 5), or 0/1 values in column 6. */
    private static double value(Random rng, int j) {
        return j == 6 ? rng.nextInt(2) : Math.pow(10, 2 * j) + rng.nextGaussian();
    }

    /** The weighted sum of squares about the mean of column j, in exact decimal arithmetic (34 digits). */
    private static double exactSquares(double[] x, int n, int d, double[] w, int j) {
        BigDecimal total = BigDecimal.ZERO, sum = BigDecimal.ZERO;
        for (int i = 0; i < n; i++) {
            final BigDecimal wi = new BigDecimal(w == null ? 1.0 : w[i]);
            total = total.add(wi);
            sum = sum.add(wi.multiply(new BigDecimal(x[i * d + j]), EXACT), EXACT);
        }
        final BigDecimal mean = sum.divide(total, EXACT);
        BigDecimal squares = BigDecimal.ZERO;
        for (int i = 0; i < n; i++) {
            final BigDecimal e = new BigDecimal(x[i * d + j]).subtract(mean, EXACT);
            squares = squares.add(new BigDecimal(w == null ? 1.0 : w[i]).multiply(e.multiply(e, EXACT), EXACT), EXACT);
        }
        return squares.doubleValue();
    }

    /**
     * Within 1e-12 of exact arithmetic on every column, the 1e10 offset too, where on these data a two-pass sum about
     * the rounded mean is off by 1.1e-11 (without weights) and 1.2e-10 (with) of the sum, and the textbook formula by
     * 9e4 and 1.6e5 times the sum.
     */
    @Test
    void sumsOfSquaresAreThoseOfExactArithmeticWhereTheOnePassFormulaFails() {
        final Random rng = new Random(31);
        final int n = 5000, d = 7;
        final double[] x = new double[n * d], w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = i % 11 == 0 ? 0.0 : rng.nextDouble() * 3;   // rows of weight 0 too
            for (int j = 0; j < d; j++) {
                x[i * d + j] = value(rng, j);
            }
        }
        for (double[] weights : new double[][] {null, w}) {
            final ColumnMoments moments = new ColumnMoments(d);
            moments.add(x, 0, n, weights, 0);
            assertEquals(n, moments.rows());
            for (int j = 0; j < d; j++) {
                final double exact = exactSquares(x, n, d, weights, j);
                final int jj = j;
                assertEquals(exact, moments.squares(j), 1e-12 * exact, () -> "column " + jj);
                assertEquals(j == 6, moments.indicator(j), () -> "column " + jj);
            }
            // the 1e10 column is hard (the check above can fail): the textbook one-pass formula has no correct digit,
            // and a two-pass sum about the rounded mean misses the 1e-12 above by more than ten times
            double sw = 0, swx = 0, swxx = 0;
            for (int i = 0; i < n; i++) {
                final double wi = weights == null ? 1.0 : weights[i], v = x[i * d + 5];
                sw += wi;
                swx += wi * v;
                swxx += wi * v * v;
            }
            final double mean = swx / sw;
            double twoPass = 0;
            for (int i = 0; i < n; i++) {
                final double e = x[i * d + 5] - mean;
                twoPass += (weights == null ? 1.0 : weights[i]) * e * e;
            }
            final double exact = exactSquares(x, n, d, weights, 5);
            final double onePassError = Math.abs(swxx - swx * swx / sw - exact) / exact;
            final double twoPassError = Math.abs(twoPass - exact) / exact;
            assertTrue(onePassError > 1e4, "the one-pass formula's relative error " + onePassError);
            assertTrue(twoPassError > 1e-11 && twoPassError < 1e-9, "the two-pass sum's relative error " + twoPassError);
        }
    }

    @Test
    void theSameBitsForAnyCutIntoWholeBlocksAndAnyColumnRange() {
        final Random rng = new Random(32);
        final int n = 1000, d = 7, b = ColumnMoments.BLOCK_ROWS;
        final double[] x = new double[n * d], w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = rng.nextDouble();
            for (int j = 0; j < d; j++) {
                x[i * d + j] = value(rng, j);
            }
        }
        final ColumnMoments whole = new ColumnMoments(d);
        whole.add(x, 0, n, w, 0);
        for (int[] cuts : new int[][] {{b, 2 * b, 7 * b}, {3 * b}, {b, 2 * b, 3 * b, 4 * b, 5 * b, 6 * b, 7 * b}}) {
            for (int[] columns : new int[][] {{0, d}, {2, 5}, {6, 7}}) {
                final ColumnMoments parts = new ColumnMoments(d, columns[0], columns[1]);
                int r0 = 0;
                for (int cut : cuts) {   // the rows copied a part at a time, each part from row 0 of its own array
                    parts.add(java.util.Arrays.copyOfRange(x, r0 * d, cut * d), 0, cut - r0, w, r0);
                    r0 = cut;
                }
                parts.add(x, r0, n, w, 0);
                for (int j = columns[0]; j < columns[1]; j++) {
                    assertEquals(Double.doubleToRawLongBits(whole.squares(j)), Double.doubleToRawLongBits(parts.squares(j)),
                            "column " + j);
                    assertEquals(whole.indicator(j), parts.indicator(j));
                }
            }
        }
        final ColumnMoments part = new ColumnMoments(d);
        part.add(x, 0, b + 3, w, 0);
        assertThrows(IllegalStateException.class, () -> part.add(x, b + 3, n, w, 0));
        assertThrows(IllegalArgumentException.class, () -> new ColumnMoments(d, 3, d + 1));
    }

    /** Blocks of 128 rows for narrow matrices, fewer for wide ones (a power of two: 256-row cuts stay whole blocks). */
    @Test
    void blocksAreNarrowerForWideRows() {
        assertEquals(128, ColumnMoments.blockRows(1));
        assertEquals(128, ColumnMoments.blockRows(20));
        assertEquals(128, ColumnMoments.blockRows(128));
        assertEquals(64, ColumnMoments.blockRows(129));
        assertEquals(4, ColumnMoments.blockRows(3000));
        assertEquals(1, ColumnMoments.blockRows(20000));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"3000, 7", "300, 3000"})
    void everyReaderOfAMatrixGivesTheSameStandardiserToTheBit(int n, int d) {
        final Random rng = new Random(33);
        final DMatrixRMaj x = new DMatrixRMaj(n, d);
        final double[] w = new double[n], ones = new double[n];
        java.util.Arrays.fill(ones, 1.0);
        for (int i = 0; i < n; i++) {
            w[i] = rng.nextDouble() * 2;
            for (int j = 0; j < d; j++) {
                x.data[i * d + j] = value(rng, j % 7);
            }
        }
        final int[] columns = new int[d];
        for (int j = 0; j < d; j++) {
            columns[j] = j;
        }
        for (double[] weights : new double[][] {null, w, ones}) {
            for (double binaryScale : new double[] {0, 0.5}) {
                final Standardizer matrix = Standardizer.fit(x, weights, null, 1, binaryScale);
                final Standardizer threads = Standardizer.fit(x, weights, null, 3, binaryScale);
                final Standardizer source = Standardizer.fit(RowSource.dense(x), weights, null, binaryScale);
                // the rows added as Targets.known adds them: 256 at a time, then the rest
                final ColumnSummary.Rows rows = new ColumnSummary.Rows(d);
                for (int r0 = 0; r0 < n; r0 += 256) {
                    rows.add(x.data, r0, Math.min(n, r0 + 256), weights);
                }
                double total = 0;
                for (int i = 0; i < n; i++) {
                    total += weights == null ? 1.0 : weights[i];
                }
                final ColumnSummary summary = rows.summary(total);
                assertNotNull(summary.moments());
                final double[] sums = new double[d];
                for (int j = 0; j < d; j++) {
                    sums[j] = summary.sum(j);
                }
                final Standardizer given = Standardizer.of(n, weights, sums, summary.moments(), columns, binaryScale);
                for (Standardizer s : new Standardizer[] {threads, source, given}) {
                    for (int j = 0; j < d; j++) {
                        assertEquals(Double.doubleToRawLongBits(matrix.mean()[j]), Double.doubleToRawLongBits(s.mean()[j]));
                        assertEquals(Double.doubleToRawLongBits(matrix.scale()[j]), Double.doubleToRawLongBits(s.scale()[j]));
                    }
                }
                assertEquals(binaryScale > 0 ? binaryScale : Math.sqrt(0.25), matrix.scale()[6], 0.06);
                for (int j = 0; j < Math.min(d, 6); j++) {   // the sums of squares of exact arithmetic, made scales
                    final double sd = Math.sqrt(exactSquares(x.data, n, d, weights, j) / total);
                    assertEquals(sd, matrix.scale()[j], 1e-12 * sd, "column " + j);
                }
            }
        }
        // rows added in parts that are not whole blocks: the summary still, without moments
        final ColumnSummary.Rows ragged = new ColumnSummary.Rows(d);
        ragged.add(x.data, 0, 101, null);   // 101 rows: not whole blocks of any power of two above 1
        ragged.add(x.data, 101, n, null);
        assertNull(ragged.summary(n).moments());
        assertFalse(ragged.summary(n).sum(0) == 0);
        assertNull(ColumnSummary.of(x.data, n, d, null, n, 1).moments());
    }
}

package neuralglm.family;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;

import neuralglm.linalg.RowBlocks;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * {@link Family#weightedColumnMeans}, {@code m_j = sum_i w_i y_ij / sum_i w_i}, over fewer rows than a block of its pass
 * and over several blocks ({@link RowBlocks}): the sums in row order, as a plain loop adds them (the same bits), and
 * within a few ulps of exact arithmetic.
 */
class WeightedColumnMeansTest {

    @Test
    void rowOrderSumsOverOneOrSeveralBlocks() {
        final Random rng = new Random(5);
        for (int n : new int[] {1, 300, 3 * RowBlocks.ROWS + 17}) {
            final int k = 3;
            final DMatrixRMaj y = new DMatrixRMaj(n, k);
            final double[] w = new double[n];
            for (int i = 0; i < n; i++) {
                w[i] = i % 7 == 0 ? 0.0 : 0.1 + rng.nextDouble();
                for (int j = 0; j < k; j++) {
                    y.data[i * k + j] = rng.nextGaussian() * (j + 1) + j;
                }
            }
            w[0] = 1.0;
            for (double[] weights : new double[][] {w, null}) {
                final double[] m = Family.weightedColumnMeans(y, weights);
                double total = 0.0;
                for (int i = 0; i < n; i++) {
                    total += weights == null ? 1.0 : weights[i];
                }
                for (int j = 0; j < k; j++) {
                    double s = 0.0;
                    BigDecimal exact = BigDecimal.ZERO, exactTotal = BigDecimal.ZERO;
                    for (int i = 0; i < n; i++) {
                        final double wi = weights == null ? 1.0 : weights[i];
                        s += wi * y.data[i * k + j];
                        exact = exact.add(new BigDecimal(wi).multiply(new BigDecimal(y.data[i * k + j])));
                        exactTotal = exactTotal.add(new BigDecimal(wi));
                    }
                    final String what = n + " rows, column " + j + (weights == null ? ", no weights" : "");
                    assertEquals(Double.doubleToRawLongBits(s / total), Double.doubleToRawLongBits(m[j]), what);
                    final double reference = exact.divide(exactTotal, MathContext.DECIMAL128).doubleValue();
                    assertEquals(reference, m[j], 1e-12 * Math.max(1.0, Math.abs(reference)), what);
                }
            }
        }
    }
}

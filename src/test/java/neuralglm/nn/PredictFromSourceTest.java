package neuralglm.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Random;

import neuralglm.linalg.RowSource;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Sequential#predict(RowSource)} and {@link Sequential#predict(DMatrixRMaj)} over more rows than one block: every
 * row's outputs to the bit those of that row predicted alone (rows never interact), in float64 and float32, for row
 * counts below, at and across the block boundaries; an empty source gives no rows. {@link Sequential#predict(DMatrixRMaj,
 * Sequential.PredictBuffers)} block after block (float64 and float32) (as {@code distributionsForInstances}) gives the bits of {@link
 * Sequential#predict(DMatrixRMaj)} from the same buffers every block.
 */
class PredictFromSourceTest {

    @ParameterizedTest
    @CsvSource({"float64, 0", "float64, 5", "float64, 2048", "float64, 4113", "float32, 3000", "float32, 2049"})
    void blockedPredictionsAreEachRowsOwn(String precision, int n) {
        final Random rng = new Random(31L + n);
        final Sequential net = Sequential.mlp(7, new int[] {12, 9}, () -> Activation.byName("ReLU"), 3, rng)
                .setPrecision(Precision.byName(precision));
        final DMatrixRMaj x = new DMatrixRMaj(n, 7);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = rng.nextGaussian();
        }
        final DMatrixRMaj fromSource = net.predict(RowSource.dense(x)), fromMatrix = net.predict(x);
        assertEquals(n, fromSource.numRows);
        assertEquals(n, fromMatrix.numRows);
        final DMatrixRMaj row = new DMatrixRMaj(1, 7);
        for (int i = 0; i < n; i++) {
            System.arraycopy(x.data, i * 7, row.data, 0, 7);
            final DMatrixRMaj alone = net.predict(row);
            for (int j = 0; j < 3; j++) {
                final long expected = Double.doubleToLongBits(alone.get(0, j));
                assertEquals(expected, Double.doubleToLongBits(fromSource.get(i, j)), "source: row " + i + ", output " + j);
                assertEquals(expected, Double.doubleToLongBits(fromMatrix.get(i, j)), "matrix: row " + i + ", output " + j);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"ReLU, 1, float64", "Tanh, 2, float64", "ReLU, 1, float32", "Tanh, 3, float32"})
    void blocksIntoTheCallersBuffersGiveTheSameBits(String activation, int k, String precision) {
        final Random rng = new Random(43L + k);
        final Sequential net = Sequential.mlp(5, new int[] {64, 64}, () -> Activation.byName(activation), k, rng)
                .setPrecision(Precision.byName(precision));
        final Sequential.PredictBuffers buffers = net.predictBuffers();
        DMatrixRMaj first = null;
        for (int block = 0; block < 4; block++) {
            final int n = block == 3 ? 17 : 300;   // a shorter last block, as the rest of a data set
            final DMatrixRMaj x = new DMatrixRMaj(n, 5);
            for (int i = 0; i < x.data.length; i++) {
                x.data[i] = rng.nextGaussian() * 2;
            }
            final DMatrixRMaj expected = net.predict(x);
            final DMatrixRMaj eta = net.predict(x, buffers);
            if (first == null) {
                first = eta;
            }
            assertSame(first, eta, "block " + block + ": the same buffer");
            assertEquals(n, eta.numRows);
            assertEquals(k, eta.numCols);
            for (int i = 0; i < n * k; i++) {
                assertEquals(Double.doubleToLongBits(expected.data[i]), Double.doubleToLongBits(eta.data[i]),
                        activation + ", " + precision + ", block " + block + ", entry " + i);
            }
        }
    }
}

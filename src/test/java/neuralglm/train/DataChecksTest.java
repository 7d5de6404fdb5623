package neuralglm.train;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import neuralglm.family.DomainException;
import neuralglm.family.Family;
import neuralglm.family.GaussianFamily;
import neuralglm.family.PoissonFamily;
import neuralglm.nn.Activation;
import neuralglm.nn.Sequential;
import neuralglm.optim.SgdOptimizer;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Test group 5, the data guard: non-finite inputs, invalid weights and mismatched shapes are refused
 * with messages naming row, column and value, and {@link Trainer#fit} refuses them before training.
 */
class DataChecksTest {

    static final Family GAUSSIAN = new GaussianFamily();

    static DMatrixRMaj x(int n, int d) {
        final DMatrixRMaj x = new DMatrixRMaj(n, d);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = 0.1 * i - 0.7;
        }
        return x;
    }

    static DMatrixRMaj y(int n) {
        final DMatrixRMaj y = new DMatrixRMaj(n, 1);
        for (int i = 0; i < n; i++) {
            y.data[i] = i % 3;
        }
        return y;
    }

    static String fitMessage(Family f, DMatrixRMaj x, DMatrixRMaj y, double[] w) {
        final Sequential net = Sequential.mlp(x.numCols, new int[] {3}, Activation.Tanh::new, y.numCols, new Random(1));
        final double before = net.parameter("fc1.weight").value().get(0, 0);
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(5).fit(net, f, new SgdOptimizer(0.1), x, y, w));
        assertEquals(before, net.parameter("fc1.weight").value().get(0, 0), "the network changed before the data were refused");
        return e.getMessage();
    }

    /** Shared among threads in blocks of rows: the first bad entry, by row and column, is the one named. */
    @Test
    void onThreadsTheFirstBadInputIsNamed() {
        final int n = 9000, d = 40; // 360,000 entries: 2 or 3 blocks
        for (int threads = 1; threads <= 3; threads++) {
            final DMatrixRMaj x = x(n, d);
            final int t = threads;
            assertDoesNotThrow(() -> DataChecks.check(GAUSSIAN, x, y(n), null, t));
            x.set(8999, 39, Double.NaN);   // the last block
            assertEquals("Input value NaN at row 8999, column 39 is not finite; inputs must be finite numbers",
                    assertThrows(IllegalArgumentException.class, () -> DataChecks.check(GAUSSIAN, x, y(n), null, t)).getMessage());
            x.set(5000, 3, Double.POSITIVE_INFINITY);
            x.set(4999, 7, Double.NEGATIVE_INFINITY); // the block before (on 2 threads, the first)
            assertEquals("Input value -Infinity at row 4999, column 7 is not finite; inputs must be finite numbers",
                    assertThrows(IllegalArgumentException.class, () -> DataChecks.check(GAUSSIAN, x, y(n), null, t)).getMessage());
            x.set(2, 1, Double.NaN); // the first block
            assertEquals("Input value NaN at row 2, column 1 is not finite; inputs must be finite numbers",
                    assertThrows(IllegalArgumentException.class, () -> DataChecks.check(GAUSSIAN, x, y(n), null, t)).getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void nonFiniteInputNamesRowAndColumn(double bad) {
        final DMatrixRMaj x = x(6, 3);
        x.set(4, 2, bad);
        final String expected = "Input value " + bad + " at row 4, column 2 is not finite; inputs must be finite numbers";
        assertEquals(expected, assertThrows(IllegalArgumentException.class, () -> DataChecks.check(GAUSSIAN, x, y(6), null)).getMessage());
        assertEquals(expected, fitMessage(GAUSSIAN, x, y(6), null));
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1.0, -1e-12, Double.NaN, Double.POSITIVE_INFINITY})
    void invalidWeightNamesRowAndValue(double bad) {
        final double[] w = {1, 2, 1, 1, 1, 1};
        w[3] = bad;
        final String expected = "Instance weight " + bad + " at row 3 is invalid; weights must be finite and >= 0";
        assertEquals(expected, assertThrows(IllegalArgumentException.class, () -> DataChecks.check(GAUSSIAN, x(6, 2), y(6), w)).getMessage());
        assertEquals(expected, fitMessage(GAUSSIAN, x(6, 2), y(6), w));
    }

    @Test
    void zeroTotalWeightIsRefused() {
        final double[] w = new double[6];
        assertEquals("The instance weights sum to 0.0; at least one must be > 0", fitMessage(GAUSSIAN, x(6, 2), y(6), w));
        w[5] = 1e-300;
        assertDoesNotThrow(() -> DataChecks.check(GAUSSIAN, x(6, 2), y(6), w));
    }

    @Test
    void rowCountMismatchesAreNamed() {
        assertEquals("Inputs have 6 rows but targets have 5", fitMessage(GAUSSIAN, x(6, 2), y(5), null));
        assertEquals("Inputs have 6 rows but 7 instance weights were given", fitMessage(GAUSSIAN, x(6, 2), y(6), new double[7]));
        assertEquals("No training rows: the data set is empty", fitMessage(GAUSSIAN, x(0, 2), y(0), null));
    }

    @Test
    void badTargetIsRefusedByFitWithTheFamilysMessage() {
        final DMatrixRMaj y = y(6);
        y.set(2, 0, -3);
        final String m = fitMessage(new PoissonFamily(), x(6, 2), y, null);
        assertEquals("Poisson family: target value -3.0 at row 2 is outside its domain y >= 0 (a count)", m);
        assertThrows(DomainException.class, () -> DataChecks.check(new PoissonFamily(), x(6, 2), y, null));
    }

    /**
     * Inputs the caller found finite: {@link Trainer#start} with {@code inputsFinite} leaves out the pass over them
     * (a NaN the caller vouched for goes through), and still checks the weights, the targets and the shapes.
     */
    @Test
    void inputsKnownFiniteAreNotReadAgainButTheRestIsChecked() {
        final DMatrixRMaj x = x(6, 2);
        x.set(1, 1, Double.NaN);
        final Sequential net = Sequential.mlp(2, new int[] {3}, Activation.Tanh::new, 1, new Random(1));
        final Trainer trainer = new Trainer(1);
        assertEquals("Input value NaN at row 1, column 1 is not finite; inputs must be finite numbers",
                assertThrows(IllegalArgumentException.class,
                        () -> trainer.start(net, GAUSSIAN, new SgdOptimizer(0.1), x, false, y(6), null)).getMessage());
        assertDoesNotThrow(() -> trainer.start(net, GAUSSIAN, new SgdOptimizer(0.1), x, true, y(6), null).close());
        final double[] w = {1, 1, -1, 1, 1, 1};
        assertEquals("Instance weight -1.0 at row 2 is invalid; weights must be finite and >= 0",
                assertThrows(IllegalArgumentException.class,
                        () -> trainer.start(net, GAUSSIAN, new SgdOptimizer(0.1), x(6, 2), true, y(6), w)).getMessage());
        final DMatrixRMaj y = y(6);
        y.set(2, 0, -3);
        assertThrows(DomainException.class,
                () -> trainer.start(net, new PoissonFamily(), new SgdOptimizer(0.1), x(6, 2), true, y, null));
        assertEquals("Inputs have 6 rows but targets have 5", assertThrows(IllegalArgumentException.class,
                () -> trainer.start(net, GAUSSIAN, new SgdOptimizer(0.1), x(6, 2), true, y(5), null)).getMessage());
    }

    /**
     * A source that knows its values are finite is not read; one that does not know is, and its first non-finite value
     * is named as the matrix's would be.
     */
    @Test
    void aSourceKnownFiniteIsNotRead() {
        final DMatrixRMaj x = x(40, 3);
        x.set(17, 2, Double.POSITIVE_INFINITY);
        final neuralglm.linalg.RowSource dense = neuralglm.linalg.RowSource.dense(x);
        final int[] reads = new int[1];
        final neuralglm.linalg.RowSource counted = new neuralglm.linalg.RowSource() {
            @Override
            public int numRows() {
                return dense.numRows();
            }

            @Override
            public int numCols() {
                return dense.numCols();
            }

            @Override
            public void gather(int[] index, int from, int count, double[] out) {
                reads[0]++;
                dense.gather(index, from, count, out);
            }

            @Override
            public void range(int first, int count, double[] out) {
                reads[0]++;
                dense.range(first, count, out);
            }

            @Override
            public boolean knownFinite() {
                return true;
            }
        };
        assertDoesNotThrow(() -> DataChecks.check(GAUSSIAN, counted, y(40), null));
        assertEquals(0, reads[0], "a source known finite is not read");
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DataChecks.check(GAUSSIAN, dense, y(40), null));
        assertEquals(assertThrows(IllegalArgumentException.class, () -> DataChecks.check(GAUSSIAN, x, y(40), null))
                .getMessage(), e.getMessage());
    }
}

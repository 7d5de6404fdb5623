package neuralglm.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import neuralglm.family.PoissonFamily;
import neuralglm.linalg.RowSource;
import neuralglm.model.Standardizer;
import neuralglm.nn.Activation;
import neuralglm.nn.Parameters;
import neuralglm.nn.Sequential;
import neuralglm.optim.AdamOptimizer;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Training on inputs read from a {@link RowSource} (each mini-batch gathered from it, the final pass in blocks) gives
 * the same parameters, final loss and outputs to the bit as training on the matrix of its rows; the final loss is the
 * weighted mean Poisson NLL {@code sum w (exp(eta) - y eta) / sum w} of the trained network's predictions, written out
 * here. A source that is not a plain matrix (its rows made on demand) is used, so nothing can read the matrix behind
 * it; on one thread and on two, each reading its slice of a batch. Its standardiser equals the matrix's; a non-finite
 * input is reported by row and column; the modes a source cannot serve (full batches, early stopping) are refused.
 */
class RowSourceTrainingTest {

    /** Rows made on demand from a seed per row, as a face's data read and transformed at each call. */
    private static class MadeRows implements RowSource {
        final int n, d;
        /** Calls (threads may add at once: a lower bound then). */
        volatile int reads;

        MadeRows(int n, int d) {
            this.n = n;
            this.d = d;
        }

        void row(int i, double[] out, int offset) {
            final Random r = new Random(1000 + i);
            for (int j = 0; j < d; j++) {
                out[offset + j] = j == d - 1 ? r.nextInt(2) : (r.nextGaussian() * 3 + j) / 1.7;
            }
        }

        @Override
        public int numRows() {
            return n;
        }

        @Override
        public int numCols() {
            return d;
        }

        @Override
        public void gather(int[] index, int from, int count, double[] out) {
            reads++;
            for (int r = 0; r < count; r++) {
                row(index[from + r], out, r * d);
            }
        }

        @Override
        public void range(int first, int count, double[] out) {
            reads++;
            for (int r = 0; r < count; r++) {
                row(first + r, out, r * d);
            }
        }

        DMatrixRMaj matrix() {
            final DMatrixRMaj x = new DMatrixRMaj(n, d);
            range(0, n, x.data);
            return x;
        }
    }

    @Test
    void trainingOnASourceEqualsTrainingOnItsMatrixToTheBit() {
        final int n = 5_003, d = 4;
        final MadeRows rows = new MadeRows(n, d);
        final DMatrixRMaj x = rows.matrix(), y = new DMatrixRMaj(n, 1);
        final Random rng = new Random(9);
        final double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            y.set(i, 0, rng.nextInt(6));
            w[i] = 0.25 + rng.nextDouble();
        }
        for (int threads : new int[] {1, 2}) {
            for (double[] weights : new double[][] {w, null}) {
                final Sequential a = Sequential.mlp(d, new int[] {7, 5}, Activation.ReLU::new, 1, new Random(3));
                final Sequential b = a.copy();
                final Trainer trainer = new Trainer(3).withBatchSize(64).withSeed(11).withThreads(threads);
                final TrainingResult dense;
                final TrainingResult source;
                final DMatrixRMaj denseOut;
                final DMatrixRMaj sourceOut;
                try (TrainingSession s = trainer.start(a, new PoissonFamily(), new AdamOptimizer(0.01), x, y, weights)) {
                    while (s.runEpoch()) {
                        // epochs
                    }
                    dense = s.finish();
                    denseOut = s.finalOutputs();
                }
                final int before = rows.reads;
                try (TrainingSession s = trainer.start(b, new PoissonFamily(), new AdamOptimizer(0.01), rows, y, weights)) {
                    while (s.runEpoch()) {
                        // epochs
                    }
                    source = s.finish();
                    sourceOut = s.finalOutputs();
                }
                assertTrue(rows.reads - before > 3 * (n / 64), "the batches were read from the source");
                assertArrayEquals(Parameters.flatten(a.parameters()), Parameters.flatten(b.parameters()), 0.0, "the parameters");
                assertArrayEquals(dense.lossTrace(), source.lossTrace(), 0.0, "the loss trace");
                assertEquals(Double.doubleToLongBits(dense.finalLoss()), Double.doubleToLongBits(source.finalLoss()), "the final loss");
                assertArrayEquals(denseOut.data, sourceOut.data, 0.0, "the final outputs");
                final DMatrixRMaj eta = b.predict(x);
                assertArrayEquals(eta.data, sourceOut.data, 0.0, "the final outputs are the network's predictions");
                double sum = 0, total = 0;
                for (int i = 0; i < n; i++) {
                    final double wi = weights == null ? 1.0 : weights[i];
                    sum += wi * (Math.exp(eta.get(i, 0)) - y.get(i, 0) * eta.get(i, 0));
                    total += wi;
                }
                assertEquals(sum / total, source.finalLoss(), 1e-12 * Math.abs(sum / total), "the final loss is the mean NLL");
            }
        }
    }

    @Test
    void standardiserFittedOnASourceEqualsTheMatrixOne() {
        // 10,001 rows of 5: about three of the source fit's blocks of rows (Standardizer.SOURCE_BLOCK entries), so the
        // weights' offset carried from block to block is checked
        final MadeRows rows = new MadeRows(10_001, 5);
        final DMatrixRMaj x = rows.matrix();
        final double[] w = new double[rows.n];
        final Random rng = new Random(5);
        double[] sums = new double[rows.d];
        for (int i = 0; i < rows.n; i++) {
            w[i] = rng.nextDouble() * 2;
            for (int j = 0; j < rows.d; j++) {
                sums[j] += w[i] * x.get(i, j);
            }
        }
        for (double scale : new double[] {0, 0.5}) {
            for (double[] weights : new double[][] {w, null}) {
                for (double[] given : new double[][] {null, weights == null ? null : sums}) {
                    final Standardizer m = Standardizer.fit(x, weights, given, 1, scale);
                    final Standardizer s = Standardizer.fit(rows, weights, given, scale);
                    assertArrayEquals(m.mean(), s.mean(), 0.0, "means");
                    assertArrayEquals(m.scale(), s.scale(), 0.0, "scales");
                }
            }
        }
        assertEquals(0.5, Standardizer.fit(rows, null, null, 0.5).scale()[rows.d - 1], "the 0/1 column's scale");
    }

    @Test
    void nonFiniteInputsAndUnservedModesAreRefused() {
        final MadeRows good = new MadeRows(200, 3);
        final RowSource bad = new MadeRows(200, 3) {
            @Override
            void row(int i, double[] out, int offset) {
                super.row(i, out, offset);
                if (i == 137) {
                    out[offset + 1] = Double.NaN;
                }
            }
        };
        final DMatrixRMaj y = new DMatrixRMaj(200, 1);
        final Sequential net = Sequential.mlp(3, new int[] {4}, Activation.ReLU::new, 1, new Random(1));
        final Exception e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(1).withBatchSize(16).start(net, new PoissonFamily(), new AdamOptimizer(0.01), bad, y, null));
        assertTrue(e.getMessage().contains("row 137, column 1"), e.getMessage());
        for (Trainer t : new Trainer[] {new Trainer(1), new Trainer(1).withBatchSize(200),
            new Trainer(1).withBatchSize(16).withValidation(0.2, 3)}) {
            assertThrows(IllegalStateException.class, () -> t.start(net, new PoissonFamily(), new AdamOptimizer(0.01), good, y, null));
        }
    }
}

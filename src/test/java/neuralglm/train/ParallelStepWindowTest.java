package neuralglm.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import neuralglm.family.PoissonFamily;
import neuralglm.nn.Activation;
import neuralglm.nn.Parameter;
import neuralglm.nn.Precision;
import neuralglm.nn.Sequential;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A windowed {@link ParallelStep} (each slice copies its own rows of the batch from the data, by the
 * permutation) gives, to the bit, the step on the batch copied first (the test copies it, as mini-batch
 * training did): the same loss, gradients and outputs, batch after batch, with weights (some 0), a last
 * batch shorter than the others, and the weights changed between steps as an optimiser changes them (the
 * workers' networks read the caller's weights in place); and, up to rounding, the one-thread step. With
 * workers that never start (a machine too busy to schedule them), the caller runs their slices itself, with
 * the same numbers.
 */
class ParallelStepWindowTest {

    @ParameterizedTest
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a caller waiting for workers that never start hangs
    @CsvSource({"2, 5, false", "3, 5, false", "2, 40, false", "2, 64, false", "2, 64, true", "3, 5, true", "4, 40, false",
        "4, 5, true"})
    void sameStepAsOnTheCopiedBatch(int threads, int hidden, boolean callerAlone) {
        final Random rng = new Random(threads * 100 + hidden);
        final int n = 1000, d = 5, batch = 256;
        final DMatrixRMaj x = new DMatrixRMaj(n, d), y = new DMatrixRMaj(n, 1);
        final double[] w = new double[n];
        countData(rng, x, y, w, 5, 13);
        final int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            final int j = rng.nextInt(i + 1), t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        final Sequential a = Sequential.mlp(d, new int[] {hidden, hidden}, Activation.Tanh::new, 1, new Random(3));
        final Sequential b = a.copy(), c = a.copy();
        final DMatrixRMaj xb = new DMatrixRMaj(batch, d), yb = new DMatrixRMaj(batch, 1);
        final double[] wb = new double[batch], wg = new double[batch];
        final PoissonFamily family = new PoissonFamily();
        final ParallelStep copied = new ParallelStep(a, family, xb, yb, wb, threads, Precision.FLOAT64);
        final ParallelStep windowed = new ParallelStep(b, family, x, y, w, threads, Precision.FLOAT64, !callerAlone);
        final Trainer.Step single = new Trainer.Step(c, family, xb, yb, wb, Precision.FLOAT64); // one thread: equal up to rounding
        try {
            for (int epoch = 0; epoch < 2; epoch++) {
                for (int start = 0; start < n; start += batch) {
                    final int rows = Math.min(batch, n - start);
                    copyBatch(x, y, w, perm, start, rows, xb, yb, wb);
                    System.arraycopy(wb, 0, wg, 0, rows);
                    windowed.window(perm, start, rows, wg);
                    final double la = copied.evaluate(), lb = windowed.evaluate(), lc = single.evaluate();
                    final String what = "epoch " + epoch + ", batch at " + start;
                    assertEquals(Double.doubleToLongBits(la), Double.doubleToLongBits(lb), what + ": loss");
                    assertEquals(lc, lb, 1e-12 * Math.abs(lc), what + ": loss against one thread");
                    final List<Parameter> pa = a.parameters(), pb = b.parameters(), pc = c.parameters();
                    for (int p = 0; p < pa.size(); p++) {
                        final double[] ga = pa.get(p).grad().data, gb = pb.get(p).grad().data;
                        for (int k = 0; k < pa.get(p).size(); k++) {
                            assertEquals(Double.doubleToLongBits(ga[k]), Double.doubleToLongBits(gb[k]),
                                    what + ": gradient of " + pa.get(p).name() + "[" + k + "]");
                            assertEquals(pc.get(p).grad().data[k], gb[k], 1e-12, what + ": gradient against one thread");
                        }
                    }
                    assertEquals(rows, windowed.eta().numRows, what + ": outputs");
                    for (int k = 0; k < rows; k++) {
                        assertEquals(copied.eta().data[k], windowed.eta().data[k], 0.0, what + ": output " + k);
                    }
                    // a gradient step, the same on both networks
                    for (int p = 0; p < pa.size(); p++) {
                        final double[] va = pa.get(p).value().data, vb = pb.get(p).value().data, vc = pc.get(p).value().data;
                        final double[] g = pa.get(p).grad().data;
                        for (int k = 0; k < pa.get(p).size(); k++) {
                            va[k] -= 0.05 * g[k];
                            vb[k] -= 0.05 * g[k];
                            vc[k] -= 0.05 * g[k];
                        }
                    }
                }
            }
        } finally {
            copied.close();
            windowed.close();
        }
    }

    /**
     * The outputs of a step whose first slice has no weight (its rows are not evaluated): the other slices' rows in
     * their places (as the network predicts them), the first slice's NaN, so that a divergence message names the row
     * whose output left the link's domain (they had moved up over the skipped slice, and the last rows stayed 0).
     */
    @ParameterizedTest
    @CsvSource({"2, 0", "3, 0", "3, 1"})
    void outputsOfASliceWithNoWeightAreNaNInTheirPlace(int threads, int idle) {
        final int n = 90, d = 3;
        final DMatrixRMaj x = new DMatrixRMaj(n, d), y = new DMatrixRMaj(n, 1);
        final double[] w = new double[n];
        countData(new Random(threads), x, y, w, 4, 1000);
        final int from = n * idle / threads, to = n * (idle + 1) / threads;
        java.util.Arrays.fill(w, from, to, 0.0);
        final Sequential net = Sequential.mlp(d, new int[] {5}, Activation.Tanh::new, 1, new Random(2));
        final DMatrixRMaj predicted = net.copy().predict(x);
        final ParallelStep step = new ParallelStep(net, new PoissonFamily(), x, y, w, threads, Precision.FLOAT64);
        try {
            step.evaluate();
            final DMatrixRMaj eta = step.eta();
            assertEquals(n, eta.numRows);
            for (int i = 0; i < n; i++) {
                if (i >= from && i < to) {
                    assertTrue(Double.isNaN(eta.data[i]), "row " + i + " of the slice with no weight");
                } else {
                    assertEquals(predicted.data[i], eta.data[i], 1e-12 * Math.abs(predicted.data[i]), "row " + i);
                }
            }
        } finally {
            step.close();
        }
    }

    /**
     * Fills x (n x d) with standard normal inputs, y with counts drawn uniformly from 0 .. classes - 1, and w with
     * weights in [0.5, 1.5), 0 on every zeroEvery-th row.
     */
    static void countData(Random rng, DMatrixRMaj x, DMatrixRMaj y, double[] w, int classes, int zeroEvery) {
        final int n = x.numRows, d = x.numCols;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x.data[i * d + j] = rng.nextGaussian();
            }
            y.data[i] = rng.nextInt(classes);
            w[i] = i % zeroEvery == 0 ? 0.0 : 0.5 + rng.nextDouble();
        }
    }

    /** Copies rows perm[start .. start + rows - 1] of x, y and w into the batch buffers (reshaped to rows). */
    static void copyBatch(DMatrixRMaj x, DMatrixRMaj y, double[] w, int[] perm, int start, int rows,
                          DMatrixRMaj xb, DMatrixRMaj yb, double[] wb) {
        final int d = x.numCols;
        xb.reshape(rows, d, false);
        yb.reshape(rows, 1, false);
        for (int r = 0; r < rows; r++) {
            System.arraycopy(x.data, perm[start + r] * d, xb.data, r * d, d);
            yb.data[r] = y.data[perm[start + r]];
            wb[r] = w[perm[start + r]];
        }
    }
}

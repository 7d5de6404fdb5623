package neuralglm.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import neuralglm.family.PoissonFamily;
import neuralglm.nn.Activation;
import neuralglm.nn.Precision;
import neuralglm.nn.Sequential;
import neuralglm.optim.SgdOptimizer;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * The final loss of a fit on more rows than one evaluation chunk equals the weighted mean Poisson NLL
 * {@code sum w (exp(eta) - y eta) / sum w} written out here from the stateless predictions; shared among
 * 2 or 3 threads, the pass gives the same loss and outputs to the bit as on one. In float32 the same: the session
 * leaves the network predicting in float32, and its final outputs and loss are those of its own (float) predictions.
 */
class FinalLossChunksTest {

    @Test
    void finalLossOverChunksIsTheWeightedMeanNll() {
        check(Precision.FLOAT64);
    }

    @Test
    void float32FinalLossIsThatOfTheFloatPredictions() {
        check(Precision.FLOAT32);
    }

    private static void check(Precision precision) {
        final int n = 9_001, d = 3;
        final Random rng = new Random(4);
        final DMatrixRMaj x = new DMatrixRMaj(n, d), y = new DMatrixRMaj(n, 1);
        final double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x.set(i, j, rng.nextGaussian());
            }
            y.set(i, 0, rng.nextInt(5));
            w[i] = i >= 4096 && i < 8192 ? 0.0 : 0.5 + rng.nextDouble(); // one whole chunk weighs nothing
        }
        final Sequential net = Sequential.mlp(d, new int[] {6}, Activation.ReLU::new, 1, new Random(2));
        final TrainingSession session = new Trainer(2).withBatchSize(500).withPrecision(precision)
                .start(net, new PoissonFamily(), new SgdOptimizer(0.01), x, y, w);
        while (session.runEpoch()) {
            // to the end
        }
        final TrainingResult r = session.finish();
        assertEquals(precision, net.precision(), "the network predicts in the precision it was trained in");
        final DMatrixRMaj eta = net.predict(x);
        assertArrayEquals(eta.data, session.finalOutputs().data, 0.0, "the session's final outputs are the predictions");
        if (precision == Precision.FLOAT32) {
            final DMatrixRMaj dbl = net.copy().setPrecision(Precision.FLOAT64).predict(x);
            double differ = 0;
            for (int i = 0; i < n; i++) {
                assertEquals(dbl.data[i], eta.data[i], 1e-5 * (1 + Math.abs(dbl.data[i])));
                differ = Math.max(differ, Math.abs(dbl.data[i] - eta.data[i]));
            }
            assertTrue(differ > 0, "the predictions are float's");
        }
        double sum = 0, total = 0;
        for (int i = 0; i < n; i++) {
            sum += w[i] * (Math.exp(eta.get(i, 0)) - y.get(i, 0) * eta.get(i, 0));
            total += w[i];
        }
        assertEquals(sum / total, r.finalLoss(), 1e-12 * Math.abs(sum / total));

        for (double[] weights : new double[][] {w, null}) {
            final DMatrixRMaj one = new DMatrixRMaj(0, 0);
            final double loss1 = Trainer.finalMeanNll(0, net, new PoissonFamily(), x, y, weights, one, 1);
            assertArrayEquals(eta.data, one.data, 0.0, "one thread: the predictions");
            for (int threads : new int[] {2, 3}) {
                final DMatrixRMaj out = new DMatrixRMaj(0, 0);
                final double loss = Trainer.finalMeanNll(0, net, new PoissonFamily(), x, y, weights, out, threads);
                assertEquals(Double.doubleToLongBits(loss1), Double.doubleToLongBits(loss), threads + " threads: the loss");
                assertArrayEquals(one.data, out.data, 0.0, threads + " threads: the outputs");
                assertEquals(Double.doubleToLongBits(loss1),
                        Double.doubleToLongBits(Trainer.finalMeanNll(0, net, new PoissonFamily(), x, y, weights, null, threads)),
                        threads + " threads, no outputs: the loss");
            }
        }
    }
}

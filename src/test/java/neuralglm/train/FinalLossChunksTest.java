package neuralglm.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import neuralglm.family.PoissonFamily;
import neuralglm.nn.Activation;
import neuralglm.nn.Sequential;
import neuralglm.optim.SgdOptimizer;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * The final loss of a fit on more rows than one evaluation chunk equals the weighted mean Poisson NLL
 * {@code sum w (exp(eta) - y eta) / sum w} written out here from the stateless predictions; shared among
 * 2 or 3 threads, the pass gives the same loss and outputs to the bit as on one.
 */
class FinalLossChunksTest {

    @Test
    void finalLossOverChunksIsTheWeightedMeanNll() {
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
        final TrainingResult r = new Trainer(2).withBatchSize(500).fit(net, new PoissonFamily(), new SgdOptimizer(0.01), x, y, w);
        final DMatrixRMaj eta = net.predict(x);
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

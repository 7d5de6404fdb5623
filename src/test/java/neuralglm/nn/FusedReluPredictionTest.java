package neuralglm.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Sequential#predict(DMatrixRMaj)} runs a Linear and the ReLU after it as one pass where the kernels allow
 * ({@code Kernels.affineRelu}): every bit of its predictions equals each layer's own {@link Layer#predict} in turn, for
 * widths the Vector API's row kernels take (64, 32) and those they do not (48, 96), with half the inputs 0.
 */
class FusedReluPredictionTest {

    @ParameterizedTest
    @CsvSource({"20,64;64,1,300", "20,64;32,3,130", "7,48;64,2,40", "20,96;96,1,70", "64,64,1,33"})
    void fusedPredictionsEqualTheLayersOneByOne(int in, String hidden, int out, int n) {
        final int[] h = java.util.Arrays.stream(hidden.split(";")).mapToInt(Integer::parseInt).toArray();
        final Sequential net = Sequential.mlp(in, h, Activation.ReLU::new, out, new Random(in + n));
        final Random rng = new Random(n);
        final DMatrixRMaj x = new DMatrixRMaj(n, in);
        for (int e = 0; e < x.data.length; e++) {
            x.data[e] = rng.nextBoolean() ? 0.0 : rng.nextGaussian();
        }
        final DMatrixRMaj got = net.predict(x);
        DMatrixRMaj want = x;
        for (Layer layer : net.layers()) {
            want = layer.predict(want);
        }
        assertEquals(want.numRows, got.numRows);
        for (int e = 0; e < want.data.length; e++) {
            assertEquals(Double.doubleToRawLongBits(want.data[e]), Double.doubleToRawLongBits(got.data[e]),
                    hidden + ": entry " + e + " (" + want.data[e] + " against " + got.data[e] + ")");
        }
    }
}

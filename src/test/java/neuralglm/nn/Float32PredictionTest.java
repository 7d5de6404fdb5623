package neuralglm.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Random;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Predictions of a network set to float32 ({@link Sequential#setPrecision}): the same bits as a float forward pass
 * written out here (float inputs and weights, each output {@code bias} then one {@link Math#fma} per input in
 * ascending order, ReLU as {@code max(t, 0)}), whatever the rows' blocking ({@link Sequential#predict} on all rows, one
 * row at a time, {@link Sequential#evaluate}); within float rounding of the double predictions and not equal to them
 * (it ran in float); a copy and a Java-serialised copy predict the same bits, as do predictions on several threads at
 * once; networks the float pass does not take predict in double whatever the setting.
 */
class Float32PredictionTest {

    private static DMatrixRMaj gauss(Random rng, int rows, int cols) {
        final DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = rng.nextGaussian();
        }
        return m;
    }

    /** The float forward pass of an MLP of Linear and ReLU layers, row by row, written out. */
    private static double[] reference(Sequential net, DMatrixRMaj x) {
        final List<Layer> layers = net.layers();
        final int n = x.numRows;
        int outputs = 0;
        final float[][] rows = new float[n][];
        for (int i = 0; i < n; i++) {
            float[] h = new float[x.numCols];
            for (int k = 0; k < h.length; k++) {
                h[k] = (float) x.get(i, k);
            }
            for (Layer layer : layers) {
                if (layer instanceof Linear lin) {
                    final double[] w = lin.weight().value().data, b = lin.bias().value().data;
                    final float[] o = new float[lin.outputs()];
                    for (int j = 0; j < o.length; j++) {
                        float t = (float) b[j];
                        for (int k = 0; k < h.length; k++) {
                            t = Math.fma((float) w[j * h.length + k], h[k], t);
                        }
                        o[j] = t;
                    }
                    h = o;
                } else {
                    assertTrue(layer instanceof Activation.ReLU, "the reference knows ReLU only");
                    for (int k = 0; k < h.length; k++) {
                        h[k] = Math.max(h[k], 0f);
                    }
                }
            }
            rows[i] = h;
            outputs = h.length;
        }
        final double[] out = new double[n * outputs];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < outputs; j++) {
                out[i * outputs + j] = rows[i][j];
            }
        }
        return out;
    }

    @ParameterizedTest
    @CsvSource({"20,64;64,1,3000", "3,30;20,2,77", "7,none,1,40", "5,128,3,2100", "2,16,1,1"})
    void floatPredictionsAreTheWrittenOutFloatPass(int in, String h, int out, int n) throws Exception {
        final int[] hidden = h.equals("none") ? new int[0]
                : java.util.Arrays.stream(h.split(";")).mapToInt(Integer::parseInt).toArray();
        final Sequential net = Sequential.mlp(in, hidden, Activation.ReLU::new, out, new Random(n + in));
        // a dead unit in the first hidden layer (the float pass leaves its terms out): its bias far below its inputs' reach
        if (hidden.length > 0) {
            ((Linear) net.layers().get(0)).bias().value().data[0] = -1e3;
        }
        final DMatrixRMaj x = gauss(new Random(3), n, in);
        final double[] ref = reference(net, x);
        final DMatrixRMaj f64 = net.predict(x);
        assertSame(net, net.setPrecision(Precision.FLOAT32));
        assertEquals(Precision.FLOAT32, net.precision());
        final DMatrixRMaj f32 = net.predict(x);
        assertArrayEquals(ref, f32.data, 0.0, "predict: the float pass written out");
        // float rounding: each output is about in + sum(hidden) fused multiply-adds deep, 2^-24 each
        double worst = 0, differ = 0;
        for (int i = 0; i < ref.length; i++) {
            worst = Math.max(worst, Math.abs(f32.data[i] - f64.data[i]) / (1 + Math.abs(f64.data[i])));
            differ = Math.max(differ, Math.abs(f32.data[i] - f64.data[i]));
        }
        assertTrue(worst < 1e-5, "float32 predictions differ from float64's by " + worst);
        assertTrue(differ > 0, "the predictions ran in float");
        // one row at a time, and the network's own evaluation buffers (the final pass's), give the same bits
        final DMatrixRMaj row = new DMatrixRMaj(1, in);
        for (int i = 0; i < n; i += Math.max(1, n / 37)) {
            System.arraycopy(x.data, i * in, row.data, 0, in);
            final DMatrixRMaj one = net.predict(row);
            for (int j = 0; j < out; j++) {
                assertEquals(Double.doubleToLongBits(ref[i * out + j]), Double.doubleToLongBits(one.data[j]), "row " + i);
            }
        }
        assertArrayEquals(ref, net.evaluate(x).data, 0.0, "evaluate");
        // a copy and a serialised copy keep the precision and predict the same bits; FLOAT64 gives the double predictions back
        assertArrayEquals(ref, net.copy().predict(x).data, 0.0, "copy");
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream o = new ObjectOutputStream(bytes)) {
            o.writeObject(net);
        }
        final Sequential back;
        try (ObjectInputStream i = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (Sequential) i.readObject();
        }
        assertEquals(Precision.FLOAT32, back.precision());
        assertArrayEquals(ref, back.predict(x).data, 0.0, "after serialisation");
        assertArrayEquals(f64.data, net.copy().setPrecision(Precision.FLOAT64).predict(x).data, 0.0, "float64 again");
    }

    /**
     * A row beyond float's range (an input of 1e39, or one whose hidden values overflow float) is predicted in double, as
     * the network in float64 predicts it, not as the float pass's infinity or NaN; the other rows keep the float pass's
     * bits, also in a batch of more rows than a prediction block.
     */
    @Test
    void rowsBeyondFloatsRangeArePredictedInDouble() {
        final Sequential net = Sequential.mlp(3, new int[] {8}, Activation.ReLU::new, 1, new Random(5));
        final DMatrixRMaj x = gauss(new Random(7), Sequential.PREDICT_BLOCK + 9, 3);
        final int[] far = {2, 4, Sequential.PREDICT_BLOCK + 3};
        x.set(far[0], 0, 1e39);        // beyond float (3.4e38) as an input
        x.set(far[1], 1, 3e37);        // within float as an input, a hidden value not: 100 x 3e37
        ((Linear) net.layers().get(0)).weight().value().set(0, 1, 100.0);
        ((Linear) net.layers().get(0)).bias().value().data[0] = 1.0;
        x.set(far[2], 2, 1e300);
        final DMatrixRMaj f64 = net.predict(x);
        final double[] ref = reference(net, x);
        net.setPrecision(Precision.FLOAT32);
        final DMatrixRMaj f32 = net.predict(x);
        int overflowed = 0;
        for (int i = 0; i < x.numRows; i++) {
            final boolean isFar = i == far[0] || i == far[1] || i == far[2];
            if (isFar) {
                overflowed += Double.isFinite(ref[i]) ? 0 : 1;
                assertEquals(f64.data[i], f32.data[i], 0.0, "row " + i + " in double");
                assertTrue(Double.isFinite(f32.data[i]), "row " + i);
            } else {
                assertEquals(Double.doubleToLongBits(ref[i]), Double.doubleToLongBits(f32.data[i]), "row " + i + " in float");
            }
        }
        assertEquals(far.length, overflowed, "the float pass written out overflows on each far row");
        // one row at a time too (Weka's distributionForInstance)
        final DMatrixRMaj one = new DMatrixRMaj(1, 3);
        System.arraycopy(x.data, far[0] * 3, one.data, 0, 3);
        assertEquals(f64.data[far[0]], net.predict(one).data[0], 0.0);
    }

    /** Predictions on several threads at once (a shared model, as Spark's broadcast or Weka's parallel evaluation): the same bits. */
    @Test
    void concurrentFloatPredictionsAgree() throws Exception {
        final Sequential net = Sequential.mlp(6, new int[] {40, 40}, Activation.ReLU::new, 2, new Random(9)).setPrecision(Precision.FLOAT32);
        final DMatrixRMaj x = gauss(new Random(8), 700, 6);
        final double[] ref = reference(net, x);
        final java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            final List<java.util.concurrent.Future<double[]>> runs = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                runs.add(pool.submit(() -> {
                    double[] last = null;
                    for (int k = 0; k < 20; k++) {
                        last = net.predict(x).data;
                    }
                    return last;
                }));
            }
            for (java.util.concurrent.Future<double[]> f : runs) {
                assertArrayEquals(ref, f.get(), 0.0);
            }
        } finally {
            pool.shutdown();
        }
    }

    /** Wider than the float pass takes, or a layer it does not know: double predictions whatever the setting. */
    @Test
    void networksTheFloatPassDoesNotTakePredictInDouble() {
        final DMatrixRMaj x = gauss(new Random(5), 50, 4);
        final Sequential wide = Sequential.mlp(4, new int[] {ColumnPass.MAX_WIDTH_FLOAT + 1}, Activation.ReLU::new, 1, new Random(1));
        final double[] f64 = wide.predict(x).data;
        assertArrayEquals(f64, wide.setPrecision(Precision.FLOAT32).predict(x).data, 0.0);
        assertEquals(Precision.FLOAT64, new Sequential().precision(), "the default");
    }
}

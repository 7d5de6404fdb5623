package neuralglm.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Sequential}'s training pass with columns ({@link ColumnPass}, for batches of
 * {@link Sequential#COLUMN_ROWS} to {@link Sequential#COLUMN_MAX_ROWS} rows and layers up to {@link ColumnPass#MAX_WIDTH} wide) against the same network's layers run one by one
 * ({@link Layer#forward} / {@link Layer#backward} in row-major order): eta, dL/dx and every parameter
 * gradient equal bit for bit, for each activation, hidden shapes from none (a GLM) to two layers, several
 * outputs, and a second batch of another size through the same buffers.
 */
class ColumnPassTest {

    private static DMatrixRMaj gauss(Random rng, int rows, int cols) {
        final DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = rng.nextGaussian() * 2;
        }
        return m;
    }

    private static Supplier<Activation> activation(String name) {
        return () -> Activation.byName(name);
    }

    @ParameterizedTest
    @CsvSource({"ReLU,1,30;20,1,400", "ReLU,20,40;48,1,256", "ReLU,20,64;64,1,256", "Tanh,3,7,3,37", "ELU,5,9;4,2,16", "Sigmoid,2,6,1,100",
        "Softplus,4,5;5;5,3,50", "Squareplus,3,6;4,1,40", "LeakyReLU,6,12,2,64", "Identity,3,4,1,20", "ReLU,7,none,2,33", "ReLU,1,30;20,2,400",
        "ReLU,2,3;4;5;1,4,50", "ReLU,4,2;6,3,70"})
    void columnPassEqualsTheLayerByLayerPassBitForBit(String act, int in, String hidden, int out, int n) {
        final int[] h = hidden.equals("none") ? new int[0]
                : java.util.Arrays.stream(hidden.split(";")).mapToInt(Integer::parseInt).toArray();
        final Random rng = new Random(n * 31 + in);
        final Sequential net = Sequential.mlp(in, h, activation(act), out, new Random(7));
        for (int batch : new int[] {n, n + 5, Sequential.COLUMN_ROWS}) {
            final Sequential ref = net.copy();
            final DMatrixRMaj x = gauss(rng, batch, in), dEta = gauss(rng, batch, out);

            final List<Layer> layers = ref.layers();
            final DMatrixRMaj etaRef = LayerByLayer.forward(layers, x).copy();
            final DMatrixRMaj g = LayerByLayer.backward(layers, dEta);

            final Sequential cut = net.copy();
            final DMatrixRMaj eta = cut.forward(x).copy();
            final boolean narrow = java.util.Arrays.stream(h).allMatch(u -> u <= ColumnPass.MAX_WIDTH);
            assertEquals(narrow, cut.lastForwardUsedColumns(), "the column pass ran for layers up to " + ColumnPass.MAX_WIDTH + " wide");
            final DMatrixRMaj dx = cut.backward(dEta);
            assertArrayEquals(etaRef.data, java.util.Arrays.copyOf(eta.data, batch * out), 0.0, "eta");
            assertEquals(batch, dx.numRows);
            assertArrayEquals(java.util.Arrays.copyOf(g.data, batch * in), java.util.Arrays.copyOf(dx.data, batch * in), 0.0, "dL/dx");
            assertSameGradients(ref, cut);

            // the training form: no input gradient, gradients accumulate on top of the first ones
            cut.forward(x);
            assertNull(cut.backward(dEta, false));
            LayerByLayer.forward(layers, x);
            LayerByLayer.backward(layers, dEta);
            assertSameGradients(ref, cut);
        }
    }

    /**
     * {@link Sequential#evaluate} (early stopping's validation rows, every epoch) gives the bits of {@link Sequential#predict}:
     * through its own column pass from {@link Sequential#COLUMN_ROWS} rows, again after the weights move and between
     * training passes on other rows, and by predict below that or with a layer wider than the pass takes.
     */
    @ParameterizedTest
    @CsvSource({"Tanh,1,16,1,42", "Squareplus,6,16,1,37", "ReLU,8,16,2,150", "Softplus,3,5;4,1,16", "Tanh,2,64,1,40",
        "Sigmoid,3,7,1,9"})
    void evaluateGivesThePredictBits(String act, int in, String hidden, int out, int n) {
        final int[] h = java.util.Arrays.stream(hidden.split(";")).mapToInt(Integer::parseInt).toArray();
        final Random rng = new Random(n * 17 + in);
        final Sequential net = Sequential.mlp(in, h, activation(act), out, new Random(9));
        final DMatrixRMaj xv = gauss(rng, n, in), xt = gauss(rng, 3 * n, in);
        for (int round = 0; round < 3; round++) {
            final DMatrixRMaj want = net.predict(xv), got = net.evaluate(xv);
            assertEquals(want.numRows, got.numRows);
            assertEquals(want.numCols, got.numCols);
            for (int i = 0; i < want.data.length; i++) {
                assertEquals(Double.doubleToLongBits(want.data[i]), Double.doubleToLongBits(got.data[i]),
                        act + " round " + round + " entry " + i);
            }
            net.forward(xt);   // a training pass on other rows in between
            for (Parameter p : net.parameters()) {
                for (int i = 0; i < p.value().data.length; i++) {
                    p.value().data[i] += 0.1 * rng.nextGaussian();
                }
            }
        }
    }

    /** Batches beyond {@link Sequential#COLUMN_MAX_ROWS} rows (a big full batch) stay row-major. */
    @org.junit.jupiter.api.Test
    void bigBatchesStayRowMajor() {
        final Sequential net = Sequential.mlp(2, new int[] {4}, activation("ReLU"), 1, new Random(3));
        net.forward(gauss(new Random(5), Sequential.COLUMN_MAX_ROWS, 2));
        org.junit.jupiter.api.Assertions.assertTrue(net.lastForwardUsedColumns());
        net.forward(gauss(new Random(5), Sequential.COLUMN_MAX_ROWS + 1, 2));
        org.junit.jupiter.api.Assertions.assertFalse(net.lastForwardUsedColumns());
    }

    /**
     * Makes the listed units of a hidden Linear layer dead for inputs of moderate size (bias -1000): their ReLU outputs
     * are 0 on every row of a batch.
     */
    static void kill(Sequential net, int linear, String units, int width) {
        if (units.equals("none")) {
            return;
        }
        final double[] bias = net.layers().stream().filter(l -> l instanceof Linear).map(l -> (Linear) l)
                .skip(linear).findFirst().orElseThrow().bias().value().data;
        if (units.equals("all")) {
            java.util.Arrays.fill(bias, 0, width, -1000.0);
            return;
        }
        for (String u : units.split(";")) {
            bias[Integer.parseInt(u)] = -1000.0;
        }
    }

    /**
     * Dead ReLU units (outputs 0 on every row of the batch) are left out of the column products (their terms are 0):
     * still the same bits as the layer-by-layer pass, eta, dL/dx and every gradient, with some, all or none of the
     * units of either hidden layer dead, and again after the weights move.
     */
    @ParameterizedTest
    @CsvSource({"1,30;20,1,400,0;3;7;29,1;2", "1,30;20,2,400,none,0;5;6;7;8;9;19", "3,12;9,2,64,all,none", "3,12;9,2,64,2,all",
        "20,40;48,1,256,5;6,0;47", "2,5;6;4,3,50,1,none"})
    void deadReluUnitsKeepTheBits(int in, String hidden, int out, int n, String dead1, String dead2) {
        final int[] h = java.util.Arrays.stream(hidden.split(";")).mapToInt(Integer::parseInt).toArray();
        final Sequential net = Sequential.mlp(in, h, activation("ReLU"), out, new Random(3));
        kill(net, 0, dead1, h[0]);
        kill(net, 1, dead2, h[1]);
        final Random rng = new Random(n + 7L * in);
        for (int round = 0; round < 2; round++) {
            final Sequential ref = net.copy(), cut = net.copy();
            final DMatrixRMaj x = gauss(rng, n, in), dEta = gauss(rng, n, out);
            final DMatrixRMaj r = LayerByLayer.forward(ref.layers(), x);
            final DMatrixRMaj g = LayerByLayer.backward(ref.layers(), dEta);
            final DMatrixRMaj eta = cut.forward(x).copy();
            org.junit.jupiter.api.Assertions.assertTrue(cut.lastForwardUsedColumns());
            final DMatrixRMaj dx = cut.backward(dEta);
            assertArrayEquals(r.data, java.util.Arrays.copyOf(eta.data, n * out), 0.0, "eta");
            assertArrayEquals(java.util.Arrays.copyOf(g.data, n * in), java.util.Arrays.copyOf(dx.data, n * in), 0.0, "dL/dx");
            assertSameGradients(ref, cut);
            for (Parameter p : net.parameters()) { // move the weights (the dead units stay dead)
                final double[] v = p.value().data;
                for (int i = 0; i < v.length; i++) {
                    v[i] += v[i] < -100 ? 0 : 0.01 * rng.nextGaussian();
                }
            }
        }
    }

    /**
     * Input columns that are 0 on every row of the batch (the indicators of a nominal attribute's values that the data do
     * not have) are left out of the first layer's products: the pass reads only the others, and eta, dL/dx and every
     * gradient keep the bits of the layer-by-layer pass, in double and in float32 (against the float pass reading
     * every column, whose weights are the same), with a ReLU after the first layer or another activation, and again for
     * a batch whose zero columns differ.
     */
    @ParameterizedTest
    @CsvSource({"ReLU,300,16,1,100,7", "Squareplus,300,16,1,100,7", "Tanh,40,6;5,3,64,1", "ReLU,12,none,2,50,3", "ReLU,9,8,1,40,4"})
    void zeroInputColumnsAreLeftOutWithTheSameBits(String act, int in, String hidden, int out, int n, int used) {
        final int[] h = hidden.equals("none") ? new int[0]
                : java.util.Arrays.stream(hidden.split(";")).mapToInt(Integer::parseInt).toArray();
        final Sequential net = Sequential.mlp(in, h, activation(act), out, new Random(11));
        final Random rng = new Random(in * 13L + n);
        for (int round = 0; round < 2; round++) {
            // the first `used` columns (shifted by the round) take values, the rest are 0 on every row
            final DMatrixRMaj x = new DMatrixRMaj(n, in), dEta = gauss(rng, n, out);
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < used; k++) {
                    x.set(i, (k * 5 + round) % in, rng.nextGaussian());
                }
            }
            final int[] keep = java.util.stream.IntStream.range(0, in)
                    .filter(k -> java.util.stream.IntStream.range(0, n).anyMatch(i -> x.get(i, k) != 0)).toArray();
            final int live = keep.length;
            org.junit.jupiter.api.Assertions.assertTrue(live < in);
            final Sequential ref = net.copy(), cut = net.copy();
            final DMatrixRMaj r = LayerByLayer.forward(ref.layers(), x);
            final DMatrixRMaj g = LayerByLayer.backward(ref.layers(), dEta);
            final DMatrixRMaj eta = cut.forward(x).copy();
            assertEquals(live, cut.lastForwardInputColumns(), "input columns read");
            final DMatrixRMaj dx = cut.backward(dEta);
            assertArrayEquals(r.data, java.util.Arrays.copyOf(eta.data, n * out), 0.0, "eta");
            assertArrayEquals(java.util.Arrays.copyOf(g.data, n * in), java.util.Arrays.copyOf(dx.data, n * in), 0.0, "dL/dx");
            assertSameGradients(ref, cut);

            // float32 (no layer-by-layer form): the bits of the same network on the live columns alone
            final Sequential f = net.copy(), narrow = Sequential.mlp(keep.length, h, activation(act), out, new Random(1));
            final List<Parameter> pf = f.parameters(), pn = narrow.parameters();
            for (int q = 0; q < pf.size(); q++) {
                final double[] from = pf.get(q).value().data, to = pn.get(q).value().data;
                for (int e = 0; e < to.length; e++) {
                    to[e] = q > 0 ? from[e] : from[e / keep.length * in + keep[e % keep.length]];
                }
            }
            final DMatrixRMaj xn = new DMatrixRMaj(n, keep.length);
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < keep.length; k++) {
                    xn.set(i, k, x.get(i, keep[k]));
                }
            }
            final DMatrixRMaj etaF = f.forward(x, Precision.FLOAT32).copy();
            assertEquals(live, f.lastForwardInputColumns(), "input columns read in float32");
            assertArrayEquals(narrow.forward(xn, Precision.FLOAT32).data, etaF.data, 0.0, "float32 eta");
            f.backward(dEta, false);
            narrow.backward(dEta, false);
            for (int q = 0; q < pf.size(); q++) {
                final double[] got = pf.get(q).grad().data, want = pn.get(q).grad().data;
                for (int e = 0; e < got.length; e++) {
                    final int k = e % in, at = java.util.Arrays.binarySearch(keep, k);
                    final double expected = q > 0 ? want[e] : at < 0 ? 0.0 : want[e / in * keep.length + at];
                    assertEquals(expected, got[e], 0.0, "float32 gradient " + q + " entry " + e);
                }
            }
        }
    }

    private static void assertSameGradients(Sequential ref, Sequential cut) {
        final List<Parameter> a = ref.parameters(), b = cut.parameters();
        for (int p = 0; p < a.size(); p++) {
            assertArrayEquals(a.get(p).grad().data, b.get(p).grad().data, 0.0, a.get(p).name() + " gradient");
        }
    }

    /**
     * The pass's copies of a block of rows into columns (four columns at a time, then the rest one by one), against the
     * definition entry by entry: every column or a list of them, of counts around multiples of four, from a start row,
     * in double and in float; entries outside the block's rows stay as they were.
     */
    @Test
    void rowsCopiedIntoColumnsEntryByEntry() {
        final Random rng = new Random(5);
        final int rows = 37, cols = 11, start = 5, n = 23;
        final DMatrixRMaj m = gauss(rng, rows, cols);
        final int[][] lists = {null, {0}, {2, 3, 7}, {1, 2, 4, 9}, {0, 1, 3, 5, 6, 8, 10}, {10, 9, 8, 7, 6, 5, 4, 3, 2}};
        for (int[] idx : lists) {
            final int count = idx == null ? cols : idx.length;
            final double[][] t = new double[cols][rows];
            final float[][] f = new float[cols][rows];
            for (double[] c : t) {
                java.util.Arrays.fill(c, -7.0);
            }
            for (float[] c : f) {
                java.util.Arrays.fill(c, -7f);
            }
            ColumnPass.toColumns(m, start, n, idx, count, t);
            ColumnPass.toColumns(m, start, n, idx, count, f);
            final boolean[] listed = new boolean[cols];
            for (int a = 0; a < count; a++) {
                listed[idx == null ? a : idx[a]] = true;
            }
            for (int c = 0; c < cols; c++) {
                for (int i = 0; i < rows; i++) {
                    final double want = listed[c] && i < n ? m.get(start + i, c) : -7.0;
                    assertEquals(want, t[c][i], 0.0, "double column " + c + " row " + i);
                    assertEquals((float) want, f[c][i], 0f, "float column " + c + " row " + i);
                }
            }
        }
    }
}

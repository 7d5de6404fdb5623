package neuralglm.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Random;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link RowPass} (row arrays, ReLU inside the products, transposed weight gradients) against the same network's layers
 * run one by one ({@link Layer#forward} / {@link Layer#backward}): eta, dL/dx and every parameter gradient equal bit for
 * bit (a zero's sign aside), for ReLU and other activations, narrow and wide layers, several outputs, inputs with
 * zeros (the products then leave zero terms out), and batches of other sizes through the same buffers.
 */
class RowPassTest {

    private static DMatrixRMaj gauss(Random rng, int rows, int cols, double zeros) {
        final DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = rng.nextDouble() < zeros ? 0.0 : rng.nextGaussian() * 2;
        }
        return m;
    }

    static void assertSame(double[] want, double[] got, int len, String what) {
        for (int i = 0; i < len; i++) {
            // equal as numbers: the same bits but for the sign of a zero
            assertEquals(want[i] == 0.0 ? 0.0 : want[i], got[i] == 0.0 ? 0.0 : got[i], 0.0, what + " entry " + i);
            if (want[i] != 0.0 || Double.isNaN(want[i])) {
                assertEquals(Double.doubleToLongBits(want[i]), Double.doubleToLongBits(got[i]), what + " entry " + i);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"ReLU,20,64;64,1,256,0", "ReLU,20,64;64,1,37,0.3", "ReLU,40,64;72,3,50,0.5", "ReLU,5,9;4,2,16,0",
        "Tanh,3,70,3,37,0", "Squareplus,6,64;12,1,40,0.2", "Softplus,4,50,9,20,0", "ReLU,7,none,2,33,0",
        "ReLU,7,none,12,33,0.4", "ReLU,36,64,10,300,0.5", "ELU,33,40;8,1,30,0.1", "ReLU,2,3;66;5,1,18,0",
        "ReLU,20,96;96,1,130,0", "ReLU,70,130;72,2,67,0.4", "Squareplus,20,96;96,1,40,0",
        "ReLU,20,64;32,1,100,0", "ReLU,32,64;64,3,70,0.3", "Softplus,40,64;32,2,50,0"})
    void rowPassEqualsTheLayerByLayerPass(String act, int in, String hidden, int out, int n, double zeros) {
        final int[] h = hidden.equals("none") ? new int[0]
                : java.util.Arrays.stream(hidden.split(";")).mapToInt(Integer::parseInt).toArray();
        final Random rng = new Random(n * 31 + in);
        final Sequential net = Sequential.mlp(in, h, () -> Activation.byName(act), out, new Random(7));
        final Sequential cut = net.copy();
        final RowPass pass = RowPass.of(cut.layers(), in);
        assertNotNull(pass);
        for (int batch : new int[] {n, n + 7, 2, n}) {
            final Sequential ref = net.copy();
            final DMatrixRMaj x = gauss(rng, batch, in, zeros), dEta = gauss(rng, batch, out, 0);
            final List<Layer> layers = ref.layers();
            final DMatrixRMaj r = LayerByLayer.forward(layers, x);
            final DMatrixRMaj g = LayerByLayer.backward(layers, dEta);
            cut.zeroGrad();
            final DMatrixRMaj eta = pass.forward(x);
            assertEquals(batch, eta.numRows);
            assertSame(r.data, eta.data, batch * out, "eta");
            final DMatrixRMaj dx = pass.backward(dEta, true);
            assertSame(g.data, dx.data, batch * in, "dL/dx");
            assertSameGradients(ref, cut);

            // the training form: no input gradient, gradients added on top of the first ones
            pass.forward(x);
            assertNull(pass.backward(dEta, false));
            LayerByLayer.forward(layers, x);
            LayerByLayer.backward(layers, dEta);
            assertSameGradients(ref, cut);
        }
    }

    /**
     * Networks that end in an activation (PyTorch's {@code nn.Sequential(nn.Linear(2, 2), nn.ReLU())}, an encoder): a
     * last ReLU runs inside the Linear before it, and its backward read the inputs it never made (a
     * NullPointerException through the Jython bridge); other last activations run on their own.
     */
    @ParameterizedTest
    @CsvSource({"ReLU,2,2,3", "ReLU,20,64,256", "ReLU,5,40,33", "ReLU,7,100,18", "Tanh,20,64,40", "ELU,6,9,12"})
    void aNetworkMayEndInAnActivation(String act, int in, int width, int n) {
        for (boolean twoLayers : new boolean[] {false, true}) {
            final Sequential net = new Sequential();
            final Random init = new Random(in * 7 + width);
            net.add("fc1", new Linear("fc1", in, width, init)).add("act1", Activation.byName(act));
            if (twoLayers) {
                net.add("fc2", new Linear("fc2", width, width, init)).add("act2", Activation.byName(act));
            }
            final Sequential cut = net.copy();
            final RowPass pass = RowPass.of(cut.layers(), in);
            assertNotNull(pass);
            final Random rng = new Random(n);
            for (int batch : new int[] {n, n + 3}) {
                final Sequential ref = net.copy();
                final DMatrixRMaj x = gauss(rng, batch, in, 0.2), dEta = gauss(rng, batch, width, 0);
                final DMatrixRMaj r = LayerByLayer.forward(ref.layers(), x);
                final DMatrixRMaj g = LayerByLayer.backward(ref.layers(), dEta);
                cut.zeroGrad();
                assertSame(r.data, pass.forward(x).data, batch * width, "eta");
                assertSame(g.data, pass.backward(dEta, true).data, batch * in, "dL/dx");
                assertSameGradients(ref, cut);
            }
        }
    }

    /**
     * {@link Sequential#setGradients} (the row pass summing into zeroed rows instead of the gradients' copies) gives the
     * bits of {@link Sequential#zeroGrad()} and then adding ({@code backward(dOut, false)}), whatever the gradients held
     * before (NaN here), through the row pass (a transposed first-layer gradient, zero inputs) and through the others.
     */
    @ParameterizedTest
    @CsvSource({"ReLU,20,64;64,1,256,0.3", "ReLU,40,64;72,3,50,0.5", "Tanh,3,70,3,37,0", "ReLU,5,9;4,2,16,0", "ReLU,7,none,2,33,0"})
    void settingTheGradientsEqualsZeroingAndAdding(String act, int in, String hidden, int out, int n, double zeros) {
        final int[] h = hidden.equals("none") ? new int[0]
                : java.util.Arrays.stream(hidden.split(";")).mapToInt(Integer::parseInt).toArray();
        final Random rng = new Random(n * 17 + in);
        final Sequential net = Sequential.mlp(in, h, () -> Activation.byName(act), out, new Random(3));
        final Sequential ref = net.copy(), cut = net.copy(), seq = net.copy(), rowRef = net.copy();
        final RowPass pass = RowPass.of(cut.layers(), in), refPass = RowPass.of(rowRef.layers(), in);
        for (int batch : new int[] {n, n + 5, n}) {
            final DMatrixRMaj x = gauss(rng, batch, in, zeros), dEta = gauss(rng, batch, out, 0.2);
            // the row pass itself (the tests' JVM has the Vector API module, where networks train through other passes)
            rowRef.zeroGrad();
            refPass.forward(x);
            refPass.backward(dEta, false);
            fillNaN(cut);
            pass.forward(x);
            assertNull(pass.backward(dEta, false, true));
            assertSameBits(rowRef, cut, "row pass, batch " + batch);
            // the network's own passes: in this JVM (the Vector API module loaded) its forward does not run in the row
            // pass, so setGradients takes its zero-and-add route, which must clear the NaN-filled gradients; its row route
            // is the row pass's backward(dEta, false, true) checked above
            ref.zeroGrad();
            ref.forward(x);
            ref.backward(dEta, false);
            fillNaN(seq);
            seq.forward(x);
            seq.setGradients(dEta);
            assertSameBits(ref, seq, "network, batch " + batch);
        }
    }

    /**
     * Input columns that are 0 on every row of the batch (the indicators of a nominal attribute's values the data do not
     * have) are left out of the first layer's weight gradient: it runs over the other columns only, and eta, dL/dx and
     * every gradient keep the layer-by-layer pass's numbers, added or set (the set gradients have the bits of zeroing
     * and adding, over gradients that held NaN), for batches whose zero columns differ.
     */
    @ParameterizedTest
    @CsvSource({"ReLU,300,64,1,100,7", "Squareplus,300,64;8,2,60,12", "ReLU,120,70,3,37,1"})
    void zeroInputColumnsAreLeftOutOfTheWeightGradient(String act, int in, String hidden, int out, int n, int used) {
        final int[] h = java.util.Arrays.stream(hidden.split(";")).mapToInt(Integer::parseInt).toArray();
        final Random rng = new Random(n * 13L + in);
        final Sequential net = Sequential.mlp(in, h, () -> Activation.byName(act), out, new Random(5));
        final Sequential cut = net.copy(), set = net.copy();
        final RowPass pass = RowPass.of(cut.layers(), in), setPass = RowPass.of(set.layers(), in);
        for (int round = 0; round < 3; round++) {
            final DMatrixRMaj x = new DMatrixRMaj(n, in), dEta = gauss(rng, n, out, 0);
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < used; k++) {
                    x.set(i, (k * 7 + round) % in, rng.nextGaussian());
                }
            }
            final int live = (int) java.util.stream.IntStream.range(0, in)
                    .filter(k -> java.util.stream.IntStream.range(0, n).anyMatch(i -> x.get(i, k) != 0)).count();
            final Sequential ref = net.copy();
            final DMatrixRMaj r = LayerByLayer.forward(ref.layers(), x);
            final DMatrixRMaj g = LayerByLayer.backward(ref.layers(), dEta);
            cut.zeroGrad();
            assertSame(r.data, pass.forward(x).data, n * out, "eta");
            assertSame(g.data, pass.backward(dEta, true).data, n * in, "dL/dx");
            assertEquals(live, pass.inputColumnsRead(), "input columns of the weight gradient");
            assertSameGradients(ref, cut);
            fillNaN(set);
            setPass.forward(x);
            setPass.backward(dEta, false, true);
            cut.zeroGrad();
            pass.forward(x);
            pass.backward(dEta, false);
            assertSameBits(cut, set, "set, round " + round);
        }
    }

    private static void fillNaN(Sequential net) {
        for (Parameter p : net.parameters()) {
            java.util.Arrays.fill(p.grad().data, Double.NaN);
        }
    }

    private static void assertSameBits(Sequential ref, Sequential cut, String what) {
        final List<Parameter> a = ref.parameters(), b = cut.parameters();
        for (int p = 0; p < a.size(); p++) {
            for (int k = 0; k < a.get(p).size(); k++) {
                assertEquals(Double.doubleToRawLongBits(a.get(p).grad().data[k]), Double.doubleToRawLongBits(b.get(p).grad().data[k]),
                        what + ": " + a.get(p).name() + " gradient entry " + k);
            }
        }
    }

    /**
     * A network the column pass leaves to rows trains through the row pass, on C2's loops in plain Java or on the Vector
     * API's register-held rows (VectorRowKernels) with the module.
     */
    @org.junit.jupiter.api.Test
    void wideNetworksTrainThroughTheRowPass() {
        final Sequential net = Sequential.mlp(20, new int[] {64, 64}, Activation.ReLU::new, 1, new Random(3));
        net.forward(gauss(new Random(5), 256, 20, 0));
        org.junit.jupiter.api.Assertions.assertTrue(net.lastForwardUsedRows());
        org.junit.jupiter.api.Assertions.assertFalse(net.lastForwardUsedColumns());
    }

    private static void assertSameGradients(Sequential ref, Sequential cut) {
        final List<Parameter> a = ref.parameters(), b = cut.parameters();
        for (int p = 0; p < a.size(); p++) {
            assertSame(a.get(p).grad().data, b.get(p).grad().data, a.get(p).size(), a.get(p).name() + " gradient");
        }
    }
}

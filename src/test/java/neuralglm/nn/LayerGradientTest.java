package neuralglm.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Supplier;
import java.util.stream.Stream;

import neuralglm.testutil.Numeric;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Test group 2, layers: for {@code S(x, theta) = sum(R .* layer(x))} with a random R, the input
 * gradient returned by {@code backward(R)} and the parameter gradients it accumulates equal
 * five-point central differences of S (h = 1e-4, tolerance 1e-8 relative to max(1, |gradient|));
 * two backward calls double the gradients, and {@code zeroGrad} clears them.
 *
 * <p>Inputs stay at least 0.01 away from the kinks of ReLU and LeakyReLU (the stencil spans 2h).
 */
class LayerGradientTest {

    static final double H = 1e-4;

    static Stream<Arguments> layers() {
        final Stream.Builder<Arguments> b = Stream.builder();
        b.add(Arguments.of("Linear(4, 3)", (Supplier<Layer>) () -> new Linear("fc", 4, 3, new Random(3)), 4));
        b.add(Arguments.of("Linear(1, 1)", (Supplier<Layer>) () -> new Linear("fc", 1, 1, new Random(4)), 1));
        for (String a : Activation.NAMES) {
            b.add(Arguments.of(a, (Supplier<Layer>) () -> Activation.byName(a), 4));
        }
        b.add(Arguments.of("LeakyReLU(0.2)", (Supplier<Layer>) () -> new Activation.LeakyReLU(0.2), 4));
        b.add(Arguments.of("ELU(0.7)", (Supplier<Layer>) () -> new Activation.ELU(0.7), 4));
        for (String a : Activation.NAMES) {
            b.add(Arguments.of("mlp 3-5-4-2 " + a, (Supplier<Layer>) () -> Sequential.mlp(3, new int[] {5, 4},
                    () -> Activation.byName(a), 2, new Random(5)), 3));
        }
        b.add(Arguments.of("GLM mlp 3-1", (Supplier<Layer>) () -> Sequential.mlp(3, new int[0],
                Activation.ReLU::new, 1, new Random(6)), 3));
        return b.build();
    }

    /** Inputs in (-3, 3) at least 0.01 away from 0, with a few large ones. */
    static DMatrixRMaj input(int n, int d, Random rng) {
        final DMatrixRMaj x = new DMatrixRMaj(n, d);
        for (int i = 0; i < x.data.length; i++) {
            double v = 6 * rng.nextDouble() - 3;
            x.data[i] = Math.abs(v) < 0.01 ? v + 0.05 : v;
        }
        x.data[0] = 8.5;
        x.data[x.data.length - 1] = -7.25;
        return x;
    }

    static DMatrixRMaj randomLike(int n, int k, Random rng) {
        final DMatrixRMaj r = new DMatrixRMaj(n, k);
        for (int i = 0; i < r.data.length; i++) {
            r.data[i] = rng.nextGaussian();
        }
        return r;
    }

    static double dot(DMatrixRMaj r, DMatrixRMaj y) {
        assertEquals(r.numRows, y.numRows);
        assertEquals(r.numCols, y.numCols);
        double s = 0;
        for (int i = 0; i < r.getNumElements(); i++) {
            s += r.data[i] * y.data[i];
        }
        return s;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void gradientsMatchCentralDifferences(String label, Supplier<Layer> make, int d) {
        final Layer layer = make.get();
        final Random rng = new Random(label.hashCode());
        final int n = 6;
        final DMatrixRMaj x = input(n, d, rng);
        final DMatrixRMaj out = layer.forward(x);
        final DMatrixRMaj r = randomLike(out.numRows, out.numCols, rng);
        assertArrayEquals(java.util.Arrays.copyOf(out.data, out.getNumElements()),
                java.util.Arrays.copyOf(layer.predict(x).data, out.getNumElements()), 0.0, label + ": predict differs from forward");
        for (Parameter p : layer.parameters()) {
            p.zeroGrad();
        }
        final DMatrixRMaj dx = layer.backward(r).copy();
        assertEquals(n, dx.numRows);
        assertEquals(d, dx.numCols);

        double worst = 0;
        // input gradient
        for (int i = 0; i < x.getNumElements(); i++) {
            final int cell = i;
            final DMatrixRMaj probe = x.copy();
            final DoubleUnaryOperator s = v -> {
                probe.data[cell] = v;
                return dot(r, layer.predict(probe));
            };
            worst = Math.max(worst, check(label + " dS/dx[" + i + "]", dx.data[i], s, x.data[i]));
        }
        // parameter gradients (predict reads the current parameter values)
        for (Parameter p : layer.parameters()) {
            final double[] analytic = p.grad().data.clone();
            for (int i = 0; i < p.size(); i++) {
                final int cell = i;
                final double v0 = p.value().data[i];
                final DoubleUnaryOperator s = v -> {
                    p.value().data[cell] = v;
                    final double val = dot(r, layer.predict(x));
                    p.value().data[cell] = v0;
                    return val;
                };
                worst = Math.max(worst, check(label + " dS/d" + p.name() + "[" + i + "]", analytic[i], s, v0));
            }
        }
        System.out.printf("FD layer %-24s largest |g - fd| / max(1,|g|) = %.2e%n", label, worst);
    }

    private static double check(String what, double g, DoubleUnaryOperator s, double at) {
        final double fd = Numeric.derivative(s, at, H);
        final double err = Math.abs(g - fd);
        final double tol = 1e-8 * Math.max(1, Math.abs(g)) + Numeric.roundingBound(s, at, H);
        assertTrue(err <= tol, String.format("%s: analytic %s, central difference %s (|diff| %.2e > %.2e)", what, g, fd, err, tol));
        return err / Math.max(1, Math.abs(g));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void backwardAccumulatesUntilZeroGrad(String label, Supplier<Layer> make, int d) {
        final Layer layer = make.get();
        final Random rng = new Random(99);
        final DMatrixRMaj x = input(5, d, rng);
        final DMatrixRMaj out = layer.forward(x);
        final DMatrixRMaj r = randomLike(out.numRows, out.numCols, rng);
        final List<Parameter> ps = layer.parameters();
        ps.forEach(Parameter::zeroGrad);

        final DMatrixRMaj dx1 = layer.backward(r).copy();
        final double[][] once = ps.stream().map(p -> p.grad().data.clone()).toArray(double[][]::new);
        final DMatrixRMaj dx2 = layer.backward(r).copy();
        assertArrayEquals(dx1.data, dx2.data, 0.0, label + ": the input gradient must not accumulate");
        for (int j = 0; j < ps.size(); j++) {
            final double[] twice = ps.get(j).grad().data;
            // the kernels add row by row into the gradient, so the second sum rounds differently
            final double tol = 1e-13 * Numeric.maxAbs(once[j]);
            for (int i = 0; i < twice.length; i++) {
                assertEquals(2 * once[j][i], twice[i], tol, label + ": " + ps.get(j).name() + " after two backward calls");
            }
            assertTrue(Numeric.maxAbs(once[j]) > 0, label + ": gradient of " + ps.get(j).name() + " is all zero");
        }
        if (layer instanceof Sequential net) {
            net.zeroGrad();
        } else {
            ps.forEach(Parameter::zeroGrad);
        }
        for (Parameter p : ps) {
            assertEquals(0.0, Numeric.maxAbs(p.grad().data), label + ": " + p.name() + " after zeroGrad");
        }
        layer.forward(x);
        layer.backward(r);
        for (int j = 0; j < ps.size(); j++) {
            assertArrayEquals(once[j], ps.get(j).grad().data, 0.0, label + ": " + ps.get(j).name() + " after zeroGrad and one backward");
        }
    }

    /** A copy computes the same function, and training either leaves the other as it was. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void aCopyIsTheSameFunctionWithParametersOfItsOwn(String label, Supplier<Layer> make, int d) {
        final Layer layer = make.get();
        final DMatrixRMaj x = input(5, d, new Random(11));
        final DMatrixRMaj before = layer.predict(x);
        final Layer copy = layer.copy();
        assertEquals(layer.toString(), copy.toString());
        assertArrayEquals(before.data, copy.predict(x).data, 0.0);
        final List<Parameter> ps = layer.parameters(), qs = copy.parameters();
        assertEquals(ps.size(), qs.size());
        for (int p = 0; p < ps.size(); p++) {
            assertEquals(ps.get(p).name(), qs.get(p).name());
            assertTrue(ps.get(p).value() != qs.get(p).value() && ps.get(p).grad() != qs.get(p).grad());
            copy.parameters().get(p).value().data[0] += 1.0;
        }
        copy.backward(copy.forward(x));
        assertArrayEquals(before.data, layer.predict(x).data, 0.0, "the original is unchanged");
        for (Parameter p : ps) {
            for (int i = 0; i < p.size(); i++) {
                assertEquals(0.0, p.grad().data[i]);
            }
        }
    }
}

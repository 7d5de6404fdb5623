package neuralglm.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import neuralglm.nn.Parameter;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SGD and Adam steps against PyTorch's update rules written out here (torch.optim.SGD with
 * dampening 0, torch.optim.Adam without amsgrad), on two tiny parameters over three steps with
 * given gradients; worked examples in literal numbers; prototype semantics of {@code copy()};
 * messages for invalid hyper-parameters.
 */
class OptimizerStepTest {

    static final double[] THETA0 = {1.0, -2.0, 0.5};
    static final double THETA0_B = 3.0;
    /** Gradients of the first parameter at steps 1..3, and of the second. */
    static final double[][] GRADS = {{0.5, -1.0, 2.0}, {1.5, 0.25, -0.5}, {-1.0, 2.0, 0.1}};
    static final double[] GRADS_B = {-0.3, 0.7, 4.0};

    static List<Parameter> params() {
        return List.of(new Parameter("a", new DMatrixRMaj(1, 3, true, THETA0.clone())),
                new Parameter("b", new DMatrixRMaj(1, 1, true, THETA0_B)));
    }

    static void setGrads(List<Parameter> ps, int step) {
        for (Parameter p : ps) {
            p.zeroGrad();
        }
        for (int i = 0; i < 3; i++) {
            ps.get(0).grad().data[i] += GRADS[step][i];
        }
        ps.get(1).grad().data[0] += GRADS_B[step];
    }

    /**
     * PyTorch's SGD for one scalar over the steps, from the documented algorithm:
     * g = grad + wd theta; b = g (t = 1) or mu b + g; g = g + mu b (Nesterov) or b; theta -= lr g.
     */
    static double[] torchSgd(double theta, double[] grads, double lr, double mu, boolean nesterov, double wd) {
        final double[] out = new double[grads.length];
        double b = 0;
        for (int t = 0; t < grads.length; t++) {
            double g = grads[t] + wd * theta;
            if (mu != 0) {
                b = t == 0 ? g : mu * b + g;
                g = nesterov ? g + mu * b : b;
            }
            theta = theta - lr * g;
            out[t] = theta;
        }
        return out;
    }

    /**
     * PyTorch's Adam for one scalar: g = grad + wd theta; m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2;
     * theta -= lr (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps).
     */
    static double[] torchAdam(double theta, double[] grads, double lr, double b1, double b2, double eps, double wd) {
        final double[] out = new double[grads.length];
        double m = 0, v = 0;
        for (int t = 1; t <= grads.length; t++) {
            final double g = grads[t - 1] + wd * theta;
            m = b1 * m + (1 - b1) * g;
            v = b2 * v + (1 - b2) * g * g;
            final double mHat = m / (1 - Math.pow(b1, t)), vHat = v / (1 - Math.pow(b2, t));
            theta = theta - lr * mHat / (Math.sqrt(vHat) + eps);
            out[t - 1] = theta;
        }
        return out;
    }

    static double[] column(double[][] g, int i) {
        return new double[] {g[0][i], g[1][i], g[2][i]};
    }

    static void checkAgainst(Optimizer opt, java.util.function.BiFunction<Double, double[], double[]> reference, String label) {
        final List<Parameter> ps = params();
        opt.initialise(ps);
        final double[][] expectedA = new double[3][];
        for (int i = 0; i < 3; i++) {
            expectedA[i] = reference.apply(THETA0[i], column(GRADS, i));
        }
        final double[] expectedB = reference.apply(THETA0_B, GRADS_B);
        for (int t = 0; t < 3; t++) {
            setGrads(ps, t);
            opt.step();
            for (int i = 0; i < 3; i++) {
                assertEquals(expectedA[i][t], ps.get(0).value().data[i], 1e-14 * Math.abs(expectedA[i][t]), label + " step " + (t + 1) + " entry " + i);
            }
            assertEquals(expectedB[t], ps.get(1).value().data[0], 1e-14 * Math.abs(expectedB[t]), label + " step " + (t + 1) + " second parameter");
        }
    }

    @ParameterizedTest(name = "lr={0} momentum={1} nesterov={2} weightDecay={3}")
    @CsvSource({"0.1, 0, false, 0", "0.05, 0.9, false, 0", "0.05, 0.9, true, 0", "0.1, 0, false, 0.01",
        "0.2, 0.5, false, 0.1", "0.2, 0.5, true, 0.1"})
    void sgdFollowsTorchFormulas(double lr, double mu, boolean nesterov, double wd) {
        checkAgainst(new SgdOptimizer(lr, mu, nesterov, wd), (theta, g) -> torchSgd(theta, g, lr, mu, nesterov, wd), "SGD");
    }

    /** PyTorch's SGD with dampening d: b = g (t = 1) or mu b + (1 - d) g, then as {@link #torchSgd} (not Nesterov). */
    static double[] torchSgdDampened(double theta, double[] grads, double lr, double mu, double d, double wd) {
        final double[] out = new double[grads.length];
        double b = 0;
        for (int t = 0; t < grads.length; t++) {
            final double g = grads[t] + wd * theta;
            b = t == 0 ? g : mu * b + (1 - d) * g;
            theta = theta - lr * b;
            out[t] = theta;
        }
        return out;
    }

    @ParameterizedTest(name = "lr={0} momentum={1} dampening={2} weightDecay={3}")
    @CsvSource({"0.1, 0.9, 0.25, 0", "0.05, 0.5, 0.9, 0.1", "0.2, 0.9, 1, 0.01"})
    void sgdWithDampeningFollowsTorchFormulas(double lr, double mu, double d, double wd) {
        checkAgainst(new SgdOptimizer(lr, mu, d, false, wd), (theta, g) -> torchSgdDampened(theta, g, lr, mu, d, wd),
                "SGD dampened");
        assertThrows(IllegalArgumentException.class, () -> new SgdOptimizer(lr, mu, d, true, wd), "Nesterov needs 0");
    }

    @ParameterizedTest(name = "lr={0} betas=({1}, {2}) eps={3} weightDecay={4}")
    @CsvSource({"0.001, 0.9, 0.999, 1e-8, 0", "0.1, 0.9, 0.999, 1e-8, 0", "0.05, 0.5, 0.9, 1e-3, 0.1", "0.01, 0, 0, 1e-8, 0"})
    void adamFollowsTorchFormulas(double lr, double b1, double b2, double eps, double wd) {
        checkAgainst(new AdamOptimizer(lr, b1, b2, eps, wd), (theta, g) -> torchAdam(theta, g, lr, b1, b2, eps, wd), "Adam");
    }

    /** Worked by hand: theta0 = 1, gradients 1 then 2, lr 0.1. */
    @Test
    void sgdWorkedExamples() {
        assertArrayEquals(new double[] {0.9, 0.7}, twoSteps(new SgdOptimizer(0.1)), 1e-15, "plain: 1 - 0.1, 0.9 - 0.2");
        assertArrayEquals(new double[] {0.9, 0.61}, twoSteps(new SgdOptimizer(0.1, 0.9, false, 0)), 1e-15,
                "momentum 0.9: b = 1, then b = 0.9 + 2 = 2.9");
        assertArrayEquals(new double[] {0.81, 0.349}, twoSteps(new SgdOptimizer(0.1, 0.9, true, 0)), 1e-15,
                "Nesterov 0.9: step 1 + 0.9 * 1, then 2 + 0.9 * 2.9 = 4.61");
        assertArrayEquals(new double[] {0.85, 0.6075}, twoSteps(new SgdOptimizer(0.1, 0, false, 0.5)), 1e-15,
                "weight decay 0.5: 1 + 0.5, then 2 + 0.425");
    }

    /**
     * The penalty alone (zero loss gradient): 600 steps just under {@link SgdOptimizer#stableWeightDecayLimit} bring a
     * weight towards 0, just over it they carry it away, for plain, heavy-ball and Nesterov momentum; the limits in
     * literal numbers for lr 0.5.
     */
    @ParameterizedTest(name = "momentum={0} nesterov={1}")
    @CsvSource({"0, false, 4", "0.9, false, 7.6", "0.5, true, 3", "0.9, true, 2.7142857142857144"})
    void theWeightDecayLimitSeparatesShrinkingFromDivergingSteps(double mu, boolean nesterov, double limitAtHalf) {
        assertEquals(limitAtHalf, new SgdOptimizer(0.5, mu, nesterov, 0).stableWeightDecayLimit(), 1e-12);
        final double limit = new SgdOptimizer(0.5, mu, nesterov, 1).stableWeightDecayLimit();
        assertEquals(limitAtHalf, limit, 1e-12, "the limit does not depend on the decay itself");
        assertTrue(penaltyOnly(new SgdOptimizer(0.5, mu, nesterov, 0.99 * limit), 600) < 1e-2, "just under the limit");
        assertTrue(penaltyOnly(new SgdOptimizer(0.5, mu, nesterov, 1.01 * limit), 600) > 1e2, "just over the limit");
    }

    /** |theta| after the steps of the penalty alone from theta = 1. */
    private static double penaltyOnly(SgdOptimizer opt, int steps) {
        final Parameter p = new Parameter("t", new DMatrixRMaj(1, 1, true, 1.0));
        opt.initialise(List.of(p));
        double largest = 0;
        for (int t = 0; t < steps; t++) {
            p.zeroGrad();
            opt.step();
            largest = Math.abs(p.value().data[0]);
        }
        return largest;
    }

    /** Adam's first step is lr g / (|g| + eps): with g = 1, 1 - 0.1 / (1 + 1e-8). */
    @Test
    void adamWorkedExample() {
        final double[] theta = twoSteps(new AdamOptimizer(0.1));
        assertEquals(1 - 0.1 / (1 + 1e-8), theta[0], 1e-16);
        // step 2, g = 2: m = 0.9 * 0.1 + 0.1 * 2 = 0.29, v = 0.999 * 0.001 + 0.001 * 4 = 0.004999,
        // bias corrections 1 - 0.9^2 = 0.19 and 1 - 0.999^2 = 0.001999
        final double mHat = (0.9 * 0.1 + 0.1 * 2) / (1 - 0.81);
        final double vHat = (0.999 * 0.001 + 0.001 * 4) / (1 - 0.999 * 0.999);
        assertEquals(theta[0] - 0.1 * mHat / (Math.sqrt(vHat) + 1e-8), theta[1], 1e-15);
    }

    private static double[] twoSteps(Optimizer opt) {
        final Parameter p = new Parameter("t", new DMatrixRMaj(1, 1, true, 1.0));
        opt.initialise(List.of(p));
        final double[] out = new double[2];
        for (int t = 0; t < 2; t++) {
            p.zeroGrad();
            p.grad().data[0] = t + 1;
            opt.step();
            out[t] = p.value().data[0];
        }
        return out;
    }

    static Stream<Arguments> stateful() {
        return Stream.of(Arguments.of((Supplier<Optimizer>) () -> new SgdOptimizer(0.1, 0.9, false, 0)),
                Arguments.of((Supplier<Optimizer>) () -> new SgdOptimizer(0.1, 0.9, true, 0.01)),
                Arguments.of((Supplier<Optimizer>) () -> new AdamOptimizer(0.05)));
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("stateful")
    void copyHasTheSameConfigurationAndIndependentState(Supplier<Optimizer> make) {
        final Optimizer proto = make.get();
        final Optimizer a = proto.copy();
        assertNotSame(proto, a);
        assertEquals(proto.toString(), a.toString());

        final List<Parameter> pa = params();
        a.initialise(pa);
        setGrads(pa, 0);
        a.step();
        final double[] afterOne = pa.get(0).value().data.clone();
        setGrads(pa, 1);
        a.step();

        // a copy of a trained optimiser starts from scratch: its first step is a's first step
        final Optimizer b = a.copy();
        assertThrows(IllegalStateException.class, b::step, "a copy has no parameters bound");
        final List<Parameter> pb = params();
        b.initialise(pb);
        setGrads(pb, 0);
        b.step();
        assertArrayEquals(afterOne, pb.get(0).value().data, 0.0);

        // re-initialising resets the state as well
        final List<Parameter> pc = params();
        a.initialise(pc);
        setGrads(pc, 0);
        a.step();
        assertArrayEquals(afterOne, pc.get(0).value().data, 0.0);

        assertThrows(IllegalStateException.class, proto::step, "the prototype was never bound");
    }

    @Test
    void stepWithClosureEvaluatesOnceThenSteps() {
        final Parameter p = new Parameter("t", new DMatrixRMaj(1, 1, true, 2.0));
        final SgdOptimizer sgd = new SgdOptimizer(0.25);
        sgd.initialise(List.of(p));
        final int[] calls = {0};
        final double loss = sgd.step(() -> {
            calls[0]++;
            p.zeroGrad();
            p.grad().data[0] = 2 * p.value().data[0];
            return p.value().data[0] * p.value().data[0];
        });
        assertEquals(1, calls[0]);
        assertEquals(4.0, loss, "the loss before the update");
        assertEquals(1.0, p.value().data[0], "2 - 0.25 * 4");
        sgd.zeroGrad();
        assertEquals(0.0, p.grad().data[0]);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of((Supplier<Object>) () -> new SgdOptimizer(0), "SGD learning rate must be a finite number > 0, got 0.0"),
                Arguments.of((Supplier<Object>) () -> new SgdOptimizer(-0.1), "SGD learning rate must be a finite number > 0, got -0.1"),
                Arguments.of((Supplier<Object>) () -> new SgdOptimizer(Double.NaN), "SGD learning rate must be a finite number > 0, got NaN"),
                Arguments.of((Supplier<Object>) () -> new SgdOptimizer(Double.POSITIVE_INFINITY), "SGD learning rate must be a finite number > 0, got Infinity"),
                Arguments.of((Supplier<Object>) () -> new SgdOptimizer(0.1, -0.5, false, 0), "SGD momentum must be in [0, 1), got -0.5"),
                Arguments.of((Supplier<Object>) () -> new SgdOptimizer(0.1, 1.0, false, 0), "SGD momentum must be in [0, 1), got 1.0"),
                Arguments.of((Supplier<Object>) () -> new SgdOptimizer(0.1, Double.NaN, false, 0), "SGD momentum must be in [0, 1), got NaN"),
                Arguments.of((Supplier<Object>) () -> new SgdOptimizer(0.1, 0, true, 0), "SGD Nesterov momentum needs a momentum > 0"),
                Arguments.of((Supplier<Object>) () -> new SgdOptimizer(0.1, 0, false, -1), "SGD weight decay must be a finite number >= 0, got -1.0"),
                Arguments.of((Supplier<Object>) () -> new SgdOptimizer(0.1, 0, false, Double.NaN), "SGD weight decay must be a finite number >= 0, got NaN"),
                Arguments.of((Supplier<Object>) () -> new AdamOptimizer(0), "Adam learning rate must be a finite number > 0, got 0.0"),
                Arguments.of((Supplier<Object>) () -> new AdamOptimizer(0.1, 1.0, 0.999, 1e-8, 0), "Adam betas must be in [0, 1), got 1.0, 0.999"),
                Arguments.of((Supplier<Object>) () -> new AdamOptimizer(0.1, 0.9, -0.1, 1e-8, 0), "Adam betas must be in [0, 1), got 0.9, -0.1"),
                Arguments.of((Supplier<Object>) () -> new AdamOptimizer(0.1, 0.9, 0.999, 0, 0), "Adam eps must be a finite number > 0, got 0.0"),
                Arguments.of((Supplier<Object>) () -> new AdamOptimizer(0.1, 0.9, 0.999, 1e-8, -0.5), "Adam weight decay must be a finite number >= 0, got -0.5"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalid")
    void invalidHyperParametersAreRefusedClearly(Supplier<Object> make, String message) {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, make::get);
        assertEquals(message, e.getMessage());
    }
}

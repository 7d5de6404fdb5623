package neuralglm.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import neuralglm.nn.Parameter;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * L-BFGS on objectives with known minimisers, written as closures over a {@link Parameter}
 * (no layers involved).
 */
class LBFGSTest {

    /** Runs until converged; returns the number of steps. */
    private static int minimise(LbfgsOptimizer opt, Parameter p, Optimizer.Closure f, int maxSteps) {
        opt.initialise(List.of(p));
        int steps = 0;
        while (!opt.converged() && steps < maxSteps) {
            opt.step(f);
            steps++;
        }
        assertTrue(opt.converged(), "not converged after " + maxSteps + " steps");
        return steps;
    }

    /**
     * Extended Rosenbrock {@code f = sum_i 100 (x_{2i+1} - x_{2i}^2)^2 + (1 - x_{2i})^2}, minimum 0 at
     * all ones, from the classic start (-1.2, 1, -1.2, 1, ...).
     */
    private static Optimizer.Closure rosenbrock(Parameter p) {
        return () -> {
            final double[] x = p.value().data, g = p.grad().data;
            p.zeroGrad();
            double f = 0;
            for (int i = 0; i + 1 < p.size(); i += 2) {
                final double a = x[i + 1] - x[i] * x[i], b = 1 - x[i];
                f += 100 * a * a + b * b;
                g[i] += -400 * a * x[i] - 2 * b;
                g[i + 1] += 200 * a;
            }
            return f;
        };
    }

    @Test
    void rosenbrockConvergesToAllOnes() {
        for (int n : new int[] {2, 10}) {
            final DMatrixRMaj start = new DMatrixRMaj(1, n);
            for (int i = 0; i < n; i++) {
                start.data[i] = i % 2 == 0 ? -1.2 : 1.0;
            }
            final Parameter p = new Parameter("x", start);
            final LbfgsOptimizer opt = new LbfgsOptimizer(1e-10, 10, 0.0);
            final int steps = minimise(opt, p, rosenbrock(p), 1000);
            for (int i = 0; i < n; i++) {
                assertEquals(1.0, p.value().data[i], 1e-9, "x[" + i + "] of the " + n + "-d Rosenbrock");
            }
            System.out.printf("Rosenbrock %d-d: %d L-BFGS iterations, %d evaluations%n", n, steps, opt.evaluations());
        }
    }

    @Test
    void weightDecayAddsTheL2Penalty() {
        // f = 0.5 (x - 3)^2 + (lambda/2) x^2 has its minimum at x = 3 / (1 + lambda)
        final double lambda = 0.5;
        final Parameter p = new Parameter("x", new DMatrixRMaj(1, 1));
        minimise(new LbfgsOptimizer(1e-12, 5, lambda), p, () -> {
            final double r = p.value().data[0] - 3;
            p.grad().data[0] = r;
            return 0.5 * r * r;
        }, 100);
        assertEquals(3 / (1 + lambda), p.value().data[0], 1e-12);
    }

    /**
     * The Gamma canonical-link NLL of one observation y = 1 in eta: {@code f = -y eta - log(-eta)},
     * finite only for eta &lt; 0, minimum at eta = -1/y. From eta = -3 the quasi-Newton step of the
     * second iteration lands at eta &gt; 0; the line search must halve it, never accept it.
     */
    @Test
    void aStepOutOfTheDomainIsHalvedNotAccepted() {
        final double y = 1.0;
        final Parameter p = new Parameter("eta", new DMatrixRMaj(1, 1, true, -3.0));
        final List<Double> trials = new ArrayList<>();
        final Optimizer.Closure f = () -> {
            final double eta = p.value().data[0];
            trials.add(eta);
            if (!(eta < 0)) {
                p.grad().data[0] = Double.NaN;
                return Double.POSITIVE_INFINITY;
            }
            p.grad().data[0] = -y - 1 / eta;
            return -y * eta - Math.log(-eta);
        };
        final LbfgsOptimizer opt = new LbfgsOptimizer(1e-12, 10, 0.0);
        opt.initialise(List.of(p));
        int halvings = 0;
        for (int step = 0; step < 100 && !opt.converged(); step++) {
            final double from = p.value().data[0];
            final int first = trials.size();
            opt.step(f);
            for (int t = first; t + 1 < trials.size(); t++) {
                if (!(trials.get(t) < 0)) {
                    // the next trial goes half as far from the iterate along the same direction
                    assertEquals(0.5 * (trials.get(t) - from), trials.get(t + 1) - from, 1e-12 * Math.abs(from));
                    halvings++;
                }
            }
            assertTrue(p.value().data[0] < 0, "iterate left the domain: eta = " + p.value().data[0]);
        }
        assertTrue(halvings > 0, "the scenario never stepped out of the domain; trials " + trials);
        assertTrue(opt.converged());
        assertEquals(-1 / y, p.value().data[0], 1e-12);
    }

    /**
     * An ill-conditioned quadratic on top of a large constant, {@code f = 1e6 + 0.5 x'Ax - b'x}:
     * below gradient ~1e-5 the decrease is smaller than the loss's round-off (ulp(1e6) ~ 1e-10), so
     * only the slope can guide the line search. The gradient tolerance 1e-10 is still met, at the
     * solution of {@code A x = b}.
     */
    @Test
    void meetsTheGradientToleranceBelowTheLossRoundOff() {
        final double[] a = {1.0, 30.0, 1000.0}, b = {1.0, -2.0, 3.0};
        final Parameter p = new Parameter("x", new DMatrixRMaj(1, 3));
        final LbfgsOptimizer opt = new LbfgsOptimizer(1e-10, 10, 0.0);
        minimise(opt, p, () -> {
            final double[] x = p.value().data;
            double f = 1e6;
            for (int i = 0; i < 3; i++) {
                f += 0.5 * a[i] * x[i] * x[i] - b[i] * x[i];
                p.grad().data[i] = a[i] * x[i] - b[i];
            }
            return f;
        }, 500);
        for (int i = 0; i < 3; i++) {
            assertTrue(Math.abs(p.grad().data[i]) <= 1e-10, "gradient " + p.grad().data[i]);
            assertEquals(b[i] / a[i], p.value().data[i], 1e-10);
        }
    }

    /**
     * A finite loss with a NaN (or infinite) gradient entry is not convergence: before, the line search along the NaN
     * direction found no decrease and L-BFGS reported convergence at its start, so training ended "converged" on the
     * unfitted model; now the step's loss is NaN, which the training loop reports as divergence.
     */
    @Test
    void aNonFiniteGradientIsNotConvergence() {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
            final Parameter p = new Parameter("x", new DMatrixRMaj(1, 2, true, 1.0, -2.0));
            final LbfgsOptimizer opt = new LbfgsOptimizer();
            opt.initialise(List.of(p));
            final double loss = opt.step(() -> {
                final double[] x = p.value().data, g = p.grad().data;
                g[0] = 2 * x[0];
                g[1] = bad;
                return x[0] * x[0] + x[1] * x[1];
            });
            assertTrue(Double.isNaN(loss), "gradient entry " + bad + ": step returned " + loss);
            assertTrue(!opt.converged(), "gradient entry " + bad + ": reported convergence");
            assertEquals(1.0, p.value().data[0], 0.0, "the parameters stay where they were");
        }
    }
}

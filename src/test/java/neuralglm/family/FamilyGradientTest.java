package neuralglm.family;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;

import neuralglm.testutil.FamilyCases.Case;
import neuralglm.testutil.FamilyCases;
import neuralglm.testutil.Numeric;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Test group 2, families: the analytic {@code dl/deta} against five-point central differences of
 * the NLL, in the scalar form and in the weighted matrix form (against differences of
 * {@link Family#meanNll}), for every family, several targets and eta values up to |eta| = 50.
 *
 * <p>Steps: h = 1e-3 for unrestricted links (the NLL's derivatives grow at most like exp(2|eta|)
 * relative to its gradient, so the truncation error is about 1e-12 relative), h = 1e-3 |eta| for
 * the canonical Gamma / Inverse Gaussian links (their derivatives scale with powers of 1/eta).
 * Tolerance: 1e-8 relative to max(1, |gradient|) (max(1e-3, |gradient|) for the matrix form) plus
 * the stencil's rounding bound. The matrix form uses rows with |eta| &lt;= 5 (plus logits up to 50 for
 * the categorical family): one huge row would dominate the mean and hide the others in rounding.
 */
class FamilyGradientTest {

    static Stream<Case> families() {
        return FamilyCases.all().stream();
    }

    static double step(Case c, double eta) {
        return c.restricted() ? 1e-3 * Math.abs(eta) : 1e-3;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void scalarGradientMatchesCentralDifferences(Case c) {
        final Family f = c.family();
        double worst = 0;
        for (double y : c.ys()) {
            for (double eta : c.etas()) {
                final DoubleUnaryOperator nll = e -> f.nll(e, y);
                final double h = step(c, eta);
                final double fd = Numeric.derivative(nll, eta, h);
                final double g = f.gradient(eta, y);
                final double err = Math.abs(g - fd);
                final double tol = 1e-8 * Math.max(1, Math.abs(g)) + Numeric.roundingBound(nll, eta, h);
                assertTrue(Double.isFinite(g), f + ": gradient not finite at eta=" + eta + ", y=" + y);
                assertTrue(err <= tol, String.format("%s at eta=%s, y=%s: gradient %s, central difference %s (|diff| %.3e > tol %.3e)",
                        f, eta, y, g, fd, err, tol));
                worst = Math.max(worst, err / Math.max(1, Math.abs(g)));
            }
        }
        System.out.printf("FD scalar %-40s largest |g - fd| / max(1,|g|) = %.2e%n", f, worst);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void weightedMatrixGradientMatchesDifferencesOfMeanNll(Case c) {
        final Family f = c.family();
        final List<double[]> rows = new ArrayList<>();
        for (double y : c.ys()) {
            for (double eta : c.moderateEtas()) {
                rows.add(new double[] {eta, y});
            }
        }
        final int n = rows.size();
        final DMatrixRMaj eta = new DMatrixRMaj(n, 1), y = new DMatrixRMaj(n, 1);
        final double[] w = new double[n];
        final Random rng = new Random(7);
        for (int i = 0; i < n; i++) {
            eta.data[i] = rows.get(i)[0];
            y.data[i] = rows.get(i)[1];
            w[i] = i == 3 ? 0.0 : 0.2 + 3 * rng.nextDouble();
        }
        checkMatrixForm(f, eta, y, w, c.restricted());
        checkMatrixForm(f, eta, y, null, c.restricted());
    }

    /**
     * The categorical family on rows of k = 3 logits, one-hot and soft targets, logits up to 50.
     */
    @Test
    void categoricalMatrixGradientMatchesDifferencesOfMeanNll() {
        final double[][] etas = {{0, 0, 0}, {1.5, -0.3, 2.2}, {50, -50, 0}, {-30, 30, 29.5}, {-4, -4.5, -3}, {10, 9, -20}};
        final double[][] targets = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0.2, 0.3, 0.5}};
        final int n = etas.length * targets.length;
        final DMatrixRMaj eta = new DMatrixRMaj(n, 3), y = new DMatrixRMaj(n, 3);
        final double[] w = new double[n];
        final Random rng = new Random(11);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                eta.set(i, j, etas[i % etas.length][j]);
                y.set(i, j, targets[i / etas.length][j]);
            }
            w[i] = 0.2 + 3 * rng.nextDouble();
        }
        final CategoricalFamily f = new CategoricalFamily();
        checkMatrixForm(f, eta, y, w, false);
        checkMatrixForm(f, eta, y, null, false);
    }

    /**
     * NLL of one row computed in the test: scalar families through {@link Family#nll}, the
     * categorical family as {@code log sum exp(eta) - y . eta} with the maximum subtracted.
     */
    static double rowNll(Family f, DMatrixRMaj eta, DMatrixRMaj y, int i) {
        if (!(f instanceof CategoricalFamily)) {
            return f.nll(eta.get(i, 0), y.get(i, 0));
        }
        double m = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < eta.numCols; j++) {
            m = Math.max(m, eta.get(i, j));
        }
        double s = 0, dot = 0;
        for (int j = 0; j < eta.numCols; j++) {
            s += Math.exp(eta.get(i, j) - m);
            dot += y.get(i, j) * eta.get(i, j);
        }
        return m + Math.log(s) - dot;
    }

    private static void checkMatrixForm(Family f, DMatrixRMaj eta, DMatrixRMaj y, double[] w, boolean restricted) {
        final int n = eta.numRows, k = eta.numCols;
        final DMatrixRMaj grad = new DMatrixRMaj(n, k);
        final double loss = f.gradient(eta, y, w, grad);

        double sw = 0, swl = 0;
        for (int i = 0; i < n; i++) {
            final double wi = w == null ? 1 : w[i];
            sw += wi;
            swl += wi * rowNll(f, eta, y, i);
        }
        assertEquals(swl / sw, loss, 1e-12 * Math.max(1, Math.abs(loss)), f + ": returned loss is not sum w l / sum w");
        assertEquals(loss, f.meanNll(eta, y, w), 1e-12 * Math.max(1, Math.abs(loss)), f + ": meanNll disagrees with gradient's loss");

        double worst = 0;
        for (int idx = 0; idx < n * k; idx++) {
            final int cell = idx;
            final double e0 = eta.data[cell];
            final DMatrixRMaj probe = eta.copy();
            final DoubleUnaryOperator mean = e -> {
                probe.data[cell] = e;
                return f.meanNll(probe, y, w);
            };
            final double h = restricted ? 1e-3 * Math.abs(e0) : 1e-3;
            final double fd = Numeric.derivative(mean, e0, h);
            final double g = grad.data[cell];
            final double tol = 1e-8 * Math.max(1e-3, Math.abs(g)) + Numeric.roundingBound(mean, e0, h);
            assertTrue(Math.abs(g - fd) <= tol, String.format("%s (weights %s) row %d col %d, eta=%s: gradient %s, difference of meanNll %s",
                    f, w == null ? "none" : "random", cell / k, cell % k, e0, g, fd));
            worst = Math.max(worst, Math.abs(g - fd) / Math.max(1e-3, Math.abs(g)));
        }
        if (w != null) {
            System.out.printf("FD matrix %-40s largest |g - fd| / max(1e-3,|g|) = %.2e%n", f, worst);
        }
    }

    /**
     * Softmax where the largest logits are so large that {@code m + log s} rounds to m (NeuralGLMFuzzTest seed 63835:
     * an unstandardised date input and SGD at lr 1 gave two tied logits near 1e20, and the distribution [.., 1, .., 1]
     * summed to 2): the probabilities are {@code exp(eta - m) / s}, summing to 1; an ordinary row keeps
     * {@code exp(eta - lse)}, the closed form's value.
     */
    @Test
    void softmaxOfHugeTiedLogitsSumsToOne() {
        final CategoricalFamily f = new CategoricalFamily();
        final DMatrixRMaj eta = new DMatrixRMaj(new double[][] {{1e20, 1e20, 0}, {-3e17, 5, -3e17}, {3, 1, 2}});
        final DMatrixRMaj mu = new DMatrixRMaj(3, 3);
        f.mean(eta, mu);
        assertEquals(0.5, mu.get(0, 0), 0.0);
        assertEquals(0.5, mu.get(0, 1), 0.0);
        assertEquals(0.0, mu.get(0, 2), 0.0);
        assertEquals(1.0, mu.get(1, 1), 0.0);
        final double s = Math.exp(3) + Math.exp(1) + Math.exp(2);
        for (int j = 0; j < 3; j++) {
            assertEquals(Math.exp(new double[] {3, 1, 2}[j]) / s, mu.get(2, j), 1e-15);
        }
    }

    /**
     * Softmax where the largest logit is large enough that {@code m + log s} is rounded to ulp(m), not lost
     * (NeuralGLMFuzzTest seed 179072: a stream on an unstandardised date input gave logits near 1e10, and
     * [0.702, 0.298, 0.0] summed to 1 + 6.1e-7): the probabilities are {@code exp(eta - m) / s}, summing to 1 within a
     * few ulps and each the closed form of the logits' differences. {@code exp(eta - lse)} here sums to 1 + 5.6e-7.
     */
    @Test
    void softmaxOfLargeLogitsSumsToOne() {
        final CategoricalFamily f = new CategoricalFamily();
        final double m = 1e10;
        final double[] row = {m, m - 0.86, m - 50};
        final DMatrixRMaj eta = new DMatrixRMaj(new double[][] {row, {-m, -m - 0.86, -m - 50}});
        final DMatrixRMaj mu = new DMatrixRMaj(2, 3);
        f.mean(eta, mu);
        for (int i = 0; i < 2; i++) {
            final double s = Math.exp(0) + Math.exp(row[1] - m) + Math.exp(row[2] - m);   // the exact differences
            double sum = 0;
            for (int j = 0; j < 3; j++) {
                assertEquals(Math.exp(row[j] - m) / s, mu.get(i, j), 4 * Math.ulp(mu.get(i, j)), i + " " + j);
                sum += mu.get(i, j);
            }
            assertEquals(1.0, sum, 4 * Math.ulp(1.0), "row " + i);
        }
    }
}

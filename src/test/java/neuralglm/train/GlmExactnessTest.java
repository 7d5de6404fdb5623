package neuralglm.train;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import neuralglm.family.BernoulliFamily;
import neuralglm.family.BinomialFamily;
import neuralglm.family.CategoricalFamily;
import neuralglm.family.Family;
import neuralglm.family.GammaFamily;
import neuralglm.family.GaussianFamily;
import neuralglm.family.InverseGaussianFamily;
import neuralglm.family.Link;
import neuralglm.family.NegativeBinomialFamily;
import neuralglm.family.PoissonFamily;
import neuralglm.family.TweedieFamily;
import neuralglm.nn.Activation;
import neuralglm.nn.Parameter;
import neuralglm.nn.Sequential;
import neuralglm.optim.LbfgsOptimizer;
import neuralglm.optim.Optimizer;
import neuralglm.testutil.ReferenceGlm.Fit;
import neuralglm.testutil.ReferenceGlm;
import neuralglm.testutil.Simulate;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Test group 4, GLM exactness: a network with no hidden layer trained by L-BFGS reaches the
 * maximum-likelihood coefficients and deviance of an independent solver written in the test
 * ({@link ReferenceGlm}: normal equations, IRLS, multinomial Newton), on seeded simulated data.
 * <p>Errors: coefficients {@code max_j |b_j - b_ref_j| / max_j |b_ref_j|}; deviance
 * {@code |D - D_ref| / D_ref}. The bar is 1e-6; L-BFGS reaches about 1e-12 here.
 * For Categorical the network's k outputs are over-parametrised, so the identifiable contrasts
 * {@code b_j - b_0} are compared with the reference's baseline-category coefficients.
 */
class GlmExactnessTest {

    /**
     * The issue asks 1e-6 of this test and 1e-8 of L-BFGS on a GLM; with a gradient tolerance of 1e-12
     * the errors measured are 1e-12 to 1e-14, so the stricter 1e-8 is asserted.
     */
    private static final double TOLERANCE = 1e-8;
    private static final int N = 400;

    /** One simulated problem: covariates, targets (n x k for the engine), weights, the reference fit. */
    private record Problem(double[][] x, DMatrixRMaj y, double[] w, Fit reference, boolean nullStart) {
    }

    // ------------------------------------------------------------------ the problems

    private static double linear(double[] beta, double[] xi) {
        double e = beta[0];
        for (int j = 0; j < xi.length; j++) {
            e += beta[j + 1] * xi[j];
        }
        return e;
    }

    private static DMatrixRMaj column(double[] y) {
        return new DMatrixRMaj(y.length, 1, true, y);
    }

    /** A scalar-family problem: eta_i = beta'[1, x_i], y_i drawn from mu_i by {@code draw}. */
    private static Problem scalar(long seed, int d, boolean uniform, boolean weighted, double[] beta,
                                  java.util.function.DoubleUnaryOperator mean,
                                  java.util.function.BiFunction<Random, Double, Double> draw,
                                  ReferenceGlm.Spec spec, boolean nullStart) {
        final Random rng = new Random(seed);
        final double[][] x = uniform ? Simulate.uniformCovariates(rng, N, d) : Simulate.normalCovariates(rng, N, d);
        final double[] y = new double[N];
        for (int i = 0; i < N; i++) {
            y[i] = draw.apply(rng, mean.applyAsDouble(linear(beta, x[i])));
        }
        final double[] w = weighted ? Simulate.weights(rng, N) : null;
        final Fit ref = spec == null ? ReferenceGlm.normalEquations(x, y, w) : ReferenceGlm.irls(spec, x, y, w);
        return new Problem(x, column(y), w, ref, nullStart);
    }

    private static Problem binomialWithTrials(long seed) {
        final Random rng = new Random(seed);
        final double[] beta = {0.2, 0.8, -0.6};
        final double[][] x = Simulate.normalCovariates(rng, N, 2);
        final double[] y = new double[N], trials = new double[N];
        for (int i = 0; i < N; i++) {
            final double p = 1 / (1 + Math.exp(-linear(beta, x[i])));
            final int n = 1 + rng.nextInt(20);
            int s = 0;
            for (int t = 0; t < n; t++) {
                s += rng.nextDouble() < p ? 1 : 0;
            }
            trials[i] = n;
            y[i] = (double) s / n;
        }
        return new Problem(x, column(y), trials, ReferenceGlm.irls(ReferenceGlm.binomial(), x, y, trials), false);
    }

    private static Problem categorical(long seed) {
        final Random rng = new Random(seed);
        final int k = 3;
        final double[][] contrasts = {{0.3, 1.0, -0.5}, {-0.2, -0.7, 0.9}};
        final double[][] x = Simulate.normalCovariates(rng, N, 2);
        final int[] cls = new int[N];
        final DMatrixRMaj y = new DMatrixRMaj(N, k);
        for (int i = 0; i < N; i++) {
            final double[] e = {0, linear(contrasts[0], x[i]), linear(contrasts[1], x[i])};
            double sum = 0;
            for (double v : e) {
                sum += Math.exp(v);
            }
            double u = rng.nextDouble() * sum;
            int c = 0;
            while (c < k - 1 && (u -= Math.exp(e[c])) > 0) {
                c++;
            }
            cls[i] = c;
            y.set(i, c, 1.0);
        }
        final double[] w = Simulate.weights(rng, N);
        return new Problem(x, y, w, ReferenceGlm.multinomial(x, cls, k, w), false);
    }

    static Stream<Arguments> families() {
        final double gammaShape = 3, igLambda = 4, alpha = 0.5, power = 1.5;
        return Stream.of(
                Arguments.of(new GaussianFamily(), scalar(11, 3, false, true, new double[] {1.5, 2.0, -1.0, 0.5},
                        e -> e, (r, m) -> m + 0.8 * r.nextGaussian(), null, false)),
                Arguments.of(new BernoulliFamily(), scalar(12, 3, false, false, new double[] {-0.5, 1.2, -0.8, 0.4},
                        e -> 1 / (1 + Math.exp(-e)), (r, m) -> r.nextDouble() < m ? 1.0 : 0.0,
                        ReferenceGlm.binomial(), false)),
                Arguments.of(new CategoricalFamily(), categorical(13)),
                Arguments.of(new PoissonFamily(), scalar(14, 3, false, true, new double[] {0.5, 0.4, -0.3, 0.2},
                        Math::exp, (r, m) -> (double) Simulate.poisson(r, m), ReferenceGlm.poisson(), false)),
                Arguments.of(new BinomialFamily(), binomialWithTrials(15)),
                Arguments.of(new GammaFamily(Link.LOG), scalar(16, 3, false, true, new double[] {1.0, 0.3, -0.2, 0.4},
                        Math::exp, (r, m) -> Simulate.gamma(r, gammaShape, m / gammaShape), ReferenceGlm.gammaLog(), false)),
                Arguments.of(new GammaFamily(Link.NEGATIVE_INVERSE), scalar(17, 3, true, true, new double[] {-1.0, 0.3, -0.2, 0.25},
                        e -> -1 / e, (r, m) -> Simulate.gamma(r, gammaShape, m / gammaShape), ReferenceGlm.gammaCanonical(), true)),
                // eta up to -0.03 (Gamma) and -0.005 (inverse Gaussian): some L-BFGS trials leave the domain and are halved
                Arguments.of(Named.of("Gamma(link=canonical (-1/mu)), eta near 0", new GammaFamily(Link.NEGATIVE_INVERSE)), scalar(22, 2, true, false, new double[] {-0.4, 0.2, -0.17},
                        e -> -1 / e, (r, m) -> Simulate.gamma(r, 1.5, m / 1.5), ReferenceGlm.gammaCanonical(), true)),
                Arguments.of(Named.of("InverseGaussian(link=canonical (-1/(2 mu^2))), eta near 0",
                                new InverseGaussianFamily(Link.NEGATIVE_HALF_INVERSE_SQUARED)),
                        scalar(23, 2, true, false, new double[] {-0.2, 0.11, -0.085},
                                e -> 1 / Math.sqrt(-2 * e), (r, m) -> Simulate.inverseGaussian(r, m, 1.0),
                                ReferenceGlm.inverseGaussianCanonical(), true)),
                Arguments.of(new InverseGaussianFamily(Link.LOG), scalar(18, 2, false, false, new double[] {0.5, 0.3, -0.2},
                        Math::exp, (r, m) -> Simulate.inverseGaussian(r, m, igLambda), ReferenceGlm.inverseGaussianLog(), false)),
                Arguments.of(new InverseGaussianFamily(Link.NEGATIVE_HALF_INVERSE_SQUARED),
                        scalar(19, 2, true, true, new double[] {-0.5, 0.1, -0.15},
                                e -> 1 / Math.sqrt(-2 * e), (r, m) -> Simulate.inverseGaussian(r, m, igLambda),
                                ReferenceGlm.inverseGaussianCanonical(), true)),
                Arguments.of(new NegativeBinomialFamily(alpha), scalar(20, 2, false, false, new double[] {1.0, 0.5, -0.3},
                        Math::exp, (r, m) -> (double) Simulate.poisson(r, Simulate.gamma(r, 1 / alpha, alpha * m)),
                        ReferenceGlm.negativeBinomial(alpha), false)),
                Arguments.of(new TweedieFamily(power), scalar(21, 2, false, true, new double[] {0.5, 0.4, -0.3},
                        Math::exp, (r, m) -> Simulate.compoundPoissonGamma(r, m, power, 1.0),
                        ReferenceGlm.tweedie(power), false)));
    }

    // ------------------------------------------------------------------ the test

    /** Counts objective evaluations of the optimiser copy the trainer makes. */
    private static final class Counting extends Optimizer {
        private static final long serialVersionUID = 1L;
        private final Optimizer inner;
        private final AtomicInteger evaluations;
        private final AtomicInteger outOfDomain;

        Counting(Optimizer inner, AtomicInteger evaluations, AtomicInteger outOfDomain) {
            this.inner = inner;
            this.evaluations = evaluations;
            this.outOfDomain = outOfDomain;
        }

        @Override public Optimizer initialise(List<Parameter> parameters) {
            inner.initialise(parameters);
            return super.initialise(parameters);
        }
        @Override protected void resetState() { }
        @Override public Optimizer copy() { return new Counting(inner.copy(), evaluations, outOfDomain); }
        @Override public void step() { inner.step(); }
        @Override public double step(Closure c) {
            return inner.step(() -> {
                evaluations.incrementAndGet();
                final double loss = c.evaluate();
                if (!Double.isFinite(loss)) {
                    outOfDomain.incrementAndGet();
                }
                return loss;
            });
        }
        @Override public boolean converged() { return inner.converged(); }
        @Override public boolean needsFullBatch() { return inner.needsFullBatch(); }
    }

    private static DMatrixRMaj matrix(double[][] x) {
        final DMatrixRMaj m = new DMatrixRMaj(x.length, x[0].length);
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[0].length; j++) {
                m.set(i, j, x[i][j]);
            }
        }
        return m;
    }

    private static double maxAbs(double[][] a) {
        double m = 0;
        for (double[] row : a) {
            for (double v : row) {
                m = Math.max(m, Math.abs(v));
            }
        }
        return m;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void zeroHiddenLayersAndLbfgsReachTheMaximumLikelihoodFit(Family family, Problem problem, TestInfo info) {
        final Fit ref = problem.reference();
        // the reference itself must be at a stationary point of the likelihood
        assertTrue(ref.maxScore() < 1e-10, () -> "reference not converged: mean score " + ref.maxScore());

        final DMatrixRMaj x = matrix(problem.x());
        final int d = x.numCols, k = problem.y().numCols;
        final Sequential net = Sequential.mlp(d, new int[0], Activation.Identity::new, k, new Random(7));
        if (problem.nullStart()) {
            NullStart.apply(net, family, problem.y(), problem.w());
        }
        final AtomicInteger evaluations = new AtomicInteger(), outOfDomain = new AtomicInteger();
        final TrainingResult result = new Trainer(2000).fit(net, family,
                new Counting(new LbfgsOptimizer(1e-12, 10, 0.0), evaluations, outOfDomain), x, problem.y(), problem.w());

        // network coefficients as rows (intercept, slopes) per output
        final DMatrixRMaj weight = net.parameter("fc1.weight").value(), bias = net.parameter("fc1.bias").value();
        final double[][] b = new double[k][d + 1];
        for (int j = 0; j < k; j++) {
            b[j][0] = bias.get(0, j);
            for (int q = 0; q < d; q++) {
                b[j][q + 1] = weight.get(j, q);
            }
        }
        final double[][] coef;
        if (family instanceof CategoricalFamily) {
            coef = new double[k - 1][d + 1];
            for (int j = 1; j < k; j++) {
                for (int q = 0; q <= d; q++) {
                    coef[j - 1][q] = b[j][q] - b[0][q];
                }
            }
        } else {
            coef = b;
        }
        final double[][] diff = new double[coef.length][d + 1];
        for (int j = 0; j < coef.length; j++) {
            for (int q = 0; q <= d; q++) {
                diff[j][q] = coef[j][q] - ref.beta()[j][q];
            }
        }
        final double coefError = maxAbs(diff) / maxAbs(ref.beta());
        final double deviance = family.deviance(net.predict(x), problem.y(), problem.w());
        final double devError = Math.abs(deviance - ref.deviance()) / ref.deviance();
        System.out.printf("GLM exactness %-60s coef rel err %.2e  deviance rel err %.2e  (D = %.10g)  "
                        + "L-BFGS %d iterations, %d evaluations (%d out of domain), converged %s; reference %d iterations%n",
                info.getDisplayName(), coefError, devError, ref.deviance(), result.epochs(), evaluations.get(), outOfDomain.get(),
                result.converged(),
                ref.iterations());
        assertTrue(result.converged(), () -> family + ": L-BFGS did not converge: " + result);
        assertTrue(coefError < TOLERANCE, () -> family + ": coefficient relative error " + coefError);
        assertTrue(devError < TOLERANCE, () -> family + ": deviance relative error " + devError);
    }

    /**
     * A canonical Gamma fit started outside its domain (bias +1, so eta &gt;= 0 on some rows) is
     * refused with a message naming the link's domain, not trained into NaN; {@link NullStart} is
     * the remedy, and it puts every row at eta = -1/ybar.
     */
    @Test
    void canonicalLinkStartedOutsideItsDomainIsAClearError() {
        final Family family = new GammaFamily(Link.NEGATIVE_INVERSE);
        final Problem problem = scalar(17, 3, true, true, new double[] {-1.0, 0.3, -0.2, 0.25},
                e -> -1 / e, (r, m) -> Simulate.gamma(r, 3, m / 3), ReferenceGlm.gammaCanonical(), true);
        final DMatrixRMaj x = matrix(problem.x());
        final Sequential net = Sequential.mlp(3, new int[0], Activation.Identity::new, 1, new Random(7));
        net.parameter("fc1.bias").set(new double[] {1.0});
        final TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> new Trainer(50)
                .fit(net, family, new LbfgsOptimizer(), x, problem.y(), problem.w()));
        assertTrue(e.getMessage().contains("eta < 0"), e.getMessage());

        NullStart.apply(net, family, problem.y(), problem.w());
        double ybar = 0, total = 0;
        for (int i = 0; i < x.numRows; i++) {
            ybar += problem.w()[i] * problem.y().get(i, 0);
            total += problem.w()[i];
        }
        final DMatrixRMaj eta = net.predict(x);
        for (int i = 0; i < x.numRows; i++) {
            assertTrue(Math.abs(eta.get(i, 0) + total / ybar) <= 1e-14 * total / ybar, "row " + i + ": eta " + eta.get(i, 0));
        }
    }
}

package neuralglm.dist;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import neuralglm.family.Family;
import neuralglm.family.GammaFamily;
import neuralglm.family.GaussianFamily;
import neuralglm.family.InverseGaussianFamily;
import neuralglm.family.Link;
import neuralglm.family.NegativeBinomialFamily;
import neuralglm.family.PoissonFamily;
import neuralglm.family.TweedieFamily;
import neuralglm.nn.Activation;
import neuralglm.nn.Sequential;
import neuralglm.optim.LbfgsOptimizer;
import neuralglm.testutil.Simulate;
import neuralglm.train.NullStart;
import neuralglm.train.Trainer;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Interval coverage on simulated data with known truth: a GLM (no hidden layer) is fitted by the
 * engine (Trainer + L-BFGS) to 2000 rows, the dispersion estimated from them (Pearson; for the
 * negative binomial, alpha by maximum likelihood at the fitted means and one refit), and the 95%
 * central interval {@code [q(0.025), q(0.975)]} at each fitted mean is checked on fresh rows, with the
 * Pearson and with the deviance estimate of phi (and, for Gamma, the maximum-likelihood one).
 * <ul>
 * <li>continuous families: coverage within 0.95 +- 0.02;</li>
 * <li>counts and Tweedie (an atom at 0): the interval of a discrete law holds at least 95% of the
 * fitted law's mass, so the coverage is at least nominal up to estimation noise (asserted &gt;= 0.93),
 * and it is compared with the coverage the truth implies, {@code mean_i P_true(L_i <= y <= U_i)},
 * within 4 binomial standard errors plus 0.005 for the estimated mean.</li>
 * </ul>
 */
class CoverageTest {

    private static final int N_TRAIN = 2000;
    private static final double CONFIDENCE = 0.95;
    private static final double[] BETA = {0.8, 0.35, -0.25, 0.2};

    /** A family, its true dispersion and a sampler of y given mu. */
    private record Truth(String name, Family family, BiFunction<Double, Random, Double> draw,
                         java.util.function.DoubleFunction<ResponseDistribution> law, int testRows) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> truths() {
        return Stream.of(
                Arguments.of(new Truth("Gaussian sigma 0.8", new GaussianFamily(),
                        (m, r) -> m + 0.8 * r.nextGaussian(), m -> new NormalDistribution(m, 0.64), 20000)),
                Arguments.of(new Truth("Poisson", new PoissonFamily(),
                        (m, r) -> new PoissonDistribution(m).sample(r), PoissonDistribution::new, 20000)),
                Arguments.of(new Truth("Gamma shape 3 (log link)", new GammaFamily(Link.LOG),
                        (m, r) -> new GammaDistribution(m, 1 / 3.0).sample(r), m -> new GammaDistribution(m, 1 / 3.0), 20000)),
                Arguments.of(new Truth("InverseGaussian phi 0.3 (log link)", new InverseGaussianFamily(Link.LOG),
                        (m, r) -> new InverseGaussianDistribution(m, 0.3).sample(r), m -> new InverseGaussianDistribution(m, 0.3), 20000)),
                Arguments.of(new Truth("NegativeBinomial alpha 0.5", new NegativeBinomialFamily(1.0),
                        (m, r) -> new NegativeBinomialDistribution(m, 0.5).sample(r), m -> new NegativeBinomialDistribution(m, 0.5), 20000)),
                Arguments.of(new Truth("Tweedie p 1.5 phi 1", new TweedieFamily(1.5),
                        (m, r) -> new TweedieDistribution(m, 1.0, 1.5).sample(r), m -> new TweedieDistribution(m, 1.0, 1.5), 5000)));
    }

    private static double[][] rowsAndTargets(Truth t, Random rng, int n, DMatrixRMaj x, DMatrixRMaj y) {
        final double[][] cov = Simulate.normalCovariates(rng, n, BETA.length - 1);
        final double[] trueMu = new double[n];
        for (int i = 0; i < n; i++) {
            double eta = BETA[0];
            for (int j = 1; j < BETA.length; j++) {
                eta += BETA[j] * cov[i][j - 1];
                x.set(i, j - 1, cov[i][j - 1]);
            }
            trueMu[i] = t.family instanceof GaussianFamily ? eta : Math.exp(eta);
            y.data[i] = t.draw.apply(trueMu[i], rng);
        }
        return new double[][] {trueMu};
    }

    private static DMatrixRMaj fit(Sequential net, Family family, DMatrixRMaj x, DMatrixRMaj y) {
        NullStart.apply(net, family, y, null);
        new Trainer(1000).fit(net, family, new LbfgsOptimizer(1e-10, 10, 0.0), x, y, null);
        return net.predict(x);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("truths")
    void ninetyFivePercentIntervalsCoverFreshDraws(Truth t) {
        final Random rng = new Random(31 + t.name.hashCode());
        final int d = BETA.length - 1, p = BETA.length;
        final DMatrixRMaj x = new DMatrixRMaj(N_TRAIN, d), y = new DMatrixRMaj(N_TRAIN, 1);
        rowsAndTargets(t, rng, N_TRAIN, x, y);

        Family family = t.family;
        Sequential net = Sequential.mlp(d, new int[0], Activation.Identity::new, 1, new Random(7));
        DMatrixRMaj eta = fit(net, family, x, y);
        double phi = DispersionEstimator.PEARSON.estimate(family, eta, y, null, p);
        final double phiDeviance = DispersionEstimator.DEVIANCE.estimate(family, eta, y, null, p);
        String estimate = String.format("phi Pearson %.4f, deviance %.4f", phi, phiDeviance);
        if (family instanceof NegativeBinomialFamily) {
            // alpha at the fitted means, one refit at that alpha, alpha again
            double alpha = MaximumLikelihood.negativeBinomialAlpha(y.data, means(family, eta), null);
            family = new NegativeBinomialFamily(alpha);
            net = Sequential.mlp(d, new int[0], Activation.Identity::new, 1, new Random(7));
            eta = fit(net, family, x, y);
            alpha = MaximumLikelihood.negativeBinomialAlpha(y.data, means(family, eta), null);
            family = new NegativeBinomialFamily(alpha);
            estimate = String.format("alpha (ML) %.4f", alpha);
        }

        final int m = t.testRows;
        final DMatrixRMaj xt = new DMatrixRMaj(m, d), yt = new DMatrixRMaj(m, 1);
        final double[] trueMu = rowsAndTargets(t, rng, m, xt, yt)[0];
        final double[] mu = means(family, net.predict(xt));
        final double se = Math.sqrt(CONFIDENCE * (1 - CONFIDENCE) / m);
        final boolean lattice = family instanceof PoissonFamily || family instanceof NegativeBinomialFamily || family instanceof TweedieFamily;
        final double[] phis = family.hasFixedDispersion() ? new double[] {phi}
                : family instanceof GammaFamily ? new double[] {phi, phiDeviance, MaximumLikelihood.gammaDispersion(y.data, means(family, eta), null)}
                : new double[] {phi, phiDeviance};
        final String[] names = {" (Pearson phi)", " (deviance phi)", " (ML phi)"};
        for (int e = 0; e < phis.length; e++) {
            final double[] c = coverage(t, family, mu, phis[e], yt.data, trueMu);
            final String which = family.hasFixedDispersion() ? "" : names[e] + String.format(" %.4f", phis[e]);
            System.out.printf("coverage %-36s %s: %d fresh rows, 95%% interval%s covers %.4f (truth implies %.4f, se %.4f)%n",
                    t.name, estimate, m, which, c[0], c[1], se);
            if (lattice) {
                assertTrue(c[0] >= CONFIDENCE - 0.02, t + which + ": coverage " + c[0] + " below 0.93");
                assertTrue(Math.abs(c[0] - c[1]) < 4 * se + 0.005, t + which + ": coverage " + c[0] + " but the truth implies " + c[1]);
            } else {
                assertTrue(Math.abs(c[0] - CONFIDENCE) <= 0.02, t + which + ": coverage " + c[0] + " not within 0.95 +- 0.02");
            }
        }
    }

    /** @return {fraction of y in its interval, mean probability of the interval under the true law} */
    private static double[] coverage(Truth t, Family family, double[] mu, double phi, double[] y, double[] trueMu) {
        int covered = 0;
        double implied = 0;
        for (int i = 0; i < mu.length; i++) {
            final ResponseDistribution fitted = Distributions.of(family, mu[i], phi);
            final double[] iv = fitted.interval(CONFIDENCE);
            if (y[i] >= iv[0] && y[i] <= iv[1]) {
                covered++;
            }
            final ResponseDistribution truth = t.law.apply(trueMu[i]);
            final double below = iv[0] <= 0 && (fitted.isDiscrete() || family instanceof TweedieFamily) ? 0.0
                    : truth.cdf(fitted.isDiscrete() ? iv[0] - 0.5 : iv[0]);
            implied += truth.cdf(iv[1]) - below;
        }
        return new double[] {(double) covered / mu.length, implied / mu.length};
    }

    private static double[] means(Family family, DMatrixRMaj eta) {
        final double[] mu = new double[eta.numRows];
        for (int i = 0; i < mu.length; i++) {
            mu[i] = family.mean(eta.data[i]);
        }
        return mu;
    }
}

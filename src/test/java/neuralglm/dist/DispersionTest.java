package neuralglm.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.DoubleBinaryOperator;

import neuralglm.family.Family;
import neuralglm.family.GammaFamily;
import neuralglm.family.GaussianFamily;
import neuralglm.family.InverseGaussianFamily;
import neuralglm.family.Link;
import neuralglm.family.PoissonFamily;
import neuralglm.family.TweedieFamily;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Dispersion estimates against sums written here from the textbook unit deviances and variance
 * functions, their recovery of a known phi, and the maximum-likelihood negative binomial alpha
 * against a golden-section search on the log-likelihood summed here as {@code sum_j log(r + j)}
 * (no log-gamma, no digamma).
 */
class DispersionTest {

    private record Data(DMatrixRMaj eta, DMatrixRMaj y, double[] w, double[] mu) {
    }

    private static Data data(Family f, long seed, int n, java.util.function.BiFunction<Random, Double, Double> draw) {
        final Random rng = new Random(seed);
        final DMatrixRMaj eta = new DMatrixRMaj(n, 1), y = new DMatrixRMaj(n, 1);
        final double[] w = new double[n], mu = new double[n];
        for (int i = 0; i < n; i++) {
            mu[i] = Math.exp(0.5 + 0.6 * rng.nextGaussian());
            eta.data[i] = f.link().apply(mu[i]);
            y.data[i] = draw.apply(rng, mu[i]);
            w[i] = 0.5 + rng.nextDouble();
        }
        return new Data(eta, y, w, mu);
    }

    private static double ratio(Data d, int p, DoubleBinaryOperator unit) {
        double s = 0, sw = 0;
        for (int i = 0; i < d.mu.length; i++) {
            s += d.w[i] * unit.applyAsDouble(d.y.data[i], d.mu[i]);
            sw += d.w[i];
        }
        return s / (sw - p);
    }

    @Test
    void pearsonAndDevianceEstimatesMatchTextbookSumsAndRecoverPhi() {
        final int p = 3;
        final double phi = 0.25, power = 1.6;
        final Data gamma = data(new GammaFamily(Link.LOG), 1, 20000, (r, m) -> new GammaDistribution(m, phi).sample(r));
        final Data ig = data(new InverseGaussianFamily(Link.LOG), 2, 20000, (r, m) -> new InverseGaussianDistribution(m, phi).sample(r));
        final Data gauss = data(new GaussianFamily(), 3, 20000, (r, m) -> m + Math.sqrt(phi) * r.nextGaussian());
        final Data tw = data(new TweedieFamily(power), 4, 20000, (r, m) -> new TweedieDistribution(m, phi, power).sample(r));
        final Object[][] cases = {
            {new GammaFamily(Link.LOG), gamma, (DoubleBinaryOperator) (y, m) -> 2 * (-Math.log(y / m) + (y - m) / m),
                (DoubleBinaryOperator) (y, m) -> (y - m) * (y - m) / (m * m)},
            {new InverseGaussianFamily(Link.LOG), ig, (DoubleBinaryOperator) (y, m) -> (y - m) * (y - m) / (m * m * y),
                (DoubleBinaryOperator) (y, m) -> (y - m) * (y - m) / (m * m * m)},
            {new GaussianFamily(), gauss, (DoubleBinaryOperator) (y, m) -> (y - m) * (y - m),
                (DoubleBinaryOperator) (y, m) -> (y - m) * (y - m)},
            {new TweedieFamily(power), tw, (DoubleBinaryOperator) (y, m) -> 2 * (Math.pow(y, 2 - power) / ((1 - power) * (2 - power))
                    - y * Math.pow(m, 1 - power) / (1 - power) + Math.pow(m, 2 - power) / (2 - power)),
                (DoubleBinaryOperator) (y, m) -> (y - m) * (y - m) / Math.pow(m, power)},
        };
        for (Object[] c : cases) {
            final Family f = (Family) c[0];
            final Data d = (Data) c[1];
            final double dev = DispersionEstimator.DEVIANCE.estimate(f, d.eta, d.y, d.w, p);
            final double pearson = DispersionEstimator.PEARSON.estimate(f, d.eta, d.y, d.w, p);
            assertEquals(ratio(d, p, (DoubleBinaryOperator) c[2]), dev, 1e-10 * dev, f + ": deviance estimate");
            assertEquals(ratio(d, p, (DoubleBinaryOperator) c[3]), pearson, 1e-10 * pearson, f + ": Pearson estimate");
            System.out.printf("dispersion %-40s true phi %.3f  Pearson %.4f  deviance %.4f%n", f, phi, pearson, dev);
            // the Pearson estimate is consistent: within 5% of phi at n = 20000
            assertEquals(phi, pearson, 0.05 * phi, f + ": Pearson estimate of phi");
        }
        final Data pois = data(new PoissonFamily(), 5, 100, (r, m) -> new PoissonDistribution(m).sample(r));
        assertEquals(1.0, DispersionEstimator.DEVIANCE.estimate(new PoissonFamily(), pois.eta, pois.y, pois.w, 2));
        assertTrue(Double.isNaN(DispersionEstimator.DEVIANCE.estimate(new GaussianFamily(), gauss.eta, gauss.y, null, 20000)),
                "no residual degrees of freedom");
    }

    /** @return {y, mu, w}: mu = exp(level + z/2), y drawn from law(mu), w uniform in (0.5, 1.5) */
    private static double[][] simulate(long seed, int n, double level, java.util.function.DoubleFunction<ResponseDistribution> law) {
        final Random rng = new Random(seed);
        final double[] y = new double[n], mu = new double[n], w = new double[n];
        for (int i = 0; i < n; i++) {
            mu[i] = Math.exp(level + 0.5 * rng.nextGaussian());
            y[i] = law.apply(mu[i]).sample(rng);
            w[i] = 0.5 + rng.nextDouble();
        }
        return new double[][] {y, mu, w};
    }

    /** The NB2 log-likelihood at r = 1/alpha, with log Gamma(y + r) - log Gamma(r) summed as sum_{j<y} log(r + j). */
    private static double nbLogLik(double[] y, double[] mu, double[] w, double alpha) {
        final double r = 1 / alpha;
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            double rising = 0;
            for (int j = 0; j < y[i]; j++) {
                rising += Math.log(r + j);
            }
            s += w[i] * (rising + r * Math.log(r / (r + mu[i])) + y[i] * Math.log(mu[i] / (r + mu[i])));
        }
        return s;
    }

    @Test
    void maximumLikelihoodAlphaMaximisesTheLikelihoodAndRecoversTheTruth() {
        final double alpha = 0.8;
        final int n = 5000;
        final double[][] sim = simulate(11, n, 1.0, m -> new NegativeBinomialDistribution(m, alpha));
        final double[] y = sim[0], mu = sim[1], w = sim[2];
        final double ml = MaximumLikelihood.negativeBinomialAlpha(y, mu, w);
        final double golden = Math.exp(goldenMax(la -> nbLogLik(y, mu, w, Math.exp(la)), Math.log(0.01), Math.log(100)));
        System.out.printf("NB alpha: true %.3f, maximum likelihood %.6f, golden section %.6f%n", alpha, ml, golden);
        assertEquals(golden, ml, 1e-6 * golden, "maximum-likelihood alpha against golden section");
        assertEquals(alpha, ml, 0.1 * alpha, "alpha recovered from 5000 draws");

        // equidispersed (Poisson) counts: the likelihood increases towards alpha = 0
        final double[] py = new double[n];
        final Random r2 = new Random(12);
        for (int i = 0; i < n; i++) {
            py[i] = new PoissonDistribution(mu[i]).sample(r2);
        }
        final double poissonAlpha = MaximumLikelihood.negativeBinomialAlpha(py, mu, null);
        assertTrue(poissonAlpha < 0.02, "alpha of Poisson counts " + poissonAlpha);

        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MaximumLikelihood.negativeBinomialAlpha(new double[] {1, -2}, new double[] {1, 1}, null));
        assertTrue(e.getMessage().contains("row 1") && e.getMessage().contains("-2"), e.getMessage());
    }

    /** Golden-section search for the maximum of f on [a, b] (log scale outside). */
    private static double goldenMax(java.util.function.DoubleUnaryOperator f, double a, double b) {
        final double g = (Math.sqrt(5) - 1) / 2;
        while (b - a > 1e-10) {
            final double c = b - g * (b - a), d = a + g * (b - a);
            if (f.applyAsDouble(c) > f.applyAsDouble(d)) {
                b = d;
            } else {
                a = c;
            }
        }
        return 0.5 * (a + b);
    }

    @Test
    void maximumLikelihoodGammaDispersionMaximisesTheLikelihood() {
        final double phi = 0.25;
        final int n = 5000;
        final double[][] sim = simulate(13, n, 0.3, m -> new GammaDistribution(m, phi));
        final double[] y = sim[0], mu = sim[1], w = sim[2];
        // log-likelihood in k = 1/phi, written out with Lanczos' log-gamma
        final double logK = goldenMax(lk -> {
            final double k = Math.exp(lk);
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += w[i] * (k * Math.log(k / mu[i]) + (k - 1) * Math.log(y[i]) - k * y[i] / mu[i] - Reference.logGamma(k));
            }
            return s;
        }, Math.log(0.01), Math.log(100));
        final double ml = MaximumLikelihood.gammaDispersion(y, mu, w);
        System.out.printf("Gamma phi: true %.3f, maximum likelihood %.6f, golden section %.6f%n", phi, ml, Math.exp(-logK));
        assertEquals(Math.exp(-logK), ml, 1e-7 * ml, "maximum-likelihood phi against golden section");
        assertEquals(phi, ml, 0.05 * phi, "phi recovered from 5000 draws");
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MaximumLikelihood.gammaDispersion(new double[] {1, 0}, new double[] {1, 1}, null));
        assertTrue(e.getMessage().contains("row 1") && e.getMessage().contains("> 0"), e.getMessage());
    }
}

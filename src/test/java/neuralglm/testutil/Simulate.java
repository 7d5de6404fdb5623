package neuralglm.testutil;

import java.util.Random;

/** Seeded random variates for simulated regression data (tests only). */
public final class Simulate {

    private Simulate() {
    }

    /** @return n x d standard normal covariates */
    public static double[][] normalCovariates(Random rng, int n, int d) {
        final double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                row[j] = rng.nextGaussian();
            }
        }
        return x;
    }

    /** @return n x d covariates uniform in (-1, 1) */
    public static double[][] uniformCovariates(Random rng, int n, int d) {
        final double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                row[j] = 2 * rng.nextDouble() - 1;
            }
        }
        return x;
    }

    /** @return n instance weights uniform in (0.5, 2) */
    public static double[] weights(Random rng, int n) {
        final double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 0.5 + 1.5 * rng.nextDouble();
        }
        return w;
    }

    /** @return a Poisson(mean) count, by Knuth's product of uniforms (small means) */
    public static int poisson(Random rng, double mean) {
        final double limit = Math.exp(-mean);
        int k = 0;
        for (double prod = rng.nextDouble(); prod > limit; prod *= rng.nextDouble()) {
            k++;
        }
        return k;
    }

    /** A Gamma(shape, scale) draw: the engine's sampler ({@link neuralglm.dist.GammaDistribution}, Marsaglia-Tsang). */
    public static double gamma(Random rng, double shape, double scale) {
        return new neuralglm.dist.GammaDistribution(shape * scale, 1.0 / shape).sample(rng);
    }

    /** Michael, Schucany and Haas (1976). */
    public static double inverseGaussian(Random rng, double mu, double lambda) {
        final double nu = rng.nextGaussian(), yy = nu * nu;
        final double x = mu + mu * mu * yy / (2 * lambda)
                - mu / (2 * lambda) * Math.sqrt(4 * mu * lambda * yy + mu * mu * yy * yy);
        return rng.nextDouble() <= mu / (mu + x) ? x : mu * mu / x;
    }

    /** Tweedie 1 &lt; p &lt; 2 as a Poisson sum of Gammas (Jorgensen 1987). */
    public static double compoundPoissonGamma(Random rng, double mu, double p, double phi) {
        final int count = poisson(rng, Math.pow(mu, 2 - p) / (phi * (2 - p)));
        final double shape = (2 - p) / (p - 1), scale = phi * (p - 1) * Math.pow(mu, p - 1);
        double s = 0;
        for (int j = 0; j < count; j++) {
            s += gamma(rng, shape, scale);
        }
        return s;
    }
}

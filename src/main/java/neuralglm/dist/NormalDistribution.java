package neuralglm.dist;

import java.util.Random;

/**
 * Gaussian family: y ~ N(mu, sigma^2) with sigma^2 = phi.
 * <pre>
 *   log f(y) = -log(2 pi phi)/2 - (y - mu)^2 / (2 phi)
 *   F(y) = Phi((y - mu)/sigma),   q(p) = mu + sigma Phi^-1(p),   draw = mu + sigma z
 * </pre>
 */
public final class NormalDistribution implements ResponseDistribution {

    private static final double LOG_TWO_PI = 1.8378770664093454836;

    private final double mu;
    private final double phi;
    private final double sigma;

    /**
     * @param mu  mean, finite
     * @param phi variance sigma^2 &gt; 0
     */
    public NormalDistribution(double mu, double phi) {
        Check.finite("Gaussian", "mu", mu);
        Check.positive("Gaussian", "phi (the variance)", phi);
        this.mu = mu;
        this.phi = phi;
        this.sigma = Math.sqrt(phi);
    }

    @Override public double mean() { return mu; }
    @Override public double variance() { return phi; }
    @Override public boolean isDiscrete() { return false; }

    @Override
    public double logDensity(double y) {
        final double r = y - mu;
        if (phi > 1e300) {
            final double z = r / sigma; // 2 phi would overflow
            return -0.5 * (LOG_TWO_PI + Math.log(phi)) - 0.5 * z * z;
        }
        return -0.5 * (LOG_TWO_PI + Math.log(phi)) - r * r / (2 * phi);
    }

    @Override
    public double cdf(double y) {
        return StandardNormal.cdf((y - mu) / sigma);
    }

    @Override
    public double quantile(double p) {
        Inversion.checkProbability(p);
        return mu + sigma * StandardNormal.quantile(p);
    }

    @Override
    public double sample(Random rng) {
        return mu + sigma * rng.nextGaussian();
    }

    @Override
    public String toString() {
        return "Normal(mu=" + mu + ", sigma^2=" + phi + ")";
    }
}

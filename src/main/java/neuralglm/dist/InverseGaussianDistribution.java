package neuralglm.dist;

import java.util.Random;

/**
 * Inverse Gaussian family: y ~ IG(mu, lambda) with lambda = 1/phi (Var y = phi mu^3).
 * <pre>
 *   log f(y) = log(lambda / (2 pi y^3)) / 2 - lambda (y - mu)^2 / (2 mu^2 y),   y &gt; 0
 *   F(y) = Phi(s (y/mu - 1)) + exp(2 lambda/mu) Phi(-s (y/mu + 1)),   s = sqrt(lambda/y)
 *          (the second term formed as exp(2 lambda/mu + log Phi(.)), so it neither overflows nor
 *          loses the tail)
 *   q(p): Newton in log y with a bisection guard, from the log-normal guess with the same mean and CV
 *   draw: Michael, Schucany and Haas (1976), x = mu / (1 + w + sqrt(w (2 + w))), w = mu nu^2 / (2 lambda),
 *         (the smaller root, written without cancellation); keep x with probability mu/(mu + x),
 *         else return mu^2/x
 * </pre>
 */
public final class InverseGaussianDistribution implements ResponseDistribution {

    private static final double LOG_TWO_PI = 1.8378770664093454836;

    private final double mu;
    private final double phi;
    private final double lambda;

    /**
     * @param mu  mean &gt; 0
     * @param phi dispersion 1/lambda &gt; 0
     */
    public InverseGaussianDistribution(double mu, double phi) {
        Check.positive("InverseGaussian", "mu", mu);
        Check.positive("InverseGaussian", "phi (1/lambda)", phi);
        this.mu = mu;
        this.phi = phi;
        this.lambda = 1 / phi;
    }

    @Override public double mean() { return mu; }
    @Override public double variance() { return phi * mu * mu * mu; }
    @Override public boolean isDiscrete() { return false; }

    @Override
    public double logDensity(double y) {
        if (!(y > 0) || y == Double.POSITIVE_INFINITY) {
            return Double.NEGATIVE_INFINITY;
        }
        final double r = y - mu;
        return 0.5 * (Math.log(lambda) - LOG_TWO_PI - 3 * Math.log(y)) - lambda * r * r / (2 * mu * mu * y);
    }

    @Override
    public double cdf(double y) {
        if (!(y > 0)) {
            return 0.0;
        }
        if (y == Double.POSITIVE_INFINITY) {
            return 1.0;
        }
        final double s = Math.sqrt(lambda / y);
        final double first = StandardNormal.cdf(s * (y / mu - 1));
        final double second = Math.exp(2 * lambda / mu + StandardNormal.logCdf(-s * (y / mu + 1)));
        return Math.min(1.0, first + second);
    }

    @Override
    public double quantile(double p) {
        final double s2 = Math.log1p(phi * mu);
        final double guess = mu * Math.exp(StandardNormal.quantile(p) * Math.sqrt(s2) - 0.5 * s2);
        return Inversion.positive(this::cdf, y -> Math.exp(logDensity(y)), p, guess);
    }

    @Override
    public double sample(Random rng) {
        final double nu = rng.nextGaussian();
        final double w = mu * nu * nu / (2 * lambda);
        final double x = mu / (1 + w + Math.sqrt(w * (2 + w)));
        return rng.nextDouble() * (mu + x) <= mu ? x : mu * mu / x;
    }

    @Override
    public String toString() {
        return "InverseGaussian(mu=" + mu + ", lambda=" + lambda + ")";
    }
}

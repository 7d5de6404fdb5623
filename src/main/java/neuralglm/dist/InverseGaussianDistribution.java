package neuralglm.dist;

import java.util.Random;

/**
 * Inverse Gaussian family: y ~ IG(mu, lambda) with lambda = 1/phi (Var y = phi mu^3).
 * <pre>
 *   log f(y) = log(lambda / (2 pi y^3)) / 2 - lambda (y - mu)^2 / (2 mu^2 y),   y &gt; 0
 *   F(y) = Phi(s (y/mu - 1)) + exp(2 lambda/mu) Phi(-s (y/mu + 1)),   s = sqrt(lambda/y)
 *          (the second term formed as exp(2 lambda/mu + log Phi(.)), so it neither overflows nor
 *          loses the tail; past x = s (y/mu + 1) &gt; 1e8 by Mills' ratio, with 2 lambda/mu - x^2/2 =
 *          -lambda (y - mu)^2 / (2 y mu^2) taken exactly, so that lambda/mu may exceed the doubles)
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
        Check.invertible("InverseGaussian", "phi (1/lambda)", phi);
        this.mu = mu;
        this.phi = phi;
        this.lambda = 1 / phi;
    }

    @Override public double mean() { return mu; }
    @Override public double variance() { return mu * phi * mu * mu; }
    @Override public boolean isDiscrete() { return false; }

    @Override
    public double logDensity(double y) {
        if (!(y > 0) || y == Double.POSITIVE_INFINITY) {
            return Double.NEGATIVE_INFINITY;
        }
        final double r = y - mu;
        final double rel = r / mu; // (y - mu)^2 / mu^2 formed without overflowing mu^2
        return 0.5 * (Math.log(lambda) - LOG_TWO_PI - 3 * Math.log(y)) - 0.5 * lambda * rel * (rel / y);
    }

    @Override
    public double cdf(double y) {
        if (!(y > 0)) {
            return 0.0;
        }
        if (y == Double.POSITIVE_INFINITY) {
            return 1.0;
        }
        // s = sqrt(lambda/y), y/mu and their products may each leave the doubles: form them in logs
        final double ratio = y / mu, logRatio = Double.isFinite(ratio) ? Math.log(ratio) : Math.log(y) - Math.log(mu);
        final double logS = 0.5 * (Math.log(lambda) - Math.log(y));
        final double rel0 = ratio - 1;
        final double logAbsRel = Double.isFinite(ratio) ? Math.log(Math.abs(rel0)) : logRatio;
        final double first = StandardNormal.cdf(rel0 == 0 ? 0 : Math.signum(rel0) * Math.exp(logS + logAbsRel));
        final double logX = logS + (Double.isFinite(ratio) ? Math.log1p(ratio) : logRatio);
        final double x = Math.exp(logX);
        final double second;
        if (x > 1e4) {
            // Mills: log Phi(-x) = -x^2/2 - log(x sqrt(2 pi)) + log(1 - 1/x^2 + ...), and 2 lambda/mu - x^2/2
            // = -lambda (y - mu)^2 / (2 y mu^2) exactly, so neither term overflows. From x = 1e4 on (the next term,
            // 3/x^4, is about 3e-16 there): the direct form's two exponents of about x^2/2 lose digits as x grows
            // (a nearly normal law's cdf, phi mu of 1e-14, was off by 5e-9; below about 1e-13 intervals came out
            // of order)
            final double rel = (y - mu) / mu;
            second = Math.exp(-0.5 * lambda * rel * (rel / y) - logX - 0.5 * LOG_TWO_PI + Math.log1p(-1 / (x * x)));
        } else {
            second = Math.exp(2 * lambda / mu + StandardNormal.logCdf(-x));
        }
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

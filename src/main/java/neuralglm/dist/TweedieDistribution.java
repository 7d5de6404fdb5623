package neuralglm.dist;

import java.util.Random;

/**
 * Tweedie family with power 1 &lt; p &lt; 2: a compound Poisson-gamma, y = sum of N ~ Poisson(lambda)
 * Gamma(gamma, theta) amounts (y = 0 when N = 0), with E y = mu and Var y = phi mu^p:
 * <pre>
 *   lambda = mu^(2-p) / (phi (2-p)),   gamma = (2-p)/(p-1),   theta = phi (p-1) mu^(p-1)
 *   log P(y = 0) = -lambda
 *   f(y) = sum_{N &gt;= 1} Pois(N; lambda) Gamma(y; N gamma, theta),   y &gt; 0
 *        = exp(-lambda - y/theta) / y * sum_N exp(N c - log N! - log Gamma(N gamma)),
 *          c = log lambda + gamma log(y/theta)
 * </pre>
 * The series is Dunn and Smyth's (2005, Statistics and Computing 15) W-series in another notation:
 * it is summed in logs outward from its largest term, at {@code N ~ exp((c - gamma log gamma)/(1 + gamma))},
 * until the terms fall 1e-17 below it (the log-terms are concave in N).
 * <pre>
 *   F(y) = exp(-lambda) + sum_{N &gt;= 1} Pois(N; lambda) P(N gamma, y/theta)
 * </pre>
 * (the Poisson weights summed outward from their mode until they fall 1e-17 below it); q(p) = 0
 * when p &lt;= exp(-lambda), else Newton in log y on this series cdf. A draw is N ~ Poisson(lambda),
 * then a single Gamma(N gamma, theta), the sum of the N amounts.
 */
public final class TweedieDistribution implements ResponseDistribution {

    /** Terms this far (in logs) below the largest are dropped: e^-40 ~ 4e-18. */
    private static final double DROP = 40;

    private final double mu;
    private final double phi;
    private final double power;
    private final double lambda;
    private final double gamma;
    private final double theta;

    /**
     * @param mu    mean &gt; 0
     * @param phi   dispersion &gt; 0
     * @param power variance power, 1 &lt; p &lt; 2
     */
    public TweedieDistribution(double mu, double phi, double power) {
        Check.positive("Tweedie", "mu", mu);
        Check.positive("Tweedie", "phi", phi);
        if (!(power > 1 && power < 2)) {
            throw new IllegalArgumentException("Tweedie distribution: the compound Poisson-gamma needs 1 < power < 2, got " + power);
        }
        this.mu = mu;
        this.phi = phi;
        this.power = power;
        this.lambda = Math.pow(mu, 2 - power) / (phi * (2 - power));
        this.gamma = (2 - power) / (power - 1);
        this.theta = phi * (power - 1) * Math.pow(mu, power - 1);
    }

    /** @return the Poisson rate lambda of the number of amounts */
    public double lambda() {
        return lambda;
    }

    @Override public double mean() { return mu; }
    @Override public double variance() { return phi * Math.pow(mu, power); }
    @Override public boolean isDiscrete() { return false; }

    @Override
    public double logDensity(double y) {
        if (y == 0) {
            return -lambda;
        }
        if (!(y > 0) || y == Double.POSITIVE_INFINITY) {
            return Double.NEGATIVE_INFINITY;
        }
        final double c = Math.log(lambda) + gamma * Math.log(y / theta);
        final double peak = Math.exp((c - gamma * Math.log(gamma)) / (1 + gamma));
        final long start = (long) Math.max(1, Math.min(Math.rint(peak), 1e15));
        final double top = term(start, c);
        double sum = 1.0;
        for (long n = start + 1; ; n++) {
            final double t = term(n, c) - top;
            sum += Math.exp(t);
            if (t < -DROP) {
                break;
            }
        }
        for (long n = start - 1; n >= 1; n--) {
            final double t = term(n, c) - top;
            sum += Math.exp(t);
            if (t < -DROP) {
                break;
            }
        }
        return -lambda - y / theta - Math.log(y) + top + Math.log(sum);
    }

    private double term(long n, double c) {
        return n * c - SpecialFunctions.logGamma(n + 1.0) - SpecialFunctions.logGamma(n * gamma);
    }

    @Override
    public double cdf(double y) {
        if (y < 0) {
            return 0.0;
        }
        if (y == Double.POSITIVE_INFINITY) {
            return 1.0;
        }
        final double zero = Math.exp(-lambda);
        if (y == 0) {
            return zero;
        }
        final double x = y / theta, logLambda = Math.log(lambda);
        final long mode = (long) Math.max(1, Math.floor(lambda));
        final double top = poissonLogWeight(mode, logLambda);
        double sum = 0;
        for (long n = mode; ; n++) {
            final double lw = poissonLogWeight(n, logLambda);
            final double pn = SpecialFunctions.regularizedGammaP(n * gamma, x);
            sum += Math.exp(lw) * pn;
            if (lw - top < -DROP || pn == 0) {
                break;
            }
        }
        for (long n = mode - 1; n >= 1; n--) {
            final double lw = poissonLogWeight(n, logLambda);
            sum += Math.exp(lw) * SpecialFunctions.regularizedGammaP(n * gamma, x);
            if (lw - top < -DROP) {
                break;
            }
        }
        return Math.min(1.0, zero + sum);
    }

    private double poissonLogWeight(long n, double logLambda) {
        return n * logLambda - lambda - SpecialFunctions.logGamma(n + 1.0);
    }

    @Override
    public double quantile(double p) {
        Inversion.checkProbability(p);
        if (p <= Math.exp(-lambda)) {
            return 0.0;
        }
        final double s2 = Math.log1p(phi * Math.pow(mu, power - 2));
        final double guess = mu * Math.exp(StandardNormal.quantile(p) * Math.sqrt(s2) - 0.5 * s2);
        return Inversion.positive(this::cdf, y -> Math.exp(logDensity(y)), p, guess);
    }

    @Override
    public double sample(Random rng) {
        final long n = PoissonDistribution.count(rng, lambda);
        return n == 0 ? 0.0 : theta * GammaDistribution.standardGamma(rng, n * gamma);
    }

    @Override
    public String toString() {
        return "Tweedie(mu=" + mu + ", phi=" + phi + ", power=" + power + ")";
    }
}

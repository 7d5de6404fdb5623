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
 * until the terms fall 1e-17 below it (the log-terms are concave in N). When that largest term lies
 * beyond N = {@value #SERIES_PEAK} (e.g. y = 1e40 at mu = 1), the series would need millions of terms
 * whose logs lose their digits to cancellation, and the density is Dunn and Smyth's saddle-point form
 * <pre>
 *   log f(y) ~ -log(2 pi phi y^p)/2 - d(y, mu)/(2 phi),
 *   d(y, mu) = 2 mu^(2-p) g(y/mu),  g(r) = (r^(2-p) - (2-p) r + (1-p)) / ((1-p)(2-p))
 * </pre>
 * (g by its series in log r near r = 1), whose relative error falls like 1/N at the peak (about 1e-7
 * there). The cdf is
 * <pre>
 *   F(y) = exp(-lambda) + sum_{N &gt;= 1} Pois(N; lambda) P(N gamma, y/theta)
 * </pre>
 * summed over the Poisson weights within 1e-17 of their mode (Loader's saddle-point Poisson mass, so the
 * weights stay accurate at any lambda). The summand, an entire function of real N, is a bell of scale
 * s = sqrt(lambda / max(1, gamma)) (the Poisson weights' sd, or the step of P(N gamma, x) in N if narrower);
 * when s &gt;= 3 and the summand is negligible at the window's ends, the sum over whole N equals its integral
 * (Poisson summation: the difference is about exp(-2 pi^2 s^2)) and the integral is the trapezoid rule
 * with 3 nodes per s (error about exp(-2 pi^2 9)), so about 60-200 incomplete gamma functions instead of one per
 * whole N (at most {@value #CDF_NODES} nodes). For lambda &gt; {@value #NORMAL_LAMBDA} (where the spread of N is no longer
 * resolved by doubles near lambda at 1e31 and the law is normal to within its skewness) the cdf is the
 * one-term Edgeworth expansion {@code Phi(z) - phi(z) k3 (z^2 - 1)/6}, z = (y - mu)/sqrt(phi mu^p),
 * k3 = p sqrt(phi mu^(p-2)), whose error is O(1/lambda). q(p) = 0 when p &lt;= exp(-lambda), else Newton in log y on
 * this cdf (for lambda &gt; 1e3 with the saddle-point density as the slope: the bracket keeps inexact steps safe). A draw is
 * N ~ Poisson(lambda), then a single Gamma(N gamma, theta), the sum of the N amounts.
 */
public final class TweedieDistribution implements ResponseDistribution {

    /** Terms this far (in logs) below the largest are dropped: e^-40 ~ 4e-18. */
    private static final double DROP = 40;
    /** Largest peak index of the density series summed term by term. */
    static final double SERIES_PEAK = 1e6;
    /** Largest number of terms summed on either side of the density series' peak (a bound, never reached). */
    private static final int MAX_TERMS = 200_000;
    /** Nodes of the cdf's Poisson sum (exact below, the trapezoid rule above). */
    static final int CDF_NODES = 2000;
    /** Rates above which a quantile's Newton steps take the saddle-point density as their slope. */
    private static final double SADDLE_SLOPE_LAMBDA = 1e3;
    /** Trapezoid nodes per unit of the summand's scale in N (error about exp(-2 pi^2 * 9), far below 1e-17). */
    private static final double NODES_PER_SCALE = 3;
    /** Smallest scale in N at which the sum over whole N equals its integral (difference about exp(-2 pi^2 MIN_SCALE^2)). */
    private static final double MIN_SCALE = 3;
    /** Rates from which the cdf is the Edgeworth expansion (skewness below 1e-6, error about 1/lambda). */
    static final double NORMAL_LAMBDA = 1e13;
    private static final double LOG_TWO_PI = 1.8378770664093454836;

    private final double mu;
    private final double phi;
    private final double power;
    private final double lambda;
    private final double gamma;
    private final double theta;
    /** log lambda and log theta, formed in logs: lambda and theta themselves may leave the doubles. */
    private final double logLambda;
    private final double logTheta;

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
        this.logLambda = (2 - power) * Math.log(mu) - Math.log(phi) - Math.log(2 - power);
        this.logTheta = Math.log(phi) + Math.log(power - 1) + (power - 1) * Math.log(mu);
    }

    /** @return the Poisson rate lambda of the number of amounts */
    public double lambda() {
        return lambda;
    }

    @Override public double mean() { return mu; }
    @Override
    public double variance() {
        final double v = phi * Math.pow(mu, power);
        return Double.isFinite(v) && v > 0 ? v : Math.exp(Math.log(phi) + power * Math.log(mu)); // mu^p may overflow
    }
    @Override public boolean isDiscrete() { return false; }

    @Override
    public double logDensity(double y) {
        if (y == 0) {
            return -lambda;
        }
        if (!(y > 0) || y == Double.POSITIVE_INFINITY) {
            return Double.NEGATIVE_INFINITY;
        }
        final double c = logLambda + gamma * (Math.log(y) - logTheta);
        final double peak = Math.exp((c - gamma * Math.log(gamma)) / (1 + gamma));
        if (!(peak <= SERIES_PEAK)) {
            return saddlePoint(y);
        }
        return seriesLogDensity(y, c, peak);
    }

    /** The W-series, summed outward from its peak (at most {@link #MAX_TERMS} terms each way). */
    double seriesLogDensity(double y, double c, double peak) {
        final double start = Math.max(1, Math.rint(peak));
        final double top = term(start, c);
        double sum = 1.0;
        for (int i = 1; i <= MAX_TERMS; i++) {
            final double t = term(start + i, c) - top;
            sum += Math.exp(t);
            if (t < -DROP) {
                break;
            }
        }
        for (int i = 1; i <= MAX_TERMS && start - i >= 1; i++) {
            final double t = term(start - i, c) - top;
            sum += Math.exp(t);
            if (t < -DROP) {
                break;
            }
        }
        return -lambda - Math.exp(Math.log(y) - logTheta) - Math.log(y) + top + Math.log(sum);
    }

    /**
     * @param y a value &gt; 0
     * @return Dunn and Smyth's saddle-point log density {@code -log(2 pi phi y^p)/2 - d(y, mu)/(2 phi)}
     */
    double saddlePoint(double y) {
        final double logR = Math.log(y) - Math.log(mu);
        final double a = 2 - power, b = 1 - power;
        final double numerator; // (r^a - 1) - a (r - 1) = sum_{k >= 2} (a^k - a) L^k / k!, L = log r
        if (Math.abs(logR) < 0.5) {
            double ak = a, term = logR, sum = 0;
            for (int k = 2; k < 60; k++) {
                term *= logR / k;
                ak *= a;
                final double add = (ak - a) * term;
                sum += add;
                if (Math.abs(add) <= 1e-17 * Math.abs(sum)) {
                    break;
                }
            }
            numerator = sum;
        } else if (logR < 0) {
            numerator = Math.expm1(a * logR) - a * Math.expm1(logR);
        } else {
            // r = y/mu large: numerator = -(a r - r^a - (1 - a)) < 0, taken in logs so that r^a and a r may overflow
            final double logMinus = Math.log(a) + logR
                    + Math.log1p(-Math.exp((a - 1) * logR) / a + (1 - a) * Math.exp(-logR) / a);
            final double logHalf = a * Math.log(mu) + logMinus - Math.log(a * (power - 1)) - Math.log(phi);
            return -0.5 * (LOG_TWO_PI + Math.log(phi) + power * Math.log(y)) - Math.exp(logHalf);
        }
        // d / (2 phi) = mu^(2-p) g / phi, g = numerator / ((1-p)(2-p)), computed in logs for huge mu
        final double g = numerator / (a * b);
        final double half = g <= 0 ? 0 : Math.exp(a * Math.log(mu) + Math.log(g) - Math.log(phi));
        return -0.5 * (LOG_TWO_PI + Math.log(phi) + power * Math.log(y)) - half;
    }

    private double term(double n, double c) {
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
        if (lambda > NORMAL_LAMBDA) {
            return edgeworth(y);
        }
        final double x = Math.exp(Math.log(y) - logTheta);
        // the Poisson weights within e^-DROP of their mode lie within about sqrt(2 DROP lambda) of it
        final double half = Math.sqrt(2 * DROP * Math.max(lambda, 1)) + 2 * DROP + 1;
        final double from = Math.max(1, Math.floor(lambda - half)), to = Math.ceil(lambda + half);
        // the summand's scale in N: the Poisson weights' sd sqrt(lambda), P(N gamma, x)'s step sqrt(lambda / gamma)
        final double scale = Math.sqrt(lambda / Math.max(1.0, gamma));
        final int nodes = (int) Math.min(CDF_NODES, Math.ceil((to - from) * NODES_PER_SCALE / scale));
        double sum = 0;
        // the rule needs the summand negligible at both ends: at N = 1 too when the window reaches down to it
        if (scale < MIN_SCALE || nodes >= to - from || from == 1 && poissonLogWeight(1) > -DROP) {
            for (int j = 0; j <= (int) (to - from); j++) {
                final double n = from + j;
                sum += Math.exp(poissonLogWeight(n)) * SpecialFunctions.regularizedGammaP(n * gamma, x);
            }
        } else {
            final double h = (to - from) / nodes;
            for (int j = 0; j <= nodes; j++) {
                final double n = from + j * h;
                final double weight = (j == 0 || j == nodes ? 0.5 : 1.0) * h;
                sum += weight * Math.exp(poissonLogWeight(n)) * SpecialFunctions.regularizedGammaP(n * gamma, x);
            }
        }
        return Math.min(1.0, zero + sum);
    }

    /**
     * @param y a value &gt; 0
     * @return the one-term Edgeworth expansion {@code Phi(z) - phi(z) k3 (z^2 - 1)/6}, z = (y - mu)/sd,
     *         skewness k3 = p sqrt(phi) mu^(p/2 - 1); its error is O(1/lambda)
     */
    double edgeworth(double y) {
        final double logSd = 0.5 * (Math.log(phi) + power * Math.log(mu));
        final double r = y - mu;
        final double z = r == 0 ? 0 : Math.signum(r) * Math.exp(Math.log(Math.abs(r)) - logSd); // sd may underflow
        final double skew = power * Math.exp(0.5 * Math.log(phi) + (0.5 * power - 1) * Math.log(mu));
        final double f = StandardNormal.cdf(z) - (Math.abs(z) > 40 ? 0 : StandardNormal.density(z) * skew * (z * z - 1) / 6);
        return Math.max(0.0, Math.min(1.0, f));
    }

    /** @return log Pois(n; lambda) for real n &gt;= 1 */
    private double poissonLogWeight(double n) {
        return SpecialFunctions.logPoissonMass(n, lambda);
    }

    @Override
    public double quantile(double p) {
        Inversion.checkProbability(p);
        if (p <= Math.exp(-lambda)) {
            return 0.0;
        }
        final double s2 = Math.log1p(phi * Math.pow(mu, power - 2));
        final double guess = mu * Math.exp(StandardNormal.quantile(p) * Math.sqrt(s2) - 0.5 * s2);
        // Newton's slope need not be exact (the bracket keeps the steps safe): the saddle-point density, whose
        // relative error is about 1/lambda near the mean, instead of a series of thousands of terms
        return Inversion.positive(this::cdf, lambda > SADDLE_SLOPE_LAMBDA ? y -> Math.exp(saddlePoint(y))
                : y -> Math.exp(logDensity(y)), p, guess);
    }

    @Override
    public double sample(Random rng) {
        if (lambda > NORMAL_LAMBDA) {
            // N has relative spread below 3e-7: the law is normal to within its skewness (see edgeworth)
            final double sd = Math.exp(0.5 * (Math.log(phi) + power * Math.log(mu)));
            return Math.max(0.0, mu + sd * rng.nextGaussian());
        }
        final double n = PoissonDistribution.count(rng, lambda);
        return n == 0 ? 0.0 : theta * GammaDistribution.standardGamma(rng, n * gamma);
    }

    @Override
    public String toString() {
        return "Tweedie(mu=" + mu + ", phi=" + phi + ", power=" + power + ")";
    }
}

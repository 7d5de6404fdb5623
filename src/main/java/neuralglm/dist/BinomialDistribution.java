package neuralglm.dist;

import java.util.Random;

/**
 * Binomial family on the proportion scale, as the engine's targets are: y = s/n, s ~ Bin(n, mu);
 * Bernoulli is n = 1. E y = mu, Var y = mu (1 - mu)/n.
 * <pre>
 *   log P(y) = log C(n, s) + s log mu + (n - s) log(1 - mu),   s = n y in {0, ..., n}
 *            (for 0 &lt; s &lt; n in Loader's saddle-point form, {@code SpecialFunctions.logBinomialMass},
 *            which keeps its accuracy for large n)
 *   F(y) = I_{1-mu}(n - k, k + 1) with k = floor(n y)   (regularised incomplete beta), 1 for k &gt;= n
 *   q(p): walk in s from n mu + sd z to F(s-1) &lt; p &lt;= F(s), returned as s/n
 *   draw: Knuth's recursion (TAOCP 3.4.1): while n &gt; 40, X = Beta(a, n+1-a), a = 1 + n/2, the a-th
 *         order statistic of n uniforms, decides on which side of it the count lies; the rest are
 *         Bernoulli trials
 * </pre>
 * A value s/n is recognised up to 1e-9 in s, so proportions computed in floating point still match.
 */
public final class BinomialDistribution implements ResponseDistribution {

    private static final double LATTICE_TOLERANCE = 1e-9;
    private static final int DIRECT_TRIALS = 40;
    /** 2^53: every count up to it is a double, and s/n for distinct s stay distinct. */
    private static final double MAX_TRIALS = 9007199254740992.0;

    private final double mu;
    private final long n;

    /**
     * @param mu     success probability in [0, 1]
     * @param trials number of trials n, a whole number from 1 to 2^53
     */
    public BinomialDistribution(double mu, double trials) {
        if (!(mu >= 0 && mu <= 1)) {
            throw new IllegalArgumentException("Binomial distribution: mu must be in [0, 1], got " + mu);
        }
        if (!(trials >= 1) || trials != Math.rint(trials) || trials > MAX_TRIALS) {
            throw new IllegalArgumentException("Binomial distribution: the number of trials must be a whole number from 1 to "
                    + "2^53 = 9.0e15 (beyond, proportions s/n are no longer distinct doubles), got "
                    + trials);
        }
        this.mu = mu;
        this.n = (long) trials;
    }

    /** @return the number of trials n */
    public long trials() {
        return n;
    }

    @Override public double mean() { return mu; }
    @Override public double variance() { return mu * (1 - mu) / n; }
    @Override public boolean isDiscrete() { return true; }

    @Override
    public double logDensity(double y) {
        final double s = Math.rint(y * n);
        if (!(Math.abs(y * n - s) <= LATTICE_TOLERANCE) || s < 0 || s > n) {
            return Double.NEGATIVE_INFINITY;
        }
        return logMass(s);
    }

    private double logMass(double s) {
        final double f = n - s;
        if (s == 0 || f == 0 || mu == 0 || mu == 1) {
            final double logChoose = SpecialFunctions.logGamma(n + 1.0) - SpecialFunctions.logGamma(s + 1.0)
                    - SpecialFunctions.logGamma(f + 1);
            return logChoose + (s == 0 ? 0.0 : s * Math.log(mu)) + (f == 0 ? 0.0 : f * Math.log1p(-mu));
        }
        return SpecialFunctions.logBinomialMass(s, n, mu, 1 - mu);
    }

    private double countCdf(double k) {
        if (k < 0) {
            return 0.0;
        }
        if (k >= n || mu == 0) {
            return 1.0;
        }
        if (mu == 1) {
            return 0.0;
        }
        return SpecialFunctions.regularizedBeta(1 - mu, mu, n - k, k + 1.0);
    }

    @Override
    public double cdf(double y) {
        return countCdf(Math.floor(y * n + LATTICE_TOLERANCE));
    }

    @Override
    public double quantile(double p) {
        Inversion.checkProbability(p);
        if (p == 0) {
            return mu == 1 ? 1.0 : 0.0;
        }
        if (p == 1) {
            return mu == 0 ? 0.0 : 1.0;
        }
        final double guess = n * mu + Math.sqrt(n * mu * (1 - mu)) * StandardNormal.quantile(p);
        return Inversion.discrete(this::countCdf, s -> Math.exp(logMass(s)), p, guess, n) / (double) n;
    }

    @Override
    public double sample(Random rng) {
        return count(rng, n, mu) / (double) n;
    }

    /**
     * @param rng    source of uniforms and normals
     * @param trials n
     * @param p      success probability
     * @return a Bin(n, p) count
     */
    static long count(Random rng, long trials, double p) {
        long s = 0, t = trials;
        double q = p;
        while (t > DIRECT_TRIALS) {
            final long a = 1 + t / 2, b = t + 1 - a;
            final double ga = GammaDistribution.standardGamma(rng, a), gb = GammaDistribution.standardGamma(rng, b);
            final double x = ga / (ga + gb);
            if (x >= q) {
                t = a - 1;
                q = q / x;
            } else {
                s += a;
                t = b - 1;
                q = (q - x) / (1 - x);
            }
        }
        for (long i = 0; i < t; i++) {
            if (rng.nextDouble() < q) {
                s++;
            }
        }
        return s;
    }

    @Override
    public String toString() {
        return "Binomial(mu=" + mu + ", n=" + n + ")";
    }
}

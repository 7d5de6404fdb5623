package neuralglm.dist;

import java.util.Random;

/**
 * Negative binomial (NB2) family: counts with E y = mu, Var y = mu + alpha mu^2; with r = 1/alpha
 * it is the number of failures before the r-th success, success probability {@code q = r/(r + mu)}.
 * <pre>
 *   log P(y) = log Gamma(y + r) - log Gamma(r) - log Gamma(y + 1) - r log(1 + alpha mu)
 *              + y log(alpha mu / (1 + alpha mu)),   y = 0, 1, 2, ...
 *   (for integer y &lt; 1000 the ratio Gamma(y + r)/Gamma(r) is the product r (r+1) ... (r+y-1),
 *    summed as y log r + sum_j log1p(j/r), exact even when r is huge, i.e. near the Poisson limit;
 *    for y &gt;= 1000, r/(r + y) times the binomial mass Bin(r; r + y, q) in Loader's saddle-point form,
 *    which has no cancellation at y ~ mu ~ 1e20)
 *   F(k) = I_q(r, k + 1)                (regularised incomplete beta)
 *   q(p): walk (then bisect) from the guess mu + sd z to F(k-1) &lt; p &lt;= F(k)
 *   draw: the gamma-Poisson mixture, Poisson(mu G / r) with G ~ Gamma(r, 1)
 * </pre>
 */
public final class NegativeBinomialDistribution extends CountDistribution {

    private static final int PRODUCT_LIMIT = 1000;

    private final double alpha;
    private final double r;
    private final double logOnePlusAm;
    private final double q;
    private final double oneMinusQ;
    private final double logOneMinusQ;

    /**
     * @param mu    mean &gt;= 0
     * @param alpha over-dispersion &gt; 0
     */
    public NegativeBinomialDistribution(double mu, double alpha) {
        super("NegativeBinomial", mu);
        Check.positive("NegativeBinomial", "alpha", alpha);
        this.alpha = alpha;
        this.r = 1 / alpha;
        // q = 1/(1 + alpha mu) and 1 - q, and their logs, without overflowing alpha mu
        final double logAm = Math.log(alpha) + Math.log(mu);
        final double am = alpha * mu;
        this.logOnePlusAm = Double.isFinite(am) ? Math.log1p(am) : logAm;
        this.q = Math.exp(-logOnePlusAm);
        final boolean direct = am > 0 && Double.isFinite(am);
        this.oneMinusQ = direct ? am / (1 + am) : 1 / (1 + Math.exp(-logAm));
        this.logOneMinusQ = direct ? Math.log(am) - logOnePlusAm : -Math.log1p(Math.exp(-logAm));
    }

    /** @return the over-dispersion alpha */
    public double alpha() {
        return alpha;
    }

    @Override public double variance() { return mu + alpha * mu * mu; }

    @Override
    double logMass(double y) {
        if (y >= PRODUCT_LIMIT) {
            // Loader's form: P(y) = r/(r + y) Bin(r; r + y, q), q = 1/(1 + alpha mu), no cancellation at huge y
            return Math.log(r / (r + y)) + SpecialFunctions.logBinomialMass(r, r + y, q, oneMinusQ);
        }
        return logRisingFactorial(r, y) - SpecialFunctions.logGamma(y + 1) - r * logOnePlusAm
                + (y == 0 ? 0.0 : y * logOneMinusQ);
    }

    /**
     * @param r a positive number
     * @param y a count
     * @return {@code log Gamma(y + r) - log Gamma(r)}
     */
    static double logRisingFactorial(double r, double y) {
        if (y < PRODUCT_LIMIT) {
            final long n = (long) y;
            double s = 0;
            for (long j = 1; j < n; j++) {
                s += Math.log1p(j / r);
            }
            return y * Math.log(r) + s;
        }
        return SpecialFunctions.logGamma(y + r) - SpecialFunctions.logGamma(r);
    }

    @Override
    double countCdf(double k) {
        return SpecialFunctions.regularizedBeta(q, oneMinusQ, r, k + 1);
    }

    @Override
    double guess(double z) {
        return mu + Math.sqrt(variance()) * z;
    }

    @Override
    public double sample(Random rng) {
        return PoissonDistribution.count(rng, mu * GammaDistribution.standardGamma(rng, r) / r);
    }

    @Override
    public String toString() {
        return "NegativeBinomial(mu=" + mu + ", alpha=" + alpha + ")";
    }
}

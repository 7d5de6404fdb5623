package neuralglm.dist;

/**
 * What the count families (Poisson, negative binomial) share: support 0, 1, 2, ..., a point mass at 0
 * when mu = 0, and the quantile found by walking (then bisecting) from a normal-approximation guess
 * ({@link Inversion#discrete}). Counts are doubles, so a mean of 1e20 has quantiles near 1e20 (whole
 * numbers as far as doubles go). Subclasses give the log mass, the cdf at a count and the guess.
 */
abstract class CountDistribution implements ResponseDistribution {

    /** The mean, &gt;= 0. */
    protected final double mu;

    CountDistribution(String name, double mu) {
        Check.nonNegative(name, "mu", mu);
        this.mu = mu;
    }

    /**
     * @param k a count (a whole number &gt;= 0, as a double)
     * @return {@code log P(y = k)} for mu &gt; 0
     */
    abstract double logMass(double k);

    /**
     * @param k a count
     * @return {@code F(k)} for mu &gt; 0
     */
    abstract double countCdf(double k);

    /**
     * @param z the standard normal quantile of p
     * @return a first guess at q(p)
     */
    abstract double guess(double z);

    @Override public final double mean() { return mu; }
    @Override public final boolean isDiscrete() { return true; }

    @Override
    public final double logDensity(double y) {
        if (!Check.isCount(y)) {
            return Double.NEGATIVE_INFINITY;
        }
        if (mu == 0) {
            return y == 0 ? 0.0 : Double.NEGATIVE_INFINITY;
        }
        return logMass(y);
    }

    @Override
    public final double cdf(double y) {
        if (y < 0) {
            return 0.0;
        }
        if (mu == 0 || y == Double.POSITIVE_INFINITY) {
            return 1.0;
        }
        return countCdf(Math.floor(y));
    }

    @Override
    public final double quantile(double p) {
        Inversion.checkProbability(p);
        if (p == 0 || mu == 0) {
            return 0.0;
        }
        if (p == 1) {
            return Double.POSITIVE_INFINITY;
        }
        return Inversion.discrete(this::countCdf, k -> Math.exp(logMass(k)), p, guess(StandardNormal.quantile(p)),
                Double.MAX_VALUE);
    }
}

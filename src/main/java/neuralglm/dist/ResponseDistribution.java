package neuralglm.dist;

import java.util.Random;

/**
 * The distribution of a scalar target given its mean mu (and the dispersion phi where the family
 * has one): what a fitted GLM or network predicts for one row, as a full distribution.
 * <p>{@link #logDensity(double)} is the exact log density (continuous families) or log mass
 * (discrete ones) with every constant included, so that sums over rows are log-likelihoods comparable
 * across families. Quantiles follow the usual convention {@code q(p) = inf {y : F(y) >= p}}; for a
 * discrete distribution that is the smallest support point whose cdf reaches p.
 */
public interface ResponseDistribution {

    /** @return E[y] */
    double mean();

    /** @return Var[y] = phi V(mu) */
    double variance();

    /** @return true for a distribution on a lattice (counts, proportions of n trials) */
    boolean isDiscrete();

    /**
     * @param y a value
     * @return {@code log f(y)} (density, or mass when discrete), -Infinity outside the support
     */
    double logDensity(double y);

    /**
     * @param y a value
     * @return {@code F(y) = P(Y <= y)}
     */
    double cdf(double y);

    /**
     * @param p probability in [0, 1]
     * @return {@code inf {y : F(y) >= p}} for p &gt; 0; the lower end of the support for p = 0
     *         (0, or -Infinity for the normal); +Infinity for p = 1 on an unbounded support
     * @throws IllegalArgumentException for p outside [0, 1]
     */
    double quantile(double p);

    /**
     * @param rng source of uniforms and normals
     * @return one draw
     */
    double sample(Random rng);

    /**
     * A central prediction interval {@code [q(a/2), q(1 - a/2)]}, {@code a = 1 - confidence}. For a
     * continuous distribution it holds y with probability exactly {@code confidence}; for a discrete
     * one at least {@code confidence}, since {@code F(lower - 1) < a/2} and {@code F(upper) >= 1 - a/2}.
     *
     * @param confidence coverage, in (0, 1)
     * @return {lower, upper}
     */
    default double[] interval(double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
        }
        final double tail = 0.5 * (1 - confidence);
        return new double[] {quantile(tail), quantile(1 - tail)};
    }
}

package neuralglm.dist;

import java.util.Random;

/**
 * Poisson family: counts with E y = Var y = mu.
 * <pre>
 *   log P(y) = y log mu - mu - log Gamma(y + 1),   y = 0, 1, 2, ...  (-Infinity for other y),
 *              in Loader's saddle-point form -stirlerr(y) - bd0(y, mu) - log(2 pi y)/2, which has no
 *              cancellation at y ~ mu ~ 1e20
 *   F(k) = Q(k + 1, mu)                 (upper regularised incomplete gamma; Temme's expansion for k &gt;= 1e5)
 *   q(p): from the Cornish-Fisher guess mu + sqrt(mu) z + (z^2 - 1)/6, walk (then bisect) to F(k-1) &lt; p &lt;= F(k);
 *         counts are doubles, so quantiles past 2^53 are whole doubles near mu + sqrt(mu) z
 *   draw: inversion (sequential search) for mu &lt; 10; Hoermann's PTRS (1993) for mu &gt;= 10, its acceptance
 *         test on the same saddle-point log mass; for mu &gt; 1e15 the rounded normal mu + sqrt(mu) z (the
 *         Poisson's skewness 1/sqrt(mu) &lt; 3e-8 is below what a double of that size resolves)
 * </pre>
 */
public final class PoissonDistribution extends CountDistribution {

    /** @param mu mean &gt;= 0 */
    public PoissonDistribution(double mu) {
        super("Poisson", mu);
    }

    @Override public double variance() { return mu; }

    @Override
    double logMass(double k) {
        return k == 0 ? -mu : SpecialFunctions.logPoissonMass(k, mu);
    }

    @Override
    double countCdf(double k) {
        return SpecialFunctions.regularizedGammaQ(k + 1, mu);
    }

    @Override
    double guess(double z) {
        return mu + Math.sqrt(mu) * z + (z * z - 1) / 6;
    }

    @Override
    public double sample(Random rng) {
        return count(rng, mu);
    }

    /**
     * @param rng source of uniforms
     * @param mu  mean &gt;= 0
     * @return a Poisson(mu) count
     */
    static double count(Random rng, double mu) {
        if (mu > 1e15) {
            return Math.max(0, Math.rint(mu + Math.sqrt(mu) * rng.nextGaussian()));
        }
        if (mu < 10) {
            long k = 0;
            double pk = Math.exp(-mu), u = rng.nextDouble();
            while (u > pk) {
                u -= pk;
                k++;
                pk *= mu / k;
                if (pk == 0) {
                    break;
                }
            }
            return k;
        }
        return ptrs(rng, mu);
    }

    /** Transformed rejection with squeeze (Hoermann 1993, "The transformed rejection method ..."). */
    private static double ptrs(Random rng, double mu) {
        final double smu = Math.sqrt(mu);
        final double b = 0.931 + 2.53 * smu, a = -0.059 + 0.02483 * b;
        final double invAlpha = 1.1239 + 1.1328 / (b - 3.4), vr = 0.9277 - 3.6224 / (b - 2);
        while (true) {
            final double u = rng.nextDouble() - 0.5, v = rng.nextDouble();
            final double us = 0.5 - Math.abs(u);
            final double k = Math.floor((2 * a / us + b) * u + mu + 0.43);
            if (us >= 0.07 && v <= vr) {
                return k;
            }
            if (k < 0 || (us < 0.013 && v > us)) {
                continue;
            }
            if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b)
                    <= (k == 0 ? -mu : SpecialFunctions.logPoissonMass(k, mu))) {
                return k;
            }
        }
    }

    @Override
    public String toString() {
        return "Poisson(mu=" + mu + ")";
    }
}

package neuralglm.dist;

import java.util.Random;

/**
 * Gamma family: shape k = 1/phi, scale theta = mu phi (so E y = mu, Var y = phi mu^2); the
 * Exponential family is phi = 1.
 * <pre>
 *   log f(y) = (k - 1) log y - y/theta - log Gamma(k) - k log theta,   y &gt; 0
 *            (for k &gt; 1000 as log Pois(k - 1; y/theta) - log theta in Loader's saddle-point form,
 *             which keeps its digits when k is huge, i.e. phi tiny)
 *   F(y) = P(k, y/theta)                (regularised incomplete gamma)
 *   q(p): Newton in log y with a bisection guard, from the Wilson-Hilferty guess
 *   draw: Marsaglia and Tsang (2000); for k &lt; 1, Gamma(k+1) U^(1/k)
 * </pre>
 */
public final class GammaDistribution implements ResponseDistribution {

    /** Shapes above which the log density is taken in Loader's saddle-point form. */
    private static final double LOADER_SHAPE = 1000;

    private final double mu;
    private final double phi;
    private final double shape;
    private final double scale;
    private final double logScale;

    /**
     * @param mu  mean &gt; 0
     * @param phi dispersion = 1/shape &gt; 0
     */
    public GammaDistribution(double mu, double phi) {
        Check.positive("Gamma", "mu", mu);
        Check.positive("Gamma", "phi (1/shape)", phi);
        Check.invertible("Gamma", "phi (1/shape)", phi);
        this.mu = mu;
        this.phi = phi;
        this.shape = 1 / phi;
        this.scale = mu * phi; // may overflow for huge mu phi: y/theta and log theta are formed without it
        this.logScale = Math.log(mu) + Math.log(phi);
    }

    /** @return the shape 1/phi */
    public double shape() {
        return shape;
    }

    @Override public double mean() { return mu; }
    @Override public double variance() { return mu * phi * mu; }
    @Override public boolean isDiscrete() { return false; }

    @Override
    public double logDensity(double y) {
        if (!(y > 0) || y == Double.POSITIVE_INFINITY) {
            return Double.NEGATIVE_INFINITY;
        }
        if (shape > LOADER_SHAPE) {
            // f(y) = Pois(shape - 1; y/scale) / scale with a real count, in Loader's form: no cancellation
            return SpecialFunctions.logPoissonMass(shape - 1, standardized(y)) - logScale;
        }
        return (shape - 1) * Math.log(y) - standardized(y) - SpecialFunctions.logGamma(shape) - shape * logScale;
    }

    /** @return y / theta = (y / mu) / phi, which neither overflows through theta nor forms inf / inf */
    private double standardized(double y) {
        return y / mu / phi;
    }

    @Override
    public double cdf(double y) {
        return y <= 0 ? 0.0 : SpecialFunctions.regularizedGammaP(shape, standardized(y));
    }

    @Override
    public double quantile(double p) {
        final double z = StandardNormal.quantile(p), c = 1 / (9 * shape);
        final double wh = shape * Math.pow(1 - c + z * Math.sqrt(c), 3);
        final double guess = wh > 0 ? wh : Math.exp((Math.log(p) + SpecialFunctions.logGamma(shape + 1)) / shape);
        return Inversion.positive(this::cdf, y -> Math.exp(logDensity(y)), p, guess * mu * phi);
    }

    @Override
    public double sample(Random rng) {
        return standardGamma(rng, shape) * mu * phi;
    }

    /**
     * @param rng   source of uniforms and normals
     * @param shape k &gt; 0
     * @return a Gamma(k, 1) draw by Marsaglia and Tsang's squeeze (with the k &lt; 1 boost)
     */
    static double standardGamma(Random rng, double shape) {
        if (shape < 1) {
            final double u = rng.nextDouble();
            return standardGamma(rng, shape + 1) * Math.exp(Math.log(u) / shape);
        }
        final double d = shape - 1.0 / 3, c = 1 / Math.sqrt(9 * d);
        while (true) {
            double z, v;
            do {
                z = rng.nextGaussian();
                v = 1 + c * z;
            } while (v <= 0);
            v = v * v * v;
            final double u = rng.nextDouble();
            final double z2 = z * z;
            if (u < 1 - 0.0331 * z2 * z2 || Math.log(u) < 0.5 * z2 + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }

    @Override
    public String toString() {
        return "Gamma(mu=" + mu + ", shape=" + shape + ")";
    }
}

package neuralglm.dist;

import java.util.Random;

/**
 * Student's t with location m, scale s &gt; 0 and nu &gt; 0 degrees of freedom: the predictive distribution of a new
 * observation of a linear model whose variance is estimated (R's {@code predict.lm(interval = "prediction")}).
 * <pre>
 *   y = m + s T,  T ~ t_nu
 *   log f(y) = logGamma((nu + 1)/2) - logGamma(nu/2) - log(nu pi)/2 - log s - (nu + 1)/2 log1p(z^2 / nu),  z = (y - m)/s
 *   F(y) = F_t(z),  q(p) = m + s F_t^-1(p),  E y = m (nu &gt; 1),  Var y = s^2 nu / (nu - 2) (nu &gt; 2, else +Infinity)
 * </pre>
 */
public final class StudentTDistribution implements ResponseDistribution {
    private final double location;
    private final double scale;
    private final double nu;

    /**
     * @param location m
     * @param scale    s, finite and &gt; 0
     * @param nu       degrees of freedom &gt; 0 (+Infinity: the normal)
     * @throws IllegalArgumentException for a scale or nu out of range, or a location that is not finite
     */
    public StudentTDistribution(double location, double scale, double nu) {
        if (!Double.isFinite(location) || !(scale > 0) || !Double.isFinite(scale) || !(nu > 0)) {
            throw new IllegalArgumentException("Student t needs a finite location, a finite scale > 0 and degrees of "
                    + "freedom > 0, got location " + location + ", scale " + scale + ", nu " + nu);
        }
        this.location = location;
        this.scale = scale;
        this.nu = nu;
    }

    /** @return s */
    public double scale() {
        return scale;
    }

    /** @return nu */
    public double degreesOfFreedom() {
        return nu;
    }

    @Override
    public double mean() {
        return nu > 1 ? location : Double.NaN;
    }

    @Override
    public double variance() {
        return nu > 2 ? scale * scale * (nu == Double.POSITIVE_INFINITY ? 1 : nu / (nu - 2)) : Double.POSITIVE_INFINITY;
    }

    @Override
    public boolean isDiscrete() {
        return false;
    }

    @Override
    public double logDensity(double y) {
        if (Double.isNaN(y)) {
            return Double.NaN;
        }
        if (Double.isInfinite(y)) {
            return Double.NEGATIVE_INFINITY;
        }
        final double z = (y - location) / scale;
        if (nu == Double.POSITIVE_INFINITY) {
            return -0.5 * z * z - 0.5 * Math.log(2 * Math.PI) - Math.log(scale);
        }
        return SpecialFunctions.logGamma(0.5 * (nu + 1)) - SpecialFunctions.logGamma(0.5 * nu)
                - 0.5 * Math.log(nu * Math.PI) - Math.log(scale) - 0.5 * (nu + 1) * Math.log1p(z * z / nu);
    }

    @Override
    public double cdf(double y) {
        if (Double.isNaN(y)) {
            return Double.NaN;
        }
        return StudentT.cdf((y - location) / scale, nu);
    }

    @Override
    public double quantile(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("quantile needs p in [0, 1], got " + p);
        }
        if (p == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (p == 1) {
            return Double.POSITIVE_INFINITY;
        }
        return location + scale * StudentT.quantile(p, nu);
    }

    @Override
    public double sample(Random rng) {
        final double z = rng.nextGaussian();
        if (nu == Double.POSITIVE_INFINITY) {
            return location + scale * z;
        }
        final double chi2 = 2 * GammaDistribution.standardGamma(rng, 0.5 * nu);   // chi-square_nu = Gamma(nu/2, scale 2)
        return location + scale * z / Math.sqrt(chi2 / nu);
    }

    @Override
    public String toString() {
        return "StudentT(location=" + location + ", scale=" + scale + ", nu=" + nu + ")";
    }
}

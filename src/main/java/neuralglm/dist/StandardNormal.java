package neuralglm.dist;

/**
 * The standard normal distribution's cdf, log cdf and quantile.
 * <pre>
 *   Phi(x)      = Q(1/2, x^2/2) / 2 for x &lt; 0, 1 - Phi(-x) for x &gt;= 0   (Q: upper regularised
 *                 incomplete gamma, whose continued fraction keeps full relative accuracy in the tail)
 *   log Phi(x)  = log(1/2) + log Q(1/2, x^2/2) for x &lt; 0, so x = -1e3 gives -500007.4..., not -Infinity
 *   Phi^-1(p)   Wichura's algorithm AS 241 (PPND16, Applied Statistics 37, 1988), relative error
 *               about 1e-16 (no refinement step, so the tests see the transcribed coefficients)
 * </pre>
 */
public final class StandardNormal {

    private static final double LOG_SQRT_TWO_PI = 0.9189385332046727418;

    private static final double[] A = {3.3871328727963666080e0, 1.3314166789178437745e2, 1.9715909503065514427e3,
        1.3731693765509461125e4, 4.5921953931549871457e4, 6.7265770927008700853e4, 3.3430575583588128105e4,
        2.5090809287301226727e3};
    private static final double[] B = {1.0, 4.2313330701600911252e1, 6.8718700749205790830e2, 5.3941960214247511077e3,
        2.1213794301586595867e4, 3.9307895800092710610e4, 2.8729085735721942674e4, 5.2264952788528545610e3};
    private static final double[] C = {1.42343711074968357734e0, 4.63033784615654529590e0, 5.76949722146069140550e0,
        3.64784832476320460504e0, 1.27045825245236838258e0, 2.41780725177450611770e-1, 2.27238449892691845833e-2,
        7.74545014278341407640e-4};
    private static final double[] D = {1.0, 2.05319162663775882187e0, 1.67638483018380384940e0, 6.89767334985100004550e-1,
        1.48103976427480074590e-1, 1.51986665636164571966e-2, 5.47593808499534494600e-4, 1.05075007164441684324e-9};
    private static final double[] E = {6.65790464350110377720e0, 5.46378491116411436990e0, 1.78482653991729133580e0,
        2.96560571828504891230e-1, 2.65321895265761230930e-2, 1.24266094738807843860e-3, 2.71155556874348757815e-5,
        2.01033439929228813265e-7};
    private static final double[] F = {1.0, 5.99832206555887937690e-1, 1.36929880922735805310e-1, 1.48753612908506148525e-2,
        7.86869131145613259100e-4, 1.84631831751005468180e-5, 1.42151175831644588870e-7, 2.04426310338993978564e-15};

    private StandardNormal() {
    }

    /**
     * @param x argument
     * @return the density {@code exp(-x^2/2) / sqrt(2 pi)}
     */
    public static double density(double x) {
        return Math.exp(-0.5 * x * x - LOG_SQRT_TWO_PI);
    }

    /**
     * @param x argument
     * @return {@code Phi(x) = P(Z <= x)}
     */
    public static double cdf(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        if (x < 0) {
            return 0.5 * SpecialFunctions.regularizedGammaQ(0.5, 0.5 * x * x);
        }
        return 1 - 0.5 * SpecialFunctions.regularizedGammaQ(0.5, 0.5 * x * x);
    }

    /**
     * @param x argument
     * @return {@code log Phi(x)}, finite for every finite x
     */
    public static double logCdf(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        if (x < 0) {
            return Math.log(0.5) + SpecialFunctions.logRegularizedGammaQ(0.5, 0.5 * x * x);
        }
        return Math.log1p(-0.5 * SpecialFunctions.regularizedGammaQ(0.5, 0.5 * x * x));
    }

    /**
     * @param p probability in [0, 1]
     * @return {@code Phi^-1(p)}; -Infinity at 0, +Infinity at 1
     */
    public static double quantile(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("normal quantile needs 0 <= p <= 1, got " + p);
        }
        if (p == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (p == 1) {
            return Double.POSITIVE_INFINITY;
        }
        final double q = p - 0.5;
        double z;
        if (Math.abs(q) <= 0.425) {
            final double r = 0.180625 - q * q;
            z = q * poly(A, r) / poly(B, r);
        } else {
            double r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
            if (r <= 5) {
                r -= 1.6;
                z = poly(C, r) / poly(D, r);
            } else {
                r -= 5;
                z = poly(E, r) / poly(F, r);
            }
            z = q < 0 ? -z : z;
        }
        return z;
    }

    private static double poly(double[] c, double r) {
        double s = 0;
        for (int i = c.length - 1; i >= 0; i--) {
            s = s * r + c[i];
        }
        return s;
    }
}

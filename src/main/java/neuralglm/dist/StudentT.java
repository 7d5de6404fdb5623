package neuralglm.dist;

/**
 * Student's t distribution with nu &gt; 0 degrees of freedom (nu need not be whole: frequency weights
 * give fractional residual degrees of freedom), for the t tests and intervals of a GLM whose
 * dispersion is estimated.
 * <pre>
 *   P(|T| &gt; t) = I_{nu/(nu + t^2)}(nu/2, 1/2)          (regularised incomplete beta)
 *   F(t)       = 1 - P(|T| &gt; t)/2 for t &gt;= 0, P(|T| &gt; |t|)/2 for t &lt; 0
 *   F^-1(p)    by bisection on F (60 halvings after bracketing), exact to about 1e-15 relative
 * </pre>
 * nu = +Infinity is the standard normal.
 */
public final class StudentT {

    private StudentT() {
    }

    private static void check(double nu) {
        if (!(nu > 0)) {
            throw new IllegalArgumentException("Student t needs degrees of freedom > 0, got " + nu);
        }
    }

    /**
     * @param t  the statistic
     * @param nu degrees of freedom &gt; 0
     * @return {@code P(|T| > |t|)}, the two-sided p-value
     */
    public static double twoSidedP(double t, double nu) {
        check(nu);
        if (Double.isNaN(t)) {
            return t;
        }
        if (nu == Double.POSITIVE_INFINITY) {
            return 2 * StandardNormal.cdf(-Math.abs(t));
        }
        if (Double.isInfinite(t)) {
            return 0.0;
        }
        final double x = nu / (nu + t * t);
        // for small t, x is near 1 and 1 - x loses digits: use the complementary form
        return x > 0.5 ? 1 - SpecialFunctions.regularizedBeta(t * t / (nu + t * t), 0.5, 0.5 * nu)
                : SpecialFunctions.regularizedBeta(x, 0.5 * nu, 0.5);
    }

    /**
     * @param t  argument
     * @param nu degrees of freedom &gt; 0
     * @return {@code F(t) = P(T <= t)}
     */
    public static double cdf(double t, double nu) {
        final double tail = 0.5 * twoSidedP(t, nu);
        return t >= 0 ? 1 - tail : tail;
    }

    /**
     * @param p  probability in (0, 1)
     * @param nu degrees of freedom &gt; 0
     * @return {@code F^-1(p)}
     */
    public static double quantile(double p, double nu) {
        check(nu);
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("t quantile needs 0 < p < 1, got " + p);
        }
        if (nu == Double.POSITIVE_INFINITY) {
            return StandardNormal.quantile(p);
        }
        if (p < 0.5) {
            return -quantile(1 - p, nu);
        }
        // upper half: F(t) = p  <=>  P(|T| > t) = 2 (1 - p), decreasing in t >= 0
        final double target = 2 * (1 - p);
        double lo = 0, hi = Math.max(1, StandardNormal.quantile(p));
        while (twoSidedP(hi, nu) > target) {
            lo = hi;
            hi *= 2;
        }
        for (int i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
            final double mid = 0.5 * (lo + hi);
            if (twoSidedP(mid, nu) > target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }
}

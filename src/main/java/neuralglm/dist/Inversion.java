package neuralglm.dist;

import java.util.function.DoubleUnaryOperator;

/**
 * Numerical inversion of a cdf, shared by the distributions.
 * <ul>
 * <li>{@link #positive}: for a continuous cdf on y &gt; 0, solves {@code F(e^t) = p} in {@code t = log y}:
 * the bracket around a first guess is widened by doubling steps, then Newton steps
 * ({@code dF/dt = f(y) y}) that leave the bracket are replaced by bisection. Stops when the bracket
 * or the step is below 1e-15 relative in y.</li>
 * <li>{@link #discrete}: for a cdf on 0, 1, 2, ..., evaluates F at a first guess and walks down or
 * up adding or removing single masses until {@code F(k-1) < p <= F(k)}; after {@value #WALK} steps it
 * brackets by doubling and bisects instead, so the work is bounded for any mean (counts as doubles).</li>
 * </ul>
 */
final class Inversion {

    private static final int MAX_DOUBLINGS = 1100;
    /** log of the largest and of the smallest positive double. */
    private static final double LOG_MAX = Math.log(Double.MAX_VALUE), LOG_MIN = Math.log(Double.MIN_VALUE);
    private static final int MAX_ITERATIONS = 300;
    private static final double TOLERANCE = 1e-15;
    /** Single steps walked from the guess of a discrete quantile before bisecting. */
    static final int WALK = 64;
    /** Largest number of Newton steps in y after those in log y. */
    private static final int REFINE = 60;

    private Inversion() {
    }

    static void checkProbability(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("a quantile needs a probability in [0, 1], got " + p);
        }
    }

    /**
     * @param cdf   F on y &gt; 0, increasing
     * @param pdf   f = F'
     * @param p     target probability in [0, 1], above F(0+)
     * @param guess a positive first guess (ignored when p is 0 or 1)
     * @return y with F(y) = p; 0 for p = 0, +Infinity for p = 1
     */
    static double positive(DoubleUnaryOperator cdf, DoubleUnaryOperator pdf, double p, double guess) {
        checkProbability(p);
        if (p == 0) {
            return 0.0;
        }
        if (p == 1) {
            return Double.POSITIVE_INFINITY;
        }
        // the doubles span t = log y in [LOG_MIN, LOG_MAX]; beyond them the quantile is 0 or +Infinity
        if (cdf.applyAsDouble(Double.MAX_VALUE) < p) {
            return Double.POSITIVE_INFINITY;
        }
        if (cdf.applyAsDouble(Double.MIN_VALUE) >= p) {
            return 0.0;
        }
        double t = Math.min(LOG_MAX, Math.max(LOG_MIN, Math.log(guess > 0 && Double.isFinite(guess) ? guess : 1.0)));
        double lo, hi;
        if (cdf.applyAsDouble(Math.exp(t)) < p) {
            lo = t;
            hi = Math.min(LOG_MAX, t + 1);
            for (int i = 0; i < MAX_DOUBLINGS && hi < LOG_MAX && cdf.applyAsDouble(Math.exp(hi)) < p; i++) {
                lo = hi;
                hi = Math.min(LOG_MAX, lo + Math.scalb(1.0, Math.min(i + 1, 9)));
            }
        } else {
            hi = t;
            lo = Math.max(LOG_MIN, t - 1);
            for (int i = 0; i < MAX_DOUBLINGS && lo > LOG_MIN && cdf.applyAsDouble(Math.exp(lo)) >= p; i++) {
                hi = lo;
                lo = Math.max(LOG_MIN, hi - Math.scalb(1.0, Math.min(i + 1, 9)));
            }
        }
        t = 0.5 * (lo + hi);
        for (int i = 0; i < MAX_ITERATIONS; i++) {
            final double y = Math.exp(t);
            final double g = cdf.applyAsDouble(y) - p;
            if (g == 0) {
                return y;
            }
            if (g < 0) {
                lo = t;
            } else {
                hi = t;
            }
            final double slope = pdf.applyAsDouble(y) * y;
            double next = t - g / slope;
            if (!(slope > 0) || !(next > lo && next < hi)) {
                next = 0.5 * (lo + hi);
            }
            final double scale = Math.max(1.0, Math.abs(t));
            if (Math.abs(next - t) <= TOLERANCE * scale || hi - lo <= TOLERANCE * scale) {
                t = next;
                break;
            }
            t = next;
        }
        return refine(cdf, pdf, p, Math.exp(lo), Math.exp(hi), Math.exp(t));
    }

    /**
     * A few Newton steps in y itself, guarded by the bracket: the steps in t = log y cannot resolve y finer
     * than |t| ulps (1.5e-13 relative at |t| = 700), too coarse for a distribution that narrow.
     */
    private static double refine(DoubleUnaryOperator cdf, DoubleUnaryOperator pdf, double p, double lo, double hi, double y) {
        if (!(lo < hi) || !(y >= lo && y <= hi) || !Double.isFinite(hi)) {
            return y;
        }
        for (int i = 0; i < REFINE; i++) {
            final double g = cdf.applyAsDouble(y) - p;
            if (g == 0) {
                return y;
            }
            if (g < 0) {
                lo = y;
            } else {
                hi = y;
            }
            final double f = pdf.applyAsDouble(y);
            double next = y - g / f;
            if (!(f > 0) || !(next > lo && next < hi)) {
                next = lo + 0.5 * (hi - lo);
            }
            if (Math.abs(next - y) <= 2 * Math.ulp(y) || hi - lo <= 4 * Math.ulp(y)) {
                return next;
            }
            y = next;
        }
        return y;
    }

    /**
     * @param cdf   F(k) for k = 0, 1, ... (counts as doubles, so past 2^53 too)
     * @param pmf   P(Y = k)
     * @param p     target probability in (0, 1)
     * @param guess first guess (clamped into [0, max])
     * @param max   largest support point ({@link Double#MAX_VALUE} when unbounded)
     * @return the smallest k with F(k) &gt;= p: first by walking up to {@value #WALK} single masses from the
     *         guess (exact and cheap near a good guess), then, if still short, by doubling a bracket and
     *         bisecting it on whole numbers; at most about 2 x 1100 + 64 + 2 x {@value #WALK} evaluations.
     *         Past 2^53 neighbouring doubles are more than 1 apart and the answer is the first of them.
     */
    static double discrete(DoubleUnaryOperator cdf, DoubleUnaryOperator pmf, double p, double guess, double max) {
        double k = Math.max(0, Math.min(Math.floor(Double.isNaN(guess) ? 0 : guess), max));
        double f = cdf.applyAsDouble(k);
        if (f >= p) {
            for (int i = 0; i < WALK; i++) {
                if (k == 0) {
                    return 0;
                }
                final double below = f - pmf.applyAsDouble(k);
                if (below < p) {
                    return k;
                }
                f = below;
                k--;
            }
            // F(k) >= p still: look further down
            double hi = k, step = WALK;
            double lo = Math.max(-1, hi - step);
            for (int i = 0; i < MAX_DOUBLINGS && lo >= 0 && cdf.applyAsDouble(lo) >= p; i++) {
                hi = lo;
                step = Math.max(2 * step, 4 * Math.ulp(hi)); // past 2^53 a step below the spacing would not move
                lo = Math.max(-1, hi - step);
            }
            return bisect(cdf, p, lo, hi);
        }
        for (int i = 0; i < WALK && k < max; i++) {
            k++;
            final double m = pmf.applyAsDouble(k);
            f += m;
            if (f >= p) {
                return k;
            }
            if (m < 1e-300 && k > guess && f > 0.5) {
                return k; // F has saturated in double precision; p is within round-off of 1
            }
        }
        if (k >= max) {
            return max;
        }
        double lo = k, step = WALK;
        double hi = Math.min(max, lo + step);
        for (int i = 0; i < MAX_DOUBLINGS && hi < max && cdf.applyAsDouble(hi) < p; i++) {
            lo = hi;
            step = Math.max(2 * step, 4 * Math.ulp(lo));
            hi = Math.min(max, lo + step);
        }
        return bisect(cdf, p, lo, hi);
    }

    /** @return the smallest whole hi' in (lo, hi] with F(hi') &gt;= p, given F(lo) &lt; p &lt;= F(hi) (lo = -1 allowed) */
    private static double bisect(DoubleUnaryOperator cdf, double p, double lo, double hi) {
        for (int i = 0; i < 4 * MAX_DOUBLINGS && hi - lo > 1; i++) {
            // geometric steps while the bracket spans more than a factor 4, then arithmetic ones
            final double from = Math.max(lo, 0) + 1, to = hi + 1;
            final double mid = to > 4 * from ? Math.floor(Math.sqrt(from) * Math.sqrt(to)) - 1 : Math.floor(lo + 0.5 * (hi - lo));
            if (mid <= lo || mid >= hi) {
                break;
            }
            if (cdf.applyAsDouble(mid) >= p) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }
}

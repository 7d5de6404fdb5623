package neuralglm.dist;

import java.util.function.DoubleUnaryOperator;
import java.util.function.LongToDoubleFunction;

/**
 * Numerical inversion of a cdf, shared by the distributions.
 * <ul>
 * <li>{@link #positive}: for a continuous cdf on y &gt; 0, solves {@code F(e^t) = p} in {@code t = log y}:
 * the bracket around a first guess is widened by doubling steps, then Newton steps
 * ({@code dF/dt = f(y) y}) that leave the bracket are replaced by bisection. Stops when the bracket
 * or the step is below 1e-15 relative in y.</li>
 * <li>{@link #discrete}: for a cdf on 0, 1, 2, ..., evaluates F at a first guess and walks down or
 * up adding or removing single masses until {@code F(k-1) < p <= F(k)}.</li>
 * </ul>
 */
final class Inversion {

    private static final int MAX_DOUBLINGS = 1100;
    private static final int MAX_ITERATIONS = 300;
    private static final double TOLERANCE = 1e-15;

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
        double t = Math.log(guess > 0 && Double.isFinite(guess) ? guess : 1.0);
        double lo, hi;
        if (cdf.applyAsDouble(Math.exp(t)) < p) {
            lo = t;
            hi = t + 1;
            for (int i = 0; i < MAX_DOUBLINGS && cdf.applyAsDouble(Math.exp(hi)) < p; i++) {
                lo = hi;
                hi = lo + Math.scalb(1.0, Math.min(i + 1, 9));
            }
        } else {
            hi = t;
            lo = t - 1;
            for (int i = 0; i < MAX_DOUBLINGS && cdf.applyAsDouble(Math.exp(lo)) >= p; i++) {
                hi = lo;
                lo = hi - Math.scalb(1.0, Math.min(i + 1, 9));
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
                return Math.exp(next);
            }
            t = next;
        }
        return Math.exp(t);
    }

    /**
     * @param cdf   F(k) for k = 0, 1, ...
     * @param pmf   P(Y = k)
     * @param p     target probability in (0, 1)
     * @param guess first guess (clamped into [0, max])
     * @param max   largest support point (Long.MAX_VALUE when unbounded)
     * @return the smallest k with F(k) &gt;= p
     */
    static long discrete(LongToDoubleFunction cdf, LongToDoubleFunction pmf, double p, double guess, long max) {
        long k = (long) Math.max(0, Math.min(Math.floor(guess), max));
        double f = cdf.applyAsDouble(k);
        if (f >= p) {
            while (k > 0) {
                final double below = f - pmf.applyAsDouble(k);
                if (below < p) {
                    break;
                }
                f = below;
                k--;
            }
            return k;
        }
        while (f < p && k < max) {
            k++;
            final double m = pmf.applyAsDouble(k);
            f += m;
            if (m < 1e-300 && k > guess) {
                break; // F has saturated in double precision; p is within round-off of 1
            }
        }
        return k;
    }
}

package neuralglm.train;

import neuralglm.family.Family;
import neuralglm.nn.Layer;
import neuralglm.nn.Linear;
import neuralglm.nn.Sequential;
import org.ejml.data.DMatrixRMaj;

/**
 * Re-estimates the output bias (the level) of a network with one output by maximum likelihood, every other weight
 * held fixed, with no penalty:
 * <pre>
 *   delta = argmin_d  sum_i w_i l(eta_i + d; y_i),   b_out &lt;- b_out + delta,   eta_i &lt;- eta_i + delta
 *   i.e. the root of the score  S(d) = sum_i w_i dl/deta(eta_i + d; y_i)
 *   log link, Gamma:   exp(delta) = sum w_i y_i / mu_i / sum w_i       (then sum w_i (1 - y_i / mu_i) = 0)
 *   log link, Poisson: exp(delta) = sum w_i y_i / sum w_i mu_i         (then sum w_i mu_i = sum w_i y_i)
 * </pre>
 * S is increasing in d where l is convex in eta (every family here on its canonical link and on the log link; the
 * inverse Gaussian's log link has one root too), so the root is bracketed from d = 0 by doubling steps and found by
 * bisection to the resolution of a double. A weight decay pulls the output bias towards 0 on the link scale, which for a
 * log link is mu = 1 in the class's units: an early-stopped penalised network of a positive class then predicts too low
 * a level, by an amount that depends on the class's units. (This is the recalibration in the large of a prediction
 * model: the intercept re-estimated with the linear predictor as an offset.)
 */
public final class OutputLevel {

    /** The most doublings of the step that brackets the root: |delta| up to 2^60. */
    private static final int MAX_DOUBLINGS = 60;

    private OutputLevel() {
    }

    /**
     * @param family the output distribution (one output)
     * @param eta    the network's outputs on the rows, n x 1. Not modified.
     * @param y      targets, n x 1. Not modified.
     * @param w      instance weights or null. Not modified.
     * @return delta, the maximum-likelihood shift of every eta; 0 when the score is 0 or not finite at 0, or no root is
     *         bracketed
     */
    public static double shift(Family family, DMatrixRMaj eta, DMatrixRMaj y, double[] w) {
        if (eta.numCols != 1 || y.numCols != 1) {
            throw new IllegalArgumentException("The output level of a network with " + eta.numCols + " outputs");
        }
        final double s0 = score(family, eta, y, w, 0);
        if (!(s0 != 0) || !Double.isFinite(s0)) {
            return 0;
        }
        // the root lies on the side where the score changes sign: up when S(0) < 0
        final double dir = s0 < 0 ? 1 : -1;
        double inner = 0, step = 1, outer = Double.NaN;
        for (int k = 0; k < MAX_DOUBLINGS; k++) {
            final double d = dir * step, s = score(family, eta, y, w, d);
            if (Double.isNaN(s) || Double.isInfinite(s) && Math.signum(s) != dir) {
                step /= 2;   // left the link's domain (e.g. eta >= 0 for a canonical Gamma): a shorter step
                if (step < 1e-300) {
                    return 0;
                }
                continue;
            }
            if (Math.signum(s) == dir || s == 0) {
                outer = d;
                break;
            }
            inner = d;
            step *= 2;
        }
        if (Double.isNaN(outer)) {
            return 0;
        }
        double lo = Math.min(inner, outer), hi = Math.max(inner, outer);
        while (true) {
            final double mid = 0.5 * (lo + hi);
            if (mid <= lo || mid >= hi) {
                break;
            }
            final double s = score(family, eta, y, w, mid);
            if (s == 0) {
                return mid;
            }
            if (s < 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return Math.abs(score(family, eta, y, w, lo)) <= Math.abs(score(family, eta, y, w, hi)) ? lo : hi;
    }

    /**
     * Moves the network's output bias and the given outputs by the maximum-likelihood shift ({@link #shift}).
     *
     * @param net    a network ending with a {@link Linear} layer of one output
     * @param family the output distribution
     * @param eta    the network's outputs on the rows, n x 1: shifted in place, so they stay the network's outputs
     * @param y      targets, n x 1. Not modified.
     * @param w      instance weights or null. Not modified.
     * @return the shift applied
     */
    public static double refit(Sequential net, Family family, DMatrixRMaj eta, DMatrixRMaj y, double[] w) {
        final java.util.List<Layer> layers = net.layers();
        if (layers.isEmpty() || !(layers.get(layers.size() - 1) instanceof Linear out) || out.outputs() != 1) {
            throw new IllegalArgumentException("The output level needs a network ending with a Linear layer of one output");
        }
        final double delta = shift(family, eta, y, w);
        if (delta != 0) {
            out.bias().value().data[0] += delta;
            final int n = eta.getNumElements();
            for (int i = 0; i < n; i++) {
                eta.data[i] += delta;
            }
        }
        return delta;
    }

    /** @return S(d) = sum_i w_i dl/deta(eta_i + d; y_i) */
    private static double score(Family family, DMatrixRMaj eta, DMatrixRMaj y, double[] w, double d) {
        final int n = eta.numRows;
        double s = 0;
        for (int i = 0; i < n; i++) {
            final double wi = w == null ? 1 : w[i];
            if (wi != 0) {
                s += wi * family.gradient(eta.data[i] + d, y.data[i]);
            }
        }
        return s;
    }
}

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
 * S is increasing in d where l is convex in eta (every family here on its canonical link, Poisson and Gamma on the log
 * link), so the root is bracketed from d = 0 by doubling steps (halving towards the edge of the link's domain when a
 * step leaves it) and found by bisection to a relative width of 1e-15. Where l is not convex everywhere (the inverse
 * Gaussian's log link where mu &gt; 2y, Tweedie with power above 2) a root is kept only if it lowers the weighted
 * negative log-likelihood; with no sign change (every target 0 under a log link, whose likelihood rises without bound
 * as the level falls) the level is left as it is. A weight decay pulls the output bias towards 0 on the link scale, which for a
 * log link is mu = 1 in the class's units: an early-stopped penalised network of a positive class then predicts too low
 * a level, by an amount that depends on the class's units. (This is the recalibration in the large of a prediction
 * model: the intercept re-estimated with the linear predictor as an offset.)
 */
public final class OutputLevel {

    /** The most score evaluations spent bracketing the root: doublings of the step, then halvings towards a domain edge. */
    private static final int MAX_BRACKET_STEPS = 200;

    /** The bisection stops when the bracket is this narrow relative to max(1, |d|): finer than the summed score resolves. */
    private static final double RELATIVE_WIDTH = 1e-15;

    private OutputLevel() {
    }

    /**
     * @param family the output distribution (one output)
     * @param eta    the network's outputs on the rows, n x 1. Not modified.
     * @param y      targets, n x 1. Not modified.
     * @param w      instance weights (length n) or null. Not modified.
     * @return delta, the maximum-likelihood shift of every eta; 0 when the score is 0 or not finite at 0, when it does
     *         not change sign (e.g. every target 0 for a log link: the likelihood then grows without bound as delta
     *         falls), or when the shift would not lower the weighted negative log-likelihood (a family whose score is
     *         not monotone in delta)
     * @throws IllegalArgumentException when eta or y has more than one column, or y or w does not have eta's rows
     */
    public static double shift(Family family, DMatrixRMaj eta, DMatrixRMaj y, double[] w) {
        if (eta.numCols != 1 || y.numCols != 1) {
            throw new IllegalArgumentException("The output level of a network with " + eta.numCols + " outputs and "
                    + y.numCols + " target columns: one of each is needed");
        }
        if (y.numRows != eta.numRows || w != null && w.length != eta.numRows) {
            throw new IllegalArgumentException("The output level of " + eta.numRows + " outputs needs as many targets and "
                    + "weights, got " + y.numRows + " targets and " + (w == null ? "no" : String.valueOf(w.length)) + " weights");
        }
        final double s0 = score(family, eta, y, w, 0);
        if (s0 == 0 || !Double.isFinite(s0)) {
            return 0;
        }
        // the root lies on the side where the score changes sign: up when S(0) < 0. Steps double from 1 until the score
        // changes sign; a step that leaves the link's domain (NaN, or an infinity of the wrong sign) is an edge, and the
        // next points halve the gap between the last point inside and that edge
        final double dir = s0 < 0 ? 1 : -1;
        double inner = 0, step = 1, outer = Double.NaN, edge = Double.NaN, sInner = s0, sOuter = Double.NaN;
        for (int k = 0; k < MAX_BRACKET_STEPS; k++) {
            final double d = Double.isNaN(edge) ? dir * step : 0.5 * (inner + edge);
            if (d == inner || d == edge) {
                return 0;   // no room left between the last point inside and the edge
            }
            final double s = score(family, eta, y, w, d);
            if (Double.isNaN(s) || Double.isInfinite(s) && Math.signum(s) != dir) {
                edge = d;
            } else if (Math.signum(s) == dir) {
                outer = d;
                sOuter = s;
                break;
            } else {
                inner = d;   // still the sign of S(0), or an underflow to 0: not a root
                sInner = s;
                step *= 2;
            }
        }
        if (Double.isNaN(outer)) {
            return 0;
        }
        // bisection between inner (sign of S(0)) and outer (the other sign; a NaN counts as beyond it)
        double a = inner, b = outer, sa = sInner, sb = sOuter;
        while (Math.abs(b - a) > RELATIVE_WIDTH * Math.max(1, Math.abs(a))) {
            final double mid = 0.5 * (a + b);
            if (mid == a || mid == b) {
                break;
            }
            final double s = score(family, eta, y, w, mid);
            if (s == 0) {
                a = mid;
                sa = s;
                break;
            }
            if (Double.isNaN(s) || Math.signum(s) == dir) {
                b = mid;
                sb = s;
            } else {
                a = mid;
                sa = s;
            }
        }
        final double delta = Double.isFinite(sb) && Math.abs(sb) < Math.abs(sa) ? b : a;
        return nll(family, eta, y, w, delta) < nll(family, eta, y, w, 0) ? delta : 0;
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
        return weightedSum(family, eta, y, w, d, true);
    }

    /** @return sum_i w_i l(eta_i + d; y_i), NaN outside the link's domain */
    private static double nll(Family family, DMatrixRMaj eta, DMatrixRMaj y, double[] w, double d) {
        return weightedSum(family, eta, y, w, d, false);
    }

    /** @return sum_i w_i g(eta_i + d; y_i), g = dl/deta (gradient) or l, over the rows of non-zero weight */
    private static double weightedSum(Family family, DMatrixRMaj eta, DMatrixRMaj y, double[] w, double d, boolean gradient) {
        final int n = eta.numRows;
        double s = 0;
        for (int i = 0; i < n; i++) {
            final double wi = w == null ? 1 : w[i];
            if (wi != 0) {
                final double e = eta.data[i] + d;
                s += wi * (gradient ? family.gradient(e, y.data[i]) : family.nll(e, y.data[i]));
            }
        }
        return s;
    }
}

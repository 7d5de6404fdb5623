package neuralglm.family;

import org.ejml.data.DMatrixRMaj;

/**
 * A known per-row offset on the linear predictor, R's {@code glm(y ~ x + offset(o))} and statsmodels'
 * {@code offset=}: the network gives {@code f(x)} and the family sees
 * <pre>
 *   eta_i = f(x_i) + o_i,     mu_i = g^-1(eta_i),     dl/df_i = dl/deta_i   (o is data, not a parameter)
 * </pre>
 * so the backward pass is the same as without an offset; only eta, and everything computed from it (NLL,
 * deviance, dispersion, information, predictions), moves by o. For a log link, {@code o = log(exposure)} makes
 * {@code mu = exposure * exp(f(x))}. One-output families only. Everywhere in the engine a null offset means
 * none, and a path without an offset neither allocates nor reads anything more.
 */
public final class Offsets {

    private Offsets() {
    }

    /**
     * The offsets of a fit to a standardised target {@code (y - m) / s} (an identity link's network that learns the
     * class on that scale): {@code (y - m) / s = f(x) + o / s}, so the model on y's scale is {@code m + s f(x) + o}.
     *
     * @param offset the offsets on y's scale, or null for none. Not modified.
     * @param scale  s &gt; 0
     * @return {@code o / s} (a new array), or null for none
     */
    public static double[] standardised(double[] offset, double scale) {
        if (offset == null) {
            return null;
        }
        final double[] out = new double[offset.length];
        for (int i = 0; i < offset.length; i++) {
            out[i] = offset[i] / scale;
        }
        return out;
    }

    /**
     * {@code out_i = eta_i + o_{from + i}} for the rows of a one-column eta.
     *
     * @param eta    the network's outputs, b x 1. Not modified.
     * @param offset the offsets of all rows. Not modified.
     * @param from   the offset of eta's first row
     * @param out    a buffer (reshaped; null to allocate); may be eta itself
     * @return out
     */
    public static DMatrixRMaj add(DMatrixRMaj eta, double[] offset, int from, DMatrixRMaj out) {
        if (eta.numCols != 1) {
            throw new IllegalArgumentException("An offset needs a one-output network; this one has " + eta.numCols
                    + " outputs");
        }
        final int b = eta.numRows;
        if (out == null) {
            out = new DMatrixRMaj(b, 1);
        } else if (out != eta) {
            out.reshape(b, 1, false);
        }
        final double[] e = eta.data, o = out.data;
        for (int i = 0; i < b; i++) {
            o[i] = e[i] + offset[from + i];
        }
        return out;
    }

    /**
     * The engine's guard on an offset (a face names the attribute and instance before this).
     *
     * @param family the family (one output)
     * @param offset the offsets, or null for none. Not modified.
     * @param n      the number of rows
     * @throws IllegalArgumentException for a multi-output family, a length other than n, or a value not finite
     */
    public static void check(Family family, double[] offset, int n) {
        if (offset == null) {
            return;
        }
        if (!family.isScalar()) {
            throw new IllegalArgumentException("An offset needs a one-output family; " + family.name()
                    + " has one linear predictor per class");
        }
        if (offset.length != n) {
            throw new IllegalArgumentException("The data have " + n + " rows but " + offset.length + " offsets were given");
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(offset[i])) {
                throw new IllegalArgumentException(String.format(
                        "Offset %s at row %d is not finite; offsets must be finite numbers on the scale of eta", offset[i], i));
            }
        }
    }

    /** Fisher-scoring steps of the intercept-only fit at most; each halves until the NLL does not rise. */
    private static final int MAX_ITERATIONS = 200;

    /**
     * The intercept of the intercept-only model with an offset, the maximum-likelihood {@code b} of
     * {@code sum w_i l(b + o_i; y_i)} (R's null deviance with an offset fits this model, by IRLS): Fisher scoring
     * <pre>
     *   b &lt;- b - sum w_i dl/deta_i / sum w_i (dmu/deta_i)^2 / V(mu_i)
     * </pre>
     * from {@code g(ybar) - mean(o)} (for a log link {@code log(sum w y / sum w e^o)}, the exact answer for Poisson),
     * halving a step whose NLL rises or leaves the link's domain, until a step is below 1e-14 of |b| + 1. A constant
     * offset c needs no iterations: {@code b = g(ybar) - c}, the closed form's intercept (for offsets all 0 the same
     * bits as without an offset, {@link Family#nullEta}).
     *
     * @param family a one-output family
     * @param y      targets, n x 1. Not modified.
     * @param w      weights or null. Not modified.
     * @param offset the offsets, length n. Not modified.
     * @return b
     */
    public static double nullIntercept(Family family, DMatrixRMaj y, double[] w, double[] offset) {
        if (isConstant(offset)) {
            final double b = family.nullEta(Family.weightedColumnMeans(y, w))[0];
            return offset.length == 0 ? b : b - offset[0];   // offsets of 0: nullEta's bits (b - 0 is b)
        }
        final int n = y.numRows;
        final double[] t = y.data;
        double sw = 0, swy = 0, swo = 0, swe = 0;
        for (int i = 0; i < n; i++) {
            final double wi = w == null ? 1.0 : w[i];
            sw += wi;
            swy += wi * t[i];
            swo += wi * offset[i];
            swe += wi * Math.exp(offset[i]);
        }
        return fisherScoring(fisherStart(family, sw, swy, swo, swe), at -> {
            double grad = 0, info = 0;
            for (int i = 0; i < n; i++) {
                final double wi = w == null ? 1.0 : w[i];
                if (wi == 0) {
                    continue;
                }
                final double e = at + offset[i], mu = family.mean(e), g = family.link().meanDerivative(e);
                grad += wi * family.gradient(e, t[i]);
                if (g != 0) {
                    info += wi * g * g / family.variance(mu);
                }
            }
            return new double[] {grad, info, nll(family, y, w, offset, at)};
        });
    }

    /**
     * Where {@link #fisherScoring} of the intercept-only fit starts, from the rows' sums (on one machine or over a
     * cluster's partitions): {@code log(sum w y / sum w e^o)} for a log link (Poisson's exact answer), else
     * {@code g(ybar) - mean(o)}; {@code -mean(o)} where that is not finite.
     *
     * @param family a one-output family
     * @param sw     sum w
     * @param swy    sum w y
     * @param swo    sum w o
     * @param swe    sum w e^o
     * @return the first intercept
     */
    public static double fisherStart(Family family, double sw, double swy, double swo, double swe) {
        final double b = family.link() == Link.LOG && swy > 0 && swe > 0 && Double.isFinite(swe) ? Math.log(swy / swe)
                : family.link().apply(swy / sw) - swo / sw;
        return Double.isFinite(b) ? b : -swo / sw;
    }

    /** The sums of the intercept-only fit at an intercept b, over whatever holds the rows. */
    @FunctionalInterface
    public interface NullFitSums {
        /**
         * @param b the intercept
         * @return {@code {sum w dl/deta, sum w (dmu/deta)^2 / V(mu), sum w l}} at eta = b + o; the last +Infinity when
         *         some b + o leaves the link's domain
         */
        double[] at(double b);
    }

    /**
     * The Fisher scoring of {@link #nullIntercept} from a start, on sums taken anywhere (one machine, or a cluster's
     * partitions): {@code b <- b - grad / info}, a step halved (at most 60 times) while the NLL rises or is infinite,
     * until a step is below 1e-14 of |b| + 1 or {@value #MAX_ITERATIONS} steps.
     *
     * @param start the first intercept
     * @param sums  the sums at an intercept
     * @return b
     */
    public static double fisherScoring(double start, NullFitSums sums) {
        double b = start;
        double[] at = sums.at(b);
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            final double grad = at[0], info = at[1], nll = at[2];
            if (!(info > 0) || !Double.isFinite(grad)) {
                return b;
            }
            double step = grad / info, next = b - step;
            double[] nextAt = sums.at(next);
            for (int h = 0; h < 60 && !(nextAt[2] <= nll); h++) {
                step /= 2;
                next = b - step;
                nextAt = sums.at(next);
            }
            if (!(nextAt[2] <= nll)) {
                return b;
            }
            b = next;
            at = nextAt;
            if (Math.abs(step) <= 1e-14 * (Math.abs(b) + 1)) {
                return b;
            }
        }
        return b;
    }

    /**
     * @param offset offsets, not null
     * @return whether they are all the same number (then the intercept-only model's fit and deviance are the closed
     *         form's, the intercept moved by the constant)
     */
    public static boolean isConstant(double[] offset) {
        for (int i = 1; i < offset.length; i++) {
            if (offset[i] != offset[0]) {
                return false;
            }
        }
        return true;
    }

    private static double nll(Family family, DMatrixRMaj y, double[] w, double[] offset, double b) {
        double s = 0;
        for (int i = 0; i < y.numRows; i++) {
            final double wi = w == null ? 1.0 : w[i];
            if (wi != 0) {
                final double e = b + offset[i];
                s += family.link().inDomain(e) ? wi * family.nll(e, y.data[i]) : Double.POSITIVE_INFINITY;
            }
        }
        return s;
    }

    /**
     * The deviance of the intercept-only model with the offset ({@link #nullIntercept}), R's {@code null.deviance}
     * of a fit with an offset.
     *
     * @param family a one-output family
     * @param y      targets, n x 1. Not modified.
     * @param w      weights or null. Not modified.
     * @param offset the offsets, length n. Not modified.
     * @return {@code D0 = sum w_i d(y_i, g^-1(b + o_i))}
     */
    public static double nullDeviance(Family family, DMatrixRMaj y, double[] w, double[] offset) {
        if (isConstant(offset)) {
            return family.nullDeviance(y, w);   // the intercept absorbs a constant: the closed form's model
        }
        final double b = nullIntercept(family, y, w, offset);
        final DMatrixRMaj eta0 = new DMatrixRMaj(y.numRows, 1);
        for (int i = 0; i < y.numRows; i++) {
            eta0.data[i] = b + offset[i];
        }
        return family.deviance(eta0, y, w);
    }
}

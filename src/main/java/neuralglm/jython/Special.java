package neuralglm.jython;

import java.util.function.DoubleUnaryOperator;

import org.ejml.data.DMatrixRMaj;

import neuralglm.dist.SpecialFunctions;
import neuralglm.linalg.SafeMath;

/**
 * The special functions of {@code torch} that log-likelihoods need, element-wise and recorded:
 * <pre>
 *   lgamma(x)   = log |Gamma(x)|       backward  g psi(x)
 *   digamma(x)  = psi(x)               backward  g psi'(x)     (trigamma)
 *   xlogy(x, y) = x log y, 0 where x = 0 (NaN where y is NaN)
 *                 backward  to x: g log y, but 0 where x = 0 and y &lt;= 0;   to y: g x / y   (PyTorch 1.13's formulas)
 * </pre>
 * For x &gt; 0 the values are the engine's {@link SpecialFunctions#logGamma}, {@link SpecialFunctions#digamma} and
 * {@link SpecialFunctions#trigamma}. For x &lt;= 0, where the engine answers NaN, PyTorch's values come from the
 * reflection formulas, with r = x - trunc(x) (so that sin and tan see a small argument):
 * <pre>
 *   lgamma(x)  = log(pi / |sin(pi r)|) - lgamma(1 - x),  +inf at 0 and the negative integers
 *   digamma(x) = psi(1 - x) - pi / tan(pi r),            -inf at +0, NaN at the negative integers
 *   trigamma(x) = pi^2 / sin^2(pi x) - psi'(1 - x)       (as PyTorch: huge, not infinite, at negative integers)
 * </pre>
 * A result is a float tensor also for whole-number input ({@code lgamma(y + 1)} of counts).
 */
public final class Special {

    private Special() {
    }

    /**
     * @param x a tensor
     * @return {@code log |Gamma(x)|} entry by entry (recorded)
     */
    public static Tensor lgamma(Tensor x) {
        return map(x, Special::logGamma, Special::digammaOf, "LgammaBackward0");
    }

    /**
     * @param x a tensor
     * @return {@code psi(x) = d/dx log Gamma(x)} entry by entry (recorded; its gradient is trigamma)
     */
    public static Tensor digamma(Tensor x) {
        return map(x, Special::digammaOf, Special::trigamma, "DigammaBackward0");
    }

    /**
     * {@code F.gelu(x)} (PyTorch's exact form, {@code approximate='none'}): {@code x Phi(x)}, the standard normal cdf
     * {@link neuralglm.dist.StandardNormal#cdf} (PyTorch writes it {@code x (1 + erf(x / sqrt 2)) / 2}); backward
     * {@code g (Phi(x) + x phi(x))}.
     *
     * @param x a tensor
     * @return GELU(x) entry by entry (recorded)
     */
    public static Tensor gelu(Tensor x) {
        return map(x, v -> v * neuralglm.dist.StandardNormal.cdf(v),
                v -> neuralglm.dist.StandardNormal.cdf(v) + v * neuralglm.dist.StandardNormal.density(v), "GeluBackward0");
    }

    /**
     * {@code torch.xlogy(x, y)}: tensors or numbers, broadcast against each other.
     *
     * @param x the factor
     * @param y the argument of the log
     * @return {@code x log y}, 0 where x = 0 (recorded)
     */
    public static Tensor xlogy(Object x, Object y) {
        final Tensor a = Convert.toTensor(x, "xlogy: input"), b = Convert.toTensor(y, "xlogy: other");
        final int[] shape = Joins.broadcastShape(a, b);
        final int r = shape.length == 2 ? shape[0] : 1, c = shape.length == 0 ? 1 : shape[shape.length - 1];
        final double[] u = Joins.spread(a, r, c), v = Joins.spread(b, r, c);
        final DMatrixRMaj out = new DMatrixRMaj(r, c);
        for (int k = 0; k < r * c; k++) {
            out.data[k] = Double.isNaN(v[k]) ? Double.NaN : SafeMath.xlogy(u[k], v[k]);
        }
        return Ops.record(Tensor.of(out, shape), "XlogyBackward0", g -> {
            final double[] toX = new double[r * c], toY = new double[r * c];
            for (int k = 0; k < r * c; k++) {
                toX[k] = u[k] == 0 && v[k] <= 0 ? 0.0 : Math.log(v[k]);
                toY[k] = u[k] / v[k];
            }
            return new DMatrixRMaj[] {a.needsGrad() ? Joins.reduceTo(a, g, toX) : null,
                b.needsGrad() ? Joins.reduceTo(b, g, toY) : null};
        }, a, b);
    }

    /** @return f applied entry by entry, recorded with the derivative d */
    static Tensor map(Tensor x, DoubleUnaryOperator f, DoubleUnaryOperator d, String name) {
        final int n = x.numel();
        final DMatrixRMaj out = new DMatrixRMaj(x.data.numRows, x.data.numCols);
        for (int i = 0; i < n; i++) {
            out.data[i] = f.applyAsDouble(x.data.data[i]);
        }
        return Ops.record(Tensor.of(out, x.shape.clone()), name, g -> {
            final DMatrixRMaj gx = new DMatrixRMaj(x.data.numRows, x.data.numCols);
            for (int i = 0; i < n; i++) {
                gx.data[i] = g.data[i] * d.applyAsDouble(x.data.data[i]);
            }
            return new DMatrixRMaj[] {gx};
        }, x);
    }

    /** @return pi times the fractional part of x (x - trunc(x)), whose sine and tangent are those of pi x up to sign */
    private static double piFraction(double x) {
        return Math.PI * (x - (x < 0 ? Math.ceil(x) : Math.floor(x)));
    }

    static double logGamma(double x) {
        if (x > 0 || Double.isNaN(x)) {
            return SpecialFunctions.logGamma(x);
        }
        if (x == Math.rint(x)) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.log(Math.PI / Math.abs(Math.sin(piFraction(x)))) - SpecialFunctions.logGamma(1 - x);
    }

    static double digammaOf(double x) {
        if (x > 0 || Double.isNaN(x)) {
            return SpecialFunctions.digamma(x);
        }
        if (x == 0) {
            return Math.copySign(Double.POSITIVE_INFINITY, -x);
        }
        if (x == Math.rint(x)) {
            return Double.NaN;
        }
        return SpecialFunctions.digamma(1 - x) - Math.PI / Math.tan(piFraction(x));
    }

    static double trigamma(double x) {
        if (x > 0 || Double.isNaN(x)) {
            return SpecialFunctions.trigamma(x);
        }
        final double s = Math.sin(piFraction(x));   // sin(pi x) up to sign, without pi x's rounding at large |x|
        return Math.PI * Math.PI / (s * s) - SpecialFunctions.trigamma(1 - x);
    }
}

package neuralglm.jython;

import org.ejml.data.DMatrixRMaj;
import org.python.core.PyObject;

/**
 * The recorded pieces beneath {@code F.normalize}, {@code F.pairwise_distance}, {@code F.cosine_similarity} and
 * {@code F.pad}, with PyTorch 1.13's values and gradients:
 * <pre>
 *   pnorm(x, p, dim)   ||x||_p along dim: (sum |x|^p)^(1/p); p = 1 sum |x|, 2 sqrt(sum x^2), inf max |x|, -inf min |x|,
 *                      0 the count of nonzero entries. Gradient (PyTorch's norm_backward): p = 1 sgn(x) g; p = 2
 *                      x g / n (0 where n = 0); inf: sgn(x) g / m on the m entries with |x| = n; p &lt; 1 sgn(x)
 *                      |x|^(p-1) g n^(1-p) (0 where x = 0); otherwise x |x|^(p-2) g / n^(p-1) (0 where n = 0); p = 0: 0
 *   clamp_min(x, m)    max(x, m), gradient g where x &gt;= m, else 0 (torch.clamp_min's)
 *   clamp_min_no_grad(x, m)  max(x, m), gradient g everywhere (the clamp_min_ PyTorch's code makes under no_grad)
 *   pad(x, pads, v)    x surrounded by v: pads (left, right) of the last dimension, then (top, bottom) of the first of
 *                      a 2-d x; negative pads crop; gradient: g's entries over x's
 * </pre>
 */
public final class Norms {

    private Norms() {
    }

    /**
     * @param input   a 1-d or 2-d tensor
     * @param p       the order (a float; inf and -inf too)
     * @param dim     the dimension reduced (negative counts from the end)
     * @param keepdim whether it stays, with size 1
     * @return the p-norm along dim (recorded)
     */
    public static Tensor pnorm(PyObject input, double p, int dim, boolean keepdim) {
        final Tensor x = Args.input(input, "norm");
        final int nd = x.shape.length;
        if (nd == 0) {
            return pnorm(Ops.reshape(x, new int[] {1}, "ViewBackward0"), p, 0, false);
        }
        return pnorm(x, p, dim, keepdim);
    }

    static Tensor pnorm(Tensor x, double p, int dim, boolean keepdim) {
        final int nd = x.shape.length;
        final int d = dim < 0 ? dim + nd : dim;
        if (d < 0 || d >= nd) {
            throw Errors.index("Dimension out of range (expected to be in range of [" + -nd + ", " + (nd - 1) + "], but got " + dim + ")");
        }
        final int r = x.data.numRows, c = x.data.numCols, n = r * c;
        final boolean alongRow = nd == 1 || d == 1;
        final int groups = alongRow ? r : c;
        final double[] xs = x.data.data, norm = new double[groups];
        final boolean inf = Double.isInfinite(p);
        for (int g = 0; g < groups; g++) {
            norm[g] = inf ? (p > 0 ? 0.0 : Double.POSITIVE_INFINITY) : 0.0;
        }
        for (int i = 0; i < n; i++) {
            final int g = alongRow ? i / c : i % c;
            final double a = Math.abs(xs[i]);
            if (inf) {
                norm[g] = Double.isNaN(a) || Double.isNaN(norm[g]) ? Double.NaN : p > 0 ? Math.max(norm[g], a) : Math.min(norm[g], a);
            } else if (p == 0) {
                norm[g] += a != 0 ? 1.0 : 0.0;
            } else if (p == 1) {
                norm[g] += a;
            } else if (p == 2) {
                norm[g] += a * a;
            } else {
                norm[g] += Math.pow(a, p);
            }
        }
        for (int g = 0; g < groups; g++) {
            if (p == 2) {
                norm[g] = Math.sqrt(norm[g]);
            } else if (!inf && p != 0 && p != 1) {
                norm[g] = Math.pow(norm[g], 1.0 / p);
            }
        }
        final int[] shape = nd == 1 ? (keepdim ? new int[] {1} : new int[0])
                : d == 1 ? (keepdim ? new int[] {r, 1} : new int[] {r}) : (keepdim ? new int[] {1, c} : new int[] {c});
        final DMatrixRMaj out = nd == 1 ? new DMatrixRMaj(1, 1) : d == 1
                ? (keepdim ? new DMatrixRMaj(r, 1) : new DMatrixRMaj(1, r)) : new DMatrixRMaj(1, c);
        System.arraycopy(norm, 0, out.data, 0, groups);
        return Ops.record(Tensor.of(out, shape), "NormBackward1", gOut -> {
            final DMatrixRMaj gx = new DMatrixRMaj(r, c);
            final double[] count = new double[groups];
            if (inf) {
                for (int i = 0; i < n; i++) {
                    final int g = alongRow ? i / c : i % c;
                    final double a = Math.abs(xs[i]);
                    count[g] += a == norm[g] || Double.isNaN(a) ? 1.0 : 0.0;
                }
            }
            for (int i = 0; i < n; i++) {
                final int g = alongRow ? i / c : i % c;
                final double v = xs[i], gn = gOut.data[g], nv = norm[g];
                final double sgn = v > 0 ? 1.0 : v < 0 ? -1.0 : v == 0 ? 0.0 : v;
                final double val;
                if (p == 0) {
                    val = 0.0;
                } else if (p == 1) {
                    val = sgn * gn;
                } else if (p == 2) {
                    val = nv == 0 ? 0.0 : v * (gn / nv);
                } else if (inf) {
                    final double a = Math.abs(v);
                    val = a == nv || Double.isNaN(a) ? sgn * (gn / count[g]) : 0.0;
                } else if (p < 1) {
                    val = v == 0 ? 0.0 : sgn * Math.pow(Math.abs(v), p - 1) * gn * Math.pow(nv, 1 - p);
                } else if (p < 2) {
                    val = nv == 0 ? 0.0 : sgn * Math.pow(Math.abs(v), p - 1) * (gn / Math.pow(nv, p - 1));
                } else {
                    val = nv == 0 ? 0.0 : v * Math.pow(Math.abs(v), p - 2) * (gn / Math.pow(nv, p - 1));
                }
                gx.data[i] = val;
            }
            return new DMatrixRMaj[] {gx};
        }, x);
    }

    /**
     * @param input a tensor
     * @param min   the lower bound
     * @return {@code max(x, min)} (NaN stays NaN), gradient g where x &gt;= min (recorded)
     */
    public static Tensor clamp_min(PyObject input, double min) {
        return Special.map(Args.input(input, "clamp_min"), v -> v < min ? min : v, v -> v >= min ? 1.0 : 0.0,
                "ClampMinBackward0");
    }

    /**
     * @param input a tensor
     * @param min   the lower bound
     * @return {@code max(x, min)}, gradient g everywhere: PyTorch's {@code clamp_min_} under {@code no_grad} on a
     *         clone (gaussian_nll_loss's var, cosine_similarity's squared norms)
     */
    public static Tensor clamp_min_no_grad(PyObject input, double min) {
        return Special.map(Args.input(input, "clamp_min"), v -> v < min ? min : v, v -> 1.0, "CloneBackward0");
    }

    /**
     * {@code F.pad(input, pad, mode='constant', value)} of a 1-d or 2-d input.
     *
     * @param input a tensor
     * @param pads  (left, right) or (left, right, top, bottom); negative entries crop
     * @param value the fill
     * @return the padded tensor (recorded)
     */
    public static Tensor pad(PyObject input, int[] pads, double value) {
        final Tensor x = Args.input(input, "pad");
        final int nd = x.shape.length;
        if (pads.length % 2 != 0) {
            throw Errors.runtime("Length of pad must be even but instead it equals " + pads.length);
        }
        if (pads.length / 2 > nd) {
            throw Errors.runtime("Length of pad should be no more than twice the number of dimensions of the input. "
                    + "Pad length is " + pads.length + " while the input has " + nd + " dimensions.");
        }
        final int r = x.data.numRows, c = x.data.numCols;
        final int left = pads.length > 0 ? pads[0] : 0, right = pads.length > 0 ? pads[1] : 0;
        final int top = pads.length > 2 ? pads[2] : 0, bottom = pads.length > 2 ? pads[3] : 0;
        final int c2 = c + left + right, r2 = r + top + bottom;
        if (c2 < 0 || r2 < 0) {
            final boolean last = c2 < 0;
            throw Errors.runtime("The input size " + (last ? c : r) + ", plus negative padding " + (last ? left : top) + " and "
                    + (last ? right : bottom) + " resulted in a negative output size, which is invalid. Check dimension "
                    + (last ? nd - 1 : 0) + " of your input.");
        }
        final DMatrixRMaj out = new DMatrixRMaj(r2, c2);
        java.util.Arrays.fill(out.data, 0, r2 * c2, value);
        for (int i = Math.max(0, -top); i < r && i + top < r2; i++) {
            for (int j = Math.max(0, -left); j < c && j + left < c2; j++) {
                out.data[(i + top) * c2 + j + left] = x.data.data[i * c + j];
            }
        }
        final int[] shape = nd == 1 ? new int[] {c2} : new int[] {r2, c2};
        return Ops.record(Tensor.of(out, shape), "ConstantPadNdBackward0", g -> {
            final DMatrixRMaj gx = new DMatrixRMaj(r, c);
            for (int i = Math.max(0, -top); i < r && i + top < r2; i++) {
                for (int j = Math.max(0, -left); j < c && j + left < c2; j++) {
                    gx.data[i * c + j] = g.data[(i + top) * c2 + j + left];
                }
            }
            return new DMatrixRMaj[] {gx};
        }, x);
    }
}

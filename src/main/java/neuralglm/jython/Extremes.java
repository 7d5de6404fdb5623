package neuralglm.jython;

import org.ejml.data.DMatrixRMaj;

/**
 * Largest and smallest entries, recorded: {@code t.max()} (0-d), {@code t.max(dim)} (values and
 * indices, as PyTorch's {@code torch.return_types.max}), {@code torch.max(a, b)} and
 * {@code torch.maximum(a, b)} (element-wise, broadcast), and the same for min. The gradient goes to the
 * entry chosen: the first of equal maxima along a dimension (PyTorch's index), and for the maximum of
 * the whole tensor or of two equal entries shared evenly among them, as PyTorch 1.13 does. NaN wins, as in
 * PyTorch.
 */
final class Extremes {

    private Extremes() {
    }

    /** @return whether v beats the best so far (NaN beats everything, the first NaN stays) */
    private static boolean beats(double v, double best, boolean max) {
        if (Double.isNaN(best)) {
            return false;
        }
        return Double.isNaN(v) || (max ? v > best : v < best);
    }

    /**
     * @param a   a tensor with at least one entry
     * @param max largest (true) or smallest
     * @return the extreme entry, 0-d
     */
    static Tensor all(Tensor a, boolean max) {
        final int n = a.numel();
        if (n == 0) {
            throw Errors.runtime((max ? "max" : "min") + "(): the tensor is empty; give a dim or a non-empty tensor");
        }
        final double[] x = a.data.data;
        double best = x[0];
        for (int i = 1; i < n; i++) {
            if (beats(x[i], best, max)) {
                best = x[i];
            }
        }
        final double b = best;
        int ties = 0;
        for (int i = 0; i < n; i++) {
            ties += same(x[i], b) ? 1 : 0;
        }
        final int count = ties;
        return Ops.record(Tensor.scalar(b).label(a.integral), max ? "MaxBackward1" : "MinBackward1", g -> {
            final DMatrixRMaj gx = new DMatrixRMaj(a.data.numRows, a.data.numCols);
            for (int i = 0; i < n; i++) {
                gx.data[i] = same(x[i], b) ? g.data[0] / count : 0.0;
            }
            return new DMatrixRMaj[] {gx};
        }, a);
    }

    private static boolean same(double v, double b) {
        return v == b || (Double.isNaN(v) && Double.isNaN(b));
    }

    /**
     * @param a       a tensor
     * @param dim     the dimension reduced
     * @param keepdim whether it stays, with size 1
     * @param max     largest (true) or smallest
     * @param name    the function called (max, min, argmax, argmin), for the message
     * @return values (recorded) and indices (whole numbers, no gradient)
     */
    static ValuesIndices along(Tensor a, int dim, boolean keepdim, boolean max, String name) {
        final int d = Ops.dim(a, dim);
        final Ops.Lines ln = new Ops.Lines(a, dim);
        if (ln.len == 0) { // PyTorch's IndexError
            throw Errors.index(name + "(): Expected reduction dim " + dim + " to have non-zero size: dimension "
                    + d + " of shape " + Tensor.shapeText(a.shape) + " is empty");
        }
        final double[] x = a.data.data;
        final int[] at = new int[ln.count];
        final DMatrixRMaj values = ln.reduced(), indices = ln.reduced();
        for (int l = 0; l < ln.count; l++) {
            int best = 0;
            for (int k = 1; k < ln.len; k++) {
                if (beats(x[ln.at(l, k)], x[ln.at(l, best)], max)) {
                    best = k;
                }
            }
            at[l] = ln.at(l, best);
            values.data[l] = x[at[l]];
            indices.data[l] = best;
        }
        final int r = a.data.numRows, c = a.data.numCols;
        final Tensor v = Ops.record(Tensor.of(values, ln.reducedShape.clone()).label(a.integral),
                max ? "MaxBackward0" : "MinBackward0", g -> {
                    final DMatrixRMaj gx = new DMatrixRMaj(r, c);
                    for (int l = 0; l < at.length; l++) {
                        gx.data[at[l]] += g.data[l];
                    }
                    return new DMatrixRMaj[] {gx};
                }, a);
        final Tensor i = Tensor.of(indices, ln.reducedShape.clone()).label(DType.INT64);
        return new ValuesIndices(max ? "max" : "min", keepdim ? Ops.unsqueeze(v, d) : v,
                keepdim ? Ops.unsqueeze(i, d).detach() : i);
    }

    static Tensor pairwise(Tensor a, Tensor b, boolean max) {
        final int[] shape = Joins.broadcastShape(a, b);
        final int r = shape.length == 2 ? shape[0] : 1, c = shape.length == 0 ? 1 : shape[shape.length - 1];
        final DType to = Ops.promotion(a, b);
        final double[] u = Joins.spread(a, r, c, to), v = Joins.spread(b, r, c, to);
        final DMatrixRMaj out = new DMatrixRMaj(r, c);
        final double[] toA = new double[r * c], toB = new double[r * c];
        for (int k = 0; k < r * c; k++) {
            final boolean nanA = Double.isNaN(u[k]), nanB = Double.isNaN(v[k]);
            toA[k] = nanA ? 1.0 : nanB ? 0.0 : u[k] == v[k] ? 0.5 : (max ? u[k] > v[k] : u[k] < v[k]) ? 1.0 : 0.0;
            toB[k] = nanA ? 0.0 : 1.0 - toA[k];
            out.data[k] = toA[k] >= 0.5 ? u[k] : v[k];
        }
        return Ops.record(Tensor.of(out, shape).label(Tensor.wholeOf(a, b)), max ? "MaximumBackward0" : "MinimumBackward0", g -> new DMatrixRMaj[] {
            a.needsGrad() ? Joins.reduceTo(a, g, toA) : null, b.needsGrad() ? Joins.reduceTo(b, g, toB) : null
        }, a, b);
    }
}

package neuralglm.jython;

import java.util.List;

import org.ejml.data.DMatrixRMaj;

/**
 * Tensors put together, recorded: {@code torch.cat(tensors, dim)} (1-d end to end, 2-d along rows or
 * columns), {@code torch.stack(tensors, dim)} (0-d or 1-d tensors of one shape, each given a new
 * dimension of size 1 at dim, then concatenated), and {@code torch.where(condition, a, b)} (a where the
 * condition is not 0, else b; the three broadcast). Backward hands each input its part of the gradient.
 */
final class Joins {

    private Joins() {
    }

    /**
     * @param tensors at least one tensor, all 1-d or all 2-d, equal in every dimension but dim
     * @param dim     the dimension to join along (negative counts from the end)
     * @return the concatenation
     */
    static Tensor cat(List<Tensor> tensors, int dim) {
        if (tensors.isEmpty()) {
            throw Errors.runtime("cat: expected a non-empty list of tensors");
        }
        final Tensor first = tensors.get(0);
        if (first.shape.length == 0) {
            throw Errors.runtime("cat: a 0-d tensor cannot be concatenated; use torch.stack for numbers");
        }
        final int d = Ops.dim(first, dim);
        final boolean byRows = first.shape.length == 2 && d == 0;
        int total = 0;
        for (int t = 0; t < tensors.size(); t++) {
            final Tensor x = tensors.get(t);
            final boolean fits = x.shape.length == first.shape.length
                    && (first.shape.length == 1 || (byRows ? x.shape[1] == first.shape[1] : x.shape[0] == first.shape[0]));
            if (!fits) {
                throw Errors.runtime("cat: tensor " + t + " has shape " + Tensor.shapeText(x.shape) + ", tensor 0 has "
                        + Tensor.shapeText(first.shape) + "; they must match except along dimension " + d);
            }
            total += x.shape[d];
        }
        final int rows = first.shape.length == 1 ? 1 : byRows ? total : first.shape[0];
        final int cols = first.shape.length == 1 ? total : byRows ? first.shape[1] : total;
        final DMatrixRMaj out = new DMatrixRMaj(rows, cols);
        final int[] offset = new int[tensors.size()];
        final DType to = Ops.promotion(tensors.toArray(new Tensor[0]));
        int at = 0;
        for (int t = 0; t < tensors.size(); t++) {
            final Tensor x = tensors.get(t);
            offset[t] = at;
            copy(DMatrixRMaj.wrap(x.data.numRows, x.data.numCols, Ops.valuesAs(x, to)), out, at, byRows, false);
            at += x.shape[d];
        }
        final int[] shape = first.shape.length == 1 ? new int[] {total} : new int[] {rows, cols};
        final Tensor[] all = tensors.toArray(new Tensor[0]);
        final DType whole = Tensor.wholeOf(all);
        final boolean bools = whole != null && tensors.stream().allMatch(x -> x.integral == DType.BOOL);
        return Ops.record(Tensor.of(out, shape).label(bools ? DType.BOOL : whole), "CatBackward0", g -> {
            final DMatrixRMaj[] gs = new DMatrixRMaj[tensors.size()];
            for (int t = 0; t < gs.length; t++) {
                final DMatrixRMaj x = tensors.get(t).data;
                gs[t] = new DMatrixRMaj(x.numRows, x.numCols);
                copy(gs[t], g, offset[t], byRows, true);
            }
            return gs;
        }, tensors.toArray(new Tensor[0]));
    }

    /** Copies part into whole at offset (rows or columns), or back out of whole into part when out is true. */
    private static void copy(DMatrixRMaj part, DMatrixRMaj whole, int offset, boolean byRows, boolean out) {
        final int r = part.numRows, c = part.numCols, wc = whole.numCols;
        for (int i = 0; i < r; i++) {
            final int w = byRows ? (offset + i) * wc : i * wc + offset;
            if (out) {
                System.arraycopy(whole.data, w, part.data, i * c, c);
            } else {
                System.arraycopy(part.data, i * c, whole.data, w, c);
            }
        }
    }

    /**
     * @param tensors at least one tensor, all of one shape, 0-d or 1-d
     * @param dim     where the new dimension goes
     * @return the tensors stacked along a new dimension
     */
    static Tensor stack(List<Tensor> tensors, int dim) {
        if (tensors.isEmpty()) {
            throw Errors.runtime("stack: expected a non-empty list of tensors");
        }
        final int[] shape = tensors.get(0).shape;
        for (int t = 0; t < tensors.size(); t++) {
            final Tensor x = tensors.get(t);
            if (!java.util.Arrays.equals(x.shape, shape)) {
                throw Errors.runtime("stack: tensor " + t + " has shape " + Tensor.shapeText(x.shape) + ", tensor 0 has "
                        + Tensor.shapeText(shape) + "; they must be equal");
            }
        }
        if (shape.length == 2) {
            throw Errors.value("stack: 2-d tensors would make a 3-d tensor; tensors here have at most 2 dimensions"
                    + " (torch.cat joins them along an existing dimension)");
        }
        final Tensor[] lifted = new Tensor[tensors.size()];
        for (int t = 0; t < lifted.length; t++) {
            lifted[t] = Ops.unsqueeze(tensors.get(t), dim);
        }
        final int d = dim < 0 ? dim + shape.length + 1 : dim;
        return Ops.named(cat(List.of(lifted), d), "StackBackward0");
    }

    /**
     * @param a a tensor
     * @param b another
     * @return the broadcast shape of a and b (sizes must match or be 1)
     */
    static int[] broadcastShape(Tensor a, Tensor b) {
        final int dims = Math.max(a.shape.length, b.shape.length);
        final int[] s = new int[dims];
        for (int k = 1; k <= dims; k++) {
            final int x = a.shape.length >= k ? a.shape[a.shape.length - k] : 1;
            final int y = b.shape.length >= k ? b.shape[b.shape.length - k] : 1;
            if (x != y && x != 1 && y != 1) {
                throw Errors.runtime("shapes " + Tensor.shapeText(a.shape) + " and " + Tensor.shapeText(b.shape)
                        + " do not broadcast: sizes must match or be 1");
            }
            s[dims - k] = x == 1 ? y : x;
        }
        return s;
    }

    /**
     * @param t a tensor broadcasting to r x c
     * @param r rows
     * @param c columns
     * @return t's entries repeated to r x c, row-major (a new array)
     */
    static double[] spread(Tensor t, int r, int c) {
        return spread(t, r, c, null);
    }

    /**
     * {@link #spread(Tensor, int, int)} of t's entries as an operation converting its operands to {@code to} reads
     * them ({@link Ops#valuesAs}; null: as stored).
     */
    static double[] spread(Tensor t, int r, int c, DType to) {
        final int tr = t.data.numRows, tc = t.data.numCols;
        final double[] out = new double[r * c], in = Ops.valuesAs(t, to);
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                out[i * c + j] = in[(tr == 1 ? 0 : i) * tc + (tc == 1 ? 0 : j)];
            }
        }
        return out;
    }

    /**
     * @param t      an input broadcast to g's shape
     * @param g      the gradient of the output, r x c
     * @param weight the share of each output entry's gradient that goes to t (r x c)
     * @return {@code g * weight} summed back to t's storage shape over the broadcast dimensions
     */
    static DMatrixRMaj reduceTo(Tensor t, DMatrixRMaj g, double[] weight) {
        final int tr = t.data.numRows, tc = t.data.numCols, r = g.numRows, c = g.numCols;
        final DMatrixRMaj gt = new DMatrixRMaj(tr, tc);
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                final double w = weight[i * c + j];
                if (w != 0) {
                    gt.data[(tr == 1 ? 0 : i) * tc + (tc == 1 ? 0 : j)] += g.data[i * c + j] * w;
                }
            }
        }
        return gt;
    }

    /**
     * @param condition where not 0, take a (no gradient flows into it)
     * @param a         a tensor (or number), broadcasting
     * @param b         a tensor (or number), broadcasting
     * @return a where the condition holds, else b
     */
    static Tensor where(Tensor condition, Tensor a, Tensor b) {
        final int[] shape = broadcastShape(broadcastShapeTensor(condition, a), b);
        final int r = shape.length == 2 ? shape[0] : 1, c = shape.length == 0 ? 1 : shape[shape.length - 1];
        final DType to = Ops.promotion(a, b);
        final double[] m = spread(condition, r, c), x = spread(a, r, c, to), y = spread(b, r, c, to);
        final DMatrixRMaj out = new DMatrixRMaj(r, c);
        final double[] toA = new double[r * c], toB = new double[r * c];
        for (int k = 0; k < r * c; k++) {
            out.data[k] = m[k] != 0 ? x[k] : y[k];
            toA[k] = m[k] != 0 ? 1.0 : 0.0;
            toB[k] = 1.0 - toA[k];
        }
        return Ops.record(Tensor.of(out, shape).label(Tensor.wholeOf(a, b)), "WhereBackward0", g -> new DMatrixRMaj[] {
            null, a.needsGrad() ? reduceTo(a, g, toA) : null, b.needsGrad() ? reduceTo(b, g, toB) : null
        }, condition.detach(), a, b);
    }

    private static Tensor broadcastShapeTensor(Tensor a, Tensor b) {
        final int[] s = broadcastShape(a, b);
        final int r = s.length == 2 ? s[0] : 1, c = s.length == 0 ? 1 : s[s.length - 1];
        return Tensor.of(new DMatrixRMaj(r, c), s);
    }
}

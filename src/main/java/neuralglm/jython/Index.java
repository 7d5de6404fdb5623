package neuralglm.jython;

import java.util.ArrayList;
import java.util.List;

import org.python.core.Py;
import org.python.core.PyInteger;
import org.python.core.PyLong;
import org.python.core.PyObject;
import org.python.core.PySlice;
import org.python.core.PyTuple;

/**
 * Python index keys (an int, a slice, a sequence of ints, or a boolean mask: a bool tensor such as
 * {@code t > 0} or a list of bools, as long as the dimension) as lists of positions along one dimension.
 */
final class Index {

    private Index() {
    }

    /** @return whether the key is None or ..., or a tuple holding one (t[:, None], t[..., 0]) */
    static boolean hasNoneOrEllipsis(PyObject key) {
        if (key == Py.None || key == Py.Ellipsis) {
            return true;
        }
        if (key instanceof PyTuple) {
            for (PyObject k : ((PyTuple) key).getArray()) {
                if (k == Py.None || k == Py.Ellipsis) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Indexing with None (a new dimension of size 1, as {@code unsqueeze}) and ... (as many {@code :} as the
     * dimensions not indexed otherwise), as PyTorch: {@code v[:, None]} is v as a column, {@code v[None]} as a
     * row, {@code a[..., 1]} is {@code a[:, 1]}. A result of more than 2 dimensions is refused with one line.
     *
     * @param t   the tensor
     * @param key None, ..., or a tuple with them
     * @return the entries selected
     */
    static Tensor withNoneOrEllipsis(Tensor t, PyObject key) {
        final PyObject[] keys = key instanceof PyTuple ? ((PyTuple) key).getArray() : new PyObject[] {key};
        int indexing = 0, ellipses = 0;
        for (PyObject k : keys) {
            if (k == Py.Ellipsis) {
                ellipses++;
            } else if (k != Py.None) {
                indexing++;
            }
        }
        if (ellipses > 1) {
            throw Errors.index("an index can only have a single ellipsis ('...')");
        }
        if (indexing > t.shape.length) {
            throw Errors.index(indexing + " indices for a tensor of shape " + Tensor.shapeText(t.shape));
        }
        final List<PyObject> rest = new ArrayList<>();
        final List<Integer> newDims = new ArrayList<>();
        int out = 0;
        for (PyObject k : keys) {
            if (k == Py.None) {
                newDims.add(out++);
            } else if (k == Py.Ellipsis) {
                for (int i = 0; i < t.shape.length - indexing; i++) {
                    rest.add(new PySlice(Py.None, Py.None, Py.None));
                    out++;
                }
            } else {
                rest.add(k);
                out += isInt(k) ? 0 : 1;
            }
        }
        Tensor r = rest.isEmpty() ? t : t.__getitem__(rest.size() == 1 ? rest.get(0) : new PyTuple(rest.toArray(new PyObject[0])));
        if (r.shape.length + newDims.size() > 2) {
            throw Errors.index("indexing a tensor of shape " + Tensor.shapeText(t.shape) + " with None would make a "
                    + (r.shape.length + newDims.size()) + "-d tensor; tensors here have at most 2 dimensions");
        }
        for (int d : newDims) {
            r = Ops.unsqueeze(r, d);
        }
        return r;
    }

    /**
     * A 0-d tensor of whole numbers used as an index is an int, as in PyTorch: {@code X[s.argmax()]} is a row, not a
     * 1-row matrix, and {@code for i in torch.arange(n): y[i]} gives 0-d tensors (they kept a dimension of 1).
     *
     * @param key an index key, or a tuple of them
     * @return the key with each such tensor replaced by its int (the key itself when there is none)
     */
    static PyObject scalarTensors(PyObject key) {
        if (key instanceof PyTuple) {
            final PyObject[] k = ((PyTuple) key).getArray();
            PyObject[] out = null;
            for (int i = 0; i < k.length; i++) {
                final PyObject s = scalarTensor(k[i]);
                if (s != k[i]) {
                    if (out == null) {
                        out = k.clone();
                    }
                    out[i] = s;
                }
            }
            return out == null ? key : new PyTuple(out);
        }
        return scalarTensor(key);
    }

    private static PyObject scalarTensor(PyObject k) {
        if (isInt(k) || k instanceof PySlice || k == Py.None || k == Py.Ellipsis) {
            return k;
        }
        final Object java = k.__tojava__(Tensor.class);
        if (java instanceof Tensor t && t.shape.length == 0 && t.integral != null && t.integral != DType.BOOL) {
            final double v = t.data.data[0];
            if (v == Math.rint(v) && Math.abs(v) <= Integer.MAX_VALUE) {
                return Py.newInteger((int) v);
            }
        }
        return k;
    }

    /** @return whether the key is a single integer */
    static boolean isInt(PyObject key) {
        return key instanceof PyInteger || key instanceof PyLong;
    }

    /** @return whether the key is a list of positions (a sequence or a tensor), not an int or a slice */
    static boolean isList(PyObject key) {
        return !isInt(key) && !(key instanceof PySlice);
    }

    /**
     * @param key  an int, a slice, a sequence of ints, or a tensor of whole numbers (as a LongTensor) (negative counting from the end)
     * @param n    the dimension's size
     * @param what the dimension, for messages
     * @return the positions, each in [0, n)
     */
    private static boolean allBools(PyObject seq) {
        for (int i = 0; i < seq.__len__(); i++) {
            if (!(seq.__getitem__(i) instanceof org.python.core.PyBoolean)) {
                return false;
            }
        }
        return true;
    }

    /** @return the positions where a mask of length m (for a dimension of size n) is not 0 */
    private static int[] mask(double[] m, int length, int n, String what) {
        if (length != n) {
            throw Errors.index(what + " boolean mask has " + length + " entries for a dimension of size " + n);
        }
        int count = 0;
        for (int i = 0; i < length; i++) {
            count += m[i] != 0 ? 1 : 0;
        }
        final int[] out = new int[count];
        for (int i = 0, k = 0; i < length; i++) {
            if (m[i] != 0) {
                out[k++] = i;
            }
        }
        return out;
    }

    /**
     * @param key a key
     * @param t   the tensor indexed
     * @return for a bool tensor of t's shape (2-d, as {@code t[t > 0]}), the row-major positions where it is
     *         true; else null
     */
    static int[] wholeMask(PyObject key, Tensor t) {
        final Object k = key.__tojava__(Tensor.class);
        if (!(k instanceof Tensor) || ((Tensor) k).integral != DType.BOOL || ((Tensor) k).shape.length != 2) {
            return null;
        }
        final Tensor m = (Tensor) k;
        if (!java.util.Arrays.equals(m.shape, t.shape)) {
            throw Errors.index("boolean mask of shape " + Tensor.shapeText(m.shape) + " for a tensor of shape "
                    + Tensor.shapeText(t.shape) + "; the shapes must be equal");
        }
        return mask(m.data.data, m.numel(), t.numel(), "mask");
    }

    static int[] of(PyObject key, int n, String what) {
        if (key instanceof PySlice) {
            final int[] se = ((PySlice) key).indicesEx(n);
            final int[] out = new int[se[3]];
            for (int i = 0; i < out.length; i++) {
                out[i] = se[0] + i * se[2];
            }
            return out;
        }
        final int[] out;
        final Object java = key.__tojava__(Tensor.class);
        if (java instanceof Tensor && ((Tensor) java).integral == DType.BOOL) {
            final Tensor t = (Tensor) java;
            if (t.shape.length != 1) {
                throw Errors.index(what + " mask of shape " + Tensor.shapeText(t.shape) + ": a boolean mask here is 1-d "
                        + "along one dimension, or has the tensor's whole shape");
            }
            return mask(t.data.data, t.numel(), n, what);
        } else if (java instanceof Tensor) {
            final Tensor t = (Tensor) java;
            if (t.integral == null) {
                throw Errors.index("tensors used as indices must be long, byte or bool tensors; the " + what + " is a float "
                        + "tensor of shape " + Tensor.shapeText(t.shape) + " (give idx.long())");
            }
            if (t.shape.length > 1) {
                throw Errors.index(what + " index tensor must have at most 1 dimension, got shape " + Tensor.shapeText(t.shape));
            }
            out = new int[t.numel()];
            for (int i = 0; i < out.length; i++) {
                final double v = t.data.data[i];
                out[i] = (int) v;
                if (out[i] != v) {
                    throw Errors.index(what + " index tensor holds " + v + " at position " + i + "; indices must be whole numbers");
                }
            }
        } else if (isInt(key)) {
            out = new int[] {key.asInt()};
        } else if (key.isSequenceType() && key.__len__() > 0 && allBools(key)) {
            final double[] m = new double[key.__len__()];
            for (int i = 0; i < m.length; i++) {
                m[i] = key.__getitem__(i).__nonzero__() ? 1.0 : 0.0;
            }
            return mask(m, m.length, n, what);
        } else if (key.isSequenceType()) {
            out = new int[key.__len__()];
            for (int i = 0; i < out.length; i++) {
                final PyObject v = key.__getitem__(i);
                if (!isInt(v)) {
                    throw Errors.index(what + " indices must be ints, got " + v.getType().getName());
                }
                out[i] = v.asInt();
            }
        } else {
            throw Errors.index(what + " index must be an int, a slice or a list of ints, got " + key.getType().getName());
        }
        for (int i = 0; i < out.length; i++) {
            final int k = out[i] < 0 ? out[i] + n : out[i];
            if (k < 0 || k >= n) {
                throw Errors.index(("index".equals(what) ? "" : what + " ") + "index " + out[i] + " is out of range for size " + n);
            }
            out[i] = k;
        }
        return out;
    }
}

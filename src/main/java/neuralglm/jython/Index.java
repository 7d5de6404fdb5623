package neuralglm.jython;

import org.python.core.PyInteger;
import org.python.core.PyLong;
import org.python.core.PyObject;
import org.python.core.PySlice;

/** Python index keys (an int, a slice, a sequence of ints) as lists of positions along one dimension. */
final class Index {

    private Index() {
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
        if (java instanceof Tensor) {
            final Tensor t = (Tensor) java;
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
                throw Errors.index(what + " index " + out[i] + " is out of range for size " + n);
            }
            out[i] = k;
        }
        return out;
    }
}

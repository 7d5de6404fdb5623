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

    /**
     * @param key  an int, a slice or a sequence of ints (negative counting from the end)
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
        if (isInt(key)) {
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

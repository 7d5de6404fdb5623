package neuralglm.jython;

import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.python.core.Py;
import org.python.core.PyFloat;
import org.python.core.PyList;
import org.python.core.PyObject;

/**
 * Python values to tensors and back: numbers give 0-d tensors, flat sequences 1-d, sequences of
 * equal-length sequences 2-d; {@link #toList} gives (nested) Python lists of floats.
 */
final class Convert {

    private Convert() {
    }

    /**
     * @param value a tensor, a number, a (nested) sequence of numbers, or a Java double[]/double[][]
     * @param what  what the value is, for messages
     * @return a tensor; a given tensor is returned as is
     */
    static Tensor toTensor(Object value, String what) {
        if (value instanceof PyObject) {
            final Object java = ((PyObject) value).__tojava__(Tensor.class);
            if (java instanceof Tensor) {
                return (Tensor) java;
            }
            return fromPy((PyObject) value, what);
        }
        if (value instanceof Boolean) {
            return Tensor.scalar((Boolean) value ? 1.0 : 0.0).label(DType.BOOL);
        }
        if (value instanceof Tensor) {
            return (Tensor) value;
        }
        if (value instanceof Number) {
            return Tensor.scalar(((Number) value).doubleValue());
        }
        if (value instanceof double[]) {
            return Tensor.vector(((double[]) value).clone());
        }
        if (value instanceof double[][]) {
            return Tensor.matrix(rows((double[][]) value, what));
        }
        if (value instanceof List) {
            return fromPy(Py.java2py(value), what);
        }
        throw Errors.type(what + ": expected a tensor, a number or a list of numbers, got "
                + (value == null ? "None" : value.getClass().getSimpleName()));
    }

    private static Tensor fromPy(PyObject value, String what) {
        if (value.isNumberType()) {
            return Tensor.scalar(value.asDouble());
        }
        if (!value.isSequenceType() && !(value.__tojava__(List.class) instanceof List)) {
            throw Errors.type(what + ": expected a tensor, a number or a list of numbers, got "
                    + value.getType().getName());
        }
        final int n = value.__len__();
        if (n == 0) {
            return Tensor.vector(new double[0]);
        }
        final PyObject first = value.__getitem__(0);
        if (first.isNumberType()) {
            final double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                d[i] = number(value.__getitem__(i), what, i, -1);
            }
            return Tensor.vector(d);
        }
        final int cols = first.__len__();
        final DMatrixRMaj m = new DMatrixRMaj(n, cols);
        for (int i = 0; i < n; i++) {
            final PyObject row = value.__getitem__(i);
            if (row.isNumberType() || row.__len__() != cols) {
                throw Errors.value(what + ": row " + i + " has " + (row.isNumberType() ? "no" : row.__len__())
                        + " entries, but row 0 has " + cols + " (rows must have equal lengths)");
            }
            for (int j = 0; j < cols; j++) {
                m.data[i * cols + j] = number(row.__getitem__(j), what, i, j);
            }
        }
        return Tensor.matrix(m);
    }

    /**
     * PyTorch's dtype inference for {@code torch.tensor(data)}: Python ints give int64, bools give bool,
     * any float gives a float tensor.
     *
     * @param value a number or a (nested) sequence of numbers
     * @return {@link DType#INT64}, {@link DType#BOOL}, or null for floats
     */
    static DType inferWhole(PyObject value) {
        if (value instanceof org.python.core.PyBoolean) {
            return DType.BOOL;
        }
        if (value instanceof org.python.core.PyInteger || value instanceof org.python.core.PyLong) {
            return DType.INT64;
        }
        if (value.isNumberType() || !value.isSequenceType() || value instanceof org.python.core.PyString) {
            return null;
        }
        final int n = value.__len__();
        if (n == 0) {
            return null;
        }
        DType kind = DType.BOOL;
        for (int i = 0; i < n; i++) {
            final DType k = inferWhole(value.__getitem__(i));
            if (k == null) {
                return null;
            }
            kind = k == DType.INT64 ? DType.INT64 : kind;
        }
        return kind;
    }

    private static double number(PyObject v, String what, int i, int j) {
        if (!v.isNumberType()) {
            throw Errors.type(what + ": entry [" + i + (j >= 0 ? ", " + j : "") + "] is not a number but "
                    + v.getType().getName());
        }
        return v.asDouble();
    }

    private static DMatrixRMaj rows(double[][] a, String what) {
        final int cols = a.length == 0 ? 0 : a[0].length;
        final DMatrixRMaj m = new DMatrixRMaj(a.length, cols);
        for (int i = 0; i < a.length; i++) {
            if (a[i].length != cols) {
                throw Errors.value(what + ": row " + i + " has " + a[i].length + " entries, but row 0 has " + cols);
            }
            System.arraycopy(a[i], 0, m.data, i * cols, cols);
        }
        return m;
    }

    /**
     * @param v        a value
     * @param integral the whole-number dtype of its tensor, or null
     * @return a Python float, or an int (a bool for {@link DType#BOOL}) for a whole-number tensor
     */
    static PyObject number(double v, DType integral) {
        if (integral == null || !Double.isFinite(v)) {
            return new PyFloat(v);
        }
        if (integral == DType.BOOL) {
            return Py.newBoolean(v != 0);
        }
        final long n = (long) v;
        return n == (int) n ? Py.newInteger((int) n) : Py.newLong(n);
    }

    /**
     * @param t a tensor
     * @param d its entries, row-major (its storage, or the values its dtype holds)
     * @return a float (0-d), a list of floats (1-d) or a list of lists (2-d); ints or bools for whole numbers
     */
    static PyObject toList(Tensor t, double[] d) {
        final DType w = t.integral;
        switch (t.shape.length) {
            case 0:
                return number(d[0], w);
            case 1: {
                final PyList l = new PyList();
                for (int i = 0; i < t.shape[0]; i++) {
                    l.append(number(d[i], w));
                }
                return l;
            }
            default: {
                final int r = t.shape[0], c = t.shape[1];
                final PyList l = new PyList();
                for (int i = 0; i < r; i++) {
                    final PyList row = new PyList();
                    for (int j = 0; j < c; j++) {
                        row.append(number(d[i * c + j], w));
                    }
                    l.append(row);
                }
                return l;
            }
        }
    }
}

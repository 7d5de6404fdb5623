package neuralglm.jython;

import org.python.core.Py;
import org.python.core.PyBaseCode;
import org.python.core.PyFrame;
import org.python.core.PyObject;

/**
 * Python 3's {@code nonlocal x} for scripts ({@code scripts/run}): {@code _py3syntax} rewrites a function's
 * {@code nonlocal x} as {@code (lambda: (x,))} (a statement that reads x in a nested scope) and its assignments {@code x = v} (and {@code x += v}) as
 * {@code __nonlocal__('x', v)}, so that x stays a free variable of the function, its reads the enclosing function's
 * cell, and this sets that cell: the variable of the enclosing function, as Python 3 rebinds it.
 */
public final class Nonlocal {
    private Nonlocal() {
    }

    /**
     * @param name  a free variable (or cell variable) of the calling Python function
     * @param value its new value
     * @return value
     * @throws org.python.core.PyException SyntaxError (Python 3's words) when the caller has no such variable
     */
    public static PyObject set(String name, PyObject value) {
        final PyFrame frame = Py.getFrame();
        final PyBaseCode code = frame == null || !(frame.f_code instanceof PyBaseCode) ? null : (PyBaseCode) frame.f_code;
        if (code != null) {
            final int cell = indexOf(code.co_cellvars, name);
            if (cell >= 0) {
                frame.setderef(cell, value);
                return value;
            }
            final int free = indexOf(code.co_freevars, name);
            if (free >= 0) {
                frame.setderef(frame.f_ncells + free, value);
                return value;
            }
        }
        throw Py.SyntaxError("no binding for nonlocal '" + name + "' found");
    }

    private static int indexOf(String[] names, String name) {
        if (names != null) {
            for (int i = 0; i < names.length; i++) {
                if (name.equals(names[i])) {
                    return i;
                }
            }
        }
        return -1;
    }
}

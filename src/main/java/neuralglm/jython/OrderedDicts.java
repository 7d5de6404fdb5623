package neuralglm.jython;

import java.util.LinkedHashMap;
import java.util.concurrent.ConcurrentMap;

import org.python.core.PyDictionary;
import org.python.core.PyList;
import org.python.core.PyObject;
import org.python.core.PyTuple;

/**
 * Python 3's dict order for scripts ({@code scripts/run}): a {@code dict} whose keys iterate, print and serialise in
 * the order they were first inserted, as Python 3.7's do, where Jython 2.7's dicts are hash maps in no particular
 * order. {@code _py3syntax} rewrites a script's dict displays, dict comprehensions and {@code dict(...)} calls as
 * calls of {@link #of}:
 * <pre>
 *   {k: v, **m}             -&gt;  __dict3__([(k, v)], m)
 *   {k: v for x in xs}      -&gt;  __dict3__((k, v) for x in xs)
 *   dict(pairs, a=1)        -&gt;  __dict3__(pairs, [('a', 1)])
 * </pre>
 * The dict is Jython's own ({@code type(d) is dict}; its repr, equality, methods and errors are dict's), holding an
 * insertion-ordered map instead of a concurrent hash map: a script's dicts are not shared between threads.
 */
public final class OrderedDicts {
    private OrderedDicts() {
    }

    /** A LinkedHashMap as the ConcurrentMap a PyDictionary holds (Map's default methods: putIfAbsent and the like). */
    private static final class InsertionOrder extends LinkedHashMap<PyObject, PyObject>
            implements ConcurrentMap<PyObject, PyObject> {
        private static final long serialVersionUID = 1L;
    }

    /** @return whether every item of the list is a tuple of two */
    private static boolean pairs(PyList list) {
        for (PyObject item : list.getArray()) {
            if (!(item instanceof PyTuple) || ((PyTuple) item).size() != 2) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param parts mappings or iterables of (key, value) pairs, each added in turn as {@code dict.update} adds it
     * @return a new dict of them all, its keys in the order of first insertion
     */
    public static PyDictionary of(PyObject... parts) {
        final PyDictionary d = new PyDictionary(PyDictionary.TYPE, new InsertionOrder(), true);
        for (PyObject part : parts) {
            if (part instanceof PyList && pairs((PyList) part)) {   // a display's items: set here, without update's checks
                for (PyObject pair : ((PyList) part).getArray()) {
                    d.__setitem__(((PyTuple) pair).pyget(0), ((PyTuple) pair).pyget(1));
                }
            } else {
                d.update(part);
            }
        }
        return d;
    }
}

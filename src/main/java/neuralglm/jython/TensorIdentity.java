package neuralglm.jython;

import org.python.core.Py;
import org.python.core.PyJavaType;
import org.python.core.PyObject;
import org.python.core.adapter.PyObjectAdapter;

/**
 * One Python object per tensor: Jython wraps a Java object in a new Python object each time it crosses into Python
 * ({@code model.weight} twice gave two wrappers), so {@code model.weight is model.weight} was False and a tensor
 * used as a dict key ({@code optimizer.state[p]}, {@code {p: name}}) was looked up by {@code ==}, which compares
 * entries. Installed once in Jython's adapter chain, this hands out each tensor's own wrapper, so identity, dict and
 * set lookups and {@code p in params} work as in PyTorch, where a tensor hashes and matches by identity.
 */
final class TensorIdentity implements PyObjectAdapter {

    private static boolean installed;

    private TensorIdentity() {
    }

    /** Adds the adapter to Jython's chain (once; the chain is global to the JVM). */
    static synchronized void install() {
        if (!installed) {
            Py.getAdapter().addPreClass(new TensorIdentity());
            installed = true;
        }
    }

    @Override
    public boolean canAdapt(Object o) {
        return o instanceof Tensor;
    }

    @Override
    public PyObject adapt(Object o) {
        final Tensor t = (Tensor) o;
        if (t.python == null) {
            t.python = PyJavaType.wrapJavaObject(t);
        }
        return t.python;
    }
}

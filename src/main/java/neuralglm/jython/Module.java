package neuralglm.jython;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import neuralglm.nn.Layer;
import neuralglm.nn.Parameter;
import org.python.core.Py;
import org.python.core.PyList;
import org.python.core.PyObject;
import org.python.core.PyProxy;
import org.python.core.PyTuple;

/**
 * A callable network part, as PyTorch's {@code nn.Module}: {@code m(x)} runs {@link #forward} and
 * records it, {@link #parameters()} lists the trainable tensors, {@link #zero_grad()} clears their
 * gradients. Subclass it in Jython and write {@code forward} with tensor operations (the record gives
 * the backward), or subclass {@link Function} to write the backward yourself. Parameters of a Jython
 * subclass are found in its attributes (modules and {@link TorchParameter}s), by attribute name.
 */
public abstract class Module {

    /** Counts forward calls, so that a backward through a stale forward is refused. */
    int version;

    /**
     * @param x input
     * @return output
     */
    public abstract Tensor forward(Tensor x);

    /**
     * @param x input (a tensor or a list)
     * @return {@code forward(x)}
     */
    public Tensor __call__(Tensor x) {
        try {
            return forward(x);
        } catch (RuntimeException e) {
            throw Errors.translate(e);
        }
    }

    /** @return the trainable tensors, in a fixed order (a Python list) */
    public PyList parameters() {
        final PyList l = new PyList();
        for (TorchParameter p : namedParameters().values()) {
            l.append(Py.java2py(p));
        }
        return l;
    }

    /** @return (name, parameter) pairs such as {@code ('fc1.weight', ...)} */
    public PyList named_parameters() {
        final PyList l = new PyList();
        for (Map.Entry<String, TorchParameter> e : namedParameters().entrySet()) {
            l.append(new PyTuple(Py.newString(e.getKey()), Py.java2py(e.getValue())));
        }
        return l;
    }

    /** @return parameter name to a detached copy of its value, in order */
    public Map<String, Tensor> state_dict() {
        final Map<String, Tensor> m = new LinkedHashMap<>();
        for (Map.Entry<String, TorchParameter> e : namedParameters().entrySet()) {
            m.put(e.getKey(), e.getValue().detach());
        }
        return m;
    }

    /**
     * Copies values into the parameters of the same names (PyTorch layout: weight out x in).
     *
     * @param state parameter name to a tensor or nested list; every parameter must be present
     */
    public void load_state_dict(Map<?, ?> state) {
        final Map<String, TorchParameter> mine = namedParameters();
        for (Map.Entry<?, ?> e : state.entrySet()) {
            final String name = String.valueOf(e.getKey());
            final TorchParameter p = mine.get(name);
            if (p == null) {
                throw Errors.value("load_state_dict: no parameter named '" + name + "'; this module has " + mine.keySet());
            }
            final Tensor t = Convert.toTensor(e.getValue(), "load_state_dict['" + name + "']");
            if (t.numel() != p.numel()) {
                throw Errors.value("load_state_dict: '" + name + "' has shape " + Tensor.shapeText(p.shape)
                        + " but the value given has shape " + Tensor.shapeText(t.shape));
            }
            p.copy_(t);
        }
        if (state.size() != mine.size()) {
            final List<String> missing = new ArrayList<>(mine.keySet());
            missing.removeAll(state.keySet());
            throw Errors.value("load_state_dict: missing parameters " + missing);
        }
    }

    /** Sets the gradient of every parameter to zero. */
    public void zero_grad() {
        for (TorchParameter p : namedParameters().values()) {
            p.engine.zeroGrad();
        }
    }

    /**
     * The parameters by name. The default looks through a Jython subclass's attributes, in name order:
     * a {@link TorchParameter} is listed under its attribute name, a {@link Module} with its own names
     * prefixed ({@code fc1.weight}).
     *
     * @return name to parameter, in a fixed order
     */
    Map<String, TorchParameter> namedParameters() {
        final Map<String, TorchParameter> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : pythonAttributes().entrySet()) {
            if (e.getValue() instanceof TorchParameter) {
                out.put(e.getKey(), (TorchParameter) e.getValue());
            } else {
                for (Map.Entry<String, TorchParameter> c : ((Module) e.getValue()).namedParameters().entrySet()) {
                    out.put(e.getKey() + "." + c.getKey(), c.getValue());
                }
            }
        }
        return out;
    }

    /** @return a Jython subclass's attributes that are modules or parameters, by name; empty otherwise */
    private Map<String, Object> pythonAttributes() {
        final TreeMap<String, Object> attrs = new TreeMap<>();
        if (!(this instanceof PyProxy)) {
            return attrs;
        }
        final PyObject dict = ((PyProxy) this)._getPyInstance().__findattr__("__dict__");
        if (dict == null) {
            return attrs;
        }
        for (PyObject key : dict.asIterable()) {
            final Object v = dict.__getitem__(key).__tojava__(Object.class);
            if (v instanceof TorchParameter || v instanceof Module) {
                attrs.put(key.toString(), v);
            }
        }
        return attrs;
    }

    /** @return the engine parameters, in {@link #namedParameters()} order */
    List<Parameter> engineParameters() {
        final List<Parameter> l = new ArrayList<>();
        for (TorchParameter p : namedParameters().values()) {
            l.add(p.engine);
        }
        return l;
    }

    /** @return this module as an engine layer, for {@link TorchSequential} */
    Layer asLayer() {
        return new ModuleLayer(this);
    }

    /** @return the Python class name of this module (a Jython subclass's own name) */
    String typeName() {
        if (this instanceof PyProxy) {
            return ((PyProxy) this)._getPyInstance().getType().getName();
        }
        return getClass().getSimpleName();
    }

    /** @return {@code Name()} or, for a Jython subclass, its modules and parameters as PyTorch prints them */
    @Override
    public String toString() {
        final StringBuilder sb = new StringBuilder(typeName()).append('(');
        final Map<String, Object> attrs = pythonAttributes();
        for (Map.Entry<String, Object> e : attrs.entrySet()) {
            final Object v = e.getValue();
            sb.append("\n  (").append(e.getKey()).append("): ")
                    .append(v instanceof TorchParameter ? "Parameter" + Tensor.shapeText(((TorchParameter) v).shape) : v);
        }
        return sb.append(attrs.isEmpty() ? ")" : "\n)").toString();
    }
}

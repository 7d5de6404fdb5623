package neuralglm.jython;

import java.util.LinkedHashMap;
import java.util.Map;

import org.python.core.Py;
import org.python.core.PyDictionary;
import org.python.core.PyList;
import org.python.core.PyObject;
import org.python.core.PyString;

/**
 * {@code optimizer.param_groups[0]}, PyTorch's dict of a parameter group: {@code params} and the optimiser's
 * options. Writing {@code 'lr'} (as a learning-rate scheduler or a warm-up by hand does) changes the rate of the
 * coming steps and keeps the optimiser's state, as in PyTorch; a key of the scheduler's own, such as
 * {@code 'initial_lr'}, is kept as written; {@code 'momentum'} (SGD, RMSprop) and {@code 'betas'} with the same beta2
 * (Adam, AdamW) change in place too, as a cyclical schedule needs; changing another option or {@code params} is refused with one line
 * (set {@code optimizer.momentum = ...}, which starts the optimiser afresh). Only subscript assignment reaches the
 * optimiser ({@code group['lr'] = v}), not {@code group.update(...)}.
 */
final class ParamGroup extends PyDictionary {
    private static final long serialVersionUID = 1L;

    private final transient TorchOptimizer optimizer;

    ParamGroup(TorchOptimizer optimizer) {
        this.optimizer = optimizer;
        final PyList params = new PyList();
        for (Tensor t : optimizer.tensors()) {
            params.append(Py.java2py(t));
        }
        super.__setitem__(new PyString("params"), params);
        refresh();
    }

    /** Writes the optimiser's current options into the dict (after a setter made a new optimiser). */
    void refresh() {
        for (Map.Entry<String, PyObject> e : options().entrySet()) {
            super.__setitem__(new PyString(e.getKey()), e.getValue());
        }
    }

    private Map<String, PyObject> options() {
        final Map<String, PyObject> o = new LinkedHashMap<>();
        optimizer.groupOptions(o);
        return o;
    }

    @Override
    public void __setitem__(PyObject key, PyObject value) {
        check(key.toString(), value);
        super.__setitem__(key, value);
    }

    /**
     * Before a step: applies an {@code 'lr'} written some other way than by subscript ({@code group.update(lr=...)}),
     * and refuses a changed option, so that the dict and the optimiser never disagree.
     */
    void sync() {
        final Map<String, PyObject> options = options();
        for (String k : options.keySet()) {
            final PyObject v = __finditem__(k);
            if (v == null) {
                throw Errors.value(optimizer.name() + ".param_groups[0] has lost its '" + k + "'");
            }
            if (k.equals("lr") ? v.asDouble() != optimizer.lr : !v.equals(options.get(k))) {
                check(k, v);
            }
        }
    }

    /** Applies a new 'lr', or refuses a change of another option. */
    private void check(String k, PyObject value) {
        final PyObject current = options().get(k);
        if (k.equals("lr")) {
            optimizer.scheduleLr(value);
        } else if (k.equals("params")) {
            throw Errors.value(optimizer.name() + ".param_groups[0]['params'] cannot be replaced in neuralGLM's PyTorch "
                    + "bridge; make a new optimiser over the parameters");
        } else if (current != null && !current.equals(value) && optimizer.scheduleMomentum(k, value)) {
            return;   // a cyclical schedule's momentum (OneCycleLR, CyclicLR): changed in place, the state kept
        } else if (current != null && !current.equals(value)) {
            throw Errors.value(optimizer.name() + ".param_groups[0]['" + k + "'] = " + value + " is not supported by "
                    + "neuralGLM's PyTorch bridge: only 'lr' (and a schedule's 'momentum' or beta1) changes as training goes on; set optimizer." + k
                    + " = ... instead, which starts the optimiser's state afresh");
        }
    }
}

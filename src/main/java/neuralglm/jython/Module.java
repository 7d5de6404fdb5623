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
    /** PyTorch's training flag: {@link Dropout} drops entries only in training, {@code nn.BatchNorm1d} uses batch statistics. */
    private boolean training = true;
    /** A Jython subclass's attribute names in the order first assigned (PyTorch registers modules in that order). */
    private final List<String> assigned = new ArrayList<>();
    private static final PyObject OBJECT_SETATTR = org.python.core.PyType.fromClass(PyObject.class).__getattr__("__setattr__");

    /**
     * {@code self.fc1 = nn.Linear(...)} in a Jython subclass: remembers the order of first assignment, so
     * that parameters, {@code state_dict()} and printing follow it as in PyTorch, then assigns as Python does; a
     * parameter attribute takes only a parameter or None ({@link TorchParameter#assignable}), as in PyTorch.
     *
     * @param name  the attribute
     * @param value its value
     */
    public void __setattr__(String name, PyObject value) {
        final PyObject self = this instanceof PyProxy ? ((PyProxy) this)._getPyInstance() : Py.java2py(this);
        final PyObject dict = self.fastGetDict();
        final PyObject current = dict == null ? null : dict.__finditem__(name);
        if (current != null && current.__tojava__(TorchParameter.class) instanceof TorchParameter && value != Py.None) {
            TorchParameter.assignable(value, name); // a parameter is replaced by a parameter (or None), as in PyTorch
        }
        if (!assigned.contains(name)) {
            assigned.add(name);
        }
        OBJECT_SETATTR.__call__(self, Py.newString(name), value);
    }

    /**
     * @param x input
     * @return output
     */
    public abstract Tensor forward(Tensor x);

    /**
     * {@code model(x)}, {@code model(x, mask)}, {@code model(x1, x2)}, {@code model(x, training=True)}: as PyTorch's
     * {@code Module.__call__}, a Jython subclass's {@code forward} with the same arguments, its result (a tensor, a
     * tuple, ...) returned as it is (the bridge has no hooks). The bridge's own modules (engine layers, Sequential,
     * Dropout, Flatten, {@link Function}) take one input tensor, positional or as {@code input=}, as in PyTorch;
     * another call is a one-line {@code TypeError}.
     *
     * @param args the arguments, then the keyword arguments' values
     * @param kws  the keyword names
     * @return what forward returns
     */
    public PyObject __call__(PyObject[] args, String[] kws) {
        if (hasHooks()) {
            return hooked(args, kws);
        }
        return callForward(args, kws);
    }

    /** Forward hooks ({@link #register_forward_hook}) and pre-hooks, in the order added; null until one is. */
    transient List<PyObject> forwardHooks;
    transient List<PyObject> forwardPreHooks;

    /** @return whether a forward hook or pre-hook is registered */
    boolean hasHooks() {
        return forwardHooks != null && !forwardHooks.isEmpty() || forwardPreHooks != null && !forwardPreHooks.isEmpty();
    }

    /**
     * {@code module.register_forward_hook(hook)}: after each call, {@code hook(module, input, output)} (input the tuple
     * of positional arguments); a value it returns replaces the output, as PyTorch's (a feature extractor keeps
     * {@code output}). Inside an {@code nn.Sequential} the chain then runs module by module, so that the hook sees
     * each call.
     *
     * @param hook a function of (module, input, output)
     * @return a handle whose {@code remove()} takes the hook away
     */
    public Tensor.HookHandle register_forward_hook(PyObject hook) {
        if (forwardHooks == null) {
            forwardHooks = new ArrayList<>();
        }
        forwardHooks.add(hook);
        return new Tensor.HookHandle(forwardHooks, hook);
    }

    /**
     * {@code module.register_forward_pre_hook(hook)}: before each call, {@code hook(module, input)}; a value it returns
     * (a tuple, or one value) replaces the input, as PyTorch's.
     *
     * @param hook a function of (module, input)
     * @return a handle whose {@code remove()} takes the hook away
     */
    public Tensor.HookHandle register_forward_pre_hook(PyObject hook) {
        if (forwardPreHooks == null) {
            forwardPreHooks = new ArrayList<>();
        }
        forwardPreHooks.add(hook);
        return new Tensor.HookHandle(forwardPreHooks, hook);
    }

    /** The call with the pre-hooks before and the forward hooks after (keyword arguments pass through as given). */
    private PyObject hooked(PyObject[] args, String[] kws) {
        final PyObject self = this instanceof PyProxy ? ((PyProxy) this)._getPyInstance() : Py.java2py(this);
        final int positional = args.length - kws.length;
        PyObject[] inputs = java.util.Arrays.copyOf(args, positional);
        if (forwardPreHooks != null) {
            for (PyObject hook : new ArrayList<>(forwardPreHooks)) {
                final PyObject r = hook.__call__(self, new org.python.core.PyTuple(inputs));
                if (r != Py.None) {
                    inputs = r instanceof org.python.core.PyTuple ? ((org.python.core.PyTuple) r).getArray() : new PyObject[] {r};
                }
            }
        }
        final PyObject[] all = new PyObject[inputs.length + kws.length];
        System.arraycopy(inputs, 0, all, 0, inputs.length);
        System.arraycopy(args, positional, all, inputs.length, kws.length);
        PyObject output = callForward(all, kws);
        if (forwardHooks != null) {
            for (PyObject hook : new ArrayList<>(forwardHooks)) {
                final PyObject r = hook.__call__(self, new org.python.core.PyTuple(inputs), output);
                if (r != Py.None) {
                    output = r;
                }
            }
        }
        return output;
    }

    /** The call without hooks: a Jython subclass's forward, or this module's own on one input tensor. */
    private PyObject callForward(PyObject[] args, String[] kws) {
        if (this instanceof PyProxy && !(this instanceof Function) && !(this instanceof EngineModule)) {
            try {
                return ((PyProxy) this)._getPyInstance().invoke("forward", args, kws);
            } catch (RuntimeException e) {
                throw Errors.translate(e);
            }
        }
        final String name = this instanceof PyProxy ? typeName() : toString().split("[(\n]", 2)[0];
        final boolean asInput = kws.length == 1 && kws[0].equals("input");
        if (args.length != 1 || (kws.length == 1 && !asInput) || kws.length > 1) {
            throw Py.TypeError(name + " takes one input tensor, got " + (args.length - kws.length)
                    + " positional argument" + (args.length - kws.length == 1 ? "" : "s")
                    + (kws.length == 0 ? "" : " and the keywords " + String.join(", ", kws))
                    + "; a module of several inputs is an nn.Module subclass whose forward takes them");
        }
        return Py.java2py(call(input(args[0])));
    }

    /**
     * @param x what the module was called with
     * @return x as a tensor; else the exception PyTorch raises: its TypeError naming the function
     *         ({@link #functionName()}), or, for a module whose PyTorch forward calls a method of its input first
     *         ({@link #inputMethod()}), that call's AttributeError
     */
    Tensor input(Object x) {
        return inputMethod() != null ? Args.receiver(x, inputMethod()) : Args.input(x, functionName());
    }

    /** @return the method of its input that PyTorch's forward of this module calls first (softmax, flatten), or null */
    String inputMethod() {
        return null;
    }

    /**
     * @return the function PyTorch names when this module is given something other than a tensor ({@code linear},
     *         {@code relu}: {@code linear(): argument 'input' (position 1) must be Tensor, not list})
     */
    String functionName() {
        return typeName().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The module on one input tensor: {@link #forward}, or a subclass's own recorded call.
     *
     * @param x input
     * @return output
     */
    Tensor call(Tensor x) {
        try {
            return forward(x);
        } catch (RuntimeException e) {
            throw Errors.translate(e);
        }
    }

    /**
     * @return the trainable tensors, in PyTorch's order (a module's own parameters, then its modules' in the
     *         order assigned), as an iterator: {@code next(model.parameters())} works, {@code list(...)} lists them
     */
    public PyObject parameters() {
        return iterator(distinct(namedParameters()).values());
    }

    /**
     * @return (name, parameter) pairs such as {@code ('fc1.weight', ...)}, as an iterator; a parameter reached under two
     *         names (a module kept under two attributes) once, under the first, as PyTorch's
     */
    public PyObject named_parameters() {
        return namedIterator(distinct(namedParameters()));
    }

    /**
     * @param named values by name, in order
     * @return the first name of each distinct object (by identity), in order: PyTorch's {@code parameters()},
     *         {@code children()} and {@code modules()} list a shared parameter or module once (an optimiser stepped a
     *         module kept under two attribute names twice per step)
     */
    static <T> Map<String, T> distinct(Map<String, T> named) {
        final Map<String, T> out = new LinkedHashMap<>();
        final java.util.Set<Object> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Map.Entry<String, T> e : named.entrySet()) {
            if (seen.add(e.getValue())) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
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

    /** @return whether the module is in training mode ({@code model.training}), True until {@link #eval()} */
    public boolean getTraining() {
        return training;
    }

    /** @param training the training flag of this module alone ({@code model.training = False}) */
    public void setTraining(boolean training) {
        this.training = training;
    }

    /**
     * {@code model.train()} or {@code model.train(False)}: sets the training flag of this module and of
     * the modules inside it. Of the bridge's layers {@link Dropout} and {@code nn.BatchNorm1d}
     * ({@code scripts/lib/torch/nn/_tabular.py}) depend on it.
     *
     * @param args optional {@code mode} (default True)
     * @param kws  keyword names
     * @return this module
     */
    public Module train(PyObject[] args, String[] kws) {
        final boolean mode = new Args("train", args, kws, "mode").bool("mode", true);
        training = mode;
        for (Module m : childModules()) {
            m.train(new PyObject[] {Py.newBoolean(mode)}, new String[0]);
        }
        return this;
    }

    /** @return this module, in evaluation mode ({@code model.eval()}, as {@code train(False)}) */
    public Module eval() {
        return train(new PyObject[] {Py.False}, new String[0]);
    }

    /** @return the modules directly inside this one (a Jython subclass's module attributes) */
    List<Module> childModules() {
        return new ArrayList<>(namedChildModules().values());
    }

    /** @return the modules directly inside this one by name, in order */
    Map<String, Module> namedChildModules() {
        final Map<String, Module> m = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : pythonAttributes().entrySet()) {
            if (e.getValue() instanceof Module) {
                m.put(e.getKey(), (Module) e.getValue());
            }
        }
        return m;
    }

    /** @return the modules directly inside this one, in order (an iterator, as PyTorch's generator) */
    public PyObject children() {
        return iterator(distinct(namedChildModules()).values());
    }

    /** @return (name, module) pairs of the modules directly inside this one (an iterator; a shared one once) */
    public PyObject named_children() {
        return namedIterator(distinct(namedChildModules()));
    }

    /** @return this module and every module inside it, depth first, each once (an iterator) */
    public PyObject modules() {
        final PyList l = new PyList();
        addModules(l, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
        return l.__iter__();
    }

    private void addModules(PyList l, java.util.Set<Module> seen) {
        if (!seen.add(this)) {
            return;
        }
        l.append(Py.java2py(this));
        for (Module m : childModules()) {
            m.addModules(l, seen);
        }
    }

    /**
     * {@code model.to(device)}, {@code model.to(torch.float64)}: this module, which computes on the CPU already; a
     * float dtype labels its parameters with it (see {@link DType}: they compute in float64 either way), so that
     * inputs of that dtype fit it, as in PyTorch; another device is refused with a one-line message.
     *
     * @param args a device or a dtype, then keywords {@code device}, {@code dtype}
     * @param kws  keyword names
     * @return this module
     */
    public Module to(PyObject[] args, String[] kws) {
        final Args a = new Args("to", args, kws, "target", "dtype", "device", "non_blocking");
        DType.checkDevice(a.get("device"), "Module.to");
        DType dtype = DType.of(a.get("dtype"), "Module.to");
        final PyObject target = a.get("target");
        if (target != null && target.__tojava__(DType.class) instanceof DType) {
            dtype = (DType) target.__tojava__(DType.class);
        } else if (target != null) {
            DType.checkDevice(target, "Module.to");
        }
        if (dtype != null && !dtype.getIs_floating_point()) {
            throw Errors.type("nn.Module.to only accepts floating point dtypes, but got desired dtype=" + dtype);
        }
        return dtype == null ? this : floatLabel(dtype);
    }

    /**
     * {@code model.requires_grad_(False)} (freezing) or {@code (True)}: sets every parameter's requires_grad.
     *
     * @param args optional {@code requires_grad} (default True)
     * @param kws  keyword names
     * @return this module
     */
    public Module requires_grad_(PyObject[] args, String[] kws) {
        final boolean flag = new Args("requires_grad_", args, kws, "requires_grad").bool("requires_grad", true);
        for (TorchParameter p : namedParameters().values()) {
            p.setRequires_grad(flag);
        }
        return this;
    }

    /** @return this module: it is on the CPU already */
    public Module cpu() {
        return this;
    }

    /** @param args an optional device @param kws keywords @return never: there is no GPU (a one-line error) */
    public Module cuda(PyObject[] args, String[] kws) {
        throw Errors.value("cuda(): no CUDA device here; neuralGLM computes on the CPU (torch.cuda.is_available() is False)");
    }

    /** @return this module, its parameters labelled torch.float32 ({@code model.float()}; see {@link #to}) */
    public Module float_() {
        return floatLabel(DType.FLOAT32);
    }

    /** @return this module, its parameters labelled torch.float64 ({@code model.double()}; see {@link #to}) */
    public Module double_() {
        return floatLabel(DType.FLOAT64);
    }

    /** @return this module, its parameters labelled with a float dtype */
    Module floatLabel(DType dtype) {
        for (TorchParameter p : namedParameters().values()) {
            p.floating = dtype;
        }
        return this;
    }

    /**
     * {@code model.zero_grad(set_to_none=False)}, PyTorch 1.13's: zeroes every parameter's gradient (a None one
     * stays None), or with {@code set_to_none=True} makes them all None.
     *
     * @param args optional {@code set_to_none}
     * @param kws  keyword names
     */
    public void zero_grad(PyObject[] args, String[] kws) {
        final boolean toNone = new Args("zero_grad", args, kws, "set_to_none").bool("set_to_none", false);
        for (TorchParameter p : namedParameters().values()) {
            p.zeroGrad(toNone);
        }
    }

    /** Zeroes the gradient of every parameter that has one. */
    public void zero_grad() {
        zero_grad(new PyObject[0], new String[0]);
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
        final Map<String, Object> attrs = pythonAttributes();
        for (Map.Entry<String, Object> e : attrs.entrySet()) {
            if (e.getValue() instanceof TorchParameter) {
                out.put(e.getKey(), (TorchParameter) e.getValue());
            }
        }
        for (Map.Entry<String, Object> e : attrs.entrySet()) {
            if (e.getValue() instanceof Module) {
                for (Map.Entry<String, TorchParameter> c : ((Module) e.getValue()).namedParameters().entrySet()) {
                    out.put(e.getKey() + "." + c.getKey(), c.getValue());
                }
            }
        }
        return out;
    }

    /**
     * @return a Jython subclass's attributes that are modules or parameters, in the order they were first
     *         assigned (any not seen by {@link #__setattr__} after them, by name); empty otherwise
     */
    private Map<String, Object> pythonAttributes() {
        final Map<String, Object> attrs = new LinkedHashMap<>();
        if (!(this instanceof PyProxy)) {
            return attrs;
        }
        final PyObject dict = ((PyProxy) this)._getPyInstance().__findattr__("__dict__");
        if (dict == null) {
            return attrs;
        }
        final TreeMap<String, Object> found = new TreeMap<>();
        for (PyObject key : dict.asIterable()) {
            final Object v = dict.__getitem__(key).__tojava__(Object.class);
            if (v instanceof TorchParameter || v instanceof Module) {
                found.put(key.toString(), v);
            }
        }
        for (String name : assigned) {
            if (found.containsKey(name)) {
                attrs.put(name, found.remove(name));
            }
        }
        attrs.putAll(found);
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

    /** @return {@code Name()} or, for a Jython subclass, its modules (in assignment order) as PyTorch prints them */
    @Override
    public String toString() {
        // PyTorch's Module.__repr__: the subclass's extra_repr() lines (a single one inline when there are no
        // modules), then its modules
        final java.util.List<String> lines = new ArrayList<>();
        final String extra = extraRepr();
        if (!extra.isEmpty()) {
            lines.addAll(java.util.Arrays.asList(extra.split("\n")));
        }
        final int extraLines = lines.size();
        for (Map.Entry<String, Object> e : pythonAttributes().entrySet()) {
            if (e.getValue() instanceof Module) {
                lines.add("(" + e.getKey() + "): " + indented(e.getValue().toString()));
            }
        }
        final StringBuilder sb = new StringBuilder(typeName()).append('(');
        if (extraLines == 1 && lines.size() == 1) {
            sb.append(lines.get(0));
        } else if (!lines.isEmpty()) {
            sb.append("\n  ").append(String.join("\n  ", lines)).append('\n');
        }
        return sb.append(')').toString();
    }

    /** @return a Jython subclass's {@code extra_repr()} (PyTorch's hook for printing its settings), or "" */
    private String extraRepr() {
        if (!(this instanceof PyProxy)) {
            return "";
        }
        final PyObject method = ((PyProxy) this)._getPyInstance().__findattr__("extra_repr");
        if (method == null || !method.isCallable()) {
            return "";
        }
        final PyObject r = method.__call__();
        return r == Py.None ? "" : r.toString();
    }

    /**
     * @param repr a module's repr, perhaps of several lines
     * @return it with every line after the first indented by two spaces, as PyTorch nests reprs
     */
    static String indented(String repr) {
        return repr.replace("\n", "\n  ");
    }

    /** @return a Python iterator over the values, as PyTorch's generators */
    static PyObject iterator(Iterable<?> values) {
        final PyList l = new PyList();
        for (Object v : values) {
            l.append(Py.java2py(v));
        }
        return l.__iter__();
    }

    /** @return a Python iterator over (name, value) pairs, in the map's order */
    static PyObject namedIterator(Map<String, ?> named) {
        final PyList l = new PyList();
        for (Map.Entry<String, ?> e : named.entrySet()) {
            l.append(new PyTuple(Py.newString(e.getKey()), Py.java2py(e.getValue())));
        }
        return l.__iter__();
    }
}

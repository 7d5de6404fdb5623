package neuralglm.jython;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import neuralglm.nn.Parameter;
import neuralglm.optim.Optimizer;
import neuralglm.optim.ScheduledRate;
import org.python.core.Py;
import org.python.core.PyObject;

/**
 * Engine {@link neuralglm.optim.Optimizer}s bound to a list of parameters, as {@code torch.optim}:
 * {@code step()} updates them in place from their gradients, {@code zero_grad()} clears the gradients.
 * Each parameter has an engine optimiser of its own, and {@code step()} passes over a parameter whose
 * {@code .grad} is None, as PyTorch 1.13 does (one no backward reached since it was created or last set
 * to None: a layer the forward did not use, a frozen layer): its values, momentum and Adam moments (and
 * Adam's step count) stay as they are. The engine's
 * optimisers update each entry from its own state only, so this gives the numbers of one optimiser over
 * all of them. Hyperparameters are bean properties, so Jython's
 * keyword arguments work ({@code SGD(net.parameters(), lr=0.2)}); each setting is validated at once
 * (a bad value is a one-line {@code ValueError}) and resets the optimiser's state. {@code param_groups[0]}
 * ({@link ParamGroup}) changes the learning rate and keeps the state, as PyTorch's schedulers need.
 */
public abstract class TorchOptimizer {

    private final List<Parameter> params = new ArrayList<>();
    /** The tensor of each parameter, whose requires_grad says whether step() updates it. */
    private final List<Tensor> tensors = new ArrayList<>();
    /** One engine optimiser per parameter, in the order of {@link #params}. */
    private List<Optimizer> engines;
    /** The learning rate: set by {@link #setLr} (a new optimiser) or by {@code param_groups[0]['lr']} (the same one). */
    double lr;
    /**
     * Whether the optimiser was made without a learning rate where PyTorch requires one ({@code SGD(params)}); Jython
     * sets keyword arguments after the constructor, so this is found at the first {@link #step()}.
     */
    boolean lrMissing;
    /** The one parameter group, made when first asked for. */
    private ParamGroup group;

    /**
     * @param parameters an iterable of parameters, e.g. {@code net.parameters()}, or of leaf tensors with
     *                   {@code requires_grad=True} ({@code SGD([w, b], lr=0.1)}, as the from-scratch tutorials write)
     * @param lr         the default learning rate
     */
    TorchOptimizer(PyObject parameters, double lr) {
        this.lr = lr;
        if (parameters == null) {
            throw Errors.type(name() + ": expected net.parameters(), got None");
        }
        final Object whole = parameters.__tojava__(Object.class);
        if (whole instanceof Module || whole instanceof Tensor) {
            throw Errors.type(name() + ": params argument given to the optimizer should be an iterable of tensors, but got "
                    + (whole instanceof Module ? "the module " + ((Module) whole).typeName().replaceFirst("^Torch", "") + "; give model.parameters()"
                            : "one tensor of shape " + Tensor.shapeText(((Tensor) whole).shape) + "; give a list: [w]"));
        }
        for (PyObject p : parameters.asIterable()) {
            final Object o = p.__tojava__(Tensor.class);
            if (o instanceof TorchParameter) {
                params.add(((TorchParameter) o).engine);
                tensors.add((Tensor) o);
            } else if (o instanceof Tensor) {
                params.add(bind((Tensor) o));
                tensors.add((Tensor) o);
            } else if (p instanceof org.python.core.PyDictionary) {   // torch.optim.SGD makes one optimiser per group
                throw Errors.value(name() + ": parameter groups (dicts with their own options) go to torch.optim."
                        + name() + ", which makes one engine optimiser per group");
            } else {
                throw Errors.type(name() + ": expected parameters (as from net.parameters()), got " + p.getType().getName());
            }
        }
        if (params.isEmpty()) {
            throw Errors.value(name() + ": got an empty parameter list");
        }
    }

    /**
     * An engine parameter over a leaf tensor's own storage: the optimiser updates the tensor's values in place,
     * and backward accumulates into the parameter's gradient, which becomes the tensor's {@code .grad}.
     */
    private Parameter bind(Tensor t) {
        if (t.node != null || !t.requiresGrad) {
            throw Errors.value(name() + ": a tensor to optimise must be a leaf with requires_grad=True"
                    + (t.node != null ? " (this one was computed by " + t.node.name + ")" : ""));
        }
        final Parameter p = new Parameter("tensor", t.data);
        if (t.gradDefined) {
            System.arraycopy(t.gradStore.data, 0, p.grad().data, 0, t.numel());
        }
        t.gradStore = p.grad();
        return p;
    }

    /**
     * Called for each parameter just before its engine optimiser's step (AdamW's decoupled weight decay).
     *
     * @param p the parameter about to be updated
     */
    void beforeStep(Parameter p) {
    }

    /** @return the optimiser's name, for messages */
    abstract String name();

    /** @return a new engine optimiser with the current settings (throws for bad ones) */
    abstract Optimizer make();

    /** Validates the settings and resets the state; called by every setter. */
    final void rebuild() {
        try {
            final List<Optimizer> made = new ArrayList<>();
            for (Parameter p : params) {
                made.add(make().initialise(List.of(p)));
            }
            engines = made;
        } catch (IllegalArgumentException e) {
            throw Errors.translate(e);
        }
        if (group != null) {
            group.refresh();
        }
    }

    /** @return the learning rate */
    public double getLr() { return lr; }

    /** @param lr the learning rate, finite and &gt; 0; a new optimiser, whose state (momentum, moments) starts afresh */
    public void setLr(double lr) {
        final double old = this.lr;
        this.lr = lr;
        retry(() -> this.lr = old);
        lrMissing = false;
    }

    /**
     * The options of {@code param_groups[0]} besides {@code params}, as PyTorch 1.13 lists them.
     *
     * @param options filled with option name to value, in PyTorch's order ({@code lr} first)
     */
    abstract void groupOptions(Map<String, PyObject> options);

    /**
     * @return {@code optimizer.defaults}: the options as a dict (PyTorch keeps the constructor's; here the current ones,
     *         which are the same unless changed)
     */
    public PyObject getDefaults() {
        final Map<String, PyObject> o = new java.util.LinkedHashMap<>();
        groupOptions(o);
        final org.python.core.PyDictionary d = new org.python.core.PyDictionary();
        for (Map.Entry<String, PyObject> e : o.entrySet()) {
            d.__setitem__(e.getKey(), e.getValue());
        }
        return d;
    }

    /** @return the parameters' tensors, in order */
    List<Tensor> tensors() {
        return tensors;
    }

    /**
     * {@code param_groups[0]['lr'] = lr}, as a schedule or a warm-up by hand sets it: the optimiser keeps its
     * state (momentum, Adam's moments and step count), as PyTorch's does, and its next step uses the new rate.
     *
     * @param value the new learning rate, finite and &gt;= 0
     */
    void scheduleLr(PyObject value) {
        final double v;
        try {
            v = value.asDouble();
        } catch (org.python.core.PyException e) {
            throw Errors.type(name() + ".param_groups[0]['lr'] must be a number, got " + value.getType().getName());
        }
        if (!Double.isFinite(v)) {   // negative is PyTorch's too: OneCycleLR's linear annealing ends a little below 0
            throw Errors.value(name() + ".param_groups[0]['lr'] must be a finite number, got " + v);
        }
        if (engines == null) {
            rebuild();
        }
        for (Optimizer e : engines) {
            ((ScheduledRate) e).setLearningRate(v);
        }
        lr = v;
        lrMissing = false;
    }

    /**
     * {@code param_groups[0]['momentum'] = v} (SGD, RMSprop) or {@code ['betas'] = (b1, beta2)} (Adam, AdamW) of a
     * cyclical schedule: the momentum of the coming steps, the state kept ({@link neuralglm.optim.ScheduledMomentum}).
     *
     * @param key   the group's key
     * @param value the new value
     * @return whether this optimiser took it so (false: the change stays refused)
     */
    boolean scheduleMomentum(String key, PyObject value) {
        return false;
    }

    /**
     * {@link #scheduleMomentum} of an optimiser whose group key is {@code 'momentum'} (SGD, RMSprop).
     *
     * @param key   the group's key
     * @param value the new value
     * @param field sets the optimiser's own momentum setting
     * @return whether the key was 'momentum' (and the value taken)
     */
    final boolean momentumKey(String key, PyObject value, java.util.function.DoubleConsumer field) {
        if (!key.equals("momentum")) {
            return false;
        }
        final double m = value.asDouble();
        applyMomentum(m);
        field.accept(m);
        return true;
    }

    /** @param m the momentum (beta1) of the coming steps, given to every engine optimiser, which keep their state */
    final void applyMomentum(double m) {
        if (engines == null) {
            rebuild();
        }
        try {
            for (Optimizer e : engines) {
                ((neuralglm.optim.ScheduledMomentum) e).setMomentum(m);
            }
        } catch (IllegalArgumentException e) {
            throw Errors.translate(e);
        }
    }

    /**
     * Rebuilds after a setter changed a setting; on a bad value, undoes the change and rethrows.
     *
     * @param undo restores the previous setting
     */
    final void retry(Runnable undo) {
        try {
            rebuild();
        } catch (RuntimeException e) {
            undo.run();
            throw e;
        }
    }

    /** @return False: the parameters are updated to decrease the loss */
    public boolean getMaximize() { return false; }

    /** @param v PyTorch's maximize: only False (the default) is supported */
    public void setMaximize(boolean v) { refuseUnless(!v, "maximize=True"); }

    /** @return None: the update is the engine's own loop */
    public PyObject getForeach() { return org.python.core.Py.None; }

    /** @param v PyTorch's foreach (an implementation choice without effect on the numbers): accepted */
    public void setForeach(PyObject v) { }

    /** @return False */
    public boolean getDifferentiable() { return false; }

    /** @param v PyTorch's differentiable: only False (the default) is supported */
    public void setDifferentiable(boolean v) { refuseUnless(!v, "differentiable=True"); }

    /**
     * @param supported whether the option's value is one the bridge computes
     * @param option    the option as written, e.g. {@code dampening=0.1}
     */
    final void refuseUnless(boolean supported, String option) {
        if (!supported) {
            throw Errors.value(name() + "(" + option + ") is not supported by neuralGLM's PyTorch bridge; it takes " + options());
        }
    }

    /**
     * @param v an option's value
     * @return 0 as PyTorch's defaults hold it (the int 0: {'momentum': 0, 'weight_decay': 0}), another value as a float
     */
    static PyObject zeroAsInt(double v) {
        return v == 0 ? Py.newInteger(0) : Py.newFloat(v);
    }

    /**
     * @param options this optimiser's own options
     * @return the keys others wrote into {@code param_groups[0]} (a scheduler's {@code 'initial_lr'}), with their values
     */
    private Map<String, PyObject> groupKeysOfOthers(Map<String, PyObject> options) {
        final Map<String, PyObject> extra = new java.util.LinkedHashMap<>();
        if (group != null) {
            for (PyObject key : group.keys().asIterable()) {
                final String k = key.toString();
                if (!k.equals("params") && !options.containsKey(k)) {
                    extra.put(k, group.__finditem__(key));
                }
            }
        }
        return extra;
    }

    /** @return the options this optimiser takes, for messages */
    abstract String options();

    /**
     * @return {@code [group]}: the one parameter group, a dict of {@code params} and the options, the same dict at
     *         every call; writing its {@code 'lr'} changes the learning rate and keeps the state ({@link ParamGroup})
     */
    public PyObject getParam_groups() {
        if (group == null) {
            group = new ParamGroup(this);
        }
        return new org.python.core.PyList(new PyObject[] {group});
    }

    /**
     * @param group ignored
     * @return never: parameter groups with options of their own are not supported (a one-line {@code ValueError})
     */
    public PyObject add_param_group(PyObject group) {
        throw Errors.value(name() + ".add_param_group is not supported by neuralGLM's PyTorch bridge: an optimiser made "
                + "from one list of parameters has one group; give the groups when making it (" + name()
                + "([{'params': a}, {'params': b, 'lr': 1e-3}], lr=1e-2)) or make a second optimiser");
    }

    /**
     * {@code optimizer.state_dict()}, in PyTorch 1.13's layout: {@code {'state': {i: {...}}, 'param_groups': [{options,
     * 'params': [0, ..., n-1]}]}}, where parameter i's state holds copies of the engine optimiser's arrays under
     * PyTorch's names ({@link neuralglm.optim.ElementwiseOptimizer#namedState}) and its step count
     * ({@link #putStep}); a parameter that has not been stepped has none (Adagrad's from the start, as PyTorch's).
     *
     * @return the state, for {@code torch.save} and {@link #load_state_dict}
     */
    public PyObject state_dict() {
        if (engines == null) {
            rebuild();
        }
        if (group != null) {
            group.sync();
        }
        final org.python.core.PyDictionary state = new org.python.core.PyDictionary();
        for (int i = 0; i < engines.size(); i++) {
            final neuralglm.optim.ElementwiseOptimizer e = elementwise(i);
            if (e.stepsTaken() == 0 && !stateBeforeFirstStep()) {
                continue;
            }
            final org.python.core.PyDictionary entry = new org.python.core.PyDictionary();
            putStep(entry, e.stepsTaken());
            final Tensor param = tensors.get(i);
            for (Map.Entry<String, double[][]> named : e.namedState().entrySet()) {
                final double[] values = named.getValue()[0];
                final Tensor t = param.detach();   // the parameter's shape and dtype, then the state's values
                System.arraycopy(values, 0, t.data.data, 0, values.length);
                entry.__setitem__(named.getKey(), Py.java2py(t));
            }
            noneState(entry);
            state.__setitem__(Py.newInteger(i), entry);
        }
        final org.python.core.PyDictionary options = new org.python.core.PyDictionary();
        final Map<String, PyObject> o = new java.util.LinkedHashMap<>();
        groupOptions(o);
        for (Map.Entry<String, PyObject> e : o.entrySet()) {
            options.__setitem__(e.getKey(), e.getValue());
        }
        for (Map.Entry<String, PyObject> e : groupKeysOfOthers(o).entrySet()) {   // 'initial_lr', as PyTorch keeps the group
            options.__setitem__(e.getKey(), e.getValue());
        }
        final org.python.core.PyList ids = new org.python.core.PyList();
        for (int i = 0; i < params.size(); i++) {
            ids.append(Py.newInteger(i));
        }
        options.__setitem__("params", ids);
        final org.python.core.PyDictionary out = new org.python.core.PyDictionary();
        out.__setitem__("state", state);
        out.__setitem__("param_groups", new org.python.core.PyList(new PyObject[] {options}));
        return out;
    }

    /**
     * {@code optimizer.load_state_dict(sd)}: the state of {@link #state_dict} (of an optimiser of this kind and these
     * settings over parameters of the same shapes) copied into this one, and the group's learning rate, so that training
     * continues as if it had not stopped (a checkpoint). A parameter the dict has no state for starts afresh. What does not
     * fit is a one-line {@code ValueError}, and nothing is changed.
     *
     * @param sd the dict
     */
    public void load_state_dict(PyObject sd) {
        if (engines == null) {
            rebuild();
        }
        final PyObject state = sd.__finditem__("state"), groups = sd.__finditem__("param_groups");
        if (state == null || groups == null) {
            throw Errors.value(name() + ".load_state_dict: expected a dict with 'state' and 'param_groups', as "
                    + "optimizer.state_dict() makes");
        }
        if (groups.__len__() != 1) {
            throw Errors.value("loaded state dict has a different number of parameter groups (" + groups.__len__()
                    + "; this optimiser has 1)");
        }
        final PyObject group0 = groups.__getitem__(0);
        final PyObject ids = group0.__finditem__("params");
        if (ids == null || ids.__len__() != params.size()) {
            throw Errors.value("loaded state dict contains a parameter group that doesn't match the size of optimizer's "
                    + "group (" + (ids == null ? 0 : ids.__len__()) + " parameters against " + params.size() + ")");
        }
        // check everything first: nothing changes on a bad dict
        final List<Map<String, double[]>> arrays = new ArrayList<>();
        final long[] steps = new long[params.size()];
        final boolean[] given = new boolean[params.size()];
        for (int i = 0; i < params.size(); i++) {
            arrays.add(new java.util.HashMap<>());
            final PyObject entry = state.__finditem__(ids.__getitem__(i));
            if (entry == null) {
                continue;
            }
            given[i] = true;
            final PyObject step = entry.__finditem__("step");
            steps[i] = step == null ? 1 : (long) Convert.toTensor(step, "state['step']").data.data[0];
            for (String key : elementwise(i).namedState().keySet()) {
                final PyObject value = entry.__finditem__(key);
                if (value == null || value == Py.None) {
                    throw Errors.value(name() + ".load_state_dict: parameter " + i + "'s state has no '" + key + "'; "
                            + "these settings keep " + elementwise(i).namedState().keySet());
                }
                final Tensor t = Convert.toTensor(value, "state['" + key + "']");
                if (!java.util.Arrays.equals(t.shape, tensors.get(i).shape)) {
                    throw Errors.value(name() + ".load_state_dict: parameter " + i + "'s '" + key + "' has shape "
                            + Tensor.shapeText(t.shape) + ", the parameter " + Tensor.shapeText(tensors.get(i).shape));
                }
                arrays.get(i).put(key, t.data.data.clone());
            }
        }
        final PyObject lrValue = group0.__finditem__("lr");
        rebuild();   // fresh state, then the loaded one
        for (int i = 0; i < params.size(); i++) {
            if (!given[i]) {
                continue;
            }
            final neuralglm.optim.ElementwiseOptimizer e = elementwise(i);
            e.restoreSteps(steps[i]);
            for (Map.Entry<String, double[][]> named : e.namedState().entrySet()) {
                final double[] from = arrays.get(i).get(named.getKey());
                System.arraycopy(from, 0, named.getValue()[0], 0, from.length);
            }
        }
        if (lrValue != null) {
            scheduleLr(lrValue);
        }
    }

    /** @return engine optimiser i, whose state the dict reads and writes */
    private neuralglm.optim.ElementwiseOptimizer elementwise(int i) {
        return (neuralglm.optim.ElementwiseOptimizer) engines.get(i);
    }

    /** @return whether PyTorch keeps a parameter's state before its first step (Adagrad's accumulators) */
    boolean stateBeforeFirstStep() {
        return false;
    }

    /**
     * Puts a parameter's step count into its state as PyTorch 1.13 does for this optimiser: a float tensor (Adam,
     * AdamW, Adagrad); RMSprop an int, SGD none.
     *
     * @param entry the parameter's state
     * @param steps the steps taken
     */
    void putStep(org.python.core.PyDictionary entry, long steps) {
        final Tensor t = Tensor.vector(new double[] {steps});
        entry.__setitem__("step", Py.java2py(Ops.reshape(t, new int[0], "ViewBackward0")));
    }

    /** @param entry a parameter's state: what PyTorch lists as None for these settings (SGD's buffer without momentum) */
    void noneState(org.python.core.PyDictionary entry) {
    }

    /** Refuses settings that are wrong only together (checked at a step: Jython sets keywords in no fixed order). */
    void checkSettings() {
    }

    /** Applies one update from the current gradients to every parameter whose {@code .grad} is not None. */
    public void step() {
        checkSettings();
        if (engines == null) {
            rebuild();
        }
        if (group != null) {
            group.sync();
        }
        if (lrMissing) {
            throw Errors.value(name() + ": no learning rate given; PyTorch's " + name() + " requires one (parameter group "
                    + "didn't specify a value of required optimization parameter lr): optim." + name() + "(params, lr=0.01)");
        }
        for (int i = 0; i < engines.size(); i++) {
            if (tensors.get(i).gradDefined) {
                beforeStep(params.get(i));
                engines.get(i).step();
            }
        }
    }

    /**
     * {@code optimizer.step(closure)}: calls the closure with recording on (it zeroes the gradients, computes the loss
     * and calls backward), then steps, as PyTorch's optimisers.
     *
     * @param closure a function of no arguments returning the loss, or None
     * @return the closure's loss, or None
     */
    public PyObject step(PyObject closure) {
        PyObject loss = org.python.core.Py.None;
        if (closure != org.python.core.Py.None) {
            final boolean was = Autograd.setEnabled(true);
            try {
                loss = closure.__call__();
            } finally {
                Autograd.setEnabled(was);
            }
        }
        step();
        return loss;
    }

    /**
     * {@code optimizer.zero_grad(set_to_none=False)}, PyTorch 1.13's: zeroes every parameter's gradient (a None
     * one stays None), or with {@code set_to_none=True} makes them all None.
     *
     * @param args optional {@code set_to_none}
     * @param kws  keyword names
     */
    public void zero_grad(PyObject[] args, String[] kws) {
        final boolean toNone = new Args("zero_grad", args, kws, "set_to_none").bool("set_to_none", false);
        for (Tensor t : tensors) {
            t.zeroGrad(toNone);
        }
    }

    /** Zeroes the gradient of every parameter that has one. */
    public void zero_grad() {
        zero_grad(new PyObject[0], new String[0]);
    }

    /**
     * @return as PyTorch 1.13 prints an optimiser: its name, then {@code Parameter Group 0} and the group's options in
     *         name order, one per line ({@code print(optimizer)})
     */
    @Override
    public String toString() {
        final Map<String, PyObject> o = new java.util.TreeMap<>();
        groupOptions(o);
        o.putAll(groupKeysOfOthers(o));   // a scheduler's own keys ('initial_lr'), which PyTorch prints with the options
        final StringBuilder sb = new StringBuilder(name()).append(" (\nParameter Group 0\n");
        for (Map.Entry<String, PyObject> e : o.entrySet()) {
            final PyObject v = e.getValue();
            // PyTorch's defaults of 0 (weight_decay, dampening, momentum, ...) are the int 0
            final String text = v instanceof org.python.core.PyFloat && v.asDouble() == 0 ? "0" : v.__str__().toString();
            sb.append("    ").append(e.getKey()).append(": ").append(text).append('\n');
        }
        return sb.append(')').toString();
    }
}

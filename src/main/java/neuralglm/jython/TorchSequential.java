package neuralglm.jython;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import neuralglm.nn.Sequential;
import org.python.core.Py;
import org.python.core.PyList;
import org.python.core.PyTuple;

/**
 * Modules applied in order, {@code eta = f_L(... f_1(x))}, as PyTorch's {@code nn.Sequential}; the
 * layers are named ({@code "0", "1", ...} by default, or the names of an {@code OrderedDict}) and the
 * parameters are called {@code <layer>.<parameter>}, e.g. {@code fc1.weight}. The whole chain runs as
 * one engine {@link neuralglm.nn.Sequential}: engine layers directly, Jython modules through
 * {@link ModuleLayer}.
 */
public class TorchSequential extends EngineModule {

    private final List<String> names = new ArrayList<>();
    private final List<Module> modules = new ArrayList<>();
    /** How many of the modules, from the first, run as the engine network (the rest are trailing flattens). */
    private int engineCount;
    /** The engine network's layers that are Jython modules: they see the input's float dtype ({@link ModuleLayer#floating}). */
    private final List<ModuleLayer> moduleLayers = new ArrayList<>();

    /** An empty network; see {@link #add_module}. */
    public TorchSequential() {
        super(new Sequential(), "Sequential", List.of(), List.of());
    }

    /**
     * @param modules the layers, named "0", "1", ...
     */
    public TorchSequential(List<Module> modules) {
        this();
        for (Module m : modules) {
            add_module(String.valueOf(this.modules.size()), m);
        }
    }

    /**
     * @param names   layer names, e.g. {@code ['fc1', 'relu1', ...]}
     * @param modules the layers
     */
    public TorchSequential(List<String> names, List<Module> modules) {
        this();
        if (names.size() != modules.size()) {
            throw Errors.value("Sequential: " + names.size() + " names for " + modules.size() + " modules");
        }
        for (int i = 0; i < names.size(); i++) {
            add_module(String.valueOf(names.get(i)), modules.get(i));
        }
    }

    /**
     * Appends a layer.
     *
     * @param name   a name not used yet
     * @param module the layer
     */
    public void add_module(String name, Module module) {
        if (module == null) {
            throw Errors.value("Sequential: layer '" + name + "' is None, expected a module");
        }
        if (names.contains(name)) {
            throw Errors.value("Sequential already has a layer named '" + name + "'");
        }
        names.add(name);
        modules.add(module);
        engineCount = modules.size();
        while (engineCount > 0 && modules.get(engineCount - 1) instanceof Nn.FlattenModule) {
            engineCount--;
        }
        final Sequential seq = new Sequential();
        moduleLayers.clear();
        for (int i = 0; i < engineCount; i++) {
            final neuralglm.nn.Layer l = modules.get(i).asLayer();
            if (l instanceof ModuleLayer) {
                moduleLayers.add((ModuleLayer) l);
            }
            seq.add(names.get(i), l);
        }
        layer = seq;
    }

    /** @return the grad_fn PyTorch shows for the output: its last engine module's (identities left out) */
    @Override
    String gradFnName(Tensor x) {
        for (int i = engineCount - 1; i >= 0; i--) {
            final Module m = modules.get(i);
            if (!(m instanceof Nn.IdentityModule)) {
                return m instanceof EngineModule ? ((EngineModule) m).gradFnName(x) : typeName() + "Backward";
            }
        }
        return typeName() + "Backward";
    }

    @Override
    boolean replayable() {
        return false;
    }

    /** @return whether a layer has a forward hook (a plain loop: this runs at every forward) */
    private boolean anyHooked() {
        for (Module m : modules) {
            if (m.hasHooks()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The engine network's forward, then any trailing {@code nn.Flatten} as its own call: {@code Flatten(0, 1)} does not
     * keep the rows, so it cannot be an engine layer, and the default one checks its input's dimensions (a 1-d output
     * has no dimension 1: PyTorch's IndexError).
     */
    @Override
    Tensor call(Tensor x) {
        if (anyHooked()) {
            // a layer with a forward hook: module by module, each through its own call (with its hooks), as PyTorch's
            org.python.core.PyObject y = org.python.core.Py.java2py(x);
            for (Module m : modules) {
                y = m.__call__(new org.python.core.PyObject[] {y}, new String[0]);
            }
            return Args.receiver(y, "forward");
        }
        for (ModuleLayer l : moduleLayers) {
            l.floating = x.floating;
        }
        Tensor y = engineCount == 0 ? x : super.call(x);
        for (int i = engineCount; i < modules.size(); i++) {
            y = modules.get(i).call(y);
        }
        return y;
    }

    /**
     * @param i a position (negative counts from the end)
     * @return that layer
     */
    public Module __getitem__(int i) {
        final int k = i < 0 ? i + modules.size() : i;
        if (k < 0 || k >= modules.size()) {
            throw Errors.index("Sequential has " + modules.size() + " layers, no index " + i);
        }
        return modules.get(k);
    }

    /**
     * {@code model[:2]}: a new Sequential of those layers (the same modules, so the same parameters), with their
     * names, as PyTorch's.
     *
     * @param slice positions
     * @return the layers as a Sequential
     */
    public TorchSequential __getitem__(org.python.core.PySlice slice) {
        final int[] range = slice.indicesEx(modules.size());
        final TorchSequential out = new TorchSequential();
        for (int i = range[0]; range[2] > 0 ? i < range[1] : i > range[1]; i += range[2]) {
            out.add_module(names.get(i), modules.get(i));
        }
        return out;
    }

    /**
     * @param name a layer name
     * @return that layer
     */
    public Module __getitem__(String name) {
        final int k = names.indexOf(name);
        if (k < 0) {
            throw Errors.index("Sequential has no layer named '" + name + "'; it has " + names);
        }
        return modules.get(k);
    }

    /** @return the number of layers */
    public int __len__() {
        return modules.size();
    }


    @Override
    Map<String, TorchParameter> namedParameters() {
        final Map<String, TorchParameter> out = new LinkedHashMap<>();
        for (int i = 0; i < modules.size(); i++) {
            for (Map.Entry<String, TorchParameter> e : modules.get(i).namedParameters().entrySet()) {
                out.put(names.get(i) + "." + e.getKey(), e.getValue());
            }
        }
        return out;
    }

    @Override
    List<TorchParameter> layerParameters() {
        final List<TorchParameter> out = new ArrayList<>();
        for (int i = 0; i < engineCount; i++) {
            if (modules.get(i) instanceof EngineModule) {
                out.addAll(((EngineModule) modules.get(i)).layerParameters());
            }
        }
        return out;
    }

    @Override
    Map<String, Module> namedChildModules() {
        final Map<String, Module> m = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            m.put(names.get(i), modules.get(i));
        }
        return m;
    }

    @Override
    String typeName() {
        return "Sequential";
    }

    /** @return the first layer's function, which PyTorch names when the input is not a tensor */
    @Override
    String functionName() {
        return modules.isEmpty() ? "sequential" : modules.get(0).functionName();
    }

    /** @return the first layer's: PyTorch's Sequential hands the input to it */
    @Override
    String inputMethod() {
        return modules.isEmpty() ? null : modules.get(0).inputMethod();
    }

    @Override
    public String toString() {
        final StringBuilder sb = new StringBuilder("Sequential(");
        for (int i = 0; i < modules.size(); i++) {
            sb.append("\n  (").append(names.get(i)).append("): ").append(indented(modules.get(i).toString()));
        }
        return sb.append(modules.isEmpty() ? ")" : "\n)").toString();
    }
}

package neuralglm.jython;

import neuralglm.nn.Parameter;

/**
 * A trainable leaf tensor that <em>is</em> an engine {@link neuralglm.nn.Parameter}: it shares the
 * engine's value and gradient storage, so the engine's layers accumulate into {@code .grad}, the
 * optimisers update it in place, and Python code sees both. Its {@code .grad} is None until a backward
 * reaches it ({@link Tensor#gradDefined}; {@link LayerReach} for the engine layers' backward).
 */
public class TorchParameter extends Tensor {

    final Parameter engine;

    TorchParameter(Parameter engine, int[] shape) {
        super(engine.value(), shape);
        this.engine = engine;
        this.gradStore = engine.grad();
        this.requiresGrad = true;
    }

    /**
     * {@code nn.Parameter(tensor)}: a new trainable tensor with a copy of the given values.
     *
     * @param init initial values (a tensor or a list)
     */
    public TorchParameter(Object init) {
        this(wrap(floating(Convert.toTensor(init, "Parameter"))), Convert.toTensor(init, "Parameter").shape.clone());
        this.floating = Convert.toTensor(init, "Parameter").floating;
    }

    /** @return t, refused with PyTorch's RuntimeError when it holds whole numbers (which cannot require gradients) */
    private static Tensor floating(Tensor t) {
        if (t.integral != null) {
            throw Errors.runtime("nn.Parameter: only tensors of floating point dtype can require gradients; this one holds "
                    + t.integral + " (give t.float())");
        }
        return t;
    }

    private static Parameter wrap(Tensor t) {
        return new Parameter("parameter", t.data.copy());
    }

    /**
     * {@code module.name = value} where {@code name} is a parameter: value must be an {@code nn.Parameter}, as in PyTorch,
     * which refuses a plain tensor (whose values would otherwise be taken without it being trained as one).
     *
     * @param value what is assigned (a PyObject or a Java value)
     * @param name  the parameter's name
     * @return value, a parameter
     * @throws org.python.core.PyException PyTorch's TypeError: {@code cannot assign 'torch.FloatTensor' as parameter
     *         'weight' (torch.nn.Parameter or None expected)}
     */
    static TorchParameter assignable(Object value, String name) {
        final Object java = value instanceof org.python.core.PyObject
                ? ((org.python.core.PyObject) value).__tojava__(Tensor.class) : value;
        if (java instanceof TorchParameter) {
            return (TorchParameter) java;
        }
        throw Errors.type("cannot assign '" + (java instanceof Tensor ? ((Tensor) java).getDtype().tensorType()
                : Args.typeName(value)) + "' as parameter '" + name + "' (torch.nn.Parameter or None expected)");
    }

    /** @return the engine parameter (shared storage) */
    public Parameter engine() {
        return engine;
    }

    @Override
    public String toString() {
        return "Parameter containing:\n" + super.toString();
    }
}

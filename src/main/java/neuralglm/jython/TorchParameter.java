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

    /** @return the engine parameter (shared storage) */
    public Parameter engine() {
        return engine;
    }

    @Override
    public String toString() {
        return "Parameter containing:\n" + super.toString();
    }
}

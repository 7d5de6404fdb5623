package neuralglm.jython;

import java.util.List;

/**
 * PyTorch's {@code nn.Linear(in_features, out_features, bias=True)} over the engine's
 * {@link neuralglm.nn.Linear}: {@code layer.weight} (out x in) and {@code layer.bias} are the engine's
 * parameters themselves, so {@code layer.weight.copy_(w)} inside {@code torch.no_grad()} or
 * {@code layer.weight.data = w} sets what the layer computes with, and {@code layer.weight = nn.Parameter(w)}
 * copies w's values in (the shape must match; a plain tensor is refused, as in PyTorch). With {@code bias=False} the engine's bias is held at 0
 * and is not a parameter ({@code layer.bias} is None), so no optimiser changes it.
 */
public class TorchLinear extends EngineModule {

    private final int in;
    private final int out;
    private final boolean hasBias;

    /**
     * {@code nn.Linear(in_features, out_features, bias=True)}, also as a class ({@code isinstance(m, nn.Linear)}).
     *
     * @param args in_features, out_features, bias, device, dtype
     * @param kws  keyword names
     */
    public TorchLinear(org.python.core.PyObject[] args, String[] kws) {
        this(Nn.spec(args, kws));
    }

    private TorchLinear(Nn.LinearSpec s) {
        this(s.engine(), s.in(), s.out(), s.bias());
        if (s.dtype() != null) {
            floatLabel(s.dtype());
        }
    }

    TorchLinear(neuralglm.nn.Linear engine, int in, int out, boolean bias) {
        super(engine, "Linear(in_features=" + in + ", out_features=" + out + ", bias=" + (bias ? "True" : "False") + ")",
                bias ? List.of("weight", "bias") : List.of("weight"),
                bias ? List.of(new int[] {out, in}, new int[] {out}) : List.of(new int[] {out, in}));
        this.in = in;
        this.out = out;
        this.hasBias = bias;
        if (!bias) {
            java.util.Arrays.fill(engine.bias().value().data, 0.0);
        }
    }

    /** @return the weight, out x in ({@code layer.weight}) */
    public org.python.core.PyObject getWeight() {
        return org.python.core.Py.java2py(namedParameters().get("weight"));
    }

    /**
     * {@code layer.weight = nn.Parameter(w)}: copies w's values (and its dtype) into the weight; a plain tensor is refused
     * as in PyTorch.
     *
     * @param value an out x in parameter
     */
    public void setWeight(org.python.core.PyObject value) {
        assign(namedParameters().get("weight"), value, "weight");
    }

    /** @return the bias, of length out, or None for {@code bias=False} ({@code layer.bias}) */
    public org.python.core.PyObject getBias() {
        return hasBias ? org.python.core.Py.java2py(namedParameters().get("bias")) : org.python.core.Py.None;
    }

    /**
     * {@code layer.bias = nn.Parameter(b)}: copies b's values (and its dtype) into the bias; a plain tensor is refused as
     * in PyTorch.
     *
     * @param value a parameter of out values
     */
    public void setBias(org.python.core.PyObject value) {
        if (!hasBias) {
            throw Errors.value("this Linear layer was made with bias=False, so it has no bias to set");
        }
        assign(namedParameters().get("bias"), value, "bias");
    }

    /** @return the number of inputs */
    public int getIn_features() {
        return in;
    }

    /** @return the number of outputs */
    public int getOut_features() {
        return out;
    }

    private static void assign(TorchParameter p, org.python.core.PyObject value, String name) {
        if (value == org.python.core.Py.None) {
            throw Errors.value("Linear." + name + " = None: the bridge's Linear keeps its " + name + " (for a layer without "
                    + "a bias make nn.Linear(in, out, bias=False))");
        }
        final Tensor t = TorchParameter.assignable(value, name);
        p.floating = t.floating;
        if (!java.util.Arrays.equals(t.shape, p.shape)) {
            throw Errors.runtime("Linear." + name + " has shape " + Tensor.shapeText(p.shape) + ", the value given has shape "
                    + Tensor.shapeText(t.shape) + "; they must match");
        }
        System.arraycopy(t.data.data, 0, p.data.data, 0, p.numel());
    }

    /** @return PyTorch 1.13's grad_fn of the output: x W^T + b as addmm (a 2-d input) or add (1-d); without b mm, or squeeze */
    @Override
    String gradFnName(Tensor x) {
        return x.shape.length == 2 ? (hasBias ? "AddmmBackward0" : "MmBackward0") : hasBias ? "AddBackward0" : "SqueezeBackward3";
    }
}

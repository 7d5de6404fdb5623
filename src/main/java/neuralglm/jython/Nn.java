package neuralglm.jython;

import java.util.List;

import neuralglm.nn.Activation;

/**
 * The layer constructors of {@code nn}: {@code Linear(in, out)} (initialised like PyTorch from the
 * generator seeded by {@link Torch#manual_seed}), the engine activations, and {@code Softmax(dim)}.
 */
public final class Nn {

    private Nn() {
    }

    /**
     * {@code Linear(in_features, out_features, bias=True, device=None, dtype=None)}: {@code device} the CPU, a float
     * {@code dtype} labels the parameters (see {@link DType}; the default dtype without one).
     *
     * @param args in_features, out_features, bias, device, dtype
     * @param kws  keyword names
     * @return an affine layer {@code x W^T + b}, W out x in, both uniform in +-1/sqrt(in) (b held at 0 without bias)
     */
    public static TorchLinear Linear(org.python.core.PyObject[] args, String[] kws) {
        return new TorchLinear(args, kws);
    }

    /** The arguments of {@code nn.Linear} and the engine layer made from them. */
    record LinearSpec(neuralglm.nn.Linear engine, int in, int out, boolean bias, DType dtype) {
    }

    /**
     * @param args in_features, out_features, bias, device, dtype
     * @param kws  keyword names
     * @return the engine layer (initialised from the generator of {@link Torch#manual_seed}) and the options
     */
    static LinearSpec spec(org.python.core.PyObject[] args, String[] kws) {
        final Args a = new Args("Linear", args, kws, "in_features", "out_features", "bias", "device", "dtype");
        DType.checkDevice(a.get("device"), "Linear");
        final DType dtype = DType.of(a.get("dtype"), "Linear");
        if (dtype != null && !dtype.getIs_floating_point()) {
            throw Errors.runtime("Linear: only tensors of floating point dtype can require gradients, got dtype=" + dtype);
        }
        if (!a.has("in_features") || !a.has("out_features")) {
            throw Errors.value("Linear() needs in_features and out_features, e.g. nn.Linear(3, 1)");
        }
        final int in = a.whole("in_features"), out = a.whole("out_features");
        final neuralglm.nn.Linear engine;
        try {
            engine = new neuralglm.nn.Linear("Linear(" + in + ", " + out + ")", in, out, new java.util.Random(0));
        } catch (IllegalArgumentException e) {
            throw Errors.runtime(e.getMessage()); // sizes below 1: PyTorch's RuntimeError
        }
        final boolean bias = a.bool("bias", true);
        initialise(engine, in, bias, (dtype != null ? dtype : DType.defaultFloat()) != DType.FLOAT64);
        return new LinearSpec(engine, in, out, bias, dtype);
    }

    /**
     * PyTorch's {@code Linear.reset_parameters()} from the shared generator: the weight (out x in, row by row)
     * {@code kaiming_uniform_(a=sqrt(5))}, i.e. uniform on +-{@code sqrt(3) gain / sqrt(in)} with
     * {@code gain = sqrt(2 / (1 + a^2))}, then the bias uniform on +-{@code 1 / sqrt(in)}; each bound computed as
     * PyTorch's Python computes it and drawn in the layer's dtype ({@link TorchRandom#uniform}, as
     * {@link Torch#uniform_} draws).
     */
    private static void initialise(neuralglm.nn.Linear engine, int in, boolean bias, boolean float32) {
        final double a = Math.sqrt(5);
        final double gain = Math.sqrt(2.0 / (1 + a * a));
        final double bound = Math.sqrt(3.0) * (gain / Math.sqrt(in));
        final TorchRandom rng = Torch.generator();
        final double[] w = engine.weight().value().data;
        rng.uniform(w, w.length, -bound, bound, float32);
        if (bias) {
            final double b = 1 / Math.sqrt(in);
            final double[] d = engine.bias().value().data;
            rng.uniform(d, d.length, -b, b, float32);
        }
    }

    private static Module activation(Activation a) {
        return activation(a, a.toString());
    }

    private static Module activation(Activation a, String repr) {
        final EngineModule m = new EngineModule(a, repr, List.of(), List.of());
        m.inplace = repr.contains("inplace=True");   // the repr shows the option exactly when it was given as True
        return m;
    }

    /** @return a number as Python prints it (0.2, 1e-05) */
    private static String py(double v) {
        return org.python.core.Py.newFloat(v).__repr__().toString();
    }

    /** @return "inplace=True" when asked (for PyTorch's repr; the module then works in place, see EngineModule#inplace) */
    private static String inplace(Args a) {
        return a.bool("inplace", false) ? "inplace=True" : "";
    }

    /**
     * {@code nn.ReLU(inplace=False)}; with {@code inplace=True} as {@link EngineModule#inplace} says.
     *
     * @param args inplace
     * @param kws  keyword names
     * @return {@code max(x, 0)}
     */
    public static Module ReLU(org.python.core.PyObject[] args, String[] kws) {
        final Args a = new Args("ReLU", args, kws, "inplace");
        return activation(new Activation.ReLU(), "ReLU(" + inplace(a) + ")");
    }

    /**
     * {@code nn.LeakyReLU(negative_slope=0.01, inplace=False)}.
     *
     * @param args negative_slope, inplace
     * @param kws  keyword names
     * @return {@code x > 0 ? x : negative_slope x}
     */
    public static Module LeakyReLU(org.python.core.PyObject[] args, String[] kws) {
        final Args a = new Args("LeakyReLU", args, kws, "negative_slope", "inplace");
        final double slope = a.dbl("negative_slope", 0.01);
        final String more = inplace(a);
        return activation(new Activation.LeakyReLU(slope), "LeakyReLU(negative_slope=" + py(slope)
                + (more.isEmpty() ? "" : ", " + more) + ")");
    }

    /**
     * {@code nn.ELU(alpha=1.0, inplace=False)}.
     *
     * @param args alpha, inplace
     * @param kws  keyword names
     * @return {@code x > 0 ? x : alpha (e^x - 1)}
     */
    public static Module ELU(org.python.core.PyObject[] args, String[] kws) {
        final Args a = new Args("ELU", args, kws, "alpha", "inplace");
        final double alpha = a.dbl("alpha", 1.0);
        final String more = inplace(a);
        return activation(new Activation.ELU(alpha), "ELU(alpha=" + py(alpha) + (more.isEmpty() ? "" : ", " + more) + ")");
    }

    /**
     * {@code nn.Softplus(beta=1, threshold=20)}: PyTorch's {@code b x > t ? x : log(1 + e^(b x)) / b}
     * ({@link Activations.Softplus}; gradient 1 above the threshold, else {@code sigmoid(b x)}), an engine activation.
     *
     * @param args beta, threshold
     * @param kws  keyword names
     * @return the module
     */
    public static Module Softplus(org.python.core.PyObject[] args, String[] kws) {
        final Args a = new Args("Softplus", args, kws, "beta", "threshold");
        return activation(new Activations.Softplus(a.dbl("beta", 1.0), a.dbl("threshold", 20.0)),
                "Softplus(beta=" + shown(a, "beta", "1") + ", threshold=" + shown(a, "threshold", "20") + ")");
    }

    /** @return the argument as Python prints it (an int as an int: {@code Hardtanh(min_val=-2, max_val=3)}), or the default's text */
    private static String shown(Args a, String name, String otherwise) {
        return a.has(name) ? a.get(name).__repr__().toString() : otherwise;
    }

    /** @return {@code name()} or {@code name(inplace=True)}, PyTorch's repr of an activation whose only option is inplace */
    private static Module inplaceOnly(String name, org.python.core.PyObject[] args, String[] kws, Activation act) {
        return activation(act, name + "(" + inplace(new Args(name, args, kws, "inplace")) + ")");
    }

    /**
     * {@code nn.ReLU6(inplace=False)}.
     *
     * @param args inplace
     * @param kws  keyword names
     * @return {@code min(max(x, 0), 6)}
     */
    public static Module ReLU6(org.python.core.PyObject[] args, String[] kws) {
        return inplaceOnly("ReLU6", args, kws, new Activations.Hardtanh(0.0, 6.0));
    }

    /**
     * {@code nn.Hardtanh(min_val=-1.0, max_val=1.0, inplace=False)}.
     *
     * @param args min_val, max_val, inplace
     * @param kws  keyword names
     * @return {@code min(max(x, min_val), max_val)}
     */
    public static Module Hardtanh(org.python.core.PyObject[] args, String[] kws) {
        final Args a = new Args("Hardtanh", args, kws, "min_val", "max_val", "inplace");
        final double lo = a.dbl("min_val", -1.0), hi = a.dbl("max_val", 1.0);
        if (!(hi > lo)) {
            throw Errors.value("Hardtanh: max_val (" + py(hi) + ") must be greater than min_val (" + py(lo) + ")");
        }
        final String more = inplace(a);
        return activation(new Activations.Hardtanh(lo, hi), "Hardtanh(min_val=" + shown(a, "min_val", "-1.0") + ", max_val="
                + shown(a, "max_val", "1.0") + (more.isEmpty() ? "" : ", " + more) + ")");
    }

    /**
     * {@code nn.SELU(inplace=False)}.
     *
     * @param args inplace
     * @param kws  keyword names
     * @return {@code scale (x > 0 ? x : alpha (e^x - 1))}
     */
    public static Module SELU(org.python.core.PyObject[] args, String[] kws) {
        return inplaceOnly("SELU", args, kws, new Activations.SELU());
    }

    /**
     * {@code nn.CELU(alpha=1.0, inplace=False)}.
     *
     * @param args alpha, inplace
     * @param kws  keyword names
     * @return {@code x > 0 ? x : alpha (e^(x / alpha) - 1)}
     */
    public static Module CELU(org.python.core.PyObject[] args, String[] kws) {
        final Args a = new Args("CELU", args, kws, "alpha", "inplace");
        final String more = inplace(a);
        return activation(Activations.celuOf(a.dbl("alpha", 1.0)), "CELU(alpha=" + shown(a, "alpha", "1.0")
                + (more.isEmpty() ? "" : ", " + more) + ")");
    }

    /**
     * {@code nn.Mish(inplace=False)}.
     *
     * @param args inplace
     * @param kws  keyword names
     * @return {@code x tanh(softplus(x))}
     */
    public static Module Mish(org.python.core.PyObject[] args, String[] kws) {
        return inplaceOnly("Mish", args, kws, new Activations.Mish());
    }

    /**
     * {@code nn.Hardswish(inplace=False)}; PyTorch prints it {@code Hardswish()} either way.
     *
     * @param args inplace
     * @param kws  keyword names
     * @return {@code x min(max(x + 3, 0), 6) / 6}
     */
    public static Module Hardswish(org.python.core.PyObject[] args, String[] kws) {
        new Args("Hardswish", args, kws, "inplace");
        return activation(new Activations.Hardswish(), "Hardswish()");
    }

    /**
     * {@code nn.Hardsigmoid(inplace=False)}; PyTorch prints it {@code Hardsigmoid()} either way.
     *
     * @param args inplace
     * @param kws  keyword names
     * @return {@code min(max(x + 3, 0), 6) / 6}
     */
    public static Module Hardsigmoid(org.python.core.PyObject[] args, String[] kws) {
        new Args("Hardsigmoid", args, kws, "inplace");
        return activation(new Activations.Hardsigmoid(), "Hardsigmoid()");
    }

    /** @return {@code x / (1 + |x|)} */
    public static Module Softsign() { return activation(new Activations.Softsign(), "Softsign()"); }

    /** @return {@code x - tanh x} */
    public static Module Tanhshrink() { return activation(new Activations.Tanhshrink(), "Tanhshrink()"); }

    /** @return {@code log sigmoid(x) = -softplus(-x)} */
    public static Module LogSigmoid() { return activation(new Activations.LogSigmoid(), "LogSigmoid()"); }

    /**
     * {@code nn.Softshrink(lambd=0.5)}.
     *
     * @param args lambd (&gt;= 0)
     * @param kws  keyword names
     * @return {@code x > l ? x - l : x < -l ? x + l : 0}
     */
    public static Module Softshrink(org.python.core.PyObject[] args, String[] kws) {
        final Args a = new Args("Softshrink", args, kws, "lambd");
        return activation(Activations.softshrinkOf(a.dbl("lambd", 0.5)), "Softshrink(" + shown(a, "lambd", "0.5") + ")");
    }

    /**
     * {@code nn.Hardshrink(lambd=0.5)}.
     *
     * @param args lambd
     * @param kws  keyword names
     * @return {@code |x| > l ? x : 0}
     */
    public static Module Hardshrink(org.python.core.PyObject[] args, String[] kws) {
        final Args a = new Args("Hardshrink", args, kws, "lambd");
        return activation(new Activations.Hardshrink(a.dbl("lambd", 0.5)), "Hardshrink(" + shown(a, "lambd", "0.5") + ")");
    }

    /**
     * {@code nn.Threshold(threshold, value, inplace=False)}.
     *
     * @param args threshold, value, inplace
     * @param kws  keyword names
     * @return {@code x > threshold ? x : value}
     */
    public static Module Threshold(org.python.core.PyObject[] args, String[] kws) {
        final Args a = new Args("Threshold", args, kws, "threshold", "value", "inplace");
        final double t = a.required("threshold").asDouble(), v = a.required("value").asDouble();
        final String more = inplace(a);
        return activation(new Activations.Threshold(t, v), "Threshold(threshold=" + shown(a, "threshold", "")
                + ", value=" + shown(a, "value", "") + (more.isEmpty() ? "" : ", " + more) + ")");
    }

    /**
     * {@code nn.Softmin(dim=None)}: {@code softmax(-x, dim)}; without dim, PyTorch's legacy choice (0 for a 0-d or
     * 1-d input, else 1).
     *
     * @param args dim
     * @param kws  keyword names
     * @return the module
     */
    public static Module Softmin(org.python.core.PyObject[] args, String[] kws) {
        final Args a = new Args("Softmin", args, kws, "dim");
        final Integer dim = a.has("dim") ? a.get("dim").asInt() : null;
        return new OpModule("Softmin(dim=" + (dim == null ? "None" : dim) + ")", "softmin",
                x -> Ops.softmax(x.__neg__(), dim != null ? dim : x.shape.length <= 1 ? 0 : 1));
    }

    /** @return {@code tanh x} */
    public static Module Tanh() { return activation(new Activation.Tanh()); }
    /** @return {@code 1 / (1 + e^-x)} */
    public static Module Sigmoid() { return activation(new Activation.Sigmoid()); }
    /**
     * {@code nn.Identity(*args, **kwargs)}: the arguments are ignored, as PyTorch's.
     *
     * @param args ignored
     * @param kws  ignored
     * @return a module whose call returns its input itself ({@code nn.Identity()(x) is x}); in a Sequential, the
     *         engine's identity layer
     */
    public static Module Identity(org.python.core.PyObject[] args, String[] kws) { return new IdentityModule(); }

    /** PyTorch's nn.Identity: its forward returns the input object itself. */
    static final class IdentityModule extends EngineModule {
        IdentityModule() {
            super(new Activation.Identity(), new Activation.Identity().toString(), List.of(), List.of());
        }

        @Override
        public org.python.core.PyObject __call__(org.python.core.PyObject[] args, String[] kws) {
            if (args.length == 1) {
                return args[0];
            }
            return super.__call__(args, kws);
        }

        @Override
        public Tensor forward(Tensor x) {
            return x;
        }
    }

    /**
     * {@code Softmax(dim=1)}.
     *
     * @param args the dimension that sums to one
     * @param kws  keyword names
     * @return {@code softmax(x, dim)} as a module
     */
    public static Module Softmax(org.python.core.PyObject[] args, String[] kws) {
        final int dim = new Args("Softmax", args, kws, "dim").integer("dim", -1);
        return new OpModule("Softmax(dim=" + dim + ")", "softmax", x -> Ops.softmax(x, dim));
    }

    /**
     * {@code nn.Flatten(start_dim=1, end_dim=-1)}: {@code input.flatten(start_dim, end_dim)}. Tensors here have at
     * most 2 dimensions, so with the default an input is already rows of features and passes through (a 1-d one has no
     * dimension 1: PyTorch's IndexError);
     * {@code nn.Flatten(0, 1)} makes an n x k input one 1-d tensor of n k entries (as the tutorials' n x 1
     * output of a Linear layer, compared with n targets).
     *
     * @param args start_dim, end_dim
     * @param kws  keyword names
     * @return the module
     */
    public static Module Flatten(org.python.core.PyObject[] args, String[] kws) {
        final Args a = new Args("Flatten", args, kws, "start_dim", "end_dim");
        final int start = a.integer("start_dim", 1), end = a.integer("end_dim", -1);
        return new FlattenModule(start, end);
    }

    /**
     * nn.Flatten. At the end of a {@link TorchSequential} it runs after the engine's network instead of inside it (one
     * that makes rows into a 1-d tensor, {@code Flatten(0, 1)}, does not keep the rows).
     */
    static final class FlattenModule extends Module {
        private final int start;
        private final int end;

        FlattenModule(int start, int end) {
            this.start = start;
            this.end = end;
        }

        @Override
        String inputMethod() {
            return "flatten";
        }

        @Override
        public Tensor forward(Tensor x) {
            return x.flatten(start, end);
        }

        @Override
        public String toString() {
            return "Flatten(start_dim=" + start + ", end_dim=" + end + ")";
        }
    }

    /**
     * {@code LogSoftmax(dim=1)}.
     *
     * @param args the dimension
     * @param kws  keyword names
     * @return {@code log_softmax(x, dim)} as a module
     */
    public static Module LogSoftmax(org.python.core.PyObject[] args, String[] kws) {
        final int dim = new Args("LogSoftmax", args, kws, "dim").integer("dim", -1);
        return new OpModule("LogSoftmax(dim=" + dim + ")", "log_softmax", x -> Ops.logSoftmax(x, dim));
    }

    /** A parameter-free module made of recorded tensor operations. */
    static final class OpModule extends Module {
        private final String repr;
        private final String method;
        private final java.util.function.UnaryOperator<Tensor> op;

        /**
         * @param repr   how it prints
         * @param method the tensor method PyTorch's forward calls on the input (for its AttributeError on a non-tensor)
         * @param op     the operation
         */
        OpModule(String repr, String method, java.util.function.UnaryOperator<Tensor> op) {
            this.repr = repr;
            this.method = method;
            this.op = op;
        }

        @Override
        String inputMethod() {
            return method;
        }

        @Override
        public Tensor forward(Tensor x) {
            return op.apply(x);
        }

        @Override
        public String toString() {
            return repr;
        }
    }
}

package neuralglm.jython;

import org.ejml.data.DMatrixRMaj;
import org.python.core.PyObject;

import neuralglm.linalg.SafeMath;
import neuralglm.nn.Activation;

/**
 * The element-wise activations of {@code torch.nn.functional} beyond the engine's, as engine {@link Activation}s (so
 * that {@code nn.ReLU6()} and friends run inside an {@code nn.Sequential}'s engine network, and {@code F.relu6} is
 * recorded with the same f and f'), with PyTorch 1.13's values and gradients, also at the kinks:
 * <pre>
 *   hardtanh(x; lo, hi)  min(max(x, lo), hi)                      f' = 1 for lo &lt; x &lt; hi, else 0   (relu6: lo 0, hi 6)
 *   selu(x)              s (x &gt; 0 ? x : a (e^x - 1))             f' = s for x &gt; 0, else s a e^x     (a, s below)
 *   celu(x; alpha)       x &gt; 0 ? x : alpha (e^(x/alpha) - 1)      f' = 1 for x &gt; 0, else e^(x/alpha)
 *   softsign(x)          x / (1 + |x|)                            f' = 1 / (1 + |x|)^2
 *   mish(x)              x tanh(softplus(x))                      f' = tanh(sp) + x sigmoid(x) (1 - tanh(sp)^2)
 *   hardswish(x)         x min(max(x + 3, 0), 6) / 6              f' = 0 for x &lt; -3, x / 3 + 1/2 for x &lt;= 3, else 1
 *   hardsigmoid(x)       min(max(x + 3, 0), 6) / 6                f' = 1/6 for -3 &lt; x &lt; 3, else 0
 *   threshold(x; t, v)   x &gt; t ? x : v                           f' = 1 for x &gt; t, else 0
 *   tanhshrink(x)        x - tanh x                               f' = tanh^2 x
 *   softshrink(x; l)     x &gt; l ? x - l : x &lt; -l ? x + l : 0     f' = 0 for |x| &lt;= l, else 1
 *   hardshrink(x; l)     |x| &gt; l ? x : 0                         f' = 0 for |x| &lt;= l, else 1
 *   softplus(x; b, t)    b x &gt; t ? x : log(1 + e^(b x)) / b       f' = 1 for b x &gt; t, else sigmoid(b x)
 *   rrelu(x; lo, hi)     x &gt; 0 ? x : r x, r = (lo + hi) / 2 in evaluation, uniform in [lo, hi] per entry in training
 *   prelu(x, w)          x &gt; 0 ? x : w_c x  (c the channel: column of a 2-d input, one weight for all otherwise)
 * </pre>
 * At a NaN x the gradients of selu and celu (as relu's and elu's) take the branch of x &gt; 0, PyTorch's (its backward
 * tests {@code x <= 0}).
 */
public final class Activations {

    /** SELU's alpha (PyTorch's constant). */
    public static final double SELU_ALPHA = 1.6732632423543772848170429916717;
    /** SELU's scale (PyTorch's constant). */
    public static final double SELU_SCALE = 1.0507009873554804934193349852946;

    /** 1/6 rounded to float, as PyTorch 1.13's hardsigmoid_backward has it. */
    static final double ONE_SIXTH_FLOAT = 1.0f / 6.0f;

    private Activations() {
    }

    /** {@code min(max(x, lo), hi)}; {@code f' = 1} strictly inside (lo, hi), else 0 (PyTorch's hardtanh_backward). */
    public static final class Hardtanh extends Activation {
        private static final long serialVersionUID = 1L;
        private final double lo;
        private final double hi;

        /** @param lo min_val @param hi max_val */
        public Hardtanh(double lo, double hi) {
            this.lo = lo;
            this.hi = hi;
        }

        @Override public double apply(double x) { return x < lo ? lo : x > hi ? hi : x; }
        @Override public double derivative(double x, double y) { return x <= lo || x >= hi ? 0.0 : 1.0; }
        @Override public String toString() { return "Hardtanh(" + lo + ", " + hi + ")"; }
    }

    /** {@code scale (x > 0 ? x : alpha (e^x - 1))}; {@code f' = scale} for x &gt; 0, else {@code scale alpha e^x}. */
    public static final class SELU extends Activation {
        private static final long serialVersionUID = 1L;
        @Override public double apply(double x) { return x > 0 ? SELU_SCALE * x : SELU_SCALE * SELU_ALPHA * Math.expm1(x); }
        @Override public double derivative(double x, double y) { return x <= 0 ? SELU_SCALE * SELU_ALPHA * Math.exp(x) : SELU_SCALE; }
    }

    /**
     * {@code x > 0 ? x : alpha (e^(x / alpha) - 1)}; {@code f' = 1} for x &gt; 0, else {@code e^(x / alpha)} as PyTorch
     * 1.13's backward computes it for float64 tensors too: {@code (alpha / float(alpha)) e^(x / float(alpha))},
     * float(alpha) alpha rounded to float (so the gradient is e^(x / alpha) within about 1e-7 |x| relative, and
     * exactly where alpha is a float, as 0.5 and 2); the value uses alpha itself.
     */
    public static final class CELU extends Activation {
        private static final long serialVersionUID = 1L;
        private final double alpha;
        private final double gradScale;
        private final double gradRate;

        /** @param alpha the saturation (not 0) */
        public CELU(double alpha) {
            this.alpha = alpha;
            this.gradScale = alpha / (float) alpha;
            this.gradRate = 1.0 / (float) alpha;
        }

        @Override public double apply(double x) { return x > 0 ? x : alpha * Math.expm1(x / alpha); }
        @Override public double derivative(double x, double y) { return x <= 0 ? gradScale * Math.exp(x * gradRate) : 1.0; }
        @Override public String toString() { return "CELU(" + alpha + ")"; }
    }

    /** {@code x / (1 + |x|)}; {@code f' = 1 / (1 + |x|)^2}. */
    public static final class Softsign extends Activation {
        private static final long serialVersionUID = 1L;
        @Override public double apply(double x) { return x / (1.0 + Math.abs(x)); }
        @Override public double derivative(double x, double y) {
            final double d = 1.0 + Math.abs(x);
            return 1.0 / (d * d);
        }
    }

    /** {@code x tanh(softplus(x))} (softplus stable); {@code f' = tanh(sp) + x sigmoid(x) (1 - tanh(sp)^2)}. */
    public static final class Mish extends Activation {
        private static final long serialVersionUID = 1L;
        @Override public double apply(double x) { return x * Math.tanh(SafeMath.softplus(x)); }
        @Override public double derivative(double x, double y) {
            final double t = Math.tanh(SafeMath.softplus(x));
            return t + x * SafeMath.sigmoid(x) * (1.0 - t * t);
        }
    }

    /** {@code x min(max(x + 3, 0), 6) / 6}; {@code f' = 0} below -3, {@code x / 3 + 1/2} on [-3, 3), 1 from 3 on (PyTorch 1.13's). */
    public static final class Hardswish extends Activation {
        private static final long serialVersionUID = 1L;
        @Override public double apply(double x) { return x * Math.min(Math.max(x + 3.0, 0.0), 6.0) / 6.0; }
        @Override public double derivative(double x, double y) { return x < -3.0 ? 0.0 : x < 3.0 ? x / 3.0 + 0.5 : 1.0; }
    }

    /**
     * {@code min(max(x + 3, 0), 6) / 6}; {@code f' = 1/6} strictly inside (-3, 3), else 0, where PyTorch 1.13's kernel
     * takes 1/6 as the float {@code 1.0f / 6.0f} (0.1666666716337204) also for float64 tensors: so does this one.
     */
    public static final class Hardsigmoid extends Activation {
        private static final long serialVersionUID = 1L;
        @Override public double apply(double x) { return Math.min(Math.max(x + 3.0, 0.0), 6.0) / 6.0; }
        @Override public double derivative(double x, double y) { return x > -3.0 && x < 3.0 ? ONE_SIXTH_FLOAT : 0.0; }
    }

    /** {@code x > t ? x : v}; {@code f' = 1} for x &gt; t, else 0. */
    public static final class Threshold extends Activation {
        private static final long serialVersionUID = 1L;
        private final double threshold;
        private final double value;

        /** @param threshold t @param value v, the output at and below t */
        public Threshold(double threshold, double value) {
            this.threshold = threshold;
            this.value = value;
        }

        @Override public double apply(double x) { return x <= threshold ? value : x; }
        @Override public double derivative(double x, double y) { return x <= threshold ? 0.0 : 1.0; }
        @Override public String toString() { return "Threshold(" + threshold + ", " + value + ")"; }
    }

    /** {@code x - tanh x}; {@code f' = tanh^2 x}. */
    public static final class Tanhshrink extends Activation {
        private static final long serialVersionUID = 1L;
        @Override public double apply(double x) { return x - Math.tanh(x); }
        @Override public double derivative(double x, double y) {
            final double t = Math.tanh(x);
            return t * t;
        }
    }

    /** {@code x > l ? x - l : x < -l ? x + l : 0}; {@code f' = 0} for -l &lt;= x &lt;= l, else 1. */
    public static final class Softshrink extends Activation {
        private static final long serialVersionUID = 1L;
        private final double lambd;

        /** @param lambd l &gt;= 0 */
        public Softshrink(double lambd) {
            this.lambd = lambd;
        }

        @Override public double apply(double x) { return x > lambd ? x - lambd : x < -lambd ? x + lambd : 0.0; }
        @Override public double derivative(double x, double y) { return x >= -lambd && x <= lambd ? 0.0 : 1.0; }
        @Override public String toString() { return "Softshrink(" + lambd + ")"; }
    }

    /** {@code -l <= x <= l ? 0 : x}; {@code f' = 0} for -l &lt;= x &lt;= l, else 1. */
    public static final class Hardshrink extends Activation {
        private static final long serialVersionUID = 1L;
        private final double lambd;

        /** @param lambd l */
        public Hardshrink(double lambd) {
            this.lambd = lambd;
        }

        @Override public double apply(double x) { return x >= -lambd && x <= lambd ? 0.0 : x; }
        @Override public double derivative(double x, double y) { return x >= -lambd && x <= lambd ? 0.0 : 1.0; }
        @Override public String toString() { return "Hardshrink(" + lambd + ")"; }
    }

    /**
     * PyTorch's softplus: {@code b x > t ? x : log(1 + e^(b x)) / b} (the log stable: the engine's
     * {@link SafeMath#softplus}); {@code f' = 1} for b x &gt; t, else {@code sigmoid(b x)}.
     */
    public static final class Softplus extends Activation {
        private static final long serialVersionUID = 1L;
        private final double beta;
        private final double threshold;

        /** @param beta b @param threshold t */
        public Softplus(double beta, double threshold) {
            this.beta = beta;
            this.threshold = threshold;
        }

        @Override public double apply(double x) {
            final double bx = beta * x;
            return bx > threshold ? x : beta == 1.0 ? SafeMath.softplus(x) : SafeMath.softplus(bx) / beta;
        }

        @Override public double derivative(double x, double y) {
            final double bx = beta * x;
            return bx > threshold ? 1.0 : SafeMath.sigmoid(bx);
        }

        @Override public String toString() { return "Softplus(" + beta + ", " + threshold + ")"; }
    }

    /** {@code log sigmoid(x) = min(x, 0) - log(1 + e^-|x|)} (stable); {@code f' = sigmoid(-x)}. */
    public static final class LogSigmoid extends Activation {
        private static final long serialVersionUID = 1L;
        @Override public double apply(double x) { return -SafeMath.softplus(-x); }
        @Override public double derivative(double x, double y) { return SafeMath.sigmoid(-x); }
    }

    /** {@code x > 0 ? x : slope x}; {@code f' = 1} for x &gt; 0, else slope (rrelu in evaluation: the mean slope). */
    public static final class Leaky extends Activation {
        private static final long serialVersionUID = 1L;
        private final double slope;

        /** @param slope the slope at and below 0 */
        public Leaky(double slope) {
            this.slope = slope;
        }

        @Override public double apply(double x) { return x > 0 ? x : x * slope; }
        @Override public double derivative(double x, double y) { return x > 0 ? 1.0 : slope; }
        @Override public String toString() { return "Leaky(" + slope + ")"; }
    }

    /**
     * @param x        the input (a tensor; anything else is PyTorch's TypeError naming the function)
     * @param function the function's name, for that message
     * @param act      the activation
     * @return {@code act} applied entry by entry, recorded with its derivative (grad_fn PyTorch's, e.g. {@code <HardtanhBackward0>})
     */
    static Tensor apply(PyObject x, String function, Activation act) {
        final StringBuilder grad = new StringBuilder();
        for (String part : function.split("_")) {
            grad.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return Ops.activation(Args.input(x, function), act, gradFnName(function, grad.toString()));
    }

    /**
     * PyTorch 1.13's grad_fn of an activation, by its function's or module's name lower-cased without underscores,
     * where it is not the name's own: relu6 runs hardtanh's kernel and selu elu's, softsign and tanhshrink are a
     * division and a subtraction there, and the modules' capitals differ from the kernels' (ReLU: ReluBackward0).
     */
    private static final java.util.Map<String, String> GRAD_FN = java.util.Map.ofEntries(
            java.util.Map.entry("relu", "ReluBackward0"), java.util.Map.entry("relu6", "HardtanhBackward0"),
            java.util.Map.entry("elu", "EluBackward0"), java.util.Map.entry("selu", "EluBackward0"),
            java.util.Map.entry("celu", "CeluBackward0"), java.util.Map.entry("gelu", "GeluBackward0"),
            java.util.Map.entry("silu", "SiluBackward0"), java.util.Map.entry("leakyrelu", "LeakyReluBackward0"),
            java.util.Map.entry("softsign", "DivBackward0"), java.util.Map.entry("tanhshrink", "SubBackward0"));

    /**
     * @param name  an activation's function ({@code leaky_relu}) or module ({@code LeakyReLU}) name
     * @param camel the name as PyTorch's kernels write it ({@code Hardtanh}, {@code LogSoftmax}), for the others
     * @return the grad_fn name a tensor it made shows ({@code LeakyReluBackward0}, {@code HardtanhBackward0})
     */
    static String gradFnName(String name, String camel) {
        return GRAD_FN.getOrDefault(name.replace("_", "").toLowerCase(java.util.Locale.ROOT), camel + "Backward0");
    }

    /** @param x input @param lo min_val @param hi max_val @return {@code min(max(x, lo), hi)} (recorded) */
    public static Tensor hardtanh(PyObject x, double lo, double hi) {
        if (lo > hi) {
            throw Errors.runtime("hardtanh: min_val (" + lo + ") cannot be greater than max_val (" + hi + ")");
        }
        return apply(x, "hardtanh", new Hardtanh(lo, hi));
    }

    /** @param x input @return {@code min(max(x, 0), 6)} (recorded; f' 0 at 0 and 6, as PyTorch's) */
    public static Tensor relu6(PyObject x) { return apply(x, "relu6", new Hardtanh(0.0, 6.0)); }

    /** @param x input @return {@code scale (x > 0 ? x : alpha (e^x - 1))} (recorded) */
    public static Tensor selu(PyObject x) { return apply(x, "selu", new SELU()); }

    /** @param x input @param alpha the saturation (0 is refused, as PyTorch's) @return {@code x > 0 ? x : alpha (e^(x/alpha) - 1)} */
    public static Tensor celu(PyObject x, double alpha) { return apply(x, "celu", celuOf(alpha)); }

    /** @param alpha CELU's alpha @return the activation; alpha 0 is PyTorch's RuntimeError */
    public static Activation celuOf(double alpha) {
        if (alpha == 0.0) {
            throw Errors.runtime("ZeroDivisionError: alpha cannot be 0 for CELU");
        }
        return new CELU(alpha);
    }

    /** @param x input @return {@code x / (1 + |x|)} (recorded) */
    public static Tensor softsign(PyObject x) { return apply(x, "softsign", new Softsign()); }

    /** @param x input @return {@code x tanh(softplus(x))} (recorded) */
    public static Tensor mish(PyObject x) { return apply(x, "mish", new Mish()); }

    /** @param x input @return {@code x min(max(x + 3, 0), 6) / 6} (recorded) */
    public static Tensor hardswish(PyObject x) { return apply(x, "hardswish", new Hardswish()); }

    /** @param x input @return {@code min(max(x + 3, 0), 6) / 6} (recorded) */
    public static Tensor hardsigmoid(PyObject x) { return apply(x, "hardsigmoid", new Hardsigmoid()); }

    /** @param x input @param threshold t @param value v @return {@code x > t ? x : v} (recorded) */
    public static Tensor threshold(PyObject x, double threshold, double value) {
        return apply(x, "threshold", new Threshold(threshold, value));
    }

    /** @param x input @return {@code x - tanh x} (recorded) */
    public static Tensor tanhshrink(PyObject x) { return apply(x, "tanhshrink", new Tanhshrink()); }

    /** @param x input @param lambd l &gt;= 0 @return {@code x > l ? x - l : x < -l ? x + l : 0} (recorded) */
    public static Tensor softshrink(PyObject x, double lambd) { return apply(x, "softshrink", softshrinkOf(lambd)); }

    /** @param lambd Softshrink's lambda @return the activation; a negative lambda is PyTorch's RuntimeError */
    public static Activation softshrinkOf(double lambd) {
        if (lambd < 0) {
            throw Errors.runtime("lambda must be greater or equal to 0, but found to be " + lambd + ".");
        }
        return new Softshrink(lambd);
    }

    /** @param x input @param lambd l @return {@code |x| > l ? x : 0} (recorded) */
    public static Tensor hardshrink(PyObject x, double lambd) { return apply(x, "hardshrink", new Hardshrink(lambd)); }

    /** @param x input @param beta b @param threshold t @return {@code b x > t ? x : log(1 + e^(b x)) / b} (recorded) */
    public static Tensor softplus(PyObject x, double beta, double threshold) {
        return apply(x, "softplus", new Softplus(beta, threshold));
    }

    /**
     * {@code F.rrelu(input, lower, upper, training)}: in evaluation {@code x > 0 ? x : (lower + upper) / 2 x}; in
     * training each entry at or below 0 gets a slope drawn uniformly from [lower, upper] (a float64 uniform from the
     * generator of {@link Torch#manual_seed}; not checked against PyTorch's slopes), which is also its gradient.
     *
     * @param x        input
     * @param lower    the smallest slope
     * @param upper    the largest slope
     * @param training whether to draw the slopes
     * @return the output (recorded)
     */
    public static Tensor rrelu(PyObject x, double lower, double upper, boolean training) {
        if (!training) {
            return apply(x, "rrelu_with_noise", new Leaky((lower + upper) / 2));
        }
        if (lower > upper) {
            throw Errors.runtime("Lower bound should be less than or equal to the upper bound");
        }
        final Tensor in = Args.input(x, "rrelu");
        final int n = in.numel();
        final double[] slope = new double[n];
        final DMatrixRMaj out = new DMatrixRMaj(in.data.numRows, in.data.numCols);
        for (int i = 0; i < n; i++) {
            final double v = in.data.data[i];
            slope[i] = v > 0 ? 1.0 : Torch.generator().uniform64(lower, upper);
            out.data[i] = v * slope[i];
        }
        return Ops.record(Tensor.of(out, in.shape.clone()), "RreluWithNoiseBackward0", g -> {
            final DMatrixRMaj gx = new DMatrixRMaj(in.data.numRows, in.data.numCols);
            for (int i = 0; i < n; i++) {
                gx.data[i] = g.data[i] * slope[i];
            }
            return new DMatrixRMaj[] {gx};
        }, in);
    }

    /**
     * {@code F.prelu(input, weight)}: {@code x > 0 ? x : w_c x}, c the channel (the column of a 2-d input; a 1-d or
     * 0-d input has one channel); weight holds one entry (shared) or one per channel. Gradients: to x {@code g} for
     * x &gt; 0, else {@code w_c g}; to {@code w_c} the sum of {@code g x} over its entries with x &lt;= 0.
     *
     * @param input  the input
     * @param weight the slopes (1 or C entries)
     * @return the output (recorded)
     */
    public static Tensor prelu(PyObject input, PyObject weight) {
        final Tensor x = Args.tensorArgument(input, "prelu", "input", 1);
        final Tensor w = Args.tensorArgument(weight, "prelu", "weight", 2);
        if (x.shape.length == 0) {
            throw Errors.runtime("Not allow zero-dim input tensor.");
        }
        final int channels = x.shape.length == 2 ? x.shape[1] : 1, k = w.numel();
        if (k != 1 && k != channels) {
            throw Errors.runtime("Mismatch of parameter numbers and input channel size. Found parameter numbers = " + k
                    + " and channel size = " + channels + ".");
        }
        if (w.shape.length > 1) {
            throw Errors.runtime("prelu: Expected `weight` to be a scalar or 1D tensor, but got ndim = " + w.shape.length);
        }
        final int n = x.numel(), cols = x.shape.length == 2 ? x.shape[1] : Math.max(1, n);
        final double[] xs = x.data.data, ws = w.data.data;
        final DMatrixRMaj out = new DMatrixRMaj(x.data.numRows, x.data.numCols);
        for (int i = 0; i < n; i++) {
            final double slope = ws[k == 1 ? 0 : i % cols];
            out.data[i] = xs[i] > 0 ? xs[i] : slope * xs[i];
        }
        return Ops.record(Tensor.of(out, x.shape.clone()), "PreluBackward0", g -> {
            final DMatrixRMaj gx = x.needsGrad() ? new DMatrixRMaj(x.data.numRows, x.data.numCols) : null;
            final DMatrixRMaj gw = w.needsGrad() ? new DMatrixRMaj(w.data.numRows, w.data.numCols) : null;
            for (int i = 0; i < n; i++) {
                final int c = k == 1 ? 0 : i % cols;
                if (gx != null) {
                    gx.data[i] = xs[i] > 0 ? g.data[i] : ws[c] * g.data[i];
                }
                if (gw != null && xs[i] <= 0) {
                    gw.data[c] += g.data[i] * xs[i];
                }
            }
            return new DMatrixRMaj[] {gx, gw};
        }, x, w);
    }
}

package neuralglm.jython;

import neuralglm.nn.Activation;
import org.ejml.data.DMatrixRMaj;
import org.python.core.Py;
import org.python.core.PyObject;

/**
 * {@code nn.functional}: activations and losses on tensors, each built from recorded operations so
 * that {@code loss.backward()} works. With d = input - target, y a target, x a logit:
 * <pre>
 *   mse_loss           d^2                         l1_loss        |d|
 *   smooth_l1_loss     |d| &lt; beta ? d^2 / (2 beta) : |d| - beta / 2
 *   huber_loss         delta * smooth_l1_loss(beta = delta)
 *   binary_cross_entropy               -(y log p + (1 - y) log(1 - p)), logs clamped at -100 (as PyTorch)
 *   binary_cross_entropy_with_logits   softplus(x) - y x             (stable at any x)
 *   cross_entropy      -sum_k y_k log_softmax(x)_k  (y one-hot/probabilities, or class indices)
 *   nll_loss           -x_{i, y_i}                 (x log-probabilities, y class indices)
 *   (binary_cross_entropy takes weight, binary_cross_entropy_with_logits weight and pos_weight, cross_entropy
 *    weight, ignore_index and label_smoothing, nll_loss weight and ignore_index, kl_div log_target: as PyTorch 1.13)
 *   soft_margin_loss   log(1 + exp(-y x))          hinge_loss     max(0, 1 - y x)      (y = +-1)
 *   poisson_nll_loss   exp(x) - y x  (log_input)   kl_div         y (log y - input)  (input = log q)
 *                      (x - y log(x + eps) without log_input; full adds Stirling's y log y - y + log(2 pi y) / 2 where y &gt; 1)
 *   entropy            -sum p log p along dim      (0 log 0 = 0)
 * </pre>
 * then reduced by {@code reduction}: 'mean' (default), 'sum', 'none', or 'batchmean' (sum / rows).
 */
public final class Functional {

    private Functional() {
    }

    /**
     * @param t         per-entry losses
     * @param reduction 'mean', 'sum', 'none' or 'batchmean'
     * @return the reduced loss
     */
    static Tensor reduce(Tensor t, String reduction) {
        switch (reduction) {
            case "mean": return Ops.sumAll(t, true);
            case "sum": return Ops.sumAll(t, false);
            case "none": return t;
            case "batchmean": return Ops.sumAll(t, false).__div__((double) (t.shape.length == 0 ? 1 : t.shape[0]));
            default:
                throw Errors.value("reduction must be 'mean', 'sum', 'none' or 'batchmean', got '" + reduction + "'");
        }
    }

    /** Dispatches a loss by name (for {@link Loss}). */
    static Tensor loss(String name, PyObject[] args, String[] kws) {
        switch (name) {
            case "mse_loss": return mse_loss(args, kws);
            case "l1_loss": return l1_loss(args, kws);
            case "smooth_l1_loss": return smooth_l1_loss(args, kws);
            case "huber_loss": return huber_loss(args, kws);
            case "binary_cross_entropy": return binary_cross_entropy(args, kws);
            case "binary_cross_entropy_with_logits": return binary_cross_entropy_with_logits(args, kws);
            case "cross_entropy": return cross_entropy(args, kws);
            case "nll_loss": return nll_loss(args, kws);
            case "soft_margin_loss": return soft_margin_loss(args, kws);
            case "hinge_loss": return hinge_loss(args, kws);
            case "poisson_nll_loss": return poisson_nll_loss(args, kws);
            case "kl_div": return kl_div(args, kws);
            default: throw Errors.value("unknown loss " + name);
        }
    }

    private static Args pair(String name, PyObject[] args, String[] kws, String... more) {
        final String[] names = new String[3 + more.length];
        names[0] = "input";
        names[1] = "target";
        names[2] = "reduction";
        System.arraycopy(more, 0, names, 3, more.length);
        return new Args(name, args, kws, names);
    }

    /**
     * The input and target of an element-wise loss. Shapes that differ are PyTorch 1.13's: the regression losses
     * broadcast them with its {@code UserWarning} (a target of shape (n,) against an input of (n, 1) gives an
     * n x n loss: same numbers as PyTorch, and the warning says so), {@code poisson_nll_loss} and {@code kl_div}
     * broadcast them silently, the binary cross-entropies refuse them ({@code ValueError}), the rest refuse them
     * as PyTorch's broadcast into the input's shape does ({@code RuntimeError}).
     */
    private static Tensor[] operands(Args a, String name) {
        final Tensor in = operand(a, name, "input"), target = operand(a, name, "target");
        if (!java.util.Arrays.equals(in.shape, target.shape)) {
            final String sizes = "target size (torch.Size(" + sizeList(target.shape) + ")) that is different to the input size"
                    + " (torch.Size(" + sizeList(in.shape) + "))";
            switch (name) {
                case "mse_loss":
                case "l1_loss":
                case "smooth_l1_loss":
                case "huber_loss":
                    Ops.broadcastShape(in, target, name); // refuses shapes that do not broadcast
                    Py.warning(Py.UserWarning, "Using a " + sizes + ". This will likely lead to incorrect results due to "
                            + "broadcasting. Please ensure they have the same size.");
                    break;
                case "cross_entropy": // checks its own shapes
                    break;
                case "poisson_nll_loss":
                case "kl_div":
                    Ops.broadcastShape(in, target, name);
                    break;
                case "binary_cross_entropy":
                case "binary_cross_entropy_with_logits":
                    throw Errors.value(name + ": using a " + sizes + " is deprecated (PyTorch refuses it); they must match");
                default:
                    throw Errors.runtime(name + ": input has shape " + Tensor.shapeText(in.shape) + " but target has shape "
                            + Tensor.shapeText(target.shape) + "; they must match");
            }
        }
        return new Tensor[] {in, target};
    }

    /** The losses whose PyTorch 1.13 code asks the input and target for their size first: a non-tensor is an AttributeError. */
    private static final java.util.Set<String> SIZE_FIRST = java.util.Set.of("mse_loss", "l1_loss", "smooth_l1_loss",
            "huber_loss", "binary_cross_entropy", "binary_cross_entropy_with_logits");
    /** PyTorch's name of a loss in its argument messages, where it is not the function's. */
    private static final java.util.Map<String, String> SHOWN = java.util.Map.of("cross_entropy", "cross_entropy_loss",
            "nll_loss", "nll_loss_nd");

    /**
     * @return a loss's input or target, which must be a tensor: a list, a number or None is refused with the exception
     *         PyTorch 1.13 raises ({@code AttributeError: 'list' object has no attribute 'size'} for the losses of
     *         {@link #SIZE_FIRST}, else {@code TypeError: kl_div(): argument 'input' (position 1) must be Tensor, not list})
     */
    private static Tensor operand(Args a, String loss, String name) {
        if (SIZE_FIRST.contains(loss) && a.given(name) != null && !a.isTensor(name)) {
            throw Errors.attribute("'" + Args.typeName(a.given(name)) + "' object has no "
                    + "attribute 'size' (" + loss + ": the " + name + " must be a tensor)");
        }
        return a.tensorArgument(name, SHOWN.getOrDefault(loss, loss));
    }

    /** @return sizes as PyTorch prints them in a torch.Size, e.g. {@code [3, 1]} */
    private static String sizeList(int[] shape) {
        return java.util.Arrays.toString(shape);
    }

    // ------------------------------------------------------------------ activations

    // each is the engine's Activation (its f and f'), so the bridge, nn's modules and training agree
    private static final Activation RELU = new Activation.ReLU(), SIGMOID = new Activation.Sigmoid(),
            TANH = new Activation.Tanh(), SOFTPLUS = new Activation.Softplus(), ELU = new Activation.ELU(1.0),
            LEAKY_RELU = new Activation.LeakyReLU(0.01);

    // the Python-facing ones take any object and refuse a non-tensor as PyTorch does (Args.tensorArgument)

    /** @param x input (a tensor) @return {@code max(x, 0)} */
    public static Tensor relu(PyObject x) { return relu(Args.input(x, "relu")); }
    static Tensor relu(Tensor x) { return Ops.activation(x, RELU, "ReluBackward0"); }
    /** @param x input (a tensor) @return {@code 1 / (1 + e^-x)} */
    static Tensor sigmoid(Tensor x) { return Ops.activation(x, SIGMOID, "SigmoidBackward0"); }
    /** @param x input (a tensor) @return {@code tanh x} */
    static Tensor tanh(Tensor x) { return Ops.activation(x, TANH, "TanhBackward0"); }
    /** @param x input (a tensor) @return {@code log(1 + e^x)}, stable */
    public static Tensor softplus(PyObject x) { return softplus(Args.input(x, "softplus")); }
    static Tensor softplus(Tensor x) { return Ops.activation(x, SOFTPLUS, "SoftplusBackward0"); }
    /** @param x input (a tensor) @return ELU with alpha 1 */
    public static Tensor elu(PyObject x) { return Ops.activation(Args.input(x, "elu"), ELU, "EluBackward0"); }
    /** @param x input (a tensor) @return leaky ReLU with slope 0.01 */
    public static Tensor leaky_relu(PyObject x) { return Ops.activation(Args.input(x, "leaky_relu"), LEAKY_RELU, "LeakyReluBackward0"); }

    /** @param x input (a tensor) @param slope slope for x &lt; 0 @return leaky ReLU with that slope */
    public static Tensor leaky_relu(PyObject x, double slope) {
        return Ops.activation(Args.input(x, "leaky_relu"), new Activation.LeakyReLU(slope), "LeakyReluBackward0");
    }

    /** @param x input (a tensor) @param alpha saturation @return ELU with that alpha */
    public static Tensor elu(PyObject x, double alpha) {
        return Ops.activation(Args.input(x, "elu"), new Activation.ELU(alpha), "EluBackward0");
    }


    /**
     * @param args {@code input, dim}
     * @param kws  keyword names
     * @return softmax along dim
     */
    public static Tensor softmax(PyObject[] args, String[] kws) {
        final Args a = new Args("softmax", args, kws, "input", "dim");
        return Ops.softmax(a.receiver("input", "softmax"), a.integer("dim", -1));
    }

    /**
     * @param args {@code input, dim}
     * @param kws  keyword names
     * @return log-softmax along dim
     */
    public static Tensor log_softmax(PyObject[] args, String[] kws) {
        final Args a = new Args("log_softmax", args, kws, "input", "dim");
        return Ops.logSoftmax(a.receiver("input", "log_softmax"), a.integer("dim", -1));
    }

    /**
     * @param labels class indices 0..k-1 (1-d)
     * @param k      number of classes
     * @return the n x k one-hot matrix
     */
    public static Tensor one_hot(Tensor labels, int k) {
        if (labels.integral == null || labels.integral == DType.BOOL) {
            throw Errors.runtime("one_hot is only applicable to index tensor: the labels must be whole numbers of dtype "
                    + "torch.int64, got " + labels.getDtype() + " (give labels.long())");
        }
        if (labels.shape.length > 1) {
            throw Errors.runtime("one_hot of labels of shape " + Tensor.shapeText(labels.shape) + " would be a "
                    + (labels.shape.length + 1) + "-d tensor; tensors here have at most 2 dimensions (give the labels "
                    + "as a 1-d tensor, labels.reshape(-1))");
        }
        final int n = labels.numel();
        final DMatrixRMaj m = new DMatrixRMaj(n, k);
        for (int i = 0; i < n; i++) {
            final double v = labels.data.data[i];
            final int c = (int) v;
            if (c != v || c < 0 || c >= k) {
                throw Errors.runtime("one_hot: label " + v + " at position " + i + " is not a class index in 0.." + (k - 1));
            }
            m.data[i * k + c] = 1.0;
        }
        // a 0-d label gives one row of k, as PyTorch's (it was a 1 x k matrix)
        return (labels.shape.length == 0 ? Tensor.vector(m.data) : Tensor.matrix(m)).label(DType.INT64);
    }

    // ------------------------------------------------------------------ losses

    /** @param args input, target, reduction @param kws keywords @return squared error */
    public static Tensor mse_loss(PyObject[] args, String[] kws) {
        final Args a = pair("mse_loss", args, kws);
        final Tensor[] t = operands(a, "mse_loss");
        return Ops.named(reduce(Ops.pow(t[0].__sub__(t[1]), 2.0), a.string("reduction", "mean")), "MseLossBackward0");
    }

    /** @param args input, target, reduction @param kws keywords @return absolute error */
    public static Tensor l1_loss(PyObject[] args, String[] kws) {
        final Args a = pair("l1_loss", args, kws);
        final Tensor[] t = operands(a, "l1_loss");
        return reduce(t[0].__sub__(t[1]).abs(), a.string("reduction", "mean"));
    }

    private static Tensor smoothL1(Tensor in, Tensor target, double beta) {
        if (!(beta > 0)) {
            throw Errors.value("smooth_l1_loss/huber_loss: the threshold must be > 0, got " + beta);
        }
        final Tensor d = in.__sub__(target).abs();
        final Tensor small = d.__lt__(beta);
        final Tensor quadratic = Ops.pow(d, 2.0).__mul__(0.5 / beta);
        final Tensor linear = d.__sub__(0.5 * beta);
        return small.__mul__(quadratic).__add__(d.__ge__(beta).__mul__(linear));
    }

    /**
     * smooth_l1_loss at beta 0 as PyTorch 1.13's kernel: {@code |d|}, d = input - target (broadcast), gradient to the
     * input {@code d <= 0 ? -g : g} and to the target {@code d >= 0 ? -g : g} (its backward run with the two swapped):
     * at d = 0 both get -g.
     */
    private static Tensor absoluteError(Tensor in, Tensor target) {
        final int[] shape = Joins.broadcastShape(in, target);
        final int r = shape.length == 2 ? shape[0] : 1, c = shape.length == 0 ? 1 : shape[shape.length - 1];
        final double[] u = Joins.spread(in, r, c), v = Joins.spread(target, r, c);
        final DMatrixRMaj out = new DMatrixRMaj(r, c);
        for (int k = 0; k < r * c; k++) {
            out.data[k] = Math.abs(u[k] - v[k]);
        }
        return Ops.record(Tensor.of(out, shape), "SmoothL1LossBackward0", g -> {
            final double[] toIn = new double[r * c], toTarget = new double[r * c];
            for (int k = 0; k < r * c; k++) {
                final double d = u[k] - v[k];
                toIn[k] = d <= 0 ? -1.0 : 1.0;
                toTarget[k] = d >= 0 ? -1.0 : 1.0;
            }
            return new DMatrixRMaj[] {in.needsGrad() ? Joins.reduceTo(in, g, toIn) : null,
                target.needsGrad() ? Joins.reduceTo(target, g, toTarget) : null};
        }, in, target);
    }

    /**
     * @param args input, target, reduction, beta=1 (beta 0 gives |d|, as PyTorch 1.13's, with its gradient -g at
     *             d = 0)
     * @param kws  keywords
     * @return smooth L1 (Huber / beta), or |d| at beta 0
     */
    public static Tensor smooth_l1_loss(PyObject[] args, String[] kws) {
        final Args a = pair("smooth_l1_loss", args, kws, "beta");
        final Tensor[] t = operands(a, "smooth_l1_loss");
        final double beta = a.dbl("beta", 1.0);
        if (beta == 0.0) {
            return Ops.named(reduce(absoluteError(t[0], t[1]), a.string("reduction", "mean")), "SmoothL1LossBackward0");
        }
        return Ops.named(reduce(smoothL1(t[0], t[1], beta), a.string("reduction", "mean")), "SmoothL1LossBackward0");
    }

    /** @param args input, target, reduction, delta=1 @param kws keywords @return Huber loss */
    public static Tensor huber_loss(PyObject[] args, String[] kws) {
        final Args a = pair("huber_loss", args, kws, "delta");
        final Tensor[] t = operands(a, "huber_loss");
        final double delta = a.dbl("delta", 1.0);
        return Ops.named(reduce(smoothL1(t[0], t[1], delta).__mul__(delta), a.string("reduction", "mean")), "HuberLossBackward0");
    }

    /**
     * @param args p, target, reduction, weight (per entry, broadcast to p's shape)
     * @param kws  keywords
     * @return binary cross-entropy of probabilities, each entry times its weight, reduced (the mean over entries)
     */
    public static Tensor binary_cross_entropy(PyObject[] args, String[] kws) {
        final Args a = pair("binary_cross_entropy", args, kws, "weight");
        final Tensor[] t = operands(a, "binary_cross_entropy");
        t[1].sameFloatDtype(t[0], (target, input) -> "Found dtype " + target + " but expected " + input
                + " (binary_cross_entropy: the target's dtype must be the input's)");
        for (int i = 0; i < t[0].numel(); i++) {
            final double p = t[0].data.data[i];
            if (!(p >= 0.0 && p <= 1.0)) {
                throw Errors.runtime("binary_cross_entropy: all elements of input should be between 0 and 1; entry " + i
                        + " is " + p + " (give probabilities, e.g. torch.sigmoid(logits), or use binary_cross_entropy_with_logits)");
            }
        }
        return Ops.named(reduce(weighted(bceTerms(t[0], t[1]), a, "weight", "binary_cross_entropy"), a.string("reduction", "mean")), "BinaryCrossEntropyBackward0");
    }

    /**
     * Binary cross-entropy entry by entry, with PyTorch 1.13's clamped logs and its gradients (which are not those
     * of the clamped logs: the one to p stays finite at p = 0 and p = 1, where a sigmoid saturates):
     * <pre>
     *   l = -(y max(log p, -100) + (1 - y) max(log(1 - p), -100))
     *   dl/dp = (p - y) / max(p (1 - p), eps)        dl/dy = log(1 - p) - log p      (eps = 1e-12 in float32)
     * </pre>
     *
     * @param p probabilities in [0, 1]
     * @param y targets of p's shape
     * @return the losses (recorded)
     */
    private static Tensor bceTerms(Tensor p, Tensor y) {
        final int n = p.numel();
        final double[] pv = p.data.data, yv = y.data.data, logP = new double[n], log1mP = new double[n];
        final DMatrixRMaj out = new DMatrixRMaj(p.data.numRows, p.data.numCols);
        for (int i = 0; i < n; i++) {
            logP[i] = Math.log(pv[i]);
            log1mP[i] = Math.log(1.0 - pv[i]);
            out.data[i] = -(yv[i] * Math.max(logP[i], -100.0) + (1.0 - yv[i]) * Math.max(log1mP[i], -100.0));
        }
        final double eps = 1e-12f;
        return Ops.record(Tensor.of(out, p.shape.clone()), "BinaryCrossEntropyBackward0", g -> {
            final DMatrixRMaj toP = p.needsGrad() ? new DMatrixRMaj(out.numRows, out.numCols) : null;
            final DMatrixRMaj toY = y.needsGrad() ? new DMatrixRMaj(out.numRows, out.numCols) : null;
            for (int i = 0; i < n; i++) {
                if (toP != null) {
                    toP.data[i] = g.data[i] * (pv[i] - yv[i]) / Math.max(pv[i] * (1.0 - pv[i]), eps);
                }
                if (toY != null) {
                    toY.data[i] = g.data[i] * (log1mP[i] - logP[i]);
                }
            }
            return new DMatrixRMaj[] {toP, toY};
        }, p, y);
    }

    /**
     * With x a logit, y a target, w the weight and q the pos_weight (both broadcast to x's shape; q is usually
     * one per column): {@code w (q y softplus(-x) + (1 - y) softplus(x))}, which is {@code w (softplus(x) - y x)}
     * at q = 1; stable at any x.
     *
     * @param args logits, target, reduction, weight, pos_weight
     * @param kws  keywords
     * @return binary cross-entropy of logits, reduced (the mean over entries)
     */
    public static Tensor binary_cross_entropy_with_logits(PyObject[] args, String[] kws) {
        final Args a = pair("binary_cross_entropy_with_logits", args, kws, "weight", "pos_weight");
        final Tensor[] t = operands(a, "binary_cross_entropy_with_logits");
        Tensor l;
        if (a.has("pos_weight")) {
            final Tensor q = broadcastable(a.tensor("pos_weight"), t[0], "binary_cross_entropy_with_logits", "pos_weight");
            l = q.__mul__(t[1]).__mul__(softplus(t[0].__neg__())).__add__(t[1].__rsub__(1.0).__mul__(softplus(t[0])));
        } else {
            l = softplus(t[0]).__sub__(t[1].__mul__(t[0]));
        }
        return Ops.named(reduce(weighted(l, a, "weight", "binary_cross_entropy_with_logits"), a.string("reduction", "mean")), "BinaryCrossEntropyWithLogitsBackward0");
    }

    /** @return the losses times the argument {@code name} when given (broadcast to their shape), else the losses */
    private static Tensor weighted(Tensor losses, Args a, String name, String function) {
        return a.has(name) ? losses.__mul__(broadcastable(a.tensor(name), losses, function, name)) : losses;
    }

    /** @return w, checked to broadcast to x's shape without enlarging it (PyTorch refuses that too) */
    private static Tensor broadcastable(Tensor w, Tensor x, String function, String name) {
        final int[] ws = w.shape, xs = x.shape;
        boolean ok = ws.length <= xs.length;
        for (int i = 1; ok && i <= ws.length; i++) {
            final int wi = ws[ws.length - i], xi = xs[xs.length - i];
            ok = wi == xi || wi == 1;
        }
        if (!ok) {
            throw Errors.value(function + ": " + name + " has shape " + Tensor.shapeText(ws) + ", which does not broadcast to the input's "
                    + Tensor.shapeText(xs));
        }
        return w;
    }

    /**
     * Softmax cross-entropy as PyTorch 1.13's, with its options: with p = log_softmax(x) per row, class weights w
     * (1 without {@code weight}), K classes and e = label_smoothing, a row of class index c costs
     * {@code -(1 - e) w_c p_c - (e / K) sum_k w_k p_k}; 'mean' divides the sum by the sum of w_c over the rows
     * (their number without weights), rows whose target is {@code ignore_index} (default -100) cost 0 and do not
     * count. A target of probabilities t (n x k) costs {@code -sum_k w_k t'_k p_k} per row, t' = (1 - e) t + e / K,
     * and 'mean' divides by n. Unbatched, as PyTorch: k logits (1-d) with one class index (0-d) or k probabilities
     * are one row, and its loss is 0-d also with reduction 'none'.
     *
     * @param args logits (n x k, or k), target (n class indices, or n x k probabilities; for k logits, a 0-d class
     *             index or k probabilities), reduction, weight (k), ignore_index, label_smoothing
     * @param kws  keywords
     * @return the loss, reduced
     */
    public static Tensor cross_entropy(PyObject[] args, String[] kws) {
        final Args a = pair("cross_entropy", args, kws, "weight", "ignore_index", "label_smoothing");
        final Tensor[] t = operands(a, "cross_entropy");
        final Tensor loss;
        if (t[0].shape.length == 1 && t[1].shape.length <= 1) {
            final Tensor target = t[1].shape.length == 0 ? Ops.reshape(t[1], new int[] {1}, "ViewBackward0") : Ops.unsqueeze(t[1], 0);
            final Tensor row = crossEntropy(Ops.unsqueeze(t[0], 0), target, a);
            loss = row.shape.length == 0 ? row : Ops.reshape(row, new int[0], "SqueezeBackward0");
        } else {
            loss = crossEntropy(t[0], t[1], a);
        }
        // class indices without smoothing: PyTorch's log_softmax then nll_loss, whose grad_fn the loss shows
        return t[1].shape.length == t[0].shape.length - 1 && a.dbl("label_smoothing", 0.0) == 0.0
                ? Ops.named(loss, "NllLossBackward0") : loss;
    }

    /** {@link #cross_entropy} of n x k logits. */
    private static Tensor crossEntropy(Tensor logits, Tensor target, Args a) {
        if (logits.shape.length != 2) {
            throw Errors.value("cross_entropy: logits must be 2-d (rows x classes) or 1-d (one row), got shape "
                    + Tensor.shapeText(logits.shape));
        }
        final double smoothing = a.dbl("label_smoothing", 0.0);
        if (!(smoothing >= 0.0 && smoothing <= 1.0)) {
            throw Errors.value("cross_entropy: label_smoothing must be in [0, 1], got " + smoothing);
        }
        final Tensor logP = Ops.logSoftmax(logits, 1);
        if (target.shape.length == 1 && target.shape[0] == logits.shape[0]) {
            return classLoss("cross_entropy", logP, target, a, smoothing);
        }
        if (target.shape.length == 1) {
            throw Errors.value("cross_entropy: expected input batch_size (" + logits.shape[0] + ") to match target batch_size ("
                    + target.shape[0] + "): logits have shape " + Tensor.shapeText(logits.shape) + ", target "
                    + Tensor.shapeText(target.shape));
        }
        if (!java.util.Arrays.equals(target.shape, logits.shape)) {
            throw Errors.runtime("cross_entropy: target has shape " + Tensor.shapeText(target.shape) + "; expected "
                    + logits.shape[0] + " class indices or probabilities of shape " + Tensor.shapeText(logits.shape));
        }
        if (a.integer("ignore_index", -100) != -100) {
            throw Errors.value("cross_entropy: ignore_index applies to class-index targets only, not to probabilities");
        }
        final int n = logits.shape[0], k = logits.shape[1];
        final double[] w = classWeights(a, k, "cross_entropy");
        final DMatrixRMaj c = new DMatrixRMaj(n, k);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                c.data[i * k + j] = w[j] * ((1 - smoothing) * target.data.data[i * k + j] + smoothing / k);
            }
        }
        final Tensor perRow = Ops.sum(Tensor.matrix(c).__mul__(logP), 1, false).__neg__();
        return reduce(perRow, a.string("reduction", "mean"));
    }

    /**
     * @param args log-probabilities (n x k, e.g. from log_softmax; or k of one row, with a 0-d target, as PyTorch's
     *             unbatched input: the loss is then 0-d also with reduction 'none'), target (n class indices),
     *             reduction, weight (k), ignore_index
     * @param kws  keywords
     * @return {@code -w_c input[i, c]} per row (c = target_i), reduced as {@link #cross_entropy}'s
     */
    public static Tensor nll_loss(PyObject[] args, String[] kws) {
        final Args a = pair("nll_loss", args, kws, "weight", "ignore_index");
        final Tensor in0 = operand(a, "nll_loss", "input"), target0 = operand(a, "nll_loss", "target");
        final boolean unbatched = in0.shape.length == 1 && target0.shape.length == 0;
        final Tensor in = unbatched ? Ops.unsqueeze(in0, 0) : in0;
        final Tensor target = unbatched ? Ops.reshape(target0, new int[] {1}, "ViewBackward0") : target0;
        if (unbatched) {
            final Tensor row = classLoss("nll_loss", in, target, a, 0.0);
            return Ops.named(row.shape.length == 0 ? row : Ops.reshape(row, new int[0], "SqueezeBackward0"), "NllLossBackward0");
        }
        if (in.shape.length == 2 && target.shape.length == 1 && target.shape[0] != in.shape[0]) {
            throw Errors.value("nll_loss: expected input batch_size (" + in.shape[0] + ") to match target batch_size ("
                    + target.shape[0] + "): input has shape " + Tensor.shapeText(in.shape) + ", target "
                    + Tensor.shapeText(target.shape));
        }
        if (in.shape.length != 2 || target.shape.length != 1) {
            throw Errors.runtime("nll_loss: expected log-probabilities of shape (n, k) and n class indices, got shapes "
                    + Tensor.shapeText(in.shape) + " and " + Tensor.shapeText(target.shape));
        }
        return Ops.named(classLoss("nll_loss", in, target, a, 0.0), "NllLossBackward0");
    }

    /** The loss of class-index targets over log-probabilities, for {@link #cross_entropy} and {@link #nll_loss}. */
    private static Tensor classLoss(String function, Tensor logP, Tensor target, Args a, double smoothing) {
        final int n = logP.shape[0], k = logP.shape[1];
        final double[] w = classWeights(a, k, function);
        final int ignore = a.integer("ignore_index", -100);
        if (target.integral == null || target.integral == DType.BOOL) {
            throw Errors.runtime(function + ": class-index targets must be whole numbers of dtype torch.int64 (PyTorch: "
                    + "expected scalar type Long but found " + (target.integral == null ? "Float" : "Bool")
                    + "); give target.long(), or probabilities of the input's shape " + Tensor.shapeText(logP.shape));
        }
        final DMatrixRMaj c = new DMatrixRMaj(n, k);
        final boolean[] left = new boolean[n];
        double total = 0.0;
        int ignored = 0;
        for (int i = 0; i < n; i++) {
            final double v = target.data.data[i];
            final int label = (int) v;
            if (label == v && label == ignore) {
                left[i] = true;
                ignored++;
                continue;
            }
            if (label != v || label < 0 || label >= k) {
                throw Errors.index(function + ": target " + v + " at position " + i + " is out of bounds: not a class index in 0.."
                        + (k - 1) + (ignore != -100 ? " nor the ignore_index " + ignore : ""));
            }
            for (int j = 0; j < k; j++) {
                c.data[i * k + j] = smoothing / k * w[j];
            }
            c.data[i * k + label] += (1 - smoothing) * w[label];
            total += w[label];
        }
        final String reduction = a.string("reduction", "mean");
        final boolean weightedMean = reduction.equals("mean") && (a.has("weight") || ignored > 0);
        if (weightedMean) {
            // the counted rows' coefficients divided by their total weight, a left-out row's left at 0: its gradient
            // is 0 even where the total is 0 (every row left out: the loss is 0 / 0 = NaN and the gradient 0, as PyTorch's)
            for (int i = 0; i < n; i++) {
                for (int j = 0; !left[i] && j < k; j++) {
                    c.data[i * k + j] /= total;
                }
            }
        }
        // c (-log p) rather than -(c log p): a left-out row is 0.0, as PyTorch prints it, not -0.0
        final Tensor perRow = Ops.sum(Tensor.matrix(c).__mul__(logP.__neg__()), 1, false);
        if (weightedMean) {
            final Tensor mean = Ops.sumAll(perRow, false);
            return ignored == n ? mean.__add__(Double.NaN) : mean;
        }
        return reduce(perRow, reduction);
    }

    /** @return the {@code weight} argument (k non-negative class weights), or k ones */
    private static double[] classWeights(Args a, int k, String function) {
        final double[] w = new double[k];
        if (!a.has("weight")) {
            java.util.Arrays.fill(w, 1.0);
            return w;
        }
        final Tensor t = a.tensor("weight");
        if (t.shape.length != 1 || t.shape[0] != k) {
            throw Errors.runtime(function + ": weight must hold one weight per class (" + k + "), got shape " + Tensor.shapeText(t.shape));
        }
        System.arraycopy(t.data.data, 0, w, 0, k);
        return w;
    }

    /** @param args x, y (+-1), reduction @param kws keywords @return logistic loss {@code log(1 + e^(-y x))} */
    public static Tensor soft_margin_loss(PyObject[] args, String[] kws) {
        final Args a = pair("soft_margin_loss", args, kws);
        final Tensor[] t = operands(a, "soft_margin_loss");
        return Ops.named(reduce(softplus(t[1].__mul__(t[0]).__neg__()), a.string("reduction", "mean")), "SoftMarginLossBackward0");
    }

    /** @param args x, y (+-1), reduction @param kws keywords @return hinge loss {@code max(0, 1 - y x)} */
    public static Tensor hinge_loss(PyObject[] args, String[] kws) {
        final Args a = pair("hinge_loss", args, kws);
        final Tensor[] t = operands(a, "hinge_loss");
        return reduce(t[1].__mul__(t[0]).__rsub__(1.0).relu(), a.string("reduction", "mean"));
    }

    /**
     * @param args input (eta when log_input), target counts, reduction, log_input=True, full=False, eps=1e-8
     * @param kws  keywords
     * @return Poisson NLL without {@code log y!}, or with Stirling's approximation of it ({@code full}), as PyTorch
     */
    public static Tensor poisson_nll_loss(PyObject[] args, String[] kws) {
        final Args a = pair("poisson_nll_loss", args, kws, "log_input", "full", "eps");
        final Tensor[] t = operands(a, "poisson_nll_loss");
        Tensor l = a.bool("log_input", true)
                ? t[0].exp().__sub__(t[1].__mul__(t[0]))
                : t[0].__sub__(t[1].__mul__(t[0].__add__(a.dbl("eps", 1e-8)).log()));
        if (a.bool("full", false)) {
            l = l.__add__(stirling(t[1]));
        }
        return reduce(l, a.string("reduction", "mean"));
    }

    /** {@code y log y - y + log(2 pi y) / 2} where y &gt; 1, else 0 (PyTorch's term of full=True); no gradient. */
    private static Tensor stirling(Tensor y) {
        final DMatrixRMaj out = new DMatrixRMaj(y.data.numRows, y.data.numCols);
        for (int i = 0; i < y.numel(); i++) {
            final double v = y.data.data[i];
            out.data[i] = v > 1 ? v * Math.log(v) - v + 0.5 * Math.log(2 * Math.PI * v) : 0.0;
        }
        return Tensor.of(out, y.shape.clone());
    }

    /**
     * @param args input = log q, target = p (log p with log_target=True), reduction, log_target
     * @param kws  keywords
     * @return {@code p (log p - log q)} (with 0 log 0 = 0), reduced
     */
    public static Tensor kl_div(PyObject[] args, String[] kws) {
        final Args a = pair("kl_div", args, kws, "log_target");
        final Tensor[] t = operands(a, "kl_div");
        if (a.bool("log_target", false)) {
            return reduce(t[1].exp().__mul__(t[1].__sub__(t[0])), a.string("reduction", "mean"));
        }
        return reduce(xlogx(t[1]).__sub__(t[1].__mul__(t[0])), a.string("reduction", "mean"));
    }

    /**
     * @param args p, dim=-1
     * @param kws  keywords
     * @return {@code -sum p log p} along dim
     */
    public static Tensor entropy(PyObject[] args, String[] kws) {
        final Args a = new Args("entropy", args, kws, "input", "dim");
        final Tensor p = a.tensor("input");
        return Ops.sum(xlogx(p), a.integer("dim", -1), false).__neg__();
    }

    /** {@code x log x} with 0 log 0 = 0; gradient {@code log x + 1}. */
    private static Tensor xlogx(Tensor p) {
        final int n = p.numel();
        final DMatrixRMaj out = new DMatrixRMaj(p.data.numRows, p.data.numCols);
        for (int i = 0; i < n; i++) {
            out.data[i] = neuralglm.linalg.SafeMath.xlogy(p.data.data[i], p.data.data[i]);
        }
        return Ops.record(Tensor.of(out, p.shape.clone()), "XlogyBackward0", g -> {
            final DMatrixRMaj gx = new DMatrixRMaj(p.data.numRows, p.data.numCols);
            for (int i = 0; i < n; i++) {
                gx.data[i] = g.data[i] * (Math.log(p.data.data[i]) + 1.0);
            }
            return new DMatrixRMaj[] {gx};
        }, p);
    }

    /**
     * An activation's {@code inplace=True}, for the functional forms ({@code F.relu(x, inplace=True)}) and the modules
     * ({@code nn.ReLU(inplace=True)}), as PyTorch's where the bridge can: a leaf that requires grad (recording) is
     * PyTorch's RuntimeError; a tensor that records nothing (or any under no_grad) takes the result's values and is
     * returned; a tensor computed by recorded operations is left as it was and the result is returned (the bridge
     * changes no recorded tensor in place: code that uses the returned tensor, as nn.Sequential does, gets PyTorch's
     * numbers).
     *
     * @param input  the activation's input
     * @param result the activation of input, computed as a new tensor
     * @return input (changed) or result
     */
    public static Tensor inPlace(Tensor input, Tensor result) {
        final boolean recording = Autograd.enabled() && input.needsGrad();
        if (recording && input.node == null) {
            throw Errors.runtime("a leaf Variable that requires grad is being used in an in-place operation.");
        }
        return recording ? result : input.copy_(result);
    }
}

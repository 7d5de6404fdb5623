package neuralglm.jython;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import neuralglm.nn.Activation;

/**
 * The recorded operations on tensors, each with its vector-Jacobian product.
 * <pre>
 *   a + b: (g, g)        a - b: (g, -g)        a * b: (g b, g a)        a / b: (g / b, -g a / b^2)
 *   exp: g y   log: g / x   activations (relu, sigmoid, ...): g f'(x), f and f' the engine's {@link Activation}
 *   abs: g sign(x)   sqrt: g / (2 y)   sin: g cos(x)   cos: -g sin(x)   x^p: g p x^(p-1)   clamp: g [lo &lt;= x &lt;= hi]
 *   sum: g broadcast   mean: g / n   norm: g x / |x|
 *   softmax: y (g - sum g y)   log_softmax: g - softmax(x) sum g   logsumexp: g softmax(x)
 *   A B: (g B^T, A^T g)   reshape/transpose/row selection: the inverse rearrangement
 * </pre>
 * Broadcasting gradients are summed over the broadcast dimensions. A result records its operation
 * only when some input needs a gradient and recording is on ({@link Autograd#enabled()}, off inside
 * {@code torch.no_grad()}).
 */
final class Ops {

    private Ops() {
    }

    /**
     * Binary element-wise operations: + - * /, and Python's // and % ({@code floor(u / v)} and
     * {@code u - v floor(u / v)}, the remainder taking the divisor's sign, as PyTorch's floor_divide and remainder).
     */
    enum Bin { ADD, SUB, MUL, DIV, FLOOR_DIV, MOD, FMOD }

    /**
     * PyTorch's floor division ({@code c10::div_floor_floating}, as Python's {@code //} of floats): from C's
     * {@code fmod}, {@code (a - fmod(a, b)) / b} moved down by 1 when the remainder's sign is not b's, then floored and
     * rounded up from above .5; a quotient of 0 takes the sign of {@code a / b}; by 0, {@code a / b}. So
     * {@code 1.0 // 0.1} is 9 (0.1 is a little above one tenth), where {@code floor(1.0 / 0.1)} is 10.
     */
    static double floorDivide(double a, double b) {
        if (b == 0) {
            return a / b;
        }
        final double mod = a % b;   // Java's % of doubles is C's fmod (exact)
        double div = (a - mod) / b;
        if (mod != 0 && (b < 0) != (mod < 0)) {
            div -= 1;
        }
        if (div == 0) {
            return Math.copySign(0.0, a / b);
        }
        double floor = Math.floor(div);
        if (div - floor > 0.5) {
            floor += 1;
        }
        return floor;
    }

    /** @return x rounded toward 0 */
    private static double trunc(double x) {
        return x < 0 ? Math.ceil(x) : Math.floor(x);
    }

    /** PyTorch's (and Python's) remainder of floats: C's {@code fmod(a, b)}, plus b when its sign is not b's. */
    static double remainder(double a, double b) {
        double mod = a % b;
        if (mod != 0 && (b < 0) != (mod < 0)) {
            mod += b;
        }
        return mod;
    }

    /** Unary element-wise functions. */
    enum Fn { EXP, LOG, LOG1P, ABS, SQRT, SIN, COS }

    /**
     * PyTorch's type promotion on values: an operation whose result is float converts each tensor operand of another
     * dtype to the result's before it computes, so a float32 0.1 enters a float64 sum as 0.10000000149011612, a float16
     * one a float32 sum as 0.0999755859375, the int64 16777217 a float32 sum as 16777216. The bridge holds float32
     * (float16) values unrounded and computes in float64, so such an operand is read entry by entry as its own dtype
     * holds it, then as the result's dtype holds that ({@link #valuesAs}); an operand already of the result's dtype,
     * and a Python number (which has no dtype of its own), are read as stored.
     *
     * @param operands the operation's tensor operands (not a condition or an index)
     * @return the result's float dtype, or null when the result holds whole numbers (no operand is converted)
     */
    static DType promotion(Tensor... operands) {
        if (Tensor.wholeOf(operands) != null) {
            return null;
        }
        return java.util.Objects.requireNonNullElse(Tensor.floatOf(operands), DType.defaultFloat());
    }

    /**
     * @param t  an operand
     * @param to the float dtype the operation converts its operands to ({@link #promotion}), or null for none
     * @return t's entries (row-major, t's storage shape) as the operation reads them: t's own array when t is a Python
     *         number, of dtype {@code to}, or read exactly whatever it is converted to; else a converted copy
     */
    static double[] valuesAs(Tensor t, DType to) {
        if (to == null || t.pythonNumber) {
            return t.data.data;
        }
        final DType own = t.integral != null ? null : t.floatDtype();
        // float64 holds every value stored (whole numbers included); a dtype converted to itself is unchanged
        if (own == to || (to == DType.FLOAT64 && (own == null || own == DType.FLOAT64))) {
            return t.data.data;
        }
        return heldAs(t, to);
    }

    /**
     * @return a copy of t's entries, each as t's dtype holds it (a Python number as given), then as {@code to} holds
     *         that
     */
    private static double[] heldAs(Tensor t, DType to) {
        final int n = t.data.getNumElements();
        final double[] d = new double[n];
        final double[] s = t.data.data;
        for (int i = 0; i < n; i++) {
            d[i] = to.held(t.pythonNumber ? s[i] : t.held(s[i]));
        }
        return d;
    }

    /**
     * Labels a float result with its float dtype by PyTorch's promotion ({@link Tensor#floatOf}) unless the operation
     * labelled it, then records it when some input needs a gradient.
     */
    static Tensor record(Tensor out, String name, Node.Backward backward, Tensor... inputs) {
        if (out.integral == null && out.floating == null) {
            out.floating = Tensor.floatOf(inputs);
        }
        if (!Autograd.enabled()) {
            return out;
        }
        for (Tensor in : inputs) {
            if (in.needsGrad()) {
                out.node = new Node(name, inputs, backward);
                break;
            }
        }
        return out;
    }

    /**
     * Gives t's last recorded operation PyTorch 1.13's name for what the caller computed (a loss the bridge composes of
     * several operations prints {@code grad_fn=<MseLossBackward0>}, as PyTorch's; {@code 1 - x} {@code RsubBackward1}).
     *
     * @param t    a result just computed here (its node is its own)
     * @param name the backward's name, with PyTorch's overload digit
     * @return t
     */
    static Tensor named(Tensor t, String name) {
        if (t.node != null) {
            t.node = new Node(name, t.node.inputs, t.node.backward, t.node.saves || Node.saves(name));
        }
        return t;
    }

    /** @return dim made non-negative and checked against t's dimensions */
    static int dim(Tensor t, int dim) {
        final int n = t.shape.length;
        final int d = dim < 0 ? dim + n : dim;
        if (n == 0 || d < 0 || d >= n) {
            throw Errors.index("dimension " + dim + " is out of range for a tensor of shape " + Tensor.shapeText(t.shape));
        }
        return d;
    }

    /** Refuses a tensor of whole numbers where PyTorch computes on floats only (softmax of int64 is not implemented). */
    static void floatOnly(Tensor a, String what) {
        if (a.integral != null) {
            throw Errors.runtime(what + ": not implemented for " + a.integral + " (whole numbers); give a float tensor, "
                    + "e.g. t.float()");
        }
    }

    static void sameShape(Tensor a, Tensor b, String what) {
        if (!java.util.Arrays.equals(a.shape, b.shape)) {
            throw Errors.runtime(what + ": shapes " + Tensor.shapeText(a.shape) + " and " + Tensor.shapeText(b.shape)
                    + " differ");
        }
    }

    // ------------------------------------------------------------------ binary, broadcast

    /**
     * Checks that two tensors broadcast against each other.
     *
     * @param what the operation, for the message
     * @throws org.python.core.PyException a {@code RuntimeError} naming both shapes when they do not
     */
    static void broadcastShape(Tensor x, Tensor y, String what) {
        if (!java.util.Arrays.equals(x.shape, y.shape)
                && !(compatible(x.data.numRows, y.data.numRows) && compatible(x.data.numCols, y.data.numCols))) {
            throw Errors.runtime(what + ": shapes " + Tensor.shapeText(x.shape) + " and " + Tensor.shapeText(y.shape)
                    + " do not broadcast: sizes must match or be 1");
        }
    }

    private static boolean compatible(int a, int b) {
        return a == b || a == 1 || b == 1;
    }

    private static int broadcast(int a, int b, Tensor x, Tensor y) {
        if (a == b || b == 1) {
            return a;
        }
        if (a == 1) {
            return b;
        }
        throw Errors.runtime("shapes " + Tensor.shapeText(x.shape) + " and " + Tensor.shapeText(y.shape)
                + " do not broadcast: sizes must match or be 1");
    }

    static Tensor binary(Tensor a, Tensor b, Bin op) {
        final int ra = a.data.numRows, ca = a.data.numCols, rb = b.data.numRows, cb = b.data.numCols;
        final int r = broadcast(ra, rb, a, b), c = broadcast(ca, cb, a, b);
        final int dims = Math.max(a.shape.length, b.shape.length);
        final int[] shape = dims == 2 ? new int[] {r, c} : dims == 1 ? new int[] {c} : new int[0];
        final boolean bools = a.integral == DType.BOOL && b.integral == DType.BOOL;
        if (op == Bin.SUB && (a.integral == DType.BOOL || b.integral == DType.BOOL)) {
            throw Errors.runtime(bools ? "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or "
                    + "`logical_xor()` operator instead." : "Subtraction, the `-` operator, with a bool tensor is not supported. "
                    + "If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.");
        }
        final DMatrixRMaj out = new DMatrixRMaj(r, c);
        final DType to = promotion(a, b);
        // //, % and fmod jump where a quotient crosses a whole number: below float64 they take every operand (a Python
        // number too) as the result's dtype holds it, as PyTorch computes them (float32 1.0 % 0.1 is float32's
        // 0.099999986, not 0.1), where the others' float64 results differ from PyTorch's in the last bit at most
        final boolean held = to != null && to != DType.FLOAT64 && (op == Bin.FLOOR_DIV || op == Bin.MOD || op == Bin.FMOD);
        final double[] x = held ? heldAs(a, to) : valuesAs(a, to), y = held ? heldAs(b, to) : valuesAs(b, to), z = out.data;
        final boolean same = ra == rb && ca == cb;
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                final int k = i * c + j;
                final double u = same ? x[k] : x[(ra == 1 ? 0 : i) * ca + (ca == 1 ? 0 : j)];
                final double v = same ? y[k] : y[(rb == 1 ? 0 : i) * cb + (cb == 1 ? 0 : j)];
                switch (op) {
                    case ADD: z[k] = bools ? (u != 0 || v != 0 ? 1.0 : 0.0) : u + v; break; // bools: logical or
                    case SUB: z[k] = u - v; break;
                    case MUL: z[k] = u * v; break;
                    case FLOOR_DIV: z[k] = floorDivide(u, v); break;
                    case MOD: z[k] = remainder(u, v); break;
                    case FMOD: z[k] = u % v; break;
                    default: z[k] = u / v; break;
                }
                if ((op == Bin.FLOOR_DIV || op == Bin.MOD || op == Bin.FMOD) && v == 0 && a.integral != null
                        && b.integral != null) {
                    throw Errors.runtime("ZeroDivisionError (" + (op == Bin.MOD ? "%" : op == Bin.FMOD ? "fmod" : "//")
                            + " of whole numbers by 0)");
                }
            }
        }
        final String name = op == Bin.ADD ? "AddBackward0" : op == Bin.SUB ? "SubBackward0"
                : op == Bin.MUL ? "MulBackward0" : op == Bin.DIV ? "DivBackward0"
                // PyTorch's overloads: 0 for a number divisor, 1 for a tensor
                : op == Bin.MOD ? (b.pythonNumber ? "RemainderBackward0" : "RemainderBackward1")
                : op == Bin.FMOD ? (b.pythonNumber ? "FmodBackward0" : "FmodBackward1")
                : "NotImplemented";   // floor_divide: PyTorch records no derivative (its backward fails, as here)
        // bool + bool and bool * bool are bool (or, and), as PyTorch's: a product of masks still masks (x[m1 * m2])
        final DType whole = bools ? (op == Bin.ADD || op == Bin.MUL ? DType.BOOL : DType.INT64) : Tensor.wholeOf(a, b);
        final Tensor result = new Tensor(out, shape).label(op == Bin.DIV ? null : whole);
        return record(result, name, g -> {
            final DMatrixRMaj ga = a.needsGrad() ? new DMatrixRMaj(ra, ca) : null;
            final DMatrixRMaj gb = b.needsGrad() ? new DMatrixRMaj(rb, cb) : null;
            final double[] gd = g.data;
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < c; j++) {
                    final int k = i * c + j;
                    final int ka = (ra == 1 ? 0 : i) * ca + (ca == 1 ? 0 : j);
                    final int kb = (rb == 1 ? 0 : i) * cb + (cb == 1 ? 0 : j);
                    final double u = x[ka], v = y[kb], gk = gd[k];
                    switch (op) {
                        case ADD:
                            if (ga != null) ga.data[ka] += gk;
                            if (gb != null) gb.data[kb] += gk;
                            break;
                        case SUB:
                            if (ga != null) ga.data[ka] += gk;
                            if (gb != null) gb.data[kb] -= gk;
                            break;
                        case MUL:
                            if (ga != null) ga.data[ka] += gk * v;
                            if (gb != null) gb.data[kb] += gk * u;
                            break;
                        case MOD: // d/du = 1, d/dv = -(u // v), PyTorch's floor division
                            if (ga != null) ga.data[ka] += gk;
                            if (gb != null) gb.data[kb] -= gk * floorDivide(u, v);
                            break;
                        case FMOD: // d/du = 1, d/dv = -trunc(u / v)
                            if (ga != null) ga.data[ka] += gk;
                            if (gb != null) gb.data[kb] -= gk * trunc(u / v);
                            break;
                        case FLOOR_DIV:
                            throw Errors.runtime("the derivative for 'floor_divide' is not implemented (as in PyTorch)");
                        default: // -g ((u / v) / v), PyTorch 1.13's order (div_tensor_other_backward), finite where v * v would underflow
                            if (ga != null) ga.data[ka] += gk / v;
                            if (gb != null) gb.data[kb] -= gk * ((u / v) / v);
                            break;
                    }
                }
            }
            return new DMatrixRMaj[] {ga, gb};
        }, a, b);
    }

    // ------------------------------------------------------------------ unary

    /**
     * A standard deviation from its variance v: {@code sqrt(v)}, recorded with PyTorch 1.13's gradient
     * {@code g / (2 sqrt v)}, but 0 where v = 0 (all entries equal, or one entry with unbiased=False), where the
     * chain through sqrt would give infinity times 0.
     *
     * @param v variances
     * @return their square roots
     */
    static Tensor std(Tensor v) {
        final int n = v.numel();
        final DMatrixRMaj out = new DMatrixRMaj(v.data.numRows, v.data.numCols);
        for (int i = 0; i < n; i++) {
            out.data[i] = Math.sqrt(v.data.data[i]);
        }
        return record(new Tensor(out, v.shape.clone()), "StdBackward0", g -> {
            final DMatrixRMaj gv = new DMatrixRMaj(out.numRows, out.numCols);
            for (int i = 0; i < n; i++) {
                gv.data[i] = out.data[i] == 0 ? 0.0 : g.data[i] / (2.0 * out.data[i]);
            }
            return new DMatrixRMaj[] {gv};
        }, v);
    }

    static Tensor unary(Tensor a, Fn fn) {
        final int n = a.numel();
        final DMatrixRMaj out = new DMatrixRMaj(a.data.numRows, a.data.numCols);
        final double[] x = a.data.data, y = out.data;
        for (int i = 0; i < n; i++) {
            final double v = x[i];
            switch (fn) {
                case EXP: y[i] = Math.exp(v); break;
                case LOG: y[i] = Math.log(v); break;
                case LOG1P: y[i] = Math.log1p(v); break;
                case ABS: y[i] = Math.abs(v); break;
                case SIN: y[i] = Math.sin(v); break;
                case COS: y[i] = Math.cos(v); break;
                default: y[i] = Math.sqrt(v); break;
            }
        }
        // PyTorch 1.13's names: ExpBackward0, ..., Log1PBackward0 (a capital P)
        final String name = fn == Fn.LOG1P ? "Log1PBackward0"
                : fn.name().charAt(0) + fn.name().substring(1).toLowerCase(java.util.Locale.ROOT) + "Backward0";
        return record(new Tensor(out, a.shape.clone()), name, g -> {
            final DMatrixRMaj gx = new DMatrixRMaj(a.data.numRows, a.data.numCols);
            for (int i = 0; i < n; i++) {
                final double v = x[i], w = y[i], gi = g.data[i];
                final double d;
                switch (fn) {
                    case EXP: d = w; break;
                    case LOG: d = 1.0 / v; break;
                    case LOG1P: d = 1.0 / (1.0 + v); break;
                    case ABS: d = v > 0 ? 1.0 : v < 0 ? -1.0 : 0.0; break; // 0 at NaN too, as PyTorch's sgn
                    case SIN: d = Math.cos(v); break;
                    case COS: d = -Math.sin(v); break;
                    default: d = 0.5 / w; break;
                }
                gx.data[i] = gi * d;
            }
            return new DMatrixRMaj[] {gx};
        }, a);
    }

    /**
     * Applies an engine activation ({@code f}, {@code f'}) element-wise, recorded: every activation of the
     * bridge goes through here (see {@link Functional}).
     *
     * @param name the autograd node's name, e.g. {@code ReluBackward}
     */
    static Tensor activation(Tensor a, Activation act, String name) {
        final int n = a.numel();
        final DMatrixRMaj out = new DMatrixRMaj(a.data.numRows, a.data.numCols);
        for (int i = 0; i < n; i++) {
            out.data[i] = act.apply(a.data.data[i]);
        }
        return record(new Tensor(out, a.shape.clone()), name, g -> {
            final DMatrixRMaj gx = new DMatrixRMaj(a.data.numRows, a.data.numCols);
            for (int i = 0; i < n; i++) {
                gx.data[i] = g.data[i] * act.derivative(a.data.data[i], out.data[i]);
            }
            return new DMatrixRMaj[] {gx};
        }, a);
    }

    static Tensor pow(Tensor a, double p) {
        final int n = a.numel();
        final DMatrixRMaj out = new DMatrixRMaj(a.data.numRows, a.data.numCols);
        final double[] x = a.data.data;
        for (int i = 0; i < n; i++) {
            // PyTorch's kernel: x^0.5 is sqrt(x) and x^-0.5 is 1 / sqrt(x) (NaN at -inf, where Java's pow gives inf)
            out.data[i] = p == 2.0 ? x[i] * x[i] : p == 0.5 ? Math.sqrt(x[i]) : p == -0.5 ? 1 / Math.sqrt(x[i]) : Math.pow(x[i], p);
        }
        return record(new Tensor(out, a.shape.clone()), "PowBackward0", g -> {
            final DMatrixRMaj gx = new DMatrixRMaj(a.data.numRows, a.data.numCols);
            for (int i = 0; i < n; i++) {
                final double d = p == 2.0 ? 2.0 * x[i] : p == 1.0 ? 1.0 : p == 0.0 ? 0.0 : p == 0.5 ? 0.5 / Math.sqrt(x[i])
                        : p * Math.pow(x[i], p - 1.0);
                gx.data[i] = g.data[i] * d;
            }
            return new DMatrixRMaj[] {gx};
        }, a);
    }

    static Tensor clamp(Tensor a, double lo, double hi) {
        final int n = a.numel();
        final DMatrixRMaj out = new DMatrixRMaj(a.data.numRows, a.data.numCols);
        final double[] x = a.data.data;
        for (int i = 0; i < n; i++) {
            out.data[i] = Math.min(Math.max(x[i], lo), hi);
        }
        return record(new Tensor(out, a.shape.clone()).label(a.integral), "ClampBackward1", g -> {
            final DMatrixRMaj gx = new DMatrixRMaj(a.data.numRows, a.data.numCols);
            for (int i = 0; i < n; i++) {
                gx.data[i] = x[i] >= lo && x[i] <= hi ? g.data[i] : 0.0;
            }
            return new DMatrixRMaj[] {gx};
        }, a);
    }

    /**
     * @param kind 1: &gt;, -1: &lt;, 2: &gt;=, -2: &lt;=, 0: ==, 3: !=; a and b broadcast as in {@link #binary}. Each
     *             entry is compared as its tensor's dtype holds it ({@link Tensor#held}: a float32 tensor's float32
     *             value, not the float64 one it is computed in), converted to the float dtype PyTorch's promotion gives
     *             the pair ({@link Tensor#floatOf}) unless both hold whole numbers: a float32 0.1 is not a float64 0.1,
     *             and is the Python float 0.1 (a 0-d operand takes the other's float32)
     */
    static Tensor compare(Tensor a, Tensor b, int kind) {
        final int ra = a.data.numRows, ca = a.data.numCols, rb = b.data.numRows, cb = b.data.numCols;
        final int r = broadcast(ra, rb, a, b), c = broadcast(ca, cb, a, b);
        final int dims = Math.max(a.shape.length, b.shape.length);
        final int[] shape = dims == 2 ? new int[] {r, c} : dims == 1 ? new int[] {c} : new int[0];
        final DMatrixRMaj out = new DMatrixRMaj(r, c);
        // a Python number has no dtype of its own: the pair's is the tensor's (or the default, against whole numbers)
        final DType promoted = a.integral != null && b.integral != null ? null
                : java.util.Objects.requireNonNullElse(b.pythonNumber ? Tensor.floatOf(a) : a.pythonNumber
                        ? Tensor.floatOf(b) : Tensor.floatOf(a, b), DType.defaultFloat());
        // float64 throughout: the values as stored (held is the identity)
        final boolean held = promoted != null && (promoted != DType.FLOAT64 || roundsBelow64(a) || roundsBelow64(b));
        final double[] xs = held ? heldAs(a, promoted) : a.data.data, vs = held ? heldAs(b, promoted) : b.data.data;
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                final double x = xs[(ra == 1 ? 0 : i) * ca + (ca == 1 ? 0 : j)];
                final double v = vs[(rb == 1 ? 0 : i) * cb + (cb == 1 ? 0 : j)];
                final boolean t = kind == 1 ? x > v : kind == -1 ? x < v : kind == 2 ? x >= v : kind == -2 ? x <= v
                        : kind == 0 ? x == v : x != v;
                out.data[i * c + j] = t ? 1.0 : 0.0;
            }
        }
        return new Tensor(out, shape).label(DType.BOOL);
    }

    /** @return whether t's entries leave it rounded below float64 (a float32 or float16 tensor, not a Python number) */
    private static boolean roundsBelow64(Tensor t) {
        return t.integral == null && !t.pythonNumber && t.floatDtype() != DType.FLOAT64;
    }

    /**
     * Advanced indexing with two index lists, as PyTorch's {@code t[rows, cols]}: entries
     * {@code t[rows[k], cols[k]]} (1-d); backward adds g[k] into position (rows[k], cols[k]).
     */
    static Tensor gather(Tensor a, int[] rows, int[] cols) {
        if (rows.length != cols.length) {
            throw Errors.index("index lists of lengths " + rows.length + " and " + cols.length
                    + " do not pair up (they must have the same length)");
        }
        final int c = a.data.numCols, n = rows.length;
        final DMatrixRMaj out = new DMatrixRMaj(1, n);
        for (int k = 0; k < n; k++) {
            out.data[k] = a.data.data[rows[k] * c + cols[k]];
        }
        return record(new Tensor(out, new int[] {n}).label(a.integral), "IndexBackward0", g -> {
            final DMatrixRMaj gx = new DMatrixRMaj(a.data.numRows, c);
            for (int k = 0; k < n; k++) {
                gx.data[rows[k] * c + cols[k]] += g.data[k];
            }
            return new DMatrixRMaj[] {gx};
        }, a);
    }

    // ------------------------------------------------------------------ reductions

    static Tensor sumAll(Tensor a, boolean mean) {
        final int n = a.numel();
        double s = 0.0;
        for (int i = 0; i < n; i++) {
            s += a.data.data[i];
        }
        final Tensor out = Tensor.scalar(mean ? s / n : s).label(mean ? null : a.sumWhole());
        return record(out, mean ? "MeanBackward0" : "SumBackward0", g -> {
            final DMatrixRMaj gx = new DMatrixRMaj(a.data.numRows, a.data.numCols);
            java.util.Arrays.fill(gx.data, 0, n, mean ? g.data[0] / n : g.data[0]);
            return new DMatrixRMaj[] {gx};
        }, a);
    }

    /**
     * Lines of a tensor along a dimension: {@code count} lines of {@code len} entries; entry k of line l
     * is at {@code l * lineStep + k * step} of the storage.
     */
    static final class Lines {
        final int count, len, lineStep, step;
        final int[] reducedShape;

        Lines(Tensor t, int dim) {
            final int d = Ops.dim(t, dim);
            final int r = t.data.numRows, c = t.data.numCols;
            if (t.shape.length == 1) {
                count = 1; len = c; lineStep = 0; step = 1; reducedShape = new int[0];
            } else if (d == 1) {
                count = r; len = c; lineStep = c; step = 1; reducedShape = new int[] {r};
            } else {
                count = c; len = r; lineStep = 1; step = c; reducedShape = new int[] {c};
            }
        }

        int at(int l, int k) {
            return l * lineStep + k * step;
        }

        DMatrixRMaj reduced() {
            return new DMatrixRMaj(1, count);
        }
    }

    static Tensor sum(Tensor a, int dim, boolean mean) {
        final Lines ln = new Lines(a, dim);
        final DMatrixRMaj out = ln.reduced();
        final double[] x = a.data.data;
        for (int l = 0; l < ln.count; l++) {
            double s = 0.0;
            for (int k = 0; k < ln.len; k++) {
                s += x[ln.at(l, k)];
            }
            out.data[l] = mean ? s / ln.len : s;
        }
        return record(new Tensor(out, ln.reducedShape).label(mean ? null : a.sumWhole()), mean ? "MeanBackward1" : "SumBackward1", g -> {
            final DMatrixRMaj gx = new DMatrixRMaj(a.data.numRows, a.data.numCols);
            for (int l = 0; l < ln.count; l++) {
                final double gl = mean ? g.data[l] / ln.len : g.data[l];
                for (int k = 0; k < ln.len; k++) {
                    gx.data[ln.at(l, k)] = gl;
                }
            }
            return new DMatrixRMaj[] {gx};
        }, a);
    }

    /** @return the largest entry of line l (NaN when one is NaN; -inf for an empty line) */
    private static double lineMax(double[] x, Lines ln, int l) {
        double m = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < ln.len; k++) {
            m = Math.max(m, x[ln.at(l, k)]);
        }
        return m;
    }

    private static double lineLse(double[] x, Lines ln, int l) {
        final double m = lineMax(x, ln, l);
        if (Double.isInfinite(m)) {
            return m;
        }
        double s = 0.0;
        for (int k = 0; k < ln.len; k++) {
            s += Math.exp(x[ln.at(l, k)] - m);
        }
        return m + Math.log(s);
    }

    static Tensor softmax(Tensor a, int dim) {
        floatOnly(a, "softmax");
        final Lines ln = new Lines(a, dim);
        final DMatrixRMaj out = new DMatrixRMaj(a.data.numRows, a.data.numCols);
        final double[] x = a.data.data, y = out.data;
        for (int l = 0; l < ln.count; l++) {
            final double m = lineMax(x, ln, l);
            double s = 0.0;
            for (int k = 0; k < ln.len; k++) {
                final double e = Math.exp(x[ln.at(l, k)] - m);
                y[ln.at(l, k)] = e;
                s += e;
            }
            for (int k = 0; k < ln.len; k++) {
                y[ln.at(l, k)] /= s;
            }
        }
        return record(new Tensor(out, a.shape.clone()), "SoftmaxBackward0", g -> {
            final DMatrixRMaj gx = new DMatrixRMaj(a.data.numRows, a.data.numCols);
            for (int l = 0; l < ln.count; l++) {
                double dot = 0.0;
                for (int k = 0; k < ln.len; k++) {
                    dot += g.data[ln.at(l, k)] * y[ln.at(l, k)];
                }
                for (int k = 0; k < ln.len; k++) {
                    final int i = ln.at(l, k);
                    gx.data[i] = y[i] * (g.data[i] - dot);
                }
            }
            return new DMatrixRMaj[] {gx};
        }, a);
    }

    static Tensor logSoftmax(Tensor a, int dim) {
        floatOnly(a, "log_softmax");
        final Lines ln = new Lines(a, dim);
        final DMatrixRMaj out = new DMatrixRMaj(a.data.numRows, a.data.numCols);
        final double[] x = a.data.data, y = out.data;
        for (int l = 0; l < ln.count; l++) {
            // PyTorch's (x - m) - log(sum exp(x - m)), m the line's maximum: an infinite m makes x - m NaN for x = m (or
            // every x, m = -inf), and so the sum and the whole line NaN, where x - logsumexp(x) gave -inf beside a NaN
            final double m = lineMax(x, ln, l);
            double s = 0.0;
            for (int k = 0; k < ln.len; k++) {
                s += Math.exp(x[ln.at(l, k)] - m);
            }
            final double logS = Double.isInfinite(m) ? Double.NaN : Math.log(s);
            for (int k = 0; k < ln.len; k++) {
                y[ln.at(l, k)] = (x[ln.at(l, k)] - m) - logS;
            }
        }
        return record(new Tensor(out, a.shape.clone()), "LogSoftmaxBackward0", g -> {
            final DMatrixRMaj gx = new DMatrixRMaj(a.data.numRows, a.data.numCols);
            for (int l = 0; l < ln.count; l++) {
                double s = 0.0;
                for (int k = 0; k < ln.len; k++) {
                    s += g.data[ln.at(l, k)];
                }
                for (int k = 0; k < ln.len; k++) {
                    final int i = ln.at(l, k);
                    gx.data[i] = g.data[i] - Math.exp(y[i]) * s;
                }
            }
            return new DMatrixRMaj[] {gx};
        }, a);
    }

    static Tensor logSumExp(Tensor a, int dim) {
        final Lines ln = new Lines(a, dim);
        final DMatrixRMaj out = ln.reduced();
        final double[] x = a.data.data;
        for (int l = 0; l < ln.count; l++) {
            out.data[l] = lineLse(x, ln, l);
        }
        return record(new Tensor(out, ln.reducedShape), "LogsumexpBackward0", g -> {
            final DMatrixRMaj gx = new DMatrixRMaj(a.data.numRows, a.data.numCols);
            for (int l = 0; l < ln.count; l++) {
                for (int k = 0; k < ln.len; k++) {
                    final int i = ln.at(l, k);
                    gx.data[i] = g.data[l] * Math.exp(x[i] - out.data[l]);
                }
            }
            return new DMatrixRMaj[] {gx};
        }, a);
    }

    static Tensor norm(Tensor a) {
        final int n = a.numel();
        double s = 0.0;
        for (int i = 0; i < n; i++) {
            s += a.data.data[i] * a.data.data[i];
        }
        final double norm = Math.sqrt(s);
        return record(Tensor.scalar(norm), "NormBackward1", g -> {
            final DMatrixRMaj gx = new DMatrixRMaj(a.data.numRows, a.data.numCols);
            for (int i = 0; i < n; i++) {
                gx.data[i] = norm == 0 ? 0.0 : g.data[0] * a.data.data[i] / norm;
            }
            return new DMatrixRMaj[] {gx};
        }, a);
    }

    /**
     * The p-th roots of sums of |x|^p, for a norm along a dim: {@code s^(1/p)}, recorded with gradient
     * {@code g s^(1/p - 1) / p}, but 0 where s = 0, as PyTorch's norm_backward gives a norm of 0 (a row of zeros gets
     * gradient 0, not infinity times 0).
     *
     * @param s non-negative sums
     * @param p the norm's p
     * @return their p-th roots
     */
    static Tensor root(Tensor s, double p) {
        final int n = s.numel();
        final DMatrixRMaj out = new DMatrixRMaj(s.data.numRows, s.data.numCols);
        for (int i = 0; i < n; i++) {
            out.data[i] = Math.pow(s.data.data[i], 1.0 / p);
        }
        return record(new Tensor(out, s.shape.clone()), "NormBackward1", g -> {
            final DMatrixRMaj gs = new DMatrixRMaj(out.numRows, out.numCols);
            for (int i = 0; i < n; i++) {
                final double v = s.data.data[i];
                gs.data[i] = v == 0 ? 0.0 : g.data[i] * out.data[i] / (p * v);
            }
            return new DMatrixRMaj[] {gs};
        }, s);
    }

    // ------------------------------------------------------------------ shapes

    static int[] resolve(Tensor a, int[] sizes) {
        if (sizes.length > 2) {
            throw Errors.value("tensors here have at most 2 dimensions, got sizes " + java.util.Arrays.toString(sizes));
        }
        final int[] s = sizes.clone();
        int known = 1, free = -1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1 && free < 0) {
                free = i;
            } else {
                known *= s[i];
            }
        }
        if (free >= 0 && known > 0 && a.numel() % known == 0) {
            s[free] = a.numel() / known;
            known *= s[free];
        }
        if (known != a.numel()) {
            throw Errors.runtime("cannot reshape a tensor of shape " + Tensor.shapeText(a.shape) + " ("
                    + a.numel() + " entries) to " + java.util.Arrays.toString(sizes));
        }
        return s;
    }

    static Tensor reshape(Tensor a, int[] shape, String name) {
        final int r = shape.length == 2 ? shape[0] : 1;
        final int c = shape.length == 2 ? shape[1] : shape.length == 1 ? shape[0] : 1;
        final DMatrixRMaj out = new DMatrixRMaj(r, c);
        System.arraycopy(a.data.data, 0, out.data, 0, a.numel());
        return record(new Tensor(out, shape).label(a.integral), name, g -> {
            final DMatrixRMaj gx = new DMatrixRMaj(a.data.numRows, a.data.numCols);
            System.arraycopy(g.data, 0, gx.data, 0, a.numel());
            return new DMatrixRMaj[] {gx};
        }, a);
    }

    static Tensor unsqueeze(Tensor a, int dim) {
        final int n = a.shape.length;
        final int d = dim < 0 ? dim + n + 1 : dim;
        if (d < 0 || d > n) {
            throw Errors.index("unsqueeze: dimension " + dim + " is out of range for a tensor of shape " + Tensor.shapeText(a.shape)
                    + " (expected one in [" + (-n - 1) + ", " + n + "])");
        }
        if (n >= 2) {
            throw Errors.value("unsqueeze(" + dim + ") on a tensor of shape " + Tensor.shapeText(a.shape)
                    + ": tensors here have at most 2 dimensions");
        }
        final int[] s = new int[n + 1];
        for (int i = 0, j = 0; i <= n; i++) {
            s[i] = i == d ? 1 : a.shape[j++];
        }
        return reshape(a, s, "UnsqueezeBackward0");
    }

    static Tensor squeeze(Tensor a) {
        final int[] s = java.util.Arrays.stream(a.shape).filter(v -> v != 1).toArray();
        return reshape(a, s, "SqueezeBackward0");
    }

    static Tensor transpose(Tensor a) {
        if (a.shape.length < 2) {
            return reshape(a, a.shape.clone(), "TBackward0");
        }
        final DMatrixRMaj out = new DMatrixRMaj(a.data.numCols, a.data.numRows);
        CommonOps_DDRM.transpose(a.data, out);
        return record(Tensor.matrix(out).label(a.integral), "TBackward0", g -> {
            final DMatrixRMaj gx = new DMatrixRMaj(a.data.numRows, a.data.numCols);
            CommonOps_DDRM.transpose(g, gx);
            return new DMatrixRMaj[] {gx};
        }, a);
    }

    static Tensor rows(Tensor a, int[] rows) {
        if (a.shape.length == 0) {
            throw Errors.index("a 0-d tensor cannot be indexed");
        }
        final int n = a.shape[0];
        final int c = a.shape.length == 2 ? a.shape[1] : 1;
        final int[] idx = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            idx[i] = rows[i] < 0 ? rows[i] + n : rows[i];
            if (idx[i] < 0 || idx[i] >= n) {
                throw Errors.index("index " + rows[i] + " is out of range for a tensor of shape " + Tensor.shapeText(a.shape));
            }
        }
        final int[] shape = a.shape.length == 2 ? new int[] {idx.length, c} : new int[] {idx.length};
        final DMatrixRMaj out = a.shape.length == 2 ? new DMatrixRMaj(idx.length, c) : new DMatrixRMaj(1, idx.length);
        for (int i = 0; i < idx.length; i++) {
            System.arraycopy(a.data.data, idx[i] * c, out.data, i * c, c);
        }
        return record(new Tensor(out, shape).label(a.integral), "IndexBackward0", g -> {
            final DMatrixRMaj gx = new DMatrixRMaj(a.data.numRows, a.data.numCols);
            for (int i = 0; i < idx.length; i++) {
                for (int j = 0; j < c; j++) {
                    gx.data[idx[i] * c + j] += g.data[i * c + j];
                }
            }
            return new DMatrixRMaj[] {gx};
        }, a);
    }

    static Tensor columns(Tensor a, int[] cols) {
        final int n = a.data.numRows, c = a.data.numCols, k = cols.length;
        final DMatrixRMaj out = new DMatrixRMaj(n, k);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                out.data[i * k + j] = a.data.data[i * c + cols[j]];
            }
        }
        return record(Tensor.of(out, new int[] {n, k}).label(a.integral), "IndexBackward0", g -> {
            final DMatrixRMaj gx = new DMatrixRMaj(n, c);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < k; j++) {
                    gx.data[i * c + cols[j]] += g.data[i * k + j];
                }
            }
            return new DMatrixRMaj[] {gx};
        }, a);
    }

    static Tensor mm(Tensor a, Tensor b) {
        if (a.shape.length != 2 || b.shape.length != 2 || a.shape[1] != b.shape[0]) {
            throw Errors.runtime("mm: cannot multiply shapes " + Tensor.shapeText(a.shape) + " and "
                    + Tensor.shapeText(b.shape) + " (need (n, k) and (k, m))");
        }
        if ((a.integral == null) != (b.integral == null)) {
            throw Errors.runtime("mm: expected both tensors of one dtype, got " + a.getDtype() + " and " + b.getDtype()
                    + " (PyTorch does not mix whole numbers and floats in a product; give t.float())");
        }
        a.sameFloatDtype(b, (x, y) -> "expected scalar type " + x + " but found " + y + " (mm of torch."
                + a.floatDtype().getName() + " and torch." + b.floatDtype().getName() + "; give both one dtype, e.g. "
                + "t.float() or t.double())");
        final DMatrixRMaj out = new DMatrixRMaj(a.shape[0], b.shape[1]);
        CommonOps_DDRM.mult(a.data, b.data, out);
        return record(Tensor.matrix(out), "MmBackward0", g -> {
            DMatrixRMaj ga = null, gb = null;
            if (a.needsGrad()) {
                ga = new DMatrixRMaj(a.data.numRows, a.data.numCols);
                CommonOps_DDRM.multTransB(g, b.data, ga);
            }
            if (b.needsGrad()) {
                gb = new DMatrixRMaj(b.data.numRows, b.data.numCols);
                CommonOps_DDRM.multTransA(a.data, g, gb);
            }
            return new DMatrixRMaj[] {ga, gb};
        }, a, b);
    }
}

package neuralglm.jython;

import java.util.Iterator;
import java.util.NoSuchElementException;

import org.ejml.data.DMatrixRMaj;
import org.python.core.Py;
import org.python.core.PyInteger;
import org.python.core.PyObject;
import org.python.core.PyTuple;

/**
 * A tensor of 0, 1 or 2 dimensions over a row-major {@link DMatrixRMaj} (a 1-d tensor of n entries
 * is stored as 1 x n, a 0-d one as 1 x 1), which remembers the operation that computed it.
 *
 * <pre>
 *   y = f(x_1, ..., x_m)  records  dL/dx_i = (df/dx_i)^T dL/dy
 *   t.backward(g)         runs these from t (with dL/dt = g) back to the leaves and adds into .grad
 * </pre>
 * A float32 (or float16) tensor is computed in float64; its values leave it as its dtype holds them ({@link #held}):
 * {@code item()}, {@code tolist()}, {@code float(t)}, {@code '{:.4f}'.format(t)}, {@link #toArray()} and printing give
 * the float32 values, as PyTorch's. Arithmetic ({@code + - * /}, numbers on either side, ** with a number exponent)
 * broadcasts as PyTorch does for up to two dimensions: sizes must match or be 1. A module call ({@code net(X)})
 * records the engine layer's own backward. Python-facing; see {@link Torch} for factories.
 */
public class Tensor implements Iterable<Object> {

    final DMatrixRMaj data;
    final int[] shape;
    /** This tensor's one Python object ({@link TensorIdentity}), made when it first crosses into Python. */
    transient org.python.core.PyObject python;
    boolean requiresGrad;
    /** Whether backward keeps this non-leaf's gradient ({@link #retain_grad()}). */
    boolean retainsGrad;
    /** Storage of a leaf's accumulated gradient; null until needed (a parameter's is the engine's, from the start). */
    DMatrixRMaj gradStore;
    /**
     * Whether {@code .grad} is a tensor (the store's values) rather than None: false until a backward reaches this
     * leaf, and again after {@code zero_grad(set_to_none=True)} or {@code t.grad = None}, as in PyTorch. While
     * false, the store (if any) holds zeros.
     */
    boolean gradDefined;
    /** How this tensor was computed; null for a leaf. */
    Node node;
    /**
     * The whole-number dtype this tensor stands for ({@link DType#INT64}, {@link DType#INT32} or
     * {@link DType#BOOL}), or null for a float tensor. Only a label: the values are float64 either way;
     * it makes {@code item()}, {@code tolist()}, printing and {@code dtype} answer as PyTorch does for
     * class indices, counts and comparisons. See {@link #wholeOf}.
     */
    DType integral;
    /**
     * The float dtype a float tensor stands for ({@link DType#FLOAT32}, {@link DType#FLOAT64} or
     * {@link DType#FLOAT16}), or null for the default dtype ({@link DType#defaultFloat()}). Only a label, as
     * {@link #integral}: the values are float64 either way, rounded to it where they leave the tensor ({@link #held});
     * results take it by PyTorch's type promotion ({@link #floatOf}), and a product of two float dtypes (mm, matmul, a
     * Linear layer) is refused, as PyTorch's.
     */
    DType floating;
    /**
     * Whether this 0-d tensor stands for a Python number operand ({@link #operand}): PyTorch's "wrapped number", which
     * has no dtype of its own (its value is the Python float's, and it takes the tensor operand's dtype).
     */
    boolean pythonNumber;

    Tensor(DMatrixRMaj data, int[] shape) {
        this.data = data;
        this.shape = shape;
    }

    private Tensor(Tensor values) {
        this(values.data.copy(), values.shape.clone());
    }

    /**
     * {@code torch.Tensor(data)}, PyTorch's legacy constructor: a float tensor with a copy of the values (a
     * list, nested list or tensor; whole numbers become floats).
     *
     * @param data the values
     */
    public Tensor(PyObject data) {
        this(Convert.toTensor(data, "torch.Tensor"));
    }

    /** @param n size @see #Tensor(int, int) */
    public Tensor(int n) {
        this(new DMatrixRMaj(1, checkedSize(n)), new int[] {n});
    }

    /**
     * {@code torch.Tensor(rows, cols)}: a float tensor of that shape, of zeros (PyTorch's holds whatever was in memory).
     *
     * @param rows rows
     * @param cols columns
     */
    public Tensor(int rows, int cols) {
        this(new DMatrixRMaj(checkedSize(rows), checkedSize(cols)), new int[] {rows, cols});
    }

    private static int checkedSize(int n) {
        if (n < 0) {
            throw Errors.runtime("torch.Tensor: a size must be >= 0, got " + n);
        }
        return n;
    }

    // ------------------------------------------------------------------ construction (Java side)

    /** @return a 0-d tensor */
    static Tensor scalar(double v) {
        return new Tensor(new DMatrixRMaj(1, 1, true, v), new int[0]);
    }

    /** @return a 1-d tensor over d (not copied) */
    static Tensor vector(double[] d) {
        return new Tensor(DMatrixRMaj.wrap(1, d.length, d), new int[] {d.length});
    }

    /** @return a 2-d tensor over m (not copied) */
    static Tensor matrix(DMatrixRMaj m) {
        return new Tensor(m, new int[] {m.numRows, m.numCols});
    }

    /**
     * @param m     storage with {@code shape}'s element count. Not copied.
     * @param shape 0 to 2 sizes
     * @return a tensor of that shape over m
     */
    static Tensor of(DMatrixRMaj m, int[] shape) {
        return new Tensor(m, shape);
    }

    /**
     * The whole-number label of a result, as PyTorch's type promotion gives it for the operations here:
     * whole numbers combined with whole numbers (not divided) stay whole, anything with a float is float.
     *
     * @param inputs the operands
     * @return {@link DType#INT64} when every operand is a whole-number tensor, else null
     */
    static DType wholeOf(Tensor... inputs) {
        DType dimensioned = null, zeroDim = null;
        for (Tensor t : inputs) {
            if (t.integral == null) {
                return null;
            }
            if (t.shape.length > 0) {
                dimensioned = wider(dimensioned, t.integral);
            } else {
                zeroDim = wider(zeroDim, t.integral);
            }
        }
        // PyTorch's promotion: the tensors with dimensions decide (int32 + 1 is int32); a 0-d operand (a Python int
        // is an int64 0-d tensor) only where it is of a higher category (bool tensor + 1 is int64)
        if (dimensioned == null) {
            return zeroDim == null ? DType.INT64 : zeroDim;
        }
        return dimensioned == DType.BOOL && zeroDim != null && zeroDim != DType.BOOL ? zeroDim : dimensioned;
    }

    /** @return the wider of two whole-number labels (bool &lt; int32 &lt; int64); null is narrowest */
    private static DType wider(DType a, DType b) {
        if (a == null) {
            return b;
        }
        return rank(b) > rank(a) ? b : a;
    }

    private static int rank(DType d) {
        return d == DType.BOOL ? 0 : d == DType.INT32 ? 1 : 2;
    }

    /** @return the label of a unary operation's result (-t, abs, t ** n): the whole-number dtype, a bool's as int64 */
    DType unaryWhole() {
        return integral == null ? null : integral == DType.BOOL ? DType.INT64 : integral;
    }

    /** @return the label of a sum of these entries: int64 for any whole numbers (bool and int32 too), as PyTorch's */
    DType sumWhole() {
        return integral == null ? null : DType.INT64;
    }

    /** @return whether a number from Jython was a Python int (not a float) */
    static boolean isPythonInt(Object n) {
        return n instanceof Integer || n instanceof Long || n instanceof java.math.BigInteger;
    }

    /**
     * @param label a whole-number dtype, or null
     * @return this tensor, labelled
     */
    Tensor label(DType label) {
        integral = label;
        return this;
    }

    /**
     * @param source a tensor
     * @return this tensor, labelled with source's dtype (whole-number or float)
     */
    Tensor labelLike(Tensor source) {
        integral = source.integral;
        floating = source.floating;
        return this;
    }

    /** @return the float dtype of this tensor (of its values as a float tensor, for a whole-number one) */
    DType floatDtype() {
        return floating != null ? floating : DType.defaultFloat();
    }

    /**
     * The float dtype of a float result, as PyTorch's type promotion gives it: the widest of the float operands
     * that have dimensions, else of the 0-d ones (a float32 tensor times a 0-d float64 tensor or a Python float is
     * float32); whole-number operands do not count, and a result of whole numbers only (a division) has the default.
     *
     * @param inputs the operands
     * @return the dtype, or null for the default one (when no operand names another)
     */
    static DType floatOf(Tensor... inputs) {
        for (int tier = 1; tier >= 0; tier--) {
            boolean any = false, named = false;
            DType widest = null;
            for (Tensor t : inputs) {
                if (t.integral == null && (t.shape.length > 0 ? 1 : 0) == tier) {
                    any = true;
                    named |= t.floating != null;
                    widest = widest == null ? t.floatDtype() : DType.wider(widest, t.floatDtype());
                }
            }
            if (any) {
                return named ? widest : null;
            }
        }
        return null;
    }

    /**
     * Refuses a product of float tensors of two dtypes, as PyTorch's mm, matmul and Linear do.
     *
     * @param other   the other factor
     * @param message PyTorch's message, given this tensor's and other's scalar type names ({@code Float}, {@code Double})
     * @throws org.python.core.PyException a {@code RuntimeError} when both are float tensors of different dtypes
     */
    void sameFloatDtype(Tensor other, java.util.function.BinaryOperator<String> message) {
        if (integral == null && other.integral == null && floatDtype() != other.floatDtype()) {
            throw Errors.runtime(message.apply(floatDtype().scalarName(), other.floatDtype().scalarName()));
        }
    }

    /** @return whether a backward pass must reach this tensor */
    boolean needsGrad() {
        return requiresGrad || node != null;
    }

    /** Adds g into the leaf gradient (a None gradient becomes g). */
    void accumulateGrad(DMatrixRMaj g) {
        final boolean fresh = !gradDefined;   // a None gradient takes g itself, as PyTorch's (a -0.0 stays -0.0)
        startGrad();
        final double[] s = gradStore.data, d = g.data;
        for (int i = 0; i < data.getNumElements(); i++) {
            s[i] = fresh ? d[i] : s[i] + d[i];
        }
    }

    /** Makes a None gradient a tensor of zeros, to be added into; a gradient already there is kept. */
    void startGrad() {
        if (gradStore == null) {
            gradStore = new DMatrixRMaj(data.numRows, data.numCols);
        } else if (!gradDefined) {
            java.util.Arrays.fill(gradStore.data, 0, numel(), 0.0);
        }
        gradDefined = true;
    }

    /**
     * {@code zero_grad} for this leaf: zeroes its gradient, or makes it None ({@code set_to_none=True}); a None
     * gradient stays None.
     *
     * @param setToNone whether {@code .grad} becomes None
     */
    void zeroGrad(boolean setToNone) {
        if (gradStore != null) {
            java.util.Arrays.fill(gradStore.data, 0, numel(), 0.0);
        }
        if (setToNone) {
            gradDefined = false;
        }
    }

    /** @return e.g. {@code (400, 1)}, {@code (3,)} or {@code ()} */
    static String shapeText(int[] shape) {
        switch (shape.length) {
            case 0: return "()";
            case 1: return "(" + shape[0] + ",)";
            default: return "(" + shape[0] + ", " + shape[1] + ")";
        }
    }

    /** @return the underlying matrix (shared, not copied), for Java callers: the values as stored (see {@link #toArray}) */
    public DMatrixRMaj matrix() {
        return data;
    }

    // ------------------------------------------------------------------ attributes

    /** The Python type of {@code t.shape} (torch.Size, a tuple), once scripts/lib/torch has named it; else tuple. */
    private static volatile PyObject sizeType;

    /**
     * Called by scripts/lib/torch: {@code t.shape} and {@code t.size()} are then made by this type from a
     * tuple, so that they print as PyTorch's {@code torch.Size([400, 1])}.
     *
     * @param type a subclass of tuple, or None for plain tuples
     */
    public static void use_size_type(PyObject type) {
        sizeType = type == Py.None ? null : type;
    }

    /** @return the sizes, a tuple such as {@code torch.Size([400, 1])} ({@code t.shape}) */
    public PyObject getShape() {
        final PyObject[] s = new PyObject[shape.length];
        for (int i = 0; i < shape.length; i++) {
            s[i] = new PyInteger(shape[i]);
        }
        final PyTuple tuple = new PyTuple(s);
        final PyObject type = sizeType;
        return type == null ? tuple : type.__call__(tuple);
    }

    /** @return the sizes, as {@link #getShape()} */
    public PyObject size() {
        return getShape();
    }

    /**
     * @param dim a dimension (negative counts from the end)
     * @return its size
     */
    public int size(int dim) {
        return shape[Ops.dim(this, dim)];
    }

    /** @return the number of dimensions, 0 to 2 */
    public int dim() {
        return shape.length;
    }

    /** @return the number of entries */
    public int numel() {
        return data.getNumElements();
    }

    /**
     * PyTorch's {@code t.retain_grad()}: a tensor computed by recorded operations keeps the gradient backward passes
     * through it, in {@code .grad} (added up over backward passes, as a leaf's); on a leaf, which keeps its gradient
     * anyway, nothing changes.
     *
     * @throws org.python.core.PyException PyTorch's RuntimeError for a tensor that does not require grad
     */
    public void retain_grad() {
        if (!needsGrad()) {
            throw Errors.runtime("can't retain_grad on Tensor that has requires_grad=False");
        }
        if (node != null) {
            retainsGrad = true;
        }
    }

    /** The functions {@link #register_hook} added, called in order on the gradient reaching this tensor. */
    transient java.util.List<org.python.core.PyObject> hooks;

    /**
     * {@code t.register_hook(fn)}: during every backward, {@code fn(grad)} is called with the gradient reaching this
     * tensor (before a leaf adds it to {@code .grad}); a tensor it returns replaces the gradient (None keeps it), as
     * PyTorch's (clipping or scaling one parameter's gradient, or printing it).
     *
     * @param hook a function of one tensor
     * @return a handle whose {@code remove()} takes the hook away
     */
    public HookHandle register_hook(org.python.core.PyObject hook) {
        if (!needsGrad()) {
            throw Errors.runtime("cannot register a hook on a tensor that doesn't require gradient");
        }
        if (hooks == null) {
            hooks = new java.util.ArrayList<>();
        }
        hooks.add(hook);
        return new HookHandle(hooks, hook);
    }

    /**
     * @param g the gradient reaching this tensor
     * @return g after this tensor's hooks (each may return a replacement of the same shape)
     */
    DMatrixRMaj applyHooks(DMatrixRMaj g) {
        DMatrixRMaj out = g;
        for (org.python.core.PyObject hook : new java.util.ArrayList<>(hooks)) {
            final Tensor grad = Tensor.of(out, shape.clone());
            grad.floating = floatDtype();
            final org.python.core.PyObject r = hook.__call__(org.python.core.Py.java2py(grad));
            if (r != org.python.core.Py.None) {
                final Object t = r.__tojava__(Tensor.class);
                if (!(t instanceof Tensor) || ((Tensor) t).numel() != numel()) {
                    throw Errors.runtime("hook returned " + (t instanceof Tensor ? "a tensor of shape "
                            + shapeText(((Tensor) t).shape) : "a " + r.getType().getName())
                            + "; a gradient hook returns None or a tensor of the gradient's shape " + shapeText(shape));
                }
                out = ((Tensor) t).data.copy();
            }
        }
        return out;
    }

    /** {@code handle.remove()} of a hook added by {@link #register_hook}. */
    public static final class HookHandle {
        private final java.util.List<org.python.core.PyObject> hooks;
        private final org.python.core.PyObject hook;

        HookHandle(java.util.List<org.python.core.PyObject> hooks, org.python.core.PyObject hook) {
            this.hooks = hooks;
            this.hook = hook;
        }

        /** Takes the hook away (again: nothing). */
        public void remove() {
            hooks.remove(hook);
        }
    }

    /** @return whether {@link #retain_grad()} made this non-leaf keep its gradient ({@code t.retains_grad}) */
    public boolean isRetains_grad() {
        return retainsGrad;
    }

    /** @return whether backward reaches this tensor ({@code t.requires_grad}) */
    public boolean isRequires_grad() {
        return needsGrad();
    }

    /** @param value whether this leaf collects a gradient ({@code t.requires_grad = True}) */
    public void setRequires_grad(boolean value) {
        if (node != null && !value) {
            throw Errors.runtime("requires_grad can only be switched off on a leaf tensor; use detach()");
        }
        if (value && integral != null) {
            throw Errors.runtime("only tensors of floating point dtype can require gradients; this one holds " + integral
                    + " (give dtype=torch.float32 or t.float())");
        }
        requiresGrad = value;
    }

    /**
     * @param value whether this leaf collects a gradient
     * @return this
     */
    public Tensor requires_grad_(boolean value) {
        setRequires_grad(value);
        return this;
    }

    /** @return this leaf, now collecting a gradient */
    public Tensor requires_grad_() {
        return requires_grad_(true);
    }

    /** @return whether this tensor was not computed by a recorded operation */
    public boolean isIs_leaf() {
        return node == null;
    }

    /**
     * @return the accumulated gradient of this leaf (or of a non-leaf after {@link #retain_grad()}; sharing its storage),
     *         or None until a backward reaches it
     *         (and after {@code zero_grad(set_to_none=True)})
     */
    public Tensor getGrad() {
        if (!gradDefined) {
            return null;
        }
        final Tensor g = new Tensor(gradStore, shape);
        g.floating = floating;   // a gradient has its leaf's dtype
        return g;
    }

    /** @param g a new gradient (its values are copied), or None */
    public void setGrad(Tensor g) {
        if (g == null) {
            zeroGrad(true);
            return;
        }
        Ops.sameShape(this, g, "grad");
        startGrad();
        System.arraycopy(g.data.data, 0, gradStore.data, 0, numel());
    }

    /** @return the operation that computed this tensor ({@link GradFn}: its name, next functions), or None for a leaf */
    public GradFn getGrad_fn() {
        return node == null ? null : node.gradFn();
    }

    /** @return a tensor sharing this one's storage, outside the record ({@code t.data}) */
    public Tensor getData() {
        return new Tensor(data, shape).labelLike(this);
    }

    /**
     * {@code t.data = values}: copies the values into this tensor outside the record (the shape must
     * match), as the older PyTorch idiom {@code layer.weight.data = w} does; a float tensor takes the values' float dtype.
     *
     * @param value a tensor of this tensor's shape
     */
    public void setData(Tensor value) {
        final Tensor v = Convert.toTensor(value, "data");
        if (!java.util.Arrays.equals(v.shape, shape)) {
            throw Errors.value("t.data = value: value has shape " + shapeText(v.shape) + " but the tensor has shape "
                    + shapeText(shape) + "; here they must match (the values are copied in)");
        }
        System.arraycopy(v.data.data, 0, data.data, 0, numel());
        if (integral == null && v.integral == null) {
            floating = v.floating;   // as PyTorch's, w.data = x gives w x's dtype
        }
    }

    /** @return the transpose of a 2-d tensor ({@code t.T}) */
    public Tensor getT() {
        return Ops.named(Ops.transpose(this), "PermuteBackward0");   // PyTorch 1.13: t.T is permute(1, 0)
    }

    // ------------------------------------------------------------------ conversion

    /**
     * @return the dtype this tensor stands for (every tensor here stores and computes in float64, see {@link DType}):
     *         {@code torch.float32} (the default), {@code torch.float64}, ... for a float tensor; {@code torch.int64}
     *         (or int32, bool) for whole numbers: class indices, comparisons, counts
     */
    public DType getDtype() {
        return integral == null ? floatDtype() : integral;
    }

    /** @return this tensor: it is on the CPU already */
    public Tensor cpu() {
        return this;
    }

    /** @param args an optional device @param kws keywords @return never: there is no GPU (a one-line error) */
    public Tensor cuda(PyObject[] args, String[] kws) {
        throw Errors.value("cuda(): no CUDA device here; neuralGLM computes on the CPU (torch.cuda.is_available() is False)");
    }

    /** @return False: tensors here live on the CPU */
    public boolean getIs_cuda() {
        return false;
    }

    /**
     * {@code t.to(torch.float32)}, {@code t.to('cpu')}, {@code t.to(device='cpu', dtype=torch.float64)},
     * {@code t.type(torch.LongTensor)}: this tensor's own dtype or the CPU give this tensor back, another float dtype
     * a copy labelled with it that stays in the record (as PyTorch's, gradients flow back through it), an integer
     * dtype a truncated copy (see {@link DType}); another device is refused with a one-line message.
     *
     * @param args a dtype or a device name, then keywords {@code dtype}, {@code device}
     * @param kws  keyword names
     * @return this tensor, or a truncated copy
     */
    public Tensor to(PyObject[] args, String[] kws) {
        final Args a = new Args("to", args, kws, "target", "dtype", "device", "non_blocking", "copy");
        DType dtype = DType.of(a.get("dtype"), "to");
        DType.checkDevice(a.get("device"), "to");
        final PyObject target = a.get("target");
        if (target != null) {
            if (target.__tojava__(DType.class) instanceof DType) {
                dtype = (DType) target.__tojava__(DType.class);
            } else if (target.__tojava__(Tensor.class) instanceof Tensor) {
                dtype = ((Tensor) target.__tojava__(Tensor.class)).getDtype();   // t.to(other): other's dtype
            } else {
                DType.checkDevice(target, "to");
            }
        }
        if (dtype == null || dtype == getDtype()) {
            return this;
        }
        if (dtype.getIs_floating_point() && integral == null) {
            final Tensor copy = Ops.reshape(this, shape.clone(), "ToCopyBackward0");
            copy.floating = dtype;
            roundIfWidened(copy, this);
            DType.overflow(copy);   // narrowed: float64's 1e300 is float32's inf, as PyTorch converts it
            return copy;
        }
        return dtype.convert(detach());
    }

    /**
     * @param args a dtype (or nothing: then the type's name)
     * @param kws  keyword names
     * @return the legacy type name ({@code 'torch.FloatTensor'}, {@code 'torch.DoubleTensor'}, {@code 'torch.LongTensor'})
     *         without arguments, else {@code to(dtype)}
     */
    public Object type(PyObject[] args, String[] kws) {
        if (args.length == 0) {
            return getDtype().tensorType();
        }
        return to(args, kws);
    }

    /**
     * @param value a number
     * @return this, every entry set to value (outside the record)
     */
    public Tensor fill_(double value) {
        checkLeafInPlace("fill_");
        java.util.Arrays.fill(data.data, 0, numel(), value);
        return whole(true);
    }

    /** @return a copy outside the record: no gradient flows through it */
    public Tensor detach() {
        return new Tensor(data.copy(), shape.clone()).labelLike(this);
    }

    /** @return a copy that stays in the record */
    public Tensor clone() {
        return Ops.reshape(this, shape.clone(), "CloneBackward0");
    }

    /**
     * {@code t.clone(memory_format=torch.contiguous_format)}: storage here is always contiguous, so any memory format
     * gives the same copy.
     *
     * @param args none
     * @param kws  {@code memory_format} only
     * @return a copy that stays in the record
     */
    public Tensor clone(PyObject[] args, String[] kws) {
        new Args("clone", args, kws, "memory_format");
        return clone();
    }

    /** @return a Python float, list of floats, or list of lists: the values this tensor's dtype holds ({@link #held}) */
    public PyObject tolist() {
        return Convert.toList(this, heldValues());
    }

    /**
     * Not PyTorch's: {@link #tolist()} of the values as stored, in float64, not rounded to a float32 tensor's dtype; for
     * the shims' own computations in Python (sorting, cumulative sums, {@code torch.save}, gradcheck), which compute in
     * float64 as the Java operations do.
     *
     * @return a Python float, list of floats, or list of lists
     */
    public PyObject stored_tolist() {
        return Convert.toList(this, data.data);
    }

    /**
     * @return the entries in row-major order as this tensor's dtype holds them ({@link #held}; a copy), for Java callers
     *         and {@code array('d')}
     */
    public double[] toArray() {
        return heldValues();
    }

    /**
     * @param v an entry as stored
     * @return v as this tensor's dtype holds it: a float32 tensor's rounded to float32, a float16 one's to float16
     *         ({@link DType#held}); float64 and whole numbers as stored
     */
    double held(double v) {
        return integral == null ? floatDtype().held(v) : v;
    }

    /** @return a copy of the entries, row-major, each as this tensor's dtype holds it ({@link #held}) */
    double[] heldValues() {
        final double[] d = java.util.Arrays.copyOf(data.data, numel());
        if (integral == null && floatDtype() != DType.FLOAT64) {
            for (int i = 0; i < d.length; i++) {
                d[i] = held(d[i]);
            }
        }
        return d;
    }

    /**
     * @return the value of a one-entry tensor, as its dtype holds it ({@link #held}): a float, or an int (a bool) for
     *         whole numbers, as PyTorch
     */
    public PyObject item() {
        if (numel() != 1) {
            throw Errors.value("item(): only a one-entry tensor converts to a number; this one has shape "
                    + shapeText(shape));
        }
        return Convert.number(held(data.data[0]), integral);
    }

    /**
     * Truncates the entries of a whole-number tensor toward zero after values were written into it: numbers as
     * {@link DType#apply} checks them, a tensor's entries as {@link DType#convert} converts them.
     *
     * @param checked whether the values written were numbers
     */
    private Tensor whole(boolean checked) {
        return integral == null ? this : checked ? integral.apply(this) : integral.convert(this);
    }

    // ------------------------------------------------------------------ sequence protocol

    /** @return the size of the first dimension ({@code len(t)}) */
    public int __len__() {
        if (shape.length == 0) {
            throw Py.TypeError("len() of a 0-d tensor");
        }
        return shape[0];
    }

    /**
     * {@code t[i]}, {@code t[rows]}, {@code t[a:b]}, {@code t[:, j]}, {@code t[rows, cols]}: indexing
     * with ints, slices and lists (or tensors) of ints, in the record. An int index drops its dimension;
     * an entry of a 1-d tensor (or {@code t[i, j]}) is a 0-d tensor, as in PyTorch ({@code t[i].item()}
     * gives the float). Two index lists pair up, as in PyTorch:
     * {@code t[[0, 1], [2, 0]]} is {@code [t[0, 2], t[1, 0]]}.
     *
     * @param key an int, a slice, a list of ints, or a pair of these for a 2-d tensor
     * @return a tensor
     */
    public Tensor __getitem__(PyObject key) {
        key = Index.scalarTensors(key);
        if (Index.hasNoneOrEllipsis(key)) {
            return Index.withNoneOrEllipsis(this, key);
        }
        final int[] masked = Index.wholeMask(key, this);
        if (masked != null) {
            final int[] r = new int[masked.length], c = new int[masked.length];
            for (int k = 0; k < masked.length; k++) {
                r[k] = masked[k] / shape[1];
                c[k] = masked[k] % shape[1];
            }
            return Ops.gather(this, r, c);
        }
        if (key instanceof PyTuple) {
            final PyObject[] k = ((PyTuple) key).getArray();
            if (k.length != 2 || shape.length != 2) {
                throw Errors.index(k.length + " indices for a tensor of shape " + shapeText(shape));
            }
            final int[] rows = Index.of(k[0], shape[0], "row"), cols = Index.of(k[1], shape[1], "column");
            if (Index.isList(k[0]) && Index.isList(k[1])) {
                return Ops.gather(this, rows, cols);
            }
            final Tensor t = Ops.columns(Ops.rows(this, rows), cols);
            final boolean r = Index.isInt(k[0]), c = Index.isInt(k[1]);
            if (r && c) {
                return Ops.reshape(t, new int[0], "SelectBackward0");
            }
            // PyTorch 1.13's grad_fn: the last basic index's (an int's Select, a slice's Slice), an index list's Index
            final String name = Index.isList(k[0]) || Index.isList(k[1]) ? "IndexBackward0" : "SliceBackward0";
            return r ? Ops.reshape(t, new int[] {cols.length}, name)
                    : c ? Ops.reshape(t, new int[] {rows.length}, "SelectBackward0") : Ops.named(t, name);
        }
        if (Index.isInt(key)) {
            return get(key.asInt());
        }
        return Ops.named(Ops.rows(this, Index.of(key, __len__(), "index")), Index.isList(key) ? "IndexBackward0" : "SliceBackward0");
    }

    /**
     * {@code t[key] = value}, in place and outside the record, with the keys of {@link #__getitem__}
     * (two index lists pair up: {@code a[np.arange(n), labels] = 1} sets one entry per row). The value
     * is a number, or a tensor or list with one entry per selected entry, or (selecting whole rows of a
     * 2-d tensor) one row for all of them. As in PyTorch, a leaf that requires a gradient cannot be
     * assigned into while recording; neither can a tensor computed by recorded operations.
     *
     * @param key   an int, a slice, a list of ints, or a pair of these for a 2-d tensor
     * @param value a number or a tensor
     */
    public void __setitem__(PyObject key, PyObject value) {
        key = Index.scalarTensors(key);
        if (node != null) {
            throw Errors.runtime("in-place assignment into a tensor computed by recorded operations ("
                    + node.name + ") is not supported; assign into t.detach() or t.clone() instead");
        }
        if (requiresGrad && Autograd.enabled()) {
            throw Errors.runtime("a leaf tensor that requires grad cannot be assigned into; do it inside "
                    + "torch.no_grad() or assign into t.data");
        }
        if (shape.length == 0) {
            throw Errors.index("a 0-d tensor cannot be indexed; use t.fill_(v) or t.copy_(v)");
        }
        final int cols = shape.length == 2 ? shape[1] : 1;
        final int[] masked = Index.wholeMask(key, this);
        final int[] positions;
        int rowLength = 1;
        if (masked != null) {
            positions = masked;
        } else if (key instanceof PyTuple) {
            final PyObject[] k = ((PyTuple) key).getArray();
            if (k.length != 2 || shape.length != 2) {
                throw Errors.index(k.length + " indices for a tensor of shape " + shapeText(shape));
            }
            final int[] r = Index.of(k[0], shape[0], "row"), c = Index.of(k[1], shape[1], "column");
            if (Index.isList(k[0]) && Index.isList(k[1])) {
                if (r.length != c.length) {
                    throw Errors.index("index lists of lengths " + r.length + " and " + c.length
                            + " do not pair up (they must have the same length)");
                }
                positions = new int[r.length];
                for (int i = 0; i < r.length; i++) {
                    positions[i] = r[i] * cols + c[i];
                }
            } else {
                positions = new int[r.length * c.length];
                for (int i = 0; i < r.length; i++) {
                    for (int j = 0; j < c.length; j++) {
                        positions[i * c.length + j] = r[i] * cols + c[j];
                    }
                }
                rowLength = c.length;
            }
        } else {
            final int[] r = Index.of(key, shape[0], "index");
            positions = new int[r.length * cols];
            for (int i = 0; i < r.length; i++) {
                for (int j = 0; j < cols; j++) {
                    positions[i * cols + j] = r[i] * cols + j;
                }
            }
            rowLength = cols;
        }
        final Tensor v = Convert.toTensor(value, "value assigned to a tensor");
        final int m = v.numel();
        if (m != 1 && m != positions.length && m != rowLength) {
            throw Errors.runtime("cannot assign a value of shape " + shapeText(v.shape) + " to " + positions.length
                    + " selected entries of a tensor of shape " + shapeText(shape));
        }
        // a tensor's entries widened as copy_ widens them (a float32 tensor's 0.1 lands in a float64 one as
        // 0.10000000149011612, as PyTorch's); a number's or a list's as given
        final double[] src = value.__tojava__(Tensor.class) instanceof Tensor && widens(v, this) ? v.heldValues()
                : v.data.data;
        for (int i = 0; i < positions.length; i++) {
            data.data[positions[i]] = m == 1 ? src[0] : m == positions.length ? src[i] : src[i % rowLength];
        }
        // a number is checked, a tensor's or a list's entries converted (PyTorch's)
        whole(value.isNumberType() && !(value.__tojava__(Tensor.class) instanceof Tensor));
    }

    /**
     * @param i an index, negative counting from the end
     * @return for a 1-d tensor the entry (a 0-d tensor); for a 2-d tensor row i (a 1-d tensor); in the record
     */
    public Tensor get(int i) {
        final int n = __len__();
        final int k = i < 0 ? i + n : i;
        if (k < 0 || k >= n) {
            throw Errors.index("index " + i + " is out of range for a tensor of shape " + shapeText(shape));
        }
        if (shape.length == 1) {
            return Ops.reshape(Ops.rows(this, new int[] {k}), new int[0], "SelectBackward0");
        }
        return Ops.reshape(Ops.rows(this, new int[] {k}), new int[] {shape[1]}, "SelectBackward0");
    }

    /**
     * {@code t.index_select(dim, index)}, as PyTorch's: the entries (1-d), rows (dim 0) or columns (dim 1) at
     * the given positions, in their order, in the record.
     *
     * @param dim   0 or 1 (or -1, -2)
     * @param index whole numbers: a 1-d tensor (e.g. {@code torch.tensor([2, 0])}) or a list
     * @return the selected entries, rows or columns
     */
    public Tensor index_select(int dim, Object index) {
        final Tensor ix = Convert.toTensor(index, "index_select index");
        if (ix.shape.length > 1) {
            throw Errors.value("index_select: index must be 1-d, got shape " + shapeText(ix.shape));
        }
        final int d = Ops.dim(this, dim);
        final int size = shape.length == 0 ? 1 : shape[d];
        final int[] at = new int[ix.numel()];
        for (int i = 0; i < at.length; i++) {
            final double v = ix.data.data[i];
            if (v != Math.rint(v) || v < 0 || v >= size) {
                throw Errors.index("index_select: index " + v + " at position " + i + " is not a position in 0.." + (size - 1)
                        + " of dimension " + d + " of a tensor of shape " + shapeText(shape));
            }
            at[i] = (int) v;
        }
        return Ops.named(d == 0 || shape.length < 2 ? Ops.rows(this, at) : Ops.transpose(Ops.rows(Ops.transpose(this), at)),
                "IndexSelectBackward0");
    }

    /** @return the entries (1-d, as 0-d tensors) or rows (2-d), as PyTorch iterates */
    @Override
    public Iterator<Object> iterator() {
        if (shape.length == 0) {
            throw Errors.type("iteration over a 0-d tensor");
        }
        final int n = __len__();
        return new Iterator<Object>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < n;
            }

            @Override
            public Object next() {
                if (i >= n) {
                    throw new NoSuchElementException();
                }
                return get(i++);
            }
        };
    }

    // ------------------------------------------------------------------ arithmetic

    /**
     * @param o   the other operand: a tensor, a number, a list, or anything that converts to a tensor
     * @param sym the operator, for messages
     * @return o as a tensor
     */
    static Tensor operand(Object o, String sym) {
        if (o instanceof Tensor) {
            return (Tensor) o;
        }
        final Tensor t;
        if (o instanceof Integer || o instanceof Long || o instanceof java.math.BigInteger) {
            t = scalar(((Number) o).doubleValue()).label(DType.INT64);
        } else if (o instanceof Number) {
            t = scalar(((Number) o).doubleValue());
        } else if (o instanceof Boolean) {
            t = scalar((Boolean) o ? 1.0 : 0.0).label(DType.INT64);
        } else {
            return Convert.toTensor(o, "operand of " + sym);
        }
        t.pythonNumber = true;
        return t;
    }

    // One method per operator, taking any operand: with overloads (Tensor) and (double), Jython would
    // turn a one-entry tensor into a number through __float__ to pick the (double) one, and the
    // tensor would leave the record.

    /** @param o a tensor or a number @return {@code this + o} */
    public Tensor __add__(Object o) { return Ops.binary(this, operand(o, "+"), Ops.Bin.ADD); }
    /** @param o a tensor or a number @return {@code o + this} */
    public Tensor __radd__(Object o) { return Ops.binary(operand(o, "+"), this, Ops.Bin.ADD); }
    /** @param o a tensor or a number @return {@code this - o} */
    public Tensor __sub__(Object o) { return Ops.binary(this, operand(o, "-"), Ops.Bin.SUB); }
    /** @param o a tensor or a number @return {@code o - this} */
    public Tensor __rsub__(Object o) { return Ops.named(Ops.binary(operand(o, "-"), this, Ops.Bin.SUB), "RsubBackward1"); }
    /** @param o a tensor or a number @return {@code this * o} */
    public Tensor __mul__(Object o) { return Ops.binary(this, operand(o, "*"), Ops.Bin.MUL); }
    /** @param o a tensor or a number @return {@code o * this} */
    public Tensor __rmul__(Object o) { return Ops.binary(operand(o, "*"), this, Ops.Bin.MUL); }
    /** @param o a tensor or a number @return {@code this / o} */
    public Tensor __div__(Object o) { return Ops.binary(this, operand(o, "/"), Ops.Bin.DIV); }
    /** @param o a tensor or a number @return {@code o / this} */
    public Tensor __rdiv__(Object o) { return Ops.named(Ops.binary(operand(o, "/"), this, Ops.Bin.DIV), "MulBackward0"); }
    /** @param o a tensor or a number @return {@code this / o} (true division) */
    public Tensor __truediv__(Object o) { return __div__(o); }
    /** @param o a tensor or a number @return {@code this // o}: {@code floor(this / o)} */
    public Tensor __floordiv__(Object o) { return Ops.binary(this, operand(o, "//"), Ops.Bin.FLOOR_DIV); }
    /** @param o a tensor or a number @return {@code o // this} */
    public Tensor __rfloordiv__(Object o) { return Ops.binary(operand(o, "//"), this, Ops.Bin.FLOOR_DIV); }
    /** @param o a tensor or a number @return {@code this % o}: the remainder of {@code this // o}, of o's sign */
    public Tensor __mod__(Object o) { return Ops.binary(this, operand(o, "%"), Ops.Bin.MOD); }
    /** @param o a tensor or a number @return {@code o % this} */
    public Tensor __rmod__(Object o) { return Ops.binary(operand(o, "%"), this, Ops.Bin.MOD); }
    /** @param o a tensor or a number @return {@code o / this} (true division) */
    public Tensor __rtruediv__(Object o) { return __rdiv__(o); }
    /** @return {@code -this} (of a whole-number tensor, whole numbers, as PyTorch's) */
    public Tensor __neg__() {
        final Tensor r = Ops.binary(scalar(-1.0), this, Ops.Bin.MUL).label(unaryWhole());
        if (r.node != null) { // PyTorch's NegBackward, which saves nothing
            r.node = new Node("NegBackward0", r.node.inputs, r.node.backward);
        }
        return r;
    }
    /** @return {@code this} */
    public Tensor __pos__() { return this; }
    /**
     * @param p a number (a one-entry tensor outside the record counts as its value), or a tensor of
     *          exponents broadcasting with this one ({@code x.unsqueeze(-1) ** torch.tensor([1, 2, 3])})
     * @return {@code this ** p}
     */
    public Tensor __pow__(Object p) { return pow(p); }
    /**
     * @param b a number
     * @return {@code b ** this} (recorded: the gradient is {@code b ** x log b}); whole numbers for a Python int b
     *         and a whole-number tensor, as PyTorch's
     */
    public Tensor __rpow__(Number b) {
        final double base = b.doubleValue();
        final DMatrixRMaj out = new DMatrixRMaj(data.numRows, data.numCols);
        for (int i = 0; i < numel(); i++) {
            out.data[i] = Math.pow(base, data.data[i]);
        }
        final double logBase = Math.log(base);
        final DType whole = isPythonInt(b) ? unaryWhole() : null;
        return Ops.record(new Tensor(out, shape.clone()).label(whole), "PowBackward1", g -> {
            final DMatrixRMaj gx = new DMatrixRMaj(data.numRows, data.numCols);
            for (int i = 0; i < numel(); i++) {
                gx.data[i] = g.data[i] * out.data[i] * logBase;
            }
            return new DMatrixRMaj[] {gx};
        }, this);
    }

    /**
     * {@code '{:.4f}'.format(loss)}: a 0-d tensor formats as its value (as its dtype holds it, {@link #held}); any other
     * as its text, with an empty spec only (PyTorch's TypeError for '{:.3f}'.format(t) of a 1-d t).
     *
     * @param spec a format spec
     * @return the formatted text
     */
    public PyObject __format__(PyObject spec) {
        if (shape.length == 0) {
            return Convert.number(held(data.data[0]), integral).__format__(spec);
        }
        if (spec.__len__() > 0) {   // as PyTorch's: only a 0-d tensor takes a format spec ('{:.3f}'.format(t[0]))
            throw Py.TypeError("unsupported format string passed to Tensor.__format__");
        }
        return Py.newString(toString());
    }
    /** @return {@code abs(this)} */
    public Tensor __abs__() { return abs(); }

    /**
     * {@code float(t)}, {@code math.pow(t, 2)}, {@code '%.4f' % t}: the value of a one-entry tensor, as its dtype holds
     * it ({@link #held}).
     *
     * @return the value
     */
    public double __float__() {
        if (numel() != 1) {
            throw Errors.value("only a one-entry tensor converts to a Python number; this one has shape "
                    + shapeText(shape));
        }
        return held(data.data[0]);
    }

    /**
     * {@code items[t]}, {@code range(t)}: a one-entry tensor holding a whole number used as an index.
     *
     * @return the value
     */
    public int __index__() {
        if (numel() != 1) {
            throw Errors.type("only a one-entry tensor holding a whole number can be used as an index; this one has shape "
                    + shapeText(shape));
        }
        final double v = __float__();
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
            throw Py.TypeError("only a tensor holding a whole number can be used as an index, got " + v);
        }
        return (int) v;
    }

    /**
     * @return {@code int(t)}: the value of a one-entry tensor, truncated toward zero as Python's {@code int(float)} (a
     *         long past an int's range; ValueError for NaN, OverflowError for an infinity)
     */
    public PyObject __int__() {
        return new org.python.core.PyFloat(__float__()).__int__();
    }

    /** @return {@code bool(t)} for a one-entry tensor: its value is not zero */
    public boolean __nonzero__() {
        if (numel() != 1) {
            throw Errors.runtime("the truth value of a tensor of shape " + shapeText(shape) + " is ambiguous (it has "
                    + numel() + " entries); use t.any() or t.all()");
        }
        return __float__() != 0.0;
    }

    /**
     * {@code t == o}: 1.0 where the entries are equal, else 0.0 (no gradient), as PyTorch's element-wise
     * comparison; {@code t == None} (or another non-number) is False.
     *
     * @param o a tensor, a number or a list
     * @return a tensor, or False
     */
    public Object __eq__(Object o) {
        if (!comparable(o)) {
            return Boolean.FALSE;
        }
        return Ops.compare(this, operand(o, "=="), 0);
    }

    /**
     * @param o a tensor, a number or a list
     * @return 1.0 where the entries differ, else 0.0; {@code t != None} is True
     */
    public Object __ne__(Object o) {
        if (!comparable(o)) {
            return Boolean.TRUE;
        }
        return Ops.compare(this, operand(o, "!="), 3);
    }

    /** @return whether o can be compared entry by entry: a tensor, a number, a boolean or a sequence */
    private static boolean comparable(Object o) {
        return o instanceof Tensor || o instanceof Number || o instanceof Boolean
                || o instanceof java.util.List || o instanceof org.python.core.PySequenceList;
    }

    /** @param o a tensor or a number @return 1.0 where {@code this > o}, else 0.0 (no gradient) */
    public Tensor __gt__(Object o) { return Ops.compare(this, operand(o, ">"), 1); }
    /** @param o a tensor or a number @return 1.0 where {@code this < o}, else 0.0 */
    public Tensor __lt__(Object o) { return Ops.compare(this, operand(o, "<"), -1); }
    /** @param o a tensor or a number @return 1.0 where {@code this >= o}, else 0.0 */
    public Tensor __ge__(Object o) { return Ops.compare(this, operand(o, ">="), 2); }
    /** @param o a tensor or a number @return 1.0 where {@code this <= o}, else 0.0 */
    public Tensor __le__(Object o) { return Ops.compare(this, operand(o, "<="), -2); }

    // ------------------------------------------------------------------ element-wise functions

    /** @return {@code exp(this)} */
    public Tensor exp() { return Ops.unary(this, Ops.Fn.EXP); }
    /** @return {@code log(this)} */
    public Tensor log() { return Ops.unary(this, Ops.Fn.LOG); }
    /** @return {@code 1 / (1 + exp(-this))} */
    public Tensor sigmoid() { return Functional.sigmoid(this); }
    /** @return {@code tanh(this)} */
    public Tensor tanh() { return Functional.tanh(this); }
    /** @return {@code max(this, 0)} */
    public Tensor relu() { return Functional.relu(this); }
    /** @return {@code |this|} (of a whole-number tensor, whole numbers) */
    public Tensor abs() { return Ops.unary(this, Ops.Fn.ABS).label(unaryWhole()); }
    /** @return {@code sqrt(this)} */
    public Tensor sqrt() { return Ops.unary(this, Ops.Fn.SQRT); }
    /** @return {@code sin(this)} */
    public Tensor sin() { return Ops.unary(this, Ops.Fn.SIN); }
    /** @return {@code cos(this)} */
    public Tensor cos() { return Ops.unary(this, Ops.Fn.COS); }
    /**
     * @param p an exponent: a number, or a tensor of exponents broadcasting with this one
     * @return {@code this ** p} (recorded: {@code g p x^(p-1)}, and {@code g x^p log x} for a tensor exponent); a
     *         whole-number tensor to a Python int's power is whole numbers, as PyTorch's (a negative power refused)
     */
    public Tensor pow(Object p) {
        if (p instanceof Number) {
            final DType whole = isPythonInt(p) ? unaryWhole() : null;
            if (whole != null && ((Number) p).longValue() < 0) {
                throw Errors.runtime("Integers to negative integer powers are not allowed (the tensor holds whole numbers, "
                        + getDtype() + "; give t.float() ** " + p + ")");
            }
            return Ops.pow(this, ((Number) p).doubleValue()).label(whole);
        }
        final Tensor e = Convert.toTensor(p, "pow: exponent");
        if (e.numel() == 1 && !e.needsGrad() && e.shape.length == 0) {
            return Ops.named(Ops.pow(this, e.data.data[0]), "PowBackward1");   // a tensor exponent: PyTorch's overload 1
        }
        return powers(e);
    }

    private Tensor powers(Tensor e) {
        final int[] s = Joins.broadcastShape(this, e);
        final int r = s.length == 2 ? s[0] : 1, c = s.length == 0 ? 1 : s[s.length - 1];
        final DType to = Ops.promotion(this, e);
        final double[] x = Joins.spread(this, r, c, to), q = Joins.spread(e, r, c, to);
        final DMatrixRMaj out = new DMatrixRMaj(r, c);
        for (int k = 0; k < r * c; k++) {
            out.data[k] = Math.pow(x[k], q[k]);
        }
        return Ops.record(new Tensor(out, s).label(wholeOf(this, e)), "PowBackward1", g -> {
            final double[] toX = new double[r * c], toE = new double[r * c];
            for (int k = 0; k < r * c; k++) {
                toX[k] = q[k] == 0 ? 0.0 : q[k] * Math.pow(x[k], q[k] - 1.0);
                toE[k] = out.data[k] == 0 ? 0.0 : out.data[k] * Math.log(x[k]);
            }
            return new DMatrixRMaj[] {needsGrad() ? Joins.reduceTo(this, g, toX) : null,
                e.needsGrad() ? Joins.reduceTo(e, g, toE) : null};
        }, this, e);
    }

    /**
     * {@code t.clamp(lo, hi)}, {@code t.clamp(min=lo)}, {@code t.clamp(max=hi)} (also {@code t.clip}).
     *
     * @param args {@code min}, {@code max} (numbers; at least one)
     * @param kws  keyword names
     * @return the entries clamped to [min, max] (gradient 1 inside, 0 outside)
     */
    public Tensor clamp(PyObject[] args, String[] kws) {
        final Args a = new Args("clamp", args, kws, "min", "max");
        if (!a.has("min") && !a.has("max")) {
            throw Errors.value("clamp: give min, max or both, e.g. t.clamp(min=0.0)");
        }
        return Ops.clamp(this, a.dbl("min", Double.NEGATIVE_INFINITY), a.dbl("max", Double.POSITIVE_INFINITY));
    }

    /** @param args min, max @param kws keyword names @return {@link #clamp} */
    public Tensor clip(PyObject[] args, String[] kws) { return clamp(args, kws); }

    /** @return {@code this * this} */
    public Tensor square() { return Ops.pow(this, 2.0).label(unaryWhole()); }

    /** @return {@code -this} */
    public Tensor neg() { return __neg__(); }

    // ------------------------------------------------------------------ reductions and shapes

    /**
     * {@code t.sum()} or {@code t.sum(dim)}.
     *
     * @param args optional {@code dim}
     * @param kws  keyword names
     * @return the sum over all entries (0-d) or along dim
     */
    public Tensor sum(PyObject[] args, String[] kws) {
        return reduce(new Args("sum", args, kws, "dim", "keepdim", "dtype"), false);
    }

    /** sum or mean of all entries, or along {@code dim} (kept with size 1 when {@code keepdim}), of {@code dtype} if given. */
    Tensor reduce(Args a, boolean mean) {
        if (mean && integral != null && !a.has("dtype")) {
            throw Errors.runtime("mean(): could not infer output dtype: the tensor holds whole numbers (" + integral
                    + "), as PyTorch refuses; give t.float().mean()");
        }
        final Tensor r = reduceValues(a, mean);
        final DType dtype = DType.of(a.get("dtype"), mean ? "mean" : "sum");
        if (dtype != null && dtype.getIs_floating_point()) {
            r.integral = null;
            r.floating = dtype;
        }
        return r;
    }

    private Tensor reduceValues(Args a, boolean mean) {
        if (!a.has("dim")) {
            return Ops.sumAll(this, mean);
        }
        // PyTorch 1.13's grad_fn for a reduction along dimensions (kept or not): SumBackward1, MeanBackward1
        return Ops.named(reduceAlong(a, mean), mean ? "MeanBackward1" : "SumBackward1");
    }

    private Tensor reduceAlong(Args a, boolean mean) {
        final PyObject dims = a.get("dim");
        if (dims instanceof org.python.core.PySequenceList) {
            // dim=(0, 1) or [0, 1]: every dimension named is reduced; all of them is the whole sum or mean
            final java.util.Set<Integer> named = new java.util.TreeSet<>();
            for (PyObject d : dims.asIterable()) {
                named.add(Ops.dim(this, d.asInt()));
            }
            if (named.size() == 1) {
                final int dim = named.iterator().next();
                final Tensor r = Ops.sum(this, dim, mean);
                return a.bool("keepdim", false) ? Ops.unsqueeze(r, dim) : r;
            }
            final Tensor all = Ops.sumAll(this, mean);
            if (named.size() != shape.length && !named.isEmpty()) {
                throw Errors.value("dim " + dims + " for a tensor of shape " + shapeText(shape));
            }
            if (!a.bool("keepdim", false)) {
                return all;
            }
            final int[] ones = new int[shape.length];
            java.util.Arrays.fill(ones, 1);
            return Ops.reshape(all, ones, "ViewBackward0");
        }
        final int dim = a.integer("dim", 0);
        final Tensor r = Ops.sum(this, dim, mean);
        return a.bool("keepdim", false) ? Ops.unsqueeze(r, Ops.dim(this, dim)) : r;
    }

    /**
     * {@code t.mean()} or {@code t.mean(dim)}.
     *
     * @param args optional {@code dim}
     * @param kws  keyword names
     * @return the mean over all entries (0-d) or along dim
     */
    public Tensor mean(PyObject[] args, String[] kws) {
        return reduce(new Args("mean", args, kws, "dim", "keepdim", "dtype"), true);
    }

    /**
     * {@code t.var()}, {@code t.var(dim, unbiased=True, keepdim=False)}: the variance, dividing by n - 1
     * (or n with {@code unbiased=False}), recorded.
     *
     * @param args optional {@code dim}, {@code unbiased}, {@code keepdim}
     * @param kws  keyword names
     * @return the variance of all entries (0-d) or along dim
     */
    public Tensor var(PyObject[] args, String[] kws) {
        return variance(new Args("var", args, kws, "dim", "unbiased", "keepdim", "correction"));
    }

    /**
     * @param args optional {@code dim}, {@code unbiased}, {@code keepdim}
     * @param kws  keyword names
     * @return the standard deviation, the square root of {@link #var} ({@link Ops#std})
     */
    public Tensor std(PyObject[] args, String[] kws) {
        return Ops.std(variance(new Args("std", args, kws, "dim", "unbiased", "keepdim", "correction")));
    }

    Tensor variance(Args a) {
        final boolean all = !a.has("dim");
        final int dim = all ? 0 : Ops.dim(this, a.integer("dim", 0));
        final int n = all ? numel() : shape[dim];
        // PyTorch 1.13's correction= (n - correction; unbiased=True is correction 1) takes precedence
        final int correction = a.has("correction") ? a.integer("correction", 1) : a.bool("unbiased", true) ? 1 : 0;
        final int divisor = Math.max(0, n - correction); // 0 / 0 = NaN of no or one entry, as PyTorch
        final boolean recording = Autograd.setEnabled(false);
        final Tensor centred, v;
        try {
            centred = all ? __sub__(Ops.sumAll(this, true))
                    : __sub__(shape.length == 2 ? Ops.unsqueeze(Ops.sum(this, dim, true), dim) : Ops.sum(this, dim, true));
            final Tensor ss = all ? Ops.sumAll(Ops.pow(centred, 2.0), false) : Ops.sum(Ops.pow(centred, 2.0), dim, false);
            v = ss.__div__((double) divisor);
        } finally {
            Autograd.setEnabled(recording);
        }
        if (integral == null) { // the divisor is a Python number, which PyTorch's promotion leaves out: this tensor's dtype
            v.floating = floating;
        }
        if (recording && needsGrad()) {
            // PyTorch's var_backward: dx = g 2 (x - mean) / divisor, g broadcast along the reduced dimension; the mean's
            // own term (0 in exact arithmetic) left out, so an infinite entry's gradient is infinite, not NaN
            final double[] c = centred.data.data;
            final int cols = shape.length == 2 ? shape[1] : 1;
            final boolean byRow = !all && shape.length == 2 && dim == 1;   // one result per row
            final boolean byCol = !all && shape.length == 2 && dim == 0;   // one result per column
            v.node = new Node("VarBackward0", new Tensor[] {this}, g -> {
                final DMatrixRMaj gx = new DMatrixRMaj(data.numRows, data.numCols);
                final double f = 2.0 / divisor;
                for (int i = 0; i < c.length; i++) {
                    final double gi = g.data[byRow ? i / cols : byCol ? i % cols : 0];
                    gx.data[i] = gi * f * c[i];
                }
                return new DMatrixRMaj[] {gx};
            });
        }
        return !all && a.bool("keepdim", false) ? Ops.named(Ops.unsqueeze(v, dim), "VarBackward0") : v;
    }

    /**
     * {@code t.max()}: the largest entry (0-d); {@code t.max(dim, keepdim=False)}: values and indices
     * along dim ({@link ValuesIndices}); {@code t.max(other)}: the element-wise maximum.
     *
     * @param args optional {@code dim} (an int) or {@code other} (a tensor), {@code keepdim}
     * @param kws  keyword names
     * @return a tensor, or values and indices
     */
    public Object max(PyObject[] args, String[] kws) {
        return extreme("max", args, kws, true);
    }

    /**
     * As {@link #max}, for the smallest entries.
     *
     * @param args optional {@code dim} or {@code other}, {@code keepdim}
     * @param kws  keyword names
     * @return a tensor, or values and indices
     */
    public Object min(PyObject[] args, String[] kws) {
        return extreme("min", args, kws, false);
    }

    private Object extreme(String name, PyObject[] args, String[] kws, boolean max) {
        return extreme(name, new Args(name, args, kws, "dim", "keepdim", "other"), max);
    }

    /** max/min with the arguments bound ({@code dim} or {@code other}, {@code keepdim}), for {@link Torch} too. */
    Object extreme(String name, Args a, boolean max) {
        final PyObject first = a.get("dim");
        if (a.has("other") || first != null && !Index.isInt(first)) {
            return Extremes.pairwise(this, Convert.toTensor(a.has("other") ? a.get("other") : first, name + "(other)"), max);
        }
        if (first == null) {
            return Extremes.all(this, max);
        }
        return Extremes.along(this, first.asInt(), a.bool("keepdim", false), max, name);
    }

    /**
     * @param args {@code dim}
     * @param kws  keyword names
     * @return {@code exp(x_i) / sum_j exp(x_j)} along dim
     */
    public Tensor softmax(PyObject[] args, String[] kws) {
        return Ops.softmax(this, new Args("softmax", args, kws, "dim").integer("dim", -1));
    }

    /**
     * @param args {@code dim}
     * @param kws  keyword names
     * @return {@code x_i - logsumexp(x)} along dim
     */
    public Tensor log_softmax(PyObject[] args, String[] kws) {
        return Ops.logSoftmax(this, new Args("log_softmax", args, kws, "dim").integer("dim", -1));
    }

    /**
     * @param args {@code dim}
     * @param kws  keyword names
     * @return {@code m + log sum_j exp(x_j - m)}, m the maximum, along dim
     */
    public Tensor logsumexp(PyObject[] args, String[] kws) {
        final Args a = new Args("logsumexp", args, kws, "dim", "keepdim");
        final int dim = a.integer("dim", -1);
        final Tensor r = Ops.logSumExp(this, dim);
        return a.bool("keepdim", false) ? Ops.unsqueeze(r, Ops.dim(this, dim)) : r;
    }

    /** @return the Euclidean norm of all entries, 0-d */
    public Tensor norm() { return Ops.norm(this); }

    /**
     * {@code t.norm(p=2, dim=None, keepdim=False)}: {@code (sum |x|^p)^(1/p)} of all entries or along dim; a norm of
     * 0 passes gradient 0 back, as PyTorch's ({@link Ops#root}).
     *
     * @param args {@code p}, {@code dim}, {@code keepdim}
     * @param kws  keyword names
     * @return the norm (recorded)
     */
    public Tensor norm(PyObject[] args, String[] kws) {
        final Args a = new Args("norm", args, kws, "p", "dim", "keepdim");
        final PyObject given = a.has("p") ? a.get("p") : null;
        if (given instanceof org.python.core.PyString) {   // 'fro': the 2-norm of the entries; 'nuc' needs an SVD
            if (!given.toString().equals("fro")) {
                throw Errors.value("norm: p='" + given + "' is not supported here; p is a number > 0 or 'fro'");
            }
            return norm(a.has("dim") ? new PyObject[] {Py.newFloat(2.0), a.get("dim"), Py.newBoolean(a.bool("keepdim", false))}
                    : new PyObject[0], new String[0]);
        }
        final double p = a.dbl("p", 2.0);
        if (!(p > 0) || Double.isInfinite(p)) {
            throw Errors.value("norm: p must be a finite number > 0 here, got " + p);
        }
        if (!a.has("dim") && p == 2.0) {
            return Ops.norm(this);
        }
        final Tensor powered = p == 1.0 ? abs() : Ops.pow(abs(), p);
        final Tensor s = a.has("dim") ? Ops.sum(powered, a.integer("dim", 0), false) : Ops.sumAll(powered, false);
        final Tensor r = p == 1.0 ? s : Ops.root(s, p);
        return a.has("dim") && a.bool("keepdim", false) ? Ops.unsqueeze(r, Ops.dim(this, a.integer("dim", 0))) : r;
    }

    /** @param o a 1-d tensor of this length @return the inner product, 0-d (recorded) */
    public Tensor dot(Tensor o) {
        if (shape.length != 1 || o.shape.length != 1 || shape[0] != o.shape[0]) {
            throw Errors.runtime("dot: expected two 1-d tensors of one length, got shapes " + shapeText(shape) + " and "
                    + shapeText(o.shape));
        }
        sameFloatDtype(o, (x, y) -> "dot : expected both vectors to have same dtype, but found " + x + " and " + y);
        return Ops.named(Ops.sumAll(__mul__(o), false), "DotBackward0");
    }

    /**
     * {@code t.any()}, {@code t.any(dim, keepdim=False)}.
     *
     * @param args optional {@code dim}, {@code keepdim}
     * @param kws  keyword names
     * @return True (bool) where some entry is not 0: over all entries (0-d) or along dim
     */
    public Tensor any(PyObject[] args, String[] kws) {
        return anyAll(new Args("any", args, kws, "dim", "keepdim"), true);
    }

    /**
     * {@code t.all()}, {@code t.all(dim, keepdim=False)}.
     *
     * @param args optional {@code dim}, {@code keepdim}
     * @param kws  keyword names
     * @return True (bool) where every entry is not 0: over all entries (0-d) or along dim
     */
    public Tensor all(PyObject[] args, String[] kws) {
        return anyAll(new Args("all", args, kws, "dim", "keepdim"), false);
    }

    /** any: the count of entries not 0 is &gt; 0; all: the count of entries that are 0 is 0 (outside the record). */
    private Tensor anyAll(Args a, boolean any) {
        final Tensor counted = new Tensor(new DMatrixRMaj(data.numRows, data.numCols), shape.clone());
        for (int i = 0; i < numel(); i++) {
            counted.data.data[i] = (data.data[i] != 0) == any ? 1.0 : 0.0;
        }
        final Tensor count = counted.reduceValues(a, false);
        for (int i = 0; i < count.numel(); i++) {
            count.data.data[i] = (count.data.data[i] > 0) == any ? 1.0 : 0.0;
        }
        return count.detach().label(DType.BOOL);
    }

    /**
     * A step function entry by entry, recorded with gradient 0, as PyTorch's: the result of a tensor that requires
     * grad requires grad, and a backward through it gives zeros (not "nothing to differentiate").
     */
    private Tensor stepwise(java.util.function.DoubleUnaryOperator f, String name) {
        final Tensor t = detach();
        for (int i = 0; i < numel(); i++) {
            t.data.data[i] = f.applyAsDouble(t.data.data[i]);
        }
        return Ops.record(t, name, g -> new DMatrixRMaj[] {new DMatrixRMaj(data.numRows, data.numCols)}, this);
    }

    /** @return the entries rounded half to even, as PyTorch (gradient 0) */
    public Tensor round() { return stepwise(Math::rint, "RoundBackward0"); }
    /** @return the entries rounded down (gradient 0) */
    public Tensor floor() { return stepwise(Math::floor, "FloorBackward0"); }
    /** @return the entries rounded up (gradient 0) */
    public Tensor ceil() { return stepwise(Math::ceil, "CeilBackward0"); }
    /** @return -1, 0 or 1 by the sign of each entry, 0 also for -0 and NaN as PyTorch's (gradient 0) */
    public Tensor sign() { return stepwise(v -> v > 0 ? 1.0 : v < 0 ? -1.0 : 0.0, "SignBackward0"); }
    /** @return {@code log(1 + this)} (recorded) */
    public Tensor log1p() { return Ops.unary(this, Ops.Fn.LOG1P); }

    /** @param o a tensor or number @return {@code this > o} (bool) */
    public Tensor gt(Object o) { return __gt__(o); }
    /** @param o a tensor or number @return {@code this < o} (bool) */
    public Tensor lt(Object o) { return __lt__(o); }
    /** @param o a tensor or number @return {@code this >= o} (bool) */
    public Tensor ge(Object o) { return __ge__(o); }
    /** @param o a tensor or number @return {@code this <= o} (bool) */
    public Tensor le(Object o) { return __le__(o); }
    /** @param o a tensor or number @return {@code this == o} (bool) */
    public Tensor eq(Object o) { return Ops.compare(this, operand(o, "=="), 0); }
    /** @param o a tensor or number @return {@code this != o} (bool) */
    public Tensor ne(Object o) { return Ops.compare(this, operand(o, "!="), 3); }

    /**
     * {@code t.argmax()} (the position of the largest entry counting row by row, 0-d) or
     * {@code t.argmax(dim, keepdim=False)}; the first of equal maxima.
     *
     * @param args optional {@code dim}, {@code keepdim}
     * @param kws  keyword names
     * @return indices (whole numbers, as floats; no gradient)
     */
    public Tensor argmax(PyObject[] args, String[] kws) {
        return position(new Args("argmax", args, kws, "dim", "keepdim"), true);
    }

    /**
     * @param args optional {@code dim}, {@code keepdim}
     * @param kws  keyword names
     * @return the positions of the smallest entries, as {@link #argmax}
     */
    public Tensor argmin(PyObject[] args, String[] kws) {
        return position(new Args("argmin", args, kws, "dim", "keepdim"), false);
    }

    /** argmax/argmin with the arguments bound ({@code dim}, {@code keepdim}), for {@link Torch} too. */
    Tensor position(Args a, boolean max) {
        if (!a.has("dim")) {
            if (numel() == 0) {
                throw Errors.index((max ? "argmax" : "argmin") + "(): Expected reduction dim to be specified for input.numel() == 0.");
            }
            final Tensor flat = Ops.reshape(detach(), new int[] {numel()}, "ViewBackward0");
            return Extremes.along(flat, 0, false, max, max ? "argmax" : "argmin").getIndices();
        }
        return Extremes.along(detach(), a.integer("dim", 0), a.bool("keepdim", false), max, max ? "argmax" : "argmin").getIndices();
    }

    /**
     * @param dim where to insert a dimension of size 1
     * @return the reshaped tensor (in the record)
     */
    public Tensor unsqueeze(int dim) { return Ops.unsqueeze(this, dim); }

    /**
     * {@code t.squeeze()} drops every dimension of size 1; {@code t.squeeze(dim)} drops that one if its
     * size is 1 (else returns the same shape), as PyTorch.
     *
     * @param args optional {@code dim}
     * @param kws  keyword names
     * @return the reshaped tensor (in the record)
     */
    public Tensor squeeze(PyObject[] args, String[] kws) {
        final Args a = new Args("squeeze", args, kws, "dim");
        if (!a.has("dim")) {
            return Ops.squeeze(this);
        }
        if (shape.length == 0) {
            return Ops.reshape(this, new int[0], "SqueezeBackward1");
        }
        final int d = Ops.dim(this, a.integer("dim", 0));
        if (shape[d] != 1) {
            return Ops.reshape(this, shape.clone(), "SqueezeBackward1");
        }
        final int[] s = new int[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (i != d) {
                s[j++] = shape[i];
            }
        }
        return Ops.reshape(this, s, "SqueezeBackward1");
    }

    /** @return the entries as a 1-d tensor, row by row (in the record) */
    public Tensor flatten() { return Ops.reshape(this, new int[] {numel()}, "ReshapeAliasBackward0"); }

    /**
     * {@code t.flatten(start_dim=0, end_dim=-1)}: dimensions start..end merged into one, as PyTorch's ({@code x.flatten(1)}
     * keeps a matrix's rows, as after the convolutions of image code); the tensor itself when they are one dimension.
     *
     * @param args start_dim, end_dim
     * @param kws  their keywords
     * @return the flattened tensor (in the record)
     */
    public Tensor flatten(PyObject[] args, String[] kws) {
        final Args a = new Args("flatten", args, kws, "start_dim", "end_dim");
        return flatten(a.integer("start_dim", 0), a.integer("end_dim", -1));
    }

    /** {@link #flatten(PyObject[], String[])} of the given dimensions (also {@code nn.Flatten}'s). */
    Tensor flatten(int startDim, int endDim) {
        final int d = Math.max(shape.length, 1);   // a 0-d tensor flattens as a 1-d one of one entry
        final int start = flattenDim(startDim, d), end = flattenDim(endDim, d);
        if (start > end) {
            throw Errors.runtime("flatten() has invalid args: start_dim cannot come after end_dim");
        }
        if (shape.length == 0) {
            return flatten();
        }
        if (start == end) {
            return this;
        }
        return flatten();   // at most 2 dimensions here: 0..1 is all of them
    }

    private int flattenDim(int dim, int d) {
        final int k = dim < 0 ? dim + d : dim;
        if (k < 0 || k >= d) {
            throw Errors.index("Dimension out of range (expected to be in range of [" + -d + ", " + (d - 1) + "], but got "
                    + dim + ")");
        }
        return k;
    }

    /** @return this tensor: storage here is always contiguous */
    public Tensor contiguous() { return this; }

    /**
     * @param args none
     * @param kws  {@code memory_format} only
     * @return this tensor: storage here is always contiguous, in any memory format
     */
    public Tensor contiguous(PyObject[] args, String[] kws) {
        new Args("contiguous", args, kws, "memory_format");
        return this;
    }

    /**
     * @param sizes new sizes (one may be -1)
     * @return the same entries in that shape (in the record)
     */
    public Tensor reshape(int[] sizes) { return Ops.reshape(this, Ops.resolve(this, sizes), "ReshapeAliasBackward0"); }
    /** @param n size of a 1-d result (-1: all) @return the reshaped tensor */
    public Tensor view(int n) { return view(new int[] {n}); }
    /** @param sizes new sizes, e.g. a tuple (one may be -1) @return the reshaped tensor */
    public Tensor view(int[] sizes) { return Ops.reshape(this, Ops.resolve(this, sizes), "ViewBackward0"); }
    /** @param n size of a 1-d result (-1: all) @return the reshaped tensor */
    public Tensor reshape(int n) { return reshape(new int[] {n}); }
    /** @param r rows @param c columns (one may be -1) @return the reshaped tensor */
    public Tensor view(int r, int c) { return view(new int[] {r, c}); }
    /** @param r rows @param c columns (one may be -1) @return the reshaped tensor */
    public Tensor reshape(int r, int c) { return reshape(new int[] {r, c}); }
    /** @return the transpose of a 2-d tensor */
    public Tensor t() { return Ops.transpose(this); }

    /**
     * @param d0 a dimension
     * @param d1 a dimension
     * @return this tensor with the two dimensions swapped (for a 2-d tensor and 0, 1 the transpose)
     */
    public Tensor transpose(int d0, int d1) {
        return shape.length < 2 || Ops.dim(this, d0) == Ops.dim(this, d1) ? Ops.reshape(this, shape.clone(), "TransposeBackward0")
                : Ops.named(Ops.transpose(this), "TransposeBackward0");
    }

    /** @param d0 the first dimension's new place @param d1 the second's @return {@code permute([d0, d1])} */
    public Tensor permute(int d0, int d1) { return permute(new int[] {d0, d1}); }

    /** @param dims the new order of the dimensions @return (1, 0) the transpose, (0, 1) the same */
    public Tensor permute(int[] dims) {
        if (dims.length != shape.length) {
            throw Errors.runtime("permute: " + dims.length + " dimensions given for a tensor of shape " + shapeText(shape));
        }
        return dims.length == 2 && Ops.dim(this, dims[0]) == 1 ? Ops.named(Ops.transpose(this), "PermuteBackward0")
                : Ops.reshape(this, shape.clone(), "PermuteBackward0");
    }

    /**
     * @param o a 2-d tensor
     * @return the matrix product {@code this o}
     */
    public Tensor mm(Tensor o) { return Ops.mm(this, o); }

    /** @param o a 2-d tensor @return {@code this @ o} */
    public Tensor matmul(Tensor o) {
        if (shape.length == 1 && o.shape.length == 1) {
            return dot(o);
        }
        if (o.shape.length == 1) {
            return Ops.reshape(Ops.mm(this, Ops.unsqueeze(o, 1)), new int[] {shape[0]}, "MvBackward0");
        }
        if (shape.length == 1) {
            return Ops.reshape(Ops.mm(Ops.unsqueeze(this, 0), o), new int[] {o.shape[1]}, "SqueezeBackward3");
        }
        return Ops.mm(this, o);
    }

    // ------------------------------------------------------------------ in place (outside the record)

    /** Refuses an in-place change that would corrupt the record, as {@link #__setitem__} does. */
    private void checkInPlace(String what) {
        if (node != null) {
            throw Errors.runtime(what + ": in-place changes to a tensor computed by recorded operations (" + node.name
                    + ") are not supported; write t = t " + what.charAt(0) + " ... or work on t.detach()");
        }
        checkLeafInPlace(what);
    }

    /** Refuses an in-place change of a leaf that requires grad while operations are recorded, as PyTorch does. */
    private void checkLeafInPlace(String what) {
        if (node == null && requiresGrad && Autograd.enabled()) {
            throw Errors.runtime(what + ": a leaf tensor that requires grad is used in an in-place operation; do it "
                    + "inside torch.no_grad() (as in a hand-written update: with torch.no_grad(): w -= lr * w.grad)");
        }
    }

    /** Sets this tensor's entries, in place, to {@code this op o} (o broadcast to this shape). */
    private Tensor inPlace(Object o, Ops.Bin op, String what) {
        checkInPlace(what);
        final boolean was = Autograd.setEnabled(false);
        final Tensor r;
        try {
            r = Ops.binary(this, operand(o, what), op);
        } finally {
            Autograd.setEnabled(was);
        }
        if (!java.util.Arrays.equals(r.shape, shape)) {
            throw Errors.runtime(what + ": the result has shape " + shapeText(r.shape) + " but an in-place operation "
                    + "must keep the tensor's shape " + shapeText(shape));
        }
        if (integral != null && (r.integral == null || op == Ops.Bin.DIV)) {
            throw Errors.runtime(what + ": the result is float but this tensor holds whole numbers (" + integral
                    + "), as PyTorch refuses too; use t = t.float() first");
        }
        System.arraycopy(r.data.data, 0, data.data, 0, numel());
        return this;
    }

    /** @param o a tensor or a number @return this, {@code this += o} in place (outside the record) */
    public Tensor __iadd__(Object o) { return inPlace(o, Ops.Bin.ADD, "+="); }
    /** @param o a tensor or a number @return this, {@code this -= o} in place */
    public Tensor __isub__(Object o) { return inPlace(o, Ops.Bin.SUB, "-="); }
    /** @param o a tensor or a number @return this, {@code this *= o} in place */
    public Tensor __imul__(Object o) { return inPlace(o, Ops.Bin.MUL, "*="); }
    /** @param o a tensor or a number @return this, {@code this /= o} in place */
    public Tensor __idiv__(Object o) { return inPlace(o, Ops.Bin.DIV, "/="); }
    /** @param o a tensor or a number @return this, {@code this /= o} in place (true division) */
    public Tensor __itruediv__(Object o) { return __idiv__(o); }

    /**
     * {@code t.add_(other, alpha=1)}: {@code t += alpha * other} in place; the older order
     * {@code t.add_(alpha, other)} (a number first) is accepted too.
     *
     * @param args other, alpha
     * @param kws  keyword names
     * @return this
     */
    public Tensor add_(PyObject[] args, String[] kws) { return scaledInPlace("add_", args, kws, Ops.Bin.ADD); }

    /**
     * @param args other, alpha
     * @param kws  keyword names
     * @return this, {@code t -= alpha * other} in place
     */
    public Tensor sub_(PyObject[] args, String[] kws) { return scaledInPlace("sub_", args, kws, Ops.Bin.SUB); }

    private Tensor scaledInPlace(String what, PyObject[] args, String[] kws, Ops.Bin op) {
        final Args a = new Args(what, args, kws, "other", "alpha");
        PyObject other = a.required("other"), alpha = a.get("alpha");
        // PyTorch's deprecated add_(Number alpha, Tensor other) of older tutorials: p.data.add_(-lr, p.grad.data)
        if (kws.length == 0 && args.length == 2 && !(other.__tojava__(Tensor.class) instanceof Tensor)
                && args[1].__tojava__(Tensor.class) instanceof Tensor) {
            alpha = other;
            other = args[1];
        }
        final Tensor o = Convert.toTensor(other, what + "() argument 'other'");
        return inPlace(alpha == null ? o : o.detach().__mul__(alpha.asDouble()), op, what);
    }

    /** @param o a tensor or a number @return this, {@code this *= o} in place */
    public Tensor mul_(Object o) { return inPlace(o, Ops.Bin.MUL, "mul_"); }
    /** @param o a tensor or a number @return this, {@code this /= o} in place */
    public Tensor div_(Object o) { return inPlace(o, Ops.Bin.DIV, "div_"); }

    /** @return this, all entries set to 0 */
    public Tensor zero_() {
        checkLeafInPlace("zero_");
        java.util.Arrays.fill(data.data, 0, numel(), 0.0);
        return this;
    }

    /**
     * @param src a tensor of the same shape (or a list)
     * @return this, with src's entries
     */
    public Tensor copy_(Object src) {
        checkLeafInPlace("copy_");
        final Tensor s = Convert.toTensor(src, "copy_");
        if (s.numel() != numel()) {
            throw Errors.runtime("copy_: source has shape " + shapeText(s.shape) + ", target " + shapeText(shape));
        }
        System.arraycopy(s.data.data, 0, data.data, 0, numel());
        roundIfWidened(this, s);
        return whole(false);
    }

    /**
     * A float32 (float16) tensor's values widened to float64 (float32 or float64) are its float32 (float16) values, as
     * PyTorch's ({@code torch.tensor([0.1]).double()} is 0.10000000149011612, {@code torch.tensor([0.1],
     * dtype=torch.float16).float()} 0.0999755859375): those dtypes are computed in float64 here, so the widening rounds
     * ({@link DType#held}).
     */
    private static void roundIfWidened(Tensor to, Tensor from) {
        if (widens(from, to)) {
            final DType f = from.floatDtype();
            final double[] d = to.data.data;
            for (int i = 0, n = to.numel(); i < n; i++) {
                d[i] = f.held(d[i]);
            }
        }
    }

    /** @return whether from's float dtype is narrower than to's (float32 or float16 into a wider float tensor) */
    private static boolean widens(Tensor from, Tensor to) {
        if (to.integral != null || from.integral != null) {
            return false;
        }
        final DType f = from.floatDtype(), t = to.floatDtype();
        return (f == DType.FLOAT32 && t == DType.FLOAT64)
                || (f == DType.FLOAT16 && (t == DType.FLOAT32 || t == DType.FLOAT64));
    }

    // ------------------------------------------------------------------ backward

    /**
     * {@code t.backward()} for a one-entry tensor, or {@code t.backward(gradient)}: runs the record
     * back from this tensor with {@code dL/dt = gradient} and adds into every leaf's {@code .grad}.
     * Without {@code retain_graph=True}, a second backward through an operation that saved values for its
     * backward (a product, an activation, a layer) is refused, as in PyTorch.
     *
     * @param args {@code gradient} (a tensor, list or number of this tensor's shape), {@code retain_graph}
     * @param kws  keyword names
     */
    public void backward(PyObject[] args, String[] kws) {
        final Args a = new Args("backward", args, kws, "gradient", "retain_graph");
        final Tensor g;
        if (a.has("gradient")) {
            g = a.tensor("gradient");
        } else if (numel() == 1) {
            g = scalar(1.0);
        } else {
            throw Errors.runtime("backward(): a gradient is needed for a tensor of shape " + shapeText(shape)
                    + " (only a one-entry tensor defaults to gradient 1)");
        }
        backward(g, a.bool("retain_graph", false));
    }

    /**
     * @param gradient {@code dL/d this}, same shape (or one entry for a one-entry tensor)
     */
    public void backward(Tensor gradient) {
        backward(gradient, false);
    }

    /**
     * @param gradient {@code dL/d this}, same shape (or one entry for a one-entry tensor)
     * @param retain   whether the record may be run through again ({@code retain_graph=True})
     */
    public void backward(Tensor gradient, boolean retain) {
        if (!needsGrad()) {
            throw Errors.runtime("backward(): this tensor was not computed from a module or from a tensor with "
                    + "requires_grad=True, so there is nothing to differentiate");
        }
        final boolean sameShape = java.util.Arrays.equals(gradient.shape, shape);
        if (!sameShape && !(gradient.numel() == 1 && numel() == 1)) {
            throw Errors.runtime("backward(): gradient has shape " + shapeText(gradient.shape)
                    + " but the tensor has shape " + shapeText(shape));
        }
        final DMatrixRMaj seed = new DMatrixRMaj(data.numRows, data.numCols);
        System.arraycopy(gradient.data.data, 0, seed.data, 0, numel());
        try {
            Autograd.backward(this, seed, retain);
        } catch (RuntimeException e) {
            throw Errors.translateComputation(e);
        }
    }

    // ------------------------------------------------------------------ printing

    /** @return the tensor as PyTorch prints it ({@link TensorPrinter}, under torch.set_printoptions) */
    @Override
    public String toString() {
        return TensorPrinter.print(this);
    }

    /** @return the repr, as {@link #toString()} */
    public String __repr__() {
        return toString();
    }
}

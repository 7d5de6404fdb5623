package neuralglm.jython;

import org.python.core.PyObject;

/**
 * PyTorch's dtypes as labels: {@code torch.float32}, {@code float64}, {@code float16}, {@code long} (int64),
 * {@code int} (int32) and {@code bool} are accepted wherever PyTorch takes a {@code dtype}, and a tensor carries
 * the one it stands for ({@code t.dtype}, printing, {@code t.type()}), but every tensor here stores and computes in
 * float64 (double). An integer dtype truncates the values toward zero when a tensor is made or converted
 * ({@code torch.tensor([1.7], dtype=torch.long)} holds 1.0), as PyTorch: a value made into one that it cannot hold
 * (NaN, infinite, out of range) is PyTorch's RuntimeError ({@link #apply}), a float tensor converted to one gives the
 * dtype's smallest value there ({@link #convert}); a bool dtype maps non-zero to 1.0. A float tensor made
 * without a dtype has the default dtype ({@link #defaultFloat()}: {@code torch.float32} unless
 * {@code torch.set_default_dtype} changed it), as in PyTorch; the labels follow PyTorch's type promotion
 * ({@link Tensor#floatOf}) so that a product of two float dtypes is refused where PyTorch refuses it.
 */
public final class DType {

    /** 32-bit float: computed in float64. */
    public static final DType FLOAT32 = new DType("float32", false);
    /** 64-bit float, what every tensor here is. */
    public static final DType FLOAT64 = new DType("float64", false);
    /** 16-bit float: computed in float64. */
    public static final DType FLOAT16 = new DType("float16", false);
    /** 64-bit integer ({@code torch.long}): values truncated toward zero, stored as float64. */
    public static final DType INT64 = new DType("int64", true);
    /** 32-bit integer ({@code torch.int}): values truncated toward zero, stored as float64. */
    public static final DType INT32 = new DType("int32", true);
    /** Boolean: non-zero becomes 1.0, stored as float64. */
    public static final DType BOOL = new DType("bool", true);

    /** The default float dtype, {@code torch.set_default_dtype}'s (one per JVM, as PyTorch's is one per process). */
    private static volatile DType defaultFloat = FLOAT32;

    private final String name;
    private final boolean integral;

    private DType(String name, boolean integral) {
        this.name = name;
        this.integral = integral;
    }

    /** @return the dtype of a float tensor made without one: {@code torch.get_default_dtype()} */
    public static DType defaultFloat() {
        return defaultFloat;
    }

    /**
     * {@code torch.set_default_dtype(d)}: the dtype of float tensors made without one from now on (and of those
     * made earlier without one, unlike PyTorch, where they keep theirs).
     *
     * @param d {@link #FLOAT32} or {@link #FLOAT64}
     */
    public static void setDefaultFloat(DType d) {
        if (d != FLOAT32 && d != FLOAT64) {
            throw Errors.type("set_default_dtype: only floating point types are supported as the default type, got " + d);
        }
        defaultFloat = d;
    }

    /** @return PyTorch's scalar type name, as in its messages: {@code Float}, {@code Double}, {@code Long}, ... */
    String scalarName() {
        switch (name) {
            case "float32": return "Float";
            case "float64": return "Double";
            case "float16": return "Half";
            case "int64": return "Long";
            case "int32": return "Int";
            default: return "Bool";
        }
    }

    /** @return the legacy tensor type, {@code torch.FloatTensor}, {@code torch.DoubleTensor}, ... ({@code t.type()}) */
    String tensorType() {
        return "torch." + (this == BOOL ? "Bool" : scalarName()) + "Tensor";
    }

    /** @return the wider of two float dtypes (float16 &lt; float32 &lt; float64), as PyTorch's promotion */
    static DType wider(DType a, DType b) {
        return a == FLOAT64 || b == FLOAT64 ? FLOAT64 : a == FLOAT32 || b == FLOAT32 ? FLOAT32 : a;
    }

    /** @return e.g. {@code float32} */
    public String getName() {
        return name;
    }

    /** @return whether values are whole numbers (int32, int64, bool) */
    public boolean getIs_floating_point() {
        return !integral;
    }

    /**
     * @param value  a {@code dtype=} argument (a DType, or None), or null
     * @param caller the function, for messages
     * @return the dtype, or null when none was given
     */
    static DType of(PyObject value, String caller) {
        if (value == null || value == org.python.core.Py.None) {
            return null;
        }
        final Object java = value.__tojava__(DType.class);
        if (java instanceof DType) {
            return (DType) java;
        }
        throw Errors.value(caller + ": dtype must be one of torch.float32, torch.float64, torch.float16, torch.long, "
                + "torch.int, torch.bool; got " + value);
    }

    /**
     * Labels t with this dtype and rounds its entries in place as this dtype would hold them (nothing for a float
     * dtype), as PyTorch makes a tensor of values ({@code torch.tensor}, {@code torch.full}, {@code fill_}, an
     * assignment of a number): an entry that is NaN, infinite or outside the whole-number dtype's range as PyTorch
     * checks it (int64's [-2^63, 2^63], its largest value as a double; int32's [-2^31, 2^31 - 1]) is PyTorch's
     * RuntimeError "value cannot be converted to type int64 without overflow"; the others are truncated toward zero
     * (2^63 then becomes -2^63, as in {@link #convert}).
     *
     * @param t a tensor outside the record
     * @return t
     */
    Tensor apply(Tensor t) {
        return round(t, true);
    }

    /**
     * {@link #apply} as PyTorch converts a float tensor ({@code t.long()}, {@code t.to(torch.int32)}, {@code copy_}):
     * unchecked, an entry that is NaN or outside the range becomes the dtype's smallest value (-2^63 for int64, -2^31
     * for int32: x86's "integer indefinite", which PyTorch's conversion gives on the processors the bridge is compared
     * on).
     *
     * @param t a tensor outside the record
     * @return t
     */
    Tensor convert(Tensor t) {
        return round(t, false);
    }

    private Tensor round(Tensor t, boolean checked) {
        t.integral = integral ? this : null;
        t.floating = integral ? null : this;
        if (integral) {
            final double[] d = t.data.data;
            // the range as PyTorch checks it, against the largest value as a double (2^63 for int64)
            final double lo = this == INT32 ? -0x1p31 : -0x1p63, max = this == INT32 ? Integer.MAX_VALUE : 0x1p63;
            for (int i = 0; i < t.numel(); i++) {
                if (this == BOOL) {
                    d[i] = d[i] != 0 ? 1.0 : 0.0;
                    continue;
                }
                if (checked && !(d[i] >= lo && d[i] <= max)) {
                    throw Errors.runtime("value cannot be converted to type " + name + " without overflow: " + d[i]);
                }
                final double v = d[i] < 0 ? Math.ceil(d[i]) : Math.floor(d[i]);
                d[i] = v >= lo && v < -lo ? v : lo;
            }
        } else {
            overflow(t);
        }
        return t;
    }

    /**
     * A float tensor made of values: those beyond its dtype's range are its infinities and those below its smallest
     * subnormal its zeros, as PyTorch stores them ({@code torch.tensor([1e300])} is {@code inf} in float32, so its log
     * is inf and {@code x / x} NaN; 1e-50 is 0, its log -inf); the others keep their float64 values (float32 and
     * float16 are computed in float64 here, and leave a tensor rounded).
     *
     * @param t a float tensor outside the record, labelled
     */
    static void overflow(Tensor t) {
        final DType f = t.floatDtype();
        if (f == FLOAT64) {
            return;
        }
        final double[] d = t.data.data;
        for (int i = 0, n = t.numel(); i < n; i++) {
            final double h = f.held(d[i]);
            if (Double.isInfinite(h) || h == 0) {
                d[i] = h;
            }
        }
    }

    /**
     * A value as a tensor of this dtype holds it: float32's nearest float32; float16's nearest float16 of that
     * float32 value, as PyTorch makes a c10::Half from a float ({@link #float16}); float64 and whole numbers as they
     * are. Float32 and float16 are computed in float64 here, so their values leave a tensor (item, tolist, float,
     * printing) through this, as PyTorch's, where a float32 tensor's {@code item()} is its float32 value widened to a
     * Python float.
     *
     * @param v a value computed in float64
     * @return v rounded to this dtype
     */
    double held(double v) {
        return this == FLOAT32 ? (float) v : this == FLOAT16 ? float16((float) v) : v;
    }

    /**
     * IEEE 754 half precision of a float: the nearest multiple of the spacing at f's exponent (2^(e - 10), at least
     * 2^-24 below 2^-14, where float16's subnormals are), ties to even; past 65504, float16's largest value, infinity
     * (65520, half way to 2^16, rounds to even, 2^16, and so to infinity).
     *
     * @param f a float
     * @return f rounded to float16, as a double (exactly)
     */
    static double float16(float f) {
        if (!Float.isFinite(f)) {
            return f;
        }
        final double spacing = Math.scalb(1.0, Math.max(Math.getExponent(f), -14) - 10);
        final double r = Math.rint(f / spacing) * spacing;   // f / spacing is exact: a power of two apart
        return Math.abs(r) > 65504 ? Math.copySign(Double.POSITIVE_INFINITY, f) : r;
    }

    /**
     * @param value  a {@code device=} argument, or null
     * @param caller the function, for messages
     */
    static void checkDevice(PyObject value, String caller) {
        if (value == null || value == org.python.core.Py.None) {
            return;
        }
        final String d = value.toString();
        if (!d.equals("cpu")) {
            throw Errors.value(caller + ": device '" + d + "' is not available; neuralGLM computes on the CPU "
                    + "(torch.cuda.is_available() is False)");
        }
    }

    @Override
    public String toString() {
        return "torch." + name;
    }
}

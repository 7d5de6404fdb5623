package neuralglm.jython;

import org.ejml.data.DMatrixRMaj;
import org.python.core.Py;
import org.python.core.PyObject;

/**
 * The {@code torch} namespace: tensor factories, the seeded generator behind every random draw
 * (including {@code nn.Linear}'s initial weights), samplers for the notebook's data, and the
 * element-wise and reducing functions as free functions ({@code torch.exp(t)}). The generator is PyTorch's
 * ({@link TorchRandom}): after {@code torch.manual_seed(s)}, {@code rand}, {@code randn}, {@code normal_},
 * {@code uniform_}, {@code randint}, {@code randperm}, {@code bernoulli}, dropout and {@code nn.Linear}'s
 * initial weights are PyTorch 1.13's numbers (float64 normals to about an ulp).
 */
public final class Torch {

    private static TorchRandom rng = new TorchRandom(TorchRandom.DEFAULT_SEED);

    static {
        TensorIdentity.install();
    }

    private Torch() {
    }

    /** @return the shared generator */
    static TorchRandom generator() {
        return rng;
    }

    /** The seed of the shared stream's last manual_seed (PyTorch's default seed until then). */
    private static long initialSeed = TorchRandom.DEFAULT_SEED;

    /** @param seed a new seed for every following random draw @return torch.default_generator, as PyTorch's */
    public static TorchGenerator manual_seed(long seed) {
        rng = new TorchRandom(seed);
        initialSeed = seed;
        return TorchGenerator.shared();
    }

    /** @return the seed of the last manual_seed ({@code torch.initial_seed()}) */
    public static long initialSeed() {
        return initialSeed;
    }

    /** @param r the stream every following draw comes from @return the one before */
    static TorchRandom setGenerator(TorchRandom r) {
        final TorchRandom previous = rng;
        rng = r;
        return previous;
    }

    /** @return {@code torch.get_rng_state()}: a copy of the shared stream's state */
    public static Object get_rng_state() {
        return TorchGenerator.RngState.of(rng);
    }

    /** @param state {@code torch.set_rng_state(state)}: the shared stream back to a state of get_rng_state() */
    public static void set_rng_state(Object state) {
        rng = TorchGenerator.RngState.restore(state, "set_rng_state");
    }

    // ------------------------------------------------------------------ factories

    /**
     * {@code tensor(data, requires_grad=False)}.
     *
     * @param args data (a number, a list, nested lists, or a tensor to copy: its values as stored, labelled with
     *             {@code dtype}, not rounded to it), requires_grad
     * @param kws  keyword names
     * @return a new leaf tensor
     */
    public static Tensor tensor(PyObject[] args, String[] kws) {
        final Args a = new Args("tensor", args, kws, "data", "dtype", "device", "requires_grad");
        DType.checkDevice(a.get("device"), "tensor");
        final DType dtype = DType.of(a.get("dtype"), "tensor");
        final Tensor t = a.tensor("data").detach();
        if (dtype != null) {
            dtype.apply(t);
        } else if (a.required("data").__tojava__(Tensor.class) == Py.NoConversion) {
            t.integral = Convert.inferWhole(a.required("data"));
            if (t.integral == null) {
                DType.overflow(t);   // numbers beyond the default float dtype's range are its infinities
            }
        }
        t.setRequires_grad(a.bool("requires_grad", false));
        return t;
    }

    /**
     * {@code torch.fmod(input, other)}: C's fmod, the remainder of {@code input / other} truncated toward 0 (the sign of
     * input), exact; recorded with PyTorch's gradients 1 and {@code -trunc(input / other)}.
     *
     * @param input a tensor
     * @param other a tensor or a number
     * @return the remainders, broadcast
     */
    public static Tensor fmod(Tensor input, Object other) {
        return Ops.binary(input, Tensor.operand(other, "fmod"), Ops.Bin.FMOD);
    }

    /**
     * {@code torch.result_type(tensor1, tensor2)}: the dtype of an arithmetic operation's result on the two, by PyTorch's
     * promotion (whole numbers stay whole, bool with bool is bool; a float operand makes it float, the widest float of
     * the operands with dimensions, else of the 0-d ones; a Python number counts as a 0-d tensor).
     *
     * @param a a tensor or a number
     * @param b a tensor or a number
     * @return the dtype
     */
    public static DType result_type(Object a, Object b) {
        final Tensor x = Tensor.operand(a, "result_type"), y = Tensor.operand(b, "result_type");
        final DType whole = Tensor.wholeOf(x, y);
        return whole != null ? whole : Ops.promotion(x, y);
    }

    /** @return whether operations are recorded now (False inside {@code torch.no_grad()}) */
    public static boolean is_grad_enabled() {
        return Autograd.enabled();
    }

    /**
     * The switch behind {@code torch.no_grad()} and {@code torch.enable_grad()}.
     *
     * @param on whether operations are recorded from now on (on this thread)
     * @return the previous setting
     */
    public static boolean set_grad_enabled(boolean on) {
        return Autograd.setEnabled(on);
    }

    /**
     * @param t a tensor
     * @param p an exponent
     * @return {@code t ** p}, recorded
     */
    public static Tensor pow(Tensor t, Object p) {
        return t.pow(p);
    }

    private static int[] sizes(Args a, String name) {
        final PyObject s = a.required("size");
        final PyObject[] items;
        if (s.isSequenceType()) {
            items = new PyObject[s.__len__()];
            for (int i = 0; i < items.length; i++) {
                items[i] = s.__getitem__(i);
            }
        } else {
            items = a.has("cols") ? new PyObject[] {s, a.get("cols")} : new PyObject[] {s};
        }
        if (items.length > 2) {
            throw Errors.value(name + ": tensors here have at most 2 dimensions, got " + items.length + " sizes");
        }
        final int[] out = new int[items.length];
        for (int i = 0; i < out.length; i++) {
            if (!(items[i] instanceof org.python.core.PyInteger || items[i] instanceof org.python.core.PyLong)) {
                throw Errors.type(name + "(): argument 'size' must be a tuple of ints, but found element of type "
                        + items[i].getType().getName() + " at pos " + (i + 1));
            }
            out[i] = items[i].asInt();
            if (out[i] < 0) {
                throw Errors.runtime(name + ": sizes must be >= 0, got " + out[i]);
            }
        }
        return out;
    }

    private static Tensor filled(int[] shape, java.util.function.DoubleSupplier value) {
        final int r = shape.length == 2 ? shape[0] : 1;
        final int c = shape.length == 2 ? shape[1] : shape.length == 1 ? shape[0] : 1;
        final DMatrixRMaj m = new DMatrixRMaj(r, c);
        for (int i = 0; i < r * c; i++) {
            m.data[i] = value.getAsDouble();
        }
        return Tensor.of(m, shape);
    }

    private static Tensor sized(String name, PyObject[] args, String[] kws, java.util.function.DoubleSupplier value) {
        final Args a = new Args(name, args, kws, "size", "cols", "dtype", "device", "requires_grad");
        final PyObject third = a.get("dtype");
        if (third instanceof org.python.core.PyInteger || third instanceof org.python.core.PyLong) {
            throw Errors.value(name + ": tensors here have at most 2 dimensions, got " + (args.length - kws.length)
                    + " sizes");
        }
        DType.checkDevice(a.get("device"), name);
        final DType dtype = DType.of(a.get("dtype"), name);
        final Tensor t = filled(sizes(a, name), value);
        if (dtype != null) {
            dtype.apply(t);
        }
        t.setRequires_grad(a.bool("requires_grad", false));
        return t;
    }

    /** @param args sizes (ints or a tuple), dtype, device, requires_grad @param kws keywords @return zeros */
    public static Tensor zeros(PyObject[] args, String[] kws) { return sized("zeros", args, kws, () -> 0.0); }
    /** @param args sizes, requires_grad @param kws keywords @return ones */
    public static Tensor ones(PyObject[] args, String[] kws) { return sized("ones", args, kws, () -> 1.0); }
    /** @param args sizes @param kws keywords @return uniform draws in [0, 1) */
    public static Tensor rand(PyObject[] args, String[] kws) { return uniform_(sized("rand", args, kws, () -> 0.0), 0, 1); }
    /** @param args sizes @param kws keywords @return standard normal draws */
    public static Tensor randn(PyObject[] args, String[] kws) { return normal_(sized("randn", args, kws, () -> 0.0), 0, 1); }

    /** @param t a tensor @return zeros of its shape */
    public static Tensor zeros_like(PyObject[] args, String[] kws) { return like("zeros_like", args, kws, () -> 0.0); }
    /** @param t a tensor @return ones of its shape */
    public static Tensor ones_like(PyObject[] args, String[] kws) { return like("ones_like", args, kws, () -> 1.0); }
    /** @param args input, dtype, device, requires_grad @param kws keywords @return uniform draws of its shape */
    public static Tensor rand_like(PyObject[] args, String[] kws) { return uniform_(like("rand_like", args, kws, () -> 0.0), 0, 1); }
    /** @param args input, dtype, device, requires_grad @param kws keywords @return standard normal draws of its shape */
    public static Tensor randn_like(PyObject[] args, String[] kws) { return normal_(like("randn_like", args, kws, () -> 0.0), 0, 1); }

    /** @return whether t's values are drawn as float32 (its dtype, or the default; float16 as float32), else float64 */
    private static boolean float32(Tensor t) {
        return t.floatDtype() != DType.FLOAT64;
    }

    /**
     * {@code t.uniform_(a, b)}: t's entries drawn uniformly from [a, b) in place, outside the record, in t's float
     * dtype as PyTorch draws them (a and b rounded to float32 for a float32 tensor).
     *
     * @param t a float tensor
     * @param a the lower end
     * @param b the upper end
     * @return t
     */
    public static Tensor uniform_(Tensor t, double a, double b) {
        if (!(a <= b)) {
            throw Errors.runtime("uniform_ expects to return a [from, to) range, but found from=" + a + " > to=" + b);
        }
        rng.uniform(t.data.data, t.numel(), a, b, float32(t));
        return t;
    }

    /**
     * {@code t.normal_(mean, std)}: t's entries drawn from N(mean, std^2) in place, outside the record, as PyTorch
     * fills a contiguous tensor of that size and dtype ({@link TorchRandom#normal}).
     *
     * @param t    a float tensor
     * @param mean the mean
     * @param std  the standard deviation, &gt;= 0
     * @return t
     */
    public static Tensor normal_(Tensor t, double mean, double std) {
        if (!(std >= 0)) {
            throw Errors.runtime("normal expects std >= 0.0, but found std " + std);
        }
        rng.normal(t.data.data, t.numel(), mean, std, float32(t));
        return t;
    }

    /**
     * {@code torch.randint(low, high, size)}'s draws: {@code low + random() mod (high - low)} (random64 for a range of
     * 2^32 or more), as PyTorch's random_(from, to).
     *
     * @param low   the smallest value
     * @param high  one above the largest, &gt; low
     * @param count how many
     * @return the draws, in order
     */
    public static long[] randintDraws(long low, long high, int count) {
        if (high <= low) {
            throw Errors.runtime("random_ expects 'from' to be less than 'to', but got from=" + low + " >= to=" + high);
        }
        final long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            out[i] = low + rng.below(high - low);
        }
        return out;
    }

    /**
     * {@code t.exponential_(lambd)}'s values: {@code -1 / lambd log(1 - u)} from float64 uniforms u, rounded to t's
     * dtype (PyTorch's exponential_distribution&lt;double&gt;).
     *
     * @param t     a float tensor, filled in place
     * @param lambd the rate, &gt; 0
     * @return t
     */
    public static Tensor exponential_(Tensor t, double lambd) {
        if (!(lambd > 0)) {
            throw Errors.runtime("exponential_ expects lambda > 0.0, but found lambda=" + lambd);
        }
        final boolean single = float32(t);
        for (int i = 0; i < t.numel(); i++) {
            final double v = rng.exponential(lambd);
            t.data.data[i] = single ? (float) v : v;
        }
        return t;
    }

    /** @return {@code torch.empty((), dtype=torch.int64).random_().item()}: a whole number in [0, 2^63) */
    public static long random63() {
        return rng.random63();
    }

    private static Tensor like(String name, PyObject[] args, String[] kws, java.util.function.DoubleSupplier value) {
        final Args a = new Args(name, args, kws, "input", "dtype", "device", "requires_grad");
        DType.checkDevice(a.get("device"), name);
        final Tensor in = a.tensor("input");
        final DType dtype = DType.of(a.get("dtype"), name);
        final Tensor t = filled(in.shape.clone(), value);
        if (dtype != null) {
            dtype.apply(t);
        } else {
            t.labelLike(in);   // the input's dtype, whole-number or float (zeros_like of a float64 tensor is float64)
        }
        t.setRequires_grad(a.bool("requires_grad", false));
        return t;
    }

    /**
     * {@code arange(end)} or {@code arange(start, end, step=1)}.
     *
     * @param args start, end, step
     * @param kws  keyword names
     * @return {@code start, start + step, ...} below end (1-d)
     */
    public static Tensor arange(PyObject[] args, String[] kws) {
        final Args a = new Args("arange", args, kws, "start", "end", "step", "dtype", "device", "requires_grad");
        DType.checkDevice(a.get("device"), "arange");
        final double start = a.has("end") ? a.dbl("start", 0) : 0.0;
        final double end = a.has("end") ? a.dbl("end", 0) : a.dbl("start", 0);
        final double step = a.dbl("step", 1.0);
        if (step == 0 || !Double.isFinite(step)) {
            throw Errors.runtime("arange: step must be finite and non-zero, got " + step);
        }
        final int n = Math.max(0, (int) Math.ceil((end - start) / step));
        final double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = start + i * step;
        }
        final Tensor t = Tensor.vector(d);
        final DType dtype = DType.of(a.get("dtype"), "arange");
        if (dtype != null) {
            dtype.apply(t);
        } else if (Index.isInt(a.get("start")) && (!a.has("end") || Index.isInt(a.get("end")))
                && (!a.has("step") || Index.isInt(a.get("step")))) {
            t.integral = DType.INT64;
        }
        t.setRequires_grad(a.bool("requires_grad", false));
        return t;
    }

    /**
     * PyTorch 1.13's CPU linspace kernel as it runs on x86 (AVX2, four doubles a vector, two vectors a round): each
     * vector starts from {@code start + step i} before the halfway point or {@code end - step (steps - 1 - i)} after it
     * (fused multiply-adds), its entries are {@code base + step k}, and the last {@code steps mod 8} are computed one
     * by one; so the values, the middle's sign and comparisons such as {@code linspace(-1, 1, 101) > 0} are
     * PyTorch's to the last bit (checked against PyTorch for 69 ranges).
     *
     * @param start the first value
     * @param end   the last value
     * @param steps how many, &gt;= 1
     * @return the values
     */
    static double[] linspaced(double start, double end, int steps) {
        final double[] d = new double[steps];
        if (steps == 1) {
            d[0] = start;
            return d;
        }
        final double step = (end - start) / (steps - 1);
        final int halfway = steps / 2;
        int i = 0;
        for (; i + 8 <= steps; i += 8) {
            for (int v = i; v < i + 8; v += 4) {
                final double base = v < halfway ? Math.fma(step, v, start) : Math.fma(-step, steps - v - 1, end);
                for (int k = 0; k < 4; k++) {
                    d[v + k] = base + step * k;
                }
            }
        }
        for (; i < steps; i++) {
            d[i] = i < halfway ? Math.fma(step, i, start) : Math.fma(-step, steps - i - 1, end);
        }
        return d;
    }

    /**
     * {@code linspace(start, end, steps)}, with {@code dtype}, {@code device} and {@code requires_grad} accepted.
     *
     * @param args start, end, steps, dtype, device, requires_grad
     * @param kws  keyword names
     * @return steps evenly spaced values from start to end (1-d)
     */
    public static Tensor linspace(PyObject[] args, String[] kws) {
        final Args a = new Args("linspace", args, kws, "start", "end", "steps", "dtype", "device", "requires_grad");
        DType.checkDevice(a.get("device"), "linspace");
        final double start = a.required("start").asDouble(), end = a.required("end").asDouble();
        final int steps = a.required("steps").asInt();
        if (steps < 1) {
            throw Errors.value("linspace: steps must be >= 1, got " + steps);
        }
        final double[] d = linspaced(start, end, steps);
        final Tensor t = Tensor.vector(d);
        final DType dtype = DType.of(a.get("dtype"), "linspace");
        if (dtype != null) {
            dtype.apply(t);
        }
        t.setRequires_grad(a.bool("requires_grad", false));
        return t;
    }

    /**
     * @param n a count
     * @return the numbers 0..n-1 in random order, a 1-d int64 tensor as PyTorch's ({@code perm.tolist()},
     *         {@code X[perm[:b]]}; it was a Python list)
     */
    public static Tensor randperm(int n) {
        if (n < 0) {
            throw Errors.runtime("randperm: n must be non-negative, got " + n);
        }
        final double[] d = new double[n];
        final int[] p = order(n);
        for (int i = 0; i < n; i++) {
            d[i] = p[i];
        }
        return Tensor.vector(d).label(DType.INT64);
    }

    private static int[] order(int n) {
        return rng.permutation(n);
    }

    // ------------------------------------------------------------------ samplers

    /**
     * @param mean means (a tensor)
     * @param std  standard deviation
     * @return {@code N(mean, std^2)} draws of mean's shape
     */
    public static Tensor normal(Tensor mean, double std) {
        if (!(std >= 0) || !Double.isFinite(std)) {
            throw Errors.value("normal: std must be finite and >= 0, got " + std);
        }
        // PyTorch's normal(mean, std): N(0, std^2) drawn as normal_ fills the output, then the means added
        final Tensor t = mean.detach();
        final Tensor noise = Tensor.of(new DMatrixRMaj(t.data.numRows, t.data.numCols), t.shape.clone());
        noise.floating = t.floating;
        normal_(noise, 0, std);
        final boolean single = float32(t);
        for (int i = 0; i < t.numel(); i++) {
            final double v = t.data.data[i] + noise.data.data[i];
            t.data.data[i] = single ? (float) v : v;   // float32's sum of the two float32 values
        }
        return t;
    }

    /**
     * @param p probabilities in [0, 1]
     * @return 0/1 draws with P(1) = p
     */
    public static Tensor bernoulli(Tensor p) {
        final Tensor t = p.detach();
        final boolean single = float32(t);
        for (int i = 0; i < t.numel(); i++) {
            final double q = t.data.data[i];
            if (!(q >= 0 && q <= 1)) {
                throw Errors.runtime("bernoulli: probability " + q + " at position " + i + " is outside [0, 1]");
            }
            // a uniform of p's dtype below p, as PyTorch's bernoulli_distribution<scalar_t>
            t.data.data[i] = (single ? rng.uniform32(0, 1) < (float) q : rng.uniform64(0, 1) < q) ? 1.0 : 0.0;
        }
        return t;
    }

    /**
     * Poisson draws as PyTorch's {@code sample_poisson} ({@link PoissonDraws}), from float64 uniforms.
     *
     * @param rate rates &gt;= 0
     * @return counts of rate's shape
     */
    public static Tensor poisson(Tensor rate) {
        final Tensor t = rate.detach();
        for (int i = 0; i < t.numel(); i++) {
            final double lambda = t.data.data[i];
            if (!(lambda >= 0) || !Double.isFinite(lambda)) {
                throw Errors.value("poisson: rate " + lambda + " at position " + i + " is not a finite number >= 0");
            }
            t.data.data[i] = PoissonDraws.draw(lambda, () -> rng.uniform64(0, 1));
        }
        return t;
    }

    // ------------------------------------------------------------------ functions

    /** @param t input @return {@code exp(t)} */
    public static Tensor exp(PyObject t) { return Args.input(t, "exp").exp(); }
    /** @param t input @return {@code log(t)} */
    public static Tensor log(PyObject t) { return Args.input(t, "log").log(); }
    /** @param t input @return {@code sigmoid(t)} */
    public static Tensor sigmoid(PyObject t) { return Args.input(t, "sigmoid").sigmoid(); }
    /** @param t input @return {@code tanh(t)} */
    public static Tensor tanh(PyObject t) { return Args.input(t, "tanh").tanh(); }
    /** @param t input @return {@code relu(t)} */
    public static Tensor relu(PyObject t) { return Args.input(t, "relu").relu(); }
    /** @param t input @return {@code |t|} */
    public static Tensor abs(PyObject t) { return Args.input(t, "abs").abs(); }
    /** @param t input @return {@code sin(t)} */
    public static Tensor sin(PyObject t) { return Args.input(t, "sin").sin(); }
    /** @param t input @return {@code cos(t)} */
    public static Tensor cos(PyObject t) { return Args.input(t, "cos").cos(); }
    /** @param t input @return {@code sqrt(t)} */
    public static Tensor sqrt(PyObject t) { return Args.input(t, "sqrt").sqrt(); }
    /**
     * Names t's last recorded operation as PyTorch 1.13 names the operation the bridge's Python composes
     * ({@code gather}: GatherBackward0), so that t prints PyTorch's {@code grad_fn}. Not PyTorch's API.
     *
     * @param t    a tensor the caller just computed
     * @param name PyTorch's name of the backward, with its overload digit
     * @return t
     */
    public static Tensor _grad_fn(Tensor t, String name) { return Ops.named(t, name); }

    /** @param t input @return {@code t * t} ({@code torch.square}, recorded as PyTorch's: PowBackward0) */
    public static Tensor square(PyObject t) { return Args.input(t, "square").square(); }
    /** @param a 2-d @param b 2-d @return {@code a b} */
    public static Tensor mm(PyObject a, PyObject b) {
        return Args.tensorArgument(a, "mm", "input", 1).mm(Args.tensorArgument(b, "mm", "mat2", 2));
    }
    /** @param a 2-d @param b 2-d @return {@code a b} */
    public static Tensor matmul(PyObject a, PyObject b) {
        return Args.tensorArgument(a, "matmul", "input", 1).matmul(Args.tensorArgument(b, "matmul", "other", 2));
    }
    /** @param t input @return the Euclidean norm */
    public static Tensor norm(PyObject[] args, String[] kws) {
        return Convert.toTensor(args.length > kws.length ? args[0] : null, "norm: input")
                .norm(java.util.Arrays.copyOfRange(args, 1, args.length), kws);
    }
    /** @param t input @param dim position @return t with a new dimension of size 1 */
    public static Tensor unsqueeze(PyObject[] args, String[] kws) {
        final Args a = new Args("unsqueeze", args, kws, "input", "dim");
        return a.tensor("input").unsqueeze(a.integer("dim", 0));
    }

    /** @param args input, dim0, dim1 @param kws keywords @return the two dimensions swapped */
    public static Tensor transpose(PyObject[] args, String[] kws) {
        final Args a = new Args("transpose", args, kws, "input", "dim0", "dim1");
        return a.tensor("input").transpose(a.integer("dim0", 0), a.integer("dim1", 1));
    }

    /** @param a 1-d @param b 1-d @return the inner product */
    public static Tensor dot(PyObject a, PyObject b) {
        return Args.tensorArgument(a, "dot", "input", 1).dot(Args.tensorArgument(b, "dot", "tensor", 2));
    }
    /** @param t input @return rounded half to even */
    public static Tensor round(PyObject t) { return Args.input(t, "round").round(); }
    /** @param t input @return rounded down */
    public static Tensor floor(PyObject t) { return Args.input(t, "floor").floor(); }
    /** @param t input @return rounded up */
    public static Tensor ceil(PyObject t) { return Args.input(t, "ceil").ceil(); }
    /** @param t input @return the signs */
    public static Tensor sign(PyObject t) { return Args.input(t, "sign").sign(); }
    /** @param t input @return {@code log(1 + t)} */
    public static Tensor log1p(PyObject t) { return Args.input(t, "log1p").log1p(); }
    /** @param args input, dim=None, keepdim=False @param kws keywords @return indices of the maxima */
    public static Tensor argmax(PyObject[] args, String[] kws) {
        final Args a = new Args("argmax", args, kws, "input", "dim", "keepdim");
        return a.tensor("input").position(a, true);
    }

    /** @param args input, dim=None, keepdim=False @param kws keywords @return indices of the minima */
    public static Tensor argmin(PyObject[] args, String[] kws) {
        final Args a = new Args("argmin", args, kws, "input", "dim", "keepdim");
        return a.tensor("input").position(a, false);
    }

    /** @param args input, dim @param kws keywords @return softmax along dim */
    public static Tensor softmax(PyObject[] args, String[] kws) {
        softmaxInput("softmax", args, kws);
        return Functional.softmax(args, kws);
    }
    /** @param args input, dim @param kws keywords @return log-softmax along dim */
    public static Tensor log_softmax(PyObject[] args, String[] kws) {
        softmaxInput("log_softmax", args, kws);
        return Functional.log_softmax(args, kws);
    }

    /** Refuses a non-tensor input of torch.softmax / log_softmax with PyTorch's TypeError (F.softmax's is an AttributeError). */
    private static void softmaxInput(String function, PyObject[] args, String[] kws) {
        final Args a = new Args(function, args, kws, "input", "dim", "dtype");
        if (a.given("input") != null && !a.isTensor("input")) {
            throw Errors.type(function + "() received an invalid combination of arguments - got ("
                    + Args.typeName(a.given("input")) + ", ...), but expected (Tensor input, int dim)");
        }
    }

    /** @param args input, dim @param kws keywords @return log-sum-exp along dim */
    public static Tensor logsumexp(PyObject[] args, String[] kws) {
        final Args a = new Args("logsumexp", args, kws, "input", "dim", "keepdim");
        final PyObject[] rest = a.has("keepdim") ? new PyObject[] {Py.newInteger(a.integer("dim", -1)), a.get("keepdim")}
                : new PyObject[] {Py.newInteger(a.integer("dim", -1))};
        return a.tensor("input").logsumexp(rest, new String[0]);
    }

    /** @param args input, dim=None, keepdim=False @param kws keywords @return the sum (all, or along dim) */
    public static Tensor sum(PyObject[] args, String[] kws) {
        final Args a = new Args("sum", args, kws, "input", "dim", "keepdim", "dtype");
        return a.tensor("input").reduce(a, false);
    }

    /** @param args input, dim=None, keepdim=False @param kws keywords @return the mean (all, or along dim) */
    public static Tensor mean(PyObject[] args, String[] kws) {
        final Args a = new Args("mean", args, kws, "input", "dim", "keepdim", "dtype");
        return a.tensor("input").reduce(a, true);
    }

    /** @param args input, dim=None, unbiased=True, keepdim=False @param kws keywords @return the standard deviation */
    public static Tensor std(PyObject[] args, String[] kws) {
        final Args a = new Args("std", args, kws, "input", "dim", "unbiased", "keepdim", "correction");
        return Ops.std(a.tensor("input").variance(a));
    }

    /** @param args input, dim=None, unbiased=True, keepdim=False @param kws keywords @return the variance */
    public static Tensor var(PyObject[] args, String[] kws) {
        final Args a = new Args("var", args, kws, "input", "dim", "unbiased", "keepdim", "correction");
        return a.tensor("input").variance(a);
    }

    /**
     * {@code torch.max(t)} (0-d), {@code torch.max(t, dim, keepdim=False)} (values and indices:
     * {@code _, predicted = torch.max(outputs, 1)}), {@code torch.max(a, b)} (element-wise).
     *
     * @param args input, then dim or other, keepdim
     * @param kws  keywords
     * @return a tensor, or values and indices ({@link ValuesIndices})
     */
    public static Object max(PyObject[] args, String[] kws) {
        final Args a = new Args("max", args, kws, "input", "dim", "keepdim", "other");
        return a.tensor("input").extreme("max", a, true);
    }

    /** @param args input, then dim or other, keepdim @param kws keywords @return as {@link #max}, the smallest */
    public static Object min(PyObject[] args, String[] kws) {
        final Args a = new Args("min", args, kws, "input", "dim", "keepdim", "other");
        return a.tensor("input").extreme("min", a, false);
    }

    /** @param a a tensor @param b a tensor (or number) broadcasting with a @return the element-wise maximum */
    public static Tensor maximum(Tensor a, Object b) { return Extremes.pairwise(a, Convert.toTensor(b, "maximum"), true); }

    /** @param a a tensor @param b a tensor (or number) broadcasting with a @return the element-wise minimum */
    public static Tensor minimum(Tensor a, Object b) { return Extremes.pairwise(a, Convert.toTensor(b, "minimum"), false); }

    /**
     * @param args input, min, max (numbers; at least one)
     * @param kws  keywords
     * @return the entries clamped to [min, max]
     */
    public static Tensor clamp(PyObject[] args, String[] kws) {
        final Args a = new Args("clamp", args, kws, "input", "min", "max");
        return a.tensor("input").clamp(java.util.Arrays.copyOfRange(args, 1, args.length), kws);
    }

    /**
     * @param args tensors (a list or tuple), dim=0
     * @param kws  keywords
     * @return the tensors joined along dim
     */
    public static Tensor cat(PyObject[] args, String[] kws) {
        final Args a = new Args("cat", args, kws, "tensors", "dim");
        return Joins.cat(tensors(a.required("tensors"), "cat"), a.integer("dim", 0));
    }

    /**
     * @param args tensors (0-d or 1-d, one shape), dim=0
     * @param kws  keywords
     * @return the tensors stacked along a new dimension
     */
    public static Tensor stack(PyObject[] args, String[] kws) {
        final Args a = new Args("stack", args, kws, "tensors", "dim");
        return Joins.stack(tensors(a.required("tensors"), "stack"), a.integer("dim", 0));
    }

    private static java.util.List<Tensor> tensors(PyObject seq, String what) {
        final java.util.List<Tensor> l = new java.util.ArrayList<>();
        int i = 0;
        for (PyObject o : seq.asIterable()) {
            l.add(Convert.toTensor(o, what + ": entry " + i++));
        }
        return l;
    }

    /**
     * @param condition where not 0, take input
     * @param input     a tensor or number
     * @param other     a tensor or number
     * @return input where the condition holds, else other (the three broadcast)
     */
    public static Tensor where(Tensor condition, Object input, Object other) {
        return Joins.where(condition, Convert.toTensor(input, "where: input"), Convert.toTensor(other, "where: other"));
    }

    /**
     * @param args n, m=n
     * @param kws  keywords (dtype, device, requires_grad accepted)
     * @return the n x m identity
     */
    public static Tensor eye(PyObject[] args, String[] kws) {
        final Args a = new Args("eye", args, kws, "n", "m", "dtype", "device", "requires_grad");
        DType.checkDevice(a.get("device"), "eye");
        final int n = a.integer("n", -1), m = a.integer("m", n);
        if (n < 0 || m < 0) {
            throw Errors.runtime("eye: sizes must be >= 0, got " + n + " x " + m);
        }
        final DMatrixRMaj d = new DMatrixRMaj(n, m);
        for (int i = 0; i < Math.min(n, m); i++) {
            d.data[i * m + i] = 1.0;
        }
        final Tensor t = Tensor.matrix(d);
        final DType dtype = DType.of(a.get("dtype"), "eye");
        if (dtype != null) {
            dtype.apply(t);   // torch.eye(n, dtype=torch.float64): the dtype was accepted and left out
        }
        t.setRequires_grad(a.bool("requires_grad", false));
        return t;
    }

    /**
     * @param args size (a tuple or list), fill_value
     * @param kws  keywords (dtype, device, requires_grad accepted)
     * @return a tensor of that size with every entry fill_value, of dtype (without one: int64 for an int fill value,
     *         bool for a bool, else the default float, as PyTorch's)
     */
    public static Tensor full(PyObject[] args, String[] kws) {
        final Args a = new Args("full", args, kws, "size", "fill_value", "dtype", "device", "requires_grad");
        final PyObject fill = a.required("fill_value");
        final double v = fill.asDouble();
        final Args sized = new Args("full", new PyObject[] {a.required("size")}, new String[0], "size", "cols");
        DType.checkDevice(a.get("device"), "full");
        // without a dtype, PyTorch's from the fill value: bool for True/False, int64 for an int, else the default float
        final DType dtype = a.has("dtype") ? DType.of(a.get("dtype"), "full") : fill instanceof org.python.core.PyBoolean ? DType.BOOL
                : fill instanceof org.python.core.PyInteger || fill instanceof org.python.core.PyLong ? DType.INT64 : null;
        final Tensor t = filled(sizes(sized, "full"), () -> v);
        if (dtype != null) {
            dtype.apply(t);
        }
        t.setRequires_grad(a.bool("requires_grad", false));
        return t;
    }

    /** @param t input @return the entries, 1-d */
    /** @param args input, start_dim=0, end_dim=-1 @param kws keywords @return as {@link Tensor#flatten(PyObject[], String[])} */
    public static Tensor flatten(PyObject[] args, String[] kws) {
        if (args.length == 0) {
            throw Py.TypeError("flatten() missing required argument 'input' (pos 1)");
        }
        final int positional = args.length - kws.length;
        final Tensor t = positional > 0 ? Args.input(args[0], "flatten") : null;
        if (t == null) {
            throw Py.TypeError("flatten(): give the input tensor first");
        }
        return t.flatten(java.util.Arrays.copyOfRange(args, 1, args.length), kws);
    }

    /** @param args input, dim=None @param kws keywords @return the tensor without dimensions of size 1 */
    public static Tensor squeeze(PyObject[] args, String[] kws) {
        final Args a = new Args("squeeze", args, kws, "input", "dim");
        return a.tensor("input").squeeze(a.has("dim") ? new PyObject[] {a.get("dim")} : new PyObject[0], new String[0]);
    }

    /** @param t input @return the number of entries */
    public static int numel(Tensor t) { return t.numel(); }

    /** @param t input @return the transpose of a 2-d tensor */
    public static Tensor t(Tensor t) { return t.t(); }

    /**
     * @param a a tensor
     * @param b a tensor of the same shape
     * @return {@code max |a - b|} of the values as stored, in float64 (a float): a check of the engine's numbers
     */
    public static double max_abs_diff(Tensor a, Tensor b) {
        Ops.sameShape(a, b, "max_abs_diff");
        double m = 0.0;
        for (int i = 0; i < a.numel(); i++) {
            m = Math.max(m, Math.abs(a.data.data[i] - b.data.data[i]));
        }
        return m;
    }
}

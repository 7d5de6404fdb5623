package neuralglm.jython;

/**
 * PyTorch's CPU random generator ({@code at::CPUGeneratorImpl}, PyTorch 1.13 on x86-64 as Debian builds it: AVX2
 * kernels, no MKL), so that a script seeded with {@code torch.manual_seed(s)} draws PyTorch's numbers to the bit:
 * <pre>
 *   engine       mt19937, seeded by init_genrand(s mod 2^32); random() = the next 32 bits,
 *                random64() = (random() &lt;&lt; 32) | random()
 *   uniform      float32: u = (random() &amp; (2^24 - 1)) 2^-24,   float64: u = (random64() &amp; (2^53 - 1)) 2^-53;
 *                a + (b - a) u as one fused multiply-add (GCC contracts it)
 *   normal       one value at a time (fewer than 16 entries): Box-Muller on two float64
 *                uniforms u1, u2: r = sqrt(-2 log(1 - u2)), theta = 2 pi u1, r cos(theta) now and r sin(theta) kept
 *                for the next call; 16 or more entries: all entries' uniforms first, then each block of 16 from
 *                its 8 + 8 uniforms (1 - u_j for the radius, u_{j+8} for the angle; cos to j, sin to j + 8), the
 *                last block of a size not a multiple of 16 recomputed from 16 fresh uniforms; float64 blocks with
 *                log, cos and sin, float32 ones with avx_mathfun's log and sincos polynomials (in float, fused
 *                where GCC fuses them)
 *   integers     randint(lo, hi): lo + random() mod (hi - lo) (random64() when hi - lo &gt;= 2^32);
 *                randperm(n): i = 0 .. n-2 swaps i with i + random() mod (n - i)
 *   bernoulli    u &lt; p with a float64 uniform (a number p), or a uniform of p's dtype (a tensor of p)
 *   exponential  -1 / lambd log(1 - u) with a float64 uniform u
 * </pre>
 * Checked against PyTorch 1.13's draws (TorchRandomTest's fixtures). float64 logarithms, sines and cosines are
 * Java's ({@link Math}), which differ from glibc's in the last bit for about 0.1-0.2% of arguments: a float64 normal
 * draw then differs from PyTorch's by an ulp or so, a float32 one (rounded from it) practically never. Not
 * thread-safe (as PyTorch's, which locks).
 */
final class TorchRandom extends java.util.Random {
    private static final long serialVersionUID = 1L;

    /** PyTorch's default seed (c10's default_rng_seed_val): a process's before any manual_seed, a new Generator's. */
    static final long DEFAULT_SEED = 67280421310721L;

    /** The state; null only while java.util.Random's constructor runs (see {@link #setSeed}). */
    private Mt19937 mt;
    /** The second value of the last serial Box-Muller pair, not yet returned. */
    private double nextNormal;
    private boolean hasNextNormal;
    /**
     * The second value of the last {@link #nextGaussian} pair (the engine's samplers'), held here rather than in
     * java.util.Random's private fields, so that {@link #copy} (a generator's state) and {@link #setSeed} carry and
     * clear it as they do the rest of the stream.
     */
    private double nextGaussian;
    private boolean hasNextGaussian;

    /** @param seed the seed (its low 32 bits, as PyTorch's mt19937 takes it) */
    TorchRandom(long seed) {
        this(new Mt19937(seed));
    }

    /** @param mt the state, no normal value kept */
    private TorchRandom(Mt19937 mt) {
        super(0);
        this.mt = mt;
    }

    /**
     * Restarts the stream from a seed, as {@code manual_seed}: mt19937's init_genrand of its low 32 bits, no normal
     * value kept. java.util.Random's constructor calls it before this stream has a state, which the constructor then
     * gives it: that call changes nothing.
     */
    @Override
    public synchronized void setSeed(long seed) {
        if (mt == null) {
            return;
        }
        mt = new Mt19937(seed);
        hasNextNormal = false;
        hasNextGaussian = false;
    }

    /**
     * java.util.Random's polar method, the same draws from the same bits (the engine's Gamma sampler takes its normal
     * values here), with the kept second value a field of this stream.
     */
    @Override
    public synchronized double nextGaussian() {
        if (hasNextGaussian) {
            hasNextGaussian = false;
            return nextGaussian;
        }
        double v1, v2, s;
        do {
            v1 = 2 * nextDouble() - 1;
            v2 = 2 * nextDouble() - 1;
            s = v1 * v1 + v2 * v2;
        } while (s >= 1 || s == 0);
        final double multiplier = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
        nextGaussian = v2 * multiplier;
        hasNextGaussian = true;
        return v1 * multiplier;
    }

    /**
     * java.util.Random's source of bits, for the samplers that take a Random (the engine's Gamma, binomial and
     * categorical samplers behind {@code torch.distributions}): the high bits of the next 32. Their draws come from
     * the seeded stream, though not in PyTorch's algorithms.
     */
    @Override
    protected int next(int bits) {
        return next32() >>> (32 - bits);
    }

    /** @return an independent copy of this stream (the same draws from here on) */
    TorchRandom copy() {
        final TorchRandom c = new TorchRandom(mt.copy());
        c.nextNormal = nextNormal;
        c.hasNextNormal = hasNextNormal;
        c.nextGaussian = nextGaussian;
        c.hasNextGaussian = hasNextGaussian;
        return c;
    }

    /** @return the next 32 bits of mt19937, as an int (read unsigned with {@link Integer#toUnsignedLong}) */
    int next32() {
        return mt.next32();
    }

    /** @return PyTorch's random64(): two draws, the first the high half */
    long next64() {
        return mt.next64();
    }

    /** @return a float32 uniform on [a, b), as {@code uniform_real_distribution<float>} */
    float uniform32(float a, float b) {
        return Math.fma((next32() & 0xffffff) * 0x1p-24f, b - a, a);
    }

    /** @return a float64 uniform on [a, b), as {@code uniform_real_distribution<double>} */
    double uniform64(double a, double b) {
        return Math.fma((next64() & ((1L << 53) - 1)) * 0x1p-53, b - a, a);
    }

    /**
     * Fills {@code d[0 .. n-1]} uniformly from [a, b) as PyTorch's {@code uniform_} fills a contiguous tensor of that
     * many entries and dtype: {@link #uniform32} on a and b rounded to float, or {@link #uniform64}.
     *
     * @param float32 whether the tensor is float32, else float64
     */
    void uniform(double[] d, int n, double a, double b, boolean float32) {
        if (float32) {
            final float lo = (float) a, hi = (float) b;
            for (int i = 0; i < n; i++) {
                d[i] = uniform32(lo, hi);
            }
        } else {
            for (int i = 0; i < n; i++) {
                d[i] = uniform64(a, b);
            }
        }
    }

    /**
     * @param lambd the rate, &gt; 0
     * @return an Exp(lambd) draw: {@code -1 / lambd log(1 - u)} of a float64 uniform u, as PyTorch's
     *         {@code exponential_distribution<double>}
     */
    double exponential(double lambd) {
        return -1.0 / lambd * Math.log(1.0 - uniform64(0, 1));
    }

    /** @return the next serial N(mean, std^2) value ({@code normal_distribution<double>}, a pair at a time) */
    double normal64(double mean, double std) {
        if (hasNextNormal) {
            hasNextNormal = false;
            return Math.fma(nextNormal, std, mean);
        }
        final double u1 = uniform64(0, 1), u2 = uniform64(0, 1);
        final double r = Math.sqrt(-2.0 * Math.log(1 - u2));
        final double theta = 2.0 * Math.PI * u1;
        nextNormal = r * Math.sin(theta);
        hasNextNormal = true;
        return Math.fma(r * Math.cos(theta), std, mean);
    }

    /**
     * Fills {@code d[0 .. n-1]} with N(mean, std^2) draws as PyTorch's {@code normal_} fills a contiguous tensor of
     * that many entries and dtype.
     *
     * @param float32 whether the tensor is float32 (values rounded to float), else float64
     */
    void normal(double[] d, int n, double mean, double std, boolean float32) {
        if (n < 16) {
            for (int i = 0; i < n; i++) {
                final double v = normal64(mean, std);
                d[i] = float32 ? (float) v : v;
            }
        } else if (float32) {   // floats held exactly in d, computed in float arithmetic
            for (int i = 0; i < n; i++) {
                d[i] = uniform32(0, 1);
            }
            final float m = (float) mean, s = (float) std;
            for (int i = 0; i + 16 <= n; i += 16) {
                fill16Float(d, i, m, s);
            }
            if (n % 16 != 0) {
                for (int i = n - 16; i < n; i++) {
                    d[i] = uniform32(0, 1);
                }
                fill16Float(d, n - 16, m, s);
            }
        } else {
            for (int i = 0; i < n; i++) {
                d[i] = uniform64(0, 1);
            }
            for (int i = 0; i + 16 <= n; i += 16) {
                fill16(d, i, mean, std);
            }
            if (n % 16 != 0) {
                for (int i = n - 16; i < n; i++) {
                    d[i] = uniform64(0, 1);
                }
                fill16(d, n - 16, mean, std);
            }
        }
    }

    /** PyTorch's normal_fill_16 (float64): Box-Muller on the block's 8 + 8 uniforms, in place. */
    private static void fill16(double[] d, int at, double mean, double std) {
        for (int j = at; j < at + 8; j++) {
            final double radius = Math.sqrt(-2 * Math.log(1 - d[j]));
            final double theta = 2.0 * Math.PI * d[j + 8];
            d[j] = Math.fma(radius * Math.cos(theta), std, mean);
            d[j + 8] = Math.fma(radius * Math.sin(theta), std, mean);
        }
    }

    /**
     * PyTorch's normal_fill_16_AVX2 (float32), lane by lane, in place, in float arithmetic on floats held in a double
     * array (exactly: every value read is a float, every value written one).
     */
    private static void fill16Float(double[] d, int at, float mean, float std) {
        final float twoPi = (float) (2.0 * Math.PI);
        for (int j = at; j < at + 8; j++) {
            final float u1 = (float) d[j], u2 = (float) d[j + 8];
            final float radius = (float) Math.sqrt(-2f * logf(1f - u1));
            final float theta = twoPi * u2;
            final long sc = sincosf(theta);
            final float sin = Float.intBitsToFloat((int) (sc >>> 32)), cos = Float.intBitsToFloat((int) sc);
            d[j] = Math.fma(radius * cos, std, mean);
            d[j + 8] = Math.fma(radius * sin, std, mean);
        }
    }

    /** avx_mathfun's log256_ps for one positive lane (Cephes' polynomial), with GCC's contractions. */
    static float logf(float v) {
        if (!(v > 0)) {
            return Float.NaN;
        }
        float x = Math.max(v, Float.MIN_NORMAL);
        final int bits = Float.floatToRawIntBits(x);
        x = Float.intBitsToFloat((bits & ~0x7f800000) | 0x3f000000);
        float e = (float) ((bits >>> 23) - 0x7f) + 1f;
        final boolean small = x < 0.707106781186547524f;
        final float tmp = small ? x : 0f;
        x = x - 1f;
        e = e - (small ? 1f : 0f);
        x = x + tmp;
        final float z = x * x;
        float y = 7.0376836292E-2f;
        y = Math.fma(y, x, -1.1514610310E-1f);
        y = Math.fma(y, x, 1.1676998740E-1f);
        y = Math.fma(y, x, -1.2420140846E-1f);
        y = Math.fma(y, x, 1.4249322787E-1f);
        y = Math.fma(y, x, -1.6668057665E-1f);
        y = Math.fma(y, x, 2.0000714765E-1f);
        y = Math.fma(y, x, -2.4999993993E-1f);
        y = Math.fma(y, x, 3.3333331174E-1f);
        y = y * x;
        y = Math.fma(y, z, e * -2.12194440e-4f);
        y = Math.fma(-z, 0.5f, y);
        x = x + y;
        return Math.fma(e, 0.693359375f, x);
    }

    /**
     * avx_mathfun's sincos256_ps for one lane (Cephes' polynomials after a three-part reduction by pi/4), with GCC's
     * contractions.
     *
     * @return sin's bits in the high half, cos's in the low half
     */
    static long sincosf(float v) {
        int signSin = Float.floatToRawIntBits(v) & 0x80000000;
        float x = Math.abs(v);
        int j = (int) (x * 1.27323954473516f);
        j = (j + 1) & ~1;
        final float y = j;
        final int swap = (j & 4) << 29;
        final boolean first = (j & 2) == 0;
        x = Math.fma(y, -0.78515625f, x);
        x = Math.fma(y, -2.4187564849853515625e-4f, x);
        x = Math.fma(y, -3.77489497744594108e-8f, x);
        final int signCos = (~(j - 2) & 4) << 29;
        signSin ^= swap;
        final float z = x * x;
        float c = Math.fma(2.443315711809948E-005f, z, -1.388731625493765E-003f);
        c = Math.fma(c, z, 4.166664568298827E-002f);
        c = c * z;
        c = Math.fma(c, z, -(z * 0.5f));
        c = c + 1f;
        float s = Math.fma(-1.9515295891E-4f, z, 8.3321608736E-3f);
        s = Math.fma(s, z, -1.6666654611E-1f);
        s = s * z;
        s = Math.fma(s, x, x);
        final float sin = first ? s : c, cos = first ? c : s;
        final int sinBits = Float.floatToRawIntBits(sin) ^ signSin, cosBits = Float.floatToRawIntBits(cos) ^ signCos;
        return (long) sinBits << 32 | Integer.toUnsignedLong(cosBits);
    }

    /**
     * @param range the number of values, &gt;= 1, read unsigned (a range beyond 2^63 - 1, as hi - lo of a wide
     *              randint overflows to, counts as the unsigned number it is)
     * @return a whole number uniform on [0, range), as PyTorch's random_from_to
     */
    long below(long range) {
        return range > 0 && range <= 0xffffffffL ? Integer.toUnsignedLong(next32()) % range
                : Long.remainderUnsigned(next64(), range);
    }

    /** @return PyTorch's random_() of an int64 tensor: random64() mod 2^63 */
    long random63() {
        return next64() & Long.MAX_VALUE;
    }

    /** @return 0 .. n-1 in the order of PyTorch's randperm(n) */
    int[] permutation(int n) {
        final int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = 0; i < n - 1; i++) {
            final int z = (int) (Integer.toUnsignedLong(next32()) % (n - i));
            final int t = p[i];
            p[i] = p[z + i];
            p[z + i] = t;
        }
        return p;
    }
}

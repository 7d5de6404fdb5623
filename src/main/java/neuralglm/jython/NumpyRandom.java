package neuralglm.jython;

import neuralglm.dist.BinomialDistribution;
import org.ejml.data.DMatrixRMaj;

/**
 * The draws behind the numpy shim's {@code np.random} (scripts/lib/numpy), element by element from
 * parameter tensors of the result's shape, with a generator of their own (so {@code torch.manual_seed}
 * does not move numpy's draws, as with the real libraries): numpy's legacy {@code RandomState}, so that after
 * {@code np.random.seed(s)} the draws are numpy's to the bit ({@code np.random.seed} of a whole number in
 * [0, 2^32): MT19937's init_genrand, {@link Mt19937}). It starts seeded with 0 (numpy's would take one from the
 * system), so a script's draws repeat from run to run.
 * <pre>
 *   U                    ((a &gt;&gt;&gt; 5) 2^26 + (b &gt;&gt;&gt; 6)) / 2^53 from two 32-bit outputs a, b
 *   uniform(low, high)   low + (high - low) U
 *   normal(loc, scale)   loc + scale Z, Z by Marsaglia's polar method on 2U - 1 pairs, the second Z kept
 *   exponential(scale)   scale (-log(1 - U))
 *   poisson(lam)         product of U until below exp(-lam) (lam &lt; 10); Hörmann's PTRS from 10
 *   permutation(n)       i = n-1 .. 1: swap i with j uniform on [0, i], masked draws rejected above i
 *   integers(low, high)  low + masked 32-bit draws rejected above high - low - 1 (64-bit beyond 2^32)
 *   binomial(n, p)       Bin(n, p) counts (the engine's sampler, {@link BinomialDistribution}, on this
 *                        stream's bits: not numpy's numbers)
 * </pre>
 */
public final class NumpyRandom {

    private static Legacy rng = new Legacy(0);

    private NumpyRandom() {
    }

    /**
     * @param seed a new seed for every following draw, in [0, 2^32) as numpy requires
     */
    public static void seed(long seed) {
        if (seed < 0 || seed > 0xffffffffL) {
            throw Errors.value("Seed must be between 0 and 2**32 - 1");
        }
        rng = new Legacy(seed);
    }

    /** numpy's legacy RandomState over MT19937; java.util.Random's bits for the engine's samplers. */
    private static final class Legacy extends java.util.Random {
        private static final long serialVersionUID = 1L;
        private Mt19937 mt;
        private double gauss;
        private boolean hasGauss;

        Legacy(long seed) {
            super(0);
            mt = new Mt19937(seed);
        }

        @Override
        protected int next(int bits) {
            return mt == null ? 0 : mt.next32() >>> (32 - bits);
        }

        /** @return numpy's random_sample(): 53 bits from two outputs */
        double uniform() {
            return mt.nextDouble53();
        }

        /** @return numpy's legacy_gauss: the polar method, a pair at a time */
        double gauss() {
            if (hasGauss) {
                hasGauss = false;
                return gauss;
            }
            double x1, x2, r2;
            do {
                x1 = 2.0 * uniform() - 1.0;
                x2 = 2.0 * uniform() - 1.0;
                r2 = x1 * x1 + x2 * x2;
            } while (r2 >= 1.0 || r2 == 0.0);
            final double f = Math.sqrt(-2.0 * Math.log(r2) / r2);
            gauss = f * x1;
            hasGauss = true;
            return f * x2;
        }

        /** @return numpy's random_interval(max): uniform on [0, max] by masked draws */
        long interval(long max) {
            if (max == 0) {
                return 0;
            }
            long mask = max;
            mask |= mask >>> 1;
            mask |= mask >>> 2;
            mask |= mask >>> 4;
            mask |= mask >>> 8;
            mask |= mask >>> 16;
            mask |= mask >>> 32;
            long value;
            if (max <= 0xffffffffL) {
                while ((value = Integer.toUnsignedLong(mt.next32()) & mask) > max) {
                    // rejected
                }
            } else {
                while (Long.compareUnsigned(value = mt.next64() & mask, max) > 0) {
                    // rejected
                }
            }
            return value;
        }
    }

    private static Tensor like(Tensor t) {
        return Tensor.of(new DMatrixRMaj(t.data.numRows, t.data.numCols), t.shape.clone());
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw Errors.value(message);
        }
    }

    /**
     * @param low  lower bounds
     * @param high upper bounds, low's shape
     * @return uniform draws in [low, high)
     */
    public static Tensor uniform(Tensor low, Tensor high) {
        Ops.sameShape(low, high, "uniform");
        final Tensor out = like(low);
        for (int i = 0; i < out.numel(); i++) {
            final double a = low.data.data[i], b = high.data.data[i];
            check(Double.isFinite(a) && Double.isFinite(b), "uniform: bounds must be finite, got " + a + " and " + b);
            out.data.data[i] = a + (b - a) * rng.uniform();
        }
        return out;
    }

    /**
     * @param loc   means
     * @param scale standard deviations &gt;= 0, loc's shape
     * @return normal draws
     */
    public static Tensor normal(Tensor loc, Tensor scale) {
        Ops.sameShape(loc, scale, "normal");
        final Tensor out = like(loc);
        for (int i = 0; i < out.numel(); i++) {
            final double m = loc.data.data[i], s = scale.data.data[i];
            check(Double.isFinite(m), "normal: loc must be finite, got " + m + " at position " + i);
            check(s >= 0 && Double.isFinite(s), "normal: scale must be finite and >= 0, got " + s + " at position " + i);
            out.data.data[i] = m + s * rng.gauss();
        }
        return out;
    }

    /**
     * @param n trials, whole numbers &gt;= 0
     * @param p success probabilities in [0, 1], n's shape
     * @return binomial counts
     */
    public static Tensor binomial(Tensor n, Tensor p) {
        Ops.sameShape(n, p, "binomial");
        final Tensor out = like(n);
        for (int i = 0; i < out.numel(); i++) {
            final double trials = n.data.data[i], q = p.data.data[i];
            check(trials >= 0 && trials == Math.rint(trials) && trials < 1e15,
                    "binomial: n must be a whole number >= 0, got " + trials + " at position " + i);
            check(q >= 0 && q <= 1, "binomial: p must be in [0, 1], got " + q + " at position " + i);
            out.data.data[i] = trials == 0 ? 0.0 : Math.rint(new BinomialDistribution(q, trials).sample(rng) * trials);
        }
        return out;
    }

    /**
     * @param lam rates &gt;= 0
     * @return Poisson counts
     */
    public static Tensor poisson(Tensor lam) {
        final Tensor out = like(lam);
        for (int i = 0; i < out.numel(); i++) {
            final double l = lam.data.data[i];
            check(l >= 0 && Double.isFinite(l), "poisson: lam must be finite and >= 0, got " + l + " at position " + i);
            out.data.data[i] = PoissonDraws.draw(l, rng::uniform);
        }
        return out;
    }

    /**
     * @param count how many
     * @return numpy's {@code random_sample(count)}: uniform draws on [0, 1)
     */
    public static double[] samples(int count) {
        final double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = rng.uniform();
        }
        return out;
    }

    /**
     * @param count how many
     * @return numpy's {@code standard_exponential(count)}: {@code -log(1 - U)}
     */
    public static double[] exponentials(int count) {
        final double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = -Math.log(1.0 - rng.uniform());
        }
        return out;
    }

    /**
     * numpy's legacy {@code randint(low, high, count)} (int64): {@code low +} a draw uniform on
     * [0, high - low - 1] by masked 32-bit draws (64-bit ones for a range beyond 2^32), none for a range of one value.
     *
     * @param low   the smallest value
     * @param high  one above the largest, &gt; low
     * @param count how many
     * @return the draws
     */
    public static long[] integers(long low, long high, int count) {
        if (high <= low) {
            throw Errors.value("low >= high");
        }
        final long range = high - low - 1;
        final long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            out[i] = low + rng.interval(range);
        }
        return out;
    }

    /**
     * @param n a count
     * @return 0..n-1 in random order
     */
    public static Tensor permutation(int n) {
        final double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            final int j = (int) rng.interval(i);
            final double t = d[i];
            d[i] = d[j];
            d[j] = t;
        }
        return Tensor.vector(d);
    }
}

package neuralglm.jython;

import java.math.BigInteger;

/**
 * CPython 3's {@code _random.Random} core for the Python 3 standard library of {@code scripts/run}
 * ({@code scripts/lib/_py3lib.py}, whose {@code random} module builds Python 3.11's algorithms on it): MT19937 seeded
 * by init_by_array of a whole number's 32-bit words (least significant first; the absolute value), so that
 * {@code random.seed(0); random.random()} is CPython's 0.8444218515250481 (Jython's own generator gives other numbers).
 * <pre>
 *   random()        ((a &gt;&gt;&gt; 5) 2^26 + (b &gt;&gt;&gt; 6)) / 2^53 from two 32-bit outputs a, b
 *   getrandbits(k)  k &lt;= 32: one output's top k bits; else 32-bit words, least significant first, the last one's
 *                   top (k mod 32) bits
 * </pre>
 * Not thread-safe.
 */
public final class PythonRandom {

    private Mt19937 mt;

    /** @param seed the seed, a whole number (its absolute value is used, as CPython's) */
    public PythonRandom(BigInteger seed) {
        seed(seed);
    }

    /** @param seed the new seed, a whole number (its absolute value) */
    public void seed(BigInteger seed) {
        final BigInteger n = seed.abs();
        final int words = Math.max(1, (n.bitLength() + 31) / 32);
        final int[] key = new int[words];
        for (int i = 0; i < words; i++) {
            key[i] = n.shiftRight(32 * i).intValue();
        }
        mt = Mt19937.byArray(key);
    }

    /** @return a uniform draw on [0, 1) with 53 random bits */
    public double random() {
        return mt.nextDouble53();
    }

    /**
     * @param k the number of bits, &gt;= 0
     * @return a whole number with k random bits
     */
    public BigInteger getrandbits(int k) {
        if (k < 0) {
            throw Errors.value("number of bits must be non-negative");
        }
        if (k == 0) {
            return BigInteger.ZERO;
        }
        if (k <= 32) {
            return BigInteger.valueOf(Integer.toUnsignedLong(mt.next32()) >>> (32 - k));
        }
        BigInteger out = BigInteger.ZERO;
        int shift = 0;
        for (int left = k; left > 0; left -= 32, shift += 32) {
            long r = Integer.toUnsignedLong(mt.next32());
            if (left < 32) {
                r >>>= 32 - left;
            }
            out = out.or(BigInteger.valueOf(r).shiftLeft(shift));
        }
        return out;
    }

    /**
     * CPython's {@code _randbelow_with_getrandbits(n)} for n below 2^62, in one call: k = n's bit length, then
     * {@code getrandbits(k)} until a draw is below n.
     *
     * @param n the bound, 1 &lt;= n &lt; 2^62
     * @return a whole number uniform on [0, n)
     */
    public long randbelow(long n) {
        if (n < 1 || n >= 1L << 62) {
            throw Errors.value("randbelow: n must be in [1, 2^62), got " + n);
        }
        final int k = 64 - Long.numberOfLeadingZeros(n);
        while (true) {
            final long r = k <= 32 ? Integer.toUnsignedLong(mt.next32()) >>> (32 - k) : getrandbits(k).longValue();
            if (r < n) {
                return r;
            }
        }
    }

    /**
     * CPython 3.11's {@code shuffle(x)} of a list, in place: for i = n-1 .. 1 swap x[i] with x[randbelow(i + 1)].
     *
     * @param x a list (a Python list is one)
     */
    public void shuffle(java.util.List<Object> x) {
        for (int i = x.size() - 1; i > 0; i--) {
            final int j = (int) randbelow(i + 1);
            x.set(i, x.set(j, x.get(i)));
        }
    }

    /** @return an opaque copy of the state ({@code getstate()}) */
    public Object getstate() {
        return mt.copy();
    }

    /** @param state a state of {@link #getstate} ({@code setstate(state)}) */
    public void setstate(Object state) {
        if (!(state instanceof Mt19937)) {
            throw Errors.type("setstate: expected a state from getstate(), got "
                    + (state == null ? "None" : state.getClass().getSimpleName()));
        }
        mt = ((Mt19937) state).copy();
    }
}

package neuralglm.jython;

/**
 * The Mersenne Twister MT19937 (Matsumoto and Nishimura 1998), the engine under PyTorch's CPU generator
 * ({@link TorchRandom}) and numpy's legacy {@code np.random} ({@link NumpyRandom}): 624 words of state, seeded by
 * init_genrand of a 32-bit seed
 * <pre>
 *   mt[0] = seed,   mt[i] = 1812433253 (mt[i-1] ^ (mt[i-1] &gt;&gt;&gt; 30)) + i   (mod 2^32)
 * </pre>
 * each output a tempered word of the twisted state. Not thread-safe.
 */
final class Mt19937 implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private static final int N = 624, M = 397;

    private final int[] mt = new int[N];
    private int index;

    /** @param seed the seed's low 32 bits (init_genrand) */
    Mt19937(long seed) {
        mt[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        index = N;
    }

    /**
     * MT19937's init_by_array, as CPython's {@code random.seed(n)} seeds it (n's 32-bit words, least significant
     * first).
     *
     * @param key the key words (at least one)
     * @return the generator
     */
    static Mt19937 byArray(int[] key) {
        final Mt19937 g = new Mt19937(19650218L);
        final int[] mt = g.mt;
        int i = 1, j = 0;
        for (int k = Math.max(N, key.length); k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
            i++;
            j++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if (j >= key.length) {
                j = 0;
            }
        }
        for (int k = N - 1; k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
            i++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x80000000;
        return g;
    }

    private Mt19937(Mt19937 from) {
        System.arraycopy(from.mt, 0, mt, 0, N);
        index = from.index;
    }

    /** @return an independent copy (the same outputs from here on) */
    Mt19937 copy() {
        return new Mt19937(this);
    }

    /** @return the next 32 bits, as an int (read unsigned with {@link Integer#toUnsignedLong}) */
    int next32() {
        if (index >= N) {
            twist();
        }
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        return y ^ (y >>> 18);
    }

    /** @return 64 bits from two outputs, the first the high half */
    long next64() {
        final long hi = Integer.toUnsignedLong(next32());
        return hi << 32 | Integer.toUnsignedLong(next32());
    }

    /** @return CPython's and numpy's uniform on [0, 1): ((a &gt;&gt;&gt; 5) 2^26 + (b &gt;&gt;&gt; 6)) / 2^53 from two outputs */
    double nextDouble53() {
        final long a = Integer.toUnsignedLong(next32()) >>> 5, b = Integer.toUnsignedLong(next32()) >>> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    private void twist() {
        for (int k = 0; k < N; k++) {
            final int y = (mt[k] & 0x80000000) | (mt[(k + 1) % N] & 0x7fffffff);
            mt[k] = mt[(k + M) % N] ^ (y >>> 1) ^ ((y & 1) == 0 ? 0 : 0x9908b0df);
        }
        index = 0;
    }
}

package neuralglm.train;

/**
 * The mini-batch row permutation's shuffle: Fisher-Yates, {@code for i = n-1 .. 1: swap(a[i], a[j]), j = nextInt(i + 1)},
 * with {@link java.util.Random}'s generator written out (its 48-bit linear congruential generator
 * {@code s <- (s * 0x5DEECE66D + 0xB) mod 2^48} seeded with {@code seed ^ 0x5DEECE66D}, {@code next(31) = s >>> 17}, and
 * its {@code nextInt(bound)}): the same numbers as {@code new Random(seed)}, hence the same permutations, without the
 * atomic update {@code Random} makes for every number (five times faster on a 200k-row epoch; the shuffle is a
 * serial part of an epoch that {@code -num-threads} does not share).
 */
final class RowShuffle {

    private static final long MULTIPLIER = 0x5DEECE66DL;
    private static final long ADDEND = 0xBL;
    private static final long MASK = (1L << 48) - 1;

    private long seed;

    /** @param seed as for {@code new Random(seed)} */
    RowShuffle(long seed) {
        this.seed = (seed ^ MULTIPLIER) & MASK;
    }

    /** @return {@code Random.next(31)} */
    private int next31() {
        seed = (seed * MULTIPLIER + ADDEND) & MASK;
        return (int) (seed >>> 17);
    }

    /** @return {@code Random.nextInt(bound)}: uniform on 0 .. bound - 1 ({@code bound >= 1}) */
    int nextInt(int bound) {
        int r = next31();
        final int m = bound - 1;
        if ((bound & m) == 0) { // a power of 2: the high bits
            return (int) ((bound * (long) r) >> 31);
        }
        for (int u = r; u - (r = u % bound) + m < 0; u = next31()) {
            // rejects the last, incomplete multiple of bound below 2^31
        }
        return r;
    }

    /** Shuffles a in place, as {@code for (i = n - 1; i > 0; i--) swap(a, i, nextInt(i + 1))}. */
    void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            final int j = nextInt(i + 1), t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}

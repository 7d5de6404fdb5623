package neuralglm.linalg;

import java.lang.reflect.Field;

/**
 * Where a {@code double[]}'s entries lie relative to a 64-byte boundary (a cache line, one 512-bit vector), so that a
 * kernel can place the rows it streams through 512-bit loads on line boundaries: a load that straddles two lines costs
 * about twice one that does not (measured: a 64 x 64 product from register-held sums, 2.6 against 1.4 ns a term in C,
 * 2.8 against 1.5 in Java's Vector API; src/bench/SPEED.md). The address comes from {@code sun.misc.Unsafe} (module
 * {@code jdk.unsupported}, open to reflection in every JDK 17): the compressed reference of the array, scaled by the
 * shift the JVM uses (found once by allocating two small arrays in a row). Only a hint: when the address cannot be read,
 * or the collector has moved the array since, the kernels run on the same numbers from a misaligned start, only slower.
 */
final class Alignment {
    /** Bytes per line. */
    static final int LINE = 64;

    private static final sun.misc.Unsafe UNSAFE = unsafe();
    /** Bits a compressed reference is shifted by (-1: addresses unknown; 64: references are full addresses). */
    private static final int SHIFT = shift();
    /** Where an array's first entry lies from the array's address. */
    private static final long BASE = UNSAFE == null ? 0 : sun.misc.Unsafe.ARRAY_DOUBLE_BASE_OFFSET;

    private Alignment() {
    }

    private static sun.misc.Unsafe unsafe() {
        try {
            final Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return (sun.misc.Unsafe) f.get(null);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** @return the shift of compressed references (0 or 3 in practice), 64 for full addresses, -1 when unknown */
    private static int shift() {
        if (UNSAFE == null) {
            return -1;
        }
        if (sun.misc.Unsafe.ARRAY_OBJECT_INDEX_SCALE == 8) {
            return 64;
        }
        // two arrays allocated in a row lie one after the other (same thread-local buffer): their references differ by
        // the first one's size, scaled down by the shift; tried a few times (a buffer may end between them)
        final long size = sun.misc.Unsafe.ARRAY_LONG_BASE_OFFSET + Long.BYTES;
        for (int attempt = 0; attempt < 16; attempt++) {
            final Object[] pair = {new long[1], new long[1]};
            final long d = reference(pair, 1) - reference(pair, 0);
            for (int s = 0; s <= 4; s++) {
                if (d << s == size && size % (1L << s) == 0) {
                    return s;
                }
            }
        }
        return -1;
    }

    private static long reference(Object[] holder, int i) {
        return UNSAFE.getInt(holder, (long) sun.misc.Unsafe.ARRAY_OBJECT_BASE_OFFSET
                + (long) i * sun.misc.Unsafe.ARRAY_OBJECT_INDEX_SCALE) & 0xFFFFFFFFL;
    }

    /** @return the address of {@code a}, or -1 when unknown */
    private static long address(Object a) {
        if (SHIFT < 0) {
            return -1;
        }
        final Object[] holder = {a};
        if (SHIFT == 64) {
            return UNSAFE.getLong(holder, (long) sun.misc.Unsafe.ARRAY_OBJECT_BASE_OFFSET);
        }
        // the heap base of shifted references is aligned far beyond a line, so it does not change the offset in a line
        return reference(holder, 0) << SHIFT;
    }

    /**
     * @param a an array
     * @return the smallest index (0 to 7) whose entry starts a 64-byte line, as a is placed now; 0 when unknown
     */
    static int start(double[] a) {
        final long addr = address(a);
        if (addr < 0) {
            return 0;
        }
        final long first = (addr + BASE) & (LINE - 1);
        return first == 0 ? 0 : (int) ((LINE - first) / Double.BYTES) & 7;
    }

    /** @return whether the addresses are known (else {@link #start} always answers 0) */
    static boolean known() {
        return SHIFT >= 0;
    }
}

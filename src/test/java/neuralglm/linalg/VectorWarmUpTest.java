package neuralglm.linalg;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The Vector API kernels (the products, the standardiser's column sums, the float32 pass's products) reach the speed
 * of compiled code in the warm-up (C2 compiles them with their vectors in
 * registers): were an intrinsic to fail (a helper taking vectors left out of line boxed them, 2026-12-04), each call would
 * stay hundreds of times slower, the warm-up would give up after its 20 s, and the kernels would never pay. The
 * warm-up also counts a call as compiled only when it allocated less than {@link VectorWarmUp#FALLBACK_BYTES} (the
 * fallbacks allocate an object per lane operation, and C1's code of them ran within the time thresholds): the count
 * must see an allocation, and the compiled kernels must allocate less than that, or their gates would open only by time.
 *
 * <p>The float kernels' warm-up runs last: run first in a JVM, it left the double kernels' C2 code (compiled in the
 * warm-up after it) keeping vectors boxed in about half the JVMs (2026-12-05, Zen 5 VM, 10 JVMs of warmUpFloat then
 * warmUp: 5 opened the products' gate by time alone after 6 s, on rounds of 16-22 KB; 0 of 6 without it). Builds are not
 * affected as far as measured (float64 builds after a float32 one allocate 8.2-8.8 MB a build, as in a fresh JVM).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VectorWarmUpTest {

    @Test
    @Order(2)
    void kernelsCompileWithinTheWarmUp() {
        assumeTrue(Kernels.vectorised(), "the Vector API module is not loaded");
        final boolean compiled = VectorWarmUp.warmUp();
        assertTrue(compiled, "not at compiled speed after " + VectorWarmUp.lastRounds + " rounds, "
                + VectorWarmUp.lastNanos / 1e9 + " s");
        // the standardiser's column sums too (their own count: Kernels.addColumnSums waits for it)
        assertTrue(VectorWarmUp.lastColumnsCompiled, "column sums not at compiled speed after " + VectorWarmUp.lastRounds
                + " rounds, " + VectorWarmUp.lastNanos / 1e9 + " s");
        System.out.printf("Vector API warm-up: %d rounds, %.3f s%n", VectorWarmUp.lastRounds, VectorWarmUp.lastNanos / 1e9);
    }

    /** The float32 pass's kernels ({@link VectorFloatColumnKernels}) in their own warm-up, every path they take. */
    @Test
    @Order(4)
    void floatKernelsCompileWithinTheirWarmUp() {
        assumeTrue(Kernels.vectorised(), "the Vector API module is not loaded");
        assertTrue(VectorWarmUp.warmUpFloat(), "not at compiled speed after " + VectorWarmUp.lastFloatNanos / 1e9 + " s; the last "
                + "round " + VectorWarmUp.lastFloatRoundNanos + " ns, " + VectorWarmUp.lastFloatRoundBytes + " bytes allocated");
        System.out.printf("Vector API float warm-up: %.3f s (last round %d ns, %d bytes)%n", VectorWarmUp.lastFloatNanos / 1e9,
                VectorWarmUp.lastFloatRoundNanos, VectorWarmUp.lastFloatRoundBytes);
    }

    /** The thread's allocation count, which the warm-up reads, sees an array made between two reads. */
    @Test
    @Order(1)
    void allocationCountSeesAnArray() {
        final long before = VectorWarmUp.allocatedBytes();
        sink = new double[4096];
        final long bytes = VectorWarmUp.allocatedBytes() - before;
        assertTrue(bytes >= 8 * 4096 && bytes < 8 * 4096 + VectorWarmUp.FALLBACK_BYTES, "counted " + bytes + " bytes");
    }

    /** Keeps the array of {@link #allocationCountSeesAnArray} from being left out. */
    static double[] sink;

    /**
     * Once compiled, the column sums and the products the warm-up times allocate less than {@link VectorWarmUp#FALLBACK_BYTES}
     * a call (the column sums nothing), so the allocation rule lets their gates open.
     */
    @Test
    @Order(3)
    void compiledKernelsAllocateBelowTheFallbacksSign() {
        assumeTrue(Kernels.vectorised(), "the Vector API module is not loaded");
        assertTrue(VectorWarmUp.warmUp(), "not compiled");
        final int n = 4, p = 64, m = 64;
        final double[] flat = new double[n * p], b = new double[p * m + 8], z = new double[m], sums = new double[24];
        final double[] out = new double[n * m];
        final double[][] a = new double[n][p], c = new double[n][m];
        for (int i = 0; i < n; i++) {
            a[i][(7 * i) % p] = 0.5 + i;
            flat[i * p + (5 * i) % p] = 1.5 - i;
        }
        for (int e = 0; e < b.length; e++) {
            b[e] = 0.01 * (e % 13) - 0.05;
        }
        // the compiled code is C2's already; a few thousand calls more in case a path was compiled apart
        long columns = Long.MAX_VALUE, products = Long.MAX_VALUE;
        for (int k = 0; k < 20_000 && (columns != 0 || products >= VectorWarmUp.FALLBACK_BYTES); k++) {
            final long b0 = VectorWarmUp.allocatedBytes();
            VectorColumnMoments.addRows(flat, 0, n / 2, 24, null, 0, sums, 0, 24);
            VectorColumnMoments.addShifted(flat, 0, n / 2, 24, null, 0, z, sums, 0, 24);
            VectorColumnMoments.addSquares(flat, 0, n / 2, 24, null, 0, z, sums, 0, 24);
            final long b1 = VectorWarmUp.allocatedBytes();
            VectorRowKernels.rowsTimes(a, null, n, p, b, 0, m, z, c, true, null, null);
            VectorRowKernels.affine(flat, n, p, b, 0, m, z, out, false);
            final long b2 = VectorWarmUp.allocatedBytes();
            columns = b1 - b0;
            products = b2 - b1;
        }
        if (columns == 0 && products < VectorWarmUp.FALLBACK_BYTES) {
            return;
        }
        // The kernels' own C2 code, compiled from the warm-up's profiles, sometimes keeps vectors boxed on these calls
        // (half the probe JVMs on a Zen 5 VM, 2026-12-05, where the float warm-up had run first: the tier-4 code of
        // VectorRowKernels.block8, its stores after the branches' merge left as calls, 7 of 8 "failed to inline
        // (intrinsic)"), and C2 has no reason to compile it again. What the gates need is the warm-up's own calls: the
        // round that opened each gate must have allocated less than the fallbacks' sign, not opened it by time alone (a
        // kernel that boxes wherever it is compiled fails both). Otherwise the test is skipped with what it saw.
        final long gateProducts = VectorWarmUp.lastProductBytes, gateColumns = VectorWarmUp.lastColumnBytes;
        if (gateProducts < 0 || gateProducts >= VectorWarmUp.FALLBACK_BYTES || gateColumns != 0) {
            fail("compiled kernels allocated " + columns + " bytes (column sums) and " + products + " (products) a call, "
                    + "and the warm-up's gates opened on rounds of " + gateColumns + " and " + gateProducts + " bytes");
        }
        assumeTrue(false, "the kernels' own calls ran on code that boxes (" + columns + " and " + products + " bytes a "
                + "call); the warm-up's gates opened on rounds of " + gateColumns + " and " + gateProducts + " bytes");
    }
}

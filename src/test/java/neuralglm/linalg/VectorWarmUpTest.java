package neuralglm.linalg;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/**
 * The Vector API kernels (the products, the standardiser's column sums, the float32 pass's products) reach the speed
 * of compiled code in the warm-up (C2 compiles them with their vectors in
 * registers): were an intrinsic to fail (a helper taking vectors left out of line boxed them, 2026-12-04), each call would
 * stay hundreds of times slower, the warm-up would give up after its 20 s, and the kernels would never pay.
 */
class VectorWarmUpTest {

    @Test
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
    void floatKernelsCompileWithinTheirWarmUp() {
        assumeTrue(Kernels.vectorised(), "the Vector API module is not loaded");
        assertTrue(VectorWarmUp.warmUpFloat(), "not at compiled speed after " + VectorWarmUp.lastFloatNanos / 1e9 + " s");
        System.out.printf("Vector API float warm-up: %.3f s%n", VectorWarmUp.lastFloatNanos / 1e9);
    }
}

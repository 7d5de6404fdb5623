package neuralglm.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The module in the suite's JVM (started with {@code --add-modules jdk.incubator.vector}): there from the start, so
 * nothing is loaded at run time. The loading itself runs in child JVMs started without the module
 * ({@code WekaPackageIT}: a 64-unit build loads it, its report says so, and the models trained with it, without it and
 * in a JVM started with it predict the same bits).
 */
class VectorModuleTest {

    @Test
    void aModuleInTheBootLayerIsTakenAsItIs() {
        assertTrue(VectorModule.inBootLayer(), "the suite runs with --add-modules jdk.incubator.vector");
        assertTrue(VectorModule.load());
        assertFalse(VectorModule.loadedAtRunTime());
        assertNull(VectorModule.failure());
        assertTrue(Kernels.useVectorApi());
        assertTrue(Kernels.vectorised());
        assertEquals(null, jdk.incubator.vector.DoubleVector.class.getClassLoader(), "the boot loader's classes");
    }
}

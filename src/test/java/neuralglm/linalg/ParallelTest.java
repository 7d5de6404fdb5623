package neuralglm.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;

/**
 * {@link Parallel}: every part runs exactly once (whichever thread claims it), the parts cover the items without
 * gaps in sizes that differ by at most one, and a failure reported is the lowest-numbered part's.
 */
class ParallelTest {

    @Test
    void everyPartOnceAndTheFirstFailure() {
        for (int parts = 1; parts <= 5; parts++) {
            final AtomicIntegerArray runs = new AtomicIntegerArray(parts);
            Parallel.run(parts, t -> runs.incrementAndGet(t));
            for (int t = 0; t < parts; t++) {
                assertEquals(1, runs.get(t), parts + " parts, part " + t);
            }
            assertEquals(0, Parallel.start(17, parts, 0));
            assertEquals(17, Parallel.start(17, parts, parts));
            for (int t = 0; t < parts; t++) {
                final int size = Parallel.start(17, parts, t + 1) - Parallel.start(17, parts, t);
                assertTrue(size == 17 / parts || size == 17 / parts + 1, parts + " parts: part " + t + " has " + size
                        + " rows, not 17 / parts or one more");
            }
        }
        final IllegalStateException e = assertThrows(IllegalStateException.class, () -> Parallel.run(4, t -> {
            if (t >= 2) {
                throw new IllegalStateException("part " + t);
            }
        }));
        assertEquals("part 2", e.getMessage());
        assertEquals(1, Parallel.parts(2, 10, 100));
        assertEquals(2, Parallel.parts(2, 1000, 100));
    }
}

package neuralglm.jython;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A compiled Jython cache whose source moved away must not shadow the moved module. */
class JythonCacheTest {

    @Test
    void orphanCachesAreRemovedAndLiveOnesKept(@TempDir Path dir) throws Exception {
        final Path lib = Files.createDirectories(dir.resolve("lib"));
        final Path orphan = Files.write(dir.resolve("plots$py.class"), new byte[] {1});
        final Path nestedOrphan = Files.write(lib.resolve("torchlike$py.class"), new byte[] {1});
        Files.write(lib.resolve("plots.py"), "x = 1\n".getBytes());
        final Path live = Files.write(lib.resolve("plots$py.class"), new byte[] {1});
        final Path other = Files.write(dir.resolve("notes.class"), new byte[] {1});

        Jython.removeOrphanCaches(dir);

        assertFalse(Files.exists(orphan), "orphan cache at the top level");
        assertFalse(Files.exists(nestedOrphan), "orphan cache in a sub-folder");
        assertTrue(Files.exists(live), "a cache whose source exists stays");
        assertTrue(Files.exists(other), "a file that is not a Jython cache stays");
    }
}

package neuralglm.jython;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Properties;
import java.util.stream.Stream;

import org.python.core.PyException;
import org.python.core.PyList;
import org.python.core.PyString;
import org.python.util.PythonInterpreter;

/**
 * One embedded Jython interpreter shared by the tests (starting Jython costs seconds; each script or snippet starts at
 * PyTorch's default dtype, float32, as in a fresh process), with
 * {@code scripts/} and {@code scripts/lib/} (the torch, numpy and matplotlib shims) on its path; runs scripts as {@code __main__} and snippets, capturing what they print.
 */
final class Jython {
    private static PythonInterpreter interpreter;

    private Jython() {
    }

    static synchronized PythonInterpreter get() {
        if (interpreter == null) {
            removeOrphanCaches(Paths.get("scripts"));
            final Properties props = new Properties();
            props.setProperty("python.cachedir.skip", "true");
            props.setProperty("python.import.site", "false");
            PythonInterpreter.initialize(System.getProperties(), props, new String[0]);
            interpreter = new PythonInterpreter();
            // no compiled $py.class files next to the scripts: a stale one would outlive its source
            interpreter.exec("import sys\nsys.dont_write_bytecode = True\nsys.path[0:0] = ['scripts', 'scripts/lib']");
        }
        return interpreter;
    }

    /**
     * Deletes compiled Jython caches ({@code X$py.class}) whose source {@code X.py} is gone: Jython
     * would import such a file in place of a module that moved (e.g. {@code scripts/plots$py.class}
     * left from before {@code plots.py} moved to {@code scripts/lib}).
     */
    static void removeOrphanCaches(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                final String name = p.getFileName().toString();
                if (name.endsWith("$py.class")) {
                    final Path source = p.resolveSibling(name.substring(0, name.length() - "$py.class".length()) + ".py");
                    if (!Files.exists(source)) {
                        Files.delete(p);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cleaning stale Jython caches under " + dir, e);
        }
    }

    /**
     * @param script a file of scripts/
     * @param args   its command-line arguments
     * @return what it printed
     */
    static synchronized String run(String script, String... args) {
        final PythonInterpreter py = get();
        final PyList argv = new PyList();
        argv.append(new PyString("scripts/" + script));
        for (String a : args) {
            argv.append(new PyString(a));
        }
        py.getSystemState().argv = argv;
        return exec("execfile('scripts/" + script + "', {'__name__': '__main__'})");
    }

    /**
     * @param code Python statements
     * @return what they printed
     * @throws PyException when the code raises
     */
    static synchronized String exec(String code) {
        final PythonInterpreter py = get();
        // as a fresh PyTorch process: each script starts at the default dtype float32 (the interpreter is shared)
        DType.setDefaultFloat(DType.FLOAT32);
        TensorPrinter.reset();   // and PyTorch's print options
        final StringWriter out = new StringWriter();
        py.setOut(out);
        py.setErr(out);
        try {
            py.exec(code);
        } catch (PyException e) {
            System.out.println(out);
            throw e;
        }
        final String s = out.toString();
        System.out.print(s);
        return s;
    }
}

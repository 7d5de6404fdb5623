package neuralglm.jython;

import java.io.StringWriter;
import java.util.Properties;

import org.python.core.PyException;
import org.python.core.PyList;
import org.python.core.PyString;
import org.python.util.PythonInterpreter;

/**
 * One embedded Jython interpreter shared by the tests (starting Jython costs seconds), with
 * {@code scripts/} and {@code scripts/lib/} (the torch, numpy and matplotlib shims) on its path; runs scripts as {@code __main__} and snippets, capturing what they print.
 */
final class Jython {
    private static PythonInterpreter interpreter;

    private Jython() {
    }

    static synchronized PythonInterpreter get() {
        if (interpreter == null) {
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

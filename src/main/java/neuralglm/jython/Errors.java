package neuralglm.jython;

import org.python.core.Py;
import org.python.core.PyException;

/**
 * Turns Java failures into Python exceptions with a one-line message, so that a script sees
 * {@code ValueError: SGD learning rate must be a finite number > 0, got -0.1} instead of a Java stack
 * trace (Java exceptions also escape {@code except Exception} in Jython).
 */
final class Errors {

    private Errors() {
    }

    /**
     * @param message what went wrong and what was expected
     * @return a Python {@code ValueError} to throw
     */
    static PyException value(String message) {
        return Py.ValueError(oneLine(message));
    }

    /**
     * @param message what went wrong
     * @return a Python {@code IndexError} to throw
     */
    static PyException index(String message) {
        return Py.IndexError(oneLine(message));
    }

    /**
     * Python exceptions pass unchanged; an engine's {@link IllegalArgumentException} or
     * {@link IllegalStateException} becomes a {@code ValueError} with the same message.
     *
     * @param e a failure from the engine or from Python code called back by it
     * @return the exception to throw
     */
    static RuntimeException translate(RuntimeException e) {
        if (e instanceof PyException) {
            return e;
        }
        if (e instanceof IllegalArgumentException || e instanceof IllegalStateException
                || e instanceof UnsupportedOperationException) {
            return value(e.getMessage());
        }
        return e;
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replace('\n', ' ').trim();
    }
}

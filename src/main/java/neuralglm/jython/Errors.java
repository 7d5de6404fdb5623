package neuralglm.jython;

import org.python.core.Py;
import org.python.core.PyException;

/**
 * Turns Java failures into Python exceptions with a one-line message, so that a script sees
 * {@code ValueError: SGD learning rate must be a finite number > 0, got -0.1} instead of a Java stack
 * trace (Java exceptions also escape {@code except Exception} in Jython). The kind is the one PyTorch 1.13
 * raises for the same mistake: {@code RuntimeError} for shapes that do not fit and for autograd misuse,
 * {@code IndexError} for indices and dimensions out of range, {@code TypeError} for an argument of the wrong
 * type, {@code ValueError} for a bad option value (the sweep {@code MistakesTest} holds PyTorch's kinds).
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
     * @param message what went wrong (shapes that do not fit, autograd misuse)
     * @return a Python {@code RuntimeError} to throw
     */
    static PyException runtime(String message) {
        return Py.RuntimeError(oneLine(message));
    }

    /**
     * @param message what was given and what was expected
     * @return a Python {@code TypeError} to throw
     */
    static PyException type(String message) {
        return Py.TypeError(oneLine(message));
    }

    /**
     * @param message what was missing (PyTorch's {@code 'list' object has no attribute 'size'} for a list given as a
     *                loss's input: PyTorch's code calls a method of it)
     * @return a Python {@code AttributeError} to throw
     */
    static PyException attribute(String message) {
        return Py.AttributeError(oneLine(message));
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

    /**
     * As {@link #translate}, for a failure inside a tensor computation (a layer's forward or backward, where an
     * engine's {@link IllegalArgumentException} means shapes that do not fit): a {@code RuntimeError}, as PyTorch's.
     *
     * @param e a failure from the engine or from Python code called back by it
     * @return the exception to throw
     */
    static RuntimeException translateComputation(RuntimeException e) {
        if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
            return runtime(e.getMessage());
        }
        return translate(e);
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replace('\n', ' ').trim();
    }
}

package neuralglm.jython;

import java.util.Arrays;
import java.util.List;

import org.python.core.Py;
import org.python.core.PyObject;

/**
 * Binds Python positional and keyword arguments ({@code (PyObject[] args, String[] kws)}, the
 * calling convention Jython uses for Java methods that accept keywords) to named parameters, like
 * a Python signature {@code f(input, target, reduction='mean')}.
 */
final class Args {
    private final String function;
    private final List<String> names;
    private final PyObject[] values;

    /**
     * @param function name of the Python-facing function, for messages
     * @param args     positional arguments followed by keyword values (Jython's layout)
     * @param kws      keyword names, matching the last {@code kws.length} entries of args
     * @param names    parameter names in order
     */
    Args(String function, PyObject[] args, String[] kws, String... names) {
        this.function = function;
        this.names = Arrays.asList(names);
        this.values = new PyObject[names.length];
        final int positional = args.length - kws.length;
        if (positional > names.length) {
            throw Errors.type(function + "() takes at most " + names.length + " arguments " + this.names
                    + ", got " + positional);
        }
        System.arraycopy(args, 0, values, 0, positional);
        for (int i = 0; i < kws.length; i++) {
            // PyTorch takes numpy's axis= for dim= (t.sum(axis=0))
            final int at = this.names.indexOf(kws[i].equals("axis") && this.names.contains("dim") ? "dim" : kws[i]);
            if (at < 0) {
                throw Errors.type(function + "() got an unexpected keyword argument '" + kws[i]
                        + "'; it takes " + this.names);
            }
            if (values[at] != null) {
                throw Errors.type(function + "() got multiple values for argument '" + kws[i] + "'");
            }
            values[at] = args[positional + i];
        }
    }

    /** @return whether the argument was given (and is not None) */
    boolean has(String name) {
        final PyObject v = values[index(name)];
        return v != null && v != Py.None;
    }

    /** @return the argument, or null when absent */
    PyObject get(String name) {
        final PyObject v = values[index(name)];
        return v == Py.None ? null : v;
    }

    /** @return the argument as a tensor (numbers and lists are converted); required */
    Tensor tensor(String name) {
        return Convert.toTensor(required(name), function + "() argument '" + name + "'");
    }

    /**
     * @param name  a parameter
     * @param shown the function as PyTorch's message names it (e.g. {@code cross_entropy_loss} for cross_entropy)
     * @return the argument, which must be a tensor (a list, a number or None is refused as PyTorch refuses it); required
     */
    Tensor tensorArgument(String name, String shown) {
        final PyObject v = values[index(name)];
        return tensorArgument(v == null ? required(name) : v, shown, name, index(name) + 1);
    }

    /**
     * @param name   a parameter
     * @param method the method of it that PyTorch's function calls ({@link #receiver(Object, String)})
     * @return the argument, which must be a tensor (else that call's AttributeError); required
     */
    Tensor receiver(String name, String method) {
        final PyObject v = values[index(name)];
        return receiver(v == null ? required(name) : v, method);
    }

    /** @return whether the argument is a tensor */
    boolean isTensor(String name) {
        final PyObject v = values[index(name)];
        return v != null && v.__tojava__(Tensor.class) instanceof Tensor;
    }

    /** @return the argument as given (None included), or null when absent */
    PyObject given(String name) {
        return values[index(name)];
    }

    /**
     * A tensor parameter of a Python-facing function: the value if it is a tensor, else PyTorch's TypeError naming the
     * function, parameter and position and what was given, e.g. {@code relu(): argument 'input' (position 1) must be
     * Tensor, not list} (Jython's own message would name the Java class).
     *
     * @param value    what was passed (a PyObject, a Java value, or null for None)
     * @param function the function as PyTorch names it ({@code relu}, {@code linear}, {@code mm})
     * @param name     the parameter ({@code input}, {@code mat2}, {@code other})
     * @param position its position, from 1
     * @return the tensor
     */
    static Tensor tensorArgument(Object value, String function, String name, int position) {
        final Object java = value instanceof PyObject ? ((PyObject) value).__tojava__(Tensor.class) : value;
        if (java instanceof Tensor) {
            return (Tensor) java;
        }
        throw Errors.type(function + "(): argument '" + name + "' (position " + position + ") must be Tensor, not "
                + typeName(value));
    }

    /**
     * @param x        the first argument of a function of one tensor
     * @param function the function, as PyTorch names it
     * @return x, refused as PyTorch refuses a non-tensor ({@link #tensorArgument(Object, String, String, int)})
     */
    static Tensor input(Object x, String function) {
        return tensorArgument(x, function, "input", 1);
    }

    /**
     * @param x      what a function was given where PyTorch calls a method of it ({@code input.softmax(dim)} in
     *               {@code F.softmax}, {@code input.flatten(...)} in {@code nn.Flatten})
     * @param method that method
     * @return x, which must be a tensor: else PyTorch's AttributeError, {@code 'list' object has no attribute 'softmax'}
     */
    static Tensor receiver(Object x, String method) {
        final Object java = x instanceof PyObject ? ((PyObject) x).__tojava__(Tensor.class) : x;
        if (java instanceof Tensor) {
            return (Tensor) java;
        }
        throw Errors.attribute("'" + typeName(x) + "' object has no attribute '" + method + "'");
    }

    /** @return the Python type name of a value, as PyTorch's messages give it: {@code list}, {@code float}, {@code NoneType} */
    static String typeName(Object value) {
        if (value == null) {
            return "NoneType";
        }
        return (value instanceof PyObject ? (PyObject) value : Py.java2py(value)).getType().getName();
    }

    /** @return the argument as a double, or {@code otherwise} when absent */
    double dbl(String name, double otherwise) {
        return has(name) ? get(name).asDouble() : otherwise;
    }

    /** @return the argument as an int, or {@code otherwise} when absent */
    int integer(String name, int otherwise) {
        return has(name) ? get(name).asInt() : otherwise;
    }

    /**
     * @return the argument as an int: a Python int (or a one-entry whole-number tensor); required
     * @throws org.python.core.PyException a {@code TypeError} for a float, as PyTorch's for a size
     */
    int whole(String name) {
        final PyObject v = required(name);
        if (!(v instanceof org.python.core.PyInteger || v instanceof org.python.core.PyLong)) {
            throw Errors.type(function + "() argument '" + name + "' must be an int, got " + v.getType().getName()
                    + " " + v);
        }
        return v.asInt();
    }

    /** @return the argument as a boolean, or {@code otherwise} when absent */
    boolean bool(String name, boolean otherwise) {
        return has(name) ? get(name).__nonzero__() : otherwise;
    }

    /** @return the argument as a string, or {@code otherwise} when absent */
    String string(String name, String otherwise) {
        return has(name) ? get(name).toString() : otherwise;
    }

    /** @return the argument, failing with a clear message when it is missing */
    PyObject required(String name) {
        final PyObject v = get(name);
        if (v == null) {
            throw Errors.type(function + "() missing required argument '" + name + "'");
        }
        return v;
    }

    private int index(String name) {
        final int at = names.indexOf(name);
        if (at < 0) {
            throw new IllegalStateException("no parameter " + name + " in " + function);
        }
        return at;
    }
}

package neuralglm.jython;

import org.python.core.Py;
import org.python.core.PyObject;
import org.python.core.PyTuple;

/**
 * A tensor's {@code grad_fn} as PyTorch shows it: {@code name()} (PyTorch 1.13's, e.g. {@code MulBackward0}),
 * {@code next_functions} (per input of the operation: its own grad_fn, an {@code AccumulateGrad} for a leaf that
 * requires a gradient, or None; each paired with 0), and the printout {@code <MulBackward0 object at 0x...>}. One
 * object per recorded operation, so {@code y.grad_fn is y.grad_fn}.
 */
public final class GradFn {

    private final Node node;

    GradFn(Node node) {
        this.node = node;
    }

    /** @return the operation's backward name ({@code MulBackward0}; floor_divide's PyTorch's placeholder) */
    public String name() {
        return node.name.equals("NotImplemented") ? "torch::autograd::NotImplemented" : node.name;
    }

    /** @return {@code ((fn, 0), ...)}: per input, what its gradient flows into next */
    public PyTuple getNext_functions() {
        final PyObject[] next = new PyObject[node.inputs.length];
        for (int i = 0; i < next.length; i++) {
            final Tensor in = node.inputs[i];
            final Object fn = in == null ? null : in.node != null ? in.node.gradFn()
                    : in.requiresGrad ? new AccumulateGrad(in) : null;
            next[i] = new PyTuple(fn == null ? Py.None : Py.java2py(fn), Py.newInteger(0));
        }
        return new PyTuple(next);
    }

    @Override
    public String toString() {
        return "<" + node.name + " object at 0x" + Integer.toHexString(System.identityHashCode(this)) + ">";
    }

    /** The end of a gradient's path at a leaf: it adds the gradient into {@code variable.grad}. */
    public static final class AccumulateGrad {
        private final Tensor variable;

        AccumulateGrad(Tensor variable) {
            this.variable = variable;
        }

        /** @return PyTorch's name of it, "torch::autograd::AccumulateGrad" */
        public String name() {
            return "torch::autograd::AccumulateGrad";
        }

        /** @return the leaf */
        public Tensor getVariable() {
            return variable;
        }

        /** @return no further functions */
        public PyTuple getNext_functions() {
            return new PyTuple();
        }

        @Override
        public String toString() {
            return "<AccumulateGrad object at 0x" + Integer.toHexString(System.identityHashCode(this)) + ">";
        }
    }
}

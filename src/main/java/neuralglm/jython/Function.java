package neuralglm.jython;

import java.util.ArrayList;
import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.python.core.Py;
import org.python.core.PyObject;

/**
 * A user-defined operation with its own backward, as a custom {@code torch.autograd.Function}:
 * subclass it in Jython and write
 * <pre>
 *   forward(self, x)             -&gt; y        (keep on self what backward needs)
 *   backward(self, grad_output)  -&gt; dL/dx    (same shape as x)
 * </pre>
 * {@code f(x)} (or {@code f.apply(x)}) runs forward outside the record and records one operation
 * whose backward is yours. It is a {@link Module}, so it can be a layer of a {@link TorchSequential}; a
 * Function with {@link TorchParameter}s adds their gradients into {@code p.grad} itself (for example
 * {@code self.w.grad.copy_(self.w.grad + dw)}). PyTorch's own style, {@code @staticmethod
 * forward(ctx, ...)} and {@code backward(ctx, grad_output)} used as {@code Square.apply(x)}, is
 * provided by {@code torch.autograd.Function} (scripts/lib/torch) on top of {@link #record}.
 */
public abstract class Function extends Module {

    /**
     * @param x input, outside the record
     * @return output
     */
    @Override
    public abstract Tensor forward(Tensor x);

    /**
     * @param gradOutput {@code dL/d output}, the output's shape
     * @return {@code dL/d input}, the input's shape
     */
    public abstract Tensor backward(Tensor gradOutput);

    /**
     * Records one operation computed outside the record: PyTorch's ctx-style
     * {@code Function.apply(*args)}. {@code dL/d inputs[i] = backward(dL/d output)[i]}.
     *
     * @param name     the operation's name, e.g. {@code SquareBackward}
     * @param inputs   the tensor arguments, in order (a Python sequence)
     * @param output   what forward returned; copied
     * @param backward a Python callable: given {@code dL/d output} (a tensor of the output's shape) it
     *                 returns one entry per input: a tensor of that input's shape, a number, or None
     * @return the output, in the record when some input needs a gradient and recording is on
     */
    public static Tensor record(String name, PyObject inputs, Tensor output, PyObject backward) {
        if (output == null) {
            throw Errors.value(name.replace("Backward", "") + ".forward returned None; it must return a tensor");
        }
        final List<Tensor> in = new ArrayList<>();
        for (PyObject p : inputs.asIterable()) {
            in.add(Convert.toTensor(p, name + " input"));
        }
        final Tensor out = Tensor.of(output.data.copy(), output.shape.clone());
        final Tensor[] xs = in.toArray(new Tensor[0]);
        return Ops.record(out, name, g -> {
            final PyObject r = backward.__call__(Py.java2py(Tensor.of(g.copy(), out.shape.clone())));
            final PyObject[] grads = r instanceof org.python.core.PyTuple || r instanceof org.python.core.PyList
                    ? toArray(r) : new PyObject[] {r};
            if (grads.length != xs.length) {
                throw Errors.value(name.replace("Backward", "") + ".backward returned " + grads.length
                        + " gradients for " + xs.length + " tensor inputs; it must return one per input of forward");
            }
            final DMatrixRMaj[] d = new DMatrixRMaj[xs.length];
            for (int i = 0; i < xs.length; i++) {
                if (grads[i] == Py.None) {
                    continue;
                }
                final Tensor gi = Convert.toTensor(grads[i], name + " gradient " + i);
                d[i] = new DMatrixRMaj(xs[i].data.numRows, xs[i].data.numCols);
                if (gi.numel() == 1) {
                    java.util.Arrays.fill(d[i].data, 0, xs[i].numel(), gi.data.data[0]);
                } else if (gi.numel() == xs[i].numel()) {
                    System.arraycopy(gi.data.data, 0, d[i].data, 0, xs[i].numel());
                } else {
                    throw Errors.value(name.replace("Backward", "") + ".backward returned shape "
                            + Tensor.shapeText(gi.shape) + " for input " + i + " of shape "
                            + Tensor.shapeText(xs[i].shape) + "; it must return dL/dx of the input's shape");
                }
            }
            return d;
        }, xs);
    }

    private static PyObject[] toArray(PyObject seq) {
        final List<PyObject> l = new ArrayList<>();
        for (PyObject p : seq.asIterable()) {
            l.add(p);
        }
        return l.toArray(new PyObject[0]);
    }

    @Override
    Tensor call(Tensor x) {
        final int v = ++version;
        final Tensor y;
        try {
            y = forward(x.getData());
        } catch (RuntimeException e) {
            throw Errors.translate(e);
        }
        if (y == null) {
            throw Errors.value(typeName() + ".forward returned None; it must return a tensor");
        }
        final Tensor out = Tensor.of(y.data.copy(), y.shape.clone());
        if (!Autograd.enabled() || (!x.needsGrad() && namedParameters().isEmpty())) {
            return out;
        }
        out.node = new Node(typeName() + "Backward", new Tensor[] {x}, g -> {
            if (version != v) {
                throw Errors.value("backward through " + typeName() + " after it was called again: its forward "
                        + "state belongs to the newest call, so call backward before the next call");
            }
            final Tensor gx = backward(Tensor.of(g.copy(), out.shape.clone()));
            if (gx == null || gx.numel() != x.numel()) {
                throw Errors.value(typeName() + ".backward returned "
                        + (gx == null ? "None" : "shape " + Tensor.shapeText(gx.shape)) + " for an input of shape "
                        + Tensor.shapeText(x.shape) + "; it must return dL/dx of the input's shape");
            }
            final DMatrixRMaj d = new DMatrixRMaj(x.data.numRows, x.data.numCols);
            System.arraycopy(gx.data.data, 0, d.data, 0, x.numel());
            return new DMatrixRMaj[] {d};
        });
        return out;
    }

    /**
     * @param x input
     * @return {@code this(x)}, PyTorch's spelling
     */
    public Tensor apply(Tensor x) {
        return call(x);
    }
}

package neuralglm.jython;

import org.ejml.data.DMatrixRMaj;

/**
 * A user-defined operation with its own backward, as a custom {@code torch.autograd.Function}:
 * subclass it in Jython and write
 * <pre>
 *   forward(self, x)             -&gt; y        (keep on self what backward needs)
 *   backward(self, grad_output)  -&gt; dL/dx    (same shape as x)
 * </pre>
 * {@code f(x)} (or {@code f.apply(x)}) runs forward outside the record and records one operation
 * whose backward is yours. It is a {@link Module}, so it can be a layer of a {@link Sequential}; a
 * Function with {@link Parameter}s adds their gradients into {@code p.grad} itself (for example
 * {@code self.w.grad.copy_(self.w.grad + dw)}).
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

    @Override
    public Tensor __call__(Tensor x) {
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
        if (!x.needsGrad() && namedParameters().isEmpty()) {
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
        return __call__(x);
    }
}

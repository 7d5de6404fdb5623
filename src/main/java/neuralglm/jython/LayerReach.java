package neuralglm.jython;

import java.util.List;

import org.ejml.data.DMatrixRMaj;

/**
 * One engine layer's backward seen as PyTorch's autograd sees it. The layer adds into the engine gradient of
 * each of its parameters; PyTorch gives a {@code .grad} to the parameters a backward reaches that require one
 * and leaves the others alone. So around the layer's backward ({@link #before}, then {@link #after}): a
 * parameter whose {@code .grad} was None gets one (its storage zeroed first, so it holds this backward's
 * gradient alone); a frozen parameter ({@code requires_grad=False}) keeps the gradient it had, None or
 * not. The optimisers then skip a parameter whose {@code .grad} is None, as PyTorch's.
 */
final class LayerReach {

    private final List<TorchParameter> params;
    /** The gradient each frozen parameter had before the backward (null for the others). */
    private final DMatrixRMaj[] kept;

    private LayerReach(List<TorchParameter> params) {
        this.params = params;
        this.kept = new DMatrixRMaj[params.size()];
        for (int i = 0; i < kept.length; i++) {
            final TorchParameter p = params.get(i);
            if (!p.requiresGrad) {
                kept[i] = p.gradStore.copy();
            } else if (!p.gradDefined) {
                java.util.Arrays.fill(p.gradStore.data, 0, p.numel(), 0.0);
            }
        }
    }

    /**
     * @param params the parameters whose engine gradients the layer's backward adds into
     * @return the record to call {@link #after} on once the layer's backward has run
     */
    static LayerReach before(List<TorchParameter> params) {
        return new LayerReach(params);
    }

    /** Marks the parameters that require a gradient as reached, and restores the frozen ones' gradients. */
    void after() {
        for (int i = 0; i < kept.length; i++) {
            final TorchParameter p = params.get(i);
            if (kept[i] == null) {
                p.gradDefined = true;
            } else {
                System.arraycopy(kept[i].data, 0, p.gradStore.data, 0, p.numel());
            }
        }
    }
}

package neuralglm.nn;

import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * The reference pass the fused passes ({@link ColumnPass}, {@link RowPass}) are checked against: each layer's own
 * {@link Layer#forward} in order, then its own {@link Layer#backward} in reverse, {@code g_{l-1} = backward_l(g_l)}.
 */
final class LayerByLayer {

    private LayerByLayer() {
    }

    /** @return the last layer's output on x (n x inputs), each layer caching its input for {@link #backward} */
    static DMatrixRMaj forward(List<Layer> layers, DMatrixRMaj x) {
        DMatrixRMaj r = x;
        for (Layer layer : layers) {
            r = layer.forward(r);
        }
        return r;
    }

    /** @return dL/dx from dL/dout (n x outputs), each layer adding its parameter gradients */
    static DMatrixRMaj backward(List<Layer> layers, DMatrixRMaj dOut) {
        DMatrixRMaj g = dOut;
        for (int l = layers.size() - 1; l >= 0; l--) {
            g = layers.get(l).backward(g);
        }
        return g;
    }
}

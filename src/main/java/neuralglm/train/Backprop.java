package neuralglm.train;

import java.util.List;

import neuralglm.nn.Layer;
import neuralglm.nn.Linear;
import neuralglm.nn.Sequential;
import org.ejml.data.DMatrixRMaj;

/**
 * {@link Sequential#backward} for training: the same reverse pass, except that a first layer that is
 * {@link Linear} only accumulates its parameter gradients ({@link Linear#accumulateGradients}); the
 * gradient with respect to the data is never used.
 */
final class Backprop {
    private final Layer[] layers;

    Backprop(Sequential net) {
        final List<Layer> list = net.layers();
        this.layers = list.toArray(new Layer[0]);
    }

    /** @param grad {@code dL/d eta}, n x k. Not modified. */
    void run(DMatrixRMaj grad) {
        DMatrixRMaj g = grad;
        for (int i = layers.length - 1; i > 0; i--) {
            g = layers[i].backward(g);
        }
        if (layers.length > 0) {
            if (layers[0] instanceof Linear) {
                ((Linear) layers[0]).accumulateGradients(g);
            } else {
                layers[0].backward(g);
            }
        }
    }
}

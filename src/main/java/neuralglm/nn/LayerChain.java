package neuralglm.nn;

import java.util.List;

/**
 * The widths of a chain of {@link Linear} and {@link Activation} layers, as the fused passes ({@link ColumnPass},
 * {@link RowPass}) take them: {@code width[0]} = the inputs, {@code width[l + 1]} = layer l's outputs (a Linear's
 * out, an activation's in). Stateless.
 */
final class LayerChain {

    private LayerChain() {
    }

    /**
     * @param layers     the network's layers
     * @param inputs     the number of input columns
     * @param maxOutputs the most outputs a Linear may have
     * @return the widths (length layers + 1), or null when there is no layer, a layer is neither Linear nor
     *         Activation, a Linear's inputs are not the width before it, or it has more than maxOutputs outputs
     */
    static int[] widths(List<Layer> layers, int inputs, int maxOutputs) {
        if (layers.isEmpty()) {
            return null;
        }
        final int[] width = new int[layers.size() + 1];
        width[0] = inputs;
        for (int l = 0; l < layers.size(); l++) {
            final Layer layer = layers.get(l);
            if (layer instanceof Linear lin) {
                if (lin.inputs() != width[l] || lin.outputs() > maxOutputs) {
                    return null;
                }
                width[l + 1] = lin.outputs();
            } else if (layer instanceof Activation) {
                width[l + 1] = width[l];
            } else {
                return null;
            }
        }
        return width;
    }
}

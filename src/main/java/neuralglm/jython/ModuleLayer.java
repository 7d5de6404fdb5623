package neuralglm.jython;

import java.util.List;

import neuralglm.nn.Layer;
import neuralglm.nn.Parameter;
import org.ejml.data.DMatrixRMaj;

/**
 * A {@link Module} seen by the engine as a {@link Layer}: forward calls the module on a leaf tensor
 * that requires a gradient; backward runs the record from the module's output with {@code dOut}
 * and returns the gradient collected in that leaf. This is how a layer written in Jython sits inside
 * an engine {@link neuralglm.nn.Sequential}.
 */
final class ModuleLayer implements Layer {
    private static final long serialVersionUID = 1L;

    private final transient Module module;
    private transient Tensor input;
    private transient Tensor output;
    /** The float dtype label of the network's input, which the module's input carries (see {@link Tensor#floating}). */
    transient DType floating;

    ModuleLayer(Module module) {
        this.module = module;
    }

    @Override
    public DMatrixRMaj forward(DMatrixRMaj x) {
        input = Tensor.matrix(x.copy());
        input.floating = floating;
        input.requiresGrad = true;
        output = module.call(input);
        if (output.data.numRows != x.numRows) {
            throw Errors.value(module + " returned shape " + Tensor.shapeText(output.shape) + " for an input of shape "
                    + Tensor.shapeText(input.shape) + "; a layer in a Sequential must keep the number of rows");
        }
        return output.data;
    }

    @Override
    public DMatrixRMaj backward(DMatrixRMaj dOut) {
        if (input == null) {
            throw new IllegalStateException("backward called before forward");
        }
        input.gradStore = null;
        input.gradDefined = false;
        if (output.needsGrad()) {
            Autograd.backward(output, dOut, true);
        }
        return input.gradDefined ? input.gradStore : new DMatrixRMaj(input.data.numRows, input.data.numCols);
    }

    @Override
    public List<Parameter> parameters() {
        return module.engineParameters();
    }

    @Override
    public DMatrixRMaj predict(DMatrixRMaj x) {
        return module.call(Tensor.matrix(x.copy())).data;
    }

    @Override
    public String toString() {
        return module.toString();
    }
}

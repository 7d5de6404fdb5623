package neuralglm.nn;

import java.util.List;
import java.util.Random;

import neuralglm.linalg.Kernels;
import org.ejml.data.DMatrixRMaj;

/**
 * Affine layer {@code Y = X W^T + b}, with W of shape {@code out x in} (PyTorch layout) and b of
 * length {@code out}.
 * <pre>
 *   backward:  dW += dY^T X,   db += 1^T dY,   dX = dY W
 * </pre>
 * Initialised like PyTorch's {@code nn.Linear}: W and b uniform in {@code (-1/sqrt(in), 1/sqrt(in))}.
 */
public final class Linear implements Layer {
    private static final long serialVersionUID = 1L;

    private final int in;
    private final int out;
    private final Parameter weight;
    private final Parameter bias;

    private transient DMatrixRMaj input;
    private transient DMatrixRMaj output;
    private transient DMatrixRMaj inputGrad;
    private transient DMatrixRMaj weightT;
    /** Whether {@link #weightT} holds the transpose of the weights of the last forward. */
    private transient boolean weightTFresh;

    /**
     * @param name prefix of the parameter names ({@code name.weight}, {@code name.bias})
     * @param in   number of inputs
     * @param out  number of outputs
     * @param rng  source of the initial values
     */
    public Linear(String name, int in, int out, Random rng) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("Linear layer " + name + " needs at least one input and one output, got " + in + " x " + out);
        }
        this.in = in;
        this.out = out;
        this.weight = new Parameter(name + ".weight", new DMatrixRMaj(out, in));
        this.bias = new Parameter(name + ".bias", new DMatrixRMaj(1, out));
        final double bound = 1.0 / Math.sqrt(in);
        for (int i = 0; i < out * in; i++) {
            weight.value().data[i] = (2.0 * rng.nextDouble() - 1.0) * bound;
        }
        for (int i = 0; i < out; i++) {
            bias.value().data[i] = (2.0 * rng.nextDouble() - 1.0) * bound;
        }
    }

    private Linear(Linear from) {
        this.in = from.in;
        this.out = from.out;
        this.weight = from.weight.copy();
        this.bias = from.bias.copy();
    }

    @Override
    public Linear copy() {
        return new Linear(this);
    }

    /** @return number of inputs */
    public int inputs() {
        return in;
    }

    /** @return number of outputs */
    public int outputs() {
        return out;
    }

    /** @return the weight, out x in */
    public Parameter weight() {
        return weight;
    }

    /** @return the bias, 1 x out */
    public Parameter bias() {
        return bias;
    }

    private void checkInput(DMatrixRMaj x) {
        if (x.numCols != in) {
            throw new IllegalArgumentException(String.format("Linear layer %s expects %d input columns, got %d",
                    weight.name().replace(".weight", ""), in, x.numCols));
        }
    }

    @Override
    public DMatrixRMaj forward(DMatrixRMaj x) {
        checkInput(x);
        input = x;
        // the weights change between steps: their transpose (in x out copies) is made again when a kernel reads it
        weightTFresh = false;
        output = Kernels.reshape(output, x.numRows, out);
        Kernels.affine(x, weight.value(), Kernels.affineReadsTranspose() ? weightT() : null, bias.value(), output);
        return output;
    }

    /** @return the transpose of the weight, made once per forward (the plain-Java row kernels make their own) */
    private DMatrixRMaj weightT() {
        if (!weightTFresh) {
            weightT = Kernels.reshape(weightT, in, out);
            Kernels.transpose(weight.value(), weightT);
            weightTFresh = true;
        }
        return weightT;
    }

    @Override
    public DMatrixRMaj backward(DMatrixRMaj dOut) {
        if (input == null) {
            throw new IllegalStateException("backward called before forward");
        }
        Kernels.accumulateAffineGrad(dOut, input, weight.grad(), bias.grad());
        inputGrad = Kernels.reshape(inputGrad, dOut.numRows, in);
        Kernels.inputGrad(dOut, weight.value(), Kernels.inputGradReadsTranspose(dOut.numRows, in) ? weightT() : null, inputGrad);
        return inputGrad;
    }

    /**
     * The parameter half of {@link #backward}: {@code dW += dY^T X}, {@code db += 1^T dY}, without the
     * input gradient (which nothing needs when this is a network's first layer).
     *
     * @param dOut {@code dL/d output}, n x out, for the last forward. Not modified.
     */
    @Override
    public void accumulateGradients(DMatrixRMaj dOut) {
        if (input == null) {
            throw new IllegalStateException("backward called before forward");
        }
        Kernels.accumulateAffineGrad(dOut, input, weight.grad(), bias.grad());
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }

    @Override
    public DMatrixRMaj predict(DMatrixRMaj x) {
        return predict(x, new DMatrixRMaj(x.numRows, out));
    }

    @Override
    public DMatrixRMaj predict(DMatrixRMaj x, DMatrixRMaj y) {
        checkInput(x);
        y.reshape(x.numRows, out, false);
        Kernels.affine(x, weight.value(), null, bias.value(), y);   // y = x W^T + b: every entry written
        return y;
    }

    /**
     * {@link #predict(DMatrixRMaj, DMatrixRMaj)} and a ReLU after it: {@code y = max(x W^T + b, 0)}, in one pass where
     * the kernels allow ({@link Kernels#affineRelu}); the same numbers as the two layers.
     */
    DMatrixRMaj predictRelu(DMatrixRMaj x, DMatrixRMaj y) {
        checkInput(x);
        y.reshape(x.numRows, out, false);
        Kernels.affineRelu(x, weight.value(), bias.value(), y);
        return y;
    }

    @Override
    public String toString() {
        return "Linear(" + in + ", " + out + ")";
    }
}

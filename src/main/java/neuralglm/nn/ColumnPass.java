package neuralglm.nn;

import java.util.List;

import neuralglm.linalg.ColumnKernels;
import neuralglm.linalg.FloatColumnKernels;
import org.ejml.data.DMatrixRMaj;

/**
 * The training pass (forward, then backward) of a {@link Sequential} made of {@link Linear} and
 * {@link Activation} layers only, with every hidden matrix stored by columns (one array per feature,
 * as long as the batch; see {@link ColumnKernels}) so that the products vectorise along the batch in
 * any JVM. Input, output ({@code eta}) and the gradient in {@code eta} stay row-major
 * {@code n x features}, as in {@link Layer}; they are transposed here (O(n (in + out)) against the
 * O(n sum(in * out)) products). In double ({@link #forward}) every number is the same to the bit as the
 * layer-by-layer pass: the kernels sum in the same order and activations are element-wise. In float
 * ({@link #forwardFloat}, {@link Precision#FLOAT32}) the columns and a copy of the weights are float and the
 * products run in {@link FloatColumnKernels}; the parameter gradients are still added into the layers'
 * double gradients. In either precision a {@link Activation.ReLU} after a {@link Linear} runs inside that layer's
 * products (forward: the ReLU's outputs straight from the sums; backward: the input gradient times the ReLU's
 * step), the same numbers as the separate passes. Buffers grow to the largest batch and are reused. Not thread-safe (one per network, as
 * the layers' own caches).
 */
final class ColumnPass {

    /**
     * Layers with more outputs than this train row-major: from 64 outputs on, the row kernels (and
     * the Vector API's) are as fast or faster, and narrower layers are where columns pay.
     */
    static final int MAX_WIDTH = 48;

    /**
     * The widest layer of a float32 pass ({@link Precision#FLOAT32}): float columns hold twice the lanes,
     * so the column kernels stay ahead of the row kernels on wider layers.
     */
    static final int MAX_WIDTH_FLOAT = Integer.getInteger("neuralglm.columnWidthFloat", 128);

    private final Layer[] layers;
    private final int[] width;      // width[l]: columns of layer l's input; width[L]: outputs
    private final int widest;       // the most outputs of a layer
    private double[][][] act;       // act[l]: the input columns of layer l; act[L]: the output
    private double[][][] grad;      // grad[l]: dL/d(input of layer l), for l >= 1
    private double[][][] aux;       // aux[l]: what activation l keeps from forward for backward (Activation.keepsAux)
    private int capacity;
    private int n;
    private float[][][] actF;       // float32: as act and grad
    private float[][][] gradF;
    private float[][] weightF;      // float32: weightF[l], biasF[l]: float copies of Linear l's parameters
    private float[][] biasF;
    private int capacityF;
    private boolean float32;        // the precision of the last forward
    private final DMatrixRMaj eta = new DMatrixRMaj(0, 0);
    private final DMatrixRMaj inputGrad = new DMatrixRMaj(0, 0);

    private ColumnPass(List<Layer> layers, int[] width) {
        this.layers = layers.toArray(new Layer[0]);
        this.width = width;
        int w = 0;
        for (int l = 1; l < width.length; l++) {
            w = Math.max(w, width[l]);
        }
        this.widest = w;
    }

    /** @return whether the pass can run at this precision (its layers are at most {@link #MAX_WIDTH} wide in double) */
    boolean supports(Precision precision) {
        return widest <= (precision == Precision.FLOAT32 ? MAX_WIDTH_FLOAT : MAX_WIDTH);
    }

    /**
     * @param layers  the network's layers
     * @param inputs  the number of input columns
     * @return the pass, or null when a layer is neither {@link Linear} nor {@link Activation}, has
     *         more than {@link #MAX_WIDTH_FLOAT} outputs, or the shapes do not chain
     */
    static ColumnPass of(List<Layer> layers, int inputs) {
        if (layers.isEmpty()) {
            return null;
        }
        final int[] width = new int[layers.size() + 1];
        width[0] = inputs;
        for (int l = 0; l < layers.size(); l++) {
            final Layer layer = layers.get(l);
            if (layer instanceof Linear) {
                final Linear lin = (Linear) layer;
                if (lin.inputs() != width[l] || lin.outputs() > Math.max(MAX_WIDTH, MAX_WIDTH_FLOAT)) {
                    return null;
                }
                width[l + 1] = lin.outputs();
            } else if (layer instanceof Activation) {
                width[l + 1] = width[l];
            } else {
                return null;
            }
        }
        return new ColumnPass(layers, width);
    }

    private void ensure(int rows) {
        if (rows <= capacity) {
            return;
        }
        final int cap = Math.max(rows, capacity + capacity / 2);
        act = new double[layers.length + 1][][];
        grad = new double[layers.length + 1][][];
        aux = new double[layers.length][][];
        for (int l = 0; l <= layers.length; l++) {
            act[l] = new double[width[l]][cap];
            grad[l] = l == 0 ? null : new double[width[l]][cap]; // dL/dx: made when first asked for
            if (l < layers.length && layers[l] instanceof Activation a && a.keepsAux()) {
                aux[l] = new double[width[l]][cap];
            }
        }
        capacity = cap;
    }

    /**
     * @param x the inputs, n x in. Not modified.
     * @return eta, n x out (a buffer owned by this pass, valid until its next call)
     */
    DMatrixRMaj forward(DMatrixRMaj x) {
        float32 = false;
        n = x.numRows;
        ensure(n);
        toColumns(x, act[0]);
        for (int l = 0; l < layers.length; l++) {
            final Layer layer = layers[l];
            if (layer instanceof Linear) {
                final Linear lin = (Linear) layer;
                if (reluAt(l + 1)) {
                    // Linear then ReLU in one pass, straight into the ReLU's outputs (as in forwardFloat)
                    ColumnKernels.affineRelu(act[l], n, width[l], lin.weight().value().data, width[l + 1], lin.bias().value().data, act[l + 2]);
                    l++;
                } else {
                    ColumnKernels.affine(act[l], n, width[l], lin.weight().value().data, width[l + 1], lin.bias().value().data, act[l + 1]);
                }
            } else {
                final Activation a = (Activation) layer;
                for (int c = 0; c < width[l]; c++) {
                    if (aux[l] != null) {
                        a.applyAll(act[l][c], act[l + 1][c], aux[l][c], n);
                    } else {
                        a.applyAll(act[l][c], act[l + 1][c], n);
                    }
                }
            }
        }
        eta.reshape(n, width[layers.length], false);
        fromColumns(act[layers.length], eta);
        return eta;
    }

    /**
     * Backward for the last {@link #forward}: adds the parameter gradients into the layers' parameters.
     *
     * @param dEta              dL/d eta, n x out. Not modified.
     * @param needInputGradient whether to compute dL/dx
     * @return dL/dx, n x in (a buffer owned by this pass), or null when not needed
     */
    DMatrixRMaj backward(DMatrixRMaj dEta, boolean needInputGradient) {
        final int last = layers.length;
        if (dEta.numRows != n || dEta.numCols != width[last]) {
            throw new IllegalArgumentException("The gradient is " + dEta.numRows + " x " + dEta.numCols
                    + " but the last forward gave " + n + " x " + width[last]);
        }
        if (float32) {
            return backwardFloat(dEta, needInputGradient);
        }
        toColumns(dEta, grad[last]);
        if (needInputGradient && grad[0] == null) {
            grad[0] = new double[width[0]][capacity];
        }
        for (int l = last - 1; l >= 0; l--) {
            final Layer layer = layers[l];
            final boolean input = l > 0 || needInputGradient;
            if (layer instanceof Linear) {
                final Linear lin = (Linear) layer;
                ColumnKernels.affineGrad(grad[l + 1], n, width[l + 1], act[l], width[l], lin.weight().grad().data, lin.bias().grad().data);
                if (input && reluAt(l - 1) && (l > 1 || needInputGradient)) {
                    ColumnKernels.inputGradRelu(grad[l + 1], n, width[l + 1], lin.weight().value().data, width[l], act[l], grad[l - 1]);
                    l--;
                } else if (input) {
                    ColumnKernels.inputGrad(grad[l + 1], n, width[l + 1], lin.weight().value().data, width[l], grad[l]);
                }
            } else if (input) {
                final Activation a = (Activation) layer;
                for (int c = 0; c < width[l]; c++) {
                    if (aux[l] != null) {
                        a.derivativeTimes(grad[l + 1][c], act[l][c], act[l + 1][c], aux[l][c], grad[l][c], n);
                    } else {
                        a.derivativeTimes(grad[l + 1][c], act[l][c], act[l + 1][c], grad[l][c], n);
                    }
                }
            }
        }
        if (!needInputGradient) {
            return null;
        }
        inputGrad.reshape(n, width[0], false);
        fromColumns(grad[0], inputGrad);
        return inputGrad;
    }

    /**
     * The forward pass in single precision ({@link Precision#FLOAT32}): the inputs, the hidden columns and a
     * copy of the weights (refreshed from the double parameters on every call) are float; eta is returned
     * in double. The layers' double parameters and gradients stay the optimiser's.
     *
     * @param x the inputs, n x in. Not modified.
     * @return eta, n x out (a buffer owned by this pass, valid until its next call)
     */
    DMatrixRMaj forwardFloat(DMatrixRMaj x) {
        float32 = true;
        n = x.numRows;
        ensureFloat(n);
        toColumns(x, actF[0]);
        for (int l = 0; l < layers.length; l++) {
            final Layer layer = layers[l];
            if (layer instanceof Linear) {
                final Linear lin = (Linear) layer;
                toFloat(lin.weight().value().data, weightF[l]);
                toFloat(lin.bias().value().data, biasF[l]);
                if (reluAt(l + 1)) {
                    // Linear then ReLU in one pass, straight into the ReLU's outputs (its inputs are not needed)
                    FloatColumnKernels.affineRelu(actF[l], n, width[l], weightF[l], width[l + 1], biasF[l], actF[l + 2]);
                    l++;
                } else {
                    FloatColumnKernels.affine(actF[l], n, width[l], weightF[l], width[l + 1], biasF[l], actF[l + 1]);
                }
            } else {
                final Activation a = (Activation) layer;
                for (int c = 0; c < width[l]; c++) {
                    a.applyAll(actF[l][c], actF[l + 1][c], n);
                }
            }
        }
        eta.reshape(n, width[layers.length], false);
        fromColumns(actF[layers.length], eta);
        return eta;
    }

    private DMatrixRMaj backwardFloat(DMatrixRMaj dEta, boolean needInputGradient) {
        final int last = layers.length;
        toColumns(dEta, gradF[last]);
        if (needInputGradient && gradF[0] == null) {
            gradF[0] = new float[width[0]][capacityF];
        }
        for (int l = last - 1; l >= 0; l--) {
            final Layer layer = layers[l];
            final boolean input = l > 0 || needInputGradient;
            if (layer instanceof Linear) {
                final Linear lin = (Linear) layer;
                FloatColumnKernels.affineGrad(gradF[l + 1], n, width[l + 1], actF[l], width[l], lin.weight().grad().data, lin.bias().grad().data);
                if (input && reluAt(l - 1) && (l > 1 || needInputGradient)) {
                    // the input gradient through the ReLU before this layer in one pass (its outputs are this layer's inputs)
                    FloatColumnKernels.inputGradRelu(gradF[l + 1], n, width[l + 1], weightF[l], width[l], actF[l], gradF[l - 1]);
                    l--;
                } else if (input) {
                    FloatColumnKernels.inputGrad(gradF[l + 1], n, width[l + 1], weightF[l], width[l], gradF[l]);
                }
            } else if (input) {
                final Activation a = (Activation) layer;
                for (int c = 0; c < width[l]; c++) {
                    a.derivativeTimes(gradF[l + 1][c], actF[l][c], actF[l + 1][c], gradF[l][c], n);
                }
            }
        }
        if (!needInputGradient) {
            return null;
        }
        inputGrad.reshape(n, width[0], false);
        fromColumns(gradF[0], inputGrad);
        return inputGrad;
    }

    /** @return whether layer l exists and is a ReLU (whose float passes are fused into the adjacent Linear's products) */
    private boolean reluAt(int l) {
        return l >= 0 && l < layers.length && layers[l].getClass() == Activation.ReLU.class;
    }

    private void ensureFloat(int rows) {
        if (weightF == null) {
            weightF = new float[layers.length][];
            biasF = new float[layers.length][];
            for (int l = 0; l < layers.length; l++) {
                if (layers[l] instanceof Linear) {
                    weightF[l] = new float[width[l] * width[l + 1]];
                    biasF[l] = new float[width[l + 1]];
                }
            }
        }
        if (rows <= capacityF) {
            return;
        }
        final int cap = Math.max(rows, capacityF + capacityF / 2);
        actF = new float[layers.length + 1][][];
        gradF = new float[layers.length + 1][][];
        for (int l = 0; l <= layers.length; l++) {
            actF[l] = new float[width[l]][cap];
            gradF[l] = l == 0 ? null : new float[width[l]][cap];
        }
        capacityF = cap;
    }

    private static void toFloat(double[] d, float[] f) {
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) d[i];
        }
    }

    /** {@code t[k][i] = (float) m[i][k]}. */
    private static void toColumns(DMatrixRMaj m, float[][] t) {
        final int rows = m.numRows, cols = m.numCols;
        final double[] d = m.data;
        for (int i = 0; i < rows; i++) {
            for (int k = 0, o = i * cols; k < cols; k++) {
                t[k][i] = (float) d[o + k];
            }
        }
    }

    /** {@code m[i][k] = t[k][i]}. */
    private static void fromColumns(float[][] t, DMatrixRMaj m) {
        final int rows = m.numRows, cols = m.numCols;
        final double[] d = m.data;
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < cols; k++) {
                d[i * cols + k] = t[k][i];
            }
        }
    }

    /** {@code t[k][i] = m[i][k]}. */
    private static void toColumns(DMatrixRMaj m, double[][] t) {
        final int rows = m.numRows, cols = m.numCols;
        final double[] d = m.data;
        if (cols == 1) {
            System.arraycopy(d, 0, t[0], 0, rows);
            return;
        }
        for (int i = 0; i < rows; i++) {
            for (int k = 0, o = i * cols; k < cols; k++) {
                t[k][i] = d[o + k];
            }
        }
    }

    /** {@code m[i][k] = t[k][i]}. */
    private static void fromColumns(double[][] t, DMatrixRMaj m) {
        final int rows = m.numRows, cols = m.numCols;
        final double[] d = m.data;
        if (cols == 1) {
            System.arraycopy(t[0], 0, d, 0, rows);
            return;
        }
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < cols; k++) {
                d[i * cols + k] = t[k][i];
            }
        }
    }
}

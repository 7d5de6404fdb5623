package neuralglm.nn;

import java.util.List;

import neuralglm.linalg.ColumnKernels;
import neuralglm.linalg.FloatColumnKernels;
import neuralglm.linalg.ZeroTerms;
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
 * step), the same numbers as the separate passes. Dead ReLU units (outputs 0 on every row of the batch, as ReLU
 * networks on low-dimensional inputs have from their initialisation on) are left out of the products: the next
 * layer reads only the live columns, and the layer before computes only the live rows of its weight gradient and
 * input gradient; their terms are 0 times a weight, so the sums are the same (when the weights are finite and
 * no bias is -0, which is checked; a gradient that has overflowed to infinity, a diverged step, may then give 0
 * where the full product gave NaN). Buffers grow to the largest batch and are reused. Not thread-safe (one per network, as
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
    private int[][] live;           // live[l] for a ReLU l fused after a Linear: its output columns not all zero
    private int[] liveCount;        // ... how many (width[l + 1] when not known)
    private int[] liveX;            // the input columns not all zero over the batch (only these are copied into act[0])
    private int liveXCount;         // ... how many
    private boolean[] seenX;        // scratch of the search for liveX
    private boolean[] compact;      // compact[l]: Linear l's last forward read only the live columns of its input
    private boolean[] finite;       // finite[l]: Linear l's weights are all finite
    private double[][] wLive;       // per Linear: its weights restricted to live rows / columns
    private double[][][] cols;      // per Linear: lists of column references (inputs; outputs; input gradients)
    private double[][][] cols2;
    private double[][][] cols3;
    private double[][] dWLive;      // per Linear: its weight and bias gradients restricted to live rows / columns
    private double[][] dbLive;
    private int n;
    private float[][][] actF;       // float32: as act and grad
    private float[][][] gradF;
    private float[][] weightF;      // float32: weightF[l], biasF[l]: float copies of Linear l's parameters
    private float[][] biasF;
    private int capacityF;
    private int[][] liveF;          // float32: liveF[l] for a ReLU l fused after a Linear: its output columns not all zero
    private int[] liveCountF;       // ... how many (width[l] when not known)
    private int[] liveXF;           // float32: as liveX
    private int liveXCountF;
    private boolean[] compactF;     // compactF[l]: Linear l's last forward read only the live columns of its input
    private boolean[] finiteF;      // finiteF[l]: Linear l's float weights are all finite
    private float[][] wLiveF;       // per Linear: its weights restricted to live rows / columns
    private float[][][] colsF;      // per Linear: lists of column references (inputs; outputs; input gradients)
    private float[][][] colsF2;
    private float[][][] colsF3;
    private double[][] dWLiveF;     // per Linear: its weight and bias gradients restricted to live rows / columns
    private double[][] dbLiveF;
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
        final int[] width = LayerChain.widths(layers, inputs, Math.max(MAX_WIDTH, MAX_WIDTH_FLOAT));
        if (width == null) {
            return null;
        }
        return new ColumnPass(layers, width);
    }

    private void ensure(int rows) {
        if (live == null) {
            final int len = layers.length;
            live = new int[len][];
            liveCount = new int[len];
            liveX = new int[width[0]];
            seenX = new boolean[width[0]];
            compact = new boolean[len];
            finite = new boolean[len];
            wLive = new double[len][];
            cols = new double[len][][];
            cols2 = new double[len][][];
            cols3 = new double[len][][];
            dWLive = new double[len][];
            dbLive = new double[len][];
            for (int l = 0; l < len; l++) {
                live[l] = new int[width[l + 1]];
                liveCount[l] = width[l + 1];
                if (layers[l] instanceof Linear) {
                    wLive[l] = new double[width[l] * width[l + 1]];
                    cols[l] = new double[width[l]][];
                    cols2[l] = new double[width[l + 1]][];
                    cols3[l] = new double[width[l]][];
                    dWLive[l] = new double[width[l] * width[l + 1]];
                    dbLive[l] = new double[width[l + 1]];
                }
            }
        }
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
        for (int l = 0; l < layers.length; l++) {   // as floatWeights finds finiteF for the float pass
            if (layers[l] instanceof Linear lin) {
                final double[] weight = lin.weight().value().data;
                finite[l] = ZeroTerms.finite(weight, 0, weight.length);
            }
        }
        liveXCount = canLeaveOutInputs(false) ? ZeroTerms.nonZeroColumns(x.data, x.numCols, 0, n, seenX, liveX) : width[0];
        if (liveXCount < width[0]) {
            toColumns(x, 0, n, liveX, liveXCount, act[0]);
        } else {
            toColumns(x, act[0]);
        }
        for (int l = 0; l < layers.length; l++) {
            final Layer layer = layers[l];
            if (layer instanceof Linear) {
                final Linear lin = (Linear) layer;
                final double[] weight = lin.weight().value().data, bias = lin.bias().value().data;
                final int p = width[l], m = width[l + 1];
                double[][] in = act[l];
                double[] w = weight;
                int pl = p;
                // input columns all zero over the batch (dead units of the ReLU before; for the first layer, inputs such as
                // the indicators of values the batch does not have) left out: their terms are 0 * w (as in forwardFloat)
                compact[l] = liveCountBefore(l, false) < p && finite[l] && ZeroTerms.noNegativeZero(bias, bias.length);
                if (compact[l]) {
                    pl = liveCountBefore(l, false);
                    in = pick(act[l], liveBefore(l, false), pl, cols[l]);
                    w = restrict(weight, p, null, m, liveBefore(l, false), pl, wLive[l]);
                }
                if (reluAt(l + 1)) {
                    // Linear then ReLU in one pass, straight into the ReLU's outputs (as in forwardFloat)
                    ColumnKernels.affineRelu(in, n, pl, w, m, bias, act[l + 2]);
                    liveCount[l + 1] = live(act[l + 2], m, n, live[l + 1]);
                    l++;
                } else {
                    ColumnKernels.affine(in, n, pl, w, m, bias, act[l + 1]);
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
                liveCount[l] = width[l + 1];
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
                final boolean deadAfter = reluAt(l + 1) && liveCount[l + 1] < width[l + 1] && finite[l];
                if (deadAfter || compact[l]) {
                    l = backwardLive(l, lin, input && reluAt(l - 1) && (l > 1 || needInputGradient), input, deadAfter);
                    continue;
                }
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

    /** {@link #backwardLiveFloat} in double: see there. */
    private int backwardLive(int l, Linear lin, boolean fusedBefore, boolean input, boolean deadAfter) {
        final int p = width[l], m = width[l + 1];
        final int[] jl = deadAfter ? live[l + 1] : null;
        final int ml = deadAfter ? liveCount[l + 1] : m;
        final int[] kl = compact[l] ? liveBefore(l, false) : null;
        final int pl = compact[l] ? liveCountBefore(l, false) : p;
        final double[][] dy = jl == null ? grad[l + 1] : pick(grad[l + 1], jl, ml, cols2[l]);
        final double[][] x = kl == null ? act[l] : pick(act[l], kl, pl, cols[l]);
        final double[] dW = lin.weight().grad().data, db = lin.bias().grad().data, weight = lin.weight().value().data;
        final double[] dWl = dWLive[l], dbl = dbLive[l];
        liveGradients(dW, db, p, jl, ml, kl, pl, dWl, dbl, true);
        ColumnKernels.affineGrad(dy, n, ml, x, pl, dWl, dbl);
        liveGradients(dW, db, p, jl, ml, kl, pl, dWl, dbl, false);
        if (fusedBefore) {
            final double[] w = restrict(weight, p, jl, ml, kl, pl, wLive[l]);
            final double[][] dx = kl == null ? grad[l - 1] : pick(grad[l - 1], kl, pl, cols3[l]);
            ColumnKernels.inputGradRelu(dy, n, ml, w, pl, x, dx);
            if (kl != null) {
                zeroDead(grad[l - 1], p, kl, pl);
            }
            return l - 1;
        }
        if (input) {
            ColumnKernels.inputGrad(dy, n, ml, restrict(weight, p, jl, ml, null, p, wLive[l]), p, grad[l]);
        }
        return l;
    }

    /**
     * Copies the live entries of a Linear layer's gradients (rows {@code jl}, columns {@code kl} of the m x p dW; null:
     * all) into the ml x pl {@code dWl} and {@code dbl} ({@code in}), or back ({@code !in}), in either precision's pass.
     */
    private static void liveGradients(double[] dW, double[] db, int p, int[] jl, int ml, int[] kl, int pl,
                                      double[] dWl, double[] dbl, boolean in) {
        for (int a = 0; a < ml; a++) {
            final int j = jl == null ? a : jl[a];
            for (int b = 0; b < pl; b++) {
                final int e = j * p + (kl == null ? b : kl[b]);
                if (in) {
                    dWl[a * pl + b] = dW[e];
                } else {
                    dW[e] = dWl[a * pl + b];
                }
            }
            if (in) {
                dbl[a] = db[j];
            } else {
                db[j] = dbl[a];
            }
        }
    }

    /** @return {@code out} with {@code out[a] = cols[idx[a]]} for {@code a < count} */
    private static double[][] pick(double[][] cols, int[] idx, int count, double[][] out) {
        for (int a = 0; a < count; a++) {
            out[a] = cols[idx[a]];
        }
        return out;
    }

    /** @return {@code out}, the rows {@code rows} (null: all) and columns {@code cols} (null: all) of the m x p matrix w, row-major */
    private static double[] restrict(double[] w, int p, int[] rows, int mr, int[] cols, int pc, double[] out) {
        for (int a = 0; a < mr; a++) {
            final int o = (rows == null ? a : rows[a]) * p;
            for (int b = 0; b < pc; b++) {
                out[a * pc + b] = w[o + (cols == null ? b : cols[b])];
            }
        }
        return out;
    }

    /** Sets the columns of {@code cols} (p of them) not in {@code live} to 0 over the batch. */
    private void zeroDead(double[][] cols, int p, int[] live, int count) {
        for (int k = 0, a = 0; k < p; k++) {
            if (a < count && live[a] == k) {
                a++;
            } else {
                java.util.Arrays.fill(cols[k], 0, n, 0.0);
            }
        }
    }

    /** @return how many of the m columns have an entry other than 0 in the first n rows, listed in ascending order in idx */
    private static int live(double[][] cols, int m, int n, int[] idx) {
        int count = 0;
        for (int j = 0; j < m; j++) {
            final double[] c = cols[j];
            for (int i = 0; i < n; i++) {
                if (c[i] != 0.0) {  // NaN counts as live
                    idx[count++] = j;
                    break;
                }
            }
        }
        return count;
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
        return forwardFloat(x, 0, x.numRows);
    }

    /**
     * {@link #forwardFloat(DMatrixRMaj)} on rows {@code start .. start + rows - 1} of x (for predictions in blocks:
     * each row's outputs are the same whatever the block, the sums running along one row's terms).
     */
    DMatrixRMaj forwardFloat(DMatrixRMaj x, int start, int rows) {
        ensureFloat(rows);
        floatWeights();
        return forwardFloatRows(x, start, rows);
    }

    /**
     * The float predictions for rows {@code start .. start + rows - 1} of x: {@link #forwardFloat} on blocks of at most
     * {@code block} rows with the weights copied to float once, written into {@code out} (reshaped to rows x outputs).
     * The same numbers as {@link #forwardFloat} on all those rows at once.
     *
     * @return out
     */
    DMatrixRMaj predictFloat(DMatrixRMaj x, int start, int rows, int block, DMatrixRMaj out) {
        ensureFloat(Math.min(rows, block));
        floatWeights();
        final int k = width[layers.length];
        out.reshape(rows, k, false);
        for (int s = 0; s < rows; s += block) {
            final int b = Math.min(block, rows - s);
            final DMatrixRMaj h = forwardFloatRows(x, start + s, b);
            System.arraycopy(h.data, 0, out.data, s * k, b * k);
        }
        return out;
    }

    /** The float copies of the Linear layers' weights and biases, from their double parameters, and whether they are finite. */
    private void floatWeights() {
        for (int l = 0; l < layers.length; l++) {
            if (layers[l] instanceof Linear lin) {
                toFloat(lin.weight().value().data, weightF[l]);
                toFloat(lin.bias().value().data, biasF[l]);
                finiteF[l] = ZeroTerms.finite(weightF[l]);
            }
        }
    }

    /** {@link #forwardFloat} with the float weights as last copied ({@link #floatWeights}); the buffers hold the rows. */
    private DMatrixRMaj forwardFloatRows(DMatrixRMaj x, int start, int rows) {
        float32 = true;
        n = rows;
        liveXCountF = canLeaveOutInputs(true) ? ZeroTerms.nonZeroColumns(x.data, x.numCols, start, rows, seenX, liveXF) : width[0];
        if (liveXCountF < width[0]) {
            toColumns(x, start, rows, liveXF, liveXCountF, actF[0]);
        } else {
            toColumns(x, start, rows, actF[0]);
        }
        for (int l = 0; l < layers.length; l++) {
            final Layer layer = layers[l];
            if (layer instanceof Linear) {
                final Linear lin = (Linear) layer;
                final int p = width[l], m = width[l + 1];
                float[][] in = actF[l];
                float[] w = weightF[l];
                int pl = p;
                // input columns all zero over the batch (dead units of the ReLU before; for the first layer, inputs the
                // batch does not use): their terms are 0 * w, left out (exactly the same sums when the weights are finite
                // and no bias is -0)
                compactF[l] = liveCountBefore(l, true) < p && finiteF[l] && ZeroTerms.noNegativeZero(biasF[l]);
                if (compactF[l]) {
                    pl = liveCountBefore(l, true);
                    in = pick(actF[l], liveBefore(l, true), pl, colsF[l]);
                    w = restrict(weightF[l], p, null, m, liveBefore(l, true), pl, wLiveF[l]);
                }
                if (reluAt(l + 1)) {
                    // Linear then ReLU in one pass, straight into the ReLU's outputs (its inputs are not needed)
                    FloatColumnKernels.affineRelu(in, n, pl, w, m, biasF[l], actF[l + 2]);
                    liveCountF[l + 1] = live(actF[l + 2], m, n, liveF[l + 1]);
                    l++;
                } else {
                    FloatColumnKernels.affine(in, n, pl, w, m, biasF[l], actF[l + 1]);
                }
            } else {
                final Activation a = (Activation) layer;
                for (int c = 0; c < width[l]; c++) {
                    a.applyAll(actF[l][c], actF[l + 1][c], n);
                }
                liveCountF[l] = width[l];
            }
        }
        eta.reshape(n, width[layers.length], false);
        fromColumns(actF[layers.length], eta);
        return eta;
    }

    private DMatrixRMaj backwardFloat(DMatrixRMaj dEta, boolean needInputGradient) {
        final int last = layers.length;
        if (gradF == null) {    // at the forward's capacity (ensureFloat drops it when that grows)
            gradF = new float[last + 1][][];
            for (int l = 1; l <= last; l++) {
                gradF[l] = new float[width[l]][capacityF];
            }
        }
        if (colsF2 == null) {
            // the backward pass's own buffers, as wide as the layers: made on the first backward pass (a pass that only
            // predicts needs none)
            colsF2 = new float[last][][];
            colsF3 = new float[last][][];
            dWLiveF = new double[last][];
            dbLiveF = new double[last][];
            for (int l = 0; l < last; l++) {
                if (layers[l] instanceof Linear) {
                    colsF2[l] = new float[width[l + 1]][];
                    colsF3[l] = new float[width[l]][];
                    dWLiveF[l] = new double[width[l] * width[l + 1]];
                    dbLiveF[l] = new double[width[l + 1]];
                }
            }
        }
        toColumns(dEta, gradF[last]);
        if (needInputGradient && gradF[0] == null) {
            gradF[0] = new float[width[0]][capacityF];
        }
        for (int l = last - 1; l >= 0; l--) {
            final Layer layer = layers[l];
            final boolean input = l > 0 || needInputGradient;
            if (layer instanceof Linear) {
                final Linear lin = (Linear) layer;
                final boolean deadAfter = reluAt(l + 1) && liveCountF[l + 1] < width[l + 1] && finiteF[l];
                if (deadAfter || compactF[l]) {
                    l = backwardLiveFloat(l, lin, input && reluAt(l - 1) && (l > 1 || needInputGradient), input, deadAfter);
                    continue;
                }
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

    /**
     * Backward through Linear l when the ReLU after it has dead units (outputs all zero over the batch: their
     * gradients are 0, the rows of dW and the terms of dL/dx they would add are 0) or its forward left out the dead
     * inputs of the ReLU before it (their columns of dW are 0): the products on the live rows and columns only, the
     * gradients added into the live entries (the same float sums as the full products: each entry's terms are the
     * same, in the same order). The input gradient goes through the ReLU before (fused) or not as in backwardFloat.
     *
     * @return the index of the last layer handled (l - 1 when the ReLU before was fused in)
     */
    private int backwardLiveFloat(int l, Linear lin, boolean fusedBefore, boolean input, boolean deadAfter) {
        final int p = width[l], m = width[l + 1];
        final int[] jl = deadAfter ? liveF[l + 1] : null;
        final int ml = deadAfter ? liveCountF[l + 1] : m;
        final int[] kl = compactF[l] ? liveBefore(l, true) : null;
        final int pl = compactF[l] ? liveCountBefore(l, true) : p;
        final float[][] dy = jl == null ? gradF[l + 1] : pick(gradF[l + 1], jl, ml, colsF2[l]);
        final float[][] x = kl == null ? actF[l] : pick(actF[l], kl, pl, colsF[l]);
        final double[] dW = lin.weight().grad().data, db = lin.bias().grad().data;
        final double[] dWl = dWLiveF[l], dbl = dbLiveF[l];
        liveGradients(dW, db, p, jl, ml, kl, pl, dWl, dbl, true);
        FloatColumnKernels.affineGrad(dy, n, ml, x, pl, dWl, dbl);
        liveGradients(dW, db, p, jl, ml, kl, pl, dWl, dbl, false);
        if (fusedBefore) {
            // dL/d(input of the ReLU before) for its live units; its dead units' columns are 0
            final float[] w = restrict(weightF[l], p, jl, ml, kl, pl, wLiveF[l]);
            final float[][] dx = kl == null ? gradF[l - 1] : pick(gradF[l - 1], kl, pl, colsF3[l]);
            FloatColumnKernels.inputGradRelu(dy, n, ml, w, pl, x, dx);
            if (kl != null) {
                zeroDead(gradF[l - 1], p, kl, pl);
            }
            return l - 1;
        }
        if (input) {
            FloatColumnKernels.inputGrad(dy, n, ml, restrict(weightF[l], p, jl, ml, null, p, wLiveF[l]), p, gradF[l]);
        }
        return l;
    }

    /** @return {@code out} with {@code out[a] = cols[idx[a]]} for {@code a < count} */
    private static float[][] pick(float[][] cols, int[] idx, int count, float[][] out) {
        for (int a = 0; a < count; a++) {
            out[a] = cols[idx[a]];
        }
        return out;
    }

    /** @return {@code out}, the rows {@code rows} (null: all) and columns {@code cols} (null: all) of the m x p matrix w, row-major */
    private static float[] restrict(float[] w, int p, int[] rows, int mr, int[] cols, int pc, float[] out) {
        for (int a = 0; a < mr; a++) {
            final int o = (rows == null ? a : rows[a]) * p;
            for (int b = 0; b < pc; b++) {
                out[a * pc + b] = w[o + (cols == null ? b : cols[b])];
            }
        }
        return out;
    }

    /** Sets the columns of {@code cols} (p of them) not in {@code live} to 0 over the batch. */
    private void zeroDead(float[][] cols, int p, int[] live, int count) {
        for (int k = 0, a = 0; k < p; k++) {
            if (a < count && live[a] == k) {
                a++;
            } else {
                java.util.Arrays.fill(cols[k], 0, n, 0f);
            }
        }
    }

    /** @return how many of the m columns have an entry other than 0 in the first n rows, listed in ascending order in idx */
    private static int live(float[][] cols, int m, int n, int[] idx) {
        int count = 0;
        for (int j = 0; j < m; j++) {
            final float[] c = cols[j];
            for (int i = 0; i < n; i++) {
                if (c[i] != 0f) {  // NaN counts as live
                    idx[count++] = j;
                    break;
                }
            }
        }
        return count;
    }

    /**
     * @param l       a Linear layer
     * @param float32 of the float pass
     * @return the input columns of Linear l that were not all zero in the last forward, in ascending order: the data's
     *         for the first layer, the live units of a ReLU before it (only the first {@link #liveCountBefore} entries count)
     */
    private int[] liveBefore(int l, boolean float32) {
        if (l == 0) {
            return float32 ? liveXF : liveX;
        }
        return float32 ? liveF[l - 1] : live[l - 1];
    }

    /** @return how many of {@link #liveBefore} count; the input's width when they are not known (no ReLU before) */
    private int liveCountBefore(int l, boolean float32) {
        if (l == 0) {
            return float32 ? liveXCountF : liveXCount;
        }
        if (!reluAt(l - 1)) {
            return width[l];
        }
        return float32 ? liveCountF[l - 1] : liveCount[l - 1];
    }

    /** @return the number of input columns the first layer's products read in the last forward (all, or the live ones) */
    int inputColumnsRead() {
        return layers.length == 0 || !(layers[0] instanceof Linear) ? width[0]
                : (float32 ? compactF[0] : compact[0]) ? liveCountBefore(0, float32) : width[0];
    }

    /**
     * @return whether the first layer is a {@link Linear} whose products may leave out input columns that are all 0: its
     *         weights are finite and no bias is -0 (then a 0 term changes no sum), in the precision of the pass
     */
    private boolean canLeaveOutInputs(boolean float32) {
        if (layers.length == 0 || !(layers[0] instanceof Linear lin)) {
            return false;
        }
        if (float32) {
            return finiteF[0] && ZeroTerms.noNegativeZero(biasF[0]);   // finiteF as floatWeights found it
        }
        final double[] bias = lin.bias().value().data;
        return finite[0] && ZeroTerms.noNegativeZero(bias, bias.length);   // finite as forward found it
    }

    /**
     * {@code t[c][i] = m[start + i][c]} for the columns {@code c = idx[a]} ({@code c = a} when idx is null),
     * {@code a < count}, {@code i < rows}: four columns at a time, each written along its own array (four store
     * streams), where a row at a time scattered its values over every column (an array load per value): a 256 x 20
     * block in 40% of the time, 1024 x 20 into floats in 30%.
     */
    static void toColumns(DMatrixRMaj m, int start, int rows, int[] idx, int count, double[][] t) {
        final int cols = m.numCols;
        final double[] d = m.data;
        int a = 0;
        for (; a + 4 <= count; a += 4) {
            final int j0 = column(idx, a), j1 = column(idx, a + 1), j2 = column(idx, a + 2), j3 = column(idx, a + 3);
            final double[] c0 = t[j0], c1 = t[j1], c2 = t[j2], c3 = t[j3];
            for (int i = 0, o = start * cols; i < rows; i++, o += cols) {
                c0[i] = d[o + j0];
                c1[i] = d[o + j1];
                c2[i] = d[o + j2];
                c3[i] = d[o + j3];
            }
        }
        for (; a < count; a++) {
            final int j = column(idx, a);
            final double[] c = t[j];
            for (int i = 0, o = start * cols + j; i < rows; i++, o += cols) {
                c[i] = d[o];
            }
        }
    }

    /** {@link #toColumns(DMatrixRMaj, int, int, int[], int, double[][])} into floats: {@code t[c][i] = (float) m[start + i][c]}. */
    static void toColumns(DMatrixRMaj m, int start, int rows, int[] idx, int count, float[][] t) {
        final int cols = m.numCols;
        final double[] d = m.data;
        int a = 0;
        for (; a + 4 <= count; a += 4) {
            final int j0 = column(idx, a), j1 = column(idx, a + 1), j2 = column(idx, a + 2), j3 = column(idx, a + 3);
            final float[] c0 = t[j0], c1 = t[j1], c2 = t[j2], c3 = t[j3];
            for (int i = 0, o = start * cols; i < rows; i++, o += cols) {
                c0[i] = (float) d[o + j0];
                c1[i] = (float) d[o + j1];
                c2[i] = (float) d[o + j2];
                c3[i] = (float) d[o + j3];
            }
        }
        for (; a < count; a++) {
            final int j = column(idx, a);
            final float[] c = t[j];
            for (int i = 0, o = start * cols + j; i < rows; i++, o += cols) {
                c[i] = (float) d[o];
            }
        }
    }

    /** @return column a of a list of columns: {@code idx[a]}, or a itself when idx is null (every column) */
    private static int column(int[] idx, int a) {
        return idx == null ? a : idx[a];
    }

    /** @return whether layer l exists and is a ReLU (whose float passes are fused into the adjacent Linear's products) */
    private boolean reluAt(int l) {
        return l >= 0 && l < layers.length && layers[l].getClass() == Activation.ReLU.class;
    }

    private void ensureFloat(int rows) {
        if (weightF == null) {
            final int len = layers.length;
            weightF = new float[len][];
            biasF = new float[len][];
            liveF = new int[len][];
            liveCountF = new int[len];
            liveXF = new int[width[0]];
            seenX = new boolean[width[0]];
            compactF = new boolean[len];
            finiteF = new boolean[len];
            wLiveF = new float[len][];
            colsF = new float[len][][];
            for (int l = 0; l < len; l++) {
                liveF[l] = new int[width[l + 1]];
                liveCountF[l] = width[l + 1];
                if (layers[l] instanceof Linear) {
                    weightF[l] = new float[width[l] * width[l + 1]];
                    biasF[l] = new float[width[l + 1]];
                    wLiveF[l] = new float[width[l] * width[l + 1]];
                    colsF[l] = new float[width[l]][];
                }
            }
        }
        if (rows <= capacityF) {
            return;
        }
        final int cap = Math.max(rows, capacityF + capacityF / 2);
        actF = new float[layers.length + 1][][];
        for (int l = 0; l <= layers.length; l++) {
            actF[l] = new float[width[l]][cap];
        }
        gradF = null;   // made by the first backward at this capacity (a pass that only predicts never needs it)
        capacityF = cap;
    }

    private static void toFloat(double[] d, float[] f) {
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) d[i];
        }
    }

    /** {@code t[k][i] = (float) m[i][k]}. */
    private static void toColumns(DMatrixRMaj m, float[][] t) {
        toColumns(m, 0, m.numRows, t);
    }

    /** {@code t[k][i] = (float) m[start + i][k]} for {@code i < rows}. */
    private static void toColumns(DMatrixRMaj m, int start, int rows, float[][] t) {
        toColumns(m, start, rows, null, m.numCols, t);
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
        toColumns(m, 0, rows, null, cols, t);
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

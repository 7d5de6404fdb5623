package neuralglm.nn;

import java.util.List;

import neuralglm.linalg.Kernels;
import neuralglm.linalg.RowKernels;
import neuralglm.linalg.VectorRowKernels;
import neuralglm.linalg.ZeroTerms;
import org.ejml.data.DMatrixRMaj;

/**
 * The training pass (forward, then backward) of a {@link Sequential} of {@link Linear} and {@link Activation} layers
 * (the first a Linear) row-major, with every hidden matrix held as separate row arrays ({@link RowKernels}), for the
 * networks {@link ColumnPass} leaves to rows (layers wider than {@link ColumnPass#MAX_WIDTH}), in either JVM: with the
 * Vector API module the products of layers at most 64 wide whose rows are a multiple of 32 run in
 * {@link VectorRowKernels} (each row's sums in registers, the streamed operand on 64-byte lines) once C2 has compiled
 * them, the others in RowKernels; the same bits. Against the layers run one by one: no row is copied in or out of the products, a
 * {@link Activation.ReLU} after a Linear runs on each output row as it is made, its backward step multiplies each
 * row of the next Linear's input gradient as it is made, a layer with fewer inputs than {@link RowKernels#SPARSE_MIN_WIDTH}
 * sums its weight gradient transposed (rows as long as its outputs, the bias gradient with them), and the weights'
 * transposes are made once per pass. Every number is that of the layer-by-layer pass (the same sums in the same
 * order; zero terms left out under the same rules, so but for the sign of a zero sum). Input, eta and the gradient
 * in eta stay row-major {@code n x features}, as in {@link Layer}; the input must stay unchanged until backward.
 * Buffers grow to the largest batch and are reused. Not thread-safe (one per network).
 */
final class RowPass {

    private final Layer[] layers;
    private final int[] width;      // width[l]: columns of layer l's input; width[L]: outputs
    private double[][][] act;       // act[l]: the rows of layer l's input (l >= 1; act[0]: the input's rows, when needed)
    private double[][][] grad;      // grad[l]: dL/d(input of layer l), rows (l >= 1; grad[0] when the input gradient is asked for)
    private double[][][] aux;       // aux[l]: what activation l keeps from forward for backward (Activation.keepsAux)
    private double[][][] wT;        // per Linear with at least RowKernels.MIN_WIDTH outputs: W^T's rows (in x out), per pass
    private double[][][] wRows;     // per Linear: W's rows (out x in), for the input gradient
    private double[][][] dWRows;    // per Linear: dW's rows (out x in), or dW^T's (in x out) for few inputs
    private double[][] wTLine;      // per Linear (Vector API products): W^T (in x out) in one array, from a 64-byte line
    private double[][] wLine;       // per Linear (Vector API products): W (out x in) in one array, from a 64-byte line
    private double[] gLine;         // (Vector API products) an output gradient's rows in one array, for a transposed dW
    private double[] xLine;         // (Vector API products) a block of 64 input rows in one array, for a masked dW
    private boolean vectors;        // whether this pass (forward and its backward) runs the Vector API's products
    private int[] idx;
    private int[] lists;
    private int[] counts;
    private long[] masks;           // the nonzero terms of the output gradient's rows, from the input gradient to the weight gradient
    private final long[] block = new long[Long.SIZE];
    private double[] check;
    private int capacity;
    private int n;
    private DMatrixRMaj x;
    private boolean inputRows;      // whether act[0] holds the last input's rows
    private int[] liveX;            // the input columns not all zero over the batch, ascending (the first layer's weight gradient)
    private int liveXCount;         // ... how many (the input's width when the last backward did not look)
    private boolean[] seenX;        // scratch of the search for liveX
    private double[][] xLive;       // the input's rows restricted to liveX
    private double[][] dWLive;      // the first layer's dW rows restricted to liveX
    private final DMatrixRMaj eta = new DMatrixRMaj(0, 0);
    private final DMatrixRMaj inputGrad = new DMatrixRMaj(0, 0);

    private RowPass(List<Layer> layers, int[] width) {
        this.layers = layers.toArray(new Layer[0]);
        this.width = width;
        final int len = this.layers.length;
        wT = new double[len][][];
        wRows = new double[len][][];
        dWRows = new double[len][][];
        wTLine = new double[len][];
        wLine = new double[len][];
        int widest = 0;
        for (int l = 0; l < len; l++) {
            widest = Math.max(widest, width[l + 1]);
            if (this.layers[l] instanceof Linear) {
                final int p = width[l], m = width[l + 1];
                // both kernel sets' buffers where the Vector API may take over (RowKernels run until it is compiled)
                if (vectorApi && vectorLayer(p, m) && p >= 2 && vectorRows(m)) {
                    wTLine[l] = new double[p * m + LINE_SLACK];
                }
                if (m >= RowKernels.MIN_WIDTH) {
                    wT[l] = new double[p][m];
                }
                if (vectorApi && vectorLayer(p, m) && vectorRows(p)) {
                    wLine[l] = new double[m * p + LINE_SLACK];
                }
                wRows[l] = new double[m][p];
                dWRows[l] = transposedGradient(p, m) ? new double[p][m] : new double[m][p];
            }
        }
        widest = Math.max(widest, width[0]);
        idx = new int[widest];
        lists = new int[widest * RowKernels.BLOCK + 5];
        check = new double[widest];
        counts = new int[widest];
    }

    /**
     * @param layers the network's layers
     * @param inputs the number of input columns
     * @return the pass, or null when the first layer is not a {@link Linear}, a layer is neither Linear nor
     *         {@link Activation}, or the shapes do not chain
     */
    static RowPass of(List<Layer> layers, int inputs) {
        final int[] width = LayerChain.widths(layers, inputs, Integer.MAX_VALUE);
        if (width == null || !(layers.get(0) instanceof Linear)) {
            return null;
        }
        return new RowPass(layers, width);
    }

    /**
     * Whether the products run on the Vector API ({@link VectorRowKernels}) where their shapes allow it: as the JVM was
     * when this pass was made ({@link Kernels#vectorised}; a pass made before the module was loaded keeps RowKernels).
     */
    private final boolean vectorApi = Kernels.vectorised();
    /** Entries before a 64-byte line at most, in a {@code double[]}. */
    private static final int LINE_SLACK = 8;

    /**
     * @return whether {@link VectorRowKernels} runs the products of a Linear with p inputs and m outputs: at most 64 each
     *         (W, 32 KB at most, stays in the first-level cache; wider layers ran slower on them than on RowKernels' loops:
     *         96 x 96 0.69 s against 0.58, 128 x 128 1.14 against 0.89, src/bench/SPEED.md), and more than one term
     */
    static boolean vectorLayer(int p, int m) {
        return p <= VectorRowKernels.MAX_WIDTH && m <= VectorRowKernels.MAX_WIDTH;
    }

    /**
     * @return whether rows of this width are made in {@link VectorRowKernels}' blocks of four or eight vectors only (a
     *         multiple of 32): narrower remainders run a chain per vector, slower than RowKernels' loops (a 48-unit
     *         layer's products took 0.44 s of epochs against 0.26)
     */
    static boolean vectorRows(int width) {
        return width % 32 == 0 && width > 0;
    }

    /** @return whether a Linear with p inputs and m outputs sums its weight gradient transposed (rows of length m) */
    private static boolean transposedGradient(int p, int m) {
        return p < RowKernels.SPARSE_MIN_WIDTH && m >= RowKernels.MIN_WIDTH;
    }

    private void ensure(int rows) {
        if (rows <= capacity) {
            return;
        }
        final int cap = Math.max(rows, capacity + capacity / 2);
        final int len = layers.length;
        act = new double[len + 1][][];
        grad = new double[len + 1][][];
        aux = new double[len][][];
        for (int l = 1; l <= len; l++) {
            act[l] = fusedRelu(l) ? null : new double[cap][width[l]];  // a fused ReLU's inputs are never made
            // the input gradient of a Linear after a ReLU goes straight through the ReLU: its own is never made
            grad[l] = l < len && reluAt(l - 1) && layers[l] instanceof Linear ? null : new double[cap][width[l]];
            if (l < len && layers[l] instanceof Activation a && a.keepsAux()) {
                aux[l] = new double[cap][width[l]];
            }
        }
        masks = new long[cap];
        capacity = cap;
    }

    /** @return whether layer l is a ReLU that runs inside the Linear before it (its input rows are never made) */
    private boolean fusedRelu(int l) {
        return reluAt(l) && layers[l - 1] instanceof Linear;
    }

    /** @return whether layer l exists and is a ReLU */
    private boolean reluAt(int l) {
        return l >= 0 && l < layers.length && layers[l].getClass() == Activation.ReLU.class;
    }

    /**
     * @param input the inputs, n x in. Not modified; must stay unchanged until {@link #backward}.
     * @return eta, n x out (a buffer owned by this pass, valid until its next call)
     */
    DMatrixRMaj forward(DMatrixRMaj input) {
        x = input;
        n = input.numRows;
        inputRows = false;
        vectors = vectorApi && VectorRowKernels.ready();
        liveXCount = width[0];
        ensure(n);
        for (int l = 0; l < layers.length; l++) {
            final Layer layer = layers[l];
            final double[][] in = l == 0 ? null : act[l];
            final double[] flat = l == 0 ? x.data : null;
            if (layer instanceof Linear) {
                final Linear lin = (Linear) layer;
                final double[] weight = lin.weight().value().data, bias = lin.bias().value().data;
                final int p = width[l], m = width[l + 1];
                final boolean relu = reluAt(l + 1);
                final double[][] out = relu ? act[l + 2] : act[l + 1];
                if (vectors && wTLine[l] != null) {
                    final double[] t = wTLine[l];
                    final int off = VectorRowKernels.start(t);
                    for (int k = 0; k < p; k++) {
                        for (int j = 0, o = off + k * m; j < m; j++) {
                            t[o + j] = weight[j * p + k];
                        }
                    }
                    VectorRowKernels.rowsTimes(in, flat, n, p, t, off, m, bias, out, relu, null, null);
                } else if (m >= RowKernels.MIN_WIDTH) {
                    final double[][] t = wT[l];
                    RowKernels.transpose(weight, p, m, t);
                    RowKernels.rowsTimes(in, flat, n, p, t, m, bias, out, relu, null, idx);
                } else {
                    RowKernels.narrowAffine(in, flat, n, p, weight, m, bias, out);
                    if (relu) {
                        for (int i = 0; i < n; i++) {
                            final double[] r = out[i];
                            for (int j = 0; j < m; j++) {
                                r[j] = Math.max(r[j], 0.0);
                            }
                        }
                    }
                }
                if (relu) {
                    l++;
                }
            } else {
                final Activation a = (Activation) layer;
                final double[][] out = act[l + 1];
                final int w = width[l];
                for (int i = 0; i < n; i++) {
                    if (aux[l] != null) {
                        a.applyAll(in[i], out[i], aux[l][i], w);
                    } else {
                        a.applyAll(in[i], out[i], w);
                    }
                }
            }
        }
        final int k = width[layers.length];
        eta.reshape(n, k, false);
        final double[][] last = act[layers.length];
        final double[] e = eta.data;
        for (int i = 0; i < n; i++) {
            System.arraycopy(last[i], 0, e, i * k, k);
        }
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
        return backward(dEta, needInputGradient, false);
    }

    /**
     * Backward for the last {@link #forward}, with the parameter gradients added into the layers' parameters or set.
     *
     * @param dEta              dL/d eta, n x out. Not modified.
     * @param needInputGradient whether to compute dL/dx
     * @param set               true to set the Linear layers' gradients to this pass's (the same bits as zeroing them
     *                          first and adding, without reading them: the sums start from zeroed rows instead of a copy)
     * @return dL/dx, n x in (a buffer owned by this pass), or null when not needed
     */
    DMatrixRMaj backward(DMatrixRMaj dEta, boolean needInputGradient, boolean set) {
        final int last = layers.length, k = width[last];
        if (dEta.numRows != n || dEta.numCols != k) {
            throw new IllegalArgumentException("The gradient is " + dEta.numRows + " x " + dEta.numCols
                    + " but the last forward gave " + n + " x " + k);
        }
        final double[][] g = grad[last];
        final double[] d = dEta.data;
        for (int i = 0; i < n; i++) {
            System.arraycopy(d, i * k, g[i], 0, k);
        }
        if (needInputGradient && (grad[0] == null || grad[0].length < capacity)) {
            grad[0] = new double[capacity][width[0]];
        }
        for (int l = last - 1; l >= 0; l--) {
            final Layer layer = layers[l];
            final boolean input = l > 0 || needInputGradient;
            if (layer instanceof Linear) {
                final Linear lin = (Linear) layer;
                final int p = width[l], m = width[l + 1];
                // the input gradient first: its rows' nonzero terms (masks) serve the weight gradient's lists
                boolean masked = false;
                final int here = l;
                if (input) {
                    final double[] weight = lin.weight().value().data;
                    // through the ReLU before this layer in the same pass (its outputs are this layer's inputs)
                    final boolean relu = reluAt(l - 1);
                    if (vectors && wLine[l] != null) {
                        final double[] w = wLine[l];
                        final int off = VectorRowKernels.start(w);
                        System.arraycopy(weight, 0, w, off, m * p);
                        masked = VectorRowKernels.rowsTimes(grad[l + 1], null, n, m, w, off, p, null,
                                relu ? grad[l - 1] : grad[l], false, relu ? act[l] : null, masks);
                    } else {
                        final double[][] w = wRows[l];
                        for (int j = 0; j < m; j++) {
                            System.arraycopy(weight, j * p, w[j], 0, p);
                        }
                        masked = RowKernels.rowsTimes(grad[l + 1], null, n, m, w, p, null, relu ? grad[l - 1] : grad[l],
                                false, relu ? act[l] : null, idx, masks);
                    }
                    if (relu) {
                        l--;
                    }
                }
                weightGradient(here, lin, p, m, masked, set);
            } else if (input) {
                final Activation a = (Activation) layer;
                final int w = width[l];
                // null for a ReLU run inside the Linear before it that no Linear follows (the network's last layer):
                // its inputs were never made, and ReLU's derivative reads only its outputs
                final double[][] in = act[l];
                for (int i = 0; i < n; i++) {
                    if (aux[l] != null) {
                        a.derivativeTimes(grad[l + 1][i], act[l][i], act[l + 1][i], aux[l][i], grad[l][i], w);
                    } else {
                        a.derivativeTimes(grad[l + 1][i], in == null ? null : in[i], act[l + 1][i], grad[l][i], w);
                    }
                }
            }
        }
        if (!needInputGradient) {
            return null;
        }
        final int in = width[0];
        inputGrad.reshape(n, in, false);
        for (int i = 0; i < n; i++) {
            System.arraycopy(grad[0][i], 0, inputGrad.data, i * in, in);
        }
        return inputGrad;
    }

    /**
     * {@code dW += dY^T X}, {@code db += 1^T dY} for Linear l (dY: grad[l + 1], X: its input); with {@code set},
     * {@code dW = 0 + dY^T X}, {@code db = 0 + 1^T dY} (the rows the sums run on are zeroed instead of copied from dW).
     */
    private void weightGradient(int l, Linear lin, int p, int m, boolean masked, boolean set) {
        final double[] dW = lin.weight().grad().data, db = lin.bias().grad().data;
        final double[][] dy = grad[l + 1];
        final double[][] c = dWRows[l];
        if (set) {
            java.util.Arrays.fill(db, 0, m, 0.0);
        }
        if (transposedGradient(p, m)) {
            if (set) {
                for (int k = 0; k < p; k++) {
                    java.util.Arrays.fill(c[k], 0, m, 0.0);
                }
            } else {
                RowKernels.transpose(dW, p, m, c);
            }
            if (vectors && vectorLayer(p, m) && vectorRows(m)) {
                if (gLine == null || gLine.length < capacity * m + LINE_SLACK) {
                    gLine = new double[capacity * m + LINE_SLACK];
                }
                VectorRowKernels.weightGradT(l == 0 ? null : act[l], l == 0 ? x.data : null, n, p, dy, m, c, db, gLine);
            } else {
                RowKernels.weightGradT(l == 0 ? null : act[l], l == 0 ? x.data : null, n, p, dy, m, c, db);
            }
            RowKernels.untranspose(c, p, m, dW);
            return;
        }
        // the first layer's input columns that are 0 on every row of the batch (the indicators of values the batch does
        // not have) are left out: each other entry's terms are the same, in the same order, so the same sums; a left-out
        // entry keeps its value (adds terms 0), or is 0 when the gradients are set
        final int[] live = l == 0 && liveInputs() < p ? liveX : null;
        final int pl = live == null ? p : liveXCount;
        final double[][] xr = live == null ? inputRows(l) : liveInputRows(pl);
        if (live != null && (dWLive == null || dWLive[0].length < pl)) {
            dWLive = new double[m][pl];
        }
        final double[][] cr = live == null ? c : dWLive;
        // masked: the input gradient's rowsTimes found zeros in these same first rows of dy
        final boolean skip = p >= RowKernels.SPARSE_MIN_WIDTH
                && (masked || RowKernels.hasZeros(dy, Math.min(n, RowKernels.PROBE), m)) && RowKernels.finite(xr, n, pl, check);
        for (int j = 0; j < m; j++) {   // the rows the sums run on: dW's (its live columns), or zeros
            final double[] r = cr[j];
            if (set) {
                java.util.Arrays.fill(r, 0, pl, 0.0);
            } else if (live == null) {
                System.arraycopy(dW, j * p, r, 0, p);
            } else {
                for (int a = 0; a < pl; a++) {
                    r[a] = dW[j * p + live[a]];
                }
            }
        }
        if (vectors && vectorLayer(pl, m) && vectorRows(pl)) {
            if (xLine == null || xLine.length < Long.SIZE * pl + LINE_SLACK) {
                xLine = new double[Long.SIZE * pl + LINE_SLACK];
            }
            VectorRowKernels.weightGrad(dy, n, m, xr, pl, cr, skip, masked ? masks : null, block, xLine);
        } else {
            RowKernels.weightGrad(dy, n, m, xr, pl, cr, skip, lists, counts, masked ? masks : null, block);
        }
        for (int j = 0; j < m; j++) {
            final double[] r = cr[j];
            if (live == null) {
                System.arraycopy(r, 0, dW, j * p, p);
                continue;
            }
            if (set) {
                java.util.Arrays.fill(dW, j * p, (j + 1) * p, 0.0);
            }
            for (int a = 0; a < pl; a++) {
                dW[j * p + live[a]] = r[a];
            }
        }
        RowKernels.columnSums(dy, n, m, db);
    }

    /** @return the input's rows restricted to the first pl columns of {@link #liveX} */
    private double[][] liveInputRows(int pl) {
        if (xLive == null || xLive.length < capacity || xLive[0].length < pl) {
            xLive = new double[capacity][pl];
        }
        final double[] d = x.data;
        final int p = width[0];
        for (int i = 0; i < n; i++) {
            final double[] r = xLive[i];
            for (int a = 0, o = i * p; a < pl; a++) {
                r[a] = d[o + liveX[a]];
            }
        }
        return xLive;
    }

    /** @return how many input columns have an entry other than 0 (NaN counts) in the batch, listed in {@link #liveX} */
    private int liveInputs() {
        final int p = width[0];
        if (liveX == null) {
            liveX = new int[p];
        }
        if (seenX == null) {
            seenX = new boolean[p];
        }
        liveXCount = ZeroTerms.nonZeroColumns(x.data, p, 0, n, seenX, liveX);
        return liveXCount;
    }

    /** @return how many input columns the first layer's weight gradient ran over in the last backward (for tests) */
    int inputColumnsRead() {
        return liveXCount;
    }

    /** @return the rows of Linear l's input (for the first layer, copied from the input once per pass) */
    private double[][] inputRows(int l) {
        if (l > 0) {
            return act[l];
        }
        if (!inputRows) {
            final int d = width[0];
            if (act[0] == null || act[0].length < capacity) {
                act[0] = new double[capacity][d];
            }
            for (int i = 0; i < n; i++) {
                System.arraycopy(x.data, i * d, act[0][i], 0, d);
            }
            inputRows = true;
        }
        return act[0];
    }
}

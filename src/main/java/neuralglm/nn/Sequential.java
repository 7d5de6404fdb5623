package neuralglm.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import neuralglm.linalg.RowSource;
import org.ejml.data.DMatrixRMaj;

/**
 * Layers applied in order: {@code eta = f_L(... f_2(f_1(x)))}; backward runs them in reverse.
 * Each layer has a name (as in PyTorch's {@code nn.Sequential(OrderedDict(...))}); parameters are
 * listed in layer order. With no hidden layer, {@link #mlp} gives one {@link Linear}: a GLM.
 */
public final class Sequential implements Layer {
    private static final long serialVersionUID = 1L;

    private final List<String> names = new ArrayList<>();
    private final List<Layer> layers = new ArrayList<>();

    /**
     * Batches of at least this many rows train through {@link ColumnPass} (same numbers, faster);
     * the system property {@code neuralglm.columnRows} changes it (0: never).
     */
    static final int COLUMN_ROWS = Integer.getInteger("neuralglm.columnRows", 16);

    /**
     * Larger batches (a full batch of many rows) stay row-major: the column pass holds a copy of the
     * inputs by columns, which for a big full batch would add the data's size to the memory a build needs.
     */
    static final int COLUMN_MAX_ROWS = 1 << 16;

    /** The column-stored training pass (made on first use; null when the layers do not allow it). */
    private transient ColumnPass columns;
    /** @return whether a pass over n rows may run by columns: {@link #COLUMN_ROWS} &lt;= n &lt;= {@link #COLUMN_MAX_ROWS} */
    private static boolean columnRows(int n) {
        return COLUMN_ROWS > 0 && n >= COLUMN_ROWS && n <= COLUMN_MAX_ROWS;
    }

    /**
     * Whether training passes the column pass does not take run through {@link RowPass} (in either JVM; the system
     * property {@code neuralglm.rowPass=false} turns it off: the layers then run one by one).
     */
    static final boolean ROW_PASS = Boolean.parseBoolean(System.getProperty("neuralglm.rowPass", "true"));

    /** The row-major training pass (made on first use; null when the layers do not allow it). */
    private transient RowPass rows;
    /** The input width {@link #rows} was decided for (0: not yet). */
    private transient int rowsDecided;
    /** Whether the last {@link #forward} ran in {@link #rows}. */
    private transient boolean rowForward;

    /** @return whether a pass over n rows not taken by the column pass may run in {@link RowPass} */
    private static boolean rowRows(int n) {
        return ROW_PASS && n >= 2 && n <= COLUMN_MAX_ROWS;
    }

    /** The column pass of {@link #evaluate} (made on first use; its own buffers, apart from training's). */
    private transient ColumnPass evalColumns;
    /** The input width {@link #evalColumns} was decided for (0: not yet). */
    private transient int evalColumnsDecided;
    /** Whether the last {@link #forward} ran in {@link #columns}. */
    private transient boolean columnForward;
    /** The input width {@link #columns} was decided for (0: not yet). */
    private transient int columnsDecided;

    /**
     * The arithmetic of this network's predictions ({@link #predict}, {@link #evaluate}); null (a network made or
     * saved before the field existed) is {@link Precision#FLOAT64}.
     */
    private Precision precision;

    /** An empty network; add layers with {@link #add}. */
    public Sequential() {
    }

    /** @return the arithmetic of this network's predictions (see {@link #setPrecision}) */
    public Precision precision() {
        return precision == null ? Precision.FLOAT64 : precision;
    }

    /**
     * Sets the arithmetic of this network's predictions. With {@link Precision#FLOAT32} a network of {@link Linear}
     * and {@link Activation} layers that the float32 training pass takes (hidden layers up to
     * {@link ColumnPass#MAX_WIDTH_FLOAT} units) computes {@link #predict} and {@link #evaluate} in single precision, as
     * its float32 training passes do (a float copy of the weights, float sums; eta returned in double, each row's
     * numbers the same however the rows are blocked); other networks predict in double whatever the setting. A
     * {@link neuralglm.train.TrainingSession} sets its trainer's precision on the network it trains, so that a model
     * trained in float32 predicts in float32 and the training loss it reports is that of its own predictions.
     * Training passes ({@link #forward(DMatrixRMaj, Precision)}) take their precision from the caller.
     *
     * @param p FLOAT64 (the default) or FLOAT32
     * @return this
     */
    public Sequential setPrecision(Precision p) {
        precision = java.util.Objects.requireNonNull(p, "precision");
        return this;
    }

    /** @return the widest hidden layer a network predicting (and training) in float32 may have */
    public static int maxFloat32Width() {
        return ColumnPass.MAX_WIDTH_FLOAT;
    }

    /**
     * @param inputs the number of input columns
     * @return whether {@link #predict} runs in single precision: the precision is {@link Precision#FLOAT32} and the
     *         float pass takes these layers (hidden layers up to {@link ColumnPass#MAX_WIDTH_FLOAT} units)
     */
    public boolean predictsInFloat32(int inputs) {
        if (precision() != Precision.FLOAT32) {
            return false;
        }
        final ColumnPass pass = ColumnPass.of(layers, inputs);
        return pass != null && pass.supports(Precision.FLOAT32);
    }

    /**
     * Appends a layer.
     *
     * @param name  a unique name
     * @param layer the layer
     * @return this
     */
    public Sequential add(String name, Layer layer) {
        if (names.contains(name)) {
            throw new IllegalArgumentException("Sequential already has a layer named " + name);
        }
        names.add(name);
        layers.add(layer);
        evalColumns = null;
        evalColumnsDecided = 0;
        columns = null;
        columnForward = false;
        columnsDecided = 0;
        rows = null;
        rowForward = false;
        rowsDecided = 0;
        return this;
    }

    /**
     * A deep copy ({@link Layer#copy()} of every layer): the same function, with parameters of its own.
     *
     * @return the copy
     * @throws UnsupportedOperationException when a layer cannot be copied
     */
    @Override
    public Sequential copy() {
        final Sequential c = new Sequential();
        for (int i = 0; i < layers.size(); i++) {
            c.add(names.get(i), layers.get(i).copy());
        }
        c.precision = precision;
        return c;
    }

    /** @return the layers, in order (read-only) */
    public List<Layer> layers() {
        return Collections.unmodifiableList(layers);
    }

    /** @return the layer names, in order (read-only) */
    public List<String> names() {
        return Collections.unmodifiableList(names);
    }

    /**
     * A multilayer perceptron {@code Linear(in, h1) - act - ... - Linear(h_last, out)}, with layers
     * named {@code fc1, act1, fc2, act2, ..., fcL} (the notebook's names).
     *
     * @param inputs     number of inputs
     * @param hidden     hidden layer sizes; empty for a GLM
     * @param activation a new activation for each hidden layer
     * @param outputs    number of outputs (the family's)
     * @param rng        source of the initial weights, drawn layer by layer
     * @return the network
     */
    public static Sequential mlp(int inputs, int[] hidden, Supplier<? extends Activation> activation, int outputs, Random rng) {
        final Sequential net = new Sequential();
        int in = inputs;
        int i = 1;
        for (int h : hidden) {
            if (h < 1) {
                throw new IllegalArgumentException("Hidden layer " + i + " must have at least 1 unit, got " + h);
            }
            net.add("fc" + i, new Linear("fc" + i, in, h, rng));
            net.add("act" + i, activation.get());
            in = h;
            i++;
        }
        net.add("fc" + i, new Linear("fc" + i, in, outputs, rng));
        return net;
    }

    /**
     * Forward pass for training. A network of {@link Linear} and {@link Activation} layers given at
     * least {@link #COLUMN_ROWS} and at most {@link #COLUMN_MAX_ROWS} rows runs it (and the backward pass after it) with its hidden matrices
     * stored by columns ({@link ColumnPass}): the same numbers to the bit, vectorised along the batch.
     * The layers' own caches are then not set, so backward must go through this network.
     */
    @Override
    public DMatrixRMaj forward(DMatrixRMaj x) {
        return forward(x, Precision.FLOAT64);
    }

    /**
     * Forward pass for training at a precision: as {@link #forward(DMatrixRMaj)}; with
     * {@link Precision#FLOAT32} a network that the column pass takes (here up to
     * {@link ColumnPass#MAX_WIDTH_FLOAT} units wide) runs it, and the backward pass after it, in single
     * precision (see {@link Precision}); other networks and batch sizes run in double.
     *
     * @param x         the inputs, n x in. Not modified.
     * @param precision the arithmetic of this pass and of the backward pass after it
     * @return eta, n x out
     */
    public DMatrixRMaj forward(DMatrixRMaj x, Precision precision) {
        columnForward = false;
        rowForward = false;
        if (columnRows(x.numRows)) {
            if (columnsDecided != x.numCols) {
                columns = ColumnPass.of(layers, x.numCols);
                columnsDecided = x.numCols;
            }
            if (columns != null && columns.supports(precision)) {
                columnForward = true;
                return precision == Precision.FLOAT32 ? columns.forwardFloat(x) : columns.forward(x);
            }
        }
        if (rowRows(x.numRows)) {
            if (rowsDecided != x.numCols) {
                rows = RowPass.of(layers, x.numCols);
                rowsDecided = x.numCols;
            }
            if (rows != null) {
                rowForward = true;
                return rows.forward(x);
            }
        }
        DMatrixRMaj h = x;
        for (Layer layer : layers) {
            h = layer.forward(h);
        }
        return h;
    }

    /** @return whether the last {@link #forward} ran in {@link RowPass} (for tests) */
    boolean lastForwardUsedRows() {
        return rowForward;
    }

    /** @return whether the last {@link #forward} ran with columns (for tests) */
    boolean lastForwardUsedColumns() {
        return columnForward;
    }

    /**
     * @return how many input columns the first layer's products ran over in the last pass by columns (its forward) or by
     *         rows (its weight gradient, after backward) (for tests)
     */
    int lastForwardInputColumns() {
        return rowForward ? rows.inputColumnsRead() : columns.inputColumnsRead();
    }

    @Override
    public DMatrixRMaj backward(DMatrixRMaj dOut) {
        if (columnForward) {
            return columns.backward(dOut, true);
        }
        if (rowForward) {
            return rows.backward(dOut, true);
        }
        DMatrixRMaj g = dOut;
        for (int i = layers.size() - 1; i >= 0; i--) {
            g = layers.get(i).backward(g);
        }
        return g;
    }

    /**
     * Backward for training: as {@link #backward(DMatrixRMaj)} when the input gradient is needed; otherwise
     * the first layer only accumulates its parameter gradients ({@link Layer#accumulateGradients}: for a
     * {@link Linear} first layer this skips the n x d product {@code dY W}).
     *
     * @param dOut              {@code dL/d eta}, n x k. Not modified.
     * @param needInputGradient whether to compute {@code dL/dx}
     * @return {@code dL/dx} (a buffer owned by the first layer), or null when not needed
     */
    public DMatrixRMaj backward(DMatrixRMaj dOut, boolean needInputGradient) {
        if (needInputGradient) {
            return backward(dOut);
        }
        accumulateGradients(dOut);
        return null;
    }

    /**
     * Backward for training without the input gradient, setting the parameters' gradients instead of adding to them:
     * the same numbers as {@link #zeroGrad()} and then {@link #backward(DMatrixRMaj, boolean) backward(dOut, false)},
     * {@code grad(theta) = 0 + dL/dtheta} summed in the same order, and without reading the old gradients when the last
     * forward ran in the row pass (which then writes every entry of every {@link Linear}'s gradient; its other layers
     * are activations, which have no parameters: {@code LayerChain}).
     *
     * @param dOut {@code dL/d eta}, n x k. Not modified.
     */
    public void setGradients(DMatrixRMaj dOut) {
        if (!rowForward) {
            zeroGrad();
            accumulateGradients(dOut);
            return;
        }
        rows.backward(dOut, false, true);
    }

    @Override
    public void accumulateGradients(DMatrixRMaj dOut) {
        if (columnForward) {
            columns.backward(dOut, false);
            return;
        }
        if (rowForward) {
            rows.backward(dOut, false);
            return;
        }
        DMatrixRMaj g = dOut;
        for (int i = layers.size() - 1; i > 0; i--) {
            g = layers.get(i).backward(g);
        }
        if (!layers.isEmpty()) {
            layers.get(0).accumulateGradients(g);
        }
    }

    @Override
    public List<Parameter> parameters() {
        final List<Parameter> ps = new ArrayList<>();
        for (Layer layer : layers) {
            ps.addAll(layer.parameters());
        }
        return ps;
    }

    /**
     * @param name a parameter name such as {@code "fc2.bias"}
     * @return the parameter
     * @throws IllegalArgumentException when there is none of that name
     */
    public Parameter parameter(String name) {
        for (Parameter p : parameters()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("No parameter named " + name + "; the network has " + parameters());
    }

    /**
     * @return whether this network trains in float64 on the row pass ({@link RowPass}: some {@link Linear}
     *         has more than {@code ColumnPass.MAX_WIDTH} (48) outputs) and some of its layers there on the Vector API's
     *         row kernels when the module is loaded (at most 64 inputs and outputs, rows a multiple of 32), or in float32
     *         on the float column pass with a layer of 49 to {@link ColumnPass#MAX_WIDTH_FLOAT} outputs (whose products
     *         then run on the Vector API's float kernels): the networks that module trains faster (narrower networks
     *         train by columns on the same loops in any JVM)
     */
    public boolean trainsFasterWithVectorApi() {
        boolean rows = false, vector = false;
        if (precision() == Precision.FLOAT32) {
            // the float column pass (when it takes these layers): its layers wider than 48 on VectorFloatColumnKernels
            int widest = 0;
            for (Layer layer : layers) {
                if (layer instanceof Linear lin) {
                    widest = Math.max(widest, lin.outputs());
                }
            }
            return floatPassVectors(widest) && !layers.isEmpty() && layers.get(0) instanceof Linear first
                    && predictsInFloat32(first.inputs());
        }
        for (Layer layer : layers) {
            if (layer instanceof Linear lin) {
                final int p = lin.inputs(), m = lin.outputs();
                rows |= m > ColumnPass.MAX_WIDTH;
                // its forward product or its input gradient on VectorRowKernels, as RowPass decides
                vector |= RowPass.vectorLayer(p, m) && (p >= 2 && RowPass.vectorRows(m) || RowPass.vectorRows(p));
            }
        }
        return rows && vector;
    }

    /**
     * {@link #trainsFasterWithVectorApi} guessed from the options alone, before the data fix the input and output widths
     * (taken as neither 32 nor 64, and at most 48): whether a float64 network with these hidden layers has a layer the
     * row pass takes (more than the column pass's {@value ColumnPass#MAX_WIDTH} units) and a hidden layer of 32 or 64
     * units (one side of a product the Vector API's row kernels take). A hint for starting their warm-up early
     * ({@link neuralglm.linalg.Kernels#prepareRowKernels}): a wrong guess costs a warm-up, not a result.
     *
     * @param hidden the hidden layers' sizes
     */
    public static boolean mayTrainFasterWithVectorApi(int[] hidden, Precision precision) {
        if (precision == Precision.FLOAT32) {
            int widest = 0;
            for (int h : hidden) {
                widest = Math.max(widest, h);
            }
            return floatPassVectors(widest);
        }
        boolean rows = false, vector = false;
        for (int h : hidden) {
            rows |= h > ColumnPass.MAX_WIDTH;
            vector |= RowPass.vectorLayer(h, h) && RowPass.vectorRows(h);
        }
        return rows && vector;
    }

    /**
     * @param widest the widest hidden layer of a float32 network
     * @return whether its float pass by columns (hidden layers up to {@link ColumnPass#MAX_WIDTH_FLOAT} units) runs its
     *         products of layers wider than 48 units on the Vector API ({@code linalg.VectorFloatColumnKernels}), when the
     *         module is loaded: the float32 networks the module trains faster
     */
    private static boolean floatPassVectors(int widest) {
        return widest > ColumnPass.MAX_WIDTH && widest <= ColumnPass.MAX_WIDTH_FLOAT;
    }

    /** @return the total number of scalar parameters */
    public int numParameters() {
        int n = 0;
        for (Parameter p : parameters()) {
            n += p.size();
        }
        return n;
    }

    /** Sets every parameter's gradient to zero. */
    public void zeroGrad() {
        for (Parameter p : parameters()) {
            p.zeroGrad();
        }
    }

    /** Rows per block of {@link #predict}: its intermediate matrices stay this small (and in cache). */
    static final int PREDICT_BLOCK = 2048;

    /**
     * Rows per block of a float prediction pass ({@link #setPrecision}): the float kernels' blocks of a 64-unit layer are
     * 1024 rows long (256 KB of columns), and the pass ran the fastest on blocks of that length (faster than on 512, the
     * double final pass's blocks). The training's final pass over a float32 network reads its rows in blocks of this
     * length too.
     */
    public static final int PREDICT_BLOCK_FLOAT = 1024;

    /**
     * The network's output for every row of x, computed in blocks of {@value #PREDICT_BLOCK} rows so
     * that a full-data pass allocates no hidden-layer matrix of the data's length. Rows never interact,
     * so the result is the same to the bit as one pass over all rows. In the network's {@link #precision()}:
     * with {@link Precision#FLOAT32} (see {@link #setPrecision}) through a float forward pass of its own (made
     * per call: predictions may run on several threads at once), a row beyond float's range in double.
     */
    @Override
    public DMatrixRMaj predict(DMatrixRMaj x) {
        return x.numRows <= PREDICT_BLOCK ? predict(x, predictBuffers()) : predict(RowSource.dense(x));
    }

    /**
     * {@link #predict(RowSource)} with a float32 network's rows beyond float's range left as its float pass gives them
     * (infinite or NaN), not predicted in double: what the network computes in its own precision, for a check that its
     * training rows are within that precision's range.
     *
     * @param x the rows, n x d
     * @return eta, n x k
     */
    public DMatrixRMaj predictInOwnPrecision(RowSource x) {
        return predict(x, false);
    }

    /**
     * The buffers of one caller's predictions block after block ({@link #predict(DMatrixRMaj, PredictBuffers)}): each
     * layer's output, and for a float32 network its float pass. Made by {@link #predictBuffers()}; one per thread.
     */
    public static final class PredictBuffers {
        private final Sequential net;
        private final DMatrixRMaj[] outputs;
        private ColumnPass floatPass;
        private int floatInputs = -1;   // the inputs floatPass was made for (-1: none made yet)
        private final DMatrixRMaj floatOut = new DMatrixRMaj(0, 0);
        /** Whether a float pass's rows beyond float's range are predicted again in double. */
        private final boolean doubleBeyondFloat;

        private PredictBuffers(Sequential net, boolean doubleBeyondFloat) {
            this.net = net;
            this.outputs = new DMatrixRMaj[net.layers.size()];
            this.doubleBeyondFloat = doubleBeyondFloat;
        }
    }

    /** @return buffers for {@link #predict(DMatrixRMaj, PredictBuffers)} (empty: they grow to the first block) */
    public PredictBuffers predictBuffers() {
        return new PredictBuffers(this, true);
    }

    /**
     * {@link #predict(DMatrixRMaj)} with each layer's output (or a float32 network's float pass) in buffers of the
     * caller's, for a caller that predicts block after block (Weka's {@code distributionsForInstances}): the same numbers,
     * without new outputs per block and layer. Thread-safe when each thread passes its own buffers.
     *
     * @param x       the rows, n x d. Not modified.
     * @param buffers this network's {@link #predictBuffers()}; the result may be one of them, valid until the next call
     * @return eta, n x k
     */
    public DMatrixRMaj predict(DMatrixRMaj x, PredictBuffers buffers) {
        if (buffers.net != this) {
            throw new IllegalArgumentException("predict: the buffers were made by another network");
        }
        if (x.numRows > PREDICT_BLOCK) {
            return predict(RowSource.dense(x));
        }
        if (precision == Precision.FLOAT32) {
            if (buffers.floatInputs != x.numCols) {
                buffers.floatPass = ColumnPass.of(layers, x.numCols);
                buffers.floatInputs = x.numCols;
            }
            if (buffers.floatPass != null && buffers.floatPass.supports(Precision.FLOAT32)) {
                final DMatrixRMaj out = buffers.floatPass.predictFloat(x, 0, x.numRows, PREDICT_BLOCK_FLOAT, buffers.floatOut);
                return buffers.doubleBeyondFloat ? inDoubleWhereFloatOverflows(x, out, buffers) : out;
            }
        }
        return predictRows(x, buffers.outputs);
    }

    /**
     * A float pass's outputs with each row that has a value other than a finite number (an input or a hidden value
     * beyond float's range, about 3.4e38: {@code 0 * inf} is NaN) predicted again in double through the layers' own
     * {@link Layer#predict}, as the network in float64 predicts it: a prediction is NaN or infinite only where
     * double's range is left too. Rows within float's range keep the float pass's bits.
     *
     * @param out the float pass's outputs on x (n x k). Modified.
     * @return out
     */
    private DMatrixRMaj inDoubleWhereFloatOverflows(DMatrixRMaj x, DMatrixRMaj out, PredictBuffers buffers) {
        final int k = out.numCols;
        DMatrixRMaj row = null;
        for (int i = 0; i < out.numRows; i++) {
            boolean finite = true;
            for (int j = 0; j < k; j++) {
                finite &= Double.isFinite(out.data[i * k + j]);
            }
            if (finite) {
                continue;
            }
            if (row == null) {
                row = new DMatrixRMaj(1, x.numCols);
            }
            System.arraycopy(x.data, i * x.numCols, row.data, 0, x.numCols);
            final DMatrixRMaj h = predictRows(row, buffers.outputs);
            System.arraycopy(h.data, 0, out.data, i * k, k);
        }
        return out;
    }

    /**
     * {@link #predict(DMatrixRMaj)} on the rows of a source (for example a data set kept elsewhere, read as it is
     * needed), read {@value #PREDICT_BLOCK} rows at a time: the same bits as on the matrix of those rows.
     *
     * @param x the rows, n x d
     * @return eta, n x k
     */
    public DMatrixRMaj predict(RowSource x) {
        return predict(x, true);
    }

    private DMatrixRMaj predict(RowSource x, boolean doubleBeyondFloat) {
        final int n = x.numRows(), d = x.numCols();
        final DMatrixRMaj xb = new DMatrixRMaj(Math.min(n, PREDICT_BLOCK), d);
        if (n == 0) {
            return predict(xb);
        }
        // the layers' outputs (or the float pass, its buffers and float weights) made once for all blocks
        final PredictBuffers buffers = new PredictBuffers(this, doubleBeyondFloat);
        DMatrixRMaj out = null;
        for (int start = 0; start < n; start += PREDICT_BLOCK) {
            final int b = Math.min(PREDICT_BLOCK, n - start);
            xb.reshape(b, d, false);
            x.range(start, b, xb.data);
            final DMatrixRMaj h = predict(xb, buffers);
            if (out == null) {
                out = new DMatrixRMaj(n, h.numCols);
            }
            System.arraycopy(h.data, 0, out.data, start * h.numCols, b * h.numCols);
        }
        return out;
    }

    /**
     * The network's output for x, the same bits as {@link #predict}, for a set evaluated again and again (the
     * validation rows of early stopping, every epoch): between {@link #COLUMN_ROWS} and {@link #COLUMN_MAX_ROWS} rows it
     * runs a forward {@link ColumnPass} of its own (vectorised along the rows, buffers reused; training's pass is left
     * alone), otherwise {@link #predict}. A network predicting in float ({@link #setPrecision}) runs its own float
     * forward pass on any number of rows, in blocks (rows never interact there either).
     * Not thread-safe (its buffers are the network's).
     *
     * @param x inputs, n x d. Not modified.
     * @return eta, n x k: with columns, a buffer owned by this network, valid until the next call
     */
    public DMatrixRMaj evaluate(DMatrixRMaj x) {
        final boolean inFloat = precision == Precision.FLOAT32;
        if (inFloat || columnRows(x.numRows)) {
            if (evalColumnsDecided != x.numCols) {
                evalColumns = ColumnPass.of(layers, x.numCols);
                evalColumnsDecided = x.numCols;
            }
            if (inFloat && evalColumns != null && evalColumns.supports(Precision.FLOAT32)) {
                // a network predicting in float: the pass's float prediction in blocks, the weights copied once
                if (evalOut == null) {
                    evalOut = new DMatrixRMaj(0, 0);
                }
                return evalColumns.predictFloat(x, 0, x.numRows, PREDICT_BLOCK_FLOAT, evalOut);
            }
            if (columnRows(x.numRows) && evalColumns != null && evalColumns.supports(Precision.FLOAT64)) {
                return evalColumns.forward(x);
            }
        }
        return predict(x);
    }

    /** The output buffer of {@link #evaluate}'s float prediction (made on first use). */
    private transient DMatrixRMaj evalOut;

    /** The layers' {@link Layer#predict(DMatrixRMaj, DMatrixRMaj)} in turn, each into its buffer (made when null). */
    private DMatrixRMaj predictRows(DMatrixRMaj x, DMatrixRMaj[] buffers) {
        DMatrixRMaj h = x;
        for (int l = 0; l < buffers.length; l++) {
            if (buffers[l] == null) {
                buffers[l] = new DMatrixRMaj(0, 0);
            }
            if (layers.get(l) instanceof Linear lin && l + 1 < buffers.length
                    && layers.get(l + 1).getClass() == Activation.ReLU.class) {
                // a Linear and its ReLU in one pass where the kernels allow (the same numbers as two layers)
                l++;
                if (buffers[l] == null) {
                    buffers[l] = new DMatrixRMaj(0, 0);
                }
                h = lin.predictRelu(h, buffers[l]);
                continue;
            }
            h = layers.get(l).predict(h, buffers[l]);
        }
        return h;
    }

    @Override
    public String toString() {
        final StringBuilder sb = new StringBuilder("Sequential(");
        for (int i = 0; i < layers.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(names.get(i)).append(": ").append(layers.get(i));
        }
        return sb.append(')').toString();
    }
}

package neuralglm.linalg;

import org.ejml.data.DMatrixRMaj;

/**
 * The dense kernels of backpropagation through an affine layer, on row-major {@link DMatrixRMaj}.
 *
 * <p>With the input {@code X} of shape {@code n x in}, the weight {@code W} of shape {@code out x in}
 * (PyTorch layout) and the bias {@code b} of length {@code out}:
 * <pre>
 *   forward:          Y  = X W^T + 1 b^T          (n x out)
 *   weight gradient:  dW += dY^T X                 (out x in)
 *   bias gradient:    db += 1^T dY                 (1 x out)
 *   input gradient:   dX  = dY W                   (n x in)
 * </pre>
 * The products run in {@link VectorGemm} when the JVM has the Vector API module; otherwise (Weka's
 * default JVM) in {@link RowGemm}, plain Java that C2 vectorises by itself, or for narrow shapes (fewer
 * than 8 entries along the vectorised dimension) in {@link Gemm}'s register-blocked scalar code. Each
 * entry is summed in ascending order of the inner index with fused multiply-adds, so all three give
 * the same bits. Arguments are never aliased; outputs must already have the right shape. Inputs are
 * not modified.
 */
public final class Kernels {

    private Kernels() {
    }

    /** Whether the system property {@code neuralglm.scalar} turns the Vector API off. */
    private static final boolean SCALAR = Boolean.getBoolean("neuralglm.scalar");

    /**
     * True when the products run on the Vector API (see {@link #vectorised()}): from the start when the JVM was started
     * with the module, from {@link #useVectorApi} on when it loads the module at run time. Read at each product; a
     * reader that still sees false runs the plain-Java kernels, with the same bits.
     */
    private static volatile boolean VECTOR = !SCALAR && VectorModule.inBootLayer();

    /**
     * @return true when the products run in {@link VectorGemm}: the JVM has the Vector API module (started with
     *         {@code --add-modules jdk.incubator.vector}, or loaded since by {@link #useVectorApi}) and the system
     *         property {@code neuralglm.scalar} is not true; else in {@link RowGemm} and {@link Gemm}; the results are
     *         bit-identical
     */
    public static boolean vectorised() {
        return VECTOR;
    }

    /**
     * Turns the Vector API kernels on for the products from now on, loading the module at run time when the JVM was
     * started without it ({@link VectorModule#load}): for a caller about to train a network they train faster (a
     * float64 layer of 49 to 64 units on the row pass). Nothing when {@code neuralglm.scalar} is set.
     *
     * @return whether the products now run on the Vector API
     */
    public static boolean useVectorApi() {
        if (!VECTOR && !SCALAR && VectorModule.usable()) {
            VECTOR = true;
        }
        return VECTOR;
    }

    /**
     * Turns the Vector API kernels off again (a module loaded at run time whose kernels never reached compiled speed):
     * the products run on the plain-Java kernels from now on, with the same bits.
     *
     * @param why the reason, for {@link VectorModule#failure}
     */
    static void stopVectorApi(String why) {
        VECTOR = false;
        VectorModule.stopped(why);
    }

    /**
     * Starts the warm-up of the Vector API's row kernels ({@link VectorRowKernels#ready}) now, loading the module if
     * need be ({@link #useVectorApi}): a caller that knows a build will use them (a 64-unit layer in its options) starts
     * it before the data are loaded or the options finished, so that C2 compiles them while the machine waits on other
     * things; a JVM's first build then runs less on RowKernels. Once per JVM; nothing where the module cannot be had.
     */
    public static void prepareRowKernels() {
        if (useVectorApi()) {
            VectorRowKernels.ready();
        }
    }

    /**
     * As {@link #prepareRowKernels} for a float32 network that trains by columns with a layer wider than 48 units: loads the
     * module if need be and starts the warm-up of the float pass's Vector API products ({@link VectorFloatColumnKernels},
     * {@link VectorWarmUp#floatReady}). Once per JVM; nothing where the module cannot be had.
     */
    public static void prepareFloatKernels() {
        if (useVectorApi()) {
            VectorWarmUp.floatReady();
        }
    }

    /**
     * {@code m_j += w_r x_rj} over rows {@code r0 .. r1 - 1} and columns {@code c0 .. c1 - 1} of the row-major d-column
     * xs (row r's weight {@code w[w0 + r]}, 1 when w is null), each column's terms in row order, on the Vector API
     * ({@link VectorColumnMoments}) for the columns that fill whole vectors when the products run there and C2 has
     * compiled the kernels in the warm-up the row kernels' users start ({@link VectorWarmUp#columnsReady}: before, the
     * Vector API's fallbacks made a JVM's first build's input pass 0.8 s slower); the other columns are left to the
     * caller's plain loops (the same sums to the bit).
     *
     * @return the first column not summed here: c0 when none was
     */
    public static int addColumnSums(double[] xs, int r0, int r1, int d, double[] w, int w0, double[] m, int c0,
                                    int c1) {
        return columnVectors(c0, c1) ? VectorColumnMoments.addRows(xs, r0, r1, d, w, w0, m, c0, c1) : c0;
    }

    /**
     * {@code s_j += w_r (x_rj - a_j)}, as {@link #addColumnSums} adds {@code w_r x_rj}.
     *
     * @return the first column not summed here: c0 when none was
     */
    public static int addColumnShiftedSums(double[] xs, int r0, int r1, int d, double[] w, int w0, double[] a,
                                           double[] s, int c0, int c1) {
        return columnVectors(c0, c1) ? VectorColumnMoments.addShifted(xs, r0, r1, d, w, w0, a, s, c0, c1) : c0;
    }

    /**
     * {@code s_j += (w_r e_rj) e_rj}, {@code e_rj = x_rj - a_j}, as {@link #addColumnSums} adds {@code w_r x_rj}.
     *
     * @return the first column not summed here: c0 when none was
     */
    public static int addColumnSquares(double[] xs, int r0, int r1, int d, double[] w, int w0, double[] a,
                                       double[] s, int c0, int c1) {
        return columnVectors(c0, c1) ? VectorColumnMoments.addSquares(xs, r0, r1, d, w, w0, a, s, c0, c1) : c0;
    }

    /** @return whether columns c0 .. c1 - 1 fill a vector and {@link VectorColumnMoments} is on and compiled */
    private static boolean columnVectors(int c0, int c1) {
        return VECTOR && c1 - c0 >= VectorColumnMoments.L && VectorWarmUp.columnsReady();
    }

    /**
     * {@code y = x w^T + b}.
     *
     * @param x  input, n x in. Not modified.
     * @param w  the weight, out x in. Not modified.
     * @param wT the weight transposed, in x out, or null (then it is made here). Not modified.
     * @param b  bias, length out (a 1 x out matrix). Not modified.
     * @param y  output, n x out. Modified.
     */
    public static void affine(DMatrixRMaj x, DMatrixRMaj w, DMatrixRMaj wT, DMatrixRMaj b, DMatrixRMaj y) {
        affine(x, w, wT, b, y, false);
    }

    /**
     * {@code y = max(x w^T + b, 0)}: a Linear and the ReLU after it, in one pass over each row where the Vector API's row
     * kernels run the product, else {@link #affine} and {@link #relu}; the same numbers either way.
     *
     * @param x  input, n x in. Not modified.
     * @param w  the weight, out x in. Not modified.
     * @param b  bias, length out. Not modified.
     * @param y  output, n x out. Modified.
     */
    public static void affineRelu(DMatrixRMaj x, DMatrixRMaj w, DMatrixRMaj b, DMatrixRMaj y) {
        if (!affine(x, w, null, b, y, true)) {
            relu(y.data, y.data, x.numRows * w.numRows);
        }
    }

    /** @return whether the ReLU was applied (only on the Vector API's row kernels) */
    private static boolean affine(DMatrixRMaj x, DMatrixRMaj w, DMatrixRMaj wT, DMatrixRMaj b, DMatrixRMaj y, boolean relu) {
        final int n = x.numRows, p = x.numCols, m = w.numRows;
        final boolean rowShape = VECTOR && n > 1 && p >= 2 && p <= VectorRowKernels.MAX_WIDTH && m >= RowGemm.MIN_WIDTH
                && m <= VectorRowKernels.MAX_WIDTH && m % 32 == 0;
        if (rowShape && VectorRowKernels.ready()) {
            // each row's sums in registers over its nonzero terms, W^T streamed from a 64-byte line
            final double[] line = VECTOR_LINE.get().ensure(p * m);
            final int off = VectorRowKernels.start(line);
            if (wT != null) {
                System.arraycopy(wT.data, 0, line, off, p * m);
            } else {
                final double[] wd = w.data;
                for (int k = 0; k < p; k++) {
                    for (int j = 0, o = off + k * m; j < m; j++) {
                        line[o + j] = wd[j * p + k];
                    }
                }
            }
            VectorRowKernels.affine(x.data, n, p, line, off, m, b.data, y.data, relu);
            return relu;
        } else if (VECTOR && !rowShape) {
            VectorGemm.axb(x.data, n, p, wT != null ? wT.data : transposed(w), m, b.data, y.data);
        } else if (m >= RowGemm.MIN_WIDTH && n > 1 && n <= RowGemm.AFFINE_ROWS) {
            // (also a row shape in a JVM whose Vector API kernels are not compiled yet: the same bits) the training
            // pass's row products, the ReLU in their last pass (about 0.85 of the time of RowGemm and a ReLU pass in
            // a 20-64-64-1 network's batch prediction: weka-predict)
            RowGemm.affineRows(x.data, n, p, wT != null ? null : w.data, wT != null ? wT.data : null, m, b.data, y.data, relu);
            return relu;
        } else if (m >= RowGemm.MIN_WIDTH && n > 1) {
            if (wT != null) {
                RowGemm.axb(x.data, n, p, wT.data, m, b.data, y.data);
            } else {
                RowGemm.abt(x.data, n, p, w.data, m, b.data, y.data);
            }
        } else {
            Gemm.abt(x.data, n, p, w.data, m, b.data, y.data);
        }
        return false;
    }

    /** A thread's buffer for W^T from a 64-byte line ({@link #affine} on the Vector API). */
    private static final class Line {
        private double[] data = new double[0];

        double[] ensure(int entries) {
            if (data.length < entries + 8) {
                data = new double[entries + 8];
            }
            return data;
        }
    }

    private static final ThreadLocal<Line> VECTOR_LINE = ThreadLocal.withInitial(Line::new);

    /** @return whether {@link #affine} reads {@code wT} (otherwise it may be null: the row kernels transpose W themselves) */
    public static boolean affineReadsTranspose() {
        return VECTOR;
    }

    /** @return whether {@link #inputGrad} on n rows and p inputs reads {@code wT} (otherwise it may be null) */
    public static boolean inputGradReadsTranspose(int n, int p) {
        return !VECTOR && !(p >= RowGemm.MIN_WIDTH && n > 1);
    }

    /** @return a new array holding the transpose of {@code a} */
    private static double[] transposed(DMatrixRMaj a) {
        final DMatrixRMaj t = new DMatrixRMaj(a.numCols, a.numRows);
        transpose(a, t);
        return t.data;
    }

    /**
     * Accumulates {@code dW += dY^T X} and {@code db += column sums of dY}.
     *
     * @param dY output gradient, n x out. Not modified.
     * @param x  input, n x in. Not modified.
     * @param dW weight gradient, out x in. Modified (accumulated).
     * @param db bias gradient, 1 x out. Modified (accumulated).
     */
    public static void accumulateAffineGrad(DMatrixRMaj dY, DMatrixRMaj x, DMatrixRMaj dW, DMatrixRMaj db) {
        if (VECTOR) {
            VectorGemm.atb(dY.data, x.numRows, dY.numCols, x.data, x.numCols, dW.data, db.data);
        } else if (x.numCols >= RowGemm.MIN_WIDTH && x.numRows > 1) {
            RowGemm.atb(dY.data, x.numRows, dY.numCols, x.data, x.numCols, dW.data, db.data);
        } else {
            Gemm.atb(dY.data, x.numRows, dY.numCols, x.data, x.numCols, dW.data, db.data);
        }
    }

    /**
     * {@code dX = dY W}.
     *
     * @param dY output gradient, n x out. Not modified.
     * @param w  the weight, out x in. Not modified.
     * @param wT the weight transposed, in x out, or null when {@link #inputGradReadsTranspose} says it is not read.
     *           Not modified.
     * @param dX input gradient, n x in. Modified (overwritten).
     */
    public static void inputGrad(DMatrixRMaj dY, DMatrixRMaj w, DMatrixRMaj wT, DMatrixRMaj dX) {
        if (VECTOR) {
            VectorGemm.axb(dY.data, dY.numRows, dY.numCols, w.data, w.numCols, null, dX.data);
        } else if (w.numCols >= RowGemm.MIN_WIDTH && dY.numRows > 1) {
            RowGemm.axb(dY.data, dY.numRows, dY.numCols, w.data, w.numCols, null, dX.data);
        } else {
            Gemm.abt(dY.data, dY.numRows, dY.numCols, wT.data, wT.numRows, null, dX.data);
        }
    }

    /** 2^1023: twice this factor takes the smallest positive double above 1. */
    static final double TWO_1023 = 0x1p1023;

    /**
     * ReLU, {@code y[i] = max(x[i], 0)} ({@link Math#max}: -0 gives 0, NaN stays NaN), for {@code i < len}.
     * Branch-free, so C2 vectorises it (a branch on the sign mispredicts half the time).
     *
     * @param x   input. Not modified.
     * @param y   output. Modified.
     * @param len number of entries
     */
    public static void relu(double[] x, double[] y, int len) {
        if (VECTOR) {
            VectorElementwise.relu(x, y, len);
        } else {
            reluPlain(x, y, len);
        }
    }

    static void reluPlain(double[] x, double[] y, int len) {
        for (int i = 0; i < len; i++) {
            y[i] = Math.max(x[i], 0.0);
        }
    }

    /**
     * ReLU's backward pass, {@code dx[i] = g[i] * [x[i] > 0]}, branch-free: the step is
     * {@code min(max(x, 0) 2^1023 2^1023, 1)}, exactly 1 for every x &gt; 0 (the smallest subnormal
     * included) and 0 for x &lt;= 0, so {@code dx = g} or {@code g * 0} (NaN x gives NaN).
     *
     * @param g   output gradient. Not modified.
     * @param x   the forward input. Not modified.
     * @param dx  input gradient. Modified.
     * @param len number of entries
     */
    public static void reluGrad(double[] g, double[] x, double[] dx, int len) {
        if (VECTOR) {
            VectorElementwise.reluGrad(g, x, dx, len);
        } else {
            reluGradPlain(g, x, dx, len);
        }
    }

    /**
     * ReLU's backward pass from the forward <em>output</em> {@code y = max(x, 0)}: the same numbers as
     * {@link #reluGrad} (for y &gt;= 0 or NaN, {@code max(y, 0) = y}), one operation fewer per entry.
     *
     * @param g   output gradient. Not modified.
     * @param y   the forward output. Not modified.
     * @param dx  input gradient. Modified.
     * @param len number of entries
     */
    public static void reluGradFromOutput(double[] g, double[] y, double[] dx, int len) {
        if (VECTOR) {
            VectorElementwise.reluGrad(g, y, dx, len);
        } else {
            reluGradFromOutputPlain(g, y, dx, len);
        }
    }

    static void reluGradFromOutputPlain(double[] g, double[] y, double[] dx, int len) {
        for (int i = 0; i < len; i++) {
            dx[i] = g[i] * Math.min(y[i] * TWO_1023 * TWO_1023, 1.0);
        }
    }

    static void reluGradPlain(double[] g, double[] x, double[] dx, int len) {
        for (int i = 0; i < len; i++) {
            dx[i] = g[i] * Math.min(Math.max(x[i], 0.0) * TWO_1023 * TWO_1023, 1.0);
        }
    }

    /**
     * Writes the transpose of {@code a} into {@code aT}.
     *
     * @param a  r x c. Not modified.
     * @param aT c x r. Modified.
     */
    public static void transpose(DMatrixRMaj a, DMatrixRMaj aT) {
        final int r = a.numRows, c = a.numCols;
        final double[] ad = a.data, td = aT.data;
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                td[j * r + i] = ad[i * c + j];
            }
        }
    }

    /**
     * Makes sure {@code m} is a {@code rows x cols} matrix, reusing its array when large enough.
     *
     * @param m    a buffer, or null. Modified.
     * @param rows number of rows
     * @param cols number of columns
     * @return {@code m} reshaped, or a new matrix when {@code m} was null
     */
    public static DMatrixRMaj reshape(DMatrixRMaj m, int rows, int cols) {
        if (m == null) {
            return new DMatrixRMaj(rows, cols);
        }
        if (m.numRows != rows || m.numCols != cols) {
            m.reshape(rows, cols, false);
        }
        return m;
    }
}

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
 * Every inner loop is an axpy over a contiguous row, which the JIT vectorises. Arguments are never
 * aliased; outputs must already have the right shape. Inputs are not modified.
 */
public final class Kernels {

    private Kernels() {
    }

    /**
     * {@code y = x * w^T + b}, row by row.
     *
     * @param x  input, n x in. Not modified.
     * @param wT the weight transposed, in x out. Not modified.
     * @param b  bias, length out (a 1 x out matrix). Not modified.
     * @param y  output, n x out. Modified.
     */
    public static void affine(DMatrixRMaj x, DMatrixRMaj wT, DMatrixRMaj b, DMatrixRMaj y) {
        final int n = x.numRows, in = x.numCols, out = wT.numCols;
        final double[] xd = x.data, wd = wT.data, bd = b.data, yd = y.data;
        for (int i = 0; i < n; i++) {
            final int yo = i * out;
            System.arraycopy(bd, 0, yd, yo, out);
            final int xo = i * in;
            for (int k = 0; k < in; k++) {
                final double a = xd[xo + k];
                if (a == 0.0) {
                    continue;
                }
                final int wo = k * out;
                for (int j = 0; j < out; j++) {
                    yd[yo + j] += a * wd[wo + j];
                }
            }
        }
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
        final int n = x.numRows, in = x.numCols, out = dY.numCols;
        final double[] dyd = dY.data, xd = x.data, dwd = dW.data, dbd = db.data;
        for (int i = 0; i < n; i++) {
            final int go = i * out, xo = i * in;
            for (int o = 0; o < out; o++) {
                final double a = dyd[go + o];
                if (a == 0.0) {
                    continue;
                }
                dbd[o] += a;
                final int wo = o * in;
                for (int k = 0; k < in; k++) {
                    dwd[wo + k] += a * xd[xo + k];
                }
            }
        }
    }

    /**
     * {@code dX = dY W}.
     *
     * @param dY output gradient, n x out. Not modified.
     * @param w  weight, out x in. Not modified.
     * @param dX input gradient, n x in. Modified (overwritten).
     */
    public static void inputGrad(DMatrixRMaj dY, DMatrixRMaj w, DMatrixRMaj dX) {
        final int n = dY.numRows, out = dY.numCols, in = w.numCols;
        final double[] dyd = dY.data, wd = w.data, dxd = dX.data;
        java.util.Arrays.fill(dxd, 0, n * in, 0.0);
        for (int i = 0; i < n; i++) {
            final int go = i * out, xo = i * in;
            for (int o = 0; o < out; o++) {
                final double a = dyd[go + o];
                if (a == 0.0) {
                    continue;
                }
                final int wo = o * in;
                for (int k = 0; k < in; k++) {
                    dxd[xo + k] += a * wd[wo + k];
                }
            }
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

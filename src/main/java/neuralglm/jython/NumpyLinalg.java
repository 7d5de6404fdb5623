package neuralglm.jython;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.decomposition.lu.LUDecompositionAlt_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * The numpy shim's {@code np.linalg} (scripts/lib/numpy/linalg.py) over EJML: inverse, determinant, solve, the
 * singular values and the pseudo-inverse of a 2-d array (the shim's tensors, float64). A singular matrix gives
 * {@code null} (inverse, solve), which the shim raises as numpy's {@code LinAlgError}.
 */
public final class NumpyLinalg {

    private NumpyLinalg() {
    }

    private static DMatrixRMaj matrix(Tensor t) {
        if (t.shape.length != 2) {
            throw Errors.value(t.shape.length + "-dimensional array given. Array must be two-dimensional");
        }
        return t.data.copy();
    }

    private static DMatrixRMaj square(Tensor t) {
        final DMatrixRMaj m = matrix(t);
        if (m.numRows != m.numCols) {
            throw Errors.value("Last 2 dimensions of the array must be square");
        }
        return m;
    }

    private static Tensor tensor(DMatrixRMaj m) {
        return float64(Tensor.of(m, new int[] {m.numRows, m.numCols}));
    }

    /**
     * @param t a result of this class
     * @return t labelled float64 (its values as they are)
     */
    public static Tensor float64(Tensor t) {
        t.floating = DType.FLOAT64;
        return t;
    }

    /** @return the LU decomposition (partial pivoting, as LAPACK's getrf), or null when it fails */
    private static LUDecompositionAlt_DDRM lu(DMatrixRMaj m) {
        final LUDecompositionAlt_DDRM lu = new LUDecompositionAlt_DDRM();
        return lu.decompose(m) ? lu : null;
    }

    private static boolean singular(LUDecompositionAlt_DDRM lu) {
        final DMatrixRMaj u = lu.getLU();
        for (int i = 0; i < u.numRows; i++) {
            if (u.get(i, i) == 0.0) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param a a square 2-d array
     * @return its inverse, or null if it is singular
     */
    public static Tensor inv(Tensor a) {
        final DMatrixRMaj m = square(a);
        final LUDecompositionAlt_DDRM lu = lu(m);
        if (lu == null || singular(lu)) {
            return null;
        }
        final DMatrixRMaj inv = CommonOps_DDRM.identity(m.numRows);
        final DMatrixRMaj x = new DMatrixRMaj(m.numRows, m.numRows);
        final org.ejml.dense.row.linsol.lu.LinearSolverLu_DDRM solver = new org.ejml.dense.row.linsol.lu.LinearSolverLu_DDRM(lu);
        solver.setA(m.copy());
        solver.solve(inv, x);
        return tensor(x);
    }

    /**
     * @param a a square 2-d array
     * @return its determinant (the product of the LU factor's diagonal, signed by the pivoting)
     */
    public static double det(Tensor a) {
        final DMatrixRMaj m = square(a);
        if (m.numRows == 0) {
            return 1.0;
        }
        final LUDecompositionAlt_DDRM lu = lu(m);
        return lu.computeDeterminant().real;
    }

    /**
     * @param a a square n x n array
     * @param b n x k right-hand sides (a 1-d b as n x 1)
     * @return x with a x = b, or null if a is singular
     */
    public static Tensor solve(Tensor a, Tensor b) {
        final DMatrixRMaj m = square(a);
        final DMatrixRMaj rhs = b.shape.length == 1 ? new DMatrixRMaj(b.shape[0], 1, true, b.data.data.clone()) : b.data.copy();
        if (rhs.numRows != m.numRows) {
            throw Errors.value("solve: Input operand 1 has a mismatch in its core dimension 0 (size " + rhs.numRows
                    + " is different from " + m.numRows + ")");
        }
        final LUDecompositionAlt_DDRM lu = lu(m.copy());
        if (lu == null || singular(lu)) {
            return null;
        }
        final org.ejml.dense.row.linsol.lu.LinearSolverLu_DDRM solver = new org.ejml.dense.row.linsol.lu.LinearSolverLu_DDRM(lu);
        solver.setA(m);
        final DMatrixRMaj x = new DMatrixRMaj(m.numRows, rhs.numCols);
        solver.solve(rhs, x);
        return b.shape.length == 1 ? float64(Tensor.of(x, new int[] {m.numRows})) : tensor(x);
    }

    private static SingularValueDecomposition_F64<DMatrixRMaj> svd(DMatrixRMaj m, boolean vectors) {
        final SingularValueDecomposition_F64<DMatrixRMaj> svd =
                DecompositionFactory_DDRM.svd(m.numRows, m.numCols, vectors, vectors, true);
        if (!svd.decompose(m)) {
            throw Errors.value("SVD did not converge");
        }
        return svd;
    }

    /**
     * @param a a 2-d array
     * @return its singular values, largest first
     */
    public static double[] singularValues(Tensor a) {
        final DMatrixRMaj m = matrix(a);
        if (m.numRows == 0 || m.numCols == 0) {
            return new double[0];
        }
        final double[] s = svd(m, false).getSingularValues().clone();
        java.util.Arrays.sort(s);
        for (int i = 0, j = s.length - 1; i < j; i++, j--) {
            final double t = s[i];
            s[i] = s[j];
            s[j] = t;
        }
        return s;
    }

    /**
     * @param a      an m x n array
     * @param rcond  singular values at most rcond times the largest count as zero
     * @return the n x m pseudo-inverse, as numpy's pinv
     */
    public static Tensor pinv(Tensor a, double rcond) {
        final DMatrixRMaj m = matrix(a);
        final SingularValueDecomposition_F64<DMatrixRMaj> svd = svd(m.copy(), true);
        final DMatrixRMaj u = svd.getU(null, false), v = svd.getV(null, false);
        final double[] s = svd.getSingularValues();
        double largest = 0;
        for (double x : s) {
            largest = Math.max(largest, x);
        }
        final double cutoff = rcond * largest;
        final DMatrixRMaj out = new DMatrixRMaj(m.numCols, m.numRows);
        for (int k = 0; k < svd.numberOfSingularValues(); k++) {
            if (s[k] <= cutoff) {
                continue;
            }
            final double inv = 1.0 / s[k];
            for (int i = 0; i < m.numCols; i++) {
                final double vi = v.get(i, k) * inv;
                for (int j = 0; j < m.numRows; j++) {
                    out.add(i, j, vi * u.get(j, k));
                }
            }
        }
        return tensor(out);
    }
}

package neuralglm.jython;

import java.util.Arrays;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.python.core.Py;
import org.python.core.PyException;
import org.python.core.PyObject;

/**
 * The numerics of {@code torch.linalg} (scripts/lib/torch/linalg.py) on matrices (2-d tensors; PyTorch's batches
 * would be 3-d, which tensors here cannot be), each recorded with PyTorch 1.13's backward formula. Write
 * {@code A^-T} for the transposed inverse, {@code G} for the gradient reaching an output:
 * <pre>
 *   inv(A)              LU with partial pivoting (LAPACK getrf's pivots)         dA = -A^-T G A^-T
 *   det(A)              sign(P) prod diag U                                        dA = G det(A) A^-T (A invertible), else
 *                                                                                  G det(U) det(V) U diag(prod_{j!=i} s_j) V^T
 *   slogdet(A)          (sign(det), sum log |u_ii|)                                d logabsdet: G A^-T; the sign has none
 *   solve(A, B)         X = A^-1 B by LU                                            dB = A^-T G,  dA = -dB X^T
 *   cholesky(A)         A = L L^T, reading A's lower triangle (LAPACK potrf)       dA = sym(L^-T Phi(L^T G) L^-1),
 *                                                                                  Phi: lower triangle, diagonal halved,
 *                                                                                  sym(S) = (S + S^T) / 2
 *   qr(A)               Householder reflections as LAPACK geqrf/orgqr (R_kk = -sign(a_kk) |column|)
 *                       m &gt;= n:  dA = (G_Q + Q copyltu(M)) R^-T,  M = R G_R^T - G_Q^T Q,
 *                       copyltu(M) = tril(M, -1) + tril(M, -1)^T + diag(M);  m &lt; n on the first m columns, the rest Q G_R2
 *   svd(A)              A = U diag(S) V^T, S descending (EJML's implicit QR)
 *                       dA = U [(skew(U^T G_U) / E) S + S (skew(V^T G_V) / E) + diag(G_S)] V^T
 *                            + (I - U U^T) G_U S^-1 V^T + U S^-1 G_V^T (I - V V^T),  E_jk = s_k^2 - s_j^2, skew(X) = X - X^T
 *   eigh(A)             A = V diag(L) V^T, L ascending (EJML's symmetric QR), from A's lower or upper triangle
 *                       dA = V [diag(G_L) + ((V^T G_V - G_V^T V) / 2) / E] V^T,  E_ij = l_j - l_i
 *   pinv(A)             V diag(1 / s_i for s_i &gt; tol) U^T
 *                       dA = -A+^T G A+^T + (I - A A+) G^T A+ A+^T + A+^T A+ G^T (I - A+ A)
 *   solve_triangular    X = A^-1 B reading one triangle           dB = A^-T G,  dA = -dB X^T on that triangle
 *                                                                 (strictly, when unitriangular)
 *   cholesky_solve      X = (L L^T)^-1 B                          dB = (L L^T)^-1 G,  dL = -(dB X^T + X dB^T) L
 *                       (upper: A = U^T U, dU = -U (dB X^T + X dB^T))
 * </pre>
 * Singular and non-positive-definite input raise {@code torch.linalg.LinAlgError} (a {@code RuntimeError}) with
 * PyTorch's message; non-square and 1-d input a {@code RuntimeError} with PyTorch's message.
 */
public final class Linalg {

    /** The Python class {@code torch.linalg.LinAlgError}, once scripts/lib/torch/linalg.py has made it. */
    private static volatile PyObject linAlgError;

    private Linalg() {
    }

    /**
     * Called by scripts/lib/torch/linalg.py: singular and non-positive-definite matrices then raise this type.
     *
     * @param type a subclass of RuntimeError
     */
    public static void use_lin_alg_error(PyObject type) {
        linAlgError = type;
    }

    private static PyException linAlg(String message) {
        final PyObject type = linAlgError;
        return type == null ? Errors.runtime(message) : new PyException(type, Py.newString(message));
    }

    // ------------------------------------------------------------------ checks

    /**
     * @param a   a tensor
     * @param who the function, for messages (PyTorch's name: {@code linalg.inv})
     * @throws PyException PyTorch's RuntimeError for fewer than 2 dimensions, whole numbers or a non-square matrix
     */
    static void square(Tensor a, String who) {
        matrix(a, who);
        if (a.shape[0] != a.shape[1]) {
            throw Errors.runtime(who + ": A must be batches of square matrices, but they are " + a.shape[0] + " by "
                    + a.shape[1] + " matrices");
        }
    }

    static void matrix(Tensor a, String who) {
        if (a.shape.length < 2) {
            throw Errors.runtime(who + ": The input tensor A must have at least 2 dimensions.");
        }
        if (a.integral != null) {
            throw Errors.runtime(who + ": Expected a floating point or complex tensor as input. Got "
                    + (a.integral == DType.BOOL ? "Bool" : a.integral == DType.INT64 ? "Long" : "Int"));
        }
    }

    // ------------------------------------------------------------------ LU

    /** An LU factorisation P A = L U with partial pivoting: L unit lower (below the diagonal), U upper, in one matrix. */
    private static final class Lu {
        final DMatrixRMaj lu;
        final int[] piv;
        /** 0, or the 1-based index of the first zero pivot (LAPACK's info) */
        int info;
        double sign = 1.0;

        Lu(DMatrixRMaj a) {
            final int n = a.numRows;
            lu = a.copy();
            piv = new int[n];
            final double[] d = lu.data;
            for (int j = 0; j < n; j++) {
                int p = j;
                double best = Math.abs(d[j * n + j]);
                for (int i = j + 1; i < n; i++) {
                    if (Math.abs(d[i * n + j]) > best) {
                        best = Math.abs(d[i * n + j]);
                        p = i;
                    }
                }
                piv[j] = p;
                if (d[p * n + j] != 0) {
                    if (p != j) {
                        for (int k = 0; k < n; k++) {
                            final double t = d[j * n + k];
                            d[j * n + k] = d[p * n + k];
                            d[p * n + k] = t;
                        }
                        sign = -sign;
                    }
                    for (int i = j + 1; i < n; i++) {
                        d[i * n + j] /= d[j * n + j];
                    }
                } else if (info == 0) {
                    info = j + 1;
                }
                for (int i = j + 1; i < n; i++) {
                    final double f = d[i * n + j];
                    if (f != 0) {
                        for (int k = j + 1; k < n; k++) {
                            d[i * n + k] -= f * d[j * n + k];
                        }
                    }
                }
            }
        }

        double det() {
            final int n = lu.numRows;
            double p = sign;
            for (int i = 0; i < n; i++) {
                p *= lu.data[i * n + i];
            }
            return p;
        }

        /** @return A^-1 B (B n x k, not modified) */
        DMatrixRMaj solve(DMatrixRMaj b) {
            final int n = lu.numRows, k = b.numCols;
            final DMatrixRMaj x = b.copy();
            final double[] d = lu.data, v = x.data;
            for (int j = 0; j < n; j++) {
                if (piv[j] != j) {
                    for (int c = 0; c < k; c++) {
                        final double t = v[j * k + c];
                        v[j * k + c] = v[piv[j] * k + c];
                        v[piv[j] * k + c] = t;
                    }
                }
            }
            for (int c = 0; c < k; c++) {
                for (int i = 0; i < n; i++) {
                    double s = v[i * k + c];
                    for (int q = 0; q < i; q++) {
                        s -= d[i * n + q] * v[q * k + c];
                    }
                    v[i * k + c] = s;
                }
                for (int i = n - 1; i >= 0; i--) {
                    double s = v[i * k + c];
                    for (int q = i + 1; q < n; q++) {
                        s -= d[i * n + q] * v[q * k + c];
                    }
                    v[i * k + c] = s / d[i * n + i];
                }
            }
            return x;
        }

        DMatrixRMaj inverse() {
            return solve(CommonOps_DDRM.identity(lu.numRows));
        }
    }

    private static DMatrixRMaj transposed(DMatrixRMaj m) {
        return CommonOps_DDRM.transpose(m, null);
    }

    private static DMatrixRMaj mult(DMatrixRMaj a, DMatrixRMaj b) {
        return CommonOps_DDRM.mult(a, b, null);
    }

    private static DMatrixRMaj multTransA(DMatrixRMaj a, DMatrixRMaj b) {
        return CommonOps_DDRM.multTransA(a, b, null);
    }

    private static DMatrixRMaj multTransB(DMatrixRMaj a, DMatrixRMaj b) {
        return CommonOps_DDRM.multTransB(a, b, null);
    }

    private static DMatrixRMaj plus(DMatrixRMaj a, DMatrixRMaj b) {
        return CommonOps_DDRM.add(a, b, null);
    }

    private static DMatrixRMaj minus(DMatrixRMaj a, DMatrixRMaj b) {
        return CommonOps_DDRM.subtract(a, b, null);
    }

    private static DMatrixRMaj scaled(double s, DMatrixRMaj a) {
        final DMatrixRMaj c = a.copy();
        CommonOps_DDRM.scale(s, c);
        return c;
    }

    /** @return the columns of B as rows when B is a 1-d tensor (its storage is 1 x n): B as an n x k matrix */
    private static DMatrixRMaj columns(Tensor b) {
        return b.shape.length == 1 ? DMatrixRMaj.wrap(b.shape[0], 1, b.data.data.clone()) : b.data.copy();
    }

    private static DMatrixRMaj like(Tensor b, DMatrixRMaj x) {
        return b.shape.length == 1 ? DMatrixRMaj.wrap(1, x.numRows, x.data) : x;
    }

    private static Tensor result(DMatrixRMaj m, int[] shape, Tensor... inputs) {
        final Tensor t = Tensor.of(m, shape);
        t.floating = Tensor.floatOf(inputs);
        return t;
    }

    // ------------------------------------------------------------------ inverse, determinant, solve

    /**
     * {@code torch.linalg.inv(A)}: A^-1 by LU with partial pivoting; backward {@code -A^-T G A^-T}.
     *
     * @param a   a square matrix
     * @param who the function's name for messages ({@code linalg.inv})
     * @return A^-1 (recorded)
     * @throws PyException LinAlgError naming the first zero pivot when A is singular
     */
    public static Tensor inv(Tensor a, String who) {
        square(a, who);
        final Lu lu = new Lu(a.data);
        if (lu.info > 0) {
            throw linAlg(who + ": The diagonal element " + lu.info + " is zero, the inversion could not be completed "
                    + "because the input matrix is singular.");
        }
        final DMatrixRMaj inv = lu.inverse();
        return Ops.record(result(inv, a.shape.clone(), a), "LinalgInvExBackward0", g -> {
            return new DMatrixRMaj[] {scaled(-1, multTransB(multTransA(inv, g), inv))};
        }, a);
    }

    /**
     * {@code torch.linalg.det(A)}: {@code sign(P) prod_i u_ii} of P A = L U; backward {@code G det(A) A^-T}, and
     * for a singular A the transposed adjugate from the SVD, {@code det(U) det(V) U diag(prod_{j != i} s_j) V^T}.
     *
     * @param a   a square matrix
     * @param who the function's name for messages
     * @return det(A), 0-d (recorded)
     */
    public static Tensor det(Tensor a, String who) {
        square(a, who);
        final Lu lu = new Lu(a.data);
        final double det = lu.det();
        return Ops.record(result(new DMatrixRMaj(1, 1, true, det), new int[0], a), "LinalgDetBackward0", g -> {
            final DMatrixRMaj cof;
            if (lu.info == 0) {
                cof = scaled(det, transposed(lu.inverse()));
            } else {
                cof = cofactors(a.data);
            }
            return new DMatrixRMaj[] {scaled(g.data[0], cof)};
        }, a);
    }

    /** @return the matrix of cofactors of a square A (d det / dA), by the SVD: valid for singular A too */
    private static DMatrixRMaj cofactors(DMatrixRMaj a) {
        final int n = a.numRows;
        final Svd s = new Svd(a, false);
        final double sign = new Lu(s.u).det() * new Lu(s.v).det();
        final DMatrixRMaj d = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            double p = sign;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    p *= s.s[j];
                }
            }
            d.set(i, i, p);
        }
        return multTransB(mult(s.u, d), s.v);
    }

    /**
     * {@code torch.linalg.slogdet(A)}: {@code (sign(det A), log |det A|)} from the LU factors ({@code log |det|} is
     * {@code sum_i log |u_ii|}, -inf for a singular A, whose sign is 0); backward of logabsdet {@code G A^-T}
     * (the sign is not differentiable).
     *
     * @param a   a square matrix
     * @param who the function's name for messages
     * @return {sign, logabsdet}, both 0-d (logabsdet recorded)
     */
    public static Tensor[] slogdet(Tensor a, String who) {
        square(a, who);
        final Lu lu = new Lu(a.data);
        final int n = a.shape[0];
        double sign = lu.sign, log = 0;
        for (int i = 0; i < n; i++) {
            final double u = lu.lu.data[i * n + i];
            sign *= Math.signum(u);
            log += Math.log(Math.abs(u));
        }
        final Tensor s = result(new DMatrixRMaj(1, 1, true, sign), new int[0], a);
        final Tensor l = Ops.record(result(new DMatrixRMaj(1, 1, true, log), new int[0], a), "LinalgSlogdetBackward0",
                g -> new DMatrixRMaj[] {scaled(g.data[0], transposed(invertible(lu, who + " backward")))}, a);
        return new Tensor[] {s, l};
    }

    private static DMatrixRMaj invertible(Lu lu, String who) {
        if (lu.info > 0) {
            throw linAlg(who + ": the matrix is singular (its log |det| is -inf), so the gradient A^-T does not exist");
        }
        return lu.inverse();
    }

    /**
     * {@code torch.logdet(A)}: {@code log det A}, NaN when det A &lt; 0 and -inf when it is 0; backward {@code G A^-T}
     * (0 where det A &lt; 0, as PyTorch's, which selects NaN there).
     *
     * @param a a square matrix
     * @return log det A, 0-d (recorded)
     */
    public static Tensor logdet(Tensor a) {
        final Tensor[] sl = slogdet(a, "logdet");
        final double sign = sl[0].data.data[0];
        final double v = sign < 0 ? Double.NaN : sign == 0 ? Double.NEGATIVE_INFINITY : sl[1].data.data[0];
        final Lu lu = new Lu(a.data);
        // PyTorch 1.13 computes logdet as where(sign < 0, nan, logabsdet): its grad_fn is WhereBackward0
        return Ops.record(result(new DMatrixRMaj(1, 1, true, v), new int[0], a), "WhereBackward0",
                g -> new DMatrixRMaj[] {sign < 0 ? new DMatrixRMaj(a.data.numRows, a.data.numCols)
                        : scaled(g.data[0], transposed(invertible(lu, "logdet backward")))}, a);
    }

    /**
     * {@code torch.linalg.solve(A, B)}: X with A X = B by LU with partial pivoting (B a vector of A's size or a
     * matrix of A's rows); backward {@code dB = A^-T G}, {@code dA = -dB X^T}.
     *
     * @param a a square matrix
     * @param b a 1-d or 2-d right-hand side
     * @return X, B's shape (recorded)
     */
    public static Tensor solve(Tensor a, Tensor b) {
        square(a, "linalg.solve");
        final int n = a.shape[0];
        final int rows = b.shape.length == 0 ? 1 : b.shape[0];
        if (b.shape.length == 0 || rows != n) {
            throw Errors.runtime("linalg.solve: Incompatible shapes of A and B for the equation AX = B (" + n + "x" + n
                    + " and " + (b.shape.length == 0 ? "" : rows + "x" + (b.shape.length == 1 ? 1 : b.shape[1])) + ")");
        }
        final Lu lu = new Lu(a.data);
        if (lu.info > 0) {
            throw linAlg("torch.linalg.solve: The solver failed because the input matrix is singular.");
        }
        final DMatrixRMaj x = lu.solve(columns(b));
        return Ops.record(result(like(b, x), b.shape.clone(), a, b), "LinalgSolveExBackward0", g -> {
            final DMatrixRMaj gx = b.shape.length == 1 ? DMatrixRMaj.wrap(n, 1, g.data.clone()) : g;
            final DMatrixRMaj gb = new Lu(transposed(a.data)).solve(gx);
            final DMatrixRMaj ga = scaled(-1, multTransB(gb, x));
            return new DMatrixRMaj[] {ga, b.shape.length == 1 ? DMatrixRMaj.wrap(1, n, gb.data) : gb};
        }, a, b);
    }

    // ------------------------------------------------------------------ Cholesky and triangular systems

    /**
     * {@code torch.linalg.cholesky(A, upper=False)}: L lower with A = L L^T from A's lower triangle (upper: U = L^T
     * from A's upper triangle); backward {@code sym(L^-T Phi(L^T G) L^-1)}, Phi the lower triangle with its diagonal
     * halved, sym(S) = (S + S^T) / 2 (for upper, G^T for G).
     *
     * @param a     a symmetric positive-definite matrix
     * @param upper whether to return U = L^T
     * @param who   the function's name for messages ({@code linalg.cholesky} or {@code cholesky})
     * @return L or U (recorded)
     * @throws PyException LinAlgError naming the order of the first leading minor that is not positive definite
     */
    public static Tensor cholesky(Tensor a, boolean upper, String who) {
        square(a, who);
        final int n = a.shape[0];
        final DMatrixRMaj src = upper ? transposed(a.data) : a.data;
        final DMatrixRMaj l = new DMatrixRMaj(n, n);
        for (int j = 0; j < n; j++) {
            double s = src.get(j, j);
            for (int k = 0; k < j; k++) {
                s -= l.get(j, k) * l.get(j, k);
            }
            if (!(s > 0)) {
                throw linAlg(who + ": The factorization could not be completed because the input is not "
                        + "positive-definite (the leading minor of order " + (j + 1) + " is not positive-definite).");
            }
            final double ljj = Math.sqrt(s);
            l.set(j, j, ljj);
            for (int i = j + 1; i < n; i++) {
                double t = src.get(i, j);
                for (int k = 0; k < j; k++) {
                    t -= l.get(i, k) * l.get(j, k);
                }
                l.set(i, j, t / ljj);
            }
        }
        return Ops.record(result(upper ? transposed(l) : l, a.shape.clone(), a), "LinalgCholeskyExBackward0", g -> {
            final DMatrixRMaj gl = upper ? transposed(g) : g;
            final DMatrixRMaj phi = multTransA(l, gl);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (j > i) {
                        phi.set(i, j, 0);
                    } else if (j == i) {
                        phi.set(i, i, phi.get(i, i) / 2);
                    }
                }
            }
            // S = L^-T Phi L^-1: solve L^T Y = Phi, then S L = Y (S^T = L^-T Y^T)
            final DMatrixRMaj y = triangular(transposed(l), phi, true, false);
            final DMatrixRMaj s = transposed(triangular(transposed(l), transposed(y), true, false));
            final DMatrixRMaj ga = plus(s, transposed(s));
            CommonOps_DDRM.scale(0.5, ga);
            return new DMatrixRMaj[] {ga};
        }, a);
    }

    /** @return X with A X = B, reading A's upper or lower triangle (its diagonal taken as 1 when unit) */
    private static DMatrixRMaj triangular(DMatrixRMaj a, DMatrixRMaj b, boolean upper, boolean unit) {
        final int n = a.numRows, k = b.numCols;
        final DMatrixRMaj x = b.copy();
        final double[] d = a.data, v = x.data;
        for (int c = 0; c < k; c++) {
            if (upper) {
                for (int i = n - 1; i >= 0; i--) {
                    double s = v[i * k + c];
                    for (int q = i + 1; q < n; q++) {
                        s -= d[i * n + q] * v[q * k + c];
                    }
                    v[i * k + c] = unit ? s : s / d[i * n + i];
                }
            } else {
                for (int i = 0; i < n; i++) {
                    double s = v[i * k + c];
                    for (int q = 0; q < i; q++) {
                        s -= d[i * n + q] * v[q * k + c];
                    }
                    v[i * k + c] = unit ? s : s / d[i * n + i];
                }
            }
        }
        return x;
    }

    /**
     * {@code torch.linalg.solve_triangular(A, B, upper=, left=True, unitriangular=)}: X with A X = B, A's other
     * triangle ignored; backward {@code dB = A^-T G}, {@code dA = -dB X^T} kept on A's triangle (strictly inside it
     * when unitriangular), as PyTorch's.
     *
     * @param a             a square matrix
     * @param b             a matrix with A's rows
     * @param upper         whether A is upper triangular
     * @param unitriangular whether A's diagonal is taken as ones
     * @return X (recorded)
     */
    public static Tensor solve_triangular(Tensor a, Tensor b, boolean upper, boolean unitriangular) {
        square(a, "linalg.solve_triangular");
        matrix(b, "linalg.solve_triangular");
        final int n = a.shape[0];
        if (b.shape[0] != n) {
            throw Errors.runtime("linalg.solve_triangular: Incompatible shapes of A and B for the equation AX = B ("
                    + n + "x" + n + " and " + b.shape[0] + "x" + b.shape[1] + ")");
        }
        final DMatrixRMaj x = triangular(a.data, b.data, upper, unitriangular);
        return Ops.record(result(x, b.shape.clone(), a, b), "LinalgSolveTriangularBackward0", g -> {
            final DMatrixRMaj gb = triangular(transposed(a.data), g, !upper, unitriangular);
            final DMatrixRMaj ga = scaled(-1, multTransB(gb, x));
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if ((upper ? j < i : j > i) || (unitriangular && i == j)) {
                        ga.set(i, j, 0);
                    }
                }
            }
            return new DMatrixRMaj[] {ga, gb};
        }, a, b);
    }

    /**
     * {@code torch.cholesky_solve(B, L, upper=False)}: X = (L L^T)^-1 B (upper: (U^T U)^-1 B) by two triangular
     * solves; backward {@code dB = (L L^T)^-1 G}, {@code dL = -(dB X^T + X dB^T) L} (upper: {@code dU = -U (...)}),
     * PyTorch's formulas (not restricted to the triangle).
     *
     * @param b     a matrix with L's rows
     * @param l     the Cholesky factor
     * @param upper whether it is the upper factor
     * @return X (recorded)
     */
    public static Tensor cholesky_solve(Tensor b, Tensor l, boolean upper) {
        square(l, "cholesky_solve");
        matrix(b, "cholesky_solve");
        final int n = l.shape[0];
        if (b.shape[0] != n) {
            throw Errors.runtime("cholesky_solve: Incompatible matrix sizes for cholesky_solve: each A matrix is " + n
                    + " by " + n + " but each b matrix is " + b.shape[0] + " by " + b.shape[1]);
        }
        final DMatrixRMaj lower = upper ? transposed(l.data) : l.data;
        final DMatrixRMaj x = choleskySolve(lower, b.data);
        return Ops.record(result(x, b.shape.clone(), b, l), "CholeskySolveBackward0", g -> {
            final DMatrixRMaj gb = choleskySolve(lower, g);
            final DMatrixRMaj common = plus(multTransB(gb, x), multTransB(x, gb));
            final DMatrixRMaj gl = scaled(-1, upper ? mult(l.data, common) : mult(common, l.data));
            return new DMatrixRMaj[] {gb, gl};
        }, b, l);
    }

    private static DMatrixRMaj choleskySolve(DMatrixRMaj lower, DMatrixRMaj b) {
        return triangular(transposed(lower), triangular(lower, b, false, false), true, false);
    }

    // ------------------------------------------------------------------ QR

    /**
     * {@code torch.linalg.qr(A, mode)}: Householder reflections H_k = I - tau v v^T as LAPACK's geqrf (each R_kk is
     * {@code -sign(a_kk)} times the norm of the column below, and no reflection where that column is already zero)
     * and orgqr for Q. Backward (mode 'reduced', or 'complete' with m &lt;= n), for m &gt;= n:
     * {@code (G_Q + Q copyltu(M)) R^-T}, {@code M = R G_R^T - G_Q^T Q}; for m &lt; n that formula on the first m
     * columns with {@code G_Q + A_2 G_R2^T} for G_Q, and {@code Q G_R2} for the other columns.
     *
     * @param a    a matrix m x n
     * @param mode 'reduced' (Q m x k, R k x n, k = min(m, n)), 'complete' (Q m x m, R m x n) or 'r' (R only)
     * @return {Q, R} (Q of shape (0) for mode 'r'); both recorded
     */
    public static Tensor[] qr(Tensor a, String mode) {
        if (!mode.equals("reduced") && !mode.equals("complete") && !mode.equals("r")) {
            throw Errors.runtime("qr received unrecognized mode '" + mode
                    + "' but expected one of 'reduced' (default), 'r', or 'complete'");
        }
        matrix(a, "linalg.qr");
        final int m = a.shape[0], n = a.shape[1], k = Math.min(m, n);
        final DMatrixRMaj r = a.data.copy();
        final double[] tau = new double[k];
        for (int j = 0; j < k; j++) {
            final double alpha = r.get(j, j);
            double xnorm = 0;
            for (int i = j + 1; i < m; i++) {
                xnorm = Math.hypot(xnorm, r.get(i, j));
            }
            if (xnorm == 0) {
                tau[j] = 0;
                continue;
            }
            final double beta = -Math.copySign(Math.hypot(alpha, xnorm), alpha);
            tau[j] = (beta - alpha) / beta;
            final double scale = 1 / (alpha - beta);
            for (int i = j + 1; i < m; i++) {
                r.set(i, j, r.get(i, j) * scale);
            }
            r.set(j, j, beta);
            for (int c = j + 1; c < n; c++) {
                double w = r.get(j, c);
                for (int i = j + 1; i < m; i++) {
                    w += r.get(i, j) * r.get(i, c);
                }
                w *= tau[j];
                r.set(j, c, r.get(j, c) - w);
                for (int i = j + 1; i < m; i++) {
                    r.set(i, c, r.get(i, c) - w * r.get(i, j));
                }
            }
        }
        final int qCols = mode.equals("complete") ? m : k;
        final DMatrixRMaj q = new DMatrixRMaj(m, qCols);
        for (int i = 0; i < qCols; i++) {
            q.set(i, i, 1);
        }
        for (int j = k - 1; j >= 0; j--) {
            if (tau[j] == 0) {
                continue;
            }
            for (int c = 0; c < qCols; c++) {
                double w = q.get(j, c);
                for (int i = j + 1; i < m; i++) {
                    w += r.get(i, j) * q.get(i, c);
                }
                w *= tau[j];
                q.set(j, c, q.get(j, c) - w);
                for (int i = j + 1; i < m; i++) {
                    q.set(i, c, q.get(i, c) - w * r.get(i, j));
                }
            }
        }
        final int rRows = mode.equals("complete") ? m : k;
        final DMatrixRMaj rr = new DMatrixRMaj(rRows, n);
        for (int i = 0; i < Math.min(rRows, k); i++) {
            for (int j = i; j < n; j++) {
                rr.set(i, j, r.get(i, j));
            }
        }
        final boolean differentiable = !mode.equals("r") && (mode.equals("reduced") || m <= n);
        final String refusal = mode.equals("r") ? "The derivative of linalg.qr depends on Q, which is not computed when "
                + "mode='r'. Please use linalg.qr(A, mode='reduced') if you are going to differentiate through linalg.qr."
                : "The QR decomposition is not differentiable when mode='complete' and nrows > ncols.";
        final Tensor qt = Ops.record(mode.equals("r") ? result(new DMatrixRMaj(1, 0), new int[] {0}, a)
                : result(q, new int[] {m, qCols}, a), "LinalgQrBackward0", g -> {
                    if (!differentiable) {
                        throw Errors.runtime(refusal);
                    }
                    return new DMatrixRMaj[] {qrBackward(a.data, q, rr, g, null)};
                }, a);
        final Tensor rt = Ops.record(result(rr, new int[] {rRows, n}, a), "LinalgQrBackward0", g -> {
            if (!differentiable) {
                throw Errors.runtime(refusal);
            }
            return new DMatrixRMaj[] {qrBackward(a.data, q, rr, null, g)};
        }, a);
        return new Tensor[] {qt, rt};
    }

    private static DMatrixRMaj qrBackward(DMatrixRMaj a, DMatrixRMaj q, DMatrixRMaj r, DMatrixRMaj gq, DMatrixRMaj gr) {
        final int m = a.numRows, n = a.numCols;
        final DMatrixRMaj gQ = gq == null ? new DMatrixRMaj(q.numRows, q.numCols) : gq;
        final DMatrixRMaj gR = gr == null ? new DMatrixRMaj(r.numRows, r.numCols) : gr;
        if (m >= n) {
            return qrSquareBackward(q, r, gQ, gR);
        }
        // A = Q [R1 R2]: X = A[:, :m] = Q R1, Y = A[:, m:], R2 = Q^T Y
        final DMatrixRMaj r1 = CommonOps_DDRM.extract(r, 0, m, 0, m);
        final DMatrixRMaj gR1 = CommonOps_DDRM.extract(gR, 0, m, 0, m);
        final DMatrixRMaj gR2 = CommonOps_DDRM.extract(gR, 0, m, m, n);
        final DMatrixRMaj y = CommonOps_DDRM.extract(a, 0, m, m, n);
        final DMatrixRMaj gX = qrSquareBackward(q, r1, plus(gQ, multTransB(y, gR2)), gR1);
        final DMatrixRMaj gY = mult(q, gR2);
        final DMatrixRMaj out = new DMatrixRMaj(m, n);
        CommonOps_DDRM.insert(gX, out, 0, 0);
        CommonOps_DDRM.insert(gY, out, 0, m);
        return out;
    }

    /** (G_Q + Q copyltu(M)) R^-T with M = R G_R^T - G_Q^T Q, for Q m x n and R n x n */
    private static DMatrixRMaj qrSquareBackward(DMatrixRMaj q, DMatrixRMaj r, DMatrixRMaj gq, DMatrixRMaj gr) {
        final int n = r.numRows;
        final DMatrixRMaj mm = minus(multTransB(r, gr), multTransA(gq, q));
        final DMatrixRMaj c = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                c.set(i, j, mm.get(i, j));
                c.set(j, i, mm.get(i, j));
            }
        }
        final DMatrixRMaj b = plus(gq, mult(q, c));
        // B R^-T: solve R Z = B^T (R upper), result Z^T
        return transposed(triangular(r, transposed(b), true, false));
    }

    // ------------------------------------------------------------------ SVD and symmetric eigendecomposition

    /** A = U diag(s) V^T with s descending (EJML's SVD, then sorted). */
    private static final class Svd {
        final DMatrixRMaj u;
        final DMatrixRMaj v;
        final double[] s;

        Svd(DMatrixRMaj a, boolean full) {
            final int m = a.numRows, n = a.numCols, k = Math.min(m, n);
            if (k == 0) {
                u = full ? CommonOps_DDRM.identity(m) : new DMatrixRMaj(m, 0);
                v = full ? CommonOps_DDRM.identity(n) : new DMatrixRMaj(n, 0);
                s = new double[0];
                return;
            }
            final SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(m, n, true, true, !full);
            if (!svd.decompose(a.copy())) {
                throw Errors.runtime("linalg.svd: The algorithm failed to converge because the input matrix contained "
                        + "non-finite values.");
            }
            final DMatrixRMaj uu = svd.getU(null, false), vv = svd.getV(null, false), w = svd.getW(null);
            SingularOps_DDRM.descendingOrder(uu, false, w, vv, false);
            u = uu;
            v = vv;
            s = new double[k];
            for (int i = 0; i < k; i++) {
                s[i] = w.get(i, i);
            }
        }
    }

    /**
     * {@code torch.linalg.svd(A, full_matrices)}: U, S (descending), Vh = V^T. Singular vectors are unique up to
     * sign only (LAPACK's and EJML's signs may differ). Backward: see the class comment; for full_matrices=True, as
     * PyTorch's, through the first k columns of U and rows of Vh only (the others are not determined by A).
     *
     * @param a    a matrix m x n
     * @param full whether U is m x m and Vh n x n (else m x k and k x n, k = min(m, n))
     * @return {U, S, Vh}, each recorded
     */
    public static Tensor[] svd(Tensor a, boolean full) {
        matrix(a, "linalg.svd");
        final int m = a.shape[0], n = a.shape[1], k = Math.min(m, n);
        final Svd svd = new Svd(a.data, full);
        // the reduced factors that the backward uses: the full ones' first k columns (as PyTorch, which narrows the
        // full factors and their gradients: the other columns are not determined by A)
        final DMatrixRMaj u = CommonOps_DDRM.extract(svd.u, 0, m, 0, k);
        final DMatrixRMaj v = CommonOps_DDRM.extract(svd.v, 0, n, 0, k);
        final double[] s = svd.s;
        final Tensor ut = Ops.record(result(svd.u, new int[] {svd.u.numRows, svd.u.numCols}, a), "LinalgSvdBackward0", g -> {
            return new DMatrixRMaj[] {svdBackward(u, s, v, CommonOps_DDRM.extract(g, 0, m, 0, k), null, null)};
        }, a);
        final Tensor st = Ops.record(result(DMatrixRMaj.wrap(1, k, s.clone()), new int[] {k}, a), "LinalgSvdBackward0",
                g -> new DMatrixRMaj[] {svdBackward(u, s, v, null, g.data, null)}, a);
        final Tensor vt = Ops.record(result(transposed(svd.v), new int[] {svd.v.numCols, svd.v.numRows}, a),
                "LinalgSvdBackward0", g -> {
                    return new DMatrixRMaj[] {svdBackward(u, s, v, null, null, transposed(CommonOps_DDRM.extract(g, 0, k, 0, n)))};
                }, a);
        return new Tensor[] {ut, st, vt};
    }

    /**
     * {@code torch.linalg.svdvals(A)}: the singular values, descending; backward {@code U diag(G) V^T}.
     *
     * @param a a matrix
     * @return the k = min(m, n) singular values (recorded)
     */
    public static Tensor svdvals(Tensor a) {
        matrix(a, "linalg.svdvals");
        return svd(a, false)[1];
    }

    /** The SVD backward of the class comment, for whichever of gU, gS, gV is given (the others null). */
    private static DMatrixRMaj svdBackward(DMatrixRMaj u, double[] s, DMatrixRMaj v, DMatrixRMaj gu, double[] gs,
            DMatrixRMaj gv) {
        final int m = u.numRows, n = v.numRows, k = s.length;
        final DMatrixRMaj inner = new DMatrixRMaj(k, k);
        if (gs != null) {
            for (int i = 0; i < k; i++) {
                inner.set(i, i, gs[i]);
            }
        }
        DMatrixRMaj extra = new DMatrixRMaj(m, n);
        if (gu != null) {
            final DMatrixRMaj x = multTransA(u, gu);
            for (int j = 0; j < k; j++) {
                for (int l = 0; l < k; l++) {
                    if (j != l) {
                        inner.add(j, l, (x.get(j, l) - x.get(l, j)) / (s[l] * s[l] - s[j] * s[j]) * s[l]);
                    }
                }
            }
            if (m > k) {   // (I - U U^T) gU S^-1 V^T
                final DMatrixRMaj p = minus(gu, mult(u, x));
                extra = plus(extra, multTransB(scaleColumns(p, s), v));
            }
        }
        if (gv != null) {
            final DMatrixRMaj x = multTransA(v, gv);
            for (int j = 0; j < k; j++) {
                for (int l = 0; l < k; l++) {
                    if (j != l) {
                        inner.add(j, l, s[j] * (x.get(j, l) - x.get(l, j)) / (s[l] * s[l] - s[j] * s[j]));
                    }
                }
            }
            if (n > k) {   // U S^-1 gV^T (I - V V^T)
                final DMatrixRMaj p = minus(gv, mult(v, x));
                extra = plus(extra, mult(scaleColumns(u, s), transposed(p)));
            }
        }
        return plus(multTransB(mult(u, inner), v), extra);
    }

    /** @return M with column j divided by s_j */
    private static DMatrixRMaj scaleColumns(DMatrixRMaj mat, double[] s) {
        final DMatrixRMaj c = mat.copy();
        for (int i = 0; i < c.numRows; i++) {
            for (int j = 0; j < c.numCols; j++) {
                c.set(i, j, c.get(i, j) / s[j]);
            }
        }
        return c;
    }

    /**
     * {@code torch.linalg.eigh(A, UPLO)}: eigenvalues ascending and orthonormal eigenvectors (columns) of the
     * symmetric matrix that A's lower (or upper) triangle defines; each vector is unique up to sign for distinct
     * eigenvalues. Backward {@code V [diag(G_L) + ((V^T G_V - G_V^T V) / 2) / E] V^T}, {@code E_ij = l_j - l_i}.
     *
     * @param a       a square matrix
     * @param upper   whether to read A's upper triangle (UPLO='U')
     * @param vectors whether the eigenvectors are wanted (eigvalsh: not)
     * @param who     the function's name for messages
     * @return {eigenvalues, eigenvectors} (eigenvectors null when not wanted), each recorded
     */
    public static Tensor[] eigh(Tensor a, boolean upper, boolean vectors, String who) {
        square(a, who);
        final int n = a.shape[0];
        final DMatrixRMaj sym = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                final double x = upper ? a.data.get(j, i) : a.data.get(i, j);
                sym.set(i, j, x);
                sym.set(j, i, x);
            }
        }
        final double[] l = new double[n];
        final DMatrixRMaj v = new DMatrixRMaj(n, n);
        if (n > 0) {
            final EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
            if (!eig.decompose(sym.copy())) {
                throw linAlg(who + ": The algorithm failed to converge because the input matrix is ill-conditioned or "
                        + "has too many repeated eigenvalues (error code: 1).");
            }
            final Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (x, y) -> Double.compare(eig.getEigenvalue(x).real, eig.getEigenvalue(y).real));
            for (int c = 0; c < n; c++) {
                l[c] = eig.getEigenvalue(order[c]).real;
                final DMatrixRMaj col = eig.getEigenVector(order[c]);
                double len = 0;
                for (int i = 0; i < n; i++) {
                    len = Math.hypot(len, col.get(i));
                }
                for (int i = 0; i < n; i++) {
                    v.set(i, c, col.get(i) / len);
                }
            }
        }
        final Tensor lt = Ops.record(result(DMatrixRMaj.wrap(1, n, l.clone()), new int[] {n}, a), "LinalgEighBackward0",
                g -> new DMatrixRMaj[] {eighBackward(l, v, g.data, null)}, a);
        final Tensor vt = !vectors ? null : Ops.record(result(v, new int[] {n, n}, a), "LinalgEighBackward0",
                g -> new DMatrixRMaj[] {eighBackward(l, v, null, g)}, a);
        return new Tensor[] {lt, vt};
    }

    private static DMatrixRMaj eighBackward(double[] l, DMatrixRMaj v, double[] gl, DMatrixRMaj gv) {
        final int n = l.length;
        final DMatrixRMaj inner = new DMatrixRMaj(n, n);
        if (gl != null) {
            for (int i = 0; i < n; i++) {
                inner.set(i, i, gl[i]);
            }
        }
        if (gv != null) {
            final DMatrixRMaj x = multTransA(v, gv);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (i != j) {
                        inner.set(i, j, (x.get(i, j) - x.get(j, i)) / 2 / (l[j] - l[i]));
                    }
                }
            }
        }
        return multTransB(mult(v, inner), v);
    }

    // ------------------------------------------------------------------ pseudo-inverse

    /**
     * {@code torch.linalg.pinv(A, atol=, rtol=)}: {@code V diag(1 / s_i) U^T} over the singular values
     * {@code s_i > max(atol, rtol s_max)}; backward (constant rank)
     * {@code -A+^T G A+^T + (I - A A+) G^T A+ A+^T + A+^T A+ G^T (I - A+ A)}.
     *
     * @param a    a matrix m x n
     * @param atol the absolute tolerance
     * @param rtol the tolerance relative to the largest singular value
     * @return A+, n x m (recorded)
     */
    public static Tensor pinv(Tensor a, double atol, double rtol) {
        matrix(a, "linalg.pinv");
        final int m = a.shape[0], n = a.shape[1], k = Math.min(m, n);
        final Svd svd = new Svd(a.data, false);
        final double tol = Math.max(atol, rtol * (k == 0 ? 0 : svd.s[0]));
        final DMatrixRMaj d = new DMatrixRMaj(k, k);
        for (int i = 0; i < k; i++) {
            d.set(i, i, svd.s[i] > tol ? 1 / svd.s[i] : 0);
        }
        final DMatrixRMaj p = multTransB(mult(svd.v, d), svd.u);
        return Ops.record(result(p, new int[] {n, m}, a), "LinalgPinvBackward0", g -> {
            final DMatrixRMaj gt = transposed(g);
            final DMatrixRMaj first = scaled(-1, multTransB(multTransA(p, g), p));
            final DMatrixRMaj left = minus(CommonOps_DDRM.identity(m), mult(a.data, p));
            final DMatrixRMaj second = mult(mult(left, gt), multTransB(p, p));
            final DMatrixRMaj right = minus(CommonOps_DDRM.identity(n), mult(p, a.data));
            final DMatrixRMaj third = mult(multTransA(p, p), mult(gt, right));
            return new DMatrixRMaj[] {plus(plus(first, second), third)};
        }, a);
    }
}

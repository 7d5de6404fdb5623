package neuralglm.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The blocked products against the plain triple loop written here (same summation order, so the
 * results must agree to the last bit), on shapes that exercise every block and remainder path; and
 * the plain-Java row-array and column kernels (vectorised by C2) and the Vector API kernels against the
 * same loop, bit for bit (the suite runs with the module).
 */
class GemmTest {

    /** {@code t[k][i] = a[i][k]} for the n x c row-major a, columns 3 entries longer than n (filled with NaN). */
    private static double[][] columns(double[] a, int n, int c) {
        final double[][] t = new double[c][n + 3];
        for (int k = 0; k < c; k++) {
            java.util.Arrays.fill(t[k], Double.NaN);
            for (int i = 0; i < n; i++) {
                t[k][i] = a[i * c + k];
            }
        }
        return t;
    }

    /** The n x c row-major matrix of the columns t. */
    private static double[] rows(double[][] t, int n, int c) {
        final double[] a = new double[n * c];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < c; k++) {
                a[i * c + k] = t[k][i];
            }
        }
        return a;
    }

    private static double[] gauss(Random rng, int len) {
        final double[] v = new double[len];
        for (int i = 0; i < len; i++) {
            v[i] = rng.nextGaussian();
        }
        return v;
    }

    @ParameterizedTest
    @CsvSource({"1,1,1", "3,2,5", "4,4,4", "7,13,5", "400,1,30", "400,30,20", "400,20,1", "400,20,2", "37,64,64", "9,30,13", "5,1,1", "13,3,3", "19,44,7", "400,30,3", "6,530,9", "21,6,18", "2,8,8", "3,9,8", "5,17,11", "33,7,9", "1,12,10", "10,1,9", "256,20,64", "37,64,63", "1000,3,7", "300,1,9", "64,2,5", "50,9,3", "2000,70,4"})
    void productsEqualTheTripleLoopBitForBit(int n, int in, int out) {
        final Random rng = new Random(n * 1000 + in * 10 + out);
        final double[] x = gauss(rng, n * in), w = gauss(rng, out * in), b = gauss(rng, out), dy = gauss(rng, n * out);
        final double[] wT = new double[in * out];
        for (int o = 0; o < out; o++) {
            for (int k = 0; k < in; k++) {
                wT[k * out + o] = w[o * in + k];
            }
        }
        final double[] dw0 = gauss(rng, out * in), db0 = gauss(rng, out);

        // references: y = b + x w^T, dW = dW0 + dY^T X, db = db0 + colsum dY, dX = dY W (ascending sums)
        final double[] yRef = new double[n * out], dxRef = new double[n * in], dwRef = dw0.clone(), dbRef = db0.clone();
        for (int i = 0; i < n; i++) {
            for (int o = 0; o < out; o++) {
                double s = b[o];
                for (int k = 0; k < in; k++) {
                    s = Math.fma(x[i * in + k], w[o * in + k], s);
                }
                yRef[i * out + o] = s;
            }
            for (int k = 0; k < in; k++) {
                double s = 0;
                for (int o = 0; o < out; o++) {
                    s = Math.fma(dy[i * out + o], w[o * in + k], s);
                }
                dxRef[i * in + k] = s;
            }
        }
        for (int o = 0; o < out; o++) {
            for (int k = 0; k < in; k++) {
                double s = dwRef[o * in + k];
                for (int i = 0; i < n; i++) {
                    s = Math.fma(dy[i * out + o], x[i * in + k], s);
                }
                dwRef[o * in + k] = s;
            }
            for (int i = 0; i < n; i++) {
                dbRef[o] += dy[i * out + o];
            }
        }

        final double[] y = new double[n * out], dx = new double[n * in], dw = dw0.clone(), db = db0.clone();
        Gemm.abt(x, n, in, w, out, b, y);
        Gemm.abt(dy, n, out, wT, in, null, dx);
        Gemm.atb(dy, n, out, x, in, dw, db);
        assertArrayEquals(yRef, y, 0.0, "scalar forward");
        assertArrayEquals(dxRef, dx, 0.0, "scalar input gradient");
        assertArrayEquals(dwRef, dw, 0.0, "scalar weight gradient");
        assertArrayEquals(dbRef, db, 0.0, "scalar bias gradient");

        final double[] ry = new double[n * out], rty = new double[n * out], rdx = new double[n * in], rdw = dw0.clone(), rdb = db0.clone();
        RowGemm.axb(x, n, in, wT, out, b, ry);
        RowGemm.abt(x, n, in, w, out, b, rty);
        RowGemm.axb(dy, n, out, w, in, null, rdx);
        RowGemm.atb(dy, n, out, x, in, rdw, rdb);
        assertArrayEquals(yRef, ry, 0.0, "row-array forward");
        assertArrayEquals(yRef, rty, 0.0, "row-array forward from W");
        assertArrayEquals(dxRef, rdx, 0.0, "row-array input gradient");
        assertArrayEquals(dwRef, rdw, 0.0, "row-array weight gradient");
        assertArrayEquals(dbRef, rdb, 0.0, "row-array bias gradient");

        // the batch stored by columns (arrays longer than n, as the column pass's buffers may be)
        final double[][] xT = columns(x, n, in), dyT = columns(dy, n, out), cy = new double[out][n + 3], cdx = new double[in][n + 3];
        final double[] cdw = dw0.clone(), cdb = db0.clone();
        ColumnKernels.affine(xT, n, in, w, out, b, cy);
        ColumnKernels.inputGrad(dyT, n, out, w, in, cdx);
        ColumnKernels.affineGrad(dyT, n, out, xT, in, cdw, cdb);
        assertArrayEquals(yRef, rows(cy, n, out), 0.0, "column forward");
        assertArrayEquals(dxRef, rows(cdx, n, in), 0.0, "column input gradient");
        assertArrayEquals(dwRef, cdw, 0.0, "column weight gradient");
        assertArrayEquals(dbRef, cdb, 0.0, "column bias gradient");

        assertTrue(Kernels.vectorised(), "the suite runs with --add-modules jdk.incubator.vector");
        final double[] vy = new double[n * out], vdx = new double[n * in], vdw = dw0.clone(), vdb = db0.clone();
        VectorGemm.axb(x, n, in, wT, out, b, vy);
        VectorGemm.axb(dy, n, out, w, in, null, vdx);
        VectorGemm.atb(dy, n, out, x, in, vdw, vdb);
        assertArrayEquals(yRef, vy, 0.0, "vector forward");
        assertArrayEquals(dxRef, vdx, 0.0, "vector input gradient");
        assertArrayEquals(dwRef, vdw, 0.0, "vector weight gradient");
        assertArrayEquals(dbRef, vdb, 0.0, "vector bias gradient");
    }

    /** ReLU and its backward step, plain and vector kernels, on the values where branch-free forms could slip. */
    @org.junit.jupiter.api.Test
    void reluKernelsOnSpecialValues() {
        final double[] x = {1.5, -1.5, 0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, 1e-310, Double.MAX_VALUE,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 3, -2, 0.5, -0.25, 7, 1e300};
        final int n = x.length;
        final double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = (i % 3 == 0 ? -1 : 1) * (0.5 + i);
        }
        final double[] y = new double[n], dx = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = Double.isNaN(x[i]) ? Double.NaN : x[i] > 0 ? x[i] : 0.0;
            dx[i] = Double.isNaN(x[i]) ? Double.NaN : x[i] > 0 ? g[i] : g[i] * 0.0;
        }
        final double[] py = new double[n], pdx = new double[n], vy = new double[n], vdx = new double[n];
        Kernels.reluPlain(x, py, n);
        Kernels.reluGradPlain(g, x, pdx, n);
        final double[] odx = new double[n];
        Kernels.reluGradFromOutputPlain(g, y, odx, n);
        VectorElementwise.relu(x, vy, n);
        VectorElementwise.reluGrad(g, x, vdx, n);
        for (int i = 0; i < n; i++) {
            final String at = "x = " + x[i];
            org.junit.jupiter.api.Assertions.assertEquals(Double.doubleToLongBits(y[i]), Double.doubleToLongBits(py[i]), "plain relu " + at);
            org.junit.jupiter.api.Assertions.assertEquals(Double.doubleToLongBits(y[i]), Double.doubleToLongBits(vy[i]), "vector relu " + at);
            org.junit.jupiter.api.Assertions.assertEquals(Double.doubleToLongBits(dx[i]), Double.doubleToLongBits(pdx[i]), "plain relu grad " + at);
            org.junit.jupiter.api.Assertions.assertEquals(Double.doubleToLongBits(dx[i]), Double.doubleToLongBits(vdx[i]), "vector relu grad " + at);
            org.junit.jupiter.api.Assertions.assertEquals(Double.doubleToLongBits(dx[i]), Double.doubleToLongBits(odx[i]), "relu grad from the output " + at);
        }
    }
}

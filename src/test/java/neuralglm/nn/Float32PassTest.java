package neuralglm.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import neuralglm.linalg.ColumnKernels;
import neuralglm.linalg.FloatColumnKernels;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The float32 training pass ({@link Precision#FLOAT32}: {@link ColumnPass#forwardFloat}, {@link FloatColumnKernels})
 * against the float64 pass of the same network: eta, dL/dx and every parameter gradient agree within float
 * rounding (relative to the size of the sums, {@code sum |terms|}); the parameter gradients also against
 * central differences of the double loss {@code S = sum(R .* net(x))}. The kernels alone against
 * {@link ColumnKernels} on every path (narrow, wide along either side, batches past the float flush, odd sizes). A
 * pass whose buffers grew for a larger batch gives the same bits as a fresh one.
 */
class Float32PassTest {

    private static DMatrixRMaj gauss(Random rng, int rows, int cols) {
        final DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = rng.nextGaussian();
        }
        return m;
    }

    private static int[] hidden(String s) {
        return s.equals("none") ? new int[0] : java.util.Arrays.stream(s.split(";")).mapToInt(Integer::parseInt).toArray();
    }

    /** max_i |a_i - b_i| / max_i |b_i|. */
    private static double relative(double[] a, double[] b, int len) {
        double d = 0, s = 0;
        for (int i = 0; i < len; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
            s = Math.max(s, Math.abs(b[i]));
        }
        return d / Math.max(s, 1e-300);
    }

    @ParameterizedTest
    @CsvSource({"ReLU,1,30;20,1,400", "ReLU,1,30;20,2,400", "ReLU,20,64;64,1,256", "ReLU,20,128,1,300", "Tanh,3,7,3,37",
        "Softplus,4,5;9,2,1000", "ELU,5,9;4,2,16", "ReLU,7,none,2,33", "Sigmoid,12,40,5,70"})
    void float32GradientsAgreeWithFloat64(String act, int in, String h, int out, int n) {
        final Sequential net = Sequential.mlp(in, hidden(h), () -> Activation.byName(act), out, new Random(11));
        final Random rng = new Random(n + 17L * in);
        final DMatrixRMaj x = gauss(rng, n, in), dEta = gauss(rng, n, out);
        final Sequential a = net.copy(), b = net.copy();
        final DMatrixRMaj eta64 = a.forward(x, Precision.FLOAT64).copy();
        final DMatrixRMaj dx64 = a.backward(dEta, true).copy();
        final DMatrixRMaj eta32 = b.forward(x, Precision.FLOAT32).copy();
        assertTrue(b.lastForwardUsedColumns(), "float32 runs the column pass up to " + ColumnPass.MAX_WIDTH_FLOAT + " wide");
        final DMatrixRMaj dx32 = b.backward(dEta, true).copy();
        final double tol = 1e-5;
        assertTrue(relative(eta32.data, eta64.data, n * out) < tol, "eta: " + relative(eta32.data, eta64.data, n * out));
        assertTrue(relative(dx32.data, dx64.data, n * in) < tol, "dL/dx: " + relative(dx32.data, dx64.data, n * in));
        final List<Parameter> pa = a.parameters(), pb = b.parameters();
        for (int p = 0; p < pa.size(); p++) {
            final double[] g64 = pa.get(p).grad().data, g32 = pb.get(p).grad().data;
            final double r = relative(g32, g64, g64.length);
            assertTrue(r < tol, pa.get(p).name() + " gradient differs by " + r);
        }
        // the float32 pass neither changed the double parameters nor kept float state between calls wrongly:
        // a second pass on another batch size through the same buffers agrees as well
        final DMatrixRMaj x2 = gauss(rng, n + 3, in);
        final double r2 = relative(b.forward(x2, Precision.FLOAT32).copy().data, a.forward(x2, Precision.FLOAT64).data, (n + 3) * out);
        assertTrue(r2 < tol, "second batch eta: " + r2);
        // and the backward pass on the grown buffers: the same bits as a fresh network's float pass on that batch
        final DMatrixRMaj dEta2 = gauss(rng, n + 3, out);
        final Sequential fresh = net.copy();
        fresh.forward(x2, Precision.FLOAT32);
        b.zeroGrad();
        final double[] dx2 = b.backward(dEta2, true).copy().data, dxFresh = fresh.backward(dEta2, true).data;
        for (int i = 0; i < dxFresh.length; i++) {
            assertEquals(Double.doubleToLongBits(dxFresh[i]), Double.doubleToLongBits(dx2[i]), "second batch dL/dx " + i);
        }
        final List<Parameter> pf = fresh.parameters();
        for (int p = 0; p < pf.size(); p++) {
            final double[] gf = pf.get(p).grad().data, g2 = pb.get(p).grad().data;
            for (int i = 0; i < gf.length; i++) {
                assertEquals(Double.doubleToLongBits(gf[i]), Double.doubleToLongBits(g2[i]), "second batch " + pf.get(p).name() + " gradient " + i);
            }
        }
    }

    /**
     * Dead ReLU units (left out of the float products as of the double ones): the float32 pass agrees with the float64
     * pass within float rounding, and the dead units' rows of the weight and bias gradients are exactly 0 in both.
     */
    @ParameterizedTest
    @CsvSource({"1,30;20,1,400,0;3;7;29,1;2", "3,12;9,2,64,all,none", "3,12;9,2,64,2,all", "20,64;64,1,256,5;6,0;63"})
    void deadReluUnitsAgreeWithFloat64(int in, String hidden, int out, int n, String dead1, String dead2) {
        final int[] h = java.util.Arrays.stream(hidden.split(";")).mapToInt(Integer::parseInt).toArray();
        final Sequential net = Sequential.mlp(in, h, () -> Activation.byName("ReLU"), out, new Random(3));
        ColumnPassTest.kill(net, 0, dead1, h[0]);
        ColumnPassTest.kill(net, 1, dead2, h[1]);
        final Random rng = new Random(n);
        final DMatrixRMaj x = gauss(rng, n, in), dEta = gauss(rng, n, out);
        final Sequential a = net.copy(), b = net.copy();
        final DMatrixRMaj eta64 = a.forward(x, Precision.FLOAT64).copy(), dx64 = a.backward(dEta, true).copy();
        final DMatrixRMaj eta32 = b.forward(x, Precision.FLOAT32).copy(), dx32 = b.backward(dEta, true).copy();
        assertTrue(relative(eta32.data, eta64.data, n * out) < 1e-5, "eta");
        assertTrue(relative(dx32.data, dx64.data, n * in) < 1e-5, "dL/dx");
        final List<Parameter> pa = a.parameters(), pb = b.parameters();
        for (int p = 0; p < pa.size(); p++) {
            final double[] g64 = pa.get(p).grad().data, g32 = pb.get(p).grad().data;
            assertTrue(relative(g32, g64, g64.length) < 1e-5, pa.get(p).name() + " gradient");
        }
        final double[] db1 = pb.get(1).grad().data; // the first hidden layer's bias gradient: 0 for its dead units
        for (int j = 0; j < h[0]; j++) {
            if (dead1.equals("all") || java.util.Arrays.asList(dead1.split(";")).contains(String.valueOf(j))) {
                assertEquals(0.0, db1[j], "dead unit " + j);
            }
        }
    }

    /** dS/dtheta of {@code S = sum(R .* net(x))} from the float32 pass against central differences of S in double. */
    @ParameterizedTest
    @CsvSource({"Tanh,2,6;5,2,40", "Softplus,3,8,1,64", "ReLU,1,30;20,1,100"})
    void float32GradientsMatchFiniteDifferences(String act, int in, String h, int out, int n) {
        final Sequential net = Sequential.mlp(in, hidden(h), () -> Activation.byName(act), out, new Random(3));
        final Random rng = new Random(5);
        final DMatrixRMaj x = gauss(rng, n, in), r = gauss(rng, n, out);
        net.zeroGrad();
        net.forward(x, Precision.FLOAT32);
        assertNull(net.backward(r, false));
        final double eps = 1e-6;
        for (Parameter p : net.parameters()) {
            final double[] v = p.value().data, g = p.grad().data;
            double worst = 0, scale = 0;
            for (int i = 0; i < v.length; i++) {
                final double keep = v[i];
                v[i] = keep + eps;
                final double up = dot(net.predict(x), r);
                v[i] = keep - eps;
                final double down = dot(net.predict(x), r);
                v[i] = keep;
                final double fd = (up - down) / (2 * eps);
                worst = Math.max(worst, Math.abs(fd - g[i]));
                scale = Math.max(scale, Math.abs(fd));
            }
            assertTrue(worst <= 1e-4 * Math.max(1, scale), p.name() + ": float32 gradient vs central differences, " + worst
                    + " (largest " + scale + ")");
        }
    }

    private static double dot(DMatrixRMaj a, DMatrixRMaj b) {
        double s = 0;
        for (int i = 0; i < a.getNumElements(); i++) {
            s += a.data[i] * b.data[i];
        }
        return s;
    }

    /** A float overflow or NaN in the float32 pass reaches eta (so that training's divergence checks see it). */
    @Test
    void overflowAndNaNReachEta() {
        final Sequential net = Sequential.mlp(2, new int[] {8}, Activation.ReLU::new, 1, new Random(1));
        final DMatrixRMaj x = gauss(new Random(2), 32, 2);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = Math.abs(x.data[i]) * 1e30; // finite in double, past Float.MAX_VALUE after two layers
        }
        for (Parameter p : net.parameters()) {
            java.util.Arrays.fill(p.value().data, 1e10);
        }
        final DMatrixRMaj eta = net.forward(x, Precision.FLOAT32);
        assertTrue(net.lastForwardUsedColumns());
        assertTrue(Double.isInfinite(eta.data[0]), "float overflow: " + eta.data[0]);
        x.data[0] = Double.NaN;
        assertTrue(Double.isNaN(net.forward(x, Precision.FLOAT32).data[0]));
    }

    /** Wider than {@link ColumnPass#MAX_WIDTH}: float64 stays row-major, float32 takes the column pass; wider still, both row-major. */
    @Test
    void widthLimitsPerPrecision() {
        final DMatrixRMaj x = gauss(new Random(4), 64, 3);
        final Sequential mid = Sequential.mlp(3, new int[] {64}, Activation.ReLU::new, 1, new Random(1));
        mid.forward(x, Precision.FLOAT64);
        assertFalse(mid.lastForwardUsedColumns());
        mid.forward(x, Precision.FLOAT32);
        assertTrue(mid.lastForwardUsedColumns());
        final Sequential wide = Sequential.mlp(3, new int[] {ColumnPass.MAX_WIDTH_FLOAT + 1}, Activation.ReLU::new, 1, new Random(1));
        wide.forward(x, Precision.FLOAT32);
        assertFalse(wide.lastForwardUsedColumns(), "wider layers train row-major in double");
        assertEquals(Precision.FLOAT32, Precision.byName(" Float32 "));
        assertEquals("float64", Precision.FLOAT64.toString());
    }

    /** The float kernels against the double column kernels (on the floats' values) on every path. */
    @ParameterizedTest
    @CsvSource({"400,1,30", "400,30,20", "400,20,1", "400,20,2", "257,20,64", "256,64,64", "1003,64,1", "37,3,7", "600,9,4", "5,8,8"})
    void floatKernelsAgreeWithDoubleKernels(int n, int p, int m) {
        final Random rng = new Random(n * 7L + p * 3L + m);
        final float[][] xF = new float[p][n], dyF = new float[m][n];
        final float[] wF = new float[m * p], bF = new float[m];
        fill(rng, xF);
        fill(rng, dyF);
        fill(rng, new float[][] {wF, bF});
        final double[][] x = doubles(xF), dy = doubles(dyF);
        final double[] w = doubles(new float[][] {wF})[0], b = doubles(new float[][] {bF})[0];
        final double[][] y = new double[m][n], dx = new double[p][n];
        final float[][] yF = new float[m][n], dxF = new float[p][n];
        ColumnKernels.affine(x, n, p, w, m, b, y);
        FloatColumnKernels.affine(xF, n, p, wF, m, bF, yF);
        ColumnKernels.inputGrad(dy, n, m, w, p, dx);
        FloatColumnKernels.inputGrad(dyF, n, m, wF, p, dxF);
        final double[] dW = new double[m * p], db = new double[m], dWF = new double[m * p], dbF = new double[m];
        dW[0] = dWF[0] = 0.5; // accumulates
        ColumnKernels.affineGrad(dy, n, m, x, p, dW, db);
        FloatColumnKernels.affineGrad(dyF, n, m, xF, p, dWF, dbF);
        final double tol = 4e-7; // relative to the sum of |terms|: a few float roundings
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < n; i++) {
                assertEquals(y[j][i], yF[j][i], tol * (p + 1) * 4, "affine");
            }
        }
        for (int k = 0; k < p; k++) {
            for (int i = 0; i < n; i++) {
                assertEquals(dx[k][i], dxF[k][i], tol * m * 4, "inputGrad");
            }
        }
        for (int e = 0; e < m * p; e++) {
            assertEquals(dW[e], dWF[e], tol * n * 4, "dW");
        }
        for (int j = 0; j < m; j++) {
            assertEquals(db[j], dbF[j], tol * n * 4, "db");
        }
        // without a bias gradient
        final double[] dW2 = new double[m * p];
        FloatColumnKernels.affineGrad(dyF, n, m, xF, p, dW2, null);
        for (int e = 1; e < m * p; e++) {
            assertEquals(dWF[e], dW2[e], tol * n * 4, "dW without db");
        }
    }

    /**
     * The float forward and input-gradient products, plain and with the ReLU fused in, against the documented
     * arithmetic written out here: each entry a chain of float fused multiply-adds in ascending order of the inner
     * index (from the bias, or 0), then max(., 0), or times [y > 0] (y: the ReLU's outputs, zeros and a subnormal
     * among them); bit for bit, for inner sizes 1 to 14 (every grouping of the terms into passes), from 32 on (three sums per pass, each
     * count of outputs left over) and blocks.
     */
    @ParameterizedTest
    @CsvSource({"1,3", "2,5", "3,1", "4,2", "5,7", "6,3", "7,4", "8,9", "9,2", "10,11", "11,1", "12,6", "13,13", "14,30", "30,20",
        "32,3", "35,4", "64,64", "4,32", "2,37", "33,34"})
    void fusedReluKernelsAreTheChainsOfFusedMultiplyAdds(int p, int m) {
        final Random rng = new Random(31L * p + m);
        for (int n : new int[] {1, 37, 1100}) {
            final float[][] x = new float[p][n], dy = new float[m][n], relu = new float[p][n];
            final float[] w = new float[m * p], b = new float[m];
            fill(rng, x);
            fill(rng, dy);
            fill(rng, new float[][] {w, b});
            for (float[] c : relu) {
                for (int i = 0; i < n; i++) {
                    final int kind = rng.nextInt(4);
                    c[i] = kind == 0 ? 0f : kind == 1 ? Float.MIN_VALUE : rng.nextFloat();
                }
            }
            final float[][] y = new float[m][n], yRelu = new float[m][n], dx = new float[p][n], dxRelu = new float[p][n];
            FloatColumnKernels.affine(x, n, p, w, m, b, y);
            FloatColumnKernels.affineRelu(x, n, p, w, m, b, yRelu);
            FloatColumnKernels.inputGrad(dy, n, m, w, p, dx);
            FloatColumnKernels.inputGradRelu(dy, n, m, w, p, relu, dxRelu);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    float s = b[j];
                    for (int k = 0; k < p; k++) {
                        s = Math.fma(w[j * p + k], x[k][i], s);
                    }
                    assertEquals(Float.floatToIntBits(s), Float.floatToIntBits(y[j][i]), "affine " + j + "," + i);
                    assertEquals(Float.floatToIntBits(Math.max(s, 0f)), Float.floatToIntBits(yRelu[j][i]), "affineRelu " + j + "," + i);
                }
                for (int k = 0; k < p; k++) {
                    float s = 0f;
                    for (int j = 0; j < m; j++) {
                        s = Math.fma(w[j * p + k], dy[j][i], s);
                    }
                    assertEquals(Float.floatToIntBits(s), Float.floatToIntBits(dx[k][i]), "inputGrad " + k + "," + i);
                    final float masked = relu[k][i] > 0 ? s : s * 0f;
                    assertEquals(Float.floatToIntBits(masked), Float.floatToIntBits(dxRelu[k][i]), "inputGradRelu " + k + "," + i);
                }
            }
        }
    }

    private static void fill(Random rng, float[][] a) {
        for (float[] r : a) {
            for (int i = 0; i < r.length; i++) {
                r[i] = (float) (rng.nextDouble() * 2 - 1); // |terms| <= 1: the sums' scale is their count
            }
        }
    }

    private static double[][] doubles(float[][] a) {
        final double[][] d = new double[a.length][];
        for (int r = 0; r < a.length; r++) {
            d[r] = new double[a[r].length];
            for (int i = 0; i < d[r].length; i++) {
                d[r][i] = a[r][i];
            }
        }
        return d;
    }
}

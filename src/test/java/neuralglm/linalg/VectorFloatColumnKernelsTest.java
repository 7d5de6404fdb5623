package neuralglm.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link VectorFloatColumnKernels} (the Vector API's register-held sums) and {@link FloatColumnKernels}' own loops,
 * each against the float chains written out here (every sum from its start, its terms in ascending order, one
 * {@link Math#fma} each; the weight gradient's sums in float per 256 examples, added in double): every bit of every
 * entry, signs of zeros included. Shapes that take the four-output blocks, single outputs, 64 and 16 examples at a time
 * and the scalar examples after them; outputs and inputs on either side of the weight gradient's two forms; inputs
 * with zeros (the terms the outer products leave out), a -0 start, NaN and infinite inputs.
 */
class VectorFloatColumnKernelsTest {

    @ParameterizedTest
    @CsvSource({"300,64,64", "256,20,64", "81,64,1", "15,65,7", "64,3,130", "100,49,5", "33,1,64", "600,64,65",
            "17,128,128"})
    void forwardAndInputGradientEqualTheChainsToTheBit(int n, int p, int m) {
        assumeTrue(Kernels.vectorised(), "the Vector API module is not loaded");
        final Random rng = new Random(1000L * n + 31L * p + m);
        final float[][] x = columns(rng, p, n), dy = columns(rng, m, n), y = columns(rng, p, n);
        final float[] w = row(rng, m * p), b = row(rng, m);
        b[m - 1] = -0f;
        if (n > 70) {
            x[0][66] = Float.NaN;
            x[p - 1][69] = Float.POSITIVE_INFINITY;
            y[0][67] = Float.NaN;
        }
        for (int epilogue : new int[] {FloatColumnKernels.NONE, FloatColumnKernels.RELU}) {
            final float[][] expected = new float[m][n];
            for (int j = 0; j < m; j++) {
                for (int i = 0; i < n; i++) {
                    float s = b[j];
                    for (int k = 0; k < p; k++) {
                        s = Math.fma(w[j * p + k], x[k][i], s);
                    }
                    expected[j][i] = epilogue == FloatColumnKernels.RELU ? Math.max(s, 0f) : s;
                }
            }
            for (boolean vectors : new boolean[] {false, true}) {
                final float[][] out = new float[m][n + 3];
                FloatColumnKernels.affine(x, n, p, w, m, b, out, epilogue, vectors);
                assertBits(expected, out, m, n, "affine, epilogue " + epilogue + ", vectors " + vectors);
            }
        }
        for (boolean masked : new boolean[] {false, true}) {
            final float[][] expected = new float[p][n];
            for (int k = 0; k < p; k++) {
                for (int i = 0; i < n; i++) {
                    float s = 0f;
                    for (int j = 0; j < m; j++) {
                        s = Math.fma(w[j * p + k], dy[j][i], s);
                    }
                    expected[k][i] = masked ? s * Math.min(y[k][i] * 0x1p127f * 0x1p127f, 1f) : s;
                }
            }
            for (boolean vectors : new boolean[] {false, true}) {
                final float[][] out = new float[p][n + 1];
                FloatColumnKernels.inputGrad(dy, n, m, w, p, masked ? y : null, out, vectors);
                assertBits(expected, out, p, n, "inputGrad, masked " + masked + ", vectors " + vectors);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"300,64,64", "256,20,64", "600,64,1", "100,7,64", "81,65,9", "520,30,100", "40,128,128", "20,64,50"})
    void weightGradientEqualsTheBlockSumsToTheBit(int n, int p, int m) {
        assumeTrue(Kernels.vectorised(), "the Vector API module is not loaded");
        final Random rng = new Random(77L * n + 13L * p + m);
        final float[][] x = columns(rng, p, n), dy = columns(rng, m, n);
        final double[] dW0 = new double[m * p], db0 = new double[m];
        for (int e = 0; e < dW0.length; e++) {
            dW0[e] = rng.nextGaussian();
        }
        final double[] expectedW = dW0.clone(), expectedB = db0.clone();
        for (int j = 0; j < m; j++) {
            for (int k = 0; k <= p; k++) {
                double sum = 0.0;
                for (int f0 = 0; f0 < n; f0 += FloatColumnKernels.FLUSH) {
                    float s = 0f;
                    for (int i = f0; i < Math.min(n, f0 + FloatColumnKernels.FLUSH); i++) {
                        s = Math.fma(dy[j][i], k == p ? 1f : x[k][i], s);
                    }
                    sum += s;
                }
                if (k == p) {
                    expectedB[j] += sum;
                } else {
                    expectedW[j * p + k] += sum;
                }
            }
        }
        for (boolean vectors : new boolean[] {false, true}) {
            final double[] dW = dW0.clone(), db = db0.clone();
            FloatColumnKernels.affineGrad(dy, n, m, x, p, dW, db, vectors);
            for (int e = 0; e < dW.length; e++) {
                assertEquals(expectedW[e], dW[e], 0.0, "dW entry " + e + ", vectors " + vectors);
            }
            for (int j = 0; j < m; j++) {
                assertEquals(expectedB[j], db[j], 0.0, "db entry " + j + ", vectors " + vectors);
            }
        }
    }

    /**
     * Non-finite inputs, where leaving a zero term out differs from adding {@code 0 * x}: the outer products leave out the
     * examples of a zero output gradient (but for columns with no zero in the first 64 examples), and the vector
     * kernels, which take every example of a finite block, must give the same numbers as the loops, NaN where they do.
     */
    @ParameterizedTest
    @CsvSource({"300,64,64", "200,30,9", "130,64,70"})
    void weightGradientWithNonFiniteInputsEqualsTheLoops(int n, int p, int m) {
        assumeTrue(Kernels.vectorised(), "the Vector API module is not loaded");
        final Random rng = new Random(5L * n + p + m);
        final float[][] x = columns(rng, p, n), dy = columns(rng, m, n);
        for (int i = 0; i < 64; i++) {
            dy[0][i] = 1f + i;          // column 0 has no zero in the first block: every later term is taken
            dy[1][i] = i % 2 == 0 ? 0f : 2f;
        }
        dy[0][100] = 0f;
        dy[1][101] = 0f;
        x[3][100] = Float.NaN;          // 0 * NaN: taken for column 0, left out for column 1
        x[p - 1][101] = Float.POSITIVE_INFINITY;
        x[1][110] = Float.NEGATIVE_INFINITY;
        final double[][] out = new double[2][];
        for (int v = 0; v < 2; v++) {
            final double[] dW = new double[m * p], db = new double[m];
            FloatColumnKernels.affineGrad(dy, n, m, x, p, dW, db, v == 1);
            out[v] = java.util.Arrays.copyOf(dW, m * p + m);
            System.arraycopy(db, 0, out[v], m * p, m);
        }
        int nan = 0;
        for (int e = 0; e < out[0].length; e++) {
            assertEquals(out[0][e], out[1][e], 0.0, "entry " + e);
            nan += Double.isNaN(out[0][e]) ? 1 : 0;
        }
        assertEquals(true, nan > 0 && nan < out[0].length, "some entries NaN, not all: " + nan);
        assertEquals(true, Double.isNaN(out[0][3]), "column 0's zero term at the NaN input is taken");
    }

    /** c columns of n entries, about a third of them 0 (the ReLU's zeros), the others standard normal. */
    private static float[][] columns(Random rng, int c, int n) {
        final float[][] out = new float[c][n + 5];
        for (float[] col : out) {
            for (int i = 0; i < n; i++) {
                col[i] = rng.nextInt(3) == 0 ? 0f : (float) rng.nextGaussian();
            }
        }
        return out;
    }

    private static float[] row(Random rng, int len) {
        final float[] out = new float[len];
        for (int e = 0; e < len; e++) {
            out[e] = (float) (rng.nextGaussian() * 0.3);
        }
        return out;
    }

    private static void assertBits(float[][] expected, float[][] actual, int rows, int n, String what) {
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < n; i++) {
                if (Float.floatToIntBits(expected[r][i]) != Float.floatToIntBits(actual[r][i])) {
                    fail(what + ": entry " + r + ", " + i + ": expected " + expected[r][i] + ", was " + actual[r][i]);
                }
            }
        }
    }
}

package neuralglm.jython;

import java.util.Random;

import neuralglm.dist.BinomialDistribution;
import neuralglm.dist.GammaDistribution;

/**
 * Draws for {@code torch.distributions}' {@code sample()}, from the engine's samplers and the bridge's
 * generator ({@link Torch#generator()}, reset by {@code torch.manual_seed}); outside the record. Parameters
 * come broadcast to the shape of the draws, one draw per entry:
 * <pre>
 *   gamma(a, b)       Gamma(shape a, rate b) = {@link GammaDistribution} with mean a / b and dispersion 1 / a
 *                     (Marsaglia and Tsang); Exponential(b) is Gamma(1, b)
 *   binomial(n, p)    a Bin(n, p) count: {@link BinomialDistribution}'s proportion times n; 0 where n = 0
 *   categorical(P, m) m class indices for each row of probabilities P (rows summing to 1): PyTorch 1.13's
 *                     multinomial with replacement ({@link #multinomialDraws}), the same draws as PyTorch's
 * </pre>
 * Gamma and binomial draws come from the seeded stream ({@link TorchRandom}'s bits) but by the engine's algorithms,
 * so they differ from PyTorch's at the same seed; categorical and multinomial draws are PyTorch's.
 */
public final class Sampling {

    private Sampling() {
    }

    /**
     * @param concentration shapes &gt;= 0 (0: the point mass at 0, NegativeBinomial's total_count 0)
     * @param rate          rates &gt; 0, of the same shape
     * @return one Gamma(concentration, rate) draw per entry
     */
    public static Tensor gamma(Tensor concentration, Tensor rate) {
        Ops.sameShape(concentration, rate, "gamma sample");
        final Random rng = Torch.generator();
        final Tensor t = concentration.detach().label(null);
        for (int i = 0; i < t.numel(); i++) {
            final double a = concentration.data.data[i], b = rate.data.data[i];
            t.data.data[i] = a == 0 ? 0.0 : new GammaDistribution(a / b, 1 / a).sample(rng);
        }
        return t;
    }

    /**
     * @param totalCount whole numbers &gt;= 0
     * @param probs      success probabilities in [0, 1], of the same shape
     * @return one binomial count per entry (a float tensor, as PyTorch's)
     */
    public static Tensor binomial(Tensor totalCount, Tensor probs) {
        Ops.sameShape(totalCount, probs, "binomial sample");
        final Random rng = Torch.generator();
        final Tensor t = probs.detach().label(null);
        for (int i = 0; i < t.numel(); i++) {
            final double n = totalCount.data.data[i];
            t.data.data[i] = n == 0 ? 0.0 : Math.rint(new BinomialDistribution(probs.data.data[i], n).sample(rng) * n);
        }
        return t;
    }

    /**
     * {@code Categorical(probs).sample(m)}: PyTorch's {@code multinomial(probs, m, True).T}.
     *
     * @param probs a 2-d tensor, each row the probabilities of k classes (summing to 1)
     * @param draws m, the number of draws from each row
     * @return an m x rows tensor of class indices (int64): column j holds the draws from row j
     */
    public static Tensor categorical(Tensor probs, int draws) {
        final int rows = probs.data.numRows;
        final long[] idx = multinomialDraws(probs, draws, true);
        final Tensor t = Tensor.of(new org.ejml.data.DMatrixRMaj(draws, rows), new int[] {draws, rows}).label(DType.INT64);
        for (int j = 0; j < rows; j++) {
            for (int i = 0; i < draws; i++) {
                t.data.data[i * rows + j] = idx[j * draws + i];
            }
        }
        return t;
    }

    /**
     * PyTorch 1.13's {@code multinomial(probs, n, replacement)} on the CPU, row by row of a 2-d tensor of non-negative
     * weights (rows need not sum to 1): without replacement the exponential trick (every weight's
     * Exp(1) draw e first, then per row the n largest {@code w / e}, in the weights' dtype); with replacement the
     * cumulative weights over their sum, the last set to 1, searched (the first at or above) for each float64 uniform.
     *
     * @param probs       rows x k weights
     * @param n           draws per row
     * @param replacement whether a category may be drawn again
     * @return the category indices, row by row (rows x n)
     */
    public static long[] multinomialDraws(Tensor probs, int n, boolean replacement) {
        final int rows = probs.data.numRows, k = probs.data.numCols;
        final boolean single = probs.floatDtype() != DType.FLOAT64;
        final double[] w = probs.data.data;
        final TorchRandom rng = Torch.generator();
        final long[] out = new long[rows * n];
        if (!replacement) {
            final double[] q = new double[rows * k];
            for (int i = 0; i < q.length; i++) {
                final double e = rng.exponential(1.0);   // exponential_(1): -1.0 / 1.0 is -1.0, the same draw
                q[i] = single ? (float) w[i] / (float) e : w[i] / e;
            }
            for (int r = 0; r < rows; r++) {
                final Integer[] order = new Integer[k];
                for (int c = 0; c < k; c++) {
                    order[c] = c;
                }
                final int row = r;
                java.util.Arrays.sort(order, (a, b) -> Double.compare(q[row * k + b], q[row * k + a]));
                for (int i = 0; i < n; i++) {
                    out[r * n + i] = order[i];
                }
            }
            return out;
        }
        final double[] cum = new double[k];
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int c = 0; c < k; c++) {
                sum = single ? (float) (sum + (float) w[r * k + c]) : sum + w[r * k + c];
                cum[c] = sum;
            }
            for (int c = 0; c < k; c++) {
                cum[c] = single ? (float) (cum[c] / sum) : cum[c] / sum;
            }
            cum[k - 1] = 1;
            for (int i = 0; i < n; i++) {
                final double u = rng.uniform64(0, 1);
                int lo = 0, hi = k;
                while (hi - lo > 0) {
                    final int mid = lo + (hi - lo) / 2;
                    if (cum[mid] < u) {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
                out[r * n + i] = lo;
            }
        }
        return out;
    }
}

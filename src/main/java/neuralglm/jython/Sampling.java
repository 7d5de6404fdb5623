package neuralglm.jython;

import java.util.Random;

import neuralglm.dist.BinomialDistribution;
import neuralglm.dist.CategoricalDistribution;
import neuralglm.dist.GammaDistribution;

/**
 * Draws for {@code torch.distributions}' {@code sample()}, from the engine's samplers and the bridge's
 * generator ({@link Torch#generator()}, reset by {@code torch.manual_seed}); outside the record. Parameters
 * come broadcast to the shape of the draws, one draw per entry:
 * <pre>
 *   gamma(a, b)       Gamma(shape a, rate b) = {@link GammaDistribution} with mean a / b and dispersion 1 / a
 *                     (Marsaglia and Tsang); Exponential(b) is Gamma(1, b)
 *   binomial(n, p)    a Bin(n, p) count: {@link BinomialDistribution}'s proportion times n; 0 where n = 0
 *   categorical(P, m) m class indices for each row of probabilities P (rows summing to 1): {@link CategoricalDistribution}
 * </pre>
 * The draws come from the seeded stream ({@link TorchRandom}'s bits) but by the engine's algorithms, so they differ
 * from PyTorch's at the same seed.
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
     * @param probs a 2-d tensor, each row the probabilities of k classes (summing to 1)
     * @param draws m, the number of draws from each row
     * @return an m x rows tensor of class indices (int64): column j holds the draws from row j
     */
    public static Tensor categorical(Tensor probs, int draws) {
        final int rows = probs.data.numRows, k = probs.data.numCols;
        final Random rng = Torch.generator();
        final Tensor t = Tensor.of(new org.ejml.data.DMatrixRMaj(draws, rows), new int[] {draws, rows}).label(DType.INT64);
        for (int j = 0; j < rows; j++) {
            final double[] row = java.util.Arrays.copyOfRange(probs.data.data, j * k, (j + 1) * k);
            final CategoricalDistribution d = k > 1 ? new CategoricalDistribution(row) : null;
            for (int i = 0; i < draws; i++) {
                t.data.data[i * rows + j] = d == null ? 0 : d.sample(rng);
            }
        }
        return t;
    }
}

package neuralglm.jython;

import java.util.Random;

import neuralglm.dist.BinomialDistribution;
import neuralglm.dist.PoissonDistribution;
import org.ejml.data.DMatrixRMaj;

/**
 * The draws behind the numpy shim's {@code np.random} (scripts/lib/numpy), element by element from
 * parameter tensors of the result's shape, with a generator of their own (so {@code torch.manual_seed}
 * does not move numpy's draws, as with the real libraries). It starts seeded with 0, so a script's draws
 * repeat from run to run; {@link #seed} reseeds it.
 * <pre>
 *   uniform(low, high)   low + (high - low) U,  U ~ U[0, 1)
 *   normal(loc, scale)   loc + scale Z,         Z ~ N(0, 1)
 *   binomial(n, p)       Bin(n, p) counts       (the engine's sampler, {@link BinomialDistribution})
 *   poisson(lam)         Poisson(lam) counts    (the engine's sampler, {@link PoissonDistribution})
 * </pre>
 */
public final class NumpyRandom {

    private static Random rng = new Random(0);

    private NumpyRandom() {
    }

    /** @param seed a new seed for every following draw */
    public static void seed(long seed) {
        rng = new Random(seed);
    }

    private static Tensor like(Tensor t) {
        return Tensor.of(new DMatrixRMaj(t.data.numRows, t.data.numCols), t.shape.clone());
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw Errors.value(message);
        }
    }

    /**
     * @param low  lower bounds
     * @param high upper bounds, low's shape
     * @return uniform draws in [low, high)
     */
    public static Tensor uniform(Tensor low, Tensor high) {
        Ops.sameShape(low, high, "uniform");
        final Tensor out = like(low);
        for (int i = 0; i < out.numel(); i++) {
            final double a = low.data.data[i], b = high.data.data[i];
            check(Double.isFinite(a) && Double.isFinite(b), "uniform: bounds must be finite, got " + a + " and " + b);
            out.data.data[i] = a + (b - a) * rng.nextDouble();
        }
        return out;
    }

    /**
     * @param loc   means
     * @param scale standard deviations &gt;= 0, loc's shape
     * @return normal draws
     */
    public static Tensor normal(Tensor loc, Tensor scale) {
        Ops.sameShape(loc, scale, "normal");
        final Tensor out = like(loc);
        for (int i = 0; i < out.numel(); i++) {
            final double m = loc.data.data[i], s = scale.data.data[i];
            check(Double.isFinite(m), "normal: loc must be finite, got " + m + " at position " + i);
            check(s >= 0 && Double.isFinite(s), "normal: scale must be finite and >= 0, got " + s + " at position " + i);
            out.data.data[i] = m + s * rng.nextGaussian();
        }
        return out;
    }

    /**
     * @param n trials, whole numbers &gt;= 0
     * @param p success probabilities in [0, 1], n's shape
     * @return binomial counts
     */
    public static Tensor binomial(Tensor n, Tensor p) {
        Ops.sameShape(n, p, "binomial");
        final Tensor out = like(n);
        for (int i = 0; i < out.numel(); i++) {
            final double trials = n.data.data[i], q = p.data.data[i];
            check(trials >= 0 && trials == Math.rint(trials) && trials < 1e15,
                    "binomial: n must be a whole number >= 0, got " + trials + " at position " + i);
            check(q >= 0 && q <= 1, "binomial: p must be in [0, 1], got " + q + " at position " + i);
            out.data.data[i] = trials == 0 ? 0.0 : Math.rint(new BinomialDistribution(q, trials).sample(rng) * trials);
        }
        return out;
    }

    /**
     * @param lam rates &gt;= 0
     * @return Poisson counts
     */
    public static Tensor poisson(Tensor lam) {
        final Tensor out = like(lam);
        for (int i = 0; i < out.numel(); i++) {
            final double l = lam.data.data[i];
            check(l >= 0 && Double.isFinite(l), "poisson: lam must be finite and >= 0, got " + l + " at position " + i);
            out.data.data[i] = new PoissonDistribution(l).sample(rng);
        }
        return out;
    }

    /**
     * @param n a count
     * @return 0..n-1 in random order
     */
    public static Tensor permutation(int n) {
        final double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            final int j = rng.nextInt(i + 1);
            final double t = d[i];
            d[i] = d[j];
            d[j] = t;
        }
        return Tensor.vector(d);
    }
}

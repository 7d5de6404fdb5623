package neuralglm.dist;

import java.util.Random;

/**
 * Categorical family: one of k classes with probabilities mu_0..mu_{k-1} (a softmax output row).
 * <pre>
 *   log P(class j) = log mu_j,   draw: the first j with u &lt; mu_0 + ... + mu_j
 * </pre>
 */
public final class CategoricalDistribution {

    private static final double SUM_TOLERANCE = 1e-9;

    private final double[] mu;

    /**
     * @param mu class probabilities, each in [0, 1], summing to 1 (within 1e-9). Copied.
     */
    public CategoricalDistribution(double[] mu) {
        if (mu == null || mu.length < 2) {
            throw new IllegalArgumentException("Categorical distribution: needs at least 2 class probabilities");
        }
        double s = 0;
        for (int j = 0; j < mu.length; j++) {
            if (!(mu[j] >= 0 && mu[j] <= 1)) {
                throw new IllegalArgumentException("Categorical distribution: probability of class " + j
                        + " must be in [0, 1], got " + mu[j]);
            }
            s += mu[j];
        }
        if (Math.abs(s - 1) > SUM_TOLERANCE) {
            throw new IllegalArgumentException("Categorical distribution: class probabilities sum to " + s + ", not 1");
        }
        this.mu = mu.clone();
    }

    /** @return the number of classes k */
    public int numClasses() {
        return mu.length;
    }

    /**
     * @param j a class index
     * @return {@code log mu_j}, -Infinity for an index outside 0..k-1
     */
    public double logMass(int j) {
        return j >= 0 && j < mu.length ? Math.log(mu[j]) : Double.NEGATIVE_INFINITY;
    }

    /**
     * @param rng source of uniforms
     * @return a class index
     */
    public int sample(Random rng) {
        final double u = rng.nextDouble();
        double c = 0;
        int last = 0;
        for (int j = 0; j < mu.length; j++) {
            if (mu[j] > 0) {
                c += mu[j];
                last = j;
                if (u < c) {
                    return j;
                }
            }
        }
        return last; // u beyond a sum rounded below 1
    }
}

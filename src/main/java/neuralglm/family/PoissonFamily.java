package neuralglm.family;

import neuralglm.dist.PoissonDistribution;
import neuralglm.dist.ResponseDistribution;
import neuralglm.linalg.SafeMath;
import org.ejml.data.DMatrixRMaj;

/**
 * Counts (or non-negative rates) with the log (canonical) link.
 * <pre>
 *   mu = exp(eta),   V(mu) = mu
 *   l = exp(eta) - y eta          (log y! dropped),   dl/deta = mu - y
 *   l_sat = y - y log y
 * </pre>
 * exp is clamped so that a huge eta gives a huge but finite loss. Non-integer y &gt;= 0 are allowed
 * (quasi-Poisson rates).
 */
public final class PoissonFamily extends Family {
    private static final long serialVersionUID = 1L;

    @Override public String name() { return "Poisson"; }
    @Override public Link link() { return Link.LOG; }
    /** The y term is skipped at y = 0, so that {@code unitDeviance(0, 0)} (eta = -Inf) is 0, not NaN. */
    @Override public double nll(double eta, double y) { return SafeMath.exp(eta) - (y == 0.0 ? 0.0 : y * eta); }
    @Override public double gradient(double eta, double y) { return SafeMath.exp(eta) - y; }
    @Override public double saturatedNll(double y) { return y - SafeMath.xlogy(y, y); }
    @Override public double variance(double mu) { return mu; }
    @Override public boolean isValidTarget(double y) { return y >= 0.0; }
    @Override public String targetDomain() { return "y >= 0 (a count)"; }

    /**
     * {@link Family#gradient(DMatrixRMaj, DMatrixRMaj, double[], DMatrixRMaj)} with one exp per row for both the
     * loss and the gradient (the JIT does not merge two calls of {@code Math.exp}): the same numbers.
     */
    @Override
    public double gradient(DMatrixRMaj eta, DMatrixRMaj y, double[] w, DMatrixRMaj grad) {
        final int n = eta.numRows;
        final double[] e = eta.data, t = y.data, g = grad.data;
        final double scale = 1.0 / totalWeight(w, n);
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            final double wi = w == null ? scale : w[i] * scale;
            final double mu = SafeMath.exp(e[i]);
            sum += wi * (mu - (t[i] == 0.0 ? 0.0 : t[i] * e[i]));
            g[i] = wi * (mu - t[i]);
        }
        return sum;
    }

    /** @return Poisson(mu) (phi ignored) */
    @Override
    public ResponseDistribution distribution(double mu, double phi, double trials) {
        return new PoissonDistribution(mu);
    }
}

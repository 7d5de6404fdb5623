package neuralglm.family;

import org.ejml.data.DMatrixRMaj;

/**
 * One of k classes, one-hot (or probability-vector) targets, softmax (canonical) link over k outputs.
 * <pre>
 *   mu_j = softmax(eta)_j = exp(eta_j - lse(eta)),   lse(eta) = m + log sum_j exp(eta_j - m), m = max_j eta_j
 *   l = lse(eta) - sum_j y_j eta_j,                   dl/deta_j = mu_j - y_j
 *   l_sat = -sum_j y_j log y_j                         (0 for one-hot targets)
 * </pre>
 * The log-sum-exp subtracts the row maximum, so logits of 1e4 cost no overflow. The scalar methods
 * of {@link Family} do not apply; all work is row-wise.
 */
public final class CategoricalFamily extends Family {
    private static final long serialVersionUID = 1L;

    /** Tolerance on the sum of a target row. */
    private static final double ROW_SUM_TOLERANCE = 1e-9;

    @Override public String name() { return "Categorical"; }
    @Override public Link link() { return Link.SOFTMAX; }
    @Override public int outputs(int numClasses) { return numClasses; }
    @Override public LabelCoding labelCoding() { return LabelCoding.ONE_HOT; }
    @Override public boolean isScalar() { return false; }

    /** @throws IllegalArgumentException always: a row of class probabilities has a {@code CategoricalDistribution} */
    @Override
    public neuralglm.dist.ResponseDistribution distribution(double mu, double phi, double trials) {
        throw new IllegalArgumentException("Categorical family: a row of class probabilities has a CategoricalDistribution, not a scalar one");
    }

    @Override public double nll(double eta, double y) { throw rowWise(); }
    @Override public double gradient(double eta, double y) { throw rowWise(); }
    @Override public double mean(double eta) { throw rowWise(); }

    @Override
    public double saturatedNll(double y) {
        return -neuralglm.linalg.SafeMath.xlogy(y, y);
    }

    @Override public double variance(double mu) { return mu * (1.0 - mu); }
    @Override public boolean isValidTarget(double y) { return y >= 0.0 && y <= 1.0; }
    @Override public String targetDomain() { return "a one-hot row: entries in [0, 1] summing to 1"; }

    @Override
    public double unitDeviance(double y, double mu) {
        return -2.0 * neuralglm.linalg.SafeMath.xlogy(y, mu / y);
    }

    private static UnsupportedOperationException rowWise() {
        return new UnsupportedOperationException("Categorical family works on rows of k outputs; use the matrix methods");
    }

    /**
     * Log-sum-exp of one row.
     *
     * @param e   row-major data
     * @param off offset of the row
     * @param k   row length
     * @return {@code log sum_j exp(e_j)}
     */
    public static double logSumExp(double[] e, int off, int k) {
        final double m = rowMax(e, off, k);
        return m == Double.POSITIVE_INFINITY || Double.isNaN(m) ? m : m + Math.log(expSum(e, off, k, m));
    }

    /** @return {@code max_j e_j} of one row */
    private static double rowMax(double[] e, int off, int k) {
        double m = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            m = Math.max(m, e[off + j]);
        }
        return m;
    }

    /** @return {@code s = sum_j exp(e_j - m)} of one row */
    private static double expSum(double[] e, int off, int k, double m) {
        double s = 0.0;
        for (int j = 0; j < k; j++) {
            s += Math.exp(e[off + j] - m);
        }
        return s;
    }

    /**
     * {@code mu_j = exp(eta_j - lse)}, lse = m + log s; where m is so large that m + log s is rounded to a coarse grid
     * ({@code |m| >= }{@value #LARGE_LOGIT}: lse then carries an error up to ulp(m), e.g. 2e-6 at 1e10, every mu_j that
     * relative error and their sum 1 only to about 1e-6; at 1e16 and beyond log s is lost altogether, and two tied
     * largest logits would each get probability 1), {@code mu_j = exp(eta_j - m) / s}, which sums to 1 within a few ulps
     * (eta_j - m is exact wherever its exp is not 0: with |m| at least 4096 and eta_j - m above -746, eta_j is within a
     * factor 2 of m). Below that, the first form, as before, to the bit. A row whose largest logit is infinite gets
     * softmax's limit ({@link #atNonFiniteMax}); a NaN logit makes its row NaN.
     */
    @Override
    public void mean(DMatrixRMaj eta, DMatrixRMaj mu) {
        final int n = eta.numRows, k = eta.numCols;
        final double[] e = eta.data, out = mu.data;
        for (int i = 0; i < n; i++) {
            final int off = i * k;
            final double m = rowMax(e, off, k);
            if (!Double.isFinite(m)) {
                atNonFiniteMax(e, off, k, m, out);
                continue;
            }
            final double s = expSum(e, off, k, m);
            final double lse = m + Math.log(s);
            final boolean coarse = Math.abs(m) >= LARGE_LOGIT;   // m + log s rounded to ulp(m)
            for (int j = 0; j < k; j++) {
                out[off + j] = coarse ? Math.exp(e[off + j] - m) / s : Math.exp(e[off + j] - lse);
            }
        }
    }

    /**
     * A row whose largest logit m is infinite: softmax's limit, the classes at m share the probability equally and the
     * others get 0 (one logit at +inf takes it all, as the logit link's mean is 1 at eta = +inf; a row all -inf is
     * uniform), where {@code exp(eta_j - m)} is NaN (inf - inf) for those at m. A NaN logit (m NaN): a NaN row.
     */
    private static void atNonFiniteMax(double[] e, int off, int k, double m, double[] out) {
        if (Double.isNaN(m)) {
            java.util.Arrays.fill(out, off, off + k, Double.NaN);
            return;
        }
        int ties = 0;
        for (int j = 0; j < k; j++) {
            if (e[off + j] == m) {
                ties++;
            }
        }
        for (int j = 0; j < k; j++) {
            out[off + j] = e[off + j] == m ? 1.0 / ties : 0.0;
        }
    }

    /**
     * The largest logit from which {@link #mean} normalises by the sum: ulp(4096) is 9.1e-13, so below it the
     * probabilities of {@code exp(eta_j - lse)} sum to 1 within about 1e-12.
     */
    static final double LARGE_LOGIT = 4096.0;

    @Override
    public double gradient(DMatrixRMaj eta, DMatrixRMaj y, double[] w, DMatrixRMaj grad) {
        final int n = eta.numRows, k = eta.numCols;
        final double[] e = eta.data, t = y.data, g = grad.data;
        final double scale = 1.0 / totalWeight(w, n);
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            final int off = i * k;
            final double wi = w == null ? scale : w[i] * scale;
            final double lse = logSumExp(e, off, k);
            double dot = 0.0;
            for (int j = 0; j < k; j++) {
                dot += t[off + j] * e[off + j];
                g[off + j] = wi * (Math.exp(e[off + j] - lse) - t[off + j]);
            }
            sum += wi * (lse - dot);
        }
        return sum;
    }

    @Override
    protected double rowNll(DMatrixRMaj eta, DMatrixRMaj y, int i) {
        final int k = eta.numCols, off = i * k;
        double dot = 0.0;
        for (int j = 0; j < k; j++) {
            dot += y.data[off + j] * eta.data[off + j];
        }
        return logSumExp(eta.data, off, k) - dot;
    }

    @Override
    protected double rowSaturatedNll(DMatrixRMaj y, int i) {
        final int k = y.numCols, off = i * k;
        double s = 0.0;
        for (int j = 0; j < k; j++) {
            s += saturatedNll(y.data[off + j]);
        }
        return s;
    }

    @Override
    public double[] nullEta(double[] yMean) {
        final double[] eta = new double[yMean.length];
        for (int j = 0; j < eta.length; j++) {
            eta[j] = Math.log(Math.max(yMean[j], 1e-300));
        }
        return eta;
    }

    @Override
    public double dispersion(DMatrixRMaj eta, DMatrixRMaj y, double[] w, int numParameters) {
        return 1.0;
    }

    @Override
    public void checkTargets(DMatrixRMaj y) {
        final int n = y.numRows, k = y.numCols;
        if (k < 2) {
            throw new IllegalArgumentException("Categorical family expects one-hot targets with at least 2 columns, got " + k);
        }
        for (int i = 0; i < n; i++) {
            double s = 0.0;
            for (int j = 0; j < k; j++) {
                final double v = y.data[i * k + j];
                if (!Double.isFinite(v) || !isValidTarget(v)) {
                    throw new DomainException(name(), i, j, v, targetDomain());
                }
                s += v;
            }
            if (Math.abs(s - 1.0) > ROW_SUM_TOLERANCE) {
                throw new IllegalArgumentException(String.format(
                        "Categorical family: target row %d sums to %s, but a one-hot row must sum to 1", i, s));
            }
        }
    }
}

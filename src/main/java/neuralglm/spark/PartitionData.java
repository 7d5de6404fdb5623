package neuralglm.spark;

import java.io.Serializable;
import java.util.List;

import neuralglm.dist.DispersionSums;
import neuralglm.family.DomainException;
import neuralglm.family.Family;
import neuralglm.family.Offsets;
import neuralglm.model.GlmInference;
import neuralglm.nn.Parameter;
import neuralglm.nn.Parameters;
import neuralglm.nn.Sequential;
import neuralglm.train.BlockGradient;
import org.ejml.data.DMatrixRMaj;

/**
 * One partition's training rows, encoded once and kept in memory as row-major {@code double[]}
 * chunks of at most {@code chunkRows} rows: inputs {@code x} (n_p x d), targets {@code y} (n_p x k),
 * weights (null when all are 1) and offsets on eta (null without one: {@code eta = net(x) + o}). Each step
 * evaluates the engine's {@link BlockGradient} chunk by
 * chunk (full batch) or on this partition's share of a {@link MiniBatch}, and returns
 * <pre>
 *   ( sum_i w_i dl_i/dtheta ,  sum_i w_i l_i ,  sum_i w_i )      over the rows used
 * </pre>
 * as an {@link ExactSum}, in a fixed row order. No Spark types: the partition is an ordinary object
 * in Spark's block store.
 */
final class PartitionData implements Serializable {
    private static final long serialVersionUID = 1L;

    final int partition;
    final int rows;
    final int d;
    final int k;
    final int chunkRows;
    private final double[][] x;
    private final double[][] y;
    private final double[][] w;
    /** Chunks of offsets on eta ({@code eta = net(x) + o}), or null without an offset. */
    private final double[][] o;
    /** The first data error found while building or checking this partition, or null. */
    final String error;

    /** The current epoch's permutation (a cache: recomputed deterministically when absent). */
    private transient int[] permutation;
    private transient int permutationEpoch = -1;
    private transient long permutationSeed;

    /**
     * @param partition the partition's index
     * @param rows      number of rows n_p
     * @param d         input columns
     * @param k         target columns
     * @param chunkRows rows per chunk
     * @param x         chunks of inputs (row-major, chunkRows x d except the last)
     * @param y         chunks of targets
     * @param w         chunks of weights, or null when every weight is 1
     * @param o         chunks of offsets on eta, or null for none
     */
    PartitionData(int partition, int rows, int d, int k, int chunkRows, double[][] x, double[][] y, double[][] w,
                  double[][] o) {
        this(partition, rows, d, k, chunkRows, x, y, w, o, null);
    }

    private PartitionData(int partition, int rows, int d, int k, int chunkRows, double[][] x, double[][] y, double[][] w,
                          double[][] o, String error) {
        this.error = error;
        this.partition = partition;
        this.rows = rows;
        this.d = d;
        this.k = k;
        this.chunkRows = chunkRows;
        this.x = x;
        this.y = y;
        this.w = w;
        this.o = o;
    }

    /**
     * A partition whose rows are bad: the task returns it (rather than failing, which Spark would retry) and
     * the driver raises {@code error} ({@link DistributedData}).
     *
     * @param partition the partition's index
     * @param d         input columns
     * @param k         target columns
     * @param error     what is wrong, and where
     * @return the failed partition (no rows)
     */
    static PartitionData failed(int partition, int d, int k, String error) {
        return new PartitionData(partition, 0, d, k, 1, new double[0][], new double[0][], null, null, error);
    }

    /**
     * {@link #check} without throwing.
     *
     * @param family the output family
     * @return this when the rows are good, else a {@link #failed} partition with the error
     */
    PartitionData checked(Family family) {
        try {
            check(family);
            return this;
        } catch (IllegalArgumentException e) {
            return failed(partition, d, k, e.getMessage());
        }
    }

    /**
     * Checks the rows as the engine's {@code DataChecks} does, naming the partition and the row in it.
     *
     * @param family the output family (checks the targets' domain)
     */
    void check(Family family) {
        for (int c = 0; c < x.length; c++) {
            final int b = chunkLength(c);
            for (int i = 0; i < b * d; i++) {
                if (!Double.isFinite(x[c][i])) {
                    throw new IllegalArgumentException(String.format(
                            "Input value %s in partition %d, row %d, column %d is not finite; inputs must be finite numbers",
                            x[c][i], partition, c * chunkRows + i / d, i % d));
                }
            }
            if (w != null) {
                for (int i = 0; i < b; i++) {
                    if (!Double.isFinite(w[c][i]) || w[c][i] < 0) {
                        throw new IllegalArgumentException(String.format(
                                "Instance weight %s in partition %d, row %d is invalid; weights must be finite and >= 0",
                                w[c][i], partition, c * chunkRows + i));
                    }
                }
            }
            if (k == 1) {
                for (int i = 0; i < b; i++) {
                    if (!family.isValidTarget(y[c][i])) {
                        throw new IllegalArgumentException(String.format(
                                "Target %s in partition %d, row %d (of its labelled rows) is outside the %s family's domain: %s",
                                y[c][i], partition, c * chunkRows + i, family.name(), family.targetDomain()));
                    }
                }
            }
            try {
                family.checkTargets(DMatrixRMaj.wrap(b, k, y[c]));
            } catch (DomainException e) {
                throw new IllegalArgumentException("Partition " + partition + ", chunk " + c + " (rows from "
                        + c * chunkRows + "): " + e.getMessage(), e);
            }
        }
    }

    private int chunkLength(int c) {
        return c < x.length - 1 ? chunkRows : rows - c * chunkRows;
    }

    /** @return {@code {n_p, sum w, sum w y_1, ..., sum w y_k}} over the partition; null for a failed one */
    double[] targetSums() {
        if (error != null) {
            return null;
        }
        final double[] s = new double[k + 2];
        s[0] = rows;
        for (int c = 0; c < x.length; c++) {
            final int b = chunkLength(c);
            for (int i = 0; i < b; i++) {
                final double wi = w == null ? 1.0 : w[c][i];
                s[1] += wi;
                for (int j = 0; j < k; j++) {
                    s[2 + j] += wi * y[c][i * k + j];
                }
            }
        }
        return s;
    }

    /**
     * The partition's weighted loss and gradient sums at {@code params}.
     *
     * @param netBytes  the network's shape ({@link FlatParameters#toBytes})
     * @param params    the parameter values to evaluate at
     * @param family    the output family
     * @param batch     the mini-batch, or null for every row
     * @param backward  false for the loss alone
     * @return {@code (gradient sums..., loss sum, weight sum)}; gradient entries are 0 without backward
     */
    ExactSum evaluate(byte[] netBytes, double[] params, Family family, MiniBatch batch, boolean backward) {
        final Sequential net = FlatParameters.fromBytes(netBytes);
        final List<Parameter> ps = net.parameters();
        Parameters.restore(ps, params);
        net.zeroGrad();
        final BlockGradient block = new BlockGradient(net, family);
        double loss = 0, weight = 0;
        if (batch == null) {
            for (int c = 0; c < x.length; c++) {
                final int b = chunkLength(c);
                final double[] lw = block.accumulate(DMatrixRMaj.wrap(b, d, x[c]), DMatrixRMaj.wrap(b, k, y[c]),
                        w == null ? null : w[c], o == null ? null : o[c], backward);
                loss += lw[0];
                weight += lw[1];
            }
        } else {
            final int[] perm = permutation(batch);
            final int from = batch.from(rows), to = batch.to(rows);
            for (int start = from; start < to; start += chunkRows) {
                final int b = Math.min(chunkRows, to - start);
                final DMatrixRMaj xb = new DMatrixRMaj(b, d), yb = new DMatrixRMaj(b, k);
                final double[] wb = w == null ? null : new double[b];
                final double[] ob = o == null ? null : new double[b];
                for (int r = 0; r < b; r++) {
                    final int src = perm[start + r], c = src / chunkRows, i = src % chunkRows;
                    System.arraycopy(x[c], i * d, xb.data, r * d, d);
                    System.arraycopy(y[c], i * k, yb.data, r * k, k);
                    if (wb != null) {
                        wb[r] = w[c][i];
                    }
                    if (ob != null) {
                        ob[r] = o[c][i];
                    }
                }
                final double[] lw = block.accumulate(xb, yb, wb, ob, backward);
                loss += lw[0];
                weight += lw[1];
            }
        }
        final int p = Parameters.size(ps);
        final double[] out = new double[p + 2];
        Parameters.flattenGradients(ps, out);
        out[p] = loss;
        out[p + 1] = weight;
        return ExactSum.of(out);
    }

    /**
     * The partition's dispersion sums at {@code params}, chunk by chunk in row order.
     *
     * @param netBytes the network's shape ({@link FlatParameters#toBytes})
     * @param params   the parameter values
     * @param family   the output family (one target column)
     * @return {@code (chi2, D, sum w)} over the partition ({@link DispersionSums#partial})
     */
    ExactSum dispersionSums(byte[] netBytes, double[] params, Family family) {
        final Sequential net = FlatParameters.fromBytes(netBytes);
        Parameters.restore(net.parameters(), params);
        final double[] s = new double[3];
        for (int c = 0; c < x.length; c++) {
            final int b = chunkLength(c);
            final DMatrixRMaj yc = DMatrixRMaj.wrap(b, k, y[c]);
            final DMatrixRMaj eta = net.predict(DMatrixRMaj.wrap(b, d, x[c]));
            final double[] part = DispersionSums.partial(family, o == null ? eta : Offsets.add(eta, o[c], 0, eta), yc,
                    w == null ? null : w[c]);
            for (int j = 0; j < 3; j++) {
                s[j] += part[j];
            }
        }
        return ExactSum.of(s);
    }

    /**
     * The partition's share of a training summary's sums at {@code params}, chunk by chunk in row order: for a GLM
     * (a network without hidden layer, one output) the engine's {@link GlmInference#blockSums} (the information,
     * chi2, D, D0, sum w, rows), else {@code (D, D0, sum w, rows with w > 0, chi2)} (chi2 0 for several outputs).
     *
     * @param netBytes the network's shape ({@link FlatParameters#toBytes})
     * @param params   the parameter values
     * @param family   the output family
     * @param glm      whether the network is a GLM
     * @param nullEta  the intercept-only model's eta ({@link Family#nullEta}), k values; with offsets its intercept,
     *                 eta0_i = nullEta + o_i
     * @return the sums
     */
    ExactSum summarySums(byte[] netBytes, double[] params, Family family, boolean glm, double[] nullEta) {
        final Sequential net = FlatParameters.fromBytes(netBytes);
        Parameters.restore(net.parameters(), params);
        double[] s = null;
        for (int c = 0; c < x.length; c++) {
            final int b = chunkLength(c);
            final DMatrixRMaj xc = DMatrixRMaj.wrap(b, d, x[c]), yc = DMatrixRMaj.wrap(b, k, y[c]);
            final double[] wc = w == null ? null : w[c];
            final double[] oc = o == null ? null : o[c];
            final DMatrixRMaj eta = oc == null ? net.predict(xc) : Offsets.add(net.predict(xc), oc, 0, null);
            final double[] part;
            if (glm) {
                part = GlmInference.blockSums(family, xc, eta, yc, wc, nullEta[0], oc);
            } else {
                final DMatrixRMaj eta0 = new DMatrixRMaj(b, k);
                for (int i = 0; i < b; i++) {
                    System.arraycopy(nullEta, 0, eta0.data, i * k, k);
                }
                if (oc != null) {
                    Offsets.add(eta0, oc, 0, eta0);
                }
                int positive = 0;
                for (int i = 0; i < b; i++) {
                    positive += wc == null || wc[i] > 0 ? 1 : 0;
                }
                part = new double[] {family.deviance(eta, yc, wc), family.deviance(eta0, yc, wc),
                    Family.totalWeight(wc, b), positive, k == 1 ? family.pearsonChiSquare(eta, yc, wc) : 0.0};
            }
            if (s == null) {
                s = part;
            } else {
                for (int j = 0; j < s.length; j++) {
                    s[j] += part[j];
                }
            }
        }
        return s == null ? ExactSum.ZERO : ExactSum.of(s);
    }

    /**
     * @param netBytes the network's shape ({@link FlatParameters#toBytes})
     * @param params   the parameter values
     * @param family   the output family (one target column)
     * @param phi      the log-likelihood's dispersion
     * @param kind     how the weights are read
     * @return {@code (log L, rows of density 0, 1 if the family has no density here)}: the partition's log-likelihood
     *         ({@link GlmInference#blockLogLikelihood}, chunk by chunk) while it is finite, else 0 with the count of
     *         chunks at -Infinity (an exact sum cannot hold an infinity) or the NaN flag
     */
    ExactSum logLikelihood(byte[] netBytes, double[] params, Family family, double phi, GlmInference.Weights kind) {
        final Sequential net = FlatParameters.fromBytes(netBytes);
        Parameters.restore(net.parameters(), params);
        double s = 0, zero = 0, none = 0;
        for (int c = 0; c < x.length; c++) {
            final int b = chunkLength(c);
            final DMatrixRMaj eta = net.predict(DMatrixRMaj.wrap(b, d, x[c]));
            final double l = GlmInference.blockLogLikelihood(family, o == null ? eta : Offsets.add(eta, o[c], 0, eta),
                    DMatrixRMaj.wrap(b, k, y[c]), w == null ? null : w[c], phi, kind);
            if (Double.isNaN(l)) {
                none = 1;
            } else if (l == Double.NEGATIVE_INFINITY) {
                zero++;
            } else {
                s += l;
            }
        }
        return ExactSum.of(new double[] {Double.isFinite(s) ? s : 0, zero, Double.isFinite(s) ? none : 1});
    }

    /** @return {@code {min o, max o}} over the partition's rows, whatever their weight ({+Inf, -Inf} when it has none) */
    double[] offsetRange() {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < x.length; c++) {
            final int b = chunkLength(c);
            for (int i = 0; i < b; i++) {
                lo = Math.min(lo, o[c][i]);
                hi = Math.max(hi, o[c][i]);
            }
        }
        return new double[] {lo, hi};
    }

    /** @return {@code (sum w o, sum w e^o)} over the partition's rows (offsets present) */
    ExactSum offsetSum() {
        double s = 0, e = 0;
        for (int c = 0; c < x.length; c++) {
            final int b = chunkLength(c);
            for (int i = 0; i < b; i++) {
                final double wi = w == null ? 1.0 : w[c][i];
                s += wi * o[c][i];
                e += wi * Math.exp(o[c][i]);
            }
        }
        return ExactSum.of(new double[] {s, e});
    }

    /**
     * The partition's share of one Fisher-scoring step of the intercept-only fit with the offsets
     * ({@link neuralglm.family.Offsets#nullIntercept}'s sums), over the rows of weight not 0, at {@code eta_i = b + o_i}.
     *
     * @param family the family (one output)
     * @param b      the intercept
     * @return {@code (sum w dl/deta, sum w (dmu/deta)^2 / V(mu), sum w l, rows outside the link's domain)}; the first
     *         three summed over the rows in the domain
     */
    ExactSum nullFitSums(Family family, double b) {
        double grad = 0, info = 0, nll = 0, outside = 0;
        for (int c = 0; c < x.length; c++) {
            final int n = chunkLength(c);
            for (int i = 0; i < n; i++) {
                final double wi = w == null ? 1.0 : w[c][i];
                if (wi == 0) {
                    continue;
                }
                final double e = b + o[c][i], t = y[c][i];
                if (!family.link().inDomain(e)) {
                    outside++;
                    continue;
                }
                nll += wi * family.nll(e, t);
                grad += wi * family.gradient(e, t);
                final double g = family.link().meanDerivative(e);
                if (g != 0) {
                    info += wi * g * g / family.variance(family.mean(e));
                }
            }
        }
        if (!Double.isFinite(grad) || !Double.isFinite(info) || !Double.isFinite(nll)) {
            return ExactSum.of(new double[] {0, 0, 0, 1 + outside});   // treated as outside: the step is refused
        }
        return ExactSum.of(new double[] {grad, info, nll, outside});
    }

    private synchronized int[] permutation(MiniBatch batch) {
        if (permutation == null || permutationEpoch != batch.epoch || permutationSeed != batch.seed) {
            permutation = batch.permutation(rows, partition);
            permutationEpoch = batch.epoch;
            permutationSeed = batch.seed;
        }
        return permutation;
    }
}

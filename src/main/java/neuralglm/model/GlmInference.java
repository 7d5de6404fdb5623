package neuralglm.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import neuralglm.dist.SpecialFunctions;
import neuralglm.dist.StudentT;
import neuralglm.family.Family;
import neuralglm.linalg.ZeroTerms;
import neuralglm.nn.Linear;
import neuralglm.nn.Sequential;
import org.ejml.data.DMatrixRMaj;

/**
 * Likelihood inference for a fitted GLM (one output, no hidden layer), at the fit, without IRLS:
 * the expected (Fisher) information of the linear predictor's coefficients,
 * <pre>
 *   I = A' diag(c) A,   A = [1, z] (intercept, standardised inputs),   c_i = w_i (dmu/deta)_i^2 / V(mu_i),
 * </pre>
 * is summed in one pass over the rows, each over its entries other than 0 (a row whose mean is saturated, dmu/deta = 0 in double, as a separated
 * Bernoulli row's, adds nothing: its limit) and factored {@code I = R' R} by Cholesky, column by column in order; a
 * column whose residual (weighted, after projection on the earlier kept columns) has a norm below 1e-7 of
 * its own, i.e. a Schur complement below 1e-14 of its diagonal, is <b>aliased</b> (a linear combination of
 * earlier columns, R's NA) and left out, as is every column after the first m kept, m the rows of positive weight
 * (the rank's bound, which the Gram matrix's rounding can hide), so {@code rank} counts the rest. Then {@code I^-1 = R^-1 R^-T}
 * on the kept columns, the covariance is {@code phi I^-1}, and both are mapped to the original units by the
 * {@link Standardizer}'s linear map {@code T} ({@code T Cov T'}). With aliased columns the coefficients are
 * the c-weighted projection of the fitted eta on the kept columns (eta lies in their span, so this is exact).
 *
 * <p><b>Weights.</b> {@link Weights#FREQUENCY}: row i stands for w_i identical observations, so n = sum w.
 * {@link Weights#PRIOR} (R's {@code glm(weights=)}): Var(y_i) = phi V(mu_i) / w_i and n counts rows with
 * w_i &gt; 0. For the Binomial family the weight is the number of trials and n counts rows, whatever the
 * choice. The information and the deviance are the same under both; the residual degrees of freedom
 * {@code n - rank}, and with them the dispersion, t tests, log-likelihood and BIC, differ.
 *
 * <p><b>Log-likelihood</b> as R's {@code family$aic} computes it ({@link Family#likelihoodDispersion},
 * {@link Family#rowLogLikelihood}): Gaussian at sigma^2 = D/n, Gamma and inverse Gaussian at phi = D / sum w,
 * Tweedie at the model's phi, summed as {@code sum w_i log f(y_i; mu_i, phi)} under frequency weights and
 * {@code sum log f(y_i; mu_i, phi / w_i)} under prior weights (R does the latter for the Gaussian only and
 * weights the Gamma and inverse Gaussian rows as frequencies); Binomial {@code sum log Bin(w_i y_i; w_i, mu_i)};
 * Poisson, Bernoulli, Exponential and the negative binomial {@code sum w_i log f(y_i)}. k adds 1 to the rank
 * for families with a dispersion parameter and for a fitted negative binomial alpha.
 *
 * <p><b>Rows spread over machines.</b> Every quantity above is a sum over rows, so a cluster computes each block's
 * share ({@link #blockSums}: I, u, chi2, D, D0, sum w, row counts; {@link #blockLogLikelihood}), adds them, and
 * {@link #fromSums} factors the total as {@link #at} factors the rows' own: one block gives {@link #at}'s numbers
 * to the bit.
 */
public final class GlmInference {

    /** How instance weights are read. */
    public enum Weights {
        /** Row i stands for w_i identical observations (Weka's convention; the default). */
        FREQUENCY,
        /** Var(y_i) = phi V(mu_i) / w_i; degrees of freedom count rows (R's glm(weights=), statsmodels' var_weights). */
        PRIOR
    }

    /** R's qr() tolerance: a column is aliased when its residual norm is below this share of its norm. */
    static final double ALIAS_TOLERANCE = 1e-7;

    private final Family family;
    /** The fit's offsets ({@link neuralglm.family.Offsets}), or null for none. */
    private final double[] offset;
    private final DMatrixRMaj eta;
    private final DMatrixRMaj y;
    private final double[] w;
    private final Weights kind;
    private final int p;
    private final boolean[] aliased;
    private final int[] kept;
    /** R^-1 on the kept columns (upper triangular, rank x rank). */
    private final double[][] rInverse;
    /** Q' (sqrt(c) eta) on the kept columns. */
    private final double[] qtEta;
    private final double observations;
    private final double pearson;
    /**
     * A fitted probability within this of 0 or 1 is "numerically 0 or 1" ({@code 10 * .Machine$double.eps}, R's
     * glm.fit), for the separation note's count.
     */
    private static final double PROBABILITY_EDGE = 10 * Math.ulp(1.0);

    /**
     * Rows of positive weight whose fitted mean is saturated (dmu/deta = 0 in double) or, for a probability, within
     * {@link #PROBABILITY_EDGE} of 0 or 1: separation.
     */
    private final int saturatedRows;
    /** Rows of positive weight. */
    private final int positiveRows;

    /**
     * The information's sums over rows, added block by block (one block on one machine; a partition's rows on a
     * cluster, whose blocks' sums add up, {@link #blockSums}):
     * <pre>
     *   I = A' diag(c) A (lower triangle),  u = A' diag(c) eta,  rows of positive weight,  saturated rows
     * </pre>
     */
    private static final class Information {
        final int p;
        final double[][] info;
        final double[] u;
        int positive;
        int saturated;

        Information(int p) {
            this.p = p;
            this.info = new double[p][p];
            this.u = new double[p];
        }

        /** Adds the rows of a block (z: n x d, eta: n x 1, w: n or null, offset: n or null). */
        void add(Family family, DMatrixRMaj z, DMatrixRMaj eta, double[] w, double[] offset) {
            final int n = z.numRows, d = z.numCols;
            final double[] row = new double[p];
            final int[] nonzero = new int[p];
            final boolean probabilities = meansAreProbabilities(family);
            for (int i = 0; i < n; i++) {
                final double wi = w == null ? 1.0 : w[i];
                if (!(wi > 0)) {
                    continue;
                }
                positive++;
                final double mu = family.mean(eta.data[i]), g = family.link().meanDerivative(eta.data[i]);
                // a mean saturated at its domain's edge (a separated Bernoulli row: mu = 1 in double) has dmu/deta = 0
                // and V(mu) = 0: in the limit it carries no information (c = V for a canonical link), not 0/0
                if (g == 0 || probabilities && (mu < PROBABILITY_EDGE || mu > 1 - PROBABILITY_EDGE)) {
                    saturated++;   // counted as R's glm.fit warns (a logit's mu reaches 1 in double long before 0)
                }
                final double c = g == 0 ? 0 : wi * g * g / family.variance(mu);
                row[0] = 1.0;
                System.arraycopy(z.data, i * d, row, 1, d);
                // the row's entries other than 0: a 0 entry's terms are 0 and the sums start at +0, so leaving them out
                // gives the same bits (the indicators of values a row does not have: the pass costs the nonzero entries
                // squared, not p^2); all entries when a product with a 0 could be NaN (c, c times an entry, or eta not
                // finite)
                int nz = ZeroTerms.listNonZero(row, 0, p, nonzero);
                double largest = 0;
                for (int a = 0; a < nz; a++) {
                    largest = Math.max(largest, Math.abs(row[nonzero[a]]));
                }
                if (!Double.isFinite(c * largest) || !Double.isFinite(eta.data[i])) {
                    for (nz = 0; nz < p; nz++) {
                        nonzero[nz] = nz;
                    }
                }
                final double ei = offset == null ? eta.data[i] : eta.data[i] - offset[i];   // the network's part of eta
                for (int a = 0; a < nz; a++) {
                    final int r = nonzero[a];
                    final double cr = c * row[r];
                    u[r] += cr * ei;
                    final double[] infoR = info[r];
                    for (int b = 0; b <= a; b++) {
                        infoR[nonzero[b]] += cr * row[nonzero[b]];
                    }
                }
            }
        }

        /** @return {@code I} (lower triangle, row by row), u, the positive and the saturated rows, in one array */
        double[] toArray() {
            final double[] out = new double[p * (p + 1) / 2 + p + 2];
            int k = 0;
            for (int r = 0; r < p; r++) {
                for (int c = 0; c <= r; c++) {
                    out[k++] = info[r][c];
                }
            }
            System.arraycopy(u, 0, out, k, p);
            out[k + p] = positive;
            out[k + p + 1] = saturated;
            return out;
        }

        /** @return what {@link #toArray} wrote (sums of several blocks' arrays) */
        static Information fromArray(double[] a, int p) {
            final Information s = new Information(p);
            int k = 0;
            for (int r = 0; r < p; r++) {
                for (int c = 0; c <= r; c++) {
                    s.info[r][c] = a[k++];
                }
            }
            System.arraycopy(a, k, s.u, 0, p);
            s.positive = (int) a[k + p];
            s.saturated = (int) a[k + p + 1];
            return s;
        }
    }

    /** The sums of a fit over its rows when they are not at hand ({@link #fromSums}); NaN on one machine. */
    private final double deviance;
    private final double nullDeviance;
    private final double totalWeight;

    private static Information information(Family family, DMatrixRMaj z, DMatrixRMaj eta, double[] w, double[] offset) {
        final Information s = new Information(z.numCols + 1);
        s.add(family, z, eta, w, offset);
        return s;
    }

    private GlmInference(Family family, DMatrixRMaj eta, DMatrixRMaj y, double[] w, Weights kind, Information s,
                         double pearson, double totalWeight, double deviance, double nullDeviance, double[] offset) {
        this.family = family;
        this.offset = offset;
        this.eta = eta;
        this.y = y;
        this.w = w;
        this.kind = family.weightIsTrials() ? Weights.PRIOR : kind;
        this.p = s.p;
        this.deviance = deviance;
        this.nullDeviance = nullDeviance;
        this.totalWeight = totalWeight;
        final double[][] info = s.info;
        final double[] u = s.u;
        this.saturatedRows = s.saturated;
        this.observations = this.kind == Weights.PRIOR ? s.positive : totalWeight;
        this.positiveRows = s.positive;
        this.pearson = pearson;
        // Cholesky I = L L' column by column in order; a column whose Schur complement is below
        // ALIAS_TOLERANCE^2 of its diagonal (residual norm below ALIAS_TOLERANCE of its norm) is aliased
        aliased = new boolean[p];
        final double[][] l = new double[p][];
        final List<Integer> keptList = new ArrayList<>();
        cholesky(info, aliased, false, keptList, l);
        // the rank of A' diag(c) A is at most the number of rows of positive weight; the Schur complements of the
        // information (a Gram matrix: its rounding errors are the design's squared) can leave a column past that
        // bound above the tolerance: such columns are aliased, the later ones, as R's pivoting does
        while (keptList.size() > s.positive) {
            aliased[keptList.remove(keptList.size() - 1)] = true;
        }
        if (keptList.isEmpty() || keptList.get(0) != 0) {
            throw new IllegalArgumentException("GLM inference: no row has a positive weight and a finite information");
        }
        kept = keptList.stream().mapToInt(Integer::intValue).toArray();
        final int m = kept.length;
        final double[][] rm = new double[m][m];   // R = L'
        for (int r = 0; r < m; r++) {
            for (int c = 0; c <= r; c++) {
                rm[c][r] = l[r][c];
            }
        }
        rInverse = upperInverse(rm);
        // Q' sqrt(c) eta = R^-T u_K = L^-1 u_K
        qtEta = new double[m];
        for (int r = 0; r < m; r++) {
            double sum = u[kept[r]];
            for (int c = 0; c < r; c++) {
                sum -= l[r][c] * qtEta[c];
            }
            qtEta[r] = sum / l[r][r];
        }
    }

    /**
     * Cholesky {@code A = L L'} column by column in order over the columns not marked aliased; a column whose Schur
     * complement is below {@code ALIAS_TOLERANCE^2} of its diagonal (residual norm below {@code ALIAS_TOLERANCE} of its
     * norm, R's qr), or whose diagonal is not positive, fails. Reads only the lower triangle {@code a[j][k], k <= j}.
     *
     * @param a       a symmetric matrix (its lower triangle)
     * @param aliased columns to leave out; failing columns are marked in it unless {@code stop}
     * @param stop    true: return at the first failing column instead of marking it
     * @param kept    receives the kept columns in order
     * @param l       receives row r of L (r + 1 entries) for the r-th kept column; at least as many rows as columns
     * @return -1, or the first failing column when {@code stop}
     */
    static int cholesky(double[][] a, boolean[] aliased, boolean stop, List<Integer> kept, double[][] l) {
        for (int j = 0; j < a.length; j++) {
            if (aliased[j]) {
                continue;
            }
            final int m = kept.size();
            final double[] lj = new double[m + 1];
            double dj = a[j][j];
            for (int q = 0; q < m; q++) {
                double sum = a[j][kept.get(q)];
                for (int b = 0; b < q; b++) {
                    sum -= l[q][b] * lj[b];
                }
                lj[q] = sum / l[q][q];
                dj -= lj[q] * lj[q];
            }
            if (!(a[j][j] > 0) || !(dj > ALIAS_TOLERANCE * ALIAS_TOLERANCE * a[j][j])) {
                if (stop) {
                    return j;
                }
                aliased[j] = true;
                continue;
            }
            lj[m] = Math.sqrt(dj);
            l[m] = lj;
            kept.add(j);
        }
        return -1;
    }

    /**
     * Factors the information at a fit.
     *
     * @param family the fitted one-output family
     * @param z      the inputs the network saw (standardised), n x d. Not modified.
     * @param eta    the fitted linear predictor, n x 1. Not modified.
     * @param y      targets, n x 1. Not modified.
     * @param w      instance weights (Binomial: trials) or null. Not modified.
     * @param kind   how the weights are read
     * @return the factored information, rank and degrees of freedom
     */
    public static GlmInference at(Family family, DMatrixRMaj z, DMatrixRMaj eta, DMatrixRMaj y, double[] w, Weights kind) {
        return at(family, z, eta, y, w, kind, null);
    }

    /**
     * {@link #at(Family, DMatrixRMaj, DMatrixRMaj, DMatrixRMaj, double[], Weights)} of a fit with an offset
     * ({@link neuralglm.family.Offsets}): eta is the whole linear predictor {@code z b + o}, so the information, the
     * deviance and the log-likelihood are read at it as they are; the coefficients projected where columns are aliased
     * are those of {@code eta - o}, and the null deviance is the intercept-only fit's with the offset (R's).
     *
     * @param offset the offsets, length n, or null for none. Not modified.
     */
    public static GlmInference at(Family family, DMatrixRMaj z, DMatrixRMaj eta, DMatrixRMaj y, double[] w, Weights kind,
                                  double[] offset) {
        if (eta.numCols != 1) {
            throw new IllegalArgumentException("GLM inference needs a one-output family; " + family.name()
                    + " has " + eta.numCols + " outputs");
        }
        final int n = z.numRows;
        if (eta.numRows != n || y.numRows != n || (w != null && w.length != n)) {
            throw new IllegalArgumentException("GLM inference: z has " + n + " rows, eta " + eta.numRows + ", y "
                    + y.numRows + ", w " + (w == null ? "null" : w.length));
        }
        // one pass: I = A' diag(c) A and u = A' diag(c) eta (memory O(p^2), not O(n p))
        if (offset != null && offset.length != n) {
            throw new IllegalArgumentException("GLM inference: z has " + n + " rows, the offset " + offset.length);
        }
        return new GlmInference(family, eta, y, w, kind, information(family, z, eta, w, offset),
                family.pearsonChiSquare(eta, y, w), Family.totalWeight(w, n), Double.NaN, Double.NaN, offset);
    }

    /**
     * @param d the number of inputs
     * @return the length of {@link #blockSums}' array
     */
    public static int blockSumsLength(int d) {
        final int p = d + 1;
        return p * (p + 1) / 2 + p + 2 + 4;
    }

    /**
     * One block of rows' share of the sums {@link #fromSums} takes, for a fit whose rows are spread over machines:
     * the sums of several blocks (element by element) are those of their rows together.
     * <pre>
     *   I = A' diag(c) A (lower triangle, row by row),  u = A' diag(c) eta,  rows with w &gt; 0,  saturated rows,
     *   chi2 = sum w (y - mu)^2 / V(mu),  D = sum w d(y, mu),  D0 = sum w d(y, g^-1(eta0)),  sum w
     * </pre>
     *
     * @param family  the fitted one-output family
     * @param z       the block's inputs the network saw (standardised), n x d. Not modified.
     * @param eta     the fitted linear predictor, n x 1. Not modified.
     * @param y       targets, n x 1. Not modified.
     * @param w       weights (Binomial: trials) or null. Not modified.
     * @param nullEta eta0, the intercept-only model's linear predictor ({@link Family#nullEta} of the weighted mean of
     *                every block's targets)
     * @return the sums, {@link #blockSumsLength} of them
     */
    public static double[] blockSums(Family family, DMatrixRMaj z, DMatrixRMaj eta, DMatrixRMaj y, double[] w,
                                     double nullEta) {
        return blockSums(family, z, eta, y, w, nullEta, null);
    }

    /**
     * {@link #blockSums(Family, DMatrixRMaj, DMatrixRMaj, DMatrixRMaj, double[], double)} of a fit with an offset:
     * eta is the whole linear predictor {@code net(z) + o}, the information is that of {@code eta - o} (as
     * {@link #at(Family, DMatrixRMaj, DMatrixRMaj, DMatrixRMaj, double[], Weights, double[])}), and D0 is taken at
     * {@code eta0_i = nullEta + o_i}, nullEta then being the intercept of the intercept-only fit with the offset
     * ({@link neuralglm.family.Offsets#nullIntercept}, over every block's rows).
     *
     * @param offset the block's offsets, n of them, or null for none. Not modified.
     */
    public static double[] blockSums(Family family, DMatrixRMaj z, DMatrixRMaj eta, DMatrixRMaj y, double[] w,
                                     double nullEta, double[] offset) {
        final int n = z.numRows;
        final double[] info = information(family, z, eta, w, offset).toArray();
        final double[] out = java.util.Arrays.copyOf(info, info.length + 4);
        final DMatrixRMaj eta0 = new DMatrixRMaj(n, 1);
        java.util.Arrays.fill(eta0.data, nullEta);
        if (offset != null) {
            neuralglm.family.Offsets.add(eta0, offset, 0, eta0);
        }
        out[info.length] = family.pearsonChiSquare(eta, y, w);
        out[info.length + 1] = family.deviance(eta, y, w);
        out[info.length + 2] = family.deviance(eta0, y, w);
        out[info.length + 3] = Family.totalWeight(w, n);
        return out;
    }

    /**
     * Factors the information from the sums of {@link #blockSums} over all rows. The summary's log-likelihood then
     * needs one more pass ({@link #blockLogLikelihood} at {@link #likelihoodDispersion}); the separation note has
     * the count of saturated rows, no example row.
     *
     * @param family the fitted one-output family
     * @param d      the number of inputs
     * @param sums   {@link #blockSums} added over every block of the rows. Not modified.
     * @param kind   how the weights are read
     * @return the factored information, rank and degrees of freedom
     */
    public static GlmInference fromSums(Family family, int d, double[] sums, Weights kind) {
        if (sums.length != blockSumsLength(d)) {
            throw new IllegalArgumentException("GLM inference: " + sums.length + " sums for " + d + " inputs; expected "
                    + blockSumsLength(d));
        }
        final int t = sums.length - 4;
        return new GlmInference(family, null, null, null, kind, Information.fromArray(sums, d + 1), sums[t], sums[t + 3],
                sums[t + 1], sums[t + 2], null);
    }

    /**
     * @param modelPhi the model's dispersion (1 for a family that fixes it)
     * @return the dispersion at which the log-likelihood's densities are taken ({@link Family#likelihoodDispersion}:
     *         R's family$aic conventions)
     */
    public double likelihoodDispersion(double modelPhi) {
        return family.likelihoodDispersion(deviance(), totalWeight, observations, modelPhi);
    }

    /**
     * One block's share of the log-likelihood, {@code sum log f(y_i; mu_i, phi)} over its rows of positive weight
     * (frequency weights multiply a row's log density; prior weights divide its dispersion).
     *
     * @param family the fitted family
     * @param eta    the fitted linear predictor, n x 1. Not modified.
     * @param y      targets, n x 1. Not modified.
     * @param w      weights or null. Not modified.
     * @param phi    {@link #likelihoodDispersion}
     * @param kind   how the weights are read
     * @return the block's sum; NaN where the family has no density (e.g. Tweedie with a power above 2, not 3)
     */
    public static double blockLogLikelihood(Family family, DMatrixRMaj eta, DMatrixRMaj y, double[] w, double phi,
                                            Weights kind) {
        final boolean prior = (family.weightIsTrials() ? Weights.PRIOR : kind) == Weights.PRIOR;
        double s = 0;
        try {
            for (int i = 0; i < eta.numRows; i++) {
                final double wi = w == null ? 1.0 : w[i];
                if (wi > 0) {
                    s += family.rowLogLikelihood(y.data[i], family.mean(eta.data[i]), phi, wi, prior);
                }
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            return Double.NaN;   // no density here (e.g. Tweedie with power > 2, other than 3): no AIC
        }
        return s;
    }

    /** @return D, the deviance of the fit */
    private double deviance() {
        return eta != null ? family.deviance(eta, y, w) : deviance;
    }

    private double weight(int i) {
        return w == null ? 1.0 : w[i];
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double[][] upperInverse(double[][] r) {
        final int m = r.length;
        final double[][] inv = new double[m][m];
        for (int c = 0; c < m; c++) {
            inv[c][c] = 1 / r[c][c];
            for (int row = c - 1; row >= 0; row--) {
                double s = 0;
                for (int k = row + 1; k <= c; k++) {
                    s += r[row][k] * inv[k][c];
                }
                inv[row][c] = -s / r[row][row];
            }
        }
        return inv;
    }

    /** @return the rank of the design, intercept included */
    public int rank() {
        return kept.length;
    }

    /** @return which of the p = d + 1 coefficients (intercept first) are aliased */
    public boolean[] aliased() {
        return aliased.clone();
    }

    /** @return how the weights are read (PRIOR for the Binomial family, whose weights are trials) */
    public Weights weights() {
        return kind;
    }

    /** @return n: rows with positive weight (prior weights) or the sum of the weights (frequency weights) */
    public double observations() {
        return observations;
    }

    /** @return the residual degrees of freedom n - rank */
    public double residualDf() {
        return observations - kept.length;
    }

    /** @return the Pearson chi-square sum w (y - mu)^2 / V(mu) */
    public double pearsonChiSquare() {
        return pearson;
    }

    /**
     * The quasi-likelihood (or Pearson) dispersion chi2 / (n - rank), as R's quasipoisson and quasibinomial.
     *
     * @return the estimate; NaN without residual degrees of freedom
     */
    public double pearsonDispersion() {
        final double df = residualDf();
        return df > 0 ? pearson / df : Double.NaN;
    }

    /** The fitted coefficients and the information's inverse, in standardised units over the kept columns. */
    private double[] keptCoefficients(double[] betaStd) {
        final int m = kept.length;
        final double[] b = new double[m];
        if (m == p) {
            System.arraycopy(betaStd, 0, b, 0, p);
            return b;
        }
        for (int r = 0; r < m; r++) {
            double s = 0;
            for (int k = r; k < m; k++) {
                s += rInverse[r][k] * qtEta[k];
            }
            b[r] = s;
        }
        return b;
    }

    /**
     * The summary table and statistics.
     *
     * @param betaStd      the network's coefficients on the standardised inputs, intercept first (length d + 1)
     * @param standardizer the inputs' standardiser (identity when off)
     * @param terms        the names of the d + 1 coefficients, intercept first
     * @param phi          the model's dispersion (1 for a family that fixes it)
     * @param source       where phi comes from, in words (for the report)
     * @param quasi        quasi-likelihood: for a family that fixes the dispersion, use chi2 / (n - rank) instead
     * @param alphaFitted  for the negative binomial: whether alpha is the maximum-likelihood estimate (counted in
     *                     AIC, and given a standard error)
     * @param iterations   the optimiser's iterations
     * @param confidence   the coverage of the Wald intervals, in (0, 1)
     * @return the summary
     */
    public GlmSummary summary(double[] betaStd, Standardizer standardizer, String[] terms, double phi, String source,
                              boolean quasi, boolean alphaFitted, int iterations, double confidence) {
        if (eta == null) {
            throw new IllegalStateException("GLM summary from sums: give the log-likelihood (its blocks' sums of "
                    + "blockLogLikelihood)");
        }
        return summary(betaStd, standardizer, terms, phi, source, quasi, alphaFitted, iterations, confidence, Double.NaN);
    }

    /**
     * The summary of an inference {@link #fromSums}: as {@link #summary(double[], Standardizer, String[], double, String,
     * boolean, boolean, int, double)}, with the log-likelihood summed over the blocks by the caller
     * ({@link #blockLogLikelihood} at {@link #likelihoodDispersion}); a fitted negative binomial alpha's standard error
     * needs the rows, so alpha counts as given.
     *
     * @param betaStd       the network's coefficients on the standardised inputs, intercept first (length d + 1)
     * @param standardizer  the inputs' standardiser (identity when off)
     * @param terms         the names of the d + 1 coefficients, intercept first
     * @param phi           the model's dispersion (1 for a family that fixes it)
     * @param source        where phi comes from, in words
     * @param quasi         quasi-likelihood for a family that fixes the dispersion
     * @param iterations    the optimiser's iterations
     * @param confidence    the coverage of the Wald intervals, in (0, 1)
     * @param logLikelihood the log-likelihood at {@link #likelihoodDispersion}{@code (phi)}
     * @return the summary
     */
    public GlmSummary summary(double[] betaStd, Standardizer standardizer, String[] terms, double phi, String source,
                              boolean quasi, int iterations, double confidence, double logLikelihood) {
        return summary(betaStd, standardizer, terms, phi, source, quasi, false, iterations, confidence, logLikelihood);
    }

    private GlmSummary summary(double[] betaStd, Standardizer standardizer, String[] terms, double phi, String source,
                               boolean quasi, boolean alphaFitted, int iterations, double confidence, double givenLogLik) {
        if (betaStd.length != p || terms.length != p || standardizer.columns() != p - 1) {
            throw new IllegalArgumentException("GLM summary: " + betaStd.length + " coefficients and " + terms.length
                    + " names for " + p + " columns (standardiser: " + standardizer.columns() + " inputs)");
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("GLM summary: confidence must be in (0, 1), got " + confidence);
        }
        final boolean fixed = family.hasFixedDispersion();
        final boolean estimated = !fixed || quasi;
        final double df = residualDf();
        final double dispersion = fixed ? (quasi ? pearsonDispersion() : 1.0) : phi;
        final String dispersionSource = fixed ? (quasi ? "quasi-likelihood: Pearson chi-square / " + num(df)
                + " residual degrees of freedom" : "fixed by the family") : source;
        final int m = kept.length;
        // T maps standardised (intercept, slopes) to original units over the kept columns
        final double[] mean = standardizer.mean(), scale = standardizer.scale();
        final double[] bStd = keptCoefficients(betaStd);
        final double[][] t = new double[m][m];
        t[0][0] = 1;
        for (int k = 1; k < m; k++) {
            final int col = kept[k] - 1;
            t[0][k] = -mean[col] / scale[col];
            t[k][k] = 1 / scale[col];
        }
        final double[] b = new double[m];
        for (int r = 0; r < m; r++) {
            for (int c = 0; c < m; c++) {
                b[r] += t[r][c] * bStd[c];
            }
        }
        // Cov = phi T R^-1 R^-T T'
        final double[][] tr = new double[m][m];
        for (int r = 0; r < m; r++) {
            for (int c = 0; c < m; c++) {
                double s = 0;
                for (int k = 0; k <= c; k++) {
                    s += t[r][k] * rInverse[k][c];
                }
                tr[r][c] = s;
            }
        }
        final double[][] cov = new double[p][p];
        for (double[] row : cov) {
            java.util.Arrays.fill(row, Double.NaN);
        }
        for (int r = 0; r < m; r++) {
            for (int c = 0; c < m; c++) {
                cov[kept[r]][kept[c]] = dispersion * dot(tr[r], tr[c]);
            }
        }
        final double tDf = estimated ? df : Double.POSITIVE_INFINITY;
        final boolean usable = tDf > 0 && Double.isFinite(dispersion);
        final double q = usable ? StudentT.quantile(0.5 + 0.5 * confidence, tDf) : Double.NaN;
        final double[] est = nans(p), se = nans(p), stat = nans(p), pv = nans(p), lo = nans(p), hi = nans(p);
        for (int r = 0; r < m; r++) {
            final int j = kept[r];
            est[j] = b[r];
            se[j] = Math.sqrt(cov[j][j]);
            stat[j] = est[j] / se[j];
            pv[j] = usable ? StudentT.twoSidedP(stat[j], tDf) : Double.NaN;
            lo[j] = est[j] - q * se[j];
            hi[j] = est[j] + q * se[j];
        }
        // likelihood
        final double deviance = deviance();
        final double nullDeviance = eta == null ? this.nullDeviance : offset == null ? family.nullDeviance(y, w)
                : neuralglm.family.Offsets.nullDeviance(family, y, w, offset);
        final boolean nb = family.distributionParameterName() != null;
        final double alpha = family.distributionParameter();
        final double alphaSe = nb && alphaFitted ? family.distributionParameterStandardError(y.data, means(), w) : Double.NaN;
        int k = m + (fixed ? 0 : 1) + (nb && alphaFitted ? 1 : 0);
        final double logLik = quasi && fixed ? Double.NaN : eta != null ? logLikelihood(deviance, phi) : givenLogLik;
        final double aic = -2 * logLik + 2 * k, bic = -2 * logLik + Math.log(observations) * k;
        return new GlmSummary(family, terms.clone(), est, se, stat, pv, lo, hi, aliased.clone(), cov, estimated, confidence,
                dispersion, dispersionSource, kind, m, observations, df, observations - 1, deviance, nullDeviance, pearson,
                logLik, k, aic, bic, iterations, alpha, alphaSe,
                notes(notes(quasi ? null : dispersionWarning(), separationNote()), zeroLikelihoodNote(logLik, deviance, phi)),
                null);
    }

    /**
     * @return when the log-likelihood is -Infinity (AIC and BIC Infinity), a note on why: how many rows have a class
     *         value of probability 0 under the fitted distribution, the first one's value and mean, and for Poisson
     *         rates (values that are not whole numbers) that the model is the counts' fit with offset log(exposure)
     *         when the exposure is the weight; else null
     */
    private String zeroLikelihoodNote(double logLik, double deviance, double modelPhi) {
        if (logLik != Double.NEGATIVE_INFINITY) {
            return null;
        }
        if (eta == null) {
            return "the log-likelihood is -Infinity, so AIC and BIC are Infinity (as R's glm gives them): some instances "
                    + "have a class value of probability 0 under the fitted " + family.name() + " distribution";
        }
        final int n = eta.numRows;
        final boolean prior = kind == Weights.PRIOR;
        final double phi = likelihoodPhi(deviance, modelPhi);
        int zero = 0;
        boolean whole = true;
        double firstY = Double.NaN, firstMu = Double.NaN;
        for (int i = 0; i < n; i++) {
            final double wi = weight(i), yi = y.data[i], mu = family.mean(eta.data[i]);
            if (wi > 0 && family.rowLogLikelihood(yi, mu, phi, wi, prior) == Double.NEGATIVE_INFINITY) {
                if (zero++ == 0) {
                    firstY = yi;
                    firstMu = mu;
                }
                whole &= yi == Math.rint(yi);
            }
        }
        if (zero == 0) {
            return null;
        }
        final String note = String.format(Locale.ROOT, "the log-likelihood is -Infinity, so AIC and BIC are Infinity (as "
                + "R's glm gives them): %d of the %s instances with a positive weight have a class value of probability 0 "
                + "under the fitted %s distribution (the first: %.6g at fitted mean %.6g)", zero, num(positiveRows),
                family.name(), firstY, firstMu);
        return whole || !(family instanceof neuralglm.family.PoissonFamily) ? note : note + ", as a Poisson count is a "
                + "whole number. For a rate (a count divided by its exposure) with the exposure as its prior weight, the "
                + "coefficients, standard errors, deviance and Pearson chi-square are those of the counts' Poisson GLM "
                + "with offset log(exposure) (R: glm(count ~ ... + offset(log(exposure)), family = poisson)); only the "
                + "likelihood is not the counts'";
    }

    private static String notes(String a, String b) {
        return a == null ? b : b == null ? a : a + ". Note: " + b;
    }

    /**
     * @return a note when rows' fitted means are saturated (R's glm warns "fitted probabilities numerically 0 or 1
     *         occurred"), else null
     */
    private String separationNote() {
        if (saturatedRows == 0) {
            return null;
        }
        return String.format(Locale.ROOT, "%d of the %s instances with a positive weight have a fitted mean numerically at "
                + "the edge of the %s family's range (%s), where they carry no information: the inputs separate them, "
                + "the coefficients grow without bound with the epochs, and their standard errors, tests and intervals are "
                + "not meaningful (R's glm warns: fitted probabilities numerically 0 or 1 occurred). Consider a weight decay "
                + "or a network", saturatedRows, num(positiveRows), family.name(),
                meansAreProbabilities() ? "a probability of 0 or 1" : "dmu/deta = 0");
    }

    /** @return whether the family's mean is a probability (Bernoulli, Binomial), whose edges are 0 and 1 */
    private boolean meansAreProbabilities() {
        return meansAreProbabilities(family);
    }

    private static boolean meansAreProbabilities(Family family) {
        return family.labelCoding() == Family.LabelCoding.BINARY || family.weightIsTrials();
    }

    private static double[] nans(int n) {
        final double[] a = new double[n];
        java.util.Arrays.fill(a, Double.NaN);
        return a;
    }

    private double[] means() {
        final double[] mu = new double[eta.numRows];
        for (int i = 0; i < mu.length; i++) {
            mu[i] = family.mean(eta.data[i]);
        }
        return mu;
    }

    /** @return the dispersion the log-likelihood's densities take ({@link Family#likelihoodDispersion}) */
    private double likelihoodPhi(double deviance, double modelPhi) {
        return family.likelihoodDispersion(deviance, totalWeight, observations, modelPhi);
    }

    private double logLikelihood(double deviance, double modelPhi) {
        return blockLogLikelihood(family, eta, y, w, likelihoodPhi(deviance, modelPhi), kind);
    }

    /**
     * For a family that fixes the dispersion (other than Bernoulli, whose 0/1 Pearson chi-square says little):
     * a note when chi2 is far out in either tail of chi-square(n - rank) (probability below 0.001).
     */
    private String dispersionWarning() {
        if (!family.hasFixedDispersion() || family.labelCoding() == Family.LabelCoding.BINARY) {
            return null;
        }
        final double df = residualDf();
        if (!(df > 0)) {
            return null;
        }
        final double upper = SpecialFunctions.regularizedGammaQ(0.5 * df, 0.5 * pearson);
        final double lower = 1 - upper;
        if (Math.min(upper, lower) >= 1e-3) {
            return null;
        }
        final boolean over = upper < lower;
        return String.format(Locale.ROOT, "Pearson chi-square / residual df = %.4g, far from the %s family's fixed "
                + "dispersion 1 (P = %.2g): the data are %s-dispersed, so these standard errors and intervals are %s; "
                + "consider -quasi%s", pearsonDispersion(), family.name(), Math.min(upper, lower), over ? "over" : "under",
                over ? "too small" : "too large", family.distributionParameterName() != null ? " or -dispersion ML"
                        : over && family.name().equals("Poisson") ? " or the NegativeBinomial family" : "");
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.6g", v);
    }

    /**
     * @param net a network without hidden layer and one output
     * @return its coefficients on the inputs it sees, intercept first: {@code (b, W_1, ..., W_d)}
     */
    public static double[] coefficientsOf(Sequential net) {
        if (net.layers().size() != 1 || !(net.layers().get(0) instanceof Linear)) {
            throw new IllegalArgumentException("GLM inference needs a network without hidden layer, got " + net);
        }
        final Linear out = (Linear) net.layers().get(0);
        if (out.outputs() != 1) {
            throw new IllegalArgumentException("GLM inference needs one output, the network has " + out.outputs());
        }
        final double[] b = new double[out.inputs() + 1];
        b[0] = out.bias().value().data[0];
        System.arraycopy(out.weight().value().data, 0, b, 1, out.inputs());
        return b;
    }
}

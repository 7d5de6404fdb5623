package neuralglm.model;

import neuralglm.dist.StandardNormal;
import neuralglm.dist.StudentT;
import neuralglm.family.Family;
import org.ejml.data.DMatrixRMaj;

/**
 * Likelihood inference for a multinomial logit GLM (the Categorical family without hidden layer), as R's
 * {@code summary(nnet::multinom(...))} and statsmodels' {@code MNLogit}. The K softmax outputs' coefficients are
 * identified only as differences, so the parameters are the log odds against a reference class r (the first output:
 * R's first level), {@code theta_c = beta_c - beta_r} for the K - 1 other classes, each over (intercept, inputs):
 * <pre>
 *   log(P(c | x) / P(r | x)) = theta_c0 + sum_a theta_ca x_a
 *   I[(c,a),(e,b)] = sum_i w_i (delta_ce p_ic - p_ic p_ie) A_ia A_ib,    A = [1, z]   (expected = observed information)
 *   Cov = T I^-1 T'  (T the standardiser's map to original units, block by block),  z = theta / se  (dispersion 1)
 *   D = -2 sum_i w_i log p_i,y_i (one-hot rows: the saturated log-likelihood is 0),  logLik = -D / 2,
 *   AIC = D + 2 m,  BIC = D + log(n) m,  m = (K - 1)(d + 1),  residual df = n - m
 * </pre>
 * n counts observations as {@link GlmInference} does (the sum of weights for frequency weights, rows of positive
 * weight for prior ones). A class without training weight is left out (its output carries no information; the
 * reference is the first class with weight). A column of the design that is a combination of earlier ones (collinear
 * inputs, a value no row has) is aliased in every class's block, R's NA, as in {@link GlmInference}: left out, and the
 * other coefficients are the projection of the fitted log odds on the kept columns (exact: they lie in their span).
 * A singular information on the kept columns (the inputs separate classes) and more than {@value #MAX_PARAMETERS}
 * coefficients or {@value #MAX_WORK} multiply-adds in the information pass are refused with the
 * reason. Terms are named {@code "class: term"}.
 */
public final class MultinomialInference {

    /** The information pass's multiply-adds n m^2 at most (an upper bound: entries of 0 are skipped). */
    static final double MAX_WORK = 2e9;
    /** The coefficients m at most (the factor and inverse take about m^3 multiply-adds; not timed). */
    static final int MAX_PARAMETERS = 600;

    private MultinomialInference() {
    }

    /**
     * @param family       the Categorical family
     * @param z            the standardised inputs, n x d. Not modified.
     * @param eta          the fitted outputs, n x K. Not modified.
     * @param y            the one-hot targets, n x K. Not modified.
     * @param w            instance weights or null. Not modified.
     * @param kind         how the weights are read
     * @param weight       the network's weights on the standardised inputs, K x d. Not modified.
     * @param bias         the network's biases, K. Not modified.
     * @param standardizer the inputs' standardiser
     * @param inputNames   the d inputs' names
     * @param classNames   the K outputs' class names, the reference first
     * @param iterations   the optimiser's iterations
     * @param confidence   the Wald intervals' coverage, in (0, 1)
     * @return the summary, terms {@code "class: (Intercept)"}, {@code "class: input"} for each class but the reference
     * @throws IllegalArgumentException when the information is singular or the shapes do not match
     */
    public static GlmSummary summary(Family family, DMatrixRMaj z, DMatrixRMaj eta, DMatrixRMaj y, double[] w,
                                     GlmInference.Weights kind, DMatrixRMaj weight, double[] bias, Standardizer standardizer,
                                     String[] inputNames, String[] classNames, int iterations, double confidence) {
        final int n = z.numRows, d = z.numCols, outputs = eta.numCols, p = d + 1;
        if (eta.numRows != n || y.numRows != n || y.numCols != outputs || weight.numRows != outputs
                || weight.numCols != d || bias.length != outputs || inputNames.length != d
                || classNames.length != outputs || standardizer.columns() != d) {
            throw new IllegalArgumentException("Multinomial inference: shapes do not match (z " + n + " x " + d + ", eta "
                    + eta.numRows + " x " + outputs + ", y " + y.numRows + " x " + y.numCols + ", " + classNames.length
                    + " class names)");
        }
        // the classes with training weight (an output without any has no likelihood information: left out, its
        // probability is the model's floor)
        final double[] classWeight = new double[outputs];
        for (int i = 0; i < n; i++) {
            final double wi = w == null ? 1 : w[i];
            for (int c = 0; c < outputs; c++) {
                classWeight[c] += wi > 0 ? wi * y.data[i * outputs + c] : 0;
            }
        }
        final int[] cls = java.util.stream.IntStream.range(0, outputs).filter(c -> classWeight[c] > 0).toArray();
        final int k = cls.length, m = (k - 1) * p;
        if (k < 2) {
            throw new IllegalArgumentException("fewer than two classes have training weight");
        }
        if ((double) n * m * m > MAX_WORK || m > MAX_PARAMETERS) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "%d log-odds coefficients over %d "
                    + "rows are too many for the information pass (%.2g multiply-adds; at most %.0g, and %d coefficients)",
                    m, n, (double) n * m * m, MAX_WORK, MAX_PARAMETERS));
        }
        final double[][] info = new double[m][m], gram = new double[p][p];
        final double[] prob = new double[k], row = new double[p];
        final int[] nonzero = new int[p];
        double positive = 0, total = 0, pearson = 0;
        for (int i = 0; i < n; i++) {
            final double wi = w == null ? 1 : w[i];
            if (!(wi > 0)) {
                continue;
            }
            positive++;
            total += wi;
            softmax(eta.data, i * outputs, cls, prob);
            for (int c = 0; c < k; c++) {
                final double r = y.data[i * outputs + cls[c]] - prob[c];
                pearson += prob[c] > 0 ? wi * r * r / prob[c] : 0;
            }
            row[0] = 1;
            System.arraycopy(z.data, i * d, row, 1, d);
            int nz = 0;   // the row's entries other than 0 (a nominal attribute's indicators are mostly 0)
            for (int a = 0; a < p; a++) {
                if (row[a] != 0) {
                    nonzero[nz++] = a;
                }
            }
            for (int ia = 0; ia < nz; ia++) {   // the design's Gram matrix A'A: its collinear columns are aliased
                for (int ib = 0; ib < nz; ib++) {
                    gram[nonzero[ia]][nonzero[ib]] += row[nonzero[ia]] * row[nonzero[ib]];
                }
            }
            for (int c = 1; c < k; c++) {
                for (int e = 1; e <= c; e++) {
                    final double v = wi * ((c == e ? prob[c] : 0) - prob[c] * prob[e]);
                    if (v == 0) {
                        continue;
                    }
                    final int rc = (c - 1) * p, re = (e - 1) * p;
                    for (int ia = 0; ia < nz; ia++) {
                        final int a = nonzero[ia];
                        final double va = v * row[a];
                        final double[] infoRow = info[rc + a];
                        for (int ib = 0; ib < nz; ib++) {
                            infoRow[re + nonzero[ib]] += va * row[nonzero[ib]];
                        }
                    }
                }
            }
        }
        for (int r = 0; r < m; r++) {   // the lower blocks' mirror
            for (int c = r + 1; c < m; c++) {
                info[r][c] = info[c][r];
            }
        }
        final String[] present = new String[k];
        for (int c = 0; c < k; c++) {
            present[c] = classNames[cls[c]];
        }
        // aliased: a column of the design that is a combination of earlier ones (R's qr of the model matrix), in every
        // class's block; the information on the other columns must then be invertible (else the inputs separate classes)
        final boolean[] designAliased = new boolean[p];
        GlmInference.cholesky(gram, designAliased, false, new java.util.ArrayList<>(), new double[p][]);
        if (designAliased[0]) {
            throw new IllegalArgumentException("no row has a positive weight");
        }
        final boolean[] aliased = new boolean[m];
        for (int j = 0; j < m; j++) {
            aliased[j] = designAliased[j % p];
        }
        final double[][] inverse = inverse(info, aliased, present, inputNames, p);
        int rank = 0;
        for (boolean a : aliased) {
            rank += a ? 0 : 1;
        }
        // theta in standardised units, then T (per class block) to original units
        final double[] mean = standardizer.mean(), scale = standardizer.scale();
        final String[] terms = new String[m];
        final double[] est = new double[m];
        final double[][] t = new double[m][m];
        for (int c = 1; c < k; c++) {
            final int o = (c - 1) * p;
            final double[] theta = new double[p];
            theta[0] = bias[cls[c]] - bias[cls[0]];
            for (int a = 0; a < d; a++) {
                theta[a + 1] = weight.data[cls[c] * d + a] - weight.data[cls[0] * d + a];
            }
            if (anyAliased(aliased, o, p)) {
                project(theta, aliased, o, z, eta, w, outputs, cls[c], cls[0]);
            }
            t[o][o] = 1;
            for (int a = 0; a < d; a++) {
                t[o][o + a + 1] = -mean[a] / scale[a];
                t[o + a + 1][o + a + 1] = 1 / scale[a];
            }
            for (int r = 0; r < p; r++) {
                double s = 0;
                for (int q = 0; q < p; q++) {
                    s += t[o + r][o + q] * theta[q];
                }
                est[o + r] = s;
                terms[o + r] = classNames[cls[c]] + ": " + (r == 0 ? "(Intercept)" : inputNames[r - 1]);
            }
        }
        // T has p entries in a block's intercept row and one in each slope row: its products over those entries
        final int[][] tCols = new int[m][];
        for (int r = 0; r < m; r++) {
            final int o = r - r % p;
            tCols[r] = r % p == 0 ? java.util.stream.IntStream.range(o, o + p).toArray() : new int[] {r};
        }
        final double[][] cov = new double[m][m];
        final double[][] ti = new double[m][m];   // T I^-1
        for (int r = 0; r < m; r++) {
            for (int c = 0; c < m; c++) {
                double s = 0;
                for (int q : tCols[r]) {
                    s += t[r][q] * inverse[q][c];
                }
                ti[r][c] = s;
            }
        }
        for (int r = 0; r < m; r++) {
            for (int c = 0; c < m; c++) {
                double s = 0;
                for (int q : tCols[c]) {
                    s += ti[r][q] * t[c][q];
                }
                cov[r][c] = s;
            }
        }
        final double quantile = StudentT.quantile(0.5 + 0.5 * confidence, Double.POSITIVE_INFINITY);
        final double[] se = new double[m], stat = new double[m], pv = new double[m], lo = new double[m], hi = new double[m];
        for (int j = 0; j < m; j++) {
            if (aliased[j]) {   // R's NA: no estimate, no row or column of the covariance
                java.util.Arrays.fill(cov[j], Double.NaN);
                for (double[] covRow : cov) {
                    covRow[j] = Double.NaN;
                }
                est[j] = se[j] = stat[j] = pv[j] = lo[j] = hi[j] = Double.NaN;
                continue;
            }
            se[j] = Math.sqrt(cov[j][j]);
            stat[j] = est[j] / se[j];
            pv[j] = 2 * StandardNormal.cdf(-Math.abs(stat[j]));
            lo[j] = est[j] - quantile * se[j];
            hi[j] = est[j] + quantile * se[j];
        }
        final double observations = kind == GlmInference.Weights.PRIOR ? positive : total;
        final double deviance = family.deviance(eta, y, w), nullDeviance = family.nullDeviance(y, w);
        final double logLik = -deviance / 2;
        return new GlmSummary(family, terms, est, se, stat, pv, lo, hi, aliased, cov, false, confidence, 1.0,
                "fixed by the family", kind, rank, observations, observations - rank, observations - (k - 1), deviance,
                nullDeviance, pearson, logLik, rank, deviance + 2 * rank, deviance + Math.log(observations) * rank,
                iterations, Double.NaN, Double.NaN, null, present[0]);
    }

    private static boolean anyAliased(boolean[] aliased, int o, int p) {
        for (int j = o; j < o + p; j++) {
            if (aliased[j]) {
                return true;
            }
        }
        return false;
    }

    /**
     * A block with aliased columns: theta on the kept columns is the least-squares projection of the fitted log odds
     * eta_c - eta_r (rows of positive weight) on them, exact since they lie in the kept columns' span (the network
     * may have split an effect between collinear columns); the aliased entries become 0.
     */
    private static void project(double[] theta, boolean[] aliased, int o, DMatrixRMaj z, DMatrixRMaj eta, double[] w,
                                int outputs, int c, int r) {
        final int p = theta.length, d = p - 1;
        final int[] kept = java.util.stream.IntStream.range(0, p).filter(j -> !aliased[o + j]).toArray();
        final int q = kept.length;
        final DMatrixRMaj ata = new DMatrixRMaj(q, q), atb = new DMatrixRMaj(q, 1);
        final double[] row = new double[p];
        for (int i = 0; i < z.numRows; i++) {
            if (w != null && !(w[i] > 0)) {
                continue;
            }
            row[0] = 1;
            System.arraycopy(z.data, i * d, row, 1, d);
            final double delta = eta.data[i * outputs + c] - eta.data[i * outputs + r];
            for (int a = 0; a < q; a++) {
                atb.data[a] += row[kept[a]] * delta;
                for (int b = 0; b < q; b++) {
                    ata.data[a * q + b] += row[kept[a]] * row[kept[b]];
                }
            }
        }
        final DMatrixRMaj sol = new DMatrixRMaj(q, 1);
        if (!org.ejml.dense.row.CommonOps_DDRM.solve(ata, atb, sol)) {
            throw new IllegalArgumentException("the kept columns' least-squares system is singular");
        }
        java.util.Arrays.fill(theta, 0.0);
        for (int a = 0; a < q; a++) {
            theta[kept[a]] = sol.data[a];
        }
    }

    /** The softmax over the outputs {@code cls} of the row at {@code off}, into out[0 .. cls.length - 1]. */
    private static void softmax(double[] eta, int off, int[] cls, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c : cls) {
            max = Math.max(max, eta[off + c]);
        }
        double sum = 0;
        for (int c = 0; c < cls.length; c++) {
            out[c] = Math.exp(eta[off + cls[c]] - max);
            sum += out[c];
        }
        for (int c = 0; c < cls.length; c++) {
            out[c] /= sum;
        }
    }

    /**
     * I^-1 over the columns not aliased (rows and columns of the aliased ones 0), by Cholesky.
     *
     * @throws IllegalArgumentException naming the coefficient where the information is singular (classes the inputs
     *                                  separate: fitted probabilities of 0 or 1 carry no information)
     */
    private static double[][] inverse(double[][] full, boolean[] aliased, String[] classNames, String[] inputNames,
                                      int p) {
        final int all = full.length;
        final java.util.List<Integer> keptList = new java.util.ArrayList<>();
        final double[][] lRows = new double[all][];
        final int bad = GlmInference.cholesky(full, aliased, true, keptList, lRows);
        if (bad >= 0) {
            final int a = bad % p;
            throw new IllegalArgumentException("the information matrix is singular at class " + classNames[bad / p + 1]
                    + "'s " + (a == 0 ? "intercept" : "coefficient of " + inputNames[a - 1]) + ": the inputs separate "
                    + "the classes (fitted probabilities of 0 or 1 carry no information; the maximum-likelihood "
                    + "coefficients are infinite). Give a weight decay (-weight-decay) for a finite model");
        }
        final int m = keptList.size();
        final double[][] l = new double[m][m];
        for (int r = 0; r < m; r++) {
            System.arraycopy(lRows[r], 0, l[r], 0, r + 1);
        }
        // L^-1, then I^-1 = L^-T L^-1
        final double[][] li = new double[m][m];
        for (int c = 0; c < m; c++) {
            li[c][c] = 1 / l[c][c];
            for (int r = c + 1; r < m; r++) {
                double s = 0;
                for (int q = c; q < r; q++) {
                    s += l[r][q] * li[q][c];
                }
                li[r][c] = -s / l[r][r];
            }
        }
        final double[][] inv = new double[all][all];
        for (int r = 0; r < m; r++) {
            for (int c = 0; c <= r; c++) {
                double s = 0;
                for (int q = r; q < m; q++) {
                    s += li[q][r] * li[q][c];
                }
                inv[keptList.get(r)][keptList.get(c)] = s;
                inv[keptList.get(c)][keptList.get(r)] = s;
            }
        }
        return inv;
    }
}

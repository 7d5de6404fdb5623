package neuralglm.model;

import java.io.Serializable;
import java.util.Locale;

import neuralglm.dist.SpecialFunctions;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

/**
 * Joint Wald tests of groups of a GLM's coefficients, one group per input attribute (a nominal attribute's k - 1
 * treatment contrasts together): SAS's "Type 3 analysis of effects" and R's
 * {@code car::Anova(fit, type = 3, test.statistic = "Wald")} for a model of main effects.
 * <pre>
 *   W_G = b_G' (V_GG)^-1 b_G        b_G the group's estimates, V = phi I^-1 the summary's covariance,
 *                                   G the group's coefficients that are not aliased, q = |G| its df
 *   dispersion fixed (z tests):     p = P(chi-square_q &gt; W_G)
 *   dispersion estimated (t tests): F = W_G / q,  p = P(F_{q, residual df} &gt; F)
 * </pre>
 * For one coefficient W = z^2 (F = t^2) and p is the coefficient table's. For a Gaussian GLM with the identity link
 * the F test is the one of dropping the group's columns and refitting (R's {@code drop1(fit, test = "F")}). A group
 * whose coefficients are all aliased has df 0 and NaN statistic and p. Immutable.
 */
public final class JointTests implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String[] names;
    private final int[] df;
    private final double[] statistic;
    private final double[] pValue;
    private final boolean f;
    private final double residualDf;

    private JointTests(String[] names, int[] df, double[] statistic, double[] pValue, boolean f, double residualDf) {
        this.names = names;
        this.df = df;
        this.statistic = statistic;
        this.pValue = pValue;
        this.f = f;
        this.residualDf = residualDf;
    }

    /**
     * @param s            the GLM's summary (its covariance and whether its tests are t tests)
     * @param names        the groups' names, e.g. the attributes'
     * @param coefficients per group, the indices of its coefficients in the summary (0 is the intercept)
     * @return the tests, in the groups' order
     * @throws IllegalArgumentException when the names and groups differ in number or an index is out of range
     */
    public static JointTests of(GlmSummary s, String[] names, int[][] coefficients) {
        if (names.length != coefficients.length) {
            throw new IllegalArgumentException("Joint tests: " + names.length + " names for " + coefficients.length
                    + " groups");
        }
        final double[][] cov = s.covariance;
        final int k = names.length;
        final int[] df = new int[k];
        final double[] stat = new double[k], p = new double[k];
        for (int g = 0; g < k; g++) {
            int q = 0;
            final int[] kept = new int[coefficients[g].length];
            for (int j : coefficients[g]) {
                if (j < 0 || j >= s.size()) {
                    throw new IllegalArgumentException("Joint tests: group '" + names[g] + "' names coefficient " + j
                            + " of " + s.size());
                }
                if (!s.aliased[j]) {
                    kept[q++] = j;
                }
            }
            df[g] = q;
            final double w = q == 0 ? Double.NaN : wald(s.estimate, cov, kept, q);
            if (s.tStatistic) {
                stat[g] = w / q;
                p[g] = fUpperTail(stat[g], q, s.residualDf);
            } else {
                stat[g] = w;
                p[g] = Double.isNaN(w) ? Double.NaN : SpecialFunctions.regularizedGammaQ(q / 2.0, w / 2);
            }
        }
        return new JointTests(names.clone(), df, stat, p, s.tStatistic, s.residualDf);
    }

    /** b_G' V_GG^-1 b_G by the Cholesky factor of V_GG; NaN when V_GG is not numerically positive definite. */
    private static double wald(double[] b, double[][] cov, int[] g, int q) {
        final DMatrixRMaj v = new DMatrixRMaj(q, q);
        final double[] bg = new double[q];
        for (int r = 0; r < q; r++) {
            bg[r] = b[g[r]];
            for (int c = 0; c < q; c++) {
                v.set(r, c, cov[g[r]][g[c]]);
            }
        }
        final CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(q, true);
        if (!chol.decompose(v)) {
            return Double.NaN;
        }
        final DMatrixRMaj l = chol.getT(null);
        // solve L u = b_G: W = |u|^2
        double w = 0;
        final double[] u = new double[q];
        for (int r = 0; r < q; r++) {
            double sum = bg[r];
            for (int c = 0; c < r; c++) {
                sum -= l.get(r, c) * u[c];
            }
            u[r] = sum / l.get(r, r);
            w += u[r] * u[r];
        }
        return Double.isFinite(w) ? w : Double.NaN;
    }

    /** P(F_{d1, d2} &gt; f) = I_{d2 / (d2 + d1 f)}(d2 / 2, d1 / 2). */
    static double fUpperTail(double f, double d1, double d2) {
        if (Double.isNaN(f) || !(d2 > 0)) {
            return Double.NaN;
        }
        if (f <= 0) {
            return 1.0;
        }
        return SpecialFunctions.regularizedBeta(d2 / (d2 + d1 * f), d2 / 2, d1 / 2);
    }

    /** @return the number of groups */
    public int size() {
        return names.length;
    }

    /** @return the groups' names */
    public String[] names() {
        return names.clone();
    }

    /** @return each group's degrees of freedom: its coefficients that are not aliased */
    public int[] df() {
        return df.clone();
    }

    /** @return each group's statistic: W (chi-square) or W / q (F, see {@link #isF()}) */
    public double[] statistics() {
        return statistic.clone();
    }

    /** @return each group's p-value */
    public double[] pValues() {
        return pValue.clone();
    }

    /** @return true for F tests (the dispersion is estimated), false for chi-square tests */
    public boolean isF() {
        return f;
    }

    /** @return whether any group has more than one coefficient (else the tests repeat the coefficient table's) */
    public boolean anyJoint() {
        for (int d : df) {
            if (d > 1) {
                return true;
            }
        }
        return false;
    }

    /** @return the table, laid out as R prints an analysis of deviance */
    public String format() {
        final String head = f ? "F value" : "Chisq", ph = f ? "Pr(>F)" : "Pr(>Chisq)";
        int nw = 0, sw = head.length(), pw = ph.length(), dw = 2;
        final String[] s = new String[size()], p = new String[size()];
        for (int g = 0; g < size(); g++) {
            nw = Math.max(nw, names[g].length());
            s[g] = GlmTable.g(statistic[g], 5);
            p[g] = GlmTable.p(pValue[g]);
            sw = Math.max(sw, s[g].length());
            pw = Math.max(pw, p[g].length());
            dw = Math.max(dw, Integer.toString(df[g]).length());
        }
        final StringBuilder sb = new StringBuilder();
        sb.append("Joint tests of each attribute's coefficients (Wald: ").append(f
                ? "F = W / Df on Df and " + GlmTable.count(residualDf) + " residual df"
                : "W = b' V^-1 b, chi-square on Df").append("; as SAS's Type 3 analysis of effects)\n");
        sb.append(String.format(Locale.ROOT, "%-" + nw + "s  %" + dw + "s  %" + sw + "s  %" + pw + "s%n", "", "Df", head, ph));
        for (int g = 0; g < size(); g++) {
            sb.append(String.format(Locale.ROOT, "%-" + nw + "s  %" + dw + "d  %" + sw + "s  %" + pw + "s", names[g], df[g],
                    s[g], p[g]));
            if (df[g] == 0) {
                sb.append("  (aliased)");
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}

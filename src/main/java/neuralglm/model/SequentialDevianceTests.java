package neuralglm.model;

import java.io.Serializable;
import java.util.Arrays;


/**
 * Sequential analysis of deviance of a GLM: the terms (input attributes) added one at a time in their order, each
 * row the deviance the term removes from the model of the terms before it, as R's {@code anova(fit, test = "Chisq")}
 * (fixed dispersion) or {@code anova(fit, test = "F")} (estimated dispersion).
 * <pre>
 *   models M_0 (intercept only; with an offset, the intercept-only fit with it) &sub; M_1 &sub; ... &sub; M_k (the full GLM),
 *   M_j with the first j terms; D_j its deviance, r_j its residual df
 *   term j:  Df_j = r_{j-1} - r_j,   Deviance_j = D_{j-1} - D_j
 *   fixed dispersion (phi = 1):       p = P(chi-square_{Df_j} &gt; Deviance_j / phi)
 *   estimated dispersion:             F = (Deviance_j / Df_j) / phi,   p = P(F_{Df_j, r_k} &gt; F)
 * </pre>
 * with phi the full fit's dispersion (R: {@code summary(fit)$dispersion}, Pearson's) and r_k its residual df. A term
 * that adds no degree of freedom (every column aliased with the terms before it, or left out as useless) has NaN
 * statistic and p; so has a term whose model failed to fit. Unlike drop tests, the rows depend on the terms' order.
 * Immutable.
 */
public final class SequentialDevianceTests implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String[] names;
    private final double nullDeviance;
    private final double nullDf;
    private final double[] df;
    private final double[] deviance;
    private final double[] residualDf;
    private final double[] residualDeviance;
    private final double[] statistic;
    private final double[] pValue;
    private final boolean f;
    private final double dispersion;
    private final String[] failures;

    private SequentialDevianceTests(String[] names, double nullDeviance, double nullDf, double[] df, double[] deviance,
                                    double[] residualDf, double[] residualDeviance, double[] statistic, double[] pValue,
                                    boolean f, double dispersion, String[] failures) {
        this.names = names;
        this.nullDeviance = nullDeviance;
        this.nullDf = nullDf;
        this.df = df;
        this.deviance = deviance;
        this.residualDf = residualDf;
        this.residualDeviance = residualDeviance;
        this.statistic = statistic;
        this.pValue = pValue;
        this.f = f;
        this.dispersion = dispersion;
        this.failures = failures;
    }

    /**
     * @param full       the full GLM's summary (M_k: its deviance, residual df, dispersion, null deviance and null df)
     * @param names      the k terms' names, in the order they are added
     * @param deviance   D_1 .. D_{k-1}: the deviances of the models with the first 1 .. k-1 terms (NaN where the fit
     *                   failed)
     * @param residualDf r_1 .. r_{k-1}: their residual degrees of freedom
     * @param failures   per model M_1 .. M_{k-1}, why its fit failed, or null
     * @return the tests
     * @throws IllegalArgumentException when the arrays do not have k - 1 entries
     */
    public static SequentialDevianceTests of(GlmSummary full, String[] names, double[] deviance, double[] residualDf,
                                             String[] failures) {
        final int k = names.length;
        if (k == 0 || deviance.length != k - 1 || residualDf.length != k - 1 || failures.length != k - 1) {
            throw new IllegalArgumentException("Sequential deviance tests: " + k + " terms need " + Math.max(0, k - 1)
                    + " nested fits; got " + deviance.length + " deviances, " + residualDf.length + " df, "
                    + failures.length + " reasons");
        }
        // after each term: M_1 .. M_{k-1} from the refits, M_k the full fit
        final double[] rd = Arrays.copyOf(residualDf, k), rr = Arrays.copyOf(deviance, k);
        rd[k - 1] = full.residualDf();
        rr[k - 1] = full.deviance();
        final boolean estimated = full.isT();
        final double phi = estimated ? full.dispersion() : 1.0;
        final double[] df = new double[k], dev = new double[k], stat = new double[k], p = new double[k];
        for (int j = 0; j < k; j++) {
            df[j] = DevianceTests.df((j == 0 ? full.nullDf() : rd[j - 1]) - rd[j], full.nullDf());
            dev[j] = (j == 0 ? full.nullDeviance() : rr[j - 1]) - rr[j];
            final double[] test = DevianceTests.test(dev[j], df[j], phi, rd[k - 1], estimated);
            stat[j] = test[0];
            p[j] = test[1];
        }
        return new SequentialDevianceTests(names.clone(), full.nullDeviance(), full.nullDf(), df, dev, rd, rr, stat, p,
                estimated, phi, Arrays.copyOf(failures, k));
    }

    /** @return the number of terms */
    public int size() {
        return names.length;
    }

    /** @return the terms' names, in the order they were added */
    public String[] names() {
        return names.clone();
    }

    /** @return each term's degrees of freedom, r_{j-1} - r_j */
    public double[] df() {
        return df.clone();
    }

    /** @return each term's deviance reduction, D_{j-1} - D_j */
    public double[] deviances() {
        return deviance.clone();
    }

    /** @return r_j, the residual df after each term */
    public double[] residualDf() {
        return residualDf.clone();
    }

    /** @return D_j, the residual deviance after each term */
    public double[] residualDeviances() {
        return residualDeviance.clone();
    }

    /** @return each term's statistic: the deviance reduction (chi-square) or F ({@link #isF()}) */
    public double[] statistics() {
        return statistic.clone();
    }

    /** @return each term's p-value */
    public double[] pValues() {
        return pValue.clone();
    }

    /** @return per term, why the fit of the model ending with it failed, or null */
    public String[] failures() {
        return failures.clone();
    }

    /** @return true for F tests (the dispersion is estimated), false for chi-square tests */
    public boolean isF() {
        return f;
    }

    /** @return the table, laid out as R's anova.glm prints it */
    public String format() {
        final int k = size();
        final String[][] cells = new String[k + 1][f ? 7 : 6];
        final String[] header = f ? new String[] {"", "Df", "Deviance", "Resid. Df", "Resid. Dev", "F", "Pr(>F)"}
                : new String[] {"", "Df", "Deviance", "Resid. Df", "Resid. Dev", "Pr(>Chi)"};
        cells[0] = f ? new String[] {"NULL", "", "", GlmTable.count(nullDf), GlmTable.g(nullDeviance, 5), "", ""}
                : new String[] {"NULL", "", "", GlmTable.count(nullDf), GlmTable.g(nullDeviance, 5), ""};
        for (int j = 0; j < k; j++) {
            final String[] c = {names[j], GlmTable.count(df[j]), GlmTable.g(deviance[j], 5), GlmTable.count(residualDf[j]),
                GlmTable.g(residualDeviance[j], 5)};
            cells[j + 1] = f ? new String[] {c[0], c[1], c[2], c[3], c[4], GlmTable.g(statistic[j], 5), GlmTable.p(pValue[j])}
                    : new String[] {c[0], c[1], c[2], c[3], c[4], GlmTable.p(pValue[j])};
        }
        final StringBuilder sb = new StringBuilder();
        sb.append("Analysis of deviance, terms added sequentially (first to last; as R's anova(fit, test = \"")
                .append(f ? "F\"): F = (deviance / Df) / dispersion " + GlmTable.g(dispersion, 5)
                        : "Chisq\"): chi-square of the deviance on Df")
                .append(")\n");
        sb.append(GlmTable.columns(header, cells));
        for (int j = 0; j < k; j++) {
            if (failures[j] != null) {
                sb.append("NA for ").append(names[j]).append(": the fit of the terms up to it failed: ").append(failures[j])
                        .append('\n');
            }
        }
        return sb.toString();
    }
}

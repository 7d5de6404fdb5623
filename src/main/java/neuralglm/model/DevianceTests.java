package neuralglm.model;

import java.io.Serializable;

import neuralglm.dist.SpecialFunctions;

/**
 * Likelihood-ratio tests of dropping each group of a GLM's coefficients (each input attribute), from the GLM refitted
 * without the group: R's {@code drop1(fit, test = "Chisq")} for a fixed dispersion and {@code drop1(fit, test = "F")}
 * for an estimated one.
 * <pre>
 *   Df_G = residual df of the fit without G - residual df of the full fit
 *   fixed dispersion:     LRT = max(0, D_G - D),              p = P(chi-square_{Df} &gt; LRT)
 *   estimated dispersion: F = (max(0, D_G - D) / Df) / (D / rdf),  p = P(F_{Df, rdf} &gt; F)
 * </pre>
 * with D and rdf the full fit's deviance and residual df, D_G the refit's deviance; a group whose removal changes no
 * degree of freedom (every column aliased or left out as useless) has NaN statistic and p. AIC is each refit's own
 * (R's {@code AIC(update(fit, . ~ . - term))}; drop1's AIC column takes the full fit's dispersion for every refit, the
 * same for Poisson, binomial and Gaussian). Immutable.
 */
public final class DevianceTests implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String[] names;
    private final double fullDeviance;
    private final double fullAic;
    private final double[] df;
    private final double[] deviance;
    private final double[] aic;
    private final double[] statistic;
    private final double[] pValue;
    private final boolean f;
    private final String[] failures;

    private DevianceTests(String[] names, double fullDeviance, double fullAic, double[] df, double[] deviance, double[] aic,
                          double[] statistic, double[] pValue, boolean f, String[] failures) {
        this.names = names;
        this.fullDeviance = fullDeviance;
        this.fullAic = fullAic;
        this.df = df;
        this.deviance = deviance;
        this.aic = aic;
        this.statistic = statistic;
        this.pValue = pValue;
        this.f = f;
        this.failures = failures;
    }

    /**
     * @param full       the full GLM's summary
     * @param names      the groups' names
     * @param deviance   per group, the deviance of the GLM fitted without it
     * @param residualDf per group, that fit's residual degrees of freedom
     * @param aic        per group, that fit's AIC (NaN where it has none)
     * @param failures   per group, why its fit failed (its deviance NaN), or null
     * @return the tests
     * @throws IllegalArgumentException when the arrays differ in length
     */
    public static DevianceTests of(GlmSummary full, String[] names, double[] deviance, double[] residualDf, double[] aic,
                                   String[] failures) {
        final int k = names.length;
        if (deviance.length != k || residualDf.length != k || aic.length != k || failures.length != k) {
            throw new IllegalArgumentException("Deviance tests: " + k + " names, " + deviance.length + " deviances, "
                    + residualDf.length + " df, " + aic.length + " AICs");
        }
        final double d = full.deviance(), rdf = full.residualDf();
        final double[] df = new double[k], stat = new double[k], p = new double[k];
        for (int g = 0; g < k; g++) {
            df[g] = df(residualDf[g] - rdf, rdf);
            // drop1's F takes the deviance over its residual df as the scale; its chi-square a scale of 1
            final double scale = !full.isT() ? 1 : rdf > 0 && d > 0 ? d / rdf : Double.NaN;
            final double[] test = test(deviance[g] - d, df[g], scale, rdf, full.isT());
            stat[g] = test[0];
            p[g] = test[1];
        }
        return new DevianceTests(names.clone(), d, full.aic(), df, deviance.clone(), aic.clone(), stat, p, full.isT(),
                failures.clone());
    }

    /**
     * @param df        a difference of residual degrees of freedom
     * @param reference the df it is taken against
     * @return df, or 0 where it is 0 to rounding (frequency weights: df are sums of weights)
     */
    static double df(double df, double reference) {
        return Math.abs(df) <= 1e-9 * Math.max(1, reference) ? 0 : df;
    }

    /**
     * The test of a deviance difference between nested GLMs (R's stat.anova):
     * <pre>
     *   fixed dispersion:      chi-square = max(0, diff) / scale,         p = P(chi-square_df &gt; chi-square)
     *   estimated dispersion:  F = max(0, diff) / df / scale,              p = P(F_{df, rdf} &gt; F)
     * </pre>
     * NaN for both where df is not positive or the difference is not finite.
     *
     * @param diff  the deviance the larger model removes
     * @param df    its degrees of freedom
     * @param scale the dispersion (1 for a fixed one)
     * @param rdf   the residual df of the F test's denominator
     * @param f     F test (estimated dispersion), else chi-square
     * @return {statistic, p}
     */
    static double[] test(double diff, double df, double scale, double rdf, boolean f) {
        if (!(df > 0) || !Double.isFinite(diff)) {
            return new double[] {Double.NaN, Double.NaN};
        }
        final double reduction = Math.max(0, diff);
        if (f) {
            final double stat = scale > 0 && rdf > 0 ? reduction / df / scale : Double.NaN;
            return new double[] {stat, JointTests.fUpperTail(stat, df, rdf)};
        }
        return new double[] {reduction / scale, SpecialFunctions.regularizedGammaQ(df / 2, reduction / scale / 2)};
    }

    /** @return the number of groups */
    public int size() {
        return names.length;
    }

    /** @return the groups' names */
    public String[] names() {
        return names.clone();
    }

    /** @return each group's degrees of freedom: the refit's residual df minus the full fit's */
    public double[] df() {
        return df.clone();
    }

    /** @return each refit's deviance */
    public double[] deviances() {
        return deviance.clone();
    }

    /** @return each refit's AIC (NaN where it has none) */
    public double[] aics() {
        return aic.clone();
    }

    /** @return each group's statistic: the deviance difference (chi-square) or F ({@link #isF()}) */
    public double[] statistics() {
        return statistic.clone();
    }

    /** @return each group's p-value */
    public double[] pValues() {
        return pValue.clone();
    }

    /** @return per group, why the fit without it failed, or null */
    public String[] failures() {
        return failures.clone();
    }

    /** @return true for F tests (the dispersion is estimated), false for chi-square tests */
    public boolean isF() {
        return f;
    }

    /** @return the table, laid out as R's drop1 prints it */
    public String format() {
        final String head = f ? "F value" : "LRT", ph = f ? "Pr(>F)" : "Pr(>Chi)";
        final int k = size();
        final String[][] cells = new String[k + 1][6];
        cells[0] = new String[] {"<none>", "", GlmTable.g(fullDeviance, 5), GlmTable.g(fullAic, 5), "", ""};
        for (int g = 0; g < k; g++) {
            cells[g + 1] = new String[] {names[g], GlmTable.count(df[g]), GlmTable.g(deviance[g], 5), GlmTable.g(aic[g], 5),
                GlmTable.g(statistic[g], 5), GlmTable.p(pValue[g])};
        }
        final String[] header = {"", "Df", "Deviance", "AIC", head, ph};
        final StringBuilder sb = new StringBuilder();
        sb.append("Likelihood-ratio tests of dropping each attribute (the GLM fitted again without it; as R's drop1, ")
                .append(f ? "F = (deviance difference / Df) / (deviance / residual df)" : "LRT = deviance difference, chi-square on Df")
                .append(")\n");
        sb.append(GlmTable.columns(header, cells));
        for (int g = 0; g < k; g++) {
            if (failures[g] != null) {
                sb.append("NA for ").append(names[g]).append(": the fit without it failed: ").append(failures[g]).append('\n');
            }
        }
        return sb.toString();
    }
}

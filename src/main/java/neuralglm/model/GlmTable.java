package neuralglm.model;

import java.util.Locale;

import neuralglm.family.Family;
import neuralglm.family.Link;

/**
 * The text of a GLM's coefficient table and statistics, laid out as R's {@code summary.glm} prints them
 * (estimates to 6 significant digits, p-values to 4; {@link GlmSummary} keeps full precision), for every
 * face's report (Weka's model text, the Jython bridge's {@code summary()}). Formatting only.
 */
public final class GlmTable {

    private GlmTable() {
    }

    static String g(double v, int digits) {
        if (Double.isNaN(v)) {
            return "NA";
        }
        return String.format(Locale.ROOT, "%." + digits + "g", v);
    }

    /** A count (degrees of freedom, percentages) without trailing zeros. */
    static String count(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return g(v, 6).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
    }

    /** R's format.pval: below the machine epsilon as {@code < 2e-16}. */
    static String p(double v) {
        if (Double.isNaN(v)) {
            return "NA";
        }
        return v < 2.2e-16 ? "< 2e-16" : g(v, 4);
    }

    /**
     * A table of text cells under a header: the first column left-aligned, the others right-aligned, two spaces apart,
     * each as wide as its widest cell (R's print of an anova data frame).
     *
     * @param header the column names
     * @param rows   the rows, as many cells as the header
     * @return the lines, each ending with a newline
     */
    static String columns(String[] header, String[][] rows) {
        final int[] w = new int[header.length];
        for (int c = 0; c < w.length; c++) {
            w[c] = header[c].length();
            for (String[] r : rows) {
                w[c] = Math.max(w[c], r[c].length());
            }
        }
        final StringBuilder sb = new StringBuilder(line(header, w));
        for (String[] r : rows) {
            sb.append(line(r, w));
        }
        return sb.toString();
    }

    private static String line(String[] cells, int[] w) {
        final StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-" + w[0] + "s", cells[0]));
        for (int c = 1; c < cells.length; c++) {
            sb.append(String.format(Locale.ROOT, "  %" + w[c] + "s", cells[c]));
        }
        return sb.toString().replaceAll("\\s+$", "") + "\n";
    }

    private static String stars(double p) {
        return Double.isNaN(p) ? "" : p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : p < 0.1 ? "." : "";
    }

    /**
     * @param s          the summary
     * @param iterations what the iteration count counts, e.g. {@code "L-BFGS iterations"}; null to leave it out
     * @return the table and the statistics below it
     */
    public static String format(GlmSummary s, String iterations) {
        final Family family = s.family();
        final String stat = s.isT() ? "t" : "z";
        final String[] head = {"Estimate", "Std. Error", stat + " value", "Pr(>|" + stat + "|)",
            count(50 * (1 - s.confidence())) + " %", count(100 - 50 * (1 - s.confidence())) + " %"};
        final int n = s.size();
        final String[][] cells = new String[n][6];
        int nameWidth = 0;
        final int[] width = new int[6];
        for (int c = 0; c < 6; c++) {
            width[c] = head[c].length();
        }
        for (int j = 0; j < n; j++) {
            nameWidth = Math.max(nameWidth, s.terms()[j].length());
            cells[j] = new String[] {g(s.estimates()[j], 6), g(s.standardErrors()[j], 6), g(s.statistics()[j], 5),
                p(s.pValues()[j]), g(s.lowerBounds()[j], 6), g(s.upperBounds()[j], 6)};
            for (int c = 0; c < 6; c++) {
                width[c] = Math.max(width[c], cells[j][c].length());
            }
        }
        final StringBuilder sb = new StringBuilder();
        if (s.reference() != null) {
            sb.append("Coefficients in the original attribute units: log(P(class) / P(").append(s.reference())
                    .append(")) = Intercept + sum of coefficient * value, for each class but the reference ")
                    .append(s.reference()).append(" (as R's multinom)\n");
        } else {
            sb.append("Coefficients in the original attribute units: ").append(family.link().toString().startsWith("canonical")
                    ? "eta" : family.link() + "(mu)").append(" = Intercept + sum of coefficient * value\n");
        }
        sb.append("(standard errors from the inverse Fisher information at the fit");
        sb.append(s.isT() ? ", times the estimated dispersion; t tests on " + count(s.residualDf()) + " df" : "; z tests");
        sb.append("; Wald intervals with the ").append(s.isT() ? "t" : "normal").append(" quantile)\n");
        if (family.link() == Link.NEGATIVE_INVERSE || family.link() == Link.NEGATIVE_HALF_INVERSE_SQUARED) {
            sb.append("(R's and statsmodels' inverse links are 1/mu and 1/mu^2: their coefficients are -1 and -2 times these)\n");
        }
        sb.append(String.format(Locale.ROOT, "%-" + nameWidth + "s", ""));
        for (int c = 0; c < 6; c++) {
            sb.append(String.format(Locale.ROOT, "  %" + width[c] + "s", head[c]));
        }
        sb.append('\n');
        boolean anyAliased = false;
        for (int j = 0; j < n; j++) {
            sb.append(String.format(Locale.ROOT, "%-" + nameWidth + "s", s.terms()[j]));
            for (int c = 0; c < 6; c++) {
                sb.append(String.format(Locale.ROOT, "  %" + width[c] + "s", cells[j][c]));
            }
            final String st = stars(s.pValues()[j]);
            if (s.aliased()[j]) {
                anyAliased = true;
                sb.append("  (aliased)");
            } else if (!st.isEmpty()) {
                sb.append(' ').append(st);
            }
            sb.append('\n');
        }
        sb.append("---\nSignif. codes:  0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1 ' ' 1\n");
        if (anyAliased) {
            sb.append("NA (aliased): the column is a linear combination of earlier ones (collinear); its coefficient is not "
                    + "identifiable and is left out, as R does\n");
        }
        sb.append('\n');
        sb.append("(Dispersion parameter for ").append(family.name()).append(" family taken to be ")
                .append(s.dispersion() == 1 ? "1" : g(s.dispersion(), 7)).append(": ").append(s.dispersionSource()).append(")\n");
        if (!Double.isNaN(s.alpha())) {
            sb.append("Negative binomial alpha: ").append(g(s.alpha(), 7));
            if (!Double.isNaN(s.alphaStandardError())) {
                sb.append(" (SE ").append(g(s.alphaStandardError(), 5)).append("), theta = 1/alpha = ")
                        .append(g(1 / s.alpha(), 7)).append(" (SE ")
                        .append(g(s.alphaStandardError() / (s.alpha() * s.alpha()), 5)).append("): maximum likelihood");
            } else {
                sb.append(" (given; -dispersion ML estimates it)");
            }
            sb.append('\n');
        }
        final int dw = Math.max(g(s.nullDeviance(), 6).length(), g(s.deviance(), 6).length());
        sb.append(String.format(Locale.ROOT, "    Null deviance: %" + dw + "s  on %s  degrees of freedom%n",
                g(s.nullDeviance(), 6), count(s.nullDf())));
        sb.append(String.format(Locale.ROOT, "Residual deviance: %" + dw + "s  on %s  degrees of freedom%n",
                g(s.deviance(), 6), count(s.residualDf())));
        sb.append("Weights: ").append(s.weights() == GlmInference.Weights.PRIOR
                ? "prior (variance phi V(mu)/w; degrees of freedom count instances" + (family.weightIsTrials()
                        ? "; for " + family.name() + " the weight is the number of trials)" : ")")
                : "frequency (an instance of weight w counts as w observations)").append('\n');
        if (Double.isNaN(s.logLikelihood())) {
            sb.append("Log-likelihood, AIC, BIC: not defined (" + (s.isT() && s.dispersionSource().startsWith("quasi")
                    ? "quasi-likelihood" : "the family has no density at these parameters") + ")\n");
        } else {
            sb.append("Log-likelihood: ").append(g(s.logLikelihood(), 7)).append(" (df = ").append(s.parametersCounted())
                    .append("),  AIC: ").append(g(s.aic(), 7)).append(",  BIC: ").append(g(s.bic(), 7)).append('\n');
        }
        sb.append("Pearson chi-square: ").append(g(s.pearsonChiSquare(), 6)).append(" on ").append(count(s.residualDf()))
                .append(" degrees of freedom (ratio ").append(s.residualDf() > 0 ? g(s.pearsonChiSquare() / s.residualDf(), 4)
                        : "NA: no residual degrees of freedom").append(")\n");
        if (s.dispersionWarning() != null) {
            sb.append("Note: ").append(s.dispersionWarning()).append('\n');
        }
        if (iterations != null) {
            sb.append(iterations).append(": ").append(s.iterations()).append('\n');
        }
        return sb.toString();
    }
}

package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import neuralglm.model.GlmSummary;
import neuralglm.testutil.RFixture;
import org.junit.jupiter.api.Test;
import weka.core.Instances;
import weka.core.Utils;

/**
 * NeuralGLM in GLM mode (-hidden none) reports what R's summary.glm reports, with the same numbers, on the
 * ARFF files written by {@code src/test/resources/glmref/make_fixtures.R} next to R's results: treatment
 * coding of nominal attributes against their first value, aliased columns as NA, standard errors, z/t
 * statistics, p-values, intervals, degrees of freedom, log-likelihood, AIC, BIC, prior and frequency
 * weights, quasi-likelihood. R stops IRLS at a relative deviance change of 1e-8 and L-BFGS at its default
 * tolerance, so numbers are compared at 1e-5 relative (R prints 4-5 significant digits).
 */
class NeuralGLMInferenceTest {

    private static final double TOL = 1e-5;

    private static Instances arff(String name) {
        return RFixture.arff(name);
    }

    private static NeuralGLM build(String arff, String... options) throws Exception {
        final NeuralGLM glm = new NeuralGLM();
        glm.setOptions(options.clone());
        glm.buildClassifier(arff(arff));
        return glm;
    }

    private static void close(String what, double expected, double actual, double scale) {
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), what + ": R has NA, NeuralGLM " + actual);
        } else {
            assertEquals(expected, actual, TOL * Math.max(scale, Math.abs(expected)), what);
        }
    }

    /**
     * Table columns: estimate, se, statistic, p, lower, upper. {@code factor}: R's linear predictor over ours (-1 for
     * R's 1/mu link against our -1/mu, -2 for R's 1/mu^2 against our -1/(2 mu^2)).
     */
    private static void compare(RFixture f, NeuralGLM glm, double factor) {
        compare(f, glm, factor, true);
    }

    /** @param likelihood whether to compare the log-likelihood, AIC and BIC too */
    private static void compare(RFixture f, NeuralGLM glm, double factor, boolean likelihood) {
        final double sign = Math.signum(factor);
        final double[][] ours = glm.getCoefficientTable(), r = f.table();
        assertEquals(r.length, ours.length, f.name() + ": number of coefficients");
        for (int j = 0; j < r.length; j++) {
            final String t = f.name() + " " + f.terms()[j];
            final double se = Double.isNaN(r[j][1]) ? 0 : r[j][1];
            close(t + " estimate", r[j][0], factor * ours[j][0], 1e-3 * se);
            close(t + " se", r[j][1], Math.abs(factor) * ours[j][1], 0);
            close(t + " statistic", r[j][2], sign * ours[j][2], 1);
            // p's relative error is about z^2 times the statistic's
            if (Double.isNaN(r[j][3])) {
                assertTrue(Double.isNaN(ours[j][3]), t + " p");
            } else {
                assertEquals(r[j][3], ours[j][3], TOL * Math.max(1, r[j][2] * r[j][2]) * Math.max(r[j][3], 1e-3 * TOL), t + " p");
            }
            close(t + " lower", r[j][4], factor * ours[j][sign > 0 ? 4 : 5], se);
            close(t + " upper", r[j][5], factor * ours[j][sign > 0 ? 5 : 4], se);
        }
        final GlmSummary s = glm.getGlmSummary();
        close(f.name() + " deviance", f.stat("deviance"), s.deviance(), 0);
        close(f.name() + " null deviance", f.stat("null.deviance"), s.nullDeviance(), 0);
        assertEquals(f.stat("df.residual"), s.residualDf(), 1e-12, f.name() + " residual df");
        assertEquals(f.stat("df.null"), s.nullDf(), 1e-12, f.name() + " null df");
        close(f.name() + " dispersion", f.stat("dispersion"), s.dispersion(), 0);
        if (!likelihood) {
            return;
        }
        close(f.name() + " AIC", f.stat("aic"), s.aic(), 0);
        close(f.name() + " BIC", f.stat("bic"), s.bic(), 0);
        close(f.name() + " logLik", f.stat("loglik"), s.logLikelihood(), 0);
    }

    /**
     * The joint Wald tests of each attribute's coefficients against R's (W = b' V^-1 b from R's coef and vcov, checked
     * in the fixture script against car's Anova(type = 3, test.statistic = "Wald") and, for the Gaussian fits, drop1's F):
     * chi-square for a fixed dispersion, F = W / df for an estimated one.
     */
    private static void compareWald(String fixture, NeuralGLM glm) {
        final neuralglm.model.JointTests t = glm.getJointTests();
        final java.util.List<Object[]> r = RFixture.wald(fixture);
        assertArrayEquals(r.stream().map(row -> (String) row[0]).toArray(String[]::new), t.names(), fixture + " terms");
        final boolean f = glm.getGlmSummary().isT();
        assertEquals(f, t.isF(), fixture + " F or chi-square");
        for (int g = 0; g < r.size(); g++) {
            final Object[] row = r.get(g);
            final String what = fixture + " " + row[0];
            assertEquals((double) row[1], t.df()[g], 0, what + " df");
            final double stat = (double) row[f ? 4 : 2], p = (double) row[f ? 5 : 3];
            if (Double.isNaN(stat)) {
                assertTrue(Double.isNaN(t.statistics()[g]) && Double.isNaN(t.pValues()[g]), what + ": R has NA");
                continue;
            }
            assertEquals(stat, t.statistics()[g], TOL * Math.max(1, stat), what + " statistic");
            assertEquals(p, t.pValues()[g], TOL * Math.max(1, stat) * Math.max(p, 1e-3 * TOL), what + " p");
        }
    }

    @Test
    void jointTestsOfEachAttributeAsR() throws Exception {
        final NeuralGLM dobson = build("dobson", "-hidden", "none", "-family", "Poisson");
        compareWald("dobson", dobson);
        final String report = dobson.toString();
        assertTrue(report.contains("Joint tests of each attribute's coefficients (Wald: W = b' V^-1 b, chi-square on Df"),
                report);
        assertTrue(report.matches("(?s).*\\noutcome\\s+2\\s+5\\.4871\\s+0\\.06434\\n.*"), report);
        compareWald("quine_poisson", build("quine", "-hidden", "none", "-family", "Poisson"));
        compareWald("quine_quasipoisson", build("quine", "-hidden", "none", "-family", "Poisson", "-quasi"));
        // an estimated dispersion: F tests; an aliased attribute has df 0
        final NeuralGLM prior = build("mtcars_prior", "-hidden", "none", "-family", "Gaussian", "-weights", "Prior");
        compareWald("mtcars_prior", prior);
        assertTrue(prior.toString().contains("F = W / Df on Df and 27 residual df"), prior.toString());
        assertTrue(prior.toString().matches("(?s).*\\nwt2\\s+0\\s+NA\\s+NA  \\(aliased\\)\\n.*"), prior.toString());
        // without the aliased column and the weights: R's drop1 F of refitting without each attribute
        final Instances m = arff("mtcars_prior");
        m.deleteAttributeAt(m.attribute("wt2").index());
        for (int i = 0; i < m.numInstances(); i++) {
            m.instance(i).setWeight(1);
        }
        final NeuralGLM plain = new NeuralGLM();
        plain.setOptions(new String[] {"-hidden", "none", "-family", "Gaussian"});
        plain.buildClassifier(m);
        compareWald("mtcars_unweighted", plain);
        // the rate with its exposure as prior weight: the offset fit's covariance, so its tests
        compareWald("insurance_offset", build("insurance", "-hidden", "none", "-family", "Poisson", "-weights", "Prior"));
        // every attribute of one column: the coefficient table's tests already; no table
        final NeuralGLM clotting = build("clotting", "-hidden", "none", "-family", "Gamma");
        assertNull(clotting.getJointTests());
        assertFalse(clotting.toString().contains("Joint tests"), clotting.toString());
    }

    /** mtcars without the aliased column wt2 and with unit weights: R's {@code lm(mpg ~ cyl + wt + hp)}. */
    private static NeuralGLM mtcarsUnweighted(String... options) throws Exception {
        final Instances m = arff("mtcars_prior");
        m.deleteAttributeAt(m.attribute("wt2").index());
        for (int i = 0; i < m.numInstances(); i++) {
            m.instance(i).setWeight(1);
        }
        final NeuralGLM glm = new NeuralGLM();
        glm.setOptions(options.clone());
        glm.buildClassifier(m);
        return glm;
    }

    /** A fixture row as an instance of the header: each attribute's value from the column of its name (if any). */
    private static weka.core.Instance instance(Instances header, java.util.List<String> cols, String[] r) {
        final weka.core.Instance x = new weka.core.DenseInstance(header.numAttributes());
        x.setDataset(header);
        for (int a = 0; a < header.numAttributes(); a++) {
            final weka.core.Attribute att = header.attribute(a);
            final int c = cols.indexOf(att.name());
            if (c < 0) {
                continue;   // missing (the class of a row to predict)
            }
            if (att.isNominal()) {
                x.setValue(att, r[c]);
            } else {
                x.setValue(att, Double.parseDouble(r[c]));
            }
        }
        return x;
    }

    /**
     * R's predict.lm(interval = "prediction") and the t law's log density at new rows (the fixture's, the last one far
     * outside the data), to 1e-5.
     */
    private static void comparePrediction(String fixture, NeuralGLM glm) throws Exception {
        final Instances header = glm.fittedModel().header();
        final java.util.List<String[]> rows = RFixture.rows(fixture + ".predict.csv");
        final java.util.List<String> cols = java.util.Arrays.asList(rows.get(0));
        for (String[] r : rows.subList(1, rows.size())) {
            final weka.core.Instance x = instance(header, cols, r);
            final double fit = Double.parseDouble(r[cols.indexOf("fit")]);
            final String what = fixture + " at wt " + r[cols.indexOf("wt")];
            assertEquals(fit, glm.classifyInstance(x), TOL * Math.abs(fit), what + " fit");
            final double[] interval = glm.predictIntervals(x, 0.95)[0];
            final double lwr = Double.parseDouble(r[cols.indexOf("lwr")]), upr = Double.parseDouble(r[cols.indexOf("upr")]);
            assertEquals(lwr, interval[0], TOL * (upr - lwr), what + " lower");
            assertEquals(upr, interval[1], TOL * (upr - lwr), what + " upper");
            final double y = Double.parseDouble(r[cols.indexOf("mpg")]), logDensity = Double.parseDouble(r[cols.indexOf("logdens")]);
            assertEquals(logDensity, glm.logDensity(x, y), TOL * Math.abs(logDensity), what + " log density");
        }
    }

    @Test
    void aLinearModelsPredictionIntervalIsRsPredictLm() throws Exception {
        final NeuralGLM plain = mtcarsUnweighted("-hidden", "none", "-family", "Gaussian");
        comparePrediction("mtcars_unweighted", plain);
        // prior weights, an aliased column; a new row has weight 1 (variance phi), as predict.lm assumes
        comparePrediction("mtcars_prior", build("mtcars_prior", "-hidden", "none", "-family", "Gaussian",
                "-weights", "Prior"));
        // the t law's interval is wider than the plug-in normal's mu -/+ 1.96 sqrt(phi), most of all far from the data
        final Instances header = plain.fittedModel().header();
        final weka.core.Instance x = new weka.core.DenseInstance(header.numAttributes());
        x.setDataset(header);
        x.setValue(header.attribute("cyl"), "c8");
        x.setValue(header.attribute("wt"), 6);
        x.setValue(header.attribute("hp"), 300);
        final double[] t = plain.predictIntervals(x, 0.95)[0];
        final double phi = plain.getGlmSummary().dispersion(), z = 1.959963984540054;
        assertTrue(t[1] - t[0] > 1.2 * 2 * z * Math.sqrt(phi), java.util.Arrays.toString(t) + " phi " + phi);
        // -dispersion ML (RSS / n) is not the t's estimate: the plug-in normal with that phi
        final NeuralGLM ml = mtcarsUnweighted("-hidden", "none", "-family", "Gaussian", "-dispersion", "ML");
        final double[] n = ml.predictIntervals(x, 0.95)[0];
        final double mu = ml.classifyInstance(x), sigma = Math.sqrt(ml.fittedModel().dispersion().phi());
        assertEquals(mu - z * sigma, n[0], 1e-9 * sigma);
        assertEquals(mu + z * sigma, n[1], 1e-9 * sigma);
        // a network: the plug-in normal at its Pearson phi
        final NeuralGLM net = mtcarsUnweighted("-hidden", "3", "-family", "Gaussian", "-epochs", "20");
        final double[] nn = net.predictIntervals(x, 0.95)[0];
        final double netMu = net.classifyInstance(x), netSigma = Math.sqrt(net.fittedModel().dispersion().phi());
        assertEquals(netMu + z * netSigma, nn[1], 1e-9 * netSigma);
    }

    /**
     * R's drop1 (NAME.drop1.csv: the full fit's row first, then one per term) against -drop-tests' refits; the AIC is
     * each refit's own, R's AIC(update(fit, . ~ . - term)) (drop1's AIC column takes the full fit's dispersion for
     * every refit: the same for Poisson, binomial and Gaussian, not for Gamma).
     */
    private static void compareDrop(String fixture, NeuralGLM glm) {
        final neuralglm.model.DevianceTests t = glm.fittedModel().devianceTests();
        final java.util.List<String[]> rows = RFixture.rows(fixture + ".drop1.csv");
        final double[] full = {Double.parseDouble(rows.get(1)[2]), num(rows.get(1)[6])};
        close(fixture + " <none> deviance", full[0], glm.getGlmSummary().deviance(), 0);
        close(fixture + " <none> AIC", full[1], glm.getGlmSummary().aic(), 0);
        assertEquals(rows.size() - 2, t.size(), fixture + " terms");
        for (int g = 0; g < t.size(); g++) {
            final String[] r = rows.get(g + 2);
            final String what = fixture + " " + r[0];
            assertEquals(r[0], t.names()[g], what);
            assertEquals(Double.parseDouble(r[1]), t.df()[g], 1e-9, what + " df");
            close(what + " deviance", Double.parseDouble(r[2]), t.deviances()[g], 0);
            close(what + " AIC", num(r[6]), t.aics()[g], 0);
            final double stat = Double.parseDouble(r[4]), p = Double.parseDouble(r[5]);
            // the statistic is a difference of deviances: its error is the deviances' (1e-5 of the larger)
            assertEquals(stat, t.statistics()[g], TOL * Math.max(1, t.deviances()[g]), what + " statistic");
            assertEquals(p, t.pValues()[g], TOL * Math.max(1, t.deviances()[g]) * Math.max(p, 1e-3 * TOL) + 1e-9,
                    what + " p");
        }
    }

    private static double num(String s) {
        return s.equals("NA") ? Double.NaN : Double.parseDouble(s);
    }

    @Test
    void dropTestsAreRsDrop1() throws Exception {
        final NeuralGLM dobson = build("dobson", "-hidden", "none", "-family", "Poisson", "-drop-tests");
        compareDrop("dobson", dobson);
        final String report = dobson.toString();
        assertTrue(report.contains("Likelihood-ratio tests of dropping each attribute (the GLM fitted again without it; "
                + "as R's drop1, LRT = deviance difference, chi-square on Df)"), report);
        assertTrue(report.matches("(?s).*\\noutcome\\s+2\\s+10\\.581\\s+58\\.214\\s+5\\.4523\\s+0\\.06547\\n.*"), report);
        compareDrop("quine_poisson", build("quine", "-hidden", "none", "-family", "Poisson", "-drop-tests"));
        compareDrop("quine_quasipoisson", build("quine", "-hidden", "none", "-family", "Poisson", "-quasi", "-drop-tests"));
        compareDrop("mtcars_unweighted", mtcarsUnweighted("-hidden", "none", "-family", "Gaussian", "-drop-tests"));
        // one input: dropping it leaves the intercept-only model
        compareDrop("clotting_log", build("clotting", "-hidden", "none", "-family", "Gamma", "-drop-tests"));
        compareDrop("mtcars_am", build("mtcars_am", "-hidden", "none", "-family", "Bernoulli", "-drop-tests"));
        // off by default; the option round-trips
        final NeuralGLM plain = build("dobson", "-hidden", "none", "-family", "Poisson");
        assertNull(plain.fittedModel().devianceTests());
        assertFalse(plain.toString().contains("Likelihood-ratio tests"));
        assertTrue(java.util.Arrays.asList(dobson.getOptions()).contains("-drop-tests"));
        assertFalse(java.util.Arrays.asList(plain.getOptions()).contains("-drop-tests"));
        assertFalse(plain.toString().contains("Drop tests:"));
        // a network is not refitted: its report says so rather than nothing
        final NeuralGLM net = build("dobson", "-hidden", "3", "-family", "Poisson", "-drop-tests");
        assertNull(net.fittedModel().devianceTests());
        assertTrue(net.toString().contains("Drop tests:        not computed: -drop-tests refits GLMs (-hidden none); "
                + "a network's inputs are not tested"), net.toString());
    }

    /**
     * R's sequential analysis of deviance (NAME.anova.csv from {@code make_anova_fixtures.R}: the NULL row, then one per
     * term in the data's order) against -anova's nested refits: Df, the deviance each term removes, the residual df and
     * deviance after it, the chi-square or F statistic and its p-value. The reductions are differences of deviances, so
     * their error is the deviances' (1e-5 of the larger).
     */
    private static void compareAnova(String fixture, NeuralGLM glm) {
        final neuralglm.model.SequentialDevianceTests t = glm.fittedModel().sequentialTests();
        final java.util.List<String[]> rows = RFixture.rows(fixture + ".anova.csv");
        assertEquals("NULL", rows.get(1)[0]);
        close(fixture + " NULL residual deviance", Double.parseDouble(rows.get(1)[4]), glm.getGlmSummary().nullDeviance(), 0);
        assertEquals(rows.size() - 2, t.size(), fixture + " terms");
        for (int j = 0; j < t.size(); j++) {
            final String[] r = rows.get(j + 2);
            final String what = fixture + " " + r[0];
            final double scale = Math.max(1, Double.parseDouble(r[4]) + Double.parseDouble(r[2]));
            assertEquals(r[0], t.names()[j], what);
            assertEquals(Double.parseDouble(r[1]), t.df()[j], 1e-9, what + " df");
            assertEquals(Double.parseDouble(r[3]), t.residualDf()[j], 1e-9, what + " residual df");
            assertEquals(Double.parseDouble(r[2]), t.deviances()[j], TOL * scale, what + " deviance");
            close(what + " residual deviance", Double.parseDouble(r[4]), t.residualDeviances()[j], 0);
            final double stat = Double.parseDouble(r[5]), p = Double.parseDouble(r[6]);
            assertEquals(stat, t.statistics()[j], TOL * scale * Math.max(1, Math.abs(stat) / Math.max(1e-300,
                    Math.abs(Double.parseDouble(r[2])))), what + " statistic");
            assertEquals(p, t.pValues()[j], TOL * scale * Math.max(p, 1e-3 * TOL) + 1e-9, what + " p");
        }
    }

    @Test
    void anovaIsRsSequentialAnalysisOfDeviance() throws Exception {
        final NeuralGLM dobson = build("dobson", "-hidden", "none", "-family", "Poisson", "-anova");
        compareAnova("dobson", dobson);
        final String report = dobson.toString();
        assertTrue(report.contains("Analysis of deviance, terms added sequentially (first to last; as R's anova(fit, "
                + "test = \"Chisq\"): chi-square of the deviance on Df)"), report);
        assertTrue(report.matches("(?s).*\\nNULL\\s+8\\s+10\\.581\\n.*"), report);
        assertTrue(report.matches("(?s).*\\noutcome\\s+2\\s+5\\.4523\\s+6\\s+5\\.1291\\s+0\\.06547\\n.*"), report);
        compareAnova("quine_poisson", build("quine", "-hidden", "none", "-family", "Poisson", "-anova"));
        final NeuralGLM quasi = build("quine", "-hidden", "none", "-family", "Poisson", "-quasi", "-anova");
        compareAnova("quine_quasipoisson", quasi);
        assertTrue(quasi.toString().contains("as R's anova(fit, test = \"F\"): F = (deviance / Df) / dispersion 13.167"),
                quasi.toString());
        compareAnova("mtcars_unweighted", mtcarsUnweighted("-hidden", "none", "-family", "Gaussian", "-anova"));
        compareAnova("mtcars_am", build("mtcars_am", "-hidden", "none", "-family", "Bernoulli", "-anova"));
        // with an offset: every model of the sequence keeps it, the NULL row is the intercept-only fit with it
        compareAnova("insurance_exposure", build("insurance_exposure", "-hidden", "none", "-family", "Poisson", "-offset",
                "logHolders", "-anova"));
        compareAnova("gamma_exposure", build("gamma_exposure", "-hidden", "none", "-family", "Gamma", "-offset",
                "logMonths", "-anova"));
        // a multinomial logit (Categorical GLM) against nnet's nested fits of MASS's housing, weighted by Freq (R 4.2.2,
        // nnet 7.3-18: m0 <- multinom(Sat ~ 1, weights = Freq, data = housing, reltol = 1e-15, maxit = 1000);
        // anova(m0, update(m0, . ~ Infl), update(m0, . ~ Infl + Type), update(m0, . ~ Infl + Type + Cont)))
        final neuralglm.model.SequentialDevianceTests h = build("housing", "-hidden", "none", "-anova").fittedModel()
                .sequentialTests();
        final double[] residual = {3542.5062565618214, 3486.1435985757353, 3470.0838663411218};
        final double[] lr = {106.371364483817615, 56.362657986086106, 16.059732234613421};
        final double[] pr = {Double.NaN, 2.4586355173994434e-10, 3.2559179710922592e-04};
        final double[] df = {4, 6, 2};
        for (int j = 0; j < 3; j++) {
            assertEquals(df[j], h.df()[j], 1e-9, "housing df " + j);
            assertEquals(residual[j], h.residualDeviances()[j], TOL * residual[j], "housing residual deviance " + j);
            assertEquals(lr[j], h.statistics()[j], TOL * residual[j], "housing LR statistic " + j);
            if (!Double.isNaN(pr[j])) {   // R prints the first as 0
                assertEquals(pr[j], h.pValues()[j], 1e-3 * pr[j], "housing p " + j);
            }
        }
        // off by default; the option round-trips; a network says why it has none
        final NeuralGLM plain = build("dobson", "-hidden", "none", "-family", "Poisson");
        assertNull(plain.fittedModel().sequentialTests());
        assertFalse(plain.toString().contains("Analysis of deviance") || plain.toString().contains("Anova:"));
        assertTrue(java.util.Arrays.asList(dobson.getOptions()).contains("-anova"));
        assertFalse(java.util.Arrays.asList(plain.getOptions()).contains("-anova"));
        final NeuralGLM net = build("dobson", "-hidden", "3", "-family", "Poisson", "-anova");
        assertNull(net.fittedModel().sequentialTests());
        assertTrue(net.toString().contains("Anova:             not computed: -anova refits GLMs (-hidden none); "
                + "a network's inputs are not tested"), net.toString());
    }

    /**
     * A multinomial logit (Categorical, GLM mode) against nnet's multinom (tight convergence, Hessian standard errors):
     * the log odds against the first class, class by class, with z tests and Wald intervals; deviance, AIC and
     * log-likelihood; joint Wald tests of each attribute over all classes.
     */
    private static void compareMultinomial(String fixture, NeuralGLM glm) {
        final GlmSummary s = glm.getGlmSummary();
        final java.util.List<String[]> coef = RFixture.rows(fixture + ".coef.csv");
        assertEquals(coef.size() - 1, s.size(), fixture + " coefficients");
        for (int j = 0; j < s.size(); j++) {
            final String[] r = coef.get(j + 1);
            final String what = fixture + " " + r[0] + " (ours " + s.terms()[j] + ")";
            assertEquals(r[0].substring(0, r[0].indexOf(':')), s.terms()[j].substring(0, s.terms()[j].indexOf(':')), what);
            final double se = Double.parseDouble(r[2]);
            close(what + " estimate", Double.parseDouble(r[1]), s.estimates()[j], 1e-3 * se);
            close(what + " se", se, s.standardErrors()[j], 0);
            close(what + " z", Double.parseDouble(r[3]), s.statistics()[j], 1);
            final double z = Double.parseDouble(r[3]), p = Double.parseDouble(r[4]);
            assertEquals(p, s.pValues()[j], TOL * Math.max(1, z * z) * Math.max(p, 1e-3 * TOL), what + " p");
            close(what + " lower", Double.parseDouble(r[5]), s.lowerBounds()[j], se);
            close(what + " upper", Double.parseDouble(r[6]), s.upperBounds()[j], se);
        }
        final java.util.Map<String, Double> st = new java.util.HashMap<>();
        for (String[] r : RFixture.rows(fixture + ".stats.csv").subList(1, 3 + 2)) {
            st.put(r[0], Double.parseDouble(r[1]));
        }
        close(fixture + " deviance", st.get("deviance"), s.deviance(), 0);
        close(fixture + " AIC", st.get("aic"), s.aic(), 0);
        close(fixture + " logLik", st.get("loglik"), s.logLikelihood(), 0);
        assertEquals(st.get("edf"), s.rank(), 0, fixture + " parameters");
        assertFalse(s.isT());
        compareWald(fixture, glm);
    }

    /** A GLM (-hidden none, the default family unless given) of one of Weka's example sets in ../shared/data/weka. */
    private static NeuralGLM glmOfShared(String name, String... more) throws Exception {
        final NeuralGLM glm = new NeuralGLM();
        final String[] options = new String[more.length + 2];
        options[0] = "-hidden";
        options[1] = "none";
        System.arraycopy(more, 0, options, 2, more.length);
        glm.setOptions(options);
        try (InputStreamReader r = new InputStreamReader(new java.io.FileInputStream("../shared/data/weka/" + name + ".arff"),
                StandardCharsets.UTF_8)) {
            final Instances data = new Instances(r);
            data.setClassIndex(data.numAttributes() - 1);
            glm.buildClassifier(data);
        }
        return glm;
    }

    /**
     * Two classes: the multinomial logit is the logistic regression (log(P(second) / P(first)) = logit), so a Categorical
     * GLM's summary is the Bernoulli GLM's (itself checked against R above), to the two fits' convergence.
     */
    @Test
    void twoClassCategoricalSummaryIsTheBernoullis() throws Exception {
        for (String set : new String[] {"credit-g", "mtcars_am"}) {
            final boolean shared = set.equals("credit-g");
            final GlmSummary c = (shared ? glmOfShared(set) : build(set, "-hidden", "none")).getGlmSummary();
            final GlmSummary b = (shared ? glmOfShared(set, "-family", "Bernoulli")
                    : build(set, "-hidden", "none", "-family", "Bernoulli")).getGlmSummary();
            assertEquals(b.size(), c.size(), set);
            assertArrayEquals(b.aliased(), c.aliased(), set + " aliased");
            int aliased = 0;
            for (int j = 0; j < b.size(); j++) {
                aliased += b.aliased()[j] ? 1 : 0;
                if (b.aliased()[j]) {
                    assertTrue(Double.isNaN(c.estimates()[j]) && Double.isNaN(c.standardErrors()[j]), set + " " + j);
                    continue;
                }
                final String what = set + " " + b.terms()[j];
                assertTrue(c.terms()[j].endsWith(": " + b.terms()[j]), c.terms()[j] + " against " + what);
                assertEquals(b.estimates()[j], c.estimates()[j], 1e-4 * b.standardErrors()[j], what + " estimate");
                assertEquals(b.standardErrors()[j], c.standardErrors()[j], 1e-4 * b.standardErrors()[j], what + " se");
            }
            assertEquals(b.rank(), c.rank(), set + " rank");
            assertEquals(b.logLikelihood(), c.logLikelihood(), 1e-6 * Math.abs(b.logLikelihood()), set + " logLik");
            assertEquals(b.aic(), c.aic(), 1e-6 * b.aic(), set + " AIC");
            assertEquals(set.equals("credit-g") ? 2 : 0, aliased, set + ": credit-g has two collinear columns");
        }
    }

    /**
     * A column that copies another (Cont2 = Cont) is aliased in every class's block, R's NA; the other coefficients and
     * their standard errors are multinom's on the data without it.
     */
    @Test
    void multinomialAliasedColumnIsNa() throws Exception {
        final Instances data = arff("housing");
        final weka.core.Attribute cont = data.attribute("Cont");
        data.insertAttributeAt(cont.copy("Cont2"), data.classIndex());
        for (int i = 0; i < data.numInstances(); i++) {
            data.instance(i).setValue(data.attribute("Cont2"), data.instance(i).stringValue(cont));
        }
        final NeuralGLM glm = new NeuralGLM();
        glm.setOptions(new String[] {"-hidden", "none"});
        glm.buildClassifier(data);
        final GlmSummary s = glm.getGlmSummary();
        final java.util.List<String[]> r = RFixture.rows("housing_multinom.coef.csv");
        assertEquals(2 * 8, s.size(), java.util.Arrays.toString(s.terms()));
        for (int j = 0, row = 1; j < s.size(); j++) {
            if (s.terms()[j].endsWith("Cont2=High")) {
                assertTrue(s.aliased()[j] && Double.isNaN(s.estimates()[j]), s.terms()[j]);
                continue;
            }
            final double se = Double.parseDouble(r.get(row)[2]);
            close(s.terms()[j] + " estimate", Double.parseDouble(r.get(row)[1]), s.estimates()[j], 1e-3 * se);
            close(s.terms()[j] + " se", se, s.standardErrors()[j], 0);
            row++;
        }
        assertEquals(14, s.rank());
        assertTrue(glm.toString().contains("High: Cont2=High") && glm.toString().contains("(aliased)"), glm.toString());
    }

    @Test
    void categoricalGlmIsRsMultinom() throws Exception {
        final NeuralGLM housing = build("housing", "-hidden", "none", "-family", "Categorical");
        compareMultinomial("housing_multinom", housing);
        final String report = housing.toString();
        assertTrue(report.contains("log(P(class) / P(Low)) = Intercept + sum of coefficient * value, for each class but "
                + "the reference Low (as R's multinom)"), report);
        assertTrue(report.contains("High: Infl=High"), report);
        compareMultinomial("multinom3", build("multinom3", "-hidden", "none", "-family", "Categorical"));
        compareDrop("housing_multinom", build("housing", "-hidden", "none", "-family", "Categorical", "-drop-tests"));
        // completely separated classes: no inverse of the information; the report says why, keeps the softmax table
        final NeuralGLM iris = glmOfShared("iris");
        assertThrows(IllegalStateException.class, iris::getGlmSummary);
        // a class without training instances (glass's 'vehic wind non-float') carries no information: left out
        final NeuralGLM glass = glmOfShared("glass");
        final GlmSummary g = glass.getGlmSummary();
        assertEquals(5 * 10, g.size(), "5 log-odds blocks of intercept + 9 inputs: 6 classes with instances");
        for (int j = 0; j < g.size(); j++) {
            assertFalse(g.terms()[j].startsWith("vehic wind non-float"), g.terms()[j]);
            assertTrue(Double.isFinite(g.standardErrors()[j]) && g.standardErrors()[j] > 0, g.terms()[j]);
        }
        assertTrue(iris.toString().contains("Std. errors:     not computed: the information matrix is singular at class "
                + "Iris-virginica's coefficient of sepalwidth: the inputs separate the classes"), iris.toString());
    }

    /** R's predict(type = "link", se.fit = TRUE) through the inverse link at new rows (NAME.meanci.csv), to 1e-5. */
    private static void compareMeanInterval(String fixture, NeuralGLM glm) throws Exception {
        final Instances header = glm.fittedModel().header();
        final java.util.List<String[]> rows = RFixture.rows(fixture + ".meanci.csv");
        final java.util.List<String> cols = java.util.Arrays.asList(rows.get(0));
        for (String[] r : rows.subList(1, rows.size())) {
            final weka.core.Instance x = instance(header, cols, r);
            final double lower = Double.parseDouble(r[cols.indexOf("lower")]), upper = Double.parseDouble(r[cols.indexOf("upper")]);
            final double[] ci = glm.meanInterval(x, 0.95);
            assertEquals(lower, ci[0], TOL * Math.abs(lower) + 1e-12, fixture + " " + String.join(",", r) + " lower");
            assertEquals(upper, ci[1], TOL * Math.abs(upper), fixture + " " + String.join(",", r) + " upper");
        }
    }

    @Test
    void meanIntervalIsRsPredictWithSeFit() throws Exception {
        compareMeanInterval("dobson", build("dobson", "-hidden", "none", "-family", "Poisson"));
        compareMeanInterval("clotting_log", build("clotting", "-hidden", "none", "-family", "Gamma"));
        compareMeanInterval("mtcars_am", build("mtcars_am", "-hidden", "none", "-family", "Bernoulli"));
        final NeuralGLM net = build("dobson", "-hidden", "2", "-family", "Poisson", "-epochs", "5");
        final weka.core.Instance row = arff("dobson").firstInstance();
        final IllegalStateException e = assertThrows(IllegalStateException.class, () -> net.meanInterval(row, 0.95));
        assertTrue(e.getMessage().contains("GLM mode only"), e.getMessage());
    }

    /** An average of GLMs (Weka's Aggregateable) has one set of coefficients but no one fit's standard errors. */
    @Test
    void anAggregatedGlmHasNoSummary() throws Exception {
        final NeuralGLM a = build("quine", "-hidden", "none", "-family", "Poisson", "-drop-tests");
        final NeuralGLM b = build("quine", "-hidden", "none", "-family", "Poisson", "-S", "2");
        assertTrue(a.toString().contains("Joint tests") && a.toString().contains("Likelihood-ratio tests"));
        a.aggregate(b);
        a.finalizeAggregation();
        final IllegalStateException e = assertThrows(IllegalStateException.class, a::getGlmSummary);
        assertTrue(e.getMessage().contains("averages the parameters of 2 models"), e.getMessage());
        final String report = a.toString();
        assertFalse(report.contains("Pr(>|z|)") || report.contains("Joint tests") || report.contains("Likelihood-ratio"),
                report);
        assertTrue(report.contains("Std. errors:     not computed: the model averages the parameters of 2 models"), report);
        assertTrue(report.contains("Drop tests:        not computed: the model averages the parameters of 2 models"), report);
    }

    @Test
    void dobsonPoissonWithTreatmentCoding() throws Exception {
        final NeuralGLM glm = build("dobson", "-hidden", "none", "-family", "Poisson");
        compare(RFixture.load("dobson"), glm, 1);
        assertArrayEquals(new String[] {"(Intercept)", "outcome=o2", "outcome=o3", "treatment=t2", "treatment=t3"},
                glm.getGlmSummary().terms());
        final String report = glm.toString();
        assertTrue(report.contains("Pr(>|z|)"), report);
        assertTrue(report.contains("Residual deviance:"), report);
        assertTrue(report.contains("AIC: 56.76"), report);
        assertTrue(report.contains("left out: outcome=o1, treatment=t1"), report);
    }

    /**
     * MASS's Insurance claims with the policy holders as the exposure: R's {@code glm(Claims ~ District + Group + Age +
     * offset(log(Holders)), family = poisson)}. NeuralGLM has no offset; the rate Claims / Holders with Holders as
     * prior weights is the same model: R's coefficient table, deviances, degrees of freedom and Pearson chi-square of
     * the offset fit. Its log-likelihood is that of R's own fit of the rate (-Inf: a rate is not a whole number), and
     * the report says why and what the fit is (63 rates are not whole numbers: one district's group had no claim).
     */
    @Test
    void aRateWithItsExposureAsPriorWeightIsRsOffsetFit() throws Exception {
        final NeuralGLM glm = build("insurance", "-hidden", "none", "-family", "Poisson", "-weights", "Prior");
        final RFixture offset = RFixture.load("insurance_offset"), rate = RFixture.load("insurance_rate");
        compare(offset, glm, 1, false);
        compare(rate, glm, 1, true);
        final GlmSummary s = glm.getGlmSummary();
        close("pearson", offset.stat("pearson"), s.pearsonChiSquare(), 0);
        assertEquals(Double.NEGATIVE_INFINITY, s.logLikelihood());
        final String report = glm.toString();
        assertTrue(report.contains("Log-likelihood: -Infinity"), report);
        assertTrue(report.contains("the log-likelihood is -Infinity, so AIC and BIC are Infinity (as R's glm gives them): "
                + "63 of the 64 instances with a positive weight have a class value of probability 0"), report);
        assertTrue(report.contains("Poisson GLM with offset log(exposure)"), report);
        // a count has a likelihood: no such note
        final String counts = build("dobson", "-hidden", "none", "-family", "Poisson").toString();
        assertFalse(counts.contains("probability 0"), counts);
    }

    /**
     * Gamma, log link, with an exposure: R's {@code glm(cost ~ x1 + x2 + offset(log(months)), family = Gamma("log"))}
     * is NeuralGLM's fit of the rate cost / months with unit weights (y / e is Gamma with mean mu and the same shape):
     * the offset fit's table, deviances and dispersion, and R's own rate fit's log-likelihood, which is the offset
     * fit's plus the Jacobian sum log e.
     */
    @Test
    void aGammaRateIsRsOffsetFit() throws Exception {
        final NeuralGLM glm = build("exposure_gamma", "-hidden", "none", "-family", "Gamma");
        final RFixture offset = RFixture.load("exposure_gamma_offset");
        compare(offset, glm, 1, false);
        compare(RFixture.load("exposure_gamma_rate"), glm, 1, true);
        final RFixture rate = RFixture.load("exposure_gamma_rate");
        double logExposure = 0;
        for (int i = 0; i < offset.y().length; i++) {
            logExposure += Math.log(offset.y()[i] / rate.y()[i]);   // cost / rate = months
        }
        assertTrue(logExposure > 100, "months of 1 to 24: " + logExposure);
        close("offset fit's logLik", offset.stat("loglik"), glm.getGlmSummary().logLikelihood() - logExposure, 0);
        close("pearson", offset.stat("pearson"), glm.getGlmSummary().pearsonChiSquare(), 0);
    }

    /**
     * Tweedie (p = 1.5), log link, with an exposure: statmod's fit with {@code offset(log(months))} is the rate
     * amount / months with prior weights months^(2 - p) (the unit deviance d(e y, e mu) = e^(2 - p) d(y, mu)).
     */
    @Test
    void aTweedieRateWithWeightsExposureToTwoMinusPIsStatmodsOffsetFit() throws Exception {
        final NeuralGLM glm = build("exposure_tweedie", "-hidden", "none", "-family", "Tweedie -power 1.5",
                "-weights", "Prior");
        final RFixture f = RFixture.load("exposure_tweedie_offset");
        compare(f, glm, 1, false);
        close("pearson", f.stat("pearson"), glm.getGlmSummary().pearsonChiSquare(), 0);
    }

    @Test
    void clottingGammaCanonicalLinkIsMinusRsInverseLink() throws Exception {
        final NeuralGLM glm = build("clotting", "-hidden", "none", "-family", "Gamma -link canonical");
        compare(RFixture.load("clotting_inverse"), glm, -1);
        assertTrue(glm.getGlmSummary().isT());
        assertTrue(glm.toString().contains("Pr(>|t|)"));
        compare(RFixture.load("clotting_log"), build("clotting", "-hidden", "none", "-family", "Gamma"), 1);
    }

    /** R's inverse.gaussian on the clotting times: log link, and the canonical 1/mu^2 (-2 times our eta). */
    @Test
    void clottingInverseGaussianBothLinks() throws Exception {
        final NeuralGLM log = build("clotting", "-hidden", "none", "-family", "InverseGaussian");
        compare(RFixture.load("clotting_ig_log"), log, 1);
        assertTrue(log.getGlmSummary().isT());
        compare(RFixture.load("clotting_ig_canonical"),
                build("clotting", "-hidden", "none", "-family", "InverseGaussian -link canonical"), -2);
    }

    /**
     * statmod's tweedie(var.power = 1.5, link.power = 0) on compound Poisson-Gamma amounts with exact zeros: the
     * coefficient table with the Pearson dispersion, deviances and Pearson chi-square (statmod has no likelihood).
     */
    @Test
    void tweedieAgreesWithStatmod() throws Exception {
        final RFixture f = RFixture.load("tweedie_log");
        final NeuralGLM glm = build("tweedie", "-hidden", "none", "-family", "Tweedie -power 1.5");
        compare(f, glm, 1, false);
        close("pearson", f.stat("pearson"), glm.getGlmSummary().pearsonChiSquare(), 0);
        assertTrue(glm.getGlmSummary().isT());
    }

    @Test
    void budwormBinomialTrialsAsWeights() throws Exception {
        final NeuralGLM glm = build("budworm", "-hidden", "none", "-family", "Binomial");
        compare(RFixture.load("budworm_sexldose"), glm, 1);
        assertTrue(glm.toString().contains("for Binomial the weight is the number of trials"), glm.toString());
        final NeuralGLM quasi = build("budworm", "-hidden", "none", "-family", "Binomial", "-quasi");
        // quasibinomial on the main effects needs the interaction column gone: compare the dispersion route on
        // the same design instead (chi2 / df scales every variance)
        final GlmSummary b = glm.getGlmSummary(), q = quasi.getGlmSummary();
        final double phi = b.pearsonChiSquare() / b.residualDf();
        assertEquals(phi, q.dispersion(), 1e-12 * phi);
        assertEquals(b.standardErrors()[1] * Math.sqrt(phi), q.standardErrors()[1], 1e-9 * q.standardErrors()[1]);
        assertTrue(q.isT() && Double.isNaN(q.aic()));
    }

    @Test
    void quinePoissonIsFlaggedAndQuasiPoissonMatchesR() throws Exception {
        final NeuralGLM poisson = build("quine", "-hidden", "none", "-family", "Poisson");
        compare(RFixture.load("quine_poisson"), poisson, 1);
        assertTrue(poisson.toString().contains("over-dispersed"), poisson.toString());
        final NeuralGLM quasi = build("quine", "-hidden", "none", "-family", "Poisson", "-quasi");
        final RFixture qf = RFixture.load("quine_quasipoisson");
        final double[][] t = quasi.getCoefficientTable();
        for (int j = 0; j < t.length; j++) {
            close("quasipoisson se " + j, qf.table()[j][1], t[j][1], 0);
            close("quasipoisson t " + j, qf.table()[j][2], t[j][2], 1);
        }
        assertFalse(quasi.toString().contains("over-dispersed"));
    }

    /**
     * MASS's glm.nb on quine (main effects): -dispersion ML fits (beta, alpha) jointly; coefficients, SEs,
     * theta = 1/alpha and MASS's SE(theta), 2 logLik and AIC (rank + 1 parameters) as R.
     */
    @Test
    void negativeBinomialJointMaximumLikelihoodMatchesGlmNb() throws Exception {
        final NeuralGLM glm = build("quine", "-hidden", "none", "-family", "NegativeBinomial -alpha 0.5", "-dispersion", "ML");
        final RFixture f = RFixture.load("quine_nb");
        compare(f, glm, 1);
        final GlmSummary s = glm.getGlmSummary();
        final double theta = f.stat("theta");
        assertEquals(1 / theta, s.alpha(), TOL / theta);
        assertEquals(f.stat("se.theta") / (theta * theta), s.alphaStandardError(), TOL * s.alphaStandardError());
        assertEquals(1 / theta, glm.fittedModel().dispersion().alpha(), TOL / theta);
        assertEquals(s.rank() + 1, s.parametersCounted());
        assertTrue(glm.toString().contains("theta = 1/alpha"), glm.toString());
        // the same family with its alpha given: not the joint MLE, alpha has no standard error
        final NeuralGLM given = build("quine", "-hidden", "none", "-family", "NegativeBinomial -alpha 0.5");
        assertEquals(0.5, given.getGlmSummary().alpha(), 0);
        assertTrue(Double.isNaN(given.getGlmSummary().alphaStandardError()));
        // as MASS's negative.binomial(theta = 2) family, dispersion 1: table, deviances, log-likelihood, AIC, BIC
        compare(RFixture.load("quine_nb_theta2"), given, 1);
        assertEquals(given.getGlmSummary().rank(), given.getGlmSummary().parametersCounted());
    }

    /** Logistic regression of mtcars' transmission (a two-valued nominal class, Bernoulli) as R's binomial glm. */
    @Test
    void bernoulliIsRsLogisticRegression() throws Exception {
        final NeuralGLM glm = build("mtcars_am", "-hidden", "none", "-family", "Bernoulli");
        compare(RFixture.load("mtcars_am"), glm, 1);
        assertFalse(glm.getGlmSummary().isT());
    }

    /**
     * The Exponential family: R's Gamma (log link) with the dispersion fixed at 1 (z tests) on the clotting times, and
     * the exponential density's log-likelihood, AIC and BIC.
     */
    @Test
    void exponentialIsRsGammaWithDispersionOne() throws Exception {
        final NeuralGLM glm = build("clotting", "-hidden", "none", "-family", "Exponential");
        compare(RFixture.load("clotting_exponential"), glm, 1);
        assertFalse(glm.getGlmSummary().isT());
    }

    @Test
    void priorWeightsAndAliasedColumnAsR() throws Exception {
        final NeuralGLM glm = build("mtcars_prior", "-hidden", "none", "-family", "Gaussian", "-weights", "Prior");
        compare(RFixture.load("mtcars_prior"), glm, 1);
        assertArrayEquals(new boolean[] {false, false, false, false, true, false}, glm.getGlmSummary().aliased());
        final String report = glm.toString();
        assertTrue(report.contains("(aliased)") && report.contains("collinear"), report);
        // the dispersion predictions use divides by the same residual df as R (n - rank = 27)
        assertEquals(RFixture.load("mtcars_prior").stat("dispersion"), glm.fittedModel().dispersion().phi(),
                TOL * glm.fittedModel().dispersion().phi());
        // frequency weights (the default): df = sum of weights - rank
        final NeuralGLM freq = build("mtcars_prior", "-hidden", "none", "-family", "Gaussian");
        assertEquals(90 - 5, freq.getGlmSummary().residualDf(), 1e-9);
        assertEquals(glm.getCoefficientTable()[1][0], freq.getCoefficientTable()[1][0], 1e-6);
    }

    @Test
    void networksKeepOneHotCodingAndHaveNoStandardErrors() throws Exception {
        final NeuralGLM net = build("mtcars_prior", "-hidden", "3", "-epochs", "5");
        final IllegalStateException e = assertThrows(IllegalStateException.class, net::getCoefficientTable);
        assertTrue(e.getMessage().contains("GLM mode only"), e.getMessage());
        assertTrue(net.toString().contains("for GLM mode only"), net.toString());
        assertTrue(java.util.Arrays.asList(net.fittedModel().pipeline().inputNames()).contains("cyl=c4"));
        final NeuralGLM glm = build("mtcars_prior", "-hidden", "none");
        assertFalse(java.util.Arrays.asList(glm.fittedModel().pipeline().inputNames()).contains("cyl=c4"));
    }

    @Test
    void optionsRoundTrip() throws Exception {
        final NeuralGLM glm = new NeuralGLM();
        glm.setOptions(new String[] {"-weights", "Prior", "-quasi"});
        final String[] opts = glm.getOptions();
        assertTrue(Utils.joinOptions(opts).contains("-weights Prior"), Utils.joinOptions(opts));
        assertTrue(Utils.joinOptions(opts).contains("-quasi"));
        final NeuralGLM copy = new NeuralGLM();
        copy.setOptions(opts);
        assertEquals(1, copy.getWeights().getSelectedTag().getID());
        assertTrue(copy.getQuasi());
    }

    /**
     * A nominal attribute declaring 60 values of which the data use 5 (the first one, the reference level, among them):
     * each unused value's indicator is 0 on every row, so its coefficient is NA (aliased), as R's glm gives for an
     * empty factor level, and the other coefficients and their standard errors are those of the same data with only
     * the used values declared. An unseen value predicts as the reference level (its NA coefficient counts as 0, as
     * R's predict for a rank-deficient fit). The passes over the columns skip the indicators that are 0.
     */
    @Test
    void valuesTheDataDoNotUseAreAliasedAndLeaveTheOtherCoefficients() throws Exception {
        final int[] used = {0, 7, 20, 33, 50};
        final Instances wide = levels(60, used), narrow = levels(used.length, used);
        final NeuralGLM a = new NeuralGLM(), b = new NeuralGLM();
        a.setOptions(new String[] {"-hidden", "none"});
        b.setOptions(new String[] {"-hidden", "none"});
        a.buildClassifier(wide);
        b.buildClassifier(narrow);
        final double[][] ta = a.getCoefficientTable(), tb = b.getCoefficientTable();
        assertEquals(1 + 59 + 1, ta.length, "intercept, 59 indicators (v0 is the reference), x1");
        assertEquals(1 + 4 + 1, tb.length);
        final java.util.List<Integer> rowsOfA = new java.util.ArrayList<>(java.util.List.of(0));
        for (int u = 1; u < used.length; u++) {
            rowsOfA.add(used[u]);           // cat=v{used[u]} is row used[u] of a's table (v1 .. v59 from row 1)
        }
        rowsOfA.add(60);
        for (int r = 1; r < 60; r++) {
            final boolean isUsed = rowsOfA.contains(r);
            assertEquals(!isUsed, Double.isNaN(ta[r][0]), "row " + r + " is NA exactly when its value is unused");
        }
        for (int j = 0; j < tb.length; j++) {
            for (int c = 0; c < 2; c++) {   // estimate, standard error
                assertEquals(tb[j][c], ta[rowsOfA.get(j)][c], 1e-9 * Math.abs(tb[j][c]), "row " + j + " column " + c);
            }
        }
        assertTrue(a.toString().contains("cat=v5 ") && a.toString().contains("(aliased)"), a.toString());
        final weka.core.Instance unseen = (weka.core.Instance) wide.instance(0).copy();
        unseen.setValue(0, 5);
        final double atUnseen = a.classifyInstance(unseen);
        unseen.setValue(0, 0);
        assertEquals(a.classifyInstance(unseen), atUnseen, 0.0, "an unseen value predicts as the reference level");
        for (int i = 0; i < wide.numInstances(); i++) {
            assertEquals(b.classifyInstance(narrow.instance(i)), a.classifyInstance(wide.instance(i)), 1e-9, "row " + i);
        }
    }

    /** 200 rows: cat uses the values {@code used} (declared as v0 .. v{declared-1}, or only those), x1, a Gaussian y. */
    private static Instances levels(int declared, int[] used) {
        final java.util.ArrayList<String> values = new java.util.ArrayList<>();
        for (int v = 0; v < declared; v++) {
            values.add("v" + (declared == used.length ? used[v] : v));
        }
        final java.util.ArrayList<weka.core.Attribute> atts = new java.util.ArrayList<>(java.util.List.of(
                new weka.core.Attribute("cat", values), new weka.core.Attribute("x1"), new weka.core.Attribute("y")));
        final Instances d = new Instances("levels", atts, 200);
        d.setClassIndex(2);
        final java.util.Random rng = new java.util.Random(3);
        for (int i = 0; i < 200; i++) {
            final int u = rng.nextInt(used.length);
            final double x1 = rng.nextGaussian();
            d.add(new weka.core.DenseInstance(1.0, new double[] {declared == used.length ? u : used[u], x1,
                0.2 * u + x1 + rng.nextGaussian()}));
        }
        return d;
    }
}

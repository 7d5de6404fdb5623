package neuralglm.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import neuralglm.family.BernoulliFamily;
import neuralglm.family.Family;
import neuralglm.family.GammaFamily;
import neuralglm.family.Link;
import neuralglm.family.Offsets;
import neuralglm.family.PoissonFamily;
import neuralglm.nn.Activation;
import neuralglm.nn.Sequential;
import neuralglm.optim.LbfgsOptimizer;
import neuralglm.testutil.RFixture;
import neuralglm.train.NullStart;
import neuralglm.train.Trainer;
import neuralglm.train.TrainingResult;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * GLMs with an offset against R 4.2.2's {@code glm(..., offset)} (fixtures and the script that made them:
 * {@code src/test/resources/glmref/make_offset_fixtures.R}): MASS's Insurance claims, Poisson with
 * {@code offset(log(Holders))}; 80 costs over months of exposure, Gamma with a log link and {@code offset(log(months))};
 * a logit with a known offset per row. The engine trains {@code eta = b'z + o} by L-BFGS ({@link Trainer#fit} with
 * the offset) from the intercept-only start with the offset ({@link NullStart}), then {@link GlmInference#at} with the
 * offset: coefficients, standard errors, z/t statistics, deviance, null deviance (R refits the intercept-only model
 * with the offset), log-likelihood, AIC, dispersion, Pearson chi-square, and for new rows with their own offsets
 * eta, mu and the 95% Wald interval of the mean, all to 1e-6 relative (R ran IRLS to a relative deviance change of
 * 1e-15).
 */
class OffsetGlmTest {

    private static final double TOL = 1e-6;

    private record Fit(GlmSummary summary, Sequential net, double[] offset) {
    }

    private static Fit fit(String name, Family family, boolean estimatedPhi) {
        final RFixture f = RFixture.load(name);
        final double[] offset = RFixture.offsets(name);
        final int n = f.x().length, d = f.x()[0].length;
        final DMatrixRMaj x = new DMatrixRMaj(f.x()), y = new DMatrixRMaj(n, 1, true, f.y());
        final Standardizer st = Standardizer.fit(x, f.w());
        final DMatrixRMaj z = st.apply(x.copy());
        final Sequential net = Sequential.mlp(d, new int[0], Activation.Identity::new, 1, new Random(7));
        NullStart.apply(net, family, y, f.w(), offset);
        final TrainingResult r = new Trainer(3000).fit(net, family, new LbfgsOptimizer(1e-13, 10, 0.0), z, y, f.w(), offset);
        final DMatrixRMaj eta = Offsets.add(net.predict(z), offset, 0, null);
        final GlmInference inf = GlmInference.at(family, z, eta, y, f.w(), GlmInference.Weights.FREQUENCY, offset);
        final String[] terms = new String[d + 1];
        terms[0] = "(Intercept)";
        System.arraycopy(f.columns(), 0, terms, 1, d);
        final double phi = estimatedPhi ? inf.pearsonDispersion() : 1.0;
        final GlmSummary s = inf.summary(GlmInference.coefficientsOf(net), st, terms, phi, "Pearson", false, false,
                r.epochs(), 0.95);
        compare(f, s);
        return new Fit(s, net, offset);
    }

    private static void close(String what, double expected, double actual) {
        final double err = Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);
        assertTrue(err <= TOL || Math.abs(actual - expected) < 1e-10, what + ": R " + expected + ", engine " + actual
                + " (relative error " + err + ")");
    }

    private static void compare(RFixture f, GlmSummary s) {
        assertEquals(f.terms().length, s.size(), f.name());
        for (int j = 0; j < s.size(); j++) {
            final String t = f.name() + " " + f.terms()[j];
            close(t + " estimate", f.table()[j][RFixture.ESTIMATE], s.estimates()[j]);
            close(t + " se", f.table()[j][RFixture.SE], s.standardErrors()[j]);
            close(t + " statistic", f.table()[j][RFixture.STAT], s.statistics()[j]);
            close(t + " lower", f.table()[j][RFixture.LOWER], s.lowerBounds()[j]);
            close(t + " upper", f.table()[j][RFixture.UPPER], s.upperBounds()[j]);
        }
        close(f.name() + " deviance", f.stat("deviance"), s.deviance());
        close(f.name() + " null deviance", f.stat("null.deviance"), s.nullDeviance());
        close(f.name() + " residual df", f.stat("df.residual"), s.residualDf());
        close(f.name() + " null df", f.stat("df.null"), s.nullDf());
        close(f.name() + " logLik", f.stat("loglik"), s.logLikelihood());
        close(f.name() + " AIC", f.stat("aic"), s.aic());
        close(f.name() + " BIC", f.stat("bic"), s.bic());
        close(f.name() + " dispersion", f.stat("dispersion"), s.dispersion());
        close(f.name() + " Pearson chi-square", f.stat("pearson"), s.pearsonChiSquare());
    }

    /**
     * R's predictions for new rows ({@code NAME.predict.csv}): each row's coefficient row built from its values by R's
     * treatment coding (a term is a numeric column's name, or a factor's name followed by its level), plus its offset.
     */
    private static void comparePredictions(String name, Fit fit, Family family, String offsetColumn) {
        final List<String[]> rows = RFixture.rows(name + ".predict.csv");
        final List<String> head = Arrays.asList(rows.get(0));
        final String[] terms = fit.summary().terms();
        for (String[] r : rows.subList(1, rows.size())) {
            final double[] x = new double[terms.length];
            x[0] = 1;
            for (int j = 1; j < terms.length; j++) {
                final int numeric = head.indexOf(terms[j]);
                if (numeric >= 0) {
                    x[j] = Double.parseDouble(r[numeric]);
                    continue;
                }
                for (int c = 0; c < head.size(); c++) {
                    if (terms[j].startsWith(head.get(c)) && terms[j].substring(head.get(c).length()).equals(r[c])) {
                        x[j] = 1;
                    }
                }
            }
            final double o = Double.parseDouble(r[head.indexOf(offsetColumn)]);
            double eta = o;
            for (int j = 0; j < x.length; j++) {
                eta += fit.summary().estimates()[j] * x[j];
            }
            final String what = name + " new row " + Arrays.toString(r);
            close(what + " eta", Double.parseDouble(r[head.indexOf("eta")]), eta);
            close(what + " se(eta)", Double.parseDouble(r[head.indexOf("se.eta")]),
                    Math.sqrt(fit.summary().linearPredictorVariance(x)));
            close(what + " mu", Double.parseDouble(r[head.indexOf("mu")]), family.mean(eta));
            final double[] ci = fit.summary().meanInterval(x, o, 0.95);
            close(what + " lower", Double.parseDouble(r[head.indexOf("lower")]), ci[0]);
            close(what + " upper", Double.parseDouble(r[head.indexOf("upper")]), ci[1]);
        }
    }

    @Test
    void insuranceClaimsWithLogHoldersOffsetMatchR() {
        final Family family = new PoissonFamily();
        final Fit fit = fit("insurance_exposure", family, false);
        comparePredictions("insurance_exposure", fit, family, "logHolders");
        // Venables & Ripley (2002, p. 204) print the Age coefficients 0.4556 (a2) ... of this model: the R fixture's
        // table printed to 4 digits, independent of the engine
        assertEquals(236.26, fit.summary().nullDeviance(), 0.005);
        assertEquals(51.42, fit.summary().deviance(), 0.005);
    }

    @Test
    void gammaLogCostsWithLogMonthsOffsetMatchR() {
        final Family family = new GammaFamily(Link.LOG);
        final Fit fit = fit("gamma_exposure", family, true);
        comparePredictions("gamma_exposure", fit, family, "logMonths");
        assertTrue(fit.summary().isT());
    }

    @Test
    void logitWithKnownOffsetMatchesR() {
        final Family family = new BernoulliFamily();
        final Fit fit = fit("logit_offset", family, false);
        comparePredictions("logit_offset", fit, family, "off");
    }

    /**
     * The null deviance with an offset is a fit, not the closed form: it differs from the weighted-mean model's, and
     * moving every offset by a constant c moves the intercept-only fit's intercept by -c and leaves its deviance.
     */
    @Test
    void nullInterceptAbsorbsAConstantOffset() {
        final RFixture f = RFixture.load("insurance_exposure");
        final double[] o = RFixture.offsets("insurance_exposure");
        final DMatrixRMaj y = new DMatrixRMaj(o.length, 1, true, f.y());
        final Family family = new PoissonFamily();
        final double[] shifted = new double[o.length];
        for (int i = 0; i < o.length; i++) {
            shifted[i] = o[i] + 2.5;
        }
        final double b = Offsets.nullIntercept(family, y, null, o), b2 = Offsets.nullIntercept(family, y, null, shifted);
        assertEquals(b - 2.5, b2, 1e-12);
        close("null deviance", f.stat("null.deviance"), Offsets.nullDeviance(family, y, null, shifted));
        assertTrue(Math.abs(family.nullDeviance(y, null) - f.stat("null.deviance")) > 100, "the closed form ignores the offset");
    }
}

package neuralglm.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import neuralglm.dist.StudentT;
import neuralglm.family.BinomialFamily;
import neuralglm.family.Family;
import neuralglm.family.GammaFamily;
import neuralglm.family.GaussianFamily;
import neuralglm.family.Link;
import neuralglm.family.NegativeBinomialFamily;
import neuralglm.family.PoissonFamily;
import neuralglm.nn.Activation;
import neuralglm.nn.Sequential;
import neuralglm.optim.LbfgsOptimizer;
import neuralglm.testutil.RFixture;
import neuralglm.testutil.ReferenceGlm;
import neuralglm.train.NullStart;
import neuralglm.train.Trainer;
import neuralglm.train.TrainingResult;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * GLM inference against two independent references: R's {@code summary.glm} on published data sets
 * (fixtures made by {@code src/test/resources/glmref/make_fixtures.R}: ?glm's Dobson Poisson counts and
 * McCullagh &amp; Nelder's clotting times (Gamma), Venables &amp; Ripley's budworm (Binomial), MASS's quine
 * (negative binomial, Poisson, quasi-Poisson), mtcars with prior weights and an aliased column), and an
 * in-test computation: {@link ReferenceGlm}'s IRLS fit and the Fisher information {@code X'WX} inverted
 * by EJML's LU in the original units.
 * <p>The engine's coefficients come from L-BFGS on standardised inputs. R stops IRLS at a relative
 * deviance change of 1e-8, so its digits beyond about 1e-7 are its own convergence error: compared to R at
 * {@code R_TOL} relative (R prints 4-5 significant digits), to the in-test reference at 1e-7.
 */
class GlmInferenceTest {

    private static final double R_TOL = 1e-5;
    private static final double REF_TOL = 1e-7;

    /** The engine's GLM fit and summary of an R fixture. */
    private record Engine(GlmInference inference, GlmSummary summary, DMatrixRMaj eta, DMatrixRMaj z, DMatrixRMaj y,
                          double[] w, Sequential net, Standardizer st, String[] terms, double phi, int epochs) {
    }

    private static Engine engine(RFixture f, Family family, GlmInference.Weights kind, boolean quasi, boolean alphaFitted) {
        final int n = f.x().length, d = f.x()[0].length;
        final DMatrixRMaj x = new DMatrixRMaj(f.x()), y = new DMatrixRMaj(n, 1, true, f.y());
        final Standardizer st = Standardizer.fit(x, f.w());
        final DMatrixRMaj z = st.apply(x.copy());
        final Sequential net = Sequential.mlp(d, new int[0], Activation.Identity::new, 1, new Random(7));
        NullStart.apply(net, family, y, f.w());
        final TrainingResult r = new Trainer(3000).fit(net, family, new LbfgsOptimizer(1e-13, 10, 0.0), z, y, f.w());
        final DMatrixRMaj eta = net.predict(z);
        final GlmInference inf = GlmInference.at(family, z, eta, y, f.w(), kind);
        final String[] terms = new String[d + 1];
        terms[0] = "(Intercept)";
        System.arraycopy(f.columns(), 0, terms, 1, d);
        final double phi = family.hasFixedDispersion() ? 1.0 : inf.pearsonDispersion();
        return new Engine(inf, inf.summary(GlmInference.coefficientsOf(net), st, terms, phi, "Pearson", quasi,
                alphaFitted, r.epochs(), 0.95), eta, z, y, f.w(), net, st, terms, phi, r.epochs());
    }

    private static void close(String what, double expected, double actual, double tol) {
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), what + ": R has NA, engine " + actual);
            return;
        }
        final double err = Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);
        assertTrue(err <= tol || Math.abs(actual - expected) < 1e-12, what + ": R " + expected + ", engine " + actual
                + " (relative error " + err + ")");
    }

    /** Compares the table (sign -1 for R's inverse link vs our -1/mu: estimates, statistics and bounds flip). */
    private static void compareTable(RFixture f, GlmSummary s, double sign) {
        assertEquals(f.terms().length, s.size());
        final double[][] t = f.table();
        for (int j = 0; j < s.size(); j++) {
            final String term = f.name() + " " + f.terms()[j];
            // estimates near 0 (Dobson's treatment effects, 1e-15 in R) are compared in absolute terms
            final double scale = Math.max(Math.abs(t[j][RFixture.ESTIMATE]), 1e-3 * Math.abs(t[j][RFixture.SE]));
            if (!Double.isNaN(t[j][RFixture.ESTIMATE])) {
                assertEquals(t[j][RFixture.ESTIMATE], sign * s.estimates()[j], R_TOL * scale, term + " estimate");
                assertEquals(t[j][RFixture.STAT], sign * s.statistics()[j], R_TOL * Math.max(1, Math.abs(t[j][RFixture.STAT])),
                        term + " statistic");
            } else {
                assertTrue(s.aliased()[j], term + " aliased");
            }
            close(term + " se", t[j][RFixture.SE], s.standardErrors()[j], R_TOL);
            // p amplifies the statistic's convergence error by about z^2: compare loosely, and exactly from R's statistic
            close(term + " p", t[j][RFixture.P], s.pValues()[j], t[j][RFixture.P] > 0.999 ? 1e-9 : 1e-3);
            if (!Double.isNaN(t[j][RFixture.STAT])) {
                final double df = s.isT() ? s.residualDf() : Double.POSITIVE_INFINITY;
                close(term + " p from R's statistic", t[j][RFixture.P], StudentT.twoSidedP(t[j][RFixture.STAT], df), 1e-9);
            }
            final double lo = sign > 0 ? s.lowerBounds()[j] : -s.upperBounds()[j];
            final double hi = sign > 0 ? s.upperBounds()[j] : -s.lowerBounds()[j];
            if (!Double.isNaN(t[j][RFixture.LOWER])) {
                assertEquals(t[j][RFixture.LOWER], lo, R_TOL * Math.max(Math.abs(t[j][RFixture.LOWER]), t[j][RFixture.SE]), term + " lower");
                assertEquals(t[j][RFixture.UPPER], hi, R_TOL * Math.max(Math.abs(t[j][RFixture.UPPER]), t[j][RFixture.SE]), term + " upper");
            }
        }
    }

    private static void compareStats(RFixture f, GlmSummary s) {
        close(f.name() + " deviance", f.stat("deviance"), s.deviance(), R_TOL);
        close(f.name() + " null deviance", f.stat("null.deviance"), s.nullDeviance(), 1e-8);
        assertEquals(f.stat("df.residual"), s.residualDf(), 1e-12, f.name() + " residual df");
        assertEquals(f.stat("df.null"), s.nullDf(), 1e-12, f.name() + " null df");
        assertEquals((int) f.stat("rank"), s.rank(), f.name() + " rank");
        close(f.name() + " logLik", f.stat("loglik"), s.logLikelihood(), R_TOL);
        close(f.name() + " AIC", f.stat("aic"), s.aic(), R_TOL);
        close(f.name() + " BIC", f.stat("bic"), s.bic(), R_TOL);
        close(f.name() + " dispersion", f.stat("dispersion"), s.dispersion(), 1e-5);
        close(f.name() + " Pearson", f.stat("pearson"), s.pearsonChiSquare(), 1e-5);
    }

    /** Rows {@code from} to {@code to} of a one-column (or d-column) matrix. */
    private static DMatrixRMaj rows(DMatrixRMaj m, int from, int to) {
        return new DMatrixRMaj(to - from, m.numCols, true,
                java.util.Arrays.copyOfRange(m.data, from * m.numCols, to * m.numCols));
    }

    /**
     * The inference of a fit whose rows are spread over machines ({@link GlmInference#blockSums} per block, added, then
     * {@link GlmInference#fromSums}, the log-likelihood from {@link GlmInference#blockLogLikelihood}): from one block it
     * is {@link GlmInference#at}'s summary to the bit (the same sums in the same order), from three blocks the same to
     * rounding; with prior weights, an aliased column (mtcars), a Binomial's trials and an estimated dispersion.
     */
    @Test
    void sumsOverBlocksGiveTheSummaryOfTheRows() {
        final Object[][] cases = {
            {"dobson", new PoissonFamily(), GlmInference.Weights.FREQUENCY},
            {"clotting_log", new GammaFamily(Link.LOG), GlmInference.Weights.FREQUENCY},
            {"mtcars_prior", new GaussianFamily(), GlmInference.Weights.PRIOR},
            {"budworm_main", new BinomialFamily(), GlmInference.Weights.FREQUENCY}};
        for (Object[] c : cases) {
            final Family family = (Family) c[1];
            final GlmInference.Weights kind = (GlmInference.Weights) c[2];
            final Engine e = engine(RFixture.load((String) c[0]), family, kind, false, false);
            final int n = e.z().numRows, d = e.z().numCols;
            final double nullEta = family.nullEta(Family.weightedColumnMeans(e.y(), e.w()))[0];
            for (int[] cuts : new int[][] {{0, n}, {0, n / 3, n / 2 + 1, n}}) {
                final double[] sums = new double[GlmInference.blockSumsLength(d)];
                for (int b = 0; b + 1 < cuts.length; b++) {
                    final int from = cuts[b], to = cuts[b + 1];
                    final double[] part = GlmInference.blockSums(family, rows(e.z(), from, to), rows(e.eta(), from, to),
                            rows(e.y(), from, to), e.w() == null ? null : java.util.Arrays.copyOfRange(e.w(), from, to),
                            nullEta);
                    for (int j = 0; j < sums.length; j++) {
                        sums[j] += part[j];
                    }
                }
                final GlmInference inf = GlmInference.fromSums(family, d, sums, kind);
                final double logLik = GlmInference.blockLogLikelihood(family, e.eta(), e.y(), e.w(),
                        inf.likelihoodDispersion(e.phi()), kind);
                final GlmSummary s = inf.summary(GlmInference.coefficientsOf(e.net()), e.st(), e.terms(), e.phi(), "Pearson",
                        false, e.epochs(), 0.95, logLik);
                final GlmSummary r = e.summary();
                final String what = c[0] + " in " + (cuts.length - 1) + " block(s)";
                final double tol = cuts.length == 2 ? 0 : 1e-12;
                assertEquals(r.rank(), s.rank(), what);
                assertArrayEquals(r.aliased(), s.aliased(), what);
                assertEquals(r.observations(), s.observations(), what);
                assertEquals(r.residualDf(), s.residualDf(), what);
                final double[][] pairs = {
                    {r.deviance(), s.deviance()}, {r.nullDeviance(), s.nullDeviance()}, {r.pearsonChiSquare(),
                        s.pearsonChiSquare()}, {r.logLikelihood(), s.logLikelihood()}, {r.aic(), s.aic()},
                    {r.dispersion(), s.dispersion()}};
                for (double[] p : pairs) {
                    assertEquals(p[0], p[1], tol * Math.abs(p[0]), what);
                }
                for (int j = 0; j <= d; j++) {
                    if (!r.aliased()[j]) {
                        assertEquals(r.estimates()[j], s.estimates()[j], tol * Math.abs(r.estimates()[j]), what + " b" + j);
                        assertEquals(r.standardErrors()[j], s.standardErrors()[j], tol * r.standardErrors()[j], what + " se" + j);
                        assertEquals(r.pValues()[j], s.pValues()[j], tol * 1e3 * r.pValues()[j], what + " p" + j);
                    }
                }
            }
        }
    }

    @Test
    void dobsonPoissonMatchesGlmDocumentation() {
        final RFixture f = RFixture.load("dobson");
        final GlmSummary s = engine(f, new PoissonFamily(), GlmInference.Weights.FREQUENCY, false, false).summary();
        compareTable(f, s, 1);
        compareStats(f, s);
        assertFalse(s.isT());
        // ?glm prints: outcome2 -0.4543 (0.2022), z = -2.247, p = 0.0246; residual deviance 5.1291 on 4 df; AIC 56.761
        assertEquals(-0.4543, s.estimates()[1], 5e-5);
        assertEquals(0.2022, s.standardErrors()[1], 5e-5);
        assertEquals(5.1291, s.deviance(), 5e-5);
        assertEquals(56.761, s.aic(), 5e-4);
        assertNull(s.dispersionWarning());
    }

    @Test
    void clottingGammaBothLinksMatchR() {
        final RFixture inv = RFixture.load("clotting_inverse"), log = RFixture.load("clotting_log");
        final GlmSummary si = engine(inv, new GammaFamily(Link.NEGATIVE_INVERSE), GlmInference.Weights.FREQUENCY, false, false).summary();
        compareTable(inv, si, -1);   // R's inverse link is 1/mu, ours -1/mu
        compareStats(inv, si);
        assertTrue(si.isT());
        // ?glm prints for lot1: (Intercept) -0.01655 (0.0009275), log(u) 0.01534 (0.0004150); dispersion 0.002446059
        assertEquals(-0.01655438, -si.estimates()[0], 5e-8);
        assertEquals(0.0004150, si.standardErrors()[1], 5e-8);
        // (R's own dispersion carries its IRLS stopping error, ~1e-5 relative here; see the in-test reference below)
        assertEquals(0.002446059, si.dispersion(), 0.002446059 * 1e-5);
        final GlmSummary sl = engine(log, new GammaFamily(Link.LOG), GlmInference.Weights.FREQUENCY, false, false).summary();
        compareTable(log, sl, 1);
        compareStats(log, sl);
    }

    @Test
    void canonicalGammaMeanIntervalIsOpenPastTheLinksEdge() {
        // R's predict(fit, se.fit = TRUE) on the link scale, then the mean function at eta -/+ q se: for the canonical
        // link mu = -1/eta grows without bound as eta rises to 0, so an upper end beyond 0 is +Infinity
        final GlmSummary s = engine(RFixture.load("clotting_inverse"), new GammaFamily(Link.NEGATIVE_INVERSE),
                GlmInference.Weights.FREQUENCY, false, false).summary();
        assertEquals(7, s.residualDf(), 0.0);
        final double q = 2.364624251592784;   // t(0.975, 7 df), scipy.stats.t.ppf
        for (double u : new double[] {20, 3}) {
            final double[] x = {1, Math.log(u)};
            final double eta = s.estimates()[0] + s.estimates()[1] * x[1], se = Math.sqrt(s.linearPredictorVariance(x));
            final double[] ci = s.meanInterval(x, 0.95);
            final double lower = -1 / (eta - q * se);
            assertEquals(lower, ci[0], 1e-9 * lower, "u = " + u);
            if (u == 20) {
                assertEquals(-1 / (eta + q * se), ci[1], 1e-9 * ci[1], "u = 20");
            } else {
                assertTrue(eta < 0 && eta + q * se > 0, "u = 3 must put the upper end past the edge: eta " + eta + ", se " + se);
                assertEquals(Double.POSITIVE_INFINITY, ci[1], "u = 3");
            }
        }
    }

    @Test
    void budwormBinomialMatchesVenablesRipley() {
        for (String name : new String[] {"budworm_main", "budworm_sexldose"}) {
            final RFixture f = RFixture.load(name);
            // frequency weights asked for, but a Binomial weight is the number of trials: df count rows
            final Engine e = engine(f, new BinomialFamily(), GlmInference.Weights.FREQUENCY, false, false);
            assertEquals(GlmInference.Weights.PRIOR, e.inference().weights());
            compareTable(f, e.summary(), 1);
            compareStats(f, e.summary());
        }
    }

    @Test
    void quasiLikelihoodMatchesQuasipoissonAndQuasibinomial() {
        for (String[] c : new String[][] {{"budworm_quasi", "binomial"}, {"quine_quasipoisson", "poisson"}}) {
            final RFixture f = RFixture.load(c[0]);
            final Family fam = c[1].equals("poisson") ? new PoissonFamily() : new BinomialFamily();
            final GlmSummary s = engine(f, fam, GlmInference.Weights.FREQUENCY, true, false).summary();
            compareTable(f, s, 1);
            assertTrue(s.isT());
            close(c[0] + " dispersion", f.stat("dispersion"), s.dispersion(), 1e-5);
            assertTrue(Double.isNaN(s.aic()), "quasi-likelihood has no AIC (R: NA)");
        }
    }

    @Test
    void overDispersedPoissonIsFlagged() {
        final RFixture f = RFixture.load("quine_poisson");
        final GlmSummary s = engine(f, new PoissonFamily(), GlmInference.Weights.FREQUENCY, false, false).summary();
        compareTable(f, s, 1);
        compareStats(f, s);
        assertNotNull(s.dispersionWarning());
        assertTrue(s.dispersionWarning().contains("over-dispersed"), s.dispersionWarning());
    }

    @Test
    void negativeBinomialAtRsThetaMatchesGlmNb() {
        final RFixture f = RFixture.load("quine_nb");
        final double theta = f.stat("theta");
        final GlmSummary s = engine(f, new NegativeBinomialFamily(1 / theta), GlmInference.Weights.FREQUENCY, false, true).summary();
        compareTable(f, s, 1);
        compareStats(f, s);
        // MASS's SE(theta) mapped to alpha = 1/theta by the delta method
        close("SE(alpha)", f.stat("se.theta") / (theta * theta), s.alphaStandardError(), R_TOL);
    }

    @Test
    void gaussianPriorWeightsAndAliasedColumnMatchR() {
        final RFixture f = RFixture.load("mtcars_prior");
        final GlmSummary s = engine(f, new GaussianFamily(), GlmInference.Weights.PRIOR, false, false).summary();
        compareTable(f, s, 1);
        compareStats(f, s);
        assertArrayEquals(new boolean[] {false, false, false, false, true, false}, s.aliased());
        final RFixture u = RFixture.load("mtcars_unweighted");
        final GlmSummary su = engine(u, new GaussianFamily(), GlmInference.Weights.FREQUENCY, false, false).summary();
        compareTable(u, su, 1);
        compareStats(u, su);
    }

    /**
     * Frequency weights are replicated rows: the summary with weights w equals the unweighted summary of
     * the data with row i repeated w_i times (df, dispersion, standard errors, log-likelihood, AIC, BIC).
     */
    @Test
    void frequencyWeightsEqualReplicatedRows() {
        final RFixture f = RFixture.load("mtcars_unweighted");
        final int n = f.x().length;
        final double[] w = new double[n];
        int total = 0;
        for (int i = 0; i < n; i++) {
            w[i] = 1 + i % 3;
            total += (int) w[i];
        }
        final double[][] xr = new double[total][];
        final double[] yr = new double[total], ones = new double[total];
        for (int i = 0, r = 0; i < n; i++) {
            for (int k = 0; k < w[i]; k++, r++) {
                xr[r] = f.x()[i];
                yr[r] = f.y()[i];
                ones[r] = 1;
            }
        }
        final RFixture weighted = new RFixture("w", f.columns(), f.x(), f.y(), w, f.terms(), f.table(), f.stats());
        final RFixture replicated = new RFixture("r", f.columns(), xr, yr, ones, f.terms(), f.table(), f.stats());
        final GlmSummary a = engine(weighted, new GaussianFamily(), GlmInference.Weights.FREQUENCY, false, false).summary();
        final GlmSummary b = engine(replicated, new GaussianFamily(), GlmInference.Weights.FREQUENCY, false, false).summary();
        assertEquals(b.residualDf(), a.residualDf(), 1e-12);
        assertEquals(total - 5, a.residualDf(), 1e-12);
        close("dispersion", b.dispersion(), a.dispersion(), 1e-8);
        close("logLik", b.logLikelihood(), a.logLikelihood(), 1e-8);
        close("BIC", b.bic(), a.bic(), 1e-8);
        for (int j = 0; j < a.size(); j++) {
            close("se " + j, b.standardErrors()[j], a.standardErrors()[j], 1e-7);
        }
        // the same weights read as prior weights: df from the rows, so a larger dispersion and wider intervals
        final GlmSummary p = engine(weighted, new GaussianFamily(), GlmInference.Weights.PRIOR, false, false).summary();
        assertEquals(n - 5, p.residualDf(), 1e-12);
        assertTrue(p.standardErrors()[1] > a.standardErrors()[1]);
    }

    /**
     * Independent of R: {@link ReferenceGlm}'s IRLS on the original inputs, then the Fisher information
     * {@code X' diag(w (dmu/deta)^2 / V) X} formed and inverted (LU) here; standard errors sqrt(phi [I^-1]_jj).
     */
    @Test
    void standardErrorsEqualInverseFisherInformationOfAnIndependentFit() {
        final Object[][] cases = {
            {"clotting_log", new GammaFamily(Link.LOG), ReferenceGlm.gammaLog()},
            {"clotting_inverse", new GammaFamily(Link.NEGATIVE_INVERSE), ReferenceGlm.gammaCanonical()},
            {"budworm_sexldose", new BinomialFamily(), ReferenceGlm.binomial()},
            {"quine_poisson", new PoissonFamily(), ReferenceGlm.poisson()},
        };
        for (Object[] c : cases) {
            final RFixture f = RFixture.load((String) c[0]);
            final Family fam = (Family) c[1];
            final ReferenceGlm.Spec spec = (ReferenceGlm.Spec) c[2];
            final double[] beta = ReferenceGlm.irls(spec, f.x(), f.y(), f.w()).coefficients();
            final int n = f.x().length, p = beta.length;
            final DMatrixRMaj info = new DMatrixRMaj(p, p);
            double chi2 = 0;
            for (int i = 0; i < n; i++) {
                double eta = beta[0];
                for (int j = 1; j < p; j++) {
                    eta += beta[j] * f.x()[i][j - 1];
                }
                final double mu = spec.mean(eta), g = spec.dmuDeta(eta), ci = f.w()[i] * g * g / spec.variance(mu);
                chi2 += f.w()[i] * (f.y()[i] - mu) * (f.y()[i] - mu) / spec.variance(mu);
                for (int a = 0; a < p; a++) {
                    for (int b = 0; b < p; b++) {
                        info.add(a, b, ci * (a == 0 ? 1 : f.x()[i][a - 1]) * (b == 0 ? 1 : f.x()[i][b - 1]));
                    }
                }
            }
            final DMatrixRMaj inv = new DMatrixRMaj(p, p);
            assertTrue(CommonOps_DDRM.invert(info, inv));
            final double phi = fam.hasFixedDispersion() ? 1 : chi2 / (n - p);
            final GlmSummary s = engine(f, fam, GlmInference.Weights.PRIOR, false, false).summary();
            for (int j = 0; j < p; j++) {
                close(c[0] + " estimate " + j, beta[j], s.estimates()[j], REF_TOL);
                close(c[0] + " se " + j, Math.sqrt(phi * inv.get(j, j)), s.standardErrors()[j], REF_TOL);
                for (int k = 0; k < p; k++) {
                    assertEquals(phi * inv.get(j, k), s.covariance()[j][k], REF_TOL * phi * Math.sqrt(inv.get(j, j) * inv.get(k, k)));
                }
            }
        }
    }

    /**
     * A column that is an exact linear combination of earlier ones (wt + hp / 2) is aliased; one that differs from
     * wt by a relative 1e-4 is not (its standard error is then huge, but it is identifiable).
     */
    @Test
    void exactCombinationsAreAliasedNearOnesAreNot() {
        final RFixture f = RFixture.load("mtcars_unweighted");   // columns cylc6, cylc8, wt, hp
        final int n = f.x().length;
        final java.util.Random rng = new java.util.Random(5);
        final double[][] x = new double[n][6];
        for (int i = 0; i < n; i++) {
            System.arraycopy(f.x()[i], 0, x[i], 0, 4);
            x[i][4] = f.x()[i][2] + 0.5 * f.x()[i][3];
            x[i][5] = f.x()[i][2] * (1 + 1e-4 * rng.nextGaussian());
        }
        final String[] cols = {"cylc6", "cylc8", "wt", "hp", "combination", "near"};
        final RFixture g = new RFixture("combo", cols, x, f.y(), f.w(), f.terms(), f.table(), f.stats());
        final GlmSummary s = engine(g, new GaussianFamily(), GlmInference.Weights.PRIOR, false, false).summary();
        assertArrayEquals(new boolean[] {false, false, false, false, false, true, false}, s.aliased());
        assertEquals(6, s.rank());
        assertTrue(Double.isNaN(s.estimates()[5]) && Double.isNaN(s.standardErrors()[5]));
        assertTrue(Double.isFinite(s.standardErrors()[6]) && s.standardErrors()[6] > 100 * f.table()[3][RFixture.SE],
                "near-collinear column: huge but finite SE, got " + s.standardErrors()[6]);
    }
}

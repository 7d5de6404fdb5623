package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import neuralglm.model.GlmSummary;
import neuralglm.testutil.RFixture;
import org.junit.jupiter.api.Test;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;

/**
 * {@code -offset}: a numeric attribute added to the linear predictor, not an input (R's {@code offset()}). Against R
 * 4.2.2 ({@code src/test/resources/glmref/make_offset_fixtures.R}; the ARFF files hold the offset as an attribute):
 * MASS's Insurance claims (Poisson, offset log(Holders)), costs over months (Gamma log, offset log(months)) and a logit
 * with a known offset: the coefficient table, deviance, null deviance (R's intercept-only fit with the offset), AIC,
 * dispersion, and for new instances with their own offsets the predicted mean and the mean's 95% interval, all to
 * 1e-5. Also: the option's round trip, the report, an offset of zeros giving the model without the attribute to the
 * bit, a network with an offset, drop tests that keep the offset, and each bad offset refused with the attribute and
 * instance named.
 */
class NeuralGLMOffsetTest {

    private static final double TOL = 1e-5;

    private static Instances arff(String name) {
        return RFixture.arff(name);
    }

    private static NeuralGLM build(Instances data, String... options) throws Exception {
        final NeuralGLM glm = new NeuralGLM();
        glm.setOptions(options.clone());
        glm.buildClassifier(data);
        return glm;
    }

    private static void close(String what, double expected, double actual) {
        final double err = Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);
        assertTrue(err <= TOL || Math.abs(actual - expected) < 1e-9, what + ": R " + expected + ", NeuralGLM " + actual
                + " (relative error " + err + ")");
    }

    /** The coefficient table and statistics, then R's new rows: mean and mean interval through the Weka face. */
    private static void compare(String name, NeuralGLM glm, Instances data) throws Exception {
        final RFixture f = RFixture.load(name);
        final GlmSummary s = glm.getGlmSummary();
        assertEquals(f.terms().length, s.size(), name + ": " + Arrays.toString(s.terms()));
        for (int j = 0; j < s.size(); j++) {
            close(name + " " + f.terms()[j] + " estimate", f.table()[j][RFixture.ESTIMATE], s.estimates()[j]);
            close(name + " " + f.terms()[j] + " se", f.table()[j][RFixture.SE], s.standardErrors()[j]);
            close(name + " " + f.terms()[j] + " statistic", f.table()[j][RFixture.STAT], s.statistics()[j]);
        }
        close(name + " deviance", f.stat("deviance"), s.deviance());
        close(name + " null deviance", f.stat("null.deviance"), s.nullDeviance());
        close(name + " AIC", f.stat("aic"), s.aic());
        close(name + " logLik", f.stat("loglik"), s.logLikelihood());
        close(name + " dispersion", f.stat("dispersion"), s.dispersion());
        close(name + " residual df", f.stat("df.residual"), s.residualDf());
        close(name + " report's null deviance", f.stat("null.deviance"), glm.fittedModel().statistics().nullDeviance());
        final List<String[]> rows = RFixture.rows(name + ".predict.csv");
        final List<String> head = Arrays.asList(rows.get(0));
        final Instances test = new Instances(data, 0);
        for (String[] r : rows.subList(1, rows.size())) {
            final Instance inst = new DenseInstance(data.numAttributes());
            inst.setDataset(test);
            for (int a = 0; a < data.numAttributes(); a++) {
                final Attribute att = data.attribute(a);
                final String v = r[head.indexOf(att.name())];
                if (att.isNominal()) {
                    inst.setValue(a, v);
                } else {
                    inst.setValue(a, Double.parseDouble(v));
                }
            }
            test.add(inst);
        }
        final double[][] batch = glm.distributionsForInstances(test);
        for (int i = 0; i < test.numInstances(); i++) {
            final String[] r = rows.get(i + 1);
            final double mu = Double.parseDouble(r[head.indexOf("mu")]);
            final double[] d = glm.distributionForInstance(test.instance(i));
            final double predicted = data.classAttribute().isNominal() ? d[1] : d[0];
            close(name + " new row " + (i + 1) + " mu", mu, predicted);
            assertArrayEquals(d, batch[i], 0.0, "batch and single predictions");
            final double[] ci = glm.meanInterval(test.instance(i), 0.95);
            close(name + " new row " + (i + 1) + " lower", Double.parseDouble(r[head.indexOf("lower")]), ci[0]);
            close(name + " new row " + (i + 1) + " upper", Double.parseDouble(r[head.indexOf("upper")]), ci[1]);
        }
    }

    @Test
    void insuranceClaimsWithLogHoldersMatchR() throws Exception {
        final Instances data = arff("insurance_exposure");
        final NeuralGLM glm = build(data, "-hidden", "none", "-family", "Poisson", "-offset", "logHolders");
        compare("insurance_exposure", glm, data);
        // by 1-based index, the same model
        final NeuralGLM byIndex = build(data, "-hidden", "none", "-family", "Poisson", "-offset", "4");
        assertArrayEquals(glm.getGlmSummary().estimates(), byIndex.getGlmSummary().estimates(), 0.0);
        final String report = glm.toString();
        assertTrue(report.contains("Offset") && report.contains("'logHolders'"), report);
        assertTrue(report.contains("intercept-only model with the offset"), report);
        assertTrue(!Arrays.asList(glm.getGlmSummary().terms()).contains("logHolders"), "the offset is not an input");
    }

    /** A saved model keeps its offset attribute: the copy read back predicts the same, and still needs the offset. */
    @Test
    void aSerialisedModelKeepsItsOffset() throws Exception {
        final Instances data = arff("insurance_exposure");
        final NeuralGLM glm = build(data, "-hidden", "none", "-family", "Poisson", "-offset", "logHolders");
        final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(glm);
        }
        final NeuralGLM copy;
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (NeuralGLM) in.readObject();
        }
        for (int i = 0; i < data.numInstances(); i++) {
            assertArrayEquals(glm.distributionForInstance(data.instance(i)), copy.distributionForInstance(data.instance(i)),
                    0.0);
        }
        final Instance test = (Instance) data.instance(0).copy();
        test.setMissing(3);
        assertMessage(() -> copy.distributionForInstance(test), "Offset attribute 'logHolders'");
    }

    @Test
    void gammaCostsWithLogMonthsMatchR() throws Exception {
        final Instances data = arff("gamma_exposure");
        compare("gamma_exposure", build(data, "-hidden", "none", "-family", "Gamma", "-offset", "logMonths"), data);
    }

    @Test
    void logitWithAKnownOffsetMatchesR() throws Exception {
        final Instances data = arff("logit_offset");
        compare("logit_offset", build(data, "-hidden", "none", "-family", "Bernoulli", "-offset", "off"), data);
    }

    @Test
    void optionRoundTripsAndIsListed() throws Exception {
        final NeuralGLM glm = new NeuralGLM();
        assertEquals("", glm.getOffset(), "no offset by default");
        assertTrue(!Arrays.asList(glm.getOptions()).contains("-offset") || Utils.getOption("offset",
                glm.getOptions().clone()).isEmpty(), "the default is empty");
        glm.setOptions(new String[] {"-offset", "logHolders", "-hidden", "none"});
        assertEquals("logHolders", glm.getOffset());
        final NeuralGLM again = new NeuralGLM();
        again.setOptions(glm.getOptions());
        assertEquals("logHolders", again.getOffset());
        boolean listed = false;
        for (java.util.Enumeration<weka.core.Option> e = glm.listOptions(); e.hasMoreElements(); ) {
            final weka.core.Option o = e.nextElement();
            listed |= "offset".equals(o.name()) && o.description().contains("log(exposure)");
        }
        assertTrue(listed, "listOptions has -offset with its description");
        assertTrue(glm.globalInfo().contains("-offset"), glm.globalInfo());
    }

    /** An offset attribute of zeros: the model of the data without it, to the bit (GLM and network). */
    @Test
    void zeroOffsetIsTheModelWithoutTheAttribute() throws Exception {
        final Instances data = arff("gamma_exposure");
        final Instances zero = new Instances(data);
        for (int i = 0; i < zero.numInstances(); i++) {
            zero.instance(i).setValue(2, 0.0);
        }
        final Instances without = new Instances(data);
        without.deleteAttributeAt(2);
        for (String[] opts : new String[][] {{"-hidden", "none", "-family", "Gamma"},
            {"-hidden", "4", "-family", "Gamma", "-weight-decay", "0.1", "-epochs", "30", "-validation-fraction", "0"}}) {
            final NeuralGLM a = build(zero, concat(opts, "-offset", "logMonths")), b = build(without, opts);
            for (int i = 0; i < zero.numInstances(); i++) {
                assertArrayEquals(b.distributionForInstance(without.instance(i)), a.distributionForInstance(zero.instance(i)),
                        0.0, Arrays.toString(opts) + " instance " + (i + 1));
            }
            assertEquals(b.fittedModel().statistics().deviance(), a.fittedModel().statistics().deviance(), 0.0);
            assertEquals(b.fittedModel().statistics().nullDeviance(), a.fittedModel().statistics().nullDeviance(),
                    1e-9 * b.fittedModel().statistics().nullDeviance(), "the null fit with offset 0 is the closed form's");
        }
    }

    /**
     * The default options' automatic choices (the penalty path on a held-out split, the Poisson class's average of six
     * networks with its level refitted, the Gaussian class's warm-started path to convergence on the standardised
     * class, a two-class class's 5-fold path at 40-99 instances and its ridge GLM average under 40) with an offset
     * attribute of zeros: the model of the data without the attribute, to the bit. Every fit of those paths then
     * carries the offsets (the engine's tests check that a non-zero one reaches every row).
     */
    @Test
    void zeroOffsetUnderTheDefaultsIsTheModelWithoutTheAttribute() throws Exception {
        final Instances poisson = arff("insurance_exposure");
        final Instances gaussian = arff("gamma_exposure");
        gaussian.deleteAttributeAt(2);   // x1, x2, cost: cost as a Gaussian class, and a zero offset attribute added
        final Instances logit = arff("logit_offset");
        final Object[][] cases = {
            {poisson, "Poisson", 3}, {addZeros(gaussian), "Gaussian", 2}, {logit, "Bernoulli", 2},
            {head(logit, 60), "Bernoulli", 2}, {head(logit, 30), "Bernoulli", 2}};
        for (Object[] c : cases) {
            final Instances data = new Instances((Instances) c[0]);
            final int a = (Integer) c[2];
            for (int i = 0; i < data.numInstances(); i++) {
                data.instance(i).setValue(a, 0.0);
            }
            final Instances without = new Instances(data);
            without.deleteAttributeAt(a);
            final String[] opts = {"-family", (String) c[1]};
            final NeuralGLM with = build(data, concat(opts, "-offset", data.attribute(a).name())), plain = build(without, opts);
            final String what = c[1] + " on " + data.numInstances() + " instances";
            for (int i = 0; i < data.numInstances(); i++) {
                assertArrayEquals(plain.distributionForInstance(without.instance(i)), with.distributionForInstance(
                        data.instance(i)), 0.0, what + ", instance " + (i + 1));
            }
            assertEquals(plain.fittedModel().statistics().deviance(), with.fittedModel().statistics().deviance(), 0.0, what);
        }
    }

    /** A Poisson network under the default options with log(Holders): close to the GLM, which fits these data. */
    @Test
    void theDefaultNetworkWithAnExposureFitsTheClaims() throws Exception {
        final Instances data = arff("insurance_exposure");
        final NeuralGLM net = build(data, "-family", "Poisson", "-offset", "logHolders");
        final double dev = net.fittedModel().statistics().deviance(), glm = RFixture.load("insurance_exposure").stat("deviance");
        // without the offset in its fits the network would predict the claims from the groups alone: deviance in the
        // thousands (the null deviance without offset is 4,000 here)
        assertTrue(dev < 3 * glm, "deviance " + dev + ", the GLM's " + glm);
        final Instance one = (Instance) data.instance(5).copy();
        final double mu = net.distributionForInstance(one)[0];
        one.setValue(3, one.value(3) + Math.log(10));
        assertEquals(10 * mu, net.distributionForInstance(one)[0], 1e-9 * mu);
    }

    private static Instances addZeros(Instances data) {
        final Instances out = new Instances(data);
        out.insertAttributeAt(new Attribute("zero"), 2);
        for (int i = 0; i < out.numInstances(); i++) {
            out.instance(i).setValue(2, 0.0);
        }
        out.setClassIndex(out.numAttributes() - 1);
        return out;
    }

    private static Instances head(Instances data, int n) {
        return new Instances(data, 0, n);
    }

    static String[] concat(String[] a, String... b) {
        final String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** A network with an offset: trains (mini-batches, two threads, early stopping) and predicts exposure * exp(f). */
    @Test
    void aNetworkWithAnOffsetTrainsAndScalesWithTheExposure() throws Exception {
        final Instances data = arff("insurance_exposure");
        final NeuralGLM net = build(data, "-hidden", "8", "-family", "Poisson", "-offset", "logHolders", "-weight-decay",
                "0.01", "-mini-batch-size", "16", "-num-threads", "2", "-epochs", "40", "-validation-fraction", "0.2",
                "-patience", "5", "-optimizer", "Adam -lr 0.02");
        final Instance one = (Instance) data.instance(3).copy();
        final double mu = net.distributionForInstance(one)[0];
        one.setValue(3, one.value(3) + Math.log(10));
        assertEquals(10 * mu, net.distributionForInstance(one)[0], 1e-9 * mu, "ten times the exposure, ten times the mean");
        // the network's fit is close to the GLM's (the data are a Poisson GLM): deviance within 2x of R's
        final double dev = net.fittedModel().statistics().deviance();
        assertTrue(dev < 2.5 * RFixture.load("insurance_exposure").stat("deviance"), "deviance " + dev);
    }

    @Test
    void dropTestsKeepTheOffset() throws Exception {
        final Instances data = arff("insurance_exposure");
        final NeuralGLM glm = build(data, "-hidden", "none", "-family", "Poisson", "-offset", "logHolders",
                "-drop-tests");
        final neuralglm.model.DevianceTests t = glm.fittedModel().devianceTests();
        final String report = glm.toString();
        assertTrue(report.contains("District") && report.contains("Age"), report);
        // R: drop1(glm(Claims ~ District + Group + Age + offset(log(Holders)), poisson), test = "Chisq") gives
        // Age's deviance 51.42 + 42.0 (the model without Age, offset kept); without the offset it would be thousands
        assertTrue(t != null, "drop tests computed");
        assertEquals(List.of("District", "Group", "Age"), List.of(t.names()), "the offset attribute is not tested");
        final NeuralGLM noAge = build(without(data, "Age"), "-hidden", "none", "-family", "Poisson", "-offset",
                "logHolders");
        assertEquals(noAge.getGlmSummary().deviance(), t.deviances()[2], 1e-6 * t.deviances()[2]);
        assertTrue(t.deviances()[2] < 200, "the refit without Age keeps the offset: deviance " + t.deviances()[2]);
    }

    static Instances without(Instances data, String name) {
        final Instances out = new Instances(data);
        out.deleteAttributeAt(out.attribute(name).index());
        return out;
    }

    @Test
    void badOffsetsAreRefusedNamingAttributeAndInstance() throws Exception {
        final Instances data = arff("insurance_exposure");
        assertMessage(() -> build(data, "-hidden", "none", "-family", "Poisson", "-offset", "exposure"),
                "no attribute named 'exposure'");
        assertMessage(() -> build(data, "-hidden", "none", "-family", "Poisson", "-offset", "9"), "index 9 is out of range");
        assertMessage(() -> build(data, "-hidden", "none", "-family", "Poisson", "-offset", "Claims"),
                "'Claims' (attribute 5) is the class attribute");
        assertMessage(() -> build(data, "-hidden", "none", "-family", "Poisson", "-offset", "District"),
                "'District' (attribute 1) is nominal");
        assertMessage(() -> build(data, "-hidden", "none", "-family", "NegativeBinomial", "-dispersion", "ML", "-offset",
                "logHolders"), "-dispersion ML");
        final Instances missing = new Instances(data);
        missing.instance(6).setMissing(3);
        assertMessage(() -> build(missing, "-hidden", "none", "-family", "Poisson", "-offset", "logHolders"),
                "Offset attribute 'logHolders' (-offset) of instance 7 has no value");
        final NeuralGLM glm = build(data, "-hidden", "none", "-family", "Poisson", "-offset", "logHolders");
        final Instance test = (Instance) data.instance(0).copy();
        test.setMissing(3);
        assertMessage(() -> glm.distributionForInstance(test), "Offset attribute 'logHolders' (-offset) of the "
                + "instance to predict has no value");
        final Instances batch = new Instances(data, 0);
        batch.add((Instance) data.instance(0).copy());
        batch.add(test);
        assertMessage(() -> glm.distributionsForInstances(batch), "of instance 2 has no value");
    }

    private interface Call {
        void run() throws Exception;
    }

    private static void assertMessage(Call call, String expected) {
        final Exception e = assertThrows(Exception.class, call::run);
        assertTrue(e.getMessage() != null && e.getMessage().contains(expected), "expected '" + expected + "' in: "
                + e.getMessage());
    }
}

package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import weka.classifiers.Evaluation;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.Utils;
import weka.gui.Logger;

/**
 * The default options (issue 11): a network that generalises out of the box, {@code -hidden none} still
 * the unpenalised GLM, the report saying what was applied, progress through Weka's {@code LogHandler},
 * and awkward data sets.
 */
class NeuralGLMDefaultsTest {

    /**
     * A noisy two-class problem: P(class 1) = sigmoid(x1 - x2 + 0.5 x3 x4), x ~ N(0, 1)^6 (two inputs are noise);
     * 150 rows are few enough that an unpenalised network drives its held-out log loss far up.
     */
    static Instances noisyClasses(int n, long seed) {
        final ArrayList<Attribute> atts = new ArrayList<>();
        for (int j = 1; j <= 6; j++) {
            atts.add(new Attribute("x" + j));
        }
        atts.add(new Attribute("class", List.of("no", "yes")));
        final Instances data = new Instances("noisy", atts, n);
        data.setClassIndex(6);
        final Random rng = new Random(seed);
        for (int i = 0; i < n; i++) {
            final double[] v = new double[7];
            for (int j = 0; j < 6; j++) {
                v[j] = rng.nextGaussian();
            }
            final double eta = v[0] - v[1] + 0.5 * v[2] * v[3];
            v[6] = rng.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
            data.add(new DenseInstance(1, v));
        }
        return data;
    }

    private static double[] crossValidated(weka.classifiers.Classifier c, Instances data) throws Exception {
        final Evaluation ev = new Evaluation(data);
        ev.crossValidateModel(c, data, 5, new Random(1));
        return new double[] {ev.SFMeanSchemeEntropy() * Math.log(2), ev.pctCorrect()};
    }

    @Test
    void defaultNetworkHoldsOutAboutAsWellAsLogisticWhereAnUnpenalisedOneOverfits() throws Exception {
        final Instances data = noisyClasses(150, 7);
        final double[] defaults = crossValidated(new NeuralGLM(), data);
        final NeuralGLM unpenalised = new NeuralGLM();   // the defaults before the held-out study, but one layer
        unpenalised.setWeightDecay(0);
        unpenalised.setValidationFraction(0);
        final double[] overfit = crossValidated(unpenalised, data);
        final double[] logistic = crossValidated(new Logistic(), data);
        // the true model's log loss is about 0.5 nats; a constant prediction's is ln 2 = 0.69
        assertTrue(defaults[0] < logistic[0] + 0.05, "defaults " + defaults[0] + " vs Logistic " + logistic[0]);
        assertTrue(defaults[0] < 0.69, "defaults " + defaults[0] + " no better than a constant");
        assertTrue(overfit[0] > defaults[0] + 0.2, "weight decay 0: " + overfit[0] + ", defaults " + defaults[0]);
    }

    @Test
    void hiddenNoneWithDefaultsIsTheUnpenalisedGlm() throws Exception {
        final Instances data = noisyClasses(120, 3);
        final NeuralGLM auto = new NeuralGLM();
        auto.setHidden("none");
        auto.buildClassifier(data);
        final NeuralGLM zero = new NeuralGLM();
        zero.setHidden("none");
        zero.setWeightDecay(0);
        zero.buildClassifier(data);
        assertArrayEquals(zero.fittedModel().coefficients().data, auto.fittedModel().coefficients().data, 0.0);
        assertTrue(auto.toString().contains("Regularisation:    none: the unpenalised maximum-likelihood GLM"),
                auto.toString());
    }

    @Test
    void reportSaysWhichPenaltyWasChosenAndWhyTrainingStopped() throws Exception {
        final NeuralGLM c = new NeuralGLM();
        c.buildClassifier(noisyClasses(100, 5));
        final String report = c.toString();
        assertTrue(report.contains("Regularisation:    weight decay "), report);
        assertTrue(report.contains("chosen automatically (weight decay -1) by the loss on the held-out instances"), report);
        assertTrue(report.contains("early stopping on 20% of the instances held out, patience 20 epochs"), report);
        assertTrue(report.contains("Stopped:           stopped after epoch "), report);
    }

    @Test
    void smallNominalSetGetsTheFoldChoiceAndTheAverageOfTheFoldNetworks() throws Exception {
        final NeuralGLM c = new NeuralGLM();
        c.buildClassifier(noisyClasses(60, 5));
        final String report = c.toString();
        assertTrue(report.contains("6 inputs -> 16 ReLU -> 2 outputs; the average of 5 such networks (80 ReLU units in all)"),
                report);
        assertTrue(report.contains("chosen automatically (weight decay -1) by the loss of a 5-fold cross-validation"), report);
        assertTrue(report.contains("each network early-stopped on its fold (20% of the instances), patience 20 epochs"), report);
        assertTrue(report.contains("the model is the average (of eta) of the 5 networks of that cross-validation"), report);
        // a user's weight decay means one network, early-stopped on the 20% split
        final NeuralGLM fixed = new NeuralGLM();
        fixed.setWeightDecay(3);
        fixed.buildClassifier(noisyClasses(60, 5));
        assertTrue(fixed.toString().contains("early stopping on 20% of the instances held out"), fixed.toString());
        assertTrue(!fixed.toString().contains("average"), fixed.toString());
    }

    @Test
    void defaultOptionsRoundTrip() throws Exception {
        final NeuralGLM c = new NeuralGLM();
        final String[] options = c.getOptions();
        assertEquals(-1.0, Double.parseDouble(Utils.getOption("weight-decay", options.clone())), "default weight decay");
        final NeuralGLM d = new NeuralGLM();
        d.setWeightDecay(3);
        d.setOptions(c.getOptions());
        assertArrayEquals(options, d.getOptions());
        assertEquals(-1.0, d.getWeightDecay());
    }

    /** Records what the Explorer's status bar and Log would show. */
    static final class RecordingLog implements Logger {
        final List<String> status = new ArrayList<>();
        final List<String> log = new ArrayList<>();

        @Override
        public void logMessage(String message) {
            log.add(message);
        }

        @Override
        public void statusMessage(String message) {
            status.add(message);
        }
    }

    @Test
    void explorerLogGetsProgressAndOneLinePerBuild() throws Exception {
        final NeuralGLM c = new NeuralGLM();
        final RecordingLog rec = new RecordingLog();
        c.setLog(rec);
        c.setEpochs(300);
        c.buildClassifier(noisyClasses(100, 11));
        assertEquals(1, rec.log.size(), rec.log.toString());
        assertTrue(rec.log.get(0).startsWith("NeuralGLM: built "), rec.log.get(0));
        assertTrue(rec.log.get(0).contains("stopped after epoch"), rec.log.get(0));
        assertTrue(rec.status.stream().anyMatch(s -> s.startsWith("NeuralGLM: training, epoch ")
                && s.contains(" of 300, training loss ") && s.contains("validation loss")), rec.status.toString());
        assertTrue(rec.status.stream().anyMatch(s -> s.startsWith("NeuralGLM: choosing the weight decay")),
                rec.status.toString());
        // throttled to a few a second: far fewer status messages than epochs (300 per fit, several fits)
        assertTrue(rec.status.size() < 40, "status messages: " + rec.status.size());

        c.setHidden("0");
        try {
            c.buildClassifier(noisyClasses(50, 1));
        } catch (IllegalArgumentException expected) {
            // bad option: logged as a failed build
        }
        assertEquals(2, rec.log.size(), rec.log.toString());
        assertTrue(rec.log.get(1).startsWith("NeuralGLM: build failed after "), rec.log.get(1));
    }

    /**
     * Under 40 rows the default is the average on the eta scale of the network fitted to convergence at weight decay 1
     * (the network alone: the fixed options below) and the ridge GLM {@code -hidden none -weight-decay 1}: the softmax
     * of the mean of two etas is the normalised geometric mean of the two builds' probabilities.
     */
    @Test
    void nominalSetUnder40RowsAveragesTheConvergedNetworkWithARidgeGlm() throws Exception {
        final Instances data = noisyClasses(30, 5);
        final NeuralGLM auto = new NeuralGLM();
        auto.buildClassifier(data);
        final NeuralGLM fixed = new NeuralGLM();
        fixed.setOptions(Utils.splitOptions("-weight-decay 1 -validation-fraction 0 -activation Squareplus "
                + "-optimizer \"LBFGS -tolerance 1e-4\""));
        fixed.buildClassifier(data);
        final NeuralGLM ridge = new NeuralGLM();
        ridge.setOptions(Utils.splitOptions("-hidden none -weight-decay 1"));
        ridge.buildClassifier(data);
        final Instances fresh = noisyClasses(20, 6);
        double apart = 0;
        for (int i = 0; i < fresh.numInstances(); i++) {
            final double[] a = fixed.distributionForInstance(fresh.instance(i)),
                    g = ridge.distributionForInstance(fresh.instance(i)), want = new double[a.length];
            double sum = 0;
            for (int j = 0; j < a.length; j++) {
                want[j] = Math.sqrt(a[j] * g[j]);
                sum += want[j];
            }
            for (int j = 0; j < a.length; j++) {
                want[j] /= sum;
                apart = Math.max(apart, Math.abs(a[j] - want[j]));
            }
            assertArrayEquals(want, auto.distributionForInstance(fresh.instance(i)), 1e-12, "instance " + i);
        }
        assertTrue(apart > 0.01, "the network alone and the average differ: " + apart);
        final String report = auto.toString();
        assertTrue(report.contains("no early stopping: with fewer than 40 instances none are held out"), report);
        assertTrue(report.contains("weight decay 1:"), report);
        assertTrue(report.contains("6 inputs -> 16 Squareplus -> 2 outputs, averaged (on the eta scale) with a ridge GLM "
                + "(weight decay 1): a network with a linear skip connection"), report);
        assertTrue(report.contains("written as one network of 20 Squareplus units"), report);
        // the model is one network: a serialised copy predicts the same bits
        final NeuralGLM back = (NeuralGLM) weka.core.SerializationHelper.read(new java.io.ByteArrayInputStream(
                serialised(auto)));
        for (int i = 0; i < fresh.numInstances(); i++) {
            assertArrayEquals(auto.distributionForInstance(fresh.instance(i)),
                    back.distributionForInstance(fresh.instance(i)), 0.0, "instance " + i);
        }
    }

    /** @return an empty data set of numeric inputs x1, x2, x3 and a numeric class y (the last attribute), room for n */
    private static Instances threeInputs(String relation, int n) {
        final ArrayList<Attribute> atts = new ArrayList<>();
        for (int j = 1; j <= 3; j++) {
            atts.add(new Attribute("x" + j));
        }
        atts.add(new Attribute("y"));
        final Instances data = new Instances(relation, atts, n);
        data.setClassIndex(3);
        return data;
    }

    /** A small numeric set on the class's own large scale: y = 1000 + 50 x1 - 30 x2 + N(0, 20^2), x ~ N(0, 1)^3. */
    private static Instances linearNumeric(int n, long seed) {
        final Instances data = threeInputs("linear", n);
        final Random rng = new Random(seed);
        for (int i = 0; i < n; i++) {
            final double[] v = new double[4];
            for (int j = 0; j < 3; j++) {
                v[j] = rng.nextGaussian();
            }
            v[3] = 1000 + 50 * v[0] - 30 * v[1] + 20 * rng.nextGaussian();
            data.add(new DenseInstance(1, v));
        }
        return data;
    }

    /**
     * Under 100 instances of a Gaussian class the rows held out to choose the weight decay also decide whether the
     * network gets a linear term; on linear data they keep it, the report says why, and the model predicts in the
     * class's units (the GLM, fitted to the standardised class as the network is, mapped back with it: without that
     * the average of the two would sit near half the class's mean).
     */
    @Test
    void smallGaussianSetKeepsALinearTermTheHeldOutRowsDoNotReject() throws Exception {
        final Instances data = linearNumeric(60, 3);
        final NeuralGLM auto = new NeuralGLM();
        auto.buildClassifier(data);
        final String report = auto.toString();
        assertTrue(report.contains("3 inputs -> 16 Squareplus -> 1 output"), report);
        assertTrue(report.contains(WITH_GLM), report);
        assertTrue(report.contains("a network with a linear skip connection, kept by the rows held out"), report);
        assertTrue(report.contains("under 100 instances a linear term (the average with a ridge GLM) is kept unless the "
                + "rows held out favour the network alone by more than one standard error: kept (mean NLL of the "
                + "standardised class "), report);
        final Instances fresh = linearNumeric(200, 4);
        double sse = 0;
        for (int i = 0; i < fresh.numInstances(); i++) {
            final double r = auto.classifyInstance(fresh.instance(i)) - fresh.instance(i).classValue();
            sse += r * r;
        }
        final double rmse = Math.sqrt(sse / fresh.numInstances());
        assertTrue(rmse < 30, "near the noise's 20, far below the class's spread of 58: " + rmse);
        // 100 instances and more: no comparison, the network alone
        final NeuralGLM large = new NeuralGLM();
        large.buildClassifier(linearNumeric(120, 3));
        assertTrue(!large.toString().contains(WITH_GLM) && !large.toString().contains("a linear term"), large.toString());
    }

    /** The Regularisation line's words for the linear term, both ways, with the held-out losses that decided it. */
    @Test
    void theLinearTermsWordsSayWhichWayTheHeldOutRowsDecided() {
        final String left = NeuralGLM.describeLinearTerm(new neuralglm.train.LinearTerm(0.1, 0.5, 0.05));
        assertTrue(left.contains("favour the network alone by more than one standard error: left out (mean NLL of the "
                + "standardised class 0.5 with it, 0.1 without, standard error of the difference 0.05)"), left);
        final String kept = NeuralGLM.describeLinearTerm(new neuralglm.train.LinearTerm(0.3, 0.32, 0.05));
        assertTrue(kept.contains(": kept (mean NLL of the standardised class 0.32 with it, 0.3 without"), kept);
        assertEquals("", NeuralGLM.describeLinearTerm(null));
    }

    private static byte[] serialised(Object o) throws Exception {
        final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        weka.core.SerializationHelper.write(bytes, o);
        return bytes.toByteArray();
    }

    /**
     * The Regularization line's words for the numeric average: the networks one step of the grid weaker named by their
     * place, a network whose fit diverged (NaN) named as left out, the seeds those of the networks averaged.
     */
    @Test
    void theAveragesWordsNameItsWeakerAndItsDroppedNetworks() {
        final String all = NeuralGLM.describeAverage(1, 6, new double[] {3, 3, 0.3, 3, 0.3, 3}, 0);
        assertTrue(all.contains("the model is the average (of eta) of 6 networks"), all);
        assertTrue(all.contains("(random seeds 1 to 6), at the weight decay 3 the first network chose"), all);
        assertTrue(all.contains(", networks 3 and 5 at 0.3, one step of the grid below it"), all);
        assertTrue(!all.contains("left out"), all);
        final String dropped = NeuralGLM.describeAverage(5, 5, new double[] {3, Double.NaN, 0.3, 3, 0.3, 3}, 0);
        assertTrue(dropped.contains("of 5 networks"), dropped);
        assertTrue(dropped.contains("(random seeds 5, 7, 8, 9 and 10)"), dropped);
        assertTrue(dropped.contains(", networks 3 and 5 at 0.3, one step"), dropped);
        assertTrue(dropped.contains("; network 2 left out: its fit diverged"), dropped);
        final String end = NeuralGLM.describeAverage(1, 4, new double[] {0.03, 0.03, Double.NaN, 0.03, Double.NaN, 0.03}, 0);
        assertTrue(!end.contains("one step of the grid below"), "the grid's end: " + end);
        assertTrue(end.contains("; networks 3 and 5 left out: their fits diverged"), end);
        assertEquals("", NeuralGLM.describeAverage(1, 1, new double[] {3, Double.NaN}, 0));
    }

    /** The report's words for a network averaged with a ridge GLM (present exactly when the GLM joins). */
    private static final String WITH_GLM = ", averaged (on the eta scale) with a ridge GLM";

    /** From 40 rows, with units that cannot carry a linear term, or with a user's decay: the network alone, as before. */
    @Test
    void theRidgeGlmJoinsOnlyTheDefaultsUnder40Rows() throws Exception {
        final NeuralGLM forty = new NeuralGLM();
        forty.buildClassifier(noisyClasses(40, 5));
        assertTrue(!forty.toString().contains(WITH_GLM), forty.toString());
        final Instances data = noisyClasses(30, 5);
        final NeuralGLM tanh = new NeuralGLM();
        tanh.setOptions(Utils.splitOptions("-activation Tanh"));
        tanh.buildClassifier(data);
        assertTrue(!tanh.toString().contains(WITH_GLM), tanh.toString());
        assertTrue(tanh.toString().contains("the ridge GLM that the default averages with the network under 40 instances "
                + "of a nominal class was left out, because this network's units cannot carry its linear term"),
                tanh.toString());
        final NeuralGLM given = new NeuralGLM();
        given.setOptions(Utils.splitOptions("-weight-decay 1"));
        given.buildClassifier(data);
        assertTrue(!given.toString().contains(WITH_GLM), given.toString());
        assertTrue(!given.toString().contains("was left out"), "no GLM was planned: " + given.toString());
        final NeuralGLM relu = new NeuralGLM();
        relu.setOptions(Utils.splitOptions("-activation ReLU"));
        relu.buildClassifier(data);
        assertTrue(relu.toString().contains("16 ReLU -> 2 outputs" + WITH_GLM),
                relu.toString());
    }

    @Test
    void awkwardDataSetsBuildWithDefaults() throws Exception {
        // one instance per class value, a constant attribute and a nominal attribute with many values
        final List<String> many = new ArrayList<>();
        for (int v = 0; v < 40; v++) {
            many.add("v" + v);
        }
        final ArrayList<Attribute> atts = new ArrayList<>(List.of(new Attribute("x"), new Attribute("constant"),
                new Attribute("code", many), new Attribute("class", List.of("a", "b", "c"))));
        final Instances tiny = new Instances("tiny", atts, 3);
        tiny.setClassIndex(3);
        for (int i = 0; i < 3; i++) {
            tiny.add(new DenseInstance(1, new double[] {i, 5, i * 7, i}));
        }
        final NeuralGLM c = new NeuralGLM();
        c.buildClassifier(tiny);
        for (int i = 0; i < 3; i++) {
            final double[] p = c.distributionForInstance(tiny.instance(i));
            assertEquals(1.0, p[0] + p[1] + p[2], 1e-9);
            // one instance per class, fitted with nothing held out at weight decay 1 (a prior worth an instance):
            // no class is ruled out
            for (double pj : p) {
                assertTrue(pj > 0.2, "instance " + i + " " + java.util.Arrays.toString(p));
            }
        }
        assertTrue(c.toString().contains("no early stopping: with fewer than 40 instances none are held out"),
                c.toString());

        final Instances wide = new Instances("wide", atts, 200);
        wide.setClassIndex(3);
        final Random rng = new Random(2);
        for (int i = 0; i < 200; i++) {
            final int code = rng.nextInt(40);
            wide.add(new DenseInstance(1, new double[] {rng.nextGaussian(), 5, code, code % 3}));
        }
        final double[] cv = crossValidated(new NeuralGLM(), wide);
        assertTrue(cv[1] > 90, "accuracy " + cv[1] + "% where the code determines the class");
    }

    /** y = a + b (sin(2 x1) + x2^2 / 2 + noise / 4), x ~ N(0, 1)^3 (x3 is noise): a smooth nonlinear numeric class */
    static Instances smoothNumeric(int n, long seed, double a, double b) {
        final Instances data = threeInputs("smooth", n);
        final Random rng = new Random(seed);
        for (int i = 0; i < n; i++) {
            final double[] v = {rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian(), 0};
            v[3] = a + b * (Math.sin(2 * v[0]) + v[1] * v[1] / 2 + rng.nextGaussian() / 4);
            data.add(new DenseInstance(1, v));
        }
        return data;
    }

    @Test
    void indicatorColumnsAreScaledByAHalfInAGaussianNetworkUnderTheAutomaticDecayOnly() throws Exception {
        // x numeric, colour with a rare value (blue on 2 of 60 rows): its one-hot columns are 0/1
        final ArrayList<Attribute> atts = new ArrayList<>(List.of(new Attribute("x"),
                new Attribute("colour", List.of("red", "green", "blue")), new Attribute("y")));
        final Instances data = new Instances("indicators", atts, 60);
        data.setClassIndex(2);
        final Random rng = new Random(4);
        for (int i = 0; i < 60; i++) {
            final double x = rng.nextGaussian(), c = i < 2 ? 2 : i % 2;
            data.add(new DenseInstance(1, new double[] {x, c, 3 * x + c + 0.1 * rng.nextGaussian()}));
        }
        final NeuralGLM auto = new NeuralGLM(), fixed = new NeuralGLM(), glm = new NeuralGLM();
        fixed.setWeightDecay(1);
        glm.setHidden("none");
        for (NeuralGLM g : new NeuralGLM[] {auto, fixed, glm}) {
            g.buildClassifier(data);
        }
        final double[] scales = scales(auto), sd = scales(fixed), ref = scales(glm);
        assertEquals(4, scales.length, "x and three one-hot columns");
        int halves = 0;
        for (int j = 0; j < scales.length; j++) {
            halves += scales[j] == 0.5 ? 1 : 0;
            assertTrue(scales[j] == 0.5 || scales[j] == sd[j], "column " + j + ": " + scales[j]);
        }
        assertEquals(3, halves, java.util.Arrays.toString(scales));
        assertTrue(auto.toString().contains("(0/1 columns: centred and divided by 0.5,"), auto.toString());
        assertTrue(!fixed.toString().contains("0/1 columns"), fixed.toString());
        for (double v : sd) {
            assertTrue(v != 0.5, "a fixed weight decay keeps the standard deviation: " + java.util.Arrays.toString(sd));
        }
        for (double v : ref) {
            assertTrue(v != 0.5, "the GLM keeps the standard deviation: " + java.util.Arrays.toString(ref));
        }
        // blue's column by its sd sqrt(p (1 - p)), p = 2/60: blue's 1 becomes sqrt((1 - p) / p) = 5.4; by 1/2, 1.9
        assertTrue(java.util.Arrays.stream(sd).anyMatch(v -> Math.abs(v - Math.sqrt(2 / 60.0 * 58 / 60.0)) < 1e-12),
                java.util.Arrays.toString(sd));
    }

    private static double[] scales(NeuralGLM g) {
        return ((weka.classifiers.functions.neuralglm.InputPipeline) g.fittedModel().pipeline()).standardizer().scale();
    }

    @Test
    void gaussianNetworkIsFreeOfTheClassUnits() throws Exception {
        // the network learns (y - mean) / sd: a class in other units (a + b y) gives the same model in those units,
        // penalty choice included, where a weight decay on the raw class would mean something else in each unit
        final Instances a = smoothNumeric(120, 4, 0, 1), b = smoothNumeric(120, 4, 5000, 300);
        final NeuralGLM fixedSmall = new NeuralGLM(), fixedLarge = new NeuralGLM();
        fixedSmall.setWeightDecay(1);   // converges well within the epoch limit: equal up to rounding
        fixedLarge.setWeightDecay(1);
        fixedSmall.buildClassifier(a);
        fixedLarge.buildClassifier(b);
        for (int i = 0; i < a.numInstances(); i++) {
            assertEquals(5000 + 300 * fixedSmall.classifyInstance(a.instance(i)), fixedLarge.classifyInstance(b.instance(i)),
                    1e-6 * 300, "instance " + i);
        }
        final NeuralGLM small = new NeuralGLM(), large = new NeuralGLM();
        small.buildClassifier(a);
        large.buildClassifier(b);
        double sse = 0, sst = 0, mean = a.meanOrMode(3);
        for (int i = 0; i < a.numInstances(); i++) {
            final double p = small.classifyInstance(a.instance(i));
            sse += Math.pow(p - a.instance(i).classValue(), 2);
            sst += Math.pow(mean - a.instance(i).classValue(), 2);
        }
        assertTrue(sse < 0.2 * sst, "R^2 " + (1 - sse / sst) + " on a smooth target");
        final String report = large.toString();
        assertTrue(report.contains("trained on the standardised class (y - 5"), report);
        assertTrue(report.contains("was fitted to convergence on 80% of the instances (for at most 150 epochs)"), report);
        assertTrue(report.contains("no early stopping: a Gaussian network is fitted to convergence"), report);
        assertTrue(report.contains("16 Squareplus"), report);
        assertTrue(report.contains("tolerance=1.0E-4"), report);   // the automatic penalty's L-BFGS tolerance
        assertTrue(fixedLarge.toString().contains("tolerance=1.0E-9"), fixedLarge.toString());   // a given one: the user's
        // a GLM is fitted on the class as it is
        final NeuralGLM glm = new NeuralGLM();
        glm.setHidden("none");
        glm.buildClassifier(b);
        assertTrue(!glm.toString().contains("standardised class"), glm.toString());
    }

    @Test
    void automaticActivationFollowsTheFamily() {
        final java.util.function.BiFunction<neuralglm.family.Family, Integer, String> auto = (f, rows) ->
                NeuralGLM.automaticActivation(f, neuralglm.train.AutoRegularisation.plan(f, false, false, rows, -1, -1, -1));
        assertEquals("ReLU", auto.apply(new neuralglm.family.CategoricalFamily(), 40));
        assertEquals("ReLU", auto.apply(new neuralglm.family.BernoulliFamily(), 500));
        // under 40 rows a nominal class is fitted to convergence with nothing held out: smooth units
        assertEquals("Squareplus", auto.apply(new neuralglm.family.CategoricalFamily(), 39));
        assertEquals("Squareplus", auto.apply(new neuralglm.family.BernoulliFamily(), 12));
        // a user's weight decay keeps ReLU (no automatic fit to convergence)
        assertEquals("ReLU", NeuralGLM.automaticActivation(new neuralglm.family.CategoricalFamily(),
                neuralglm.train.AutoRegularisation.plan(new neuralglm.family.CategoricalFamily(), false, false, 12, 1, -1, -1)));
        assertEquals("Squareplus", auto.apply(new neuralglm.family.GaussianFamily(), 500));
        assertEquals("Tanh", auto.apply(new neuralglm.family.PoissonFamily(), 500));
        assertEquals("Tanh", auto.apply(new neuralglm.family.PoissonFamily(), 20));
        assertEquals("Auto", new NeuralGLM().getActivation().getSelectedTag().getReadable());
    }

    @Test
    void countClassGetsTheAverageOfEarlyStoppedTanhNetworks() throws Exception {
        final ArrayList<Attribute> atts = new ArrayList<>();
        atts.add(new Attribute("x"));
        atts.add(new Attribute("count"));
        final Instances data = new Instances("counts", atts, 150);
        data.setClassIndex(1);
        final Random rng = new Random(8);
        for (int i = 0; i < 150; i++) {
            final double x = rng.nextGaussian(), mu = Math.exp(0.5 + 0.8 * x);
            int k = 0;   // Poisson(mu) by inversion
            double p = Math.exp(-mu), cdf = p;
            final double u = rng.nextDouble();
            while (u > cdf) {
                k++;
                p *= mu / k;
                cdf += p;
            }
            data.add(new DenseInstance(1, new double[] {x, k}));
        }
        final NeuralGLM c = new NeuralGLM();
        c.setFamily(new weka.classifiers.functions.neuralglm.Poisson());
        c.buildClassifier(data);
        final String report = c.toString();
        final int m = neuralglm.train.AutoRegularisation.ENSEMBLE;
        assertTrue(report.contains("1 input -> 16 Tanh -> 1 output; the average of " + m + " such networks (" + 16 * m
                + " Tanh units in all)"), report);
        assertTrue(report.contains("the model is the average (of eta) of " + m + " networks"), report);
        assertTrue(report.contains("at the weight decay ") && report.contains(" the first network chose"), report);
        // the third and fifth networks one step of the grid below the first one's choice (unless that is the grid's end,
        // as on these data; theAveragesWordsNameItsWeakerAndItsDroppedNetworks checks the words of the other case)
        final java.util.regex.Matcher chose = java.util.regex.Pattern.compile("at the weight decay (\\S+) the first network chose")
                .matcher(report);
        assertTrue(chose.find(), report);
        final double first = Double.parseDouble(chose.group(1));
        final double weaker = neuralglm.train.AutoRegularisation.weakerPenalty(first);
        assertEquals(weaker != first, report.contains("networks 3 and 5 at " + new java.text.DecimalFormat("0.##",
                java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT)).format(weaker)
                + ", one step of the grid below it"), report);
        assertTrue(report.contains("patience 7 epochs"), report);   // the default -1 for each network of the average
        // the average's level re-estimated without the penalty: the Poisson score equation sum mu_i = sum y_i holds
        assertTrue(report.contains("then the average's output bias (its level) re-estimated by maximum likelihood"), report);
        double sumY = 0, sumMu = 0;
        for (int i = 0; i < data.numInstances(); i++) {
            sumY += data.instance(i).classValue();
            sumMu += c.classifyInstance(data.instance(i));
        }
        assertEquals(sumY, sumMu, 1e-9 * sumY);
        // close to the true mean where the data are
        for (double x : new double[] {-1, 0, 1}) {
            final DenseInstance probe = new DenseInstance(1, new double[] {x, 0});
            probe.setDataset(data);
            final double truth = Math.exp(0.5 + 0.8 * x);
            assertEquals(truth, c.classifyInstance(probe), 0.3 * truth, "x = " + x);
        }
        // the build keeps the first network's fit from its weight-decay path (no refit); stepped from outside (as
        // IterativeClassifierOptimizer does) the session refits it: the same model to the bit
        final NeuralGLM stepped = new NeuralGLM();
        stepped.setFamily(new weka.classifiers.functions.neuralglm.Poisson());
        stepped.initializeClassifier(data);
        while (stepped.next()) {
            // one epoch per call
        }
        stepped.done();
        assertEquals(report, stepped.toString());
        for (int i = 0; i < data.numInstances(); i += 7) {
            assertEquals(c.classifyInstance(data.instance(i)), stepped.classifyInstance(data.instance(i)), 0.0);
        }
    }

    @Test
    void gammaAverageKeepsTheClassLevelWhateverItsUnits() throws Exception {
        // a positive class of level ~2000 with a weak trend: the weight decay pulls the output bias towards log 1 = 0;
        // re-estimated, the Gamma score equation sum (1 - y_i / mu_i) = 0 holds on the training instances
        final ArrayList<Attribute> atts = new ArrayList<>();
        atts.add(new Attribute("x"));
        atts.add(new Attribute("amount"));
        final Instances data = new Instances("amounts", atts, 60);
        data.setClassIndex(1);
        final Random rng = new Random(12);
        for (int i = 0; i < 60; i++) {
            final double x = rng.nextGaussian();
            data.add(new DenseInstance(1, new double[] {x, 2000 * Math.exp(0.2 * x) * -Math.log(rng.nextDouble())}));
        }
        final NeuralGLM c = new NeuralGLM();
        c.setFamily(new weka.classifiers.functions.neuralglm.Gamma());
        c.buildClassifier(data);
        double score = 0;
        for (int i = 0; i < data.numInstances(); i++) {
            score += 1 - data.instance(i).classValue() / c.classifyInstance(data.instance(i));
        }
        assertEquals(0, score / data.numInstances(), 1e-9, c.toString());
    }

    @Test
    void canonicalGammaAverageKeepsTheScoreEquationAtItsLevel() throws Exception {
        // the canonical link's level re-estimated (on a half-line link, checked on the outputs as predictions compute
        // them): its score equation sum (mu_i - y_i) = 0 holds on the training instances, every mean positive
        final Instances data = FamilyData.of("GammaCanonical", 300, 21);
        final NeuralGLM c = new NeuralGLM();
        c.setOptions(weka.core.Utils.splitOptions("-family \"Gamma -link canonical\""));
        c.buildClassifier(data);
        assertTrue(c.toString().contains("then the average's output bias (its level) re-estimated by maximum likelihood"),
                c.toString());
        double sumY = 0, sumMu = 0;
        for (int i = 0; i < data.numInstances(); i++) {
            final double mu = c.classifyInstance(data.instance(i));
            assertTrue(mu > 0 && Double.isFinite(mu), "instance " + (i + 1) + ": " + mu);
            sumY += data.instance(i).classValue();
            sumMu += mu;
        }
        assertEquals(sumY, sumMu, 1e-9 * sumY, c.toString());
    }
}

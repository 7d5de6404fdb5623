package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import weka.core.Instance;
import weka.core.Instances;

/**
 * Inputs a careless or hostile user gives that are valid but extreme (the errors for invalid ones are in
 * {@link NeuralGLMBadInputTest}): each build must end, with a model free of NaN whose report says what is odd
 * about it, or with a specific error.
 */
class NeuralGLMHostileInputTest {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    private static String[] glm(String... more) {
        final String[] o = new String[more.length + 2];
        o[0] = "-hidden";
        o[1] = "none";
        System.arraycopy(more, 0, o, 2, more.length);
        return o;
    }

    private static NeuralGLM built(Instances data, String... options) throws Exception {
        final NeuralGLM c = new NeuralGLM();
        c.setOptions(options.clone());
        assertTimeoutPreemptively(LIMIT, () -> c.buildClassifier(data));
        return c;
    }

    /**
     * A completely separated two-class GLM: maximum likelihood drives the coefficients to infinity and some fitted
     * probabilities reach exactly 0 or 1 in double, whose rows' information is 0/0. The build used to fail with
     * "GLM inference: no row has a positive weight and a finite information"; now such rows carry no information
     * (their limit), the model is built as R's glm builds it, and the report says which rows and what it means.
     */
    @Test
    void aSeparatedBernoulliGlmBuildsAndItsReportSaysTheProbabilitiesReachedZeroOrOne() throws Exception {
        final Instances d = FamilyData.of("Bernoulli", 30, 1);
        for (Instance i : d) {
            i.setClassValue(i.value(0) > 5 ? 1 : 0);
        }
        final NeuralGLM c = built(d, glm("-family", "Bernoulli"));
        int saturated = 0, exact = 0;
        for (Instance i : d) {
            final double[] p = c.distributionForInstance(i);
            assertTrue(Double.isFinite(p[0]) && Double.isFinite(p[1]), java.util.Arrays.toString(p));
            assertEquals(i.classValue(), p[1] > 0.5 ? 1 : 0, "separated: every instance is classified right");
            // R's glm.fit: numerically 0 or 1 within 10 machine epsilons (a logit reaches 1 in double, 0 only at 1e-308)
            saturated += p[1] < 10 * Math.ulp(1.0) || p[1] > 1 - 10 * Math.ulp(1.0) ? 1 : 0;
            exact += p[1] == 0 || p[1] == 1 ? 1 : 0;
        }
        assertTrue(exact > 0, "the fit reaches probabilities of exactly 0 or 1 (else this test tests nothing)");
        assertTrue(saturated > exact, "some rows are numerically 0 without being 0 (else the count's rule is not tested)");
        final String report = c.toString();
        assertTrue(report.contains("Note: " + saturated + " of the 30 instances with a positive weight have a fitted mean "
                + "numerically at the edge of the Bernoulli family's range (a probability of 0 or 1)"), report);
        assertTrue(report.contains("fitted probabilities numerically 0 or 1 occurred"), report);
        // the standard errors are finite and huge, as R's
        final double[][] table = c.getCoefficientTable();
        assertTrue(Double.isFinite(table[1][1]) && table[1][1] > 10 * Math.abs(table[1][0]), "SE " + table[1][1]);
    }

    /**
     * The mean that replaces a missing input is a weighted mean: an instance of weight 1e300 times a date's 1e12
     * milliseconds left the doubles, the replacement was Infinity, and under -no-standardize (where nothing else
     * overflows: the build was accepted) every instance with that input missing was predicted NaN (found by
     * NeuralGLMFuzzTest, seed 2847). The mean is now computed with the weights divided by the largest.
     */
    @Test
    void aWeightedMeanThatOverflowsStillReplacesAMissingInput() throws Exception {
        final Instances d = FamilyData.of("Gaussian", 30, 1);
        for (int i = 0; i < d.numInstances(); i++) {
            d.instance(i).setValue(1, 1e12 + 1e9 * i);
        }
        d.instance(0).setWeight(1e300);
        final NeuralGLM c = built(d, "-hidden", "3", "-epochs", "2", "-no-standardize");
        final Instance missing = (Instance) d.instance(5).copy();
        missing.setMissing(1);
        final double p = c.classifyInstance(missing);
        assertTrue(Double.isFinite(p), "predicted " + p);
        // the weight-1e300 instance dominates the mean: the replacement is its value, as the instance with x2 = 1e12 gives
        final Instance first = (Instance) missing.copy();
        first.setValue(1, 1e12);
        assertEquals(c.classifyInstance(first), p, 0.0);
    }

    /** {@code -hidden ""} is a GLM, as the option's description and setHidden("") say (Weka's helpers kept the 16). */
    @Test
    void anEmptyHiddenOptionMeansAGlm() throws Exception {
        final NeuralGLM c = new NeuralGLM();
        c.setOptions(new String[] {"-hidden", ""});
        assertEquals("none", c.getHidden());
        final NeuralGLM d = new NeuralGLM();
        d.setOptions(new String[] {"-hidden", " "});
        assertEquals("none", d.getHidden());
    }

    /**
     * Option values as users type them: a tag in another case, a number with blanks. The check accepted them, Weka's
     * helpers then printed "Unable to set option" and kept the default (ReLU asked, Auto used; float32 asked, float64).
     */
    @Test
    void tagsInAnyCaseAndNumbersWithBlanksAreTakenAsGiven() throws Exception {
        final NeuralGLM c = new NeuralGLM();
        c.setOptions(new String[] {"-activation", "relu", "-precision", "FLOAT32", "-dispersion", "ml", "-epochs", " 7 ",
                "-weight-decay", "0.5 ", "-family", "Gamma -link Canonical"});
        assertEquals("ReLU", c.getActivation().getSelectedTag().getReadable());
        assertEquals("float32", c.getPrecision().getSelectedTag().getReadable());
        assertEquals("ML", c.getDispersionEstimate().getSelectedTag().getReadable());
        assertEquals(7, c.getEpochs());
        assertEquals(0.5, c.getWeightDecay());
        assertTrue(weka.core.Utils.joinOptions(((weka.core.OptionHandler) c.getFamily()).getOptions()).contains("-link canonical"),
                weka.core.Utils.joinOptions(((weka.core.OptionHandler) c.getFamily()).getOptions()));
    }

    /** A network whose values and gradient alone exceed the heap is refused before anything is allocated. */
    @Test
    void aNetworkLargerThanTheHeapIsRefusedByName() throws Exception {
        final long heap = Runtime.getRuntime().maxMemory();
        org.junit.jupiter.api.Assumptions.assumeTrue(heap < 30e9, "a heap below 30 GB");
        final NeuralGLM c = new NeuralGLM();
        c.setHidden("46000,46000");   // 2.1e9 weights in the second layer: one array holds them, no heap does
        final Exception e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> assertTimeoutPreemptively(LIMIT, () -> c.buildClassifier(FamilyData.of("Gaussian", 30, 1))));
        assertTrue(e.getMessage().startsWith("Option -hidden: '46000,46000' makes a network of 2116276001 parameters, "
                + "whose values and gradient alone take 33.9 GB, more than the JVM's largest heap"), e.getMessage());
    }

    /**
     * A stream that ends (batchFinished) before its first mini-batch is full learns from the instances it has; they
     * were lost, and the model predicted missing values for ever. Batch prediction on a stream that waits gives the
     * missing predictions one at a time gives (it failed: "no model built yet; call buildClassifier first").
     */
    @Test
    void aStreamShorterThanAMiniBatchLearnsFromItsInstancesAtTheEnd() throws Exception {
        final Instances d = FamilyData.of("Gaussian", 5, 1);
        final NeuralGLMUpdateable u = new NeuralGLMUpdateable();   // mini-batches of 8
        u.buildClassifier(new Instances(d, 0));
        for (Instance i : d) {
            u.updateClassifier(i);
        }
        final double[][] waiting = u.distributionsForInstances(d);
        for (int i = 0; i < d.numInstances(); i++) {
            assertTrue(Double.isNaN(waiting[i][0]), "missing before the stream's model exists");
        }
        // intervals and densities too (they failed: "no model built yet; call buildClassifier first")
        final double[][] interval = u.predictIntervals(d.instance(0), 0.9);
        assertTrue(Double.isNaN(interval[0][0]) && Double.isNaN(interval[0][1]));
        assertTrue(Double.isNaN(u.logDensity(d.instance(0), 1.0)));
        u.batchFinished();
        assertTrue(u.toString().contains("5 instances learned with updateClassifier in 1 mini-batch steps"), u.toString());
        final double[][] p = u.distributionsForInstances(d);
        for (int i = 0; i < d.numInstances(); i++) {
            assertTrue(Double.isFinite(p[i][0]), "instance " + (i + 1));
            assertEquals(p[i][0], u.distributionForInstance(d.instance(i))[0]);
        }
        final Instances nominal = FamilyData.of("Categorical", 3, 1);
        final NeuralGLMUpdateable v = new NeuralGLMUpdateable();
        v.buildClassifier(new Instances(nominal, 0));
        v.updateClassifier(nominal.instance(0));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[3], v.distributionsForInstances(nominal)[2]);
        // intervals of a nominal class are refused as a built model refuses them (it said "no model built yet")
        final Exception e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> v.predictIntervals(nominal.instance(1), 0.9));
        assertTrue(e.getMessage().startsWith("NeuralGLM: prediction intervals need a numeric class"), e.getMessage());
    }

    /**
     * An encoding that one array holds but whose doubles exceed the JVM's largest heap is refused before the matrix is
     * made; one that could fit is not refused for the heap's current use (which counts garbage not yet collected).
     */
    @Test
    void anEncodingLargerThanTheLargestHeapIsRefusedNamingTheAttribute() throws Exception {
        final long heap = Runtime.getRuntime().maxMemory();
        org.junit.jupiter.api.Assumptions.assumeTrue(heap < 7.5e9, "a heap below 7.5 GB");
        final Exception e = zipsGlmError(125_001);   // 125,000 columns x 8,000 instances: 1e9 entries, 8 GB
        assertTrue(e.getMessage().startsWith("The inputs' encoding has 125000 columns (one per value of each nominal "
                + "attribute; 'zip' has 125001) for 8000 instances: 1000000000 entries, 8.00 GB, more than the JVM's largest "
                + "heap, "), e.getMessage());
    }

    /**
     * Two-class data with one class present: the intercept-only fit is the saturated one, so the null deviance is 0
     * (the intercept-only eta is infinite, where the Binomial NLL was inf - inf: the report said "Null deviance: NaN").
     */
    @Test
    void theNullDevianceOfOneClassValueIsZero() throws Exception {
        final Instances d = FamilyData.of("Bernoulli", 30, 1);
        for (Instance i : d) {
            i.setClassValue(0);
        }
        final NeuralGLM c = built(d, glm("-family", "Bernoulli"));
        assertTrue(java.util.regex.Pattern.compile("Null deviance: +0\\.00000 \\(intercept-only model\\)").matcher(c.toString())
                .find(), c.toString());
        final org.ejml.data.DMatrixRMaj ones = new org.ejml.data.DMatrixRMaj(4, 1);
        ones.fill(1.0);
        assertEquals(0.0, new neuralglm.family.BinomialFamily().nullDeviance(ones, new double[] {1, 2, 3, 4}));
        assertEquals(Double.POSITIVE_INFINITY, new neuralglm.family.BinomialFamily().nll(Double.NEGATIVE_INFINITY, 0.5));
    }

    /**
     * -precision float32 covers hidden layers of up to 128 units: a wider network trains and predicts in float64 (the
     * same bits as -precision float64), and the report said "training passes and predictions in float32".
     */
    @Test
    void aFloat32BuildTooWideForFloatSaysItRanInFloat64() throws Exception {
        final Instances d = FamilyData.of("Gaussian", 100, 1);
        final String[] options = {"-hidden", "130", "-epochs", "2", "-optimizer", "Adam", "-mini-batch-size", "32",
                "-validation-fraction", "0", "-weight-decay", "0", "-precision", "float32"};
        final NeuralGLM f32 = built(d, options);
        final String[] float64 = options.clone();
        float64[float64.length - 1] = "float64";
        final NeuralGLM f64 = built(d, float64);
        assertEquals(f64.classifyInstance(d.instance(3)), f32.classifyInstance(d.instance(3)), 0.0, "float64 arithmetic");
        assertTrue(f32.toString().contains("-precision float32 asked, but this network (a layer wider than 128 units) "
                + "trains and predicts in float64"), f32.toString());
        assertTrue(!f32.toString().contains("training passes and predictions in float32"), f32.toString());
        // the default average of a Poisson class: its members train in float32, the average predicts in float64
        final NeuralGLM avg = built(FamilyData.of("Poisson", 60, 1), "-family", "Poisson", "-precision", "float32");
        assertEquals(neuralglm.nn.Precision.FLOAT64, avg.fittedModel().network().precision());
        assertTrue(avg.toString().contains("training passes in float32, the model's predictions (an average of networks) "
                + "in float64"), avg.toString());
    }

    /**
     * A nominal attribute's every declared value is a column of the encoded inputs, used or not: 270,000 values on 8,000
     * instances are more entries than an array holds (EJML's "Matrix size exceeds the size of an integer"; 30,000 values
     * on 5,000 instances ran out of a 1 GB heap). Refused before the matrix is made, naming the attribute.
     */
    @Test
    void anEncodingLargerThanAnArrayIsRefusedNamingTheAttribute() throws Exception {
        final Exception e = zipsGlmError(270_000);   // a GLM: the first value is the reference, 269,999 columns
        assertTrue(e.getMessage().startsWith("The inputs' encoding has 269999 columns (one per value of each nominal "
                + "attribute; 'zip' has 270000) for 8000 instances: 2159992000 entries, 17.3 GB, more than one Java array "
                + "holds. Merge or remove values (e.g. with MergeInfrequentNominalValues"), e.getMessage());
    }

    /** A saturated GLM (as many coefficients as instances) has no residual degrees of freedom: its ratio is NA, not Infinity. */
    @Test
    void aSaturatedGlmsPearsonRatioIsNotAvailable() throws Exception {
        final NeuralGLM c = built(FamilyData.of("Gaussian", 4, 1), glm());
        assertTrue(c.toString().contains("on 0 degrees of freedom (ratio NA: no residual degrees of freedom)"), c.toString());
    }

    /**
     * A network's dispersion that is not a number (a Gamma class of scale 1e-300: V(mu) = mu^2 underflows) said "the sum
     * of training weights is at most the 0 parameters", which cannot be (a network counts no parameters there).
     */
    @Test
    void aNetworksDispersionThatIsNotANumberSaysWhy() throws Exception {
        final Instances d = FamilyData.of("Gamma", 40, 1);
        for (Instance i : d) {
            i.setClassValue(i.classValue() * 1e-300);
        }
        final NeuralGLM c = built(d, "-family", "Gamma", "-hidden", "3", "-epochs", "20");
        final String report = c.toString();
        assertTrue(report.contains("the estimate is not a number (the fitted means' variances V(mu) leave double "
                + "precision's range)"), report);
        assertTrue(!report.contains("at most the 0 parameters"), report);
    }

    /** An instance made of values alone (no header), as many as the training data's, is read with the training header. */
    @Test
    void anInstanceWithoutAHeaderIsPredictedWithTheTrainingHeader() throws Exception {
        final Instances d = FamilyData.of("Categorical", 60, 2);
        final NeuralGLM c = built(d, glm());
        final Instance own = d.instance(7);
        final double[] expected = c.distributionForInstance(own);
        final weka.core.DenseInstance bare = new weka.core.DenseInstance(1.0, own.toDoubleArray());
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, c.distributionForInstance(bare));
    }

    /** Negative binomial GLMs of different alpha are different distributions: their sum is refused (it was taken). */
    @Test
    void aggregatingModelsOfAnotherFamilyParameterIsRefused() throws Exception {
        final Instances d = FamilyData.of("Poisson", 40, 1);
        final NeuralGLM[] m = new NeuralGLM[3];
        final double[] alpha = {0.5, 0.5, 1.0};
        for (int k = 0; k < 3; k++) {
            final weka.classifiers.functions.neuralglm.NegativeBinomial nb = new weka.classifiers.functions.neuralglm.NegativeBinomial();
            nb.setAlpha(alpha[k]);
            m[k] = NeuralGLMFamiliesTest.glm(nb);
            m[k].buildClassifier(d);
        }
        m[0].aggregate(m[1]);   // the same alpha: taken
        final Exception e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> m[0].aggregate(m[2]));
        assertTrue(e.getMessage().startsWith("NeuralGLM: cannot aggregate models of different families: "
                + "NegativeBinomial(alpha=0.5, link=log) and NegativeBinomial(alpha=1.0, link=log)"), e.getMessage());
    }

    /**
     * @param values the declared values of the one nominal input 'zip' (8,000 instances use 50 of them)
     * @return the error a GLM build (-hidden none, the first value the reference) on it throws
     */
    private static Exception zipsGlmError(int values) {
        final java.util.ArrayList<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < values; i++) {
            names.add("z" + i);
        }
        final Instances d = new Instances("zips", new java.util.ArrayList<>(java.util.List.of(new weka.core.Attribute("zip",
                names), new weka.core.Attribute("y"))), 8000);
        d.setClassIndex(1);
        for (int i = 0; i < 8000; i++) {
            d.add(new weka.core.DenseInstance(1, new double[] {i % 50, i % 7}));
        }
        final NeuralGLM c = new NeuralGLM();
        c.setHidden("none");
        return org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> assertTimeoutPreemptively(LIMIT, () -> c.buildClassifier(d)));
    }
}

package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import neuralglm.train.TrainingDivergedException;
import org.junit.jupiter.api.Test;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Option;
import weka.core.OptionHandler;
import weka.core.SerializationHelper;
import weka.core.SparseInstance;
import weka.core.Utils;
import weka.core.WekaException;

/**
 * A seeded property-based fuzz test of the Weka face: random small data sets (1-200 instances; numeric attributes at
 * every scale from 1e-300 to 1e300, constant columns, nominal attributes of 1-30 values some never used, string and
 * date attributes, missing inputs and classes, duplicate rows, sparse instances, instance weights of 0, fractions,
 * 1e-200 and 1e200; class values valid or not for the family) crossed with random option strings drawn from the real
 * option space: the options, their argument forms and defaults are read from {@code listOptions} and {@code getOptions}
 * of a default classifier, and those of every family and optimiser spec (nested in {@code -family "..."} and
 * {@code -optimizer "..."}) from the specs' own. Each case, within a time limit (no hang), either
 * <ul>
 * <li>builds a model whose predictions of the training instances and of instances with missing inputs are finite
 * (a distribution summing to 1 for a nominal class), one at a time as in a batch, the same after
 * {@link SerializationHelper} write and read; whose prediction intervals are finite and ordered or NaN (the documented
 * "no predictive distribution"); whose report prints; or</li>
 * <li>is refused with an IllegalArgument, IllegalState, Weka or divergence exception whose message is not empty, never
 * an NPE, an index, cast or arithmetic error, nor one thrown inside EJML.</li>
 * </ul>
 * Every option string that {@code setOptions} takes survives {@code setOptions(getOptions())}. One exception to
 * "finite": a canonical link restricts eta to a half line that a network's output does not respect; the Inverse
 * Gaussian's has no mean for eta &gt;= 0 and predicts NaN there. A batch build's final pass checks the rows it trained
 * on, but other rows (extrapolation, a missing class) and a stream's rows after its last step are not checked, so
 * those NaN predictions are counted, not failed (a known limitation, left as it is). An interval's ends may cross by
 * a few ulps near a point mass (rounding). A quarter of the
 * cases run {@link NeuralGLMUpdateable} on a stream (built on the empty header, or on half the data and updated with
 * the rest); a build with {@code -resume} is built again with 3 more epochs; a fifth of the built models are
 * cross-validated (2 folds, through Weka's {@code Evaluation}), each fold built or refused as above.
 * <p>The suite runs {@link #SUITE_CASES} cases from seed 0. Outside it ({@link Main}: seeds 0-39999 through
 * {@link #runCase}, as the generator grew; with {@code -Dweka.test.maventest=true}, as in the suite, about 1,000 cases a
 * minute), 40,000 cases were run, about a third built, the rest refused. They found, fixed with regression tests:
 * {@code -family Adam} recursing for ever in the short-name lookup (StackOverflowError; seeds 19, 27);
 * {@code -num-decimal-places x} as a bare NumberFormatException (seeds 34, 42, ...); a stream's last step leaving NaN
 * parameters and a model predicting NaN (seed 288), and one leaving them finite but so large that its outputs
 * overflowed to NaN (seed 84843, an instance of weight 1e300 among weights of 1); the weighted mean that replaces a missing input overflowing
 * (weight 1e300 times a date), NaN predictions under {@code -no-standardize} (seeds 964, 2847). Left: the canonical
 * link's NaN outside its domain (seeds 3300, 18661; counted above); interval ends crossing by an ulp at a
 * dispersion of 1e-32 (seeds 15026, 19899; tolerated); an Inverse Gaussian cdf that is wrong when phi mu is below
 * about 1e-13 (its term exp(2 lambda / mu + log Phi(-x)) adds two numbers near 1e15), found by probing after seed
 * 15026; Tweedie intervals at a dispersion of 3e-32 taking 10-50 ms each (seed 19077 took 30 s at a load of 17); a
 * Gaussian stream (SGD, Nesterov) predicting Infinity for an instance whose input is -9.8e140 (seed 32951). Once
 * {@code -offset} was in the option space (an attribute index drawn as it is: often one that does not suit, refused
 * with its message), seeds 400-6399 ran without a failure (1,767 built).
 */
class NeuralGLMFuzzTest {

    /** Cases in the suite (about 10 s on two idle cores, 40-95 s for 500 at a load of 12-17). */
    static final int SUITE_CASES = 400;

    /**
     * Per case (build, predictions, serialisation): the slowest case seen took 12 s at a load of 17 on two cores (the
     * first, with the JIT cold); under 1 s is usual. A breach is a hang.
     */
    private static final Duration LIMIT = Duration.ofSeconds(30);

    private static final String SPEC_PACKAGE = "weka.classifiers.functions.neuralglm.";
    private static final String[] FAMILIES = {"Auto", "Gaussian", "Bernoulli", "Binomial", "Categorical", "Poisson",
            "Gamma", "InverseGaussian", "NegativeBinomial", "Tweedie", "Exponential"};
    private static final String[] OPTIMIZERS = {"LBFGS", "Adam", "SGD"};

    // ------------------------------------------------------------------------------------ option space

    /** One option of an option handler: its name, whether it takes a value, its synopsis, its default value. */
    static final class OptionSpec {
        final String name;
        final boolean takesValue;
        final String synopsis;
        final String defaultValue;

        OptionSpec(String name, boolean takesValue, String synopsis, String defaultValue) {
            this.name = name;
            this.takesValue = takesValue;
            this.synopsis = synopsis;
            this.defaultValue = defaultValue;
        }
    }

    /**
     * The options a default handler lists (up to the first blank separator, after which NeuralGLM lists its current
     * family's and optimiser's), each with the default value its getOptions gives.
     */
    static List<OptionSpec> optionSpace(OptionHandler h) throws Exception {
        final List<OptionSpec> out = new ArrayList<>();
        final String[] defaults = h.getOptions();
        for (Option o : Collections.list(h.listOptions())) {
            if (o.name().isEmpty()) {
                break;
            }
            final String name = o.name().startsWith("-") ? o.name().substring(1) : o.name();
            String def = null;
            if (o.numArguments() > 0) {
                for (int i = 0; i + 1 < defaults.length; i++) {
                    if (defaults[i].equals("-" + name)) {
                        def = defaults[i + 1];
                    }
                }
            }
            out.add(new OptionSpec(name, o.numArguments() > 0, o.synopsis(), def));
        }
        return out;
    }

    private static final Map<String, List<OptionSpec>> SPACES = new TreeMap<>();

    private static synchronized List<OptionSpec> space(String className) throws Exception {
        List<OptionSpec> s = SPACES.get(className);
        if (s == null) {
            s = optionSpace((OptionHandler) Class.forName(className).getDeclaredConstructor().newInstance());
            SPACES.put(className, s);
        }
        return s;
    }

    private static <T> T pick(Random r, T[] values) {
        return values[r.nextInt(values.length)];
    }

    private static final Pattern TAGS = Pattern.compile("<([A-Za-z0-9]+(\\|[A-Za-z0-9]+)+)>");

    /** A value for an option from its synopsis and default: mostly plausible, sometimes out of range or not a value. */
    static String value(Random r, OptionSpec o, String familyHint) throws Exception {
        final String syn = o.synopsis;
        final boolean wild = r.nextInt(25) == 0;   // an invalid or extreme value now and then
        if (syn.contains("<class name>")) {
            final boolean isFamily = o.name.equals("family");
            String name = isFamily ? (familyHint != null && r.nextInt(3) > 0 ? familyHint : pick(r, FAMILIES))
                    : pick(r, OPTIMIZERS);
            if (wild && r.nextInt(4) == 0) {
                return pick(r, new String[] {"Weibull", "weka.classifiers.functions.neuralglm.RMSProp", "Adam",
                        isFamily ? "Poisson -link identity" : "SGD -lr fast", "", "Gaussian -bogus 1"});
            }
            final StringBuilder b = new StringBuilder();
            final int form = r.nextInt(6);
            b.append(form == 0 ? SPEC_PACKAGE + name : form == 1 ? name.toLowerCase(Locale.ROOT) : name);
            for (OptionSpec n : space(SPEC_PACKAGE + name)) {
                if (r.nextInt(2) == 0) {
                    b.append(" -").append(n.name);
                    if (n.takesValue) {
                        final String v = value(r, n, null);
                        b.append(' ').append(v.isEmpty() ? "\"\"" : v);
                    }
                }
            }
            return b.toString();
        }
        if (syn.contains("<sizes|none>")) {
            return wild ? pick(r, new String[] {"0", "a", "2,,3", "-4", "3, 2", "99999999999"})
                    : pick(r, new String[] {"none", "none", "1", "3", "3", "5,4", "2,2,2", "", "16", "40"});
        }
        if (syn.contains("<attribute name|index>")) {   // -offset: mostly none; an index, which may not suit
            return wild ? pick(r, new String[] {"0", "99", "nosuch", "-1"})
                    : pick(r, new String[] {"", "", "", "", "1", "2", "last"});
        }
        final Matcher tags = TAGS.matcher(syn);
        if (tags.find()) {
            final String t = pick(r, tags.group(1).split("\\|"));
            return wild ? pick(r, new String[] {"Bogus", t + "x", t.toUpperCase(Locale.ROOT)})
                    : r.nextInt(5) == 0 ? t.toLowerCase(Locale.ROOT) : t;
        }
        if (syn.contains("<int>") || syn.contains("<num>")) {
            if (o.name.equals("epochs")) {   // the cost of a case: a few epochs, rarely many or invalid
                return wild ? pick(r, new String[] {"0", "-3", "many", "1.5", "60"}) : String.valueOf(1 + r.nextInt(25));
            }
            if (o.name.equals("num-threads")) {
                return wild ? pick(r, new String[] {"0", "-1", "300", "x"}) : pick(r, new String[] {"1", "2", "3"});
            }
            return wild ? pick(r, new String[] {"-7", "0", "99999999999", "x", "", "2.5"})
                    : pick(r, new String[] {o.defaultValue == null ? "1" : o.defaultValue, o.defaultValue == null ? "1"
                            : o.defaultValue, "-1", "0", "1", "2", "3", "5", "8", "16", "64", "300"});
        }
        if (syn.contains("<double")) {
            final double d = o.defaultValue == null ? 1 : Double.parseDouble(o.defaultValue);
            final double base = d > 0 ? d : 0.1;
            if (wild) {
                return pick(r, new String[] {"NaN", "Infinity", "-" + base, "1e300", "fast", "", "1e-320"});
            }
            if (syn.contains("|-1>")) {   // -1 is automatic: numbers at and below the default's scale
                return pick(r, new String[] {"-1", "-1", "0", "0", "0.01", "0.1", "0.2", "0.5", r.nextInt(3) == 0 ? "3" : "0.3"});
            }
            return pick(r, new String[] {String.valueOf(d), String.valueOf(d), String.valueOf(base * 0.1),
                    String.valueOf(base * 3), String.valueOf(base * 10), "0", "0.5", "1", String.valueOf(base * 100)});
        }
        // an argument form this test does not know (a new option): integers, numbers, words
        return wild ? pick(r, new String[] {"-1", "0.5", "x"})
                : pick(r, new String[] {"0", "1", "2", "3", "10", o.defaultValue == null ? "1" : o.defaultValue});
    }

    /** A random option string for the classifier, read from its option space. */
    static String[] options(Random r, List<OptionSpec> space, String familyHint) throws Exception {
        final List<String> o = new ArrayList<>();
        for (OptionSpec s : space) {
            final double p = s.name.equals("epochs") ? 0.9 : s.name.equals("family") ? 0.8
                    : s.name.equals("output-debug-info") ? 0.02 : 0.3;
            if (r.nextDouble() >= p) {
                continue;
            }
            o.add("-" + s.name);
            if (s.takesValue) {
                o.add(value(r, s, familyHint));
            }
        }
        return o.toArray(new String[0]);
    }

    // ---------------------------------------------------------------------------------------- data

    private static double numeric(Random r, int kind) {
        switch (kind) {
            case 0: return r.nextGaussian();
            case 1: return r.nextInt(7) - 2;
            case 2: return 3.5;                                    // constant
            case 3: return r.nextGaussian() * 1e300;               // beyond the accepted 1e150
            case 4: return r.nextGaussian() * 1e-300;
            case 5: return r.nextBoolean() ? 0 : 1;
            case 6: return Math.exp(r.nextGaussian() * 20);        // heavy tailed
            case 7: return r.nextGaussian() * 1e140;               // near the accepted limit
            default: return 1e12 + 86_400_000.0 * r.nextInt(900);  // a date's milliseconds
        }
    }

    /** The kind of class: 0 nominal, 1 real, 2 counts, 3 positive, 4 proportions, 5 zeros and positive amounts. */
    private static final String[][] FAMILY_FOR_CLASS = {{"Auto", "Categorical", "Bernoulli"}, {"Gaussian", "Auto"},
            {"Poisson", "NegativeBinomial"}, {"Gamma", "InverseGaussian", "Exponential"}, {"Binomial"}, {"Tweedie"}};

    private static double classValue(Random r, int kind, int numValues, boolean invalid) {
        if (invalid) {   // a value the usual families refuse: negative, fractional count, proportion above 1, huge
            return pick(r, new Double[] {-1.0, 2.5, 1.5, 0.0, r.nextInt(4) == 0 ? 1e200 : 0.5, -1e-300, 1e-320})
                    * (kind == 0 ? 0 : 1) + (kind == 0 ? numValues - 1 : 0);
        }
        switch (kind) {
            case 0: return r.nextInt(Math.max(1, numValues - r.nextInt(2)));  // the last value sometimes unused
            case 1: return 3 * r.nextGaussian() + (r.nextInt(10) == 0 ? 1e100 : 0);
            case 2: return r.nextInt(r.nextInt(4) == 0 ? 1000 : 6);
            case 3: return Math.exp(r.nextGaussian() * (r.nextInt(5) == 0 ? 30 : 1));
            case 4: return r.nextInt(3) == 0 ? r.nextInt(2) : r.nextDouble();
            default: return r.nextInt(3) == 0 ? 0 : Math.exp(r.nextGaussian());
        }
    }

    /** A random data set and (in {@code hint[0]}) a family that suits its class, or null. */
    static Instances data(Random r, String[] hint) {
        final int n = pick(r, new Integer[] {1, 2, 3, 5, 8, 13, 25, 40, 60, 100, 200});
        final int inputs = r.nextInt(6);
        final ArrayList<Attribute> atts = new ArrayList<>();
        final int[] kinds = new int[inputs];
        for (int j = 0; j < inputs; j++) {
            final int t = r.nextInt(20);
            if (t < 12) {
                atts.add(new Attribute("num" + j));
                kinds[j] = r.nextInt(4) == 0 ? r.nextInt(8) : r.nextInt(3) == 0 ? 2 : 0;
            } else if (t < 17) {
                final List<String> v = new ArrayList<>();
                final int values = 1 + r.nextInt(r.nextBoolean() ? 3 : 30);
                for (int q = 0; q < values; q++) {
                    v.add("v" + q);
                }
                atts.add(new Attribute("nom" + j, v));
                kinds[j] = -Math.max(1, values - r.nextInt(values)); // values used: a prefix, the rest never
            } else if (t < 19 || r.nextInt(3) > 0) {
                atts.add(new Attribute("date" + j, "yyyy-MM-dd"));
                kinds[j] = 8;
            } else {
                atts.add(new Attribute("str" + j, (List<String>) null));
                kinds[j] = 100;
            }
        }
        final int classKind = r.nextInt(6);
        final int numClassValues = classKind == 0 ? 1 + r.nextInt(r.nextBoolean() ? 3 : 30) : 0;
        if (classKind == 0) {
            final List<String> v = new ArrayList<>();
            for (int q = 0; q < numClassValues; q++) {
                v.add("c" + q);
            }
            atts.add(new Attribute("class", v));
        } else {
            atts.add(new Attribute("class"));
        }
        hint[0] = r.nextInt(5) == 0 ? null : pick(r, FAMILY_FOR_CLASS[classKind]);
        // the class first, last or between the inputs
        final int classIndex = r.nextInt(4) == 0 ? r.nextInt(inputs + 1) : inputs;
        if (classIndex != inputs) {
            atts.add(classIndex, atts.remove(inputs));
        }
        final Instances d = new Instances("fuzz", atts, n);
        d.setClassIndex(classIndex);
        final double missing = pick(r, new Double[] {0.0, 0.0, 0.0, 0.1, 0.3, 0.9});
        final double classMissing = pick(r, new Double[] {0.0, 0.0, 0.0, 0.0, 0.1, 0.1, 0.5, 0.5, 1.0});
        final double invalidClass = pick(r, new Double[] {0.0, 0.0, 0.0, 0.0, 0.05, 0.5});
        final int weights = r.nextInt(12);
        final boolean sparse = r.nextInt(8) == 0;
        for (int i = 0; i < n; i++) {
            if (i > 0 && r.nextInt(8) == 0) {   // a duplicate of an earlier row
                d.add((Instance) d.instance(r.nextInt(i)).copy());
                continue;
            }
            final double[] v = new double[inputs + 1];
            for (int a = 0, j = 0; a <= inputs; a++) {
                if (a == classIndex) {
                    v[a] = r.nextDouble() < classMissing ? Utils.missingValue()
                            : classValue(r, classKind, numClassValues, r.nextDouble() < invalidClass);
                    continue;
                }
                final int k = kinds[j++];
                v[a] = r.nextDouble() < missing ? Utils.missingValue()
                        : k < 0 ? r.nextInt(-k) : k == 100 ? d.attribute(a).addStringValue("s" + r.nextInt(3))
                        : numeric(r, k);
            }
            final double w;
            switch (weights) {
                case 0: w = r.nextInt(3) == 0 ? 0 : 1; break;
                case 1: w = 3 * r.nextDouble(); break;
                case 2: w = 1e-200; break;
                case 3: w = 1e200; break;
                case 4: w = 1 + r.nextInt(10); break;
                case 5: w = i == 0 ? 1e300 : 1; break;
                case 6: w = r.nextInt(4) == 0 ? 0 : 1; break;
                default: w = 1;
            }
            d.add(sparse ? new SparseInstance(w, v) : new DenseInstance(w, v));
        }
        return d;
    }

    // ---------------------------------------------------------------------------------------- checks

    /** An exception that refuses a case as the project's standard asks: a specific kind with a message. */
    static void assertGoodRefusal(String setup, Throwable e) {
        // not IllegalStateException: the code throws it for its own broken invariants (seed 429592 found one)
        final boolean kind = (e instanceof IllegalArgumentException && !(e instanceof NumberFormatException))
                || e instanceof WekaException
                || e instanceof TrainingDivergedException || e instanceof UnsupportedOperationException;
        if (!kind) {
            throw new AssertionError(setup + ": refused with " + e, e);
        }
        final String msg = e.getMessage();
        if (msg == null || msg.trim().length() < 15) {
            throw new AssertionError(setup + ": refused without a message worth the name: " + e, e);
        }
        final StackTraceElement[] at = e.getStackTrace();
        if (at.length > 0 && at[0].getClassName().startsWith("org.ejml")) {
            throw new AssertionError(setup + ": refused from inside EJML: " + e, e);
        }
    }

    private static boolean learned(Instances d) {
        for (Instance i : d) {
            if (!i.classIsMissing() && i.weight() > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * New instances: copies of some training rows with every input, or every other input, missing, and one whose
     * nominal inputs take their last declared value (often one the training data never used).
     */
    private static Instances withMissingInputs(Instances d, Random r) {
        final Instances m = new Instances(d, 0);
        for (int k = 0; k < Math.min(4, d.numInstances()); k++) {
            final Instance i = (Instance) d.instance(r.nextInt(d.numInstances())).copy();
            for (int a = 0; a < d.numAttributes(); a++) {
                if (a == d.classIndex()) {
                    continue;
                }
                if (k == 3) {
                    if (d.attribute(a).isNominal()) {
                        i.setValue(a, d.attribute(a).numValues() - 1);
                    }
                } else if (k == 0 || (a + k) % 2 == 0) {
                    i.setMissing(a);
                }
            }
            m.add(i);
        }
        return m;
    }

    /** Checks a built model on the instances; returns false when the model predicts missing for want of any data. */
    private static void checkPredictions(String setup, NeuralGLM c, NeuralGLM copy, Instances d, boolean learned,
                                         boolean canonical, boolean outOfDomain, Tally tally) throws Exception {
        double[][] batch;
        try {
            batch = c.distributionsForInstances(d);
        } catch (IllegalArgumentException e) {
            assertGoodRefusal(setup + ", batch prediction", e);
            batch = null;   // an instance the model cannot take (an input beyond what training accepted): one at a time
        }
        for (int i = 0; i < d.numInstances(); i++) {
            final Instance inst = d.instance(i);
            final double[] p;
            try {
                p = c.distributionForInstance(inst);
            } catch (IllegalArgumentException e) {
                assertTrue(batch == null, setup + ": the batch took instance " + (i + 1) + ", one at a time not: " + e);
                assertGoodRefusal(setup + ", instance " + (i + 1), e);
                assertTrue(e.getMessage().contains("of the instance to predict"), setup + ": " + e);
                continue;
            }
            final String where = setup + ", instance " + (i + 1) + " " + inst;
            if (batch != null) {
                assertArrayEquals(p, batch[i], 0.0, where + ": batch");
            }
            assertArrayEquals(p, copy.distributionForInstance(inst), 0.0, where + ": serialised copy");
            assertEquals(d.classAttribute().isNominal() ? d.numClasses() : 1, p.length, where);
            if (!learned) {
                continue;
            }
            final boolean trained = !inst.classIsMissing() && inst.weight() > 0;
            if ((outOfDomain || canonical && !trained) && p.length == 1 && Double.isNaN(p[0])) {
                tally.outOfDomain++;
                continue;
            }
            for (double v : p) {
                assertTrue(Double.isFinite(v), where + ": predicted " + java.util.Arrays.toString(p));
            }
            if (d.classAttribute().isNominal()) {
                assertEquals(1.0, Utils.sum(p), 1e-9, where + ": " + java.util.Arrays.toString(p));
            } else {
                final double[][] interval = c.predictIntervals(inst, 0.9);
                final boolean none = Double.isNaN(interval[0][0]) && Double.isNaN(interval[0][1]);
                // near a point mass (a dispersion of 1e-32) the two quantiles may cross by rounding: a few ulps
                final double ulps = 4 * Math.ulp(Math.max(Math.abs(interval[0][0]), Math.abs(interval[0][1])));
                assertTrue(none || interval[0][0] <= interval[0][1] + ulps,
                        where + ": interval " + java.util.Arrays.toString(interval[0]));
            }
        }
    }

    /** Outcomes, for the summary line. */
    static final class Tally {
        int built, refused, diverged, streams, optionsRefused, outOfDomain;
        final Map<String, Integer> refusals = new TreeMap<>();
        /** Outside the suite: print every refusal's message, to read them. */
        final boolean verbose = Boolean.getBoolean("neuralglm.fuzz.verbose");

        void refused(String setup, Exception e) {
            refused++;
            diverged += e instanceof TrainingDivergedException ? 1 : 0;
            refusals.merge(e.getClass().getSimpleName(), 1, Integer::sum);
            if (verbose) {
                System.out.println("REFUSED " + setup + "\n    " + e);
            }
        }

        @Override
        public String toString() {
            return built + " built, " + refused + " refused (" + optionsRefused + " at setOptions, " + diverged
                    + " diverged), " + streams + " streams, " + outOfDomain + " NaN predictions outside a canonical "
                    + "link's domain; refusals by kind " + refusals;
        }
    }

    /**
     * One case: a data set and an option string from the seed, built (or streamed) and checked.
     *
     * @param seed  the case's seed
     * @param tally where the outcome is counted
     */
    static void runCase(long seed, Tally tally) throws Exception {
        final Random r = new Random(seed * 0x9E3779B97F4A7C15L + 7);
        final String[] hint = new String[1];
        final Instances d = data(r, hint);
        final boolean stream = r.nextInt(4) == 0;
        final NeuralGLM c = stream ? new NeuralGLMUpdateable() : new NeuralGLM();
        final String[] opts = options(r, space(c.getClass().getName()), hint[0]);
        final String setup = "seed " + seed + " (" + d.numInstances() + " instances, " + d.numAttributes()
                + " attributes, class '" + d.classAttribute().name() + "' " + (d.classAttribute().isNominal() ? "nominal" : "numeric")
                + (stream ? ", stream" : "") + "): " + Utils.joinOptions(opts);
        try {
            c.setOptions(opts.clone());
        } catch (Exception e) {
            assertGoodRefusal(setup + ", setOptions", e);
            tally.optionsRefused++;
            tally.refused(setup, e);
            return;
        }
        // the option string round-trips
        final NeuralGLM again = stream ? new NeuralGLMUpdateable() : new NeuralGLM();
        again.setOptions(c.getOptions());
        assertEquals(Utils.joinOptions(c.getOptions()), Utils.joinOptions(again.getOptions()), setup + ": options round trip");
        final boolean fromEmpty = stream && r.nextBoolean();
        final Random checks = new Random(seed);
        final boolean[] builtOnce = new boolean[1];
        assertTimeoutPreemptively(LIMIT, () -> {
            try {
                if (!stream) {
                    c.buildClassifier(d);
                    builtOnce[0] = true;
                    if (c.getResume()) {   // continued with a few more epochs (or trained afresh, saying why)
                        c.setEpochs(c.getEpochs() + 3);
                        c.buildClassifier(d);
                    }
                } else {
                    final NeuralGLMUpdateable u = (NeuralGLMUpdateable) c;
                    final int half = fromEmpty ? 0 : (d.numInstances() + 1) / 2;
                    final Instances first = new Instances(d, 0, half);
                    u.buildClassifier(first);
                    for (int i = half; i < d.numInstances(); i++) {
                        u.updateClassifier(d.instance(i));
                    }
                    u.batchFinished();
                }
            } catch (Exception e) {
                assertGoodRefusal(setup, e);
                assertFalse(e instanceof InterruptedException, setup);
                if (!stream) {   // a failed build keeps the model before it: none, or the first of a resumed pair
                    assertEquals(builtOnce[0], c.fittedModel() != null, setup + ": the model after a refused build");
                }
                tally.refused(setup, e);
                return;
            }
            tally.built++;
            tally.streams += stream ? 1 : 0;
            final String report = c.toString();
            assertFalse(report.isEmpty(), setup);
            final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            SerializationHelper.write(bytes, c);
            final NeuralGLM copy = (NeuralGLM) SerializationHelper.read(new java.io.ByteArrayInputStream(bytes.toByteArray()));
            assertEquals(report, copy.toString(), setup + ": the serialised copy's report");
            // a stream that never learned predicts missing values (documented); else every prediction is a number
            final boolean learned = !stream || c.fittedModel() != null && learned(d);
            // an InverseGaussian canonical link has no mean for eta >= 0 (NaN): a batch build's final pass keeps the
            // training rows inside; a stream's last step and new instances are not kept there (see the class javadoc)
            final boolean canonical = c.getFamily() instanceof weka.classifiers.functions.neuralglm.LinkChoiceFamilySpec
                    && ((weka.classifiers.functions.neuralglm.LinkChoiceFamilySpec) c.getFamily()).getLink()
                    .getSelectedTag().getReadable().equals("canonical");
            checkPredictions(setup, c, copy, d, learned, canonical, canonical && stream, tally);
            checkPredictions(setup + ", new instances", c, copy, withMissingInputs(d, checks), learned, canonical, canonical,
                    tally);
            if (!stream && checks.nextInt(5) == 0 && d.numInstances() >= 2) {   // folds: fewer instances, absent classes
                final weka.classifiers.Evaluation e = new weka.classifiers.Evaluation(d);
                try {
                    e.crossValidateModel(weka.classifiers.AbstractClassifier.makeCopy(c), d, 2, new Random(seed));
                } catch (Exception x) {
                    assertGoodRefusal(setup + ", cross-validation", x);
                    return;
                }
                if (e.numInstances() > 0 && d.classAttribute().isNumeric() && Double.isNaN(e.rootMeanSquaredError())) {
                    // Weka's Evaluation adds weight * error^2: 0 * infinity is NaN for a test instance of weight 0 whose
                    // (finite) prediction, e.g. a log link's exp far outside the training inputs, is above 1e154 (seed
                    // 495447: 8.2e307 on an instance of weight 0); any other NaN is the model's
                    // A test fold's instances are new to the fold's model: under the InverseGaussian canonical link
                    // those whose eta is outside the link's domain predict NaN, as new instances do (checkPredictions;
                    // seed 4301422: a GLM fitted to classes 3e-10 and 160 at nearby inputs extrapolated to eta > 0)
                    boolean overflowAtWeightZero = false, outsideTheLink = false;
                    for (weka.classifiers.evaluation.Prediction p : e.predictions()) {
                        if (canonical && Double.isNaN(p.predicted())) {
                            tally.outOfDomain++;
                            outsideTheLink = true;
                            continue;
                        }
                        final double err = p.predicted() - p.actual();
                        assertFalse(Double.isNaN(p.predicted()) && !Utils.isMissingValue(p.actual()),
                                setup + ": a cross-validated prediction is NaN");
                        overflowAtWeightZero |= p.weight() == 0 && Double.isInfinite(err * err);
                    }
                    assertTrue(overflowAtWeightZero || outsideTheLink, setup + ": cross-validated RMSE is NaN");
                }
            }
        });
    }

    /**
     * Cases found by runs outside the suite ({@link Main}), kept here once fixed: 63835 (two tied logits near 1e20
     * gave a distribution summing to 2), 134281 (a negative binomial model whose eta passed the log link's clamped exp
     * on a raw date attribute: its cross-validated RMSE was NaN; now refused as diverged), 179072 (a stream's logits
     * near 1e10 gave probabilities summing to 1 + 6e-7), 429592 (mini-batches of 2 on 3 instances, one without a class
     * value: refused with an internal IllegalStateException, which this harness counts as a refusal; now built), 495447
     * (a Gamma GLM's prediction of 8.2e307 for a fold's test instance of weight 0: Weka's RMSE is NaN, from 0 * infinity
     * in its own sums; the harness now tells that from a NaN prediction), 724639 (an Inverse Gaussian canonical fit with an
     * offset whose held-out instance had eta > 0: the model predicted NaN for a training instance of positive weight;
     * now refused as diverged), 663086 (a stream on inputs up to 1e143 whose last step made the outputs of rows learned
     * a few steps before -Infinity: the end of stream's check now covers the last steps' rows, and refuses it as diverged;
     * 939846 the same with Softplus units and SGD at lr 1, +Infinity), 2806876 (a Gaussian stream continuing a build on
     * 3 instances, one of class 1e100, at SGD lr 0.5: its step left its own 2 rows' outputs finite, near -2.8e144, and a
     * build row's -Infinity: the end of stream's check now also covers the build's last instances, and refuses it), 3460878 (a stream from an
     * empty build, 2 instances of weight 1e-200 under -weight-decay 0.5 and SGD at lr 1: the penalty of 5e199 on the
     * mean made one step leave weights near 1e200, finite, and a far input's prediction NaN; now refused before any step,
     * naming the penalty and SGD's limit), 4301422 (an InverseGaussian GLM with the canonical link on 5
     * instances: a cross-validation's test instance predicted NaN outside the link's domain, which the harness allowed
     * for new instances but not for a fold's; now it does, as the -link option documents).
     */
    @Test
    void casesFoundOutsideTheSuiteStaySound() throws Exception {
        final Tally tally = new Tally();
        for (long seed : new long[] {63835, 134281, 179072, 429592, 495447, 724639, 663086, 939846, 2806876, 3460878,
            4301422, 6019487, 7364386}) {
            runCase(seed, tally);
        }
        assertEquals(5, tally.diverged, "134281, 724639, 663086, 939846 and 2806876 are refused as diverged");
        // 7364386: a categorical network whose eta overflows to +inf for two classes on instances without a class value
        // predicts softmax's limit there (those classes share the probability), not NaN
        assertEquals(7, tally.built, "63835, 179072, 429592, 495447, 4301422, 6019487 and 7364386 build");
        assertTrue(tally.outOfDomain > 0, "4301422 predicts NaN outside the canonical link's domain: " + tally);
        assertEquals(1, tally.refusals.getOrDefault("IllegalArgumentException", 0), "3460878 is refused by its settings");
    }

    @Test
    void randomDataAndOptionsBuildSoundModelsOrAreRefusedByName() throws Exception {
        final Tally tally = new Tally();
        for (int k = 0; k < SUITE_CASES; k++) {
            runCase(k, tally);
        }
        System.out.println("NeuralGLMFuzzTest: " + SUITE_CASES + " cases, " + tally);
        // the sweep reaches both outcomes, and builds that are not the defaults
        assertTrue(tally.built >= SUITE_CASES / 4 && tally.refused >= SUITE_CASES / 10 && tally.streams >= 5, tally.toString());
    }

    /**
     * Runs cases outside the suite: {@code java ... NeuralGLMFuzzTest$Main first count}; prints each failure and
     * goes on, the tally every 10,000 cases, then the tally.
     */
    static final class Main {
        public static void main(String[] args) throws Exception {
            final long first = Long.parseLong(args[0]);
            final long count = Long.parseLong(args[1]);
            final Tally tally = new Tally();
            int failures = 0;
            for (long k = first; k < first + count; k++) {
                final long t0 = System.nanoTime();
                try {
                    runCase(k, tally);
                } catch (Throwable e) {
                    failures++;
                    System.out.println("FAIL " + k + ": " + e);
                    Throwable cause = e.getCause() != null ? e.getCause() : e;
                    final StackTraceElement[] st = cause.getStackTrace();
                    for (int i = 0; i < Math.min(6, st.length); i++) {
                        System.out.println("    at " + st[i]);
                    }
                }
                final double s = (System.nanoTime() - t0) / 1e9;
                if (s > 3) {
                    System.out.printf("SLOW %d: %.1f s%n", k, s);
                }
                if ((k + 1 - first) % 10_000 == 0) {   // where a run stopped by hand got to
                    System.out.println("PROGRESS " + first + ".." + k + ": " + failures + " failures; " + tally);
                }
            }
            System.out.println("cases " + first + ".." + (first + count - 1) + ": " + failures + " failures; " + tally);
            System.exit(0);
        }
    }
}

package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import weka.classifiers.functions.neuralglm.Bernoulli;
import weka.classifiers.functions.neuralglm.Binomial;
import weka.classifiers.functions.neuralglm.Categorical;
import weka.classifiers.functions.neuralglm.Gamma;
import weka.classifiers.functions.neuralglm.NegativeBinomial;
import weka.classifiers.functions.neuralglm.Poisson;
import weka.classifiers.functions.neuralglm.SGD;
import weka.classifiers.functions.neuralglm.Tweedie;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;

/**
 * Hardened input handling, table-driven: each bad input (data, option, or instance to predict) must
 * fail with a message naming what is wrong (attribute, instance, value, expectation), and leave the
 * classifier exactly as it was (the model built before, compared as serialised bytes).
 */
class NeuralGLMBadInputTest {

    private static final List<String> TRIED = new ArrayList<>();

    /** What to do with the prepared classifier: build on bad data, or predict a bad instance. */
    private interface Action {
        void run(NeuralGLM c) throws Exception;
    }

    private static Instances gaussian() {
        return FamilyData.of("Gaussian", 30, 1);
    }

    private static Instances with(Supplier<Instances> base, Consumer<Instances> change) {
        final Instances d = base.get();
        change.accept(d);
        return d;
    }

    private static Action build(Instances data) {
        return c -> c.buildClassifier(data);
    }

    private static Action build(Consumer<NeuralGLM> options, Instances data) {
        return c -> {
            options.accept(c);
            c.buildClassifier(data);
        };
    }

    private static Action setOptions(String... options) {
        return c -> c.setOptions(options.clone());
    }

    /** The data with one extra attribute of the given kind, placed before the class. */
    private static Instances withExtra(Attribute extra) {
        final Instances d = gaussian();
        d.insertAttributeAt(extra, 0);
        return d;
    }

    private static Instances nominalClass(List<String> values) {
        final Instances d = gaussian();
        d.setClassIndex(-1);
        d.deleteAttributeAt(3);
        d.insertAttributeAt(new Attribute("y", values), 3);
        d.setClassIndex(3);
        for (int i = 0; i < d.numInstances(); i++) {
            if (!values.isEmpty()) {
                d.instance(i).setClassValue(0);
            }
        }
        return d;
    }

    static Stream<Arguments> cases() {
        final List<Arguments> t = new ArrayList<>();
        // --- data
        t.add(Arguments.of("empty data set", build(new Instances(gaussian(), 0)),
                new String[] {"No training instances", "'Gaussian' is empty"}));
        t.add(Arguments.of("all class values missing", build(with(NeuralGLMBadInputTest::gaussian, d -> {
            for (int i = 0; i < d.numInstances(); i++) {
                d.instance(i).setClassMissing();
            }
        })), new String[] {"all 30 instances have a missing value for class attribute 'y'"}));
        t.add(Arguments.of("nominal class with one value", build(nominalClass(List.of("only"))),
                new String[] {"Class attribute 'y' is nominal with 1 value ('only')", "at least two class values"}));
        t.add(Arguments.of("nominal class with no value", build(nominalClass(List.of())),
                new String[] {"Class attribute 'y' is nominal with 0 values"}));
        t.add(Arguments.of("no class attribute set", build(with(NeuralGLMBadInputTest::gaussian, d -> d.setClassIndex(-1))),
                new String[] {"No class attribute is set in data set 'Gaussian'"}));
        t.add(Arguments.of("positive infinite attribute value", build(with(NeuralGLMBadInputTest::gaussian,
                d -> d.instance(3).setValue(1, Double.POSITIVE_INFINITY))),
                new String[] {"Attribute 'x2' of instance 4 is Infinity", "must be finite"}));
        t.add(Arguments.of("negative infinite attribute value", build(with(NeuralGLMBadInputTest::gaussian,
                d -> d.instance(0).setValue(2, Double.NEGATIVE_INFINITY))),
                new String[] {"Attribute 'x3' of instance 1 is -Infinity"}));
        t.add(Arguments.of("attribute value of magnitude 1e300", build(with(NeuralGLMBadInputTest::gaussian,
                d -> d.instance(1).setValue(0, 1e300))),
                new String[] {"Attribute 'x1' of instance 2 is 1.0E300", "magnitude at most 1.0E150"}));
        t.add(Arguments.of("attribute value of magnitude -1e300", build(with(NeuralGLMBadInputTest::gaussian,
                d -> d.instance(9).setValue(1, -1e300))),
                new String[] {"Attribute 'x2' of instance 10 is -1.0E300"}));
        t.add(Arguments.of("class value of magnitude 1e300", build(with(NeuralGLMBadInputTest::gaussian,
                d -> d.instance(4).setClassValue(1e300))),
                new String[] {"Class attribute 'y' of instance 5 is 1.0E300"}));
        // finite inputs whose standardised value overflows: a weight-0 instance's 1e150 over the scale of the others'
        // values (0 and 1e-160: a standard deviation of about 2e-161); the engine's check of the inputs names it, also
        // when the check is made as they are standardised (a fixed weight decay, nothing held out)
        t.add(Arguments.of("input standardised to infinity", build(c -> {
            c.setWeightDecay(0);
            c.setValidationFraction(0);
        }, with(NeuralGLMBadInputTest::gaussian, d -> {
            for (int i = 0; i < d.numInstances(); i++) {
                d.instance(i).setValue(0, 0.0);
            }
            d.instance(0).setWeight(0);
            d.instance(0).setValue(0, 1e150);
            d.instance(1).setValue(0, 1e-160);
        })), new String[] {"Input value Infinity at row 0, column 0 is not finite"}));
        // Weka's API takes any double for a nominal value: one that is not the index of a label was read past the
        // end of an array (ArrayIndexOutOfBoundsException), or into the next row's one-hot target, or (1.5) as label 1
        t.add(Arguments.of("nominal input value that is not a label's index", build(with(() -> withExtra(
                new Attribute("colour", List.of("red", "blue"))), d -> d.instance(3).setValue(0, 9.0))),
                new String[] {"Attribute 'colour' of instance 4 is 9.0, which is not the index of one of its 2 nominal "
                        + "values (0 to 1)"}));
        t.add(Arguments.of("nominal class value that is not a label's index", build(c -> c.setFamily(
                new weka.classifiers.functions.neuralglm.Auto()), with(() -> nominalClass(
                List.of("a", "b", "c")), d -> d.instance(5).setValue(3, 1.5))),
                new String[] {"Class attribute 'y' of instance 6 is 1.5, which is not the index of one of its 3 nominal values"}));
        t.add(Arguments.of("negative nominal class value", build(c -> c.setFamily(new Bernoulli()),
                with(() -> nominalClass(List.of("a", "b")),
                d -> d.instance(0).setValue(3, -1.0))),
                new String[] {"Class attribute 'y' of instance 1 is -1.0, which is not the index"}));
        t.add(Arguments.of("infinite class value", build(with(NeuralGLMBadInputTest::gaussian,
                d -> d.instance(0).setClassValue(Double.POSITIVE_INFINITY))),
                new String[] {"Class attribute 'y' of instance 1 is Infinity"}));
        t.add(Arguments.of("Poisson class < 0", build(c -> c.setFamily(new Poisson()), with(NeuralGLMBadInputTest::counts,
                d -> d.instance(2).setClassValue(-1))),
                new String[] {"Poisson family cannot model class attribute 'y'", "instance 3 has class value -1.0", "y >= 0"}));
        t.add(Arguments.of("Gamma class = 0", build(c -> c.setFamily(new Gamma()), with(NeuralGLMBadInputTest::positive,
                d -> d.instance(1).setClassValue(0))),
                new String[] {"Gamma family cannot model class attribute 'y'", "instance 2 has class value 0.0", "y > 0"}));
        t.add(Arguments.of("Gamma class < 0", build(c -> c.setFamily(new Gamma()), with(NeuralGLMBadInputTest::positive,
                d -> d.instance(6).setClassValue(-3.5))),
                new String[] {"instance 7 has class value -3.5"}));
        // the Gamma variance of means near 1e-300 underflows: the information at the fit was 0/0 in every row
        t.add(Arguments.of("GLM of a Gamma class of scale 1e-300", build(c -> c.setFamily(new Gamma()),
                with(NeuralGLMBadInputTest::positive, d -> {
                    for (int i = 0; i < d.numInstances(); i++) {
                        d.instance(i).setClassValue(d.instance(i).classValue() * 1e-300);
                    }
                })), new String[] {"The GLM was fitted, but its standard errors cannot be computed",
                        "the Gamma family's variance V(mu) under- or overflows double precision. Rescale the class"}));
        t.add(Arguments.of("Binomial proportion above 1", build(c -> c.setFamily(new Binomial()),
                with(() -> FamilyData.of("Binomial", 30, 1), d -> d.instance(5).setClassValue(1.5))),
                new String[] {"Binomial family cannot model class attribute 'y'", "instance 6 has class value 1.5", "0 <= y <= 1"}));
        t.add(Arguments.of("Binomial proportion below 0", build(c -> c.setFamily(new Binomial()),
                with(() -> FamilyData.of("Binomial", 30, 1), d -> d.instance(0).setClassValue(-0.2))),
                new String[] {"instance 1 has class value -0.2"}));
        t.add(Arguments.of("zero total weight", build(with(NeuralGLMBadInputTest::gaussian, d -> {
            for (int i = 0; i < d.numInstances(); i++) {
                d.instance(i).setWeight(0);
            }
        })), new String[] {"The 30 instances with a class value have total weight 0.0", "must be > 0"}));
        // an infinite total failed in the engine's Standardizer ("column 0 has mean NaN"); a subnormal one, whose
        // reciprocal overflows, as "Training diverged ... Try a smaller learning rate"
        t.add(Arguments.of("total weight that overflows", build(with(NeuralGLMBadInputTest::gaussian, d -> {
            for (int i = 0; i < d.numInstances(); i++) {
                d.instance(i).setWeight(1e308);
            }
        })), new String[] {"The 30 instances with a class value have total weight Infinity", "Rescale the weights"}));
        t.add(Arguments.of("subnormal total weight", build(with(NeuralGLMBadInputTest::gaussian, d -> {
            for (int i = 0; i < d.numInstances(); i++) {
                d.instance(i).setWeight(1e-320);
            }
        })), new String[] {"have total weight 2.99997E-319", "must sum to a finite number of at least 2.2250738585072014E-308"}));
        // the automatic weight decay of a Gaussian network holds out 20%: with weight 0 there, every penalty's held-out
        // loss was Infinity and the choice arbitrary (early stopping's split already refused this)
        t.add(Arguments.of("held-out rows of weight 0 only", build(c -> c.setHidden("4"),
                with(NeuralGLMBadInputTest::gaussian, d -> {
                    for (int i = 1; i < d.numInstances(); i++) {
                        d.instance(i).setWeight(0);
                    }
                })), new String[] {"rows held out (fraction 0.2) to choose the automatic weight decay all have weight 0; set the "
                        + "weight decay"}));
        // each factor within its limit, their product not: the engine's "Standardizer: column 0 has mean ... and scale
        // Infinity" named neither the attribute nor the cause
        t.add(Arguments.of("weights times squared inputs overflow", build(with(NeuralGLMBadInputTest::gaussian, d -> {
            for (int i = 0; i < d.numInstances(); i++) {
                d.instance(i).setWeight(1e100);
                d.instance(i).setValue(1, d.instance(i).value(1) * 1e148);
            }
        })), new String[] {"Standardising input 'x2' overflowed: its weighted sum of squares is not finite (instance "
                + "weights up to 1.0E100 times the squared values"}));
        t.add(Arguments.of("weights times the squared class overflow", build(c -> c.setHidden("3"),
                with(NeuralGLMBadInputTest::gaussian, d -> {
                    for (int i = 0; i < d.numInstances(); i++) {
                        d.instance(i).setWeight(1e200);
                        d.instance(i).setClassValue(d.instance(i).classValue() * 1e100);
                    }
                })), new String[] {"Standardising class attribute 'y' overflowed"}));
        t.add(Arguments.of("negative weight", build(with(NeuralGLMBadInputTest::gaussian, d -> d.instance(6).setWeight(-2))),
                new String[] {"Instance 7 has weight -2.0", "finite and >= 0"}));
        t.add(Arguments.of("NaN weight", build(with(NeuralGLMBadInputTest::gaussian, d -> d.instance(0).setWeight(Double.NaN))),
                new String[] {"Instance 1 has weight NaN"}));
        t.add(Arguments.of("string attribute", build(withExtra(new Attribute("comment", (List<String>) null))),
                new String[] {"Attribute 'comment' (attribute 1) is a string attribute", "StringToNominal"}));
        t.add(Arguments.of("relational attribute", build(withExtra(new Attribute("bag", new Instances(gaussian(), 0)))),
                new String[] {"Attribute 'bag' (attribute 1) is a relational attribute"}));
        t.add(Arguments.of("an attribute named as a nominal input's column", build(with(() -> withExtra(
                new Attribute("colour", List.of("red", "blue", "green"))), d -> {
                    d.renameAttribute(1, "colour=red");
                    for (int i = 0; i < d.numInstances(); i++) {
                        d.instance(i).setValue(0, i % 3);
                    }
                })), new String[] {"The nominal inputs' columns are named attribute=value (NominalToBinary), and another "
                        + "attribute already has such a name: Attribute names are not unique! Causes: 'colour=red'"}));
        t.add(Arguments.of("date class", build(with(NeuralGLMBadInputTest::gaussian, d -> {
            d.setClassIndex(-1);
            d.renameAttribute(3, "y_old");
            d.insertAttributeAt(new Attribute("when", "yyyy-MM-dd"), 4);
            d.setClassIndex(4);
        })), new String[] {"Class attribute 'when' (attribute 5) is a date attribute", "numeric or nominal class"}));
        t.add(Arguments.of("Categorical family, numeric class", build(c -> c.setFamily(new Categorical()), gaussian()),
                new String[] {"The Categorical family models a nominal class, but class attribute 'y' is numeric"}));
        t.add(Arguments.of("Poisson family, nominal class", build(c -> c.setFamily(new Poisson()),
                FamilyData.of("Categorical", 30, 1)),
                new String[] {"The Poisson family models a numeric class, but class attribute 'y' is nominal"}));
        t.add(Arguments.of("Bernoulli family, three class values", build(c -> c.setFamily(new Bernoulli()),
                FamilyData.of("Categorical", 30, 1)),
                new String[] {"Bernoulli family models one value per instance", "'y' is nominal with 3 values"}));
        // --- options
        t.add(Arguments.of("-hidden 30,x", build(c -> c.setHidden("30,x"), gaussian()),
                new String[] {"Option -hidden: 'x' in '30,x' is not a layer size >= 1"}));
        t.add(Arguments.of("-hidden 0", build(c -> c.setHidden("0"), gaussian()),
                new String[] {"Option -hidden: '0' in '0' is not a layer size >= 1", "none for a GLM"}));
        t.add(Arguments.of("-hidden -5", build(c -> c.setHidden("-5"), gaussian()),
                new String[] {"Option -hidden: '-5' in '-5' is not a layer size >= 1"}));
        t.add(Arguments.of("-hidden beyond the integers", build(c -> c.setHidden("99999999999"), gaussian()),
                new String[] {"Option -hidden: '99999999999' in '99999999999' is too many units for a layer"}));
        // failed in EJML: "Matrix size exceeds the size of an integer"
        t.add(Arguments.of("-hidden with more weights than an array holds", build(c -> c.setHidden("2000000000"), gaussian()),
                new String[] {"Option -hidden: the layer of 2000000000 units has 2000000000 x 3 = 6000000000 weights, more "
                        + "than one Java array holds"}));
        t.add(Arguments.of("-hidden 30,,20", build(c -> c.setHidden("30,,20"), gaussian()),
                new String[] {"Option -hidden: '' in '30,,20'"}));
        t.add(Arguments.of("negative epochs", build(c -> c.setEpochs(-3), gaussian()),
                new String[] {"Option -epochs: -3 is not a number of epochs >= 1"}));
        t.add(Arguments.of("zero epochs", build(c -> c.setEpochs(0), gaussian()),
                new String[] {"Option -epochs: 0"}));
        t.add(Arguments.of("negative mini-batch size", build(c -> c.setMiniBatchSize(-4), gaussian()),
                new String[] {"Option -mini-batch-size: -4 is not a batch size >= 0"}));
        t.add(Arguments.of("negative weight decay", build(c -> c.setWeightDecay(-0.1), gaussian()),
                new String[] {"Option -weight-decay: -0.1 is not a finite penalty >= 0"}));
        t.add(Arguments.of("zero threads", build(c -> c.setNumThreads(0), gaussian()),
                new String[] {"Option -num-threads: 0 is not a number of threads >= 1"}));
        // 128 threads took a 50-row build on 2 cores from 0.05 to 2.5 s, 2048 to 60 s, and 100,000 ran out of threads
        t.add(Arguments.of("more threads than the limit", build(c -> c.setNumThreads(257), gaussian()),
                new String[] {"Option -num-threads: 257 is not a number of threads >= 1 and at most 256"}));
        t.add(Arguments.of("validation fraction 1", build(c -> c.setValidationFraction(1.0), gaussian()),
                new String[] {"Option -validation-fraction: 1.0 is not a share >= 0 and < 1"}));
        t.add(Arguments.of("negative validation fraction", build(c -> c.setValidationFraction(-0.2), gaussian()),
                new String[] {"Option -validation-fraction: -0.2"}));
        t.add(Arguments.of("patience 0 with early stopping", build(c -> {
            c.setValidationFraction(0.2);
            c.setPatience(0);
        }, gaussian()), new String[] {"Option -patience: 0 is not a number of epochs >= 1"}));
        t.add(Arguments.of("L-BFGS with mini-batches", build(c -> c.setMiniBatchSize(8), gaussian()),
                new String[] {"needs the full batch (batch size 0), got batch size 8"}));
        t.add(Arguments.of("negative learning rate", build(c -> {
            final SGD s = new SGD();
            s.setLr(-1);
            c.setOptimizer(s);
        }, gaussian()), new String[] {"must be a finite number > 0, got -1.0"}));
        t.add(Arguments.of("Tweedie power below 1", build(c -> {
            final Tweedie tw = new Tweedie();
            tw.setPower(0.5);
            c.setFamily(tw);
        }, positive()), new String[] {"Tweedie family: power must be >= 1", "got 0.5"}));
        t.add(Arguments.of("Negative binomial alpha 0", build(c -> {
            final NegativeBinomial nb = new NegativeBinomial();
            nb.setAlpha(0);
            c.setFamily(nb);
        }, counts()), new String[] {"NegativeBinomial family: alpha must be a finite number > 0, got 0.0"}));
        t.add(Arguments.of("unknown family name", setOptions("-family", "weka.classifiers.functions.neuralglm.Weibull"),
                new String[] {"Option -family: cannot use 'weka.classifiers.functions.neuralglm.Weibull'"}));
        // the class exists and refuses its options: it said "cannot use '...Poisson' (expected a FamilySpec class ...)"
        t.add(Arguments.of("a family given an option it does not take", setOptions("-family", "Poisson -link identity"),
                new String[] {"Option -family: 'weka.classifiers.functions.neuralglm.Poisson' refused the options "
                        + "given to it (-link identity)", "Illegal options: -link identity"}));
        t.add(Arguments.of("unknown optimiser name", setOptions("-optimizer", "weka.classifiers.functions.neuralglm.RMSProp -lr 0.1"),
                new String[] {"Option -optimizer: cannot use 'weka.classifiers.functions.neuralglm.RMSProp'"}));
        t.add(Arguments.of("an optimiser given as the family", setOptions("-family", "weka.classifiers.functions.neuralglm.Adam"),
                new String[] {"Option -family: 'weka.classifiers.functions.neuralglm.Adam' is a", "not a weka.classifiers.functions.neuralglm.FamilySpec"}));
        // the short name of a spec of the other kind recursed for ever in the short-name lookup: StackOverflowError
        // (found by NeuralGLMFuzzTest)
        t.add(Arguments.of("an optimiser's short name given as the family", setOptions("-family", "Adam"),
                new String[] {"Option -family: 'weka.classifiers.functions.neuralglm.Adam' is a "
                        + "weka.classifiers.functions.neuralglm.Adam, not a weka.classifiers.functions.neuralglm.FamilySpec"}));
        t.add(Arguments.of("a family's short name in lower case given as the optimiser", setOptions("-optimizer", "poisson"),
                new String[] {"Option -optimizer: 'weka.classifiers.functions.neuralglm.Poisson' is a "
                        + "weka.classifiers.functions.neuralglm.Poisson, not a weka.classifiers.functions.neuralglm.OptimizerSpec"}));
        // Weka's AbstractClassifier parses it by hand: a bare NumberFormatException "For input string: \"x\""
        t.add(Arguments.of("non-integer decimal places", setOptions("-num-decimal-places", "x"),
                new String[] {"Option -num-decimal-places: 'x' is not an integer"}));
        t.add(Arguments.of("non-numeric epochs", setOptions("-epochs", "many"),
                new String[] {"Option -epochs: 'many' is not an integer"}));
        // Weka's option helpers skip an empty value: the default stayed without a word
        t.add(Arguments.of("seed beyond the integers", setOptions("-S", "99999999999"),
                new String[] {"Option -S: '99999999999' is not an integer (the random seed)"}));
        // -S is checked as every other value option (StrictOptions): an empty seed said "'' is not an integer"
        t.add(Arguments.of("empty seed", setOptions("-S", " "), new String[] {"Option -S: no value given"}));
        t.add(Arguments.of("empty epochs", setOptions("-epochs", ""), new String[] {"Option -epochs: no value given"}));
        t.add(Arguments.of("empty family", setOptions("-family", ""), new String[] {"Option -family: no value given"}));
        t.add(Arguments.of("unknown activation", setOptions("-activation", "Swish"),
                new String[] {"Option -activation: 'Swish' is not one of ReLU, LeakyReLU"}));
        t.add(Arguments.of("non-numeric learning rate inside -optimizer", setOptions("-optimizer",
                "weka.classifiers.functions.neuralglm.SGD -lr fast"),
                new String[] {"Option -optimizer: 'weka.classifiers.functions.neuralglm.SGD' refused the options given to it (-lr fast)", "Option -lr: 'fast' is not a number"}));
        // trained on the standardised class, a float32 network's output layer mapped back to a class of scale 1e100 left
        // float's range: the model predicted NaN for every instance, and the report said Mean NLL NaN
        t.add(Arguments.of("float32 network for a class beyond float's range", build(c -> {
            c.setHidden("4");
            c.setEpochs(5);
            c.setPrecision(new weka.core.SelectedTag("float32", NeuralGLM.TAGS_PRECISION));
        }, with(NeuralGLMBadInputTest::gaussian, d -> {
            for (int i = 0; i < d.numInstances(); i++) {
                d.instance(i).setClassValue(d.instance(i).classValue() * 1e100);
            }
        })), new String[] {"The trained model predicts NaN for 30 of the 30 training instances with a class value",
                "it predicts in float32 (-precision float32), whose range ends at 3.4E38", "Use -precision float64"}));
        // L-BFGS has no learning rate: its divergence (here float32 inputs of 1e100, not standardised) told users to lower one
        t.add(Arguments.of("L-BFGS diverging on the data's scale", build(c -> {
            c.setHidden("3");
            c.setDoNotStandardize(true);
            c.setPrecision(new weka.core.SelectedTag("float32", NeuralGLM.TAGS_PRECISION));
        }, with(NeuralGLMBadInputTest::gaussian, d -> {
            for (int i = 0; i < d.numInstances(); i++) {
                d.instance(i).setValue(0, d.instance(i).value(0) * 1e100);
            }
        })), new String[] {"Training diverged at epoch 0", "has no learning rate to lower: the data's scale is the likely "
                + "cause"}));
        t.add(Arguments.of("learning rate so large that training diverges", build(c -> {
            c.setHidden("8");
            c.setFamily(new Poisson());
            final SGD s = new SGD();
            s.setLr(1e4);
            c.setOptimizer(s);
            c.setEpochs(50);
        }, counts()), new String[] {"diverged", "Try a smaller learning rate"}));
        // --- predicting and updating
        t.add(Arguments.of("predicting an instance with a different header", (Action) c -> {
            final Instances other = gaussian();
            other.renameAttribute(1, "x2b");
            c.distributionForInstance(other.instance(0));
        }, new String[] {"The instance's attributes differ from the training data's", "x2b"}));
        t.add(Arguments.of("predicting an instance with another nominal domain", (Action) c -> {
            final Instances other = nominalClass(List.of("a", "b"));
            c.distributionForInstance(other.instance(0));
        }, new String[] {"The instance's attributes differ from the training data's"}));
        t.add(Arguments.of("an instance with fewer values than attributes", build(with(NeuralGLMBadInputTest::gaussian,
                d -> d.add(new DenseInstance(1.0, new double[] {1, 2})))),
                new String[] {"Instance 31 has 2 values, but its data set 'Gaussian' has 4 attributes"}));
        t.add(Arguments.of("an instance with fewer values than attributes, options that read the instances",
                build(c -> {
                    try {
                        c.setOptions(Utils.splitOptions("-hidden 3 -optimizer \"weka.classifiers.functions.neuralglm.Adam "
                                + "-lr 0.01\" -mini-batch-size 8 -epochs 2 -weight-decay 0 -validation-fraction 0"));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, with(NeuralGLMBadInputTest::gaussian, d -> d.add(new DenseInstance(1.0, new double[] {1, 2})))),
                new String[] {"Instance 31 has 2 values"}));
        t.add(Arguments.of("an instance with fewer values than attributes, -resume", build(c -> c.setResume(true),
                with(NeuralGLMBadInputTest::gaussian, d -> d.add(new DenseInstance(1.0, new double[] {1, 2})))),
                new String[] {"Instance 31 has 2 values"}));
        t.add(Arguments.of("predicting an instance with fewer values than attributes", (Action) c -> {
            final Instances d = gaussian();
            d.add(new DenseInstance(1.0, new double[] {1, 2}));
            c.distributionForInstance(d.lastInstance());
        }, new String[] {"The instance to predict has 2 values, but its data set 'Gaussian' has 4 attributes"}));
        t.add(Arguments.of("predicting an instance with an infinite value", (Action) c -> {
            final Instance inf = (Instance) gaussian().instance(0).copy();
            inf.setValue(1, Double.POSITIVE_INFINITY);
            c.distributionForInstance(inf);
        }, new String[] {"Attribute 'x2' of the instance to predict is Infinity"}));
        t.add(Arguments.of("predicting an instance whose nominal value is not a label's index", (Action) c -> {
            final Instances d = withExtra(new Attribute("colour", List.of("red", "blue")));
            for (int i = 0; i < d.numInstances(); i++) {
                d.instance(i).setValue(0, i % 2);
            }
            final NeuralGLM other = NeuralGLMFamiliesTest.glm(new weka.classifiers.functions.neuralglm.Gaussian());
            other.buildClassifier(d);
            final Instance bad = (Instance) d.instance(0).copy();
            bad.setValue(0, 2.0);
            other.distributionForInstance(bad);
        }, new String[] {"Attribute 'colour' of the instance to predict is 2.0, which is not the index of one of its 2"}));
        t.add(Arguments.of("updating with a nominal class value that is not a label's index", (Action) c -> {
            final NeuralGLMUpdateable u = NeuralGLMSteeringTest.updateable("none", 8);
            final Instances d = FamilyData.of("Categorical", 30, 1);
            u.buildClassifier(d);
            final Instance bad = (Instance) d.instance(0).copy();
            bad.setValue(3, 7.0);
            u.updateClassifier(bad);
        }, new String[] {"Class attribute 'y' of instance 1 is 7.0, which is not the index of one of its 3 nominal values"}));
        t.add(Arguments.of("predicting an instance with too few values", (Action) c ->
                c.distributionForInstance(new DenseInstance(1.0, new double[] {1, 2, 3})),
                new String[] {"The instance has 3 attributes but the training data had 4"}));
        // the sum of a Gaussian and a Poisson GLM's parameters was accepted: the average took the first one's family
        t.add(Arguments.of("aggregating a model of another family", (Action) c -> {
            final NeuralGLM poisson = NeuralGLMFamiliesTest.glm(new Poisson());
            poisson.buildClassifier(with(NeuralGLMBadInputTest::gaussian, d -> {
                for (int i = 0; i < d.numInstances(); i++) {
                    d.instance(i).setClassValue(i % 4);
                }
            }));
            c.aggregate(poisson);
        }, new String[] {"cannot aggregate models of different families: Gaussian(link=identity) and Poisson(link=log)"}));
        t.add(Arguments.of("aggregating a network of other layers", (Action) c -> {
            final NeuralGLM net = NeuralGLMSteeringTest.adam("3", 2, 8);
            net.buildClassifier(gaussian());
            c.aggregate(net);
        }, new String[] {"cannot aggregate networks of different layers or activations: Sequential("}));
        t.add(Arguments.of("updating with an instance of a different header", (Action) c -> {
            final NeuralGLMUpdateable u = NeuralGLMSteeringTest.updateable("none", 8);
            u.buildClassifier(gaussian());
            final String before = u.toString();
            final Instances other = gaussian();
            other.renameAttribute(0, "x1b");
            try {
                u.updateClassifier(other.instance(0));
            } finally {
                assertEquals(before, u.toString());
            }
        }, new String[] {"The instance's attributes differ from the training data's", "x1b"}));
        t.add(Arguments.of("updating with an infinite value", (Action) c -> {
            final NeuralGLMUpdateable u = NeuralGLMSteeringTest.updateable("none", 8);
            u.buildClassifier(gaussian());
            final Instances more = gaussian();
            u.updateClassifier(more.instance(0));
            more.instance(1).setValue(2, Double.NEGATIVE_INFINITY);
            u.updateClassifier(more.instance(1));
        }, new String[] {"Attribute 'x3' of instance 2 is -Infinity"}));
        return t.stream();
    }

    static Instances counts() {
        return FamilyData.of("Poisson", 30, 1);
    }

    static Instances positive() {
        return FamilyData.of("Gamma", 30, 1);
    }

    private static byte[] bytes(Object o) throws Exception {
        final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream s = new java.io.ObjectOutputStream(out)) {
            s.writeObject(o);
        }
        return out.toByteArray();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aBadInputFailsWithASpecificMessageAndChangesNothing(String name, Action action, String[] expected) throws Exception {
        final NeuralGLM c = NeuralGLMFamiliesTest.glm(new weka.classifiers.functions.neuralglm.Gaussian());
        final Instances good = gaussian();
        c.buildClassifier(good);
        final byte[] before = bytes(c.fittedModel());
        final String report = c.toString();
        final Exception e = assertThrows(Exception.class, () -> action.run(c), name);
        final String msg = String.valueOf(e.getMessage());
        for (String s : expected) {
            assertTrue(msg.contains(s), name + ": expected '" + s + "' in the message: " + msg);
        }
        assertArrayEquals(before, bytes(c.fittedModel()), name + ": the model changed");
        assertEquals(report, c.toString(), name);
        synchronized (TRIED) {
            TRIED.add(name);
        }
    }

    @Test
    void missingValuesAndOversizedBatchesAreDocumentedBehaviourReportedInTheModel() throws Exception {
        // NaN is Weka's missing value: replaced by the training mean, and counted in the report
        final Instances data = gaussian();
        data.instance(2).setValue(0, Double.NaN);
        final NeuralGLM c = NeuralGLMFamiliesTest.glm(new weka.classifiers.functions.neuralglm.Gaussian());
        c.buildClassifier(data);
        assertTrue(c.toString().contains("1 missing input values"), c.toString());
        final Instance nan = (Instance) data.instance(0).copy();
        nan.setValue(1, Utils.missingValue());
        assertTrue(Double.isFinite(c.classifyInstance(nan)));
        // a batch larger than the data (e.g. a cross-validation fold): one full-batch step per epoch, and said so
        final NeuralGLM big = NeuralGLMSteeringTest.adam("none", 5, 64);
        big.buildClassifier(data);
        assertTrue(big.toString().contains("64 rows requested, but there are only 30 training rows: each epoch is one full-batch step"),
                big.toString());
        final NeuralGLM full = NeuralGLMSteeringTest.adam("none", 5, 0);
        full.buildClassifier(data);
        NeuralGLMSteeringTest.assertSamePredictions(NeuralGLMSteeringTest.predictions(full, data),
                NeuralGLMSteeringTest.predictions(big, data));
    }

    @AfterAll
    static void count() {
        System.out.println("NeuralGLMBadInputTest: " + TRIED.size() + " distinct bad inputs refused with a specific message");
        assertTrue(TRIED.size() >= 25, "at least 25 bad inputs, got " + TRIED.size());
    }
}

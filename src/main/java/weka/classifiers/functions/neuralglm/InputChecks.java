package weka.classifiers.functions.neuralglm;

import neuralglm.model.Standardizer;
import weka.core.Attribute;
import weka.core.Instance;
import weka.core.Instances;

/**
 * The Weka face's checks of training data and of instances to learn from or predict, run before any
 * state changes, each failure naming the attribute, the instance (1-based, as in the user's data) and
 * what was expected. In Weka a NaN value is a missing value; missing inputs are replaced, missing
 * class values are skipped, so NaN is not an error here.
 */
public final class InputChecks {

    /**
     * The largest attribute or class magnitude accepted: squares of larger values overflow double
     * precision (standardisation and the Gaussian NLL square them): the engine's {@link Standardizer#MAX_MAGNITUDE}.
     */
    public static final double MAX_MAGNITUDE = Standardizer.MAX_MAGNITUDE;

    private InputChecks() {
    }

    /**
     * Checks the header: a class is set, no string or relational attribute, and the class attribute suits
     * the family. A date input attribute is a numeric input (milliseconds since 1970-01-01 UTC, as Weka
     * stores it; standardised like any numeric input), as in Logistic and MultilayerPerceptron; a date
     * class is refused.
     *
     * @param data   the data. Not modified.
     * @param family the family spec chosen
     * @throws IllegalArgumentException naming the attribute
     */
    public static void checkHeader(Instances data, FamilySpec family) {
        if (data.classIndex() < 0) {
            throw new IllegalArgumentException("No class attribute is set in data set '" + data.relationName()
                    + "'; set one (e.g. the last attribute) before training");
        }
        for (int a = 0; a < data.numAttributes(); a++) {
            final Attribute att = data.attribute(a);
            if (att.isString() || (att.type() == Attribute.RELATIONAL)) {
                final String type = att.isString() ? "a string" : "a relational";
                throw new IllegalArgumentException("Attribute '" + att.name() + "' (attribute " + (a + 1) + ") is " + type
                        + " attribute; NeuralGLM takes numeric, date and nominal attributes only. "
                        + (att.isString() ? "Convert it with StringToNominal or StringToWordVector, or remove it."
                        : "Flatten it with PropositionalToMultiInstance, or remove it."));
            }
        }
        if (data.classAttribute().isDate()) {
            throw new IllegalArgumentException("Class attribute '" + data.classAttribute().name() + "' (attribute "
                    + (data.classIndex() + 1) + ") is a date attribute; NeuralGLM models a numeric or nominal class. "
                    + "Convert it to a numeric attribute (e.g. with NumericTransform or AddExpression) to predict it");
        }
        final Attribute cls = data.classAttribute();
        if (cls.isNominal() && cls.numValues() < 2) {
            throw new IllegalArgumentException("Class attribute '" + cls.name() + "' is nominal with " + cls.numValues()
                    + (cls.numValues() == 1 ? " value ('" + cls.value(0) + "')" : " values")
                    + "; a classifier needs at least two class values");
        }
        if (cls.isNominal() && !family.handlesNominalClass()) {
            throw new IllegalArgumentException("The " + family.getClass().getSimpleName() + " family models a numeric class, "
                    + "but class attribute '" + cls.name() + "' is nominal; use Categorical (or Auto), or Bernoulli for two values");
        }
        if (cls.isNumeric() && !family.handlesNumericClass()) {
            throw new IllegalArgumentException("The " + family.getClass().getSimpleName() + " family models a nominal class, "
                    + "but class attribute '" + cls.name() + "' is numeric; use a numeric family (e.g. Gaussian, Poisson)");
        }
    }

    /**
     * @param count the number of instances with a class value
     * @param total the sum of their weights, in instance order
     * @throws IllegalArgumentException unless the total is finite and at least {@link Double#MIN_NORMAL}
     */
    public static void checkTotalWeight(int count, double total) {
        if (!(total > 0)) {
            throw new IllegalArgumentException("The " + count + " instances with a class value have total "
                    + "weight " + total + "; at least one weight must be > 0");
        }
        // the means over the weight divide by it: its reciprocal must be finite, and so must the sum
        if (!(total >= Double.MIN_NORMAL) || total == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("The " + count + " instances with a class value have total "
                    + "weight " + total + "; the weights must sum to a finite number of at least " + Double.MIN_NORMAL
                    + " (the means over the weight divide by it). Rescale the weights (only their ratios matter for the "
                    + "fit; for Binomial they are the numbers of trials)");
        }
    }

    /**
     * Checks one instance: finite values of magnitude at most {@link #MAX_MAGNITUDE} (NaN is missing), a nominal
     * value the index of one of its attribute's values, and a finite weight &gt;= 0.
     *
     * @param inst   the instance. Not modified.
     * @param number its 1-based number, for the message
     * @throws IllegalArgumentException naming attribute, instance and value
     */
    public static void checkInstance(Instance inst, int number) {
        checkLength(inst, number);
        for (int a = 0; a < inst.numAttributes(); a++) {
            checkValue(inst, a, number); // the message is made only for a bad value (no string per instance)
            checkNominal(inst, a, number);
        }
        final double w = inst.weight();
        if (!Double.isFinite(w) || w < 0) {
            throw new IllegalArgumentException("Instance " + number + " has weight " + w
                    + "; instance weights must be finite and >= 0 (for Binomial: the number of trials)");
        }
    }

    /**
     * Checks the values of an instance to predict: finite, magnitude at most {@link #MAX_MAGNITUDE}, a nominal value
     * the index of one of its attribute's values (NaN is missing; the class value is not used).
     *
     * @param inst the instance. Not modified.
     * @throws IllegalArgumentException naming the attribute and value
     */
    public static void checkForPrediction(Instance inst) {
        checkLength(inst, 0);
        for (int a = 0; a < inst.numAttributes(); a++) {
            if (a != inst.classIndex()) {
                checkValue(inst, a, 0);
                checkNominal(inst, a, 0);
            }
        }
    }

    /**
     * An instance must hold a value for every attribute of its data set: Weka's {@code Instances.add} takes an instance of
     * any length, whose missing values would otherwise end in an ArrayIndexOutOfBoundsException inside Weka.
     *
     * @param inst   the instance. Not modified.
     * @param number its 1-based number, or 0 for an instance to predict
     * @throws IllegalArgumentException naming the instance and both counts
     */
    public static void checkLength(Instance inst, int number) {
        final weka.core.Instances data = inst.dataset();
        if (data != null && inst.numAttributes() < data.numAttributes()) {
            throw new IllegalArgumentException(String.format("%s has %d values, but its data set '%s' has %d attributes: "
                    + "an instance made for another header (Weka's Instances.add does not check the number of values)",
                    number > 0 ? "Instance " + number : "The instance to predict", inst.numAttributes(),
                    data.relationName(), data.numAttributes()));
        }
    }

    /**
     * @param v a nominal attribute's value as Weka stores it
     * @param k the attribute's number of values
     * @return whether v is missing (NaN) or the index of one of the values, 0 .. k - 1
     */
    public static boolean nominalIndex(double v, int k) {
        return Double.isNaN(v) || v >= 0 && v < k && v == (int) v;
    }

    /**
     * A nominal value must be the index of one of its attribute's k values (Weka's API lets any double in); not looked
     * at without a header, or for another type.
     */
    private static void checkNominal(Instance inst, int a, int number) {
        if (inst.dataset() == null || !inst.attribute(a).isNominal()) {
            return;
        }
        final int k = inst.attribute(a).numValues();
        final double v = inst.value(a);
        if (!nominalIndex(v, k)) {
            throw new IllegalArgumentException(String.format(
                    "%s '%s' of %s is %s, which is not the index of one of its %d nominal values (0 to %d): Weka stores "
                            + "a nominal value as the index of its label; set it with setValue(attribute, label)",
                    a == inst.classIndex() ? "Class attribute" : "Attribute", inst.attribute(a).name(),
                    number > 0 ? "instance " + number : "the instance to predict", v, k, k - 1));
        }
    }

    /** @param number the instance's 1-based number, or 0 for an instance to predict */
    private static void checkValue(Instance inst, int a, int number) {
        final double v = inst.value(a);
        // NaN (missing) passes both tests; a nominal value is an index, looked at only when it would fail
        if (Math.abs(v) > MAX_MAGNITUDE && !inst.attribute(a).isNominal()) { // infinite too; NaN never
            throw new IllegalArgumentException(String.format(
                    "%s '%s' of %s is %s; values must be finite with magnitude at most %s "
                            + "(their squares must not overflow). Rescale the attribute, e.g. with a log transform.",
                    a == inst.classIndex() ? "Class attribute" : "Attribute", inst.attribute(a).name(),
                    number > 0 ? "instance " + number : "the instance to predict", v, MAX_MAGNITUDE));
        }
    }

    /**
     * @param inst   an instance to predict or learn from. Not modified.
     * @param header the training header
     * @throws IllegalArgumentException when its attributes differ from the training data's, saying how
     */
    public static void checkSameHeader(Instance inst, Instances header) {
        final Instances ds = inst.dataset();
        if (ds == null) {
            if (inst.numAttributes() != header.numAttributes()) {
                throw new IllegalArgumentException("The instance has " + inst.numAttributes() + " attributes but the "
                        + "training data had " + header.numAttributes() + " (" + header.relationName() + ")");
            }
            return;
        }
        if (ds != header && !header.equalHeaders(ds)) {
            throw new IllegalArgumentException("The instance's attributes differ from the training data's: "
                    + header.equalHeadersMsg(ds) + "; predict (or update) only with data in the training format");
        }
    }
}

package weka.classifiers.functions.neuralglm;

import neuralglm.family.DomainException;
import neuralglm.family.Family;
import org.ejml.data.DMatrixRMaj;
import weka.core.Attribute;
import weka.core.Instance;
import weka.core.Instances;

/**
 * The engine's targets and weights from a Weka class attribute: one-hot rows for a nominal class with
 * the Categorical family; the class index (0/1) of a binary nominal class with a one-output family;
 * the class value of a numeric class. Weights are the instance weights (for Binomial: the number of
 * trials). The family's domain check runs here, and its message names the class attribute, the
 * instance and the value in Weka's terms.
 *
 * @param y       the targets, n x k
 * @param weights the instance weights
 */
public record Targets(DMatrixRMaj y, double[] weights) {

    /**
     * @param data     training data, no missing class values. Not modified.
     * @param family   the engine family
     * @param original 0-based index, in the data the user gave, of each row (for messages)
     * @return targets and weights
     * @throws IllegalArgumentException when the class attribute does not suit the family, or a class value
     *                                  is outside the family's domain (naming attribute, instance and value)
     */
    public static Targets of(Instances data, Family family, int[] original) {
        final Attribute cls = data.classAttribute();
        final String unsuited = unsuited(cls, family);
        if (unsuited != null) {
            throw new IllegalArgumentException(unsuited);
        }
        final boolean oneHot = oneHot(cls, family);
        final int n = data.numInstances(), k = oneHot ? cls.numValues() : 1;
        final double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = data.instance(i).weight();
        }
        final DMatrixRMaj y = new DMatrixRMaj(n, k);
        for (int i = 0; i < n; i++) {
            put(y.data, i, k, oneHot, data.instance(i).classValue());
        }
        return checked(new Targets(y, w), family, cls, original);
    }

    /**
     * The rows with a class value of the user's data, checked ({@link InputChecks#checkInstance}), and their
     * targets, in one pass over the instances. Errors and their order are those of the separate steps: no
     * instance with a class value; then the first bad value or weight (instance by instance, attribute by
     * attribute); the total weight; the class attribute against the family; a class value outside the
     * family's domain.
     *
     * @param data   the user's data. Not modified.
     * @param family the engine family
     * @return the rows with a class value and their targets
     * @throws IllegalArgumentException as the steps do, naming attribute, instance and value
     */
    public static Known known(Instances data, Family family) {
        final int n = data.numInstances(), c = data.classIndex();
        final Attribute cls = data.classAttribute();
        final String unsuited = unsuited(cls, family);
        final boolean oneHot = oneHot(cls, family);
        final int k = oneHot ? cls.numValues() : 1;
        final int[] rows = new int[n];
        final double[] w = new double[n];
        final double[] y = unsuited == null ? new double[n * k] : null;
        int count = 0;
        double total = 0;
        for (int i = 0; i < n; i++) {
            final Instance inst = data.instance(i);
            final double v = inst.value(c);
            if (Double.isNaN(v)) { // a missing class value: the row is left out
                continue;
            }
            InputChecks.checkInstance(inst, i + 1);
            rows[count] = i;
            w[count] = inst.weight();
            total += w[count];
            if (y != null) {
                put(y, count, k, oneHot, v);
            }
            count++;
        }
        if (count == 0) {
            throw new IllegalArgumentException("No training instances with a known class value: all " + n
                    + " instances have a missing value for class attribute '" + cls.name() + "'");
        }
        InputChecks.checkTotalWeight(count, total);
        if (unsuited != null) {
            throw new IllegalArgumentException(unsuited);
        }
        final int[] original = count == n ? rows : java.util.Arrays.copyOf(rows, count);
        final DMatrixRMaj ym = DMatrixRMaj.wrap(count, k, count == n ? y : java.util.Arrays.copyOf(y, count * k));
        final Targets t = checked(new Targets(ym, count == n ? w : java.util.Arrays.copyOf(w, count)), family, cls, original);
        final Instances train;
        if (count == n) {
            train = data;
        } else {
            train = new Instances(data, count);
            for (int i : original) {
                train.add(data.instance(i));
            }
        }
        return new Known(original, train, t);
    }

    /**
     * @param rows    the 0-based positions of the rows in the user's data
     * @param train   those instances (the user's data itself when no class value is missing)
     * @param targets their targets and weights
     */
    public record Known(int[] rows, Instances train, Targets targets) {
    }

    /** @return why the class attribute does not suit the family, or null when it does */
    private static String unsuited(Attribute cls, Family family) {
        if (family.labelCoding() == Family.LabelCoding.ONE_HOT) {
            if (!cls.isNominal()) {
                return "The " + family.name() + " family needs a nominal class, but class attribute '"
                        + cls.name() + "' is numeric; use a numeric family (e.g. Gaussian, Poisson)";
            }
        } else if (cls.isNominal() && cls.numValues() != 2) {
            return "The " + family.name() + " family models one value per instance, but "
                    + "class attribute '" + cls.name() + "' is nominal with " + cls.numValues()
                    + " values; use the Categorical family (or Auto)";
        }
        return null;
    }

    /** @return whether the targets are one-hot rows (one column per class value) */
    private static boolean oneHot(Attribute cls, Family family) {
        return family.labelCoding() == Family.LabelCoding.ONE_HOT && cls.isNominal();
    }

    /** Row i of y (k columns) for class value v: one-hot for the one-hot coding (k = the class values), else v. */
    private static void put(double[] y, int i, int k, boolean oneHot, double v) {
        if (oneHot) {
            y[i * k + (int) v] = 1.0;
        } else {
            y[i] = v;
        }
    }

    /** The family's domain check, its message in Weka's terms. */
    private static Targets checked(Targets t, Family family, Attribute cls, int[] original) {
        try {
            family.checkTargets(t.y());
        } catch (DomainException e) {
            throw new IllegalArgumentException(String.format(
                    "The %s family cannot model class attribute '%s': instance %d has class value %s, outside the "
                            + "family's domain %s", family.name(), cls.name(), original[e.row()] + 1,
                    cls.isNominal() ? cls.value((int) e.value()) : Double.toString(e.value()), family.targetDomain()), e);
        }
        return t;
    }
}

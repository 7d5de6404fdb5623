package weka.classifiers.functions.neuralglm;

import neuralglm.family.DomainException;
import neuralglm.family.Family;
import org.ejml.data.DMatrixRMaj;
import weka.core.Attribute;
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
        final int n = data.numInstances();
        final double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = data.instance(i).weight();
        }
        final DMatrixRMaj y;
        if (family.labelCoding() == Family.LabelCoding.ONE_HOT) {
            if (!cls.isNominal()) {
                throw new IllegalArgumentException("The " + family.name() + " family needs a nominal class, but class attribute '"
                        + cls.name() + "' is numeric; use a numeric family (e.g. Gaussian, Poisson)");
            }
            final int k = cls.numValues();
            y = new DMatrixRMaj(n, k);
            for (int i = 0; i < n; i++) {
                y.data[i * k + (int) data.instance(i).classValue()] = 1.0;
            }
        } else {
            if (cls.isNominal() && cls.numValues() != 2) {
                throw new IllegalArgumentException("The " + family.name() + " family models one value per instance, but "
                        + "class attribute '" + cls.name() + "' is nominal with " + cls.numValues()
                        + " values; use the Categorical family (or Auto)");
            }
            y = new DMatrixRMaj(n, 1);
            for (int i = 0; i < n; i++) {
                y.data[i] = data.instance(i).classValue();
            }
        }
        try {
            family.checkTargets(y);
        } catch (DomainException e) {
            throw new IllegalArgumentException(String.format(
                    "The %s family cannot model class attribute '%s': instance %d has class value %s, outside the "
                            + "family's domain %s", family.name(), cls.name(), original[e.row()] + 1,
                    cls.isNominal() ? cls.value((int) e.value()) : Double.toString(e.value()), family.targetDomain()), e);
        }
        return new Targets(y, w);
    }
}

package neuralglm.model;

import java.io.Serializable;
import java.util.Arrays;

import neuralglm.family.Family;

/**
 * Turns a label cell into the target row y, as the Weka face does with its class attribute:
 * <ul>
 * <li>a numeric label is y itself (its domain is then the family's to check);</li>
 * <li>a nominal label (string or boolean column) is indexed by its sorted classes {@code c_0 < c_1 < ...}:
 *     for a one-hot family (Categorical), y is the one-hot row of its class; for a binary one (Bernoulli),
 *     y = the class's index, which needs exactly two classes ({@code c_1}, e.g. {@code "true"} or
 *     {@code "yes"}, is the event) ({@link Family#labelCoding()});</li>
 * <li>a missing label (null, NaN) drops the row from training, as Weka drops instances with a
 *     missing class.</li>
 * </ul>
 * A numeric label with the Categorical family is indexed too, by its distinct values. No Spark types;
 * immutable.
 */
public final class LabelCoding implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final String[] classes;
    final boolean oneHot;

    LabelCoding(String name, String[] classes, boolean oneHot) {
        this.name = name;
        this.classes = classes;
        this.oneHot = oneHot;
    }

    /**
     * @param family  the output family
     * @param nominal whether the column holds strings or booleans
     * @return whether the label's classes must be counted before training
     */
    public static boolean indexed(Family family, boolean nominal) {
        return nominal || family.labelCoding() == Family.LabelCoding.ONE_HOT;
    }

    /**
     * @param name    the label column's name
     * @param family  the output family
     * @param stats   the training statistics (with the label's class counts when indexed)
     * @return the coding
     */
    public static LabelCoding fit(String name, Family family, TableStats stats) {
        if (!stats.nominalLabel) {
            return new LabelCoding(name, null, false);
        }
        final String[] classes = stats.labelCounts.keySet().toArray(new String[0]);
        if (family.labelCoding() == Family.LabelCoding.ONE_HOT) {
            if (classes.length < 2) {
                throw new IllegalArgumentException("The " + family.name() + " family needs at least two classes in label column '"
                        + name + "', found " + Arrays.toString(classes));
            }
            return new LabelCoding(name, classes, true);
        }
        if (family.labelCoding() != Family.LabelCoding.BINARY || classes.length != 2) {
            throw new IllegalArgumentException(String.format(
                    "Label column '%s' is nominal with classes %s: use the Categorical family, or Bernoulli for exactly "
                            + "two classes (the %s family needs a numeric label)",
                    name, Arrays.toString(classes), family.name()));
        }
        return new LabelCoding(name, classes, false);
    }

    /** @return the number of target columns k */
    public int columns() {
        return oneHot ? classes.length : 1;
    }

    /** @return the sorted classes of a nominal label, or null for a numeric one */
    public String[] classes() {
        return classes == null ? null : classes.clone();
    }

    /** @return the label column's name */
    public String name() {
        return name;
    }

    /**
     * @param cell the label cell
     * @param out  receives the k target values
     * @param off  where to write in {@code out}
     * @return false when the label is missing (nothing written)
     * @throws IllegalArgumentException for a class not seen when the coding was fitted
     */
    public boolean encode(Object cell, double[] out, int off) {
        if (classes == null) {
            final double v = Values.number(name, cell);
            if (Double.isNaN(v)) {
                return false;
            }
            out[off] = v;
            return true;
        }
        final String v = Values.category(cell);
        if (v == null) {
            return false;
        }
        final int c = Arrays.binarySearch(classes, v);
        if (c < 0) {
            throw new IllegalArgumentException("Label column '" + name + "' has the class '" + v
                    + "', not among the training classes " + Arrays.toString(classes));
        }
        if (oneHot) {
            Arrays.fill(out, off, off + classes.length, 0.0);
            out[off + c] = 1.0;
        } else {
            out[off] = c;
        }
        return true;
    }
}

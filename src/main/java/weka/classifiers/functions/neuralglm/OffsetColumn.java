package weka.classifiers.functions.neuralglm;

import java.io.Serializable;

import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;

/**
 * NeuralGLM's {@code -offset}: the numeric attribute whose value is added to each instance's linear predictor,
 * {@code eta = f(x) + o} (R's {@code offset()}; the engine's {@link neuralglm.family.Offsets}), and is not an input.
 * The attribute is given by name or 1-based index, found once in the training header; the model's pipeline sees the
 * data without it ({@link #inputs(Instances)}, {@link #inputs(Instance)}), and every instance trained on or predicted
 * must have a finite value of it. Bookkeeping only: the offset's arithmetic is the engine's.
 */
public final class OffsetColumn implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The training header, with the offset attribute (no rows). */
    private final Instances full;
    /** The training header without the offset attribute (no rows): the model's inputs and class. */
    private final Instances inputs;
    private final int index;

    private OffsetColumn(Instances full, int index) {
        this.full = new Instances(full, 0);
        this.index = index;
        final Instances reduced = new Instances(full, 0);
        reduced.deleteAttributeAt(index);
        this.inputs = reduced;
    }

    /**
     * @param spec the option's value: an attribute name, or a 1-based index ({@code first} and {@code last} too);
     *             empty or null for no offset
     * @param data the training data (its header). Not modified.
     * @return the offset column, or null for none
     * @throws IllegalArgumentException for an unknown attribute, the class attribute, or one that is not numeric
     */
    public static OffsetColumn of(String spec, Instances data) {
        if (spec == null || spec.trim().isEmpty()) {
            return null;
        }
        final String s = spec.trim();
        Attribute att = data.attribute(s);
        if (att == null) {
            int i = -1;
            if (s.equalsIgnoreCase("first")) {
                i = 0;
            } else if (s.equalsIgnoreCase("last")) {
                i = data.numAttributes() - 1;
            } else if (s.matches("\\d{1,9}")) {
                i = Integer.parseInt(s) - 1;
                if (i < 0 || i >= data.numAttributes()) {
                    throw new IllegalArgumentException("Option -offset: attribute index " + s + " is out of range; data set '"
                            + data.relationName() + "' has attributes 1 to " + data.numAttributes());
                }
            }
            if (i < 0) {
                throw new IllegalArgumentException("Option -offset: data set '" + data.relationName()
                        + "' has no attribute named '" + s + "' (give a name or a 1-based index)");
            }
            att = data.attribute(i);
        }
        final int a = att.index();
        if (a == data.classIndex()) {
            throw new IllegalArgumentException("Option -offset: attribute '" + att.name() + "' (attribute " + (a + 1)
                    + ") is the class attribute; the offset is a known term of the linear predictor, another numeric "
                    + "attribute (e.g. log(exposure))");
        }
        if (!att.isNumeric() || att.isDate()) {
            throw new IllegalArgumentException("Option -offset: attribute '" + att.name() + "' (attribute " + (a + 1)
                    + ") is " + (att.isNominal() ? "nominal" : att.isDate() ? "a date" : "not numeric")
                    + "; the offset must be a numeric attribute on the scale of eta (e.g. log(exposure) for a log link)");
        }
        return new OffsetColumn(data, a);
    }

    /** @return the offset attribute's name */
    public String name() {
        return full.attribute(index).name();
    }

    /** @return the training header, with the offset attribute (no rows) */
    public Instances header() {
        return full;
    }

    /** @return the header of the model's data: the training header without the offset attribute (no rows) */
    public Instances inputsHeader() {
        return inputs;
    }

    /**
     * @param data data of the training header. Not modified.
     * @return a copy without the offset attribute (the instances' weights kept)
     */
    public Instances inputs(Instances data) {
        if (!data.equalHeaders(full)) {
            throw new IllegalArgumentException("The data's header differs from the training header: "
                    + data.equalHeadersMsg(full));
        }
        final Instances out = new Instances(inputs, data.numInstances());
        for (int i = 0; i < data.numInstances(); i++) {
            out.add(strip(data.instance(i)));
        }
        return out;
    }

    /**
     * @param instance an instance of the training header. Not modified.
     * @return the instance without the offset attribute, in the model's header
     */
    public Instance inputs(Instance instance) {
        final Instances ds = instance.dataset();
        if (ds != null && ds != full && !ds.equalHeaders(full)) {
            throw new IllegalArgumentException("The instance's header differs from the training header: "
                    + ds.equalHeadersMsg(full));
        }
        if (ds == null && instance.numAttributes() != full.numAttributes()) {
            throw new IllegalArgumentException("The instance has " + instance.numAttributes() + " values; the training "
                    + "header has " + full.numAttributes() + " attributes (with offset attribute '" + name() + "')");
        }
        final Instance out = strip(instance);
        out.setDataset(inputs);
        return out;
    }

    private Instance strip(Instance instance) {
        final double[] all = instance.toDoubleArray(), kept = new double[all.length - 1];
        System.arraycopy(all, 0, kept, 0, index);
        System.arraycopy(all, index + 1, kept, index, kept.length - index);
        return new DenseInstance(instance.weight(), kept);
    }

    /**
     * @param instance an instance of the training header. Not modified.
     * @param number   its 1-based number in the user's data, for the message; 0 for an instance to predict alone
     * @return its offset
     * @throws IllegalArgumentException when the value is missing or not finite
     */
    public double value(Instance instance, int number) {
        final double o = instance.value(index);
        if (!Double.isFinite(o)) {
            final String which = number > 0 ? "instance " + number : "the instance to predict";
            throw new IllegalArgumentException("Offset attribute '" + name() + "' (-offset) of " + which
                    + (Double.isNaN(o) ? " has no value" : " is " + o) + "; every instance needs a finite offset (use 0 "
                    + "for none, log(exposure) for an exposure under a log link)");
        }
        return o;
    }

    /**
     * @param data the user's data. Not modified.
     * @param rows the 0-based positions of the rows trained on (those with a class value)
     * @return their offsets
     * @throws IllegalArgumentException naming the first instance (1-based) without a finite offset
     */
    public double[] values(Instances data, int[] rows) {
        return values(data, rows, rows.length);
    }

    /**
     * @param data the user's data. Not modified.
     * @return the offsets of all its rows
     * @throws IllegalArgumentException naming the first instance (1-based) without a finite offset
     */
    public double[] values(Instances data) {
        return values(data, null, data.numInstances());
    }

    /** @param rows the rows' positions, or null for 0 .. n - 1 */
    private double[] values(Instances data, int[] rows, int n) {
        final double[] o = new double[n];
        for (int i = 0; i < n; i++) {
            final int r = rows == null ? i : rows[i];
            o[i] = value(data.instance(r), r + 1);
        }
        return o;
    }
}

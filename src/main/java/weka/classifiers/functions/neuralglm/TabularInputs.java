package weka.classifiers.functions.neuralglm;

import java.util.Arrays;

import neuralglm.model.Standardizer;
import neuralglm.model.TabularEncoder;
import org.ejml.data.DMatrixRMaj;
import weka.core.Attribute;
import weka.core.Instance;
import weka.core.Instances;

/**
 * The inputs of a model trained elsewhere on a table: each of the model's features is read from the
 * Weka attribute of the same name and handed to the engine's {@link TabularEncoder} as a raw cell
 * (numeric attribute: its value; nominal attribute: its value string; missing: null), which imputes,
 * one-hot encodes and standardises exactly as in training. A nominal value the model never saw counts
 * as missing (the training mode). Attributes that are not features are ignored. Immutable.
 */
public final class TabularInputs implements Inputs {
    private static final long serialVersionUID = 1L;

    private final TabularEncoder encoder;
    /** Header attribute index of each feature. */
    private final int[] attribute;
    private final boolean[] nominal;
    private final Standardizer standardizer;

    /**
     * @param encoder the model's feature encoder
     * @param header  the Weka header predicted for; must have an attribute named like each feature, nominal
     *                (or numeric, read as its number's text) for a nominal feature, numeric for a numeric one
     * @throws IllegalArgumentException naming a feature that is absent or has the wrong type
     */
    public TabularInputs(TabularEncoder encoder, Instances header) {
        this.encoder = encoder;
        final String[] features = encoder.featureNames();
        attribute = new int[features.length];
        nominal = new boolean[features.length];
        for (int j = 0; j < features.length; j++) {
            final Attribute a = header.attribute(features[j]);
            if (a == null || a.index() == header.classIndex()) {
                throw new IllegalArgumentException("The model's feature '" + features[j] + "' is not an input attribute of '"
                        + header.relationName() + "'; its attributes are " + names(header));
            }
            final boolean modelNominal = encoder.categories(j) != null;
            if (!a.isNumeric() && !a.isNominal() || (a.isNominal() && !modelNominal)) {
                throw new IllegalArgumentException("Attribute '" + a.name() + "' is " + Attribute.typeToString(a)
                        + " but the model's feature '" + features[j] + "' is " + (modelNominal ? "nominal (categories "
                        + Arrays.toString(encoder.categories(j)) + ")" : "numeric"));
            }
            attribute[j] = a.index();
            nominal[j] = a.isNominal();
        }
        standardizer = new Standardizer(encoder.centre(), encoder.scale());
    }

    private static String names(Instances header) {
        final String[] n = new String[header.numAttributes()];
        for (int a = 0; a < n.length; a++) {
            n[a] = header.attribute(a).name();
        }
        return Arrays.toString(n);
    }

    @Override
    public DMatrixRMaj transform(Instance instance) {
        final Object[] cells = new Object[attribute.length];
        for (int j = 0; j < cells.length; j++) {
            final int a = attribute[j];
            cells[j] = instance.isMissing(a) ? null : nominal[j] ? instance.stringValue(a) : (Object) instance.value(a);
        }
        final DMatrixRMaj row = new DMatrixRMaj(1, encoder.width());
        encoder.encode(cells, row.data, 0);
        return row;
    }

    @Override
    public String[] inputNames() {
        return encoder.inputNames();
    }

    @Override
    public int numInputs() {
        return encoder.width();
    }

    @Override
    public Standardizer standardizer() {
        return standardizer;
    }

    @Override
    public String describeColumns() {
        return numInputs() + " columns from " + attribute.length + " features (a nominal feature with K categories "
                + "one-hot, one column for K = 2), encoded as in training";
    }

    @Override
    public String describeMissing() {
        return "replaced by the weighted training mean (numeric) or mode (nominal; also for a value not seen in training)";
    }
}

package neuralglm.model;

import java.io.Serializable;

import neuralglm.dist.DispersionSums;
import neuralglm.family.Family;
import neuralglm.nn.Sequential;
import neuralglm.train.TrainingResult;
import org.ejml.data.DMatrixRMaj;

/**
 * A network trained on a table, with everything needed to predict from raw cells again: the
 * {@link TabularEncoder} of the features, the {@link LabelCoding} of the label, the network and the
 * family, and how training went. Prediction is {@code mu = g^-1(net(encode(cells)))}. This is the
 * engine-level model a face wraps (the Weka face turns it into a NeuralGLM model file that Weka and the
 * Jython bridge load); it holds no Spark type, so it loads and predicts without Spark on the classpath.
 * It keeps the {@link DispersionSums} of its training rows (for the families whose dispersion is estimated),
 * so that its predictive distribution has a dispersion where the rows are no longer at hand.
 * Immutable after construction; the network is only used through its stateless {@code predict}, so one
 * model serves many threads.
 */
public final class TabularModel implements Serializable {
    private static final long serialVersionUID = 1L;

    private final TabularEncoder encoder;
    private final LabelCoding label;
    private final Sequential net;
    private final Family family;
    private final TrainingResult result;
    private final String settings;
    /** Null for a family that fixes the dispersion, or a model saved before the sums were kept. */
    private final DispersionSums dispersionSums;
    /** The label's classes without training weight (predicted with a floor), or null: none, or an older file. */
    private final AbsentClasses absent;
    /** n_w, the total training weight of a nominal label's rows; NaN when unknown (numeric label, older file). */
    private final double trainingWeight;

    /**
     * @param encoder  the feature encoder
     * @param label    the label coding
     * @param net      the trained network (kept, not copied)
     * @param family   the output family
     * @param result   the loss trace and how training stopped
     * @param settings the training settings in words
     */
    public TabularModel(TabularEncoder encoder, LabelCoding label, Sequential net, Family family,
                        TrainingResult result, String settings) {
        this(encoder, label, net, family, result, settings, null);
    }

    /**
     * @param encoder        the feature encoder
     * @param label          the label coding
     * @param net            the trained network (kept, not copied)
     * @param family         the output family
     * @param result         the loss trace and how training stopped
     * @param settings       the training settings in words
     * @param dispersionSums the dispersion sums over the training rows, or null (family with fixed dispersion)
     */
    public TabularModel(TabularEncoder encoder, LabelCoding label, Sequential net, Family family,
                        TrainingResult result, String settings, DispersionSums dispersionSums) {
        this(encoder, label, net, family, result, settings, dispersionSums, null);
    }

    /**
     * @param encoder        the feature encoder
     * @param label          the label coding
     * @param net            the trained network (kept, not copied)
     * @param family         the output family
     * @param result         the loss trace and how training stopped
     * @param settings       the training settings in words
     * @param dispersionSums the dispersion sums over the training rows, or null (family with fixed dispersion)
     * @param absent         the label's classes (in {@link LabelCoding#classes()} order) without training weight,
     *                       predicted with a floor ({@link AbsentClasses}); null for none
     * @throws IllegalArgumentException when absent classes are given for a label with another number of classes
     */
    public TabularModel(TabularEncoder encoder, LabelCoding label, Sequential net, Family family,
                        TrainingResult result, String settings, DispersionSums dispersionSums, AbsentClasses absent) {
        this(encoder, label, net, family, result, settings, dispersionSums, absent,
                absent != null ? absent.totalWeight() : Double.NaN);
    }

    /**
     * @param encoder        the feature encoder
     * @param label          the label coding
     * @param net            the trained network (kept, not copied)
     * @param family         the output family
     * @param result         the loss trace and how training stopped
     * @param settings       the training settings in words
     * @param dispersionSums the dispersion sums over the training rows, or null (family with fixed dispersion)
     * @param absent         the label's classes (in {@link LabelCoding#classes()} order) without training weight,
     *                       predicted with a floor ({@link AbsentClasses}); null for none
     * @param trainingWeight n_w, the total training weight of a nominal label's rows (from which a class value the
     *                       model never saw gets its floor where a header declares one, {@link AbsentClasses#floor(int,
     *                       double)}); NaN when unknown or the label is numeric
     * @throws IllegalArgumentException when absent classes are given for a label with another number of classes, or
     *                                  their total weight is not n_w, or n_w is given for a numeric label or is not
     *                                  positive and finite
     */
    public TabularModel(TabularEncoder encoder, LabelCoding label, Sequential net, Family family,
                        TrainingResult result, String settings, DispersionSums dispersionSums, AbsentClasses absent,
                        double trainingWeight) {
        if (!Double.isNaN(trainingWeight) && (label.classes() == null || !(trainingWeight > 0)
                || Double.isInfinite(trainingWeight))) {
            throw new IllegalArgumentException("A total training weight of " + trainingWeight + " for label '"
                    + label.name() + "'" + (label.classes() == null ? ", which is numeric" : "; expected > 0 and finite"));
        }
        if (absent != null && absent.totalWeight() != trainingWeight) {
            throw new IllegalArgumentException("Absent classes with a total training weight of " + absent.totalWeight()
                    + ", but the model's is " + trainingWeight);
        }
        this.trainingWeight = trainingWeight;
        if (absent != null && (label.classes() == null || absent.numClasses() != label.classes().length)) {
            throw new IllegalArgumentException("Absent classes of " + absent.numClasses() + " classes, but label '"
                    + label.name() + "' has " + (label.classes() == null ? "none (numeric)" : label.classes().length));
        }
        this.absent = absent;
        this.dispersionSums = dispersionSums;
        this.encoder = encoder;
        this.label = label;
        this.net = net;
        this.family = family;
        this.result = result;
        this.settings = settings;
    }

    /**
     * @param rows feature cells, one array per row, in {@link TabularEncoder#featureNames()} order
     * @return the encoded inputs, n x d
     */
    public DMatrixRMaj encode(Object[][] rows) {
        final int d = encoder.width();
        final DMatrixRMaj x = new DMatrixRMaj(rows.length, d);
        for (int i = 0; i < rows.length; i++) {
            encoder.encode(rows[i], x.data, i * d);
        }
        return x;
    }

    /**
     * @param rows feature cells, one array per row
     * @return eta, n x k
     */
    public DMatrixRMaj eta(Object[][] rows) {
        return net.predict(encode(rows));
    }

    /**
     * @param rows feature cells, one array per row
     * @return mu = g^-1(eta), n x k: the mean, or for Categorical the class probabilities in
     *         {@link LabelCoding#classes()} order; for Bernoulli with a nominal label, P(second class); classes
     *         without training weight get their floor ({@link AbsentClasses})
     */
    public DMatrixRMaj mean(Object[][] rows) {
        return meanOf(eta(rows));
    }

    /**
     * @param eta the network's output on some rows ({@link #eta}), n x k. Not modified.
     * @return what {@link #mean} gives for those rows: mu = g^-1(eta), classes without training weight at their floor
     */
    public DMatrixRMaj meanOf(DMatrixRMaj eta) {
        final DMatrixRMaj mu = new DMatrixRMaj(eta.numRows, eta.numCols);
        family.mean(eta, mu);
        if (absent != null) {
            if (mu.numCols == 1) {
                final double[] p = new double[2];
                for (int i = 0; i < mu.numRows; i++) {
                    p[0] = 1.0 - mu.data[i];
                    p[1] = mu.data[i];
                    absent.apply(p, 0);
                    mu.data[i] = p[1];
                }
            } else {
                absent.apply(mu);
            }
        }
        return mu;
    }

    /** @return the label's classes without training weight (predicted with a floor), or null when none */
    public AbsentClasses absentClasses() {
        return absent;
    }

    /**
     * @return n_w, the total training weight of the nominal label's rows: an absent class's floor, and that of a class
     *         value a header declares but the model never saw, is {@code 1/2 / (n_w + k/2)} ({@link AbsentClasses});
     *         NaN for a numeric label and a model file written before it was kept
     */
    public double trainingWeight() {
        return trainingWeight;
    }

    /** @return the feature encoder */
    public TabularEncoder encoder() {
        return encoder;
    }

    /** @return the label coding */
    public LabelCoding label() {
        return label;
    }

    /** @return the trained network (do not modify) */
    public Sequential network() {
        return net;
    }

    /** @return the output family */
    public Family family() {
        return family;
    }

    /** @return the loss trace and how training stopped */
    public TrainingResult result() {
        return result;
    }

    /** @return the training settings in words (where and how the model was trained) */
    public String settings() {
        return settings;
    }

    /**
     * @return chi2, D, n_w and p over the training rows at the trained network, for the Pearson and deviance
     *         dispersion ({@link neuralglm.dist.FittedDispersion#fromSums}); null when not estimated
     */
    public DispersionSums dispersionSums() {
        return dispersionSums;
    }

    @Override
    public String toString() {
        return "TabularModel(" + family + ", " + encoder.width() + " inputs " + java.util.Arrays.toString(encoder.inputNames())
                + ", label '" + label.name() + "', " + net + ", " + settings + ", " + result + ")";
    }
}

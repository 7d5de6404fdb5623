package weka.classifiers.functions.neuralglm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import neuralglm.dist.FittedDispersion;
import neuralglm.model.AbsentClasses;
import neuralglm.model.LabelCoding;
import neuralglm.model.ModelFile;
import neuralglm.model.TabularEncoder;
import neuralglm.model.TabularModel;
import neuralglm.nn.Activation;
import neuralglm.nn.Layer;
import neuralglm.nn.Linear;
import weka.classifiers.functions.NeuralGLM;
import weka.core.Attribute;
import weka.core.CommandlineRunnable;
import weka.core.Instances;
import weka.core.SelectedTag;
import weka.core.SerializationHelper;
import weka.core.Utils;
import weka.core.converters.ArffSaver;
import weka.core.converters.ConverterUtils;

/**
 * Turns the engine's {@link TabularModel} (trained on a table, e.g. by {@code neuralglm.spark.SparkTrain
 * --save}) into a {@link NeuralGLM} that predicts with it, and writes it as a Weka model file that
 * {@code weka.Run NeuralGLM -l model -T test.arff} and the Jython bridge load:
 * <pre>
 *   java weka.Run ImportTabularModel -model spark.model -d weka.model [-header data.arff] [-write-header empty.arff]
 *                                    [-dispersion Pearson|Deviance]
 * </pre>
 * The dispersion of a Gaussian, Gamma, InverseGaussian or Tweedie model (for prediction intervals and log
 * densities) is the Pearson (default) or deviance estimate from the sums the trainer kept
 * ({@link TabularModel#dispersionSums()}), equal to what NeuralGLM estimates on the same rows.
 * The Weka header the model predicts for is either the user's (the structure of {@code -header}, any file
 * Weka reads; the class is the attribute named like the model's label) or derived from the model's schema:
 * one attribute per feature (numeric, or nominal with its training categories in sorted order), then the
 * label (numeric, or nominal with its sorted classes). Prediction reads each feature from the attribute of
 * the same name ({@link TabularInputs}), so a user header may order and add attributes freely and list
 * nominal values in any order; the network's class order is mapped to the class attribute's by value.
 * The predictions are the engine model's {@code mu = g^-1(net(encode(cells)))}, bit for bit.
 * The model file holds the NeuralGLM and then the header, as {@code weka.Run -d} writes it.
 */
public class ImportTabularModel implements CommandlineRunnable {

    /**
     * @param model  the engine model
     * @param header the header to predict for, with its class set; null to derive it from the model
     * @return a NeuralGLM predicting with the model; its options are set to the network's hidden sizes and
     *         activation (rebuilding it trains a new model in Weka)
     * @throws IllegalArgumentException when the header lacks a feature or the label, or a type or class differs
     */
    public static NeuralGLM toNeuralGLM(TabularModel model, Instances header) {
        return toNeuralGLM(model, header, FittedDispersion.Estimate.PEARSON);
    }

    /**
     * @param model      the engine model
     * @param header     the header to predict for, with its class set; null to derive it from the model
     * @param dispersion PEARSON or DEVIANCE: the dispersion estimate made from the model's
     *                   {@link TabularModel#dispersionSums()} (Gaussian, Gamma, InverseGaussian, Tweedie);
     *                   a model without them has phi 1 when its family fixes it, otherwise no intervals
     * @return a NeuralGLM predicting with the model, as {@link #toNeuralGLM(TabularModel, Instances)}
     */
    public static NeuralGLM toNeuralGLM(TabularModel model, Instances header, FittedDispersion.Estimate dispersion) {
        final Instances h = header == null ? header(model) : new Instances(header, 0);
        if (h.classIndex() < 0) {
            throw new IllegalArgumentException("The header '" + h.relationName() + "' has no class attribute set");
        }
        final int[] classValues = classValues(model.label(), h.classAttribute(), model.family().name());
        final AbsentClasses absent = absent(model, classValues, h.classAttribute());
        final int[] allValues = absent == null || classValues == null ? classValues : withUnseen(classValues, absent.numClasses());
        final List<Integer> hidden = new ArrayList<>();
        String activation = null;
        final StringBuilder architecture = new StringBuilder().append(model.encoder().width()).append(" inputs");
        final List<Layer> layers = model.network().layers();
        for (int l = 0; l < layers.size(); l++) {
            if (layers.get(l) instanceof Linear lin && l < layers.size() - 1) {
                hidden.add(lin.outputs());
            } else if (layers.get(l) instanceof Activation act) {
                activation = act.getClass().getSimpleName();
                architecture.append(" -> ").append(hidden.get(hidden.size() - 1)).append(' ').append(activation);
            }
        }
        final int outputs = ((Linear) layers.get(layers.size() - 1)).outputs();
        architecture.append(" -> ").append(outputs).append(outputs == 1 ? " output" : " outputs");
        final boolean standardized = Arrays.stream(model.encoder().scale()).anyMatch(s -> s != 1.0)
                || Arrays.stream(model.encoder().centre()).anyMatch(m -> m != 0.0);
        final FittedModel fitted = FittedModel.trainedElsewhere(h, new TabularInputs(model.encoder(), h), model.network(),
                model.family(), model.result(), architecture.toString(), standardized,
                model.dispersionSums() == null ? FittedDispersion.withoutData(model.family(), "the model was trained "
                        + "outside Weka and its dispersion was not estimated")
                        : FittedDispersion.fromSums(dispersion, model.family(), model.dispersionSums()),
                allValues, model.settings(), absent);
        final NeuralGLM glm = NeuralGLM.predictingWith(fitted);
        glm.setHidden(hidden.isEmpty() ? "none" : hidden.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).get());
        for (weka.core.Tag t : NeuralGLM.TAGS_ACTIVATION) {
            if (t.getReadable().equals(activation)) {
                glm.setActivation(new SelectedTag(t.getID(), NeuralGLM.TAGS_ACTIVATION));
            }
        }
        return glm;
    }

    /**
     * @param model the engine model
     * @return the header derived from its schema: the features (numeric, or nominal with their sorted training
     *         categories), then the label as the class (numeric, or nominal with its sorted classes)
     */
    public static Instances header(TabularModel model) {
        final TabularEncoder e = model.encoder();
        final String[] features = e.featureNames();
        final ArrayList<Attribute> atts = new ArrayList<>();
        for (int j = 0; j < features.length; j++) {
            final String[] cats = e.categories(j);
            atts.add(cats == null ? new Attribute(features[j]) : new Attribute(features[j], Arrays.asList(cats)));
        }
        final String[] classes = model.label().classes();
        atts.add(classes == null ? new Attribute(model.label().name())
                : new Attribute(model.label().name(), Arrays.asList(classes)));
        final Instances h = new Instances(model.label().name() + " (" + model.family().name() + " model trained on a table)",
                atts, 0);
        h.setClassIndex(h.numAttributes() - 1);
        return h;
    }

    /**
     * The classes predicted with the add-half floor ({@link AbsentClasses}): the model's own absent classes and, when
     * the header declares class values the model never saw, those values too, as outputs after the network's own
     * (in the header's order; {@link #withUnseen}), with the floor {@code 1/2 / (n_w + K/2)} of K = all the header's
     * class values, as a NeuralGLM build on that header would give them.
     *
     * @return the model's absent classes, or with the unseen values; null when none. A model file from before the
     *         total training weight n_w was kept ({@link TabularModel#trainingWeight()} NaN) keeps 0 for unseen values
     */
    private static AbsentClasses absent(TabularModel model, int[] classValues, Attribute cls) {
        final AbsentClasses own = model.absentClasses();
        if (classValues == null || cls.numValues() == classValues.length || Double.isNaN(model.trainingWeight())) {
            return own;
        }
        final int outputs = classValues.length, all = cls.numValues();
        final boolean[] flags = new boolean[all];
        for (int c = 0; c < outputs; c++) {
            flags[c] = own != null && own.isAbsent(c);
        }
        for (int c = outputs; c < all; c++) {
            flags[c] = true;
        }
        return AbsentClasses.of(flags, model.trainingWeight());
    }

    /** @return the class value of each output, then the header's class values the model never saw, ascending */
    private static int[] withUnseen(int[] classValues, int all) {
        final int[] out = Arrays.copyOf(classValues, all);
        final boolean[] seen = new boolean[all];
        for (int v : classValues) {
            seen[v] = true;
        }
        for (int v = 0, c = classValues.length; v < all; v++) {
            if (!seen[v]) {
                out[c++] = v;
            }
        }
        return out;
    }

    /** @return the class value index of each network output class; null for a numeric label */
    private static int[] classValues(LabelCoding label, Attribute cls, String family) {
        final String[] classes = label.classes();
        if (!cls.name().equals(label.name())) {
            throw new IllegalArgumentException("The class attribute is '" + cls.name() + "' but the model's label is '"
                    + label.name() + "'");
        }
        if (classes == null) {
            if (!cls.isNumeric()) {
                throw new IllegalArgumentException("Class attribute '" + cls.name() + "' is " + Attribute.typeToString(cls)
                        + " but the model's label is numeric (" + family + " family)");
            }
            return null;
        }
        if (!cls.isNominal()) {
            throw new IllegalArgumentException("Class attribute '" + cls.name() + "' is " + Attribute.typeToString(cls)
                    + " but the model's label is nominal with classes " + Arrays.toString(classes));
        }
        final int[] index = new int[classes.length];
        for (int c = 0; c < classes.length; c++) {
            index[c] = cls.indexOfValue(classes[c]);
            if (index[c] < 0) {
                throw new IllegalArgumentException("Class attribute '" + cls.name() + "' has no value '" + classes[c]
                        + "', one of the model's classes " + Arrays.toString(classes));
            }
        }
        return index;
    }

    /** What {@code -h} prints, and what a call without -model or -d is told. */
    static final String USAGE = "Usage: ImportTabularModel -model <engine model file> -d <Weka model file> "
            + "[-header <data file whose attributes to predict for>] [-write-header <ARFF file for the header>] "
            + "[-dispersion Pearson|Deviance]";

    /**
     * @param args {@code -model file -d file [-header file] [-write-header file] [-dispersion Pearson|Deviance]}, or
     *             {@code -h} for the usage
     * @throws Exception when a file cannot be read or written, or the model does not fit the header
     */
    public static void main(String[] args) throws Exception {
        new ImportTabularModel().run(null, args);
    }

    @Override
    public void preExecution() {
        // nothing to set up
    }

    @Override
    public void run(Object toRun, String[] options) throws Exception {
        if (options.length == 0 || Utils.getFlag('h', options) || Utils.getFlag("help", options)) {
            System.out.println(USAGE);
            return;
        }
        final String in = Utils.getOption("model", options), out = Utils.getOption('d', options);
        final String headerFile = Utils.getOption("header", options), writeHeader = Utils.getOption("write-header", options);
        final String dispersion = Utils.getOption("dispersion", options);
        final FittedDispersion.Estimate estimate;
        switch (dispersion.toLowerCase(java.util.Locale.ROOT)) {
            case "":
            case "pearson":
                estimate = FittedDispersion.Estimate.PEARSON;
                break;
            case "deviance":
                estimate = FittedDispersion.Estimate.DEVIANCE;
                break;
            default:
                throw new IllegalArgumentException("-dispersion must be Pearson or Deviance, got '" + dispersion + "'");
        }
        if (in.isEmpty() || out.isEmpty()) {
            throw new IllegalArgumentException("-model and -d are both needed. " + USAGE);
        }
        Utils.checkForRemainingOptions(options);
        // a plain JSON model file (or a Spark ML model directory): data, never deserialised objects
        final TabularModel model = ModelFile.read(java.nio.file.Paths.get(in));
        Instances header = null;
        if (!headerFile.isEmpty()) {
            header = new ConverterUtils.DataSource(headerFile).getStructure();
            final Attribute label = header.attribute(model.label().name());
            if (label == null) {
                throw new IllegalArgumentException(headerFile + " has no attribute named like the model's label '"
                        + model.label().name() + "'");
            }
            header.setClass(label);
        }
        final NeuralGLM glm = toNeuralGLM(model, header, estimate);
        final Instances h = glm.fittedModel().header();
        SerializationHelper.writeAll(out, new Object[] {glm, h});
        if (!writeHeader.isEmpty()) {
            final ArffSaver saver = new ArffSaver();
            saver.setInstances(h);
            saver.setFile(new java.io.File(writeHeader));
            saver.writeBatch();
        }
        System.out.println(glm);
        System.out.println("Wrote " + out + " (predicts for the header of '" + h.relationName() + "'"
                + (writeHeader.isEmpty() ? "" : ", also written to " + writeHeader) + ")");
    }

    @Override
    public void postExecution() {
        // nothing to tear down
    }
}

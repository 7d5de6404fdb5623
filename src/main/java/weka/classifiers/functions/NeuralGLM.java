package weka.classifiers.functions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Vector;
import java.util.Locale;
import java.util.Random;

import neuralglm.dist.FittedDispersion;
import neuralglm.family.Family;
import neuralglm.model.FitStatistics;
import neuralglm.train.NullStart;
import neuralglm.nn.Activation;
import neuralglm.nn.Sequential;
import neuralglm.optim.Optimizer;
import neuralglm.train.Trainer;
import neuralglm.train.TrainingInterruptedException;
import neuralglm.train.TrainingResult;
import org.ejml.data.DMatrixRMaj;
import weka.classifiers.ConditionalDensityEstimator;
import weka.classifiers.IntervalEstimator;
import weka.classifiers.RandomizableClassifier;
import weka.classifiers.functions.neuralglm.Auto;
import weka.classifiers.functions.neuralglm.FamilySpec;
import weka.classifiers.functions.neuralglm.FittedModel;
import weka.classifiers.functions.neuralglm.InputPipeline;
import weka.classifiers.functions.neuralglm.LBFGS;
import weka.classifiers.functions.neuralglm.ModelReport;
import weka.classifiers.functions.neuralglm.OptimizerSpec;
import weka.classifiers.functions.neuralglm.Predictive;
import weka.classifiers.functions.neuralglm.Targets;
import weka.core.Capabilities;
import weka.core.Capabilities.Capability;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Option;
import weka.core.OptionMetadata;
import weka.core.RevisionUtils;
import weka.core.SelectedTag;
import weka.core.Tag;
import weka.core.WeightedInstancesHandler;

/**
 * A multilayer perceptron whose output layer is the inverse link of an exponential-family
 * distribution, trained by maximum likelihood; with no hidden layer it is exactly a GLM.
 * <pre>
 *   eta = f(x; theta) (k outputs),   mu = g^-1(eta),   minimise sum_i w_i l(eta_i; y_i) / sum w  (+ weight decay)
 * </pre>
 * The Weka face only: options, capabilities, filters ({@link InputPipeline}), targets
 * ({@link Targets}), the report; the network, families, optimisers and training loop are the
 * {@code neuralglm} engine's. Options come only from {@code @OptionMetadata} on the getters.
 */
public class NeuralGLM extends RandomizableClassifier implements WeightedInstancesHandler, IntervalEstimator,
        ConditionalDensityEstimator {
    private static final long serialVersionUID = 5730124417346829135L;

    /** The hidden-layer activations offered, by their command-line names. */
    public static final Tag[] TAGS_ACTIVATION = tags("ReLU", "LeakyReLU", "ELU", "Tanh", "Sigmoid", "Softplus");

    /** The dispersion estimates, by their command-line names (ids are {@link FittedDispersion.Estimate} ordinals). */
    public static final Tag[] TAGS_DISPERSION = tags("Pearson", "Deviance", "ML");

    private String hidden = "30,20";
    private int activation = 0;
    private FamilySpec family = new Auto();
    private OptimizerSpec optimizer = new LBFGS();
    private int epochs = 500;
    private int miniBatchSize = 0;
    private double weightDecay = 0.0;
    private int numThreads = 1;
    private boolean doNotStandardize = false;
    private int dispersionEstimate = FittedDispersion.Estimate.PEARSON.ordinal();

    /** The trained model; null until a build succeeds (and again while a build runs). */
    private FittedModel model;

    private static Tag[] tags(String... names) {
        final Tag[] t = new Tag[names.length];
        for (int i = 0; i < names.length; i++) {
            t[i] = new Tag(i, names[i], names[i]);
        }
        return t;
    }

    /** @return the text of the Explorer's "About" box */
    public String globalInfo() {
        return "A neural network whose output layer is the inverse link of an exponential-family distribution "
                + "(identity for Gaussian, sigmoid for Bernoulli and Binomial, softmax for Categorical, exp for Poisson, "
                + "Gamma, Inverse Gaussian, Negative binomial, Tweedie and Exponential), trained by maximum likelihood: "
                + "for a canonical link the gradient at the output is simply mu - y. With no hidden layer it is exactly "
                + "a generalized linear model and prints its coefficients in the original attribute units. Handles "
                + "numeric and nominal attributes (one-hot), missing values (replaced by the training mean or mode) and "
                + "instance weights (for Binomial: the number of trials). Reports deviance, null deviance and dispersion. "
                + "For a numeric class it gives prediction intervals and exact log densities from the family's "
                + "distribution at the predicted mean, with the dispersion estimated on the training data.";
    }

    // ------------------------------------------------------------------------------------- options

    /** @return hidden layer sizes, comma separated; "none" for a GLM */
    @OptionMetadata(displayName = "hidden", displayOrder = 1,
            description = "Hidden layer sizes, comma separated, e.g. '30,20' (default: two layers of 30 and 20 units, "
                    + "enough for smooth non-linear effects in a few inputs). 'none' (or 0, or empty) means no hidden "
                    + "layer: an exact GLM with a coefficient table.",
            commandLineParamName = "hidden", commandLineParamSynopsis = "-hidden <sizes|none>")
    public String getHidden() {
        return hidden;
    }

    /** @param value hidden layer sizes, comma separated; "none", "0" or "" for a GLM */
    public void setHidden(String value) {
        final String v = value == null ? "" : value.trim();
        hidden = v.isEmpty() || v.equals("0") || v.equalsIgnoreCase("none") ? "none" : v;
    }

    /** @return the hidden-layer activation */
    @OptionMetadata(displayName = "activation", displayOrder = 2,
            description = "The activation of the hidden units: ReLU (default: fast and well behaved with standardised "
                    + "inputs), LeakyReLU, ELU, Tanh, Sigmoid or Softplus. Ignored without hidden layers.",
            commandLineParamName = "activation", commandLineParamSynopsis = "-activation <ReLU|LeakyReLU|ELU|Tanh|Sigmoid|Softplus>")
    public SelectedTag getActivation() {
        return new SelectedTag(activation, TAGS_ACTIVATION);
    }

    /** @param value one of {@link #TAGS_ACTIVATION} */
    public void setActivation(SelectedTag value) {
        if (value.getTags() == TAGS_ACTIVATION) {
            activation = value.getSelectedTag().getID();
        }
    }

    /** @return the output family */
    @OptionMetadata(displayName = "family", displayOrder = 3,
            description = "The output distribution and link. Auto (default) picks Categorical for a nominal class and "
                    + "Gaussian for a numeric one; choose Poisson for counts, Gamma or InverseGaussian for positive amounts, "
                    + "Binomial for proportions (trials as instance weights), Tweedie for zeros plus positive amounts.",
            commandLineParamName = "family", commandLineParamSynopsis = "-family \"<class name> [options]\"")
    public FamilySpec getFamily() {
        return family;
    }

    /** @param value the output family */
    public void setFamily(FamilySpec value) {
        family = value;
    }

    /** @return the optimiser */
    @OptionMetadata(displayName = "optimizer", displayOrder = 4,
            description = "The optimiser. LBFGS (default): full batch, no learning rate to tune, deterministic, and the "
                    + "exact maximum-likelihood fit of a GLM; on large data prefer Adam with mini-batches.",
            commandLineParamName = "optimizer", commandLineParamSynopsis = "-optimizer \"<class name> [options]\"")
    public OptimizerSpec getOptimizer() {
        return optimizer;
    }

    /** @param value the optimiser */
    public void setOptimizer(OptimizerSpec value) {
        optimizer = value;
    }

    /** @return the maximum number of epochs */
    @OptionMetadata(displayName = "epochs", displayOrder = 5,
            description = "The maximum number of passes over the training data (default 500: L-BFGS converges well within "
                    + "it on small and medium data; one L-BFGS epoch is one quasi-Newton iteration).",
            commandLineParamName = "epochs", commandLineParamSynopsis = "-epochs <int>")
    public int getEpochs() {
        return epochs;
    }

    /** @param value the maximum number of epochs (&gt;= 1) */
    public void setEpochs(int value) {
        epochs = value;
    }

    /** @return rows per mini-batch, 0 for the full batch */
    @OptionMetadata(displayName = "miniBatchSize", displayOrder = 6,
            description = "Rows per mini-batch for SGD and Adam; 0 (default) uses the full batch, as L-BFGS requires. "
                    + "A size at least the number of training rows also means the full batch.",
            commandLineParamName = "mini-batch-size", commandLineParamSynopsis = "-mini-batch-size <int>")
    public int getMiniBatchSize() {
        return miniBatchSize;
    }

    /** @param value rows per mini-batch, 0 for the full batch */
    public void setMiniBatchSize(int value) {
        miniBatchSize = value;
    }

    /** @return the L2 penalty coefficient */
    @OptionMetadata(displayName = "weightDecay", displayOrder = 7,
            description = "The L2 penalty (weight decay) on all weights and biases, >= 0. Default 0, so that a model "
                    + "without hidden layer is the unpenalised maximum-likelihood GLM.",
            commandLineParamName = "weight-decay", commandLineParamSynopsis = "-weight-decay <double>")
    public double getWeightDecay() {
        return weightDecay;
    }

    /** @param value the L2 penalty coefficient &gt;= 0 */
    public void setWeightDecay(double value) {
        weightDecay = value;
    }

    /** @return the number of training threads */
    @OptionMetadata(displayName = "numThreads", displayOrder = 8,
            description = "Threads for computing gradients over the rows of a batch (default 1). Results do not depend "
                    + "on it beyond rounding.",
            commandLineParamName = "num-threads", commandLineParamSynopsis = "-num-threads <int>")
    public int getNumThreads() {
        return numThreads;
    }

    /** @param value the number of training threads (&gt;= 1) */
    public void setNumThreads(int value) {
        numThreads = value;
    }

    /** @return true when the inputs are not standardised */
    @OptionMetadata(displayName = "doNotStandardize", displayOrder = 9,
            description = "Turn off the standardisation of the inputs (on by default: it puts every input on one scale, "
                    + "which optimisers need; GLM coefficients are reported in the original units either way).",
            commandLineParamName = "no-standardize", commandLineParamSynopsis = "-no-standardize",
            commandLineParamIsFlag = true)
    public boolean getDoNotStandardize() {
        return doNotStandardize;
    }

    /** @param value true to leave the inputs unstandardised */
    public void setDoNotStandardize(boolean value) {
        doNotStandardize = value;
    }

    /** @return the dispersion estimate used by intervals and densities */
    @OptionMetadata(displayName = "dispersionEstimate", displayOrder = 10,
            description = "How the dispersion behind predictIntervals and logDensity is estimated from the training data: "
                    + "Pearson (default: chi-square / residual degrees of freedom, consistent for every family), Deviance "
                    + "(deviance / residual degrees of freedom, less sensitive to outliers) or ML (maximum likelihood at "
                    + "the fitted means; for NegativeBinomial it fits alpha instead of using the family's). It sets "
                    + "Gaussian sigma^2, Gamma 1/shape, InverseGaussian 1/lambda, Tweedie phi; Poisson, Binomial and "
                    + "Exponential have none.",
            commandLineParamName = "dispersion", commandLineParamSynopsis = "-dispersion <Pearson|Deviance|ML>")
    public SelectedTag getDispersionEstimate() {
        return new SelectedTag(dispersionEstimate, TAGS_DISPERSION);
    }

    /** @param value one of {@link FittedDispersion#TAGS} */
    public void setDispersionEstimate(SelectedTag value) {
        if (value.getTags() == TAGS_DISPERSION) {
            dispersionEstimate = value.getSelectedTag().getID();
        }
    }

    /**
     * Lists the options (all from {@code @OptionMetadata}), then, for help, those of the current family
     * and optimiser, which go inside the quotes of {@code -family "..."} and {@code -optimizer "..."}.
     *
     * @return the options
     */
    @Override
    public Enumeration<Option> listOptions() {
        final Vector<Option> options = new Vector<>(Collections.list(super.listOptions()));
        for (weka.core.OptionHandler spec : new weka.core.OptionHandler[] {family, optimizer}) {
            final List<Option> nested = Collections.list(spec.listOptions());
            if (!nested.isEmpty()) {
                options.add(new Option("", "", 0, "\nOptions of " + spec.getClass().getName()
                        + " (inside the quotes of -" + (spec == family ? "family" : "optimizer") + "):"));
                options.addAll(nested);
            }
        }
        return options.elements();
    }

    /**
     * @return the hidden layer sizes, empty for a GLM
     * @throws IllegalArgumentException naming the offending entry
     */
    int[] hiddenSizes() {
        if (hidden.equals("none")) {
            return new int[0];
        }
        final String[] parts = hidden.split(",");
        final int[] sizes = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                sizes[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                sizes[i] = -1;
            }
            if (sizes[i] < 1) {
                throw new IllegalArgumentException("Option -hidden: '" + parts[i].trim() + "' in '" + hidden
                        + "' is not a layer size >= 1; give sizes like 30,20, or none for a GLM");
            }
        }
        return sizes;
    }

    // ---------------------------------------------------------------------------------- capabilities

    @Override
    public Capabilities getCapabilities() {
        final Capabilities result = super.getCapabilities();
        result.disableAll();
        result.enable(Capability.NUMERIC_ATTRIBUTES);
        result.enable(Capability.NOMINAL_ATTRIBUTES);
        result.enable(Capability.MISSING_VALUES);
        if (family.handlesNominalClass()) {
            result.enable(Capability.NOMINAL_CLASS);
        }
        if (family.handlesNumericClass()) {
            result.enable(Capability.NUMERIC_CLASS);
        }
        result.enable(Capability.MISSING_CLASS_VALUES);
        return result;
    }

    // -------------------------------------------------------------------------------------- training

    @Override
    public void buildClassifier(Instances data) throws Exception {
        model = null;
        getCapabilities().testWithFail(data);
        final int[] hiddenSizes = hiddenSizes();
        final Instances train = new Instances(data, data.numInstances());
        final List<Integer> original = new ArrayList<>();
        for (int i = 0; i < data.numInstances(); i++) {
            if (!data.instance(i).classIsMissing()) {
                train.add(data.instance(i));
                original.add(i);
            }
        }
        if (train.numInstances() == 0) {
            throw new IllegalArgumentException("No training instances with a known class value for class attribute '"
                    + data.classAttribute().name() + "'");
        }
        final Family fam = family.create(data.classAttribute().isNominal());
        final Targets targets = Targets.of(train, fam, original.stream().mapToInt(Integer::intValue).toArray());
        final InputPipeline pipeline = new InputPipeline();
        final DMatrixRMaj x = pipeline.fit(train, !doNotStandardize, targets.weights());

        final int outputs = fam.outputs(data.classAttribute().isNominal() ? data.numClasses() : 1);
        final String actName = TAGS_ACTIVATION[activation].getReadable();
        final Sequential net = Sequential.mlp(x.numCols, hiddenSizes,
                () -> Activation.byName(actName), outputs, new Random(getSeed()));
        NullStart.apply(net, fam, targets.y(), targets.weights());

        final int n = x.numRows;
        Trainer trainer = new Trainer(epochs).withBatchSize(miniBatchSize >= n ? 0 : miniBatchSize).withSeed(getSeed());
        if (getDebug()) {
            final int every = Math.max(1, epochs / 20);
            trainer = trainer.withProgress(every, (epoch, nll) -> System.err.println(String.format(Locale.ROOT,
                    "NeuralGLM: epoch %d of %d, mean NLL %.8g", epoch + 1, epochs, nll)));
        }
        trainer = trainer.withThreads(numThreads);
        final Optimizer opt = optimizer.create(weightDecay);
        final TrainingResult result;
        try {
            result = trainer.fit(net, fam, opt, x, targets.y(), targets.weights());
        } catch (TrainingInterruptedException e) {
            throw new InterruptedException("NeuralGLM: training was interrupted at epoch " + (e.epoch() + 1)
                    + "; no model was kept");
        }
        // a GLM's dispersion divides by sum w - p; a network's parameter count is not its degrees of freedom
        final DMatrixRMaj fitted = net.predict(x);
        final int p = hiddenSizes.length == 0 ? net.numParameters() : 0;
        final FitStatistics stats = FitStatistics.of(fam, fitted, targets.y(), targets.weights(), p);
        model = new FittedModel(pipeline, net, fam, data.classAttribute(), result, stats,
                architecture(x.numCols, hiddenSizes, actName, outputs),
                opt.toString(), epochs, targets.weights(), !doNotStandardize,
                FittedDispersion.fit(FittedDispersion.Estimate.values()[dispersionEstimate], fam, fitted, targets.y(),
                        targets.weights(), p));
    }

    private static String architecture(int inputs, int[] hiddenSizes, String activationName, int outputs) {
        final StringBuilder sb = new StringBuilder().append(inputs).append(inputs == 1 ? " input" : " inputs");
        for (int h : hiddenSizes) {
            sb.append(" -> ").append(h).append(' ').append(activationName);
        }
        return sb.append(" -> ").append(outputs).append(outputs == 1 ? " output" : " outputs").toString();
    }

    // ------------------------------------------------------------------------------------ prediction

    @Override
    public double[] distributionForInstance(Instance instance) throws Exception {
        if (model == null) {
            throw new IllegalStateException("NeuralGLM: no model built yet; call buildClassifier first");
        }
        return model.distribution(instance);
    }

    /**
     * A central prediction interval [q(a/2), q(1 - a/2)], a = 1 - confidence, of the family's distribution at
     * the predicted mean and the training dispersion ({@link Predictive}); numeric class only.
     *
     * @param instance        the instance (for Binomial its weight is the number of trials)
     * @param confidenceLevel the coverage in (0, 1), e.g. 0.95
     * @return {{lower, upper}}; {{NaN, NaN}} where the model has no predictive distribution (its report says why)
     * @throws Exception for a nominal class, a confidence outside (0, 1), or before a build
     */
    @Override
    public double[][] predictIntervals(Instance instance, double confidenceLevel) throws Exception {
        return Predictive.intervals(builtModel(), instance, confidenceLevel);
    }

    /**
     * The family's exact log density (or log mass) of value at the predicted mean and the training dispersion;
     * for a nominal class the log of the predicted probability of class value index {@code value}.
     *
     * @param instance the instance
     * @param value    a class value
     * @return the natural log of the density; NaN where the model has no predictive distribution
     * @throws Exception before a build, or for a nominal value that is not a class index
     */
    @Override
    public double logDensity(Instance instance, double value) throws Exception {
        return Predictive.logDensity(builtModel(), instance, value);
    }

    private FittedModel builtModel() {
        if (model == null) {
            throw new IllegalStateException("NeuralGLM: no model built yet; call buildClassifier first");
        }
        return model;
    }

    /** @return the trained model, or null before a successful build */
    public FittedModel fittedModel() {
        return model;
    }

    @Override
    public String toString() {
        if (model == null) {
            return "NeuralGLM: no model built yet.";
        }
        return ModelReport.of(model);
    }

    @Override
    public String getRevision() {
        return RevisionUtils.extract("$Revision: 1 $");
    }

    /**
     * Runs the classifier from the command line, e.g.
     * {@code java weka.Run NeuralGLM -t train.arff -family weka.classifiers.functions.neuralglm.Poisson}.
     *
     * @param args the options
     */
    public static void main(String[] args) {
        runClassifier(new NeuralGLM(), args);
    }
}

package weka.classifiers.functions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Vector;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;

import neuralglm.dist.FittedDispersion;
import neuralglm.family.Family;
import neuralglm.linalg.RowSource;
import neuralglm.model.GlmInference;
import neuralglm.model.GlmSummary;
import neuralglm.model.Standardizer;
import neuralglm.nn.Activation;
import neuralglm.nn.Precision;
import neuralglm.nn.Sequential;
import neuralglm.optim.Optimizer;
import neuralglm.optim.SgdOptimizer;
import neuralglm.train.NullStart;
import neuralglm.train.PenaltySelection;
import neuralglm.train.Trainer;
import neuralglm.train.AutoRegularisation;
import neuralglm.train.TrainingDivergedException;
import neuralglm.train.TrainingInterruptedException;
import neuralglm.train.TrainingResult;
import neuralglm.train.TrainingSession;
import neuralglm.train.ValidationSplit;
import org.ejml.data.DMatrixRMaj;
import weka.classifiers.ConditionalDensityEstimator;
import weka.classifiers.IntervalEstimator;
import weka.classifiers.IterativeClassifier;
import weka.classifiers.RandomizableClassifier;
import weka.classifiers.functions.neuralglm.Auto;
import weka.classifiers.functions.neuralglm.BuildLog;
import weka.classifiers.functions.neuralglm.DropTests;
import weka.classifiers.functions.neuralglm.FamilySpec;
import weka.classifiers.functions.neuralglm.FittedModel;
import weka.classifiers.functions.neuralglm.InputChecks;
import weka.classifiers.functions.neuralglm.KernelNote;
import weka.classifiers.functions.neuralglm.InputPipeline;
import weka.classifiers.functions.neuralglm.LBFGS;
import weka.classifiers.functions.neuralglm.ModelAggregation;
import weka.classifiers.functions.neuralglm.ModelReport;
import weka.classifiers.functions.neuralglm.OffsetColumn;
import weka.classifiers.functions.neuralglm.OptimizerSpec;
import weka.classifiers.functions.neuralglm.Predictive;
import weka.classifiers.functions.neuralglm.RunFingerprint;
import weka.classifiers.functions.neuralglm.SequentialTests;
import weka.classifiers.functions.neuralglm.StrictOptions;
import weka.classifiers.functions.neuralglm.Targets;
import weka.classifiers.functions.neuralglm.TrainingRun;
import weka.core.Aggregateable;
import weka.core.Capabilities.Capability;
import weka.core.Capabilities;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.LogHandler;
import weka.core.Option;
import weka.core.OptionMetadata;
import weka.core.RevisionUtils;
import weka.core.SelectedTag;
import weka.core.Tag;
import weka.core.Utils;
import weka.core.WeightedInstancesHandler;
import weka.gui.Logger;
import weka.gui.ProgrammaticProperty;

/**
 * A multilayer perceptron whose output layer is the inverse link of an exponential-family
 * distribution, trained by maximum likelihood; with no hidden layer it is exactly a GLM.
 * <pre>
 *   eta = f(x; theta) (k outputs),   mu = g^-1(eta),   minimise sum_i w_i l(eta_i; y_i) + lambda/2 ||theta||^2
 * </pre>
 * Defaults (from the held-out study, {@code -Pbench heldout}): a network has one hidden layer of 16 units
 * (ReLU for a nominal class, Squareplus under 40 instances of one and for a Gaussian class, Tanh for other numeric
 * families), 20% of the
 * instances held out for early stopping, and lambda chosen on them ({@link PenaltySelection}); a Gaussian
 * network learns the standardised class (mapped back by {@link Standardizer#toOriginalOutputs}) with lambda
 * chosen among fits to convergence and no early stopping, and under 100 instances averaged with a ridge GLM unless the
 * held-out rows reject it ({@link neuralglm.train.LinearTerm}); for the other numeric families the model is the
 * average of {@value AutoRegularisation#ENSEMBLE} such networks, each early-stopped (patience 7) on its own split, the first
 * choosing lambda from 30, 3, 0.3, 0.03 and the others fitted at its choice, the third and fifth one step of that grid
 * below it (at 0.03, the grid's end, at 0.03 too; {@link neuralglm.nn.EtaAverage}), the average's output bias then re-estimated by maximum likelihood ({@link neuralglm.train.OutputLevel}); for a nominal class with 40 to 99 training instances lambda is chosen by 5-fold
 * cross-validation and the model averages the 5 fold networks; under 40 instances of a nominal class nothing is held
 * out, lambda = 1, and the model is the average of eta of the converged network and a ridge GLM at that lambda (a linear
 * skip connection, {@link neuralglm.nn.EtaAverage#withLinear}); without
 * hidden layers, lambda = 0 and nothing held out (the exact GLM). The engine's {@link AutoRegularisation} decides
 * and runs this; the Weka face passes the options through and reports what was done.
 * The Weka face only: options, capabilities, filters ({@link InputPipeline}), targets
 * ({@link Targets}), input checks ({@link InputChecks}), the report; the network, families, optimisers
 * and training loop are the {@code neuralglm} engine's. Options come only from {@code @OptionMetadata}
 * on the getters.
 * <ul>
 * <li>{@link IterativeClassifier}: {@code initializeClassifier} sets up a run, {@code next()} is one
 * epoch, {@code done()} computes the statistics. With {@code -resume}, a rebuild after raising
 * {@code -epochs} continues the run to the new total when the data and the other options are those of
 * the run ({@link RunFingerprint}); otherwise it trains afresh and the report says why. Works with
 * {@code IterativeClassifierOptimizer}.</li>
 * <li>Early stopping: {@code -validation-fraction} holds out (stratified) instances, {@code -patience}
 * epochs without improvement stop the run, the best epoch's weights are kept.</li>
 * <li>{@link LogHandler}: the Explorer's status bar shows the epoch and losses, its Log one line per build
 * ({@link BuildLog}).</li>
 * <li>Learning from a stream is {@link NeuralGLMUpdateable}'s (it declares {@code UpdateableClassifier}:
 * declaring it here would make Weka's command line train every NeuralGLM incrementally); here an empty
 * data set is an error ({@link #startStream}).</li>
 * <li>{@link Aggregateable}: parameter averaging ({@link ModelAggregation}), meaningful for GLMs and for
 * networks from the same initialisation.</li>
 * </ul>
 * The built model ({@link FittedModel}) is immutable: training works on the run's own network, a
 * stream or an aggregation makes a new model. A build is atomic: when it fails or is interrupted, the
 * classifier keeps the reference to the model it had before.
 */
public class NeuralGLM extends RandomizableClassifier implements WeightedInstancesHandler, IterativeClassifier,
        Aggregateable<NeuralGLM>, IntervalEstimator, ConditionalDensityEstimator, LogHandler {
    private static final long serialVersionUID = 5730124417346829135L;

    /** The hidden-layer activations offered, by their command-line names. */
    public static final Tag[] TAGS_ACTIVATION = tags("ReLU", "LeakyReLU", "ELU", "Tanh", "Sigmoid", "Softplus", "Auto",
            "Squareplus");
    /** The id of the automatic activation in {@link #TAGS_ACTIVATION} (activations added later come after it: ids stay). */
    static final int AUTO_ACTIVATION = 6;

    /** The dispersion estimates, by their command-line names (ids are {@link FittedDispersion.Estimate} ordinals). */
    public static final Tag[] TAGS_DISPERSION = tags("Pearson", "Deviance", "ML");

    /** How instance weights are read, by their command-line names (ids are {@link GlmInference.Weights} ordinals). */
    public static final Tag[] TAGS_WEIGHTS = tags("Frequency", "Prior");

    /** The arithmetic of the training passes, by their command-line names (ids are {@link Precision} ordinals). */
    public static final Tag[] TAGS_PRECISION = tags("float64", "float32");

    /** The value of -weight-decay, -validation-fraction and -patience that asks for the automatic choice. */
    static final double AUTO = AutoRegularisation.AUTO;

    private String hidden = "16";
    private int activation = AUTO_ACTIVATION;
    private FamilySpec family = new Auto();
    private OptimizerSpec optimizer = new LBFGS();
    private int epochs = 500;
    private int miniBatchSize = 0;
    private double weightDecay = AUTO;
    private int numThreads = 1;
    private boolean doNotStandardize = false;
    private int dispersionEstimate = FittedDispersion.Estimate.PEARSON.ordinal();
    private double validationFraction = AUTO;
    private int patience = (int) AUTO;
    private boolean resume = false;
    private int weightsKind = GlmInference.Weights.FREQUENCY.ordinal();
    private boolean quasi = false;
    private boolean dropTests = false;
    private boolean anova = false;
    /** The offset attribute (name or 1-based index); empty for none. */
    private String offset = "";
    private int precision = Precision.FLOAT64.ordinal();
    private boolean readInstances = false;

    /**
     * The model; null until a build succeeds. Immutable and replaced whole (between initializeClassifier
     * and done: the run's live model, whose network trains).
     */
    private FittedModel model;
    /** The run between initializeClassifier and done (and after done, with resume); never serialised. */
    private transient TrainingRun run;
    /** True inside buildClassifier: the run keeps its worker threads between epochs. */
    private transient boolean building;
    /** Aggregation: the running sum in original units (with how many models and their absent classes). */
    private transient ModelAggregation.Sum aggregateSum;
    /** The Explorer's logger (LogHandler): status bar while training, one Log line per build; null elsewhere. */
    private transient Logger log;
    /** Progress of the build under way; null without a logger. */
    private transient BuildLog buildLog;
    /** The automatic weight decay's path in the build under way (for its report); null otherwise. */
    private transient PenaltySelection penaltyPath;

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
                + "numeric, date (as numbers) and nominal attributes (one-hot), missing values (replaced by the training mean or mode) and "
                + "instance weights (for Binomial: the number of trials). A class value without training instances is "
                + "predicted with the add-half probability 1/2 / (sum of weights + number of classes / 2). Reports deviance, "
                + "null deviance and dispersion. An offset attribute (-offset, on the eta scale: log(exposure) for "
                + "counts or costs over an exposure under a log link) enters the linear predictor as a known term, as "
                + "R's offset(). "
                + "For a numeric class it gives prediction intervals and exact log densities from the family's "
                + "distribution at the predicted mean, with the dispersion estimated on the training data.";
    }

    /**
     * Weka's {@code LogHandler}: the Explorer hands its logger over before a build. While training runs, the
     * status bar shows the epoch and the training (and validation) loss, a few times a second; at the end the
     * Log gets one line with how the build ended. {@code -output-debug-info} still prints to stderr.
     *
     * @param value the logger, or null for none
     */
    @Override
    @ProgrammaticProperty
    public void setLog(Logger value) {
        log = value;
    }

    /** @return the logger set by {@link #setLog}, or null */
    @Override
    @ProgrammaticProperty
    public Logger getLog() {
        return log;
    }

    // ------------------------------------------------------------------------------------- options

    /** @return hidden layer sizes, comma separated; "none" for a GLM */
    @OptionMetadata(displayName = "hidden", displayOrder = 1,
            description = "Hidden layer sizes, comma separated, e.g. '30,20'; every size must be >= 1. Default 16: one layer "
                    + "of 16 units, which in the held-out study (-Pbench heldout, with the automatic weight decay and early "
                    + "stopping) predicted held-out data as well as 30,20 or 32 units at a third of the cost. 'none' (or "
                    + "empty) means no hidden layer: an exact GLM with a coefficient table.",
            commandLineParamName = "hidden", commandLineParamSynopsis = "-hidden <sizes|none>")
    public String getHidden() {
        return hidden;
    }

    /** @param value hidden layer sizes, comma separated; "none" or "" for a GLM (checked at build time) */
    public void setHidden(String value) {
        final String v = value == null ? "" : value.trim();
        hidden = v.isEmpty() || v.equalsIgnoreCase("none") ? "none" : v;
        prepareKernels();
    }

    /**
     * Starts the Vector API kernels' warm-up when these options will train on them (a 64-unit layer in float64, a layer
     * of 49 to 128 units in float32: {@link neuralglm.linalg.Kernels#prepareFloatKernels}), loading
     * the module at run time in a JVM started without it ({@link neuralglm.linalg.VectorModule}): set in the Explorer's
     * editor or by setOptions, before the data are loaded, so that a JVM's first build finds them compiled sooner, and
     * again as a build starts ({@link neuralglm.linalg.Kernels#prepareRowKernels}).
     */
    private void prepareKernels() {
        if (READING_OPTIONS.get()) {
            return;
        }
        try {
            final Precision p = Precision.values()[precision];
            if (Sequential.mayTrainFasterWithVectorApi(hiddenSizes(), p)) {
                if (p == Precision.FLOAT32) {
                    neuralglm.linalg.Kernels.prepareFloatKernels();
                } else {
                    neuralglm.linalg.Kernels.prepareRowKernels();
                }
            }
        } catch (IllegalArgumentException e) {
            // a hidden-layer text the build will refuse by name: nothing to prepare
        }
    }

    /** @return the hidden-layer activation */
    @OptionMetadata(displayName = "activation", displayOrder = 2,
            description = "The activation of the hidden units: ReLU, LeakyReLU, ELU, Tanh, Sigmoid, Softplus, Squareplus "
                    + "((x + sqrt(x^2 + 4)) / 2, a smooth rectifier like Softplus without exp or log), or Auto "
                    + "(default), chosen by the held-out study (-Pbench heldout) from the class and family: ReLU for a "
                    + "nominal class (fast, and as good as the others there), Squareplus under 40 instances, where nothing "
                    + "is held out and the network is fitted to convergence (and averaged with a ridge GLM, whose linear "
                    + "term its ReLU, Squareplus or Softplus units carry in pairs; with other units the network alone); "
                    + "Squareplus for a Gaussian class, whose network "
                    + "is fitted to convergence (smooth units interpolated better: cpu.with.vendor RMSE 15.9 against 22 "
                    + "with ReLU; Softplus predicted as well, cpu 44.7 against 44.4, in over twice the time); Tanh for the "
                    + "other numeric families (Poisson, Gamma, ...), whose log or inverse link "
                    + "turns an unbounded output into an exploding mean beyond the training range (engel RMSE 125 against "
                    + "146 with ReLU). Ignored without hidden layers.",
            commandLineParamName = "activation",
            commandLineParamSynopsis = "-activation <ReLU|LeakyReLU|ELU|Tanh|Sigmoid|Softplus|Squareplus|Auto>")
    public SelectedTag getActivation() {
        return new SelectedTag(activation, TAGS_ACTIVATION);
    }

    /**
     * The automatic activation (-activation Auto), from the held-out study: ReLU for a nominal class, Squareplus
     * when its network holds nothing out and is fitted to convergence (under 40 instances: on ReLU's kinks L-BFGS
     * crept on for all 500 epochs, 2-3 times MultilayerPerceptron's CPU time, on Squareplus it converged in 40-65 and
     * predicted as well); Squareplus
     * for a Gaussian class (smooth units for a network fitted to convergence; Softplus predicted as well in over
     * twice the time); Tanh for the other numeric
     * families, whose links (log, inverse) turn an unbounded eta into an exploding mean: bounded hidden units
     * keep eta within the output layer's reach where an input lies beyond the training range.
     *
     * @param fam  the output family
     * @param plan what the automatic options hold out and fit
     * @return the activation's name
     */
    static String automaticActivation(Family fam, AutoRegularisation.Plan plan) {
        if (fam.labelCoding() != Family.LabelCoding.NUMERIC) {
            return plan.toTolerance() ? "Squareplus" : "ReLU";
        }
        return fam.locationScale() ? "Squareplus" : "Tanh";
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
            description = "The maximum number of passes over the training data (default 500: a limit rarely reached, since "
                    + "early stopping or L-BFGS's convergence ends training first; one L-BFGS epoch is one quasi-Newton "
                    + "iteration; a Gaussian network under the automatic weight decay stops at 150 if this is larger, see "
                    + "weightDecay). One epoch is one iteration for IterativeClassifierOptimizer; with resume, the total to "
                    + "continue to.",
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
                    + "A size at least the number of training rows means the full batch, and the model's report says so "
                    + "(not an error: cross-validation folds are smaller than the data the size was chosen for). "
                    + "Also the batch size of updateClassifier (learning from a stream), which needs a size >= 1.",
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
            description = "The L2 penalty lambda (weight decay) on all weights and biases: lambda/2 * (sum of squares) is "
                    + "added to the summed negative log-likelihood, i.e. a Gaussian prior of precision lambda, so its pull "
                    + "weakens as the data grow (as Logistic's ridge). -1 (default) chooses it: for a network with hidden "
                    + "layers, the one of 30, 10, 3, 1, 0.3 with the lowest loss on the held-out instances of early "
                    + "stopping (tried from 30 down until that loss rises; 1 when nothing is held out, and under 40 instances of a "
                    + "nominal class the model is then the average (of eta) of that network and a ridge GLM fitted with the "
                    + "same weight decay 1, a network with a linear skip connection: the linear term carries what 14-39 "
                    + "instances support, the network adds the curvature (over 5 partitions weather.nominal accuracy 0.714 "
                    + "against 0.657 with the network alone, Logistic 0.614); for the default average "
                    + "of a numeric class other than Gaussian, the one of 30, 3, 0.3, 0.03 by the first network's held-out "
                    + "loss (0.03 since the study's tenth round: with 30, 3, 0.3 engel chose 0.3, the grid's edge, on 82 "
                    + "of 100 fits; over 10 partitions engel's RMSE 111.7 to 110.5, strikes' 43.84 to 43.73), "
                    + "at which the other networks are fitted, the third and fifth one step of that grid weaker (at 0.03, "
                    + "the grid's end, at 0.03 too; the members "
                    + "of an average are best less penalised than a lone network, the average removing part of their "
                    + "variance: over 10 partitions engel's RMSE 110.5 to 108.6, strikes' 43.73 to 43.63), "
                    + "and the average's output bias is then re-estimated by maximum "
                    + "likelihood without the penalty, which pulls it towards 0 on the link scale (for a log link a mean of "
                    + "1 in the class's units): strikes' RMSE "
                    + "over 10 partitions 44.06 to 43.84); with 40 to 99 "
                    + "training instances of a nominal class, the one of 30, 3, 0.3 with the lowest loss of a 5-fold cross-validation "
                    + "(each instance scored by the network that did not train on it), and the model is the average of the "
                    + "5 fold networks (the study: 20% of labor's 57 instances, 11, chose too noisily; accuracy over 5 "
                    + "partitions 0.902 with one split, 0.926 with the folds, Logistic 0.933; log loss 0.255, 0.191); without hidden "
                    + "layers 0, the exact maximum-likelihood GLM. A held-out study on Weka's example data sets "
                    + "(-Pbench heldout) found that unpenalised networks overfit badly and that no single lambda suits "
                    + "every data set. A Gaussian (numeric) class is learnt standardised, (y - mean) / sd, and mapped back "
                    + "exactly, so lambda is free of its units; there -1 fits 3, 1, 0.3, 0.1, 0.03 in turn to "
                    + "convergence (L-BFGS tolerance at least 1e-4, at most 150 epochs) on 80% of the instances, each from "
                    + "the previous fit, until the loss on the other 20% has risen twice in a row, and refits the one with "
                    + "the lowest loss on all of them, without early stopping (at most 150 epochs: over 10 partitions cpu "
                    + "RMSE 57.7 against 58.8 with 500, cpu.with.vendor 17.3 against 17.7, in half the time; the study: "
                    + "early stopping on small numeric sets with "
                    + "heavy-tailed classes stopped far too early; cpu RMSE 44.7 against 69.7, cpu.with.vendor 15.9 against "
                    + "50.0; warm starts made the loss along the path smooth and the build 2-3 times faster). Where -1 "
                    + "fits the network to convergence (a Gaussian class, a nominal class under 40 instances), the 0/1 input "
                    + "columns (one-hot columns of nominal attributes) are centred and divided by 1/2, not by their standard "
                    + "deviation, which would blow a rare value's column up and let it fit its few instances nearly "
                    + "unpenalised (cpu.with.vendor RMSE over 10 partitions 13.4 against 17.3). Under "
                    + AutoRegularisation.MAX_ROWS_LINEAR_TERM + " instances of a Gaussian class the same 20% also decide "
                    + "whether the model gets a linear term: a ridge GLM at the chosen lambda is fitted on the 80%, and "
                    + "the model is the average (of eta) of the network and that GLM, fitted on all instances, unless the "
                    + "network alone has the lower loss on the 20% by more than one standard error of the difference "
                    + "(on small sets the study had not seen, over 5 partitions: statecrime RMSE 132.5 to 115.2, "
                    + "LinearRegression 114.3; longley 615 to 557, scotland 4.62 to 4.31; cpu.with.vendor's 50- and 80-row "
                    + "subsamples, where the network is far ahead of any linear model, unchanged; copper 281 to 296). "
                    + ">= 0 applies that lambda as given. For streams (updateClassifier) -1 means 0.",
            commandLineParamName = "weight-decay", commandLineParamSynopsis = "-weight-decay <double|-1>")
    public double getWeightDecay() {
        return weightDecay;
    }

    /** @param value the L2 penalty coefficient &gt;= 0 */
    public void setWeightDecay(double value) {
        weightDecay = value;
    }

    /**
     * A likely cause of a divergence that the engine cannot see, for its message, found in the training data only when
     * training diverged: Frequency weights of a small total under a weight decay ({@link #lightWeights}), else with
     * -no-standardize the largest input when it reaches {@link #LARGE_INPUT} (dates, in milliseconds, reach 1e12: the
     * optimiser's steps scale with such values).
     *
     * @return the cause and what to change, or null
     */
    private String divergenceHint(Instances data) {
        int rows = 0;
        double total = 0;
        for (Instance inst : data) {
            if (!inst.classIsMissing()) {
                rows++;
                total += inst.weight();
            }
        }
        final boolean penalised = weightDecay > 0 || weightDecay == AUTO && hiddenSizes().length > 0;
        final String light = penalised && weightsKind != GlmInference.Weights.PRIOR.ordinal() ? lightWeights(rows, total)
                : null;
        if (light != null) {
            return "T" + light.substring(1) + ". The penalty's own steps can then overshoot: use -weights Prior, "
                    + "rescale the weights, or set -weight-decay 0";
        }
        if (!doNotStandardize) {
            return null;
        }
        int widest = -1;
        double largest = 0;
        for (int a = 0; a < data.numAttributes(); a++) {
            if (a == data.classIndex() || !data.attribute(a).isNumeric()) {
                continue;
            }
            for (Instance inst : data) {
                final double v = Math.abs(inst.value(a));
                if (v > largest) {   // NaN (missing) is never larger
                    largest = v;
                    widest = a;
                }
            }
        }
        return largest < LARGE_INPUT ? null : String.format(Locale.ROOT, "The inputs are not standardised "
                + "(-no-standardize) and attribute '%s' reaches %s: the optimiser's steps scale with such values. Leave "
                + "the standardisation on, or rescale the attribute", data.attribute(widest).name(), num(largest));
    }

    /** An unstandardised input this large is named when training diverges (see {@link #divergenceHint}). */
    private static final double LARGE_INPUT = 1e3;

    /**
     * What Frequency weights of a small total do to a weight decay, for the report and a divergence's message: weights
     * whose mean is at most {@value #LIGHT_WEIGHTS} look normalised (e.g. to add up to 1) rather than counted.
     *
     * @param rows   the instances
     * @param weight their total weight
     * @return "the n instances' weights add up to W: ... -weights Prior weighs it against the instances", or null when
     *         the weights' mean is above {@value #LIGHT_WEIGHTS}
     */
    private static String lightWeights(int rows, double weight) {
        return weight > LIGHT_WEIGHTS * rows ? null : String.format(Locale.ROOT, "the %d instances' weights add up to %s: "
                + "-weights Frequency counts them as that many observations, so the penalty weighs %s times as much as it "
                + "would on %1$d instances of weight 1; -weights Prior weighs it against the instances", rows, num(weight),
                num(rows / weight));
    }

    private static final double LIGHT_WEIGHTS = 0.1;

    /**
     * The penalty of a stream's steps on the mean NLL of a mini-batch: {@code lambda / W}, W the weight of the
     * data the model was built on (or of the stream's first mini-batch), or under -weights Prior the number of its
     * instances (as a batch fit weighs the penalty: {@link Targets#withMeanOneWeights}); none under the automatic
     * choice (-1), since a stream has no held-out instances to choose it by and its total weight is unknown.
     *
     * @param model the model the stream continues (&gt; 0 weight)
     * @return the coefficient on the mean
     */
    protected final double penaltyOnMean(FittedModel model) {
        return weightDecay == AUTO ? 0 : weightDecay / penaltyTotal(model);
    }

    /**
     * @param model the model a stream continues
     * @return W of {@link #penaltyOnMean}: its instances' total weight, or their number under -weights Prior
     */
    protected final double penaltyTotal(FittedModel model) {
        return weightsKind == GlmInference.Weights.PRIOR.ordinal() ? model.numInstances() : model.sumOfWeights();
    }

    /**
     * Refuses SGD settings under which the penalty alone diverges, before any step: the weight decay lambda on the
     * sum of the losses is {@code lambda / W} on the mean a step descends, and SGD multiplies every weight's distance
     * from 0 by more than 1 at each step, whatever the data, once that exceeds
     * {@link SgdOptimizer#stableWeightDecayLimit} (2 / lr without momentum). Frequency weights of a tiny total reach
     * it at any learning rate: a stream step once left weights near 1e200, finite, and NaN predictions.
     *
     * @param opt   the optimiser, created with the penalty on the mean
     * @param total W: the training instances' total weight, or their number under -weights Prior
     * @throws IllegalArgumentException naming the options and the limit, if the penalty exceeds it
     */
    protected final void refuseUnstablePenalty(Optimizer opt, double total) {
        if (!(opt instanceof SgdOptimizer sgd) || !(sgd.weightDecay() > sgd.stableWeightDecayLimit())) {
            return;
        }
        final boolean prior = weightsKind == GlmInference.Weights.PRIOR.ordinal();
        throw new IllegalArgumentException(String.format(Locale.ROOT, "NeuralGLM: SGD cannot train under this weight "
                + "decay: -weight-decay %s over %s puts a penalty of %s on the mean loss each step descends, and SGD "
                + "(-optimizer \"SGD -lr %s -momentum %s%s\") diverges whatever the data once the penalty exceeds %s "
                + "(2 (1 + momentum) / lr; with Nesterov momentum divided by 1 + 2 momentum). Lower -lr or -weight-decay%s",
                num(weightDecay), prior ? "the " + num(total) + " training instances (-weights Prior)"
                        : "the training instances' total weight " + num(total),
                num(sgd.weightDecay()), num(sgd.lr()), num(sgd.momentum()), sgd.nesterov() ? " -nesterov" : "",
                num(sgd.stableWeightDecayLimit()), prior ? "" : ", rescale the instance weights, or use -weights Prior "
                        + "(which weighs the penalty against the number of instances)"));
    }

    /**
     * @param glm         whether the network has no hidden layer
     * @param trainWeight the total weight of the rows trained on
     * @param trainRows   the number of rows trained on
     * @param meanOne     whether the fit's weights are the prior weights scaled to mean 1 ({@link Targets#withMeanOneWeights})
     * @return the penalty and early stopping of a build, in words (the report's Regularisation line)
     */
    private String describeRegularization(boolean glm, double lambda, double trainWeight, int trainRows, boolean meanOne,
                                          double fraction, int patienceUsed,
                                          Standardizer targetScale, boolean converged, int folds, int minRowsToHoldOut) {
        final StringBuilder sb = new StringBuilder();
        if (targetScale != null) {
            sb.append(String.format(Locale.ROOT, "trained on the standardised class (y - %s) / %s, mapped back exactly "
                    + "by the output layer; ", num(targetScale.mean()[0]), num(targetScale.scale()[0])));
        }
        if (lambda == 0) {
            sb.append(glm ? "none: the unpenalised maximum-likelihood GLM" : "no weight decay");
            if (weightDecay == AUTO && glm) {
                sb.append(" (the default weight decay -1 applies no penalty without hidden layers)");
            }
        } else {
            sb.append(String.format(Locale.ROOT, "weight decay %s: lambda/2 * (sum of squared weights and biases) is "
                    + "added to the summed negative log-likelihood (%.4g on the mean over %s of weight)",
                    num(lambda), lambda / trainWeight, num(trainWeight)));
            if (meanOne) {
                sb.append(" (-weights Prior: the penalised fit takes the instance weights scaled to mean 1, so the "
                        + "penalty is weighed against the instances and the weights' scale does not matter)");
            } else {
                final String light = lightWeights(trainRows, trainWeight);
                sb.append(light == null ? "" : " (" + light + ")");
            }
            if (penaltyPath != null) {
                sb.append(converged ? ", chosen automatically (weight decay -1): each of"
                        : folds > 0 ? String.format(Locale.ROOT, ", chosen automatically (weight decay -1) by the loss "
                        + "of a %d-fold cross-validation (each instance scored by the network that did not train on it): "
                        + "tried", folds)
                        : ", chosen automatically (weight decay -1) by the loss on the held-out instances: tried");
                final double[] l = penaltyPath.lambdas(), v = penaltyPath.validationLosses();
                for (int i = 0; i < l.length; i++) {
                    sb.append(i == 0 ? " " : ", ").append(num(l[i])).append(String.format(Locale.ROOT, " (%.4g)", v[i]));
                }
                sb.append(converged ? String.format(Locale.ROOT, " was fitted to convergence on %s%% of the instances "
                        + "(for at most %d epochs), from the strongest down, each starting from the previous fit, until the "
                        + "loss on the other %s%% had risen twice in a row; the one with the lowest (standard error %.2g) was "
                        + "fitted again on all instances (for at most %2$d epochs)",
                        num(100 - 100 * AutoRegularisation.VALIDATION_FRACTION), Math.min(epochs, AutoRegularisation.CONVERGED_EPOCHS),
                        num(100 * AutoRegularisation.VALIDATION_FRACTION), penaltyPath.standardError())
                        : String.format(Locale.ROOT, " from the strongest down until the loss rose, and kept the lowest "
                        + "(standard error %.2g)", penaltyPath.standardError()));
            } else if (weightDecay == AUTO) {
                sb.append(" (the automatic weight decay, option -1: with no instances held out to choose one, a network gets this fixed value)");
            }
        }
        if (folds > 0) {
            sb.append(String.format(Locale.ROOT, "; each network early-stopped on its fold (%s%% of the instances), "
                    + "patience %d epochs (the default validation fraction -1 of a network)", num(100.0 / folds), patienceUsed));
        } else if (fraction > 0) {
            sb.append(String.format(Locale.ROOT, "; early stopping on %s%% of the instances held out, patience %d epochs%s",
                    num(100 * fraction), patienceUsed, validationFraction == AUTO ? " (the default validation fraction -1 "
                            + "of a network)" : ""));
        } else if (converged) {
            sb.append("; no early stopping: a Gaussian network is fitted to convergence (the default validation fraction -1)");
        } else if (validationFraction == AUTO && !glm) {
            sb.append(String.format(Locale.ROOT, "; no early stopping: with fewer than %d instances none are held out",
                    minRowsToHoldOut));
        }
        return sb.toString();
    }

    /**
     * @param seed    the build's seed (entry k of lambdas, the report's network k + 1, has the seed {@code seed + k})
     * @param count   how many networks the model averages
     * @param lambdas each planned network's weight decay, the first network's first
     *                ({@link AutoRegularisation.Choice#memberLambdas}: NaN for a network left out because its fit diverged)
     * @param folds   the folds of a cross-validated average, 0 for the numeric average
     * @return the Regularization line's words for an average of networks; empty for one network
     */
    static String describeAverage(int seed, int count, double[] lambdas, int folds) {
        if (count < 2) {
            return "";
        }
        if (folds > 0) {
            return String.format(Locale.ROOT, "; the model is the average (of eta) of the %d networks of that "
                    + "cross-validation at the chosen weight decay, each trained on the other folds (the default for %d to %d "
                    + "instances of a nominal class: one %s%% split held out too few to choose the weight decay by; the "
                    + "Epochs run and Stopped lines below are the first fold's)", count, AutoRegularisation.MIN_ROWS_FOLDS,
                    AutoRegularisation.MAX_ROWS_FOLDS - 1, num(100 * AutoRegularisation.VALIDATION_FRACTION));
        }
        // the networks at the grid's next weaker penalty (AutoRegularisation.WEAKER_EVERY), e.g. "networks 3 and 5 at
        // 0.3", and those left out because their fits diverged, numbered as planned (network k has the seed seed + k - 1)
        final List<String> weaker = new ArrayList<>(), dropped = new ArrayList<>(), seeds = new ArrayList<>();
        double weakerLambda = lambdas[0];
        seeds.add(String.valueOf(seed));
        for (int k = 1; k < lambdas.length; k++) {
            if (Double.isNaN(lambdas[k])) {
                dropped.add(String.valueOf(k + 1));
                continue;
            }
            seeds.add(String.valueOf(seed + k));
            if (lambdas[k] != lambdas[0]) {
                weaker.add(String.valueOf(k + 1));
                weakerLambda = lambdas[k];
            }
        }
        final StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "; the model is the average (of eta) of %d "
                + "networks, each with %s%% of its own held out for early stopping (random seeds %s), at the weight "
                + "decay %s", count, num(100 * AutoRegularisation.VALIDATION_FRACTION), dropped.isEmpty()
                        ? seed + " to " + (seed + count - 1) : inWords(seeds), num(lambdas[0])));
        sb.append(" the first network chose (the path above, and the Epochs run and Stopped lines below, are the "
                + "first network's)");
        if (!weaker.isEmpty()) {
            sb.append(weaker.size() == 1 ? ", network " : ", networks ").append(inWords(weaker));
            sb.append(" at ").append(num(weakerLambda)).append(", one step of the grid below it (the members of an average "
                    + "are best less penalised than a lone network: their average removes part of their variance)");
        }
        if (!dropped.isEmpty()) {
            sb.append(dropped.size() == 1 ? "; network " : "; networks ").append(inWords(dropped))
                    .append(" left out: ").append(dropped.size() == 1 ? "its fit" : "their fits").append(" diverged");
        }
        return sb.append("; then the average's output bias (its level) re-estimated by maximum likelihood on all "
                + "instances, the other weights fixed, without the weight decay, which pulls it towards 0 on the link "
                + "scale (for a log link a mean of 1 in the class's units)").toString();
    }

    /** @return "a", "a and b", "a, b and c" */
    private static String inWords(List<String> items) {
        final int last = items.size() - 1;
        return last == 0 ? items.get(0) : String.join(", ", items.subList(0, last)) + " and " + items.get(last);
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.6g", v).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
    }

    /** @return the number of training threads */
    @OptionMetadata(displayName = "numThreads", displayOrder = 8,
            description = "Threads for computing gradients over the rows of a batch (default 1; at most 256, and more "
                    + "than the machine's cores only slow training down). Results do not depend on it beyond rounding.",
            commandLineParamName = "num-threads", commandLineParamSynopsis = "-num-threads <int>")
    public int getNumThreads() {
        return numThreads;
    }

    /** @param value the number of training threads (&gt;= 1) */
    public void setNumThreads(int value) {
        numThreads = value;
    }

    /** @return the arithmetic of the training passes */
    @OptionMetadata(displayName = "precision", displayOrder = 16,
            description = "The arithmetic of the training passes: float64 (default, double precision throughout) or float32 "
                    + "(single precision, as PyTorch's default): the forward and backward passes of each batch of 16 to "
                    + "65,536 instances run in float, through networks of hidden layers up to 128 units wide; the weights, "
                    + "their gradients and the optimiser stay double. The model then predicts in float too, as PyTorch's "
                    + "float32 model does (its fit statistics are those of its own predictions, summed in double). Faster than float64 "
                    + "(measured about 1.1x on the notebook's small networks; with a layer of 49 to 128 units, whose products then "
                    + "run on the Vector API's float kernels, loaded at run time as for float64, about 1.2x on 64-unit layers); "
                    + "the fit then differs from float64's "
                    + "by float rounding (about 1e-7 relative per operation, amplified by the training's own sensitivity). "
                    + "A GLM (-hidden none) and streams (NeuralGLMUpdateable's updateClassifier) train in float64.",
            commandLineParamName = "precision", commandLineParamSynopsis = "-precision <float64|float32>")
    public SelectedTag getPrecision() {
        return new SelectedTag(precision, TAGS_PRECISION);
    }

    /** @param value one of {@link #TAGS_PRECISION} */
    public void setPrecision(SelectedTag value) {
        if (value.getTags() == TAGS_PRECISION) {
            precision = value.getSelectedTag().getID();
            prepareKernels();
        }
    }

    /** @return whether a build may read its inputs from the instances instead of copying them */
    @OptionMetadata(displayName = "readInstances", displayOrder = 17,
            description = "Read each mini-batch's inputs from the instances (missing values imputed and the inputs "
                    + "standardised as they are read) even where a row must be read value by value, instead of keeping a "
                    + "standardised copy of them all (n x d doubles, about as much memory as the instances' values). A "
                    + "build reads the instances anyway where every row is one copy of a DenseInstance's values (numeric "
                    + "inputs side by side, none missing): as fast as the copy. Value by value the epochs are about 10% "
                    + "slower. The same model to the bit. Applies to builds with numeric inputs, hidden layers, "
                    + "mini-batches smaller than the data, a fixed -weight-decay and -validation-fraction 0; "
                    + "other builds copy. The instances must not change during the build. With a heap cap (-Xmx, or "
                    + "maxheap in RunWeka.ini) of about 1.8 times the data's size, a 1M x 20 build reading the instances "
                    + "stays under twice the data's size in memory.",
            commandLineParamName = "read-instances", commandLineParamSynopsis = "-read-instances",
            commandLineParamIsFlag = true)
    public boolean getReadInstances() {
        return readInstances;
    }

    /** @param value true to read the inputs from the instances where the build allows it */
    public void setReadInstances(boolean value) {
        readInstances = value;
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

    /** @return the share of training instances held out for early stopping, 0 for none */
    @OptionMetadata(displayName = "validationFraction", displayOrder = 10,
            description = "Early stopping: the share of the training instances held out (stratified by class for a nominal "
                    + "class) to measure the validation loss after every epoch; training stops when it has not improved "
                    + "for 'patience' epochs and keeps the weights of the best epoch. The same instances choose the "
                    + "automatic weight decay. -1 (default) means 0.2 for a network with hidden layers (0 below 40 "
                    + "instances of a nominal class, 10 of a numeric one: with nothing held out the automatic weight decay "
                    + "is 1 and the network is fitted to convergence, for a nominal class averaged with a ridge GLM, see "
                    + "weightDecay; on 81 subsamples of 16-32 rows that predicted better "
                    + "than holding out 20% (accuracy 0.629, log loss 23.7): the network alone, a class missing from the "
                    + "training instances at its floor, accuracy 0.684, log loss 1.036 (0.683 and 1.039 with 0/1 columns "
                    + "at the scale 1/2, the default before the ridge GLM); its average with the ridge GLM, the default, "
                    + "0.678 and 1.035) and 0 for a "
                    + "Gaussian class (fitted to convergence with the weight decay chosen on 20% "
                    + "held out, see weightDecay) and without hidden layers, so that the GLM is fitted on all instances. For "
                    + "the other numeric families (Poisson, Gamma, ...) the model is then the average (of eta) of "
                    + AutoRegularisation.ENSEMBLE + " networks, each with its own 20% held out (seeds S to S+"
                    + (AutoRegularisation.ENSEMBLE - 1) + "), at the weight decay the first one chose (the third and fifth one step of its "
                    + "grid weaker unless it chose the grid's end, see weightDecay; a network whose fit diverges is left "
                    + "out and the report says which): one split of a small data "
                    + "set decided too much (held-out RMSE engel 124.8 and docvisits 4.181 with one network, 122.7 and 4.161 "
                    + "with the average of 5), its level (output bias) re-estimated by maximum likelihood afterwards. For a "
                    + "nominal class with 40 to 99 training instances, lambda is chosen by 5-fold "
                    + "cross-validation whose first fold is the 20% split, and the model averages the 5 fold networks, "
                    + "each early-stopped on its fold (see weightDecay). In the held-out "
                    + "study, networks trained to convergence without it predicted held-out instances with near-zero "
                    + "probability for the true class (log loss 7-45 nats). 0 trains on all instances for the full number "
                    + "of epochs. Must be -1, or >= 0 and < 1.",
            commandLineParamName = "validation-fraction", commandLineParamSynopsis = "-validation-fraction <double|-1>")
    public double getValidationFraction() {
        return validationFraction;
    }

    /** @param value the share held out for early stopping, in [0, 1) */
    public void setValidationFraction(double value) {
        validationFraction = value;
    }

    /** @return epochs without validation improvement before early stopping */
    @OptionMetadata(displayName = "patience", displayOrder = 11,
            description = "Early stopping: the number of epochs without a lower validation loss after which training stops "
                    + "(default -1: 20 for one network, as L-BFGS's loss can stall for several iterations before falling "
                    + "again; 7 for each network of the default average of a numeric class other than Gaussian, which "
                    + "in the held-out study, with weight decays 30, 3, 0.3 to choose from, took 0.6 of the time of 10 "
                    + "(10 had halved the time of 20) and predicted as well). Used only with early stopping. "
                    + "Must be >= 1, or -1.",
            commandLineParamName = "patience", commandLineParamSynopsis = "-patience <int>")
    public int getPatience() {
        return patience;
    }

    /** @param value epochs without improvement before stopping (&gt;= 1) */
    public void setPatience(int value) {
        patience = value;
    }

    /** @return whether a rebuild continues the previous run */
    @Override
    @OptionMetadata(displayName = "resume", displayOrder = 12,
            description = "Keep the training run after a build, so that a rebuild with more epochs (or the Explorer's "
                    + "'Continue iterating') continues it from where it stopped, to the new epoch total, instead of starting "
                    + "afresh. It continues only on the same training data (every value, weight and instance order) with "
                    + "the same options apart from the epochs; otherwise it trains afresh and the report's Resume line says "
                    + "why. A run with early stopping (validation fraction > 0), or one that converged, is trained afresh. "
                    + "Off by default.",
            commandLineParamName = "resume", commandLineParamSynopsis = "-resume", commandLineParamIsFlag = true)
    public boolean getResume() {
        return resume;
    }

    /** @param value true to keep the run for continuing */
    @Override
    public void setResume(boolean value) {
        resume = value;
    }

    /** @return the dispersion estimate used by intervals and densities */
    @OptionMetadata(displayName = "dispersionEstimate", displayOrder = 13,
            description = "How the dispersion behind predictIntervals and logDensity is estimated from the training data: "
                    + "Pearson (default: chi-square / residual degrees of freedom, consistent for every family), Deviance "
                    + "(deviance / residual degrees of freedom, less sensitive to outliers) or ML (maximum likelihood at "
                    + "the fitted means; for NegativeBinomial it fits alpha instead of using the family's: in GLM mode "
                    + "jointly with the coefficients, as MASS's glm.nb, with alpha's standard error). It sets "
                    + "Gaussian sigma^2, Gamma 1/shape, InverseGaussian 1/lambda, Tweedie phi; Poisson, Binomial and "
                    + "Exponential have none.",
            commandLineParamName = "dispersion", commandLineParamSynopsis = "-dispersion <Pearson|Deviance|ML>")
    public SelectedTag getDispersionEstimate() {
        return new SelectedTag(dispersionEstimate, TAGS_DISPERSION);
    }

    /** @param value one of {@link #TAGS_DISPERSION} */
    public void setDispersionEstimate(SelectedTag value) {
        if (value.getTags() == TAGS_DISPERSION) {
            dispersionEstimate = value.getSelectedTag().getID();
        }
    }

    /** @return how instance weights are read */
    @OptionMetadata(displayName = "weights", displayOrder = 14,
            description = "How instance weights are read. Frequency (default, Weka's convention): an instance of weight w "
                    + "stands for w identical observations, so the residual degrees of freedom are sum of weights - rank. "
                    + "Prior (R's glm(weights=), statsmodels' var_weights): instance i has variance phi V(mu)/w_i and the "
                    + "degrees of freedom count instances, n - rank. An unpenalised fit (a GLM) is the same under both; they "
                    + "differ in the residual degrees of freedom, hence the dispersion, standard errors, t tests, "
                    + "log-likelihood, AIC and BIC. A weight decay (every network's, by default) is weighed against the "
                    + "observations: under Frequency against the weights' total (weights adding up to 1 are one observation, "
                    + "which the penalty outweighs: the model stays near the null model), under Prior against the instances, "
                    + "the weights scaled to mean 1 for the fit, so that their scale does not matter (the statistics keep "
                    + "them as given). "
                    + "For the Binomial family the weight is the number of trials and degrees of freedom count instances, "
                    + "whatever this option says.",
            commandLineParamName = "weights", commandLineParamSynopsis = "-weights <Frequency|Prior>")
    public SelectedTag getWeights() {
        return new SelectedTag(weightsKind, TAGS_WEIGHTS);
    }

    /** @param value one of {@link #TAGS_WEIGHTS} */
    public void setWeights(SelectedTag value) {
        if (value.getTags() == TAGS_WEIGHTS) {
            weightsKind = value.getSelectedTag().getID();
        }
    }

    /** @return whether a fixed-dispersion family's standard errors use the quasi-likelihood dispersion */
    @OptionMetadata(displayName = "quasi", displayOrder = 15,
            description = "Quasi-likelihood (GLM mode): for a family whose dispersion is fixed at 1 (Poisson, Binomial, "
                    + "Bernoulli, Exponential, NegativeBinomial at its alpha), estimate it as Pearson chi-square / residual "
                    + "degrees of freedom and scale the coefficients' standard errors, t tests and confidence intervals by "
                    + "it, as R's quasipoisson and quasibinomial. The fit is the same; AIC and BIC are then not defined. "
                    + "Prediction intervals still use the family's distribution. Off by default.",
            commandLineParamName = "quasi", commandLineParamSynopsis = "-quasi", commandLineParamIsFlag = true)
    public boolean getQuasi() {
        return quasi;
    }

    /** @param value true for quasi-likelihood standard errors */
    public void setQuasi(boolean value) {
        quasi = value;
    }

    /** @return whether a GLM's report gets likelihood-ratio tests of dropping each attribute (refits) */
    @OptionMetadata(displayName = "dropTests", displayOrder = 18,
            description = "Likelihood-ratio tests of each input attribute (GLM mode, -hidden none, whose report has "
                    + "standard errors; ignored for networks), as R's "
                    + "drop1(fit, test = \"Chisq\") (fixed dispersion) or drop1(fit, test = \"F\") (estimated "
                    + "dispersion, -quasi): the GLM is fitted again without each attribute, with the same options, and the "
                    + "report lists each refit's deviance and AIC and the test of the deviance difference. Better than the "
                    + "Wald tests where a coefficient is large or the data nearly separate a class, but each attribute "
                    + "costs one more fit: off by default.",
            commandLineParamName = "drop-tests", commandLineParamSynopsis = "-drop-tests", commandLineParamIsFlag = true)
    public boolean getDropTests() {
        return dropTests;
    }

    /** @param value true for likelihood-ratio tests of dropping each attribute */
    public void setDropTests(boolean value) {
        dropTests = value;
    }

    /** @return whether a GLM's report gets the sequential analysis of deviance (refits) */
    @OptionMetadata(displayName = "anova", displayOrder = 18,
            description = "Sequential analysis of deviance (GLM mode, -hidden none, whose report has standard errors; "
                    + "ignored for networks), as R's anova(fit, test = \"Chisq\") (fixed dispersion) or anova(fit, "
                    + "test = \"F\") (estimated dispersion, F with the full fit's dispersion): the input attributes are "
                    + "added one at a time in the data's order, and each row gives the deviance the attribute removes "
                    + "from the model of the attributes before it, with its test. The rows depend on that order (reorder "
                    + "the attributes to ask another question; -drop-tests does not depend on it). Each attribute but "
                    + "the last costs one more fit: off by default.",
            commandLineParamName = "anova", commandLineParamSynopsis = "-anova", commandLineParamIsFlag = true)
    public boolean getAnova() {
        return anova;
    }

    /** @param value true for the sequential analysis of deviance */
    public void setAnova(boolean value) {
        anova = value;
    }

    /** @return the offset attribute, a name or a 1-based index; empty for none */
    @OptionMetadata(displayName = "offset", displayOrder = 19,
            description = "A numeric attribute added to each instance's linear predictor as a known term, not an input "
                    + "and without a coefficient: eta = f(x) + offset, as R's glm(y ~ x + offset(o)) and statsmodels' "
                    + "offset=. Give it on the eta scale, as R does: for counts or costs over an exposure under a log "
                    + "link (Poisson, Gamma, Tweedie, ...) the attribute holds log(exposure), and the model predicts "
                    + "exposure * exp(f(x)). An attribute name or a 1-based index (first, last); empty (the default) for "
                    + "none. Every training and test instance needs a value.",
            commandLineParamName = "offset", commandLineParamSynopsis = "-offset <attribute name|index>")
    public String getOffset() {
        return offset;
    }

    /** @param value the offset attribute, a name or a 1-based index; empty or null for none (checked at build time) */
    public void setOffset(String value) {
        offset = value == null ? "" : value.trim();
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
     * Sets the options after checking every value ({@link StrictOptions}): Weka's reflection helpers
     * would silently keep the default for a value they cannot use, such as an unknown family class.
     *
     * @param options the options; consumed ones are emptied
     * @throws Exception naming an option whose value cannot be used
     */
    @Override
    public void setOptions(String[] options) throws Exception {
        // the kernels' warm-up once all options are read: -hidden comes before -precision, and a float32 network's
        // options would otherwise start the float64 kernels' warm-up too (a second of the other CPU, for nothing); so
        // would the check's scratch instances, which take one option each
        final boolean outer = !READING_OPTIONS.get();
        READING_OPTIONS.set(true);
        try {
            StrictOptions.qualifyShortNames(this, options);
            StrictOptions.check(this, options);
            StrictOptions.setObjectOptions(this, options);   // -family, -optimizer: without Weka's scheme match
            super.setOptions(options);
        } finally {
            if (outer) {
                READING_OPTIONS.remove();
            }
        }
        if (outer) {
            prepareKernels();
        }
    }

    /** Whether this thread is in {@link #setOptions} (the kernels' warm-up waits for all the options). */
    private static final ThreadLocal<Boolean> READING_OPTIONS = ThreadLocal.withInitial(() -> false);

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
                if (parts[i].trim().matches("\\d+")) {
                    throw new IllegalArgumentException("Option -hidden: '" + parts[i].trim() + "' in '" + hidden
                            + "' is too many units for a layer; give sizes like 30,20, or none for a GLM");
                }
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
        result.enable(Capability.DATE_ATTRIBUTES);
        result.enable(Capability.MISSING_VALUES);
        if (family.handlesNominalClass()) {
            result.enable(Capability.NOMINAL_CLASS);
        }
        if (family.handlesNumericClass()) {
            result.enable(Capability.NUMERIC_CLASS);
        }
        result.enable(Capability.MISSING_CLASS_VALUES);
        result.setMinimumNumberInstances(0);   // an empty data set starts a stream; checked with a specific message
        return result;
    }

    // -------------------------------------------------------------------------------------- training

    /**
     * Trains a model: {@link #initializeClassifier}, {@link #next()} until it returns false, {@link #done()}.
     * Atomic: when any step fails or the thread is interrupted, the classifier keeps the model it had
     * before (for a resumed run, the model as it was before this build; if epochs were run, the run is
     * dropped and the next build starts afresh).
     *
     * @param data the training data. Not modified.
     * @throws InterruptedException when the thread was interrupted (Explorer's Stop)
     * @throws Exception            with a specific message for bad options or data, or divergence
     */
    @Override
    public void buildClassifier(Instances data) throws Exception {
        final FittedModel before = model;
        final TrainingRun runBefore = run;
        final int epochBefore = run == null ? -1 : run.session().epoch();
        final boolean openBefore = run != null && run.session().isOpen();
        boolean ok = false;
        building = true;
        try {
            initializeClassifier(data);
            while (next()) {
                // one epoch per call
            }
            done();
            if (dropTests && model != null && model.glmSummary() != null) {
                model = DropTests.attach(this, data, model);
            }
            if (anova && model != null && model.glmSummary() != null) {
                model = SequentialTests.attach(this, data, model);
            }
            ok = true;
        } catch (TrainingDivergedException e) {
            // a likely cause the engine cannot see (light Frequency weights, large unstandardised inputs): say so
            final String hint = divergenceHint(data);
            final TrainingDivergedException shown = hint == null ? e
                    : new TrainingDivergedException(e.epoch(), e.getMessage() + " " + hint);
            if (shown != e) {
                shown.initCause(e);
            }
            if (buildLog != null) {
                buildLog.failed(shown);
            }
            throw shown;
        } catch (Exception | Error e) {
            if (buildLog != null) {
                buildLog.failed(e);
            }
            throw e;
        } finally {
            buildLog = null;
            building = false;
            if (!ok) {
                if (run != null && run != runBefore) {
                    run.session().close();
                }
                model = before;
                // a kept run that trained (or broke) during this build has moved on from the model kept: drop it
                final boolean moved = runBefore != null
                        && (runBefore.session().epoch() != epochBefore || runBefore.session().isOpen() != openBefore);
                run = moved ? null : runBefore;
            }
        }
    }

    /**
     * Checks the options and data and sets up a run at epoch 0 (the null model); with {@code -resume}
     * and a run that can continue on these data with these options (the same {@link RunFingerprint}), and
     * that made the current model, moves its epoch limit to {@code -epochs} instead. An empty data set
     * goes to {@link #startStream} (an error here).
     *
     * @param data the training data. Not modified.
     * @throws Exception with a specific message for bad options or data
     */
    @Override
    public void initializeClassifier(Instances data) throws Exception {
        buildLog = log == null ? null : new BuildLog(log);
        readInputs = false;
        final int[] hiddenSizes = checkOptions();
        InputChecks.checkHeader(data, family);
        // the header alone: with missing values allowed and no minimum number of instances, the tests of the
        // instances cannot fail (its pass over them counted the class labels); the values are checked below
        getCapabilities().testWithFail(new Instances(data, 0));
        final RunFingerprint fingerprint = resume ? RunFingerprint.of(data, getOptions()) : null;
        String resumeNote = null;
        if (resume && run != null) {
            final String why = run.whyNotContinue(fingerprint, model);
            if (why == null) {
                run.continued();
                readInputs = run.readsInstances();
                run.session().setEpochLimit(epochs);
                model = run.liveModel();
                return;
            }
            resumeNote = "not continued, trained afresh: " + why;
        }
        // the offset attribute, found and checked in the header; the run sees the data without it
        final OffsetColumn offsetColumn = OffsetColumn.of(offset, data);
        if (data.numInstances() == 0) {
            if (offsetColumn != null) {
                checkOffsetOptions(offsetColumn, family.create(data.classAttribute().isNominal()));
            }
            startStream(data);
            return;
        }
        // one pass: the instances with a class value (the data itself, no copy, when none is missing), checked,
        // and their targets
        final Family fam = family.create(data.classAttribute().isNominal());
        if (offsetColumn != null) {
            checkOffsetOptions(offsetColumn, fam);
        }
        final Instances inputs = offsetColumn == null ? data : offsetColumn.inputs(data);
        final boolean lean = leanInputsAllowed(hiddenSizes, inputs.numInstances());
        final Targets.Known known = withOffsets(Targets.known(inputs, fam, numThreads, !lean), offsetColumn, data);
        this.offsetColumn = offsetColumn;
        final TrainingRun next = newRun(known, fam, hiddenSizes, epochs, fingerprint, resumeNote, false, lean);
        readInputs = next.readsInstances();
        closeRun();
        run = next;
        model = run.liveModel();
    }

    /**
     * @param known  the instances with a class value, read from the data without the offset attribute
     * @param column the offset attribute, or null for none
     * @param data   the data with it
     * @return known, its targets carrying the offsets of its rows (checked: a missing one is refused naming the
     *         instance); known itself without an offset
     */
    private static Targets.Known withOffsets(Targets.Known known, OffsetColumn column, Instances data) {
        return column == null ? known : new Targets.Known(known.rows(), known.train(), known.targets().withOffsets(
                column.values(data, known.rows())), known.inputs(), known.classValues(), known.inputSummary(),
                known.valueArrays());
    }

    /**
     * The offset of the build (or the stream's first mini-batch) being set up ({@link #initializeClassifier},
     * {@link #startingModel}), for {@link #newRun}; null for none.
     */
    private transient OffsetColumn offsetColumn;

    /**
     * The option combinations whose fits carry no offset, refused with what to change: the joint maximum-likelihood
     * fit of the negative binomial's alpha (-dispersion ML), and a family with one linear predictor per class.
     */
    private void checkOffsetOptions(OffsetColumn column, Family fam) {
        final String what = "Option -offset (attribute '" + column.name() + "'): ";
        if (!fam.isScalar()) {
            throw new IllegalArgumentException(what + "the " + fam.name() + " family has one linear predictor per class; "
                    + "an offset needs a one-output family (a numeric class, or Bernoulli/Binomial for two class values)");
        }
        if (dispersionEstimate == neuralglm.dist.FittedDispersion.Estimate.MAXIMUM_LIKELIHOOD.ordinal()
                && fam.distributionParameterName() != null) {
            throw new IllegalArgumentException(what + "-dispersion ML fits the " + fam.name() + " family's "
                    + fam.distributionParameterName() + " jointly, without an offset; use -dispersion Pearson or Deviance");
        }
    }

    /**
     * Whether a build may read each mini-batch's inputs from the instances (standardised as they are read) instead of
     * a standardised copy of them all: mini-batches smaller than the data, a network with hidden layers, a fixed
     * weight decay and no early stopping; the build then also needs numeric inputs, checked in
     * {@link #newRun}, and reads the instances where each row is one copy of an instance's values
     * ({@link InputPipeline.Reading#WHOLE_ROWS}), or always with {@code -read-instances}.
     * The same model to the bit either way.
     */
    private boolean leanInputsAllowed(int[] hiddenSizes, int rows) {
        return hiddenSizes.length > 0 && miniBatchSize > 0 && miniBatchSize < rows && weightDecay != AUTO
                && validationFraction == 0;
    }

    /** Whether the run the last build trains reads its inputs from the instances ({@link #readsInputsFromInstances}). */
    private transient boolean readInputs;

    /**
     * Tests: whether the last build read each batch's inputs from the instances instead of a standardised copy of them
     * ({@code -read-instances} taken, see {@link #leanInputsAllowed}): the two give the same model, so only this tells
     * them apart. A {@code -resume} build that continues its run answers for that run; false after a build that
     * started no run (an empty data set, or a build that failed before its run started).
     *
     * @return whether the inputs were read from the instances
     */
    boolean readsInputsFromInstances() {
        return readInputs;
    }

    /** @return the hidden sizes, after checking every numeric option */
    private int[] checkOptions() {
        final int[] sizes = hiddenSizes();
        if (epochs < 1) {
            throw new IllegalArgumentException("Option -epochs: " + epochs + " is not a number of epochs >= 1");
        }
        if (miniBatchSize < 0) {
            throw new IllegalArgumentException("Option -mini-batch-size: " + miniBatchSize
                    + " is not a batch size >= 0 (0 = full batch)");
        }
        if (!(weightDecay >= 0 || weightDecay == AUTO) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("Option -weight-decay: " + weightDecay + " is not a finite penalty >= 0 "
                    + "(or -1 for the automatic choice)");
        }
        if (numThreads < 1 || numThreads > Trainer.MAX_THREADS) {
            throw new IllegalArgumentException("Option -num-threads: " + numThreads + " is not a number of threads >= 1 "
                    + "and at most " + Trainer.MAX_THREADS + " (each thread holds a copy of the network and waits for the "
                    + "others at every step: more threads than the machine's cores slow training down)");
        }
        if (!(validationFraction >= 0 && validationFraction < 1 || validationFraction == AUTO)) {
            throw new IllegalArgumentException("Option -validation-fraction: " + validationFraction
                    + " is not a share >= 0 and < 1 (0 = no early stopping, -1 = the automatic choice)");
        }
        if (validationFraction != 0 && patience < 1 && patience != AUTO) {
            throw new IllegalArgumentException("Option -patience: " + patience + " is not a number of epochs >= 1 "
                    + "(or -1 for the automatic choice)");
        }
        return sizes;
    }

    /**
     * Fits the pipeline, builds the network at the null model and starts the engine's session.
     *
     * @param known    the instances with a class value, checked, their targets and weights, and (numeric inputs)
     *                 their raw input values ({@link Targets#known})
     * @param fam      the family, made for the class attribute
     * @param hiddenSizes the hidden layer sizes
     * @param limit    the epoch limit
     * @param fingerprint the data and options a -resume build must find to continue the run; null without -resume
     * @param resumeNote  why a -resume build did not continue the previous run; null when it was not asked to
     * @param forStream   true for the first mini-batch of a stream: the run only fits the pipeline, so nothing is
     *                    held out or chosen (the automatic weight decay and validation fraction are 0)
     * @return the run at epoch 0
     */
    private TrainingRun newRun(Targets.Known known, Family fam, int[] hiddenSizes, int limit,
                               RunFingerprint fingerprint, String resumeNote, boolean forStream) throws Exception {
        return newRun(known, fam, hiddenSizes, limit, fingerprint, resumeNote, forStream, false);
    }

    /**
     * @param lean whether the inputs may be read from the instances ({@link #leanInputsAllowed}; known then holds no
     *             copy of them)
     */
    private TrainingRun newRun(Targets.Known known, Family fam, int[] hiddenSizes, int limit,
                               RunFingerprint fingerprint, String resumeNote, boolean forStream, boolean lean)
            throws Exception {
        penaltyPath = null;
        final Instances train = known.train();
        final Targets targets = known.targets();
        final boolean glm = hiddenSizes.length == 0;
        // prior weights are relative precisions whose scale is arbitrary (R's glm(weights=)): a penalised fit (any network,
        // a GLM with a weight decay) trains on them scaled to mean 1, so that the penalty is weighed against the instances
        // and the model is the same for weights c w as for w; the fit statistics keep the weights as given
        final boolean rowPenalty = weightsKind == GlmInference.Weights.PRIOR.ordinal() && (!glm || weightDecay > 0);
        final Targets fitTargets = rowPenalty ? targets.withMeanOneWeights() : targets;
        // what the automatic options hold out and fit (the held-out study's defaults)
        final AutoRegularisation.Plan plan = AutoRegularisation.plan(fam, glm, forStream, train.numInstances(), weightDecay,
                validationFraction, patience);
        // a network the Vector API's kernels train faster: the module, loaded at run time in a JVM started without it
        prepareKernels();
        final InputPipeline pipeline = forStream ? new InputPipeline(glm).forStream() : new InputPipeline(glm);
        // a network fitted to convergence under the automatic decay: 0/1 columns centred and scaled by 1/2, not their sd
        // lean was decided on all the instances, before those without a class value were left out: a mini-batch as
        // large as the rest makes one full batch, which trains on a matrix (the pipeline then copies the inputs)
        final boolean fromInstances = lean && !forStream && plan.fraction() == 0 && plan.folds() == 0 && !plan.average()
                && !plan.linear() && known.inputs() == null && leanInputsAllowed(hiddenSizes, train.numInstances());
        final DMatrixRMaj x = pipeline.fit(train, !doNotStandardize, targets.weights(), known.inputs(), known.classValues(),
                known.inputSummary(), numThreads, AutoRegularisation.binaryScale(plan), !fromInstances
                        ? InputPipeline.Reading.COPY : readInstances ? InputPipeline.Reading.ALWAYS
                        : InputPipeline.Reading.WHOLE_ROWS, known.valueArrays());
        // a lean fit of numeric inputs: no matrix, the rows read from the instances
        final RowSource rows = x == null ? pipeline.takeTrainingRows() : null;
        final int cols = x == null ? rows.numCols() : x.numCols;
        final int outputs = fam.outputs(train.classAttribute().isNominal() ? train.numClasses() : 1);
        checkNetworkSize(cols, hiddenSizes, outputs);
        final String actName = activation == AUTO_ACTIVATION ? automaticActivation(fam, plan)
                : TAGS_ACTIVATION[activation].getReadable();
        // a Gaussian network learns the standardised class, (y - mean) / sd: the weight decay is then free of its units
        final Standardizer targetScale;
        try {
            targetScale = plan.scaleTarget() ? Standardizer.fit(targets.y(), fitTargets.weights()) : null;
        } catch (Standardizer.NotFinite e) {
            throw new IllegalArgumentException(InputPipeline.overflowMessage("class attribute '"
                    + train.classAttribute().name() + "'", targets.weights()), e);
        }
        final DMatrixRMaj y = targetScale == null ? targets.y() : targetScale.apply(targets.y().copy());
        // an offset on the class's scale: divided by sd for a network that learns (y - mean) / sd
        final double[] offsets = targetScale == null ? targets.offsets()
                : neuralglm.family.Offsets.standardised(targets.offsets(), targetScale.scale()[0]);
        final java.util.function.LongFunction<Sequential> freshWithSeed = seed -> {
            final Sequential n = Sequential.mlp(cols, hiddenSizes, () -> Activation.byName(actName), outputs,
                    new Random(seed));
            NullStart.apply(n, fam, y, fitTargets.weights(), offsets);
            return n;
        };
        final Supplier<Sequential> fresh = () -> freshWithSeed.apply(getSeed());
        final boolean converged = plan.converged();
        final double fraction = plan.fraction();
        final int[] trainPart = fraction > 0 ? ValidationSplit.of(fam, targets.y(), fraction, getSeed()).train() : null;
        final int trainRows = trainPart != null ? trainPart.length : train.numInstances();
        final double trainWeight = Family.totalWeight(trainPart == null ? fitTargets.weights()
                : ValidationSplit.rows(fitTargets.weights(), trainPart), trainRows);
        // the automatic weight decay of a Gaussian network: its fits stop at AutoRegularisation.CONVERGED_EPOCHS at most
        final int fitLimit = AutoRegularisation.epochLimit(plan, weightDecay, limit);
        // a GLM (no hidden layer) trains and predicts in float64 whatever the option: its inference needs double
        final boolean float32 = precision == Precision.FLOAT32.ordinal() && !glm;
        Trainer trainer = new Trainer(fitLimit).withBatchSize(miniBatchSize >= trainRows ? 0 : miniBatchSize)
                .withSeed(getSeed()).withThreads(numThreads).withPrecision(float32 ? Precision.FLOAT32 : Precision.FLOAT64);
        final int patienceUsed = plan.patience();
        if (fraction > 0) {
            trainer = trainer.withValidation(fraction, patienceUsed);
        }
        if (weightDecay != AUTO) {
            refuseUnstablePenalty(optimizer.create(weightDecay / trainWeight), trainWeight);
        }
        final AutoRegularisation.Choice choice;
        try {
            choice = AutoRegularisation.choose(plan, weightDecay, glm, forStream, freshWithSeed, getSeed(), fam,
                    optimizer::create, trainer, x, y, fitTargets.weights(), offsets,
                    buildLog == null ? null : buildLog::penalty);
        } catch (AutoRegularisation.Interrupted e) {
            throw new InterruptedException("NeuralGLM: training was interrupted at epoch " + (e.epoch() + 1) + " while "
                    + e.during() + "; the classifier keeps the model it had before this build");
        }
        penaltyPath = choice.path();
        final double lambda = choice.lambda();
        final List<Sequential> members = choice.members();
        final double[] memberLambdas = choice.memberLambdas();
        final Sequential linear = choice.linear();
        // the limit the debug lines name is the session's: a -resume build raises it (it printed "epoch 20 of 19")
        final TrainingSession[] started = new TrainingSession[1];
        if (getDebug()) {
            final int every = Math.max(1, fitLimit / 20);
            trainer = trainer.withProgress(every, (epoch, nll) -> System.err.println(String.format(Locale.ROOT,
                    "NeuralGLM: epoch %d of %d, mean NLL %.8g", epoch + 1,
                    started[0] == null ? fitLimit : started[0].epochLimit(), nll)));
        }
        final Optimizer opt = choice.optimizer().apply(lambda / trainWeight);
        // the held-out path already ran this fit (same network start, split, trainer and optimiser): in a build (not
        // stepped from outside, no per-epoch debug output) its finished session is the model's, no refit
        final boolean reused = choice.modelFit() != null && building && !getDebug();
        final TrainingSession session = reused ? choice.modelFit()
                : x == null ? trainer.start(fresh.get(), fam, opt, rows, y, fitTargets.weights(), offsets)
                : trainer.start(fresh.get(), fam, opt, x, pipeline.fittedInputsFinite(), y, fitTargets.weights(), offsets);
        started[0] = session;
        if (reused && buildLog != null) {
            buildLog.epoch(session);   // the status bar: the last epoch of the fit kept
        }
        noteKernelsOnce(session.network());
        return new TrainingRun(new Instances(train, 0), pipeline, fam, session, x, rows, targets, hiddenSizes.length == 0,
                architecture(cols, hiddenSizes, actName, outputs) + (members.isEmpty() ? ""
                        : String.format(Locale.ROOT, "; the average of %d such networks (%d %s units in all)",
                        members.size() + 1, (members.size() + 1) * hiddenSizes[0], actName))
                        + (linear == null ? "" : describeLinear(hiddenSizes, actName, outputs, lambda,
                        plan.linearCandidate())),
                opt.toString(), miniBatchSize, !doNotStandardize,
                FittedDispersion.Estimate.values()[dispersionEstimate], fingerprint, resumeNote,
                GlmInference.Weights.values()[weightsKind], quasi,
                describeRegularization(glm, lambda, trainWeight, trainRows, rowPenalty && fitTargets != targets, fraction,
                        patienceUsed, targetScale, converged, plan.folds(),
                        AutoRegularisation.minRowsToHoldOut(fam)) + describeAverage(getSeed(), members.size() + 1, memberLambdas, plan.folds())
                        + (linear == null ? "" : String.format(Locale.ROOT, "; the model is the average (of eta) of this "
                        + "network and a ridge GLM (no hidden layer) fitted to convergence with the same weight decay %s on "
                        + "the same inputs (the Epochs run and Stopped lines below are the network's)", num(lambda)))
                        + describeLinearOmitted(choice.linearOutcome())
                        + (penaltyPath == null ? "" : describeLinearTerm(penaltyPath.linearTerm())),
                targetScale, members, linear, plan.refitsLevel(), offsetColumn);
    }

    /** Set once the JVM has been told how to get the faster kernels. */
    private static final java.util.concurrent.atomic.AtomicBoolean KERNELS_NOTED = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Once per JVM, on the first build of a network the Vector API module would train faster (a float64 layer wider
     * than 48 units) in a JVM without it where it could not be loaded at run time, says on standard error (the console)
     * and in the Explorer's log why and how to get it.
     */
    private void noteKernelsOnce(Sequential network) {
        if (network.trainsFasterWithVectorApi() && KernelNote.withoutVectorApi()
                && KERNELS_NOTED.compareAndSet(false, true)) {
            System.err.println(KernelNote.forLog());
            if (log != null) {
                log.logMessage(KernelNote.forLog());
            }
        }
    }

    /**
     * A layer's weights are one Java array (at most {@link Integer#MAX_VALUE} - 8 entries), and the network's
     * parameters, their gradient and the optimiser's state must fit in the heap: refused with the option named,
     * instead of EJML's "Matrix size exceeds the size of an integer" or an OutOfMemoryError mid-build.
     *
     * @param inputs      the network's input columns
     * @param hiddenSizes the hidden layer sizes
     * @param outputs     the output units
     */
    private void checkNetworkSize(int inputs, int[] hiddenSizes, int outputs) {
        long in = inputs, parameters = 0;
        for (int l = 0; l <= hiddenSizes.length; l++) {
            final long out = l < hiddenSizes.length ? hiddenSizes[l] : outputs;
            if (in * out > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "Option -hidden: the layer %s has %d x %d = "
                        + "%d weights, more than one Java array holds (%d); give smaller layers", l < hiddenSizes.length
                        ? "of " + out + " units" : "of " + out + " outputs", out, in, in * out, Integer.MAX_VALUE - 8));
            }
            parameters += (in + 1) * out;
            in = out;
        }
        // the values and their gradient, a lower bound (the optimiser's state and the batch's activations come on top)
        final long bytes = 2 * 8 * parameters, heap = Runtime.getRuntime().maxMemory();
        if (bytes > heap) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "Option -hidden: '%s' makes a network of %d "
                    + "parameters, whose values and gradient alone take %.3g GB, more than the JVM's largest heap (%.3g GB, "
                    + "set by -Xmx); give smaller layers", hidden, parameters, bytes / 1e9, heap / 1e9));
        }
    }

    /**
     * Runs one epoch.
     *
     * @return true when an epoch was run; false when the run has ended (epoch limit, convergence, early
     *         stopping) or there is none
     * @throws InterruptedException when the thread was interrupted; the run is then unusable
     */
    @Override
    public boolean next() throws Exception {
        if (run == null || !run.session().canContinue()) {
            return false;
        }
        try {
            run.session().runEpoch();
            if (!building && run.liveModelIsCopy()) {
                model = run.liveModel();   // called from outside (e.g. IterativeClassifierOptimizer): predict this epoch
            }
            if (buildLog != null) {
                buildLog.epoch(run.session());
            }
        } catch (TrainingInterruptedException e) {
            throw new InterruptedException("NeuralGLM: training was interrupted at epoch " + (e.epoch() + 1)
                    + "; the classifier keeps the model it had before this build");
        } finally {
            if (!building) {
                run.session().release();   // no idle worker threads between calls from outside
            }
        }
        return true;
    }

    /**
     * Ends the iterations: the model gets its training result (best weights restored with early
     * stopping) and fit statistics; with {@code -resume} (and no early stopping) the run is kept.
     */
    @Override
    public void done() throws Exception {
        if (run == null) {
            return;
        }
        final TrainingSession session = run.session();
        final boolean keep = resume && session.validationRows() == 0 && session.isOpen();
        final TrainingResult result = keep ? session.snapshot() : session.finish();
        session.release();
        model = run.completeModel(result);
        if (!keep) {
            run = null;
        }
        if (buildLog != null) {
            buildLog.finished(model);
            buildLog = null;
        }
    }

    private void closeRun() {
        if (run != null) {
            run.session().close();
            run = null;
        }
    }

    /**
     * @return the Network line's words for the average of a network and a ridge GLM ({@link neuralglm.nn.EtaAverage#withLinear})
     */
    private static String describeLinear(int[] hiddenSizes, String activationName, int outputs, double lambda,
                                         boolean chosen) {
        final StringBuilder widths = new StringBuilder();
        for (int h : hiddenSizes) {
            widths.append(widths.length() == 0 ? "" : ",").append(h + 2 * outputs);
        }
        return String.format(Locale.ROOT, ", averaged (on the eta scale) with a ridge GLM (weight decay %s): a network "
                + "with a linear skip connection, %s; written as one network "
                + "of %s %s units, %d of which per layer carry the GLM's linear term in pairs f(z) - f(-z) = z",
                num(lambda), chosen ? "kept by the rows held out (see Regularisation)" : "the default under "
                        + AutoRegularisation.MIN_ROWS_TO_HOLD_OUT_CLASS + " instances of a nominal class", widths,
                activationName, 2 * outputs);
    }

    /**
     * @param term the held-out comparison of a small Gaussian network with and without a linear term, or null
     * @return the Regularization line's words for it: why the model has the term or not; empty for null
     */
    static String describeLinearTerm(neuralglm.train.LinearTerm term) {
        if (term == null) {
            return "";
        }
        final String losses = String.format(Locale.ROOT, "mean NLL of the standardised class %s with it, %s without, "
                + "standard error of the difference %s", num(term.averageLoss()), num(term.networkLoss()),
                num(term.standardError()));
        return String.format(Locale.ROOT, "; under %d instances a linear term (the average with a ridge GLM) is kept unless "
                + "the rows held out favour the network alone by more than one standard error: %s (%s)",
                AutoRegularisation.MAX_ROWS_LINEAR_TERM, term.added() ? "kept" : "left out", losses);
    }

    /**
     * @return the Regularization line's words when the ridge GLM of an under-40-instance model was planned but left
     *         out (the model is then the network alone); empty otherwise
     */
    static String describeLinearOmitted(AutoRegularisation.LinearOutcome outcome) {
        final String why = switch (outcome) {
            case NOT_PLANNED, FITTED -> null;
            case UNITS_CANNOT_CARRY -> "this network's units cannot carry its linear term (" + String.join(", ",
                    neuralglm.nn.EtaAverage.linearCarriers()) + " can; choose one of them for the default average)";
            case DIVERGED -> "its fit diverged";
        };
        return why == null ? "" : String.format(Locale.ROOT, "; the ridge GLM that the default averages with the network "
                + "under %d instances of a nominal class was left out, because %s: the model is the network alone",
                AutoRegularisation.MIN_ROWS_TO_HOLD_OUT_CLASS, why);
    }

    private static String architecture(int inputs, int[] hiddenSizes, String activationName, int outputs) {
        final StringBuilder sb = new StringBuilder().append(inputs).append(inputs == 1 ? " input" : " inputs");
        for (int h : hiddenSizes) {
            sb.append(" -> ").append(h).append(' ').append(activationName);
        }
        return sb.append(" -> ").append(outputs).append(outputs == 1 ? " output" : " outputs").toString();
    }

    // ------------------------------------------------------------------------- for streams

    /**
     * A build on an empty data set (after the option and header checks): an error here;
     * {@link NeuralGLMUpdateable} starts a stream instead.
     *
     * @param empty the training data, without instances. Not modified.
     * @throws Exception why there is no model to build
     */
    protected void startStream(Instances empty) throws Exception {
        throw new IllegalArgumentException("No training instances: the data set '" + empty.relationName()
                + "' is empty (to learn from a stream, use NeuralGLMUpdateable)");
    }

    /** Drops the model and any run: the classifier has no model until {@link #setModel}. */
    protected final void discardModel() {
        closeRun();
        model = null;
    }

    /**
     * Makes {@code m} the classifier's model (e.g. a stream's latest); any kept run stays as it is.
     *
     * @param m the model. Not modified afterwards by anyone (models are immutable).
     */
    protected final void setModel(FittedModel m) {
        model = m;
    }

    /**
     * The untrained model of a stream's first mini-batch: the input pipeline fitted on it, the network at
     * the null model, as a build on these instances starts.
     *
     * @param first the first mini-batch, instances with a class value. Not modified.
     * @return the model at epoch 0
     * @throws Exception with a specific message for bad options or values
     */
    protected final FittedModel startingModel(Instances first) throws Exception {
        final Family fam = family.create(first.classAttribute().isNominal());
        final int[] hiddenSizes = checkOptions();
        final OffsetColumn column = OffsetColumn.of(offset, first);
        if (column != null) {
            checkOffsetOptions(column, fam);
        }
        final Targets.Known known = withOffsets(Targets.known(column == null ? first : column.inputs(first), fam), column,
                first);
        this.offsetColumn = column;
        final TrainingRun r = newRun(known, fam, hiddenSizes, Math.max(1, epochs), null, null, true);
        r.session().close();
        return r.liveModel();
    }

    // ---------------------------------------------------------------------------------- aggregation

    /**
     * Adds another model's parameters (in original attribute units) to this one's running sum.
     * Meaningful for GLMs; for hidden layers only between models from the same initialisation.
     *
     * @param other a model built on data with the same header and the same options. Not modified.
     * @return this
     * @throws Exception when either has no model or they differ in header, inputs, family (name, link, parameters) or
     *                   architecture
     */
    @Override
    public NeuralGLM aggregate(NeuralGLM other) throws Exception {
        if (model == null || other.model == null) {
            throw new IllegalStateException("NeuralGLM: cannot aggregate: " + (model == null ? "this" : "the other")
                    + " classifier has no model built yet");
        }
        if (!model.header().equalHeaders(other.model.header())) {
            throw new IllegalArgumentException("NeuralGLM: cannot aggregate models of different data: "
                    + model.header().equalHeadersMsg(other.model.header()));
        }
        if (!java.util.Arrays.equals(model.pipeline().inputNames(), other.model.pipeline().inputNames())) {
            throw new IllegalArgumentException("NeuralGLM: cannot aggregate: the input columns differ ("
                    + String.join(", ", model.pipeline().inputNames()) + " vs " + String.join(", ",
                    other.model.pipeline().inputNames()) + "); RemoveUseless dropped different attributes in the partitions");
        }
        if (!java.util.Objects.equals(model.offsetName(), other.model.offsetName())) {
            throw new IllegalArgumentException("NeuralGLM: cannot aggregate: one model has offset attribute "
                    + (model.offsetName() == null ? "none" : "'" + model.offsetName() + "'") + ", the other "
                    + (other.model.offsetName() == null ? "none" : "'" + other.model.offsetName() + "'")
                    + "; build every model with the same -offset");
        }
        final Family f = model.family(), g = other.model.family();
        if (!f.toString().equals(g.toString())) {   // the name, the link and the family's own parameters (alpha, power)
            throw new IllegalArgumentException("NeuralGLM: cannot aggregate models of different families: " + f + " and "
                    + g + "; their etas or distributions differ. Build every model with the same -family and its options");
        }
        final String a = model.network().toString(), b = other.model.network().toString();
        if (!a.equals(b)) {
            throw new IllegalArgumentException("NeuralGLM: cannot aggregate networks of different layers or activations: "
                    + a + " and " + b + ". Build every model with the same -hidden and -activation");
        }
        if (aggregateSum == null) {
            aggregateSum = new ModelAggregation.Sum(model);
        }
        aggregateSum.add(other.model);
        return this;
    }

    /**
     * Divides the running sum by the number of models (this one included) and makes the average this
     * classifier's network.
     *
     * @throws Exception when nothing was aggregated
     */
    @Override
    public void finalizeAggregation() throws Exception {
        if (aggregateSum == null) {
            throw new IllegalStateException("NeuralGLM: nothing to finalize: no model was aggregated into this one");
        }
        model = model.averaged(aggregateSum.average(model.pipeline().standardizer()), aggregateSum.count(),
                aggregateSum.absent());
        aggregateSum = null;
    }

    // ------------------------------------------------------------------------------------ prediction

    /**
     * @param instance an instance of the training format. Not modified.
     * @return class probabilities, or {mu} for a numeric class
     * @throws Exception when there is no model, or the instance's header differs from the training header
     */
    @Override
    public double[] distributionForInstance(Instance instance) throws Exception {
        if (model == null) {
            throw new IllegalStateException("NeuralGLM: no model built yet; call buildClassifier first");
        }
        return model.distribution(instance);
    }

    /**
     * Weka's {@code BatchPredictor}: the instances go through the network in blocks of 2048 as matrices
     * (the same numbers as {@link #distributionForInstance}, faster).
     *
     * @param insts instances of the training format. Not modified.
     * @return one distribution per instance
     * @throws Exception when there is no model, or an instance's header differs from the training header
     */
    @Override
    public double[][] distributionsForInstances(Instances insts) throws Exception {
        if (model == null) {
            throw new IllegalStateException("NeuralGLM: no model built yet; call buildClassifier first");
        }
        return model.distributions(insts);
    }

    /**
     * @return true for a model of a nominal class: Weka's {@code Evaluation} then calls
     *         {@link #distributionsForInstances}. False for a numeric class, because Evaluation's batch
     *         path skips the per-instance statistics of an {@code IntervalEstimator} and
     *         {@code ConditionalDensityEstimator} (interval coverage, class complexity); the batch method
     *         itself is as fast for every class.
     */
    @Override
    public boolean implementsMoreEfficientBatchPrediction() {
        return model != null && model.classAttribute().isNominal();
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

    /**
     * A NeuralGLM that predicts with a model fitted elsewhere (e.g. imported from the engine's
     * {@code TabularModel} by {@link weka.classifiers.functions.neuralglm.ImportTabularModel}); building it
     * again trains a new model from its options.
     *
     * @param fitted the model
     * @return the classifier
     */
    public static NeuralGLM predictingWith(FittedModel fitted) {
        final NeuralGLM glm = new NeuralGLM();
        glm.model = fitted;
        return glm;
    }

    /**
     * The GLM coefficient table in the original attribute units (GLM mode, one output), full precision: one row
     * per coefficient, intercept first, columns estimate, standard error, z or t statistic, two-sided p-value,
     * lower and upper 95% confidence bound; NaN rows for aliased coefficients. Names: {@link #getGlmSummary()}.
     *
     * @return the table
     * @throws IllegalStateException before a build, or for a model without a GLM summary (hidden layers,
     *                               Categorical, stream, imported)
     */
    public double[][] getCoefficientTable() {
        final GlmSummary s = getGlmSummary();
        final double[][] t = new double[s.size()][];
        for (int j = 0; j < t.length; j++) {
            t[j] = new double[] {s.estimates()[j], s.standardErrors()[j], s.statistics()[j], s.pValues()[j],
                s.lowerBounds()[j], s.upperBounds()[j]};
        }
        return t;
    }

    /**
     * @return the engine's GLM summary (coefficients with standard errors, tests, intervals, degrees of freedom,
     *         log-likelihood, AIC, BIC, Pearson chi-square, iterations)
     * @throws IllegalStateException before a build, or for a model without one (hidden layers: standard errors
     *                               exist for GLM mode only; a multinomial logit whose classes the inputs separate;
     *                               stream; imported), saying which
     */
    public GlmSummary getGlmSummary() {
        final FittedModel m = builtModel();
        final GlmSummary s = m.glmSummary();
        if (s == null) {
            final String why = m.statistics() == null ? null : m.statistics().noSummary();
            throw new IllegalStateException("NeuralGLM: no GLM summary: " + (why != null ? why
                    : "standard errors and tests exist for GLM mode only (-hidden none, trained by buildClassifier)"));
        }
        return s;
    }

    /**
     * The confidence interval of the mean at an instance, for a one-output GLM (GLM mode): the Wald interval of the
     * linear predictor, x' b -/+ q sqrt(x' V x), through the inverse link (R's {@code predict(fit, type = "link",
     * se.fit = TRUE)}); q the t quantile on the residual df where the dispersion is estimated, else the normal's. Not
     * the interval of a new observation ({@link #predictIntervals}).
     *
     * @param instance        the instance
     * @param confidenceLevel the coverage, in (0, 1)
     * @return {lower, upper} of the class's mean (a nominal two-class one: the probability of its second value)
     * @throws Exception for a model without a one-output GLM summary, or an instance that does not fit the header
     */
    public double[] meanInterval(Instance instance, double confidenceLevel) throws Exception {
        final GlmSummary s = getGlmSummary();
        if (s.reference() != null) {
            throw new IllegalStateException("NeuralGLM: a multinomial logit has one probability per class: no interval of "
                    + "one mean");
        }
        return s.meanInterval(builtModel().coefficientRow(instance), builtModel().offsetOf(instance), confidenceLevel);
    }

    /**
     * @return the GLM's joint Wald tests of each input attribute's coefficients (a nominal attribute's k - 1 contrasts
     *         together; the report's table below the coefficients); null when no attribute has more than one column
     * @throws IllegalStateException before a build, or for a model without a GLM summary ({@link #getGlmSummary()})
     */
    public neuralglm.model.JointTests getJointTests() {
        getGlmSummary();
        return builtModel().jointTests();
    }

    /** @return the trained model, or null before a successful build */
    public FittedModel fittedModel() {
        return model;
    }

    @Override
    public String toString() {
        return report("");
    }

    /**
     * @param notes lines about what happened to the model after its build (e.g. a stream's); may be empty
     * @return the model's report with these notes, or a line saying that there is no model
     */
    protected final String report(String notes) {
        if (model == null) {
            return "NeuralGLM: no model built yet.";
        }
        final int averaged = model.averagedFrom();
        String all = averaged == 0 ? notes : notes + String.format(Locale.ROOT, "%-18s %s%n",
                "Aggregated:", "parameters averaged over " + averaged + " models (in original attribute units)");
        final String noDropTests = whyNoRefits(dropTests, model.devianceTests() != null, "-drop-tests");
        if (noDropTests != null) {
            all += String.format(Locale.ROOT, "%-18s %s%n", "Drop tests:", "not computed: " + noDropTests);
        }
        final String noAnova = whyNoRefits(anova, model.sequentialTests() != null, "-anova");
        if (noAnova != null) {
            all += String.format(Locale.ROOT, "%-18s %s%n", "Anova:", "not computed: " + noAnova);
        }
        return ModelReport.of(model, all);
    }

    /**
     * @param asked  whether the option was given
     * @param made   whether the current model has its table
     * @param option {@code -drop-tests} or {@code -anova}
     * @return why the option gave no table for the current model, or null (asked for and computed, or not asked)
     */
    private String whyNoRefits(boolean asked, boolean made, String option) {
        if (!asked || model.statistics() == null || made) {
            return null;
        }
        if (!model.isGlm()) {
            return option + " refits GLMs (-hidden none); a network's inputs are not tested";
        }
        return model.statistics().noSummary() != null ? model.statistics().noSummary()
                : "the GLM has no standard errors to test against";
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

package weka.classifiers.functions.neuralglm;

import neuralglm.dist.FittedDispersion;
import neuralglm.family.Family;
import neuralglm.linalg.RowSource;
import neuralglm.model.AbsentClasses;
import neuralglm.model.FitStatistics;
import neuralglm.model.GlmInference;
import neuralglm.model.GlmSummary;
import neuralglm.model.JointTests;
import neuralglm.model.Standardizer;
import neuralglm.nn.EtaAverage;
import neuralglm.nn.Sequential;
import neuralglm.optim.LbfgsOptimizer;
import neuralglm.train.AutoRegularisation;
import neuralglm.train.JointMaximumLikelihood;
import neuralglm.train.OutputLevel;
import neuralglm.train.TrainingResult;
import neuralglm.train.TrainingSession;
import org.ejml.data.DMatrixRMaj;
import weka.core.Attribute;
import weka.core.Instances;

/**
 * A {@link weka.classifiers.functions.NeuralGLM} build in progress (between
 * {@code initializeClassifier} and {@code done}, and kept after {@code done} for {@code -resume}):
 * the engine's {@link TrainingSession} with what is needed to turn its network into a
 * {@link FittedModel} at any epoch. Not serialisable: a saved classifier keeps only its model.
 */
public final class TrainingRun {

    private final Instances header;
    private final InputPipeline pipeline;
    private final Family family;
    private final TrainingSession session;
    private final DMatrixRMaj x;
    /** With x null: the training inputs, read from the instances in blocks. */
    private final RowSource rows;
    private final Targets targets;
    private final boolean glm;
    private final String architecture;
    private final String optimizer;
    private final int requestedBatchSize;
    private final boolean standardized;
    private final FittedDispersion.Estimate dispersionEstimate;
    private final String regularization;
    private final GlmInference.Weights weightsKind;
    private final boolean quasi;
    private final RunFingerprint fingerprint;
    /** The standardisation of the class the network learns (a Gaussian network), or null for the class as is. */
    private final Standardizer targetScale;
    /** Networks trained before the session's, averaged with it into the model (EtaAverage); empty for one network. */
    private final java.util.List<Sequential> members;
    /** A ridge GLM the model averages with the network ({@link EtaAverage#withLinear}), or null. */
    private final Sequential linear;
    /** Whether {@link #completeModel} re-estimates the model's output bias ({@link OutputLevel#refit}). */
    private final boolean refitLevel;
    /** With -resume: whether the run continues a previous build's, or why it does not; else null. */
    private String resumeNote;
    /** The model {@link #completeModel} made last; a -resume build continues only it. */
    private FittedModel completed;
    /** The class values without training weight (every model predicts them with a floor); null when none. */
    private final AbsentClasses absent;
    /** The offset attribute ({@code -offset}; its values are {@code targets.offsets()}), or null for none. */
    private final OffsetColumn offsetColumn;

    /**
     * @param header             the training header (no rows)
     * @param pipeline           the fitted input pipeline
     * @param family             the output family
     * @param session            the engine's run
     * @param x                  all training inputs (standardised), for the fit statistics; null for a run that read
     *                           them from the instances (one network trained on all rows, nothing held out)
     * @param rows               with x null: the standardised training inputs read from the instances; else null
     * @param targets            all training targets and weights
     * @param glm                whether the network has no hidden layer
     * @param architecture       the network in words
     * @param optimizer          the optimiser in words
     * @param requestedBatchSize the mini-batch size option as given
     * @param standardized       whether the inputs are standardised
     * @param dispersionEstimate how the complete model estimates its dispersion
     * @param fingerprint        the data and options a -resume build must find to continue this run; null
     *                           when the run cannot be continued
     * @param resumeNote         why a -resume build did not continue the previous run; null when not asked to
     * @param weightsKind        how instance weights are read (degrees of freedom of a GLM)
     * @param quasi              quasi-likelihood standard errors for a fixed-dispersion family (GLM)
     * @param regularization     the penalty and early stopping applied, in words (for the report)
     * @param targetScale        the standardisation of the targets the session trains on, undone in every model's
     *                           output layer; null when it trains on the class as is
     * @param members            trained networks the model averages with the session's (empty: the session's alone)
     * @param linear             a fitted GLM the model averages with the session's network on the eta scale
     *                           ({@link EtaAverage#withLinear}), or null
     * @param refitLevel         whether the model's output bias is re-estimated once it is complete
     *                           ({@link AutoRegularisation.Plan#refitsLevel}, {@link OutputLevel})
     * @param offsetColumn       the offset attribute, whose values the targets carry; null for none
     */
    public TrainingRun(Instances header, InputPipeline pipeline, Family family, TrainingSession session, DMatrixRMaj x,
                       RowSource rows, Targets targets, boolean glm, String architecture, String optimizer, int requestedBatchSize,
                       boolean standardized, FittedDispersion.Estimate dispersionEstimate, RunFingerprint fingerprint,
                       String resumeNote, GlmInference.Weights weightsKind, boolean quasi, String regularization,
                       Standardizer targetScale, java.util.List<Sequential> members, Sequential linear, boolean refitLevel,
                       OffsetColumn offsetColumn) {
        this.offsetColumn = offsetColumn;
        this.targetScale = targetScale;
        this.refitLevel = refitLevel;
        this.linear = linear;
        this.absent = header.classAttribute().isNominal() ? AbsentClasses.of(AbsentClasses.classWeights(targets.y(),
                targets.weights(), header.classAttribute().numValues())) : null;
        this.members = java.util.List.copyOf(members);
        this.weightsKind = weightsKind;
        this.quasi = quasi;
        this.header = header;
        this.pipeline = pipeline;
        this.family = family;
        this.session = session;
        this.x = x;
        this.rows = x == null ? java.util.Objects.requireNonNull(rows, "rows") : null;
        this.targets = targets;
        this.glm = glm;
        this.architecture = architecture;
        this.optimizer = optimizer;
        this.requestedBatchSize = requestedBatchSize;
        this.standardized = standardized;
        this.dispersionEstimate = dispersionEstimate;
        this.regularization = regularization;
        this.fingerprint = fingerprint;
        this.resumeNote = resumeNote;
    }

    /**
     * @param now the fingerprint of a -resume build's data and options, and the classifier's model
     * @param model the classifier's current model
     * @return null when this run may continue for that build: it can train on, it made {@code model}, and
     *         data and options are the same; else why not, in words
     */
    public String whyNotContinue(RunFingerprint now, FittedModel model) {
        if (!session.isOpen()) {
            return "the previous run has ended";
        }
        if (fingerprint == null) {
            return "the previous run was built without -resume";
        }
        if (completed == null || model != completed) {
            return "the model was changed after the previous run (by updateClassifier or an aggregation)";
        }
        return now.differenceFrom(fingerprint);
    }

    /** Marks the run as continued by a -resume build (the report says from which epoch). */
    public void continued() {
        resumeNote = "continued the previous build's run from epoch " + session.epoch();
    }

    /** @return whether the run reads its inputs from the instances (it keeps no matrix of them) */
    public boolean readsInstances() {
        return x == null;
    }

    /** @return the engine's session */
    public TrainingSession session() {
        return session;
    }

    /** @return the training header */
    public Instances header() {
        return header;
    }

    /**
     * @return a model predicting with the live network, without statistics (training in progress: its
     *         predictions follow the epochs until the run's model is completed)
     */
    public FittedModel liveModel() {
        return model(targetScale == null ? session.network() : original(session.network()), null, null, null);
    }

    /** @return whether a live model is a copy of the network (trained on a standardised class), not the network */
    public boolean liveModelIsCopy() {
        return targetScale != null;
    }

    /** @return a copy of a network trained on the standardised class, predicting the class in its units */
    private Sequential original(Sequential net) {
        final Sequential copy = net.copy();
        final java.util.List<neuralglm.nn.Layer> layers = copy.layers();
        targetScale.toOriginalOutputs((neuralglm.nn.Linear) layers.get(layers.size() - 1));
        return copy;
    }

    /**
     * @param result how training went
     * @return the model with its fit statistics on all training instances
     */
    public FittedModel completeModel(TrainingResult result) {
        // a session that can train on (-resume) keeps its network: the model gets a copy, and stays as built
        final Sequential own = targetScale != null ? original(session.network())
                : session.isOpen() ? session.network().copy() : session.network();
        final Sequential net;
        if (linear != null) {
            // a GLM fitted to the standardised class (a Gaussian network's) maps back to the class's units as the network does
            net = EtaAverage.withLinear(own, targetScale != null ? original(linear) : linear);
        } else if (members.isEmpty()) {
            net = own;
        } else {
            final java.util.List<Sequential> all = new java.util.ArrayList<>();
            all.add(own);
            all.addAll(members);
            net = EtaAverage.of(all);
        }
        // without a validation split the session's training rows are x: its final pass gave the outputs (with the
        // offset, when there is one: the whole eta)
        DMatrixRMaj fitted = net == own && targetScale == null && session.validationRows() == 0
                && session.finalOutputs() != null
                && session.finalOutputs().numRows == session.trainingRows()
                ? session.finalOutputs() : withOffsets(predictAll(net));
        if (refitLevel) {
            fitted = refitLevel(net, fitted);
        }
        // refit shifted them in place: the model's outputs. Their range first, in one pass: each check reads them again
        // only when the smallest or largest could fail it (the valid eta form an interval, the saturated ones a ray)
        final double[] range = range(fitted);
        final double lo = range[0], hi = range[1];
        final boolean finite = Double.isFinite(lo) && Double.isFinite(hi);
        if (!finite) {
            checkPredictionsFinite(net, fitted);
        }
        if (!finite || family.link().meanSaturated(hi)) {
            checkMeansFollowEta(fitted, result);
        }
        if (!finite || !family.link().inDomain(lo) || !family.link().inDomain(hi)) {
            checkEtaInDomain(fitted, result);
        }
        if (glm && fitted.numCols == 1) {
            return completeGlm(net, result);
        }
        // a GLM's dispersion divides by sum w - p; a network's parameter count is not its degrees of freedom
        final int p = glm ? net.numParameters() : 0;
        final FitStatistics stats = FitStatistics.of(family, fitted, targets.y(), targets.weights(), p, targets.offsets());
        completed = model(net, result, stats,
                FittedDispersion.fit(dispersionEstimate, family, fitted, targets.y(), targets.weights(), p));
        if (glm && net == own && targetScale == null && !family.isScalar()) {
            completed = completed.withStatistics(multinomial(net, fitted, result, stats));
        }
        return completed;
    }

    /**
     * A multinomial logit's summary (R's multinom: log odds against the first class with training weight, standard
     * errors, z tests, joint tests per attribute), or the reason it has none.
     */
    private FitStatistics multinomial(Sequential net, DMatrixRMaj fitted, TrainingResult result, FitStatistics stats) {
        if (x == null || net.layers().size() != 1 || !(net.layers().get(0) instanceof neuralglm.nn.Linear)) {
            return stats.withoutSummary("standard errors need the inputs of a one-layer fit");
        }
        final neuralglm.nn.Linear out = (neuralglm.nn.Linear) net.layers().get(0);
        final String[] classes = new String[fitted.numCols];
        for (int c = 0; c < classes.length; c++) {
            classes[c] = header.classAttribute().value(completed.classValue(c));
        }
        try {
            final GlmSummary summary = neuralglm.model.MultinomialInference.summary(family, x, fitted, targets.y(),
                    targets.weights(), weightsKind, out.weight().value(), out.bias().value().data, pipeline.standardizer(),
                    pipeline.inputNames(), classes, result.epochs(), 0.95);
            return stats.withGlmSummary(summary).withJointTests(jointTests(summary));
        } catch (IllegalArgumentException e) {
            return stats.withoutSummary(e.getMessage());
        }
    }

    /**
     * No model predicts NaN or infinity on its own training instances, whatever the training did not notice: a float32
     * network trained on a standardised class of scale 1e100 has output weights beyond float's range once mapped back
     * to the class's units, and would predict NaN everywhere. Not the engine's divergence check (Trainer's, on every
     * loss of the training): that one passed; these outputs are the model's after this run's conversions (the class's
     * units, the refitted level, the average of networks), and the reasons to name are options of this face.
     *
     * @param net    the model's network
     * @param fitted its outputs (eta) on the training inputs
     * @throws IllegalArgumentException saying how many and what to change
     */
    private void checkPredictionsFinite(Sequential net, DMatrixRMaj fitted) {
        final Offenders o = Offenders.of(fitted, v -> !Double.isFinite(v));
        if (o == null) {
            return;
        }
        final boolean float32 = net.precision() == neuralglm.nn.Precision.FLOAT32;
        throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "The trained model predicts %s for %d of "
                + "the %d training instances with a class value (the first at number %d of them)%s", o.value(), o.rows(),
                fitted.numRows, o.first() + 1, float32 && targetScale != null
                ? ": it predicts in float32 (-precision float32), whose range ends at 3.4E38, and class attribute '"
                + header.classAttribute().name() + "' has a standard deviation of " + targetScale.scale()[0]
                + ". Use -precision float64, or rescale the class"
                : float32 ? ": it predicts in float32 (-precision float32), whose range ends at 3.4E38. Use -precision "
                + "float64, or rescale the inputs (or standardise them)" : ". Rescale the class or the inputs"));
    }

    /**
     * No model's eta on its own training instances lies where the family's mean function is clamped
     * ({@link neuralglm.family.Link#meanSaturated}: a log link's eta above 709, whose mean would be 8.2e307 whatever eta
     * is): the finite loss of such a fit hides a divergence (e.g. Adam's steps on unstandardised inputs of magnitude
     * 1e12), and its predictions there would be the largest double rather than a fit.
     *
     * @param fitted the model's eta on the training instances (offsets included)
     * @param result the training's result (its epochs, for the exception)
     * @throws TrainingDivergedException saying where and how far
     */
    private void checkMeansFollowEta(DMatrixRMaj fitted, TrainingResult result) {
        final neuralglm.family.Link link = family.link();
        final Offenders o = Offenders.of(fitted, link::meanSaturated);
        if (o == null) {
            return;
        }
        throw new neuralglm.train.TrainingDivergedException(Math.max(0, result.epochs() - 1), String.format(
                java.util.Locale.ROOT, "Training diverged: the trained model's eta is %s on training instance %d of the %d "
                        + "with a class value (%d of them above %.0f), where the %s link's mean exp(eta) no longer follows "
                        + "eta (it is held at exp(%.0f) = %.3g so as to stay finite); such a model predicts that for them "
                        + "instead of a fit.", o.value(), o.first() + 1, fitted.numRows, o.rows(),
                neuralglm.linalg.SafeMath.MAX_EXP_ARG, link, neuralglm.linalg.SafeMath.MAX_EXP_ARG,
                Math.exp(neuralglm.linalg.SafeMath.MAX_EXP_ARG)));
    }

    /**
     * No training instance of positive weight has an eta outside the link's domain ({@link neuralglm.family.Link#inDomain}:
     * the canonical Gamma and Inverse Gaussian links need {@code eta < 0}), where the model has no mean and predicts NaN.
     * The engine refuses such an eta on the rows training passes over, and on the rows held out for early stopping when
     * no epoch could be chosen ({@link neuralglm.train.TrainingSession#finish}; Weka fuzz seed 724639); this check covers
     * the model as this face makes it after training (its output level refitted, networks averaged).
     *
     * @param fitted the model's eta on the training instances (offsets included)
     * @param result the training's result (its epochs, for the exception)
     * @throws TrainingDivergedException naming the first such instance and how many
     */
    private void checkEtaInDomain(DMatrixRMaj fitted, TrainingResult result) {
        final neuralglm.family.Link link = family.link();
        if (fitted.numCols != 1) {
            return;   // softmax: any eta
        }
        final Offenders o = Offenders.of(fitted, targets.weights(), v -> !link.inDomain(v));
        if (o == null) {
            return;
        }
        throw new neuralglm.train.TrainingDivergedException(Math.max(0, result.epochs() - 1), String.format(
                java.util.Locale.ROOT, "Training left the domain of the %s family's %s link: the trained model's eta is "
                        + "%s on training instance %d of the %d with a class value (%d of them outside), but the link needs "
                        + "%s, so the model has no mean there. Use the log link.", family.name(), link, o.value(),
                o.first() + 1, fitted.numRows, o.rows(), link.etaDomain()));
    }

    /**
     * @param m a matrix. Not modified.
     * @return {@code {min, max}} of its entries: NaN when one is NaN (Math.min and max keep a NaN), the infinities
     *         when it has none
     */
    static double[] range(DMatrixRMaj m) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        final double[] a = m.data;
        for (int i = 0, end = m.getNumElements(); i < end; i++) {
            lo = Math.min(lo, a[i]);
            hi = Math.max(hi, a[i]);
        }
        return new double[] {lo, hi};
    }

    /**
     * The rows of a matrix with an entry a test marks: how many, the first (0-based) and its first marked entry.
     *
     * @param rows  the number of such rows
     * @param first the first of them
     * @param value its first marked entry
     */
    private record Offenders(int rows, int first, double value) {
        /** @return the rows of m with an entry that {@code marked} accepts, or null when there is none */
        static Offenders of(DMatrixRMaj m, java.util.function.DoublePredicate marked) {
            return of(m, null, marked);
        }

        /**
         * @param w row weights, or null: rows of weight 0 are left out (the model need not fit them)
         * @return the rows of m of positive weight with an entry that {@code marked} accepts, or null when there is none
         */
        static Offenders of(DMatrixRMaj m, double[] w, java.util.function.DoublePredicate marked) {
            int rows = 0, first = -1;
            double value = 0;
            for (int i = 0; i < m.numRows; i++) {
                for (int j = 0; j < m.numCols && (w == null || w[i] > 0); j++) {
                    final double v = m.data[i * m.numCols + j];
                    if (marked.test(v)) {
                        if (rows++ == 0) {
                            first = i;
                            value = v;
                        }
                        break;
                    }
                }
            }
            return rows == 0 ? null : new Offenders(rows, first, value);
        }
    }

    /**
     * Re-estimates the output level of the model by maximum likelihood ({@link OutputLevel#refit}: the average's level,
     * unpenalised). On a link whose domain is a half line ({@code eta < 0}, the canonical Gamma and Inverse Gaussian)
     * the level's maximum may lie within a few thousand ulps of its terms inside the edge, where eta as a prediction
     * computes it (network, then offset) rounds differently from the shifted outputs and may land on or beyond it: the
     * outputs are then computed afresh, and when a training row of positive weight is outside the domain the refit is
     * undone (Weka fuzz seed 6019487: -1/eta was -Infinity for 5 training instances whose shifted eta was -6.4e-13,
     * 1,441 ulps of the offset 3.5).
     *
     * @param net    the model's network: its output bias moved by the shift
     * @param fitted the network's outputs on the training rows (offsets included): shifted in place
     * @return the model's outputs on the training rows after the refit
     */
    private DMatrixRMaj refitLevel(Sequential net, DMatrixRMaj fitted) {
        final neuralglm.family.Link link = family.link();
        final boolean halfLine = fitted.numCols == 1 && !link.inDomain(0.0);
        final java.util.List<neuralglm.nn.Layer> layers = net.layers();
        // the output bias, to restore (a network not ending with a Linear layer is OutputLevel.refit's error)
        final double[] bias = !layers.isEmpty() && layers.get(layers.size() - 1) instanceof neuralglm.nn.Linear out
                ? out.bias().value().data : null;
        final double level = bias == null ? Double.NaN : bias[0];
        final DMatrixRMaj before = halfLine ? fitted.copy() : null;
        final double delta = OutputLevel.refit(net, family, fitted, targets.y(), targets.weights());
        if (delta == 0 || !halfLine) {
            return fitted;
        }
        final DMatrixRMaj fresh = withOffsets(predictAll(net));
        if (Offenders.of(fresh, targets.weights(), v -> !link.inDomain(v)) == null) {
            return fresh;
        }
        bias[0] = level;
        return before;
    }

    /** @return eta: the network's outputs plus the training offsets (a new matrix), or the outputs without an offset */
    private DMatrixRMaj withOffsets(DMatrixRMaj outputs) {
        return targets.offsets() == null ? outputs : neuralglm.family.Offsets.add(outputs, targets.offsets(), 0, null);
    }

    /** @return the network's predictions on all training inputs, from the matrix or the rows read from the instances */
    private DMatrixRMaj predictAll(Sequential net) {
        // in the network's own precision: a float32 model whose training rows leave float's range is refused
        // (checkPredictionsFinite), not predicted in double row by row as a new instance beyond that range is
        return net.predictInOwnPrecision(x != null ? RowSource.dense(x) : rows);
    }

    /**
     * A GLM's model: with -dispersion ML and a family with a distribution parameter (the negative binomial
     * alpha), first the joint maximum-likelihood fit of the coefficients and the parameter; then the
     * engine's inference (rank, degrees of freedom, standard errors) and the dispersion on n - rank.
     */
    private FittedModel completeGlm(Sequential net, TrainingResult result) {
        Family fam = family;
        int epochs = result.epochs();
        final boolean joint = dispersionEstimate == FittedDispersion.Estimate.MAXIMUM_LIKELIHOOD
                && family.distributionParameterName() != null;
        if (joint) {
            final JointMaximumLikelihood.Result r = JointMaximumLikelihood.fit(net, family, new LbfgsOptimizer(),
                    x, targets.y(), targets.weights(), session.epochLimit());
            fam = r.family();
            epochs += r.epochs();
        }
        final DMatrixRMaj fitted = withOffsets(net.predict(x));
        final GlmInference inference;
        try {
            inference = GlmInference.at(fam, x, fitted, targets.y(), targets.weights(), weightsKind, targets.offsets());
        } catch (IllegalArgumentException e) {
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            boolean separated = true;
            for (int i = 0; i < fitted.numRows; i++) {
                final double mu = fam.mean(fitted.data[i]);
                lo = Math.min(lo, mu);
                hi = Math.max(hi, mu);
                separated &= mu == 0.0 || mu == 1.0;
            }
            if (fam.link() == neuralglm.family.Link.LOGIT && separated) {   // every mean at 0 or 1
                throw new IllegalArgumentException("The GLM was fitted, but its standard errors cannot be computed ("
                        + e.getMessage() + "): every instance's fitted probability is numerically 0 or 1, the inputs "
                        + "separate the values of class attribute '" + header.classAttribute().name() + "' completely. "
                        + "Give a weight decay (-weight-decay), or use a network", e);
            }
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "The GLM was fitted, but its "
                    + "standard errors cannot be computed (%s): its fitted means of class attribute '%s', from %.4g to "
                    + "%.4g, are so small or large that the %s family's variance V(mu) under- or overflows double "
                    + "precision. Rescale the class (e.g. multiply it by a power of 10), or use a network (no standard "
                    + "errors)", e.getMessage(), header.classAttribute().name(), lo, hi, fam.name()), e);
        }
        final FittedDispersion dispersion = FittedDispersion.fit(dispersionEstimate, fam, fitted, targets.y(),
                targets.weights(), inference.rank(), inference.residualDf(), inference.weights() == GlmInference.Weights.PRIOR);
        final String[] names = pipeline.inputNames(), terms = new String[names.length + 1];
        terms[0] = "(Intercept)";
        System.arraycopy(names, 0, terms, 1, names.length);
        final GlmSummary summary = inference.summary(GlmInference.coefficientsOf(net), pipeline.standardizer(), terms,
                dispersion.phi(), dispersionSource(), quasi, joint, epochs, 0.95);
        final FitStatistics stats = FitStatistics.of(fam, fitted, targets.y(), targets.weights(), inference.rank(),
                targets.offsets())
                .withGlmSummary(summary).withJointTests(jointTests(summary));
        completed = model(net, fam, result, stats, dispersion);
        return completed;
    }

    /**
     * @param summary the GLM's summary, whose coefficients after the intercept are the pipeline's input columns (a
     *                multinomial logit's: one such block per class but the reference)
     * @return the joint tests of each input attribute's coefficients (over all classes for a multinomial logit); null
     *         when no attribute has more than one coefficient (the coefficient table's tests are then the same) or the
     *         columns' attributes are not known
     */
    private JointTests jointTests(GlmSummary summary) {
        final String[] sources = pipeline.inputAttributes();
        final int p = sources == null ? 0 : sources.length + 1;
        if (sources == null || summary.size() % p != 0) {
            return null;
        }
        final int blocks = summary.size() / p;   // a multinomial logit: one block of coefficients per class but one
        final java.util.Map<String, java.util.List<Integer>> groups = new java.util.LinkedHashMap<>();
        for (int j = 0; j < sources.length; j++) {
            for (int c = 0; c < blocks; c++) {
                groups.computeIfAbsent(sources[j], a -> new java.util.ArrayList<>()).add(c * p + j + 1);
            }
        }
        if (groups.size() == sources.length && blocks == 1) {
            return null;
        }
        final int[][] columns = new int[groups.size()][];
        int g = 0;
        for (java.util.List<Integer> c : groups.values()) {
            columns[g++] = c.stream().mapToInt(Integer::intValue).toArray();
        }
        return JointTests.of(summary, groups.keySet().toArray(new String[0]), columns);
    }

    private String dispersionSource() {
        switch (dispersionEstimate) {
            case PEARSON:
                return "Pearson chi-square / residual df";
            case DEVIANCE:
                return "deviance / residual df";
            default:
                return "maximum likelihood";
        }
    }

    private FittedModel model(Sequential net, TrainingResult result, FitStatistics stats, FittedDispersion dispersion) {
        return model(net, family, result, stats, dispersion);
    }

    /**
     * @param net the model's network
     * @return the Optimiser line's words on the arithmetic: none for float64; for a float32 build (its session's network
     *         trained in float32) whether the model predicts in float32 too, or why not (an average of networks
     *         predicts in float64; a layer wider than the float pass takes trains and predicts in float64)
     */
    private String precisionWords(Sequential net) {
        final Sequential trained = session.network();
        if (trained.precision() != neuralglm.nn.Precision.FLOAT32) {
            return "";
        }
        if (net.predictsInFloat32(pipeline.numInputs())) {
            return "; training passes and predictions in float32";
        }
        return trained.predictsInFloat32(pipeline.numInputs())
                ? "; training passes in float32, the model's predictions (an average of networks) in float64"
                : "; -precision float32 asked, but this network (a layer wider than " + Sequential.maxFloat32Width()
                + " units) trains and predicts in float64";
    }

    private FittedModel model(Sequential net, Family family, TrainingResult result, FitStatistics stats,
                              FittedDispersion dispersion) {
        final Attribute cls = header.classAttribute();
        final String optimizer = this.optimizer + precisionWords(net);
        return new FittedModel(header, pipeline, net, family, cls, result, stats, architecture, optimizer,
                session.epochLimit(), targets.weights(), standardized, requestedBatchSize,
                (int) session.trainingRows(), (int) session.validationRows(), dispersion, result == null ? null : resumeNote,
                regularization, absent, offsetColumn, session.network().trainsFasterWithVectorApi());
    }
}

package weka.classifiers.functions.neuralglm;

import neuralglm.dist.FittedDispersion;
import neuralglm.family.Family;
import neuralglm.model.FitStatistics;
import neuralglm.nn.Sequential;
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
    private final Targets targets;
    private final boolean glm;
    private final String architecture;
    private final String optimizer;
    private final int requestedBatchSize;
    private final boolean standardized;
    private final FittedDispersion.Estimate dispersionEstimate;

    /**
     * @param header             the training header (no rows)
     * @param pipeline           the fitted input pipeline
     * @param family             the output family
     * @param session            the engine's run
     * @param x                  all training inputs (standardised), for the fit statistics
     * @param targets            all training targets and weights
     * @param glm                whether the network has no hidden layer
     * @param architecture       the network in words
     * @param optimizer          the optimiser in words
     * @param requestedBatchSize the mini-batch size option as given
     * @param standardized       whether the inputs are standardised
     * @param dispersionEstimate how the complete model estimates its dispersion
     */
    public TrainingRun(Instances header, InputPipeline pipeline, Family family, TrainingSession session, DMatrixRMaj x,
                       Targets targets, boolean glm, String architecture, String optimizer, int requestedBatchSize,
                       boolean standardized, FittedDispersion.Estimate dispersionEstimate) {
        this.header = header;
        this.pipeline = pipeline;
        this.family = family;
        this.session = session;
        this.x = x;
        this.targets = targets;
        this.glm = glm;
        this.architecture = architecture;
        this.optimizer = optimizer;
        this.requestedBatchSize = requestedBatchSize;
        this.standardized = standardized;
        this.dispersionEstimate = dispersionEstimate;
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
        return model(session.network(), null, null, null);
    }

    /**
     * @param result how training went
     * @return the model with its fit statistics on all training instances
     */
    public FittedModel completeModel(TrainingResult result) {
        // a session that can train on (-resume) keeps its network: the model gets a copy, and stays as built
        final Sequential net = session.isOpen() ? session.network().copy() : session.network();
        // a GLM's dispersion divides by sum w - p; a network's parameter count is not its degrees of freedom
        final DMatrixRMaj fitted = net.predict(x);
        final int p = glm ? net.numParameters() : 0;
        final FitStatistics stats = FitStatistics.of(family, fitted, targets.y(), targets.weights(), p);
        return model(net, result, stats,
                FittedDispersion.fit(dispersionEstimate, family, fitted, targets.y(), targets.weights(), p));
    }

    private FittedModel model(Sequential net, TrainingResult result, FitStatistics stats, FittedDispersion dispersion) {
        final Attribute cls = header.classAttribute();
        return new FittedModel(header, pipeline, net, family, cls, result, stats, architecture, optimizer,
                session.epochLimit(), targets.weights(), standardized, requestedBatchSize,
                session.trainingRows(), session.validationRows(), dispersion);
    }
}

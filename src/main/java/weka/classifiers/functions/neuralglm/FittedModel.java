package weka.classifiers.functions.neuralglm;

import neuralglm.dist.FittedDispersion;

import java.io.Serializable;
import java.util.Arrays;

import neuralglm.family.Family;
import neuralglm.model.FitStatistics;
import neuralglm.nn.Linear;
import neuralglm.nn.Sequential;
import neuralglm.train.TrainingResult;
import org.ejml.data.DMatrixRMaj;
import weka.core.Attribute;
import weka.core.Instance;

/**
 * Everything a built {@link weka.classifiers.functions.NeuralGLM} keeps: the input pipeline, the
 * trained network and family, how training went and the fit statistics. Created whole at the end of
 * a successful build, so that an interrupted or failed build leaves none of it behind.
 */
public final class FittedModel implements Serializable {
    private static final long serialVersionUID = 1L;

    final InputPipeline pipeline;
    final Sequential net;
    final Family family;
    final Attribute classAttribute;
    final TrainingResult result;
    final FitStatistics statistics;
    final String architecture;
    final String optimizer;
    final int epochLimit;
    final int numInstances;
    final double sumOfWeights;
    final boolean standardized;
    final FittedDispersion dispersion;

    /**
     * @param pipeline       the fitted input pipeline
     * @param net            the trained network
     * @param family         the output family
     * @param classAttribute the class attribute
     * @param result         how training went
     * @param statistics     fit on the training data
     * @param architecture   the network in words
     * @param optimizer      the optimiser in words
     * @param epochLimit     the epoch limit
     * @param weights        the training instance weights
     * @param standardized   whether inputs were standardised
     * @param dispersion     the dispersion predictions are made with
     */
    public FittedModel(InputPipeline pipeline, Sequential net, Family family, Attribute classAttribute, TrainingResult result,
                FitStatistics statistics, String architecture, String optimizer, int epochLimit, double[] weights,
                boolean standardized, FittedDispersion dispersion) {
        this.pipeline = pipeline;
        this.net = net;
        this.family = family;
        this.classAttribute = classAttribute;
        this.result = result;
        this.statistics = statistics;
        this.architecture = architecture;
        this.optimizer = optimizer;
        this.epochLimit = epochLimit;
        this.numInstances = weights.length;
        this.sumOfWeights = Family.totalWeight(weights, weights.length);
        this.standardized = standardized;
        this.dispersion = dispersion;
    }

    /**
     * @param instance an instance of the training data's format. Not modified.
     * @return class probabilities for a nominal class; {@code {mu}} for a numeric class
     * @throws Exception when a filter fails
     */
    public double[] distribution(Instance instance) throws Exception {
        final DMatrixRMaj eta = net.predict(pipeline.transform(instance));
        if (eta.numCols > 1) {
            final DMatrixRMaj mu = new DMatrixRMaj(1, eta.numCols);
            family.mean(eta, mu);
            return Arrays.copyOf(mu.data, eta.numCols);
        }
        final double mu = family.mean(eta.data[0]);
        return classAttribute.isNominal() ? new double[] {1.0 - mu, mu} : new double[] {mu};
    }

    /** @return whether the network has no hidden layer, i.e. is a GLM */
    public boolean isGlm() {
        return net.layers().size() == 1;
    }

    /** @return for a GLM: k x (d + 1) coefficients in original attribute units, intercept first */
    public DMatrixRMaj coefficients() {
        if (!isGlm()) {
            throw new IllegalStateException("Coefficients exist only for a model without hidden layer");
        }
        final Linear out = (Linear) net.layers().get(0);
        return pipeline.standardizer().toOriginalUnits(out.weight().value(), out.bias().value());
    }

    /** @return the training loss trace (mean NLL per epoch) */
    public double[] lossTrace() {
        return result.lossTrace();
    }

    /** @return the dispersion that intervals and densities use */
    public FittedDispersion dispersion() {
        return dispersion;
    }

    /** @return the goodness of fit on the training data */
    public FitStatistics statistics() {
        return statistics;
    }
}

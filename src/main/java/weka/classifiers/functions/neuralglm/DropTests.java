package weka.classifiers.functions.neuralglm;

import neuralglm.model.DevianceTests;
import neuralglm.model.GlmSummary;
import weka.classifiers.functions.NeuralGLM;
import weka.core.Instances;

/**
 * NeuralGLM's {@code -drop-tests}: the GLM fitted again without each input attribute, with the same options, whose
 * deviances, residual df and AICs give the engine's {@link DevianceTests} (R's {@code drop1}). Orchestration only:
 * the fits are NeuralGLM builds, the tests the engine's. A refit that fails (e.g. the remaining attributes separate the
 * class, or its training diverges) leaves its row NA with the reason; an interrupt (the Explorer's Stop) ends the build.
 */
public final class DropTests {

    private DropTests() {
    }

    /**
     * @param full  the classifier that built the model (its options are the refits')
     * @param data  the training data the model was built on. Not modified.
     * @param model the GLM built on it (with a GLM summary)
     * @return the model with the tests
     * @throws InterruptedException when a refit was interrupted
     * @throws Exception            when a refit fails other than by its data (a bug)
     */
    public static FittedModel attach(NeuralGLM full, Instances data, FittedModel model) throws Exception {
        final GlmSummary summary = model.glmSummary();
        final String offset = model.offsetName();   // kept in every refit (R's drop1 keeps the offset), by name
        final int[] terms = GlmRefit.terms(data, offset);
        final int k = terms.length;
        final String[] names = new String[k], failures = new String[k];
        final double[] deviance = new double[k], df = new double[k], aic = new double[k];
        for (int g = 0; g < k; g++) {
            names[g] = data.attribute(terms[g]).name();
            GlmRefit.status(full, "-drop-tests, fitting the GLM without attribute '" + names[g] + "'", g + 1, k);
            final Instances reduced = new Instances(data);
            reduced.deleteAttributeAt(terms[g]);
            final GlmRefit fit = GlmRefit.of(full, reduced, offset);
            deviance[g] = fit.deviance();
            df[g] = fit.residualDf();
            aic[g] = fit.aic();
            failures[g] = fit.failure();
        }
        return model.withDevianceTests(DevianceTests.of(summary, names, deviance, df, aic, failures));
    }
}

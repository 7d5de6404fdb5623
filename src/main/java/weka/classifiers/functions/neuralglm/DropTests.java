package weka.classifiers.functions.neuralglm;

import java.util.ArrayList;
import java.util.List;

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
        final List<String> names = new ArrayList<>();
        final List<GlmRefit> fits = new ArrayList<>();
        final String offset = model.offsetName();   // kept in every refit (R's drop1 keeps the offset), by name
        final int terms = data.numAttributes() - (offset == null ? 1 : 2);
        for (int a = 0; a < data.numAttributes(); a++) {
            if (a == data.classIndex() || data.attribute(a).name().equals(offset)) {
                continue;
            }
            names.add(data.attribute(a).name());
            GlmRefit.status(full, "-drop-tests, fitting the GLM without attribute '" + data.attribute(a).name() + "'",
                    names.size(), terms);
            final Instances reduced = new Instances(data);
            reduced.deleteAttributeAt(a);
            fits.add(GlmRefit.of(full, reduced, offset));
        }
        final int k = names.size();
        final double[] deviance = new double[k], df = new double[k], aic = new double[k];
        final String[] failures = new String[k];
        for (int g = 0; g < k; g++) {
            deviance[g] = fits.get(g).deviance();
            df[g] = fits.get(g).residualDf();
            aic[g] = fits.get(g).aic();
            failures[g] = fits.get(g).failure();
        }
        return model.withDevianceTests(DevianceTests.of(summary, names.toArray(new String[0]), deviance, df, aic, failures));
    }
}

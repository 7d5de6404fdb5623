package weka.classifiers.functions.neuralglm;

import neuralglm.model.SequentialDevianceTests;
import weka.classifiers.functions.NeuralGLM;
import weka.core.Instances;

/**
 * NeuralGLM's {@code -anova}: the GLM fitted again on the first 1, 2, ..., k - 1 of its k input attributes (in the
 * data's order), with the same options and the offset kept, whose deviances and residual df give the engine's
 * {@link SequentialDevianceTests} (R's {@code anova(fit)}); the intercept-only model and the full fit come from the
 * model's summary. Orchestration only: the fits are NeuralGLM builds, the tests the engine's. A refit that fails leaves
 * its row NA with the reason; an interrupt (the Explorer's Stop) ends the build.
 */
public final class SequentialTests {

    private SequentialTests() {
    }

    /**
     * @param full  the classifier that built the model (its options are the refits')
     * @param data  the training data the model was built on. Not modified.
     * @param model the GLM built on it (with a GLM summary)
     * @return the model with the analysis of deviance
     * @throws InterruptedException when a refit was interrupted
     * @throws Exception            when a refit fails other than by its data (a bug)
     */
    public static FittedModel attach(NeuralGLM full, Instances data, FittedModel model) throws Exception {
        final String offset = model.offsetName();   // in every model of the sequence, as in R's anova
        final int[] terms = GlmRefit.terms(data, offset);
        final int k = terms.length;
        final String[] names = new String[k];
        for (int j = 0; j < k; j++) {
            names[j] = data.attribute(terms[j]).name();
        }
        final double[] deviance = new double[Math.max(0, k - 1)], df = new double[deviance.length];
        final String[] failures = new String[deviance.length];
        for (int j = 1; j < k; j++) {   // the model of the first j terms: the others deleted, last first
            GlmRefit.status(full, "-anova, fitting the GLM of the first " + j + " attributes", j, k - 1);
            final Instances reduced = new Instances(data);
            for (int t = k - 1; t >= j; t--) {
                reduced.deleteAttributeAt(terms[t]);
            }
            final GlmRefit fit = GlmRefit.of(full, reduced, offset);
            deviance[j - 1] = fit.deviance();
            df[j - 1] = fit.residualDf();
            failures[j - 1] = fit.failure();
        }
        return k == 0 ? model : model.withSequentialTests(SequentialDevianceTests.of(model.glmSummary(), names, deviance, df,
                failures));
    }
}

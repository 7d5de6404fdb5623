package weka.classifiers.functions.neuralglm;

import neuralglm.model.GlmSummary;
import weka.classifiers.functions.NeuralGLM;
import weka.core.Instances;

/**
 * One refit of a GLM on some of its input attributes, with the full fit's options (the offset kept, by name; no
 * further refits of its own), for the tests that compare fits ({@link DropTests}, {@link SequentialTests}): the
 * refit's deviance, residual degrees of freedom and AIC, or why it failed (NaN statistics then). Orchestration only.
 *
 * @param deviance   its deviance
 * @param residualDf its residual df (from the summary's rank)
 * @param aic        its AIC (NaN where it has none)
 * @param failure    why it failed or has no summary; null when it did not
 */
record GlmRefit(double deviance, double residualDf, double aic, String failure) {

    /**
     * @param full    the classifier that built the full GLM (its options are the refit's)
     * @param reduced the training data with only the attributes to fit (and the class, and the offset attribute)
     * @param offset  the offset attribute's name, or null for none
     * @return the refit's statistics, or its failure when the data defeat it (separation, divergence)
     * @throws InterruptedException when the refit was interrupted (the Explorer's Stop)
     * @throws Exception            when it fails other than by its data (a bug)
     */
    static GlmRefit of(NeuralGLM full, Instances reduced, String offset) throws Exception {
        final NeuralGLM refit = new NeuralGLM();
        refit.setOptions(full.getOptions());
        refit.setDropTests(false);
        refit.setAnova(false);
        if (offset != null) {
            refit.setOffset(offset);
        }
        try {
            refit.buildClassifier(reduced);
            final FittedModel m = refit.fittedModel();
            final GlmSummary r = m.glmSummary();
            if (r == null) {   // its degrees of freedom come from the summary's rank
                return failed("it has no GLM summary" + (m.statistics.noSummary() == null ? ""
                        : ": " + m.statistics.noSummary()));
            }
            return new GlmRefit(r.deviance(), r.residualDf(), r.aic(), null);
        } catch (IllegalArgumentException | IllegalStateException | neuralglm.train.TrainingDivergedException e) {
            return failed(e.getMessage());
        }
    }

    /**
     * @param data   the training data
     * @param offset the offset attribute's name, or null for none
     * @return the input attributes a refit may leave out, in the data's order: all but the class and the offset
     */
    static int[] terms(Instances data, String offset) {
        return java.util.stream.IntStream.range(0, data.numAttributes())
                .filter(a -> a != data.classIndex() && !data.attribute(a).name().equals(offset)).toArray();
    }

    private static GlmRefit failed(String why) {
        return new GlmRefit(Double.NaN, Double.NaN, Double.NaN, why);
    }

    /**
     * Tells the Explorer's status bar which refit runs (each is a whole fit).
     *
     * @param full  the classifier (its log, if any)
     * @param what  e.g. "-drop-tests, fitting the GLM without attribute 'x'"
     * @param count which refit, from 1
     * @param of    how many
     */
    static void status(NeuralGLM full, String what, int count, int of) {
        if (full.getLog() != null) {
            full.getLog().statusMessage("NeuralGLM: " + what + " (" + count + " of " + of + ")");
        }
    }
}

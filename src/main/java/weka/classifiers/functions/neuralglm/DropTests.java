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
        final List<double[]> fits = new ArrayList<>();
        final List<String> failures = new ArrayList<>();
        final String[] options = full.getOptions();
        final String offset = model.offsetName();   // kept in every refit (R's drop1 keeps the offset), by name
        for (int a = 0; a < data.numAttributes(); a++) {
            if (a == data.classIndex() || data.attribute(a).name().equals(offset)) {
                continue;
            }
            names.add(data.attribute(a).name());
            if (full.getLog() != null) {   // the Explorer's status bar: each refit is a whole fit
                full.getLog().statusMessage("NeuralGLM: -drop-tests, fitting the GLM without attribute '"
                        + data.attribute(a).name() + "' (" + names.size() + " of " + (data.numAttributes()
                        - (offset == null ? 1 : 2)) + ")");
            }
            final Instances reduced = new Instances(data);
            reduced.deleteAttributeAt(a);
            final NeuralGLM refit = new NeuralGLM();
            refit.setOptions(options.clone());
            refit.setDropTests(false);
            if (offset != null) {
                refit.setOffset(offset);
            }
            try {
                refit.buildClassifier(reduced);
                final FittedModel m = refit.fittedModel();
                final GlmSummary r = m.glmSummary();
                if (r == null) {   // its degrees of freedom come from the summary's rank
                    fits.add(new double[] {Double.NaN, Double.NaN, Double.NaN});
                    failures.add("it has no GLM summary" + (m.statistics.noSummary() == null ? ""
                            : ": " + m.statistics.noSummary()));
                    continue;
                }
                fits.add(new double[] {r.deviance(), r.residualDf(), r.aic()});
                failures.add(null);
            } catch (IllegalArgumentException | IllegalStateException | neuralglm.train.TrainingDivergedException e) {
                fits.add(new double[] {Double.NaN, Double.NaN, Double.NaN});
                failures.add(e.getMessage());
            }
        }
        final int k = names.size();
        final double[] deviance = new double[k], df = new double[k], aic = new double[k];
        for (int g = 0; g < k; g++) {
            deviance[g] = fits.get(g)[0];
            df[g] = fits.get(g)[1];
            aic[g] = fits.get(g)[2];
        }
        return model.withDevianceTests(DevianceTests.of(summary, names.toArray(new String[0]), deviance, df, aic,
                failures.toArray(new String[0])));
    }
}

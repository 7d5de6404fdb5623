package weka.classifiers.functions.neuralglm;

import java.util.Locale;

import neuralglm.model.GlmTable;
import org.ejml.data.DMatrixRMaj;

/**
 * The text of {@link weka.classifiers.functions.NeuralGLM#toString()} for a built model: network,
 * family and link, optimiser, epochs, data handling, the fit statistics and, for a GLM, the coefficient
 * table in the original attribute units (as {@code Logistic} and {@code LinearRegression} print).
 */
public final class ModelReport {

    private ModelReport() {
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    /**
     * @param m a fitted model
     * @return the report
     */
    public static String of(FittedModel m) {
        return of(m, "");
    }

    /**
     * @param m     a fitted model
     * @param notes lines about what happened after the build (stream updates, averaging); may be empty
     * @return the report
     */
    public static String of(FittedModel m, String notes) {
        final StringBuilder sb = new StringBuilder();
        final String title = m.isGlm() ? "NeuralGLM: generalized linear model (no hidden layer)"
                : "NeuralGLM: neural network with an exponential-family output";
        sb.append(title).append('\n').append("=".repeat(title.length())).append("\n\n");
        final String cls = m.classAttribute.isNominal()
                ? "nominal, " + m.classAttribute.numValues() + " values" : "numeric";
        line(sb, "Class attribute", "'" + m.classAttribute.name() + "' (" + cls + ")");
        line(sb, "Family", m.family.name() + ", link " + m.family.link());
        line(sb, "Network", m.architecture + " (" + m.net.numParameters() + " parameters)");
        if (m.origin != null) {
            return trainedElsewhere(sb, m);
        }
        final String kernels = KernelNote.forReport(m.vectorApiFaster);
        if (kernels != null) {
            line(sb, "Kernels", kernels);
        }
        line(sb, "Optimiser", m.optimizer);
        if (m.regularization != null) {
            line(sb, "Regularisation", m.regularization);
        }
        if (m.result != null) {
            line(sb, "Epochs run", m.result.epochs() + " of " + m.epochLimit
                    + (m.result.converged() ? " (the optimiser converged)" : ""));
            line(sb, "Stopped", m.result.describeStop() + whatItMeans(m));
            if (m.resumeNote != null) {
                line(sb, "Resume", m.resumeNote);
            }
        } else {
            line(sb, "Epochs run", "training in progress, or learned from a stream");
        }
        if (m.validationRows > 0) {
            line(sb, "Early stopping", m.validationRows + " of " + m.numInstances + " instances held out for validation "
                    + "(stratified by class for a nominal class); the network keeps the weights of the best validation epoch");
        }
        if (m.requestedBatchSize > 0) {
            line(sb, "Mini-batches", m.requestedBatchSize >= m.trainingRows
                    ? m.requestedBatchSize + " rows requested, but there are only " + m.trainingRows
                    + " training rows: each epoch is one full-batch step"
                    : m.requestedBatchSize + " rows each (last one smaller), shuffled every epoch");
        }
        line(sb, "Training data", m.numInstances + " instances with a class value, sum of weights " + num(m.sumOfWeights));
        absent(sb, m);
        inputs(sb, m);
        if (m.offsetColumn != null) {
            line(sb, "Offset", "attribute '" + m.offsetColumn.name() + "' is added to eta (the linear predictor) as a "
                    + "known term, not an input: eta = f(x) + " + m.offsetColumn.name() + " (R's offset())");
        }
        if (!notes.isEmpty()) {
            sb.append(notes);
        }
        if (m.statistics == null) {
            sb.append('\n').append("Fit statistics: not computed (training in progress, or the model learned from a stream)\n");
            if (m.isGlm()) {
                sb.append('\n').append(coefficientTable(m));
            }
            return sb.toString();
        }
        sb.append('\n').append("Fit on the training data\n");
        line(sb, "  Mean NLL", num(m.statistics.meanNll()) + " (per unit weight, constants dropped)");
        line(sb, "  Deviance", num(m.statistics.deviance()));
        line(sb, "  Null deviance", num(m.statistics.nullDeviance()) + (m.offsetColumn == null ? " (intercept-only model)"
                : " (intercept-only model with the offset)"));
        line(sb, "  Dispersion", m.dispersion.describe());
        uncertainty(sb, m);
        if (m.glmSummary() != null) {
            sb.append('\n').append(GlmTable.format(m.glmSummary(), m.optimizer.startsWith("LBFGS")
                    ? "L-BFGS iterations" : "Optimiser epochs"));
            if (m.jointTests() != null) {
                sb.append('\n').append(m.jointTests().format());
            }
            if (m.devianceTests() != null) {
                sb.append('\n').append(m.devianceTests().format());
            }
            if (m.sequentialTests() != null) {
                sb.append('\n').append(m.sequentialTests().format());
            }
        } else if (m.isGlm()) {
            line(sb, "  Std. errors", m.statistics.noSummary() != null ? "not computed: " + m.statistics.noSummary()
                    : "for one-output GLMs and multinomial logits only");
            sb.append('\n').append(coefficientTable(m));
        } else {
            line(sb, "  Std. errors", "for GLM mode only (-hidden none): a network's weights have none");
        }
        return sb.toString();
    }

    /** @return why the run ended, in a Weka user's terms: what it implies and what to change */
    private static String whatItMeans(FittedModel m) {
        switch (m.result.stopReason()) {
            case CONVERGED:
                return " (the gradient fell below the optimiser's tolerance: more epochs would not change the model)";
            case NO_IMPROVEMENT:
                return " (early stopping: training longer would fit the training instances better but predict "
                        + "held-out ones worse)";
            case EPOCH_LIMIT:
                if (m.isGlm()) {
                    return " (the fit may not be fully converged: raise -epochs)";
                }
                // a Gaussian network under the automatic weight decay: its fits stop at CONVERGED_EPOCHS whatever -epochs
                return m.regularization != null && m.regularization.contains("(for at most " + m.epochLimit + " epochs)")
                        && m.epochLimit == neuralglm.train.AutoRegularisation.CONVERGED_EPOCHS
                        ? " (the most epochs of the fits that choose a Gaussian network's automatic weight decay and of its "
                                + "model, which predicted better than fits to 500 in the held-out study; give -weight-decay to "
                                + "train longer)"
                        : " (raise -epochs to train longer)";
            default:
                return "";
        }
    }

    private static void inputs(StringBuilder sb, FittedModel m) {
        line(sb, "Inputs", m.pipeline.describeColumns()
                + (m.standardized ? ", standardised to weighted mean 0 and sd 1" + (m.pipeline instanceof InputPipeline p
                        && p.binaryScale() > 0 ? " (0/1 columns: centred and divided by " + p.binaryScale()
                        + ", the automatic weight decay's scale for a network fitted to convergence)" : "")
                        : ", not standardised"));
        line(sb, "Missing values", m.pipeline.describeMissing());
    }

    private static void uncertainty(StringBuilder sb, FittedModel m) {
        if (!m.classAttribute.isNominal()) {
            line(sb, "  Uncertainty", m.dispersion.unavailable() != null
                    ? "none: predictIntervals gives NaN bounds and logDensity NaN (" + m.dispersion.unavailable() + ")"
                    : "predictIntervals and logDensity use the " + m.family.name()
                    + " distribution at the predicted mean with this dispersion");
        }
    }

    /** The report of a model trained outside Weka: where, how it went (loss trace), its inputs. */
    private static String trainedElsewhere(StringBuilder sb, FittedModel m) {
        line(sb, "Trained on", m.origin);
        final double[] trace = m.result.lossTrace();
        line(sb, "Epochs run", m.result.epochs() + (m.result.converged() ? " (the optimiser converged)" : ""));
        line(sb, "Stopped", m.result.describeStop());
        line(sb, "Loss trace", trace.length == 0 ? "empty" : "mean NLL " + num(trace[0]) + " at epoch 1, "
                + num(trace[trace.length - 1]) + " at epoch " + trace.length + "; " + num(m.result.finalLoss())
                + " after the last step (per unit weight, constants dropped)");
        absent(sb, m);
        inputs(sb, m);
        sb.append('\n').append("Fit statistics: not available (the model was trained outside Weka; only its loss trace "
                + "is kept)\n");
        line(sb, "  Dispersion", m.dispersion.unavailable() != null ? "not estimated" : m.dispersion.describe());
        uncertainty(sb, m);
        if (m.isGlm()) {
            sb.append('\n').append(coefficientTable(m));
        }
        return sb.toString();
    }

    /** The class values without training weight and the floor they are predicted with. */
    private static void absent(StringBuilder sb, FittedModel m) {
        if (m.absent == null) {
            return;
        }
        final String[] names = new String[m.absent.numClasses()];
        for (int c = 0; c < names.length; c++) {
            names[c] = m.classAttribute.value(m.classValue(c));
        }
        line(sb, "Absent classes", m.absent.describe(names) + " (1/2 / (sum of weights " + num(m.absent.totalWeight())
                + " + " + names.length + " classes / 2): the add-half estimate); the other classes share the rest in the "
                + "network's ratios");
    }

    private static void line(StringBuilder sb, String key, String value) {
        sb.append(String.format(Locale.ROOT, "%-18s %s%n", key + ":", value));
    }

    private static String coefficientTable(FittedModel m) {
        final DMatrixRMaj beta = m.coefficients();
        final int k = beta.numRows, d = beta.numCols - 1;
        final String[] heads = new String[k];
        if (k > 1) {
            for (int r = 0; r < k; r++) {
                heads[r] = m.classAttribute.value(m.classValue(r));
            }
        } else if (m.classAttribute.isNominal()) {
            heads[0] = m.family.link() + "(P(" + m.classAttribute.value(m.classValue(1)) + "))";
        } else {
            heads[0] = m.family.link() + "(mu)";
        }
        final String[] rows = new String[d + 1];
        rows[0] = "Intercept";
        System.arraycopy(m.pipeline.inputNames(), 0, rows, 1, d);
        int nameWidth = "Variable".length();
        for (String r : rows) {
            nameWidth = Math.max(nameWidth, r.length());
        }
        int colWidth = 14;
        for (String h : heads) {
            colWidth = Math.max(colWidth, h.length() + 1);
        }
        final StringBuilder sb = new StringBuilder();
        sb.append("Coefficients in the original attribute units: eta = Intercept + sum of coefficient * value\n");
        if (k > 1) {
            sb.append("(softmax: one column per class value; only differences between columns are identified)\n");
        }
        sb.append(String.format(Locale.ROOT, "%-" + nameWidth + "s", "Variable"));
        for (String h : heads) {
            sb.append(String.format(Locale.ROOT, " %" + colWidth + "s", h));
        }
        sb.append('\n').append("-".repeat(nameWidth + k * (colWidth + 1))).append('\n');
        for (int j = 0; j <= d; j++) {
            sb.append(String.format(Locale.ROOT, "%-" + nameWidth + "s", rows[j]));
            for (int r = 0; r < k; r++) {
                sb.append(String.format(Locale.ROOT, " %" + colWidth + "s", num(beta.get(r, j))));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}

package neuralglm.jython;

import java.util.List;
import java.util.Locale;

import neuralglm.family.Family;
import neuralglm.model.GlmInference;
import neuralglm.model.GlmSummary;
import neuralglm.model.Standardizer;
import neuralglm.nn.Layer;
import neuralglm.nn.Linear;
import neuralglm.nn.Sequential;
import org.ejml.data.DMatrixRMaj;

/**
 * {@code model.summary(family, X, y, ...)} of a trained GLM (a {@code nn.Linear(d, 1)}, alone or as the only
 * layer of a {@code nn.Sequential}): the engine's {@link GlmInference} at the model's coefficients on the rows
 * given, as R's {@code summary.glm} (printing the result prints R's layout; its methods give full
 * precision: {@code estimates()}, {@code standardErrors()}, {@code pValues()}, {@code aic()}, ...). An estimated
 * dispersion is Pearson chi-square / (n - rank), as R's summary.glm.
 */
final class GlmSummaries {

    private GlmSummaries() {
    }

    /**
     * @param layer  the module's engine layer
     * @param family the family the model was trained with
     * @param x      the inputs, n x d
     * @param y      the targets, n x 1 (or n)
     * @param w      weights (n) or null
     * @param kind   "frequency" or "prior"
     * @param quasi  quasi-likelihood dispersion for a fixed-dispersion family
     * @param names  the d input names, or null for x1..xd
     * @return the summary
     */
    static GlmSummary of(Layer layer, TorchFamily family, Tensor x, Tensor y, Tensor w, String kind, boolean quasi,
                         List<String> names) {
        Layer l = layer;
        if (l instanceof Sequential && ((Sequential) l).layers().size() == 1) {
            l = ((Sequential) l).layers().get(0);
        }
        if (!(l instanceof Linear) || ((Linear) l).outputs() != 1) {
            throw Errors.value("summary() needs a GLM: one Linear layer with one output (e.g. nn.Linear(d, 1)), got "
                    + layer);
        }
        final Linear lin = (Linear) l;
        final int d = lin.inputs();
        final DMatrixRMaj xm = x.matrix();
        if (xm.numCols != d) {
            throw Errors.value("summary(): X has " + xm.numCols + " columns, the model takes " + d);
        }
        final DMatrixRMaj ym = new DMatrixRMaj(xm.numRows, 1, true, y.matrix().data.clone());
        if (y.matrix().getNumElements() != xm.numRows) {
            throw Errors.value("summary(): y has " + y.matrix().getNumElements() + " values for " + xm.numRows + " rows");
        }
        final double[] wv = w == null ? null : w.matrix().data.clone();
        if (wv != null && wv.length != xm.numRows) {
            throw Errors.value("summary(): weights have " + wv.length + " values for " + xm.numRows + " rows");
        }
        final GlmInference.Weights k;
        try {
            k = GlmInference.Weights.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Errors.value("summary(): weights must be 'frequency' or 'prior', got '" + kind + "'");
        }
        final String[] terms = new String[d + 1];
        terms[0] = "(Intercept)";
        for (int j = 0; j < d; j++) {
            terms[j + 1] = names != null && j < names.size() ? String.valueOf(names.get(j)) : "x" + (j + 1);
        }
        final double[] beta = new double[d + 1];
        beta[0] = lin.bias().value().data[0];
        System.arraycopy(lin.weight().value().data, 0, beta, 1, d);
        try {
            final Family fam = family.engine();
            fam.checkTargets(ym);
            final DMatrixRMaj eta = lin.predict(xm);
            final GlmInference inf = GlmInference.at(fam, xm, eta, ym, wv, k);
            final double phi = fam.hasFixedDispersion() ? 1.0 : inf.pearsonDispersion();
            return inf.summary(beta, Standardizer.identity(d), terms, phi, "Pearson chi-square / residual df", quasi,
                    false, 0, 0.95);
        } catch (RuntimeException e) {
            throw Errors.translate(e);
        }
    }
}

package neuralglm.jython;

import java.util.List;
import java.util.Locale;

import neuralglm.family.Family;
import neuralglm.family.Offsets;
import neuralglm.model.GlmInference;
import neuralglm.model.GlmSummary;
import neuralglm.model.MultinomialInference;
import neuralglm.model.Standardizer;
import neuralglm.nn.Layer;
import neuralglm.nn.Linear;
import neuralglm.nn.Sequential;
import org.ejml.data.DMatrixRMaj;

/**
 * {@code model.summary(family, X, y, ...)} of a trained GLM (a {@code nn.Linear(d, 1)}, alone or as the only
 * layer of a {@code nn.Sequential}): the engine's {@link GlmInference} at the model's coefficients on the rows
 * given, as R's {@code summary.glm}; a {@code nn.Linear(d, k)} with {@code torch.families.Categorical()}: the
 * multinomial logit's ({@link MultinomialInference}, R's {@code summary(multinom)}) (printing the result prints R's layout; its methods give full
 * precision: {@code estimates()}, {@code standardErrors()}, {@code pValues()}, {@code aic()}, ...). An estimated
 * dispersion is Pearson chi-square / (n - rank), as R's summary.glm. With an offset (R's {@code glm(..., offset)}, a
 * GLM of one output) every statistic is at {@code eta = X b + offset} and the null deviance is the intercept-only
 * fit's with the offset ({@link Offsets#nullIntercept}).
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
     * @param offset the offsets on the eta scale (n), or null for none
     * @return the summary
     */
    static GlmSummary of(Layer layer, TorchFamily family, Tensor x, Tensor y, Tensor w, String kind, boolean quasi,
                         List<String> names, Tensor offset) {
        Layer l = layer;
        if (l instanceof Sequential && ((Sequential) l).layers().size() == 1) {
            l = ((Sequential) l).layers().get(0);
        }
        if (l instanceof Linear && ((Linear) l).outputs() > 1 && !family.engine().isScalar()) {
            if (offset != null) {
                throw Errors.value("summary(): an offset needs a one-output family; " + family.getName()
                        + " has one linear predictor per class");
            }
            return multinomial((Linear) l, family.engine(), x, y, w, kind, names);
        }
        if (!(l instanceof Linear) || ((Linear) l).outputs() != 1) {
            throw Errors.value("summary() needs a GLM: one Linear layer with one output (e.g. nn.Linear(d, 1)), or k "
                    + "outputs for torch.families.Categorical() (a multinomial logit), got " + layer);
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
        final double[] ov = offsets(offset, xm.numRows);
        final GlmInference.Weights k = weights(kind);
        final String[] inputs = inputNames(names, d);
        final String[] terms = new String[d + 1];
        terms[0] = "(Intercept)";
        System.arraycopy(inputs, 0, terms, 1, d);
        final double[] beta = new double[d + 1];
        beta[0] = lin.bias().value().data[0];
        System.arraycopy(lin.weight().value().data, 0, beta, 1, d);
        try {
            final Family fam = family.engine();
            fam.checkTargets(ym);
            final DMatrixRMaj eta = lin.predict(xm);
            if (ov != null) {
                Offsets.add(eta, ov, 0, eta);
            }
            final GlmInference inf = GlmInference.at(fam, xm, eta, ym, wv, k, ov);
            final double phi = fam.hasFixedDispersion() ? 1.0 : inf.pearsonDispersion();
            return inf.summary(beta, Standardizer.identity(d), terms, phi, "Pearson chi-square / residual df", quasi,
                    false, 0, 0.95);
        } catch (RuntimeException e) {
            throw Errors.translate(e);
        }
    }

    /**
     * @return the offsets as an array, or null for none
     * @throws org.python.core.PyException a ValueError for a count other than n or a value that is not finite (naming
     *         its row)
     */
    private static double[] offsets(Tensor offset, int n) {
        if (offset == null) {
            return null;
        }
        final double[] o = java.util.Arrays.copyOf(offset.data.data, offset.numel());   // as stored, as x and y
        if (o.length != n) {
            throw Errors.value("summary(): offset has " + o.length + " values for " + n + " rows (give one per row of X, "
                    + "on the scale of eta)");
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(o[i])) {
                throw Errors.value("summary(): offset " + o[i] + " at row " + i + " is not finite; offsets must be "
                        + "finite numbers on the scale of eta");
            }
        }
        return o;
    }

    private static GlmInference.Weights weights(String kind) {
        try {
            return GlmInference.Weights.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Errors.value("summary(): weights must be 'frequency' or 'prior', got '" + kind + "'");
        }
    }

    private static String[] inputNames(List<String> names, int d) {
        final String[] out = new String[d];
        for (int j = 0; j < d; j++) {
            out[j] = names != null && j < names.size() ? String.valueOf(names.get(j)) : "x" + (j + 1);
        }
        return out;
    }

    /**
     * A {@code nn.Linear(d, k)} trained with the Categorical family (cross-entropy): R's multinom summary
     * ({@link MultinomialInference}), the log odds of classes 1 .. k-1 against class 0; y holds class indices (n) or
     * one-hot rows (n x k).
     */
    private static GlmSummary multinomial(Linear lin, Family fam, Tensor x, Tensor y, Tensor w, String kind,
                                          List<String> names) {
        final int d = lin.inputs(), k = lin.outputs();
        final DMatrixRMaj xm = x.matrix();
        final int n = xm.numRows;
        if (xm.numCols != d) {
            throw Errors.value("summary(): X has " + xm.numCols + " columns, the model takes " + d);
        }
        final DMatrixRMaj ym = new DMatrixRMaj(n, k);
        final DMatrixRMaj yt = y.matrix();
        if (yt.getNumElements() == n) {
            for (int i = 0; i < n; i++) {
                final double c = yt.data[i];
                if (!(c >= 0 && c < k && c == Math.rint(c))) {
                    throw Errors.value("summary(): y[" + i + "] = " + c + " is not a class index 0.." + (k - 1));
                }
                ym.set(i, (int) c, 1.0);
            }
        } else if (yt.getNumElements() == n * k) {
            System.arraycopy(yt.data, 0, ym.data, 0, n * k);
        } else {
            throw Errors.value("summary(): y has " + yt.getNumElements() + " values for " + n + " rows of " + k
                    + " classes: give class indices (n) or one-hot rows (n x k)");
        }
        final double[] wv = w == null ? null : w.matrix().data.clone();
        if (wv != null && wv.length != n) {
            throw Errors.value("summary(): weights have " + wv.length + " values for " + n + " rows");
        }
        final String[] classes = new String[k];
        for (int c = 0; c < k; c++) {
            classes[c] = Integer.toString(c);
        }
        try {
            fam.checkTargets(ym);
            return MultinomialInference.summary(fam, xm, lin.predict(xm), ym, wv, weights(kind), lin.weight().value(),
                    lin.bias().value().data, Standardizer.identity(d), inputNames(names, d), classes, 0, 0.95);
        } catch (RuntimeException e) {
            throw Errors.translate(e);
        }
    }
}

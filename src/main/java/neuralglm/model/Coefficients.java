package neuralglm.model;

import java.util.ArrayList;
import java.util.List;

import neuralglm.nn.Linear;
import org.ejml.data.DMatrixRMaj;

/**
 * The coefficients of a {@link TabularModel} without hidden layers (a GLM), in the original units of its
 * features and with each nominal feature coded against a reference level:
 * <pre>
 *   eta_k = beta_k0 + sum_{numeric j} beta_kj x_j + sum_{nominal j} sum_{c != ref_j} beta_kjc [x_j = c]
 * </pre>
 * From the network's {@code eta = b + W z} on the standardised inputs {@code z = (x - m) / s}: first
 * {@code beta_j = W_j / s_j}, {@code beta_0 = b - sum_j W_j m_j / s_j} ({@link Standardizer#toOriginalUnits});
 * then, for a nominal feature with K &gt; 2 categories encoded as K 0/1 columns (exactly one of which is 1 in
 * every row, a missing value counting as the mode), the reference level {@code ref} (the first category in
 * sorted order) is taken out: {@code beta_c <- beta_c - beta_ref} and {@code beta_0 <- beta_0 + beta_ref}.
 * This changes no prediction: it is the same eta for every row, written without the K-th, redundant dummy.
 * A two-category feature is already one column {@code [x = c_2]} against {@code c_1}.
 *
 * @param names  one per coefficient: {@code (intercept)}, a numeric feature's name, or {@code colour=green}
 * @param refs   for a dummy, its reference level; null otherwise
 * @param values k x p: one row per output (per class for Categorical)
 */
public record Coefficients(String[] names, String[] refs, double[][] values) {

    /**
     * @param model a model without hidden layers
     * @return its coefficients in original units, nominal features against their first category
     * @throws IllegalArgumentException for a network with hidden layers
     */
    public static Coefficients of(TabularModel model) {
        if (model.network().layers().size() != 1 || !(model.network().layers().get(0) instanceof Linear)) {
            throw new IllegalArgumentException("Coefficients exist for a GLM (no hidden layers); this network has "
                    + model.network().layers().size() + " layers");
        }
        final Linear out = (Linear) model.network().layers().get(0);
        final TabularEncoder e = model.encoder();
        final DMatrixRMaj full = new Standardizer(e.centre(), e.scale()).toOriginalUnits(out.weight().value(), out.bias().value());
        final int k = full.numRows;
        final List<String> names = new ArrayList<>(List.of("(intercept)"));
        final List<String> refs = new ArrayList<>();
        refs.add(null);
        final List<double[]> columns = new ArrayList<>();
        final double[] intercept = new double[k];
        for (int r = 0; r < k; r++) {
            intercept[r] = full.get(r, 0);
        }
        columns.add(intercept);
        int col = 0;
        for (int j = 0; j < e.names.length; j++) {
            final String[] cats = e.nominal[j] ? e.categories[j] : null;
            if (cats == null || cats.length <= 2) {
                names.add(e.inputNames[col]);
                refs.add(cats != null && cats.length == 2 ? cats[0] : null);
                columns.add(column(full, col));
                col++;
                continue;
            }
            final double[] ref = column(full, col);
            for (int r = 0; r < k; r++) {
                intercept[r] += ref[r];
            }
            for (int c = 1; c < cats.length; c++) {
                final double[] v = column(full, col + c);
                for (int r = 0; r < k; r++) {
                    v[r] -= ref[r];
                }
                names.add(e.inputNames[col + c]);
                refs.add(cats[0]);
                columns.add(v);
            }
            col += cats.length;
        }
        final double[][] values = new double[k][columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            for (int r = 0; r < k; r++) {
                values[r][c] = columns.get(c)[r];
            }
        }
        return new Coefficients(names.toArray(new String[0]), refs.toArray(new String[0]), values);
    }

    private static double[] column(DMatrixRMaj full, int inputColumn) {
        final double[] v = new double[full.numRows];
        for (int r = 0; r < v.length; r++) {
            v[r] = full.get(r, inputColumn + 1);
        }
        return v;
    }
}

package neuralglm.model;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Turns the feature cells of a table row into the network's input vector, the way the Weka face's
 * input pipeline does (ReplaceMissingValues, NominalToBinary, standardisation with weighted moments):
 * <ol>
 * <li>missing cells (null, NaN) become the weighted training mean (numeric) or the weighted mode
 *     (nominal; ties go to the first category in sorted order); a category not seen in training is
 *     treated as missing;</li>
 * <li>a nominal column with categories {@code v_1 < ... < v_K} (sorted) becomes K 0/1 columns, or one
 *     column {@code [x = v_2]} when K = 2 (one column {@code [x = v_1]} when K = 1);</li>
 * <li>every resulting column j is standardised, {@code z_j = (x_j - m_j) / s_j}, with
 *     {@code m_j = sum w x_j / sum w} and {@code s_j = sqrt(sum w (x_j - m_j)^2 / sum w)} over the
 *     training rows after imputation ({@code s_j = 1} for a constant column); with standardisation
 *     off, {@code m = 0, s = 1}.</li>
 * </ol>
 * Unlike Weka's RemoveUseless, a constant column is kept (it standardises to 0 and so adds nothing
 * to eta). The moments after imputation follow from one pass ({@link TableStats}): imputing the mean
 * leaves the mean unchanged and adds nothing to {@code sum w (x - m)^2}; for a one-hot column the mean
 * is the category's weighted frequency p (the mode also receiving the missing weight) and the
 * variance {@code p (1 - p)}. No Spark types; immutable.
 */
public final class TabularEncoder implements Serializable {
    private static final long serialVersionUID = 1L;

    final String[] names;
    final boolean[] nominal;
    /** Numeric: the imputed value. */
    final double[] fill;
    /** Nominal: the sorted categories. */
    final String[][] categories;
    /** Nominal: the index of the mode. */
    final int[] mode;
    /** First output column of each feature. */
    final int[] offset;
    final double[] centre;
    final double[] scale;
    final String[] inputNames;

    TabularEncoder(String[] names, boolean[] nominal, double[] fill, String[][] categories, int[] mode,
                           int[] offset, double[] centre, double[] scale, String[] inputNames) {
        this.names = names;
        this.nominal = nominal;
        this.fill = fill;
        this.categories = categories;
        this.mode = mode;
        this.offset = offset;
        this.centre = centre;
        this.scale = scale;
        this.inputNames = inputNames;
    }

    /**
     * @param stats       weighted statistics of the training rows
     * @param standardize whether to standardise the encoded columns
     * @return the encoder
     */
    public static TabularEncoder fit(TableStats stats, boolean standardize) {
        final int m = stats.names.length;
        if (!(stats.totalWeight > 0)) {
            throw new IllegalArgumentException("The " + stats.rows + " labelled training rows have total weight "
                    + stats.totalWeight + "; at least one weight must be > 0");
        }
        final double total = stats.totalWeight;
        final double[] fill = new double[m];
        final String[][] cats = new String[m][];
        final int[] mode = new int[m];
        final int[] offset = new int[m + 1];
        final List<String> outNames = new ArrayList<>();
        final List<double[]> moments = new ArrayList<>();
        for (int j = 0; j < m; j++) {
            offset[j] = outNames.size();
            if (!stats.nominal[j]) {
                final boolean seen = stats.observedWeight[j] > 0;
                fill[j] = seen ? stats.mean[j] : 0.0;
                outNames.add(stats.names[j]);
                moments.add(new double[] {fill[j], seen ? Math.sqrt(Math.max(0.0, stats.m2[j] / total)) : 0.0});
                continue;
            }
            final Map<String, Double> counts = stats.categories.get(j);
            if (counts.isEmpty()) {
                throw new IllegalArgumentException("Nominal column '" + stats.names[j]
                        + "' has no value in any labelled training row");
            }
            cats[j] = counts.keySet().toArray(new String[0]);
            double seenWeight = 0, best = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < cats[j].length; c++) {
                final double wc = counts.get(cats[j][c]);
                seenWeight += wc;
                if (wc > best) {
                    best = wc;
                    mode[j] = c;
                }
            }
            final double missing = Math.max(0.0, total - seenWeight);
            final int first = cats[j].length == 2 ? 1 : 0, last = cats[j].length == 2 ? 1 : cats[j].length - 1;
            for (int c = first; c <= last; c++) {
                final double p = (counts.get(cats[j][c]) + (c == mode[j] ? missing : 0.0)) / total;
                outNames.add(stats.names[j] + "=" + cats[j][c]);
                moments.add(new double[] {p, Math.sqrt(Math.max(0.0, p * (1.0 - p)))});
            }
        }
        offset[m] = outNames.size();
        final int width = outNames.size();
        final double[] centre = new double[width], scale = new double[width];
        for (int c = 0; c < width; c++) {
            final double[] ms = moments.get(c);
            centre[c] = standardize ? ms[0] : 0.0;
            scale[c] = standardize && ms[1] > 0 && Double.isFinite(ms[1]) ? ms[1] : 1.0;
        }
        return new TabularEncoder(stats.names.clone(), stats.nominal.clone(), fill, cats, mode, offset, centre, scale,
                outNames.toArray(new String[0]));
    }

    /** @return the number of encoded input columns d */
    public int width() {
        return inputNames.length;
    }

    /** @return the feature column names, in order */
    public String[] featureNames() {
        return names.clone();
    }

    /** @return the names of the encoded columns, e.g. {@code colour=red} */
    public String[] inputNames() {
        return inputNames.clone();
    }

    /** @return the centres m of the encoded columns (0 without standardisation) */
    public double[] centre() {
        return centre.clone();
    }

    /** @return the scales s of the encoded columns (1 without standardisation) */
    public double[] scale() {
        return scale.clone();
    }

    /**
     * @param feature a feature's index
     * @return its sorted categories, or null for a numeric feature
     */
    public String[] categories(int feature) {
        return categories[feature] == null ? null : categories[feature].clone();
    }

    /**
     * Encodes one row.
     *
     * @param cells the feature cells in {@link #featureNames()} order. Not modified.
     * @param out   receives the d encoded values
     * @param off   where to write in {@code out}
     */
    public void encode(Object[] cells, double[] out, int off) {
        if (cells.length != names.length) {
            throw new IllegalArgumentException("Expected " + names.length + " feature values " + Arrays.toString(names)
                    + ", got " + cells.length);
        }
        for (int j = 0; j < names.length; j++) {
            final int o = offset[j];
            if (!nominal[j]) {
                final double v = Values.number(names[j], cells[j]);
                out[off + o] = Double.isNaN(v) ? fill[j] : v;
                continue;
            }
            final String[] cats = categories[j];
            int c = -1;
            final String v = Values.category(cells[j]);
            if (v != null) {
                c = Arrays.binarySearch(cats, v);
            }
            if (c < 0) {
                c = mode[j];
            }
            if (cats.length == 2) {
                out[off + o] = c;
            } else {
                for (int t = 0; t < cats.length; t++) {
                    out[off + o + t] = t == c ? 1.0 : 0.0;
                }
            }
        }
        for (int c = 0; c < inputNames.length; c++) {
            out[off + c] = (out[off + c] - centre[c]) / scale[c];
        }
    }
}

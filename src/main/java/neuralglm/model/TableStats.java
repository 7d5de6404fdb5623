package neuralglm.model;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One pass of weighted statistics over the training rows (rows whose label is present), enough to
 * fit a {@link TabularEncoder} and to index a nominal label:
 * <pre>
 *   numeric column j:  W_j = sum_{x_ij present} w_i,  mean_j,  M2_j = sum_{present} w_i (x_ij - mean_j)^2
 *   nominal column j:  c_j(v) = sum_{x_ij = v} w_i,   missing weight
 *   label:             sum_{y_i = v} w_i (nominal label), rows used, rows without a label
 * </pre>
 * Means and M2 are accumulated with the weighted Welford update and merged with Chan et al.'s
 * formula; partitions are merged in partition order, so the result is reproducible.
 */
public final class TableStats implements Serializable {
    private static final long serialVersionUID = 1L;

    final String[] names;
    final boolean[] nominal;
    final boolean nominalLabel;
    double totalWeight;
    long rows;
    long rowsWithoutLabel;
    final double[] observedWeight;
    final double[] mean;
    final double[] m2;
    final List<TreeMap<String, Double>> categories = new ArrayList<>();
    final TreeMap<String, Double> labelCounts = new TreeMap<>();

    /**
     * @param names        feature column names
     * @param nominal      which features are nominal
     * @param nominalLabel whether the label's classes are to be counted
     */
    public TableStats(String[] names, boolean[] nominal, boolean nominalLabel) {
        this.names = names.clone();
        this.nominal = nominal.clone();
        this.nominalLabel = nominalLabel;
        final int m = names.length;
        observedWeight = new double[m];
        mean = new double[m];
        m2 = new double[m];
        for (int j = 0; j < m; j++) {
            categories.add(new TreeMap<>());
        }
    }

    /**
     * Adds one row.
     *
     * @param features the feature cells
     * @param label    the label cell (null: the row is counted as unlabelled and otherwise skipped)
     * @param weight   the instance weight
     */
    public void add(Object[] features, Object label, double weight) {
        if (Values.category(label) == null) {
            rowsWithoutLabel++;
            return;
        }
        rows++;
        totalWeight += weight;
        if (nominalLabel) {
            labelCounts.merge(Values.category(label), weight, Double::sum);
        }
        for (int j = 0; j < names.length; j++) {
            if (nominal[j]) {
                final String v = Values.category(features[j]);
                if (v != null) {
                    categories.get(j).merge(v, weight, Double::sum);
                }
            } else {
                final double v = Values.number(names[j], features[j]);
                if (!Double.isNaN(v) && weight > 0) {
                    observedWeight[j] += weight;
                    final double delta = v - mean[j];
                    mean[j] += delta * weight / observedWeight[j];
                    m2[j] += weight * delta * (v - mean[j]);
                }
            }
        }
    }

    /**
     * Merges {@code other} (the statistics of later rows) into this.
     *
     * @param other statistics over disjoint rows
     * @return this
     */
    public TableStats merge(TableStats other) {
        rows += other.rows;
        rowsWithoutLabel += other.rowsWithoutLabel;
        totalWeight += other.totalWeight;
        for (Map.Entry<String, Double> e : other.labelCounts.entrySet()) {
            labelCounts.merge(e.getKey(), e.getValue(), Double::sum);
        }
        for (int j = 0; j < names.length; j++) {
            for (Map.Entry<String, Double> e : other.categories.get(j).entrySet()) {
                categories.get(j).merge(e.getKey(), e.getValue(), Double::sum);
            }
            final double wa = observedWeight[j], wb = other.observedWeight[j], total = wa + wb;
            if (wb > 0) {
                final double delta = other.mean[j] - mean[j];
                mean[j] += delta * wb / total;
                m2[j] += other.m2[j] + delta * delta * wa * wb / total;
                observedWeight[j] = total;
            }
        }
        return this;
    }

    /**
     * @param feature a feature's index
     * @return the number of distinct values seen in a nominal feature (0 for a numeric one)
     */
    public int categoryCount(int feature) {
        return nominal[feature] ? categories.get(feature).size() : 0;
    }

    /** @return the number of rows with a label */
    public long rows() {
        return rows;
    }

    /** @return the number of rows skipped for a missing label */
    public long rowsWithoutLabel() {
        return rowsWithoutLabel;
    }
}

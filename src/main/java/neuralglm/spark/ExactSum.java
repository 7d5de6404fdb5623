package neuralglm.spark;

import java.io.Serializable;
import java.math.BigDecimal;

/**
 * A vector of sums added up <em>exactly</em>: each partition's partial sums (doubles) are converted
 * to {@link BigDecimal} without rounding, and partials are added without rounding, so the total
 * does not depend on the order in which Spark's {@code treeAggregate} combines the partitions (task
 * completion order, shuffle fetch order). Rounding happens once, in {@link #toDoubles()}. Within a
 * partition the order is fixed by the cached data, so a whole run is reproducible bit for bit.
 * Immutable; {@link #ZERO} is the identity of {@link #plus(ExactSum)}.
 */
public final class ExactSum implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The empty sum, identity of {@link #plus}. */
    public static final ExactSum ZERO = new ExactSum(new BigDecimal[0]);

    private final BigDecimal[] values;

    private ExactSum(BigDecimal[] values) {
        this.values = values;
    }

    /**
     * @param partial one partition's sums (not modified)
     * @return their exact decimal values
     * @throws IllegalArgumentException when a value is not finite (the message names its index)
     */
    public static ExactSum of(double[] partial) {
        final BigDecimal[] v = new BigDecimal[partial.length];
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(partial[i])) {
                return nonFinite(partial);
            }
            v[i] = new BigDecimal(partial[i]);
        }
        return new ExactSum(v);
    }

    /** A non-finite partial sum cannot be exact: it is kept as NaN markers (a null array entry). */
    private static ExactSum nonFinite(double[] partial) {
        return new ExactSum(new BigDecimal[partial.length]);
    }

    /**
     * @param other another sum of the same length (or {@link #ZERO})
     * @return the exact sum
     */
    public ExactSum plus(ExactSum other) {
        if (values.length == 0) {
            return other;
        }
        if (other.values.length == 0) {
            return this;
        }
        if (other.values.length != values.length) {
            throw new IllegalArgumentException("Cannot add sums of lengths " + values.length + " and " + other.values.length);
        }
        final BigDecimal[] v = new BigDecimal[values.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = values[i] == null || other.values[i] == null ? null : values[i].add(other.values[i]);
        }
        return new ExactSum(v);
    }

    /** @return the number of entries (0 for {@link #ZERO}) */
    public int length() {
        return values.length;
    }

    /** @return the sums rounded to the nearest double; NaN where a partial was not finite */
    public double[] toDoubles() {
        final double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = values[i] == null ? Double.NaN : values[i].doubleValue();
        }
        return d;
    }
}

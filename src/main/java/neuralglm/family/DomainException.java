package neuralglm.family;

/**
 * A target value outside a family's support (for example a negative count for Poisson), or a
 * non-finite value. Carries the row, column and value so that a face can name the instance and
 * attribute in its own terms.
 */
public class DomainException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int row;
    private final int column;
    private final double value;

    /**
     * @param family name of the family
     * @param row    0-based row of the offending target
     * @param column 0-based target column of a one-hot target, or -1 for a single-column target
     * @param value  the offending value
     * @param domain the support in words, for example {@code "y >= 0"}
     */
    public DomainException(String family, int row, int column, double value, String domain) {
        super(String.format("%s family: target value %s at row %d%s is outside its domain %s",
                family, value, row, column >= 0 ? " (column " + column + ")" : "", domain));
        this.row = row;
        this.column = column;
        this.value = value;
    }

    /** @return 0-based row of the offending target */
    public int row() {
        return row;
    }

    /** @return 0-based column of the offending target, or -1 for a single-column target */
    public int column() {
        return column;
    }

    /** @return the offending value */
    public double value() {
        return value;
    }
}

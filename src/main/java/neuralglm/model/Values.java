package neuralglm.model;

/**
 * How a raw table cell (a {@link Number}, {@link String}, {@link Boolean} or null, as Spark's
 * {@code Row.get} gives it) becomes a number or a category. No Spark types.
 */
public final class Values {

    private Values() {
    }

    /**
     * @param column the column's name, for the message
     * @param v      a cell
     * @return its value; NaN when missing (null or NaN)
     * @throws IllegalArgumentException when the cell is not a number
     */
    public static double number(String column, Object v) {
        if (v == null) {
            return Double.NaN;
        }
        if (v instanceof Number num) {
            return num.doubleValue();
        }
        throw new IllegalArgumentException("Column '" + column + "' is numeric but holds the value '" + v
                + "' (" + v.getClass().getSimpleName() + ")");
    }

    /**
     * @param v a cell
     * @return its category: the string, {@code "true"}/{@code "false"}, or a number's shortest text
     *         ({@code 2} for 2.0); null when missing
     */
    public static String category(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Number num) {
            final double d = num.doubleValue();
            if (Double.isNaN(d)) {
                return null;
            }
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
        }
        return v.toString();
    }
}

package neuralglm.spark;

import neuralglm.model.Values;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;

/** Column look-ups on a Spark table: which columns exist and which are nominal. */
final class Columns {

    private Columns() {
    }

    /**
     * @param table    the table
     * @param features feature columns
     * @param label    the label column
     * @param weight   the weight column or null
     * @return the table reduced to {@code features..., label[, weight]}, in that order, then the column of rows the
     *         CSV reader could not parse ({@link Tables#CORRUPT_RECORD}) when the table has one, then the column of
     *         rows a face refuses ({@link Tables#ROW_ERROR}) when it has one
     */
    static Dataset<Row> select(Dataset<Row> table, String[] features, String label, String weight) {
        return select(table, features, label, weight, null);
    }

    /**
     * {@link #select(Dataset, String[], String, String)}, then the offset column last when there is one.
     *
     * @param offset the offset column or null
     */
    static Dataset<Row> select(Dataset<Row> table, String[] features, String label, String weight, String offset) {
        final List<Column> cols = new ArrayList<>();
        for (String f : features) {
            cols.add(functions.col(quote(f)));
        }
        cols.add(functions.col(quote(label)));
        if (weight != null) {
            cols.add(functions.col(quote(weight)));
        }
        if (hasCorruptRecords(table)) {
            cols.add(functions.col(quote(Tables.CORRUPT_RECORD)));
        }
        if (hasRowErrors(table)) {
            cols.add(functions.col(quote(Tables.ROW_ERROR)));
        }
        if (offset != null) {
            cols.add(functions.col(quote(offset)));
        }
        return table.select(cols.toArray(new Column[0]));
    }

    /**
     * @param table a table
     * @return whether it has the column of rows a face refuses ({@link Tables#ROW_ERROR})
     */
    static boolean hasRowErrors(Dataset<Row> table) {
        return Arrays.asList(table.columns()).contains(Tables.ROW_ERROR);
    }

    /**
     * @param table a table
     * @return whether it has the column of unparsable CSV rows ({@link Tables#read(org.apache.spark.sql.SparkSession,
     *         String, String)} with a schema)
     */
    static boolean hasCorruptRecords(Dataset<Row> table) {
        return Arrays.asList(table.columns()).contains(Tables.CORRUPT_RECORD);
    }

    /** The temporary column of {@link #canonical}. */
    private static final String KEY = "__neuralglm_row_key";

    /**
     * The selected columns in a canonical layout: row r goes to partition {@code pmod(murmur3(key_r), n)} with
     * {@code key_r = xxhash64(its cells)}, and each partition is sorted by {@code (key, cells...)}. Which rows a
     * partition holds and their order then depend only on the rows' content, not on how the table was
     * partitioned or ordered (rows that tie are identical, so interchangeable), and so neither do the
     * statistics, the per-partition sums nor the mini-batches: a repartitioned or reshuffled table gives the
     * same model bit for bit. One shuffle and a sort within partitions.
     *
     * @param table    the table
     * @param features feature columns
     * @param label    the label column
     * @param weight   the weight column or null
     * @param offset   the offset column or null (last)
     * @param n        the number of partitions (&gt;= 1)
     * @return the table reduced to {@code features..., label[, weight]}, canonically partitioned and ordered
     */
    static Dataset<Row> canonical(Dataset<Row> table, String[] features, String label, String weight, String offset,
                                  int n) {
        final Dataset<Row> selected = select(table, features, label, weight, offset);
        final Column[] cells = java.util.Arrays.stream(selected.columns()).map(c -> functions.col(quote(c))).toArray(Column[]::new);
        final Column[] order = new Column[cells.length + 1];
        order[0] = functions.col(KEY);
        System.arraycopy(cells, 0, order, 1, cells.length);
        return selected.withColumn(KEY, functions.xxhash64(cells))
                .repartition(n, functions.col(KEY))
                .sortWithinPartitions(order)
                .drop(KEY);
    }

    private static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    /**
     * @param table the table
     * @param name  a column name
     * @param role  what the column is for, for the message
     * @return true for a string or boolean column (nominal), false for a numeric one
     * @throws IllegalArgumentException when the column is absent or of another type
     */
    static boolean nominal(Dataset<Row> table, String name, String role) {
        if (table.columns().length == 0) {
            throw new IllegalArgumentException("The table has no columns (an empty file? a CSV file needs a header row)");
        }
        final StructField field = Arrays.stream(table.schema().fields()).filter(f -> f.name().equals(name))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("The " + role + " column '" + name
                        + "' is not in the table; its columns are " + Arrays.toString(table.columns())));
        final DataType t = field.dataType();
        if (t instanceof NumericType) {
            return false;
        }
        if (t instanceof StringType || t instanceof BooleanType) {
            return true;
        }
        throw new IllegalArgumentException("The " + role + " column '" + name + "' has type " + t.simpleString()
                + "; expected a number, a string or a boolean");
    }

    /** Receives the rows of a {@link #select}ed partition. */
    @FunctionalInterface
    interface RowSink {
        /**
         * @param cells  the feature cells (a reused buffer)
         * @param label  the label cell
         * @param weight the weight cell, or null without a weight column
         * @param row    the row's index in the partition
         */
        void accept(Object[] cells, Object label, Object weight, long row);
    }

    /**
     * Feeds the rows of one partition of a {@link #select}ed table to {@code sink}, in order.
     *
     * @param rows     the partition's rows
     * @param features number of feature columns m (the label is column m, the weight m + 1)
     * @param weighted whether there is a weight column
     * @param sink     the receiver
     */
    static void scan(java.util.Iterator<Row> rows, int features, boolean weighted, RowSink sink) {
        final Object[] cells = new Object[features];
        long row = 0;
        while (rows.hasNext()) {
            final Row r = rows.next();
            for (int j = 0; j < features; j++) {
                cells[j] = r.get(j);
            }
            sink.accept(cells, r.get(features), weighted ? r.get(features + 1) : null, row++);
        }
    }

    /**
     * @param name      the offset column's name
     * @param cell      an offset cell
     * @param partition the partition, for the message
     * @param row       the row in the partition, for the message
     * @return the offset
     * @throws IllegalArgumentException when it is missing (null or NaN) or infinite
     */
    static double offset(String name, Object cell, int partition, long row) {
        final double v = cell == null ? Double.NaN : Values.number(name, cell);
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(String.format(
                    "Offset column '%s' has the value %s in partition %d, row %d; offsets must be finite numbers "
                            + "(every labelled row needs one)", name, cell, partition, row));
        }
        return v;
    }

    /**
     * @param name      the weight column's name
     * @param cell      a weight cell
     * @param partition the partition, for the message
     * @param row       the row in the partition, for the message
     * @return the weight
     * @throws IllegalArgumentException when it is missing, not finite or negative
     */
    static double weight(String name, Object cell, int partition, long row) {
        final double v = Values.number(name, cell);
        if (!Double.isFinite(v) || v < 0) {
            throw new IllegalArgumentException(String.format(
                    "Weight column '%s' has the value %s in partition %d, row %d; weights must be finite numbers >= 0",
                    name, cell, partition, row));
        }
        return v;
    }
}

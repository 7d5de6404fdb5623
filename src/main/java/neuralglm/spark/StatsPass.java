package neuralglm.spark;

import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import neuralglm.family.Family;
import neuralglm.model.Standardizer;
import neuralglm.model.TableStats;
import neuralglm.model.Values;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The statistics pass over a table ({@link TableStats}), which also checks every labelled row where it is
 * read, so that a data error names its real location (partition and row of the table as Spark reads it):
 * <ul>
 * <li>a numeric feature must be finite (a CSV value such as {@code 1e400} reads as Infinity) and of magnitude at most
 *     {@link Standardizer#MAX_MAGNITUDE} (the standardisation squares it);</li>
 * <li>a numeric label must be finite, of magnitude at most {@link Standardizer#MAX_MAGNITUDE} and in the family's
 *     domain (a negative Poisson count);</li>
 * <li>a weight must be a finite number &gt;= 0;</li>
 * <li>a row the CSV reader could not parse with a user schema ({@link Tables#CORRUPT_RECORD}) is refused;</li>
 * <li>a row a face marked ({@link Tables#ROW_ERROR}, e.g. without a features vector) is refused with its text;</li>
 * <li>a text feature whose values are nearly all numbers (at least 90% of its present values, and more than
 *     {@link #SUSPICIOUS_CATEGORIES} distinct values) is taken for a numeric column spoilt by stray text
 *     (schema inference reads the whole column as text then), rather than one-hot encoded into thousands
 *     of columns.</li>
 * </ul>
 * A task never throws for bad data: it returns the error with its statistics, and the driver raises the
 * error of the first partition in order. So a data error fails the job at once, without Spark's task
 * retries, and the message is the same on every run.
 */
final class StatsPass implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A text feature with more distinct values than this that are nearly all numbers is refused. */
    static final int SUSPICIOUS_CATEGORIES = 20;

    private final String[] names;
    private final boolean[] nominal;
    private final String label;
    private final boolean indexedLabel;
    private final String weight;
    private final Family family;
    private final boolean corruptColumn;
    private final boolean rowErrorColumn;

    StatsPass(String[] names, boolean[] nominal, String label, boolean indexedLabel, String weight, Family family,
              boolean corruptColumn, boolean rowErrorColumn) {
        this.names = names.clone();
        this.nominal = nominal.clone();
        this.label = label;
        this.indexedLabel = indexedLabel;
        this.weight = weight;
        this.family = family;
        this.corruptColumn = corruptColumn;
        this.rowErrorColumn = rowErrorColumn;
    }

    /** One partition's outcome: its statistics, or its first data error. */
    static final class Part implements Serializable {
        private static final long serialVersionUID = 1L;
        TableStats stats;
        String error;
        /** Per text feature: present values, values that are numbers, and the first that is not. */
        long[] present;
        long[] numbers;
        String[] firstText;
        long[] firstTextRow;
        int partition;
    }

    /**
     * @param table the table reduced by {@link Columns#select} (features, label, weight, then the corrupt
     *              record column when {@code corruptColumn}, then the row error column when {@code rowErrorColumn})
     * @return the statistics over all partitions, merged in partition order
     * @throws IllegalArgumentException for the first data error, named by partition and row
     */
    TableStats run(Dataset<Row> table) {
        final JavaRDD<Part> parts = table.javaRDD().mapPartitionsWithIndex(
                (Integer p, Iterator<Row> it) -> List.of(scan(p, it)).iterator(), true);
        final List<Part> list;
        try {
            list = parts.collect();
        } catch (Exception e) {   // Spark's checked SparkException is thrown undeclared
            throw SparkErrors.unwrap(e);
        }
        final int m = names.length;
        final TableStats total = new TableStats(names, nominal, indexedLabel);
        final long[] present = new long[m], numbers = new long[m];
        final String[] text = new String[m];
        final String[] where = new String[m];
        for (Part part : list) {
            if (part.error != null) {
                throw new IllegalArgumentException(part.error);
            }
            total.merge(part.stats);
            for (int j = 0; j < m; j++) {
                present[j] += part.present[j];
                numbers[j] += part.numbers[j];
                if (text[j] == null && part.firstText[j] != null) {
                    text[j] = part.firstText[j];
                    where[j] = "partition " + part.partition + ", row " + part.firstTextRow[j];
                }
            }
        }
        for (int j = 0; j < m; j++) {
            final int categories = total.categoryCount(j);
            if (nominal[j] && text[j] != null && numbers[j] >= 0.9 * present[j] && categories > SUSPICIOUS_CATEGORIES) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "Feature column '%s' holds text, but %d of its %d values (%.1f%%) are numbers: the first that is not "
                                + "is '%s' in %s. Read as text, the column would become %d one-hot inputs. Correct or blank "
                                + "the stray value(s), or give the table a schema in which '%s' is numeric (then a value "
                                + "that is not a number is reported with its row).",
                        names[j], numbers[j], present[j], 100.0 * numbers[j] / present[j], text[j], where[j], categories,
                        names[j]));
            }
        }
        return total;
    }

    private Part scan(int p, Iterator<Row> rows) {
        final int m = names.length;
        final Part out = new Part();
        out.partition = p;
        out.stats = new TableStats(names, nominal, indexedLabel);
        out.present = new long[m];
        out.numbers = new long[m];
        out.firstText = new String[m];
        out.firstTextRow = new long[m];
        final Object[] cells = new Object[m];
        final boolean weighted = weight != null;
        final int corrupt = m + 1 + (weighted ? 1 : 0), rowError = corrupt + (corruptColumn ? 1 : 0);
        long row = 0;
        try {
            for (; rows.hasNext(); row++) {
                final Row r = rows.next();
                if (corruptColumn && !r.isNullAt(corrupt)) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "The row in partition %d, row %d does not fit the table's schema (a value that is not of its "
                                    + "column's type): %s", p, row, abbreviate(r.getString(corrupt))));
                }
                if (rowErrorColumn && !r.isNullAt(rowError)) {
                    throw new IllegalArgumentException(r.getString(rowError));   // the catch adds the partition and row
                }
                for (int j = 0; j < m; j++) {
                    cells[j] = r.get(j);
                }
                final Object labelCell = r.get(m);
                if (Values.category(labelCell) == null) {
                    out.stats.add(cells, labelCell, 1.0);   // counted as unlabelled, otherwise skipped
                    continue;
                }
                if (!indexedLabel) {
                    final double y = Values.number(label, labelCell);
                    if (!Double.isFinite(y) || (family.isScalar() && !family.isValidTarget(y))) {
                        throw new IllegalArgumentException(String.format(Locale.ROOT,
                                "Label column '%s' has the value %s in partition %d, row %d; the %s family needs %s",
                                label, labelCell, p, row, family.name(), family.targetDomain()));
                    }
                    if (Math.abs(y) > Standardizer.MAX_MAGNITUDE) {
                        throw new IllegalArgumentException(String.format(Locale.ROOT,
                                "Label column '%s' has the value %s in partition %d, row %d; labels must have magnitude at "
                                        + "most %s (their squares must not overflow). Rescale the label", label, labelCell, p,
                                row, Standardizer.MAX_MAGNITUDE));
                    }
                }
                for (int j = 0; j < m; j++) {
                    if (!nominal[j]) {
                        final double v = Values.number(names[j], cells[j]);
                        if (Double.isInfinite(v)) {
                            throw new IllegalArgumentException(String.format(Locale.ROOT,
                                    "Feature column '%s' has the value %s in partition %d, row %d; inputs must be finite "
                                            + "numbers (a number too large for a double, such as 1e400, reads as Infinity)",
                                    names[j], cells[j], p, row));
                        }
                        if (Math.abs(v) > Standardizer.MAX_MAGNITUDE) {
                            throw new IllegalArgumentException(String.format(Locale.ROOT,
                                    "Feature column '%s' has the value %s in partition %d, row %d; values must have magnitude "
                                            + "at most %s (their squares must not overflow). Rescale the column, e.g. with a "
                                            + "log transform", names[j], cells[j], p, row, Standardizer.MAX_MAGNITUDE));
                        }
                    } else if (cells[j] instanceof String s) {
                        out.present[j]++;
                        if (isNumber(s)) {
                            out.numbers[j]++;
                        } else if (out.firstText[j] == null) {
                            out.firstText[j] = s;
                            out.firstTextRow[j] = row;
                        }
                    }
                }
                out.stats.add(cells, labelCell, weighted ? Columns.weight(weight, r.get(m + 1), p, row) : 1.0);
            }
        } catch (IllegalArgumentException e) {
            final String msg = e.getMessage();
            out.error = msg != null && msg.contains("partition " + p) ? msg : msg + " (partition " + p + ", row " + row + ")";
        }
        return out;
    }

    private static String abbreviate(String s) {
        final String t = s.strip();
        return "'" + (t.length() > 200 ? t.substring(0, 200) + "..." : t) + "'";
    }

    /** @return whether a text cell reads as a finite number (a cheap test first: most text is not) */
    static boolean isNumber(String s) {
        final String t = s.strip();
        if (t.isEmpty()) {
            return false;
        }
        final char c = t.charAt(0);
        if (!(c >= '0' && c <= '9') && c != '-' && c != '+' && c != '.') {
            return false;
        }
        try {
            return Double.isFinite(Double.parseDouble(t));
        } catch (NumberFormatException e) {
            return false;
        }
    }
}

package neuralglm.spark;

import java.util.Locale;

import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reads a training table with Spark: {@code .csv} files (a header row, empty cells read as missing) or Parquet
 * ({@code .parquet} files, or a directory of them; Parquet carries its schema). Without a schema the column
 * types of a CSV file are inferred, which costs a full extra pass over the file; with one
 * ({@link #read(SparkSession, String, String)}) there is no such pass, and a row whose value does not fit its
 * column's type is kept aside in {@link #CORRUPT_RECORD} so that training refuses it by partition and row
 * instead of reading the value as missing. Anything Spark can read can be passed to {@link SparkTrainer#fit}
 * directly.
 */
public final class Tables {

    /** The column of CSV rows that do not fit the user's schema (null for the rows that do). */
    public static final String CORRUPT_RECORD = "_corrupt_record";

    /**
     * A string column a face may add to a training table: a row where it is not null is refused by the statistics
     * pass with its text, named by partition and row, as a data error the task returns (so Spark does not retry the
     * task; {@code raise_error} would fail it, and a cluster retries a failed task). The Spark ML estimator sets it
     * for a row without a features vector.
     */
    public static final String ROW_ERROR = "__neuralglm_row_error";

    private Tables() {
    }

    /**
     * @param spark the session
     * @param path  a file or directory; {@code .csv} (or {@code .csv.gz}) means CSV, else Parquet
     * @return the table
     */
    public static Dataset<Row> read(SparkSession spark, String path) {
        return read(spark, path, null);
    }

    /**
     * @param spark  the session
     * @param path   a file or directory; {@code .csv} (or {@code .csv.gz}) means CSV, else Parquet
     * @param schema the columns as a DDL string ({@code "age DOUBLE, region STRING, claims INT"}), or null to infer
     *               a CSV file's types (Parquet's own schema is used when null)
     * @return the table
     * @throws IllegalArgumentException for a CSV file with no columns (empty, no header row)
     */
    public static Dataset<Row> read(SparkSession spark, String path, String schema) {
        final String p = path.toLowerCase(Locale.ROOT);
        final DataFrameReader reader = spark.read();
        final Dataset<Row> table;
        if (p.endsWith(".csv") || p.endsWith(".csv.gz")) {
            reader.option("header", "true");
            if (schema == null) {
                table = reader.option("inferSchema", "true").csv(path);
            } else {
                table = reader.schema(StructType.fromDDL(schema).add(CORRUPT_RECORD, DataTypes.StringType, true))
                        .option("mode", "PERMISSIVE").option("columnNameOfCorruptRecord", CORRUPT_RECORD).csv(path);
            }
            if (table.columns().length == 0) {
                throw new IllegalArgumentException("The CSV file " + path + " has no columns: it is empty (a CSV file needs "
                        + "a header row with the column names)");
            }
            return table;
        }
        return schema == null ? reader.parquet(path) : reader.schema(StructType.fromDDL(schema)).parquet(path);
    }
}

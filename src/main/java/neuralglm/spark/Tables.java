package neuralglm.spark;

import java.util.Locale;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads a training table with Spark: {@code .csv} files (a header row, column types inferred, empty
 * cells read as missing) or Parquet ({@code .parquet} files, or a directory of them). Anything Spark
 * can read can be passed to {@link SparkTrainer#fit} directly.
 */
public final class Tables {

    private Tables() {
    }

    /**
     * @param spark the session
     * @param path  a file or directory; {@code .csv} (or {@code .csv.gz}) means CSV, else Parquet
     * @return the table
     */
    public static Dataset<Row> read(SparkSession spark, String path) {
        final String p = path.toLowerCase(Locale.ROOT);
        if (p.endsWith(".csv") || p.endsWith(".csv.gz")) {
            return spark.read().option("header", "true").option("inferSchema", "true").csv(path);
        }
        return spark.read().parquet(path);
    }
}

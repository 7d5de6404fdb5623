package neuralglm.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import neuralglm.family.PoissonFamily;
import neuralglm.optim.LbfgsOptimizer;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad data in a CSV file gets an error that names the column, the value and its real location (partition
 * and row of the table as Spark reads it), and fails the job without a failed task (so Spark never retries
 * it): a stray word in a numeric column, 1e400, a negative Poisson count, a value that does not fit a user
 * schema, an empty file.
 */
class BadDataTest {
    private static SparkSession spark;
    private static final AtomicInteger FAILED_TASKS = new AtomicInteger();

    @BeforeAll
    static void start() {
        spark = LocalSpark.start(2);
        spark.sparkContext().addSparkListener(new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                if (!end.taskInfo().successful()) {
                    FAILED_TASKS.incrementAndGet();
                }
            }
        });
    }

    /** 40 rows {@code a,b,y}: a = i / 7 (40 distinct numbers), b in {p, q}, y = i % 4; row {@code bad} gets {@code cell} in column {@code column}. */
    private static Path csv(Path dir, int bad, String column, String cell) throws Exception {
        final StringBuilder sb = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 40; i++) {
            String a = String.format(Locale.ROOT, "%.6f", i / 7.0), b = i % 3 == 0 ? "p" : "q", y = Integer.toString(i % 4);
            if (i == bad) {
                switch (column) {
                    case "a": a = cell; break;
                    case "y": y = cell; break;
                    default: b = cell;
                }
            }
            sb.append(a).append(',').append(b).append(',').append(y).append('\n');
        }
        final Path file = dir.resolve("data.csv");
        Files.writeString(file, sb);
        return file;
    }

    private static String failure(Path file, String schema) throws Exception {
        spark.sparkContext().listenerBus().waitUntilEmpty();
        final int before = FAILED_TASKS.get();
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SparkTrainer(new PoissonFamily()).withFeatures("a", "b").withLabel("y").withOptimizer(new LbfgsOptimizer())
                        .withEpochs(2).fit(Tables.read(spark, file.toString(), schema)));
        spark.sparkContext().listenerBus().waitUntilEmpty();
        assertEquals(before, FAILED_TASKS.get(), "a data error must not fail a task (Spark would retry it): " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void aStrayWordInANumericColumnIsNamedWithItsRow(@TempDir Path dir) throws Exception {
        final String msg = failure(csv(dir, 17, "a", "n/a?"), null);
        assertTrue(msg.contains("Feature column 'a' holds text") && msg.contains("'n/a?'")
                && msg.contains("partition 0, row 17") && msg.contains("40 one-hot inputs"), msg);
    }

    @Test
    void anOverflowingNumberIsNamedWithItsRow(@TempDir Path dir) throws Exception {
        final String msg = failure(csv(dir, 23, "a", "1e400"), null);
        assertTrue(msg.contains("Feature column 'a' has the value Infinity in partition 0, row 23"), msg);
    }

    @Test
    void aValueWhoseSquareOverflowsIsNamedWithItsRow(@TempDir Path dir) throws Exception {
        // 1e300 is finite, but its square is not: the column's scale was infinite, every value standardised to 0, and
        // the fit silently the model without the column (and, at the first step's NaN, without any input)
        final String msg = failure(csv(dir, 11, "a", "-1e300"), null);
        assertTrue(msg.contains("Feature column 'a' has the value -1.0E300 in partition 0, row 11; values must have "
                + "magnitude at most 1.0E150"), msg);
        final String label = failure(csv(dir, 3, "y", "1e200"), null);
        assertTrue(label.contains("Label column 'y' has the value 1.0E200 in partition 0, row 3; labels must have "
                + "magnitude at most 1.0E150"), label);
    }

    @Test
    void aNegativePoissonCountFailsAtOnceWithItsRow(@TempDir Path dir) throws Exception {
        final String msg = failure(csv(dir, 5, "y", "-1"), null);
        assertTrue(msg.contains("Label column 'y' has the value -1 in partition 0, row 5") && msg.contains("Poisson"), msg);
    }

    @Test
    void aValueThatDoesNotFitAUserSchemaIsNamedWithItsRow(@TempDir Path dir) throws Exception {
        final String msg = failure(csv(dir, 31, "a", "abc"), "a DOUBLE, b STRING, y DOUBLE");
        assertTrue(msg.contains("partition 0, row 31 does not fit the table's schema") && msg.contains("abc"), msg);
    }

    @Test
    void anEmptyFileSaysSo(@TempDir Path dir) throws Exception {
        final Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "");
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tables.read(spark, empty.toString()));
        assertTrue(e.getMessage().contains("is empty"), e.getMessage());
    }
}

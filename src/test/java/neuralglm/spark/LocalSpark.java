package neuralglm.spark;

import org.apache.spark.sql.SparkSession;

/** A Spark session in local mode on the loopback interface, for tests and benchmarks. */
final class LocalSpark {

    private LocalSpark() {
    }

    /**
     * @param threads executor threads ({@code local[threads]})
     * @return a new (or the running) session
     */
    static SparkSession start(int threads) {
        final SparkSession spark = SparkSession.builder()
                .master("local[" + threads + "]")
                .appName("neuralGLM")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "4")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }
}

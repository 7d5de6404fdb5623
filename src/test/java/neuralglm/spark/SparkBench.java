package neuralglm.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import neuralglm.family.Family;
import neuralglm.family.PoissonFamily;
import neuralglm.nn.Activation;
import neuralglm.nn.Sequential;
import neuralglm.optim.SgdOptimizer;
import neuralglm.train.Trainer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.ejml.data.DMatrixRMaj;

/**
 * Benchmark (not a test): training throughput of {@link SparkTrainer} on n x 20 Poisson rows in Spark
 * local[1] and local[2] (same 4 partitions, so both compute the same numbers), against the
 * single-machine {@link Trainer} on the same rows, and the fixed cost of one Spark round trip
 * (broadcast, job, treeAggregate) measured on a tiny data set. Full-batch SGD, a GLM (20 -> 1) and an
 * MLP (20 -> 16 ReLU -> 1). Run with {@code scripts/spark_local.sh bench [n]}.
 */
public final class SparkBench {
    private static final int D = 20;
    private static final int PARTITIONS = 4;
    private static final long SEED = 2026;

    private SparkBench() {
    }

    /**
     * @param args optional: number of rows (default 1,000,000), epochs per measurement (default 5)
     */
    public static void main(String[] args) {
        final int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        final int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        final int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        final Family family = new PoissonFamily();
        System.out.printf(Locale.ROOT, "neuralGLM on Spark: %,d x %d Poisson rows, %d partitions, %d full-batch epochs "
                        + "per figure, best of %d alternating rounds, %d cores%n",
                n, D, PARTITIONS, epochs, rounds, Runtime.getRuntime().availableProcessors());
        final DMatrixRMaj x = new DMatrixRMaj(n, D), y = new DMatrixRMaj(n, 1);
        for (int p = 0; p < PARTITIONS; p++) {
            final int from = start(n, p), rows = start(n, p + 1) - from;
            final double[][] part = generate(p, rows);
            System.arraycopy(part[0], 0, x.data, from * D, rows * D);
            System.arraycopy(part[1], 0, y.data, from, rows);
        }
        // best[0] single machine, best[1] local[1], best[2] local[2]: {GLM rows/s, MLP rows/s, step s, caching s}
        final double[][] best = new double[3][];
        for (int r = 0; r < rounds; r++) {
            final double[] single = new double[5];
            for (int m = 0; m < 2; m++) {
                final Sequential net = network(m == 1);
                new Trainer(1).fit(net, family, new SgdOptimizer(0.01), x, y, null);   // warm-up
                final long t0 = System.nanoTime();
                new Trainer(epochs).fit(net, family, new SgdOptimizer(0.01), x, y, null);
                single[m] = (double) n * epochs / ((System.nanoTime() - t0) / 1e9);
            }
            keepBest(best, 0, single);
            for (int threads = 1; threads <= 2; threads++) {
                final SparkSession session = LocalSpark.start(threads);
                try {
                    keepBest(best, threads, measure(JavaSparkContext.fromSparkContext(session.sparkContext()), n, epochs, family));
                } finally {
                    session.stop();
                }
            }
            System.out.printf(Locale.ROOT, "round %d done (load average %s)%n", r + 1, loadAverage());
        }
        System.out.println();
        System.out.println("| model | single machine (Trainer, 1 thread) | Spark local[1] | Spark local[2] | speed-up local[2] / local[1] |");
        System.out.println("| --- | --- | --- | --- | --- |");
        final String[] names = {"GLM 20 -> 1", "MLP 20 -> 16 ReLU -> 1"};
        for (int m = 0; m < 2; m++) {
            System.out.printf(Locale.ROOT, "| %s | %,.0f rows/s | %,.0f rows/s | %,.0f rows/s | %.2f |%n", names[m],
                    best[0][m], best[1][m], best[2][m], best[2][m] / best[1][m]);
        }
        System.out.printf(Locale.ROOT, "| MLP, mini-batch SGD, 65,536 rows per step (%d steps) | - | %,.0f rows/s | %,.0f rows/s | %.2f |%n",
                (n + 65_535) / 65_536, best[1][4], best[2][4], best[2][4] / best[1][4]);
        System.out.printf(Locale.ROOT, "%nSpark round trip per step (broadcast + job + treeAggregate, 1000 rows): "
                + "local[1] %.1f ms, local[2] %.1f ms%n", best[1][2] * 1e3, best[2][2] * 1e3);
        System.out.printf(Locale.ROOT, "caching %,d rows (generate + encode + persist): local[1] %.1f s, local[2] %.1f s%n",
                n, best[1][3], best[2][3]);
    }

    /** Keeps the higher throughputs (entries 0, 1, 4) and the lower times (entries 2, 3). */
    private static void keepBest(double[][] best, int i, double[] now) {
        if (best[i] == null) {
            best[i] = now.clone();
            return;
        }
        for (int j = 0; j < now.length; j++) {
            best[i][j] = j < 2 || j == 4 ? Math.max(best[i][j], now[j]) : Math.min(best[i][j], now[j]);
        }
    }

    private static String loadAverage() {
        try {
            return new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/loadavg"))).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /**
     * @return {GLM rows/s, MLP rows/s, seconds per step of the round trip, caching seconds,
     *         MLP mini-batch (65,536 rows) rows/s}
     */
    private static double[] measure(JavaSparkContext sc, int n, int epochs, Family family) {
        final double[] out = new double[5];
        final long c0 = System.nanoTime();
        try (DistributedData data = generated(sc, n)) {
            out[3] = (System.nanoTime() - c0) / 1e9;
            for (int m = 0; m < 2; m++) {
                final SparkTrainer trainer = new SparkTrainer(family).withOptimizer(new SgdOptimizer(0.01));
                trainer.withEpochs(1).fit(data, network(m == 1));   // warm-up
                final long t0 = System.nanoTime();
                trainer.withEpochs(epochs).fit(data, network(m == 1));
                out[m] = (double) n * epochs / ((System.nanoTime() - t0) / 1e9);
            }
            final SparkTrainer mini = new SparkTrainer(family).withOptimizer(new SgdOptimizer(0.01)).withBatchSize(Math.min(n, 65_536));
            final long t0 = System.nanoTime();
            mini.withEpochs(1).fit(data, network(true));
            out[4] = (double) n / ((System.nanoTime() - t0) / 1e9);
        }
        try (DistributedData tiny = generated(sc, 1000)) {
            final SparkTrainer trainer = new SparkTrainer(family).withOptimizer(new SgdOptimizer(0.01));
            trainer.withEpochs(20).fit(tiny, network(false));   // warm-up
            final int steps = 100;
            final long t0 = System.nanoTime();
            trainer.withEpochs(steps).fit(tiny, network(false));
            out[2] = (System.nanoTime() - t0) / 1e9 / (steps + 1);   // + the final loss evaluation
        }
        return out;
    }

    private static Sequential network(boolean hidden) {
        return Sequential.mlp(D, hidden ? new int[] {16} : new int[0], () -> Activation.byName("ReLU"), 1, new Random(SEED));
    }

    private static int start(int n, int p) {
        return (int) ((long) p * n / PARTITIONS);
    }

    /** The rows generated on the executors, partition by partition. */
    private static DistributedData generated(JavaSparkContext sc, int n) {
        final List<Integer> ids = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            ids.add(p);
        }
        final JavaRDD<PartitionData> parts = sc.parallelize(ids, PARTITIONS).map(p -> {
            final int rows = start(n, p + 1) - start(n, p);
            final double[][] g = generate(p, rows);
            final DistributedData.Builder b = new DistributedData.Builder(p, D, 1, DistributedData.DEFAULT_CHUNK_ROWS, false);
            for (int i = 0; i < rows; i++) {
                System.arraycopy(g[0], i * D, b.xRow(), 0, D);
                b.yRow()[0] = g[1][i];
                b.commit(1.0);
            }
            return b.build();
        });
        return DistributedData.fromPartitions(parts, D, 1);
    }

    /**
     * @return {x (rows x D, uniform in (-1, 1)), y ~ Poisson(exp(0.5 + sum_j b_j x_j)), b_j = +-0.1}
     */
    static double[][] generate(int partition, int rows) {
        final Random rng = new Random(SEED * 31 + partition);
        final double[] x = new double[rows * D], y = new double[rows];
        for (int i = 0; i < rows; i++) {
            double eta = 0.5;
            for (int j = 0; j < D; j++) {
                final double v = 2 * rng.nextDouble() - 1;
                x[i * D + j] = v;
                eta += (j % 2 == 0 ? 0.1 : -0.1) * v;
            }
            final double limit = Math.exp(-Math.exp(eta));
            int k = 0;
            for (double prod = rng.nextDouble(); prod > limit; prod *= rng.nextDouble()) {
                k++;
            }
            y[i] = k;
        }
        return new double[][] {x, y};
    }
}

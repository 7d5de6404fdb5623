package neuralglm.spark;

import neuralglm.model.TabularEncoder;
import neuralglm.model.LabelCoding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

import neuralglm.family.Family;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.ejml.data.DMatrixRMaj;

/**
 * Training rows cached in the cluster, encoded once: one {@link PartitionData} (compact
 * {@code double[]} chunks) per partition, persisted {@code MEMORY_AND_DISK} and reused by every step,
 * so no step re-reads or re-parses the source. Building it runs the engine's data checks (finite
 * inputs, valid weights, targets in the family's domain) on the executors, naming the partition and
 * row of the first problem; a task returns its error rather than failing (so Spark does not retry it) and the
 * driver raises the first partition's, and it collects {@code n}, {@code sum w} and the weighted target means (for
 * the null-model start) in partition order. {@link #close()} releases the cache.
 */
public final class DistributedData implements AutoCloseable {

    /** Default rows per chunk: big enough for efficient kernels, small enough for the caches. */
    public static final int DEFAULT_CHUNK_ROWS = 4096;

    final JavaRDD<PartitionData> partitions;
    private final long rows;
    private final int inputs;
    private final int targets;
    private final double totalWeight;
    private final double[] targetMeans;

    private DistributedData(JavaRDD<PartitionData> partitions, int inputs, int targets) {
        this.partitions = partitions.persist(StorageLevel.MEMORY_AND_DISK());
        this.inputs = inputs;
        this.targets = targets;
        final List<Object> summaries;
        try {
            summaries = this.partitions.map(p -> p.error != null ? (Object) p.error : (Object) p.targetSums()).collect();
        } catch (Exception e) {   // Spark's checked SparkException is thrown undeclared
            this.partitions.unpersist(false);
            throw SparkErrors.unwrap(e);
        }
        long n = 0;
        final double[] s = new double[targets + 1];
        for (Object summary : summaries) {   // in partition order: the first partition's error is raised
            if (summary instanceof String error) {
                this.partitions.unpersist(false);
                throw new IllegalArgumentException(error);
            }
            final double[] part = (double[]) summary;
            n += (long) part[0];
            for (int j = 0; j <= targets; j++) {
                s[j] += part[1 + j];
            }
        }
        if (n == 0) {
            this.partitions.unpersist(false);
            throw new IllegalArgumentException("No training rows: the data set is empty (or every label is missing)");
        }
        if (!(s[0] > 0)) {
            this.partitions.unpersist(false);
            throw new IllegalArgumentException("The instance weights sum to " + s[0] + "; at least one must be > 0");
        }
        this.rows = n;
        this.totalWeight = s[0];
        this.targetMeans = new double[targets];
        for (int j = 0; j < targets; j++) {
            targetMeans[j] = s[1 + j] / s[0];
        }
    }

    /**
     * Distributes an in-memory data set: the rows are cut into {@code numPartitions} contiguous
     * pieces, in order. For tests and benchmarks; real data comes through {@link SparkTrainer#fit}.
     *
     * @param sc            the Spark context
     * @param x             inputs, n x d. Not modified.
     * @param y             targets, n x k. Not modified.
     * @param w             weights or null. Not modified.
     * @param numPartitions number of partitions (&gt;= 1)
     * @param chunkRows     rows per chunk (&gt;= 1)
     * @param family        the family (checks the targets)
     * @return the cached data
     */
    public static DistributedData of(JavaSparkContext sc, DMatrixRMaj x, DMatrixRMaj y, double[] w,
                                     int numPartitions, int chunkRows, Family family) {
        final int n = x.numRows, d = x.numCols, k = y.numCols;
        if (y.numRows != n || (w != null && w.length != n)) {
            throw new IllegalArgumentException("Inputs have " + n + " rows, targets " + y.numRows
                    + (w == null ? "" : ", weights " + w.length));
        }
        if (numPartitions < 1 || chunkRows < 1) {
            throw new IllegalArgumentException("Need >= 1 partition and >= 1 row per chunk, got " + numPartitions
                    + " and " + chunkRows);
        }
        final List<PartitionData> parts = new ArrayList<>();
        for (int p = 0; p < numPartitions; p++) {
            final int from = (int) ((long) p * n / numPartitions), to = (int) ((long) (p + 1) * n / numPartitions);
            final Builder b = new Builder(p, d, k, chunkRows, w != null);
            for (int i = from; i < to; i++) {
                System.arraycopy(x.data, i * d, b.xRow(), 0, d);
                System.arraycopy(y.data, i * k, b.yRow(), 0, k);
                b.commit(w == null ? 1.0 : w[i]);
            }
            parts.add(b.build());
        }
        final JavaRDD<PartitionData> rdd = sc.parallelize(parts, numPartitions).map(p -> p.checked(family));
        return new DistributedData(rdd, d, k);
    }

    /**
     * Encodes a table: the selected columns of each row become one input and target row; rows with
     * a missing label are dropped.
     *
     * @param table     the source (any Spark source: CSV, Parquet, a query)
     * @param features  feature column names
     * @param label     label column name
     * @param weight    weight column name, or null
     * @param offset    the offset column, or null for none: each labelled row's offset on eta is kept with it; a
     *                  missing or non-finite one is refused, naming the column, partition and row
     * @param encoder   the fitted feature encoder
     * @param coding    the fitted label coding
     * @param chunkRows rows per chunk
     * @param family    the family (checks the targets)
     * @return the cached data
     */
    static DistributedData encode(Dataset<Row> table, String[] features, String label, String weight, String offset,
                                  TabularEncoder encoder, LabelCoding coding, int chunkRows, Family family) {
        final int m = features.length, d = encoder.width(), k = coding.columns();
        final boolean weighted = weight != null;
        final JavaRDD<PartitionData> rdd = Columns.select(table, features, label, weight, offset).javaRDD()
                .mapPartitionsWithIndex((Integer p, Iterator<Row> source) -> {
                    final Builder b = new Builder(p, d, k, chunkRows, weighted, offset != null);
                    final long[] at = new long[1];
                    final Row[] current = new Row[1];   // the row being scanned: its last cell is the offset
                    final Iterator<Row> it = offset == null ? source : new Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return source.hasNext();
                        }

                        @Override
                        public Row next() {
                            current[0] = source.next();
                            return current[0];
                        }
                    };
                    try {
                        Columns.scan(it, m, weighted, (cells, labelCell, weightCell, row) -> {
                            at[0] = row;
                            if (coding.encode(labelCell, b.yRow(), 0)) {
                                encoder.encode(cells, b.xRow(), 0);
                                b.commit(weighted ? Columns.weight(weight, weightCell, p, row) : 1.0, offset == null ? 0.0
                                        : Columns.offset(offset, current[0].get(current[0].length() - 1), p, row));
                            }
                        });
                    } catch (IllegalArgumentException e) {   // returned, not thrown: Spark would retry the task
                        final String msg = e.getMessage();
                        return Collections.singletonList(PartitionData.failed(p, d, k, msg != null && msg.contains("partition " + p)
                                ? msg : msg + " (partition " + p + ", row " + at[0] + ")")).iterator();
                    }
                    return Collections.singletonList(b.build().checked(family)).iterator();
                }, true);
        return new DistributedData(rdd, d, k);
    }

    /** @return the number of training rows n */
    public long rows() {
        return rows;
    }

    /** @return the number of input columns d */
    public int inputs() {
        return inputs;
    }

    /** @return the number of target columns k */
    public int targets() {
        return targets;
    }

    /** @return {@code sum w} */
    public double totalWeight() {
        return totalWeight;
    }

    /** @return the weighted target column means {@code sum w y / sum w} */
    public double[] targetMeans() {
        return targetMeans.clone();
    }

    /** @return the number of partitions */
    public int numPartitions() {
        return partitions.getNumPartitions();
    }

    /** Releases the cached partitions. */
    @Override
    public void close() {
        partitions.unpersist(false);
    }

    /**
     * Wraps partitions built elsewhere (for example generated on the executors).
     *
     * @param partitions one {@link PartitionData} per partition, not yet cached
     * @param d          input columns
     * @param k          target columns
     * @return the cached data
     */
    static DistributedData fromPartitions(JavaRDD<PartitionData> partitions, int d, int k) {
        return new DistributedData(partitions, d, k);
    }

    /** Accumulates one partition's rows into chunks of {@code chunkRows} rows (the last one trimmed). */
    static final class Builder {
        private final int partition;
        private final int d;
        private final int k;
        private final int chunkRows;
        private final boolean weighted;
        private final boolean offsets;
        private final double[] xRow;
        private final double[] yRow;
        private final List<double[]> xs = new ArrayList<>();
        private final List<double[]> ys = new ArrayList<>();
        private final List<double[]> ws = new ArrayList<>();
        private final List<double[]> os = new ArrayList<>();
        private double[] x;
        private double[] y;
        private double[] w;
        private double[] o;
        private int used;
        private int rows;

        Builder(int partition, int d, int k, int chunkRows, boolean weighted) {
            this(partition, d, k, chunkRows, weighted, false);
        }

        Builder(int partition, int d, int k, int chunkRows, boolean weighted, boolean offsets) {
            this.offsets = offsets;
            this.partition = partition;
            this.d = d;
            this.k = k;
            this.chunkRows = chunkRows;
            this.weighted = weighted;
            this.xRow = new double[d];
            this.yRow = new double[k];
            this.used = chunkRows;
        }

        /** @return the buffer for the next row's inputs (length d) */
        double[] xRow() {
            return xRow;
        }

        /** @return the buffer for the next row's targets (length k) */
        double[] yRow() {
            return yRow;
        }

        /** Keeps the row written into {@link #xRow()} and {@link #yRow()}, with its weight. */
        void commit(double weight) {
            commit(weight, 0.0);
        }

        /** Keeps the row, with its weight and its offset (read only when the builder keeps offsets). */
        void commit(double weight, double offset) {
            if (used == chunkRows) {
                x = new double[chunkRows * d];
                y = new double[chunkRows * k];
                w = weighted ? new double[chunkRows] : null;
                o = offsets ? new double[chunkRows] : null;
                xs.add(x);
                ys.add(y);
                ws.add(w);
                os.add(o);
                used = 0;
            }
            if (offsets) {
                o[used] = offset;
            }
            System.arraycopy(xRow, 0, x, used * d, d);
            System.arraycopy(yRow, 0, y, used * k, k);
            if (weighted) {
                w[used] = weight;
            }
            used++;
            rows++;
        }

        PartitionData build() {
            final int c = xs.size();
            if (c > 0 && used < chunkRows) {
                xs.set(c - 1, Arrays.copyOf(x, used * d));
                ys.set(c - 1, Arrays.copyOf(y, used * k));
                if (weighted) {
                    ws.set(c - 1, Arrays.copyOf(w, used));
                }
                if (offsets) {
                    os.set(c - 1, Arrays.copyOf(o, used));
                }
            }
            return new PartitionData(partition, rows, d, k, chunkRows, xs.toArray(new double[0][]),
                    ys.toArray(new double[0][]), weighted ? ws.toArray(new double[0][]) : null,
                    offsets ? os.toArray(new double[0][]) : null);
        }
    }
}

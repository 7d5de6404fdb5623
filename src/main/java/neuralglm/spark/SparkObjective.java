package neuralglm.spark;

import java.util.ArrayList;
import java.util.List;

import neuralglm.family.Family;
import neuralglm.nn.Layer;
import neuralglm.nn.Linear;
import neuralglm.nn.Parameter;
import neuralglm.nn.Parameters;
import neuralglm.nn.Sequential;
import neuralglm.train.BatchStep;
import neuralglm.train.Objective;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.ejml.data.DMatrixRMaj;

/**
 * A Spark table as the training loop's {@link Objective}: one Spark job per evaluation. It broadcasts
 * the driver network's parameters, sums the partitions' {@link PartitionData#evaluate} with
 * {@code treeAggregate} (exact sums, so independent of the combining order), and writes {@code G / W}
 * into the driver network's gradients. A mini-batch is each partition's share of the epoch's batch
 * ({@link MiniBatch}); validation rows, for early stopping, are a second cached table. The network's
 * shape is broadcast once and released by {@link #release()} (and again on the next evaluation).
 * With a penalty lambda &gt; 0 ({@link SparkTrainer#withRegParam}) the training evaluations (those with gradients,
 * which the optimiser minimises) add {@code lambda/2 ||W||^2} and {@code lambda W} for each {@link Linear}'s weight
 * matrix W on the driver; the biases, the plain training loss and the validation loss have none.
 */
final class SparkObjective implements Objective {

    private final DistributedData data;
    private final DistributedData validation;
    private final Sequential net;
    private final List<Parameter> params;
    private final Family family;
    private final long seed;
    private final int depth;
    private final int size;
    private final double regParam;
    private final List<Parameter> penalised;
    private Broadcast<byte[]> shape;
    private int epoch;
    private int steps;
    private MiniBatch batch;
    private double batchLoss;
    private boolean fresh;

    SparkObjective(DistributedData data, DistributedData validation, Sequential net, Family family, long seed, int depth,
            double regParam) {
        this.data = data;
        this.validation = validation;
        this.net = net;
        this.params = net.parameters();
        this.family = family;
        this.seed = seed;
        this.depth = depth;
        this.size = Parameters.size(params);
        this.regParam = regParam;
        this.penalised = new ArrayList<>();
        for (Layer layer : net.layers()) {
            if (layer instanceof Linear) {
                penalised.add(((Linear) layer).weight());
            }
        }
    }

    @Override
    public long trainingRows() {
        return data.rows();
    }

    @Override
    public long validationRows() {
        return validation == null ? 0 : validation.rows();
    }

    @Override
    public double trainingWeight() {
        return data.totalWeight();
    }

    @Override
    public BatchStep fullBatch() {
        return step(() -> evaluate(data, null, true)[0]);
    }

    @Override
    public int startEpoch(int e, int batchSize) {
        epoch = e;
        steps = (int) ((data.rows() + batchSize - 1) / batchSize);
        return steps;
    }

    @Override
    public double prepareBatch(int t) {
        batch = new MiniBatch(seed, epoch, t, steps);
        final double[] lw = evaluate(data, batch, true);
        batchLoss = lw[0];
        fresh = true;
        return lw[1];
    }

    /** The prepared batch: its first evaluation is the one {@link #prepareBatch} made (gradients set); later ones re-run it. */
    @Override
    public BatchStep batch() {
        return step(() -> {
            if (fresh) {
                fresh = false;
                return batchLoss;
            }
            return evaluate(data, batch, true)[0];
        });
    }

    @Override
    public double trainingLoss(int e, DMatrixRMaj etaOut) {
        return evaluate(data, null, false)[0];
    }

    @Override
    public double validationWeight() {
        return validation == null ? 0 : validation.totalWeight();
    }

    @Override
    public double validationLoss() {
        return validation == null ? Double.NaN : evaluate(validation, null, false)[0];
    }

    @Override
    public void release() {
        if (shape != null) {
            shape.destroy();
            shape = null;
        }
    }

    private static BatchStep step(java.util.function.DoubleSupplier loss) {
        return new BatchStep() {
            @Override
            public double evaluate() {
                return loss.getAsDouble();
            }

            @Override
            public DMatrixRMaj eta() {
                return null;
            }
        };
    }

    /** @return {@code lambda/2 sum ||W||^2} over the weight matrices, whose gradients it adds {@code lambda W} to */
    private double penalty() {
        if (regParam == 0) {
            return 0;
        }
        double sq = 0;
        for (Parameter p : penalised) {
            final double[] w = p.value().data, g = p.grad().data;
            for (int i = 0; i < w.length; i++) {
                g[i] += regParam * w[i];
                sq += w[i] * w[i];
            }
        }
        return 0.5 * regParam * sq;
    }

    /**
     * @param rows     the cached rows
     * @param mini     the mini-batch, or null for every row
     * @param backward false for the loss alone (gradients untouched)
     * @return {@code {L / W, W}}: the mean NLL (with backward, plus the penalty) and the total weight of the rows
     *         evaluated
     */
    private double[] evaluate(DistributedData rows, MiniBatch mini, boolean backward) {
        final JavaSparkContext sc = JavaSparkContext.fromSparkContext(rows.partitions.context());
        if (shape == null) {
            shape = sc.broadcast(FlatParameters.toBytes(net));
        }
        final Broadcast<double[]> theta = sc.broadcast(Parameters.flatten(params));
        final Broadcast<byte[]> netBytes = shape;
        final Family fam = family;
        final ExactSum sum;
        try {
            sum = rows.partitions.treeAggregate(ExactSum.ZERO,
                    (acc, part) -> acc.plus(part.evaluate(netBytes.value(), theta.value(), fam, mini, backward)),
                    ExactSum::plus, depth);
        } catch (Exception e) {   // Spark's checked SparkException is thrown undeclared
            throw SparkErrors.unwrap(e);
        } finally {
            theta.destroy();
        }
        final double[] s = sum.toDoubles();
        final double loss = s[size], weight = s[size + 1];
        if (weight == 0) {
            return new double[] {0.0, 0.0};
        }
        if (!backward) {
            return new double[] {loss / weight, weight};
        }
        Parameters.restoreGradients(params, s, 1.0 / weight);
        return new double[] {loss / weight + penalty(), weight};
    }
}

package neuralglm.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import neuralglm.family.PoissonFamily;
import neuralglm.model.TabularModel;
import neuralglm.optim.SgdOptimizer;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * With {@code withPartitions(n)} the model depends on the rows only, not on how the table was partitioned
 * or ordered: the same rows, shuffled two ways and split into different numbers of partitions, give the
 * same encoder statistics, the same mini-batches and the same network, bit for bit.
 */
class OrderIndependenceTest {

    @Test
    void reshuffledAndRepartitionedTablesGiveIdenticalModels() {
        final SparkSession spark = LocalSpark.start(2);
        final List<Object[]> rows = SparkTableTest.cells(150, 11);
        final List<Object[]> a = new ArrayList<>(rows), b = new ArrayList<>(rows);
        Collections.shuffle(a, new Random(1));
        Collections.shuffle(b, new Random(2));
        final SparkTrainer trainer = new SparkTrainer(new PoissonFamily()).withFeatures("x1", "x2", "colour", "size")
                .withLabel("count").withWeight("w").withHidden(3).withActivation("Tanh").withOptimizer(new SgdOptimizer(0.05))
                .withEpochs(2).withBatchSize(75).withPartitions(3);
        final TabularModel ma = trainer.fit(SparkTableTest.table(spark, a, 4));
        final TabularModel mb = trainer.fit(SparkTableTest.table(spark, b, 2));
        assertArrayEquals(ma.encoder().centre(), mb.encoder().centre());
        assertArrayEquals(ma.encoder().scale(), mb.encoder().scale());
        assertArrayEquals(ma.result().lossTrace(), mb.result().lossTrace());
        assertArrayEquals(neuralglm.nn.Parameters.flatten(ma.network().parameters()), neuralglm.nn.Parameters.flatten(mb.network().parameters()));
        assertEquals(ma.result().finalLoss(), mb.result().finalLoss());
    }
}

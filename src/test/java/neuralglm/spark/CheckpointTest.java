package neuralglm.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;

import neuralglm.family.PoissonFamily;
import neuralglm.model.TabularModel;
import neuralglm.optim.SgdOptimizer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints and resuming: full-batch SGD (no optimiser state) stopped after 3 epochs with a checkpoint and
 * resumed to 5 equals 5 epochs in one go, bit for bit; a failure during training names the epoch and leaves
 * a checkpoint with the last good parameters.
 */
class CheckpointTest {

    @Test
    void resumingFromACheckpointContinuesTheRunAndAFailureNamesItsEpoch(@TempDir Path dir) throws Exception {
        final SparkSession spark = LocalSpark.start(2);
        final Dataset<Row> table = SparkTableTest.table(spark, SparkTableTest.cells(120, 3), 2);
        final SparkTrainer trainer = new SparkTrainer(new PoissonFamily()).withFeatures("x1", "x2", "colour", "size")
                .withLabel("count").withOptimizer(new SgdOptimizer(0.1));
        final TabularModel straight = trainer.withEpochs(5).fit(table);
        final String ckpt = dir.resolve("ckpt.json").toString();
        final TabularModel first = trainer.withEpochs(3).withCheckpoint(ckpt, 2).fit(table);
        final TabularModel saved = ModelStore.load(ckpt, spark.sparkContext().hadoopConfiguration());
        assertEquals(3, saved.result().epochs());
        final TabularModel resumed = trainer.withEpochs(5).withResumeFrom(saved).fit(table);
        assertArrayEquals(straight.result().lossTrace(), resumed.result().lossTrace());
        assertArrayEquals(Arrays.copyOf(straight.result().lossTrace(), 3), first.result().lossTrace());
        assertArrayEquals(neuralglm.nn.Parameters.flatten(straight.network().parameters()),
                neuralglm.nn.Parameters.flatten(resumed.network().parameters()));

        final String ckpt2 = dir.resolve("failed.json").toString();
        final IllegalStateException e = assertThrows(IllegalStateException.class, () -> trainer.withEpochs(5)
                .withCheckpoint(ckpt2, 10).withProgress(1, (epoch, nll) -> {
                    if (epoch == 2) {
                        throw new IllegalStateException("executor lost (simulated)");
                    }
                }).fit(table));
        assertTrue(e.getMessage().contains("Training failed in epoch 4 of 5") && e.getMessage().contains("after epoch 3")
                && e.getMessage().contains("--resume-from " + ckpt2) && e.getMessage().contains("executor lost"), e.getMessage());
        final TabularModel lastGood = ModelStore.load(ckpt2, spark.sparkContext().hadoopConfiguration());
        assertArrayEquals(Arrays.copyOf(straight.result().lossTrace(), 3), lastGood.result().lossTrace());
    }
}

package neuralglm.train;

/**
 * What {@link TrainingSession} trains on: the batches of an epoch, and the weighted mean loss and its
 * gradient for a batch (written into the network's parameter gradients by the batch's
 * {@link BatchStep}). The loop (epochs, the optimiser, interrupts, divergence, the loss trace, progress,
 * early stopping, resume) is the session's; an objective only knows its rows:
 * <pre>
 *   full batch:  L(theta) = sum_i w_i l_i / sum_i w_i over all training rows
 *   mini-batch:  epoch e is T batches B_1..B_T (a seeded order of the rows), L_t = sum_{B_t} w_i l_i / sum_{B_t} w_i
 *   validation:  the same mean over held-out rows (early stopping), when the objective has them
 * </pre>
 * A local data set ({@link Trainer#start}: rows in memory, optional threads) and a Spark table
 * ({@code neuralglm.spark.SparkTrainer}: one Spark job per evaluation) are the two objectives.
 */
public interface Objective {

    /** @return the number of training rows n */
    long trainingRows();

    /** @return the number of held-out validation rows; 0 without early stopping */
    long validationRows();

    /** @return the training rows' total weight {@code sum w} (&gt; 0) */
    double trainingWeight();

    /** @return the closure of the full batch (every training row) */
    BatchStep fullBatch();

    /**
     * Starts the mini-batches of an epoch.
     *
     * @param epoch     the 0-based epoch
     * @param batchSize rows per batch, 1 &lt;= batchSize &lt; n
     * @return the number of batches T
     */
    int startEpoch(int epoch, int batchSize);

    /**
     * Prepares batch t of the current epoch; its closure is then {@link #batch()}.
     *
     * @param t the batch, 0 &lt;= t &lt; T
     * @return the batch's total weight; 0 when the batch is to be skipped (no step)
     */
    double prepareBatch(int t);

    /** @return the closure of the batch last prepared */
    BatchStep batch();

    /**
     * @param epoch  the number of epochs run (for a divergence message)
     * @param etaOut given the network's outputs on all training rows (n x k, in order) when the objective
     *               has them at hand (rows in memory); left with 0 rows otherwise
     * @return the weighted mean NLL of all training rows at the current parameters
     */
    double trainingLoss(int epoch, org.ejml.data.DMatrixRMaj etaOut);

    /** @return the weighted mean NLL of the validation rows at the current parameters; NaN without them */
    double validationLoss();

    /** @return the validation rows' total weight {@code sum w} (0 without them, or when all weigh 0) */
    double validationWeight();

    /** Releases threads or cluster resources held between epochs; the next evaluation takes them again. */
    void release();
}

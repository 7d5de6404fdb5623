package neuralglm.optim;

/**
 * An optimiser whose learning rate may change between steps and keep its state (momentum, moments, step
 * count), as a learning-rate schedule changes it: PyTorch's {@code optimizer.param_groups[i]['lr'] = ...}.
 */
public interface ScheduledRate {

    /**
     * @param lr the learning rate of the coming steps, finite and &gt;= 0 (a schedule may reach 0)
     * @throws IllegalArgumentException for any other value
     */
    void setLearningRate(double lr);
}

package neuralglm.optim;

/**
 * An optimiser whose learning rate may change between steps and keep its state (momentum, moments, step
 * count), as a learning-rate schedule changes it: PyTorch's {@code optimizer.param_groups[i]['lr'] = ...}.
 */
public interface ScheduledRate {

    /**
     * @param lr the learning rate of the coming steps, finite (a schedule may reach 0, and PyTorch's linear annealing
     *           ends a little below it, which PyTorch steps with)
     * @throws IllegalArgumentException for any other value
     */
    void setLearningRate(double lr);
}

package neuralglm.optim;

/**
 * An optimiser whose momentum (SGD's and RMSprop's mu, Adam's beta1) may change between steps and keep its state,
 * as a cyclical schedule changes it: PyTorch's {@code param_groups[i]['momentum'] = ...} or {@code ['betas'] =
 * (beta1, beta2)} of OneCycleLR and CyclicLR with {@code cycle_momentum=True}. A momentum buffer the optimiser had
 * no use for before (momentum 0) starts when first needed, as PyTorch's.
 */
public interface ScheduledMomentum {

    /**
     * @param momentum the momentum (beta1) of the coming steps, in [0, 1)
     * @throws IllegalArgumentException for any other value
     */
    void setMomentum(double momentum);
}

package neuralglm.train;

/** Why a training run ended. */
public enum StopReason {
    /** Every epoch allowed was run. */
    EPOCH_LIMIT,
    /** The optimiser met its own stopping rule (L-BFGS). */
    CONVERGED,
    /** Early stopping: the validation loss did not improve for {@code patience} epochs. */
    NO_IMPROVEMENT,
    /** The caller ended the run before the epoch limit (e.g. an epoch count chosen by cross-validation). */
    STOPPED_BY_CALLER
}

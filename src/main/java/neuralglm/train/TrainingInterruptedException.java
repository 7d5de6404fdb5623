package neuralglm.train;

/**
 * The training thread was interrupted (for example by the Weka Explorer's Stop button). The thread's
 * interrupt flag is set again before this is thrown, so callers up the stack still see it.
 */
public class TrainingInterruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int epoch;

    /** @param epoch 0-based epoch at which training stopped */
    public TrainingInterruptedException(int epoch) {
        super("Training was interrupted at epoch " + epoch);
        this.epoch = epoch;
    }

    /** @return 0-based epoch at which training stopped */
    public int epoch() {
        return epoch;
    }
}

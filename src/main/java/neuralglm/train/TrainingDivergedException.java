package neuralglm.train;

/** Training produced a non-finite loss or parameters; the message names the epoch and a remedy. */
public class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int epoch;

    /**
     * @param epoch   0-based epoch at which the loss stopped being finite
     * @param message the full message
     */
    public TrainingDivergedException(int epoch, String message) {
        super(message);
        this.epoch = epoch;
    }

    /** @return the 0-based epoch at which training diverged */
    public int epoch() {
        return epoch;
    }
}

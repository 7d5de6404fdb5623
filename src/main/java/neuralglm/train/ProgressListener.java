package neuralglm.train;

/** Receives the training loss every few epochs. */
@FunctionalInterface
public interface ProgressListener {
    /**
     * @param epoch    0-based epoch just finished
     * @param meanNll  weighted mean NLL of that epoch (before its step, for full batch)
     */
    void onProgress(int epoch, double meanNll);
}

package neuralglm.train;

import java.io.Serializable;
import java.util.Arrays;

/**
 * What one training run did: the loss trace, the epochs run and why it stopped.
 * {@code lossTrace[e]} is the weighted mean NLL of epoch e (for full batch: at the parameters before
 * that epoch's step); {@link #finalLoss()} is the NLL after the last step.
 */
public final class TrainingResult implements Serializable {
    private static final long serialVersionUID = 1L;

    private final double[] lossTrace;
    private final double finalLoss;
    private final boolean converged;

    /**
     * @param lossTrace per-epoch mean NLL (copied)
     * @param finalLoss mean NLL after the last step
     * @param converged whether the optimiser met its own stopping rule before the epoch limit
     */
    public TrainingResult(double[] lossTrace, double finalLoss, boolean converged) {
        this.lossTrace = lossTrace.clone();
        this.finalLoss = finalLoss;
        this.converged = converged;
    }

    /** @return a copy of the per-epoch mean NLL */
    public double[] lossTrace() {
        return lossTrace.clone();
    }

    /** @return the number of epochs run */
    public int epochs() {
        return lossTrace.length;
    }

    /** @return the mean NLL after the last step */
    public double finalLoss() {
        return finalLoss;
    }

    /** @return whether the optimiser converged (L-BFGS) before the epoch limit */
    public boolean converged() {
        return converged;
    }

    @Override
    public String toString() {
        return "TrainingResult(epochs=" + epochs() + ", finalLoss=" + finalLoss + ", converged=" + converged
                + ", first=" + (lossTrace.length > 0 ? lossTrace[0] : Double.NaN) + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainingResult r && Arrays.equals(lossTrace, r.lossTrace)
                && Double.compare(finalLoss, r.finalLoss) == 0 && converged == r.converged;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(lossTrace) * 31 + Double.hashCode(finalLoss);
    }
}

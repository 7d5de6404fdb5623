package neuralglm.train;

import java.io.Serializable;
import java.util.Arrays;

/**
 * What one training run did: the loss trace, the epochs run and why it stopped.
 * {@code lossTrace[e]} is the weighted mean NLL of epoch e on the training rows (for full batch: at the
 * parameters before that epoch's step); {@link #finalLoss()} is the NLL after the last step (after the
 * best weights were restored, with early stopping). With early stopping, {@code validationTrace[e]} is
 * the weighted mean NLL of the held-out rows after epoch e, and {@link #bestEpoch()} the epoch whose
 * weights the network keeps.
 */
public final class TrainingResult implements Serializable {
    private static final long serialVersionUID = 2L;

    private final double[] lossTrace;
    private final double finalLoss;
    private final StopReason stopReason;
    private final double[] validationTrace;
    private final int bestEpoch;
    private final int patience;

    /**
     * A run without early stopping.
     *
     * @param lossTrace per-epoch mean NLL (copied)
     * @param finalLoss mean NLL after the last step
     * @param converged whether the optimiser met its own stopping rule before the epoch limit
     */
    public TrainingResult(double[] lossTrace, double finalLoss, boolean converged) {
        this(lossTrace, finalLoss, converged ? StopReason.CONVERGED : StopReason.EPOCH_LIMIT, new double[0], -1, 0);
    }

    /**
     * @param lossTrace       per-epoch mean NLL on the training rows (copied)
     * @param finalLoss       mean NLL on the training rows at the kept weights
     * @param stopReason      why the run ended
     * @param validationTrace per-epoch mean NLL on the validation rows (copied); empty without early stopping
     * @param bestEpoch       0-based epoch of the kept weights, -1 without early stopping
     * @param patience        the early-stopping patience in epochs, 0 without early stopping
     */
    public TrainingResult(double[] lossTrace, double finalLoss, StopReason stopReason, double[] validationTrace,
                          int bestEpoch, int patience) {
        this.lossTrace = lossTrace.clone();
        this.finalLoss = finalLoss;
        this.stopReason = stopReason;
        this.validationTrace = validationTrace.clone();
        this.bestEpoch = bestEpoch;
        this.patience = patience;
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
        return stopReason == StopReason.CONVERGED;
    }

    /** @return why the run ended */
    public StopReason stopReason() {
        return stopReason;
    }

    /** @return a copy of the per-epoch validation NLL; empty without early stopping */
    public double[] validationTrace() {
        return validationTrace.clone();
    }

    /** @return whether a validation set was held out */
    public boolean earlyStopping() {
        return validationTrace.length > 0 || patience > 0;
    }

    /** @return 0-based epoch whose weights were kept (lowest validation NLL); -1 without early stopping */
    public int bestEpoch() {
        return bestEpoch;
    }

    /**
     * @return in words, at which epoch and why the run stopped (epochs counted from 1), e.g.
     *         "stopped after epoch 37: the validation loss did not improve for 10 epochs; kept the weights of epoch 27"
     */
    public String describeStop() {
        final String why;
        switch (stopReason) {
            case CONVERGED:
                why = "the optimiser converged";
                break;
            case NO_IMPROVEMENT:
                why = "the validation loss did not improve for " + patience + (patience == 1 ? " epoch" : " epochs");
                break;
            case STOPPED_BY_CALLER:
                why = "stopped by the caller before the epoch limit";
                break;
            default:
                why = "the epoch limit was reached";
        }
        final StringBuilder sb = new StringBuilder("stopped after epoch ").append(epochs()).append(": ").append(why);
        if (bestEpoch >= 0) {
            sb.append("; kept the weights of epoch ").append(bestEpoch + 1).append(" (lowest validation loss ")
                    .append(String.format(java.util.Locale.ROOT, "%.6g", validationTrace[bestEpoch])).append(')');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "TrainingResult(epochs=" + epochs() + ", finalLoss=" + finalLoss + ", stop=" + stopReason
                + ", bestEpoch=" + bestEpoch + ", first=" + (lossTrace.length > 0 ? lossTrace[0] : Double.NaN) + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainingResult r && Arrays.equals(lossTrace, r.lossTrace)
                && Double.compare(finalLoss, r.finalLoss) == 0 && stopReason == r.stopReason
                && Arrays.equals(validationTrace, r.validationTrace) && bestEpoch == r.bestEpoch && patience == r.patience;
    }

    @Override
    public int hashCode() {
        return (Arrays.hashCode(lossTrace) * 31 + Double.hashCode(finalLoss)) * 31 + stopReason.hashCode();
    }
}

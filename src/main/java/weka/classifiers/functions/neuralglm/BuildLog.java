package weka.classifiers.functions.neuralglm;

import java.util.Locale;

import neuralglm.train.TrainingResult;
import neuralglm.train.TrainingSession;
import weka.gui.Logger;

/**
 * What a {@link weka.classifiers.functions.NeuralGLM} build tells the Explorer through the
 * {@link Logger} it was given ({@code weka.core.LogHandler}): while training, the status bar shows the
 * epoch and the training (and validation) mean NLL, at most {@value #PER_SECOND} times a second; at the
 * end the Log gets one line saying how the build ended. Status and log lines are plain text; nothing
 * is sent when there is no logger.
 */
public final class BuildLog {

    /** Status messages per second, at most. */
    static final int PER_SECOND = 4;
    private static final long INTERVAL = 1_000_000_000L / PER_SECOND;

    private final Logger log;
    private final long start = System.nanoTime();
    private long lastStatus;
    private boolean shown;

    /** @param log the Explorer's logger; not null */
    public BuildLog(Logger log) {
        this.log = log;
    }

    /**
     * After an epoch: shows the progress unless a status was shown less than 1/{@value #PER_SECOND} s ago.
     *
     * @param session the run
     */
    public void epoch(TrainingSession session) {
        final long now = System.nanoTime();
        if (shown && now - lastStatus < INTERVAL) {
            return;
        }
        shown = true;
        lastStatus = now;
        log.statusMessage(status(session));
    }

    /**
     * While the automatic weight decay is chosen: one status message per penalty tried (each is a full fit).
     *
     * @param lambda         the penalty just fitted
     * @param validationLoss its held-out mean NLL
     */
    public void penalty(double lambda, double validationLoss) {
        log.statusMessage(String.format(Locale.ROOT, "NeuralGLM: choosing the weight decay, %.3g gives held-out loss %.5g",
                lambda, validationLoss));
    }

    /**
     * @param session the run
     * @return e.g. "NeuralGLM: epoch 57 of 500, training loss 0.4123, validation loss 0.4501 (best 0.4433 at epoch 47)"
     */
    static String status(TrainingSession session) {
        final StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "NeuralGLM: training, epoch %d of %d, training loss %.5g", session.epoch(), session.epochLimit(),
                session.lastLoss()));
        final double v = session.lastValidationLoss();
        if (!Double.isNaN(v)) {
            sb.append(String.format(Locale.ROOT, ", validation loss %.5g", v));
            if (session.bestEpoch() >= 0 && session.bestEpoch() != session.epoch() - 1) {
                sb.append(" (best at epoch ").append(session.bestEpoch() + 1).append(')');
            }
        }
        return sb.append(" (mean negative log-likelihood)").toString();
    }

    /**
     * The Log line of a build that ended normally, and a last status.
     *
     * @param m the built model
     */
    public void finished(FittedModel m) {
        final TrainingResult r = m.result;
        final StringBuilder sb = new StringBuilder("NeuralGLM: built ").append(m.architecture).append(" on ")
                .append(m.numInstances).append(" instances in ").append(seconds()).append("; ");
        if (r != null) {
            sb.append(r.describeStop()).append(String.format(Locale.ROOT, "; training loss %.5g", r.finalLoss()));
        } else {
            sb.append("training continues (resume)");
        }
        if (m.regularization != null) {
            sb.append("; ").append(m.regularization);
        }
        log.logMessage(sb.toString());
        log.statusMessage("NeuralGLM: " + (r == null ? "trained" : r.describeStop()));
    }

    /**
     * The Log line of a build that failed or was stopped.
     *
     * @param e what ended it
     */
    public void failed(Throwable e) {
        final String what = e instanceof InterruptedException ? "stopped" : "failed";
        log.logMessage("NeuralGLM: build " + what + " after " + seconds() + ": " + e.getMessage());
    }

    private String seconds() {
        return String.format(Locale.ROOT, "%.3g s", (System.nanoTime() - start) * 1e-9);
    }
}

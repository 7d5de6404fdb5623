package weka.gui.explorer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import javax.swing.SwingUtilities;

import org.junit.jupiter.api.Test;

import weka.classifiers.functions.NeuralGLM;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.gui.LogPanel;

/**
 * NeuralGLM in Weka's own Explorer classify panel ({@link ClassifierPanel}, the panel behind the
 * Explorer's Classify tab, with a real {@link LogPanel} as its status bar and log): Start shows the
 * training progress in the status bar and one line in the log; Stop ends a long build. The panel's
 * Swing components are lightweight, so this runs headless.
 */
class NeuralGLMInExplorerTest {

    /** The real log panel, recording what it is told. */
    static final class RecordingLogPanel extends LogPanel {
        private static final long serialVersionUID = 1L;
        final List<String> status = new ArrayList<>();
        final List<String> log = new ArrayList<>();

        @Override
        public synchronized void statusMessage(String message) {
            status.add(message);
            super.statusMessage(message);
        }

        @Override
        public synchronized void logMessage(String message) {
            log.add(message);
            super.logMessage(message);
        }

        synchronized boolean anyStatus(Predicate<String> p) {
            return status.stream().anyMatch(p);
        }

        synchronized boolean anyLog(Predicate<String> p) {
            return log.stream().anyMatch(p);
        }

        synchronized String dump() {
            return "status " + status + "\nlog " + log;
        }
    }

    /** y ~ Poisson(exp(0.5 x1 - 0.3 x2)) on n rows: a numeric class, so the panel trains a regressor. */
    private static Instances counts(int n) {
        final ArrayList<Attribute> atts = new ArrayList<>();
        atts.add(new Attribute("x1"));
        atts.add(new Attribute("x2"));
        atts.add(new Attribute("y"));
        final Instances data = new Instances("counts", atts, n);
        final java.util.Random rng = new java.util.Random(3);
        for (int i = 0; i < n; i++) {
            final double x1 = rng.nextGaussian();
            final double x2 = rng.nextGaussian();
            final double mu = Math.exp(0.5 * x1 - 0.3 * x2);
            int y = 0;
            for (double p = Math.exp(-mu), u = rng.nextDouble(), c = p; u > c; c += p) {
                p *= mu / ++y;
            }
            data.add(new DenseInstance(1, new double[] {x1, x2, y}));
        }
        data.setClassIndex(2);
        return data;
    }

    private static ClassifierPanel panel(RecordingLogPanel log, NeuralGLM classifier, Instances data) throws Exception {
        final ClassifierPanel[] panel = new ClassifierPanel[1];
        SwingUtilities.invokeAndWait(() -> {
            panel[0] = new ClassifierPanel();
            panel[0].setLog(log);
            panel[0].setInstances(data);           // the last attribute becomes the class, as in the Explorer
            panel[0].m_ClassifierEditor.setValue(classifier);
            panel[0].m_TrainBut.setSelected(true); // "Use training set": one build
        });
        return panel[0];
    }

    private static void waitFor(long seconds, java.util.function.BooleanSupplier done) throws InterruptedException {
        final long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!done.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(20);
        }
    }

    @Test
    void startShowsProgressInTheStatusBarAndOneLogLine() throws Exception {
        final RecordingLogPanel log = new RecordingLogPanel();
        final NeuralGLM c = new NeuralGLM();
        c.setOptions(weka.core.Utils.splitOptions("-family Poisson"));
        final ClassifierPanel panel = panel(log, c, counts(300));
        SwingUtilities.invokeAndWait(panel::startClassifier);
        waitFor(120, () -> panel.m_RunThread == null);
        assertTrue(panel.m_RunThread == null, "build still running after 120 s\n" + log.dump());
        assertTrue(log.anyStatus(s -> s.startsWith("NeuralGLM: training, epoch ") && s.contains("training loss")),
                log.dump());
        assertTrue(log.anyStatus(s -> s.startsWith("NeuralGLM: choosing the weight decay")), log.dump());
        assertTrue(log.anyLog(s -> s.contains("NeuralGLM: built ") && s.contains("instances")), log.dump());
        final String out = panel.m_OutText.getText();
        assertTrue(out.contains("Regularisation:") && out.contains("Stopped:"), out);
    }

    @Test
    void stopEndsALongBuild() throws Exception {
        final RecordingLogPanel log = new RecordingLogPanel();
        final NeuralGLM c = new NeuralGLM();
        // no early stopping, many epochs of small batches: minutes of training unless stopped
        c.setOptions(weka.core.Utils.splitOptions(
                "-family Poisson -weight-decay 0.1 -validation-fraction 0 -epochs 1000000 -mini-batch-size 4 -optimizer Adam"));
        final ClassifierPanel panel = panel(log, c, counts(2000));
        SwingUtilities.invokeAndWait(panel::startClassifier);
        waitFor(60, () -> log.anyStatus(s -> s.startsWith("NeuralGLM: training, epoch ")));
        assertTrue(log.anyStatus(s -> s.startsWith("NeuralGLM: training, epoch ")), log.dump());
        final long stop = System.nanoTime();
        SwingUtilities.invokeAndWait(panel::stopClassifier);
        waitFor(30, () -> panel.m_RunThread == null);
        final double seconds = (System.nanoTime() - stop) * 1e-9;
        assertTrue(panel.m_RunThread == null, "still training 30 s after Stop\n" + log.dump());
        assertTrue(log.anyLog(s -> s.contains("NeuralGLM: build stopped")), log.dump());
        assertTrue(seconds < 30, "stopped after " + seconds + " s");
    }
}

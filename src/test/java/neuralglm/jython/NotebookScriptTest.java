package neuralglm.jython;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import neuralglm.testutil.NotebookFixture;
import org.junit.jupiter.api.Test;

/**
 * scripts/notebook.py through the embedded Jython: on the fixture's data and initial weights, in float64 as the fixture
 * was made, it reproduces the PyTorch traces within the fixture README's tolerance, prints what the notebook
 * prints, and writes its figures.
 */
class NotebookScriptTest {

    static final Path OUT = Path.of("target", "jython-out");

    static void assertPng(Path png, int width, int height) throws Exception {
        assertTrue(Files.isRegularFile(png), "missing " + png);
        final BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(width, img.getWidth(), png + " width");
        assertEquals(height, img.getHeight(), png + " height");
    }

    static double[] column(Path csv, int col) throws Exception {
        final List<String> lines = Files.readAllLines(csv);
        final double[] d = new double[lines.size() - 1];
        for (int i = 1; i < lines.size(); i++) {
            d[i - 1] = Double.parseDouble(lines.get(i).split(",")[col]);
        }
        return d;
    }

    @Test
    void fixtureRunMatchesPyTorchTraces() throws Exception {
        final Path out = OUT.resolve("fixture");
        final String printed = Jython.run("notebook.py", "--fixture", NotebookFixture.DIR.toString(), "--dtype", "float64",
                "--out", out.toString(), "--width", "640", "--height", "400");
        for (String fam : NotebookFixture.FAMILIES) {
            final double[] ref = NotebookFixture.trace(fam);
            final Path csv = out.resolve("notebook").resolve("trace_" + fam + ".csv");
            for (int col = 1; col <= 2; col++) {
                final double[] trace = column(csv, col);
                assertEquals(ref.length, trace.length, fam);
                final int strict = fam.equals("categorical") ? ref.length : 1000;
                for (int i = 0; i < strict; i++) {
                    assertEquals(ref[i], trace[i], 1e-9 * Math.abs(ref[i]), fam + " column " + col + " iteration " + i);
                }
                final double last = trace[trace.length - 1], refLast = ref[ref.length - 1];
                assertEquals(refLast, last, 0.05 * Math.abs(refLast), fam + " final mean NLL");
            }
            assertPng(out.resolve("notebook").resolve(fam + "_fit.png"), 640, 400);
            assertPng(out.resolve("notebook").resolve(fam + "_loss.png"), 640, 400);
        }
        // the notebook's progress lines: steps 0, 500, ..., 4500 for each family, loss as PyTorch's
        final Matcher m = Pattern.compile("(?m)^Epoch: (\\d+)\tLoss: (\\S+)$").matcher(printed);
        int count = 0;
        while (m.find()) {
            final int famIndex = count / 10;
            final double[] ref = NotebookFixture.trace(NotebookFixture.FAMILIES.get(famIndex));
            final int step = Integer.parseInt(m.group(1));
            assertEquals(500 * (count % 10), step);
            if (step < 1000 || famIndex == 1) {
                assertEquals(ref[step], Double.parseDouble(m.group(2)), 1e-9 * Math.abs(ref[step]));
            }
            count++;
        }
        assertEquals(30, count, "Epoch lines");
        assertTrue(printed.contains("Final mean NLL after 5000 steps:"), printed);
    }

    @Test
    void notebooksOwnNetClassGivesTheSameTraces() throws Exception {
        final Path out = OUT.resolve("class");
        Jython.run("notebook.py", "--fixture", NotebookFixture.DIR.toString(), "--dtype", "float64", "--net", "class",
                "--steps", "200", "--every", "100", "--out", out.toString());
        for (String fam : NotebookFixture.FAMILIES) {
            final double[] ref = NotebookFixture.trace(fam);
            final double[] trace = column(out.resolve("notebook").resolve("trace_" + fam + ".csv"), 1);
            for (int i = 0; i < 200; i++) {
                assertEquals(ref[i], trace[i], 1e-9 * Math.abs(ref[i]), fam + " iteration " + i);
            }
        }
    }

    @Test
    void syntheticRunWithFewerSteps() throws Exception {
        final Path out = OUT.resolve("synthetic");
        final String printed = Jython.run("notebook.py", "--steps", "60", "--every", "20", "--n", "120",
                "--out", out.toString());
        assertTrue(printed.contains("Data: 120 synthetic examples, seed 500"), printed);
        assertEquals(9, Pattern.compile("(?m)^Epoch: (0|20|40)\tLoss: \\S+$").matcher(printed).results().count());
        assertEquals(3, Pattern.compile("(?m)^The two traces agree to 1e-9 \\(relative\\) for the first 60 of 60 steps$")
                .matcher(printed).results().count(), printed);
        for (String fam : NotebookFixture.FAMILIES) {
            assertPng(out.resolve("notebook").resolve(fam + "_fit.png"), 800, 500);
            assertTrue(new File(out.resolve("notebook").toFile(), "trace_" + fam + ".csv").isFile());
        }
    }
}

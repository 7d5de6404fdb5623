package neuralglm.jython;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares what a script printed through the bridge with what PyTorch 1.13 printed for the same file on
 * CPython: the same text once every number is taken out, and each number within a relative tolerance.
 */
final class PyTorchPrintout {

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?(e[-+]?\\d+)?");

    private PyTorchPrintout() {
    }

    /**
     * Runs a script of {@code src/test/resources/neuralglm/jython/} as {@code scripts/run} runs it.
     *
     * @param name the file's name
     * @return what it printed
     */
    static String run(String name) {
        return Jython.exec("import _pymain\n_pymain.run_path('src/test/resources/neuralglm/jython/" + name + "',"
                + " {'__name__': '__main__'})");
    }

    /**
     * @param pytorch   PyTorch's printout
     * @param printed   the bridge's
     * @param tolerance the largest difference allowed, relative to max(1, |PyTorch's number|)
     * @return the largest relative difference found
     */
    static double assertSame(String pytorch, String printed, double tolerance) {
        final String[] want = pytorch.strip().split("\n"), got = printed.strip().split("\n");
        assertEquals(want.length, got.length, printed);
        double largest = 0;
        for (int i = 0; i < want.length; i++) {
            final List<Double> wantNumbers = new ArrayList<>(), gotNumbers = new ArrayList<>();
            final String where = "line " + (i + 1) + ": '" + got[i] + "' for PyTorch's '" + want[i] + "'";
            assertEquals(numbersOut(want[i], wantNumbers), numbersOut(got[i], gotNumbers), where);
            assertEquals(wantNumbers.size(), gotNumbers.size(), where);
            for (int k = 0; k < wantNumbers.size(); k++) {
                final double d = Math.abs(wantNumbers.get(k) - gotNumbers.get(k)) / Math.max(1.0, Math.abs(wantNumbers.get(k)));
                assertTrue(d <= tolerance, where + ": number " + (k + 1) + " is " + gotNumbers.get(k) + ", PyTorch's " + wantNumbers.get(k));
                largest = Math.max(largest, d);
            }
        }
        return largest;
    }

    /** @return the line with each number replaced by #, the numbers added to {@code numbers} */
    private static String numbersOut(String line, List<Double> numbers) {
        final Matcher m = NUMBER.matcher(line);
        final StringBuilder sb = new StringBuilder();
        while (m.find()) {
            numbers.add(Double.parseDouble(m.group()));
            m.appendReplacement(sb, "#");
        }
        m.appendTail(sb);
        return sb.toString();
    }
}

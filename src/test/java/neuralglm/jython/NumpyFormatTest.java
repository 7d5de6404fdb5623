package neuralglm.jython;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * The numpy shim's printing against numpy 1.24's own {@code str()} and {@code repr()} of 303 arrays
 * ({@code numpy_format.txt}, written by {@code scripts/cpython/numpy_format_fixture.py}): float64, float32, int64
 * and bool; 0-, 1- and 2-d; magnitudes from 1e-310 to 1e300, whole numbers, nan, inf, -0., and arrays of more than
 * 1000 entries (summarised), and through the shim itself.
 */
class NumpyFormatTest {

    private static final Path FIXTURE = Path.of("src/test/resources/neuralglm/jython/numpy_format.txt");

    /** One array of the fixture and numpy's two texts for it. */
    private static final class Case {
        String kind;
        boolean f32;
        int[] shape;
        double[] values;
        final StringBuilder str = new StringBuilder();
        final StringBuilder repr = new StringBuilder();

        Tensor tensor() {
            final int rows = shape.length == 2 ? shape[0] : 1;
            final int cols = shape.length == 0 ? 1 : shape[shape.length - 1];
            return new Tensor(new DMatrixRMaj(rows, cols, true, values), shape);
        }

        String header() {
            return kind + (f32 ? " float32 " : " ") + Arrays.toString(shape);
        }
    }

    private static List<Case> cases() throws IOException {
        final List<Case> cases = new ArrayList<>();
        Case c = null;
        StringBuilder into = null;
        for (String line : Files.readAllLines(FIXTURE, StandardCharsets.UTF_8)) {
            if (line.startsWith("@@ ")) {
                final String[] h = line.split(" ", -1);
                c = new Case();
                c.kind = h[1];
                c.f32 = h[2].equals("1");
                c.shape = h[3].isEmpty() ? new int[0] : Arrays.stream(h[3].split(",")).mapToInt(Integer::parseInt).toArray();
                cases.add(c);
                into = null;
            } else if (line.equals("@str")) {
                into = c.str;
            } else if (line.equals("@repr")) {
                into = c.repr;
            } else if (line.equals("@end")) {
                into = null;
            } else if (into != null) {
                into.append(into.length() > 0 ? "\n" : "").append(line);
            } else {
                c.values = line.isEmpty() ? new double[0]
                        : Arrays.stream(line.split(" ")).mapToDouble(NumpyFormatTest::parse).toArray();
            }
        }
        return cases;
    }

    private static double parse(String s) {
        switch (s) {
            case "nan": return Double.NaN;
            case "inf": return Double.POSITIVE_INFINITY;
            case "-inf": return Double.NEGATIVE_INFINITY;
            default: return Double.parseDouble(s);
        }
    }

    @Test
    void printsAsNumpy() throws IOException {
        final List<Case> cases = cases();
        assertEquals(303, cases.size());
        int summarised = 0;
        for (Case c : cases) {
            final Tensor t = c.tensor();
            assertEquals(c.str.toString(), NumpyFormat.str(t, c.kind, c.f32), "str of " + c.header());
            assertEquals(c.repr.toString(), NumpyFormat.repr(t, c.kind, c.f32), "repr of " + c.header());
            summarised += c.str.indexOf("...") >= 0 ? 1 : 0;
        }
        assertTrue(summarised >= 5, "summarised arrays in the fixture: " + summarised);
    }

    @Test
    void theShimPrintsAsNumpy() {
        // numpy 1.24's output for the same lines
        final String printed = Jython.exec(String.join("\n",
                "import numpy as np",
                "a = np.array([1.5, 2., 3.25])",
                "print(a); print(repr(a))",
                "print(np.arange(3) * 2); print(repr(np.array([True, False])))",
                "print(repr(np.linspace(0, 1, 3, dtype=np.float32)))",
                "print(repr(np.zeros_like(np.ones(2, dtype=np.float32))))",
                "print(np.array([[0.5, 1e-3], [2.0, -7.25]]))",
                "print([np.array([1., 2.])])"));
        assertEquals(String.join("\n",
                "[1.5  2.   3.25]",
                "array([1.5 , 2.  , 3.25])",
                "[0 2 4]",
                "array([ True, False])",
                "array([0. , 0.5, 1. ], dtype=float32)",
                "array([0., 0.], dtype=float32)",
                "[[ 5.00e-01  1.00e-03]",
                " [ 2.00e+00 -7.25e+00]]",
                "[array([1., 2.])]"), printed.strip());
    }
}

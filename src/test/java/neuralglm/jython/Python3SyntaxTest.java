package neuralglm.jython;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Python 3 syntax Jython 2.7 cannot read, rewritten by {@code scripts/lib/_py3syntax.py} before a script compiles:
 * f-strings (conversions, nested fields in a spec, {@code {x=}}, raw and triple-quoted, next to other literals,
 * inside functions) print what CPython 3 prints for {@code src/test/resources/neuralglm/jython/fstrings.py}; a float
 * field shows its repr and a bool True, as Python 3's (Jython's str.format gives 12 digits and 1). Python 2.7 code
 * is left as it is (a name followed at once by a string is not Python 2.7), and an f-string Python 3 refuses is a
 * SyntaxError here too.
 */
class Python3SyntaxTest {

    /** Printed by {@code /usr/bin/python3 src/test/resources/neuralglm/jython/fstrings.py} (CPython 3, PyTorch 1.13). */
    private static final String PYTHON3 = """
            a0.30000000000000004b       'hi' \\d0.30 {literal} 5
                  0.30| x=0.30000000000000004 x = 0.300 0.30000000000000004plain{}hi
            multi
            0.3 and HI
            nested hi 1 True True      1 None
            abc 19 0.30000000000000004 ***hi***
            Epoch 3: loss 0.2500 0.250 0.25
            first 10 second 2
            epoch   1 | acc 71.43% | [0.5, 0.25]
            epoch   2 | acc 71.43% | [0.5, 0.25]
            3 values, mean 2.333
            """;

    @Test
    void fStringsPrintWhatPython3Prints() {
        assertEquals(PYTHON3, PyTorchPrintout.run("fstrings.py").replace("\r\n", "\n"));
    }

    @Test
    void python2CodeIsLeftAsItIsAndBadFStringsAreSyntaxErrors() {
        final String same = "s = 'f' + \"x{}\"  # f\"{not}\"\nprint(s.format(1), r'\\d', u'u')\n";
        assertEquals(same, Jython.exec("import _py3syntax\nprint(_py3syntax.translate(" + pyString(same) + "))")
                .replace("\r\n", "\n").replaceFirst("\n$", ""));
        for (String bad : new String[] {"f'{}'", "f'a}b'", "f'{x'", "f'{x!z}'"}) {
            final String out = Jython.exec("import _py3syntax\ntry:\n    _py3syntax.translate(" + pyString(bad + "\n")
                    + ")\n    print('accepted')\nexcept SyntaxError as e:\n    print('SyntaxError ' + str(e))");
            assertTrue(out.startsWith("SyntaxError f-string: "), bad + ": " + out);
        }
    }

    private static String pyString(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
    }
}

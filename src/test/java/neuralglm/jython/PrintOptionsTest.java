package neuralglm.jython;

import org.junit.jupiter.api.Test;

/**
 * Tensor printing ({@link TensorPrinter}) under {@code torch.set_printoptions} against PyTorch 1.13's printout of
 * {@code src/test/resources/neuralglm/jython/print_options.py}: precision, sci_mode forced on and off, the 'short',
 * 'default' and 'full'-like profiles, threshold, edgeitems and linewidth, and a summarised tensor whose hidden middle
 * entries must not choose the format (they did: PyTorch formats only the entries a summary shows). The same text
 * exactly.
 */
class PrintOptionsTest {

    /** Printed by {@code /usr/bin/python3 src/test/resources/neuralglm/jython/print_options.py} (PyTorch 1.13.0a0). */
    private static final String PYTORCH = """
            tensor([[ 1.2346e+00, -1.2346e-04,  1.2346e+03],
                    [ 3.0000e+00,  4.5000e+00,  1.0000e-09]])
            tensor([[ 1.23e+00, -1.23e-04,  1.23e+03],
                    [ 3.00e+00,  4.50e+00,  1.00e-09]]) tensor([1.50, 2.25])
            tensor([[     1.23,     -0.00,   1234.57],
                    [     3.00,      4.50,      0.00]]) tensor([    0.00,     1.00])
            tensor([1.500000e+00, 2.000000e+00]) tensor([1.000000e+00, 2.000000e+00])
            tensor([0.00e+00, 3.33e-01,  ..., 6.66e+02, 6.66e+02])
            tensor([[ 0.00,  ...,  4.50],
                    ...,
                    [12.00,  ..., 16.50]]) tensor([ 0.,  ..., 29.])
            tensor([ 0.5000,  1.5000,  2.5000,  3.5000,  4.5000,  5.5000,  6.5000,  7.5000,
                     8.5000,  9.5000, 10.5000, 11.5000, 12.5000, 13.5000, 14.5000, 15.5000,
                    16.5000, 17.5000, 18.5000, 19.5000, 20.5000, 21.5000, 22.5000, 23.5000,
                    24.5000, 25.5000, 26.5000, 27.5000, 28.5000, 29.5000])
            tensor(1124250.)
            tensor([1., 1., 1.,  ..., 2., 2., 2.])
            tensor([1., nan, inf]) tensor([0.5000,    nan]) tensor([1.0000e+10,       -inf])
            """;

    @Test
    void printsAsPyTorch() {
        PyTorchPrintout.assertSame(PYTORCH, PyTorchPrintout.run("print_options.py"), 0);
    }
}

package neuralglm.jython;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Optimisers written in Python against PyTorch 1.13's numbers: {@code torch.optim.LBFGS} (PyTorch's algorithm, with
 * the fixed step and with {@code line_search_fn='strong_wolfe'}) and a tutorial's own SGD with momentum subclassing
 * {@code torch.optim.Optimizer} (two parameter groups with their own learning rates, a StepLR scheduler, print and
 * state_dict), the engine's {@code optimizer.step(closure)}, and the legacy {@code p.data.add_(-lr, p.grad.data)}.
 * The scripts are {@code src/test/resources/neuralglm/jython/lbfgs.py} and {@code custom_optimizer.py}; the expected
 * text is what PyTorch 1.13 printed for the same files on CPython (every number within 1e-10; the bridge agreed to
 * the digits printed when this was written).
 */
class PythonOptimizerTest {

    /** Printed by {@code /usr/bin/python3 src/test/resources/neuralglm/jython/lbfgs.py} (PyTorch 1.13.0a0). */
    private static final String LBFGS = """
            0 0.756067611805 -0.9059253010 0.1685554908 0.3076017740
            1 0.569883728125 -0.9060329331 0.1685025588 0.3077086394
            2 0.569883725716 -0.9060329331 0.1685025588 0.3077086394
            18 19
            0 0.756067611805 -0.9061059519 0.1684985222 0.3077888593
            1 0.569883725887 -0.9061059519 0.1684985222 0.3077888593
            2 0.569883725887 -0.9061059519 0.1684985222 0.3077888593
            10 10
            """;

    /** Printed by {@code /usr/bin/python3 src/test/resources/neuralglm/jython/custom_optimizer.py}. */
    private static final String CUSTOM = """
            0 1.398865376526 [0.1, 0.05]
            1 1.076750867267 [0.05, 0.025]
            2 0.640773989216 [0.05, 0.025]
            3 0.445788148209 [0.025, 0.0125]
            4 0.291370076372 [0.025, 0.0125]
            MySGD (
            Parameter Group 0
                initial_lr: 0.1
                lr: 0.025
                momentum: 0.9

            Parameter Group 1
                initial_lr: 0.05
                lr: 0.0125
                momentum: 0.9
            )
            [0, 1, 2, 3] [2, 3] 0.0125 True
            0.2351641999 True
            0.2246300366
            """;

    @Test
    void lbfgsStepsAsPyTorchs() {
        PyTorchPrintout.assertSame(LBFGS, PyTorchPrintout.run("lbfgs.py"), 1e-10);
    }

    @Test
    void anOptimizerSubclassStepsAsPyTorchs() {
        PyTorchPrintout.assertSame(CUSTOM, PyTorchPrintout.run("custom_optimizer.py"), 1e-10);
    }

    @Test
    void tensorsAreTheirOwnDictKeys() {
        // PyTorch: a tensor hashes and matches by identity; Jython made a new Python object at each crossing
        final String printed = Jython.exec(String.join("\n",
                "import torch",
                "m = torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.Linear(2, 1))",
                "names = dict((p, n) for n, p in m.named_parameters())",
                "print('%s %s %s %s %s' % (m[0].weight is m[0].weight, names[m[1].bias],"
                        + " any(p is m[0].bias for p in m.parameters()), len(set(m.parameters()) | set(m[0].parameters())), list(m.parameters())[2] is m[1].weight))"));
        assertEquals("True 1.bias True 4 True", printed.strip());
    }
}

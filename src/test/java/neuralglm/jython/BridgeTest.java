package neuralglm.jython;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import neuralglm.nn.Activation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.python.core.PyException;

/**
 * The bridge from Python: gradients against finite differences, accumulation, a Jython layer with
 * its own backward inside a Sequential, and one-line error messages.
 */
class BridgeTest {

    /**
     * Central differences of a scalar function of every parameter, in Python, against backward; in float64 (a float32
     * tensor's item() is its float32 value, too coarse for a step of 1e-6).
     */
    static final String FD = String.join("\n",
            "import torch",
            "import torch.nn as nn",
            "import torch.nn.functional as F",
            "torch.set_default_dtype(torch.float64)",
            "def fd_check(net, loss_of):",
            "    net.zero_grad()",
            "    loss_of().backward()",
            "    worst = 0.0",
            "    for p in net.parameters():",
            "        g = p.grad.toArray()",
            "        for i in range(p.numel()):",
            "            v = p.data.toArray()",
            "            h = 1e-6",
            "            v[i] += h; p.data.copy_(list(v)); up = loss_of().item()",
            "            v[i] -= 2 * h; p.data.copy_(list(v)); down = loss_of().item()",
            "            v[i] += h; p.data.copy_(list(v))",
            "            worst = max(worst, abs((up - down) / (2 * h) - g[i]) / max(1.0, abs(g[i])))",
            "    return worst",
            "");

    private static double worst(String printed) {
        final String[] lines = printed.trim().split("\n");
        return Double.parseDouble(lines[lines.length - 1]);
    }

    @Test
    void recordedOperationsMatchFiniteDifferences() {
        final String printed = Jython.exec(FD + String.join("\n",
                "torch.manual_seed(3)",
                "net = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 3))",
                "X = torch.randn(5, 3)",
                "y = F.one_hot(torch.tensor([0, 2, 1, 1, 0]), 3)",
                "def loss_of():",
                "    eta = net(X)",
                "    p = torch.softmax(eta, dim=1)",
                "    return ((p - y) ** 2).sum() / 5 + F.cross_entropy(eta, y) + (eta.exp() * 0.1 + 2).log().mean()"
                + " + torch.logsumexp(eta, dim=0).sum() - eta.sigmoid().mean(0).sum() + F.huber_loss(eta, y * 3, delta=0.5)"
                + " + (eta[:, 1] * eta[1:4, 2].sum()).sum() + eta[[0, 0, 3]].tanh().sum()",
                "print(fd_check(net, loss_of))"));
        assertTrue(worst(printed) < 1e-6, printed);
    }

    /**
     * Every activation of the bridge (F.relu, ..., the tensor methods) is the engine's {@link Activation}:
     * the same f and f', so the nn modules, the functions and the training layers cannot drift apart;
     * and relu passes NaN through as PyTorch does.
     */
    @Test
    void activationsAreTheEnginesActivations() {
        final double[] xs = {-40.0, -3.5, -0.7, 0.0, 1e-300, 0.4, 2.9, 40.0};
        final String printed = Jython.exec(String.join("\n",
                "import torch",
                "import torch.nn.functional as F",
                "xs = [" + java.util.Arrays.stream(xs).mapToObj(Double::toString).collect(java.util.stream.Collectors.joining(", ")) + "]",
                "def show(name, f):",
                "    x = torch.tensor(xs, dtype=torch.float64, requires_grad=True)",
                "    f(x).backward(torch.ones(len(xs)))",
                "    with torch.no_grad():",
                "        y = f(x)",
                "    print(name + ' ' + ' '.join(repr(v) for v in y.tolist() + x.grad.tolist()))",
                "for n in ['relu', 'sigmoid', 'tanh', 'softplus', 'elu', 'leaky_relu']:",
                "    show(n, getattr(F, n))",
                "for n in ['relu', 'sigmoid', 'tanh']:",
                "    show(n, lambda t, n=n: getattr(t, n)())",
                "print(F.relu(torch.tensor([float('nan')])).tolist())"));
        final String[] lines = printed.trim().split("\n");
        assertEquals(10, lines.length, printed);
        for (int l = 0; l < 9; l++) {
            final String[] f = lines[l].split(" ");
            final Activation a = f[0].equals("leaky_relu") ? new Activation.LeakyReLU(0.01)
                    : f[0].equals("elu") ? new Activation.ELU(1.0) : Activation.byName(f[0]);
            for (int i = 0; i < xs.length; i++) {
                final double y = a.apply(xs[i]);
                assertEquals(y, Double.parseDouble(f[1 + i]), 0.0, lines[l]);
                assertEquals(a.derivative(xs[i], y), Double.parseDouble(f[1 + xs.length + i]), 0.0, lines[l]);
            }
        }
        assertEquals("[nan]", lines[9]);
    }

    @Test
    void jythonLayerWithItsOwnBackwardTrainsInsideSequential() {
        final String printed = Jython.exec(FD + String.join("\n",
                "class Cube(torch.autograd.Function):",
                "    def forward(self, x):",
                "        self.x = x",
                "        return x * x * x",
                "    def backward(self, grad_output):",
                "        return grad_output * 3 * self.x * self.x",
                "torch.manual_seed(4)",
                "net = nn.Sequential(nn.Linear(2, 3), Cube(), nn.Linear(3, 1))",
                "X = torch.randn(6, 2)",
                "y = torch.randn(6, 1)",
                "def loss_of():",
                "    return F.mse_loss(net(X), y)",
                "print(fd_check(net, loss_of))"));
        assertTrue(worst(printed) < 1e-6, printed);
    }

    @Test
    void gradientsAccumulateUntilZeroed() {
        final String printed = Jython.exec(String.join("\n",
                "import torch",
                "p = torch.tensor([0.5, -1.0], requires_grad=True)",
                "loss = (p * p).sum()",
                "loss.backward(retain_graph=True); first = p.grad.tolist()",
                "loss.backward(retain_graph=True); second = p.grad.tolist()",
                "p.grad.zero_(); loss.backward(gradient=torch.tensor(2.0), retain_graph=True)",
                "print(first, second, p.grad.tolist())"));
        assertEquals("([1.0, -2.0], [2.0, -4.0], [2.0, -4.0])", printed.trim());
    }

    @Test
    void indexingLikePyTorch() {
        final String printed = Jython.exec(String.join("\n",
                "import torch",
                "t = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]])",
                "print(t[:, 1].tolist(), t[1:].tolist(), t[[2, 0], 1:].tolist(), t[1, 2], t[-1][0], len(t), t.shape,"
                + " [r.tolist() for r in t][0], list(t[0]))"));
        // as PyTorch prints it: an entry is a 0-d tensor, a shape a torch.Size
        assertEquals("([2.0, 5.0, 8.0], [[4.0, 5.0, 6.0], [7.0, 8.0, 9.0]], [[8.0, 9.0], [2.0, 3.0]], tensor(6.), tensor(7.), 3,"
                + " torch.Size([3, 3]), [1.0, 2.0, 3.0], [tensor(1.), tensor(2.), tensor(3.)])", printed.trim());
        final PyException e = assertThrows(PyException.class, () -> Jython.exec("t[3]"));
        assertTrue(e.toString().trim().endsWith("IndexError: index 3 is out of range for a tensor of shape (3, 3)"), e.toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "net = nn.Linear(1, 3); net(torch.zeros(4, 2))|RuntimeError: Linear layer Linear(1, 3) expects 1 input columns, got 2",
        "net = nn.Linear(1, 3); optim.SGD(net.parameters(), lr=-0.1)|ValueError: SGD learning rate must be a finite number > 0, got -0.1",
        "families.Poisson().nll(torch.zeros(3, 1), torch.tensor([[1.0], [-2.0], [0.0]]))|ValueError: Poisson family: target value -2.0 at row 1 is outside its domain y >= 0 (a count)",
        "torch.zeros(4, 1) + torch.zeros(3, 1)|RuntimeError: shapes (4, 1) and (3, 1) do not broadcast: sizes must match or be 1",
        "net = nn.Linear(1, 2); net(torch.zeros(4, 1)).backward(torch.zeros(4, 1))|RuntimeError: backward(): gradient has shape (4, 1) but the tensor has shape (4, 2)",
        "optim.Adam(nn.Linear(1, 1).parameters(), betas=(0.9, 1.5))|ValueError: Adam betas must be in [0, 1), got 0.9, 1.5",
    })
    void pythonErrorsAreOneLineMessages(String statement, String expected) {
        final String prelude = "import torch\nimport torch.nn as nn\nimport torch.optim as optim\nfrom torch import families\n";
        final String caught = Jython.exec(prelude + "try:\n    " + statement.replace("; ", "\n    ")
                + "\nexcept Exception as e:\n    print('%s: %s' % (type(e).__name__, e))");
        assertEquals(expected, caught.trim());
        final PyException uncaught = assertThrows(PyException.class, () -> Jython.exec(prelude + statement.replace("; ", "\n")));
        final String[] lines = uncaught.toString().trim().split("\n");
        assertEquals(expected, lines[lines.length - 1].trim());
        assertFalse(uncaught.toString().contains("java.lang"), uncaught.toString());
    }

    @Test
    void pytorchCtxStyleFunctionMatchesFiniteDifferences() {
        final String printed = Jython.exec(FD + String.join("\n",
                "from torch.autograd import Function",
                "class Scaled(Function):",
                "    @staticmethod",
                "    def forward(ctx, x, w, k):",
                "        ctx.save_for_backward(x, w)",
                "        ctx.k = k",
                "        return (x * w).tanh() * k",
                "    @staticmethod",
                "    def backward(ctx, grad_output):",
                "        x, w = ctx.saved_tensors",
                "        d = grad_output * ctx.k * (1 - (x * w).tanh() ** 2)",
                "        return d * w, (d * x).sum(0), None",
                "torch.manual_seed(5)",
                "lin = nn.Linear(2, 3)",
                "w = nn.Parameter(torch.randn(3))",
                "class Net(nn.Module):",
                "    def __init__(self):",
                "        super(Net, self).__init__()",
                "        self.lin = lin",
                "        self.w = w",
                "    def forward(self, x):",
                "        return Scaled.apply(self.lin(x), self.w, 2.0)",
                "net = Net()",
                "X = torch.randn(4, 2)",
                "def loss_of():",
                "    return (net(X) ** 2).sum()",
                "print(fd_check(net, loss_of))"));
        assertTrue(worst(printed) < 1e-6, printed);
    }

    @Test
    void pytorchSpellings() {
        final String printed = Jython.exec(String.join("\n",
                "import math",
                "import torch",
                "from torch.autograd import Variable",
                "a = torch.FloatTensor([0.5, 2.0])",
                "v = Variable(a, requires_grad=True)",
                "loss = torch.pow((v * v).sum(), 2)",
                "loss.backward(gradient=torch.tensor(1.0), retain_graph=True)",
                "g1 = v.grad.tolist()",
                "v.grad.data.zero_()",
                "with torch.no_grad():",
                "    frozen = v * 3",
                "print(isinstance(v, Variable), v.data.tolist() == a.tolist(), g1, v.grad.tolist(),",
                "      frozen.requires_grad, torch.is_grad_enabled(), math.pow(loss, 0.5), float(loss), loss.item(),",
                "      torch.tensor([1.7, -1.7], dtype=torch.long).tolist(), torch.LongTensor(2).tolist(),",
                "      torch.zeros(2, 3, dtype=torch.float32).shape, torch.tensor([1.0]).float().dtype,",
                "      torch.cuda.is_available())",
                "m = torch.zeros(3, 2)",
                "m[[0, 1, 2], [1, 0, 1]] = 1",
                "p = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)",
                "p[[0, 1], [1, 0]].sum().backward()",
                "print(m.tolist(), p.grad.tolist(), torch.tensor([ 9.5e-05, -4.275e-02]), torch.tensor([[1.0, 2.0]]))"));
        assertEquals(String.join("\n",
                "(True, True, [8.5, 34.0], [0.0, 0.0], False, True, 4.25, 18.0625, 18.0625, [1, -1], [0, 0],"
                + " torch.Size([2, 3]), torch.float32, False)",
                "([[0.0, 1.0], [1.0, 0.0], [0.0, 1.0]], [[0.0, 1.0], [1.0, 0.0]], tensor([ 9.5000e-05, -4.2750e-02]),"
                + " tensor([[1., 2.]]))"), printed.trim());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "torch.fft|AttributeError: torch.fft is not supported by neuralGLM's PyTorch bridge (scripts/lib/torch)",
        "torch.nn.Conv2d|AttributeError: torch.nn.Conv2d is not supported by neuralGLM's PyTorch bridge (scripts/lib/torch/nn)",
        "torch.autograd.Variable.pow|AttributeError: Variable.pow: PyTorch has removed Variable's methods (Variable(t) just returns a tensor); call torch.pow(x, ...) or x.pow(...) instead",
        "torch.zeros(2).to('cuda')|ValueError: to: device 'cuda' is not available; neuralGLM computes on the CPU (torch.cuda.is_available() is False)",
        "torch.tensor([1.0], dtype='float32')|ValueError: tensor: dtype must be one of torch.float32, torch.float64, torch.float16, torch.long, torch.int, torch.bool; got float32",
        "p = torch.zeros(2, requires_grad=True); p[0] = 1.0|RuntimeError: a leaf tensor that requires grad cannot be assigned into; do it inside torch.no_grad() or assign into t.data",
        "float(torch.zeros(2))|ValueError: only a one-entry tensor converts to a Python number; this one has shape (2,)",
        "import numpy as np; np.fft|AttributeError: numpy.fft is not supported by neuralGLM's numpy shim (scripts/lib/numpy: just what the seeds' data and plotting cells use)",
        "import numpy as np; np.random.gamma|AttributeError: numpy.random.gamma is not supported by neuralGLM's numpy shim (scripts/lib/numpy/random)",
        "import matplotlib.pyplot as plt; plt.hist|AttributeError: matplotlib.pyplot.hist is not supported by neuralGLM's matplotlib.pyplot shim (scripts/lib/matplotlib/pyplot.py)",
        "import numpy as np; np.random.binomial(1, p=np.array([0.5, 1.5]))|ValueError: binomial: p must be in [0, 1], got 1.5 at position 1",
    })
    void unsupportedNamesAndMisuseFailWithOneLine(String statement, String expected) {
        final PyException e = assertThrows(PyException.class,
                () -> Jython.exec("import torch\nimport torch.nn\nimport torch.autograd\n" + statement.replace("; ", "\n")));
        final String[] lines = e.toString().trim().split("\n");
        assertEquals(expected, lines[lines.length - 1].trim());
    }

    @Test
    void cudaSetDeviceIsANoticeNotACrash() {
        final String printed = Jython.exec("import torch\ntorch.cuda.set_device(0)\nprint(torch.cuda.device_count())");
        assertEquals("torch.cuda.set_device(0): no CUDA device here; neuralGLM computes on the CPU, so this call is ignored\n0",
                printed.trim());
    }
}

package neuralglm.jython;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.python.core.PyException;

/**
 * The bridge from Python: gradients against finite differences, accumulation, a Jython layer with
 * its own backward inside a Sequential, and one-line error messages.
 */
class BridgeTest {

    /** Central differences of a scalar function of every parameter, in Python, against backward. */
    private static final String FD = String.join("\n",
            "import torchlike as torch",
            "from torchlike import nn, F",
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
                "y = F.one_hot(torch.tensor([0.0, 2.0, 1.0, 1.0, 0.0]), 3)",
                "def loss_of():",
                "    eta = net(X)",
                "    p = torch.softmax(eta, dim=1)",
                "    return ((p - y) ** 2).sum() / 5 + F.cross_entropy(eta, y) + (eta.exp() * 0.1 + 2).log().mean()"
                + " + torch.logsumexp(eta, dim=0).sum() - eta.sigmoid().mean(0).sum() + F.huber_loss(eta, y * 3, delta=0.5)"
                + " + (eta[:, 1] * eta[1:4, 2].sum()).sum() + eta[[0, 0, 3]].tanh().sum()",
                "print(fd_check(net, loss_of))"));
        assertTrue(worst(printed) < 1e-6, printed);
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
                "import torchlike as torch",
                "p = torch.tensor([0.5, -1.0], requires_grad=True)",
                "loss = (p * p).sum()",
                "loss.backward(); first = p.grad.tolist()",
                "loss.backward(); second = p.grad.tolist()",
                "p.grad.zero_(); loss.backward(gradient=torch.tensor(2.0), retain_graph=True)",
                "print(first, second, p.grad.tolist())"));
        assertEquals("([1.0, -2.0], [2.0, -4.0], [2.0, -4.0])", printed.trim());
    }

    @Test
    void indexingLikePyTorch() {
        final String printed = Jython.exec(String.join("\n",
                "import torchlike as torch",
                "t = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]])",
                "print(t[:, 1].tolist(), t[1:].tolist(), t[[2, 0], 1:].tolist(), t[1, 2], t[-1][0], len(t), t.shape,"
                + " [r.tolist() for r in t][0], list(t[0]))"));
        assertEquals("([2.0, 5.0, 8.0], [[4.0, 5.0, 6.0], [7.0, 8.0, 9.0]], [[8.0, 9.0], [2.0, 3.0]], 6.0, 7.0, 3, (3, 3),"
                + " [1.0, 2.0, 3.0], [1.0, 2.0, 3.0])", printed.trim());
        final PyException e = assertThrows(PyException.class, () -> Jython.exec("t[3]"));
        assertTrue(e.toString().trim().endsWith("IndexError: index 3 is out of range for a tensor of shape (3, 3)"), e.toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "net = nn.Linear(1, 3); net(torch.zeros(4, 2))|ValueError: Linear layer Linear(1, 3) expects 1 input columns, got 2",
        "net = nn.Linear(1, 3); optim.SGD(net.parameters(), lr=-0.1)|ValueError: SGD learning rate must be a finite number > 0, got -0.1",
        "families.Poisson().nll(torch.zeros(3, 1), torch.tensor([[1.0], [-2.0], [0.0]]))|ValueError: Poisson family: target value -2.0 at row 1 is outside its domain y >= 0 (a count)",
        "torch.zeros(4, 1) + torch.zeros(3, 1)|ValueError: shapes (4, 1) and (3, 1) do not broadcast: sizes must match or be 1",
        "net = nn.Linear(1, 2); net(torch.zeros(4, 1)).backward(torch.zeros(4, 1))|ValueError: backward(): gradient has shape (4, 1) but the tensor has shape (4, 2)",
        "optim.Adam(nn.Linear(1, 1).parameters(), betas=(0.9, 1.5))|ValueError: Adam betas must be in [0, 1), got 0.9, 1.5",
    })
    void pythonErrorsAreOneLineMessages(String statement, String expected) {
        final String prelude = "import torchlike as torch\nfrom torchlike import nn, optim, families\n";
        final String caught = Jython.exec(prelude + "try:\n    " + statement.replace("; ", "\n    ")
                + "\nexcept ValueError as e:\n    print('ValueError: %s' % e)");
        assertEquals(expected, caught.trim());
        final PyException uncaught = assertThrows(PyException.class, () -> Jython.exec(prelude + statement.replace("; ", "\n")));
        final String[] lines = uncaught.toString().trim().split("\n");
        assertEquals(expected, lines[lines.length - 1].trim());
        assertFalse(uncaught.toString().contains("java.lang"), uncaught.toString());
    }
}

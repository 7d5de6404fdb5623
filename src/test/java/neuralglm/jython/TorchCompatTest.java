package neuralglm.jython;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.python.core.PyException;

/**
 * The tensor operations, module attributes and data loading that PyTorch tutorials use, beyond what
 * {@link BridgeTest} covers: gradients of cat, stack, where, max/min, std/var, clamp, keepdim and entry
 * selection against finite differences; PyTorch's tie rules for max; and one-line errors for what the
 * bridge cannot do (CUDA, 3-d tensors, unsupported loss options, in-place changes that would corrupt the
 * record).
 */
class TorchCompatTest {

    @Test
    void newOperationsMatchFiniteDifferences() {
        final String printed = Jython.exec(BridgeTest.FD + String.join("\n",
                "torch.manual_seed(7)",
                "net = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 3))",
                "X = torch.randn(5, 3)",
                "def loss_of():",
                "    e = net(X)",
                "    v, i = e.max(dim=1)",
                "    return ((torch.cat([e, e[:, :2] * 2], dim=1).sum(dim=0, keepdim=True) ** 2).mean() + v.sum()"
                + " + e.min(0)[0].sum() + torch.stack([e[0], e[1].exp()], dim=1).sum()"
                + " + torch.where(e > 0, e ** 2, -e).sum() + e.std() + e.var(dim=1, keepdim=True).sum()"
                + " + e.clamp(min=-0.5).sum() + e.mean(dim=1, keepdim=True).squeeze(1).sum()"
                + " + torch.maximum(e, e[0]).sum() + torch.min(e, e * 0.5).sum() + e[2, 1] * e[0][2] + e.max()"
                + " + torch.cat([e[0], e[1]]).pow(2).sum() + e.std(dim=0, unbiased=False).sum()"
                + " + (e.abs() + 0.5).pow(torch.tensor([1.0, 2.0, 0.5])).sum() + (1.5 ** e).sum())",
                "print(fd_check(net, loss_of))"));
        final String[] lines = printed.trim().split("\n");
        assertTrue(Double.parseDouble(lines[lines.length - 1]) < 1e-6, printed);
    }

    /**
     * argmax/argmin along each dim, with ties (first position) and NaN (the largest, and the smallest, as
     * PyTorch); expected values printed by PyTorch 1.13 for the same statements.
     */
    @Test
    void argmaxAlongEachDimFollowsPyTorch() {
        final String printed = Jython.exec(String.join("\n",
                "import torch",
                "t = torch.tensor([[1., float('nan'), 3.], [4., 4., 2.], [0., 5., 5.]])",
                "print(' '.join(str(p.tolist()) for p in"
                + " [t.argmax(1), t.argmax(0), t.argmin(1), torch.argmax(t, dim=1, keepdim=True)]))"));
        assertEquals("[1, 0, 1] [1, 0, 2] [1, 2, 0] [[1], [0], [1]]", printed.trim());
    }

    /**
     * log1p keeps full precision near 0, where log(1 + x) loses about half the digits; values and gradient
     * 1 / (1 + x) as printed by PyTorch 1.13 in float64.
     */
    @Test
    void log1pIsAccurateNearZero() {
        final String printed = Jython.exec(String.join("\n",
                "import torch",
                "x = torch.tensor([1e-10, -0.5, 3.0], dtype=torch.float64, requires_grad=True)",
                "y = torch.log1p(x); y.sum().backward()",
                "print(repr(y.tolist()[0])); print(repr(y.tolist()[1])); print(repr(y.tolist()[2]))",
                "print(repr(x.grad.tolist()[0])); print(repr(x.grad.tolist()[1])); print(repr(x.grad.tolist()[2]))"));
        final double[] want = {9.999999999500001e-11, -0.6931471805599453, 1.3862943611198906, 0.9999999999, 2.0, 0.25};
        final String[] got = printed.trim().split("\n");
        assertEquals(want.length, got.length, printed);
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], Double.parseDouble(got[i]), 1e-15 * Math.abs(want[i]), "line " + (i + 1) + ": " + printed);
        }
    }

    /** Expected values printed by PyTorch 1.13 on CPython for the same statements. */
    @Test
    void maxFollowsPyTorchOnTiesAndNaN() {
        final String printed = Jython.exec(String.join("\n",
                "import torch",
                "x = torch.tensor([1., 3., 3.], requires_grad=True); x.max().backward()",
                "y = torch.tensor([[1., 3., 3.], [2., 2., 0.]], requires_grad=True); v, i = y.max(1); v.sum().backward()",
                "a = torch.tensor([1., 2., 2.], requires_grad=True); b = torch.tensor([2., 1., 2.], requires_grad=True)",
                "torch.maximum(a, b).sum().backward()",
                "print(x.grad.tolist(), i.tolist(), y.grad.tolist(), a.grad.tolist(), b.grad.tolist())",
                "print(torch.max(torch.tensor([1., float('nan'), 3.])).item(),"
                + " torch.maximum(torch.tensor([1., float('nan'), 3.]), torch.tensor([2., 0., float('nan')])).tolist())",
                "print(torch.max(torch.tensor([[1., 5.], [7., 2.]]), 1, keepdim=True).indices.tolist(),"
                + " torch.argmax(torch.tensor([[1., 5.], [7., 2.]])).item(), torch.tensor([[1., 5.], [7., 2.]]).argmin(dim=0).tolist())"));
        // PyTorch 1.13: tensor([0.0000, 0.5000, 0.5000]); indices tensor([1, 0]); [[0, 1, 0], [1, 0, 0]];
        // maximum's grads [0, 1, 0.5] and [1, 0, 0.5]; max of a NaN is nan; maximum [2, nan, nan];
        // keepdim indices [[1], [0]]; argmax of all 2; argmin along 0 [0, 1]
        assertEquals(String.join("\n",
                "([0.0, 0.5, 0.5], [1, 0], [[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]], [0.0, 1.0, 0.5], [1.0, 0.0, 0.5])",
                "(nan, [2.0, nan, nan])",
                "([[1], [0]], 2, [0, 1])"), printed.trim());
    }

    /**
     * Boolean masks ({@code t[t > 0]}, {@code u[u < 0] = 0}; they were read as the indices 0 and 1 before),
     * {@code '{:.3f}'.format(t)}, {@code 2 ** t}, norm(p, dim), dot, matmul with 1-d tensors, round/sign,
     * gt/eq/any/all, transpose/permute, zeros_like(dtype=), torch.unsqueeze(x, dim=1), nn.Flatten and the
     * gradients through the recorded ones. The expected lines are what PyTorch 1.13 printed running the same
     * statements on CPython with torch.set_default_dtype(torch.float64).
     */
    @Test
    void masksFormattingAndMoreFunctionsAsPyTorch() {
        final String printed = Jython.exec(String.join("\n",
                "import torch",
                "import torch.nn as nn",
                "t = torch.tensor([[1.0, -2.0, 3.0], [-4.0, 5.0, -6.0]])",
                "print((t[t > 0].tolist(), t[torch.tensor([False, True])].tolist(), t[:, [True, False, True]].tolist(), t[0][t[0] < 0].tolist()))",
                "u = t.clone()",
                "u[u < 0] = 0",
                "v = t.clone()",
                "v[torch.tensor([True, False])] = 9",
                "print((u.tolist(), v.tolist()))",
                "print(('{:.3f}'.format(torch.tensor(2.0 / 3)), '{}'.format(torch.tensor(7)), (2 ** torch.tensor([1.0, 3.0])).tolist()))",
                "print((t.norm(p=1).item(), t.norm(dim=1).tolist(), torch.tensor([1.0, 2.0]).dot(torch.tensor([3.0, 4.0])).item(),",
                "       t.matmul(torch.tensor([1.0, 0.0, 2.0])).tolist(), torch.tensor([1.0, 2.0]).matmul(t).tolist()))",
                "print((torch.tensor([0.5, 1.5, 2.5, -0.5]).round().tolist(), t.sign().tolist(), t.gt(0).sum().item(), t.eq(5).any().item(),",
                "       (t > -10).all().item(), t.transpose(0, 1).shape, t.permute(1, 0).tolist()[0], torch.zeros_like(t, dtype=torch.long).tolist()[0]))",
                "x = torch.tensor([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]], requires_grad=True)",
                "loss = (2 ** x).sum() + x.norm(p=3, dim=0).sum() + x[x > 0].pow(2).sum() + x.matmul(torch.tensor([1.0, -1.0, 0.5])).pow(2).sum() + torch.log1p(x.abs()).sum()",
                "loss.backward()",
                "print('%.10f' % loss.item())",
                "print(' '.join('%.10f' % g for row in x.grad.tolist() for g in row))",
                "print((torch.unsqueeze(torch.linspace(-1, 1, 3), dim=1).tolist(), torch.randn_like(t).shape, nn.Flatten()(t).shape))"));
        final String[] pytorch = {
            "([1.0, 3.0, 5.0], [[-4.0, 5.0, -6.0]], [[1.0, 3.0], [-4.0, -6.0]], [-2.0])",
            "([[1.0, 0.0, 3.0], [0.0, 5.0, 0.0]], [[9.0, 9.0, 9.0], [-4.0, 5.0, -6.0]])",
            "('0.667', '7', [2.0, 8.0])",
            "(21.0, [3.7416573867739413, 8.774964387392123], 11.0, [7.0, -16.0], [-7.0, 8.0, -9.0])",
            "([0.0, 2.0, 2.0, -0.0], [[1.0, -1.0, 1.0], [-1.0, 1.0, -1.0]], 3, True, True, torch.Size([3, 2]), [1.0, -4.0], [0, 0, 0])",
            "32.5588826948",
            "7.7553744163 -6.1431435195 10.5722416749 8.0865627422 0.4361528782 0.5798305115",
            "([[-1.0], [0.0], [1.0]], torch.Size([2, 3]), torch.Size([2, 3]))"};
        final String[] got = printed.strip().split("\n");
        assertEquals(pytorch.length, got.length, printed);
        for (int i = 0; i < pytorch.length; i++) {
            TutorialScriptsTest.assertLineMatches(pytorch[i], got[i], "line " + (i + 1));
        }
    }

    /**
     * Keywords PyTorch takes: {@code axis=} for {@code dim=} (sum, mean), {@code correction=} in std and var, norm's
     * {@code p='fro'}; {@code TensorDataset[1:3]} and a list of rows; {@code optimizer.defaults} (each refused before, found
     * by a helper's comparison). The expected lines are what PyTorch 1.13 printed (in float64).
     */
    @Test
    void axisCorrectionFroSlicesAndDefaultsAsInPyTorch() {
        final String printed = Jython.exec(String.join("\n",
                "import torch",
                "torch.set_default_dtype(torch.float64)",
                "x = torch.tensor([[1., -2., 0.5], [3., 0.25, -1.]])",
                "print((x.sum(axis=0).tolist(), torch.sum(x, axis=1).tolist(), x.mean(axis=1).tolist(), torch.var(x, dim=0, correction=0).tolist(), x.std(dim=1, correction=1).tolist(), x.norm(p='fro').item(), x.norm(p='fro', dim=1).tolist()))",
                "from torch.utils.data import TensorDataset",
                "X = torch.arange(8.).reshape(4, 2); y = torch.tensor([0., 1., 2., 3.])",
                "ds = TensorDataset(X, y)",
                "a, b = ds[1:3]",
                "print((a.tolist(), b.tolist(), [t.tolist() for t in ds[2]], [t.tolist() for t in ds[[0, 3]]]))",
                "opt = torch.optim.SGD([torch.zeros(2, requires_grad=True)], lr=0.1, momentum=0.9)",
                "print((opt.defaults['lr'], opt.defaults['momentum'], sorted(opt.defaults.keys())[:4]))",
                "a2 = torch.optim.Adam([torch.zeros(2, requires_grad=True)], lr=0.01)",
                "print((a2.defaults['lr'], a2.defaults['betas'], a2.defaults['amsgrad']))"));
        final String[] pytorch = {
            "([4.0, -1.75, -0.5], [-0.5, 2.25], [-0.16666666666666666, 0.75], [1.0, 1.265625, 0.5625], [1.6072751268321592, 2.0463381929681126], 3.913118960624632, [2.29128784747792, 3.17214438511238])",
            "([[2.0, 3.0], [4.0, 5.0]], [1.0, 2.0], [[4.0, 5.0], 2.0], [[[0.0, 1.0], [6.0, 7.0]], [0.0, 3.0]])",
            "(0.1, 0.9, ['dampening', 'differentiable', 'foreach', 'lr'])",
            "(0.01, (0.9, 0.999), False)"};
        assertLines(pytorch, printed);
    }

    /**
     * {@code optimizer.state_dict()} and {@code load_state_dict} (refused before: checkpoints could not resume), in
     * PyTorch 1.13's layout: for each optimiser, training stopped after 3 of 6 steps, its state loaded into a new
     * optimiser (made with another learning rate, which the dict restores) over copies of the parameters, and continued,
     * ends where the uninterrupted run ends, bit for bit, and at PyTorch's numbers (float64, 12 digits); SGD with
     * {@code nesterov=True} before {@code momentum=0.9} in the keywords (Jython's order) works.
     */
    @Test
    void optimizerStateDictResumesAsInPyTorch() {
        final String printed = Jython.exec(String.join("\n",
                "import torch, copy",
                "torch.set_default_dtype(torch.float64)",
                "def run(name, kw, split):",
                "    torch.manual_seed(0)",
                "    w = torch.tensor([1.0, -2.0, 0.5], requires_grad=True); b = torch.tensor([[0.3]], requires_grad=True)",
                "    opt = getattr(torch.optim, name)([w, b], **kw)",
                "    xs = [[1., 2., 3.], [0.1, -0.2, 0.3], [5., 0.5, -1.], [0.01, 0.02, 0.03], [2., -1., 0.5], [1., 1., 1.]]",
                "    for k, x in enumerate(xs):",
                "        if k == split:",
                "            sd = copy.deepcopy(opt.state_dict())",
                "            w2 = w.detach().clone().requires_grad_(); b2 = b.detach().clone().requires_grad_()",
                "            opt = getattr(torch.optim, name)([w2, b2], **dict(kw, lr=99.0))",
                "            opt.load_state_dict(sd)",
                "            w, b = w2, b2",
                "        opt.zero_grad()",
                "        loss = ((w * torch.tensor(x)).sum() + b.sum() - 1.0) ** 2",
                "        loss.backward()",
                "        opt.step()",
                "    return ['%.12f' % v for v in w.tolist() + b.reshape(-1).tolist()]",
                "for name, kw in [('SGD', dict(lr=0.05)), ('SGD', dict(lr=0.05, momentum=0.9, nesterov=True)), ('Adam', dict(lr=0.1, amsgrad=True)), ('AdamW', dict(lr=0.1)), ('RMSprop', dict(lr=0.01, momentum=0.5, centered=True)), ('Adagrad', dict(lr=0.1, lr_decay=0.01))]:",
                "    whole, resumed = run(name, kw, -1), run(name, kw, 3)",
                "    print((name, whole == resumed, whole[:2]))",
                "opt = torch.optim.Adam([torch.zeros(2, requires_grad=True)], lr=0.1)",
                "print((sorted(opt.state_dict().keys()), opt.state_dict()['state'], opt.state_dict()['param_groups'][0]['params']))"));
        final String[] pytorch = {
            "('SGD', True, ['-0.531145684913', '-1.511743909380'])",
            "('SGD', True, ['-3.923771752858', '-2.900185616147'])",
            "('Adam', True, ['0.957421602689', '-1.700281209860'])",
            "('AdamW', True, ['0.951118478571', '-1.689152913508'])",
            "('RMSprop', True, ['0.957274208818', '-1.766515657101'])",
            "('Adagrad', True, ['0.970143527256', '-1.859709409510'])",
            "(['param_groups', 'state'], {}, [0])"};
        assertLines(pytorch, printed);
    }

    /** A checkpoint dict of a model's and an optimiser's state through torch.save and torch.load, resumed exactly. */
    @Test
    void checkpointsSaveAndResume() throws Exception {
        java.nio.file.Files.createDirectories(java.nio.file.Paths.get("target"));
        final String printed = Jython.exec(String.join("\n",
                "import torch, torch.nn as nn",
                "torch.manual_seed(0)",
                "m = nn.Linear(3, 1); opt = torch.optim.Adam(m.parameters(), lr=0.05)",
                "x = torch.tensor([[1., 2., 3.], [0.5, -1., 2.]]); y = torch.tensor([[1.], [0.]])",
                "for _ in range(3):",
                "    opt.zero_grad(); nn.functional.mse_loss(m(x), y).backward(); opt.step()",
                "torch.save({'model': m.state_dict(), 'opt': opt.state_dict(), 'epoch': 3}, 'target/nglm_checkpoint.pt')",
                "ck = torch.load('target/nglm_checkpoint.pt')",
                "m2 = nn.Linear(3, 1); m2.load_state_dict(ck['model']); opt2 = torch.optim.Adam(m2.parameters(), lr=0.05); opt2.load_state_dict(ck['opt'])",
                "for mm, oo in ((m, opt), (m2, opt2)):",
                "    oo.zero_grad(); nn.functional.mse_loss(mm(x), y).backward(); oo.step()",
                "print((ck['epoch'], m.weight.tolist() == m2.weight.tolist(), m.bias.tolist() == m2.bias.tolist(), sorted(ck['opt']['state'][0].keys())))"));
        assertEquals("(3, True, True, ['exp_avg', 'exp_avg_sq', 'step'])", printed.strip());
    }

    /**
     * From a helper's second comparison, each silent before: a module kept under two attribute names is listed once by
     * parameters(), named_parameters(), modules() and children() (an optimiser stepped it twice per step); a frozen
     * module's output on a plain input requires no grad and has no grad_fn; module.requires_grad_(False) freezes; a
     * numpy array made float32 stays
     * float32 and torch.from_numpy of it feeds a float32 nn.Linear (the linear-regression tutorial raised "mat1 and mat2
     * must have the same dtype"). The expected lines are what PyTorch 1.13 and numpy 1.24 printed.
     */
    @Test
    void sharedModulesFrozenLayersAndFloat32ArraysAsInPyTorch() {
        final String printed = Jython.exec(String.join("\n",
                "import torch, torch.nn as nn",
                "import numpy as np",
                "class Net(nn.Module):",
                "    def __init__(self):",
                "        super(Net, self).__init__()",
                "        self.enc = nn.Linear(2, 1)",
                "        self.enc_alias = self.enc",
                "    def forward(self, x):",
                "        return self.enc(x)",
                "net = Net()",
                "with torch.no_grad():",
                "    net.enc.weight.fill_(0.5); net.enc.bias.fill_(0.1)",
                "opt = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9)",
                "for _ in range(3):",
                "    opt.zero_grad(); ((net(torch.tensor([[1., 2.]])) - 3.0) ** 2).sum().backward(); opt.step()",
                "print((len(list(net.parameters())), [n for n, _ in net.named_parameters()], len(list(net.modules())), len(list(net.children())), ['%.6f' % v for v in net.enc.weight.reshape(-1).tolist()]))",
                "lin = nn.Linear(2, 1)",
                "for p in lin.parameters():",
                "    p.requires_grad = False",
                "out = lin(torch.ones(1, 2))",
                "seq = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1)).requires_grad_(False)",
                "o2 = seq(torch.ones(1, 2))",
                "x = torch.ones(1, 2, requires_grad=True)",
                "seq(x).sum().backward()",
                "print((out.requires_grad, out.grad_fn is None, o2.requires_grad, [p.requires_grad for p in seq.parameters()], x.grad is not None, seq[0].weight.grad is None))",
                "seq.requires_grad_()",
                "print([p.requires_grad for p in seq.parameters()])",
                "x_train = np.array([[3.3], [4.4], [5.5], [6.71]], dtype=np.float32)",
                "print((str(x_train.dtype), str((x_train * 2).dtype), str((x_train + np.array([[1.]])).dtype), str(x_train.reshape(-1).dtype), str(np.zeros(2, dtype=np.float32).dtype), str(np.array([1., 2.]).dtype), str(torch.from_numpy(x_train).dtype), str(torch.tensor(np.array([1., 2.])).dtype), str(nn.Linear(1, 1)(torch.from_numpy(x_train)).detach().numpy().dtype)))"));
        assertLines(new String[] {
            "(2, ['enc.weight', 'enc.bias'], 2, 1, ['0.861200', '1.222400'])",
            "(False, True, False, [False, False, False, False], True, True)",
            "[True, True, True, True]",
            "('float32', 'float32', 'float64', 'float32', 'float32', 'float64', 'torch.float32', 'torch.float64', 'float32')"}, printed);
    }

    /**
     * Printing as PyTorch 1.13 (float32, the default): whole-number tensors whose magnitudes span more than 1000 in
     * scientific notation ({@code tensor([1.0000e+00, 1.0010e+03])}), and a summarised row's {@code ",  ..."} counted as
     * one element of its line (found by a helper's comparison). The expected lines are PyTorch's output.
     */
    @Test
    void printsSummariesAndWholeNumbersAsPyTorch() {
        final String printed = Jython.exec(String.join("\n",
                "import torch",
                "print(torch.tensor([1., 1001.]))",
                "print(torch.arange(2000.))",
                "print(torch.arange(1500) % 7)",
                "print(torch.arange(3000.).reshape(1000, 3))",
                "print(torch.arange(2000) * 1000)",
                "print(torch.tensor([1., 2., 3.]))",
                "print(torch.tensor([0.5, 100.]))",
                "print(torch.tensor([1., 1000.]))"));
        assertLines(new String[] {
            "tensor([1.0000e+00, 1.0010e+03])",
            "tensor([0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 1.9970e+03, 1.9980e+03,",
            "        1.9990e+03])",
            "tensor([0, 1, 2,  ..., 6, 0, 1])",
            "tensor([[0.0000e+00, 1.0000e+00, 2.0000e+00],",
            "        [3.0000e+00, 4.0000e+00, 5.0000e+00],",
            "        [6.0000e+00, 7.0000e+00, 8.0000e+00],",
            "        ...,",
            "        [2.9910e+03, 2.9920e+03, 2.9930e+03],",
            "        [2.9940e+03, 2.9950e+03, 2.9960e+03],",
            "        [2.9970e+03, 2.9980e+03, 2.9990e+03]])",
            "tensor([      0,    1000,    2000,  ..., 1997000, 1998000, 1999000])",
            "tensor([1., 2., 3.])",
            "tensor([  0.5000, 100.0000])",
            "tensor([   1., 1000.])"}, printed);
    }

    /**
     * {@code layer.weight.data.normal_(0, 0.01)} and {@code uniform_(a, b)} (the usual explicit initialisations),
     * torch.reshape, type_as, and numpy's Inf, std (ddof) and average (weights), checked against PyTorch's and numpy's
     * output (the draws differ from PyTorch's, so their moments are checked).
     */
    @Test
    void initialisersInPlaceAndNumpyStatisticsAsInPyTorch() {
        final String printed = Jython.exec(String.join("\n",
                "import torch, torch.nn as nn",
                "import numpy as np",
                "torch.manual_seed(0)",
                "lin = nn.Linear(200, 100)",
                "lin.weight.data.normal_(0, 0.01); lin.bias.data.uniform_(-0.5, 0.5)",
                "w = lin.weight.detach(); b = lin.bias.detach()",
                "print((abs(w.mean().item()) < 0.002, abs(w.std().item() - 0.01) < 0.001, b.min().item() >= -0.5, b.max().item() < 0.5, abs(b.mean().item()) < 0.1))",
                "t = torch.zeros(3, requires_grad=True)",
                "with torch.no_grad():",
                "    t.normal_(); t.uniform_(2., 3.)",
                "print((min(t.tolist()) >= 2.0, max(t.tolist()) < 3.0, torch.reshape(torch.arange(6.), (2, 3)).shape, str(torch.ones(2, dtype=torch.int64).type_as(torch.zeros(1)).dtype)))",
                "a = np.array([[1., 2.], [3., 5.]])",
                "print((np.Inf, -np.inf < 0, np.std(a), np.std(a, axis=0).tolist(), np.std(a, ddof=1), np.average(a), np.average(np.array([1., 2., 4.]), weights=np.array([1., 1., 2.]))))"));
        assertLines(new String[] {
            "(True, True, True, True, True)",
            "(True, True, torch.Size([2, 3]), 'torch.float32')",
            "(inf, True, 1.479019945774904, [1.0, 1.5], 1.707825127659933, 2.75, 2.75)"}, printed);
    }

    /**
     * A state_dict prints as PyTorch's OrderedDict (Jython's printed the plain dict's form; engine modules' too) and an
     * optimiser as PyTorch 1.13 prints it (name, {@code Parameter Group 0}, the options in name order). The expected
     * lines are PyTorch's output.
     */
    @Test
    void stateDictsAndOptimisersPrintAsPyTorch() {
        final String printed = Jython.exec(String.join("\n",
                "import torch",
                "import torch.nn as nn",
                "m = nn.Linear(2, 1)",
                "print(type(m.state_dict()).__name__)",
                "print(list(nn.Sequential(nn.Linear(2, 2), nn.ReLU(), nn.Dropout(0.1), nn.Linear(2, 1)).state_dict().keys()))",
                "for o in (torch.optim.SGD(m.parameters(), lr=0.01, momentum=0.9), torch.optim.Adam(m.parameters()), torch.optim.AdamW(m.parameters(), lr=0.1), torch.optim.RMSprop(m.parameters(), lr=0.01), torch.optim.Adagrad(m.parameters(), lr=0.1)):",
                "    print(o)"));
        assertLines(new String[] {
            "OrderedDict",
            "['0.weight', '0.bias', '3.weight', '3.bias']",
            "SGD (",
            "Parameter Group 0",
            "    dampening: 0",
            "    differentiable: False",
            "    foreach: None",
            "    lr: 0.01",
            "    maximize: False",
            "    momentum: 0.9",
            "    nesterov: False",
            "    weight_decay: 0",
            ")",
            "Adam (",
            "Parameter Group 0",
            "    amsgrad: False",
            "    betas: (0.9, 0.999)",
            "    capturable: False",
            "    differentiable: False",
            "    eps: 1e-08",
            "    foreach: None",
            "    fused: False",
            "    lr: 0.001",
            "    maximize: False",
            "    weight_decay: 0",
            ")",
            "AdamW (",
            "Parameter Group 0",
            "    amsgrad: False",
            "    betas: (0.9, 0.999)",
            "    capturable: False",
            "    eps: 1e-08",
            "    foreach: None",
            "    lr: 0.1",
            "    maximize: False",
            "    weight_decay: 0.01",
            ")",
            "RMSprop (",
            "Parameter Group 0",
            "    alpha: 0.99",
            "    centered: False",
            "    differentiable: False",
            "    eps: 1e-08",
            "    foreach: None",
            "    lr: 0.01",
            "    maximize: False",
            "    momentum: 0",
            "    weight_decay: 0",
            ")",
            "Adagrad (",
            "Parameter Group 0",
            "    eps: 1e-10",
            "    foreach: None",
            "    initial_accumulator_value: 0",
            "    lr: 0.1",
            "    lr_decay: 0",
            "    maximize: False",
            "    weight_decay: 0",
            ")"}, printed);
        assertEquals("OrderedDict([('weight', tensor([[1., 2.]])), ('bias', tensor([3.]))])", Jython.exec(String.join("\n",
                "import torch", "import torch.nn as nn", "m = nn.Linear(2, 1)",
                "m.load_state_dict({'weight': torch.tensor([[1., 2.]]), 'bias': torch.tensor([3.])})",
                "print(m.state_dict())")).strip());
    }

    /**
     * {@code isinstance(m[1], nn.ReLU)}, {@code isinstance(m, nn.Sequential)} and {@code isinstance(opt,
     * torch.optim.Optimizer)} as in PyTorch (the first two were a TypeError: the names were functions; the last was
     * missing). The expected lines are PyTorch's output.
     */
    @Test
    void moduleAndOptimizerClassesAnswerIsinstance() {
        final String printed = Jython.exec(String.join("\n",
                "import torch, torch.nn as nn",
                "m = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Tanh(), nn.Softmax(dim=1), nn.LeakyReLU(0.2), nn.Flatten())",
                "print((isinstance(m, nn.Sequential), isinstance(m[1], nn.ReLU), isinstance(m[1], nn.Tanh), isinstance(m[2], nn.Tanh), isinstance(m[0], nn.Linear), isinstance(m[3], nn.Softmax), isinstance(m[4], nn.LeakyReLU), isinstance(m[5], nn.Flatten), isinstance(m, nn.Module), isinstance(m[1], nn.Module)))",
                "print((sum(isinstance(c, nn.ReLU) for c in m.modules()), [isinstance(c, nn.Linear) for c in m.children()]))",
                "print(m(torch.ones(1, 2)).shape)",
                "opt = torch.optim.SGD(m.parameters(), lr=0.1)",
                "print(isinstance(opt, torch.optim.Optimizer))"));
        assertLines(new String[] {
            "(True, True, False, True, True, True, True, True, True, True)",
            "(1, [True, False, False, False, False, False])",
            "torch.Size([1, 3])",
            "True"}, printed);
    }

    /** A subclass's {@code extra_repr()} in {@code print(model)}, inline or above its modules, as PyTorch's (it was left out). */
    @Test
    void extraReprPrintsAsInPyTorch() {
        final String printed = Jython.exec(String.join("\n",
                "import torch, torch.nn as nn",
                "class A(nn.Module):",
                "    def __init__(self):",
                "        super(A, self).__init__()",
                "        self.k = 3",
                "        self.fc = nn.Linear(2, 1)",
                "    def extra_repr(self):",
                "        return 'k=%d' % self.k",
                "    def forward(self, x):",
                "        return self.fc(x)",
                "class B(nn.Module):",
                "    def extra_repr(self):",
                "        return 'scale=2.0'",
                "    def forward(self, x):",
                "        return 2 * x",
                "class C(nn.Module):",
                "    def __init__(self):",
                "        super(C, self).__init__()",
                "        self.a = A(); self.b = B()",
                "    def forward(self, x):",
                "        return self.b(self.a(x))",
                "class D(nn.Module):",
                "    def forward(self, x):",
                "        return x",
                "print(A()); print(B()); print(C()); print(D())"));
        assertLines(new String[] {
            "A(",
            "  k=3",
            "  (fc): Linear(in_features=2, out_features=1, bias=True)",
            ")",
            "B(scale=2.0)",
            "C(",
            "  (a): A(",
            "    k=3",
            "    (fc): Linear(in_features=2, out_features=1, bias=True)",
            "  )",
            "  (b): B(scale=2.0)",
            ")",
            "D()"}, printed);
    }

    /**
     * cumsum in one pass over the entries (it was a product with an n x n triangle of ones, 800 MB for n = 10^4): a
     * 20,000-entry sum and its gradient against PyTorch 1.13's float64 values, and whole numbers keeping int64.
     */
    @Test
    void longCumsumAsInPyTorch() {
        final String printed = Jython.exec(String.join("\n",
                "import torch",
                "x = torch.arange(20000., dtype=torch.float64).requires_grad_()",
                "y = x.cumsum(0); (y * y).sum().backward()",
                "print((y[-1].item(), x.grad[0].item(), torch.tensor([3, 1, 2]).cumsum(0).tolist(), "
                        + "str(torch.tensor([3, 1, 2]).cumsum(0).dtype)))"));
        assertEquals("(199990000.0, 2666666660000.0, [3, 4, 6], 'torch.int64')", printed.strip());
    }

    /**
     * Adam and AdamW with {@code amsgrad=True} (refused before), five steps on a loss whose gradients shrink and grow so
     * that the largest second moment differs from the current one (without AMSGrad the weights end at 1.011557, -1.734359,
     * 0.841270). The expected lines are what PyTorch 1.13 printed for the same statements in float64.
     */
    @Test
    void amsgradAsInPyTorch() {
        final String printed = Jython.exec(String.join("\n",
                "import torch",
                "for name in ('Adam', 'AdamW'):",
                "    w = torch.tensor([1.0, -2.0, 0.5], dtype=torch.float64, requires_grad=True)",
                "    opt = getattr(torch.optim, name)([w], lr=0.1, amsgrad=True, weight_decay=0.01)",
                "    for x in [[1., 2., 3.], [0.1, -0.2, 0.3], [5., 0.5, -1.], [0.01, 0.02, 0.03], [2., -1., 0.5]]:",
                "        opt.zero_grad()",
                "        loss = ((w * torch.tensor(x, dtype=torch.float64)).sum() - 1.0) ** 2",
                "        loss.backward()",
                "        opt.step()",
                "    print((name, ['%.12f' % v for v in w.tolist()], opt.param_groups[0]['amsgrad']))"));
        assertEquals(String.join("\n",
                "('Adam', ['1.011549964472', '-1.734397265013', '0.841210593404'], True)",
                "('AdamW', ['1.006502217414', '-1.726067956113', '0.838084189429'], True)"), printed.strip());
    }

    /**
     * Everyday helpers added on the bridge's operations (found missing by a helper's comparison): get_num_threads,
     * ndim, as_tensor, empty, full_like, new_zeros/new_ones/new_full, view_as/reshape_as, randint, torch.pow with a
     * number as the base, nonzero and one-argument where, unique, sort/argsort/topk (values in the record), cumsum,
     * masked_fill, amax/amin, and the gradients through them. The expected lines are what PyTorch 1.13 printed.
     */
    @Test
    void everydayHelpersAsInPyTorch() {
        final String printed = Jython.exec(String.join("\n",
                "import torch",
                "x = torch.tensor([[1., -2., 0.5], [3., 0.5, -1.]], requires_grad=True)",
                "print((torch.get_num_threads(), x.ndim, torch.tensor(3.).ndim, torch.as_tensor([1., 2.]).tolist(), torch.empty(2, 3).shape, torch.full_like(x, 7.).tolist(), str(torch.full_like(x, 7.).dtype)))",
                "print((x.new_zeros(3).shape, x.new_ones((2, 2)).tolist(), x.new_full((1, 2), 4.).tolist(), x.view_as(x).shape, x.reshape_as(torch.zeros(3, 2)).shape))",
                "torch.manual_seed(0)",
                "r = torch.randint(0, 5, (400,)); r2 = torch.randint(3, (2, 2))",
                "print((str(r.dtype), r.shape, min(r.tolist()) >= 0, max(r.tolist()) <= 4, len(set(r.tolist())) == 5, r2.shape, str(r2.dtype)))",
                "print((torch.pow(2.0, torch.tensor([1., 3.])).tolist(), torch.pow(torch.tensor([2., 3.]), 2).tolist()))",
                "print((torch.nonzero(x > 0).tolist(), [t.tolist() for t in torch.where(x > 0)], torch.nonzero(torch.tensor([0., 1., 2.])).tolist()))",
                "print((torch.unique(torch.tensor([3, 1, 2, 2, 3])).tolist(), [t.tolist() for t in torch.unique(torch.tensor([3, 1, 3]), return_counts=True)]))",
                "v, i = torch.sort(x, dim=1); print((v.tolist(), i.tolist()))",
                "v, i = x.sort(dim=0, descending=True); print((v.tolist(), i.tolist()))",
                "print((x.argsort(dim=1).tolist(), torch.argsort(torch.tensor([3., 1., 2.])).tolist()))",
                "v, i = x.topk(2); print((v.tolist(), i.tolist()))",
                "v, i = torch.topk(torch.tensor([5., 1., 7., 3.]), 2, largest=False); print((v.tolist(), i.tolist()))",
                "print((x.cumsum(1).tolist(), torch.cumsum(x, 0).tolist(), torch.tensor([1., 2., 3.]).cumsum(0).tolist()))",
                "print((x.masked_fill(x > 0, 0.).tolist(), x.amax(0).tolist(), x.amin(1).tolist(), x.amax().item()))",
                "loss = (x.sort(dim=1)[0][:, -1].sum() + x.topk(1)[0].sum() * 2 + x.cumsum(1).pow(2).sum() + x.masked_fill(x < 0, 0.).sum())",
                "loss.backward(); print(x.grad.tolist())"));
        final String[] pytorch = {
            "(1, 2, 0, [1.0, 2.0], torch.Size([2, 3]), [[7.0, 7.0, 7.0], [7.0, 7.0, 7.0]], 'torch.float32')",
            "(torch.Size([3]), [[1.0, 1.0], [1.0, 1.0]], [[4.0, 4.0]], torch.Size([2, 3]), torch.Size([3, 2]))",
            "('torch.int64', torch.Size([400]), True, True, True, torch.Size([2, 2]), 'torch.int64')",
            "([2.0, 8.0], [4.0, 9.0])",
            "([[0, 0], [0, 2], [1, 0], [1, 1]], [[0, 0, 1, 1], [0, 2, 0, 1]], [[1], [2]])",
            "([1, 2, 3], [[1, 3], [1, 2]])",
            "([[-2.0, 0.5, 1.0], [-1.0, 0.5, 3.0]], [[1, 2, 0], [2, 1, 0]])",
            "([[3.0, 0.5, 0.5], [1.0, -2.0, -1.0]], [[1, 1, 0], [0, 0, 1]])",
            "([[1, 2, 0], [2, 1, 0]], [1, 2, 0])",
            "([[1.0, 0.5], [3.0, 0.5]], [[0, 2], [0, 1]])",
            "([1.0, 3.0], [1, 3])",
            "([[1.0, -1.0, -0.5], [3.0, 3.5, 2.5]], [[1.0, -2.0, 0.5], [4.0, -1.5, -0.5]], [1.0, 3.0, 6.0])",
            "([[0.0, -2.0, 0.0], [0.0, 0.0, -1.0]], [3.0, 0.5, 0.5], [-2.0, -1.0], 3.0)",
            "[[3.0, -3.0, 0.0], [22.0, 13.0, 5.0]]"};
        assertLines(pytorch, printed);
    }

    /**
     * F.gelu (exact and tanh), F.silu, F.dropout, nn.GELU and nn.SiLU (also as layers of nn.Sequential), values and
     * gradients. The expected lines are what PyTorch 1.13 printed in float64 (torch.set_default_dtype(torch.float64)),
     * as the bridge computes.
     */
    @Test
    void geluSiluAndFunctionalDropoutAsInPyTorch() {
        final String printed = Jython.exec(String.join("\n",
                "import torch, torch.nn as nn, torch.nn.functional as F",
                "torch.set_default_dtype(torch.float64)",
                "x = torch.tensor([[1., -2., 0.5], [3., 0.25, -1.]], requires_grad=True)",
                "print(['%.10f' % v for r in F.gelu(x).tolist() for v in r])",
                "print(['%.10f' % v for r in F.gelu(x, approximate='tanh').tolist() for v in r])",
                "print(['%.10f' % v for r in F.silu(x).tolist() for v in r])",
                "(F.gelu(x).sum() + F.silu(x).pow(2).sum() + F.gelu(x, approximate='tanh').sum()).backward()",
                "print(['%.10f' % v for r in x.grad.tolist() for v in r])",
                "print((str(nn.GELU()), str(nn.SiLU()), str(nn.GELU(approximate='tanh')), F.dropout(x, 0.5, training=False).tolist()))",
                "torch.manual_seed(0)",
                "d = F.dropout(torch.ones(1000), 0.5)",
                "print((set(d.tolist()) <= {0.0, 2.0}, abs(d.mean().item() - 1) < 0.15))",
                "net = nn.Sequential(nn.Linear(3, 4), nn.GELU(), nn.Linear(4, 2), nn.SiLU())",
                "print(net)",
                "with torch.no_grad():",
                "    for p in net.parameters():",
                "        p.fill_(0.1)",
                "out = net(x.detach()); out.sum().backward()",
                "print((['%.10f' % v for r in out.tolist() for v in r], ['%.10f' % v for v in net[0].bias.grad.tolist()]))"));
        final String[] pytorch = {
            "['0.8413447461', '-0.0455002639', '0.3457312306', '2.9959503059', '0.1496765814', '-0.1586552539']",
            "['0.8411919906', '-0.0454023059', '0.3457140098', '2.9963626079', '0.1496753507', '-0.1588080094']",
            "['0.7310585786', '-0.2384058440', '0.3112296656', '2.8577223805', '0.1405441252', '-0.2689414214']",
            "['3.5226425261', '-0.1280440668', '2.1954607740', '8.2425287259', '1.5660450088', '-0.2051843451']",
            "(\"GELU(approximate='none')\", 'SiLU()', \"GELU(approximate='tanh')\", [[1.0, -2.0, 0.5], [3.0, 0.25, -1.0]])",
            "(True, True)",
            "Sequential(",
            "  (0): Linear(in_features=3, out_features=4, bias=True)",
            "  (1): GELU(approximate='none')",
            "  (2): Linear(in_features=4, out_features=2, bias=True)",
            "  (3): SiLU()",
            ")",
            "(['0.0582432696', '0.0582432696', '0.0990003515', '0.0990003515'], ['0.1485235496', '0.1485235496', '0.1485235496', '0.1485235496'])"};
        assertLines(pytorch, printed);
    }

    /**
     * More of PyTorch's everyday forms (found by a helper's comparison): torch.randperm is an int64 tensor (it was a
     * Python list: no .tolist()), F.one_hot of a 0-d label is 1-d, torch.device has .type and .index and tensors' .device
     * is one, torch.normal takes a size (d2l's synthetic_data) and tensors of means and stds, flatten takes start_dim and
     * end_dim. The expected lines are what PyTorch 1.13 printed for the same statements on CPython.
     */
    @Test
    void randpermDeviceNormalAndFlattenAsInPyTorch() {
        final String printed = Jython.exec(String.join("\n",
                "import torch",
                "import torch.nn as nn",
                "import torch.nn.functional as F",
                "torch.manual_seed(1)",
                "p = torch.randperm(5)",
                "print((isinstance(p, torch.Tensor), str(p.dtype), sorted(p.tolist()), p.shape, torch.arange(10.).reshape(5, 2)[p[:2]].shape))",
                "print((F.one_hot(torch.tensor(1), 3).tolist(), F.one_hot(torch.tensor([0, 2]), 3).tolist()))",
                "d = torch.device('cuda' if torch.cuda.is_available() else 'cpu')",
                "x = torch.ones(2).to(d)",
                "print((str(d), repr(d), d.type, d.index, repr(torch.device('cuda', 0)), torch.device('cuda:1').index, repr(x.device), x.device.type, next(nn.Linear(2, 1).to(d).parameters()).device.type))",
                "a = torch.normal(0, 1, (1000, 2)); b = torch.normal(0.0, 1.0, size=(3, 2)); c = torch.normal(torch.zeros(3), torch.ones(3))",
                "s = torch.normal(2.0, torch.ones(4000) * 3)",
                "print((a.shape, b.shape, c.shape, str(a.dtype), abs(a.mean().item()) < 0.1, abs(s.mean().item() - 2) < 0.2, abs(s.std().item() - 3) < 0.2))",
                "X = torch.arange(6.).reshape(3, 2)",
                "print((torch.flatten(X, 1).shape, X.flatten(start_dim=1).shape, X.flatten(0, 1).shape, torch.tensor(3.).flatten().shape))"));
        final String[] pytorch = {
            "(True, 'torch.int64', [0, 1, 2, 3, 4], torch.Size([5]), torch.Size([2, 2]))",
            "([0, 1, 0], [[1, 0, 0], [0, 0, 1]])",
            "('cpu', \"device(type='cpu')\", 'cpu', None, \"device(type='cuda', index=0)\", 1, \"device(type='cpu')\", 'cpu', 'cpu')",
            "(torch.Size([1000, 2]), torch.Size([3, 2]), torch.Size([3]), 'torch.float32', True, True, True)",
            "(torch.Size([3, 2]), torch.Size([3, 2]), torch.Size([6]), torch.Size([1]))"};
        assertLines(pytorch, printed);
    }

    /**
     * A 0-d tensor of whole numbers indexes as an int, as in PyTorch: {@code X[s.argmax()]} is a row and
     * {@code y[i]} a 0-d tensor for i from {@code torch.arange} (they kept a dimension of 1), in reading, assigning,
     * pairs with a column, and gradients. The expected lines are what PyTorch 1.13 printed for the same statements.
     */
    @Test
    void zeroDimensionalIndexTensorsIndexAsInts() {
        final String printed = Jython.exec(String.join("\n",
                "import torch",
                "X = torch.arange(6.).reshape(3, 2)",
                "y = torch.tensor([10., 20., 30.])",
                "i = torch.tensor(1)",
                "print((X[i].shape, X[torch.tensor([1])].shape, y[i].shape, y[i].item(), X[i, 0].shape, X[0, i].shape, "
                        + "X[X[:, 0].argmax()].shape))",
                "print(([X[k].tolist() for k in torch.arange(3)], [y[k].item() for k in torch.arange(3)]))",
                "X[i] = torch.tensor([7., 8.]); y[i] = 5.",
                "print((X.tolist(), y.tolist(), X[:, i].shape))",
                "w = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)",
                "(w[torch.tensor(1)] * torch.tensor([5., 6.])).sum().backward()",
                "print(w.grad.tolist())"));
        final String[] pytorch = {
            "(torch.Size([2]), torch.Size([1, 2]), torch.Size([]), 20.0, torch.Size([]), torch.Size([]), torch.Size([2]))",
            "([[0.0, 1.0], [2.0, 3.0], [4.0, 5.0]], [10.0, 20.0, 30.0])",
            "([[0.0, 1.0], [7.0, 8.0], [4.0, 5.0]], [10.0, 5.0, 30.0], torch.Size([3]))",
            "[[0.0, 0.0], [5.0, 6.0]]"};
        assertLines(pytorch, printed);
    }

    /**
     * The numpy shim's reductions of comparisons, as numpy's (the accuracy idiom {@code (y == p).sum()} gave True and
     * {@code (y == p).mean()} raised), and np.float32/np.float64/np.int64 as scalar types as well as dtypes
     * ({@code np.float32(1.5)}: 'str' object is not callable). The expected lines are what numpy 1.24 printed for the
     * same statements on CPython (found by a helper's comparison).
     */
    @Test
    void numpyReductionsOfComparisonsAsNumpy() {
        final String printed = Jython.exec(String.join("\n",
                "import numpy as np",
                "y = np.array([1, 2, 3]); p = np.array([1, 0, 3])",
                "print((y == p).sum(), np.sum(y == p), (y == p).mean(), np.mean(y == p), int((y == p).sum()))",
                "m = np.array([[True, False], [True, True]])",
                "print(m.sum(), m.sum(axis=0).tolist(), m.mean(axis=1).tolist(), y.mean(), y.sum())",
                "print(float(np.float32(1.5)), float(np.float64(2)), int(np.int64(3) + 1), "
                        + "np.array([1, 2]).astype(np.float32).tolist(), np.zeros(2, dtype=np.float64).tolist())",
                "print((y > 1).astype(np.float64).tolist(), (y > 1).astype(float).mean(), "
                        + "np.array([1.5, 2.5], dtype=np.float32).tolist())"));
        final String[] numpy = {   // print of a tuple: Jython 2.7 here, print((...)) in CPython 3
            "(2, 2, 0.6666666666666666, 0.6666666666666666, 2)",
            "(3, [2, 1], [0.5, 1.0], 2.0, 6)",
            "(1.5, 2.0, 4, [1.0, 2.0], [0.0, 0.0])",
            "([0.0, 1.0, 1.0], 0.6666666666666666, [1.5, 2.5])"};
        assertLines(numpy, printed);
    }

    /**
     * Losses are modules, as PyTorch's: {@code nn.CrossEntropyLoss().to(device)} (the device-agnostic idiom), isinstance,
     * a subclass calling super's forward, keyword calls, printing inside a model, options as attributes, and weight and
     * pos_weight as buffers in state_dict() (they were Java objects with none of that: {@code AttributeError: ... no
     * attribute 'to'}, found by a helper's comparison with PyTorch). The expected lines are what PyTorch 1.13 printed
     * for the same statements on CPython.
     */
    @Test
    void lossesAreModulesAsInPyTorch() {
        final String printed = Jython.exec(String.join("\n",
                "import torch",
                "import torch.nn as nn",
                "crit = nn.CrossEntropyLoss().to('cpu')",
                "print((str(crit), isinstance(crit, nn.CrossEntropyLoss), isinstance(crit, nn.Module)))",
                "x = torch.tensor([[1., 2., 0.5], [0.1, 0.2, 3.]]); t = torch.tensor([1, 2])",
                "print(('%.4f' % crit(x, t).item(), '%.4f' % crit(input=x, target=t).item()))",
                "w = nn.CrossEntropyLoss(torch.tensor([1., 2., 3.]))",
                "print(('%.4f' % w(x, t).item(), w.weight.tolist(), list(w.state_dict().keys())))",
                "s = nn.MSELoss(reduction='sum')",
                "r = [s.reduction, s(torch.ones(2), torch.zeros(2)).item()]",
                "s.reduction = 'mean'",
                "print(r + [s(torch.ones(2), torch.zeros(2)).item()])",
                "class W(nn.MSELoss):",
                "    def forward(self, a, b):",
                "        return 2 * super(W, self).forward(a, b)",
                "print((W()(torch.ones(2), torch.zeros(2)).item(), type(W()).__name__, type(nn.MSELoss()).__name__))",
                "class M(nn.Module):",
                "    def __init__(self):",
                "        super(M, self).__init__()",
                "        self.fc = nn.Linear(2, 1)",
                "        self.loss = nn.BCEWithLogitsLoss(pos_weight=torch.tensor([2.]))",
                "m = M()",
                "print(m)",
                "print(list(m.state_dict().keys()))",
                "print('%.4f' % m.loss(torch.tensor([0.3, -0.2]), torch.tensor([1., 0.])).item())"));
        final String[] pytorch = {
            "('CrossEntropyLoss()', True, True)",
            "('0.2870', '0.2870')",
            "('0.2515', [1.0, 2.0, 3.0], ['weight'])",
            "['sum', 2.0, 1.0]",
            "(2.0, 'W', 'MSELoss')",
            "M(",
            "  (fc): Linear(in_features=2, out_features=1, bias=True)",
            "  (loss): BCEWithLogitsLoss()",
            ")",
            "['fc.weight', 'fc.bias', 'loss.pos_weight']",
            "0.8534"};
        assertLines(pytorch, printed);
    }

    /**
     * scripts/run runs a script through {@code _pymain}: print and division as in Python 3 (Jython 2.7 alone
     * prints the tuple {@code (1, 2)}, takes {@code 100 * 6 / 7} as 85 and prints a float's 12 digits), flush=True
     * accepted, sys.argv and __name__ as a script's. The expected lines are what CPython 3 prints.
     */
    @Test
    void scriptsRunWithPython3PrintAndDivision() throws Exception {
        final java.nio.file.Path script = java.nio.file.Paths.get("target", "nglm_python3_print.py");
        java.nio.file.Files.createDirectories(script.getParent());
        java.nio.file.Files.writeString(script, String.join("\n",
                "import torch",
                "correct, total = 6, 7",
                "print('accuracy', 100 * correct / total, correct // 4, sep=': ', flush=True)",
                "print(torch.tensor(2.0).item() / 3, [0.1 + 0.2], __name__)",
                ""));
        final String printed = Jython.exec("import _pymain\n_pymain.run_path('" + script + "', {})");
        assertEquals("accuracy: 85.71428571428571: 1\n0.6666666666666666 [0.30000000000000004] __main__", printed.trim());
    }

    /**
     * Printing as PyTorch 1.13 prints (the expected text is its output for the same statements in float64): nan and
     * inf do not widen the other entries, nor does a zero; four decimals and scientific notation round the exact
     * value half to even, as Python's '%.4f' and '%.4e' (0.03125 prints 0.0312 and 100.125 prints 1.0012e+02, where
     * Java's formats round both up).
     */
    @Test
    void printsTensorsAsPyTorchDoes() {
        final String printed = Jython.exec(String.join("\n",
                "import torch",
                "print(torch.tensor([1.0, float('nan'), float('inf')]))",
                "print(torch.tensor([[float('nan'), 1000.0], [0.5, -float('inf')]]))",
                "print(torch.tensor([0.03125, -0.40625, 1.5]))",
                "print(torch.tensor([100.125, 0.1, 0.25]))",
                "print(torch.tensor([-0.0, 0.5]))",
                "print(torch.tensor([[0.0, 1000.0], [-2.0, 3.0]]))"));
        assertEquals(String.join("\n",
                "tensor([1., nan, inf])",
                "tensor([[       nan, 1.0000e+03],",
                "        [5.0000e-01,       -inf]])",
                "tensor([ 0.0312, -0.4062,  1.5000])",
                "tensor([1.0012e+02, 1.0000e-01, 2.5000e-01])",
                "tensor([-0.0000, 0.5000])",
                "tensor([[   0., 1000.],",
                "        [  -2.,    3.]])"), printed.trim());
    }

    /**
     * A script run by scripts/run has Python 3's round (an int without digits, half to even on the exact value:
     * Jython's round(2.5) is 3.0, so round(0.8 * n) could not slice a list). The expected lines are CPython 3's.
     */
    @Test
    void scriptsRunWithPython3Round() throws Exception {
        final java.nio.file.Path script = java.nio.file.Paths.get("target", "nglm_python3_round.py");
        java.nio.file.Files.createDirectories(script.getParent());
        java.nio.file.Files.writeString(script, String.join("\n",
                "import torch",
                "print(round(2.5), round(3.5), round(-2.5), round(0.125, 2), round(2.675, 2), round(1234.5678, -2), round(7), round(7, 1))",
                "print(round(1.0, 12), type(round(1.5)).__name__, round(torch.tensor(2.6).item()), round(0.1 + 0.2, 15))",
                "n = 10",
                "train_size = round(0.8 * n)",
                "print(train_size, list(range(n))[:train_size])",
                // numbers of more than decimal's default 28 digits raised InvalidOperation (a diverged loss, rounded)
                "print(round(1e25, 4), round(1e22, 6), round(1e30), round(-1.7e308, 2), round(1e-300, 400), round(5e307, -308))",
                ""));
        final String printed = Jython.exec("import _pymain\n_pymain.run_path('" + script + "', {})");
        assertEquals(String.join("\n",
                "2 4 -2 0.12 2.67 1200.0 7 7",
                "1.0 int 3 0.3",
                "8 [0, 1, 2, 3, 4, 5, 6, 7]",
                "1e+25 1e+22 1000000000000000019884624838656 -1.7e+308 1e-300 1e+308"), printed.trim());
    }

    /**
     * Set-up lines of PyTorch scripts and small helpers run as in PyTorch 1.13 (its output pasted; the kaiming lines
     * check the bounds and spread, as the draws differ): torch.backends.cudnn settings, set/get_default_dtype,
     * __version__, one_hot(num_classes=) and without it, random_split with fractions, init.eye_, calculate_gain.
     */
    @Test
    void setupLinesAndSmallHelpersAsPyTorch() {
        final String printed = Jython.exec(String.join("\n",
                "import math",
                "import torch",
                "import torch.nn as nn",
                "import torch.nn.functional as F",
                "from torch.utils.data import TensorDataset, random_split",
                "torch.backends.cudnn.deterministic = True",
                "torch.backends.cudnn.benchmark = False",
                "torch.use_deterministic_algorithms(True)",
                "torch.set_default_dtype(torch.float64)",
                "print('%s %s %s' % (torch.get_default_dtype(), torch.__version__[:4], torch.backends.cudnn.deterministic))",
                "print('%s %s' % (F.one_hot(torch.tensor([0, 2]), num_classes=4).tolist(), F.one_hot(torch.tensor([1, 3, 0])).tolist()))",
                "print('%s %s' % ([len(s) for s in random_split(TensorDataset(torch.zeros(10, 2)), [0.8, 0.2])],",
                "      [len(s) for s in random_split(TensorDataset(torch.zeros(7, 2)), [0.5, 0.3, 0.2])]))",
                "print(nn.init.eye_(nn.Linear(3, 3).weight).tolist())",
                "print('%r %r' % ([round(nn.init.calculate_gain(n), 12) for n in ['tanh', 'relu', 'selu']], round(nn.init.calculate_gain('leaky_relu', 0.2), 12)))",
                "big = nn.Linear(50, 40).weight",
                "nn.init.kaiming_uniform_(big, a=math.sqrt(5))",
                "bound = math.sqrt(3.0) * math.sqrt(2.0 / (1 + 5)) / math.sqrt(50)",
                "print('%s %s' % (big.abs().max().item() <= bound, big.abs().max().item() > 0.9 * bound))",
                "nn.init.kaiming_normal_(big, mode='fan_out', nonlinearity='relu')",
                "print(abs(big.std().item() / (math.sqrt(2.0) / math.sqrt(40)) - 1) < 0.1)"));
        assertEquals(String.join("\n",
                "torch.float64 1.13 True",
                "[[1, 0, 0, 0], [0, 0, 1, 0]] [[0, 1, 0, 0], [0, 0, 0, 1], [1, 0, 0, 0]]",
                "[8, 2] [4, 2, 1]",
                "[[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]",
                "[1.666666666667, 1.414213562373, 0.75] 1.386750490563",
                "True True",
                "True"), printed.trim());
    }

    /**
     * optim.AdamW as PyTorch 1.13's (its float64 output pasted): the default weight decay 0.01, keywords, lr given
     * by position, a frozen bias left as it is (each line: the loss, a weight, the frozen bias after 15 steps).
     */
    @Test
    void adamWDecouplesTheWeightDecay() {
        final String printed = Jython.exec(String.join("\n",
                "import torch",
                "import torch.nn as nn",
                "X = torch.tensor([[0.1, 0.2], [0.4, -0.3], [-0.5, 0.8], [1.0, 0.0]])",
                "y = torch.tensor([[0.5], [0.1], [1.2], [0.9]])",
                "m = nn.Sequential(nn.Linear(2, 2), nn.Tanh(), nn.Linear(2, 1))",
                "with torch.no_grad():",
                "    m[0].weight.copy_(torch.tensor([[0.1, -0.2], [0.3, 0.4]]))",
                "    m[0].bias.copy_(torch.tensor([0.01, -0.02]))",
                "    m[2].weight.copy_(torch.tensor([[0.7, -0.8]]))",
                "    m[2].bias.fill_(0.05)",
                "m[2].bias.requires_grad = False",
                "for opt in [torch.optim.AdamW(m.parameters()), torch.optim.AdamW(m.parameters(), lr=0.05, weight_decay=0.2, betas=(0.8, 0.9)),",
                "            torch.optim.AdamW(m.parameters(), 0.01)]:",
                "    for i in range(15):",
                "        opt.zero_grad()",
                "        loss = nn.functional.mse_loss(m(X), y)",
                "        loss.backward()",
                "        opt.step()",
                "    print('%.10f %.10f %.10f' % (loss.item(), m[0].weight[0, 1].item(), m[2].bias.item()))"));
        final String[] pytorch = {
            "0.7646637690 -0.1849961184 0.0500000000",
            "0.1017073235 0.4521398033 0.0500000000",
            "0.0580721694 0.6026824352 0.0500000000"};
        final String[] got = printed.strip().split("\n");
        assertEquals(pytorch.length, got.length, printed);
        for (int i = 0; i < pytorch.length; i++) {
            TutorialScriptsTest.assertLineMatches(pytorch[i], got[i], "line " + (i + 1));
        }
    }

    @Test
    void dataLoaderBatchesInOrderAndShuffles() {
        final String printed = Jython.exec(String.join("\n",
                "import torch",
                "from torch.utils.data import TensorDataset, DataLoader, Dataset",
                "X = torch.arange(10.0).view(5, 2); y = torch.arange(5.0)",
                "ds = TensorDataset(X, y)",
                "print([(xb.tolist(), yb.tolist()) for xb, yb in DataLoader(ds, batch_size=2)])",
                "print(len(DataLoader(ds, batch_size=2)), len(DataLoader(ds, batch_size=2, drop_last=True)),"
                + " [len(b[0]) for b in DataLoader(ds, batch_size=2, drop_last=True)])",
                "torch.manual_seed(3)",
                "seen = sorted(v for _, yb in DataLoader(ds, batch_size=2, shuffle=True) for v in yb.tolist())",
                "print(seen, ds[1][0].tolist(), ds[1][1].dim())",
                "class Squares(Dataset):",
                "    def __len__(self):",
                "        return 3",
                "    def __getitem__(self, i):",
                "        return torch.tensor([float(i), float(i * i)]), float(i)",
                "print([(a.tolist(), b.tolist()) for a, b in DataLoader(Squares(), batch_size=2)])"));
        assertEquals(String.join("\n",
                "[([[0.0, 1.0], [2.0, 3.0]], [0.0, 1.0]), ([[4.0, 5.0], [6.0, 7.0]], [2.0, 3.0]), ([[8.0, 9.0]], [4.0])]",
                "(3, 2, [2, 2])",
                "([0.0, 1.0, 2.0, 3.0, 4.0], [2.0, 3.0], 0)",
                "[([[0.0, 0.0], [1.0, 1.0]], [0.0, 1.0]), ([[2.0, 4.0]], [2.0])]"), printed.trim());
    }

    @Test
    void dropoutDropsInTrainingOnlyAndKeepsTheMean() {
        final String printed = Jython.exec(String.join("\n",
                "import torch",
                "import torch.nn as nn",
                "torch.manual_seed(1)",
                "d = nn.Dropout(0.25)",
                "x = torch.ones(200, 50)",
                "out = d(x)",
                "zeros = (out == 0).float().mean().item()",
                "d.eval()",
                "print(abs(zeros - 0.25) < 0.02, abs(out.mean().item() - 1.0) < 0.03, max(out.view(-1).tolist()),"
                + " torch.equal(d(x), x), d.training)"));
        assertEquals("(True, True, 1.3333333730697632, True, False)", printed.trim()); // PyTorch's float32 1 / 0.75
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "torch.zeros(2).cuda()|ValueError: cuda(): no CUDA device here; neuralGLM computes on the CPU (torch.cuda.is_available() is False)",
        "nn.Linear(2, 1).to('cuda:0')|ValueError: Module.to: device 'cuda:0' is not available; neuralGLM computes on the CPU (torch.cuda.is_available() is False)",
        "nn.CrossEntropyLoss(size_average=False)|ValueError: nn.CrossEntropyLoss(size_average=...) is not supported by neuralGLM's PyTorch bridge; it takes reduction, weight, ignore_index, label_smoothing",
        "torch.stack([torch.zeros(2, 2), torch.zeros(2, 2)])|ValueError: stack: 2-d tensors would make a 3-d tensor; tensors here have at most 2 dimensions (torch.cat joins them along an existing dimension)",
        "torch.cat([torch.zeros(2, 3), torch.zeros(3, 2)])|RuntimeError: cat: tensor 1 has shape (3, 2), tensor 0 has (2, 3); they must match except along dimension 0",
        "p = torch.zeros(2, requires_grad=True); p += 1|RuntimeError: +=: a leaf tensor that requires grad is used in an in-place operation; do it inside torch.no_grad() (as in a hand-written update: with torch.no_grad(): w -= lr * w.grad)",
        "q = torch.zeros(2, requires_grad=True) * 2; q -= 1|RuntimeError: -=: in-place changes to a tensor computed by recorded operations (MulBackward0) are not supported; write t = t - ... or work on t.detach()",
        "nn.Linear(2, 1).weight = nn.Parameter(torch.zeros(3, 3))|RuntimeError: Linear.weight has shape (1, 2), the value given has shape (3, 3); they must match",
        "from torch.utils.data import DataLoader; DataLoader([1, 2], sampler=[0, 1])|ValueError: DataLoader(sampler=...) is not supported by neuralGLM's PyTorch bridge; use shuffle=True or False",
        "from torch.utils.data import TensorDataset; TensorDataset(torch.zeros(4, 2), torch.zeros(3))|AssertionError: Size mismatch between tensors: TensorDataset's tensor 1 has 3 rows, tensor 0 has 4; they must be equal",
        "torch.utils.tensorboard|AttributeError: torch.utils.tensorboard is not supported by neuralGLM's PyTorch bridge (scripts/lib/torch/utils: data)",
        "['a', 'b'][torch.tensor(0.5)]|TypeError: only a tensor holding a whole number can be used as an index, got 0.5",
        "t = torch.tensor([1, 2]); t += 0.5|RuntimeError: +=: the result is float but this tensor holds whole numbers (torch.int64), as PyTorch refuses too; use t = t.float() first",
        "torch.save(nn.Linear(2, 1), 'target/nglm_module.pt')|ValueError: torch.save of a whole module is not supported by neuralGLM's PyTorch bridge; save model.state_dict() and restore it with model.load_state_dict(torch.load(path))",
        "f = open('target/nglm_pk.pt', 'wb'); f.write('PK' + chr(3) + chr(4)); f.close(); torch.load('target/nglm_pk.pt')|ValueError: torch.load: target/nglm_pk.pt is a PyTorch file (a zip archive); neuralGLM's bridge reads only files its own torch.save wrote",
        "w = torch.ones(2, requires_grad=True); torch.optim.SGD([w * 2], lr=0.1)|ValueError: SGD: a tensor to optimise must be a leaf with requires_grad=True (this one was computed by MulBackward0)",
        "l = nn.Linear(1, 1); torch.optim.Adam([{'params': l.parameters()}, {'params': [l.bias], 'lr': 0.1}])|ValueError: some parameters appear in more than one parameter group",
        "torch.zeros(2, 3)[torch.tensor([True, False, True])]|IndexError: index boolean mask has 3 entries for a dimension of size 2",
        "torch.fft|AttributeError: torch.fft is not supported by neuralGLM's PyTorch bridge (scripts/lib/torch)",
        "torch.optim.SGD(nn.Linear(1, 1).parameters(), lr=0.1, maximize=True)|ValueError: SGD(maximize=True) is not supported by neuralGLM's PyTorch bridge; it takes lr, momentum, dampening, nesterov, weight_decay",
        "torch.optim.AdamW(nn.Linear(1, 1).parameters(), weight_decay=-1)|ValueError: AdamW weight decay must be a finite number >= 0, got -1.0",
        "import torch.nn.functional as F; F.pad(torch.ones(2, 3), (1, 1), mode='replicate')|ValueError: F.pad(mode='replicate') is not supported by neuralGLM's PyTorch bridge; it has mode='constant'",
        "torch.zeros(2, 3)[:, None]|IndexError: indexing a tensor of shape (2, 3) with None would make a 3-d tensor; tensors here have at most 2 dimensions",
        "torch.zeros(2, 3).index_select(1, torch.tensor([0, 3]))|IndexError: index_select: index 3.0 at position 1 is not a position in 0..2 of dimension 1 of a tensor of shape (2, 3)",
        "nn.Sequential(nn.Linear(2, 1)).fc1|AttributeError: 'Sequential' object has no attribute 'fc1'",
        "torch.zeros(2).stft(4)|AttributeError: Tensor.stft is not supported by neuralGLM's PyTorch bridge (neuralglm.jython.Tensor)",
        "torch.ones(2) & torch.ones(2)|TypeError: & works on bool tensors here (as masks: (t > 0) & (t < 1)); got torch.float32",
        "torch.optim.SGD(nn.Linear(1, 1).parameters(), lr=0.1, nesterov=True).step()|ValueError: Nesterov momentum requires a momentum and zero dampening",
        "torch.optim.Adam([torch.zeros(2, requires_grad=True)]).load_state_dict(torch.optim.Adam(nn.Linear(2, 1).parameters()).state_dict())|ValueError: loaded state dict contains a parameter group that doesn't match the size of optimizer's group (2 parameters against 1)",
        "nn.Linear(2, 1).load_state_dict({'weight': torch.zeros(1, 2), 'x': torch.zeros(1)})|RuntimeError: Error(s) in loading state_dict for Linear: Missing key(s) in state_dict: \"bias\". Unexpected key(s) in state_dict: \"x\". (this module has weight, bias)",
        "nn.CrossEntropyLoss(weight=torch.ones(2))(torch.zeros(2, 3), torch.tensor([0, 1]))|RuntimeError: cross_entropy: weight must hold one weight per class (3), got shape (2,)",
        "nn.CrossEntropyLoss(ignore_index=1)(torch.zeros(2, 3), torch.tensor([0, 3]))|IndexError: cross_entropy: target 3.0 at position 1 is out of bounds: not a class index in 0..2 nor the ignore_index 1",
        "nn.CrossEntropyLoss(ignore_index=0)(torch.zeros(2, 3), torch.ones(2, 3) / 3)|ValueError: cross_entropy: ignore_index applies to class-index targets only, not to probabilities",
        "nn.BCEWithLogitsLoss(pos_weight=torch.ones(3))(torch.zeros(4, 2), torch.zeros(4, 2))|ValueError: binary_cross_entropy_with_logits: pos_weight has shape (3,), which does not broadcast to the input's (4, 2)",
        "nn.Linear(2, 1)(torch.zeros(3, 2), torch.zeros(3, 2))|TypeError: Linear takes one input tensor, got 2 positional arguments; a module of several inputs is an nn.Module subclass whose forward takes them",
        "nn.Sequential(nn.ReLU())(torch.zeros(3, 2), mask=torch.zeros(3, 2))|TypeError: Sequential takes one input tensor, got 1 positional argument and the keywords mask; a module of several inputs is an nn.Module subclass whose forward takes them",
        "nn.Tanh()([1.0, 2.0])|TypeError: tanh(): argument 'input' (position 1) must be Tensor, not list",
        "o = torch.optim.SGD(nn.Linear(2, 1).parameters(), lr=0.1, momentum=0.9); o.param_groups[0]['weight_decay'] = 0.5|ValueError: SGD.param_groups[0]['weight_decay'] = 0.5 is not supported by neuralGLM's PyTorch bridge: only 'lr' (and a schedule's 'momentum' or beta1) changes as training goes on; set optimizer.weight_decay = ... instead, which starts the optimiser's state afresh",
        "o = torch.optim.Adam(nn.Linear(2, 1).parameters()); o.param_groups[0]['lr'] = float('nan')|ValueError: Adam.param_groups[0]['lr'] must be a finite number, got NaN",
        "o = torch.optim.Adam(nn.Linear(2, 1).parameters()); o.param_groups[0].update(eps=1e-6); o.step()|ValueError: Adam.param_groups[0]['eps'] = 1e-06 is not supported by neuralGLM's PyTorch bridge: only 'lr' (and a schedule's 'momentum' or beta1) changes as training goes on; set optimizer.eps = ... instead, which starts the optimiser's state afresh",
        "torch.optim.SGD(nn.Linear(2, 1).parameters(), lr=0.1).add_param_group({'params': []})|ValueError: SGD.add_param_group is not supported by neuralGLM's PyTorch bridge: an optimiser made from one list of parameters has one group; give the groups when making it (SGD([{'params': a}, {'params': b, 'lr': 1e-3}], lr=1e-2)) or make a second optimiser",
        "torch.optim.RMSprop(nn.Linear(2, 1).parameters(), alpha=1.5)|ValueError: RMSprop alpha must be in [0, 1], got 1.5",
        "torch.optim.RMSprop(nn.Linear(2, 1).parameters(), maximize=True)|ValueError: RMSprop(maximize=True) is not supported by neuralGLM's PyTorch bridge; it takes lr, alpha, eps, weight_decay, momentum, centered",
        "torch.optim.Adagrad(nn.Linear(2, 1).parameters(), lr_decay=-1)|ValueError: Adagrad lr_decay must be a finite number >= 0, got -1.0",
        "torch.optim.Adagrad(nn.Linear(2, 1).parameters(), eps=0)|ValueError: Adagrad eps must be a finite number > 0, got 0.0",
        "torch.optim.lr_scheduler.LRScheduler|AttributeError: torch.optim.lr_scheduler.LRScheduler is not supported by neuralGLM's PyTorch bridge (scripts/lib/torch/optim/lr_scheduler: PyTorch 1.13's schedulers)",
        "torch.optim.lr_scheduler.StepLR(nn.Linear(2, 1), 3)|TypeError: Linear is not an Optimizer",
        "s = nn.Sequential(nn.Linear(2, 1)); a = s(torch.ones(3, 2)); b = s(torch.ones(3, 2)); a.sum().backward()|ValueError: backward through Sequential(   (0): Linear(in_features=2, out_features=1, bias=True) ) after it was called again: this bridge keeps only the newest forward of a Sequential, so call backward before the next call",
        "nn.Linear(2, 1).register_full_backward_hook(len)|ValueError: Module.register_full_backward_hook is not supported by neuralGLM's PyTorch bridge: a module has no backward hooks; register a hook on its output tensor (out.register_hook) or use a forward hook",
        "nn.BCELoss(weight=torch.ones(4))(torch.ones(4, 1) / 2, torch.ones(4, 1))|ValueError: binary_cross_entropy: weight has shape (4,), which does not broadcast to the input's (4, 1)",
        "import torch.nn.functional as F; F.one_hot(torch.tensor([[0, 1], [1, 2]]), 3)|RuntimeError: one_hot of labels of shape (2, 2) would be a 3-d tensor; tensors here have at most 2 dimensions (give the labels as a 1-d tensor, labels.reshape(-1))",
        "torch.normal(torch.zeros(2), 1.0, (2,))|TypeError: normal(): size= goes with a number mean and std only; got a tensor",
        "torch.ones(2, 3).flatten(1, 0)|RuntimeError: flatten() has invalid args: start_dim cannot come after end_dim",
    })
    void whatCannotBeDoneFailsWithOneLine(String statement, String expected) {
        final PyException e = assertThrows(PyException.class,
                () -> Jython.exec("import torch\nimport torch.nn as nn\n" + statement.replace("; ", "\n")));
        final String[] lines = e.toString().trim().split("\n");
        assertEquals(expected, lines[lines.length - 1].trim());
        assertTrue(!e.toString().contains("java.lang"), e.toString());
    }

    /**
     * @param expected the lines the reference printed (PyTorch's, numpy's)
     * @param printed  what the bridge printed
     */
    private static void assertLines(String[] expected, String printed) {
        final String[] got = printed.strip().split("\n");
        assertEquals(expected.length, got.length, printed);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], got[i], "line " + (i + 1));
        }
    }
}

package neuralglm.jython;

import org.junit.jupiter.api.Test;

/**
 * Differences from PyTorch that the differential fuzzer {@code scripts/cpython/torch_fuzz.py} found, each fixed: a
 * snippet runs on the bridge and its printout must be PyTorch 1.13's for the same snippet (pasted here from
 * {@code /usr/bin/python3}, float64 unless the snippet says otherwise) to 1e-12 relative
 * ({@link PyTorchPrintout#assertSame}). The snippets print one value per line (tuples where they print more), which
 * Python 2's print statement and Python 3's print function print alike.
 */
class FuzzFindingsTest {

    private static void same(String pytorch, String... code) {
        PyTorchPrintout.assertSame(pytorch, Jython.exec(String.join("\n", code)), 1e-12);
    }

    /**
     * xlogy's gradient to x is log y also where x = 0 (PyTorch leaves it out only where y &lt;= 0 too): the bridge gave
     * 0 there, so Gamma's log_prob, which has xlogy(concentration - 1, value), lost log(value) from its gradient at
     * concentration 1.
     */
    @Test
    void xlogyGradientAtZeroFactor() {
        same("""
                [0.14643274880907853, -0.7031566406452431]
                [0.35, 3.0]
                [-0.4307829160924542, 0.0, 0.0, 1.0986122886681098]
                """,
                "import torch",
                "import torch.distributions as D",
                "a = torch.tensor([1.0, 2.5], dtype=torch.float64, requires_grad=True)",
                "b = torch.tensor([1.0, 0.5], dtype=torch.float64, requires_grad=True)",
                "D.Gamma(a, b).log_prob(torch.tensor([0.65, 2.0], dtype=torch.float64)).sum().backward()",
                "print(a.grad.tolist())",
                "print(b.grad.tolist())",
                "x = torch.tensor([0., 0., 0., 2.], dtype=torch.float64, requires_grad=True)",
                "torch.xlogy(x, torch.tensor([0.65, 0., -1., 3.], dtype=torch.float64)).sum().backward()",
                "print(x.grad.tolist())");
    }

    /**
     * binary_cross_entropy's gradients are PyTorch's formulas, not those of its clamped logs: to p (p - y) / max(p (1 - p),
     * 1e-12), finite where a sigmoid saturates to exactly 0 or 1 (the bridge gave NaN there, and no clamp near 0), to y
     * log(1 - p) - log(p).
     */
    @Test
    void bceSaturatedProbabilities() {
        same("""
                [100.0, 100.0, 0.6931471805599453, 69.07755278982137, 1.000000082790371e-10, 5.181066584319997]
                [-1000000003995.8029, 2000000007991.6057, 0.0, -4000000015983.2114, 5.0000000005, 4498.498498498494]
                [inf, -inf, 0.0, 276.3102111592855, 115.12925464920228, -41.440528671891315]
                [16.666666666666664, 0.0, 0.0, 8.333333333333332, -8.333333291666667, 0.0]
                """,
                "import torch",
                "import torch.nn.functional as F",
                "torch.set_default_dtype(torch.float64)",
                "p = torch.tensor([0.0, 1.0, 0.5, 1e-30, 1e-10, 0.999], requires_grad=True)",
                "t = torch.tensor([1.0, 0.0, 0.5, 1.0, 0.0, 0.25], requires_grad=True)",
                "l = F.binary_cross_entropy(p, t, reduction='none')",
                "print(l.tolist())",
                "(l * torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])).sum().backward()",
                "print(p.grad.tolist())",
                "print(t.grad.tolist())",
                "p.grad = None",
                "F.binary_cross_entropy(torch.sigmoid(p * 100), torch.tensor([0.0, 1.0, 1.0, 0.0, 1.0, 0.0]), weight=torch.tensor([2.0, 1.0, 1.0, 1.0, 1.0, 1.0])).backward()",
                "print(p.grad.tolist())");
    }

    /**
     * std's gradient is 0 where the standard deviation is 0 (equal entries, or one entry with unbiased=False), as
     * PyTorch's, where the bridge's chain through sqrt gave 0 times infinity, NaN: a constant column in (x - mean) / std
     * made every gradient NaN. The variance of no entries is NaN (0 / 0), not -0.
     */
    @Test
    void stdOfEqualEntries() {
        same("""
                [[0.0, 0.0, 0.0], [0.8926978728963851, -1.080634267190361, 0.18793639429397582]]
                3.0998737341529163
                [[-1.2071067811865475, 0.7071067811865475, 0.0], [1.2071067811865475, -0.7071067811865475, 0.0]]
                [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]
                (nan, [nan, nan, nan])
                """,
                "import torch",
                "torch.set_default_dtype(torch.float64)",
                "x = torch.tensor([[0.25, 0.25, 0.25], [1.5, -2.0, 0.25]], requires_grad=True)",
                "(x.std(dim=1) * torch.tensor([1.0, 2.0])).sum().backward()",
                "print(x.grad.tolist())",
                "x.grad = None",
                "s = torch.std(x[:1], unbiased=False) + x[:, :1].std(dim=0, unbiased=False).sum() + torch.std(x, 0, True).sum()",
                "s.backward()",
                "print(s.item())",
                "print(x.grad.tolist())",
                "x.grad = None",
                "((x - x.mean(0)) / (x[:, :1].std(0) + x[:1].std())).sum().backward()",
                "print(x.grad.tolist())",
                "print((torch.zeros(0).std().item(), torch.zeros(0, 3).var(0).tolist()))");
    }

    /**
     * cross_entropy and nll_loss with every row's target the ignore_index: the mean is 0 / 0 = NaN and the gradient 0,
     * as PyTorch's (the bridge's gradient was NaN); with class weights, a left-out row's gradient stays 0.
     */
    @Test
    void crossEntropyEveryRowIgnored() {
        same("""
                (nan, [[0.0, 0.0], [0.0, 0.0], [0.0, 0.0]])
                (nan, [[0.0, 0.0], [0.0, 0.0], [0.0, 0.0]])
                (nan, [[0.0, 0.0], [0.0, 0.0], [0.0, 0.0]])
                (nan, [[nan, nan], [nan, nan], [nan, nan]])
                (0.7460935929946793, [[0.0, 0.0], [-0.17781515653843885, 0.17781515653843866], [0.0, 0.0]])
                (nan, [[nan, nan], [0.0, 0.0], [nan, nan]])
                (nan, [[0.0, 0.0], [0.0, 0.0], [0.0, 0.0]])
                """,
                "import torch",
                "import torch.nn.functional as F",
                "torch.set_default_dtype(torch.float64)",
                "z = torch.tensor([[0.0, 1.4], [1.02, 0.54], [0.3, -0.2]], requires_grad=True)",
                "for kw in [dict(ignore_index=1), dict(ignore_index=1, label_smoothing=0.2), dict(ignore_index=1, weight=torch.tensor([2.0, 3.0])),",
                "           dict(weight=torch.tensor([0.0, 1.0]))]:",
                "    z.grad = None",
                "    y = F.cross_entropy(z, torch.tensor([1, 1, 1]) if 'ignore_index' in kw else torch.tensor([0, 0, 0]), **kw)",
                "    y.backward()",
                "    print((y.item(), z.grad.tolist()))",
                "z.grad = None",
                "y = F.cross_entropy(z, torch.tensor([1, 0, 1]), ignore_index=1, weight=torch.tensor([0.5, 3.0]), label_smoothing=0.1)",
                "y.backward()",
                "print((y.item(), z.grad.tolist()))",
                "z.grad = None",
                "y = F.cross_entropy(z, torch.tensor([0, 1, 0]), ignore_index=1, weight=torch.tensor([0.0, 1.0]))",
                "y.backward()",
                "print((y.item(), z.grad.tolist()))",
                "z.grad = None",
                "y = F.nll_loss(F.log_softmax(z, 1), torch.tensor([1, 1, 1]), ignore_index=1)",
                "y.backward()",
                "print((y.item(), z.grad.tolist()))");
    }

    /**
     * Negation, abs and powers by a Python int keep a whole-number tensor whole (int64), as PyTorch's type promotion;
     * the bridge made them float. A float exponent or base makes floats; a negative int power is refused.
     */
    @Test
    void wholeNumbersStayWhole() {
        same("""
                ('torch.int64', [[-2, 3], [0, -4]])
                ('torch.int64', [[2, 3], [0, 4]])
                ('torch.int64', [[2, 3], [0, 4]])
                ('torch.int64', [[4, 9], [0, 16]])
                ('torch.int64', [[8, -27], [0, 64]])
                ('torch.int64', [[1, 1], [1, 1]])
                ('torch.int64', [[4, 8], [1, 16]])
                ('torch.float64', [[1.4142135623730951, nan], [0.0, 2.0]])
                ('torch.float64', [[4.0, 0.125], [1.0, 16.0]])
                ('torch.int64', [[-2, 3], [0, -4]])
                ('torch.float32', [[-2.0, 3.0], [-0.0, -4.0]])
                Integers to negative integer powers are not allowed
                """,
                "import torch",
                "torch.set_default_dtype(torch.float64)",
                "a = torch.tensor([[2, -3], [0, 4]])",
                "for r in [-a, abs(a), a.abs(), a ** 2, a.pow(3), torch.pow(a, 0), 2 ** a.abs(), a ** 0.5, 2.0 ** a, a * -1, -a.float()]:",
                "    print((str(r.dtype), r.tolist()))",
                "try:",
                "    a ** -1",
                "except RuntimeError as e:",
                "    print(str(e)[:51])");
    }

    /**
     * round, floor, ceil and sign of a tensor that requires grad are recorded with gradient 0, as PyTorch's: their
     * result requires grad and a backward through them gives zeros, where the bridge said there was nothing to
     * differentiate. x.pow(0) has gradient 0 also at NaN and infinities (PyTorch: 0 for the exponent 0).
     */
    @Test
    void stepFunctionsHaveZeroGradient() {
        same("""
                (True, [[-2.0, 0.0], [2.0, -0.0]])
                [[-2.0, 0.0], [2.0, 0.0]]
                (True, [[-2.0, 0.0], [2.0, -1.0]])
                [[-2.0, 0.0], [2.0, -1.0]]
                (True, [[-1.0, 1.0], [3.0, -0.0]])
                [[-1.0, 1.0], [3.0, 0.0]]
                (True, [[-1.0, 1.0], [1.0, -1.0]])
                [[-1.0, 1.0], [1.0, -1.0]]
                [0.0, 0.0, 0.0, 0.0]
                """,
                "import torch",
                "x = torch.tensor([[-1.5, 0.5], [2.5, -0.2]], dtype=torch.float64, requires_grad=True)",
                "for f in [torch.round, torch.floor, torch.ceil, torch.sign]:",
                "    x.grad = None",
                "    y = f(x)",
                "    print((y.requires_grad, y.tolist()))",
                "    (y * x).sum().backward()",
                "    print(x.grad.tolist())",
                "z = torch.tensor([float('nan'), float('inf'), 0.0, 2.0], dtype=torch.float64, requires_grad=True)",
                "(z.pow(0) * 3).sum().backward()",
                "print(z.grad.tolist())");
    }

    /**
     * Python's // and % on tensors (PyTorch's floor_divide and remainder: the remainder takes the divisor's sign; whole
     * numbers stay whole; the remainder's gradients 1 and -floor(a / b)), which the bridge refused with a TypeError, and
     * any/all along a dim with keepdim (a TypeError before).
     */
    @Test
    void floorDivModAnyAllDim() {
        same("""
                ('torch.int64', [-4, -4, 3, 3, 0])
                ('torch.int64', [1, -1, -1, 1, 0])
                ('torch.float32', [-4.0, -4.0, 3.0, 3.0, 0.0])
                ('torch.float32', [0.5, 2.0, 0.5, 2.0, 0.0])
                ('torch.float64', [-4.0])
                ('torch.int64', [-1])
                ('torch.int64', [3, -4])
                ('torch.float64', [1.5, -0.5])
                ([0.5, -0.5, 0.0], [1.0, 2.0, 3.0], [4.0, 8.0, -6.0])
                [-4.0, -4.0, 2.0]
                ZeroDivisionError
                ('torch.bool', True)
                ('torch.bool', False)
                ('torch.bool', [True, False])
                ('torch.bool', [False, False])
                ('torch.bool', [[True, False, True]])
                ('torch.bool', [[True], [True]])
                ('torch.bool', [False, False])
                ('torch.bool', True)
                """,
                "import torch",
                "torch.set_default_dtype(torch.float64)",
                "a = torch.tensor([-7, 7, -7, 7, 0])",
                "b = torch.tensor([2, -2, -2, 2, 3])",
                "for r in [a // b, a % b, a.float() // b, a.float() % 2.5, -7.5 // torch.tensor([2.]), 7 % torch.tensor([-2]), 7 // torch.tensor([2, -2]), 7.5 % torch.tensor([2, -2])]:",
                "    print((str(r.dtype), r.tolist()))",
                "x = torch.tensor([-7.5, 7.5, 3.0], requires_grad=True)",
                "y = torch.tensor([2.0, -2.0, 1.5], requires_grad=True)",
                "r = x % y",
                "(r * torch.tensor([1.0, 2.0, 3.0])).sum().backward()",
                "print((r.tolist(), x.grad.tolist(), y.grad.tolist()))",
                "print((x // y).tolist())",
                "try:",
                "    torch.tensor([5, -5]) % 0",
                "except RuntimeError as e:",
                "    print(str(e)[:17])",
                "m = torch.tensor([[0.5, 0.0, 2.0], [0.0, 0.0, 0.0]])",
                "for r in [m.any(), m.all(), m.any(1), m.all(dim=1), m.any(0, keepdim=True), (m >= 0).all(1, keepdim=True), m.all(-1), m[:, 0].any(0)]:",
                "    print((str(r.dtype), r.tolist()))");
    }

    /**
     * cross_entropy of one unbatched row, as PyTorch takes it: k logits (1-d) with a 0-d class index or k probabilities,
     * a 0-d loss also with reduction 'none' (the bridge refused 1-d logits).
     */
    @Test
    void crossEntropyUnbatched() {
        same("""
                ([], 0.43482945636682585, [0.05586431602754047, -0.3526249366405928, 0.29676062061305225])
                ([], 0.43482945636682585, [0.05586431602754047, -0.3526249366405928, 0.29676062061305225])
                ([], 0.5424961230334925, [0.022530982694207134, -0.28595826997392615, 0.2634272872797189])
                ([], 0.43482945636682585, [0.05586431602754047, -0.3526249366405928, 0.29676062061305225])
                ([], 1.1588294563668258, [-0.14413568397245954, 0.1473750633594072, -0.0032393793869477383])
                """,
                "import torch",
                "import torch.nn as nn",
                "import torch.nn.functional as F",
                "torch.set_default_dtype(torch.float64)",
                "x = torch.tensor([-1.16, 1.29, 0.51], requires_grad=True)",
                "for kw in [dict(), dict(weight=torch.tensor([0.2, 0.3, 0.76]), reduction='mean'), dict(label_smoothing=0.1, reduction='none'),",
                "           dict(reduction='sum')]:",
                "    x.grad = None",
                "    y = F.cross_entropy(x, torch.tensor(1), **kw)",
                "    y.backward()",
                "    print((list(y.shape), y.item(), x.grad.tolist()))",
                "x.grad = None",
                "y = nn.CrossEntropyLoss()(x, torch.tensor([0.2, 0.5, 0.3]))",
                "y.backward()",
                "print((list(y.shape), y.item(), x.grad.tolist()))");
    }

    /**
     * bool + bool and bool * bool are bool tensors (logical or, and), as PyTorch's: the bridge made them int64, so
     * x[(x &gt; 0) * (x &lt; 2)] picked rows 1, 0, 1, 0 instead of masking; a bool tensor in a subtraction is refused.
     */
    @Test
    void boolMasksCombine() {
        same("""
                ('torch.bool', [True, False, True, False])
                [0.5, 1.5]
                ('torch.bool', [True, True, True, True])
                ('torch.bool', [False, False, True, True])
                ('torch.int64', [2, 0, 2, 2])
                ('torch.float32', [1.5, 0.0, 1.5, 1.5])
                ('torch.bool', [True, False, True, True])
                ('torch.int64', 3)
                ('torch.int64', 2)
                [0.0, -1.0, 0.0, 3.0]
                Subtraction, the `-` operator, with two bool tensors is no
                """,
                "import torch",
                "x = torch.tensor([0.5, -1.0, 1.5, 3.0], dtype=torch.float64)",
                "m = (x > 0) * (x < 2)",
                "print((str(m.dtype), m.tolist()))",
                "print(x[m].tolist())",
                "for r in [(x > 0) + (x < 2), (x > 1) + (x > 2), (x > 0) * 2, (x > 0) * 1.5, (x > 0) * torch.tensor(True), (x > 0).sum(), ((x > 0) * (x < 2)).sum()]:",
                "    print((str(r.dtype), r.tolist()))",
                "x[(x > 0) * (x < 2)] = 0.0",
                "print(x.tolist())",
                "try:",
                "    (x > 0) - (x < 2)",
                "except RuntimeError as e:",
                "    print(str(e)[:58])");
    }

    /**
     * Printing as PyTorch prints: a suffix (dtype=, requires_grad=True) goes on a line of its own where the line would
     * pass 80 characters; an empty tensor shows its size unless 1-d and its dtype unless the default float; a float32
     * tensor prints its values rounded to float32 (1.95 * 1e5 is 195000. there). Default dtype float32.
     */
    @Test
    void printsAsPyTorch() {
        same("""
                tensor([-106000.,   23000.,  -28000., -175000.,  -99000.], requires_grad=True)
                tensor([1.2345e+05, 5.0000e-01, 1.0000e-08], dtype=torch.float64,
                       requires_grad=True)
                tensor([[-9.6000e-10, -8.0000e-10,  1.4400e-09, -5.7000e-10]],
                       requires_grad=True)
                tensor([ 0.2500,  0.5000,  0.1250,  1.0000,  2.0000,  3.0000,  4.0000,  5.0000,
                         6.0000,  7.0000,  8.0000,  9.0000, 10.0000], requires_grad=True)
                tensor([195000.,  37000.,  99000.])
                tensor([], size=(2, 0))
                tensor([], dtype=torch.int64)
                tensor([], dtype=torch.bool)
                tensor([], size=(0, 3), dtype=torch.float64, requires_grad=True)
                tensor([])
                """,
                "import torch",
                "print(torch.tensor([-1.06e5, 2.3e4, -2.8e4, -1.75e5, -9.9e4], requires_grad=True))",
                "print(torch.tensor([1.2345e5, 0.5, 1e-8], dtype=torch.float64, requires_grad=True))",
                "print(torch.tensor([[-9.6e-10, -8e-10, 1.44e-9, -5.7e-10]], requires_grad=True))",
                "print(torch.tensor([0.25, 0.5, 0.125, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0], requires_grad=True))",
                "print(torch.tensor([1.95, 0.37, 0.99]) * 1e5)",
                "print(torch.zeros(2, 0))",
                "print(torch.zeros(0, dtype=torch.int64))",
                "print(torch.tensor([], dtype=torch.bool))",
                "print(torch.zeros(0, 3, dtype=torch.float64, requires_grad=True))",
                "print(torch.tensor([]))");
    }

    /**
     * argmax/argmin of an empty tensor without a dim, and max/min along an empty dimension, raise PyTorch's IndexError
     * (the bridge's was a ValueError); sign is 0 at NaN and -0, as PyTorch's.
     */
    @Test
    void emptyReductionsAndSign() {
        same("""
                argmax(): Expected reduction
                max(): Expected reduction
                argmax(): Expected reduction
                argmin(): Expected reduction
                min(): Expected reduction
                [0.0, 0.0, 0.0, -1.0, 1.0]
                """,
                "import torch",
                "for f in [lambda: torch.zeros(0).argmax(), lambda: torch.zeros(0).max(0), lambda: torch.zeros(0, 3).argmax(0), lambda: torch.zeros(0, 3).argmin(),",
                "          lambda: torch.zeros(0).min(0)]:",
                "    try:",
                "        f()",
                "    except IndexError as e:",
                "        print(str(e).split(' dim')[0])",
                "print(torch.sign(torch.tensor([float('nan'), -0.0, 0.0, -2.0, 3.0])).tolist())");
    }

    /**
     * torch.full infers its dtype from the fill value as PyTorch 1.13 does (int64 for an int, bool for a bool; the
     * bridge made floats), and int(t) is a Python int.
     */
    @Test
    void fullInfersDtypeIntGivesInt() {
        same("""
                ('torch.int64', [7, 7])
                ('torch.bool', [[True, True], [True, True]])
                ('torch.int64', [[-100, -100]])
                ('torch.float32', [0.5, 0.5])
                ('torch.float64', [7.0, 7.0])
                tensor([-100, -100, -100])
                (3, 'int')
                """,
                "import torch",
                "for t in [torch.full((2,), 7), torch.full((2, 2), True), torch.full((1, 2), -100), torch.full((2,), 0.5), torch.full((2,), 7, dtype=torch.float64)]:",
                "    print((str(t.dtype), t.tolist()))",
                "print(torch.full((3,), -100))",
                "print((int(torch.tensor(3.9)), type(int(torch.tensor(-2.5))).__name__))");
    }

    /**
     * F.linear(input, weight, bias) and t.expand / t.expand_as, which PyTorch code uses in hand-written layers (they
     * were one-line AttributeErrors): values, and gradients added up over the expanded copies.
     */
    @Test
    void linearAndExpand() {
        same("""
                [[0.2499999999999999, 1.525], [0.13, -0.15000000000000013]]
                ([[3.1, -0.8, 0.2], [-1.2, 1.1, -1.15]], [[1.9, -2.0, 6.5], [1.7, -4.0, -1.0]], [4.0, 1.0])
                [-0.45000000000000007, 2.625]
                ([2, 3], [[2.0, 2.0, 2.0], [-1.0, -1.0, -1.0]])
                [[-0.5], [2.3]]
                ([[1.0, 2.0, 3.0], [1.0, 2.0, 3.0]], [1.3, -2.0, 2.5], [3], [2, 2])
                The expanded size of the tensor (4) must
                """,
                "import torch",
                "import torch.nn.functional as F",
                "torch.set_default_dtype(torch.float64)",
                "x = torch.tensor([[1.0, -2.0, 0.5], [0.3, 0.0, 2.0]], requires_grad=True)",
                "W = torch.tensor([[0.1, 0.2, -0.3], [1.5, -0.5, 0.25]], requires_grad=True)",
                "b = torch.tensor([0.7, -1.1], requires_grad=True)",
                "y = F.linear(x, W, b)",
                "print(y.tolist())",
                "(y * torch.tensor([[1.0, 2.0], [3.0, -1.0]])).sum().backward()",
                "print((x.grad.tolist(), W.grad.tolist(), b.grad.tolist()))",
                "print(F.linear(x[0], W).tolist())",
                "c = torch.tensor([[2.0], [-1.0]], requires_grad=True)",
                "e = c.expand(2, 3)",
                "print((list(e.shape), e.tolist()))",
                "(e * x).sum().backward()",
                "print(c.grad.tolist())",
                "v = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)",
                "f = v.expand_as(x)",
                "(f * x).sum().backward()",
                "print((f.tolist(), v.grad.tolist(), list(v.expand(-1).shape), list(torch.tensor(5.0).expand(2, 2).shape)))",
                "try:",
                "    v.expand(2, 4)",
                "except RuntimeError as err:",
                "    print(str(err)[:40])");
    }

    /**
     * A norm along a dim that is 0 (a row of zeros, e.g. a zero-initialised layer's) passes gradient 0 back, as PyTorch's
     * norm_backward, where the bridge's chain through the p-th root gave NaN; abs has gradient 0 at NaN, as PyTorch's.
     */
    @Test
    void normOfZeroRow() {
        same("""
                (5.0, [[0.0, 0.0], [0.6, -0.8]])
                (0.0, [[0.0, 0.0], [0.0, 0.0]])
                ([0.0, 5.0], [[0.0, 0.0], [1.2, -1.6]])
                ([0.0, 7.0], [[0.0, 0.0], [2.0, -2.0]])
                ([0.0, 4.497941445275415], [[0.0, 0.0], [0.8897027034610712, -1.5816936950419043]])
                ([[3.0, 4.0]], [[0.0, 0.0], [1.0, -2.0]])
                ([0.0, 5.0], [[0.0, 0.0], [1.2, -1.6]])
                ([[0.0, 0.0], [0.5, -0.6666666666666666]], [[1.0, 1.3333333333333333], [0.3277777777777778, 0.26666666666666666]])
                [0.0, -1.0, 0.0]
                """,
                "import torch",
                "torch.set_default_dtype(torch.float64)",
                "x = torch.tensor([[0., 0.], [3., -4.]], requires_grad=True)",
                "for f in [lambda x: x.norm(), lambda x: x[0].norm(), lambda x: x.norm(dim=1), lambda x: x.norm(p=1, dim=1), lambda x: x.norm(p=3, dim=1),",
                "          lambda x: x.norm(dim=0, keepdim=True), lambda x: torch.norm(x, dim=1), lambda x: (x / (x.norm(dim=1, keepdim=True) + 1))]:",
                "    x.grad = None",
                "    y = f(x)",
                "    (y * torch.linspace(1, 2, y.numel()).reshape(y.shape)).sum().backward()",
                "    print((y.tolist(), x.grad.tolist()))",
                "z = torch.tensor([float('nan'), -2.0, 0.0], requires_grad=True)",
                "z.abs().sum().backward()",
                "print(z.grad.tolist())");
    }

    /**
     * var and std of a float32 tensor are float32 also when the default dtype is float64, as PyTorch's (the divisor, a
     * Python number, does not promote); the bridge labelled them float64.
     */
    @Test
    void varKeepsFloat32() {
        same("""
                ('torch.float32', 2.33333)
                ('torch.float32', 1.52753)
                ('torch.float32', 1.52753)
                ('torch.float32', 2.33333)
                ('torch.float32', 1.24722)
                ('torch.float32', 0.70711)
                ('torch.float64', 0.125)
                """,
                "import torch",
                "torch.set_default_dtype(torch.float64)",
                "x = torch.tensor([4., 3., 1.], dtype=torch.float32)",
                "for r in [x.var(), x.std(), torch.std(x), x.var(0), x.std(unbiased=False), torch.tensor([4, 3]).float().std(), torch.tensor([1.5, 2.0]).var()]:",
                "    print((str(r.dtype), round(r.item(), 5)))");
    }

    /**
     * {@code retain_grad()} (8 of 2,000 fuzzer programs at seed 7 used it; refused before): a non-leaf keeps the
     * gradient that passes through it, also a view's; on a leaf nothing changes; a tensor without grad is PyTorch's
     * RuntimeError.
     */
    @Test
    void retainGradOfNonLeaves() {
        same("""
                [11.38905609893065, 62.598150033144236, 415.4287934927351]
                [1.0, 1.0, 1.0]
                [22.7781121978613, 125.19630006628847, 830.8575869854702]
                (True, False, False)
                False
                ('RuntimeError', "can't retain_grad on Tensor that has requires_grad=False")
                [[1.0, 2.0], [3.0, 4.0]]
                [[1.0, 3.0], [2.0, 4.0]]
                """,
                "import torch",
                "x = torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64, requires_grad=True)",
                "y = x * 2",
                "y.retain_grad()",
                "h = y.exp()",
                "h.retain_grad()",
                "z = (y ** 2).sum() + h.sum()",
                "z.backward()",
                "print(y.grad.tolist())",
                "print(h.grad.tolist())",
                "print(x.grad.tolist())",
                "print((y.retains_grad, x.retains_grad, z.retains_grad))",
                "x.retain_grad()",
                "print(x.retains_grad)",
                "try:",
                "    torch.tensor([1.0]).retain_grad()",
                "except RuntimeError as e:",
                "    print(('RuntimeError', str(e)))",
                "w = torch.tensor([[1.0, 2.0], [3.0, 4.0]], dtype=torch.float64, requires_grad=True)",
                "v = w.t()",
                "v.retain_grad()",
                "(v * torch.tensor([[1.0, 2.0], [3.0, 4.0]], dtype=torch.float64)).sum().backward()",
                "print(v.grad.tolist())",
                "print(w.grad.tolist())");
    }

    /**
     * SGD's dampening (torch_fuzz seed 1205, programs 657 and 1524: refused before): the momentum buffer takes
     * {@code 1 - dampening} of each gradient after the first; Nesterov momentum with a dampening is PyTorch's ValueError.
     */
    @Test
    void sgdDampening() {
        same("""
                [0.9023910066666665, 0.6287335557931042, 0.34342033684778156]
                [[-0.1596470889008492, 0.335045132701115, -0.09759474443083886], [0.7883276329337576, 0.062245923692289894, -0.3364259380953467]]
                [-0.10656942082224495, 0.14969556158622851]
                0.25
                Nesterov momentum requires a momentum and zero dampening
                """,
                "import torch",
                "import torch.nn as nn",
                "import torch.nn.functional as F",
                "torch.set_default_dtype(torch.float64)",
                "m = nn.Linear(3, 2)",
                "m.weight = nn.Parameter(torch.tensor([[-0.27, 0.1, 0.4], [1.0, -0.03, -0.32]]))",
                "m.bias = nn.Parameter(torch.tensor([-0.5, 0.31]))",
                "x = torch.tensor([[-0.5, 2.0, -0.61], [0.3, 0.5, -1.65], [1.2, -0.4, 0.9]])",
                "t = torch.tensor([[0.1, 0.2], [0.85, 0.69], [-0.3, 0.4]])",
                "opt = torch.optim.SGD(m.parameters(), lr=0.1, momentum=0.9, dampening=0.25, weight_decay=0.05)",
                "losses = []",
                "for step in range(3):",
                "    opt.zero_grad()",
                "    loss = F.mse_loss(m(x), t)",
                "    loss.backward()",
                "    opt.step()",
                "    losses.append(loss.item())",
                "print(losses)",
                "print(m.weight.tolist())",
                "print(m.bias.tolist())",
                "print(opt.param_groups[0]['dampening'])",
                "try:",
                "    o2 = torch.optim.SGD(m.parameters(), lr=0.1, momentum=0.9, dampening=0.25, nesterov=True)",
                "    o2.step()",
                "except ValueError as e:",
                "    print(str(e))");
    }

    /**
     * An activation's {@code inplace=True} (torch_fuzz seed 1205, programs 179, 898 and 1371: the bridge made a new tensor
     * and left the input as it was), in the functional forms and as modules: a leaf that requires grad is PyTorch's
     * RuntimeError, a tensor that records nothing (or under no_grad) takes the values in place and is the result; a
     * recorded tensor's result is still used. PyTorch 1.13 prints the same for both forms.
     */
    @Test
    void activationsInPlace() {
        final String[][] forms = {
            {"import torch.nn.functional as F", "F.relu(x, inplace=True)", "F.leaky_relu(h, 0.5, inplace=True)",
                "F.elu(x, inplace=True)", "F.relu(x * 2, inplace=True)"},
            {"import torch.nn as nn", "nn.ReLU(inplace=True)(x)", "nn.LeakyReLU(0.5, inplace=True)(h)",
                "nn.ELU(inplace=True)(x)", "nn.ReLU(inplace=True)(x * 2)"}};
        for (String[] f : forms) {
            same("""
                    a leaf Variable that requires grad is being used in an in-place operation.
                    [1.0, -1.0, 3.0]
                    True
                    [1.0, -0.8646647167633873]
                    [2.0, 0.0]
                    """,
                    "import torch",
                    f[0],
                    "torch.set_default_dtype(torch.float64)",
                    "x = torch.tensor([1.0, -2.0], requires_grad=True)",
                    "try:",
                    "    " + f[1],
                    "except RuntimeError as e:",
                    "    print(str(e))",
                    "h = torch.tensor([1.0, -2.0, 3.0])",
                    "r = " + f[2],
                    "print(h.tolist())",
                    "print(r is h)",
                    "with torch.no_grad():",
                    "    " + f[3],
                    "print(x.tolist())",
                    "y = " + f[4],
                    "y.sum().backward()",
                    "print(x.grad.tolist())");
        }
    }

    /**
     * Whole-number dtypes take values as PyTorch does (torch_fuzz seed 1207: the bridge saturated NaN and infinities,
     * and held int32 values past 2^31): a value made into an int64 or int32 tensor that it cannot hold (NaN, infinite,
     * out of range: {@code torch.tensor}, {@code torch.full}, {@code fill_}, an assignment of a number) is a
     * RuntimeError; a float tensor converted ({@code long()}, {@code to}, {@code type}, {@code copy_}, an assigned tensor)
     * gives the dtype's smallest value there; {@code int(t)} is Python's {@code int} of the float (ValueError for NaN,
     * OverflowError for an infinity, a long past 2^63).
     */
    @Test
    void wholeNumberConversions() {
        same("""
                -9223372036854775808 -2147483648 -9223372036854775808
                -9223372036854775808 -2147483648 -9223372036854775808
                -9223372036854775808 -2147483648 -9223372036854775808
                -9223372036854775808 -2147483648 -9223372036854775808
                3000000000 -2147483648 3000000000
                RuntimeError
                RuntimeError
                RuntimeError
                RuntimeError
                RuntimeError
                RuntimeError
                RuntimeError
                -9223372036854775808 -2 7
                -9223372036854775808 -9223372036854775808 -3
                -9223372036854775808
                ValueError
                OverflowError
                100000000000000000000
                -2
                """,
                "import torch",
                "import math",
                "torch.set_default_dtype(torch.float64)",
                "for v in [float('nan'), float('inf'), -1e300, 9.3e18, 3e9]:",
                "    print(\" \".join(str(int(t.item())) for t in (torch.tensor([v]).long(), torch.tensor([v]).to(torch.int32), torch.tensor([v]).type(torch.long))))",
                "def err(f):",
                "    try:",
                "        print(f())",
                "    except Exception as e:",
                "        print(type(e).__name__)",
                "err(lambda: torch.tensor([float('nan')], dtype=torch.long))",
                "err(lambda: torch.tensor(1e19, dtype=torch.long))",
                "err(lambda: torch.tensor([3e9], dtype=torch.int))",
                "err(lambda: torch.tensor([2147483647.9, -2147483648.0], dtype=torch.int).tolist())",
                "err(lambda: torch.full((2,), float('inf'), dtype=torch.long))",
                "err(lambda: torch.zeros(2, dtype=torch.long).fill_(float('nan')))",
                "t = torch.zeros(3, dtype=torch.long)",
                "err(lambda: t.__setitem__(0, float('nan')))",
                "t[0] = torch.tensor(float('nan'))",
                "t[1] = torch.tensor(-2.7)",
                "t[2] = 7.9",
                "print(\" \".join(str(int(e)) for e in t.tolist()))",
                "t.copy_(torch.tensor([float('inf'), 1e300, -3.5]))",
                "print(\" \".join(str(int(e)) for e in t.tolist()))",
                "print(torch.tensor([float('nan')]).long().item())",
                "err(lambda: int(torch.tensor(float('nan'))))",
                "err(lambda: int(torch.tensor(float('-inf'))))",
                "print(int(torch.tensor(1e20)))",
                "print(int(torch.tensor(-2.7)))");
    }

    /** {@code torch.eye(n, dtype=...)} has that dtype (the bridge accepted dtype and left it out: a float64 identity was float32). */
    @Test
    void eyeTakesItsDtype() {
        same("""
                torch.float64 [[1, 0, 0], [0, 1, 0]] torch.float32 torch.float64
                """,
                "import torch",
                "print('%s %s %s %s' % (torch.eye(2, dtype=torch.float64).dtype, torch.eye(2, 3, dtype=torch.int64).tolist(),",
                "      torch.eye(2).dtype, torch.nn.Parameter(torch.eye(2, dtype=torch.float64)).dtype))");
    }

    /**
     * The divisor's gradient of {@code u / v} in PyTorch 1.13's order, {@code -g ((u / v) / v)} (torch_fuzz seed 1213:
     * {@code x / x} at -1e-300 is 1 - 1 in exact arithmetic, and PyTorch's rounding of the two terms leaves 7.4e283;
     * the bridge's {@code (-g (u / v)) / v} left 0). PyTorch 1.13's printout.
     */
    @Test
    void divisorGradientInPyTorchsOrder() {
        same("""
                [0.0, nan, 0.0, 7.435084542388915e+283, 0.0, 0.0]
                [1.4285714285714286, 3.3333333333333334e+159, 1e+170]
                [-0.6122448979591838, -1.111111111111111e+119, inf]
                """,
                "import torch",
                "torch.set_default_dtype(torch.float64)",
                "x = torch.tensor([-1e-300, float('inf'), 1.0, -1e-300, 3.0, 0.1], requires_grad=True)",
                "y = x / x",
                "(y * torch.tensor([0.3, -1.3, 0.7, -0.55, 1.1, 0.9])).sum().backward()",
                "print(x.grad.tolist())",
                "a = torch.tensor([0.3, 1e-200, -2.0], requires_grad=True)",
                "b = torch.tensor([0.7, 3e-160, 1e-170], requires_grad=True)",
                "(a / b).sum().backward()",
                "print(a.grad.tolist())",
                "print(b.grad.tolist())");
    }

    /**
     * var's gradient (torch_fuzz seed 1213) is PyTorch's {@code g 2 (x - mean) / (n - correction)}, not autograd through
     * the mean: an infinite entry's gradient is infinite (the bridge gave NaN, from the mean's term inf - inf); var saves
     * its input, so a second backward without {@code retain_graph} fails. PyTorch 1.13's printout.
     */
    /**
     * torch_fuzz seed 1221: log_softmax of a line whose maximum is infinite is NaN throughout, as PyTorch computes it
     * ((x - m) - log(sum exp(x - m)): inf - inf is NaN), where x - logsumexp(x) gave -inf beside the NaN, and a
     * gradient of finite entries; finite lines computed as PyTorch computes them (x - m first). PyTorch 1.13's printout.
     */
    @Test
    void logSoftmaxOfAnInfiniteLine() {
        same("""
                [[nan, nan, nan], [nan, nan, nan], [nan, nan, nan], [-1.3132616875182228, -inf, -0.31326168751822286]]
                [[nan, nan, nan], [nan, nan, nan], [nan, nan, nan], [0.09658786794500734, -1.0, 0.9034121320549926]]
                [inf, inf, -inf, 2.313261687518223]
                nan
                """,
                "import torch",
                "import torch.nn.functional as F",
                "torch.set_default_dtype(torch.float64)",
                "inf = float('inf')",
                "x = torch.tensor([[-inf, inf, 0.0], [inf, 1.0, 2.0], [-inf, -inf, -inf], [1.0, -inf, 2.0]], requires_grad=True)",
                "y = F.log_softmax(x, 1)",
                "print(y.tolist())",
                "(y * torch.tensor([0.5, -1.0, 2.0])).sum().backward()",
                "print(x.grad.tolist())",
                "print(torch.logsumexp(x.detach(), 1).tolist())",
                "print(F.cross_entropy(torch.tensor([[inf, 1.0], [0.0, 1.0]]), torch.tensor([0, 1])).item())");
    }

    @Test
    void varianceGradient() {
        same("""
                [inf, nan]
                [[-0.6, -6.0, 5.25], [0.6, 6.0, -5.25]]
                [[-1.777777777777778, -0.44444444444444464, 2.222222222222222], [-1.4444444444444442, 1.2222222222222223, 0.22222222222222224]]
                [[-0.888888888888889, -0.22222222222222232, 1.111111111111111], [1.4444444444444442, -1.2222222222222223, -0.22222222222222224]]
                RuntimeError
                """,
                "import torch",
                "torch.set_default_dtype(torch.float64)",
                "x = torch.tensor([1e300, -float('inf')], requires_grad=True)",
                "x.var().backward()",
                "print(x.grad.tolist())",
                "x = torch.tensor([[1.0, 2.0, 4.0], [3.0, -1.0, 0.5]], requires_grad=True)",
                "(x.var(0, keepdim=True) * torch.tensor([[0.3, -2.0, 1.5]])).sum().backward()",
                "print(x.grad.tolist())",
                "x.grad = None",
                "(x.var(1, unbiased=False) * torch.tensor([2.0, -1.0])).sum().backward()",
                "print(x.grad.tolist())",
                "x.grad = None",
                "torch.var(x, 1, correction=0).sum().backward()",
                "print(x.grad.tolist())",
                "v = x.var()",
                "v.backward()",
                "try:",
                "    v.backward()",
                "    print('again')",
                "except RuntimeError as e:",
                "    print('RuntimeError')");
    }

    /**
     * Gradients at edges (torch_fuzz seeds 1205-1207): relu, elu, selu and celu pass the gradient at a NaN input, as
     * PyTorch's backward tests {@code x <= 0} (the bridge gave NaN); a leaf's first gradient is the gradient itself, not
     * 0 plus it, so a -0.0 stays -0.0 (log at -inf), and later ones add; {@code torch.square} exists and keeps whole
     * numbers whole.
     */
    @Test
    void gradientsAtEdges() {
        same("""
                [0.5, 0.25, 0.0]
                [0.5, 0.25, 0.04598493014643029]
                [0.5253504936777402, 0.2626752468388701, 0.08084607537935175]
                [0.5, 0.25, 0.04598493014643029]
                [0.5, 0.25, 0.0]
                [-1.0, 1.0, -1.0]
                [-1.0, 1.0, -1.0]
                ([2.25, 4.0], [3.0, -4.0], [9, 4], 'torch.int64')
                """,
                "import torch",
                "import math",
                "import torch.nn.functional as F",
                "torch.set_default_dtype(torch.float64)",
                "for f in [F.relu, F.elu, F.selu, F.celu, lambda x: x.relu()]:",
                "    x = torch.tensor([float('nan'), 2.0, -1.0], requires_grad=True)",
                "    f(x).backward(torch.tensor([0.5, 0.25, 0.125]))",
                "    print(x.grad.tolist())",
                "x = torch.tensor([-float('inf'), float('inf'), -2.0], requires_grad=True)",
                "torch.log(x).backward(torch.tensor([0.5, 0.5, 0.5]))",
                "print([math.copysign(1.0, g) for g in x.grad.tolist()])",
                "torch.log(x).backward(torch.tensor([0.5, 0.5, 0.5]))",
                "print([math.copysign(1.0, g) for g in x.grad.tolist()])",
                "y = torch.tensor([1.5, -2.0], requires_grad=True)",
                "s = torch.square(y)",
                "s.sum().backward()",
                "print((s.tolist(), y.grad.tolist(), torch.square(torch.tensor([3, -2])).tolist(), str(torch.square(torch.tensor([3])).dtype)))");
    }

    /**
     * {@code nn.Flatten(start_dim, end_dim)} is {@code input.flatten(start_dim, end_dim)} (torch_fuzz seed 1209, program
     * 1210: the default module let a 1-d input through, which has no dimension 1: PyTorch's IndexError), also at the end
     * of an {@code nn.Sequential} given one sample.
     */
    @Test
    void flattenModuleDimensions() {
        same("""
                Dimension out of range (expected to be in range of [-1, 0], but got 1)
                [0.23, 2.88, -1.5]
                [2, 2]
                [4]
                [[1.0, 1.0], [1.0, 1.0]]
                Dimension out of range (expected to be in range of [-2, 1], but got 2)
                IndexError Dimension out of range (expected to be in range of [-1, 0], but got 1)
                [1, 2]
                [2]
                IndexError Dimension out of range (expected to be in range of [-1, 0], but got 1)
                """,
                "import torch",
                "import torch.nn as nn",
                "torch.set_default_dtype(torch.float64)",
                "x = torch.tensor([0.23, 2.88, -1.5], requires_grad=True)",
                "try:",
                "    nn.Flatten()(x)",
                "except IndexError as e:",
                "    print(str(e))",
                "print(nn.Flatten(0)(x).tolist())",
                "m = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)",
                "print(list(nn.Flatten()(m).shape))",
                "y = nn.Flatten(0, 1)(m)",
                "print(list(y.shape))",
                "y.sum().backward()",
                "print(m.grad.tolist())",
                "try:",
                "    nn.Flatten(2)(m)",
                "except IndexError as e:",
                "    print(str(e))",
                "m = nn.Sequential(nn.Linear(3, 2), nn.ReLU(), nn.Flatten())",
                "x = torch.tensor([0.5, -1.0, 2.0])",
                "try:",
                "    print(list(m(x).shape))",
                "except IndexError as e:",
                "    print(\"IndexError \" + str(e))",
                "print(list(m(torch.tensor([[0.5, -1.0, 2.0]])).shape))",
                "m2 = nn.Sequential(nn.Linear(3, 1), nn.Flatten(0, 1))",
                "print(list(m2(torch.tensor([[0.5, -1.0, 2.0], [1.0, 1.0, 1.0]])).shape))",
                "try:",
                "    print(list(m2(x).shape))",
                "except (IndexError, RuntimeError) as e:",
                "    print(type(e).__name__ + \" \" + str(e))");
    }
}

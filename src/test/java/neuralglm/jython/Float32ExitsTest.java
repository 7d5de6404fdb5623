package neuralglm.jython;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * A float32 (float16) tensor is computed in float64, but its numbers leave it as PyTorch's do, as its float32 (float16)
 * values: {@code item()}, {@code tolist()}, {@code float(t)}, {@code '{:.4f}'.format(t)}, {@code '%.4f' % t},
 * {@code toArray()}, printing and {@code t.numpy()}; float64 and whole-number tensors give their values as stored. The
 * expected numbers are IEEE 754's roundings (float32's 0.1 is 0.10000000149011612, float16's 0.0999755859375), as numpy
 * 2.4 gives them ({@code float(np.float32(0.1))}, {@code float(np.float16(np.float32(0.1)))}), and numpy's results for
 * the numpy shim's lines.
 */
class Float32ExitsTest {

    private static String run(String... code) {
        return Jython.exec(String.join("\n", code)).trim().replace("\r", "");
    }

    /** The fuzz finding: {@code '{:.4f}'.format(t.sum().item())} of float32 gave 147033.3287, PyTorch 147033.3281. */
    @Test
    void float32NumbersLeaveAsFloat32Values() {
        assertEquals(String.join("\n",
                "147033.3281 147033.3281 147033.3281 147033.328125",
                "[0.10000000149011612, 0.3333333432674408] 0.10000000149011612 0.3333333432674408",
                "[0.10000000149011612, 0.3333333432674408]",
                "tensor([147033.3281]) tensor(147033.3281)"),
                run("import torch",
                        "s = torch.tensor([100000.0, 47033.3287]).sum()",
                        "print('%s %s %s %r' % ('{:.4f}'.format(s.item()), '{:.4f}'.format(s), '%.4f' % s, float(s)))",
                        "t = torch.tensor([0.1, 1 / 3.0])",
                        "print('%r %r %r' % (t.tolist(), t[0].item(), float(t[1])))",
                        "print(list(t.toArray()))",
                        "print('%s %s' % (torch.tensor([147033.3287]), torch.tensor(147033.3287)))"));
    }

    /**
     * Comparisons (and {@code torch.equal}, {@code allclose}, which use them) take each operand as its dtype holds it,
     * in the dtype PyTorch's promotion gives the pair, as PyTorch 1.13 compares them: a float32 0.1 is not a float64 0.1
     * but is the Python float 0.1 (a scalar takes the tensor's float32); {@code (a * 3) / 3} computed in float64 is
     * 0.10000000000000002 stored, float32's 0.1 held, equal to a; the int64 2^24 + 1 against a float32 tensor is
     * compared in float32 (2^24, equal to a float32 16777217.0). {@code torch.equal} and {@code torch.allclose} as
     * PyTorch's: infinities close to themselves, 0 equal to -0, NaN unequal to NaN unless {@code equal_nan}, equal only
     * with equal shapes, allclose broadcast. The expected lines are PyTorch 1.13's printouts of the same program.
     */
    @Test
    void comparisonsTakeTheValuesTheDtypesHold() {
        assertEquals(String.join("\n",
                "tensor([False]) tensor([True]) tensor([False])",
                "True True tensor([True])",
                "tensor([True]) tensor([True, True])",
                "True True False True False True"),
                run("import torch",
                        "a = torch.tensor([0.1]); b = torch.tensor([0.1], dtype=torch.float64)",
                        "print('%s %s %s' % (a == b, a == 0.1, a < 0.1))",
                        "c = (a * 3) / 3",
                        "print('%s %s %s' % (torch.equal(a, c), torch.allclose(a, c, rtol=0, atol=0), c == a))",
                        "print('%s %s' % (torch.tensor([16777217.0]) == torch.tensor([16777217]), "
                                + "torch.tensor([0.1, 0.2]) == torch.tensor([0.1, 0.2]).double().float()))",
                        "inf, nan = float('inf'), float('nan')",
                        "print('%s %s %s %s %s %s' % (torch.allclose(torch.tensor([inf]), torch.tensor([inf])), "
                                + "torch.equal(torch.tensor([0.0]), torch.tensor([-0.0])), torch.equal(torch.tensor([nan]), "
                                + "torch.tensor([nan])), torch.allclose(torch.tensor([nan]), torch.tensor([nan]), equal_nan=True), "
                                + "torch.equal(torch.tensor([1.0]), torch.tensor([1.0, 1.0])), "
                                + "torch.allclose(torch.tensor([1.0]), torch.tensor([1.0, 1.0]))))"));
    }

    /**
     * A Python number has no dtype of its own (PyTorch's wrapped number): it is compared in the tensor's dtype, so a
     * float64 tensor meets the Python float 0.1 as the float64 0.1, and a float16 one as float16's; and isclose/allclose
     * find no infinity close to another value (inf - -inf is not within atol + rtol inf). PyTorch 1.13's printouts.
     */
    @Test
    void pythonNumbersTakeTheTensorsDtype() {
        assertEquals(String.join("\n",
                "tensor([ True, False]) tensor([False, False]) tensor([False,  True]) tensor(True)",
                "tensor(True) tensor([True]) tensor([True])",
                "False False [True, True]"),
                run("import torch",
                        "x = torch.tensor([0.1, 0.2], dtype=torch.float64); h = torch.tensor(0.1, dtype=torch.float16)",
                        "print('%s %s %s %s' % (x == 0.1, x < 0.1, 0.2 <= x, x.sum() == 0.30000000000000004))",
                        "print('%s %s %s' % (h == 0.1, torch.tensor([16777217.0]) == 16777217, "
                                + "torch.tensor([16777217]) == 16777216.0))",
                        "inf = float('inf')",
                        "print('%s %s %s' % (torch.allclose(torch.tensor([inf]), torch.tensor([-inf])), "
                                + "torch.allclose(torch.tensor([3e38]), torch.tensor([inf])), "
                                + "torch.isclose(torch.tensor([inf, 1.0]), torch.tensor([inf, 1.0])).tolist()))"));
    }

    /** float64 and whole-number tensors keep their values; {@code stored_tolist()} gives a float32 tensor's stored ones. */
    @Test
    void float64AndWholeNumbersLeaveAsStored() {
        assertEquals(String.join("\n",
                "[0.1, 0.3333333333333333] 0.1 0.3333333333333333 0.10000000000000000555 0.1000000000",
                "[0.1, 0.3333333333333333]",
                "16777217 [16777217]",
                "[0.1, 0.3333333333333333]"),
                run("import torch",
                        "d = torch.tensor([0.1, 1 / 3.0], dtype=torch.float64)",
                        "print('%r %r %r %s %.10f' % (d.tolist(), d[0].item(), float(d[1]), '{:.20f}'.format(d[0]), d[0]))",
                        "print(list(d.toArray()))",
                        "w = torch.tensor([16777217])",   // 2^24 + 1: no float32
                        "print('%r %r' % (w[0].item(), w.tolist()))",
                        "print(torch.tensor([0.1, 1 / 3.0]).stored_tolist())"));
    }

    /**
     * float16: 0.1 is 0.0999755859375; 65520, half way past float16's largest 65504, rounds to even, infinity; 2049 to
     * 2048 (ties to even at 11 bits); 6e-5, below 2^-14, a subnormal; 1 + 2^-11 + 2^-40 is 1 (its float32 value is the
     * tie 1 + 2^-11, as PyTorch makes a half from a float). Printed from those values.
     */
    @Test
    void float16NumbersLeaveAsFloat16Values() {
        assertEquals(String.join("\n",
                "[0.0999755859375, inf, 2048.0, 6.002187728881836e-05, 1.0] 0.0999755859375",
                "tensor([1.0010], dtype=torch.float16)"),
                run("import torch",
                        "h = torch.tensor([0.1, 65520.0, 2049.0, 6e-5, 1 + 2 ** -11 + 2 ** -40], dtype=torch.float16)",
                        "print('%r %r' % (h.tolist(), h[0].item()))",
                        "print(torch.tensor([1.0005], dtype=torch.float16))"));
    }

    /**
     * A float16 tensor widened (float(), double(), to(), copy_ into a float64 tensor) holds its float16 values, as
     * PyTorch's: torch.tensor([0.1], dtype=torch.float16).float().item() is 0.0999755859375, as its own item().
     */
    @Test
    void float16WidenedKeepsItsFloat16Values() {
        assertEquals("0.0999755859375 0.0999755859375 0.0999755859375 0.0999755859375 0.10000000149011612",
                run("import torch",
                        "h = torch.tensor([0.1], dtype=torch.float16)",
                        "d = torch.zeros(1, dtype=torch.float64).copy_(h)",
                        "print('%r %r %r %r %r' % (h.float().item(), h.double().item(), h.to(torch.float64).item(), d.item(),"
                        + " torch.tensor([0.1]).double().item()))"));
    }

    @Test
    void halfPrecisionRoundsToNearestEven() {
        final float[] in = {0.1f, 1.0005f, 65504f, 65519.99f, 65520f, -65520f, 2049f, 2051f, 0x1p-24f, 0x1p-25f, 0x3p-26f,
            1e-8f, -0.0f, Float.POSITIVE_INFINITY};
        final double[] want = {0.0999755859375, 1.0009765625, 65504, 65504, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, 2048, 2052, 5.960464477539063e-08, 0.0, 5.960464477539063e-08, 0.0, -0.0,
            Double.POSITIVE_INFINITY};
        for (int i = 0; i < in.length; i++) {
            // bits, so that -0.0 is told from 0.0
            assertEquals(Double.doubleToLongBits(want[i]), Double.doubleToLongBits(DType.float16(in[i])), "float16 of " + in[i]);
        }
        assertEquals(Double.NaN, DType.float16(Float.NaN));
        assertEquals(0.10000000149011612, DType.FLOAT32.held(0.1));
        assertEquals(1.0, DType.FLOAT16.held(1 + 0x1p-11 + 0x1p-40));
        assertEquals(0.1, DType.FLOAT64.held(0.1));
        assertEquals(3.0, DType.INT64.held(3.0));
    }

    /**
     * The numpy shim: a float32 array's numbers leave as float32 values (t.numpy(), np.float32), widened to float64 they
     * hold them; a float64 array's leave as they are (np.mean of one gave 0.15000000223517418).
     */
    @Test
    void numpyArraysLeaveTheirDtypesNumbers() {
        assertEquals(String.join("\n",
                "[0.10000000149011612] [0.10000000149011612] 0.10000000149011612 [0.10000000149011612]",
                "[0.1, 0.2] 0.15000000000000002 0.09983341664682815 0.5488135039273248"),
                run("import torch",
                        "import numpy as np",
                        "a = np.array([0.1], dtype=np.float32)",
                        "print('%r %r %r %r' % (torch.tensor([0.1]).numpy().tolist(), a.tolist(), float(a[0]),"
                        + " a.astype(np.float64).tolist()))",
                        "np.random.seed(0)",
                        "print('%r %r %r %r' % (np.array([0.1, 0.2]).tolist(), np.mean(np.array([0.1, 0.2])), np.sin(0.1),"
                        + " np.random.rand()))"));
    }

    /**
     * The shims' own computations in Python (cumsum, prod, gradcheck's steps) work on the stored float64 values, as the
     * Java operations do: a cumulative sum or product of a float32 tensor is that of its stored values, and gradcheck
     * leaves its input's values as they were (torch.max_abs_diff compares stored values).
     */
    @Test
    void shimComputationsUseTheStoredValues() {
        assertEquals("0.0 0.0 True 0.0",
                run("import torch",
                        "u = torch.tensor([0.1, 0.7, 0.3])",
                        "c = torch.max_abs_diff(torch.cumsum(u, 0), torch.tensor([0.1, 0.1 + 0.7, 0.1 + 0.7 + 0.3]))",
                        "p = torch.max_abs_diff(torch.prod(u), torch.tensor(0.1 * 0.7 * 0.3))",
                        "x = torch.tensor([0.1, 0.7], requires_grad=True)",
                        "ok = torch.autograd.gradcheck(lambda x: (x * x).sum(), (x,), eps=1e-6, atol=1e-4)",
                        "print('%r %r %r %r' % (c, p, ok, torch.max_abs_diff(x, torch.tensor([0.1, 0.7]))))"));
    }
}

package neuralglm.jython;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Operations on tensors of two dtypes take each operand as its dtype holds it, converted to the result's dtype, as
 * PyTorch's type promotion does (a float32 0.1 enters a float64 sum as 0.10000000149011612, the int64 16777217 a
 * float32 one as 16777216); {@code //}, {@code %} and {@code fmod} are PyTorch's, from C's fmod ({@code 1.0 // 0.1}
 * and {@code div(1.0, 0.1, rounding_mode='floor')} are 9, not {@code floor(1.0 / 0.1)} = 10), with their gradients
 * and names; {@code *_like} keep the input's dtype; the comparison functions ({@code torch.eq}, ...,
 * {@code torch.greater}, ...), {@code equal}, {@code isclose}, {@code allclose} and {@code result_type} take and
 * refuse what PyTorch's do; numbers beyond float32's (float16's) range make its infinities
 * ({@code torch.tensor([1e300])} is inf, and so is float64's 1e300 made float32), below its subnormals zeros. The
 * expected text is PyTorch 1.13's printout of {@code src/test/resources/neuralglm/jython/mixed_dtypes.py}
 * ({@code /usr/bin/python3 -W ignore} on it).
 */
class MixedDtypesTest {

    private static final String PYTORCH = """
            add torch.float64 [0.10000000149011612, 1.699999988079071]
            radd torch.float64 [0.10000000149011612, 1.699999988079071]
            mul torch.float64 [0.0, 0.699999988079071]
            sub torch.float64 [-0.10000000149011612, 0.30000001192092896]
            div torch.float64 [0.0, 1.4285714528998554]
            bcast torch.float64 [[0.0, 0.10000000149011612], [0.0, 0.30000001192092896]]
            bcast2 torch.float64 [[-0.10000000149011612, 0.8999999985098839], [-0.30000001192092896, 0.699999988079071]]
            pow torch.float64 [1.0, 0.699999988079071]
            rpow torch.float64 [0.0, 1.0]
            max torch.float64 [0.10000000149011612, 1.0]
            min torch.float64 [0.0, 0.699999988079071]
            where torch.float64 [0.0, 0.699999988079071]
            cat torch.float64 [0.10000000149011612, 0.699999988079071, 0.0, 1.0]
            stack torch.float64 [[0.0, 1.0], [0.10000000149011612, 0.699999988079071]]
            atan2 torch.float64 [1.5707963267948966, 0.6107259563885851]
            h+a torch.float32 [0.19997557997703552, 0.899951159954071]
            a*h torch.float32 [0.009997558780014515, 0.13996581733226776]
            h+b torch.float64 [0.0999755859375, 1.199951171875]
            hypot torch.float64 [0.10000000149011612, 1.2206555547371665]
            fmod torch.float64 [0.09999998658895493, 0.6000000238418579]
            rem torch.float64 [0.09999998658895493, 0.6000000238418579]
            floordiv torch.float64 [9.0, 2.0]
            int+f32 torch.float32 [16777216.0, 16777216.0]
            0d torch.float64 [0.0, 0.10000000149011612]
            add_ torch.float64 [0.10000000149011612, 0.699999988079071]
            iadd torch.float64 [0.10000000149011612, 0.699999988079071]
            setitem torch.float64 [0.10000000149011612, 0.0]
            setslice torch.float64 [0.10000000149011612, 0.699999988079071]
            setnumber torch.float64 [0.0, 0.1]
            grad torch.float32 [0.0, 1.0]
            gradv torch.float64 [0.06000000089406967, 1.259999978542328]
            mean torch.float64 0.8999999947845936
            sum torch.float64 0.699999988079071
            zeros_like torch.float64 [0.1, 0.1]
            ones_like torch.float16 [1.0, 1.0]
            constant_ torch.float64 [0.1, 0.1]
            eq torch.bool [False, True, False]
            ne torch.bool [True, False, True]
            gt torch.bool [False, False, True]
            lt torch.bool [True, False, False]
            ge torch.bool [False, True, True]
            le torch.bool [True, True, False]
            greater torch.bool [False, False, True]
            greater_equal torch.bool [False, True, True]
            less torch.bool [True, False, False]
            less_equal torch.bool [True, True, False]
            not_equal torch.bool [True, False, True]
            t.greater torch.bool [False, False, True]
            t.not_equal torch.bool [True, False, True]
            t.less_equal torch.bool [True, True, False]
            t.greater_equal torch.bool [False, True, True]
            t.less torch.bool [True, False, False]
            eq0.1 torch.bool [True]
            eq64 torch.bool [False]
            gt2d torch.bool [[False, True], [True, False]]
            eq(float, t) TypeError: eq() received an invalid combination of arguments
            eq(t, str) TypeError: eq() received an invalid combination of arguments
            equal 32/64 True
            equal 0.1 False
            equal int True
            equal(float, t) TypeError: equal(): argument 'input' (position 1) must be Tensor, not float
            equal(t, float) TypeError: equal(): argument 'other' (position 2) must be Tensor, not float
            allclose 32/64 RuntimeError: Float did not match Double
            isclose 32/64 RuntimeError: Float did not match Double
            isclose int RuntimeError: Long did not match Float
            allclose 16 RuntimeError: Half did not match Float
            allclose(t, float) TypeError: allclose(): argument 'other' (position 2) must be Tensor, not float
            isclose(t, float) TypeError: isclose(): argument 'other' (position 2) must be Tensor, not float
            isclose ints [True]
            rt int/float 'torch.float32'
            rt f32/0d f64 'torch.float32'
            rt i32/f64 'torch.float64'
            rt bool/int 'torch.int64'
            rt bool/bool 'torch.bool'
            rt numbers 'torch.float32'
            atan2 ints [0.46364760398864746, 0.7853981852531433]
            atan2 64/32 [1.2793395213803975, 0.7853981633974483]
            // torch.float64 [9.0, -10.0, -3.0, -3.0, -0.0, 10.0, -0.0, 2.0]
            % torch.float64 [0.09999999999999995, 5.551115123125783e-17, -0.5, 0.5, 0.0, 4.440892098500626e-16, -0.0, 0.0]
            fmod torch.float64 [0.09999999999999995, -0.09999999999999995, 1.5, -1.5, 0.0, 4.440892098500626e-16, -0.0, 0.0]
            // 0.1 torch.float64 [9.0, -10.0, 54.0, -55.0, 0.0, 69.0, -0.0, 29.0]
            % 0.1 torch.float64 [0.09999999999999995, 5.551115123125783e-17, 0.0999999999999997, 3.0531133177191805e-16, 0.0, 0.09999999999999962, -0.0, 0.09999999999999984]
            fmod 0.1 torch.float64 [0.09999999999999995, -0.09999999999999995, 0.0999999999999997, -0.0999999999999997, 0.0, 0.09999999999999962, -0.0, 0.09999999999999984]
            f32 // torch.float32 [9.0]
            f32 % torch.float32 [0.09999998658895493]
            f32 fmod torch.float32 [0.09999998658895493]
            int // torch.int64 [3, -4]
            int % torch.int64 [1, 1]
            int fmod torch.int64 [1, -1]
            // 0 torch.float64 [inf, -inf, inf, -inf, nan, inf, nan, inf]
            % 0 torch.float64 [nan, nan, nan, nan, nan, nan, nan, nan]
            fmod 0 torch.float64 [nan, nan, nan, nan, nan, nan, nan, nan]
            RemainderBackward1
            % grads torch.float64 [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, -9.0, 10.0, 3.0, 3.0, 0.0, -10.0, 0.0, -2.0]
            FmodBackward1
            fmod grads torch.float64 [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, -10.0, 10.0, 2.0, 2.0, 0.0, -10.0, 0.0, -2.0]
            FmodBackward0 RemainderBackward0 RemainderBackward1
            div floor torch.float64 [9.0, -10.0, 10.0, 2.0]
            div floor grad torch.float64 [0.0, 0.0, 0.0, 0.0]
            div floor int torch.int64 [3, -4]
            div trunc torch.float64 [10.0, -10.0, 10.0, 2.0]
            overflow log torch.float32 [nan, inf, nan, 88.59684753417969, -inf]
            overflow x/x torch.float32 [1.0, nan, nan, 1.0, nan]
            isinf torch.bool [False, True, True, False, False]
            x torch.float32 [-2.0, inf, -inf, 3.0000000054977558e+38, 0.0]
            float16 torch.float16 [inf, 65504.0, 1.0]
            float16 isinf torch.bool [True, False, False]
            double of inf torch.float64 [inf]
            float64 keeps torch.float64 [1e+300]
            narrowed torch.float32 [inf, 0.0, 0.10000000149011612]
            narrowed isinf torch.bool [True, False, False]
            narrowed * 0 torch.float32 [nan, 0.0, 0.0]
            narrowed log torch.float32 [inf, -inf, -2.3025851249694824]
            narrowed grad torch.float64 [1.0, 1.0, 1.0]
            to float16 torch.float16 [inf, 0.0, 0.0999755859375]
            """;

    /**
     * Every number within 1e-14 of PyTorch's (relative; one atan2 differs in its last bit, Java's Math.atan2 against
     * glibc's), so a float32 value where PyTorch has float64's (0.1 against 0.10000000149011612, 1.5e-8 apart) fails.
     */
    @Test
    void mixedDtypesAndComparisonsPrintAsPyTorchs() {
        PyTorchPrintout.assertSame(PYTORCH, PyTorchPrintout.run("mixed_dtypes.py"), 1e-14);
    }

    /** The conversions read every entry exactly as both dtypes hold it: a float16 0.1 in a float64 sum, bit for bit. */
    @Test
    void aFloat16OperandEntersAFloat64ResultAsItsHeldValue() {
        final String printed = Jython.exec(String.join("\n",
                "import torch",
                "h = torch.tensor([0.1, 65519.0], dtype=torch.float16)",
                "print(repr((h + torch.zeros(2, dtype=torch.float64)).tolist()))")).trim();
        // IEEE 754 half precision: 0.1 is 1638 * 2^-14 = 0.0999755859375; 65519 rounds to 65504, float16's largest
        assertEquals("[0.0999755859375, 65504.0]", printed);
    }
}

package neuralglm.jython;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ordinary PyTorch code, as tutorials write it, run unchanged through the bridge: the scripts in
 * {@code src/test/resources/neuralglm/jython/tutorials/} (linear regression with SGD, by hand and with
 * SGD over raw tensors, binary classification with BCEWithLogitsLoss and BCELoss, multi-class with
 * CrossEntropyLoss, Adam and NLLLoss, mini-batches from a DataLoader, Poisson regression, tensor
 * operations with their gradients, module idioms, whole-number labels and predictions, module structure
 * with torch.save/load, PyTorch's own "Learning PyTorch with Examples" cubic fit, and training-loop idioms:
 * nn.ModuleList and nn.ModuleDict, gradient clipping, {@code t.add/mul/...}, print of several arguments and
 * {@code correct / total}). They run as {@code scripts/run} runs a script ({@code _pymain}: print and
 * {@code /} as in Python 3, so {@code print(a, b)} does not print a tuple nor {@code 6 / 7} give 0). Each script sets
 * its weights explicitly, so what it prints is determined; the expected text is what PyTorch 1.13 printed
 * running the same file on CPython with {@code torch.set_default_dtype(torch.float64)} (and, for the cubic
 * fit, its {@code dtype = torch.float} read as torch.double): the bridge computes in float64. Numbers must
 * agree to 1e-6 relative or to the last printed digit, whichever is looser (whole numbers exactly);
 * everything else (shapes as {@code torch.Size}, module reprs, {@code True}/{@code False}) must be
 * identical.
 *
 * <p>In PyTorch's default float32 the scripts print the same to float32 precision, except the Adam run of
 * {@code binary_classification.py} (0.088273 for 0.088339): Adam divides by the root of tiny squared
 * gradients there, which magnifies float32 rounding.
 */
class TutorialScriptsTest {

    /** Printed by PyTorch 1.13 (1.13.0a0) on CPython 3 with torch.set_default_dtype(torch.float64), from the same files. */
    private static final Map<String, String> PYTORCH = Map.ofEntries(
        Map.entry("linear_regression", """
            Epoch [25/100], Loss: 0.032358
            Epoch [50/100], Loss: 0.019574
            Epoch [75/100], Loss: 0.016086
            Epoch [100/100], Loss: 0.015134
            weight 2.007078 bias 1.016532
            Linear(in_features=1, out_features=1, bias=True)
            prediction at 4: 9.04484
            torch.Size([1, 1])
            2
            scratch: w 2.0070777474 b 1.0165321624 loss 0.0151339349
            SGD([w, b]): w 2.0070777474 b 1.0165321624 loss 0.0151339349
            """),
        Map.entry("binary_classification", """
            final loss 0.0326572619
            accuracy 1.0000
            probs 0.99999 0.98847 0.04771 1.00000 0.00000 0.89340 0.01144 0.07021
            bce loss 0.0883389970
            Sequential(
              (0): Linear(in_features=2, out_features=3, bias=True)
              (1): ReLU()
              (2): Linear(in_features=3, out_features=1, bias=True)
              (3): Sigmoid()
            )
            """),
        Map.entry("multiclass", """
            loss 0.0003611179
            accuracy 9/9
            [0, 0, 1, 1, 2, 2, 0, 1, 2]
            row sums 1.000000 1.000000 1.000000 1.000000 1.000000 1.000000 1.000000 1.000000 1.000000
            probs[0] 0.99907 0.00093 0.00001
            Net(
              (fc1): Linear(in_features=2, out_features=4, bias=True)
              (fc2): Linear(in_features=4, out_features=3, bias=True)
            )
            27
            ['fc1.weight', 'fc1.bias', 'fc2.weight', 'fc2.bias']
            False
            True
            max values 6.33492 6.37305 7.08420 5.46388 5.65491 5.12143 7.72380 6.13589 5.43199
            torch.Size([9])
            nll 0.0003565272
            True
            """),
        Map.entry("minibatches", """
            20
            torch.Size([2]) torch.Size([1])
            4
            epoch 5 loss 0.073667
            epoch 10 loss 0.039535
            epoch 15 loss 0.037169
            epoch 20 loss 0.035094
            eval mse 0.0171468187
            False
            """),
        Map.entry("poisson_regression", """
            poisson loss -1.3541907045
            w 2.1571374015 b -0.0937076897
            rate mean 3.334087 vs counts mean 3.333333
            sum -16.250290
            """),
        Map.entry("tensor_ops", """
            torch.Size([2, 3]) torch.Size([2, 3]) 3 2 6
            [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]
            [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]
            torch.Size([6])
            torch.Size([1, 3])
            torch.Size([2, 1])
            torch.Size([2])
            torch.Size([4, 3])
            [[1.0, 2.0, 3.0, 0.0, 1.0, 2.0], [4.0, 5.0, 6.0, 3.0, 4.0, 5.0]]
            [[1.0, 2.0, 3.0], [3.0, 4.0, 5.0]]
            torch.Size([3, 2])
            [2.5, 3.5, 4.5]
            [[2.0], [5.0]]
            21.0
            [6.0, 15.0]
            [[2.0, 2.0, 3.0], [4.0, 5.0, 5.0]]
            [[3.0, 3.0, 3.0], [4.0, 5.0, 6.0]]
            [[8.0, 26.0], [17.0, 62.0]]
            [[8.0, 26.0], [17.0, 62.0]]
            6.0 1.0
            1.870829
            torch.Size([2, 3]) [1.0, 1.0, 1.0] [[1.0, 0.0], [0.0, 1.0]]
            [[7.0, 7.0], [7.0, 7.0]]
            torch.Size([3, 2]) torch.Size([3, 2])
            [[0.0, 0.0, 0.0], [4.0, 5.0, 6.0]]
            [[1.0, 1.4142135623730951, 1.7320508075688772], [2.0, 2.23606797749979, 2.449489742783178]]
            [[1.0, 9.0, 25.0], [49.0, 81.0, 121.0]]
            [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]
            6.0 [4.0, 5.0, 6.0]
            5 2 2
            torch.Size([3, 4])
            ['weight', 'bias']
            torch.Size([2, 3])
            True
            True
            8
            weight (2, 3)
            bias (2,)
            3.5
            [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]
            2
            9.539392
            1.0
            [0.5]
            loss 22.9395519981
            grad 3.4149151780 -0.2467037119 8.0765340679 8.2080358661 3.9158843395 -0.6249309775
            1 1 0
            """),
        Map.entry("module_idioms", """
            Linear(in_features=3, out_features=2, bias=False)
            True
            1
            [[6.0, 1.5], [4.5, 0.75]]
            [[1.0, 1.0], [0.5, -1.0]]
            3 2
            Sequential(
              (0): Linear(in_features=3, out_features=4, bias=True)
              (1): ReLU()
              (2): Dropout(p=0.5, inplace=False)
              (3): Linear(in_features=4, out_features=1, bias=True)
            )
            [[1.1500000000000001], [0.7000000000000001]]
            False
            -0.1500000000
            [4.5, -1.5, 8.5]
            4.5
            c
            2
            8.5000
            """),
        Map.entry("whole_numbers", """
            tensor([0, 2, 1, 1])
            torch.int64
            tensor([2, 0, 1, 1])
            tensor([False, False,  True,  True])
            tensor(2)
            2
            [2, 0, 1, 1]
            [2, 0, 1, 1]
            tensor([0, 1, 2, 3, 4])
            tensor([0.0000, 0.2500, 0.5000, 0.7500])
            tensor([1, 3, 2, 2])
            tensor([0.0000, 1.0000, 0.5000, 0.5000])
            [0.0, 2.0, 1.0, 1.0]
            tensor([0.0000, 1.0000, 0.5000, 0.5000])
            tensor([[1, 0, 0],
                    [0, 0, 1],
                    [0, 1, 0],
                    [0, 1, 0]])
            tensor([ True, False])
            tensor([1.0000, 2.5000])
            True
            2
            5
            0.25
            tensor([0, 0])
            tensor(2)
            torch.int64
            tensor([[0, 2],
                    [1, 1]])
            """),
        Map.entry("module_structure", """
            Net(
              (hidden): Linear(in_features=2, out_features=3, bias=True)
              (act): ReLU()
              (body): Sequential(
                (0): Linear(in_features=3, out_features=3, bias=True)
                (1): Tanh()
              )
              (out): Linear(in_features=3, out_features=1, bias=True)
            )
            ['scale', 'hidden.weight', 'hidden.bias', 'body.0.weight', 'body.0.bias', 'out.weight', 'out.bias']
            ['scale', 'hidden.weight', 'hidden.bias', 'body.0.weight', 'body.0.bias', 'out.weight', 'out.bias']
            torch.Size([1])
            ['hidden', 'act', 'body', 'out']
            7
            True
            [[0.026249625014999396], [0.6758713685519879]]
            True
            7
            tensor([0, 2, 1])
            False
            """),
        Map.entry("training_idioms", """
            MLP(
              (layers): ModuleList(
                (0): Linear(in_features=2, out_features=3, bias=True)
                (1): Linear(in_features=3, out_features=2, bias=True)
              )
              (heads): ModuleDict(
                (score): Linear(in_features=2, out_features=1, bias=True)
              )
              (act): Tanh()
            )
            20 2 1 True
            ['layers.0.weight', 'layers.0.bias', 'layers.1.weight', 'layers.1.bias', 'heads.score.weight', 'heads.score.bias']
            20
            epoch 10 loss 0.67381825 grad norm 0.04065493
            epoch 20 loss 0.52756666 grad norm 0.13865771
            epoch 30 loss 0.39930686 grad norm 0.05395539
            accuracy 85.71428571428571 3 3.5
            0.6666666666666666
            [-0.002826, -0.000253, -0.000564, 0.01, 0.00445, -0.003056]
            0.01 0.0009999
            [[11.0, 22.0], [13.0, 24.0]] [[21.0, 42.0], [23.0, 44.0]] [[0.0, 1.0], [2.0, 3.0]] [[10.0, 40.0], [30.0, 80.0]] [[0.5, 1.0], [1.5, 2.0]]
            [[2.0, 3.0], [4.0, 5.0]] [[0.0, 0.0], [0.0, 0.0]] [[3.0, 6.0], [9.0, 12.0]] [[0.1, 0.1], [0.3, 0.2]] 4
            [4, 5] [2, 4] [0.5, 1.0]
            3 Tanh()
            """),
        Map.entry("polynomial_fit", """
            99 790.201289
            599 107.673765
            1099 21.327590
            1599 10.401014
            Result: y = 0.001475 + 0.839866 x + -0.000255 x^2 + -0.090930 x^3
            99 325.253856
            599 49.240360
            1099 14.001804
            1599 9.485791
            Result: y = 0.003586 + 0.846133 x + -0.000619 x^2 + -0.091821 x^3
            """));

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?(e[-+]?\\d+)?");

    @ParameterizedTest
    @ValueSource(strings = {"linear_regression", "binary_classification", "multiclass", "minibatches",
        "poisson_regression", "tensor_ops", "module_idioms", "whole_numbers", "module_structure", "polynomial_fit",
        "training_idioms"})
    void printsWhatPyTorchPrints(String name) {
        final String printed = Jython.exec("import _pymain\n_pymain.run_path('src/test/resources/neuralglm/jython/tutorials/"
                + name + ".py', {'__name__': '__main__'})");
        final String[] want = PYTORCH.get(name).strip().split("\n"), got = printed.strip().split("\n");
        assertEquals(want.length, got.length, name + " printed\n" + printed);
        for (int i = 0; i < want.length; i++) {
            assertLineMatches(want[i], got[i], name + " line " + (i + 1));
        }
    }

    /** The same text around the numbers, and each number within 1e-6 relative or the last printed digit. */
    static void assertLineMatches(String want, String got, String where) {
        final List<String> wantNumbers = new ArrayList<>(), gotNumbers = new ArrayList<>();
        final String wantText = split(want, wantNumbers), gotText = split(got, gotNumbers);
        assertEquals(wantText, gotText, where + ": '" + got + "' for PyTorch's '" + want + "'");
        assertEquals(wantNumbers.size(), gotNumbers.size(), where);
        for (int k = 0; k < wantNumbers.size(); k++) {
            final String w = wantNumbers.get(k);
            final double expected = Double.parseDouble(w), actual = Double.parseDouble(gotNumbers.get(k));
            final int dot = w.indexOf('.'), e = w.indexOf('e');
            final int decimals = dot < 0 ? 0 : (e < 0 ? w.length() : e) - dot - 1;
            final double lastDigit = e < 0 && decimals > 0 ? Math.pow(10, -decimals) : 0.0;
            final double tolerance = Math.max(1e-6 * Math.abs(expected), lastDigit);
            assertTrue(Math.abs(actual - expected) <= tolerance, where + ": " + actual + " for PyTorch's " + w
                    + " (tolerance " + tolerance + ") in '" + got + "'");
        }
    }

    private static String split(String line, List<String> numbers) {
        final Matcher m = NUMBER.matcher(line);
        final StringBuilder sb = new StringBuilder();
        while (m.find()) {
            numbers.add(m.group());
            m.appendReplacement(sb, "#");
        }
        m.appendTail(sb);
        return sb.toString();
    }
}

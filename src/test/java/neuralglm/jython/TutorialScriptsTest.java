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
 * {@code correct / total}, and losses for imbalanced classes: pos_weight, class weights, ignore_index,
 * label_smoothing, and fine-tuning: a frozen layer under an optimiser of all parameters, layers by name and by
 * slice, copy.deepcopy of a model and of its state_dict, buffers with load_state_dict(strict=False), and masks
 * combined with {@code & | ~}, isnan, split and chunk). They run as {@code scripts/run} runs a script ({@code _pymain}: print and
 * {@code /} as in Python 3, so {@code print(a, b)} does not print a tuple nor {@code 6 / 7} give 0, and
 * {@code super().__init__()}). Each script sets
 * its weights explicitly, so what it prints is determined; the expected text is what PyTorch 1.13 printed
 * running the same file on CPython with {@code torch.set_default_dtype(torch.float64)} (and, for the cubic
 * fit, its {@code dtype = torch.float} read as torch.double): the bridge computes in float64, and runs them with the
 * same default dtype (so that a printed {@code X.dtype} is PyTorch's). Numbers must
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
        Map.entry("weighted_losses", """
            pos_weight [0.59030249] [-0.15958406, 0.0289344, -0.02844682, -0.03125, 0.05016404, -0.01937659, 0.09378251, 0.01490037]
            pos_weight sum [4.72241992] [-1.27667245, 0.23147522, -0.22757454, -0.25, 0.40131234, -0.15501276, 0.75026011, 0.11920292]
            pos_weight none [1.66306573, 0.26328247, 0.2366692, 0.34657359, 0.51301525, 0.18555033, 1.38733533, 0.12692801] [-1.27667245, 0.23147522, -0.22757454, -0.25, 0.40131234, -0.15501276, 0.75026011, 0.11920292]
            weight [0.5397541] [-0.05319469, 0.0289344, -0.01896455, -0.125, 0.02508202, -0.01937659, 0.09378251, 0.01490037]
            both [0.61954749] [-0.15958406, 0.0289344, -0.05689364, -0.0625, 0.02508202, -0.0096883, 0.09378251, 0.01490037]
            bce weight [0.81520618] [-0.10638937, 0.0289344, -0.01896455, -0.0625, 0.10032808, -0.03875319, 0.18756503, 0.01490037]
            bce weight none [0.55435524, 0.26328247, 0.15777947, 1.38629436, 0.25650763, 0.18555033, 1.38733533, 0.12692801] [-0.42555748, 0.23147522, -0.15171636, -1.0, 0.20065617, -0.15501276, 0.75026011, 0.11920292]
            ce weight [0.5337203] [-0.03573383, 0.02921507, 0.00651876, 0.0250508, 0.02768542, -0.05273622, 0.00554817, -0.03041336, 0.02486519, 0.11111111, -0.22222222, 0.11111111, 0.00977587, 0.00132302, -0.01109889]
            ce weight positional [3.20232177] [-0.21440297, 0.17529039, 0.03911257, 0.1503048, 0.1661125, -0.3164173, 0.03328904, -0.18248015, 0.14919111, 0.66666667, -1.33333333, 0.66666667, 0.05865521, 0.00793812, -0.06659333]
            ce weight none [0.2413113, 0.50097142, 0.19134866, 2.19722458, 0.07146581] [-0.21440297, 0.17529039, 0.03911257, 0.1503048, 0.1661125, -0.3164173, 0.03328904, -0.18248015, 0.14919111, 0.66666667, -1.33333333, 0.66666667, 0.05865521, 0.00793812, -0.06659333]
            ce ignore [0.46206192] [-0.07146766, 0.05843013, 0.01303752, 0.1002032, 0.11074166, -0.21094487, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.03910348, 0.00529208, -0.04439556]
            ce ignore none [0.2413113, 0.0, 0.09567433, 1.09861229, 0.0] [-0.21440297, 0.17529039, 0.03911257, 0.0, 0.0, 0.0, 0.01664452, -0.09124008, 0.07459556, 0.33333333, -0.66666667, 0.33333333, 0.0, 0.0, 0.0]
            ce smoothing [0.63142781] [-0.02954726, 0.02839141, 0.00115585, 0.05345525, 0.05977833, -0.11323359, -0.00333776, -0.00491468, 0.00825244, 0.06, -0.12, 0.06, 0.01679542, -0.00349142, -0.013304]
            ce all [0.79158919] [0.0, 0.0, 0.0, 0.02474388, 0.01541517, -0.04015905, -0.00723034, -0.01345469, 0.02068504, 0.10888889, -0.22444444, 0.11555556, 0.00152599, -0.02465568, 0.02312969]
            ce all sum [3.95794597] [0.0, 0.0, 0.0, 0.12371942, 0.07707583, -0.20079525, -0.03615172, -0.06727347, 0.10342519, 0.54444444, -1.12222222, 0.57777778, 0.00762994, -0.12327838, 0.11564844]
            ce probs weight [0.87046119] [0.04068732, -0.03968321, -0.00100411, 0.0751524, -0.11694375, 0.04179135, -0.01417442, -0.00193403, 0.01610844, 0.01333333, -0.04666667, 0.03333333, 0.01173104, 0.00158762, -0.01331867]
            ce probs smoothing [1.1113113, 1.06694285, 1.20067433, 1.09861229, 0.74293163] [0.19559703, -0.06470961, -0.13088743, 0.20060961, -0.11777501, -0.0828346, -0.15335548, 0.24875992, -0.09540444, 0.02333333, 0.02333333, -0.04666667, 0.01731043, -0.08412376, 0.06681333]
            nll weight [0.5337203] [-0.03573383, 0.02921507, 0.00651876, 0.0250508, 0.02768542, -0.05273622, 0.00554817, -0.03041336, 0.02486519, 0.11111111, -0.22222222, 0.11111111, 0.00977587, 0.00132302, -0.01109889]
            nll weight ignore [0.40687427] [-0.10720148, 0.0876452, 0.01955629, 0.0751524, 0.08305625, -0.15820865, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.02932761, 0.00396906, -0.03329667]
            nll ignore none [0.2413113, 0.0, 0.09567433, 1.09861229, 0.0] [-0.21440297, 0.17529039, 0.03911257, 0.0, 0.0, 0.0, 0.01664452, -0.09124008, 0.07459556, 0.33333333, -0.66666667, 0.33333333, 0.0, 0.0, 0.0]
            kl 0.0985643122 0.0985643122
            weighted classifier loss 0.50794838 [0, 0, 0, 2, 0, 1, 2, 2]
            """),
        Map.entry("fine_tuning", """
            Sequential(
              (fc1): Linear(in_features=2, out_features=3, bias=True)
              (act1): ReLU(inplace=True)
              (fc2): Linear(in_features=3, out_features=2, bias=True)
              (act2): LeakyReLU(negative_slope=0.2)
              (out): Linear(in_features=2, out_features=1, bias=True)
            )
            Sequential(
              (fc1): Linear(in_features=2, out_features=3, bias=True)
              (act1): ReLU(inplace=True)
            )
            2.02 torch.float64
            ['fc2.weight', 'fc2.bias', 'out.weight', 'out.bias']
            sgd loss 0.2578118692 fc1 unchanged [0.1, -0.2] 0.01 fc2 0.1803956540 out 0.3660606371
            adam loss 0.2067060661 fc1 unchanged [0.1, -0.2] 0.01 fc2 -0.8018543871 out 0.4124471286
            fc1 trains again 0.0905077849 0.0100000000
            27.7523077220 [[-1.0, 6.0], [-10.0, 1.0]] torch.Size([3, 3]) torch.Size([2, 1])
            [4.21922364, 1.43819523, 4.60434357, 3.38257903, 6.66568557, 1.36803779] [3.0, 3.0, 3.0]
            """),
        Map.entry("model_copies", """
            Net(
              (body): Sequential(
                (0): Linear(in_features=2, out_features=3, bias=True)
                (1): ReLU()
                (2): Dropout(p=0.0, inplace=False)
                (3): Linear(in_features=3, out_features=1, bias=True)
              )
              (heads): ModuleList(
                (0): Linear(in_features=1, out_features=1, bias=True)
                (1): Linear(in_features=1, out_features=1, bias=True)
              )
            )
            ['scale', 'body.0.weight', 'body.0.bias', 'body.3.weight', 'body.3.bias', 'heads.0.weight', 'heads.0.bias', 'heads.1.weight', 'heads.1.bias'] [2, 3, 1] False False
            [True, True, True, True, True, True, True, False, True] False
            tensor([2.])
            trained 0.1711819228 copy 0.8243078719
            copy trained 0.6397600342 True
            restored 0.8243078719
            tensor([1., 2.], requires_grad=True) True False
            """),
        Map.entry("buffers", """
            tensor([[ 0.4000],
                    [-1.9000]])
            ['steps', 'norm.mean', 'norm.std', 'fc.weight', 'fc.bias']
            ['steps', 'norm.mean', 'norm.std', 'norm.scratch'] ['fc.weight', 'fc.bias']
            ['', 'norm', 'fc']
            3 4
            <All keys matched successfully>
            [[0.4], [-1.9]] 2
            _IncompatibleKeys(missing_keys=['steps', 'norm.mean', 'norm.std', 'fc.bias'], unexpected_keys=[])
            [[1.0, 1.0]] [0.1]
            <All keys matched successfully>
            _IncompatibleKeys(missing_keys=['bias'], unexpected_keys=['extra'])
            [[5.5]]
            [1.0, 2.0] 2 -0.1200000000
            2 ['steps', 'norm.mean', 'norm.std', 'fc.weight', 'fc.bias']
            """),
        Map.entry("masks", """
            tensor([False,  True,  True,  True, False]) tensor([1.5000, 2.5000, 3.5000])
            tensor([ True, False, False, False,  True]) tensor([ True, False, False, False, False]) tensor([False,  True,  True, False, False])
            tensor([False,  True,  True,  True, False]) tensor([ True, False, False, False, False]) tensor([ True, False, False,  True,  True])
            7.5 4
            tensor([ True, False]) tensor([ True, False, False])
            tensor([False,  True, False, False, False]) tensor([ True, False, False, False,  True]) tensor([False, False,  True,  True, False]) True
            tensor([1., inf, -inf, 2.]) 1.5 tensor(4)
            (tensor([[0., 1., 2., 3.],
                    [4., 5., 6., 7.]]), tensor([[ 8.,  9., 10., 11.]])) (tensor([[ 0.,  1.,  2.],
                    [ 4.,  5.,  6.],
                    [ 8.,  9., 10.]]), tensor([[ 3.],
                    [ 7.],
                    [11.]]))
            (tensor([[0., 1., 2., 3.],
                    [4., 5., 6., 7.]]), tensor([[ 8.,  9., 10., 11.]])) (tensor([[0., 1.],
                    [4., 5.],
                    [8., 9.]]), tensor([[ 2.,  3.],
                    [ 6.,  7.],
                    [10., 11.]])) (tensor([[0., 1., 2., 3.],
                    [4., 5., 6., 7.]]), tensor([[ 8.,  9., 10., 11.]]))
            (tensor([[0., 1., 2., 3.]]), tensor([[ 4.,  5.,  6.,  7.],
                    [ 8.,  9., 10., 11.]]))
            torch.Size([2, 4]) torch.Size([1, 4])
            masked loss 0.3525000000 [0.1, -0.050000000000000044, 0.0, 0.3, 0.5]
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
        "training_idioms", "weighted_losses", "fine_tuning", "model_copies", "buffers", "masks"})
    void printsWhatPyTorchPrints(String name) {
        // at the default dtype of the expected text (float64): what prints a dtype prints the same; the cubic fit, whose
        // dtype = torch.float was read as torch.double there, stays at float32, the dtype of all its tensors
        final String dtype = name.equals("polynomial_fit") ? "" : "torch.set_default_dtype(torch.float64)\n";
        final String printed = Jython.exec("import _pymain, torch\n" + dtype
                + "_pymain.run_path('src/test/resources/neuralglm/jython/tutorials/" + name + ".py', {'__name__': '__main__'})");
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

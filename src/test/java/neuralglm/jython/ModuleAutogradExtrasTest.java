package neuralglm.jython;

import org.junit.jupiter.api.Test;

/**
 * What a third round of PyTorch scripts found missing or different, against PyTorch 1.13's printout of
 * {@code src/test/resources/neuralglm/jython/module_autograd_extras.py}: {@code register_parameter},
 * {@code add_module}, {@code nn.ParameterList}/{@code ParameterDict} (and how they print), {@code get_parameter},
 * {@code parameters_to_vector}/{@code vector_to_parameters}, {@code Sequential.append}, {@code clamp} with tensor
 * bounds, {@code copy_} broadcasting; {@code Tensor.register_hook} (replacing, observing, removing, on a computed
 * tensor); {@code gradcheck} (passing, and failing on a wrong backward), {@code autograd.functional.jacobian},
 * {@code torch.autograd.grad} and {@code autograd.backward}; the numpy shim's 2-d boolean masks (they read and wrote
 * every entry); {@code t.to(other)} (other's dtype was ignored) and {@code t.type(torch.LongTensor)};
 * {@code nn.Identity()(x) is x}; the optimiser's state_dict keeping the scheduler's {@code initial_lr}; printing: -0.
 * in whole-number mode, 2-d rows wrapped at PyTorch's width, {@code torch.return_types.sort/topk}, a slice of
 * {@code torch.Size}. The same
 * text, every number within 1e-12 of max(1, |PyTorch's|).
 */
class ModuleAutogradExtrasTest {

    /** Printed by {@code /usr/bin/python3 src/test/resources/neuralglm/jython/module_autograd_extras.py} (PyTorch 1.13.0a0). */
    private static final String PYTORCH = """
            == b
            ['w', 'lin.weight', 'lin.bias', 'ps.0', 'ps.1', 'pd.a']
            M(
              (lin): Linear(in_features=2, out_features=1, bias=True)
              (ps): ParameterList(
                  (0): Parameter containing: [torch.float32 of size 3]
                  (1): Parameter containing: [torch.float32 of size 2x2]
              )
              (pd): ParameterDict(  (a): Parameter containing: [torch.FloatTensor of size 1])
            )
            2 torch.Size([1]) Linear(in_features=2, out_features=1, bias=True)
            torch.Size([13])
            Parameter containing:
            tensor([0., 1.], requires_grad=True) Parameter containing:
            tensor([[ 8.,  9.],
                    [10., 11.]], requires_grad=True)
            Sequential(
              (0): Linear(in_features=2, out_features=3, bias=True)
              (1): ReLU()
              (2): Linear(in_features=3, out_features=1, bias=True)
            ) 3 torch.Size([4, 1])
            tensor([3., 2., 2.]) tensor([2.5000, 0.0000, 2.0000])
            tensor([[9., 8., 7.],
                    [9., 8., 7.]])
            TypeError cannot assign 'torch.FloatTensor' object to parameter 'x' (torch.nn.Parameter or None required)
            torch.FloatTensor int
            == hk
            tensor([ 1.5000,  1.0000, -1.5000]) [tensor([ 1.5000,  1.0000, -1.5000])]
            tensor([ 4.,  1., -3.]) 2
            tensor([ 80., 160.])
            RuntimeError cannot register a hook on a tensor that doesn't require gradient
            == ag
            True
            True True True
            tensor([[ 4.1218,  1.6487,  1.6487],
                    [ 0.3679,  0.9197,  0.3679],
                    [ 7.3891,  7.3891, 18.4726]], dtype=torch.float64)
            (tensor([1., 1., 1.], dtype=torch.float64), tensor([ 0.5000, -1.0000,  2.0000], dtype=torch.float64))
            tensor([ 3., -6., 12.], dtype=torch.float64) None
            (tensor([[ 0.5000, -1.0000,  2.0000],
                    [ 0.5000, -1.0000,  2.0000]], dtype=torch.float64), tensor([1.5000, 1.5000, 4.0000], dtype=torch.float64))
            tensor([3., 3., 3.], dtype=torch.float64)
            (tensor([ 3., -6., 12.], dtype=torch.float64),)
            False
            GradcheckError Jacobian mismatch for output 0 with respect to input 0,
            == m
            [3.0, 4.0, 5.0, 6.0]
            [[1.0, 2.0, -1.0], [-1.0, -1.0, -1.0]]
            [5 7] [1 2]
            [1 0 2 0]
            [[3. 4.]
             [5. 6.]]
            == ty
            tensor([ 1, -2]) torch.int64 torch.float64
            tensor([3]) tensor([3.]) torch.FloatTensor torch.float64 torch.float64
            == id
            True tensor([1., 2.], requires_grad=True) Identity()
            Sequential(
              (0): Linear(in_features=2, out_features=2, bias=True)
              (1): Identity()
              (2): ReLU()
            ) torch.Size([1, 2])
            True True
            == sd
            [('dampening', 0), ('differentiable', False), ('foreach', None), ('initial_lr', 0.1), ('lr', 0.1), ('maximize', False), ('momentum', 0), ('nesterov', False), ('params', [0, 1]), ('weight_decay', 0)]
            [('dampening', 0), ('differentiable', False), ('foreach', None), ('initial_lr', 0.1), ('lr', 0.1), ('maximize', False), ('momentum', 0), ('nesterov', False), ('weight_decay', 0)]
            == printing
            tensor([-0., 1.]) tensor([-0.0000, 1.5000])
            torch.Size([3]) torch.Size([2, 3, 4]) (4, 2, 3) Size
            torch.return_types.sort(
            values=tensor([1., 2., 3.]),
            indices=tensor([1, 2, 0]))
            torch.return_types.topk(
            values=tensor([3., 2.]),
            indices=tensor([0, 2]))
            tensor([3., 2., 1.]) tensor([0, 2, 1]) tensor([1, 2, 0])
            tensor([[ 0.5000,  1.5000,  2.5000,  3.5000,  4.5000,  5.5000,  6.5000,  7.5000],
                    [ 8.5000,  9.5000, 10.5000, 11.5000, 12.5000, 13.5000, 14.5000, 15.5000]])
            tensor([ 0.5000,  1.5000,  2.5000,  3.5000,  4.5000,  5.5000,  6.5000,  7.5000,
                     8.5000,  9.5000, 10.5000, 11.5000, 12.5000, 13.5000, 14.5000, 15.5000,
                    16.5000, 17.5000, 18.5000, 19.5000, 20.5000, 21.5000, 22.5000, 23.5000,
                    24.5000, 25.5000, 26.5000, 27.5000, 28.5000, 29.5000, 30.5000, 31.5000,
                    32.5000, 33.5000, 34.5000, 35.5000, 36.5000, 37.5000, 38.5000, 39.5000])
            tensor([[    0.0000,  1000.5000,  2001.0000,  3001.5000,  4002.0000,  5002.5000,
                      6003.0000,  7003.5000,  8004.0000,  9004.5000],
                    [10005.0000, 11005.5000, 12006.0000, 13006.5000, 14007.0000, 15007.5000,
                     16008.0000, 17008.5000, 18009.0000, 19009.5000],
                    [20010.0000, 21010.5000, 22011.0000, 23011.5000, 24012.0000, 25012.5000,
                     26013.0000, 27013.5000, 28014.0000, 29014.5000],
                    [30015.0000, 31015.5000, 32016.0000, 33016.5000, 34017.0000, 35017.5000,
                     36018.0000, 37018.5000, 38019.0000, 39019.5000]])
            tensor([0.0000e+00, 1.0000e-05, 2.0000e-05, 3.0000e-05, 4.0000e-05, 5.0000e-05,
                    6.0000e-05, 7.0000e-05, 8.0000e-05, 9.0000e-05, 1.0000e-04, 1.1000e-04,
                    1.2000e-04, 1.3000e-04, 1.4000e-04, 1.5000e-04, 1.6000e-04, 1.7000e-04,
                    1.8000e-04, 1.9000e-04, 2.0000e-04, 2.1000e-04, 2.2000e-04, 2.3000e-04,
                    2.4000e-04, 2.5000e-04, 2.6000e-04, 2.7000e-04, 2.8000e-04, 2.9000e-04])
            == two outputs
            tensor([ 0.4794,  0.8415, -0.9093], dtype=torch.float64) tensor([ 0.8776,  0.5403, -0.4161], dtype=torch.float64)
            tensor([ 0.9137,  0.1713, -1.5891], dtype=torch.float64)
            tensor([ 0.8776,  0.5403, -0.4161], dtype=torch.float64)
            tensor(1., dtype=torch.float64) tensor(1) tensor([0., 3., 0.], dtype=torch.float64)
            == generators
            True False
            True 42 0
            True True
            True
            True
            True True
            True True
            == format
            tensor([1.5000])                  2.0 3
            TypeError unsupported format string passed to Tensor.__format__
            TypeError unsupported format string passed to Tensor.__format__
            == whole-number dtypes
            torch.int32 torch.int64 torch.int32 torch.int32 torch.bool torch.int64 torch.int32 torch.int64 torch.int32 torch.int32
            torch.int32 torch.int32 torch.int64 torch.int64 torch.int32 torch.int32 torch.int32 torch.int32
            tensor([1, 1], dtype=torch.int32) tensor([2, 4], dtype=torch.int32) 1 torch.int64
            == pow 0.5
            [nan, 1.4142135623730951, 0.0, nan, 1.7320508075688772]
            [nan, 0.35355339059327373, inf, nan, 0.2886751345948129]
            [nan, 0.7071067811865475, inf, 0.5, 0.5773502691896258]
            [-0.0, -0.1767766952966369, -inf, -0.0625, -0.09622504486493763]
            [1.4142135623730951, 1.7320508075688772, 2.6457513110645907]
            == negative scheduled lr
            -0.007142428571428577 [0.38975168808935534, 0.38975168808935534]
            -0.007142428571428577 [0.2102622772683344, 0.2102622772683344]
            == linspace
            -1 1 7 2.220446049250313e-16 5.551115123125783e-17 1.0 4
            -1 1 101 -2.6645352591003757e-15 2.0816681711721685e-17 1.0 51
            -2 2 41 0.0 -1.1102230246251565e-16 2.0 20
            -3 3 61 4.440892098500626e-16 1.6653345369377348e-16 3.0 31
            -1 1 201 -2.4424906541753444e-15 -2.0816681711721685e-17 1.0 100
            0 1 5 2.5 0.5 1.0 4
            0 10 11 55.0 5.0 10.0 10
            0.1 0.9 9 4.5 0.5 0.9 9
            -5 7 1000 999.9999999999998 1.006006006006006 7.0 583
            3 3 4 12.0 3.0 3.0 4
            1 -1 6 0.0 -0.19999999999999996 -1.0 3
            0 1 2 1.0 1.0 1.0 1
            2.5 2.5 1 2.5 2.5 2.5 1
            2.46 6.0 240 1015.2 4.237405857740586 6.0 240
            5.5 3.0 59 250.75 4.25 3.0 59
            -2.6 -2.0 295 -678.5000000000001 -2.3000000000000003 -2.0 0
            -5.0 -1.8 201 -683.4 -3.4 -1.8 0
            -7.0 -7.225 66 -469.42499999999995 -7.114230769230769 -7.225 0
            -7.0 -5.8 86 -550.4000000000001 -6.392941176470589 -5.8 0
            7.45 -3.7 278 521.2500000000001 1.854873646209386 -3.7 186
            7.5 -6.4 198 108.89999999999989 0.5147208121827413 -6.4 107
            -4.02 -1.7 137 -391.8199999999999 -2.86 -1.7 0
            -8.7 6.0 175 -236.24999999999994 -1.3499999999999992 6.0 72
            -8.68 6.37 163 -188.26499999999984 -1.1549999999999994 6.37 69
            -6.305 4.0 133 -153.28249999999963 -1.1524999999999999 4.0 52
            10.0 8.98 208 1973.9200000000012 9.487536231884059 8.98 208
            -9.639 -3.0 233 -1472.4434999999999 -6.3195 -3.0 0
            -9.1 2.5 62 -204.59999999999997 -3.204918032786885 2.5 14
            5.115 -3.11 270 270.67500000000007 0.9872118959107812 -3.11 168
            -4.982 -7.84 153 -980.883 -6.4110000000000005 -7.84 0
            -9.0 -5.83 77 -570.9549999999999 -7.415 -5.83 0
            -3.0 -3.75 158 -533.2499999999999 -3.377388535031847 -3.75 0
            -6.0 2.54 249 -430.77 -1.7299999999999995 2.54 74
            -7.0 -8.381 18 -138.429 -7.731117647058824 -8.381 0
            -5.25 6.526 217 138.44600000000005 0.6380000000000002 6.526 120
            -7.0 6.03 108 -52.37999999999998 -0.42411214953270937 6.03 50
            -7.4 2.608 56 -134.17600000000002 -2.3050181818181823 2.608 15
            -6.62 -7.015 152 -1036.26 -6.8188079470198675 -7.015 0
            -7.2 9.52 251 291.15999999999974 1.1599999999999993 9.52 143
            3.78 -0.42 242 406.55999999999995 1.6712863070539417 -0.42 217
            -1.9 -7.7 257 -1233.6000000000001 -4.8 -7.7 0
            7.4 -8.22 265 -108.65000000000009 -0.4099999999999998 -8.22 126
            5.64 -8.74 19 -29.45000000000001 -1.5500000000000003 -8.74 8
            5.19 1.19 250 797.4999999999998 3.181967871485944 1.19 250
            -4.7 9.14 93 206.46000000000004 2.2199999999999993 9.14 61
            2.0 -0.51 168 125.16000000000003 0.7374850299401197 -0.51 134
            3.433 -4.22 180 -70.83000000000028 -0.4148770949720669 -4.22 81
            -4.52 4.757 181 21.44850000000001 0.1185 4.757 93
            8.4 7.398 188 1485.012 7.896320855614974 7.398 188
            9.1 0.6 103 499.55000000000035 4.85 0.6 103
            6.732 -4.0 215 293.6899999999998 1.366 -4.0 135
            -6.563 -3.95 16 -84.104 -5.1693999999999996 -3.95 0
            -6.088 2.5 114 -204.51600000000002 -1.7559999999999993 2.5 33
            [-5.0, -4.995919918398368, 0.9998799975999519, 1.000120002400048, 2.4403888077761557, 7.0]
            """;

    /** Printed by {@code /usr/bin/python3 src/test/resources/neuralglm/jython/forward_hooks.py} (PyTorch 1.13.0a0). */
    private static final String HOOKS = """
            [[-0.11499999999999999], [0.14500000000000002]] [[0.0, 1.25, 0.05000000000000002], [0.0, 0.05000000000000002, 0.75]]
            [[0.0, 0.0], [0.0, -0.25], [0.0, 0.5]]
            0
            [[-0.22999999999999998], [0.29000000000000004]]
            [[0.06], [0.06]]
            [('tuple', 1, (2, 1)), ('net', 'Net')]
            """;

    /**
     * Module forward hooks and pre-hooks: a feature extractor on a layer inside a Sequential (the chain then runs
     * module by module; the gradient is unchanged), removal, a hook replacing the output, a pre-hook replacing the
     * input, hooks on a module subclass and on its layer (input as a tuple).
     */
    @Test
    void forwardHooksAsPyTorch() {
        PyTorchPrintout.assertSame(HOOKS, PyTorchPrintout.run("forward_hooks.py"), 1e-12);
    }

    @Test
    void printsAsPyTorch() {
        PyTorchPrintout.assertSame(PYTORCH, PyTorchPrintout.run("module_autograd_extras.py"), 1e-12);
    }
}

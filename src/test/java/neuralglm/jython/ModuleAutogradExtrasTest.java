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

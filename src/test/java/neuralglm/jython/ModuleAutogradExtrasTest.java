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
 * {@code nn.Identity()(x) is x}; the optimiser's state_dict keeping the scheduler's {@code initial_lr}. The same
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
            """;

    @Test
    void printsAsPyTorch() {
        PyTorchPrintout.assertSame(PYTORCH, PyTorchPrintout.run("module_autograd_extras.py"), 1e-12);
    }
}

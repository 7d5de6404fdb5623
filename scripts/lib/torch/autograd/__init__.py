"""torch.autograd: Function (PyTorch's ctx style and this bridge's instance style) and Variable.

PyTorch's style, as in every tutorial:

    class Square(Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x * x
        @staticmethod
        def backward(ctx, grad_output):
            x, = ctx.saved_tensors
            return 2 * x * grad_output
    y = Square.apply(x)

forward runs outside the record (as under torch.no_grad()) and the call is recorded as one
operation whose backward is yours: it returns one gradient per argument of forward (None for a
non-tensor or one needing none). ctx.saved_variables (the older name) gives the same tuple as
ctx.saved_tensors. The bridge's own instance style, forward(self, x) and backward(self,
grad_output) on an instance called as f(x) or f.apply(x), still works and makes a layer that can sit
in nn.Sequential (neuralglm.jython.Function).

Variable(t, requires_grad=False) is what PyTorch's Variable is today: it returns a tensor (a new
leaf sharing t's values), and isinstance(x, Variable) is isinstance(x, torch.Tensor).
"""
from __future__ import absolute_import

from neuralglm.jython import Function as _JavaFunction, Tensor, Torch as _T

import _shim


class _Context(object):
    """The ctx of a ctx-style Function: what forward keeps for backward."""

    def __init__(self, needs_input_grad):
        self.needs_input_grad = needs_input_grad
        self._saved = ()

    def save_for_backward(self, *tensors):
        self._saved = tuple(tensors)

    @property
    def saved_tensors(self):
        return self._saved

    @property
    def saved_variables(self):
        return self._saved

    def mark_non_differentiable(self, *tensors):
        pass

    def mark_dirty(self, *tensors):
        pass

    def set_materialize_grads(self, value):
        pass


def _per_tensor(name, grads, args, tensors):
    """backward's gradients (one per argument of forward, None for a non-tensor) for the tensor arguments."""
    if not isinstance(grads, tuple):
        grads = (grads,)
    if len(grads) < len(args) or any(g is not None for g in grads[len(args):]):
        raise ValueError("%s.backward returned %d gradients, expected %d (one per argument of forward)"
                         % (name, len(grads), len(args)))
    return [grads[k] for k in tensors]


def _apply(cls, args):
    name = cls.__name__
    tensors = [k for k, a in enumerate(args) if isinstance(a, Tensor)]
    ctx = _Context(tuple(isinstance(a, Tensor) and a.requires_grad for a in args))
    previous = _T.set_grad_enabled(False)
    try:
        out = cls.forward(ctx, *args)
    finally:
        _T.set_grad_enabled(previous)
    if isinstance(out, tuple):
        return _apply_several(cls, ctx, args, tensors, out)
    if not isinstance(out, Tensor):
        out = _T.tensor(out)

    def backward(grad_output):
        previous = _T.set_grad_enabled(False)
        try:
            grads = cls.backward(ctx, grad_output)
        finally:
            _T.set_grad_enabled(previous)
        return _per_tensor(name, grads, args, tensors)

    return _JavaFunction.record(name + "Backward", [args[k] for k in tensors], out, backward)


def _apply_several(cls, ctx, args, tensors, outs):
    """A Function whose forward returns several outputs: the float ones are recorded as one flat tensor (their entries
    end to end) and handed out as its pieces, so that backward(ctx, *grads) receives one gradient per output (zeros for
    an output the loss did not use, as PyTorch's materialised gradients); whole-number outputs (indices) are returned
    as they are, with a zero gradient."""
    import torch
    name = cls.__name__
    outs = [o if isinstance(o, Tensor) else _T.tensor(o) for o in outs]
    floats = [k for k, o in enumerate(outs) if o.dtype.is_floating_point]
    if not floats:
        return tuple(outs)
    dtype = outs[floats[0]].dtype
    shapes = [tuple(o.shape) for o in outs]
    sizes = [o.numel() for o in outs]
    flat = torch.cat([outs[k].reshape(-1).to(dtype) for k in floats]) if floats else None

    def backward(grad_output):
        previous = _T.set_grad_enabled(False)
        try:
            grads_out, start = [], 0
            for k, o in enumerate(outs):
                if k in floats:
                    piece = grad_output[start:start + sizes[k]]
                    grads_out.append(piece.reshape(*shapes[k]) if shapes[k] else piece.reshape([]))
                    start += sizes[k]
                else:
                    grads_out.append(torch.zeros_like(o.to(dtype)))
            grads = cls.backward(ctx, *grads_out)
        finally:
            _T.set_grad_enabled(previous)
        return _per_tensor(name, grads, args, tensors)

    recorded = _JavaFunction.record(name + "Backward", [args[k] for k in tensors], flat, backward)
    results, start = [], 0
    for k, o in enumerate(outs):
        if k in floats:
            piece = recorded[start:start + sizes[k]]
            # each output shows the Function's grad_fn, as PyTorch's (not the slice and reshape that cut it out)
            results.append(_T._grad_fn(piece.reshape(*shapes[k]) if shapes[k] else piece.reshape([]), name + "Backward"))
            start += sizes[k]
        else:
            results.append(o)
    return tuple(results)


class _Apply(object):
    """Function.apply: on the class, PyTorch's ctx style; on an instance, the instance style."""

    def __get__(self, instance, cls):
        if instance is not None:
            return instance.__call__
        return lambda *args: _apply(cls, args)


class Function(_JavaFunction):
    """A custom operation with its own backward: PyTorch's ctx style (Square.apply(x)) or the instance style."""
    apply = _Apply()


class _VariableType(type):
    def __instancecheck__(cls, obj):
        return isinstance(obj, Tensor)

    def __getattr__(cls, name):
        if name.startswith('__') and name.endswith('__'):
            raise AttributeError(name)
        raise AttributeError("Variable.%s: PyTorch has removed Variable's methods (Variable(t) just returns a "
                             "tensor); call torch.%s(x, ...) or x.%s(...) instead" % (name, name, name))


class Variable(object):
    """Variable(data, requires_grad=False): a tensor, a new leaf sharing data's values."""
    __metaclass__ = _VariableType

    def __new__(cls, data, requires_grad=False, volatile=False):
        t = _T.tensor(data).data if not isinstance(data, Tensor) else data.data
        t.requires_grad = requires_grad
        return t


def backward(tensors, grad_tensors=None, retain_graph=None, create_graph=False, inputs=None):
    """torch.autograd.backward(tensors, grad_tensors): one backward pass from several outputs (their gradients add up
    in the leaves' .grad), as the sum of each output times its grad_tensor."""
    import torch
    if create_graph:
        raise RuntimeError("backward(create_graph=True) is not supported by neuralGLM's PyTorch bridge: gradients are "
                           "not recorded (no second derivatives)")
    if isinstance(tensors, Tensor):
        tensors = [tensors]
    tensors = list(tensors)
    if grad_tensors is None or isinstance(grad_tensors, Tensor):
        grad_tensors = [grad_tensors] * len(tensors) if grad_tensors is None else [grad_tensors]
    total = None
    for t, g in zip(tensors, grad_tensors):
        if g is None:
            if t.numel() != 1:
                raise RuntimeError("grad can be implicitly created only for scalar outputs")
            term = t.sum()
        else:
            term = (t * g.detach()).sum()
        total = term if total is None else total + term
    total.backward(retain_graph=bool(retain_graph))


def grad(outputs, inputs, grad_outputs=None, retain_graph=None, create_graph=False, only_inputs=True,
         allow_unused=False, is_grads_batched=False):
    """torch.autograd.grad(outputs, inputs): the gradients of the outputs (times grad_outputs) with respect to each
    input, returned as a tuple, leaving every .grad as it was. create_graph=True (gradients that are themselves
    recorded, for second derivatives) is not supported."""
    if create_graph:
        raise RuntimeError("torch.autograd.grad(create_graph=True) is not supported by neuralGLM's PyTorch bridge: "
                           "gradients are not recorded (no second derivatives, gradient penalties or Hessians)")
    single = isinstance(inputs, Tensor)
    inputs = [inputs] if single else list(inputs)
    for i, x in enumerate(inputs):
        if not x.requires_grad:
            raise RuntimeError("One of the differentiated Tensors does not require grad")
    saved = [(x.grad, x.retains_grad) for x in inputs]
    for x in inputs:
        x.grad = None
        if not x.is_leaf:
            x.retain_grad()
    try:
        backward(outputs, grad_outputs, retain_graph=retain_graph)
        result = []
        for i, x in enumerate(inputs):
            if x.grad is None and not allow_unused:
                raise RuntimeError("One of the differentiated Tensors appears to not have been used in the graph. "
                                   "Set allow_unused=True if this is the desired behavior.")
            result.append(x.grad.detach() if x.grad is not None else None)  # a copy: .grad is restored below
    finally:
        for x, (old, _) in zip(inputs, saved):
            x.grad = old
    return tuple(result)


class GradcheckError(RuntimeError):
    """torch.autograd.gradcheck's failure."""


def _as_tuple(x):
    return tuple(x) if isinstance(x, (tuple, list)) else (x,)


def _jacobians(func, inputs, eps):
    """(analytical, numerical) Jacobians of each output entry with respect to each input entry, as nested lists
    [input][output entry][input entry]: the analytical by a backward per output entry, the numerical by central
    differences (f(x + eps e_j) - f(x - eps e_j)) / (2 eps)."""
    import torch
    outputs = _as_tuple(func(*inputs))
    flat_out = [o.reshape(-1) for o in outputs]
    n_out = sum(o.numel() for o in flat_out)
    diff = [k for k, x in enumerate(inputs) if isinstance(x, Tensor) and x.requires_grad]
    analytical = dict((k, []) for k in diff)
    row = 0
    for o in flat_out:
        for e in range(o.numel()):
            for k in diff:
                inputs[k].grad = None
            if o.requires_grad:
                o[e].backward(retain_graph=True)
            for k in diff:
                g = inputs[k].grad
                analytical[k].append(g.reshape(-1).stored_tolist() if g is not None else [0.0] * inputs[k].numel())
            row += 1
    numerical = dict((k, [[0.0] * inputs[k].numel() for _ in range(n_out)]) for k in diff)
    with torch.no_grad():
        for k in diff:
            x = inputs[k]
            flat = x.detach().reshape(-1).stored_tolist()
            for j in range(len(flat)):
                values = []
                for step in (eps, -eps):
                    moved = list(flat)
                    moved[j] = flat[j] + step
                    x.copy_(torch.tensor(moved, dtype=x.dtype).reshape(*x.shape))
                    values.append([v for o in _as_tuple(func(*inputs)) for v in _values(o)])
                x.copy_(torch.tensor(flat, dtype=x.dtype).reshape(*x.shape))
                for r in range(n_out):
                    numerical[k][r][j] = (values[0][r] - values[1][r]) / (2 * eps)
    for k in diff:
        inputs[k].grad = None
    return diff, analytical, numerical


def _values(o):
    v = o.detach().reshape(-1).stored_tolist()
    return v if isinstance(v, list) else [v]


def gradcheck(func, inputs, eps=1e-06, atol=1e-05, rtol=0.001, raise_exception=True, check_sparse_nnz=False,
              nondet_tol=0.0, check_undefined_grad=True, check_grad_dtypes=False, check_batched_grad=False,
              check_batched_forward_grad=False, check_forward_ad=False, check_backward_ad=True, fast_mode=False):
    """torch.autograd.gradcheck(func, inputs): True when the gradients of func's outputs with respect to the inputs
    that require grad match central finite differences (|analytical - numerical| <= atol + rtol |numerical| for every
    entry); else a GradcheckError naming the output and input (or False with raise_exception=False)."""
    inputs = _as_tuple(inputs)
    diff, analytical, numerical = _jacobians(func, inputs, eps)
    for k in diff:
        for r, (a_row, n_row) in enumerate(zip(analytical[k], numerical[k])):
            for a, n in zip(a_row, n_row):
                if abs(a - n) > atol + rtol * abs(n):
                    if not raise_exception:
                        return False
                    raise GradcheckError("Jacobian mismatch for output 0 with respect to input %d,\nnumerical:%r\n"
                                         "analytical:%r\n" % (k, numerical[k], analytical[k]))
    return True


from torch.autograd import functional  # noqa: E402

_shim.strict(__name__, "neuralGLM's PyTorch bridge (scripts/lib/torch/autograd: Function, Variable, backward, grad, "
                       "gradcheck, functional)")

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
        raise ValueError("%s.forward returned %d outputs; this bridge records Functions with one output"
                         % (name, len(out)))
    if not isinstance(out, Tensor):
        out = _T.tensor(out)

    def backward(grad_output):
        previous = _T.set_grad_enabled(False)
        try:
            grads = cls.backward(ctx, grad_output)
        finally:
            _T.set_grad_enabled(previous)
        if not isinstance(grads, tuple):
            grads = (grads,)
        if len(grads) < len(args) or any(g is not None for g in grads[len(args):]):
            raise ValueError("%s.backward returned %d gradients, expected %d (one per argument of forward)"
                             % (name, len(grads), len(args)))
        return [grads[k] for k in tensors]

    return _JavaFunction.record(name + "Backward", [args[k] for k in tensors], out, backward)


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


_shim.strict(__name__, "neuralGLM's PyTorch bridge (scripts/lib/torch/autograd: Function, Variable)")

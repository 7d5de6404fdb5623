"""torch.autograd.functional: jacobian(func, inputs) by one backward per output entry, and vjp. Higher derivatives
(hessian, hvp, create_graph=True) need gradients that are themselves recorded, which the bridge does not make:
they fail with one line."""
from __future__ import absolute_import

from neuralglm.jython import Tensor

import _shim


def _tuple(x):
    return (tuple(x), True) if isinstance(x, (tuple, list)) else ((x,), False)


def jacobian(func, inputs, create_graph=False, strict=False, vectorize=False, strategy='reverse-mode'):
    """The Jacobian of func's output (a tensor) with respect to each input: out.shape + input.shape, at most 2
    dimensions here (a 1-d output and 1-d inputs, or a scalar output)."""
    import torch
    if create_graph:
        raise RuntimeError("jacobian(create_graph=True) is not supported by neuralGLM's PyTorch bridge: gradients "
                           "are not recorded")
    xs, many = _tuple(inputs)
    xs = tuple(x.detach().requires_grad_(True) for x in xs)
    out = func(*xs)
    if isinstance(out, (tuple, list)):
        raise RuntimeError("jacobian: a function of several outputs is not supported by neuralGLM's PyTorch bridge")
    if out.dim() + max(x.dim() for x in xs) > 2:
        raise RuntimeError("jacobian: the Jacobian of a %d-d output with respect to a %d-d input would have more than "
                           "2 dimensions; tensors here have at most 2" % (out.dim(), max(x.dim() for x in xs)))
    flat = out.reshape(-1)
    rows = dict((k, []) for k in range(len(xs)))
    for e in range(flat.numel()):
        for x in xs:
            x.grad = None
        if flat.requires_grad:
            flat[e].backward(retain_graph=True)
        for k, x in enumerate(xs):
            rows[k].append(x.grad.reshape(-1) if x.grad is not None else torch.zeros(x.numel(), dtype=x.dtype))
    result = []
    for k, x in enumerate(xs):
        j = torch.stack(rows[k]) if rows[k] else torch.zeros(0, x.numel())
        result.append(j.reshape(*(tuple(out.shape) + tuple(x.shape))))
    return tuple(result) if many else result[0]


def vjp(func, inputs, v=None, create_graph=False, strict=False):
    """(func(inputs), v^T J): the output and the vector-Jacobian product with respect to each input."""
    import torch
    xs, many = _tuple(inputs)
    xs = tuple(x.detach().requires_grad_(True) for x in xs)
    out = func(*xs)
    if v is None:
        if out.numel() != 1:
            raise RuntimeError("The vector v can only be None if the user-provided function returns a single Tensor "
                               "with a single element.")
        v = torch.ones_like(out)
    out.backward(v)
    grads = tuple(x.grad if x.grad is not None else torch.zeros_like(x) for x in xs)
    return out.detach(), grads if many else grads[0]


def _refuse(name):
    def refuse(*args, **kwargs):
        raise RuntimeError("torch.autograd.functional.%s is not supported by neuralGLM's PyTorch bridge: it needs "
                           "second derivatives, and gradients here are not recorded" % name)
    refuse.__name__ = name
    return refuse


hessian, hvp, vhp, jvp = _refuse('hessian'), _refuse('hvp'), _refuse('vhp'), _refuse('jvp')

_shim.strict(__name__, "neuralGLM's PyTorch bridge (scripts/lib/torch/autograd/functional: jacobian, vjp)")

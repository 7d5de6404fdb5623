"""Helpers of torch.distributions, as PyTorch 1.13's torch/distributions/utils.py:
    broadcast_all(*values)   numbers become 0-d float tensors, then all are broadcast to one shape (recorded:
                             the gradient of a broadcast parameter is summed back to its shape)
    clamp_probs(p)           p clamped to [eps, 1 - eps], eps = 2^-52 (float64's machine epsilon)
    probs_to_logits(p, is_binary)  log p - log1p(-p) (binary) or log p, of clamp_probs(p)
    logits_to_probs(x, is_binary)  sigmoid(x) (binary) or softmax(x) over the last dimension
    lazy_property            computed on first access, then kept on the instance
"""
from __future__ import absolute_import

import torch

_EPS = 2.0 ** -52
_NUMBERS = (int, long, float, bool)


def _broadcast_shape(shapes):
    dims = max(len(s) for s in shapes)
    out = []
    for k in range(1, dims + 1):
        size = 1
        for s in shapes:
            n = s[-k] if len(s) >= k else 1
            if n != 1 and size != 1 and n != size:
                raise RuntimeError("The size of tensor a (%d) must match the size of tensor b (%d) at non-singleton "
                                   "dimension %d" % (size, n, dims - k))
            size = n if n != 1 else size
        out.append(size)
    return torch.Size(reversed(out))


def expand(value, shape):
    """value broadcast to shape (recorded), or value itself when it has that shape."""
    if tuple(value.shape) == tuple(shape):
        return value
    if len(shape) > 2:
        raise ValueError("shape %s: tensors here have at most 2 dimensions" % (tuple(shape),))
    return value + torch.zeros(*shape) if len(shape) else value.reshape(())


def broadcast_all(*values):
    """The values (tensors or numbers) as tensors of one broadcast shape."""
    for v in values:
        if not (isinstance(v, _NUMBERS) or torch.is_tensor(v)):
            raise ValueError('Input arguments must all be instances of numbers.Number, torch.Tensor or objects '
                             'implementing __torch_function__.')
    tensors = [v if torch.is_tensor(v) else torch.tensor(float(v)) for v in values]
    shape = _broadcast_shape([t.shape for t in tensors])
    return tuple(expand(t, shape) for t in tensors)


def clamp_probs(probs):
    return probs.clamp(min=_EPS, max=1 - _EPS)


def probs_to_logits(probs, is_binary=False):
    ps_clamped = clamp_probs(probs)
    if is_binary:
        return torch.log(ps_clamped) - torch.log1p(-ps_clamped)
    return torch.log(ps_clamped)


def logits_to_probs(logits, is_binary=False):
    if is_binary:
        return torch.sigmoid(logits)
    return torch.softmax(logits, dim=-1)


def enumerate_values(values, batch_shape, expand_=True):
    """values (a 1-d tensor) as a column against batch_shape: shape (k,) + (1,) * len(batch_shape), or broadcast
    to (k,) + batch_shape; PyTorch's enumerate_support."""
    if len(batch_shape) > 1:
        raise ValueError("enumerate_support: batch shape %s gives 3 dimensions; tensors here have at most 2"
                         % (tuple(batch_shape),))
    if len(batch_shape) == 0:
        return values
    values = values.reshape(-1, 1)
    if expand_:
        values = values.expand(values.size(0), batch_shape[0])
    return values


class lazy_property(object):
    """A property computed on first access (with recording on), then stored on the instance."""

    def __init__(self, wrapped):
        self.wrapped = wrapped
        self.__doc__ = wrapped.__doc__

    def __get__(self, instance, obj_type=None):
        if instance is None:
            return self
        with torch.enable_grad():
            value = self.wrapped(instance)
        setattr(instance, self.wrapped.__name__, value)
        return value

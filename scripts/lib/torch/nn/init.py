"""torch.nn.init: fill a parameter in place, outside the record, as PyTorch's initialisers do
(random ones draw from the generator of torch.manual_seed, so their values differ from PyTorch's):

    nn.init.zeros_(layer.bias); nn.init.constant_(layer.weight, 0.1); nn.init.xavier_uniform_(layer.weight)
"""
from __future__ import absolute_import

import math

import torch

import _shim


def _fill(tensor, values):
    with torch.no_grad():
        tensor.copy_(values)
    return tensor


def _fans(tensor):
    if tensor.dim() < 2:
        raise ValueError("fan in and fan out need a tensor of 2 dimensions (a weight), got shape %s"
                         % (tuple(tensor.shape),))
    return tensor.size(1), tensor.size(0)


def constant_(tensor, val):
    return _fill(tensor, torch.full(tuple(tensor.shape), float(val)))


def zeros_(tensor):
    return constant_(tensor, 0.0)


def ones_(tensor):
    return constant_(tensor, 1.0)


def uniform_(tensor, a=0.0, b=1.0):
    return _fill(tensor, torch.rand(*tuple(tensor.shape)) * (b - a) + a)


def normal_(tensor, mean=0.0, std=1.0):
    return _fill(tensor, torch.randn(*tuple(tensor.shape)) * std + mean)


def xavier_uniform_(tensor, gain=1.0):
    fan_in, fan_out = _fans(tensor)
    bound = gain * math.sqrt(6.0 / (fan_in + fan_out))
    return uniform_(tensor, -bound, bound)


def xavier_normal_(tensor, gain=1.0):
    fan_in, fan_out = _fans(tensor)
    return normal_(tensor, 0.0, gain * math.sqrt(2.0 / (fan_in + fan_out)))


_shim.strict(__name__, "neuralGLM's PyTorch bridge (scripts/lib/torch/nn/init: constant_, zeros_, ones_, "
                       "uniform_, normal_, xavier_uniform_, xavier_normal_)")

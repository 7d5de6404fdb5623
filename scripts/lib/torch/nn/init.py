"""torch.nn.init: fill a parameter in place, outside the record, as PyTorch's initialisers do
(random ones draw from the generator of torch.manual_seed, as PyTorch's: the same values after the same seed):

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
    return _fill(tensor, torch.full(tuple(tensor.shape), float(val), dtype=tensor.dtype))


def zeros_(tensor):
    return constant_(tensor, 0.0)


def ones_(tensor):
    return constant_(tensor, 1.0)


def uniform_(tensor, a=0.0, b=1.0):
    with torch.no_grad():
        return tensor.uniform_(a, b)


def normal_(tensor, mean=0.0, std=1.0):
    with torch.no_grad():
        return tensor.normal_(mean, std)


def xavier_uniform_(tensor, gain=1.0):
    fan_in, fan_out = _fans(tensor)
    bound = gain * math.sqrt(6.0 / (fan_in + fan_out))
    return uniform_(tensor, -bound, bound)


def xavier_normal_(tensor, gain=1.0):
    fan_in, fan_out = _fans(tensor)
    return normal_(tensor, 0.0, gain * math.sqrt(2.0 / (fan_in + fan_out)))


def eye_(tensor):
    """The identity matrix (ones on the diagonal of a 2-d tensor, zeros elsewhere)."""
    if tensor.dim() != 2:
        raise ValueError("eye_: only 2-d tensors are supported, got shape %s" % (tuple(tensor.shape),))
    rows, cols = tensor.size(0), tensor.size(1)
    return _fill(tensor, torch.tensor([[1.0 if i == j else 0.0 for j in range(cols)] for i in range(rows)]))


def calculate_gain(nonlinearity, param=None):
    """PyTorch's recommended gain for an activation: 1 for linear and sigmoid, 5/3 for tanh, sqrt(2) for relu,
    sqrt(2 / (1 + slope^2)) for leaky_relu (slope 0.01 by default), 3/4 for selu."""
    if nonlinearity in ('linear', 'conv1d', 'conv2d', 'conv3d', 'conv_transpose1d', 'conv_transpose2d',
                        'conv_transpose3d', 'sigmoid'):
        return 1
    if nonlinearity == 'tanh':
        return 5.0 / 3
    if nonlinearity == 'relu':
        return math.sqrt(2.0)
    if nonlinearity == 'leaky_relu':
        slope = 0.01 if param is None else float(param)
        return math.sqrt(2.0 / (1 + slope ** 2))
    if nonlinearity == 'selu':
        return 3.0 / 4
    raise ValueError("Unsupported nonlinearity %s" % nonlinearity)


def _kaiming_std(tensor, a, mode, nonlinearity):
    fan_in, fan_out = _fans(tensor)
    if mode not in ('fan_in', 'fan_out'):
        raise ValueError("Mode %s not supported, please use one of fan_in, fan_out" % mode)
    return calculate_gain(nonlinearity, a) / math.sqrt(fan_in if mode == 'fan_in' else fan_out)


def kaiming_uniform_(tensor, a=0, mode='fan_in', nonlinearity='leaky_relu'):
    """He et al.'s uniform initialisation, bound sqrt(3) gain / sqrt(fan), as PyTorch's."""
    bound = math.sqrt(3.0) * _kaiming_std(tensor, a, mode, nonlinearity)
    return uniform_(tensor, -bound, bound)


def kaiming_normal_(tensor, a=0, mode='fan_in', nonlinearity='leaky_relu'):
    """He et al.'s normal initialisation, standard deviation gain / sqrt(fan), as PyTorch's."""
    return normal_(tensor, 0.0, _kaiming_std(tensor, a, mode, nonlinearity))


_shim.strict(__name__, "neuralGLM's PyTorch bridge (scripts/lib/torch/nn/init: constant_, zeros_, ones_, eye_, "
                       "uniform_, normal_, xavier_uniform_, xavier_normal_, kaiming_uniform_, kaiming_normal_, "
                       "calculate_gain)")

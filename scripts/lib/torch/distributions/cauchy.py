"""Cauchy(loc, scale): log p(x) = -log pi - log scale - log(1 + ((x - loc) / scale)^2); mean NaN, variance inf
(as PyTorch's); cdf atan((x - loc) / scale) / pi + 1/2, icdf tan(pi (p - 1/2)) scale + loc, entropy log(4 pi) +
log scale; rsample loc + scale tan(pi (u - 1/2)) with u from torch.rand (recorded)."""
from __future__ import absolute_import

import math
from collections import OrderedDict

import torch
from torch.distributions import constraints
from torch.distributions.distribution import Distribution
from torch.distributions.utils import broadcast_all, _NUMBERS


class Cauchy(Distribution):
    arg_constraints = OrderedDict([('loc', constraints.real), ('scale', constraints.positive)])
    support = constraints.real
    has_rsample = True

    def __init__(self, loc, scale, validate_args=None):
        self.loc, self.scale = broadcast_all(loc, scale)
        numbers = isinstance(loc, _NUMBERS) and isinstance(scale, _NUMBERS)
        super(Cauchy, self).__init__(torch.Size() if numbers else self.loc.size(), validate_args=validate_args)

    def _full(self, v):
        shape = self._extended_shape()
        return torch.full(tuple(shape), v)

    @property
    def mean(self):
        return self._full(float('nan'))

    @property
    def variance(self):
        return self._full(float('inf'))

    def rsample(self, sample_shape=torch.Size()):
        shape = self._extended_shape(sample_shape)
        u = torch.rand(shape)
        eps = torch.tan(math.pi * (u - 0.5))
        return self.loc + eps * self.scale

    def log_prob(self, value):
        if self._validate_args:
            self._validate_sample(value)
        return -math.log(math.pi) - self.scale.log() - (1 + ((value - self.loc) / self.scale) ** 2).log()

    def cdf(self, value):
        if self._validate_args:
            self._validate_sample(value)
        return torch.atan((value - self.loc) / self.scale) / math.pi + 0.5

    def icdf(self, value):
        return torch.tan(math.pi * (value - 0.5)) * self.scale + self.loc

    def entropy(self):
        return math.log(4 * math.pi) + self.scale.log()

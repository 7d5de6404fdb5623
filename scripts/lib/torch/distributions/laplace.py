"""Laplace(loc, scale): log p(x) = -log(2 scale) - |x - loc| / scale; mean loc, variance 2 scale^2;
cdf 1/2 - 1/2 sign(x - loc) expm1(-|x - loc| / scale), icdf loc - scale sign(p - 1/2) log1p(-2 |p - 1/2|),
entropy 1 + log(2 scale); rsample loc - scale sign(u) log1p(-|u|), u uniform on (eps - 1, 1) (recorded)."""
from __future__ import absolute_import

from collections import OrderedDict

import torch
from torch.distributions import constraints
from torch.distributions.distribution import Distribution
from torch.distributions.utils import broadcast_all, _NUMBERS


class Laplace(Distribution):
    arg_constraints = OrderedDict([('loc', constraints.real), ('scale', constraints.positive)])
    support = constraints.real
    has_rsample = True

    def __init__(self, loc, scale, validate_args=None):
        self.loc, self.scale = broadcast_all(loc, scale)
        numbers = isinstance(loc, _NUMBERS) and isinstance(scale, _NUMBERS)
        super(Laplace, self).__init__(torch.Size() if numbers else self.loc.size(), validate_args=validate_args)

    @property
    def mean(self):
        return self.loc

    @property
    def variance(self):
        return 2 * self.scale.pow(2)

    @property
    def stddev(self):
        return (2 ** 0.5) * self.scale

    def rsample(self, sample_shape=torch.Size()):
        shape = self._extended_shape(sample_shape)
        eps = torch.finfo(self.loc.dtype).eps
        u = torch.rand(shape)
        u = (eps - 1) + u * (2 - eps)
        return self.loc - self.scale * u.sign() * torch.log1p(-u.abs())

    def log_prob(self, value):
        if self._validate_args:
            self._validate_sample(value)
        return -torch.log(2 * self.scale) - torch.abs(value - self.loc) / self.scale

    def cdf(self, value):
        if self._validate_args:
            self._validate_sample(value)
        return 0.5 - 0.5 * (value - self.loc).sign() * torch.expm1(-(value - self.loc).abs() / self.scale)

    def icdf(self, value):
        term = value - 0.5
        return self.loc - self.scale * term.sign() * torch.log1p(-2 * term.abs())

    def entropy(self):
        return 1 + torch.log(2 * self.scale)

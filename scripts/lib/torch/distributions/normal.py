"""Normal(loc, scale): log p(x) = -(x - loc)^2 / (2 scale^2) - log scale - log sqrt(2 pi); mean loc,
variance scale^2; cdf 0.5 (1 + erf((x - loc) / (scale sqrt 2))), icdf loc + scale sqrt2 erfinv(2p - 1),
entropy 1/2 + log(2 pi)/2 + log scale. sample() and rsample() are loc + scale eps with standard normal eps from the bridge's generator
(rsample in the record, so gradients reach loc and scale)."""
from __future__ import absolute_import

import math
from collections import OrderedDict

import torch
from torch.distributions import constraints
from torch.distributions.distribution import Distribution
from torch.distributions.utils import broadcast_all, _NUMBERS


class Normal(Distribution):
    arg_constraints = OrderedDict([('loc', constraints.real), ('scale', constraints.positive)])
    support = constraints.real
    has_rsample = True

    def __init__(self, loc, scale, validate_args=None):
        self.loc, self.scale = broadcast_all(loc, scale)
        numbers = isinstance(loc, _NUMBERS) and isinstance(scale, _NUMBERS)
        super(Normal, self).__init__(torch.Size() if numbers else self.loc.size(), validate_args=validate_args)

    @property
    def mean(self):
        return self.loc

    @property
    def stddev(self):
        return self.scale

    @property
    def variance(self):
        return self.stddev.pow(2)

    def rsample(self, sample_shape=torch.Size()):
        shape = self._extended_shape(sample_shape)
        eps = torch.randn(shape)
        return self.loc + eps * self.scale

    def log_prob(self, value):
        if self._validate_args:
            self._validate_sample(value)
        var = (self.scale ** 2)
        log_scale = self.scale.log()
        return -((value - self.loc) ** 2) / (2 * var) - log_scale - math.log(math.sqrt(2 * math.pi))

    def cdf(self, value):
        if self._validate_args:
            self._validate_sample(value)
        return 0.5 * (1 + torch.erf((value - self.loc) * self.scale.reciprocal() / math.sqrt(2)))

    def icdf(self, value):
        return self.loc + self.scale * torch.erfinv(2 * value - 1) * math.sqrt(2)

    def entropy(self):
        return 0.5 + 0.5 * math.log(2 * math.pi) + torch.log(self.scale)

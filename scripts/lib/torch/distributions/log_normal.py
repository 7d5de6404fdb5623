"""LogNormal(loc, scale): exp of Normal(loc, scale) (PyTorch's TransformedDistribution with ExpTransform):
log p(y) = Normal.log_prob(log y) - log y; mean exp(loc + scale^2 / 2), variance (e^(scale^2) - 1) e^(2 loc + scale^2);
cdf Normal.cdf(log y), icdf exp(Normal.icdf(p)), entropy Normal's + loc; rsample exp(Normal.rsample()).
Parameters are checked by the Normal (its error message, as PyTorch's); repr LogNormal()."""
from __future__ import absolute_import

from collections import OrderedDict

import torch
from torch.distributions import constraints
from torch.distributions.distribution import Distribution
from torch.distributions.normal import Normal


class LogNormal(Distribution):
    arg_constraints = OrderedDict([('loc', constraints.real), ('scale', constraints.positive)])
    support = constraints.positive
    has_rsample = True

    def __init__(self, loc, scale, validate_args=None):
        self.base_dist = Normal(loc, scale, validate_args=validate_args)
        super(LogNormal, self).__init__(self.base_dist.batch_shape, validate_args=validate_args)

    @property
    def loc(self):
        return self.base_dist.loc

    @property
    def scale(self):
        return self.base_dist.scale

    @property
    def mean(self):
        return (self.loc + self.scale.pow(2) / 2).exp()

    @property
    def variance(self):
        return (self.scale.pow(2).exp() - 1) * (2 * self.loc + self.scale.pow(2)).exp()

    def rsample(self, sample_shape=torch.Size()):
        return torch.exp(self.base_dist.rsample(sample_shape))

    def log_prob(self, value):
        if self._validate_args:
            self._validate_sample(value)
        x = value.log()
        return -x + self.base_dist.log_prob(x)

    def cdf(self, value):
        value = value.log()
        if self._validate_args:
            self.base_dist._validate_sample(value)
        return self.base_dist.cdf(value)

    def icdf(self, value):
        return torch.exp(self.base_dist.icdf(value))

    def entropy(self):
        return self.base_dist.entropy() + self.loc

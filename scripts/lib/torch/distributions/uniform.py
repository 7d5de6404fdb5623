"""Uniform(low, high) on [low, high): log p(x) = log(1[low <= x < high]) - log(high - low); mean (low + high) / 2,
variance (high - low)^2 / 12; cdf (x - low) / (high - low) clamped to [0, 1], icdf low + p (high - low), entropy
log(high - low); rsample low + u (high - low) with u from torch.rand (recorded: gradients reach low and high).
With validation, low < high or ValueError "Uniform is not defined when low>= high"."""
from __future__ import absolute_import

from collections import OrderedDict

import torch
from torch.distributions import constraints
from torch.distributions.distribution import Distribution
from torch.distributions.utils import broadcast_all, _NUMBERS


class Uniform(Distribution):
    arg_constraints = OrderedDict([('low', constraints.dependent), ('high', constraints.dependent)])
    has_rsample = True

    def __init__(self, low, high, validate_args=None):
        self.low, self.high = broadcast_all(low, high)
        numbers = isinstance(low, _NUMBERS) and isinstance(high, _NUMBERS)
        super(Uniform, self).__init__(torch.Size() if numbers else self.low.size(), validate_args=validate_args)
        if self._validate_args and not bool((self.low < self.high).all()):
            raise ValueError("Uniform is not defined when low>= high")

    @property
    def support(self):
        return constraints.interval(self.low, self.high)

    @property
    def mean(self):
        return (self.high + self.low) / 2

    @property
    def stddev(self):
        return (self.high - self.low) / 12 ** 0.5

    @property
    def variance(self):
        return (self.high - self.low).pow(2) / 12

    def rsample(self, sample_shape=torch.Size()):
        shape = self._extended_shape(sample_shape)
        rand = torch.rand(shape)
        return self.low + rand * (self.high - self.low)

    def log_prob(self, value):
        if self._validate_args:
            self._validate_sample(value)
        lb = (self.low <= value).type_as(self.low)
        ub = (self.high > value).type_as(self.low)
        return torch.log(lb * ub) - torch.log(self.high - self.low)

    def cdf(self, value):
        if self._validate_args:
            self._validate_sample(value)
        result = (value - self.low) / (self.high - self.low)
        return result.clamp(min=0, max=1)

    def icdf(self, value):
        return value * (self.high - self.low) + self.low

    def entropy(self):
        return torch.log(self.high - self.low)

"""Poisson(rate): log p(k) = xlogy(k, rate) - rate - lgamma(k + 1) (k log rate, 0 log 0 = 0); mean and
variance rate; sample() is torch.poisson."""
from __future__ import absolute_import

from collections import OrderedDict

import torch
from torch.distributions import constraints
from torch.distributions.distribution import Distribution
from torch.distributions.utils import broadcast_all, _NUMBERS


class Poisson(Distribution):
    arg_constraints = OrderedDict([('rate', constraints.nonnegative)])
    support = constraints.nonnegative_integer

    def __init__(self, rate, validate_args=None):
        self.rate, = broadcast_all(rate)
        batch_shape = torch.Size() if isinstance(rate, _NUMBERS) else self.rate.size()
        super(Poisson, self).__init__(batch_shape, validate_args=validate_args)

    @property
    def mean(self):
        return self.rate

    @property
    def variance(self):
        return self.rate

    def sample(self, sample_shape=torch.Size()):
        with torch.no_grad():
            return torch.poisson(self._expanded(self.rate, sample_shape))

    def log_prob(self, value):
        if self._validate_args:
            self._validate_sample(value)
        rate, value = broadcast_all(self.rate, value)
        return value.xlogy(rate) - rate - (value + 1).lgamma()

"""Exponential(rate): log p(x) = log rate - rate x; mean 1 / rate, variance rate^-2; cdf 1 - e^(-rate x),
icdf -log(1 - p) / rate, entropy 1 - log rate; sample() is a
Gamma(1, rate) draw of the engine's sampler."""
from __future__ import absolute_import

from collections import OrderedDict

import torch
from torch.distributions import constraints
from torch.distributions.distribution import Distribution
from torch.distributions.utils import broadcast_all, _NUMBERS
from neuralglm.jython import Sampling as _Sampling


class Exponential(Distribution):
    arg_constraints = OrderedDict([('rate', constraints.positive)])
    support = constraints.nonnegative

    def __init__(self, rate, validate_args=None):
        self.rate, = broadcast_all(rate)
        batch_shape = torch.Size() if isinstance(rate, _NUMBERS) else self.rate.size()
        super(Exponential, self).__init__(batch_shape, validate_args=validate_args)

    @property
    def mean(self):
        return 1 / self.rate

    @property
    def stddev(self):
        return 1 / self.rate

    @property
    def variance(self):
        return self.rate.pow(-2)

    def sample(self, sample_shape=torch.Size()):
        with torch.no_grad():
            rate = self._expanded(self.rate, sample_shape)
            return _Sampling.gamma(torch.ones_like(rate), rate)

    def log_prob(self, value):
        if self._validate_args:
            self._validate_sample(value)
        return self.rate.log() - self.rate * value

    def cdf(self, value):
        if self._validate_args:
            self._validate_sample(value)
        return 1 - torch.exp(-self.rate * value)

    def icdf(self, value):
        return -torch.log(1 - value) / self.rate

    def entropy(self):
        return 1.0 - torch.log(self.rate)

"""Gamma(concentration a, rate b): log p(x) = xlogy(a, b) + xlogy(a - 1, x) - b x - lgamma(a); mean a / b,
variance a / b^2;
entropy a - log b + lgamma(a) + (1 - a) digamma(a) (PyTorch 1.13 has no Gamma.cdf); sample() by the engine's Gamma sampler (neuralglm.jython.Sampling.gamma), without rsample."""
from __future__ import absolute_import

from collections import OrderedDict

import torch
from torch.distributions import constraints
from torch.distributions.distribution import Distribution
from torch.distributions.utils import broadcast_all, _NUMBERS
from neuralglm.jython import Sampling as _Sampling


class Gamma(Distribution):
    arg_constraints = OrderedDict([('concentration', constraints.positive), ('rate', constraints.positive)])
    support = constraints.nonnegative

    def __init__(self, concentration, rate, validate_args=None):
        self.concentration, self.rate = broadcast_all(concentration, rate)
        numbers = isinstance(concentration, _NUMBERS) and isinstance(rate, _NUMBERS)
        super(Gamma, self).__init__(torch.Size() if numbers else self.rate.size(), validate_args=validate_args)

    @property
    def mean(self):
        return self.concentration / self.rate

    @property
    def variance(self):
        return self.concentration / self.rate.pow(2)

    def sample(self, sample_shape=torch.Size()):
        with torch.no_grad():
            return _Sampling.gamma(self._expanded(self.concentration, sample_shape), self._expanded(self.rate, sample_shape))

    def log_prob(self, value):
        if not torch.is_tensor(value):
            value = torch.tensor(float(value))
        if self._validate_args:
            self._validate_sample(value)
        return (torch.xlogy(self.concentration, self.rate) +
                torch.xlogy(self.concentration - 1, value) -
                self.rate * value - torch.lgamma(self.concentration))

    def entropy(self):
        return (self.concentration - torch.log(self.rate) + torch.lgamma(self.concentration) +
                (1.0 - self.concentration) * torch.digamma(self.concentration))

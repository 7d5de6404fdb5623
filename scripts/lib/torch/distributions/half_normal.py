"""HalfNormal(scale): |X| for X ~ Normal(0, scale): log p(x) = Normal(0, scale).log_prob(x) + log 2 (-inf below 0);
mean scale sqrt(2 / pi), variance scale^2 (1 - 2 / pi); cdf 2 Normal.cdf(x) - 1, icdf Normal.icdf((p + 1) / 2),
entropy Normal's - log 2; rsample |Normal.rsample()|. repr HalfNormal(), as PyTorch's."""
from __future__ import absolute_import

import math
from collections import OrderedDict

import torch
from torch.distributions import constraints
from torch.distributions.distribution import Distribution
from torch.distributions.normal import Normal


class HalfNormal(Distribution):
    arg_constraints = OrderedDict([('scale', constraints.positive)])
    support = constraints.nonnegative
    has_rsample = True

    def __init__(self, scale, validate_args=None):
        self.base_dist = Normal(0, scale, validate_args=False)
        super(HalfNormal, self).__init__(self.base_dist.batch_shape, validate_args=validate_args)

    @property
    def scale(self):
        return self.base_dist.scale

    @property
    def mean(self):
        return self.scale * math.sqrt(2 / math.pi)

    @property
    def variance(self):
        return self.scale.pow(2) * (1 - 2 / math.pi)

    def rsample(self, sample_shape=torch.Size()):
        return self.base_dist.rsample(sample_shape).abs()

    def log_prob(self, value):
        if self._validate_args:
            self._validate_sample(value)
        log_prob = self.base_dist.log_prob(value) + math.log(2)
        return torch.where(value >= 0, log_prob, torch.tensor(float('-inf')))

    def cdf(self, value):
        if self._validate_args:
            self._validate_sample(value)
        return 2 * self.base_dist.cdf(value) - 1

    def icdf(self, prob):
        return self.base_dist.icdf((prob + 1) / 2)

    def entropy(self):
        return self.base_dist.entropy() - math.log(2)

"""NegativeBinomial(total_count r, probs=None, logits=None): the number of successes (probability p each)
before r failures. With x = logits:
    log p(k) = r logsigmoid(-x) + k logsigmoid(x) + lgamma(r + k) - lgamma(k + 1) - lgamma(r),
the lgamma terms taken as 0 where r + k = 0 (probability 1); mean r e^x, variance mean / sigmoid(-x);
sample() is Poisson(Gamma(r, e^-x)), as PyTorch's, with the engine's Gamma sampler and torch.poisson."""
from __future__ import absolute_import

from collections import OrderedDict

import torch
from torch.distributions import constraints
from torch.distributions.binomial import _CountWithProbs
from torch.distributions.gamma import Gamma
from torch.distributions.utils import lazy_property
import torch.nn.functional as F


class NegativeBinomial(_CountWithProbs):
    arg_constraints = OrderedDict([('total_count', constraints.greater_than_eq(0)),
                                   ('probs', constraints.half_open_interval(0., 1.)), ('logits', constraints.real)])
    support = constraints.nonnegative_integer

    def __init__(self, total_count, probs=None, logits=None, validate_args=None):
        super(NegativeBinomial, self).__init__(total_count, probs, logits, validate_args)

    @property
    def mean(self):
        return self.total_count * torch.exp(self.logits)

    @property
    def variance(self):
        return self.mean / torch.sigmoid(-self.logits)

    @lazy_property
    def _gamma(self):
        return Gamma(concentration=self.total_count, rate=torch.exp(-self.logits), validate_args=False)

    def sample(self, sample_shape=torch.Size()):
        with torch.no_grad():
            return torch.poisson(self._gamma.sample(sample_shape))

    def log_prob(self, value):
        if self._validate_args:
            self._validate_sample(value)
        log_unnormalized_prob = (self.total_count * F.logsigmoid(-self.logits) +
                                 value * F.logsigmoid(self.logits))
        log_normalization = (-torch.lgamma(self.total_count + value) + torch.lgamma(1. + value) +
                             torch.lgamma(self.total_count))
        log_normalization = torch.where(self.total_count + value == 0., 0., log_normalization)
        return log_unnormalized_prob - log_normalization

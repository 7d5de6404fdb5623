"""Bernoulli(probs=None, logits=None): log p(y) = -binary_cross_entropy_with_logits(logits, y)
= y logits - softplus(logits), stable at any logit; mean p, variance p (1 - p); probs = sigmoid(logits),
logits = log p - log(1 - p) of p clamped to [eps, 1 - eps]; entropy = binary_cross_entropy_with_logits(logits, p);
enumerate_support() is [0, 1] (as a column against a 1-d batch)."""
from __future__ import absolute_import

from collections import OrderedDict

import torch
from torch.distributions import constraints
from torch.distributions.distribution import _EventProbsLogits
from torch.distributions.utils import broadcast_all, enumerate_values, _NUMBERS
from torch.nn.functional import binary_cross_entropy_with_logits


class Bernoulli(_EventProbsLogits):
    arg_constraints = OrderedDict([('probs', constraints.unit_interval), ('logits', constraints.real)])
    support = constraints.boolean
    has_enumerate_support = True

    def __init__(self, probs=None, logits=None, validate_args=None):
        if (probs is None) == (logits is None):
            raise ValueError("Either `probs` or `logits` must be specified, but not both.")
        if probs is not None:
            self.probs, = broadcast_all(probs)
        else:
            self.logits, = broadcast_all(logits)
        given = probs if probs is not None else logits
        self._param = self.probs if probs is not None else self.logits
        batch_shape = torch.Size() if isinstance(given, _NUMBERS) else self._param.size()
        super(Bernoulli, self).__init__(batch_shape, validate_args=validate_args)

    @property
    def mean(self):
        return self.probs

    @property
    def variance(self):
        return self.probs * (1 - self.probs)

    def sample(self, sample_shape=torch.Size()):
        with torch.no_grad():
            return torch.bernoulli(self._expanded(self.probs, sample_shape))

    def log_prob(self, value):
        if self._validate_args:
            self._validate_sample(value)
        logits, value = broadcast_all(self.logits, value)
        return -binary_cross_entropy_with_logits(logits, value, reduction='none')

    def entropy(self):
        return binary_cross_entropy_with_logits(self.logits, self.probs, reduction='none')

    def enumerate_support(self, expand=True):
        return enumerate_values(torch.tensor([0., 1.]), self._batch_shape, expand)

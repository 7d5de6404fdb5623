"""Geometric(probs=None, logits=None): the number of failures before the first success (probability p each):
log p(k) = k log1p(-p) + log p (0 where p = 1 and k = 0); mean 1/p - 1, variance (1/p - 1) / p, entropy
binary_cross_entropy_with_logits(logits, p) / p; sample() floor(log u / log1p(-p)), u uniform on (tiny, 1).
With validation, probs must also be > 0 (PyTorch's message)."""
from __future__ import absolute_import

from collections import OrderedDict

import torch
from torch.distributions import constraints
from torch.distributions.distribution import _EventProbsLogits, _text
from torch.distributions.utils import broadcast_all, _NUMBERS
from torch.nn.functional import binary_cross_entropy_with_logits


class Geometric(_EventProbsLogits):
    arg_constraints = OrderedDict([('probs', constraints.unit_interval), ('logits', constraints.real)])
    support = constraints.nonnegative_integer

    def __init__(self, probs=None, logits=None, validate_args=None):
        if (probs is None) == (logits is None):
            raise ValueError("Either `probs` or `logits` must be specified, but not both.")
        if probs is not None:
            self.probs, = broadcast_all(probs)
        else:
            self.logits, = broadcast_all(logits)
        given = probs if probs is not None else logits
        self._param = self.probs if probs is not None else self.logits
        batch_shape = torch.Size() if isinstance(given, _NUMBERS) else given.size()
        super(Geometric, self).__init__(batch_shape, validate_args=validate_args)
        if self._validate_args and probs is not None:
            value = self.probs
            valid = value > 0
            if not bool(valid.all()):
                invalid_value = torch.masked_select(value.detach().reshape(-1), (valid == 0).reshape(-1))
                raise ValueError("Expected parameter probs (%s of shape %s) of distribution %r to be positive but "
                                 "found invalid values:\n%s" % (type(value).__name__, tuple(value.shape), self,
                                                                _text(invalid_value)))

    @property
    def mean(self):
        return 1. / self.probs - 1.

    @property
    def variance(self):
        return (1. / self.probs - 1.) / self.probs

    def sample(self, sample_shape=torch.Size()):
        shape = self._extended_shape(sample_shape)
        tiny = torch.finfo(self.probs.dtype).tiny
        with torch.no_grad():
            u = torch.rand(shape)
            u = u.clamp(min=tiny)
            return (u.log() / (-self._expanded(self.probs, sample_shape)).log1p()).floor()

    def log_prob(self, value):
        if self._validate_args:
            self._validate_sample(value)
        value, probs = broadcast_all(value, self.probs)
        probs = torch.where((probs == 1) & (value == 0), torch.zeros_like(probs), probs)
        return value * (-probs).log1p() + self.probs.log()

    def entropy(self):
        return binary_cross_entropy_with_logits(self.logits, self.probs, reduction='none') / self.probs

"""Binomial(total_count=1, probs=None, logits=None): with n = total_count and x = logits,
    log p(k) = k x - lgamma(k + 1) - lgamma(n - k + 1) - (n max(x, 0) + n log1p(e^-|x|) - lgamma(n + 1)),
PyTorch's form, stable at any logit (max(x, 0) with gradient 1/2 at 0, as PyTorch's _clamp_by_zero);
mean n p, variance n p (1 - p); enumerate_support() 0..n and entropy -sum p log p over it (one n for the
batch, as PyTorch); sample() draws with the engine's binomial sampler."""
from __future__ import absolute_import

from collections import OrderedDict

import torch
from torch.distributions import constraints
from torch.distributions.distribution import _EventProbsLogits
from torch.distributions.utils import broadcast_all, enumerate_values
from neuralglm.jython import Sampling as _Sampling


def _clamp_by_zero(x):
    return (x.clamp(min=0) + x - x.clamp(max=0)) / 2


def _as_float(t):
    """t.type_as(a float tensor): t itself when it is float (keeping its gradient), else a float copy."""
    return t if t.dtype == torch.float64 else t.float()


class _CountWithProbs(_EventProbsLogits):
    """The parameters of Binomial and NegativeBinomial: total_count and probs or logits, broadcast."""

    def __init__(self, total_count, probs=None, logits=None, validate_args=None):
        if (probs is None) == (logits is None):
            raise ValueError("Either `probs` or `logits` must be specified, but not both.")
        if probs is not None:
            total, self.probs = broadcast_all(total_count, probs)
        else:
            total, self.logits = broadcast_all(total_count, logits)
        self.total_count = _as_float(total)
        self._param = self.probs if probs is not None else self.logits
        super(_CountWithProbs, self).__init__(self._param.size(), validate_args=validate_args)


class Binomial(_CountWithProbs):
    arg_constraints = OrderedDict([('total_count', constraints.nonnegative_integer),
                                   ('probs', constraints.unit_interval), ('logits', constraints.real)])
    has_enumerate_support = True

    def __init__(self, total_count=1, probs=None, logits=None, validate_args=None):
        super(Binomial, self).__init__(total_count, probs, logits, validate_args)

    @property
    def support(self):
        return constraints.integer_interval(0, self.total_count)

    @property
    def mean(self):
        return self.total_count * self.probs

    @property
    def variance(self):
        return self.total_count * self.probs * (1 - self.probs)

    def sample(self, sample_shape=torch.Size()):
        with torch.no_grad():
            return _Sampling.binomial(self._expanded(self.total_count, sample_shape),
                                      self._expanded(self.probs, sample_shape))

    def log_prob(self, value):
        if self._validate_args:
            self._validate_sample(value)
        log_factorial_n = torch.lgamma(self.total_count + 1)
        log_factorial_k = torch.lgamma(value + 1)
        log_factorial_nmk = torch.lgamma(self.total_count - value + 1)
        normalize_term = (self.total_count * _clamp_by_zero(self.logits)
                          + self.total_count * torch.log1p(torch.exp(-torch.abs(self.logits)))
                          - log_factorial_n)
        return value * self.logits - log_factorial_k - log_factorial_nmk - normalize_term

    def entropy(self):
        total_count = int(self.total_count.max())
        if not self.total_count.min() == total_count:
            raise NotImplementedError("Inhomogeneous total count not supported by `entropy`.")
        log_prob = self.log_prob(self.enumerate_support(False))
        return -(torch.exp(log_prob) * log_prob).sum(0)

    def enumerate_support(self, expand=True):
        total_count = int(self.total_count.max())
        if not self.total_count.min() == total_count:
            raise NotImplementedError("Inhomogeneous total count not supported by `enumerate_support`.")
        return enumerate_values(torch.arange(1 + total_count).double() if self._param.dtype == torch.float64
                                else torch.arange(1 + total_count).float(), self._batch_shape, expand)

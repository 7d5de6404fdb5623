"""Categorical(probs=None, logits=None) over classes 0..k-1 along the last dimension (the rest is the batch):
probs are normalised to sum to 1 (probs / probs.sum(-1)), logits to log-probabilities (logits - logsumexp);
log p(c) = logits[..., c] (recorded: the gradient reaches the chosen entries, and through the normalisation all
of a row); entropy -sum(p * max(logits, finfo.min)); enumerate_support() is 0..k-1 (long). mean and variance are NaN, as PyTorch's; sample() draws with the engine's categorical sampler."""
from __future__ import absolute_import

from collections import OrderedDict

import torch
from torch.distributions import constraints
from torch.distributions.distribution import Distribution
from torch.distributions.utils import (lazy_property, logits_to_probs, probs_to_logits, expand, _broadcast_shape,
                                       enumerate_values)
from neuralglm.jython import Sampling as _Sampling


class Categorical(Distribution):
    arg_constraints = OrderedDict([('probs', constraints.simplex),
                                   ('logits', constraints.independent(constraints.real, 1))])
    has_enumerate_support = True

    def __init__(self, probs=None, logits=None, validate_args=None):
        if (probs is None) == (logits is None):
            raise ValueError("Either `probs` or `logits` must be specified, but not both.")
        if probs is not None:
            if probs.dim() < 1:
                raise ValueError("`probs` parameter must be at least one-dimensional.")
            self.probs = probs / probs.sum(-1, keepdim=True)
        else:
            if logits.dim() < 1:
                raise ValueError("`logits` parameter must be at least one-dimensional.")
            self.logits = logits - logits.logsumexp(dim=-1, keepdim=True)
        self._param = self.probs if probs is not None else self.logits
        self._num_events = self._param.size()[-1]
        batch_shape = self._param.size()[:-1] if self._param.dim() > 1 else torch.Size()
        super(Categorical, self).__init__(batch_shape, validate_args=validate_args)

    @property
    def support(self):
        return constraints.integer_interval(0, self._num_events - 1)

    @lazy_property
    def logits(self):
        return probs_to_logits(self.probs)

    @lazy_property
    def probs(self):
        return logits_to_probs(self.logits)

    @property
    def param_shape(self):
        return self._param.size()

    @property
    def mean(self):
        return _nans(self._extended_shape())

    @property
    def variance(self):
        return _nans(self._extended_shape())

    def sample(self, sample_shape=torch.Size()):
        sample_shape = torch.Size(sample_shape)
        shape = self._extended_shape(sample_shape)
        probs_2d = self.probs.detach().reshape(-1, self._num_events)
        return _Sampling.categorical(probs_2d, sample_shape.numel()).reshape(tuple(shape))

    def log_prob(self, value):
        if self._validate_args:
            self._validate_sample(value)
        shape = _broadcast_shape([value.shape, self._batch_shape])
        flat = expand(value.detach(), shape).reshape(-1).long().tolist()
        rows = max(1, self._batch_shape.numel())
        logits_2d = self.logits.reshape(rows, self._num_events)
        return logits_2d[[i % rows for i in range(len(flat))], flat].reshape(tuple(shape))

    def entropy(self):
        min_real = torch.finfo(self.logits.dtype).min
        logits = torch.clamp(self.logits, min=min_real)
        p_log_p = logits * self.probs
        return -p_log_p.sum(-1)

    def enumerate_support(self, expand=True):
        return enumerate_values(torch.arange(self._num_events), self._batch_shape, expand)


def _nans(shape):
    return torch.full(tuple(shape), float('nan'))

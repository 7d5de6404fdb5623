"""torch.distributions.Distribution: the base class, as PyTorch 1.13's.

Parameters are checked against arg_constraints at construction and values against support in log_prob,
unless validate_args=False (or Distribution.set_default_validate_args(False)); a failed check raises PyTorch's
ValueError: "Expected parameter rate (Tensor of shape ()) of distribution Poisson(rate: -1.0) to satisfy the
constraint GreaterThanEq(lower_bound=0.0), but found invalid values: ..." and "Expected value argument (...) to be
within the support (...) of the distribution ..., but found invalid values: ...". Tensors here have at most two
dimensions, so sample_shape + batch_shape (+ event_shape) must have at most two sizes.
"""
from __future__ import absolute_import

import torch
from torch.distributions import constraints
from torch.distributions.utils import lazy_property, expand, logits_to_probs, probs_to_logits


def _text(t):
    """'{}'.format(t) as PyTorch's: a 0-d tensor formats as its number, any other as its repr."""
    if not torch.is_tensor(t):
        return t
    return t.item() if t.dim() == 0 else str(t)


class Distribution(object):
    has_rsample = False
    has_enumerate_support = False
    _validate_args = True
    support = None
    arg_constraints = {}

    @staticmethod
    def set_default_validate_args(value):
        if value not in [True, False]:
            raise ValueError
        Distribution._validate_args = value

    def __init__(self, batch_shape=torch.Size(), event_shape=torch.Size(), validate_args=None):
        self._batch_shape = torch.Size(batch_shape)
        self._event_shape = torch.Size(event_shape)
        if validate_args is not None:
            self._validate_args = validate_args
        if self._validate_args:
            for param, constraint in self.arg_constraints.items():
                if constraints.is_dependent(constraint):
                    continue
                if param not in self.__dict__ and isinstance(getattr(type(self), param), lazy_property):
                    continue
                value = getattr(self, param)
                if not constraint.check(value).all():
                    raise ValueError("Expected parameter %s (%s of shape %s) of distribution %r to satisfy the constraint "
                                     "%r, but found invalid values:\n%s" % (param, type(value).__name__,
                                                                           tuple(value.shape), self, constraint,
                                                                           _text(value)))

    @property
    def batch_shape(self):
        return self._batch_shape

    @property
    def event_shape(self):
        return self._event_shape

    @property
    def mean(self):
        raise NotImplementedError

    @property
    def variance(self):
        raise NotImplementedError

    @property
    def stddev(self):
        return self.variance.sqrt()

    def sample(self, sample_shape=torch.Size()):
        with torch.no_grad():
            return self.rsample(sample_shape)

    def rsample(self, sample_shape=torch.Size()):
        raise NotImplementedError("%s.rsample is not supported by neuralGLM's PyTorch bridge (no reparameterised "
                                  "draws); use sample()" % self.__class__.__name__)

    def sample_n(self, n):
        return self.sample(torch.Size((n,)))

    def log_prob(self, value):
        raise NotImplementedError

    def cdf(self, value):
        raise NotImplementedError

    def icdf(self, value):
        raise NotImplementedError

    def entropy(self):
        raise NotImplementedError

    def enumerate_support(self, expand=True):
        raise NotImplementedError

    def perplexity(self):
        return torch.exp(self.entropy())

    def _extended_shape(self, sample_shape=torch.Size()):
        shape = tuple(sample_shape) + tuple(self._batch_shape) + tuple(self._event_shape)
        if len(shape) > 2:
            raise ValueError("%s: sample shape %s with batch shape %s gives %d dimensions; tensors here have at most 2"
                             % (self.__class__.__name__, tuple(sample_shape), tuple(self._batch_shape), len(shape)))
        return torch.Size(shape)

    def _expanded(self, value, sample_shape):
        """A parameter broadcast to the shape of draws, outside the record."""
        return expand(value.detach(), self._extended_shape(sample_shape))

    def _validate_sample(self, value):
        if not torch.is_tensor(value):
            raise ValueError('The value argument to log_prob must be a Tensor')
        event_dim_start = len(value.size()) - len(self._event_shape)
        if tuple(value.size()[event_dim_start:]) != tuple(self._event_shape):
            raise ValueError('The right-most size of value must match event_shape: {} vs {}.'.
                             format(value.size(), self._event_shape))
        actual_shape = value.size()
        expected_shape = torch.Size(tuple(self._batch_shape) + tuple(self._event_shape))
        for i, j in zip(reversed(actual_shape), reversed(expected_shape)):
            if i != 1 and j != 1 and i != j:
                raise ValueError('Value is not broadcastable with batch_shape+event_shape: {} vs {}.'.
                                 format(actual_shape, expected_shape))
        support = self.support
        if not support.check(value).all():
            raise ValueError("Expected value argument (%s of shape %s) to be within the support (%r) of the distribution "
                             "%r, but found invalid values:\n%s" % (type(value).__name__, tuple(value.shape), support,
                                                                   self, _text(value)))

    def __repr__(self):
        param_names = [k for k, _ in self.arg_constraints.items() if k in self.__dict__]
        args_string = ', '.join(['{}: {}'.format(p, _text(self.__dict__[p]) if self.__dict__[p].numel() == 1
                                                 else self.__dict__[p].size()) for p in param_names])
        return self.__class__.__name__ + '(' + args_string + ')'

    def __getattr__(self, name):
        if name.startswith('_'):
            raise AttributeError(name)
        raise AttributeError("%s.%s is not supported by neuralGLM's PyTorch bridge (scripts/lib/torch/distributions)"
                             % (type(self).__name__, name))


class _EventProbsLogits(Distribution):
    """A distribution given the probability of an event as probs or logits (Bernoulli, Binomial, NegativeBinomial):
    the other one made from it when first asked for (logits = log p - log(1 - p), probs = sigmoid(logits)), and the
    given one's shape (self._param)."""

    @lazy_property
    def logits(self):
        return probs_to_logits(self.probs, is_binary=True)

    @lazy_property
    def probs(self):
        return logits_to_probs(self.logits, is_binary=True)

    @property
    def param_shape(self):
        return self._param.size()

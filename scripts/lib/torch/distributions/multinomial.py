"""Multinomial(total_count=1, probs=None, logits=None): counts of total_count draws over the k classes of the last
dimension of probs/logits ((k,) or a (b, k) batch), normalised as Categorical's:
    log p(x) = lgamma(sum x + 1) - sum lgamma(x + 1) + sum x logits   (0 log 0 = 0 where a logit is -inf);
mean n p, variance n p (1 - p), entropy PyTorch's (n H(Categorical) - lgamma(n + 1) + sum E[lgamma(X_i + 1)] over
Binomial(n, p_i)); sample() draws class by class with the engine's binomial sampler (conditional binomials)."""
from __future__ import absolute_import

from collections import OrderedDict

import torch
from torch.distributions import constraints
from torch.distributions.distribution import Distribution
from torch.distributions.categorical import Categorical
from torch.distributions.binomial import Binomial
from torch.distributions.utils import broadcast_all
from neuralglm.jython import Sampling as _Sampling


class Multinomial(Distribution):
    arg_constraints = OrderedDict([('probs', constraints.simplex), ('logits', constraints.real_vector)])

    def __init__(self, total_count=1, probs=None, logits=None, validate_args=None):
        if not isinstance(total_count, (int, long)) or isinstance(total_count, bool):
            raise NotImplementedError('inhomogeneous total_count is not supported')
        self.total_count = total_count
        self._categorical = Categorical(probs=probs, logits=logits)
        self._binomial = Binomial(total_count=total_count, probs=self.probs)
        batch_shape = self._categorical.batch_shape
        event_shape = self._categorical.param_shape[-1:]
        super(Multinomial, self).__init__(batch_shape, event_shape, validate_args=validate_args)

    @property
    def support(self):
        return constraints.multinomial(self.total_count)

    @property
    def logits(self):
        return self._categorical.logits

    @property
    def probs(self):
        return self._categorical.probs

    @property
    def param_shape(self):
        return self._categorical.param_shape

    @property
    def mean(self):
        return self.probs * self.total_count

    @property
    def variance(self):
        return self.total_count * self.probs * (1 - self.probs)

    def sample(self, sample_shape=torch.Size()):
        shape = self._extended_shape(sample_shape)
        k = shape[-1]
        with torch.no_grad():
            p = self._expanded(self.probs, sample_shape).reshape(-1, k)
            rows = p.size(0)
            left = torch.full((rows,), float(self.total_count))
            mass = torch.ones(rows)
            cols = []
            for j in range(k - 1):
                q = (p[:, j] / mass.clamp(min=1e-300)).clamp(min=0, max=1)
                c = _Sampling.binomial(left, q)
                cols.append(c)
                left = left - c
                mass = mass - p[:, j]
            cols.append(left)
            return torch.stack(cols, 1).reshape(tuple(shape)).type_as(self.probs)

    def entropy(self):
        n = torch.tensor(float(self.total_count))
        cat_entropy = self._categorical.entropy()
        term1 = n * cat_entropy - torch.lgamma(n + 1)
        probs = self.probs
        flat = Binomial(total_count=self.total_count, probs=probs.reshape(-1), validate_args=False)
        support = flat.enumerate_support(expand=False)[1:]
        binomial_probs = torch.exp(flat.log_prob(support))
        weights = torch.lgamma(support + 1)
        term2 = (binomial_probs * weights).sum(0).reshape(tuple(probs.shape)).sum(-1)
        return term1 + term2

    def log_prob(self, value):
        if self._validate_args:
            self._validate_sample(value)
        logits, value = broadcast_all(self.logits, value)
        log_factorial_n = torch.lgamma(value.sum(-1) + 1)
        log_factorial_xs = torch.lgamma(value + 1).sum(-1)
        logits = torch.where((value == 0) & (logits == float('-inf')), torch.zeros_like(logits), logits)
        log_powers = (logits * value).sum(-1)
        return log_factorial_n - log_factorial_xs + log_powers

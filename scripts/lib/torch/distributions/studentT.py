"""StudentT(df, loc=0, scale=1): with y = (x - loc) / scale,
    log p(x) = -(df + 1)/2 log1p(y^2 / df) - (log scale + log(df)/2 + log(pi)/2 + lgamma(df/2) - lgamma((df+1)/2));
mean loc (NaN where df <= 1), variance scale^2 df / (df - 2) (inf where 1 < df <= 2, NaN where df <= 1), entropy as
PyTorch's (digamma); df > 0 is checked as PyTorch's Chi2(df) checks it (its message); sample() is loc + scale X / sqrt(Z / df), X standard normal, Z ~ Chi2(df) = Gamma(df/2, 1/2)
from the engine's Gamma sampler; no rsample (it needs Gamma's reparameterised draws)."""
from __future__ import absolute_import

import math
from collections import OrderedDict

import torch
from torch.distributions import constraints
from torch.distributions.distribution import Distribution, _text
from torch.distributions.utils import broadcast_all
from neuralglm.jython import Sampling as _Sampling


class StudentT(Distribution):
    arg_constraints = OrderedDict([('df', constraints.positive), ('loc', constraints.real),
                                   ('scale', constraints.positive)])
    support = constraints.real

    def __init__(self, df, loc=0., scale=1., validate_args=None):
        self.df, self.loc, self.scale = broadcast_all(df, loc, scale)
        if Distribution._validate_args and not bool((self.df > 0).all()):
            # PyTorch's StudentT makes Chi2(df) first, with the default validation
            raise ValueError("Expected parameter df (%s of shape %s) of distribution Chi2() to satisfy the constraint "
                             "%r, but found invalid values:\n%s" % (type(self.df).__name__, tuple(self.df.shape),
                                                                    constraints.positive, _text(self.df)))
        super(StudentT, self).__init__(self.df.size(), validate_args=validate_args)

    @property
    def mean(self):
        return torch.where(self.df <= 1, torch.tensor(float('nan')), self.loc)

    @property
    def variance(self):
        df = torch.where(self.df > 2, self.df, torch.tensor(3.))
        v = torch.where(self.df > 2, self.scale.pow(2) * df / (df - 2), torch.tensor(float('inf')))
        return torch.where(self.df <= 1, torch.tensor(float('nan')), v)

    def rsample(self, sample_shape=torch.Size()):
        raise NotImplementedError("StudentT.rsample is not supported by neuralGLM's PyTorch bridge (it needs "
                                  "reparameterised Gamma draws); use sample()")

    def sample(self, sample_shape=torch.Size()):
        with torch.no_grad():
            shape = self._extended_shape(sample_shape)
            df = self._expanded(self.df, sample_shape)
            x = torch.randn(shape)
            z = _Sampling.gamma(0.5 * df, 0.5 * torch.ones_like(df))
            return self._expanded(self.loc, sample_shape) + self._expanded(self.scale, sample_shape) * (
                x * torch.rsqrt(z / df))

    def log_prob(self, value):
        if self._validate_args:
            self._validate_sample(value)
        y = (value - self.loc) / self.scale
        Z = (self.scale.log() + 0.5 * self.df.log() + 0.5 * math.log(math.pi) + torch.lgamma(0.5 * self.df) -
             torch.lgamma(0.5 * (self.df + 1.)))
        return -0.5 * (self.df + 1.) * torch.log1p(y ** 2. / self.df) - Z

    def entropy(self):
        lbeta = torch.lgamma(0.5 * self.df) + math.lgamma(0.5) - torch.lgamma(0.5 * (self.df + 1))
        return (self.scale.log() + 0.5 * (self.df + 1) *
                (torch.digamma(0.5 * (self.df + 1)) - torch.digamma(0.5 * self.df)) +
                0.5 * self.df.log() + lbeta)

"""Beta(concentration1 a, concentration0 b): PyTorch's Dirichlet over (x, 1 - x):
    log p(x) = (a - 1) log x + (b - 1) log(1 - x) + lgamma(a + b) - lgamma(a) - lgamma(b);
mean a / (a + b), variance a b / ((a + b)^2 (a + b + 1)), entropy the Dirichlet's (lgamma, digamma);
sample() is X / (X + Y), X ~ Gamma(a, 1), Y ~ Gamma(b, 1) from the engine's sampler; no rsample (PyTorch's needs
Dirichlet's reparameterised gradient). Parameters are checked as PyTorch's Dirichlet(stack([a, b], -1)) checks them
(its error message); repr Beta()."""
from __future__ import absolute_import

from collections import OrderedDict

import torch
from torch.distributions import constraints
from torch.distributions.distribution import Distribution, _text
from torch.distributions.utils import broadcast_all, _NUMBERS
from neuralglm.jython import Sampling as _Sampling

_CONCENTRATION = constraints.independent(constraints.positive, 1)


class Beta(Distribution):
    arg_constraints = OrderedDict([('concentration1', constraints.positive),
                                   ('concentration0', constraints.positive)])
    support = constraints.unit_interval

    def __init__(self, concentration1, concentration0, validate_args=None):
        if isinstance(concentration1, _NUMBERS) and isinstance(concentration0, _NUMBERS):
            a, b = torch.tensor(float(concentration1)), torch.tensor(float(concentration0))
        else:
            a, b = broadcast_all(concentration1, concentration0)
        if a.dim() > 1:
            raise ValueError("Beta: batch shape %s needs a 3-d Dirichlet concentration; tensors here have at most 2 "
                             "dimensions" % (tuple(a.shape),))
        self._c1, self._c0 = a, b
        validate = validate_args if validate_args is not None else Distribution._validate_args
        if validate:
            stacked = torch.stack([a.detach(), b.detach()], -1)
            if not bool(_CONCENTRATION.check(stacked).all()):
                name = 'concentration: {}'.format(stacked.size())
                raise ValueError("Expected parameter concentration (%s of shape %s) of distribution Dirichlet(%s) "
                                 "to satisfy the constraint %r, but found invalid values:\n%s"
                                 % (type(stacked).__name__, tuple(stacked.shape), name, _CONCENTRATION,
                                    _text(stacked)))
        super(Beta, self).__init__(a.size(), validate_args=validate_args)

    @property
    def concentration1(self):
        return self._c1

    @property
    def concentration0(self):
        return self._c0

    @property
    def mean(self):
        return self.concentration1 / (self.concentration1 + self.concentration0)

    @property
    def variance(self):
        total = self.concentration1 + self.concentration0
        return self.concentration1 * self.concentration0 / (total.pow(2) * (total + 1))

    def rsample(self, sample_shape=torch.Size()):
        raise NotImplementedError("Beta.rsample is not supported by neuralGLM's PyTorch bridge (it needs Dirichlet's "
                                  "reparameterised gradient); use sample()")

    def sample(self, sample_shape=torch.Size()):
        with torch.no_grad():
            a = self._expanded(self._c1, sample_shape)
            b = self._expanded(self._c0, sample_shape)
            x = _Sampling.gamma(a, torch.ones_like(a))
            y = _Sampling.gamma(b, torch.ones_like(b))
            return x / (x + y)

    def log_prob(self, value):
        if self._validate_args:
            self._validate_sample(value)
        a, b = self._c1, self._c0
        return (((torch.log(value) * (a - 1.0)) + (torch.log(1.0 - value) * (b - 1.0))) +
                torch.lgamma(a + b) - (torch.lgamma(a) + torch.lgamma(b)))

    def entropy(self):
        a, b = self._c1, self._c0
        a0 = a + b
        return ((torch.lgamma(a) + torch.lgamma(b)) - torch.lgamma(a0) - (2 - a0) * torch.digamma(a0) -
                ((a - 1.0) * torch.digamma(a) + (b - 1.0) * torch.digamma(b)))

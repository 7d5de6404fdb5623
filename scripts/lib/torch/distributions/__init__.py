"""torch.distributions over neuralGLM's Jython bridge: Normal, Bernoulli, Categorical, Poisson, Gamma,
Exponential, Binomial and NegativeBinomial, with PyTorch 1.13's log_prob formulas written in the bridge's
recorded tensor operations (so loss = -Poisson(torch.exp(eta)).log_prob(y).mean(); loss.backward() works),
mean, variance, stddev, batch_shape, event_shape, sample(sample_shape) (draws from the bridge's generator,
seeded by torch.manual_seed; they differ from PyTorch's draws), PyTorch's argument and support checks
(validate_args), and torch.distributions.constraints. Tensors have at most 2 dimensions. Other
distributions, entropy, cdf, kl_divergence and transforms are not here (one-line AttributeError).
"""
from __future__ import absolute_import

import _shim

from torch.distributions import constraints
from torch.distributions.distribution import Distribution
from torch.distributions.normal import Normal
from torch.distributions.bernoulli import Bernoulli
from torch.distributions.categorical import Categorical
from torch.distributions.poisson import Poisson
from torch.distributions.gamma import Gamma
from torch.distributions.exponential import Exponential
from torch.distributions.binomial import Binomial
from torch.distributions.negative_binomial import NegativeBinomial

_shim.strict(__name__, "neuralGLM's PyTorch bridge (scripts/lib/torch/distributions)")

"""torch.distributions over neuralGLM's Jython bridge, as PyTorch 1.13's, with the formulas written in the bridge's
recorded tensor operations (so loss = -Poisson(torch.exp(eta)).log_prob(y).mean(); loss.backward() works):

  Normal, Bernoulli, Categorical, Poisson, Gamma, Exponential, Binomial, NegativeBinomial, Uniform, Laplace,
  LogNormal, Beta, StudentT, Cauchy, HalfNormal, Geometric, Multinomial, MultivariateNormal, Independent

each with log_prob, mean, variance, stddev, batch_shape, event_shape, sample(sample_shape) (draws from the bridge's
generator, seeded by torch.manual_seed: PyTorch's draws for Normal, Bernoulli, Poisson and Categorical, other
numbers for the Gamma, Exponential and Binomial samplers), rsample where PyTorch 1.13 has it and
the bridge can record it (Normal, Uniform, Laplace, Cauchy, LogNormal, HalfNormal, MultivariateNormal; not Beta,
StudentT: they need reparameterised Gamma draws), PyTorch's argument and support checks (validate_args), and
where PyTorch 1.13 has them: entropy() and perplexity() (all but Poisson and NegativeBinomial), cdf/icdf (Normal,
Exponential, Uniform, Laplace, Cauchy, LogNormal, HalfNormal), enumerate_support (Bernoulli, Categorical,
Binomial), probs <-> logits (Bernoulli, Categorical, Binomial, NegativeBinomial, Geometric, Multinomial);
kl_divergence / kl.kl_divergence and register_kl (the pairs listed in torch/distributions/kl.py); and
torch.distributions.constraints. Tensors have at most 2 dimensions, so MultivariateNormal takes one (d, d) matrix
(loc (d,) or (n, d)), Independent reinterprets one batch dimension and Multinomial's probs are (k,) or (b, k).
Other distributions and transforms are not here (one-line AttributeError).
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
from torch.distributions.uniform import Uniform
from torch.distributions.laplace import Laplace
from torch.distributions.log_normal import LogNormal
from torch.distributions.beta import Beta
from torch.distributions.studentT import StudentT
from torch.distributions.cauchy import Cauchy
from torch.distributions.half_normal import HalfNormal
from torch.distributions.geometric import Geometric
from torch.distributions.multinomial import Multinomial
from torch.distributions.multivariate_normal import MultivariateNormal
from torch.distributions.independent import Independent
from torch.distributions import kl
from torch.distributions.kl import kl_divergence, register_kl

_shim.strict(__name__, "neuralGLM's PyTorch bridge (scripts/lib/torch/distributions)")

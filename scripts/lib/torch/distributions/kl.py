"""torch.distributions.kl: kl_divergence(p, q) and register_kl(type_p, type_q), as PyTorch 1.13's (the most
specific registered pair of the two types' classes is used). The pairs here, with PyTorch's formulas written in
the bridge's recorded operations (gradients reach both distributions' parameters):
    Normal-Normal, Bernoulli-Bernoulli, Categorical-Categorical, Poisson-Poisson, Exponential-Exponential,
    Gamma-Gamma, Binomial-Binomial, Geometric-Geometric, Uniform-Uniform, Laplace-Laplace, Cauchy-Cauchy,
    Beta-Beta, HalfNormal-HalfNormal, LogNormal-LogNormal, MultivariateNormal-MultivariateNormal,
    Independent-Independent, and the cross pairs Bernoulli-Poisson, Exponential-Gamma, Gamma-Exponential,
    Exponential-Normal, Normal-Laplace.
A pair PyTorch 1.13 has no KL for raises its NotImplementedError ("No KL(p || q) is implemented for p type Normal
and q type Poisson", or for two exponential families its "cross KL-divergence ... Bregman divergences" message);
one PyTorch has but the bridge lacks (e.g. Beta-Normal) raises NotImplementedError naming the bridge.
"""
from __future__ import absolute_import

import math

import torch
from torch.distributions.distribution import Distribution
from torch.distributions.normal import Normal
from torch.distributions.bernoulli import Bernoulli
from torch.distributions.categorical import Categorical
from torch.distributions.poisson import Poisson
from torch.distributions.gamma import Gamma
from torch.distributions.exponential import Exponential
from torch.distributions.binomial import Binomial
from torch.distributions.uniform import Uniform
from torch.distributions.laplace import Laplace
from torch.distributions.cauchy import Cauchy
from torch.distributions.beta import Beta
from torch.distributions.half_normal import HalfNormal
from torch.distributions.log_normal import LogNormal
from torch.distributions.geometric import Geometric
from torch.distributions.multivariate_normal import MultivariateNormal, _batch_mahalanobis
from torch.distributions.independent import Independent
import torch.nn.functional as F

_KL_REGISTRY = {}
_KL_MEMOIZE = {}
_EULER_GAMMA = 0.57721566490153286060

# PyTorch 1.13's exponential families among the bridge's distributions, and the pairs of them it computes (the others
# fall to its Bregman-divergence KL, which refuses different families)
_EXP_FAMILY = ('Normal', 'Bernoulli', 'Poisson', 'Gamma', 'Exponential', 'Beta')
# the pairs PyTorch 1.13 computes between different distributions of the bridge that the bridge does not
_PYTORCH_ONLY = set(tuple(pair.split('-')) for pair in (
    'Normal-Gamma Normal-Exponential Normal-Uniform Normal-Beta Poisson-Bernoulli Poisson-Binomial Gamma-Normal '
    'Gamma-Uniform Gamma-Beta Exponential-Uniform Exponential-Beta Uniform-Normal Uniform-Gamma '
    'Uniform-Exponential Uniform-Beta Laplace-Normal Laplace-Gamma Laplace-Exponential Laplace-Uniform Laplace-Beta '
    'Beta-Normal Beta-Gamma Beta-Exponential Beta-Uniform').split())
_TRANSFORMED = ('LogNormal', 'HalfNormal')


def register_kl(type_p, type_q):
    """Decorator registering fun(p, q) as the KL divergence of a type_p and a type_q."""
    if not (isinstance(type_p, type) and issubclass(type_p, Distribution)):
        raise TypeError('Expected type_p to be a Distribution subclass but got {}'.format(type_p))
    if not (isinstance(type_q, type) and issubclass(type_q, Distribution)):
        raise TypeError('Expected type_q to be a Distribution subclass but got {}'.format(type_q))

    def decorator(fun):
        _KL_REGISTRY[type_p, type_q] = fun
        _KL_MEMOIZE.clear()
        return fun
    return decorator


def _dispatch_kl(type_p, type_q):
    matches = [(p, q) for p, q in _KL_REGISTRY if issubclass(type_p, p) and issubclass(type_q, q)]
    if not matches:
        return NotImplemented
    mro_p, mro_q = type_p.__mro__, type_q.__mro__
    best = min(matches, key=lambda m: (mro_p.index(m[0]), mro_q.index(m[1])))
    return _KL_REGISTRY[best]


def _not_implemented(p, q):
    a, b = type(p).__name__, type(q).__name__
    if (a, b) in _PYTORCH_ONLY:
        return NotImplementedError("KL(p || q) for p type %s and q type %s is in PyTorch 1.13 but not supported by "
                                   "neuralGLM's PyTorch bridge (scripts/lib/torch/distributions/kl.py)" % (a, b))
    if a in _EXP_FAMILY and b in _EXP_FAMILY and a != b:
        return NotImplementedError("The cross KL-divergence between different exponential families cannot"
                                   "                             be computed using Bregman divergences")
    if a in _TRANSFORMED and b in _TRANSFORMED:
        return NotImplementedError()
    return NotImplementedError("No KL(p || q) is implemented for p type {} and q type {}".format(a, b))


def kl_divergence(p, q):
    """KL(p || q), batched over batch_shape."""
    try:
        fun = _KL_MEMOIZE[type(p), type(q)]
    except KeyError:
        fun = _dispatch_kl(type(p), type(q))
        _KL_MEMOIZE[type(p), type(q)] = fun
    if fun is NotImplemented:
        raise _not_implemented(p, q)
    return fun(p, q)


def _inf_where(mask, t):
    return torch.where(mask, torch.tensor(float('inf')), t)


def _zero_where(mask, t):
    return torch.where(mask, torch.tensor(0.), t)


@register_kl(Bernoulli, Bernoulli)
def _kl_bernoulli_bernoulli(p, q):
    t1 = p.probs * (F.softplus(-q.logits) - F.softplus(-p.logits))
    t1 = _zero_where(p.probs == 0, _inf_where(q.probs == 0, t1))
    t2 = (1 - p.probs) * (F.softplus(q.logits) - F.softplus(p.logits))
    t2 = _zero_where(p.probs == 1, _inf_where(q.probs == 1, t2))
    return t1 + t2


@register_kl(Beta, Beta)
def _kl_beta_beta(p, q):
    sum_params_p = p.concentration1 + p.concentration0
    sum_params_q = q.concentration1 + q.concentration0
    t1 = q.concentration1.lgamma() + q.concentration0.lgamma() + (sum_params_p).lgamma()
    t2 = p.concentration1.lgamma() + p.concentration0.lgamma() + (sum_params_q).lgamma()
    t3 = (p.concentration1 - q.concentration1) * torch.digamma(p.concentration1)
    t4 = (p.concentration0 - q.concentration0) * torch.digamma(p.concentration0)
    t5 = (sum_params_q - sum_params_p) * torch.digamma(sum_params_p)
    return t1 - t2 + t3 + t4 + t5


@register_kl(Binomial, Binomial)
def _kl_binomial_binomial(p, q):
    if bool((p.total_count < q.total_count).any()):
        raise NotImplementedError('KL between Binomials where q.total_count > p.total_count is not implemented')
    kl = p.total_count * (p.probs * (p.logits - q.logits) + (-p.probs).log1p() - (-q.probs).log1p())
    return _inf_where(p.total_count > q.total_count, kl)


@register_kl(Categorical, Categorical)
def _kl_categorical_categorical(p, q):
    t = p.probs * (p.logits - q.logits)
    zeros = torch.zeros_like(t)
    t = _inf_where((q.probs == 0) | (zeros != 0), t)
    t = _zero_where((p.probs == 0) | (zeros != 0), t)
    return t.sum(-1)


@register_kl(Exponential, Exponential)
def _kl_exponential_exponential(p, q):
    rate_ratio = q.rate / p.rate
    t1 = -rate_ratio.log()
    return t1 + rate_ratio - 1


@register_kl(Gamma, Gamma)
def _kl_gamma_gamma(p, q):
    t1 = q.concentration * (p.rate / q.rate).log()
    t2 = torch.lgamma(q.concentration) - torch.lgamma(p.concentration)
    t3 = (p.concentration - q.concentration) * torch.digamma(p.concentration)
    t4 = (q.rate - p.rate) * (p.concentration / p.rate)
    return t1 + t2 + t3 + t4


@register_kl(Geometric, Geometric)
def _kl_geometric_geometric(p, q):
    return -p.entropy() - torch.log1p(-q.probs) / p.probs - q.logits


@register_kl(HalfNormal, HalfNormal)
def _kl_halfnormal_halfnormal(p, q):
    return _kl_normal_normal(p.base_dist, q.base_dist)


@register_kl(LogNormal, LogNormal)
def _kl_lognormal_lognormal(p, q):
    return kl_divergence(p.base_dist, q.base_dist)


@register_kl(Laplace, Laplace)
def _kl_laplace_laplace(p, q):
    scale_ratio = p.scale / q.scale
    loc_abs_diff = (p.loc - q.loc).abs()
    t1 = -scale_ratio.log()
    t2 = loc_abs_diff / q.scale
    t3 = scale_ratio * torch.exp(-loc_abs_diff / p.scale)
    return t1 + t2 + t3 - 1


@register_kl(MultivariateNormal, MultivariateNormal)
def _kl_multivariatenormal_multivariatenormal(p, q):
    if p.event_shape != q.event_shape:
        raise ValueError("KL-divergence between two Multivariate Normals with"
                         "                          different event shapes cannot be computed")
    half_term1 = (q._unbroadcasted_scale_tril.diagonal().log().sum(-1) -
                  p._unbroadcasted_scale_tril.diagonal().log().sum(-1))
    n = p.event_shape[0]
    x = torch.linalg.solve_triangular(q._unbroadcasted_scale_tril, p._unbroadcasted_scale_tril, upper=False)
    term2 = x.reshape(-1).pow(2).sum(-1)
    term3 = _batch_mahalanobis(q._unbroadcasted_scale_tril, (q.loc - p.loc))
    return half_term1 + 0.5 * (term2 + term3 - n)


@register_kl(Normal, Normal)
def _kl_normal_normal(p, q):
    var_ratio = (p.scale / q.scale).pow(2)
    t1 = ((p.loc - q.loc) / q.scale).pow(2)
    return 0.5 * (var_ratio + t1 - 1 - var_ratio.log())


@register_kl(Poisson, Poisson)
def _kl_poisson_poisson(p, q):
    return p.rate * (p.rate.log() - q.rate.log()) - (p.rate - q.rate)


@register_kl(Uniform, Uniform)
def _kl_uniform_uniform(p, q):
    result = ((q.high - q.low) / (p.high - p.low)).log()
    return _inf_where((q.low > p.low) | (q.high < p.high), result)


@register_kl(Cauchy, Cauchy)
def _kl_cauchy_cauchy(p, q):
    t1 = ((p.scale + q.scale).pow(2) + (p.loc - q.loc).pow(2)).log()
    t2 = (4 * p.scale * q.scale).log()
    return t1 - t2


@register_kl(Independent, Independent)
def _kl_independent_independent(p, q):
    if p.reinterpreted_batch_ndims != q.reinterpreted_batch_ndims:
        raise NotImplementedError
    result = kl_divergence(p.base_dist, q.base_dist)
    return result.sum(-1) if p.reinterpreted_batch_ndims else result


@register_kl(Bernoulli, Poisson)
def _kl_bernoulli_poisson(p, q):
    return -p.entropy() - (p.probs * q.rate.log() - q.rate)


@register_kl(Exponential, Gamma)
def _kl_exponential_gamma(p, q):
    ratio = q.rate / p.rate
    t1 = -q.concentration * torch.log(ratio)
    return t1 + ratio + q.concentration.lgamma() + q.concentration * _EULER_GAMMA - (1 + _EULER_GAMMA)


@register_kl(Gamma, Exponential)
def _kl_gamma_exponential(p, q):
    return -p.entropy() - q.rate.log() + q.rate * p.concentration / p.rate


@register_kl(Exponential, Normal)
def _kl_exponential_normal(p, q):
    var_normal = q.scale.pow(2)
    rate_sqr = p.rate.pow(2)
    t1 = 0.5 * torch.log(rate_sqr * var_normal * 2 * math.pi)
    t2 = rate_sqr.reciprocal()
    t3 = q.loc / p.rate
    t4 = q.loc.pow(2) * 0.5
    return t1 - 1 + (t2 - t3 + t4) / var_normal


@register_kl(Normal, Laplace)
def _kl_normal_laplace(p, q):
    loc_diff = p.loc - q.loc
    scale_ratio = p.scale / q.scale
    loc_diff_scale_ratio = loc_diff / p.scale
    t1 = torch.log(scale_ratio)
    t2 = math.sqrt(2 / math.pi) * p.scale * torch.exp(-0.5 * loc_diff_scale_ratio.pow(2))
    t3 = loc_diff * torch.erf(math.sqrt(0.5) * loc_diff_scale_ratio)
    return -t1 + (t2 + t3) / q.scale - (0.5 * (1 + math.log(0.5 * math.pi)))

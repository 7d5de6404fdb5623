# DistributionsMoreTest's cases, run by PyTorch 1.13 (/usr/bin/python3 more_cases.py > more_pytorch_1.13.txt) and by the
# bridge: entropy, cdf, icdf, log_prob, kl_divergence and their gradients w.r.t. the parameters (leaves), moments,
# enumerate_support, perplexity, and the refusals (exception type and message). float64 throughout.
from __future__ import print_function, division

import torch
from torch.distributions import (Normal, Bernoulli, Categorical, Poisson, Gamma, Exponential, Binomial, Uniform,
                                 Laplace, LogNormal, Beta, StudentT, Cauchy, HalfNormal, Geometric, Multinomial,
                                 MultivariateNormal, Independent, kl_divergence, NegativeBinomial)

torch.set_default_dtype(torch.float64)
T = torch.tensor


def numbers(t):
    v = t.tolist()
    flat = []
    for x in (v if isinstance(v, list) else [v]):
        flat.extend(x if isinstance(x, list) else [x])
    return ' '.join(repr(float(x)) for x in flat)


def show(label, fn, params):
    """fn(*leaves) and the gradients of its sum w.r.t. the leaves (None printed as 'none')."""
    leaves = [T(p, requires_grad=True) for p in params]
    try:
        out = fn(*leaves)
    except Exception as e:
        print((label + ' | ' + type(e).__name__ + ': ' + str(e).replace('\n', ' ')).rstrip())
        return
    print(label + ' | ' + numbers(out) + ' | shape ' + str(tuple(out.shape)))
    if out.requires_grad:
        out.sum().backward()
    for k, leaf in enumerate(leaves):
        print(label + ' grad%d | ' % k + ('none' if leaf.grad is None else numbers(leaf.grad)))


def refusal(label, make):
    try:
        make()
        print(label + ' | no exception')
    except Exception as e:
        print((label + ' | ' + type(e).__name__ + ': ' + str(e).replace('\n', ' ')).rstrip())


X = T([0.3, 1.7, 0.05])
P = T([0.2, 0.5, 0.93])
# (label, constructor over leaves, parameters, value for log_prob/cdf)
CASES = [
    ('normal', lambda a, b: Normal(a, b), [[0.0, 1.0, -2.0], [1.0, 0.5, 3.0]], X),
    ('exponential', lambda a: Exponential(a), [[0.5, 2.0, 7.0]], X),
    ('uniform', lambda a, b: Uniform(a, b), [[0.0, 1.0, -2.0], [1.0, 2.5, 0.5]], X),
    ('laplace', lambda a, b: Laplace(a, b), [[0.0, 2.0, -2.0], [1.0, 0.5, 3.0]], X),
    ('cauchy', lambda a, b: Cauchy(a, b), [[0.0, 2.0, -2.0], [1.0, 0.5, 3.0]], X),
    ('lognormal', lambda a, b: LogNormal(a, b), [[0.0, 1.0, -2.0], [1.0, 0.5, 3.0]], X),
    ('halfnormal', lambda a: HalfNormal(a), [[1.0, 0.5, 3.0]], X),
    ('gamma', lambda a, b: Gamma(a, b), [[0.5, 2.0, 9.0], [1.0, 0.5, 3.0]], X),
    ('beta', lambda a, b: Beta(a, b), [[0.5, 2.0, 9.0], [1.0, 0.7, 3.0]], T([0.3, 0.9, 0.05])),
    ('studentT', lambda a, b, c: StudentT(a, b, c), [[0.7, 2.0, 9.0], [0.0, 1.0, -1.0], [1.0, 0.5, 3.0]], X),
    ('geometric', lambda a: Geometric(probs=a), [[0.2, 0.5, 0.93]], T([0., 3., 1.])),
    ('geometric logits', lambda a: Geometric(logits=a), [[-1.0, 0.5, 3.0]], T([0., 3., 1.])),
    ('bernoulli', lambda a: Bernoulli(probs=a), [[0.2, 0.5, 0.93]], T([0., 1., 1.])),
    ('bernoulli logits', lambda a: Bernoulli(logits=a), [[-1.0, 0.5, 3.0]], T([0., 1., 1.])),
    ('binomial', lambda a: Binomial(6, probs=a), [[0.2, 0.5, 0.93]], T([0., 3., 6.])),
    ('binomial logits', lambda a: Binomial(4, logits=a), [[-1.0, 0.5, 3.0]], T([0., 3., 4.])),
    ('categorical', lambda a: Categorical(probs=a), [[[0.2, 0.3, 0.5], [0.6, 0.1, 0.3]]], T([2., 0.])),
    ('categorical logits', lambda a: Categorical(logits=a), [[[0.2, -1.3, 2.5], [0.6, 0.1, -0.3]]], T([1., 2.])),
    ('multinomial', lambda a: Multinomial(5, probs=a), [[[0.2, 0.3, 0.5], [0.6, 0.1, 0.3]]],
     T([[1., 2., 2.], [5., 0., 0.]])),
    ('multinomial logits', lambda a: Multinomial(3, logits=a), [[0.2, -1.3, 2.5]], T([[1., 0., 2.], [0., 3., 0.]])),
    ('mvn cov', lambda m, c: MultivariateNormal(m, covariance_matrix=c), [[0.5, -1.0, 2.0],
     [[2.0, 0.3, -0.4], [0.3, 1.0, 0.2], [-0.4, 0.2, 1.5]]], T([[0.1, 0.2, 0.3], [1.0, -2.0, 2.5]])),
    ('mvn precision', lambda m, c: MultivariateNormal(m, precision_matrix=c), [[[0.5, -1.0], [0.0, 1.0]],
     [[2.0, 0.3], [0.3, 1.0]]], T([[0.1, 0.2], [1.0, -2.0]])),
    ('mvn tril', lambda m, c: MultivariateNormal(m, scale_tril=c), [[0.5, -1.0], [[2.0, 0.0], [0.3, 0.7]]],
     T([0.1, 0.2])),
    ('independent', lambda a, b: Independent(Normal(a, b), 1), [[[0.0, 1.0], [-2.0, 0.5]], [[1.0, 0.5], [3.0, 2.0]]],
     T([[0.3, 1.7], [0.05, 1.0]])),
]

for label, make, params, value in CASES:
    show(label + ' log_prob', lambda *a: make(*a).log_prob(value), params)
    show(label + ' entropy', lambda *a: make(*a).entropy(), params)
    show(label + ' perplexity', lambda *a: make(*a).perplexity(), params)
    show(label + ' mean', lambda *a: make(*a).mean, params)
    show(label + ' variance', lambda *a: make(*a).variance, params)
    if label in ('normal', 'exponential', 'uniform', 'laplace', 'cauchy', 'lognormal', 'halfnormal'):
        show(label + ' cdf', lambda *a: make(*a).cdf(value), params)
        show(label + ' icdf', lambda *a: make(*a).icdf(P), params)

show('mvn cov covariance_matrix', lambda m, c: MultivariateNormal(m, c).covariance_matrix,
     [[0.5, -1.0], [[2.0, 0.3], [0.3, 1.0]]])
show('mvn cov precision_matrix', lambda m, c: MultivariateNormal(m, c).precision_matrix,
     [[0.5, -1.0], [[2.0, 0.3], [0.3, 1.0]]])
show('mvn precision scale_tril', lambda m, c: MultivariateNormal(m, precision_matrix=c).scale_tril,
     [[0.5, -1.0], [[2.0, 0.3], [0.3, 1.0]]])
show('bernoulli probs->logits', lambda a: Bernoulli(probs=a).logits, [[0.2, 0.5, 0.93]])
show('bernoulli logits->probs', lambda a: Bernoulli(logits=a).probs, [[-1.0, 0.5, 3.0]])
show('categorical probs normalised', lambda a: Categorical(probs=a).probs, [[[1.0, 3.0], [2.0, 2.0]]])
show('categorical logits normalised', lambda a: Categorical(logits=a).logits, [[[1.0, 3.0], [2.0, 2.0]]])
show('categorical probs->logits', lambda a: Categorical(probs=a).logits, [[[1.0, 3.0], [2.0, 2.0]]])
show('binomial logits->probs', lambda a: Binomial(3, logits=a).probs, [[-1.0, 0.5, 3.0]])
show('binomial probs->logits', lambda a: Binomial(3, probs=a).logits, [[0.2, 0.5, 0.93]])
show('categorical entropy zero prob', lambda a: Categorical(probs=a).entropy(), [[0.0, 0.25, 0.75]])
print('enumerate bernoulli | ' + numbers(Bernoulli(probs=T([0.2, 0.7])).enumerate_support()) + ' | ' +
      str(tuple(Bernoulli(probs=T([0.2, 0.7])).enumerate_support(False).shape)))
print('enumerate categorical | ' + numbers(Categorical(probs=T([[0.2, 0.8], [0.5, 0.5]])).enumerate_support()) +
      ' | ' + str(Categorical(probs=T([0.2, 0.8])).enumerate_support().dtype))
print('enumerate binomial | ' + numbers(Binomial(3, probs=T(0.2)).enumerate_support()) + ' | ' +
      str(tuple(Binomial(T([3., 3.]), probs=T([0.2, 0.4])).enumerate_support(False).shape)))

KL = [
    ('normal', lambda a, b, c, d: (Normal(a, b), Normal(c, d)), [[0.0, 1.0], [1.0, 0.5], [0.5, -1.0], [2.0, 0.7]]),
    ('bernoulli', lambda a, b: (Bernoulli(probs=a), Bernoulli(probs=b)), [[0.2, 0.5, 0.0, 1.0], [0.7, 0.4, 0.3, 0.6]]),
    ('bernoulli q0', lambda a, b: (Bernoulli(probs=a), Bernoulli(probs=b)), [[0.2, 0.0], [0.0, 0.0]]),
    ('categorical', lambda a, b: (Categorical(probs=a), Categorical(probs=b)),
     [[[0.2, 0.3, 0.5], [0.0, 0.5, 0.5]], [[0.3, 0.3, 0.4], [0.2, 0.0, 0.8]]]),
    ('poisson', lambda a, b: (Poisson(a), Poisson(b)), [[0.5, 3.0], [1.5, 0.2]]),
    ('exponential', lambda a, b: (Exponential(a), Exponential(b)), [[0.5, 3.0], [1.5, 0.2]]),
    ('gamma', lambda a, b, c, d: (Gamma(a, b), Gamma(c, d)), [[0.5, 3.0], [1.5, 0.2], [2.0, 1.0], [0.7, 4.0]]),
    ('uniform', lambda a, b, c, d: (Uniform(a, b), Uniform(c, d)),
     [[0.0, 1.0, 0.0], [1.0, 2.0, 1.0], [-1.0, 0.5, 0.5], [2.0, 3.0, 2.0]]),
    ('laplace', lambda a, b, c, d: (Laplace(a, b), Laplace(c, d)), [[0.0, 1.0], [1.0, 0.5], [0.5, -1.0], [2.0, 0.7]]),
    ('beta', lambda a, b, c, d: (Beta(a, b), Beta(c, d)), [[0.5, 3.0], [1.5, 0.2], [2.0, 1.0], [0.7, 4.0]]),
    ('binomial', lambda a, b: (Binomial(5, probs=a), Binomial(5, probs=b)), [[0.2, 0.9], [0.5, 0.3]]),
    ('geometric', lambda a, b: (Geometric(probs=a), Geometric(probs=b)), [[0.2, 0.9], [0.5, 0.3]]),
    ('cauchy', lambda a, b, c, d: (Cauchy(a, b), Cauchy(c, d)), [[0.0, 1.0], [1.0, 0.5], [0.5, -1.0], [2.0, 0.7]]),
    ('halfnormal', lambda a, b: (HalfNormal(a), HalfNormal(b)), [[1.0, 0.5], [2.0, 0.7]]),
    ('lognormal', lambda a, b, c, d: (LogNormal(a, b), LogNormal(c, d)), [[0.0, 1.0], [1.0, 0.5], [0.5, -1.0],
                                                                         [2.0, 0.7]]),
    ('mvn', lambda a, b, c, d: (MultivariateNormal(a, b), MultivariateNormal(c, scale_tril=d)),
     [[0.5, -1.0], [[2.0, 0.3], [0.3, 1.0]], [[0.0, 0.0], [1.0, -2.0]], [[1.5, 0.0], [-0.4, 0.8]]]),
    ('independent', lambda a, b, c, d: (Independent(Normal(a, b), 1), Independent(Normal(c, d), 1)),
     [[[0.0, 1.0], [1.0, 2.0]], [[1.0, 0.5], [2.0, 1.0]], [[0.5, -1.0], [0.0, 0.0]], [[2.0, 0.7], [1.0, 3.0]]]),
    ('bernoulli-poisson', lambda a, b: (Bernoulli(probs=a), Poisson(b)), [[0.2, 0.9], [0.5, 3.0]]),
    ('exponential-gamma', lambda a, b, c: (Exponential(a), Gamma(b, c)), [[0.2, 0.9], [0.5, 3.0], [1.0, 2.0]]),
    ('gamma-exponential', lambda a, b, c: (Gamma(a, b), Exponential(c)), [[0.2, 0.9], [0.5, 3.0], [1.0, 2.0]]),
    ('exponential-normal', lambda a, b, c: (Exponential(a), Normal(b, c)), [[0.2, 0.9], [0.5, 3.0], [1.0, 2.0]]),
    ('normal-laplace', lambda a, b, c, d: (Normal(a, b), Laplace(c, d)), [[0.0, 1.0], [1.0, 0.5], [0.5, -1.0],
                                                                          [2.0, 0.7]]),
]
for label, make, params in KL:
    show('kl ' + label, lambda *a: kl_divergence(*make(*a)), params)

# rsample gradients are the same whatever the draw for these (d/dloc of loc + scale eps sums to the count)
show('normal rsample grad', lambda a, b: Normal(a, b).rsample((50,)).mean(0) * 0 + a, [[0.0, 1.0], [1.0, 2.0]])

refusal('uniform low>=high', lambda: Uniform(T([0.0, 1.0]), T([1.0, 1.0])))
refusal('uniform value out', lambda: Uniform(0.0, 1.0).log_prob(T(1.5)))
refusal('uniform cdf out', lambda: Uniform(0.0, 1.0).cdf(T(-0.5)))
refusal('laplace scale', lambda: Laplace(T([0.0]), T([-1.0])))
refusal('cauchy scale', lambda: Cauchy(0.0, 0.0))
refusal('lognormal scale', lambda: LogNormal(T([0.0]), T([-1.0])))
refusal('lognormal value', lambda: LogNormal(0.0, 1.0).log_prob(T([-1.0])))
refusal('halfnormal scale', lambda: HalfNormal(T([-1.0, 1.0])))
refusal('halfnormal value', lambda: HalfNormal(1.0).log_prob(T([-1.0])))
refusal('beta concentration', lambda: Beta(T([1.0, -2.0]), T([1.0, 1.0])))
refusal('beta numbers', lambda: Beta(-1.0, 2.0))
refusal('beta value', lambda: Beta(1.0, 2.0).log_prob(T(1.5)))
refusal('studentT df', lambda: StudentT(T([0.0, 1.0])))
refusal('geometric probs 0', lambda: Geometric(probs=T([0.0, 0.5])))
refusal('geometric probs >1', lambda: Geometric(probs=T([1.5, 0.5])))
refusal('geometric value', lambda: Geometric(probs=T([0.5])).log_prob(T([1.5])))
refusal('multinomial count', lambda: Multinomial(T(3.), probs=T([0.5, 0.5])))
refusal('multinomial probs', lambda: Multinomial(3, probs=T([-0.5, 0.5])))
refusal('multinomial value', lambda: Multinomial(3, probs=T([0.5, 0.5])).log_prob(T([2.0, 2.0])))
refusal('mvn two', lambda: MultivariateNormal(T([0.0, 0.0]), torch.eye(2), scale_tril=torch.eye(2)))
refusal('mvn loc 0-d', lambda: MultivariateNormal(T(0.0), torch.eye(2)))
refusal('mvn cov 1-d', lambda: MultivariateNormal(T([0.0, 0.0]), T([1.0, 1.0])))
refusal('mvn not pd', lambda: MultivariateNormal(T([0.0, 0.0]), T([[1.0, 2.0], [2.0, 1.0]])))
refusal('mvn not symmetric', lambda: MultivariateNormal(T([0.0, 0.0]), T([[1.0, 0.5], [0.0, 1.0]])))
refusal('mvn tril', lambda: MultivariateNormal(T([0.0, 0.0]), scale_tril=T([[1.0, 0.5], [0.0, 1.0]])))
refusal('independent ndims', lambda: Independent(Normal(0.0, 1.0), 1))
refusal('binomial entropy inhomogeneous', lambda: Binomial(T([2., 3.]), probs=T([0.5, 0.5])).entropy())
refusal('binomial enumerate inhomogeneous', lambda: Binomial(T([2., 3.]), probs=T([0.5, 0.5])).enumerate_support())
refusal('poisson entropy', lambda: Poisson(T([1.0])).entropy())
refusal('gamma cdf', lambda: Gamma(1.0, 1.0).cdf(T(1.0)))
refusal('normal enumerate', lambda: Normal(0.0, 1.0).enumerate_support())
refusal('exponential cdf value', lambda: Exponential(1.0).cdf(T(-1.0)))
refusal('kl normal-poisson', lambda: kl_divergence(Normal(0.0, 1.0), Poisson(1.0)))
refusal('kl normal-categorical', lambda: kl_divergence(Normal(0.0, 1.0), Categorical(probs=T([0.5, 0.5]))))
refusal('kl cauchy-normal', lambda: kl_divergence(Cauchy(0.0, 1.0), Normal(0.0, 1.0)))
refusal('kl lognormal-halfnormal', lambda: kl_divergence(LogNormal(0.0, 1.0), HalfNormal(1.0)))
refusal('kl binomial counts', lambda: kl_divergence(Binomial(3, probs=T([0.5])), Binomial(5, probs=T([0.5]))))
refusal('kl negbin', lambda: kl_divergence(NegativeBinomial(3.0, probs=T([0.5])), NegativeBinomial(3.0, probs=T([0.5]))))

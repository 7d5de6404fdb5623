# The cases of DistributionsTest, run by PyTorch 1.13 (CPython 3: /usr/bin/python3 cases.py > pytorch_1.13.txt) and by
# the bridge (Jython 2.7, scripts/lib on the path). Each line: a label, then numbers in full (repr) or an exception's
# type and message. In float64 throughout (the default dtype set below), so the bridge's numbers should agree to
# about 1e-12 relative, except where a formula subtracts large terms (see DistributionsTest for the tolerances).
from __future__ import print_function, division

import torch
from torch.distributions import (Normal, Bernoulli, Categorical, Poisson, Gamma, Exponential, Binomial,
                                 NegativeBinomial)

torch.set_default_dtype(torch.float64)


def numbers(t):
    if t is None:
        return 'None'
    v = t.tolist()
    flat = []
    for x in (v if isinstance(v, list) else [v]):
        flat.extend(x if isinstance(x, list) else [x])
    return ' '.join(repr(float(x)) for x in flat)


def case(label, make, value, params):
    """log_prob of value, the gradients of log_prob(value).sum() w.r.t. params (leaves), mean, variance, batch_shape."""
    leaves = [torch.tensor(p, requires_grad=True) for p in params]
    d = make(*leaves)
    lp = d.log_prob(torch.tensor(value))
    print(label + ' log_prob|' + numbers(lp))
    lp.sum().backward()
    for k, leaf in enumerate(leaves):
        print(label + ' grad%d|' % k + numbers(leaf.grad))
    print(label + ' mean|' + numbers(d.mean))
    print(label + ' variance|' + numbers(d.variance))
    print(label + ' batch_shape|' + str(list(d.batch_shape)))


def refusal(label, make):
    try:
        make()
        print(label + '|no exception')
    except (ValueError, RuntimeError) as e:
        print(label + '|' + type(e).__name__ + ': ' + str(e).replace('\n', ' '))


case('normal', lambda m, s: Normal(m, s), [0.3, 1.5, -3.00000001, 1234.5],
     [[0.0, 1.5, -3.0, 1000.0], [1.0, 0.1, 1e-8, 20.0]])
case('normal broadcast', lambda m, s: Normal(m, s), [0.5, -1.0, 2.0], [[[0.0], [1.0]], [1.0, 2.0, 0.5]])
case('bernoulli probs', lambda p: Bernoulli(probs=p), [1.0, 0.0, 1.0, 0.0, 1.0], [[0.3, 1e-12, 0.999999, 0.5, 1e-12]])
case('bernoulli logits', lambda x: Bernoulli(logits=x), [1.0, 1.0, 0.0, 1.0, 0.0, 0.0],
     [[-30.0, 30.0, 0.0, 2.5, -30.0, 30.0]])
case('categorical probs', lambda p: Categorical(probs=p), [2.0, 0.0], [[[2.0, 3.0, 5.0], [1.0, 1.0, 8.0]]])
case('categorical logits', lambda x: Categorical(logits=x), [0.0, 1.0, 3.0, 1.0], [[30.0, -30.0, 0.0, 1.0]])
case('categorical batch', lambda x: Categorical(logits=x), [[0.0, 2.0], [1.0, 1.0], [2.0, 0.0]],
     [[[0.5, -1.0, 2.0], [30.0, 0.0, -30.0]]])
case('poisson', lambda r: Poisson(r), [0.0, 3.0, 1.0, 1e6, 0.0, 250.0], [[0.5, 2.0, 1e-8, 1e6, 3.0, 1e-3]])
case('poisson zero rate', lambda r: Poisson(r), [0.0, 0.0], [[0.0, 1.5]])
case('poisson broadcast', lambda r: Poisson(r), [0.0, 1.0, 4.0], [[[0.5], [3.0]]])
case('gamma', lambda a, b: Gamma(a, b), [0.2, 30.0, 1e-5, 1.01, 0.0],
     [[0.5, 2.0, 1e-3, 1e4, 1.0], [1.0, 0.1, 5.0, 1e4, 2.5]])
case('exponential', lambda r: Exponential(r), [0.5, 1e7, 1e-6, 0.0], [[1.0, 1e-8, 1e6, 3.0]])
case('binomial probs', lambda n, p: Binomial(n, probs=p), [3.0, 5e5, 0.0, 5.0, 2.0],
     [[10.0, 1e6, 0.0, 5.0, 7.0], [0.3, 0.5, 0.2, 1.0, 1e-10]])
case('binomial logits', lambda x: Binomial(20, logits=x), [0.0, 20.0, 10.0, 7.0, 20.0, 0.0],
     [[-30.0, 30.0, 0.0, 1.2, -30.0, 30.0]])
case('negative binomial probs', lambda r, p: NegativeBinomial(r, probs=p), [0.0, 4.0, 1000.0, 3.0],
     [[3.0, 0.5, 1e3, 1e6], [0.2, 0.7, 0.01, 1e-6]])
case('negative binomial logits', lambda r, x: NegativeBinomial(r, logits=x), [0.0, 7.0, 2.0, 1e5],
     [[5.0, 5.0, 2.5, 0.7], [-30.0, 30.0, 0.0, 11.0]])
case('negative binomial zero count', lambda r, x: NegativeBinomial(r, logits=x), [0.0, 2.0],
     [[0.0, 0.0], [0.3, 0.3]])

refusal('poisson negative rate', lambda: Poisson(-1.))
refusal('poisson negative rates', lambda: Poisson(torch.tensor([1.0, -2.0])))
refusal('poisson fraction', lambda: Poisson(2.).log_prob(torch.tensor([1.0, 0.5])))
refusal('poisson negative count', lambda: Poisson(torch.tensor([2.0])).log_prob(torch.tensor([-1.0])))
refusal('poisson number', lambda: Poisson(2.).log_prob(1.0))
refusal('normal zero scale', lambda: Normal(0., 0.))
refusal('normal nan loc', lambda: Normal(torch.tensor([float('nan'), 0.0]), 1.))
refusal('normal shapes', lambda: Normal(torch.zeros(3), 1.).log_prob(torch.zeros(2)))
refusal('bernoulli both', lambda: Bernoulli(probs=0.3, logits=0.1))
refusal('bernoulli neither', lambda: Bernoulli())
refusal('bernoulli probs', lambda: Bernoulli(probs=1.5))
refusal('bernoulli value', lambda: Bernoulli(probs=0.3).log_prob(torch.tensor(0.5)))
refusal('categorical probs', lambda: Categorical(probs=torch.tensor([0.5, -0.1])))
refusal('categorical 0-d', lambda: Categorical(logits=torch.tensor(1.0)))
refusal('categorical value', lambda: Categorical(logits=torch.zeros(3)).log_prob(torch.tensor(3.0)))
refusal('gamma concentration', lambda: Gamma(0., 1.))
refusal('gamma rate', lambda: Gamma(torch.tensor([1.0, 2.0]), torch.tensor([1.0, -1.0])))
refusal('gamma value', lambda: Gamma(1., 1.).log_prob(torch.tensor(-0.5)))
refusal('exponential rate', lambda: Exponential(torch.tensor([-1.0])))
refusal('binomial count', lambda: Binomial(2.5, probs=0.3))
refusal('binomial probs', lambda: Binomial(10, probs=torch.tensor([0.3, 1.2])))
refusal('binomial value', lambda: Binomial(10, probs=0.3).log_prob(torch.tensor(11.0)))
refusal('negative binomial count', lambda: NegativeBinomial(-1., probs=0.5))
refusal('negative binomial probs', lambda: NegativeBinomial(2., probs=1.0))
refusal('negative binomial value', lambda: NegativeBinomial(2., logits=0.5).log_prob(torch.tensor(1.5)))
refusal('unchecked', lambda: Poisson(torch.tensor([1.0, -2.0]), validate_args=False).rate)

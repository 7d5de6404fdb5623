"""numpy.random for the numpy shim: numpy's legacy RandomState (neuralglm.jython.NumpyRandom: MT19937 and
numpy's algorithms, so after np.random.seed(s) random, rand, randn, uniform, normal, randint, choice,
permutation, shuffle, exponential and poisson draw numpy's numbers; binomial draws from the same stream by the
engine's sampler), with a generator of its own, seeded with 0 until seed() is called. Parameters may be numbers
or arrays (broadcast together, or to size); without size and with number parameters a draw is a number."""
from __future__ import absolute_import

import __builtin__
import bisect

from neuralglm.jython import NumpyRandom as _R, Torch as _T

import _shim
import numpy as _np

seed = _R.seed


def _params(size, *params):
    """The parameters as bridge tensors of the result's shape, and whether the result is one number."""
    ts = [_np._tensor(p) for p in params]
    scalar = size is None and all(not isinstance(p, _np.ndarray) and not hasattr(p, '__len__') for p in params)
    shape = [] if scalar else (_np._shape(size) if size is not None else None)
    if shape is None:
        base = _T.zeros([])
        for t in ts:
            base = base + t * 0
        shape = list(base.shape)
    full = [_T.zeros(shape) + t for t in ts]
    return full, scalar


def _result(t, kind, scalar):
    if scalar:
        return _np.ndarray(t, kind).item()
    return _np.ndarray(t, kind)


def random(size=None):
    (low, high), scalar = _params(size, 0.0, 1.0)
    return _result(_R.uniform(low, high), 'f', scalar)


random_sample = sample = random


def rand(*dims):
    return random(dims if dims else None)


def randn(*dims):
    return normal(0.0, 1.0, dims if dims else None)


def uniform(low=0.0, high=1.0, size=None):
    (lo, hi), scalar = _params(size, low, high)
    return _result(_R.uniform(lo, hi), 'f', scalar)


def normal(loc=0.0, scale=1.0, size=None):
    (m, s), scalar = _params(size, loc, scale)
    return _result(_R.normal(m, s), 'f', scalar)


def binomial(n, p, size=None):
    (trials, prob), scalar = _params(size, n, p)
    return _result(_R.binomial(trials, prob), 'i', scalar)


def poisson(lam=1.0, size=None):
    (rate,), scalar = _params(size, lam)
    return _result(_R.poisson(rate), 'i', scalar)


def permutation(n):
    if isinstance(n, (__builtin__.int, __builtin__.long)):
        return _np.ndarray(_R.permutation(n), 'i')
    a = _np.asarray(n)
    return a[_np.ndarray(_R.permutation(len(a)), 'i')]


def standard_normal(size=None):
    return normal(0.0, 1.0, size)


def randint(low, high=None, size=None, dtype=int):
    """Whole numbers drawn uniformly from [low, high) ([0, low) without high), int64."""
    if high is None:
        low, high = 0, low
    if high <= low:
        raise ValueError("low >= high")
    (lo,), scalar = _params(size, 0.0)
    draws = __builtin__.list(_R.integers(__builtin__.long(low), __builtin__.long(high), lo.numel()))
    if scalar:
        return _np._number(draws[0], 'i')
    return _np._new(draws, tuple(lo.shape), 'i')


def choice(a, size=None, replace=True, p=None):
    """Entries of a (or of arange(a)) drawn with replacement (by p when given) or without."""
    pool = list(range(a)) if isinstance(a, (__builtin__.int, __builtin__.long)) else _np._flat(a)[0]
    kind = 'i' if isinstance(a, (__builtin__.int, __builtin__.long)) else _np.asarray(a)._kind
    n = len(pool)
    if n == 0:
        raise ValueError("'a' cannot be empty unless no samples are taken")
    count = 1 if size is None else _np._size(_np._shape(size))
    if p is not None:
        probs = [float(v) for v in _np._flat(p)[0]]
        if len(probs) != n:
            raise ValueError("'a' and 'p' must have same size")
        if any(v < 0 for v in probs) or abs(sum(probs) - 1) > 1e-8:
            raise ValueError("probabilities do not sum to 1" if all(v >= 0 for v in probs) else
                             "probabilities are not non-negative")
    if not replace:
        if count > n:
            raise ValueError("Cannot take a larger sample than population when 'replace=False'")
        if p is None:
            idx = [int(v) for v in _R.permutation(n).tolist()][:count]
        else:
            idx, left = [], list(range(n))
            for _ in range(count):
                w = [probs[i] for i in left]
                k = _pick(w, sum(w) * random())
                idx.append(left.pop(k))
    elif p is None:
        idx = [int(v) for v in _R.integers(0, n, count)]   # numpy's randint(0, n, size)
    else:
        # numpy's: the cumulative sums over their last, searched (side='right') for random_sample's draws
        cdf, acc = [], 0.0
        for v in probs:
            acc += v
            cdf.append(acc)
        cdf = [c / cdf[-1] for c in cdf]
        idx = [min(bisect.bisect_right(cdf, u), n - 1) for u in _R.samples(count)]
    values = [pool[i] for i in idx]
    if size is None:
        return values[0]
    return _np._new(values, tuple(_np._shape(size)), kind)


def _pick(weights, u):
    acc = 0.0
    for i, w in enumerate(weights):
        acc += w
        if u < acc:
            return i
    return len(weights) - 1


def shuffle(x):
    """Shuffles an array in place along its first axis (a list too)."""
    if isinstance(x, list):
        order = [int(v) for v in _R.permutation(len(x)).tolist()]
        x[:] = [x[i] for i in order]
        return None
    x._t = x._t[[int(v) for v in _R.permutation(len(x)).tolist()]]
    return None


def exponential(scale=1.0, size=None):
    """numpy's legacy exponential: scale (-log(1 - U))."""
    count = 1 if size is None else _np._size(_np._shape(size))
    draws = [scale * e for e in _R.exponentials(count)]
    if size is None:
        return draws[0]
    return _np._new(draws, tuple(_np._shape(size)), 'f')


_shim.strict(__name__, "neuralGLM's numpy shim (scripts/lib/numpy/random)")

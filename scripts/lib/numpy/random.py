"""numpy.random for the numpy shim: draws from the engine's samplers (neuralglm.jython.NumpyRandom),
with a generator of their own, seeded with 0 until seed() is called. Parameters may be numbers or
arrays (broadcast together, or to size); without size and with number parameters a draw is a number."""
from __future__ import absolute_import

import __builtin__

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
        return _np._number(t.item(), kind)
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


_shim.strict(__name__, "neuralGLM's numpy shim (scripts/lib/numpy/random)")

"""Just enough numpy for the notebook's data and plotting cells, on neuralGLM's Jython bridge.

An ndarray holds a bridge tensor (float64, at most two dimensions) and a kind: float64, int64 or
bool (whole numbers and 0/1 are stored as float64 too; a bool array sums to an int). Arithmetic, comparisons, np.sin/exp/...,
reductions and indexing (ints, slices, index arrays, a[rows, cols] pairing two index arrays, as in
a[np.arange(n), labels] = 1) run on the bridge's tensor operations; np.random draws with the
engine's samplers (neuralglm.jython.NumpyRandom; seeded with 0 until np.random.seed). Passing an
ndarray to torch (torch.tensor(a, dtype=torch.float32)) or to matplotlib works. A numpy name that
is not here fails with a one-line message naming it.
"""
from __future__ import absolute_import, division

import __builtin__
import math as _math

from java.lang import Object as _Object
from neuralglm.jython import NumpyFormat as _NumpyFormat, Torch as _T, Tensor as _Tensor

import _shim

_KIND_NAMES = {'f': 'float64', 'i': 'int64', 'b': 'bool'}
_DTYPES = {'float': 'f', 'float16': 'f', 'float32': 'f', 'float64': 'f', 'double': 'f',
           'int': 'i', 'int32': 'i', 'int64': 'i', 'long': 'i', 'bool': 'b'}



class float64(float):
    """np.float64: a dtype (np.zeros(3, dtype=np.float64), a.astype(np.float64)) and a scalar type, np.float64(1.5)."""


class float32(float):
    """np.float32 as a dtype and a scalar type; the shim computes in float64, as the bridge's float32 tensors."""


class float16(float):
    """np.float16 as a dtype and a scalar type (computed in float64)."""


class int64(int):
    """np.int64: a dtype and a scalar type, np.int64(3)."""


class int32(int):
    """np.int32 as a dtype and a scalar type."""


bool_ = 'bool'
pi, e = _math.pi, _math.e
inf, nan = float('inf'), float('nan')
Inf = Infinity = PINF = inf
NaN = NAN = nan
newaxis = None


def _kind(dtype, default='f'):
    if dtype is None:
        return default
    if dtype in ('f', 'i', 'b'):  # a kind already (array() of whole numbers converts with it)
        return dtype
    name = getattr(dtype, '__name__', None) or str(dtype).replace('torch.', '')
    if name not in _DTYPES:
        raise TypeError("numpy shim: dtype %r is not supported; use float64, float32, int64 or bool" % (dtype,))
    return _DTYPES[name]


def _is_f32(dtype):
    """Whether a dtype is numpy's float32 (or float16, computed as float32 would be: in float64 here)."""
    name = getattr(dtype, '__name__', None) or str(dtype).replace('torch.', '')
    return name in ('float32', 'float16', 'half')


def _is_int(v):
    return isinstance(v, (__builtin__.int, __builtin__.long)) and not isinstance(v, __builtin__.bool)


def _infer(obj):
    """'i' when every entry of a (nested) list is an int, 'b' when every one is a bool, else 'f'."""
    kinds = set()

    def walk(o):
        if isinstance(o, (list, tuple)):
            for v in o:
                walk(v)
        elif isinstance(o, ndarray):
            kinds.add(o._kind)
        elif isinstance(o, __builtin__.bool):
            kinds.add('b')
        elif _is_int(o):
            kinds.add('i')
        else:
            kinds.add('f')
    walk(obj)
    if kinds == set(['b']):
        return 'b'
    return 'i' if kinds and kinds <= set(['i', 'b']) else 'f'


def _plain(obj):
    """Nested lists with ndarrays inside turned into lists."""
    if isinstance(obj, ndarray):
        return obj.tolist()
    if isinstance(obj, (list, tuple)):
        return [_plain(v) for v in obj]
    return obj


def _tensor(x):
    """A bridge tensor (or a number) for an operand."""
    if isinstance(x, ndarray):
        return x._t
    if isinstance(x, _Tensor):
        return x.detach()
    if isinstance(x, (__builtin__.int, __builtin__.long, __builtin__.float, __builtin__.bool)):
        return x
    return _T.tensor(_plain(x))


def _kind_of(x):
    if isinstance(x, ndarray):
        return x._kind
    if isinstance(x, __builtin__.bool):
        return 'b'
    if _is_int(x):
        return 'i'
    return 'f'


def _index(key):
    """Index keys for the bridge: ndarrays become lists of ints (a bool mask its True positions)."""
    if isinstance(key, tuple):
        return tuple(_index(k) for k in key)
    if isinstance(key, ndarray):
        if key._kind == 'b':   # a mask of any shape: the bridge's bool tensor (a[a > 2] of a 2-d a is 1-d)
            return key._t if str(key._t.dtype) == 'torch.bool' else key._t.to(_T_bool)
        return [__builtin__.int(v) for v in key._t.tolist()]
    if isinstance(key, _Tensor):
        return [__builtin__.int(v) for v in key.tolist()]
    return key


def _number(v, kind):
    if kind == 'i':
        return __builtin__.int(v)
    if kind == 'b':
        return v != 0
    return v


class ndarray(object):
    """A numpy array of at most two dimensions over a bridge tensor."""

    def __init__(self, t, kind='f', f32=False):
        # a float array holds a float tensor (torch.tensor([1, 2]) is int64 and would give ints back)
        self._t = t if kind != 'f' or t.dtype.is_floating_point else t.double()
        self._kind = kind
        # float32 (np.array(x, dtype=np.float32), astype(np.float32)): computed in float64 as everything here, but
        # reported as float32 and handed to torch as float32, as numpy's (the linear-regression tutorial's
        # torch.from_numpy(x_train) feeds a float32 nn.Linear); kept by shape changes, indexing and arithmetic with
        # numbers or float32 arrays (numpy's promotion)
        self._f32 = f32 and kind == 'f'

    def _like(self, t, kind):
        """An array derived from this one: float32 stays float32."""
        return ndarray(t, kind, self._f32)

    # ------------------------------------------------------------ attributes
    @property
    def dtype(self):
        return 'float32' if self._f32 else _KIND_NAMES[self._kind]

    @property
    def shape(self):
        return tuple(self._t.shape)

    @property
    def ndim(self):
        return len(self._t.shape)

    @property
    def size(self):
        return self._t.numel()

    @property
    def T(self):
        return self._like(self._t.t(), self._kind)

    def __tojava__(self, cls):
        if cls is _Tensor or cls is _Object:
            return self._t
        return self

    # ------------------------------------------------------------ conversion
    def tolist(self):
        values = self._t.tolist()
        if self._kind == 'f':
            return values
        if isinstance(values, list):
            return [[_number(v, self._kind) for v in r] if isinstance(r, list) else _number(r, self._kind)
                    for r in values]
        return _number(values, self._kind)

    def item(self):
        return _number(self._t.item(), self._kind)

    def astype(self, dtype):
        kind = _kind(dtype)
        t = self._t.detach()
        t = t.to(_T_float if kind == 'f' else _T_long if kind == 'i' else _T_bool)
        return ndarray(t, kind, _is_f32(dtype))

    def copy(self):
        return self._like(self._t.detach(), self._kind)

    def reshape(self, *shape):
        if len(shape) == 1 and isinstance(shape[0], (tuple, list)):
            shape = tuple(shape[0])
        return self._like(self._t.reshape(list(shape)), self._kind)

    def flatten(self):
        return self._like(self._t.reshape([-1]), self._kind)

    ravel = flatten

    def __float__(self):
        return __builtin__.float(self._t.item())

    def __int__(self):
        return __builtin__.int(self._t.item())

    def __len__(self):
        return len(self._t)

    def __iter__(self):
        for i in range(len(self)):
            yield self[i]

    def __repr__(self):
        # numpy's own layout and number format (neuralglm.jython.NumpyFormat): array([1.5 , 2.  , 3.25])
        return _NumpyFormat.repr(self._t, self._kind, self._f32)

    def __str__(self):
        return _NumpyFormat.str(self._t, self._kind, self._f32)

    # ------------------------------------------------------------ indexing
    def __getitem__(self, key):
        r = self._t[_index(key)]
        if r.dim() > 0:
            return self._like(r, self._kind)
        return _number(r.item(), self._kind)

    def __setitem__(self, key, value):
        self._t[_index(key)] = _tensor(value)

    # ------------------------------------------------------------ arithmetic
    def _arith(self, other, op, reflected=False):
        o = _tensor(other)
        a, b = (o, self._t) if reflected else (self._t, o)
        if not isinstance(a, _Tensor):
            a = _T.tensor(a)
        r = op(a, b)
        ints = self._kind in 'ib' and _kind_of(other) in 'ib'
        f32 = self._f32 and (getattr(other, '_f32', False) or not isinstance(other, ndarray))
        return ndarray(r, 'i' if ints and op is not _div else 'f', f32)

    def __add__(self, o): return self._arith(o, _add)
    def __radd__(self, o): return self._arith(o, _add, True)
    def __sub__(self, o): return self._arith(o, _sub)
    def __rsub__(self, o): return self._arith(o, _sub, True)
    def __mul__(self, o): return self._arith(o, _mul)
    def __rmul__(self, o): return self._arith(o, _mul, True)
    def __truediv__(self, o): return self._arith(o, _div)
    def __rtruediv__(self, o): return self._arith(o, _div, True)
    __div__, __rdiv__ = __truediv__, __rtruediv__

    def __pow__(self, p):
        return self._like(self._t ** __builtin__.float(p), self._kind if self._kind == 'i' and _is_int(p) else 'f')

    def __neg__(self):
        return self._like(-self._t, 'i' if self._kind == 'b' else self._kind)

    def __abs__(self):
        return self._like(self._t.abs(), self._kind)

    def __gt__(self, o): return ndarray(self._t > _tensor(o), 'b')
    def __lt__(self, o): return ndarray(self._t < _tensor(o), 'b')
    def __ge__(self, o): return ndarray(self._t >= _tensor(o), 'b')
    def __le__(self, o): return ndarray(self._t <= _tensor(o), 'b')

    def __eq__(self, o):
        t = _tensor(o)
        return ndarray((self._t >= t) * (self._t <= t), 'b')

    def __ne__(self, o):
        return ndarray((self == o)._t == 0, 'b')

    __hash__ = None

    # ------------------------------------------------------------ reductions
    def sum(self, axis=None):
        return sum(self, axis)

    def mean(self, axis=None):
        return mean(self, axis)

    def max(self, axis=None):
        return amax(self, axis)

    def min(self, axis=None):
        return amin(self, axis)

    def argmax(self, axis=None):
        return argmax(self, axis)


def _add(a, b): return a + b
def _sub(a, b): return a - b
def _mul(a, b): return a * b
def _div(a, b): return a / b


import torch as _torch  # noqa: E402 (dtypes for astype)
_T_long, _T_bool, _T_float = _torch.long, _torch.bool, _torch.float64


# ---------------------------------------------------------------- construction

def array(obj, dtype=None, copy=True):
    if isinstance(obj, ndarray):
        kind = _kind(dtype, obj._kind)
        if dtype is None:
            return obj._like(obj._t.detach(), kind)
        return obj.astype(dtype)
    if isinstance(obj, _Tensor):
        # a float32 tensor's values are float32 in numpy too (t.numpy())
        return ndarray(obj.detach(), _kind(dtype, 'b' if str(obj.dtype) == 'torch.bool' else 'i' if not obj.dtype.is_floating_point else 'f'),
                       _is_f32(dtype) if dtype is not None else str(obj.dtype) == 'torch.float32')
    kind = _kind(dtype, _infer(obj))
    t = _T.tensor(_plain(obj))
    return ndarray(t, kind, _is_f32(dtype)) if kind == 'f' else ndarray(t, 'f').astype(kind)


def asarray(obj, dtype=None):
    if isinstance(obj, ndarray) and dtype is None:
        return obj
    return array(obj, dtype)


def _shape(shape):
    if isinstance(shape, (__builtin__.int, __builtin__.long)):
        return [shape]
    return list(shape)


def zeros(shape, dtype=float):
    return ndarray(_T.zeros(_shape(shape)), _kind(dtype), _is_f32(dtype))


def ones(shape, dtype=float):
    return ndarray(_T.ones(_shape(shape)), _kind(dtype), _is_f32(dtype))


empty = zeros


def full(shape, fill_value, dtype=None):
    return ndarray(_T.zeros(_shape(shape)) + fill_value, _kind(dtype, _kind_of(fill_value)), _is_f32(dtype))


def zeros_like(a, dtype=None):
    a = asarray(a)
    return ndarray(_T.zeros_like(a._t), _kind(dtype, a._kind), a._f32 if dtype is None else _is_f32(dtype))


def ones_like(a, dtype=None):
    a = asarray(a)
    return ndarray(_T.ones_like(a._t), _kind(dtype, a._kind), a._f32 if dtype is None else _is_f32(dtype))


def arange(start, stop=None, step=1, dtype=None):
    if stop is None:
        start, stop = 0, start
    kind = 'i' if all(_is_int(v) for v in (start, stop, step)) else 'f'
    return ndarray(_T.arange(start, stop, step), _kind(dtype, kind), _is_f32(dtype))


def linspace(start, stop, num=50, dtype=None):
    a = ndarray(_T.linspace(start, stop, num), 'f')
    return a if dtype is None else a.astype(dtype)


# ---------------------------------------------------------------- element-wise

def _unary(name):
    method = getattr(_Tensor, name)

    def f(x):
        if isinstance(x, (__builtin__.int, __builtin__.long, __builtin__.float)):
            return method(_T.tensor(x)).item()
        return ndarray(method(asarray(x)._t), 'f')
    f.__name__ = name
    return f


sin, cos, exp, log, sqrt, tanh = [_unary(n) for n in ('sin', 'cos', 'exp', 'log', 'sqrt', 'tanh')]


def abs(x):
    if isinstance(x, (__builtin__.int, __builtin__.long, __builtin__.float)):
        return __builtin__.abs(x)
    return __builtin__.abs(asarray(x))


absolute = abs


# ---------------------------------------------------------------- reductions

def _reduce(a, axis, whole, along, kind):
    a = asarray(a)
    if axis is None:
        return _number(whole(a._t), kind if kind else a._kind)
    return ndarray(along(a._t, axis), kind if kind else a._kind)


def sum(a, axis=None):
    # a bool array's sum counts its True entries (an int), as numpy's: (y == p).sum() is 2, not True
    kind = 'i' if asarray(a)._kind == 'b' else None
    return _reduce(a, axis, lambda t: t.sum().item(), lambda t, d: t.sum(d), kind)


def std(a, axis=None, ddof=0):
    """np.std(a, axis=None, ddof=0): the standard deviation (divisor n - ddof, numpy's default n)."""
    t = asarray(a)._t.to(_T_float)
    return t.std(correction=ddof).item() if axis is None else ndarray(t.std(dim=axis, correction=ddof), 'f')


def average(a, axis=None, weights=None):
    """np.average(a, axis=None, weights=None): the mean, or the weighted mean sum(w a) / sum(w)."""
    if weights is None:
        return mean(a, axis)
    a, w = asarray(a), asarray(weights)
    if axis is None:
        return (a._t.to(_T_float) * w._t.to(_T_float)).sum().item() / w._t.to(_T_float).sum().item()
    raise ValueError("numpy shim: np.average with weights along an axis is not supported; use axis=None")


def mean(a, axis=None):
    # of whole numbers and bools too: (y == p).mean() is the share of True entries
    return _reduce(a, axis, lambda t: t.to(_T_float).mean().item(), lambda t, d: t.to(_T_float).mean(d), 'f')


def amax(a, axis=None):
    if axis is not None:
        raise ValueError("numpy shim: max/min along an axis is not supported; use axis=None")
    return _reduce(a, None, lambda t: t.max().item(), None, None)


def amin(a, axis=None):
    if axis is not None:
        raise ValueError("numpy shim: max/min along an axis is not supported; use axis=None")
    return _reduce(a, None, lambda t: t.min().item(), None, None)


max, min = amax, amin


def argmax(a, axis=None):
    """Index of the largest entry (of the flattened array), or along axis."""
    a = asarray(a)
    if axis is None:
        return __builtin__.int(a._t.reshape([-1]).argmax(0).item())
    return ndarray(a._t.argmax(axis), 'i')


from numpy import random  # noqa: E402

_shim.strict(__name__, "neuralGLM's numpy shim (scripts/lib/numpy: just what the seeds' data and plotting cells use)")

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
        t = t if kind != 'f' or t.dtype.is_floating_point else t.double()
        self._kind = kind
        # float32 (np.array(x, dtype=np.float32), astype(np.float32)): computed in float64 as everything here, but
        # reported as float32 and handed to torch as float32, as numpy's (the linear-regression tutorial's
        # torch.from_numpy(x_train) feeds a float32 nn.Linear); kept by shape changes, indexing and arithmetic with
        # numbers or float32 arrays (numpy's promotion)
        self._f32 = f32 and kind == 'f'
        # the tensor labelled with the array's dtype, its values kept (torch.tensor(t, dtype=...) copies them as they
        # are): the shim's own tensors (torch.tensor of a list, torch.zeros) have the default dtype, float32, but stand
        # for float64 values, and a float32 tensor's values leave it rounded to float32 (item, tolist); so a float64
        # array's numbers leave as they are, a float32 array's as float32, as numpy's
        want = _T_f32 if self._f32 else _T_float
        self._t = t if not t.dtype.is_floating_point or t.dtype == want else _T.tensor(t, dtype=want)

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
        f32 = _is_f32(dtype)
        # float32 to float64 holds the float32 values (to() rounds them), as numpy's; float64 to float32 keeps the
        # values, which then leave the array rounded to float32
        t = self._t.detach().to((_T_f32 if f32 else _T_float) if kind == 'f' else _T_long if kind == 'i' else _T_bool)
        return ndarray(t, kind, f32)

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
        if isinstance(other, ndarray):
            _broadcast_shape(self.shape, other.shape)
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

    # ------------------------------------------------------------ more operators (element by element, numpy's dtypes)
    def __pow__(self, p):
        if isinstance(p, ndarray) or not isinstance(p, (__builtin__.int, __builtin__.long, __builtin__.float)):
            return power(self, p)
        if self._kind in 'ib' and _is_int(p):
            if p < 0:
                raise ValueError("Integers to negative integer powers are not allowed.")
            return self._like(self._t ** __builtin__.float(p), 'i')
        return self._like(self._t ** __builtin__.float(p), 'f')

    def __rpow__(self, base): return power(base, self)
    def __floordiv__(self, o): return floor_divide(self, o)
    def __rfloordiv__(self, o): return floor_divide(o, self)
    def __mod__(self, o): return mod(self, o)
    def __rmod__(self, o): return mod(o, self)
    def __and__(self, o): return _bitwise(self, o, lambda x, y: x & y)
    __rand__ = __and__
    def __or__(self, o): return _bitwise(self, o, lambda x, y: x | y)
    __ror__ = __or__
    def __xor__(self, o): return _bitwise(self, o, lambda x, y: x ^ y)
    __rxor__ = __xor__
    def __pos__(self): return self.copy()

    def __invert__(self):
        if self._kind == 'b':
            return logical_not(self)
        if self._kind == 'i':
            return _ew(lambda x: ~x, 'i', self)
        raise TypeError("ufunc 'invert' not supported for the input types, and the inputs could not be safely coerced "
                        "to any supported types according to the casting rule ''safe''")

    def __nonzero__(self):
        if self.size != 1:
            raise ValueError("The truth value of an array with more than one element is ambiguous. Use a.any() or "
                             "a.all()")
        return __builtin__.bool(self._t.reshape([-1]).tolist()[0])

    __bool__ = __nonzero__

    # ------------------------------------------------------------ more methods
    def sum(self, axis=None, keepdims=False): return sum(self, axis, keepdims=keepdims)
    def mean(self, axis=None, keepdims=False): return mean(self, axis, keepdims=keepdims)
    def max(self, axis=None, keepdims=False): return amax(self, axis, keepdims=keepdims)
    def min(self, axis=None, keepdims=False): return amin(self, axis, keepdims=keepdims)
    def argmax(self, axis=None): return argmax(self, axis)
    def argmin(self, axis=None): return argmin(self, axis)
    def std(self, axis=None, ddof=0, keepdims=False): return std(self, axis, ddof=ddof, keepdims=keepdims)
    def var(self, axis=None, ddof=0, keepdims=False): return var(self, axis, ddof=ddof, keepdims=keepdims)
    def prod(self, axis=None, keepdims=False): return prod(self, axis, keepdims=keepdims)
    def any(self, axis=None, keepdims=False): return any(self, axis, keepdims=keepdims)
    def all(self, axis=None, keepdims=False): return all(self, axis, keepdims=keepdims)
    def cumsum(self, axis=None): return cumsum(self, axis)
    def cumprod(self, axis=None): return cumprod(self, axis)
    def dot(self, b): return dot(self, b)
    def argsort(self, axis=-1): return argsort(self, axis)
    def round(self, decimals=0): return around(self, decimals)
    def clip(self, min=None, max=None): return clip(self, min, max)
    def squeeze(self, axis=None): return squeeze(self, axis)
    def nonzero(self): return nonzero(self)
    def transpose(self, *axes): return self.T
    def diagonal(self): return diag(self)
    def trace(self): return sum(diag(self))

    def sort(self, axis=-1):
        """In place, as numpy's a.sort()."""
        self._t = sort(self, axis)._t

    def fill(self, value):
        self._t = full_like(self, value)._t

    @property
    def itemsize(self):
        return 4 if self._f32 else 1 if self._kind == 'b' else 8

    @property
    def nbytes(self):
        return self.size * self.itemsize

def _add(a, b): return a + b
def _sub(a, b): return a - b
def _mul(a, b): return a * b
def _div(a, b): return a / b


import torch as _torch  # noqa: E402 (dtypes for astype)
_T_long, _T_bool, _T_float, _T_f32 = _torch.long, _torch.bool, _torch.float64, _torch.float32


# ---------------------------------------------------------------- construction

def array(obj, dtype=None, copy=True):
    if isinstance(obj, ndarray):
        kind = _kind(dtype, obj._kind)
        if dtype is None:
            return obj._like(obj._t.detach(), kind)
        return obj.astype(dtype)
    if isinstance(obj, _Tensor):
        # a float32 tensor's values are float32 in numpy too (t.numpy()); made float64 they hold the float32 values
        kind = _kind(dtype, 'b' if str(obj.dtype) == 'torch.bool' else 'i' if not obj.dtype.is_floating_point else 'f')
        f32 = _is_f32(dtype) if dtype is not None else str(obj.dtype) == 'torch.float32'
        t = obj.detach()
        return ndarray(t.to(_T_f32 if f32 else _T_float) if kind == 'f' and t.dtype.is_floating_point else t, kind, f32)
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
    kind = 'i' if __builtin__.all(_is_int(v) for v in (start, stop, step)) else 'f'
    return ndarray(_T.arange(start, stop, step), _kind(dtype, kind), _is_f32(dtype))


# ---------------------------------------------------------------- element-wise

def _unary(name):
    method = getattr(_Tensor, name)

    def f(x):
        if isinstance(x, (__builtin__.int, __builtin__.long, __builtin__.float)):
            return method(_T.tensor(x, dtype=_T_float)).item()
        return ndarray(method(asarray(x)._t), 'f')
    f.__name__ = name
    return f


sin, cos, exp, log, sqrt, tanh = [_unary(n) for n in ('sin', 'cos', 'exp', 'log', 'sqrt', 'tanh')]


def abs(x):
    if isinstance(x, (__builtin__.int, __builtin__.long, __builtin__.float)):
        return __builtin__.abs(x)
    return __builtin__.abs(asarray(x))


absolute = abs


# ---------------------------------------------------------------- helpers: values as Python lists, numpy's dtypes

def _flat(a):
    """(entries of a flattened as Python numbers of its kind, shape, kind) of an array or anything array-like."""
    a = asarray(a)
    return [_number(v, a._kind) for v in a._t.reshape([-1]).tolist()], a.shape, a._kind


def _size(shape):
    n = 1
    for d in shape:
        n *= d
    return n


def _new(flat, shape, kind, f32=False):
    """An array of the given shape, kind ('f', 'i', 'b') and row-major entries."""
    shape = tuple(shape)
    if len(shape) > 2:
        raise ValueError("numpy shim: arrays have at most 2 dimensions; the result would have shape %s" % (shape,))
    vals = [__builtin__.float(v) for v in flat]
    if _size(shape) == 0:
        t = _T.zeros(list(shape), dtype=_T_float)
    elif len(shape) == 0:
        t = _T.tensor(vals[0], dtype=_T_float)
    elif len(shape) == 1:
        t = _T.tensor(vals, dtype=_T_float)
    else:
        c = shape[1]
        t = _T.tensor([vals[i * c:(i + 1) * c] for i in range(shape[0])], dtype=_T_float)
    return ndarray(t if kind == 'f' else t.to(_T_long if kind == 'i' else _T_bool), kind, f32 and kind == 'f')


def _promote(*xs):
    kinds = [_kind_of(x) if not isinstance(x, (list, tuple)) else _infer(x) for x in xs]
    return 'f' if 'f' in kinds else 'i' if 'i' in kinds else 'b'


def _broadcast_shape(*shapes):
    """numpy's broadcast shape of shapes of at most 2 dimensions, or its ValueError."""
    nd = __builtin__.max(len(s) for s in shapes)
    padded = [(1,) * (nd - len(s)) + tuple(s) for s in shapes]
    out = []
    for i in range(nd):
        dims = set(p[i] for p in padded) - set([1])
        if len(dims) > 1:
            raise ValueError("operands could not be broadcast together with shapes " +
                             " ".join("(" + ",".join(str(d) for d in s) + ("," if len(s) == 1 else "") + ")"
                                      for s in shapes) + " ")
        out.append(dims.pop() if dims else 1)
    return tuple(out)


def _broadcast(*arrays):
    """The entries of each array broadcast to their common shape (numpy's rules, at most 2-d), and that shape."""
    shapes = [a.shape for a in arrays]
    nd = __builtin__.max(len(s) for s in shapes)
    padded = [(1,) * (nd - len(s)) + tuple(s) for s in shapes]
    out = _broadcast_shape(*shapes)
    flats = []
    for a, p in zip(arrays, padded):
        f = _flat(a)[0]
        if p == out:
            flats.append(f)
        elif nd == 1:
            flats.append(f * out[0])
        else:
            r, c = p
            flats.append([f[(i if r > 1 else 0) * c + (j if c > 1 else 0)] for i in range(out[0]) for j in range(out[1])])
    return flats, out


def _scalar_inputs(xs):
    return __builtin__.all(not isinstance(x, (ndarray, list, tuple, _Tensor)) for x in xs)


def _ew(fn, kind, *xs):
    """fn applied entry by entry to the broadcast operands; a number when every operand is one."""
    arrays = [asarray(x) for x in xs]
    flats, shape = _broadcast(*arrays)
    vals = [fn(*v) for v in zip(*flats)]
    if _scalar_inputs(xs):
        return _number(vals[0], kind) if kind != 'f' else __builtin__.float(vals[0])
    f32 = __builtin__.all(a._f32 for a in arrays if a.ndim > 0) and __builtin__.any(a._f32 for a in arrays)
    return _new(vals, shape, kind, f32)


def _bitwise(a, b, fn):
    kind = _promote(a, b)
    if kind == 'f':
        raise TypeError("ufunc 'bitwise_and' not supported for the input types, and the inputs could not be safely "
                        "coerced to any supported types according to the casting rule ''safe''")
    return _ew(lambda x, y: fn(__builtin__.int(x), __builtin__.int(y)), kind, a, b)


def _axis(axis, ndim):
    if axis is None:
        return None
    if isinstance(axis, (tuple, list)):
        if len(axis) == ndim or ndim <= 1:
            return None
        axis = axis[0]
    a = axis + ndim if axis < 0 else axis
    if not 0 <= a < __builtin__.max(ndim, 1):
        raise AxisError("axis %d is out of bounds for array of dimension %d" % (axis, ndim))
    return a


class AxisError(ValueError, IndexError):
    """numpy's AxisError: an axis out of bounds."""


def _lines(flat, shape, axis):
    """The 1-d lines along axis of a (row-major) array: the columns for axis 0 of a 2-d array, the rows for 1."""
    if len(shape) < 2:
        return [flat]
    r, c = shape
    if axis == 0:
        return [[flat[i * c + j] for i in range(r)] for j in range(c)]
    return [flat[i * c:(i + 1) * c] for i in range(r)]


def _reduce_py(a, axis, fn, kind, keepdims=False):
    """fn (a list -> a number) over the whole array or along axis, numpy's shapes (keepdims keeps 1s)."""
    flat, shape, k = _flat(a)
    kind = kind or k
    ax = _axis(axis, len(shape))
    if ax is None or len(shape) <= 1:
        r = fn(flat)
        if keepdims:
            return _new([r], (1,) * len(shape), kind)
        return _number(r, kind) if kind != 'f' else __builtin__.float(r)
    vals = [fn(line) for line in _lines(flat, shape, ax)]
    if keepdims:
        return _new(vals, (1, shape[1]) if ax == 0 else (shape[0], 1), kind)
    return _new(vals, (len(vals),), kind)


def _along(a, axis, fn, kind=None):
    """fn (a list -> a list of the same length) along axis (None: the flattened array)."""
    flat, shape, k = _flat(a)
    kind = kind or k
    if axis is None:
        return _new(fn(flat), (len(flat),), kind)
    ax = _axis(axis, len(shape))
    if len(shape) < 2:
        return _new(fn(flat), shape, kind)
    r, c = shape
    lines = [fn(line) for line in _lines(flat, shape, ax)]
    if ax == 1:
        n = len(lines[0]) if lines else 0
        return _new([v for line in lines for v in line], (r, n), kind)
    n = len(lines[0]) if lines else 0
    return _new([lines[j][i] for i in range(n) for j in range(c)], (n, c), kind)


def _isnan(v):
    return isinstance(v, __builtin__.float) and v != v


def _keep(r, keepdims, ndim, kind):
    return _new([r], (1,) * ndim, kind) if keepdims else r


# ---------------------------------------------------------------- reductions

def _reduce(a, axis, whole, along, kind, keepdims=False):
    a = asarray(a)
    kind = kind if kind else a._kind
    if axis is None or (isinstance(axis, (tuple, list)) and _axis(axis, a.ndim) is None):
        r = _number(whole(a._t), kind)
        return _new([r], (1,) * a.ndim, kind) if keepdims else r
    ax = _axis(axis, a.ndim)
    r = along(a._t, ax)
    out = ndarray(r, kind)
    if r.dim() == 0:
        return _new([r.item()], (1,), kind) if keepdims else _number(r.item(), kind)
    if keepdims:
        return out.reshape((1, a.shape[1]) if ax == 0 else (a.shape[0], 1))
    return out


def sum(a, axis=None, dtype=None, keepdims=False):
    """np.sum: a bool array's sum counts its True entries (an int), as numpy's."""
    kind = 'i' if asarray(a)._kind == 'b' else None
    return _reduce(a, axis, lambda t: t.sum().item(), lambda t, d: t.sum(d), kind, keepdims)


def mean(a, axis=None, keepdims=False):
    """np.mean: of whole numbers and bools too ((y == p).mean() is the share of True entries)."""
    return _reduce(a, axis, lambda t: t.to(_T_float).mean().item(), lambda t, d: t.to(_T_float).mean(d), 'f', keepdims)


def _var(line, ddof):
    n = len(line)
    if n - ddof <= 0:
        return nan
    m = math_fsum(line) / n
    return math_fsum([(x - m) * (x - m) for x in line]) / (n - ddof)


def math_fsum(values):
    s = 0.0
    for v in values:
        s += v
    return s


def var(a, axis=None, ddof=0, keepdims=False):
    """np.var: the mean squared deviation, divided by n - ddof."""
    return _reduce_py(a, axis, lambda line: _var(line, ddof), 'f', keepdims)


def std(a, axis=None, ddof=0, keepdims=False):
    """np.std(a, axis=None, ddof=0): the square root of var."""
    return _reduce_py(a, axis, lambda line: _math.sqrt(_var(line, ddof)) if _var(line, ddof) == _var(line, ddof)
                      else nan, 'f', keepdims)


def average(a, axis=None, weights=None):
    """np.average(a, axis=None, weights=None): the mean, or the weighted mean sum(w a) / sum(w)."""
    if weights is None:
        return mean(a, axis)
    a, w = asarray(a), asarray(weights)
    if axis is None:
        return (a._t.to(_T_float) * w._t.to(_T_float)).sum().item() / w._t.to(_T_float).sum().item()
    raise ValueError("numpy shim: np.average with weights along an axis is not supported; use axis=None")


def _extreme(line, better):
    if not line:
        raise ValueError("zero-size array to reduction operation which has no identity")
    best = line[0]
    for v in line:
        if _isnan(v):
            return v
        if better(v, best):
            best = v
    return best


def amax(a, axis=None, keepdims=False):
    """np.max: the largest entry (nan if there is one), overall or along axis."""
    return _reduce_py(a, axis, lambda line: _extreme(line, lambda x, y: x > y), None, keepdims)


def amin(a, axis=None, keepdims=False):
    """np.min: the smallest entry (nan if there is one), overall or along axis."""
    return _reduce_py(a, axis, lambda line: _extreme(line, lambda x, y: x < y), None, keepdims)


max, min = amax, amin


def _arg(line, better):
    if not line:
        raise ValueError("attempt to get argmax of an empty sequence")
    best = 0
    for i, v in enumerate(line):
        if _isnan(v):
            return i
        if better(v, line[best]):
            best = i
    return best


def argmax(a, axis=None):
    """Index of the largest entry (of the flattened array), or along axis (the first of ties, or the first nan)."""
    return _reduce_py(a, axis, lambda line: _arg(line, lambda x, y: x > y), 'i')


def argmin(a, axis=None):
    """Index of the smallest entry (of the flattened array), or along axis."""
    return _reduce_py(a, axis, lambda line: _arg(line, lambda x, y: x < y), 'i')


def prod(a, axis=None, keepdims=False):
    """np.prod: int64 for whole numbers and bools, as numpy's."""
    def p(line):
        r = 1
        for v in line:
            r = r * v
        return r
    kind = 'i' if asarray(a)._kind == 'b' else None
    return _reduce_py(a, axis, p, kind, keepdims)


def any(a, axis=None, keepdims=False):
    return _reduce_py(a, axis, lambda line: __builtin__.any(v != 0 for v in line), 'b', keepdims)


def all(a, axis=None, keepdims=False):
    return _reduce_py(a, axis, lambda line: __builtin__.all(v != 0 for v in line), 'b', keepdims)


alltrue, sometrue = all, any


def count_nonzero(a, axis=None, keepdims=False):
    return _reduce_py(a, axis, lambda line: __builtin__.sum(1 for v in line if v != 0), 'i', keepdims)


def _cum(line, op):
    out, acc = [], None
    for v in line:
        acc = v if acc is None else op(acc, v)
        out.append(acc)
    return out


def cumsum(a, axis=None):
    """np.cumsum (flattened without axis); bools and whole numbers give int64."""
    kind = 'i' if asarray(a)._kind == 'b' else None
    return _along(a, axis, lambda line: _cum([__builtin__.int(v) if kind else v for v in line], lambda x, y: x + y), kind)


def cumprod(a, axis=None):
    kind = 'i' if asarray(a)._kind == 'b' else None
    return _along(a, axis, lambda line: _cum([__builtin__.int(v) if kind else v for v in line], lambda x, y: x * y), kind)


def diff(a, n=1, axis=-1):
    """np.diff: the n-th differences along axis (the last by default)."""
    a = asarray(a)
    if a._kind == 'b':
        raise TypeError("numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` "
                        "operator, or the logical_xor function instead.")
    for _ in range(n):
        a = _along(a, axis, lambda line: [line[i + 1] - line[i] for i in range(len(line) - 1)])
    return a


def _sort_key(v):
    return (1, 0) if _isnan(v) else (0, v)


def sort(a, axis=-1):
    """np.sort (stable; nan last); axis=None sorts the flattened array."""
    return _along(a, axis, lambda line: sorted(line, key=_sort_key))


def argsort(a, axis=-1):
    """np.argsort (stable, as kind='stable'; nan last)."""
    return _along(a, axis, lambda line: sorted(range(len(line)), key=lambda i: _sort_key(line[i])), 'i')


def unique(ar, return_index=False, return_inverse=False, return_counts=False):
    """np.unique of the flattened array: the sorted distinct values, and optionally the index of each one's first
    occurrence, the inverse (indices rebuilding ar) and the counts."""
    flat, shape, kind = _flat(ar)
    order = sorted(range(len(flat)), key=lambda i: _sort_key(flat[i]))
    values, first, counts, inverse = [], [], [], [0] * len(flat)
    for i in order:
        v = flat[i]
        if not values or not (v == values[-1] or (_isnan(v) and _isnan(values[-1]))):
            values.append(v)
            first.append(i)
            counts.append(0)
        counts[-1] += 1
        inverse[i] = len(values) - 1
    out = [_new(values, (len(values),), kind)]
    if return_index:
        out.append(_new(first, (len(first),), 'i'))
    if return_inverse:
        out.append(_new(inverse, (len(inverse),), 'i'))
    if return_counts:
        out.append(_new(counts, (len(counts),), 'i'))
    return out[0] if len(out) == 1 else tuple(out)


def _median(line):
    s = sorted(line, key=_sort_key)
    n = len(s)
    if n == 0 or _isnan(s[-1]):
        return nan
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2.0


def median(a, axis=None, keepdims=False):
    return _reduce_py(a, axis, _median, 'f', keepdims)


def _quantile_1(s, q):
    """numpy's 'linear' method on sorted values s at q in [0, 1]."""
    n = len(s)
    if _isnan(s[-1]):
        return nan
    v = (n - 1) * q
    if v >= n - 1:
        return __builtin__.float(s[-1])
    if v < 0:
        return __builtin__.float(s[0])
    lo = int(_math.floor(v))
    g = v - lo
    a, b = __builtin__.float(s[lo]), __builtin__.float(s[lo + 1])
    d = b - a
    return b - d * (1 - g) if g >= 0.5 else a + d * g


def quantile(a, q, axis=None, keepdims=False):
    """np.quantile with numpy's default 'linear' method; q a number or a 1-d list (its results first)."""
    if isinstance(q, (list, tuple, ndarray)):
        qs = _flat(q)[0]
        for x in qs:
            if not 0 <= x <= 1:
                raise ValueError("Quantiles must be in the range [0, 1]")
        parts = [quantile(a, x, axis, keepdims) for x in qs]
        if not isinstance(parts[0], ndarray):
            return _new(parts, (len(parts),), 'f')
        if parts[0].ndim != 1:
            raise ValueError("numpy shim: quantile of several q along an axis of a 2-d array with keepdims would be 3-d")
        return _new([v for p in parts for v in _flat(p)[0]], (len(parts), parts[0].size), 'f')
    if not 0 <= q <= 1:
        raise ValueError("Quantiles must be in the range [0, 1]")
    return _reduce_py(a, axis, lambda line: _quantile_1(sorted(line, key=_sort_key), q), 'f', keepdims)


def percentile(a, q, axis=None, keepdims=False):
    """np.percentile: quantile at q / 100."""
    if isinstance(q, (list, tuple, ndarray)):
        qs = [x / 100 for x in _flat(q)[0]]
        if __builtin__.any(not 0 <= x <= 1 for x in qs):
            raise ValueError("Percentiles must be in the range [0, 100]")
        return quantile(a, qs, axis, keepdims)
    if not 0 <= q / 100 <= 1:
        raise ValueError("Percentiles must be in the range [0, 100]")
    return quantile(a, q / 100, axis, keepdims)


def ptp(a, axis=None):
    return subtract(amax(a, axis), amin(a, axis))


# ---------------------------------------------------------------- element-wise

def _safe(fn):
    """A math function with numpy's answers where Python's raises: nan outside the domain, inf on overflow."""
    def f(x):
        try:
            return fn(x)
        except ValueError:
            return nan
        except OverflowError:
            return inf
    return f


def _log(base_log):
    def f(x):
        if x == 0:
            return -inf
        if x < 0 or x != x:
            return nan
        if x == inf:
            return inf
        return base_log(x)
    return f


def _ufunc(name, fn, int_kind='f'):
    """An element-wise function: a number for a number, an array otherwise; int_kind is the result kind for whole
    numbers and bools ('f' as numpy's floor/ceil/log/..., None to keep the input's)."""
    def f(x):
        kind = _kind_of(x) if not isinstance(x, (list, tuple)) else _infer(x)
        out = 'f' if kind == 'f' else (int_kind or kind)
        return _ew(fn, out, x)
    f.__name__ = name
    f.__doc__ = "np.%s, element by element." % name
    return f


def _expm1(x):
    if _math.fabs(x) < 1e-5:
        return x + x * x / 2.0 + x * x * x / 6.0
    return _math.exp(x) - 1.0


log1p = _ufunc('log1p', lambda x: -inf if x == -1 else nan if x < -1 or x != x else _math.log1p(x) if hasattr(_math, 'log1p') else _math.log(1 + x))
expm1 = _ufunc('expm1', _safe(lambda x: _math.expm1(x) if hasattr(_math, 'expm1') else _expm1(x)))
log2 = _ufunc('log2', _log(lambda x: _math.log(x, 2)))
log10 = _ufunc('log10', _log(_math.log10))
exp2 = _ufunc('exp2', _safe(lambda x: 2.0 ** x))
floor = _ufunc('floor', lambda x: x if x != x or x in (inf, -inf) else __builtin__.float(_math.floor(x)))
ceil = _ufunc('ceil', lambda x: x if x != x or x in (inf, -inf) else __builtin__.float(_math.ceil(x)))
trunc = _ufunc('trunc', lambda x: x if x != x or x in (inf, -inf) else __builtin__.float(__builtin__.int(x)))
tan = _ufunc('tan', _safe(_math.tan))
arcsin = _ufunc('arcsin', _safe(_math.asin))
arccos = _ufunc('arccos', _safe(_math.acos))
arctan = _ufunc('arctan', _math.atan)
sinh = _ufunc('sinh', _safe(_math.sinh))
cosh = _ufunc('cosh', _safe(_math.cosh))
cbrt = _ufunc('cbrt', lambda x: _math.copysign(_math.fabs(x) ** (1.0 / 3), x))
square = _ufunc('square', lambda x: x * x, None)
sign = _ufunc('sign', lambda x: x if x != x else (x > 0) - (x < 0), None)
negative = _ufunc('negative', lambda x: -x, None)
reciprocal = _ufunc('reciprocal', lambda x: inf if x == 0 else 1.0 / x)
degrees = _ufunc('degrees', lambda x: x * 180.0 / pi)
radians = _ufunc('radians', lambda x: x * pi / 180.0)


def _bool_ufunc(name, fn):
    def f(x):
        return _ew(lambda v: fn(v), 'b', x)
    f.__name__ = name
    return f


isnan = _bool_ufunc('isnan', lambda x: x != x)
isinf = _bool_ufunc('isinf', lambda x: x in (inf, -inf))
isfinite = _bool_ufunc('isfinite', lambda x: x == x and x not in (inf, -inf))
logical_not = _bool_ufunc('logical_not', lambda x: not x)


def _rint(x):
    if x != x or x in (inf, -inf):
        return x
    f = _math.floor(x)
    d = x - f
    if d > 0.5 or (d == 0.5 and f % 2 == 1):
        f += 1
    return _math.copysign(__builtin__.float(f), x) if f == 0 else __builtin__.float(f)


rint = _ufunc('rint', _rint)


def around(a, decimals=0):
    """np.round: half to even, at `decimals` places (whole numbers stay int64)."""
    kind = _kind_of(a) if not isinstance(a, (list, tuple)) else _infer(a)
    if kind != 'f':
        if decimals >= 0:
            return _ew(lambda x: x, kind, a)
        s = 10 ** -decimals
        return _ew(lambda x: __builtin__.int(_rint(x / s) * s), kind, a)
    if decimals >= 0:
        s = 10.0 ** decimals
        return _ew(lambda x: _rint(x * s) / s, 'f', a)
    s = 10.0 ** -decimals
    return _ew(lambda x: _rint(x / s) * s, 'f', a)


round_ = round = around


def _fpow(x, y):
    try:
        r = x ** y
        return nan if isinstance(r, complex) else r
    except ZeroDivisionError:
        return _math.copysign(inf, x) if y == __builtin__.int(y) and __builtin__.int(y) % 2 else inf
    except ValueError:
        return nan
    except OverflowError:
        return inf


def power(a, b):
    """np.power: int64 for whole numbers to non-negative whole powers, float64 otherwise."""
    kind = _promote(a, b)
    if kind in 'ib':
        if _is_int(b) and b < 0 or isinstance(b, (ndarray, list, tuple)) and __builtin__.any(v < 0 for v in _flat(b)[0]):
            raise ValueError("Integers to negative integer powers are not allowed.")
        return _ew(lambda x, y: __builtin__.int(x) ** __builtin__.int(y), 'i', a, b)
    return _ew(lambda x, y: _fpow(__builtin__.float(x), __builtin__.float(y)), 'f', a, b)


def _fdivmod(x, y):
    if y == 0:
        return (nan if x == 0 or x != x else _math.copysign(inf, x) * _math.copysign(1, y)), nan
    if x != x or y != y or x in (inf, -inf):
        return nan, nan
    return x // y, x % y


def floor_divide(a, b):
    """np.floor_divide (a // b): whole numbers stay int64 (// 0 gives 0, as numpy's)."""
    if _promote(a, b) == 'f':
        return _ew(lambda x, y: _fdivmod(__builtin__.float(x), __builtin__.float(y))[0], 'f', a, b)
    return _ew(lambda x, y: 0 if y == 0 else __builtin__.int(x) // __builtin__.int(y), 'i', a, b)


def mod(a, b):
    """np.mod (a % b), the sign of b's, as Python's."""
    if _promote(a, b) == 'f':
        return _ew(lambda x, y: _fdivmod(__builtin__.float(x), __builtin__.float(y))[1], 'f', a, b)
    return _ew(lambda x, y: 0 if y == 0 else __builtin__.int(x) % __builtin__.int(y), 'i', a, b)


remainder = mod


def fmod(a, b):
    return _ew(lambda x, y: nan if y == 0 else _math.fmod(x, y), _promote(a, b) if _promote(a, b) == 'f' else 'i', a, b)


def add(a, b): return asarray(a) + b if not _scalar_inputs([a, b]) else a + b
def subtract(a, b): return asarray(a) - b if not _scalar_inputs([a, b]) else a - b
def multiply(a, b): return asarray(a) * b if not _scalar_inputs([a, b]) else a * b
def divide(a, b): return asarray(a) / b if not _scalar_inputs([a, b]) else _ew(lambda x, y: x / y if y else (nan if x == 0 else _math.copysign(inf, x)), 'f', a, b)


true_divide = divide


def _extreme2(x, y, take_first):
    if _isnan(x):
        return x
    if _isnan(y):
        return y
    return x if take_first(x, y) else y


def maximum(a, b):
    """np.maximum, element by element (nan wins)."""
    return _ew(lambda x, y: _extreme2(x, y, lambda p, q: p >= q), _promote(a, b), a, b)


def minimum(a, b):
    """np.minimum, element by element (nan wins)."""
    return _ew(lambda x, y: _extreme2(x, y, lambda p, q: p <= q), _promote(a, b), a, b)


def fmax(a, b):
    return _ew(lambda x, y: y if _isnan(x) else x if _isnan(y) else __builtin__.max(x, y), _promote(a, b), a, b)


def fmin(a, b):
    return _ew(lambda x, y: y if _isnan(x) else x if _isnan(y) else __builtin__.min(x, y), _promote(a, b), a, b)


def logical_and(a, b): return _ew(lambda x, y: __builtin__.bool(x) and __builtin__.bool(y), 'b', a, b)
def logical_or(a, b): return _ew(lambda x, y: __builtin__.bool(x) or __builtin__.bool(y), 'b', a, b)
def logical_xor(a, b): return _ew(lambda x, y: __builtin__.bool(x) != __builtin__.bool(y), 'b', a, b)
def equal(a, b): return _ew(lambda x, y: x == y, 'b', a, b)
def not_equal(a, b): return _ew(lambda x, y: x != y, 'b', a, b)
def greater(a, b): return _ew(lambda x, y: x > y, 'b', a, b)
def greater_equal(a, b): return _ew(lambda x, y: x >= y, 'b', a, b)
def less(a, b): return _ew(lambda x, y: x < y, 'b', a, b)
def less_equal(a, b): return _ew(lambda x, y: x <= y, 'b', a, b)


def arctan2(a, b): return _ew(_math.atan2, 'f', a, b)
def hypot(a, b): return _ew(_math.hypot, 'f', a, b)


def clip(a, a_min, a_max):
    """np.clip: each entry into [a_min, a_max] (either may be None; arrays broadcast)."""
    if a_min is None and a_max is None:
        raise ValueError("One of max or min must be given")
    lo = -inf if a_min is None else a_min
    hi = inf if a_max is None else a_max
    kinds = [a] + [x for x in (a_min, a_max) if x is not None]
    kind = _promote(*kinds)
    return _ew(lambda x, l, h: __builtin__.min(__builtin__.max(x, l), h) if x == x else x, kind, a, lo, hi)


def nan_to_num(x, copy=True, nan=0.0, posinf=None, neginf=None):
    """nan -> 0.0 (or nan=), inf -> the largest float64 (or posinf=), -inf -> the most negative (or neginf=)."""
    big = 1.7976931348623157e308
    p = big if posinf is None else posinf
    n = -big if neginf is None else neginf
    kind = _kind_of(x) if not isinstance(x, (list, tuple)) else _infer(x)
    if kind != 'f':
        return asarray(x).copy() if not _scalar_inputs([x]) else x
    nan_value = nan
    return _ew(lambda v: nan_value if v != v else p if v == inf else n if v == -inf else v, 'f', x)



def isclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False):
    def close(x, y):
        if _isnan(x) or _isnan(y):
            return equal_nan and _isnan(x) and _isnan(y)
        if x in (inf, -inf) or y in (inf, -inf):
            return x == y
        return _math.fabs(x - y) <= atol + rtol * _math.fabs(y)
    return _ew(close, 'b', a, b)


def allclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False):
    return __builtin__.bool(all(isclose(a, b, rtol, atol, equal_nan)))


def array_equal(a1, a2, equal_nan=False):
    a1, a2 = asarray(a1), asarray(a2)
    if a1.shape != a2.shape:
        return False
    f1, f2 = _flat(a1)[0], _flat(a2)[0]
    return __builtin__.all(x == y or (equal_nan and _isnan(x) and _isnan(y)) for x, y in zip(f1, f2))


def array_equiv(a1, a2):
    try:
        return __builtin__.bool(all(equal(a1, a2)))
    except ValueError:
        return False


# ---------------------------------------------------------------- products and linear algebra helpers

def dot(a, b):
    """np.dot: the inner product of 1-d arrays (a number), matrix products of 1- and 2-d ones (int64 stays)."""
    if _scalar_inputs([a]) or _scalar_inputs([b]):
        return multiply(a, b)
    a, b = asarray(a), asarray(b)
    if a.ndim == 0 or b.ndim == 0:
        return multiply(a, b)
    return _matmul(a, b, 'dot')


def matmul(a, b):
    """np.matmul (the @ operator of Python 3): as dot for 1- and 2-d arrays; numbers are refused, as numpy's."""
    a, b = asarray(a), asarray(b)
    if a.ndim == 0 or b.ndim == 0:
        raise ValueError("matmul: Input operand %d does not have enough dimensions (has 0, gufunc core with "
                         "signature (n?,k),(k,m?)->(n?,m?) requires 1)" % (0 if a.ndim == 0 else 1))
    return _matmul(a, b, 'matmul')


def _matmul(a, b, name):
    kind = _promote(a, b)
    fa, fb = _flat(a)[0], _flat(b)[0]
    ra, ka = (1, a.shape[0]) if a.ndim == 1 else a.shape
    kb, cb = (b.shape[0], 1) if b.ndim == 1 else b.shape
    if ka != kb:
        if name == 'dot':
            raise ValueError("shapes %s and %s not aligned: %d (dim %d) != %d (dim 0)"
                             % (_shape_text(a.shape), _shape_text(b.shape), ka, a.ndim - 1, kb))
        raise ValueError("matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature "
                         "(n?,k),(k,m?)->(n?,m?) (size %d is different from %d)" % (kb, ka))
    out = []
    for i in range(ra):
        for j in range(cb):
            s = 0
            for k in range(ka):
                s += fa[i * ka + k] * fb[k * cb + j]
            out.append(s if kind != 'b' else s != 0)
    if a.ndim == 1 and b.ndim == 1:
        return _number(out[0], kind) if kind != 'f' else __builtin__.float(out[0])
    shape = (cb,) if a.ndim == 1 else (ra,) if b.ndim == 1 else (ra, cb)
    return _new(out, shape, kind)


def _shape_text(shape):
    return "(" + ",".join(str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"


def inner(a, b):
    return dot(a, b)


def vdot(a, b):
    return dot(ravel(a), ravel(b))


def outer(a, b):
    fa, fb = _flat(a)[0], _flat(b)[0]
    return _new([x * y for x in fa for y in fb], (len(fa), len(fb)), _promote(a, b))


def trace(a):
    return sum(diag(a))


# ---------------------------------------------------------------- shapes, joins, construction

def ravel(a):
    return asarray(a).flatten()


def squeeze(a, axis=None):
    a = asarray(a)
    shape = list(a.shape)
    if axis is not None:
        ax = _axis(axis, a.ndim)
        if shape[ax] != 1:
            raise ValueError("cannot select an axis to squeeze out which has size not equal to one")
        del shape[ax]
    else:
        shape = [d for d in shape if d != 1]
    return a._like(a._t.reshape(shape), a._kind)


def expand_dims(a, axis):
    a = asarray(a)
    shape = list(a.shape)
    shape.insert(axis if axis >= 0 else len(shape) + 1 + axis, 1)
    return a.reshape(tuple(shape))


def atleast_1d(a):
    a = asarray(a)
    return a.reshape((1,)) if a.ndim == 0 else a


def atleast_2d(a):
    a = asarray(a)
    return a.reshape((1, a.size)) if a.ndim < 2 else a


def transpose(a):
    return asarray(a).T


def reshape(a, shape):
    return asarray(a).reshape(shape)


def where(condition, x=None, y=None):
    """np.where(c): the indices of the True entries (as nonzero); np.where(c, x, y): x where c, else y."""
    if x is None and y is None:
        return nonzero(condition)
    if x is None or y is None:
        raise ValueError("either both or neither of x and y should be given")
    return _ew(lambda c, p, q: p if c else q, _promote(x, y), condition, x, y)


def nonzero(a):
    """A tuple of int64 index arrays, one per dimension, of the non-zero entries."""
    flat, shape, kind = _flat(a)
    if len(shape) == 0:
        raise ValueError("Calling nonzero on 0d arrays is not allowed. Use np.atleast_1d(scalar).nonzero() instead.")
    idx = [i for i, v in enumerate(flat) if v != 0]
    if len(shape) == 1:
        return (_new(idx, (len(idx),), 'i'),)
    c = shape[1]
    return (_new([i // c for i in idx], (len(idx),), 'i'), _new([i % c for i in idx], (len(idx),), 'i'))


def flatnonzero(a):
    return nonzero(ravel(a))[0]


def argwhere(a):
    """The indices of the non-zero entries, one row each: an int64 array of shape (n, a.ndim)."""
    a = asarray(a)
    parts = nonzero(a)
    n = parts[0].size
    cols = [_flat(p)[0] for p in parts]
    return _new([cols[k][i] for i in range(n) for k in range(len(cols))], (n, len(cols)), 'i')


def concatenate(arrays, axis=0):
    """np.concatenate of 1- or 2-d arrays along an existing axis (axis=None: flattened)."""
    arrays = [asarray(a) for a in arrays]
    if not arrays:
        raise ValueError("need at least one array to concatenate")
    kind = _promote(*arrays)
    if axis is None:
        flat = [v for a in arrays for v in _flat(a)[0]]
        return _new(flat, (len(flat),), kind)
    nd = arrays[0].ndim
    if nd == 0:
        raise ValueError("zero-dimensional arrays cannot be concatenated")
    for i, a in enumerate(arrays):
        if a.ndim != nd:
            raise ValueError("all the input array dimensions except for the concatenation axis must match exactly, "
                             "but along dimension 0, the array at index 0 has %d dimension(s) and the array at index "
                             "%d has %d dimension(s)" % (nd, i, a.ndim) if False else
                             "all the input arrays must have same number of dimensions, but the array at index 0 has "
                             "%d dimension(s) and the array at index %d has %d dimension(s)" % (nd, i, a.ndim))
    ax = _axis(axis, nd)
    if nd == 1:
        flat = [v for a in arrays for v in _flat(a)[0]]
        return _new(flat, (len(flat),), kind)
    other = 1 - ax
    for i, a in enumerate(arrays):
        if a.shape[other] != arrays[0].shape[other]:
            raise ValueError("all the input array dimensions except for the concatenation axis must match exactly, "
                             "but along dimension %d, the array at index 0 has size %d and the array at index %d has "
                             "size %d" % (other, arrays[0].shape[other], i, a.shape[other]))
    if ax == 0:
        flat = [v for a in arrays for v in _flat(a)[0]]
        return _new(flat, (__builtin__.sum(a.shape[0] for a in arrays), arrays[0].shape[1]), kind)
    rows = arrays[0].shape[0]
    flats = [(_flat(a)[0], a.shape[1]) for a in arrays]
    flat = [v for r in range(rows) for f, c in flats for v in f[r * c:(r + 1) * c]]
    return _new(flat, (rows, __builtin__.sum(c for _, c in flats)), kind)


def stack(arrays, axis=0):
    """np.stack of 0- or 1-d arrays of one shape along a new axis (2-d ones would give 3 dimensions)."""
    arrays = [asarray(a) for a in arrays]
    if not arrays:
        raise ValueError("need at least one array to stack")
    if __builtin__.any(a.shape != arrays[0].shape for a in arrays):
        raise ValueError("all input arrays must have the same shape")
    nd = arrays[0].ndim
    if nd >= 2:
        raise ValueError("numpy shim: arrays have at most 2 dimensions; stacking 2-d arrays would give 3")
    ax = _axis(axis, nd + 1)
    joined = concatenate([a.reshape((1,) + a.shape) for a in arrays], axis=0)
    return joined if ax == 0 or nd == 0 else joined.T


def vstack(tup):
    return concatenate([atleast_2d(a) for a in tup], axis=0)


row_stack = vstack


def hstack(tup):
    arrays = [atleast_1d(a) for a in tup]
    return concatenate(arrays, axis=0 if arrays and arrays[0].ndim == 1 else 1)


def column_stack(tup):
    arrays = []
    for a in tup:
        a = asarray(a)
        arrays.append(a.reshape((a.size, 1)) if a.ndim < 2 else a)
    return concatenate(arrays, axis=1)


def eye(N, M=None, k=0, dtype=float):
    M = N if M is None else M
    return _new([1 if j - i == k else 0 for i in range(N) for j in range(M)], (N, M), _kind(dtype), _is_f32(dtype))


def identity(n, dtype=float):
    return eye(n, dtype=dtype)


def diag(v, k=0):
    """np.diag: the k-th diagonal of a 2-d array, or a 2-d array with a 1-d one on its k-th diagonal."""
    flat, shape, kind = _flat(v)
    if len(shape) == 1:
        n = len(flat) + __builtin__.abs(k)
        out = [0] * (n * n)
        for i, x in enumerate(flat):
            r, c = (i, i + k) if k >= 0 else (i - k, i)
            out[r * n + c] = x
        return _new(out, (n, n), kind)
    if len(shape) != 2:
        raise ValueError("Input must be 1- or 2-d.")
    r, c = shape
    out = [flat[i * c + i + k] for i in range(r) if 0 <= i + k < c]
    return _new(out, (len(out),), kind)


def diagflat(v, k=0):
    return diag(ravel(v), k)


def triu(m, k=0):
    flat, (r, c), kind = _flat(m)
    return _new([flat[i * c + j] if j - i >= k else 0 for i in range(r) for j in range(c)], (r, c), kind)


def tril(m, k=0):
    flat, (r, c), kind = _flat(m)
    return _new([flat[i * c + j] if j - i <= k else 0 for i in range(r) for j in range(c)], (r, c), kind)


def meshgrid(*xi, **kwargs):
    """np.meshgrid of two 1-d arrays (indexing 'xy' or 'ij'): a list of two 2-d arrays."""
    indexing = kwargs.pop('indexing', 'xy')
    if kwargs.pop('sparse', False):
        raise ValueError("numpy shim: meshgrid(sparse=True) is not supported")
    kwargs.pop('copy', None)
    if len(xi) == 1:
        return [ravel(xi[0]).copy()]
    if len(xi) != 2:
        raise ValueError("numpy shim: meshgrid of %d arrays would give %d-d arrays; at most 2 here" % (len(xi), len(xi)))
    (fx, _, kx), (fy, _, ky) = _flat(ravel(xi[0])), _flat(ravel(xi[1]))
    if indexing == 'xy':
        return [_new([x for _ in fy for x in fx], (len(fy), len(fx)), kx),
                _new([y for y in fy for _ in fx], (len(fy), len(fx)), ky)]
    return [_new([x for x in fx for _ in fy], (len(fx), len(fy)), kx),
            _new([y for _ in fx for y in fy], (len(fx), len(fy)), ky)]


def tile(A, reps):
    """np.tile for results of at most 2 dimensions."""
    a = asarray(A)
    reps = (reps,) if _is_int(reps) else tuple(reps)
    nd = __builtin__.max(a.ndim, len(reps))
    if nd > 2:
        raise ValueError("numpy shim: arrays have at most 2 dimensions; tile would give %d" % nd)
    shape = (1,) * (nd - a.ndim) + a.shape
    reps = (1,) * (nd - len(reps)) + reps
    flat = _flat(a)[0]
    if nd == 1:
        return _new(flat * reps[0], (shape[0] * reps[0],), a._kind)
    r, c = shape
    rows = [flat[i * c:(i + 1) * c] * reps[1] for i in range(r)] * reps[0]
    return _new([v for row in rows for v in row], (r * reps[0], c * reps[1]), a._kind)


def repeat(a, repeats, axis=None):
    """np.repeat: each entry (axis=None, of the flattened array) or each row/column repeated."""
    a = asarray(a)
    if axis is None:
        flat = _flat(a)[0]
        counts = [repeats] * len(flat) if _is_int(repeats) else list(repeats)
        out = [v for v, n in zip(flat, counts) for _ in range(n)]
        return _new(out, (len(out),), a._kind)

    def rep(line):
        counts = [repeats] * len(line) if _is_int(repeats) else list(repeats)
        return [v for v, n in zip(line, counts) for _ in range(n)]
    return _along(a, axis, rep)


def full_like(a, fill_value, dtype=None):
    a = asarray(a)
    kind = _kind(dtype, a._kind)
    v = _number(fill_value, kind) if kind != 'f' else fill_value
    return _new([v] * a.size, a.shape, kind, a._f32 if dtype is None else _is_f32(dtype))


def empty_like(a, dtype=None):
    """As zeros_like (numpy's entries are whatever memory held)."""
    return zeros_like(a, dtype)


def searchsorted(a, v, side='left', sorter=None):
    """np.searchsorted: where v's entries would go in the sorted 1-d a (side 'left' or 'right')."""
    import bisect
    s = _flat(a)[0]
    if sorter is not None:
        s = [s[i] for i in _flat(sorter)[0]]
    find = bisect.bisect_left if side == 'left' else bisect.bisect_right
    if _scalar_inputs([v]):
        return find(s, v)
    flat, shape, _ = _flat(v)
    return _new([find(s, x) for x in flat], shape, 'i')


def digitize(x, bins, right=False):
    return searchsorted(bins, x, side='left' if right else 'right')


def bincount(x, weights=None, minlength=0):
    """np.bincount of non-negative whole numbers (int64 counts, or float64 sums of weights)."""
    flat, shape, kind = _flat(x)
    if len(shape) != 1 and not (len(shape) == 1 or flat == []):
        raise ValueError("object too deep for desired array")
    if kind == 'f':
        raise TypeError("Cannot cast array data from dtype('float64') to dtype('int64') according to the rule 'safe'")
    if __builtin__.any(v < 0 for v in flat):
        raise ValueError("'list' argument must have no negative elements")
    n = __builtin__.max([minlength] + [v + 1 for v in flat])
    w = _flat(weights)[0] if weights is not None else None
    out = [0.0 if w else 0] * n
    for i, v in enumerate(flat):
        out[v] += w[i] if w else 1
    return _new(out, (n,), 'f' if w else 'i')


def histogram(a, bins=10, range=None, weights=None, density=False):
    """np.histogram: (counts, bin edges); equal bins over the data's range (or range=) or given edges, the last bin
    closed; int64 counts, float64 with weights or density."""
    flat = [__builtin__.float(v) for v in _flat(a)[0]]
    w = [__builtin__.float(v) for v in _flat(weights)[0]] if weights is not None else None
    edge_kind = 'f'
    if _is_int(bins):
        if range is not None:
            lo, hi = __builtin__.float(range[0]), __builtin__.float(range[1])
        elif flat:
            lo, hi = __builtin__.min(flat), __builtin__.max(flat)
        else:
            lo, hi = 0.0, 1.0
        if lo > hi:
            raise ValueError("max must be larger than min in range parameter.")
        if lo == hi:
            lo, hi = lo - 0.5, hi + 0.5
        edges = _flat(linspace(lo, hi, bins + 1))[0]
        n = bins
        counts = [0.0 if (w or density) else 0] * n
        norm = n / (hi - lo)
        for i, v in enumerate(flat):
            if not lo <= v <= hi:
                continue
            k = __builtin__.int((v - lo) * norm)
            if k == n:
                k -= 1
            if v < edges[k]:
                k -= 1
            elif k != n - 1 and v >= edges[k + 1]:
                k += 1
            counts[k] += w[i] if w else 1
    else:
        edges = [__builtin__.float(e) for e in _flat(bins)[0]]
        edge_kind = _flat(bins)[2]
        n = len(edges) - 1
        counts = [0.0 if (w or density) else 0] * n
        for i, v in enumerate(flat):
            for k in __builtin__.range(n):
                if edges[k] <= v < edges[k + 1] or (k == n - 1 and v == edges[k + 1]):
                    counts[k] += w[i] if w else 1
                    break
    if density:
        total = __builtin__.sum(counts)
        counts = [c / (edges[k + 1] - edges[k]) / total for k, c in enumerate(counts)]
    return _new(counts, (n,), 'f' if (w or density) else 'i'), _new(edges, (len(edges),), edge_kind)


def cov(m, y=None, rowvar=True, bias=False, ddof=None):
    """np.cov: the covariance matrix of the rows (variables) of m (and y); a 0-d array for one variable."""
    X = atleast_2d(asarray(m).astype(float64))
    if not rowvar and X.shape[0] != 1:
        X = X.T
    if y is not None:
        Y = atleast_2d(asarray(y).astype(float64))
        if not rowvar and Y.shape[0] != 1:
            Y = Y.T
        X = concatenate([X, Y], axis=0)
    if ddof is None:
        ddof = 0 if bias else 1
    r, n = X.shape
    flat = _flat(X)[0]
    rows = [flat[i * n:(i + 1) * n] for i in __builtin__.range(r)]
    rows = [[v - math_fsum(row) / n for v in row] for row in rows]
    fact = n - ddof
    out = [math_fsum([p * q for p, q in zip(rows[i], rows[j])]) / fact if fact > 0 else nan
           for i in __builtin__.range(r) for j in __builtin__.range(r)]
    return _new(out, () if r == 1 else (r, r), 'f')


def corrcoef(x, y=None, rowvar=True):
    """np.corrcoef: Pearson's correlation coefficients (clipped to [-1, 1])."""
    c = cov(x, y, rowvar)
    if c.ndim == 0:
        return c / c
    d = [_math.sqrt(v) for v in _flat(diag(c))[0]]
    flat = _flat(c)[0]
    n = len(d)
    return _new([__builtin__.max(-1.0, __builtin__.min(1.0, flat[i * n + j] / d[i] / d[j]))
                 for i in __builtin__.range(n) for j in __builtin__.range(n)], (n, n), 'f')


def linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None):
    """np.linspace (numpy's arithmetic: start + i * step, the last entry stop when endpoint)."""
    div = (num - 1) if endpoint else num
    delta = __builtin__.float(stop) - __builtin__.float(start)
    if div > 0:
        step = delta / div
        if step == 0:
            y = [i / div * delta + start for i in __builtin__.range(num)]
        else:
            y = [i * step + start for i in __builtin__.range(num)]
    else:
        step = nan
        y = [i * delta + start for i in __builtin__.range(num)]
    if endpoint and num > 1:
        y[-1] = __builtin__.float(stop)
    a = _new(y, (num,), 'f')
    if dtype is not None:
        a = a.astype(dtype)
    return (a, step) if retstep else a


def logspace(start, stop, num=50, endpoint=True, base=10.0, dtype=None):
    """np.logspace: base ** linspace(start, stop, num, endpoint)."""
    a = power(base, linspace(start, stop, num, endpoint))
    return a if dtype is None else a.astype(dtype)


def geomspace(start, stop, num=50, endpoint=True):
    return logspace(_math.log10(start), _math.log10(stop), num, endpoint)


def copy(a):
    return asarray(a).copy()


def shape(a):
    return asarray(a).shape


def size(a):
    return asarray(a).size


def ndim(a):
    return asarray(a).ndim


def isscalar(x):
    return isinstance(x, (__builtin__.int, __builtin__.long, __builtin__.float, __builtin__.bool, str))


def flip(a, axis=None):
    a = asarray(a)
    if axis is None and a.ndim == 2:
        return _along(_along(a, 0, lambda l: l[::-1]), 1, lambda l: l[::-1])
    return _along(a, -1 if axis is None else axis, lambda l: l[::-1])


def fliplr(a): return flip(a, 1)
def flipud(a): return flip(a, 0)


def roll(a, shift, axis=None):
    a = asarray(a)
    if axis is None:
        flat = _flat(a)[0]
        s = shift % len(flat) if flat else 0
        return _new(flat[-s:] + flat[:-s] if s else flat, a.shape, a._kind)
    return _along(a, axis, lambda l: (l[-(shift % len(l)):] + l[:-(shift % len(l))]) if l and shift % len(l) else l)


from numpy import random  # noqa: E402
from numpy import linalg  # noqa: E402

_shim.strict(__name__, "neuralGLM's numpy shim (scripts/lib/numpy: just what the seeds' data and plotting cells use)")

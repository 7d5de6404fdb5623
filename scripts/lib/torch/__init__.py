"""PyTorch's names over neuralGLM's Jython bridge (the Java package neuralglm.jython), so that
PyTorch code runs as written under scripts/run:

    import torch
    import torch.nn as nn
    import torch.nn.functional as F
    import torch.optim as optim
    from torch.autograd import Variable, Function

Every tensor operation, layer, loss and optimiser is Java code of the bridge or the engine; this
package only gives them PyTorch's names. Tensors have at most two dimensions and always store and
compute in float64: dtypes (torch.float32, torch.float64, torch.long, ...) are accepted wherever
PyTorch takes one and carried as labels (t.dtype is torch.float32 by default, as in PyTorch, and a
product of float32 and float64 tensors is refused as PyTorch refuses it), an integer dtype truncates
the values toward zero, and a float32 tensor's numbers leave it as its float32 values (item(), tolist(),
float(t), printing), as PyTorch's; t.stored_tolist() gives the float64 values (for the shims' own
computations).
There is no GPU: torch.cuda.is_available() is False. torch.utils.data has Dataset, TensorDataset and
DataLoader. A name PyTorch has and this package has not
fails with a one-line message naming it. Beyond PyTorch: torch.families (the engine's exponential
families: mean, nll, gradient, deviance on tensors) and torch.max_abs_diff (of the stored values).
"""
from __future__ import absolute_import

import __builtin__
import sys as _sys
from collections import namedtuple as _namedtuple

from neuralglm.jython import Torch as _T, DType as _DType
from neuralglm.jython import Tensor, TorchFamily as _Family, Special as _Special
from neuralglm.family import Families as _Families

import _shim

# ---------------------------------------------------------------- dtypes (labels: all computed in float64)
float32 = _DType.FLOAT32
float64 = _DType.FLOAT64
float16 = half = _DType.FLOAT16
int64 = _DType.INT64
int32 = _DType.INT32
dtype = _DType

# ---------------------------------------------------------------- factories and functions


def tensor(data, dtype=None, device=None, requires_grad=False):
    """torch.tensor(data, dtype=None, device=None, requires_grad=False): a new leaf tensor with a copy of data (a
    number, nested lists, a tensor, or a numpy shim array, which gives its dtype as numpy's does in PyTorch: a float
    array makes a float64 tensor, a float32 one (np.array(x, dtype=np.float32)) a float32 tensor)."""
    if dtype is None and __builtin__.type(data).__name__ == 'ndarray' and __builtin__.hasattr(data, '_kind'):
        dtype = {'f': _DType.FLOAT32 if getattr(data, '_f32', False) else _DType.FLOAT64, 'i': _DType.INT64,
                 'b': _DType.BOOL}[data._kind]
    return _T.tensor(data, dtype=dtype, device=device, requires_grad=requires_grad)

zeros, ones, rand, randn = _T.zeros, _T.ones, _T.rand, _T.randn
zeros_like, ones_like, rand_like, randn_like = _T.zeros_like, _T.ones_like, _T.rand_like, _T.randn_like
arange, linspace, randperm = _T.arange, _T.linspace, _T.randperm
manual_seed = _T.manual_seed
_exponential_draws = _T.exponential_
bernoulli, poisson = _T.bernoulli, _T.poisson


def normal(mean=0.0, std=1.0, size=None, generator=None, dtype=None, device=None, requires_grad=False):
    """torch.normal(mean, std): N(mean, std^2) draws, as PyTorch's forms: a tensor of means with one std, a tensor
    of stds (a number or a tensor of means, broadcast), or numbers with a size (torch.normal(0, 1, (1000, 2)), as
    d2l's synthetic_data). Draws come from the bridge's generator (torch.manual_seed), or generator=g's."""
    mean_tensor, std_tensor = is_tensor(mean), is_tensor(std)
    if size is not None:
        if mean_tensor or std_tensor:
            raise TypeError("normal(): size= goes with a number mean and std only; got a tensor")
        out = _T.normal_(zeros(_sizes(size), dtype=dtype), __builtin__.float(mean), __builtin__.float(std))
    elif std_tensor:
        means = mean.detach() if mean_tensor else __builtin__.float(mean)
        out = (means + std.detach() * _T.normal(zeros_like(std.detach() + means), 1.0)).detach()
    elif mean_tensor:
        out = _T.normal(mean, __builtin__.float(std))
    else:
        raise TypeError("normal(): give a tensor of means or stds, or numbers with a size: "
                        "torch.normal(0.0, 1.0, size=(3, 2))")
    if requires_grad:
        out.requires_grad_(True)
    return out


def _sizes(size):
    """A size as a list of ints: a tuple, a list or a torch.Size."""
    if __builtin__.isinstance(size, (__builtin__.int, __builtin__.long)):
        return [size]
    return [__builtin__.int(n) for n in size]
exp, log, sigmoid, tanh, relu, sqrt = _T.exp, _T.log, _T.sigmoid, _T.tanh, _T.relu, _T.sqrt
square = _T.square
sin, cos, pow = _T.sin, _T.cos, _T.pow
softmax, log_softmax, logsumexp = _T.softmax, _T.log_softmax, _T.logsumexp
sum, mean, norm, mm, matmul = _T.sum, _T.mean, _T.norm, _T.mm, _T.matmul
std, var = _T.std, _T.var
unsqueeze, squeeze, flatten, t, numel = _T.unsqueeze, _T.squeeze, _T.flatten, _T.t, _T.numel
argmax, argmin, max, min, max_abs_diff = _T.argmax, _T.argmin, _T.max, _T.min, _T.max_abs_diff
maximum, minimum, clamp, clip, where = _T.maximum, _T.minimum, _T.clamp, _T.clamp, _T.where
cat, concat, stack, eye, full = _T.cat, _T.cat, _T.stack, _T.eye, _T.full
transpose, dot, round, floor, ceil, sign, log1p = _T.transpose, _T.dot, _T.round, _T.floor, _T.ceil, _T.sign, _T.log1p
is_grad_enabled = _T.is_grad_enabled
from neuralglm.jython import TensorPrinter as _TensorPrinter  # noqa: E402
set_printoptions = _TensorPrinter.set_printoptions
lgamma, digamma, xlogy = _Special.lgamma, _Special.digamma, _Special.xlogy


__version__ = "1.13.0+neuralglm"  # the PyTorch whose names and numbers the bridge follows


def get_default_dtype():
    """The dtype of float tensors made without one: torch.float32 unless set_default_dtype changed it (a label:
    the bridge stores and computes every float tensor in float64)."""
    return _DType.defaultFloat()


def set_default_dtype(d):
    """torch.set_default_dtype(torch.float64) or (torch.float32): the dtype of float tensors (and layers) made
    without one."""
    _DType.setDefaultFloat(d)


def use_deterministic_algorithms(mode, warn_only=False):
    """Accepted: the bridge's operations are deterministic (its random draws follow torch.manual_seed)."""


backends = _shim.Namespace("torch.backends (accepted settings without effect: the bridge runs on the CPU)",
                           cudnn=_shim.Settings("torch.backends.cudnn", deterministic=False, benchmark=False,
                                                enabled=True),
                           mps=_shim.Settings("torch.backends.mps", is_available=lambda: False))


def is_tensor(obj):
    return __builtin__.isinstance(obj, Tensor)


def from_numpy(array):
    """A tensor with a copy of the values of a numpy shim array (or any list), of the array's dtype (float64 for a
    float array, as numpy's)."""
    return tensor(array)


class Size(tuple):
    """torch.Size: a tensor's sizes, a tuple that prints as torch.Size([2, 3])."""

    def __new__(cls, sizes=()):
        return tuple.__new__(cls, sizes)

    def __repr__(self):
        return "torch.Size(%s)" % (__builtin__.list(self),)

    __str__ = __repr__

    def __getitem__(self, index):
        # a slice of a Size is a Size, as PyTorch's (x.shape[1:])
        if __builtin__.isinstance(index, __builtin__.slice):
            return Size(tuple.__getitem__(self, index))
        return tuple.__getitem__(self, index)

    def __getslice__(self, i, j):
        return Size(tuple.__getslice__(self, i, j))

    def __add__(self, other):
        return Size(tuple.__add__(self, tuple(other)))

    def numel(self):
        n = 1
        for s in self:
            n *= s
        return n


class device(__builtin__.str):
    """torch.device('cpu'), torch.device('cuda', 0), torch.device('cuda:0'): a str ('cpu', 'cuda:0') with PyTorch's
    .type and .index, printed as device(type='cpu'); tensors and modules move only to 'cpu' (another device is
    refused with one line when something is moved there). Tensors' .device is torch.device('cpu')."""

    def __new__(cls, kind="cpu", index=None):
        if __builtin__.isinstance(kind, device):
            return kind
        kind = __builtin__.str(kind)
        if index is None and ':' in kind:
            kind, number = kind.split(':', 1)
            index = __builtin__.int(number)
        self = __builtin__.str.__new__(cls, kind if index is None else "%s:%d" % (kind, index))
        self._type, self._index = kind, index
        return self

    @property
    def type(self):
        return self._type

    @property
    def index(self):
        return self._index

    def __repr__(self):
        return ("device(type='%s')" % self._type if self._index is None
                else "device(type='%s', index=%d)" % (self._type, self._index))


_cpu = device('cpu')
Tensor.device = property(lambda self: _cpu, doc="the tensor's device: torch.device('cpu')")


def _legacy(name, kind):
    def make(*args):
        if __builtin__.len(args) == 1 and not __builtin__.isinstance(args[0], (__builtin__.int, __builtin__.long)):
            return tensor(args[0], dtype=kind)
        return zeros(*args, dtype=kind)
    make.__name__ = name
    make.__doc__ = ("torch.%s(data) or torch.%s(*sizes) (zeros), as the legacy constructor; "
                    "computed in float64" % (name, name))
    make._dtype = kind   # t.type(torch.LongTensor)
    return make


BoolTensor = _legacy("BoolTensor", _DType.BOOL)
FloatTensor = _legacy("FloatTensor", float32)
DoubleTensor = _legacy("DoubleTensor", float64)
HalfTensor = _legacy("HalfTensor", float16)
LongTensor = _legacy("LongTensor", int64)
IntTensor = _legacy("IntTensor", int32)
_LEGACY_TYPES = {'torch.FloatTensor': float32, 'torch.DoubleTensor': float64, 'torch.HalfTensor': float16,
                 'torch.LongTensor': int64, 'torch.IntTensor': int32, 'torch.BoolTensor': _DType.BOOL}
_java_type = Tensor.type


def _type(self, dtype=None, non_blocking=False, **kwargs):
    """t.type(): the legacy type name ('torch.FloatTensor'); t.type(torch.LongTensor), t.type('torch.LongTensor')
    or t.type(torch.int64): t converted to that dtype."""
    if dtype is None:
        return _java_type(self)
    if isinstance(dtype, (str, unicode)):
        if dtype not in _LEGACY_TYPES:
            raise RuntimeError("invalid type: '%s'" % dtype)
        dtype = _LEGACY_TYPES[dtype]
    return self.to(getattr(dtype, '_dtype', dtype))


Tensor.type = _type


# ---------------------------------------------------------------- gradient mode

class set_grad_enabled(object):
    """torch.set_grad_enabled(mode): takes effect at once; as a context manager, restores on exit."""

    def __init__(self, mode):
        self._previous = _T.set_grad_enabled(__builtin__.bool(mode))

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        _T.set_grad_enabled(self._previous)
        return False


class no_grad(object):
    """with torch.no_grad(): ... (or @torch.no_grad()): operations inside are not recorded."""
    _mode = False

    def __enter__(self):
        self._previous = _T.set_grad_enabled(self._mode)
        return self

    def __exit__(self, *exc):
        _T.set_grad_enabled(self._previous)
        return False

    def __call__(self, function):
        mode = self._mode

        def wrapper(*args, **kwargs):
            previous = _T.set_grad_enabled(mode)
            try:
                return function(*args, **kwargs)
            finally:
                _T.set_grad_enabled(previous)
        wrapper.__name__ = function.__name__
        wrapper.__doc__ = function.__doc__
        return wrapper


class inference_mode(no_grad):
    """with torch.inference_mode(): as torch.no_grad() (inference_mode(False) records, as enable_grad)."""

    def __init__(self, mode=True):
        self._mode = not mode


class enable_grad(no_grad):
    """with torch.enable_grad(): recording on again inside a no_grad block."""
    _mode = True


# ---------------------------------------------------------------- tensor methods PyTorch spells as keywords

def _numpy(self):
    if self.requires_grad:
        raise RuntimeError("Can't call numpy() on a tensor that requires grad; use tensor.detach().numpy()")
    import numpy
    return numpy.array(self)


def _scaled(other, alpha):
    return other if alpha == 1 else other * alpha


def _add(input, other, alpha=1):
    """torch.add(input, other, alpha=1) and input.add(other, alpha=1): input + alpha * other."""
    return input + _scaled(other, alpha)


def _sub(input, other, alpha=1):
    """torch.sub(input, other, alpha=1) and input.sub(other, alpha=1): input - alpha * other."""
    return input - _scaled(other, alpha)


def _mul(input, other):
    """torch.mul(input, other) and input.mul(other): the element-wise product (broadcast)."""
    return input * other


def _div(input, other, rounding_mode=None):
    """torch.div(input, other, rounding_mode=None) and input.div(other): true division, or rounded towards 0
    ('trunc') or down ('floor'), as PyTorch's."""
    if rounding_mode is not None:
        from torch._ops import div as _rounded
        return _rounded(input, other, rounding_mode)
    return input / other


def _isnan(input):
    """torch.isnan(t) and t.isnan(): a bool tensor, True where an entry is NaN."""
    return input != input


def _isfinite(input):
    """torch.isfinite(t) and t.isfinite(): a bool tensor, True where an entry is neither NaN nor infinite."""
    return input.abs() < __builtin__.float('inf')


def _isinf(input):
    """torch.isinf(t) and t.isinf(): a bool tensor, True where an entry is +-inf."""
    return input.abs() == __builtin__.float('inf')


def _split(tensor, split_size_or_sections, dim=0):
    """torch.split(t, size, dim=0) and t.split(...): a tuple of views along dim, each of size rows (the last
    may be smaller), or of the sizes listed."""
    n = tensor.size(dim)
    if __builtin__.isinstance(split_size_or_sections, (__builtin__.int, __builtin__.long)):
        size = split_size_or_sections
        sizes = [__builtin__.min(size, n - start) for start in __builtin__.range(0, n, size)]
    else:
        sizes = __builtin__.list(split_size_or_sections)
        if __builtin__.sum(sizes) != n:
            raise ValueError("split: sizes %s do not add up to %d along dimension %d" % (sizes, n, dim))
    parts, start = [], 0
    for size in sizes:
        parts.append(tensor[start:start + size] if dim in (0, -tensor.dim()) else tensor[:, start:start + size])
        start += size
    # PyTorch 1.13's grad_fn: SplitBackward0 (a size), SplitWithSizesBackward0 (a list of sizes)
    name = 'SplitBackward0' if __builtin__.isinstance(split_size_or_sections, (__builtin__.int, __builtin__.long)) \
        else 'SplitWithSizesBackward0'
    return __builtin__.tuple(_T._grad_fn(p, name) for p in parts)


def _chunk(tensor, chunks, dim=0):
    """torch.chunk(t, chunks, dim=0) and t.chunk(...): split into pieces of ceil(size / chunks)."""
    n = tensor.size(dim)
    return _split(tensor, __builtin__.max(1, -(-n // chunks)), dim)


def _truth(value, what):
    """value as a bool tensor for the logical operators: a bool tensor as it is, a Python bool as a 0-d one; for
    torch.logical_*, any tensor (True where not 0), as PyTorch."""
    if __builtin__.isinstance(value, __builtin__.bool):
        value = tensor(value)
    if what.startswith("logical_") and __builtin__.isinstance(value, Tensor) and value.dtype != bool:
        value = value != 0
    if not __builtin__.isinstance(value, Tensor) or value.dtype != bool:
        raise TypeError("%s works on bool tensors here (as masks: (t > 0) & (t < 1)); got %s"
                        % (what, getattr(value, 'dtype', __builtin__.type(value).__name__)))
    return value


def _logical(what, combine):
    def operator(self, other):
        return combine(_truth(self, what), _truth(other, what))
    operator.__name__ = what
    return operator


def _negation(what):
    def operator(self):
        """~mask and torch.logical_not(t): True where the mask is False (or t is 0)."""
        return _truth(self, what) == 0
    operator.__name__ = what
    return operator


def _both(a, b):
    return (a * b) != 0


def _either(a, b):
    return (a + b) != 0


def _one(a, b):
    return a != b


Tensor.__and__ = Tensor.__rand__ = _logical("&", _both)
Tensor.__or__ = Tensor.__ror__ = _logical("|", _either)
Tensor.__xor__ = Tensor.__rxor__ = _logical("^", _one)
Tensor.__invert__ = _negation("~")
logical_and = _logical("logical_and", _both)
logical_or = _logical("logical_or", _either)
logical_xor = _logical("logical_xor", _one)
logical_not = _negation("logical_not")
Tensor.logical_and, Tensor.logical_or, Tensor.logical_xor, Tensor.logical_not = logical_and, logical_or, logical_xor, logical_not


def _unsupported_method(self, name):
    if name.startswith('__') and name.endswith('__'):
        raise AttributeError(name)
    raise AttributeError("Tensor.%s is not supported by neuralGLM's PyTorch bridge (neuralglm.jython.Tensor)" % name)


isnan, isfinite, isinf, split, chunk = _isnan, _isfinite, _isinf, _split, _chunk
Tensor.isnan, Tensor.isfinite, Tensor.isinf, Tensor.split, Tensor.chunk = _isnan, _isfinite, _isinf, _split, _chunk
Tensor.__getattr__ = _unsupported_method
add, sub, mul, div = _add, _sub, _mul, _div
subtract, multiply, divide = _sub, _mul, _div
Tensor.add, Tensor.sub, Tensor.mul, Tensor.div = _add, _sub, _mul, _div
Tensor.subtract, Tensor.multiply, Tensor.divide = _sub, _mul, _div
Tensor.nelement = lambda self: self.numel()
result_type = _T.result_type


def _type_name(x):
    return 'Tensor' if is_tensor(x) else __builtin__.type(x).__name__


def _comparison(name, method):
    """torch.<name>(input, other): input a tensor, other a tensor or a number, as PyTorch's (t.<method>(other))."""
    def compare(input, other):
        if not is_tensor(input) or not (is_tensor(other) or __builtin__.isinstance(
                other, (__builtin__.int, __builtin__.long, __builtin__.float, __builtin__.bool))):
            raise TypeError("%s() received an invalid combination of arguments - got (%s, %s), but expected one of: "
                            "(Tensor input, Tensor other) or (Tensor input, Number other)"
                            % (name, _type_name(input), _type_name(other)))
        return getattr(input, method)(other)
    compare.__name__ = name
    return compare


for _name, _method in (('eq', 'eq'), ('ne', 'ne'), ('gt', 'gt'), ('lt', 'lt'), ('ge', 'ge'), ('le', 'le'),
                       ('not_equal', 'ne'), ('greater', 'gt'), ('less', 'lt'), ('greater_equal', 'ge'),
                       ('less_equal', 'le')):
    globals()[_name] = _comparison(_name, _method)
    if _name != _method:
        setattr(Tensor, _name, getattr(Tensor, _method))
del _name, _method
Tensor.lgamma = lambda self: _Special.lgamma(self)
Tensor.digamma = lambda self: _Special.digamma(self)
Tensor.xlogy = lambda self, other: _Special.xlogy(self, other)
Tensor.float = lambda self: self.to(float32)
Tensor.double = lambda self: self.to(float64)
Tensor.half = lambda self: self.to(float16)
Tensor.long = lambda self: self.to(int64)
Tensor.int = lambda self: self.to(int32)
Tensor.bool = lambda self: self.to(_DType.BOOL)
Tensor.numpy = _numpy


def _expand(self, *sizes):
    """t.expand(*sizes) (-1 keeps a size) and t.expand_as(other): t broadcast to those sizes, as PyTorch's (a size of 1
    grows, another must match), in the record, so its gradient adds up over the copies; a copy here, not a view
    (tensors have no strides)."""
    if __builtin__.len(sizes) == 1 and __builtin__.isinstance(sizes[0], (__builtin__.tuple, __builtin__.list)):
        sizes = __builtin__.tuple(sizes[0])
    own = __builtin__.list(self.shape)
    if __builtin__.len(sizes) < __builtin__.len(own):
        raise RuntimeError("expand(torch.FloatTensor{%s}, size=%s): the number of sizes provided (%d) must be greater or "
                           "equal to the number of dimensions in the tensor (%d)"
                           % (own, __builtin__.list(sizes), __builtin__.len(sizes), __builtin__.len(own)))
    own = [1] * (__builtin__.len(sizes) - __builtin__.len(own)) + own
    target = []
    for i, (s, o) in __builtin__.enumerate(__builtin__.zip(sizes, own)):
        s = o if s == -1 else s
        if o != 1 and o != s:
            raise RuntimeError("The expanded size of the tensor (%d) must match the existing size (%d) at non-singleton "
                               "dimension %d.  Target sizes: %s.  Tensor sizes: %s"
                               % (s, o, i, __builtin__.list(sizes), __builtin__.list(self.shape)))
        target.append(s)
    return _T._grad_fn(self + zeros(*target, dtype=self.dtype), 'ExpandBackward0')


Tensor.expand = _expand
Tensor.expand_as = lambda self, other: _expand(self, *other.shape)
Tensor.T = property(lambda self: _T._grad_fn(self.t(), 'PermuteBackward0'), doc="the transpose of a 2-d tensor")
Tensor.use_size_type(Size)


# ---------------------------------------------------------------- everyday helpers, on the operations above
# (their gradients, where they have one, come from the record of the operations they use)

def get_num_threads():
    """torch.get_num_threads(): 1 (the bridge's tensor operations run on the calling thread)."""
    return 1


def as_tensor(data, dtype=None, device=None):
    """torch.as_tensor(data, dtype=None): the tensor itself when it is one of that dtype, else torch.tensor(data)."""
    if is_tensor(data) and (dtype is None or data.dtype == dtype):
        return data
    return tensor(data, dtype=dtype)


def empty(*size, **options):
    """torch.empty(*size): zeros here (PyTorch leaves the memory uninitialised)."""
    return zeros(*size, **options)


def empty_like(input, dtype=None, requires_grad=False):
    """torch.empty_like(t): zeros of t's shape here."""
    return zeros_like(input, dtype=dtype, requires_grad=requires_grad)


def full_like(input, fill_value, dtype=None, requires_grad=False):
    """torch.full_like(t, v): t's shape filled with v, of t's dtype unless given."""
    out = zeros_like(input, dtype=dtype if dtype is not None else input.dtype) + fill_value
    return out.requires_grad_(True) if requires_grad else out


def randint(low, high=None, size=None, dtype=None, requires_grad=False, device=None):
    """torch.randint(low=0, high, size): whole numbers drawn uniformly from [low, high), int64, from the bridge's
    generator (torch.manual_seed)."""
    if size is None:
        low, high, size = 0, low, high
    if high is None or size is None:
        raise TypeError("randint(): give high and size: torch.randint(0, 10, (3,))")
    if high <= low:
        raise RuntimeError("random_ expects 'from' to be less than 'to', but got from=%d >= to=%d" % (low, high))
    shape = _sizes(size)
    count = 1
    for k in shape:
        count *= k
    draws = __builtin__.list(_T.randintDraws(low, high, count))  # PyTorch's random_(low, high) draws
    out = tensor(draws, dtype=dtype if dtype is not None else int64).reshape(shape)
    return out


def _tensor_pow(base, exponent):
    """torch.pow(a, b): also with a number as the base (torch.pow(2.0, t) is 2.0 ** t)."""
    if not is_tensor(base):
        return base ** exponent
    return _T.pow(base, exponent)


def nonzero(input, as_tuple=False):
    """torch.nonzero(t): the positions of the entries that are not 0, as rows of an int64 tensor (n x d); with
    as_tuple=True one int64 tensor per dimension, as torch.where(condition)."""
    shape = __builtin__.list(input.shape)
    values = input.detach().reshape(-1).stored_tolist()
    flat = [i for i, v in __builtin__.enumerate(values) if v]
    if __builtin__.len(shape) <= 1:
        positions = [[i] for i in flat]
    else:
        positions = [[i // shape[1], i % shape[1]] for i in flat]
    d = __builtin__.max(__builtin__.len(shape), 1)
    if as_tuple:
        return __builtin__.tuple(tensor([p[k] for p in positions], dtype=int64) for k in __builtin__.range(d))
    return tensor(positions, dtype=int64).reshape([__builtin__.len(positions), d])


def _where(condition, input=None, other=None):
    """torch.where(condition, x, y) as the bridge's; torch.where(condition) is torch.nonzero(condition, as_tuple=True)."""
    if input is None and other is None:
        return nonzero(condition, as_tuple=True)
    return _T.where(condition, input, other)


def _order(self, dim, descending):
    """For each row along dim (a 1-d tensor: its one row), the positions of its entries in sorted order (stable)."""
    rows = self.detach().stored_tolist()
    if self.dim() == 1:
        return [__builtin__.sorted(__builtin__.range(__builtin__.len(rows)), key=lambda i: rows[i], reverse=descending)]
    if self.dim() != 2:
        raise RuntimeError("sort: tensors here have 1 or 2 dimensions")
    d = dim % 2
    lines = rows if d == 1 else [__builtin__.list(c) for c in __builtin__.zip(*rows)]
    return [__builtin__.sorted(__builtin__.range(__builtin__.len(line)), key=lambda i, line=line: line[i],
                               reverse=descending) for line in lines]


def _pick(self, dim, orders, k):
    """The entries (in the record) and positions of the first k of each order, along dim."""
    if self.dim() == 1:
        idx = orders[0][:k]
        return self[tensor(idx, dtype=int64)], tensor(idx, dtype=int64)
    d = dim % 2
    rows, cols, pos = [], [], []
    for r, order in __builtin__.enumerate(orders):
        for i in order[:k]:
            rows.append(r if d == 1 else i)
            cols.append(i if d == 1 else r)
            pos.append(i)
    n = __builtin__.len(orders)
    values = self[rows, cols].reshape([n, k])
    positions = tensor(pos, dtype=int64).reshape([n, k])
    if d == 0:
        values, positions = values.t(), positions.t()
    return values, positions


def _SortResult(values, indices, name='sort'):
    """torch.return_types.sort / topk: (values, indices), also .values and .indices, printed as PyTorch's."""
    from torch._ops import _ValuesIndices
    return _ValuesIndices(name, values, indices)


def sort(input, dim=-1, descending=False, stable=False):
    """torch.sort(t, dim=-1, descending=False): (values, indices), the values in the record (their gradient goes
    back to the entries they came from); a stable order, as stable=True."""
    orders = _order(input, dim, descending)
    values, positions = _pick(input, dim, orders, __builtin__.len(orders[0]))
    return _SortResult(values, positions)


def argsort(input, dim=-1, descending=False):
    """torch.argsort(t, dim=-1, descending=False): the indices of sort."""
    return sort(input, dim, descending).indices


def topk(input, k, dim=-1, largest=True, sorted=True):
    """torch.topk(t, k, dim=-1, largest=True): (values, indices) of the k largest (or smallest) along dim."""
    orders = _order(input, dim, largest)
    if k > __builtin__.len(orders[0]):
        raise RuntimeError("selected index k out of range")
    values, indices = _pick(input, dim, orders, k)
    return _SortResult(values, indices, 'topk')


def _running_sums(t, dim, reverse=False):
    """The running sums of t's values along dim (from the end with reverse), as a new tensor of t's dtype."""
    rows = t.detach().stored_tolist()
    if t.dim() == 1:
        lines, back = [rows], lambda ls: ls[0]
    elif dim % 2 == 1:
        lines, back = rows, lambda ls: ls
    else:
        lines, back = [__builtin__.list(c) for c in __builtin__.zip(*rows)], lambda ls: [__builtin__.list(r) for r in __builtin__.zip(*ls)]
    out = []
    for line in lines:
        acc, sums = 0, []
        for v in (__builtin__.reversed(line) if reverse else line):
            acc = acc + v
            sums.append(acc)
        out.append(sums[::-1] if reverse else sums)
    return tensor(back(out), dtype=t.dtype)


def cumsum(input, dim, dtype=None):
    """torch.cumsum(t, dim): running sums along dim, in the record (backward: the running sums of the gradient from
    the end); one pass over the entries."""
    if input.dim() not in (1, 2):
        raise RuntimeError("cumsum: tensors here have 1 or 2 dimensions")
    if not input.dtype.is_floating_point:   # whole numbers have no gradient, and keep their dtype
        return _running_sums(input, dim)
    from torch.autograd import Function

    class CumsumBackward(Function):
        @staticmethod
        def forward(ctx, x):
            return _running_sums(x, dim)

        @staticmethod
        def backward(ctx, grad):
            return _running_sums(grad, dim, reverse=True)
    return _T._grad_fn(CumsumBackward.apply(input), 'CumsumBackward0')


def masked_fill(input, mask, value):
    """t.masked_fill(mask, value): value where mask is True, t elsewhere (in the record: no gradient where filled)."""
    return _T.where(mask, full_like(input, value), input)


def amax(input, dim=None, keepdim=False):
    """torch.amax(t, dim): the largest entries along dim (all of them for dim=None)."""
    if dim is None:
        return _T._grad_fn(input.max(), 'AmaxBackward0')
    return _T._grad_fn(input.max(dim, keepdim=keepdim)[0], 'AmaxBackward0')


def amin(input, dim=None, keepdim=False):
    """torch.amin(t, dim): the smallest entries along dim (all of them for dim=None)."""
    if dim is None:
        return _T._grad_fn(input.min(), 'AminBackward0')
    return _T._grad_fn(input.min(dim, keepdim=keepdim)[0], 'AminBackward0')


def _normal_(self, mean=0.0, std=1.0, generator=None):
    """t.normal_(mean=0, std=1): t's entries drawn from N(mean, std^2) in place (outside the record), as
    layer.weight.data.normal_(0, 0.01) initialises; from the bridge's generator (torch.manual_seed)."""
    return self.copy_(_T.normal_(zeros_like(self.detach()), __builtin__.float(mean), __builtin__.float(std)))


def _uniform_(self, a=0.0, b=1.0, generator=None):
    """t.uniform_(a=0, b=1): t's entries drawn uniformly from [a, b) in place (outside the record)."""
    return self.copy_(_T.uniform_(zeros_like(self.detach()), __builtin__.float(a), __builtin__.float(b)))


def reshape(input, shape):
    """torch.reshape(t, shape): t.reshape(shape)."""
    return input.reshape(_sizes(shape))


pow = _tensor_pow
where = _where
Tensor.normal_ = _normal_
Tensor.uniform_ = _uniform_
Tensor.type_as = lambda self, other: self.to(other.dtype)
Tensor.ndim = property(lambda self: self.dim(), doc="the number of dimensions, as dim()")
Tensor.view_as = lambda self, other: self.view(*other.shape)
Tensor.reshape_as = lambda self, other: self.reshape(*other.shape)
Tensor.new_zeros = lambda self, *size, **o: zeros(*size, dtype=o.get('dtype', self.dtype))
Tensor.new_ones = lambda self, *size, **o: ones(*size, dtype=o.get('dtype', self.dtype))
Tensor.new_full = lambda self, size, fill_value, **o: zeros(*_sizes(size), dtype=o.get('dtype', self.dtype)) + fill_value
Tensor.new_tensor = lambda self, data, **o: tensor(data, dtype=o.get('dtype', self.dtype))
Tensor.nonzero = nonzero
Tensor.sort = sort
Tensor.argsort = argsort
Tensor.topk = topk
Tensor.cumsum = cumsum
Tensor.masked_fill = masked_fill
Tensor.amax = amax
Tensor.amin = amin


# ---------------------------------------------------------------- neuralGLM's families

def _family(name):
    def make(*parameter):
        return _Family(name, *parameter)
    make.__name__ = name
    make.__doc__ = "The engine's %s family on tensors: mean(eta), nll(eta, y), gradient(eta, y), deviance(eta, y)" % name
    return make


families = _shim.Namespace("torch.families (the engine's exponential families)",
                           **__builtin__.dict((n, _family(n)) for n in _Families.NAMES))

# ---------------------------------------------------------------- submodules

from torch import autograd, nn, optim, cuda, utils  # noqa: E402 (they need the names above)
from torch.serialization import save, load  # noqa: E402
import torch.utils.data  # noqa: E402,F401
import torch.nn.functional  # noqa: E402,F401
import torch.distributions  # noqa: E402,F401 (needs torch.nn.functional)

from torch import linalg  # noqa: E402 (torch.linalg; torch.inverse, det, ... and their tensor methods)
linalg._install(globals(), Tensor)

from torch import _ops  # noqa: E402 (more functions and tensor methods, over the ones above)
_ops.install(globals(), Tensor)

# names that shadow builtins, bound last so that the code above still sees the builtins


class memory_format(object):
    """torch.contiguous_format and the other memory formats: accepted by clone/contiguous, where storage is always
    contiguous."""

    def __init__(self, name):
        self._name = name

    def __repr__(self):
        return 'torch.' + self._name


contiguous_format = memory_format('contiguous_format')
preserve_format = memory_format('preserve_format')
channels_last = memory_format('channels_last')

float = float32
double = float64
long = int64
int = int32
bool = _DType.BOOL
abs = _T.abs

_shim.strict(__name__, "neuralGLM's PyTorch bridge (scripts/lib/torch)")

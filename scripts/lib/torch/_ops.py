"""More of torch's functions and tensor methods, written over the bridge's recorded operations (so gradients flow
through them as in PyTorch) or, where the derivative is not a composition, as a Function with PyTorch's backward:

  element-wise   rsqrt reciprocal trunc frac fmod remainder floor_divide logit hypot lerp addcmul addcdiv clamp_min
                 clamp_max nan_to_num isclose allclose equal, and log2 log10 exp2 expm1 erf erfc erfinv tan atan asin
                 acos sinh cosh asinh acosh atanh (neuralglm.jython.Elementary)
  reductions     prod cumprod diff median quantile var_mean std_mean count_nonzero
  shapes         flip fliplr flipud roll repeat tile repeat_interleave unbind narrow movedim swapaxes take gather
                 scatter scatter_add index_fill index_add masked_select diag diagonal trace triu tril
  products       outer mv addmm addmv einsum (one or two operands of at most 2 dimensions) cdist
  counting       bincount histc searchsorted bucketize meshgrid cartesian_prod logspace
  in place       relu_ sigmoid_ tanh_ exp_ log_ ... (t.f_(...) is t.copy_(t.f(...))), on tensors outside the record
and torch.finfo / torch.iinfo. Installed on torch and torch.Tensor by torch/__init__.py.
"""
from __future__ import absolute_import, division

import __builtin__
import bisect
import math

from neuralglm.jython import Elementary as _E, Tensor, Torch as _T


def _torch():
    import torch
    return torch


def _float(t):
    """t, or t as the default float dtype when it holds whole numbers (functions whose result is a float)."""
    return t if t.dtype.is_floating_point else t.to(_torch().get_default_dtype())


def _as_tensor(x, like=None):
    if isinstance(x, Tensor):
        return x
    torch = _torch()
    return torch.tensor(x, dtype=like.dtype if like is not None and like.dtype.is_floating_point else None)


def _dim(t, dim):
    n = __builtin__.max(t.dim(), 1)
    if dim < -n or dim >= n:
        raise IndexError("Dimension out of range (expected to be in range of [%d, %d], but got %d)" % (-n, n - 1, dim))
    return dim % n


def _function(name, forward, backward):
    """A recorded operation of one tensor argument with its own backward(grad, x, out)."""
    from torch.autograd import Function

    class Op(Function):
        @staticmethod
        def forward(ctx, x):
            out = forward(x)
            ctx.save_for_backward(x, out)
            return out

        @staticmethod
        def backward(ctx, grad):
            x, out = ctx.saved_tensors
            return backward(grad, x, out)
    Op.__name__ = name
    return Op.apply


# ------------------------------------------------------------------------------------------------ element-wise

def rsqrt(input):
    """1 / sqrt(x)."""
    return _float(input).pow(-0.5)


def reciprocal(input):
    """1 / x."""
    return _T._grad_fn(1.0 / _float(input), 'ReciprocalBackward0')


def trunc(input):
    """x rounded towards 0 (gradient 0, as PyTorch's)."""
    if not input.dtype.is_floating_point:
        return input.clone()
    return input.sign() * input.abs().floor()


def frac(input):
    """x - trunc(x)."""
    return input - trunc(input)


def _whole(result, a, b):
    """A result of two whole-number operands keeps their dtype, as PyTorch's."""
    a_float = a.dtype.is_floating_point if isinstance(a, Tensor) else isinstance(a, __builtin__.float)
    b_float = b.dtype.is_floating_point if isinstance(b, Tensor) else isinstance(b, __builtin__.float)
    return result if a_float or b_float else result.long()


def fmod(input, other):
    """C's fmod: the exact remainder of input / other truncated toward 0 (the sign of input)."""
    return _T.fmod(input, other)


def remainder(input, other):
    """Python's %: input - floor(input / other) other (the sign of other)."""
    return input % other


def floor_divide(input, other):
    """floor(input / other)."""
    return input // other


def logit(input, eps=None):
    """log(x / (1 - x)), x clamped to [eps, 1 - eps] when eps is given (gradient 0 outside)."""
    x = _float(input)
    if eps is not None:
        x = x.clamp(eps, 1 - eps)
    return (x / (1 - x)).log()


def hypot(input, other):
    """sqrt(a^2 + b^2), scaled by max(|a|, |b|) so that it neither overflows nor underflows (hypot(3e200, 4e200))."""
    torch = _torch()
    a, b = _float(input), _float(_as_tensor(other, input))
    m = torch.maximum(a.abs(), b.abs()).detach()
    m = torch.where(m == 0, torch.ones_like(m), m)
    m = torch.where(torch.isinf(m), torch.ones_like(m), m)
    return ((a / m) ** 2 + (b / m) ** 2).sqrt() * m


def lerp(input, end, weight):
    """input + weight (end - input), in PyTorch's two-sided form (end - (end - input)(1 - weight) for weight >= 0.5)."""
    torch = _torch()
    if not isinstance(weight, Tensor):
        w = __builtin__.float(weight)
        return input + w * (end - input) if __builtin__.abs(w) < 0.5 else end - (end - input) * (1 - w)
    return torch.where(weight.abs() < 0.5, input + weight * (end - input), end - (end - input) * (1 - weight))


def addcmul(input, tensor1, tensor2, value=1):
    """input + value tensor1 tensor2."""
    return input + value * tensor1 * tensor2


def addcdiv(input, tensor1, tensor2, value=1):
    """input + value tensor1 / tensor2."""
    return input + value * tensor1 / tensor2


def clamp_min(input, min):
    return _T._grad_fn(input.clamp(min=min), 'ClampMinBackward0')


def clamp_max(input, max):
    return _T._grad_fn(input.clamp(max=max), 'ClampMaxBackward0')


def nan_to_num(input, nan=0.0, posinf=None, neginf=None):
    """NaN to nan, inf to posinf and -inf to neginf (by default the dtype's largest and smallest finite values)."""
    torch = _torch()
    if not input.dtype.is_floating_point:
        return input.clone()
    info = finfo(input.dtype)
    posinf = info.max if posinf is None else posinf
    neginf = info.min if neginf is None else neginf
    x = torch.where(input != input, torch.full_like(input, nan), input)
    x = torch.where(x == __builtin__.float('inf'), torch.full_like(input, posinf), x)
    return torch.where(x == __builtin__.float('-inf'), torch.full_like(input, neginf), x)


def _tensors(name, input, other):
    """Refuses what PyTorch's tensor-only functions (equal, isclose, allclose) refuse: an argument that is no tensor."""
    for position, (what, x) in enumerate((('input', input), ('other', other))):
        if not isinstance(x, Tensor):
            raise TypeError("%s(): argument '%s' (position %d) must be Tensor, not %s"
                            % (name, what, position + 1, __builtin__.type(x).__name__))


def _close(name, input, other):
    """isclose and allclose as PyTorch's: two tensors of one dtype (a float32 against a float64 one is refused, in
    PyTorch's scalar type names: 'torch.FloatTensor' is Float)."""
    _tensors(name, input, other)
    if input.dtype != other.dtype:
        raise RuntimeError("%s did not match %s" % tuple(t.type()[len('torch.'):-len('Tensor')] for t in (input, other)))


def isclose(input, other, rtol=1e-05, atol=1e-08, equal_nan=False):
    """|input - other| <= atol + rtol |other| entry by entry (infinities equal to themselves; NaN only with equal_nan)."""
    _close('isclose', input, other)
    a, b = input.detach(), other.detach()
    d = (a - b).abs()
    # as PyTorch's: equal, or a finite difference within the tolerance (inf - -inf, or 3e38 against inf, is not close,
    # though inf <= atol + rtol * inf); a NaN fails both
    close = (a == b) | (_torch().isfinite(d) & (d <= atol + rtol * b.abs()))
    return close | ((a != a) & (b != b)) if equal_nan else close


def allclose(input, other, rtol=1e-05, atol=1e-08, equal_nan=False):
    """Whether every entry is close (isclose)."""
    _close('allclose', input, other)
    return __builtin__.bool(isclose(input, other, rtol, atol, equal_nan).all())


def equal(input, other):
    """True when both have the same shape and entries (compared in their promoted dtype: 1.0 in float32 and float64)."""
    _tensors('equal', input, other)
    return tuple(input.shape) == tuple(other.shape) and __builtin__.bool((input.detach() == other.detach()).all())


def _lines(t, dim):
    """The lines of t's values along dim (lists), and how to put lines back into t's layout."""
    rows = t.detach().stored_tolist()
    if t.dim() == 0:
        return [[rows]], lambda ls: ls[0][0]
    if t.dim() == 1:
        return [rows], lambda ls: ls[0]
    if dim == 1:
        return rows, lambda ls: ls
    return ([__builtin__.list(c) for c in __builtin__.zip(*rows)],
            lambda ls: [__builtin__.list(r) for r in __builtin__.zip(*ls)])


def _map_lines(t, dim, f, dtype):
    """A tensor of t's layout whose lines along dim are f of t's lines (lists of numbers)."""
    lines, back = _lines(t, dim)
    return _torch().tensor(back([f(line) for line in lines]), dtype=dtype)


# ------------------------------------------------------------------------------------------------ reductions

def _product(values):
    p = 1
    for v in values:
        p = p * v
    return p


def _prod_gradient(line, g):
    """d prod / d x_i = product of the others (exact with zeros: only a single zero's position gets one)."""
    zeros = [i for i, v in enumerate(line) if v == 0]
    if len(zeros) > 1:
        return [0.0] * len(line)
    if len(zeros) == 1:
        out = [0.0] * len(line)
        out[zeros[0]] = g * _product(v for i, v in enumerate(line) if i != zeros[0])
        return out
    p = _product(line)
    return [g * p / v for v in line]


def prod(input, dim=None, keepdim=False, dtype=None):
    """The product of all entries, or along dim (backward: the product of the other entries)."""
    torch = _torch()
    if dtype is not None:
        input = input.to(dtype)
    if not input.dtype.is_floating_point:
        whole = input.to(torch.int64)
        if dim is None:
            return torch.tensor(_product(int(v) for v in whole.reshape(-1).tolist()), dtype=torch.int64)
        d = _dim(input, dim)
        lines, _ = _lines(whole, d)
        out = torch.tensor([_product(int(v) for v in line) for line in lines], dtype=torch.int64)
        return out.unsqueeze(d) if keepdim and input.dim() == 2 else out
    if dim is None:
        flat = input.reshape(-1)

        def forward(x):
            return torch.tensor(_product(x.stored_tolist()), dtype=x.dtype)

        def backward(grad, x, out):
            return torch.tensor(_prod_gradient(x.stored_tolist(), grad.reshape(-1).stored_tolist()[0]), dtype=x.dtype)
        return _T._grad_fn(_function("ProdBackward", forward, backward)(flat), 'ProdBackward0')
    d = _dim(input, dim)

    def forward(x):
        lines, _ = _lines(x, d)
        return torch.tensor([_product(line) for line in lines], dtype=x.dtype)

    def backward(grad, x, out):
        lines, back = _lines(x, d)
        gs = grad.reshape(-1).stored_tolist()
        return torch.tensor(back([_prod_gradient(line, g) for line, g in __builtin__.zip(lines, gs)]), dtype=x.dtype)
    out = _function("ProdBackward", forward, backward)(input)
    return _T._grad_fn(out.unsqueeze(d) if keepdim and input.dim() == 2 else out, 'ProdBackward1')


def _running_products(line):
    out, p = [], 1
    for v in line:
        p = p * v
        out.append(p)
    return out


def _cumprod_gradient(line, grads):
    """d/dx_i sum_j g_j prod_{k <= j} x_k = sum_{j >= i} g_j prod_{k <= j, k != i} x_k (exact with zeros)."""
    n = len(line)
    out = []
    prefix = 1.0
    for i in range(n):
        total, p = 0.0, prefix
        for j in range(i, n):
            if j > i:
                p = p * line[j]
            total += grads[j] * p
        out.append(total)
        prefix = prefix * line[i]
    return out


def cumprod(input, dim, dtype=None):
    """Running products along dim (backward exact, zeros included)."""
    torch = _torch()
    if dtype is not None:
        input = input.to(dtype)
    d = _dim(input, dim)
    if not input.dtype.is_floating_point:
        return _map_lines(input, d, lambda line: _running_products([int(v) for v in line]), torch.int64)

    def forward(x):
        return _map_lines(x, d, _running_products, x.dtype)

    def backward(grad, x, out):
        lines, back = _lines(x, d)
        glines, _ = _lines(grad, d)
        return torch.tensor(back([_cumprod_gradient(l, g) for l, g in __builtin__.zip(lines, glines)]), dtype=x.dtype)
    return _function("CumprodBackward", forward, backward)(input)


def diff(input, n=1, dim=-1, prepend=None, append=None):
    """The n-th forward difference along dim (prepend/append joined first)."""
    torch = _torch()
    d = _dim(input, dim)
    x = input
    if prepend is not None or append is not None:
        x = torch.cat([p for p in (prepend, x, append) if p is not None], dim=d)
    for _ in range(n):
        if x.dim() == 1 or d == 0:
            x = x[1:] - x[:-1]
        else:
            x = x[:, 1:] - x[:, :-1]
    return x


class _ValuesIndices(tuple):
    """torch.return_types.median and friends: (values, indices), also as .values and .indices."""

    def __new__(cls, name, values, indices):
        self = tuple.__new__(cls, (values, indices))
        self._name = name
        return self

    values = property(lambda self: self[0])
    indices = property(lambda self: self[1])

    def __repr__(self):
        return "torch.return_types.%s(\nvalues=%r,\nindices=%r)" % (self._name, self[0], self[1])


def median(input, dim=None, keepdim=False):
    """The lower median (of all entries, or along dim with its indices), as PyTorch's."""
    torch = _torch()
    if dim is None:
        flat = input.reshape(-1)
        values, _ = torch.sort(flat)
        return values[(flat.numel() - 1) // 2]
    d = _dim(input, dim)
    values, indices = torch.sort(input, dim=d)
    k = (input.shape[d] - 1) // 2
    v, i = (values[k], indices[k]) if input.dim() == 1 or d == 0 else (values[:, k], indices[:, k])
    if keepdim and input.dim() == 2:
        v, i = v.unsqueeze(d), i.unsqueeze(d)
    return _ValuesIndices("median", v, i)


def quantile(input, q, dim=None, keepdim=False, interpolation='linear'):
    """The q-quantiles (q a number or a 1-d tensor in [0, 1]) of all entries or along dim, interpolating between
    the sorted values at q (n - 1) as PyTorch's ('linear', 'lower', 'higher', 'nearest', 'midpoint')."""
    torch = _torch()
    qs = q.stored_tolist() if isinstance(q, Tensor) else q
    scalar = not isinstance(qs, list)
    qs = [qs] if scalar else qs
    if any(v < 0 or v > 1 for v in qs):
        raise RuntimeError("quantile() q values must be in the range [0, 1]")
    x = input.reshape(-1) if dim is None else input
    d = 0 if dim is None else _dim(x, dim)
    s, _ = torch.sort(x, dim=d)
    n = x.shape[d]

    def at(k):
        return s[k] if x.dim() == 1 or d == 0 else s[:, k]
    out = []
    for v in qs:
        pos = v * (n - 1)
        lo, hi = int(math.floor(pos)), int(math.ceil(pos))
        if interpolation == 'lower':
            out.append(at(lo))
        elif interpolation == 'higher':
            out.append(at(hi))
        elif interpolation == 'nearest':
            out.append(at(int(__builtin__.round(pos)) if pos - lo != 0.5 else (lo if lo % 2 == 0 else hi)))
        elif interpolation == 'midpoint':
            out.append(lerp(at(lo), at(hi), 0.5))
        elif interpolation == 'linear':
            out.append(lerp(at(lo), at(hi), pos - lo))
        else:
            raise ValueError("quantile() interpolation must be one of linear, lower, higher, midpoint or nearest. "
                             "Got %s" % interpolation)
    if dim is not None and keepdim and input.dim() == 2:
        out = [o.unsqueeze(d) for o in out]
    return out[0] if scalar else torch.stack(out)


def var_mean(input, dim=None, unbiased=True, keepdim=False, correction=None):
    """(var, mean)."""
    return (_var(input, dim, unbiased, keepdim, correction), _mean(input, dim, keepdim))


def std_mean(input, dim=None, unbiased=True, keepdim=False, correction=None):
    """(std, mean)."""
    v, m = var_mean(input, dim, unbiased, keepdim, correction)
    return (v.sqrt(), m)


def _var(input, dim, unbiased, keepdim, correction):
    c = correction if correction is not None else (1 if unbiased else 0)
    if dim is None:
        return input.var(correction=c)
    return input.var(dim=dim, keepdim=keepdim, correction=c)


def _mean(input, dim, keepdim):
    return input.mean() if dim is None else input.mean(dim, keepdim=keepdim)


def count_nonzero(input, dim=None):
    """The number of non-zero entries (along dim), int64."""
    torch = _torch()
    nz = (input != 0).to(torch.int64)
    return nz.sum() if dim is None else nz.sum(dim)


# ------------------------------------------------------------------------------------------------ shapes

def _dims(dims):
    return [dims] if isinstance(dims, (int, long)) else __builtin__.list(dims)


def flip(input, dims):
    """The entries in reverse order along each of dims."""
    torch = _torch()
    x = input
    for d in _dims(dims):
        d = _dim(x, d)
        n = x.shape[d]
        x = x.index_select(d, torch.arange(n - 1, -1, -1))
    return _T._grad_fn(x, 'FlipBackward0') if x is not input else x


def fliplr(input):
    return flip(input, [1])


def flipud(input):
    return flip(input, [0])


def roll(input, shifts, dims=None):
    """The entries shifted cyclically by shifts along dims (over the flattened tensor when dims is None)."""
    torch = _torch()
    if dims is None:
        return roll(input.reshape(-1), shifts, 0).reshape(*input.shape)
    shifts, dims = _dims(shifts), _dims(dims)
    if len(shifts) != len(dims):
        raise RuntimeError("shifts and dimensions must align. shifts: %d, dims:%d" % (len(shifts), len(dims)))
    x = input
    for s, d in __builtin__.zip(shifts, dims):
        d = _dim(x, d)
        n = x.shape[d]
        if n:
            x = x.index_select(d, torch.tensor([(i - s) % n for i in range(n)]))
    return x


def repeat(self, *sizes):
    """t.repeat(a) / t.repeat(a, b): t tiled a times (along dim 0) and b times (along dim 1)."""
    torch = _torch()
    if len(sizes) == 1 and isinstance(sizes[0], (list, tuple)) or len(sizes) == 1 and hasattr(sizes[0], 'numel'):
        sizes = tuple(sizes[0])
    if len(sizes) < self.dim():
        raise RuntimeError("Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor")
    if len(sizes) > 2:
        raise RuntimeError("repeat: tensors here have at most 2 dimensions; got %d repeats" % len(sizes))
    x = self
    while x.dim() < len(sizes):
        x = x.unsqueeze(0)
    for d, k in enumerate(sizes):
        x = torch.cat([x] * k, dim=d) if k != 1 else x
    return _T._grad_fn(x, 'RepeatBackward0') if x is not self else x


def tile(input, dims):
    """torch.tile: repeat with missing leading repeats taken as 1."""
    dims = tuple(_dims(dims))
    if len(dims) < input.dim():
        dims = (1,) * (input.dim() - len(dims)) + dims
    return repeat(input, *dims)


def repeat_interleave(input, repeats=None, dim=None, output_size=None):
    """Each entry (or row/column along dim) repeated repeats times (an int, or one count per entry)."""
    torch = _torch()
    if repeats is None:   # torch.repeat_interleave(counts): each position k counts[k] times
        counts = [int(v) for v in input.tolist()]
        return torch.tensor([k for k, c in enumerate(counts) for _ in range(c)], dtype=torch.int64)
    x = input.reshape(-1) if dim is None else input
    d = 0 if dim is None else _dim(x, dim)
    n = x.shape[d] if x.dim() else 1
    counts = [int(v) for v in repeats.reshape(-1).tolist()] if isinstance(repeats, Tensor) else [int(repeats)] * n
    if len(counts) == 1 and n != 1:
        counts = counts * n
    if len(counts) != n:
        raise RuntimeError("repeats must have the same size as input along dim")
    return x.index_select(d, torch.tensor([k for k, c in enumerate(counts) for _ in range(c)], dtype=torch.int64))


def unbind(input, dim=0):
    """The slices along dim, as a tuple."""
    d = _dim(input, dim)
    if input.dim() == 1 or d == 0:
        return tuple(_T._grad_fn(input[i], 'UnbindBackward0') for i in range(input.shape[0]))
    return tuple(_T._grad_fn(input[:, j], 'UnbindBackward0') for j in range(input.shape[1]))


def narrow(input, dim, start, length):
    """The entries start .. start + length - 1 along dim."""
    d = _dim(input, dim)
    start = int(start) % input.shape[d] if int(start) < 0 else int(start)
    if start + length > input.shape[d]:
        raise RuntimeError("start (%d) + length (%d) exceeds dimension size (%d)." % (start, length, input.shape[d]))
    if input.dim() == 1 or d == 0:
        return input[start:start + length]
    return input[:, start:start + length]


def movedim(input, source, destination):
    """Moves dimension source to destination (for 2 dimensions, a transpose when they differ)."""
    s, t = _dim(input, source), _dim(input, destination)
    return input.t() if input.dim() == 2 and s != t else input


def swapaxes(input, axis0, axis1):
    return input.transpose(axis0, axis1)


def take(input, index):
    """The entries of the flattened input at index, in index's shape."""
    flat = input.reshape(-1)
    n = flat.shape[0]
    idx = [int(i) % n if -n <= int(i) < n else _out_of_range(i, n) for i in index.reshape(-1).tolist()]
    _torch_ = _torch()
    return flat.index_select(0, _torch_.tensor(idx, dtype=_torch_.int64)).reshape(*index.shape)


def _out_of_range(i, n):
    raise IndexError("out of range: tried to access index %d on a tensor of %d elements." % (i, n))


def _pairs(input, dim, index):
    """The (row, column) positions of input that gather(dim, index) reads, as two flat lists."""
    d = _dim(input, dim)
    idx = index.tolist()
    if input.dim() == 1:
        return None, [int(i) for i in idx]
    if index.dim() != 2:
        raise RuntimeError("Index tensor must have the same number of dimensions as input tensor")
    rows, cols = [], []
    for r, line in enumerate(idx):
        for c, i in enumerate(line):
            rows.append(int(i) if d == 0 else r)
            cols.append(c if d == 0 else int(i))
    return rows, cols


def gather(input, dim, index, sparse_grad=False):
    """out[i][j] = input[index[i][j]][j] (dim 0) or input[i][index[i][j]] (dim 1); in the record."""
    rows, cols = _pairs(input, dim, index)
    if rows is None:
        return _T._grad_fn(input[cols] if cols else input[:0], 'GatherBackward0')
    return _T._grad_fn(input[rows, cols].reshape(*index.shape), 'GatherBackward0')


def _scattered(input, dim, index, values, add):
    """input's values with those at gather's positions set to (or increased by) values; a new tensor."""
    torch = _torch()
    out = input.detach().stored_tolist()
    rows, cols = _pairs(input, dim, index)
    vals = values.reshape(-1).stored_tolist() if isinstance(values, Tensor) else None
    if isinstance(values, Tensor) and input.dim() == 2 and values.dim() == 2 and tuple(values.shape) != tuple(index.shape):
        # src may be larger than index: its entries at index's positions are used
        width = values.shape[1]
        vals = [vals[k // index.shape[1] * width + k % index.shape[1]] for k in range(len(cols))]
    for k in range(len(cols)):
        v = vals[k] if vals is not None else values
        if rows is None:
            out[cols[k]] = out[cols[k]] + v if add else v
        else:
            out[rows[k]][cols[k]] = out[rows[k]][cols[k]] + v if add else v
    return torch.tensor(out, dtype=input.dtype)


def scatter(input, dim, index, src=None, value=None, reduce=None):
    """A copy of input with src's entries (or value) written at the positions index names along dim; gradients
    reach input (not at the written positions) and src (at the positions used), as PyTorch's."""
    if reduce is not None:
        return _scattered(input, dim, index, src if src is not None else value, True) if reduce == 'add' else _refuse_reduce(reduce)
    values = src if src is not None else value
    if isinstance(values, Tensor) and values.requires_grad or input.requires_grad:
        return _scatter_recorded(input, dim, index, values)
    return _scattered(input, dim, index, values, False)


def _refuse_reduce(reduce):
    raise RuntimeError("scatter(reduce=%r) is not supported by neuralGLM's PyTorch bridge; use reduce='add' or "
                       "scatter_add" % (reduce,))


def _scatter_recorded(input, dim, index, values):
    torch = _torch()
    mask = _scattered(torch.ones_like(input), dim, index, 0.0, False)
    if isinstance(values, Tensor):
        placed = _scatter_add_recorded(torch.zeros_like(input), dim, index, values)
    else:
        placed = _scattered(torch.zeros_like(input), dim, index, values, False)
    return input * mask + placed


def _scatter_add_recorded(input, dim, index, src):
    from torch.autograd import Function
    torch = _torch()

    class ScatterAddBackward(Function):
        @staticmethod
        def forward(ctx, x, s):
            return _scattered(x, dim, index, s, True)

        @staticmethod
        def backward(ctx, grad):
            g = gather(grad, dim, index)
            if src.dim() == 2 and tuple(src.shape) != tuple(index.shape):
                g = _scattered(torch.zeros_like(src), 1, _positions(index), g, False)
            return grad, g
    return ScatterAddBackward.apply(input, src)


def _positions(index):
    torch = _torch()
    return torch.tensor([[c for c in range(index.shape[1])] for _ in range(index.shape[0])], dtype=torch.int64)


def scatter_add(input, dim, index, src):
    """A copy of input with src's entries added at the positions index names along dim (repeated positions add up)."""
    if src.requires_grad or input.requires_grad:
        return _scatter_add_recorded(input, dim, index, src)
    return _scattered(input, dim, index, src, True)


def index_fill(input, dim, index, value):
    """A copy of input with the rows (dim 0) or columns (dim 1) at index set to value."""
    torch = _torch()
    d = _dim(input, dim)
    keep = torch.ones(input.shape[d], dtype=input.dtype if input.dtype.is_floating_point else torch.int64)
    chosen = [int(i) for i in (index.reshape(-1).tolist() if isinstance(index, Tensor) else _dims(index))]
    for i in chosen:
        keep[i] = 0
    shape = [-1, 1] if input.dim() == 2 and d == 0 else [1, -1] if input.dim() == 2 else [-1]
    keep = keep.reshape(*shape)
    return input * keep + (1 - keep) * value


def index_add(input, dim, index, source, alpha=1):
    """A copy of input with alpha source's rows (dim 0) or columns (dim 1) added at index (repeats add up)."""
    torch = _torch()
    d = _dim(input, dim)
    chosen = [int(i) for i in index.reshape(-1).tolist()]
    n = input.shape[d]
    # the sum as a product with a 0/1 placement matrix P (n x len(index)): in the record for input and source
    place = torch.zeros(n, len(chosen), dtype=source.dtype)
    for k, i in enumerate(chosen):
        place[i, k] = place[i, k] + 1
    if input.dim() == 1:
        added = place.matmul(source)
    elif d == 0:
        added = place.mm(source)
    else:
        added = source.mm(place.t())
    return input + alpha * added


def masked_select(input, mask):
    """The entries where mask is True, as a 1-d tensor."""
    torch = _torch()
    if tuple(mask.shape) != tuple(input.shape):
        mask = mask.expand(*input.shape) if mask.dim() <= input.dim() else mask
        input = input.expand(*mask.shape) if input.dim() < mask.dim() else input
    return input[mask]


def diag(input, diagonal=0):
    """A 1-d tensor made the k-th diagonal of a square matrix, or a matrix's k-th diagonal as a 1-d tensor."""
    torch = _torch()
    k = diagonal
    if input.dim() == 2:
        return _T._grad_fn(diagonal_of(input, k), 'DiagBackward0')
    if input.dim() != 1:
        raise RuntimeError("diag(): Supports 1D or 2D tensors. Got %dD" % input.dim())
    n = input.shape[0]
    m = n + __builtin__.abs(k)
    rows = [i + (0 if k >= 0 else -k) for i in range(n)]
    cols = [i + (k if k >= 0 else 0) for i in range(n)]
    # a placement product: column j of P (m*m x n) puts entry j at its position; in the record
    place = torch.zeros(m * m, n, dtype=input.dtype if input.dtype.is_floating_point else torch.float64)
    for j in range(n):
        place[rows[j] * m + cols[j], j] = 1
    out = place.matmul(input.to(place.dtype)).reshape(m, m)
    return _T._grad_fn(out, 'DiagBackward0') if input.dtype.is_floating_point else out.to(input.dtype)


def diagonal_of(input, offset=0):
    n, m = input.shape
    start_r, start_c = (0, offset) if offset >= 0 else (-offset, 0)
    length = __builtin__.max(0, __builtin__.min(n - start_r, m - start_c))
    if length == 0:
        return input.reshape(-1)[:0]
    return input[[start_r + i for i in range(length)], [start_c + i for i in range(length)]]


def diagonal(input, offset=0, dim1=0, dim2=1):
    """A 2-d tensor's diagonal (offset above it, negative below)."""
    if input.dim() != 2:
        raise RuntimeError("diagonal: tensors here have 2 dimensions at most; got %d" % input.dim())
    x = input if _dim(input, dim1) <= _dim(input, dim2) else input.t()
    return _T._grad_fn(diagonal_of(x, offset), 'DiagonalBackward0')


def trace(input):
    """The sum of a matrix's diagonal."""
    if input.dim() != 2:
        raise RuntimeError("trace: expected a matrix, but got tensor with dim %d" % input.dim())
    return _T._grad_fn(diagonal_of(input).sum(), 'TraceBackward0')


def _triangle(input, diagonal, upper):
    torch = _torch()
    if input.dim() != 2:
        raise RuntimeError("%s: input tensor must have at least 2 dimensions" % ('triu' if upper else 'tril'))
    n, m = input.shape
    mask = torch.tensor([[1 if (j - i >= diagonal if upper else j - i <= diagonal) else 0 for j in range(m)]
                         for i in range(n)], dtype=input.dtype if input.dtype.is_floating_point else torch.int64)
    return _T._grad_fn(input * mask, 'TriuBackward0' if upper else 'TrilBackward0') if input.dtype.is_floating_point \
        else (input * mask).to(input.dtype)


def triu(input, diagonal=0):
    """The entries on and above the diagonal (j - i >= diagonal), zeros elsewhere."""
    return _triangle(input, diagonal, True)


def tril(input, diagonal=0):
    """The entries on and below the diagonal (j - i <= diagonal), zeros elsewhere."""
    return _triangle(input, diagonal, False)


# ------------------------------------------------------------------------------------------------ products

def outer(input, vec2):
    """a b^T of two 1-d tensors: out[i][j] = a[i] b[j]."""
    if input.dim() != 1 or vec2.dim() != 1:
        raise RuntimeError("outer: expected 1-D tensors, got %dD and %dD" % (input.dim(), vec2.dim()))
    return input.reshape(-1, 1) * vec2.reshape(1, -1)


def mv(input, vec):
    """Matrix times vector: (n x m) (m) -> (n)."""
    if input.dim() != 2 or vec.dim() != 1:
        raise RuntimeError("vector + matrix @ vector expected, got %d, %d" % (input.dim(), vec.dim()))
    return input.matmul(vec)


def addmm(input, mat1, mat2, beta=1, alpha=1):
    """beta input + alpha mat1 @ mat2."""
    return _T._grad_fn(beta * input + alpha * mat1.mm(mat2), 'AddmmBackward0')


def addmv(input, mat, vec, beta=1, alpha=1):
    """beta input + alpha mat @ vec."""
    return beta * input + alpha * mv(mat, vec)


def einsum(equation, *operands):
    """Einstein summation for one or two operands of at most 2 dimensions ('ij,jk->ik', 'i,i->', 'ij->ji',
    'ii->', 'bi,bi->b', 'i,j->ij', ...) and chains of them ('ij,jk,kl->il'), by products and sums in the record."""
    torch = _torch()
    if len(operands) == 1 and isinstance(operands[0], (list, tuple)):
        operands = tuple(operands[0])
    eq = equation.replace(' ', '')
    if '...' in eq:
        raise RuntimeError("einsum: '...' is not supported by neuralGLM's PyTorch bridge")
    inputs, arrow, output = eq.partition('->')
    labels = inputs.split(',')
    if len(labels) != len(operands):
        raise RuntimeError("einsum(): more operands were provided than specified in the equation"
                           if len(operands) > len(labels) else "einsum(): fewer operands were provided than specified in the equation")
    if not arrow:   # implicit output: the labels seen once, in alphabetical order
        counts = {}
        for ls in labels:
            for c in ls:
                counts[c] = counts.get(c, 0) + 1
        output = ''.join(sorted(c for c, k in counts.items() if k == 1))
    for ls, op in __builtin__.zip(labels, operands):
        if len(ls) != op.dim():
            raise RuntimeError("einsum(): the number of subscripts in the equation (%d) does not match the number "
                               "of dimensions (%d) for operand %d" % (len(ls), op.dim(), labels.index(ls)))
    x, xl = _einsum_single(operands[0], labels[0], _needed(labels[1:], output))
    for k in range(1, len(operands)):
        y, yl = _einsum_single(operands[k], labels[k], _needed(labels[k + 1:], output) + xl)
        keep = _needed(labels[k + 1:], output)
        x, xl = _einsum_pair(x, xl, y, yl, keep)
    return _einsum_single(x, xl, output, final=True)[0]


def _needed(rest, output):
    return ''.join(sorted(set(output + ''.join(rest))))


def _einsum_single(t, ls, keep, final=False):
    """t with repeated labels taken as its diagonal and labels not in keep summed out; with final, in keep's order."""
    torch = _torch()
    if len(ls) == 2 and ls[0] == ls[1]:
        t, ls = diagonal_of(t), ls[0]
    for c in __builtin__.list(ls):
        if c not in keep:
            d = ls.index(c)
            t = t.sum(d) if t.dim() > 1 else t.sum()
            ls = ls.replace(c, '')
    if final:
        if len(keep) > 2:
            raise RuntimeError("einsum: an output of more than 2 dimensions")
        if set(keep) != set(ls):
            raise RuntimeError("einsum(): output subscript not found in the inputs")
        if len(ls) == 2 and ls != keep:
            t, ls = t.t(), ls[::-1]
    return t, ls


def _einsum_pair(x, xl, y, yl, keep):
    """The product of two operands summed over their shared labels not in keep."""
    torch = _torch()
    shared = [c for c in xl if c in yl]
    contracted = [c for c in shared if c not in keep]
    batch = [c for c in shared if c in keep]
    free_x = [c for c in xl if c not in shared]
    free_y = [c for c in yl if c not in shared]
    if not batch and len(contracted) == 1:
        c = contracted[0]
        a = x if xl.index(c) == len(xl) - 1 else x.t()   # ... c
        b = y if yl.index(c) == 0 else y.t()             # c ...
        return a.matmul(b), ''.join(free_x + free_y)
    labels = ''.join(batch + free_x + free_y)
    if len(labels) > 2:
        raise RuntimeError("einsum: '%s,%s' needs more than 2 dimensions on neuralGLM's PyTorch bridge" % (xl, yl))
    a = _einsum_align(x, xl, labels)
    b = _einsum_align(y, yl, labels)
    p = a * b
    out = labels
    for c in contracted:
        pass   # a contracted label shared by both is summed below, once it is aligned
    if contracted:
        labels2 = ''.join(batch + free_x + free_y + contracted)
        if len(labels2) > 2:
            raise RuntimeError("einsum: '%s,%s' needs more than 2 dimensions on neuralGLM's PyTorch bridge" % (xl, yl))
        a = _einsum_align(x, xl, labels2)
        b = _einsum_align(y, yl, labels2)
        p = (a * b).sum(len(labels2) - 1) if len(labels2) == 2 else (a * b).sum()
    return p, out


def _einsum_align(t, ls, labels):
    """t (labels ls) as a tensor over labels (in their order), with size-1 dimensions where ls lacks one."""
    if len(labels) <= 1:
        return t
    present = [c for c in labels if c in ls]
    if len(present) == 2:
        return t if ls == labels else t.t()
    if len(present) == 1:
        return t.reshape(-1, 1) if labels.index(present[0]) == 0 else t.reshape(1, -1)
    return t


def cdist(x1, x2, p=2.0):
    """The p-norm distances between the rows of x1 (n x d) and of x2 (m x d): an n x m tensor."""
    torch = _torch()
    cols = []
    for j in range(x2.shape[0]):
        diff = (x1 - x2[j]).abs()
        if p == 2:
            cols.append((diff * diff).sum(1).sqrt())
        elif p == 1:
            cols.append(diff.sum(1))
        elif p == __builtin__.float('inf'):
            cols.append(diff.max(1)[0])
        else:
            cols.append(diff.pow(p).sum(1).pow(1.0 / p))
    return torch.stack(cols, dim=1)


def div(input, other, rounding_mode=None):
    """input / other; rounding_mode 'trunc' (towards 0) or 'floor' (down), whole numbers keeping their dtype."""
    if rounding_mode is None:
        return input / other
    if rounding_mode not in ('trunc', 'floor'):
        raise ValueError("div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '%s'"
                         % rounding_mode)
    q = _float(input) / other
    if rounding_mode == 'trunc':
        return _whole(trunc(q), input, other)
    # PyTorch's floor division (as //, from C's fmod: 1.0 / 0.1 floors to 9), with floor's gradient 0
    floor = q.floor()
    exact = input.detach() // (other.detach() if isinstance(other, Tensor) else other)
    return _whole(floor + (exact - floor.detach()), input, other)


def atan2(input, other):
    """The angle of (other, input) in (-pi, pi] (backward: other / r^2 to input, -input / r^2 to other)."""
    torch = _torch()
    from torch.autograd import Function
    # both converted to the result's dtype first (a float32 operand enters a float64 result as its float32 value)
    dtype = torch.result_type(input, other)
    dtype = dtype if dtype.is_floating_point else torch.get_default_dtype()
    a, b = torch.broadcast_tensors(input.to(dtype), _as_tensor(other, input).to(dtype))

    class Atan2Backward(Function):
        @staticmethod
        def forward(ctx, y, x):
            ctx.save_for_backward(y, x)
            return torch.tensor(_map2(math.atan2, y.stored_tolist(), x.stored_tolist()), dtype=y.dtype)

        @staticmethod
        def backward(ctx, grad):
            y, x = ctx.saved_tensors
            r2 = x * x + y * y
            return grad * x / r2, -grad * y / r2
    return Atan2Backward.apply(a, b)


def _map2(f, a, b):
    if isinstance(a, list):
        return [_map2(f, u, v) for u, v in __builtin__.zip(a, b)]
    return f(a, b)


def broadcast_tensors(*tensors):
    """The tensors expanded to their common broadcast shape."""
    shapes = [tuple(t.shape) for t in tensors]
    n = __builtin__.max(len(sh) for sh in shapes)
    padded = [(1,) * (n - len(sh)) + sh for sh in shapes]
    target = []
    for sizes in __builtin__.zip(*padded):
        big = [v for v in sizes if v != 1]
        if big and any(v != big[0] for v in big):
            raise RuntimeError("The size of tensor a (%d) must match the size of tensor b (%d) at non-singleton "
                               "dimension" % (big[0], [v for v in big if v != big[0]][0]))
        target.append(big[0] if big else 1)
    return tuple(t if tuple(t.shape) == tuple(target) else t.expand(*target) for t in tensors)


def unique(input, sorted=True, return_inverse=False, return_counts=False, dim=None):
    """The distinct entries, sorted, as a 1-d tensor (no gradient); with return_inverse each entry's position among
    them (input's shape), with return_counts how often each occurs."""
    torch = _torch()
    if dim is not None:
        raise RuntimeError("unique(dim=...) is not supported by neuralGLM's PyTorch bridge; use dim=None")
    values = input.detach().reshape(-1).stored_tolist()
    counts = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    distinct = __builtin__.sorted(counts)
    out = [torch.tensor(distinct, dtype=input.dtype)]
    if return_inverse:
        where = dict((v, k) for k, v in enumerate(distinct))
        out.append(torch.tensor([where[v] for v in values], dtype=torch.int64).reshape(*input.shape))
    if return_counts:
        out.append(torch.tensor([counts[v] for v in distinct], dtype=torch.int64))
    return out[0] if len(out) == 1 else tuple(out)


def vstack(tensors):
    """The tensors stacked as rows (1-d ones as rows of one)."""
    return _torch().cat([t.reshape(1, -1) if t.dim() < 2 else t for t in tensors], dim=0)


row_stack = vstack


def hstack(tensors):
    """The tensors joined along columns (1-d ones end to end)."""
    tensors = __builtin__.list(tensors)
    if all(t.dim() <= 1 for t in tensors):
        return _torch().cat([t.reshape(-1) for t in tensors], dim=0)
    return _torch().cat(tensors, dim=1)


def column_stack(tensors):
    """The tensors as columns (1-d ones as columns of one)."""
    return _torch().cat([t.reshape(-1, 1) if t.dim() < 2 else t for t in tensors], dim=1)


def cov(input, correction=1, fweights=None, aweights=None):
    """The covariance of the rows (variables) over the columns (observations): (X - mean)(X - mean)^T / (N - correction);
    a 1-d input is one variable (a 0-d result)."""
    if fweights is not None or aweights is not None:
        raise RuntimeError("cov(fweights=, aweights=) is not supported by neuralGLM's PyTorch bridge")
    x = _float(input)
    if x.dim() < 2:
        x = x.reshape(1, -1)
    n = x.shape[1]
    centred = x - x.mean(1, keepdim=True)
    c = centred.mm(centred.t()) / __builtin__.max(n - correction, 0)
    return c.reshape([]) if input.dim() < 2 else c


def corrcoef(input):
    """Pearson's correlation of the rows: cov / sqrt(var_i var_j), clipped to [-1, 1]."""
    c = cov(input)
    if c.dim() == 0:
        return c / c
    d = diagonal_of(c).sqrt()
    return (c / d.reshape(-1, 1) / d.reshape(1, -1)).clamp(-1, 1)


def where_method(self, condition, y):
    """t.where(condition, y): t where condition holds, y elsewhere."""
    return _torch().where(condition, self, y)


def any_(input, dim=None, keepdim=False):
    return input.any() if dim is None else input.any(dim)


def all_(input, dim=None, keepdim=False):
    return input.all() if dim is None else input.all(dim)


def index_select(input, dim, index):
    return input.index_select(dim, index)


def _shaped(t, shape):
    return t.reshape(*shape) if shape else t.reshape([])


def cummax(input, dim):
    """(running maxima, their positions) along dim; values in the record (through gather)."""
    return _cumulative(input, dim, lambda a, b: a >= b, "cummax")


def cummin(input, dim):
    """(running minima, their positions) along dim; values in the record (through gather)."""
    return _cumulative(input, dim, lambda a, b: a <= b, "cummin")


def _cumulative(input, dim, better, name):
    torch = _torch()
    d = _dim(input, dim)
    lines, back = _lines(input, d)
    positions = []
    for line in lines:
        best, out = None, []
        for k, v in enumerate(line):
            if best is None or v != v or (line[best] == line[best] and better(v, line[best])):
                best = k
            out.append(best)
        positions.append(out)
    idx = torch.tensor(back(positions), dtype=torch.int64)
    values = gather(input, d, idx) if input.dim() == 2 else input[idx.tolist()] if idx.numel() else input[:0]
    return _ValuesIndices(name, values, idx)


def logcumsumexp(input, dim):
    """log of the running sums of exp along dim, stably (backward: sum_{j >= i} g_j exp(x_i - out_j))."""
    torch = _torch()
    d = _dim(input, dim)

    def running(line):
        out, acc = [], None
        for v in line:
            if acc is None or acc == __builtin__.float('-inf'):
                acc = v
            else:
                hi, lo = (acc, v) if acc >= v else (v, acc)
                acc = hi + math.log1p(math.exp(lo - hi))
            out.append(acc)
        return out

    def forward(x):
        return _map_lines(x, d, running, x.dtype)

    def backward(grad, x, out):
        xl, back = _lines(x, d)
        ol, _ = _lines(out, d)
        gl, _ = _lines(grad, d)
        result = []
        for xs, os, gs in __builtin__.zip(xl, ol, gl):
            result.append([__builtin__.sum(gs[j] * math.exp(xs[i] - os[j]) for j in range(i, len(xs)))
                           for i in range(len(xs))])
        return torch.tensor(back(result), dtype=x.dtype)
    return _function("LogcumsumexpBackward", forward, backward)(_float(input))


def kthvalue(input, k, dim=-1, keepdim=False):
    """(the k-th smallest entry along dim, its position)."""
    torch = _torch()
    d = _dim(input, dim)
    values, indices = torch.sort(input, dim=d)
    if k < 1 or k > input.shape[d]:
        raise RuntimeError("kthvalue(): selected number k out of range for dimension %d" % d)
    v, i = (values[k - 1], indices[k - 1]) if input.dim() == 1 or d == 0 else (values[:, k - 1], indices[:, k - 1])
    if keepdim and input.dim() == 2:
        v, i = v.unsqueeze(d), i.unsqueeze(d)
    return _ValuesIndices("kthvalue", v, i)


def msort(input):
    """The entries sorted along dim 0."""
    return _torch().sort(input, dim=0)[0]


def argwhere(input):
    """The positions of the non-zero entries, one row each."""
    return _torch().nonzero(input)


def tensor_split(input, indices_or_sections, dim=0):
    """Splits into n near-equal parts (the first n mod size one longer) or at the given indices."""
    d = _dim(input, dim)
    size = input.shape[d]
    if isinstance(indices_or_sections, (int, long)):
        n = indices_or_sections
        cuts, start = [], 0
        for k in range(n):
            length = size // n + (1 if k < size % n else 0)
            cuts.append((start, start + length))
            start += length
    else:
        points = [0] + [int(i) for i in indices_or_sections] + [size]
        cuts = [(points[k], __builtin__.max(points[k], points[k + 1])) for k in range(len(points) - 1)]
    return tuple(narrow(input, d, a, __builtin__.min(b, size) - a) if a < size else narrow(input, d, 0, 0)
                 for a, b in cuts)


def is_floating_point(input):
    return input.dtype.is_floating_point


def multinomial(input, num_samples, replacement=False, generator=None):
    """num_samples category indices drawn with probabilities proportional to the (non-negative) weights of each row;
    without replacement each at most once: PyTorch 1.13's draws (the exponential trick without replacement, the
    cumulative weights' search with replacement; neuralglm.jython.Sampling.multinomialDraws)."""
    torch = _torch()
    rows = input.detach().stored_tolist()
    single = input.dim() == 1
    rows = [rows] if single else rows
    for weights in rows:
        w = __builtin__.list(weights)
        if any(v < 0 or v != v for v in w) or __builtin__.sum(w) <= 0:
            raise RuntimeError("invalid multinomial distribution (sum of probabilities <= 0)")
        if not replacement and num_samples > __builtin__.sum(1 for v in w if v > 0):
            raise RuntimeError("cannot sample n_sample > prob_dist.size(-1) samples without replacement")
    probs = input.detach().reshape(1, -1) if single else input.detach()
    from neuralglm.jython import Sampling as _Sampling
    drawn = __builtin__.list(_Sampling.multinomialDraws(probs, num_samples, replacement))
    out = [drawn[r * num_samples:(r + 1) * num_samples] for r in range(len(rows))]
    return torch.tensor(out[0] if single else out, dtype=torch.int64)


def randint_like(input, low=0, high=None, dtype=None, requires_grad=False):
    torch = _torch()
    if high is None:
        low, high = 0, low
    return torch.randint(low, high, tuple(input.shape), dtype=dtype if dtype is not None else input.dtype)


def rot90(input, k=1, dims=(0, 1)):
    """The matrix turned by k quarter turns from dims[0] towards dims[1]."""
    k = k % 4
    if input.dim() != 2:
        raise RuntimeError("expected total dims >= 2, but got total dims = %d" % input.dim())
    d0, d1 = _dim(input, dims[0]), _dim(input, dims[1])
    x = input
    if d0 > d1:
        k = (4 - k) % 4
    for _ in range(k):
        x = flip(x, [1]).t()
    return x


def dist(input, other, p=2):
    """The p-norm of input - other."""
    d = (input - other).reshape(-1)
    if p == __builtin__.float('inf'):
        return d.abs().max()
    if p == 0:
        return (d != 0).to(input.dtype).sum()
    return d.abs().pow(p).sum().pow(1.0 / p) if p != 2 else (d * d).sum().sqrt()


def deg2rad(input):
    return _float(input) * (math.pi / 180)


def rad2deg(input):
    return _float(input) * (180 / math.pi)


def heaviside(input, values):
    """1 where input > 0, values where input == 0, 0 where input < 0."""
    torch = _torch()
    zero, one = torch.zeros_like(input), torch.ones_like(input)
    v = values.expand(*input.shape) if values.dim() < input.dim() or values.numel() == 1 else values
    return torch.where(input > 0, one, torch.where(input == 0, v.to(input.dtype), zero))


def trapezoid(y, x=None, dx=None, dim=-1):
    """The trapezoid rule along dim: sum (y_i + y_{i+1}) / 2 (x_{i+1} - x_i) (spacing dx, default 1)."""
    d = _dim(y, dim)
    if y.dim() == 1 or d == 0:
        a, b = y[1:], y[:-1]
    else:
        a, b = y[:, 1:], y[:, :-1]
    mid = (a + b) / 2
    if x is not None:
        xs = x[1:] - x[:-1] if x.dim() == 1 else (x[:, 1:] - x[:, :-1] if d == 1 else x[1:] - x[:-1])
        if y.dim() == 2 and x.dim() == 1:
            xs = xs.reshape(-1, 1) if d == 0 else xs.reshape(1, -1)
        return (mid * xs).sum(d) if y.dim() == 2 else (mid * xs).sum()
    step = 1.0 if dx is None else dx
    return mid.sum(d) * step if y.dim() == 2 else mid.sum() * step


trapz = trapezoid


def tensordot(a, b, dims=2):
    """Sum over the last dims axes of a and the first of b (2-d and smaller: dims 0, 1 or 2, or paired lists)."""
    if isinstance(dims, (list, tuple)):
        da, db = _dims(dims[0]), _dims(dims[1])
        if len(da) == 1 and a.dim() == 2 and b.dim() == 2:
            x = a if da[0] % 2 == 1 else a.t()
            y = b if db[0] % 2 == 0 else b.t()
            return x.mm(y)
        if len(da) == 2 and a.dim() == 2 and b.dim() == 2:
            y = b if (da[0] % 2, db[0] % 2) in ((0, 0), (1, 1)) else b.t()
            return (a * y).sum()
        if len(da) == 1 and a.dim() == 1 and b.dim() == 1:
            return a.dot(b)
        raise RuntimeError("tensordot: these dims would need more than 2 dimensions on neuralGLM's PyTorch bridge")
    if dims == 0:
        if a.dim() == 1 and b.dim() == 1:
            return outer(a, b)
        raise RuntimeError("tensordot(dims=0) of these shapes would have more than 2 dimensions")
    if dims == 1:
        return a.matmul(b)
    if dims == 2 and a.dim() == 2 and b.dim() == 2:
        return (a * b).sum()
    raise RuntimeError("tensordot: dims=%r is not supported for shapes %s and %s" % (dims, tuple(a.shape), tuple(b.shape)))


def chain_matmul(*matrices):
    x = matrices[0]
    for m in matrices[1:]:
        x = x.mm(m)
    return x


def kron(input, other):
    """The Kronecker product: out[i p + k, j q + l] = a[i, j] b[k, l] (1-d: out[i n + k] = a[i] b[k])."""
    if input.dim() == 1 and other.dim() == 1:
        return input.repeat_interleave(other.shape[0]) * repeat(other, input.shape[0])
    a = input if input.dim() == 2 else input.reshape(1, -1)
    b = other if other.dim() == 2 else other.reshape(1, -1)
    (m, n), (p, q) = a.shape, b.shape
    return a.repeat_interleave(p, dim=0).repeat_interleave(q, dim=1) * repeat(b, m, n)


def block_diag(*tensors):
    """The matrices on the diagonal of a larger one, zeros elsewhere (0-d and 1-d ones as single rows)."""
    torch = _torch()
    mats = [t.reshape(1, -1) if t.dim() < 2 else t for t in tensors]
    width = __builtin__.sum(m.shape[1] for m in mats)
    dtype = mats[0].dtype
    for m in mats:
        if m.dtype.is_floating_point:
            dtype = m.dtype
    rows, left = [], 0
    for m in mats:
        r, c = m.shape
        parts = [torch.zeros(r, left, dtype=dtype), m.to(dtype), torch.zeros(r, width - left - c, dtype=dtype)]
        rows.append(torch.cat([q for q in parts if q.shape[1] > 0], dim=1))
        left += c
    return torch.cat(rows, dim=0)


def cross(input, other, dim=None):
    """The cross product of 3-vectors (1-d of length 3, or the rows/columns of 2-d tensors along dim)."""
    torch = _torch()
    if input.dim() == 1:
        a, b = input, other
        return torch.stack([a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]])
    d = _dim(input, dim if dim is not None else [k for k, s in enumerate(input.shape) if s == 3][0])
    at = (lambda t, k: t[:, k]) if d == 1 else (lambda t, k: t[k])
    a, b = input, other
    parts = [at(a, 1) * at(b, 2) - at(a, 2) * at(b, 1), at(a, 2) * at(b, 0) - at(a, 0) * at(b, 2),
             at(a, 0) * at(b, 1) - at(a, 1) * at(b, 0)]
    return torch.stack(parts, dim=d)


def _bernoulli_(self, p=0.5, generator=None):
    """t.bernoulli_(p): t's entries drawn 1 with probability p (a number or a tensor), else 0 (outside the record)."""
    torch = _torch()
    probs = p if isinstance(p, Tensor) else torch.full_like(self.detach().to(torch.float64), __builtin__.float(p))
    return self.copy_(torch.bernoulli(probs.expand(*self.shape) if probs.numel() != self.numel() else probs))


def _exponential_(self, lambd=1.0, generator=None):
    """t.exponential_(lambd): Exp(lambd) draws in place, -log(1 - u) / lambd from float64 uniforms u (PyTorch's)."""
    torch = _torch()
    return self.copy_(torch._exponential_draws(self.detach(), __builtin__.float(lambd)))


def _fill_diagonal_(self, fill_value, wrap=False):
    """A matrix's diagonal set to fill_value, in place: flat positions 0, m + 1, 2 (m + 1), ... (for a tall matrix,
    with wrap=True, on past the first m rows as numpy's)."""
    n, m = self.shape
    limit = n * m if wrap else __builtin__.min(n, m) * (m + 1) - m
    flat = range(0, __builtin__.max(limit, 1), m + 1)
    rows, cols = [f // m for f in flat], [f % m for f in flat]
    self[rows, cols] = fill_value
    return self


def _refuse_in_place_shape(name):
    def refuse(self, *args, **kwargs):
        raise RuntimeError("%s: in-place shape changes are not supported by neuralGLM's PyTorch bridge; write "
                           "t = t.%s(...)" % (name, name[:-1]))
    refuse.__name__ = name
    return refuse


def round_(java_round):
    """torch.round(x, decimals=0): half to even; with decimals, round(x 10^d) / 10^d as PyTorch 1.13's."""
    def round(input, decimals=0):
        if decimals == 0:
            return java_round(input)
        scale = 10.0 ** decimals
        return java_round(input * scale) / scale
    return round


def vander(x, N=None, increasing=False):
    """The Vandermonde matrix of a 1-d x: columns x^(N-1), ..., x, 1 (increasing=True: 1, x, ...)."""
    torch = _torch()
    n = x.shape[0] if N is None else N
    powers = [x ** k if k else torch.ones_like(x) for k in range(n)]
    return torch.stack(powers if increasing else powers[::-1], dim=1)


def aminmax(input, dim=None, keepdim=False):
    """(min, max) of all entries or along dim."""
    from collections import namedtuple
    result = namedtuple('aminmax', ['min', 'max'])
    if dim is None:
        return result(input.min(), input.max())
    return result(input.min(dim, keepdim=keepdim)[0], input.max(dim, keepdim=keepdim)[0])


def nanmedian(input, dim=None, keepdim=False):
    """The lower median of the entries that are not NaN (NaN when all are)."""
    torch = _torch()
    if dim is None:
        flat = input.reshape(-1)
        kept = flat[flat == flat]
        return median(kept) if kept.numel() else flat[0] * float('nan') if flat.numel() else flat.sum() * float('nan')
    raise RuntimeError("nanmedian(dim=...) is not supported by neuralGLM's PyTorch bridge; use dim=None or median")


def diag_embed(input, offset=0, dim1=-2, dim2=-1):
    """A 1-d tensor as the offset diagonal of a matrix (a 2-d input would make a 3-d tensor: refused)."""
    if input.dim() != 1:
        raise RuntimeError("diag_embed: a %d-d input would make a %d-d tensor; tensors here have at most 2 dimensions"
                           % (input.dim(), input.dim() + 1))
    return diag(input, offset)


def _special():
    """torch.special: PyTorch 1.13's special functions that log-likelihoods and tutorials use."""
    torch = _torch()
    from _shim import Namespace

    def expit(input):
        return input.sigmoid()

    def ndtr(input):
        """The standard normal cdf, erfc(-x / sqrt 2) / 2."""
        return _E.erfc(-_float(input) / math.sqrt(2)) * 0.5

    def ndtri(input):
        """The standard normal quantile (full precision in the tails, where sqrt 2 erfinv(2 p - 1) is not)."""
        return _E.ndtri(_float(input))

    def log_ndtr(input):
        """log Phi(x), without underflow in the lower tail."""
        return _E.log_ndtr(_float(input))

    def sinc(input):
        """sin(pi x) / (pi x), 1 at 0 (gradient 0 there)."""
        x = _float(input)
        zero = x == 0
        safe = torch.where(zero, torch.ones_like(x), x)
        return torch.where(zero, torch.ones_like(x), (math.pi * safe).sin() / (math.pi * safe))

    def entr(input):
        """-x log x for x > 0, 0 at 0, -inf for x < 0."""
        x = _float(input)
        safe = torch.where(x > 0, x, torch.ones_like(x))
        inner = torch.where(x == 0, torch.zeros_like(x), torch.full_like(x, float('-inf')))
        return torch.where(x > 0, -safe * safe.log(), inner)

    def xlog1py(input, other):
        """x log(1 + y), 0 where x = 0."""
        x, y = _float(input), _float(_as_tensor(other, input))
        safe = torch.where(x == 0, torch.zeros_like(y), y)
        return torch.where(x == 0, torch.zeros_like(x * safe), x * safe.log1p())

    return Namespace("torch.special (scripts/lib/torch/_ops.py)",
                     expit=expit, logit=logit, erf=_E.erf, erfc=_E.erfc, erfinv=_E.erfinv, exp2=_E.exp2,
                     expm1=_E.expm1, log1p=torch.log1p, gammaln=torch.lgamma, digamma=torch.digamma,
                     psi=torch.digamma, xlogy=torch.xlogy, xlog1py=xlog1py, ndtr=ndtr, ndtri=ndtri,
                     log_ndtr=log_ndtr, sinc=sinc, entr=entr, logsumexp=torch.logsumexp, softmax=torch.softmax,
                     log_softmax=torch.log_softmax, round=torch.round)


# ------------------------------------------------------------------------------------------------ counting

def bincount(input, weights=None, minlength=0):
    """How many times each whole number 0, 1, ... occurs (or the sum of its weights)."""
    torch = _torch()
    values = [int(v) for v in input.tolist()]
    if any(v < 0 for v in values):
        raise RuntimeError("bincount only supports 1-d non-negative integral inputs.")
    n = __builtin__.max([minlength] + [v + 1 for v in values])
    if weights is None:
        counts = [0] * n
        for v in values:
            counts[v] += 1
        return torch.tensor(counts, dtype=torch.int64)
    sums = [0.0] * n
    for v, w in __builtin__.zip(values, weights.stored_tolist()):
        sums[v] += w
    return torch.tensor(sums, dtype=weights.dtype if weights.dtype.is_floating_point else torch.float64)


def histc(input, bins=100, min=0, max=0):
    """Counts in bins equal-width bins over [min, max] (the data's range when both are 0), as floats."""
    torch = _torch()
    values = input.reshape(-1).stored_tolist()
    lo, hi = __builtin__.float(min), __builtin__.float(max)
    if lo == 0 and hi == 0 and values:
        lo, hi = __builtin__.min(values), __builtin__.max(values)
    if lo == hi:
        lo, hi = lo - 1, hi + 1
    counts = [0.0] * bins
    for v in values:
        if lo <= v <= hi:
            k = int((v - lo) * bins / (hi - lo))
            counts[__builtin__.min(k, bins - 1)] += 1
    return torch.tensor(counts, dtype=input.dtype if input.dtype.is_floating_point else torch.float32)


def searchsorted(sorted_sequence, values, out_int32=False, right=False, side=None, sorter=None):
    """Where each value would be inserted into the sorted 1-d sequence to keep it sorted (the first such position,
    or the last with right=True)."""
    torch = _torch()
    right = right or side == 'right'
    seq = sorted_sequence.stored_tolist()
    find = bisect.bisect_right if right else bisect.bisect_left
    dtype = torch.int32 if out_int32 else torch.int64
    if not isinstance(values, Tensor):
        return torch.tensor(find(seq, values), dtype=dtype)
    vals = values.stored_tolist()
    if values.dim() == 2:
        return torch.tensor([[find(seq, v) for v in row] for row in vals], dtype=dtype)
    return torch.tensor([find(seq, v) for v in vals] if values.dim() else find(seq, vals), dtype=dtype)


def bucketize(input, boundaries, out_int32=False, right=False):
    """The bucket of each entry: i with boundaries[i-1] < x <= boundaries[i] (right=True: boundaries[i-1] <= x <
    boundaries[i])."""
    return searchsorted(boundaries, input, out_int32=out_int32, right=right)


def meshgrid(*tensors, **options):
    """Two 1-d tensors as two 2-d grids (indexing 'ij', PyTorch's default, or 'xy')."""
    indexing = options.get('indexing', 'ij')
    if len(tensors) == 1 and isinstance(tensors[0], (list, tuple)):
        tensors = tuple(tensors[0])
    if len(tensors) != 2:
        raise RuntimeError("meshgrid: neuralGLM's PyTorch bridge makes grids of 2 tensors (2-d); got %d" % len(tensors))
    a, b = tensors
    if indexing == 'xy':
        return (a.reshape(1, -1).expand(b.shape[0], a.shape[0]), b.reshape(-1, 1).expand(b.shape[0], a.shape[0]))
    return (a.reshape(-1, 1).expand(a.shape[0], b.shape[0]), b.reshape(1, -1).expand(a.shape[0], b.shape[0]))


def cartesian_prod(*tensors):
    """Every pair (a_i, b_j) as the rows of an (n m) x 2 tensor."""
    torch = _torch()
    if len(tensors) == 1:
        return tensors[0]
    if len(tensors) != 2:
        raise RuntimeError("cartesian_prod: neuralGLM's PyTorch bridge takes 1 or 2 tensors")
    ga, gb = meshgrid(tensors[0], tensors[1])
    return torch.stack([ga.reshape(-1), gb.reshape(-1)], dim=1)


def logspace(start, end, steps, base=10.0, dtype=None, requires_grad=False):
    """base ** linspace(start, end, steps)."""
    torch = _torch()
    t = (base ** torch.linspace(start, end, steps)).detach()
    if dtype is not None:
        t = t.to(dtype)
    t.requires_grad = requires_grad
    return t


def typename(obj):
    """torch.typename: a tensor's legacy type name ('torch.FloatTensor'), else the object's type name."""
    if isinstance(obj, Tensor):
        return obj.type()
    cls = type(obj)
    module = getattr(cls, '__module__', '')
    return cls.__name__ if module in ('__builtin__', 'builtins', None, '') else module + '.' + cls.__name__


# ------------------------------------------------------------------------------------------------ dtype facts

class finfo(object):
    """torch.finfo(dtype): bits, eps, max, min, tiny (smallest normal) and resolution of a float dtype."""
    _FACTS = {
        'float32': (32, 1.1920928955078125e-07, 3.4028234663852886e+38, 1.1754943508222875e-38, 1e-06),
        'float64': (64, 2.220446049250313e-16, 1.7976931348623157e+308, 2.2250738585072014e-308, 1e-15),
        'float16': (16, 0.0009765625, 65504.0, 6.103515625e-05, 0.001),
        'bfloat16': (16, 0.0078125, 3.3895313892515355e+38, 1.1754943508222875e-38, 0.01),
    }

    def __init__(self, type=None):
        torch = _torch()
        name = str(type if type is not None else torch.get_default_dtype()).replace('torch.', '')
        name = {'float': 'float32', 'double': 'float64', 'half': 'float16'}.get(name, name)
        if name not in self._FACTS:
            raise TypeError("torch.finfo() requires a floating point input type. Use torch.iinfo to handle '%s'" % name)
        self.bits, self.eps, self.max, self.tiny, self.resolution = self._FACTS[name]
        self.min = -self.max
        self.smallest_normal = self.tiny
        self.dtype = name

    def __repr__(self):
        return ("finfo(resolution=%s, min=%s, max=%s, eps=%s, smallest_normal=%s, tiny=%s, dtype=%s)"
                % (_e(self.resolution), _e(self.min), _e(self.max), _e(self.eps), _e(self.tiny), _e(self.tiny), self.dtype))


def _e(v):
    return '%g' % v


class iinfo(object):
    """torch.iinfo(dtype): bits, min and max of a whole-number dtype."""
    _FACTS = {'int64': 64, 'int32': 32, 'int16': 16, 'int8': 8, 'uint8': 8}

    def __init__(self, type):
        name = str(type).replace('torch.', '')
        name = {'long': 'int64', 'int': 'int32', 'short': 'int16'}.get(name, name)
        if name not in self._FACTS:
            raise TypeError("torch.iinfo() requires an integer input type. Use torch.finfo to handle '%s'" % name)
        self.bits = self._FACTS[name]
        self.min, self.max = (0, 255) if name == 'uint8' else (-2 ** (self.bits - 1), 2 ** (self.bits - 1) - 1)
        self.dtype = name

    def __repr__(self):
        return "iinfo(min=%s, max=%s, dtype=%s)" % (_e(self.min), _e(self.max), self.dtype)


# ------------------------------------------------------------------------------------------------ installing

ELEMENTARY = ('log2', 'log10', 'exp2', 'expm1', 'erf', 'erfc', 'erfinv', 'tan', 'atan', 'asin', 'acos', 'sinh',
              'cosh', 'asinh', 'acosh', 'atanh')

FUNCTIONS = ('rsqrt', 'reciprocal', 'trunc', 'frac', 'fmod', 'remainder', 'floor_divide', 'logit', 'hypot', 'lerp',
             'addcmul', 'addcdiv', 'clamp_min', 'clamp_max', 'nan_to_num', 'isclose', 'allclose', 'equal', 'prod', 'cumprod', 'diff', 'median', 'quantile', 'var_mean', 'std_mean', 'count_nonzero', 'flip', 'fliplr',
             'flipud', 'roll', 'tile', 'repeat_interleave', 'unbind', 'narrow', 'movedim', 'swapaxes', 'take',
             'gather', 'scatter', 'scatter_add', 'index_fill', 'index_add', 'masked_select', 'diag', 'diagonal',
             'trace', 'triu', 'tril', 'outer', 'mv', 'addmm', 'addmv', 'einsum', 'cdist', 'bincount', 'histc',
             'searchsorted', 'bucketize', 'meshgrid', 'cartesian_prod', 'logspace', 'finfo', 'iinfo', 'typename',
             'div', 'atan2', 'broadcast_tensors', 'unique', 'vstack', 'row_stack', 'hstack', 'column_stack', 'cov',
             'corrcoef', 'index_select', 'cummax', 'cummin', 'logcumsumexp', 'kthvalue', 'msort', 'argwhere',
             'tensor_split', 'is_floating_point', 'multinomial', 'randint_like', 'rot90', 'dist', 'deg2rad', 'rad2deg',
             'heaviside', 'trapezoid', 'trapz', 'tensordot', 'chain_matmul', 'kron', 'block_diag', 'cross',
             'diag_embed', 'vander', 'aminmax', 'nanmedian')

KEEP = ('div',)   # torch/__init__.py's own (div with rounding_mode calls this module's)

ALIASES = {'ger': 'outer', 'fix': 'trunc', 'moveaxis': 'movedim', 'swapdims': 'swapaxes', 'arctan': 'atan',
           'true_divide': 'div', 'arctan2': 'atan2',
           'arcsin': 'asin', 'arccos': 'acos', 'arcsinh': 'asinh', 'arccosh': 'acosh', 'arctanh': 'atanh'}

# methods t.f(...) = torch.f(t, ...)
METHODS = ('rsqrt', 'reciprocal', 'trunc', 'frac', 'fmod', 'remainder', 'floor_divide', 'logit', 'hypot', 'lerp',
           'addcmul', 'addcdiv', 'clamp_min', 'clamp_max', 'nan_to_num', 'isclose', 'allclose', 'equal', 'prod',
           'cumprod', 'diff', 'median', 'quantile', 'count_nonzero', 'flip', 'fliplr', 'flipud', 'roll', 'repeat',
           'tile', 'repeat_interleave', 'unbind', 'narrow', 'movedim', 'moveaxis', 'swapaxes', 'swapdims', 'take',
           'gather', 'scatter', 'scatter_add', 'index_fill', 'index_add', 'masked_select', 'diag', 'diagonal',
           'trace', 'triu', 'tril', 'outer', 'ger', 'mv', 'addmm', 'addmv', 'bincount', 'histc', 'fix', 'arctan',
           'arcsin', 'arccos', 'atan2', 'arctan2', 'unique', 'cov', 'corrcoef', 'cummax', 'cummin',
           'logcumsumexp', 'kthvalue', 'msort', 'argwhere', 'tensor_split', 'rot90', 'dist', 'deg2rad', 'rad2deg',
           'heaviside', 'kron', 'cross') + ELEMENTARY

# in place: t.f_(...) = t.copy_(t.f(...)), on a tensor outside the record (a leaf under no_grad, or a plain tensor)
IN_PLACE = ('relu', 'sigmoid', 'tanh', 'exp', 'log', 'sqrt', 'abs', 'neg', 'floor', 'ceil', 'round', 'sign',
            'reciprocal', 'rsqrt', 'square', 'trunc', 'frac', 'log1p', 'expm1', 'sin', 'cos', 'clamp', 'clip', 'pow',
            'fmod', 'remainder', 'lerp', 'addcmul', 'addcdiv', 'masked_fill', 'index_fill', 'index_add', 'scatter',
            'scatter_add', 'tril', 'triu', 'clamp_min', 'clamp_max', 'nan_to_num', 'logit', 'fix') + ELEMENTARY


def _in_place(name):
    def method(self, *args, **kwargs):
        if self.grad_fn is not None and _T.is_grad_enabled():
            raise RuntimeError("%s_: in-place changes to a tensor computed by recorded operations (%s) are not "
                               "supported; write t = t.%s(...) or work on t.detach()" % (name, self.grad_fn, name))
        return self.copy_(getattr(self, name)(*args, **kwargs))
    method.__name__ = name + '_'
    return method


def install(namespace, tensor_class):
    """Adds the functions to the torch module's namespace and the methods to torch.Tensor."""
    for name in ELEMENTARY:
        namespace[name] = getattr(_E, name)
    for name in FUNCTIONS:
        if name not in KEEP or name not in namespace:
            namespace[name] = globals()[name]
    for alias, target in ALIASES.items():
        if target is not None:
            namespace[alias] = namespace[target]
    for name in METHODS:
        function = globals()[name] if name in globals() else namespace[name]
        setattr(tensor_class, name, _method(function))
    tensor_class.repeat = repeat
    clamp = _clamp(tensor_class.clamp)
    namespace['clamp'] = namespace['clip'] = clamp
    tensor_class.clamp = tensor_class.clip = clamp
    tensor_class.copy_ = _copy(tensor_class.copy_)
    tensor_class.mT = property(lambda self: self.transpose(-2, -1) if self.dim() == 2 else self)
    tensor_class.H = tensor_class.mT
    for name in IN_PLACE:
        setattr(tensor_class, name + '_', _in_place(name))
    tensor_class.masked_fill_ = _in_place('masked_fill')
    tensor_class.is_contiguous = lambda self, memory_format=None: True
    tensor_class.element_size = lambda self: {'float32': 4, 'float64': 8, 'float16': 2, 'int64': 8, 'int32': 4,
                                               'bool': 1}.get(str(self.dtype).replace('torch.', ''), 8)
    tensor_class.stride = _stride
    for name in ('unsqueeze_', 'squeeze_', 't_', 'transpose_', 'resize_', 'resize_as_', 'swapaxes_', 'swapdims_'):
        setattr(tensor_class, name, _refuse_in_place_shape(name))
    tensor_class.where = where_method
    tensor_class.bernoulli_ = _bernoulli_
    tensor_class.exponential_ = _exponential_
    tensor_class.fill_diagonal_ = _fill_diagonal_
    tensor_class.new_empty = lambda self, *size, **o: namespace['zeros'](*size, dtype=o.get('dtype', self.dtype))
    tensor_class.is_floating_point = lambda self: self.dtype.is_floating_point
    tensor_class.true_divide = _method(div)
    namespace['any'], namespace['all'] = any_, all_
    namespace['special'] = _special()
    namespace['round'] = round_(namespace['round'])
    tensor_class.round = _method(namespace['round'])
    tensor_class.aminmax = _method(aminmax)
    tensor_class.nanmedian = _method(nanmedian)
    from neuralglm.jython import TorchGenerator
    namespace['Generator'] = TorchGenerator
    namespace['default_generator'] = TorchGenerator.default_generator()
    namespace['initial_seed'] = lambda: __builtin__.int(_T.initialSeed())
    namespace['seed'] = _seed
    namespace['get_rng_state'], namespace['set_rng_state'] = _T.get_rng_state, _T.set_rng_state
    for name in RANDOM:
        namespace[name] = _drawing(namespace[name])
    for name in RANDOM_METHODS:
        setattr(tensor_class, name, _drawing(getattr(tensor_class, name)))
    tensor_class.var_mean = var_mean
    tensor_class.std_mean = std_mean


def _clamp(java_clamp):
    """clamp(min=, max=) also with tensor bounds (entry by entry, broadcast: torch.maximum/minimum, in the record)."""
    def clamp(input, min=None, max=None):
        if isinstance(min, Tensor) or isinstance(max, Tensor):
            x = input
            if min is not None:
                x = _T.maximum(x, min if isinstance(min, Tensor) else _torch().full_like(input, min))
            if max is not None:
                x = _T.minimum(x, max if isinstance(max, Tensor) else _torch().full_like(input, max))
            return x
        return java_clamp(input, min=min, max=max) if min is not None and max is not None else (
            java_clamp(input, min=min) if min is not None else java_clamp(input, max=max))
    return clamp


def _copy(java_copy):
    """t.copy_(src): src broadcast to t's shape first where their sizes differ, as PyTorch's."""
    def copy_(self, src, non_blocking=False):
        if isinstance(src, Tensor) and src.numel() != self.numel():
            src = src.expand(*self.shape)
        return java_copy(self, src)
    return copy_


def _drawing(function):
    """function(..., generator=g): its draws from g's stream (the shared one, torch.manual_seed's, is left as it was)."""
    def draw(*args, **kwargs):
        generator = kwargs.pop('generator', None)
        if generator is None:
            return function(*args, **kwargs)
        generator.enter()
        try:
            return function(*args, **kwargs)
        finally:
            generator.leave()
    draw.__name__ = getattr(function, '__name__', 'draw')
    draw.__doc__ = getattr(function, '__doc__', None)
    return draw


RANDOM = ('rand', 'randn', 'randint', 'randperm', 'normal', 'bernoulli', 'multinomial', 'poisson', 'rand_like',
          'randn_like', 'randint_like')
RANDOM_METHODS = ('normal_', 'uniform_', 'bernoulli_', 'exponential_')


def _seed():
    """torch.seed(): the shared stream restarted from a seed drawn from the clock; returns that seed."""
    import time
    s = int(time.time() * 1e6) & 0x7fffffffffff
    _T.manual_seed(s)
    return s


def _method(function):
    """t.f(...) as f(t, ...) (a Java static function set on the class would not receive t)."""
    def method(self, *args, **kwargs):
        return function(self, *args, **kwargs)
    method.__name__ = getattr(function, '__name__', 'method')
    return method


def _stride(self, dim=None):
    """The strides of a row-major (contiguous) tensor."""
    shape = tuple(self.shape)
    strides = tuple(_product(shape[k + 1:]) for k in range(len(shape)))
    return strides if dim is None else strides[dim]

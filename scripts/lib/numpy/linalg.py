"""numpy.linalg for the numpy shim: inv, det, solve, norm, pinv, lstsq, matrix_rank, eigvalsh-free basics, over
EJML (neuralglm.jython.NumpyLinalg). A singular matrix raises LinAlgError('Singular matrix'), as numpy's."""
from __future__ import absolute_import, division

import __builtin__
import math as _math

from neuralglm.jython import NumpyLinalg as _L

import _shim
import numpy as _np


class LinAlgError(Exception):
    """numpy.linalg.LinAlgError."""


def _float64(t):
    """A result of NumpyLinalg relabelled float64 without rounding its values (to() of a float32 label would)."""
    return _L.float64(t)


def _matrix(a, name):
    a = _np.asarray(a).astype(_np.float64)
    if a.ndim != 2:
        raise LinAlgError("%d-dimensional array given. Array must be at least two-dimensional" % a.ndim)
    return a


def _square(a):
    a = _matrix(a, '')
    if a.shape[0] != a.shape[1]:
        raise LinAlgError("Last 2 dimensions of the array must be square")
    return a


def inv(a):
    """The inverse of a square matrix."""
    t = _L.inv(_square(a)._t)
    if t is None:
        raise LinAlgError("Singular matrix")
    return _np.ndarray(_float64(t), 'f')


def det(a):
    """The determinant (by LU with partial pivoting)."""
    return _L.det(_square(a)._t)


def solve(a, b):
    """x with a x = b (b 1-d or 2-d)."""
    a = _square(a)
    b = _np.asarray(b).astype(_np.float64)
    if b.ndim == 0:
        raise ValueError("solve1: Input operand 1 does not have enough dimensions (has 0, gufunc core with "
                         "signature (m,m),(m)->(m) requires 1)")
    t = _L.solve(a._t, b._t)
    if t is None:
        raise LinAlgError("Singular matrix")
    return _np.ndarray(_float64(t), 'f')


def svdvals(a):
    return list(_L.singularValues(_matrix(a, '')._t))


def pinv(a, rcond=1e-15):
    """The Moore-Penrose pseudo-inverse (singular values at most rcond times the largest count as zero)."""
    return _np.ndarray(_float64(_L.pinv(_matrix(a, '')._t, rcond)), 'f')


def matrix_rank(A, tol=None):
    A = _np.asarray(A)
    if A.ndim < 2:
        return int(not _np.all(A == 0))
    s = svdvals(A)
    if not s:
        return 0
    if tol is None:
        tol = s[0] * __builtin__.max(A.shape) * 2.220446049250313e-16
    return __builtin__.sum(1 for v in s if v > tol)


def lstsq(a, b, rcond=None):
    """The least-squares solution of a x = b: (x, residuals, rank, singular values), as numpy's (residuals: the
    squared residual norm of each column of b when rank is n < m, else an empty array)."""
    a = _matrix(a, '')
    b = _np.asarray(b).astype(_np.float64)
    m, n = a.shape
    if b.shape[0] != m:
        raise LinAlgError("Incompatible dimensions")
    s = svdvals(a)
    if rcond is None:
        rcond = 2.220446049250313e-16 * __builtin__.max(m, n)
    x = _np.dot(pinv(a, rcond), b)
    rank = __builtin__.sum(1 for v in s if v > rcond * (s[0] if s else 0))
    if rank == n and m > n:
        r = b - _np.dot(a, x)
        res = (r * r).sum(axis=0)
        residuals = res if isinstance(res, _np.ndarray) else _np.array([res])
    else:
        residuals = _np.zeros(0)
    return x, residuals, rank, _np.array(s)


def norm(x, ord=None, axis=None, keepdims=False):
    """Vector norms (ord None/2, 1, inf, -inf, 0, p) and matrix norms (None/'fro', 'nuc', 1, -1, 2, -2, inf, -inf);
    axis gives vector norms along it."""
    x = _np.asarray(x).astype(_np.float64)
    if axis is not None:
        if isinstance(axis, (tuple, list)):
            if len(axis) == 2 and x.ndim == 2:
                r = norm(x, ord)
                return _np.full((1, 1), r) if keepdims else r
            axis = axis[0]
        lines = x.T if (axis % x.ndim == 0 and x.ndim == 2) else x
        if x.ndim == 1:
            r = _vector_norm(_np._flat(x)[0], ord)
            return _np.full((1,), r) if keepdims else r
        vals = [_vector_norm(_np._flat(row)[0], ord) for row in lines]
        out = _np.array(vals)
        if keepdims:
            return out.reshape((1, len(vals)) if axis % 2 == 0 else (len(vals), 1))
        return out
    if x.ndim <= 1 or (ord is None and x.ndim == 2):
        if ord is None or x.ndim == 2:
            flat = _np._flat(x)[0]
            r = _math.sqrt(_np.math_fsum([v * v for v in flat]))
            return _np.full((1,) * x.ndim, r) if keepdims else r
        r = _vector_norm(_np._flat(x)[0], ord)
        return _np.full((1,), r) if keepdims else r
    flat, (rows, cols), _ = _np._flat(x)
    if ord == 'fro':
        r = _math.sqrt(_np.math_fsum([v * v for v in flat]))
    elif ord == 'nuc':
        r = __builtin__.sum(svdvals(x))
    elif ord in (1, -1):
        sums = [__builtin__.sum(abs(flat[i * cols + j]) for i in range(rows)) for j in range(cols)]
        r = __builtin__.max(sums) if ord == 1 else __builtin__.min(sums)
    elif ord in (_np.inf, -_np.inf):
        sums = [__builtin__.sum(abs(v) for v in flat[i * cols:(i + 1) * cols]) for i in range(rows)]
        r = __builtin__.max(sums) if ord > 0 else __builtin__.min(sums)
    elif ord in (2, -2):
        s = svdvals(x)
        r = s[0] if ord == 2 else s[-1]
    else:
        raise ValueError("Invalid norm order for matrices.")
    return _np.full((1, 1), r) if keepdims else r


def _vector_norm(v, ord):
    if ord is None or ord == 2:
        return _math.sqrt(_np.math_fsum([a * a for a in v]))
    if ord == _np.inf:
        return __builtin__.max(abs(a) for a in v)
    if ord == -_np.inf:
        return __builtin__.min(abs(a) for a in v)
    if ord == 0:
        return float(__builtin__.sum(1 for a in v if a != 0))
    if ord == 1:
        return _np.math_fsum([abs(a) for a in v])
    if isinstance(ord, str):
        raise ValueError("Invalid norm order '%s' for vectors" % ord)
    return _np.math_fsum([abs(a) ** ord for a in v]) ** (1.0 / ord)


_shim.strict(__name__, "neuralGLM's numpy shim (scripts/lib/numpy/linalg: inv, det, solve, norm, pinv, lstsq, "
                       "matrix_rank)")

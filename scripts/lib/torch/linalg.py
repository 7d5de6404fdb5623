"""torch.linalg on matrices (2-d tensors), as PyTorch 1.13's, over neuralglm.jython.Linalg (LU with partial pivoting,
Cholesky, Householder QR, EJML's SVD and symmetric eigendecomposition), each recorded with PyTorch's backward:

  inv det slogdet solve solve_triangular cholesky qr svd svdvals eigh eigvalsh lstsq pinv matrix_rank norm
  vector_norm matrix_norm matrix_power multi_dot cond matmul LinAlgError

and, installed on torch and torch.Tensor by torch/__init__.py, torch.inverse det logdet slogdet pinverse matrix_power
cholesky cholesky_solve cholesky_inverse triangular_solve svd qr and the tensor methods of the same names.
Compositions of recorded operations give the rest (norms, matrix_power, multi_dot, lstsq = pinv(A) B, cond).
"""
from __future__ import absolute_import, division

import __builtin__

from neuralglm.jython import Linalg as _L, Tensor, Torch as _T

import _shim

_INF = __builtin__.float('inf')


def _torch():
    import torch
    return torch


class _LinAlgError(RuntimeError):
    """torch.linalg.LinAlgError: a singular or non-positive-definite matrix (a RuntimeError, as PyTorch's)."""


_LinAlgError.__module__ = 'torch._C'
LinAlgError = _LinAlgError
_L.use_lin_alg_error(_LinAlgError)


def _return_type(name, fields):
    """torch.return_types.<name>: a tuple whose entries are also attributes, printed as PyTorch prints it."""
    def __new__(cls, *values):
        return tuple.__new__(cls, values)

    def __repr__(self):
        return "torch.return_types.%s(\n%s)" % (name, ",\n".join("%s=%r" % (f, v) for f, v in zip(fields, self)))
    members = {'__new__': __new__, '__repr__': __repr__, '__slots__': ()}
    for i, f in enumerate(fields):
        members[f] = property(lambda self, i=i: self[i])
    return type(name, (tuple,), members)


_Slogdet = _return_type('linalg_slogdet', ('sign', 'logabsdet'))
_SlogdetTorch = _return_type('slogdet', ('sign', 'logabsdet'))
_Qr = _return_type('linalg_qr', ('Q', 'R'))
_QrTorch = _return_type('qr', ('Q', 'R'))
_Svd = _return_type('linalg_svd', ('U', 'S', 'Vh'))
_SvdTorch = _return_type('svd', ('U', 'S', 'V'))
_Eigh = _return_type('linalg_eigh', ('eigenvalues', 'eigenvectors'))
_Lstsq = _return_type('linalg_lstsq', ('solution', 'residuals', 'rank', 'singular_values'))
_TriangularSolve = _return_type('triangular_solve', ('solution', 'cloned_coefficient'))


def _tensor(x, function, argument, position=1):
    if not isinstance(x, Tensor):
        raise TypeError("%s(): argument '%s' (position %d) must be Tensor, not %s"
                        % (function, argument, position, type(x).__name__))
    return x


def _at_least_2d(A, who):
    if A.dim() < 2:
        raise RuntimeError("%s: The input tensor A must have at least 2 dimensions." % who)


def _square(A, who):
    _at_least_2d(A, who)
    if A.shape[0] != A.shape[1]:
        raise RuntimeError("%s: A must be batches of square matrices, but they are %d by %d matrices"
                           % (who, A.shape[0], A.shape[1]))


# ------------------------------------------------------------------------------------------------ inverse, det, solve

def inv(A, out=None):
    """A^-1 (LU with partial pivoting); LinAlgError when A is singular."""
    return _L.inv(_tensor(A, 'linalg_inv', 'A'), 'linalg.inv')


def det(A, out=None):
    """det A = sign(P) prod diag U of P A = L U."""
    return _L.det(_tensor(A, 'linalg_det', 'A'), 'linalg.det')


def slogdet(A, out=None):
    """(sign, logabsdet): det A = sign exp(logabsdet)."""
    return _Slogdet(*_L.slogdet(_tensor(A, 'linalg_slogdet', 'A'), 'linalg.slogdet'))


def solve(A, B, left=True, out=None):
    """X with A X = B (left=False: X A = B); B a vector or a matrix."""
    _tensor(A, 'linalg_solve', 'A')
    _tensor(B, 'linalg_solve', 'B', 2)
    if not left:
        if B.dim() < 2:
            raise RuntimeError("linalg.solve: Vector broadcasting of the left hand side is not supported for left=False. "
                               "In this case linalg.solve is equivalent to B / A.squeeze(-1)")
        return _L.solve(A.t(), B.t()).t()
    return _L.solve(A, B)


def solve_triangular(A, B, upper, left=True, unitriangular=False, out=None):
    """X with A X = B (left=False: X A = B) for A triangular (its other triangle is not read)."""
    _tensor(A, 'linalg_solve_triangular', 'input')
    _tensor(B, 'linalg_solve_triangular', 'other', 2)
    if not left:
        return _L.solve_triangular(A.t(), B.t(), not upper, unitriangular).t()
    return _L.solve_triangular(A, B, upper, unitriangular)


def cholesky(A, upper=False, out=None):
    """L lower with A = L L^T (upper=True: U = L^T); LinAlgError when A is not positive-definite."""
    return _L.cholesky(_tensor(A, 'linalg_cholesky', 'A'), upper, 'linalg.cholesky')


# ------------------------------------------------------------------------------------------------ decompositions

def qr(A, mode='reduced', out=None):
    """(Q, R) with A = Q R by Householder reflections (LAPACK's signs); mode 'reduced', 'complete' or 'r'."""
    return _Qr(*_L.qr(_tensor(A, 'linalg_qr', 'A'), mode))


def svd(A, full_matrices=True, driver=None, out=None):
    """(U, S, Vh) with A = U diag(S) Vh, S descending (the singular vectors' signs are arbitrary)."""
    return _Svd(*_L.svd(_tensor(A, 'linalg_svd', 'A'), full_matrices))


def svdvals(A, driver=None, out=None):
    """The singular values of A, descending."""
    return _L.svdvals(_tensor(A, 'linalg_svdvals', 'A'))


def _uplo(UPLO, who):
    if UPLO not in ('L', 'U', 'l', 'u'):
        raise RuntimeError("%s: Expected UPLO argument to be 'L' or 'U', but got %s" % (who, UPLO))
    return UPLO in ('U', 'u')


def eigh(A, UPLO='L', out=None):
    """(eigenvalues ascending, eigenvectors as columns) of the symmetric matrix of A's lower (UPLO='U': upper)
    triangle."""
    return _Eigh(*_L.eigh(_tensor(A, 'linalg_eigh', 'A'), _uplo(UPLO, 'linalg.eigh'), True, 'linalg.eigh'))


def eigvalsh(A, UPLO='L', out=None):
    """The eigenvalues of eigh, ascending."""
    return _L.eigh(_tensor(A, 'linalg_eigvalsh', 'A'), _uplo(UPLO, 'linalg.eigvalsh'), False, 'linalg.eigvalsh')[0]


def _tolerances(A, atol, rtol):
    """PyTorch's: rtol defaults to eps max(m, n), or 0 when only an atol > 0 is given."""
    if atol is None:
        atol_value = 0.0
    else:
        atol_value = __builtin__.float(atol)
    if rtol is None:
        rtol = 0.0 if atol is not None and atol_value > 0 else _torch().finfo(A.dtype).eps * __builtin__.max(A.shape)
    return atol_value, __builtin__.float(rtol)


def pinv(A, rcond=None, hermitian=False, atol=None, rtol=None, out=None):
    """The Moore-Penrose pseudo-inverse V diag(1 / s) U^T over the singular values s > max(atol, rtol s_max)
    (rcond is rtol with atol 0; hermitian=True gives the same numbers for a symmetric A)."""
    _tensor(A, 'linalg_pinv', 'input')
    if A.dim() < 2:
        raise RuntimeError("linalg.pinv(%s{[%s]}): expected a tensor with 2 or more dimensions of float, double, cfloat "
                           "or cdouble types" % (_type_name(A), ", ".join(str(s) for s in A.shape)))
    if rcond is not None:
        atol, rtol = 0.0, rcond
    a, r = _tolerances(A, atol, rtol)
    return _L.pinv(A, a, r)


def _type_name(A):
    return {'torch.float32': 'Float', 'torch.float64': 'Double'}.get(str(A.dtype), 'Long')


def matrix_rank(A, tol=None, hermitian=False, atol=None, rtol=None, out=None):
    """The number of singular values > max(atol, rtol s_max) (tol: atol with rtol 0), an int64 0-d tensor."""
    torch = _torch()
    _tensor(A, 'linalg_matrix_rank', 'input')
    _at_least_2d(A, 'torch.linalg.matrix_rank')
    if tol is not None:
        atol, rtol = tol, 0.0
    a, r = _tolerances(A, atol, rtol)
    with torch.no_grad():
        s = svdvals(A).stored_tolist()
    limit = __builtin__.max(a, r * (s[0] if s else 0.0))
    return torch.tensor(__builtin__.sum(1 for v in s if v > limit))


def lstsq(A, B, rcond=None, driver=None):
    """(solution, residuals, rank, singular_values) of min |A X - B|: the solution is pinv(A) B (the gradient is
    PyTorch's, which differentiates the same composition); residuals |A X - B|^2 by column for drivers gels, gelsd and
    gelss when m > n and A has full rank, rank for all but gels, singular values for gelsd and gelss (as PyTorch's
    CPU drivers; gelsy, the default, leaves residuals and singular values empty)."""
    torch = _torch()
    _tensor(A, 'linalg_lstsq', 'self')
    _tensor(B, 'linalg_lstsq', 'b', 2)
    if driver is None:
        driver = 'gelsy'
    if driver not in ('gels', 'gelsy', 'gelsd', 'gelss'):
        raise RuntimeError("torch.linalg.lstsq: parameter `driver` should be one of (gels, gelsy, gelsd, gelss)")
    _at_least_2d(A, 'torch.linalg.lstsq')
    vector = B.dim() == 1
    if A.shape[0] != B.shape[0]:
        raise RuntimeError("torch.linalg.lstsq: input.size(-2) should match other.size(%d)" % (-1 if vector else -2))
    m, n = A.shape[0], A.shape[1]
    rtol = rcond if rcond is not None and rcond >= 0 else torch.finfo(A.dtype).eps * __builtin__.max(m, n)
    B2 = B.unsqueeze(1) if vector else B
    X = pinv(A, atol=0.0, rtol=rtol).mm(B2)
    with torch.no_grad():
        s = svdvals(A)
        values = s.stored_tolist()
        rank = __builtin__.sum(1 for v in values if v > rtol * (values[0] if values else 0.0))
        empty = torch.tensor([], dtype=A.dtype)
        residuals = empty
        if driver != 'gelsy' and m > n and rank == n:
            residuals = ((A.mm(X) - B2) ** 2).sum(0)
        rank_t = torch.tensor([], dtype=torch.int64) if driver == 'gels' else torch.tensor(rank)
        sv = s if driver in ('gelsd', 'gelss') else empty
    return _Lstsq(X.squeeze(1) if vector else X, residuals, rank_t, sv)


# ------------------------------------------------------------------------------------------------ norms

def _dims(x, dim):
    """The dims of x that dim names, non-negative and sorted (all of them for None)."""
    n = x.dim()
    if dim is None:
        return tuple(range(n))
    if isinstance(dim, (__builtin__.int, __builtin__.long)):
        dim = (dim,)
    out = []
    for d in dim:
        if d < -__builtin__.max(n, 1) or d >= __builtin__.max(n, 1):
            raise IndexError("Dimension out of range (expected to be in range of [%d, %d], but got %d)"
                             % (-__builtin__.max(n, 1), __builtin__.max(n, 1) - 1, d))
        out.append(d % __builtin__.max(n, 1))
    return tuple(sorted(out))


def _reduce(x, dims, how, keepdim):
    """x summed ('sum'), or its largest ('max') or smallest ('min') entries, over dims."""
    n = x.dim()
    if n == 0:
        return x.clone()
    if len(dims) == n:
        r = x.sum() if how == 'sum' else (x.max() if how == 'max' else x.min())
        return r.reshape([1] * n) if keepdim else r
    d = dims[0]
    if how == 'sum':
        return x.sum(d, keepdim=keepdim)
    return (x.max(d, keepdim=keepdim) if how == 'max' else x.min(d, keepdim=keepdim))[0]


def vector_norm(x, ord=2, dim=None, keepdim=False, dtype=None, out=None):
    """(sum |x_i|^ord)^(1 / ord) over dim (all entries for None); ord inf / -inf the largest / smallest |x_i|,
    ord 0 the number of non-zero entries. Its grad_fn is PyTorch 1.13's, LinalgVectorNormBackward0."""
    return _T._grad_fn(_vector_norm(x, ord, dim, keepdim, dtype), 'LinalgVectorNormBackward0')


def _vector_norm(x, ord, dim, keepdim, dtype):
    torch = _torch()
    _tensor(x, 'linalg_vector_norm', 'input')
    if isinstance(ord, basestring):
        raise TypeError("linalg_vector_norm(): argument 'ord' (position 2) must be Number, not str")
    if dtype is not None:
        x = x.to(dtype)
    if not x.dtype.is_floating_point:
        raise RuntimeError("linalg.vector_norm: Expected a floating point or complex tensor as input. Got Long")
    dims = _dims(x, dim)
    a = x.abs()
    if ord == _INF:
        return _reduce(a, dims, 'max', keepdim)
    if ord == -_INF:
        return _reduce(a, dims, 'min', keepdim)
    if ord == 0:
        return _reduce((x != 0).to(x.dtype), dims, 'sum', keepdim)
    if ord > 0 and (len(dims) == 1 or len(dims) == x.dim()) and x.dim() > 0:
        if len(dims) == x.dim():
            r = x.norm() if ord == 2 else x.norm(ord)
            return r.reshape([1] * x.dim()) if keepdim else r
        return x.norm(ord, dims[0], keepdim)
    return _reduce(a.pow(ord), dims, 'sum', keepdim).pow(1.0 / ord)


def matrix_norm(A, ord='fro', dim=(-2, -1), keepdim=False, dtype=None, out=None):
    """'fro' (sqrt of the sum of squares), 'nuc' (sum of the singular values), 2 / -2 (the largest / smallest singular
    value), 1 / -1 (the largest / smallest column sum of |a_ij|), inf / -inf (the same of the row sums)."""
    _tensor(A, 'linalg_matrix_norm', 'input')
    if dtype is not None:
        A = A.to(dtype)
    _at_least_2d(A, 'linalg.matrix_norm')
    dims = [d % 2 for d in dim]
    if len(dims) != 2 or dims[0] == dims[1]:
        raise RuntimeError("linalg.matrix_norm: dims must be different. Got (%d, %d)" % tuple(dim))
    if dims == [1, 0]:
        A = A.t()
    if ord == 'fro':
        r = A.norm()
    elif ord == 'nuc':
        r = svdvals(A).sum()
    elif ord in (2, -2) and not isinstance(ord, basestring):
        s = svdvals(A)
        r = s[0] if ord == 2 else s[-1]
    elif ord in (1, -1, _INF, -_INF) and not isinstance(ord, basestring):
        sums = A.abs().sum(0 if ord in (1, -1) else 1)
        r = sums.max() if ord > 0 else sums.min()
    else:
        raise RuntimeError("linalg.matrix_norm: Order %s not supported." % (ord,))
    r = r.reshape(1, 1) if keepdim else r
    # PyTorch 1.13 computes 'fro' as the vector norm of the entries: its grad_fn
    return _T._grad_fn(r, 'LinalgVectorNormBackward0') if ord == 'fro' else r


def norm(A, ord=None, dim=None, keepdim=False, dtype=None, out=None):
    """A vector norm (1-d input, an int dim, or ord None without dim: of all entries) or a matrix norm (2-d input with
    ord, or two dims)."""
    _tensor(A, 'linalg_norm', 'input')
    if dim is not None:
        dims = (dim,) if isinstance(dim, (__builtin__.int, __builtin__.long)) else tuple(dim)
        if len(dims) == 2:
            return matrix_norm(A, 'fro' if ord is None else ord, dims, keepdim, dtype)
        return vector_norm(A, 2 if ord is None else ord, dims, keepdim, dtype)
    if ord is None:
        return vector_norm(A, 2, None, keepdim, dtype)
    if A.dim() == 2:
        return matrix_norm(A, ord, (-2, -1), keepdim, dtype)
    if A.dim() == 1:
        return vector_norm(A, ord, None, keepdim, dtype)
    raise RuntimeError("linalg.norm: If dim is not specified but ord is, the input must be 1D or 2D. Got %dD" % A.dim())


def cond(A, p=None, out=None):
    """The condition number: s_max / s_min for p None or 2 (-2: its inverse), else norm(A, p) norm(A^-1, p)
    (inf for a singular A)."""
    torch = _torch()
    _tensor(A, 'linalg_cond', 'input')
    _at_least_2d(A, 'linalg.cond')
    if p is None or (p in (2, -2) and not isinstance(p, basestring)):
        s = svdvals(A)
        return s[0] / s[-1] if p is None or p == 2 else s[-1] / s[0]
    _square(A, 'linalg.cond')
    try:
        Ainv = _L.inv(A, 'linalg.inv')
    except _LinAlgError:
        return torch.tensor(_INF, dtype=A.dtype)
    return matrix_norm(A, p) * matrix_norm(Ainv, p)


# ------------------------------------------------------------------------------------------------ products

def matrix_power(A, n, out=None):
    """A^n by repeated squaring (as PyTorch); A^0 = I, A^-n = (A^-1)^n."""
    torch = _torch()
    _tensor(A, 'linalg_matrix_power', 'input')
    _square(A, 'linalg.matrix_power')
    if n == 0:
        eye = torch.eye(A.shape[0], dtype=A.dtype)
        return A * 0 + eye if A.requires_grad else eye
    if n < 0:
        A = inv(A)
        n = -n
    if n == 1:
        return A.clone()
    z, result = A, None
    while n > 0:
        if n & 1:
            result = z if result is None else result.mm(z)
        n >>= 1
        if n:
            z = z.mm(z)
    return result


def multi_dot(tensors, out=None):
    """The product of the matrices in the order of least work (PyTorch's chain order); a 1-d first (last) tensor is
    a row (column) vector, and the result drops that dimension."""
    tensors = list(tensors)
    if len(tensors) < 2:
        raise RuntimeError("multi_dot(): expected at least 2 tensors but got %d" % len(tensors))
    first_vector, last_vector = tensors[0].dim() == 1, tensors[-1].dim() == 1
    ms = list(tensors)
    if first_vector:
        ms[0] = ms[0].unsqueeze(0)
    if last_vector:
        ms[-1] = ms[-1].unsqueeze(1)
    for k, t in enumerate(ms):
        if t.dim() != 2:
            raise RuntimeError("multi_dot(): tensor %d must be 2D but got %dD" % (k, tensors[k].dim()))
    for k in range(len(ms) - 1):
        if ms[k].shape[1] != ms[k + 1].shape[0]:
            raise RuntimeError("multi_dot(): tensors %d and %d with shapes %s and %s cannot be multiplied"
                               % (k, k + 1, list(tensors[k].shape), list(tensors[k + 1].shape)))
    if len(ms) == 2:
        r = ms[0].mm(ms[1])
    else:
        r = _chain(ms)
    if first_vector and last_vector:
        return r.reshape([])
    if first_vector:
        return r.squeeze(0)
    if last_vector:
        return r.squeeze(1)
    return r


def _chain(ms):
    """The matrix-chain product in the order of fewest multiplications (dynamic programming)."""
    k = len(ms)
    p = [ms[0].shape[0]] + [m.shape[1] for m in ms]
    cost = [[0] * k for _ in range(k)]
    split = [[0] * k for _ in range(k)]
    for length in range(1, k):
        for i in range(k - length):
            j = i + length
            best = None
            for s in range(i, j):
                c = cost[i][s] + cost[s + 1][j] + p[i] * p[s + 1] * p[j + 1]
                if best is None or c < best:
                    best, split[i][j] = c, s
            cost[i][j] = best

    def product(i, j):
        if i == j:
            return ms[i]
        s = split[i][j]
        return product(i, s).mm(product(s + 1, j))
    return product(0, k - 1)


def matmul(input, other, out=None):
    """torch.matmul."""
    return _torch().matmul(input, other)


# ------------------------------------------------------------------------------------------------ torch.* and methods

def _inverse(input, out=None):
    return _L.inv(_tensor(input, 'inverse', 'input'), 'linalg.inv')


def _det(input):
    return _L.det(_tensor(input, 'det', 'input'), 'linalg.det')


def _logdet(input):
    return _L.logdet(_tensor(input, 'logdet', 'input'))


def _slogdet(input):
    return _SlogdetTorch(*_L.slogdet(_tensor(input, 'slogdet', 'input'), 'linalg.slogdet'))


def _pinverse(input, rcond=1e-15):
    return pinv(input, rcond=rcond)


def _cholesky(input, upper=False, out=None):
    """The deprecated torch.cholesky (without PyTorch's warning on stderr)."""
    return _L.cholesky(_tensor(input, 'cholesky', 'input'), upper, 'cholesky')


def _cholesky_solve(input, input2, upper=False, out=None):
    return _L.cholesky_solve(_tensor(input, 'cholesky_solve', 'input'), _tensor(input2, 'cholesky_solve', 'input2', 2),
                             upper)


def _cholesky_inverse(input, upper=False, out=None):
    _tensor(input, 'cholesky_inverse', 'input')
    _square(input, 'cholesky_inverse')
    eye = _torch().eye(input.shape[0], dtype=input.dtype)
    return _L.cholesky_solve(eye, input, upper)


def _triangular_solve(b, A, upper=True, transpose=False, unitriangular=False, out=None):
    _tensor(b, 'triangular_solve', 'input')
    _tensor(A, 'triangular_solve', 'A', 2)
    X = _L.solve_triangular(A.t(), b, not upper, unitriangular) if transpose else \
        _L.solve_triangular(A, b, upper, unitriangular)
    return _TriangularSolve(X, A.clone())


def _svd(input, some=True, compute_uv=True, out=None):
    _tensor(input, 'svd', 'input')
    U, S, Vh = _L.svd(input, not some)
    if not compute_uv:
        torch = _torch()
        return _SvdTorch(torch.zeros_like(U).detach(), S, torch.zeros_like(Vh).detach())
    return _SvdTorch(U, S, Vh.t())


def _qr(input, some=True, out=None):
    return _QrTorch(*_L.qr(_tensor(input, 'qr', 'input'), 'reduced' if some else 'complete'))


def _matrix_power(input, n):
    return matrix_power(input, n)


TORCH_FUNCTIONS = {'inverse': _inverse, 'det': _det, 'logdet': _logdet, 'slogdet': _slogdet, 'pinverse': _pinverse,
                   'matrix_power': _matrix_power, 'cholesky': _cholesky, 'cholesky_solve': _cholesky_solve,
                   'cholesky_inverse': _cholesky_inverse, 'triangular_solve': _triangular_solve, 'svd': _svd,
                   'qr': _qr, 'chain_matmul': lambda *matrices: multi_dot(matrices)}

TENSOR_METHODS = ('inverse', 'det', 'logdet', 'slogdet', 'pinverse', 'matrix_power', 'cholesky', 'cholesky_solve',
                  'cholesky_inverse', 'triangular_solve', 'svd', 'qr')


def _method(function):
    def method(self, *args, **kwargs):
        return function(self, *args, **kwargs)
    return method


def _install(namespace, tensor_class):
    """Binds torch.inverse, torch.det, ... in the torch module's namespace and the tensor methods of the same names."""
    for name, function in TORCH_FUNCTIONS.items():
        namespace[name] = function
    for name in TENSOR_METHODS:
        setattr(tensor_class, name, _method(TORCH_FUNCTIONS[name]))


_shim.strict(__name__, "neuralGLM's PyTorch bridge (scripts/lib/torch/linalg: inv, det, slogdet, solve, "
                       "solve_triangular, cholesky, qr, svd, svdvals, eigh, eigvalsh, lstsq, pinv, matrix_rank, norm, "
                       "vector_norm, matrix_norm, matrix_power, multi_dot, cond, matmul, LinAlgError)")

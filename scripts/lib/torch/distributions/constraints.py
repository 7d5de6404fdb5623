"""torch.distributions.constraints: the sets that parameters and values must lie in, as PyTorch 1.13's.
check(value) gives a bool tensor (True where an entry is in the set); repr names the set as PyTorch prints it,
e.g. GreaterThanEq(lower_bound=0.0). A whole number is an entry equal to its floor (so +-inf and NaN are not).
"""
from __future__ import absolute_import

import torch


def _text(bound):
    """A bound as '{}'.format gives it in PyTorch: a 0-d tensor as its number, another tensor as its repr."""
    if not torch.is_tensor(bound):
        return bound
    return bound.item() if bound.dim() == 0 else str(bound)


def _whole(value):
    return (value - value.floor()) == 0


class Constraint(object):
    """A set of values; is_discrete and event_dim as PyTorch's."""
    is_discrete = False
    event_dim = 0

    def check(self, value):
        raise NotImplementedError

    def __repr__(self):
        return self.__class__.__name__[1:] + '()'


class _Dependent(Constraint):
    """A set that depends on other parameters (checked with the value, not at construction)."""

    def check(self, value):
        raise ValueError('Cannot determine validity of dependent constraint')


class _Real(Constraint):
    """Every number but NaN."""

    def check(self, value):
        return value == value


class _Boolean(Constraint):
    """0 and 1."""
    is_discrete = True

    def check(self, value):
        return (value == 0) | (value == 1)


class _Bounded(Constraint):
    """A set given by bounds; repr lists them as PyTorch's."""
    _bounds = ('lower_bound',)

    def __repr__(self):
        return self.__class__.__name__[1:] + '(%s)' % ', '.join(
            '{}={}'.format(name, _text(getattr(self, name))) for name in self._bounds)


class _GreaterThan(_Bounded):
    """x > lower_bound."""

    def __init__(self, lower_bound):
        self.lower_bound = lower_bound

    def check(self, value):
        return self.lower_bound < value


class _GreaterThanEq(_GreaterThan):
    """x >= lower_bound."""

    def check(self, value):
        return self.lower_bound <= value


class _IntegerGreaterThan(_GreaterThan):
    """Whole numbers >= lower_bound."""
    is_discrete = True

    def check(self, value):
        return _whole(value) & (self.lower_bound <= value)


class _Interval(_Bounded):
    """lower_bound <= x <= upper_bound."""
    _bounds = ('lower_bound', 'upper_bound')

    def __init__(self, lower_bound, upper_bound):
        self.lower_bound = lower_bound
        self.upper_bound = upper_bound

    def check(self, value):
        return (self.lower_bound <= value) & (value <= self.upper_bound)


class _HalfOpenInterval(_Interval):
    """lower_bound <= x < upper_bound."""

    def check(self, value):
        return (self.lower_bound <= value) & (value < self.upper_bound)


class _IntegerInterval(_Interval):
    """Whole numbers in [lower_bound, upper_bound] (the upper bound may be a tensor: Binomial's total_count)."""
    is_discrete = True

    def check(self, value):
        return _whole(value) & (self.lower_bound <= value) & (value <= self.upper_bound)


class _Simplex(Constraint):
    """Rows (the last dimension) of entries >= 0 summing to 1 (within 1e-6)."""
    event_dim = 1

    def check(self, value):
        return ((value < 0).sum(-1) == 0) & ((value.sum(-1) - 1).abs() < 1e-6)


class _IndependentReal(_Real):
    """Rows of real numbers (no NaN): PyTorch's independent(real, 1), real_vector."""
    event_dim = 1

    def check(self, value):
        return (value != value).sum(-1) == 0

    def __repr__(self):
        return 'IndependentConstraint(Real(), 1)'


class _IndependentConstraint(Constraint):
    """independent(base, 1): rows (the last dimension) all of whose entries are in base."""

    def __init__(self, base, reinterpreted_batch_ndims):
        self.base_constraint = base
        self.reinterpreted_batch_ndims = reinterpreted_batch_ndims
        self.event_dim = base.event_dim + reinterpreted_batch_ndims
        self.is_discrete = base.is_discrete

    def check(self, value):
        result = self.base_constraint.check(value)
        if result.dim() < self.reinterpreted_batch_ndims:
            expected = self.base_constraint.event_dim + self.reinterpreted_batch_ndims
            raise ValueError("Expected value.dim() >= {} but got {}".format(expected, value.dim()))
        return (result == 0).sum(-1) == 0

    def __repr__(self):
        return 'IndependentConstraint(%r, %d)' % (self.base_constraint, self.reinterpreted_batch_ndims)


class _Multinomial(Constraint):
    """Rows of entries >= 0 summing to at most upper_bound (PyTorch's weaker check)."""
    is_discrete = True
    event_dim = 1

    def __init__(self, upper_bound):
        self.upper_bound = upper_bound

    def check(self, value):
        return ((value < 0).sum(-1) == 0) & (value.sum(-1) <= self.upper_bound)


class _LowerCholesky(Constraint):
    """A lower-triangular (d, d) matrix with a positive diagonal (a 0-d bool: matrices here are not batched)."""
    event_dim = 2

    def check(self, value):
        if value.dim() != 2:
            raise ValueError("LowerCholesky: matrices here have exactly 2 dimensions, not %d" % value.dim())
        lower = bool((value.tril() == value).all())
        positive = bool((value.diagonal() > 0).all())
        return torch.tensor(lower and positive)


class _PositiveDefinite(Constraint):
    """A symmetric (within atol 1e-6, as torch.isclose) (d, d) matrix with a Cholesky factor."""
    event_dim = 2

    def check(self, value):
        if value.dim() != 2:
            raise ValueError("PositiveDefinite: matrices here have exactly 2 dimensions, not %d" % value.dim())
        if value.size(0) != value.size(1):
            return torch.tensor(False)
        if not bool(torch.isclose(value, value.t(), atol=1e-6).all()):
            return torch.tensor(False)
        try:
            torch.linalg.cholesky(value.detach())
        except Exception:
            return torch.tensor(False)
        return torch.tensor(True)


dependent = _Dependent()
real = _Real()
boolean = _Boolean()
positive = _GreaterThan(0.)
nonnegative = _GreaterThanEq(0.)
nonnegative_integer = _IntegerGreaterThan(0)
unit_interval = _Interval(0., 1.)
simplex = _Simplex()
real_vector = _IndependentReal()
lower_cholesky = _LowerCholesky()
positive_definite = _PositiveDefinite()
multinomial = _Multinomial
greater_than = _GreaterThan
greater_than_eq = _GreaterThanEq
interval = _Interval
half_open_interval = _HalfOpenInterval
integer_interval = _IntegerInterval


def independent(base, reinterpreted_batch_ndims):
    """Rows of values in base (reinterpreted_batch_ndims = 1: tensors here have at most 2 dimensions)."""
    if reinterpreted_batch_ndims != 1:
        raise ValueError("constraints.independent: only reinterpreted_batch_ndims=1 is supported by neuralGLM's "
                         "PyTorch bridge")
    if base is real:
        return _IndependentReal()
    return _IndependentConstraint(base, reinterpreted_batch_ndims)


def is_dependent(constraint):
    return isinstance(constraint, _Dependent)

"""MultivariateNormal(loc, covariance_matrix=None, precision_matrix=None, scale_tril=None): loc (d,) or a batch (n, d)
with one (d, d) matrix (tensors here have at most 2 dimensions, so no batch of matrices). All is computed from the
lower Cholesky factor L (torch.linalg.cholesky of the covariance; of the precision as PyTorch's
_precision_to_scale_tril), as PyTorch's:
    log p(x) = -(d log(2 pi) + |L^-1 (x - loc)|^2) / 2 - sum log diag L      (solve_triangular, recorded)
entropy d (1 + log 2 pi) / 2 + sum log diag L; mean loc, variance rowsums of L^2; rsample loc + L eps (recorded);
covariance_matrix L L^T, precision_matrix cholesky_inverse(L), scale_tril L (the (d, d) matrix, not expanded to the
batch). Validation: loc real_vector, covariance/precision PositiveDefinite(), scale_tril LowerCholesky()."""
from __future__ import absolute_import

import math
from collections import OrderedDict

import torch
from torch.distributions import constraints
from torch.distributions.distribution import Distribution
from torch.distributions.utils import lazy_property, _broadcast_shape


def _batch_mahalanobis(L, x):
    """|L^-1 x|^2 over the last dimension of x ((d,) or (n, d))."""
    if x.dim() == 1:
        return torch.linalg.solve_triangular(L, x.reshape(-1, 1), upper=False).pow(2).sum(-2).reshape(())
    return torch.linalg.solve_triangular(L, x.t(), upper=False).pow(2).sum(-2)


def _precision_to_scale_tril(P):
    Lf = torch.linalg.cholesky(torch.flip(P, (-2, -1)))
    L_inv = torch.transpose(torch.flip(Lf, (-2, -1)), -2, -1)
    Id = torch.eye(P.shape[-1])
    return torch.linalg.solve_triangular(L_inv, Id, upper=False)


class MultivariateNormal(Distribution):
    arg_constraints = OrderedDict([('loc', constraints.real_vector),
                                   ('covariance_matrix', constraints.positive_definite),
                                   ('precision_matrix', constraints.positive_definite),
                                   ('scale_tril', constraints.lower_cholesky)])
    support = constraints.real_vector
    has_rsample = True

    def __init__(self, loc, covariance_matrix=None, precision_matrix=None, scale_tril=None, validate_args=None):
        if loc.dim() < 1:
            raise ValueError("loc must be at least one-dimensional.")
        if (covariance_matrix is not None) + (scale_tril is not None) + (precision_matrix is not None) != 1:
            raise ValueError("Exactly one of covariance_matrix or precision_matrix or scale_tril may be specified.")
        if scale_tril is not None:
            matrix, name = scale_tril, 'scale_tril'
            if scale_tril.dim() < 2:
                raise ValueError("scale_tril matrix must be at least two-dimensional, "
                                 "with optional leading batch dimensions")
        elif covariance_matrix is not None:
            matrix, name = covariance_matrix, 'covariance_matrix'
            if covariance_matrix.dim() < 2:
                raise ValueError("covariance_matrix must be at least two-dimensional, "
                                 "with optional leading batch dimensions")
        else:
            matrix, name = precision_matrix, 'precision_matrix'
            if precision_matrix.dim() < 2:
                raise ValueError("precision_matrix must be at least two-dimensional, "
                                 "with optional leading batch dimensions")
        d = matrix.size(-1)
        if loc.size(-1) != d and loc.size(-1) != 1:
            raise RuntimeError("The size of tensor a (%d) must match the size of tensor b (%d) at non-singleton "
                               "dimension %d" % (loc.size(-1), d, loc.dim() - 1))
        setattr(self, name, matrix)
        batch_shape = loc.size()[:-1]
        self.loc = loc if loc.size(-1) == d else loc.expand(*(tuple(batch_shape) + (d,)))
        super(MultivariateNormal, self).__init__(batch_shape, torch.Size([d]), validate_args=validate_args)
        if scale_tril is not None:
            self._unbroadcasted_scale_tril = scale_tril
        elif covariance_matrix is not None:
            self._unbroadcasted_scale_tril = torch.linalg.cholesky(covariance_matrix)
        else:
            self._unbroadcasted_scale_tril = _precision_to_scale_tril(precision_matrix)

    @lazy_property
    def scale_tril(self):
        return self._unbroadcasted_scale_tril

    @lazy_property
    def covariance_matrix(self):
        return torch.matmul(self._unbroadcasted_scale_tril, self._unbroadcasted_scale_tril.t())

    @lazy_property
    def precision_matrix(self):
        return torch.cholesky_inverse(self._unbroadcasted_scale_tril)

    @property
    def mean(self):
        return self.loc

    @property
    def variance(self):
        v = self._unbroadcasted_scale_tril.pow(2).sum(-1)
        return v.expand(*tuple(self._batch_shape + self._event_shape)) if len(self._batch_shape) else v

    def rsample(self, sample_shape=torch.Size()):
        shape = self._extended_shape(sample_shape)
        eps = torch.randn(*shape)
        return self.loc + torch.matmul(eps, self._unbroadcasted_scale_tril.t())

    def log_prob(self, value):
        if self._validate_args:
            self._validate_sample(value)
        diff = value - self.loc
        M = _batch_mahalanobis(self._unbroadcasted_scale_tril, diff)
        half_log_det = self._unbroadcasted_scale_tril.diagonal().log().sum(-1)
        return -0.5 * (self._event_shape[0] * math.log(2 * math.pi) + M) - half_log_det

    def entropy(self):
        half_log_det = self._unbroadcasted_scale_tril.diagonal().log().sum(-1)
        H = 0.5 * self._event_shape[0] * (1.0 + math.log(2 * math.pi)) + half_log_det
        if len(self._batch_shape) == 0:
            return H
        return H.expand(*tuple(self._batch_shape))

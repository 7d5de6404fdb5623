"""torch.nn.utils: clip_grad_norm_ and clip_grad_value_, which rescale or clip the parameters'
gradients in place between loss.backward() and optimizer.step(), as PyTorch 1.13's; parameters_to_vector and
vector_to_parameters."""
from __future__ import absolute_import, division

import _shim


def _grads(parameters):
    from neuralglm.jython import Tensor
    if isinstance(parameters, Tensor):
        parameters = [parameters]
    return [p.grad for p in parameters if p.grad is not None]


def clip_grad_norm_(parameters, max_norm, norm_type=2.0, error_if_nonfinite=False):
    """Scales the gradients by max_norm / (total_norm + 1e-6) when that is below 1, where total_norm is the
    norm_type-norm of all gradients together (2 by default; 'inf' or float('inf') for the largest entry);
    returns total_norm as a 0-d tensor."""
    import torch
    grads = _grads(parameters)
    max_norm = float(max_norm)
    norm_type = float(norm_type)
    if not grads:
        return torch.tensor(0.0)
    if norm_type == float('inf'):
        total = max(g.abs().max().stored_tolist() for g in grads)
    else:
        norms = [g.norm(p=norm_type).stored_tolist() for g in grads]
        total = sum(n ** norm_type for n in norms) ** (1.0 / norm_type)
    if error_if_nonfinite and (total != total or total in (float('inf'), float('-inf'))):
        raise RuntimeError("The total norm of order %s for gradients from `parameters` is non-finite, so it cannot be "
                           "clipped. To disable this error and scale the gradients by the non-finite norm anyway, set "
                           "`error_if_nonfinite=False`" % norm_type)
    coef = max_norm / (total + 1e-6)
    if coef < 1.0:
        for g in grads:
            g.mul_(coef)
    return torch.tensor(total)


def clip_grad_value_(parameters, clip_value):
    """Clips every gradient entry to [-clip_value, clip_value], in place."""
    clip_value = float(clip_value)
    for g in _grads(parameters):
        g.copy_(g.clamp(min=-clip_value, max=clip_value))


clip_grad_norm = clip_grad_norm_


def parameters_to_vector(parameters):
    """All parameters' entries in one 1-d tensor, in order (in the record)."""
    import torch
    return torch.cat([p.reshape(-1) for p in parameters])


def vector_to_parameters(vec, parameters):
    """Writes the entries of the 1-d vec into the parameters, in order (vec's length must be their total size)."""
    from neuralglm.jython import Tensor
    if not isinstance(vec, Tensor):
        raise TypeError("expected torch.Tensor, but got: " + type(vec).__name__)
    pointer = 0
    values = vec.detach()
    for p in parameters:
        n = p.numel()
        p.data = values[pointer:pointer + n].reshape(*p.shape)
        pointer += n

_shim.strict(__name__, "neuralGLM's PyTorch bridge (scripts/lib/torch/nn/utils: clip_grad_norm_, clip_grad_value_, "
                       "parameters_to_vector, vector_to_parameters)")

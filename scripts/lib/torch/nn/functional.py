"""torch.nn.functional: activations and losses on tensors, recorded so that loss.backward() works
(the bridge's neuralglm.jython.Functional)."""
from __future__ import absolute_import

from neuralglm.jython import Functional as _F

import _shim



def sigmoid(input):
    """F.sigmoid(input) (torch.sigmoid in today's PyTorch): input.sigmoid(), as PyTorch's."""
    return input.sigmoid()


def tanh(input):
    """F.tanh(input) (torch.tanh in today's PyTorch): input.tanh(), as PyTorch's."""
    return input.tanh()


def relu(input, inplace=False):
    """F.relu(input, inplace=False): max(x, 0); inplace is accepted and the result is a new tensor."""
    return _F.relu(input)


def gelu(input, approximate='none'):
    """F.gelu(input, approximate='none'): x Phi(x) (Phi the standard normal cdf, PyTorch's exact form), or with
    approximate='tanh' x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3))) / 2; recorded."""
    if approximate == 'none':
        from neuralglm.jython import Special
        return Special.gelu(input)
    if approximate == 'tanh':
        return 0.5 * input * (1 + (0.7978845608028654 * (input + 0.044715 * input * input * input)).tanh())
    raise RuntimeError("approximate argument must be either none or tanh.")


def silu(input, inplace=False):
    """F.silu(input): x sigmoid(x) (swish); recorded; the result is a new tensor."""
    return input * input.sigmoid()


def dropout(input, p=0.5, training=True, inplace=False):
    """F.dropout(input, p=0.5, training=True): as nn.Dropout(p) in training mode when training is True (entries zeroed
    with probability p, the others scaled by 1 / (1 - p)), the input itself otherwise; the result is a new tensor."""
    from torch.nn import Dropout
    if not training:
        return input
    return Dropout(p=p)(input)


def leaky_relu(input, negative_slope=0.01, inplace=False):
    """F.leaky_relu(input, negative_slope=0.01, inplace=False); the result is a new tensor."""
    return _F.leaky_relu(input, float(negative_slope))


def elu(input, alpha=1.0, inplace=False):
    """F.elu(input, alpha=1.0, inplace=False); the result is a new tensor."""
    return _F.elu(input, float(alpha))


def softplus(input, beta=1, threshold=20):
    """F.softplus(input): log(1 + e^x); only beta=1, threshold=20 (PyTorch's defaults) are supported."""
    if beta != 1 or threshold != 20:
        raise ValueError("F.softplus(beta=%r, threshold=%r) is not supported by neuralGLM's PyTorch bridge; it has "
                         "softplus(x) with beta=1, threshold=20, log(1 + e^x)" % (beta, threshold))
    return _F.softplus(input)


def logsigmoid(input):
    """F.logsigmoid(x) = log sigmoid(x) = -softplus(-x) = min(x, 0) - log1p(e^-|x|), stable at any x; gradient
    sigmoid(-x)."""
    return -_F.softplus(-input)


softmax, log_softmax = _F.softmax, _F.log_softmax


def linear(input, weight, bias=None):
    """F.linear(input, weight, bias=None): input weight^T + bias (input n x in or in, weight out x in, bias out), in
    the record, as PyTorch's."""
    out = input.matmul(weight.t())
    return out if bias is None else out + bias


def one_hot(tensor, num_classes=-1):
    """F.one_hot(labels, num_classes=-1): rows of 0s and a 1 at each label (int64); with num_classes -1, as many
    classes as the largest label + 1."""
    if num_classes == -1:
        num_classes = int(tensor.max().item()) + 1 if tensor.numel() else 0
    return _F.one_hot(tensor, int(num_classes))


mse_loss, l1_loss, smooth_l1_loss, huber_loss = _F.mse_loss, _F.l1_loss, _F.smooth_l1_loss, _F.huber_loss
binary_cross_entropy = _F.binary_cross_entropy
binary_cross_entropy_with_logits = _F.binary_cross_entropy_with_logits
cross_entropy, soft_margin_loss, hinge_loss = _F.cross_entropy, _F.soft_margin_loss, _F.hinge_loss
nll_loss = _F.nll_loss
poisson_nll_loss, kl_div, entropy = _F.poisson_nll_loss, _F.kl_div, _F.entropy

_shim.strict(__name__, "neuralGLM's PyTorch bridge (scripts/lib/torch/nn/functional)")

"""torch.nn.functional: activations and losses on tensors, recorded so that loss.backward() works
(the bridge's neuralglm.jython.Functional)."""
from __future__ import absolute_import

from neuralglm.jython import Functional as _F, Torch as _T

import _shim



def sigmoid(input):
    """F.sigmoid(input) (torch.sigmoid in today's PyTorch): input.sigmoid(), as PyTorch's."""
    return input.sigmoid()


def tanh(input):
    """F.tanh(input) (torch.tanh in today's PyTorch): input.tanh(), as PyTorch's."""
    return input.tanh()


def _inplace(input, result, inplace):
    """An activation's inplace=True: Functional.inPlace (the modules' rule too); the result otherwise."""
    return _F.inPlace(input, result) if inplace else result


def relu(input, inplace=False):
    """F.relu(input, inplace=False): max(x, 0); inplace as _inplace says."""
    return _inplace(input, _F.relu(input), inplace)


def gelu(input, approximate='none'):
    """F.gelu(input, approximate='none'): x Phi(x) (Phi the standard normal cdf, PyTorch's exact form), or with
    approximate='tanh' x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3))) / 2; recorded."""
    if approximate == 'none':
        from neuralglm.jython import Special
        return Special.gelu(input)
    if approximate == 'tanh':
        return _T._grad_fn(0.5 * input * (1 + (0.7978845608028654 * (input + 0.044715 * input * input * input)).tanh()),
                           'GeluBackward0')
    raise RuntimeError("approximate argument must be either none or tanh.")


def silu(input, inplace=False):
    """F.silu(input): x sigmoid(x) (swish); recorded; inplace as _inplace says."""
    return _inplace(input, _T._grad_fn(input * input.sigmoid(), 'SiluBackward0'), inplace)


def dropout(input, p=0.5, training=True, inplace=False):
    """F.dropout(input, p=0.5, training=True): as nn.Dropout(p) in training mode when training is True (entries zeroed
    with probability p, the others scaled by 1 / (1 - p)), the input itself otherwise; the result is a new tensor."""
    from torch.nn import Dropout
    if not training:
        return input
    return Dropout(p=p)(input)


def leaky_relu(input, negative_slope=0.01, inplace=False):
    """F.leaky_relu(input, negative_slope=0.01, inplace=False); inplace as _inplace says."""
    return _inplace(input, _F.leaky_relu(input, float(negative_slope)), inplace)


def elu(input, alpha=1.0, inplace=False):
    """F.elu(input, alpha=1.0, inplace=False); inplace as _inplace says."""
    return _inplace(input, _F.elu(input, float(alpha)), inplace)


def logsigmoid(input):
    """F.logsigmoid(x) = log sigmoid(x) = -softplus(-x) = min(x, 0) - log1p(e^-|x|), stable at any x; gradient
    sigmoid(-x)."""
    return _T._grad_fn(-_F.softplus(-input), 'LogSigmoidBackward0')


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


# ---------------------------------------------------------------- more activations (neuralglm.jython.Activations):
# each an engine activation with PyTorch 1.13's values and gradients, also at the kinks; inplace as _inplace says

from neuralglm.jython import Activations as _A, Norms as _N  # noqa: E402


def relu6(input, inplace=False):
    """F.relu6(x) = min(max(x, 0), 6); gradient 1 strictly between 0 and 6, else 0."""
    return _inplace(input, _A.relu6(input), inplace)


def hardtanh(input, min_val=-1., max_val=1., inplace=False):
    """F.hardtanh(x, min_val=-1, max_val=1) = min(max(x, min_val), max_val); gradient 1 strictly inside, else 0."""
    return _inplace(input, _A.hardtanh(input, float(min_val), float(max_val)), inplace)


def selu(input, inplace=False):
    """F.selu(x) = scale (x > 0 ? x : alpha (e^x - 1)), alpha = 1.6732632423543772, scale = 1.0507009873554805."""
    return _inplace(input, _A.selu(input), inplace)


def celu(input, alpha=1., inplace=False):
    """F.celu(x, alpha=1) = x > 0 ? x : alpha (e^(x / alpha) - 1); gradient e^(x / alpha) at and below 0."""
    return _inplace(input, _A.celu(input, float(alpha)), inplace)


def softsign(input):
    """F.softsign(x) = x / (1 + |x|); gradient 1 / (1 + |x|)^2."""
    return _A.softsign(input)


def mish(input, inplace=False):
    """F.mish(x) = x tanh(softplus(x)) (softplus stable at any x)."""
    return _inplace(input, _A.mish(input), inplace)


def hardswish(input, inplace=False):
    """F.hardswish(x) = x min(max(x + 3, 0), 6) / 6; gradient 0 below -3, x / 3 + 1/2 on [-3, 3], 1 above."""
    return _inplace(input, _A.hardswish(input), inplace)


def hardsigmoid(input, inplace=False):
    """F.hardsigmoid(x) = min(max(x + 3, 0), 6) / 6; gradient 1/6 strictly between -3 and 3, else 0."""
    return _inplace(input, _A.hardsigmoid(input), inplace)


def threshold(input, threshold, value, inplace=False):
    """F.threshold(x, threshold, value) = x > threshold ? x : value; gradient 1 above the threshold, else 0."""
    return _inplace(input, _A.threshold(input, float(threshold), float(value)), inplace)


def tanhshrink(input):
    """F.tanhshrink(x) = x - tanh(x); gradient tanh(x)^2."""
    return _A.tanhshrink(input)


def softshrink(input, lambd=0.5):
    """F.softshrink(x, lambd=0.5) = x > l ? x - l : x < -l ? x + l : 0 (l >= 0); gradient 0 on [-l, l], else 1."""
    return _A.softshrink(input, float(lambd))


def hardshrink(input, lambd=0.5):
    """F.hardshrink(x, lambd=0.5) = |x| > l ? x : 0; gradient 0 on [-l, l], else 1."""
    return _A.hardshrink(input, float(lambd))


def softplus(input, beta=1, threshold=20):
    """F.softplus(x, beta=1, threshold=20) = beta x > threshold ? x : log(1 + e^(beta x)) / beta, as PyTorch's;
    gradient 1 above the threshold, else sigmoid(beta x)."""
    return _A.softplus(input, float(beta), float(threshold))


def rrelu(input, lower=1. / 8, upper=1. / 3, training=False, inplace=False):
    """F.rrelu(x, lower=1/8, upper=1/3, training=False) = x > 0 ? x : r x, r = (lower + upper) / 2 when not training;
    in training r is drawn uniformly from [lower, upper] for each entry (the bridge's generator: not PyTorch's draws)."""
    return _inplace(input, _A.rrelu(input, float(lower), float(upper), bool(training)), inplace)


def prelu(input, weight):
    """F.prelu(x, weight) = x > 0 ? x : w_c x, weight of 1 entry (shared) or one per channel (column of a 2-d x)."""
    return _A.prelu(input, weight)


def glu(input, dim=-1):
    """F.glu(x, dim=-1) = a sigmoid(b), a and b the first and second halves of x along dim (its size even)."""
    if input.dim() == 0:
        raise RuntimeError("glu does not support scalars because halving size must be even")
    d = dim + input.dim() if dim < 0 else dim
    if not 0 <= d < input.dim():
        raise IndexError("Dimension out of range (expected to be in range of [%d, %d], but got %d)"
                         % (-input.dim(), input.dim() - 1, dim))
    n = input.shape[d]
    if n % 2:
        raise RuntimeError("Halving dimension must be even, but dimension %d is size %d" % (d, n))
    half = n // 2
    if input.dim() == 1 or d == 0:
        return input[:half] * input[half:].sigmoid()
    return input[:, :half] * input[:, half:].sigmoid()


def softmin(input, dim=None, _stacklevel=3, dtype=None):
    """F.softmin(x, dim) = softmax(-x, dim); without dim PyTorch's legacy choice (0 for a 0-d or 1-d x, else 1)."""
    if dim is None:
        import warnings
        warnings.warn("Implicit dimension choice for softmin has been deprecated. Change the call to include dim=X "
                      "as an argument.", stacklevel=_stacklevel)
        dim = 0 if input.dim() in (0, 1, 3) else 1
    out = softmax(-input, dim)
    return out if dtype is None else out.to(dtype)


def normalize(input, p=2.0, dim=1, eps=1e-12, out=None):
    """F.normalize(x, p=2, dim=1, eps=1e-12) = x / max(||x||_p along dim, eps) (the norm kept as a size-1 dim);
    gradients as PyTorch's (norm_backward, clamp_min passing where the norm >= eps)."""
    if out is not None:
        raise ValueError("F.normalize(out=...) is not supported by neuralGLM's PyTorch bridge")
    return input / _N.clamp_min(_N.pnorm(input, float(p), int(dim), True), float(eps))


def _broadcast_pair(x1, x2):
    """x1 and x2 expanded to their common shape (as PyTorch's cosine_similarity does first)."""
    if tuple(x1.shape) == tuple(x2.shape):
        return x1, x2
    common = (x1 + x2).shape
    return (x1 if tuple(x1.shape) == tuple(common) else x1.expand(common),
            x2 if tuple(x2.shape) == tuple(common) else x2.expand(common))


def cosine_similarity(x1, x2, dim=1, eps=1e-8):
    """F.cosine_similarity(x1, x2, dim=1, eps=1e-8), PyTorch 1.13's formula: sum(x1 x2) / sqrt(max(sum(x1^2), eps^2)
    max(sum(x2^2), eps^2)) along dim, the inputs broadcast first; the clamps are made under no_grad (gradient as if
    the squared norms were not clamped, at the clamped values)."""
    x1, x2 = _broadcast_pair(x1, x2)
    w12 = (x1 * x2).sum(dim)
    w1 = _N.clamp_min_no_grad((x1 * x1).sum(dim), float(eps) * float(eps))
    w2 = _N.clamp_min_no_grad((x2 * x2).sum(dim), float(eps) * float(eps))
    return _T._grad_fn(w12 / (w1 * w2).sqrt(), 'SumBackward1')   # PyTorch 1.13's last step: a sum along dim


def pairwise_distance(x1, x2, p=2.0, eps=1e-6, keepdim=False):
    """F.pairwise_distance(x1, x2, p=2, eps=1e-6, keepdim=False) = ||x1 - x2 + eps||_p along the last dimension."""
    innermost = max(x1.dim(), x2.dim()) - 1
    return _N.pnorm(x1 - x2 + eps, float(p), max(innermost, 0), bool(keepdim))


def layer_norm(input, normalized_shape, weight=None, bias=None, eps=1e-5):
    """F.layer_norm(x, normalized_shape, weight=None, bias=None, eps=1e-5) over the last dimension:
    (x - mean) / sqrt(biased variance + eps) per row, times weight plus bias when given."""
    if not isinstance(normalized_shape, (tuple, list)) and type(normalized_shape).__name__ != 'Size':
        raise TypeError("layer_norm(): argument 'normalized_shape' (position 2) must be tuple of ints, not %s"
                        % type(normalized_shape).__name__)
    shape = tuple(int(s) for s in normalized_shape)
    if len(shape) != 1:
        raise ValueError("layer_norm over %d dimensions %s is not supported by neuralGLM's PyTorch bridge: tensors "
                         "have at most 2 dimensions; normalise over the last one" % (len(shape), shape))
    d = shape[0]
    if input.dim() == 0 or input.shape[input.dim() - 1] != d:
        raise RuntimeError("Given normalized_shape=[%d], expected input with shape [*, %d], but got input of size%s"
                           % (d, d, list(input.shape)))
    centred = input - input.mean(-1, keepdim=True)
    out = centred / ((centred * centred).sum(-1, keepdim=True) / float(d) + eps).sqrt()
    if weight is not None:
        out = out * weight
    if bias is not None:
        out = out + bias
    return _T._grad_fn(out, 'NativeLayerNormBackward0')


def pad(input, pad, mode='constant', value=None):
    """F.pad(x, pad, mode='constant', value=0) of a 1-d or 2-d x: pad = (left, right) of the last dimension, then
    (top, bottom) of the first; negative entries crop. Other modes are refused with one line."""
    if mode != 'constant':
        if mode not in ('reflect', 'replicate', 'circular'):
            raise NotImplementedError("Unrecognised padding mode " + str(mode))
        raise ValueError("F.pad(mode='%s') is not supported by neuralGLM's PyTorch bridge; it has mode='constant'"
                         % mode)
    import jarray
    return _N.pad(input, jarray.array([int(v) for v in pad], 'i'), 0.0 if value is None else float(value))


# ---------------------------------------------------------------- more losses, on recorded operations

def _reduced(loss, reduction):
    """The per-entry losses reduced: 'mean', 'sum' or 'none' (PyTorch's ValueError for another)."""
    if reduction == 'mean':
        return loss.mean()
    if reduction == 'sum':
        return loss.sum()
    if reduction == 'none':
        return loss
    raise ValueError("%s is not a valid value for reduction" % reduction)


def gaussian_nll_loss(input, target, var, full=False, eps=1e-6, reduction='mean'):
    """F.gaussian_nll_loss(input, target, var, full=False, eps=1e-6, reduction='mean'), PyTorch 1.13's:
    0.5 (log(max(var, eps)) + (input - target)^2 / max(var, eps)) (+ 0.5 log(2 pi) when full), the clamp made
    under no_grad. var has input's shape, or input's without its last dimension, or with 1 there (one variance
    per row); negative entries are a ValueError."""
    import math
    import torch
    if tuple(var.shape) != tuple(input.shape):
        if tuple(input.shape)[:-1] == tuple(var.shape):
            var = torch.unsqueeze(var, -1)
        elif tuple(input.shape)[:-1] == tuple(var.shape)[:-1] and var.dim() > 0 and var.shape[-1] == 1:
            pass
        else:
            raise ValueError("var is of incorrect size")
    if reduction != 'none' and reduction != 'mean' and reduction != 'sum':
        raise ValueError(reduction + " is not valid")
    if bool((var < 0).any()):
        raise ValueError("var has negative entry/entries")
    var = _N.clamp_min_no_grad(var, float(eps))
    loss = 0.5 * (torch.log(var) + (input - target) ** 2 / var)
    if full:
        loss = loss + 0.5 * math.log(2 * math.pi)
    return _reduced(loss, reduction)


def margin_ranking_loss(input1, input2, target, margin=0, reduction='mean'):
    """F.margin_ranking_loss(x1, x2, y, margin=0) = max(0, -y (x1 - x2) + margin), reduced."""
    if input1.dim() != input2.dim() or input1.dim() != target.dim():
        raise RuntimeError("margin_ranking_loss : All input tensors should have same dimension but got sizes: "
                           "input1: %s, input2: %s, target: %s " % (input1.size(), input2.size(), target.size()))
    return _reduced(_N.clamp_min(-target * (input1 - input2) + margin, 0.0), reduction)


def hinge_embedding_loss(input, target, margin=1.0, reduction='mean'):
    """F.hinge_embedding_loss(x, y, margin=1) = (y != 1 ? max(0, margin - x) : 0) + (y != -1 ? x : 0), reduced
    (PyTorch 1.13's: y = 1 gives x, y = -1 gives max(0, margin - x))."""
    import torch
    zeros = torch.zeros_like(input)
    margin_clamp = _N.clamp_min(margin - input, 0.0)
    return _reduced(torch.where(target != 1, margin_clamp, zeros) + torch.where(target != -1, input, zeros), reduction)


def multilabel_soft_margin_loss(input, target, weight=None, reduction='mean'):
    """F.multilabel_soft_margin_loss(x, y, weight=None) = mean over the C classes of
    -(y log sigmoid(x) + (1 - y) log sigmoid(-x)) (times weight), one loss per row, then reduced."""
    loss = -(target * logsigmoid(input) + (1 - target) * logsigmoid(-input))
    if weight is not None:
        loss = loss * weight
    class_dim = input.dim() - 1
    loss = loss.sum(class_dim) / input.shape[class_dim]
    if reduction not in ('none', 'mean', 'sum'):
        raise ValueError(reduction + " is not valid")
    return _reduced(loss, reduction)


def cosine_embedding_loss(input1, input2, target, margin=0, reduction='mean'):
    """F.cosine_embedding_loss(x1, x2, y, margin=0), PyTorch 1.13's: cos = sum(x1 x2) / sqrt((sum(x1^2) + e)
    (sum(x2^2) + e)) per row, e its float EPSILON 1e-12 (9.999999960041972e-13 as a double); 1 - cos where y = 1, max(0, cos - margin) where y = -1, 0 otherwise; reduced."""
    import torch
    d = target.dim()
    if d not in (0, 1):
        raise RuntimeError("0D or 1D target tensor expected, multi-target not supported")
    if d == 1 and (input1.dim() != 2 or input2.dim() != 2):
        raise RuntimeError("1D target tensor expects 2D input tensors, but found inputs with sizes %s and %s."
                           % (list(input1.shape), list(input2.shape)))
    if d == 0 and (input1.dim() != 1 or input2.dim() != 1):
        raise RuntimeError("0D target tensor expects 1D input tensors, but found inputs with sizes %s and %s."
                           % (list(input1.shape), list(input2.shape)))
    prod_sum = (input1 * input2).sum(d)
    mag_square1 = (input1 * input1).sum(d) + 9.999999960041972e-13
    mag_square2 = (input2 * input2).sum(d) + 9.999999960041972e-13
    cos = prod_sum / (mag_square1 * mag_square2).sqrt()
    zeros = torch.zeros_like(cos)
    pos = 1 - cos
    neg = _N.clamp_min(cos - margin, 0.0)
    return _reduced(torch.where(target == 1, pos, zeros) + torch.where(target == -1, neg, zeros), reduction)


def triplet_margin_loss(anchor, positive, negative, margin=1.0, p=2, eps=1e-6, swap=False, size_average=None,
                        reduce=None, reduction='mean'):
    """F.triplet_margin_loss(a, p, n, margin=1, p=2, eps=1e-6, swap=False) = max(0, margin + d(a, p) - d(a, n)),
    d = pairwise_distance (||x1 - x2 + eps||_p); with swap, d(a, n) is min(d(a, n), d(p, n)); reduced."""
    import torch
    if size_average is not None or reduce is not None:
        raise ValueError("triplet_margin_loss(size_average=, reduce=) is not supported by neuralGLM's PyTorch "
                         "bridge; give reduction=")
    a_dim, p_dim, n_dim = anchor.dim(), positive.dim(), negative.dim()
    if not (a_dim == p_dim and p_dim == n_dim):
        raise RuntimeError("All inputs should have same dimension but got %dD, %dD and %dD inputs."
                           % (a_dim, p_dim, n_dim))
    dist_pos = pairwise_distance(anchor, positive, p, eps)
    dist_neg = pairwise_distance(anchor, negative, p, eps)
    if swap:
        dist_neg = torch.minimum(dist_neg, pairwise_distance(positive, negative, p, eps))
    return _reduced(_N.clamp_min(margin + dist_pos - dist_neg, 0.0), reduction)


def multi_margin_loss(input, target, p=1, margin=1., weight=None, size_average=None, reduce=None, reduction='mean'):
    """F.multi_margin_loss(x, y, p=1, margin=1, weight=None): per row, sum over the classes j != y of
    w_y max(0, margin - x_y + x_j)^p, divided by the number of classes C (p 1 or 2; gradient 0 where the term is
    0); input (N, C) with N class indices, or (C,) with one; reduced over the rows."""
    import torch
    if size_average is not None or reduce is not None:
        raise ValueError("multi_margin_loss(size_average=, reduce=) is not supported by neuralGLM's PyTorch "
                         "bridge; give reduction=")
    if p != 1 and p != 2:
        raise ValueError("only p == 1 and p == 2 supported")
    if weight is not None and weight.dim() != 1:
        raise ValueError("weight must be one-dimensional")
    if input.dim() > 2 or input.dim() == 0:
        raise RuntimeError("Expected non-empty vector or matrix with optional 0-dim batch size, but got: %s"
                           % (list(input.shape),))
    rows = input if input.dim() == 2 else input.unsqueeze(0)
    labels = target.reshape(-1).long()
    n, c = rows.shape[0], rows.shape[1]
    if labels.numel() != n:
        raise RuntimeError("inconsistent target size, expected %d but got %s" % (n, list(target.shape)))
    for k, y in enumerate(labels.tolist()):
        if not 0 <= y < c:
            raise RuntimeError("target out of range")
    z = margin - rows.gather(1, labels.unsqueeze(1)) + rows
    h = relu(z)
    if p == 2:
        h = h * h
    if weight is not None:
        h = h * weight.index_select(0, labels).unsqueeze(1)
    loss = ((1 - one_hot(labels, c)) * h).sum(1) / c
    if input.dim() == 1:
        loss = loss.reshape(())
    return _reduced(loss, reduction)

def embedding(input, weight, padding_idx=None, max_norm=None, norm_type=2.0, scale_grad_by_freq=False, sparse=False):
    """F.embedding(indices, weight): the rows of weight at the 1-d whole-number indices (in the record; the
    padding_idx row passes no gradient back, as PyTorch's). 2-d indices would make a 3-d output (refused)."""
    import torch
    if max_norm is not None or scale_grad_by_freq or sparse:
        raise ValueError("F.embedding(max_norm=, scale_grad_by_freq=, sparse=) is not supported by neuralGLM's "
                         "PyTorch bridge")
    if input.dtype.is_floating_point:
        raise RuntimeError("Expected tensor for argument #1 'indices' to have one of the following scalar types: "
                           "Long, Int; but got %s instead" % input.type())
    if input.dim() > 1:
        raise RuntimeError("F.embedding: %d-d indices would make a %d-d output; tensors here have at most 2 dimensions"
                           % (input.dim(), input.dim() + 1))
    flat = input.reshape(-1)
    n = weight.shape[0]
    if flat.numel() and (flat.min().item() < -n or flat.max().item() >= n):
        raise IndexError("index out of range in self")
    out = weight.index_select(0, flat % n)
    if padding_idx is not None:
        pad = padding_idx % n
        keep = (flat % n == pad).reshape(-1, 1)
        out = torch.where(keep, out.detach(), out)
    return _T._grad_fn(out if input.dim() == 1 else out[0], 'EmbeddingBackward0')


_shim.strict(__name__, "neuralGLM's PyTorch bridge (scripts/lib/torch/nn/functional)")

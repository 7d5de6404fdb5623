"""The layers of tabular PyTorch code: nn.BatchNorm1d and nn.LayerNorm, as PyTorch 1.13's on
the bridge's 2-d tensors. Each is an nn.Module written with the bridge's recorded tensor operations, so its
gradients (through the batch statistics too) come from the record; the running statistics are buffers,
updated outside the record, saved in state_dict() under PyTorch's names."""
from __future__ import absolute_import

import torch
from neuralglm.jython import Module, TorchParameter as Parameter


def _size_text(shape):
    return "torch.Size([%s])" % ", ".join(str(s) for s in shape)


def _whole(value, what):
    if isinstance(value, bool) or int(value) != value or value <= 0:
        raise ValueError("%s must be a positive whole number, got %r" % (what, value))
    return int(value)


class BatchNorm1d(Module):
    """nn.BatchNorm1d(num_features, eps=1e-5, momentum=0.1, affine=True, track_running_stats=True) on an
    n x num_features input. In training mode (or without running statistics) each column is normalised with
    its batch mean and biased batch variance, and the running mean and running variance (unbiased) move by
    momentum (momentum=None: their cumulative average over num_batches_tracked batches); in evaluation mode
    (model.eval()) the running statistics are used. weight (ones) and bias (zeros) are parameters when affine."""

    def __init__(self, num_features, eps=1e-5, momentum=0.1, affine=True, track_running_stats=True,
                 device=None, dtype=None):
        super(BatchNorm1d, self).__init__()
        self.num_features = _whole(num_features, "BatchNorm1d: num_features")
        self.eps = float(eps)
        self.momentum = None if momentum is None else float(momentum)
        self.affine = bool(affine)
        self.track_running_stats = bool(track_running_stats)
        if self.affine:
            self.weight = Parameter(torch.ones(self.num_features))
            self.bias = Parameter(torch.zeros(self.num_features))
        else:
            self.weight = None
            self.bias = None
        if self.track_running_stats:
            self.register_buffer('running_mean', torch.zeros(self.num_features))
            self.register_buffer('running_var', torch.ones(self.num_features))
            self.register_buffer('num_batches_tracked', torch.tensor(0, dtype=torch.long))
        else:
            self.running_mean = None
            self.running_var = None
            self.num_batches_tracked = None

    def reset_running_stats(self):
        if self.track_running_stats:
            with torch.no_grad():
                self.running_mean.zero_()
                self.running_var.fill_(1.0)
                self.num_batches_tracked.zero_()

    def reset_parameters(self):
        self.reset_running_stats()
        if self.affine:
            with torch.no_grad():
                self.weight.fill_(1.0)
                self.bias.zero_()

    def forward(self, input):
        if input.dim() != 2:
            if input.dim() == 3:
                raise ValueError("BatchNorm1d on a 3-d input (n x C x L) is not supported by neuralGLM's PyTorch "
                                 "bridge: tensors have at most 2 dimensions; give it n x C")
            raise ValueError("expected 2D or 3D input (got %dD input)" % input.dim())
        if input.size(1) != self.num_features:
            raise RuntimeError("running_mean should contain %d elements not %d"
                               % (input.size(1), self.num_features))
        factor = 0.0 if self.momentum is None else self.momentum
        if self.training and self.track_running_stats:
            with torch.no_grad():
                self.num_batches_tracked.copy_(torch.tensor(self.num_batches_tracked.item() + 1, dtype=torch.long))
            if self.momentum is None:
                factor = 1.0 / float(self.num_batches_tracked.item())
        batch_stats = self.training or not self.track_running_stats
        if batch_stats:
            n = input.size(0)
            if n <= 1:
                raise ValueError("Expected more than 1 value per channel when training, got input size %s"
                                 % _size_text(input.shape))
            mean = input.mean(0)
            centred = input - mean
            squares = (centred * centred).sum(0)
            out = centred / torch.sqrt(squares / float(n) + self.eps)
            if self.training and self.track_running_stats:
                with torch.no_grad():
                    self.running_mean.copy_(factor * mean.detach() + (1.0 - factor) * self.running_mean)
                    self.running_var.copy_(factor * (squares.detach() / float(n - 1))
                                           + (1.0 - factor) * self.running_var)
        else:
            out = (input - self.running_mean) / torch.sqrt(self.running_var + self.eps)
        if self.affine:
            out = out * self.weight + self.bias
        return out

    def extra_repr(self):
        return ("%d, eps=%s, momentum=%s, affine=%s, track_running_stats=%s"
                % (self.num_features, _float_text(self.eps), self.momentum, self.affine, self.track_running_stats))

    def toString(self):
        return "BatchNorm1d(%s)" % self.extra_repr()

    __repr__ = toString
    __str__ = toString


class LayerNorm(Module):
    """nn.LayerNorm(normalized_shape, eps=1e-5, elementwise_affine=True) over the last dimension: each row
    (of an n x d input, or the whole of a 1-d one) normalised with its mean and biased variance, then times
    weight (ones) plus bias (zeros) when elementwise_affine."""

    def __init__(self, normalized_shape, eps=1e-5, elementwise_affine=True, device=None, dtype=None):
        super(LayerNorm, self).__init__()
        shape = tuple(normalized_shape) if isinstance(normalized_shape, (tuple, list)) else (normalized_shape,)
        if len(shape) != 1:
            raise ValueError("LayerNorm over %d dimensions %s is not supported by neuralGLM's PyTorch bridge: "
                             "tensors have at most 2 dimensions; normalise over the last one (an int)"
                             % (len(shape), shape))
        self.normalized_shape = (_whole(shape[0], "LayerNorm: normalized_shape"),)
        self.eps = float(eps)
        self.elementwise_affine = bool(elementwise_affine)
        if self.elementwise_affine:
            self.weight = Parameter(torch.ones(self.normalized_shape[0]))
            self.bias = Parameter(torch.zeros(self.normalized_shape[0]))
        else:
            self.weight = None
            self.bias = None

    def reset_parameters(self):
        if self.elementwise_affine:
            with torch.no_grad():
                self.weight.fill_(1.0)
                self.bias.zero_()

    def forward(self, input):
        d = self.normalized_shape[0]
        if input.dim() == 0 or input.size(input.dim() - 1) != d:
            raise RuntimeError("Given normalized_shape=[%d], expected input with shape [*, %d], but got input of "
                               "size%s" % (d, d, list(input.shape)))
        mean = input.mean(-1, keepdim=True)
        centred = input - mean
        variance = (centred * centred).sum(-1, keepdim=True) / float(d)
        out = centred / torch.sqrt(variance + self.eps)
        if self.elementwise_affine:
            out = out * self.weight + self.bias
        return out

    def extra_repr(self):
        return "(%d,), eps=%s, elementwise_affine=%s" % (self.normalized_shape[0], _float_text(self.eps),
                                                          self.elementwise_affine)

    def toString(self):
        return "LayerNorm(%s)" % self.extra_repr()

    __repr__ = toString
    __str__ = toString


def _float_text(value):
    """A float as PyTorch's extra_repr prints it (1e-05, 0.001)."""
    return repr(float(value))

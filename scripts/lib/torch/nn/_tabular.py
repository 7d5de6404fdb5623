"""The layers of tabular PyTorch code: nn.BatchNorm1d, nn.LayerNorm and nn.Embedding, as PyTorch 1.13's on
the bridge's 2-d tensors. Each is an nn.Module written with the bridge's recorded tensor operations, so its
gradients (through the batch statistics too) come from the record; the running statistics are buffers,
updated outside the record, saved in state_dict() under PyTorch's names."""
from __future__ import absolute_import

import torch
from neuralglm.jython import Module, TorchParameter as Parameter, Torch as _T


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
        return _T._grad_fn(out, 'NativeBatchNormBackward0')

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
        return _T._grad_fn(out, 'NativeLayerNormBackward0')

    def extra_repr(self):
        return "(%d,), eps=%s, elementwise_affine=%s" % (self.normalized_shape[0], _float_text(self.eps),
                                                          self.elementwise_affine)

    def toString(self):
        return "LayerNorm(%s)" % self.extra_repr()

    __repr__ = toString
    __str__ = toString


class Embedding(Module):
    """nn.Embedding(num_embeddings, embedding_dim, padding_idx=None): a 1-d tensor of whole-number indices gives
    the rows of weight (num_embeddings x embedding_dim) at those indices, n x embedding_dim; the gradient adds up
    per row (the padding_idx row gets none, and starts at zeros). weight starts N(0, 1) from the generator of
    torch.manual_seed (PyTorch's values at the same seed). 2-d indices (a 3-d output) are
    refused: the bridge's tensors have at most 2 dimensions."""

    def __init__(self, num_embeddings, embedding_dim, padding_idx=None, max_norm=None, norm_type=2.0,
                 scale_grad_by_freq=False, sparse=False, _weight=None, device=None, dtype=None):
        super(Embedding, self).__init__()
        for name, value, default in (('max_norm', max_norm, None), ('scale_grad_by_freq', scale_grad_by_freq, False),
                                     ('sparse', sparse, False)):
            if value != default:
                raise ValueError("nn.Embedding(%s=%r) is not supported by neuralGLM's PyTorch bridge; it takes "
                                 "num_embeddings, embedding_dim, padding_idx" % (name, value))
        self.num_embeddings = _whole(num_embeddings, "Embedding: num_embeddings")
        self.embedding_dim = _whole(embedding_dim, "Embedding: embedding_dim")
        if padding_idx is not None:
            padding_idx = int(padding_idx)
            if not -self.num_embeddings <= padding_idx < self.num_embeddings:
                raise AssertionError("Padding_idx must be within num_embeddings")
            if padding_idx < 0:
                padding_idx += self.num_embeddings
        self.padding_idx = padding_idx
        self.max_norm = None
        self.norm_type = norm_type
        self.scale_grad_by_freq = False
        self.sparse = False
        if _weight is None:
            self.weight = Parameter(torch.randn(self.num_embeddings, self.embedding_dim))
            self._fill_padding_idx_with_zero()
        else:
            if tuple(_weight.shape) != (self.num_embeddings, self.embedding_dim):
                raise AssertionError("Shape of weight does not match num_embeddings and embedding_dim")
            self.weight = Parameter(_weight.detach())

    def reset_parameters(self):
        torch.nn.init.normal_(self.weight)
        self._fill_padding_idx_with_zero()

    def _fill_padding_idx_with_zero(self):
        if self.padding_idx is not None:
            with torch.no_grad():
                self.weight[self.padding_idx] = 0.0

    @classmethod
    def from_pretrained(cls, embeddings, freeze=True, padding_idx=None, max_norm=None, norm_type=2.0,
                        scale_grad_by_freq=False, sparse=False):
        """nn.Embedding.from_pretrained(embeddings, freeze=True, padding_idx=None): an Embedding whose weight is a
        copy of the given 2-d tensor, not trained when freeze."""
        if embeddings.dim() != 2:
            raise AssertionError("Embeddings parameter is expected to be 2-dimensional")
        rows, cols = embeddings.shape
        embedding = cls(rows, cols, padding_idx=padding_idx, max_norm=max_norm, norm_type=norm_type,
                        scale_grad_by_freq=scale_grad_by_freq, sparse=sparse, _weight=embeddings)
        embedding.weight.requires_grad = not freeze
        return embedding

    def forward(self, input):
        if input.dim() != 1:
            raise ValueError("nn.Embedding on indices of shape %s is not supported by neuralGLM's PyTorch bridge: "
                             "the output would have %d dimensions and tensors have at most 2; give 1-d indices"
                             % (tuple(input.shape), input.dim() + 1))
        if input.dtype not in (torch.int64, torch.int32):
            raise RuntimeError("Expected tensor for argument #1 'indices' to have one of the following scalar types: "
                               "Long, Int; but got %s instead" % input.type())
        for position, index in enumerate(input.tolist()):
            if not 0 <= index < self.num_embeddings:
                raise IndexError("index out of range in self: index %d at position %d, the embedding has %d rows"
                                 % (index, position, self.num_embeddings))
        weight = self.weight
        if self.padding_idx is not None and weight.requires_grad:
            # the padding row's values taken outside the record, so that it gets no gradient
            keep = torch.ones(self.num_embeddings, 1)
            keep[self.padding_idx, 0] = 0.0
            weight = weight * keep + weight.detach() * (1.0 - keep)
        return _T._grad_fn(weight.index_select(0, input), 'EmbeddingBackward0')

    def extra_repr(self):
        text = "%d, %d" % (self.num_embeddings, self.embedding_dim)
        if self.padding_idx is not None:
            text += ", padding_idx=%d" % self.padding_idx
        return text

    def toString(self):
        return "Embedding(%s)" % self.extra_repr()

    __repr__ = toString
    __str__ = toString


def check_sequential(layers):
    """Refuses an nn.Embedding in nn.Sequential with one line: the Sequential runs as one engine network on an
    n x d float input, which 1-d indices are not."""
    for k, layer in enumerate(layers):
        if not isinstance(layer, Module):
            raise TypeError("nn.Sequential: layer %d is a %s, not a Module (give nn.ReLU(), not 'relu' or F.relu)"
                            % (k, type(layer).__name__))
        if isinstance(layer, Embedding):
            raise ValueError("nn.Sequential with an nn.Embedding is not supported by neuralGLM's PyTorch bridge: a "
                             "Sequential runs as one engine network on rows of floats; call the embedding in a "
                             "Module's forward, e.g. self.layers(self.embed(indices))")


def _float_text(value):
    """A float as PyTorch's extra_repr prints it (1e-05, 0.001)."""
    return repr(float(value))

"""torch.nn's Python modules for the activations that have options or parameters beyond the engine activations of
neuralglm.jython.Nn (GLU, PReLU, RReLU), and the losses of three inputs or of options the bridge's Java Loss lacks
(GaussianNLLLoss, MarginRankingLoss, HingeEmbeddingLoss, MultiLabelSoftMarginLoss, CosineEmbeddingLoss,
TripletMarginLoss, MultiMarginLoss). Each calls torch.nn.functional, so values and gradients are F's."""
from __future__ import absolute_import, division

from neuralglm.jython import Module, TorchParameter as Parameter

import torch


def _functional():
    from torch.nn import functional
    return functional


class _Printed(Module):
    """A module printed as PyTorch prints it: its class name and extra_repr()."""

    def extra_repr(self):
        return ''

    def toString(self):
        return "%s(%s)" % (type(self).__name__, self.extra_repr())

    __repr__ = toString
    __str__ = toString


class GLU(_Printed):
    """nn.GLU(dim=-1): a sigmoid(b), a and b the halves of the input along dim (F.glu)."""

    def __init__(self, dim=-1):
        Module.__init__(self)
        self.dim = dim

    def forward(self, input):
        return _functional().glu(input, self.dim)

    def extra_repr(self):
        return 'dim=%r' % (self.dim,)


class PReLU(_Printed):
    """nn.PReLU(num_parameters=1, init=0.25): x > 0 ? x : w_c x with a learnable weight of num_parameters entries
    (1, shared, or one per channel: the columns of a 2-d input), all init at first (F.prelu)."""

    def __init__(self, num_parameters=1, init=0.25, device=None, dtype=None):
        Module.__init__(self)
        self.num_parameters = int(num_parameters)
        self.init = init
        self.weight = Parameter(torch.full((self.num_parameters,), float(init), dtype=dtype))

    def reset_parameters(self):
        with torch.no_grad():
            self.weight.fill_(float(self.init))

    def forward(self, input):
        return _functional().prelu(input, self.weight)

    def extra_repr(self):
        return 'num_parameters=%d' % self.num_parameters


class RReLU(_Printed):
    """nn.RReLU(lower=1/8, upper=1/3, inplace=False): in training each entry at or below 0 is multiplied by a slope
    drawn uniformly from [lower, upper] (the bridge's generator), in eval() by (lower + upper) / 2 (F.rrelu)."""

    def __init__(self, lower=1. / 8, upper=1. / 3, inplace=False):
        Module.__init__(self)
        self.lower = lower
        self.upper = upper
        self.inplace = inplace

    def forward(self, input):
        return _functional().rrelu(input, self.lower, self.upper, self.training)

    def extra_repr(self):
        return 'lower=%r, upper=%r%s' % (self.lower, self.upper, ', inplace=True' if self.inplace else '')


def _loss(cls, function, arguments, defaults, doc):
    """nn.<cls>: a Module whose forward(*arguments) calls nn.functional.<function> with its options (attributes,
    PyTorch's defaults in defaults: an ordered list of (name, value)); a weight, when an option, is a buffer (in
    state_dict() when set), as PyTorch's _WeightedLoss. Options are keywords, or positional in PyTorch's order."""
    names = [name for name, _ in defaults]

    def __init__(self, *args, **options):
        Module.__init__(self)
        if 'weight' in names:
            self.__dict__['_nglm_buffers'] = ['weight']
        if len(args) > len(names):
            raise TypeError("nn.%s takes at most %d arguments (%s), got %d" % (cls, len(names), ", ".join(names),
                                                                                 len(args)))
        values = dict(defaults)
        for name, value in zip(names, args):
            values[name] = value
        for key, value in options.items():
            if key not in values or key in names[:len(args)]:
                raise ValueError("nn.%s(%s=...) is not supported by neuralGLM's PyTorch bridge; it takes %s"
                                 % (cls, key, ", ".join(names)))
            values[key] = value
        for name in names:
            setattr(self, name, values[name])

    def forward(self, *inputs, **given):
        if given:
            inputs = inputs + tuple(given[name] for name in arguments[len(inputs):] if name in given)
        if len(inputs) != len(arguments):
            raise TypeError("%s.forward() takes %d tensors (%s), got %d" % (cls, len(arguments), ", ".join(arguments),
                                                                             len(inputs)))
        return getattr(_functional(), function)(*inputs, **dict((name, getattr(self, name)) for name in names))

    return type(cls, (_Printed,), {'__init__': __init__, 'forward': forward, '__doc__': doc})


GaussianNLLLoss = _loss('GaussianNLLLoss', 'gaussian_nll_loss', ('input', 'target', 'var'),
                        [('full', False), ('eps', 1e-6), ('reduction', 'mean')],
                        "nn.GaussianNLLLoss(full=False, eps=1e-6, reduction='mean'): "
                        "0.5 (log(max(var, eps)) + (input - target)^2 / max(var, eps)) (+ 0.5 log(2 pi) when full)")
MarginRankingLoss = _loss('MarginRankingLoss', 'margin_ranking_loss', ('input1', 'input2', 'target'),
                          [('margin', 0.0), ('reduction', 'mean')],
                          "nn.MarginRankingLoss(margin=0, reduction='mean'): max(0, -y (x1 - x2) + margin)")
HingeEmbeddingLoss = _loss('HingeEmbeddingLoss', 'hinge_embedding_loss', ('input', 'target'),
                           [('margin', 1.0), ('reduction', 'mean')],
                           "nn.HingeEmbeddingLoss(margin=1, reduction='mean'): x where y = 1, max(0, margin - x) "
                           "where y = -1")
MultiLabelSoftMarginLoss = _loss('MultiLabelSoftMarginLoss', 'multilabel_soft_margin_loss', ('input', 'target'),
                                 [('weight', None), ('reduction', 'mean')],
                                 "nn.MultiLabelSoftMarginLoss(weight=None, reduction='mean'): the mean over classes of "
                                 "-(y log sigmoid(x) + (1 - y) log sigmoid(-x))")
CosineEmbeddingLoss = _loss('CosineEmbeddingLoss', 'cosine_embedding_loss', ('input1', 'input2', 'target'),
                            [('margin', 0.0), ('reduction', 'mean')],
                            "nn.CosineEmbeddingLoss(margin=0, reduction='mean'): 1 - cos(x1, x2) where y = 1, "
                            "max(0, cos(x1, x2) - margin) where y = -1")
TripletMarginLoss = _loss('TripletMarginLoss', 'triplet_margin_loss', ('anchor', 'positive', 'negative'),
                          [('margin', 1.0), ('p', 2.0), ('eps', 1e-6), ('swap', False), ('reduction', 'mean')],
                          "nn.TripletMarginLoss(margin=1, p=2, eps=1e-6, swap=False, reduction='mean'): "
                          "max(0, margin + d(a, p) - d(a, n)), d the pairwise distance")
MultiMarginLoss = _loss('MultiMarginLoss', 'multi_margin_loss', ('input', 'target'),
                        [('p', 1), ('margin', 1.0), ('weight', None), ('reduction', 'mean')],
                        "nn.MultiMarginLoss(p=1, margin=1, weight=None, reduction='mean'): per row the sum over j != y "
                        "of w_y max(0, margin - x_y + x_j)^p / C")

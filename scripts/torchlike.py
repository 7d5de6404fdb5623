"""PyTorch spellings for the neuralGLM Jython bridge (Java package neuralglm.jython).

    import torchlike as torch
    from torchlike import nn, optim, F

Only names live here: every tensor operation, layer, loss and optimiser is Java code of the bridge
or the engine. The one piece of glue is nn.Sequential, which also accepts an OrderedDict of named
layers, as PyTorch does.
"""
from collections import OrderedDict as _OrderedDict

from neuralglm.jython import Torch as _T, Nn as _Nn, Functional as _F, Loss as _Loss
from neuralglm.jython import Tensor, Module, Function, Parameter, Family
from neuralglm.jython import Sequential as _Sequential, SGD as _SGD, Adam as _Adam
from neuralglm.family import Families as _Families

tensor = _T.tensor
zeros, ones, rand, randn = _T.zeros, _T.ones, _T.rand, _T.randn
zeros_like, ones_like = _T.zeros_like, _T.ones_like
arange, linspace, randperm = _T.arange, _T.linspace, _T.randperm
manual_seed = _T.manual_seed
normal, bernoulli, poisson = _T.normal, _T.bernoulli, _T.poisson
exp, log, sigmoid, tanh, relu, abs, sqrt = _T.exp, _T.log, _T.sigmoid, _T.tanh, _T.relu, _T.abs, _T.sqrt
sin, cos = _T.sin, _T.cos
softmax, log_softmax, logsumexp = _T.softmax, _T.log_softmax, _T.logsumexp
sum, mean, norm, mm, matmul = _T.sum, _T.mean, _T.norm, _T.mm, _T.matmul
unsqueeze, argmax, max, min, max_abs_diff = _T.unsqueeze, _T.argmax, _T.max, _T.min, _T.max_abs_diff


class _Namespace(object):
    def __init__(self, **names):
        self.__dict__.update(names)


def _sequential(*layers):
    """nn.Sequential(a, b, ...) or nn.Sequential(OrderedDict([('fc1', a), ...]))."""
    if len(layers) == 1 and isinstance(layers[0], dict):
        named = layers[0]
        return _Sequential(list(named.keys()), list(named.values()))
    return _Sequential(list(layers))


def _loss(name):
    def make(**options):
        loss = _Loss(name)
        for key, value in options.items():
            setattr(loss, key, value)
        return loss
    return make


F = _Namespace(
    relu=_F.relu, sigmoid=_F.sigmoid, tanh=_F.tanh, softplus=_F.softplus, elu=_F.elu,
    leaky_relu=_F.leaky_relu, softmax=_F.softmax, log_softmax=_F.log_softmax, one_hot=_F.one_hot,
    mse_loss=_F.mse_loss, l1_loss=_F.l1_loss, smooth_l1_loss=_F.smooth_l1_loss,
    huber_loss=_F.huber_loss, binary_cross_entropy=_F.binary_cross_entropy,
    binary_cross_entropy_with_logits=_F.binary_cross_entropy_with_logits,
    cross_entropy=_F.cross_entropy, soft_margin_loss=_F.soft_margin_loss, hinge_loss=_F.hinge_loss,
    poisson_nll_loss=_F.poisson_nll_loss, kl_div=_F.kl_div, entropy=_F.entropy)

nn = _Namespace(
    Module=Module, Parameter=Parameter, Sequential=_sequential, functional=F,
    Linear=_Nn.Linear, ReLU=_Nn.ReLU, LeakyReLU=_Nn.LeakyReLU, ELU=_Nn.ELU, Tanh=_Nn.Tanh,
    Sigmoid=_Nn.Sigmoid, Softplus=_Nn.Softplus, Identity=_Nn.Identity, Softmax=_Nn.Softmax,
    LogSoftmax=_Nn.LogSoftmax,
    MSELoss=_loss("mse_loss"), L1Loss=_loss("l1_loss"), SmoothL1Loss=_loss("smooth_l1_loss"),
    HuberLoss=_loss("huber_loss"), BCELoss=_loss("binary_cross_entropy"),
    BCEWithLogitsLoss=_loss("binary_cross_entropy_with_logits"),
    CrossEntropyLoss=_loss("cross_entropy"), SoftMarginLoss=_loss("soft_margin_loss"),
    PoissonNLLLoss=_loss("poisson_nll_loss"), KLDivLoss=_loss("kl_div"))

optim = _Namespace(SGD=_SGD, Adam=_Adam)

autograd = _Namespace(Function=Function)

def _family(name):
    return lambda *parameter: Family(name, *parameter)


# one name per family of the engine's registry (neuralglm.family.Families): families.Poisson(),
# families.Tweedie(1.5), families.NegativeBinomial(0.5)
families = _Namespace(**dict((n, _family(n)) for n in _Families.NAMES))

"""torch.nn.functional: activations and losses on tensors, recorded so that loss.backward() works
(the bridge's neuralglm.jython.Functional)."""
from __future__ import absolute_import

from neuralglm.jython import Functional as _F

import _shim

relu, sigmoid, tanh, softplus, elu, leaky_relu = _F.relu, _F.sigmoid, _F.tanh, _F.softplus, _F.elu, _F.leaky_relu
softmax, log_softmax, one_hot = _F.softmax, _F.log_softmax, _F.one_hot
mse_loss, l1_loss, smooth_l1_loss, huber_loss = _F.mse_loss, _F.l1_loss, _F.smooth_l1_loss, _F.huber_loss
binary_cross_entropy = _F.binary_cross_entropy
binary_cross_entropy_with_logits = _F.binary_cross_entropy_with_logits
cross_entropy, soft_margin_loss, hinge_loss = _F.cross_entropy, _F.soft_margin_loss, _F.hinge_loss
nll_loss = _F.nll_loss
poisson_nll_loss, kl_div, entropy = _F.poisson_nll_loss, _F.kl_div, _F.entropy

_shim.strict(__name__, "neuralGLM's PyTorch bridge (scripts/lib/torch/nn/functional)")

"""torch.optim: SGD (momentum, Nesterov, weight decay), Adam and AdamW, the engine's optimisers updating
the parameters in place: optimizer.zero_grad(); loss.backward(); optimizer.step()."""
from __future__ import absolute_import

from neuralglm.jython import TorchSGD as SGD, TorchAdam as Adam, TorchAdamW as AdamW

import _shim

_shim.strict(__name__, "neuralGLM's PyTorch bridge (scripts/lib/torch/optim: SGD, Adam, AdamW)")

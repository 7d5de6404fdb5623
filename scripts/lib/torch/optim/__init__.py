"""torch.optim: SGD (momentum, Nesterov, weight decay), Adam, AdamW, RMSprop and Adagrad, the engine's optimisers updating
the parameters in place: optimizer.zero_grad(); loss.backward(); optimizer.step(); optimizer.param_groups[0]['lr']
reads and sets the learning rate (keeping the optimiser's state), as torch.optim.lr_scheduler does."""
from __future__ import absolute_import

from neuralglm.jython import TorchSGD as SGD, TorchAdam as Adam, TorchAdamW as AdamW
from neuralglm.jython import TorchRMSprop as RMSprop, TorchAdagrad as Adagrad
from neuralglm.jython import TorchOptimizer as Optimizer  # isinstance(opt, torch.optim.Optimizer)

import _shim

from torch.optim import lr_scheduler  # noqa: E402

_shim.strict(__name__, "neuralGLM's PyTorch bridge (scripts/lib/torch/optim: SGD, Adam, AdamW, RMSprop, Adagrad, lr_scheduler)")

"""torch.optim: SGD (momentum, Nesterov, weight decay), Adam, AdamW, RMSprop and Adagrad, the engine's optimisers updating
the parameters in place: optimizer.zero_grad(); loss.backward(); optimizer.step(); optimizer.param_groups[0]['lr']
reads and sets the learning rate (keeping the optimiser's state), as torch.optim.lr_scheduler does. LBFGS is PyTorch's
own algorithm in Python (optimizer.step(closure)), and torch.optim.Optimizer is PyTorch's base class, for optimisers
written in Python (isinstance(opt, torch.optim.Optimizer) is True for the engine's too)."""
from __future__ import absolute_import

from neuralglm.jython import TorchSGD as SGD, TorchAdam as Adam, TorchAdamW as AdamW
from neuralglm.jython import TorchRMSprop as RMSprop, TorchAdagrad as Adagrad

import _shim

from torch.optim.optimizer import Optimizer  # noqa: E402
from torch.optim.lbfgs import LBFGS  # noqa: E402
from torch.optim import lr_scheduler  # noqa: E402

_shim.strict(__name__, "neuralGLM's PyTorch bridge (scripts/lib/torch/optim: SGD, Adam, AdamW, RMSprop, Adagrad, LBFGS, "
                       "Optimizer, lr_scheduler)")

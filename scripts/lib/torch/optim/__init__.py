"""torch.optim: SGD (momentum, Nesterov, weight decay), Adam, AdamW, RMSprop and Adagrad, the engine's optimisers updating
the parameters in place: optimizer.zero_grad(); loss.backward(); optimizer.step(); optimizer.param_groups[0]['lr']
reads and sets the learning rate (keeping the optimiser's state), as torch.optim.lr_scheduler does. Parameter groups
(a list of dicts with options of their own) make one engine optimiser per group (torch/optim/_groups.py). LBFGS is PyTorch's
own algorithm in Python (optimizer.step(closure)), and torch.optim.Optimizer is PyTorch's base class, for optimisers
written in Python (isinstance(opt, torch.optim.Optimizer) is True for the engine's too)."""
from __future__ import absolute_import

from neuralglm.jython import TorchSGD, TorchAdam, TorchAdamW, TorchRMSprop, TorchAdagrad

import _shim

from torch.optim.optimizer import Optimizer  # noqa: E402
from torch.optim._groups import grouped as _grouped  # noqa: E402

# one list of parameters: the engine's optimiser; a list of dicts (parameter groups): one engine optimiser per group
SGD, Adam, AdamW = _grouped('SGD', TorchSGD), _grouped('Adam', TorchAdam), _grouped('AdamW', TorchAdamW)
RMSprop, Adagrad = _grouped('RMSprop', TorchRMSprop), _grouped('Adagrad', TorchAdagrad)
from torch.optim.lbfgs import LBFGS  # noqa: E402
from torch.optim import lr_scheduler  # noqa: E402

_shim.strict(__name__, "neuralGLM's PyTorch bridge (scripts/lib/torch/optim: SGD, Adam, AdamW, RMSprop, Adagrad, LBFGS, "
                       "Optimizer, lr_scheduler)")

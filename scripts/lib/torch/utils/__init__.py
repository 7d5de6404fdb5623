"""torch.utils: only torch.utils.data (Dataset, TensorDataset, DataLoader)."""
from __future__ import absolute_import

import _shim

from torch.utils import data  # noqa: E402,F401

_shim.strict(__name__, "neuralGLM's PyTorch bridge (scripts/lib/torch/utils: data)")

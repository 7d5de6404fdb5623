"""torch.cuda without a GPU: is_available() is False, device_count() is 0, and set_device or
manual_seed print a one-line notice and carry on (neuralGLM computes on the CPU)."""
from __future__ import absolute_import

import sys

import _shim


def is_available():
    return False


def device_count():
    return 0


def _notice(call):
    sys.stderr.write("%s: no CUDA device here; neuralGLM computes on the CPU, so this call is ignored\n" % call)


def set_device(device):
    _notice("torch.cuda.set_device(%r)" % (device,))


def manual_seed(seed):
    _notice("torch.cuda.manual_seed(%r)" % (seed,))


def manual_seed_all(seed):
    _notice("torch.cuda.manual_seed_all(%r)" % (seed,))


_shim.strict(__name__, "neuralGLM's PyTorch bridge (no CUDA: the CPU only)")

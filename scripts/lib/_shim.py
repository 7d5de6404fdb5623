"""Support for the PyTorch, numpy and matplotlib shims of scripts/lib: a module whose unknown names
fail with a one-line message naming what is not supported (instead of a bare AttributeError)."""
from __future__ import absolute_import

import sys
import types


class StrictModule(types.ModuleType):
    """A module that names what it does not support: torch.fft -> 'torch.fft is not supported ...'."""

    def __getattr__(self, name):
        if name.startswith('__') and name.endswith('__'):
            raise AttributeError(name)
        raise AttributeError("%s.%s is not supported by %s" % (self.__name__, name, self._shim_what))


def strict(name, what):
    """Replaces module `name` in sys.modules by a StrictModule with the same contents; `what` names the
    shim in messages, e.g. "neuralGLM's numpy shim (scripts/lib/numpy)"."""
    old = sys.modules[name]
    module = StrictModule(name, old.__doc__)
    module.__dict__.update(old.__dict__)
    module._shim_what = what
    sys.modules[name] = module
    return module


class Namespace(object):
    """A fixed set of names, e.g. torch.families; an unknown name fails with a one-line message."""

    def __init__(self, what, **names):
        self.__dict__.update(names)
        self.__dict__['_shim_what'] = what

    def __getattr__(self, name):
        if name.startswith('__') and name.endswith('__'):
            raise AttributeError(name)
        raise AttributeError(self._unknown(name))

    def _unknown(self, name):
        known = sorted(k for k in self.__dict__ if not k.startswith('_'))
        return "%s has no %s; it has %s" % (self._shim_what, name, ", ".join(known))


class Settings(Namespace):
    """Settings that may be read and set but have no effect here, e.g. torch.backends.cudnn.deterministic = True;
    an unknown name fails with a one-line message."""

    def _unknown(self, name):
        return "%s.%s is not supported by neuralGLM's PyTorch bridge" % (self._shim_what, name)

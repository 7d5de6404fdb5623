"""torch.save and torch.load for what tutorials save: tensors, state_dicts and the containers (dict,
OrderedDict, list, tuple) and plain values around them, with Python's pickle. The file is the bridge's
own (a pickle of lists), so it does not read PyTorch's .pt files, nor does PyTorch read it; saving a
whole module is refused (save model.state_dict() and load it with model.load_state_dict)."""
from __future__ import absolute_import

import collections
import os
import cPickle as pickle

from neuralglm.jython import Tensor, Module, DType

_MAGIC = "neuralGLM torch.save 1"


class _Saved(object):
    """A tensor on disk: its values as (nested) lists, its dtype's name and requires_grad."""

    def __init__(self, values, dtype, requires_grad):
        self.values = values
        self.dtype = dtype
        self.requires_grad = requires_grad


_DTYPES = dict((d.getName(), d) for d in (DType.FLOAT32, DType.FLOAT64, DType.FLOAT16, DType.INT64,
                                          DType.INT32, DType.BOOL))


def _walk(obj, leaf):
    """Rebuilds obj's containers (OrderedDict, dict, list, tuple) with leaf applied to every other value."""
    if isinstance(obj, collections.OrderedDict):
        return collections.OrderedDict((k, _walk(v, leaf)) for k, v in obj.items())
    if isinstance(obj, dict):
        return dict((k, _walk(v, leaf)) for k, v in obj.items())
    if isinstance(obj, list):
        return [_walk(v, leaf) for v in obj]
    if isinstance(obj, tuple):
        return tuple(_walk(v, leaf) for v in obj)
    return leaf(obj)


def _pack_leaf(obj):
    if isinstance(obj, Module):
        raise ValueError("torch.save of a whole module is not supported by neuralGLM's PyTorch bridge; "
                         "save model.state_dict() and restore it with model.load_state_dict(torch.load(path))")
    if isinstance(obj, Tensor):
        return _Saved(obj.detach().stored_tolist(), obj.dtype.getName(), obj.requires_grad)
    return obj


def _pack(obj):
    return _walk(obj, _pack_leaf)


def _unpack(obj):
    return _walk(obj, lambda v: _restore(v) if isinstance(v, _Saved) else v)


def _restore(saved):
    import torch
    kind = _DTYPES.get(saved.dtype)
    t = torch.tensor(saved.values, dtype=kind)
    t.requires_grad = saved.requires_grad
    return t


def save(obj, f):
    """torch.save(obj, path_or_file): tensors, state_dicts and containers of them."""
    data = (_MAGIC, _pack(obj))
    if isinstance(f, basestring):
        parent = os.path.dirname(os.path.abspath(f))
        if not os.path.isdir(parent):  # as PyTorch's message
            raise RuntimeError("Parent directory %s does not exist." % parent)
        with open(f, "wb") as out:
            pickle.dump(data, out, 2)
    else:
        pickle.dump(data, f, 2)


def load(f, map_location=None, weights_only=False):
    """torch.load(path_or_file): what torch.save wrote here (map_location is accepted: all is on the CPU)."""
    name = f if isinstance(f, basestring) else getattr(f, "name", "the file")
    source = open(f, "rb") if isinstance(f, basestring) else f
    try:
        head = source.read(2)
        if head == "PK":
            raise ValueError("torch.load: %s is a PyTorch file (a zip archive); neuralGLM's bridge reads only files "
                             "its own torch.save wrote" % name)
        source.seek(0)
        try:
            magic, obj = pickle.load(source)
        except Exception:
            raise ValueError("torch.load: %s was not written by neuralGLM's torch.save" % name)
        if magic != _MAGIC:
            raise ValueError("torch.load: %s was not written by neuralGLM's torch.save" % name)
        return _unpack(obj)
    finally:
        if isinstance(f, basestring):
            source.close()

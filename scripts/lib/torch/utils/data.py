"""torch.utils.data: Dataset, TensorDataset and DataLoader, for the mini-batch loop of the tutorials:

    loader = DataLoader(TensorDataset(X, y), batch_size=32, shuffle=True)
    for inputs, targets in loader:
        ...

A batch of a TensorDataset is the rows of its tensors (one selection per tensor); a batch of any other
Dataset is its items put together as PyTorch's default collate does (tensors stacked, numbers made a
tensor, tuples and lists part by part). Each epoch draws from the generators as PyTorch 1.13's single-process
loader does, so after torch.manual_seed the order of shuffle=True and every later draw are PyTorch's: a base seed
(a random int64) from generator= or the shared stream, even without shuffling; with shuffle=True and no generator a
second int64 from the shared stream seeds a generator of its own for torch.randperm, with a generator randperm from
it, and once the epoch is read through, one more randperm (RandomSampler's remainder). There are no worker
processes (num_workers and pin_memory are accepted and ignored).
"""
from __future__ import absolute_import

import math

import torch
from neuralglm.jython import Torch as _T

import _shim


class Dataset(object):
    """A map-style dataset: subclass it and define __len__ and __getitem__."""

    def __getitem__(self, index):
        raise NotImplementedError("a Dataset subclass must define __getitem__")


class TensorDataset(Dataset):
    """TensorDataset(X, y, ...): item i is (X[i], y[i], ...), each a tensor (a 0-d one for a 1-d tensor)."""

    def __init__(self, *tensors):
        if not tensors:
            raise ValueError("TensorDataset needs at least one tensor")
        n = len(tensors[0])
        for k, t in enumerate(tensors):
            if not torch.is_tensor(t):
                raise ValueError("TensorDataset: argument %d is a %s, expected a tensor" % (k, type(t).__name__))
            if len(t) != n:  # PyTorch asserts it
                raise AssertionError("Size mismatch between tensors: TensorDataset's tensor %d has %d rows, tensor 0 has %d; they must be equal"
                                 % (k, len(t), n))
        self.tensors = tensors

    def __len__(self):
        return len(self.tensors[0])

    def __getitem__(self, index):
        if isinstance(index, slice) or torch.is_tensor(index) and index.dim() == 1 or isinstance(index, list):
            return tuple(t[index] for t in self.tensors)  # ds[1:3], ds[idx]: the rows, as PyTorch's
        return tuple(_row(t, index) for t in self.tensors)

    def _batch(self, indices):
        return tuple(t[indices] for t in self.tensors)


def _row(t, index):
    if t.dim() == 2:
        return t[index]
    return t[[index]].squeeze(0)


class Subset(Dataset):
    """The items of a dataset at the given indices."""

    def __init__(self, dataset, indices):
        self.dataset = dataset
        self.indices = list(indices)

    def __len__(self):
        return len(self.indices)

    def __getitem__(self, index):
        return self.dataset[self.indices[index]]


def random_split(dataset, lengths, generator=None):
    """Subsets of the given lengths, in an order drawn with torch.randperm; lengths may be fractions that sum
    to 1 ([0.8, 0.2]), made counts as PyTorch 1.13 does (floor of each, the rest one by one from the first); the
    order from generator's stream when given (random_split(ds, [0.8, 0.2], generator=torch.Generator().manual_seed(42)))."""
    n = len(dataset)
    lengths = list(lengths)
    if abs(sum(lengths) - 1) < 1e-9 and all(0 <= f <= 1 for f in lengths) and sum(lengths) != n:
        counts = [int(math.floor(n * f)) for f in lengths]
        for i in range(n - sum(counts)):
            counts[i % len(counts)] += 1
        lengths = counts
    if sum(lengths) != len(dataset):
        raise ValueError("random_split: lengths %s sum to %d, the dataset has %d items"
                         % (list(lengths), sum(lengths), len(dataset)))
    order = torch.randperm(len(dataset), generator=generator).tolist()  # ints: a Subset hands them to the dataset
    out, at = [], 0
    for n in lengths:
        out.append(Subset(dataset, order[at:at + n]))
        at += n
    return out


def default_collate(items):
    """Items to a batch: tensors stacked, numbers to a tensor, tuples and lists part by part."""
    first = items[0]
    if torch.is_tensor(first):
        return torch.stack(items, 0)
    if isinstance(first, (int, long, float)):
        return torch.tensor(items)
    if isinstance(first, (tuple, list)):
        return type(first)(default_collate([item[k] for item in items]) for k in range(len(first)))
    if isinstance(first, dict):
        return dict((key, default_collate([item[key] for item in items])) for key in first)
    raise ValueError("DataLoader: cannot put items of type %s into a batch; return tensors, numbers, or "
                     "tuples of them from __getitem__, or give collate_fn" % type(first).__name__)


class DataLoader(object):
    """DataLoader(dataset, batch_size=1, shuffle=False, drop_last=False, collate_fn=None, generator=None): batches in
    order, or in a new order each epoch with shuffle=True (drawn from generator's stream when given)."""

    def __init__(self, dataset, batch_size=1, shuffle=False, sampler=None, batch_sampler=None, num_workers=0,
                 collate_fn=None, pin_memory=False, drop_last=False, timeout=0, worker_init_fn=None,
                 generator=None):
        if sampler is not None or batch_sampler is not None:
            raise ValueError("DataLoader(sampler=...) is not supported by neuralGLM's PyTorch bridge; "
                             "use shuffle=True or False")
        if batch_size is None or int(batch_size) < 1:
            raise ValueError("DataLoader: batch_size must be an int >= 1, got %r" % (batch_size,))
        if shuffle and len(dataset) == 0:  # PyTorch's RandomSampler refuses it
            raise ValueError("DataLoader(shuffle=True): num_samples should be a positive integer value, but the "
                             "dataset has 0 items")
        self.dataset = dataset
        self.batch_size = int(batch_size)
        self.shuffle = bool(shuffle)
        self.drop_last = bool(drop_last)
        self.collate_fn = collate_fn
        self.num_workers = num_workers
        self.generator = generator

    def __len__(self):
        n = len(self.dataset)
        return n // self.batch_size if self.drop_last else (n + self.batch_size - 1) // self.batch_size

    def __iter__(self):
        n = len(self.dataset)
        _random63(self.generator)   # _BaseDataLoaderIter's base seed, drawn in every epoch
        if self.shuffle and self.generator is None:
            # RandomSampler without a generator: one of its own, seeded from the shared stream
            own = torch.Generator().manual_seed(_random63(None))
            order = torch.randperm(n, generator=own).tolist()
        elif self.shuffle:
            order = torch.randperm(n, generator=self.generator).tolist()
        else:
            order = list(range(n))
        stop = n - n % self.batch_size if self.drop_last else n
        for start in range(0, stop, self.batch_size):
            indices = order[start:start + self.batch_size]
            if self.collate_fn is None and isinstance(self.dataset, TensorDataset):
                yield self.dataset._batch(indices)
            else:
                items = [self.dataset[i] for i in indices]
                yield (self.collate_fn or default_collate)(items)
        if self.shuffle and self.generator is not None:
            torch.randperm(n, generator=self.generator)   # RandomSampler's last randperm (the remainder's, of 0 items)


def _random63(generator):
    """torch.empty((), dtype=torch.int64).random_(generator=generator).item(): a whole number in [0, 2^63)."""
    if generator is None:
        return _T.random63()
    generator.enter()
    try:
        return _T.random63()
    finally:
        generator.leave()


_shim.strict(__name__, "neuralGLM's PyTorch bridge (scripts/lib/torch/utils/data: Dataset, TensorDataset, "
                       "DataLoader, Subset, random_split)")

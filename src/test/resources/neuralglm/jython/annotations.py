"""Annotations, which Jython 2.7 cannot read: scripts/run leaves them out (scripts/lib/_py3syntax.py) and
scripts/lib/typing.py stands for Python 3's typing module. Prints the same lines on Python 3 (CPython with PyTorch)
and on the bridge (Python3SyntaxTest)."""
from typing import List, Optional, Tuple, TypeVar, Generic, cast

import torch
import torch.nn as nn
from torch import Tensor

Batch = Tuple[Tensor, Tensor]
T = TypeVar('T')


class Box(Generic[T]):
    def __init__(self, item: T) -> None:
        self.item: T = item


class Net(nn.Module):
    n_layers: int
    scale: float = 2.0

    def __init__(self, sizes: List[int], *, bias: bool = True,
                 name: Optional[str] = None) -> None:
        super().__init__()
        self.name: str = name or "net"
        self.layer = nn.Linear(sizes[0], sizes[1], bias=bias)
        self.layer.weight.data.fill_(0.5)
        if bias:
            self.layer.bias.data.fill_(0.25)

    def forward(self, x: Tensor, *, double: bool = False) -> Tensor:
        y: Tensor = self.layer(x) * self.scale
        return y * 2 if double else y


def split(batch: Batch) -> Tuple[Tensor, Tensor]:
    x, y = batch
    return x, y


net = Net([2, 1], name="tiny")
x, y = split((torch.tensor([[1.0, 2.0]]), torch.tensor([[3.0]])))
print(net.name, net(x).tolist(), net(x, double=True).tolist(), cast(int, 3), Box(7).item, Net.scale)
print(Net([2, 1], bias=False)(x).tolist(), y.tolist())

"""A module beside the script, written for Python 3 (super(), f-strings, @, print(a, b), true division)."""
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.W = nn.Parameter(torch.eye(d, dtype=torch.float64) * 2)

    def forward(self, x):
        return x @ self.W


def describe(net):
    print("describing", net.W.shape[0])
    return f"Net with {net.W.shape[0]} inputs, ratio {1 / 3}, {round(2.5)}"

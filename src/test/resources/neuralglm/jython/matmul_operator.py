"""The @ operator, which Jython 2.7 cannot read: scripts/run rewrites it (scripts/lib/_py3syntax.py) with Python 3's
precedence. Prints the same lines on Python 3 (CPython with PyTorch) and on the bridge (Python3SyntaxTest)."""
import torch
import torch.nn as nn

torch.set_default_dtype(torch.float64)
X = torch.tensor([[1.0, 2.0], [3.0, -1.0], [0.5, 0.25]])
W = torch.tensor([[0.5, -1.0], [2.0, 0.25]], requires_grad=True)
b = torch.tensor([0.1, -0.2])
v = torch.tensor([1.0, -2.0])
eta = X @ W + b
print(eta.tolist())
print((X @ W.T).tolist(), (2 * X @ W).tolist(), (-X @ W ** 2).tolist())
print((X @ W @ W).tolist(), (X @ (W @ v)).tolist(), (v @ W).tolist(), (v @ v).item())
print((X @ W / 4 - b @ W).tolist())
mu = torch.sigmoid(X @ W).sum()
mu.backward()
print([[round(g, 12) for g in row] for row in W.grad.tolist()])   # sums of products: rounding order differs
M = torch.eye(2)
M @= W.detach()
print(M.tolist())
layer = nn.Linear(2, 1)
with torch.no_grad():
    layer.weight.copy_(torch.tensor([[0.3, -0.7]]))
    layer.bias.fill_(0.05)
print([round(value, 12) for value in (X @ layer.weight.T + layer.bias).reshape(-1).tolist()])


class Scaled(object):
    def __init__(self, k):
        self.k = k

    def __matmul__(self, other):
        return "Scaled(%s) @ %s" % (self.k, other)

    def __rmatmul__(self, other):
        return "%s @ Scaled(%s)" % (other, self.k)


print(Scaled(2) @ 3, 4 @ Scaled(5))
try:
    print(1 @ 2)
except TypeError as e:
    print("TypeError", e)
s = "a @ b"  # the @ in a string or a comment stays
print(s, (lambda A, B: A @ B)(v, v).item())

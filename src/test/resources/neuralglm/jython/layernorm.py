# nn.LayerNorm as PyTorch 1.13's over the last dimension of an n x d (or a 1-d) input: each row normalised with
# its mean and biased variance, times weight plus bias; gradients of the input, weight and bias; eps and
# elementwise_affine=False; SGD and Adam steps of a model with a LayerNorm (a Python module and nn.Sequential);
# state_dict, load_state_dict and deepcopy round trips; a width other than normalized_shape. LayerNormTest runs this
# file through the bridge and compares what it prints with what PyTorch 1.13 printed for it on CPython
# (/usr/bin/python3 src/test/resources/neuralglm/jython/layernorm.py; float64, as the bridge computes).
import copy
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)

X = torch.tensor([[3.0 * math.sin(0.7 * i + 0.3 * j) + j for j in range(4)] for i in range(6)])
y = torch.tensor([[math.cos(0.5 * i)] for i in range(6)])
w = torch.tensor([[math.cos(1.1 * i + 0.4 * j) for j in range(4)] for i in range(6)])


def fill(m, offset):
    with torch.no_grad():
        k = offset
        for name, p in m.named_parameters():
            p.copy_(torch.tensor([0.5 * math.sin(1.3 * (k + i) + 0.2) for i in range(p.numel())]).view(p.shape))
            k += p.numel()
    return m


def numbers(t):
    return ' '.join('%.17g' % v for v in t.detach().view(-1).tolist())


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(3, 4)
        self.norm = nn.LayerNorm(4)
        self.fc2 = nn.Linear(4, 1)

    def forward(self, x):
        return self.fc2(torch.tanh(self.norm(self.fc1(x))))


ln = nn.LayerNorm(4)
print(ln, ln.normalized_shape, ln.eps, ln.elementwise_affine)
print('params', [(n, tuple(p.shape)) for n, p in ln.named_parameters()], list(ln.state_dict().keys()))
print('init', numbers(ln.weight), numbers(ln.bias))
fill(ln, 2)
x = X.clone().requires_grad_(True)
out = ln(x)
print('out', numbers(out))
loss = (out * w).sum() + (out ** 3).sum() * 0.1
loss.backward()
print('loss', numbers(loss))
print('x.grad', numbers(x.grad))
print('weight.grad', numbers(ln.weight.grad), 'bias.grad', numbers(ln.bias.grad))
ln.eval()
print('eval', ln.training, numbers(ln(X[:2])))

for shape in ([4], (4,)):
    other = nn.LayerNorm(shape, eps=0.1, elementwise_affine=False)
    print(other, other.weight, list(other.state_dict().keys()), len(list(other.parameters())))
    xa = X.clone().requires_grad_(True)
    o = other(xa)
    (o ** 2 * w).sum().backward()
    print('  out', numbers(o))
    print('  x.grad', numbers(xa.grad))
v = X[2].clone().requires_grad_(True)
o = ln(v)
(o * torch.tensor([1.0, -2.0, 0.5, 3.0])).sum().backward()
print('1-d', tuple(o.shape), numbers(o), numbers(v.grad))
try:
    ln(torch.zeros(3, 5))
    print('wrong width ran')
except RuntimeError:
    print('wrong width RuntimeError')

for name, make in [('sgd', lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9)),
                   ('adam', lambda p: torch.optim.Adam(p, lr=0.05))]:
    model = fill(Net(), 1)
    opt = make(model.parameters())
    losses = []
    for step in range(5):
        opt.zero_grad()
        batch = slice(0, 6) if step % 2 == 0 else slice(1, 5)
        loss = F.mse_loss(model(X[batch, :3]), y[batch])
        loss.backward()
        opt.step()
        losses.append(loss.item())
    print(name, 'loss', ' '.join('%.17g' % v for v in losses))
    for key, value in model.state_dict().items():
        print('  %s %s' % (key, numbers(value)))
    twin = fill(Net(), 7)
    print('  load', twin.load_state_dict(copy.deepcopy(model.state_dict())), (twin(X[:, :3]) - model(X[:, :3])).abs().max().item())
    clone = copy.deepcopy(model)
    print('  deepcopy', (clone(X[:, :3]) - model(X[:, :3])).abs().max().item(), clone.norm.weight is model.norm.weight)
    model.eval()
    print('  eval', model.training, model.norm.training, numbers(model(X[:, :3])))

seq = fill(nn.Sequential(nn.Linear(3, 4), nn.LayerNorm(4), nn.ReLU(), nn.Linear(4, 1)), 3)
print(seq)
print('seq state', list(seq.state_dict().keys()))
opt = torch.optim.SGD(seq.parameters(), lr=0.05)
for step in range(4):
    opt.zero_grad()
    loss = F.mse_loss(seq(X[:, :3]), y)
    loss.backward()
    opt.step()
    print('seq loss', '%.17g' % loss.item())
print('seq grads', ' '.join(numbers(p.grad) for p in seq.parameters()))

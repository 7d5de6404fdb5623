# Modules called with several arguments, as PyTorch 1.13's Module.__call__(*args, **kwargs) passes them to
# forward: two inputs, a mask, keywords (also the first input by name), *args and **kwargs, a forward returning a
# tuple, a module calling another with keywords, a short training run of such a model, one encoder on
# two inputs (Siamese), a layer called three times in one forward. The bridge's own modules
# (nn.Linear, nn.Sequential, activations) take one input tensor (also as input=...), in PyTorch too. ForwardArgsTest
# runs this file through the bridge and compares what it prints with what PyTorch 1.13 printed for it on CPython
# (/usr/bin/python3 src/test/resources/neuralglm/jython/forward_args.py; float64, as the bridge computes).
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)

X1 = torch.tensor([[math.sin(0.7 * i + 0.3 * j) for j in range(3)] for i in range(8)])
X2 = torch.tensor([[math.cos(0.4 * i - 0.6 * j) for j in range(3)] for i in range(8)])
mask = torch.tensor([[1.0 if i % 3 else 0.0] for i in range(8)])
y = torch.tensor([[math.cos(0.5 * i)] for i in range(8)])


class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(3, 4)

    def forward(self, x, scale=1.0):
        return torch.tanh(self.fc(x)) * scale


class Pair(nn.Module):
    """Two inputs (the second optional), a mask, a training keyword and **extra; returns (output, penalty). Each
    input has an encoder of its own (Siamese, below, shares one)."""

    def __init__(self):
        super().__init__()
        self.enc = Encoder()
        self.enc2 = Encoder()
        self.head = nn.Linear(4, 1)
        self.gate = nn.Parameter(torch.tensor([0.5]))

    def forward(self, x1, x2=None, mask=None, training=False, **extra):
        h1 = self.enc(x1)
        h2 = self.enc2(x2, scale=extra.get('scale', 0.5)) if x2 is not None else h1
        out = self.head((h1 - h2).abs() + h1 * self.gate)
        if mask is not None:
            out = out * mask
        if training:
            out = out + 0.1 * h2.sum(dim=1, keepdim=True)
        return out, (h1 * h2).pow(2).mean()


class Summed(nn.Module):
    """forward(*xs): one layer applied to each input, added up."""

    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(3, 1)

    def forward(self, *xs):
        total = self.fc(xs[0])
        for x in xs[1:]:
            total = total + self.fc(x)
        return total


def fill(m, offset):
    with torch.no_grad():
        k = offset
        for name, p in m.named_parameters():
            p.copy_(torch.tensor([0.5 * math.sin(1.3 * (k + i) + 0.2) for i in range(p.numel())]).view(p.shape))
            k += p.numel()
    return m


def numbers(t):
    return ' '.join('%.17g' % v for v in t.detach().view(-1).tolist())


m = fill(Pair(), 0)
calls = [
    ('m(X1)', lambda: m(X1)),
    ('m(X1, X2)', lambda: m(X1, X2)),
    ('m(X1, X2, mask)', lambda: m(X1, X2, mask)),
    ('m(X1, x2=X2, mask=mask, training=True)', lambda: m(X1, x2=X2, mask=mask, training=True)),
    ('m(x1=X1, x2=X2)', lambda: m(x1=X1, x2=X2)),
    ('m(X1, X2, scale=2.0)', lambda: m(X1, X2, scale=2.0)),
    ('m(X1, None, mask)', lambda: m(X1, None, mask)),
]
for label, call in calls:
    result = call()
    print(label, type(result).__name__, len(result), tuple(result[0].shape), numbers(result[0]), numbers(result[1]))

s = fill(Summed(), 3)
print('s(X1)', numbers(s(X1)))
print('s(X1, X2, 0.5 * X1)', numbers(s(X1, X2, 0.5 * X1)))
print('enc(X1, scale=3.0)', numbers(m.enc(X1, scale=3.0)[0]))
print('enc(x=X1)', numbers(m.enc(x=X1).sum()))
print('head(input=...)', numbers(m.head(input=m.enc(X1))))
for label, call in [('Linear(x, x)', lambda: m.head(X1, X1)), ('Linear(x, mask=m)', lambda: m.head(X1, mask=mask)),
                    ('Sequential(x, x)', lambda: nn.Sequential(nn.Linear(3, 1))(X1, X1)),
                    ('ReLU(x, x)', lambda: nn.ReLU()(X1, X1)),
                    ('Pair(X1, X2, X1, X2, X1)', lambda: m(X1, X2, X1, X2, X1))]:
    try:
        call()
        print(label, 'ran')
    except TypeError:
        print(label, 'TypeError')

# training through several inputs, a mask, keywords and a tuple output
for name, make in [('sgd', lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9)), ('adam', lambda p: torch.optim.Adam(p, lr=0.05))]:
    m = fill(Pair(), 1)
    opt = make(m.parameters())
    losses = []
    for step in range(6):
        opt.zero_grad()
        out, penalty = m(X1, X2, mask=mask, training=step % 2 == 0, scale=0.8)
        loss = F.mse_loss(out, y * mask) + 0.1 * penalty
        loss.backward()
        opt.step()
        losses.append(loss.item())
    print(name, 'loss', ' '.join('%.17g' % v for v in losses))
    for pname, p in m.named_parameters():
        print('  %s %s' % (pname, numbers(p)))

# one encoder on both inputs (a Siamese network), a Linear called three times and one activation module called twice
# in one forward: the backward goes through every call
class Siamese(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc = nn.Linear(3, 4)
        self.act = nn.Tanh()
        self.head = nn.Linear(4, 1)

    def forward(self, x1, x2, x3=None):
        h1 = self.act(self.enc(x1))
        h2 = self.act(self.enc(x2))
        out = self.head((h1 - h2).abs())
        if x3 is not None:
            out = out + 0.5 * self.head(self.act(self.enc(x3)) * h1)
        return out


for name, make in [('sgd', lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9)), ('adam', lambda p: torch.optim.Adam(p, lr=0.05))]:
    m = fill(Siamese(), 2)
    opt = make(m.parameters())
    losses = []
    for step in range(5):
        opt.zero_grad()
        out = m(X1, X2, X1 * X2 if step % 2 else None)
        loss = F.mse_loss(out, y)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    print('siamese', name, 'loss', ' '.join('%.17g' % v for v in losses))
    for pname, p in m.named_parameters():
        print('  %s %s' % (pname, numbers(p)))

# outputs of two calls differentiated one after the other, the older first
lin = fill(nn.Linear(3, 2), 5)
a, b = lin(X1), lin(X2)
a.pow(2).sum().backward()
print('older first', numbers(lin.weight.grad))
b.sum().backward()
print('then newer', numbers(lin.weight.grad), numbers(lin.bias.grad))

# Which parameters a backward reaches, and what the optimisers do with the others, as PyTorch 1.13 does:
# .grad is None until a backward reaches a parameter; zero_grad() zeroes the gradients that exist (None stays
# None), zero_grad(set_to_none=True) makes them None; a step passes over a parameter whose .grad is None (no
# weight decay, no momentum, no Adam step), and updates one whose .grad is a tensor of zeros. GradReachTest runs
# this file through the bridge and compares what it prints with what PyTorch 1.13 printed for it on CPython
# (/usr/bin/python3 src/test/resources/neuralglm/jython/grad_reach.py; float64, as the bridge computes).
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)

X = torch.tensor([[math.sin(0.7 * i + 0.3 * j) for j in range(3)] for i in range(8)])
y = torch.tensor([[math.cos(0.5 * i)] for i in range(8)])
y2 = torch.tensor([[0.3 * math.sin(1.1 * i) - 0.2] for i in range(8)])


class TwoHeads(nn.Module):
    """A trunk, two heads (model.head says which one forward uses), a layer never used in forward, and a scale
    used only when model.scaled is True."""

    def __init__(self):
        super().__init__()
        self.trunk = nn.Linear(3, 4)
        self.head_a = nn.Linear(4, 1)
        self.head_b = nn.Linear(4, 1)
        self.unused = nn.Linear(4, 2)
        self.scale = nn.Parameter(torch.tensor([0.9]))
        self.head = 'a'
        self.scaled = False

    def forward(self, x):
        h = torch.tanh(self.trunk(x))
        out = self.head_a(h) if self.head == 'a' else self.head_b(h)
        return out * self.scale if self.scaled else out


def fresh():
    torch.manual_seed(0)
    m = TwoHeads()
    with torch.no_grad():
        k = 0
        for name, p in m.named_parameters():
            flat = [0.5 * math.sin(1.3 * (k + i) + 0.2) for i in range(p.numel())]
            k += p.numel()
            p.copy_(torch.tensor(flat).view(p.shape))
    return m


def nones(m):
    return ' '.join(name for name, p in m.named_parameters() if p.grad is None) or '-'


def show(label, m, losses):
    print(label, 'loss', ' '.join('%.17g' % v for v in losses))
    for name, p in m.named_parameters():
        print('  %s %s' % (name, ' '.join('%.17g' % v for v in p.detach().view(-1).tolist())))


# 1. .grad None until reached; zero_grad and model.zero_grad with and without set_to_none
m = fresh()
opt = torch.optim.SGD(m.parameters(), lr=0.1)
print('fresh:', nones(m))
opt.zero_grad()
print('zero_grad on fresh:', nones(m))
F.mse_loss(m(X), y).backward()
print('after backward through head a:', nones(m))
opt.zero_grad()
print('zero_grad:', nones(m), m.trunk.bias.grad.tolist())
opt.zero_grad(set_to_none=True)
print('zero_grad(set_to_none=True):', nones(m))
m.head, m.scaled = 'b', True
F.mse_loss(m(X), y).backward()
print('after backward through head b, scaled:', nones(m))
m.zero_grad()
print('model.zero_grad():', nones(m))
m.zero_grad(set_to_none=True)
print('model.zero_grad(set_to_none=True):', nones(m))

# 2. a layer never used, heads alternating, a scale reached on some steps: SGD, Adam and AdamW,
#    with zero_grad() (a gradient once made stays a tensor) and zero_grad(set_to_none=True)
makers = [
    ('sgd momentum wd', lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9, weight_decay=0.05)),
    ('sgd nesterov wd', lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.8, nesterov=True, weight_decay=0.1)),
    ('adam wd', lambda ps: torch.optim.Adam(ps, lr=0.02, weight_decay=0.01)),
    ('adamw', lambda ps: torch.optim.AdamW(ps, lr=0.03, weight_decay=0.1)),
]
for label, make in makers:
    for to_none in [False, True]:
        m = fresh()
        opt = make(m.parameters())
        losses = []
        for step in range(12):
            opt.zero_grad(set_to_none=to_none)
            m.head = 'a' if step % 2 == 0 else 'b'
            m.scaled = step % 3 == 1
            loss = F.mse_loss(m(X), y if m.head == 'a' else y2)
            loss.backward()
            opt.step()
            losses.append(loss.item())
        show('%s set_to_none=%s:' % (label, to_none), m, losses[::3] + [losses[-1]])

# 3. a frozen layer: frozen from the start it has no .grad and stays; frozen after it has one, zero_grad()
#    keeps a tensor of zeros and SGD's momentum and weight decay still move it, as in PyTorch
m = fresh()
m.head_b.weight.requires_grad = False
m.head = 'b'
opt = torch.optim.SGD(m.parameters(), lr=0.1, momentum=0.9, weight_decay=0.05)
losses = []
for step in range(6):
    if step == 3:
        m.trunk.bias.requires_grad = False
    opt.zero_grad()
    loss = F.mse_loss(m(X), y2)
    loss.backward()
    opt.step()
    losses.append(loss.item())
print('frozen:', nones(m), m.trunk.bias.grad.tolist())
show('frozen head_b.weight, trunk.bias from step 3:', m, losses)

# 4. leaf tensors: b is used only on even steps; with set_to_none=True it is skipped on odd ones
w = torch.tensor([[0.2], [-0.1], [0.3]], requires_grad=True)
b = torch.tensor([0.05], requires_grad=True)
opt = torch.optim.SGD([w, b], lr=0.1, momentum=0.5, weight_decay=0.2)
print('leaves fresh:', w.grad is None, b.grad is None)
losses = []
for step in range(5):
    opt.zero_grad(set_to_none=True)
    out = X.mm(w) + b if step % 2 == 0 else X.mm(w)
    loss = ((out - y) ** 2).mean()
    loss.backward()
    print('  step %d: b.grad is None %s' % (step, b.grad is None))
    opt.step()
    losses.append(loss.item())
print('leaves loss', ' '.join('%.17g' % v for v in losses))
print('  w', ' '.join('%.17g' % v for v in w.detach().view(-1).tolist()), 'b %.17g' % b.item())

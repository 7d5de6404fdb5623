# torch.optim.RMSprop (alpha, eps, weight_decay, momentum, centered) and torch.optim.Adagrad (lr_decay, weight_decay,
# initial_accumulator_value, eps) as PyTorch 1.13 computes them, also under a learning-rate schedule (which keeps
# their state), on a model with two heads used on alternate steps and a layer never used: with zero_grad() a head
# not used has a zero .grad and is updated (RMSprop's averages decay, its momentum moves it); with
# zero_grad(set_to_none=True) its .grad is None and the step passes over it (no state change, Adagrad's step count
# stays). RmspropAdagradTest runs this file through the bridge and compares what it prints with what PyTorch 1.13
# printed for it on CPython (/usr/bin/python3 src/test/resources/neuralglm/jython/rmsprop_adagrad.py; float64).
import math

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.optim import lr_scheduler

torch.set_default_dtype(torch.float64)

X = torch.tensor([[math.sin(0.7 * i + 0.3 * j) for j in range(3)] for i in range(10)])
y = torch.tensor([[math.cos(0.5 * i) + 0.1 * i] for i in range(10)])


class Heads(nn.Module):
    def __init__(self):
        super().__init__()
        self.trunk = nn.Linear(3, 4)
        self.head_a = nn.Linear(4, 1)
        self.head_b = nn.Linear(4, 1)
        self.unused = nn.Linear(4, 2)

    def forward(self, x, head='a'):
        h = torch.tanh(self.trunk(x))
        return self.head_a(h) if head == 'a' else self.head_b(h)


def fresh():
    m = Heads()
    with torch.no_grad():
        k = 0
        for name, p in m.named_parameters():
            p.copy_(torch.tensor([0.5 * math.sin(1.3 * (k + i) + 0.2) for i in range(p.numel())]).view(p.shape))
            k += p.numel()
    return m


def numbers(values):
    return ' '.join('%.17g' % v for v in values)


def run(label, make, to_none, schedule=None, steps=8):
    m = fresh()
    opt = make(m.parameters())
    sched = schedule(opt) if schedule else None
    losses = []
    for step in range(steps):
        opt.zero_grad(set_to_none=to_none)
        loss = F.mse_loss(m(X, head='a' if step % 3 != 2 else 'b'), y)
        loss.backward()
        opt.step()
        if sched:
            sched.step()
        losses.append(loss.item())
    print(label, 'set_to_none' if to_none else 'zero_grad', 'loss', numbers(losses),
          'lr', numbers([opt.param_groups[0]['lr']]))
    for name, p in m.named_parameters():
        print('  %s %s' % (name, numbers(p.detach().view(-1).tolist())))


configs = [
    ('rmsprop defaults', lambda p: torch.optim.RMSprop(p)),
    ('rmsprop alpha eps wd', lambda p: torch.optim.RMSprop(p, lr=0.02, alpha=0.9, eps=1e-6, weight_decay=0.05)),
    ('rmsprop momentum', lambda p: torch.optim.RMSprop(p, lr=0.01, momentum=0.8)),
    ('rmsprop centered', lambda p: torch.optim.RMSprop(p, lr=0.01, centered=True)),
    ('rmsprop centered momentum wd', lambda p: torch.optim.RMSprop(p, lr=0.005, alpha=0.95, eps=1e-7, weight_decay=0.01,
                                                                    momentum=0.5, centered=True)),
    ('adagrad defaults', lambda p: torch.optim.Adagrad(p)),
    ('adagrad lr_decay', lambda p: torch.optim.Adagrad(p, lr=0.1, lr_decay=0.05)),
    ('adagrad wd init eps', lambda p: torch.optim.Adagrad(p, lr=0.1, lr_decay=0.01, weight_decay=0.1,
                                                          initial_accumulator_value=0.2, eps=1e-6)),
]
for label, make in configs:
    for to_none in (False, True):
        run(label, make, to_none)

run('rmsprop momentum StepLR', lambda p: torch.optim.RMSprop(p, lr=0.02, momentum=0.7),
    False, lambda o: lr_scheduler.StepLR(o, step_size=3, gamma=0.5), 10)
run('adagrad lr_decay CosineAnnealingLR', lambda p: torch.optim.Adagrad(p, lr=0.2, lr_decay=0.1),
    True, lambda o: lr_scheduler.CosineAnnealingLR(o, T_max=6, eta_min=0.01), 10)

for name, make in [('RMSprop', lambda p: torch.optim.RMSprop(p, momentum=0.3, centered=True)),
                   ('Adagrad', lambda p: torch.optim.Adagrad(p, lr_decay=0.5, initial_accumulator_value=0.1))]:
    g = make(fresh().parameters()).param_groups[0]
    print(name, 'group', ' '.join('%s=%s' % (k, g[k]) for k in sorted(k for k in g if k != 'params')))

# nn.BatchNorm1d as PyTorch 1.13's on an n x C input: training mode normalises with the batch mean and biased
# batch variance and moves the running statistics (unbiased variance; momentum, or momentum=None's cumulative
# average), num_batches_tracked counts; eval mode uses the running statistics; gradients through the batch
# statistics; SGD and Adam steps of a model with a BatchNorm1d (in a Python module and in nn.Sequential);
# affine=False, track_running_stats=False; state_dict names and order, load_state_dict and deepcopy round trips;
# train()/eval() reaching the children; a batch of one row in training mode. BatchNormTest runs this file through
# the bridge and compares what it prints with what PyTorch 1.13 printed for it on CPython
# (/usr/bin/python3 src/test/resources/neuralglm/jython/batchnorm1d.py; float64, as the bridge computes).
import copy
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)

X = torch.tensor([[3.0 * math.sin(0.7 * i + 0.3 * j) + j for j in range(3)] for i in range(8)])
y = torch.tensor([[math.cos(0.5 * i)] for i in range(8)])


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
    def __init__(self, **options):
        super().__init__()
        self.fc1 = nn.Linear(3, 4, bias=False)  # no bias before a batch norm (its gradient would be rounding noise)
        self.bn = nn.BatchNorm1d(4, **options)
        self.fc2 = nn.Linear(4, 1)

    def forward(self, x):
        return self.fc2(torch.tanh(self.bn(self.fc1(x))))


bn = nn.BatchNorm1d(3)
print(bn, bn.training, bn.momentum, bn.eps)
print('params', [(n, tuple(p.shape)) for n, p in bn.named_parameters()])
print('state', list(bn.state_dict().keys()))
print('init', numbers(bn.weight), numbers(bn.bias), numbers(bn.running_mean), numbers(bn.running_var),
      bn.num_batches_tracked.item())

# one training forward and backward, input requiring a gradient
x = X.clone().requires_grad_(True)
out = bn(x)
print('train out', numbers(out))
print('batch mean, var', numbers(out.mean(0)), numbers(out.var(0, unbiased=False)))
print('running', numbers(bn.running_mean), numbers(bn.running_var), bn.num_batches_tracked.item())
w = torch.tensor([[math.cos(1.1 * i + 0.4 * j) for j in range(3)] for i in range(8)])
loss = (out * w).sum() + (out ** 3).sum() * 0.1
loss.backward()
print('loss', numbers(loss))
print('x.grad', numbers(x.grad))
print('weight.grad', numbers(bn.weight.grad), 'bias.grad', numbers(bn.bias.grad))
bn.eval()
print('eval', bn.training, numbers(bn(X[:3])))
print('eval one row', numbers(bn(X[5:6])))
bn.train()
for i in range(3):
    bn(X[i:i + 4] * (i + 1))
print('running after 4', numbers(bn.running_mean), numbers(bn.running_var), bn.num_batches_tracked.item())

# momentum=None: the cumulative average; momentum 0.3
for momentum in (None, 0.3):
    b = nn.BatchNorm1d(3, momentum=momentum)
    for i in range(4):
        b(X[i:i + 5] - i)
    print('momentum', momentum, numbers(b.running_mean), numbers(b.running_var), b.num_batches_tracked.item())
    b.eval()
    print('  eval', numbers(b(X[:2])))

# affine=False, track_running_stats=False (batch statistics in eval mode too), eps
b = nn.BatchNorm1d(3, affine=False, track_running_stats=False, eps=0.5)
print(b, b.weight, b.running_mean, list(b.state_dict().keys()), len(list(b.parameters())))
print('no stats train', numbers(b(X)))
b.eval()
print('no stats eval', numbers(b(X)))
b = nn.BatchNorm1d(3, affine=False)
xa = X.clone().requires_grad_(True)
(b(xa) ** 2 * w).sum().backward()
print('affine=False x.grad', numbers(xa.grad))

# a batch of one row in training mode
b = nn.BatchNorm1d(3)
try:
    b(X[:1])
    print('one row ran')
except ValueError as e:
    print('one row ValueError:', e)
print('after one row', b.num_batches_tracked.item())
try:
    b(torch.zeros(4, 2))
    print('wrong width ran')
except RuntimeError:
    print('wrong width RuntimeError')

# training a model with a BatchNorm1d: SGD with momentum, then Adam
for name, make in [('sgd', lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9)),
                   ('adam', lambda p: torch.optim.Adam(p, lr=0.05))]:
    model = fill(Net(), 1)
    opt = make(model.parameters())
    losses = []
    for step in range(5):
        opt.zero_grad()
        batch = slice(0, 8) if step % 2 == 0 else slice(2, 7)
        loss = F.mse_loss(model(X[batch]), y[batch])
        loss.backward()
        opt.step()
        losses.append(loss.item())
    print(name, 'loss', ' '.join('%.17g' % v for v in losses))
    for key, value in model.state_dict().items():
        print('  %s %s' % (key, numbers(value)))
    model.eval()
    print('  eval', model.training, model.bn.training, model.fc1.training, numbers(model(X)))
    model.train()
    print('  train', model.training, model.bn.training)

    # state_dict round trip and deepcopy
    twin = fill(Net(), 7)
    print('  load', twin.load_state_dict(copy.deepcopy(model.state_dict())))
    twin.eval()
    model.eval()
    print('  loaded eval diff', (twin(X) - model(X)).abs().max().item())
    clone = copy.deepcopy(model)
    print('  deepcopy', clone.training, clone.bn.training, (clone(X) - model(X)).abs().max().item(),
          clone.bn.running_mean is model.bn.running_mean)
    clone.train()
    clone(X)
    print('  copy trained', clone.bn.num_batches_tracked.item(), model.bn.num_batches_tracked.item())

# in nn.Sequential
seq = fill(nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4), nn.ReLU(), nn.Linear(4, 1)), 3)
print(seq)
print('seq state', list(seq.state_dict().keys()))
opt = torch.optim.SGD(seq.parameters(), lr=0.05)
for step in range(4):
    opt.zero_grad()
    loss = F.mse_loss(seq(X), y)
    loss.backward()
    opt.step()
    print('seq loss', '%.17g' % loss.item())
print('seq grads', ' '.join(numbers(p.grad) for p in seq.parameters()))
print('seq running', numbers(seq[1].running_mean), numbers(seq[1].running_var), seq[1].num_batches_tracked.item())
seq.eval()
print('seq eval', seq[1].training, numbers(seq(X)))

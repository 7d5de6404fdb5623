# The learning-rate schedulers added after the first six, as PyTorch 1.13: MultiplicativeLR, ConstantLR, LinearLR,
# PolynomialLR, CosineAnnealingWarmRestarts (step(), and step(epoch) with fractional epochs), CyclicLR (triangular,
# triangular2, exp_range, a scale_fn), OneCycleLR (cos, linear, three_phase, epochs * steps_per_epoch), SequentialLR and
# ChainedScheduler; get_last_lr(), last_epoch and the rates reaching the optimisers over ~30 steps, with optimiser
# steps in between (engine optimisers and optimisers written in Python), cycle_momentum over a Python optimiser's
# 'momentum' and 'betas', and state_dict/load_state_dict (a scheduler resumed half way continues as the original).
# LrSchedulerMoreTest compares the printout with PyTorch 1.13's on CPython (float64).
from __future__ import print_function, division

import math

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.optim import lr_scheduler as S

torch.set_default_dtype(torch.float64)

X = torch.tensor([[math.sin(0.7 * i + 0.3 * j) for j in range(3)] for i in range(12)])
y = torch.tensor([[math.cos(0.5 * i) + 0.1 * i] for i in range(12)])


class MySGD(torch.optim.Optimizer):
    """SGD with heavy-ball momentum, written in Python."""

    def __init__(self, params, lr=0.01, momentum=0.0):
        super(MySGD, self).__init__(params, dict(lr=lr, momentum=momentum))

    def step(self, closure=None):
        with torch.no_grad():
            for group in self.param_groups:
                for p in group['params']:
                    if p.grad is None:
                        continue
                    state = self.state[p]
                    if 'buf' not in state:
                        state['buf'] = p.grad.clone()
                    else:
                        state['buf'].mul_(group['momentum']).add_(p.grad)
                    p.add_(state['buf'], alpha=-group['lr'])


class MyEma(torch.optim.Optimizer):
    """A step along an exponential average of the gradients (weight betas[0]), written in Python."""

    def __init__(self, params, lr=0.01, betas=(0.9, 0.999)):
        super(MyEma, self).__init__(params, dict(lr=lr, betas=betas))

    def step(self, closure=None):
        with torch.no_grad():
            for group in self.param_groups:
                b1 = group['betas'][0]
                for p in group['params']:
                    state = self.state[p]
                    if 'm' not in state:
                        state['m'] = torch.zeros_like(p)
                    state['m'].mul_(b1).add_(p.grad, alpha=1 - b1)
                    p.add_(state['m'], alpha=-group['lr'])


def fresh():
    model = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 1))
    with torch.no_grad():
        k = 0
        for name, p in model.named_parameters():
            p.copy_(torch.tensor([0.5 * math.sin(1.3 * (k + i) + 0.2) for i in range(p.numel())]).view(p.shape))
            k += p.numel()
    return model


def numbers(values):
    return ' '.join('%.17g' % v for v in values)


def momentum_of(group):
    if 'betas' in group:
        return group['betas'][0]
    return group.get('momentum', -1)


def run(label, make_opt, make_sched, steps, with_momentum=False, train_every=3, epoch_of=None):
    """steps scheduler steps; an optimiser step every train_every steps; prints the rates and the final loss."""
    model = fresh()
    opt = make_opt(model.parameters())
    sched = make_sched(opt)
    group = opt.param_groups[0]
    lrs, moms, lasts, losses = [group['lr']], [momentum_of(group)], [], []
    for k in range(steps):
        if k % train_every == 0:
            opt.zero_grad()
            loss = F.mse_loss(model(X), y)
            loss.backward()
            opt.step()
            losses.append(loss.item())
        if epoch_of is None:
            sched.step()
        else:
            sched.step(epoch_of(k))
        lrs.append(group['lr'])
        lasts.append(sched.get_last_lr()[0])
        moms.append(momentum_of(group))
    print(label, 'last_epoch', getattr(sched, 'last_epoch', '-'))
    print('  lr', numbers(lrs))
    print('  last_lr equal', lasts == lrs[1:])
    if with_momentum:
        print('  momentum', numbers(moms))
    print('  loss', numbers(losses))
    return model, opt, sched


def resume(label, make_opt, make_sched, before, after):
    """A scheduler stepped `before` times, saved, loaded into a new one on a new optimiser, stepped `after` more,
    against the original stepped as far."""
    opt = make_opt(fresh().parameters())
    sched = make_sched(opt)
    for _ in range(before):
        sched.step()
    state = sched.state_dict()
    opt2 = make_opt(fresh().parameters())
    sched2 = make_sched(opt2)
    sched2.load_state_dict(state)
    opt2.param_groups[0]['lr'] = opt.param_groups[0]['lr']
    a, b = [], []
    for _ in range(after):
        sched.step()
        sched2.step()
        a.append(sched.get_last_lr()[0])
        b.append(sched2.get_last_lr()[0])
    print(label, 'resumed', getattr(sched2, 'last_epoch', '-'), numbers(b), 'same', a == b)


sgd = lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9)
adam = lambda p: torch.optim.Adam(p, lr=0.02)

run('MultiplicativeLR sgd', sgd, lambda o: S.MultiplicativeLR(o, lambda e: 0.95 if e % 2 else 0.9), 30)
run('ConstantLR adam', adam, lambda o: S.ConstantLR(o, factor=0.5, total_iters=4), 30)
run('ConstantLR defaults', sgd, lambda o: S.ConstantLR(o), 10)
run('LinearLR sgd', sgd, lambda o: S.LinearLR(o, start_factor=0.25, total_iters=8), 30)
run('LinearLR down', adam, lambda o: S.LinearLR(o, start_factor=1.0, end_factor=0.1, total_iters=20), 30)
run('PolynomialLR power 2', sgd, lambda o: S.PolynomialLR(o, total_iters=12, power=2.0), 30)
run('PolynomialLR defaults', adam, lambda o: S.PolynomialLR(o), 8)
run('CosineAnnealingWarmRestarts T_0 5 T_mult 2', sgd,
    lambda o: S.CosineAnnealingWarmRestarts(o, T_0=5, T_mult=2, eta_min=0.001), 40)
run('CosineAnnealingWarmRestarts T_0 4', adam, lambda o: S.CosineAnnealingWarmRestarts(o, T_0=4), 30)
run('CosineAnnealingWarmRestarts fractional T_mult 2', sgd,
    lambda o: S.CosineAnnealingWarmRestarts(o, T_0=3, T_mult=2, eta_min=0.01), 36, epoch_of=lambda k: k / 4)
run('CosineAnnealingWarmRestarts fractional T_mult 1', adam,
    lambda o: S.CosineAnnealingWarmRestarts(o, T_0=2), 30, epoch_of=lambda k: (k + 1) / 3)
run('CyclicLR triangular sgd', sgd,
    lambda o: S.CyclicLR(o, base_lr=0.01, max_lr=0.1, step_size_up=4, cycle_momentum=False), 30)
run('CyclicLR triangular2 adam', adam,
    lambda o: S.CyclicLR(o, 0.001, 0.05, step_size_up=3, step_size_down=5, mode='triangular2',
                         cycle_momentum=False), 30)
run('CyclicLR exp_range', sgd,
    lambda o: S.CyclicLR(o, 0.01, 0.2, step_size_up=5, mode='exp_range', gamma=0.97, cycle_momentum=False), 30)
run('CyclicLR scale_fn iterations', sgd,
    lambda o: S.CyclicLR(o, 0.01, 0.2, step_size_up=3, scale_fn=lambda x: 1.0 / (1.0 + 0.1 * x),
                         scale_mode='iterations', cycle_momentum=False), 30)
run('CyclicLR scale_fn cycle', sgd,
    lambda o: S.CyclicLR(o, 0.01, 0.2, step_size_up=3, scale_fn=lambda x: 0.8 ** x, cycle_momentum=False), 30)
run('CyclicLR momentum python sgd', lambda p: MySGD(p, lr=0.1, momentum=0.9),
    lambda o: S.CyclicLR(o, 0.01, 0.1, step_size_up=4, base_momentum=0.8, max_momentum=0.95), 30, with_momentum=True)
run('OneCycleLR cos sgd', sgd, lambda o: S.OneCycleLR(o, max_lr=0.2, total_steps=30, cycle_momentum=False), 30)
run('OneCycleLR linear adam', adam,
    lambda o: S.OneCycleLR(o, max_lr=0.05, total_steps=31, anneal_strategy='linear', pct_start=0.25,
                           div_factor=10., final_div_factor=100., cycle_momentum=False), 30)
run('OneCycleLR three_phase', sgd,
    lambda o: S.OneCycleLR(o, max_lr=0.3, epochs=6, steps_per_epoch=5, three_phase=True, cycle_momentum=False), 30)
run('OneCycleLR momentum python sgd', lambda p: MySGD(p, lr=0.1, momentum=0.9),
    lambda o: S.OneCycleLR(o, max_lr=0.1, total_steps=30), 30, with_momentum=True)
run('OneCycleLR betas python three_phase linear', lambda p: MyEma(p, lr=0.1, betas=(0.9, 0.99)),
    lambda o: S.OneCycleLR(o, max_lr=0.1, total_steps=30, three_phase=True, anneal_strategy='linear',
                           base_momentum=0.7, max_momentum=0.9), 30, with_momentum=True)
run('SequentialLR warm-up then cosine', sgd,
    lambda o: S.SequentialLR(o, [S.LinearLR(o, start_factor=0.1, total_iters=5),
                                 S.CosineAnnealingLR(o, T_max=10, eta_min=0.005)], milestones=[5]), 30)
run('SequentialLR three', adam,
    lambda o: S.SequentialLR(o, [S.ConstantLR(o, factor=0.1, total_iters=2), S.ExponentialLR(o, gamma=0.9),
                                 S.StepLR(o, step_size=4, gamma=0.5)], milestones=[3, 12]), 30)
run('ChainedScheduler constant exponential', sgd,
    lambda o: S.ChainedScheduler([S.ConstantLR(o, factor=0.1, total_iters=2), S.ExponentialLR(o, gamma=0.9)]), 30)
run('ChainedScheduler linear cosine python', lambda p: MySGD(p, lr=0.1, momentum=0.5),
    lambda o: S.ChainedScheduler([S.LinearLR(o, start_factor=0.5, total_iters=6),
                                  S.CosineAnnealingLR(o, T_max=8, eta_min=0.0)]), 30)
run('MultiplicativeLR python', lambda p: MySGD(p, lr=0.05), lambda o: S.MultiplicativeLR(o, lambda e: 0.97), 30)

resume('MultiplicativeLR', sgd, lambda o: S.MultiplicativeLR(o, lambda e: 0.9), 4, 5)
resume('ConstantLR', sgd, lambda o: S.ConstantLR(o, factor=0.5, total_iters=6), 3, 5)
resume('LinearLR', adam, lambda o: S.LinearLR(o, start_factor=0.2, total_iters=8), 3, 8)
resume('PolynomialLR', sgd, lambda o: S.PolynomialLR(o, total_iters=10, power=1.5), 4, 8)
resume('CosineAnnealingWarmRestarts', sgd, lambda o: S.CosineAnnealingWarmRestarts(o, T_0=3, T_mult=2), 7, 10)
resume('CyclicLR', sgd, lambda o: S.CyclicLR(o, 0.01, 0.1, step_size_up=3, mode='triangular2',
                                             cycle_momentum=False), 5, 10)
resume('OneCycleLR', adam, lambda o: S.OneCycleLR(o, 0.1, total_steps=20, cycle_momentum=False), 6, 10)
resume('SequentialLR', sgd, lambda o: S.SequentialLR(o, [S.ConstantLR(o, factor=0.5, total_iters=3),
                                                         S.ExponentialLR(o, gamma=0.8)], milestones=[4]), 2, 8)
resume('ChainedScheduler', sgd, lambda o: S.ChainedScheduler([S.StepLR(o, 2, 0.5), S.ExponentialLR(o, 0.9)]), 3, 6)

# what a OneCycleLR writes into the group, and PyTorch's checks
o = MySGD(fresh().parameters(), lr=0.1, momentum=0.9)
S.OneCycleLR(o, max_lr=0.4, total_steps=10)
g = o.param_groups[0]
print('OneCycleLR group', ' '.join('%s=%.17g' % (k, g[k]) for k in sorted(g) if k != 'params'))
for make in [lambda: S.OneCycleLR(sgd(fresh().parameters()), max_lr=0.1),
             lambda: S.OneCycleLR(sgd(fresh().parameters()), max_lr=0.1, total_steps=10, pct_start=1),
             lambda: S.OneCycleLR(sgd(fresh().parameters()), max_lr=0.1, total_steps=10, anneal_strategy='exp'),
             lambda: S.CyclicLR(adam(fresh().parameters()), 0.01, 0.1),
             lambda: S.CyclicLR(sgd(fresh().parameters()), 0.01, 0.1, mode='nope', cycle_momentum=False),
             lambda: S.CosineAnnealingWarmRestarts(sgd(fresh().parameters()), T_0=0),
             lambda: S.LinearLR(sgd(fresh().parameters()), start_factor=1.5),
             lambda: S.ConstantLR(sgd(fresh().parameters()), factor=-1),
             lambda: S.SequentialLR(sgd(fresh().parameters()), [S.StepLR(sgd(fresh().parameters()), 2)], [3])]:
    try:
        make()
        print('made')
    except ValueError as e:
        print('ValueError', e)
o = sgd(fresh().parameters())
s = S.OneCycleLR(o, max_lr=0.1, total_steps=3, cycle_momentum=False)
try:
    for _ in range(4):
        s.step()
except ValueError as e:
    print('ValueError', e)

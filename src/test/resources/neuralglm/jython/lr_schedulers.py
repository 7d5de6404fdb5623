# torch.optim.lr_scheduler and optimizer.param_groups as PyTorch 1.13: StepLR, MultiStepLR, ExponentialLR, LambdaLR,
# CosineAnnealingLR (past T_max too) and ReduceLROnPlateau (min mode, factor, patience, rel threshold, cooldown,
# min_lr) over SGD (momentum, Nesterov, weight decay), Adam and AdamW: the step at construction, get_last_lr(),
# last_epoch, param_groups[0]['lr'] and 'initial_lr', and the learning rates reaching the optimisers, whose state
# (momentum, Adam's moments) a change of lr keeps; also a warm-up written by hand (g['lr'] = ...). LrSchedulerTest
# runs this file through the bridge and compares what it prints with what PyTorch 1.13 printed for it on CPython
# (/usr/bin/python3 src/test/resources/neuralglm/jython/lr_schedulers.py; float64, as the bridge computes).
import math

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.optim import lr_scheduler

torch.set_default_dtype(torch.float64)

X = torch.tensor([[math.sin(0.7 * i + 0.3 * j) for j in range(3)] for i in range(12)])
y = torch.tensor([[math.cos(0.5 * i) + 0.1 * i] for i in range(12)])


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


def last_lr(sched):
    # ReduceLROnPlateau of PyTorch 1.13 has no get_last_lr(), only _last_lr
    return sched._last_lr if isinstance(sched, lr_scheduler.ReduceLROnPlateau) else sched.get_last_lr()


def train(label, make_optimizer, make_scheduler, epochs, metric=None):
    model = fresh()
    opt = make_optimizer(model.parameters())
    sched = make_scheduler(opt)
    group = opt.param_groups[0]
    print(label, 'start: last_epoch', sched.last_epoch, 'lr', numbers([group['lr']]), 'initial_lr',
          numbers([group['initial_lr']]) if 'initial_lr' in group else '-', 'last', numbers(last_lr(sched))
          if hasattr(sched, '_last_lr') else '-')
    for epoch in range(epochs):
        opt.zero_grad()
        loss = F.mse_loss(model(X), y)
        loss.backward()
        opt.step()
        if metric is None:
            sched.step()
            extra = ''
        else:
            sched.step(metric(epoch, loss.item()))
            extra = ' bad %d cooldown %d best %.17g' % (sched.num_bad_epochs, sched.cooldown_counter, sched.best)
        print('  epoch %d loss %.17g last_epoch %d last_lr %s group_lr %s%s'
              % (epoch, loss.item(), sched.last_epoch, numbers(last_lr(sched)), numbers([group['lr']]), extra))
    print('  params', numbers(torch.cat([p.detach().view(-1) for p in model.parameters()]).tolist()))


train('StepLR sgd momentum', lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9),
      lambda o: lr_scheduler.StepLR(o, step_size=3, gamma=0.5), 10)
train('MultiStepLR adam', lambda p: torch.optim.Adam(p, lr=0.05),
      lambda o: lr_scheduler.MultiStepLR(o, milestones=[2, 5, 5, 8], gamma=0.3), 10)
train('ExponentialLR sgd nesterov wd', lambda p: torch.optim.SGD(p, lr=0.2, momentum=0.5, nesterov=True, weight_decay=0.01),
      lambda o: lr_scheduler.ExponentialLR(o, gamma=0.8), 8)
train('LambdaLR adamw', lambda p: torch.optim.AdamW(p, lr=0.03, weight_decay=0.1),
      lambda o: lr_scheduler.LambdaLR(o, lr_lambda=lambda e: 1.0 / (1 + 0.5 * e)), 8)
train('LambdaLR list sgd', lambda p: torch.optim.SGD(p, lr=0.1),
      lambda o: lr_scheduler.LambdaLR(o, [lambda e: 0.9 ** e]), 5)
train('CosineAnnealingLR sgd momentum', lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9),
      lambda o: lr_scheduler.CosineAnnealingLR(o, T_max=4, eta_min=0.01), 13)
train('CosineAnnealingLR adam eta_min 0', lambda p: torch.optim.Adam(p, lr=0.02),
      lambda o: lr_scheduler.CosineAnnealingLR(o, 5), 7)
plateau = [1.0, 0.9, 0.9, 0.95, 0.89995, 0.7, 0.7, 0.71, 0.7, 0.69999, 0.5, 0.6, 0.6, 0.6, 0.6, 0.6]
train('ReduceLROnPlateau sgd momentum', lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9),
      lambda o: lr_scheduler.ReduceLROnPlateau(o, mode='min', factor=0.5, patience=1, cooldown=1, min_lr=0.02),
      16, metric=lambda epoch, loss: plateau[epoch])
train('ReduceLROnPlateau adam defaults', lambda p: torch.optim.Adam(p, lr=0.05),
      lambda o: lr_scheduler.ReduceLROnPlateau(o), 14, metric=lambda epoch, loss: 1.0 if epoch > 1 else 2.0)
train('ReduceLROnPlateau on the loss', lambda p: torch.optim.SGD(p, lr=0.3),
      lambda o: lr_scheduler.ReduceLROnPlateau(o, factor=0.1, patience=0, threshold=0.05), 8,
      metric=lambda epoch, loss: torch.tensor(loss))

# a scheduler's state_dict, and one resumed from it
model = fresh()
opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
sched = lr_scheduler.StepLR(opt, step_size=1, gamma=0.5)
sched.step()
state = sched.state_dict()
print('state_dict', state['base_lrs'], state['last_epoch'], state['_last_lr'], 'optimizer' in state)
again = lr_scheduler.StepLR(opt, step_size=1, gamma=0.5)
again.load_state_dict(state)
again.step()
print('resumed', again.last_epoch, again.get_last_lr(), opt.param_groups[0]['initial_lr'])

# a warm-up by hand: for g in optimizer.param_groups: g['lr'] = ...
for name, make in [('sgd', lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9)), ('adam', lambda p: torch.optim.Adam(p, lr=0.05))]:
    model = fresh()
    opt = make(model.parameters())
    print('hand warm-up', name, 'groups', len(opt.param_groups), 'lr', opt.param_groups[0]['lr'],
          'params in group', len(opt.param_groups[0]['params']))
    losses = []
    for epoch in range(6):
        for g in opt.param_groups:
            g['lr'] = 0.05 * min(1.0, (epoch + 1) / 3.0)
        opt.zero_grad()
        loss = F.mse_loss(model(X), y)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    print('  loss', numbers(losses), 'lr', opt.param_groups[0]['lr'])
    print('  params', numbers(torch.cat([p.detach().view(-1) for p in model.parameters()]).tolist()))

# what a parameter group holds, as PyTorch 1.13 lists it
for name, make in [('SGD', lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.5, nesterov=True)),
                   ('Adam', lambda p: torch.optim.Adam(p)), ('AdamW', lambda p: torch.optim.AdamW(p, lr=0.01, betas=(0.8, 0.99)))]:
    opt = make(fresh().parameters())
    g = opt.param_groups[0]
    print(name, 'group', ' '.join('%s=%s' % (k, g[k]) for k in sorted(k for k in g if k != 'params')))

from __future__ import print_function, division
import torch
import torch.nn as nn
X = torch.tensor([[1., 2.], [3., -1.], [0.5, 0.5], [-2., 1.]], dtype=torch.float64)
y = torch.tensor([[1.], [2.], [0.5], [-1.]], dtype=torch.float64)
for name, kw in (('SGD', {'momentum': 0.9}), ('SGD', {}), ('Adam', {}), ('AdamW', {}), ('RMSprop', {'momentum': 0.5}), ('RMSprop', {})):
    lin = nn.Linear(2, 1).double()
    with torch.no_grad():
        lin.weight.copy_(torch.tensor([[0.3, -0.2]])); lin.bias.fill_(0.05)
    opt = getattr(torch.optim, name)(lin.parameters(), lr=0.1, **kw)
    sch = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=0.05, total_steps=12)
    for i in range(12):
        opt.zero_grad()
        loss = ((lin(X) - y) ** 2).mean()
        loss.backward()
        opt.step(); sch.step()
    key = 'betas' if 'betas' in opt.param_groups[0] else 'momentum'
    print(name, kw, '%.12f' % loss.item(), ['%.10f' % v for v in lin.weight.detach().reshape(-1).tolist()], opt.param_groups[0][key])
lin = nn.Linear(2, 1).double()
with torch.no_grad():
    lin.weight.copy_(torch.tensor([[0.3, -0.2]])); lin.bias.fill_(0.05)
opt = torch.optim.SGD(lin.parameters(), lr=0.1, momentum=0.9)
sch = torch.optim.lr_scheduler.CyclicLR(opt, base_lr=0.01, max_lr=0.1, step_size_up=3)
for i in range(9):
    opt.zero_grad(); loss = ((lin(X) - y) ** 2).mean(); loss.backward(); opt.step(); sch.step()
print('cyclic', '%.12f' % loss.item(), opt.param_groups[0]['momentum'])

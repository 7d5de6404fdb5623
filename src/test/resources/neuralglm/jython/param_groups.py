from __future__ import print_function
import torch
import torch.nn as nn
X = torch.tensor([[0.5, 1.0], [1.5, -0.5], [-1.0, 2.0], [2.0, 0.3]], dtype=torch.float64)
y = torch.tensor([[1.], [0.], [2.], [0.5]], dtype=torch.float64)
for name in ('SGD', 'Adam', 'AdamW', 'RMSprop', 'Adagrad'):
    model = nn.Sequential(nn.Linear(2, 3), nn.Tanh(), nn.Linear(3, 1)).double()
    with torch.no_grad():
        model[0].weight.copy_(torch.tensor([[0.1, -0.2], [0.3, 0.4], [-0.5, 0.2]], dtype=torch.float64)); model[0].bias.fill_(0.1)
        model[2].weight.copy_(torch.tensor([[0.3, -0.1, 0.2]], dtype=torch.float64)); model[2].bias.fill_(0.0)
    cls = getattr(torch.optim, name)
    extra = {'momentum': 0.9} if name in ('SGD', 'RMSprop') else {}
    opt = cls([{'params': model[0].parameters(), 'weight_decay': 0.01}, {'params': model[2].parameters(), 'lr': 0.05}], lr=0.1, **extra)
    sched = torch.optim.lr_scheduler.StepLR(opt, step_size=2, gamma=0.5)
    for epoch in range(4):
        opt.zero_grad()
        loss = ((model(X) - y) ** 2).mean()
        loss.backward()
        opt.step()
        sched.step()
    print(name, '%.12f' % loss.item(), ['%.10f' % v for v in model[2].weight.detach().reshape(-1).tolist()], sched.get_last_lr(), isinstance(opt, cls), isinstance(opt, torch.optim.Optimizer))
    sd = opt.state_dict()
    print(sorted(sd['state'].keys()), [g['params'] for g in sd['param_groups']], [g['lr'] for g in sd['param_groups']], [g['weight_decay'] for g in sd['param_groups']])
print(opt)
opt2 = torch.optim.Adagrad([{'params': model[0].parameters(), 'weight_decay': 0.01}, {'params': model[2].parameters(), 'lr': 0.05}], lr=0.1)
opt2.load_state_dict(sd)
print(opt2.state_dict()['param_groups'][1]['lr'], sorted(opt2.state_dict()['state'].keys()))
print(isinstance(torch.optim.SGD(model.parameters(), lr=0.1), torch.optim.SGD), isinstance(torch.optim.SGD(model.parameters(), lr=0.1), torch.optim.Adam))

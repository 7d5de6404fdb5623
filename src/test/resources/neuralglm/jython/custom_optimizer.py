import torch
import torch.nn as nn

class MySGD(torch.optim.Optimizer):
    def __init__(self, params, lr=0.1, momentum=0.0):
        super(MySGD, self).__init__(params, dict(lr=lr, momentum=momentum))

    @torch.no_grad()
    def step(self, closure=None):
        loss = None
        if closure is not None:
            with torch.enable_grad():
                loss = closure()
        for group in self.param_groups:
            for p in group['params']:
                if p.grad is None:
                    continue
                state = self.state[p]
                if len(state) == 0:
                    state['buf'] = torch.zeros_like(p)
                buf = state['buf']
                buf.mul_(group['momentum']).add_(p.grad)
                p.add_(buf, alpha=-group['lr'])
        return loss

X = torch.tensor([[0.5, 1.0], [1.5, -0.5], [-1.0, 2.0], [2.0, 0.3]], dtype=torch.float64)
y = torch.tensor([[1.], [0.], [2.], [0.5]], dtype=torch.float64)
model = nn.Sequential(nn.Linear(2, 3), nn.Tanh(), nn.Linear(3, 1)).double()
with torch.no_grad():
    model[0].weight.copy_(torch.tensor([[0.1, -0.2], [0.3, 0.4], [-0.5, 0.2]])); model[0].bias.fill_(0.1)
    model[2].weight.copy_(torch.tensor([[0.3, -0.1, 0.2]])); model[2].bias.fill_(0.0)
opt = MySGD([{'params': model[0].parameters()}, {'params': model[2].parameters(), 'lr': 0.05}], lr=0.1, momentum=0.9)
sched = torch.optim.lr_scheduler.StepLR(opt, step_size=2, gamma=0.5)
for epoch in range(5):
    opt.zero_grad()
    loss = ((model(X) - y) ** 2).mean()
    loss.backward()
    opt.step()
    sched.step()
    print('%d %.12f %s' % (epoch, loss.item(), sched.get_last_lr()))
print(opt)
sd = opt.state_dict()
print('%s %s %s %s' % (sorted(sd['state'].keys()), sd['param_groups'][1]['params'], sd['param_groups'][1]['lr'], isinstance(opt, torch.optim.Optimizer)))
sgd = torch.optim.SGD(model.parameters(), lr=0.01)
def closure():
    sgd.zero_grad()
    l = ((model(X) - y) ** 2).mean()
    l.backward()
    return l
print('%.10f %s' % (sgd.step(closure).item(), isinstance(sgd, torch.optim.Optimizer)))
import warnings
warnings.simplefilter('ignore')
for p in model.parameters():
    p.data.add_(-0.01, p.grad.data)
print('%.10f' % ((model(X) - y) ** 2).mean().item())

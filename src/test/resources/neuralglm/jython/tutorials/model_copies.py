# A PyTorch tutorial idiom, written as PyTorch code; TutorialScriptsTest runs it through the bridge and
# compares what it prints with what PyTorch 1.13 printed for it on CPython.
# Keeping the best model: copy.deepcopy of a model (parameters, a Sequential with a ReLU and a Dropout, a
# ModuleList, other attributes) and of its state_dict; the copy shares nothing with the original: training
# one leaves the other, and both train alike, also with their forwards interleaved.
import copy
import torch
import torch.nn as nn
import torch.nn.functional as F

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.scale = nn.Parameter(torch.tensor([2.0]))
        self.body = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Dropout(0.0), nn.Linear(3, 1))
        self.heads = nn.ModuleList([nn.Linear(1, 1), nn.Linear(1, 1)])
        self.tag = {'name': 'net', 'sizes': [2, 3, 1]}
    def forward(self, x):
        h = self.body(x) * self.scale
        return self.heads[0](h) + self.heads[1](h)

net = Net()
values = [0.1, -0.2, 0.3, 0.4, -0.5, 0.6, 0.01, -0.02, 0.03, 0.7, -0.8, 0.9, 0.05, 0.5, 0.1, -0.3, 0.2, 0.15]
with torch.no_grad():
    k = 0
    for p in net.parameters():
        n = p.numel()
        p.copy_(torch.tensor(values[k:k + n]).view(p.shape))
        k += n
X = torch.tensor([[0.1, 0.2], [0.4, -0.3], [-0.5, 0.8], [1.0, 0.0]])
y = torch.tensor([[0.5], [0.1], [1.2], [0.9]])
net.heads[1].weight.requires_grad = False
F.mse_loss(net(X), y).backward()
best = copy.deepcopy(net)
best_state = copy.deepcopy(net.state_dict())
print(best)
print([n for n, _ in best.named_parameters()], best.tag['sizes'], best.tag is net.tag, best.scale is net.scale)
print([p.requires_grad for p in best.parameters()], best.heads[1].weight.requires_grad)
t0 = torch.tensor([3.0], requires_grad=True)
(t0 * 2).sum().backward()
print(copy.deepcopy(t0).grad)
opt = torch.optim.SGD(net.parameters(), lr=0.5, momentum=0.9)
for step in range(10):
    opt.zero_grad()
    loss = F.mse_loss(net(X), y)
    loss.backward()
    opt.step()
print('trained %.10f copy %.10f' % (F.mse_loss(net(X), y).item(), F.mse_loss(best(X), y).item()))
opt2 = torch.optim.SGD(best.parameters(), lr=0.5, momentum=0.9)
for step in range(10):
    opt2.zero_grad()
    loss2 = F.mse_loss(best(X), y)
    with torch.no_grad():
        net(X)
    loss2.backward()
    opt2.step()
print('copy trained %.10f' % loss2.item(), torch.allclose(best(X), net(X)))
net.load_state_dict(best_state)
print('restored %.10f' % F.mse_loss(net(X), y).item())
t = torch.tensor([1.0, 2.0], requires_grad=True)
u = copy.deepcopy(t)
print(u, u.requires_grad, u is t)

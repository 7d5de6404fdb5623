# A PyTorch tutorial idiom, written as PyTorch code; TutorialScriptsTest runs it through the bridge and
# compares what it prints with what PyTorch 1.13 printed for it on CPython.
# Buffers and checkpoints: register_buffer (persistent or not) for a model's fixed statistics and counters,
# state_dict with buffers in PyTorch's order, named_buffers, named_modules, load_state_dict and what it
# returns, load_state_dict(strict=False) with missing and unexpected keys, deepcopy of a model with buffers.
import copy
import torch
import torch.nn as nn

class Standardise(nn.Module):
    def __init__(self, mean, std):
        super().__init__()
        self.register_buffer('mean', mean)
        self.register_buffer('std', std)
        self.register_buffer('scratch', torch.zeros(1), persistent=False)
    def forward(self, x):
        return (x - self.mean) / self.std

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.norm = Standardise(torch.tensor([1.0, 2.0]), torch.tensor([0.5, 4.0]))
        self.fc = nn.Linear(2, 1)
        self.register_buffer('steps', torch.tensor(0))
    def forward(self, x):
        self.steps += 1
        return self.fc(self.norm(x))

net = Net()
with torch.no_grad():
    net.fc.weight.copy_(torch.tensor([[0.3, -0.7]]))
    net.fc.bias.fill_(0.1)
x = torch.tensor([[1.5, 2.0], [0.0, 10.0]])
print(net(x).detach())
print(list(net.state_dict().keys()))
print([n for n, _ in net.named_buffers()], [n for n, _ in net.named_parameters()])
print([n for n, _ in net.named_modules()])
print(sum(p.numel() for p in net.parameters()), len(list(net.buffers())))
sd = copy.deepcopy(net.state_dict())
net2 = Net()
print(net2.load_state_dict(sd))
print(net2(x).tolist(), net2.steps.item())
sd2 = {'fc.weight': torch.tensor([[1.0, 1.0]])}
print(net2.load_state_dict(sd2, strict=False))
print(net2.fc.weight.tolist(), net2.fc.bias.tolist())
lin = nn.Linear(2, 1)
print(lin.load_state_dict({'weight': torch.tensor([[2.0, 3.0]]), 'bias': torch.tensor([0.5])}))
print(lin.load_state_dict({'weight': torch.tensor([[2.0, 3.0]]), 'extra': torch.tensor([1.0])}, strict=False))
print(lin(torch.tensor([[1.0, 1.0]])).tolist())
opt = torch.optim.SGD(net.parameters(), lr=0.1)
loss = net(x).pow(2).mean()
loss.backward()
opt.step()
print(net.norm.mean.tolist(), net.steps.item(), '%.10f' % net.fc.weight[0, 0].item())
best = copy.deepcopy(net)
print(best.steps.item(), list(best.state_dict().keys()))

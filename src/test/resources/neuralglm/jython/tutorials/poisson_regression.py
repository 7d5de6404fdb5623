# A PyTorch tutorial idiom, written as PyTorch code; TutorialScriptsTest runs it through the bridge and
# compares what it prints with what PyTorch 1.13 printed for it on CPython (Python 2.7 syntax for Jython).
# Poisson regression: nn.PoissonNLLLoss on log rates, optim.SGD.
import torch
import torch.nn as nn
import torch.optim as optim

x = torch.linspace(0, 1, 12).unsqueeze(1)
counts = torch.tensor([1., 0., 2., 1., 3., 2., 4., 3., 5., 6., 5., 8.]).view(-1, 1)
model = nn.Linear(1, 1)
with torch.no_grad():
    model.weight.fill_(0.5)
    model.bias.fill_(0.0)
loss_fn = nn.PoissonNLLLoss()
opt = optim.SGD(model.parameters(), lr=0.1)
for step in range(300):
    opt.zero_grad()
    loss = loss_fn(model(x), counts)
    loss.backward()
    opt.step()
print('poisson loss %.10f' % loss.item())
print('w %.10f b %.10f' % (model.weight.item(), model.bias.item()))
with torch.no_grad():
    rate = torch.exp(model(x))
print('rate mean %.6f vs counts mean %.6f' % (rate.mean().item(), counts.mean().item()))
full = nn.PoissonNLLLoss(log_input=True, full=False, reduction='sum')
print('sum %.6f' % full(model(x), counts).item())

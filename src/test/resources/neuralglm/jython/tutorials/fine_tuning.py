# A PyTorch tutorial idiom, written as PyTorch code; TutorialScriptsTest runs it through the bridge and
# compares what it prints with what PyTorch 1.13 printed for it on CPython.
# Fine-tuning and model surgery: a Sequential of an OrderedDict with ReLU(inplace=True) and
# LeakyReLU(negative_slope=...), its layers by name (model.fc1) and by slice (model[:2]); freezing a layer
# with requires_grad = False while the optimiser holds all parameters (SGD with momentum and weight decay,
# then Adam); and tensor idioms met on the way: index_select, v[:, None], a[..., 1], sums over dim=(0, 1),
# logsumexp(keepdim=True), F.leaky_relu(x, 0.2), F.elu(x, alpha=...), torch.Tensor(data).
from collections import OrderedDict

import torch
import torch.nn as nn
import torch.nn.functional as F

model = nn.Sequential(OrderedDict([
    ('fc1', nn.Linear(2, 3)),
    ('act1', nn.ReLU(inplace=True)),
    ('fc2', nn.Linear(3, 2)),
    ('act2', nn.LeakyReLU(negative_slope=0.2)),
    ('out', nn.Linear(2, 1)),
]))
print(model)
with torch.no_grad():
    model.fc1.weight.copy_(torch.tensor([[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6]]))
    model.fc1.bias.copy_(torch.tensor([0.01, -0.02, 0.03]))
    model.fc2.weight.copy_(torch.tensor([[0.7, -0.8, 0.9], [-0.1, 0.2, 0.3]]))
    model.fc2.bias.fill_(0.05)
    model.out.weight.copy_(torch.tensor([[1.0, -0.5]]))
    model.out.bias.zero_()
features = model[:2]
print(features)
X = torch.Tensor([[0.1, 0.2], [0.4, -0.3], [-0.5, 0.8], [1.0, 0.0], [0.3, 0.3], [-0.2, -0.9]])
y = torch.Tensor([[0.5], [0.1], [1.2], [0.9], [0.6], [-0.7]])
print(features(X).sum(dim=(0, 1)).item(), X.dtype)

for param in model.fc1.parameters():
    param.requires_grad = False
print([name for name, p in model.named_parameters() if p.requires_grad])
optimizers = [('sgd', torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=0.01, dampening=0)),
              ('adam', torch.optim.Adam(model.parameters(), lr=0.05, weight_decay=0.001, amsgrad=False))]
for name, optimizer in optimizers:
    for epoch in range(20):
        optimizer.zero_grad()
        loss = F.mse_loss(model(X), y)
        loss.backward()
        optimizer.step()
    print(name, 'loss %.10f' % loss.item(), 'fc1 unchanged', model.fc1.weight.tolist()[0], model.fc1.bias.tolist()[0],
          'fc2 %.10f' % model.fc2.weight[0, 0].item(), 'out %.10f' % model.out.bias.item())
model.fc1.weight.requires_grad_(True)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
optimizer.zero_grad()
F.mse_loss(model(X), y).backward()
optimizer.step()
print('fc1 trains again %.10f %.10f' % (model.fc1.weight[0, 0].item(), model.fc1.bias[0].item()))

a = torch.tensor([[1.0, -2.0, 3.0], [-4.0, 5.0, -6.0]], requires_grad=True)
v = torch.tensor([0.5, -1.5, 2.0], requires_grad=True)
picked = a.index_select(1, torch.tensor([2, 0])) + a.index_select(0, torch.tensor([1, 1, 0]))[:2, :2]
outer = v[:, None] * v[None, :]
total = (picked.sum() + outer.sum(dim=(0, 1)) + a[..., 1].sum() + a.logsumexp(1, keepdim=True).mean()
         + torch.logsumexp(a, dim=0).sum() + F.leaky_relu(a, 0.2).sum() + F.elu(a, alpha=0.5).sum()
         + a.mean(dim=[0, 1], keepdim=True).sum() + v[None].sum())
total.backward()
print('%.10f' % total.item(), picked.tolist(), outer.shape, a.logsumexp(1, keepdim=True).shape)
print([round(g, 8) for g in a.grad.view(-1).tolist()], [round(g, 8) for g in v.grad.tolist()])

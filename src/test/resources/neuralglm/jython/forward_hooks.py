from __future__ import print_function
import torch
import torch.nn as nn
torch.set_default_dtype(torch.float64)
model = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
with torch.no_grad():
    model[0].weight.copy_(torch.tensor([[0.1, -0.2], [0.3, 0.4], [-0.5, 0.2]])); model[0].bias.fill_(0.15)
    model[2].weight.copy_(torch.tensor([[0.3, -0.1, 0.2]])); model[2].bias.fill_(0.0)
feats = {}
def keep(name):
    def hook(module, inp, out):
        feats[name] = out.detach()
    return hook
h1 = model[1].register_forward_hook(keep('relu'))
X = torch.tensor([[1.0, 2.0], [-1.0, 0.5]])
out = model(X)
print(out.tolist(), feats['relu'].tolist())
out.sum().backward()
print(model[0].weight.grad.tolist())
h1.remove()
feats.clear()
model(X); print(len(feats))
h2 = model[2].register_forward_hook(lambda m, i, o: o * 2)
print(model(X).tolist())
h2.remove()
h3 = model.register_forward_pre_hook(lambda m, i: (i[0] * 0,))
print(model(X).tolist())
h3.remove()
class Net(nn.Module):
    def __init__(self):
        super(Net, self).__init__()
        self.fc = nn.Linear(2, 1)
    def forward(self, x):
        return self.fc(x)
n = Net()
seen = []
n.fc.register_forward_hook(lambda m, i, o: seen.append((type(i).__name__, len(i), tuple(o.shape))))
n.register_forward_hook(lambda m, i, o: seen.append(('net', type(m).__name__)))
n(X); print(seen)

# A PyTorch tutorial idiom, written as PyTorch code; TutorialScriptsTest runs it through the bridge and
# compares what it prints with what PyTorch 1.13 printed for it on CPython (Python 2.7 syntax for Jython).
# Module idioms: bias=False, setting weights (.data =, = nn.Parameter, nn.init), .to(device), Dropout in
# eval mode, in-place updates, entries as 0-d tensors, zero_grad(set_to_none=True).
import torch
import torch.nn as nn

device = torch.device('cuda' if torch.cuda.is_available() else 'cpu')
m = nn.Linear(3, 2, bias=False).to(device)
print(m)
print(m.bias is None)
print(len(list(m.parameters())))
m.weight.data = torch.tensor([[1.0, 2.0, 3.0], [0.5, 0.5, 0.5]])
x = torch.tensor([[1.0, 1.0, 1.0], [0.5, -1.0, 2.0]]).to(device)
print(m(x).tolist())
m.weight = nn.Parameter(torch.tensor([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]))
print(m(x).tolist())
print('%d %d' % (m.in_features, m.out_features))

net = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Dropout(0.5), nn.Linear(4, 1))
print(net)
nn.init.constant_(net[0].weight, 0.1)
nn.init.zeros_(net[0].bias)
with torch.no_grad():
    net[3].weight.copy_(torch.tensor([[0.5, -0.5, 1.0, 2.0]]))
    net[3].bias.fill_(0.25)
net.eval()
with torch.no_grad():
    print(net(x).tolist())
print(net.training)

opt = torch.optim.SGD(net.parameters(), lr=0.1)
opt.zero_grad(set_to_none=True)
loss = net(x).pow(2).mean()
loss.backward()
opt.step()
print('%.10f' % net[0].weight.sum().item())

t = torch.tensor([1.0, -2.0, 3.0])
t += 1
t *= 2
t.add_(torch.ones(3), alpha=0.5)
print(t.tolist())
print(t[0].item())
print(['a', 'b', 'c'][t.argmax()])
print('%d' % (t > 0).sum().item())
print('%.4f' % t[2])

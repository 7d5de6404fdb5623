# A PyTorch tutorial idiom, written as PyTorch code; TutorialScriptsTest runs it through the bridge and
# compares what it prints with what PyTorch 1.13 printed for it on CPython (Python 2.7 syntax for Jython).
# Binary classification: nn.BCEWithLogitsLoss with SGD + momentum; sigmoid + nn.BCELoss with Adam.
import torch
import torch.nn as nn
import torch.optim as optim

X = torch.tensor([[0.5, 1.0], [1.5, -0.5], [-1.0, 0.3], [2.0, 1.5],
                  [-0.5, -1.2], [0.2, 0.1], [-2.0, 0.8], [1.0, -1.0]])
y = torch.tensor([1., 1., 0., 1., 0., 1., 0., 0.]).unsqueeze(1)

class LogisticModel(nn.Module):
    def __init__(self):
        super(LogisticModel, self).__init__()
        self.linear = nn.Linear(2, 1)

    def forward(self, x):
        return self.linear(x)

model = LogisticModel()
with torch.no_grad():
    model.linear.weight.copy_(torch.tensor([[0.1, -0.2]]))
    model.linear.bias.zero_()
criterion = nn.BCEWithLogitsLoss()
optimizer = optim.SGD(model.parameters(), lr=0.5, momentum=0.9)
for epoch in range(50):
    optimizer.zero_grad()
    logits = model(X)
    loss = criterion(logits, y)
    loss.backward()
    optimizer.step()
print('final loss %.10f' % loss.item())
with torch.no_grad():
    probs = torch.sigmoid(model(X))
    preds = (probs > 0.5).float()
    acc = (preds == y).float().mean()
print('accuracy %.4f' % acc.item())
print('probs %s' % ' '.join('%.5f' % p for p in probs.squeeze().tolist()))

# sigmoid + BCELoss, a second model as nn.Sequential
net = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1), nn.Sigmoid())
with torch.no_grad():
    net[0].weight.copy_(torch.tensor([[0.2, -0.1], [0.4, 0.3], [-0.3, 0.5]]))
    net[0].bias.copy_(torch.tensor([0.1, -0.1, 0.05]))
    net[2].weight.copy_(torch.tensor([[0.3, -0.4, 0.2]]))
    net[2].bias.copy_(torch.tensor([0.0]))
bce = nn.BCELoss()
opt = optim.Adam(net.parameters(), lr=0.01)
for epoch in range(200):
    opt.zero_grad()
    out = net(X)
    l = bce(out, y)
    l.backward()
    opt.step()
print('bce loss %.10f' % l.item())
print(net)

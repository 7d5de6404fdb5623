# A PyTorch tutorial idiom, written as PyTorch code; TutorialScriptsTest runs it through the bridge and
# compares what it prints with what PyTorch 1.13 printed for it on CPython (Python 2.7 syntax for Jython).
# Mini-batches: TensorDataset + DataLoader, model.train()/model.eval(), torch.no_grad().
import torch
import torch.nn as nn
import torch.optim as optim
from torch.utils.data import TensorDataset, DataLoader

X = torch.tensor([[float(i) / 10, float(i % 3) - 1.0] for i in range(20)])
y = (2.0 * X[:, 0] - 0.5 * X[:, 1] + 0.3).view(-1, 1)
dataset = TensorDataset(X, y)
print(len(dataset))
x0, y0 = dataset[0]
print(str(x0.shape) + ' ' + str(y0.shape))
loader = DataLoader(dataset, batch_size=6, shuffle=False)
print(len(loader))

model = nn.Sequential(nn.Linear(2, 4), nn.Tanh(), nn.Linear(4, 1))
with torch.no_grad():
    model[0].weight.copy_(torch.tensor([[0.1, 0.2], [-0.3, 0.4], [0.5, -0.6], [0.7, 0.8]]))
    model[0].bias.copy_(torch.tensor([0.01, 0.02, 0.03, 0.04]))
    model[2].weight.copy_(torch.tensor([[0.25, -0.25, 0.5, -0.5]]))
    model[2].bias.fill_(0.1)
criterion = nn.MSELoss()
optimizer = optim.SGD(model.parameters(), lr=0.1, momentum=0.5)

for epoch in range(20):
    model.train()
    running = 0.0
    for batch_idx, (inputs, targets) in enumerate(loader):
        optimizer.zero_grad()
        outputs = model(inputs)
        loss = criterion(outputs, targets)
        loss.backward()
        optimizer.step()
        running += loss.item() * inputs.size(0)
    if epoch % 5 == 4:
        print('epoch %d loss %.6f' % (epoch + 1, running / len(dataset)))

model.eval()
with torch.no_grad():
    total = 0.0
    for inputs, targets in loader:
        total += criterion(model(inputs), targets).item() * len(inputs)
    print('eval mse %.10f' % (total / len(dataset)))
    print(model.training)

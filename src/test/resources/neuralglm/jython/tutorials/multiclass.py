# A PyTorch tutorial idiom, written as PyTorch code; TutorialScriptsTest runs it through the bridge and
# compares what it prints with what PyTorch 1.13 printed for it on CPython (Python 2.7 syntax for Jython).
# Multi-class: nn.CrossEntropyLoss on class indices, optim.Adam, accuracy from torch.max and argmax.
import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim

X = torch.tensor([[1.0, 0.2], [0.9, -0.1], [0.1, 1.1], [-0.2, 0.8], [-1.0, -0.9], [-0.8, -1.2],
                  [1.2, 0.1], [0.0, 0.9], [-1.1, -0.7]])
labels = torch.tensor([0, 0, 1, 1, 2, 2, 0, 1, 2])

class Net(nn.Module):
    def __init__(self, n_in, n_hidden, n_out):
        super(Net, self).__init__()
        self.fc1 = nn.Linear(n_in, n_hidden)
        self.fc2 = nn.Linear(n_hidden, n_out)

    def forward(self, x):
        x = F.relu(self.fc1(x))
        return self.fc2(x)

model = Net(2, 4, 3)
with torch.no_grad():
    model.fc1.weight.copy_(torch.tensor([[0.5, -0.3], [0.2, 0.8], [-0.6, 0.1], [0.3, 0.3]]))
    model.fc1.bias.copy_(torch.tensor([0.1, 0.0, -0.1, 0.2]))
    model.fc2.weight.copy_(torch.tensor([[0.4, -0.2, 0.1, 0.3], [-0.1, 0.5, -0.3, 0.2], [0.2, 0.1, 0.6, -0.4]]))
    model.fc2.bias.copy_(torch.tensor([0.0, 0.1, -0.1]))
criterion = nn.CrossEntropyLoss()
optimizer = optim.Adam(model.parameters(), lr=0.05)
for epoch in range(60):
    optimizer.zero_grad()
    outputs = model(X)
    loss = criterion(outputs, labels)
    loss.backward()
    optimizer.step()
print('loss %.10f' % loss.item())
model.eval()
with torch.no_grad():
    outputs = model(X)
    _, predicted = torch.max(outputs, 1)
    correct = (predicted == labels).sum().item()
    total = labels.size(0)
    print('accuracy %d/%d' % (correct, total))
    pred2 = outputs.argmax(dim=1)
    print(pred2.tolist())
    probs = F.softmax(outputs, dim=1)
    print('row sums %s' % ' '.join('%.6f' % v for v in probs.sum(dim=1).tolist()))
    print('probs[0] %s' % ' '.join('%.5f' % v for v in probs[0].tolist()))
print(model)
print(sum(p.numel() for p in model.parameters()))
print([name for name, _ in model.named_parameters()])
print(model.training)
model.train()
print(model.fc1.training)
values, indices = outputs.max(dim=1)
print('max values %s' % ' '.join('%.5f' % v for v in values.tolist()))
print(torch.max(outputs, 1).values.shape)
log_probs = F.log_softmax(model(X), dim=1)
print('nll %.10f' % nn.NLLLoss()(log_probs, labels).item())
print(abs(F.nll_loss(log_probs, labels).item() - criterion(model(X), labels).item()) < 1e-12)

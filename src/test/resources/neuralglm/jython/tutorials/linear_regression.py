# A PyTorch tutorial idiom, written as PyTorch code; TutorialScriptsTest runs it through the bridge and
# compares what it prints with what PyTorch 1.13 printed for it on CPython (Python 2.7 syntax for Jython).
# Linear regression: nn.Linear, nn.MSELoss, optim.SGD; then the same fit by hand with requires_grad.
import torch
import torch.nn as nn
import torch.optim as optim

X = torch.tensor([[0.0], [0.5], [1.0], [1.5], [2.0], [2.5], [3.0], [3.5]])
y = torch.tensor([[1.1], [1.9], [3.2], [3.9], [5.1], [6.0], [7.2], [7.9]])

model = nn.Linear(1, 1)
with torch.no_grad():
    model.weight.copy_(torch.tensor([[0.3]]))
    model.bias.fill_(-0.2)
criterion = nn.MSELoss()
optimizer = optim.SGD(model.parameters(), lr=0.05)

for epoch in range(100):
    optimizer.zero_grad()
    outputs = model(X)
    loss = criterion(outputs, y)
    loss.backward()
    optimizer.step()
    if (epoch + 1) % 25 == 0:
        print('Epoch [{}/{}], Loss: {:.6f}'.format(epoch + 1, 100, loss.item()))

print('weight %.6f bias %.6f' % (model.weight.item(), model.bias.item()))
print(model)
with torch.no_grad():
    predicted = model(torch.tensor([[4.0]]))
print('prediction at 4: %.5f' % predicted.item())
print(list(model.parameters())[0].shape)
print(sum(p.numel() for p in model.parameters()))

# the same fit "from scratch": raw tensors with requires_grad, a hand-written update
w = torch.tensor([[0.3]], requires_grad=True)
b = torch.tensor([-0.2], requires_grad=True)
lr = 0.05
for epoch in range(100):
    y_pred = X.mm(w) + b
    loss = ((y_pred - y) ** 2).mean()
    loss.backward()
    with torch.no_grad():
        w -= lr * w.grad
        b -= lr * b.grad
        w.grad.zero_()
        b.grad.zero_()
print('scratch: w %.10f b %.10f loss %.10f' % (w.item(), b.item(), loss.item()))

# the same again with an optimiser over the raw tensors
w = torch.tensor([[0.3]], requires_grad=True)
b = torch.tensor([-0.2], requires_grad=True)
optimizer = optim.SGD([w, b], lr=0.05)
for epoch in range(100):
    optimizer.zero_grad()
    loss = criterion(X.mm(w) + b, y)
    loss.backward()
    optimizer.step()
print('SGD([w, b]): w %.10f b %.10f loss %.10f' % (w.item(), b.item(), loss.item()))

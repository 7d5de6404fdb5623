# A PyTorch tutorial idiom, written as PyTorch code; TutorialScriptsTest runs it through the bridge as
# scripts/run does (print and / as in Python 3) and compares what it prints with what PyTorch 1.13 printed.
# Training-loop idioms: a model of nn.ModuleList (and nn.ModuleDict) with super().__init__(), gradient
# clipping, t.add/mul/..., print with several arguments, accuracy as correct / total, floats printed in full.
import torch
import torch.nn as nn


class MLP(nn.Module):
    def __init__(self, sizes):
        super().__init__()  # Python 3's super(), as scripts/run runs a script
        self.layers = nn.ModuleList([nn.Linear(a, b) for a, b in zip(sizes[:-1], sizes[1:])])
        self.heads = nn.ModuleDict({'score': nn.Linear(sizes[-1], 1)})
        self.act = nn.Tanh()

    def forward(self, x):
        for i, layer in enumerate(self.layers):
            x = layer(x)
            if i < len(self.layers) - 1:
                x = self.act(x)
        return self.heads['score'](x)


model = MLP([2, 3, 2])
print(model)
print(sum(p.numel() for p in model.parameters()), len(model.layers), len(model.heads), 'score' in model.heads)
print([name for name, _ in model.named_parameters()])
values = [0.1, -0.2, 0.3, 0.4, -0.5, 0.6, 0.7, -0.8, 0.9, 0.05, -0.05, 0.02, 0.3, -0.4, 0.5, 0.6, 0.1, -0.3, 0.2, 0.25, 0.0]
with torch.no_grad():
    k = 0
    for p in model.parameters():
        n = p.numel()
        p.copy_(torch.tensor(values[k:k + n]).view(p.shape))
        k += n
print(k)

X = torch.tensor([[0.1, 0.2], [0.4, -0.3], [-0.5, 0.8], [1.0, 0.0], [0.3, 0.3], [-0.2, -0.9], [0.7, 0.1]])
y = torch.tensor([[1.0], [0.0], [1.0], [1.0], [0.0], [0.0], [1.0]])
optimizer = torch.optim.SGD(model.parameters(), lr=0.5, momentum=0.9)
criterion = nn.BCEWithLogitsLoss()
for epoch in range(1, 31):
    optimizer.zero_grad()
    loss = criterion(model(X), y)
    loss.backward()
    norm = torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=0.05)
    optimizer.step()
    if epoch % 10 == 0:
        print('epoch', epoch, 'loss', round(loss.item(), 8), 'grad norm', round(norm.item(), 8))
with torch.no_grad():
    predicted = (torch.sigmoid(model(X)) > 0.5).float()
    correct = (predicted == y).sum().item()
    total = y.size(0)
print('accuracy', 100 * correct / total, correct // 2, 7 / 2)
print(loss.item() * 0 + 2 / 3)

model.zero_grad()
criterion(model(X), y).backward()
nn.utils.clip_grad_value_(model.parameters(), clip_value=0.01)
print([round(g, 6) for g in model.layers[0].weight.grad.view(-1).tolist()])
total_inf = torch.nn.utils.clip_grad_norm_(model.parameters(), 0.001, norm_type='inf')
print(round(total_inf.item(), 6), round(model.heads['score'].weight.grad.abs().max().item(), 8))

a = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
b = torch.tensor([10.0, 20.0])
print(a.add(b).tolist(), a.add(b, alpha=2).tolist(), a.sub(1).tolist(), a.mul(b).tolist(), a.div(2).tolist())
print(torch.add(a, 1).tolist(), torch.sub(a, a).tolist(), torch.mul(a, 3).tolist(), torch.div(a, b).tolist(), a.nelement())
print(torch.tensor([1, 2]).add(3).tolist(), torch.tensor([1, 2]).mul(2).tolist(), torch.tensor([1, 2]).div(2).tolist())
print(len(nn.ModuleList([nn.ReLU(), nn.Tanh()]).append(nn.Sigmoid())), nn.ModuleList([nn.ReLU(), nn.Tanh()])[-1])

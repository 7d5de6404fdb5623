# A PyTorch tutorial idiom, written as PyTorch code; TutorialScriptsTest runs it through the bridge and
# compares what it prints with what PyTorch 1.13 printed for it on CPython.
# Losses for imbalanced classes: BCEWithLogitsLoss(pos_weight=, weight=), BCELoss(weight=),
# CrossEntropyLoss(weight=, ignore_index=, label_smoothing=) with class indices and with probabilities,
# NLLLoss(weight=, ignore_index=), KLDivLoss(log_target=), under each reduction, with their gradients;
# and a weighted classifier trained with Adam.
import torch
import torch.nn as nn
import torch.nn.functional as F


def show(name, loss, x):
    if x.grad is not None:
        x.grad.zero_()
    loss.sum().backward()
    print(name, [round(v, 8) for v in loss.view(-1).tolist()], [round(g, 8) for g in x.grad.view(-1).tolist()])


logits = torch.tensor([[0.3, -1.2], [2.5, 0.0], [-0.4, 0.8], [1.1, -2.0]], requires_grad=True)
y = torch.tensor([[1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]])
pos_weight = torch.tensor([3.0, 0.5])
show('pos_weight', nn.BCEWithLogitsLoss(pos_weight=pos_weight)(logits, y), logits)
show('pos_weight sum', nn.BCEWithLogitsLoss(pos_weight=pos_weight, reduction='sum')(logits, y), logits)
show('pos_weight none', nn.BCEWithLogitsLoss(pos_weight=pos_weight, reduction='none')(logits, y), logits)
w = torch.tensor([[1.0], [2.0], [0.5], [1.0]])
show('weight', nn.BCEWithLogitsLoss(weight=w)(logits, y), logits)
show('both', F.binary_cross_entropy_with_logits(logits, y, weight=w, pos_weight=pos_weight), logits)
show('bce weight', nn.BCELoss(weight=torch.tensor([2.0, 1.0]))(torch.sigmoid(logits), y), logits)
show('bce weight none', F.binary_cross_entropy(torch.sigmoid(logits), y, weight=w, reduction='none'), logits)

z = torch.tensor([[2.0, 0.5, -1.0], [0.1, 0.2, 0.3], [-1.0, 3.0, 0.5], [1.0, 1.0, 1.0], [0.0, -2.0, 2.0]], requires_grad=True)
t = torch.tensor([0, 2, 1, 1, 2])
cw = torch.tensor([1.0, 2.0, 0.5])
show('ce weight', nn.CrossEntropyLoss(weight=cw)(z, t), z)
show('ce weight positional', nn.CrossEntropyLoss(cw, reduction='sum')(z, t), z)
show('ce weight none', nn.CrossEntropyLoss(weight=cw, reduction='none')(z, t), z)
show('ce ignore', nn.CrossEntropyLoss(ignore_index=1)(z, t), z)
show('ce ignore none', F.cross_entropy(z, t, ignore_index=2, reduction='none'), z)
show('ce smoothing', nn.CrossEntropyLoss(label_smoothing=0.1)(z, t), z)
show('ce all', nn.CrossEntropyLoss(weight=cw, ignore_index=0, label_smoothing=0.2)(z, t), z)
show('ce all sum', F.cross_entropy(z, t, weight=cw, ignore_index=0, label_smoothing=0.2, reduction='sum'), z)
probs = torch.tensor([[0.7, 0.2, 0.1], [0.0, 0.5, 0.5], [0.1, 0.8, 0.1], [0.3, 0.3, 0.4], [0.0, 0.0, 1.0]])
show('ce probs weight', nn.CrossEntropyLoss(weight=cw)(z, probs), z)
show('ce probs smoothing', nn.CrossEntropyLoss(label_smoothing=0.3, reduction='none')(z, probs), z)
show('nll weight', nn.NLLLoss(weight=cw)(F.log_softmax(z, dim=1), t), z)
show('nll weight ignore', F.nll_loss(F.log_softmax(z, dim=1), t, weight=cw, ignore_index=1), z)
show('nll ignore none', nn.NLLLoss(ignore_index=2, reduction='none')(torch.log_softmax(z, 1), t), z)
q = F.log_softmax(torch.tensor([[1.0, 2.0, 0.5], [0.0, 0.0, 1.0]]), dim=1)
p = torch.tensor([[0.2, 0.5, 0.3], [0.1, 0.1, 0.8]])
print('kl', round(nn.KLDivLoss(reduction='batchmean', log_target=True)(q, p.log()).item(), 10),
      round(F.kl_div(q, p, reduction='batchmean').item(), 10))

X = torch.tensor([[0.1, 0.2], [0.4, -0.3], [-0.5, 0.8], [1.0, 0.0], [0.3, 0.3], [-0.2, -0.9], [0.7, 0.1], [0.9, 0.9]])
labels = torch.tensor([0, 0, 0, 0, 0, 1, 2, 2])
model = nn.Linear(2, 3)
with torch.no_grad():
    model.weight.copy_(torch.tensor([[0.2, -0.1], [0.0, 0.3], [-0.4, 0.5]]))
    model.bias.zero_()
counts = torch.tensor([5.0, 1.0, 2.0])
criterion = nn.CrossEntropyLoss(weight=counts.sum() / (3 * counts), label_smoothing=0.05)
optimizer = torch.optim.Adam(model.parameters(), lr=0.1)
for epoch in range(50):
    optimizer.zero_grad()
    loss = criterion(model(X), labels)
    loss.backward()
    optimizer.step()
print('weighted classifier loss %.8f' % loss.item(), model(X).argmax(dim=1).tolist())

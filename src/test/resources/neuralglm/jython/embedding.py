# nn.Embedding as PyTorch 1.13's on 1-d index tensors: rows of weight at the indices, the gradient added up per row
# (a repeated index twice), padding_idx (negative too) whose row gets no gradient, from_pretrained with freeze; SGD
# and Adam steps of a model joining an embedding of a category with numeric columns; state_dict, load_state_dict and
# deepcopy round trips; an index out of range, float indices. The initial weights are copied in (the bridge draws
# its own N(0, 1) values). EmbeddingTest runs this file through the bridge and compares what it prints with what
# PyTorch 1.13 printed for it on CPython (/usr/bin/python3 src/test/resources/neuralglm/jython/embedding.py; float64).
import copy
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)

X = torch.tensor([[math.sin(0.7 * i + 0.3 * j) for j in range(2)] for i in range(7)])
category = torch.tensor([0, 2, 2, 4, 1, 3, 2])
y = torch.tensor([[math.cos(0.5 * i)] for i in range(7)])


def fill(m, offset):
    with torch.no_grad():
        k = offset
        for name, p in m.named_parameters():
            p.copy_(torch.tensor([0.5 * math.sin(1.3 * (k + i) + 0.2) for i in range(p.numel())]).view(p.shape))
            k += p.numel()
    return m


def numbers(t):
    return ' '.join('%.17g' % v for v in t.detach().view(-1).tolist())


class Net(nn.Module):
    def __init__(self, **options):
        super().__init__()
        self.embed = nn.Embedding(5, 3, **options)
        self.fc1 = nn.Linear(5, 4)
        self.fc2 = nn.Linear(4, 1)

    def forward(self, x, c):
        return self.fc2(torch.tanh(self.fc1(torch.cat([x, self.embed(c)], dim=1))))


e = nn.Embedding(5, 3)
print(e, e.num_embeddings, e.embedding_dim, e.padding_idx, tuple(e.weight.shape), e.weight.requires_grad)
print('params', [n for n, _ in e.named_parameters()], list(e.state_dict().keys()))
fill(e, 0)
out = e(category)
print('out', tuple(out.shape), numbers(out))
w = torch.tensor([[math.cos(1.1 * i + 0.4 * j) for j in range(3)] for i in range(7)])
(out * w).sum().backward()
print('weight.grad', numbers(e.weight.grad))
print('one index', numbers(e(torch.tensor([3]))))

for padding in (0, -1):
    p = nn.Embedding(5, 3, padding_idx=padding)
    print(p, p.padding_idx, 'padding row', numbers(p.weight[p.padding_idx]))
    fill(p, 4)
    o = p(category)
    (o * w).sum().backward()
    print('  out', numbers(o))
    print('  grad', numbers(p.weight.grad))

table = torch.tensor([[0.1 * i - 0.05 * j for j in range(3)] for i in range(5)])
for freeze in (True, False):
    f = nn.Embedding.from_pretrained(table, freeze=freeze)
    print('from_pretrained', freeze, f, f.weight.requires_grad, numbers(f(category[:3])))

for label, bad in [('out of range', torch.tensor([1, 5])), ('float indices', torch.tensor([1.0, 2.0]))]:
    try:
        e(bad)
        print(label, 'ran')
    except (IndexError, RuntimeError) as error:
        print(label, type(error).__name__)

for name, make in [('sgd', lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9)),
                   ('adam', lambda p: torch.optim.Adam(p, lr=0.05))]:
    for options in ({}, {'padding_idx': 2}):
        model = fill(Net(**options), 1)
        opt = make(model.parameters())
        losses = []
        for step in range(5):
            opt.zero_grad()
            rows = slice(0, 7) if step % 2 == 0 else slice(1, 5)
            loss = F.mse_loss(model(X[rows], category[rows]), y[rows])
            loss.backward()
            opt.step()
            losses.append(loss.item())
        print(name, options, 'loss', ' '.join('%.17g' % v for v in losses))
        for key, value in model.state_dict().items():
            print('  %s %s' % (key, numbers(value)))
        twin = fill(Net(**options), 7)
        print('  load', twin.load_state_dict(copy.deepcopy(model.state_dict())),
              (twin(X, category) - model(X, category)).abs().max().item())
        clone = copy.deepcopy(model)
        print('  deepcopy', clone.embed, (clone(X, category) - model(X, category)).abs().max().item(),
              clone.embed.weight is model.embed.weight)
        model.eval()
        print('  eval', model.training, model.embed.training, numbers(model(X, category)))

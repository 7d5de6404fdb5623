# A Poisson GLM trained with -Poisson(exp(lin(X))).log_prob(y).mean() and torch.optim.SGD, from fixed weights, for
# DistributionsTest; run by PyTorch 1.13 (/usr/bin/python3 glm.py > glm_pytorch_1.13.txt) and by the bridge. Also the
# same fit with F.poisson_nll_loss (log_input: the loss without log y!, so the same gradients) and, on the bridge only,
# with its canonical-link family torch.families.Poisson().nll.
from __future__ import print_function, division

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.distributions import Poisson

torch.set_default_dtype(torch.float64)
X = torch.tensor([[0.1 * i - 0.7, ((7 * i) % 11) / 11.0 - 0.4] for i in range(15)])
y = torch.tensor([[float((3 * i * i + 1) % 7)] for i in range(15)])


def fit(loss_of, label, steps=6):
    lin = nn.Linear(2, 1)
    with torch.no_grad():
        lin.weight.copy_(torch.tensor([[0.3, -0.2]]))
        lin.bias.copy_(torch.tensor([0.5]))
    opt = torch.optim.SGD(lin.parameters(), lr=0.2, momentum=0.5)
    losses = []
    for step in range(steps):
        opt.zero_grad()
        loss = loss_of(lin(X))
        loss.backward()
        opt.step()
        losses.append(loss.item())
    print(label + ' loss|' + ' '.join(repr(v) for v in losses))
    print(label + ' params|' + ' '.join(repr(v) for v in lin.weight.detach().flatten().tolist() + lin.bias.detach().tolist()))


fit(lambda eta: -Poisson(torch.exp(eta)).log_prob(y).mean(), 'distribution')
fit(lambda eta: F.poisson_nll_loss(eta, y, log_input=True), 'poisson_nll_loss')
print('mean lgamma(y + 1)|' + repr(torch.lgamma(y + 1).mean().item()))
if hasattr(torch, 'families'):
    fit(lambda eta: torch.families.Poisson().nll(eta, y), 'families')

"""Seed 004: activations and their derivatives, the softmax Jacobian, log-sum-exp and BCE with
logits at extreme values, and full-batch gradient descent vs mini-batch SGD on one problem.

    scripts/run activations_stability.py [--epochs 50] [--out out]
"""
from __future__ import print_function

import argparse
import os

import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim
import plots

H = 1e-6


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--epochs", type=int, default=50)
    p.add_argument("--batch", type=int, default=20)
    p.add_argument("--out", default="out")
    args = p.parse_args(argv)
    # in float64: a float32 tensor's item() and tolist() give its float32 values, about 7 digits, too few for the
    # central differences and the agreements printed here
    torch.set_default_dtype(torch.float64)
    out = os.path.join(args.out, "activations_stability")

    activations = [("ReLU", nn.ReLU()), ("LeakyReLU(0.1)", nn.LeakyReLU(0.1)), ("ELU", nn.ELU()),
                   ("Tanh", nn.Tanh()), ("Sigmoid", nn.Sigmoid()), ("Softplus", nn.Softplus()),
                   ("Identity", nn.Identity())]
    values, derivatives = [], []
    for name, f in activations:
        x = torch.linspace(-5, 5, 201)
        x.requires_grad = True
        y = f(x)
        y.sum().backward()
        xs, grads = x.tolist(), x.grad.tolist()
        up, down = f(x.detach() + H).tolist(), f(x.detach() - H).tolist()
        worst = max([abs((u - d) / (2 * H) - g) for xv, g, u, d in zip(xs, grads, up, down) if abs(xv) > 10 * H])
        print("%-15s derivative from backward vs central differences: largest difference %.2e" % (name, worst))
        values.append((name, xs, y.tolist()))
        derivatives.append((name, xs, grads))
    plots.chart(os.path.join(out, "activations.png"), "Activations", "x", "f(x)", lines=values)
    plots.chart(os.path.join(out, "derivatives.png"), "Derivatives (from backward)", "x", "f'(x)", lines=derivatives)

    z = torch.tensor([1.0, 2.0, 0.5, -1.0])
    s = torch.softmax(z, dim=0).tolist()
    worst_analytic, worst_fd = 0.0, 0.0
    for i in range(4):
        zz = z.detach()
        zz.requires_grad = True
        e = torch.zeros(4).tolist()
        e[i] = 1.0
        torch.softmax(zz, dim=0).backward(torch.tensor(e))
        row = zz.grad.tolist()  # d s_i / d z_j
        for j in range(4):
            analytic = s[i] * ((1.0 if i == j else 0.0) - s[j])
            dz = torch.zeros(4).tolist()
            dz[j] = H
            fd = (torch.softmax(z + torch.tensor(dz), dim=0)[i] - torch.softmax(z - torch.tensor(dz), dim=0)[i]) / (2 * H)
            worst_analytic = max(worst_analytic, abs(row[j] - analytic))
            worst_fd = max(worst_fd, abs(row[j] - fd))
    print("Softmax Jacobian from backward: largest difference %.2e from s_i (delta_ij - s_j), %.2e from central "
          "differences" % (worst_analytic, worst_fd))

    big = torch.tensor([1000.0, 1001.0, 1002.0])
    naive = torch.log(torch.exp(big).sum()).item()
    stable = torch.logsumexp(big, dim=0).item()
    small = torch.tensor([1.0, 2.0, 3.0])
    print("log-sum-exp of (1000, 1001, 1002): naive log(sum(exp)) = %r, stable = %.10f" % (naive, stable))
    print("log-sum-exp of (1, 2, 3): naive %.15f, stable %.15f" % (torch.log(torch.exp(small).sum()).item(),
                                                                torch.logsumexp(small, dim=0).item()))

    print("BCE for target 1 at logit z: -log(sigmoid z) naive | binary_cross_entropy (log clamped at -100) | with logits")
    zs = [-10.0, -50.0, -100.0, -800.0]
    for zv in zs:
        zt = torch.tensor([zv])
        one = torch.tensor([1.0])
        naive = (-torch.log(torch.sigmoid(zt))).item()
        clamped = F.binary_cross_entropy(torch.sigmoid(zt), one).item()
        logits = F.binary_cross_entropy_with_logits(zt, one).item()
        print("  z = %7.1f: %r | %r | %r" % (zv, naive, clamped, logits))
    grid = torch.linspace(-800, 0, 401)
    ones = torch.ones_like(grid)
    plots.chart(os.path.join(out, "bce_stability.png"), "BCE for target 1: sigmoid then log vs with logits", "logit z",
                "loss", lines=[("-log(sigmoid z) (infinite below about -745: not drawn)", grid.tolist(),
                                (-torch.log(torch.sigmoid(grid))).tolist()),
                               ("binary_cross_entropy_with_logits", grid.tolist(),
                                F.binary_cross_entropy_with_logits(grid, ones, reduction='none').tolist())])

    torch.manual_seed(7)
    n = 400
    X = torch.unsqueeze(torch.rand(n), 1)
    y = torch.normal(torch.sin(10 * X), 0.2)
    start = nn.Sequential(nn.Linear(1, 20), nn.Tanh(), nn.Linear(20, 1)).state_dict()
    curves = []
    for label, batch in (("full-batch GD", n), ("mini-batch SGD (batch %d)" % args.batch, args.batch)):
        net = nn.Sequential(nn.Linear(1, 20), nn.Tanh(), nn.Linear(20, 1))
        net.load_state_dict(start)
        opt = optim.SGD(net.parameters(), lr=0.2)
        history = [0.5 * F.mse_loss(net(X), y).item()]
        for epoch in range(args.epochs):
            order = torch.randperm(n)
            for b in range(0, n, batch):
                rows = order[b:b + batch]
                opt.zero_grad()
                eta = net(X[rows])
                eta.backward((eta - y[rows]) / len(rows))
                opt.step()
            history.append(0.5 * F.mse_loss(net(X), y).item())
        curves.append((label, range(len(history)), history))
        print("%-28s mean NLL after %d epochs (%d steps): %.6f" % (label, args.epochs, args.epochs * (n // batch),
                                                                  history[-1]))
    plots.chart(os.path.join(out, "gd_vs_sgd.png"), "Full-batch GD vs mini-batch SGD (lr 0.2)", "epoch",
                "mean NLL on all data", lines=curves)
    print("Figures: %s/*.png" % out)


if __name__ == "__main__":
    import sys
    main(sys.argv[1:])

"""Seed 002: a tour of losses. L1, L2, Huber, logistic, softmax cross-entropy, soft margin (hinge),
entropy and KL divergence: each value and gradient over [-5, 5] (gradients from backward, checked
against central differences), and which constant each regression loss picks: the median (L1),
the mean (L2), in between (Huber).

    scripts/run loss_tour.py [--out out]
"""
from __future__ import print_function

import argparse
import math
import os

import torch
import torch.nn.functional as F
import plots

H = 1e-5


def curves():
    """(name, loss of a 1-d tensor f as per-point values), each over f in [-5, 5]."""
    def zeros(f):
        return torch.zeros_like(f)

    def ones(f):
        return torch.ones_like(f)

    def softmax_ce(f):  # two classes, logits (f, 0), class 0 true
        logits = torch.unsqueeze(f, 1) * torch.tensor([[1.0, 0.0]])
        return F.cross_entropy(logits, F.one_hot(torch.zeros(len(f), dtype=torch.long), 2), reduction='none')

    def entropy(f):  # Bernoulli(sigmoid f)
        p = torch.unsqueeze(torch.sigmoid(f), 1) * torch.tensor([[1.0, -1.0]]) + torch.tensor([[0.0, 1.0]])
        return F.entropy(p, dim=1)

    def kl(f):  # KL(Bernoulli(0.3) || Bernoulli(sigmoid f)), input = log q
        q = torch.unsqueeze(torch.sigmoid(f), 1) * torch.tensor([[1.0, -1.0]]) + torch.tensor([[0.0, 1.0]])
        target = torch.ones(len(f), 2) * torch.tensor([[0.3, 0.7]])
        return F.kl_div(q.log(), target, reduction='none').sum(dim=1)

    return [
        ("L1", lambda f: F.l1_loss(f, zeros(f), reduction='none')),
        ("L2", lambda f: 0.5 * F.mse_loss(f, zeros(f), reduction='none')),
        ("Huber (rho = 2)", lambda f: F.smooth_l1_loss(f, zeros(f), reduction='none', beta=2.0)),
        ("Logistic (y = 1)", lambda f: F.soft_margin_loss(f, ones(f), reduction='none')),
        ("Softmax cross-entropy", softmax_ce),
        ("Soft margin (hinge, y = 1)", lambda f: F.hinge_loss(f, ones(f), reduction='none')),
        ("Entropy of Bernoulli(sigmoid f)", entropy),
        ("KL(Bernoulli(0.3) || Bernoulli(sigmoid f))", kl),
    ]


def minimiser(loss, y, lo, hi):
    """The constant f where the gradient of the mean loss (from backward) changes sign: bisection."""
    for _ in range(80):
        mid = 0.5 * (lo + hi)
        f = torch.tensor(mid, requires_grad=True)
        loss(torch.zeros_like(y) + f, y).backward()
        if f.grad.item() > 0:
            hi = mid
        else:
            lo = mid
    return 0.5 * (lo + hi)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", default="out")
    p.add_argument("--step", type=float, default=0.01, help="grid step over [-5, 5]")
    args = p.parse_args(argv)
    # in float64: a float32 tensor's item() and tolist() give its float32 values, about 7 digits, too few for the
    # central differences and the agreements printed here
    torch.set_default_dtype(torch.float64)
    out = os.path.join(args.out, "loss_tour")

    worst_all = 0.0
    for name, loss in curves():
        output = torch.arange(-5, 5, args.step)
        output.requires_grad = True
        theloss = loss(output)
        theloss.sum().backward()
        xs, values, grads = output.tolist(), theloss.tolist(), output.grad.tolist()
        up, down = loss(output.detach() + H).tolist(), loss(output.detach() - H).tolist()
        worst = 0.0
        for x, g, u, d in zip(xs, grads, up, down):
            if min([abs(x - k) for k in (-2.0, 0.0, 1.0, 2.0)]) > 10 * H:  # away from the kinks
                worst = max(worst, abs((u - d) / (2 * H) - g))
        worst_all = max(worst_all, worst)
        print("%-45s gradient vs central differences: largest difference %.2e" % (name, worst))
        slug = {"L1": "l1", "L2": "l2", "Huber": "huber", "Logistic": "logistic", "Softmax": "softmax_cross-entropy",
                "Soft": "soft_margin", "Entropy": "entropy", "KL(Bernoulli(0.3)": "kl"}[name.split(" ")[0]]
        plots.chart(os.path.join(out, slug + ".png"), name, "f", "",
                    lines=[(name, xs, values), ("gradient", xs, grads)])
    print("Largest gradient error over all losses: %.2e" % worst_all)

    logits = torch.randn(1, 10)
    ce = F.cross_entropy(logits, torch.tensor([4]))
    p4 = torch.softmax(logits, dim=1)[0][4]
    print("Softmax loss is %.12f; class 4 has negative log-likelihood %.12f" % (ce.item(), -math.log(p4)))
    logits.requires_grad = True
    F.cross_entropy(logits, torch.tensor([4])).backward()
    onehot = F.one_hot(torch.tensor([4]), 10)
    print("Its gradient is softmax - e_4: largest difference %.2e"
          % torch.max_abs_diff(logits.grad, torch.softmax(logits.detach(), dim=1) - onehot))

    coin = F.entropy(torch.tensor([0.5, 0.5])).item()
    biased = F.entropy(torch.tensor([0.9, 0.1])).item()
    die = F.entropy(torch.ones(6) / 6).item()
    print("Entropy: fair coin %.6f = log 2 = %.6f; biased coin (0.9) %.6f < log 2; fair die %.6f = log 6 = %.6f"
          % (coin, math.log(2), biased, die, math.log(6)))
    pr = torch.softmax(torch.randn(1, 10), dim=1)
    yr = torch.softmax(torch.randn(1, 10), dim=1)
    z = F.one_hot(torch.tensor([3]), 10)
    print("KL divergence: D(y || p) = %.6f >= 0; D(p || p) = %.2e; with a one-hot target %.6f = -log p[3] / 10 = %.6f"
          % (F.kl_div(pr.log(), yr).item(), F.kl_div(pr.log(), pr).item(), F.kl_div(pr.log(), z).item(),
             -math.log(pr[0][3]) / 10))

    torch.manual_seed(2)
    y = torch.tensor(sorted(torch.randn(91).tolist() + [20.0 + i for i in range(10)]))
    lo, hi = torch.min(y).item(), torch.max(y).item()
    median, mean = y[len(y) // 2], y.mean().item()
    f1 = minimiser(lambda f, t: F.l1_loss(f, t), y, lo, hi)
    f2 = minimiser(lambda f, t: 0.5 * F.mse_loss(f, t), y, lo, hi)
    fh = minimiser(lambda f, t: F.smooth_l1_loss(f, t, beta=2.0), y, lo, hi)
    print("101 values, 10 outliers near 20: median %.9f, mean %.9f" % (median, mean))
    print("L1 is minimised at %.9f (the median), L2 at %.9f (the mean), Huber at %.9f (in between)" % (f1, f2, fh))
    print("Figures: %s/*.png" % out)
    return f1, f2, fh, median, mean


if __name__ == "__main__":
    import sys
    main(sys.argv[1:])

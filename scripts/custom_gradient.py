"""Seed 001: apply an arbitrary gradient delta at the output y through a squared loss, and directly.

d/dy of 1/2 ||y - (y~ - delta)||^2 at y~ = y is +delta, so backpropagating that loss gives the same
parameter gradients as y.backward(delta). The seed writes the target as y~ + delta, which gives -delta.

    scripts/run custom_gradient.py [--n 64] [--out out]
"""
from __future__ import print_function

import argparse
import os

import torch
import torch.nn as nn
import plots


def gradients(net):
    return [p.grad.detach() for p in net.parameters()]


def largest(a, b, sign=1.0):
    return max([torch.max_abs_diff(x, y * sign) for x, y in zip(a, b)])


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--n", type=int, default=64)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--out", default="out")
    args = p.parse_args(argv)
    out = os.path.join(args.out, "custom_gradient")

    torch.manual_seed(args.seed)
    net = nn.Sequential(nn.Linear(3, 8), nn.Tanh(), nn.Linear(8, 2))
    X = torch.randn(args.n, 3)
    delta = torch.randn(args.n, 2)  # from a black box: a reward, an environment, numpy...

    net.zero_grad()
    y = net(X)
    y.backward(delta)
    direct = gradients(net)

    net.zero_grad()
    y = net(X)
    y_tilde = y.detach()
    loss = 0.5 * ((y - (y_tilde - delta)) ** 2).sum()
    loss.backward()
    via_loss = gradients(net)

    net.zero_grad()
    y = net(X)
    seed_loss = 0.5 * ((y - (y.detach() + delta)) ** 2).sum()
    seed_loss.backward()
    via_seed_sign = gradients(net)

    net.zero_grad()
    y = net(X)
    mse = nn.MSELoss()(y, y.detach() - delta)
    mse.backward()
    via_mse = gradients(net)
    scale = 2.0 / (args.n * 2)

    d1 = largest(direct, via_loss)
    d2 = largest(direct, via_seed_sign, -1.0)
    d3 = largest([g * scale for g in direct], via_mse)
    print("y.backward(delta) vs 1/2 ||y - (y~ - delta)||^2: largest parameter-gradient difference %.3g" % d1)
    print("Seed's target y~ + delta gives the opposite gradient: largest |grad_seed + grad_direct| %.3g" % d2)
    print("MSE instead of the squared loss scales the gradient by 2/(n k) = %.6g: largest difference %.3g"
          % (scale, d3))

    direct_all = [v for g in direct for v in g.toArray()]
    path = plots.chart(os.path.join(out, "gradients.png"), "Parameter gradients: injected delta vs squared loss",
                       "from y.backward(delta)", "from the squared loss",
                       points=[("target y~ - delta", direct_all, [v for g in via_loss for v in g.toArray()]),
                               ("target y~ + delta (seed)", direct_all,
                                [v for g in via_seed_sign for v in g.toArray()])])
    print("Figure: " + path)
    return d1, d2, d3


if __name__ == "__main__":
    import sys
    main(sys.argv[1:])

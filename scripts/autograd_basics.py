"""Seed 003: backward(gradient=...), gradients that accumulate until zeroed, a custom op with its
own backward (and the seed's puzzle: its custom square returned grad_output without the 2 x).

    scripts/run autograd_basics.py [--out out]
"""
from __future__ import print_function

import argparse
import os

import torch
import torch.nn as nn
import torch.nn.functional as F
import plots


class SeedSquare(torch.autograd.Function):
    """The seed's square: forward x^2, but backward returns grad_output (the factor 2 x is missing)."""
    @staticmethod
    def forward(ctx, x):
        result = x.pow(2)
        ctx.save_for_backward(result)
        return result

    @staticmethod
    def backward(ctx, grad_output):
        result, = ctx.saved_tensors
        return grad_output


class Square(torch.autograd.Function):
    """x^2 with its correct backward 2 x grad_output."""
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * x

    @staticmethod
    def backward(ctx, grad_output):
        x, = ctx.saved_tensors
        return grad_output * 2 * x


class Cube(torch.autograd.Function):
    """A layer written in Jython, in the bridge's instance style (an instance can sit in nn.Sequential):
    x^3 with backward 3 x^2 grad_output."""
    def forward(self, x):
        self.x = x
        return x * x * x

    def backward(self, grad_output):
        return grad_output * 3 * self.x * self.x


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", default="out")
    args = p.parse_args(argv)
    # in float64: a float32 tensor's item() and tolist() give its float32 values, about 7 digits, too few for the
    # central differences and the agreements printed here
    torch.set_default_dtype(torch.float64)
    out = os.path.join(args.out, "autograd_basics")

    Yvec = torch.tensor([0.0, 1.0, 0.0, 0.0])
    Pvec = torch.tensor([0.001, .5, .1, .1])
    PvecSmallError = torch.tensor([0.001, .9, .1, .1])
    for title, P in (("First with a large error", Pvec), ("Now with a small error", PvecSmallError)):
        print(title)
        print("L1 Loss = %.10f" % (Yvec - P).norm().item())
        print("L2 Loss = %.10f" % ((Yvec - P).norm() ** 2).item())
        print("Log Loss = %.10f" % (-Yvec * P.log()).sum().item())

    Pvar = torch.tensor([0.001, .5, .1, .1], requires_grad=True)
    PvarLowerLoss = torch.tensor([0.001, .55, .1, .1], requires_grad=True)
    L2LossVar = (Yvec - Pvar).norm() ** 2
    L2LossVarLowerLoss = (Yvec - PvarLowerLoss).norm() ** 2
    LossDelta = L2LossVar.detach() - L2LossVarLowerLoss.detach()
    print("LossDelta = %.10f" % LossDelta.item())
    L2LossVarLowerLoss.backward(gradient=LossDelta, retain_graph=True)
    first = PvarLowerLoss.grad.detach()
    expected = LossDelta.item() * 2 * (PvarLowerLoss.detach() - Yvec)
    print("backward(gradient=LossDelta): grad = %s" % first.tolist())
    print("  = LossDelta * 2 (P - Y), largest difference %.3g" % torch.max_abs_diff(first, expected))

    PvarLowerLoss.grad.zero_()
    L2LossSeed = SeedSquare.apply((Yvec - PvarLowerLoss).norm())
    L2LossSeed.backward(gradient=LossDelta)
    seed_grad = PvarLowerLoss.grad.detach()
    ratio = seed_grad[1] / first[1]
    norm = (Yvec - PvarLowerLoss).norm().item()
    print("Seed's custom square (backward returns grad_output): grad = %s" % seed_grad.tolist())
    print("  'nearly but not quite identical': ratio %.6f = 1 / (2 |Y - P|) = %.6f, the missing factor 2 x"
          % (ratio, 1 / (2 * norm)))

    PvarLowerLoss.grad.zero_()
    L2LossCustom = Square.apply((Yvec - PvarLowerLoss).norm())
    print("Custom square forward %.10f, built-in %.10f" % (L2LossCustom.item(), L2LossVarLowerLoss.item()))
    L2LossCustom.backward(gradient=LossDelta)
    print("Correct custom square (backward 2 x grad_output): largest difference from the built-in %.3g"
          % torch.max_abs_diff(PvarLowerLoss.grad, first))

    PvarLowerLoss.grad.zero_()
    calls, history = [], []
    for k in range(1, 6):
        L2LossVarLowerLoss.backward(gradient=LossDelta, retain_graph=True)
        calls.append(k)
        history.append(PvarLowerLoss.grad[1])
        print("after %d backward calls without zeroing: grad[1] = %.10f = %d x %.10f"
              % (k, history[-1], k, first[1]))
    PvarLowerLoss.grad.zero_()
    print("after grad.zero_(): grad = %s" % PvarLowerLoss.grad.tolist())

    torch.manual_seed(3)
    net = nn.Sequential(nn.Linear(2, 4), Cube(), nn.Linear(4, 1))
    twin = nn.Sequential(nn.Linear(2, 4), nn.Identity(), nn.Linear(4, 1))
    twin.load_state_dict(net.state_dict())
    X, y = torch.randn(16, 2), torch.randn(16, 1)
    F.mse_loss(net(X), y).backward()
    h = twin[0](X)
    F.mse_loss(twin[2](h * h * h), y).backward()
    worst = max([torch.max_abs_diff(a.grad, b.grad) for a, b in zip(net.parameters(), twin.parameters())])
    print("A Jython layer (Cube, own backward) inside nn.Sequential: largest parameter-gradient difference "
          "from autograd of x*x*x %.3g" % worst)

    path = plots.chart(os.path.join(out, "accumulation.png"), "Gradients accumulate until zeroed",
                       "backward calls without zero_()", "accumulated gradient dL/dP[1] of the second entry",
                       lines=[("grad[1] after k calls", calls, history),
                              ("k x first gradient (dashed)", calls, [k * first[1] for k in calls], "dashed")])
    print("Figure: " + path)


if __name__ == "__main__":
    import sys
    main(sys.argv[1:])

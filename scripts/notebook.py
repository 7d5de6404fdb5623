"""The "Who Needs Loss Functions?" notebook (shared seed 000), on the neuralGLM engine.

Three datasets from x ~ U(0, 1), y = sin(10 x): Gaussian noise (sd 0.2), two classes with
P(class 1) = sigmoid(3.5 y) (one-hot), Poisson counts with rate 2 exp(y). One network per dataset,
Linear(1,30)-ReLU-Linear(30,20)-ReLU-Linear(20,k), trained by plain SGD (lr 0.2, 5000 full-batch
steps) from eta_hat.backward((y_hat - y) / n), where y_hat is eta_hat through the inverse canonical
link: no loss function. Then the same training from an explicit loss, printed side by side.

    scripts/run notebook.py [--steps 5000] [--fixture ../shared/fixtures/notebook --dtype float64] [--out out]
"""
from __future__ import print_function

import argparse
import csv
import json
import os
from collections import OrderedDict

import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim
from torch import families
import plots


def parse_args(argv):
    p = argparse.ArgumentParser(description="The notebook's three experiments, with plots.")
    p.add_argument("--steps", type=int, default=5000, help="SGD steps per dataset (5000)")
    p.add_argument("--every", type=int, default=500, help="print the loss every this many steps (500)")
    p.add_argument("--lr", type=float, default=0.2, help="learning rate (0.2)")
    p.add_argument("--n", type=int, default=400, help="number of examples without --fixture (400)")
    p.add_argument("--seed", type=int, default=500, help="seed of data and weights without --fixture (500)")
    p.add_argument("--fixture", help="folder of the PyTorch reference run: use its data and initial weights")
    p.add_argument("--dtype", choices=("float32", "float64"), default="float32",
                   help="torch's default dtype (float32, PyTorch's); the reference run is float64's")
    p.add_argument("--out", default="out", help="output folder (out); figures go to OUT/notebook/")
    p.add_argument("--net", choices=("sequential", "class"), default="sequential",
                   help="nn.Sequential of named layers (default), or the notebook's own class Net(nn.Module)")
    p.add_argument("--width", type=int, default=800, help="figure width in pixels")
    p.add_argument("--height", type=int, default=500, help="figure height in pixels")
    return p.parse_args(argv)


# ---------------------------------------------------------------- Setting up synthetic datasets

def synthetic_datasets(num_examples, seed):
    torch.manual_seed(seed)
    X = torch.rand(num_examples)
    y = torch.sin(10 * X)
    gaussian_regression_y = torch.normal(y, 0.2)
    class_1_probabilities = 1 / (1 + torch.exp(-3.5 * y))
    classification_y = torch.bernoulli(class_1_probabilities)
    lambdas = 2 * torch.exp(y)
    poisson_regression_y = torch.poisson(lambdas)
    return X, gaussian_regression_y, classification_y, poisson_regression_y


def fixture_datasets(folder):
    columns = OrderedDict((k, []) for k in ("x", "y_gaussian", "y_class", "y_poisson"))
    with open(os.path.join(folder, "data.csv")) as f:
        for row in csv.DictReader(f):
            for k in columns:
                columns[k].append(float(row[k]))
    return [torch.tensor(v) for v in columns.values()]


def fixture_weights(folder, name):
    with open(os.path.join(folder, "init_%s.json" % name)) as f:
        return json.load(f)


def build_datasets(X, gaussian_regression_y, classification_y, poisson_regression_y):
    datasets = OrderedDict()
    datasets['Gaussian regression'] = {'data': torch.unsqueeze(gaussian_regression_y, 1),
                                       'plotting_data': gaussian_regression_y}
    datasets['Classification'] = {'data': F.one_hot(classification_y.long(), 2),
                                  'plotting_data': classification_y}
    datasets['Poisson regression'] = {'data': torch.unsqueeze(poisson_regression_y, 1),
                                      'plotting_data': poisson_regression_y}
    # *** the three differences: final layer activation (inverse canonical link), output dimension,
    # and (for reporting only) the family whose mean NLL the training implicitly minimises
    datasets['Gaussian regression'].update({'final layer activation': lambda x: x, 'output_dim': 1,
                                            'family': families.Gaussian(), 'fixture': 'gaussian'})
    datasets['Classification'].update({'final layer activation': nn.Softmax(dim=1), 'output_dim': 2,
                                       'family': families.Categorical(), 'fixture': 'categorical'})
    datasets['Poisson regression'].update({'final layer activation': torch.exp, 'output_dim': 1,
                                           'family': families.Poisson(), 'fixture': 'poisson'})
    # the explicit losses of the side-by-side run: the same negative log-likelihoods, written out
    mse = nn.MSELoss()
    datasets['Gaussian regression']['explicit loss'] = lambda eta_hat, y_hat, y: 0.5 * mse(y_hat, y)
    datasets['Classification']['explicit loss'] = nn.CrossEntropyLoss()
    datasets['Classification']['explicit loss'] = (
        lambda loss: lambda eta_hat, y_hat, y: loss(eta_hat, y))(nn.CrossEntropyLoss())
    datasets['Poisson regression']['explicit loss'] = (
        lambda loss: lambda eta_hat, y_hat, y: loss(eta_hat, y))(nn.PoissonNLLLoss())
    return datasets


# ---------------------------------------------------------------- Defining the network

class Net(nn.Module):
    """The notebook's network, as it defines it."""
    def __init__(self, output_dim=1):
        super(Net, self).__init__()
        self.fc1 = nn.Linear(1, 30)
        self.fc2 = nn.Linear(30, 20)
        self.fc3 = nn.Linear(20, output_dim)

    def forward(self, x):
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        x = self.fc3(x)
        return x


def SequentialNet(output_dim=1):
    """The same network as one nn.Sequential of named layers (one engine call per forward)."""
    return nn.Sequential(OrderedDict([
        ('fc1', nn.Linear(1, 30)),
        ('relu1', nn.ReLU()),
        ('fc2', nn.Linear(30, 20)),
        ('relu2', nn.ReLU()),
        ('fc3', nn.Linear(20, output_dim)),
    ]))


# ---------------------------------------------------------------- The general case

def train(dataset, X1, args, init=None, explicit=False, log=None):
    """Trains one network; returns it and the mean NLL before each step (and after the last)."""
    y = dataset['data']
    num_examples = len(y)
    family = dataset['family']
    torch.manual_seed(args.seed)
    net = (Net if args.net == "class" else SequentialNet)(output_dim=dataset['output_dim'])
    if init is not None:
        net.load_state_dict(init)
    optimizer = optim.SGD(net.parameters(), lr=args.lr)
    trace = []
    for i in range(args.steps):
        optimizer.zero_grad()
        eta_hat = net(X1)
        # *** the inverse of the canonical link is the final layer activation
        y_hat = dataset['final layer activation'](eta_hat)
        if explicit:
            loss = dataset['explicit loss'](eta_hat, y_hat, y)
            loss.backward()
        else:
            # not needed for training; computed so that the value can be reported
            loss = family.nll(eta_hat, y)
            eta_hat.backward((y_hat - y) / num_examples)
        optimizer.step()
        trace.append(loss.item())
        if log is not None and i % args.every == 0:
            log(i, loss.item())
    trace.append(family.nll(net(X1), y).item())
    return net, trace


def relative(a, b):
    return abs(a - b) / max(abs(b), 1e-300)


def main(argv=None):
    args = parse_args(argv)
    torch.set_default_dtype(getattr(torch, args.dtype))
    out = os.path.join(args.out, "notebook")
    if not os.path.isdir(out):
        os.makedirs(out)
    if args.fixture:
        X, yg, yc, yp = fixture_datasets(args.fixture)
        print("Data and initial weights: %s (%d examples)" % (args.fixture, len(X)))
    else:
        X, yg, yc, yp = synthetic_datasets(args.n, args.seed)
        print("Data: %d synthetic examples, seed %d" % (len(X), args.seed))
    X1 = torch.unsqueeze(X, 1)
    datasets = build_datasets(X, yg, yc, yp)
    grid = torch.linspace(0.0, 1.0, 201)
    figures, finals = [], []

    for regression_type, dataset in datasets.items():
        init = fixture_weights(args.fixture, dataset['fixture']) if args.fixture else None
        print("\n%s (%s family, %d outputs): eta_hat.backward((y_hat - y) / n)"
              % (regression_type, dataset['family'].name, dataset['output_dim']))

        def log(i, loss):
            print("Epoch: {}\tLoss: {}".format(i, loss))
        net, trace = train(dataset, X1, args, init, explicit=False, log=log)
        _, explicit = train(dataset, X1, args, init, explicit=True)

        print("Same training from an explicit loss, side by side:")
        for i in range(0, args.steps, args.every):
            print("Epoch: {}\tLoss: {}\tExplicit loss: {}".format(i, trace[i], explicit[i]))
        agree = 0
        while agree < args.steps and relative(explicit[agree], trace[agree]) <= 1e-9:
            agree += 1
        print("The two traces agree to 1e-9 (relative) for the first %d of %d steps%s" % (
            agree, args.steps, "" if agree == args.steps else
            "; then plain SGD at this learning rate is chaotic and rounding differences grow"))
        print("Final mean NLL (%s): %.10f from eta_hat.backward, %.10f from the explicit loss"
              % (dataset['fixture'], trace[-1], explicit[-1]))
        finals.append((dataset['fixture'], trace[-1], explicit[-1]))

        with open(os.path.join(out, "trace_%s.csv" % dataset['fixture']), "w") as f:
            f.write("iteration,mean_nll,explicit_mean_nll\n")
            for i in range(len(trace)):
                f.write("%d,%r,%r\n" % (i, trace[i], explicit[i]))

        mu = dataset['family'].mean(net(torch.unsqueeze(grid, 1)))
        curve = mu[:, 1] if dataset['output_dim'] == 2 else mu[:, 0]
        ylabel = "P(class 1)" if dataset['output_dim'] == 2 else "y"
        figures.append(plots.chart(
            os.path.join(out, "%s_fit.png" % dataset['fixture']), "%s data" % regression_type, "x", ylabel,
            points=[("True labels", X.tolist(), dataset['plotting_data'].tolist())],
            lines=[("Fitted mean", grid.tolist(), curve.tolist())],
            width=args.width, height=args.height))
        steps = range(len(trace))
        figures.append(plots.chart(
            os.path.join(out, "%s_loss.png" % dataset['fixture']), "%s: mean NLL during training" % regression_type,
            "step", "mean NLL (constants dropped)",
            lines=[("eta_hat.backward((y_hat - y) / n)", steps, trace),
                   ("explicit loss.backward() (dashed: on top where they coincide)", steps, explicit, "dashed")],
            width=args.width, height=args.height))

    print("\nFinal mean NLL after %d steps:" % args.steps)
    for name, implicit, expl in finals:
        print("  %-11s %.10f (explicit loss: %.10f)" % (name, implicit, expl))
    print("Figures:")
    for path in figures:
        print("  " + path)
    return finals


if __name__ == "__main__":
    import sys
    main(sys.argv[1:])

"""Differential fuzzer of the Jython bridge against PyTorch: generates many small random PyTorch programs
(only the API the README lists: tensors made from explicit values, factories and conversions, element-wise
operations and broadcasting of 0-, 1- and 2-d shapes, whole-number and bool arithmetic, reductions with
dim/keepdim, mm/matmul/dot, indexing, slicing and assignment, view/reshape/t, cat/stack/split, F.* activations
and losses, nn.Linear/Sequential/Module forward and backward, BatchNorm1d/LayerNorm/Embedding, optimiser steps
and lr schedulers, autograd mechanics, distributions' log_prob, NaN/inf/empty edge cases, random expression
trees, and how tensors print), runs them on PyTorch (this CPython, /usr/bin/python3) and on the bridge
(scripts/run, a few hundred programs per JVM), and compares what they print: every value and every leaf's .grad
to a relative tolerance (of max(1, |PyTorch's number|)), shapes, dtypes, printed text and the type of any
exception. Prints the mismatches grouped by cause (value, dtype, shape, structure: printed text; bridge-raises,
bridge-accepts, error-type; unsupported: a name or option the bridge refuses with its one-line message; java-error;
hang), with examples.

The programs run with torch.set_default_dtype(torch.float64) by default, so PyTorch computes in float64 as
the bridge does (--dtype float32 for PyTorch's default, with a float32 tolerance: differences of float32
arithmetic then show, which the README lists). Reproducible: program k of a run is generated from seed and k
alone (--only keeps the programs whose tag matches, with the same numbers).

Usage: /usr/bin/python3 scripts/cpython/torch_fuzz.py [-n 2000] [--seed 1] [--batch 300] [--dtype float64]
           [--tol T] [--show 2] [--keep DIR] [--only REGEX]
"""
from __future__ import print_function

import argparse
import collections
import os
import random
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# ------------------------------------------------------------------------------------------ the harness
# Python 2/3 code: runs on CPython with PyTorch and on Jython with the bridge; prints "@@ k tag" before case k,
# then one line per printed value, and "!ERR Type message" (first line) when the case raised.
HARNESS = r'''
import sys
import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim
import torch.distributions as D
torch.set_default_dtype(torch.%(dtype)s)


def _flat(v, acc):
    if isinstance(v, (list, tuple)):
        for e in v:
            _flat(e, acc)
    else:
        acc.append(v)
    return acc


def _num(x):
    if isinstance(x, bool):
        return 'True' if x else 'False'
    if isinstance(x, int):
        return '%%d' %% x
    return '%%.17g' %% x


def _fmt(v):
    if v is None:
        return 'None'
    if isinstance(v, torch.Tensor):
        shape = 'x'.join(str(int(s)) for s in v.shape)
        return 'T %%s [%%s] %%s' %% (str(v.dtype), shape, ' '.join(_num(x) for x in _flat(v.detach().tolist(), [])))
    if isinstance(v, (list, tuple)):
        return 'L ' + ' | '.join(_fmt(e) for e in v)
    if isinstance(v, (bool, int, float)):
        return 'N ' + _num(v)
    return 'S ' + str(v)


def weights(y):
    """A fixed weighting of y's entries (-1.3, -0.93, ...), so a backward checks every entry's gradient."""
    if y.dim() == 0:
        return torch.tensor(0.7)
    return (torch.arange(y.numel()) * 0.37 - 1.3).reshape(y.shape)


def out(label, v):
    print('%%s %%s' %% (label, _fmt(v)))


def _run(cases):
    for k, tag, fn in cases:
        print('@@ %%d %%s' %% (k, tag))
        try:
            fn()
        except:
            e = sys.exc_info()[1]
            msg = str(e).strip().split('\n')[0][:300]
            print('!ERR %%s %%s' %% (type(e).__name__, msg))
        sys.stdout.flush()
'''


# ------------------------------------------------------------------------------------------ generators
class G(object):
    """Random pieces of programs: values, literals, shapes."""

    def __init__(self, rng):
        self.r = rng

    special = False  # when set, values come often from a few (zeros, ties, kinks of relu/abs/clamp)

    def val(self, lo=-2.0, hi=2.0):
        if self.special and self.r.random() < 0.5:
            v = self.r.choice([x for x in (0.0, 1.0, -1.0, 0.5, 2.0, -0.5) if lo <= x <= hi] or [lo])
            return v
        v = round(self.r.uniform(lo, hi), 2)
        return 0.0 if v == 0 else v

    def pos(self, lo=0.1, hi=3.0):
        if self.special and self.r.random() < 0.5:
            return self.r.choice([x for x in (0.5, 1.0, 2.0) if lo <= x <= hi] or [lo])
        return round(self.r.uniform(lo, hi), 2)

    def lit(self, shape, lo=-2.0, hi=2.0, positive=False):
        f = (lambda: self.pos(max(lo, 0.05), hi)) if positive else (lambda: self.val(lo, hi))
        if len(shape) == 0:
            return repr(f())
        if len(shape) == 1:
            return '[' + ', '.join(repr(f()) for _ in range(shape[0])) + ']'
        return '[' + ', '.join(self.lit(shape[1:], lo, hi, positive) for _ in range(shape[0])) + ']'

    def ints(self, shape, lo, hi):
        if len(shape) == 1:
            return '[' + ', '.join(str(self.r.randint(lo, hi)) for _ in range(shape[0])) + ']'
        return '[' + ', '.join(self.ints(shape[1:], lo, hi) for _ in range(shape[0])) + ']'

    def t(self, shape, grad=True, **kw):
        return 'torch.tensor(%s%s)' % (self.lit(shape, **kw), ', requires_grad=True' if grad else '')

    def shape(self, dims=None):
        d = self.r.choice([0, 1, 1, 2, 2, 2]) if dims is None else dims
        return tuple(self.r.randint(1, 4) for _ in range(d))

    def choice(self, xs):
        return self.r.choice(xs)


def backward_lines(g, y, leaves):
    """Prints y, backs a random weighting of y into the leaves and prints their .grad."""
    return ['out("y", %s)' % y, '(%s * weights(%s)).sum().backward()' % (y, y)] + \
        ['out("grad_%s", %s.grad)' % (l, l) for l in leaves]


def grad_tail(g, y, leaves):
    return backward_lines(g, y, leaves)


UNARY = ['exp', 'tanh', 'sigmoid', 'relu', 'sin', 'cos', 'abs', 'sign', 'floor', 'ceil', 'round']
UNARY_METHOD = ['neg', 'square']
UNARY_POS = ['log', 'sqrt', 'log1p', 'lgamma', 'digamma']


def gen_unary(g):
    s = g.shape()
    pos = g.r.random() < 0.5
    op = g.choice(UNARY_POS if pos else UNARY + UNARY_METHOD)
    form = 'x.%s()' if op in UNARY_METHOD else g.choice(['torch.%s(x)', 'x.%s()'])
    lines = ['x = %s' % g.t(s, positive=pos), 'y = ' + form % op]
    return 'unary:' + op, lines + grad_tail(g, 'y', ['x'])


def gen_pow_clamp(g):
    s = g.shape()
    k = g.r.randint(0, 5)
    if k == 0:
        e = g.choice(['2', '3', '0.5', '-1', '1.5', '0', '-2'])
        lines = ['x = %s' % g.t(s, positive=True), 'y = x ** %s' % e if g.r.random() < 0.5 else 'y = torch.pow(x, %s)' % e]
        tag = 'pow:scalar'
    elif k == 1:
        lines = ['x = %s' % g.t(s), 'y = %s ** x' % g.choice(['2', '0.5', '3.0'])]
        tag = 'pow:rpow'
    elif k == 2:
        lo, hi = sorted([g.val(-1, 1), g.val(-1, 1)])
        form = g.choice(['x.clamp(%s, %s)' % (lo, hi), 'torch.clamp(x, min=%s)' % lo, 'x.clamp(max=%s)' % hi,
                         'torch.clamp(x, min=%s, max=%s)' % (lo, hi), 'x.clip(%s, %s)' % (lo, hi)])
        lines = ['x = %s' % g.t(s), 'y = ' + form]
        tag = 'clamp'
    elif k == 3:
        s2 = s[-1:] if s and g.r.random() < 0.5 else s
        lines = ['x = %s' % g.t(s, positive=True), 'e = %s' % g.t(s2, lo=-1.5, hi=2.5), 'y = x.pow(e)']
        return 'pow:tensor', lines + grad_tail(g, 'y', ['x', 'e'])
    elif k == 4:
        lines = ['x = %s' % g.t(s), 'y = torch.where(x > %s, x * x, %s - x)' % (g.val(-1, 1), g.val())]
        tag = 'where'
    else:
        lines = ['x = %s' % g.t(s), 'y = x.%s(%s)' % (g.choice(['add', 'sub', 'mul', 'div']), g.val(0.5, 2))]
        tag = 'method-scalar'
    return tag, lines + grad_tail(g, 'y', ['x'])


def broadcastable_pair(g):
    a = g.shape(g.choice([0, 1, 2, 2]))
    k = g.r.randint(0, 6)
    if len(a) == 0:
        b = g.shape()
    elif k == 0:
        b = a
    elif k == 1:
        b = a[-1:]
    elif k == 2 and len(a) == 2:
        b = (a[0], 1)
    elif k == 3 and len(a) == 2:
        b = (1, a[1])
    elif k == 4:
        b = ()
    elif k == 5 and len(a) == 1:
        b = (g.r.randint(1, 3), a[0])
    elif k == 6 and len(a) == 2:
        b = (1, 1)
    else:
        b = (1,)
    if g.r.random() < 0.5:
        a, b = b, a
    if g.r.random() < 0.05:  # sometimes shapes that do not broadcast
        b = tuple(x + 1 for x in b) if b else (5,)
    return a, b


def gen_binary(g):
    a, b = broadcastable_pair(g)
    op = g.choice(['+', '-', '*', '/', '**', 'max', 'min', 'torch.add(a, b, alpha=%s)' % g.val(), 'sub_a',
                   'where', 'xlogy', 'eqmul', 'mulm', 'divm', 'pow_t'])
    pos_a = op in ('**', 'xlogy')
    lines = ['a = %s' % g.t(a, positive=pos_a), 'b = %s' % g.t(b, positive=op in ('/', 'remainder', 'fmod'))]
    if op in '+-*/**' and len(op) <= 2:
        y = 'a %s b' % op
        if g.r.random() < 0.3:
            y = 'b %s a' % op if op not in ('/', '**') else y
    elif op == 'max':
        y = 'torch.maximum(a, b)'
    elif op == 'min':
        y = 'torch.minimum(a, b)'
    elif op == 'mulm':
        y = 'a.mul(b)'
    elif op == 'divm':
        y = 'torch.div(a, b.abs() + 0.5)'
    elif op == 'pow_t':
        y = 'torch.pow(a.abs() + 0.1, b)'
    elif op == 'sub_a':
        y = 'torch.sub(a, b, alpha=%s)' % g.val()
    elif op == 'where':
        y = 'torch.where(a > b, a, b * 2)'
    elif op == 'xlogy':
        y = 'torch.xlogy(a, b)'
    elif op == 'remainder':
        y = 'torch.remainder(a, b)'
    elif op == 'fmod':
        y = 'torch.fmod(a, b)'
    elif op == 'eqmul':
        y = '(a >= b).float() * a'
    else:
        y = op
    tag = 'binary:' + (op.split('(')[0] if '(' in op else op)
    lines.append('y = ' + y)
    return tag, lines + grad_tail(g, 'y', ['a', 'b'])


def gen_scalar_tensor(g):
    s = g.shape()
    c = g.val(0.3, 2.5)
    op = g.choice(['%s + x', '%s - x', '%s * x', '%s / x', 'x / %s', 'x - %s', '%s ** x', 'x ** %s'])
    lines = ['x = %s' % g.t(s, positive=True), 'y = ' + op % c]
    return 'scalar-op:' + op.replace('%s', 'c'), lines + grad_tail(g, 'y', ['x'])


def gen_reduction(g):
    s = g.shape(g.choice([1, 2, 2]))
    op = g.choice(['sum', 'mean', 'std', 'var', 'logsumexp', 'norm', 'max', 'min', 'argmax', 'argmin', 'std_biased',
                   'var_biased', 'norm1', 'sum_tuple', 'mean_tuple', 'any', 'all'])
    dims = [None, 0, -1] + ([1] if len(s) == 2 else [])
    d = g.choice(dims)
    keep = g.r.random() < 0.4
    if op in ('logsumexp', 'cumsum') and d is None:
        d = 0
    lines = ['x = %s' % g.t(s)]
    if g.r.random() < 0.15:  # ties
        lines.append('x = torch.cat([x, x], 0)' if g.r.random() < 0.5 else 'x = x.round()')
        lines[-1] = lines[-1] if 'round' not in lines[-1] else 'x = %s' % g.t(s).replace(
            'torch.tensor(', 'torch.tensor([[round(v) for v in r] for r in ' if len(s) == 2 else 'torch.tensor([round(v) for v in ').replace(
            ', requires_grad', '], requires_grad')
    if op in ('max', 'min', 'median'):
        if d is None:
            y = 'x.%s()' % op
            lines.append('y = ' + y)
        else:
            lines.append('v, i = torch.%s(x, %s%s)' % (op, d, ', keepdim=True' if keep else ''))
            lines.append('out("i", i)')
            lines.append('y = v')
        return 'reduce:%s(dim)' % op if d is not None else 'reduce:%s' % op, lines + grad_tail(g, 'y', ['x'])
    if op in ('argmax', 'argmin'):
        arg = '' if d is None else ('%s%s' % (d, ', keepdim=True' if keep else ''))
        lines.append('out("y", x.%s(%s))' % (op, arg))
        return 'reduce:' + op, lines
    if op in ('sum_tuple', 'mean_tuple'):
        lines.append('y = x.%s(dim=%s%s)' % (op[:-6], '(0, 1)' if len(s) == 2 else '(0,)', ', keepdim=True' if keep else ''))
        return 'reduce:' + op, lines + grad_tail(g, 'y', ['x'])
    if op in ('any', 'all'):
        arg = '' if d is None else ('%s%s' % (d, ', keepdim=True' if keep else ''))
        lines.append('out("y", (x > %s).%s(%s))' % (g.val(-1, 1), op, arg))
        return 'reduce:' + op, lines
    if op == 'cumsum':
        lines.append('y = torch.cumsum(x, %s)' % d)
        return 'reduce:cumsum', lines + grad_tail(g, 'y', ['x'])
    name = {'std_biased': 'std', 'var_biased': 'var', 'norm1': 'norm'}.get(op, op)
    extra = {'std_biased': 'unbiased=False', 'var_biased': 'unbiased=False', 'norm1': 'p=1'}.get(op)
    args = []
    if extra and name == 'norm':
        args.append(extra)
    if d is not None:
        args.append('dim=%s' % d)
        if keep:
            args.append('keepdim=True')
    if extra and name != 'norm':
        args.append(extra)
    if op in ('amax', 'amin') and d is None:
        args = []
    form = g.choice(['x.%s(%s)', 'torch.%s(x%s)'])
    if form.startswith('x.'):
        y = 'x.%s(%s)' % (name, ', '.join(args))
    else:
        y = 'torch.%s(x%s)' % (name, ''.join(', ' + a for a in args))
    lines.append('y = ' + y)
    return 'reduce:' + op + ('(dim)' if d is not None else ''), lines + grad_tail(g, 'y', ['x'])


def gen_matmul(g):
    n, k, m = g.r.randint(1, 4), g.r.randint(1, 4), g.r.randint(1, 4)
    kind = g.choice(['mm', 'matmul22', 'matmul12', 'matmul21', 'matmul11', 'dot', 't', 'T', 'mm_bad'])
    if kind == 'mm':
        lines = ['a = %s' % g.t((n, k)), 'b = %s' % g.t((k, m)), 'y = %s' % g.choice(['torch.mm(a, b)', 'a.mm(b)'])]
    elif kind == 'matmul22':
        lines = ['a = %s' % g.t((n, k)), 'b = %s' % g.t((k, m)), 'y = torch.matmul(a, b)']
    elif kind == 'matmul12':
        lines = ['a = %s' % g.t((k,)), 'b = %s' % g.t((k, m)), 'y = a.matmul(b)']
    elif kind == 'matmul21':
        lines = ['a = %s' % g.t((n, k)), 'b = %s' % g.t((k,)), 'y = torch.matmul(a, b)']
    elif kind in ('matmul11', 'dot'):
        lines = ['a = %s' % g.t((k,)), 'b = %s' % g.t((k,)),
                 'y = torch.matmul(a, b)' if kind == 'matmul11' else 'y = torch.dot(a, b)']
    elif kind == 'mv':
        lines = ['a = %s' % g.t((n, k)), 'b = %s' % g.t((k,)), 'y = torch.mv(a, b)']
    elif kind == 't':
        lines = ['a = %s' % g.t((n, k)), 'b = %s' % g.t((n, m)), 'y = a.t().mm(b)']
    elif kind == 'T':
        lines = ['a = %s' % g.t((n, k)), 'b = %s' % g.t((m, k)), 'y = torch.matmul(a, b.T)']
    elif kind == 'addmm':
        lines = ['c = %s' % g.t((m,), grad=False), 'a = %s' % g.t((n, k)), 'b = %s' % g.t((k, m)),
                 'y = torch.addmm(c, a, b)']
    elif kind == 'outer':
        lines = ['a = %s' % g.t((n,)), 'b = %s' % g.t((m,)), 'y = torch.outer(a, b)']
    else:
        lines = ['a = %s' % g.t((n, k)), 'b = %s' % g.t((k + 1, m)), 'y = a.mm(b)']
    return 'matmul:' + kind, lines + grad_tail(g, 'y', ['a', 'b'])


def gen_index(g):
    r, c = g.r.randint(2, 4), g.r.randint(2, 4)
    i, j = g.r.randint(-r, r - 1), g.r.randint(-c, c - 1)
    a0, a1 = sorted([g.r.randint(0, r), g.r.randint(0, r)])
    forms = ['x[%d]' % i, 'x[%d, %d]' % (i, j), 'x[:, %d]' % j, 'x[%d:%d]' % (a0, a1), 'x[%d:]' % a0, 'x[:%d]' % a1,
             'x[::2]', 'x[:, 1:]', 'x[%d][%d]' % (i, j), 'x[[%d, %d]]' % (g.r.randint(0, r - 1), g.r.randint(0, r - 1)),
             'x[x > %s]' % g.val(-1, 1), 'x[..., %d]' % j, 'x[%d, None]' % i, 'x[:, None, %d]' % j,
             'x[[0, %d], [%d, 0]]' % (r - 1, c - 1), 'x[:, [%d, 0]]' % (c - 1), 'x[-1:, -2:]', 'x[1:, :-1]',
             'x.index_select(0, torch.tensor([%d, 0]))' % (r - 1), 'x.index_select(1, torch.tensor([%d]))' % (c - 1),
             'x[torch.tensor([%d, 0])]' % (r - 1), 'x[%d:%d, %d]' % (a0, a1, j), 'x[torch.tensor([True] + [False] * %d)]' % (r - 1),
             'x[%d:%d:%d]' % (0, r, 2), 'x[%d]' % (r + 1), 'x[:, %d]' % (c + 1), 'x[x[:, 0] > 0]',
             'x[torch.tensor(%s)]' % g.ints((2,), -r, r - 1), 'x[[True] + [False] * %d]' % (r - 1),
             'x[1:, [0, %d]]' % (c - 1), 'x[x.sum(1) > 0, %d]' % j, 'x[%d].unsqueeze(0)' % i]
    e = g.choice(forms)
    one_d = g.r.random() < 0.25
    if one_d:
        e1 = g.choice(['x[%d]' % i, 'x[%d:%d]' % (a0, a1), 'x[-1]', 'x[::2]', 'x[x > 0]', 'x[None]', 'x[:, None]',
                       'x[[0, %d, 0]]' % (r - 1), 'x[torch.tensor([%d, 0])]' % (r - 1), 'x[1:-1]', 'x[%d:]' % a1])
        lines = ['x = %s' % g.t((r,)), 'y = ' + e1]
        return 'index1:' + re.sub(r'-?\d+(\.\d+)?', 'k', e1), lines + grad_tail(g, 'y', ['x'])
    lines = ['x = %s' % g.t((r, c)), 'y = ' + e]
    return 'index2:' + re.sub(r'-?\d+(\.\d+)?', 'k', e), lines + grad_tail(g, 'y', ['x'])


def gen_setitem(g):
    r, c = g.r.randint(2, 4), g.r.randint(2, 4)
    i, j = g.r.randint(0, r - 1), g.r.randint(0, c - 1)
    form = g.choice(['z[%d] = %s' % (i, g.val()), 'z[%d, %d] = %s' % (i, j, g.val()), 'z[:, %d] = %s' % (j, g.val()),
                     'z[z > 0] = 0', 'z[%d] = torch.tensor(%s)' % (i, g.lit((c,))), 'z[:, %d] = torch.tensor(%s)' % (j, g.lit((r,))),
                     'z[1:, 1:] = %s' % g.val(), 'z[[0, %d], [%d, 0]] = %s' % (r - 1, c - 1, g.val()),
                     'z += 1', 'z *= torch.tensor(%s)' % g.lit((c,)), 'z.add_(%s)' % g.val(), 'z.mul_(%s)' % g.val(),
                     'z.div_(2)', 'z.fill_(%s)' % g.val(), 'z.zero_()', 'z[z < 0] *= 2', 'z[:, %d] += 1' % j,
                     'z[%d] -= z[0]' % i, 'z /= torch.tensor(%s)' % g.lit((r, 1), positive=True),
                     'z[z > 0] = torch.tensor(1.5)', 'z[%d, :] = z[0, :] * 2' % i, 'z.sub_(1, alpha=2)',
                     'z[%d:] = torch.tensor(%s)' % (r - 1, g.lit((1, c))), 'z.sub_(torch.tensor(%s))' % g.lit((c,))])
    lines = ['x = %s' % g.t((r, c), grad=False), 'z = x.clone()', form, 'out("z", z)', 'out("x", x)']
    return 'setitem:' + re.sub(r'-?\d+(\.\d+)?', 'k', form.split('torch.tensor(')[0]), lines


def gen_shape(g):
    r, c = g.r.randint(1, 4), g.r.randint(1, 4)
    n = r * c
    ops = ['x.view(%d, %d)' % (c, r), 'x.reshape(-1)', 'x.view(-1, %d)' % r, 'x.t()', 'x.T', 'x.transpose(0, 1)',
           'x.unsqueeze(0)', 'x.unsqueeze(-1)', 'x.reshape(%d)' % n, 'x.flatten()', 'x.view(%d, -1)' % n,
           'x.reshape(%d, %d)' % (n + 1, 1), 'x.squeeze()', 'x.squeeze(0)', 'x.squeeze(1)', 'x.t().reshape(-1)',
           'x.t().contiguous().view(-1)', 'x.permute(1, 0)', 'x.view(-1).unsqueeze(1)', 'x.view(-1)[None]',
           'x.reshape(-1, 1).squeeze(-1)', 'x.flatten().view(%d, %d)' % (c, r), 'x.transpose(1, 0)',
           'torch.transpose(x, 0, 1)', 'torch.flatten(x)', 'torch.squeeze(x)', 'torch.unsqueeze(x.flatten(), 1)',
           'x.view(x.size(0), -1)', 'x.reshape(x.shape[1], x.shape[0])', 'x.mT' if False else 'x.t().t()',
           'x.view(%d, %d)' % (c + 1, r)]
    e = g.choice(ops)
    lines = ['x = %s' % g.t((r, c)), 'y = ' + e, 'out("shape", list(y.shape))']
    return 'shape:' + re.sub(r'-?\d+', 'k', e), lines + grad_tail(g, 'y', ['x'])


def gen_join(g):
    r, c = g.r.randint(1, 3), g.r.randint(1, 3)
    kind = g.choice(['cat0', 'cat1', 'catv', 'stack0', 'stack1', 'stackv', 'cat_bad', 'split', 'chunk', 'cat_neg',
                     'split_list', 'stack_neg', 'cat_one', 'stack_bad', 'chunk0'])
    if kind == 'cat0':
        lines = ['a = %s' % g.t((r, c)), 'b = %s' % g.t((g.r.randint(1, 3), c)), 'y = torch.cat([a, b], 0)']
    elif kind == 'cat1':
        lines = ['a = %s' % g.t((r, c)), 'b = %s' % g.t((r, g.r.randint(1, 3))), 'y = torch.cat((a, b), dim=1)']
    elif kind == 'cat_neg':
        lines = ['a = %s' % g.t((r, c)), 'b = %s' % g.t((r, g.r.randint(1, 3))), 'y = torch.cat([a, b], -1)']
    elif kind == 'catv':
        lines = ['a = %s' % g.t((c,)), 'b = %s' % g.t((g.r.randint(1, 3),)), 'y = torch.cat([a, b, a])']
    elif kind == 'stack0':
        lines = ['a = %s' % g.t((c,)), 'b = %s' % g.t((c,)), 'y = torch.stack([a, b])']
    elif kind == 'stack1':
        lines = ['a = %s' % g.t((c,)), 'b = %s' % g.t((c,)), 'y = torch.stack([a, b, a], dim=1)']
    elif kind == 'stackv':
        lines = ['a = %s' % g.t(()), 'b = %s' % g.t(()), 'y = torch.stack([a, b, a * b])']
    elif kind == 'cat_bad':
        lines = ['a = %s' % g.t((r, c)), 'b = %s' % g.t((r, c + 1)), 'y = torch.cat([a, b], 0)']
    elif kind == 'split':
        lines = ['a = %s' % g.t((r + 2, c)), 'b = a * 1', 'p = torch.split(a, 2)', 'y = p[-1] * p[0][:p[-1].shape[0]]']
    elif kind == 'chunk':
        lines = ['a = %s' % g.t((r, c + 2)), 'b = a * 1', 'p = a.chunk(2, dim=1)', 'out("n", len(p))', 'y = p[0].sum(1) - p[-1].sum(1)']
    elif kind == 'split_list':
        lines = ['a = %s' % g.t((r, c + 2)), 'b = a * 1', 'p = a.split([1, c + 1], dim=1)', 'y = p[1].sum(1) * p[0][:, 0]']
        lines[2] = lines[2].replace('c + 1', str(c + 1))
    elif kind == 'stack_neg':
        lines = ['a = %s' % g.t((c,)), 'b = %s' % g.t((c,)), 'y = torch.stack((a, b), -1)']
    elif kind == 'cat_one':
        lines = ['a = %s' % g.t((r, c)), 'b = a', 'y = torch.cat([a])']
    elif kind == 'stack_bad':
        lines = ['a = %s' % g.t((c,)), 'b = %s' % g.t((c + 1,)), 'y = torch.stack([a, b])']
    else:
        lines = ['a = %s' % g.t((r + 1, c)), 'b = a', 'p = torch.chunk(a, %d)' % g.r.randint(1, 3), 'out("n", len(p))',
                 'y = p[-1]']
    return 'join:' + kind, lines + grad_tail(g, 'y', ['a', 'b'])


ACTS = ['F.relu(x)', 'F.leaky_relu(x, %s)', 'F.leaky_relu(x)', 'F.elu(x, alpha=%s)', 'F.elu(x)', 'F.softplus(x)',
        'F.softplus(x * 15)', 'F.sigmoid(x)', 'F.tanh(x)', 'F.softmax(x, dim=%d)', 'F.log_softmax(x, dim=%d)',
        'F.logsigmoid(x)', 'F.logsigmoid(x * 30)', 'torch.softmax(x, %d)', 'x.softmax(%d)', 'x.log_softmax(dim=%d)',
        'torch.log_softmax(x, %d)', 'F.softmax(x * 300, dim=%d)', 'x.sigmoid()', 'x.relu()', 'torch.relu(x)',
        'F.relu(x, inplace=True)', 'F.leaky_relu(x, negative_slope=%s)', 'torch.logsumexp(x, %d)',
        'torch.logsumexp(x * 800, %d)', 'x.exp().log()', 'F.softmax(x)', 'x.tanh()']


def gen_activation(g):
    s = g.shape(g.choice([1, 2, 2]))
    a = g.choice(ACTS)
    if '%d' in a:
        d = g.choice([-1, 0] + ([1] if len(s) == 2 else []))
        if 'glu' in a:
            s = tuple(x * 2 for x in s)
        a = a % d
    elif '%s' in a:
        a = a % g.pos(0.05, 2)
    layer = g.r.random() < 0.25
    tag = 'act:' + re.sub(r'-?\d+(\.\d+)?', 'k', a)
    lines = ['x = %s' % g.t(s, lo=-3, hi=3)]
    if layer:
        mod = g.choice(['nn.ReLU()', 'nn.Tanh()', 'nn.Sigmoid()', 'nn.LeakyReLU(%s)' % g.pos(0.01, 0.5),
                        'nn.ELU(%s)' % g.pos(0.1, 2), 'nn.Softmax(dim=-1)', 'nn.LogSoftmax(dim=1)', 'nn.Softplus()',
                        'nn.Identity()', 'nn.Softmax(dim=0)', 'nn.LeakyReLU()', 'nn.ELU()', 'nn.ReLU(inplace=True)',
                        'nn.Flatten()', 'nn.Dropout(0.3).eval()' if False else 'nn.Dropout(0.0)'])
        a = mod + '(x)'
        tag = 'layer:' + re.sub(r'\(.*', '', mod)
    lines.append('y = ' + a)
    return tag, lines + grad_tail(g, 'y', ['x'])


def gen_loss(g):
    n, k = g.r.randint(1, 4), g.r.randint(2, 4)
    red = g.choice([None, 'mean', 'sum', 'none'])
    rs = '' if red is None else ", reduction='%s'" % red
    kind = g.choice(['mse', 'l1', 'smooth_l1', 'huber', 'bce', 'bce_logits', 'ce', 'ce_probs', 'nll', 'poisson',
                     'kl', 'ce_1d', 'soft_margin', 'bce_edge', 'mse_grad_t', 'ce_allignored'])
    if kind in ('mse', 'l1'):
        s = g.shape(g.choice([1, 2]))
        lines = ['x = %s' % g.t(s), 't = %s' % g.t(s, grad=False), 'y = F.%s_loss(x, t%s)' % (kind, rs)]
    elif kind == 'smooth_l1':
        s = (n,)
        lines = ['x = %s' % g.t(s), 't = %s' % g.t(s, grad=False), 'y = F.smooth_l1_loss(x, t%s, beta=%s)' % (rs, g.pos(0.2, 2))]
    elif kind == 'huber':
        s = (n, 2)
        lines = ['x = %s' % g.t(s), 't = %s' % g.t(s, grad=False), 'y = F.huber_loss(x, t%s, delta=%s)' % (rs, g.pos(0.2, 2))]
    elif kind == 'bce':
        s = g.shape(g.choice([1, 2]))
        wt = ', weight=%s' % g.t(s, grad=False, positive=True) if g.r.random() < 0.3 else ''
        lines = ['x = %s' % g.t(s, lo=0.05, hi=0.95, positive=True), 't = torch.tensor(%s)' % g.lit(s, 0, 1, positive=True),
                 'y = F.binary_cross_entropy(x, t%s%s)' % (wt, rs)]
    elif kind == 'bce_logits':
        s = (n, k)
        wt = ', pos_weight=%s' % g.t((k,), grad=False, positive=True) if g.r.random() < 0.4 else ''
        lines = ['x = %s' % g.t(s, lo=-4, hi=4), 't = torch.tensor(%s)' % g.ints(s, 0, 1).replace('1', '1.').replace('0', '0.'),
                 'y = F.binary_cross_entropy_with_logits(x, t%s%s)' % (wt, rs)]
    elif kind in ('ce', 'nll', 'ce_1d'):
        opts = ''
        if g.r.random() < 0.3:
            opts += ', weight=%s' % g.t((k,), grad=False, positive=True)
        if g.r.random() < 0.2:
            opts += ', ignore_index=%d' % g.r.randint(0, k - 1)
        if kind != 'nll' and g.r.random() < 0.25:
            opts += ', label_smoothing=%s' % g.choice(['0.1', '0.2'])
        if kind == 'ce_1d':
            lines = ['x = %s' % g.t((k,)), 't = torch.tensor(%d)' % g.r.randint(0, k - 1), 'y = F.cross_entropy(x, t%s%s)' % (opts, rs)]
        else:
            x = 'x = %s' % g.t((n, k)) if kind == 'ce' else 'x0 = %s; x = F.log_softmax(x0, 1)' % g.t((n, k))
            lines = x.split('; ') + ['t = torch.tensor(%s)' % g.ints((n,), 0, k - 1),
                                     'y = F.%s(x, t%s%s)' % ('cross_entropy' if kind == 'ce' else 'nll_loss', opts, rs)]
            if kind == 'nll':
                return 'loss:nll', lines + grad_tail(g, 'y', ['x0'])
    elif kind == 'ce_probs':
        lines = ['x = %s' % g.t((n, k)), 'p = torch.softmax(torch.tensor(%s), 1)' % g.lit((n, k)),
                 'y = F.cross_entropy(x, p%s)' % rs]
    elif kind == 'poisson':
        li = g.choice([True, False])
        full = g.choice([True, False])
        lines = ['x = %s' % g.t((n,), positive=not li), 't = torch.tensor(%s)' % g.ints((n,), 0, 4).replace(',', '.,').replace(']', '.]'),
                 'y = F.poisson_nll_loss(x, t, log_input=%s, full=%s%s)' % (li, full, rs)]
    elif kind == 'kl':
        lt = g.choice([True, False])
        lines = ['x0 = %s' % g.t((n, k)), 'x = F.log_softmax(x0, dim=1)',
                 't = %s' % ('F.log_softmax(torch.tensor(%s), 1)' if lt else 'F.softmax(torch.tensor(%s), 1)') % g.lit((n, k)),
                 'y = F.kl_div(x, t, reduction=%r, log_target=%s)' % (g.choice(['batchmean', 'sum', 'mean', 'none']), lt)]
        return 'loss:kl', lines + grad_tail(g, 'y', ['x0'])
    elif kind == 'soft_margin':
        lines = ['x = %s' % g.t((n,)), 't = torch.tensor(%s)' % g.choice(['[1.]', '[-1.]']) + ' * torch.ones(%d)' % n,
                 'y = F.soft_margin_loss(x, t%s)' % rs]
    elif kind == 'hinge':
        lines = ['x = %s' % g.t((n,)), 't = torch.tensor(%s)' % g.ints((n,), 0, 1).replace('0', '-1.').replace('1', '1.').replace('-1..', '-1.'),
                 'y = F.hinge_loss(x, t%s)' % rs]
    elif kind == 'bce_edge':
        lines = ['x = torch.tensor([0.0, 1.0, 0.5, 1e-30][:%d], requires_grad=True)' % (n + 1),
                 't = torch.tensor([1.0, 0.0, 0.5, 1.0][:%d])' % (n + 1), 'y = F.binary_cross_entropy(x, t%s)' % rs]
    elif kind == 'mse_grad_t':
        s = g.shape(g.choice([1, 2]))
        lines = ['x = %s' % g.t(s), 't = %s' % g.t(s), 'y = F.%s(x, t%s)' % (g.choice(['mse_loss', 'l1_loss', 'smooth_l1_loss', 'huber_loss']), rs)]
        return 'loss:' + lines[-1].split('(')[0][6:] + '(target grad)', lines + grad_tail(g, 'y', ['x', 't'])
    else:
        lines = ['x = %s' % g.t((n, k)), 't = torch.tensor([%d] * %d)' % (k - 1, n),
                 'y = F.cross_entropy(x, t, ignore_index=%d%s)' % (k - 1, rs)]
    module = g.r.random() < 0.3 and kind in ('mse', 'l1', 'bce', 'bce_logits', 'ce', 'poisson', 'smooth_l1', 'huber')
    if module:
        cls = {'mse': 'MSELoss', 'l1': 'L1Loss', 'bce': 'BCELoss', 'bce_logits': 'BCEWithLogitsLoss',
               'ce': 'CrossEntropyLoss', 'poisson': 'PoissonNLLLoss', 'smooth_l1': 'SmoothL1Loss', 'huber': 'HuberLoss'}[kind]
        call = lines[-1]
        m = re.match(r'y = F\.\w+\(x, (\w+)(.*)\)$', call)
        lines[-1] = 'y = nn.%s(%s)(x, %s)' % (cls, m.group(2).lstrip(', '), m.group(1))
        kind = 'module-' + cls
    return 'loss:' + kind + ('' if red is None else '/' + red), lines + grad_tail(g, 'y', ['x'])


def set_linear(g, name, i, o, bias=True):
    lines = ['%s.weight = nn.Parameter(torch.tensor(%s))' % (name, g.lit((o, i), -1, 1))]
    if bias:
        lines.append('%s.bias = nn.Parameter(torch.tensor(%s))' % (name, g.lit((o,), -1, 1)))
    return lines


def gen_linear(g):
    n, i, h, o = g.r.randint(1, 4), g.r.randint(1, 3), g.r.randint(1, 4), g.r.randint(1, 3)
    kind = g.choice(['linear', 'linear_nobias', 'seq', 'module', 'functional', 'linear1d', 'seq_dict'])
    act = g.choice(['nn.ReLU()', 'nn.Tanh()', 'nn.Sigmoid()', 'nn.Softplus()', 'nn.LeakyReLU(0.1)', 'nn.ELU()'])
    if kind in ('linear', 'linear_nobias', 'linear1d'):
        nb = kind == 'linear_nobias'
        lines = ['m = nn.Linear(%d, %d%s)' % (i, o, ', bias=False' if nb else '')] + set_linear(g, 'm', i, o, not nb)
        lines += ['x = %s' % g.t((i,) if kind == 'linear1d' else (n, i)), 'y = m(x)']
        leaves = ['x', 'm.weight'] + ([] if nb else ['m.bias'])
    elif kind in ('seq', 'seq_dict'):
        if kind == 'seq':
            lines = ['m = nn.Sequential(nn.Linear(%d, %d), %s, nn.Linear(%d, %d))' % (i, h, act, h, o)]
        else:
            lines = ['from collections import OrderedDict',
                     "m = nn.Sequential(OrderedDict([('fc1', nn.Linear(%d, %d)), ('act', %s), ('fc2', nn.Linear(%d, %d))]))"
                     % (i, h, act, h, o)]
        lines += set_linear(g, 'm[0]', i, h) + set_linear(g, 'm[2]', h, o)
        lines += ['x = %s' % g.t((n, i)), 'y = m(x)']
        leaves = ['x', 'm[0].weight', 'm[0].bias', 'm[2].weight', 'm[2].bias']
    elif kind == 'module':
        lines = ['class Net(nn.Module):',
                 '    def __init__(self):',
                 '        super(Net, self).__init__()',
                 '        self.fc1 = nn.Linear(%d, %d)' % (i, h),
                 '        self.fc2 = nn.Linear(%d, %d)' % (h, o),
                 '    def forward(self, x):',
                 '        return self.fc2(%s(self.fc1(x))) + x.sum(1, keepdim=True)' % g.choice(['torch.tanh', 'F.relu', 'torch.sigmoid', 'F.elu']),
                 'm = Net()'] + set_linear(g, 'm.fc1', i, h) + set_linear(g, 'm.fc2', h, o)
        lines += ['x = %s' % g.t((n, i)), 'y = m(x)']
        leaves = ['x', 'm.fc1.weight', 'm.fc1.bias', 'm.fc2.weight', 'm.fc2.bias']
    else:
        lines = ['W = %s' % g.t((o, i)), 'b = %s' % g.t((o,)), 'x = %s' % g.t((n, i)), 'y = F.linear(x, W, b)']
        leaves = ['x', 'W', 'b']
    lines.append('out("names", [k for k, _ in m.named_parameters()])' if kind != 'functional' else 'pass')
    return 'nn:' + kind, lines + grad_tail(g, 'y', leaves)


def gen_optim(g):
    i, o, n = g.r.randint(1, 3), g.r.randint(1, 2), g.r.randint(2, 4)
    name = g.choice(['SGD', 'SGDm', 'Adam', 'AdamW', 'RMSprop', 'Adagrad'])
    lr = g.choice(['0.1', '0.05', '0.01', '0.3'])
    opts = []
    if name == 'SGD':
        if g.r.random() < 0.5:
            opts.append('weight_decay=%s' % g.choice(['0.01', '0.1']))
    elif name == 'SGDm':
        opts.append('momentum=%s' % g.choice(['0.9', '0.5']))
        if g.r.random() < 0.4:
            opts.append('nesterov=True')
        if g.r.random() < 0.4:
            opts.append('weight_decay=0.05')
        if g.r.random() < 0.2:
            opts.append('dampening=0.1')
    elif name in ('Adam', 'AdamW'):
        if g.r.random() < 0.4:
            opts.append('betas=(%s, %s)' % (g.choice(['0.8', '0.9']), g.choice(['0.99', '0.999'])))
        if g.r.random() < 0.4:
            opts.append('weight_decay=%s' % g.choice(['0.01', '0.1']))
        if g.r.random() < 0.3:
            opts.append('eps=1e-6')
        if g.r.random() < 0.15:
            opts.append('amsgrad=True')
    elif name == 'RMSprop':
        for o_ in ['alpha=0.9', 'momentum=0.5', 'centered=True', 'weight_decay=0.01', 'eps=1e-6']:
            if g.r.random() < 0.35:
                opts.append(o_)
    else:
        for o_ in ['lr_decay=0.01', 'weight_decay=0.01', 'initial_accumulator_value=0.1', 'eps=1e-6']:
            if g.r.random() < 0.35:
                opts.append(o_)
    cls = 'SGD' if name == 'SGDm' else name
    steps = g.r.randint(1, 4)
    loss = g.choice(['F.mse_loss(m(x), t)', '((m(x) - t) ** 4).mean()', 'F.l1_loss(m(x), t)', 'm(x).exp().mean() - (t * m(x)).mean()'])
    leaf = g.r.random() < 0.25
    lines = []
    if leaf:
        lines += ['w = %s' % g.t((i, o)), 'c = %s' % g.t((o,)), 'def m(x):', '    return x.mm(w) + c',
                  'params = [w, c]']
    else:
        lines += ['m = nn.Linear(%d, %d)' % (i, o)] + set_linear(g, 'm', i, o) + ['params = m.parameters()']
    lines += ['x = torch.tensor(%s)' % g.lit((n, i)), 't = torch.tensor(%s)' % g.lit((n, o)),
              'opt = optim.%s(params, lr=%s%s)' % (cls, lr, ''.join(', ' + x for x in opts)),
              'for step in range(%d):' % steps,
              '    opt.zero_grad()',
              '    loss = %s' % loss,
              '    loss.backward()',
              '    opt.step()',
              '    out("loss", loss)']
    lines += ['out("w", w)', 'out("c", c)'] if leaf else ['out("w", m.weight)', 'out("b", m.bias)']
    return 'optim:%s%s' % (name, '(' + ','.join(sorted(x.split('=')[0] for x in opts)) + ')' if opts else ''), lines


def gen_dist(g):
    n = g.r.randint(1, 3)
    kind = g.choice(['Normal', 'Bernoulli_p', 'Bernoulli_l', 'Categorical_p', 'Categorical_l', 'Poisson', 'Gamma',
                     'Exponential', 'Binomial_p', 'Binomial_l', 'NegBin_l', 'NegBin_p', 'Normal_b'])
    if kind == 'Normal':
        lines = ['a = %s' % g.t((n,)), 'b = %s' % g.t((n,), positive=True), 'v = torch.tensor(%s)' % g.lit((n,)),
                 'd = D.Normal(a, b)']
    elif kind == 'Normal_b':
        lines = ['a = %s' % g.t((n,)), 'b = %s' % g.t((), positive=True), 'v = torch.tensor(%s)' % g.lit((2, n)),
                 'd = D.Normal(a, b)']
    elif kind.startswith('Bernoulli'):
        p = kind.endswith('p')
        lines = ['a = %s' % g.t((n,), lo=0.05, hi=0.95, positive=p), 'b = a', 'v = torch.tensor(%s)' % g.ints((n,), 0, 1).replace(',', '.,').replace(']', '.]'),
                 'd = D.Bernoulli(%s=a)' % ('probs' if p else 'logits')]
    elif kind.startswith('Categorical'):
        p = kind.endswith('p')
        lines = ['a = %s' % g.t((n, 3), positive=p), 'b = a', 'v = torch.tensor(%s)' % g.ints((n,), 0, 2),
                 'd = D.Categorical(%s=a)' % ('probs' if p else 'logits')]
    elif kind == 'Poisson':
        lines = ['a = %s' % g.t((n,), positive=True), 'b = a', 'v = torch.tensor(%s)' % g.ints((n,), 0, 5).replace(',', '.,').replace(']', '.]'),
                 'd = D.Poisson(a)']
    elif kind == 'Gamma':
        lines = ['a = %s' % g.t((n,), positive=True), 'b = %s' % g.t((n,), positive=True),
                 'v = torch.tensor(%s)' % g.lit((n,), positive=True), 'd = D.Gamma(a, b)']
    elif kind == 'Exponential':
        lines = ['a = %s' % g.t((n,), positive=True), 'b = a', 'v = torch.tensor(%s)' % g.lit((n,), positive=True),
                 'd = D.Exponential(a)']
    else:
        p = kind.endswith('p')
        nb = kind.startswith('NegBin')
        lines = ['a = %s' % g.t((n,), lo=0.05, hi=0.95, positive=p), 'b = a',
                 'v = torch.tensor(%s)' % g.ints((n,), 0, 5).replace(',', '.,').replace(']', '.]'),
                 'd = D.%s(torch.tensor(5.), %s=a)' % ('NegativeBinomial' if nb else 'Binomial', 'probs' if p else 'logits')]
    lines += ['out("mean", d.mean)', 'out("var", d.variance)', 'y = d.log_prob(v)']
    return 'dist:' + kind, lines + grad_tail(g, 'y', ['a', 'b'] if kind in ('Normal', 'Normal_b', 'Gamma') else ['a'])


def gen_chain(g):
    """A few operations in a row, for interactions (broadcasting into reductions, views into products)."""
    r, c = g.r.randint(1, 3), g.r.randint(1, 3)
    steps = [
        'y = (x * v).sum(1)', 'y = (x - x.mean(0)) / (x.std(0) + 1)', 'y = x.t().mm(x) + 1', 'y = torch.exp(x).sum(0, keepdim=True) / x.exp().sum()',
        'y = (x + v).max(1)[0] * v.sum()', 'y = torch.cat([x, x * v], 1).mean(0)', 'y = x.view(-1)[::2] * 3',
        'y = (x ** 2).sum().sqrt()', 'y = torch.sigmoid(x @ v)' if False else 'y = torch.sigmoid(x.matmul(v))',
        'y = x / x.sum(1, keepdim=True)', 'y = x.logsumexp(1) - x.max(1).values', 'y = x.norm(dim=1) * v.mean()',
        'y = (x.unsqueeze(0) * 2).squeeze(0) - v', 'y = x.abs().mean(1, keepdim=True).expand_as(x) * x',
        'y = torch.stack([x.sum(0), v], 0).prod(0)', 'y = F.softmax(x * v, dim=0)[0]', 'y = x.clone().t()[0] + 1',
        'y = 1 - x.sum() / v.sum()', 'y = torch.where(x > 0, x, torch.zeros_like(x)).sum(0) + v',
        'y = x.mean() * x - x.var()']
    lines = ['x = %s' % g.t((r, c)), 'v = %s' % g.t((c,)), g.choice(steps)]
    return 'chain:' + lines[-1][4:], lines + grad_tail(g, 'y', ['x', 'v'])


def gen_int(g):
    """Whole-number and bool tensors: PyTorch's type promotion and integer arithmetic."""
    s = g.shape(g.choice([1, 2]))
    a, b = g.ints(s, -4, 4), g.ints(s[-1:], 1, 4)
    e = g.choice(['a + b', 'a * b', 'a - b', 'a / b', 'a // b', 'a % b', 'a * 2', 'a + 1.5', 'a / 2', '-a', 'abs(a)',
                  'a ** 2', '2 ** b', 'a.sum()', 'a.sum(0)', '(a > 0).sum()', '(a == b).sum().item()',
                  '(a > 0).float().mean()', 'a.float() / b', 'a.max()', 'a.argmax()', 'a.double() * 0.5', 'a.long()',
                  '(a > 0) & (a < 3)', '(a > 0) | (b > 2)', '~(a > 0)', 'a[a > 0]', 'torch.where(a > 0, a, b)',
                  'a.clamp(min=0)', 'a.mean()', 'a.float().mean()', 'a * torch.tensor(0.5)', 'a + torch.tensor([0.5])',
                  '(a > 0) + (a > 1)', '(a > 0) * 2', '(a > 0).long() * b', 'torch.tensor(%s).int() + a' % g.lit(s),
                  'a.pow(2)', 'a.sum(dtype=torch.float64)', 'a.max(0)[1]', 'a.float().std()', 'torch.tensor(%s).long()' % g.lit(s),
                  'a.eq(b)', 'a.ne(2)', 'a.sign()', 'a.prod()' if False else 'a.abs()', 'a.numel()', 'a.tolist()',
                  'a.item()' if not s or s == (1,) else 'a[0].tolist()', 'a.unsqueeze(0).shape', 'torch.tensor(True) + a',
                  'a.to(torch.float32) * 1.5', 'a.type(torch.float64)', 'a.bool()', 'a.bool().int()', 'a.view(-1).tolist()'])
    lines = ['a = torch.tensor(%s)' % a, 'b = torch.tensor(%s)' % b, 'out("y", %s)' % e]
    return 'int:' + re.sub(r'\[[^\]]*\]|-?\d+(\.\d+)?', 'k', e), lines


def gen_autograd(g):
    """Autograd mechanics: accumulation over backward calls, retain_graph, a tensor used twice, detach, no_grad,
    backward(gradient), .data, requires_grad_(), grads of leaves through in-place updates under no_grad."""
    s = g.shape(g.choice([1, 2]))
    kind = g.choice(['accumulate', 'retain', 'twice', 'detach', 'no_grad', 'gradient', 'data', 'requires_grad_',
                     'zero', 'manual_sgd', 'nonleaf_retain', 'leaf_flags', 'sum_twice', 'grad_none'])
    x = 'x = %s' % g.t(s)
    if kind == 'accumulate':
        lines = [x, '(x * x).sum().backward()', 'out("g1", x.grad)', 'x.exp().sum().backward()', 'out("g2", x.grad)']
    elif kind == 'retain':
        lines = [x, 'y = (x * x.sin()).sum()', 'y.backward(retain_graph=True)', 'y.backward()', 'out("g", x.grad)']
    elif kind == 'twice':
        lines = [x, 'y = x * x + x.tanh() * x - x', 'out("y", y)', 'y.sum().backward()', 'out("g", x.grad)']
    elif kind == 'detach':
        lines = [x, 'y = x * x.detach() + x.detach().exp()', 'out("rg", y.requires_grad)', 'y.sum().backward()', 'out("g", x.grad)']
    elif kind == 'no_grad':
        lines = [x, 'with torch.no_grad():', '    z = x * 2', 'out("rg", z.requires_grad)', 'y = (x * z).sum()',
                 'y.backward()', 'out("g", x.grad)']
    elif kind == 'gradient':
        lines = [x, 'y = x.exp() * 2', 'y.backward(torch.tensor(%s))' % g.lit(s), 'out("g", x.grad)']
    elif kind == 'data':
        lines = [x, 'x.data = x.data * 2', 'y = (x ** 3).sum()', 'y.backward()', 'out("x", x)', 'out("g", x.grad)',
                 'out("leaf", x.is_leaf)']
    elif kind == 'requires_grad_':
        lines = ['x = torch.tensor(%s)' % g.lit(s), 'x.requires_grad_()', 'y = (x.sigmoid() * 3).sum()', 'y.backward()',
                 'out("g", x.grad)', 'out("rg", y.requires_grad)']
    elif kind == 'zero':
        lines = [x, '(x * 3).sum().backward()', 'x.grad.zero_()', '(x * x).sum().backward()', 'out("g", x.grad)']
    elif kind == 'manual_sgd':
        lines = [x, 'for i in range(3):', '    loss = ((x - 1) ** 2).sum()', '    loss.backward()',
                 '    with torch.no_grad():', '        x -= 0.1 * x.grad', '        x.grad.zero_()', '    out("loss", loss)',
                 'out("x", x)']
    elif kind == 'nonleaf_retain':
        lines = [x, 'h = x * 2', 'h.retain_grad()', '(h ** 2).sum().backward()', 'out("gh", h.grad)', 'out("gx", x.grad)']
    elif kind == 'leaf_flags':
        lines = [x, 'h = x * 2', 'out("flags", [x.is_leaf, h.is_leaf, h.requires_grad, x.detach().requires_grad])',
                 'out("gf", h.grad_fn is None)']
    elif kind == 'sum_twice':
        lines = [x, 'a = x.sum()', 'b = (x * 2).mean()', '(a + b).backward()', 'out("g", x.grad)']
    else:
        lines = [x, 'v = %s' % g.t(s), '(x * 2).sum().backward()', 'out("gx", x.grad)', 'out("gv", v.grad)']
    return 'autograd:' + kind, lines


def gen_edge(g):
    """NaN, infinities, zeros, empty tensors through operations and their gradients."""
    vals = ['float("nan")', 'float("inf")', '-float("inf")', '0.0', '1.0', '-2.0', '1e300', '-1e-300']
    n = g.r.randint(1, 4)
    v = '[' + ', '.join(g.choice(vals) for _ in range(n)) + ']'
    e = g.choice(['x.exp()', 'x.relu()', 'x.abs()', 'x.sqrt()', 'x.log()', 'x * 0', 'x.sigmoid()', 'x.tanh()',
                  'x.clamp(-1, 1)', 'x.max()', 'x.min()', 'x.sum()', 'x.mean()', 'torch.maximum(x, torch.zeros(%d))' % n,
                  'F.softmax(x, 0)', 'F.log_softmax(x, 0)', 'x.logsumexp(0)', 'x.sign()', 'x ** 2', 'x.norm()',
                  'torch.where(x > 0, x, x * 0.1)', 'F.softplus(x)', 'F.logsigmoid(x)', 'x.std()', 'x / x',
                  'F.elu(x)', 'F.leaky_relu(x)', 'x.sin()', 'x.argmax()', 'x.round()', 'x.floor()', '1 / x',
                  'x.log1p()', 'torch.xlogy(x, x)', 'x.var()', 'x.pow(0)', 'x.pow(0.5)', 'torch.clamp(x, min=0)'])
    lines = ['x = torch.tensor(%s, requires_grad=True)' % v, 'y = ' + e]
    if 'argmax' in e:
        return 'edge:argmax', lines + ['out("y", y)']
    return 'edge:' + re.sub(r'\(\d+\)', '(n)', e), lines + grad_tail(g, 'y', ['x'])


def gen_empty(g):
    s = g.choice([(0,), (0, 3), (2, 0)])
    e = g.choice(['x.sum()', 'x.mean()', 'x.sum(0)', 'x.max(0)' if len(s) == 1 else 'x.sum(1)', 'x.exp()', 'x * 2',
                  'torch.cat([x, x])', 'x.view(-1)', 'x.t()', 'x.std()', 'x.logsumexp(0)', 'F.softmax(x, 0)',
                  'F.mse_loss(x, x * 0)', 'x.norm()', 'x.argmax()', 'x.prod()' if False else 'x.abs().sum()'])
    lines = ['x = torch.zeros(%s, requires_grad=True)' % ', '.join(map(str, s)), 'y = ' + e]
    return 'empty:' + e, lines + grad_tail(g, 'y', ['x'])


def gen_layers(g):
    """BatchNorm1d, LayerNorm and Embedding (with explicit weights), clip_grad_norm_/clip_grad_value_, one_hot, and a
    learning-rate scheduler over a few SGD steps."""
    n, c = g.r.randint(2, 4), g.r.randint(1, 3)
    kind = g.choice(['bn', 'bn_eval', 'ln', 'emb', 'clip_norm', 'clip_value', 'one_hot', 'sched', 'modulelist', 'eye'])
    if kind in ('bn', 'bn_eval'):
        opts = g.choice(['', ', momentum=0.3', ', affine=False', ', eps=0.1', ', momentum=None'])
        lines = ['m = nn.BatchNorm1d(%d%s)' % (c, opts), 'x = %s' % g.t((n, c)), 'y = m(x)', 'y = m(x * 2 + 1)']
        if kind == 'bn_eval':
            lines += ['m.eval()', 'y = m(x)']
        lines += ['out("rm", m.running_mean)', 'out("rv", m.running_var)', 'out("nb", m.num_batches_tracked)']
        return 'layers:' + kind + opts, lines + grad_tail(g, 'y', ['x'] + ([] if 'affine' in opts else ['m.weight', 'm.bias']))
    if kind == 'ln':
        opts = g.choice(['', ', eps=0.1', ', elementwise_affine=False'])
        lines = ['m = nn.LayerNorm(%d%s)' % (c + 1, opts), 'x = %s' % g.t((n, c + 1)), 'y = m(x)']
        return 'layers:ln' + opts, lines + grad_tail(g, 'y', ['x'] + ([] if 'affine' in opts else ['m.weight', 'm.bias']))
    if kind == 'emb':
        pad = g.choice(['', ', padding_idx=0'])
        lines = ['m = nn.Embedding(4, %d%s)' % (c, pad), 'm.weight = nn.Parameter(torch.tensor(%s))' % g.lit((4, c)),
                 'i = torch.tensor(%s)' % g.ints((n,), 0, 3), 'y = m(i)']
        return 'layers:emb' + pad, lines + grad_tail(g, 'y', ['m.weight'])
    if kind in ('clip_norm', 'clip_value'):
        lines = ['w = %s' % g.t((n, c)), 'b = %s' % g.t((c,)), '((w * 3).sum() + (b ** 2).sum() * 5).backward()']
        if kind == 'clip_norm':
            lines.append('out("norm", torch.nn.utils.clip_grad_norm_([w, b], %s%s))' % (g.pos(0.1, 3), g.choice(['', ', norm_type=1', ", norm_type=float('inf')"])))
        else:
            lines.append('torch.nn.utils.clip_grad_value_([w, b], %s)' % g.pos(0.1, 3))
        return 'layers:' + kind, lines + ['out("gw", w.grad)', 'out("gb", b.grad)']
    if kind == 'one_hot':
        lines = ['i = torch.tensor(%s)' % g.ints((n,), 0, 3), 'out("y", F.one_hot(i%s))' % g.choice(['', ', 5', ', num_classes=4'])]
        return 'layers:one_hot', lines
    if kind == 'sched':
        sched = g.choice(['torch.optim.lr_scheduler.StepLR(opt, 2, gamma=0.5)', 'torch.optim.lr_scheduler.ExponentialLR(opt, 0.9)',
                          'torch.optim.lr_scheduler.MultiStepLR(opt, [1, 3], 0.1)', 'torch.optim.lr_scheduler.CosineAnnealingLR(opt, 4)',
                          'torch.optim.lr_scheduler.LambdaLR(opt, lambda e: 1.0 / (e + 1))'])
        lines = ['w = %s' % g.t((c,)), 'opt = optim.%s([w], lr=0.1)' % g.choice(['SGD', 'Adam']), 'sch = ' + sched,
                 'for e in range(5):', '    opt.zero_grad()', '    loss = ((w - 1) ** 2).sum()', '    loss.backward()',
                 '    opt.step()', '    sch.step()', '    out("lr", sch.get_last_lr())', 'out("w", w)']
        return 'layers:' + sched.split('(')[0].split('.')[-1], lines
    if kind == 'modulelist':
        lines = ['ms = nn.ModuleList([nn.Linear(%d, %d), nn.Linear(%d, 1)])' % (c, c, c)] + set_linear(g, 'ms[0]', c, c) + \
                set_linear(g, 'ms[1]', c, 1) + ['x = %s' % g.t((n, c)), 'y = ms[1](torch.tanh(ms[0](x)))',
                                                'out("names", [k for k, _ in ms.named_parameters()])']
        return 'layers:modulelist', lines + grad_tail(g, 'y', ['x', 'ms[0].weight', 'ms[1].bias'])
    lines = ['x = %s' % g.t((c, c)), 'y = torch.eye(%d) * x + torch.full((%d, %d), %s) - torch.ones(%d)' % (c, c, c, g.val(), c)]
    return 'layers:eye', lines + grad_tail(g, 'y', ['x'])


def gen_print(g):
    """How tensors print (str and repr): PyTorch's widths, precision, scientific notation, int and bool tensors, nan and
    inf, dtype and requires_grad suffixes."""
    shape = g.choice([(), (1,), (3,), (5,), (2, 2), (3, 2), (1, 4), (0,), (2, 0)])
    scale = g.choice(['1', '1e-3', '1e-5', '1e3', '1e5', '1e9', '1e-9', 'mixed', 'int', 'special', 'tiny+big', 'whole'])

    def one():
        if scale == 'mixed':
            return repr(g.val() * 10 ** g.r.randint(-6, 6))
        if scale == 'int':
            return str(g.r.randint(-300, 300))
        if scale == 'whole':
            return repr(float(g.r.randint(-30, 30)))
        if scale == 'special':
            return g.choice(['float("nan")', 'float("inf")', '-float("inf")', '0.0', '-0.0', '1.5', '-2.25'])
        if scale == 'tiny+big':
            return g.choice(['1e-8', '123456.0', '0.5', '-7e4'])
        return '%s * %s' % (g.val(), scale)

    def lit(sh):
        if not sh:
            return one()
        if len(sh) == 1:
            return '[' + ', '.join(one() for _ in range(sh[0])) + ']'
        return '[' + ', '.join(lit(sh[1:]) for _ in range(sh[0])) + ']'
    kw = g.choice(['', ', dtype=torch.float32', ', requires_grad=True', ', dtype=torch.int64', ', dtype=torch.bool',
                   ', dtype=torch.float32, requires_grad=True'])
    if scale == 'int' and 'requires_grad' in kw:
        kw = ''
    lines = ['t = torch.tensor(%s%s)' % (lit(shape), kw),
             'out("str", str(t).replace("\\n", "|"))', 'out("repr", str(repr(t)).replace("\\n", "|"))']
    if g.r.random() < 0.3:
        lines.append('out("fmt", "{:.4f} {}".format(t.sum().item(), t.shape))')
    return 'print:' + scale + kw, lines


def _bshape(a, b):
    """numpy's broadcast of two shapes of at most two sizes, or None."""
    n = max(len(a), len(b))
    a2, b2 = (1,) * (n - len(a)) + tuple(a), (1,) * (n - len(b)) + tuple(b)
    out = []
    for x, y in zip(a2, b2):
        if x != y and x != 1 and y != 1:
            return None
        out.append(max(x, y))
    return tuple(out)


def gen_expr(g):
    """A random expression tree over two leaves of broadcasting shapes (shapes tracked, so it is valid), then its
    value and the gradients of both leaves: interactions of broadcasting, reductions, views and activations."""
    sa, sb = broadcastable_pair(g)
    if _bshape(sa, sb) is None:
        sb = sa
    leaves = [('x', sa), ('v', sb)]

    def expr(depth):
        if depth == 0 or g.r.random() < 0.2:
            return g.choice(leaves + [(repr(g.val(0.5, 2)), None)])
        k = g.r.randint(0, 9)
        e, sh = expr(depth - 1)
        if sh is None:
            return e, sh
        if k <= 2:
            f = g.choice(['torch.tanh(%s)', '(%s).sigmoid()', 'F.relu(%s)', '(%s).abs()', 'torch.sin(%s)', '(%s) ** 2',
                          '(%s).exp().clamp(max=5)', 'F.softplus(%s)', '(%s).clamp(-0.7, 0.9)', 'torch.log1p((%s).abs())',
                          'F.elu(%s)', 'F.leaky_relu(%s, 0.2)', '-(%s)', 'torch.sqrt((%s) ** 2 + 1)'])
            return f % e, sh
        if k <= 5:
            e2, sh2 = expr(depth - 1)
            if sh2 is None:
                return '(%s %s %s)' % (e, g.choice(['+', '-', '*']), e2), sh
            bs = _bshape(sh, sh2)
            if bs is None:
                return e, sh
            op = g.choice(['+', '-', '*', '/', 'max', 'where'])
            if op == '/':
                return '(%s / ((%s).abs() + 1))' % (e, e2), bs
            if op == 'max':
                return 'torch.maximum(%s, %s)' % (e, e2), bs
            if op == 'where':
                return 'torch.where(%s > %s, %s, %s)' % (e, e2, e2, e), bs
            return '(%s %s %s)' % (e, op, e2), bs
        if k <= 7 and sh:
            d = g.r.randint(0, len(sh) - 1)
            keep = g.r.random() < 0.5
            f = g.choice(['sum', 'mean', 'logsumexp', 'max', 'amax' if False else 'min', 'std', 'norm', 'softmax', 'log_softmax'])
            if f in ('softmax', 'log_softmax'):
                return 'F.%s(%s, dim=%d)' % (f, e, d), sh
            if f in ('max', 'min'):
                call = 'torch.%s(%s, %d%s)[0]' % (f, e, d, ', keepdim=True' if keep else '')
            elif f == 'norm':
                call = '(%s).norm(dim=%d%s)' % (e, d, ', keepdim=True' if keep else '')
            else:
                call = '(%s).%s(%d%s)' % (e, f, d, ', keepdim=True' if keep else '')
                if f == 'std' and sh[d] < 2:
                    return e, sh
            nsh = tuple(1 if i == d else x for i, x in enumerate(sh)) if keep else tuple(x for i, x in enumerate(sh) if i != d)
            return call, nsh
        if k == 8 and sh:
            if len(sh) == 2:
                f = g.choice(['(%s).t()', '(%s).reshape(-1)', '(%s).T', '(%s)[0]', '(%s)[:, -1]', '(%s)[1:]'])
                nsh = {'(%s).t()': (sh[1], sh[0]), '(%s).T': (sh[1], sh[0]), '(%s).reshape(-1)': (sh[0] * sh[1],),
                       '(%s)[0]': (sh[1],), '(%s)[:, -1]': (sh[0],), '(%s)[1:]': (sh[0] - 1, sh[1])}[f]
                return f % e, nsh
            f = g.choice(['(%s).unsqueeze(0)', '(%s).unsqueeze(1)', '(%s)[::2]', '(%s)[-1]', 'torch.cat([%s, %s])'])
            if f == 'torch.cat([%s, %s])':
                return f % (e, e), (sh[0] * 2,)
            nsh = {'(%s).unsqueeze(0)': (1, sh[0]), '(%s).unsqueeze(1)': (sh[0], 1), '(%s)[::2]': ((sh[0] + 1) // 2,),
                   '(%s)[-1]': ()}[f]
            return f % e, nsh
        if k == 9 and len(sh) == 2:
            m = g.r.randint(1, 3)
            return '(%s).mm(torch.tensor(%s))' % (e, g.lit((sh[1], m))), (sh[0], m)
        return e, sh
    e, sh = expr(g.r.randint(2, 4))
    if sh is None:
        e, sh = '(x * %s)' % e, sa
    lines = ['x = %s' % g.t(sa), 'v = %s' % g.t(sb), 'y = ' + e]
    return 'expr', lines + grad_tail(g, 'y', ['x', 'v'])


def gen_create(g):
    """Factories, dtype inference and conversions, comparisons, and the Python numbers tensors give back."""
    n = g.r.randint(0, 4)
    e = g.choice([
        'torch.arange(%d)' % n, 'torch.arange(%s, %s)' % (g.r.randint(-3, 0), g.r.randint(1, 5)),
        'torch.arange(%s, %s, %s)' % (g.val(-2, 0), g.val(0.5, 3), g.choice(['0.3', '0.5', '0.25', '0.1', '0.7'])),
        'torch.arange(0, 1, 0.1)', 'torch.arange(5, dtype=torch.float32)', 'torch.arange(1.0, 4.0)', 'torch.arange(10, 0, -3)',
        'torch.linspace(%s, %s, %d)' % (g.val(), g.val(), n + 1), 'torch.linspace(0, 1, 5)', 'torch.zeros(%d, 2)' % n,
        'torch.ones(2, %d, dtype=torch.int64)' % n, 'torch.full((2, 3), %s)' % g.val(), 'torch.full((2,), 7)',
        'torch.full((2, 2), True)', 'torch.eye(%d)' % (n + 1), 'torch.eye(2, 3)', 'torch.zeros_like(torch.tensor([1, 2]))',
        'torch.ones_like(torch.tensor([[1.5], [2.]]))', 'torch.tensor([1, 2.5])', 'torch.tensor([True, False])',
        'torch.tensor([[1, 2], [3, 4]]).float() / 3', 'torch.tensor([-1.7, 2.9, -0.2]).long()', 'torch.tensor([-1.7, 2.9]).int()',
        'torch.tensor([0.0, 2.0, -1.0]).bool()', 'torch.tensor([3, 0]).bool().float()', 'torch.tensor(%s).item()' % g.val(),
        'torch.tensor(3).item()', 'torch.tensor([[1, 2]]).tolist()', 'torch.tensor([1.5]).tolist()', 'torch.tensor(2.5).tolist()',
        'float(torch.tensor([2.5]))', 'int(torch.tensor(3.9))', 'torch.tensor([[1., 2.], [3., 4.]]).size(1)',
        'list(torch.zeros(3, 2).size())', 'torch.zeros(3, 2).dim()', 'torch.zeros(3, 2).numel()', 'torch.zeros(3, 2).shape[0]',
        'torch.tensor([1., 2.]) == torch.tensor([1., 3.])', 'torch.tensor([1, 2]) == 2', 'torch.tensor([[1.], [2.]]) != torch.tensor([1., 2.])',
        'torch.equal(torch.tensor([1., 2.]), torch.tensor([1., 2.]))', 'torch.allclose(torch.tensor([1., 2.]), torch.tensor([1., 2.000001]))',
        'torch.tensor([1., float("nan")]).isnan()', 'torch.isfinite(torch.tensor([1., float("inf")]))',
        'torch.tensor([1, 2, 3]).float().mean()', 'torch.tensor([2, 3]).double()', 'torch.tensor([1., 2.]).to(torch.int64)',
        'torch.tensor([1., 2.]).type(torch.int64)', 'torch.tensor([1, 2]).type()', 'torch.tensor([1., 2.]).type()',
        'torch.tensor([[1, 2], [3, 4]]).view(torch.Size([4]))', 'torch.tensor([1.2, 3.4]).round()', 'torch.tensor([1, 2]) * 1.5',
        'torch.tensor([1, 2]) / 2', 'torch.tensor([1, 2]) + torch.tensor([0.5])', 'torch.tensor([1, 2]).sum().item()',
        'torch.tensor([[2., 1.], [0., 3.]]).max(1).indices', 'torch.tensor([[2., 1.], [0., 3.]]).max(dim=0).values',
        'torch.tensor(5.).shape', 'torch.tensor([]).shape', 'torch.tensor([[]]).shape', 'torch.FloatTensor([1, 2])',
        'torch.LongTensor([1.7, 2.2])', 'torch.Tensor([1, 2])', 'torch.FloatTensor(2, 3).shape', 'torch.tensor(7) // 2',
        'torch.randn(3, 4).shape', 'torch.rand(2).dtype', 'torch.zeros(2, dtype=torch.int32) + 1', 'torch.tensor([1, 2], dtype=torch.int32) * 2.5',
        'torch.tensor([1., 2.]).dtype', 'torch.get_default_dtype()', 'torch.tensor([1, 2]).dtype', 'torch.tensor(1.) + torch.tensor(2, dtype=torch.int64)',
        'torch.where(torch.tensor([True, False]), torch.tensor([1, 2]), torch.tensor([3., 4.]))',
        'torch.cat([torch.tensor([1, 2]), torch.tensor([3.5])])', 'torch.stack([torch.tensor(1), torch.tensor(2)])',
        'torch.tensor([[1., 2.], [3., 4.]])[torch.tensor([True, False])]', 'torch.tensor([3., 1., 2.]).argmax().item()'])
    lines = ['out("y", %s)' % e]
    return 'create:' + re.sub(r'-?\d+(\.\d+)?', 'k', e), lines


GENERATORS = [(gen_unary, 3), (gen_pow_clamp, 2), (gen_binary, 4), (gen_scalar_tensor, 1), (gen_reduction, 4),
              (gen_matmul, 2), (gen_index, 4), (gen_setitem, 2), (gen_shape, 2), (gen_join, 2), (gen_activation, 3),
              (gen_loss, 4), (gen_linear, 2), (gen_optim, 3), (gen_dist, 2), (gen_chain, 2), (gen_int, 4),
              (gen_autograd, 3), (gen_edge, 3), (gen_empty, 1), (gen_layers, 4), (gen_print, 4), (gen_expr, 8), (gen_create, 4)]


def generate(k, seed):
    rng = random.Random(seed * 1000003 + k)
    g = G(rng)
    g.special = rng.random() < 0.35
    gens = [f for f, w in GENERATORS for _ in range(w)]
    tag, lines = rng.choice(gens)(g)
    return tag, lines


def program(cases, dtype):
    src = [HARNESS % {'dtype': dtype}, 'CASES = []']
    for k, tag, lines in cases:
        src.append('def case_%d():' % k)
        src.extend('    ' + l for l in lines)
        src.append('CASES.append((%d, %r, case_%d))' % (k, tag.replace(' ', ''), k))
    src.append('_run(CASES)')
    return '\n'.join(src) + '\n'


# ------------------------------------------------------------------------------------------ running
def run(cmd, path, timeout):
    try:
        p = subprocess.run(cmd + [path], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout,
                           cwd=ROOT, universal_newlines=True)
        return p.stdout, p.stderr
    except subprocess.TimeoutExpired as e:
        return (e.stdout.decode() if isinstance(e.stdout, bytes) else (e.stdout or '')) + '\n!HANG\n', ''


def parse(text):
    """{k: (tag, [lines])} from the harness' printout."""
    cases, cur = collections.OrderedDict(), None
    for line in text.split('\n'):
        if line.startswith('@@ '):
            _, k, tag = line.split(' ', 2)
            cur = cases.setdefault(int(k), (tag, []))[1]
        elif line == '!HANG' and cur is not None:
            cur.append('!ERR HANG the run timed out')
        elif cur is not None and line:
            cur.append(line)
    return cases


NUM = re.compile(r'^(-?\d+(\.\d*)?([eE][-+]?\d+)?|nan|-?inf)$')


def numbers_close(a, b, tol):
    if a == b:
        return True
    try:
        x, y = float(a), float(b)
    except ValueError:
        return False
    if x != x or y != y:
        return x != x and y != y
    if abs(x) == float('inf') or abs(y) == float('inf'):
        return x == y
    return abs(x - y) <= tol * max(1.0, abs(x))


def compare_line(want, got, tol):
    """None when the lines agree, else the kind of difference."""
    if want == got:
        return None
    lw, lg = want.split(' ', 1)[0], got.split(' ', 1)[0]
    if lw != lg:
        return 'structure'
    pw, pg = want.split(' ')[1:], got.split(' ')[1:]
    if pw[:1] != pg[:1]:
        return 'kind(%s vs %s)' % (pw[:1], pg[:1])
    if pw[0] == 'T':
        if pw[2] != pg[2]:
            return 'shape'
        if len(pw) != len(pg):
            return 'shape'
        if not all(numbers_close(a, b, tol) for a, b in zip(pw[3:], pg[3:])):
            return 'value'
        if pw[1] != pg[1]:
            return 'dtype'
        return None
    if pw[0] in ('N', 'L'):
        if len(pw) != len(pg):
            return 'structure'
        for a, b in zip(pw[1:], pg[1:]):
            if NUM.match(a) and NUM.match(b):
                if not numbers_close(a, b, tol):
                    return 'value'
            elif a != b:
                if a.startswith('torch.') and b.startswith('torch.'):
                    continue  # dtypes inside a list: the tensor lines compare them
                return 'structure'
        return None
    return 'structure' if pw != pg else None


UNSUPPORTED = re.compile(r"not supported by neuralGLM|at most two dimensions|at most 2 dimensions|has no attribute|is not supported|"
                         r"not implemented|accepted at PyTorch's default")
JAVA = re.compile(r'java\.|org\.ejml|org\.python|Exception\b|NullPointer')


def classify(want, got, tol):
    """(category, detail) of the first difference between PyTorch's lines and the bridge's, or None."""
    werr = [l for l in want if l.startswith('!ERR')]
    gerr = [l for l in got if l.startswith('!ERR')]
    if gerr and 'HANG' in gerr[0]:
        return 'hang', ''
    if gerr and JAVA.search(gerr[0]):
        return 'java-error', gerr[0]
    for i, (w, g) in enumerate(zip(want, got)):
        if w.startswith('!ERR') or g.startswith('!ERR'):
            break
        d = compare_line(w, g, tol)
        if d:
            return d, w.split(' ', 1)[0]
    if werr and gerr:
        tw, tg = werr[0].split(' ')[1], gerr[0].split(' ')[1]
        if tw != tg:
            if UNSUPPORTED.search(gerr[0]):
                return 'unsupported', gerr[0]
            return 'error-type', '%s vs %s' % (tw, tg)
        if len(want) != len(got):
            return 'structure', ''
        return None
    if gerr:
        if UNSUPPORTED.search(gerr[0]):
            return 'unsupported', gerr[0]
        return 'bridge-raises', gerr[0]
    if werr:
        return 'bridge-accepts', werr[0]
    if len(want) != len(got):
        return 'structure', 'line count'
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('-n', type=int, default=2000, help='programs to generate')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--batch', type=int, default=300, help='programs per bridge run (one JVM each)')
    ap.add_argument('--dtype', choices=['float64', 'float32'], default='float64')
    ap.add_argument('--tol', type=float, default=None, help='relative tolerance (default 1e-6, float32 2e-4)')
    ap.add_argument('--show', type=int, default=2, help='examples printed per cause')
    ap.add_argument('--keep', default=None, help='directory to keep the generated programs and printouts in')
    ap.add_argument('--only', default=None, help='regular expression: only cases whose tag matches')
    args = ap.parse_args()
    tol = args.tol if args.tol is not None else (1e-6 if args.dtype == 'float64' else 2e-4)
    work = args.keep or tempfile.mkdtemp(prefix='torch_fuzz_')
    if not os.path.isdir(work):
        os.makedirs(work)
    cases = []
    for k in range(args.n):
        tag, lines = generate(k, args.seed)
        if args.only and not re.search(args.only, tag):
            continue
        cases.append((k, tag, lines))
    source = {k: lines for k, _, lines in cases}
    groups = collections.OrderedDict()
    total = agree = 0
    for b in range(0, len(cases), args.batch):
        chunk = cases[b:b + args.batch]
        path = os.path.join(work, 'fuzz_%d_%d.py' % (args.seed, b))
        with open(path, 'w') as f:
            f.write(program(chunk, args.dtype))
        want, werr = run(['/usr/bin/python3', '-W', 'ignore'], path, 600)
        got, gerr = run([os.path.join(ROOT, 'scripts', 'run')], path, 900)
        with open(path + '.torch.out', 'w') as f:
            f.write(want + werr)
        with open(path + '.bridge.out', 'w') as f:
            f.write(got + gerr)
        W, B = parse(want), parse(got)
        if not B:
            sys.stderr.write('torch_fuzz: the bridge printed nothing for %s (a smaller --batch?):\n%s\n'
                             % (path, '\n'.join((got + gerr).strip().split('\n')[:12])))
        for k, tag, _ in chunk:
            total += 1
            w = W.get(k, (tag, ['!ERR Missing PyTorch printed nothing']))[1]
            g = B.get(k, (tag, ['!ERR HANG the bridge printed nothing (crash or hang before this case)']))[1]
            c = classify(w, g, tol)
            if c is None:
                agree += 1
                continue
            cat, detail = c
            key = (cat, tag if cat not in ('unsupported',) else re.sub(r"[\d.]+", '#', detail)[:110])
            groups.setdefault(key, []).append((k, w, g))
        sys.stderr.write('torch_fuzz: %d/%d programs run, %d agree\n' % (total, len(cases), agree))
    by_cat = collections.Counter()
    for (cat, _), v in groups.items():
        by_cat[cat] += len(v)
    print('torch_fuzz: seed %d, %d programs (%s), tolerance %g: %d agree, %d differ' % (
        args.seed, total, args.dtype, tol, agree, total - agree))
    for cat, n in by_cat.most_common():
        print('  %-16s %d' % (cat, n))
    print()
    for (cat, tag), v in sorted(groups.items(), key=lambda kv: (kv[0][0], -len(kv[1]))):
        print('== %s | %s : %d program(s)' % (cat, tag, len(v)))
        for k, w, g in v[:args.show]:
            print('   -- program %d:' % k)
            for l in source[k]:
                print('      ' + l)
            diff = [(a, b) for a, b in zip(w, g) if a != b][:3] or [(w[-1:] or [''], g[-1:] or [''])]
            for a, b in diff:
                print('      torch : %s' % (a if isinstance(a, str) else a[0])[:300])
                print('      bridge: %s' % (b if isinstance(b, str) else b[0])[:300])
    print('(programs and printouts in %s)' % work)


if __name__ == '__main__':
    main()

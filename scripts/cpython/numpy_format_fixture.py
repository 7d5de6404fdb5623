"""Writes the fixture of neuralglm.jython.NumpyFormatTest: random arrays (at most 2-d; float64, float32, int64 and
bool; magnitudes from 1e-310 to 1e300, whole numbers, nan, inf, -0., summarised sizes) and numpy's own str() and
repr() of each. Run with numpy 1.24 (this CPython): /usr/bin/python3 scripts/cpython/numpy_format_fixture.py > \
src/test/resources/neuralglm/jython/numpy_format.txt

Format of a case: '@@ kind f32 shape' (kind f, i or b; f32 0/1; shape as 'r,c', 'n' or '' for 0-d), a line of the
values as Python's repr, then '@str', numpy's str lines, '@repr', numpy's repr lines, '@end'.
"""
from __future__ import print_function

import random

import numpy as np


def value(rng, style):
    if style == 'whole':
        return float(rng.randint(-1000, 1000))
    if style == 'unit':
        return round(rng.uniform(-10, 10), rng.randint(0, 6))
    if style == 'wide':
        return rng.choice([-1, 1]) * 10 ** rng.uniform(-12, 12)
    if style == 'extreme':
        return rng.choice([-1, 1]) * 10 ** rng.uniform(-310, 300)
    if style == 'small':
        return rng.uniform(-1, 1) * 10 ** rng.randint(-6, -3)
    return rng.gauss(0, 1) * 10 ** rng.randint(-2, 5)


def main():
    rng = random.Random(20261204)
    cases = []
    for k in range(300):
        kind = rng.choice('fffffffib')
        dims = rng.choice([0, 1, 1, 1, 2, 2])
        big = rng.random() < 0.05
        if dims == 0:
            shape = ()
        elif dims == 1:
            shape = (rng.randint(1001, 1100),) if big else (rng.randint(1, 40),)
        else:
            shape = (rng.randint(32, 40), rng.randint(32, 40)) if big else (rng.randint(1, 9), rng.randint(1, 12))
        n = int(np.prod(shape)) if shape else 1
        style = rng.choice(['whole', 'unit', 'wide', 'extreme', 'small', 'gauss'])
        vals = [value(rng, style) for _ in range(n)]
        if kind == 'f' and rng.random() < 0.2:
            for _ in range(rng.randint(1, 3)):
                vals[rng.randrange(n)] = rng.choice([float('nan'), float('inf'), -float('inf'), 0.0, -0.0])
        f32 = kind == 'f' and rng.random() < 0.3
        if kind == 'i':
            a = np.array([int(max(-1e15, min(1e15, v))) for v in vals], dtype=np.int64).reshape(shape)
        elif kind == 'b':
            a = np.array([v > 0 for v in vals], dtype=bool).reshape(shape)
        else:
            a = np.array(vals, dtype=np.float32 if f32 else np.float64).reshape(shape)
        cases.append((kind, f32, shape, a))
    cases.append(('f', False, (0,), np.array([])))
    cases.append(('f', False, (0, 3), np.zeros((0, 3))))
    cases.append(('f', True, (0,), np.array([], dtype=np.float32)))
    for kind, f32, shape, a in cases:
        print('@@ %s %d %s' % (kind, int(f32), ','.join(str(s) for s in shape)))
        print(' '.join(repr(float(v)) for v in a.reshape(-1).tolist()))
        print('@str')
        print(str(a))
        print('@repr')
        print(repr(a))
        print('@end')


if __name__ == '__main__':
    main()

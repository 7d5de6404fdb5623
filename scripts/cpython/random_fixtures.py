"""Prints the fixtures of neuralglm.jython.TorchRandomTest: CRC-32s (zlib's) of long runs of PyTorch 1.13's and
numpy's seeded draws, each value written little-endian as float32 (float64 values rounded to float32 first, so that
a float64 normal that differs from PyTorch's by an ulp of libm still gives the same bytes), int64 for whole numbers.
Run with Debian's PyTorch 1.13 and numpy: /usr/bin/python3 scripts/cpython/random_fixtures.py
"""
from __future__ import print_function

import zlib

import numpy as np
import torch


def crc(values, kind):
    return zlib.crc32(np.asarray(values, dtype='<f4' if kind == 'f' else '<i8').tobytes()) & 0xffffffff


def case(name, values, kind='f'):
    values = np.asarray(values)
    print('%s %d %08x %r' % (name, values.size, crc(values, kind), float(np.sum(values, dtype=np.float64))))


def main():
    torch.manual_seed(11)
    case('torch_randn_f32_100003', torch.randn(100003))          # AVX2 blocks of 16, the tail recomputed
    torch.manual_seed(12)
    case('torch_rand_f32_100000', torch.rand(100000))
    torch.manual_seed(13)
    case('torch_normal_f32_40000', torch.empty(40000).normal_(1.5, 0.01))
    torch.manual_seed(14)
    case('torch_randn_f32_15x1000', torch.cat([torch.randn(15) for _ in range(1000)]))   # serial, pairs kept
    torch.manual_seed(15)
    case('torch_rand_f64_50000', torch.rand(50000, dtype=torch.float64))
    torch.manual_seed(16)
    case('torch_randn_f64_50000', torch.randn(50000, dtype=torch.float64))
    torch.manual_seed(17)
    case('torch_uniform_f32_30000', torch.empty(30000).uniform_(-0.37, 0.81))
    torch.manual_seed(18)
    case('torch_randperm_5000', torch.randperm(5000), 'i')
    torch.manual_seed(19)
    case('torch_randint_20000', torch.randint(-7, 1000003, (20000,)), 'i')
    torch.manual_seed(20)
    case('torch_poisson_8000', torch.poisson(torch.arange(8000, dtype=torch.float64) * 0.0075))
    torch.manual_seed(21)
    case('torch_bernoulli_f32_20000', torch.bernoulli(torch.arange(20000, dtype=torch.float32) / 20000))
    torch.manual_seed(22)
    case('torch_bernoulli_f64_20000', torch.bernoulli(torch.arange(20000, dtype=torch.float64) / 20000))
    torch.manual_seed(2 ** 40 + 23)   # the seed's low 32 bits
    case('torch_rand_bigseed_1000', torch.rand(1000))
    np.random.seed(31)
    case('numpy_rand_100000', np.random.rand(100000))
    np.random.seed(32)
    case('numpy_randn_100001', np.random.randn(100001))
    np.random.seed(33)
    case('numpy_randint_20000', np.random.randint(-7, 1000003, size=20000), 'i')
    np.random.seed(34)
    case('numpy_permutation_5000', np.random.permutation(5000), 'i')
    np.random.seed(35)
    case('numpy_poisson_8000', np.random.poisson(np.arange(8000) * 0.0075), 'i')


if __name__ == '__main__':
    main()

"""GFLOP/s of NumPy/OpenBLAS (float64, 1 thread) on the three products of backpropagation through
one affine layer, on the shapes of neuralGLM's KernelBench: forward X W^T + b, dY^T X, dY W.
One JSON line per shape and product. Usage: /usr/bin/python3 scripts/cpython/bench_numpy_gemm.py [--reps 9]
"""
import os
for v in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[v] = "1"
import argparse, json, statistics, time
import numpy as np

SHAPES = [(400, 1, 30), (400, 30, 20), (400, 20, 1), (400, 20, 2), (256, 20, 64), (256, 64, 64), (256, 64, 1)]


def rate(fn, flops, reps):
    t_end = time.perf_counter() + 0.5
    calls = 0
    while time.perf_counter() < t_end:
        fn(); calls += 1
    batch = max(1, calls // 25)
    out = []
    for _ in range(reps):
        t0 = time.perf_counter()
        for _ in range(batch):
            fn()
        out.append(flops * batch / (time.perf_counter() - t0) * 1e-9)
    return min(out), statistics.median(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=9)
    a = ap.parse_args()
    rng = np.random.default_rng(1)
    for n, i, o in SHAPES:
        x, w, b, dy = rng.standard_normal((n, i)), rng.standard_normal((o, i)), rng.standard_normal(o), rng.standard_normal((n, o))
        y, dw, dx = np.empty((n, o)), np.empty((o, i)), np.empty((n, i))
        flops = 2.0 * n * i * o
        for name, fn in (("X W^T+b", lambda: np.add(np.matmul(x, w.T, out=y), b, out=y)),
                         ("dY^T X", lambda: np.matmul(dy.T, x, out=dw)),
                         ("dY W", lambda: np.matmul(dy, w, out=dx))):
            lo, med = rate(fn, flops, a.reps)
            print(json.dumps(dict(bench="numpy_gemm", shape="%dx%d->%d" % (n, i, o), product=name,
                                  min_gflops=lo, median_gflops=med)), flush=True)


if __name__ == "__main__":
    main()

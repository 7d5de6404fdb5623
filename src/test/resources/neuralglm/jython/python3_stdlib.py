import random, math, itertools, functools, time, os, tempfile
folder = os.path.join(tempfile.mkdtemp(), 'a', 'b')
random.seed(0)
picks = random.choices('abc', k=5) + random.choices('abc', weights=[1, 0, 3], k=50) + random.choices(range(4), cum_weights=[0, 0, 5, 5], k=3)
print(len(picks), set(picks[5:55]) <= {'a', 'c'}, picks[55:], len(random.Random(7).choices([10, 20, 30], k=4)))
print(math.inf, -math.inf, math.nan, math.tau, math.isclose(1e-10, 0), math.isclose(1e-10, 0, abs_tol=1e-9), math.isclose(math.inf, math.inf))
print(math.log2(8), math.log2(10), math.log2(1e-300), math.log2(3), math.gcd(12, 18), math.gcd(), math.gcd(-4, 6, 10), math.prod([1.5, 2, 3]), math.prod([]), math.comb(10, 3), math.perm(5, 2), math.perm(4), math.isqrt(10 ** 20 + 1), math.isqrt(15))
print(list(itertools.accumulate([1, 2, 3, 4])), list(itertools.accumulate([1, 2, 3], lambda a, b: a * b)), list(itertools.accumulate([1, 2], initial=10)), list(itertools.accumulate([])))
calls = []
@functools.lru_cache(maxsize=2)
def sq(x):
    calls.append(x)
    return x * x
print([sq(v) for v in [1, 2, 1, 3, 2, 1]], calls, sq.cache_info())
@functools.lru_cache
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
@functools.cache
def fact(n):
    return 1 if n < 2 else n * fact(n - 1)
print(fib(60), fact(20), fib.cache_info().hits)
print(max([], default=None), min([], key=len, default='none'), max(3, 1, 2), min([4, 2, 8], key=lambda v: -v), max('ab', 'b'))
try:
    max([])
except ValueError as e:
    print('ValueError')
os.makedirs(folder, exist_ok=True)
os.makedirs(folder, exist_ok=True)
try:
    os.makedirs(folder)
except OSError as e:
    print('OSError', e.errno)
t0, n0 = time.perf_counter(), time.perf_counter_ns()
print(time.perf_counter() >= t0, time.monotonic() > 0, time.process_time() > 0, abs(time.time_ns() / 1e9 - time.time()) < 1, n0 > 0)
from collections.abc import Mapping, Sequence, Iterable
print(isinstance({}, Mapping), isinstance([], Sequence), isinstance(iter([]), Iterable))

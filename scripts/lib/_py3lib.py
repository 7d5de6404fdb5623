"""What Python 3's standard library has and Jython 2.7's lacks, that PyTorch scripts use most, installed once before a
script runs (_pymain): so that best = math.inf, os.makedirs(out, exist_ok=True) and t0 = time.perf_counter() run
unchanged.

- math: inf, nan, tau, isclose, log2 (exact at powers of 2), gcd (of any number of ints), prod, comb, perm, isqrt.
  Jython's math (and time, itertools) are Java modules whose attributes cannot be set: sys.modules holds a Python
  module with all of their names and these, which import math then finds.
- time: perf_counter, perf_counter_ns, monotonic, monotonic_ns (System.nanoTime), process_time (the JVM's CPU time),
  time_ns.
- os.makedirs(path, mode, exist_ok); random as CPython 3.11's (random.Random and the module's functions: CPython's
  generator, MT19937 seeded by init_by_array, neuralglm.jython.PythonRandom, and 3.11's algorithms for
  getrandbits, randrange, randint, choice, shuffle, sample, choices, uniform, gauss, normalvariate, lognormvariate,
  expovariate and triangular, so random.seed(0) gives CPython 3's numbers; the others, such as gammavariate, are
  Python 2's algorithms on these draws); itertools.accumulate (func, initial); functools.lru_cache and functools.cache (a dict of the calls' arguments; as
  @lru_cache and @lru_cache(maxsize=...), cache_info and cache_clear); collections.abc (Python 2's ABCs).

Not here: str methods (isascii, split(maxsplit=)), and the modules statistics, dataclasses and enum (pathlib is a module of its own
beside this one).
"""
from __future__ import absolute_import, division

import sys
import types

_installed = []
# the names a Java module's class adds to dir() that are not the module's
_JAVA_OBJECT = frozenset(['class', 'classDictInit', 'equals', 'getClass', 'hashCode', 'notify', 'notifyAll', 'toString',
                          'wait'])


def install():
    """Installs the additions (once per JVM)."""
    if _installed:
        return
    _installed.append(True)
    _math()
    _time()
    _os()
    _random()
    _itertools()
    _functools()
    _collections_abc()


def _module(name, additions):
    """sys.modules[name]: a Python module with the names of the one there and the additions"""
    original = __import__(name)
    module = types.ModuleType(name, getattr(original, '__doc__', None))
    for key in dir(original):
        if not key.startswith('__') and key not in _JAVA_OBJECT:
            try:
                setattr(module, key, getattr(original, key))
            except (AttributeError, TypeError):
                pass
    for key, value in additions.items():
        setattr(module, key, value)
    sys.modules[name] = module
    return module


# ------------------------------------------------------------------------------------------------ math

def _math():
    import math

    def isclose(a, b, rel_tol=1e-09, abs_tol=0.0):
        """math.isclose as Python 3.5's"""
        if rel_tol < 0.0 or abs_tol < 0.0:
            raise ValueError("tolerances must be non-negative")
        if a == b:
            return True
        if math.isinf(a) or math.isinf(b):
            return False
        diff = abs(b - a)
        return diff <= abs(rel_tol * b) or diff <= abs(rel_tol * a) or diff <= abs_tol

    def log2(x):
        """math.log2: x = m 2^e (frexp, 0.5 <= m < 1), log2 x = e + log(m) / log(2): exact at powers of 2, and the
        integer part carries no rounding (within an ulp or so of CPython's, the C library's log2)"""
        x = float(x)
        if math.isnan(x) or math.isinf(x) and x > 0:
            return x
        if not x > 0:
            raise ValueError("math domain error")
        mantissa, exponent = math.frexp(x)
        if mantissa == 0.5:
            return float(exponent - 1)
        return exponent + math.log(mantissa) / math.log(2.0)

    def _index(n, function):
        if isinstance(n, bool) or not isinstance(n, (int, long)):
            if isinstance(n, float):
                raise TypeError("'float' object cannot be interpreted as an integer")
            raise TypeError("%s() argument must be an integer" % function)
        return n

    def gcd(*integers):
        """math.gcd of any number of ints (Python 3.9's), >= 0"""
        result = 0
        for n in integers:
            a, b = abs(_index(result, 'gcd')), abs(_index(n, 'gcd'))
            while b:
                a, b = b, a % b
            result = a
        return result

    def prod(iterable, start=1):
        """math.prod: start times every item, in order"""
        result = start
        for item in iterable:
            result = result * item
        return result

    def comb(n, k):
        """math.comb: n choose k (0 when k > n)"""
        n, k = _index(n, 'comb'), _index(k, 'comb')
        if n < 0 or k < 0:
            raise ValueError("n must be a non-negative integer" if n < 0 else "k must be a non-negative integer")
        if k > n:
            return 0
        k = min(k, n - k)
        result = 1
        for i in range(1, k + 1):
            result = result * (n - k + i) // i
        return result

    def perm(n, k=None):
        """math.perm: n! / (n - k)! (0 when k > n)"""
        n = _index(n, 'perm')
        k = n if k is None else _index(k, 'perm')
        if n < 0 or k < 0:
            raise ValueError("n must be a non-negative integer" if n < 0 else "k must be a non-negative integer")
        if k > n:
            return 0
        result = 1
        for i in range(n - k + 1, n + 1):
            result *= i
        return result

    def isqrt(n):
        """math.isqrt: the largest int whose square is at most n (Newton's iteration on ints)"""
        n = _index(n, 'isqrt')
        if n < 0:
            raise ValueError("isqrt() argument must be nonnegative")
        if n == 0:
            return 0
        x = 1 << ((n.bit_length() + 1) // 2)
        while True:
            y = (x + n // x) // 2
            if y >= x:
                return x
            x = y

    _module('math', {'inf': float('inf'), 'nan': float('nan'), 'tau': 2 * math.pi, 'isclose': isclose, 'log2': log2,
                     'gcd': gcd, 'prod': prod, 'comb': comb, 'perm': perm, 'isqrt': isqrt})


# ------------------------------------------------------------------------------------------------ time

def _time():
    from java.lang import System
    from java.lang.management import ManagementFactory

    def perf_counter_ns():
        return long(System.nanoTime())

    def perf_counter():
        return System.nanoTime() / 1e9

    def process_time():
        """the JVM's CPU time in seconds (all its threads: Python 3's process_time counts the process's)"""
        bean = ManagementFactory.getOperatingSystemMXBean()
        cpu = getattr(bean, 'getProcessCpuTime', None)
        return (cpu() if cpu is not None else ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime()) / 1e9

    def time_ns():
        from java.time import Instant
        now = Instant.now()
        return long(now.getEpochSecond()) * 1000000000 + now.getNano()

    _module('time', {'perf_counter': perf_counter, 'perf_counter_ns': perf_counter_ns, 'monotonic': perf_counter,
                     'monotonic_ns': perf_counter_ns, 'process_time': process_time, 'time_ns': time_ns})


# ------------------------------------------------------------------------------------------------ os, random

def _os():
    import os
    original = os.makedirs
    if getattr(original, '_python3', False):
        return

    def makedirs(name, mode=0o777, exist_ok=False):
        """os.makedirs with Python 3's exist_ok: an existing folder is no error then"""
        try:
            original(name, mode)
        except OSError:
            if not exist_ok or not os.path.isdir(name):
                raise

    makedirs._python3 = True
    os.makedirs = makedirs


_RANDOM_FUNCTIONS = ('seed', 'random', 'uniform', 'triangular', 'randint', 'choice', 'randrange', 'sample', 'shuffle',
                     'choices', 'normalvariate', 'lognormvariate', 'expovariate', 'vonmisesvariate', 'gammavariate',
                     'gauss', 'betavariate', 'paretovariate', 'weibullvariate', 'getstate', 'setstate', 'getrandbits')


def _random():
    import random
    if getattr(random.Random, '_python3', False):
        return
    random.Random = _python3_random(random.Random)
    random._inst = random.Random()
    for name in _RANDOM_FUNCTIONS:
        setattr(random, name, getattr(random._inst, name))


def _python3_random(base):
    """random.Random as CPython 3.11's: its generator (PythonRandom) and its algorithms; Python 2's others on its draws"""
    import math
    import operator
    from java.math import BigInteger
    from neuralglm.jython import PythonRandom

    class Random(base):
        """random.Random(x=None) as CPython 3.11's: the same numbers from the same seed."""
        _python3 = True
        VERSION = 3

        def seed(self, a=None, version=2):
            if a is None:
                import binascii
                import os
                a = long(binascii.hexlify(os.urandom(32)), 16)
            elif isinstance(a, (str, unicode, bytearray)) and version == 2:
                import hashlib
                b = a.encode('utf-8') if isinstance(a, unicode) else str(a)
                a = long(_hexlify(b + hashlib.sha512(b).digest()), 16)
            elif not isinstance(a, (int, long)):
                a = hash(a)
            self._core = PythonRandom(BigInteger(str(long(a))))
            self.gauss_next = None

        def random(self):
            return self._core.random()

        def getrandbits(self, k):
            return long(self._core.getrandbits(k))

        def getstate(self):
            return (self.VERSION, self._core.getstate(), self.gauss_next)

        def setstate(self, state):
            self._core.setstate(state[1])
            self.gauss_next = state[2]

        def _randbelow(self, n):
            if 0 < n < 4611686018427387904:   # 2**62: the same loop in one Java call
                return int(self._core.randbelow(n))
            k = n.bit_length()
            r = self.getrandbits(k)
            while r >= n:
                r = self.getrandbits(k)
            return int(r)

        def randrange(self, start, stop=None, step=1):
            istart = operator.index(start)
            if stop is None:
                if step != 1:
                    raise TypeError("Missing a non-None stop argument")
                if istart > 0:
                    return self._randbelow(istart)
                raise ValueError("empty range for randrange()")
            istop = operator.index(stop)
            width = istop - istart
            istep = operator.index(step)
            if istep == 1:
                if width > 0:
                    return istart + self._randbelow(width)
                raise ValueError("empty range for randrange() (%d, %d, %d)" % (istart, istop, width))
            if istep > 0:
                n = (width + istep - 1) // istep
            elif istep < 0:
                n = (width + istep + 1) // istep
            else:
                raise ValueError("zero step for randrange()")
            if n <= 0:
                raise ValueError("empty range for randrange()")
            return istart + istep * self._randbelow(n)

        def randint(self, a, b):
            return self.randrange(a, b + 1)

        def choice(self, seq):
            if not len(seq):
                raise IndexError('Cannot choose from an empty sequence')
            return seq[self._randbelow(len(seq))]

        def shuffle(self, x):
            if type(x) is list:
                self._core.shuffle(x)   # the same swaps in one Java call
                return
            for i in reversed(range(1, len(x))):
                j = self._randbelow(i + 1)
                x[i], x[j] = x[j], x[i]

        def sample(self, population, k):
            if isinstance(population, (set, frozenset)):
                raise TypeError("Population must be a sequence.  For dicts or sets, use sorted(d).")
            n = len(population)
            if not 0 <= k <= n:
                raise ValueError("Sample larger than population or is negative")
            result = [None] * k
            setsize = 21
            if k > 5:
                setsize += 4 ** int(math.ceil(math.log(k * 3, 4)))
            if n <= setsize:
                pool = list(population)
                for i in range(k):
                    j = self._randbelow(n - i)
                    result[i] = pool[j]
                    pool[j] = pool[n - i - 1]
            else:
                selected = set()
                for i in range(k):
                    j = self._randbelow(n)
                    while j in selected:
                        j = self._randbelow(n)
                    selected.add(j)
                    result[i] = population[j]
            return result

        def choices(self, population, weights=None, cum_weights=None, k=1):
            return _choices(self, population, weights, cum_weights, k)

        def uniform(self, a, b):
            return a + (b - a) * self.random()

        def triangular(self, low=0.0, high=1.0, mode=None):
            u = self.random()
            try:
                c = 0.5 if mode is None else (mode - low) / (high - low)
            except ZeroDivisionError:
                return low
            if u > c:
                u = 1.0 - u
                c = 1.0 - c
                low, high = high, low
            return low + (high - low) * math.sqrt(u * c)

        def gauss(self, mu=0.0, sigma=1.0):
            z = self.gauss_next
            self.gauss_next = None
            if z is None:
                x2pi = self.random() * (2 * math.pi)
                g2rad = math.sqrt(-2.0 * math.log(1.0 - self.random()))
                z = math.cos(x2pi) * g2rad
                self.gauss_next = math.sin(x2pi) * g2rad
            return mu + z * sigma

        def normalvariate(self, mu=0.0, sigma=1.0):
            magic = 4 * math.exp(-0.5) / math.sqrt(2.0)
            while True:
                u1 = self.random()
                u2 = 1.0 - self.random()
                z = magic * (u1 - 0.5) / u2
                zz = z * z / 4.0
                if zz <= -math.log(u2):
                    break
            return mu + z * sigma

        def lognormvariate(self, mu, sigma):
            return math.exp(self.normalvariate(mu, sigma))

        def expovariate(self, lambd=1.0):
            return -math.log(1.0 - self.random()) / lambd

    Random.__name__ = 'Random'
    return Random


def _hexlify(b):
    import binascii
    return binascii.hexlify(b)


def _choices(generator, population, weights, cum_weights, k):
    """random.choices as Python 3.9's, drawing in the same order (one generator.random() per choice)"""
    import bisect
    n = len(population)
    if cum_weights is None:
        if weights is None:
            n += 0.0
            return [population[int(generator.random() * n)] for _ in range(k)]
        cum_weights = list(accumulate(weights))
    elif weights is not None:
        raise TypeError('Cannot specify both weights and cumulative weights')
    if len(cum_weights) != n:
        raise ValueError('The number of weights does not match the population')
    total = cum_weights[-1] + 0.0
    if total <= 0.0:
        raise ValueError('Total of weights must be greater than zero')
    return [population[bisect.bisect(cum_weights, generator.random() * total, 0, n - 1)] for _ in range(k)]


# ------------------------------------------------------------------------------------------------ itertools, functools

def accumulate(iterable, func=None, initial=None):
    """itertools.accumulate: running totals (or func's running results), starting with initial when given"""
    it = iter(iterable)
    total = initial
    if initial is None:
        try:
            total = next(it)
        except StopIteration:
            return
    yield total
    for element in it:
        total = total + element if func is None else func(total, element)
        yield total


def _itertools():
    _module('itertools', {'accumulate': accumulate})


class _CacheInfo(tuple):
    """functools.lru_cache's cache_info(): hits, misses, maxsize, currsize"""

    def __new__(cls, hits, misses, maxsize, currsize):
        return tuple.__new__(cls, (hits, misses, maxsize, currsize))

    hits = property(lambda self: self[0])
    misses = property(lambda self: self[1])
    maxsize = property(lambda self: self[2])
    currsize = property(lambda self: self[3])

    def __repr__(self):
        return 'CacheInfo(hits=%r, misses=%r, maxsize=%r, currsize=%r)' % self


def lru_cache(maxsize=128, typed=False):
    """functools.lru_cache: the results of calls kept by their arguments (the least recently used dropped beyond
    maxsize; None: no limit); @lru_cache and @lru_cache(...) both work, as in Python 3.8"""
    if callable(maxsize) and not isinstance(maxsize, (int, long)):
        return lru_cache(128, typed)(maxsize)

    def decorate(function):
        import collections
        cache = collections.OrderedDict()
        counts = [0, 0]

        def wrapper(*args, **kwargs):
            key = args + (tuple(sorted(kwargs.items())) if kwargs else ())
            if typed:
                key += tuple(type(a) for a in args)
            if key in cache:
                counts[0] += 1
                value = cache.pop(key)
                cache[key] = value
                return value
            counts[1] += 1
            value = function(*args, **kwargs)
            cache[key] = value
            if maxsize is not None and len(cache) > max(maxsize, 0):
                cache.popitem(last=False)
            return value

        def cache_clear():
            cache.clear()
            counts[0] = counts[1] = 0

        wrapper.cache_info = lambda: _CacheInfo(counts[0], counts[1], maxsize, len(cache))
        wrapper.cache_clear = cache_clear
        wrapper.__wrapped__ = function
        for name in ('__name__', '__doc__', '__module__'):
            try:
                setattr(wrapper, name, getattr(function, name))
            except (AttributeError, TypeError):
                pass
        return wrapper

    return decorate


def _functools():
    import functools
    if not hasattr(functools, 'lru_cache'):
        functools.lru_cache = lru_cache
        functools.cache = lru_cache(None)


def _collections_abc():
    """collections.abc (Python 3.3): Python 2's ABCs, which collections holds"""
    import collections
    abc = types.ModuleType('collections.abc')
    for name in ('Awaitable', 'Coroutine', 'AsyncIterable', 'AsyncIterator', 'Hashable', 'Iterable', 'Iterator',
                 'Generator', 'Sized', 'Container', 'Callable', 'Set', 'MutableSet', 'Mapping', 'MutableMapping',
                 'MappingView', 'KeysView', 'ItemsView', 'ValuesView', 'Sequence', 'MutableSequence'):
        if hasattr(collections, name):
            setattr(abc, name, getattr(collections, name))
    sys.modules['collections.abc'] = abc
    collections.abc = abc

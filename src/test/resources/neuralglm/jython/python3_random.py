"""Python 3's random module at fixed seeds (Python3SyntaxTest compares the printout with CPython 3.11's): random,
randint, randrange, choice, shuffle (a list, and a bytearray), sample (both of its ways), uniform, gauss,
normalvariate, expovariate, choices, getrandbits, triangular, a Random of its own (a seed above 2^64),
getstate/setstate, a str seed and a negative one."""
import random
random.seed(0)
print(random.random(), random.random())
random.seed(12345)
print(random.randint(1, 100), random.randrange(10), random.randrange(3, 30, 4), random.choice('abcdef'))
l = list(range(20)); random.shuffle(l); print(l)
b = bytearray(b'abcdefgh'); random.shuffle(b); print(list(b))
print(random.sample(range(100), 7), random.sample(list(range(1000)), 3))
print(random.uniform(-1, 2), random.gauss(0, 1), random.gauss(0, 1), random.normalvariate(1, 2), random.expovariate(2.0))
print(random.choices(['a', 'b', 'c'], k=5), random.choices(['a', 'b', 'c'], weights=[1, 5, 2], k=4))
print(random.getrandbits(7), random.getrandbits(70), random.triangular(0, 10, 3))
r = random.Random(2**70 + 5)
print(r.random(), r.randint(0, 10**12))
s = r.getstate(); a = r.random(); r.setstate(s); print(a == r.random())
random.seed("hello")
print(random.random())
random.seed(-7)
print(random.random())
print(isinstance(r, random.Random), type(random.Random(1).random()).__name__)

import sys
x = 5
ys = [x * 2 for x in range(3)]
print(x, ys)
grid = [[i * j for j in range(3)] for i in range(2)]
try:
    print(i)
except NameError:
    print('NameError i')
def f():
    i = 'kept'
    r = [i for i in 'ab' if i in 'abc']
    return i, r
print(f())
class C:
    sizes = [1, 2, 3]
    pairs = [(a, b) for a, b in zip(sizes, sizes[1:])]
print(C.pairs)
class D:
    k = 2
    try:
        v = [k * x for x in range(3)]
    except NameError:
        v = 'NameError k'
print(D.v)
it = iter([1])
try:
    print([next(it) for _ in range(3)])
except StopIteration:
    print('StopIteration')
fs = [lambda: i for i in range(3)]
print([g() for g in fs], grid)
rows = [
    r * 10  # times ten
    for r in (1,
              2)  # the rows
    if r > 0
]
try:
    raise ValueError('here')
except ValueError:
    print(rows, sys.exc_info()[2].tb_lineno)
data = [10, 20, 30]
print([data[j] for j in [k for k in range(3) if k != 1]], [[p, q] for p in 'ab' for q in range(int(p == "a"), 2)])
print({w: len(w) for w in ['aa', 'b']} == dict(aa=2, b=1), sorted({c for c in 'aba'}), list(y for y in range(2)))

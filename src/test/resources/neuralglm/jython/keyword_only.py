"""Keyword-only parameters, which Jython 2.7 cannot read: scripts/run rewrites them (scripts/lib/_py3syntax.py).
Prints the same lines on Python 3 (CPython) and on the bridge (Python3SyntaxTest)."""


def f(x, *args, scale=1.0, name):
    return (x, args, scale, name)


print(f(1, 2, 3, name='n'), f(1, name='m', scale=2))
try:
    f(1)
except TypeError as e:
    print('TypeError', e)
try:
    f(1, name='a', other=3)
except TypeError as e:
    print('TypeError', e)


def g(a, *, b=2, **kw): return (a, b, sorted(kw.items()))


print(g(1), g(1, b=5, c=6))


class C(object):
    def m(self, *inputs, mask=None):
        """Doc."""
        return (inputs, mask)

    def n(self, *, flag=False):
        if flag:
            return 1
        return 0


print(C().m(1, 2, mask=3), C.m.__doc__, C().n(), C().n(flag=True))

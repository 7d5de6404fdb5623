class Counter3:
    def __init__(self, n):
        self.i, self.n = 0, n
    def __iter__(self):
        return self
    def __next__(self):
        if self.i >= self.n:
            raise StopIteration
        self.i += 1
        return self.i
class Empty:
    def __bool__(self):
        return False
    def __len__(self):
        return 3
class P:
    def __init__(self, v):
        self.v = v
    def __eq__(self, other):
        return self.v == other.v
    @property
    def double(self):
        return 2 * self.v
    @double.setter
    def double(self, d):
        self.v = d / 2
print(type(Counter3(1)).__name__, isinstance(Counter3(1), object))
p = P(3)
p.double = 10
print(p.v, P(1) != P(1), bool(Empty()))
print(list(Counter3(3)))
print(next(Counter3(2)))
class It(object):
    def __init__(self):
        self.k = 0
    def __iter__(self):
        return self
    def __next__(self):
        self.k += 1
        if self.k > 2:
            raise StopIteration
        return self.k
class Sub(It):
    pass
_missing = object()
print(list(It()), list(Sub()), isinstance(3, object), isinstance(It(), object), issubclass(int, object), _missing is _missing, type(_missing).__name__)
class E(Exception):
    pass
try:
    raise E('x')
except E as e:
    print('caught', e)
import torch
class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = torch.nn.Linear(2, 1)
    def forward(self, x):
        return self.fc(x)
print(type(Net()).__name__, object.__name__)
class Meta(type):
    def __call__(cls, *args):
        return 'made by Meta'
class Old(object):
    __metaclass__ = Meta
print(type(Old).__name__ in ('Meta', 'type'), p != P(5.0), p != P(4))

import abc
def gen(xs):
    yield 0
    yield from xs
    yield from (x * 10 for x in xs)
print(list(gen([1, 2])))
class Base(metaclass=abc.ABCMeta):
    @abc.abstractmethod
    def f(self):
        pass
class Impl(Base):
    def f(self):
        return 'impl'
class Registry(type):
    names = []
    def __new__(mcs, name, bases, ns):
        Registry.names.append(name)
        return super().__new__(mcs, name, bases, ns)
class A(object, metaclass=Registry):
    pass
class B(A):
    pass
try:
    Base()
except TypeError:
    print('TypeError')
print(Impl().f(), isinstance(Impl(), Base), Registry.names, type(B).__name__, B.__mro__[1].__name__)

"""Python 3's typing module for scripts that annotate their code (from typing import List, Optional, Tuple):
scripts/run leaves a def's and a variable's annotations out (scripts/lib/_py3syntax.py), and the names here stand
for what an annotation may still name elsewhere (an alias Batch = Tuple[Tensor, Tensor], cast(T, x), TypeVar('T'),
class Box(Generic[T])). They check nothing, as annotations check nothing at run time in Python 3."""
from __future__ import absolute_import

import _shim

TYPE_CHECKING = False


class _Special(object):
    """A typing name: subscripted (List[int]), called as a base (Generic[T]) or printed, it stays itself."""

    def __init__(self, name):
        self._name = name

    def __getitem__(self, parameters):
        return self

    def __call__(self, *args, **kwargs):
        raise TypeError("Type %s cannot be instantiated" % self._name)

    def __repr__(self):
        return 'typing.' + self._name


for _name in ('Any', 'Union', 'Optional', 'List', 'Dict', 'Tuple', 'Set', 'FrozenSet', 'Callable', 'Iterable',
              'Iterator', 'Sequence', 'Mapping', 'MutableMapping', 'MutableSequence', 'Type', 'ClassVar', 'Final',
              'Literal', 'Generator', 'Collection', 'Container', 'Hashable', 'Sized', 'DefaultDict', 'Deque',
              'Counter', 'OrderedDict', 'NoReturn', 'Text', 'AnyStr', 'SupportsFloat', 'SupportsInt', 'Awaitable'):
    globals()[_name] = _Special(_name)


class Generic(object):
    """A base class for generic classes: Generic[T] is Generic itself, so class Box(Generic[T]) is a plain class."""

    def __class_getitem__(cls, parameters):
        return cls


class _GenericAlias(type):
    def __getitem__(cls, parameters):
        return cls


Generic = _GenericAlias('Generic', (object,), {'__doc__': Generic.__doc__})
Protocol = _GenericAlias('Protocol', (object,), {'__doc__': "A structural base class; checks nothing here."})


def TypeVar(name, *constraints, **options):
    """A type variable: its name, as a typing name."""
    return _Special(name)


def NewType(name, tp):
    """NewType('UserId', int): the identity function, as Python 3's."""
    def new_type(x):
        return x
    new_type.__name__ = name
    return new_type


def cast(typ, value):
    """cast(T, x) is x, as Python 3's."""
    return value


def overload(function):
    return function


def no_type_check(function):
    return function


def get_type_hints(obj, globalns=None, localns=None):
    """Annotations are left out of the code that scripts/run reads: none are known."""
    return {}


_shim.strict(__name__, "neuralGLM's typing shim (scripts/lib/typing.py)")

"""Runs a script as Python 3 reads print and division: scripts/run starts Jython here (jython -c
'import _pymain; _pymain.main()' script args), so that PyTorch code written for Python 3 prints and
divides as it does there. Jython 2.7 reads print(a, b) as printing the tuple (a, b) and correct / total
of two ints as floor division (5 / 6 == 0); the script is compiled with the print_function and division
futures instead, as if it began with 'from __future__ import print_function, division'. A Python 2
print statement (print x) is then a syntax error, as in Python 3. print itself is Python 3's too: a float
prints as its repr (0.8333333333333334, where Jython's str gives 12 digits, 0.833333333333) and
flush=True is accepted. And super() without arguments works, as in Python 3 (super().__init__() in a
module's __init__), for the classes the script defines; round is Python 3's (round(2.5) is the int 2). The helpers
of the syntax _py3syntax rewrites are here too: dicts in insertion order (python3_dict), floats written as text as
Python 3 writes them (python3_str_call, python3_format, python3_percent), and those of @, f-strings, unpacking and
keyword-only parameters."""
from __future__ import absolute_import, print_function

import __future__
import os
import re
import sys
import traceback

from neuralglm.jython import Nonlocal as _Nonlocal
from neuralglm.jython import OrderedDicts as _OrderedDicts

FLAGS = __future__.print_function.compiler_flag | __future__.division.compiler_flag


def python3_print(*args, **options):
    """print as Python 3's: floats as their shortest repr (Python 3's str), and the flush option."""
    flush = options.pop('flush', False)
    print(*[repr(a) if type(a) is float else a for a in args], **options)
    if flush:
        (options.get('file') or sys.stdout).flush()


_builtin_super = super


def python3_super(*args):
    """super() as Python 3's: without arguments, super(C, self) for the class C whose method is calling it (found
    by the caller's code object) and that method's first argument (self, or cls in a classmethod); with
    arguments, the builtin super."""
    if args:
        return _builtin_super(*args)
    frame = sys._getframe(1)
    code = frame.f_code
    if code.co_argcount < 1:
        raise RuntimeError("super(): no arguments")
    first = frame.f_locals[code.co_varnames[0]]
    mro = first.__mro__ if isinstance(first, type) else type(first).__mro__
    for cls in mro:
        for member in cls.__dict__.values():
            function = getattr(member, '__func__', member)
            if getattr(function, '__code__', None) is code:
                return _builtin_super(cls, first)
    raise RuntimeError("super(): no class defines the calling method %s; write super(ClassName, self)" % code.co_name)


def python3_round(number, ndigits=None):
    """round as Python 3's: round(x) is an int and round(x, n) a float, both rounding the exact value half to
    even (round(2.5) == 2, where Jython's gives 3.0); a tensor rounds itself (t.round())."""
    import decimal
    if hasattr(number, '__round__'):
        return number.__round__() if ndigits is None else number.__round__(ndigits)
    if not isinstance(number, (int, long, float)) and hasattr(number, 'round') and ndigits is None:
        return number.round()
    if isinstance(number, (int, long)) and ndigits is None:
        return number
    value = float(number)
    if value != value or value in (float('inf'), float('-inf')):
        if ndigits is None:
            raise (ValueError if value != value else OverflowError)(
                "cannot convert float %s to integer" % ('NaN' if value != value else 'infinity'))
        return value
    # a double has at most 309 digits before the point; Python 3 leaves x as it is past 323 digits after it and
    # makes it 0 past 308 before (decimal's default 28 digits raised InvalidOperation for round(1e25, 4))
    if ndigits is not None and ndigits > 323:
        return value
    if ndigits is not None and ndigits < -308:
        return 0.0 * value
    context = decimal.Context(prec=700)
    exact = decimal.Decimal(value)
    if ndigits is None:
        return int(exact.quantize(decimal.Decimal(1), rounding=decimal.ROUND_HALF_EVEN, context=context))
    rounded = float(exact.quantize(decimal.Decimal(1).scaleb(-ndigits), rounding=decimal.ROUND_HALF_EVEN,
                                   context=context))
    return int(rounded) if isinstance(number, (int, long)) else rounded


def python3_str(value, text=False):
    """An f-string field's value as Python 3 formats it without a spec: a float as its repr (Python 3's str), a bool
    as True or False (Jython's str.format gives 12 digits and 1); with text (the !s conversion) anything as its str."""
    if type(value) is float:
        return repr(value)
    if type(value) is bool or text:
        return str(value)
    return value


class _Float3(float):
    """A float written as Python 3 writes it: str, %s and a format field without a spec (or with fill, alignment, sign
    and width only) give its repr, where Jython's float gives 12 digits; other specs are float's."""
    __slots__ = ()

    def __str__(self):
        return float.__repr__(self)

    @property
    def real(self):
        return self

    def __format__(self, spec):
        plain = _PLAIN_SPEC.match(spec)
        if plain is None:
            return float.__format__(self, spec)
        fill, align, sign, width = plain.groups()
        text = float.__repr__(self)
        if sign in ('+', ' ') and not text.startswith('-'):
            text = sign + text
        return format(text, (fill or '') + (align or '>') + width)


_PLAIN_SPEC = re.compile(r'^(?:(.)?([<>^]))?([-+ ]?)(\d*)$')


class _Bool3(object):
    """A bool in a format field as Python 3 writes it: True without a spec (Jython's str.format gives 1), an int with one"""
    __slots__ = ('value',)

    def __init__(self, value):
        self.value = value

    def __format__(self, spec):
        return str(self.value) if not spec else format(int(self.value), spec)

    def __str__(self):
        return str(self.value)

    def __repr__(self):
        return repr(self.value)

    def __getattr__(self, name):
        return getattr(self.value, name)


def _text3(value):
    return _Float3(value) if type(value) is float else _Bool3(value) if type(value) is bool else value


def python3_format(text, *args, **keywords):
    """text.format(*args, **keywords) as Python 3 writes its floats and bools (_py3syntax rewrites a string literal's
    'text'.format(...) as __fmt3__('text', ...))"""
    return text.format(*[_text3(a) for a in args], **dict((k, _text3(v)) for k, v in keywords.iteritems()))


def python3_percent(text, args):
    """text % args as Python 3 writes its floats (%s, %(name)s; _py3syntax rewrites a string literal's 'text' % args as
    __pct3__('text', args))"""
    if type(args) is float:
        args = _Float3(args)
    elif type(args) is tuple:
        args = tuple([_Float3(a) if type(a) is float else a for a in args])
    elif type(args) is dict:
        args = dict((k, _Float3(v) if type(v) is float else v) for k, v in args.iteritems())
    return text % args


def python3_str_call(*args, **keywords):
    """str(x) as Python 3's: a float's repr (Jython's str gives 12 digits; _py3syntax rewrites str(...) as
    __str3__(...))"""
    if len(args) == 1 and not keywords and type(args[0]) is float:
        return repr(args[0])
    return str(*args, **keywords)


def _extremum(builtin, name):
    def extremum(*args, **keywords):
        if 'default' not in keywords:
            return builtin(*args, **keywords)
        default = keywords.pop('default')
        if len(args) != 1:
            raise TypeError('Cannot specify a default for %s() with multiple positional arguments' % name)
        items = list(args[0])
        return builtin(items, **keywords) if items else default
    extremum.__name__ = name
    extremum.__doc__ = "%s as Python 3's: default= is returned for an empty iterable" % name
    return extremum


python3_max = _extremum(max, 'max')
python3_min = _extremum(min, 'min')


def python3_with_metaclass(meta, *bases):
    """class X(Base, metaclass=M) as Python 3 reads it (_py3syntax rewrites it as class X(__with_metaclass__(M, Base))):
    a temporary base whose metaclass makes X with M and the bases given (six's with_metaclass)"""
    class metaclass(meta):
        def __new__(cls, name, this_bases, namespace):
            return meta(name, bases or (object,), namespace)
    return type.__new__(metaclass, 'temporary_class', (), {})


_IOPS = {'+=': 'iadd', '-=': 'isub', '*=': 'imul', '/=': 'itruediv', '//=': 'ifloordiv', '%=': 'imod', '**=': 'ipow',
         '>>=': 'irshift', '<<=': 'ilshift', '&=': 'iand', '^=': 'ixor', '|=': 'ior'}


def python3_iop(op, a, b):
    """a op= b as an expression (_py3syntax's rewrite of x += v for a nonlocal x): the in-place operation's result"""
    import operator
    return getattr(operator, _IOPS[op])(a, b)


def _ne_from_eq(self, other):
    equal = self.__eq__(other)
    return equal if equal is NotImplemented else not equal


class Python3Class(type):
    """The class of a script's classes without bases (the module's __metaclass__; _py3syntax reads class X(object) as
    class X): such a class is new-style, as every Python 3 class is (Jython makes it an old-style 'instance', whose property setters are
    plain attributes), and the protocol methods Python 3 names are those Jython calls: __next__ is next, __bool__ is
    __nonzero__, and a class that defines __eq__ without __ne__ gets the negation of its __eq__ (Jython compares such
    objects by identity with !=)."""

    def __new__(meta, name, bases, namespace):
        if '__next__' in namespace and 'next' not in namespace:
            namespace['next'] = namespace['__next__']
        if '__bool__' in namespace and '__nonzero__' not in namespace:
            namespace['__nonzero__'] = namespace['__bool__']
        if '__eq__' in namespace and '__ne__' not in namespace:
            namespace['__ne__'] = _ne_from_eq
        return type.__new__(meta, name, bases, namespace)



def python3_matmul(a, b):
    """a @ b as Python 3 reads it (_py3syntax rewrites it as __mm__(a, b)): a.__matmul__(b), else b.__rmatmul__(a);
    torch.matmul when either is a tensor, numpy.matmul for the numpy shim's arrays."""
    for owner, method, other in ((a, '__matmul__', b), (b, '__rmatmul__', a)):
        function = getattr(owner, method, None)
        if function is not None:
            result = function(other)
            if result is not NotImplemented:
                return result
    from neuralglm.jython import Tensor
    if isinstance(a, Tensor) or isinstance(b, Tensor):
        import torch
        return torch.matmul(a, b)
    numpy = sys.modules.get('numpy')
    if numpy is not None and (isinstance(a, numpy.ndarray) or isinstance(b, numpy.ndarray)):
        return numpy.matmul(a, b)
    raise TypeError("unsupported operand type(s) for @: '%s' and '%s'" % (type(a).__name__, type(b).__name__))


def python3_unpack(value, before, after):
    """first, *rest = value as Python 3 reads it (_py3syntax rewrites it as first, rest = __unpack__(value, 1, 0)):
    the items before and after the starred name, and a list of those between."""
    items = list(value)
    if len(items) < before + after:
        raise ValueError("not enough values to unpack (expected at least %d, got %d)" % (before + after, len(items)))
    return tuple(items[:before]) + (items[before:len(items) - after],) + tuple(items[len(items) - after:])


_REQUIRED = object()


def python3_kwonly(keywords, name, default=_REQUIRED, function=''):
    """A keyword-only parameter's value (_py3syntax rewrites def f(*args, k=1) as def f(*args, **__kw) and binds k
    with this): the keyword given, else the default; Python 3's TypeError when a required one is missing."""
    if name in keywords:
        return keywords.pop(name)
    if default is _REQUIRED:
        raise TypeError("%s() missing 1 required keyword-only argument: '%s'" % (function, name))
    return default


# python3_dict(*parts): a dict of the parts (mappings, or iterables of (key, value) pairs, each added as dict.update adds
# it) whose keys keep the order of their first insertion, as Python 3.7's dicts do (_py3syntax rewrites a script's dict
# displays, dict comprehensions and dict(...) calls as calls of it)
python3_dict = _OrderedDicts.of


def _copy_dict(d):
    return python3_dict(d)


def _deepcopy_dict(d, memo):
    import copy
    y = python3_dict()
    memo[id(d)] = y
    for key, value in d.iteritems():
        y[copy.deepcopy(key, memo)] = copy.deepcopy(value, memo)
    return y


def _keep_dict_order():
    """copy.copy and copy.deepcopy of a dict keep its keys' order, and json.loads (json.load) makes its objects as
    insertion-ordered dicts, as Python 3's do (the copy module's copies and the json module's objects were
    hash-ordered dicts)."""
    import copy
    import json
    copy._copy_dispatch[dict] = _copy_dict
    copy._deepcopy_dispatch[dict] = _deepcopy_dict
    if getattr(json._default_decoder, 'object_pairs_hook', None) is not python3_dict:
        json._default_decoder = json.JSONDecoder(object_pairs_hook=python3_dict)


def python3_kwonly_done(keywords, function):
    """Python 3's TypeError for a keyword that names no parameter, once the keyword-only ones are taken."""
    if keywords:
        raise TypeError("%s() got an unexpected keyword argument '%s'" % (function, sorted(keywords)[0]))


def _python3_names(namespace):
    """print, super, round and the helpers of the rewritten syntax, as Python 3 has them, in a script's or module's
    namespace."""
    namespace['print'] = python3_print
    namespace['super'] = python3_super
    namespace['round'] = python3_round
    namespace['__fstr__'] = python3_str
    namespace['__mm__'] = python3_matmul
    namespace['__unpack__'] = python3_unpack
    namespace['__kwonly__'] = python3_kwonly
    namespace['__kwonly_done__'] = python3_kwonly_done
    namespace['__metaclass__'] = Python3Class
    namespace['max'] = python3_max
    namespace['__with_metaclass__'] = python3_with_metaclass
    namespace['__nonlocal__'] = _Nonlocal.set
    namespace['__iop__'] = python3_iop
    namespace['min'] = python3_min
    import _py3lib
    _py3lib.install()
    namespace['__dict3__'] = python3_dict
    namespace['__str3__'] = python3_str_call
    namespace['__fmt3__'] = python3_format
    namespace['__pct3__'] = python3_percent
    _keep_dict_order()


def compile_python3(source, path):
    """@return the code of source (the text of the file at path) read as Python 3 reads it: its f-strings and @
    operators rewritten (_py3syntax), compiled with print_function and division"""
    import _py3syntax
    if not source.endswith('\n'):
        source += '\n'
    return compile(_py3syntax.translate(source), path, 'exec', FLAGS, 1)


# the bridge's own modules (torch, numpy, matplotlib beside this file): imported as Jython imports them, also for a
# script in a folder above them
_LIB = os.path.dirname(os.path.abspath(__file__)) + os.sep


class SiblingImporter(object):
    """Imports the modules and packages in the script's folder as the script is read (compile_python3, with
    Python 3's print, super and round), so that a PyTorch project split into files (model.py beside train.py) runs
    as it does on Python 3. A module that only Python 2 reads (a print statement: a syntax error there) is compiled
    as plain Jython reads it, as before. PEP 302 finder and loader (sys.meta_path)."""

    def __init__(self, folder):
        self.folder = os.path.abspath(folder)

    def _file(self, fullname, path):
        name = fullname.rpartition('.')[2]
        folders = [self.folder] if path is None else [p for p in path if os.path.abspath(p).startswith(self.folder)
                                                      and not os.path.abspath(p).startswith(_LIB)]
        for folder in folders:
            package = os.path.join(folder, name, '__init__.py')
            if os.path.isfile(package):
                return package, True
            module = os.path.join(folder, name + '.py')
            if os.path.isfile(module):
                return module, False
        return None, False

    def find_module(self, fullname, path=None):
        return self if self._file(fullname, path)[0] is not None else None

    def load_module(self, fullname):
        if fullname in sys.modules:
            return sys.modules[fullname]
        parent = fullname.rpartition('.')[0]
        path = getattr(sys.modules[parent], '__path__', None) if parent else None
        filename, package = self._file(fullname, path)
        import imp
        module = imp.new_module(fullname)
        module.__file__ = filename
        module.__loader__ = self
        if package:
            module.__path__ = [os.path.dirname(filename)]
            module.__package__ = fullname
        else:
            module.__package__ = parent or None
        with open(filename, 'rU') as f:
            source = f.read()
        try:
            code = compile_python3(source, filename)
            _python3_names(module.__dict__)
        except SyntaxError:
            code = compile(source if source.endswith('\n') else source + '\n', filename, 'exec', 0, 1)
        sys.modules[fullname] = module
        try:
            exec(code, module.__dict__)
        except BaseException:
            del sys.modules[fullname]
            raise
        return module


def run_path(path, namespace):
    """Compiles the file at path as Python 3 reads it (compile_python3: f-strings and @ rewritten, print_function
    and division) and runs it in namespace, with print, super and round bound to python3_print, python3_super and
    python3_round."""
    with open(path, 'rU') as f:
        source = f.read()
    code = compile_python3(source, path)
    namespace.setdefault('__name__', '__main__')
    namespace['__file__'] = path
    _python3_names(namespace)
    exec(code, namespace)


def main():
    """sys.argv is ['-c', script, args...]: runs the script as __main__ with sys.argv [script, args...] and
    its folder first on sys.path, as 'jython script args' would; an uncaught exception is printed without
    this module's frames and exits with status 1."""
    if len(sys.argv) < 2:
        sys.stderr.write('usage: _pymain.main() with sys.argv = [-c, script, args...]\n')
        sys.exit(2)
    path = sys.argv[1]
    sys.argv = sys.argv[1:]
    sys.path[0] = os.path.dirname(os.path.abspath(path))
    sys.meta_path.insert(0, SiblingImporter(sys.path[0]))
    import __main__
    try:
        run_path(path, __main__.__dict__)
    except SystemExit:
        raise
    except BaseException:
        kind, value, tb = sys.exc_info()
        # drop the frames of main and run_path: the traceback starts in the script, as Jython's own would
        traceback.print_exception(kind, value, tb.tb_next.tb_next if tb.tb_next is not None else tb)
        sys.stderr.flush()
        sys.exit(1)

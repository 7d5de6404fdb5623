package neuralglm.jython;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Python 3 syntax Jython 2.7 cannot read, rewritten by {@code scripts/lib/_py3syntax.py} before a script compiles:
 * the {@code @} operator (with Python 3's precedence; {@code @=}; a class's {@code __matmul__}, tensors, the numpy
 * shim's arrays; CPython 3's printout of {@code matmul_operator.py}), and f-strings (conversions, nested fields in a spec, {@code {x=}}, raw and triple-quoted, next to other literals,
 * inside functions) print what CPython 3 prints for {@code src/test/resources/neuralglm/jython/fstrings.py}; a float
 * field shows its repr and a bool True, as Python 3's (Jython's str.format gives 12 digits and 1). Python 2.7 code
 * is left as it is (a name followed at once by a string is not Python 2.7), and an f-string Python 3 refuses is a
 * SyntaxError here too. Annotations are left out (a def's, a variable's; a bare * before keyword-only parameters), and
 * {@code scripts/lib/typing.py} stands for Python 3's typing. Modules and packages beside the script are read as the script is ({@code _pymain.SiblingImporter});
 * one only Python 2 reads, as plain Jython reads it.
 */
class Python3SyntaxTest {

    /** Printed by {@code /usr/bin/python3 src/test/resources/neuralglm/jython/fstrings.py} (CPython 3, PyTorch 1.13). */
    private static final String PYTHON3 = """
            a0.30000000000000004b       'hi' \\d0.30 {literal} 5
                  0.30| x=0.30000000000000004 x = 0.300 0.30000000000000004plain{}hi
            multi
            0.3 and HI
            nested hi 1 True True      1 None
            abc 19 0.30000000000000004 ***hi***
            Epoch 3: loss 0.2500 0.250 0.25
            first 10 second 2
            epoch   1 | acc 71.43% | [0.5, 0.25]
            epoch   2 | acc 71.43% | [0.5, 0.25]
            3 values, mean 2.333
            """;

    /** Printed by {@code /usr/bin/python3 src/test/resources/neuralglm/jython/matmul_operator.py} (CPython 3, PyTorch 1.13). */
    private static final String MATMUL = """
            [[4.6, -0.7], [-0.4, -3.45], [0.85, -0.6375]]
            [[-1.5, 2.5], [2.5, 5.75], [0.0, 1.0625]] [[9.0, -1.0], [-1.0, -6.5], [1.5, -0.875]] [[-8.25, -1.125], [3.25, -2.9375], [-1.125, -0.515625]]
            [[1.25, -4.625], [-6.75, -0.3125], [-0.5, -0.859375]] [5.5, 6.0, 1.625] [-3.5, -1.5] 5.0
            [[1.475, 0.025000000000000022], [0.22500000000000003, -0.6625], [0.5375000000000001, 0.04062500000000002]]
            [[0.824824863208, 0.462008805608], [-0.158797504317, 0.493675994043]]
            [[0.5, -1.0], [2.0, 0.25]]
            [-1.05, 1.65, 0.025]
            Scaled(2) @ 3 4 @ Scaled(5)
            TypeError unsupported operand type(s) for @: 'int' and 'int'
            a @ b 5.0
            """;

    @Test
    void theMatmulOperatorComputesWhatPython3Computes() {
        assertEquals(MATMUL, printout("matmul_operator.py"));
    }

    @Test
    void theMatmulOperatorTakesPython3sPrecedence() {
        // Python 3's grammar: @ binds as * does, left to right, below unary minus and **; a decorator stays
        final String[][] cases = {
            {"y = x * a @ b", "y = __mm__((x * a), b)"},
            {"y = -a @ b ** 2", "y = __mm__(-a, b ** 2)"},
            {"y = a @ b @ c", "y = __mm__(__mm__(a, b), c)"},
            {"y = a - b @ c", "y = a - __mm__(b, c)"},
            {"y = a ** -b @ c", "y = __mm__(a ** -b, c)"},
            {"y = a % b @ c // d", "y = (__mm__((a % b), c) // d)"},
            {"y = not a @ b", "y = not __mm__(a, b)"},
            {"y = a.T @ f(b)[0] / 2", "y = (__mm__(a.T, f(b)[0]) / 2)"},
            {"y = a @ (b @ c)", "y = __mm__(a, (__mm__(b, c)))"},
            {"y @= b", "y = __mm__(y, (b))"},
            {"@decorator\ndef g(): return a", "@decorator\ndef g(): return a"},
            {"s = 'a @ b'  # a @ b", "s = 'a @ b'  # a @ b"},
        };
        assertTranslations(cases);
    }

    @Test
    void modulesBesideTheScriptAreReadAsTheScriptIs() {
        // train.py imports siblingmodel (super(), f-strings, @, round, true division) and the package siblingpkg; on
        // CPython 3 (cd project; /usr/bin/python3 train.py) it prints the first two lines. A module only Python 2
        // reads (a print statement) is read as plain Jython reads it, as before (7 / 2 is 3 there)
        final String dir = "src/test/resources/neuralglm/jython/project";
        final String out = Jython.exec(String.join("\n",
                "import sys, _pymain",
                "importer = _pymain.SiblingImporter('" + dir + "')",
                "sys.meta_path.insert(0, importer)",
                "try:",
                "    _pymain.run_path('" + dir + "/train.py', {'__name__': '__main__'})",
                "    import siblinglegacy",
                "    sys.stdout.write('legacy %d\\n' % siblinglegacy.VALUE)",
                "finally:",
                "    sys.meta_path.remove(importer)",
                "    for name in ['siblingmodel', 'siblingpkg', 'siblingpkg.helpers', 'siblinglegacy']:",
                "        sys.modules.pop(name, None)"));
        assertEquals("""
                describing 2
                Net with 2 inputs, ratio 0.3333333333333333, 2 [[2.0, 4.0]] 1.5 torch.float64
                a Python 2 module 3
                legacy 3
                """, out.replace("\r\n", "\n"));
    }

    @Test
    void annotationsAreLeftOut() {
        // CPython 3's printout of annotations.py (/usr/bin/python3), which annotates parameters, returns, variables,
        // class attributes and keyword-only parameters and imports typing names
        assertEquals("""
                tiny [[3.5]] [[7.0]] 3 7 2.0
                [[3.0]] [[3.0]]
                """, printout("annotations.py"));
        final String[][] cases = {
            {"def f(self, x: int, y: List[int] = [1], *args: str) -> Dict[str, int]:\n    return x",
                "def f(self, x, y = [1], *args):\n    return x"},
            {"class C:\n    n: int\n    m: float = 2.0", "class C:\n    pass\n    m = 2.0"},
            {"self.x: Tensor = y", "self.x = y"},
            // the dict display's colon is not an annotation (the display becomes an insertion-ordered dict's call)
            {"d = {'a': 1}; x = y[1:2]; f(a=lambda q: q)", "d = __dict3__([('a', 1)]); x = y[1:2]; f(a=lambda q: q)"},
            {"if x: y = 1\nelse: y = 2", "if x: y = 1\nelse: y = 2"},
        };
        assertTranslations(cases);
    }

    @Test
    void underscoresInNumbersAndRaiseFrom() {
        final String[][] cases = {
            {"n = 10_000 + 1_000.5 + 0x_ff + 1e1_0 + 3_1j + 1_000e-3", "n = 10000 + 1000.5 + 0xff + 1e10 + 31j + 1000e-3"},
            {"m = x_1 + _a1 + a_b", "m = x_1 + _a1 + a_b"},
            {"raise RuntimeError('bad') from e", "raise RuntimeError('bad')"},
            {"raise KeyError(f(from_x)) from None", "raise KeyError(f(from_x))"},
        };
        assertTranslations(cases);
        // Python 3: 10_000 + 1_000.5 + 0x_ff + 1e1_0 + 3_1j + 1_000e-3 + 1.5e+1_0 == (25000011256.5+31j)
        assertEquals("(25000011256.5+31j)", Jython.exec("import _py3syntax\nprint(eval(_py3syntax.translate("
                + pyString("10_000 + 1_000.5 + 0x_ff + 1e1_0 + 3_1j + 1_000e-3 + 1.5e+1_0\n") + ")))").trim());
    }

    @Test
    void python3GrammarPython2Refuses() {
        // found translating PyTorch 1.13's own modules and compiling them on Jython
        final String[][] cases = {
            {"from __future__ import annotations\nx = 1", "\nx = 1"},
            {"from __future__ import annotations, division", "from __future__ import division"},
            {"def stub(self): ...", "def stub(self): Ellipsis"},
            {"y = x[..., 0] if z is ... else [..., 1]", "y = x[..., 0] if z is Ellipsis else [Ellipsis, 1]"},
            {"f(\n    *args,\n    key=1,\n)", "f(\n    *args,\n    key=1\n)"},
            {"g(a, **kw, out=None)", "g(a, out=None, **kw)"},
            {"h(a, b,)", "h(a, b,)"},
        };
        assertTranslations(cases);
        // CPython 3 prints 3 [('a', 1), ('out', None)] None, and a raise from over several lines raises
        assertEquals("3 [('a', 1), ('out', None)] None\nValueError", runTranslated(String.join("\n",
                "def f(*args, **kw):", "    return len(args), kw", "def stub(): ...", "kw = {'a': 1}",
                "n, k = f(\n    1,\n    *[2, 3],\n    **kw,\n    out=None,\n)", "print(n, sorted(k.items()), stub())",
                "try:", "    raise ValueError(", "        'x'", "    ) from None", "except ValueError:", "    print('ValueError')", "")).trim());
    }

    @Test
    void yieldFromAndMetaclassKeyword() {
        // CPython 3's printout of yield_from_metaclass.py (/usr/bin/python3): yield from a list and a generator, an
        // abstract base made with metaclass=abc.ABCMeta (instantiating it is a TypeError), a registering metaclass
        // beside object whose subclasses it makes too
        assertEquals("""
                [0, 1, 2, 10, 20]
                TypeError
                impl True ['A', 'B'] Registry A
                """, printout("yield_from_metaclass.py"));
    }

    @Test
    void nonlocalRebindsTheEnclosingFunctionsVariable() {
        // CPython 3's printout of nonlocal_closures.py (/usr/bin/python3): a counter closure (+=), two names at once
        // (an if's assignment, += on a list, a slice), a variable two functions up, and a function whose nested def
        // and comprehension bind the same name for themselves, a function after a one-line def
        assertEquals("""
                1 2 7
                (0.5, [2.0, 0.5])
                ('set by inner', 'set by inner')
                ([0, 1], 201)
                one line 3
                """, printout("nonlocal_closures.py"));
    }

    @Test
    void starredItemsWherePython2HasNone() {
        final String[][] cases = {
            {"net = nn.Sequential(*layers, nn.Linear(h, 1))", "net = nn.Sequential(*(list(layers) + [nn.Linear(h, 1)]))"},
            {"y = x.view(*shape, -1)", "y = x.view(*(list(shape) + [-1]))"},
            {"z = f(*a, *b, key=1, **kw)", "z = f(*(list(a) + list(b)), key=1, **kw)"},
            {"n = f(g(*a, 1), *b)", "n = f(g(*(list(a) + [1])), *b)"},
            {"lst = [*a, b, *c]", "lst = (list(a) + [b] + list(c))"},
            {"tup = (*a, b)", "tup = tuple(list(a) + [b])"},
            {"w = g(a, *b, key=1); print(*items, sep=', ')", "w = g(a, *b, key=1); print(*items, sep=', ')"},
            {"def k(self, *args, **kw): return sum(x for x in args)", "def k(self, *args, **kw): return sum(x for x in args)"},
        };
        assertTranslations(cases);
        // a starred comprehension on a line of its own in a display (PyTorch's jit/_dataclass_impls.py): [0, 0, 2]
        assertEquals("[0, 0, 2]", runTranslated("x = [\n    0,\n    *[2 * i for i in range(2)],\n]\nprint(x)\n").trim());
        // Python 3 prints (1, 2, 3, 4) [0, 1, 5] (0, 1)
        assertEquals("(1, 2, 3, 4) [0, 1, 5] (0, 1)", runTranslated("import sys\nsys.stdout.write('%s %s %s\\n' % ((lambda *a: a)(*[1, 2], 3, *[4]), "
                + "[*range(2), 5], (*range(2),)))\n").trim());
    }

    @Test
    void keywordOnlyParameters() {
        // CPython 3's printout of keyword_only.py: after *args and a bare *, with and without **kw, required and with
        // defaults, a docstring and a block first in the body; Python 3's TypeErrors
        assertEquals("""
                (1, (2, 3), 1.0, 'n') (1, (), 2, 'm')
                TypeError f() missing 1 required keyword-only argument: 'name'
                TypeError f() got an unexpected keyword argument 'other'
                (1, 2, []) (1, 5, [('c', 6)])
                ((1, 2), 3) Doc. 0 1
                """, printout("keyword_only.py"));
    }

    @Test
    void extendedUnpacking() {
        final String script = String.join("\n",
                "first, *rest = [1, 2, 3]; *init, last = (1, 2, 3); a, *b, c = range(5); *e, = 'ab'",
                "print(first, rest, init, last, a, b, c, e)",
                "try:",
                "    a, *b, c = [1]",
                "except ValueError as ex:",
                "    print('ValueError', ex)", "");
        // CPython 3's printout of the same lines
        assertEquals("""
                1 [2, 3] [1, 2] 3 0 [1, 2, 3] 4 ['a', 'b']
                ValueError not enough values to unpack (expected at least 2, got 1)
                """, runTranslated(script));
    }

    @Test
    void dictsKeepTheirInsertionOrder() {
        // CPython 3's printout of dict_order.py (/usr/bin/python3): displays with deletion and re-insertion, keys(),
        // items(), values(), json.dumps, a dict filled in a loop, a dict comprehension, dict(...) with keywords, pairs,
        // zip, a dict and keywords, {**a, ...}, copy.copy and copy.deepcopy, a display over lines with a comment (the
        // next lines keep their numbers: tb_lineno 26), lambdas as values, %-formatting from a dict, json.loads
        assertEquals("""
                {'zeta': 1, 'mid': 3, 'beta': 4, 'alpha': 5} True True True
                ['zeta', 'mid', 'beta', 'alpha'] [('zeta', 1), ('mid', 3), ('beta', 4), ('alpha', 5)] ['zeta', 'mid', 'beta', 'alpha'] [1, 3, 4, 5]
                {"zeta": 1, "mid": 3, "beta": 4, "alpha": 5} {"b": [1, {"y": 2, "x": 1}], "a": null}
                {'val_loss': 8, 'loss': 4, 'acc': 3, 'epoch': 5} {'val_loss': 16, 'loss': 8, 'epoch': 10}
                {'zeta': 1, 'alpha': 2} {'q': 1, 'b': 2} {'z': 0, 'y': 1, 'x': 2} {'val_loss': 8, 'loss': 4, 'acc': 3, 'epoch': 5, 'extra': 0}
                {'zeta': 1, 'mid': 3, 'beta': 4, 'alpha': 5, 'new': 0, 'zz': 1} {'val_loss': 8, 'loss': 4, 'acc': 3, 'epoch': 5} {} {}
                {'val_loss': 8, 'loss': 4, 'acc': 3, 'epoch': 5} {'w': [1], 'a': {'k': 2, 'c': 3}}
                {'layers': {'fc2': 2, 'fc1': 1}, 'lr': 0.1} ['a', 'b'] [1, 2, 3]
                ['x', 'a'] 2 2
                {'w3': 0, 'b1': 1, 'w1': 2} w1 1-2
                26
                z,a,m y,b
                """, printout("dict_order.py"));
        final String[][] cases = {
            {"e = {}; s = {1, 2}; t = {x for x in y}; u = {f(x): 1 for x, z in w}",
                "e = __dict3__(); s = {1, 2}; t = {x for x in y}; u = __dict3__((f(x), 1) for x, z in w)"},
            {"m = {**a, 'b': {'c': 1}, **c}", "m = __dict3__(a, [('b', __dict3__([('c', 1)]))], c)"},
            {"n = dict(p, a=1, **m); ok = isinstance(n, dict) and dict.fromkeys(k)",
                "n = __dict3__(p, [('a', 1)], m); ok = isinstance(n, dict) and dict.fromkeys(k)"},
            {"o = dict(*args); f = {'f': lambda v: v}; g = {lambda: 1}",
                "o = dict(*args); f = __dict3__([('f', lambda v: v)]); g = {lambda: 1}"},
            {"dict = OrderedDict\nq = dict(a=1)", "dict = OrderedDict\nq = dict(a=1)"},
            // a lambda's parameters hold commas of their own (PyTorch's fx/experimental/symbolic_shapes.py)
            {"ops = {'add': lambda a, b: a + b, 'neg': lambda a: -a}", "ops = __dict3__([('add', lambda a, b: a + b), ('neg', lambda a: -a)])"},
            {"def acc(xs, fn=lambda x, y: x + y, *rest): pass", "def acc(xs, fn=lambda x, y: x + y, *rest): pass"},
        };
        assertTranslations(cases);
    }

    @Test
    void floatsAreWrittenAsPython3WritesThem() {
        // CPython 3's printout of float_text.py (/usr/bin/python3): str(x), a string literal's .format(...) (empty specs,
        // fill, alignment, sign and width, precision, !r and !s, attributes, * and ** arguments) and % (a tuple, a
        // mapping, one value) give a float's repr and a bool's True, where Jython gives 12 digits and 1
        assertEquals("""
                0.30000000000000004    0.30000000000000004 0.300 0.30000000000000004 True 0.3 0.30000000000000004 0.30000000000000004 0.30 0 True 0.30000000000000004 True     1| 0.30000000000000004 30.0%
                0.30000000000000004 1.5 0.30000000000000004 +0.30000000000000004 1,234,567.125      2.5| 1e+16 1e-05 inf
                    -2.5|0.30000000000000004|0.30000000000000004***|-2.5| 0.30000000000000004 0.30000000000000004 1e-07 123456789.12345679 0.30000000000000004 3
                0.30000000000000004 and y 3.000e-01 30.000000000000004% loss: 0.30000000000000004 1 a 0.30000000000000004   1.5|
                0.5833333333333333 0.29166666666666663 0.3333333333333333 tensor([0.2500, 0.3333])
                True 0 False 0.30000000000000004 True 0.30000000000000004
                0.6666666666666666 epoch   7 loss 0.3000 acc 0.6666666666666666 nan
                """, printout("float_text.py"));
        final String[][] cases = {
            {"s = str(x) + 'a %s' % y.z[0] * 2 + '{}'.format(w)", "s = __str3__(x) + __pct3__('a %s' , y.z[0]) * 2 + __fmt3__('{}', w)"},
            {"t = 'a' 'b' % -v ** 2; u = n * 'c%s' % v; f = '{}'.format()", "t = __pct3__('a' 'b' , -v ** 2); u = n * 'c%s' % v; f = __fmt3__('{}')"},
            {"str = unicode\nq = str(1)", "str = unicode\nq = str(1)"},
        };
        assertTranslations(cases);
    }

    @Test
    void classesFollowPython3sProtocol() {
        // CPython 3's printout of python3_classes.py (/usr/bin/python3): a class without bases is new-style (its type's
        // name, a property's setter), __next__, __bool__ and a __ne__ from __eq__ are what Jython calls, in classes
        // with and without object as a base and their subclasses; object() as a sentinel, isinstance and issubclass
        // of object, an Exception subclass and an nn.Module subclass keep working; a class body's own __metaclass__
        // (Python 2's; Python 3 ignores it) does not conflict with the script's
        assertEquals("""
                Counter3 True
                5.0 False False
                [1, 2, 3]
                1
                [1, 2] [1, 2] True True True True object
                caught x
                Net object
                True False True
                """, printout("python3_classes.py"));
    }

    @Test
    void python3sStandardLibraryWherePyTorchScriptsUseIt() {
        // CPython 3's printout of python3_stdlib.py (/usr/bin/python3): random.choices (weights, cum_weights, a
        // Random's), math.inf, nan, tau, isclose, log2, gcd, prod, comb, perm, isqrt, itertools.accumulate,
        // functools.lru_cache (bare and with maxsize, cache_info) and cache, max and min with default=,
        // os.makedirs(exist_ok=True), time.perf_counter, perf_counter_ns, monotonic, process_time, time_ns, collections.abc
        assertEquals("""
                58 True [2, 2, 2] 4
                inf -inf nan 6.283185307179586 False True True
                3.0 3.321928094887362 -996.5784284662087 1.584962500721156 6 0 2 9.0 1 120 20 24 10000000000 3
                [1, 3, 6, 10] [1, 2, 6] [10, 11, 13] []
                [1, 4, 1, 9, 4, 1] [1, 2, 3, 2, 1] CacheInfo(hits=1, misses=5, maxsize=2, currsize=2)
                1548008755920 2432902008176640000 58
                None none 3 8 b
                ValueError
                OSError 17
                True True True True True
                True True True
                """, printout("python3_stdlib.py"));
    }

    @Test
    void python3sRandomNumbers() {
        // CPython 3's printout of python3_random.py (/usr/bin/python3): the same draws from the same seeds (Jython's own
        // generator gave random.seed(0); random.random() 0.7309677886325194), by 3.11's algorithms
        assertEquals("""
                0.8444218515250481 0.7579544029403025
                54 0 27 c
                [16, 19, 12, 3, 0, 14, 7, 9, 10, 2, 17, 4, 18, 1, 15, 5, 13, 8, 6, 11]
                [101, 104, 100, 103, 97, 102, 98, 99]
                [3, 58, 43, 65, 88, 95, 53] [3, 6, 962]
                0.9917000503264435 0.679087726123909 1.128876101957743 -1.1075052083771606 0.05596497047584499
                ['c', 'a', 'b', 'c', 'b'] ['c', 'b', 'a', 'a']
                63 954382743323757819182 5.867619489138843
                0.46679953776226335 689234319633
                True
                0.3537754404730722
                0.32383276483316237
                True float
                """, printout("python3_random.py"));
    }

    @Test
    void pathlibAsPython3s() {
        // CPython 3's printout of pathlib_paths.py (/usr/bin/python3): joining with / and several parts (an absolute
        // part restarts), normalisation, name, stem, suffix(es), parent(s), parts, with_suffix/with_name, mkdir(parents,
        // exist_ok), write/read text and bytes, exists/is_file/is_dir, iterdir, glob, rglob, relative_to, unlink
        // (missing_ok), open() and os.path taking a Path, equality and hashing
        assertEquals("""
                data/train/images.tar.gz PosixPath('data/train/images.tar.gz') images.tar.gz images.tar .gz ['.tar', '.gz'] data/train . ('data', 'train', 'images.tar.gz') ['data/train', 'data', '.']
                data/train/images.tar.zip data/train/x.txt a/b/../c /abs/x a/b/c . /root
                True True True False ['epoch,loss', '1,0.5'] ['metrics.csv', 'model.pt']
                ['metrics.csv'] ['model.pt'] runs/exp1/metrics.csv runs/exp1/metrics.csv
                epoch,loss metrics.csv True 17
                ['metrics.csv'] x    / /
                True 1 False True a/b
                """, printout("pathlib_paths.py"));
    }

    @Test
    void listComprehensionsKeepTheirNamesToThemselves() {
        // CPython 3's printout of comprehensions.py (/usr/bin/python3): a comprehension's variable does not replace the
        // enclosing one (module, function), nested ones and lambdas in them, a class body's names reach the first
        // iterable but not the element (NameError), a StopIteration inside propagates, a comprehension over lines with
        // comments keeps the next lines' numbers (tb_lineno 40), comprehensions in subscripts and iterables; dict and set
        // comprehensions and generator expressions (scoped in Python 2.7 too) are left as they are
        assertEquals("""
                5 [0, 2, 4]
                NameError i
                ('kept', ['a', 'b'])
                [(1, 2), (2, 3)]
                NameError k
                StopIteration
                [2, 2, 2] [[0, 0, 0], [0, 1, 2]]
                [10, 20] 40
                [10, 30] [['a', 1], ['b', 0], ['b', 1]]
                True ['a', 'b'] [0, 1]
                """, printout("comprehensions.py"));
    }

    @Test
    void fStringsPrintWhatPython3Prints() {
        assertEquals(PYTHON3, printout("fstrings.py"));
    }

    @Test
    void python2CodeIsLeftAsItIsAndBadFStringsAreSyntaxErrors() {
        final String same = "s = 'f' + \"x{}\"  # f\"{not}\"\nprint(s.format(1), r'\\d', u'u')\n";
        assertEquals(same, Jython.exec("import _py3syntax\nprint(_py3syntax.translate(" + pyString(same) + "))")
                .replace("\r\n", "\n").replaceFirst("\n$", ""));
        for (String bad : new String[] {"f'{}'", "f'a}b'", "f'{x'", "f'{x!z}'"}) {
            final String out = Jython.exec("import _py3syntax\ntry:\n    _py3syntax.translate(" + pyString(bad + "\n")
                    + ")\n    print('accepted')\nexcept SyntaxError as e:\n    print('SyntaxError ' + str(e))");
            assertTrue(out.startsWith("SyntaxError f-string: "), bad + ": " + out);
        }
    }

    /** Asserts each case's translation by _py3syntax: {@code case[1]} for {@code case[0]}. */
    private static void assertTranslations(String[][] cases) {
        for (String[] c : cases) {
            assertEquals(c[1], Jython.exec("import _py3syntax\nprint(_py3syntax.translate(" + pyString(c[0] + "\n") + "))")
                    .replace("\r\n", "\n").replaceFirst("\n+$", ""), c[0]);
        }
    }

    /** @return what the script prints translated and run with _pymain's Python 3 names, as scripts/run runs it */
    private static String runTranslated(String script) {
        return Jython.exec("import _py3syntax, _pymain\nns = {}\n_pymain._python3_names(ns)\n"
                + "exec(compile(_py3syntax.translate(" + pyString(script) + "), '<t>', 'exec', _pymain.FLAGS, 1), ns)")
                .replace("\r\n", "\n");
    }

    /** @return what scripts/run prints for the script of that name in src/test/resources/neuralglm/jython */
    private static String printout(String name) {
        return PyTorchPrintout.run(name).replace("\r\n", "\n");
    }

    private static String pyString(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
    }
}

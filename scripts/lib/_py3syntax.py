"""Python 3 syntax that Jython 2.7 cannot read, rewritten in a script's source before it compiles (scripts/run,
_pymain.run_path), so that PyTorch code written for Python 3 runs unchanged:

- f-strings: f"loss {loss:.4f} at {i}" becomes ("loss {0:.4f} at {1}".format((loss), __fstr__((i)))), with the
  conversions !r and !s (!a reads as !r), nested fields in a format spec (f"{x:{width}.{digits}f}"), {{ and }}, the
  self-documenting {x=} (Python 3.8), raw and triple-quoted f-strings, and f-strings next to other string literals
  (implicit concatenation: the pieces are added). A field without a format spec goes through __fstr__
  (_pymain.python3_str, in the script's namespace): Python 3 formats a float there as its repr and a bool as
  True/False, where Jython's str.format gives 12 digits and 1.

- the matrix product operator: a @ b becomes __mm__(a, b) (_pymain.python3_matmul: a's __matmul__, b's
  __rmatmul__, torch.matmul for tensors, numpy.matmul for the numpy shim's arrays), over each term with Python 3's
  precedence (@ binds as * does, left to right: x * a @ b is __mm__((x * a), b), -a @ b ** 2 is __mm__(-a, b ** 2)),
  and a statement x @= y becomes x = __mm__(x, (y)). A @ at the start of a line is a decorator and stays.

- annotations: a def's parameter and return annotations are left out (def forward(self, x: Tensor) -> Tensor: reads
  def forward(self, x):); a variable's
  annotation (self.n: int = 3, x: List[int] = []) is left out of its assignment, and an annotation alone (n: int in
  a class body) becomes pass.

- unpacking where Python 2.7 has none: a call's positional arguments after a starred one or several starred ones
  (nn.Sequential(*layers, nn.Linear(h, 1)), x.view(*shape, -1)) are joined into one *(list(layers) + [...]), and a
  list or tuple display with a starred item ([*a, b]) becomes (list(a) + [b]).
- keyword-only parameters (after *args or a bare *): def f(x, *args, scale=1.0) reads def f(x, *args, **__kw) and
  its body starts with scale = __kwonly__(__kw, 'scale', 1.0, 'f') (_pymain.python3_kwonly), then a check that no
  other keyword came (Python 3's TypeErrors for a missing or an unexpected keyword). The defaults are evaluated at
  each call, not once.
- extended unpacking in an assignment (first, *rest = batch; *init, last = xs) reads the value once and hands the
  starred name a list (__unpack__, _pymain.python3_unpack: Python 3's ValueError when the value is too short).
- underscores in numbers (10_000, 1_000.5, 0x_ff) are left out, and raise X from Y reads raise X (the cause is
  not kept).
- dicts in insertion order: a dict display ({k: v, **m}), a dict comprehension and a dict(...) call become calls of
  __dict3__ (_pymain.python3_dict), a dict (type dict) whose keys iterate, print and serialise in the order they were
  first inserted, as Python 3.7's do (Jython's dicts hash them in no particular order); {**a, **b} is read too.
- floats written as text: str(x), 'text'.format(...) and 'text' % args (of a string literal) become __str3__(x),
  __fmt3__('text', ...) and __pct3__('text', args) (_pymain), which give a float as its repr, as Python 3 does
  (str(0.1 + 0.2) is 0.30000000000000004; Jython's 0.3), and a bool in a format field as True (Jython's 1).
- class X(object): becomes class X: (the script's __metaclass__, _pymain.Python3Class, makes it new-style, with Python
  3's __next__, __bool__ and __ne__).
- the rest of Python 3's grammar that PyTorch code uses (_grammar): from __future__ import annotations, ... as a
  value, a trailing comma after *args or **kwargs, keywords after **kwargs in a call.
- nonlocal x: the statement makes x a free variable of the function and its assignments there set the enclosing
  function's cell (__nonlocal__, neuralglm.jython.Nonlocal).
- list comprehensions: [e for x in it if c] becomes (lambda __it__: [e for x in __it__ if c])((it)), so that x is bound
  in the comprehension's own scope as in Python 3 (Python 2 binds it in the enclosing scope, replacing a variable of
  that name), with the first iterable evaluated where the comprehension stands, as Python 3 evaluates it.

The rewrite works on the tokens of Python 2.7's own tokenizer (where f"..." reads as the name f followed by a string),
so text in strings and comments is left as it is, and line numbers stay those of the script.
"""
from __future__ import absolute_import

import StringIO
import re
import tokenize

_PREFIXES = frozenset(['f', 'rf', 'fr'])


class FStringError(SyntaxError):
    """An f-string that Python 3 would refuse too (a single '}', an empty expression, an unclosed field)."""


def translate(source):
    """@return the source with its f-strings, @ operators, annotations, starred items, numbers, raise-from, dicts, floats
    written as text and list comprehensions rewritten (the same text when it has none). Source the tokenizer cannot read (an unclosed string or bracket, bad
    indentation) is returned as it is, so that compiling it reports the script's own syntax error."""
    for stage, hint in _STAGES:
        if not hint.search(source):
            continue   # nothing the stage rewrites can be there: the script is not tokenized again for it
        try:
            source = stage(source)
        except (tokenize.TokenError, IndentationError):
            return source
    return source


def _fstrings(source):
    """@return the source with its f-strings rewritten as str.format calls"""
    if 'f' not in source and 'F' not in source:
        return source
    tokens = _tokens(source, ())
    starts = _line_starts(source)

    def offset(position):
        return starts[position[0] - 1] + position[1]

    edits = []
    k = 0
    while k < len(tokens):
        group, end = _string_group(tokens, k)
        if group and any(prefix is not None for prefix, _ in group):
            first, last = group[0][1], group[-1][1]
            try:
                text = _group_text(group)
            except FStringError as e:
                raise FStringError('%s (line %d)' % (e.args[0], first[2][0]))
            edits.append((offset(first[2]) - (len(group[0][0]) if group[0][0] is not None else 0), offset(last[3]), text))
            k = end
        else:
            k += 1
    return _apply(source, edits)


def _by_line(source, relevant, rewrite):
    """@return source with each logical line (a statement, with the lines its brackets join) that holds a relevant
    token given to rewrite on its own: the rewrites that must read their text again after each edit read one
    statement, not the whole script"""
    tokens = _tokens(source, ())
    starts = _line_starts(source)
    edits = []
    first, hit = None, False
    for t in tokens:
        if t[0] in (tokenize.NL, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER) \
                and first is None:
            continue
        if first is None:
            first = t
        hit = hit or relevant(t)
        if t[0] == tokenize.NEWLINE:
            if hit:
                start, end = starts[first[2][0] - 1], _offset(starts, t[3])
                text = source[start:end]
                rewritten = rewrite(text)
                if rewritten != text:
                    edits.append((start, end, rewritten))
            first, hit = None, False
    return _apply(source, edits)


def _read(source):
    """@return (the source's tokens, its lines' start offsets), or None when the tokenizer cannot read it (an unclosed
    bracket or string: left to the compiler, which names the script's own syntax error)"""
    try:
        return _tokens(source), _line_starts(source)
    except (tokenize.TokenError, IndentationError):
        return None


def _tokenized(needs=None):
    """A stage of the translation that works on the source's tokens: stage(source, tokens, starts) is called as
    stage(source), and the source comes back as it is when needs(source) is false (a quick test that spares the
    tokenizer) or when the tokenizer cannot read it (_read)."""
    def wrap(stage):
        def run(source):
            if needs is not None and not needs(source):
                return source
            read = _read(source)
            return source if read is None else stage(source, *read)
        run.__name__, run.__doc__ = stage.__name__, stage.__doc__
        return run
    return wrap


def _tokens(source, skip=None):
    """@return the source's tokens (Python 2.7's tokenizer), without those of the kinds in skip"""
    skip = _SKIP if skip is None else skip
    return [t for t in tokenize.generate_tokens(StringIO.StringIO(source).readline) if t[0] not in skip]


def _apply(source, edits):
    """@return source with each edit (start offset, end offset, text) made; the edits do not overlap"""
    for start, end, text in sorted(edits, reverse=True):
        source = source[:start] + text + source[end:]
    return source


def _line_starts(source):
    starts, position = [0], 0
    for line in source.splitlines(True):
        position += len(line)
        starts.append(position)
    return starts


def _string_group(tokens, k):
    """@return ([(f-prefix or None, STRING token), ...], index after) for adjacent string literals from token k (NL and
    comments between them skipped), or ([], k) when token k starts none"""
    group = []
    i = k
    while i < len(tokens):
        kind, text = tokens[i][0], tokens[i][1]
        if kind == tokenize.NAME and text.lower() in _PREFIXES and i + 1 < len(tokens) \
                and tokens[i + 1][0] == tokenize.STRING and tokens[i + 1][2] == tokens[i][3]:
            group.append((text, tokens[i + 1]))
            i += 2
        elif kind == tokenize.STRING:
            group.append((None, tokens[i]))
            i += 1
        elif group and kind in (tokenize.NL, tokenize.COMMENT):
            j = i
            while j < len(tokens) and tokens[j][0] in (tokenize.NL, tokenize.COMMENT):
                j += 1
            if j < len(tokens) and (tokens[j][0] == tokenize.STRING or tokens[j][0] == tokenize.NAME
                                    and tokens[j][1].lower() in _PREFIXES and j + 1 < len(tokens)
                                    and tokens[j + 1][0] == tokenize.STRING and tokens[j + 1][2] == tokens[j][3]):
                i = j
            else:
                break
        else:
            break
    return group, i


def _group_text(group):
    pieces = [_format_call(prefix, token[1]) if prefix is not None else token[1] for prefix, token in group]
    return '(' + ' + '.join(pieces) + ')' if len(pieces) > 1 else pieces[0]


def _format_call(prefix, literal):
    """f"..." (the prefix's f left out, the string token as written) -> '"...".format(...)'"""
    rest = prefix.replace('f', '').replace('F', '')   # r or R, or nothing
    # the string token may carry its own prefix letters (u, b: not with f in Python 3; kept as they are)
    j = 0
    while literal[j] not in '\'"':
        j += 1
    rest += literal[:j]
    literal = literal[j:]
    quote = literal[:3] if literal[:3] in ('"""', "'''") else literal[0]
    body = literal[len(quote):-len(quote)]
    raw = 'r' in rest.lower()
    args = []
    text = _fields(body, 0, len(body), args, raw, top=True)
    call = rest + quote + text + quote + '.format(' + ', '.join(args) + ')'
    return '(' + call + ')'


def _fields(body, i, end, args, raw, top):
    """The literal text body[i:end] with each replacement field {expr!c:spec} made {N!c:spec}, expr appended to
    args; {{ and }} kept (str.format's escapes too)."""
    out = []
    while i < end:
        c = body[i]
        if c == '\\' and not raw and i + 1 < end and body[i + 1] not in '{}':
            out.append(body[i:i + 2])
            i += 2
        elif c == '{':
            if top and body[i + 1:i + 2] == '{':
                out.append('{{')
                i += 2
                continue
            field, i = _field(body, i + 1, end, args, raw)
            out.append(field)
        elif c == '}':
            if top and body[i + 1:i + 2] == '}':
                out.append('}}')
                i += 2
                continue
            raise FStringError("f-string: single '}' is not allowed")
        else:
            out.append(c)
            i += 1
    return ''.join(out)


def _field(body, i, end, args, raw):
    """Reads one replacement field from just after its '{': @return ('{N...}', the index after its '}')"""
    start = i
    depth, quote = 0, None
    while i < end:
        c = body[i]
        if quote:
            if c == '\\':
                i += 2
                continue
            if body.startswith(quote, i):
                i += len(quote)
                quote = None
                continue
            i += 1
            continue
        if c in '\'"':
            quote = body[i:i + 3] if body[i:i + 3] in ('"""', "'''") else c
            i += len(quote)
            continue
        if c in '([{':
            depth += 1
        elif c in ')]}':
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and c == '!' and body[i + 1:i + 2] != '=':
            break
        elif depth == 0 and c == ':':
            break
        i += 1
    if i >= end:
        raise FStringError("f-string: expecting '}'")
    expr = body[start:i]
    shown = ''
    stripped = expr.rstrip()
    if stripped.endswith('=') and not stripped.endswith(('==', '!=', '<=', '>=')):
        shown = expr   # {x=}: the expression's text and '=', then its repr unless a conversion or spec is given
        expr = stripped[:-1]
    if not expr.strip():
        raise FStringError("f-string: empty expression not allowed")
    conversion = ''
    if body[i] == '!':
        letter = body[i + 1:i + 2]
        if letter not in ('r', 's', 'a'):
            raise FStringError("f-string: invalid conversion character: expected 's', 'r', or 'a'")
        conversion = '!' + ('r' if letter == 'a' else letter)
        i += 2
    index = len(args)
    args.append('(' + expr.strip() + ')')   # this field's argument first, then those of fields nested in its spec
    spec = ''
    if body[i] == ':':
        j, depth = i + 1, 0
        while j < end and (body[j] != '}' or depth > 0):
            if body[j] == '{':
                depth += 1
            elif body[j] == '}':
                depth -= 1
            j += 1
        spec = ':' + _fields(body, i + 1, j, args, raw, top=False) if j > i + 1 else ':'
        i = j
    if i >= end or body[i] != '}':
        raise FStringError("f-string: expecting '}'")
    if shown and not conversion and not spec:
        conversion = '!r'
    if conversion == '!s' or not conversion and not spec:
        # Python 3's str of a float is its repr and of a bool 'True' (Jython's str.format: 12 digits, and '1')
        args[index] = '__fstr__(' + args[index] + (', True)' if conversion == '!s' else ')')
        conversion = ''
    field = '{' + str(index) + conversion + spec + '}'
    literal = shown.replace('{', '{{').replace('}', '}}')
    return literal + field, i + 1


# ------------------------------------------------------------------------------------------------ the @ operator

_TERM_OPS = frozenset(['*', '/', '//', '%', '@'])
_OPEN, _CLOSE = {'(': ')', '[': ']', '{': '}'}, {')': '(', ']': '[', '}': '{'}
_SKIP = (tokenize.NL, tokenize.COMMENT)
# the tokens after which a statement starts (and ;)
_STARTS = (tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT)
# names that cannot end an operand: an operator, or a statement's or expression's keyword (what follows starts one)
_KEYWORDS = frozenset(['and', 'or', 'not', 'in', 'is', 'if', 'else', 'elif', 'lambda', 'return', 'yield', 'while',
                       'for', 'print', 'assert', 'del', 'raise', 'import', 'from', 'as', 'with', 'exec', 'global',
                       'def', 'class', 'try', 'except', 'finally', 'pass', 'break', 'continue'])


class _Abandon(Exception):
    """A @ whose operands this reader does not follow: left as it is (Jython then reports the syntax error)."""


def _matmuls(source):
    """Rewrites each logical line holding a binary @ (_matmuls_of_line)."""
    if '@' not in source:
        return source
    return _by_line(source, lambda t: t[0] == tokenize.OP and t[1] == '@', _matmuls_of_line)


def _matmuls_of_line(source):
    """Rewrites the innermost term holding a binary @ (or an @= statement), again until none is left; one this
    reader does not follow stops it there (the script's compilation then reports that @ as Jython's syntax error)."""
    return _one_at_a_time(source, _matmul_at, backward=False)


def _matmul_at(tokens, k, source, starts):
    t = tokens[k]
    if t[0] != tokenize.OP or t[1] != '@' or _decorator(tokens, k):
        return None
    return _statement_edit(tokens, k, source, starts) if _augmented(tokens, k) \
        else _term_edit(tokens, k, source, starts)


def _one_at_a_time(source, edit_at, backward=True):
    """@return source rewritten one edit at a time, its tokens read again after each: edit_at(tokens, k, source,
    starts) gives the edit (start, end, text) at token k, or None; the tokens are scanned from the last (the innermost
    bracket first) or from the first. _Abandon, or text the tokenizer cannot read, leaves the text as it is then. The
    lines an edit joins come back (_padded), so that line numbers stay the script's."""
    while True:
        try:
            tokens = _tokens(source)
        except (tokenize.TokenError, IndentationError):
            return source
        starts = _line_starts(source)
        found = None
        try:
            for k in (range(len(tokens) - 1, -1, -1) if backward else range(len(tokens))):
                found = edit_at(tokens, k, source, starts)
                if found is not None:
                    break
        except _Abandon:
            return source
        if found is None:
            return source
        start, end, text = found
        text = _padded(text, source.count('\n', start, end) - text.count('\n'), source[end:end + 1] == ')')
        source = source[:start] + text + source[end:]


def _padded(text, lines, inside):
    """@return the text of a rewrite with the lines it joined back: as newlines inside the brackets the text closes (or
    inside the brackets that follow it, when inside), else as explicit line joins (a join followed by a blank line is
    a syntax error on Jython)"""
    if lines <= 0:
        return text
    if inside:
        return text + '\n' * lines
    if text.endswith(')'):
        return text[:-1] + '\n' * lines + ')'
    return text + ' \\\n' * lines


def _offset(starts, position):
    return starts[position[0] - 1] + position[1]


def _starts_statement(tokens, k):
    """@return whether token k starts a statement (the first token, or one after a line's end, an indent, a dedent or ;)"""
    return k == 0 or tokens[k - 1][0] in _STARTS or tokens[k - 1][1] == ';'


def _decorator(tokens, k):
    """@return whether the @ at k starts its logical line (a decorator)"""
    return _starts_statement(tokens, k)


def _augmented(tokens, k):
    return k + 1 < len(tokens) and tokens[k + 1][1] == '=' and tokens[k + 1][2] == tokens[k][3]


def _operand_end(t):
    """@return whether token t can end an operand (a name, a number, a string, a closing bracket)"""
    return t[0] == tokenize.NAME and t[1] not in _KEYWORDS or t[0] in (tokenize.NUMBER, tokenize.STRING) \
        or t[0] == tokenize.OP and t[1] in _CLOSE


def _match(tokens, i, step):
    """@return the index of the bracket matching the one at i, looking forwards (step 1) or backwards (-1)"""
    opening, closing = (_OPEN, _CLOSE) if step > 0 else (_CLOSE, _OPEN)
    depth = 0
    for j in range(i, len(tokens) if step > 0 else -1, step):
        if tokens[j][1] in opening:
            depth += 1
        elif tokens[j][1] in closing:
            depth -= 1
            if depth == 0:
                return j
    raise _Abandon()


def _match_forward(tokens, i):
    return _match(tokens, i, 1)


def _match_backward(tokens, j):
    return _match(tokens, j, -1)


def _atom_end(tokens, i):
    """@return the index after the atom at i and its trailers (calls, subscripts, attributes)"""
    if i >= len(tokens):
        raise _Abandon()
    t = tokens[i]
    if t[0] == tokenize.OP and t[1] in _OPEN:
        i = _match_forward(tokens, i) + 1
    elif t[0] == tokenize.NAME and t[1] not in _KEYWORDS or t[0] == tokenize.NUMBER:
        i += 1
    elif t[0] == tokenize.STRING:
        while i < len(tokens) and tokens[i][0] == tokenize.STRING:
            i += 1
    else:
        raise _Abandon()
    while i < len(tokens):
        if tokens[i][1] in ('(', '['):
            i = _match_forward(tokens, i) + 1
        elif tokens[i][1] == '.' and i + 1 < len(tokens) and tokens[i + 1][0] == tokenize.NAME:
            i += 2
        else:
            break
    return i


def _factor_end(tokens, i):
    """@return the index after the factor (unary operators, a power) starting at i"""
    while i < len(tokens) and tokens[i][1] in ('-', '+', '~'):
        i += 1
    i = _atom_end(tokens, i)
    if i < len(tokens) and tokens[i][1] == '**':
        i = _factor_end(tokens, i + 1)
    return i


def _atom_start(tokens, j):
    """@return the index of the first token of the atom with trailers that ends at j"""
    while True:
        if j < 0:
            raise _Abandon()
        t = tokens[j]
        if t[0] == tokenize.OP and t[1] in _CLOSE:
            i = _match_backward(tokens, j)
            if t[1] in (')', ']') and i > 0 and _operand_end(tokens[i - 1]):
                j = i - 1   # a call or a subscript of what comes before
                continue
            return i
        if t[0] == tokenize.NAME and t[1] not in _KEYWORDS:
            if j >= 2 and tokens[j - 1][1] == '.' and _operand_end(tokens[j - 2]):
                j -= 2   # an attribute of what comes before
                continue
            return j
        if t[0] == tokenize.NUMBER:
            return j
        if t[0] == tokenize.STRING:
            while j > 0 and tokens[j - 1][0] == tokenize.STRING:
                j -= 1
            return j
        raise _Abandon()


def _factor_start(tokens, j):
    """@return the index of the first token of the factor that ends at j (its unary operators and power included)"""
    i = _atom_start(tokens, j)
    while True:
        while i > 0 and tokens[i - 1][1] in ('-', '+', '~') and (i == 1 or not _operand_end(tokens[i - 2])):
            i -= 1
        if i > 1 and tokens[i - 1][1] == '**':
            i = _atom_start(tokens, i - 2)
            continue
        return i


def _inner_matmul(tokens, first, last):
    """@return whether tokens first .. last hold a binary @ (one inside brackets: rewritten first)"""
    return any(tokens[i][1] == '@' for i in range(first, last + 1))


def _term_edit(tokens, k, source, starts):
    """The term holding the @ at k: its factors and operators, rewritten left to right, when no @ is nested in its
    factors; @return (start offset, end offset, text), or None to rewrite an inner one first"""
    factors, ops = [], []
    # backwards from the @: factors joined by *, /, //, %, @
    end = k - 1
    while True:
        start = _factor_start(tokens, end)
        factors.insert(0, (start, end))
        if start > 0 and tokens[start - 1][1] in _TERM_OPS and (start < 2 or _operand_end(tokens[start - 2])):
            ops.insert(0, tokens[start - 1][1])
            end = start - 2
        else:
            break
    # forwards from the @
    i = k
    while i < len(tokens) and tokens[i][1] in _TERM_OPS and not (tokens[i][1] == '@' and _augmented(tokens, i)):
        ops.append(tokens[i][1])
        e = _factor_end(tokens, i + 1)
        factors.append((i + 1, e - 1))
        i = e
    for first, last in factors:
        if _inner_matmul(tokens, first, last):
            return None
    text = lambda f: source[_offset(starts, tokens[f[0]][2]):_offset(starts, tokens[f[1]][3])]
    expression = text(factors[0])
    for op, factor in zip(ops, factors[1:]):
        expression = ('__mm__(%s, %s)' % (expression, text(factor)) if op == '@'
                      else '(%s %s %s)' % (expression, op, text(factor)))
    return _offset(starts, tokens[factors[0][0]][2]), _offset(starts, tokens[factors[-1][1]][3]), expression


def _statement_edit(tokens, k, source, starts):
    """target @= value (the whole logical line): target = __mm__(target, (value))"""
    first = k
    while first > 0 and tokens[first - 1][0] not in _STARTS \
            and tokens[first - 1][1] != ';':
        first -= 1
    last = k + 2
    while last < len(tokens) and tokens[last][0] not in (tokenize.NEWLINE, tokenize.ENDMARKER) and tokens[last][1] != ';':
        last += 1
    if first == k or last == k + 2 or _inner_matmul(tokens, k + 2, last - 1) or _inner_matmul(tokens, first, k - 1):
        if first == k or last == k + 2:
            raise _Abandon()
        return None
    target = source[_offset(starts, tokens[first][2]):_offset(starts, tokens[k - 1][3])]
    value = source[_offset(starts, tokens[k + 2][2]):_offset(starts, tokens[last - 1][3])]
    return (_offset(starts, tokens[first][2]), _offset(starts, tokens[last - 1][3]),
            '%s = __mm__(%s, (%s))' % (target, target, value))


# ------------------------------------------------------------------------------------------------ annotations

_COMPOUND = frozenset(['if', 'elif', 'else', 'while', 'for', 'try', 'except', 'finally', 'with', 'def', 'class',
                       'lambda', 'return', 'print', 'yield', 'assert', 'del', 'raise', 'import', 'from', 'global',
                       'exec', 'pass', 'break', 'continue'])


def _blank(text):
    """What replaces removed text: its line breaks, so that line numbers stay (inside brackets they join lines)."""
    return '\n' * text.count('\n')


@_tokenized(lambda source: ':' in source)
def _annotations(source, tokens, starts):
    edits = []
    line_start = True
    for k, t in enumerate(tokens):
        first = line_start
        line_start = t[0] in _STARTS or t[1] == ';'
        if not first or t[0] != tokenize.NAME:
            continue
        try:
            if t[1] == 'def':
                edits.extend(_def_edits(tokens, k, source, starts))
            elif t[1] not in _COMPOUND and t[1] not in _KEYWORDS:
                edits.extend(_variable_edits(tokens, k, source, starts))
        except _Abandon:
            continue
    return _apply(source, edits)


def _def_edits(tokens, k, source, starts):
    """def name(p: A = d, *args: B) -> R:  ->  def name(p = d, *args): (keyword-only ones: _keyword_only's)"""
    if k + 2 >= len(tokens) or tokens[k + 2][1] != '(':
        raise _Abandon()
    close = _match_forward(tokens, k + 2)
    edits = []
    i = k + 3
    while i < close:
        j = i
        if tokens[j][1] in ('*', '**'):
            if tokens[j][1] == '*' and tokens[j + 1][1] in (',', ')'):
                i = j + 2   # a bare * (keyword-only parameters follow): _keyword_only's
                continue
            j += 1
        if tokens[j][0] != tokenize.NAME:
            raise _Abandon()
        j += 1
        if tokens[j][1] == ':':
            # the annotation: up to the default's = or the next parameter's comma at this depth
            e = j + 1
            while e < close and tokens[e][1] not in (',', '='):
                e = _match_forward(tokens, e) + 1 if tokens[e][1] in _OPEN else e + 1
            removed = source[_offset(starts, tokens[j - 1][3]):_offset(starts, tokens[e - 1][3])]
            edits.append((_offset(starts, tokens[j - 1][3]), _offset(starts, tokens[e - 1][3]), _blank(removed)))
            j = e
        # the default, if any, to the comma (a lambda's parameters hold commas of their own)
        while j < close and tokens[j][1] != ',':
            j = _lambda_colon(tokens, j, close) + 1 if _is_lambda(tokens[j]) \
                else _match_forward(tokens, j) + 1 if tokens[j][1] in _OPEN else j + 1
        i = j + 1
    # the return annotation: -> (two tokens in Python 2.7) up to the header's colon
    j = close + 1
    if j + 1 < len(tokens) and tokens[j][1] == '-' and tokens[j + 1][1] == '>' and tokens[j + 1][2] == tokens[j][3]:
        e = j + 2
        while e < len(tokens) and tokens[e][1] != ':':
            e = _match_forward(tokens, e) + 1 if tokens[e][1] in _OPEN else e + 1
        if e >= len(tokens):
            raise _Abandon()
        removed = source[_offset(starts, tokens[close][3]):_offset(starts, tokens[e][2])]
        edits.append((_offset(starts, tokens[close][3]), _offset(starts, tokens[e][2]),
                      ' \\\n' * removed.count('\n')))
    return edits


def _variable_edits(tokens, k, source, starts):
    """target: A = v  ->  target = v;  target: A  ->  pass (a statement of its own)"""
    j = k + 1
    while j < len(tokens):
        if tokens[j][1] == '.' and tokens[j + 1][0] == tokenize.NAME:
            j += 2
        elif tokens[j][1] == '[':
            j = _match_forward(tokens, j) + 1
        else:
            break
    if j >= len(tokens) or tokens[j][1] != ':':
        return []
    e = j + 1
    while e < len(tokens) and tokens[e][1] != '=' and tokens[e][0] not in (tokenize.NEWLINE, tokenize.ENDMARKER) \
            and tokens[e][1] != ';':
        e = _match_forward(tokens, e) + 1 if tokens[e][1] in _OPEN else e + 1
    if e >= len(tokens):
        raise _Abandon()
    if tokens[e][1] == '=':
        removed = source[_offset(starts, tokens[j - 1][3]):_offset(starts, tokens[e][2])]
        return [(_offset(starts, tokens[j - 1][3]), _offset(starts, tokens[e][2]), ' ' + ' \\\n' * removed.count('\n'))]
    removed = source[_offset(starts, tokens[k][2]):_offset(starts, tokens[e - 1][3])]
    return [(_offset(starts, tokens[k][2]), _offset(starts, tokens[e - 1][3]), 'pass' + ' \\\n' * removed.count('\n'))]


# ------------------------------------------------------------------------------------------------ numbers, raise from

_NUMBER = re.compile(r'^(0[xX](_?[0-9a-fA-F])+|0[oO](_?[0-7])+|0[bB](_?[01])+'
                     r'|(\d(_?\d)*)?(\.(\d(_?\d)*)?)?([eE][+-]?\d(_?\d)*)?[jJ]?)[lL]?$')


@_tokenized(lambda source: '_' in source or 'raise' in source)
def _small(source, tokens, starts):
    """10_000 -> 10000 (Python 2.7 reads the number 10 and the name _000); raise X from Y -> raise X"""
    edits = []
    line_start = True
    k = 0
    while k < len(tokens):
        t = tokens[k]
        first = line_start
        line_start = t[0] in _STARTS or t[1] == ';'
        if t[0] == tokenize.NUMBER and k + 1 < len(tokens) and tokens[k + 1][0] == tokenize.NAME \
                and tokens[k + 1][2] == t[3]:
            j = k + 1
            while j + 1 < len(tokens) and tokens[j + 1][2] == tokens[j][3] and (
                    tokens[j + 1][0] in (tokenize.NUMBER, tokenize.NAME)
                    or tokens[j + 1][1] in ('+', '-') and tokens[j][1][-1:] in 'eE'):
                j += 1
            text = source[_offset(starts, t[2]):_offset(starts, tokens[j][3])]
            if '_' in text and _NUMBER.match(text) and '__' not in text:
                edits.append((_offset(starts, t[2]), _offset(starts, tokens[j][3]), text.replace('_', '')))
                k = j + 1
                continue
        if first and t[1] == 'raise':
            j = k + 1
            while j < len(tokens) and tokens[j][0] not in (tokenize.NEWLINE, tokenize.ENDMARKER) and tokens[j][1] != ';':
                if tokens[j][1] in _OPEN:
                    j = _match_forward(tokens, j) + 1
                    continue
                if tokens[j][1] == 'from' and tokens[j][0] == tokenize.NAME:
                    e = j
                    while e < len(tokens) and tokens[e][0] not in (tokenize.NEWLINE, tokenize.ENDMARKER) \
                            and tokens[e][1] != ';':
                        e = _match_forward(tokens, e) + 1 if tokens[e][1] in _OPEN else e + 1
                    removed = source[_offset(starts, tokens[j - 1][3]):_offset(starts, tokens[e - 1][3])]
                    edits.append((_offset(starts, tokens[j - 1][3]), _offset(starts, tokens[e - 1][3]),
                                  ' \\\n' * removed.count('\n')))
                    break
                j += 1
        k += 1
    return _apply(source, edits)


# ------------------------------------------------------------------------------------------------ Python 3's grammar

_FUTURE_3 = frozenset(['annotations', 'generator_stop', 'barry_as_FLUFL'])


@_tokenized()
def _grammar(source, tokens, starts):
    """What else Python 3's grammar allows that 2.7's does not:
    - from __future__ import annotations (3.7; annotations are left out anyway): the name left out, the statement
      blanked when it names nothing else;
    - ... outside a subscript (def f(): ..., x is ...) reads Ellipsis;
    - a trailing comma after *args or **kwargs (and what follows them) in a def's parameters or a call's arguments is
      left out;
    - keyword arguments after **kwargs in a call (f(**kw, out=None)) move before it;
    - the statement yield from it reads for __yf__ in it: yield __yf__ (the items only: no send, throw or result);
    - class X(Base, metaclass=M) reads class X(__with_metaclass__(M, Base))."""
    at = lambda t: _offset(starts, t[2])
    end = lambda t: _offset(starts, t[3])
    edits = []
    brackets = []
    n = len(tokens)
    k = 0
    while k < n:
        t = tokens[k]
        if t[1] == 'from' and k + 2 < n and tokens[k + 1][1] == '__future__' and tokens[k + 2][1] == 'import':
            j = k + 3
            names = []
            while j < n and tokens[j][0] not in (tokenize.NEWLINE, tokenize.ENDMARKER) and tokens[j][1] != ';':
                if tokens[j][0] == tokenize.NAME:
                    names.append(tokens[j][1])
                j += 1
            kept = [name for name in names if name not in _FUTURE_3]
            if len(kept) != len(names):
                text = source[at(t):end(tokens[j - 1])]
                edits.append((at(t), end(tokens[j - 1]), 'from __future__ import ' + ', '.join(kept) if kept
                              else _blank(text)))
            k = j
            continue
        if t[1] == 'yield' and k + 1 < n and tokens[k + 1][1] == 'from' and k > 0 \
                and tokens[k - 1][0] in (tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.OP) \
                and (tokens[k - 1][0] != tokenize.OP or tokens[k - 1][1] in (':', ';')):
            # the statement yield from it: each item of it yielded in turn (its send/throw and result not kept)
            j = k + 2
            while j < n and tokens[j][0] not in (tokenize.NEWLINE, tokenize.ENDMARKER) and tokens[j][1] != ';':
                j = _match_forward(tokens, j) + 1 if tokens[j][1] in _OPEN else j + 1
            edits.append((at(t), end(tokens[k + 1]), 'for __yf__ in'))
            edits.append((end(tokens[j - 1]), end(tokens[j - 1]), ': yield __yf__'))
        elif t[1] == 'class' and t[0] == tokenize.NAME and k + 2 < n and tokens[k + 1][0] == tokenize.NAME \
                and tokens[k + 2][1] == '(':
            edits.extend(_metaclass_edits(tokens, k + 2, source, starts))
        if t[0] == tokenize.OP and t[1] in _OPEN:
            brackets.append(k)
        elif t[0] == tokenize.OP and t[1] in _CLOSE and brackets:
            open_index = brackets.pop()
            if t[1] == ')':
                edits.extend(_argument_edits(tokens, open_index, k, source, starts))
        elif t[1] == '.' and k + 2 < n and tokens[k + 1][1] == '.' and tokens[k + 2][1] == '.' \
                and tokens[k + 1][2] == t[3] and tokens[k + 2][2] == tokens[k + 1][3]:
            inner = brackets[-1] if brackets else None
            subscript = inner is not None and tokens[inner][1] == '[' and inner > 0 and _operand_end(tokens[inner - 1])
            if not subscript:
                edits.append((at(t), end(tokens[k + 2]), 'Ellipsis'))
            k += 3
            continue
        k += 1
    return _apply(source, edits)


def _metaclass_edits(tokens, open_index, source, starts):
    """class X(Base, metaclass=M): -> class X(__with_metaclass__(M, Base)): (_pymain.python3_with_metaclass, six's
    with_metaclass: X is made by M with the bases given)"""
    close = _match_forward(tokens, open_index)
    items = _items(tokens, open_index, close)
    text = lambda item: source[_offset(starts, tokens[item[0]][2]):_offset(starts, tokens[item[1]][3])]
    meta = [item for item in items if item[1] > item[0] + 1 and tokens[item[0]][1] == 'metaclass'
            and tokens[item[0] + 1][1] == '=']
    if not meta:
        return []
    bases = [text(item) for item in items if item not in meta]
    metaclass = source[_offset(starts, tokens[meta[0][0] + 2][2]):_offset(starts, tokens[meta[0][1]][3])]
    start, stop = _offset(starts, tokens[open_index][3]), _offset(starts, tokens[close][2])
    joined = '__with_metaclass__(%s)' % ', '.join([metaclass] + bases)
    return [(start, stop, joined + '\n' * (source.count('\n', start, stop) - joined.count('\n')))]


def _argument_edits(tokens, open_index, close, source, starts):
    """The edits of a def's parameters or a call's arguments in the parentheses open_index .. close: the trailing comma
    after a starred one, and keywords after **kwargs moved before it"""
    if close == open_index + 1:
        return []
    items = _items(tokens, open_index, close)
    if not items:
        return []
    edits = []
    if tokens[close - 1][1] == ',' and any(tokens[item[0]][1] in ('*', '**') for item in items):
        edits.append((_offset(starts, tokens[close - 1][2]), _offset(starts, tokens[close - 1][3]), ''))
    keyword = lambda item: item[1] > item[0] and tokens[item[0]][0] == tokenize.NAME and tokens[item[0] + 1][1] == '='
    double = [i for i, item in enumerate(items) if tokens[item[0]][1] == '**']
    if double and any(keyword(item) for item in items[double[0] + 1:]) \
            and all(keyword(item) or tokens[item[0]][1] == '**' for item in items[double[0]:]):
        text = lambda item: source[_offset(starts, tokens[item[0]][2]):_offset(starts, tokens[item[1]][3])]
        tail = items[double[0]:]
        ordered = [text(item) for item in tail if keyword(item)] + [text(item) for item in tail if not keyword(item)]
        start, stop = _offset(starts, tokens[tail[0][0]][2]), _offset(starts, tokens[tail[-1][1]][3])
        joined = ', '.join(ordered)
        edits.append((start, stop, joined + '\n' * (source.count('\n', start, stop) - joined.count('\n'))))
    return edits


# ------------------------------------------------------------------------------------------------ starred items

def _items(tokens, open_index, close):
    """@return the comma-separated items inside the brackets at open_index .. close: [(first, last)] token indices"""
    items, i = [], open_index + 1
    while i < close:
        j = i
        while j < close and tokens[j][1] != ',':
            j = _lambda_colon(tokens, j, close) + 1 if _is_lambda(tokens[j]) \
                else _match_forward(tokens, j) + 1 if tokens[j][1] in _OPEN else j + 1
        if j > i:
            items.append((i, j - 1))
        i = j + 1
    return items


def _is_lambda(t):
    return t[0] == tokenize.NAME and t[1] == 'lambda'


def _lambda_colon(tokens, j, end):
    """@return the index of the colon that ends the parameters of the lambda at j (their commas and defaults are the
    lambda's, not the enclosing list's), or end"""
    e = j + 1
    while e < end and tokens[e][1] != ':':
        e = _match_forward(tokens, e) + 1 if tokens[e][1] in _OPEN else e + 1
    return e


def _star_edit(tokens, open_index, source, starts):
    """The rewrite of the call or display opened at open_index when Python 2.7 cannot read its starred items, or None"""
    close = _match_forward(tokens, open_index)
    items = _items(tokens, open_index, close)
    kinds = []
    for first, last in items:
        t = tokens[first][1]
        if t == '**':
            kinds.append('**')
        elif t == '*':
            kinds.append('*')
        elif first + 1 <= last and tokens[first][0] == tokenize.NAME and tokens[first + 1][1] == '=':
            kinds.append('=')
        elif _top_name(tokens, first, last + 1, ('for',)) is not None:
            return None   # a generator or comprehension: nothing to do
        else:
            kinds.append('')
    if '*' not in kinds:
        return None
    text = lambda a, b: source[_offset(starts, tokens[a][2]):_offset(starts, tokens[b][3])]
    call = open_index > 0 and tokens[open_index][1] == '(' and _operand_end(tokens[open_index - 1])
    if call:
        positional = [k for k, kind in enumerate(kinds) if kind in ('', '*')]
        starred = [k for k in positional if kinds[k] == '*']
        if len(starred) == 1 and starred[0] == positional[-1]:
            return None   # f(a, *b): Python 2.7 reads it
        parts = ['list(%s)' % text(items[k][0] + 1, items[k][1]) if kinds[k] == '*' else '[%s]' % text(*items[k])
                 for k in positional]
        rest = [text(*items[k]) for k, kind in enumerate(kinds) if kind in ('=', '**')]
        joined = ', '.join(['*(' + ' + '.join(parts) + ')'] + rest)
        return _offset(starts, tokens[open_index][3]), _offset(starts, tokens[close][2]), joined
    if tokens[open_index][1] not in ('[', '(') or '=' in kinds or '**' in kinds:
        return None
    parts = ['list(%s)' % text(items[k][0] + 1, items[k][1]) if kind == '*' else '[%s]' % text(*items[k])
             for k, kind in enumerate(kinds)]
    joined = '(' + ' + '.join(parts) + ')'
    if tokens[open_index][1] == '(':
        joined = 'tuple' + joined
    return _offset(starts, tokens[open_index][2]), _offset(starts, tokens[close][3]), joined


def _stars(source):
    """Rewrites each logical line holding a * (_stars_of_line)."""
    if '*' not in source:
        return source
    return _by_line(source, lambda t: t[0] == tokenize.OP and t[1] == '*', _stars_of_line)


def _stars_of_line(source):
    return _one_at_a_time(source, _star_at)


def _star_at(tokens, k, source, starts):
    """the innermost first: the last opening bracket whose items need it"""
    if tokens[k][1] not in ('(', '[') or tokens[k][0] != tokenize.OP:
        return None
    if tokens[k][1] == '(' and k > 0 and tokens[k - 1][1] == 'def' or k > 1 and tokens[k - 2][1] == 'def':
        return None   # a def's parameters (*args there is Python 2.7's too)
    return _star_edit(tokens, k, source, starts)


# ------------------------------------------------------------------------------------------------ extended unpacking

def _unpacking(source):
    """a, *b, c = value  ->  a, b, c = __unpack__(value, 1, 1) (a statement whose target holds one starred name)"""
    if '*' not in source:
        return source
    tokens = _tokens(source)
    starts = _line_starts(source)
    edits = []
    line_start = True
    for k, t in enumerate(tokens):
        first = line_start
        line_start = t[0] in _STARTS or t[1] == ';'
        if not first or t[0] == tokenize.NAME and t[1] in _KEYWORDS:
            continue
        # the target: up to the first = at depth 0 of this statement
        j, star, items = k, None, 0
        while j < len(tokens) and tokens[j][1] not in ('=', ';') and tokens[j][0] not in (tokenize.NEWLINE,
                                                                                           tokenize.ENDMARKER):
            if tokens[j][1] in _OPEN:
                break
            if tokens[j][1] == '*' and (j == k or tokens[j - 1][1] == ',') and tokens[j + 1][0] == tokenize.NAME:
                if star is not None:
                    star = -1
                    break
                star = items
            elif tokens[j][1] == ',':
                items += 1
            elif tokens[j][0] != tokenize.NAME and tokens[j][1] != '*':
                star = -1
                break
            j += 1
        if star is None or star < 0 or j >= len(tokens) or tokens[j][1] != '=' or tokens[j + 1][1] == '=':
            continue
        if tokens[j - 1][1] == ',':
            items -= 1   # a trailing comma
        total = items + 1
        e = j + 1
        while e < len(tokens) and tokens[e][0] not in (tokenize.NEWLINE, tokenize.ENDMARKER) and tokens[e][1] != ';':
            e = _match_forward(tokens, e) + 1 if tokens[e][1] in _OPEN else e + 1
        target = source[_offset(starts, tokens[k][2]):_offset(starts, tokens[j - 1][3])]
        value = source[_offset(starts, tokens[j + 1][2]):_offset(starts, tokens[e - 1][3])]
        new_target = target.replace('*', '', 1)
        if total == 1:
            new_target = new_target.rstrip().rstrip(',') + ','
        text = '%s = __unpack__(%s, %d, %d)' % (new_target, value, star, total - 1 - star)
        text += ' \\\n' * ((target + value).count('\n') - text.count('\n'))
        edits.append((_offset(starts, tokens[k][2]), _offset(starts, tokens[e - 1][3]), text))
    return _apply(source, edits)


# ------------------------------------------------------------------------------------------------ keyword-only

_BLOCK_STARTS = frozenset(['if', 'for', 'while', 'try', 'with', 'def', 'class'])


def _keyword_only(source):
    """def f(a, *args, k=1, m): body  ->  def f(a, *args, **__kw): k = __kwonly__(__kw, 'k', 1, 'f'); ...; body"""
    if '*' not in source or 'def' not in source:
        return source
    tokens = _tokens(source)
    starts = _line_starts(source)
    edits = []
    for k, t in enumerate(tokens):
        if t[0] != tokenize.NAME or t[1] != 'def' or k + 2 >= len(tokens) or tokens[k + 2][1] != '(':
            continue
        try:
            edits.extend(_keyword_only_edits(tokens, k, source, starts))
        except _Abandon:
            continue
    return _apply(source, edits)


def _keyword_only_edits(tokens, k, source, starts):
    name = tokens[k + 1][1]
    close = _match_forward(tokens, k + 2)
    items = _items(tokens, k + 2, close)
    star = None
    for n, (first, last) in enumerate(items):
        if tokens[first][1] == '*':
            star = n
            break
    if star is None or star == len(items) - 1:
        return []
    kwonly, kwargs = [], None
    for first, last in items[star + 1:]:
        if tokens[first][1] == '**':
            kwargs = tokens[first + 1][1]
        elif tokens[first][0] == tokenize.NAME:
            default = source[_offset(starts, tokens[first + 2][2]):_offset(starts, tokens[last][3])] \
                if first + 1 <= last and tokens[first + 1][1] == '=' else None
            kwonly.append((tokens[first][1], default))
        else:
            raise _Abandon()
    if not kwonly:
        return []
    text = lambda f, l: source[_offset(starts, tokens[f][2]):_offset(starts, tokens[l][3])]
    bare = items[star][0] == items[star][1]
    keep = [text(*item) for item in items[:star]] + ([] if bare else [text(*items[star])])
    holder = kwargs or '__kw'
    keep.append('**' + holder)
    bindings = ['%s = __kwonly__(%s, %r%s, %r)' % (n, holder, n, '' if d is None else ', ' + d, name) if d is not None
                else '%s = __kwonly__(%s, %r, function=%r)' % (n, holder, n, name) for n, d in kwonly]
    if kwargs is None:
        bindings.append('__kwonly_done__(%s, %r)' % (holder, name))
    prologue = '; '.join(bindings)
    removed = source[_offset(starts, tokens[k + 2][3]):_offset(starts, tokens[close][2])]
    params = ', '.join(keep)
    edits = [(_offset(starts, tokens[k + 2][3]), _offset(starts, tokens[close][2]),
              params + '\n' * (removed.count('\n') - params.count('\n')))]
    # the header's colon, then where the body's first statement starts
    colon = close + 1
    while colon < len(tokens) and tokens[colon][1] != ':':
        colon = _match_forward(tokens, colon) + 1 if tokens[colon][1] in _OPEN else colon + 1
    b = colon + 1
    if b < len(tokens) and tokens[b][0] != tokenize.NEWLINE:
        # a body on the header's line
        edits.append((_offset(starts, tokens[b][2]), _offset(starts, tokens[b][2]), prologue + '; '))
        return edits
    while b < len(tokens) and tokens[b][0] in (tokenize.NEWLINE, tokenize.INDENT):
        b += 1
    if b >= len(tokens):
        raise _Abandon()
    first = tokens[b]
    if first[0] == tokenize.STRING and b + 1 < len(tokens) and tokens[b + 1][0] == tokenize.NEWLINE:
        # a docstring stays the first statement: the bindings follow it on its last line
        edits.append((_offset(starts, first[3]), _offset(starts, first[3]), '; ' + prologue))
    elif first[0] == tokenize.NAME and first[1] in _BLOCK_STARTS or first[1] == '@':
        # a block first: the bindings on a line of their own before it (the lines below move down by one)
        column = first[2][1]
        edits.append((_offset(starts, (first[2][0], 0)), _offset(starts, (first[2][0], 0)),
                      ' ' * column + prologue + '\n'))
    else:
        edits.append((_offset(starts, first[2]), _offset(starts, first[2]), prologue + '; '))
    return edits


# ------------------------------------------------------------------------------------------------ dict order

def _dicts(source):
    """Dict displays, dict comprehensions and dict(...) calls as __dict3__ calls (_pymain.python3_dict: a dict that
    keeps its keys in insertion order, as Python 3.7's do; Jython's dicts have none): {k: v, **m} reads
    __dict3__([(k, v)], m), {k: v for x in xs} reads __dict3__((k, v) for x in xs) and dict(pairs, a=1, **m) reads
    __dict3__(pairs, [('a', 1)], m). A script that binds the name dict itself keeps its dict(...) calls."""
    calls = not _BINDS_DICT.search(source)
    return _by_line(source, lambda t: t[0] == tokenize.OP and t[1] == '{'
                    or calls and t[0] == tokenize.NAME and t[1] == 'dict', lambda text: _dicts_of_line(text, calls))


_BINDS_DICT = re.compile(r'^[ \t]*(?:dict[ \t]*(?:,[^\n=]*)?=(?!=)|(?:def|class)[ \t]+dict\b|global[ \t][^\n]*\bdict\b)'
                         r'|\b(?:as|import)[ \t]+dict\b|\bfor[ \t]+dict\b', re.M)


def _dicts_of_line(source, calls):
    return _one_at_a_time(source, lambda tokens, k, text, starts: _dict_at(tokens, k, text, starts, calls))


def _dict_at(tokens, k, source, starts, calls):
    """the innermost first"""
    t = tokens[k]
    if t[0] == tokenize.OP and t[1] == '{':
        return _dict_display_edit(tokens, k, source, starts)
    if calls and t[0] == tokenize.NAME and t[1] == 'dict' and k + 1 < len(tokens) and tokens[k + 1][1] == '(' \
            and not (k > 0 and tokens[k - 1][1] in ('.', 'def', 'class')):
        return _dict_call_edit(tokens, k, source, starts)
    return None


def _top_op(tokens, first, end, op):
    """@return the index of the first operator op among tokens first .. end - 1 outside nested brackets, or None"""
    return _top(tokens, first, end, tokenize.OP, (op,))


def _dict_display_edit(tokens, k, source, starts):
    """The rewrite of the display opened at k when it is a dict (or a dict comprehension), or None (a set)"""
    close = _match_forward(tokens, k)
    text = lambda a, b: source[_offset(starts, tokens[a][2]):_offset(starts, tokens[b][3])]
    span = _offset(starts, tokens[k][2]), _offset(starts, tokens[close][3])
    if close == k + 1:
        return span + ('__dict3__()',)
    if tokens[k + 1][1] == 'lambda':
        return None
    colon = _top_op(tokens, k + 1, close, ':')
    if colon is None and tokens[k + 1][1] != '**':
        return None   # a set display or comprehension
    f = _top_name(tokens, k + 1, close, ('for',))
    if f is not None:   # a comprehension (its for's target may hold commas)
        if colon is None or not k + 1 < colon < f - 1:
            raise _Abandon()
        return span + ('__dict3__((%s, %s) %s)' % (text(k + 1, colon - 1), text(colon + 1, f - 1), text(f, close - 1)),)
    items = _items(tokens, k, close)
    parts, pairs = [], []
    for a, b in items:
        if tokens[a][1] == '**':
            if pairs:
                parts.append('[%s]' % ', '.join(pairs))
                pairs = []
            parts.append(text(a + 1, b))
            continue
        c = _top_op(tokens, a, b + 1, ':')
        if c is None or c == a or c == b:
            raise _Abandon()
        pairs.append('(%s, %s)' % (text(a, c - 1), text(c + 1, b)))
    if pairs:
        parts.append('[%s]' % ', '.join(pairs))
    return span + ('__dict3__(%s)' % ', '.join(parts),)


def _dict_call_edit(tokens, k, source, starts):
    """The rewrite of the call dict(...) at k, or None (dict(*args) stays a call of the builtin)"""
    close = _match_forward(tokens, k + 1)
    text = lambda a, b: source[_offset(starts, tokens[a][2]):_offset(starts, tokens[b][3])]
    parts, pairs = [], []
    for a, b in _items(tokens, k + 1, close):
        if tokens[a][1] == '*':
            return None
        if b > a and tokens[a][0] == tokenize.NAME and tokens[a + 1][1] == '=':
            pairs.append("('%s', %s)" % (tokens[a][1], text(a + 2, b)))
            continue
        if pairs:
            parts.append('[%s]' % ', '.join(pairs))
            pairs = []
        parts.append(text(a + 1, b) if tokens[a][1] == '**' else text(a, b))
    if pairs:
        parts.append('[%s]' % ', '.join(pairs))
    return _offset(starts, tokens[k][2]), _offset(starts, tokens[close][3]), '__dict3__(%s)' % ', '.join(parts)


# ------------------------------------------------------------------------------------------------ floats as text

@_tokenized()
def _float_text(source, tokens, starts):
    """str(x), 'text'.format(...) and 'text' % args (a string literal's) as __str3__(x), __fmt3__('text', ...) and
    __pct3__('text', args) (_pymain.python3_str_call, python3_format, python3_percent): Python 3 writes a float there as
    its repr (0.30000000000000004) where Jython 2.7 gives 12 digits (0.3), and a bool in a format field as True where
    Jython gives 1. A script that binds the name str itself keeps its str(...) calls."""
    calls = not _BINDS_STR.search(source)
    edits = []
    n = len(tokens)
    k = 0
    while k < n:
        t = tokens[k]
        if calls and t[0] == tokenize.NAME and t[1] == 'str' and k + 1 < n and tokens[k + 1][1] == '(' \
                and not (k > 0 and tokens[k - 1][1] in ('.', 'def', 'class')):
            edits.append((_offset(starts, t[2]), _offset(starts, t[3]), '__str3__'))
        elif t[0] == tokenize.STRING:
            e = k
            while e + 1 < n and tokens[e + 1][0] == tokenize.STRING:
                e += 1
            start = _offset(starts, t[2])
            if e + 3 < n and tokens[e + 1][1] == '.' and tokens[e + 2][1] == 'format' and tokens[e + 3][1] == '(':
                edits.append((start, start, '__fmt3__('))
                edits.append((_offset(starts, tokens[e][3]), _offset(starts, tokens[e + 3][3]),
                              '' if e + 4 < n and tokens[e + 4][1] == ')' else ', '))
            elif e + 1 < n and tokens[e + 1][0] == tokenize.OP and tokens[e + 1][1] == '%' \
                    and not (k > 0 and tokens[k - 1][0] == tokenize.OP and tokens[k - 1][1] in _TERM_OPS):
                try:
                    f = _factor_end(tokens, e + 2)
                except _Abandon:
                    f = None
                if f is not None:
                    edits.append((start, start, '__pct3__('))
                    edits.append((_offset(starts, tokens[e + 1][2]), _offset(starts, tokens[e + 1][3]), ','))
                    end = _offset(starts, tokens[f - 1][3])
                    edits.append((end, end, ')'))
            k = e + 1
            continue
        k += 1
    # two edits at one place would need an order: such a script is left as it is
    places = sorted((a, b) for a, b, _ in edits)
    if any(b1 > a2 or a1 == a2 for (a1, b1), (a2, b2) in zip(places, places[1:])):
        return source
    return _apply(source, edits)


_BINDS_STR = re.compile(r'^[ \t]*(?:str[ \t]*(?:,[^\n=]*)?=(?!=)|(?:def|class)[ \t]+str\b|global[ \t][^\n]*\bstr\b)'
                        r'|\b(?:as|import)[ \t]+str\b|\bfor[ \t]+str\b', re.M)


# ------------------------------------------------------------------------------------------------ classes

@_tokenized()
def _object_bases(source, tokens, starts):
    """class X(object): -> class X: (a class without bases, which the script's __metaclass__, _pymain.Python3Class, makes
    new-style with Python 3's protocol methods; a class body's own __metaclass__ still applies)"""
    edits = []
    for k in range(len(tokens) - 5):
        if tokens[k][1] == 'class' and tokens[k][0] == tokenize.NAME and tokens[k + 1][0] == tokenize.NAME \
                and [t[1] for t in tokens[k + 2:k + 6]] == ['(', 'object', ')', ':']:
            edits.append((_offset(starts, tokens[k + 1][3]), _offset(starts, tokens[k + 4][3]), ''))
    return _apply(source, edits)


# ------------------------------------------------------------------------------------------------ nonlocal

_AUGMENTED = frozenset(['+=', '-=', '*=', '/=', '//=', '%=', '**=', '>>=', '<<=', '&=', '^=', '|='])


@_tokenized()
def _nonlocal(source, tokens, starts):
    """nonlocal x in a function: the statement reads (lambda: (x)) (so that x is the function's free variable, read
    from the enclosing function's cell) and each assignment x = v or x += v in the function's own body (not in the
    functions it defines) reads __nonlocal__('x', v) or __nonlocal__('x', __iop__('+=', x, (v)))
    (neuralglm.jython.Nonlocal.set: the enclosing function's cell set, as Python 3 rebinds the variable). A function
    that binds the name otherwise (for x in, as x, x, y = ...) is left as it is (Jython then reports the nonlocal)."""
    scopes = _scopes(tokens)
    edits = []
    for k, t in enumerate(tokens):
        if t[0] == tokenize.NAME and t[1] == 'nonlocal' and _starts_statement(tokens, k):
            try:
                edits.extend(_nonlocal_edits(tokens, k, scopes, source, starts))
            except _Abandon:
                continue
    return _apply(source, edits)


def _scopes(tokens):
    """@return for each token the index of the def whose own body holds it (not a nested def's or class's), or -1"""
    owner, stack, depth, pending = [], [], 0, None
    for k, t in enumerate(tokens):
        if t[0] == tokenize.INDENT:
            depth += 1
            if pending is not None:
                stack.append((pending[0], depth))
                pending = None
        elif t[0] == tokenize.DEDENT:
            depth -= 1
            while stack and stack[-1][1] > depth:
                stack.pop()
        elif t[0] == tokenize.NAME and t[1] in ('def', 'class') and _starts_statement(tokens, k):
            pending = (k if t[1] == 'def' else -1,)
        elif t[0] == tokenize.NEWLINE and pending is not None and not (
                k + 1 < len(tokens) and tokens[k + 1][0] == tokenize.INDENT):
            pending = None   # a def on one line (def f(): return 1) opens no block
        owner.append(stack[-1][0] if stack else -1)
    return owner


def _statement_end(tokens, j):
    """@return the index of the NEWLINE (or ;) that ends the statement holding token j"""
    while j < len(tokens) and tokens[j][0] not in (tokenize.NEWLINE, tokenize.ENDMARKER) and tokens[j][1] != ';':
        j = _match_forward(tokens, j) + 1 if tokens[j][1] in _OPEN else j + 1
    return j


def _nonlocal_edits(tokens, k, scopes, source, starts):
    function = scopes[k]
    if function < 0:
        raise _Abandon()
    end = _statement_end(tokens, k)
    names = [t[1] for t in tokens[k + 1:end] if t[0] == tokenize.NAME]
    at = lambda i: _offset(starts, tokens[i][2])
    after = lambda i: _offset(starts, tokens[i][3])
    edits = [(at(k), after(end - 1), '(lambda: (%s,))' % ', '.join(names))]
    for j, t in enumerate(tokens):
        if scopes[j] != function or t[0] != tokenize.NAME or t[1] not in names or j == 0:
            continue
        before = tokens[j - 1]
        first = _starts_statement(tokens, j)
        following = tokens[j + 1][1] if j + 1 < len(tokens) else ''
        if first and following == '=':
            stop = _statement_end(tokens, j + 2)
            if _top_op(tokens, j + 2, stop, '=') is not None:
                raise _Abandon()   # a chained assignment
            edits.append((at(j), after(j + 1), "__nonlocal__('%s', " % t[1]))
            edits.append((after(stop - 1), after(stop - 1), ')'))
        elif first and following in _AUGMENTED:
            stop = _statement_end(tokens, j + 2)
            edits.append((at(j), after(j + 1), "__nonlocal__('%s', __iop__('%s', %s, (" % (t[1], following, t[1])))
            edits.append((after(stop - 1), after(stop - 1), ')))'))
        elif before[1] in ('as', 'def', 'class', 'del', 'import', 'global') or first and following == ',' \
                or before[1] == 'for' and _starts_statement(tokens, j - 1):
            raise _Abandon()   # bound otherwise (a comprehension's for binds its own): left to Jython
    return edits


# ------------------------------------------------------------------------------------------------ list comprehensions

_IT = '__it__'


def _comprehensions(source):
    """[e for x in it ...] -> (lambda __it__: [e for x in __it__ ...])((it)): the comprehension's names are bound in a
    scope of its own, as in Python 3, where Python 2 binds them in the enclosing one (x = 5; ys = [2 * x for x in
    range(3)] leaves x = 2 there); its first iterable is evaluated where the comprehension stands, as Python 3 does
    (a class body's names reach it there, not the element), and a StopIteration raised inside still propagates."""
    return _by_line(source, lambda t: t[0] == tokenize.NAME and t[1] == 'for', _comprehensions_of_line)


def _comprehensions_of_line(source):
    return _one_at_a_time(source, _comprehension_at)


def _comprehension_at(tokens, k, source, starts):
    """the innermost first; one rewritten already starts lambda __it__: ["""
    if tokens[k][0] == tokenize.OP and tokens[k][1] == '[' and not (k > 0 and _operand_end(tokens[k - 1])) \
            and not (k > 2 and tokens[k - 1][1] == ':' and tokens[k - 2][1] == _IT and tokens[k - 3][1] == 'lambda'):
        return _comprehension_edit(tokens, k, source, starts)
    return None


def _top_name(tokens, first, end, names):
    """@return the index of the first name in names among tokens first .. end - 1 outside nested brackets, or None"""
    return _top(tokens, first, end, tokenize.NAME, names)


def _top(tokens, first, end, kind, values):
    """@return the index of the first token of that kind with one of the values among tokens first .. end - 1 outside
    nested brackets, or None"""
    j = first
    while j < end:
        t = tokens[j]
        if t[0] == tokenize.OP and t[1] in _OPEN:
            j = _match_forward(tokens, j) + 1
            continue
        if t[0] == kind and t[1] in values:
            return j
        j += 1
    return None


def _comprehension_edit(tokens, k, source, starts):
    """The rewrite of the list display opened at k when it is a comprehension, or None. The first iterable (after the
    first for's in, up to the next for or if) moves into the call's parentheses with its own lines, so the statement
    keeps its number of lines."""
    close = _match_forward(tokens, k)
    f = _top_name(tokens, k + 1, close, ('for',))
    if f is None:
        return None
    i = _top_name(tokens, f + 1, close, ('in',))
    if i is None or i + 1 >= close:
        return None
    e = _top_name(tokens, i + 1, close, ('for', 'if'))
    e = close if e is None else e
    if e == i + 1:
        return None
    a, b = _offset(starts, tokens[k][2]), _offset(starts, tokens[close][3])
    it0, it1 = _offset(starts, tokens[i + 1][2]), _offset(starts, tokens[e - 1][3])
    return a, b, '(lambda %s: %s%s%s)((%s))' % (_IT, source[a:it0], _IT, source[it1:b], source[it0:it1])


# each stage, and a pattern that any text it would rewrite matches (it may match more: the stage then changes
# nothing); a script without any is not tokenized for that stage
_STAGES = (
    (_fstrings, re.compile(r'(?<![\w.])(?:[fF][rR]?|[rR][fF])[\'"]')),
    (_small, re.compile(r'\d_\d|0[xXoObB]_|\braise\b[\s\S]*?\bfrom\b')),
    (_grammar, re.compile(r'__future__[^\n]*\b(?:annotations|generator_stop)\b|\.\.\.|,\s*\)|\*\*[^,()]*,\s*\w+\s*='
                          r'|\byield\s+from\b|\bmetaclass\s*=')),
    # a return annotation; a parameter's (a colon inside a def's parentheses, two levels of brackets deep); a
    # variable's (a target at a line's start, then a colon and more: else:, try: and the like left out)
    (_annotations, re.compile(r'->|\bdef\s+\w+\s*\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*?:'
                              r'|^[ \t]*(?!(?:else|try|finally|elif|if|while|for|with|except|lambda|class|def)\b)'
                              r'[A-Za-z_][\w.]*(?:\[[^\]\n]*\])?[ \t]*:[ \t]*[^\s#]', re.M)),
    (_keyword_only, re.compile(r'\bdef\b[^:]*\*')),
    (_unpacking, re.compile(r'^[ \t]*[^\n=]*\*[ \t]*[A-Za-z_]\w*[^\n=]*=', re.M)),
    # (a starred item may start a line of its own inside the brackets)
    (_stars, re.compile(r'[(\[,]\s*\*(?!\*)')),
    (_matmuls, re.compile(r'^[ \t]*[^\s@#][^\n]*@', re.M)),
    (_dicts, re.compile(r'\{|\bdict\s*\(')),
    (_float_text, re.compile(r'\bstr\s*\(|[\'"]\s*(?:\.\s*format\b|%)')),
    (_object_bases, re.compile(r'\bclass\s+\w+\s*\(\s*object\s*\)')),
    (_nonlocal, re.compile(r'^[ \t]*nonlocal\b', re.M)),
    (_comprehensions, re.compile(r'\bfor\b')),
)

"""Python 3 syntax that Jython 2.7 cannot read, rewritten in a script's source before it compiles (scripts/run,
_pymain.run_path), so that PyTorch code written for Python 3 runs unchanged:

- f-strings: f"loss {loss:.4f} at {i}" becomes ("loss {0:.4f} at {1}".format((loss), __fstr__((i)))), with the
  conversions !r and !s (!a reads as !r), nested fields in a format spec (f"{x:{width}.{digits}f}"), {{ and }}, the
  self-documenting {x=} (Python 3.8), raw and triple-quoted f-strings, and f-strings next to other string literals
  (implicit concatenation: the pieces are added). A field without a format spec goes through __fstr__
  (_pymain.python3_str, in the script's namespace): Python 3 formats a float there as its repr and a bool as
  True/False, where Jython's str.format gives 12 digits and 1.

The rewrite works on the tokens of Python 2.7's own tokenizer (where f"..." reads as the name f followed by a string),
so text in strings and comments is left as it is, and line numbers stay those of the script.
"""
from __future__ import absolute_import

import StringIO
import tokenize

_PREFIXES = frozenset(['f', 'rf', 'fr'])


class FStringError(SyntaxError):
    """An f-string that Python 3 would refuse too (a single '}', an empty expression, an unclosed field)."""


def translate(source):
    """@return the source with its f-strings rewritten as str.format calls (the same text when it has none)"""
    if 'f' not in source and 'F' not in source:
        return source
    tokens = list(tokenize.generate_tokens(StringIO.StringIO(source).readline))
    starts = _line_starts(source)

    def offset(position):
        return starts[position[0] - 1] + position[1]

    edits = []
    k = 0
    while k < len(tokens):
        group, end = _string_group(tokens, k)
        if group and any(prefix is not None for prefix, _ in group):
            first, last = group[0][1], group[-1][1]
            text = _group_text(group)
            edits.append((offset(first[2]) - (len(group[0][0]) if group[0][0] is not None else 0), offset(last[3]), text))
            k = end
        else:
            k += 1
    for start, end, text in reversed(edits):
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

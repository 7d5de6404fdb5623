"""pathlib for Jython 2.7 (Python 3.4's module, which Jython lacks), with what scripts use most: Path('out') / 'plot.png',
.mkdir(parents=True, exist_ok=True), .exists(), .name, .stem, .suffix, .parent, .glob('*.csv'), .read_text(),
.write_text(), .with_suffix('.png').

A Path here is also a str (its text), so that open(), os.path, matplotlib's savefig and torch.save take it as they
take a str, as Python 3's take a path-like object; unlike Python 3's, it then also compares equal to its text and
has str's methods. POSIX paths only (PosixPath; PurePath and PurePosixPath are the same class).
"""
from __future__ import absolute_import, division

import fnmatch
import glob as _glob
import io
import os

__all__ = ['Path', 'PosixPath', 'PurePath', 'PurePosixPath']


def _text(part):
    if isinstance(part, Path):
        return str.__str__(part)
    if isinstance(part, basestring):
        return part
    fspath = getattr(part, '__fspath__', None)
    if fspath is not None:
        return fspath()
    raise TypeError("expected str, bytes or os.PathLike object, not %s" % type(part).__name__)


def _normal(text):
    """the path as Python 3's pathlib writes it: no repeated or trailing /, no . parts, '.' when empty"""
    if not text:
        return '.'
    absolute = text.startswith('/')
    parts = [p for p in text.split('/') if p not in ('', '.')]
    body = '/'.join(parts)
    return ('/' + body) if absolute else (body or '.')


class Path(str):
    """A POSIX path, as Python 3's pathlib.Path (PosixPath)."""

    def __new__(cls, *parts):
        text = ''
        for part in parts:
            piece = _text(part)
            text = piece if piece.startswith('/') or not text else text.rstrip('/') + '/' + piece
        return str.__new__(cls, _normal(text))

    # the path as text, and the / operator
    def __str__(self):
        return str.__str__(self)

    def __repr__(self):
        return "PosixPath(%r)" % str.__str__(self)

    def __fspath__(self):
        return str.__str__(self)

    def as_posix(self):
        return str.__str__(self)

    def __truediv__(self, other):
        return Path(self, other)

    __div__ = __truediv__

    def __rtruediv__(self, other):
        return Path(other, self)

    __rdiv__ = __rtruediv__

    def __hash__(self):
        return str.__hash__(self)

    def joinpath(self, *others):
        return Path(self, *others)

    # parts of the path
    @property
    def parts(self):
        text = str.__str__(self)
        if text == '.':
            return ()
        pieces = tuple(p for p in text.split('/') if p)
        return ('/',) + pieces if text.startswith('/') else pieces

    @property
    def name(self):
        parts = self.parts
        return '' if not parts or parts[-1] == '/' else parts[-1]

    @property
    def suffix(self):
        name = self.name
        i = name.rfind('.')
        return name[i:] if 0 < i < len(name) - 1 else ''

    @property
    def suffixes(self):
        name = self.name
        if name.endswith('.'):
            return []
        name = name.lstrip('.')
        return ['.' + s for s in name.split('.')[1:]]

    @property
    def stem(self):
        name, suffix = self.name, self.suffix
        return name[:len(name) - len(suffix)] if suffix else name

    @property
    def parent(self):
        parts = self.parts
        if not parts or parts == ('/',):
            return self
        if len(parts) == 1:
            return Path('.')
        return Path(*parts[:-1]) if parts[0] != '/' else Path('/' + '/'.join(parts[1:-1]))

    @property
    def parents(self):
        result, p = [], self
        while p.parent != p:
            p = p.parent
            result.append(p)
        return tuple(result)

    @property
    def anchor(self):
        return '/' if self.is_absolute() else ''

    def is_absolute(self):
        return str.__str__(self).startswith('/')

    def with_name(self, name):
        if not self.name:
            raise ValueError("%r has an empty name" % (self,))
        return self.parent / name

    def with_suffix(self, suffix):
        if suffix and (not suffix.startswith('.') or suffix == '.'):
            raise ValueError("Invalid suffix %r" % (suffix,))
        return self.with_name(self.stem + suffix)

    def with_stem(self, stem):
        return self.with_name(stem + self.suffix)

    def relative_to(self, *other):
        base = Path(*other)
        parts, base_parts = self.parts, base.parts
        if parts[:len(base_parts)] != base_parts:
            raise ValueError("%r is not in the subpath of %r" % (str(self), str(base)))
        return Path(*parts[len(base_parts):]) if len(parts) > len(base_parts) else Path('.')

    def match(self, pattern):
        return fnmatch.fnmatch(self.name if '/' not in pattern else str(self), pattern)

    # the file system
    @classmethod
    def cwd(cls):
        return cls(os.getcwd())

    @classmethod
    def home(cls):
        return cls(os.path.expanduser('~'))

    def expanduser(self):
        return Path(os.path.expanduser(str(self)))

    def absolute(self):
        return self if self.is_absolute() else Path(os.getcwd(), self)

    def resolve(self, strict=False):
        if strict and not self.exists():
            raise OSError(2, 'No such file or directory', str(self))
        return Path(os.path.realpath(str(self)))

    def exists(self):
        return os.path.exists(str(self))

    def is_file(self):
        return os.path.isfile(str(self))

    def is_dir(self):
        return os.path.isdir(str(self))

    def stat(self):
        return os.stat(str(self))

    def mkdir(self, mode=0o777, parents=False, exist_ok=False):
        try:
            if parents:
                os.makedirs(str(self), mode)
            else:
                os.mkdir(str(self), mode)
        except OSError:
            if not exist_ok or not self.is_dir():
                raise

    def rmdir(self):
        os.rmdir(str(self))

    def unlink(self, missing_ok=False):
        try:
            os.remove(str(self))
        except OSError:
            if not (missing_ok and not self.exists()):
                raise

    def touch(self, mode=0o666, exist_ok=True):
        if self.exists():
            if not exist_ok:
                raise OSError(17, 'File exists', str(self))
            os.utime(str(self), None)
        else:
            open(str(self), 'a').close()

    def rename(self, target):
        os.rename(str(self), str(Path(target)))
        return Path(target)

    def replace(self, target):
        if os.path.exists(str(Path(target))) and not os.path.isdir(str(Path(target))):
            os.remove(str(Path(target)))
        return self.rename(target)

    def iterdir(self):
        for name in sorted(os.listdir(str(self))):
            yield self / name

    def glob(self, pattern):
        if '**' in pattern:
            for p in self.rglob(pattern.split('**/', 1)[-1] if '**/' in pattern else '*'):
                yield p
            return
        for p in sorted(_glob.glob(os.path.join(str(self), pattern))):
            yield Path(p)

    def rglob(self, pattern):
        for folder, dirs, files in os.walk(str(self)):
            dirs.sort()
            for name in sorted(dirs + files):
                if fnmatch.fnmatch(name, pattern):
                    yield Path(folder, name)

    def open(self, mode='r', buffering=-1, encoding=None, errors=None, newline=None):
        return io.open(str(self), mode, buffering, encoding, errors, newline)

    def read_text(self, encoding=None, errors=None):
        with io.open(str(self), 'r', encoding=encoding or 'utf-8', errors=errors) as f:
            text = f.read()
        try:
            return str(text)   # ASCII text as a str, which prints as Python 3's str does (no u'')
        except UnicodeEncodeError:
            return text

    def write_text(self, data, encoding=None, errors=None):
        with io.open(str(self), 'w', encoding=encoding or 'utf-8', errors=errors) as f:
            return f.write(data if isinstance(data, unicode) else data.decode('utf-8'))

    def read_bytes(self):
        with open(str(self), 'rb') as f:
            return f.read()

    def write_bytes(self, data):
        with open(str(self), 'wb') as f:
            f.write(data)
            return len(data)

    def samefile(self, other):
        return os.path.samefile(str(self), str(Path(other)))


PosixPath = Path
PurePath = Path
PurePosixPath = Path

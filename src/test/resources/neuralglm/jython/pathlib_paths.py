import os, tempfile
from pathlib import Path
root = Path(tempfile.mkdtemp())
out = root / 'runs' / 'exp1'
out.mkdir(parents=True, exist_ok=True)
out.mkdir(parents=True, exist_ok=True)
f = out / 'metrics.csv'
f.write_text('epoch,loss\n1,0.5\n')
(out / 'model.pt').write_bytes(b'\x00\x01')
p = Path('data/train/images.tar.gz')
print(p, repr(p), p.name, p.stem, p.suffix, p.suffixes, p.parent, p.parent.parent.parent, p.parts, list(map(str, p.parents)))
print(p.with_suffix('.zip'), p.with_name('x.txt'), Path('a') / 'b' / '../c', Path('/abs', 'x'), Path('a//b/./c/'), Path(), Path('a', '/root'))
print(f.exists(), f.is_file(), out.is_dir(), (out / 'nope').exists(), f.read_text().splitlines(), sorted(x.name for x in out.iterdir()))
print(sorted(q.name for q in out.glob('*.csv')), sorted(q.name for q in root.rglob('*.pt')), f.relative_to(root), str(f.relative_to(root)))
with open(f) as fh:
    print(fh.readline().strip(), os.path.basename(f), os.path.join(out, 'x') == str(out / 'x'), f.stat().st_size)
(out / 'model.pt').unlink()
(out / 'model.pt').unlink(missing_ok=True)
print(sorted(x.name for x in out.iterdir()), Path('x.tar').stem, Path('.bashrc').suffix, Path('a.').suffix, Path('/').name, Path('/').parent, Path('/a').parent)
print(Path('a/b') == Path('a/b/'), len({Path('a'), Path('a/')}), Path('a/b').is_absolute(), root.is_absolute(), Path('a/b').as_posix())

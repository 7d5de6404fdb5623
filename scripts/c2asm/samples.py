#!/usr/bin/env python3
"""Where a JIT-compiled method spends its time, by loop: perf's cpu-clock samples mapped onto C2's listing.

Usage (src/bench/SPEED.md, Reading C2's code):
  perf record -e cpu-clock -F 5000 -o perf.data -- java -XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit \\
      -XX:CompileCommand=quiet -XX:CompileCommand=print,neuralglm.linalg.RowKernels::* -XX:PrintAssemblyOptions=intel \\
      ... > listing.txt
  scripts/c2asm/samples.py listing.txt perf.data "maskedLead ("

Prints the samples of the busiest thread that fall in each printed nmethod, then, for the C2 nmethods whose header
contains the third argument, the samples in each innermost loop (a backward jump spanning under 400 bytes), marked
vec when the loop uses ymm/zmm registers, else scalar. The listing and perf.data must come from the same run (the code
cache's addresses differ between runs). No hardware counters are needed (cpu-clock is a software event), but samples
skid: a stall shows on the instructions after it.
"""
import bisect
import collections
import re
import subprocess
import sys


def nmethods(listing):
    out, cur = [], None
    for line in open(listing, errors='replace'):
        if line.startswith('Compiled method'):
            cur = {'name': line.strip(), 'ins': []}
            out.append(cur)
            continue
        m = re.match(r'\s+0x([0-9a-f]+):\s+(\S.*)', line)
        if m and cur is not None and not m.group(2).startswith(('0x', '#')):
            cur['ins'].append((int(m.group(1), 16), m.group(2).split(';')[0].rstrip()))
    return [md for md in out if md['ins']]


def main(listing, data, pick):
    rows = subprocess.run(['perf', 'script', '-i', data, '-F', 'tid,ip'], capture_output=True, text=True).stdout.split()
    pairs = list(zip(rows[0::2], rows[1::2]))
    tid = collections.Counter(t for t, _ in pairs).most_common(1)[0][0]
    ips = collections.Counter(int(ip, 16) for t, ip in pairs if t == tid)
    total = sum(ips.values())
    print(f'thread {tid}: {total} samples')
    mds = nmethods(listing)
    for md in mds:
        lo, hi = md['ins'][0][0], md['ins'][-1][0] + 16
        n = sum(c for a, c in ips.items() if lo <= a < hi)
        if n >= total / 200:
            print(f'{n:7d} {100 * n / total:5.1f}%  {md["name"]}')
    for md in mds:
        if pick not in md['name'] or '(c2)' not in md['name']:
            continue
        addrs = [a for a, _ in md['ins']]
        per = collections.Counter()
        for a, c in ips.items():
            if addrs[0] <= a < addrs[-1] + 16:
                per[bisect.bisect_right(addrs, a) - 1] += c
        n = sum(per.values())
        if n == 0:
            continue
        print(f'\n{md["name"]}: {n} samples')
        for i, (a, text) in enumerate(md['ins']):
            m = re.match(r'j\w+\s+0x([0-9a-f]+)$', text)
            if not m or not 0 < a - int(m.group(1), 16) < 400:
                continue
            j0 = bisect.bisect_left(addrs, int(m.group(1), 16))
            body = md['ins'][j0:i + 1]
            s = sum(per[k] for k in range(j0, i + 1))
            kind = 'vec' if any('mm' in t and ('ymm' in t or 'zmm' in t) for _, t in body) else 'scalar'
            print(f'  loop {body[0][0]:x}-{a:x} {kind:6s} {len(body):3d} instructions {s:6d} samples ({100 * s / n:4.1f}%)')


if __name__ == '__main__':
    main(*sys.argv[1:4])

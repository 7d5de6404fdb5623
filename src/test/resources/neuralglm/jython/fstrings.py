"""f-strings, which Jython 2.7 cannot read: scripts/run rewrites them (scripts/lib/_py3syntax.py). Prints the same
lines on Python 3 (CPython with PyTorch) and on the bridge (Python3SyntaxTest)."""
import torch

x = 0.1 + 0.2
y = "hi"
d = {'k': 5}
w, n, flag = 10, 2, True
loss = torch.tensor(0.125, dtype=torch.float64, requires_grad=True) * 2
print(f"a{x}b", F'{y!r:>10}', rf"\d{x:.2f}", f"{{literal}} {d['k']}")
print(f"{x:{w}.{n}f}|", f"{x=}", f"{x = :.3f}", f"{x!s}" "plain{}" f"{y}")
s = f"""multi
{x:.1f} and {y.upper()}"""
print(s)
print(f'{"nested"}', f"{x if x > 3 else y}", f"{[1, 2][0]}", f"{x!=3}", f"{flag}", f"{flag:>6}", f"{None}")
print(f"{'a' + 'b'}" "c", len(f"{x}"), f"{x!a}", f"{y!s:*^8}")
print(f"Epoch {3}: loss {loss.item():.4f}", f"{loss:.3f}", f"{loss.item()}")
total = (f"first {w} "
         # a comment between the pieces
         f"second {n}")
print(total)
for epoch in range(2):
    print(f"epoch {epoch + 1:>3d} | acc {100 * 5 / 7:.2f}% | {[0.5, 0.25]}", flush=True)


def report(values):
    return f"{len(values)} values, mean {sum(values) / len(values):.3f}"


print(report([1, 2, 4]))

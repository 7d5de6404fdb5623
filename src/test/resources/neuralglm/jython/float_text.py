import torch
torch.set_default_dtype(torch.float64)
x = 0.1 + 0.2
print('{} {:>22} {:.3f} {!r} {:} {:g}'.format(x, x, x, x, True, x), '%s %r %.2f %d %s' % (x, x, x, x, True), str(x), str(True), '{:5}|'.format(True), '{0} {0:.1%}'.format(x))
print('%(a)s %(b)s' % {'a': x, 'b': 1.5}, '%s' % x, '{:+}'.format(x), '{:,}'.format(1234567.125), '{:>8}|'.format(2.5), str(1e16), str(1e-5), str(float('inf')))
x, y = 0.1 + 0.2, -2.5
vals = [x, 1e-7, 123456789.123456789]
d = {'a': x, 'n': 3}
print('{:>8}|{:^12}|{:*<22}|{:+}|{: }'.format(y, x, x, y, x), '{0} {1} {2}'.format(*vals), '{a} {n}'.format(**d))
print('%s and %s' % (x, 'y'), '%.3e' % x, '%s%%' % (100 * x), 'loss: ' + str(x), str(1), str('a'), '%s' % (x,), '%5s|' % 1.5)
t = torch.tensor([0.25, 1.0 / 3])
print(str(t.sum().item()), '{}'.format(t.mean().item()), '%s' % t.max().item(), str(t))
print('{}'.format(True), '{:d}'.format(False), str(False), '{!s} {!r}'.format(x, True), '{0.real}'.format(x))
print('%(x)s' % {'x': 2.0 / 3}, 'epoch {:3d} loss {:.4f} acc {}'.format(7, x, 2.0 / 3), "{}".format(float('nan')))

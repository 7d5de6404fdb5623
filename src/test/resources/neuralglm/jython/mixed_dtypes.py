# Operations on tensors of two dtypes, and the comparison functions: run by /usr/bin/python3 (PyTorch 1.13) and
# through the bridge (MixedDtypesTest), which must print the same.
import torch


def show(name, r):
    print('%s %s %r' % (name, r.dtype, r.tolist()))


def tried(name, f):
    try:
        print('%s %r' % (name, f()))
    except Exception as e:
        print('%s %s: %s' % (name, type(e).__name__, str(e).splitlines()[0].split(' - ')[0]))


a = torch.tensor([0.1, 0.7]); b = torch.tensor([0.0, 1.0], dtype=torch.float64)
m = torch.tensor([[0.1], [0.3]]); h = torch.tensor([0.1, 0.2], dtype=torch.float16)
# a float32 (float16, int64) operand enters a float64 (float32) result as the value its dtype holds
show('add', a + b); show('radd', b + a); show('mul', a * b); show('sub', b - a); show('div', b / a)
show('bcast', m * b); show('bcast2', b - m); show('pow', a ** b); show('rpow', b ** a)
show('max', torch.maximum(a, b)); show('min', torch.minimum(b, a)); show('where', torch.where(b > 0.5, a, b))
show('cat', torch.cat([a, b])); show('stack', torch.stack([b, a])); show('atan2', torch.atan2(a, b))
show('h+a', h + a); show('a*h', a * h); show('h+b', h + b); show('hypot', torch.hypot(a, b))
show('fmod', torch.fmod(b + 1, a)); show('rem', torch.remainder(b + 1, a)); show('floordiv', torch.floor_divide(b + 1, a))
show('int+f32', torch.tensor([16777217]) + a); show('0d', b * torch.tensor(0.1))
c = torch.zeros(2, dtype=torch.float64); c.add_(a); show('add_', c)
c = torch.zeros(2, dtype=torch.float64); c += a; show('iadd', c)
c = torch.zeros(2, dtype=torch.float64); c[0] = a[0]; show('setitem', c)
c = torch.zeros(2, dtype=torch.float64); c[:] = a; show('setslice', c)
c = torch.zeros(2, dtype=torch.float64); c[1] = 0.1; show('setnumber', c)
w = torch.tensor([0.1, 0.7], requires_grad=True); (w * b).sum().backward(); show('grad', w.grad)
v = torch.tensor([0.3, 0.9], dtype=torch.float64, requires_grad=True); (a * v * v).sum().backward(); show('gradv', v.grad)
show('mean', (a + b).mean()); show('sum', (a * b).sum())
# *_like keep the input's dtype; nn.init.constant_ fills a float64 weight with float64's value
show('zeros_like', torch.zeros_like(b) + 0.1); show('ones_like', torch.ones_like(h))
p = torch.empty(2, dtype=torch.float64); torch.nn.init.constant_(p, 0.1); show('constant_', p)
# the comparison functions and their aliases
x = torch.tensor([1.0, 2.0, 3.0]); y = torch.tensor([3.0, 2.0, 1.0])
show('eq', torch.eq(x, y)); show('ne', torch.ne(x, y)); show('gt', torch.gt(x, y)); show('lt', torch.lt(x, 2))
show('ge', torch.ge(x, y)); show('le', torch.le(x, 2.0)); show('greater', torch.greater(x, y))
show('greater_equal', torch.greater_equal(x, y)); show('less', torch.less(x, y)); show('less_equal', torch.less_equal(x, y))
show('not_equal', torch.not_equal(x, y)); show('t.greater', x.greater(y)); show('t.not_equal', x.not_equal(2))
show('t.less_equal', x.less_equal(y)); show('t.greater_equal', x.greater_equal(2)); show('t.less', x.less(y))
show('eq0.1', torch.eq(torch.tensor([0.1]), 0.1)); show('eq64', torch.eq(torch.tensor([0.1]), torch.tensor([0.1], dtype=torch.float64)))
show('gt2d', torch.gt(torch.tensor([[1.0, 5.0], [3.0, 2.0]]), torch.tensor([2.0, 2.0])))
tried('eq(float, t)', lambda: torch.eq(1.0, torch.tensor([1.0])))
tried('eq(t, str)', lambda: torch.eq(torch.tensor([1.0]), 'a'))
# equal, isclose, allclose: tensors only; isclose and allclose of one dtype
tried('equal 32/64', lambda: torch.equal(torch.tensor([1.0]), torch.tensor([1.0], dtype=torch.float64)))
tried('equal 0.1', lambda: torch.equal(torch.tensor([0.1]), torch.tensor([0.1], dtype=torch.float64)))
tried('equal int', lambda: torch.equal(torch.tensor([1]), torch.tensor([1.0])))
tried('equal(float, t)', lambda: torch.equal(1.0, torch.tensor([1.0])))
tried('equal(t, float)', lambda: torch.equal(torch.tensor([1.0]), 1.0))
tried('allclose 32/64', lambda: torch.allclose(torch.tensor([0.1]), torch.tensor([0.1], dtype=torch.float64)))
tried('isclose 32/64', lambda: torch.isclose(torch.tensor([0.1]), torch.tensor([0.1], dtype=torch.float64)))
tried('isclose int', lambda: torch.isclose(torch.tensor([1]), torch.tensor([1.0])))
tried('allclose 16', lambda: torch.allclose(torch.tensor([1.0], dtype=torch.float16), torch.tensor([1.0])))
tried('allclose(t, float)', lambda: torch.allclose(torch.tensor([0.1]), 0.1))
tried('isclose(t, float)', lambda: torch.isclose(torch.tensor([0.1]), 0.1))
tried('isclose ints', lambda: torch.isclose(torch.tensor([1]), torch.tensor([1])).tolist())
# result_type
tried('rt int/float', lambda: str(torch.result_type(torch.tensor([1]), 1.0)))
tried('rt f32/0d f64', lambda: str(torch.result_type(torch.tensor([1.0]), torch.tensor(1.0, dtype=torch.float64))))
tried('rt i32/f64', lambda: str(torch.result_type(torch.tensor([1], dtype=torch.int32), torch.tensor([1.0], dtype=torch.float64))))
tried('rt bool/int', lambda: str(torch.result_type(torch.tensor([True]), 1)))
tried('rt bool/bool', lambda: str(torch.result_type(torch.tensor([True]), torch.tensor([False]))))
tried('rt numbers', lambda: str(torch.result_type(1, 2.0)))
tried('atan2 ints', lambda: torch.atan2(torch.tensor([1, 2]), torch.tensor([2, 2])).tolist())
tried('atan2 64/32', lambda: torch.atan2(torch.tensor([1.0, 2.0], dtype=torch.float64), torch.tensor([0.3, 2.0])).tolist())
# //, % and fmod as PyTorch computes them (from C's fmod: 1.0 // 0.1 is 9, 1.0 % 0.1 is 0.09999999999999995),
# float32 ones on float32's values, whole numbers Python's way; their gradients and grad_fn names
x = torch.tensor([1.0, -1.0, 5.5, -5.5, 0.0, 7.0, -0.0, 3.0], dtype=torch.float64, requires_grad=True)
y = torch.tensor([0.1, 0.1, -2.0, 2.0, -3.0, 0.7, 2.0, 1.5], dtype=torch.float64, requires_grad=True)
xd, yd = x.detach(), y.detach()
show('//', xd // yd); show('%', xd % yd); show('fmod', torch.fmod(xd, yd))
show('// 0.1', xd // 0.1); show('% 0.1', xd % 0.1); show('fmod 0.1', torch.fmod(xd, 0.1))
show('f32 //', torch.tensor([1.0]) // 0.1); show('f32 %', torch.tensor([1.0]) % 0.1); show('f32 fmod', torch.fmod(torch.tensor([1.0]), 0.1))
show('int //', torch.tensor([7, -7]) // torch.tensor([2, 2])); show('int %', torch.tensor([7, -7]) % torch.tensor([2, 2]))
show('int fmod', torch.fmod(torch.tensor([7, -7]), 2))
show('// 0', xd // 0.0); show('% 0', xd % 0.0); show('fmod 0', torch.fmod(xd, 0.0))
r = x % y; print(r.grad_fn.name()); r.sum().backward(); show('% grads', torch.cat([x.grad, y.grad]))
x.grad = None; y.grad = None
f = torch.fmod(x, y); print(f.grad_fn.name()); f.sum().backward(); show('fmod grads', torch.cat([x.grad, y.grad]))
print('%s %s %s' % (torch.fmod(x, 2.0).grad_fn.name(), (x % 2.0).grad_fn.name(), torch.remainder(x, y).grad_fn.name()))
# div with rounding_mode='floor' is floor division (gradient 0); 'trunc' rounds the quotient toward 0
x = torch.tensor([1.0, -1.0, 7.0, 5.0], dtype=torch.float64, requires_grad=True)
y = torch.tensor([0.1, 0.1, 0.7, 2.0], dtype=torch.float64)
q = torch.div(x, y, rounding_mode='floor'); show('div floor', q); q.sum().backward(); show('div floor grad', x.grad)
show('div floor int', torch.div(torch.tensor([7, -7]), 2, rounding_mode='floor'))
show('div trunc', torch.div(x.detach(), y, rounding_mode='trunc'))
# numbers beyond a float dtype's range are its infinities when a tensor is made of them, below its subnormals zeros
x = torch.tensor([-2.0, 1e300, -1e39, 3e38, 1e-50])
show('overflow log', x.log()); show('overflow x/x', x / x); show('isinf', x.isinf()); show('x', x)
h = torch.tensor([7e4, 65504.0, 1.0], dtype=torch.float16); show('float16', h); show('float16 isinf', h.isinf())
show('double of inf', torch.tensor([1e300]).double()); show('float64 keeps', torch.tensor([1e300], dtype=torch.float64))
d = torch.tensor([1e300, 1e-50, 0.1], dtype=torch.float64, requires_grad=True)
f = d.float(); show('narrowed', f); show('narrowed isinf', f.isinf()); show('narrowed * 0', f * 0); show('narrowed log', f.log())
f.sum().backward(); show('narrowed grad', d.grad); show('to float16', d.detach().to(torch.float16))

from __future__ import print_function
import torch
import torch.nn as nn
import numpy as np
print('== b')
from torch.nn.utils import parameters_to_vector, vector_to_parameters
class M(nn.Module):
    def __init__(self):
        super(M, self).__init__()
        self.register_parameter('w', nn.Parameter(torch.ones(2)))
        self.register_parameter('b', None)
        self.add_module('lin', nn.Linear(2, 1))
        self.ps = nn.ParameterList([nn.Parameter(torch.zeros(3)), nn.Parameter(torch.ones(2, 2))])
        self.pd = nn.ParameterDict({'a': nn.Parameter(torch.zeros(1))})
    def forward(self, x):
        return self.lin(x * self.w) + self.ps[0].sum() + self.pd['a']
m = M()
print([n for n, _ in m.named_parameters()])
print(m)
print(len(m.ps), m.get_parameter('lin.bias').shape, m.get_submodule('lin'))
v = parameters_to_vector(m.parameters())
print(v.shape)
vector_to_parameters(torch.arange(v.numel()) * 1.0, m.parameters())
print(m.w, m.ps[1])
s = nn.Sequential(nn.Linear(2, 3))
s.append(nn.ReLU()).append(nn.Linear(3, 1))
print(s, len(s), s(torch.ones(4, 2)).shape)
print(torch.tensor([3., 1., 2.]).clamp(min=torch.tensor([2., 2., 2.])), torch.clamp(torch.tensor([3., 1., 2.]), max=torch.tensor([2.5, 0., 5.])))
print(torch.zeros(2, 3).copy_(torch.tensor([9., 8., 7.])))
try:
    m.register_parameter('x', torch.ones(1))
except TypeError as e:
    print('TypeError', e)
print(torch.typename(torch.zeros(1)), torch.typename(3))
print('== hk')
w = torch.tensor([1.0, -2.0, 3.0], requires_grad=True)
h = w.register_hook(lambda g: g.clamp(-1.5, 1.5))
seen = []
h2 = w.register_hook(lambda g: seen.append(g.clone()))
(w * torch.tensor([4.0, 1.0, -3.0])).sum().backward()
print(w.grad, seen)
h.remove()
w.grad = None
(w * torch.tensor([4.0, 1.0, -3.0])).sum().backward()
print(w.grad, len(seen))
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 2
y.register_hook(lambda g: g * 10)
(y ** 2).sum().backward()
print(x.grad)
try:
    torch.ones(2).register_hook(lambda g: g)
except RuntimeError as e:
    print('RuntimeError', e)
print('== ag')
from torch.autograd import gradcheck
from torch.autograd.functional import jacobian
x = torch.tensor([0.5, -1.0, 2.0], dtype=torch.float64, requires_grad=True)
w = torch.tensor([[1.0, 2.0, 3.0], [0.5, -0.5, 1.0]], dtype=torch.float64, requires_grad=True)
print(gradcheck(lambda a, b: (b.mm(a.reshape(-1, 1)).tanh()), (x, w)))
print(gradcheck(torch.erf, (x,)), gradcheck(lambda a: a.prod(), x), gradcheck(lambda a: torch.logit(a.sigmoid()) ** 2, (x,)))
print(jacobian(lambda a: a.exp() * a.sum(), x))
print(jacobian(lambda a, b: (a * b).sum(), (x, torch.ones(3, dtype=torch.float64))))
y = (x ** 2).sum() * 3
g, = torch.autograd.grad(y, x)
print(g, x.grad)
z = w.mm(x.reshape(-1, 1))
print(torch.autograd.grad(z, [w, x], grad_outputs=torch.ones(2, 1)))
torch.autograd.backward([x.sum(), (x * 2).sum()])
print(x.grad)
h = x * 3
u = (h ** 2).sum()
print(torch.autograd.grad(u, h))
class Bad(torch.autograd.Function):
    @staticmethod
    def forward(ctx, a):
        ctx.save_for_backward(a)
        return a ** 2
    @staticmethod
    def backward(ctx, g):
        a, = ctx.saved_tensors
        return g * a
print(gradcheck(Bad.apply, (x,), raise_exception=False))
try:
    gradcheck(Bad.apply, (x,))
except RuntimeError as e:
    print(type(e).__name__, str(e).split('\n')[0])
print('== m')
a = np.array([[1., 2., 3.], [4., 5., 6.]])
print(a[a > 2].tolist()); a[a > 2] = -1; print(a.tolist())
b = np.array([1, 5, 2, 7])
print(b[b > 2], b[np.array([True, False, True, False])])
b[b > 4] = 0; print(b)
c = np.array([[1., 2.], [3., 4.], [5., 6.]])
print(c[c[:, 0] > 2])
print('== ty')
x = torch.tensor([1.7, -2.2])
print(x.to(torch.tensor([1])), x.to(torch.tensor([1])).dtype, x.to(torch.zeros(1, dtype=torch.float64)).dtype)
print(torch.tensor([3.7]).type(torch.LongTensor), torch.tensor([3]).type(torch.FloatTensor), x.type(), x.type('torch.DoubleTensor').dtype, x.type(torch.float64).dtype)
print('== id')
x = torch.tensor([1., 2.], requires_grad=True)
i = nn.Identity(54, unused='x')
print(i(x) is x, i(x), i)
s = nn.Sequential(nn.Linear(2, 2), nn.Identity(), nn.ReLU())
print(s, s(torch.ones(1, 2)).shape)
print(isinstance(i, nn.Identity), isinstance(s[1], nn.Identity))
print('== sd')
m = torch.nn.Linear(2, 1)
o = torch.optim.SGD(m.parameters(), lr=0.1)
s = torch.optim.lr_scheduler.StepLR(o, 2)
g = o.state_dict()['param_groups'][0]
print(sorted(g.items()))
print(sorted((k, v) for k, v in o.param_groups[0].items() if k != 'params'))
print('== printing')
print(torch.tensor([-0., 1.]), torch.tensor([-0., 1.5]))
s = torch.zeros(2,3).shape
print(s[1:], s + (4,), (4,) + s, type(s[:1]).__name__)
print(torch.sort(torch.tensor([3.,1.,2.])))
print(torch.topk(torch.tensor([3.,1.,2.]), 2))
v, i = torch.sort(torch.tensor([3.,1.,2.]), descending=True)
print(v, i, torch.sort(torch.tensor([3.,1.,2.])).indices)
print(torch.arange(16.).reshape(2, 8) + 0.5)
print(torch.arange(40.) + 0.5)
print(torch.arange(40.).reshape(4, 10) * 1000.5)
print(torch.arange(30.) * 1e-5)
print('== two outputs')
class SinCos(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x.sin(), x.cos()
    @staticmethod
    def backward(ctx, gs, gc):
        x, = ctx.saved_tensors
        return gs * x.cos() - gc * x.sin()
x = torch.tensor([0.5, 1.0, -2.0], dtype=torch.float64, requires_grad=True)
s, c = SinCos.apply(x)
print(s.detach(), c.detach())
(s * 2 + c ** 2).sum().backward()
print(x.grad)
x.grad = None
s, c = SinCos.apply(x)
s.sum().backward()
print(x.grad)
class MaxIdx(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        v, i = x.max(0)
        ctx.save_for_backward(x, i)
        ctx.mark_non_differentiable(i)
        return v, i
    @staticmethod
    def backward(ctx, gv, gi):
        x, i = ctx.saved_tensors
        g = torch.zeros_like(x)
        g[i] = gv
        return g
x.grad = None
v, i = MaxIdx.apply(x)
(v * 3).backward()
print(v.detach(), i, x.grad)
print('== generators')
from torch.utils.data import TensorDataset, DataLoader, random_split
torch.manual_seed(0)
a = torch.rand(3)
torch.manual_seed(0)
g = torch.Generator().manual_seed(42)
b = torch.rand(3, generator=g)
c = torch.rand(3)
print(torch.equal(a, c), torch.equal(a, b))
g2 = torch.Generator().manual_seed(42)
print(torch.equal(torch.rand(3, generator=g2), b), g2.initial_seed(), torch.initial_seed())
ds = TensorDataset(torch.arange(10.))
s1 = [x.indices for x in random_split(ds, [0.7, 0.3], generator=torch.Generator().manual_seed(1))]
s2 = [x.indices for x in random_split(ds, [7, 3], generator=torch.Generator().manual_seed(1))]
print(s1 == s2, sorted(s1[0] + s1[1]) == list(range(10)))
dl = DataLoader(ds, batch_size=5, shuffle=True, generator=torch.Generator().manual_seed(3))
dl2 = DataLoader(ds, batch_size=5, shuffle=True, generator=torch.Generator().manual_seed(3))
print([b[0].tolist() for b in dl] == [b[0].tolist() for b in dl2])
st = torch.get_rng_state(); x1 = torch.randn(2); torch.set_rng_state(st); x2 = torch.randn(2)
print(torch.equal(x1, x2))
w = torch.empty(2, 2); w.normal_(0, 1, generator=torch.Generator().manual_seed(5)); v = torch.empty(2, 2).normal_(generator=torch.Generator().manual_seed(5))
print(torch.equal(w, v), torch.randperm(5, generator=torch.Generator().manual_seed(9)).tolist() == torch.randperm(5, generator=torch.Generator().manual_seed(9)).tolist())
print(torch.manual_seed(3) is not None, isinstance(torch.default_generator, torch.Generator))
print('== format')
print('{}'.format(torch.tensor([1.5])), '{:>20}'.format(torch.tensor(2.)), '{:d}'.format(torch.tensor(3)))
try: print('{:.3f}'.format(torch.tensor([1.5])))
except TypeError as e: print('TypeError', e)
try: print('{:>30}'.format(torch.tensor([1.5, 2.])))
except TypeError as e: print('TypeError', e)
print('== whole-number dtypes')
a=torch.tensor([1,2],dtype=torch.int32); b=torch.tensor([3,4])
print((a+1).dtype,(a+b).dtype,(a*a).dtype,(a+True).dtype, (torch.tensor([True])+torch.tensor([True])).dtype, (torch.tensor([True])+1).dtype, (a+torch.tensor(5)).dtype, (a.sum()).dtype, (-a).dtype, (a//2).dtype)
print((a ** 2).dtype, abs(a).dtype, torch.tensor([True, False]).sum().dtype, torch.cat([a, b]).dtype, torch.maximum(a, a).dtype, torch.where(a > 1, a, a).dtype, (a % 2).dtype, (torch.tensor(3, dtype=torch.int32) + torch.tensor([True])).dtype)
print(torch.zeros(2, dtype=torch.int32) + 1, a * 2, (a > 1).sum().item(), (a - b).dtype)
print('== pow 0.5')
x=torch.tensor([-float('inf'), 2.0, 0.0, -1.0, 3.0], dtype=torch.float64, requires_grad=True)
y=x.pow(0.5); print(y.tolist()); y.sum().backward(); print(x.grad.tolist())
x=torch.tensor([-float('inf'), 2.0, 0.0, 4.0, 3.0], dtype=torch.float64, requires_grad=True)
y=x.pow(-0.5); print(y.tolist()); y.sum().backward(); print(x.grad.tolist())
print((torch.tensor([2.0, 3.0, 7.0], dtype=torch.float64) ** 0.5).tolist())
print('== negative scheduled lr')
for name in ('SGD', 'Adam'):
    w = torch.nn.Parameter(torch.ones(2, dtype=torch.float64))
    opt = getattr(torch.optim, name)([w], lr=0.1)
    s = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=0.1, total_steps=20, anneal_strategy='linear')
    for i in range(20):
        opt.zero_grad(); (w ** 2).sum().backward(); opt.step(); s.step()
    print(repr(opt.param_groups[0]['lr']), w.tolist())
print('== linspace')
cases = [(-1, 1, 7), (-1, 1, 101), (-2, 2, 41), (-3, 3, 61), (-1, 1, 201), (0, 1, 5), (0, 10, 11), (0.1, 0.9, 9), (-5, 7, 1000), (3, 3, 4), (1, -1, 6), (0, 1, 2), (2.5, 2.5, 1)]
cases += [(2.46, 6.0, 240), (5.5, 3.0, 59), (-2.6, -2.0, 295), (-5.0, -1.8, 201), (-7.0, -7.225, 66), (-7.0, -5.8, 86), (7.45, -3.7, 278), (7.5, -6.4, 198), (-4.02, -1.7, 137), (-8.7, 6.0, 175), (-8.68, 6.37, 163), (-6.305, 4.0, 133), (10.0, 8.98, 208), (-9.639, -3.0, 233), (-9.1, 2.5, 62), (5.115, -3.11, 270), (-4.982, -7.84, 153), (-9.0, -5.83, 77), (-3.0, -3.75, 158), (-6.0, 2.54, 249), (-7.0, -8.381, 18), (-5.25, 6.526, 217), (-7.0, 6.03, 108), (-7.4, 2.608, 56), (-6.62, -7.015, 152), (-7.2, 9.52, 251), (3.78, -0.42, 242), (-1.9, -7.7, 257), (7.4, -8.22, 265), (5.64, -8.74, 19), (5.19, 1.19, 250), (-4.7, 9.14, 93), (2.0, -0.51, 168), (3.433, -4.22, 180), (-4.52, 4.757, 181), (8.4, 7.398, 188), (9.1, 0.6, 103), (6.732, -4.0, 215), (-6.563, -3.95, 16), (-6.088, 2.5, 114)]
bad = 0
for a, b, n in cases:
    v = torch.linspace(a, b, n, dtype=torch.float64).tolist()
    print(a, b, n, repr(sum(v)), repr(v[n // 2]), repr(v[-1]), (torch.linspace(a, b, n, dtype=torch.float64) > 0).sum().item())
print(torch.linspace(-5, 7, 50000, dtype=torch.float64)[[0, 17, 24999, 25000, 31001, 49999]].tolist())

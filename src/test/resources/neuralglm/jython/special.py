from __future__ import print_function
import torch
torch.set_default_dtype(torch.float64)
x = torch.tensor([-1.5, 0.0, 0.3, 2.0], requires_grad=True)
for name in ('expit', 'ndtr', 'log_ndtr', 'sinc', 'erf', 'erfc', 'exp2', 'expm1', 'gammaln'):
    x.grad = None
    out = getattr(torch.special, name)(x)
    out.sum().backward()
    print(name, out.tolist(), x.grad.tolist())
p = torch.tensor([0.1, 0.5, 0.975], requires_grad=True)
for name in ('ndtri', 'logit', 'entr', 'erfinv'):
    p.grad = None
    out = getattr(torch.special, name)(p)
    out.sum().backward()
    print(name, out.tolist(), p.grad.tolist())
print(torch.special.entr(torch.tensor([-1.0, 0.0])).tolist(), torch.special.xlog1py(torch.tensor([0.0, 2.0]), torch.tensor([-1.0, 0.5])).tolist())
print(torch.diag_embed(torch.tensor([3., 4.])), torch.diag_embed(torch.tensor([3., 4.]), 1).tolist())
print('== tails')
p = torch.tensor([1e-10, 1e-16, 1e-17, 1e-20, 0.3, 0.5, 0.999999], requires_grad=True)
y = torch.special.ndtri(p); y.sum().backward(); print(y.tolist(), p.grad.tolist())
x = torch.tensor([-39.0, -10.0, -1.0, 0.0, 3.0], requires_grad=True)
y = torch.special.log_ndtr(x); y.sum().backward(); print(y.tolist(), x.grad.tolist())
a = torch.tensor([3e200, 3e-200, 3.0, 0.0, -5.0], requires_grad=True); b = torch.tensor([4e200, 4e-200, 4.0, 0.0, 12.0], requires_grad=True)
h = torch.hypot(a, b); h[2:].sum().backward(); print(h.tolist(), a.grad.tolist()[2:], b.grad.tolist()[2:])
print('== round decimals, vander, aminmax, nanmedian')
x = torch.tensor([1.2345, -2.5, 0.125, 3.14159, 2.675])
print(torch.round(x, decimals=2).tolist(), x.round(decimals=1).tolist(), torch.round(x).tolist(), x.round().tolist())
print(torch.vander(torch.tensor([1.0, 2.0, 3.0])).tolist(), torch.vander(torch.tensor([1.0, 2.0, 3.0]), N=2, increasing=True).tolist())
m = torch.aminmax(x); print(m.min.item(), m.max.item(), torch.aminmax(torch.tensor([[1., 5.], [3., 2.]]), dim=1).max.tolist())
print(torch.nanmedian(torch.tensor([1.0, float('nan'), 3.0, 2.0])).item(), torch.tensor([float('nan'), 4.0]).nanmedian().item())
print('== F.embedding')
import torch.nn.functional as F
w = torch.tensor([[0.1, 0.2], [0.3, -0.4], [1.5, 2.5], [-1.0, 0.0]], requires_grad=True)
idx = torch.tensor([2, 0, 2, 3])
out = F.embedding(idx, w)
(out * torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0]])).sum().backward()
print(out.tolist(), w.grad.tolist())
w.grad = None
out = F.embedding(idx, w, padding_idx=2)
(out * 3).sum().backward()
print(out.tolist(), w.grad.tolist(), F.embedding(torch.tensor(1), w).tolist())
try:
    F.embedding(torch.tensor([4]), w)
except IndexError as e:
    print('IndexError', e)

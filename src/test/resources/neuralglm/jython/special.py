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

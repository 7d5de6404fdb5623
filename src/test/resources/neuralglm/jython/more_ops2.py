from __future__ import print_function, division
import torch
torch.set_default_dtype(torch.float64)

def show(name, f, *vals):
    xs = [torch.tensor(v, requires_grad=True) for v in vals]
    try:
        out = f(*xs)
        if isinstance(out, tuple):
            out = out[0]
        vals = out.tolist()
        grads = None
        if out.requires_grad:
            w = torch.arange(1, out.numel() + 1, dtype=torch.float64).reshape(out.shape) / 7.0 if out.dim() else torch.tensor(0.7)
            (out * w).sum().backward()
            grads = [x.grad.tolist() if x.grad is not None else None for x in xs]
        print(name, vals, grads)
    except Exception as e:
        print(name, 'ERR', type(e).__name__)

A = [[1.5, -2.0, 0.5], [3.0, 0.25, -1.0]]
B = [[0.5, 1.0, 2.0], [-1.5, 2.0, 0.3]]
v = [0.3, -1.2, 2.5]
show('div_trunc', lambda a: torch.div(a * 3.3, 1.5, rounding_mode='trunc'), A)
show('div_floor', lambda a: a.div(1.5, rounding_mode='floor'), A)
print('div_int', torch.div(torch.tensor([7, -7]), 2, rounding_mode='trunc').tolist(), torch.div(torch.tensor([7, -7]), 2, rounding_mode='floor').tolist(), torch.tensor([7, -7]).div(2).tolist())
show('atan2', lambda a, b: torch.atan2(a, b), A, B)
show('vstack', lambda a, b: torch.vstack([a, b]), v, [1.0, 2.0, 3.0])
show('hstack', lambda a, b: torch.hstack([a, b]), A, B)
show('hstack1', lambda a, b: torch.hstack([a, b]), v, [1.0])
show('column_stack', lambda a, b: torch.column_stack([a, b]), v, [1.0, 2.0, 3.0])
show('cov', lambda a: torch.cov(a), A)
show('cov1', lambda a: torch.cov(a), v)
show('cov0', lambda a: torch.cov(a, correction=0), A)
show('corrcoef', lambda a: torch.corrcoef(a), [[1.5, -2.0, 0.5, 2.0], [3.0, 0.25, -1.0, 0.0], [0.1, 0.2, 0.4, 0.3]])
show('where_m', lambda a, b: a.where(a > 0, b), A, B)
show('cummax', lambda a: torch.cummax(a, 1)[0], A)
print('cummax_i', torch.cummax(torch.tensor(A), 1)[1].tolist(), torch.cummin(torch.tensor(A), 0)[1].tolist(), torch.cummax(torch.tensor([1.0, 3.0, 3.0, 2.0]), 0)[1].tolist())
show('cummin', lambda a: a.cummin(0)[0], A)
show('logcumsumexp', lambda a: torch.logcumsumexp(a, 1), A)
show('logcumsumexp0', lambda a: a.logcumsumexp(0), A)
show('kthvalue', lambda a: torch.kthvalue(a, 2, 1)[0], A)
print('kthvalue_i', torch.kthvalue(torch.tensor(A), 2, 1)[1].tolist(), torch.tensor(v).kthvalue(1))
show('msort', lambda a: torch.msort(a), A)
print('argwhere', torch.argwhere(torch.tensor([[0, 1], [2, 0]])).tolist())
print('tensor_split', [t.tolist() for t in torch.tensor_split(torch.arange(7), 3)], [t.tolist() for t in torch.arange(7).tensor_split([1, 5])])
show('rot90', lambda a: torch.rot90(a), A)
show('rot90k', lambda a: a.rot90(3, [0, 1]), A)
show('rot90r', lambda a: torch.rot90(a, 1, [1, 0]), A)
show('dist', lambda a, b: torch.dist(a, b), A, B)
show('dist1', lambda a, b: a.dist(b, 1), A, B)
show('dist3', lambda a, b: a.dist(b, 3), A, B)
show('deg2rad', lambda a: torch.deg2rad(a), v)
print('heaviside', torch.heaviside(torch.tensor([-1.5, 0.0, 2.0]), torch.tensor([0.5])).tolist())
show('trapz', lambda a: torch.trapz(a), A)
show('trapezoid_x', lambda a, x: torch.trapezoid(a, x), v, [0.0, 0.5, 2.0])
show('trapz_dx', lambda a: torch.trapezoid(a, dx=0.5, dim=0), A)
show('tensordot1', lambda a, b: torch.tensordot(a, b, dims=1), A, [[1.0], [2.0], [3.0]])
show('tensordot2', lambda a, b: torch.tensordot(a, b), A, B)
show('tensordot_l', lambda a, b: torch.tensordot(a, b, dims=([1], [1])), A, B)
show('chain_matmul', lambda a, b, c: torch.chain_matmul(a, b, c), A, [[1.0], [2.0], [3.0]], [[0.5, -1.0]])
show('kron', lambda a, b: torch.kron(a, b), [[1.0, 2.0], [3.0, 4.0]], [[0.0, 5.0], [6.0, 7.0]])
show('kron1', lambda a, b: torch.kron(a, b), [1.0, 2.0], [3.0, 4.0, 5.0])
show('block_diag', lambda a, b: torch.block_diag(a, b), [[1.0, 2.0], [3.0, 4.0]], [5.0, 6.0, 7.0])
show('cross', lambda a, b: torch.cross(a, b), [1.0, 2.0, 3.0], [-1.0, 0.5, 2.0])
show('cross2', lambda a, b: torch.cross(a, b, dim=1), A, B)
print('unique', torch.unique(torch.tensor([3, 1, 3, 2, 1]), return_inverse=True, return_counts=True))
print('unique2', torch.tensor([[2.0, 1.0], [2.0, 5.0]]).unique(return_inverse=True))
print('any_all', torch.any(torch.tensor([False, True])).item(), torch.all(torch.tensor([[True, False], [True, True]]), dim=1).tolist())
print('index_select', torch.index_select(torch.tensor(A), 1, torch.tensor([2, 0])).tolist())
print('isfp', torch.is_floating_point(torch.zeros(1)), torch.tensor([1]).is_floating_point())
z = torch.zeros(3, 3); z.fill_diagonal_(2.0); print('fill_diag', z.tolist())
z = torch.zeros(5, 2); z.fill_diagonal_(1.0, wrap=True); print('fill_diag_wrap', z.tolist())
z = torch.zeros(5, 2); z.fill_diagonal_(1.0); print('fill_diag_tall', z.tolist())
print('broadcast', [t.shape for t in torch.broadcast_tensors(torch.zeros(3, 1), torch.zeros(1, 4))])
print('new_empty', torch.ones(2).new_empty(3).shape, torch.ones(2).new_empty((2, 2)).shape)
b = torch.zeros(1000).bernoulli_(0.3); print('bernoulli_', b.min().item(), b.max().item(), 0.2 < b.mean().item() < 0.4)
m = torch.multinomial(torch.tensor([0.0, 1.0, 3.0]), 2); print('multinomial', sorted(m.tolist()))
print('multinomial_r', torch.multinomial(torch.tensor([[0.0, 1.0], [1.0, 0.0]]), 3, replacement=True).tolist())

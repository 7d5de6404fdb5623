# A PyTorch tutorial idiom, written as PyTorch code; TutorialScriptsTest runs it through the bridge and
# compares what it prints with what PyTorch 1.13 printed for it on CPython.
# Masks and pieces: combining masks with & | ^ ~ and torch.logical_*, isnan/isfinite/isinf to drop missing
# values, split and chunk along either dimension, and a masked loss with its gradient.
import torch

a = torch.tensor([0.5, 1.5, 2.5, 3.5, 6.0])
m = (a > 1) & (a < 5)
print(m, a[m])
print((a < 1) | (a > 5), ~(a > 1), (a > 1) ^ (a > 3))
print(torch.logical_and(a > 1, a < 5), torch.logical_not(a > 1), torch.logical_or(a > 3, a < 1))
print(a[(a > 1) & (a < 5)].sum().item(), ((a > 1) & True).sum().item())
print(torch.logical_not(torch.tensor([0.0, 2.0])), torch.logical_and(torch.tensor([1, 0, 2]), torch.tensor([1, 1, 0])))

v = torch.tensor([1.0, float('nan'), float('inf'), -float('inf'), 2.0])
print(torch.isnan(v), v.isfinite(), torch.isinf(v), torch.isnan(v).any().item())
print(v[~torch.isnan(v)], v[torch.isfinite(v)].mean().item(), (~torch.isnan(v)).sum())

x = torch.arange(12.0).view(3, 4)
print(x.split(2), torch.split(x, 3, dim=1))
print(x.chunk(2), x.chunk(3, dim=1), torch.chunk(x, 2))
print(x.split([1, 2]))
train, test = torch.split(x, [2, 1])
print(train.shape, test.shape)

pred = torch.tensor([0.2, 1.9, 3.1, -0.4, 5.0], requires_grad=True)
target = torch.tensor([0.0, 2.0, float('nan'), -1.0, 4.0])
observed = ~torch.isnan(target)
loss = ((pred[observed] - target[observed]) ** 2).mean()
loss.backward()
print('masked loss %.10f' % loss.item(), pred.grad.tolist())

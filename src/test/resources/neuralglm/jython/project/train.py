"""A script importing modules beside it: scripts/run reads them as it reads the script (Python3SyntaxTest)."""
import torch
from siblingmodel import Net, describe
import siblingpkg

net = Net(2)
x = torch.tensor([[1.0, 2.0]], dtype=torch.float64)
print(describe(net), net(x).tolist(), siblingpkg.half(3), net.W.dtype)

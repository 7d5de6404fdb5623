"""The grad_fn each operation's result shows (its printed name, PyTorch 1.13's with its overload digit), and the
grad_fn object's name(), next_functions and printout. Run on PyTorch (/usr/bin/python3) and on the bridge
(GradFnNamesTest): the printouts must be the same."""
import torch, torch.nn as nn, torch.nn.functional as F
torch.set_default_dtype(torch.float64)
x = torch.tensor([[1.0, -2.0],[0.5, 3.0]], requires_grad=True)
v = torch.tensor([1.0, -2.0], requires_grad=True)
y = torch.tensor([[0.2, 1.0],[1.0, 0.0]])
p = torch.tensor([[0.2, 0.7],[0.9, 0.1]], requires_grad=True)
c = torch.tensor([0, 1])
torch.manual_seed(0)
lin = nn.Linear(2,2); lin0 = nn.Linear(2,2,bias=False)
def name(t):
    s = str(t)
    i = s.find('grad_fn=<')
    return s[i+9:s.find('>', i)] if i >= 0 else 'none'
cases = [
 'x+y', 'x+1', '1+x', 'x-y', 'x-1', '1-x', 'x*y', 'x*2', 'x/y', 'x/2', '2/x', '-x', 'x**2', 'x**y', '2**x', 'x.exp()', 'x.abs().log()',
 'x.sum()', 'x.sum(0)', 'x.mean()', 'x.mean(0)', 'x.sum(1, keepdim=True)', 'x.mean(1, keepdim=True)', 'x.mm(y)', 'x.t()', 'x.T', 'x.view(4)', 'x.reshape(4)', 'x.flatten()', 'x.relu()', 'F.relu(x)', 'nn.ReLU()(x)',
 'torch.sigmoid(x)', 'torch.tanh(x)', 'F.softmax(x, 1)', 'F.log_softmax(x, 1)', 'lin(x)', 'lin(v)', 'lin0(x)', 'lin0(v)', 'nn.Sequential(nn.Linear(2,3), nn.ReLU(), nn.Linear(3,1))(x)', 'nn.Sequential(nn.Linear(2,3), nn.Sigmoid())(x)',
 'nn.Sigmoid()(x)', 'nn.Tanh()(x)', 'nn.Softplus()(x)', 'nn.ELU()(x)', 'nn.LeakyReLU()(x)', 'nn.Softmax(1)(x)', 'nn.LogSoftmax(1)(x)', 'nn.SELU()(x)', 'nn.GELU()(x)', 'nn.SiLU()(x)',
 'F.mse_loss(x, y)', 'F.mse_loss(x, y, reduction="sum")', 'F.mse_loss(x, y, reduction="none")', 'F.l1_loss(x, y)', 'F.binary_cross_entropy(p, y)', 'F.binary_cross_entropy_with_logits(x, y)', 'F.cross_entropy(x, c)', 'F.cross_entropy(x, c, reduction="none")', 'F.cross_entropy(x[0], c[0])', 'F.nll_loss(x, c)',
 'F.smooth_l1_loss(x, y)', 'F.huber_loss(x, y)', 'nn.MSELoss()(x, y)', 'nn.CrossEntropyLoss()(x, c)', 'nn.BCEWithLogitsLoss()(x, y)', 'nn.PoissonNLLLoss()(x, y)', 'F.soft_margin_loss(x, y)',
 'x.max()', 'x.max(0)[0]', 'x.min()', 'x.clamp(min=0)', 'x.clamp(0, 1)', 'x.abs()', 'x.abs().sqrt()', 'x.pow(0.5)', 'x[0]', 'x[:, 1:]', 'x[0, 1:]', 'x[1:, 0]', 'x[[1, 0]]', 'x[x > 0]', 'x[:, 1]', 'x[::2]',
 'torch.cat([x, x])', 'torch.stack([v, v])', 'v.unsqueeze(0)', 'x[0:1].squeeze()', 'x[0:1].squeeze(0)', 'x.var()', 'x.std()', 'x.var(0)', 'x.norm()', 'x.norm(dim=1)', 'F.softplus(x)', 'x[0:1].expand(2, 2)', 'x.clone()',
 'v.dot(v)', 'x.logsumexp(1)', 'x.gather(1, torch.tensor([[0], [1]]))', 'F.elu(x)', 'F.leaky_relu(x)', 'torch.where(x > 0, x, y)', 'x.abs().log1p()', 'x.transpose(0, 1)', 'x.permute(1, 0)', 'torch.mv(x, v)', 'torch.matmul(x, v)', 'torch.matmul(v, x)',
 'torch.addmm(x, x, y)', 'x.flip(0)', 'x.repeat(2, 1)', 'x.amax(0)', 'x.chunk(2)[0]', 'x.split(1)[0]', 'x.split([1, 1])[0]', 'x.unbind(0)[0]', 'torch.outer(v, v)', 'x.float()', 'x.to(torch.float32)', 'x.sign()', 'x.floor()', 'x.round()',
 'F.logsigmoid(x)', 'F.gelu(x)', 'F.gelu(x, approximate="tanh")', 'F.silu(x)', 'F.hardtanh(x)', 'F.relu6(x)', 'F.softsign(x)', 'F.mish(x)', 'F.selu(x)', 'F.celu(x)', 'F.layer_norm(x, (2,))', 'nn.BatchNorm1d(2)(x)', 'nn.Embedding(3, 2)(torch.tensor([0, 2]))',
 'F.dropout(x, 0.5)', 'nn.Dropout(0.5)(x)', 'F.normalize(x)', 'F.cosine_similarity(x, y)', 'F.pad(x, (1, 1))', 'torch.clamp_min(x, 0)', 'x.clamp_max(1)', 'x.clamp_min(0)',
 'x.cumsum(0)', 'x.prod()', 'x.index_select(0, torch.tensor([1]))', 'torch.xlogy(x, y)', 'x.square()', 'torch.square(x)', 'x.reciprocal()', 'x.neg()', 'x.sigmoid()', 'torch.maximum(x, y)', 'x.erf()', 'x.abs().lgamma()', 'x.tril()', 'x.diag()', 'x.trace()',
]
for e in cases:
    try:
        print(e + ' | ' + name(eval(e)))
    except Exception as ex:
        print(e + ' | ERR ' + type(ex).__name__)
a = torch.tensor([[4., 1.], [1., 3.]], requires_grad=True)
b = torch.tensor([[1.], [2.]])
L = torch.linalg
for e in ['L.inv(a)', 'L.det(a)', 'L.slogdet(a)[1]', 'L.cholesky(a)', 'L.solve(a, b)', 'L.pinv(a)', 'L.qr(a)[0]', 'L.eigh(a)[0]',
          'L.svd(a)[1]', 'torch.logdet(a)', 'torch.cholesky_solve(b, L.cholesky(a))',
          'L.solve_triangular(L.cholesky(a), b, upper=False)', 'torch.inverse(a)', 'torch.det(a)', 'L.norm(a)',
          'L.vector_norm(a)', 'L.matrix_norm(a)', 'torch.lgamma(a)', 'torch.digamma(a)', 'torch.erfinv(a / 10)',
          'torch.special.ndtri(a / 10)', 'torch.special.log_ndtr(a)', 'torch.tan(a)', 'torch.sinh(a)', 'torch.atan(a)',
          'torch.expm1(a)', 'torch.log2(a)', 'torch.exp2(a)', 'torch.remainder(a, 2)', 'torch.special.xlogy(a, a)', 'a // 2']:
    print(e + ' | ' + name(eval(e)))
s = (x * 2).sum()
fn = s.grad_fn
print('object | %s %s %s %s %s' % (fn.name(), fn.next_functions[0][0].name(), fn.next_functions[0][0].next_functions[0][0].name(),
                                     fn.next_functions[0][0].next_functions[0][0].variable is x, fn is s.grad_fn))
print('printout | %s %s %s' % (str(fn).startswith('<SumBackward0 object at 0x'), x.grad_fn is None, (a // 2).grad_fn.name()))
print('tensor | %s' % str(F.mse_loss(x, y)).replace('\n', ' '))

from __future__ import print_function, division
import torch
import torch.nn as nn
import torch.nn.functional as F
torch.set_default_dtype(torch.float64)


def show(name, f, *vals):
    """Prints f's value and the gradient of a weighted sum of it (weights 1/7, 2/7, ...) with respect to each input."""
    xs = [torch.tensor(v, requires_grad=True) for v in vals]
    try:
        out = f(*xs)
        w = torch.arange(1, out.numel() + 1, dtype=torch.float64).reshape(out.shape) / 7.0 if out.dim() else torch.tensor(0.7)
        (out * w).sum().backward()
        print(name, out.tolist(), [x.grad.tolist() if x.grad is not None else None for x in xs])
    except Exception as e:
        print(name, 'ERR', type(e).__name__)


X = [-800.0, -30.0, -7.0, -3.0, -2.5, -1.0, -0.5, -1e-8, 0.0, 1e-8, 0.25, 0.5, 1.0, 2.5, 3.0, 6.0, 7.0, 20.0, 20.5,
     30.0, 40.0, 800.0]
show('relu6', F.relu6, X)
show('hardtanh', F.hardtanh, X)
show('hardtanh23', lambda x: F.hardtanh(x, -2.5, 3.0), X)
show('selu', F.selu, X)
show('celu', F.celu, X)
show('celu05', lambda x: F.celu(x, alpha=0.5), X)
show('celu2', lambda x: F.celu(x, 2.0), X)
show('celu03', lambda x: F.celu(x, 0.3), X)
show('celu13', lambda x: F.celu(x, 1.3), X)
show('softsign', F.softsign, X)
show('mish', F.mish, X)
show('hardswish', F.hardswish, X)
show('hardsigmoid', F.hardsigmoid, X)
show('threshold', lambda x: F.threshold(x, 0.5, 9.0), X)
show('tanhshrink', F.tanhshrink, X)
show('softshrink', F.softshrink, X)
show('softshrink1', lambda x: F.softshrink(x, 1.0), X)
show('softshrink0', lambda x: F.softshrink(x, 0.0), X)
show('hardshrink', F.hardshrink, X)
show('hardshrink3', lambda x: F.hardshrink(x, lambd=3.0), X)
show('logsigmoid', F.logsigmoid, X)
show('softplus', F.softplus, X)
show('softplus_b2t5', lambda x: F.softplus(x, beta=2, threshold=5), X)
show('softplus_b05', lambda x: F.softplus(x, 0.5), X)
show('softplus_bneg', lambda x: F.softplus(x, beta=-1.5, threshold=3), X)
show('rrelu_eval', F.rrelu, X)
show('rrelu_eval2', lambda x: F.rrelu(x, 0.1, 0.3, training=False), X)
A = [[1.5, -2.0, 0.5, 0.0], [3.0, 0.25, -1.0, 2.0], [-0.5, -0.25, 4.0, -3.0]]
show('prelu1', lambda x, w: F.prelu(x, w), A, [0.25])
show('prelu4', lambda x, w: F.prelu(x, w), A, [0.25, -0.5, 2.0, 0.1])
show('prelu_1d', lambda x, w: F.prelu(x, w), [1.5, -2.0, 0.0, -1.0], [0.3])
show('glu', F.glu, A)
show('glu0', lambda x: F.glu(x, 0), [[1.5, -2.0], [3.0, 0.25], [0.5, -4.0], [2.0, 1.0]])
show('glu1d', F.glu, [1.5, -2.0, 3.0, 0.25])
show('softmin1', lambda x: F.softmin(x, dim=1), A)
show('softmin0', lambda x: F.softmin(x, 0), A)
show('softmin1d', lambda x: F.softmin(x, -1), [1.5, -2.0, 3.0, 0.25])
Z = [[1.5, -2.0, 0.5, 0.0], [0.0, 0.0, 0.0, 0.0], [1e-13, 0.0, -2e-13, 0.0]]
show('normalize', F.normalize, Z)
show('normalize0', lambda x: F.normalize(x, dim=0), A)
show('normalize_p1', lambda x: F.normalize(x, p=1), Z)
show('normalize_p3', lambda x: F.normalize(x, p=3, dim=1, eps=0.5), A)
show('normalize_inf', lambda x: F.normalize(x, p=float('inf')), A)
show('normalize_eps', lambda x: F.normalize(x, eps=3.0), A)
show('normalize_1d', lambda x: F.normalize(x, dim=0), [3.0, -4.0])
B = [[0.5, 1.0, -1.5, 2.0], [0.3, -0.7, 0.0, 1.0], [2.0, 0.5, 4.0, -3.0]]
show('cosine', F.cosine_similarity, A, B)
show('cosine0', lambda a, b: F.cosine_similarity(a, b, dim=0), A, B)
show('cosine_eps', lambda a, b: F.cosine_similarity(a, b, eps=2.0), [[0.1, 0.2, -0.1], [1.0, 2.0, 0.5]], [[1.0, 2.0, 0.5], [0.1, 0.0, 0.2]])
show('cosine_zero', F.cosine_similarity, [[0.0, 0.0, 0.0], [1.0, 2.0, 0.5]], [[1.0, 2.0, 0.5], [1.0, 2.0, 0.5]])
show('cosine_bcast', F.cosine_similarity, [1.0, -2.0, 0.5, 3.0], B)
show('cosine_1d', lambda a, b: F.cosine_similarity(a, b, dim=0), [0.3, -1.2, 2.5], [1.0, 2.0, -0.5])
show('pdist', F.pairwise_distance, A, B)
show('pdist_p1', lambda a, b: F.pairwise_distance(a, b, p=1), A, B)
show('pdist_p3k', lambda a, b: F.pairwise_distance(a, b, p=3, keepdim=True), A, B)
show('pdist_inf', lambda a, b: F.pairwise_distance(a, b, p=float('inf'), eps=0.0), A, B)
show('pdist_same', lambda a, b: F.pairwise_distance(a, b, eps=0.0), A, A)
show('pdist_1d', F.pairwise_distance, [0.3, -1.2, 2.5], [1.0, 2.0, -0.5])
show('pdist_half', lambda a, b: F.pairwise_distance(a, b, p=0.5), A, B)
show('layer_norm', lambda x, w, b: F.layer_norm(x, (4,), w, b), A, [1.0, 2.0, -0.5, 0.3], [0.1, 0.0, -0.2, 1.0])
show('layer_norm_plain', lambda x: F.layer_norm(x, [4], eps=0.1), A)
show('layer_norm_int', lambda x: F.layer_norm(x, 3), [0.3, -1.2, 2.5])
show('layer_norm_1d', lambda x: F.layer_norm(x, (3,)), [0.3, -1.2, 2.5])
show('pad1d', lambda x: F.pad(x, (2, 1)), [0.3, -1.2, 2.5])
show('pad2d', lambda x: F.pad(x, (1, 2, 0, 1), value=-1.5), A)
show('pad_crop', lambda x: F.pad(x, (-1, 1, 1, -2), 'constant', 7.0), A)
show('pad_last', lambda x: F.pad(x, [0, 0, 2, 0]), A)

T = [[1.0, -0.5, 2.0, 0.0], [3.0, 0.25, 0.0, 1.5], [-2.0, 1.0, 3.5, 0.5]]
show('gnll', lambda i, t, v: F.gaussian_nll_loss(i, t, v), A, T, [[0.5, 1.0, 2.0, 1e-8], [0.0, 3.0, 0.1, 1.0], [1.0, 1.0, 1.0, 0.25]])
show('gnll_row', lambda i, t, v: F.gaussian_nll_loss(i, t, v, full=True, reduction='sum'), A, T, [0.5, 2.0, 1e-9])
show('gnll_col', lambda i, t, v: F.gaussian_nll_loss(i, t, v, eps=0.3, reduction='none'), A, T, [[0.5], [2.0], [0.2]])
show('gnll_1d', lambda i, t, v: F.gaussian_nll_loss(i, t, v, full=True), [0.3, -1.2, 2.5], [1.0, 2.0, -0.5], [0.5, 2.0, 1.5])
show('gnll_neg', lambda i, t, v: F.gaussian_nll_loss(i, t, v), A, T, [0.5, -2.0, 1.0])
show('gnll_size', lambda i, t, v: F.gaussian_nll_loss(i, t, v), A, T, [0.5, 2.0])
show('gnll_red', lambda i, t, v: F.gaussian_nll_loss(i, t, v, reduction='avg'), A, T, [0.5, 2.0, 1.0])
x1, x2, yr = [1.0, 0.5, -2.0, 3.0, 0.0], [0.5, 1.5, -1.0, 3.0, 0.0], [1.0, 1.0, -1.0, -1.0, 1.0]
show('ranking', F.margin_ranking_loss, x1, x2, yr)
show('ranking_m', lambda a, b, y: F.margin_ranking_loss(a, b, y, margin=0.5), x1, x2, yr)
show('ranking_sum', lambda a, b, y: F.margin_ranking_loss(a, b, y, 0.25, reduction='sum'), x1, x2, yr)
show('ranking_none', lambda a, b, y: F.margin_ranking_loss(a, b, y, reduction='none'), x1, x2, yr)
show('ranking_dims', lambda a, b, y: F.margin_ranking_loss(a, b, y), A, B, yr)
YH = [[1.0, -1.0, 1.0, -1.0], [-1.0, -1.0, 1.0, 1.0], [1.0, 0.0, -1.0, -1.0]]
show('hinge_emb', F.hinge_embedding_loss, A, YH)
show('hinge_emb_m', lambda x, y: F.hinge_embedding_loss(x, y, margin=0.5, reduction='none'), [0.5, 0.2, -1.0, 0.6, 2.0], [-1.0, -1.0, -1.0, 1.0, -1.0])
YM = [[1.0, 0.0, 1.0, 0.0], [0.0, 0.0, 1.0, 1.0], [1.0, 1.0, 0.0, 0.0]]
show('mlsm', F.multilabel_soft_margin_loss, A, YM)
show('mlsm_w', lambda x, y, w: F.multilabel_soft_margin_loss(x, y, weight=w, reduction='none'), A, YM, [1.0, 0.5, 2.0, 0.0])
show('mlsm_big', lambda x, y: F.multilabel_soft_margin_loss(x * 100, y, reduction='sum'), A, YM)
show('cos_emb', lambda a, b, y: F.cosine_embedding_loss(a, b, y), A, B, [1.0, -1.0, -1.0])
show('cos_emb_m', lambda a, b, y: F.cosine_embedding_loss(a, b, y, margin=0.2, reduction='none'), A, B, [-1.0, -1.0, 1.0])
show('cos_emb_1d', lambda a, b, y: F.cosine_embedding_loss(a, b, y), [0.3, -1.2, 2.5], [1.0, 2.0, -0.5], -1.0)
show('cos_emb_zero', lambda a, b, y: F.cosine_embedding_loss(a, b, y, reduction='sum'), [[0.0, 0.0], [1.0, 2.0]], [[1.0, 2.0], [0.0, 0.0]], [1.0, -1.0])
N = [[0.0, 2.0, -1.0, 1.0], [3.5, 0.0, 1.0, 2.0], [1.0, -0.5, 2.0, -2.0]]
show('triplet', F.triplet_margin_loss, A, B, N)
show('triplet_p1', lambda a, p, n: F.triplet_margin_loss(a, p, n, margin=2.0, p=1), A, B, N)
show('triplet_swap', lambda a, p, n: F.triplet_margin_loss(a, p, n, swap=True, reduction='none'), A, B, N)
show('triplet_swap3', lambda a, p, n: F.triplet_margin_loss(a, p, n, margin=0.5, p=3, eps=0.0, swap=True, reduction='sum'), A, B, N)
show('triplet_1d', F.triplet_margin_loss, [0.3, -1.2, 2.5], [1.0, 2.0, -0.5], [0.0, 0.5, 1.0])
YC = torch.tensor([0, 2, 3])
show('mmargin', lambda x: F.multi_margin_loss(x, YC), A)
show('mmargin_p2', lambda x: F.multi_margin_loss(x, YC, p=2, margin=2.0, reduction='none'), A)
show('mmargin_w', lambda x: F.multi_margin_loss(x, YC, weight=torch.tensor([1.0, 0.5, 2.0, 3.0]), reduction='sum'), A)
show('mmargin_kink', lambda x: F.multi_margin_loss(x, torch.tensor([0]), reduction='none'), [[1.0, 0.0, 0.5, -2.0]])
show('mmargin_1d', lambda x: F.multi_margin_loss(x, torch.tensor(1)), [1.0, 0.0, 0.5, -2.0])
show('mmargin_p3', lambda x: F.multi_margin_loss(x, YC, p=3), A)
show('smooth_l1_b0', lambda x, t: F.smooth_l1_loss(x, t, beta=0.0), A, T)
show('smooth_l1_b0_none', lambda x, t: nn.SmoothL1Loss(beta=0., reduction='none')(x, t), [1.0, 2.0, 0.5], [1.0, 0.5, 2.0])
show('nll_1d', lambda x: nn.NLLLoss()(x, torch.tensor(1)), [-1.0, -2.0, -0.5])
show('nll_1d_w', lambda x: F.nll_loss(x, torch.tensor(2), weight=torch.tensor([1.0, 2.0, 3.0])), [-1.0, -2.0, -0.5])
show('nll_1d_none', lambda x: F.nll_loss(x, torch.tensor(0), reduction='none'), [-1.0, -2.0, -0.5])
show('soft_margin', lambda x: F.soft_margin_loss(x, torch.tensor([1.0, -1.0, -1.0])), [0.3, -1.2, 2.5])

# modules: printing, isinstance, the losses as modules, a Sequential of each activation (forward and backward)
mods = [nn.ReLU6(), nn.ReLU6(inplace=True), nn.Hardtanh(), nn.Hardtanh(-2, 3), nn.Hardtanh(min_val=-0.5, max_val=0.5, inplace=True),
        nn.SELU(), nn.SELU(inplace=True), nn.CELU(), nn.CELU(0.5), nn.CELU(alpha=2.0, inplace=True), nn.Mish(), nn.Softsign(),
        nn.Softmin(dim=1), nn.Softmin(), nn.Tanhshrink(), nn.Softshrink(), nn.Softshrink(1), nn.Hardshrink(0.25),
        nn.Hardsigmoid(), nn.Hardswish(inplace=True), nn.LogSigmoid(), nn.Threshold(0.1, 20), nn.Threshold(0.5, -1.0, True),
        nn.GLU(), nn.GLU(0), nn.PReLU(), nn.PReLU(4, 0.1), nn.RReLU(), nn.RReLU(0.1, 0.3), nn.Softplus(), nn.Softplus(2, 5),
        nn.Softplus(beta=0.5)]
for m in mods:
    print(m, isinstance(m, nn.Module))
print(isinstance(nn.ReLU6(), nn.ReLU6), isinstance(nn.ReLU6(), nn.Hardtanh), isinstance(nn.Hardtanh(), nn.Hardtanh),
      isinstance(nn.PReLU(), nn.PReLU), isinstance(nn.Softmin(1), nn.Softmin), isinstance(nn.Mish(), nn.Softsign),
      isinstance(nn.LogSigmoid(), nn.LogSigmoid), isinstance(nn.GLU(), nn.GLU), isinstance(nn.Softplus(beta=2), nn.Softplus))
for crit in [nn.GaussianNLLLoss(), nn.GaussianNLLLoss(full=True, eps=1e-3), nn.MarginRankingLoss(margin=0.5), nn.HingeEmbeddingLoss(),
             nn.MultiLabelSoftMarginLoss(), nn.CosineEmbeddingLoss(), nn.TripletMarginLoss(), nn.MultiMarginLoss(), nn.SoftMarginLoss()]:
    print(crit, isinstance(crit, nn.Module))
print(nn.MultiMarginLoss().p, nn.MultiMarginLoss().margin, nn.MultiMarginLoss().weight, nn.TripletMarginLoss().swap,
      nn.TripletMarginLoss().eps, nn.GaussianNLLLoss().eps, nn.MarginRankingLoss(0.5).margin)
print(list(nn.MultiMarginLoss(weight=torch.tensor([1.0, 2.0])).state_dict().items()), list(nn.MultiMarginLoss().state_dict().items()))
print(list(nn.MultiLabelSoftMarginLoss(weight=torch.tensor([1.0, 2.0])).state_dict().keys()))


def module_case(name, crit, *vals):
    show(name, lambda *xs: crit(*xs), *vals)


module_case('M_gnll', nn.GaussianNLLLoss(full=True), A, T, [0.5, 2.0, 1.0])
module_case('M_ranking', nn.MarginRankingLoss(margin=0.5, reduction='sum'), x1, x2, yr)
module_case('M_hinge', nn.HingeEmbeddingLoss(margin=2.0), A, YH)
module_case('M_mlsm', nn.MultiLabelSoftMarginLoss(weight=torch.tensor([1.0, 0.5, 2.0, 0.0])), A, YM)
module_case('M_cos', nn.CosineEmbeddingLoss(margin=-0.5), A, B, [1.0, -1.0, -1.0])
module_case('M_triplet', nn.TripletMarginLoss(margin=3.0, p=1, swap=True), A, B, N)
show('M_mmargin', lambda x: nn.MultiMarginLoss(p=2, margin=0.5, weight=torch.tensor([1.0, 0.5, 2.0, 3.0]))(x, YC), A)

torch.manual_seed(0)
W1 = torch.tensor([[0.5, -1.0, 0.25, 2.0], [1.0, 0.5, -0.5, 0.0], [-0.3, 0.8, 1.2, -1.5], [0.2, 0.1, -0.4, 0.6]])
b1 = torch.tensor([0.1, -0.2, 0.3, 0.0])
for act in [nn.ReLU6(), nn.Hardtanh(-1.5, 2.0), nn.SELU(), nn.CELU(0.7), nn.Mish(), nn.Softsign(), nn.Softmin(dim=1),
            nn.Tanhshrink(), nn.Softshrink(0.3), nn.Hardshrink(0.3), nn.Hardsigmoid(), nn.Hardswish(), nn.LogSigmoid(),
            nn.Threshold(0.2, -0.5), nn.PReLU(4, 0.2), nn.RReLU(0.1, 0.3).eval(), nn.Softplus(beta=3, threshold=2)]:
    lin, out = nn.Linear(4, 4), nn.Linear(4, 1)
    with torch.no_grad():
        lin.weight.copy_(W1)
        lin.bias.copy_(b1)
        out.weight.copy_(torch.tensor([[1.0, -2.0, 0.5, 1.5]]))
        out.bias.fill_(0.25)
    model = nn.Sequential(lin, act, out)
    x = torch.tensor(A, requires_grad=True)
    y = model(x)
    (y * torch.tensor([[1.0], [2.0], [3.0]])).sum().backward()
    print('seq', act, y.flatten().tolist(), x.grad.tolist(), lin.weight.grad.tolist())
glu_model = nn.Sequential(nn.Linear(4, 4), nn.GLU())
with torch.no_grad():
    glu_model[0].weight.copy_(W1)
    glu_model[0].bias.copy_(b1)
x = torch.tensor(A, requires_grad=True)
glu_model(x).sum().backward()
print('seq GLU', x.grad.tolist())

# PReLU trains: its weight is a parameter (in parameters() and state_dict), moved by SGD
net = nn.Sequential(nn.Linear(4, 4), nn.PReLU(4, 0.3), nn.Linear(4, 1))
with torch.no_grad():
    net[0].weight.copy_(W1)
    net[0].bias.copy_(b1)
    net[2].weight.copy_(torch.tensor([[1.0, -2.0, 0.5, 1.5]]))
    net[2].bias.fill_(0.25)
print([n for n, _ in net.named_parameters()], list(net.state_dict().keys()))
opt = torch.optim.SGD(net.parameters(), lr=0.01)
xt, yt = torch.tensor(A), torch.tensor([[1.0], [-1.0], [0.5]])
for step in range(5):
    opt.zero_grad()
    loss = F.mse_loss(net(xt), yt)
    loss.backward()
    opt.step()
    print('prelu step', step, loss.item(), net[1].weight.tolist())
print(net[1].weight.requires_grad, net[1].num_parameters)

for stmt in ["F.pad(torch.ones(2, 3), (1, 1, 1))",
             "F.pad(torch.ones(3), (1, 1, 1, 1))", "F.glu(torch.ones(2, 3))", "F.multi_margin_loss(torch.ones(2, 3), torch.tensor([0, 1]), p=3)",
             "F.softshrink(torch.ones(3), -1.0)", "F.celu(torch.ones(3), 0.0)", "F.normalize(torch.ones(3))",
             "F.cosine_embedding_loss(torch.ones(2, 3), torch.ones(2, 3), torch.ones(2, 1))",
             "F.triplet_margin_loss(torch.ones(2, 3), torch.ones(3), torch.ones(2, 3))",
             "F.margin_ranking_loss(torch.ones(3), torch.ones(3), torch.ones(1, 3))", "F.prelu(torch.ones(2, 3), torch.ones(2))",
             "F.gaussian_nll_loss(torch.ones(2, 3), torch.ones(2, 3), -torch.ones(2, 3))",
             "F.multilabel_soft_margin_loss(torch.ones(2, 3), torch.ones(2, 3), reduction='avg')",
             "F.pad(torch.ones(2, 3), (-2, -2))"]:
    try:
        eval(stmt)
        print('no error', stmt)
    except Exception as e:
        print(type(e).__name__, stmt)

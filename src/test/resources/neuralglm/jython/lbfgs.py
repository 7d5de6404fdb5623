import torch
import torch.nn as nn
X = torch.tensor([[0.5, 1.0], [1.5, -0.5], [-1.0, 2.0], [2.0, 0.3], [0.1, -1.2], [-0.7, 0.4]], dtype=torch.float64)
y = torch.tensor([1., 0., 1., 0., 1., 0.], dtype=torch.float64)
for ls in (None, 'strong_wolfe'):
    model = nn.Linear(2, 1).double()
    with torch.no_grad():
        model.weight.copy_(torch.tensor([[0.1, -0.2]])); model.bias.fill_(0.05)
    opt = torch.optim.LBFGS(model.parameters(), lr=0.5 if ls is None else 1, max_iter=15, line_search_fn=ls)
    lossf = nn.BCEWithLogitsLoss()
    def closure():
        opt.zero_grad()
        loss = lossf(model(X).squeeze(1), y) + 0.01 * (model.weight ** 2).sum()
        loss.backward()
        return loss
    for i in range(3):
        l = opt.step(closure)
        w = model.weight.detach().reshape(-1).tolist()
        print('%d %.12f %.10f %.10f %.10f' % (i, l.item(), w[0], w[1], model.bias.item()))
    state = opt.state[model.weight]
    print('%d %d' % (state['n_iter'], state['func_evals']))

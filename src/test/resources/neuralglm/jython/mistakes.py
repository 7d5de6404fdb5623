"""Mistakes PyTorch users make, each a few lines, run one by one: for each case one line
'name: ExceptionType: first line of the message' when it raises, 'name: ok: value' when it runs.

Runs under real PyTorch (/usr/bin/python3 src/test/resources/neuralglm/jython/mistakes.py) and under the
bridge (MistakesTest); written for both Python 3 and Jython 2.7 (no '@', no f-strings). Values are printed
to 5 significant digits so that PyTorch's float32 and the bridge's float64 print the same."""
from __future__ import print_function, division

import math
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim
from torch.utils.data import DataLoader, TensorDataset, random_split

try:
    from java.lang import Throwable as _Java  # Jython: Java exceptions are not Python Exceptions
except ImportError:
    _Java = Exception

CASES = [
    # ---- products
    ("mm_shapes", "torch.mm(torch.ones(2, 3), torch.ones(2, 3))"),
    ("matmul_shapes", "torch.matmul(torch.ones(2, 3), torch.ones(4, 5))"),
    ("matmul_vector_matrix", "torch.matmul(torch.ones(3), torch.ones(4, 2))"),
    ("matmul_matrix_vector", "torch.matmul(torch.ones(2, 3), torch.ones(4))"),
    ("matmul_vectors", "torch.matmul(torch.ones(3), torch.ones(4))"),
    ("mm_vector", "torch.mm(torch.ones(3), torch.ones(3, 2))"),
    ("dot_sizes", "torch.dot(torch.ones(3), torch.ones(4))"),
    ("dot_matrix", "torch.dot(torch.ones(2, 2), torch.ones(2, 2))"),
    ("linear_in_features", "nn.Linear(3, 2)(torch.ones(4, 5))"),
    ("linear_vector_in_features", "nn.Linear(3, 2)(torch.ones(5))"),
    ("sequential_in_features", "nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(5, 1))(torch.ones(2, 3))"),
    ("module_in_features",
     "class Net(nn.Module):\n"
     "    def __init__(self):\n"
     "        super(Net, self).__init__()\n"
     "        self.fc1 = nn.Linear(3, 4)\n"
     "        self.fc2 = nn.Linear(5, 1)\n"
     "    def forward(self, x):\n"
     "        return self.fc2(F.relu(self.fc1(x)))\n"
     "Net()(torch.ones(2, 3))"),
    ("linear_int_input", "nn.Linear(2, 1)(torch.tensor([[1, 2]]))"),
    ("linear_float_features", "nn.Linear(3, 2.0)"),
    ("relu_list", "F.relu([1.0, -1.0])"),
    ("softmax_implicit_dim", "out = F.softmax(torch.tensor([[1.0, 2.0], [3.0, 5.0]]))"),
    ("linear_list_input", "nn.Linear(3, 2)([1.0, 2.0, 3.0])"),
    ("linear_negative_features", "nn.Linear(-1, 2)"),
    # ---- broadcasting
    ("broadcast_add_rows", "torch.ones(2, 3) + torch.ones(4, 3)"),
    ("broadcast_mul_vectors", "torch.ones(3) * torch.ones(4)"),
    ("broadcast_sub_columns", "torch.ones(2, 3) - torch.ones(2, 2)"),
    ("broadcast_ok", "out = torch.tensor([[1.0], [2.0], [3.0]]) + torch.tensor([[10.0, 20.0]])"),
    ("broadcast_inplace_grow", "a = torch.ones(3, 1)\na += torch.ones(3, 4)"),
    ("add_string", "torch.ones(2) + 'a'"),
    # ---- autograd
    ("backward_non_scalar", "x = torch.ones(3, requires_grad=True)\n(x * 2).backward()"),
    ("backward_gradient_shape", "x = torch.ones(3, requires_grad=True)\n(x * 2).backward(torch.ones(4))"),
    ("backward_no_grad", "torch.ones(2).sum().backward()"),
    ("backward_under_no_grad",
     "x = torch.ones(2, requires_grad=True)\nwith torch.no_grad():\n    y = (x * x).sum()\ny.backward()"),
    ("backward_twice",
     "x = torch.tensor([1.0, 2.0], requires_grad=True)\ny = (x * x).sum()\ny.backward()\ny.backward()"),
    ("backward_twice_retain",
     "x = torch.tensor([1.0, 2.0], requires_grad=True)\ny = (x * x).sum()\n"
     "y.backward(retain_graph=True)\ny.backward()\nout = x.grad"),
    ("inplace_on_saved_result",
     "x = torch.tensor([1.0, 2.0], requires_grad=True)\ny = x.exp()\ny.mul_(2)\ny.sum().backward()\nout = x.grad"),
    ("inplace_on_saved_input",
     "x = torch.tensor([1.0, 2.0], requires_grad=True)\nh = x * 1\ny = h * h\nh.add_(1)\ny.sum().backward()\nout = x.grad"),
    ("inplace_non_leaf_ok",
     "x = torch.tensor([1.0, 2.0], requires_grad=True)\ny = x * 3\ny.add_(1)\n(y * y).sum().backward()\nout = x.grad"),
    ("backward_twice_no_saved_values",
     "x = torch.tensor([1.0, 2.0], requires_grad=True)\ny = (-(x + 2)).sum()\ny.backward()\ny.backward()\nout = x.grad"),
    ("backward_twice_linear",
     "m = nn.Linear(2, 1)\nloss = m(torch.ones(3, 2)).sum()\nloss.backward()\nloss.backward()"),
    ("backward_third_after_retain",
     "x = torch.tensor([1.0, 2.0], requires_grad=True)\ny = x.exp().sum()\ny.backward(retain_graph=True)\n"
     "y.backward()\ny.backward()"),
    ("backward_accumulated_loss",
     "w = torch.tensor([1.0, 2.0], requires_grad=True)\ntotal = 0\nfor i in range(2):\n"
     "    total = total + (w * w).sum()\n    total.backward()"),
    ("numpy_requires_grad", "torch.ones(2, requires_grad=True).numpy()"),
    ("inplace_leaf_add_", "w = torch.ones(2, requires_grad=True)\nw.add_(1)"),
    ("inplace_leaf_isub", "w = torch.ones(2, requires_grad=True)\nw -= 0.1"),
    ("inplace_leaf_setitem", "w = torch.ones(2, requires_grad=True)\nw[0] = 5"),
    ("inplace_leaf_zero_", "w = torch.ones(2, requires_grad=True)\nw.zero_()"),
    ("inplace_leaf_no_grad",
     "w = torch.ones(2, requires_grad=True)\nwith torch.no_grad():\n    w -= 0.5\nout = w"),
    ("requires_grad_non_leaf", "x = torch.ones(2, requires_grad=True)\ny = x * 2\ny.requires_grad = False"),
    ("requires_grad_int", "torch.tensor([1, 2], requires_grad=True)"),
    ("grad_of_non_leaf", "x = torch.ones(2, requires_grad=True)\ny = x * 2\ny.sum().backward()\nout = y.grad"),
    # ---- losses
    ("cross_entropy_float_targets", "F.cross_entropy(torch.zeros(3, 4), torch.tensor([0.0, 1.0, 2.0]))"),
    ("cross_entropy_class_out_of_range", "F.cross_entropy(torch.zeros(3, 4), torch.tensor([0, 1, 4]))"),
    ("cross_entropy_negative_class", "F.cross_entropy(torch.zeros(3, 4), torch.tensor([0, -2, 1]))"),
    ("cross_entropy_batch_sizes", "F.cross_entropy(torch.zeros(3, 4), torch.tensor([0, 1]))"),
    ("cross_entropy_module_out_of_range", "nn.CrossEntropyLoss()(torch.zeros(2, 3), torch.tensor([3, 0]))"),
    ("nll_loss_out_of_range", "F.nll_loss(torch.zeros(2, 3), torch.tensor([0, 3]))"),
    ("mse_loss_broadcast",
     "out = F.mse_loss(torch.tensor([[1.0], [2.0], [3.0]]), torch.tensor([1.0, 2.0, 4.0]))"),
    ("l1_loss_broadcast", "out = F.l1_loss(torch.tensor([[1.0], [2.0]]), torch.tensor([1.0, 3.0]))"),
    ("poisson_nll_broadcast", "out = F.poisson_nll_loss(torch.tensor([[0.5], [1.0]]), torch.tensor([1.0, 3.0]))"),
    ("nll_loss_float_targets", "F.nll_loss(torch.zeros(2, 3), torch.tensor([0.0, 2.0]))"),
    ("cross_entropy_probabilities_shape", "F.cross_entropy(torch.zeros(2, 3), torch.full((2, 2), 0.5))"),
    ("bce_target_out_of_range",
     "out = F.binary_cross_entropy(torch.tensor([0.25, 0.5]), torch.tensor([2.0, -1.0]))"),
    ("mse_loss_sizes", "F.mse_loss(torch.ones(3), torch.ones(4))"),
    ("bce_input_out_of_range", "F.binary_cross_entropy(torch.tensor([1.5, 0.5]), torch.tensor([1.0, 0.0]))"),
    ("bce_sizes", "F.binary_cross_entropy(torch.full((3, 1), 0.5), torch.ones(3))"),
    ("bce_logits_sizes", "F.binary_cross_entropy_with_logits(torch.zeros(3, 1), torch.ones(3))"),
    ("poisson_nll_negative_counts",
     "out = F.poisson_nll_loss(torch.tensor([0.5, -0.2]), torch.tensor([-1.0, 2.0]))"),
    ("mse_loss_nan", "out = F.mse_loss(torch.tensor([float('nan'), 1.0]), torch.tensor([1.0, 1.0]))"),
    ("one_hot_out_of_range", "F.one_hot(torch.tensor([0, 3]), 3)"),
    ("one_hot_negative", "F.one_hot(torch.tensor([0, -1]), 3)"),
    # ---- NaN, Inf, empty
    ("log_zero_negative", "out = torch.log(torch.tensor([0.0, -1.0, 1.0]))"),
    ("exp_overflow", "out = torch.exp(torch.tensor([1000.0, -1000.0]))"),
    ("divide_by_zero", "out = torch.tensor([1.0, -1.0, 0.0]) / 0.0"),
    ("linear_nan_input", "m = nn.Linear(2, 1)\nout = torch.isnan(m(torch.tensor([[float('nan'), 1.0]])))"),
    ("empty_sum_mean", "e = torch.zeros(0, 3)\nout = [e.sum(), e.mean(), e.sum(0)]"),
    ("empty_linear", "out = nn.Linear(3, 2)(torch.zeros(0, 3)).shape"),
    ("empty_mse_loss", "out = F.mse_loss(torch.zeros(0), torch.zeros(0))"),
    ("empty_max", "torch.zeros(0).max()"),
    ("negative_size", "torch.zeros(-1)"),
    # ---- optimisers
    ("optimizer_no_params", "optim.SGD([], lr=0.1)"),
    ("optimizer_float_param", "optim.SGD([1.0], lr=0.1)"),
    ("optimizer_module", "optim.SGD(nn.Linear(2, 1), lr=0.1)"),
    ("optimizer_single_tensor", "w = torch.ones(2, requires_grad=True)\noptim.SGD(w, lr=0.1)"),
    ("optimizer_non_leaf", "x = torch.ones(2, requires_grad=True)\noptim.SGD([x * 2], lr=0.1)"),
    ("sgd_negative_lr", "optim.SGD(nn.Linear(2, 1).parameters(), lr=-0.1)"),
    ("adam_negative_lr", "optim.Adam(nn.Linear(2, 1).parameters(), lr=-0.001)"),
    ("sgd_lr_string", "optim.SGD(nn.Linear(2, 1).parameters(), lr='0.1')"),
    ("sgd_no_lr", "opt = optim.SGD(nn.Linear(2, 1).parameters())\nopt.step()"),
    ("sgd_lr_keyword", "w = torch.ones(2, requires_grad=True)\nopt = optim.SGD([w], momentum=0.5, lr=0.25)\n"
     "w.sum().backward()\nopt.step()\nout = w"),
    ("sgd_negative_momentum", "optim.SGD(nn.Linear(2, 1).parameters(), lr=0.1, momentum=-0.5)"),
    ("adam_beta_out_of_range", "optim.Adam(nn.Linear(2, 1).parameters(), betas=(1.5, 0.999))"),
    ("step_without_backward",
     "w = torch.tensor([1.0, 2.0], requires_grad=True)\nopt = optim.SGD([w], lr=0.1)\nopt.step()\nout = w"),
    # ---- state_dict
    ("load_state_dict_missing",
     "m = nn.Linear(3, 2)\nsd = m.state_dict()\ndel sd['bias']\nm.load_state_dict(sd)"),
    ("load_state_dict_unexpected",
     "m = nn.Linear(3, 2)\nsd = m.state_dict()\nsd['scale'] = torch.ones(1)\nm.load_state_dict(sd)"),
    ("load_state_dict_shapes", "nn.Linear(3, 2).load_state_dict(nn.Linear(4, 2).state_dict())"),
    ("load_state_dict_transposed",
     "m = nn.Linear(3, 2)\nsd = m.state_dict()\nsd['weight'] = sd['weight'].t()\nm.load_state_dict(sd)"),
    ("load_state_dict_not_strict",
     "m = nn.Linear(3, 2)\nsd = m.state_dict()\ndel sd['bias']\nr = m.load_state_dict(sd, strict=False)\n"
     "out = [list(r.missing_keys), list(r.unexpected_keys)]"),
    ("load_state_dict_other_model",
     "a = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))\n"
     "b = nn.Sequential(nn.Linear(2, 3), nn.Linear(3, 1))\nb.load_state_dict(a.state_dict())"),
    # ---- indexing and shapes
    ("index_out_of_range", "torch.ones(3)[5]"),
    ("index_out_of_range_negative", "torch.ones(3)[-4]"),
    ("index_out_of_range_column", "torch.ones(2, 3)[0, 7]"),
    ("too_many_indices", "torch.ones(3)[0, 0]"),
    ("index_list_out_of_range", "torch.ones(3)[[0, 3]]"),
    ("index_select_out_of_range", "torch.ones(3, 2).index_select(0, torch.tensor([0, 5]))"),
    ("setitem_out_of_range", "t = torch.ones(3)\nt[3] = 0.0"),
    ("mask_wrong_size", "torch.ones(3)[torch.tensor([True, False])]"),
    ("view_wrong_size", "torch.ones(2, 3).view(4)"),
    ("view_transposed", "out = torch.arange(6.0).view(2, 3).t().view(6)"),
    ("reshape_transposed", "out = torch.arange(6.0).view(2, 3).t().reshape(6)"),
    ("view_two_inferred", "torch.ones(6).view(-1, -1)"),
    ("view_inferred_not_dividing", "torch.ones(6).view(-1, 4)"),
    ("reshape_wrong_size", "torch.ones(2, 3).reshape(3, 3)"),
    ("cat_sizes", "torch.cat([torch.ones(2, 3), torch.ones(2, 4)])"),
    ("cat_dim_out_of_range", "torch.cat([torch.ones(2, 3), torch.ones(2, 3)], dim=2)"),
    ("cat_empty_list", "torch.cat([])"),
    ("stack_sizes", "torch.stack([torch.ones(3), torch.ones(4)])"),
    ("sum_dim_out_of_range", "torch.ones(2, 3).sum(dim=2)"),
    ("softmax_dim_out_of_range", "F.softmax(torch.ones(2, 3), dim=2)"),
    ("unsqueeze_dim_out_of_range", "torch.ones(3).unsqueeze(2)"),
    ("transpose_dim_out_of_range", "torch.ones(2, 3).transpose(0, 2)"),
    ("squeeze_not_one", "out = torch.ones(2, 3).squeeze(0).shape"),
    ("item_many", "torch.ones(3).item()"),
    ("float_many", "float(torch.ones(3))"),
    ("bool_many", "bool(torch.ones(3) > 0)"),
    ("ragged_tensor", "torch.tensor([[1.0, 2.0], [3.0]])"),
    ("arange_zero_step", "torch.arange(0, 5, 0)"),
    # ---- data
    ("tensor_dataset_sizes", "TensorDataset(torch.zeros(4, 2), torch.zeros(3))"),
    ("dataloader_empty",
     "ds = TensorDataset(torch.zeros(0, 3), torch.zeros(0))\nout = len([b for b in DataLoader(ds, batch_size=4)])"),
    ("dataloader_empty_shuffle",
     "ds = TensorDataset(torch.zeros(0, 3), torch.zeros(0))\nout = len([b for b in DataLoader(ds, batch_size=4, shuffle=True)])"),
    ("dataloader_batch_size_zero", "DataLoader(TensorDataset(torch.zeros(4, 2)), batch_size=0)"),
    ("dataloader_last_batch",
     "ds = TensorDataset(torch.arange(10).float().view(5, 2), torch.arange(5).float())\n"
     "out = [tuple(x.shape) for x, y in DataLoader(ds, batch_size=2)]"),
    ("random_split_lengths", "random_split(TensorDataset(torch.zeros(5, 2)), [2, 2])"),
    # ---- layers and modules
    ("embedding_negative_index", "nn.Embedding(3, 2)(torch.tensor([0, -1]))"),
    ("embedding_float_indices", "nn.Embedding(3, 2)(torch.tensor([0.0, 1.0]))"),
    ("one_hot_float", "F.one_hot(torch.tensor([0.0, 1.0]), 3)"),
    ("cross_entropy_weight_size", "F.cross_entropy(torch.zeros(2, 3), torch.tensor([0, 1]), weight=torch.ones(2))"),
    ("sequential_non_module", "nn.Sequential(nn.Linear(2, 2), 'relu')"),
    ("module_list_of_layers",
     "class Net(nn.Module):\n"
     "    def __init__(self):\n"
     "        super(Net, self).__init__()\n"
     "        self.layers = [nn.Linear(2, 2), nn.Linear(2, 1)]\n"
     "optim.SGD(Net().parameters(), lr=0.1)"),
    ("module_without_super_init",
     "class Net(nn.Module):\n"
     "    def __init__(self):\n"
     "        self.fc = nn.Linear(2, 1)\n"
     "Net()"),
    ("optimizer_parameters_method", "optim.SGD(nn.Linear(2, 1).parameters, lr=0.1)"),
    ("no_grad_without_call", "with torch.no_grad:\n    pass"),
    ("init_kaiming_on_bias", "nn.init.kaiming_uniform_(nn.Linear(2, 3).bias)"),
    ("step_lr_no_step_size", "optim.lr_scheduler.StepLR(optim.SGD(nn.Linear(2, 1).parameters(), lr=0.1))"),
    ("scheduler_on_model", "optim.lr_scheduler.StepLR(nn.Linear(2, 1), step_size=1)"),
    ("parameter_of_int", "nn.Parameter(torch.tensor([1, 2]))"),
    ("assign_parameter_wrong_shape",
     "m = nn.Linear(3, 2)\nm.weight = nn.Parameter(torch.ones(3, 2))\nout = m(torch.ones(1, 3)).shape"),
    ("module_list_append_str", "nn.ModuleList([nn.Linear(2, 2)]).append('relu')"),
    ("module_dict_non_module", "nn.ModuleDict({'a': 3})"),
    ("model_called_without_input", "nn.Linear(2, 1)()"),
    ("model_called_with_two", "nn.Linear(2, 1)(torch.ones(1, 2), torch.ones(1, 2))"),
    ("adam_weight_decay_negative", "optim.Adam(nn.Linear(2, 1).parameters(), weight_decay=-1.0)"),
    ("adam_eps_negative", "optim.Adam(nn.Linear(2, 1).parameters(), eps=-1e-8)"),
    ("exponential_lr_no_gamma", "optim.lr_scheduler.ExponentialLR(optim.SGD(nn.Linear(2, 1).parameters(), lr=0.1))"),
    ("save_to_missing_directory", "torch.save(nn.Linear(2, 1).state_dict(), '/nonexistent/dir/model.pt')"),
    # ---- dtypes and sizes
    ("zeros_3d", "torch.zeros(2, 3, 4)"),
    ("matmul_int_float", "torch.matmul(torch.tensor([[1, 2]]), torch.ones(2, 1))"),
    ("cat_int_float", "out = torch.cat([torch.tensor([1, 2]), torch.tensor([0.5])])"),
    ("sqrt_negative_grad", "x = torch.tensor([-1.0], requires_grad=True)\nx.sqrt().sum().backward()\nout = x.grad"),
    ("log_zero_grad", "x = torch.tensor([0.0], requires_grad=True)\nx.log().sum().backward()\nout = x.grad"),
    ("item_of_empty", "torch.zeros(0).item()"),
    ("mean_of_int", "torch.tensor([1, 2, 3]).mean()"),
    ("softmax_of_int", "F.softmax(torch.tensor([1, 2, 3]), dim=0)"),
    ("int_division", "out = torch.tensor([1, 2]) / torch.tensor([0, 4])"),
    ("randn_float_size", "torch.randn(2, 3.0)"),
    ("zeros_negative_in_tuple", "torch.zeros((2, -3))"),
    ("len_of_0d", "len(torch.tensor(3.0))"),
    ("iterate_0d", "out = [v for v in torch.tensor(3.0)]"),
    ("index_with_float_tensor", "torch.ones(3)[torch.tensor([0.0, 1.0])]"),
    ("where_shapes", "torch.where(torch.ones(3) > 0, torch.ones(3), torch.zeros(4))"),
    ("argmax_dim_out_of_range", "torch.ones(2, 3).argmax(dim=2)"),
    ("max_dim_out_of_range", "torch.max(torch.ones(2, 3), 2)"),
    ("stack_empty_list", "torch.stack([])"),
    ("dataset_index_out_of_range", "TensorDataset(torch.zeros(3, 2))[3]"),
    ("mse_loss_int_target", "out = F.mse_loss(torch.tensor([1.0, 2.0]), torch.tensor([1, 3]))"),
    ("linspace_no_steps", "torch.linspace(0, 1)"),
    ("dropout_p", "nn.Dropout(p=1.5)"),
    ("batchnorm_one_row", "nn.BatchNorm1d(3)(torch.ones(1, 3))"),
    ("batchnorm_features", "nn.BatchNorm1d(4)(torch.ones(2, 3))"),
    ("layernorm_shape", "nn.LayerNorm(4)(torch.ones(2, 3))"),
    ("embedding_out_of_range", "nn.Embedding(3, 2)(torch.tensor([0, 3]))"),
    # ---- float32 and float64 (the default dtype is float32; the bridge computes in float64 and carries the label)
    ("linear_float64_input", "nn.Linear(3, 1)(torch.ones(2, 3, dtype=torch.float64))"),
    ("linear_double_model_float_input", "nn.Linear(3, 1).double()(torch.ones(2, 3))"),
    ("sequential_float64_input", "nn.Sequential(nn.Linear(3, 2), nn.ReLU())(torch.ones(2, 3, dtype=torch.float64))"),
    ("module_numpy_float64_input",
     "class Net(nn.Module):\n"
     "    def __init__(self):\n"
     "        super(Net, self).__init__()\n"
     "        self.fc = nn.Linear(2, 1)\n"
     "    def forward(self, x):\n"
     "        return self.fc(x)\n"
     "Net()(torch.ones(4, 2).double())"),
    ("default_float64_float32_input",
     "torch.set_default_dtype(torch.float64)\nnn.Linear(3, 1)(torch.ones(2, 3, dtype=torch.float32))"),
    ("mm_float_double", "torch.mm(torch.ones(2, 3), torch.ones(3, 2, dtype=torch.float64))"),
    ("matmul_double_float", "torch.matmul(torch.ones(2, 3, dtype=torch.float64), torch.ones(3, 2))"),
    ("matmul_vector_double", "torch.matmul(torch.ones(2, 3), torch.ones(3, dtype=torch.float64))"),
    ("dot_float_double", "torch.dot(torch.ones(3), torch.ones(3, dtype=torch.float64))"),
    ("bce_double_target", "F.binary_cross_entropy(torch.full((3,), 0.5), torch.ones(3, dtype=torch.float64))"),
    ("double_model_double_input", "out = nn.Linear(3, 1).double()(torch.ones(2, 3, dtype=torch.float64)).dtype"),
    ("to_float64_model", "out = nn.Linear(3, 1).to(torch.float64)(torch.ones(2, 3).double()).dtype"),
    ("add_float_double_promotes", "out = (torch.ones(2) + torch.ones(2, dtype=torch.float64)).dtype"),
    ("mul_float_0d_double", "out = (torch.ones(2) * torch.tensor(2.0, dtype=torch.float64)).dtype"),
    ("mul_double_python_float", "out = (torch.ones(2, dtype=torch.float64) * 2.0).dtype"),
    ("int_times_double", "out = (torch.tensor([1, 2]) * torch.ones(2, dtype=torch.float64)).dtype"),
    ("int_division_default", "out = (torch.tensor([1, 2]) / 2).dtype"),
    ("mse_loss_float_double", "out = F.mse_loss(torch.ones(3), torch.zeros(3, dtype=torch.float64)).dtype"),
    ("cat_float_double", "out = torch.cat([torch.ones(2), torch.ones(2, dtype=torch.float64)]).dtype"),
    ("exp_keeps_double", "out = torch.exp(torch.ones(2, dtype=torch.float64)).dtype"),
    ("double_float_round_trip", "out = [torch.ones(2).double().dtype, torch.ones(2).double().float().dtype]"),
    ("tensor_type_names", "out = [torch.ones(2).type(), torch.ones(2).double().type(), torch.tensor([1]).type()]"),
    ("default_dtype", "out = [torch.get_default_dtype(), torch.zeros(2).dtype, torch.tensor([1.5]).dtype]"),
    ("double_requires_grad_backward",
     "w = torch.ones(2, dtype=torch.float64, requires_grad=True)\n(w * torch.ones(2)).sum().backward()\n"
     "out = [w.grad.dtype, w.grad]"),
    ("linear_dtype_float64_float_input", "nn.Linear(2, 1, dtype=torch.float64)(torch.ones(1, 2))"),
    ("linear_dtype_float64", "out = nn.Linear(2, 1, dtype=torch.float64)(torch.ones(1, 2, dtype=torch.float64)).dtype"),
    ("numpy_float64_input", "import numpy as np\nnn.Linear(2, 1)(torch.from_numpy(np.array([[1.0, 2.0]])))"),
    ("numpy_tensor_dtypes",
     "import numpy as np\nout = [torch.tensor(np.array([1.0])).dtype, torch.from_numpy(np.array([1, 2])).dtype, "
     "torch.tensor(np.array([1.0]), dtype=torch.float32).dtype]"),
    ("weight_data_double", "m = nn.Linear(2, 1)\nm.weight.data = torch.ones(1, 2, dtype=torch.float64)\nm(torch.ones(1, 2))"),
    ("deepcopy_double_model",
     "import copy\nm = copy.deepcopy(nn.Linear(2, 1).double())\nout = m(torch.ones(1, 2).double()).dtype"),
    ("double_net_with_batchnorm",
     "net = nn.Sequential(nn.Linear(2, 3), nn.BatchNorm1d(3), nn.ReLU(), nn.Linear(3, 1)).double()\n"
     "out = net(torch.ones(4, 2).double()).dtype"),
    ("print_double_tensor", "out = repr(torch.tensor([1.0, 2.5], dtype=torch.float64))"),
    # ---- something other than a tensor where one is required
    ("relu_none", "F.relu(None)"),
    ("relu_number", "F.relu(1.0)"),
    ("leaky_relu_list", "F.leaky_relu([1.0], 0.2)"),
    ("torch_exp_list", "torch.exp([1.0])"),
    ("torch_sigmoid_none", "torch.sigmoid(None)"),
    ("linear_none_input", "nn.Linear(2, 1)(None)"),
    ("linear_forward_list", "nn.Linear(1, 1).forward([1.0])"),
    ("sequential_list_input", "nn.Sequential(nn.Linear(1, 1), nn.ReLU())([1.0])"),
    ("relu_module_list", "nn.ReLU()([1.0])"),
    ("f_softmax_list", "F.softmax([1.0, 2.0], dim=0)"),
    ("f_log_softmax_none", "F.log_softmax(None, dim=0)"),
    ("f_tanh_list", "F.tanh([1.0])"),
    ("f_sigmoid_number", "F.sigmoid(0.5)"),
    ("softmax_module_list", "nn.Softmax(dim=0)([1.0])"),
    ("flatten_module_list", "nn.Flatten()([1.0])"),
    ("torch_softmax_list", "torch.softmax([1.0], dim=0)"),
    ("dropout_module_list", "nn.Dropout()([1.0])"),
    ("sequential_flatten_first_list", "nn.Sequential(nn.Flatten(), nn.Linear(1, 1))([1.0])"),
    ("tanh_module_none", "nn.Tanh()(None)"),
    ("mm_list", "torch.mm(torch.ones(1, 1), [[1.0]])"),
    ("mm_list_first", "torch.mm([[1.0]], torch.ones(1, 1))"),
    ("matmul_number", "torch.matmul(torch.ones(1, 1), 2.0)"),
    ("mse_loss_list", "F.mse_loss([1.0], torch.ones(1))"),
    ("bce_logits_none_target", "F.binary_cross_entropy_with_logits(torch.zeros(1), None)"),
    ("cross_entropy_list", "F.cross_entropy([[1.0, 0.0]], torch.tensor([0]))"),
    ("nll_loss_list_target", "F.nll_loss(torch.zeros(1, 2), [0])"),
    ("poisson_nll_list", "F.poisson_nll_loss([0.5], torch.ones(1))"),
    ("mse_loss_module_list", "nn.MSELoss()(torch.ones(1), [1.0])"),
    ("cross_entropy_module_list", "nn.CrossEntropyLoss()([[1.0, 0.0]], torch.tensor([0]))"),
    # ---- assigning to a parameter
    ("assign_tensor_to_weight", "m = nn.Linear(3, 2)\nm.weight = torch.zeros(2, 3)"),
    ("assign_double_tensor_to_bias", "m = nn.Linear(3, 2)\nm.bias = torch.zeros(2, dtype=torch.float64)"),
    ("assign_grad_tensor_to_weight", "m = nn.Linear(3, 2)\nm.weight = torch.zeros(2, 3, requires_grad=True)"),
    ("assign_number_to_weight", "m = nn.Linear(3, 2)\nm.weight = 3.0"),
    ("assign_tensor_to_own_parameter",
     "class Net(nn.Module):\n"
     "    def __init__(self):\n"
     "        super(Net, self).__init__()\n"
     "        self.scale = nn.Parameter(torch.ones(2))\n"
     "net = Net()\nnet.scale = torch.zeros(2)"),
    ("assign_parameters_ok",
     "m = nn.Linear(3, 2)\nm.weight = nn.Parameter(torch.ones(2, 3))\nm.bias = nn.Parameter(torch.zeros(2))\n"
     "out = m(torch.ones(1, 3))"),
    ("assign_parameter_to_own_ok",
     "class Net(nn.Module):\n"
     "    def __init__(self):\n"
     "        super(Net, self).__init__()\n"
     "        self.scale = nn.Parameter(torch.ones(2))\n"
     "net = Net()\nnet.scale = nn.Parameter(torch.full((2,), 3.0))\nout = [n for n, p in net.named_parameters()] + [net.scale]"),
    ("assign_double_parameter_float_input",
     "m = nn.Linear(3, 2)\nm.weight = nn.Parameter(torch.zeros(2, 3, dtype=torch.float64))\nm(torch.ones(1, 3))"),
    ("assign_none_to_bias", "m = nn.Linear(3, 2)\nm.bias = None\nout = m.bias"),
]


def show(v):
    """A value as text: tensors by shape and values to 5 significant digits."""
    if isinstance(v, torch.Tensor):
        values = v.detach().reshape(-1).tolist()
        return "tensor%s %s" % (list(v.shape), show(values))
    if isinstance(v, (list, tuple)):
        return "[%s]" % ", ".join(show(x) for x in v)
    if isinstance(v, float):
        return "%.5g" % v
    return str(v)


def run(name, code):
    env = {'torch': torch, 'nn': nn, 'F': F, 'optim': optim, 'DataLoader': DataLoader,
           'TensorDataset': TensorDataset, 'random_split': random_split, 'math': math}
    torch.manual_seed(0)
    torch.set_default_dtype(torch.float32)  # a case may change it
    try:
        exec(code, env)
    except (Exception, _Java) as e:
        message = " | ".join(line.strip() for line in str(e).strip().split("\n"))[:300]
        return "%s: %s: %s" % (name, type(e).__name__, message)
    return "%s: ok: %s" % (name, show(env.get('out')))


def main(names=None):
    import warnings
    warnings.simplefilter("ignore")
    for name, code in CASES:
        if names is None or name in names:
            print(run(name, code))


if __name__ == '__main__':
    main(sys.argv[1:] or None)

"""torch.optim.Optimizer as PyTorch 1.13's base class, for optimisers written in Python: a subclass calls
super().__init__(params, defaults) and updates group['params'] in step() (a custom SGD of a tutorial, or LBFGS).
param_groups is a list of dicts (each with 'params' and every default not given), state a defaultdict(dict) keyed
by parameter; zero_grad, add_param_group, state_dict/load_state_dict and print(optimizer) are PyTorch's.
isinstance(opt, torch.optim.Optimizer) is True for these and for the engine's optimisers (SGD, Adam, ...)."""
from __future__ import absolute_import

from collections import defaultdict

from neuralglm.jython import TorchOptimizer as _EngineOptimizer


class _OptimizerType(type):
    """isinstance(opt, Optimizer) also for the engine's optimisers (Java classes that cannot subclass this one)."""

    def __instancecheck__(cls, instance):
        if cls is Optimizer and isinstance(instance, _EngineOptimizer):
            return True
        return type.__instancecheck__(cls, instance)


class _Required(object):
    def __repr__(self):
        return "<required parameter>"


required = _Required()


class Optimizer(object):
    """Base class of optimisers: Optimizer(params, defaults), params an iterable of tensors or of dicts (groups)."""
    __metaclass__ = _OptimizerType

    def __init__(self, params, defaults):
        import torch
        self.defaults = defaults
        self.state = defaultdict(dict)
        self.param_groups = []
        if isinstance(params, torch.Tensor):
            raise TypeError("params argument given to the optimizer should be an iterable of Tensors or dicts, "
                            "but got " + torch.typename(params))
        groups = list(params)
        if len(groups) == 0:
            raise ValueError("optimizer got an empty parameter list")
        if not isinstance(groups[0], dict):
            groups = [{'params': groups}]
        for group in groups:
            self.add_param_group(group)

    def add_param_group(self, param_group):
        """Adds a group: a dict with 'params' (a tensor or an iterable of tensors) and options of its own."""
        import torch
        if not isinstance(param_group, dict):
            raise TypeError("param group must be a dict")
        params = param_group['params']
        param_group['params'] = [params] if isinstance(params, torch.Tensor) else list(params)
        for param in param_group['params']:
            if not isinstance(param, torch.Tensor):
                raise TypeError("optimizer can only optimize Tensors, but one of the params is " + torch.typename(param))
            if not param.is_leaf:
                raise ValueError("can't optimize a non-leaf Tensor")
        for name, default in self.defaults.items():
            if default is required and name not in param_group:
                raise ValueError("parameter group didn't specify a value of required optimization parameter " + name)
            param_group.setdefault(name, default)
        seen = set()
        for group in self.param_groups:
            seen.update(id(p) for p in group['params'])
        if any(id(p) in seen for p in param_group['params']):
            raise ValueError("some parameters appear in more than one parameter group")
        self.param_groups.append(param_group)

    def zero_grad(self, set_to_none=False):
        """Clears every parameter's gradient (None with set_to_none=True, else zeros)."""
        for group in self.param_groups:
            for p in group['params']:
                if p.grad is not None:
                    if set_to_none:
                        p.grad = None
                    else:
                        p.grad = p.grad.detach() * 0

    def step(self, closure=None):
        raise NotImplementedError

    def state_dict(self):
        """{'state': {index: state}, 'param_groups': [group options with 'params' as indices]}, as PyTorch's."""
        index, groups, start = {}, [], 0
        for group in self.param_groups:
            packed = dict((k, v) for k, v in group.items() if k != 'params')
            packed['params'] = list(range(start, start + len(group['params'])))
            for i, p in enumerate(group['params']):
                index[id(p)] = start + i
            start += len(group['params'])
            groups.append(packed)
        state = dict((index[id(p)], v) for p, v in self.state.items() if id(p) in index)
        return {'state': state, 'param_groups': groups}

    def load_state_dict(self, state_dict):
        groups = state_dict['param_groups']
        if len(groups) != len(self.param_groups):
            raise ValueError("loaded state dict has a different number of parameter groups")
        if any(len(g['params']) != len(s['params']) for g, s in zip(self.param_groups, groups)):
            raise ValueError("loaded state dict contains a parameter group that doesn't match the size of optimizer's group")
        params = [p for g in self.param_groups for p in g['params']]
        self.state = defaultdict(dict)
        for i, value in state_dict['state'].items():
            self.state[params[i]] = _copy(value)
        for group, saved in zip(self.param_groups, groups):
            for k, v in saved.items():
                if k != 'params':
                    group[k] = v

    def __repr__(self):
        text = self.__class__.__name__ + ' ('
        for i, group in enumerate(self.param_groups):
            text += '\nParameter Group {0}\n'.format(i)
            for key in sorted(group.keys()):
                if key != 'params':
                    text += '    {0}: {1}\n'.format(key, _text(group[key]))   # Jython's format prints False as 0
        return text + ')'


def _copy(value):
    import torch
    if isinstance(value, torch.Tensor):
        return value.detach().clone()
    if isinstance(value, dict):
        return dict((k, _copy(v)) for k, v in value.items())
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def _text(value):
    """A group option as Python 3's format prints it (Jython's prints False as 0 and floats to 12 digits)."""
    return repr(value) if isinstance(value, float) else str(value)

"""Parameter groups for the engine's optimisers: torch.optim.SGD([{'params': base}, {'params': head, 'lr': 1e-3}],
lr=1e-2, momentum=0.9) is one engine optimiser per group, each with the constructor's options overridden by its
group's, stepped together. optimizer.param_groups is the list of their groups (a scheduler's group['lr'] = ... reaches
the group's optimiser, keeping its state); state_dict/load_state_dict number the parameters across the groups, as
PyTorch's; print(optimizer) lists every group. An optimiser given one list of parameters stays the engine's own."""
from __future__ import absolute_import

from torch.optim.optimizer import Optimizer


class _GroupedOptimizer(Optimizer):
    """Several engine optimisers of one kind, one per parameter group."""
    _engine = None   # the engine class (TorchSGD, ...), set by subclasses

    def __init__(self, groups, args, kwargs):
        self._args, self._kwargs = tuple(args), dict(kwargs)
        self._optimizers = []
        self.state = {}
        for group in groups:
            self.add_param_group(group)

    @property
    def defaults(self):
        return self._optimizers[0].defaults

    @property
    def param_groups(self):
        return [o.param_groups[0] for o in self._optimizers]

    def add_param_group(self, param_group):
        """A new group: an engine optimiser over its 'params' with the constructor's options and the group's own."""
        if not isinstance(param_group, dict):
            raise TypeError("param group must be a dict")
        options = dict(self._kwargs)
        args = self._args
        for key, value in param_group.items():
            if key != 'params':
                options[key] = value
        if 'lr' in options and args:
            args = args[1:]   # the group's lr replaces the constructor's positional one
        extra = dict((k, v) for k, v in options.items() if k not in _KNOWN[self._engine.__name__])
        for key in extra:   # a scheduler's own key ('initial_lr') goes into the group's dict afterwards
            del options[key]
        params = param_group['params']
        from neuralglm.jython import Tensor
        params = [params] if isinstance(params, Tensor) else list(params)
        seen = set(id(p) for o in self._optimizers for p in o.param_groups[0]['params'])
        if any(id(p) in seen for p in params):
            raise ValueError("some parameters appear in more than one parameter group")
        optimizer = self._engine(params, *args, **options)
        for key, value in extra.items():
            optimizer.param_groups[0][key] = value
        self._optimizers.append(optimizer)

    def zero_grad(self, set_to_none=False):
        for o in self._optimizers:
            o.zero_grad(set_to_none=set_to_none)

    def step(self, closure=None):
        """Calls the closure (with recording on), then steps every group's optimiser; returns the closure's loss."""
        loss = None
        if closure is not None:
            import torch
            with torch.enable_grad():
                loss = closure()
        for o in self._optimizers:
            o.step()
        return loss

    def state_dict(self):
        """PyTorch's layout: parameters numbered 0, 1, ... across the groups in order."""
        state, groups, start = {}, [], 0
        for o in self._optimizers:
            sd = o.state_dict()
            for i, value in sd['state'].items():
                state[start + i] = value
            group = sd['param_groups'][0]
            group['params'] = [start + i for i in group['params']]
            groups.append(group)
            start += len(group['params'])
        return {'state': state, 'param_groups': groups}

    def load_state_dict(self, state_dict):
        groups = state_dict['param_groups']
        if len(groups) != len(self._optimizers):
            raise ValueError("loaded state dict has a different number of parameter groups")
        for o, group in zip(self._optimizers, groups):
            ids = list(group['params'])
            local = dict((k, v) for k, v in group.items() if k != 'params')
            local['params'] = list(range(len(ids)))
            o.load_state_dict({'state': dict((ids.index(i), v) for i, v in state_dict['state'].items() if i in ids),
                               'param_groups': [local]})
            for key, value in group.items():   # the scheduler's keys too
                if key not in ('params',) and key not in _KNOWN[self._engine.__name__]:
                    o.param_groups[0][key] = value



# the options each engine optimiser takes (others in a group dict are kept in the group, as a scheduler's)
_KNOWN = {
    'TorchSGD': ('lr', 'momentum', 'dampening', 'weight_decay', 'nesterov', 'maximize', 'foreach', 'differentiable'),
    'TorchAdam': ('lr', 'betas', 'eps', 'weight_decay', 'amsgrad', 'maximize', 'foreach', 'capturable',
                  'differentiable', 'fused'),
    'TorchAdamW': ('lr', 'betas', 'eps', 'weight_decay', 'amsgrad', 'maximize', 'foreach', 'capturable',
                   'differentiable', 'fused'),
    'TorchRMSprop': ('lr', 'alpha', 'eps', 'weight_decay', 'momentum', 'centered', 'maximize', 'foreach',
                     'differentiable'),
    'TorchAdagrad': ('lr', 'lr_decay', 'weight_decay', 'initial_accumulator_value', 'eps', 'maximize', 'foreach',
                     'differentiable'),
}


class _OptimizerClass(type(Optimizer)):
    """isinstance(opt, torch.optim.SGD) for the engine's SGD and for a grouped one."""

    def __instancecheck__(cls, instance):
        engine = cls.__dict__.get('_engine_class')
        if engine is None:
            return type(Optimizer).__instancecheck__(cls, instance)
        return isinstance(instance, engine) or (isinstance(instance, _GroupedOptimizer) and instance._engine is engine)


def grouped(name, engine):
    """torch.optim.<name>: the engine's optimiser for one list of parameters, a grouped one for a list of dicts."""
    grouped_class = type(name, (_GroupedOptimizer,), {'_engine': engine, '__doc__': "torch.optim.%s with parameter "
                                                      "groups: one engine %s per group" % (name, name)})

    def new(cls, params, *args, **kwargs):
        from neuralglm.jython import Tensor
        if not isinstance(params, (Tensor,)) and not hasattr(params, 'named_parameters'):
            params = list(params)
            if params and isinstance(params[0], dict):
                return grouped_class(params, args, kwargs)
        return engine(params, *args, **kwargs)
    return _OptimizerClass(name, (object,), {'__new__': new, '_engine_class': engine,
                                             '__doc__': engine.__doc__ or "torch.optim." + name})

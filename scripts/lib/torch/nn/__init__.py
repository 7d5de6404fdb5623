"""torch.nn: modules (Linear, activations, Softmax, Sequential), losses (modules too, as PyTorch's), and
Parameter. nn.Module is the bridge's Java Module: subclass it and write forward with tensor
operations (its parameters are found in its attributes); nn.Sequential runs its layers as one
engine network. nn.functional is torch.nn.functional."""
from __future__ import absolute_import

from neuralglm.jython import Module, TorchParameter as Parameter, Nn as _Nn, Loss as _Loss
from neuralglm.jython import TorchSequential as _Sequential, Dropout, TorchLinear as Linear, Tensor as _Tensor
from neuralglm.jython import Torch as _T
from collections import OrderedDict as _OrderedDict, namedtuple as _namedtuple

import _shim

ReLU, LeakyReLU, ELU, Tanh = _Nn.ReLU, _Nn.LeakyReLU, _Nn.ELU, _Nn.Tanh
Sigmoid, Softplus, Identity = _Nn.Sigmoid, _Nn.Softplus, _Nn.Identity
Softmax, LogSoftmax, Flatten = _Nn.Softmax, _Nn.LogSoftmax, _Nn.Flatten


def _own_buffers(self, persistent_only=True):
    """(name, tensor) of the buffers registered on this module itself (a Python subclass; the bridge's own
    modules have none), the persistent ones only or all."""
    attributes = getattr(self, '__dict__', None) or {}
    transient = attributes.get('_nglm_transient', ())
    return [(name, getattr(self, name)) for name in attributes.get('_nglm_buffers', ())
            if getattr(self, name, None) is not None and not (persistent_only and name in transient)]


def _named_buffers(self, prefix='', persistent_only=False):
    """module.named_buffers(): (name, tensor) of the buffers of this module and of the modules inside."""
    out = [(prefix + name, value) for name, value in _own_buffers(self, persistent_only)]
    for name, child in self.named_children():
        out.extend(_named_buffers(child, prefix + str(name) + '.', persistent_only))
    return out


def _register_buffer(self, name, tensor, persistent=True):
    """module.register_buffer(name, tensor, persistent=True): an attribute that is not a parameter (not trained)
    but, when persistent, is saved in state_dict() and restored by load_state_dict()."""
    setattr(self, name, tensor)
    for attribute, listed in (('_nglm_buffers', True), ('_nglm_transient', not persistent)):
        names = self.__dict__.get(attribute)
        if names is None:
            names = []
            setattr(self, attribute, names)
        if listed and name not in names:
            names.append(name)


class _PrintedOrderedDict(_OrderedDict):
    """An OrderedDict that print() shows as its repr, as CPython does (Jython's dict has a str of its own, which
    printed a state_dict as a plain dict)."""
    __str__ = _OrderedDict.__repr__


_PrintedOrderedDict.__name__ = 'OrderedDict'


def _state_dict(self, destination=None, prefix='', keep_vars=False):
    """module.state_dict(): an OrderedDict of name to a detached copy of each parameter's value and each persistent
    buffer, in PyTorch's order (a module's own parameters, its buffers, then its modules'), built in Python as the
    Java method cannot be called unbound on a Python subclass."""
    if destination is None:
        destination = _PrintedOrderedDict()
    for name, value in self.named_parameters():
        if '.' not in name:
            destination[prefix + str(name)] = value if keep_vars else value.detach()
    for name, value in _own_buffers(self):
        destination[prefix + name] = value if keep_vars else value.detach()
    for name, child in self.named_children():
        _state_dict(child, destination, prefix + str(name) + '.', keep_vars)
    return destination


class _IncompatibleKeys(_namedtuple('IncompatibleKeys', ['missing_keys', 'unexpected_keys'])):
    """What load_state_dict returns, printed as PyTorch prints it."""

    def __repr__(self):
        if not self.missing_keys and not self.unexpected_keys:
            return '<All keys matched successfully>'
        return '_IncompatibleKeys(missing_keys=%r, unexpected_keys=%r)' % (self.missing_keys, self.unexpected_keys)

    __str__ = __repr__


def _load_state_dict(self, state_dict, strict=True):
    """module.load_state_dict(state_dict, strict=True): copies the values into the parameters and persistent
    buffers of the same names (PyTorch layout: a Linear's weight out x in); with strict=False, names missing on
    either side are passed over. Returns the missing and unexpected keys, as PyTorch. What does not fit (a
    missing or unexpected name with strict=True, a value of another shape with either) is a RuntimeError naming
    all of them, as PyTorch's, and nothing is copied."""
    import torch
    targets = _OrderedDict((str(k), v) for k, v in _state_dict(self, keep_vars=True).items())
    given = [str(k) for k in state_dict]
    unexpected = [k for k in given if k not in targets]
    missing = [k for k in targets if k not in given]
    errors = []
    if strict and missing:
        errors.append('Missing key(s) in state_dict: %s.' % ", ".join('"%s"' % k for k in missing))
    if strict and unexpected:
        errors.append('Unexpected key(s) in state_dict: %s.' % ", ".join('"%s"' % k for k in unexpected))
    values = []
    for key, value in state_dict.items():
        target = targets.get(str(key))
        if target is None:
            continue
        value = value if isinstance(value, _Tensor) else torch.tensor(value)
        if tuple(value.shape) != tuple(target.shape) and not (value.numel() == 1 and target.numel() == 1):
            errors.append('size mismatch for %s: copying a param with shape %s from checkpoint, the shape in current '
                          'model is %s.' % (key, torch.Size(value.shape), torch.Size(target.shape)))
        values.append((target, value))
    if errors:
        name = type(self).__name__
        raise RuntimeError("Error(s) in loading state_dict for %s: %s (this module has %s)"
                           % (name[5:] if name.startswith('Torch') else name, " ".join(errors), ", ".join(targets)))
    with torch.no_grad():
        for target, value in values:
            target.copy_(value)
    return _IncompatibleKeys(missing, unexpected)


def _named_modules(self, memo=None, prefix=''):
    """module.named_modules(): ('', module) and (dotted name, module) for every module inside, depth first."""
    if memo is None:
        memo = set()
    out = []
    if id(self) not in memo:
        memo.add(id(self))
        out.append((prefix, self))
        for name, child in self.named_children():
            out.extend(_named_modules(child, memo, prefix + ('.' if prefix else '') + str(name)))
    return out


Module.state_dict = _state_dict
Module.load_state_dict = _load_state_dict


def _named(java_method):
    """named_parameters(prefix='', recurse=True) over the Java method without arguments: names prefixed
    ('model.0.weight'), or only the module's own with recurse=False."""
    def named(self, prefix='', recurse=True, remove_duplicate=True):
        pairs = list(java_method(self))
        if not recurse:
            pairs = [(n, p) for n, p in pairs if '.' not in n]
        return iter([((prefix + '.' + n) if prefix else n, p) for n, p in pairs])
    named.__name__ = 'named_parameters'
    return named


def _parameters_of(named):
    def parameters(self, recurse=True):
        return iter([p for _, p in named(self, recurse=recurse)])
    return parameters
# the Java module classes list Module's Java methods in their own type dicts: theirs too (an OrderedDict, printed as
# PyTorch's: print(nn.Linear(1, 1).state_dict()) printed a plain dict)
from neuralglm.jython import EngineModule as _EngineModule  # noqa: E402
for _cls in (Linear, _Sequential, Dropout, _EngineModule):
    _cls.state_dict = _state_dict
    _cls.load_state_dict = _load_state_dict
for _cls in (Module, Linear, _Sequential, Dropout, _EngineModule):
    _cls.named_parameters = _named(_cls.__dict__.get('named_parameters', Module.__dict__['named_parameters']))
    _cls.parameters = _parameters_of(_cls.named_parameters)
Module.register_buffer = _register_buffer
Module.named_buffers = lambda self: iter(_named_buffers(self))
Module.buffers = lambda self: iter([value for _, value in _named_buffers(self)])
Module.named_modules = lambda self: iter(_named_modules(self))
def _apply(self, fn):
    """module.apply(fn): fn on every module inside, then on this one (as for weight initialisation); returns it."""
    for child in self.children():
        _apply(child, fn)
    fn(self)
    return self


Module.apply = _apply


def _no_hooks(name):
    def refuse(self, *args, **kwargs):
        raise ValueError("Module.%s is not supported by neuralGLM's PyTorch bridge: a module has no backward hooks; "
                         "register a hook on its output tensor (out.register_hook) or use a forward hook" % name)
    refuse.__name__ = name
    return refuse


for _name in ('register_backward_hook', 'register_full_backward_hook'):
    setattr(Module, _name, _no_hooks(_name))
Module.float = lambda self: self.float_()
Module.double = lambda self: self.double_()


def _sequential_layer(self, name):
    """model.fc1 on a Sequential of an OrderedDict: the layer of that name (Jython asks only for names the class lacks)."""
    for layer_name, layer in self.named_children():
        if layer_name == name:
            return layer
    raise AttributeError("'Sequential' object has no attribute '%s'" % name)


_Sequential.__getattr__ = _sequential_layer


def _sequential_append(self, module):
    """seq.append(module): the module added at the end (named by its position); returns the Sequential."""
    self.add_module(str(len(self)), module)
    return self


def _sequential_extend(self, modules):
    for module in modules:
        _sequential_append(self, module)
    return self


_Sequential.append = _sequential_append
_Sequential.extend = _sequential_extend


def _register_parameter(self, name, param):
    """module.register_parameter(name, param): param (an nn.Parameter, or None) as the attribute name."""
    if '.' in name:
        raise KeyError("parameter name can't contain \".\"")
    if name == '':
        raise KeyError("parameter name can't be empty string \"\"")
    if param is not None and not isinstance(param, Parameter):
        raise TypeError("cannot assign '%s' object to parameter '%s' (torch.nn.Parameter or None required)"
                        % (_torch_typename(param), name))
    setattr(self, name, param)


def _add_module(self, name, module):
    """module.add_module(name, child) (register_module): child as the attribute name."""
    if module is not None and not isinstance(module, Module):
        raise TypeError("%s is not a Module subclass" % _torch_typename(module))
    if '.' in name:
        raise KeyError("module name can't contain \".\", got: %s" % name)
    setattr(self, name, module)


def _torch_typename(obj):
    import torch
    return torch.typename(obj)  # noqa (torch is imported by then)


def _get_submodule(self, target):
    """module.get_submodule('encoder.0'): the module at that dotted path."""
    module = self
    if target == '':
        return module
    for item in target.split('.'):
        children = dict(module.named_children())
        if item not in children:
            raise AttributeError(module.__class__.__name__ + " has no attribute `" + item + "`")
        module = children[item]
    return module


def _get_parameter(self, target):
    """module.get_parameter('encoder.0.weight')."""
    path, _, name = target.rpartition('.')
    params = dict(_get_submodule(self, path).named_parameters())
    if name not in params:
        raise AttributeError("`" + name + "` is not an nn.Parameter")
    return params[name]


Module.register_parameter = _register_parameter
if not hasattr(Module, 'add_module'):
    Module.add_module = _add_module
Module.register_module = _add_module
Module.get_submodule = _get_submodule
Module.get_parameter = _get_parameter


class ParameterList(Module):
    """nn.ParameterList(parameters): parameters registered as this module's "0", "1", ... (so that they are the
    model's: plist.0 in named_parameters); index, iterate, append, extend."""

    def __init__(self, values=None):
        super(ParameterList, self).__init__()
        self.__dict__['_nglm_size'] = 0
        if values is not None:
            self.extend(values)

    def append(self, value):
        value = value if isinstance(value, Parameter) else Parameter(value)
        setattr(self, str(len(self)), value)
        self.__dict__['_nglm_size'] = len(self) + 1
        return self

    def extend(self, values):
        for value in values:
            self.append(value)
        return self

    def __len__(self):
        return self.__dict__['_nglm_size']

    def __iter__(self):
        return iter([getattr(self, str(i)) for i in range(len(self))])

    def __getitem__(self, index):
        if isinstance(index, slice):
            return ParameterList(list(self)[index])
        return getattr(self, str(range(len(self))[index]))

    def __setitem__(self, index, value):
        setattr(self, str(range(len(self))[index]), value if isinstance(value, Parameter) else Parameter(value))

    def extra_repr(self):
        return '\n'.join('  (%d): %s' % (k, _parameter_line(p)) for k, p in enumerate(self))

    def forward(self, *args):
        raise NotImplementedError("ParameterList is not called itself; use its parameters in forward")


def _parameter_line(p):
    return "Parameter containing: [%s of size %s]" % (p.dtype, 'x'.join(str(s) for s in p.shape))


class ParameterDict(Module):
    """nn.ParameterDict(dict or pairs): parameters registered under their keys; index by key, keys(), values(),
    items(), len, in, update."""

    def __init__(self, parameters=None):
        super(ParameterDict, self).__init__()
        self.__dict__['_nglm_keys'] = []
        if parameters is not None:
            self.update(parameters)

    def update(self, parameters):
        pairs = parameters.items() if hasattr(parameters, 'items') else parameters
        for key, value in pairs:
            self[key] = value

    def __setitem__(self, key, value):
        setattr(self, key, value if isinstance(value, Parameter) else Parameter(value))
        if key not in self.__dict__['_nglm_keys']:
            self.__dict__['_nglm_keys'].append(key)

    def __getitem__(self, key):
        if key not in self.__dict__['_nglm_keys']:
            raise KeyError(key)
        return getattr(self, key)

    def keys(self):
        return list(self.__dict__['_nglm_keys'])

    def values(self):
        return [self[k] for k in self.keys()]

    def items(self):
        return [(k, self[k]) for k in self.keys()]

    def __len__(self):
        return len(self.__dict__['_nglm_keys'])

    def __iter__(self):
        return iter(self.keys())

    def __contains__(self, key):
        return key in self.__dict__['_nglm_keys']

    def extra_repr(self):
        # PyTorch 1.13's ParameterDict names the legacy type (torch.FloatTensor) where ParameterList names the dtype
        return '\n'.join('  (%s): Parameter containing: [%s of size %s]' % (k, p.type(), 'x'.join(str(n) for n in p.shape))
                         for k, p in self.items())

    def forward(self, *args):
        raise NotImplementedError("ParameterDict is not called itself; use its parameters in forward")


def _deepcopy_module(self, memo):
    """copy.deepcopy(model), as for keeping the best model: a module of the same kind with copies of the
    parameters (values and requires_grad; no gradient, as PyTorch's), its modules copied likewise and its other attributes
    deep-copied; nothing is shared with the original, not even a parameter-free layer."""
    import copy
    if id(self) in memo:
        return memo[id(self)]
    if isinstance(self, Linear):
        new = Linear(self.in_features, self.out_features, bias=self.bias is not None)
        memo[id(self)] = new
        for name, p in self.named_parameters():
            getattr(new, name).data = p.data
            getattr(new, name).requires_grad = p.requires_grad
        new.training = self.training
        return new
    if isinstance(self, _Sequential):
        new = _Sequential([name for name, _ in self.named_children()],
                          [copy.deepcopy(child, memo) for _, child in self.named_children()])
        new.training = self.training
        memo[id(self)] = new
        return new
    if type(self).__module__.startswith('neuralglm.'):
        # a parameter-free layer of the bridge (ReLU(), Softmax(dim=1), Dropout(p=0.5, inplace=False), ...): a new
        # one from its repr, as an engine layer keeps what its last forward needs for the backward
        try:
            new = eval(repr(self), globals())
        except Exception:
            raise ValueError("copy.deepcopy of %r is not supported by neuralGLM's PyTorch bridge" % (self,))
        new.training = self.training
        memo[id(self)] = new
        return new
    new = type(self).__new__(type(self))
    memo[id(self)] = new
    own = [name for name, _ in self.named_parameters() if '.' not in name]
    children = [name for name, _ in self.named_children()]
    names = own + children + sorted(k for k in self.__dict__ if k not in own and k not in children)
    for name in names:
        setattr(new, name, copy.deepcopy(self.__dict__[name], memo))
    new.training = self.training
    return new


def _deepcopy_tensor(self, memo):
    """copy.deepcopy(tensor) and of a state_dict: a tensor with a copy of the values, the same requires_grad and
    a copy of .grad; or a Parameter with a copy of the values and the same requires_grad."""
    if id(self) in memo:
        return memo[id(self)]
    if isinstance(self, Parameter):
        new = Parameter(self.detach())
        new.requires_grad = self.requires_grad
    else:
        new = self.detach().clone()
        if self.requires_grad:
            new.requires_grad_(True)
        if self.grad is not None:
            new.grad = self.grad.detach().clone()
    memo[id(self)] = new
    return new


Module.__deepcopy__ = _deepcopy_module
_Tensor.__deepcopy__ = _deepcopy_tensor


class _Checked(type):
    """The type of the names below: calling one makes the bridge's module (a Java object), and isinstance(m, nn.ReLU)
    asks whether m is such a module, as with PyTorch's classes (it was a TypeError: the names were functions)."""

    def __instancecheck__(cls, obj):
        return cls._is(obj)


def _factory_class(name, make, check, doc):
    def new(cls, *args, **kwargs):
        return make(*args, **kwargs)
    return _Checked(name, (object,), {'__new__': new, '_is': staticmethod(check), '__doc__': doc})


def _sequential(*layers):
    if len(layers) == 1 and isinstance(layers[0], dict):
        named = layers[0]
        _tabular.check_sequential(named.values())
        return _Sequential(list(named.keys()), list(named.values()))
    _tabular.check_sequential(layers)
    return _Sequential(list(layers))


Sequential = _factory_class('Sequential', _sequential, lambda m: isinstance(m, _Sequential),
                            "nn.Sequential(a, b, ...) or nn.Sequential(OrderedDict([('fc1', a), ...])).")


def _activation_class(name, make):
    def check(m):
        return isinstance(m, Module) and not isinstance(m, _Sequential) and str(m).split('(')[0] == name
    return _factory_class(name, make, check, "nn.%s: the bridge's %s module" % (name, name))


ReLU, LeakyReLU, ELU, Tanh, Sigmoid, Softplus, Identity, Softmax, LogSoftmax, Flatten = [
    _activation_class(n, getattr(_Nn, n)) for n in
    ('ReLU', 'LeakyReLU', 'ELU', 'Tanh', 'Sigmoid', 'Softplus', 'Identity', 'Softmax', 'LogSoftmax', 'Flatten')]


class ModuleList(Module):
    """nn.ModuleList(modules): a list of modules registered as this module's children "0", "1", ...,
    so that their parameters are the model's (layers.0.weight, ...); index, iterate, append, extend.
    It is not called itself: forward iterates over it."""

    def __init__(self, modules=None):
        super(ModuleList, self).__init__()
        if modules is not None:
            self.extend(modules)

    def append(self, module):
        if not isinstance(module, Module):
            raise TypeError("ModuleList.append: %s is not a Module subclass" % type(module).__name__)
        setattr(self, str(len(self)), module)
        return self

    def extend(self, modules):
        for module in modules:
            self.append(module)
        return self

    def __len__(self):
        return len(list(self.children()))

    def __iter__(self):
        return iter(list(self.children()))

    def __getitem__(self, index):
        items = list(self.children())
        if isinstance(index, slice):
            return ModuleList(items[index])
        return items[index]

    def __setitem__(self, index, module):
        setattr(self, str(range(len(self))[index]), module)

    def forward(self, *args):
        raise NotImplementedError("ModuleList is not called itself; iterate over it in forward: for layer in self.layers: x = layer(x)")


class ModuleDict(Module):
    """nn.ModuleDict(dict or pairs): modules registered as children under their keys; index by key,
    keys(), values(), items(), len, in. It is not called itself."""

    def __init__(self, modules=None):
        super(ModuleDict, self).__init__()
        if modules is not None:
            self.update(modules)

    def update(self, modules):
        pairs = modules.items() if hasattr(modules, 'items') else modules
        for key, module in pairs:
            self[key] = module

    def __setitem__(self, key, module):
        if not isinstance(module, Module):
            raise TypeError("ModuleDict['%s']: %s is not a Module subclass" % (key, type(module).__name__))
        setattr(self, key, module)

    def __getitem__(self, key):
        for name, module in self.named_children():
            if name == key:
                return module
        raise KeyError(key)

    def keys(self):
        return [name for name, _ in self.named_children()]

    def values(self):
        return list(self.children())

    def items(self):
        return list(self.named_children())

    def __len__(self):
        return len(self.keys())

    def __iter__(self):
        return iter(self.keys())

    def __contains__(self, key):
        return key in self.keys()

    def forward(self, *args):
        raise NotImplementedError("ModuleDict is not called itself; call its modules in forward: self.heads['a'](x)")


def _loss(cls, function, *extra):
    """nn.<cls>: an nn.Module, as PyTorch's losses are (so .to(device), isinstance, subclassing, keyword calls and
    printing work as there), whose forward(input, target) calls nn.functional.<function> with its options. The
    options are attributes (crit.reduction = 'sum'); weight and pos_weight are buffers, in state_dict() when set."""
    known = ("reduction",) + extra
    buffers = [name for name in ("weight", "pos_weight") if name in extra]

    def __init__(self, *args, **options):
        Module.__init__(self)
        self.__dict__['_nglm_loss'] = _Loss(function)
        if buffers:
            self.__dict__['_nglm_buffers'] = list(buffers)
        if len(args) == 1 and "weight" in extra and "weight" not in options:
            options["weight"] = args[0]  # PyTorch's first parameter: nn.CrossEntropyLoss(class_weights)
        elif args:
            raise TypeError("nn.%s takes keyword arguments only here (%s), e.g. nn.%s(reduction='sum')"
                            % (cls, ", ".join(known), cls))
        for key, value in options.items():
            if key not in known:
                raise ValueError("nn.%s(%s=...) is not supported by neuralGLM's PyTorch bridge; it takes %s"
                                 % (cls, key, ", ".join(known)))
            setattr(self, key, value)

    def forward(self, input, target):
        return self.__dict__['_nglm_loss'](input, target)

    def option(name):
        def get(self):
            value = getattr(self.__dict__['_nglm_loss'], name)
            return str(value) if isinstance(value, unicode) else value  # a Java String: 'sum', not u'sum'

        def put(self, value):
            setattr(self.__dict__['_nglm_loss'], name, value)
        return property(get, put, doc="nn.%s's %s" % (cls, name))

    members = dict((name, option(name)) for name in known)
    members.update(__init__=__init__, forward=forward,
                   __doc__="nn.%s(%s): an nn.Module whose forward(input, target) calls nn.functional.%s"
                           % (cls, ", ".join(known), function))
    return type(cls, (Module,), members)


MSELoss = _loss("MSELoss", "mse_loss")
L1Loss = _loss("L1Loss", "l1_loss")
SmoothL1Loss = _loss("SmoothL1Loss", "smooth_l1_loss", "beta")
HuberLoss = _loss("HuberLoss", "huber_loss", "delta")
BCELoss = _loss("BCELoss", "binary_cross_entropy", "weight")
BCEWithLogitsLoss = _loss("BCEWithLogitsLoss", "binary_cross_entropy_with_logits", "weight", "pos_weight")
CrossEntropyLoss = _loss("CrossEntropyLoss", "cross_entropy", "weight", "ignore_index", "label_smoothing")
NLLLoss = _loss("NLLLoss", "nll_loss", "weight", "ignore_index")
SoftMarginLoss = _loss("SoftMarginLoss", "soft_margin_loss")
PoissonNLLLoss = _loss("PoissonNLLLoss", "poisson_nll_loss", "log_input", "full", "eps")
KLDivLoss = _loss("KLDivLoss", "kl_div", "log_target")

from torch.nn import functional, init, utils  # noqa: E402
class GELU(Module):
    """nn.GELU(approximate='none'): F.gelu as a module (a layer of nn.Sequential too)."""

    def __init__(self, approximate='none'):
        Module.__init__(self)
        if approximate not in ('none', 'tanh'):
            raise RuntimeError("approximate argument must be either none or tanh.")
        self.approximate = approximate

    def forward(self, input):
        from torch.nn import functional
        return functional.gelu(input, self.approximate)

    def toString(self):
        return "GELU(approximate='%s')" % self.approximate

    __repr__ = toString
    __str__ = toString


class SiLU(Module):
    """nn.SiLU(): x sigmoid(x) as a module (a layer of nn.Sequential too)."""

    def __init__(self, inplace=False):
        Module.__init__(self)

    def forward(self, input):
        return _T._grad_fn(input * input.sigmoid(), 'SiluBackward0')

    def toString(self):
        return "SiLU()"

    __repr__ = toString
    __str__ = toString


from torch.nn._tabular import BatchNorm1d, LayerNorm, Embedding  # noqa: E402
from torch.nn import _tabular  # noqa: E402

# more engine activations (neuralglm.jython.Activations, made by Nn; fused in a Sequential), classes for isinstance;
# GLU, PReLU, RReLU and the losses of three inputs are Python modules over nn.functional
ReLU6, Hardtanh, SELU, CELU, Mish, Softsign, Softmin, Tanhshrink, Softshrink, Hardshrink, Hardsigmoid, Hardswish, \
    LogSigmoid, Threshold = [_activation_class(n, getattr(_Nn, n)) for n in
                             ('ReLU6', 'Hardtanh', 'SELU', 'CELU', 'Mish', 'Softsign', 'Softmin', 'Tanhshrink',
                              'Softshrink', 'Hardshrink', 'Hardsigmoid', 'Hardswish', 'LogSigmoid', 'Threshold')]
Hardtanh._is = staticmethod(lambda m, check=Hardtanh._is: check(m) or isinstance(m, ReLU6))  # ReLU6 is a Hardtanh
from torch.nn._activations import GLU, PReLU, RReLU, GaussianNLLLoss, MarginRankingLoss  # noqa: E402
from torch.nn._activations import HingeEmbeddingLoss, MultiLabelSoftMarginLoss, CosineEmbeddingLoss  # noqa: E402
from torch.nn._activations import TripletMarginLoss, MultiMarginLoss  # noqa: E402

_shim.strict(__name__, "neuralGLM's PyTorch bridge (scripts/lib/torch/nn)")

import copy, json
d = {'zeta': 1, 'alpha': 2, 'mid': 3}
d['beta'] = 4
del d['alpha']
d['alpha'] = 5
print(d, type(d) is dict, isinstance(d, dict), d == {'mid': 3, 'zeta': 1, 'beta': 4, 'alpha': 5})
print(list(d.keys()), list(d.items()), list(d), list(d.values()))
print(json.dumps(d), json.dumps({'b': [1, {'y': 2, 'x': 1}], 'a': None}))
history = {}
for name in ['val_loss', 'loss', 'acc', 'epoch']:
    history[name] = len(name)
print(history, {k: v * 2 for k, v in history.items() if v > 3})
print(dict(zeta=1, alpha=2), dict([('q', 1), ('b', 2)]), dict(zip('zyx', range(3))), dict(history, extra=0))
print({**d, 'new': 0, **{'zz': 1}}, dict(**history), dict(), {})
print(copy.copy(history), copy.deepcopy({'w': [1], 'a': {'k': 2, 'c': 3}}))
nested = {
    'layers': {'fc2': 2, 'fc1': 1},  # comment
    'lr': 0.1,
}
print(nested, sorted({'b', 'a'}), sorted({1, 2} | {3}))
s = {'x': lambda v: v + 1, 'a': (lambda: 2)}
print([k for k in s], s['x'](1), s['a']())
params = {name: i for i, name in enumerate(['w3', 'b1', 'w1'])}
print(params, max(params, key=params.get), '%(a)s-%(b)s' % {'b': 2, 'a': 1})
try:
    raise ValueError('line')
except ValueError:
    import sys
    print(sys.exc_info()[2].tb_lineno)
print(','.join(json.loads('{"z": 1, "a": {"y": 2, "b": 3}, "m": 3}')), ','.join(json.loads('{"z": 1, "a": {"y": 2, "b": 3}}')['a']))

def counter():
    count = 0
    def step(by=1):
        nonlocal count
        count += by
        return count
    return step
c = counter()
print(c(), c(), c(5))
def train():
    best, history = float('inf'), []
    def evaluate(loss):
        nonlocal best, history
        if loss < best:
            best = loss
        history += [loss]
        history = history[-2:]
    for loss in [3.0, 1.5, 2.0, 0.5]:
        evaluate(loss)
    return best, history
print(train())
def outer():
    x = 'outer'
    def middle():
        def inner():
            nonlocal x
            x = 'set by inner'
        inner()
        return x
    y = middle()
    return x, y
print(outer())
def shadow():
    n = 1
    def g():
        nonlocal n
        def h(n):
            n = n * 100
            return n
        n = h(2) + 1
        return [n for n in range(2)]
    return g(), n
print(shadow())
def one_line(): return 'one line'
def after():
    total = 0
    def add(v):
        nonlocal total
        total = total + v
    for v in (1, 2):
        add(v)
    return total
print(one_line(), after())

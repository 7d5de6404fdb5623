def half(x):
    return f"{x / 2}"

from .helpers import half

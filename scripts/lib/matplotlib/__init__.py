"""Just enough matplotlib for the notebook's plotting cells: matplotlib.pyplot, drawn with
JFreeChart into PNG files (headless). See matplotlib.pyplot."""
from __future__ import absolute_import

import _shim

__version__ = "0-neuralglm-shim"


def use(backend, *args, **kwargs):
    """Accepted and ignored: figures are always PNG files."""


_shim.strict(__name__, "neuralGLM's matplotlib shim (scripts/lib/matplotlib: pyplot only)")

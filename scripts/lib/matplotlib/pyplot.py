"""Just enough matplotlib.pyplot for the notebook's plotting cells, drawn with JFreeChart (headless).

figure(figsize=(w, h)) makes a figure of w x h inches at 100 dpi; fig.add_subplot(rows, cols, i) or
subplot(...) picks a panel; scatter(x, y, s=, c=/color=, alpha=, label=, marker=), plot(x, y, fmt,
color=, linestyle=, linewidth=, label=), xlabel, ylabel, title, legend, grid, xlim, ylim draw in the
current panel (x and y may be lists, numpy shim arrays or tensors). Colours follow matplotlib's
default cycle. There is no display: show() writes every open figure to a PNG file under
rcParams['savefig.directory'] ('out' unless changed), figure_1.png, figure_2.png, ... in the order
shown, names the file on stderr, and closes the figures; savefig(path) writes one figure where asked.
Figures still open (never shown nor saved) when the program ends are written as show() would. fig.axes, ax.lines,
ax.collections (get_offsets, get_xdata, get_ydata, get_label) give back what was drawn. A pyplot name
that is not here fails with a one-line message naming it.
"""
from __future__ import absolute_import

import math
import os
import sys

from java.lang import Runtime, System, Thread
System.setProperty("java.awt.headless", "true")

from java.awt import BasicStroke, Color, RenderingHints
from java.awt.geom import Ellipse2D, Rectangle2D
from java.awt.image import BufferedImage
from java.io import File
from javax.imageio import ImageIO
from org.jfree.chart import JFreeChart
from org.jfree.chart.axis import NumberAxis
from org.jfree.chart.plot import XYPlot, SeriesRenderingOrder
from org.jfree.chart.renderer.xy import XYLineAndShapeRenderer
from org.jfree.chart.title import LegendTitle
from org.jfree.chart.ui import RectangleEdge
from org.jfree.data.xy import XYSeries, XYSeriesCollection

from neuralglm.jython import Tensor as _Tensor

import _shim

rcParams = {'savefig.directory': 'out', 'figure.figsize': (6.4, 4.8), 'figure.dpi': 100}

_CYCLE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f',
          '#bcbd22', '#17becf']
_NAMED = {'b': '#1f77b4', 'g': '#2ca02c', 'r': '#d62728', 'c': '#17becf', 'm': '#e377c2', 'y': '#bcbd22',
          'k': '#000000', 'w': '#ffffff', 'blue': '#1f77b4', 'orange': '#ff7f0e', 'green': '#2ca02c',
          'red': '#d62728', 'purple': '#9467bd', 'brown': '#8c564b', 'pink': '#e377c2', 'gray': '#7f7f7f',
          'grey': '#7f7f7f', 'olive': '#bcbd22', 'cyan': '#17becf', 'black': '#000000', 'white': '#ffffff',
          'yellow': '#ffd700', 'magenta': '#ff00ff', 'navy': '#000080', 'darkgreen': '#006400'}
_STYLES = {'-': 'solid', '--': 'dashed', '-.': 'dashdot', ':': 'dotted', 'solid': 'solid', 'dashed': 'dashed',
           'dashdot': 'dashdot', 'dotted': 'dotted', 'None': None, 'none': None, '': None, ' ': None}
_MARKERS = 'o.,xs^v+*Dd<>ph'


def _values(v):
    """A flat list of floats from a list, a numpy shim array or a tensor (a column counts as flat)."""
    if isinstance(v, _Tensor):
        v = v.detach().tolist()
    elif hasattr(v, 'tolist'):
        v = v.tolist()
    elif not isinstance(v, (list, tuple)):
        v = list(v) if hasattr(v, '__iter__') else [v]
    out = []
    for x in v:
        if isinstance(x, (list, tuple)):
            if len(x) != 1:
                raise ValueError("matplotlib shim: x and y must be 1-d (or a column), got rows of %d values" % len(x))
            x = x[0]
        out.append(float(x))
    return out


def _colour(spec, alpha=None):
    if spec is None:
        return None
    if isinstance(spec, (tuple, list)) and len(spec) in (3, 4):
        r, g, b = [int(round(255 * float(c))) for c in spec[:3]]
        a = spec[3] if len(spec) == 4 else 1.0
    else:
        s = str(spec)
        if s.startswith('C') and s[1:].isdigit():
            s = _CYCLE[int(s[1:]) % len(_CYCLE)]
        s = _NAMED.get(s, s)
        if not (s.startswith('#') and len(s) == 7):
            raise ValueError("matplotlib shim: colour %r is not supported; use a name such as 'red', 'C1' or '#rrggbb'"
                             % (spec,))
        r, g, b, a = int(s[1:3], 16), int(s[3:5], 16), int(s[5:7], 16), 1.0
    if alpha is not None:
        a = float(alpha)
    return Color(r, g, b, int(round(255 * a)))


class Line2D(object):
    """What plot() drew."""

    def __init__(self, xs, ys, label, colour, style, width, marker):
        self._xs, self._ys, self._label = xs, ys, label
        self._colour, self.linestyle, self.linewidth, self.marker = colour, style, width, marker

    def get_xdata(self):
        return list(self._xs)

    def get_ydata(self):
        return list(self._ys)

    def get_label(self):
        return self._label


class PathCollection(object):
    """What scatter() drew."""

    def __init__(self, xs, ys, label, colour, size, marker):
        self._xs, self._ys, self._label = xs, ys, label
        self._colour, self.size, self.marker = colour, size, marker

    def get_offsets(self):
        return [[x, y] for x, y in zip(self._xs, self._ys)]

    def get_label(self):
        return self._label


class Axes(object):
    """One panel of a figure."""

    def __init__(self, figure, rows, cols, index):
        self.figure = figure
        self._grid = (rows, cols, index)
        self.lines, self.collections = [], []
        self._order = []
        self._title = self._xlabel = self._ylabel = ""
        self._legend = False
        self._xlim = self._ylim = None

    def _next_colour(self):
        return _CYCLE[len(self._order) % len(_CYCLE)]

    def plot(self, *args, **kwargs):
        args = list(args)
        fmt = args.pop() if args and isinstance(args[-1], str) else ""
        if len(args) == 1:
            ys = _values(args[0])
            xs = [float(i) for i in range(len(ys))]
        elif len(args) == 2:
            xs, ys = _values(args[0]), _values(args[1])
        else:
            raise ValueError("matplotlib shim: plot takes (y), (x, y) or (x, y, fmt); several groups are not supported")
        if len(xs) != len(ys):
            raise ValueError("matplotlib shim: x and y have different lengths %d and %d" % (len(xs), len(ys)))
        colour, style, marker = None, None, None
        rest = fmt
        for s in ('--', '-.', '-', ':'):
            if s in rest:
                style, rest = _STYLES[s], rest.replace(s, '', 1)
                break
        for ch in rest:
            if ch in _MARKERS:
                marker = ch
            elif ch in 'bgrcmykw':
                colour = ch
            else:
                raise ValueError("matplotlib shim: format %r is not understood" % fmt)
        colour = kwargs.pop('color', kwargs.pop('c', colour)) or self._next_colour()
        style = _STYLES.get(kwargs.pop('linestyle', kwargs.pop('ls', None)), style)
        if style is None and marker is None:
            style = 'solid'
        width = float(kwargs.pop('linewidth', kwargs.pop('lw', 1.5)))
        marker = kwargs.pop('marker', marker)
        label = kwargs.pop('label', None)
        alpha = kwargs.pop('alpha', None)
        kwargs.pop('zorder', None)
        kwargs.pop('markersize', None)
        if kwargs:
            raise ValueError("matplotlib shim: plot() option %s is not supported" % ", ".join(sorted(kwargs)))
        line = Line2D(xs, ys, label, _colour(colour, alpha), style, width, marker)
        self.lines.append(line)
        self._order.append(line)
        return [line]

    def scatter(self, x, y, s=None, c=None, color=None, alpha=None, label=None, marker='o', **kwargs):
        kwargs.pop('zorder', None)
        kwargs.pop('edgecolors', None)
        if kwargs:
            raise ValueError("matplotlib shim: scatter() option %s is not supported" % ", ".join(sorted(kwargs)))
        xs, ys = _values(x), _values(y)
        if len(xs) != len(ys):
            raise ValueError("matplotlib shim: x and y have different lengths %d and %d" % (len(xs), len(ys)))
        if c is not None and not isinstance(c, str):
            raise ValueError("matplotlib shim: scatter(c=...) takes one colour; colour maps are not supported")
        colour = color or c or self._next_colour()
        size = 36.0 if s is None else float(s)
        points = PathCollection(xs, ys, label, _colour(colour, alpha), size, marker)
        self.collections.append(points)
        self._order.append(points)
        return points

    def set_title(self, text):
        self._title = str(text)

    def get_title(self):
        return self._title

    def set_xlabel(self, text):
        self._xlabel = str(text)

    def get_xlabel(self):
        return self._xlabel

    def set_ylabel(self, text):
        self._ylabel = str(text)

    def get_ylabel(self):
        return self._ylabel

    def set_xlim(self, lo, hi=None):
        self._xlim = tuple(lo) if hi is None else (lo, hi)

    def set_ylim(self, lo, hi=None):
        self._ylim = tuple(lo) if hi is None else (lo, hi)

    def legend(self, *args, **kwargs):
        self._legend = True

    def grid(self, *args, **kwargs):
        pass

    # ------------------------------------------------------------ drawing
    def _chart(self, dpi):
        data = XYSeriesCollection()
        renderer = XYLineAndShapeRenderer()
        for i, item in enumerate(self._order):
            # series keys must differ; zero-width spaces keep equal labels apart without showing
            series = XYSeries((item.get_label() or "_") + u"\u200b" * i, False, True)
            for x, y in zip(item._xs, item._ys):
                if not (math.isnan(x) or math.isnan(y) or math.isinf(x) or math.isinf(y)):
                    series.add(x, y)
            data.addSeries(series)
            renderer.setSeriesPaint(i, item._colour)
            renderer.setSeriesVisibleInLegend(i, item.get_label() is not None)
            if isinstance(item, PathCollection):
                d = math.sqrt(item.size) * dpi / 72.0
                renderer.setSeriesLinesVisible(i, False)
                renderer.setSeriesShapesVisible(i, True)
                renderer.setSeriesShape(i, Ellipse2D.Double(-d / 2, -d / 2, d, d)
                                        if item.marker in ('o', '.', None) else Rectangle2D.Double(-d / 2, -d / 2, d, d))
            else:
                w = item.linewidth * dpi / 72.0
                renderer.setSeriesLinesVisible(i, item.linestyle is not None)
                renderer.setSeriesShapesVisible(i, item.marker is not None)
                dash = {'dashed': [3.7 * w, 1.6 * w], 'dotted': [w, 1.65 * w],
                        'dashdot': [6.4 * w, 1.6 * w, w, 1.6 * w]}.get(item.linestyle)
                renderer.setSeriesStroke(i, BasicStroke(w, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10.0, dash, 0.0)
                                         if dash else BasicStroke(w))
        renderer.setDrawSeriesLineAsPath(True)
        xaxis, yaxis = NumberAxis(self._xlabel), NumberAxis(self._ylabel)
        xaxis.setAutoRangeIncludesZero(False)
        yaxis.setAutoRangeIncludesZero(False)
        if self._xlim:
            xaxis.setRange(float(self._xlim[0]), float(self._xlim[1]))
        if self._ylim:
            yaxis.setRange(float(self._ylim[0]), float(self._ylim[1]))
        plot = XYPlot(data, xaxis, yaxis, renderer)
        plot.setBackgroundPaint(Color.WHITE)
        plot.setDomainGridlinesVisible(False)
        plot.setRangeGridlinesVisible(False)
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD)
        chart = JFreeChart(self._title or None, JFreeChart.DEFAULT_TITLE_FONT, plot, False)
        chart.setBackgroundPaint(Color.WHITE)
        if self._legend:
            legend = LegendTitle(plot)
            legend.setPosition(RectangleEdge.BOTTOM)
            chart.addLegend(legend)
        return chart


class Figure(object):
    """A figure: panels on a grid, written as one PNG image."""

    def __init__(self, number, figsize, dpi):
        self.number = number
        self.figsize = tuple(figsize)
        self.dpi = dpi
        self.axes = []
        self._current = None

    def add_subplot(self, *args):
        if len(args) == 1:
            n = int(args[0])
            args = (n // 100, n // 10 % 10, n % 10)
        rows, cols, index = [int(a) for a in args]
        if not 1 <= index <= rows * cols:
            raise ValueError("matplotlib shim: subplot index %d is outside 1..%d" % (index, rows * cols))
        for ax in self.axes:
            if ax._grid == (rows, cols, index):
                self._current = ax
                return ax
        ax = Axes(self, rows, cols, index)
        self.axes.append(ax)
        self._current = ax
        return ax

    def gca(self):
        return self._current or self.add_subplot(1, 1, 1)

    def savefig(self, fname, dpi=None, **kwargs):
        path = str(fname)
        if not os.path.splitext(path)[1]:
            path += ".png"
        if not path.lower().endswith(".png"):
            raise ValueError("matplotlib shim: only PNG files are written, not %s" % path)
        folder = File(path).getAbsoluteFile().getParentFile()
        if not folder.isDirectory() and not folder.mkdirs():
            raise ValueError("matplotlib shim: cannot make the folder %s" % folder)
        dpi = dpi or self.dpi
        width, height = int(round(self.figsize[0] * dpi)), int(round(self.figsize[1] * dpi))
        image = BufferedImage(width, height, BufferedImage.TYPE_INT_RGB)
        g = image.createGraphics()
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON)
        g.setPaint(Color.WHITE)
        g.fillRect(0, 0, width, height)
        for ax in self.axes:
            rows, cols, index = ax._grid
            r, c = (index - 1) // cols, (index - 1) % cols
            w, h = float(width) / cols, float(height) / rows
            ax._chart(dpi).draw(g, Rectangle2D.Double(c * w, r * h, w, h))
        g.dispose()
        ImageIO.write(image, "png", File(path))
        self._saved = True
        return path

    def suptitle(self, text, **kwargs):
        self._suptitle = str(text)


_figures = []
_written = [0]


def figure(num=None, figsize=None, dpi=None, **kwargs):
    for f in _figures:
        if num is not None and f.number == num:
            _figures.remove(f)
            _figures.append(f)
            return f
    number = num if num is not None else max([f.number for f in _figures] + [0]) + 1
    f = Figure(number, figsize or rcParams['figure.figsize'], dpi or rcParams['figure.dpi'])
    _figures.append(f)
    return f


def gcf():
    return _figures[-1] if _figures else figure()


def gca():
    return gcf().gca()


def subplot(*args):
    return gcf().add_subplot(*args)


def subplots(nrows=1, ncols=1, figsize=None, **kwargs):
    f = figure(figsize=figsize)
    axes = [[f.add_subplot(nrows, ncols, r * ncols + c + 1) for c in range(ncols)] for r in range(nrows)]
    if nrows == 1 and ncols == 1:
        return f, axes[0][0]
    if nrows == 1 or ncols == 1:
        return f, [a for row in axes for a in row]
    return f, axes


def get_fignums():
    return [f.number for f in _figures]


def plot(*args, **kwargs):
    return gca().plot(*args, **kwargs)


def scatter(*args, **kwargs):
    return gca().scatter(*args, **kwargs)


def xlabel(text, **kwargs):
    gca().set_xlabel(text)


def ylabel(text, **kwargs):
    gca().set_ylabel(text)


def title(text, **kwargs):
    gca().set_title(text)


def legend(*args, **kwargs):
    gca().legend(*args, **kwargs)


def grid(*args, **kwargs):
    gca().grid(*args, **kwargs)


def xlim(*args):
    gca().set_xlim(*args)


def ylim(*args):
    gca().set_ylim(*args)


def tight_layout(*args, **kwargs):
    """Accepted and ignored."""


def savefig(fname, **kwargs):
    return gcf().savefig(fname, **kwargs)


def close(fig=None):
    if fig == 'all':
        del _figures[:]
    elif fig is None:
        if _figures:
            _figures.pop()
    else:
        for f in list(_figures):
            if f is fig or f.number == fig:
                _figures.remove(f)


def show(*args, **kwargs):
    """Writes every open figure to rcParams['savefig.directory']/figure_<k>.png, names it on stderr,
    and closes it; returns the paths."""
    paths = []
    for f in list(_figures):
        _written[0] += 1
        path = f.savefig(rcParams['savefig.directory'] + "/figure_%d.png" % _written[0])
        _notice("plt.show(): figure written to %s (no display here)" % path)
        paths.append(path)
    del _figures[:]
    return paths


def _notice(line):
    sys.stderr.write(line + "\n")


def _at_exit():
    """Figures never shown nor saved are written when the program ends (a JVM shutdown hook: Jython's
    launcher does not run atexit functions), with the notice on the JVM's stderr."""
    unsaved = [f for f in _figures if not getattr(f, '_saved', False) and f.axes]
    if unsaved:
        global _notice
        _notice = System.err.println
        del _figures[:]
        _figures.extend(unsaved)
        show()


Runtime.getRuntime().addShutdownHook(Thread(_at_exit))

_shim.strict(__name__, "neuralGLM's matplotlib.pyplot shim (scripts/lib/matplotlib/pyplot.py)")

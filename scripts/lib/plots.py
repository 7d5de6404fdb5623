"""PNG charts with JFreeChart, headless: the scripts' figures. No maths: series in, files out."""
import math
import os

from java.lang import System
System.setProperty("java.awt.headless", "true")

from java.awt import BasicStroke, Color
from java.io import File
from org.jfree.chart import ChartFactory, ChartUtils
from org.jfree.chart.axis import LogAxis
from org.jfree.chart.plot import PlotOrientation, SeriesRenderingOrder
from org.jfree.chart.renderer.xy import XYLineAndShapeRenderer
from org.jfree.data.xy import XYSeries, XYSeriesCollection

WIDTH, HEIGHT = 800, 500

# matplotlib's default colour cycle ("tab10"): readable on white, unlike JFreeChart's default yellow
PALETTE = [Color(0x1f77b4), Color(0xff7f0e), Color(0x2ca02c), Color(0xd62728), Color(0x9467bd),
           Color(0x8c564b), Color(0xe377c2), Color(0x7f7f7f), Color(0xbcbd22), Color(0x17becf)]
DASHED = BasicStroke(2.0, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10.0, [8.0, 6.0], 0.0)


def _series(label, xs, ys):
    s = XYSeries(label, False, True)
    for x, y in zip(xs, ys):
        x, y = float(x), float(y)
        if not (math.isinf(x) or math.isinf(y) or math.isnan(x) or math.isnan(y)):
            s.add(x, y)
    return s


def chart(path, title, xlabel, ylabel, lines=(), points=(), log_y=False, width=None, height=None):
    """Saves a chart: points are lists of (label, xs, ys), lines of (label, xs, ys) or (label, xs, ys,
    "dashed"); non-finite values are left out. Later series are drawn on top of earlier ones, so a
    dashed line over a solid one shows both where they coincide."""
    data = XYSeriesCollection()
    for series in list(points) + list(lines):
        data.addSeries(_series(*series[:3]))
    c = ChartFactory.createXYLineChart(title, xlabel, ylabel, data, PlotOrientation.VERTICAL,
                                       True, False, False)
    plot = c.getXYPlot()
    plot.setBackgroundPaint(Color.WHITE)
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY)
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY)
    renderer = XYLineAndShapeRenderer()
    for i in range(len(points) + len(lines)):
        renderer.setSeriesPaint(i, PALETTE[i % len(PALETTE)])
    for i in range(len(points)):
        renderer.setSeriesLinesVisible(i, False)
        renderer.setSeriesShapesVisible(i, True)
    for i, line in enumerate(lines):
        k = len(points) + i
        renderer.setSeriesLinesVisible(k, True)
        renderer.setSeriesShapesVisible(k, False)
        renderer.setSeriesStroke(k, DASHED if line[3:] == ("dashed",) else BasicStroke(3.0))
    renderer.setDrawSeriesLineAsPath(True)  # one path per line, so that dashes run along it
    plot.setRenderer(renderer)
    plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD)
    if log_y:
        plot.setRangeAxis(LogAxis(ylabel))
    folder = os.path.dirname(path)
    if folder and not os.path.isdir(folder):
        os.makedirs(folder)
    ChartUtils.saveChartAsPNG(File(path), c, width or WIDTH, height or HEIGHT)
    return path
